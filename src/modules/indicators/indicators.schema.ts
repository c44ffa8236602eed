import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const PERIODICITIES = ['month', 'quarter', 'year'] as const;
export type Periodicity = (typeof PERIODICITIES)[number];
export const INDICATOR_SOURCES = ['entered', 'computed', 'device'] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];
export const VALUE_TYPES = ['count', 'decimal', 'percent', 'money'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export const OBSERVATION_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * The indicator catalogue (domain.md §11: indicator sets change, so they are data): what is
 * measured, in which unit, how often, broken down how, who answers for it and where the value
 * comes from. An indicator is reported only for periods inside [valid_from, valid_to].
 */
export const indicatorDefinitions = pgTable(
  'indicator_definitions',
  {
    code: text('code').primaryKey(),
    /** theme the catalogue and the public pages group by ('dvc', 'pakn', 'bao_tang', …) */
    theme: text('theme').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    definition: text('definition').notNull(),
    /** the formula in words ("số hồ sơ trực tuyến toàn trình / tổng số hồ sơ tiếp nhận × 100") */
    formula: text('formula').notNull().default(''),
    /** unit of measure as shown ("hồ sơ", "%", "lượt người", "triệu đồng") */
    measureUnit: text('measure_unit').notNull(),
    measureUnitEn: text('measure_unit_en').notNull(),
    valueType: text('value_type', { enum: VALUE_TYPES }).notNull(),
    decimals: integer('decimals').notNull().default(0),
    periodicity: text('periodicity', { enum: PERIODICITIES }).notNull(),
    /** disaggregations allowed ('area', 'sex', 'age_group', 'facility', 'level' …); [] = total only */
    dimensions: text('dimensions').array().notNull().default(sql`'{}'::text[]`),
    /** code of the responsible unit (units.code) */
    unitCode: text('unit_code').notNull(),
    source: text('source', { enum: INDICATOR_SOURCES }).notNull(),
    /** for computed/device indicators: the module whose `indicators` hook returns the values */
    sourceModule: text('source_module'),
    iocCode: text('ioc_code'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    minValue: numeric('min_value'),
    maxValue: numeric('max_value'),
    /** a change larger than this % against the last period needs a comment; null = no check */
    jumpPercent: numeric('jump_percent'),
    higherIsBetter: boolean('higher_is_better').notNull().default(true),
    sort: integer('sort').notNull().default(100),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('indicator_definitions_theme_idx').on(t.theme, t.sort), index('indicator_definitions_unit_idx').on(t.unitCode)],
);

/** Values of the non-area disaggregations (sex, age group, facility …), with validity. The
 * `area` dimension takes its values from the administrative units (core/places). */
export const indicatorDimensionValues = pgTable(
  'indicator_dimension_values',
  {
    dimension: text('dimension').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    sort: integer('sort').notNull().default(100),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [primaryKey({ name: 'indicator_dimension_values_pk', columns: [t.dimension, t.code] })],
);

/** A reporting period ('2026-Q3', '2026-09', '2026'): its dates, the deadline for the units'
 * figures (computed from the working-day calendar by a rule kept as data) and whether it is
 * published. Reopening a period recomputes its computed values. */
export const indicatorPeriods = pgTable('indicator_periods', {
  code: text('code').primaryKey(),
  periodicity: text('periodicity', { enum: PERIODICITIES }).notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  dueOn: date('due_on'),
  status: text('status', { enum: ['open', 'published', 'reopened'] })
    .notNull()
    .default('open'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  reopenedAt: timestamp('reopened_at', { withTimezone: true }),
  computedAt: timestamp('computed_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
});

/** One unit's figures for one period, and where they stand:
 * draft → submitted → (returned →) approved by the unit leader → published. */
export const indicatorReports = pgTable(
  'indicator_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodCode: text('period_code').notNull(),
    unitCode: text('unit_code').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
    submittedBy: uuid('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    returnReason: text('return_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('indicator_reports_period_unit_uq').on(t.periodCode, t.unitCode), index('indicator_reports_status_idx').on(t.status, t.periodCode)],
);

/**
 * One value: indicator × period × disaggregation. `dims_key` is the canonical form of `dims`
 * ('' for the total; 'area=74001;sex=nu' with keys sorted), so each combination has one row.
 * Only `published` rows are ever shown outside the staff console or sent to the IOC.
 */
export const indicatorObservations = pgTable(
  'indicator_observations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    indicatorCode: text('indicator_code').notNull(),
    periodCode: text('period_code').notNull(),
    dimsKey: text('dims_key').notNull().default(''),
    dims: jsonb('dims').$type<Record<string, string>>().notNull().default({}),
    /** dims.area pulled out, so the API's ?area= filter uses an index */
    areaCode: text('area_code'),
    value: numeric('value').notNull(),
    status: text('status', { enum: OBSERVATION_STATUSES }).notNull().default('draft'),
    source: text('source', { enum: INDICATOR_SOURCES }).notNull(),
    reportId: uuid('report_id'),
    /** why the value jumped against the last period (asked for above `jump_percent`) */
    comment: text('comment'),
    revision: integer('revision').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('indicator_observations_uq').on(t.indicatorCode, t.periodCode, t.dimsKey),
    index('indicator_observations_pub_idx').on(t.indicatorCode, t.status, t.periodCode),
    index('indicator_observations_period_idx').on(t.periodCode, t.status),
    index('indicator_observations_report_idx').on(t.reportId),
    index('indicator_observations_area_pub_idx').on(t.areaCode).where(sql`${t.status} = 'published' AND ${t.areaCode} IS NOT NULL`),
    check('indicator_observations_status_ck', sql`${t.status} IN ('draft','submitted','approved','published')`),
  ],
);

/** Corrections after publication keep the earlier value and the reason (one row per change). */
export const indicatorRevisions = pgTable(
  'indicator_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    observationId: bigint('observation_id', { mode: 'number' }).notNull(),
    indicatorCode: text('indicator_code').notNull(),
    periodCode: text('period_code').notNull(),
    dimsKey: text('dims_key').notNull(),
    oldValue: numeric('old_value').notNull(),
    newValue: numeric('new_value').notNull(),
    revision: integer('revision').notNull(),
    reason: text('reason').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('indicator_revisions_obs_idx').on(t.observationId), index('indicator_revisions_ind_idx').on(t.indicatorCode, t.periodCode)],
);

/** Consumers of the pull API (the IOC, open-data partners): a hashed key and its scope
 * (theme codes or indicator codes; '*' = everything published). */
export const indicatorConsumers = pgTable(
  'indicator_consumers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    scopes: text('scopes').array().notNull().default(sql`'{*}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('indicator_consumers_key_uq').on(t.keyHash)],
);
