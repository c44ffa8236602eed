// Where the status lookup's time goes: Node and PostgreSQL CPU per request of the platform's
// `GET /api/v1/dossiers/{code}` against the bare server's `/db` (the floor) and `/lookup` (the
// platform's own statement behind a bare route), at full speed and at equal fixed rates.
// Read from /proc (utime + stime of the server process and of the database's backends).
//
//   BENCH_SEED_ONLY=1 node --expose-gc --import tsx bench/dossiers.ts   # once: the 1,000,000 seed
//   npm run build && node bench/lookup-cpu.mjs                           # RATES=2000,3000 SECONDS=6
//
// Loopback only, bounded in time; the servers started here are stopped by their PIDs.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MACHINE_PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SEED = process.env.BENCH_SEED_DB ?? 'vh_bench_dossiers_seed_1000000_v1';
const SECONDS = Number(process.env.SECONDS ?? 6);
const RATES = (process.env.RATES ?? '2000').split(',').filter(Boolean).map(Number);

const name = `vh_bench_cpu_${crypto.randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: MACHINE_PG });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${SEED}"`);
const url = MACHINE_PG.replace(/\/postgres$/, `/${name}`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-bench-cpu-'));
const children = [];
try {
  // Both servers read the same warmed table: a cold cache would penalise whichever runs first.
  const warm = new pg.Client({ connectionString: url });
  await warm.connect();
  await warm.query('SELECT count(*) FROM dossiers');
  await warm.end();

  const port = 20000 + Math.floor(Math.random() * 20000);
  const env = { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', VANHIEN_DEMO: 'true', VANHIEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent', VANHIEN_WORKER: 'false', NODE_ENV: 'production', SESSION_SECRET: crypto.randomBytes(32).toString('hex') };
  const platform = spawn(process.execPath, [path.join(ROOT, 'dist/main.js'), 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const bare = spawn(process.execPath, [path.join(ROOT, 'bench/bare-server.mjs')], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(platform, bare);
  let barePort = 0;
  bare.stdout.on('data', (d) => {
    const m = /PORT (\d+)/.exec(String(d));
    if (m) barePort = Number(m[1]);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (up && barePort) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  const login = await fetch(`${base}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'congdan@vanhien.test', password: 'Demo@2026' }) });
  const token = (await login.json()).token;
  const code = () => `BENCH-${String(1 + Math.floor(Math.random() * 1e6)).padStart(7, '0')}`;
  const cpuMs = (pid) => {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * (1000 / 100);
  };
  // The database's backends by PID: a backend that closes during a run takes its CPU with it, so
  // only those alive at the end count (from 0 when new); the pools keep theirs open while busy.
  const backends = () => {
    let out = '';
    try {
      out = execFileSync('pgrep', ['-f', `postgres: .*${name}`]).toString();
    } catch {}
    const m = new Map();
    for (const pid of out.trim().split('\n').filter(Boolean)) {
      try {
        m.set(pid, cpuMs(pid));
      } catch {}
    }
    return m;
  };
  const backendsDelta = (before) => {
    let t = 0;
    for (const [pid, ms] of backends()) t += ms - (before.get(pid) ?? 0);
    return t;
  };
  const targets = [
    { label: 'bare + 1 raw query (floor)', pid: bare.pid, url: `http://127.0.0.1:${barePort}/db`, path: () => `/db?code=${code()}` },
    { label: "bare + the lookup's own statement", pid: bare.pid, url: `http://127.0.0.1:${barePort}/lookup`, path: () => `/lookup?code=${code()}` },
    { label: 'GET /api/v1/dossiers/{code}', pid: platform.pid, url: base, path: () => `/api/v1/dossiers/${code()}`, headers: { authorization: `Bearer ${token}` } },
  ];
  const rows = [];
  for (const rate of [0, ...RATES]) {
    for (const t of targets) {
      const opts = { url: t.url, connections: 10, headers: t.headers, requests: [{ setupRequest: (r) => ({ ...r, path: t.path() }) }], ...(rate ? { overallRate: rate } : {}) };
      await autocannon({ ...opts, duration: 1 });
      const c0 = cpuMs(t.pid);
      const p0 = backends();
      const r = await autocannon({ ...opts, duration: SECONDS });
      const n = r.requests.total || 1;
      rows.push(`| ${t.label} | ${rate || 'full speed'} | ${Math.round(r.requests.average)} | ${((1000 * (cpuMs(t.pid) - c0)) / n).toFixed(0)} | ${((1000 * backendsDelta(p0)) / n).toFixed(0)} | ${r.non2xx + r.errors} |`);
    }
  }
  process.stdout.write(
    [
      `lookup CPU, ${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? ''}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      '',
      '| target | rate asked | req/s | Node µs/request | PostgreSQL µs/request | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  for (const c of children) {
    if (c.exitCode === null && c.pid) {
      const exited = new Promise((r) => c.once('exit', r));
      process.kill(c.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    }
  }
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
