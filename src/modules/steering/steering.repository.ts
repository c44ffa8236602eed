import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import {
  steeringBodies,
  steeringConclusions,
  type steeringCriteria,
  steeringMeetings,
  steeringMembers,
  steeringPlans,
  steeringReportVersions,
  steeringReports,
  steeringScores,
  steeringTargets,
  steeringTaskUpdates,
  steeringTasks,
} from './steering.schema.js';

export type Plan = typeof steeringPlans.$inferSelect;
export type Target = typeof steeringTargets.$inferSelect;
export type Meeting = typeof steeringMeetings.$inferSelect;
export type Conclusion = typeof steeringConclusions.$inferSelect;
export type Task = typeof steeringTasks.$inferSelect;
export type TaskUpdate = typeof steeringTaskUpdates.$inferSelect;
export type Report = typeof steeringReports.$inferSelect;
export type ReportVersion = typeof steeringReportVersions.$inferSelect;
export type Body = typeof steeringBodies.$inferSelect;
export type Member = typeof steeringMembers.$inferSelect;
export type Criterion = typeof steeringCriteria.$inferSelect;
export type Score = typeof steeringScores.$inferSelect;

/** A task with the status a reader should see on the day `today`: a task not done nor dropped
 * whose deadline passed is late; one due within 5 days at under half its progress is at risk. */
export interface BoardTask extends Task {
  effective: 'not_started' | 'on_track' | 'at_risk' | 'late' | 'done' | 'dropped';
  planNumber: string | null;
  meetingTitle: string | null;
}

const EFFECTIVE = (today: string) => sql<string>`CASE
  WHEN t.status IN ('done', 'dropped') THEN t.status
  WHEN t.deadline < ${today}::date THEN 'late'
  WHEN t.status = 'at_risk' OR (t.deadline <= ${today}::date + 5 AND t.progress < 50) THEN 'at_risk'
  ELSE t.status END`;

/** Late first, then at risk, then the rest by deadline (issue 17 part 3: the leaders' board). */
export async function board(db: Executor, today: string, f: { unit?: string; planId?: string; open?: boolean } = {}): Promise<BoardTask[]> {
  const where = [sql`true`];
  if (f.unit) where.push(sql`(t.owner_unit = ${f.unit} OR ${f.unit} = ANY(t.co_units))`);
  if (f.planId) where.push(sql`t.plan_id = ${f.planId}`);
  if (f.open) where.push(sql`t.status NOT IN ('done', 'dropped')`);
  const res = await db.execute<Record<string, unknown>>(sql`
    SELECT t.*, ${EFFECTIVE(today)} AS effective, p.number AS plan_number, m.title AS meeting_title
      FROM steering_tasks t
      LEFT JOIN steering_plans p ON p.id = t.plan_id
      LEFT JOIN steering_conclusions c ON c.id = t.conclusion_id
      LEFT JOIN steering_meetings m ON m.id = c.meeting_id
     WHERE ${sql.join(where, sql` AND `)}
     ORDER BY CASE ${EFFECTIVE(today)} WHEN 'late' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'not_started' THEN 2 WHEN 'on_track' THEN 3 WHEN 'done' THEN 4 ELSE 5 END, t.deadline, t.code
     LIMIT 2000`);
  return res.rows.map(toBoardTask);
}

function toBoardTask(r: Record<string, unknown>): BoardTask {
  const d = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v as string | null));
  return {
    id: r.id as string,
    code: r.code as string,
    title: r.title as string,
    planId: r.plan_id as string | null,
    conclusionId: r.conclusion_id as string | null,
    ownerUnit: r.owner_unit as string,
    coUnits: (r.co_units as string[]) ?? [],
    deadline: d(r.deadline) as string,
    expectedProduct: r.expected_product as string,
    status: r.status as Task['status'],
    progress: Number(r.progress),
    dropReason: r.drop_reason as string | null,
    doneOn: d(r.done_on),
    remindedAt: r.reminded_at as Date | null,
    escalatedAt: r.escalated_at as Date | null,
    isDemo: Boolean(r.is_demo),
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
    effective: r.effective as BoardTask['effective'],
    planNumber: (r.plan_number as string | null) ?? null,
    meetingTitle: (r.meeting_title as string | null) ?? null,
  };
}

