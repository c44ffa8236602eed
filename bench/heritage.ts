/**
 * `node --import tsx bench/heritage.ts` (issue 13, "Figures"):
 * 1. the zone check `GET /api/v1/heritage/zones/check` with 5,000 published relics and 10,000
 *    zone polygons of up to 500 vertices, against the floor (a bare Fastify route plus one
 *    prepared query on the same pool size) measured in the same process and minute: target
 *    ≥ 0.5 × floor and p99 ≤ 20 ms;
 * 2. the size of the public map's overview GeoJSON for those 5,000 relics, gzip: ≤ 300 KB.
 * Uses the machine PostgreSQL (127.0.0.1:5432) with a scratch database dropped at the end.
 * BENCH_QUICK=1: 2-second runs. The load generator shares this process (noted in the output).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import pg from 'pg';
import { openPlatform, startServer } from '../src/core/app.js';
import { loadConfig } from '../src/core/config.js';
import { bboxOf, overviewOf } from '../src/modules/heritage/heritage.geometry.js';
import type { Position, ZoneGeometry } from '../src/modules/heritage/heritage.schema.js';
import { zoneIndexOf } from '../src/modules/heritage/heritage.zoneindex.js';

const QUICK = process.env.BENCH_QUICK === '1';
const DURATION = QUICK ? 2 : 5;
const RELICS = 5000;
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
type Run = { requests: { mean: number }; latency: { p50: number; p90: number; p97_5: number; p99: number }; non2xx: number; errors: number };
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<Run>;

function rand(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rnd = rand(2026);

function circle(lat: number, lng: number, radiusM: number, n: number): ZoneGeometry {
  const ring: Position[] = [];
  for (let j = 0; j < n; j++) {
    const a = (2 * Math.PI * j) / n;
    const r = radiusM * (1 + 0.08 * Math.sin(5 * a));
    ring.push([lng + (r * Math.cos(a)) / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + (r * Math.sin(a)) / 110_540]);
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

const name = `vh_bench_heritage_${crypto.randomBytes(4).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-bench-heritage-'));
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = ADMIN.replace(/\/postgres$/, `/${name}`);
const log = (m: string) => process.stderr.write(`${m}\n`);
try {
  const config = loadConfig({ DATABASE_URL: url, VANHIEN_DATA_DIR: dataDir, VANHIEN_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const platform = await openPlatform({ config, quiet: true });
  const pool = platform.services.pool;
  log('inserting 5,000 relics and 10,000 zones …');
  const centres: [number, number][] = [];
  let vertices = 0;
  for (let b = 0; b < RELICS; b += 250) {
    const relicRows: unknown[][] = [];
    for (let i = b; i < Math.min(RELICS, b + 250); i++) {
      // Mainland Vietnam, roughly: the north-south band of the country.
      const lat = 8.8 + rnd() * 13.5;
      const lng = 104.5 + rnd() * 4.5;
      centres.push([lat, lng]);
      relicRows.push([`B-${String(i + 1).padStart(5, '0')}`, `Di tích thử tải số ${i + 1}`, ['historical', 'scenic', 'mixed'][i % 3], ['provincial', 'national', null][i % 3], lat, lng]);
    }
    const ids = await pool.query<{ id: string; code: string }>(
      `INSERT INTO heritage_relics (code, name, relic_type, level, lat, lng, status, published_at)
       SELECT c, n, t, l, la, lo, 'published', now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[]) AS x(c, n, t, l, la, lo) RETURNING id, code`,
      [0, 1, 2, 3, 4, 5].map((k) => relicRows.map((r) => r[k])),
    );
    const zoneRows: [string, string, string, string, number, number, number, number, number][] = [];
    for (const row of ids.rows) {
      const [lat, lng] = centres[Number(row.code.slice(2)) - 1]!;
      for (const [zone, radius] of [
        ['I', 80 + rnd() * 200],
        ['II', 400 + rnd() * 600],
      ] as const) {
        const g = circle(lat, lng, radius, 20 + Math.floor(rnd() * 480));
        const bb = bboxOf(g);
        vertices += bb.vertices;
        zoneRows.push([row.id, zone, JSON.stringify(g), JSON.stringify(await overviewOf(g)), bb.vertices, bb.minLng, bb.minLat, bb.maxLng, bb.maxLat]);
      }
    }
    await pool.query(
      `INSERT INTO heritage_zones (relic_id, zone, geometry, overview, vertex_count, min_lng, min_lat, max_lng, max_lat)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[], $5::int[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])`,
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => zoneRows.map((r) => r[k])),
    );
  }
  await pool.query('ANALYZE heritage_zones; ANALYZE heritage_relics');
  log(`${vertices.toLocaleString('en')} vertices in all`);

  // The in-process index of published zones (heritage.zoneindex.ts): built once here, as a
  // node does on its first check after a start or a change (checks take the SQL path meanwhile).
  const t0 = performance.now();
  const grid = await zoneIndexOf(platform.services).whenBuilt();
  const indexBuildMs = Math.round(performance.now() - t0);
  log(`zone index: ${grid ? `${grid.zones.length} zones` : 'not built'} in ${indexBuildMs} ms`);
  const app = await startServer(platform, { worker: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const floor = Fastify();
  const floorPool = new pg.Pool({ connectionString: url, max: 10 });
  floor.get('/floor', async () => (await floorPool.query({ name: 'floor', text: 'SELECT 1 AS one' })).rows[0]);
  // The ceiling: the same bare route with no query at all.
  floor.get('/ceiling', async () => ({ one: 1 }));
  await floor.listen({ port: 0, host: '127.0.0.1' });
  const floorPort = (floor.server.address() as { port: number }).port;

  // Half the points inside a relic's zones, half anywhere in the country.
  const paths: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const c = centres[Math.floor(rnd() * centres.length)]!;
    const [lat, lng] = i % 2 ? [c[0] + (rnd() - 0.5) * 0.01, c[1] + (rnd() - 0.5) * 0.01] : [8.8 + rnd() * 13.5, 104.5 + rnd() * 4.5];
    paths.push(`/api/v1/heritage/zones/check?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}`);
  }
  const hits = await Promise.all(paths.slice(0, 200).map(async (p) => (await app.inject({ url: p })).json().inZone as boolean));
  let k = 0;
  const floorRun = () => autocannon({ url: `http://127.0.0.1:${floorPort}/floor`, connections: 10, duration: DURATION });
  const ceilingRun = () => autocannon({ url: `http://127.0.0.1:${floorPort}/ceiling`, connections: 10, duration: DURATION });
  const zoneRun = () =>
    autocannon({ url: `http://127.0.0.1:${port}`, connections: 10, duration: DURATION, requests: [{ setupRequest: (r: Record<string, unknown>) => ({ ...r, path: paths[k++ % paths.length] }) }] });
  await floorRun();
  await zoneRun();
  const c = await ceilingRun();
  const f = await floorRun();
  const z = await zoneRun();
  const overview = (await app.inject({ url: '/api/v1/heritage/relics.geojson?tong-quan=1' })).rawPayload;
  const gz = zlib.gzipSync(overview, { level: 6 }).length;
  const br = zlib.brotliCompressSync(overview).length;
  const out = {
    relics: RELICS,
    zones: RELICS * 2,
    vertices,
    pointsInsideAZone: `${hits.filter(Boolean).length}/200`,
    zoneIndex: { zones: grid?.zones.length ?? 0, buildMs: indexBuildMs, answering: zoneIndexOf(platform.services).ready() !== undefined },
    ceilingRps: Math.round(c.requests.mean),
    floorRps: Math.round(f.requests.mean),
    zoneCheckRps: Math.round(z.requests.mean),
    ratioToCeiling: +(z.requests.mean / c.requests.mean).toFixed(2),
    ratioToFloor: +(z.requests.mean / f.requests.mean).toFixed(2),
    latencyMs: {
      ceiling: { p50: c.latency.p50, p90: c.latency.p90, p97_5: c.latency.p97_5, p99: c.latency.p99 },
      floor: { p50: f.latency.p50, p90: f.latency.p90, p97_5: f.latency.p97_5, p99: f.latency.p99 },
      zoneCheck: { p50: z.latency.p50, p90: z.latency.p90, p97_5: z.latency.p97_5, p99: z.latency.p99 },
    },
    errors: z.errors + z.non2xx,
    overviewGeoJson: { bytes: overview.length, gzipBytes: gz, brotliBytes: br, targetGzip: 300 * 1024 },
    note: `${DURATION} s runs after a warm-up, 10 connections; autocannon in this process (shared event loop with both servers, same for floor and route)`,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  const goals: [string, boolean, string][] = [
    ['zone check ≥ 0.5 × floor', out.ratioToFloor >= 0.5, `${out.ratioToFloor} × floor (${out.ratioToCeiling} × ceiling)`],
    ['zone check p99 ≤ 20 ms', z.latency.p99 <= 20, `p99 ${z.latency.p99} ms, median ${z.latency.p50} ms`],
    ['overview GeoJSON ≤ 300 KB gzip (5,000 relics)', gz <= 300 * 1024, `${Math.round(gz / 1024)} KB gzip, ${Math.round(br / 1024)} KB brotli`],
  ];
  for (const [goal, met, detail] of goals) process.stdout.write(`${met ? 'MET' : 'NOT MET'}: ${goal} — ${detail}\n`);
  if (goals.some(([, met]) => !met)) process.exitCode = 1;
  await floor.close();
  await floorPool.end();
  await app.close();
  await platform.close();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
