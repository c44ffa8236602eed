import { asc, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { articles, type ArticleStatus } from './news.schema.js';

/** The articles in some states, oldest change first (what has waited longest), with their count. */
export async function articlesWaiting(db: Executor, statuses: ArticleStatus[], limit = 10) {
  const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(articles).where(inArray(articles.status, statuses));
  const rows = await db
    .select({ id: articles.id, title: articles.title, status: articles.status })
    .from(articles)
    .where(inArray(articles.status, statuses))
    .orderBy(asc(articles.updatedAt))
    .limit(limit);
  return { count: counted?.n ?? 0, rows };
}
