import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM } from '../../../core/auth/actor.js';
import type { AppError } from '../../../core/errors.js';
import { grantPermissionsToRole } from '../../../core/org/org.commands.js';
import { LIBRARY_MANAGE_ALL } from '../library.policy.js';
import { addPages, createItem, detectTools, parseCidrs, setPageText, setReadingRoom, updateItem } from '../library.items.commands.js';
import { fold, searchPages } from '../library.items.iiif.js';

/** A PNG whose header claims width × height with almost no data: a decompression bomb. */
function bombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))]);
}

async function twoPagePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A6' });
  const parts: Buffer[] = [];
  doc.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(parts))));
  doc.text('Page one');
  doc.addPage().text('Page two');
  doc.end();
  return done;
}

const scan = (w: number, h: number, color: string) => sharp({ create: { width: w, height: h, channels: 3, background: color } }).jpeg().toBuffer();

describe('library digitised items', () => {
  let t: TestPlatform;
  let recordId = '';
  let itemId = '';
  const ctx = () => ({ services: t.platform.services, actor: SYSTEM });
  const db = () => t.platform.services.pool;

  beforeAll(async () => {
    t = await startTestPlatform();
    const c = await db().query(`INSERT INTO library_collections (code, name) VALUES ('l2-test', 'Bộ sưu tập thử') RETURNING id`);
    const r = await db().query(`INSERT INTO library_records (collection_id, marc, title, authors, year) VALUES ($1, '{"leader":"00000nam a2200000 a 4500","fields":[]}', 'Sách thử số hóa', '{"Nguyễn Văn A"}', 2020) RETURNING id`, [
      c.rows[0].id,
    ]);
    recordId = r.rows[0].id;
  }, 120_000);
  afterAll(async () => t?.close());
  /** A specialist given the library permission (the demo librarian account is the catalogue's). */
  const librarian = async () => {
    await grantPermissionsToRole(ctx(), 'chuyen_vien', [LIBRARY_MANAGE_ALL]);
    return loginCookies(t.app, 'chuyenvien@vanhien.test');
  };

  it('folds Vietnamese per character and finds hits with or without tone marks', () => {
    expect(fold('Thủ Dầu Một, Đường')).toBe('thu dau mot, duong');
    expect(fold('Thủ Dầu Một').length).toBe('Thủ Dầu Một'.length);
    const pages = [
      { seq: 1, text: 'Con ma ở làng', lines: null },
      { seq: 2, text: '', lines: [{ t: 'Chợ Thủ Dầu Một họp sớm; mã số 12', x: 100, y: 50, w: 'Chợ Thủ Dầu Một họp sớm; mã số 12'.length * 10, h: 20 }] },
    ];
    const free = searchPages(pages, 'thu dau mot');
    expect(free).toHaveLength(1);
    expect(free[0]).toMatchObject({ seq: 2, line: 0, start: 4, end: 15, box: { x: 140, y: 50, w: 110, h: 20 } });
    // "mã" typed with its mark finds only "mã"; "ma" without marks finds both.
    expect(searchPages(pages, 'mã').map((h) => h.seq)).toEqual([2]);
    expect(searchPages(pages, 'ma').map((h) => h.seq)).toEqual([1, 2]);
    // whole words only
    expect(searchPages(pages, 'on')).toHaveLength(0);
  });

  it('checks reading-room ranges', () => {
    expect(parseCidrs('10.20.0.0/16, 192.168.1.5 2001:db8::/48')).toEqual({ cidrs: ['10.20.0.0/16', '192.168.1.5/32', '2001:db8::/48'], bad: [] });
    expect(parseCidrs('10.20.0.0/33 abc').bad).toEqual(['10.20.0.0/33', 'abc']);
  });

  it('creates an item, adds scans (and PDF pages), serves the manifest and content search', async () => {
    const item = await createItem(ctx(), { recordId, label: 'Bản số hóa thử', labelEn: 'Test copy', access: 'public', attribution: 'Thư viện tỉnh', ranges: '' });
    itemId = item.id;
    const uploads = [
      { data: await scan(600, 900, '#eeeeee'), filename: 'trang-2.jpg' },
      { data: await scan(640, 900, '#dddddd'), filename: 'trang-1.png' },
    ];
    expect(await addPages(ctx(), itemId, uploads)).toBe(2);
    if (detectTools().pdftoppm) expect(await addPages(ctx(), itemId, [{ data: await twoPagePdf(), filename: 'phu-luc.pdf' }])).toBe(2);
    const n = detectTools().pdftoppm ? 4 : 2;
    await updateItem(ctx(), itemId, { label: 'Bản số hóa thử', labelEn: 'Test copy', access: 'public', attribution: 'Thư viện tỉnh', ranges: `Phần chính | 1-2\nPhụ lục | ${n > 2 ? '3-4' : '2-2'}` });
    await setPageText(ctx(), itemId, 2, 'Lịch sử vùng đất Bình Dương và chợ Thủ Dầu Một.');
    const rec = await db().query('SELECT digitised_item_id FROM library_records WHERE id = $1', [recordId]);
    expect(rec.rows[0].digitised_item_id).toBe(itemId);

    const res = await t.app.inject({ url: `/iiif/manifests/${itemId}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const m = res.json();
    expect(m['@context']).toContain('http://iiif.io/api/presentation/3/context.json');
    expect(m.type).toBe('Manifest');
    expect(m.label).toEqual({ vi: ['Bản số hóa thử'], en: ['Test copy'] });
    expect(m.rights).toBe('http://rightsstatements.org/vocab/InC-EDU/1.0/');
    expect(m.requiredStatement.value.vi).toEqual(['Thư viện tỉnh']);
    expect(m.items).toHaveLength(n);
    // canvases in upload order by file name: trang-1 (640 wide) before trang-2 (600 wide)
    expect(m.items.map((c: { width: number }) => c.width).slice(0, 2)).toEqual([640, 600]);
    expect(m.items[0].label).toEqual({ vi: ['Trang 1'], en: ['Page 1'] });
    expect(m.items[0].items[0].items[0].body.service[0].type).toBe('ImageService3');
    expect(m.thumbnail[0].id).toMatch(/\/full\/200,\/0\/default\.jpg$/);
    expect(m.structures).toHaveLength(2);
    expect(m.structures[0].items.map((c: { id: string }) => c.id.split('/').pop())).toEqual(['1', '2']);
    expect(m.service[0]).toMatchObject({ type: 'SearchService2' });

    // the image service of a page answers (shared core IIIF)
    const imageId = m.items[0].items[0].items[0].body.service[0].id.split('/').pop();
    const info = await t.app.inject({ url: `/iiif/3/${imageId}/info.json` });
    expect(info.statusCode).toBe(200);
    const tile = await t.app.inject({ url: `/iiif/3/${imageId}/0,0,512,512/512,/0/default.jpg` });
    expect(tile.statusCode).toBe(200);
    expect(tile.headers['content-type']).toBe('image/jpeg');

    const s = await t.app.inject({ url: `/iiif/search/${itemId}?q=binh%20duong` });
    expect(s.statusCode).toBe(200);
    const a = s.json();
    expect(a['@context']).toBe('http://iiif.io/api/search/2/context.json');
    expect(a.type).toBe('AnnotationPage');
    expect(a.items).toHaveLength(1);
    expect(a.items[0].target).toMatch(new RegExp(`/iiif/manifests/${itemId}/canvas/2#xywh=0,0,600,900$`));
    expect(a.items[0].body.value).toBe('Bình Dương');
    expect(a.annotations[0].items[0].target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: 'Bình Dương' });
    const bad = await t.app.inject({ url: `/iiif/search/${itemId}?q=` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('LIB-SEARCH-400');
  });

  it('reader without JavaScript: page image, next/previous, results list and marked text', async () => {
    const res = await t.app.inject({ url: `/thu-vien/doc/${itemId}?q=th%E1%BB%A7%20d%E1%BA%A7u%20m%E1%BB%99t&trang=2` });
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<mark>Thủ Dầu Một</mark>');
    expect(html).toMatch(/<a href="\/thu-vien\/doc\/[^"]+\?q=[^"]+" rel="prev"/);
    expect(html).toContain('rel="next"');
    expect(html).toMatch(/href="\/thu-vien\/doc\/[^"?]+\?trang=2&amp;q=/);
    expect(html).toMatch(/<image href="\/iiif\/3\/[0-9a-f-]+\/full\/600,\/0\/default\.jpg"/);
    expect(html).toMatch(/src="\/static\/library\/openseadragon\.[0-9a-f]+\.min\.js"/);
    const osd = /src="(\/static\/library\/openseadragon\.[0-9a-f]+\.min\.js)"/.exec(html)![1]!;
    expect((await t.app.inject({ url: osd })).statusCode).toBe(200);
    // OpenSeadragon loads only on the reader
    expect((await t.app.inject({ url: '/' })).body).not.toContain('openseadragon');
    expect((await t.app.inject({ url: `/thu-vien/doc/${itemId}?trang=99` })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/thu-vien/doc/khong-phai-uuid' })).statusCode).toBe(404);
  });

  it('access: reading room by address, restricted for staff only', async () => {
    await updateItem(ctx(), itemId, { label: 'Bản số hóa thử', access: 'reading_room', attribution: 'Thư viện tỉnh' });
    await setReadingRoom(ctx(), { name: 'Phòng đọc thử', cidrs: '10.99.0.0/16' });
    const { forgetItem } = await import('../library.items.access.js');
    forgetItem(itemId);
    const outside = await t.app.inject({ url: `/iiif/manifests/${itemId}`, remoteAddress: '203.0.113.9' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('LIB-403');
    const page = await t.app.inject({ url: `/thu-vien/doc/${itemId}`, remoteAddress: '203.0.113.9' });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('chỉ được đọc tại phòng đọc');
    const inside = await t.app.inject({ url: `/iiif/manifests/${itemId}`, remoteAddress: '10.99.3.4' });
    expect(inside.statusCode).toBe(200);
    expect(inside.headers['cache-control']).toContain('private');
    const imageId = inside.json().items[0].items[0].items[0].body.service[0].id.split('/').pop();
    expect((await t.app.inject({ url: `/iiif/3/${imageId}/info.json`, remoteAddress: '203.0.113.9' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/iiif/3/${imageId}/info.json`, remoteAddress: '10.99.3.4' })).statusCode).toBe(200);

    await updateItem(ctx(), itemId, { label: 'Bản số hóa thử', access: 'restricted', attribution: 'Thư viện tỉnh' });
    forgetItem(itemId);
    expect((await t.app.inject({ url: `/iiif/manifests/${itemId}`, remoteAddress: '10.99.3.4' })).statusCode).toBe(404);
    const cookie = await librarian();
    expect((await t.app.inject({ url: `/iiif/manifests/${itemId}`, headers: { cookie } })).statusCode).toBe(200);
    await updateItem(ctx(), itemId, { label: 'Bản số hóa thử', access: 'public', attribution: 'Thư viện tỉnh' });
    forgetItem(itemId);
  });

  it('bad scans: type from the bytes, decompression bombs, broken PDFs, nothing half-written', async () => {
    const before = (await db().query('SELECT page_count FROM library_items WHERE id = $1', [itemId])).rows[0].page_count;
    const refuse = async (files: { data: Buffer; filename: string }[]) => {
      try {
        await addPages(ctx(), itemId, files);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('accepted');
    };
    const text = await refuse([{ data: await scan(100, 100, '#fff'), filename: 'ok.jpg' }, { data: Buffer.from('not an image at all'), filename: 'anh.jpg' }]);
    expect(text.status).toBe(415);
    expect(text.vi).toContain('anh.jpg');
    const bomb = await refuse([{ data: bombPng(20_000, 20_000), filename: 'bom.png' }]);
    expect(bomb.code).toBe('IMG-101');
    expect(bomb.vi).toMatch(/bom\.png: Ảnh quá lớn/);
    if (detectTools().pdftoppm) {
      const pdf = await refuse([{ data: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF'), filename: 'hong.pdf' }]);
      expect(pdf.code).toBe('LIB-PDF');
      expect(pdf.vi).toMatch(/hong\.pdf: Tệp PDF (bị hỏng|không có trang)/);
    }
    const after = (await db().query('SELECT page_count, (SELECT count(*)::int FROM library_item_pages WHERE item_id = $1) AS n FROM library_items WHERE id = $1', [itemId])).rows[0];
    expect(after.page_count).toBe(before);
    expect(after.n).toBe(before);
  });

  it('staff upload form re-renders with the error, in Vietnamese', async () => {
    const cookie = await librarian();
    const page = await t.app.inject({ url: `/quan-tri/thu-vien/so-hoa/${itemId}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const boundary = '----l2test';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gia.png"\r\nContent-Type: image/png\r\n\r\n`),
      Buffer.from('<html>not a png</html>'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({ method: 'POST', url: `/quan-tri/thu-vien/so-hoa/${itemId}/trang`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': csrf }, payload: body });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('vh-error-summary');
    expect(res.body).toContain('gia.png');
  });
});
