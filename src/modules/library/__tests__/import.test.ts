import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM } from '../../../core/auth/actor.js';
import { runImport, startImport } from '../library.commands.js';
import { exportChunks } from '../library.export.js';
import { readMarc, toIso2709 } from '../library.import.js';
import { toMarcXml } from '../library.marc.js';
import type { MarcRecord } from '../library.schema.js';

/** 10,000 generated records, NFC, with Vietnamese text, repeated fields and indicators; some carry a
 * Nôm character outside the BMP (4 UTF-8 bytes) and XML specials. */
function generated(n: number, tag: string): MarcRecord[] {
  const out: MarcRecord[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      leader: '00000nam a2200000 i 4500',
      fields: [
        { tag: '001', value: `${tag}-${i}` },
        { tag: '008', value: `260101s${1950 + (i % 70)}    vm            000 0 vie d` },
        { tag: '041', ind1: '0', ind2: ' ', subfields: [{ code: 'a', value: 'vie' }] },
        { tag: '100', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: `Nguyễn Văn ${tag}${i}` }] },
        { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: `Địa chí thử nghiệm số ${i} /` }, ...(i % 500 === 0 ? [{ code: 'b', value: 'chữ Nôm 𡨸 & <ký tự> "ngoài BMP" :' }] : []), { code: 'c', value: `Nguyễn Văn ${tag}${i}` }] },
        { tag: '264', ind1: ' ', ind2: '1', subfields: [{ code: 'a', value: 'Thủ Dầu Một :' }, { code: 'b', value: 'Nxb. Thử nghiệm,' }, { code: 'c', value: String(1950 + (i % 70)) }] },
        { tag: '650', ind1: ' ', ind2: '7', subfields: [{ code: 'a', value: 'Lịch sử' }, { code: 'z', value: 'Bình Dương' }, { code: '2', value: 'vh' }] },
        { tag: '650', ind1: ' ', ind2: '7', subfields: [{ code: 'a', value: 'Văn hóa' }, { code: '2', value: 'vh' }] },
      ],
    });
  }
  return out;
}

const fieldsOnly = (r: MarcRecord) => JSON.stringify(r.fields);

describe('library import and export', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());
  const ctx = () => ({ services: t.platform.services, actor: SYSTEM });
  const collection = async (code: string) => {
    const { createCollection } = await import('../library.commands.js');
    return (await createCollection(ctx(), { code, name: `Thử ${code}`, access: 'public' })).id;
  };

  it('imports 10,000 MARCXML and 10,000 ISO 2709 records and exports them back unchanged in their MARC fields', async () => {
    const s = t.platform.services;
    for (const [format, tag] of [
      ['marcxml', 'X'],
      ['iso2709', 'I'],
    ] as const) {
      const recs = generated(10_000, tag);
      const data =
        format === 'marcxml'
          ? Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim">${recs.map((r) => toMarcXml(r, false).replace(/<(\/?)/g, '<$1marc:')).join('\n')}</marc:collection>`)
          : Buffer.concat(recs.map(toIso2709));
      const col = await collection(`imp-${format}`);
      const started = Date.now();
      const { id } = await startImport(ctx(), { collectionId: col, filename: `thu.${format}`, data });
      await runImport(s, id);
      const imp = (await s.pool.query('SELECT status, processed, imported, failed, duplicates FROM library_imports WHERE id = $1', [id])).rows[0];
      expect(imp).toMatchObject({ status: 'done', processed: 10_000, imported: 10_000, failed: 0, duplicates: 0 });
      process.stderr.write(`${format}: 10,000 records in ${Date.now() - started} ms\n`);
      const colId = col;
      for (const out of ['marcxml', 'iso2709'] as const) {
        const chunks: Buffer[] = [];
        for await (const c of exportChunks(s, out, colId)) chunks.push(c);
        const back: MarcRecord[] = [];
        for await (const item of readMarc(Buffer.concat(chunks), out)) {
          expect(item.error).toBeUndefined();
          back.push(item.record!);
        }
        expect(back.length).toBe(10_000);
        const byId = new Map(back.map((r) => [r.fields.find((f) => f.tag === '001')!.value!, r]));
        for (const r of recs) expect(fieldsOnly(byId.get(r.fields[0]!.value!)!)).toBe(fieldsOnly(r));
      }
    }
  }, 300_000);

  it('imports what is valid from a broken file and reports each bad record with its position; duplicates are skipped', async () => {
    const s = t.platform.services;
    const good = generated(3, 'B');
    const iso = (r: MarcRecord) => toIso2709(r);
    const badLength = Buffer.from(iso(good[1]!));
    badLength.write('99999', 0, 'latin1');
    const marc8 = Buffer.from(iso(good[1]!));
    marc8.write(' ', 9, 'latin1');
    const badUtf8 = Buffer.from(iso(good[2]!));
    const at = badUtf8.indexOf(Buffer.from('Đ'));
    badUtf8[at] = 0xff;
    const nfd: MarcRecord = JSON.parse(JSON.stringify(good[2]).normalize('NFD'));
    const file = Buffer.concat([iso(good[0]!), badLength, marc8, badUtf8, iso(nfd), iso(good[0]!)]);
    const col = await collection('imp-broken');
    const { id } = await startImport(ctx(), { collectionId: col, filename: 'hong.mrc', data: file });
    await runImport(s, id);
    const imp = (await s.pool.query('SELECT status, processed, imported, failed, duplicates, errors FROM library_imports WHERE id = $1', [id])).rows[0];
    expect(imp).toMatchObject({ status: 'done', processed: 6, imported: 2, failed: 3, duplicates: 1 });
    const errs = imp.errors as { position: number; message: string }[];
    expect(errs.map((e) => e.position).sort()).toEqual([2, 3, 4, 6]);
    expect(errs.find((e) => e.position === 2)!.message).toMatch(/Độ dài biểu ghi sai/);
    expect(errs.find((e) => e.position === 3)!.message).toMatch(/MARC-8/);
    expect(errs.find((e) => e.position === 4)!.message).toMatch(/UTF-8/);
    // NFD in, NFC stored, found typed either way
    const stored = await s.pool.query(`SELECT title FROM library_records WHERE collection_id = $1 AND control_number = 'B-2'`, [col]);
    expect(stored.rows[0].title).toBe('Địa chí thử nghiệm số 2'.normalize('NFC'));
    for (const q of ['địa chí thử nghiệm', 'Địa chí thử nghiệm'.normalize('NFD'), 'dia chi thu nghiem']) {
      const res = await t.app.inject({ url: `/api/v1/library/records?q=${encodeURIComponent(q)}&collection=imp-broken` });
      expect(res.json().total, q).toBe(2);
    }
    // the site search lists library records through the manifest hook (siteSearch), as a type of its own
    const site = await t.app.inject({ url: `/tim-kiem?q=${encodeURIComponent('dia chi thu nghiem so 2')}&loai=thu-vien` });
    expect(site.statusCode).toBe(200);
    expect(site.body).toContain('href="/tim-kiem?q=dia+chi+thu+nghiem+so+2&amp;loai=thu-vien" aria-current="true"');
    const [, href] = /<a href="(\/thu-vien\/bieu-ghi\/[0-9a-f-]{36})"/.exec(site.body) ?? [];
    expect(href, 'a library record among the hits').toBeDefined();
    expect((await t.app.inject({ url: href! })).statusCode).toBe(200);
  });
});
