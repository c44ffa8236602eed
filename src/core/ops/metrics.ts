import type { FastifyInstance } from 'fastify';
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

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    duration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { logLevel: 'warn', schema: { hide: true } }, async (_req, reply) => {
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
