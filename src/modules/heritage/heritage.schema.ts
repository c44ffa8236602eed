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

// ── Ranking-file workflow (hồ sơ xếp hạng; issue 13 part 4, migration 0045) ──────────────
/** The steps of a ranking file in order (Law 45/2024/QH15; Decree 215/2025/NĐ-CP). `decided`
 * is the end: the decision is recorded in the relic's history and the register follows it. */
export const FILE_STEPS = ['proposal', 'inventory', 'profile', 'appraisal', 'submitted', 'decided'] as const;
export type FileStep = (typeof FILE_STEPS)[number];
export const FILE_STATES = ['open', 'decided', 'stopped'] as const;
export type FileState = (typeof FILE_STATES)[number];

/** Step durations in working days and the documents each step needs: dated data loaded from
 * heritage.rules.json (kind "ranking_step"), never constants in code. */
export const heritageStepRules = pgTable(
  'heritage_step_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    step: text('step').notNull(),
    label: text('label').notNull(),
    labelEn: text('label_en').notNull(),
    workingDays: integer('working_days').notNull(),
    remindBefore: integer('remind_before').notNull().default(3),
    documents: text('documents').notNull().default(''),
    documentsEn: text('documents_en').notNull().default(''),
    legalBasis: text('legal_basis').notNull(),
    confirmed: boolean('confirmed').notNull().default(false),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    sort: integer('sort').notNull().default(100),
  },
  (t) => [unique('heritage_step_rules_unique').on(t.step, t.effectiveFrom)],
);

export const heritageRankingFiles = pgTable(
  'heritage_ranking_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    relicId: uuid('relic_id').notNull(),
    action: text('action', { enum: ['rank', 'rerank'] }).notNull(),
    proposedLevel: text('proposed_level').notNull(),
    step: text('step', { enum: FILE_STEPS }).notNull().default('proposal'),
    state: text('state', { enum: FILE_STATES }).notNull().default('open'),
    stepStartedOn: date('step_started_on').notNull(),
    stepDueOn: date('step_due_on'),
    decisionId: uuid('decision_id'),
    note: text('note').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('heritage_ranking_files_open_idx').on(t.state, t.stepDueOn), index('heritage_ranking_files_relic_idx').on(t.relicId)],
);

/** Every step a file went through, with its dates (the history shown on the file's page). */
export const heritageRankingFileSteps = pgTable(
  'heritage_ranking_file_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id').notNull(),
    step: text('step', { enum: FILE_STEPS }).notNull(),
    startedOn: date('started_on').notNull(),
    dueOn: date('due_on'),
    completedOn: date('completed_on'),
    outcome: text('outcome'),
    note: text('note').notNull().default(''),
    actedBy: uuid('acted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('heritage_ranking_file_steps_file_idx').on(t.fileId, t.createdAt)],
);

export const heritageRankingFileDocuments = pgTable(
  'heritage_ranking_file_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id').notNull(),
    step: text('step', { enum: FILE_STEPS }).notNull(),
    title: text('title').notNull(),
    storedFileId: uuid('stored_file_id').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('heritage_ranking_file_documents_file_idx').on(t.fileId, t.step)],
);

/** One reminder of each kind per file, step and due date (a moved date reminds again). */
export const heritageRankingFileReminders = pgTable(
  'heritage_ranking_file_reminders',
  {
    fileId: uuid('file_id').notNull(),
    step: text('step').notNull(),
    dueOn: date('due_on').notNull(),
    kind: text('kind', { enum: ['near', 'overdue'] }).notNull(),
    recipients: integer('recipients').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('heritage_ranking_file_reminders_once').on(t.fileId, t.step, t.dueOn, t.kind)],
);

// ── Artefacts: movements, loans and publication (issue 13 part 5, migration 0045) ─────────
export const MOVEMENT_KINDS = ['move', 'loan_out', 'loan_return', 'conservation'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** Every change of an artefact's place: a move inside the holder, a loan out (to whom, until
 * when) and its return, a stay in conservation. The artefact's `location` follows the latest. */
export const heritageArtefactMovements = pgTable(
  'heritage_artefact_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    artefactId: uuid('artefact_id').notNull(),
    kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
    fromLocation: text('from_location').notNull().default(''),
    toLocation: text('to_location').notNull().default(''),
    counterparty: text('counterparty').notNull().default(''),
    reference: text('reference').notNull().default(''),
    movedOn: date('moved_on').notNull(),
    dueBackOn: date('due_back_on'),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('heritage_artefact_movements_idx').on(t.artefactId, t.movedOn)],
);

/** An artefact is online only once approved (Decree 308/2025 Art. 85–89); an edit takes it
 * offline until approved again. A row here = published. */
export const heritageArtefactPublications = pgTable('heritage_artefact_publications', {
  artefactId: uuid('artefact_id').primaryKey(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  publishedBy: uuid('published_by'),
});

// ── Intangible heritage and its practitioners (issue 13 part 5, migration 0045) ───────────
export const INTANGIBLE_KINDS = ['festival', 'craft', 'practice', 'performing_art', 'oral_tradition'] as const;
export type IntangibleKind = (typeof INTANGIBLE_KINDS)[number];
/** State honours for practitioners (Law 45/2024/QH15; Decree 62/2014/NĐ-CP on the titles). */
export const PRACTITIONER_TITLES = ['nghe_nhan_nhan_dan', 'nghe_nhan_uu_tu', 'none'] as const;

export const heritageIntangibles = pgTable(
  'heritage_intangibles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: INTANGIBLE_KINDS }).notNull(),
    community: text('community').notNull().default(''),
    area: text('area').notNull().default(''),
    season: text('season').notNull().default(''),
    summary: text('summary').notNull().default(''),
    listing: text('listing').notNull().default(''),
    status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('heritage_intangibles_status_idx').on(t.status, t.kind)],
);

/** Practitioners (nghệ nhân) of an element, with the state title they hold, if any. Only what an
 * honour makes public is kept: the name, the birth year, the title and its decision. */
export const heritagePractitioners = pgTable(
  'heritage_practitioners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    intangibleId: uuid('intangible_id').notNull(),
    fullName: text('full_name').notNull(),
    birthYear: integer('birth_year'),
    title: text('title', { enum: PRACTITIONER_TITLES }).notNull().default('none'),
    titleYear: integer('title_year'),
    titleDecision: text('title_decision').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('heritage_practitioners_element_idx').on(t.intangibleId)],
);
