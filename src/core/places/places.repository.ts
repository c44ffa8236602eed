import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { type AdminLevel, adminUnits } from './places.schema.js';

export type AdminUnit = typeof adminUnits.$inferSelect;
export type NewAdminUnit = typeof adminUnits.$inferInsert;

export interface AdminUnitFilter {
  /** 'YYYY-MM-DD': only the units in force that day; omitted = every unit, past ones included */
  at?: string;
  level?: AdminLevel | AdminLevel[];
  /** children of this unit (the communes of a district, or of the province since 2025) */
  parentCode?: string;
}

const collator = new Intl.Collator('vi');
/** The kind of unit in front of its name ("Phường", "Xã", "Huyện đảo" …): a list sorted on it
 * would put every ward before every commune; people look a unit up by its proper name. */
const KIND_PREFIX = /^(Tỉnh|Thành phố|Thị xã|Thị trấn|Huyện đảo|Huyện|Quận|Phường|Xã|Đặc khu)\s+/u;
export const properName = (name: string) => name.replace(KIND_PREFIX, '');

/** Vietnamese alphabetical order (Ă, Â after A, Đ after D …) on the proper name, then the full name and code. */
export function compareAdminUnits(a: Pick<AdminUnit, 'name' | 'code'>, b: Pick<AdminUnit, 'name' | 'code'>): number {
  return collator.compare(properName(a.name), properName(b.name)) || collator.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** In force on `at` (both ends inclusive: `valid_to` is the last day). */
export const validAt = (at: string): SQL => and(lte(adminUnits.validFrom, at), or(isNull(adminUnits.validTo), gte(adminUnits.validTo, at)))!;

export async function selectAdminUnits(db: Executor, f: AdminUnitFilter = {}): Promise<AdminUnit[]> {
  const where: SQL[] = [];
  if (f.at) where.push(validAt(f.at));
  if (f.level) {
    const levels = Array.isArray(f.level) ? f.level : [f.level];
    where.push(inArray(adminUnits.level, levels));
  }
  if (f.parentCode) where.push(eq(adminUnits.parentCode, f.parentCode));
  const rows = await db
    .select()
    .from(adminUnits)
    .where(where.length ? and(...where) : undefined);
  return rows.sort(compareAdminUnits);
}

export async function selectAdminUnit(db: Executor, code: string): Promise<AdminUnit | undefined> {
  return (await db.select().from(adminUnits).where(eq(adminUnits.code, code)))[0];
}

/** The unit(s) in force on `at` that `code` became, following successors through several
 * reorganisations (a commune merged in 2019 and again in 2025). UNION drops codes already
 * visited, so bad data with a cycle cannot loop. */
export async function selectSuccessorsAt(db: Executor, code: string, at: string): Promise<AdminUnit[]> {
  const { rows } = await db.execute<{ code: string }>(sql`
    WITH RECURSIVE chain(code) AS (
      SELECT ${code}::text
      UNION
      SELECT s.code FROM admin_units u JOIN chain c ON u.code = c.code
        CROSS JOIN LATERAL unnest(u.successor_codes) AS s(code)
      WHERE u.valid_to IS NOT NULL AND u.valid_to < ${at}::date
    )
    SELECT code FROM chain`);
  const codes = rows.map((r) => r.code);
  if (!codes.length) return [];
  const found = await db
    .select()
    .from(adminUnits)
    .where(and(inArray(adminUnits.code, codes), validAt(at)));
  return found.sort(compareAdminUnits);
}

/** Province 0, district 1, commune level 2: a district lists the communes its own communes went
 * into as its successors, but it is not one of their predecessors (their communes are). */
export const tierOf = (level: AdminLevel) => (level === 'province' ? 0 : level === 'district' ? 1 : 2);

/** The units of the same tier that became `code` (one step back). */
export async function selectPredecessors(db: Executor, code: string): Promise<AdminUnit[]> {
  const unit = await selectAdminUnit(db, code);
  if (!unit) return [];
  const rows = await db.select().from(adminUnits).where(sql`${adminUnits.successorCodes} @> ARRAY[${code}]::text[]`);
  return rows.filter((r) => tierOf(r.level) === tierOf(unit.level)).sort(compareAdminUnits);
}

export async function countAdminUnits(db: Executor): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM admin_units`);
  return rows[0]?.n ?? 0;
}

/** One statement for the whole list: the demo's ~90 units cost one round trip at start. */
export async function insertAdminUnits(db: Executor, units: NewAdminUnit[]): Promise<number> {
  if (!units.length) return 0;
  const rows = await db.insert(adminUnits).values(units).onConflictDoNothing().returning({ code: adminUnits.code });
  return rows.length;
}
