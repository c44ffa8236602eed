import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../core/context.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { Errors } from '../../core/errors.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { PageCache } from '../../core/web/page-cache.js';
import { createNotice, earliestDowntimeDay, endNotice, publishNotice, ratePage, ratedPath } from './notices.commands.js';
import { BannerSnapshot, bannerDismissRoute, installNoticeLayout } from './notices.banner.js';
import { vnIsoDate } from '../../core/validation.js';
import { noticePolicy } from './notices.policy.js';
import * as repo from './notices.repository.js';
import { ManageNoticesPage, PublicNoticesPage, RatingFormPage, RatingSummaryPage } from './pages/notices-pages.js';
import { UUID_RE as UUID } from '../../core/validation.js';
import { safeRedirectTarget } from '../../core/web/safe-path.js';


const NoticeSchema = Type.Object({ id: Type.String({ format: 'uuid' }), title: Type.String(), body: Type.String(), // A type list, not a union: fast-json-stringify serialises unions by running ajv on every item.
  publishedAt: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time' }),
});

/** Anonymous posts: enough for a person rating several pages, too few to flood the table. */
const RATING_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };

export async function noticeRoutes(app: FastifyInstance, s: Services) {
  const listCache = new PageCache(s, { maxEntries: 100 });
  app.addHook('onClose', async () => listCache.dispose());
  const banners = new BannerSnapshot(s.db, s.bus);
  await banners.refresh();
  installNoticeLayout(banners);
  bannerDismissRoute(app);
  const earliest = () => earliestDowntimeDay(s, vnIsoDate());

  app.get('/thong-bao', async (req, reply) => reply.html(<PublicNoticesPage ctx={reply.page(req)} notices={await repo.listPublished(s.db)} />));

  app.get(
    '/api/v1/notices',
    {
      schema: {
        tags: ['notices'],
        summary: 'Các thông báo đã đăng, mới nhất trước',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }),
        response: { 200: Type.Object({ items: Type.Array(NoticeSchema) }), 400: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { limit } = req.query as { limit?: number };
      const n = limit ?? 20;
      // The same list for every caller until a notice is published or ended (pagesChanged):
      // served as stored JSON bytes, with no query and no serialisation (issue 9: ≥ 0.85 × floor).
      const hit = listCache.trusted() ? listCache.get(`api|${n}`, '') : undefined;
      if (hit) return reply.type('application/json; charset=utf-8').send(hit.body);
      const generation = listCache.generation;
      const rows = await repo.listPublished(s.db, n);
      const body = { items: rows.map((x) => ({ id: x.id, title: x.title, body: x.body, publishedAt: x.publishedAt?.toISOString() ?? null })) };
      listCache.set(`api|${n}`, { body: Buffer.from(JSON.stringify(body)), etag: '', stamp: '' }, generation);
      return body;
    },
  );

  app.post(
    '/api/v1/notices',
    {
      schema: {
        tags: ['notices'],
        summary: 'Soạn thông báo (bản nháp)',
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            title: Type.String({ maxLength: 200 }),
            body: Type.String({ maxLength: 10000 }),
            kind: Type.Optional(Type.Union([Type.Literal('general'), Type.Literal('downtime'), Type.Literal('emergency')])),
            startsAt: Type.Optional(Type.String({ format: 'date-time', description: 'Planned downtime: at least 7 working days after publication' })),
            endsAt: Type.Optional(Type.String({ format: 'date-time', description: 'Expected recovery (downtime) or end (emergency)' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: NoticeSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (req, reply) => {
      const b = req.body as { title: string; body: string; kind?: string; startsAt?: string; endsAt?: string };
      const n = await createNotice(commandContext(req, s), { ...b, startsAt: b.startsAt ? new Date(b.startsAt) : null, endsAt: b.endsAt ? new Date(b.endsAt) : null });
      await banners.refresh();
      return reply.code(201).send({ id: n.id, title: n.title, body: n.body, publishedAt: null });
    },
  );

  app.get('/quan-tri/thong-bao', async (req, reply) => {
    noticePolicy.requireManage(req.actor);
    return reply.html(<ManageNoticesPage ctx={reply.page(req)} notices={await repo.listAll(s.db)} earliestDowntime={await earliest()} />);
  });

  app.post('/quan-tri/thong-bao', async (req, reply) => {
    noticePolicy.requireManage(req.actor);
    const body = formBody(req);
    try {
      await createNotice(commandContext(req, s), { title: body.title ?? '', body: body.body ?? '', kind: body.kind ?? '', startsAt: body.startsAt ?? '', endsAt: body.endsAt ?? '' });
      return reply.flash(req.lang === 'en' ? 'Draft saved.' : 'Đã lưu bản nháp.').redirect('/quan-tri/thong-bao');
    } catch (err) {
      const f = formErrors(err);
      return reply.html(
        <ManageNoticesPage ctx={reply.page(req)} notices={await repo.listAll(s.db)} values={body} errors={f.errors} message={f.message} earliestDowntime={await earliest()} />,
        f.status,
      );
    }
  });

  app.post('/quan-tri/thong-bao/:id/dang', async (req, reply) => {
    noticePolicy.requireManage(req.actor);
    const { id } = req.params as { id: string };
    if (!UUID.test(id)) throw Errors.notFound('Thông báo');
    try {
      await publishNotice(commandContext(req, s), id, Number(formBody(req).version));
    } catch (err) {
      const f = formErrors(err);
      const message = f.message || Object.values(f.errors).map((e) => (req.lang === 'en' ? e.en : e.vi)).join(' ');
      return reply.html(<ManageNoticesPage ctx={reply.page(req)} notices={await repo.listAll(s.db)} message={message} earliestDowntime={await earliest()} />, f.status);
    }
    await banners.refresh();
    return reply.flash(req.lang === 'en' ? 'Published.' : 'Đã đăng thông báo.').redirect('/quan-tri/thong-bao');
  });

  app.post('/quan-tri/thong-bao/:id/ket-thuc', async (req, reply) => {
    noticePolicy.requireManage(req.actor);
    const { id } = req.params as { id: string };
    if (!UUID.test(id)) throw Errors.notFound('Thông báo');
    await endNotice(commandContext(req, s), id, Number(formBody(req).version));
    await banners.refresh();
    return reply.flash(req.lang === 'en' ? 'Banner removed.' : 'Đã kết thúc thông báo, biểu ngữ đã được gỡ.').redirect('/quan-tri/thong-bao');
  });

  // ── "Bạn có hài lòng với trang này?" ─────────────────────────────────────────
  app.get('/danh-gia-trang', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const path = ratedPath(q.trang) ?? '/';
    const answer = q['tra-loi'] === 'co' || q['tra-loi'] === 'khong' ? String(q['tra-loi']) : '';
    return reply.html(<RatingFormPage ctx={reply.page(req)} path={path} values={{ answer }} />);
  });

  app.post('/danh-gia-trang', { config: RATING_LIMIT }, async (req, reply) => {
    const body = formBody(req);
    try {
      await ratePage(commandContext(req, s), { path: body.trang, answer: body.answer, comment: body.comment });
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<RatingFormPage ctx={reply.page(req)} path={ratedPath(body.trang) ?? '/'} values={body} errors={f.errors} message={f.message} />, f.status);
    }
    return reply.flash(req.lang === 'en' ? 'Thank you for your rating.' : 'Cảm ơn bạn đã đánh giá.').redirect(safeRedirectTarget(ratedPath(body.trang)));
  });

  app.get('/quan-tri/danh-gia-trang', async (req, reply) => {
    noticePolicy.requireRatingView(req.actor);
    const n = Number((req.query as Record<string, string>).ngay);
    const days = [7, 30, 90, 365].includes(n) ? n : 30;
    const since = new Date(Date.now() - days * 86_400_000);
    const [rows, comments] = await Promise.all([repo.ratingSummary(s.db, since), repo.recentComments(s.db, since)]);
    return reply.html(<RatingSummaryPage ctx={reply.page(req)} days={days} rows={rows} comments={comments} />);
  });
}
