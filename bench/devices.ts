/**
 * `node --import tsx bench/devices.ts` (issue 11, "Figures"):
 * 1. HTTP count ingestion, batches of 100 intervals: target ≥ 20,000 intervals/s; and single-interval
 *    posts against a bare Fastify route (JSON in, JSON out, no database) in the same process: the ratio;
 * 2. MQTT through the embedded broker: 20 simulated cameras at 6,000 messages/s; target ≥ 5,000
 *    messages/s sustained, with every message counted once (stored rows and sums = what was sent).
 * Uses the machine PostgreSQL with a scratch database dropped at the end. BENCH_QUICK=1: short runs.
 * The load generators share this process and the machine (noted in the output).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { openPlatform, startServer } from '../src/core/app.js';
import { loadConfig } from '../src/core/config.js';
import { deriveKey } from '../src/modules/devices/devices.keys.js';
import { simulate } from '../src/modules/devices/devices.simulate.js';
import { freePort } from '../test/helpers/net.js';

const QUICK = process.env.BENCH_QUICK === '1';
const DURATION = QUICK ? 3 : 10;
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'bench-device-secret-0123456789';
type Result = { requests: { mean: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<Result>;


const name = `vh_bench_devices_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = ADMIN.replace(/\/postgres$/, `/${name}`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-bench-devices-'));
let failed = false;
try {
  const mqttPort = await freePort();
  const config = loadConfig({ DATABASE_URL: url, VANHIEN_DATA_DIR: dataDir, VANHIEN_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test', VANHIEN_MQTT_PORT: String(mqttPort) });
  const platform = await openPlatform({ config, quiet: true });
  const app = await startServer(platform, { worker: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
  const pool = platform.services.pool;
  const httpIds = Array.from({ length: 20 }, (_, i) => `http-${String(i + 1).padStart(2, '0')}`);
  const mqttIds = Array.from({ length: 20 }, (_, i) => `mqtt-${String(i + 1).padStart(2, '0')}`);
  await pool.query(`INSERT INTO devices (id, facility_code, entrance, key) SELECT unnest($1::text[]), 'bao-tang-tinh', 'Bench', $2`, [[...httpIds, ...mqttIds], deriveKey(SECRET)]);
  await new Promise((r) => setTimeout(r, 1500)); // the embedded broker starts once the ingestion lock is taken

  // Every request carries new intervals (a resend would take the cheaper duplicate path).
  const t0 = Date.now() - 30 * 86_400_000;
  const next = new Map<string, number>();
  const body = (id: string, n: number) => {
    const i0 = next.get(id) ?? 0;
    next.set(id, i0 + n);
    return JSON.stringify({
      intervals: Array.from({ length: n }, (_, k) => ({ seq: i0 + k, start: new Date(t0 + (i0 + k) * 1000).toISOString(), seconds: 1, entries: (i0 + k) % 5, exits: (i0 + k) % 3, deviceTime: new Date().toISOString() })),
    });
  };
  let rr = 0;
  const ingest = (n: number) =>
    autocannon({
      url: base,
      connections: 20,
      duration: DURATION,
      requests: [
        {
          method: 'POST',
          setupRequest: (req: Record<string, unknown>) => {
            const id = httpIds[rr++ % httpIds.length]!;
            return { ...req, path: `/api/v1/devices/${id}/counts`, headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` }, body: body(id, n) };
          },
        },
      ],
    });
  const batched = await ingest(100);
  const single = await ingest(1);
  const bare = Fastify({ logger: false });
  bare.post('/bare', async (req) => ({ accepted: Array.isArray((req.body as { intervals?: unknown[] })?.intervals) ? 1 : 0, duplicates: 0 }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareRes = await autocannon({
    url: `http://127.0.0.1:${(bare.server.address() as net.AddressInfo).port}/bare`,
    connections: 20,
    duration: DURATION,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body('bare', 1),
  });
  await bare.close();
  const stored = (await pool.query(`SELECT count(*)::int AS n FROM device_counts WHERE via = 'http'`)).rows[0].n;
  const intervalsPerS = batched.requests.mean * 100;
  const ratio = single.requests.mean / bareRes.requests.mean;
  console.log(`\nHTTP ingestion (20 connections, ${DURATION} s each; load generator in this process)`);
  console.log(`| measure | value | target | verdict |\n|---|---|---|---|`);
  console.log(`| batches of 100: intervals/s | ${Math.round(intervalsPerS).toLocaleString('en')} (p99 ${batched.latency.p99} ms, non-2xx ${batched.non2xx}) | ≥ 20,000 | ${intervalsPerS >= 20_000 && batched.non2xx === 0 ? 'MET' : 'NOT MET'} |`);
  console.log(`| single posts: req/s vs bare route | ${Math.round(single.requests.mean)} vs ${Math.round(bareRes.requests.mean)} = ${ratio.toFixed(2)} × bare (p99 ${single.latency.p99} ms) | reported | — |`);
  console.log(`(stored over HTTP: ${stored.toLocaleString('en')} intervals)`);

  // MQTT through the embedded broker.
  const rate = 6000;
  const sim = await simulate({ ids: mqttIds, secret: SECRET, rate, durationS: DURATION, mqttUrl: `mqtt://127.0.0.1:${mqttPort}`, seconds: 1, settleMs: 60_000 });
  const end = Date.now() + 10_000;
  let db = { n: 0, entries: 0, exits: 0 };
  while (Date.now() < end) {
    db = (await pool.query(`SELECT count(*)::int AS n, coalesce(sum(entries),0)::int AS entries, coalesce(sum(exits),0)::int AS exits FROM device_counts WHERE via = 'mqtt'`)).rows[0];
    if (db.n >= sim.intervals) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const hourly = (await pool.query(`SELECT coalesce(sum(entries),0)::int AS entries FROM device_hourly WHERE device_id LIKE 'mqtt-%'`)).rows[0].entries;
  const perS = sim.acknowledged / (sim.elapsedMs / 1000);
  const exact = db.n === sim.intervals && db.entries === sim.entries && db.exits === sim.exits && hourly === sim.entries && sim.acknowledged === sim.intervals;
  console.log(`\nMQTT, embedded broker, 20 cameras, QoS 1, offered ${rate}/s for ${DURATION} s (cameras in this process)`);
  console.log(`| measure | value | target | verdict |\n|---|---|---|---|`);
  console.log(`| acknowledged messages/s (sent ${sim.intervals}, acked ${sim.acknowledged}, ${sim.elapsedMs} ms) | ${Math.round(perS).toLocaleString('en')} | ≥ 5,000 | ${perS >= 5000 ? 'MET' : 'NOT MET'} |`);
  console.log(`| lost / double-counted (rows ${db.n}, entries ${db.entries} vs ${sim.entries}, exits ${db.exits} vs ${sim.exits}, hourly ${hourly}) | ${sim.intervals - db.n} / ${Math.max(0, db.entries - sim.entries)} | 0 / 0 | ${exact ? 'MET' : 'NOT MET'} |`);
  await platform.close();
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
