import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resultOfDossier } from './dossiers.processing.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../core/context.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { findStoredFile, safeFileName } from '../../core/files/files.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { findVersion, followUpsOfStep, isShown } from '../procedures/index.js';
import {
  attachFile,
  completeness,
  createDraftFromApi,
  loadOwnDraft,
  lookupDossier,
  findRating,
  findOwnDraft,
  MAX_FILE_BYTES,
  noticePdf,
  rateDossier,
  receiptPdf,
  receivingUnitName,
  removeFile,
  saveStep,
  startDraft,
  submitDossier,
  trackDossier,
  viewDossier,
  type Filing,
} from './dossiers.commands.js';
import { DOSSIER_STATUSES } from './dossiers.schema.js';
import { NOTICE_FORMS, type NoticeForm } from './dossiers.notices.js';
import { requireApplicant } from './dossiers.policy.js';
import * as repo from './dossiers.repository.js';
import { AttachmentsPage, CheckPage, DossierPage, DraftPromptPage, FORMS_SCRIPT, MyDossiersPage, NoticePage, StepPage } from './pages/filing-pages.js';
import { TrackingPage } from './pages/tracking-pages.js';
import { processingRoutes } from './processing.routes.js';
import { reportRoutes } from './reports.routes.js';
import { deskRoutes } from './desk.routes.js';
import { dossierApiRoutes } from './api.routes.js';
import { seesStaffView, staffLookup } from './dossiers.staffview.js';
import { applicantTimeline } from './dossiers.disclosure.js';
import { uuidParam as idParam } from '../../core/web/forms.js';

const PROC_CODE = /^[A-Za-z0-9.\-_]{1,40}$/;
const FINAL: string[] = ['returned', 'refused', 'stopped'];
/** The role holding a workflow step, as the public tracking page names it (never the officer's name). */
const ROLE_LABELS: Record<string, string> = {
  tiep_nhan: 'Bộ phận tiếp nhận và trả kết quả',
  chuyen_vien: 'Chuyên viên phòng chuyên môn',
  lanh_dao: 'Lãnh đạo Sở',
};
const DOSSIER_CODE = '^[A-Za-z0-9.\\-_]{1,60}$';
/** public/ sits at the package root, from src/ (tsx) and from dist/ (the build) alike. */
const FORMS_JS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public/js/forms.js');

const uuidParam = (req: FastifyRequest, name = 'id') => idParam(req, name, name === 'id' ? 'Hồ sơ' : 'Tệp');

const DossierJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
  status: Type.String({ enum: [...DOSSIER_STATUSES] }),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  channel: Type.String(),
  submittedAt: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time' }),
  dueDate: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date' }),
  events: Type.Array(
    Type.Object({ at: Type.String({ format: 'date-time' }), kind: Type.String(), note: Type.Unsafe<string | null>({ type: ['string', 'null'] }) }),
  ),
});

/** GET /api/v1/dossiers/{code} for staff adds what acting on the dossier through the API needs. */
const StaffDossierJson = Type.Composite([
  DossierJson,
  Type.Object({
    version: Type.Optional(Type.Integer({ description: 'phiên bản hiện tại; gửi kèm mọi thao tác (khóa lạc quan); chỉ trả cho cán bộ' })),
    allowedActions: Type.Optional(
      Type.Array(Type.String(), { description: 'các thao tác người gọi được thực hiện ngay bây giờ (tên như trong /actions/{action}); chỉ trả cho cán bộ' }),
    ),
    assignableOfficers: Type.Optional(
      Type.Array(
        Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), unit: Type.String(), role: Type.String() }),
        { description: 'cán bộ có thể được giao (assigneeId của thao tác assign); rỗng khi người gọi không được giao việc' },
      ),
    ),
  }),
]);

const IdemHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 8, maxLength: 200, description: 'Khóa chống gửi trùng do máy khách tạo (ví dụ UUID)' }),
});

async function dossierJson(s: Services, f: Filing) {
  const d = f.dossier;
  const events = d.status === 'draft' ? [] : await applicantTimeline(s.db, d.id, await repo.listEvents(s.db, d.id));
  return {
    id: d.id,
    code: d.code,
    status: d.status,
    procedureCode: d.procedureCode,
    procedureName: f.proc.name,
    channel: d.channel,
    submittedAt: d.submittedAt?.toISOString() ?? null,
    dueDate: d.dueDate,
    events: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, note: e.note })),
  };
}

