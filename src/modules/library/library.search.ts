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
  /** exact, or an estimate rounded to two significant digits when `approximate` */
  total: number;
  /** total and facet counts are estimated from a sample of the catalogue (a very large match set) */
  approximate: boolean;
  /** when set, only this many matches (the most recent by year) were ranked and can be paged; null: all were */
  ranked: number | null;
  /** the query matched nothing exactly and these are near spellings (pg_trgm) */
  fuzzy: boolean;
  facets: { collection: Facet[]; type: Facet[]; language: Facet[]; decade: Facet[]; place: Facet[]; topic: Facet[] };
}

/**
 * Beyond this many matches a search is answered from a bounded amount of work: the estimate and
 * facets come from a block sample, and the ranking covers the POOL most recent matches (ADR 017,
 * addendum). Below it everything is exact. `sampleRows` is about how many rows the sample reads.
 */
export const LARGE_RESULT = 20_000;
// ±4 % on a quarter of the catalogue, ±13 % at the threshold (a million records); fewer blocks read cold
const SAMPLE_ROWS = 3_000;
const POOL = 200;
export interface SearchTuning {
  large?: number;
  sampleRows?: number;
}

const noFacets = (): OpacResult['facets'] => ({ collection: [], type: [], language: [], decade: [], place: [], topic: [] });

function whereOf(f: OpacFilter, words: string[], fuzzy: boolean, walk = false): SQL {
  const w: SQL[] = [sql`r.deleted_at IS NULL`];
  if (!f.staff) w.push(sql`c.access <> 'restricted'`);
  const tsq = sql`to_tsquery('simple', ${words.map((x, i) => (i === words.length - 1 ? `${x}:*` : x)).join(' & ')})`;
  // `walk`: the large path must walk the year index and stop after POOL matches. Written as the
  // function behind @@, the match cannot be planned as a GIN bitmap, which for common words reads
  // the whole match set (the planner's estimate for an AND of correlated words is ~50× too low).
  if (words.length && !fuzzy) w.push(walk ? sql`ts_match_vq(r.search_fold, ${tsq})` : sql`r.search_fold @@ ${tsq}`);
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

const HIT_COLUMNS = sql`r.id, r.title, r.authors, r.year, r.publisher, r.record_type AS "recordType", r.language, c.code AS "collectionCode", c.name AS "collectionName",
             r.places, r.digitised_item_id AS "digitisedItemId"`;

/**
 * OPAC search. Every word must appear, compared folded (so "dia chi binh duong" finds "Địa chí
 * Bình Dương"); the rank adds the words that match as typed, tone marks included, so "mã" ranks
 * records with "mã" above those with "ma". Nothing found → near spellings of the title (pg_trgm).
 *
 * How much work a search does is bounded by its size, read first from a block sample
 * (TABLESAMPLE, ~3,000 rows, the same blocks every time). Up to `large` matches: exact total,
 * exact facets, every match ranked. More: the total and facet counts are the sample's scaled and
 * rounded (`approximate`), and the ranking covers the POOL most recent matches, found by walking
 * the year index (`ranked`): a query matching a quarter of a million records costs the same as
 * one matching a thousand.
 */
export async function searchRecords(db: Executor, f: OpacFilter, tune: SearchTuning = {}): Promise<OpacResult> {
  const { folded, exact } = queryWords(f.q ?? '');
  const size = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
  const page = Math.max(f.page ?? 1, 1);
  const large = tune.large ?? LARGE_RESULT;
  const catalogue = await catalogueRows(db);
  const sampleRows = tune.sampleRows ?? SAMPLE_ROWS;
  const pct = catalogue <= sampleRows ? 100 : (100 * sampleRows) / catalogue;
  for (const fuzzy of [false, true]) {
    if (fuzzy && !folded.length) break;
    const where = whereOf(f, folded, fuzzy);
    const rank = folded.length
      ? fuzzy
        ? sql`similarity(public.vh_unaccent(lower(r.title)), ${folded.join(' ')})`
        : sql`ts_rank(r.search_fold, to_tsquery('simple', ${folded.join(' & ')})) + ts_rank(r.search_exact, to_tsquery('simple', ${exact.map((x) => `'${x.replace(/'/g, '')}'`).join(' | ')})) * 2`
      : // a bare 0 in ORDER BY is read as a column position (a 500 on a query of no words, e.g. "%")
        sql`0::real`;
    const sample = await sampleOf(db, where, pct);
    const whole = pct >= 100;
    const estimate = whole ? sample.hits : Math.round((sample.hits * 100) / pct);
    if (estimate > large) {
      const pool = Math.max(POOL, size * 2);
      const rows = await db.execute<OpacHit & { pooled: number }>(sql`
        WITH pool AS (SELECT ${HIT_COLUMNS}, r.search_fold, r.search_exact
                     FROM library_records r JOIN library_collections c ON c.id = r.collection_id
                    WHERE ${whereOf(f, folded, fuzzy, true)}
                    ORDER BY r.year DESC NULLS LAST, r.id LIMIT ${pool})
        SELECT r.id, r.title, r.authors, r.year, r.publisher, r."recordType", r.language, r."collectionCode", r."collectionName", r.places, r."digitisedItemId",
               count(*) OVER ()::int AS pooled
          FROM pool r ORDER BY ${rank} DESC, r.year DESC NULLS LAST, r.id
         LIMIT ${size} OFFSET ${(page - 1) * size}`);
      const pooled = rows.rows[0]?.pooled ?? pool;
      // the walk ran out before the pool filled: the sample over-estimated and this is the exact number
      const total = pooled < pool ? pooled : whole ? sample.hits : roughly(estimate);
      const scale = 100 / pct;
      return {
        hits: rows.rows.map(({ pooled: _p, ...h }) => h),
        total,
        approximate: !whole && pooled >= pool,
        ranked: pooled < pool ? null : pool,
        fuzzy,
        facets: shaped(sample.facets, (n) => (whole ? n : roughly(n * scale))),
      };
    }
    if (whole && !sample.hits) continue;
    // the page and the facets read the same matches: on two connections at once, not one after the other
    const [rows, exactFacets] = await Promise.all([
      db.execute<OpacHit & { total: number }>(sql`
      SELECT ${HIT_COLUMNS}, count(*) OVER ()::int AS total
        FROM library_records r JOIN library_collections c ON c.id = r.collection_id
       WHERE ${where}
       ORDER BY ${rank} DESC, r.year DESC NULLS LAST, r.id
       LIMIT ${size} OFFSET ${(page - 1) * size}`),
      whole ? undefined : facetsOf(db, where),
    ]);
    // a whole-catalogue "sample" already counted the matches and their facets exactly
    const total = whole ? sample.hits : (rows.rows[0]?.total ?? (page > 1 ? await countOf(db, where) : 0));
    if (!total && !fuzzy) continue;
    const facets = exactFacets ?? shaped(sample.facets, (n) => n);
    return { hits: rows.rows.map(({ total: _t, ...h }) => h), total, approximate: false, ranked: null, fuzzy, facets };
  }
  return { hits: [], total: 0, approximate: false, ranked: null, fuzzy: false, facets: noFacets() };
}

