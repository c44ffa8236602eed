import { and, asc, desc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { deviceFacilities, deviceRejections, devices } from './devices.schema.js';

export type Device = typeof devices.$inferSelect;
export type Facility = typeof deviceFacilities.$inferSelect;

/** One interval ready to store (validated; times as Date). */
export interface CountRow {
  deviceId: string;
  facilityCode: string;
  intervalStart: Date;
  intervalSeconds: number;
  entries: number;
  exits: number;
  seq: number;
  deviceTime: Date;
}

// ── registry ─────────────────────────────────────────────────────────────────
export const listFacilities = (db: Executor) => db.select().from(deviceFacilities).orderBy(asc(deviceFacilities.name));

export async function findFacility(db: Executor, code: string): Promise<Facility | undefined> {
  return (await db.select().from(deviceFacilities).where(eq(deviceFacilities.code, code)))[0];
}

export async function upsertFacility(db: Executor, f: { code: string; name: string; nameEn?: string | null; unitCode?: string | null; opensAt: string; closesAt: string }) {
  await db
    .insert(deviceFacilities)
    .values(f)
    .onConflictDoUpdate({ target: deviceFacilities.code, set: { name: f.name, nameEn: f.nameEn ?? null, unitCode: f.unitCode ?? null, opensAt: f.opensAt, closesAt: f.closesAt } });
}

export const listDevices = (db: Executor) => db.select().from(devices).orderBy(asc(devices.facilityCode), asc(devices.id)).limit(1000);

export async function findDevice(db: Executor, id: string): Promise<Device | undefined> {
  return (await db.select().from(devices).where(eq(devices.id, id)))[0];
}

export async function insertDevice(
  db: Executor,
  d: { id: string; facilityCode: string; entrance: string; location: string | null; key: string; silentAfterMinutes: number; isDemo?: boolean },
): Promise<Device | undefined> {
  return (await db.insert(devices).values(d).onConflictDoNothing().returning())[0];
}

/** Optimistic locking: the change applies only to the version the officer saw. */
export async function updateDevice(
  db: Executor,
  id: string,
  version: number,
  set: Partial<{ entrance: string; location: string | null; key: string; status: 'active' | 'disabled'; silentAfterMinutes: number }>,
): Promise<Device | undefined> {
  return (
    await db
      .update(devices)
      .set({ ...set, version: sql`${devices.version} + 1` })
      .where(and(eq(devices.id, id), eq(devices.version, version)))
      .returning()
  )[0];
}

/** Written at most every 30 s per camera (and only when older): a row lock per batch would
 * serialise a camera's concurrent posts for nothing. A camera heard again is no longer silent. */
export async function touchDevices(db: Executor, ids: string[], at: Date) {
  if (!ids.length) return;
  await db.execute(sql`
    UPDATE devices SET last_seen_at = ${at.toISOString()}::timestamptz, silent_alerted_at = NULL
    WHERE id = ANY(${sql.param(ids)}::text[]) AND (last_seen_at IS NULL OR last_seen_at < ${at.toISOString()}::timestamptz)`);
}

// ── counts ───────────────────────────────────────────────────────────────────
/**
 * Stores a batch in one statement: unnest() turns the arrays into rows (one round trip, one plan,
 * whatever the batch size), ON CONFLICT DO NOTHING makes a resent interval count once (either
 * key: (device, interval start) or (device, seq)), and the hourly sums grow by exactly the rows
 * inserted, in the same statement. Rows are sorted so two batches lock hourly rows in one order.
 * Returns the keys of the rows inserted.
 */
export async function insertCounts(db: Executor, rows: CountRow[], via: 'http' | 'mqtt'): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const col = <T>(f: (r: CountRow) => T) => rows.map(f);
  const res = await db.execute(sql`
    WITH v AS (
      SELECT * FROM unnest(
        ${sql.param(col((r) => r.deviceId))}::text[], ${sql.param(col((r) => r.facilityCode))}::text[], ${sql.param(col((r) => r.intervalStart.toISOString()))}::timestamptz[],
        ${sql.param(col((r) => r.intervalSeconds))}::int[], ${sql.param(col((r) => r.entries))}::int[], ${sql.param(col((r) => r.exits))}::int[],
        ${sql.param(col((r) => r.seq))}::bigint[], ${sql.param(col((r) => r.deviceTime.toISOString()))}::timestamptz[]
      ) AS v(device_id, facility_code, interval_start, interval_seconds, entries, exits, seq, device_time)
    ), ins AS (
      INSERT INTO device_counts (device_id, facility_code, interval_start, interval_seconds, entries, exits, seq, device_time, via)
      SELECT device_id, facility_code, interval_start, interval_seconds, entries, exits, seq, device_time, ${via} FROM v
      ORDER BY device_id, interval_start
      ON CONFLICT DO NOTHING
      RETURNING device_id, facility_code, interval_start, entries, exits
    ), hourly AS (
      INSERT INTO device_hourly (device_id, hour_start, facility_code, entries, exits)
      SELECT device_id, date_trunc('hour', interval_start, 'UTC'), facility_code, sum(entries), sum(exits) FROM ins
      GROUP BY 1, 2, 3 ORDER BY 1, 2
      ON CONFLICT (device_id, hour_start) DO UPDATE SET entries = device_hourly.entries + excluded.entries, exits = device_hourly.exits + excluded.exits
    )
    SELECT device_id, (extract(epoch FROM interval_start) * 1000)::bigint AS ms FROM ins`);
  return new Set((res.rows as { device_id: string; ms: string }[]).map((r) => `${r.device_id}|${Number(r.ms)}`));
}

