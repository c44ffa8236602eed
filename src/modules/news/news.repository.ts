import { and, asc, desc, eq, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { type ArticleStatus, articleAttachments, articleImages, articleRevisions, articles, articleSlugs, newsCategories } from './news.schema.js';

export type Article = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;
export type Category = typeof newsCategories.$inferSelect;
export type Revision = typeof articleRevisions.$inferSelect;
export type ArticleImage = typeof articleImages.$inferSelect;
export type ArticleAttachment = typeof articleAttachments.$inferSelect;
export type ArticleListItem = Pick<Article, 'id' | 'slug' | 'title' | 'summary' | 'publishedAt' | 'featured' | 'version' | 'categoryId'>;

const listColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  summary: articles.summary,
  publishedAt: articles.publishedAt,
  featured: articles.featured,
  version: articles.version,
  categoryId: articles.categoryId,
};

// ── categories ───────────────────────────────────────────────────────────────
export const listCategories = (db: Executor) => db.select().from(newsCategories).orderBy(asc(newsCategories.sort), asc(newsCategories.name));

export async function findCategory(db: Executor, id: string): Promise<Category | undefined> {
  return (await db.select().from(newsCategories).where(eq(newsCategories.id, id)))[0];
}

export async function findCategoryBySlug(db: Executor, slug: string): Promise<Category | undefined> {
  return (await db.select().from(newsCategories).where(eq(newsCategories.slug, slug)))[0];
}

export async function upsertCategories(db: Executor, rows: { slug: string; name: string; nameEn: string; sort: number }[]) {
  await db.insert(newsCategories).values(rows).onConflictDoNothing({ target: newsCategories.slug });
}

