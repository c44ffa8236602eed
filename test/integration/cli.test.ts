import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cloneTestDatabase } from '../helpers/db.js';
import { loadConfig } from '../../src/core/config.js';
import { backup } from '../../src/core/db/backup.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-cli-'));

describe('vanhien CLI', () => {
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let client: pg.Client;
  const run = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), ...args], {
      env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'test', VANHIEN_DATA_DIR: tmp },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  beforeAll(async () => {
    db = await cloneTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates a staff user with a role, audited', async () => {
    expect(run('user', 'create', 'moi@vanhien.test', 'Đặng Thị Mới', 'Mk@2026abc', '--role', 'chuyen_vien')).toContain('user created');
    const { rows } = await client.query(
      `SELECT u.kind, r.code FROM users u JOIN role_assignments a ON a.user_id = u.id JOIN roles r ON r.id = a.role_id WHERE u.email = 'moi@vanhien.test'`,
    );
    expect(rows).toEqual([{ kind: 'staff', code: 'chuyen_vien' }]);
    const audit = await client.query(`SELECT action FROM audit_log WHERE actor_label = 'CLI' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['user.create', 'role.assign']);
  });

  it('refuses a weak password with a Vietnamese message', () => {
    expect(() => run('user', 'create', 'yeu@vanhien.test', 'Tên', '123')).toThrow(/Mật khẩu phải có ít nhất 8 ký tự|Thông tin nhập chưa hợp lệ/);
  });

  it('imports an official schedule from CSV and reports bad lines', async () => {
    const good = path.join(tmp, 'lich-2027.csv');
    fs.writeFileSync(good, '\ufeffdate,kind,name\r\n2027-02-04,off,"Nghỉ Tết Nguyên đán, Đinh Mùi"\r\n13/02/2027,làm,Làm bù\r\n');
    expect(run('calendar', 'import', good)).toContain('imported 2 days');
    const { rows } = await client.query(`SELECT date::text AS date, kind, name FROM calendar_days WHERE date >= '2027-01-01' ORDER BY date`);
    expect(rows).toEqual([
      { date: '2027-02-04', kind: 'off', name: 'Nghỉ Tết Nguyên đán, Đinh Mùi' },
      { date: '2027-02-13', kind: 'work', name: 'Làm bù' },
    ]);
    const bad = path.join(tmp, 'sai.csv');
    fs.writeFileSync(bad, 'date,kind,name\n2027-02-30,off,Sai ngày\n');
    expect(() => run('calendar', 'import', bad)).toThrow(/Dòng 2/);
  });

  it('backs up and restores the database', async () => {
    const file = path.join(tmp, 'backup.tar.gz');
    expect(run('backup', file)).toContain('backup done');
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    await client.query(`DELETE FROM calendar_days WHERE date >= '2027-01-01'`);
    expect(run('restore', file)).toContain('restore done');
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM calendar_days WHERE date >= '2027-01-01'`);
    expect(rows[0].n).toBe(2);
    expect(run('audit', 'verify')).toContain('hash chain intact');
  }, 120_000); // three CLI processes, each compiling the sources with tsx

  /** A pg_dump stand-in first in PATH (in this process: backup() runs in-process to keep the test
   * fast): prints `version`, then exits with `code` when asked to dump. */
  async function backupWithFakePgDump(version: string, code: number, file: string): Promise<unknown> {
    const dir = fs.mkdtempSync(path.join(tmp, 'bin-'));
    fs.writeFileSync(path.join(dir, 'pg_dump'), `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) ${version}"; exit 0; fi\nexit ${code}\n`, { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${dir}:${saved}`;
    try {
      return await backup(loadConfig({ ...process.env, DATABASE_URL: db.url, NODE_ENV: 'test', VANHIEN_DATA_DIR: tmp }), file);
    } finally {
      process.env.PATH = saved;
    }
  }

  it('refuses a pg_dump older than the server (issue 9, finding 10) and leaves no file', async () => {
    const file = path.join(tmp, 'cu.tar.gz');
    await expect(backupWithFakePgDump('12.22', 0, file)).rejects.toThrow(/pg_dump phiên bản 12 cũ hơn máy chủ PostgreSQL/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });

  it('leaves no file that looks like a backup when pg_dump fails', async () => {
    const file = path.join(tmp, 'hong.tar.gz');
    await expect(backupWithFakePgDump('99.0', 1, file)).rejects.toThrow(/pg_dump thất bại/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });
});
