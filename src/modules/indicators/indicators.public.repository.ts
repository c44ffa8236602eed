import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { indicatorDefinitions, indicatorDimensionValues } from './indicators.schema.js';
import { type DashboardChart, indicatorAlertLog, indicatorAlertRules, indicatorDashboards } from './indicators.dashboards.schema.js';

/**
 * The reads of the public pages, the dashboards and the alerts. Everything here returns
 * `published` observations only: draft, submitted and approved values never leave the staff
 * console (issue 11, contract).
 */

export type Definition = typeof indicatorDefinitions.$inferSelect;

export interface PublishedPoint {
  periodCode: string;
  periodicity: string;
  startsOn: string;
  endsOn: string;
  dimsKey: string;
  dims: Record<string, string>;
  value: number;
  isDemo: boolean;
  updatedAt: Date;
}

export async function publicDefinitions(db: Executor, today: string): Promise<Definition[]> {
  return db
    .select()
    .from(indicatorDefinitions)
    .where(sql`${indicatorDefinitions.validFrom} <= ${today} AND (${indicatorDefinitions.validTo} IS NULL OR ${indicatorDefinitions.validTo} >= ${today})`)
    .orderBy(asc(indicatorDefinitions.theme), asc(indicatorDefinitions.sort), asc(indicatorDefinitions.code));
}

export async function findDefinition(db: Executor, code: string): Promise<Definition | undefined> {
  const [row] = await db.select().from(indicatorDefinitions).where(eq(indicatorDefinitions.code, code));
  return row;
}

export async function definitionsByCode(db: Executor, codes: string[]): Promise<Map<string, Definition>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select()
    .from(indicatorDefinitions)
    .where(inArray(indicatorDefinitions.code, codes));
  return new Map(rows.map((r) => [r.code, r]));
}

/** The two latest published totals of every indicator (value and the one before, for the trend). */
export async function latestTotals(db: Executor): Promise<Map<string, { current: PublishedPoint; previous?: PublishedPoint }>> {
  const res = await db.execute(sql`
    SELECT * FROM (
      SELECT o.indicator_code, o.period_code, p.periodicity, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on,
             o.value::float8 AS value, o.is_demo, o.updated_at,
             row_number() OVER (PARTITION BY o.indicator_code ORDER BY p.ends_on DESC) AS rn
        FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
       WHERE o.status = 'published' AND o.dims_key = ''
    ) x WHERE rn <= 2 ORDER BY indicator_code, rn`);
  const out = new Map<string, { current: PublishedPoint; previous?: PublishedPoint }>();
  for (const r of res.rows as Record<string, unknown>[]) {
    const p = toPoint({ ...r, dims_key: '', dims: {} });
    const code = String(r.indicator_code);
    const hit = out.get(code);
    if (!hit) out.set(code, { current: p });
    else hit.previous = p;
  }
  return out;
}

function toPoint(r: Record<string, unknown>): PublishedPoint {
  return {
    periodCode: String(r.period_code),
    periodicity: String(r.periodicity),
    startsOn: String(r.starts_on),
    endsOn: String(r.ends_on),
    dimsKey: String(r.dims_key ?? ''),
    dims: (r.dims as Record<string, string>) ?? {},
    value: Number(r.value),
    isDemo: Boolean(r.is_demo),
    updatedAt: r.updated_at instanceof Date ? r.updated_at : new Date(String(r.updated_at)),
  };
}

/**
 * Published values of one indicator, oldest period first: those whose disaggregation is exactly
 * `filter` (the total when it is empty) or, with `breakdown`, `filter` plus any value of that
 * dimension. `until` (a period's last day) and `limitPeriods` cut the range to the latest periods.
 */
export async function publishedSeries(
  db: Executor,
  code: string,
  opts: { filter?: Record<string, string>; breakdown?: string; until?: string; limitPeriods?: number } = {},
): Promise<PublishedPoint[]> {
  const res = await db.execute(publishedSeriesSql(code, opts));
  return (res.rows as Record<string, unknown>[]).map(toPoint);
}

/** The statement of publishedSeries, apart so bench/indicators-dashboard.ts can EXPLAIN it. */
export function publishedSeriesSql(code: string, opts: { filter?: Record<string, string>; breakdown?: string; until?: string; limitPeriods?: number } = {}) {
  const filter = opts.filter ?? {};
  const dimsMatch = opts.breakdown
    ? sql`o.dims ? ${opts.breakdown} AND (o.dims - ${opts.breakdown}::text) = ${JSON.stringify(filter)}::jsonb`
    : sql`o.dims = ${JSON.stringify(filter)}::jsonb`;
  const until = opts.until ? sql`AND p.ends_on <= ${opts.until}` : sql``;
  const limit = opts.limitPeriods
    ? sql`AND o.period_code IN (
        SELECT p2.code FROM indicator_periods p2
         WHERE EXISTS (SELECT 1 FROM indicator_observations o2 WHERE o2.indicator_code = ${code} AND o2.period_code = p2.code AND o2.status = 'published')
           ${opts.until ? sql`AND p2.ends_on <= ${opts.until}` : sql``}
         ORDER BY p2.ends_on DESC LIMIT ${opts.limitPeriods})`
    : sql``;
  return sql`
    SELECT o.period_code, p.periodicity, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on, o.dims_key, o.dims,
           o.value::float8 AS value, o.is_demo, o.updated_at
      FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
     WHERE o.indicator_code = ${code} AND o.status = 'published' AND ${dimsMatch} ${until} ${limit}
     ORDER BY p.ends_on, o.dims_key`;
}

