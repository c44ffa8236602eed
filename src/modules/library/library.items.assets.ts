import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
/** public/ sits at the package root, from src/ (tsx) and from dist/ (the build) alike. */
const READER_JS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public/js/library-reader.js');

/** The reader's own styles (the shared app.css stays the portal's). The no-JS page image is an SVG
 * sized by its viewBox; the viewer's box gets its height here, not from a style attribute (CSP). */
const CSS = `
.vh-reader{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem}
@media (min-width:60rem){.vh-reader{grid-template-columns:minmax(0,3fr) minmax(16rem,1fr)}}
.vh-reader__page{margin:0}
.vh-reader__page svg{display:block;width:100%;height:auto;background:#f4f1ea;border:1px solid #c9c4b8}
.vh-reader__page figcaption{font-size:.9rem;color:#333;margin-top:.25rem}
.vh-reader__hit{fill:#ffd54f;fill-opacity:.45;stroke:#b26a00;stroke-width:3}
.vh-reader__viewer{height:75vh;min-height:24rem;background:#2b2b2b;border:1px solid #555}
.vh-reader__viewer[hidden]{display:none}
.vh-reader__overlay{outline:3px solid #b26a00;background:rgba(255,213,79,.4)}
.vh-reader__pager{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}
.vh-reader__results{padding-left:1.25rem}
.vh-reader__results li{margin:.35rem 0}
.vh-reader__text{white-space:pre-wrap;font-family:inherit;background:#fff;border:1px solid #d0d4da;padding:.75rem;max-height:30rem;overflow:auto}
.vh-reader mark{background:#ffd54f;color:#000}
`;

const hashed = (b: string | Buffer) => crypto.createHash('sha256').update(b).digest('hex').slice(0, 10);

export interface ReaderAssets {
  css: string;
  js: string;
  osd: string;
  osdImages: string;
}

/** Registers the reader's CSS and script and OpenSeadragon (from node_modules, no CDN) once;
 * only the reader page links them. */
export function installReaderAssets(app: FastifyInstance): ReaderAssets {
  const js = fs.readFileSync(READER_JS);
  const osdDir = path.join(path.dirname(require.resolve('openseadragon/package.json')), 'build', 'openseadragon');
  const osd = fs.readFileSync(path.join(osdDir, 'openseadragon.min.js'));
  const images = new Map<string, Buffer>();
  for (const f of fs.readdirSync(path.join(osdDir, 'images'))) if (/^[a-z_]+\.png$/.test(f)) images.set(f, fs.readFileSync(path.join(osdDir, 'images', f)));
  const urls: ReaderAssets = {
    css: `/static/library/reader.${hashed(CSS)}.css`,
    js: `/static/library/reader.${hashed(js)}.js`,
    osd: `/static/library/openseadragon.${hashed(osd)}.min.js`,
    osdImages: '/static/library/osd-images/',
  };
  const immutable = 'public, max-age=31536000, immutable';
  app.get(urls.css, { logLevel: 'warn' }, async (_q, r) => r.header('cache-control', immutable).type('text/css; charset=utf-8').send(CSS));
  app.get(urls.js, { logLevel: 'warn' }, async (_q, r) => r.header('cache-control', immutable).type('text/javascript; charset=utf-8').send(js));
  app.get(urls.osd, { logLevel: 'warn' }, async (_q, r) => r.header('cache-control', immutable).type('text/javascript; charset=utf-8').send(osd));
  app.get(`${urls.osdImages}:file`, { logLevel: 'warn' }, async (req, r) => {
    const body = images.get((req.params as { file: string }).file);
    if (!body) return r.code(404).type('text/plain; charset=utf-8').send('Không tìm thấy.');
    return r.header('cache-control', 'public, max-age=86400').type('image/png').send(body);
  });
  return urls;
}
