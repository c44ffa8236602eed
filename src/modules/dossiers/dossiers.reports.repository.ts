import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';

/**
 * The SQL of the registers and statistics (issue 3 part 7). Every query reads one index range —
 * received in the period (submitted_at), finished in it (finished_at), still open (the partial
 * index of open dossiers) — so a quarter answers quickly over a million dossiers
 * (docs/benchmarks.md).
 */

export interface ReportScope {
  /** [start, end) instants of the period: Vietnam's days from 00:00 UTC+7 */
  start: Date;
  end: Date;
  unitCode?: string;
  procedureCode?: string;
  /** unit-scoped staff: only these units; undefined = the whole agency */
  unitCodes?: string[];
}

export type GroupBy = 'unit' | 'procedure' | 'none';

function filters(s: ReportScope): SQL {
  const parts: SQL[] = [sql`d.status <> 'draft'`];
  if (s.unitCode) parts.push(sql`d.unit_code = ${s.unitCode}`);
  if (s.procedureCode) parts.push(sql`d.procedure_code = ${s.procedureCode}`);
  if (s.unitCodes) parts.push(s.unitCodes.length ? sql`d.unit_code IN (${sql.join(s.unitCodes.map((u) => sql`${u}`), sql`, `)})` : sql`false`);
  return sql.join(parts, sql` AND `);
}

function key(g: GroupBy): SQL {
  if (g === 'unit') return sql`coalesce(d.unit_code, '')`;
  if (g === 'procedure') return sql`d.procedure_code`;
  return sql`''`;
}

async function rows<T>(db: Executor, q: SQL): Promise<T[]> {
  const r = await db.execute(q);
  return (r as unknown as { rows: T[] }).rows;
}

export interface ReceivedRow {
  k: string;
  total: number;
  online: number;
  desk: number;
}

export const receivedIn = (db: Executor, s: ReportScope, g: GroupBy) =>
  rows<ReceivedRow>(
    db,
    sql`SELECT ${key(g)} AS k, count(*)::int AS total,
          count(*) FILTER (WHERE d.channel = 'online')::int AS online, count(*) FILTER (WHERE d.channel = 'desk')::int AS desk
        FROM dossiers d
        WHERE d.submitted_at >= ${s.start} AND d.submitted_at < ${s.end} AND ${filters(s)}
        GROUP BY 1`,
  );

/** Open at the instant `at`: submitted before it and not finished before it. The GiST index on
 * this range finds just those dossiers, for a period of 2023 as fast as for last month. */
function openAt(at: Date): SQL {
  return sql`tstzrange(d.submitted_at, d.finished_at, '(]') @> ${at}::timestamptz AND d.status <> 'draft'`;
}

export const carriedOver = (db: Executor, s: ReportScope, g: GroupBy) =>
  rows<{ k: string; total: number }>(
    db,
    sql`SELECT ${key(g)} AS k, count(*)::int AS total
        FROM dossiers d WHERE ${openAt(s.start)} AND ${filters(s)} GROUP BY 1`,
  );

export interface FinishedRow {
  k: string;
  returned: number;
  early: number;
  onTime: number;
  late: number;
  refused: number;
  stopped: number;
  rated: number;
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
  /** returned, neither late nor rated "not satisfied" (Decision 766 satisfaction numerator) */
  satisfactory: number;
}

export const finishedIn = (db: Executor, s: ReportScope, g: GroupBy) =>
  rows<FinishedRow>(
    db,
    sql`SELECT ${key(g)} AS k,
          count(*) FILTER (WHERE d.status = 'returned')::int AS "returned",
          count(*) FILTER (WHERE d.status = 'returned' AND d.outcome = 'early')::int AS "early",
          count(*) FILTER (WHERE d.status = 'returned' AND d.outcome = 'on_time')::int AS "onTime",
          count(*) FILTER (WHERE d.status = 'returned' AND d.outcome = 'late')::int AS "late",
          count(*) FILTER (WHERE d.status = 'refused')::int AS "refused",
          count(*) FILTER (WHERE d.status = 'stopped')::int AS "stopped",
          count(d.rating)::int AS "rated",
          count(*) FILTER (WHERE d.rating = 'very_satisfied')::int AS "verySatisfied",
          count(*) FILTER (WHERE d.rating = 'satisfied')::int AS "satisfied",
          count(*) FILTER (WHERE d.rating = 'not_satisfied')::int AS "notSatisfied",
          count(*) FILTER (WHERE d.status = 'returned' AND d.outcome IS DISTINCT FROM 'late' AND d.rating IS DISTINCT FROM 'not_satisfied')::int AS "satisfactory"
        FROM dossiers d
        WHERE d.finished_at >= ${s.start} AND d.finished_at < ${s.end} AND ${filters(s)}
        GROUP BY 1`,
  );

