import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Chuyên mục tin: a short, stable list (Văn hóa, Thể thao …); the slug is the public URL part. */
export const newsCategories = pgTable('news_categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull().default(0),
});

export const ARTICLE_STATUSES = ['draft', 'submitted', 'approved', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/**
 * Tin bài of the department portal. The editor writes Markdown; `body_html` is the sanitised
 * rendering, cached so the hot public page never runs the Markdown parser or the sanitiser.
 * `version` is bumped by every change (optimistic locking: two editors cannot overwrite each other).
 */
export const articles = pgTable(
  'articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => newsCategories.id),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    bodyMarkdown: text('body_markdown').notNull(),
    bodyHtml: text('body_html').notNull(),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    authorLine: text('author_line').notNull().default(''),
    sourceLine: text('source_line').notNull().default(''),
    tags: text('tags').array().notNull().default([]),
    featured: boolean('featured').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // The public list, the category pages and the RSS feed all read "published, newest first".
    index('articles_status_published_idx').on(t.status, t.publishedAt),
    index('articles_category_idx').on(t.categoryId, t.status, t.publishedAt),
    // The scheduler asks every minute for scheduled articles that are due.
    index('articles_publish_at_idx').on(t.status, t.publishAt),
  ],
);

/** A content snapshot per save: what the diff view compares and what "restore" copies back. */
export const articleRevisions = pgTable(
  'article_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    bodyMarkdown: text('body_markdown').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('article_revisions_article_version_idx').on(t.articleId, t.version)],
);

/** Old slugs: links already shared keep working (301 to the current slug) after an editor
 * changes the slug on purpose. A slug is never reused by another article. */
export const articleSlugs = pgTable(
  'article_slugs',
  {
    slug: text('slug').notNull(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.slug] }), index('article_slugs_article_idx').on(t.articleId)],
);

/**
 * An uploaded article image: the original is kept (a later resize policy can be re-run from it)
 * and `variants` lists the resized copies, each its own stored file. Alt text is part of the
 * image, not of each use: WCAG 1.1.1 needs it, and the editor writes it once at upload.
 */
export const articleImages = pgTable(
  'article_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    originalFileId: uuid('original_file_id').notNull(),
    alt: text('alt').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** [{ width, height, format: 'webp' | 'jpeg', fileId, bytes }] */
    variants: jsonb('variants').$type<ImageVariant[]>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('article_images_article_idx').on(t.articleId)],
);

export interface ImageVariant {
  width: number;
  height: number;
  format: 'webp' | 'jpeg';
  fileId: string;
  bytes: number;
}

/** Files attached to an article (the plan in PDF, the form in DOCX …), listed under its text. */
export const articleAttachments = pgTable(
  'article_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    storedFileId: uuid('stored_file_id').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('article_attachments_article_idx').on(t.articleId)],
);
