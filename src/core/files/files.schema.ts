import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const storedFiles = pgTable('stored_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  storageKey: text('storage_key').notNull().unique(),
  originalName: text('original_name').notNull(),
  safeName: text('safe_name').notNull(),
  contentType: text('content_type').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
},
  // The daily upload quota sums an account's bytes since midnight (migration 0024).
  (t) => [index('stored_files_created_by_idx').on(t.createdBy, t.createdAt)],
);
