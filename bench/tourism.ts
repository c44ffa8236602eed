/**
 * `node --import tsx bench/tourism.ts` (issue 14, "Figures"):
 * 1. tiling a 16,000 × 8,000 JPEG panorama (core/images/tiles.ts) in a child process: wall time
 *    and peak RSS (sharp's cache off, pixel limit set): goal ≤ 30 s and ≤ 600 MB;
 * 2. a destination page (demo data, anonymous, page cache on) against the bare routes measured in
 *    the same run — ceiling (bare route) and floor (bare route + one raw query): goal ≥ 0.5 × floor;
 * 3. a tour page's first view (HTML + CSS + JS modules + preview, brotli as a browser asks): ≤ 400 KB;
 * 4. Lighthouse mobile performance: skipped with the reason printed (see below).
 * Uses the machine PostgreSQL with a scratch database vh_bench_tourism_* dropped at the end.
 * BENCH_QUICK=1: 2-second runs.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import pg from 'pg';
import sharp from 'sharp';

const here = fileURLToPath(import.meta.url);

// ── child: tile one file and report time and peak RSS ─────────────────────────
/** This process's own peak RSS: VmHWM of its memory map. getrusage's maxRSS is not used: Linux
 * carries the parent's peak into a child spawned by vfork + exec (libuv), so the child reported the
 * bench parent's ~900 MB (the two 384 MB raw buffers that draw the source) as its own. */
function peakRssMb(): number {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

if (process.argv[2] === '--tile') {
  const { tileEquirectangular } = await import('../src/core/images/tiles.js');
  sharp.cache(false);
  // BENCH_TILE_THREADS: libvips worker threads (each holds its own tile buffers), to see what RSS costs.
  if (process.env.BENCH_TILE_THREADS) sharp.concurrency(Number(process.env.BENCH_TILE_THREADS));
  const t0 = performance.now();
  let tiles = 0;
  let bytes = 0;
  const out = await tileEquirectangular(process.argv[3]!, async (_l, _c, _r, d) => {
    tiles++;
    bytes += d.length;
  });
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, maxRssMb: peakRssMb(), tiles, bytes, levels: out.levels, preview: out.preview.length }));
  process.exit(0);
}

const QUICK = process.env.BENCH_QUICK === '1';
const DURATION = QUICK ? 2 : 5;
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
type Run = { requests: { mean: number }; latency: { p50: number; p97_5: number; p99: number }; non2xx: number; errors: number };
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<Run>;
const log = (m: string) => process.stderr.write(`${m}\n`);
const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
const results: Record<string, unknown> = {};

// 1. Tiling. The source is a drawn 2,048 px scene scaled to 16,000 px and textured with noise, so
// the JPEG has realistic detail (~25 MB) rather than a flat colour that compresses to nothing.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-bench-tourism-'));
{
  const src = process.env.BENCH_PANO ?? path.join(tmp, 'pano.jpg');
  if (!process.env.BENCH_PANO || !fs.existsSync(src)) {
    const drawn = await sharp(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="2048" height="1024"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#246"/><stop offset="1" stop-color="#9cf"/></linearGradient></defs><rect width="2048" height="1024" fill="url(#g)"/><rect y="600" width="2048" height="424" fill="#553"/></svg>',
      ),
    )
      .png()
      .toBuffer();
    const big = await sharp(drawn).resize(16000, 8000).raw().toBuffer({ resolveWithObject: true });
    const noise = await sharp({
      create: { width: 16000, height: 8000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 0, sigma: 12 } },
    } as never)
      .raw()
      .toBuffer();
    for (let i = 0; i < big.data.length; i++) big.data[i] = Math.min(255, Math.max(0, big.data[i]! + noise[i]! - 6));
    await sharp(big.data, { raw: big.info }).jpeg({ quality: 85 }).toFile(src);
  }
  const size = fs.statSync(src).size;
  log(`tiling: source 16000×8000 JPEG, ${(size / 1048576).toFixed(1)} MB`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', here, '--tile', src], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`tiling child failed: ${r.stderr}`);
  const t = JSON.parse(r.stdout) as { ms: number; maxRssMb: number; tiles: number; bytes: number; levels: unknown; preview: number };
  results.tiling = {
    sourceMb: +(size / 1048576).toFixed(1),
    seconds: +(t.ms / 1000).toFixed(1),
    peakRssMb: Math.round(t.maxRssMb),
    tiles: t.tiles,
    tilesMb: +(t.bytes / 1048576).toFixed(1),
    levels: t.levels,
    previewKb: +(t.preview / 1024).toFixed(1),
  };
  log(
    `tiling: ${(t.ms / 1000).toFixed(1)} s (goal ≤ 30 s) ${met(t.ms <= 30_000)}; peak RSS ${Math.round(t.maxRssMb)} MB (goal ≤ 600 MB) ${met(t.maxRssMb <= 600)}; ${t.tiles} tiles; preview ${(t.preview / 1024).toFixed(1)} KB (goal ≤ 100 KB) ${met(t.preview <= 100 * 1024)}`,
  );
}

