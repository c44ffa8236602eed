import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import pg from 'pg';
import { Redis } from 'ioredis';
import { loadConfig } from '../../config.js';
import { rateLimitStoreOptions } from '../rate-limit-store.js';
import { cloneTestDatabase } from '../../../../test/helpers/db.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** One "node": a Fastify app with one limited route, its counters in the shared store. */
async function node(env: Record<string, string>, pool: pg.Pool, opts: { continueExceeding?: boolean } = {}) {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://127.0.0.1/x', ...env });
  const store = rateLimitStoreOptions(config, pool);
  const app = Fastify();
  app.addHook('onClose', () => store.close());
  await app.register(rateLimit, { global: false, ...store.options });
  app.get('/gioi-han', { config: { rateLimit: { max: 5, timeWindow: 1_000, ...opts } } }, async () => 'ok');
  app.get('/khac', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async () => 'ok');
  await app.ready();
  return { app, kind: store.kind };
}

const hit = (app: FastifyInstance, url = '/gioi-han', ip = '10.0.0.1') => app.inject({ url, remoteAddress: ip }).then((r) => r.statusCode);

describe('shared rate-limit store', () => {
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let pool: pg.Pool;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    db = await cloneTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await pool?.end();
    await db?.drop();
  });

  it('PostgreSQL: two nodes add up, per route and per client, a restarted node keeps the count, the window ends', async () => {
    const a = await node({}, pool);
    const b = await node({}, pool);
    apps.push(a.app, b.app);
    expect(a.kind).toBe('postgres');
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push(await hit(i % 2 ? b.app : a.app));
    expect(seen).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await hit(b.app, '/khac')).toBe(200);
    expect(await hit(a.app, '/gioi-han', '10.0.0.2')).toBe(200);
    // A restarted node (a new process on the same database) does not start from zero.
    const c = await node({}, pool);
    apps.push(c.app);
    expect(await hit(c.app)).toBe(429);
    // The client's address is not stored, only a hash of it.
    const { rows } = await pool.query<{ key: string }>('SELECT key FROM rate_limit_hits');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.key.includes('10.0.0'))).toBe(false);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await hit(b.app)).toBe(200);
  });

  it('PostgreSQL: concurrent hits on two nodes are all counted', async () => {
    const a = await node({}, pool);
    const b = await node({}, pool);
    apps.push(a.app, b.app);
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => hit(i % 2 ? a.app : b.app, '/khac', '10.0.0.9')));
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(15);
  });

  it('Redis when REDIS_URL is set: two nodes add up and a restarted node keeps the count', async () => {
    const prefix = `vanhien-test-${crypto.randomBytes(6).toString('hex')}:`;
    const env = { REDIS_URL, RATE_LIMIT_PREFIX: prefix };
    const pgRows = async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM rate_limit_hits')).rows[0]!.n;
    const before = await pgRows();
    const a = await node(env, pool);
    const b = await node(env, pool);
    apps.push(a.app, b.app);
    expect(a.kind).toBe('redis');
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push(await hit(i % 2 ? b.app : a.app));
    expect(seen).toEqual([200, 200, 200, 200, 200, 429]);
    await b.app.close();
    apps.splice(apps.indexOf(b.app), 1);
    const c = await node(env, pool);
    apps.push(c.app);
    expect(await hit(c.app)).toBe(429);
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.some((k) => k.includes('10.0.0'))).toBe(false);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    // Nothing went to PostgreSQL for this prefix's routes: the counters are Redis's alone.
    expect(await pgRows()).toBe(before);
  });
});
