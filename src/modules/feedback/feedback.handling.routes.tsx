import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import type { FieldErrors } from '../../core/errors.js';
import { Errors } from '../../core/errors.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { nfc, parseDateInput } from '../../core/validation.js';
import { invalidCaseCode } from './feedback.commands.js';
import {
  REOPEN_DAYS,
  addNote,
  allowedActions,
  approveAnswer,
  assignOfficer,
  classifyCase,
  confirmRedaction,
  markForwarded,
  mergeCase,
  previewFor,
  rateCase,
  reopenCase,
  reporterSupplies,
  requestInfo,
  resumeHandling,
  saveDraft,
  similarCases,
  unitOfficers,
} from './feedback.handling.js';
import { feedbackPolicy, handlingPolicy } from './feedback.policy.js';
import { FEEDBACK_STATUSES, type FeedbackStatus } from './feedback.schema.js';
import { feedbackClock } from './feedback.time.js';
import * as repo from './feedback.repository.js';
import * as hrepo from './feedback.handling.repository.js';
import { PUBLIC_EVENT_KINDS, TrackingPage } from './pages/feedback-pages.js';
import { CasePage, PublicCasePage, PublicListPage, TrackingActions } from './pages/handling-pages.js';
import { UUID_RE as UUID } from '../../core/validation.js';
import { ConfirmPage } from '../../core/web/components/confirm.js';

/** After a successful lookup by code and contact, this signed cookie lets the same browser rate,
 * re-open or answer a question for that one case for 30 minutes, without the contact ever being
 * written into a page or a URL. */
export const TRACK_COOKIE = 'vh_pa_t';
const TRACK_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** The tracking result with the reporter's actions; used by the lookup and after each action. */
export async function renderTracking(
  s: Services,
  req: FastifyRequest,
  reply: FastifyReply,
  found: repo.FeedbackCase,
  opts: { values?: { code: string; contact: string }; errors?: FieldErrors; message?: string; status?: number } = {},
) {
  const ctx = reply.page(req);
  reply.setCookie(TRACK_COOKIE, found.code, { path: '/phan-anh', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 1800 });
  const cat = await repo.findCategory(s.db, found.categoryCode);
  const events = (await repo.listEvents(s.db, found.id)).filter((e) => PUBLIC_EVENT_KINDS.has(e.kind));
  // A merged case is answered through the case it was merged into.
  const target = found.status === 'merged' && found.mergedIntoId ? await hrepo.findCase(s.db, found.mergedIntoId) : undefined;
  const answer = found.answerText ?? (target?.answerText ? (target.publicAnswer ?? 'Câu trả lời đã được gửi đến thư điện tử của bạn.') : null);
  const pause = found.status === 'waiting' ? await hrepo.findOpenPause(s.db, found.id) : undefined;
  const canReopen = found.status === 'answered' && !!found.answeredAt && feedbackClock.now().getTime() - found.answeredAt.getTime() <= REOPEN_DAYS * 86400_000;
  return reply.html(
    <TrackingPage
      ctx={ctx}
      values={opts.values ?? { code: found.code, contact: '' }}
      result={{
        code: found.code,
        status: found.status,
        category: ctx.lang === 'en' && cat?.nameEn ? cat.nameEn : (cat?.name ?? found.categoryCode),
        receivedAt: found.receivedAt,
        dueDate: found.dueDate,
        events: events.map((e) => ({ at: e.at, kind: e.kind })),
      }}
      after={
        <TrackingActions
          ctx={ctx}
          c={found}
          answer={answer}
          question={pause?.question ?? null}
          canReopen={canReopen}
          errors={opts.errors}
          message={opts.message}
        />
      }
    />,
    opts.status ?? 200,
  );
}

