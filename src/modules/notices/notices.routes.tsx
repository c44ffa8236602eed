import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../core/context.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { Errors } from '../../core/errors.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { createNotice, publishNotice } from './notices.commands.js';
import { noticePolicy } from './notices.policy.js';
import * as repo from './notices.repository.js';
import { ManageNoticesPage, PublicNoticesPage } from './pages/notices-pages.js';
import { UUID_RE as UUID } from '../../core/validation.js';


const NoticeSchema = Type.Object({ id: Type.String({ format: 'uuid' }), title: Type.String(), body: Type.String(), // A type list, not a union: fast-json-stringify serialises unions by running ajv on every item.
  publishedAt: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time' }),
});

export function noticeRoutes(app: FastifyInstance, s: Services) {
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
    async (req) => {
      const { limit } = req.query as { limit?: number };
      const rows = await repo.listPublished(s.db, limit ?? 20);
      return { items: rows.map((n) => ({ id: n.id, title: n.title, body: n.body, publishedAt: n.publishedAt?.toISOString() ?? null })) };
    },
  );

  app.post(
    '/api/v1/notices',
    {
      schema: {
        tags: ['notices'],
        summary: 'Soạn thông báo (bản nháp)',
        security: [{ bearer: [] }],
        body: Type.Object({ title: Type.String({ maxLength: 200 }), body: Type.String({ maxLength: 10000 }) }, { additionalProperties: false }),
        response: { 201: NoticeSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (req, reply) => {
      const n = await createNotice(commandContext(req, s), req.body as { title: string; body: string });
      return reply.code(201).send({ id: n.id, title: n.title, body: n.body, publishedAt: null });
    },
  );

  app.get('/quan-tri/thong-bao', async (req, reply) => {
    noticePolicy.requireManage(req.actor);
    return reply.html(<ManageNoticesPage ctx={reply.page(req)} notices={await repo.listAll(s.db)} />);
  });

  app.post('/quan-tri/thong-bao', async (req, reply) => {
    noticePolicy.requireManage(req.actor);
    const body = formBody(req);
    try {
      await createNotice(commandContext(req, s), { title: body.title ?? '', body: body.body ?? '' });
      return reply.flash(req.lang === 'en' ? 'Draft saved.' : 'Đã lưu bản nháp.').redirect('/quan-tri/thong-bao');
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<ManageNoticesPage ctx={reply.page(req)} notices={await repo.listAll(s.db)} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });

  app.post('/quan-tri/thong-bao/:id/dang', async (req, reply) => {
    noticePolicy.requireManage(req.actor);
    const { id } = req.params as { id: string };
    if (!UUID.test(id)) throw Errors.notFound('Thông báo');
    await publishNotice(commandContext(req, s), id, Number(formBody(req).version));
    return reply.flash(req.lang === 'en' ? 'Published.' : 'Đã đăng thông báo.').redirect('/quan-tri/thong-bao');
  });
}
