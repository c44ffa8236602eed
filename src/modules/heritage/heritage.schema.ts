import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Law 45/2024/QH15 Art. 21: the five relic types; the labels and their validity live in heritage_rules. */
export const RELIC_TYPES = ['historical', 'architectural_artistic', 'archaeological', 'scenic', 'mixed'] as const;
export type RelicType = (typeof RELIC_TYPES)[number];
/** Law 45/2024 Art. 22: ranking levels; null = inventoried but not (or no longer) ranked. */
export const RELIC_LEVELS = ['provincial', 'national', 'special_national'] as const;
export type RelicLevel = (typeof RELIC_LEVELS)[number];
export const RELIC_STATUSES = ['draft', 'review', 'published', 'withdrawn'] as const;
export type RelicStatus = (typeof RELIC_STATUSES)[number];
export const CONSERVATION = ['good', 'degraded', 'severe', 'restored'] as const;
export const DECISION_ACTIONS = ['rank', 'rerank', 'delist'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];
export const ZONES = ['I', 'II'] as const;
export type ZoneKind = (typeof ZONES)[number];
export const MEDIA_KINDS = ['photo', 'decision', 'boundary_minutes', 'map', 'other'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Legal rules as dated data (types, levels, zone rules, review before publishing). */
export const heritageRules = pgTable(
  'heritage_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    labelEn: text('label_en').notNull(),
    body: text('body').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    legalBasis: text('legal_basis').notNull(),
    confirmed: boolean('confirmed').notNull().default(true),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    sort: integer('sort').notNull().default(100),
  },
  (t) => [unique('heritage_rules_unique').on(t.kind, t.key, t.effectiveFrom)],
);

export const heritageRelics = pgTable(
  'heritage_relics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    otherNames: text('other_names').array().notNull().default([]),
    relicType: text('relic_type').notNull(),
    level: text('level'),
    address: text('address').notNull().default(''),
    adminUnitCode: text('admin_unit_code'),
    adminUnitName: text('admin_unit_name'),
    manager: text('manager').notNull().default(''),
    conservation: text('conservation').notNull().default('good'),
    summary: text('summary').notNull().default(''),
    profile: jsonb('profile').$type<Record<string, string>>().notNull().default({}),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    status: text('status', { enum: RELIC_STATUSES }).notNull().default('draft'),
    ministryOpinion: text('ministry_opinion'),
    profileDigitised: boolean('profile_digitised').notNull().default(false),
    reviewedBy: uuid('reviewed_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('heritage_relics_public_idx').on(t.status, t.level, t.relicType)],
);

export const heritageRankingDecisions = pgTable(
  'heritage_ranking_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relicId: uuid('relic_id').notNull(),
    action: text('action', { enum: DECISION_ACTIONS }).notNull(),
    level: text('level'),
    number: text('number').notNull(),
    decidedOn: date('decided_on').notNull(),
    issuer: text('issuer').notNull(),
    fileId: uuid('file_id'),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('heritage_ranking_relic_idx').on(t.relicId, t.decidedOn)],
);

export const heritageZones = pgTable(
  'heritage_zones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relicId: uuid('relic_id').notNull(),
    zone: text('zone', { enum: ZONES }).notNull(),
    geometry: jsonb('geometry').$type<ZoneGeometry>().notNull(),
    overview: jsonb('overview').$type<ZoneGeometry>().notNull(),
    vertexCount: integer('vertex_count').notNull(),
    minLng: doublePrecision('min_lng').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLng: doublePrecision('max_lng').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    source: text('source').notNull().default('geojson'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('heritage_zones_one_per_kind').on(t.relicId, t.zone)],
);

export const heritageMedia = pgTable(
  'heritage_media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relicId: uuid('relic_id').notNull(),
    kind: text('kind', { enum: MEDIA_KINDS }).notNull(),
    title: text('title').notNull(),
    fileId: uuid('file_id'),
    imageId: uuid('image_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('heritage_media_relic_idx').on(t.relicId)],
);

export const heritageArtefacts = pgTable('heritage_artefacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  inventoryNumber: text('inventory_number').notNull().unique(),
  name: text('name').notNull(),
  relicId: uuid('relic_id'),
  holder: text('holder').notNull().default(''),
  material: text('material').notNull().default(''),
  dimensions: text('dimensions').notNull().default(''),
  dating: text('dating').notNull().default(''),
  provenance: text('provenance').notNull().default(''),
  condition: text('condition').notNull().default(''),
  location: text('location').notNull().default(''),
  imageId: uuid('image_id'),
  inventoriedOn: date('inventoried_on').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** GeoJSON (RFC 7946) positions are [longitude, latitude]. */
export type Position = [number, number];
export type ZoneGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
