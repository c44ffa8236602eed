import { and, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { feeAccounts, feePayments, feeRefunds, feeStatements, paymentsGatewayEvents } from './payments.schema.js';

export type FeeAccount = typeof feeAccounts.$inferSelect;

export async function accountOn(db: Executor, day: string): Promise<FeeAccount | undefined> {
  return (
    await db
      .select()
      .from(feeAccounts)
      .where(and(lte(feeAccounts.effectiveFrom, day), or(isNull(feeAccounts.effectiveTo), gte(feeAccounts.effectiveTo, day))))
      .orderBy(desc(feeAccounts.effectiveFrom))
      .limit(1)
  )[0];
}

export async function insertAccount(db: Executor, v: typeof feeAccounts.$inferInsert) {
  await db.insert(feeAccounts).values(v);
}

export const countAccounts = async (db: Executor) => Number((await db.select({ n: sql<number>`count(*)::int` }).from(feeAccounts))[0]?.n ?? 0);

/** Paid minus refunded, per dossier. */
export async function paidByDossier(db: Executor, ids: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!ids.length) return out;
  const paid = await db.execute<{ id: string; n: string }>(
    sql`SELECT dossier_id AS id, sum(amount)::bigint AS n FROM fee_payments WHERE dossier_id = ANY(${sql.param(ids)}::uuid[]) GROUP BY dossier_id`,
  );
  for (const r of paid.rows) out.set(r.id, Number(r.n));
  return out;
}

export async function paymentsOf(db: Executor, dossierId: string) {
  return db.select().from(feePayments).where(eq(feePayments.dossierId, dossierId)).orderBy(feePayments.createdAt);
}

export async function knownTxnIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  // One array parameter rather than one per id (a statement has up to tens of thousands).
  const rows = await db.execute<{ t: string }>(sql`SELECT bank_txn_id AS t FROM fee_payments WHERE bank_txn_id = ANY(${sql.param(ids)}::text[])`);
  return new Set(rows.rows.map((r) => r.t));
}

/** Inserts the statement unless the same file was imported before (then undefined). */
export async function insertStatement(db: Executor, v: typeof feeStatements.$inferInsert) {
  return (await db.insert(feeStatements).values(v).onConflictDoNothing().returning())[0];
}

export const findStatementBySha = async (db: Executor, sha: string) => (await db.select().from(feeStatements).where(eq(feeStatements.sha256, sha)).limit(1))[0];

/**
 * One statement for any number of payments: each column is one array parameter (unnest), so a
 * statement of 10,000 lines costs one round trip and no per-value query building (the ORM's
 * multi-row VALUES spent seconds building 90,000 parameters, bench/payments.ts).
 */
export async function insertPayments(db: Executor, rows: (typeof feePayments.$inferInsert)[]) {
  if (!rows.length) return;
  const col = <T>(f: (r: (typeof rows)[number]) => T) => sql.param(rows.map(f));
  await db.execute(sql`
    INSERT INTO fee_payments (dossier_id, amount, method, bank_txn_id, statement_id, paid_on, memo, receipt_no, recorded_by)
    SELECT * FROM unnest(${col((r) => r.dossierId)}::uuid[], ${col((r) => r.amount)}::bigint[], ${col((r) => r.method)}::text[],
                         ${col((r) => r.bankTxnId ?? null)}::text[], ${col((r) => r.statementId ?? null)}::uuid[], ${col((r) => r.paidOn)}::date[],
                         ${col((r) => r.memo ?? null)}::text[], ${col((r) => r.receiptNo ?? null)}::text[], ${col((r) => r.recordedBy ?? null)}::uuid[])`);
}

export async function insertRefund(db: Executor, v: typeof feeRefunds.$inferInsert) {
  return (await db.insert(feeRefunds).values(v).returning())[0]!;
}

export async function refundedByDossier(db: Executor, id: string) {
  return Number((await db.select({ n: sql<number>`coalesce(sum(${feeRefunds.amount}), 0)::bigint` }).from(feeRefunds).where(eq(feeRefunds.dossierId, id)))[0]?.n ?? 0);
}

export const findPayment = async (db: Executor, id: string) => (await db.select().from(feePayments).where(eq(feePayments.id, id)).limit(1))[0];

export async function refundsOf(db: Executor, dossierId: string) {
  return db.select().from(feeRefunds).where(eq(feeRefunds.dossierId, dossierId)).orderBy(feeRefunds.createdAt);
}

export async function insertPayment(db: Executor, v: typeof feePayments.$inferInsert) {
  return (await db.insert(feePayments).values(v).returning({ id: feePayments.id }))[0]!;
}

/** Per dossier and month (Vietnamese calendar month of the payment day): paid, and whether any was cash. */
export async function paymentsByDossierMonth(db: Executor, from: string, to: string) {
  const rows = await db.execute<{ dossier_id: string; month: string; paid: string; cash: boolean }>(sql`
    SELECT dossier_id, to_char(paid_on, 'YYYY-MM') AS month, sum(amount)::bigint AS paid, bool_or(method = 'cash') AS cash
      FROM fee_payments WHERE paid_on >= ${from}::date AND paid_on <= ${to}::date
     GROUP BY dossier_id, month`);
  return rows.rows.map((r) => ({ dossierId: r.dossier_id, month: r.month, paid: Number(r.paid), cash: r.cash }));
}

export async function refundsByDossierMonth(db: Executor, from: string, to: string) {
  const rows = await db.execute<{ dossier_id: string; month: string; refunded: string }>(sql`
    SELECT dossier_id, to_char(created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month, sum(amount)::bigint AS refunded
      FROM fee_refunds
     WHERE (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= ${from}::date AND (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= ${to}::date
     GROUP BY dossier_id, month`);
  return rows.rows.map((r) => ({ dossierId: r.dossier_id, month: r.month, refunded: Number(r.refunded) }));
}

/** Claims (gateway, eventId); undefined when it was recorded before (then `previous` has it). */
export async function claimGatewayEvent(db: Executor, v: typeof paymentsGatewayEvents.$inferInsert) {
  return (await db.insert(paymentsGatewayEvents).values(v).onConflictDoNothing().returning())[0];
}
export const findGatewayEvent = async (db: Executor, gateway: string, eventId: string) =>
  (await db.select().from(paymentsGatewayEvents).where(and(eq(paymentsGatewayEvents.gateway, gateway), eq(paymentsGatewayEvents.eventId, eventId))).limit(1))[0];
