import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { findStoredFile } from '../../core/files/files.js';
import { displayNames } from '../../core/identity/identity.repository.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { nfc, parseDateInput, vnIsoDate } from '../../core/validation.js';
import { viewDossier } from './dossiers.commands.js';
import { verifyResultHash } from './dossiers.staffview.js';
import { signingService } from '../../core/signing/index.js';
import {
  ACTIONS,
  addInternalNote,
  listNotes,
  availableActions,
  loadForStaff,
  loadOwnForSupplement,
  parseItems,
  requireConsole,
  resultOfDossier,
  sha256Hex,
  specialistsFor,
  supplementDossier,
  verificationInfo,
  whoActsNext,
  DESTRUCTIVE_ACTIONS,
  type ActionInput,
  type ActionSlug,
  type Loaded,
} from './dossiers.processing.js';
import { procedureOptions, queue, queueCounts, QUEUE_SORTS, QUEUE_TABS, visibleUnitCodes, workTabs, type QueueSort, type QueueTab } from './dossiers.queue.js';
import { listUnits } from '../../core/org/org.repository.js';
import * as repo from './dossiers.repository.js';
import {
  ConfirmActionPage,
  QueuePage,
  type QueueQuery,
  StaffDossierPage,
  SupplementPage,
  VerifyPage,
  VerifyUploadPage,
  type FailedAction,
  type TimelineEntry,
} from './pages/processing-pages.js';
import { uuidParam as idParam } from '../../core/web/forms.js';

const PROC_CODE = /^[A-Za-z0-9.\-_]{1,40}$/;

const uuidParam = (req: FastifyRequest, name = 'id', what = 'Hồ sơ') => idParam(req, name, what);

async function timeline(s: Services, dossierId: string): Promise<TimelineEntry[]> {
  const events = await repo.listEvents(s.db, dossierId);
  const names = await displayNames(
    s.db,
    events.flatMap((e) => (e.actorId ? [e.actorId] : [])),
  );
  return events.map((e) => ({
    id: e.id,
    at: e.at,
    kind: e.kind,
    note: e.note,
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    fromStep: e.fromStep,
    toStep: e.toStep,
    stepResult: e.stepResult,
  }));
}

/** The form fields of each action, mapped to the command's input; the command's field names
 * (reason, …) are mapped back onto the form's for inline errors. */
function actionInput(slug: ActionSlug, body: Record<string, string>): ActionInput {
  const version = Number(body.version);
  switch (slug) {
    case 'refuse':
      return { version, reason: body.refuseReason ?? '' };
    case 'stop':
      return { version, reason: body.stopReason ?? '' };
    case 'request-supplement':
      return { version, missingItems: parseItems(body.missingItems ?? '') };
    case 'assign':
      return { version, assigneeId: body.assigneeId ?? '', note: body.assignNote ?? '' };
    case 'forward':
      return { version, note: body.forwardNote ?? '' };
    case 'pause':
      return { version, reason: body.pauseReason ?? '' };
    case 'extend':
      return { version, reason: body.extendReason ?? '', extraDays: /^\s*\d{1,3}\s*$/.test(body.extraDays ?? '') ? Number(body.extraDays) : Number.NaN };
    default:
      return { version };
  }
}

function formFieldErrors(slug: ActionSlug, errors: FieldErrors): FieldErrors {
  const reasonField: Partial<Record<ActionSlug, string>> = { stop: 'stopReason', pause: 'pauseReason', extend: 'extendReason' };
  const rename: Record<string, string> = { reason: reasonField[slug] ?? 'refuseReason' };
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [rename[k] ?? k, v]));
}

const DONE_MESSAGES: Record<ActionSlug, string> = {
  receive: 'Đã tiếp nhận hồ sơ; thời hạn giải quyết bắt đầu được tính.',
  refuse: 'Đã từ chối tiếp nhận hồ sơ và thông báo cho người nộp.',
  'request-supplement': 'Đã gửi yêu cầu bổ sung, hoàn thiện hồ sơ cho người nộp.',
  assign: 'Đã chuyển hồ sơ cho chuyên viên xử lý.',
  forward: 'Đã trình lãnh đạo phê duyệt.',
  approve: 'Đã phê duyệt kết quả giải quyết.',
  return: 'Đã phát hành kết quả điện tử và trả cho người nộp.',
  stop: 'Đã dừng giải quyết hồ sơ theo đề nghị của người nộp.',
  pause: 'Đã tạm dừng tính thời hạn và thông báo cho người nộp.',
  resume: 'Đã tiếp tục tính thời hạn; hạn giải quyết được lùi tương ứng.',
  extend: 'Đã gửi phiếu xin lỗi và hẹn lại ngày trả kết quả cho người nộp.',
};

