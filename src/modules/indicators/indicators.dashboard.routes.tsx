import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { can, requirePermission } from '../../core/auth/actor.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { createAlertRule, setAlertRuleActive } from './indicators.alerts.js';
import { AlertRulesPage } from './pages/dashboard-alerts.js';
import { nfc, vnIsoDate } from '../../core/validation.js';
import { PageCache } from '../../core/web/page-cache.js';
import type { PageContext } from '../../core/web/page.js';
import type { IndicatorAssets } from './indicators.assets.js';
import { type ChartSpec, periodLabel, renderChartSvg, specFromPoints } from './indicators.charts.js';
import type { DashboardChart } from './indicators.dashboards.schema.js';
import { INDICATOR_ALERT_MANAGE, INDICATOR_DASHBOARD } from './indicators.dashboard.policy.js';
import * as repo from './indicators.public.repository.js';
import { DashboardListPage, DashboardPage, type DashboardView } from './pages/dashboard-pages.js';
import { dimensionLabel } from './pages/public-indicators.js';

const SLUG_RE = /^[a-z0-9-]{1,40}$/;
const PERIOD_RE = /^\d{4}(-Q[1-4]|-\d{2})?$/;
const AREA_RE = /^[A-Za-z0-9._-]{1,40}$/;
/** Wall screens: not more often than every 10 s (each refresh re-reads 8 charts), at most hourly. */
const REFRESH_MIN = 10;
const REFRESH_MAX = 3600;

function queryOne(req: FastifyRequest, key: string): string {
  const v = (req.query as Record<string, unknown>)[key];
  const one = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof one === 'string' ? nfc(one).trim().slice(0, 400) : '';
}

export interface DashboardFilters {
  period: string;
  area: string;
  wall: boolean;
  refresh?: number;
  rotate: string[];
}

/** The filters from the URL, each kept only when well formed: the page links, the refresh and
 * the rotation all rebuild their URL from these, so a refresh never loses one. */
export function dashboardFilters(req: FastifyRequest): DashboardFilters {
  const period = queryOne(req, 'ky');
  const area = queryOne(req, 'dia-ban');
  const wall = queryOne(req, 'che-do') === 'man-hinh';
  const n = Number.parseInt(queryOne(req, 'lam-moi'), 10);
  const refresh = Number.isFinite(n) ? Math.min(REFRESH_MAX, Math.max(REFRESH_MIN, n)) : wall ? 60 : undefined;
  const rotate = queryOne(req, 'xoay')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => SLUG_RE.test(x))
    .slice(0, 12);
  return { period: PERIOD_RE.test(period) ? period : '', area: AREA_RE.test(area) ? area : '', wall, refresh: wall ? refresh : undefined, rotate: wall ? rotate : [] };
}

export function dashboardHref(slug: string, f: DashboardFilters, wall = f.wall): string {
  const q = new URLSearchParams();
  if (f.period) q.set('ky', f.period);
  if (f.area) q.set('dia-ban', f.area);
  if (wall) {
    q.set('che-do', 'man-hinh');
    q.set('lam-moi', String(f.refresh ?? 60));
    if (f.rotate.length) q.set('xoay', f.rotate.join(','));
  }
  const s = q.toString();
  return `/quan-tri/bang-dieu-khien/${slug}${s ? `?${s}` : ''}`;
}

