/**
 * `node --import tsx bench/naming.ts` (issue 16, "Figures"):
 * 1. the inventory checks (duplicates, diacritics-only pairs, one person on two streets, named
 *    lanes) over 20,000 named objects in 100 urban areas: ≤ 500 ms (median of 10 runs; p95 printed);
 * 2. a street's public page `/ten-duong/TD-…` (page cache) against the ceiling (bare route) and
 *    floor (bare route + one query) measured in the same process and minute: ≥ 0.5 × ceiling;
 * 3. the map's GeoJSON of one urban area (200 objects), gzip: ≤ 200 KB.
 * Machine PostgreSQL (127.0.0.1:5432), scratch database vh_bench_naming_* dropped at the end.
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
import { checksOf, foldName } from '../src/modules/naming/naming.queries.js';

const QUICK = process.env.BENCH_QUICK === '1';
const DURATION = QUICK ? 2 : 5;
const AREAS = 100;
const PER_AREA = 200;
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
type Run = { requests: { mean: number }; latency: { p50: number; p90: number; p97_5: number; p99: number }; non2xx: number; errors: number };
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<Run>;

let seed = 16;
const rnd = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const WORDS = ['Hòa', 'Bình', 'An', 'Phú', 'Lợi', 'Tân', 'Thành', 'Đông', 'Tây', 'Nam', 'Bắc', 'Hưng', 'Long', 'Mỹ', 'Thạnh', 'Phước', 'Hiệp', 'Lạc', 'Xuân', 'Thu'];

const name = `vh_bench_naming_${crypto.randomBytes(4).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-bench-naming-'));
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = ADMIN.replace(/\/postgres$/, `/${name}`);
const log = (m: string) => process.stderr.write(`${m}\n`);
try {
  const config = loadConfig({ DATABASE_URL: url, VANHIEN_DATA_DIR: dataDir, VANHIEN_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const platform = await openPlatform({ config, quiet: true });
  const s = platform.services;
  const pool = s.pool;
  log(`inserting ${AREAS} areas, ${(AREAS * PER_AREA).toLocaleString('en')} named objects …`);
  const persons = await pool.query<{ id: string; fold: string }>(
    `INSERT INTO naming_persons (full_name, fold) SELECT 'Danh nhân ' || g, 'danh nhan ' || g FROM generate_series(1, 3000) g RETURNING id, fold`,
  );
  for (let a = 0; a < AREAS; a++) {
    const code = `B${String(a).padStart(3, '0')}`;
    const lat = 9 + (a % 10) * 1.2;
    const lng = 104.5 + Math.floor(a / 10) * 0.4;
    const box = { type: 'Polygon', coordinates: [[[lng, lat], [lng + 0.1, lat], [lng + 0.1, lat + 0.1], [lng, lat + 0.1], [lng, lat]]] };
    await pool.query('INSERT INTO naming_areas (code, name, boundary, min_lng, min_lat, max_lng, max_lat) VALUES ($1, $2, $3, $4, $5, $6, $7)', [code, `Đô thị thử tải ${a + 1}`, JSON.stringify(box), lng, lat, lng + 0.1, lat + 0.1]);
    const rows: unknown[][] = [];
    for (let i = 0; i < PER_AREA; i++) {
      const person = i % 3 === 0 ? persons.rows[Math.floor(rnd() * persons.rows.length)]! : null;
      // About 1 % duplicates and 1 % diacritics-only variants, as an old inventory has.
      let n = person ? `Danh nhân ${person.fold.slice(10)}` : `${WORDS[Math.floor(rnd() * 20)]} ${WORDS[Math.floor(rnd() * 20)]} ${i}`;
      if (rnd() < 0.01) n = `${WORDS[0]} ${WORDS[1]} 0`;
      if (rnd() < 0.01) n = foldName(n);
      const y = lat + 0.005 + (i % 20) * 0.0045;
      const x = lng + 0.005 + Math.floor(i / 20) * 0.009;
      const g = { type: 'LineString', coordinates: [[x, y], [x + 0.002, y + 0.0002], [x + 0.004, y - 0.0001], [x + 0.006, y + 0.0001], [x + 0.008, y]] };
      rows.push([`TD-${String(a * PER_AREA + i + 1).padStart(6, '0')}`, i % 50 === 0 ? 'lane' : 'street', code, JSON.stringify(g), x, y - 0.0001, x + 0.008, y + 0.0002, 880, 10, n, foldName(n), n.toLowerCase(), person ? 'person' : 'noun', person?.id ?? null]);
    }
    await pool.query(
      `INSERT INTO naming_objects (code, kind, area_code, geometry, min_lng, min_lat, max_lng, max_lat, length_m, width_m, current_name, fold, exact, name_class, person_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::int[], $10::float8[], $11::text[], $12::text[], $13::text[], $14::text[], $15::uuid[])`,
      Array.from({ length: 15 }, (_, k) => rows.map((r) => r[k])),
    );
  }
  await pool.query(`INSERT INTO naming_object_names (object_id, name, from_date, decision_number, decision_date) SELECT id, current_name, '2015-01-01', '01/NQ-HĐND', '2015-01-01' FROM naming_objects`);
  await pool.query('ANALYZE naming_objects; ANALYZE naming_persons');

  // 1. The checks over everything.
  const times: number[] = [];
  let found = { duplicates: 0, spelling: 0, samePerson: 0, lanes: 0 };
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    const c = await checksOf(s, null);
    if (i > 0) times.push(performance.now() - t0);
    found = { duplicates: c.duplicates.length, spelling: c.spelling.length, samePerson: c.samePerson.length, lanes: c.lanes.length };
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.ceil(times.length * 0.95) - 1]!;

  // 2. The street page against the ceiling and floor.
  const app = await startServer(platform, { worker: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const bare = Fastify();
  const floorPool = new pg.Pool({ connectionString: url, max: 10 });
  bare.get('/floor', async () => (await floorPool.query({ name: 'floor', text: 'SELECT 1 AS one' })).rows[0]);
  bare.get('/ceiling', async () => ({ one: 1 }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;
  const pagePath = '/ten-duong/TD-000101';
  const check = await app.inject({ url: pagePath });
  if (check.statusCode !== 200) throw new Error(`street page ${check.statusCode}`);
  const run = (u: string) => autocannon({ url: u, connections: 10, duration: DURATION });
  await run(`http://127.0.0.1:${barePort}/ceiling`);
  await run(`http://127.0.0.1:${port}${pagePath}`);
  const c = await run(`http://127.0.0.1:${barePort}/ceiling`);
  const f = await run(`http://127.0.0.1:${barePort}/floor`);
  const p = await run(`http://127.0.0.1:${port}${pagePath}`);

  // 3. One area's GeoJSON.
  const geo = (await app.inject({ url: '/api/v1/naming/objects.geojson?khu=B000' })).rawPayload;
  const gz = zlib.gzipSync(geo, { level: 6 }).length;
  const out = {
    objects: AREAS * PER_AREA,
    areas: AREAS,
    checks: { medianMs: +median.toFixed(1), p95Ms: +p95.toFixed(1), found },
    ceilingRps: Math.round(c.requests.mean),
    floorRps: Math.round(f.requests.mean),
    streetPageRps: Math.round(p.requests.mean),
    ratioToCeiling: +(p.requests.mean / c.requests.mean).toFixed(2),
    ratioToFloor: +(p.requests.mean / f.requests.mean).toFixed(2),
    latencyMs: { ceiling: c.latency, floor: f.latency, streetPage: p.latency },
    errors: p.errors + p.non2xx,
    areaGeoJson: { features: PER_AREA, bytes: geo.length, gzipBytes: gz, targetGzip: 200 * 1024 },
    note: `${DURATION} s runs after a warm-up, 10 connections; autocannon in this process (shared event loop with the servers)`,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  const goals: [string, boolean, string][] = [
    ['checks over 20,000 names in 100 areas ≤ 500 ms', median <= 500, `median ${out.checks.medianMs} ms, p95 ${out.checks.p95Ms} ms`],
    ['street page ≥ 0.5 × bare route (cached)', out.ratioToCeiling >= 0.5, `${out.ratioToCeiling} × ceiling (${out.ratioToFloor} × floor), p50 ${p.latency.p50} ms`],
    ['one area GeoJSON ≤ 200 KB gzip', gz <= 200 * 1024, `${Math.round(gz / 1024)} KB gzip for ${PER_AREA} objects`],
  ];
  for (const [goal, met, detail] of goals) process.stdout.write(`${met ? 'MET' : 'NOT MET'}: ${goal} — ${detail}\n`);
  await bare.close();
  await floorPool.end();
  await app.close();
  await platform.close();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