/** Counts by effective status, for the report and the board's summary. */
export async function taskCounts(db: Executor, today: string, f: { unit?: string; from?: string; to?: string } = {}): Promise<Record<string, number>> {
  const where = [sql`true`];
  if (f.unit) where.push(sql`t.owner_unit = ${f.unit}`);
  if (f.from) where.push(sql`t.deadline >= ${f.from}::date`);
  if (f.to) where.push(sql`t.deadline <= ${f.to}::date`);
  const res = await db.execute<{ effective: string; n: string }>(sql`
    SELECT ${EFFECTIVE(today)} AS effective, count(*) AS n FROM steering_tasks t WHERE ${sql.join(where, sql` AND `)} GROUP BY 1`);
  const out: Record<string, number> = { not_started: 0, on_track: 0, at_risk: 0, late: 0, done: 0, dropped: 0 };
  for (const r of res.rows) out[r.effective] = Number(r.n);
  return out;
}

export const findTask = async (db: Executor, id: string) => (await db.select().from(steeringTasks).where(eq(steeringTasks.id, id)))[0];
export const updatesOf = (db: Executor, taskId: string) =>
  db.select().from(steeringTaskUpdates).where(eq(steeringTaskUpdates.taskId, taskId)).orderBy(desc(steeringTaskUpdates.createdAt));
export const listPlans = (db: Executor, publishedOnly = false) =>
  publishedOnly
    ? db.select().from(steeringPlans).where(eq(steeringPlans.published, true)).orderBy(desc(steeringPlans.issuedOn))
    : db.select().from(steeringPlans).orderBy(desc(steeringPlans.issuedOn));
export const findPlan = async (db: Executor, id: string) => (await db.select().from(steeringPlans).where(eq(steeringPlans.id, id)))[0];
export const findPlanByNumber = async (db: Executor, n: string) => (await db.select().from(steeringPlans).where(eq(steeringPlans.number, n)))[0];
export const targetsOf = (db: Executor, planId: string) =>
  db.select().from(steeringTargets).where(eq(steeringTargets.planId, planId)).orderBy(asc(steeringTargets.sort));
export const plansInYear = (db: Executor, year: number) =>
  db
    .select()
    .from(steeringPlans)
    .where(and(sql`${steeringPlans.periodFrom} <= ${`${year}-12-31`}::date`, sql`${steeringPlans.periodTo} >= ${`${year}-01-01`}::date`))
    .orderBy(asc(steeringPlans.issuedOn));
export const listMeetings = (db: Executor) => db.select().from(steeringMeetings).orderBy(desc(steeringMeetings.heldOn));
export const findMeeting = async (db: Executor, id: string) => (await db.select().from(steeringMeetings).where(eq(steeringMeetings.id, id)))[0];
export const conclusionsOf = (db: Executor, meetingId: string) =>
  db.select().from(steeringConclusions).where(eq(steeringConclusions.meetingId, meetingId)).orderBy(asc(steeringConclusions.seq));
export async function tasksOfMeeting(db: Executor, meetingId: string, today: string): Promise<BoardTask[]> {
  const res = await db.execute<Record<string, unknown>>(sql`
    SELECT t.*, ${EFFECTIVE(today)} AS effective, NULL AS plan_number, NULL AS meeting_title
      FROM steering_tasks t JOIN steering_conclusions c ON c.id = t.conclusion_id
     WHERE c.meeting_id = ${meetingId} ORDER BY c.seq, t.code`);
  return res.rows.map(toBoardTask);
}
export const listBodies = (db: Executor) => db.select().from(steeringBodies).orderBy(asc(steeringBodies.kind), desc(steeringBodies.decisionDate));
export const membersOf = (db: Executor, bodyId: string) =>
  db.select().from(steeringMembers).where(eq(steeringMembers.bodyId, bodyId)).orderBy(asc(steeringMembers.fromDate), asc(steeringMembers.fullName));
