/**
 * Where @fastify/rate-limit keeps its counters (ADR 011). The plugin's default keeps them in the
 * memory of each process: with N nodes an attacker gets N times the limit, and a restart forgets
 * it. Here they live where every node sees them and a restart does not reset them:
 *
 * - PostgreSQL (default): one row per route and client in the UNLOGGED table `rate_limit_hits`,
 *   one upsert per hit that both counts and answers; expired rows are swept once a minute per node.
 * - Redis when `REDIS_URL` is set: the plugin's own Redis store (one Lua script per hit) on an
 *   ioredis client.
 *
 * The client key (an IP address, or an account) is hashed before it is stored: the counters are
 * shared infrastructure and must not become a log of who visited.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import { createRequire } from 'node:module';
import type { Redis as RedisClient } from 'ioredis';
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

type Incr = (err: Error | null, res: { current: number; ttl: number } | null) => void;

interface RouteParams {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string; url?: string };
  max?: unknown;
  timeWindow?: unknown;
}

const SWEEP_EVERY_MS = 60_000;

// The window restarts when it has ended; past the limit it restarts on every hit with
// continueExceeding, or doubles per extra hit with exponentialBackoff (as the plugin's stores do).
const UPSERT = `INSERT INTO rate_limit_hits AS r (key, hits, expires_at) VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END,
    expires_at = CASE
      WHEN r.expires_at <= now() THEN excluded.expires_at
      WHEN r.hits + 1 > $3 AND $4::boolean THEN excluded.expires_at
      WHEN r.hits + 1 > $3 AND $5::boolean THEN now() + make_interval(secs => least($2::float8 * power(2, r.hits - $3), 1e12) / 1000)
      ELSE r.expires_at END
  RETURNING hits, greatest(0, ceil(extract(epoch FROM r.expires_at - now()) * 1000))::float8 AS ttl`;

const READ = `SELECT hits, greatest(0, ceil(extract(epoch FROM expires_at - now()) * 1000))::float8 AS ttl
  FROM rate_limit_hits WHERE key = $1 AND expires_at > now()`;

function hashKey(k: string): string {
  return crypto.createHash('sha256').update(k).digest('base64url').slice(0, 27);
}

function routePrefix(p: RouteParams): string {
  const r = p.routeInfo;
  // Limits made with app.rateLimit({...}) have no route: name them by their shape instead.
  return r?.url ? `${r.method ?? ''} ${r.url}` : `handler ${String(p.max)}/${String(p.timeWindow)}`;
}

/** A store class bound to a pool, in the shape @fastify/rate-limit instantiates (`new Store(params)`). */
export function postgresRateLimitStore(pool: pg.Pool, log?: { warn(m: string): void }) {
  let lastSweep = Date.now();
  const sweep = () => {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    pool.query(`DELETE FROM rate_limit_hits WHERE expires_at < now() - interval '1 minute'`).catch((err: Error) => log?.warn(`rate-limit sweep failed: ${err.message}`));
  };

  return class PostgresRateLimitStore {
    private readonly prefix: string;
    private readonly continueExceeding: boolean;
    private readonly exponentialBackoff: boolean;

    constructor(params: RouteParams, prefix = 'global') {
      this.continueExceeding = params.continueExceeding === true;
      this.exponentialBackoff = params.exponentialBackoff === true;
      this.prefix = prefix;
    }

    incr(key: string, cb: Incr, timeWindow: number, max: number): void {
      sweep();
      pool
        .query<{ hits: number; ttl: number }>({ name: 'vh_rate_limit_incr', text: UPSERT, values: [`${this.prefix}|${hashKey(key)}`, timeWindow, max, this.continueExceeding, this.exponentialBackoff] })
        .then((res) => cb(null, { current: res.rows[0]!.hits, ttl: res.rows[0]!.ttl }), (err: Error) => cb(err, null));
    }

    read(key: string, cb: Incr): void {
      pool
        .query<{ hits: number; ttl: number }>(READ, [`${this.prefix}|${hashKey(key)}`])
        .then((res) => cb(null, { current: res.rows[0]?.hits ?? 0, ttl: res.rows[0]?.ttl ?? 0 }), (err: Error) => cb(err, null));
    }

    child(params: RouteParams): PostgresRateLimitStore {
      return new PostgresRateLimitStore(params, routePrefix(params));
    }
  };
}

/** The plugin options that put the counters in the shared store; `close` ends the Redis client. */
export function rateLimitStoreOptions(
  config: Config,
  pool: pg.Pool,
  log?: { warn(m: string): void },
): { options: Pick<RateLimitPluginOptions, 'store' | 'redis' | 'nameSpace' | 'keyGenerator'>; close(): Promise<void>; kind: 'postgres' | 'redis' } {
  if (config.rateLimit.redisUrl) {
    // Fail fast instead of queueing hits while Redis is away: a request waits at most this long.
    // Required here, not imported at the top: ioredis took ~0.3 s of every start on machines
    // that never set REDIS_URL (issue 9: cold start ≤ 8 s).
    const { Redis } = createRequire(import.meta.url)('ioredis') as { Redis: new (url: string, o: object) => RedisClient };
    const redis = new Redis(config.rateLimit.redisUrl, { connectTimeout: 2_000, maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false });
    redis.on('error', (err: Error) => log?.warn(`rate-limit redis: ${err.message}`));
    return {
      kind: 'redis',
      options: { redis, nameSpace: config.rateLimit.prefix, keyGenerator: (req: FastifyRequest) => hashKey(req.ip) },
      async close() {
        await redis.quit().catch(() => redis.disconnect());
      },
    };
  }
  return { kind: 'postgres', options: { store: postgresRateLimitStore(pool, log) as never }, async close() {} };
}
