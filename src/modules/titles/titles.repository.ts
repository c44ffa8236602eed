import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import {
  type TitleKind,
  titlesBatches,
  titlesComments,
  titlesCriteriaVersions,
  titlesCycles,
  titlesEntries,
  titlesEntryRevisions,
  titlesHouseholds,
  titlesStats,
  titlesVillages,
} from './titles.schema.js';

export type Cycle = typeof titlesCycles.$inferSelect;
export type Entry = typeof titlesEntries.$inferSelect;
export type CriteriaVersion = typeof titlesCriteriaVersions.$inferSelect;
export type Batch = typeof titlesBatches.$inferSelect;

/** The criteria version in force on `date` for a title. */
export async function criteriaAt(db: Executor, kind: TitleKind, date: string): Promise<CriteriaVersion | undefined> {
  const [v] = await db
    .select()
    .from(titlesCriteriaVersions)
    .where(and(eq(titlesCriteriaVersions.titleKind, kind), lte(titlesCriteriaVersions.effectiveFrom, date)))
    .orderBy(desc(titlesCriteriaVersions.effectiveFrom))
    .limit(1);
  return v;
}
export const criteriaById = async (db: Executor, id: string) => (await db.select().from(titlesCriteriaVersions).where(eq(titlesCriteriaVersions.id, id)))[0];
export const listCriteria = (db: Executor) => db.select().from(titlesCriteriaVersions).orderBy(asc(titlesCriteriaVersions.titleKind), desc(titlesCriteriaVersions.effectiveFrom));

export const findCycle = async (db: Executor, id: string) => (await db.select().from(titlesCycles).where(eq(titlesCycles.id, id)))[0];
export const findCycleByCommuneYear = async (db: Executor, communeCode: string, year: number) =>
  (await db.select().from(titlesCycles).where(and(eq(titlesCycles.communeCode, communeCode), eq(titlesCycles.year, year))))[0];
export const listCycles = (db: Executor) => db.select().from(titlesCycles).orderBy(desc(titlesCycles.year), asc(titlesCycles.communeName));
export const publicCycles = (db: Executor) =>
  db
    .select()
    .from(titlesCycles)
    .where(inArray(titlesCycles.status, ['listing', 'reviewed', 'decided', 'published']))
    .orderBy(desc(titlesCycles.year), asc(titlesCycles.communeName));

export type EntryRow = {
  id: string;
  householdCode: string;
  headName: string;
  members: number;
  villageName: string;
  status: string;
  answers: Record<string, string>;
  exclusionReason: string | null;
  exclusionBasis: string | null;
  midYearNote: string;
  revision: number;
};

export async function entriesOf(db: Executor, cycleId: string, statuses?: string[]): Promise<EntryRow[]> {
  const r = await db.execute<EntryRow>(sql`
    SELECT e.id, h.code AS "householdCode", h.head_name AS "headName", h.members, v.name AS "villageName", e.status, e.answers,
           e.exclusion_reason AS "exclusionReason", e.exclusion_basis AS "exclusionBasis", e.mid_year_note AS "midYearNote", e.revision
      FROM titles_entries e JOIN titles_households h ON h.id = e.household_id JOIN titles_villages v ON v.id = e.village_id
     WHERE e.cycle_id = ${cycleId} ${statuses ? sql`AND e.status IN (${sql.join(statuses.map((x) => sql`${x}`), sql`, `)})` : sql``}
     ORDER BY v.name, h.head_name`);
  return r.rows;
}

export const findEntry = async (db: Executor, id: string) => (await db.select().from(titlesEntries).where(eq(titlesEntries.id, id)))[0];

export async function householdsByCodes(db: Executor, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({ id: titlesHouseholds.id, code: titlesHouseholds.code, headName: titlesHouseholds.headName, villageId: titlesHouseholds.villageId, villageCode: titlesVillages.code, communeCode: titlesVillages.communeCode })
    .from(titlesHouseholds)
    .innerJoin(titlesVillages, eq(titlesVillages.id, titlesHouseholds.villageId))
    .where(inArray(titlesHouseholds.code, codes));
}
export async function villagesByCodes(db: Executor, codes: string[]) {
  if (!codes.length) return [];
  return db.select().from(titlesVillages).where(inArray(titlesVillages.code, codes));
}
export const villagesOfCommune = (db: Executor, communeCode: string) => db.select().from(titlesVillages).where(eq(titlesVillages.communeCode, communeCode)).orderBy(asc(titlesVillages.name));

/** Entries of these households in a year, in any commune's round (duplicates, exclusions). */
export async function entriesOfHouseholds(db: Executor, householdIds: string[], year: number) {
  if (!householdIds.length) return [];
  return db.select().from(titlesEntries).where(and(inArray(titlesEntries.householdId, householdIds), eq(titlesEntries.year, year)));
}

