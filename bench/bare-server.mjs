// The ceiling and the floor of bench/dossiers.ts, in their own process like the platform:
// `/` a bare Fastify route; `/db?code=…` the same route plus one raw prepared query on the bench
// database (DATABASE_URL) — the most any database read can reach on this machine.
import Fastify from 'fastify';
import pg from 'pg';

const pool = process.env.DATABASE_URL ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) : undefined;
const app = Fastify({ logger: false });
app.get('/', async () => ({ ok: true }));
// BENCH_SAME_DIR: pages' own bytes (a file per name; "-br" ones are brotli), sent from memory.
if (process.env.BENCH_SAME_DIR) {
  const fs = await import('node:fs');
  const path = await import('node:path');
  for (const name of fs.readdirSync(process.env.BENCH_SAME_DIR)) {
    const body = fs.readFileSync(path.join(process.env.BENCH_SAME_DIR, name));
    app.get(`/same/${name}`, (_req, reply) => {
      if (name.endsWith('-br')) reply.header('content-encoding', 'br');
      reply.type('text/html; charset=utf-8').send(body);
    });
  }
}
if (pool) {
  app.get('/db', async (req) => {
    const r = await pool.query({ name: 'bench_floor', text: 'SELECT code, status, submitted_at FROM dossiers WHERE code = $1', values: [String(req.query.code ?? '')] });
    return { items: r.rows };
  });
  // The platform's own lookup statement (events and all) behind the same bare route: what the
  // status lookup's database work costs without any platform code around it.
  const { lookupByCode } = await import('../dist/modules/dossiers/dossiers.repository.js');
  app.get('/lookup', async (req) => (await lookupByCode(pool, String(req.query.code ?? ''))) ?? {});
}
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`PORT ${app.server.address().port}\n`);
process.on('SIGTERM', () =>
  app
    .close()
    .then(() => pool?.end())
    .then(() => process.exit(0)),
);
