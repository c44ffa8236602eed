/**
 * `npm run bench:dossiers` (also run by `npm run bench`): the one-stop figures of issue 3 on
 * 1,000,000 seeded dossiers — status lookup by code, the catalogue page, submission with a 200 KB
 * attachment, statistics for a quarter, and the streaming export of the whole tracking log.
 *
 * The platform (`node dist/main.js serve`) and the bare ceiling (bench/bare-server.mjs) each run
 * in their own process; the load generator (autocannon) runs here. Figures are medians of
 * interleaved rounds and ratios to the ceiling measured in the same minute (docs/benchmarks.md).
 * Needs the machine's PostgreSQL on 127.0.0.1:5432; everything it creates is removed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { encodedBody } from '../src/core/web/page-cache.js';
import { freePort } from '../test/helpers/net.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MACHINE_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
/** BENCH_QUICK=1: 50,000 dossiers and one short round per target, for development. */
const QUICK = process.env.BENCH_QUICK === '1';
const COUNT = Number(process.env.BENCH_DOSSIERS ?? (QUICK ? 50_000 : 1_000_000));
const CONNECTIONS = 10;
/** BENCH_SECONDS / BENCH_ROUNDS override the length and number of the interleaved rounds. */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 5));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
/** BENCH_HTTP_ONLY=1: the request rates only (no statistics, submissions or exports). */
const HTTP_ONLY = process.env.BENCH_HTTP_ONLY === '1';
const SUBMISSIONS = QUICK ? 20 : 60;
/**
 * The seeded dossiers are kept between runs in a database of their own (seeding a million rows
 * and vacuuming them takes a minute or more); each run works on a copy of it (CREATE DATABASE …
 * TEMPLATE), so a run never sees the last one's submissions. Bump SEED_VERSION when `seed()`
 * changes; BENCH_DOSSIERS_FRESH=1 rebuilds it; `DROP DATABASE` of the name printed frees the disk.
 */
const SEED_VERSION = 1;
const FRESH = process.env.BENCH_DOSSIERS_FRESH === '1';
const SUBMIT_CONCURRENCY = 4;
/** BENCH_SEED_ONLY=1: build (or check) the seeded template database and stop, without measuring. */
const SEED_ONLY = process.env.BENCH_SEED_ONLY === '1';

/**
 * The migrations a kept seed database applied whose file has changed since. Drizzle's migrator
 * only applies files newer than the last one applied, so a template migrated before a migration's
 * content changed (a reserved placeholder filled in later, say) would never receive it: such a
 * seed is rebuilt rather than reused. Drizzle records the SHA-256 of each file's whole text.
 */
