import { FONT_FAMILY, PALETTE, drawChart, esc } from './indicators.svg.js';

/**
 * Charts of the indicator pages and dashboards. The server draws each as SVG itself
 * (indicators.svg.ts, ADR 026): it shows without JavaScript, on a cheap phone, and on paper.
 * With JavaScript on, public/js/indicators-charts.js draws the same chart with Apache ECharts from
 * chartOption(spec) (carried in a <script type="application/json"> block, the CSP forbids inline
 * scripts) for tooltips and zoom. ECharts' own SSR renderer did this until the dashboard figure
 * (8 charts ≤ 150 ms p95) showed it cost 5–20 ms a chart.
 */

export const CHART_KINDS = ['line', 'bar', 'stacked', 'pie'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export interface ChartSeries {
  name: string;
  /** one value per category; null = no published value for that period */
  values: (number | null)[];
}

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  /** categories on the x axis (period labels) or, for a pie, the slices */
  categories: string[];
  series: ChartSeries[];
  /** unit of measure shown in the description and on tooltips ("hồ sơ", "%") */
  unit: string;
  decimals?: number;
  lang?: 'vi' | 'en';
  width?: number;
  height?: number;
  /** large type for the wall screen */
  large?: boolean;
}

const vnFormats = new Map<string, Intl.NumberFormat>();

/** 1.234.567,89 in Vietnamese, 1,234,567.89 in English; the catalogue says how many decimals. */
export function formatNumber(n: number | null | undefined, decimals = 0, lang: 'vi' | 'en' = 'vi'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const key = `${lang}|${decimals}`;
  let f = vnFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    vnFormats.set(key, f);
  }
  return f.format(n);
}

/** The ECharts option for a chart, plain JSON (no functions), so the browser can reuse it as is. */
export function chartOption(spec: ChartSpec): Record<string, unknown> {
  const fontSize = spec.large ? 20 : 12;
  const text = { fontFamily: FONT_FAMILY, fontSize, color: '#1b1b1b' };
  const base = { animation: false, color: PALETTE, textStyle: text, aria: { enabled: false } };
  if (spec.kind === 'pie') {
    const s = spec.series[0] ?? { name: spec.title, values: [] };
    return {
      ...base,
      legend: { bottom: 0, textStyle: text },
      series: [
        {
          type: 'pie',
          name: s.name,
          radius: ['35%', '65%'],
          center: ['50%', '45%'],
          label: { show: true, formatter: '{b}: {d}%', fontSize },
          data: spec.categories.map((c, i) => ({ name: c, value: s.values[i] ?? 0 })),
        },
      ],
    };
  }
  const stacked = spec.kind === 'stacked';
  return {
    ...base,
    grid: { left: spec.large ? 90 : 64, right: 24, top: spec.series.length > 1 ? (spec.large ? 56 : 40) : 20, bottom: spec.large ? 48 : 36, containLabel: false },
    legend: spec.series.length > 1 ? { top: 0, textStyle: text, type: 'scroll' } : undefined,
    xAxis: { type: 'category', data: spec.categories, axisLabel: { fontSize, hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { fontSize }, splitLine: { lineStyle: { color: '#dbdee4' } } },
    series: spec.series.map((s) => ({
      type: spec.kind === 'line' ? 'line' : 'bar',
      name: s.name,
      data: s.values,
      stack: stacked ? 'total' : undefined,
      connectNulls: false,
      symbolSize: spec.large ? 10 : 6,
      lineStyle: spec.kind === 'line' ? { width: spec.large ? 4 : 2 } : undefined,
    })),
  };
}

/** What a screen reader hears instead of the picture: the range of values and the last one.
 * The full figures are in the table next to every chart. */
export function chartDescription(spec: ChartSpec): string {
  const vi = (spec.lang ?? 'vi') === 'vi';
  const d = spec.decimals ?? 0;
  const fmt = (n: number | null | undefined) => formatNumber(n, d, spec.lang);
  if (spec.categories.length === 0 || spec.series.length === 0) return vi ? 'Chưa có số liệu công bố.' : 'No published data yet.';
  const parts: string[] = [];
  if (spec.kind === 'pie') {
    const s = spec.series[0]!;
    parts.push(spec.categories.map((c, i) => `${c}: ${fmt(s.values[i])} ${spec.unit}`).join('; '));
  } else {
    const first = spec.categories[0]!;
    const last = spec.categories[spec.categories.length - 1]!;
    parts.push(vi ? `Từ ${first} đến ${last}.` : `From ${first} to ${last}.`);
    for (const s of spec.series.slice(0, 6)) {
      const known = s.values.map((v, i) => [v, i] as const).filter(([v]) => v !== null) as [number, number][];
      if (known.length === 0) continue;
      const [lastV, lastI] = known[known.length - 1]!;
      const min = Math.min(...known.map(([v]) => v));
      const max = Math.max(...known.map(([v]) => v));
      parts.push(
        vi
          ? `${s.name}: thấp nhất ${fmt(min)}, cao nhất ${fmt(max)}, kỳ ${spec.categories[lastI]} là ${fmt(lastV)} ${spec.unit}.`
          : `${s.name}: lowest ${fmt(min)}, highest ${fmt(max)}, ${spec.categories[lastI]}: ${fmt(lastV)} ${spec.unit}.`,
      );
    }
    if (spec.series.length > 6) parts.push(vi ? `và ${spec.series.length - 6} chuỗi khác (xem bảng).` : `and ${spec.series.length - 6} more series (see the table).`);
  }
  return parts.join(' ');
}

let chartSeq = 0;

/**
 * The chart as an accessible SVG string: role="img", <title> and <desc> referenced by
 * aria-labelledby (the description names the range and the latest value with its unit; the full
 * figures are in the table next to it). `id` must be unique on the page.
 */
export function renderChartSvg(spec: ChartSpec, id = `vh-chart-${++chartSeq}`): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 320;
  const lang = spec.lang ?? 'vi';
  const d = spec.decimals ?? 0;
  const body = drawChart(
    spec,
    width,
    height,
    (v, decimals = d) => formatNumber(v, decimals, lang),
    (p) => `${formatNumber(p, 1, lang)}%`,
  );
  const safeId = id.replace(/[^A-Za-z0-9_-]/g, '-');
  const fs = spec.large ? 20 : 12;
  return (
    `<svg role="img" aria-labelledby="${safeId}-t ${safeId}-d" focusable="false" class="vh-chart__svg" preserveAspectRatio="xMidYMid meet" ` +
    `xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="${fs}">` +
    `<title id="${safeId}-t">${esc(spec.title)}</title><desc id="${safeId}-d">${esc(chartDescription(spec))}</desc>${body}</svg>`
  );
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** '2026-Q3' → 'Quý III/2026' (Q3 2026), '2026-09' → 'Tháng 9/2026' (09/2026), '2026' → 'Năm 2026'. */
export function periodLabel(code: string, lang: 'vi' | 'en' = 'vi', short = false): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(code);
  if (q) return lang === 'vi' ? `${short ? 'Q' : 'Quý '}${ROMAN[Number(q[2]) - 1]}/${q[1]}` : `Q${q[2]} ${q[1]}`;
  const m = /^(\d{4})-(\d{2})$/.exec(code);
  if (m) return lang === 'vi' ? (short ? `${m[2]}/${m[1]}` : `Tháng ${Number(m[2])}/${m[1]}`) : `${m[2]}/${m[1]}`;
  if (/^\d{4}$/.test(code)) return lang === 'vi' && !short ? `Năm ${code}` : code;
  return code;
}

