/**
 * `node --import tsx bench/titles.ts` (issue 15, "Figures"; also run by `npm run bench`):
 * 1. statistics of the whole province by commune and year (`GET /api/v1/titles/stats`) over
 *    500,000 households, 3,000 villages and 10 years of rounds (5,000,000 entries), against the
 *    ceiling (a bare Fastify route) and the floor (bare route + one raw query) measured in the same
 *    run: target median ≤ 300 ms. The route reads the yearly totals that each decision writes
 *    (`titles_stats`, ADR 020); what that refresh costs for one commune at its decision, and what
 *    the same table computed from the 5 M entries would cost per request, are printed too.
 * 2. 5,000 certificates of one commune into one PDF by the job's own code (`runCertificates`), in a
 *    child process so its peak RSS is the job's alone: ≤ 60 s; RSS after ~1,000 pages and the peak
 *    compared (constant memory), and the page count of the file checked.
 *
 * The seeded rows are kept between runs in `vh_bench_titles_seed_v<SEED_VERSION>` (seeding takes
 * minutes on the shared machine); each run measures on a copy (CREATE DATABASE … TEMPLATE) that
 * is dropped at the end. BENCH_TITLES_FRESH=1 rebuilds the seed; BENCH_SEED_ONLY=1 builds it and
 * stops; `DROP DATABASE vh_bench_titles_seed_v…` frees the disk. BENCH_QUICK=1: 2-second runs.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import Fastify from 'fastify';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.env.BENCH_QUICK === '1';
const DURATION = QUICK ? 2 : 5;
const COMMUNES = 100;
const VILLAGES = 3000;
const HOUSEHOLDS = 500_000;
const YEARS = 10;
const LAST_YEAR = 2026;
/** Bump when `seed()` changes: a kept seed of another version is rebuilt. */
const SEED_VERSION = 1;
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const dbUrl = (db: string) => ADMIN.replace(/\/postgres$/, `/${db}`);
const log = (m: string) => process.stderr.write(`${m}\n`);
const out = (m: string) => process.stdout.write(`${m}\n`);
const verdict = (goal: string, ok: boolean, detail: string) => out(`${ok ? 'MET' : 'NOT MET'}: ${goal} — ${detail}`);
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);

// ——— child mode: the certificate job alone, its memory sampled ———
if (process.argv[2] === '--certificates') {
  const [, , , url, batchId, dataDir] = process.argv as [string, string, string, string, string, string];
  const { runCertificates, batchFile } = await import('../src/modules/titles/titles.jobs.js');
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // runCertificates only reads the database, the data folder and the public address.
  const services = { db: drizzle(pool), pool, config: { dataDir, publicUrl: 'https://vanhien.example' } } as unknown as Parameters<typeof runCertificates>[0];
  global.gc?.();
  const rssStart = process.memoryUsage().rss;
  let peak = rssStart;
  const samples: { done: number; rss: number }[] = [];
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const poll = setInterval(() => {
    void pool
      .query('SELECT done FROM titles_batches WHERE id = $1', [batchId])
      .then((r) => samples.push({ done: r.rows[0].done, rss: process.memoryUsage().rss }))
      .catch(() => {});
  }, 200);
  const t0 = performance.now();
  await runCertificates(services, batchId);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  clearInterval(poll);
  peak = Math.max(peak, process.memoryUsage().rss);
  const file = batchFile(services, batchId);
  const pdf = fs.readFileSync(file, 'latin1');
  const pages = pdf.match(/\/Type \/Page\b/g)?.length ?? 0;
  const done = (await pool.query('SELECT status, done FROM titles_batches WHERE id = $1', [batchId])).rows[0];
  await pool.end();
  const at = (n: number) => samples.find((x) => x.done >= n)?.rss ?? 0;
  process.stdout.write(
    `${JSON.stringify({ seconds, pages, status: done.status, done: done.done, bytes: fs.statSync(file).size, rssStart, rssAt1000: at(1000), rssAt4000: at(4000), peak, maxRssKb: process.resourceUsage().maxRSS })}\n`,
  );
  process.exit(0);
}

/** A migration the kept seed applied whose file has changed since: then the seed is rebuilt
 * (drizzle's migrator never re-applies a changed file). */
async function seedIsStale(url: string): Promise<string | null> {
  const dir = path.join(ROOT, 'drizzle');
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const applied = new Map((await c.query<{ hash: string; created_at: string }>('SELECT hash, created_at::text FROM drizzle.__drizzle_migrations')).rows.map((r) => [r.created_at, r.hash]));
    for (const e of journal.entries) {
      const hash = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8')).digest('hex');
      // A migration newer than the seed is applied to the copy when the platform opens it.
      if (applied.has(String(e.when)) && applied.get(String(e.when)) !== hash) return e.tag;
    }
    return null;
  } finally {
    await c.end();
  }
}

