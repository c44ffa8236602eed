import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM } from '../../../core/auth/actor.js';
import { createCollection, runImport, startImport } from '../library.commands.js';
import { toMarcXml } from '../library.marc.js';
import type { MarcRecord } from '../library.schema.js';
import { searchRecords } from '../library.search.js';

const rec = (id: string, title: string, year: number, extra: MarcRecord['fields'] = []): MarcRecord => ({
  leader: '00000nam a2200000 i 4500',
  fields: [
    { tag: '001', value: id },
    { tag: '100', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: `Tác giả ${id}` }] },
    { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: title }] },
    { tag: '264', ind1: ' ', ind2: '1', subfields: [{ code: 'b', value: 'Nxb. Thử' }, { code: 'c', value: String(year) }] },
    ...extra,
  ],
});

/**
 * The OPAC's two regimes (ADR 017 addendum): exact below the large-result threshold, bounded
 * (sampled counts, ranking over the most recent matches) above it. The threshold and the sample
 * size are lowered here so a few hundred records exercise the large path.
 */
describe('OPAC search: exact for small result sets, bounded for large ones', () => {
  let t: TestPlatform;
  const db = () => t.platform.services.db;
  beforeAll(async () => {
    t = await startTestPlatform();
    const ctx = { services: t.platform.services, actor: SYSTEM };
    const col = await createCollection(ctx, { code: 'tim-thu', name: 'Tìm thử', access: 'public' });
    const recs: MarcRecord[] = [
      rec('S-1', 'Địa chí Bình Dương tập một', 2001),
      // decomposed Unicode, as some library systems export Vietnamese
      rec('S-2', 'Địa chí Bình Dương tập hai'.normalize('NFD'), 2005),
      rec('S-3', 'Mã số bí mật của làng nghề', 1990),
      rec('S-4', 'Ma trận làng nghề', 1999),
    ];
    // 320 records sharing the words "kho mẫu", years 1700–2019, every 4th in the Vietnamese "vie" language
    for (let i = 0; i < 320; i++) recs.push(rec(`K-${i}`, `Kho mẫu ${i}`, 1700 + i, i % 4 ? [{ tag: '041', ind1: '0', ind2: ' ', subfields: [{ code: 'a', value: 'eng' }] }] : []));
    const data = Buffer.from(`<collection xmlns="http://www.loc.gov/MARC21/slim">${recs.map((r) => toMarcXml(r, false)).join('\n')}</collection>`);
    const { id } = await startImport(ctx, { collectionId: col.id, filename: 'tim.xml', data });
    await runImport(t.platform.services, id);
    // the search sizes its sample from the planner's row count, read once a minute
    await t.platform.services.pool.query('ANALYZE library_records');
  });
  afterAll(async () => t?.close());

  it('finds "dia chi Binh Duong" typed without diacritics, and NFD input, with exact totals and facets', async () => {
    for (const q of ['dia chi Binh Duong', 'Địa chí Bình Dương'.normalize('NFD'), 'địa chí bình dương']) {
      const r = await searchRecords(db(), { q, collection: 'tim-thu' });
      expect(r.total, q).toBe(2);
      expect(r.approximate).toBe(false);
      expect(r.ranked).toBeNull();
      expect(r.hits.map((h) => h.title).sort()).toEqual(['Địa chí Bình Dương tập hai', 'Địa chí Bình Dương tập một']);
      expect(r.facets.collection).toEqual([{ key: 'tim-thu', count: 2 }]);
      expect(r.facets.decade).toEqual([{ key: '2000', count: 2 }]);
    }
  });

  it('ranks the words as typed, tone marks included, first ("mã" before "ma")', async () => {
    const withMark = await searchRecords(db(), { q: 'mã làng', collection: 'tim-thu' });
    expect(withMark.hits.map((h) => h.title)).toEqual(['Mã số bí mật của làng nghề', 'Ma trận làng nghề']);
    const without = await searchRecords(db(), { q: 'ma lang', collection: 'tim-thu' });
    expect(without.total).toBe(2);
  });

  it('counts every match exactly below the threshold', async () => {
    const r = await searchRecords(db(), { q: 'kho mau' });
    expect(r).toMatchObject({ total: 320, approximate: false, ranked: null });
    expect(r.facets.language).toEqual([
      { key: 'eng', count: 240 },
      { key: 'vie', count: 80 },
    ]);
    expect(r.hits[0]!.year).toBe(2019);
  });

  it('above the threshold ranks only the most recent matches and pages within them; counts stay exact when the whole catalogue was read', async () => {
    const tune = { large: 50 };
    const r = await searchRecords(db(), { q: 'kho mau' }, tune);
    expect(r).toMatchObject({ total: 320, approximate: false, ranked: 200 });
    expect(r.hits).toHaveLength(20);
    // ranked among the 200 newest: 2019 … 1820
    const all = [];
    for (let page = 1; page <= 10; page++) all.push(...(await searchRecords(db(), { q: 'kho mau', page }, tune)).hits);
    expect(new Set(all.map((h) => h.id)).size).toBe(200);
    expect(Math.min(...all.map((h) => h.year ?? 0))).toBe(1820);
    expect((await searchRecords(db(), { q: 'kho mau', page: 11 }, tune)).hits).toEqual([]);
    expect(r.facets.language).toEqual([
      { key: 'eng', count: 240 },
      { key: 'vie', count: 80 },
    ]);
    // a result smaller than the pool is exact even on the large path
    const few = await searchRecords(db(), { q: 'kho mau', language: 'vie' }, tune);
    expect(few).toMatchObject({ total: 80, ranked: null });
  });

  it('estimates the total and the facets from a block sample when the catalogue is larger than the sample', async () => {
    const r = await searchRecords(db(), { q: 'kho mau' }, { large: 50, sampleRows: 150 });
    expect(r.approximate).toBe(true);
    expect(r.ranked).toBe(200);
    expect(r.total).toBeGreaterThan(50);
    expect(r.hits).toHaveLength(20);
    expect(r.facets.collection[0]?.key).toBe('tim-thu');
    // the same query gives the same estimate (REPEATABLE sample), page after page
    expect((await searchRecords(db(), { q: 'kho mau', page: 2 }, { large: 50, sampleRows: 150 })).total).toBe(r.total);
  });

  it('says on the page when counts are estimates and how many results were ranked', async () => {
    const exact = await t.app.inject({ url: `/thu-vien?q=${encodeURIComponent('dia chi Binh Duong')}&bo-suu-tap=tim-thu` });
    expect(exact.statusCode).toBe(200);
    expect(exact.body).toContain('Tìm thấy 2 biểu ghi.');
    expect(exact.body).not.toContain('ước tính');
    const api = await t.app.inject({ url: `/api/v1/library/records?q=${encodeURIComponent('dia chi Binh Duong')}&collection=tim-thu` });
    expect(api.json()).toMatchObject({ total: 2, approximate: false, ranked: null });
  });
});
