import { date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Periodicity } from './indicators.schema.js';

/**
 * When a unit's figures for a period are due, per periodicity, as data with validity dates (the
 * department changes its reporting rules by decision; a period takes the rule in force on its
 * last day): the n-th working day after the period ends, and how many working days before that
 * the reminder goes out.
 */
export const indicatorDeadlineRules = pgTable(
  'indicator_deadline_rules',
  {
    id: serial('id').primaryKey(),
    periodicity: text('periodicity').$type<Periodicity>().notNull(),
    workingDaysAfterEnd: integer('working_days_after_end').notNull(),
    remindWorkingDaysBefore: integer('remind_working_days_before').notNull().default(2),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    /** the decision or rule this comes from, in words */
    basis: text('basis').notNull().default(''),
  },
  (t) => [uniqueIndex('indicator_deadline_rules_uq').on(t.periodicity, t.validFrom)],
);

/** One reminder of each kind per unit, period and due date (a moved deadline reminds again). */
export const indicatorReminders = pgTable(
  'indicator_reminders',
  {
    periodCode: text('period_code').notNull(),
    unitCode: text('unit_code').notNull(),
    kind: text('kind', { enum: ['near', 'overdue'] }).notNull(),
    dueOn: date('due_on').notNull(),
    recipients: integer('recipients').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'indicator_reminders_pk', columns: [t.periodCode, t.unitCode, t.kind, t.dueOn] })],
);

export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The IOC push log: one row per delivery (its id is the idempotency id the receiver sees), with
 * the exact bytes sent so that every retry sends the same body and signature.
 */
export const indicatorDeliveries = pgTable(
  'indicator_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodCode: text('period_code').notNull(),
    trigger: text('trigger', { enum: ['report', 'period', 'resend', 'correction'] }).notNull(),
    unitCode: text('unit_code'),
    endpoint: text('endpoint').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    httpStatus: integer('http_status'),
    lastError: text('last_error'),
    payload: text('payload').notNull(),
    payloadHash: text('payload_hash').notNull(),
    payloadBytes: integer('payload_bytes').notNull(),
    observations: integer('observations').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
  },
  (t) => [index('indicator_deliveries_period_idx').on(t.periodCode, t.createdAt), index('indicator_deliveries_status_idx').on(t.status, t.createdAt)],
);
