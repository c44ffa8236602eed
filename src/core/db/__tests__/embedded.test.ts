import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-embedded-'));
const pgPort = 55100 + Math.floor(Math.random() * 400);
const started: ChildProcess[] = [];

function serve(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: '', VANHIEN_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', VANHIEN_EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function ready(port: number, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server on ${port} not ready`);
}

const dbUrl = `postgres://postgres:vanhien-embedded@127.0.0.1:${pgPort}/vanhien`;

afterAll(async () => {
  for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
  const pidFile = path.join(dataDir, 'postgres/postmaster.pid');
  const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  if (pid) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      /* already stopped */
    }
  }
  await new Promise((r) => setTimeout(r, 1000));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL lifecycle', () => {
  it('refuses a second process on the same data directory, survives kill -9, stops on SIGTERM', async () => {
    const portA = 39100 + Math.floor(Math.random() * 400);
    const a = serve(portA);
    await ready(portA);

    // A committed write, which must survive the kill.
    const c1 = new pg.Client({ connectionString: dbUrl });
    await c1.connect();
    await c1.query('CREATE TABLE IF NOT EXISTS survival (note text)');
    await c1.query(`INSERT INTO survival VALUES ('đã ghi trước khi bị kill -9')`);
    await c1.end();

    const b = serve(portA + 1);
    expect(await b.exited).toBe(78);
    expect(b.output()).toContain('đang được tiến trình');

    a.child.kill('SIGKILL');
    await a.exited;
    // kill -9 does not reach the postgres child: it is still running on the data directory.
    const stalePid = Number(fs.readFileSync(path.join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(stalePid, 0)).not.toThrow();

    const portC = portA + 2;
    const c = serve(portC);
    await ready(portC);
    const c2 = new pg.Client({ connectionString: dbUrl });
    await c2.connect();
    const { rows } = await c2.query('SELECT note FROM survival');
    await c2.end();
    expect(rows.map((r) => r.note)).toEqual(['đã ghi trước khi bị kill -9']);

    c.child.kill('SIGTERM');
    expect(await c.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'postgres/postmaster.pid'))).toBe(false);
  }, 180_000);
});