/** Two significant digits: an estimate should not look more precise than it is. */
function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** reltuples of the catalogue, re-read once a minute (it only steers the sample's size) */
const catalogueSize = new WeakMap<object, { at: number; n: number }>();
async function catalogueRows(db: Executor): Promise<number> {
  const c = catalogueSize.get(db);
  if (c && Date.now() - c.at < 60_000) return c.n;
  const r = await db.execute<{ n: number }>(sql`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'library_records'::regclass`);
  const n = Number(r.rows[0]?.n ?? 0);
  catalogueSize.set(db, { at: Date.now(), n });
  return n;
}

type FacetRow = { dim: string; key: string; n: number };
const FACETS_OF_M = sql`
    SELECT 'collection' AS dim, code AS key, count(*)::int AS n FROM m GROUP BY 2
    UNION ALL SELECT 'type', record_type, count(*)::int FROM m GROUP BY 2
    UNION ALL SELECT 'language', language, count(*)::int FROM m GROUP BY 2
    UNION ALL SELECT 'decade', (year / 10 * 10)::text, count(*)::int FROM m WHERE year IS NOT NULL GROUP BY 2
    UNION ALL SELECT 'place', p, count(*)::int FROM m, unnest(place_codes) p GROUP BY 2
    UNION ALL SELECT 'topic', t, count(*)::int FROM m, unnest(topics) t GROUP BY 2`;

/**
 * Matches and their facets in a block sample of `pct` percent of the catalogue (100: all of it,
 * exact). REPEATABLE: the same query gives the same figures from page to page, and the sampled
 * blocks stay in cache.
 */
async function sampleOf(db: Executor, where: SQL, pct: number): Promise<{ hits: number; facets: FacetRow[] }> {
  const from = pct >= 100 ? sql`library_records r` : sql`library_records r TABLESAMPLE SYSTEM (${pct}::real) REPEATABLE (12)`;
  const r = await db.execute<FacetRow>(sql`
    WITH m AS MATERIALIZED (SELECT c.code, r.record_type, r.language, r.year, r.place_codes, r.topics
                              FROM ${from} JOIN library_collections c ON c.id = r.collection_id WHERE ${where})
    SELECT 'hits' AS dim, '' AS key, count(*)::int AS n FROM m
    UNION ALL ${FACETS_OF_M}`);
  return { hits: r.rows.find((x) => x.dim === 'hits')?.n ?? 0, facets: r.rows.filter((x) => x.dim !== 'hits') };
}

async function countOf(db: Executor, where: SQL): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE ${where}`);
  return r.rows[0]?.n ?? 0;
}

async function facetsOf(db: Executor, where: SQL): Promise<OpacResult['facets']> {
  const r = await db.execute<FacetRow>(sql`
    WITH m AS (SELECT c.code, r.record_type, r.language, r.year, r.place_codes, r.topics
                 FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE ${where})
    ${FACETS_OF_M}`);
  return shaped(r.rows, (n) => n);
}

function shaped(rows: FacetRow[], count: (n: number) => number): OpacResult['facets'] {
  const out = noFacets();
  for (const x of rows) out[x.dim as keyof OpacResult['facets']]?.push({ key: x.key, count: count(x.n) });
  for (const k of Object.keys(out) as (keyof OpacResult['facets'])[]) out[k].sort((a, b) => (k === 'decade' ? b.key.localeCompare(a.key) : b.count - a.count)).splice(k === 'decade' ? 20 : 12);
  return out;
}