/** Leaders' dashboards (issue 11 part 6): charts drawn on the server, filters and wall mode in the URL. */
export async function indicatorsDashboardRoutes(app: FastifyInstance, s: Services, assets: IndicatorAssets) {
  // Rendered SVGs per (chart, filters, language, size). Publishing calls pagesChanged(), which
  // empties every PageCache: a chart is never older than the last publication.
  const svgCache = new PageCache(s, { ttlMs: 600_000, maxEntries: 2000 });
  app.addHook('onClose', async () => svgCache.dispose());

  /** The filters' option lists change only with a publication, like the charts: kept with them
   * (measured: the distinct areas of 80,000 values took ~100 ms of a 8-chart page). */
  async function memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = svgCache.trusted() ? svgCache.get(`meta|${key}`, '') : undefined;
    if (hit) return JSON.parse(hit.body.toString()) as T;
    const generation = svgCache.generation;
    const value = await load();
    svgCache.set(`meta|${key}`, { body: Buffer.from(JSON.stringify(value)), etag: '', stamp: '' }, generation);
    return value;
  }

  app.get('/quan-tri/bang-dieu-khien', async (req, reply) => {
    requirePermission(req.actor, INDICATOR_DASHBOARD);
    const list = await repo.listDashboards(s.db);
    return reply.html(
      <DashboardListPage
        ctx={reply.page(req)}
        dashboards={list.map((d) => ({ slug: d.slug, title: req.lang === 'en' ? d.titleEn : d.title, description: d.description, charts: d.charts.length }))}
      />,
    );
  });

  app.get('/quan-tri/bang-dieu-khien/:slug', async (req, reply) => {
    requirePermission(req.actor, INDICATOR_DASHBOARD);
    const { slug } = req.params as { slug: string };
    if (!SLUG_RE.test(slug)) throw Errors.notFound('Bảng điều khiển');
    const dash = await repo.findDashboard(s.db, slug);
    if (!dash) throw Errors.notFound('Bảng điều khiển');
    const ctx = reply.page(req);
    const f = dashboardFilters(req);
    const view = await buildView(ctx, dash, f);
    // A wall screen is looked at, not navigated: no caching by the browser between refreshes.
    reply.header('cache-control', 'no-store');
    return reply.html(<DashboardPage ctx={ctx} v={view} assets={assets} />);
  });

  // ——— alert rules (staff) ———
  async function alertsPage(req: FastifyRequest, extra: { values?: Record<string, string>; errors?: import('../../core/errors.js').FieldErrors; message?: string } = {}) {
    const [rules, log, defs] = await Promise.all([repo.listAlertRules(s.db), repo.recentAlerts(s.db), repo.publicDefinitions(s.db, vnIsoDate())]);
    return { rules, log, defs, canManage: can(req.actor, INDICATOR_ALERT_MANAGE), ...extra };
  }

  app.get('/quan-tri/canh-bao-chi-tieu', async (req, reply) => {
    if (!can(req.actor, INDICATOR_ALERT_MANAGE)) requirePermission(req.actor, INDICATOR_DASHBOARD);
    return reply.html(<AlertRulesPage ctx={reply.page(req)} {...await alertsPage(req)} />);
  });

  app.post('/quan-tri/canh-bao-chi-tieu', async (req, reply) => {
    requirePermission(req.actor, INDICATOR_ALERT_MANAGE);
    const body = formBody(req);
    try {
      await createAlertRule(commandContext(req, s), { indicator: body.indicator ?? '', kind: body.kind ?? '', threshold: body.threshold ?? '', dims: body.dims ?? '', extraRecipients: body.extraRecipients ?? '', note: body.note ?? '' });
      return reply.flash(req.lang === 'en' ? 'Rule added.' : 'Đã thêm quy tắc cảnh báo.').redirect('/quan-tri/canh-bao-chi-tieu');
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<AlertRulesPage ctx={reply.page(req)} {...await alertsPage(req, { values: body, errors: f.errors, message: f.message })} />, f.status);
    }
  });

  app.post('/quan-tri/canh-bao-chi-tieu/:id/:action', async (req, reply) => {
    requirePermission(req.actor, INDICATOR_ALERT_MANAGE);
    const { id, action } = req.params as { id: string; action: string };
    if (action !== 'bat' && action !== 'tat') throw Errors.notFound();
    try {
      await setAlertRuleActive(commandContext(req, s), id, Number(formBody(req).version), action === 'bat');
    } catch (err) {
      const f = formErrors(err);
      const message = f.message || Object.values(f.errors).map((e) => (req.lang === 'en' ? e.en : e.vi)).join(' ');
      return reply.html(<AlertRulesPage ctx={reply.page(req)} {...await alertsPage(req, { message })} />, f.status);
    }
    return reply.flash(action === 'bat' ? 'Đã bật quy tắc.' : 'Đã tắt quy tắc.').redirect('/quan-tri/canh-bao-chi-tieu');
  });

  async function buildView(ctx: PageContext, dash: NonNullable<Awaited<ReturnType<typeof repo.findDashboard>>>, f: DashboardFilters): Promise<DashboardView> {
    const [list, periods, areas, defs] = await Promise.all([
      repo.listDashboards(s.db),
      memo('periods', () => repo.publishedPeriods(s.db)),
      memo('areas', () => repo.publishedAreas(s.db)),
      repo.definitionsByCode(s.db, dash.charts.map((c) => c.indicator)),
    ]);
    const period = f.period ? periods.find((p) => p.code === f.period) : undefined;
    const until = period?.endsOn ?? periods[0]?.endsOn;
    const labels = new Map(await memo(`labels|${until}`, async () => [...(await repo.dimensionLabels(s.db, until ?? '9999-12-31'))]));
    const labelOf = (dim: string, v: string) => {
      const l = labels.get(`${dim}=${v}`);
      return l ? (ctx.lang === 'en' ? l.en : l.vi) : v;
    };
    const area = f.area && areas.includes(f.area) ? f.area : '';
    const filters = { ...f, period: period?.code ?? '', area };
    const charts = await Promise.all(dash.charts.map((c, i) => chartView(ctx, dash.slug, i, c, defs.get(c.indicator), { until, area, periodKey: period?.code ?? 'latest', labelOf, large: f.wall })));
    const rotation = f.rotate.length ? f.rotate : [];
    const at = rotation.indexOf(dash.slug);
    const next = rotation.length > 0 ? rotation[(at + 1) % rotation.length] : undefined;
    return {
      slug: dash.slug,
      title: ctx.lang === 'en' ? dash.titleEn : dash.title,
      description: dash.description,
      dashboards: list.map((d) => ({ slug: d.slug, title: ctx.lang === 'en' ? d.titleEn : d.title })),
      charts,
      periods: periods.map((p) => ({ value: p.code, label: periodLabel(p.code, ctx.lang) })),
      areas: areas.map((a) => ({ value: a, label: labelOf('area', a) })).sort((a, b) => a.label.localeCompare(b.label, 'vi')),
      period: filters.period,
      area,
      wall: f.wall,
      refresh: f.refresh,
      rotate: rotation,
      selfHref: dashboardHref(dash.slug, filters),
      wallHref: dashboardHref(dash.slug, { ...filters, refresh: 60 }, true),
      exitWallHref: dashboardHref(dash.slug, filters, false),
      nextHref: next && next !== dash.slug ? dashboardHref(next, filters) : undefined,
      renderedAt: new Date(),
    };
  }

  async function chartView(
    ctx: PageContext,
    slug: string,
    i: number,
    c: DashboardChart,
    def: repo.Definition | undefined,
    o: { until?: string; area: string; periodKey: string; labelOf: (d: string, v: string) => string; large: boolean },
  ): Promise<DashboardView['charts'][number]> {
    const id = `bd-${i + 1}`;
    const t = ctx.t;
    if (!def) return { id, heading: c.title ?? c.indicator, note: t(`Chỉ tiêu ${c.indicator} không có trong danh mục.`, `Indicator ${c.indicator} is not in the catalogue.`) };
    const name = ctx.lang === 'en' ? (c.titleEn ?? def.nameEn) : (c.title ?? def.name);
    const hasArea = def.dimensions.includes('area');
    let breakdown = c.breakdown && def.dimensions.includes(c.breakdown) ? c.breakdown : undefined;
    const filter: Record<string, string> = {};
    if (o.area && hasArea) {
      filter.area = o.area;
      if (breakdown === 'area') breakdown = undefined;
    }
    const unit = ctx.lang === 'en' ? def.measureUnitEn : def.measureUnit;
    const areaNote = o.area && !hasArea ? t(' (chỉ tiêu không phân tổ theo địa bàn: số toàn tỉnh)', ' (no breakdown by area: provincial total)') : '';
    const meta = `${t('Đơn vị tính', 'Unit')}: ${unit}${breakdown ? ` · ${t('theo', 'by')} ${dimensionLabel(ctx, breakdown).toLowerCase()}` : ''}${areaNote}`;
    const key = `${slug}|${i}|${o.periodKey}|${o.area}|${ctx.lang}|${o.large ? 'L' : 'n'}`;
    const cached = svgCache.trusted() ? svgCache.get(key, '') : undefined;
    if (cached) {
      const { spec, svg } = JSON.parse(cached.body.toString()) as { spec: ChartSpec; svg: string };
      return { id, heading: name, spec, svg, meta, href: `/so-lieu/${def.code}` };
    }
    const generation = svgCache.generation;
    const points = await repo.publishedSeries(s.db, def.code, { filter, breakdown, until: o.until, limitPeriods: c.kind === 'pie' ? 1 : (c.periods ?? 8) });
    if (points.length === 0) return { id, heading: name, meta, note: t('Chưa có số liệu công bố cho lựa chọn này.', 'No published figures for this choice.') };
    const spec = specFromPoints(points, {
      kind: c.kind,
      title: name,
      seriesName: o.area && hasArea ? o.labelOf('area', o.area) : t('Tổng số', 'Total'),
      unit,
      decimals: def.decimals,
      lang: ctx.lang,
      breakdown,
      labelOf: o.labelOf,
      large: o.large,
      width: o.large ? 900 : 560,
      height: o.large ? 420 : 300,
    });
    const svg = renderChartSvg(spec, `${id}-svg`);
    svgCache.set(key, { body: Buffer.from(JSON.stringify({ spec, svg })), etag: '', stamp: '' }, generation);
    return { id, heading: name, spec, svg, meta, href: `/so-lieu/${def.code}` };
  }
}
