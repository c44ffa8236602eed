import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/core/config.js';
import { openPlatform, type Platform } from '../../src/core/app.js';
import { SYSTEM } from '../../src/core/auth/actor.js';
import { createUser } from '../../src/core/identity/identity.commands.js';
import { verifyAudit } from '../../src/core/audit/audit.js';
import { backup, restore } from '../../src/core/db/backup.js';

/** Issue 9, finding 10: backup and restore on the embedded default, with no system PostgreSQL tool. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-backup-'));
// pg_dump/pg_restore first in PATH fail loudly: the embedded path must not need them (the machine's
// are version 15, the embedded server 17).
const fakeBin = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-fakebin-'));
for (const tool of ['pg_dump', 'pg_restore', 'pg_basebackup']) {
  fs.writeFileSync(path.join(fakeBin, tool), '#!/bin/sh\necho "must not be called" >&2\nexit 3\n', { mode: 0o755 });
}
const env = {
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL: '',
  VANHIEN_DATA_DIR: dataDir,
  VANHIEN_EMBEDDED_PG_PORT: String(55900 + Math.floor(Math.random() * 90)),
  VANHIEN_DEMO: 'false',
  S3_ENDPOINT: '',
  PATH: `${fakeBin}:${process.env.PATH}`,
};
const config = loadConfig(env);
const cli = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), ...args], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const COUNTS = `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM audit_log)::int AS audit,
  (SELECT count(*) FROM stored_files)::int AS files, (SELECT count(*) FROM calendar_days)::int AS days`;

let open: Platform | undefined;
afterAll(async () => {
  await open?.close().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(fakeBin, { recursive: true, force: true });
});

describe('vanhien backup / restore on the embedded PostgreSQL', () => {
  it('round-trips the database and the uploaded files: backup while serving → wipe → restore', async () => {
    open = await openPlatform({ config, quiet: true });
    const s = open.services;
    const ctx = { services: s, actor: { ...SYSTEM, label: 'CLI' } };
    await createUser(ctx, { email: 'sao-luu@vanhien.test', fullName: 'Lê Thị Sao Lưu', password: 'Mk@2026abc', kind: 'citizen' });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const stored = await s.files.save(s.db, { data: pdf, originalName: 'đơn đề nghị.pdf', allowed: ['application/pdf'] });
    const before = (await s.pool.query(COUNTS)).rows[0];
    expect(before.users).toBeGreaterThan(0);
    expect(before.files).toBe(1);

    // Online: the platform in this process owns the server; the CLI attaches to it.
    const file = path.join(dataDir, 'sao-luu.tar.gz');
    expect(cli('backup', file)).toContain('embedded PostgreSQL base backup, files: included');
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    // Written after the backup: must not come back.
    await createUser(ctx, { email: 'sau-sao-luu@vanhien.test', fullName: 'Sau Sao Lưu', password: 'Mk@2026abc', kind: 'citizen' });

    // Restoring under a running server is refused.
    await expect(restore(config, file)).rejects.toThrow(/dừng vanhien serve trước khi khôi phục/);
    await open.close();
    open = undefined;

    fs.rmSync(path.join(dataDir, 'postgres'), { recursive: true, force: true });
    fs.rmSync(path.join(dataDir, 'files'), { recursive: true, force: true });
    expect(cli('restore', file)).toContain('restore done');

    open = await openPlatform({ config, quiet: true, seed: false });
    expect((await verifyAudit(open.services.db)).problems).toEqual([]);
    expect((await open.services.pool.query(COUNTS)).rows[0]).toEqual(before);
    expect((await open.services.pool.query(`SELECT count(*)::int AS n FROM users WHERE email = 'sau-sao-luu@vanhien.test'`)).rows[0].n).toBe(0);
    expect(await open.services.files.read(stored.storageKey)).toEqual(pdf);
    expect(fs.statSync(path.join(dataDir, 'files', stored.storageKey)).mode & 0o777).toBe(0o640);
    await open.close();
    open = undefined;
  }, 240_000);

  it('refuses a file that is not a backup, and leaves no partial file when the backup fails', async () => {
    const junk = path.join(dataDir, 'junk.tar.gz');
    fs.writeFileSync(junk, 'không phải bản sao lưu');
    await expect(restore(config, junk)).rejects.toThrow(/không đọc được như một bản sao lưu/);
    // A backup into a folder that does not exist fails before anything looks like a backup.
    const bad = path.join(dataDir, 'missing-dir', 'x.tar.gz');
    await expect(backup(config, bad)).rejects.toThrow(/Không ghi được/);
    expect(fs.existsSync(bad)).toBe(false);
    expect(fs.existsSync(`${bad}.partial`)).toBe(false);
  });
});
