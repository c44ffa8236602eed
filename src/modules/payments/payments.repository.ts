import { and, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { feeAccounts, feePayments, feeRefunds, feeStatements } from './payments.schema.js';

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
