import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import {
  type RoundKind,
  type TitleKind,
  titlesBatches,
  titlesComments,
  titlesCriteriaVersions,
  titlesCycles,
  titlesEntries,
  titlesEntryRevisions,
  titlesHouseholds,
  titlesProposalItems,
  titlesProposals,
  titlesStats,
  titlesVillages,
} from './titles.schema.js';

/** Vietnamese order for names (the database's collation puts "Đ" after "T"). */
const collator = new Intl.Collator('vi');
const byVillageThenName = (a: { villageName: string; name: string }, b: { villageName: string; name: string }) => collator.compare(a.villageName, b.villageName) || collator.compare(a.name, b.name);

export type Cycle = typeof titlesCycles.$inferSelect;
export type Entry = typeof titlesEntries.$inferSelect;
export type CriteriaVersion = typeof titlesCriteriaVersions.$inferSelect;
export type Batch = typeof titlesBatches.$inferSelect;
export type Proposal = typeof titlesProposals.$inferSelect;

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
export const findCycleByCommuneYear = async (db: Executor, communeCode: string, year: number, kind: RoundKind = 'household') =>
  (await db.select().from(titlesCycles).where(and(eq(titlesCycles.communeCode, communeCode), eq(titlesCycles.year, year), eq(titlesCycles.titleKind, kind))))[0];
export const listCycles = (db: Executor) => db.select().from(titlesCycles).orderBy(desc(titlesCycles.year), asc(titlesCycles.communeName), asc(titlesCycles.titleKind));
export const publicCycles = (db: Executor) =>
  db
    .select()
    .from(titlesCycles)
    .where(inArray(titlesCycles.status, ['listing', 'reviewed', 'decided', 'published']))
    .orderBy(desc(titlesCycles.year), asc(titlesCycles.communeName));

/** One entry of a round. For a village round the household fields are null and the subject is
 * the village. */
