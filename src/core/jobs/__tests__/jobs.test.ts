import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { cloneTestDatabase } from '../../../../test/helpers/db.js';
import { Jobs } from '../jobs.js';

/**
 * A queue with work waiting is drained without pausing between jobs: pg-boss's own loop waits its
 * polling interval (1 s) after each fetch, which made a burst of N jobs take N seconds per node.
 */
describe('jobs', () => {
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let jobs: Jobs;
  const done: number[] = [];
  beforeAll(async () => {
    db = await cloneTestDatabase();
    jobs = new Jobs(db.url);
    jobs.define({
      name: 'test.burst',
      handler: async (data) => {
        done.push(Number(data.i));
      },
    });
    await jobs.start();
  }, 60_000);
  afterAll(async () => {
    await jobs?.stop();
    await db?.drop();
  });

  it('runs a burst of 20 queued jobs in well under a second each', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      for (let i = 0; i < 20; i++) {
        const client = await pool.connect();
        try {
          await jobs.sendInTx({ client } as never, 'test.burst', { i });
        } finally {
          client.release();
        }
      }
    } finally {
      await pool.end();
    }
    const started = Date.now();
    await jobs.work();
    while (done.length < 20 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
    const seconds = (Date.now() - started) / 1000;
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // One job a second would be ≥ 19 s; the measured time is far below (the work is a push).
    expect(seconds).toBeLessThan(8);
  }, 60_000);
});
