import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { storedFiles } from '../../core/files/files.schema.js';

/** The statuses of a case over its whole life (Decree 20/2008/NĐ-CP Art. 9 classification, then
 * handling). Intake only writes 'new'; routing, answers and merging come later and move the case:
 *   new → classified (within the department's authority) → in_progress → answered → closed
 *   new → rejected (with a reason)      new → forwarded (outside authority, within 5 working days)
 *   any open status → merged (a duplicate folded into another case; its reporter gets that answer)
 * 'answered' → 'in_progress' again when the reporter re-opens within 7 days (1022 rule).
 * 'in_progress' ⇄ 'waiting' while the unit waits for more information from the reporter: the
 * handling clock pauses (feedback_pauses) and the due date moves by the paused working days. */
export const FEEDBACK_STATUSES = ['new', 'classified', 'in_progress', 'waiting', 'answered', 'closed', 'rejected', 'forwarded', 'merged'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Decree 20/2008/NĐ-CP Art. 9: how a received case is classified. Complaints and denunciations
 * follow the Law on Complaints and the Law on Denunciations: they leave this process. */
export const FEEDBACK_CLASSIFICATIONS = ['rejected', 'complaint', 'denunciation', 'within', 'outside'] as const;
export type FeedbackClassification = (typeof FEEDBACK_CLASSIFICATIONS)[number];

/** Satisfaction levels the reporter may give once (Decision 766/QĐ-TTg satisfaction ratio). */
export const FEEDBACK_SATISFACTION = ['very_satisfied', 'satisfied', 'unsatisfied'] as const;
export type FeedbackSatisfaction = (typeof FEEDBACK_SATISFACTION)[number];

/** The channels Decree 20 Art. 6 and the 1022 rules name: portal, dedicated phone line, and the
 * app (Open311 clients); email intake shares the schema. */
export const FEEDBACK_CHANNELS = ['web', 'hotline', 'open311', 'email'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

/** Categories are Open311 service codes: configuration data an administrator edits (the unit
 * and handling deadline differ by category: 5 working days, 7 if several units, 10 at most). */
export const feedbackCategories = pgTable(
  'feedback_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceCode: text('service_code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    description: text('description').notNull().default(''),
    /** the responsible unit's code (units.code) */
    unitCode: text('unit_code').notNull(),
    deadlineDays: integer('deadline_days').notNull().default(5),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('feedback_categories_deadline_ck', sql`${t.deadlineDays} BETWEEN 1 AND 60`)],
);

/** Gapless per-day counters for the public codes: the row is taken with INSERT … ON CONFLICT DO
 * UPDATE … RETURNING inside the case's transaction, so a rolled-back intake gives its number back
 * (a sequence would leave holes, and a hole in an official register invites questions). */
export const feedbackCodeSequences = pgTable('feedback_code_sequences', {
  day: date('day').primaryKey(),
  last: integer('last').notNull(),
});

/** API clients of the Open311 endpoint: an administrator issues the key; only its SHA-256 is kept. */
export const open311Clients = pgTable('open311_clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  apiKeyHash: text('api_key_hash').notNull().unique(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const feedbackCases = pgTable(
  'feedback_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** public code PA-YYMMDD-NNNN (the day of receipt, Vietnam time) */
    code: text('code').notNull().unique(),
    channel: text('channel', { enum: FEEDBACK_CHANNELS }).notNull(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => feedbackCategories.serviceCode, { onUpdate: 'cascade' }),
    status: text('status', { enum: FEEDBACK_STATUSES }).notNull().default('new'),
    // Personal data (Law 91/2025/QH15): shown to staff only, never on public pages or Open311.
    reporterName: text('reporter_name'),
    reporterPhone: text('reporter_phone'),
    reporterEmail: text('reporter_email'),
    content: text('content').notNull(),
    addressText: text('address_text'),
    lat: numeric('lat', { precision: 9, scale: 6 }),
    lng: numeric('lng', { precision: 9, scale: 6 }),
    /** a link the Open311 client gave (media_url); uploaded files live in feedback_files */
    mediaUrl: text('media_url'),
    publishConsent: boolean('publish_consent').notNull().default(true),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dueDate: date('due_date').notNull(),
    apiClientId: uuid('api_client_id').references(() => open311Clients.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Open311 updated_datetime; every status change sets it */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // ——— Classification (Decree 20/2008/NĐ-CP Art. 9) ———
    /** rejected | complaint | denunciation | within | outside (null until classified) */
    classification: text('classification', { enum: FEEDBACK_CLASSIFICATIONS }),
    classifiedAt: timestamp('classified_at', { withTimezone: true }),
    /** reason given when the case is not taken up (Art. 9: rejected with a reason) */
    rejectReason: text('reject_reason'),
    /** complaint/denunciation: where it was sent; outside authority: the competent agency */
    forwardTo: text('forward_to'),
    /** outside authority: forward within 5 working days of receipt (Art. 9) */
    forwardDueDate: date('forward_due_date'),
    forwardedAt: timestamp('forwarded_at', { withTimezone: true }),
    /** the responsible unit (units.code), from the category when routed within authority */
    unitCode: text('unit_code'),
    assigneeId: uuid('assignee_id'),
    assigneeName: text('assignee_name'),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => feedbackCases.id),
    // ——— Answer (drafted by the unit, approved by a leader) ———
    answerDraft: text('answer_draft'),
    /** the officer marked the answer as containing personal data: it is sent, never published */
    answerHasPersonalData: boolean('answer_has_personal_data').notNull().default(false),
    /** the redacted texts the officer confirmed; what the public pages show */
    publicContent: text('public_content'),
    publicAnswer: text('public_answer'),
    redactionConfirmedAt: timestamp('redaction_confirmed_at', { withTimezone: true }),
    answerText: text('answer_text'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    approvedBy: uuid('approved_by'),
    published: boolean('published').notNull().default(false),
    // ——— Reporter's side (1022 rules) ———
    satisfaction: text('satisfaction', { enum: FEEDBACK_SATISFACTION }),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
  },
  (t) => [
    index('feedback_cases_received_idx').on(t.receivedAt),
    index('feedback_cases_status_idx').on(t.status, t.receivedAt),
    index('feedback_cases_category_idx').on(t.categoryCode, t.receivedAt),
    check('feedback_cases_content_len_ck', sql`char_length(${t.content}) <= 4000`),
    // Vietnam's bounding box: a pin outside it is a typo or a test, never a case of this department.
    check('feedback_cases_lat_ck', sql`${t.lat} IS NULL OR ${t.lat} BETWEEN 8.0 AND 23.5`),
    check('feedback_cases_lng_ck', sql`${t.lng} IS NULL OR ${t.lng} BETWEEN 102.0 AND 110.0`),
    check('feedback_cases_status_ck', sql`${t.status} IN ('new','classified','in_progress','waiting','answered','closed','rejected','forwarded','merged')`),
    check('feedback_cases_channel_ck', sql`${t.channel} IN ('web','hotline','open311','email')`),
    index('feedback_cases_published_idx').on(t.published, t.receivedAt),
    index('feedback_cases_merged_idx').on(t.mergedIntoId),
  ],
);

export const feedbackFiles = pgTable(
  'feedback_files',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => feedbackCases.id),
    storedFileId: uuid('stored_file_id')
      .notNull()
      .references(() => storedFiles.id),
    originalName: text('original_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.storedFileId] })],
);

/** The case's timeline. Public tracking shows the kind and time only: notes are internal (they
 * may quote the caller or an API client's attributes). */
export const feedbackEvents = pgTable(
  'feedback_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => feedbackCases.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: text('kind').notNull(),
    note: text('note'),
    actorId: uuid('actor_id'),
  },
  (t) => [index('feedback_events_case_idx').on(t.caseId, t.at)],
);

/** Periods the handling clock stood still while the unit waited for the reporter's additional
 * information (1022 rules: the time limit does not run meanwhile). An open interval has no end. */
export const feedbackPauses = pgTable(
  'feedback_pauses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => feedbackCases.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** the question put to the reporter */
    question: text('question').notNull(),
    /** working days the due date moved when the pause ended */
    addedDays: integer('added_days'),
  },
  (t) => [index('feedback_pauses_case_idx').on(t.caseId, t.startedAt)],
);

/** Reminders already sent (near the deadline / overdue), one per case, kind and due date: the
 * hourly job never sends the same reminder twice, and a moved due date may be reminded again. */
export const feedbackReminders = pgTable(
  'feedback_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => feedbackCases.id),
    kind: text('kind', { enum: ['near', 'overdue', 'forward_near', 'forward_overdue'] }).notNull(),
    dueDate: date('due_date').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    recipients: integer('recipients').notNull().default(0),
  },
  (t) => [unique('feedback_reminders_once_uq').on(t.caseId, t.kind, t.dueDate)],
);
