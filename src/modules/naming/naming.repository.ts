import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import {
  namingAreas,
  namingBatches,
  namingBatchItems,
  namingComments,
  namingDocuments,
  namingExceptions,
  namingNames,
  namingObjectNames,
  namingObjects,
  namingPersons,
  namingRules,
} from './naming.schema.js';

export type Rule = typeof namingRules.$inferSelect;
export type Area = typeof namingAreas.$inferSelect;
export type Person = typeof namingPersons.$inferSelect;
export type BankName = typeof namingNames.$inferSelect;
export type NamedObject = typeof namingObjects.$inferSelect;
export type ObjectName = typeof namingObjectNames.$inferSelect;
export type Batch = typeof namingBatches.$inferSelect;
export type BatchItem = typeof namingBatchItems.$inferSelect;
export type Comment = typeof namingComments.$inferSelect;
export type Document = typeof namingDocuments.$inferSelect;
export type RuleInput = Omit<typeof namingRules.$inferInsert, 'id'>;

// ── Rules ────────────────────────────────────────────────────────────────────
export async function upsertRules(db: Executor, rows: RuleInput[]) {
  if (!rows.length) return;
  await db
    .insert(namingRules)
    .values(rows)
    .onConflictDoUpdate({
      target: [namingRules.kind, namingRules.key, namingRules.effectiveFrom],
      set: { label: sql`excluded.label`, labelEn: sql`excluded.label_en`, value: sql`excluded.value`, legalBasis: sql`excluded.legal_basis`, effectiveTo: sql`excluded.effective_to`, sort: sql`excluded.sort` },
    });
}

/** The rules in force on a day: the latest version of each kind/key that started by then. */
export async function rulesAt(db: Executor, day: string): Promise<Rule[]> {
  const rows = await db
    .select()
    .from(namingRules)
    .where(and(lte(namingRules.effectiveFrom, day), or(isNull(namingRules.effectiveTo), gte(namingRules.effectiveTo, day))))
    .orderBy(asc(namingRules.kind), asc(namingRules.sort), desc(namingRules.effectiveFrom));
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.kind}|${r.key}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ── Areas ────────────────────────────────────────────────────────────────────
export async function upsertArea(db: Executor, a: typeof namingAreas.$inferInsert) {
  await db
    .insert(namingAreas)
    .values(a)
    .onConflictDoUpdate({ target: namingAreas.code, set: { name: a.name, boundary: a.boundary, minLng: a.minLng, minLat: a.minLat, maxLng: a.maxLng, maxLat: a.maxLat } });
}
export async function listAreas(db: Executor): Promise<Area[]> {
  return db.select().from(namingAreas).orderBy(asc(namingAreas.name));
}
export async function findArea(db: Executor, code: string): Promise<Area | undefined> {
  return (await db.select().from(namingAreas).where(eq(namingAreas.code, code)))[0];
}

// ── Persons ──────────────────────────────────────────────────────────────────
export async function insertPerson(db: Executor, v: typeof namingPersons.$inferInsert): Promise<Person> {
  return (await db.insert(namingPersons).values(v).returning())[0]!;
}
/** The person whose name or any spelling variant folds to `fold`. */
export async function personByFold(db: Executor, fold: string): Promise<Person | undefined> {
  return (await db.select().from(namingPersons).where(or(eq(namingPersons.fold, fold), sql`${namingPersons.variantFolds} @> ARRAY[${fold}]::text[]`)).limit(1))[0];
}
export async function findPerson(db: Executor, id: string): Promise<Person | undefined> {
  return (await db.select().from(namingPersons).where(eq(namingPersons.id, id)))[0];
}
export async function listPersons(db: Executor): Promise<Person[]> {
  return db.select().from(namingPersons).orderBy(asc(namingPersons.fold)).limit(5000);
}

