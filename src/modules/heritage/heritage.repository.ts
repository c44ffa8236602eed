import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import {
  type ZoneGeometry,
  type ZoneKind,
  heritageArtefacts,
  heritageMedia,
  heritageRankingDecisions,
  heritageRelics,
  heritageRules,
  heritageZones,
} from './heritage.schema.js';

export type Relic = typeof heritageRelics.$inferSelect;
export type RankingDecision = typeof heritageRankingDecisions.$inferSelect;
export type Zone = typeof heritageZones.$inferSelect;
export type Rule = typeof heritageRules.$inferSelect;
export type Media = typeof heritageMedia.$inferSelect;
export type Artefact = typeof heritageArtefacts.$inferSelect;

// ── Rules ─────────────────────────────────────────────────────────────────────
export type RuleInput = Omit<typeof heritageRules.$inferInsert, 'id'>;

export async function upsertRules(db: Executor, rows: RuleInput[]) {
  if (!rows.length) return;
  await db
    .insert(heritageRules)
    .values(rows)
    .onConflictDoUpdate({
      target: [heritageRules.kind, heritageRules.key, heritageRules.effectiveFrom],
      set: {
        label: sql`excluded.label`,
        labelEn: sql`excluded.label_en`,
        body: sql`excluded.body`,
        bodyEn: sql`excluded.body_en`,
        legalBasis: sql`excluded.legal_basis`,
        confirmed: sql`excluded.confirmed`,
        effectiveTo: sql`excluded.effective_to`,
        sort: sql`excluded.sort`,
      },
    });
}

/** The rules in force on a day (YYYY-MM-DD): the latest version of each kind/key that started by then. */
export async function rulesAt(db: Executor, day: string): Promise<Rule[]> {
  const rows = await db
    .select()
    .from(heritageRules)
    .where(and(lte(heritageRules.effectiveFrom, day), or(isNull(heritageRules.effectiveTo), gte(heritageRules.effectiveTo, day))))
    .orderBy(asc(heritageRules.kind), asc(heritageRules.sort), desc(heritageRules.effectiveFrom));
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.kind}|${r.key}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ── Relics ────────────────────────────────────────────────────────────────────
export type RelicInsert = typeof heritageRelics.$inferInsert;

export async function insertRelic(db: Executor, v: RelicInsert): Promise<Relic> {
  return (await db.insert(heritageRelics).values(v).returning())[0]!;
}

export async function updateRelic(db: Executor, id: string, version: number, v: Partial<RelicInsert>): Promise<Relic | undefined> {
  return (
    await db
      .update(heritageRelics)
      .set({ ...v, updatedAt: new Date(), version: sql`${heritageRelics.version} + 1` })
      .where(and(eq(heritageRelics.id, id), eq(heritageRelics.version, version)))
      .returning()
  )[0];
}

/** Bumps the version after a change to a relic's zones, decisions or media (optimistic locking). */
export async function touchRelic(db: Executor, id: string, v: Partial<RelicInsert> = {}) {
  await db
    .update(heritageRelics)
    .set({ ...v, updatedAt: new Date(), version: sql`${heritageRelics.version} + 1` })
    .where(eq(heritageRelics.id, id));
}

export async function findRelic(db: Executor, id: string): Promise<Relic | undefined> {
  return (await db.select().from(heritageRelics).where(eq(heritageRelics.id, id)))[0];
}

export async function findRelicByCode(db: Executor, code: string): Promise<Relic | undefined> {
  return (await db.select().from(heritageRelics).where(eq(heritageRelics.code, code)))[0];
}

export async function nextRelicCode(db: Executor): Promise<string> {
  const r = await db.execute<{ n: number }>(sql`SELECT COALESCE(MAX(substring(code FROM '^DT-([0-9]+)$')::int), 0) + 1 AS n FROM heritage_relics`);
  return `DT-${String(r.rows[0]!.n).padStart(4, '0')}`;
}

export interface RelicFilter {
  level?: string;
  type?: string;
  area?: string;
  q?: string;
  status?: string;
  publishedOnly?: boolean;
}

