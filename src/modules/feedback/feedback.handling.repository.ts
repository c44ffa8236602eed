import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { listAssignments, listUnits } from '../../core/org/org.repository.js';
import { feedbackCases, feedbackPauses, feedbackReminders, type FeedbackStatus } from './feedback.schema.js';
import { OPEN_STATUSES, type FeedbackCase } from './feedback.repository.js';

export type FeedbackPause = typeof feedbackPauses.$inferSelect;

export async function findCase(db: Executor, id: string): Promise<FeedbackCase | undefined> {
  return (await db.select().from(feedbackCases).where(eq(feedbackCases.id, id)))[0];
}

/** Optimistic concurrency: the change applies only to the version the officer saw; no row back
 * means someone else changed the case meanwhile (the caller answers CORE-409). */
export async function updateCaseVersioned(
  tx: Executor,
  id: string,
  version: number,
  set: Partial<typeof feedbackCases.$inferInsert>,
): Promise<FeedbackCase | undefined> {
  return (
    await tx
      .update(feedbackCases)
      .set({ ...set, version: sql`${feedbackCases.version} + 1`, updatedAt: set.updatedAt ?? new Date() })
      .where(and(eq(feedbackCases.id, id), eq(feedbackCases.version, version)))
      .returning()
  )[0];
}

export interface SimilarCase {
  id: string;
  code: string;
  content: string;
  status: FeedbackStatus;
  receivedAt: Date;
  similarity: number;
  distanceM: number | null;
}

/**
 * Duplicate suggestions (issue 4 part 3): open cases of the same category whose text is similar
 * (pg_trgm similarity ≥ 0.3 on the unaccented, lower-cased content; the GIN index of migration
 * 0008 serves the % operator) and, when both carry a location, lie within 50 m (haversine on a
 * 6,371 km sphere: at city scale its error is centimetres).
 */
export async function findSimilarOpen(db: Executor, c: FeedbackCase, limit = 10): Promise<SimilarCase[]> {
  const lat = c.lat === null ? null : Number(c.lat);
  const lng = c.lng === null ? null : Number(c.lng);
  const distance =
    lat === null || lng === null
      ? sql`NULL::float8`
      : sql`CASE WHEN lat IS NULL OR lng IS NULL THEN NULL ELSE
          2 * 6371000 * asin(sqrt(
            power(sin(radians((lat::float8 - ${lat}::float8) / 2)), 2) +
            cos(radians(${lat}::float8)) * cos(radians(lat::float8)) * power(sin(radians((lng::float8 - ${lng}::float8) / 2)), 2)
          )) END`;
  const res = await db.execute(sql`
    SELECT * FROM (
      SELECT id, code, content, status, received_at,
             similarity(public.vh_unaccent(lower(content)), public.vh_unaccent(lower(${c.content}))) AS sim,
             ${distance} AS dist
        FROM feedback_cases
       WHERE id <> ${c.id}
         AND category_code = ${c.categoryCode}
         AND status IN (${sql.join(
           OPEN_STATUSES.map((s) => sql`${s}`),
           sql`, `,
         )})
    ) x
    WHERE x.sim >= 0.3 AND (x.dist IS NULL OR x.dist <= 50)
    ORDER BY x.sim DESC, x.received_at DESC
    LIMIT ${limit}`);
  return res.rows.map((r) => ({
    id: String(r.id),
    code: String(r.code),
    content: String(r.content),
    status: r.status as FeedbackStatus,
    receivedAt: new Date(r.received_at as string),
    similarity: Number(r.sim),
    distanceM: r.dist === null || r.dist === undefined ? null : Number(r.dist),
  }));
}

/** Cases folded into this one: their reporters get this case's answer. */
export const listMergedInto = (db: Executor, id: string) =>
  db.select().from(feedbackCases).where(eq(feedbackCases.mergedIntoId, id)).orderBy(asc(feedbackCases.receivedAt));

/** A case merged into this one's duplicates follows it to the new target (no chains). */
export async function repointMerged(tx: Executor, fromId: string, toId: string) {
  await tx.update(feedbackCases).set({ mergedIntoId: toId, updatedAt: new Date() }).where(eq(feedbackCases.mergedIntoId, fromId));
}

export async function insertPause(tx: Executor, values: typeof feedbackPauses.$inferInsert) {
  await tx.insert(feedbackPauses).values(values);
}

export async function findOpenPause(db: Executor, caseId: string): Promise<FeedbackPause | undefined> {
  return (
    await db
      .select()
      .from(feedbackPauses)
      .where(and(eq(feedbackPauses.caseId, caseId), isNull(feedbackPauses.endedAt)))
  )[0];
}

export async function endPause(tx: Executor, id: string, endedAt: Date, addedDays: number) {
  await tx.update(feedbackPauses).set({ endedAt, addedDays }).where(eq(feedbackPauses.id, id));
}