export async function staleMigrations(url: string): Promise<string[]> {
  const dir = path.join(ROOT, 'drizzle');
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  const current = new Map(journal.entries.map((e) => [String(e.when), { tag: e.tag, hash: crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8')).digest('hex') }]));
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const applied = (await c.query<{ hash: string; created_at: string }>('SELECT hash, created_at::text FROM drizzle.__drizzle_migrations')).rows;
    return applied.filter((a) => current.get(a.created_at)?.hash !== a.hash).map((a) => current.get(a.created_at)?.tag ?? `a migration of ${a.created_at} no longer shipped`);
  } finally {
    await c.end();
  }
}

interface Histogram {
  p50: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram & { average: number };
  latency: Histogram;
  errors: number;
  non2xx: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const log = (m: string) => process.stdout.write(`${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (e) {
      log(`cleanup: ${(e as Error).message}`);
    }
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}


/** Spawns a server process, stops it (by its PID) at cleanup. */
function child(args: string[], env: Record<string, string | undefined>): ChildProcess {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the servers: Node refuses
  // --cpu-prof in NODE_OPTIONS.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const c = spawn(process.execPath, [...extra, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  c.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  c.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  (c as ChildProcess & { output: () => string }).output = () => out;
  cleanups.push(async () => {
    if (c.exitCode === null && c.pid) {
      process.kill(c.pid, 'SIGTERM');
      await new Promise((r) => {
        const timer = setTimeout(() => {
          if (c.exitCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
          r(null);
        }, 20_000);
        c.once('exit', () => {
          clearTimeout(timer);
          r(null);
        });
      });
    }
  });
  return c;
}

async function waitUntil(check: () => Promise<boolean> | boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function json(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

const KARAOKE_ANSWERS = {
  fullName: 'Nguyễn Văn Đo Tải',
  idNumber: '079088009999',
  phone: '0912999888',
  email: 'congdan@vanhien.test',
  address: '1 Đại lộ Bình Dương, phường Thủ Dầu Một, TP. Hồ Chí Minh',
  applicantType: 'ca-nhan',
  businessName: 'Karaoke Đo Tải (bench)',
  taxCode: '0101234599',
  venueAddress: '3 Đại lộ Bình Dương, phường Thủ Dầu Một, TP. Hồ Chí Minh',
  areaType: 'do-thi',
  roomCount: 2,
  roomAreas: 'Phòng 1 – 22 m²; Phòng 2 – 26 m²',
  commitGlassDoor: true,
  commitConditions: true,
  commitTruthful: true,
  consentPersonalData: true,
};

/** A valid PDF padded to `bytes` (the type is sniffed from the bytes). */
function pdfOf(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n');
  const tail = Buffer.from('\ntrailer<<>>\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length - tail.length), 0x20), tail]);
}

export async function seed(pool: pg.Pool, applicantId: string, count = COUNT): Promise<number> {
  const t0 = performance.now();
  // Spread over 2023-01-01 … 2026-11-24; 1 % still open (the newest); 2 % refused, ~1 % stopped;
  // returned early/on time/late by a fixed pattern; every tenth at the desk; 30 % of returns rated.
  await pool.query(
    `WITH pvs AS (
       SELECT (row_number() OVER (ORDER BY p.code) - 1)::int AS k, v.id, p.code, v.name, v.unit_code
       FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
     ), n AS (SELECT count(*)::int AS c FROM pvs)
     INSERT INTO dossiers (code, procedure_version_id, procedure_code, procedure_name, unit_code, applicant_id, status, channel, answers,
                           submitted_at, received_at, due_date, finished_at, outcome, rating, current_step, version)
     SELECT 'BENCH-' || lpad(i::text, 7, '0'), pvs.id, pvs.code, pvs.name, pvs.unit_code, $1,
       CASE WHEN i > $2 * 0.99 THEN (ARRAY['submitted','received','processing','supplement_requested'])[1 + i % 4]
            WHEN i % 50 = 0 THEN 'refused' WHEN i % 97 = 0 THEN 'stopped' ELSE 'returned' END,
       CASE WHEN i % 10 = 0 THEN 'desk' ELSE 'online' END,
       jsonb_build_object('fullName', 'Người nộp đo tải ' || i, 'phone', '09' || lpad((i % 100000000)::text, 8, '0')),
       t.ts, t.ts + interval '1 hour', (t.ts + interval '7 days')::date,
       CASE WHEN i > $2 * 0.99 THEN NULL ELSE t.ts + make_interval(days => i % 12) END,
       CASE WHEN i > $2 * 0.99 OR i % 50 = 0 OR i % 97 = 0 THEN NULL WHEN i % 12 < 6 THEN 'early' WHEN i % 12 < 8 THEN 'on_time' ELSE 'late' END,
       CASE WHEN i > $2 * 0.99 OR i % 50 = 0 OR i % 97 = 0 OR abs(hashtext(i::text)) % 10 >= 3 THEN NULL
            ELSE (ARRAY['very_satisfied','satisfied','satisfied','not_satisfied'])[1 + i % 4] END,
       4, 2
     FROM generate_series(1, $2::int) AS i
     CROSS JOIN n
     CROSS JOIN LATERAL (SELECT timestamptz '2023-01-01 08:00+07' + (i::float8 / $2) * (timestamptz '2026-11-24 17:00+07' - timestamptz '2023-01-01 08:00+07') AS ts) t
     JOIN pvs ON pvs.k = i % n.c`,
    [applicantId, count],
  );
  await pool.query(`INSERT INTO dossier_ratings (dossier_id, rating) SELECT id, rating FROM dossiers WHERE code LIKE 'BENCH-%' AND rating IS NOT NULL`);
  // A table in service is vacuumed by autovacuum; after a bulk load the bench does it at once, so
  // the statistics' index-only scans see the steady state rather than a fresh, unvacuumed table.
  await pool.query('VACUUM ANALYZE dossiers');
  await pool.query('VACUUM ANALYZE dossier_ratings');
  return (performance.now() - t0) / 1000;
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  /** Requests per second of each round, in order: a ratio is taken within a round (paired). */
  rounds: number[];
  /** For a target with a goal: its rate over its baseline's, run right after it, each round. */
  pairs?: { base: string; ratios: number[] };
}

/**
 * A target's rate over its baseline's, round by round: the two ran seconds apart, so a change in
 * the machine's load between rounds (it is shared, and varies by 2× within a minute) moves both.
 * The median of the paired ratios, and their range.
 */
function pairedRatio(target: Row, base: Row): { median: number; min: number; max: number } {
  const rs = target.pairs?.base === base.name ? target.pairs.ratios : target.rounds.map((r, i) => r / base.rounds[i]!);
  return { median: median(rs), min: Math.min(...rs), max: Math.max(...rs) };
}

type Target = { name: string; url: string; headers?: Record<string, string>; paths?: () => string; pairedWith?: string };

const CEILING = 'bare Fastify {ok:true} (ceiling)';
const FLOOR = 'bare Fastify + 1 raw query by code (floor)';

async function measure(targets: Target[]): Promise<Row[]> {
  const samples = new Map<string, { rps: number; p50: number; p99: number; bad: number }[]>(targets.map((t) => [t.name, []]));
  const pairs = new Map<string, number[]>(targets.filter((t) => t.pairedWith).map((t) => [t.name, []]));
  const once = (t: Target, seconds: number) =>
    autocannon({
      url: t.url,
      connections: CONNECTIONS,
      duration: seconds,
      headers: t.headers,
      ...(t.paths ? { requests: [{ setupRequest: (r: Record<string, unknown>) => ({ ...r, path: t.paths!() }) }] } : {}),
    });
  for (const t of targets) await once(t, 1);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of targets) {
      // A target with a goal is paired with its own run of the baseline right after it: this
      // machine's speed moves by half within a minute, so only runs seconds apart make a fair pair (ADR 027).
      const base = t.pairedWith ? targets.find((b) => b.name === t.pairedWith) : undefined;
      // Each measured run follows a 1 s warm-up of the same target (between rounds the pools'
      // idle connections close after 10 s), and the baseline runs right after its target: the
      // floor run at a round's start, after the ceiling on the same bare server, was up to 1.5×
      // slower than the floor run next to the lookup (2026-12-06, docs/benchmarks.md).
      await once(t, 1);
      const r = await once(t, DURATION_S);
      if (base) await once(base, 1);
      const b = base ? await once(base, DURATION_S) : undefined;
      samples.get(t.name)!.push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.errors + r.non2xx });
      if (b) pairs.get(t.name)!.push(r.requests.average / b.requests.average);
      log(`  round ${round}: ${t.name}: ${Math.round(r.requests.average)} req/s${b ? ` (its baseline just after: ${Math.round(b.requests.average)})` : ''}${r.errors + r.non2xx ? `, ${r.errors + r.non2xx} errors/non-2xx` : ''}`);
    }
  }
  return targets.map((t) => {
    const ss = samples.get(t.name)!;
    return {
      name: t.name,
      rps: median(ss.map((s) => s.rps)),
      p50: median(ss.map((s) => s.p50)),
      p99: median(ss.map((s) => s.p99)),
      bad: ss.reduce((a, s) => a + s.bad, 0),
      rounds: ss.map((s) => s.rps),
      ...(t.pairedWith ? { pairs: { base: t.pairedWith, ratios: pairs.get(t.name)! } } : {}),
    };
  });
}

/** Files SUBMISSIONS dossiers through the API (create, 3 uploads of which one is 200 KB, submit). */
async function submissions(base: string, token: string) {
  const auth = { authorization: `Bearer ${token}` };
  const big = pdfOf(200 * 1024);
  const small = pdfOf(2 * 1024);
  const total: number[] = [];
  const upload200: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const run = async () => {
    for (;;) {
      const i = next++;
      if (i >= SUBMISSIONS) return;
      const key = crypto.randomUUID();
      const s0 = performance.now();
      const created = await json(`${base}/api/v1/dossiers`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `${key}-c` },
        body: JSON.stringify({ procedureCode: 'DEMO.000101', answers: KARAOKE_ANSWERS }),
      });
      for (let doc = 0; doc < 3; doc++) {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(doc === 0 ? big : small)], { type: 'application/pdf' }), `giay-to-${doc}.pdf`);
        const u0 = performance.now();
        await json(`${base}/api/v1/dossiers/${created.id}/files?document=${doc}`, { method: 'POST', headers: auth, body: form });
        if (doc === 0) upload200.push(performance.now() - u0);
      }
      await json(`${base}/api/v1/dossiers/${created.id}/submit`, { method: 'POST', headers: { ...auth, 'idempotency-key': `${key}-s` } });
      total.push(performance.now() - s0);
    }
  };
  await Promise.all(Array.from({ length: SUBMIT_CONCURRENCY }, run));
  const seconds = (performance.now() - t0) / 1000;
  return { perSecond: SUBMISSIONS / seconds, p50: pct(total, 50), p99: pct(total, 99), upload50: pct(upload200, 50), upload99: pct(upload200, 99) };
}

/** The whole tracking log through the real export functions, in a child process whose heap is
 * capped well below the size of the export: it finishes only if the export streams. */
const EXPORT_HEAP_MB = 128;
async function exportAll(url: string, kind: 'csv' | 'xlsx') {
  const c = spawn(process.execPath, [`--max-old-space-size=${EXPORT_HEAP_MB}`, '--import', 'tsx', path.join(ROOT, 'bench/export-child.ts'), url, kind], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  c.stdout.on('data', (d: Buffer) => (out += d.toString()));
  c.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => c.on('exit', r));
  if (code !== 0) throw new Error(`the ${kind} export failed with a ${EXPORT_HEAP_MB} MB heap (exit ${code}):\n${out.slice(-2000)}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as { seconds: number; mb: number; peakRssMb: number; peakHeapMb: number };
}

/** `node dist/main.js serve` on `url`, ready. */
async function serve(main: string, url: string, dataDir: string): Promise<{ proc: ChildProcess; base: string }> {
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', VANHIEN_DEMO: 'true', VANHIEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent', VANHIEN_WORKER: 'false', NODE_ENV: 'production', SESSION_SECRET: crypto.randomBytes(32).toString('hex') };
  const proc = child([main, 'serve'], env);
  const base = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${base}/readyz`)).ok, 180_000, `${base}/readyz`).catch((e) => {
    throw new Error(`${e.message}\n${(proc as ChildProcess & { output: () => string }).output().slice(-2000)}`);
  });
  return { proc, base };
}

/** Stops a server started here, by its PID, and waits for it to exit. */
async function stopServer(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || !c.pid) return;
  const exited = new Promise((r) => c.once('exit', r));
  process.kill(c.pid, 'SIGTERM');
  await exited;
}

async function main() {
  if (!(await listening(5432))) throw new Error('bench/dossiers.ts needs the machine PostgreSQL on 127.0.0.1:5432');
  log(`bench:dossiers: node ${process.version}, ${os.cpus().length} CPUs, ${COUNT.toLocaleString('en')} seeded dossiers`);
  const main = path.join(ROOT, 'dist/main.js');
  if (!fs.existsSync(main)) throw new Error('dist/main.js missing: run `npm run build` first');
  const seedDb = `vh_bench_dossiers_seed_${COUNT}_v${SEED_VERSION}`;
  const name = `vh_bench_dossiers_${crypto.randomBytes(4).toString('hex')}`;
  const url = MACHINE_PG.replace(/\/postgres$/, `/${name}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-bench-d-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const admin = new pg.Client({ connectionString: MACHINE_PG });
  await admin.connect();
  const exists = async (db: string) => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount === 1;
  if (FRESH) await admin.query(`DROP DATABASE IF EXISTS "${seedDb}" WITH (FORCE)`);
  else if (await exists(seedDb)) {
    const stale = await staleMigrations(MACHINE_PG.replace(/\/postgres$/, `/${seedDb}`));
    if (stale.length) {
      log(`the seeded ${seedDb} was migrated with other contents of ${stale.join(', ')}: rebuilding it`);
      await admin.query(`DROP DATABASE IF EXISTS "${seedDb}" WITH (FORCE)`);
    }
  }
  let seedSeconds: number | undefined;
  if (!(await exists(seedDb))) {
    // Built under another name and renamed when complete: an interrupted build is never reused.
    const building = `${seedDb}_building`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${building}" ENCODING 'UTF8' TEMPLATE template0`);
    const buildUrl = MACHINE_PG.replace(/\/postgres$/, `/${building}`);
    // The platform creates its schema and demo data (the procedures the dossiers refer to).
    const builder = await serve(main, buildUrl, dataDir);
    const pool = new pg.Pool({ connectionString: buildUrl, max: 4 });
    try {
      const applicant = (await pool.query(`SELECT id FROM users WHERE email = 'congdan@vanhien.test'`)).rows[0].id as string;
      log(`seeding ${COUNT.toLocaleString('en')} dossiers into ${seedDb} (kept for the next runs)…`);
      seedSeconds = await seed(pool, applicant);
    } finally {
      await pool.end();
      await stopServer(builder.proc);
    }
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${seedDb}"`);
  } else log(`reusing the seeded dossiers of ${seedDb} (BENCH_DOSSIERS_FRESH=1 rebuilds them)`);
  if (SEED_ONLY) {
    await admin.end();
    log(`seed ready: ${seedDb}${seedSeconds === undefined ? '' : ` (seeded in ${seedSeconds.toFixed(1)} s)`}`);
    return;
  }
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${seedDb}"`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: MACHINE_PG });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });

  const { base } = await serve(main, url, dataDir);
  // The catalogue page's own bytes, uncompressed and as the platform compresses them, for the
  // bare server to send: what a page of that size costs with no platform code.
  const catalogue = Buffer.from(await (await fetch(`${base}/thu-tuc`)).arrayBuffer());
  const sameDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-bench-same-'));
  cleanups.push(() => fs.rmSync(sameDir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(sameDir, 'catalogue'), catalogue);
  fs.writeFileSync(path.join(sameDir, 'catalogue-br'), encodedBody({ body: catalogue }, 'br'));
  const bare = child([path.join(ROOT, 'bench/bare-server.mjs')], { ...process.env, DATABASE_URL: url, BENCH_SAME_DIR: sameDir });
  let barePort = 0;
  await waitUntil(() => {
    const m = /PORT (\d+)/.exec((bare as ChildProcess & { output: () => string }).output());
    if (m) barePort = Number(m[1]);
    return barePort > 0;
  }, 10_000, 'the bare server');

  const pool = new pg.Pool({ connectionString: url, max: 4 });
  cleanups.push(() => pool.end());
  const sizes = (await pool.query(`SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('dossiers')) AS size FROM dossiers`)).rows[0];
  log(`${seedSeconds === undefined ? 'reused' : `seeded in ${seedSeconds.toFixed(1)} s`}: ${sizes.n.toLocaleString('en')} dossiers, ${sizes.size} with indexes`);

  const token = async (email: string) =>
    (
      await json(`${base}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'Demo@2026' }),
      })
    ).token as string;
  const citizen = await token('congdan@vanhien.test');
  const leader = await token('lanhdao@vanhien.test');
  const someCode = () => `/api/v1/dossiers/BENCH-${String(1 + Math.floor(Math.random() * COUNT)).padStart(7, '0')}`;
  await json(`${base}${someCode()}`, { headers: { authorization: `Bearer ${citizen}` } });

  const someCodeOnly = () => `/db?code=BENCH-${String(1 + Math.floor(Math.random() * COUNT)).padStart(7, '0')}`;
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const rows = await measure([
    { name: CEILING, url: `http://127.0.0.1:${barePort}/` },
    { name: FLOOR, url: `http://127.0.0.1:${barePort}/db?code=BENCH-0000001`, paths: someCodeOnly },
    { name: "bare Fastify + the lookup's own statement", url: `http://127.0.0.1:${barePort}/lookup?code=BENCH-0000001`, paths: () => someCodeOnly().replace('/db?', '/lookup?') },
    { name: 'GET /api/v1/dossiers/{code} (status lookup)', url: `${base}/api/v1/dossiers/BENCH-0000001`, headers: { authorization: `Bearer ${citizen}` }, paths: someCode, pairedWith: FLOOR },
    { name: 'bare Fastify, the catalogue page bytes', url: `http://127.0.0.1:${barePort}/same/catalogue` },
    { name: 'bare Fastify, the catalogue page bytes (br)', url: `http://127.0.0.1:${barePort}/same/catalogue-br` },
    // As Chromium asks for it: the platform sends a cached page compressed (page-cache.ts).
    { name: 'GET /thu-tuc (catalogue page)', url: `${base}/thu-tuc`, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' }, pairedWith: CEILING },
    { name: 'GET /thu-tuc (catalogue page, uncompressed)', url: `${base}/thu-tuc` },
  ]);
  const ceiling = rows[0]!.rps;
  const floor = rows[1]!.rps;
  // Issue 9: the lookup against the floor measured here, the catalogue page against the ceiling.
  const goals: Record<string, { base: 'floor' | 'ceiling'; ratio: number }> = {
    'GET /api/v1/dossiers/{code} (status lookup)': { base: 'floor', ratio: 0.75 },
    'GET /thu-tuc (catalogue page)': { base: 'ceiling', ratio: 0.4 },
  };

  const out: string[] = ['', `### Dossiers at ${COUNT.toLocaleString('en')} (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ''})`, ''];
  out.push('| route | req/s | p50 ms | p99 ms | vs ceiling | vs floor | target | verdict |', '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const r of rows) {
    const g = goals[r.name];
    const paired = g ? pairedRatio(r, rows[g.base === 'floor' ? 1 : 0]!) : undefined;
    const verdict = g && paired ? `${paired.median >= g.ratio ? 'MET' : 'NOT MET'} (${paired.median.toFixed(2)}; rounds ${paired.min.toFixed(2)}–${paired.max.toFixed(2)})` : '';
    out.push(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${((r.rps / ceiling) * 100).toFixed(1)} % | ${((r.rps / floor) * 100).toFixed(1)} % | ${g ? `≥ ${g.ratio} × ${g.base}` : ''} | ${verdict} |`);
  }
  out.push('');
  out.push(`- ceiling ${Math.round(ceiling)} req/s and floor ${Math.round(floor)} req/s measured in this run; load average before ${loadBefore}${QUICK ? '; QUICK MODE (BENCH_QUICK=1): not for the record' : ''}`);
  out.push(`- ${ROUNDS} interleaved rounds of ${DURATION_S} s per target; the columns are medians; a verdict is the median over the rounds of the target's rate over its baseline's, run right after it`);
  const own = rows.find((r) => r.name.startsWith("bare Fastify + the lookup's"));
  const lookup = rows.find((r) => r.name.startsWith('GET /api/v1/dossiers/'));
  if (own && lookup) {
    out.push(
      `- the status lookup's own statement behind a bare route reaches ${pairedRatio(own, rows[1]!).median.toFixed(2)} × the floor; the status lookup is ${pairedRatio(lookup, own).median.toFixed(2)} × that (the rest is the platform's request path: hooks, token cache, policy, serialisation)`,
    );
  }
  const byName = (n: string) => rows.find((r) => r.name === n)!;
  out.push(
    `- the catalogue page is ${(catalogue.length / 1024).toFixed(1)} KB (${(encodedBody({ body: catalogue }, 'br').length / 1024).toFixed(1)} KB brotli, requested with Chromium's accept-encoding); against a bare route sending the same bytes it is ${pairedRatio(byName('GET /thu-tuc (catalogue page)'), byName('bare Fastify, the catalogue page bytes (br)')).median.toFixed(2)} × (compressed) and ${pairedRatio(byName('GET /thu-tuc (catalogue page, uncompressed)'), byName('bare Fastify, the catalogue page bytes')).median.toFixed(2)} × (uncompressed)`,
  );
  if (HTTP_ONLY) {
    out.push('- BENCH_HTTP_ONLY=1: statistics, submissions and exports not measured');
    log(out.join('\n'));
    return;
  }
  log('statistics for a quarter (20 sequential requests)…');
  const statMs: number[] = [];
  const serverMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const st = await json(`${base}/api/v1/dossiers/statistics?ky=quy&nam=2026&quy=3&nhom=don-vi`, { headers: { authorization: `Bearer ${leader}` } });
    statMs.push(performance.now() - t0);
    serverMs.push(st.ms);
    if (i === 0) log(`  Q3/2026: received ${st.total.received}, returned ${st.total.returned}, on-time ${st.total.onTimeRate} %, satisfaction ${st.total.satisfactionRate} %`);
  }
  const yearMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await json(`${base}/api/v1/dossiers/statistics?ky=nam&nam=2025&nhom=thu-tuc`, { headers: { authorization: `Bearer ${leader}` } });
    yearMs.push(performance.now() - t0);
  }

  log(`submissions (${SUBMISSIONS}, ${SUBMIT_CONCURRENCY} at a time)…`);
  const sub = await submissions(base, citizen);

  log('exporting the whole tracking log…');
  const csv = await exportAll(url, 'csv');
  const xlsx = await exportAll(url, 'xlsx');

  out.push(`- statistics for a quarter (Q3/2026, by unit), HTTP: median ${median(statMs).toFixed(0)} ms, p95 ${pct(statMs, 95).toFixed(0)} ms (SQL part ${median(serverMs)} ms)`);
  out.push(`- statistics for a year (2025, by procedure), HTTP: median ${median(yearMs).toFixed(0)} ms`);
  out.push(
    `- submission (create + 3 uploads, one of 200 KB + submit), ${SUBMIT_CONCURRENCY} concurrent: ${sub.perSecond.toFixed(1)} dossiers/s, p50 ${sub.p50.toFixed(0)} ms, p99 ${sub.p99.toFixed(0)} ms; the 200 KB upload alone p50 ${sub.upload50.toFixed(0)} ms, p99 ${sub.upload99.toFixed(0)} ms`,
  );
  out.push(
    `- export of the whole log (${COUNT.toLocaleString('en')}+ rows) in a process with a ${EXPORT_HEAP_MB} MB heap: CSV ${csv.seconds.toFixed(1)} s, ${csv.mb.toFixed(0)} MB written, peak heap ${csv.peakHeapMb.toFixed(0)} MB, peak RSS ${csv.peakRssMb.toFixed(0)} MB; XLSX ${xlsx.seconds.toFixed(1)} s, ${xlsx.mb.toFixed(0)} MB written, peak heap ${xlsx.peakHeapMb.toFixed(0)} MB, peak RSS ${xlsx.peakRssMb.toFixed(0)} MB`,
  );
  out.push(`- seeding: ${seedSeconds === undefined ? `reused from ${seedDb}` : `${seedSeconds.toFixed(0)} s`}; table with indexes ${sizes.size}; load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(out.join('\n'));
}

const stop = async (code: number) => {
  await cleanup();
  process.exit(code);
};
process.on('SIGINT', () => void stop(130));
process.on('SIGTERM', () => void stop(143));
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main().then(
  () => stop(0),
  (e) => {
    log(`bench:dossiers failed: ${(e as Error).stack ?? e}`);
    void stop(1);
  },
);
