import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import type { ClusterBus } from '../../core/cluster/bus.js';
import { procedures, procedureVersions } from './procedures.schema.js';

export type ProcedureVersion = typeof procedureVersions.$inferSelect;
export type ProcedureWithVersion = ProcedureVersion & { code: string; field: string };

const columns = { ...getColumns(), code: procedures.code, field: procedures.field };
function getColumns() {
  const { id, procedureId, version, effectiveFrom, effectiveTo, name, level, partialReason, unitCode, authority, legalBasis, processingDays, pauseAllowed, fees, documents, resultType, form, workflow, createdBy, createdAt } =
    procedureVersions;
  return { id, procedureId, version, effectiveFrom, effectiveTo, name, level, partialReason, unitCode, authority, legalBasis, processingDays, pauseAllowed, fees, documents, resultType, form, workflow, createdBy, createdAt };
}

/** The version in force on `day` for each procedure: the highest version whose validity covers it. */
function inForce(day: string): SQL {
  return sql`${procedureVersions.id} = (
    SELECT v2.id FROM procedure_versions v2
    WHERE v2.procedure_id = ${procedures.id} AND v2.effective_from <= ${day}::date AND (v2.effective_to IS NULL OR v2.effective_to >= ${day}::date)
    ORDER BY v2.effective_from DESC, v2.version DESC LIMIT 1)`;
}

export interface CatalogueFilter {
  q?: string;
  field?: string;
  level?: 'full' | 'partial';
  limit?: number;
  offset?: number;
}

/**
 * Catalogue search. Every word must appear, compared without diacritics (so "giay phep karaoke"
 * finds "Giấy phép … karaoke", "đ" folds to "d"); names that contain the query with its exact
 * diacritics rank first, then by trigram similarity.
 */
export async function searchCurrent(db: Executor, day: string, f: CatalogueFilter): Promise<{ rows: ProcedureWithVersion[]; total: number }> {
  const where: SQL[] = [inForce(day)];
  const q = (f.q ?? '').normalize('NFC').trim().toLowerCase().slice(0, 200);
  const words = q.split(/\s+/).filter(Boolean).slice(0, 10);
  for (const w of words) {
    const like = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(public.vh_unaccent(lower(${procedureVersions.name})) LIKE public.vh_unaccent(${like}) OR lower(${procedures.code}) LIKE ${like})`);
  }
  if (f.field) where.push(eq(procedures.field, f.field));
  if (f.level) where.push(eq(procedureVersions.level, f.level));
  const order: SQL[] = q
    ? [
        sql`(lower(${procedureVersions.name}) LIKE ${`%${q}%`}) DESC`,
        // Typed without diacritics ("bieu dien"): the name holding the phrase earliest first, so
        // "Tổ chức biểu diễn nghệ thuật" comes before a festival that mentions it at the end.
        sql`coalesce(nullif(strpos(public.vh_unaccent(lower(${procedureVersions.name})), public.vh_unaccent(${q})), 0), 100000) ASC`,
        sql`similarity(public.vh_unaccent(lower(${procedureVersions.name})), public.vh_unaccent(${q})) DESC`,
        sql`${procedureVersions.name} ASC`,
      ]
    : [sql`${procedures.field} ASC`, sql`${procedureVersions.name} ASC`];
  // Ids and the total in one statement; the versions themselves come from the cache of immutable
  // versions (findVersion), so the e-form JSON of every listed procedure is not parsed again.
  const found = await db
    .select({ id: procedureVersions.id, total: sql<number>`count(*) OVER ()::int` })
    .from(procedureVersions)
    .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
    .where(and(...where))
    .orderBy(...order)
    .limit(Math.min(f.limit ?? 50, 200))
    .offset(f.offset ?? 0);
  const rows = (await Promise.all(found.map((r) => findVersion(db, r.id)))).filter((r): r is ProcedureWithVersion => !!r);
  const count = found.length
    ? { n: found[0]!.total }
    : (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(procedureVersions)
          .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
          .where(and(...where))
      )[0];
  return { rows, total: Number(count?.n ?? 0) };
}

export async function findCurrentByCode(db: Executor, code: string, day: string): Promise<ProcedureWithVersion | undefined> {
  return (
    await db
      .select(columns)
      .from(procedureVersions)
      .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
      .where(and(eq(procedures.code, code), inForce(day)))
  )[0];
}

// A published version never changes (a change is a new version), so every dossier page, lookup
// and command can read it from memory instead of parsing its e-form JSON again (the status lookup
// spent most of its time there: docs/benchmarks.md). Only the procedure's field, joined in, can
// change; saveProcedureVersion clears the cache.
const VERSION_CACHE_MAX = 2000;
const versionCache = new Map<string, ProcedureWithVersion>();

/** Buses of the platforms in this process (tests run several): the cache is trusted only while
 * every one of them listens, since a deaf node may have missed a `pages.changed`. */
const versionCacheBuses = new Set<Pick<ClusterBus, 'connected' | 'on' | 'onConnect'>>();

/** Every node forgets its cached versions when any node announces a change (procedure commands
 * announce `pages.changed`), and when its bus reconnects. */
export function bindVersionCacheToBus(bus: Pick<ClusterBus, 'connected' | 'on' | 'onConnect'> | undefined): void {
  if (!bus || versionCacheBuses.has(bus)) return;
  versionCacheBuses.add(bus);
  bus.on('pages.changed', forgetCachedVersions);
  bus.onConnect(forgetCachedVersions);
}

const versionCacheTrusted = () => {
  for (const b of versionCacheBuses) if (!b.connected) return false;
  return true;
};

export async function findVersion(db: Executor, versionId: string): Promise<ProcedureWithVersion | undefined> {
  const trusted = versionCacheTrusted();
  const hit = trusted ? versionCache.get(versionId) : undefined;
  if (hit) return hit;
  const row = (
    await db
      .select(columns)
      .from(procedureVersions)
      .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
      .where(eq(procedureVersions.id, versionId))
  )[0];
  if (row && trusted) {
    if (versionCache.size >= VERSION_CACHE_MAX) versionCache.delete(versionCache.keys().next().value!);
    versionCache.set(versionId, Object.freeze(row));
  }
  return row;
}

/** Forgets the cached versions (after a save; tests that edit rows by hand). */
export function forgetCachedVersions(): void {
  versionCache.clear();
}

export async function listVersions(db: Executor, code: string) {
  return db
    .select(columns)
    .from(procedureVersions)
    .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
    .where(eq(procedures.code, code))
    .orderBy(desc(procedureVersions.version));
}

export async function findProcedureByCode(db: Executor, code: string) {
  return (await db.select().from(procedures).where(eq(procedures.code, code)))[0];
}

export async function insertProcedure(db: Executor, code: string, field: string) {
  return (await db.insert(procedures).values({ code, field }).returning())[0]!;
}

export async function updateProcedureField(db: Executor, id: string, field: string) {
  await db.update(procedures).set({ field }).where(eq(procedures.id, id));
}

export async function nextVersion(db: Executor, procedureId: string): Promise<number> {
  const [row] = await db
    .select({ v: sql<number>`coalesce(max(${procedureVersions.version}), 0)::int` })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId));
  return Number(row?.v ?? 0) + 1;
}

export async function insertVersion(db: Executor, values: typeof procedureVersions.$inferInsert) {
  return (await db.insert(procedureVersions).values(values).returning())[0]!;
}

export async function countProcedures(db: Executor) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(procedures);
  return Number(row?.n ?? 0);
}

export const listCodes = (db: Executor) => db.select({ code: procedures.code }).from(procedures).orderBy(asc(procedures.code));
