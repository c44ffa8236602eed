import type { FastifyInstance } from 'fastify';
import type { Services } from '../context.js';
import type { ModuleManifest } from '../module.js';
import { requirePermission } from '../auth/actor.js';
import { Errors } from '../errors.js';
import { parseDateInput, vnIsoDate } from '../validation.js';
import { searchAudit } from '../audit/audit.repository.js';
import { listOutbox } from '../mail/mail.js';
import { AuditPage, AuditVerifyPage } from './pages/audit-page.js';
import { verifyAudit } from '../audit/audit.js';
import { HomePage, WorkspacePage } from './pages/home.js';
import { OutboxPage } from './pages/outbox-page.js';
import { userAdminRoutes } from './users.routes.js';
import { orgAdminRoutes } from './org.routes.js';
import { collectWork, currentQueue, staffLinksFor } from './work.js';
import { PageCache, sendCachedPage } from '../web/page-cache.js';

export async function adminRoutes(app: FastifyInstance, s: Services, modules: ModuleManifest[] = []) {
  const homeBlocks = modules.flatMap((m) => (m.homeBlock ? [{ name: m.name, ...m.homeBlock }] : [])).sort((a, b) => a.order - b.order);
  // Rendered once per language for anonymous visitors; every change a block shows calls pagesChanged().
  const homeCache = new PageCache(s);
  app.addHook('onClose', async () => homeCache.dispose());
  app.get('/', async (req, reply) =>
    sendCachedPage(req, reply, homeCache, `home|${vnIsoDate()}`, async (ctx) => {
      const blocks = await Promise.all(homeBlocks.map(async (b) => ({ name: b.name, node: await b.render(s, ctx) })));
      return <HomePage ctx={ctx} blocks={blocks} />;
    }),
  );

  app.get('/quan-tri', async (req, reply) => {
    if (req.actor.kind === 'anonymous') throw Errors.unauthenticated();
    requirePermission(req.actor, 'view:workspace:all');
    const queues = await collectWork(s, modules, req.actor);
    const current = currentQueue(queues, (req.query as Record<string, unknown>).viec);
    const ctx = reply.page(req);
    const links = await staffLinksFor(s, ctx.staffNav, req.actor);
    return reply.html(<WorkspacePage ctx={ctx} queues={queues} current={current} today={vnIsoDate()} links={links} />);
  });

  app.get('/quan-tri/nhat-ky', async (req, reply) => {
    requirePermission(req.actor, 'view:audit:all');
    const q = req.query as Record<string, string>;
    const filter = {
      action: q.action?.trim() || undefined,
      entity: q.entity?.trim() || undefined,
      actor: q.actor?.trim() || undefined,
      from: q.from ? (parseDateInput(q.from) ?? undefined) : undefined,
      to: q.to ? (parseDateInput(q.to) ?? undefined) : undefined,
      before: /^\d+$/.test(q.before ?? '') ? Number(q.before) : undefined,
    };
    const rows = await searchAudit(s.db, { ...filter, limit: 50 });
    return reply.html(<AuditPage ctx={reply.page(req)} rows={rows} query={q} />);
  });

  // The same check as `vanhien audit verify`, for auditors who do not use the command line.
  app.get('/quan-tri/nhat-ky/kiem-tra', async (req, reply) => {
    requirePermission(req.actor, 'view:audit:all');
    const result = await verifyAudit(s.db);
    return reply.html(<AuditVerifyPage ctx={reply.page(req)} rows={result.rows} problems={result.problems} />);
  });

  app.get('/quan-tri/thu-di', async (req, reply) => {
    requirePermission(req.actor, 'view:mail:all');
    const rows = await listOutbox(s.db, 100);
    return reply.html(<OutboxPage ctx={reply.page(req)} rows={rows} showBodies={s.config.demo} />);
  });

  await userAdminRoutes(app, s);
  await orgAdminRoutes(app, s);
}