// ── Names (the bank) ─────────────────────────────────────────────────────────
export async function insertName(db: Executor, v: typeof namingNames.$inferInsert): Promise<BankName> {
  return (await db.insert(namingNames).values(v).returning())[0]!;
}
export async function findName(db: Executor, id: string): Promise<BankName | undefined> {
  return (await db.select().from(namingNames).where(eq(namingNames.id, id)))[0];
}
export async function setNameStatus(db: Executor, ids: string[], status: BankName['status']) {
  if (ids.length) await db.update(namingNames).set({ status }).where(inArray(namingNames.id, ids));
}
export async function listNames(db: Executor, f: { q?: string; status?: string; nameClass?: string } = {}, limit = 5000): Promise<(BankName & { personName: string | null; birthYear: number | null; deathYear: number | null })[]> {
  const conds = [];
  if (f.status) conds.push(eq(namingNames.status, f.status as BankName['status']));
  if (f.nameClass) conds.push(eq(namingNames.nameClass, f.nameClass));
  if (f.q) conds.push(sql`${namingNames.fold} LIKE ${`%${f.q.replace(/[%_\\]/g, '\\$&')}%`}`);
  const rows = await db
    .select({ n: namingNames, personName: namingPersons.fullName, birthYear: namingPersons.birthYear, deathYear: namingPersons.deathYear })
    .from(namingNames)
    .leftJoin(namingPersons, eq(namingPersons.id, namingNames.personId))
    .where(conds.length ? and(...conds) : undefined)
    .limit(limit);
  return rows.map((r) => ({ ...r.n, personName: r.personName, birthYear: r.birthYear, deathYear: r.deathYear }));
}
export async function namesByIds(db: Executor, ids: string[]): Promise<BankName[]> {
  return ids.length ? db.select().from(namingNames).where(inArray(namingNames.id, ids)) : [];
}
export async function insertDocument(db: Executor, v: typeof namingDocuments.$inferInsert): Promise<Document> {
  return (await db.insert(namingDocuments).values(v).returning())[0]!;
}
export async function documentsOf(db: Executor, nameId: string): Promise<Document[]> {
  return db.select().from(namingDocuments).where(eq(namingDocuments.nameId, nameId)).orderBy(asc(namingDocuments.createdAt));
}
export async function findDocument(db: Executor, id: string): Promise<Document | undefined> {
  return (await db.select().from(namingDocuments).where(eq(namingDocuments.id, id)))[0];
}