// ── public reads ─────────────────────────────────────────────────────────────
/** Published, newest first; `categoryId` narrows to one category. */
export async function listPublished(db: Executor, f: { categoryId?: string; limit: number; offset: number }): Promise<{ rows: ArticleListItem[]; total: number }> {
  const where = and(eq(articles.status, 'published'), f.categoryId ? eq(articles.categoryId, f.categoryId) : undefined);
  const rows = await db.select(listColumns).from(articles).where(where).orderBy(desc(articles.publishedAt), desc(articles.id)).limit(f.limit).offset(f.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(articles).where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

export async function findPublishedBySlug(db: Executor, slug: string): Promise<Article | undefined> {
  return (await db.select().from(articles).where(and(eq(articles.slug, slug), eq(articles.status, 'published'))))[0];
}

/** An old slug → the article's current slug, when that article is published. */
export async function findRedirect(db: Executor, slug: string): Promise<string | undefined> {
  const rows = await db
    .select({ slug: articles.slug })
    .from(articleSlugs)
    .innerJoin(articles, eq(articles.id, articleSlugs.articleId))
    .where(and(eq(articleSlugs.slug, slug), eq(articles.status, 'published')));
  return rows[0]?.slug;
}

export const listRelated = (db: Executor, a: Pick<Article, 'id' | 'categoryId'>, limit = 4) =>
  db
    .select(listColumns)
    .from(articles)
    .where(and(eq(articles.status, 'published'), eq(articles.categoryId, a.categoryId), ne(articles.id, a.id)))
    .orderBy(desc(articles.publishedAt))
    .limit(limit);

/** For the RSS feed: the newest published articles with their category names. */
export const listForFeed = (db: Executor, limit: number, categoryId?: string) =>
  db
    .select({ ...listColumns, categoryName: newsCategories.name })
    .from(articles)
    .innerJoin(newsCategories, eq(newsCategories.id, articles.categoryId))
    .where(and(eq(articles.status, 'published'), categoryId ? eq(articles.categoryId, categoryId) : undefined))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit);

/**
 * Site search over published news (for /tim-kiem): every word must appear in the title or
 * summary compared without diacritics; titles containing the query with its exact diacritics
 * rank first, then trigram similarity, then the newest.
 */
export async function searchPublished(db: Executor, query: string, limit = 20): Promise<ArticleListItem[]> {
  const q = query.normalize('NFC').trim().toLowerCase().slice(0, 200);
  const words = q.split(/\s+/).filter(Boolean).slice(0, 10);
  if (!words.length) return [];
  const where: SQL[] = [eq(articles.status, 'published')];
  for (const w of words) {
    const like = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(public.vh_unaccent(lower(${articles.title})) LIKE public.vh_unaccent(${like}) OR public.vh_unaccent(lower(${articles.summary})) LIKE public.vh_unaccent(${like}))`);
  }
  return db
    .select(listColumns)
    .from(articles)
    .where(and(...where))
    .orderBy(
      sql`(lower(${articles.title}) LIKE ${`%${q}%`}) DESC`,
      sql`similarity(public.vh_unaccent(lower(${articles.title})), public.vh_unaccent(${q})) DESC`,
      desc(articles.publishedAt),
    )
    .limit(Math.min(limit, 100));
}

// ── staff reads ──────────────────────────────────────────────────────────────
export const listForStaff = (db: Executor, status?: ArticleStatus) =>
  db
    .select({ ...listColumns, status: articles.status, publishAt: articles.publishAt, updatedAt: articles.updatedAt, categoryName: newsCategories.name })
    .from(articles)
    .innerJoin(newsCategories, eq(newsCategories.id, articles.categoryId))
    .where(status ? eq(articles.status, status) : undefined)
    .orderBy(desc(articles.updatedAt))
    .limit(300);

export async function findArticle(db: Executor, id: string): Promise<Article | undefined> {
  return (await db.select().from(articles).where(eq(articles.id, id)))[0];
}

export const listRevisions = (db: Executor, articleId: string) =>
  db.select().from(articleRevisions).where(eq(articleRevisions.articleId, articleId)).orderBy(desc(articleRevisions.version));

export async function findRevision(db: Executor, articleId: string, revisionId: string): Promise<Revision | undefined> {
  return (await db.select().from(articleRevisions).where(and(eq(articleRevisions.id, revisionId), eq(articleRevisions.articleId, articleId))))[0];
}

// ── writes ───────────────────────────────────────────────────────────────────
/** Serialises slug allocation: two editors saving "Hội nghị …" at once must not both get the same slug. */
export async function lockSlugs(tx: Executor) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7316050)`);
}

/** Every slug (current or old) equal to base or base-N: the taken set for firstFreeSlug. */
export async function takenSlugs(db: Executor, base: string): Promise<Set<string>> {
  const pattern = `^${base.replace(/[^a-z0-9-]/g, '')}(-[0-9]+)?$`;
  const cur = await db.select({ s: articles.slug }).from(articles).where(sql`${articles.slug} ~ ${pattern}`);
  const old = await db.select({ s: articleSlugs.slug }).from(articleSlugs).where(sql`${articleSlugs.slug} ~ ${pattern}`);
  return new Set([...cur, ...old].map((r) => r.s));
}

/** Who holds a slug now: an article (current slug) or an old-slug row. */
export async function slugOwner(db: Executor, slug: string): Promise<string | undefined> {
  const cur = await db.select({ id: articles.id }).from(articles).where(eq(articles.slug, slug));
  if (cur[0]) return cur[0].id;
  const old = await db.select({ id: articleSlugs.articleId }).from(articleSlugs).where(eq(articleSlugs.slug, slug));
  return old[0]?.id;
}

export async function keepOldSlug(tx: Executor, articleId: string, oldSlug: string, newSlug: string) {
  // Going back to an earlier slug: it becomes current again, so it is no longer a redirect.
  await tx.delete(articleSlugs).where(and(eq(articleSlugs.slug, newSlug), eq(articleSlugs.articleId, articleId)));
  await tx.insert(articleSlugs).values({ slug: oldSlug, articleId }).onConflictDoNothing();
}

export async function insertArticle(tx: Executor, values: NewArticle): Promise<Article> {
  return (await tx.insert(articles).values(values).returning())[0]!;
}

/** Optimistic locking: applies only to the version the user saw; bumps the version. */
export async function updateArticleVersioned(tx: Executor, id: string, version: number, set: Partial<NewArticle>): Promise<Article | undefined> {
  return (
    await tx
      .update(articles)
      .set({ ...set, updatedAt: new Date(), version: sql`${articles.version} + 1` })
      .where(and(eq(articles.id, id), eq(articles.version, version)))
      .returning()
  )[0];
}

export async function insertRevision(tx: Executor, a: Article, createdBy: string | null) {
  await tx.insert(articleRevisions).values({ articleId: a.id, version: a.version, title: a.title, summary: a.summary, bodyMarkdown: a.bodyMarkdown, createdBy });
}

/** Scheduled articles due at `now`, locked so two scheduler runs cannot publish one twice. */
export async function lockDueScheduled(tx: Executor, now: Date): Promise<Article[]> {
  return tx
    .select()
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.publishAt, now)))
    .orderBy(asc(articles.publishAt))
    .limit(500)
    .for('update', { skipLocked: true });
}

