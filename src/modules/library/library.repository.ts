import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { libraryAuthorities, libraryCollections, libraryImports, libraryRecords } from './library.schema.js';

export type Collection = typeof libraryCollections.$inferSelect;
export type LibraryRecord = typeof libraryRecords.$inferSelect;

export interface RecordSummary {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  collectionId: string;
  collectionName: string;
  access: 'public' | 'reading_room' | 'restricted';
  deleted: boolean;
}

export async function recordSummary(db: Executor, id: string): Promise<RecordSummary | undefined> {
  const r = await db.execute<{ id: string; title: string; authors: string[]; year: number | null; collection_id: string; name: string; access: RecordSummary['access']; deleted: boolean }>(
    sql`SELECT r.id, r.title, r.authors, r.year, r.collection_id, c.name, c.access, r.deleted_at IS NOT NULL AS deleted
          FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE r.id = ${id}`,
  );
  const x = r.rows[0];
  if (!x) return undefined;
  return { id: x.id, title: x.title, authors: x.authors, year: x.year, collectionId: x.collection_id, collectionName: x.name, access: x.access, deleted: x.deleted };
}

export async function findCollection(db: Executor, id: string): Promise<Collection | undefined> {
  return (await db.select().from(libraryCollections).where(eq(libraryCollections.id, id)))[0];
}
export async function findCollectionByCode(db: Executor, code: string): Promise<Collection | undefined> {
  return (await db.select().from(libraryCollections).where(eq(libraryCollections.code, code)))[0];
}
/** `counts: false` for forms: counting reads every record (a second at a million), a select does not */
export async function listCollections(db: Executor, opts: { counts?: boolean } = {}): Promise<(Collection & { records: number })[]> {
  const r = opts.counts === false ? { rows: [] } : await db.execute<{ id: string; n: number }>(sql`SELECT collection_id AS id, count(*)::int AS n FROM library_records WHERE deleted_at IS NULL GROUP BY 1`);
  const counts = new Map(r.rows.map((x) => [x.id, x.n]));
  return (await db.select().from(libraryCollections).orderBy(asc(libraryCollections.sort), asc(libraryCollections.name))).map((c) => ({ ...c, records: counts.get(c.id) ?? 0 }));
}
export async function findRecord(db: Executor, id: string): Promise<LibraryRecord | undefined> {
  return (await db.select().from(libraryRecords).where(eq(libraryRecords.id, id)))[0];
}
export async function findImport(db: Executor, id: string) {
  return (await db.select().from(libraryImports).where(eq(libraryImports.id, id)))[0];
}
export async function listImports(db: Executor, limit = 20) {
  return db
    .select({ id: libraryImports.id, filename: libraryImports.filename, format: libraryImports.format, status: libraryImports.status, processed: libraryImports.processed, imported: libraryImports.imported, duplicates: libraryImports.duplicates, failed: libraryImports.failed, createdAt: libraryImports.createdAt, finishedAt: libraryImports.finishedAt })
    .from(libraryImports)
    .orderBy(desc(libraryImports.createdAt))
    .limit(limit);
}

/** Lower-cased place heading (and its former names) → admin unit code, from the place authorities. */
export async function placeCodeMap(db: Executor): Promise<Map<string, string>> {
  const rows = await db.select({ heading: libraryAuthorities.heading, code: libraryAuthorities.code, variants: libraryAuthorities.variants }).from(libraryAuthorities).where(eq(libraryAuthorities.kind, 'place'));
  const m = new Map<string, string>();
  for (const r of rows) if (r.code) for (const h of [r.heading, ...r.variants]) m.set(h.toLowerCase(), r.code);
  return m;
}

export async function existingDuplicates(db: Executor, isbns: string[], keys: string[]): Promise<{ isbns: Set<string>; keys: Set<string> }> {
  const a = isbns.length ? await db.execute<{ isbn: string }>(sql`SELECT isbn FROM library_records WHERE deleted_at IS NULL AND isbn = ANY(${sql.param(isbns)}::text[])`) : { rows: [] };
  const b = keys.length ? await db.execute<{ k: string }>(sql`SELECT dup_key AS k FROM library_records WHERE deleted_at IS NULL AND dup_key = ANY(${sql.param(keys)}::text[])`) : { rows: [] };
  return { isbns: new Set(a.rows.map((x) => x.isbn)), keys: new Set(b.rows.map((x) => x.k)) };
}

export async function authorities(db: Executor, kind: string) {
  return db.select().from(libraryAuthorities).where(eq(libraryAuthorities.kind, kind as never)).orderBy(asc(libraryAuthorities.heading));
}

export interface BrowseCounts {
  places: { code: string; name: string; n: number; former: string[] }[];
  topics: { code: string; heading: string; n: number }[];
}

/**
 * How many visible records (not deleted, not in a restricted collection) each place and topic
 * authority has, for the browse page. One pass over the records, unnesting both arrays: the
 * former `code = ANY(array)` join (not indexable) re-read the catalogue for every authority.
 */
export async function browseCounts(db: Executor): Promise<BrowseCounts> {
  const r = await db.execute<{ kind: string; code: string; heading: string; former: string[] | null; n: number }>(sql`
    WITH counts AS (
      SELECT x.kind, x.code, count(*)::int AS n
        FROM library_records r
        JOIN library_collections c ON c.id = r.collection_id AND c.access <> 'restricted'
        CROSS JOIN LATERAL (SELECT 'place' AS kind, p AS code FROM unnest(r.place_codes) p
                            UNION ALL SELECT 'topic', t FROM unnest(r.topics) t) x
       WHERE r.deleted_at IS NULL
       GROUP BY x.kind, x.code)
    SELECT a.kind, a.code, a.heading, a.variants AS former, coalesce(counts.n, 0) AS n
      FROM library_authorities a
      LEFT JOIN counts ON counts.kind = a.kind::text AND counts.code = a.code
     WHERE a.kind IN ('place', 'topic') AND a.code IS NOT NULL
     ORDER BY a.code`);
  const out: BrowseCounts = { places: [], topics: [] };
  for (const x of r.rows) {
    // A place is listed only when it has records (as before); every topic is, with its count.
    if (x.kind === 'place' && x.n > 0) out.places.push({ code: x.code, name: x.heading, n: x.n, former: x.former ?? [] });
    else if (x.kind === 'topic') out.topics.push({ code: x.code, heading: x.heading, n: x.n });
  }
  return out;
}