/** Every published value of an indicator, every disaggregation (the CSV download). */
export async function allPublished(db: Executor, code: string): Promise<PublishedPoint[]> {
  const res = await db.execute(sql`
    SELECT o.period_code, p.periodicity, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on, o.dims_key, o.dims,
           o.value::float8 AS value, o.is_demo, o.updated_at
      FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
     WHERE o.indicator_code = ${code} AND o.status = 'published'
     ORDER BY p.ends_on, o.dims_key`);
  return (res.rows as Record<string, unknown>[]).map(toPoint);
}

/** Which breakdowns exist for which periods (Open SDG #2009: "disaggregation status"): per
 * period, the dimension sets published and how many values each has. */
export async function disaggregationStatus(db: Executor, code: string): Promise<{ periodCode: string; endsOn: string; dims: string; values: number }[]> {
  const res = await db.execute(sql`
    SELECT o.period_code, p.ends_on::text AS ends_on,
           coalesce((SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(o.dims) k), '') AS dims,
           count(*)::int AS values
      FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
     WHERE o.indicator_code = ${code} AND o.status = 'published'
     GROUP BY 1, 2, 3 ORDER BY 2 DESC, 3`);
  return (res.rows as Record<string, unknown>[]).map((r) => ({ periodCode: String(r.period_code), endsOn: String(r.ends_on), dims: String(r.dims), values: Number(r.values) }));
}

/** The values published for each dimension of an indicator (for the selectors). */
export async function publishedDimensionValues(db: Executor, code: string): Promise<Map<string, Set<string>>> {
  const res = await db.execute(sql`
    SELECT DISTINCT e.key, e.value
      FROM indicator_observations o, jsonb_each_text(o.dims) e
     WHERE o.indicator_code = ${code} AND o.status = 'published'`);
  const out = new Map<string, Set<string>>();
  for (const r of res.rows as { key: string; value: string }[]) {
    if (!out.has(r.key)) out.set(r.key, new Set());
    out.get(r.key)!.add(r.value);
  }
  return out;
}

/** Display names of dimension values: the catalogue's for sex, age group, facility …; the
 * administrative units' (at `at`, the period's last day: names and boundaries change with
 * mergers) for areas. */
export async function dimensionLabels(db: Executor, at: string): Promise<Map<string, { vi: string; en: string; sort: number }>> {
  const out = new Map<string, { vi: string; en: string; sort: number }>();
  for (const r of await db.select().from(indicatorDimensionValues).orderBy(asc(indicatorDimensionValues.sort))) {
    out.set(`${r.dimension}=${r.code}`, { vi: r.name, en: r.nameEn, sort: r.sort });
  }
  try {
    const res = await db.execute(sql`
      SELECT code, name, name_en FROM admin_units
       WHERE valid_from <= ${at} AND (valid_to IS NULL OR valid_to >= ${at})`);
    let i = 0;
    for (const r of res.rows as { code: string; name: string; name_en: string | null }[]) out.set(`area=${r.code}`, { vi: r.name, en: r.name_en ?? r.name, sort: i++ });
  } catch {
    // admin_units arrives with core/places; until then areas show their codes.
  }
  return out;
}

export async function publishedPeriods(db: Executor): Promise<{ code: string; periodicity: string; endsOn: string }[]> {
  const res = await db.execute(sql`
    SELECT p.code, p.periodicity, p.ends_on::text AS ends_on FROM indicator_periods p
     WHERE EXISTS (SELECT 1 FROM indicator_observations o WHERE o.period_code = p.code AND o.status = 'published')
     ORDER BY p.ends_on DESC, p.periodicity`);
  return (res.rows as Record<string, unknown>[]).map((r) => ({ code: String(r.code), periodicity: String(r.periodicity), endsOn: String(r.ends_on) }));
}

export async function findPeriod(db: Executor, code: string): Promise<{ code: string; endsOn: string } | undefined> {
  const res = await db.execute(sql`SELECT code, ends_on::text AS ends_on FROM indicator_periods WHERE code = ${code}`);
  const r = res.rows[0] as Record<string, unknown> | undefined;
  return r ? { code: String(r.code), endsOn: String(r.ends_on) } : undefined;
}

/** Areas that have published values (of any indicator), for the dashboards' area filter. */
export async function publishedAreas(db: Executor): Promise<string[]> {
  const res = await db.execute(publishedAreasSql());
  return (res.rows as { area_code: string }[]).map((r) => r.area_code);
}