/** Publishes one due article; a re-publication keeps its first publication time. */
export async function markScheduledPublished(tx: Executor, a: Article, at: Date): Promise<Article> {
  return (
    await tx
      .update(articles)
      .set({ status: 'published', publishedAt: a.publishedAt ?? at, updatedAt: new Date(), version: sql`${articles.version} + 1` })
      .where(eq(articles.id, a.id))
      .returning()
  )[0]!;
}

export const countPublished = async (db: Executor) =>
  Number((await db.select({ n: sql<number>`count(*)::int` }).from(articles).where(eq(articles.status, 'published')))[0]?.n ?? 0);

export const countArticles = async (db: Executor) => Number((await db.select({ n: sql<number>`count(*)::int` }).from(articles))[0]?.n ?? 0);

// ── images and attachments ───────────────────────────────────────────────────
export async function insertImage(tx: Executor, values: typeof articleImages.$inferInsert): Promise<ArticleImage> {
  return (await tx.insert(articleImages).values(values).returning())[0]!;
}

export async function findImage(db: Executor, id: string): Promise<ArticleImage | undefined> {
  return (await db.select().from(articleImages).where(eq(articleImages.id, id)))[0];
}

export async function findImages(db: Executor, ids: string[]): Promise<ArticleImage[]> {
  if (!ids.length) return [];
  return db.select().from(articleImages).where(inArray(articleImages.id, ids));
}

export const listImages = (db: Executor, articleId: string) =>
  db.select().from(articleImages).where(eq(articleImages.articleId, articleId)).orderBy(asc(articleImages.createdAt));

export async function insertAttachment(tx: Executor, values: typeof articleAttachments.$inferInsert): Promise<ArticleAttachment> {
  return (await tx.insert(articleAttachments).values(values).returning())[0]!;
}

export const listAttachments = (db: Executor, articleId: string) =>
  db.select().from(articleAttachments).where(eq(articleAttachments.articleId, articleId)).orderBy(asc(articleAttachments.createdAt));

/** An image with the status of its article: published images are public, the others are not. */
export async function findImageWithStatus(db: Executor, id: string): Promise<{ image: ArticleImage; articleStatus: string } | undefined> {
  const rows = await db
    .select({ image: articleImages, articleStatus: articles.status })
    .from(articleImages)
    .innerJoin(articles, eq(articles.id, articleImages.articleId))
    .where(eq(articleImages.id, id));
  return rows[0];
}

/** An attachment with the status of its article (published: anyone; otherwise the newsroom). */
export async function findAttachmentWithStatus(db: Executor, id: string): Promise<{ attachment: ArticleAttachment; articleStatus: string } | undefined> {
  const rows = await db
    .select({ attachment: articleAttachments, articleStatus: articles.status })
    .from(articleAttachments)
    .innerJoin(articles, eq(articles.id, articleAttachments.articleId))
    .where(eq(articleAttachments.id, id));
  return rows[0];
}

/** An attachment readers may download: its article is published. */
export async function findPublicAttachment(db: Executor, id: string): Promise<ArticleAttachment | undefined> {
  const rows = await db
    .select({ a: articleAttachments })
    .from(articleAttachments)
    .innerJoin(articles, eq(articles.id, articleAttachments.articleId))
    .where(and(eq(articleAttachments.id, id), eq(articles.status, 'published')));
  return rows[0]?.a;
}

export async function findAttachment(db: Executor, articleId: string, id: string): Promise<ArticleAttachment | undefined> {
  return (await db.select().from(articleAttachments).where(and(eq(articleAttachments.id, id), eq(articleAttachments.articleId, articleId))))[0];
}

export async function deleteAttachment(tx: Executor, articleId: string, id: string): Promise<ArticleAttachment | undefined> {
  return (await tx.delete(articleAttachments).where(and(eq(articleAttachments.id, id), eq(articleAttachments.articleId, articleId))).returning())[0];
}

/** A change that is not a text revision (an attachment) still changes the public page: the
 * version bump invalidates its ETag and cached HTML. */
export async function bumpVersion(tx: Executor, id: string): Promise<void> {
  await tx.update(articles).set({ version: sql`${articles.version} + 1`, updatedAt: new Date() }).where(eq(articles.id, id));
}

/** The published slugs with their last change, for the sitemap. */
export const listPublishedForSitemap = (db: Executor) =>
  db
    .select({ slug: articles.slug, updatedAt: articles.updatedAt })
    .from(articles)
    .where(eq(articles.status, 'published'))
    .orderBy(desc(articles.publishedAt))
    .limit(5000);