export const listPauses = (db: Executor, caseId: string) =>
  db.select().from(feedbackPauses).where(eq(feedbackPauses.caseId, caseId)).orderBy(asc(feedbackPauses.startedAt));

// ——— Public list (issue 4 part 4) ———

export interface PublicFilter {
  q?: string;
  category?: string;
  status?: FeedbackStatus;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

function publicWhere(f: PublicFilter): SQL {
  const where: SQL[] = [eq(feedbackCases.published, true), eq(feedbackCases.publishConsent, true)];
  if (f.category) where.push(eq(feedbackCases.categoryCode, f.category));
  if (f.status) where.push(eq(feedbackCases.status, f.status));
  if (f.from) where.push(gte(feedbackCases.receivedAt, new Date(`${f.from}T00:00:00+07:00`)));
  if (f.to) where.push(lte(feedbackCases.receivedAt, new Date(`${f.to}T23:59:59.999+07:00`)));
  if (f.q) {
    // Without diacritics and case: "karaoke on ao" finds "Karaoke ồn ào" (domain.md §10).
    const needle = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(
      sql`public.vh_unaccent(lower(coalesce(${feedbackCases.publicContent}, '') || ' ' || coalesce(${feedbackCases.publicAnswer}, '') || ' ' || ${feedbackCases.code})) LIKE public.vh_unaccent(lower(${needle}))`,
    );
  }
  return and(...where)!;
}

export async function listPublished(db: Executor, f: PublicFilter) {
  const rows = await db
    .select({
      id: feedbackCases.id,
      code: feedbackCases.code,
      categoryCode: feedbackCases.categoryCode,
      status: feedbackCases.status,
      receivedAt: feedbackCases.receivedAt,
      answeredAt: feedbackCases.answeredAt,
      publicContent: feedbackCases.publicContent,
    })
    .from(feedbackCases)
    .where(publicWhere(f))
    .orderBy(desc(feedbackCases.answeredAt), desc(feedbackCases.code))
    .limit(Math.min(f.limit ?? 20, 100))
    .offset(f.offset ?? 0);
  const total = Number((await db.select({ n: sql<number>`count(*)::int` }).from(feedbackCases).where(publicWhere(f)))[0]?.n ?? 0);
  return { rows, total };
}

export async function findPublishedByCode(db: Executor, code: string): Promise<FeedbackCase | undefined> {
  return (
    await db
      .select()
      .from(feedbackCases)
      .where(and(eq(feedbackCases.code, code), eq(feedbackCases.published, true), eq(feedbackCases.publishConsent, true)))
  )[0];
}

// ——— Reminders (issue 4 part 4: reminders and escalation to the unit's leader) ———

/** Open cases with a running clock: routed within authority (due_date) or waiting to be
 * forwarded outside (forward_due_date). Waiting cases are paused and get no reminder. */
export function listReminderCandidates(db: Executor) {
  return db
    .select()
    .from(feedbackCases)
    .where(inArray(feedbackCases.status, ['new', 'classified', 'in_progress'] as FeedbackStatus[]))
    .orderBy(asc(feedbackCases.dueDate));
}

/** Records the reminder once; false when it was already sent for that due date. */
export async function recordReminder(tx: Executor, values: typeof feedbackReminders.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(feedbackReminders).values(values).onConflictDoNothing().returning({ id: feedbackReminders.id });
  return rows.length > 0;
}

export const listReminders = (db: Executor, caseId: string) =>
  db.select().from(feedbackReminders).where(eq(feedbackReminders.caseId, caseId)).orderBy(asc(feedbackReminders.sentAt));

// ——— People of a unit (read through the core org repository) ———

/** The department's units (by code they are the responsible units of categories and cases). */
export const allUnits = (db: Executor) => listUnits(db);

export async function unitByCode(db: Executor, code: string | null) {
  if (!code) return undefined;
  return (await listUnits(db)).find((u) => u.code === code);
}

export interface UnitPerson {
  userId: string;
  name: string;
  email: string;
  roleCode: string;
  positionCode: string | null;
}

/** Current role assignments of a unit (valid today), one row per person and role. */
export async function unitPeople(db: Executor, unitId: string, today: string): Promise<UnitPerson[]> {
  const rows = await listAssignments(db);
  return rows
    .filter((r) => r.unitId === unitId && r.validFrom <= today && (!r.validTo || r.validTo >= today))
    .map((r) => ({ userId: r.userId, name: r.userName, email: r.userEmail, roleCode: r.roleCode, positionCode: r.positionCode }));
}

/** Everyone holding a role today, across units (the department's leaders when a unit has none). */
export async function peopleWithRole(db: Executor, roleCode: string, today: string): Promise<UnitPerson[]> {
  const rows = await listAssignments(db);
  return rows
    .filter((r) => r.roleCode === roleCode && r.validFrom <= today && (!r.validTo || r.validTo >= today))
    .map((r) => ({ userId: r.userId, name: r.userName, email: r.userEmail, roleCode: r.roleCode, positionCode: r.positionCode }));
}