/** One index probe per area (indicator_observations_area_pub_idx) instead of a DISTINCT over
 * every observation: 100 areas cost ~100 probes whatever the years and indicators (migration 0050). */
export function publishedAreasSql() {
  return sql`
    WITH RECURSIVE a(area_code) AS (
      (SELECT area_code FROM indicator_observations WHERE status = 'published' AND area_code IS NOT NULL ORDER BY area_code LIMIT 1)
      UNION ALL
      SELECT (SELECT o.area_code FROM indicator_observations o
               WHERE o.status = 'published' AND o.area_code IS NOT NULL AND o.area_code > a.area_code
               ORDER BY o.area_code LIMIT 1)
        FROM a WHERE a.area_code IS NOT NULL)
    SELECT area_code FROM a WHERE area_code IS NOT NULL`;
}

// ——— dashboards ———

export const listDashboards = (db: Executor) =>
  db.select().from(indicatorDashboards).where(eq(indicatorDashboards.active, true)).orderBy(asc(indicatorDashboards.sort), asc(indicatorDashboards.slug));

export async function findDashboard(db: Executor, slug: string) {
  const [row] = await db.select().from(indicatorDashboards).where(and(eq(indicatorDashboards.slug, slug), eq(indicatorDashboards.active, true)));
  return row;
}

export async function upsertDashboards(db: Executor, rows: { slug: string; title: string; titleEn: string; description?: string; sort: number; charts: DashboardChart[] }[]) {
  if (rows.length === 0) return;
  await db.insert(indicatorDashboards).values(rows).onConflictDoNothing();
}

// ——— alerts ———

export type AlertRule = typeof indicatorAlertRules.$inferSelect;

export const listAlertRules = (db: Executor) => db.select().from(indicatorAlertRules).orderBy(asc(indicatorAlertRules.indicatorCode), asc(indicatorAlertRules.createdAt));

export async function findAlertRule(db: Executor, id: string) {
  const [row] = await db.select().from(indicatorAlertRules).where(eq(indicatorAlertRules.id, id));
  return row;
}

export async function activeRules(db: Executor, indicatorCodes?: string[]) {
  const where = indicatorCodes
    ? and(eq(indicatorAlertRules.active, true), inArray(indicatorAlertRules.indicatorCode, indicatorCodes))
    : eq(indicatorAlertRules.active, true);
  return db.select().from(indicatorAlertRules).where(where);
}

export async function insertAlertRule(db: Executor, v: typeof indicatorAlertRules.$inferInsert) {
  const [row] = await db.insert(indicatorAlertRules).values(v).returning();
  return row!;
}

export async function setAlertRuleActive(db: Executor, id: string, version: number, active: boolean) {
  const [row] = await db
    .update(indicatorAlertRules)
    .set({ active, version: sql`${indicatorAlertRules.version} + 1`, updatedAt: new Date() })
    .where(and(eq(indicatorAlertRules.id, id), eq(indicatorAlertRules.version, version)))
    .returning();
  return row;
}

/** Records a breach; false when this rule already fired for this period and disaggregation. */
export async function logBreach(db: Executor, v: typeof indicatorAlertLog.$inferInsert): Promise<boolean> {
  const rows = await db.insert(indicatorAlertLog).values(v).onConflictDoNothing().returning({ id: indicatorAlertLog.id });
  return rows.length > 0;
}

export const recentAlerts = (db: Executor, limit = 50) => db.select().from(indicatorAlertLog).orderBy(sql`${indicatorAlertLog.createdAt} DESC`).limit(limit);

/** The two latest published values of one disaggregation of an indicator (latest first). */
export async function lastTwoPublished(db: Executor, code: string, key: string): Promise<PublishedPoint[]> {
  const res = await db.execute(sql`
    SELECT o.period_code, p.periodicity, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on, o.dims_key, o.dims,
           o.value::float8 AS value, o.is_demo, o.updated_at
      FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
     WHERE o.indicator_code = ${code} AND o.dims_key = ${key} AND o.status = 'published'
     ORDER BY p.ends_on DESC LIMIT 2`);
  return (res.rows as Record<string, unknown>[]).map(toPoint);
}

/** Active staff assigned (today) to the unit with this code: who hears about its indicators. */
export async function unitOfficerEmails(db: Executor, unitCode: string, today: string): Promise<string[]> {
  const res = await db.execute(sql`
    SELECT DISTINCT u.email FROM role_assignments ra
      JOIN users u ON u.id = ra.user_id
      JOIN units un ON un.id = ra.unit_id
     WHERE un.code = ${unitCode} AND u.kind = 'staff' AND u.status = 'active'
       AND ra.valid_from <= ${today} AND (ra.valid_to IS NULL OR ra.valid_to >= ${today})
     ORDER BY 1`);
  return (res.rows as { email: string }[]).map((r) => r.email);
}
