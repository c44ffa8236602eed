import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ClusterBus } from '../bus.js';
import { cloneTestDatabase } from '../../../../test/helpers/db.js';
import { transaction } from '../../db/index.js';

const until = async (cond: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('cluster bus on PostgreSQL LISTEN/NOTIFY', () => {
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let pool: pg.Pool;
  let a: ClusterBus;
  let b: ClusterBus;

  beforeAll(async () => {
    db = await cloneTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 3 });
    a = new ClusterBus(db.url, pool, { minBackoffMs: 50 });
    b = new ClusterBus(db.url, pool, { minBackoffMs: 50 });
    await a.start();
    await b.start();
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await pool?.end();
    await db?.drop();
  });

  it('a message emitted on one node reaches the other, and runs the sender\'s handlers once', async () => {
    const onA: unknown[] = [];
    const onB: unknown[] = [];
    a.on('t1', (p) => onA.push(p));
    b.on('t1', (p) => onB.push(p));
    await a.emit('t1', { id: 'Đà Lạt' });
    await until(() => onB.length === 1);
    expect(onB).toEqual([{ id: 'Đà Lạt' }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(onA).toEqual([{ id: 'Đà Lạt' }]);
  });

  it('inside a transaction the message is sent on commit and dropped on rollback', async () => {
    const heard: unknown[] = [];
    b.on('t2', (p) => heard.push(p));
    await transaction(pool, async (tx) => {
      await a.emit('t2', 1, tx);
      await new Promise((r) => setTimeout(r, 100));
      expect(heard).toEqual([]);
    });
    await until(() => heard.length === 1);
    await transaction(pool, async (tx) => {
      await a.emit('t2', 2, tx);
      throw new Error('rollback');
    }).catch(() => {});
    await a.emit('t2', 3);
    await until(() => heard.length === 2);
    expect(heard).toEqual([1, 3]);
  });

  it('is not connected while its backend is gone, reconnects with back-off and says so', async () => {
    let reconnects = 0;
    b.onConnect(() => reconnects++);
    const pid = b.listenerPid;
    expect(b.connected).toBe(true);
    await pool.query('SELECT pg_terminate_backend($1)', [pid]);
    await until(() => !b.connected);
    await until(() => b.connected);
    expect(reconnects).toBe(1);
    expect(b.listenerPid).not.toBe(pid);
    const heard: unknown[] = [];
    b.on('t3', (p) => heard.push(p));
    await a.emit('t3', 'sau khi nối lại');
    await until(() => heard.length === 1);
  });
});
