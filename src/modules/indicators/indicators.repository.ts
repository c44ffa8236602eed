import { and, asc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import type { IndicatorPeriod } from '../../core/module.js';
import { dimsKey } from './indicators.dims.js';
import {
  indicatorConsumers,
  indicatorDefinitions,
  indicatorDimensionValues,
  indicatorPeriods,
  type IndicatorSource,
  type ObservationStatus,
  type Periodicity,
} from './indicators.schema.js';

export { dimsKey, parseDimsKey } from './indicators.dims.js';

export type IndicatorDefinition = typeof indicatorDefinitions.$inferSelect;
export type PeriodRow = typeof indicatorPeriods.$inferSelect;
export type DimensionValue = typeof indicatorDimensionValues.$inferSelect;
export type ConsumerRow = typeof indicatorConsumers.$inferSelect;

/** One published value as the others read it (public pages, dashboards, API, IOC push, DCAT). */
export interface PublishedValue {
  indicatorCode: string;
  periodCode: string;
  periodicity: Periodicity;
  /** first and last day of the period, YYYY-MM-DD */
  start: string;
  end: string;
  dimsKey: string;
  dims: Record<string, string>;
  areaCode: string | null;
  value: number;
  revision: number;
  isDemo: boolean;
  source: IndicatorSource;
  updatedAt: Date;
}

// ---------------------------------------------------------------------------------------------
// Periods: pure helpers

const PERIOD_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

function lastDay(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

/** '2026-Q3' → its periodicity and dates; null when the code is not a period code. */
export function periodFromCode(code: string): IndicatorPeriod | null {
  const m = PERIOD_RE.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  if (m[2]) {
    const month = Number(m[2]);
    return { code, periodicity: 'month', start: `${m[1]}-${m[2]}-01`, end: lastDay(year, month) };
  }
  if (m[3]) {
    const q = Number(m[3]);
    const first = String(q * 3 - 2).padStart(2, '0');
    return { code, periodicity: 'quarter', start: `${m[1]}-${first}-01`, end: lastDay(year, q * 3) };
  }
  return { code, periodicity: 'year', start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
}

/** The period of `periodicity` that contains the calendar day `date` (YYYY-MM-DD). */
export function periodFor(date: string, periodicity: Periodicity): IndicatorPeriod {
  const y = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (periodicity === 'month') return periodFromCode(`${y}-${date.slice(5, 7)}`)!;
  if (periodicity === 'quarter') return periodFromCode(`${y}-Q${Math.ceil(month / 3)}`)!;
  return periodFromCode(y)!;
}

/** Every period of the three periodicities in the given years, in date order per periodicity. */
export function periodsOfYears(years: number[]): IndicatorPeriod[] {
  const out: IndicatorPeriod[] = [];
  for (const y of years) {
    for (let m = 1; m <= 12; m++) out.push(periodFromCode(`${y}-${String(m).padStart(2, '0')}`)!);
    for (let q = 1; q <= 4; q++) out.push(periodFromCode(`${y}-Q${q}`)!);
    out.push(periodFromCode(String(y))!);
  }
  return out;
}

export function toIndicatorPeriod(p: Pick<PeriodRow, 'code' | 'periodicity' | 'startsOn' | 'endsOn'>): IndicatorPeriod {
  return { code: p.code, periodicity: p.periodicity, start: p.startsOn, end: p.endsOn };
}

// ---------------------------------------------------------------------------------------------
// Catalogue

/** The catalogue, ordered by theme then `sort`. `at` keeps the indicators valid on that day. */
export async function listDefinitions(db: Executor, opts: { at?: string; theme?: string; unitCode?: string; codes?: string[] } = {}): Promise<IndicatorDefinition[]> {
  const where: SQL[] = [];
  if (opts.at) {
    where.push(lte(indicatorDefinitions.validFrom, opts.at));
    where.push(or(isNull(indicatorDefinitions.validTo), gte(indicatorDefinitions.validTo, opts.at))!);
  }
  if (opts.theme) where.push(eq(indicatorDefinitions.theme, opts.theme));
  if (opts.unitCode) where.push(eq(indicatorDefinitions.unitCode, opts.unitCode));
  if (opts.codes) where.push(inArray(indicatorDefinitions.code, opts.codes.length ? opts.codes : ['']));
  return db
    .select()
    .from(indicatorDefinitions)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(indicatorDefinitions.sort), asc(indicatorDefinitions.code));
}

export async function getDefinition(db: Executor, code: string): Promise<IndicatorDefinition | undefined> {
  return (await db.select().from(indicatorDefinitions).where(eq(indicatorDefinitions.code, code)))[0];
}

/** True when the indicator may be reported for the period (its validity overlaps the period). */
export function definitionValidFor(def: Pick<IndicatorDefinition, 'validFrom' | 'validTo'>, period: IndicatorPeriod): boolean {
  return def.validFrom <= period.end && (!def.validTo || def.validTo >= period.start);
}

export async function listDimensionValues(db: Executor, dimension?: string): Promise<DimensionValue[]> {
  return db
    .select()
    .from(indicatorDimensionValues)
    .where(dimension ? eq(indicatorDimensionValues.dimension, dimension) : undefined)
    .orderBy(asc(indicatorDimensionValues.dimension), asc(indicatorDimensionValues.sort));
}

// ---------------------------------------------------------------------------------------------
// Periods in the database

export async function listPeriods(
  db: Executor,
  opts: { periodicity?: Periodicity; year?: number; status?: PeriodRow['status']; endsBefore?: string } = {},
): Promise<PeriodRow[]> {
  const where: SQL[] = [];
  if (opts.periodicity) where.push(eq(indicatorPeriods.periodicity, opts.periodicity));
  if (opts.year) where.push(sql`extract(year from ${indicatorPeriods.startsOn}) = ${opts.year}`);
  if (opts.status) where.push(eq(indicatorPeriods.status, opts.status));
  if (opts.endsBefore) where.push(sql`${indicatorPeriods.endsOn} < ${opts.endsBefore}`);
  return db
    .select()
    .from(indicatorPeriods)
    .where(where.length ? and(...where) : undefined)
    .orderBy(sql`${indicatorPeriods.startsOn} DESC`, sql`CASE ${indicatorPeriods.periodicity} WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 ELSE 2 END`);
}

export async function getPeriod(db: Executor, code: string): Promise<PeriodRow | undefined> {
  return (await db.select().from(indicatorPeriods).where(eq(indicatorPeriods.code, code)))[0];
}

/** Creates the period row when missing (a value may arrive for a period nobody opened yet). */
export async function ensurePeriod(db: Executor, p: IndicatorPeriod): Promise<PeriodRow> {
  await db
    .insert(indicatorPeriods)
    .values({ code: p.code, periodicity: p.periodicity, startsOn: p.start, endsOn: p.end })
    .onConflictDoNothing();
  return (await getPeriod(db, p.code))!;
}

export async function markReopened(db: Executor, code: string): Promise<void> {
  await db
    .update(indicatorPeriods)
    .set({ status: 'reopened', reopenedAt: new Date(), version: sql`${indicatorPeriods.version} + 1` })
    .where(eq(indicatorPeriods.code, code));
}

export async function markComputed(db: Executor, code: string): Promise<void> {
  await db.update(indicatorPeriods).set({ computedAt: new Date() }).where(eq(indicatorPeriods.code, code));
}

// ---------------------------------------------------------------------------------------------
// Published values (the only rows that leave the staff console)

interface RawPublished {
  indicator_code: string;
  period_code: string;
  periodicity: Periodicity;
  starts_on: string;
  ends_on: string;
  dims_key: string;
  dims: Record<string, string>;
  area_code: string | null;
  value: string;
  revision: number;
  is_demo: boolean;
  source: IndicatorSource;
  updated_at: Date | string;
}

function toPublished(r: RawPublished): PublishedValue {
  return {
    indicatorCode: r.indicator_code,
    periodCode: r.period_code,
    periodicity: r.periodicity,
    start: typeof r.starts_on === 'string' ? r.starts_on : String(r.starts_on),
    end: typeof r.ends_on === 'string' ? r.ends_on : String(r.ends_on),
    dimsKey: r.dims_key,
    dims: r.dims ?? {},
    areaCode: r.area_code,
    value: Number(r.value),
    revision: r.revision,
    isDemo: r.is_demo,
    source: r.source,
    updatedAt: r.updated_at instanceof Date ? r.updated_at : new Date(r.updated_at),
  };
}

const PUBLISHED_COLUMNS = sql`o.indicator_code, o.period_code, p.periodicity, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on,
  o.dims_key, o.dims, o.area_code, o.value::text AS value, o.revision, o.is_demo, o.source, o.updated_at`;

/**
 * The published values of one indicator, oldest period first. `from`/`to` are days
 * (YYYY-MM-DD) or period codes and keep the periods inside them; `area` keeps that area's
 * rows; `dims` keeps exactly that disaggregation ({} = the total only); without `area`/`dims`
 * every disaggregation is returned.
 */
export async function publishedSeries(
  db: Executor,
  opts: { indicator: string; from?: string; to?: string; area?: string; dims?: Record<string, string>; after?: { start: string; periodCode: string; dimsKey: string }; limit?: number },
): Promise<PublishedValue[]> {
  const where: SQL[] = [sql`o.indicator_code = ${opts.indicator}`, sql`o.status = 'published'`];
  const from = opts.from ? (periodFromCode(opts.from)?.start ?? opts.from) : undefined;
  const to = opts.to ? (periodFromCode(opts.to)?.end ?? opts.to) : undefined;
  if (from) where.push(sql`p.starts_on >= ${from}`);
  if (to) where.push(sql`p.ends_on <= ${to}`);
  if (opts.area) where.push(sql`o.area_code = ${opts.area}`);
  if (opts.dims) where.push(sql`o.dims_key = ${dimsKey(opts.dims)}`);
  if (opts.after) where.push(sql`(p.starts_on, o.period_code, o.dims_key) > (${opts.after.start}::date, ${opts.after.periodCode}, ${opts.after.dimsKey})`);
  const res = await db.execute<RawPublished & Record<string, unknown>>(sql`
    SELECT ${PUBLISHED_COLUMNS}
      FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
     WHERE ${sql.join(where, sql` AND `)}
     ORDER BY p.starts_on, o.period_code, o.dims_key
     ${opts.limit ? sql`LIMIT ${opts.limit}` : sql``}`);
  return res.rows.map(toPublished);
}

/** The latest published period of an indicator: its total and every disaggregation of it. */
export async function latestPublished(db: Executor, indicator: string): Promise<{ period: IndicatorPeriod; total: PublishedValue | null; values: PublishedValue[] } | null> {
  const res = await db.execute<RawPublished & Record<string, unknown>>(sql`
    SELECT ${PUBLISHED_COLUMNS}
      FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
     WHERE o.indicator_code = ${indicator} AND o.status = 'published'
       AND o.period_code = (
         SELECT o2.period_code FROM indicator_observations o2 JOIN indicator_periods p2 ON p2.code = o2.period_code
          WHERE o2.indicator_code = ${indicator} AND o2.status = 'published'
          ORDER BY p2.ends_on DESC LIMIT 1)
     ORDER BY o.dims_key`);
  if (!res.rows.length) return null;
  const values = res.rows.map(toPublished);
  const first = values[0]!;
  return {
    period: { code: first.periodCode, periodicity: first.periodicity, start: first.start, end: first.end },
    total: values.find((v) => v.dimsKey === '') ?? null,
    values,
  };
}

/** Every published value of a period (the IOC push and the period's open-data download). */
export async function publishedForPeriod(db: Executor, period: string | IndicatorPeriod): Promise<PublishedValue[]> {
  const code = typeof period === 'string' ? period : period.code;
  const res = await db.execute<RawPublished & Record<string, unknown>>(sql`
    SELECT ${PUBLISHED_COLUMNS}
      FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
     WHERE o.period_code = ${code} AND o.status = 'published'
     ORDER BY o.indicator_code, o.dims_key`);
  return res.rows.map(toPublished);
}

/** Per indicator: how many published values, the first and last published period (catalogue
 * pages, the API's index and DCAT's temporal coverage), in one query. */
export async function publishedCoverage(db: Executor): Promise<Map<string, { count: number; firstStart: string; lastEnd: string; lastUpdated: Date; areas: number }>> {
  const res = await db.execute<{ indicator_code: string; n: string; first_start: string; last_end: string; last_updated: Date | string; areas: string }>(sql`
    SELECT o.indicator_code, count(*)::text AS n, min(p.starts_on)::text AS first_start, max(p.ends_on)::text AS last_end,
           max(o.updated_at) AS last_updated, count(DISTINCT o.area_code)::text AS areas
      FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
     WHERE o.status = 'published'
     GROUP BY o.indicator_code`);
  return new Map(
    res.rows.map((r) => [
      r.indicator_code,
      { count: Number(r.n), firstStart: r.first_start, lastEnd: r.last_end, lastUpdated: r.last_updated instanceof Date ? r.last_updated : new Date(r.last_updated), areas: Number(r.areas) },
    ]),
  );
}

/** Observations of a period by status, for the staff period page. */
export async function countObservationsByPeriod(db: Executor): Promise<Map<string, Record<ObservationStatus, number>>> {
  const res = await db.execute<{ period_code: string; status: ObservationStatus; n: string }>(sql`
    SELECT period_code, status, count(*)::text AS n FROM indicator_observations GROUP BY period_code, status`);
  const out = new Map<string, Record<ObservationStatus, number>>();
  for (const r of res.rows) {
    const m = out.get(r.period_code) ?? { draft: 0, submitted: 0, approved: 0, published: 0 };
    m[r.status] = Number(r.n);
    out.set(r.period_code, m);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing values (the compute job; the demo seed)

export interface ObservationInput {
  indicatorCode: string;
  periodCode: string;
  dims: Record<string, string>;
  value: number;
  status: ObservationStatus;
  source: IndicatorSource;
  isDemo?: boolean;
  reportId?: string | null;
}

/**
 * Upserts many values in one statement (jsonb_to_recordset: one parameter whatever the number
 * of rows). A changed value bumps `revision`; an unchanged one keeps its row as it is, so
 * recomputing a period does not touch `updated_at` (and the ETags built on it).
 */
export async function upsertObservations(db: Executor, rows: ObservationInput[], updatedBy: string | null = null): Promise<number> {
  if (!rows.length) return 0;
  const payload = rows.map((r) => ({
    indicator_code: r.indicatorCode,
    period_code: r.periodCode,
    dims_key: dimsKey(r.dims),
    dims: Object.fromEntries(Object.entries(r.dims).filter(([, v]) => v !== '' && v != null)),
    area_code: r.dims.area ?? null,
    value: String(r.value),
    status: r.status,
    source: r.source,
    is_demo: r.isDemo ?? false,
    report_id: r.reportId ?? null,
  }));
  const res = await db.execute(sql`
    INSERT INTO indicator_observations (indicator_code, period_code, dims_key, dims, area_code, value, status, source, is_demo, report_id, updated_by)
    SELECT x.indicator_code, x.period_code, x.dims_key, x.dims, x.area_code, x.value::numeric, x.status, x.source, x.is_demo, x.report_id, ${updatedBy}::uuid
      FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
        AS x(indicator_code text, period_code text, dims_key text, dims jsonb, area_code text, value text, status text, source text, is_demo boolean, report_id uuid)
    ON CONFLICT (indicator_code, period_code, dims_key) DO UPDATE
       SET value = EXCLUDED.value, status = EXCLUDED.status, source = EXCLUDED.source, is_demo = EXCLUDED.is_demo,
           dims = EXCLUDED.dims, area_code = EXCLUDED.area_code, updated_by = EXCLUDED.updated_by, updated_at = now(),
           revision = indicator_observations.revision + CASE WHEN indicator_observations.value <> EXCLUDED.value THEN 1 ELSE 0 END
     WHERE indicator_observations.value IS DISTINCT FROM EXCLUDED.value
        OR indicator_observations.status IS DISTINCT FROM EXCLUDED.status
        OR indicator_observations.is_demo IS DISTINCT FROM EXCLUDED.is_demo`);
  return res.rowCount ?? 0;
}

/** Removes a source's values of a period that the latest computation no longer returned
 * (a disaggregation that vanished must not linger as a stale figure). */
export async function deleteStaleComputed(db: Executor, periodCode: string, indicatorCodes: string[], keep: { indicatorCode: string; dimsKey: string }[]): Promise<number> {
  if (!indicatorCodes.length) return 0;
  const keepKeys = keep.map((k) => `${k.indicatorCode}\u0001${k.dimsKey}`);
  const res = await db.execute(sql`
    DELETE FROM indicator_observations
     WHERE period_code = ${periodCode}
       AND indicator_code IN (SELECT jsonb_array_elements_text(${JSON.stringify(indicatorCodes)}::jsonb))
       AND source IN ('computed', 'device')
       AND (indicator_code || chr(1) || dims_key) NOT IN (SELECT jsonb_array_elements_text(${JSON.stringify(keepKeys)}::jsonb))`);
  return res.rowCount ?? 0;
}

/** Computed and device values of a period follow its publication: H4's publish command calls
 * this inside its transaction (approved → published). */
export async function publishComputedOfPeriod(db: Executor, periodCode: string): Promise<number> {
  const res = await db.execute(sql`
    UPDATE indicator_observations SET status = 'published', updated_at = now()
     WHERE period_code = ${periodCode} AND source IN ('computed', 'device') AND status <> 'published'`);
  return res.rowCount ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Pull-API consumers

export async function listConsumers(db: Executor): Promise<ConsumerRow[]> {
  return db.select().from(indicatorConsumers).orderBy(sql`${indicatorConsumers.active} DESC`, asc(indicatorConsumers.name));
}

export async function getConsumer(db: Executor, id: string): Promise<ConsumerRow | undefined> {
  return (await db.select().from(indicatorConsumers).where(eq(indicatorConsumers.id, id)))[0];
}

export async function findActiveConsumerByHash(db: Executor, keyHash: string): Promise<ConsumerRow | undefined> {
  return (await db.select().from(indicatorConsumers).where(and(eq(indicatorConsumers.keyHash, keyHash), eq(indicatorConsumers.active, true))))[0];
}

export async function insertConsumer(db: Executor, row: { name: string; keyHash: string; keyPrefix: string; scopes: string[] }): Promise<ConsumerRow> {
  return (await db.insert(indicatorConsumers).values(row).returning())[0]!;
}

export async function deactivateConsumer(db: Executor, id: string): Promise<ConsumerRow | undefined> {
  return (await db.update(indicatorConsumers).set({ active: false }).where(and(eq(indicatorConsumers.id, id), eq(indicatorConsumers.active, true))).returning())[0];
}

/** At most one write a minute per key: the "last used" column is for people, not an access log. */
export async function touchConsumer(db: Executor, id: string): Promise<void> {
  await db.execute(sql`UPDATE indicator_consumers SET last_used_at = now() WHERE id = ${id} AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`);
}
