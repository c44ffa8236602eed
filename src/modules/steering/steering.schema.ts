import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Task statuses (issue 17 part 3). "late" and "at risk" are also derived from the deadline
 * (see steering.repository.ts `effectiveStatus`): a stored "on_track" past its deadline is late. */
export const TASK_STATUSES = ['not_started', 'on_track', 'at_risk', 'late', 'done', 'dropped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const REPORT_KINDS = ['yearly', 'quarterly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;

/** Steering committee and working group (Ban Chỉ đạo, Tổ giúp việc), each formed by a decision. */
export const steeringBodies = pgTable('steering_bodies', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: ['committee', 'working_group'] }).notNull(),
  name: text('name').notNull(),
  decisionNumber: text('decision_number').notNull(),
  decisionDate: date('decision_date').notNull(),
  issuer: text('issuer').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Membership over time: a change closes a row (to_date) and opens another, citing its decision. */
export const steeringMembers = pgTable('steering_members', {
  id: uuid('id').primaryKey().defaultRandom(),
  bodyId: uuid('body_id')
    .notNull()
    .references(() => steeringBodies.id, { onDelete: 'cascade' }),
  fullName: text('full_name').notNull(),
  position: text('position').notNull(),
  role: text('role').notNull(),
  fromDate: date('from_date').notNull(),
  toDate: date('to_date'),
  decisionNumber: text('decision_number'),
});

export const steeringPlans = pgTable('steering_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  issuedOn: date('issued_on').notNull(),
  issuer: text('issuer').notNull(),
  title: text('title').notNull(),
  periodFrom: date('period_from').notNull(),
  periodTo: date('period_to').notNull(),
  sourcePlan: text('source_plan').notNull().default(''),
  published: boolean('published').notNull().default(false),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A plan's target; when tied to an indicator code its actual value is read from published data. */
export const steeringTargets = pgTable('steering_targets', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: uuid('plan_id')
    .notNull()
    .references(() => steeringPlans.id, { onDelete: 'cascade' }),
  label: text('label').notNull(),
  indicatorCode: text('indicator_code'),
  comparator: text('comparator', { enum: ['>=', '<='] })
    .notNull()
    .default('>='),
  targetValue: doublePrecision('target_value'),
  periodCode: text('period_code'),
  sort: integer('sort').notNull().default(0),
});

export const steeringMeetings = pgTable('steering_meetings', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  heldOn: date('held_on').notNull(),
  chair: text('chair').notNull().default(''),
  agenda: text('agenda').notNull().default(''),
  participants: text('participants').notNull().default(''),
  minutes: text('minutes').notNull().default(''),
  /** the meeting that follows this one up (its tasks are reviewed there) */
  previousId: uuid('previous_id'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const steeringConclusions = pgTable('steering_conclusions', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id')
    .notNull()
    .references(() => steeringMeetings.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  text: text('text').notNull(),
});

export const steeringTasks = pgTable(
  'steering_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    title: text('title').notNull(),
    planId: uuid('plan_id').references(() => steeringPlans.id, { onDelete: 'set null' }),
    conclusionId: uuid('conclusion_id').references(() => steeringConclusions.id, { onDelete: 'set null' }),
    ownerUnit: text('owner_unit').notNull(),
    coUnits: text('co_units').array().notNull().default([]),
    deadline: date('deadline').notNull(),
    expectedProduct: text('expected_product').notNull().default(''),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('not_started'),
    progress: integer('progress').notNull().default(0),
    dropReason: text('drop_reason'),
    doneOn: date('done_on'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('steering_tasks_owner_idx').on(t.ownerUnit, t.deadline), index('steering_tasks_plan_idx').on(t.planId)],
);

export const steeringTaskUpdates = pgTable(
  'steering_task_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => steeringTasks.id, { onDelete: 'cascade' }),
    progress: integer('progress').notNull(),
    status: text('status', { enum: TASK_STATUSES }).notNull(),
    note: text('note').notNull(),
    link: text('link'),
    fileId: uuid('file_id'),
    fileName: text('file_name'),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('steering_task_updates_task_idx').on(t.taskId, t.createdAt)],
);

/** Self-assessment index criteria as data (CCHC index, CĐS index), by effective year. */
export const steeringCriteria = pgTable(
  'steering_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indexKind: text('index_kind', { enum: ['CCHC', 'CDS'] }).notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    maxPoints: doublePrecision('max_points').notNull(),
    evidence: text('evidence').notNull().default(''),
    effectiveYear: integer('effective_year').notNull(),
    /** a live figure that fills the criterion: points = max × min(1, value ÷ full) */
    indicatorCode: text('indicator_code'),
    fullAt: doublePrecision('full_at'),
    legalBasis: text('legal_basis').notNull().default(''),
  },
  (t) => [unique('steering_criteria_unique').on(t.indexKind, t.code, t.effectiveYear)],
);

export const steeringScores = pgTable(
  'steering_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => steeringCriteria.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    unitCode: text('unit_code').notNull(),
    points: doublePrecision('points').notNull(),
    evidence: text('evidence').notNull().default(''),
    status: text('status', { enum: ['self', 'reviewed'] })
      .notNull()
      .default('self'),
    reviewedPoints: doublePrecision('reviewed_points'),
    reviewNote: text('review_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('steering_scores_unique').on(t.criterionId, t.year, t.unitCode)],
);

/** One report (kind + year [+ quarter]); its content lives in versions, the newest is current. */
export const steeringReports = pgTable('steering_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: REPORT_KINDS }).notNull(),
  year: integer('year').notNull(),
  quarter: integer('quarter'),
  number: text('number').notNull().default(''),
  status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
  version: integer('version').notNull().default(1),
  approvedBy: text('approved_by'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const steeringReportVersions = pgTable(
  'steering_report_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => steeringReports.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: jsonb('content').notNull(),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('steering_report_versions_unique').on(t.reportId, t.version)],
);
