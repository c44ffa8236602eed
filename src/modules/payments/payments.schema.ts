import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../dossiers/dossiers.schema.js';

/** The account fees are paid into (the State Treasury or the agency's collection account), as
 * data with an effective date: it changes by decision, never in code. */
export const feeAccounts = pgTable('fee_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  bankBin: text('bank_bin').notNull(),
  bankName: text('bank_name').notNull(),
  accountNumber: text('account_number').notNull(),
  accountName: text('account_name').notNull(),
  effectiveFrom: date('effective_from').notNull(),
  effectiveTo: date('effective_to'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const feeStatements = pgTable(
  'fee_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    importedBy: uuid('imported_by'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    lineCount: integer('line_count').notNull(),
    report: jsonb('report').$type<{ line: number; outcome: string; vi: string }[]>().notNull(),
  },
  (t) => [uniqueIndex('fee_statements_sha256_uq').on(t.sha256)],
);

export const feePayments = pgTable(
  'fee_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // ADR 008 exception 1 applies: a constraint, not a read path.
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    method: text('method', { enum: ['bank', 'cash', 'gateway'] }).notNull(),
    bankTxnId: text('bank_txn_id'),
    statementId: uuid('statement_id').references(() => feeStatements.id),
    paidOn: date('paid_on').notNull(),
    memo: text('memo'),
    receiptNo: text('receipt_no'),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fee_payments_bank_txn_uq').on(t.bankTxnId), index('fee_payments_dossier_idx').on(t.dossierId), index('fee_payments_paid_on_idx').on(t.paidOn)],
);

export const feeRefunds = pgTable('fee_refunds', {
  id: uuid('id').primaryKey().defaultRandom(),
  dossierId: uuid('dossier_id')
    .notNull()
    .references(() => dossiers.id, { onDelete: 'cascade' }),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  reason: text('reason').notNull(),
  recordedBy: uuid('recorded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Payment-gateway notifications (issue 18 part 6): the unique key makes the webhook idempotent. */
export const paymentsGatewayEvents = pgTable(
  'payments_gateway_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gateway: text('gateway').notNull(),
    eventId: text('event_id').notNull(),
    dossierId: uuid('dossier_id').references(() => dossiers.id, { onDelete: 'set null' }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    outcome: text('outcome').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('payments_gateway_events_uq').on(t.gateway, t.eventId)],
);