/**
 * Set-based seed: villages, households, 10 yearly rounds per commune with their decisions, one
 * entry per household and year (80 % recognised), and the yearly totals the decisions would have
 * written. The entries' indexes are dropped during the load and rebuilt once (their definitions are
 * read back from the catalogue, so they stay those of the migration).
 */
async function seed(pool: pg.Pool): Promise<void> {
  let t = performance.now();
  const step = (m: string) => {
    log(`  ${m} ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
  };
  await pool.query(`INSERT INTO titles_criteria_versions (title_kind, decree, appendix, effective_from, groups, deciding_level, note)
    VALUES ('household','Bộ tiêu chí thử tải','Phụ lục I','2016-01-01','[]','Chủ tịch UBND cấp xã','bench/titles.ts') ON CONFLICT DO NOTHING`);
  await pool.query(`INSERT INTO titles_villages (code, name, commune_code, valid_from)
    SELECT 'BV-' || g, 'Thôn thử tải ' || g, 'BX' || lpad(((g - 1) % ${COMMUNES})::text, 3, '0'), '2016-01-01' FROM generate_series(1, ${VILLAGES}) g`);
  await pool.query(`INSERT INTO titles_households (code, head_name, members, village_id)
    SELECT 'BH-' || g, 'Chủ hộ thử tải ' || g, 1 + g % 6, v.id FROM generate_series(1, ${HOUSEHOLDS}) g JOIN titles_villages v ON v.code = 'BV-' || (1 + (g - 1) % ${VILLAGES})`);
  step('villages and households');
  await pool.query(`INSERT INTO titles_cycles (commune_code, commune_name, year, status, criteria_version_id, opened_on, listing_start, listing_end, minutes_number, minutes_date, decision_number, decision_date, decision_signer, published_on)
    SELECT 'BX' || lpad(c::text, 3, '0'), 'Xã thử tải ' || c, y, 'published', (SELECT id FROM titles_criteria_versions WHERE note = 'bench/titles.ts'), make_date(y, 2, 1), make_date(y, 10, 1), make_date(y, 10, 10),
           '1/BB', make_date(y, 10, 12), c || '/QĐ-UBND', make_date(y, 10, 15), 'Chủ tịch', make_date(y, 10, 20)
      FROM generate_series(0, ${COMMUNES - 1}) c, generate_series(${LAST_YEAR - YEARS + 1}, ${LAST_YEAR}) y`);
  const defs = (
    await pool.query<{ kind: string; name: string; def: string }>(`
      SELECT 'constraint' AS kind, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'titles_entries'::regclass AND contype IN ('p','u')
      UNION ALL
      SELECT 'index', indexname, indexdef FROM pg_indexes WHERE tablename = 'titles_entries' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'titles_entries'::regclass)`)
  ).rows;
  // The revisions' foreign key needs the primary key: drop it with it and put it back.
  const fks = (await pool.query<{ table: string; name: string; def: string }>(`SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE confrelid = 'titles_entries'::regclass AND contype = 'f'`)).rows;
  for (const f of fks) await pool.query(`ALTER TABLE ${f.table} DROP CONSTRAINT "${f.name}"`);
  for (const d of defs) await pool.query(d.kind === 'constraint' ? `ALTER TABLE titles_entries DROP CONSTRAINT "${d.name}"` : `DROP INDEX "${d.name}"`);
  for (let y = LAST_YEAR - YEARS + 1; y <= LAST_YEAR; y++)
    await pool.query(`INSERT INTO titles_entries (cycle_id, household_id, village_id, year, commune_code, status)
      SELECT cy.id, h.id, h.village_id, ${y}, v.commune_code, CASE WHEN abs(hashtext(h.code || '${y}')) % 100 < 80 THEN 'recognised' ELSE 'not_met' END
        FROM titles_households h JOIN titles_villages v ON v.id = h.village_id JOIN titles_cycles cy ON cy.commune_code = v.commune_code AND cy.year = ${y}`);
  step(`${(HOUSEHOLDS * YEARS).toLocaleString('en')} entries`);
  await pool.query(`SET maintenance_work_mem = '256MB'`);
  for (const d of defs) await pool.query(d.kind === 'constraint' ? `ALTER TABLE titles_entries ADD CONSTRAINT "${d.name}" ${d.def}` : d.def);
  for (const f of fks) await pool.query(`ALTER TABLE ${f.table} ADD CONSTRAINT "${f.name}" ${f.def}`);
  step('indexes rebuilt');
  // The certificate run prints the last year of commune BX000: every one of its 5,000 households.
  await pool.query(`UPDATE titles_entries SET status = 'recognised' WHERE cycle_id = (SELECT id FROM titles_cycles WHERE commune_code = 'BX000' AND year = ${LAST_YEAR})`);
  // What each decision wrote (repo.writeStats), all at once.
  await pool.query(`INSERT INTO titles_stats (commune_code, year, title_kind, total, recognised)
    SELECT e.commune_code, e.year, 'household', count(*), count(*) FILTER (WHERE e.status = 'recognised') FROM titles_entries e GROUP BY e.commune_code, e.year`);
  step('yearly totals');
  await pool.query('VACUUM ANALYZE');
  step('vacuum analyze');
}

const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<{ requests: { mean: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;

const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
const exists = async (db: string) => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount === 1;
const seedDb = `vh_bench_titles_seed_v${SEED_VERSION}`;
const name = `vh_bench_titles_${crypto.randomBytes(4).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-bench-titles-'));
const { openPlatform, startServer } = await import('../src/core/app.js');
const { loadConfig } = await import('../src/core/config.js');
const configFor = (url: string) => loadConfig({ DATABASE_URL: url, VANHIEN_DATA_DIR: dataDir, VANHIEN_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test', PUBLIC_URL: 'https://vanhien.example' });
try {
  log(`bench/titles: node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (process.env.BENCH_TITLES_FRESH === '1') await admin.query(`DROP DATABASE IF EXISTS "${seedDb}" WITH (FORCE)`);
  else if (await exists(seedDb)) {
    const stale = await seedIsStale(dbUrl(seedDb));
    if (stale) {
      log(`the kept ${seedDb} lacks or differs in migration ${stale}: rebuilding it`);
      await admin.query(`DROP DATABASE IF EXISTS "${seedDb}" WITH (FORCE)`);
    }
  }
  let seedS: number | undefined;
  if (!(await exists(seedDb))) {
    // Built under another name and renamed when complete: an interrupted build is never reused.
    const building = `${seedDb}_building`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${building}" ENCODING 'UTF8' TEMPLATE template0`);
    log(`seeding ${VILLAGES} villages, ${HOUSEHOLDS.toLocaleString('en')} households, ${YEARS} years of rounds into ${seedDb} (kept for the next runs) …`);
    const t0 = performance.now();
    const p = await openPlatform({ config: configFor(dbUrl(building)), quiet: true });
    try {
      await seed(p.services.pool);
    } finally {
      await p.close();
    }
    seedS = (performance.now() - t0) / 1000;
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${seedDb}"`);
  } else log(`reusing ${seedDb} (BENCH_TITLES_FRESH=1 rebuilds it)`);
  if (process.env.BENCH_SEED_ONLY === '1') {
    out(`seed ready: ${seedDb}${seedS === undefined ? '' : ` (seeded in ${seedS.toFixed(0)} s)`}`);
  } else {
    let t0 = performance.now();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${seedDb}"`);
    const copyS = (performance.now() - t0) / 1000;
    const url = dbUrl(name);
    const platform = await openPlatform({ config: configFor(url), quiet: true });
    const pool = platform.services.pool;
    const repo = await import('../src/modules/titles/titles.repository.js');
    const sizes = (await pool.query(`SELECT (SELECT count(*) FROM titles_entries)::int AS entries, (SELECT count(*) FROM titles_households)::int AS households, (SELECT count(*) FROM titles_villages)::int AS villages, pg_size_pretty(pg_total_relation_size('titles_entries')) AS size`)).rows[0];
    log(`${seedS === undefined ? 'reused seed' : `seeded in ${seedS.toFixed(0)} s`}; copy ${copyS.toFixed(1)} s; ${sizes.entries.toLocaleString('en')} entries (${sizes.size}), ${sizes.households.toLocaleString('en')} households, ${sizes.villages} villages`);

    // ——— 1. statistics ———
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
    const items = first.json().items as { total: number; recognised: number }[];
    const run = (u: string) => autocannon({ url: u, connections: 10, duration: DURATION });
    await run(`http://127.0.0.1:${port}/api/v1/titles/stats`); // warm-up
    const ceiling = await run(`http://127.0.0.1:${barePort}/ceiling`);
    const floor = await run(`http://127.0.0.1:${barePort}/floor`);
    const stats = await run(`http://127.0.0.1:${port}/api/v1/titles/stats`);
    const once: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/titles/stats`);
      await r.arrayBuffer();
      once.push(performance.now() - s);
    }
    once.sort((a, b) => a - b);
    const median = once[15]!;
    const p95 = once[28]!;
    // What the decision pays to keep the totals (one commune, one year) and what reading the
    // entries instead would cost each request (same rows, computed from the 5 M entries).
    const cyc = (await repo.findCycleByCommuneYear(platform.services.db, 'BX001', LAST_YEAR))!;
    t0 = performance.now();
    await repo.writeStats(platform.services.db, cyc);
    const refreshMs = performance.now() - t0;
    t0 = performance.now();
    const direct = await pool.query(`SELECT commune_code, year, count(*) AS total, count(*) FILTER (WHERE status = 'recognised') AS recognised FROM titles_entries GROUP BY commune_code, year`);
    const directMs = performance.now() - t0;
    const sum = (xs: { total: number; recognised: number }[]) => xs.reduce((a, r) => [a[0]! + Number(r.total), a[1]! + Number(r.recognised)], [0, 0]);
    const [apiTotal, apiRec] = sum(items);
    const [dirTotal, dirRec] = sum(direct.rows);
    out(
      `titles statistics: ${items.length} rows (communes × years) over ${sizes.households.toLocaleString('en')} households, ${sizes.villages} villages, ${sizes.entries.toLocaleString('en')} entries; ${Buffer.byteLength(first.body).toLocaleString('en')} bytes of JSON\n` +
        `  one request at a time over HTTP: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms\n` +
        `  10 connections: ceiling ${Math.round(ceiling.requests.mean)} req/s, floor ${Math.round(floor.requests.mean)} req/s, stats ${Math.round(stats.requests.mean)} req/s (${(stats.requests.mean / floor.requests.mean).toFixed(2)} × floor, ${(stats.requests.mean / ceiling.requests.mean).toFixed(2)} × ceiling); p50 ${stats.latency.p50} ms, p99 ${stats.latency.p99} ms, errors ${stats.errors + stats.non2xx}\n` +
        `  refresh of one commune-year at its decision (repo.writeStats) ${refreshMs.toFixed(1)} ms; the same table from the entries (GROUP BY over 5 M rows) ${directMs.toFixed(0)} ms; totals agree: ${apiTotal === dirTotal && apiRec === dirRec}`,
    );
    verdict('statistics by commune and year ≤ 300 ms', median <= 300 && stats.errors + stats.non2xx === 0 && apiTotal === dirTotal && apiRec === dirRec, `median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, under 10 connections p99 ${stats.latency.p99} ms`);
    await bare.close();
    await floorPool.end();
    await app.close();

    // ——— 2. 5,000 certificates into one PDF ———
    const certCycle = (await repo.findCycleByCommuneYear(platform.services.db, 'BX000', LAST_YEAR))!;
    const total = Number((await pool.query(`SELECT count(*) FROM titles_entries WHERE cycle_id = $1 AND status = 'recognised'`, [certCycle.id])).rows[0].count);
    const batch = (await pool.query(`INSERT INTO titles_batches (cycle_id, total) VALUES ($1, $2) RETURNING id`, [certCycle.id, total])).rows[0].id as string;
    await platform.close();
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--certificates', url, batch, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
    });
    const code = await new Promise<number | null>((res) => child.on('close', res));
    if (code !== 0) throw new Error(`certificate child exited with ${code}: ${text}`);
    const r = JSON.parse(text.trim().split('\n').pop()!) as { seconds: number; pages: number; status: string; done: number; bytes: number; rssStart: number; rssAt1000: number; rssAt4000: number; peak: number; maxRssKb: number };
    out(
      `certificates: ${r.pages} pages (${total} recognised; batch ${r.status}, done ${r.done}) in ${r.seconds.toFixed(1)} s (${(r.pages / r.seconds).toFixed(0)} pages/s), ${mb(r.bytes)} MB file\n` +
        `  child RSS at start ${mb(r.rssStart)} MB, after ~1,000 pages ${mb(r.rssAt1000)} MB, after ~4,000 ${mb(r.rssAt4000)} MB, peak sampled ${mb(r.peak)} MB, peak (getrusage) ${mb(r.maxRssKb * 1024)} MB`,
    );
    verdict('5,000 certificates to one PDF ≤ 60 s', r.pages >= 5000 && r.status === 'done' && r.seconds <= 60, `${r.pages} pages in ${r.seconds.toFixed(1)} s, peak RSS ${mb(r.maxRssKb * 1024)} MB`);
    verdict('constant memory (RSS after ~4,000 pages − after ~1,000 ≤ 32 MB)', r.rssAt1000 > 0 && r.rssAt4000 > 0 && r.rssAt4000 - r.rssAt1000 <= 32 * 1024 * 1024, `${mb(r.rssAt1000)} MB → ${mb(r.rssAt4000)} MB`);
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