/** For rows not inserted: the stored row with the same interval start or the same sequence
 * number, to tell a harmless resend from a replay. */
export async function existingCounts(db: Executor, rows: CountRow[]): Promise<{ deviceId: string; startMs: number; seq: number }[]> {
  if (!rows.length) return [];
  const res = await db.execute(sql`
    SELECT c.device_id, (extract(epoch FROM c.interval_start) * 1000)::bigint AS ms, c.seq
    FROM unnest(${sql.param(rows.map((r) => r.deviceId))}::text[], ${sql.param(rows.map((r) => r.intervalStart.toISOString()))}::timestamptz[], ${sql.param(rows.map((r) => r.seq))}::bigint[]) AS v(device_id, interval_start, seq)
    JOIN device_counts c ON c.device_id = v.device_id AND (c.interval_start = v.interval_start OR c.seq = v.seq)`);
  return (res.rows as { device_id: string; ms: string; seq: string }[]).map((r) => ({ deviceId: r.device_id, startMs: Number(r.ms), seq: Number(r.seq) }));
}

export async function insertRejection(db: Executor, r: { deviceId: string | null; via: string; code: string; detail: string }) {
  await db.insert(deviceRejections).values({ ...r, detail: r.detail.slice(0, 500) });
}

export const recentRejections = (db: Executor, limit = 50) => db.select().from(deviceRejections).orderBy(desc(deviceRejections.id)).limit(limit);

// ── aggregates ───────────────────────────────────────────────────────────────
const VN = 'Asia/Ho_Chi_Minh';

/** Per camera for one Vietnam day, from the hourly sums. */
export async function dayByDevice(db: Executor, day: string): Promise<{ deviceId: string; entries: number; exits: number }[]> {
  const res = await db.execute(sql`
    SELECT device_id, sum(entries)::bigint AS entries, sum(exits)::bigint AS exits FROM device_hourly
    WHERE hour_start >= (${day}::date)::timestamp AT TIME ZONE ${VN} AND hour_start < (${day}::date + 1)::timestamp AT TIME ZONE ${VN}
    GROUP BY device_id`);
  return (res.rows as { device_id: string; entries: string; exits: string }[]).map((r) => ({ deviceId: r.device_id, entries: Number(r.entries), exits: Number(r.exits) }));
}

/** Hour by hour (0–23, Vietnam time) for one facility and day. */
export async function hoursOfDay(db: Executor, facility: string, day: string): Promise<{ hour: number; entries: number; exits: number }[]> {
  const res = await db.execute(sql`
    SELECT extract(hour FROM hour_start AT TIME ZONE ${VN})::int AS hour, sum(entries)::bigint AS entries, sum(exits)::bigint AS exits FROM device_hourly
    WHERE facility_code = ${facility} AND hour_start >= (${day}::date)::timestamp AT TIME ZONE ${VN} AND hour_start < (${day}::date + 1)::timestamp AT TIME ZONE ${VN}
    GROUP BY 1 ORDER BY 1`);
  return (res.rows as { hour: number; entries: string; exits: string }[]).map((r) => ({ hour: Number(r.hour), entries: Number(r.entries), exits: Number(r.exits) }));
}

