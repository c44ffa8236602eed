import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** The three titles of Decree 86/2023/NĐ-CP (Art. 3): household, village / residential group, commune. */
export const TITLE_KINDS = ['household', 'village', 'commune'] as const;
export type TitleKind = (typeof TITLE_KINDS)[number];
/** The titles a commune runs a round for (the commune title is proposed, not run by a round). */
export const ROUND_KINDS = ['household', 'village'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
/** The title's name as the decree writes it, and what a round's entry is (wording, not rules). */
export const TITLE_VI: Record<RoundKind, string> = { household: 'Gia đình văn hóa', village: 'Thôn, tổ dân phố văn hóa' };
export const SUBJECT_VI: Record<RoundKind, string> = { household: 'hộ', village: 'thôn, tổ dân phố' };

/** Where a commune's yearly round stands. */
export const CYCLE_STATUSES = ['open', 'listing', 'reviewed', 'decided', 'published'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** Where one household's (or village's) entry of the year stands. */
export const ENTRY_STATUSES = ['registered', 'assessed', 'proposed', 'recognised', 'not_met', 'excluded'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export interface Criterion {
  code: string;
  text: string;
  /** yes/no, a score, or a count (e.g. members taking part) */
  kind: 'yes_no' | 'score' | 'count';
  /** score: the maximum; count: the minimum that meets it */
  max?: number;
  min?: number;
  evidence: string;
  /** filled by the system, not typed: the share (%) of the village's households recognised
   * "Gia đình văn hóa" by the commune's decision of the same year */
  computed?: 'household_share';
}
export interface CriteriaGroup {
  code: string;
  title: string;
  criteria: Criterion[];
}

/**
 * Criteria per title and decree version, as data with an effective date (issue 15 part 2). A new
 * version applies to years opened on or after its date; a cycle keeps the id of the version it
 * was opened under, so past years are never re-read under new criteria.
 */
export const titlesCriteriaVersions = pgTable(
  'titles_criteria_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    titleKind: text('title_kind', { enum: TITLE_KINDS }).notNull(),
    decree: text('decree').notNull(),
    appendix: text('appendix').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    groups: jsonb('groups').$type<CriteriaGroup[]>().notNull(),
    /** which level decides (configuration: districts were abolished in 2025) */
    decidingLevel: text('deciding_level').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('titles_criteria_versions_unique').on(t.titleKind, t.effectiveFrom)],
);

/** Villages and residential groups (thôn, tổ dân phố) under a commune code valid at their dates. */
export const titlesVillages = pgTable(
  'titles_villages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['thon', 'to_dan_pho'] }).notNull().default('thon'),
    communeCode: text('commune_code').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('titles_villages_commune_idx').on(t.communeCode)],
);

/** Households: only what the recognition needs (head's name, member count, address, village);
 * no ID numbers (Decree 13/2023 on personal data: minimisation). */
export const titlesHouseholds = pgTable(
  'titles_households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    headName: text('head_name').notNull(),
    members: integer('members').notNull().default(1),
    address: text('address').notNull().default(''),
    villageId: uuid('village_id').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('titles_households_village_idx').on(t.villageId)],
);

/** One commune's yearly round. */
export const titlesCycles = pgTable(
  'titles_cycles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeCode: text('commune_code').notNull(),
    communeName: text('commune_name').notNull(),
    year: integer('year').notNull(),
    titleKind: text('title_kind', { enum: ROUND_KINDS }).notNull().default('household'),
    status: text('status', { enum: CYCLE_STATUSES }).notNull().default('open'),
    criteriaVersionId: uuid('criteria_version_id').notNull(),
    openedOn: date('opened_on').notNull(),
    listingStart: date('listing_start'),
    listingEnd: date('listing_end'),
    minutesNumber: text('minutes_number'),
    minutesDate: date('minutes_date'),
    minutesText: text('minutes_text'),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date'),
    decisionSigner: text('decision_signer'),
    decisionDue: date('decision_due'),
    publishDue: date('publish_due'),
    publishedOn: date('published_on'),
    /** reminders already sent: 'kind:due' (one of each per due date) */
    remindersSent: text('reminders_sent').array().notNull().default([]),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('titles_cycles_commune_year_kind').on(t.communeCode, t.year, t.titleKind)],
);

