import type { ChartSpec } from './indicators.charts.js';

/**
 * The server's picture of a chart (ADR 026): line, bar, stacked bar and donut drawn directly as
 * SVG in the layout ECharts gives the same option in the browser (grid, nice axis steps, legend at
 * the top, donut with outside labels), because ECharts' SSR took 5–20 ms a chart (75–140 ms for 8
 * on the loaded machine) and this takes well under 1 ms. With JavaScript on, ECharts still draws
 * the live chart over it from chartOption(spec).
 *
 * Returns the inner markup and the view box; renderChartSvg adds the accessible root (role="img",
 * <title>, <desc>). Every text goes through esc(); numbers through the caller's Vietnamese format.
 */

export const PALETTE = ['#1f5fa8', '#b3261e', '#2e7d32', '#8a5a00', '#6a3d9a', '#00695c', '#ad1457', '#455a64'];
export const FONT_FAMILY = 'Be Vietnam Pro, Arial, sans-serif';
const AXIS = '#54555a';
const TEXT = '#1b1b1b';
const SPLIT = '#dbdee4';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Coordinates to one decimal, without a trailing ".0": the SVG stays small. */
function n(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/**
 * Width of a text line in px, estimated: the server has no font metrics. Average advance of
 * Be Vietnam Pro / Arial is ~0.52 em; narrow and wide letters are weighed apart so a legend of
 * commune names ("Phường Thủ Dầu Một") wraps where the browser would.
 */
export function textWidth(s: string, fontSize: number): number {
  let em = 0;
  for (const ch of s.normalize('NFC')) {
    if (/[ilI.,:;'|!()[\]1 ]/.test(ch)) em += 0.3;
    else if (/[mwMW%]/.test(ch)) em += 0.85;
    else if (/[A-ZĐ]/.test(ch)) em += 0.66;
    else if (/[0-9]/.test(ch)) em += 0.56;
    else em += 0.52;
  }
  return em * fontSize;
}

function truncate(s: string, maxWidth: number, fontSize: number): string {
  if (textWidth(s, fontSize) <= maxWidth) return s;
  const chars = [...s];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** ECharts' "nice" step (1, 2, 3, 5 × 10^k for about `splits` intervals), so static and live axes agree. */
export function niceScale(min: number, max: number, splits = 5): { min: number; max: number; step: number; decimals: number } {
  let lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / splits;
  const exp = Math.floor(Math.log10(raw));
  const f = raw / 10 ** exp;
  const nf = f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10;
  const step = nf * 10 ** exp;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  lo = Math.floor(lo / step + 1e-9) * step;
  hi = Math.ceil(hi / step - 1e-9) * step;
  return { min: lo, max: hi, step, decimals };
}

export interface Sizes {
  fontSize: number;
  symbol: number;
  lineWidth: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The same margins chartOption gives ECharts ("large" = the wall screen). */
export function sizes(spec: ChartSpec): Sizes {
  const large = !!spec.large;
  return {
    fontSize: large ? 20 : 12,
    symbol: large ? 10 : 6,
    lineWidth: large ? 4 : 2,
    left: large ? 90 : 64,
    right: 24,
    top: large ? 56 : 40,
    bottom: large ? 48 : 36,
  };
}

interface LegendItem {
  name: string;
  color: string;
  line: boolean;
}

/** Legend items in centred rows, wrapped like ECharts' plain legend; long names shortened with "…" (the table has them whole). */
export function legendRows(items: LegendItem[], width: number, fontSize: number): { x: number; label: string; item: LegendItem }[][] {
  const icon = fontSize * (25 / 12);
  const gap = fontSize * (10 / 12);
  const rows: { label: string; item: LegendItem; w: number }[][] = [[]];
  let used = 0;
  for (const item of items) {
    const label = truncate(item.name, width * 0.45, fontSize);
    const w = icon + 5 + textWidth(label, fontSize);
    if (rows[rows.length - 1]!.length > 0 && used + gap + w > width - 16) {
      rows.push([]);
      used = 0;
    }
    const row = rows[rows.length - 1]!;
    used += (row.length > 0 ? gap : 0) + w;
    row.push({ label, item, w });
  }
  return rows.map((row) => {
    let x = (width - row.reduce((sum, e, i) => sum + e.w + (i > 0 ? gap : 0), 0)) / 2;
    return row.map((e, i) => {
      const at = x + (i > 0 ? gap : 0);
      x = at + e.w;
      return { x: at, label: e.label, item: e.item };
    });
  });
}

function drawLegend(items: LegendItem[], width: number, y0: number, fontSize: number): { svg: string; height: number } {
  const rows = legendRows(items, width, fontSize);
  const icon = fontSize * (25 / 12);
  const iconH = fontSize * (14 / 12);
  const rowH = fontSize + 10;
  const out: string[] = [];
  rows.forEach((row, ri) => {
    const cy = y0 + ri * rowH + rowH / 2;
    for (const e of row) {
      if (e.item.line) {
        out.push(
          `<path d="M${n(e.x)} ${n(cy)}h${n(icon)}" stroke="${e.item.color}" stroke-width="2"/><circle cx="${n(e.x + icon / 2)}" cy="${n(cy)}" r="${n(iconH / 3.2)}" fill="#fff" stroke="${e.item.color}" stroke-width="2"/>`,
        );
      } else {
        out.push(`<rect x="${n(e.x)}" y="${n(cy - iconH / 2)}" width="${n(icon)}" height="${n(iconH)}" rx="3" fill="${e.item.color}"/>`);
      }
      out.push(`<text x="${n(e.x + icon + 5)}" y="${n(cy)}" dominant-baseline="central" fill="${TEXT}">${esc(e.label)}</text>`);
    }
  });
  return { svg: `<g class="vh-chart__legend">${out.join('')}</g>`, height: rows.length * rowH };
}

export type Format = (v: number | null | undefined, decimals?: number) => string;

function emptyChart(width: number, height: number, fontSize: number, text: string): string {
  return `<text x="${n(width / 2)}" y="${n(height / 2)}" text-anchor="middle" dominant-baseline="central" fill="${AXIS}" font-size="${fontSize}">${esc(text)}</text>`;
}

/** Periods across, values up: lines (gaps where a period has no value), grouped or stacked bars. */
function cartesian(spec: ChartSpec, width: number, height: number, fmt: Format): string {
  const z = sizes(spec);
  const fs = z.fontSize;
  const cats = spec.categories;
  const line = spec.kind === 'line';
  const stacked = spec.kind === 'stacked';
  const out: string[] = [];
  let top = spec.series.length > 1 ? z.top : spec.large ? 30 : 20;
  if (spec.series.length > 1) {
    const legend = drawLegend(
      spec.series.map((s, i) => ({ name: s.name, color: PALETTE[i % PALETTE.length]!, line })),
      width,
      0,
      fs,
    );
    out.push(legend.svg);
    top = Math.max(top, legend.height + fs);
  }
  // value extent: stacked bars add up positives and negatives apart (ECharts' "samesign")
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < cats.length; i++) {
    let pos = 0;
    let neg = 0;
    for (const s of spec.series) {
      const v = s.values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      if (stacked) {
        if (v >= 0) pos += v;
        else neg += v;
      } else {
        pos = Math.max(pos, v);
        neg = Math.min(neg, v);
      }
    }
    hi = Math.max(hi, pos);
    lo = Math.min(lo, neg);
  }
  const scale = niceScale(lo, hi);
  const ticks: number[] = [];
  for (let v = scale.min; v <= scale.max + scale.step / 2; v += scale.step) ticks.push(Math.round(v / scale.step) * scale.step);
  const tickLabels = ticks.map((v) => fmt(v, scale.decimals));
  const left = Math.max(z.left, Math.max(...tickLabels.map((l) => textWidth(l, fs))) + 14);
  const x0 = left;
  const x1 = width - z.right;
  const y0 = top;
  const y1 = height - z.bottom;
  const plotH = y1 - y0;
  const y = (v: number) => y1 - ((v - scale.min) / (scale.max - scale.min)) * plotH;
  // grid and value labels
  for (const [i, v] of ticks.entries()) {
    const ty = Math.round(y(v)) + 0.5;
    out.push(`<path d="M${n(x0)} ${n(ty)}H${n(x1)}" stroke="${SPLIT}"/>`);
    out.push(`<text x="${n(x0 - 8)}" y="${n(ty)}" text-anchor="end" dominant-baseline="central" fill="${AXIS}">${esc(tickLabels[i]!)}</text>`);
  }
  const band = cats.length > 0 ? (x1 - x0) / cats.length : x1 - x0;
  const cx = (i: number) => x0 + band * (i + 0.5);
  // category axis on the zero line, ticks between the bands, labels thinned so none overlap
  const zeroY = Math.round(y(0)) + 0.5;
  out.push(`<path d="M${n(x0)} ${n(zeroY)}H${n(x1)}" stroke="${AXIS}"/>`);
  const ticksPath = cats.map((_, i) => `M${n(x0 + band * i)} ${n(zeroY)}v5`).join('') + `M${n(x1)} ${n(zeroY)}v5`;
  if (cats.length > 0) out.push(`<path d="${ticksPath}" stroke="${AXIS}"/>`);
  const widest = Math.max(0, ...cats.map((c) => textWidth(c, fs)));
  const every = Math.max(1, Math.ceil((widest + fs * 0.6) / band));
  for (const [i, c] of cats.entries()) {
    if (i % every !== 0) continue;
    out.push(`<text x="${n(cx(i))}" y="${n(y1 + 8 + fs / 2)}" text-anchor="middle" dominant-baseline="central" fill="${AXIS}">${esc(c)}</text>`);
  }
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const tip = (i: number, s: { name: string }, v: number) => `<title>${esc(`${cats[i]} – ${s.name}: ${fmt(v)}${unit}`)}</title>`;
  if (line) {
    for (const [si, s] of spec.series.entries()) {
      const color = PALETTE[si % PALETTE.length]!;
      let d = '';
      let pen = false;
      for (const [i, v] of s.values.entries()) {
        if (v === null || v === undefined || !Number.isFinite(v)) {
          pen = false;
          continue;
        }
        d += `${pen ? 'L' : 'M'}${n(cx(i))} ${n(y(v))}`;
        pen = true;
      }
      if (d) out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="${z.lineWidth}" stroke-linejoin="round"/>`);
    }
    // markers after every line, so no line crosses a marker; each names its value on hover
    for (const [si, s] of spec.series.entries()) {
      const color = PALETTE[si % PALETTE.length]!;
      for (const [i, v] of s.values.entries()) {
        if (v === null || v === undefined || !Number.isFinite(v)) continue;
        out.push(`<circle cx="${n(cx(i))}" cy="${n(y(v))}" r="${n(z.symbol / 2)}" fill="#fff" stroke="${color}" stroke-width="${spec.large ? 2.5 : 1.5}">${tip(i, s, v)}</circle>`);
      }
    }
    // one series: its latest value written by its last point (what a leader reads first)
    const only = spec.series.length === 1 ? spec.series[0]! : undefined;
    if (only) {
      let lastI = only.values.length - 1;
      while (lastI >= 0 && !Number.isFinite(only.values[lastI] ?? Number.NaN)) lastI--;
      if (lastI >= 0) {
        const v = only.values[lastI]!;
        const label = fmt(v);
        const w = textWidth(label, fs);
        const lx = Math.min(cx(lastI), x1 + z.right - 2 - w / 2);
        const ly = y(v) - z.symbol / 2 - 4;
        out.push(
          `<text x="${n(lx)}" y="${n(Math.max(fs, ly))}" text-anchor="middle" font-weight="600" fill="${PALETTE[0]}" stroke="#fff" stroke-width="3" paint-order="stroke" class="vh-chart__last">${esc(label)}</text>`,
        );
      }
    }
  } else {
    // ECharts 6's defaults: the gap between categories shrinks with the bars in a group, 10 % between bars
    const k = stacked ? 1 : spec.series.length;
    const group = band * (1 - Math.max(35 - k * 4, 15) / 100);
    const barW = group / (k + (k - 1) * 0.1);
    const pos = new Array<number>(cats.length).fill(0);
    const neg = new Array<number>(cats.length).fill(0);
    for (const [si, s] of spec.series.entries()) {
      const color = PALETTE[si % PALETTE.length]!;
      const bars: string[] = [];
      for (const [i, v] of s.values.entries()) {
        if (v === null || v === undefined || !Number.isFinite(v)) continue;
        let from = 0;
        let to = v;
        if (stacked) {
          const acc = v >= 0 ? pos : neg;
          from = acc[i]!;
          to = from + v;
          acc[i] = to;
        }
        const bx = stacked ? cx(i) - barW / 2 : cx(i) - group / 2 + si * barW * 1.1;
        const top = Math.min(y(from), y(to));
        const h = Math.abs(y(to) - y(from));
        bars.push(`<rect x="${n(bx)}" y="${n(top)}" width="${n(barW)}" height="${n(h)}">${tip(i, s, v)}</rect>`);
      }
      out.push(`<g fill="${color}">${bars.join('')}</g>`);
    }
  }
  return out.join('');
}

/** The donut of a breakdown at one period: slices clockwise from 12 o'clock, labels outside with leader lines. */
function donut(spec: ChartSpec, width: number, height: number, fmt: Format, pct: (v: number) => string): string {
  const z = sizes(spec);
  const fs = z.fontSize;
  const s = spec.series[0];
  const slices = spec.categories.map((name, i) => ({ name, value: Math.max(0, s?.values[i] ?? 0), color: PALETTE[i % PALETTE.length]! }));
  const total = slices.reduce((a, b) => a + b.value, 0);
  const out: string[] = [];
  const legend = drawLegend(
    slices.map((x) => ({ name: x.name, color: x.color, line: false })),
    width,
    0,
    fs,
  );
  const legendTop = height - legend.height;
  out.push(`<g transform="translate(0 ${n(legendTop)})">${legend.svg}</g>`);
  if (total <= 0) return out.join('') + emptyChart(width, legendTop, fs, spec.lang === 'en' ? 'All values are zero.' : 'Mọi giá trị bằng 0.');
  const cx = width / 2;
  const cy = legendTop * 0.5;
  const size = Math.min(width, legendTop);
  const R = (size / 2) * 0.68;
  const r = (size / 2) * 0.37;
  let a = -Math.PI / 2;
  const labels: { x: number; ox: number; y: number; ex: number; ey: number; right: boolean; name: string; share: string; color: string }[] = [];
  const unit = spec.unit ? ` ${spec.unit}` : '';
  for (const sl of slices) {
    if (sl.value <= 0) continue;
    const sweep = (sl.value / total) * Math.PI * 2;
    const b = a + sweep;
    const title = `<title>${esc(`${sl.name}: ${fmt(sl.value)}${unit} (${pct((sl.value / total) * 100)})`)}</title>`;
    if (sweep >= Math.PI * 2 - 1e-9) {
      out.push(`<path d="M${n(cx)} ${n(cy - R)}A${n(R)} ${n(R)} 0 1 1 ${n(cx - 0.01)} ${n(cy - R)}ZM${n(cx)} ${n(cy - r)}A${n(r)} ${n(r)} 0 1 0 ${n(cx - 0.01)} ${n(cy - r)}Z" fill="${sl.color}" fill-rule="evenodd">${title}</path>`);
    } else {
      const large = sweep > Math.PI ? 1 : 0;
      const p = (rad: number, ang: number) => `${n(cx + rad * Math.cos(ang))} ${n(cy + rad * Math.sin(ang))}`;
      out.push(`<path d="M${p(R, a)}A${n(R)} ${n(R)} 0 ${large} 1 ${p(R, b)}L${p(r, b)}A${n(r)} ${n(r)} 0 ${large} 0 ${p(r, a)}Z" fill="${sl.color}" stroke="#fff" stroke-width="1">${title}</path>`);
    }
    const mid = a + sweep / 2;
    const right = Math.cos(mid) >= 0;
    labels.push({
      ex: cx + R * Math.cos(mid),
      ey: cy + R * Math.sin(mid),
      x: cx + (R + 10) * Math.cos(mid),
      ox: cy + (R + 10) * Math.sin(mid),
      y: cy + (R + 10) * Math.sin(mid),
      right,
      name: sl.name,
      share: `: ${pct((sl.value / total) * 100)}`,
      color: sl.color,
    });
    a = b;
  }
  // labels of small neighbouring slices pushed apart vertically, per side (ECharts' avoidLabelOverlap)
  const gap = fs + 4;
  for (const side of [true, false]) {
    const list = labels.filter((l) => l.right === side).sort((p, q) => p.y - q.y);
    for (let i = 1; i < list.length; i++) if (list[i]!.y - list[i - 1]!.y < gap) list[i]!.y = list[i - 1]!.y + gap;
    const bottom = legendTop - fs / 2;
    const last = list[list.length - 1];
    if (last && last.y > bottom) {
      last.y = bottom;
      for (let i = list.length - 2; i >= 0; i--) if (list[i + 1]!.y - list[i]!.y < gap) list[i]!.y = list[i + 1]!.y - gap;
    }
    for (const l of list) l.y = Math.max(fs / 2, l.y);
  }
  // labels in a column each side of the ring, so no text lies over a slice
  for (const l of labels) {
    const dir = l.right ? 1 : -1;
    const tx = cx + dir * (R + 26);
    const room = (l.right ? width - tx : tx) - 8;
    out.push(`<path d="M${n(l.ex)} ${n(l.ey)}L${n(l.x)} ${n(l.ox)}L${n(tx - dir * 4)} ${n(l.y)}" fill="none" stroke="${l.color}"/>`);
    out.push(`<text x="${n(tx)}" y="${n(l.y)}" text-anchor="${l.right ? 'start' : 'end'}" dominant-baseline="central" fill="${TEXT}">${esc(truncate(l.name, room - textWidth(l.share, fs), fs) + l.share)}</text>`);
  }
  return out.join('');
}

/** The chart's markup inside the root <svg>, drawn at width × height (the view box). */
export function drawChart(spec: ChartSpec, width: number, height: number, fmt: Format, pct: (v: number) => string): string {
  const fs = sizes(spec).fontSize;
  const bg = `<rect width="${width}" height="${height}" fill="#fff"/>`;
  const noData = spec.lang === 'en' ? 'No published data yet.' : 'Chưa có số liệu công bố.';
  if (spec.categories.length === 0 || spec.series.length === 0) return bg + emptyChart(width, height, fs, noData);
  return bg + (spec.kind === 'pie' ? donut(spec, width, height, fmt, pct) : cartesian(spec, width, height, fmt));
}
