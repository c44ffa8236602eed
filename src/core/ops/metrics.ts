import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import client from 'prom-client';
import type { Services } from '../context.js';
import { migrationsApplied } from '../db/migrate.js';

/** Prometheus metrics: request rate and latency by route, job queue depth, database pool. */
export function installMetrics(app: FastifyInstance, services: Services) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new client.Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, services.pool.totalCount);
      this.set({ state: 'idle' }, services.pool.idleCount);
      this.set({ state: 'waiting' }, services.pool.waitingCount);
    },
  });
  const depth = new client.Gauge({ name: 'job_queue_depth', help: 'Queued jobs by queue', labelNames: ['queue'], registers: [registry] });

  // Callback style, and one labelled child per method, route and status kept: observe() with a
  // label object hashes the labels on every request.
  const children = new Map<string, client.Histogram.Internal<'method' | 'route' | 'status'>>();
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${reply.statusCode} ${route}`;
    let child = children.get(key);
    if (!child) {
      child = duration.labels({ method: req.method, route, status: String(reply.statusCode) });
      // Routes are a fixed set; unmatched URLs share one label, so the map stays small.
      if (children.size < 5000) children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { logLevel: 'warn', schema: { hide: true } }, async (req, reply) => {
    // Route names, queue depths and pool sizes help an attacker time and aim a load; a 404 says
    // nothing about the endpoint to someone who may not read it.
    if (!mayReadMetrics(req, services.config.metrics)) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    for (const [queue, n] of Object.entries(await services.jobs.queueDepth().catch(() => ({})))) depth.set({ queue }, n);
    return reply.type(registry.contentType).send(await registry.metrics());
  });

  app.get('/healthz', { logLevel: 'warn', schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn', schema: { hide: true } }, async (_req, reply) => {
    try {
      await services.pool.query('SELECT 1');
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    }
    if (!(await migrationsApplied(services.pool))) return reply.code(503).send({ status: 'unavailable', migrations: 'pending' });
    return { status: 'ready' };
  });
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** A scraper on the same host (no proxy in between), or anyone showing METRICS_TOKEN. A request
 * relayed by a reverse proxy on the same host arrives from loopback too, so a forwarding header
 * means "from outside". */
export function mayReadMetrics(req: FastifyRequest, rule: { loopback: boolean; token: string | undefined }): boolean {
  const auth = req.headers.authorization;
  if (rule.token && auth?.startsWith('Bearer ')) {
    const given = crypto.createHash('sha256').update(auth.slice(7).trim()).digest();
    return crypto.timingSafeEqual(given, crypto.createHash('sha256').update(rule.token).digest());
  }
  if (!rule.loopback) return false;
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined;
  return !proxied && LOOPBACK.test(req.socket.remoteAddress ?? '');
}
