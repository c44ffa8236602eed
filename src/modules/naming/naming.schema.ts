import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { AnyGeometry } from '../../core/geo/index.js';

/** Decree 91/2005 Art. 6 (Circular 36/2006 §II): the five sources of names, each inventoried
 * and sorted A–Z separately. Labels and validity live in naming_rules (kind 'class'). */
export const NAME_CLASSES = ['place', 'noun', 'relic', 'event', 'person'] as const;
export type NameClass = (typeof NAME_CLASSES)[number];
export const OBJECT_KINDS = ['street', 'road', 'square', 'park', 'bridge', 'public_work', 'lane'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];
export const NAME_STATUSES = ['bank', 'proposed', 'consulted', 'approved', 'assigned', 'retired'] as const;
export type NameStatus = (typeof NAME_STATUSES)[number];
export const BATCH_STATUSES = ['draft', 'consultation', 'conference', 'voted', 'rejected', 'assigned'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
/** The stature the council gives a name (national, provincial, local); the scale rule maps it to
 * the least length and width of the street it should name. */
export const STATURES = ['national', 'provincial', 'local'] as const;

/** Legal rules and council settings as dated data: name classes, the scale rule, the approval
 * threshold, the patterns of lane names (naming.rules.json, loaded on every start). */
export const namingRules = pgTable(
  'naming_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    labelEn: text('label_en').notNull(),
    value: jsonb('value').$type<Record<string, unknown>>().notNull().default({}),
    legalBasis: text('legal_basis').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    sort: integer('sort').notNull().default(100),
  },
  (t) => [unique('naming_rules_unique').on(t.kind, t.key, t.effectiveFrom)],
);

/** An urban area the council names streets in: an administrative unit (core/places) and the
 * boundary objects must lie in. */
export const namingAreas = pgTable('naming_areas', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  boundary: jsonb('boundary').$type<AnyGeometry>().notNull(),
  minLng: doublePrecision('min_lng').notNull(),
  minLat: doublePrecision('min_lat').notNull(),
  maxLng: doublePrecision('max_lng').notNull(),
  maxLat: doublePrecision('max_lat').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
});

/** The persons register: one row per person however the name is spelt (variants folded). */
export const namingPersons = pgTable(
  'naming_persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fullName: text('full_name').notNull(),
    fold: text('fold').notNull(),
    variants: text('variants').array().notNull().default([]),
    variantFolds: text('variant_folds').array().notNull().default([]),
    birthYear: integer('birth_year'),
    deathYear: integer('death_year'),
    roles: text('roles').notNull().default(''),
    stature: text('stature').notNull().default('provincial'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('naming_persons_fold_idx').on(t.fold)],
);

/** The name bank (ngân hàng tên) with each name's supporting file. */
export const namingNames = pgTable(
  'naming_names',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    fold: text('fold').notNull(),
    nameClass: text('name_class').notNull(),
    personId: uuid('person_id'),
    stature: text('stature').notNull().default('provincial'),
    meaning: text('meaning').notNull().default(''),
    meaningEn: text('meaning_en').notNull().default(''),
    dates: text('dates').notNull().default(''),
    sources: text('sources').notNull().default(''),
    status: text('status', { enum: NAME_STATUSES }).notNull().default('bank'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('naming_names_fold_idx').on(t.fold), index('naming_names_person_idx').on(t.personId)],
);

export const namingDocuments = pgTable('naming_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  nameId: uuid('name_id').notNull(),
  title: text('title').notNull(),
  fileId: uuid('file_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Streets, roads, squares, parks, bridges, public works (and lanes, which are not named). */
export const namingObjects = pgTable(
  'naming_objects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: OBJECT_KINDS }).notNull(),
    areaCode: text('area_code').notNull(),
    geometry: jsonb('geometry').$type<AnyGeometry>().notNull(),
    minLng: doublePrecision('min_lng').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLng: doublePrecision('max_lng').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    lengthM: integer('length_m'),
    widthM: doublePrecision('width_m'),
    currentName: text('current_name'),
    fold: text('fold'),
    exact: text('exact'),
    nameClass: text('name_class'),
    nameId: uuid('name_id'),
    personId: uuid('person_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('naming_objects_area_idx').on(t.areaCode, t.fold), index('naming_objects_person_idx').on(t.areaCode, t.personId)],
);

/** Every name an object has had, with its dates and the decision that gave it. */
export const namingObjectNames = pgTable(
  'naming_object_names',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    objectId: uuid('object_id').notNull(),
    name: text('name').notNull(),
    nameId: uuid('name_id'),
    fromDate: date('from_date'),
    toDate: date('to_date'),
    decisionNumber: text('decision_number').notNull().default(''),
    decisionDate: date('decision_date'),
  },
  (t) => [index('naming_object_names_object_idx').on(t.objectId)],
);

/** Decree 91/2005 Art. 6(3): one person on two streets of one urban area only for a recorded
 * reason (home town, a place tied to their life). */
export const namingExceptions = pgTable(
  'naming_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    areaCode: text('area_code').notNull(),
    personId: uuid('person_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('naming_exceptions_unique').on(t.areaCode, t.personId)],
);

export const namingBatches = pgTable('naming_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  areaCode: text('area_code').notNull(),
  status: text('status', { enum: BATCH_STATUSES }).notNull().default('draft'),
  consultFrom: date('consult_from'),
  consultTo: date('consult_to'),
  conferenceDate: date('conference_date'),
  conferenceMinutes: text('conference_minutes').notNull().default(''),
  voteDate: date('vote_date'),
  voteMembers: integer('vote_members'),
  votePresent: integer('vote_present'),
  voteFor: integer('vote_for'),
  voteAgainst: integer('vote_against'),
  voteAbstain: integer('vote_abstain'),
  threshold: text('threshold'),
  decisionNumber: text('decision_number'),
  decisionDate: date('decision_date'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const namingBatchItems = pgTable(
  'naming_batch_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    nameId: uuid('name_id').notNull(),
    objectId: uuid('object_id').notNull(),
    warnings: jsonb('warnings').$type<{ vi: string; en: string }[]>().notNull().default([]),
  },
  (t) => [unique('naming_batch_items_unique').on(t.batchId, t.objectId)],
);

/** Comments of the public consultation; the author's name and contact stay with the staff. */
export const namingComments = pgTable(
  'naming_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    author: text('author').notNull(),
    contact: text('contact').notNull().default(''),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('naming_comments_batch_idx').on(t.batchId)],
);
