import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { Errors, type FieldErrors } from '../../core/errors.js';
import { requirePermission } from '../../core/auth/actor.js';
import { safeFileName } from '../../core/files/files.js';
import { commandContext, formErrors } from '../../core/web/forms.js';
import { UUID_RE, vnIsoDate } from '../../core/validation.js';
import { findCurrentByCode, type ProcedureWithVersion } from '../procedures/index.js';
import { MAX_FILE_BYTES } from './dossiers.commands.js';
import { deskIntake, keptScans, storeDeskScan, type DeskFile } from './dossiers.desk.js';
import { DOSSIER_RECEIVE } from './dossiers.policy.js';
import { procedureOptions } from './dossiers.queue.js';
import { DeskChoosePage, DeskFormPage } from './pages/desk-pages.js';

const PROC_CODE = /^[A-Za-z0-9.\-_]{1,40}$/;

/** Desk intake pages (issue 3 part 8). */
export function deskRoutes(app: FastifyInstance, s: Services) {
  const procedureOf = async (code: string): Promise<ProcedureWithVersion> => {
    const proc = PROC_CODE.test(code) ? await findCurrentByCode(s.db, code, vnIsoDate()) : undefined;
    if (!proc) throw Errors.notFound('Thủ tục');
    return proc;
  };

  app.get('/quan-tri/ho-so/tai-quay', async (req, reply) => {
    requirePermission(req.actor, DOSSIER_RECEIVE);
    const code = String((req.query as Record<string, unknown>)['thu-tuc'] ?? '');
    if (code && PROC_CODE.test(code)) return reply.redirect(`/quan-tri/ho-so/tai-quay/${encodeURIComponent(code)}`);
    const errors: FieldErrors | undefined = code ? { 'thu-tuc': { vi: 'Vui lòng chọn thủ tục trong danh sách.', en: 'Choose a procedure.' } } : undefined;
    return reply.html(<DeskChoosePage ctx={reply.page(req)} procedures={await procedureOptions(s.db, vnIsoDate())} errors={errors} />, errors ? 400 : 200);
  });

  const formPage = (req: FastifyRequest, reply: FastifyReply, p: Parameters<typeof DeskFormPage>[0] extends infer T ? Omit<T, 'ctx'> : never, status?: number) =>
    reply.html(<DeskFormPage ctx={reply.page(req)} {...p} />, status);

  app.get('/quan-tri/ho-so/tai-quay/:code', async (req, reply) => {
    requirePermission(req.actor, DOSSIER_RECEIVE);
    const proc = await procedureOf(String((req.params as { code: string }).code));
    // The key of this form: a double click or a resent form makes one dossier, not two.
    return formPage(req, reply, { proc, values: {}, kept: [], idempotencyKey: crypto.randomUUID() });
  });

  app.post('/quan-tri/ho-so/tai-quay/:code', async (req, reply) => {
    const ctx = commandContext(req, s);
    requirePermission(req.actor, DOSSIER_RECEIVE);
    const proc = await procedureOf(String((req.params as { code: string }).code));
    if (!req.isMultipart()) throw Errors.badRequest('Biểu mẫu tải tệp không hợp lệ.', 'Expected multipart/form-data.');
    const values: Record<string, string> = {};
    const files: DeskFile[] = [];
    const fileErrors: FieldErrors = {};
    const partOpts = { throwFileSizeLimit: false, limits: { fileSize: MAX_FILE_BYTES, files: 40, fields: 200 } } as Parameters<typeof req.parts>[0];
    for await (const part of req.parts(partOpts)) {
      if (part.type === 'field') {
        const m = /^kept_(\d{1,3})$/.exec(part.fieldname);
        const v = String(part.value ?? '');
        if (m && UUID_RE.test(v)) files.push({ documentIndex: Number(m[1]), storedFileId: v });
        else if (!m) values[part.fieldname] = v.slice(0, 10_000);
        continue;
      }
      const m = /^file_(\d{1,3})$/.exec(part.fieldname);
      const data = await part.toBuffer();
      const name = safeFileName(part.filename ?? '');
      if (!m || (!part.filename && data.length === 0)) continue;
      if (part.file.truncated) {
        fileErrors[part.fieldname] = { vi: `Tệp “${name}” quá lớn: tối đa ${MAX_FILE_BYTES / 1048576} MB.`, en: `“${name}” is too large.` };
        continue;
      }
      try {
        const stored = await storeDeskScan(ctx, { data, originalName: part.filename });
        files.push({ documentIndex: Number(m[1]), storedFileId: stored.id });
      } catch (err) {
        fileErrors[part.fieldname] = { vi: `Tệp “${name}” không được nhận: ${formErrors(err).message || 'tệp không hợp lệ.'}`, en: `“${name}” was refused.` };
      }
    }
    const key = values.idempotencyKey ?? '';
    try {
      if (Object.keys(fileErrors).length) throw Errors.validation(fileErrors);
      const { dossier } = await deskIntake(ctx, { procedureCode: proc.code, answers: values, files, idempotencyKey: key });
      return reply.flash(`Đã tiếp nhận hồ sơ ${dossier.code}. In Giấy tiếp nhận và hẹn trả kết quả cho người nộp.`).redirect(`/quan-tri/ho-so/${dossier.id}`);
    } catch (err) {
      const e = formErrors(err);
      // Everything typed and every scan received stays on the page.
      return formPage(
        req,
        reply,
        { proc, values, kept: await keptScans(ctx, files), idempotencyKey: UUID_RE.test(key) ? key : crypto.randomUUID(), errors: { ...e.errors, ...fileErrors }, message: e.message },
        e.status,
      );
    }
  });
}