export const commentsOf = (db: Executor, cycleId: string) => db.select().from(titlesComments).where(eq(titlesComments.cycleId, cycleId)).orderBy(asc(titlesComments.createdAt));
export const revisionsOf = (db: Executor, entryId: string) => db.select().from(titlesEntryRevisions).where(eq(titlesEntryRevisions.entryId, entryId)).orderBy(desc(titlesEntryRevisions.revision));
export const findBatch = async (db: Executor, id: string) => (await db.select().from(titlesBatches).where(eq(titlesBatches.id, id)))[0];
export const latestBatch = async (db: Executor, cycleId: string) =>
  (await db.select().from(titlesBatches).where(eq(titlesBatches.cycleId, cycleId)).orderBy(desc(titlesBatches.createdAt)).limit(1))[0];

/** Yearly totals of one commune's round, rewritten at the decision. */
export async function writeStats(db: Executor, cycle: Cycle) {
  await db.execute(sql`
    INSERT INTO titles_stats (commune_code, year, title_kind, total, recognised)
    SELECT ${cycle.communeCode}, ${cycle.year}, 'household',
           (SELECT count(*) FROM titles_households h JOIN titles_villages v ON v.id = h.village_id WHERE v.commune_code = ${cycle.communeCode}),
           (SELECT count(*) FROM titles_entries e WHERE e.cycle_id = ${cycle.id} AND e.status = 'recognised')
    ON CONFLICT (commune_code, year, title_kind) DO UPDATE SET total = EXCLUDED.total, recognised = EXCLUDED.recognised`);
}

export type StatRow = {
  communeCode: string;
  year: number;
  titleKind: string;
  total: number;
  recognised: number;
};
/** Share by commune and year for the whole province (reads the yearly totals). */
export async function statistics(db: Executor, f: { year?: number; titleKind?: string } = {}): Promise<StatRow[]> {
  const r = await db.execute<StatRow>(sql`
    SELECT commune_code AS "communeCode", year, title_kind AS "titleKind", total, recognised FROM titles_stats
     WHERE true ${f.year ? sql`AND year = ${f.year}` : sql``} ${f.titleKind ? sql`AND title_kind = ${f.titleKind}` : sql``}
     ORDER BY year DESC, commune_code`);
  return r.rows;
}

/** Published recognitions, searchable by head's name or village (what the law lets us show). */
export async function publicRecognised(db: Executor, f: { q?: string; communeCode?: string; year?: number }, limit = 200) {
  const like = f.q ? `%${f.q.toLowerCase()}%` : null;
  const r = await db.execute<{ headName: string; villageName: string; communeName: string; communeCode: string; year: number; decisionNumber: string; decisionDate: string }>(sql`
    SELECT h.head_name AS "headName", v.name AS "villageName", c.commune_name AS "communeName", c.commune_code AS "communeCode", c.year,
           c.decision_number AS "decisionNumber", c.decision_date::text AS "decisionDate"
      FROM titles_entries e JOIN titles_cycles c ON c.id = e.cycle_id JOIN titles_households h ON h.id = e.household_id JOIN titles_villages v ON v.id = e.village_id
     WHERE c.status = 'published' AND e.status = 'recognised'
       ${like ? sql`AND (lower(h.head_name) LIKE ${like} OR lower(v.name) LIKE ${like})` : sql``}
       ${f.communeCode ? sql`AND c.commune_code = ${f.communeCode}` : sql``}
       ${f.year ? sql`AND c.year = ${f.year}` : sql``}
     ORDER BY c.year DESC, c.commune_name, v.name, h.head_name LIMIT ${limit}`);
  return r.rows;
}

/** Consecutive years up to `year` a household held the title (the basis for commendations). */
export async function consecutiveYears(db: Executor, householdId: string, year: number): Promise<number> {
  const r = await db.execute<{ year: number }>(sql`
    SELECT e.year FROM titles_entries e JOIN titles_cycles c ON c.id = e.cycle_id
     WHERE e.household_id = ${householdId} AND e.status = 'recognised' AND c.status IN ('decided','published') AND e.year <= ${year}
     ORDER BY e.year DESC`);
  let n = 0;
  for (const row of r.rows) {
    if (row.year !== year - n) break;
    n++;
  }
  return n;
}

/** Rounds whose next deadline has passed (the department's overdue board). */
export async function overdue(db: Executor, today: string) {
  const r = await db.execute<{ id: string; communeName: string; year: number; status: string; what: string; due: string }>(sql`
    SELECT id, commune_name AS "communeName", year, status, 'decision' AS what, decision_due::text AS due FROM titles_cycles WHERE status = 'reviewed' AND decision_due < ${today}
    UNION ALL
    SELECT id, commune_name, year, status, 'publication', publish_due::text FROM titles_cycles WHERE status = 'decided' AND publish_due < ${today}
    UNION ALL
    SELECT id, commune_name, year, status, 'review_end', (year || '-11-25') FROM titles_cycles WHERE status IN ('open','listing') AND (year || '-11-25') < ${today}
    ORDER BY due`);
  return r.rows;
}

export { titlesStats };
