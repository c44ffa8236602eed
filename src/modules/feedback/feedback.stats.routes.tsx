import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { commandContext, formErrors } from '../../core/web/forms.js';
import { nfc, vnIsoDate } from '../../core/validation.js';
import { XLSX_TYPE, exportCaseList, exportStatistics, type CaseListInput, type XlsxExport } from './feedback.export.js';
import { feedbackMap, feedbackStatistics, statisticsOptions, type PeriodInput } from './feedback.stats.js';
import { PIN_JS, STAFF_MAP_JS } from './feedback.map.client.js';
import { MapPage } from './pages/map-pages.js';
import { feedbackClock } from './feedback.time.js';
import { StatsPage } from './pages/stats-pages.js';

const PERIOD_KEYS = ['ky', 'nam', 'thang', 'quy', 'tu', 'den', 'category', 'unit', 'zoom'] as const;

/** The workbook goes out as it is written: the reply streams while the rows are fetched page by
 * page. The checks ran before (exportX threw), so a refusal is still a proper error page. */
function sendXlsx(req: FastifyRequest, reply: FastifyReply, x: XlsxExport) {
  const out = new PassThrough();
  x.write(out).catch((err: Error) => {
    // The status line is gone already: cut the download so the client sees it is incomplete.
    req.log.error({ err: err.message }, 'feedback xlsx export failed');
    out.destroy(err);
  });
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${x.filename}"`)
    .header('cache-control', 'no-store')
    .send(out);
}

const require = createRequire(import.meta.url);

/** Leaflet's files, served from the installed package (no CDN: the pages load nothing from
 * another origin unless a tile server is configured). Only these names, read once. */
function leafletAssets(): Map<string, { type: string; body: Buffer }> {
  const dist = path.join(path.dirname(require.resolve('leaflet/package.json')), 'dist');
  const out = new Map<string, { type: string; body: Buffer }>();
  out.set('leaflet.js', { type: 'text/javascript; charset=utf-8', body: fs.readFileSync(path.join(dist, 'leaflet.js')) });
  out.set('leaflet.css', { type: 'text/css; charset=utf-8', body: fs.readFileSync(path.join(dist, 'leaflet.css')) });
  for (const img of ['layers.png', 'layers-2x.png', 'marker-icon.png', 'marker-icon-2x.png', 'marker-shadow.png'])
    out.set(`images/${img}`, { type: 'image/png', body: fs.readFileSync(path.join(dist, 'images', img)) });
  return out;
}

/** The page may show tiles from the configured tile server: its origin joins img-src (a
 * {s} subdomain placeholder becomes a wildcard). */
export function allowTiles(reply: FastifyReply, tileUrl: string | undefined) {
  if (!tileUrl) return;
  const origin = /^(https?:\/\/[^/]+)/.exec(tileUrl.replace('{s}', '*'))?.[1];
  const csp = reply.getHeader('content-security-policy');
  if (!origin || typeof csp !== 'string') return;
  reply.header(
    'content-security-policy',
    csp.replace(/img-src ([^;]*)/, (_m, v: string) => `img-src ${v} ${origin}`),
  );
}

function queryStrings(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.query as Record<string, unknown>)) {
    const one = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof one === 'string') out[k] = nfc(one).slice(0, 60);
  }
  return out;
}

/** The report form's values as typed; a first visit gets this month. */
export function periodValues(req: FastifyRequest): Record<string, string> {
  const q = req.query as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of PERIOD_KEYS) {
    const v = q[k];
    const one = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof one === 'string' && one) out[k] = nfc(one).slice(0, 40);
  }
  const today = vnIsoDate(feedbackClock.now());
  out.ky ??= 'thang';
  out.nam ??= today.slice(0, 4);
  out.thang ??= String(Number(today.slice(5, 7)));
  out.quy ??= String(Math.ceil(Number(today.slice(5, 7)) / 3));
  return out;
}

export async function feedbackStatsRoutes(app: FastifyInstance, s: Services) {
  app.get('/quan-tri/phan-anh/thong-ke', async (req, reply) => {
    const ctx = commandContext(req, s);
    const options = await statisticsOptions(ctx);
    const values = periodValues(req);
    const units = options.units.map((u) => ({ code: u.code, name: u.name }));
    try {
      const report = await feedbackStatistics(ctx, values as PeriodInput);
      return reply.html(<StatsPage ctx={reply.page(req)} values={values} categories={options.categories} units={units} report={report} />);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(
        <StatsPage ctx={reply.page(req)} values={values} categories={options.categories} units={units} errors={f.errors} message={f.message} />,
        f.status,
      );
    }
  });

  // ——— Map of cases ———
  const tiles = { tileUrl: s.config.feedback?.mapTileUrl, attribution: s.config.feedback?.mapAttribution ?? '' };

  app.get('/quan-tri/phan-anh/ban-do', async (req, reply) => {
    const ctx = commandContext(req, s);
    const options = await statisticsOptions(ctx);
    const values = periodValues(req);
    values.zoom ??= '2';
    allowTiles(reply, tiles.tileUrl);
    try {
      const report = await feedbackMap(ctx, values as PeriodInput);
      return reply.html(<MapPage ctx={reply.page(req)} values={values} categories={options.categories} report={report} {...tiles} />);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<MapPage ctx={reply.page(req)} values={values} categories={options.categories} errors={f.errors} message={f.message} />, f.status);
    }
  });

  /** The clusters of another zoom step, for the Leaflet map when JavaScript is on. */
  app.get('/quan-tri/phan-anh/ban-do.json', async (req) => {
    const r = await feedbackMap(commandContext(req, s), periodValues(req) as PeriodInput);
    return {
      zoom: r.zoom,
      cell: r.cell,
      clusters: r.clusters.map((c) => ({ ...c, categories: c.categories.map((x) => ({ ...x, name: r.categoryNames.get(x.code) ?? x.code })) })),
    };
  });

  const assets = leafletAssets();
  app.get('/static/leaflet/*', { logLevel: 'warn' }, async (req, reply) => {
    const a = assets.get((req.params as { '*': string })['*']);
    if (!a) return reply.code(404).type('text/plain; charset=utf-8').send('Không tìm thấy.');
    return reply.header('cache-control', 'public, max-age=86400').type(a.type).send(a.body);
  });
  const scripts: Record<string, string> = { 'ban-do.js': STAFF_MAP_JS, 'ghim.js': PIN_JS };
  app.get('/static/feedback/:file', { logLevel: 'warn' }, async (req, reply) => {
    const js = scripts[(req.params as { file: string }).file];
    if (!js) return reply.code(404).type('text/plain; charset=utf-8').send('Không tìm thấy.');
    return reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(js);
  });

  app.get('/quan-tri/phan-anh/thong-ke/xuat.xlsx', async (req, reply) =>
    sendXlsx(req, reply, await exportStatistics(commandContext(req, s), periodValues(req) as PeriodInput)),
  );

  app.get('/quan-tri/phan-anh/xuat.xlsx', async (req, reply) =>
    sendXlsx(req, reply, await exportCaseList(commandContext(req, s), queryStrings(req) as CaseListInput)),
  );
}
