/**
 * `node --import tsx bench/indicators-charts.ts` (ADR 026): the cost of drawing the 8 charts of
 * bench/indicators-dashboard.ts's dashboard (same kinds, periods and 100-area breakdowns, 560 × 300),
 * without the database or HTTP, by:
 *  - ECharts 6 SSR with the option the browser gets (chartOption), one instance per chart (what the
 *    server did until ADR 026);
 *  - ECharts SSR with the waste cut: plain legend, no line markers, then no legend at all, then one
 *    instance reused per chart kind;
 *  - the platform's own SVG renderer (renderChartSvg, what the server does now).
 * Rounds interleave the variants so the machine's load falls on all of them alike.
 * BENCH_ROUNDS (default 40).
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import type * as ECharts from 'echarts';
import { type ChartSpec, chartOption, renderChartSvg, specFromPoints } from '../src/modules/indicators/indicators.charts.js';

const echarts = createRequire(import.meta.url)('echarts') as typeof ECharts;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const areas = Array.from({ length: 100 }, (_, i) => `B${String(i + 1).padStart(3, '0')}`);
const periods: string[] = [];
for (const y of [2021, 2022, 2023, 2024, 2025]) for (let q = 1; q <= 4; q++) periods.push(`${y}-Q${q}`);
function points(n: number, breakdown: boolean) {
  const out: { periodCode: string; dims: Record<string, string>; value: number }[] = [];
  for (const [pi, p] of periods.slice(-n).entries()) {
    if (!breakdown) out.push({ periodCode: p, dims: {}, value: 30_000 + pi * 1000 });
    else for (const [ai, a] of areas.entries()) out.push({ periodCode: p, dims: { area: a }, value: 100 + ((ai * 37 + pi * 11 + 70) % 400) });
  }
  return out;
}
const charts = [
  { kind: 'line', periods: 20 },
  { kind: 'bar', periods: 8 },
  { kind: 'bar', breakdown: 'area', periods: 4 },
  { kind: 'stacked', breakdown: 'area', periods: 8 },
  { kind: 'pie', breakdown: 'area', periods: 1 },
  { kind: 'line', breakdown: 'area', periods: 12 },
  { kind: 'line', periods: 20 },
  { kind: 'pie', breakdown: 'area', periods: 1 },
] as const;
const specs: ChartSpec[] = charts.map((c) =>
  specFromPoints(points(c.periods, 'breakdown' in c), {
    kind: c.kind,
    title: 'Chỉ tiêu thử tải',
    seriesName: 'Tổng số',
    unit: 'lượt',
    decimals: 0,
    lang: 'vi',
    breakdown: 'breakdown' in c ? c.breakdown : undefined,
    labelOf: (_d, v) => `Xã thử tải ${v}`,
    width: 560,
    height: 300,
  }),
);

type Option = Record<string, unknown>;
type Tweak = (o: Option) => Option;
const plain: Tweak = (o) => (o.legend ? { ...o, legend: { ...(o.legend as Option), type: 'plain' } } : o);
const noLegend: Tweak = (o) => ({ ...o, legend: undefined });
const noMarkers: Tweak = (o) => ({ ...o, series: (o.series as Option[]).map((s) => (s.type === 'line' ? { ...s, showSymbol: false } : s)) });

function viaECharts(tweak: Tweak, reuse?: Map<string, ECharts.ECharts>) {
  return (spec: ChartSpec) => {
    const option = tweak(chartOption(spec));
    if (reuse) {
      const key = spec.kind;
      let chart = reuse.get(key);
      if (!chart) {
        chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
        reuse.set(key, chart);
      }
      chart.setOption(option, true);
      return chart.renderToSVGString();
    }
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
    try {
      chart.setOption(option);
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  };
}

const reused = new Map<string, ECharts.ECharts>();
const variants: [string, (s: ChartSpec) => string][] = [
  ['ECharts SSR, option as served', viaECharts((o) => o)],
  ['ECharts, plain legend', viaECharts(plain)],
  ['ECharts, no line markers', viaECharts(noMarkers)],
  ['ECharts, plain legend + no markers', viaECharts((o) => noMarkers(plain(o)))],
  ['ECharts, no legend + no markers', viaECharts((o) => noMarkers(noLegend(o)))],
  ['ECharts, same + instance reused', viaECharts((o) => noMarkers(noLegend(o)), reused)],
  ['own SVG renderer (renderChartSvg)', (s) => renderChartSvg(s)],
];
const t0 = performance.now();
for (const [, draw] of variants) for (const s of specs) draw(s); // loads ECharts, JIT
const firstLoad = performance.now() - t0;
const pages = new Map<string, number[]>();
const perChart = new Map<string, number[][]>();
const bytes = new Map<string, number>();
for (let r = 0; r < ROUNDS; r++)
  for (const [name, draw] of variants) {
    const t = performance.now();
    const each: number[] = [];
    let size = 0;
    for (const s of specs) {
      const t1 = performance.now();
      size += draw(s).length;
      each.push(performance.now() - t1);
    }
    (pages.get(name) ?? pages.set(name, []).get(name)!).push(performance.now() - t);
    (perChart.get(name) ?? perChart.set(name, []).get(name)!).push(each);
    bytes.set(name, size);
  }
for (const c of reused.values()) c.dispose();
const pct = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
console.log(`Dashboard charts drawn in-process (8 charts, 560 × 300), ${ROUNDS} interleaved rounds, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; first use incl. loading ECharts ${firstLoad.toFixed(0)} ms`);
console.log('| variant | 8 charts p50 | p95 | per chart p50 (line, bar, bar×6, stacked×6, pie, line×6, line, pie) | SVG bytes |');
console.log('| --- | --- | --- | --- | --- |');
const base = pct(pages.get(variants[0]![0])!, 50);
for (const [name] of variants) {
  const t = pages.get(name)!;
  const per = specs.map((_, i) => pct(perChart.get(name)!.map((x) => x[i]!), 50).toFixed(2)).join(', ');
  console.log(`| ${name} | ${pct(t, 50).toFixed(2)} ms (${(pct(t, 50) / base).toFixed(3)}×) | ${pct(t, 95).toFixed(2)} ms | ${per} | ${bytes.get(name)!.toLocaleString('en')} |`);
}
