import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EDITOR_JS, MAP_JS, PICK_JS, TOURISM_CSS, VIEWER_JS } from './tourism.client.js';

const require = createRequire(import.meta.url);

/**
 * Photo Sphere Viewer 5.15.1 and three.js 0.185.1 (the pinned peer), served from node_modules under
 * /static/du-lich/vendor/ with their bare imports ("three", "@photo-sphere-viewer/core") rewritten
 * to same-origin files: the CSP forbids inline import maps and any CDN. Nothing here is loaded by
 * a page other than a tour page. The server does not compress responses, so these files (≈ 1 MB)
 * are compressed once (brotli, else gzip) and kept in memory: the first view stays ≤ 400 KB.
 */
interface Asset {
  type: string;
  body: Buffer;
  br?: Buffer;
  gz?: Buffer;
}

/** A file next to the package's entry point (these packages export no package.json). */
function pkgFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(pkg)), file);
}

function rewrite(src: string): string {
  return src
    .replace(/from\s*"three"/g, 'from"./three.module.min.js"')
    .replace(/from\s*"@photo-sphere-viewer\/core"/g, 'from"./psv-core.js"')
    .replace(/\/\/# sourceMappingURL=.*$/gm, '');
}

export const STATIC = '/static/du-lich';
export const version = crypto.createHash('sha256').update(VIEWER_JS + EDITOR_JS + MAP_JS + PICK_JS + TOURISM_CSS).digest('hex').slice(0, 10);
export const ASSET_URLS = {
  viewer: `${STATIC}/xem-tour.${version}.js`,
  editor: `${STATIC}/sua-tour.${version}.js`,
  map: `${STATIC}/ban-do.${version}.js`,
  pick: `${STATIC}/chon-vi-tri.${version}.js`,
  css: `${STATIC}/du-lich.${version}.css`,
  psvCss: `${STATIC}/vendor/psv.css`,
};

function loadAssets(): Map<string, Asset> {
  const js = 'text/javascript; charset=utf-8';
  const psv = (p: string) => fs.readFileSync(pkgFile(`@photo-sphere-viewer/${p}`, 'index.module.js'), 'utf8');
  const css = ['core', 'markers-plugin', 'virtual-tour-plugin', 'compass-plugin'].map((p) => fs.readFileSync(pkgFile(`@photo-sphere-viewer/${p}`, 'index.css'), 'utf8').replace(/\/\*# sourceMappingURL=.*\*\//g, '')).join('\n');
  const files: [string, string, string | Buffer][] = [
    [ASSET_URLS.viewer, js, VIEWER_JS],
    [ASSET_URLS.editor, js, EDITOR_JS],
    [ASSET_URLS.map, js, MAP_JS],
    [ASSET_URLS.pick, js, PICK_JS],
    [ASSET_URLS.css, 'text/css; charset=utf-8', TOURISM_CSS],
    [ASSET_URLS.psvCss, 'text/css; charset=utf-8', css],
    [`${STATIC}/vendor/three.module.min.js`, js, fs.readFileSync(pkgFile('three', 'three.module.min.js'))],
    [`${STATIC}/vendor/three.core.min.js`, js, fs.readFileSync(pkgFile('three', 'three.core.min.js'))],
    [`${STATIC}/vendor/psv-core.js`, js, rewrite(psv('core'))],
    [`${STATIC}/vendor/psv-tiles.js`, js, rewrite(psv('equirectangular-tiles-adapter'))],
    [`${STATIC}/vendor/psv-markers.js`, js, rewrite(psv('markers-plugin'))],
    [`${STATIC}/vendor/psv-virtual-tour.js`, js, rewrite(psv('virtual-tour-plugin'))],
    [`${STATIC}/vendor/psv-gyroscope.js`, js, rewrite(psv('gyroscope-plugin'))],
    [`${STATIC}/vendor/psv-compass.js`, js, rewrite(psv('compass-plugin'))],
  ];
  return new Map(files.map(([url, type, body]) => [url, { type, body: Buffer.isBuffer(body) ? body : Buffer.from(body) }]));
}

function encodingFor(req: FastifyRequest): 'br' | 'gzip' | undefined {
  const ae = String(req.headers['accept-encoding'] ?? '');
  return /\bbr\b/.test(ae) ? 'br' : /\bgzip\b/.test(ae) ? 'gzip' : undefined;
}

export function installTourismAssets(app: FastifyInstance): void {
  let assets: Map<string, Asset> | undefined;
  app.get(`${STATIC}/*`, { logLevel: 'warn', schema: { hide: true } }, async (req, reply) => {
    assets ??= loadAssets();
    const a = assets.get(req.url.split('?')[0]!);
    if (!a) return reply.code(404).type('text/plain; charset=utf-8').send('Không tìm thấy.');
    const enc = encodingFor(req);
    // Compressed on first request (brotli quality 9: ~0.3 s for three.js), then from memory.
    let body = a.body;
    if (enc === 'br') body = a.br ??= zlib.brotliCompressSync(a.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } });
    else if (enc === 'gzip') body = a.gz ??= zlib.gzipSync(a.body, { level: 9 });
    if (enc) reply.header('content-encoding', enc).header('vary', 'accept-encoding');
    const immutable = req.url.includes('/vendor/') || req.url.includes(`.${version}.`);
    return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600').type(a.type).send(body);
  });
}