export interface SeriesPoint {
  periodCode: string;
  dims: Record<string, string>;
  value: number;
}

/**
 * Turns published values into a chart: periods on the x axis, one series per value of the
 * breakdown dimension (or one series, the total). A pie shows the breakdown at the last period.
 * Breakdowns with many values (100 areas) keep the `maxSeries` largest at the last period; the
 * table under the chart still lists every one.
 */
export function specFromPoints(
  points: SeriesPoint[],
  o: { kind: ChartKind; title: string; seriesName: string; unit: string; decimals: number; lang: 'vi' | 'en'; breakdown?: string; labelOf?: (dim: string, value: string) => string; maxSeries?: number; large?: boolean; width?: number; height?: number },
): ChartSpec {
  const periods = [...new Set(points.map((p) => p.periodCode))];
  const categories = periods.map((p) => periodLabel(p, o.lang, true));
  const base = { title: o.title, unit: o.unit, decimals: o.decimals, lang: o.lang, large: o.large, width: o.width, height: o.height };
  if (!o.breakdown) {
    const byPeriod = new Map(points.map((p) => [p.periodCode, p.value]));
    const kind = o.kind === 'pie' || o.kind === 'stacked' ? 'bar' : o.kind;
    return { ...base, kind, categories, series: [{ name: o.seriesName, values: periods.map((p) => byPeriod.get(p) ?? null) }] };
  }
  const dim = o.breakdown;
  const label = (v: string) => o.labelOf?.(dim, v) ?? v;
  const groups = new Map<string, Map<string, number>>();
  for (const p of points) {
    const v = p.dims[dim];
    if (v === undefined) continue;
    if (!groups.has(v)) groups.set(v, new Map());
    groups.get(v)!.set(p.periodCode, p.value);
  }
  const last = periods[periods.length - 1];
  let keys = [...groups.keys()].sort((a, b) => (groups.get(b)!.get(last ?? '') ?? -Infinity) - (groups.get(a)!.get(last ?? '') ?? -Infinity));
  const max = o.maxSeries ?? (o.kind === 'pie' ? 8 : 6);
  const rest = keys.length > max ? keys.slice(max) : [];
  keys = keys.slice(0, max);
  if (o.kind === 'pie') {
    const values = keys.map((k) => groups.get(k)!.get(last ?? '') ?? null);
    const cats = keys.map(label);
    if (rest.length) {
      cats.push(o.lang === 'vi' ? `Còn lại (${rest.length})` : `Others (${rest.length})`);
      values.push(rest.reduce((s, k) => s + (groups.get(k)!.get(last ?? '') ?? 0), 0));
    }
    return { ...base, title: `${o.title} – ${last ? periodLabel(last, o.lang) : ''}`, kind: 'pie', categories: cats, series: [{ name: o.seriesName, values }] };
  }
  return { ...base, kind: o.kind, categories, series: keys.map((k) => ({ name: label(k), values: periods.map((p) => groups.get(k)!.get(p) ?? null) })) };
}