export async function listRelics(db: Executor, f: RelicFilter = {}, limit = 1000): Promise<Relic[]> {
  const conds = [];
  if (f.publishedOnly) conds.push(eq(heritageRelics.status, 'published'));
  if (f.status) conds.push(eq(heritageRelics.status, f.status as Relic['status']));
  if (f.level === 'none') conds.push(isNull(heritageRelics.level));
  else if (f.level) conds.push(eq(heritageRelics.level, f.level));
  if (f.type) conds.push(eq(heritageRelics.relicType, f.type));
  if (f.area) conds.push(eq(heritageRelics.adminUnitCode, f.area));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(sql`(vh_unaccent(${heritageRelics.name}) ILIKE vh_unaccent(${like}) OR vh_unaccent(array_to_string(${heritageRelics.otherNames}, ' ')) ILIKE vh_unaccent(${like}) OR ${heritageRelics.code} ILIKE ${like})`);
  }
  return db
    .select()
    .from(heritageRelics)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(heritageRelics.code))
    .limit(limit);
}

export async function areasOfPublished(db: Executor): Promise<{ code: string; name: string; n: number }[]> {
  const r = await db.execute<{ code: string; name: string; n: number }>(
    sql`SELECT admin_unit_code AS code, MAX(admin_unit_name) AS name, COUNT(*)::int AS n FROM heritage_relics WHERE status = 'published' AND admin_unit_code IS NOT NULL GROUP BY admin_unit_code ORDER BY 2`,
  );
  return r.rows;
}

// ── Ranking decisions ─────────────────────────────────────────────────────────
export async function insertDecision(db: Executor, v: typeof heritageRankingDecisions.$inferInsert): Promise<RankingDecision> {
  return (await db.insert(heritageRankingDecisions).values(v).returning())[0]!;
}

export async function decisionsOf(db: Executor, relicId: string): Promise<RankingDecision[]> {
  return db.select().from(heritageRankingDecisions).where(eq(heritageRankingDecisions.relicId, relicId)).orderBy(asc(heritageRankingDecisions.decidedOn), asc(heritageRankingDecisions.createdAt));
}

// ── Zones ─────────────────────────────────────────────────────────────────────
export interface ZoneRow {
  zone: ZoneKind;
  geometry: ZoneGeometry;
  overview: ZoneGeometry;
  vertexCount: number;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
  source: string;
}

export async function replaceZones(db: Executor, relicId: string, rows: ZoneRow[]) {
  await db.delete(heritageZones).where(eq(heritageZones.relicId, relicId));
  if (rows.length) await db.insert(heritageZones).values(rows.map((r) => ({ ...r, relicId })));
}

export async function zonesOf(db: Executor, relicId: string): Promise<Zone[]> {
  return db.select().from(heritageZones).where(eq(heritageZones.relicId, relicId)).orderBy(asc(heritageZones.zone));
}

export async function zonesOfRelics(db: Executor, relicIds: string[], overviewOnly = false) {
  if (!relicIds.length) return [];
  return db
    .select({
      relicId: heritageZones.relicId,
      zone: heritageZones.zone,
      geometry: overviewOnly ? heritageZones.overview : heritageZones.geometry,
    })
    .from(heritageZones)
    .where(inArray(heritageZones.relicId, relicIds));
}

export type ZoneCandidate = {
  zone_id: string;
  relic_id: string;
  code: string;
  name: string;
  level: string | null;
  relic_type: string;
  zone: ZoneKind;
};

/**
 * The zones of published relics whose bounding box overlaps the given box: one indexed query
 * (GiST on box(), migration 0035) returning no geometry. The exact test is the caller's, on
 * geometries it caches by zone id (a zone row is never updated, only replaced).
 */
