import { bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../../core/identity/identity.schema.js';
import { storedFiles } from '../../core/files/files.schema.js';
import { procedureVersions } from '../procedures/procedures.schema.js';

/**
 * The life of a dossier under Decree 118/2025/NĐ-CP (one-stop shop). Filing uses draft → submitted;
 * the one-stop desk moves it on: received (the legal clock starts), supplement_requested (Form 02,
 * once), processing, approved, returned (result given), refused (Form 03), stopped (Form 05).
 */
export const DOSSIER_STATUSES = ['draft', 'submitted', 'received', 'supplement_requested', 'processing', 'approved', 'returned', 'refused', 'stopped'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Circular 03/2025/TT-VPCP: the code is given at submission, so drafts have none.
    code: text('code').unique(),
    // A dossier keeps the procedure version it was filed under, even after a new decree changes it.
    procedureVersionId: uuid('procedure_version_id')
      .notNull()
      .references(() => procedureVersions.id),
    procedureCode: text('procedure_code').notNull(),
    // Copied from the procedure version at submission (ADR 008): queues, Form 07 and statistics
    // over a million dossiers filter and group by them without reading the procedures module.
    procedureName: text('procedure_name'),
    unitCode: text('unit_code'),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: DOSSIER_STATUSES }).notNull().default('draft'),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    /** the furthest step reached: where "Tiếp tục" resumes (steps + 1 = attachments) */
    currentStep: integer('current_step').notNull().default(1),
    channel: text('channel', { enum: ['online', 'desk'] })
      .notNull()
      .default('online'),
    /** the key of the request that submitted the dossier: a retry with it gets the same dossier */
    idempotencyKey: text('idempotency_key'),
    /** the key of the API request that created the draft (a retried create returns the same draft) */
    createKey: text('create_key'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    dueDate: date('due_date'),
    // One-stop processing (Decree 118/2025/NĐ-CP; Circular 03/2025/TT-VPCP): the statutory clock
    // runs from valid receipt; a supplement request (Form 02, once only) pauses it.
    receivedAt: timestamp('received_at', { withTimezone: true }),
    supplementCount: integer('supplement_count').notNull().default(0),
    supplementRequestedAt: timestamp('supplement_requested_at', { withTimezone: true }),
    supplementItems: jsonb('supplement_items').$type<string[]>(),
    /** index in the procedure version's workflow of the step in progress (Form 06) */
    workflowStep: integer('workflow_step').notNull().default(0),
    stepStartedAt: timestamp('step_started_at', { withTimezone: true }),
    assigneeId: uuid('assignee_id'),
    /** the role of the step in progress (tiep_nhan, chuyen_vien, lanh_dao), copied from the
     * workflow at each hand-off so the work queues find "waiting for approval" without reading
     * the procedures module (ADR 008) */
    stepRole: text('step_role'),
    /** the clock is paused (verification period allowed by the procedure) since then */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pauseReason: text('pause_reason'),
    /** Form 04 (apology and new appointment): once, signed off by a leader */
    extensionCount: integer('extension_count').notNull().default(0),
    /** how the finished dossier did against its due date (set when the result is returned) */
    outcome: text('outcome', { enum: ['early', 'on_time', 'late'] }),
    /** the applicant's rating, copied here for the statistics (dossier_ratings keeps the comment) */
    rating: text('rating', { enum: ['very_satisfied', 'satisfied', 'not_satisfied'] }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dossiers_idem_uq').on(t.applicantId, t.idempotencyKey),
    uniqueIndex('dossiers_create_key_uq').on(t.applicantId, t.createKey),
    index('dossiers_applicant_idx').on(t.applicantId, t.updatedAt),
    index('dossiers_status_idx').on(t.status, t.submittedAt),
    // Form 07 and the statistics read by period: received in it, or finished in it. The trailing
    // columns let the statistics count from the index alone (ADR 009).
    index('dossiers_submitted_idx').on(t.submittedAt, t.id, t.status, t.channel, t.unitCode, t.procedureCode),
    index('dossiers_finished_idx').on(t.finishedAt, t.status, t.outcome, t.unitCode, t.procedureCode, t.rating),
    // Open at an instant X ⇔ submitted < X ≤ finished (or not finished): a containment query on
    // this range finds only the dossiers open then, whatever the period (ADR 009).
    index('dossiers_open_range_idx')
      .using('gist', sql`tstzrange(${t.submittedAt}, ${t.finishedAt}, '(]')`)
      .where(sql`${t.status} <> 'draft'`),
    index('dossiers_due_idx').on(t.dueDate),
    // "Việc của tôi": the open dossiers by state, step and unit, earliest due first.
    index('dossiers_work_idx')
      .on(t.status, t.stepRole, t.unitCode, t.dueDate)
      .where(sql`${t.finishedAt} IS NULL AND ${t.status} <> 'draft'`),
    // Dossiers still open (few among a million finished ones): "in progress at the end of the period".
    index('dossiers_open_idx')
      .on(t.submittedAt)
      .where(sql`${t.finishedAt} IS NULL AND ${t.status} <> 'draft'`),
  ],
);

