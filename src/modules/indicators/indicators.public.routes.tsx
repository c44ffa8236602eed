import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { listUnits } from '../../core/org/org.repository.js';
import { nfc, vnIsoDate } from '../../core/validation.js';
import { PageCache, sendCachedPage } from '../../core/web/page-cache.js';
import type { PageContext } from '../../core/web/page.js';
import type { IndicatorAssets } from './indicators.assets.js';
import { periodLabel, renderChartSvg, specFromPoints } from './indicators.charts.js';
import * as repo from './indicators.public.repository.js';
import { IndicatorPage, IndicatorsIndexPage, type Selector, dimensionLabel } from './pages/public-indicators.js';

const CODE_RE = /^[A-Za-z0-9._-]{1,40}$/;
const VALUE_RE = /^[A-Za-z0-9._-]{1,60}$/;

function queryOne(req: FastifyRequest, key: string): string {
  const v = (req.query as Record<string, unknown>)[key];
  const one = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof one === 'string' ? nfc(one).slice(0, 60) : '';
}

/** The disaggregation chosen in the GET form, kept only where the indicator has that dimension
 * and the value is well formed: the page (and its cache key) depend on nothing else. */
function chosenFilter(req: FastifyRequest, def: repo.Definition): { filter: Record<string, string>; breakdown: string } {
  const filter: Record<string, string> = {};
  for (const d of def.dimensions) {
    const v = queryOne(req, d);
    if (v && VALUE_RE.test(v)) filter[d] = v;
  }
  let breakdown = queryOne(req, 'theo');
  if (!def.dimensions.includes(breakdown) || filter[breakdown]) breakdown = '';
  return { filter, breakdown };
}