/** Day by day (Vietnam time) per facility between two days inclusive. */
export async function dailyTotals(db: Executor, from: string, to: string, facility?: string): Promise<{ facilityCode: string; day: string; entries: number; exits: number }[]> {
  const res = await db.execute(sql`
    SELECT facility_code, to_char((hour_start AT TIME ZONE ${VN})::date, 'YYYY-MM-DD') AS day, sum(entries)::bigint AS entries, sum(exits)::bigint AS exits FROM device_hourly
    WHERE hour_start >= (${from}::date)::timestamp AT TIME ZONE ${VN} AND hour_start < (${to}::date + 1)::timestamp AT TIME ZONE ${VN}
    ${facility ? sql`AND facility_code = ${facility}` : sql``}
    GROUP BY 1, 2 ORDER BY 2 DESC, 1`);
  return (res.rows as { facility_code: string; day: string; entries: string; exits: string }[]).map((r) => ({
    facilityCode: r.facility_code,
    day: r.day,
    entries: Number(r.entries),
    exits: Number(r.exits),
  }));
}

/** Entries per facility over a period of Vietnam days (the visitor indicators). */
export async function entriesByFacility(db: Executor, from: string, to: string): Promise<{ facilityCode: string; entries: number }[]> {
  const res = await db.execute(sql`
    SELECT facility_code, sum(entries)::bigint AS entries FROM device_hourly
    WHERE hour_start >= (${from}::date)::timestamp AT TIME ZONE ${VN} AND hour_start < (${to}::date + 1)::timestamp AT TIME ZONE ${VN}
    GROUP BY 1 ORDER BY 1`);
  return (res.rows as { facility_code: string; entries: string }[]).map((r) => ({ facilityCode: r.facility_code, entries: Number(r.entries) }));
}

/** In − out per camera since `since` (today's opening time), from the raw intervals. */
export async function netSince(db: Executor, facility: string, since: Date): Promise<{ deviceId: string; entries: number; exits: number }[]> {
  const res = await db.execute(sql`
    SELECT device_id, sum(entries)::bigint AS entries, sum(exits)::bigint AS exits FROM device_counts
    WHERE facility_code = ${facility} AND interval_start >= ${since.toISOString()}::timestamptz
    GROUP BY 1`);
  return (res.rows as { device_id: string; entries: string; exits: string }[]).map((r) => ({ deviceId: r.device_id, entries: Number(r.entries), exits: Number(r.exits) }));
}

/** Active cameras not heard for longer than their threshold and not yet reported. */
export async function silentDevices(db: Executor, now: Date): Promise<Device[]> {
  return db
    .select()
    .from(devices)
    .where(
      and(
        eq(devices.status, 'active'),
        isNull(devices.silentAlertedAt),
        or(
          lt(devices.lastSeenAt, sql`${now.toISOString()}::timestamptz - make_interval(mins => ${devices.silentAfterMinutes})`),
          and(isNull(devices.lastSeenAt), lt(devices.createdAt, sql`${now.toISOString()}::timestamptz - make_interval(mins => ${devices.silentAfterMinutes})`)),
        ),
      ),
    )
    .orderBy(asc(devices.id))
    .limit(500);
}

export async function markSilentAlerted(db: Executor, id: string, at: Date): Promise<boolean> {
  const r = await db
    .update(devices)
    .set({ silentAlertedAt: at })
    .where(and(eq(devices.id, id), isNull(devices.silentAlertedAt)))
    .returning({ id: devices.id });
  return r.length > 0;
}

export const countsSince = async (db: Executor, since: Date) =>
  Number((await db.select({ n: sql<number>`count(*)::int` }).from(devices).where(gte(devices.lastSeenAt, since)))[0]?.n ?? 0);

/** Entries in one hour of the day (Vietnam time) summed over the days between `from` and `to`
 * inclusive: the usual traffic of that hour, for "busy now". */
export async function entriesAtHour(db: Executor, facility: string, hour: number, from: string, to: string): Promise<{ entries: number; days: number }> {
  const res = await db.execute(sql`
    SELECT coalesce(sum(entries), 0)::bigint AS entries, count(DISTINCT (hour_start AT TIME ZONE ${VN})::date)::int AS days FROM device_hourly
    WHERE facility_code = ${facility} AND extract(hour FROM hour_start AT TIME ZONE ${VN}) = ${hour}
      AND hour_start >= (${from}::date)::timestamp AT TIME ZONE ${VN} AND hour_start < (${to}::date + 1)::timestamp AT TIME ZONE ${VN}`);
  const r = res.rows[0] as { entries: string; days: number };
  return { entries: Number(r.entries), days: Number(r.days) };
}
