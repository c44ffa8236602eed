import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import mqtt from 'mqtt';
import { freePort } from '../helpers/net.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTestDatabase } from '../helpers/db.js';
import { deriveKey } from '../../src/modules/devices/devices.keys.js';
import { simulate, type SimulateResult } from '../../src/modules/devices/devices.simulate.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MOSQUITTO = 'mqtt://127.0.0.1:1883';

/**
 * Issue 11, "Done when": 20 cameras send counts over the embedded broker, the machine's Mosquitto
 * and HTTP; the server is killed with SIGKILL in the middle and started again; the cameras resend
 * what was not acknowledged, and the day's totals equal what the cameras sent, to the visitor.
 */
describe('devices: 20 cameras, MQTT (embedded and Mosquitto) and HTTP, kill -9 in the middle', () => {
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let server: ChildProcess | undefined;
  let pool: pg.Pool;
  const run = crypto.randomBytes(3).toString('hex');
  const secret = `bi-mat-${run}-0123456789`;
  const ids = Array.from({ length: 20 }, (_, i) => `t${run}-${String(i + 1).padStart(2, '0')}`);
  const clientId = `vanhien-test-${run}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-devices-'));
  let port = 0;
  let mqttPort = 0;
  let log = '';

  async function start() {
    log = '';
    server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        VANHIEN_DATA_DIR: dataDir,
        VANHIEN_DEMO: 'false',
        VANHIEN_WORKER: 'false',
        LOG_LEVEL: 'warn',
        VANHIEN_MQTT_PORT: String(mqttPort),
        MQTT_URL: MOSQUITTO,
        VANHIEN_MQTT_CLIENT_ID: clientId,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    server.stderr!.on('data', (d) => (log += d));
    const end = Date.now() + 150_000;
    while (!(log.includes('Văn Hiến ready') && log.includes('MQTT broker (embedded)') && log.includes(`as ${clientId}`))) {
      if (Date.now() > end || server.exitCode !== null) throw new Error(`server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    db = await cloneTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    await pool.query(`INSERT INTO devices (id, facility_code, entrance, key) SELECT unnest($1::text[]), 'bao-tang-tinh', 'Cổng thử', $2`, [ids, deriveKey(secret)]);
    port = await freePort();
    mqttPort = await freePort();
  }, 30_000);

  afterAll(async () => {
    server?.kill('SIGKILL');
    await pool?.end();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    // Mosquitto keeps persistent sessions: end this run's so the shared broker holds nothing of it.
    for (const id of [clientId, ...ids.slice(7, 14)]) {
      const c = await mqtt.connectAsync(MOSQUITTO, { clientId: id, clean: true }).catch(() => undefined);
      await c?.endAsync().catch(() => {});
    }
  });

  it('loses nothing acknowledged and counts nothing twice', async () => {
    const t0 = Date.now();
    const step = (m: string) => process.env.DEVICES_TEST_DEBUG && process.stderr.write(`[${Date.now() - t0} ms] ${m}\n`);
    await start();
    step('started')
    const base = Math.floor(Date.now() / 1000) * 1000 - 600_000;
    const common = { secret, durationS: 10, seconds: 1, baseMs: base, settleMs: 60_000 };
    const runs = Promise.all([
      simulate({ ...common, ids: ids.slice(0, 7), rate: 70, mqttUrl: `mqtt://127.0.0.1:${mqttPort}` }),
      simulate({ ...common, ids: ids.slice(7, 14), rate: 35, mqttUrl: MOSQUITTO }),
      simulate({ ...common, ids: ids.slice(14), rate: 60, httpUrl: `http://127.0.0.1:${port}`, batch: 20 }),
    ]);
    await new Promise((r) => setTimeout(r, 4000));
    const before = (await pool.query(`SELECT count(*)::int AS n FROM device_counts`)).rows[0].n;
    server!.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    step('killed');
    await start();
    step('restarted');
    const results: SimulateResult[] = await runs;
    step(`sent ${JSON.stringify(results.map(({ perDevice, ...r }) => r))}`);
    const sent = { intervals: 0, entries: 0, exits: 0 };
    const perDevice: Record<string, { intervals: number; entries: number; exits: number }> = {};
    for (const r of results) {
      expect(r.refused).toBe(0);
      expect(r.acknowledged).toBe(r.intervals);
      sent.intervals += r.intervals;
      sent.entries += r.entries;
      sent.exits += r.exits;
      Object.assign(perDevice, r.perDevice);
    }
    // Mosquitto delivers what it queued for the platform's session once it reconnected.
    const end = Date.now() + 30_000;
    let stored = { intervals: 0, entries: 0, exits: 0 };
    while (Date.now() < end) {
      const { rows } = await pool.query(`SELECT count(*)::int AS intervals, coalesce(sum(entries), 0)::int AS entries, coalesce(sum(exits), 0)::int AS exits FROM device_counts`);
      stored = rows[0];
      if (stored.intervals >= sent.intervals) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    step(`stored ${JSON.stringify(stored)}`);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(sent.intervals);
    expect(stored).toEqual(sent);
    // The day's totals (hourly sums, per Vietnam day) agree with the raw intervals, camera by camera.
    const daily = await pool.query(
      `SELECT device_id, sum(entries)::int AS entries, sum(exits)::int AS exits FROM device_hourly GROUP BY device_id`,
    );
    const byDevice = Object.fromEntries(daily.rows.map((r) => [r.device_id, { entries: r.entries, exits: r.exits }]));
    for (const id of ids) expect(byDevice[id], id).toEqual({ entries: perDevice[id]!.entries, exits: perDevice[id]!.exits });
    const total = await pool.query(
      `SELECT sum(entries)::int AS n FROM device_hourly GROUP BY (hour_start AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`,
    );
    expect(total.rows.reduce((a, r) => a + r.n, 0)).toBe(sent.entries);
  // ≈ 60 s with an idle machine (two tsx cold starts); the budget allows for a loaded one.
  }, 300_000);
});