export type EntryRow = {
  id: string;
  titleKind: RoundKind;
  householdCode: string | null;
  headName: string | null;
  members: number | null;
  villageCode: string;
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
    SELECT e.id, e.title_kind AS "titleKind", h.code AS "householdCode", h.head_name AS "headName", h.members, v.code AS "villageCode", v.name AS "villageName", e.status, e.answers,
           e.exclusion_reason AS "exclusionReason", e.exclusion_basis AS "exclusionBasis", e.mid_year_note AS "midYearNote", e.revision
      FROM titles_entries e LEFT JOIN titles_households h ON h.id = e.household_id JOIN titles_villages v ON v.id = e.village_id
     WHERE e.cycle_id = ${cycleId} ${statuses ? sql`AND e.status IN (${sql.join(statuses.map((x) => sql`${x}`), sql`, `)})` : sql``}
     ORDER BY v.name, h.head_name NULLS FIRST`);
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
/** Village entries of these villages in a year (a village registers once a year). */
export async function villageEntriesOf(db: Executor, villageIds: string[], year: number) {
  if (!villageIds.length) return [];
  return db
    .select()
    .from(titlesEntries)
    .where(and(inArray(titlesEntries.villageId, villageIds), eq(titlesEntries.year, year), eq(titlesEntries.titleKind, 'village')));
}

/** Share (%) of a village's households recognised "Gia đình văn hóa" by a household round
 * (criterion II.1 of the village title, computed rather than typed). */
export async function householdShare(db: Executor, householdCycleId: string, villageId: string): Promise<{ total: number; recognised: number }> {
  const r = await db.execute<{ total: number; recognised: number }>(sql`
    SELECT (SELECT count(*)::int FROM titles_households WHERE village_id = ${villageId}) AS total,
           (SELECT count(*)::int FROM titles_entries WHERE cycle_id = ${householdCycleId} AND village_id = ${villageId} AND status = 'recognised') AS recognised`);
  return r.rows[0]!;
}

export const commentsOf = (db: Executor, cycleId: string) => db.select().from(titlesComments).where(eq(titlesComments.cycleId, cycleId)).orderBy(asc(titlesComments.createdAt));
export const revisionsOf = (db: Executor, entryId: string) => db.select().from(titlesEntryRevisions).where(eq(titlesEntryRevisions.entryId, entryId)).orderBy(desc(titlesEntryRevisions.revision));
export const findBatch = async (db: Executor, id: string) => (await db.select().from(titlesBatches).where(eq(titlesBatches.id, id)))[0];
export const latestBatch = async (db: Executor, cycleId: string) =>
  (await db.select().from(titlesBatches).where(eq(titlesBatches.cycleId, cycleId)).orderBy(desc(titlesBatches.createdAt)).limit(1))[0];

/** Yearly totals of one commune's round, rewritten at the decision: the commune's households,
 * or its villages and residential groups in force at some time in the year. */
export async function writeStats(db: Executor, cycle: Cycle) {
  const total =
    cycle.titleKind === 'village'
      ? sql`(SELECT count(*) FROM titles_villages v WHERE v.commune_code = ${cycle.communeCode} AND v.valid_from <= ${`${cycle.year}-12-31`}::date AND (v.valid_to IS NULL OR v.valid_to >= ${`${cycle.year}-01-01`}::date))`
      : sql`(SELECT count(*) FROM titles_households h JOIN titles_villages v ON v.id = h.village_id WHERE v.commune_code = ${cycle.communeCode})`;
  await db.execute(sql`
    INSERT INTO titles_stats (commune_code, year, title_kind, total, recognised)
    SELECT ${cycle.communeCode}, ${cycle.year}, ${cycle.titleKind}, ${total},
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

/** Published village recognitions (the village's name and commune). */
export async function publicRecognisedVillages(db: Executor, f: { q?: string; communeCode?: string; year?: number }, limit = 200) {
  const like = f.q ? `%${f.q.toLowerCase()}%` : null;
  const r = await db.execute<{ villageName: string; communeName: string; communeCode: string; year: number; decisionNumber: string; decisionDate: string }>(sql`
    SELECT v.name AS "villageName", c.commune_name AS "communeName", c.commune_code AS "communeCode", c.year,
           c.decision_number AS "decisionNumber", c.decision_date::text AS "decisionDate"
      FROM titles_entries e JOIN titles_cycles c ON c.id = e.cycle_id JOIN titles_villages v ON v.id = e.village_id
     WHERE c.status = 'published' AND e.status = 'recognised' AND e.title_kind = 'village'
       ${like ? sql`AND lower(v.name) LIKE ${like}` : sql``}
       ${f.communeCode ? sql`AND c.commune_code = ${f.communeCode}` : sql``}
       ${f.year ? sql`AND c.year = ${f.year}` : sql``}
     ORDER BY c.year DESC, c.commune_name, v.name LIMIT ${limit}`);
  return r.rows.sort((a, b) => b.year - a.year || collator.compare(a.communeName, b.communeName) || collator.compare(a.villageName, b.villageName));
}

/** Consecutive years up to `year` a household (or, with kind 'village', a village) held the
 * title (the basis for commendations). */
export async function consecutiveYears(db: Executor, subjectId: string, year: number, kind: RoundKind = 'household'): Promise<number> {
  const r = await db.execute<{ year: number }>(sql`
    SELECT e.year FROM titles_entries e JOIN titles_cycles c ON c.id = e.cycle_id
     WHERE ${kind === 'village' ? sql`e.village_id = ${subjectId} AND e.title_kind = 'village'` : sql`e.household_id = ${subjectId}`}
       AND e.status = 'recognised' AND c.status IN ('decided','published') AND e.year <= ${year}
     ORDER BY e.year DESC`);
  let n = 0;
  for (const row of r.rows) {
    if (row.year !== year - n) break;
    n++;
  }
  return n;
}

/** Rounds whose next deadline has passed (the department's overdue board); the end of review is
 * the rules file's fixed day. */
export async function overdue(db: Executor, today: string, reviewEnd = '11-25') {
  const r = await db.execute<{ id: string; communeName: string; year: number; titleKind: RoundKind; status: string; what: string; due: string }>(sql`
    SELECT id, commune_name AS "communeName", year, title_kind AS "titleKind", status, 'decision' AS what, decision_due::text AS due FROM titles_cycles WHERE status = 'reviewed' AND decision_due < ${today}
    UNION ALL
    SELECT id, commune_name, year, title_kind, status, 'publication', publish_due::text FROM titles_cycles WHERE status = 'decided' AND publish_due < ${today}
    UNION ALL
    SELECT id, commune_name, year, title_kind, status, 'review_end', (year || '-' || ${reviewEnd}) FROM titles_cycles WHERE status IN ('open','listing') AND (year || '-' || ${reviewEnd}) < ${today}
    ORDER BY due`);
  return r.rows;
}

/** The recognised subjects of a round with the consecutive years each has held the title up to
 * the round's year (gaps and islands: consecutive years share year + row number). */
export type Recognised = { entryId: string; subjectId: string; code: string; name: string; villageName: string; yearsHeld: number };
export async function recognisedWithStreak(db: Executor, cycle: Cycle): Promise<Recognised[]> {
  const r = await db.execute<Recognised>(sql`
    WITH mine AS (
      SELECT e.id AS entry_id, coalesce(e.household_id, e.village_id) AS subject, e.village_id FROM titles_entries e
       WHERE e.cycle_id = ${cycle.id} AND e.status = 'recognised'),
    held AS (
      SELECT coalesce(e.household_id, e.village_id) AS subject, e.year,
             e.year + row_number() OVER (PARTITION BY coalesce(e.household_id, e.village_id) ORDER BY e.year DESC) AS grp
        FROM titles_entries e JOIN titles_cycles c ON c.id = e.cycle_id
       WHERE e.title_kind = ${cycle.titleKind} AND e.status = 'recognised' AND c.status IN ('decided','published') AND e.year <= ${cycle.year}
         AND coalesce(e.household_id, e.village_id) IN (SELECT subject FROM mine))
    SELECT m.entry_id AS "entryId", m.subject AS "subjectId", coalesce(h.code, v.code) AS code, coalesce(h.head_name, v.name) AS name, v.name AS "villageName",
           (SELECT count(*)::int FROM held WHERE held.subject = m.subject AND held.grp = ${cycle.year + 1}) AS "yearsHeld"
      FROM mine m JOIN titles_villages v ON v.id = m.village_id LEFT JOIN titles_households h ON h.id = m.subject`);
  return r.rows.sort(byVillageThenName);
}

export const findProposal = async (db: Executor, id: string) => (await db.select().from(titlesProposals).where(eq(titlesProposals.id, id)))[0];
export const listProposals = (db: Executor) => db.select().from(titlesProposals).orderBy(desc(titlesProposals.year), asc(titlesProposals.communeName), asc(titlesProposals.titleKind));
export async function proposalItems(db: Executor, proposalId: string) {
  const r = await db.execute<{ id: string; entryId: string; code: string; name: string; villageName: string; yearsHeld: number; awarded: boolean | null }>(sql`
    SELECT i.id, i.entry_id AS "entryId", coalesce(h.code, v.code) AS code, coalesce(h.head_name, v.name) AS name, v.name AS "villageName", i.years_held AS "yearsHeld", i.awarded
      FROM titles_proposal_items i JOIN titles_entries e ON e.id = i.entry_id JOIN titles_villages v ON v.id = e.village_id LEFT JOIN titles_households h ON h.id = e.household_id
     WHERE i.proposal_id = ${proposalId}`);
  return r.rows.sort(byVillageThenName);
}

export { titlesProposalItems, titlesProposals, titlesStats };
