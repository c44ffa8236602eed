import { boolean, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Item access: everyone; readers on the library's network (reading-room address ranges); staff. */
export const ITEM_ACCESS = ['public', 'reading_room', 'restricted'] as const;
export type ItemAccess = (typeof ITEM_ACCESS)[number];
export const TEXT_SOURCES = ['none', 'imported', 'tesseract', 'demo'] as const;

/** A chapter of the book: a Presentation 3.0 Range over pages `from`..`to` (1-based, inclusive). */
export interface ItemRange {
  label: string;
  labelEn?: string;
  from: number;
  to: number;
}

/** One line of page text with its box in image pixels (for highlighting search hits). */
export interface TextLine {
  t: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export const libraryItems = pgTable('library_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  recordId: uuid('record_id').notNull(),
  label: text('label').notNull(),
  labelEn: text('label_en').notNull().default(''),
  access: text('access', { enum: ITEM_ACCESS }).notNull().default('public'),
  /** a rightsstatements.org or Creative Commons URI (Presentation 3.0 `rights`) */
  rights: text('rights').notNull().default('http://rightsstatements.org/vocab/InC-EDU/1.0/'),
  /** shown as `requiredStatement` ("Nguồn") */
  attribution: text('attribution').notNull().default(''),
  ranges: jsonb('ranges').$type<ItemRange[]>().notNull().default([]),
  pageCount: integer('page_count').notNull().default(0),
  isDemo: boolean('is_demo').notNull().default(false),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const libraryItemPages = pgTable(
  'library_item_pages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id').notNull(),
    seq: integer('seq').notNull(),
    imageId: uuid('image_id').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    label: text('label').notNull().default(''),
    text: text('text').notNull().default(''),
    textSource: text('text_source', { enum: TEXT_SOURCES }).notNull().default('none'),
    /** line boxes when known (demo pages, OCR); imported plain text has none */
    lines: jsonb('lines').$type<TextLine[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('library_item_pages_seq').on(t.itemId, t.seq)],
);

export const libraryReadingRooms = pgTable('library_reading_rooms', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  cidrs: text('cidrs').array().notNull().default([]),
  isDemo: boolean('is_demo').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