// 2–3. Pages on a demo platform.
const { openPlatform, startServer } = await import('../src/core/app.js');
const { loadConfig } = await import('../src/core/config.js');
const { tilePanorama, pendingPanoramas } = await import('../src/modules/tourism/tourism.commands.js');
const { drawDemoPanorama } = await import('../src/modules/tourism/tourism.demo.js');
const name = `vh_bench_tourism_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = ADMIN.replace(/\/postgres$/, `/${name}`);
try {
  const config = loadConfig({ DATABASE_URL: url, VANHIEN_DATA_DIR: tmp, VANHIEN_DEMO: 'true', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const platform = await openPlatform({ config, quiet: true });
  for (const id of await pendingPanoramas(platform.services)) await tilePanorama(platform.services, id, drawDemoPanorama);
  const app = await startServer(platform, { worker: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;

  const bare = Fastify();
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // The scratch database is dropped WITH (FORCE) at the end; an idle client's error then is expected.
  pool.on('error', () => {});
  const html = await (await fetch(`${base}/du-lich/diem-den/DD-015`)).text();
  bare.get('/floor', async (_req, reply) => {
    await pool.query({ name: 'floor', text: 'SELECT 1 AS one' });
    return reply.type('text/html; charset=utf-8').send(html);
  });
  bare.get('/ceiling', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bport = (bare.server.address() as { port: number }).port;
  const run = (u: string) => autocannon({ url: u, connections: 10, duration: DURATION });
  await run(`${base}/du-lich/diem-den/DD-015`);
  const page = await run(`${base}/du-lich/diem-den/DD-015`);
  const ceiling = await run(`http://127.0.0.1:${bport}/ceiling`);
  const floor = await run(`http://127.0.0.1:${bport}/floor`);
  const ratio = page.requests.mean / floor.requests.mean;
  results.destinationPage = {
    rps: Math.round(page.requests.mean),
    floorRps: Math.round(floor.requests.mean),
    ceilingRps: Math.round(ceiling.requests.mean),
    ratioToFloor: +ratio.toFixed(2),
    ratioToCeiling: +(page.requests.mean / ceiling.requests.mean).toFixed(2),
    latencyMs: {
      page: { p50: page.latency.p50, p97_5: page.latency.p97_5, p99: page.latency.p99 },
      floor: { p50: floor.latency.p50, p97_5: floor.latency.p97_5 },
    },
    errors: page.errors + page.non2xx,
  };
  log(
    `destination page: ${Math.round(page.requests.mean)} req/s, floor ${Math.round(floor.requests.mean)}, ceiling ${Math.round(ceiling.requests.mean)}; ratio to floor ${ratio.toFixed(2)} (goal ≥ 0.5) ${met(ratio >= 0.5)}; p50 ${page.latency.p50} ms p97.5 ${page.latency.p97_5} ms`,
  );

  // First view of a tour: the HTML, its stylesheets and scripts (following module imports), the preview.
  const seen = new Map<string, number>();
  async function get(u: string): Promise<string> {
    if (seen.has(u)) return '';
    const res = await fetch(u, { headers: { 'accept-encoding': 'br' } });
    const raw = Buffer.from(await res.arrayBuffer());
    // fetch decodes; the transferred size is the compressed body when content-encoding is set.
    const enc = res.headers.get('content-encoding');
    const transferred =
      enc === 'br'
        ? (await import('node:zlib')).brotliCompressSync(raw, { params: { [(await import('node:zlib')).constants.BROTLI_PARAM_QUALITY]: 9 } }).length
        : raw.length;
    seen.set(u, transferred + 300);
    return raw.toString('utf8');
  }
  const tourHtml = await get(`${base}/du-lich/tour/TOUR-BAO-TANG`);
  const refs = [...tourHtml.matchAll(/(?:href|src)="(\/(?:static|du-lich\/anh-360)[^"]+)"/g)].map((m) => m[1]!);
  const queue = refs.map((r) => `${base}${r}`);
  while (queue.length) {
    const u = queue.shift()!;
    const body = await get(u);
    if (u.endsWith('.js')) for (const m of body.matchAll(/(?:from|import)\s*["'](\.\.?\/[^"']+)["']/g)) queue.push(new URL(m[1]!, u).href);
  }
  const total = [...seen.values()].reduce((a, b) => a + b, 0);
  results.tourFirstView = {
    files: seen.size,
    kb: +(total / 1024).toFixed(1),
    byFile: Object.fromEntries([...seen].map(([u, n]) => [u.replace(base, ''), +(n / 1024).toFixed(1)])),
  };
  log(
    `tour first view: ${seen.size} files, ${(total / 1024).toFixed(1)} KB transferred (goal ≤ 400 KB) ${met(total <= 400 * 1024)} (each response counted with ~300 B of headers)`,
  );

  // Lighthouse needs its own Chrome launcher run against this server; on the shared 2-core
  // machine its performance score is meaningless, so it is left to the lead's quiet run.
  log(
    'lighthouse: SKIPPED — not run in this script yet (the score on a loaded 2-core machine would not mean anything); run `npx lighthouse <tour url> --preset=perf --form-factor=mobile` on a quiet machine',
  );
  results.lighthouse = 'skipped';

  await bare.close();
  await pool.end();
  await platform.close();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.stdout.write(
  `${JSON.stringify({ bench: 'tourism', note: `loaded shared machine; ${DURATION} s runs, 10 connections, autocannon in-process`, ...results }, null, 1)}\n`,
);
