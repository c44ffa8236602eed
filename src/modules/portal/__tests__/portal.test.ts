import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM } from '../../../core/auth/actor.js';
import { assignRole, createUnit } from '../../../core/org/org.commands.js';
import { currentAgency } from '../../../core/org/org.repository.js';
import { vnIsoDate } from '../../../core/validation.js';
import { createLegalDocument } from '../portal.commands.js';
import { MANDATORY_SECTIONS } from '../portal.sections.js';

/** Preact escapes these five in text and attributes; the tests compare against the escaped form. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A multipart/form-data body the way a browser builds it. */
function multipart(fields: Record<string, string>, file?: { field: string; filename: string; data: Buffer; type: string }) {
  const boundary = `----vh${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    );
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const MINI_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe('portal: mandatory sections, org chart, directory, documents, search', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());
  const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });
  const sys = () => ({ services: t.platform.services, actor: SYSTEM });

  it('every mandatory section of domain.md §2 answers 200 with its title (the checklist)', async () => {
    expect(MANDATORY_SECTIONS.length).toBeGreaterThanOrEqual(13);
    for (const s of MANDATORY_SECTIONS) {
      const res = await get(s.url);
      expect(res.statusCode, `${s.key} ${s.url}`).toBe(200);
      expect(res.body, `${s.key} ${s.url}`).toContain(esc(s.vi));
      if (s.enUrl) {
        const en = await get(s.enUrl);
        expect(en.statusCode, s.enUrl).toBe(200);
        expect(en.body).toContain('<html lang="en"');
      }
    }
    // The introduction links every section.
    const intro = (await get('/gioi-thieu')).body;
    for (const s of MANDATORY_SECTIONS) expect(intro).toContain(`href="${s.url}"`);
  });

  it('a managed section page that was never created is a 404, not an empty 200', async () => {
    await t.platform.services.pool.query(`DELETE FROM portal_pages WHERE slug = 'thong-ke'`);
    expect((await get('/thong-ke')).statusCode).toBe(404);
  });

  it('the org chart is drawn from the database: a new unit appears, with its English name on /en', async () => {
    const page = (await get('/co-cau-to-chuc')).body;
    for (const name of ['Ban Giám đốc Sở', 'Văn phòng Sở', 'Phòng Quản lý Du lịch', 'Thư viện tỉnh']) expect(page).toContain(esc(name));
    expect(page).toContain('cấp phép kinh doanh karaoke'); // the unit's duties page
    const agency = (await currentAgency(t.platform.services.db, vnIsoDate()))!;
    await createUnit(sys(), {
      agencyId: agency.id,
      code: 'TTXTDL',
      name: 'Trung tâm Xúc tiến Du lịch',
      nameEn: 'Tourism Promotion Centre',
      kind: 'public_service',
      validFrom: '01/01/2026',
    });
    expect((await get('/co-cau-to-chuc')).body).toContain('Trung tâm Xúc tiến Du lịch');
    const en = await get('/en/organisation-structure');
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('Tourism Promotion Centre');
    expect(en.body).toContain('Tourism Division');
  });

  it('the contact directory lists staff with position, unit and official email, never a citizen', async () => {
    const pool = t.platform.services.pool;
    const citizen = (await pool.query(`SELECT id FROM users WHERE email = 'congdan@vanhien.test'`)).rows[0].id as string;
    const unit = (await pool.query(`SELECT id FROM units WHERE code = 'VP'`)).rows[0].id as string;
    // assignRole refuses citizens; a row written around it (an old import, a manual fix) must
    // still not publish a citizen's contact details.
    await pool.query(
      `INSERT INTO role_assignments (user_id, role_id, unit_id, position_code, valid_from) SELECT $1, id, $2, 'chuyen_vien', '2020-01-01' FROM roles WHERE code = 'chuyen_vien'`,
      [citizen, unit],
    );
    await expect(
      assignRole(sys(), { userId: citizen, roleCode: 'chuyen_vien', unitId: unit, positionCode: 'chuyen_vien', validFrom: '01/01/2020' }),
    ).rejects.toMatchObject({ code: 'ORG-101' });
    const res = await get('/danh-ba');
    expect(res.statusCode).toBe(200);
    const row = /<tr><td>Phạm Minh Lãnh<\/td>.*?<\/tr>/s.exec(res.body)?.[0] ?? '';
    expect(row).toContain('Phó Giám đốc');
    expect(row).toContain('Ban Giám đốc Sở');
    expect(row).toContain('lanhdao@vanhien.test');
    expect(res.body).toContain('Hoàng Thu Biên');
    expect(res.body).not.toContain('Võ Thị Công Dân');
    expect(res.body).not.toContain('congdan@vanhien.test');
    // Leaders come from the same assignments (positions giam_doc / pho_giam_doc), with a biography.
    const leaders = (await get('/lanh-dao')).body;
    expect(leaders).toContain('href="/lanh-dao/lanhdao"');
    expect(leaders).not.toContain('Hoàng Thu Biên');
    const bio = await get('/lanh-dao/lanhdao');
    expect(bio.statusCode).toBe(200);
    expect(bio.body).toContain('Nhiệm vụ được phân công');
  });

  it('English pages have <html lang="en"> and hreflang links both ways; the language switch keeps the page', async () => {
    const en = await get('/en/contacts');
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('Officials’ contacts');
    expect(en.body).toContain('Deputy Director');
    expect(en.body).toMatch(/<a href="\/ngon-ngu\/vi\?next=%2Fdanh-ba"[^>]*hreflang="vi"/i);
    const vi = await get('/danh-ba');
    expect(vi.body).toContain('<html lang="vi"');
    expect(vi.body).toMatch(/<a href="\/ngon-ngu\/en\?next=%2Fen%2Fcontacts"[^>]*hreflang="en"/i);
    const fn = await get('/en/functions-and-duties');
    expect(fn.body).toContain('Functions, duties and powers');
    expect(fn.body).toContain('data-vi-url="/chuc-nang-nhiem-vu"');
    // A reader who switched to English on the Vietnamese page lands on its translation.
    const switched = await get('/chuc-nang-nhiem-vu', 'lang=en');
    expect(switched.statusCode).toBe(302);
    expect(switched.headers.location).toBe('/en/functions-and-duties');
    // … and back: a reader who chose Vietnamese on an English page gets the Vietnamese original.
    const back = await get('/en/contacts', 'lang=vi');
    expect(back.statusCode).toBe(302);
    expect(back.headers.location).toBe('/danh-ba');
  });

  it('legal documents: 15 demo documents, filters by type, year and issuing body, search typed without diacritics', async () => {
    const all = (await get('/van-ban')).body;
    expect(all).toContain('Tìm thấy 15 văn bản.');
    const bySearch = (await get(`/van-ban?q=${encodeURIComponent('quy che lam viec')}`)).body;
    expect(bySearch).toContain('45/QĐ-SVHTTDL');
    expect(bySearch).toContain('112/QĐ-SVHTTDL');
    expect(bySearch).not.toContain('30/KH-SVHTTDL');
    const byNumber = (await get(`/van-ban?q=${encodeURIComponent('30/kh')}`)).body;
    expect(byNumber).toContain('30/KH-SVHTTDL');
    const byType = (await get(`/van-ban?loai=${encodeURIComponent('Chỉ thị')}`)).body;
    expect(byType).toContain('02/CT-SVHTTDL');
    expect(byType).toContain('05/CT-UBND');
    expect(byType).not.toContain('30/KH-SVHTTDL');
    const byYear = (await get('/van-ban?nam=2025')).body;
    expect(byYear).toContain('1520/KH-UBND');
    expect(byYear).not.toContain('45/QĐ-SVHTTDL');
    const byBody = (await get(`/van-ban?co-quan=${encodeURIComponent('Ủy ban nhân dân tỉnh')}`)).body;
    expect(byBody).toContain('Tìm thấy 2 văn bản.');
  });

  it('a replaced document links to its successor ("được thay thế bởi") and back', async () => {
    const pool = t.platform.services.pool;
    const old = (await pool.query(`SELECT id, replaced_by_id FROM legal_documents WHERE number_symbol = '112/QĐ-SVHTTDL'`)).rows[0];
    const page = (await get(`/van-ban/${old.id}`)).body;
    expect(page).toContain('đã được thay thế bởi');
    expect(page).toContain(`href="/van-ban/${old.replaced_by_id}"`);
    expect(page).toContain('Đã bị thay thế');
    const successor = (await get(`/van-ban/${old.replaced_by_id}`)).body;
    expect(successor).toContain('Thay thế cho');
    expect(successor).toContain(`href="/van-ban/${old.id}"`);
    expect((await get('/van-ban/khong-co')).statusCode).toBe(404);
  });

  it('search ranks exact-diacritic matches first', async () => {
    const ctx = sys();
    const base = {
      type: 'Công văn',
      issuingBody: 'Sở Văn hóa, Thể thao và Du lịch',
      signer: 'Giám đốc',
      issuedDate: '01/06/2026',
      effectiveDate: '01/06/2026',
    };
    await createLegalDocument(ctx, { ...base, numberSymbol: '901/SVHTTDL-VP', summary: 'Hướng dẫn bản vẽ tu bổ di tích đình làng (văn bản minh họa)' });
    await createLegalDocument(ctx, { ...base, numberSymbol: '902/SVHTTDL-VP', summary: 'Hướng dẫn bán vé tham quan di tích (văn bản minh họa)' });
    const a = (await get(`/van-ban?q=${encodeURIComponent('bán vé')}`)).body;
    expect(a.indexOf('902/SVHTTDL-VP')).toBeGreaterThan(0);
    expect(a.indexOf('902/SVHTTDL-VP')).toBeLessThan(a.indexOf('901/SVHTTDL-VP'));
    const b = (await get(`/tim-kiem?q=${encodeURIComponent('bản vẽ')}`)).body;
    expect(b.indexOf('901/SVHTTDL-VP')).toBeGreaterThan(0);
    expect(b.indexOf('901/SVHTTDL-VP')).toBeLessThan(b.indexOf('902/SVHTTDL-VP'));
  });

  describe('staff form', () => {
    let cookie: string;
    beforeAll(async () => {
      cookie = await loginCookies(t.app, 'bientap@vanhien.test');
    });

    it('bad input: 400, Vietnamese messages next to the fields, the input kept', async () => {
      const { csrf, cookie: c2 } = await csrfFor(t.app, '/quan-tri/van-ban/moi', cookie);
      const res = await t.app.inject({
        method: 'POST',
        url: '/quan-tri/van-ban',
        headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrf,
          numberSymbol: '999/QĐ-SVHTTDL',
          type: '',
          issuingBody: 'Sở Văn hóa, Thể thao và Du lịch',
          signer: '',
          issuedDate: '31/02/2026',
          effectiveDate: '01/01/2026',
          expiryDate: '2026-13-01',
          summary: 'Trích yếu giữ lại',
        }).toString(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Có lỗi cần sửa');
      expect(res.body).toContain('Vui lòng chọn loại văn bản.');
      expect(res.body).toContain('Vui lòng nhập người ký.');
      expect(res.body).toContain('Ngày ban hành không hợp lệ');
      expect(res.body).toContain('Ngày hết hiệu lực không hợp lệ');
      expect(res.body).toContain('value="999/QĐ-SVHTTDL"');
      expect(res.body).toContain('Trích yếu giữ lại');

      const { csrf: csrf2, cookie: c3 } = await csrfFor(t.app, '/quan-tri/van-ban/moi', cookie);
      const early = await t.app.inject({
        method: 'POST',
        url: '/quan-tri/van-ban',
        headers: { cookie: c3, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrf2,
          numberSymbol: '998/QĐ-SVHTTDL',
          type: 'Quyết định',
          issuingBody: 'Sở',
          signer: 'Giám đốc',
          issuedDate: '10/03/2026',
          effectiveDate: '01/03/2026',
          summary: 'x',
        }).toString(),
      });
      expect(early.statusCode).toBe(400);
      expect(early.body).toContain('Ngày có hiệu lực không được trước ngày ban hành.');
      expect(early.body).toContain('value="01/03/2026"');
    });

    it('a non-PDF upload is refused with the input kept; a real PDF is stored, served and audited', async () => {
      const fields = {
        numberSymbol: '777/QĐ-SVHTTDL',
        type: 'Quyết định',
        issuingBody: 'Sở Văn hóa, Thể thao và Du lịch',
        signer: 'Giám đốc Trần Văn Minh',
        issuedDate: '02/04/2026',
        effectiveDate: '02/04/2026',
        summary: 'Ban hành quy trình số hóa hồ sơ lưu trữ (văn bản minh họa)',
      };
      const { csrf, cookie: c2 } = await csrfFor(t.app, '/quan-tri/van-ban/moi', cookie);
      const bad = multipart(fields, {
        field: 'pdf',
        filename: 'van-ban.pdf',
        data: Buffer.from('<html><script>alert(1)</script></html>'),
        type: 'application/pdf',
      });
      const res = await t.app.inject({
        method: 'POST',
        url: `/quan-tri/van-ban?_csrf=${encodeURIComponent(csrf)}`,
        headers: { cookie: c2, 'content-type': bad.contentType },
        payload: bad.payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Loại tệp không được chấp nhận. Chỉ nhận: PDF.');
      expect(res.body).toContain('value="777/QĐ-SVHTTDL"');
      const count = await t.platform.services.pool.query(`SELECT count(*)::int AS n FROM legal_documents WHERE number_symbol = '777/QĐ-SVHTTDL'`);
      expect(count.rows[0].n).toBe(0);

      const { csrf: csrf2, cookie: c3 } = await csrfFor(t.app, '/quan-tri/van-ban/moi', cookie);
      const good = multipart(fields, { field: 'pdf', filename: 'quyết-định-777.pdf', data: MINI_PDF, type: 'application/pdf' });
      const ok = await t.app.inject({
        method: 'POST',
        url: `/quan-tri/van-ban?_csrf=${encodeURIComponent(csrf2)}`,
        headers: { cookie: c3, 'content-type': good.contentType },
        payload: good.payload,
      });
      expect(ok.statusCode).toBe(302);
      const doc = (await t.platform.services.pool.query(`SELECT id FROM legal_documents WHERE number_symbol = '777/QĐ-SVHTTDL'`)).rows[0];
      const pdf = await get(`/van-ban/${doc.id}/tep`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const audit = await t.platform.services.pool.query(`SELECT action, actor_label FROM audit_log WHERE entity_id = $1`, [doc.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(['legal_document.create']);
      expect(audit.rows[0].actor_label).toBe('Hoàng Thu Biên');
    });

    it('a citizen cannot open the staff pages', async () => {
      const c = await loginCookies(t.app, 'congdan@vanhien.test');
      expect((await get('/quan-tri/van-ban', c)).statusCode).toBe(403);
      expect((await get('/quan-tri/trang', c)).statusCode).toBe(403);
    });

    it('an editor updates a mandatory page; the change is public at once and audited', async () => {
      const pool = t.platform.services.pool;
      const page = (await pool.query(`SELECT id, version FROM portal_pages WHERE slug = 'bao-cao-tai-chinh'`)).rows[0];
      const { csrf, cookie: c2 } = await csrfFor(t.app, `/quan-tri/trang/${page.id}`, cookie);
      const res = await t.app.inject({
        method: 'POST',
        url: `/quan-tri/trang/${page.id}`,
        headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrf,
          version: String(page.version),
          title: 'Báo cáo tài chính năm',
          bodyMarkdown: 'Quyết toán năm 2025 đã công bố. <script>alert(1)</script>',
        }).toString(),
      });
      expect(res.statusCode).toBe(302);
      const pub = (await get('/bao-cao-tai-chinh')).body;
      expect(pub).toContain('Quyết toán năm 2025 đã công bố.');
      expect(pub).not.toContain('<script>alert(1)');
      const audit = await pool.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [page.id]);
      expect(audit.rows.map((r) => r.action)).toContain('portal_page.update');
    });
  });

  describe('site search', () => {
    it('an empty query shows the form only', async () => {
      const res = await get('/tim-kiem');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('name="q"');
      expect(res.body).not.toContain('id="search-results"');
    });

    it('finds a news article, a procedure and a legal document typed without diacritics, with highlighted snippets', async () => {
      const news = (await get(`/tim-kiem?q=${encodeURIComponent('hoi nghi chuyen doi so')}`)).body;
      expect(news).toContain('href="/tin-tuc/');
      expect(news).toContain('<mark>Hội</mark> <mark>nghị</mark> <mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>');
      expect(news).toContain('Tin tức');

      const proc = (await get(`/tim-kiem?q=${encodeURIComponent('giay phep karaoke')}`)).body;
      expect(proc).toContain('href="/thu-tuc/DEMO.000101"');
      expect(proc).toContain('<mark>Giấy</mark> <mark>phép</mark>');
      expect(proc).toContain('Thủ tục hành chính');

      const doc = (await get(`/tim-kiem?q=${encodeURIComponent('di tich tu bo')}&loai=van-ban`)).body;
      expect(doc).toContain('140/QĐ-SVHTTDL');
      expect(doc).toContain('<mark>di</mark> <mark>tích</mark>');
      expect(doc).not.toContain('href="/tin-tuc/');

      const page = (await get(`/tim-kiem?q=${encodeURIComponent('tiep can thong tin')}`)).body;
      expect(page).toContain('href="/tiep-can-thong-tin"');
    });

    it('filters by date and refuses a bad date with a Vietnamese message', async () => {
      const in2025 = (await get(`/tim-kiem?q=${encodeURIComponent('ke hoach')}&loai=van-ban&tu=01/01/2025&den=31/12/2025`)).body;
      expect(in2025).toContain('1520/KH-UBND');
      expect(in2025).not.toContain('30/KH-SVHTTDL');
      const bad = await get(`/tim-kiem?q=x&tu=32/01/2026`);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Từ ngày không hợp lệ');
    });

    it('escapes markup in the query everywhere it is echoed', async () => {
      const payload = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
      for (const url of [`/tim-kiem?q=${encodeURIComponent(payload)}`, `/van-ban?q=${encodeURIComponent(payload)}`]) {
        const res = await get(url);
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain('<script>alert(1)');
        expect(res.body).not.toContain('<img src=x');
        expect(res.body).toContain('&lt;script');
      }
      // A match inside a title with markup characters stays text around the <mark>.
      const amp = (await get(`/tim-kiem?q=${encodeURIComponent('<mark>')}`)).body;
      expect(amp).not.toMatch(/<mark><mark>/);
    });
  });
});
