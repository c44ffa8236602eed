import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { startEmbedded, type EmbeddedDb } from './embedded.js';
import type { Config } from '../config.js';

export type Db = NodePgDatabase<Record<string, never>>;
/** Anything that can run a query: the pool-backed database or an open transaction. */
export type Executor = Db;
export type Tx = Db & { readonly client: pg.PoolClient };

/**
 * Runs `fn` in one transaction on one connection. The transaction is a Drizzle database bound
 * to that connection and also exposes the raw client, so pg-boss can enqueue a job in the
 * same transaction as the change that caused it.
 */
export async function transaction<T>(pool: pg.Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const tx = Object.assign(drizzle(client) as Db, { client }) as Tx;
    const result = await fn(tx);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  embedded: EmbeddedDb | undefined;
  close(): Promise<void>;
}

// DATE columns come back as 'YYYY-MM-DD' strings: a calendar day has no time zone.
pg.types.setTypeParser(1082, (v) => v);
// BIGINT counts fit in a double for this platform's sizes (audit ids, sequences).
pg.types.setTypeParser(20, (v) => Number(v));

export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'vanhien' });
  pool.on('error', (err) => process.stderr.write(`pg pool error: ${err.message}\n`));
  return pool;
}

export async function openDatabase(config: Config, log: (m: string) => void): Promise<Database> {
  let embedded: EmbeddedDb | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbedded(config.dataDir, config.embeddedPgPort, log);
    url = embedded.url;
    await ensureDatabase(url, 'vanhien');
    url = url.replace(/\/postgres$/, '/vanhien');
  }
  const pool = createPool(url);
  const db = drizzle(pool) as Db;
  return {
    db,
    pool,
    url,
    embedded,
    async close() {
      await pool.end();
      if (embedded) await embedded.stop();
    },
  };
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}
