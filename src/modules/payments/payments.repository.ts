import { and, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
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
  const paid = await db
    .select({ id: feePayments.dossierId, n: sql<number>`sum(${feePayments.amount})::bigint` })
    .from(feePayments)
    .where(inArray(feePayments.dossierId, ids))
    .groupBy(feePayments.dossierId);
  for (const r of paid) out.set(r.id, Number(r.n));
  return out;
}

export async function paymentsOf(db: Executor, dossierId: string) {
  return db.select().from(feePayments).where(eq(feePayments.dossierId, dossierId)).orderBy(feePayments.createdAt);
}

export async function knownTxnIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ t: feePayments.bankTxnId }).from(feePayments).where(inArray(feePayments.bankTxnId, ids));
  return new Set(rows.map((r) => r.t!));
}

/** Inserts the statement unless the same file was imported before (then undefined). */
export async function insertStatement(db: Executor, v: typeof feeStatements.$inferInsert) {
  return (await db.insert(feeStatements).values(v).onConflictDoNothing().returning())[0];
}

export const findStatementBySha = async (db: Executor, sha: string) => (await db.select().from(feeStatements).where(eq(feeStatements.sha256, sha)).limit(1))[0];

export async function insertPayments(db: Executor, rows: (typeof feePayments.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(feePayments).values(rows.slice(i, i + 1000));
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
