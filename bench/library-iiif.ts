/**
 * `node --import tsx bench/library-iiif.ts` (issue 12, "Figures"): IIIF `info.json` and a 512 px
 * tile of a digitised page, served from the derivative cache, against the ceiling (a bare Fastify
 * route) and the floor (the same route plus one prepared query) measured in the same process and
 * minute, and against the bare route proper: the same URLs answered with the same bytes by a
 * route with nothing else. Target: each ≥ 0.5 × the bare route. The page is a 2,400 × 3,400 scan of a
 * public item; the tiles asked are the 8 of its first rows at full resolution, warmed first.
 * Uses the machine PostgreSQL (127.0.0.1:5432) with a scratch database dropped at the end.
 * BENCH_QUICK=1: 2-second runs. The load generator shares this process (noted in the output).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import sharp from 'sharp';
import { openPlatform, startServer } from '../src/core/app.js';
import { SYSTEM } from '../src/core/auth/actor.js';
import { loadConfig } from '../src/core/config.js';
import { addPages, createItem } from '../src/modules/library/library.items.commands.js';
import * as repo from '../src/modules/library/library.items.repository.js';

const QUICK = process.env.BENCH_QUICK === '1';
const DURATION = QUICK ? 2 : 5;
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
type Run = { requests: { mean: number }; latency: { p50: number; p90: number; p97_5: number; p99: number }; non2xx: number; errors: number };
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<Run>;

const name = `vh_bench_l2_${crypto.randomBytes(4).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-bench-library-iiif-'));
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = ADMIN.replace(/\/postgres$/, `/${name}`);
const _log = (m: string) => process.stderr.write(`${m}\n`);
try {
  const config = loadConfig({ DATABASE_URL: url, VANHIEN_DATA_DIR: dataDir, VANHIEN_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const platform = await openPlatform({ config, quiet: true });
  const s = platform.services;
  const ctx = { services: s, actor: SYSTEM };
  const c = await s.pool.query(`INSERT INTO library_collections (code, name) VALUES ('bench', 'Bench') RETURNING id`);
  const r = await s.pool.query(`INSERT INTO library_records (collection_id, marc, title) VALUES ($1, '{"leader":"","fields":[]}', 'Bench') RETURNING id`, [c.rows[0].id]);
  const item = await createItem(ctx, { recordId: r.rows[0].id, label: 'Bench', access: 'public' });
  const scan = await sharp({ create: { width: 2400, height: 3400, channels: 3, background: '#efe6d0' } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="3400"><text x="200" y="400" font-size="120">Trang thử tải</text></svg>') }])
    .jpeg({ quality: 85 })
    .toBuffer();
  await addPages(ctx, item.id, [{ data: scan, filename: 'p1.jpg' }]);
  const [page] = await repo.pageImagesOf(s.db, item.id);
  const img = page!.imageId;

  const app = await startServer(platform, { worker: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const floor = Fastify();
  const floorPool = new pg.Pool({ connectionString: url, max: 10 });
  floor.get('/floor', async () => (await floorPool.query({ name: 'floor', text: 'SELECT 1 AS one' })).rows[0]);
  floor.get('/ceiling', async () => ({ one: 1 }));

  const tiles: string[] = [];
  for (let y = 0; y < 1024; y += 512) for (let x = 0; x < 2048; x += 512) tiles.push(`/iiif/3/${img}/${x},${y},512,512/512,/0/default.jpg`);
  for (const t of tiles) {
    const res = await app.inject({ url: t });
    if (res.statusCode !== 200) throw new Error(`tile ${t}: ${res.statusCode}`);
  }
  const tileBytes = (await app.inject({ url: tiles[0]! })).rawPayload.length;
  // The bare route of each request: the same URL shape answered with the same bytes and type by a
  // Fastify route with nothing else (no hooks, no access check, no cache lookup). The tiny-JSON
  // ceiling above also pays less for the body (autocannon parses every response in this process).
  const bareBodies = new Map<string, { type: string; body: Buffer }>();
  for (const u of [`/iiif/3/${img}/info.json`, ...tiles]) {
    const res = await app.inject({ url: u });
    bareBodies.set(u.replace('/iiif/3/', '/bare/'), { type: String(res.headers['content-type']), body: res.rawPayload });
  }
  const bareSend = (req: { url: string }, reply: { type: (t: string) => { send: (b: Buffer) => unknown } }) => {
    const hit = bareBodies.get(req.url)!;
    return reply.type(hit.type).send(hit.body);
  };
  floor.get('/bare/:id/info.json', async (req, reply) => bareSend(req, reply));
  floor.get('/bare/:id/:region/:size/:rotation/:file', async (req, reply) => bareSend(req, reply));
  await floor.listen({ port: 0, host: '127.0.0.1' });
  const floorPort = (floor.server.address() as { port: number }).port;
  let k = 0;
  const run = (p: number, path?: string, rotate?: string[]) =>
    autocannon({
      url: `http://127.0.0.1:${p}${path ?? ''}`,
      connections: 10,
      duration: DURATION,
      ...(rotate ? { requests: [{ setupRequest: (q: Record<string, unknown>) => ({ ...q, path: rotate[k++ % rotate.length] }) }] } : {}),
    });
  await run(floorPort, '/ceiling');
  await run(port, `/iiif/3/${img}/info.json`);
  const ceil = await run(floorPort, '/ceiling');
  const flo = await run(floorPort, '/floor');
  const info = await run(port, `/iiif/3/${img}/info.json`);
  const bareInfo = await run(floorPort, `/bare/${img}/info.json`);
  const tile = await run(port, undefined, tiles);
  const bareTile = await run(floorPort, undefined, tiles.map((t) => t.replace('/iiif/3/', '/bare/')));
  const lat = (x: Run) => ({ p50: x.latency.p50, p97_5: x.latency.p97_5, p99: x.latency.p99 });
  const out = {
    ceilingRps: Math.round(ceil.requests.mean),
    floorRps: Math.round(flo.requests.mean),
    infoJsonRps: Math.round(info.requests.mean),
    tile512Rps: Math.round(tile.requests.mean),
    tileBytes,
    bareInfoRps: Math.round(bareInfo.requests.mean),
    bareTileRps: Math.round(bareTile.requests.mean),
    infoToBare: +(info.requests.mean / bareInfo.requests.mean).toFixed(2),
    tileToBare: +(tile.requests.mean / bareTile.requests.mean).toFixed(2),
    infoToCeiling: +(info.requests.mean / ceil.requests.mean).toFixed(2),
    tileToCeiling: +(tile.requests.mean / ceil.requests.mean).toFixed(2),
    infoToFloor: +(info.requests.mean / flo.requests.mean).toFixed(2),
    tileToFloor: +(tile.requests.mean / flo.requests.mean).toFixed(2),
    latencyMs: { ceiling: lat(ceil), floor: lat(flo), infoJson: lat(info), tile512: lat(tile) },
    errors: info.errors + info.non2xx + tile.errors + tile.non2xx + bareInfo.non2xx + bareTile.non2xx,
    note: `${DURATION} s runs after a warm-up, 10 connections; autocannon in this process (shared event loop with both servers); tiles from the derivative cache`,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  const goals: [string, boolean, string][] = [
    ['IIIF info.json ≥ 0.5 × bare route', out.infoToBare >= 0.5, `${out.infoToBare} × the bare route serving the same bytes (${out.infoToCeiling} × tiny-JSON ceiling, ${out.infoToFloor} × floor), median ${info.latency.p50} ms`],
    ['IIIF 512 px tile (cached) ≥ 0.5 × bare route', out.tileToBare >= 0.5, `${out.tileToBare} × the bare route serving the same bytes (${out.tileToCeiling} × tiny-JSON ceiling, ${out.tileToFloor} × floor), median ${tile.latency.p50} ms, ${tileBytes} bytes`],
  ];
  for (const [goal, met, detail] of goals) process.stdout.write(`${met ? 'MET' : 'NOT MET'}: ${goal} — ${detail}\n`);
  if (out.errors) process.exitCode = 1;
  await floor.close();
  await floorPool.end();
  await app.close();
  await platform.close();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
