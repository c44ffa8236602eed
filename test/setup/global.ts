import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedDb } from '../../src/core/db/embedded.js';
import { runMigrations } from '../../src/core/db/migrate.js';
import { createPool } from '../../src/core/db/index.js';
import { drizzle } from 'drizzle-orm/node-postgres';
import { loadConfig } from '../../src/core/config.js';
import { seedPlatform } from '../../src/core/app.js';
import { CalendarService } from '../../src/core/calendar/calendar.service.js';
import { createFileStore } from '../../src/core/files/files.js';
import { discoverModules } from '../../src/core/module.js';
import type { Services } from '../../src/core/context.js';
import PgBoss from 'pg-boss';

/**
 * One migrated and seeded template database per run; each test file clones it
 * (CREATE DATABASE … TEMPLATE), so files run in parallel on real PostgreSQL. The machine's
 * server on 127.0.0.1:5432 is used when it answers (or DATABASE_URL when set), else an
 * embedded server in a temporary folder.
 */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let embedded: EmbeddedDb | undefined;
let adminUrl = '';
let template = '';
let tmpDir = '';

export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) adminUrl = process.env.DATABASE_URL;
  else if (await listening(5432)) adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  else {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-testpg-'));
    embedded = await startEmbedded(tmpDir, 54400 + Math.floor(Math.random() * 500), () => {});
    adminUrl = embedded.url;
    process.stderr.write('tests: no PostgreSQL on 127.0.0.1:5432, using an embedded server\n');
  }
  template = `vh_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Leftovers of earlier interrupted runs.
  // Leftovers of earlier interrupted runs: only those whose run (the pid in the name) is gone;
  // another run on this machine may be using its own databases right now.
  const old = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ '^vh_t(pl)?_[0-9]+_'`);
  for (const r of old.rows) {
    const pid = Number(/^vh_t(?:pl)?_(\d+)_/.exec(r.datname)?.[1]);
    if (pid && !alive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => {});
  }
  await admin.query(`CREATE DATABASE "${template}" ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();

  const url = withDb(adminUrl, template);
  const pool = createPool(url, 4);
  await runMigrations(pool);
  const config = { ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }), demo: true };
  const db = drizzle(pool);
  // The services module seeds may use; jobs are not started here (seeds queue no mail).
  // No node listens to the template's cluster bus: a seed that announces a change (e.g. devices)
  // needs a bus to call, not a connection.
  const bus = { nodeId: 'test-setup', connected: false, emit: async () => {}, on: () => () => {}, onConnect: () => () => {}, onDisconnect: () => () => {}, sync: async () => {} };
  const services = { config, db, pool, bus, calendar: new CalendarService(db as never), files: createFileStore({ ...config, dataDir: os.tmpdir() }) } as unknown as Services;
  await seedPlatform(services, await discoverModules());
  await pool.end();
  // pg-boss creates its schema on first start: do it once here, not in every cloned database.
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(PgBoss.getConstructionPlans('pgboss'));
  await c.end();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', template);
}

export async function teardown() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dbs = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [`vh_t_${process.pid}_%`, template]);
  for (const r of dbs.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  if (embedded) await embedded.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}

export function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}
