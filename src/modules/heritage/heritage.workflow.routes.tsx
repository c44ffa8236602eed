import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { findStoredFile } from '../../core/files/files.js';
import { UUID_RE, nfc, vnIsoDate } from '../../core/validation.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { heritagePolicy } from './heritage.policy.js';
import { currentRules } from './heritage.queries.js';
import * as repo from './heritage.repository.js';
import { addFileDocument, decideFile, moveFile, openRankingFile } from './heritage.workflow.js';
import * as wrepo from './heritage.workflow.repository.js';
import { type FileForm, FilePage, FilesPage } from './pages/heritage-workflow.js';

type Multipart = { fields: Record<string, string>; data: Buffer; filename: string; truncated: boolean };

/** Staff pages of the ranking-file workflow (hồ sơ xếp hạng): list, open, file page, documents,
 * moves and the decision. Everything here needs the register's manage permission. */
export function workflowRoutes(app: FastifyInstance, s: Services, readMultipart: (req: FastifyRequest) => Promise<Multipart>) {
  const requireStaff = (req: FastifyRequest) => heritagePolicy.requireManage(s, req.actor);
  const fileId = (req: FastifyRequest) => {
    const { id } = req.params as { id: string };
    if (!UUID_RE.test(id)) throw Errors.notFound('Hồ sơ xếp hạng');
    return id;
  };

  async function listPage(req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number } = {}) {
    const q = req.query as Record<string, string | undefined>;
    const state = ['open', 'decided', 'stopped'].includes(q['tinh-trang'] ?? '') ? q['tinh-trang']! : '';
    const today = vnIsoDate();
    const [files, rules, stepRules] = await Promise.all([wrepo.listFiles(s.db, { state: state || undefined }), currentRules(s), wrepo.stepRulesAt(s.db, today)]);
    return reply.html(<FilesPage ctx={reply.page(req)} files={files} rules={rules} stepRules={stepRules} state={state} today={today} {...extra} />, extra.status ?? 200);
  }

  async function filePage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { form?: FileForm; values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number } = {}) {
    const file = await wrepo.findFile(s.db, id);
    if (!file) throw Errors.notFound('Hồ sơ xếp hạng');
    const [relic, rules, steps, documents] = await Promise.all([repo.findRelic(s.db, file.relicId), currentRules(s), wrepo.stepsOf(s.db, id), wrepo.documentsOf(s.db, id)]);
    if (!relic) throw Errors.notFound('Di tích');
    // The rule shown is the version in force on the running step's first day (the deadline's basis).
    const stepRules = await wrepo.stepRulesAt(s.db, file.stepStartedOn);
    return reply.html(
      <FilePage ctx={reply.page(req)} file={file} relic={relic} rules={rules} stepRules={stepRules} steps={steps} documents={documents} today={vnIsoDate()} {...extra} />,
      extra.status ?? 200,
    );
  }

  app.get('/quan-tri/di-san/ho-so', async (req, reply) => {
    await requireStaff(req);
    return listPage(req, reply);
  });

  app.post('/quan-tri/di-san/ho-so', async (req, reply) => {
    await requireStaff(req);
    const body = formBody(req);
    try {
      const code = nfc(body.relicCode).toUpperCase();
      const relic = /^[A-Z0-9-]{2,40}$/.test(code) ? await repo.findRelicByCode(s.db, code) : undefined;
      if (!relic) throw Errors.validation({ relicCode: { vi: code ? `Không có di tích mã "${code}" trong sổ đăng ký.` : 'Vui lòng nhập mã di tích.', en: 'No relic with this code.' } });
      const file = await openRankingFile(commandContext(req, s), relic.id, body);
      return reply.flash(req.lang === 'en' ? `File ${file.code} opened.` : `Đã mở hồ sơ xếp hạng ${file.code}.`).redirect(`/quan-tri/di-san/ho-so/${file.id}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
      const f = formErrors(err);
      return listPage(req, reply, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.get('/quan-tri/di-san/ho-so/tai-lieu/:id', async (req, reply) => {
    await requireStaff(req);
    const doc = await wrepo.documentById(s.db, fileId(req));
    const f = doc ? await findStoredFile(s.db, doc.storedFileId) : undefined;
    if (!f) throw Errors.notFound('Tài liệu');
    return reply
      .type(f.contentType)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.safeName)}`)
      .header('cache-control', 'private, no-store')
      .send(await s.files.read(f.storageKey));
  });

  app.get('/quan-tri/di-san/ho-so/:id', async (req, reply) => {
    await requireStaff(req);
    return filePage(req, reply, fileId(req));
  });

  app.post('/quan-tri/di-san/ho-so/:id/tai-lieu', async (req, reply) => {
    await requireStaff(req);
    const id = fileId(req);
    const up = await readMultipart(req);
    try {
      await addFileDocument(commandContext(req, s), id, { title: up.fields.title, data: up.data, filename: up.filename, truncated: up.truncated });
      return reply.flash(req.lang === 'en' ? 'Document uploaded.' : 'Đã tải lên tài liệu.').redirect(`/quan-tri/di-san/ho-so/${id}#tai-lieu`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403 || err.status === 404)) throw err;
      const f = formErrors(err);
      const errors = Object.keys(f.errors).length ? f.errors : { file: { vi: f.message, en: f.message } };
      return filePage(req, reply, id, { form: 'document', values: up.fields, errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/di-san/ho-so/:id/chuyen', async (req, reply) => {
    await requireStaff(req);
    const id = fileId(req);
    const body = formBody(req);
    const move = body.move === 'return' || body.move === 'stop' ? body.move : 'advance';
    try {
      await moveFile(commandContext(req, s), id, Number(body.version), move, { note: body.note, on: body.on });
      const done = move === 'stop' ? { vi: 'Đã dừng hồ sơ.', en: 'File stopped.' } : { vi: 'Đã chuyển bước hồ sơ.', en: 'File moved on.' };
      return reply.flash(req.lang === 'en' ? done.en : done.vi).redirect(`/quan-tri/di-san/ho-so/${id}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403 || err.status === 404)) throw err;
      const f = formErrors(err);
      const errors = Object.keys(f.errors).length ? f.errors : { note: { vi: f.message, en: f.message } };
      return filePage(req, reply, id, { form: 'move', values: { ...body, move }, errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/di-san/ho-so/:id/quyet-dinh', async (req, reply) => {
    await requireStaff(req);
    const id = fileId(req);
    const up = await readMultipart(req);
    try {
      await decideFile(commandContext(req, s), id, Number(up.fields.version), up.fields, up.data.length ? { data: up.data, filename: up.filename, truncated: up.truncated } : undefined);
      return reply.flash(req.lang === 'en' ? 'Decision recorded; the register is updated.' : 'Đã ghi quyết định xếp hạng và cập nhật sổ đăng ký.').redirect(`/quan-tri/di-san/ho-so/${id}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403 || err.status === 404)) throw err;
      const f = formErrors(err);
      return filePage(req, reply, id, { form: 'decide', values: up.fields, errors: f.errors, message: f.message, status: f.status });
    }
  });
}
