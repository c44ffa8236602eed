import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const NOTICE_KINDS = ['general', 'downtime', 'emergency'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Thông báo: short public announcements. A `downtime` notice announces planned maintenance,
 * which Decree 42/2022 (Art. 10; Decree 224/2026 keeps it) wants published at least 7 working
 * days ahead with the expected recovery time (`ends_at`); an `emergency` notice is a banner
 * shown at once until it is ended. Both show site-wide while `ends_at` is in the future. */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull().default('general'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('notices_status_idx').on(t.status, t.publishedAt), index('notices_banner_idx').on(t.kind, t.status, t.endsAt)],
);

/**
 * "Bạn có hài lòng với trang này?": anonymous by design (domain.md §2: the rating must keep the
 * rater confidential). No IP, no user, no session: only the page, the answer, an optional
 * comment and the time.
 */
export const pageRatings = pgTable(
  'page_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    path: text('path').notNull(),
    satisfied: boolean('satisfied').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('page_ratings_path_idx').on(t.path, t.createdAt), index('page_ratings_created_idx').on(t.createdAt)],
);
