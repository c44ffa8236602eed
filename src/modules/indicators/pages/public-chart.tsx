import type { PageContext } from '../../../core/web/page.js';
import { type ChartSpec, chartOption, formatNumber } from '../indicators.charts.js';

/** JSON for a <script type="application/json"> block: '<' escaped so the text can never close
 * the element, whatever an indicator's name contains. */
export function jsonBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The figures of a chart as a table (every chart has one: the SVG is a picture of it). */
export function ChartTable(p: { ctx: PageContext; spec: ChartSpec; caption: string; id?: string }) {
  const { spec, ctx } = p;
  const d = spec.decimals ?? 0;
  if (spec.kind === 'pie') {
    const s = spec.series[0];
    return (
      <div class="vh-table-wrap">
        <table class="vh-table" id={p.id}>
          <caption>{p.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('Phân tổ', 'Breakdown')}</th>
              <th scope="col">{`${ctx.t('Giá trị', 'Value')} (${spec.unit})`}</th>
            </tr>
          </thead>
          <tbody>
            {spec.categories.map((c, i) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                <td class="vh-num">{formatNumber(s?.values[i], d, ctx.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <div class="vh-table-wrap">
      <table class="vh-table" id={p.id}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('Kỳ', 'Period')}</th>
            {spec.series.map((s) => (
              <th scope="col" key={s.name}>
                {spec.series.length === 1 ? `${s.name} (${spec.unit})` : s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.categories.length === 0 && (
            <tr>
              <td colSpan={spec.series.length + 1}>{ctx.t('Chưa có số liệu công bố.', 'No published data yet.')}</td>
            </tr>
          )}
          {spec.categories.map((c, i) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {spec.series.map((s) => (
                <td key={s.name}>{formatNumber(s.values[i], d, ctx.lang)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One chart: heading, the server SVG (role="img" with <title>/<desc>), the ECharts option for the
 * browser script in a JSON block, and the table, folded (`tableOpen` shows it open).
 */
export function ChartFigure(p: {
  ctx: PageContext;
  id: string;
  spec: ChartSpec;
  svg: string;
  heading?: string;
  level?: 2 | 3;
  meta?: preact.ComponentChildren;
  tableOpen?: boolean;
}) {
  const { ctx, spec } = p;
  const H = p.level === 3 ? 'h3' : 'h2';
  const heading = p.heading ?? spec.title;
  return (
    <section class="vh-chart" id={p.id} data-vh-chart="" data-decimals={String(spec.decimals ?? 0)} data-unit={spec.unit} aria-labelledby={`${p.id}-h`}>
      <H id={`${p.id}-h`}>{heading}</H>
      {p.meta && <p class="vh-chart__meta">{p.meta}</p>}
      {/* the SVG is renderChartSvg's (indicators.svg.ts): every text in it goes through esc() */}
      <div class="vh-chart__canvas" dangerouslySetInnerHTML={{ __html: p.svg }} />
      {/* JSON with '<' escaped, never executed (type application/json) */}
      <script type="application/json" dangerouslySetInnerHTML={{ __html: jsonBlock(chartOption(spec)) }} />
      {p.tableOpen ? (
        <ChartTable ctx={ctx} spec={spec} caption={ctx.t(`Bảng số liệu: ${heading}`, `Data table: ${heading}`)} id={`${p.id}-bang`} />
      ) : (
        <details>
          <summary>{ctx.t('Xem bảng số liệu', 'Show the data table')}</summary>
          <ChartTable ctx={ctx} spec={spec} caption={ctx.t(`Bảng số liệu: ${heading}`, `Data table: ${heading}`)} id={`${p.id}-bang`} />
        </details>
      )}
    </section>
  );
}

export function DemoMark(p: { ctx: PageContext }) {
  return (
    <span class="vh-demo-mark" title={p.ctx.t('Số liệu minh họa của bản trình diễn, không phải số liệu chính thức', 'Sample figures of the demo, not official data')}>
      {p.ctx.t('dữ liệu minh họa', 'sample data')}
    </span>
  );
}

/** ▲/▼ against the previous period, coloured by whether higher is better for this indicator. */
export function Trend(p: { ctx: PageContext; current: number; previous?: number; higherIsBetter: boolean; previousLabel?: string }) {
  const t = p.ctx.t;
  if (p.previous === undefined) return null;
  const diff = p.current - p.previous;
  const dir = Math.abs(diff) < 1e-9 ? 'flat' : diff > 0 ? 'up' : 'down';
  const good = dir === 'flat' ? 'flat' : (dir === 'up') === p.higherIsBetter ? 'up' : 'down';
  const pct = p.previous !== 0 ? (diff / Math.abs(p.previous)) * 100 : null;
  const arrow = dir === 'up' ? '▲' : dir === 'down' ? '▼' : '▶';
  const words =
    dir === 'flat'
      ? t('không đổi so với kỳ trước', 'unchanged from the previous period')
      : `${dir === 'up' ? t('tăng', 'up') : t('giảm', 'down')}${pct !== null ? ` ${formatNumber(Math.abs(pct), 1, p.ctx.lang)}%` : ''} ${t('so với', 'on')} ${p.previousLabel ?? t('kỳ trước', 'the previous period')}`;
  return (
    <span class={`vh-trend vh-trend--${good}`}>
      <span aria-hidden="true">{arrow}</span> {words}
    </span>
  );
}