export interface OpenRow {
  k: string;
  onTime: number;
  overdue: number;
  waiting: number;
}

/** Still open at the end of the period; `asOf` is the day that decides overdue (ISO date). */
export const openAtEnd = (db: Executor, s: ReportScope, g: GroupBy, asOf: string) =>
  rows<OpenRow>(
    db,
    sql`SELECT ${key(g)} AS k,
          count(*) FILTER (WHERE d.status NOT IN ('submitted', 'supplement_requested') AND d.paused_at IS NULL AND (d.due_date IS NULL OR d.due_date >= ${asOf}::date))::int AS "onTime",
          count(*) FILTER (WHERE d.status NOT IN ('submitted', 'supplement_requested') AND d.paused_at IS NULL AND d.due_date < ${asOf}::date)::int AS "overdue",
          count(*) FILTER (WHERE d.status IN ('submitted', 'supplement_requested') OR d.paused_at IS NOT NULL)::int AS "waiting"
        FROM dossiers d WHERE ${openAt(s.end)} AND ${filters(s)} GROUP BY 1`,
  );

// Form 07 -----------------------------------------------------------------------------------------

export interface LogRow {
  id: string;
  code: string;
  procedureName: string;
  unitCode: string;
  channel: 'online' | 'desk';
  applicantName: string;
  organisationName: string;
  address: string;
  phone: string;
  status: string;
  submittedAt: Date;
  receivedAt: Date | null;
  dueDate: string | null;
  decidedAt: Date | null;
  finishedAt: Date | null;
  outcome: string | null;
}

/**
 * One page of the tracking log (Form 07) in submission order, after the keyset `after` — never an
 * OFFSET, so page 10,000 of a million rows costs what page 1 does, and exports stream batch by batch.
 */
export async function logPage(db: Executor, s: ReportScope, limit: number, after?: { submittedAt: Date; id: string }): Promise<LogRow[]> {
  const keyset = after ? sql` AND (d.submitted_at, d.id) > (${after.submittedAt}, ${after.id}::uuid)` : sql``;
  // The driver hands raw timestamps back as text: they are read as ISO 8601 (to_json) and parsed here.
  const date = (v: unknown) => (v == null ? null : new Date(String(v)));
  const raw = await rows<Record<string, unknown>>(
    db,
    sql`SELECT d.id, d.code, coalesce(d.procedure_name, d.procedure_code) AS "procedureName", coalesce(d.unit_code, '') AS "unitCode", d.channel,
          coalesce(d.answers->>'fullName', '') AS "applicantName", coalesce(d.answers->>'organisationName', '') AS "organisationName",
          coalesce(d.answers->>'address', '') AS "address", coalesce(d.answers->>'phone', '') AS "phone",
          d.status, to_json(d.submitted_at)#>>'{}' AS "submittedAt", to_json(d.received_at)#>>'{}' AS "receivedAt", d.due_date::text AS "dueDate",
          to_json(d.decided_at)#>>'{}' AS "decidedAt", to_json(d.finished_at)#>>'{}' AS "finishedAt", d.outcome
        FROM dossiers d
        WHERE d.submitted_at >= ${s.start} AND d.submitted_at < ${s.end} AND ${filters(s)}${keyset}
        ORDER BY d.submitted_at, d.id
        LIMIT ${limit}`,
  );
  return raw.map((r) => ({
    ...(r as unknown as LogRow),
    submittedAt: date(r.submittedAt)!,
    receivedAt: date(r.receivedAt),
    decidedAt: date(r.decidedAt),
    finishedAt: date(r.finishedAt),
  }));
}

export async function countLog(db: Executor, s: ReportScope): Promise<number> {
  const r = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM dossiers d WHERE d.submitted_at >= ${s.start} AND d.submitted_at < ${s.end} AND ${filters(s)}`);
  return r[0]?.n ?? 0;
}
