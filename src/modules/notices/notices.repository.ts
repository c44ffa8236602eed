import { and, desc, eq, gt, gte, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { type NoticeKind, notices, pageRatings } from './notices.schema.js';

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

export async function insertNotice(
  db: Executor,
  values: { title: string; body: string; kind?: NoticeKind; startsAt?: Date | null; endsAt?: Date | null; createdBy: string | null },
) {
  return (await db.insert(notices).values(values).returning())[0]!;
}

/** Optimistic locking: the update applies only to the version the editor saw. */
export async function publishNotice(db: Executor, id: string, version: number, at: Date = new Date()) {
  return (
    await db
      .update(notices)
      .set({ status: 'published', publishedAt: at, version: sql`${notices.version} + 1` })
      .where(and(eq(notices.id, id), eq(notices.version, version)))
      .returning()
  )[0];
}

export async function endNotice(db: Executor, id: string, version: number, at: Date) {
  return (
    await db
      .update(notices)
      .set({ endsAt: at, version: sql`${notices.version} + 1` })
      .where(and(eq(notices.id, id), eq(notices.version, version)))
      .returning()
  )[0];
}

/** Published downtime and emergency notices not yet over: what the site-wide banner shows. */
export const listBannerNotices = (db: Executor, now: Date) =>
  db
    .select()
    .from(notices)
    .where(
      and(
        eq(notices.status, 'published'),
        inArray(notices.kind, ['downtime', 'emergency']),
        or(isNull(notices.endsAt), gt(notices.endsAt, now)),
      ),
    )
    .orderBy(desc(notices.kind), notices.startsAt)
    .limit(5);

export const countPublished = async (db: Executor) =>
  Number((await db.select({ n: sql<number>`count(*)::int` }).from(notices).where(eq(notices.status, 'published')))[0]?.n ?? 0);

// ── page ratings ─────────────────────────────────────────────────────────────
export async function insertRating(db: Executor, values: { path: string; satisfied: boolean; comment: string | null }) {
  await db.insert(pageRatings).values(values);
}

export interface RatingRow {
  path: string;
  total: number;
  satisfied: number;
  comments: number;
}

/** Per page since `since`: how many answered, how many said yes, how many left a comment. */
export async function ratingSummary(db: Executor, since: Date): Promise<RatingRow[]> {
  const rows = await db
    .select({
      path: pageRatings.path,
      total: sql<number>`count(*)::int`,
      satisfied: sql<number>`count(*) FILTER (WHERE ${pageRatings.satisfied})::int`,
      comments: sql<number>`count(${pageRatings.comment})::int`,
    })
    .from(pageRatings)
    .where(gte(pageRatings.createdAt, since))
    .groupBy(pageRatings.path)
    .orderBy(sql`count(*) DESC`, pageRatings.path)
    .limit(200);
  return rows.map((r) => ({ ...r, total: Number(r.total), satisfied: Number(r.satisfied), comments: Number(r.comments) }));
}

export const recentComments = (db: Executor, since: Date, limit = 50) =>
  db
    .select({ path: pageRatings.path, satisfied: pageRatings.satisfied, comment: pageRatings.comment, createdAt: pageRatings.createdAt })
    .from(pageRatings)
    .where(and(gte(pageRatings.createdAt, since), isNotNull(pageRatings.comment)))
    .orderBy(desc(pageRatings.createdAt))
    .limit(limit);
