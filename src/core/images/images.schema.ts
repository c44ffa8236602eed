import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A master image of any module (relic photos, artefacts, library scans, panoramas). The owner
 * module decides who may see it through the access callback it registers (images.ts). */
export const images = pgTable(
  'images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    owner: text('owner').notNull(),
    ownerId: text('owner_id').notNull(),
    fileId: uuid('file_id').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    format: text('format').notNull(),
    alt: text('alt').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('images_owner_idx').on(t.owner, t.ownerId)],
);
