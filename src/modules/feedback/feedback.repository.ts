import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import {
  feedbackCases,
  feedbackCategories,
  feedbackCodeSequences,
  feedbackEvents,
  feedbackFiles,
  open311Clients,
  type FeedbackChannel,
  type FeedbackStatus,
} from './feedback.schema.js';

export type FeedbackCategory = typeof feedbackCategories.$inferSelect;
export type FeedbackCase = typeof feedbackCases.$inferSelect;
export type FeedbackEvent = typeof feedbackEvents.$inferSelect;
export type Open311Client = typeof open311Clients.$inferSelect;

/** Statuses Open311 reports as 'open': the department still owes the reporter something. */
export const OPEN_STATUSES: FeedbackStatus[] = ['new', 'classified', 'in_progress', 'waiting'];
export const CLOSED_STATUSES: FeedbackStatus[] = ['answered', 'closed', 'rejected', 'forwarded', 'merged'];

export function listCategories(db: Executor, opts: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(feedbackCategories)
    .where(opts.activeOnly ? eq(feedbackCategories.active, true) : undefined)
    .orderBy(asc(feedbackCategories.sort), asc(feedbackCategories.serviceCode));
}

export async function findCategory(db: Executor, serviceCode: string): Promise<FeedbackCategory | undefined> {
  return (await db.select().from(feedbackCategories).where(eq(feedbackCategories.serviceCode, serviceCode)))[0];
}

/** Seeding never overwrites what an administrator has since edited (name, unit, deadline). */
export async function insertCategoryIfMissing(db: Executor, values: typeof feedbackCategories.$inferInsert) {
  await db.insert(feedbackCategories).values(values).onConflictDoNothing({ target: feedbackCategories.serviceCode });
}

/** Next public code of a day, PA-YYMMDD-NNNN. Must run in the case's transaction: the row lock
 * serialises concurrent intakes of that day and a rollback returns the number (gapless). */
export async function allocateCode(tx: Executor, dayIso: string): Promise<string> {
  const [row] = await tx
    .insert(feedbackCodeSequences)
    .values({ day: dayIso, last: 1 })
    .onConflictDoUpdate({ target: feedbackCodeSequences.day, set: { last: sql`${feedbackCodeSequences.last} + 1` } })
    .returning({ last: feedbackCodeSequences.last });
  const n = row!.last;
  return `PA-${dayIso.slice(2, 4)}${dayIso.slice(5, 7)}${dayIso.slice(8, 10)}-${String(n).padStart(4, '0')}`;
}

export async function insertCase(tx: Executor, values: typeof feedbackCases.$inferInsert): Promise<FeedbackCase> {
  return (await tx.insert(feedbackCases).values(values).returning())[0]!;
}

export async function insertEvent(tx: Executor, values: typeof feedbackEvents.$inferInsert) {
  await tx.insert(feedbackEvents).values(values);
}

export async function insertFile(tx: Executor, values: typeof feedbackFiles.$inferInsert) {
  await tx.insert(feedbackFiles).values(values);
}

export async function findByCode(db: Executor, code: string): Promise<FeedbackCase | undefined> {
  return (await db.select().from(feedbackCases).where(eq(feedbackCases.code, code)))[0];
}

/** One query for code and contact together: an unknown code and a wrong contact take the same
 * path and give the same answer, so the form cannot be used to probe which codes exist. */
export async function findForTracking(db: Executor, code: string, contact: { phone?: string; email?: string }): Promise<FeedbackCase | undefined> {
  const match: SQL[] = [];
  if (contact.phone) match.push(sql`${feedbackCases.reporterPhone} = ${contact.phone}`);
  if (contact.email) match.push(sql`lower(${feedbackCases.reporterEmail}) = ${contact.email.toLowerCase()}`);
  if (!match.length) return undefined;
  return (
    await db
      .select()
      .from(feedbackCases)
      .where(and(eq(feedbackCases.code, code), sql`(${sql.join(match, sql` OR `)})`))
  )[0];
}

export const listEvents = (db: Executor, caseId: string) =>
  db.select().from(feedbackEvents).where(eq(feedbackEvents.caseId, caseId)).orderBy(asc(feedbackEvents.at));

export const listFiles = (db: Executor, caseId: string) => db.select().from(feedbackFiles).where(eq(feedbackFiles.caseId, caseId));

export interface StaffFilter {
  status?: FeedbackStatus;
  /** the queue tab's states (the status filter narrows within it) */
  statuses?: FeedbackStatus[];
  category?: string;
  channel?: FeedbackChannel;
  limit?: number;
}

export function listForStaff(db: Executor, f: StaffFilter) {
  const where: SQL[] = [];
  if (f.status) where.push(eq(feedbackCases.status, f.status));
  if (f.statuses) where.push(inArray(feedbackCases.status, f.statuses));
  if (f.category) where.push(eq(feedbackCases.categoryCode, f.category));
  if (f.channel) where.push(eq(feedbackCases.channel, f.channel));
  return db
    .select()
    .from(feedbackCases)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(feedbackCases.receivedAt), desc(feedbackCases.code))
    .limit(Math.min(f.limit ?? 200, 500));
}

export interface Open311Filter {
  codes?: string[];
  serviceCode?: string;
  start?: Date;
  end?: Date;
  statuses?: ('open' | 'closed')[];
  limit: number;
}

/** GeoReport v2 GET requests: explicit ids override every other filter (the standard says so). */
export function listForOpen311(db: Executor, f: Open311Filter) {
  const where: SQL[] = [];
  if (f.codes?.length) where.push(inArray(feedbackCases.code, f.codes));
  else {
    if (f.serviceCode) where.push(eq(feedbackCases.categoryCode, f.serviceCode));
    if (f.start) where.push(gte(feedbackCases.receivedAt, f.start));
    if (f.end) where.push(lt(feedbackCases.receivedAt, f.end));
    if (f.statuses?.length === 1) where.push(inArray(feedbackCases.status, f.statuses[0] === 'open' ? OPEN_STATUSES : CLOSED_STATUSES));
  }
  return db
    .select()
    .from(feedbackCases)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(feedbackCases.receivedAt), desc(feedbackCases.code))
    .limit(f.limit);
}

export async function findClientByKeyHash(db: Executor, hash: string): Promise<Open311Client | undefined> {
  return (
    await db
      .select()
      .from(open311Clients)
      .where(and(eq(open311Clients.apiKeyHash, hash), eq(open311Clients.active, true)))
  )[0];
}

export async function insertClientIfMissing(db: Executor, values: typeof open311Clients.$inferInsert) {
  await db.insert(open311Clients).values(values).onConflictDoNothing({ target: open311Clients.apiKeyHash });
}

export const countCases = async (db: Executor) => Number((await db.select({ n: sql<number>`count(*)::int` }).from(feedbackCases))[0]?.n ?? 0);
