import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { transaction } from '../../db/index.js';
import { verifyAudit, writeAudit } from '../audit.js';
import { SYSTEM } from '../../auth/actor.js';

describe('audit trail', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('verifies an untouched chain, including rows written concurrently', async () => {
    const s = t.platform.services;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transaction(s.pool, (tx) => writeAudit(tx, { actor: SYSTEM, ip: '127.0.0.1' }, { action: 'test.write', entity: 'test', entityId: String(i), summary: { n: i, nested: { b: 1, a: 'ạ' } } })),
      ),
    );
    const result = await verifyAudit(s.db);
    expect(result.problems).toEqual([]);
    expect(result.rows).toBeGreaterThan(20);
  });

  it('rolls the audit row back with the change it describes', async () => {
    const s = t.platform.services;
    const before = (await verifyAudit(s.db)).rows;
    await expect(
      transaction(s.pool, async (tx) => {
        await writeAudit(tx, { actor: SYSTEM }, { action: 'test.rollback', entity: 'test' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await verifyAudit(s.db)).rows).toBe(before);
  });

  it('refuses UPDATE and DELETE from the application role', async () => {
    const s = t.platform.services;
    await expect(s.pool.query(`UPDATE audit_log SET actor_label = 'x' WHERE id = 1`)).rejects.toThrow(/append-only/);
    await expect(s.pool.query(`DELETE FROM audit_log WHERE id = 1`)).rejects.toThrow(/append-only/);
  });

  it('`vanhien audit verify` names the row edited by hand, and a deleted row', async () => {
    const s = t.platform.services;
    const { rows } = await s.pool.query('SELECT id FROM audit_log ORDER BY id LIMIT 5');
    const edited = rows[2].id as number;
    const deleted = rows[3].id as number;
    const client = new pg.Client({ connectionString: t.config.databaseUrl });
    await client.connect();
    // An intruder with superuser rights bypasses the trigger.
    await client.query(`SET session_replication_role = replica`);
    await client.query(`UPDATE audit_log SET summary = '{"forged":true}' WHERE id = $1`, [edited]);
    await client.query(`DELETE FROM audit_log WHERE id = $1`, [deleted]);
    await client.end();

    const result = await verifyAudit(s.db);
    expect(result.problems.map((p) => p.id)).toContain(edited);
    expect(result.problems.find((p) => p.id === edited)?.problem).toMatch(/bị sửa/);
    const next = rows[4].id as number;
    expect(result.problems.find((p) => p.id === next)?.problem).toMatch(/đứt/);

    // The CLI, as an operator runs it.
    const root = path.resolve(import.meta.dirname, '../../../..');
    let out = '';
    let code = 0;
    try {
      out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts'), 'audit', 'verify'], {
        env: { ...process.env, DATABASE_URL: t.config.databaseUrl, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
    } catch (err) {
      const e = err as { status: number; stdout: string };
      code = e.status;
      out = e.stdout;
    }
    expect(out).toContain("BROKEN");
    expect(code).toBe(2);
    expect(out).toContain(`dòng ${edited}: nội dung đã bị sửa`);
    expect(out).toContain('audit trail BROKEN');
  });
});

describe('audit verification page', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('shows an intact chain to a leader and refuses a citizen', async () => {
    const leader = await loginCookies(t.app, 'lanhdao@vanhien.test');
    const ok = await t.app.inject({ url: '/quan-tri/nhat-ky/kiem-tra', headers: { cookie: leader } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Chuỗi nhật ký nguyên vẹn');
    const citizen = await loginCookies(t.app, 'congdan@vanhien.test');
    expect((await t.app.inject({ url: '/quan-tri/nhat-ky/kiem-tra', headers: { cookie: citizen } })).statusCode).toBe(403);
  });
});
