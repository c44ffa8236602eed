import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';

/** Vietnamese folding as in vh_unaccent: tone and vowel marks dropped, đ → d, lower case. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** The words of a query: letters and digits only (tsquery syntax is never passed through). */
export function queryWords(q: string): { folded: string[]; exact: string[] } {
  const exact = q
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return { folded: exact.map(fold).filter((w) => /^[a-z0-9]+$/.test(w)), exact };
}

export interface OpacFilter {
  q?: string;
  collection?: string;
  type?: string;
  language?: string;
  yearFrom?: number;
  yearTo?: number;
  place?: string;
  topic?: string;
  digitised?: boolean;
  /** staff see restricted collections too */
  staff?: boolean;
  page?: number;
  pageSize?: number;
}

export type OpacHit = {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  publisher: string;
  recordType: string;
  language: string;
  collectionCode: string;
  collectionName: string;
  places: string[];
  digitisedItemId: string | null;
};

export interface Facet {
  key: string;
  count: number;
}
export interface OpacResult {
  hits: OpacHit[];
  total: number;
  /** the query matched nothing exactly and these are near spellings (pg_trgm) */
  fuzzy: boolean;
  facets: { collection: Facet[]; type: Facet[]; language: Facet[]; decade: Facet[]; place: Facet[]; topic: Facet[] };
}

function whereOf(f: OpacFilter, words: string[], fuzzy: boolean): SQL {
  const w: SQL[] = [sql`r.deleted_at IS NULL`];
  if (!f.staff) w.push(sql`c.access <> 'restricted'`);
  if (words.length && !fuzzy) w.push(sql`r.search_fold @@ to_tsquery('simple', ${words.map((x, i) => (i === words.length - 1 ? `${x}:*` : x)).join(' & ')})`);
  if (words.length && fuzzy) w.push(sql`public.vh_unaccent(lower(r.title)) % ${words.join(' ')}`);
  if (f.collection) w.push(sql`c.code = ${f.collection}`);
  if (f.type) w.push(sql`r.record_type = ${f.type}`);
  if (f.language) w.push(sql`r.language = ${f.language}`);
  if (f.yearFrom) w.push(sql`r.year >= ${f.yearFrom}`);
  if (f.yearTo) w.push(sql`r.year <= ${f.yearTo}`);
  if (f.place) w.push(sql`r.place_codes @> ARRAY[${f.place}]::text[]`);
  if (f.topic) w.push(sql`r.topics @> ARRAY[${f.topic}]::text[]`);
  if (f.digitised) w.push(sql`r.digitised_item_id IS NOT NULL`);
  return sql.join(w, sql` AND `);
}

/**
 * OPAC search. Every word must appear, compared folded (so "dia chi binh duong" finds "Địa chí
 * Bình Dương"); the rank adds the words that match as typed, tone marks included, so "mã" ranks
 * records with "mã" above those with "ma". Nothing found → near spellings of the title (pg_trgm).
 * Facets are counted over the whole match set in one pass.
 */
export async function searchRecords(db: Executor, f: OpacFilter): Promise<OpacResult> {
  const { folded, exact } = queryWords(f.q ?? '');
  const size = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
  const page = Math.max(f.page ?? 1, 1);
  for (const fuzzy of [false, true]) {
    if (fuzzy && !folded.length) break;
    const where = whereOf(f, folded, fuzzy);
    const rank = folded.length
      ? fuzzy
        ? sql`similarity(public.vh_unaccent(lower(r.title)), ${folded.join(' ')})`
        : sql`ts_rank(r.search_fold, to_tsquery('simple', ${folded.join(' & ')})) + ts_rank(r.search_exact, to_tsquery('simple', ${exact.map((x) => `'${x.replace(/'/g, '')}'`).join(' | ')})) * 2`
      : // a bare 0 in ORDER BY is read as a column position (a 500 on a query of no words, e.g. "%")
        sql`0::real`;
    const rows = await db.execute<OpacHit & { total: number }>(sql`
      SELECT r.id, r.title, r.authors, r.year, r.publisher, r.record_type AS "recordType", r.language, c.code AS "collectionCode", c.name AS "collectionName",
             r.places, r.digitised_item_id AS "digitisedItemId", count(*) OVER ()::int AS total
        FROM library_records r JOIN library_collections c ON c.id = r.collection_id
       WHERE ${where}
       ORDER BY ${rank} DESC, r.year DESC NULLS LAST, r.id
       LIMIT ${size} OFFSET ${(page - 1) * size}`);
    const total = rows.rows[0]?.total ?? (page > 1 ? await countOf(db, where) : 0);
    if (!total && !fuzzy) continue;
    const facets = await facetsOf(db, where);
    return { hits: rows.rows.map(({ total: _t, ...h }) => h), total, fuzzy, facets };
  }
  return { hits: [], total: 0, fuzzy: false, facets: { collection: [], type: [], language: [], decade: [], place: [], topic: [] } };
}

async function countOf(db: Executor, where: SQL): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE ${where}`);
  return r.rows[0]?.n ?? 0;
}

async function facetsOf(db: Executor, where: SQL): Promise<OpacResult['facets']> {
  const r = await db.execute<{ dim: string; key: string; n: number }>(sql`
    WITH m AS (SELECT c.code, r.record_type, r.language, r.year, r.place_codes, r.topics
                 FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE ${where})
    SELECT 'collection' AS dim, code AS key, count(*)::int AS n FROM m GROUP BY 2
    UNION ALL SELECT 'type', record_type, count(*)::int FROM m GROUP BY 2
    UNION ALL SELECT 'language', language, count(*)::int FROM m GROUP BY 2
    UNION ALL SELECT 'decade', (year / 10 * 10)::text, count(*)::int FROM m WHERE year IS NOT NULL GROUP BY 2
    UNION ALL SELECT 'place', p, count(*)::int FROM m, unnest(place_codes) p GROUP BY 2
    UNION ALL SELECT 'topic', t, count(*)::int FROM m, unnest(topics) t GROUP BY 2`);
  const out: OpacResult['facets'] = { collection: [], type: [], language: [], decade: [], place: [], topic: [] };
  for (const x of r.rows) out[x.dim as keyof OpacResult['facets']].push({ key: x.key, count: x.n });
  for (const k of Object.keys(out) as (keyof OpacResult['facets'])[]) out[k].sort((a, b) => (k === 'decade' ? b.key.localeCompare(a.key) : b.count - a.count)).splice(k === 'decade' ? 20 : 12);
  return out;
}