export function dossierRoutes(app: FastifyInstance, s: Services) {
  // One-stop processing: staff console, supplement, result and its public verification.
  processingRoutes(app, s);
  reportRoutes(app, s);
  deskRoutes(app, s);
  dossierApiRoutes(app, s);
  const stepValues = (f: Filing, step: number, body: Record<string, string>) => {
    const values = { ...f.dossier.answers };
    for (const field of f.def.steps[step - 1]!.fields) values[field.name] = body[field.name] ?? '';
    return values;
  };

  const formsJs = fs.readFileSync(FORMS_JS, 'utf8');
  app.get(FORMS_SCRIPT, { logLevel: 'warn', schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(formsJs),
  );

  app.get('/thu-tuc/:code/nop', async (req, reply) => {
    const { code } = req.params as { code: string };
    if (!PROC_CODE.test(code)) throw Errors.notFound('Thủ tục');
    const ctx = commandContext(req, s);
    const existing = await findOwnDraft(ctx, code);
    if (existing) {
      const f = await loadOwnDraft(ctx, existing.id);
      return reply.html(<DraftPromptPage ctx={reply.page(req)} procedureCode={code} procedureName={f.proc.name} draft={existing} />);
    }
    const d = await startDraft(ctx, code);
    return reply.redirect(`/ho-so/${d.id}/buoc/1`);
  });

  // "Bắt đầu hồ sơ mới" on the existing-draft page: a POST, since it creates a draft.
  app.post('/thu-tuc/:code/nop', async (req, reply) => {
    const { code } = req.params as { code: string };
    if (!PROC_CODE.test(code)) throw Errors.notFound('Thủ tục');
    const d = await startDraft(commandContext(req, s), code, { fresh: true });
    return reply.redirect(`/ho-so/${d.id}/buoc/1`);
  });

  app.get('/ho-so', async (req, reply) => {
    requireApplicant(req.actor);
    const rows = await repo.listForApplicant(s.db, req.actor.userId);
    const names = new Map<string, string>();
    for (const r of rows)
      if (!names.has(r.procedureVersionId)) names.set(r.procedureVersionId, (await findVersion(s.db, r.procedureVersionId))?.name ?? r.procedureCode);
    return reply.html(<MyDossiersPage ctx={reply.page(req)} rows={rows.map((r) => ({ ...r, procedureName: names.get(r.procedureVersionId)! }))} />);
  });

  app.get('/ho-so/:id/tiep-tuc', async (req, reply) => {
    const f = await loadOwnDraft(commandContext(req, s), uuidParam(req));
    const n = f.def.steps.length;
    const step = f.dossier.currentStep;
    return reply.redirect(
      step <= n ? `/ho-so/${f.dossier.id}/buoc/${step}` : step === n + 1 ? `/ho-so/${f.dossier.id}/giay-to` : `/ho-so/${f.dossier.id}/kiem-tra`,
    );
  });

  const stepNumber = (req: FastifyRequest, f: Filing) => {
    const n = Number((req.params as { n: string }).n);
    if (!Number.isInteger(n) || n < 1 || n > f.def.steps.length) throw Errors.notFound('Bước');
    return n;
  };

  app.get('/ho-so/:id/buoc/:n', async (req, reply) => {
    const f = await loadOwnDraft(commandContext(req, s), uuidParam(req));
    const step = stepNumber(req, f);
    return reply.html(<StepPage ctx={reply.page(req)} filing={f} step={step} values={f.dossier.answers} />);
  });

  // The follow-up questions of a step, asked after its other questions when their condition holds.
  app.get('/ho-so/:id/buoc/:n/tiep', async (req, reply) => {
    const f = await loadOwnDraft(commandContext(req, s), uuidParam(req));
    const step = stepNumber(req, f);
    const follow = followUpsOfStep(f.def, step - 1);
    if (!f.def.steps[step - 1]!.fields.some((x) => follow.has(x.name) && isShown(x, f.dossier.answers))) return reply.redirect(afterStep(f, step));
    return reply.html(<StepPage ctx={reply.page(req)} filing={f} step={step} values={f.dossier.answers} part="followUps" />);
  });

  const afterStep = (f: Filing, step: number) => (step < f.def.steps.length ? `/ho-so/${f.dossier.id}/buoc/${step + 1}` : `/ho-so/${f.dossier.id}/giay-to`);

  const postStep = (followUpsPage: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const ctx = commandContext(req, s);
    const id = uuidParam(req);
    const f = await loadOwnDraft(ctx, id);
    const step = stepNumber(req, f);
    const body = formBody(req);
    const mode = body.action === 'save' ? 'save' : 'next';
    // The main page posts "main" (the follow-ups come on their own page) or, once the script has
    // shown them inline, "all"; anything else is read as "main".
    const part = followUpsPage ? 'followUps' : body.part === 'all' ? 'all' : 'main';
    try {
      const saved = await saveStep(ctx, id, { step, version: Number(body.version), values: body, mode, part });
      if (mode === 'save') {
        return reply
          .flash(
            req.lang === 'en' ? 'Draft saved. You can continue later from "My dossiers".' : 'Đã lưu bản nháp. Bạn có thể tiếp tục sau tại mục "Hồ sơ của tôi".',
          )
          .redirect('/ho-so');
      }
      return reply.redirect(saved.followUpsPending ? `/ho-so/${id}/buoc/${step}/tiep` : afterStep(f, step));
    } catch (err) {
      const e = formErrors(err);
      // What this page posted, over the saved answers of the questions it did not show.
      const values = stepValues(f, step, body);
      const follow = followUpsOfStep(f.def, step - 1);
      for (const x of f.def.steps[step - 1]!.fields) {
        if ((part === 'main' && follow.has(x.name)) || (part === 'followUps' && !follow.has(x.name))) values[x.name] = f.dossier.answers[x.name] ?? '';
      }
      return reply.html(
        <StepPage
          ctx={reply.page(req)}
          filing={f}
          step={step}
          values={values}
          errors={e.errors}
          message={e.message}
          part={followUpsPage ? 'followUps' : 'main'}
        />,
        e.status,
      );
    }
  };
  app.post('/ho-so/:id/buoc/:n', postStep(false));
  app.post('/ho-so/:id/buoc/:n/tiep', postStep(true));

  const attachmentsPage = async (req: FastifyRequest, reply: FastifyReply, f: Filing, status?: number, errors?: FieldErrors, message?: string) =>
    reply.html(
      <AttachmentsPage
        ctx={reply.page(req)}
        filing={f}
        files={await repo.listFiles(s.db, f.dossier.id)}
        errors={errors}
        message={message}
        maxMb={MAX_FILE_BYTES / 1048576}
      />,
      status,
    );

  app.get('/ho-so/:id/giay-to', async (req, reply) => attachmentsPage(req, reply, await loadOwnDraft(commandContext(req, s), uuidParam(req))));

  app.post('/ho-so/:id/giay-to', async (req, reply) => {
    const ctx = commandContext(req, s);
    const id = uuidParam(req);
    const f = await loadOwnDraft(ctx, id);
    if (!req.isMultipart()) throw Errors.badRequest('Biểu mẫu tải tệp không hợp lệ.', 'Expected multipart/form-data.');
    const errors: FieldErrors = {};
    const add = (field: string, vi: string, en: string) => {
      const prev = errors[field];
      errors[field] = prev ? { vi: `${prev.vi} ${vi}`, en: `${prev.en} ${en}` } : { vi, en };
    };
    let saved = 0;
    let message = '';
    try {
      // Oversize files are truncated and reported rather than thrown: a throw would end the whole
      // upload and lose the other files of the same form. (The option exists at runtime in
      // @fastify/multipart 10 but is missing from the typings of parts().)
      const partOpts = { throwFileSizeLimit: false, limits: { fileSize: MAX_FILE_BYTES } } as Parameters<typeof req.parts>[0];
      for await (const part of req.parts(partOpts)) {
        if (part.type !== 'file') continue;
        const m = /^file_(\d{1,3})$/.exec(part.fieldname);
        const name = safeFileName(part.filename ?? '');
        const data = await part.toBuffer();
        if (part.file.truncated) {
          add(part.fieldname, `Tệp “${name}” quá lớn: tối đa ${MAX_FILE_BYTES / 1048576} MB.`, `“${name}” is too large.`);
          continue;
        }
        if (!m || (!part.filename && data.length === 0)) continue; // an empty file input sends an empty part
        try {
          await attachFile(ctx, id, Number(m[1]), { data, originalName: part.filename });
          saved++;
        } catch (err) {
          const e = formErrors(err);
          add(part.fieldname, `Tệp “${name}” không được nhận: ${e.message || 'tệp không hợp lệ.'}`, `“${name}” was refused.`);
        }
      }
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'FST_FILES_LIMIT' && code !== 'FST_PARTS_LIMIT' && code !== 'FST_FIELDS_LIMIT') throw err;
      message = 'Mỗi lần chỉ tải lên tối đa 10 tệp. Các tệp còn lại chưa được nhận, vui lòng tải lên lần nữa.';
    }
    if (Object.keys(errors).length || message) {
      const lead = saved ? `Đã nhận ${saved} tệp. ` : '';
      return attachmentsPage(req, reply, f, 400, errors, message ? `${lead}${message}` : lead ? `${lead}Các tệp dưới đây không được nhận.` : undefined);
    }
    const note = saved
      ? req.lang === 'en'
        ? `${saved} file(s) uploaded.`
        : `Đã tải lên ${saved} tệp.`
      : req.lang === 'en'
        ? 'No file was chosen.'
        : 'Bạn chưa chọn tệp nào.';
    return reply.flash(note).redirect(`/ho-so/${id}/giay-to`);
  });

  app.post('/ho-so/:id/giay-to/:fileId/xoa', async (req, reply) => {
    const id = uuidParam(req);
    await removeFile(commandContext(req, s), id, uuidParam(req, 'fileId'));
    return reply.flash(req.lang === 'en' ? 'File removed.' : 'Đã xóa tệp.').redirect(`/ho-so/${id}/giay-to`);
  });

  app.get('/ho-so/:id/tep/:fileId', async (req, reply) => {
    const f = await viewDossier(commandContext(req, s), { id: uuidParam(req) });
    const file = await repo.findFile(s.db, f.dossier.id, uuidParam(req, 'fileId'));
    if (!file) throw Errors.notFound('Tệp');
    const data = await s.files.read(file.storageKey);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.safeName)}`)
      .type(file.contentType)
      .send(data);
  });

  const checkPage = async (req: FastifyRequest, reply: FastifyReply, f: Filing, status?: number, message?: string) => {
    const c = await completeness(s.db, f);
    return reply.html(
      <CheckPage
        ctx={reply.page(req)}
        filing={f}
        files={await repo.listFiles(s.db, f.dossier.id)}
        idempotencyKey={crypto.randomUUID()}
        problems={c}
        message={message}
      />,
      status,
    );
  };

  app.get('/ho-so/:id/kiem-tra', async (req, reply) => checkPage(req, reply, await loadOwnDraft(commandContext(req, s), uuidParam(req))));

  app.post('/ho-so/:id/nop', async (req, reply) => {
    const ctx = commandContext(req, s);
    const id = uuidParam(req);
    try {
      const { dossier, replayed } = await submitDossier(ctx, id, formBody(req).idempotencyKey ?? '');
      if (!replayed)
        reply.flash(req.lang === 'en' ? `Submitted. Your dossier code is ${dossier.code}.` : `Đã nộp hồ sơ thành công. Mã hồ sơ của bạn: ${dossier.code}.`);
      return reply.redirect(`/ho-so/${id}`);
    } catch (err) {
      const e = formErrors(err);
      if (err instanceof AppError && err.code === 'DOSSIER-409') {
        const page = reply.page(req);
        return reply.html(
          <NoticePage
            ctx={page}
            title={page.t('Hồ sơ đã được nộp', 'Already submitted')}
            message={e.message}
            link={{ href: `/ho-so/${id}`, label: page.t('Xem hồ sơ', 'View the dossier') }}
          />,
          409,
        );
      }
      return checkPage(
        req,
        reply,
        await loadOwnDraft(ctx, id),
        e.status,
        e.message || (req.lang === 'en' ? 'Please check the answers.' : 'Vui lòng kiểm tra lại thông tin.'),
      );
    }
  });

  const dossierPage = async (req: FastifyRequest, reply: FastifyReply, f: Filing, ratingForm?: { values?: Record<string, string>; errors?: FieldErrors; message?: string }, status?: number) => {
    const own = f.dossier.applicantId === req.actor.userId;
    return reply.html(
      <DossierPage
        ctx={reply.page(req)}
        filing={f}
        files={await repo.listFiles(s.db, f.dossier.id)}
        events={await applicantTimeline(s.db, f.dossier.id, await repo.listEvents(s.db, f.dossier.id))}
        receivingUnit={await receivingUnitName(s.db, f.proc)}
        resultId={f.dossier.status === 'returned' ? (await resultOfDossier(s.db, f.dossier.id))?.id : undefined}
        rating={own && f.dossier.status === 'returned' ? ((await findRating(s.db, f.dossier.id)) ?? null) : undefined}
        ratingForm={ratingForm}
      />,
      status,
    );
  };

  app.get('/ho-so/:id', async (req, reply) => {
    const f = await viewDossier(commandContext(req, s), { id: uuidParam(req) });
    if (f.dossier.status === 'draft') return reply.redirect(`/ho-so/${f.dossier.id}/tiep-tuc`);
    return dossierPage(req, reply, f);
  });

  app.post('/ho-so/:id/danh-gia', async (req, reply) => {
    const ctx = commandContext(req, s);
    const id = uuidParam(req);
    const body = formBody(req);
    try {
      await rateDossier(ctx, id, { rating: body.rating ?? '', comment: body.comment });
      return reply.flash('Cảm ơn Ông/Bà đã đánh giá.').redirect(`/ho-so/${id}`);
    } catch (err) {
      const e = formErrors(err);
      return dossierPage(req, reply, await viewDossier(ctx, { id }), { values: body, errors: e.errors, message: e.message }, e.status);
    }
  });

  // Forms 02–05 (the notices issued during processing), for the applicant and staff who may read it.
  app.get('/ho-so/:id/van-ban/:form', async (req, reply) => {
    const form = String((req.params as { form: string }).form);
    if (!(NOTICE_FORMS as readonly string[]).includes(form)) throw Errors.notFound('Văn bản');
    const { code, pdf } = await noticePdf(commandContext(req, s), { id: uuidParam(req) }, form as NoticeForm);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="mau-${form}-${code.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`)
      .type('application/pdf')
      .send(pdf);
  });

  app.get('/ho-so/:id/giay-tiep-nhan.pdf', async (req, reply) => {
    const { code, pdf } = await receiptPdf(commandContext(req, s), { id: uuidParam(req) });
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="giay-tiep-nhan-${code.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`)
      .type('application/pdf')
      .send(pdf);
  });

  // Public tracking. Codes are sequential, so the lookup needs a second factor and a rate limit.
  const TRACK_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };
  app.get('/tra-cuu', { config: TRACK_LIMIT }, async (req, reply) => {
    const ma = String((req.query as Record<string, unknown>).ma ?? '').slice(0, 60);
    return reply.html(<TrackingPage ctx={reply.page(req)} values={{ ma }} />);
  });

  app.post('/tra-cuu', { config: TRACK_LIMIT }, async (req, reply) => {
    const body = formBody(req);
    const values = { ma: (body.ma ?? '').slice(0, 60), lienHe: (body.lienHe ?? '').slice(0, 30) };
    if (!values.ma.trim() || !values.lienHe.trim()) {
      const page = reply.page(req);
      return reply.html(
        <TrackingPage
          ctx={page}
          values={values}
          message={page.t('Vui lòng nhập mã hồ sơ và số điện thoại hoặc số định danh của người nộp.', 'Enter the code and a phone or ID number.')}
        />,
        400,
      );
    }
    const f = await trackDossier(s.db, values.ma, values.lienHe);
    if (!f) return reply.html(<TrackingPage ctx={reply.page(req)} values={values} notFound />, 404);
    const d = f.dossier;
    const result = {
      code: d.code!,
      status: d.status,
      procedureName: f.proc.name,
      submittedAt: d.submittedAt,
      dueDate: d.dueDate,
      receivingUnit: await receivingUnitName(s.db, f.proc),
      currentStep: d.status === 'submitted' ? 'Chờ Bộ phận một cửa kiểm tra, tiếp nhận hồ sơ' : (f.proc.workflow[d.workflowStep]?.step ?? ''),
      handledBy: FINAL.includes(d.status) ? '' : d.status === 'submitted' ? ROLE_LABELS.tiep_nhan! : (ROLE_LABELS[f.proc.workflow[d.workflowStep]?.role ?? ''] ?? ''),
      receivedAt: d.receivedAt,
      finishedAt: d.finishedAt,
      paused: d.pausedAt !== null,
    };
    // The phone or ID number typed in is not echoed back: the page may be left open or shared.
    return reply.html(<TrackingPage ctx={reply.page(req)} values={{ ma: values.ma }} result={result} />);
  });

  // JSON API -----------------------------------------------------------------------------------

  app.post(
    '/api/v1/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Tạo hồ sơ nháp với câu trả lời của biểu mẫu điện tử (người nộp; bắt buộc Idempotency-Key)',
        security: [{ bearer: [] }],
        headers: IdemHeaders,
        body: Type.Object(
          {
            procedureCode: Type.String({ pattern: '^[A-Za-z0-9.\\-_]{1,40}$' }),
            answers: Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 10000 }), Type.Number(), Type.Boolean()])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String({ format: 'uuid' }), status: Type.String() }),
          201: Type.Object({ id: Type.String({ format: 'uuid' }), status: Type.String() }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (req, reply) => {
      const body = req.body as { procedureCode: string; answers: Record<string, unknown> };
      const { dossier, replayed } = await createDraftFromApi(commandContext(req, s), { ...body, idempotencyKey: String(req.headers['idempotency-key'] ?? '') });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send({ id: dossier.id, status: dossier.status });
    },
  );

  app.post(
    '/api/v1/dossiers/:id/submit',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Nộp hồ sơ (cấp mã hồ sơ, ngày hẹn trả); gửi lại cùng Idempotency-Key trả về đúng hồ sơ đó',
        security: [{ bearer: [] }],
        headers: IdemHeaders,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: DossierJson, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, s);
      const { id } = req.params as { id: string };
      const { dossier, replayed } = await submitDossier(ctx, id, String(req.headers['idempotency-key'] ?? ''));
      if (replayed) reply.header('idempotent-replayed', 'true');
      return dossierJson(s, await viewDossier(ctx, { id: dossier.id }));
    },
  );

  app.get(
    '/api/v1/dossiers/:code',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Một hồ sơ theo mã hồ sơ (người nộp, hoặc cán bộ có quyền xem). Cán bộ nhận thêm version, allowedActions và assignableOfficers để xử lý hồ sơ chỉ bằng API',
        security: [{ bearer: [] }],
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE }) }),
        response: { 200: StaffDossierJson, 401: ProblemSchema, 404: ProblemSchema, 400: ProblemSchema },
      },
    },
    async (req) => {
      const ctx = commandContext(req, s);
      const { code } = req.params as { code: string };
      // The applicant's lookup stays one statement (the bench's status lookup); officers get the
      // version, the actions allowed now and the assignable officers.
      if (seesStaffView(ctx)) return staffLookup(ctx, code);
      const found = await lookupDossier(ctx, code);
      return { ...found, events: await applicantTimeline(s.db, found.id, found.events) };
    },
  );

  app.get(
    '/api/v1/dossiers/:code/documents/:form',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Văn bản của hồ sơ dạng PDF (Thông tư 03/2025/TT-VPCP): 01 Giấy tiếp nhận và hẹn trả kết quả, 02 Phiếu yêu cầu bổ sung, 03 Phiếu từ chối, 04 Văn bản xin lỗi và hẹn lại, 05 Thông báo dừng giải quyết, ket-qua Kết quả giải quyết',
        security: [{ bearer: [] }],
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE }), form: Type.String({ enum: ['01', ...NOTICE_FORMS, 'ket-qua'] }) }),
        response: { 401: ProblemSchema, 404: ProblemSchema, 400: ProblemSchema },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, s);
      const { code, form } = req.params as { code: string; form: string };
      reply.header('cache-control', 'private, no-store').type('application/pdf');
      if (form === '01') return reply.send((await receiptPdf(ctx, { code })).pdf);
      if (form === 'ket-qua') {
        const f = await viewDossier(ctx, { code });
        const result = f.dossier.status === 'returned' ? await resultOfDossier(s.db, f.dossier.id) : undefined;
        const file = result ? await findStoredFile(s.db, result.storedFileId) : undefined;
        if (!file) throw Errors.notFound('Kết quả');
        return reply.send(await s.files.read(file.storageKey));
      }
      return reply.send((await noticePdf(ctx, { code }, form as NoticeForm)).pdf);
    },
  );
}