export function processingRoutes(app: FastifyInstance, s: Services) {
  app.get('/quan-tri/ho-so', async (req, reply) => {
    requireConsole(req.actor);
    const q = req.query as Record<string, unknown>;
    const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, 40) : '');
    // The queue opens on the actor's own work (issue 10, finding 2), not on "new" for everyone.
    const mine = workTabs(req.actor);
    const tab = (QUEUE_TABS.find((x) => x.slug === q.tab)?.slug ?? mine[0] ?? 'moi') as QueueTab;
    const unitCodes = await visibleUnitCodes(s.db, req.actor);
    const units = (await listUnits(s.db)).filter((u) => !unitCodes || unitCodes.includes(u.code)).map((u) => ({ code: u.code, name: u.name }));
    const query: QueueQuery = {
      procedureCode: PROC_CODE.test(str('thu-tuc')) ? str('thu-tuc') : undefined,
      unitCode: units.some((u) => u.code === str('don-vi')) ? str('don-vi') : undefined,
      from: str('tu-ngay') || undefined,
      to: str('den-ngay') || undefined,
      sort: (QUEUE_SORTS as readonly string[]).includes(str('sap-xep')) ? (str('sap-xep') as QueueSort) : undefined,
      desc: str('giam-dan') === '1' || str('giam-dan') === 'on',
    };
    // A mistyped date is named and ignored; the rest of the filter still applies.
    const errors: FieldErrors = {};
    const from = query.from ? parseDateInput(query.from) : undefined;
    const to = query.to ? parseDateInput(query.to) : undefined;
    if (from === null) errors['tu-ngay'] = { vi: 'Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm, ví dụ 01/10/2026.', en: 'Invalid date (dd/mm/yyyy).' };
    if (to === null) errors['den-ngay'] = { vi: 'Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2026.', en: 'Invalid date (dd/mm/yyyy).' };
    const today = vnIsoDate();
    const cal = await s.calendar.calendar();
    const rows = await queue(s.db, cal, {
      tab,
      procedureCode: query.procedureCode,
      unitCode: query.unitCode,
      from: from ?? undefined,
      to: to ?? undefined,
      sort: query.sort,
      desc: query.desc,
      unitCodes,
      today,
      actorId: req.actor.userId,
    });
    // Role tabs only for those who act there; the finished tab is not counted (a million rows).
    const shown = QUEUE_TABS.filter(
      (x) => !['cua-toi', 'cho-phan-cong', 'cho-phe-duyet', 'cho-tra-ket-qua'].includes(x.slug) || mine.includes(x.slug) || x.slug === tab,
    );
    const counts = new Map(
      await Promise.all(
        shown.map(
          async (x) =>
            [
              x.slug,
              x.slug === 'da-xong' ? undefined : (await queueCounts(s.db, cal, { tab: x.slug, actorId: req.actor.userId, unitCodes, today })).count,
            ] as const,
        ),
      ),
    );
    return reply.html(
      <QueuePage
        ctx={reply.page(req)}
        tabs={shown.map((x) => ({ slug: x.slug, vi: x.vi, en: x.en, count: counts.get(x.slug) }))}
        tab={tab}
        rows={rows}
        procedures={await procedureOptions(s.db, today, unitCodes)}
        units={units}
        query={query}
        errors={Object.keys(errors).length ? errors : undefined}
        today={today}
      />,
      Object.keys(errors).length ? 400 : 200,
    );
  });

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    l: Loaded,
    status?: number,
    failed?: FailedAction,
    conflict?: string,
    noteForm?: { value: string; errors?: FieldErrors },
  ) => {
    const actions = availableActions(req.actor, l, await s.calendar.calendar());
    const specialists = actions.includes('assign') ? await specialistsFor(s.db, l.unitId) : [];
    const unitName = (await listUnits(s.db)).find((u) => u.id === l.unitId)?.name;
    const assignee = l.dossier.assigneeId ? (await displayNames(s.db, [l.dossier.assigneeId])).get(l.dossier.assigneeId) : undefined;
    const result = await resultOfDossier(s.db, l.dossier.id);
    const notes = await listNotes(s.db, l.dossier.id);
    const authors = await displayNames(
      s.db,
      notes.flatMap((n) => (n.authorId ? [n.authorId] : [])),
    );
    return reply.html(
      <StaffDossierPage
        notes={notes.map((n) => ({ id: n.id, at: n.at, body: n.body, author: n.authorId ? (authors.get(n.authorId) ?? '') : '' }))}
        noteForm={noteForm}
        ctx={reply.page(req)}
        l={l}
        files={await repo.listFiles(s.db, l.dossier.id)}
        timeline={await timeline(s, l.dossier.id)}
        actions={actions}
        specialists={specialists}
        resultId={result?.id}
        failed={failed}
        conflict={conflict}
        next={whoActsNext(l, { assignee, unit: unitName })}
        unitName={unitName}
      />,
      status,
    );
  };

  app.get('/quan-tri/ho-so/:id', async (req, reply) => detail(req, reply, await loadForStaff(commandContext(req, s), uuidParam(req))));

  // Attachments for staff, within the console's scope (unit-scoped specialists included).
  app.get('/quan-tri/ho-so/:id/tep/:fileId', async (req, reply) => {
    const l = await loadForStaff(commandContext(req, s), uuidParam(req));
    const file = await repo.findFile(s.db, l.dossier.id, uuidParam(req, 'fileId', 'Tệp'));
    if (!file) throw Errors.notFound('Tệp');
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.safeName)}`)
      .type(file.contentType)
      .send(await s.files.read(file.storageKey));
  });

  app.post('/quan-tri/ho-so/:id/ghi-chu', async (req, reply) => {
    const ctx = commandContext(req, s);
    const id = uuidParam(req);
    const body = formBody(req);
    try {
      await addInternalNote(ctx, id, { body: body.noteBody ?? '' });
      return reply.flash('Đã thêm ghi chú nội bộ.').redirect(`/quan-tri/ho-so/${id}#ghi-chu`);
    } catch (err) {
      const e = formErrors(err);
      return detail(req, reply, await loadForStaff(ctx, id), e.status, undefined, undefined, { value: body.noteBody ?? '', errors: e.errors });
    }
  });

  app.post('/quan-tri/ho-so/:id/:action', async (req, reply) => {
    const ctx = commandContext(req, s);
    const id = uuidParam(req);
    const slug = String((req.params as { action: string }).action) as ActionSlug;
    if (!Object.hasOwn(ACTIONS, slug)) throw Errors.notFound('Thao tác');
    requireConsole(req.actor);
    const body = formBody(req);
    if (DESTRUCTIVE_ACTIONS.includes(slug) && body.confirm !== '1') {
      // Refusing or stopping ends the dossier for the applicant: a confirmation page comes first
      // (it works without JavaScript). Only what the page can check is checked here; the command
      // checks everything again on the confirmed POST.
      const l = await loadForStaff(ctx, id);
      if (!availableActions(req.actor, l).includes(slug))
        return detail(req, reply, l, 409, undefined, 'Thao tác này không còn thực hiện được ở bước hiện tại của hồ sơ.');
      if (Number(body.version) !== l.dossier.version) return detail(req, reply, l, 409, undefined, formErrors(Errors.conflict()).message);
      const field = slug === 'stop' ? 'stopReason' : 'refuseReason';
      if (!nfc(body[field] ?? '').trim()) {
        const errors: FieldErrors = {
          [field]: { vi: slug === 'stop' ? 'Vui lòng nêu rõ lý do dừng giải quyết.' : 'Vui lòng nêu rõ lý do từ chối.', en: 'A reason is required.' },
        };
        return detail(req, reply, l, 400, { slug, errors, values: body });
      }
      return reply.html(<ConfirmActionPage ctx={reply.page(req)} l={l} slug={slug} values={body} />);
    }
    try {
      const updated = await ACTIONS[slug](ctx, id, actionInput(slug, body));
      const after = await loadForStaff(ctx, id).catch(() => undefined);
      const unitName = after ? (await listUnits(s.db)).find((u) => u.id === after.unitId)?.name : undefined;
      const assignee = updated.assigneeId ? (await displayNames(s.db, [updated.assigneeId])).get(updated.assigneeId) : undefined;
      const next = after ? ` ${whoActsNext(after, { assignee, unit: unitName })}` : '';
      return reply.flash(`${DONE_MESSAGES[slug]}${next}`).redirect(`/quan-tri/ho-so/${id}`);
    } catch (err) {
      const e = formErrors(err);
      const l = await loadForStaff(ctx, id);
      if (err instanceof AppError && err.code === 'CORE-409') {
        // Someone acted first: show the dossier as it is now, with what happened.
        return detail(req, reply, l, 409, undefined, e.message);
      }
      // A refused action whose form is not on the page (e.g. a second supplement request): the
      // message goes to the top of the page.
      if (!availableActions(req.actor, l).includes(slug)) return detail(req, reply, l, e.status, undefined, e.message);
      return detail(req, reply, l, e.status, { slug, errors: formFieldErrors(slug, e.errors), message: e.message, values: body });
    }
  });

  // The applicant answers a supplement request online; the clock resumes.
  app.get('/ho-so/:id/bo-sung', async (req, reply) => {
    const l = await loadOwnForSupplement(commandContext(req, s), uuidParam(req));
    return reply.html(<SupplementPage ctx={reply.page(req)} l={l} />);
  });

  app.post('/ho-so/:id/bo-sung', async (req, reply) => {
    const ctx = commandContext(req, s);
    const id = uuidParam(req);
    const body = formBody(req);
    try {
      await supplementDossier(ctx, id, { version: Number(body.version), note: body.note ?? '' });
      return reply.flash('Đã gửi bổ sung hồ sơ. Thời hạn giải quyết được tính tiếp.').redirect(`/ho-so/${id}`);
    } catch (err) {
      const e = formErrors(err);
      const l = await loadOwnForSupplement(ctx, id);
      return reply.html(<SupplementPage ctx={reply.page(req)} l={l} values={{ note: body.note }} errors={e.errors} message={e.message} />, e.status);
    }
  });

  // The result for the applicant (and staff who may read the dossier).
  app.get('/ho-so/:id/ket-qua.pdf', async (req, reply) => {
    const f = await viewDossier(commandContext(req, s), { id: uuidParam(req) });
    const result = await resultOfDossier(s.db, f.dossier.id);
    if (!result || f.dossier.status !== 'returned') throw Errors.notFound('Kết quả');
    const file = await findStoredFile(s.db, result.storedFileId);
    if (!file) throw Errors.notFound('Kết quả');
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="ket-qua-${(f.dossier.code ?? f.dossier.id).replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`)
      .type('application/pdf')
      .send(await s.files.read(file.storageKey));
  });

  // Public verification (no login): genuine or not, by the SHA-256 recorded at issue.
  const VERIFY_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  const verifyInfo = async (req: FastifyRequest) => {
    const info = await verificationInfo(s.db, uuidParam(req, 'id', 'Văn bản'));
    if (!info) throw Errors.notFound('Văn bản');
    return info;
  };
  // Any PDF (no id): its digital signatures, and whether its SHA-256 is a result issued here.
  const readPdf = async (req: FastifyRequest) => {
    if (!req.isMultipart()) return undefined;
    let data: Buffer | undefined;
    for await (const part of req.parts({ limits: { fileSize: 20 * 1024 * 1024 } })) {
      if (part.type === 'file' && part.fieldname === 'tep' && !data) data = await part.toBuffer();
      else if (part.type === 'file') await part.toBuffer();
    }
    return data?.length ? data : undefined;
  };
  app.get('/xac-thuc', { config: VERIFY_LIMIT }, async (req, reply) => reply.html(<VerifyUploadPage ctx={reply.page(req)} />));
  app.post('/xac-thuc', { config: VERIFY_LIMIT }, async (req, reply) => {
    const page = reply.page(req);
    const data = await readPdf(req);
    if (!data) return reply.html(<VerifyUploadPage ctx={page} message="Vui lòng chọn tệp PDF để kiểm tra." />, 400);
    const issued = await verifyResultHash(s.db, sha256Hex(data));
    return reply.html(<VerifyUploadPage ctx={page} checked={{ signatures: signingService(s.config).verify(data), issued }} />);
  });

  app.get('/xac-thuc/:id', { config: VERIFY_LIMIT }, async (req, reply) => reply.html(<VerifyPage ctx={reply.page(req)} info={await verifyInfo(req)} />));

  app.post('/xac-thuc/:id', { config: VERIFY_LIMIT }, async (req, reply) => {
    const info = await verifyInfo(req);
    const page = reply.page(req);
    if (!req.isMultipart()) return reply.html(<VerifyPage ctx={page} info={info} message="Vui lòng chọn tệp PDF để đối chiếu." />, 400);
    let data: Buffer | undefined;
    for await (const part of req.parts({ limits: { fileSize: 20 * 1024 * 1024 } })) {
      if (part.type === 'file' && part.fieldname === 'tep' && !data) data = await part.toBuffer();
      else if (part.type === 'file') await part.toBuffer();
    }
    if (!data?.length) return reply.html(<VerifyPage ctx={page} info={info} message="Vui lòng chọn tệp PDF để đối chiếu." />, 400);
    return reply.html(
      <VerifyPage ctx={page} info={info} outcome={sha256Hex(data) === info.sha256 ? 'match' : 'mismatch'} signatures={signingService(s.config).verify(data)} />,
    );
  });
}
