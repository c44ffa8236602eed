import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { listAdminUnits } from '../../core/places/index.js';
import { indicatorDeadlineRules, indicatorDeliveries, indicatorReminders } from './indicators.entry.schema.js';
import type { DimValue } from './indicators.entry.model.js';
import {
  indicatorDefinitions,
  indicatorDimensionValues,
  indicatorObservations,
  indicatorPeriods,
  indicatorReports,
  indicatorRevisions,
  type ObservationStatus,
  type ReportStatus,
} from './indicators.schema.js';

export type Period = typeof indicatorPeriods.$inferSelect;
export type Report = typeof indicatorReports.$inferSelect;
export type Observation = typeof indicatorObservations.$inferSelect;
export type Delivery = typeof indicatorDeliveries.$inferSelect;
export type DeadlineRule = typeof indicatorDeadlineRules.$inferSelect;

export async function findPeriod(db: Executor, code: string): Promise<Period | undefined> {
  return (await db.select().from(indicatorPeriods).where(eq(indicatorPeriods.code, code)))[0];
}

export async function lockPeriod(db: Executor, code: string): Promise<Period | undefined> {
  return (await db.select().from(indicatorPeriods).where(eq(indicatorPeriods.code, code)).for('update'))[0];
}

/** Periods that have ended or are running, latest first (a unit enters after the period ends,
 * but may start on a running month). */
export async function listPeriods(db: Executor, until: string, limit = 24): Promise<Period[]> {
  return db.select().from(indicatorPeriods).where(lte(indicatorPeriods.startsOn, until)).orderBy(desc(indicatorPeriods.endsOn), asc(indicatorPeriods.periodicity)).limit(limit);
}

/** Entered indicators a period asks of units: same periodicity, in force on the period's last day. */
const enteredFor = (p: Period) =>
  and(
    eq(indicatorDefinitions.source, 'entered'),
    eq(indicatorDefinitions.periodicity, p.periodicity),
    lte(indicatorDefinitions.validFrom, p.endsOn),
    or(isNull(indicatorDefinitions.validTo), gte(indicatorDefinitions.validTo, p.endsOn)),
  );

export async function enteredDefinitions(db: Executor, p: Period, unitCode?: string) {
  return db
    .select()
    .from(indicatorDefinitions)
    .where(unitCode ? and(enteredFor(p), eq(indicatorDefinitions.unitCode, unitCode)) : enteredFor(p))
    .orderBy(asc(indicatorDefinitions.sort), asc(indicatorDefinitions.code));
}

/** Units that answer for at least one entered indicator of the period. */
export async function unitsOfPeriod(db: Executor, p: Period): Promise<string[]> {
  const rows = await db.selectDistinct({ unit: indicatorDefinitions.unitCode }).from(indicatorDefinitions).where(enteredFor(p));
  return rows.map((r) => r.unit).sort();
}

export async function definitionsByCode(db: Executor, codes: string[]) {
  if (!codes.length) return [];
  return db.select().from(indicatorDefinitions).where(inArray(indicatorDefinitions.code, codes));
}

/**
 * The values each dimension may take on `at`: the area from core/places (the districts while they
 * existed, the communes and wards after the 2025 reorganisation), the others from the catalogue.
 */
export async function dimensionValues(db: Executor, dimensions: string[], at: string): Promise<Map<string, DimValue[]>> {
  const out = new Map<string, DimValue[]>();
  const others = dimensions.filter((d) => d !== 'area');
  if (dimensions.includes('area')) {
    const districts = await listAdminUnits(db, { at, level: 'district' });
    const units = districts.length ? districts : await listAdminUnits(db, { at, level: ['commune', 'ward', 'special_zone'] });
    out.set(
      'area',
      units.map((u) => ({ code: u.code, name: u.name })),
    );
  }
  if (others.length) {
    const rows = await db
      .select()
      .from(indicatorDimensionValues)
      .where(
        and(
          inArray(indicatorDimensionValues.dimension, others),
          lte(indicatorDimensionValues.validFrom, at),
          or(isNull(indicatorDimensionValues.validTo), gte(indicatorDimensionValues.validTo, at)),
        ),
      )
      .orderBy(asc(indicatorDimensionValues.sort), asc(indicatorDimensionValues.code));
    for (const r of rows) {
      const list = out.get(r.dimension) ?? [];
      list.push({ code: r.code, name: r.name });
      out.set(r.dimension, list);
    }
  }
  return out;
}

export async function findReport(db: Executor, periodCode: string, unitCode: string): Promise<Report | undefined> {
  return (await db.select().from(indicatorReports).where(and(eq(indicatorReports.periodCode, periodCode), eq(indicatorReports.unitCode, unitCode))))[0];
}

