import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { UUID_RE } from '../../core/validation.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { createConsumer, revokeConsumer } from './indicators.commands.js';
import { reopenPeriod, requestRecompute } from './indicators.compute.js';
import { loadCatalogue } from './indicators.demo.js';
import { indicatorPolicy } from './indicators.policy.js';
import * as repo from './indicators.repository.js';
import { CatalogueDetailPage, CatalogueListPage, ConsumersPage, PeriodsPage } from './pages/catalogue-pages.js';

async function unitNames(s: Services): Promise<Map<string, string>> {
  const res = await s.db.execute<{ code: string; name: string }>((await import('drizzle-orm')).sql`SELECT code, name FROM units`);
  return new Map(res.rows.map((r) => [r.code, r.name]));
}

/** Staff pages: the catalogue, the periods (status, "Tính lại") and the API consumers. */
export async function catalogueRoutes(app: FastifyInstance, s: Services): Promise<void> {
  const themes = () => loadCatalogue(s.config.demoDir).themes;

  app.get('/quan-tri/chi-tieu', async (req, reply) => {
    indicatorPolicy.requireView(req.actor);
    const [defs, units, coverage] = await Promise.all([repo.listDefinitions(s.db), unitNames(s), repo.publishedCoverage(s.db)]);
    return reply.html(<CatalogueListPage ctx={reply.page(req)} defs={defs} themes={themes()} units={units} coverage={coverage} />);
  });

  app.get('/quan-tri/chi-tieu/ky-bao-cao', async (req, reply) => {
    indicatorPolicy.requireView(req.actor);
    const [periods, counts] = await Promise.all([repo.listPeriods(s.db), repo.countObservationsByPeriod(s.db)]);
    return reply.html(<PeriodsPage ctx={reply.page(req)} periods={periods} counts={counts} canManage={indicatorPolicy.canManage(req.actor)} />);
  });

  app.post('/quan-tri/chi-tieu/ky-bao-cao/:code/tinh-lai', async (req, reply) => {
    indicatorPolicy.requireManage(req.actor);
    const { code } = req.params as { code: string };
    await requestRecompute(commandContext(req, s), code);
    return reply
      .flash(req.lang === 'en' ? `Recomputation of ${code} queued.` : `Đã yêu cầu tính lại kỳ ${code}; số liệu cập nhật sau ít giây.`)
      .code(303)
      .redirect('/quan-tri/chi-tieu/ky-bao-cao');
  });

  app.post('/quan-tri/chi-tieu/ky-bao-cao/mo-lai', async (req, reply) => {
    indicatorPolicy.requireManage(req.actor);
    const body = formBody(req);
    const code = body.period ?? '';
    try {
      await reopenPeriod(commandContext(req, s), code, body.reason ?? '');
    } catch (e) {
      const f = formErrors(e);
      const [periods, counts] = await Promise.all([repo.listPeriods(s.db), repo.countObservationsByPeriod(s.db)]);
      return reply.html(<PeriodsPage ctx={reply.page(req)} periods={periods} counts={counts} canManage errors={f.errors} message={f.message} />, f.status);
    }
    return reply
      .flash(req.lang === 'en' ? `Period ${code} reopened; computed values are being recomputed.` : `Đã mở lại kỳ ${code}; số liệu tự động đang được tính lại.`)
      .code(303)
      .redirect('/quan-tri/chi-tieu/ky-bao-cao');
  });

  app.get('/quan-tri/chi-tieu/api', async (req, reply) => {
    indicatorPolicy.requireManage(req.actor);
    return reply.html(<ConsumersPage ctx={reply.page(req)} consumers={await repo.listConsumers(s.db)} />);
  });

  app.post('/quan-tri/chi-tieu/api', async (req, reply) => {
    indicatorPolicy.requireManage(req.actor);
    const body = formBody(req);
    try {
      const { consumer, key } = await createConsumer(commandContext(req, s), { name: body.name, scopes: body.scopes });
      // The key is shown on this response only (never redirected with it in a URL or flash).
      reply.header('cache-control', 'no-store');
      return reply.html(<ConsumersPage ctx={reply.page(req)} consumers={await repo.listConsumers(s.db)} newKey={{ name: consumer.name, key }} />);
    } catch (e) {
      const f = formErrors(e);
      return reply.html(<ConsumersPage ctx={reply.page(req)} consumers={await repo.listConsumers(s.db)} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });

  app.post('/quan-tri/chi-tieu/api/:id/thu-hoi', async (req, reply) => {
    indicatorPolicy.requireManage(req.actor);
    const { id } = req.params as { id: string };
    if (!UUID_RE.test(id)) throw Errors.notFound('Khóa API');
    const row = await revokeConsumer(commandContext(req, s), id);
    return reply.flash(req.lang === 'en' ? `Key of ${row.name} revoked.` : `Đã thu hồi khóa của ${row.name}.`).redirect('/quan-tri/chi-tieu/api');
  });

  // Last: "/quan-tri/chi-tieu/:code" would otherwise shadow nothing, but keep the named pages first.
  app.get('/quan-tri/chi-tieu/:code', async (req, reply) => {
    indicatorPolicy.requireView(req.actor);
    const { code } = req.params as { code: string };
    const def = await repo.getDefinition(s.db, code);
    if (!def) throw Errors.notFound('Chỉ tiêu');
    const [units, dimValues, coverage] = await Promise.all([unitNames(s), repo.listDimensionValues(s.db), repo.publishedCoverage(s.db)]);
    const th = themes().find((x) => x.code === def.theme);
    return reply.html(
      <CatalogueDetailPage
        ctx={reply.page(req)}
        def={def}
        unitName={units.get(def.unitCode) ?? def.unitCode}
        themeName={th ? (req.lang === 'en' ? th.nameEn : th.name) : def.theme}
        dimValues={dimValues}
        coverage={coverage.get(def.code)}
      />,
    );
  });
}
