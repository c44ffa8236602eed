import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { browseCounts } from '../library.repository.js';

/**
 * /thu-vien/dia-chi: each place and topic with the number of records a visitor may see. The
 * counts come from one pass over the records; here they are checked against the plain per-
 * authority formulation on the demo catalogue (which has a restricted collection).
 */
describe('library browse by place and topic', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  it('counts only visible records, per place and per topic', async () => {
    const pool = t.platform.services.pool;
    const expected = async (kind: 'place' | 'topic', column: 'place_codes' | 'topics') =>
      (
        await pool.query<{ code: string; n: number }>(
          `SELECT a.code, (SELECT count(*)::int FROM library_records r JOIN library_collections c ON c.id = r.collection_id
                            WHERE a.code = ANY(r.${column}) AND r.deleted_at IS NULL AND c.access <> 'restricted') AS n
             FROM library_authorities a WHERE a.kind = $1 AND a.code IS NOT NULL ORDER BY a.code`,
          [kind],
        )
      ).rows;
    const got = await browseCounts(t.platform.services.db);
    const places = await expected('place', 'place_codes');
    const topics = await expected('topic', 'topics');
    expect(places.some((p) => p.n > 0)).toBe(true);
    expect(got.places.map((p) => [p.code, p.n]).sort()).toEqual(places.filter((p) => p.n > 0).map((p) => [p.code, p.n]).sort());
    expect(got.topics.map((x) => [x.code, x.n])).toEqual(topics.map((x) => [x.code, x.n]));

    // A restricted record is not counted.
    const restricted = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE c.access = 'restricted' AND cardinality(r.topics) + cardinality(r.place_codes) > 0`,
    );
    if (restricted.rows[0]!.n > 0) {
      const all = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM library_records r, unnest(r.topics || r.place_codes) WHERE r.deleted_at IS NULL`);
      const shown = [...got.places, ...got.topics].reduce((a, x) => a + x.n, 0);
      expect(shown).toBeLessThan(all.rows[0]!.n);
    }

    const page = await t.app.inject({ url: '/thu-vien/dia-chi' });
    expect(page.statusCode).toBe(200);
    const first = got.places[0]!;
    expect(page.body).toContain(first.name);
  });
});