// ── Objects ──────────────────────────────────────────────────────────────────
export async function insertObjects(db: Executor, rows: (typeof namingObjects.$inferInsert)[]): Promise<NamedObject[]> {
  return rows.length ? db.insert(namingObjects).values(rows).returning() : [];
}
export async function insertObjectNames(db: Executor, rows: (typeof namingObjectNames.$inferInsert)[]) {
  if (rows.length) await db.insert(namingObjectNames).values(rows);
}
export async function findObject(db: Executor, id: string): Promise<NamedObject | undefined> {
  return (await db.select().from(namingObjects).where(eq(namingObjects.id, id)))[0];
}
export async function findObjectByCode(db: Executor, code: string): Promise<NamedObject | undefined> {
  return (await db.select().from(namingObjects).where(eq(namingObjects.code, code)))[0];
}
export async function objectByName(db: Executor, nameId: string): Promise<NamedObject | undefined> {
  return (await db.select().from(namingObjects).where(eq(namingObjects.nameId, nameId)))[0];
}
export async function nextObjectCode(db: Executor): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`SELECT COALESCE(MAX(substring(code FROM '^TD-([0-9]+)$')::int), 0) + 1 AS n FROM naming_objects`);
  return r.rows[0]!.n;
}
export async function listObjects(db: Executor, f: { area?: string; q?: string; named?: boolean; ids?: string[] } = {}, limit = 20_000): Promise<NamedObject[]> {
  const conds = [];
  if (f.area) conds.push(eq(namingObjects.areaCode, f.area));
  if (f.named) conds.push(sql`${namingObjects.currentName} IS NOT NULL`);
  if (f.ids) conds.push(inArray(namingObjects.id, f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']));
  if (f.q) conds.push(sql`${namingObjects.fold} LIKE ${`%${f.q.replace(/[%_\\]/g, '\\$&')}%`}`);
  return db.select().from(namingObjects).where(conds.length ? and(...conds) : undefined).limit(limit);
}
export async function historyOf(db: Executor, objectId: string): Promise<ObjectName[]> {
  return db.select().from(namingObjectNames).where(eq(namingObjectNames.objectId, objectId)).orderBy(asc(namingObjectNames.fromDate));
}
export async function renameObject(db: Executor, objectId: string, v: { name: string; fold: string; exact: string; nameClass: string; nameId: string; personId: string | null; day: string; decisionNumber: string; decisionDate: string }) {
  await db.execute(sql`UPDATE naming_object_names SET to_date = ${v.day} WHERE object_id = ${objectId} AND to_date IS NULL`);
  await db
    .update(namingObjects)
    .set({ currentName: v.name, fold: v.fold, exact: v.exact, nameClass: v.nameClass, nameId: v.nameId, personId: v.personId })
    .where(eq(namingObjects.id, objectId));
  await db.insert(namingObjectNames).values({ objectId, name: v.name, nameId: v.nameId, fromDate: v.day, decisionNumber: v.decisionNumber, decisionDate: v.decisionDate });
}

// ── Checks (Circular 36/2006 §II: inventory, duplicates, wrong names) ────────
export type CheckRow = {
  area_code: string;
  key: string;
  names: string[];
  codes: string[];
};
/**
 * The inventory checks of one urban area or all: the same name twice, names that differ only by
 * diacritics or spelling (same folded form, different exact form), one person on two objects
 * without a recorded exception, and lanes carrying a proper name.
 *
 * Each check first finds its few offending keys with a hash aggregate that only counts (no sort,
 * no per-group array), then builds the lists for those keys alone. Grouping all 20,000 names with
 * `array_agg(… ORDER BY …)` sorted every row under the database collation and started a sort per
 * group (~19,000 groups for ~130 hits): 140–165 ms a statement on the bench, 507 ms for the four
 * on a loaded machine (docs/benchmarks.md). Keys compare as bytes (`COLLATE "C"`): equality of
 * exact and folded forms does not depend on collation.
 */
export async function inventoryChecks(db: Executor, area: string | null, lanePattern: string) {
  const where = area ? sql`o.area_code = ${area}` : sql`TRUE`;
  const [dups, spelling, persons, lanes] = await Promise.all([
    db.execute<CheckRow>(sql`WITH k AS (
        SELECT o.area_code, o.exact FROM naming_objects o WHERE ${where} AND o.exact IS NOT NULL AND o.kind <> 'lane'
         GROUP BY o.area_code, o.exact HAVING COUNT(*) > 1)
      SELECT o.area_code, o.exact AS key, array_agg(o.current_name ORDER BY o.code COLLATE "C") AS names, array_agg(o.code ORDER BY o.code COLLATE "C") AS codes
        FROM naming_objects o JOIN k ON k.area_code = o.area_code AND k.exact = o.exact
       WHERE o.kind <> 'lane' GROUP BY o.area_code, o.exact`),
    db.execute<CheckRow>(sql`WITH k AS (
        SELECT o.area_code, o.fold FROM naming_objects o WHERE ${where} AND o.fold IS NOT NULL AND o.kind <> 'lane'
         GROUP BY o.area_code, o.fold HAVING MIN(o.exact COLLATE "C") <> MAX(o.exact COLLATE "C"))
      SELECT o.area_code, o.fold AS key, array_agg(o.current_name ORDER BY o.code COLLATE "C") AS names, array_agg(o.code ORDER BY o.code COLLATE "C") AS codes
        FROM naming_objects o JOIN k ON k.area_code = o.area_code AND k.fold = o.fold
       WHERE o.kind <> 'lane' GROUP BY o.area_code, o.fold`),
    db.execute<CheckRow & { person: string }>(sql`WITH k AS (
        SELECT o.area_code, o.person_id FROM naming_objects o WHERE ${where} AND o.person_id IS NOT NULL
         GROUP BY o.area_code, o.person_id HAVING COUNT(*) > 1)
      SELECT o.area_code, o.person_id::text AS key, MAX(p.full_name) AS person, array_agg(o.current_name ORDER BY o.code COLLATE "C") AS names, array_agg(o.code ORDER BY o.code COLLATE "C") AS codes
        FROM k JOIN naming_objects o ON o.area_code = k.area_code AND o.person_id = k.person_id
        JOIN naming_persons p ON p.id = k.person_id
       WHERE NOT EXISTS (SELECT 1 FROM naming_exceptions e WHERE e.area_code = k.area_code AND e.person_id = k.person_id)
       GROUP BY o.area_code, o.person_id`),
    db.execute<CheckRow>(sql`SELECT o.area_code, o.code AS key, ARRAY[o.current_name] AS names, ARRAY[o.code] AS codes
      FROM naming_objects o WHERE ${where} AND o.kind = 'lane' AND o.current_name IS NOT NULL AND o.current_name !~ ${lanePattern}`),
  ]);
  return { duplicates: dups.rows, spelling: spelling.rows, samePerson: persons.rows, lanes: lanes.rows };
}

/** Objects of an area already named after a person (for the bank and proposal checks). */
export async function objectsOfPerson(db: Executor, area: string, personId: string): Promise<NamedObject[]> {
  return db.select().from(namingObjects).where(and(eq(namingObjects.areaCode, area), eq(namingObjects.personId, personId)));
}
export async function exceptionFor(db: Executor, area: string, personId: string) {
  return (await db.select().from(namingExceptions).where(and(eq(namingExceptions.areaCode, area), eq(namingExceptions.personId, personId))))[0];
}
export async function insertException(db: Executor, v: typeof namingExceptions.$inferInsert) {
  await db.insert(namingExceptions).values(v).onConflictDoUpdate({ target: [namingExceptions.areaCode, namingExceptions.personId], set: { reason: v.reason } });
}
/** Bank names whose person already names an object of the area (the same-person rule). */
export async function bankSamePerson(db: Executor, area: string) {
  const r = await db.execute<{ name_id: string; name: string; person: string; objects: string[]; codes: string[] }>(sql`
    SELECT n.id AS name_id, n.name, MAX(p.full_name) AS person, array_agg(o.current_name ORDER BY o.code) AS objects, array_agg(o.code ORDER BY o.code) AS codes
      FROM naming_names n JOIN naming_persons p ON p.id = n.person_id
      JOIN naming_objects o ON o.person_id = n.person_id AND o.area_code = ${area} AND o.name_id IS DISTINCT FROM n.id
     WHERE n.status IN ('bank','proposed','consulted','approved')
       AND NOT EXISTS (SELECT 1 FROM naming_exceptions e WHERE e.area_code = ${area} AND e.person_id = n.person_id)
     GROUP BY n.id, n.name`);
  return r.rows;
}

// ── Batches ──────────────────────────────────────────────────────────────────
export async function insertBatch(db: Executor, v: typeof namingBatches.$inferInsert): Promise<Batch> {
  return (await db.insert(namingBatches).values(v).returning())[0]!;
}
export async function findBatch(db: Executor, id: string): Promise<Batch | undefined> {
  return (await db.select().from(namingBatches).where(eq(namingBatches.id, id)))[0];
}
export async function findBatchByCode(db: Executor, code: string): Promise<Batch | undefined> {
  return (await db.select().from(namingBatches).where(eq(namingBatches.code, code)))[0];
}
export async function nextBatchCode(db: Executor, year: string): Promise<string> {
  const r = await db.execute<{ n: number }>(sql`SELECT COUNT(*)::int + 1 AS n FROM naming_batches WHERE code LIKE ${`DT-${year}-%`}`);
  return `DT-${year}-${String(r.rows[0]!.n).padStart(2, '0')}`;
}
export async function updateBatch(db: Executor, id: string, v: Partial<typeof namingBatches.$inferInsert>) {
  return (await db.update(namingBatches).set({ ...v, version: sql`${namingBatches.version} + 1` }).where(eq(namingBatches.id, id)).returning())[0]!;
}
export async function listBatches(db: Executor, f: { status?: string[] } = {}): Promise<Batch[]> {
  return db
    .select()
    .from(namingBatches)
    .where(f.status ? inArray(namingBatches.status, f.status as Batch['status'][]) : undefined)
    .orderBy(desc(namingBatches.createdAt));
}
export async function insertItem(db: Executor, v: typeof namingBatchItems.$inferInsert) {
  return (await db.insert(namingBatchItems).values(v).returning())[0]!;
}
export async function itemsOf(db: Executor, batchId: string) {
  return db
    .select({ item: namingBatchItems, name: namingNames, object: namingObjects })
    .from(namingBatchItems)
    .innerJoin(namingNames, eq(namingNames.id, namingBatchItems.nameId))
    .innerJoin(namingObjects, eq(namingObjects.id, namingBatchItems.objectId))
    .where(eq(namingBatchItems.batchId, batchId));
}
export async function insertComment(db: Executor, v: typeof namingComments.$inferInsert) {
  return (await db.insert(namingComments).values(v).returning())[0]!;
}
export async function commentsOf(db: Executor, batchId: string): Promise<Comment[]> {
  return db.select().from(namingComments).where(eq(namingComments.batchId, batchId)).orderBy(asc(namingComments.createdAt));
}

/** The decision behind each object's current name (the open history row). */
export async function lastDecisions(db: Executor, objectIds: string[]): Promise<Map<string, ObjectName>> {
  if (!objectIds.length) return new Map();
  const rows = await db.select().from(namingObjectNames).where(and(inArray(namingObjectNames.objectId, objectIds), isNull(namingObjectNames.toDate)));
  return new Map(rows.map((r) => [r.objectId, r]));
}
