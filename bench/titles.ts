/**
 * `node --import tsx bench/titles.ts` (issue 15, "Figures"):
 * 1. statistics of the whole province by commune and year (`GET /api/v1/titles/stats`) over
 *    500,000 households, 3,000 villages and 10 years of rounds (5,000,000 entries), against the
 *    ceiling (a bare Fastify route) and the floor (bare route + one raw query) measured in the same
 *    run: target median ≤ 300 ms. The route reads the yearly totals written at each decision; the
 *    time to rebuild every total from the 5 M entries is printed too (a decision rebuilds one).
 * 2. 5,000 certificates of one commune into one PDF by the job's code: ≤ 60 s, peak RSS stated,
 *    RSS after 1,000 and after 5,000 pages compared (constant memory).
 * Scratch database `vh_bench_titles_*` on the machine PostgreSQL, seeded with SQL, dropped at the end.
 * BENCH_QUICK=1: 2-second runs.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { openPlatform, startServer } from '../src/core/app.js';
import { loadConfig } from '../src/core/config.js';
import { batchFile, runCertificates } from '../src/modules/titles/titles.jobs.js';

const QUICK = process.env.BENCH_QUICK === '1';
const DURATION = QUICK ? 2 : 5;
const COMMUNES = 100;
const VILLAGES = 3000;
const HOUSEHOLDS = 500_000;
const YEARS = 10;
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<{ requests: { mean: number }; latency: { p50: number; p99: number; p97_5?: number }; non2xx: number; errors: number }>;
const log = (m: string) => process.stderr.write(`${m}\n`);
const verdict = (goal: string, ok: boolean, detail: string) => process.stdout.write(`${ok ? 'MET' : 'NOT MET'}: ${goal} — ${detail}\n`);

const name = `vh_bench_titles_${crypto.randomBytes(4).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-bench-titles-'));
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = ADMIN.replace(/\/postgres$/, `/${name}`);
try {
  const config = loadConfig({ DATABASE_URL: url, VANHIEN_DATA_DIR: dataDir, VANHIEN_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test', PUBLIC_URL: 'https://vanhien.example' });
  const platform = await openPlatform({ config, quiet: true });
  const pool = platform.services.pool;
  let t0 = performance.now();
  log(`seeding ${VILLAGES} villages, ${HOUSEHOLDS.toLocaleString('en')} households, ${YEARS} years of rounds …`);
  await pool.query(`INSERT INTO titles_criteria_versions (title_kind, decree, appendix, effective_from, groups, deciding_level) VALUES ('household','Nghị định 86/2023/NĐ-CP','Phụ lục I','2016-01-01','[]','Chủ tịch UBND cấp xã') ON CONFLICT DO NOTHING`);
  await pool.query(`INSERT INTO titles_villages (code, name, commune_code, valid_from)
    SELECT 'BV-' || g, 'Thôn thử tải ' || g, 'BX' || lpad(((g - 1) % ${COMMUNES})::text, 3, '0'), '2016-01-01' FROM generate_series(1, ${VILLAGES}) g`);
  await pool.query(`INSERT INTO titles_households (code, head_name, members, village_id)
    SELECT 'BH-' || g, 'Chủ hộ thử tải ' || g, 1 + g % 6, v.id FROM generate_series(1, ${HOUSEHOLDS}) g JOIN titles_villages v ON v.code = 'BV-' || (1 + (g - 1) % ${VILLAGES})`);
  await pool.query(`INSERT INTO titles_cycles (commune_code, commune_name, year, status, criteria_version_id, opened_on, listing_start, listing_end, minutes_number, minutes_date, decision_number, decision_date, decision_signer, published_on)
    SELECT 'BX' || lpad(c::text, 3, '0'), 'Xã thử tải ' || c, y, 'published', (SELECT id FROM titles_criteria_versions LIMIT 1), make_date(y, 2, 1), make_date(y, 10, 1), make_date(y, 10, 10), '1/BB', make_date(y, 10, 12), c || '/QĐ-UBND', make_date(y, 10, 15), 'Chủ tịch', make_date(y, 10, 20)
      FROM generate_series(0, ${COMMUNES - 1}) c, generate_series(${2026 - YEARS + 1}, 2026) y`);
  for (let y = 2026 - YEARS + 1; y <= 2026; y++) {
    await pool.query(`INSERT INTO titles_entries (cycle_id, household_id, village_id, year, commune_code, status)
      SELECT cy.id, h.id, h.village_id, ${y}, v.commune_code, CASE WHEN hashtext(h.code || ${y}) % 100 < 80 THEN 'recognised' ELSE 'not_met' END
        FROM titles_households h JOIN titles_villages v ON v.id = h.village_id JOIN titles_cycles cy ON cy.commune_code = v.commune_code AND cy.year = ${y}`);
    log(`  entries of ${y} …`);
  }
  const seedS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  // Every yearly total rebuilt from the entries (what the decisions wrote one by one).
  await pool.query(`INSERT INTO titles_stats (commune_code, year, title_kind, total, recognised)
    SELECT e.commune_code, e.year, 'household', (SELECT count(*) FROM titles_households h2 JOIN titles_villages v2 ON v2.id = h2.village_id WHERE v2.commune_code = e.commune_code), count(*) FILTER (WHERE e.status = 'recognised')
      FROM titles_entries e GROUP BY e.commune_code, e.year`);
  const rebuildMs = performance.now() - t0;
  await pool.query('ANALYZE');

  const app = await startServer(platform, { worker: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const bare = Fastify();
  const floorPool = new pg.Pool({ connectionString: url, max: 10 });
  bare.get('/ceiling', async () => ({ ok: true }));
  bare.get('/floor', async () => (await floorPool.query({ name: 'floor', text: 'SELECT 1 AS one' })).rows[0]);
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;
  const first = await app.inject({ url: '/api/v1/titles/stats' });
  const items = first.json().items.length as number;
  const run = (u: string) => autocannon({ url: u, connections: 10, duration: DURATION });
  await run(`http://127.0.0.1:${port}/api/v1/titles/stats`); // warm-up
  const ceiling = await run(`http://127.0.0.1:${barePort}/ceiling`);
  const floor = await run(`http://127.0.0.1:${barePort}/floor`);
  const stats = await run(`http://127.0.0.1:${port}/api/v1/titles/stats`);
  const once: number[] = [];
  for (let i = 0; i < 30; i++) {
    const s = performance.now();
    await app.inject({ url: '/api/v1/titles/stats' });
    once.push(performance.now() - s);
  }
  once.sort((a, b) => a - b);
  const median = once[15]!;
  const p95 = once[28]!;
  process.stdout.write(
    `titles statistics: ${items} rows (communes × years) over ${HOUSEHOLDS.toLocaleString('en')} households, ${VILLAGES} villages, ${YEARS} years; seed ${seedS.toFixed(0)} s; rebuild of every total from the entries ${rebuildMs.toFixed(0)} ms\n` +
      `  ceiling ${Math.round(ceiling.requests.mean)} req/s, floor ${Math.round(floor.requests.mean)} req/s, stats route ${Math.round(stats.requests.mean)} req/s (${(stats.requests.mean / floor.requests.mean).toFixed(2)} × floor, ${(stats.requests.mean / ceiling.requests.mean).toFixed(2)} × ceiling); under load p50 ${stats.latency.p50} ms p99 ${stats.latency.p99} ms\n` +
      `  one request at a time: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms\n`,
  );
  verdict('statistics by commune and year ≤ 300 ms', median <= 300 && stats.errors + stats.non2xx === 0, `median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  await bare.close();
  await floorPool.end();
  await app.close();

  // ——— 5,000 certificates into one PDF ———
  const cyc = (await pool.query(`SELECT id FROM titles_cycles WHERE commune_code = 'BX000' AND year = 2026`)).rows[0].id as string;
  const n = Number((await pool.query(`SELECT count(*) FROM titles_entries WHERE cycle_id = $1 AND status = 'recognised'`, [cyc])).rows[0].count);
  // Exactly 5,000: the commune has 5,000 households, 80 % recognised; recognise them all for the run.
  await pool.query(`UPDATE titles_entries SET status = 'recognised' WHERE cycle_id = $1`, [cyc]);
  const total = Number((await pool.query(`SELECT count(*) FROM titles_entries WHERE cycle_id = $1 AND status = 'recognised'`, [cyc])).rows[0].count);
  const batch = (await pool.query(`INSERT INTO titles_batches (cycle_id, total) VALUES ($1, $2) RETURNING id`, [cyc, total])).rows[0].id as string;
  global.gc?.();
  const rssStart = process.memoryUsage().rss;
  let peak = rssStart;
  const samples: { done: number; rss: number }[] = [];
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const poll = setInterval(async () => {
    const r = await pool.query('SELECT done FROM titles_batches WHERE id = $1', [batch]).catch(() => null);
    if (r) samples.push({ done: r.rows[0].done, rss: process.memoryUsage().rss });
  }, 250);
  t0 = performance.now();
  await runCertificates(platform.services, batch);
  const certS = (performance.now() - t0) / 1000;
  clearInterval(timer);
  clearInterval(poll);
  const size = fs.statSync(batchFile(platform.services, batch)).size;
  const at1000 = samples.find((x) => x.done >= 1000)?.rss ?? 0;
  const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
  process.stdout.write(
    `certificates: ${total} pages (${n} recognised before the run) in ${certS.toFixed(1)} s, ${mb(size)} MB file; RSS at start ${mb(rssStart)} MB, after ~1,000 pages ${mb(at1000)} MB, peak ${mb(peak)} MB\n`,
  );
  verdict('5,000 certificates to one PDF ≤ 60 s', total >= 5000 && certS <= 60, `${certS.toFixed(1)} s, peak RSS ${mb(peak)} MB`);
  verdict('constant memory (peak − RSS after 1,000 pages ≤ 64 MB)', at1000 > 0 && peak - at1000 <= 64 * 1024 * 1024, `after 1,000: ${mb(at1000)} MB, peak ${mb(peak)} MB`);
  await platform.close();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
