import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { notices } from './notices.schema.js';

export type Notice = typeof notices.$inferSelect;

// The public list is the hottest read of this module: a named prepared statement saves the
// query build in Node and the parse/plan in PostgreSQL on every call (measured in bench/).
const publishedCache = new WeakMap<Executor, ReturnType<typeof preparePublished>>();
function preparePublished(db: Executor) {
  return db
    .select()
    .from(notices)
    .where(eq(notices.status, 'published'))
    .orderBy(desc(notices.publishedAt))
    .limit(sql.placeholder('limit'))
    .prepare('notices_list_published');
}
export function listPublished(db: Executor, limit = 20) {
  let q = publishedCache.get(db);
  if (!q) {
    q = preparePublished(db);
    publishedCache.set(db, q);
  }
  return q.execute({ limit });
}

export const listAll = (db: Executor) => db.select().from(notices).orderBy(desc(notices.createdAt)).limit(200);

export async function findNotice(db: Executor, id: string): Promise<Notice | undefined> {
  return (await db.select().from(notices).where(eq(notices.id, id)))[0];
}

export async function insertNotice(db: Executor, values: { title: string; body: string; createdBy: string | null }) {
  return (await db.insert(notices).values(values).returning())[0]!;
}

/** Optimistic locking: the update applies only to the version the editor saw. */
export async function publishNotice(db: Executor, id: string, version: number) {
  return (
    await db
      .update(notices)
      .set({ status: 'published', publishedAt: new Date(), version: sql`${notices.version} + 1` })
      .where(and(eq(notices.id, id), eq(notices.version, version)))
      .returning()
  )[0];
}

export const countPublished = async (db: Executor) =>
  Number((await db.select({ n: sql<number>`count(*)::int` }).from(notices).where(eq(notices.status, 'published')))[0]?.n ?? 0);