function filterQuery(filter: Record<string, string>, breakdown: string): string {
  const q = new URLSearchParams();
  for (const k of Object.keys(filter).sort()) q.set(k, filter[k]!);
  if (breakdown) q.set('theo', breakdown);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function csvCell(v: string): string {
  // A leading = + - @ makes spreadsheets run a formula (CSV injection): quote it with a '.
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Public indicator pages (issue 11 part 5, Open SDG style), anonymous and cached. */
export async function indicatorsPublicRoutes(app: FastifyInstance, s: Services, assets: IndicatorAssets) {
  const cache = new PageCache(s, { ttlMs: 300_000, maxEntries: 400 });
  app.addHook('onClose', async () => cache.dispose());

  app.get('/so-lieu', async (req, reply) =>
    sendCachedPage(req, reply, cache, 'so-lieu', async (ctx) => {
      const defs = await repo.publicDefinitions(s.db, vnIsoDate());
      const latest = await repo.latestTotals(s.db);
      const items = defs.map((def) => ({ def, ...latest.get(def.code) }));
      return <IndicatorsIndexPage ctx={ctx} items={items} assets={assets} />;
    }),
  );

  async function indicatorData(req: FastifyRequest, ctx: PageContext, def: repo.Definition) {
    const { filter, breakdown } = chosenFilter(req, def);
    const [points, status, dimValues, units] = await Promise.all([
      repo.publishedSeries(s.db, def.code, { filter, breakdown: breakdown || undefined }),
      repo.disaggregationStatus(s.db, def.code),
      repo.publishedDimensionValues(s.db, def.code),
      listUnits(s.db),
    ]);
    const allPoints = points;
    const last = status[0];
    // Areas are named as they were at the latest published period (mergers rename and regroup).
    const labels = await repo.dimensionLabels(s.db, last?.endsOn ?? vnIsoDate());
    const labelOf = (dim: string, v: string) => {
      const l = labels.get(`${dim}=${v}`);
      return l ? (ctx.lang === 'en' ? l.en : l.vi) : v;
    };
    const selectors: Selector[] = def.dimensions
      .filter((d) => dimValues.has(d))
      .map((d) => ({
        dim: d,
        value: filter[d] ?? '',
        options: [...dimValues.get(d)!]
          .sort((a, b) => (labels.get(`${d}=${a}`)?.sort ?? 0) - (labels.get(`${d}=${b}`)?.sort ?? 0) || labelOf(d, a).localeCompare(labelOf(d, b), 'vi'))
          .map((v) => ({ value: v, label: labelOf(d, v) })),
      }));
    const name = ctx.lang === 'en' ? def.nameEn : def.name;
    const filterText = Object.entries(filter)
      .map(([k, v]) => `${dimensionLabel(ctx, k)}: ${labelOf(k, v)}`)
      .join(', ');
    const spec = specFromPoints(allPoints, {
      kind: breakdown ? 'line' : def.valueType === 'count' ? 'bar' : 'line',
      title: name,
      seriesName: filterText || ctx.t('Tổng số', 'Total'),
      unit: ctx.lang === 'en' ? def.measureUnitEn : def.measureUnit,
      decimals: def.decimals,
      lang: ctx.lang,
      breakdown: breakdown || undefined,
      labelOf,
      maxSeries: 10,
      width: 760,
      height: 340,
    });
    const totals = breakdown || Object.keys(filter).length ? await repo.publishedSeries(s.db, def.code) : allPoints;
    const latest = totals[totals.length - 1];
    const unit = units.find((u) => u.code === def.unitCode);
    const periods = status.map((x) => x.periodCode);
    return {
      def,
      unitName: unit ? (ctx.lang === 'en' ? unit.nameEn ?? unit.name : unit.name) : def.unitCode,
      spec,
      svg: renderChartSvg(spec, 'bieu-do-svg'),
      selectors,
      breakdown,
      breakdowns: def.dimensions.filter((d) => dimValues.has(d) && !filter[d]),
      status,
      lastUpdate: allPoints.concat(totals).reduce<Date | undefined>((m, x) => (!m || x.updatedAt > m ? x.updatedAt : m), undefined),
      hasDemo: allPoints.some((x) => x.isDemo) || !!latest?.isDemo,
      latest,
      csvHref: `/so-lieu/${encodeURIComponent(def.code)}.csv${filterQuery(filter, breakdown)}`,
      filterText,
      origin: s.config.publicUrl.replace(/\/$/, ''),
      firstPeriod: status.length ? status[status.length - 1]!.periodCode : undefined,
      lastPeriod: periods[0],
    };
  }

  app.get('/so-lieu/:code', async (req, reply) => {
    const raw = (req.params as { code: string }).code;
    if (raw.endsWith('.csv')) return sendCsv(req, reply, raw.slice(0, -4));
    if (!CODE_RE.test(raw)) throw Errors.notFound('Chỉ tiêu');
    const def = await repo.findDefinition(s.db, raw);
    if (!def) throw Errors.notFound('Chỉ tiêu');
    const { filter, breakdown } = chosenFilter(req, def);
    return sendCachedPage(req, reply, cache, `so-lieu/${def.code}${filterQuery(filter, breakdown)}`, async (ctx) => (
      <IndicatorPage ctx={ctx} data={await indicatorData(req, ctx, def)} assets={assets} />
    ));
  });

  /** Every published value of the indicator (or those of the chosen disaggregation), one row
   * per value, with the dimension codes in columns: what Open SDG's "Download CSV" gives. */
  async function sendCsv(req: FastifyRequest, reply: import('fastify').FastifyReply, code: string) {
    if (!CODE_RE.test(code)) throw Errors.notFound('Chỉ tiêu');
    const def = await repo.findDefinition(s.db, code);
    if (!def) throw Errors.notFound('Chỉ tiêu');
    const { filter, breakdown } = chosenFilter(req, def);
    const choose = Object.keys(filter).length > 0 || breakdown;
    const rows = choose
      ? await repo.publishedSeries(s.db, def.code, { filter, breakdown: breakdown || undefined })
      : await repo.allPublished(s.db, def.code);
    const header = ['indicator', 'period', 'period_label', 'start', 'end', ...def.dimensions, 'value', 'unit', 'demo'];
    const lines = [header.join(',')];
    for (const r of rows) {
      lines.push(
        [def.code, r.periodCode, periodLabel(r.periodCode, 'vi'), r.startsOn, r.endsOn, ...def.dimensions.map((d) => r.dims[d] ?? ''), String(r.value), def.measureUnit, r.isDemo ? 'true' : 'false']
          .map(csvCell)
          .join(','),
      );
    }
    // The BOM lets Excel open UTF-8 Vietnamese correctly on double click.
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${def.code}.csv"`)
      .header('cache-control', 'no-cache')
      .send(`\uFEFF${lines.join('\r\n')}\r\n`);
  }
}
