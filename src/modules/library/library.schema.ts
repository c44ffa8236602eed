import { boolean, customType, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Who may see a collection's records: everyone, readers in the reading room (IP ranges), staff. */
export const ACCESS_LEVELS = ['public', 'reading_room', 'restricted'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const AUTHORITY_KINDS = ['person', 'subject', 'place', 'topic'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

/** MARC21 in JSON: leader, control fields (001–009) and data fields with indicators and subfields,
 * all strings NFC (Vietnamese exports often come decomposed). */
export interface MarcSubfield {
  code: string;
  value: string;
}
export interface MarcField {
  tag: string;
  /** control fields (00X) carry a value, data fields carry indicators and subfields */
  value?: string;
  ind1?: string;
  ind2?: string;
  subfields?: MarcSubfield[];
}
export interface MarcRecord {
  leader: string;
  fields: MarcField[];
}

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const libraryCollections = pgTable('library_collections', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  description: text('description').notNull().default(''),
  access: text('access', { enum: ACCESS_LEVELS }).notNull().default('public'),
  /** the local-records (địa chí) collection: browsed by place and topic */
  isDiaChi: boolean('is_dia_chi').notNull().default(false),
  sort: integer('sort').notNull().default(100),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const libraryRecords = pgTable(
  'library_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectionId: uuid('collection_id').notNull(),
    marc: jsonb('marc').$type<MarcRecord>().notNull(),
    /** 001 of the record as received (imports) or given here */
    controlNumber: text('control_number'),
    title: text('title').notNull(),
    authors: text('authors').array().notNull().default([]),
    year: integer('year'),
    publisher: text('publisher').notNull().default(''),
    isbn: text('isbn'),
    issn: text('issn'),
    subjects: text('subjects').array().notNull().default([]),
    /** place headings (651/$z) as written; placeCodes are the admin units they resolve to */
    places: text('places').array().notNull().default([]),
    placeCodes: text('place_codes').array().notNull().default([]),
    /** địa chí topic codes (library.topics.json) */
    topics: text('topics').array().notNull().default([]),
    language: text('language').notNull().default('vie'),
    recordType: text('record_type').notNull().default('book'),
    /** title + authors + subjects + places + publisher, lower-cased, tone marks kept */
    searchText: text('search_text').notNull().default(''),
    /** generated in SQL: words of search_text folded (vh_unaccent) and as written */
    searchFold: tsvector('search_fold'),
    searchExact: tsvector('search_exact'),
    /** duplicate detection: normalised title + first author + year */
    dupKey: text('dup_key').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** OAI-PMH: deleted records are kept (deletedRecord = persistent) */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** OAI-PMH datestamp: last change of the record, including deletion */
    datestamp: timestamp('datestamp', { withTimezone: true }).notNull().defaultNow(),
    /** set by the digitised items (L2) when an item of the record has pages */
    digitisedItemId: uuid('digitised_item_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('library_records_datestamp_idx').on(t.datestamp, t.id), index('library_records_collection_idx').on(t.collectionId), index('library_records_year_idx').on(t.year.desc().nullsLast(), t.id)],
);

export const libraryAuthorities = pgTable(
  'library_authorities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: AUTHORITY_KINDS }).notNull(),
    heading: text('heading').notNull(),
    /** places: the admin unit code (src/core/places); topics: the scheme code */
    code: text('code'),
    parentCode: text('parent_code'),
    note: text('note').notNull().default(''),
    /** see-from references: former names, other spellings */
    variants: text('variants').array().notNull().default([]),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('library_authorities_heading').on(t.kind, t.heading)],
);

export interface ImportError {
  /** 1-based position of the record in the file */
  position: number;
  /** byte offset (ISO 2709) when known */
  offset?: number;
  message: string;
}

export const libraryImports = pgTable('library_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  collectionId: uuid('collection_id').notNull(),
  filename: text('filename').notNull(),
  format: text('format').notNull(),
  /** the uploaded bytes, kept until the job has read them (cleared when done) */
  content: bytea('content'),
  status: text('status', { enum: IMPORT_STATUSES }).notNull().default('queued'),
  total: integer('total').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  imported: integer('imported').notNull().default(0),
  duplicates: integer('duplicates').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  errors: jsonb('errors').$type<ImportError[]>().notNull().default([]),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
