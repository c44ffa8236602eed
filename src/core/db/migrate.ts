import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

/** drizzle/ sits at the package root, beside src/ and dist/. */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/** Applies pending migrations. Several app nodes may start at once: the first takes a
 * session-level advisory lock and applies, the others wait and then find nothing to do. */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7316001)');
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR, migrationsSchema: 'drizzle' });
  } finally {
    await client.query('SELECT pg_advisory_unlock(7316001)').catch(() => {});
    client.release();
  }
}

let expected: number | undefined;

/** Migrations shipped with this build (read once: /readyz asks on every probe). */
export function expectedMigrationCount(): number {
  if (expected !== undefined) return expected;
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  expected = journal.entries.length;
  return expected;
}

export async function migrationsApplied(pool: pg.Pool): Promise<boolean> {
  try {
    const res = await pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    return Number(res.rows[0].n) >= expectedMigrationCount();
  } catch {
    return false;
  }
}