export async function findReportById(db: Executor, id: string): Promise<Report | undefined> {
  return (await db.select().from(indicatorReports).where(eq(indicatorReports.id, id)))[0];
}

/** The report row, created as a draft the first time a unit saves anything for the period. */
export async function ensureReport(db: Executor, periodCode: string, unitCode: string): Promise<Report> {
  await db.insert(indicatorReports).values({ periodCode, unitCode }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(indicatorReports)
    .where(and(eq(indicatorReports.periodCode, periodCode), eq(indicatorReports.unitCode, unitCode)))
    .for('update');
  return row!;
}

export async function updateReport(db: Executor, id: string, version: number, patch: Partial<typeof indicatorReports.$inferInsert>): Promise<Report | undefined> {
  const [row] = await db
    .update(indicatorReports)
    .set({ ...patch, updatedAt: new Date(), version: sql`${indicatorReports.version} + 1` })
    .where(and(eq(indicatorReports.id, id), eq(indicatorReports.version, version)))
    .returning();
  return row;
}

export async function reportsOfPeriod(db: Executor, periodCode: string): Promise<Report[]> {
  return db.select().from(indicatorReports).where(eq(indicatorReports.periodCode, periodCode)).orderBy(asc(indicatorReports.unitCode));
}

/** Reports waiting for someone: by status, optionally of some units. */
export async function reportsWithStatus(db: Executor, statuses: ReportStatus[], unitCodes?: string[]): Promise<(Report & { dueOn: string | null; periodicity: string })[]> {
  if (unitCodes && !unitCodes.length) return [];
  const rows = await db
    .select({ r: indicatorReports, dueOn: indicatorPeriods.dueOn, periodicity: indicatorPeriods.periodicity })
    .from(indicatorReports)
    .innerJoin(indicatorPeriods, eq(indicatorPeriods.code, indicatorReports.periodCode))
    .where(and(inArray(indicatorReports.status, statuses), unitCodes ? inArray(indicatorReports.unitCode, unitCodes) : undefined))
    .orderBy(asc(indicatorPeriods.dueOn), asc(indicatorReports.unitCode));
  return rows.map((x) => ({ ...x.r, dueOn: x.dueOn, periodicity: x.periodicity }));
}

export async function observationsOf(db: Executor, periodCode: string, indicatorCodes: string[]): Promise<Observation[]> {
  if (!indicatorCodes.length) return [];
  return db
    .select()
    .from(indicatorObservations)
    .where(and(eq(indicatorObservations.periodCode, periodCode), inArray(indicatorObservations.indicatorCode, indicatorCodes)));
}

/** The latest published value of each indicator × disaggregation from periods that ended before
 * `before` (the comparison of the jump rule). */
export async function lastPublished(db: Executor, indicatorCodes: string[], before: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!indicatorCodes.length) return out;
  const rows = await db.execute<{ indicator_code: string; dims_key: string; value: string }>(sql`
    SELECT DISTINCT ON (o.indicator_code, o.dims_key) o.indicator_code, o.dims_key, o.value
    FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
    WHERE o.status = 'published' AND p.ends_on < ${before}::date
      AND o.indicator_code IN (${sql.join(
        indicatorCodes.map((c) => sql`${c}`),
        sql`, `,
      )})
    ORDER BY o.indicator_code, o.dims_key, p.ends_on DESC`);
  for (const r of rows.rows) out.set(`${r.indicator_code}|${r.dims_key}`, Number(r.value));
  return out;
}

export async function upsertDraftObservations(
  db: Executor,
  rows: { indicatorCode: string; periodCode: string; dimsKey: string; dims: Record<string, string>; value: string; comment: string | null; reportId: string; updatedBy: string | null }[],
): Promise<number> {
  if (!rows.length) return 0;
  const res = await db
    .insert(indicatorObservations)
    .values(rows.map((r) => ({ ...r, areaCode: r.dims.area ?? null, status: 'draft' as const, source: 'entered' as const })))
    .onConflictDoUpdate({
      target: [indicatorObservations.indicatorCode, indicatorObservations.periodCode, indicatorObservations.dimsKey],
      set: {
        value: sql`excluded.value`,
        comment: sql`excluded.comment`,
        reportId: sql`excluded.report_id`,
        updatedBy: sql`excluded.updated_by`,
        status: 'draft',
        isDemo: false,
        updatedAt: new Date(),
      },
      // A published value changes only through a correction (with its reason and revision).
      setWhere: ne(indicatorObservations.status, 'published'),
    })
    .returning({ id: indicatorObservations.id });
  return res.length;
}