export async function feedbackHandlingRoutes(app: FastifyInstance, s: Services) {
  // ——— Staff case page ———
  async function casePage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { errors?: FieldErrors; message?: string; values?: Record<string, string>; status?: number } = {},
  ) {
    feedbackPolicy.requireView(req.actor);
    if (!UUID.test(id)) throw Errors.notFound('Phản ánh');
    const c = await hrepo.findCase(s.db, id);
    if (!c) throw Errors.notFound('Phản ánh');
    const ctx = commandContext(req, s);
    const can = await allowedActions(ctx, c);
    const open = repo.OPEN_STATUSES.includes(c.status);
    const [categories, events, pauses, similar, mergedIn, unit] = await Promise.all([
      repo.listCategories(s.db),
      repo.listEvents(s.db, c.id),
      hrepo.listPauses(s.db, c.id),
      open && can.merge ? similarCases(s, c) : Promise.resolve([]),
      hrepo.listMergedInto(s.db, c.id),
      hrepo.unitByCode(s.db, c.unitCode),
    ]);
    const mergedInto = c.mergedIntoId ? await hrepo.findCase(s.db, c.mergedIntoId) : undefined;
    const officers = can.handle || can.classify ? await unitOfficers(s, c.unitCode) : [];
    const preview = c.answerDraft ? await previewFor(s, c) : undefined;
    return reply.html(
      <CasePage
        ctx={reply.page(req)}
        c={c}
        categories={categories}
        events={events}
        pauses={pauses}
        similar={similar}
        mergedIn={mergedIn}
        mergedInto={mergedInto}
        officers={officers}
        preview={preview}
        can={can}
        unitName={unit?.name}
        errors={extra.errors}
        message={extra.message}
        values={extra.values}
      />,
      extra.status ?? 200,
    );
  }

  app.get('/quan-tri/phan-anh/:id', async (req, reply) => casePage(req, reply, (req.params as { id: string }).id));

  /** One POST route per action: run the command, then post-redirect-get; a refusal re-renders
   * the case page with the errors and the typed input (409 for a stale version). */
  function action(path: string, run: (req: FastifyRequest, id: string, b: Record<string, string>) => Promise<unknown>, done: string) {
    app.post(`/quan-tri/phan-anh/:id/${path}`, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      if (!UUID.test(id)) throw Errors.notFound('Phản ánh');
      const b = formBody(req);
      // Rejecting a case ends it for the reporter: a confirmation page comes first (issue 10,
      // finding 3). A rejection without a reason goes straight to the command's field error.
      if (path === 'phan-loai' && b.decision === 'rejected' && b.confirm !== '1' && nfc(b.reason ?? '').trim()) {
        handlingPolicy.requireClassify(req.actor);
        const c = await hrepo.findCase(s.db, id);
        if (!c) throw Errors.notFound('Phản ánh');
        const ctx = reply.page(req);
        return reply.html(
          <ConfirmPage
            ctx={ctx}
            title={ctx.t(`Xác nhận: không tiếp nhận xử lý phản ánh ${c.code}`, `Confirm: reject case ${c.code}`)}
            warning={ctx.t('Phản ánh sẽ kết thúc với lý do này và người phản ánh nhận thông báo. Không thể hoàn tác.', 'The case will be closed and the reporter told. This cannot be undone.')}
            facts={[{ label: ctx.t('Lý do', 'Reason'), value: nfc(b.reason ?? '') }]}
            action={`/quan-tri/phan-anh/${id}/phan-loai`}
            fields={{ version: b.version ?? '', decision: 'rejected', reason: b.reason ?? '', forwardTo: b.forwardTo ?? '' }}
            confirmLabel={ctx.t('Xác nhận không tiếp nhận xử lý', 'Confirm the rejection')}
            backHref={`/quan-tri/phan-anh/${id}`}
          />,
        );
      }
      try {
        await run(req, id, b);
      } catch (err) {
        const f = formErrors(err);
        return casePage(req, reply, id, { errors: f.errors, message: f.message, values: b, status: f.status });
      }
      reply.flash(done);
      return reply.redirect(`/quan-tri/phan-anh/${id}`, 303);
    });
  }

  const cctx = (req: FastifyRequest) => commandContext(req, s);
  action(
    'phan-loai',
    (req, id, b) => classifyCase(cctx(req), { id, version: b.version, decision: b.decision ?? '', reason: b.reason, forwardTo: b.forwardTo }),
    'Đã phân loại phản ánh.',
  );
  action('da-chuyen', (req, id, b) => markForwarded(cctx(req), { id, version: b.version, note: b.note }), 'Đã ghi nhận việc chuyển cơ quan có thẩm quyền.');
  action('gop', (req, id, b) => mergeCase(cctx(req), { id, version: b.version, targetCode: b.targetCode ?? '' }), 'Đã gộp phản ánh.');
  action('giao', (req, id, b) => assignOfficer(cctx(req), { id, version: b.version, userId: b.userId ?? '' }), 'Đã giao chuyên viên xử lý.');
  action('ghi-chu', (req, id, b) => addNote(cctx(req), { id, text: b.note ?? '' }), 'Đã thêm ghi chú nội bộ.');
  action(
    'yeu-cau-bo-sung',
    (req, id, b) => requestInfo(cctx(req), { id, version: b.version, question: b.question ?? '' }),
    'Đã gửi đề nghị bổ sung thông tin.',
  );
  action('tiep-tuc', (req, id, b) => resumeHandling(cctx(req), { id, version: b.version, note: b.note }), 'Đã tiếp tục xử lý.');
  action(
    'du-thao',
    (req, id, b) =>
      saveDraft(cctx(req), { id, version: b.version, answer: b.answer ?? '', hasPersonalData: b.hasPersonalData === '1' || b.hasPersonalData === 'on' }),
    'Đã lưu dự thảo. Kiểm tra bản che thông tin cá nhân bên dưới.',
  );
  action(
    'xac-nhan-che',
    (req, id, b) => confirmRedaction(cctx(req), { id, version: b.version, publicContent: b.publicContent ?? '', publicAnswer: b.publicAnswer ?? '' }),
    'Đã xác nhận bản che thông tin cá nhân.',
  );
  action('phe-duyet', (req, id, b) => approveAnswer(cctx(req), { id, version: b.version }), 'Đã phê duyệt và gửi câu trả lời.');

  // ——— Public list and page of answered cases ———
  app.get('/phan-anh', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const text = nfc(q.q ?? '').slice(0, 200);
    const category = nfc(q.category ?? '').slice(0, 50);
    const status = FEEDBACK_STATUSES.includes(q.status as FeedbackStatus) ? (q.status as FeedbackStatus) : undefined;
    const from = q.tu ? (parseDateInput(nfc(q.tu)) ?? undefined) : undefined;
    const to = q.den ? (parseDateInput(nfc(q.den)) ?? undefined) : undefined;
    const page = Math.max(1, Math.min(1000, Number.parseInt(q.trang ?? '1', 10) || 1));
    const pageSize = 20;
    const { rows, total } = await hrepo.listPublished(s.db, {
      q: text || undefined,
      category: category || undefined,
      status,
      from,
      to,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return reply.html(
      <PublicListPage
        ctx={reply.page(req)}
        rows={rows}
        total={total}
        page={page}
        pageSize={pageSize}
        categories={await repo.listCategories(s.db, { activeOnly: true })}
        filter={{ q: text, category, status: status ?? '', tu: q.tu ? nfc(q.tu) : '', den: q.den ? nfc(q.den) : '' }}
      />,
    );
  });

  app.get('/phan-anh/:code', async (req, reply) => {
    const code = nfc((req.params as { code: string }).code).toUpperCase();
    const c = invalidCaseCode(code) ? undefined : await hrepo.findPublishedByCode(s.db, code);
    if (!c) throw Errors.notFound('Phản ánh');
    const ctx = reply.page(req);
    const cat = await repo.findCategory(s.db, c.categoryCode);
    return reply.html(<PublicCasePage ctx={ctx} c={c} category={ctx.lang === 'en' && cat?.nameEn ? cat.nameEn : (cat?.name ?? c.categoryCode)} />);
  });

  // ——— Reporter's actions from the tracking page ———
  /** The case this browser looked up (signed cookie); anything else is refused as not found. */
  async function trackedCase(req: FastifyRequest, code: string) {
    const raw = req.cookies[TRACK_COOKIE];
    const un = raw ? req.unsignCookie(raw) : undefined;
    if (!un?.valid || !un.value || un.value !== code) return undefined;
    return repo.findByCode(s.db, code);
  }

  function reporterAction(path: string, run: (req: FastifyRequest, code: string, b: Record<string, string>) => Promise<unknown>, done: string) {
    app.post(`/phan-anh/tra-cuu/${path}`, { config: TRACK_LIMIT }, async (req, reply) => {
      const b = formBody(req);
      const code = nfc(b.code ?? '').toUpperCase();
      const c = invalidCaseCode(code) ? undefined : await trackedCase(req, code);
      if (!c) {
        const ctx = reply.page(req);
        return reply.html(<TrackingPage ctx={ctx} values={{ code, contact: '' }} notFound />, 404);
      }
      try {
        await run(req, code, b);
      } catch (err) {
        const f = formErrors(err);
        const fresh = (await repo.findByCode(s.db, code))!;
        return renderTracking(s, req, reply, fresh, { errors: f.errors, message: f.message || undefined, status: f.status });
      }
      return renderTracking(s, req, reply, (await repo.findByCode(s.db, code))!, { message: done });
    });
  }

  reporterAction('danh-gia', (req, code, b) => rateCase(cctx(req), { code, level: b.level ?? '' }), 'Cảm ơn bạn đã đánh giá.');
  reporterAction('mo-lai', (req, code, b) => reopenCase(cctx(req), { code, reason: b.reason ?? '' }), 'Đã chuyển đề nghị xử lý lại đến đơn vị.');
  reporterAction('bo-sung', (req, code, b) => reporterSupplies(cctx(req), { code, text: b.info ?? '' }), 'Đã nhận thông tin bổ sung của bạn.');
}
