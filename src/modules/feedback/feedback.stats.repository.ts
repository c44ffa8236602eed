import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import type { FeedbackChannel, FeedbackClassification, FeedbackSatisfaction, FeedbackStatus } from './feedback.schema.js';

/** The cases a report looks at: received within [from, to] (Vietnamese calendar days, both
 * included), optionally one category and one unit. */
export interface StatsScope {
  from: string;
  to: string;
  category?: string;
  unit?: string;
  /** "today" in Vietnam: an unanswered case whose due date is before it is overdue */
  today: string;
}

export interface StatsRow {
  /** null on the total row and on the per-unit rows */
  category: string | null;
  /** null on the total row and on the per-category rows */
  unit: string | null;
  received: number;
  byChannel: Record<FeedbackChannel, number>;
  unclassified: number;
  within: number;
  forwarded: number;
  forwardedLate: number;
  rejected: number;
  outOfProcess: number;
  merged: number;
  early: number;
  onTime: number;
  late: number;
  pending: number;
  overdue: number;
  reopened: number;
  reopenings: number;
  verySatisfied: number;
  satisfied: number;
  unsatisfied: number;
  notRated: number;
  /** within remit and rated unsatisfied or late (answered late or overdue), each case once */
  unsatisfiedOrLate: number;
  /** Decision 766 ratios in percent (one decimal), null when nothing is within remit */
  onTimeRatio: number | null;
  satisfactionRatio: number | null;
}