/** Entries the unit emptied in the form: drafts only, never a published value. */
export async function deleteDraftObservations(db: Executor, reportId: string, periodCode: string, keep: { indicatorCode: string; dimsKey: string }[], codes: string[]) {
  if (!codes.length) return;
  const keepKeys = keep.map((k) => `${k.indicatorCode}|${k.dimsKey}`);
  await db.delete(indicatorObservations).where(
    and(
      eq(indicatorObservations.periodCode, periodCode),
      inArray(indicatorObservations.indicatorCode, codes),
      ne(indicatorObservations.status, 'published'),
      keepKeys.length ? sql`(${indicatorObservations.indicatorCode} || '|' || ${indicatorObservations.dimsKey}) NOT IN (${sql.join(
        keepKeys.map((k) => sql`${k}`),
        sql`, `,
      )})` : undefined,
    ),
  );
  void reportId;
}

export async function setObservationStatus(db: Executor, periodCode: string, codes: string[], status: ObservationStatus, reportId?: string): Promise<number> {
  if (!codes.length) return 0;
  const res = await db
    .update(indicatorObservations)
    .set({ status, updatedAt: new Date(), ...(reportId ? { reportId } : {}) })
    .where(and(eq(indicatorObservations.periodCode, periodCode), inArray(indicatorObservations.indicatorCode, codes), ne(indicatorObservations.status, 'published')))
    .returning({ id: indicatorObservations.id });
  return res.length;
}

/** Computed and device values of the period (no unit report): published with the period. */
export async function publishUnreportedObservations(db: Executor, periodCode: string): Promise<number> {
  const res = await db
    .update(indicatorObservations)
    .set({ status: 'published', updatedAt: new Date() })
    .where(and(eq(indicatorObservations.periodCode, periodCode), ne(indicatorObservations.source, 'entered'), ne(indicatorObservations.status, 'published')))
    .returning({ id: indicatorObservations.id });
  return res.length;
}

export async function markPeriodPublished(db: Executor, code: string, at: Date): Promise<Period | undefined> {
  const [row] = await db
    .update(indicatorPeriods)
    .set({ status: 'published', publishedAt: at, version: sql`${indicatorPeriods.version} + 1` })
    .where(eq(indicatorPeriods.code, code))
    .returning();
  return row;
}

export async function findObservation(db: Executor, indicatorCode: string, periodCode: string, key: string): Promise<Observation | undefined> {
  return (
    await db
      .select()
      .from(indicatorObservations)
      .where(and(eq(indicatorObservations.indicatorCode, indicatorCode), eq(indicatorObservations.periodCode, periodCode), eq(indicatorObservations.dimsKey, key)))
      .for('update')
  )[0];
}

export async function correctObservation(db: Executor, o: Observation, value: string, reason: string, userId: string | null, at: Date) {
  await db.insert(indicatorRevisions).values({
    observationId: o.id,
    indicatorCode: o.indicatorCode,
    periodCode: o.periodCode,
    dimsKey: o.dimsKey,
    oldValue: o.value,
    newValue: value,
    revision: o.revision + 1,
    reason,
    changedBy: userId,
    changedAt: at,
  });
  const [row] = await db
    .update(indicatorObservations)
    .set({ value, revision: o.revision + 1, updatedBy: userId, updatedAt: at, isDemo: false })
    .where(eq(indicatorObservations.id, o.id))
    .returning();
  return row!;
}

export async function revisionsOf(db: Executor, periodCode: string, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select()
    .from(indicatorRevisions)
    .where(and(eq(indicatorRevisions.periodCode, periodCode), inArray(indicatorRevisions.indicatorCode, codes)))
    .orderBy(desc(indicatorRevisions.changedAt));
}

// ——— deadlines ———

export async function deadlineRules(db: Executor): Promise<DeadlineRule[]> {
  return db.select().from(indicatorDeadlineRules).orderBy(asc(indicatorDeadlineRules.periodicity), desc(indicatorDeadlineRules.validFrom));
}

export async function periodsWithoutDueDate(db: Executor): Promise<Period[]> {
  return db.select().from(indicatorPeriods).where(isNull(indicatorPeriods.dueOn));
}

export async function setDueOn(db: Executor, code: string, dueOn: string) {
  await db.update(indicatorPeriods).set({ dueOn }).where(and(eq(indicatorPeriods.code, code), isNull(indicatorPeriods.dueOn)));
}

/** Periods still collecting figures whose deadline is set. */
export async function openPeriodsWithDue(db: Executor): Promise<Period[]> {
  return db
    .select()
    .from(indicatorPeriods)
    .where(and(ne(indicatorPeriods.status, 'published'), sql`${indicatorPeriods.dueOn} IS NOT NULL`))
    .orderBy(asc(indicatorPeriods.dueOn));
}

export async function recordReminder(db: Executor, v: typeof indicatorReminders.$inferInsert): Promise<boolean> {
  const res = await db.insert(indicatorReminders).values(v).onConflictDoNothing().returning({ p: indicatorReminders.periodCode });
  return res.length > 0;
}

