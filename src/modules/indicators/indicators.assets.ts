import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
/** public/ sits at the package root, from src/ (tsx) and from dist/ (the build) alike. */
const CHARTS_JS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public/js/indicators-charts.js');

/**
 * The charts' and dashboards' own styles: served as one file (the shared app.css stays the
 * portal's). Wall mode is a marker element the server adds for ?che-do=man-hinh (styled through
 * body:has(#vh-wall), the shared layout has no body class), so it works without JavaScript; print hides the controls and keeps each chart whole on its page.
 */
const CSS = `
.vh-chart{margin:0 0 1.5rem;break-inside:avoid;page-break-inside:avoid}
.vh-chart h2,.vh-chart h3{font-size:1.1rem;margin:0 0 .25rem}
.vh-chart__canvas{position:relative;width:100%;max-width:100%}
.vh-chart__svg{display:block;width:100%;height:auto}
.vh-chart__live{position:absolute;inset:0;background:#fff}
.vh-chart__meta{font-size:.875rem;color:#444;margin:.25rem 0}
.vh-chart details{margin-top:.25rem}
.vh-chart table{font-size:.875rem}
.vh-dash{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,30rem),1fr));gap:1rem 1.5rem}
.vh-dash .vh-chart{border:1px solid #d0d4da;border-radius:6px;padding:.75rem;background:#fff}
.vh-kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;list-style:none;padding:0}
.vh-kpi{border:1px solid #d0d4da;border-radius:6px;padding:.75rem;background:#fff}
.vh-kpi__value{font-size:1.6rem;font-weight:600;display:block}
.vh-kpi__name{display:block}
.vh-trend--up{color:#1d6b2a}.vh-trend--down{color:#a3261e}.vh-trend--flat{color:#444}
.vh-demo-mark{display:inline-block;font-size:.75rem;border:1px dashed #8a5a00;color:#6b4600;padding:0 .3rem;border-radius:3px;margin-left:.25rem}
.vh-dash-bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:0 0 1rem}
.vh-dash-bar .vh-field{margin:0}
body:has(#vh-wall){background:#0f1b2d}
body:has(#vh-wall) .vh-header,body:has(#vh-wall) .vh-footer,body:has(#vh-wall) .vh-skip,body:has(#vh-wall) .vh-banners,body:has(#vh-wall) .vh-rating{display:none}
body:has(#vh-wall) .vh-main{max-width:none;padding:1rem 1.5rem}
body:has(#vh-wall) h1{color:#fff;font-size:2.4rem;margin:.25rem 0 .75rem}
body:has(#vh-wall) .vh-dash{grid-template-columns:repeat(auto-fill,minmax(36rem,1fr))}
body:has(#vh-wall) .vh-chart h2{font-size:1.6rem}
body:has(#vh-wall) .vh-chart__meta,body:has(#vh-wall) .vh-wall-status{font-size:1.2rem}
body:has(#vh-wall) .vh-wall-status{color:#e8edf3}
body:has(#vh-wall) .vh-wall-status a{color:#fff}
body:has(#vh-wall) .vh-chart details{display:none}
@media print{
  .vh-dash-bar,.vh-no-print,.vh-chart__live,.vh-chart details summary{display:none!important}
  .vh-chart details{display:block}
  .vh-chart details>*:not(summary){display:block}
  .vh-dash{display:block}
  .vh-dash .vh-chart{border:none;padding:0}
  body:has(#vh-wall){background:#fff}
}
`;

function hashed(body: string | Buffer): string {
  return crypto.createHash('sha256').update(body).digest('hex').slice(0, 10);
}

export interface IndicatorAssets {
  css: string;
  js: string;
  echarts: string;
}

/** Registers the files once and returns their content-addressed URLs (cached a year). */
export function indicatorAssets(app: FastifyInstance): IndicatorAssets {
  const js = fs.readFileSync(CHARTS_JS);
  // The browser build of the same ECharts the server draws with: no CDN, same version.
  const ec = fs.readFileSync(path.join(path.dirname(require.resolve('echarts/package.json')), 'dist', 'echarts.min.js'));
  const files: [string, string, string | Buffer][] = [
    [`/static/chi-tieu/indicators.${hashed(CSS)}.css`, 'text/css; charset=utf-8', CSS],
    [`/static/chi-tieu/indicators-charts.${hashed(js)}.js`, 'text/javascript; charset=utf-8', js],
    [`/static/chi-tieu/echarts.${hashed(ec)}.min.js`, 'text/javascript; charset=utf-8', ec],
  ];
  for (const [url, type, body] of files) {
    app.get(url, { logLevel: 'warn', schema: { hide: true } }, async (_req, reply) =>
      reply.header('cache-control', 'public, max-age=31536000, immutable').type(type).send(body),
    );
  }
  return { css: files[0]![0], js: files[1]![0], echarts: files[2]![0] };
}