export const listReports = (db: Executor, publishedOnly = false) =>
  publishedOnly
    ? db.select().from(steeringReports).where(eq(steeringReports.status, 'published')).orderBy(desc(steeringReports.year), desc(steeringReports.createdAt))
    : db.select().from(steeringReports).orderBy(desc(steeringReports.year), desc(steeringReports.createdAt));
/** Published reports with the title of their current version, for the portal's documents page. */
export async function publishedReportsWithTitles(db: Executor) {
  const res = await db.execute<{ id: string; number: string; title: string; issued_on: string }>(sql`
    SELECT r.id, r.number, v.content->>'title' AS title, to_char(coalesce(r.approved_at, r.created_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS issued_on
      FROM steering_reports r JOIN steering_report_versions v ON v.report_id = r.id AND v.version = r.version
     WHERE r.status = 'published' ORDER BY r.year DESC, r.created_at DESC`);
  return res.rows;
}
export const findReport = async (db: Executor, id: string) => (await db.select().from(steeringReports).where(eq(steeringReports.id, id)))[0];
export const versionsOf = (db: Executor, reportId: string) =>
  db.select().from(steeringReportVersions).where(eq(steeringReportVersions.reportId, reportId)).orderBy(desc(steeringReportVersions.version));
export async function versionOf(db: Executor, reportId: string, version: number) {
  return (
    await db
      .select()
      .from(steeringReportVersions)
      .where(and(eq(steeringReportVersions.reportId, reportId), eq(steeringReportVersions.version, version)))
  )[0];
}
export const criteriaFor = (db: Executor, year: number) =>
  db.execute<Record<string, unknown>>(sql`
    SELECT DISTINCT ON (index_kind, code) * FROM steering_criteria WHERE effective_year <= ${year}
     ORDER BY index_kind, code, effective_year DESC`);
export const scoresFor = (db: Executor, year: number) => db.select().from(steeringScores).where(eq(steeringScores.year, year));

/** Units of the organisation (core org), code → name. */
export async function unitNames(db: Executor): Promise<Map<string, string>> {
  const res = await db.execute<{ code: string; name: string }>(sql`SELECT code, name FROM units ORDER BY sort, name`);
  return new Map(res.rows.map((r) => [r.code, r.name]));
}
export async function unitIdOf(db: Executor, code: string): Promise<string | null> {
  const res = await db.execute<{ id: string }>(sql`SELECT id FROM units WHERE code = ${code} LIMIT 1`);
  return res.rows[0]?.id ?? null;
}
/** The unit codes of the units where the actor holds a unit-scoped grant. */
export async function unitCodesOfIds(db: Executor, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const res = await db.execute<{ code: string }>(
    sql`SELECT code FROM units WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return res.rows.map((r) => r.code);
}

/** The next task code of a year: NV-2025-001 … (called under the task-code advisory lock). */
export async function nextTaskCode(db: Executor, year: number): Promise<string> {
  const res = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM steering_tasks WHERE code LIKE ${`NV-${year}-%`}`);
  return `NV-${year}-${String(Number(res.rows[0]?.n ?? 0) + 1).padStart(3, '0')}`;
}

/** Open tasks past a reminder point: due within `days` days (reminder) or late (escalation). */
export async function tasksToRemind(db: Executor, today: string, days: number): Promise<Task[]> {
  return db
    .select()
    .from(steeringTasks)
    .where(
      sql`${steeringTasks.status} NOT IN ('done', 'dropped') AND ${steeringTasks.deadline} <= ${today}::date + ${days}::int AND ${steeringTasks.remindedAt} IS NULL`,
    );
}
export async function tasksToEscalate(db: Executor, today: string): Promise<Task[]> {
  return db
    .select()
    .from(steeringTasks)
    .where(sql`${steeringTasks.status} NOT IN ('done', 'dropped') AND ${steeringTasks.deadline} < ${today}::date AND ${steeringTasks.escalatedAt} IS NULL`);
}