/** Attachments, one row per file, per required document of the procedure version. */
export const dossierFiles = pgTable(
  'dossier_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    documentIndex: integer('document_index').notNull(),
    storedFileId: uuid('stored_file_id')
      .notNull()
      .references(() => storedFiles.id),
    originalName: text('original_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dossier_files_dossier_idx').on(t.dossierId, t.documentIndex)],
);

/** One counter per agency per Vietnamese day: the code's sequence is gapless and never reused
 * because the increment commits or rolls back with the dossier that took it. */
export const dossierCodeSequences = pgTable(
  'dossier_code_sequences',
  {
    agencyCode: text('agency_code').notNull(),
    day: date('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.day] })],
);

/** The timeline the applicant sees (and, later, Form 06 hand-offs). */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    kind: text('kind').notNull(),
    note: text('note'),
    /** Form 06 (Circular 03/2025/TT-VPCP): the hand-off from one workflow step to the next */
    fromStep: text('from_step'),
    toStep: text('to_step'),
    /** the finished step against its allotted working days: early | on_time | late */
    stepResult: text('step_result', { enum: ['early', 'on_time', 'late'] }),
    /** what the notice of this event prints (Forms 02–05): reasons, items, dates, signer */
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('dossier_events_dossier_idx').on(t.dossierId, t.at)],
);

/** The electronic result (Decree 118/2025/NĐ-CP: results are returned electronically); its
 * SHA-256 lets anyone check a copy at /xac-thuc/{id} without seeing personal data. */
export const dossierResults = pgTable(
  'dossier_results',
  {
    id: uuid('id').primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    storedFileId: uuid('stored_file_id')
      .notNull()
      .references(() => storedFiles.id),
    sha256: text('sha256').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedBy: uuid('issued_by'),
  },
  // The public verification by checksum (GET /api/v1/verify, migration 0024).
  (t) => [uniqueIndex('dossier_results_dossier_uq').on(t.dossierId), index('dossier_results_sha256_idx').on(t.sha256)],
);

export const RATINGS = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** The applicant's satisfaction with a finished dossier (once). Staff read only the counts: the
 * officers who handled it never see who rated what. */
export const dossierRatings = pgTable('dossier_ratings', {
  dossierId: uuid('dossier_id')
    .primaryKey()
    .references(() => dossiers.id, { onDelete: 'cascade' }),
  rating: text('rating', { enum: RATINGS }).notNull(),
  comment: text('comment'),
  ratedAt: timestamp('rated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Reminders already sent (2 and 1 working days before the due date, overdue): one each per due
 * date, so a moved due date (supplement, pause, extension) earns fresh reminders. */
export const dossierReminders = pgTable(
  'dossier_reminders',
  {
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['due_in_2', 'due_in_1', 'overdue'] }).notNull(),
    dueDate: date('due_date').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.kind, t.dueDate] })],
);

/** Internal notes of the officers on a dossier: never shown to the applicant or in public. */
export const dossierNotes = pgTable(
  'dossier_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    authorId: uuid('author_id'),
    body: text('body').notNull(),
  },
  (t) => [index('dossier_notes_dossier_idx').on(t.dossierId, t.at)],
);

/** Idempotency-Key of the upload API (issue 9 finding 6): the first answer, replayed for 24 h to
 * the same account sending the same request; a different request under the key is refused. */
export const dossierUploadKeys = pgTable(
  'dossier_upload_keys',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'dossier_upload_keys_pk', columns: [t.accountId, t.key] }), index('dossier_upload_keys_created_idx').on(t.createdAt)],
);
