import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Thông báo: short public announcements (e.g. planned downtime, which Decree 42/2022 wants
 * announced at least 7 working days ahead). The example module: small, complete, the shape. */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('notices_status_idx').on(t.status, t.publishedAt)],
);