/** Vietnam keeps UTC+7 all year: the calendar day of an instant, in SQL. */
const vnDay = (col: SQL) => sql`((${col} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);

export function scopeWhere(f: { from: string; to: string; category?: string; unit?: string }, alias = 'c'): SQL {
  const a = sql.raw(alias);
  const where: SQL[] = [
    sql`${a}.received_at >= ${`${f.from}T00:00:00+07:00`}::timestamptz`,
    sql`${a}.received_at < ${`${dayAfter(f.to)}T00:00:00+07:00`}::timestamptz`,
  ];
  if (f.category) where.push(sql`${a}.category_code = ${f.category}`);
  if (f.unit) where.push(sql`coalesce(${a}.unit_code, cat.unit_code) = ${f.unit}`);
  return sql.join(where, sql` AND `);
}

/**
 * One pass over the period's cases, grouped three ways at once (GROUPING SETS: the total, per
 * category, per unit), every figure a FILTERed count. Definitions (docs/feedback-statistics.md):
 * - within remit: classified 'within' (Decree 20/2008 Art. 9) and not merged into another case
 *   (the merged one is answered through its target and would be counted twice);
 * - handled: within remit and answered (status answered/closed); a re-opened case is handled
 *   again only when its new answer is approved;
 * - early / on time / late: the Vietnamese day of the (last) answer before / on / after the
 *   due date, which already includes the pauses while waiting for the reporter;
 * - overdue: within remit, not handled, due date before today; pending: not yet due;
 * - on-time ratio (Decision 766/QĐ-TTg; domain.md §3) = (early + on time) ÷ within remit × 100;
 * - satisfaction ratio = (within remit − those rated unsatisfied or late, each case once)
 *   ÷ within remit × 100, where late covers answered late and overdue unanswered.
 * NULLIF turns an empty denominator into NULL: no division by zero, the page shows "—".
 */
export async function statistics(db: Executor, f: StatsScope): Promise<StatsRow[]> {
  const answeredDay = vnDay(sql`c.answered_at`);
  const forwardedDay = vnDay(sql`c.forwarded_at`);
  const res = await db.execute(sql`
    WITH base AS (
      SELECT c.channel, c.category_code, c.status, c.classification, c.due_date, c.satisfaction, c.reopen_count,
             c.forward_due_date, ${forwardedDay} AS forwarded_day,
             coalesce(c.unit_code, cat.unit_code) AS unit,
             (c.classification = 'within' AND c.status <> 'merged') AS within_remit,
             (c.classification = 'within' AND c.status IN ('answered', 'closed') AND c.answered_at IS NOT NULL) AS handled,
             ${answeredDay} AS answered_day
        FROM feedback_cases c
        JOIN feedback_categories cat ON cat.service_code = c.category_code
       WHERE ${scopeWhere(f)}
    ), flagged AS (
      SELECT b.*,
             (b.handled AND b.answered_day < b.due_date) AS is_early,
             (b.handled AND b.answered_day = b.due_date) AS is_on_time,
             (b.handled AND b.answered_day > b.due_date) AS is_late,
             (b.within_remit AND NOT b.handled AND b.due_date < ${f.today}::date) AS is_overdue
        FROM base b
    )
    SELECT grouping(category_code) AS g_cat, grouping(unit) AS g_unit, category_code, unit,
           count(*)::int AS received,
           count(*) FILTER (WHERE channel = 'web')::int AS ch_web,
           count(*) FILTER (WHERE channel = 'hotline')::int AS ch_hotline,
           count(*) FILTER (WHERE channel = 'open311')::int AS ch_open311,
           count(*) FILTER (WHERE channel = 'email')::int AS ch_email,
           count(*) FILTER (WHERE classification IS NULL AND status <> 'merged')::int AS unclassified,
           count(*) FILTER (WHERE within_remit)::int AS within,
           count(*) FILTER (WHERE classification = 'outside')::int AS forwarded,
           count(*) FILTER (WHERE classification = 'outside' AND forwarded_day > forward_due_date)::int AS forwarded_late,
           count(*) FILTER (WHERE classification = 'rejected')::int AS rejected,
           count(*) FILTER (WHERE classification IN ('complaint', 'denunciation'))::int AS out_of_process,
           count(*) FILTER (WHERE status = 'merged')::int AS merged,
           count(*) FILTER (WHERE is_early)::int AS early,
           count(*) FILTER (WHERE is_on_time)::int AS on_time,
           count(*) FILTER (WHERE is_late)::int AS late,
           count(*) FILTER (WHERE within_remit AND NOT handled AND NOT is_overdue)::int AS pending,
           count(*) FILTER (WHERE is_overdue)::int AS overdue,
           count(*) FILTER (WHERE reopen_count > 0)::int AS reopened,
           coalesce(sum(reopen_count), 0)::int AS reopenings,
           count(*) FILTER (WHERE satisfaction = 'very_satisfied')::int AS very_satisfied,
           count(*) FILTER (WHERE satisfaction = 'satisfied')::int AS satisfied,
           count(*) FILTER (WHERE satisfaction = 'unsatisfied')::int AS unsatisfied,
           count(*) FILTER (WHERE handled AND satisfaction IS NULL)::int AS not_rated,
           count(*) FILTER (WHERE within_remit AND (satisfaction = 'unsatisfied' OR is_late OR is_overdue))::int AS unsat_or_late,
           round(100.0 * count(*) FILTER (WHERE is_early OR is_on_time) / nullif(count(*) FILTER (WHERE within_remit), 0), 1)::float8 AS on_time_ratio,
           round(100.0 * (count(*) FILTER (WHERE within_remit)
                          - count(*) FILTER (WHERE within_remit AND (satisfaction = 'unsatisfied' OR is_late OR is_overdue)))
                 / nullif(count(*) FILTER (WHERE within_remit), 0), 1)::float8 AS satisfaction_ratio
      FROM flagged
     GROUP BY GROUPING SETS ((), (category_code), (unit))
     ORDER BY grouping(category_code) DESC, grouping(unit) DESC, category_code, unit`);
  const n = (v: unknown) => Number(v ?? 0);
  const ratio = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return res.rows.map((r) => ({
    category: n(r.g_cat) === 0 ? String(r.category_code) : null,
    unit: n(r.g_unit) === 0 ? String(r.unit) : null,
    received: n(r.received),
    byChannel: { web: n(r.ch_web), hotline: n(r.ch_hotline), open311: n(r.ch_open311), email: n(r.ch_email) },
    unclassified: n(r.unclassified),
    within: n(r.within),
    forwarded: n(r.forwarded),
    forwardedLate: n(r.forwarded_late),
    rejected: n(r.rejected),
    outOfProcess: n(r.out_of_process),
    merged: n(r.merged),
    early: n(r.early),
    onTime: n(r.on_time),
    late: n(r.late),
    pending: n(r.pending),
    overdue: n(r.overdue),
    reopened: n(r.reopened),
    reopenings: n(r.reopenings),
    verySatisfied: n(r.very_satisfied),
    satisfied: n(r.satisfied),
    unsatisfied: n(r.unsatisfied),
    notRated: n(r.not_rated),
    unsatisfiedOrLate: n(r.unsat_or_late),
    onTimeRatio: ratio(r.on_time_ratio),
    satisfactionRatio: ratio(r.satisfaction_ratio),
  }));
}

// ——— Map of cases (issue 4 part 6) ———

export interface MapCluster {
  lat: number;
  lng: number;
  count: number;
  /** category codes present in the cluster with their counts, most frequent first */
  categories: { code: string; count: number }[];
}

/**
 * Server-side clustering: cases with a location are snapped to a grid of `cell` degrees
 * (GROUP BY the rounded coordinates) and each cell reports its count and the mean position of
 * its cases, so a dense town is one circle and the page never ships one point per case.
 */
export async function mapClusters(db: Executor, f: StatsScope & { cell: number }): Promise<MapCluster[]> {
  const res = await db.execute(sql`
    WITH pts AS (
      SELECT c.lat::float8 AS lat, c.lng::float8 AS lng, c.category_code,
             floor(c.lat::float8 / ${f.cell}::float8)::int AS gy, floor(c.lng::float8 / ${f.cell}::float8)::int AS gx
        FROM feedback_cases c
        JOIN feedback_categories cat ON cat.service_code = c.category_code
       WHERE c.lat IS NOT NULL AND c.lng IS NOT NULL AND c.status <> 'merged' AND ${scopeWhere(f)}
    ), per_cat AS (
      SELECT gy, gx, category_code, count(*)::int AS n FROM pts GROUP BY gy, gx, category_code
    ), cats AS (
      SELECT gy, gx, json_agg(json_build_object('code', category_code, 'count', n) ORDER BY n DESC, category_code) AS cats
        FROM per_cat GROUP BY gy, gx
    ), cells AS (
      SELECT gy, gx, avg(lat) AS lat, avg(lng) AS lng, count(*)::int AS n FROM pts GROUP BY gy, gx
    )
    SELECT cells.lat, cells.lng, cells.n, cats.cats
      FROM cells JOIN cats USING (gy, gx)
     ORDER BY cells.n DESC, cells.lat DESC, cells.lng
     LIMIT 2000`);
  return res.rows.map((r) => ({
    lat: Number(r.lat),
    lng: Number(r.lng),
    count: Number(r.n),
    categories: (typeof r.cats === 'string' ? JSON.parse(r.cats) : (r.cats ?? [])) as { code: string; count: number }[],
  }));
}

// ——— Case list for the export (keyset pages, never the whole table in memory) ———

export interface ExportFilter {
  from?: string;
  to?: string;
  status?: FeedbackStatus;
  category?: string;
  channel?: FeedbackChannel;
}

export interface ExportCaseRow {
  id: string;
  code: string;
  receivedAt: Date;
  channel: FeedbackChannel;
  categoryCode: string;
  unit: string | null;
  status: FeedbackStatus;
  classification: FeedbackClassification | null;
  dueDate: string;
  answeredAt: Date | null;
  forwardTo: string | null;
  satisfaction: FeedbackSatisfaction | null;
  reopenCount: number;
  publicContent: string | null;
  /** received_at as PostgreSQL prints it (microseconds kept): the keyset cursor */
  cursorAt: string;
}

/** One page of the filtered case list, newest first, after the (receivedAt, code) cursor. */
export async function exportPage(db: Executor, f: ExportFilter, after: { cursorAt: string; code: string } | null, size: number): Promise<ExportCaseRow[]> {
  const where: SQL[] = [sql`true`];
  if (f.from && f.to) where.push(scopeWhere({ from: f.from, to: f.to }));
  if (f.status) where.push(sql`c.status = ${f.status}`);
  if (f.category) where.push(sql`c.category_code = ${f.category}`);
  if (f.channel) where.push(sql`c.channel = ${f.channel}`);
  // The plain bound lets the received_at index serve each page (a row comparison alone would
  // need a two-column index, and every page would sort the whole filtered set again).
  if (after) where.push(sql`c.received_at <= ${after.cursorAt}::timestamptz AND (c.received_at, c.code) < (${after.cursorAt}::timestamptz, ${after.code})`);
  const res = await db.execute(sql`
    SELECT c.id, c.code, c.received_at, c.channel, c.category_code, coalesce(c.unit_code, cat.unit_code) AS unit, c.status,
           c.classification, c.due_date, c.answered_at, c.forward_to, c.satisfaction, c.reopen_count, c.public_content, c.received_at::text AS cursor_at
      FROM feedback_cases c
      JOIN feedback_categories cat ON cat.service_code = c.category_code
     WHERE ${sql.join(where, sql` AND `)}
     ORDER BY c.received_at DESC, c.code DESC
     LIMIT ${size}`);
  return res.rows.map((r) => ({
    id: String(r.id),
    code: String(r.code),
    receivedAt: new Date(r.received_at as string),
    channel: r.channel as FeedbackChannel,
    categoryCode: String(r.category_code),
    unit: (r.unit as string | null) ?? null,
    status: r.status as FeedbackStatus,
    classification: (r.classification as FeedbackClassification | null) ?? null,
    dueDate: String(r.due_date),
    answeredAt: r.answered_at ? new Date(r.answered_at as string) : null,
    forwardTo: (r.forward_to as string | null) ?? null,
    satisfaction: (r.satisfaction as FeedbackSatisfaction | null) ?? null,
    reopenCount: Number(r.reopen_count ?? 0),
    publicContent: (r.public_content as string | null) ?? null,
    cursorAt: String(r.cursor_at),
  }));
}