/** People of a unit holding a permission today (the unit's officers for reminders). */
export async function unitPeopleWithPermission(db: Executor, unitCode: string, permissions: string[], today: string) {
  const res = await db.execute<{ email: string; full_name: string }>(sql`
    SELECT DISTINCT u.email, u.full_name
    FROM role_assignments ra
    JOIN units un ON un.id = ra.unit_id
    JOIN role_permissions rp ON rp.role_id = ra.role_id
    JOIN users u ON u.id = ra.user_id
    WHERE un.code = ${unitCode} AND rp.permission_code IN (${sql.join(
      permissions.map((p) => sql`${p}`),
      sql`, `,
    )})
      AND ra.valid_from <= ${today}::date AND (ra.valid_to IS NULL OR ra.valid_to >= ${today}::date)
      AND u.kind = 'staff' AND u.status = 'active'
    ORDER BY u.email`);
  return res.rows.map((r) => ({ email: r.email, name: r.full_name }));
}

export async function unitNames(db: Executor): Promise<Map<string, { id: string; name: string }>> {
  const res = await db.execute<{ id: string; code: string; name: string }>(sql`SELECT id, code, name FROM units`);
  return new Map(res.rows.map((r) => [r.code, { id: r.id, name: r.name }]));
}

// ——— IOC deliveries ———

/** The published values of a period with what the IOC needs to read them. */
export async function publishedForPush(db: Executor, periodCode: string) {
  const res = await db.execute<{
    indicator_code: string;
    ioc_code: string | null;
    name: string;
    measure_unit: string;
    value_type: string;
    periodicity: string;
    dims: Record<string, string>;
    value: string;
    revision: number;
    source: string;
    updated_at: Date;
  }>(sql`
    SELECT o.indicator_code, d.ioc_code, d.name, d.measure_unit, d.value_type, d.periodicity, o.dims, o.value, o.revision, o.source, o.updated_at
    FROM indicator_observations o JOIN indicator_definitions d ON d.code = o.indicator_code
    WHERE o.period_code = ${periodCode} AND o.status = 'published'
    ORDER BY d.sort, o.indicator_code, o.dims_key`);
  return res.rows;
}

export async function insertDelivery(db: Executor, v: typeof indicatorDeliveries.$inferInsert): Promise<Delivery> {
  const [row] = await db.insert(indicatorDeliveries).values(v).returning();
  return row!;
}

export async function findDelivery(db: Executor, id: string): Promise<Delivery | undefined> {
  return (await db.select().from(indicatorDeliveries).where(eq(indicatorDeliveries.id, id)))[0];
}

export async function updateDelivery(db: Executor, id: string, patch: Partial<typeof indicatorDeliveries.$inferInsert>) {
  await db.update(indicatorDeliveries).set(patch).where(eq(indicatorDeliveries.id, id));
}

/** Counts an attempt before it is made, so a crash mid-request still shows in the log. */
export async function startAttempt(db: Executor, id: string, at: Date): Promise<Delivery | undefined> {
  const [row] = await db
    .update(indicatorDeliveries)
    .set({ attempts: sql`${indicatorDeliveries.attempts} + 1`, lastAttemptAt: at })
    .where(and(eq(indicatorDeliveries.id, id), ne(indicatorDeliveries.status, 'delivered')))
    .returning();
  return row;
}

export async function listDeliveries(db: Executor, periodCode?: string, limit = 100) {
  return db
    .select({
      id: indicatorDeliveries.id,
      periodCode: indicatorDeliveries.periodCode,
      trigger: indicatorDeliveries.trigger,
      unitCode: indicatorDeliveries.unitCode,
      endpoint: indicatorDeliveries.endpoint,
      status: indicatorDeliveries.status,
      attempts: indicatorDeliveries.attempts,
      httpStatus: indicatorDeliveries.httpStatus,
      lastError: indicatorDeliveries.lastError,
      payloadHash: indicatorDeliveries.payloadHash,
      payloadBytes: indicatorDeliveries.payloadBytes,
      observations: indicatorDeliveries.observations,
      createdAt: indicatorDeliveries.createdAt,
      lastAttemptAt: indicatorDeliveries.lastAttemptAt,
      deliveredAt: indicatorDeliveries.deliveredAt,
      durationMs: indicatorDeliveries.durationMs,
    })
    .from(indicatorDeliveries)
    .where(periodCode ? eq(indicatorDeliveries.periodCode, periodCode) : undefined)
    .orderBy(desc(indicatorDeliveries.createdAt))
    .limit(limit);
}
export type DeliveryListRow = Awaited<ReturnType<typeof listDeliveries>>[number];