export async function zoneCandidates(db: Executor, box: { minLng: number; minLat: number; maxLng: number; maxLat: number }, pool?: import('pg').Pool): Promise<ZoneCandidate[]> {
  // The public zone check runs this on every request: a named (prepared) statement is parsed
  // and planned once per connection (bench/heritage.ts compares it with a bare prepared query).
  if (pool) {
    const r = await pool.query<ZoneCandidate>({ name: 'heritage_zone_candidates', text: CANDIDATES_SQL, values: [box.minLng, box.minLat, box.maxLng, box.maxLat] });
    return r.rows;
  }
  const r = await db.execute<ZoneCandidate>(sql`
    SELECT z.id AS zone_id, z.relic_id, r.code, r.name, r.level, r.relic_type, z.zone
      FROM heritage_zones z JOIN heritage_relics r ON r.id = z.relic_id
     WHERE box(point(z.min_lng, z.min_lat), point(z.max_lng, z.max_lat)) && box(point(${box.minLng}, ${box.minLat}), point(${box.maxLng}, ${box.maxLat}))
       AND r.status = 'published'`);
  return r.rows;
}

const CANDIDATES_SQL = `SELECT z.id AS zone_id, z.relic_id, r.code, r.name, r.level, r.relic_type, z.zone
  FROM heritage_zones z JOIN heritage_relics r ON r.id = z.relic_id
 WHERE box(point(z.min_lng, z.min_lat), point(z.max_lng, z.max_lat)) && box(point($1::float8, $2::float8), point($3::float8, $4::float8))
   AND r.status = 'published'`;

export async function zoneGeometries(db: Executor, ids: string[]): Promise<{ id: string; geometry: ZoneGeometry }[]> {
  if (!ids.length) return [];
  return db.select({ id: heritageZones.id, geometry: heritageZones.geometry }).from(heritageZones).where(inArray(heritageZones.id, ids));
}

// ── Media ─────────────────────────────────────────────────────────────────────
export async function insertMedia(db: Executor, v: typeof heritageMedia.$inferInsert): Promise<Media> {
  return (await db.insert(heritageMedia).values(v).returning())[0]!;
}

export async function mediaOf(db: Executor, relicId: string): Promise<Media[]> {
  return db.select().from(heritageMedia).where(eq(heritageMedia.relicId, relicId)).orderBy(asc(heritageMedia.createdAt));
}

export async function mediaById(db: Executor, id: string): Promise<Media | undefined> {
  return (await db.select().from(heritageMedia).where(eq(heritageMedia.id, id)))[0];
}

export async function mediaByImage(db: Executor, imageId: string): Promise<Media | undefined> {
  return (await db.select().from(heritageMedia).where(eq(heritageMedia.imageId, imageId)))[0];
}

export async function mediaByFile(db: Executor, fileId: string): Promise<Media | undefined> {
  return (await db.select().from(heritageMedia).where(eq(heritageMedia.fileId, fileId)))[0];
}

// ── Artefacts ─────────────────────────────────────────────────────────────────
export async function artefactsOf(db: Executor, relicId: string): Promise<Artefact[]> {
  return db.select().from(heritageArtefacts).where(eq(heritageArtefacts.relicId, relicId)).orderBy(asc(heritageArtefacts.inventoryNumber));
}

// ── Figures for the indicators hook (DS.01–DS.03) ─────────────────────────────
/** Relics ranked at each level on `day`: the level of the last decision on or before that day. */
export async function rankedByLevelAt(db: Executor, day: string): Promise<{ level: string; n: number }[]> {
  const r = await db.execute<{ level: string; n: number }>(sql`
    SELECT level, COUNT(*)::int AS n FROM (
      SELECT DISTINCT ON (relic_id) relic_id, action, level
        FROM heritage_ranking_decisions WHERE decided_on <= ${day}
       ORDER BY relic_id, decided_on DESC, created_at DESC) last
     WHERE action <> 'delist' AND level IS NOT NULL GROUP BY level`);
  return r.rows;
}

export async function artefactsInventoriedBy(db: Executor, day: string): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`SELECT COUNT(*)::int AS n FROM heritage_artefacts WHERE inventoried_on <= ${day}`);
  return r.rows[0]!.n;
}

export async function digitisedProfilesBy(db: Executor, end: Date): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`SELECT COUNT(*)::int AS n FROM heritage_relics WHERE profile_digitised AND created_at < ${end.toISOString()}`);
  return r.rows[0]!.n;
}