/** A household's or a village's entry in a year (registration → self-assessment → proposal →
 * decision). A village entry has no household (check constraint in migration 0047). */
export const titlesEntries = pgTable(
  'titles_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id').notNull(),
    titleKind: text('title_kind', { enum: ROUND_KINDS }).notNull().default('household'),
    householdId: uuid('household_id'),
    villageId: uuid('village_id').notNull(),
    year: integer('year').notNull(),
    communeCode: text('commune_code').notNull(),
    status: text('status', { enum: ENTRY_STATUSES }).notNull().default('registered'),
    midYearNote: text('mid_year_note').notNull().default(''),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    exclusionReason: text('exclusion_reason'),
    exclusionBasis: text('exclusion_basis'),
    revision: integer('revision').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('titles_entries_one_per_year').on(t.householdId, t.year), index('titles_entries_cycle_idx').on(t.cycleId, t.status)],
);

/** Every earlier state of an entry (corrections and appeals keep revisions). */
export const titlesEntryRevisions = pgTable('titles_entry_revisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  entryId: uuid('entry_id').notNull(),
  revision: integer('revision').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  reason: text('reason').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Residents' comments during the public listing. The commenter's name is kept for the council,
 * never shown publicly. */
export const titlesComments = pgTable('titles_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  cycleId: uuid('cycle_id').notNull(),
  authorName: text('author_name').notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Certificate batches rendered in the background. */
export const titlesBatches = pgTable('titles_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  cycleId: uuid('cycle_id').notNull(),
  status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull().default('queued'),
  total: integer('total').notNull().default(0),
  done: integer('done').notNull().default(0),
  storageKey: text('storage_key'),
  error: text('error'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** A commune's proposal of "tiêu biểu" households or villages for commendation, chosen among
 * those holding the title for the consecutive years the rules ask (kept on the row as applied). */
export const titlesProposals = pgTable(
  'titles_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeCode: text('commune_code').notNull(),
    communeName: text('commune_name').notNull(),
    year: integer('year').notNull(),
    titleKind: text('title_kind', { enum: ROUND_KINDS }).notNull(),
    cycleId: uuid('cycle_id').notNull(),
    consecutiveYears: integer('consecutive_years').notNull(),
    decidingLevel: text('deciding_level').notNull(),
    number: text('number').notNull(),
    proposedOn: date('proposed_on').notNull(),
    status: text('status', { enum: ['submitted', 'decided'] }).notNull().default('submitted'),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date'),
    decisionSigner: text('decision_signer'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('titles_proposals_one').on(t.communeCode, t.year, t.titleKind)],
);

export const titlesProposalItems = pgTable(
  'titles_proposal_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id').notNull(),
    /** the subject's entry of the proposal's year (one proposal per subject and year) */
    entryId: uuid('entry_id').notNull(),
    yearsHeld: integer('years_held').notNull(),
    /** null until the deciding level's decision */
    awarded: boolean('awarded'),
  },
  (t) => [unique('titles_proposal_items_entry').on(t.entryId)],
);

/** Yearly totals per commune and title, written when a decision is issued: the province's
 * statistics read this, not the millions of entries (bench/titles.ts). */
export const titlesStats = pgTable(
  'titles_stats',
  {
    communeCode: text('commune_code').notNull(),
    year: integer('year').notNull(),
    titleKind: text('title_kind').notNull(),
    total: integer('total').notNull(),
    recognised: integer('recognised').notNull(),
  },
  (t) => [unique('titles_stats_key').on(t.communeCode, t.year, t.titleKind)],
);
