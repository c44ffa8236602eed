import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { ANONYMOUS, SYSTEM } from '../../../core/auth/actor.js';
import { createArtefact, openLoan, recordMovement } from '../heritage.artefacts.js';
import { addPractitioner, createIntangible } from '../heritage.intangible.js';
import { englishPath, pairOf, vietnamesePath } from '../heritage.urls.js';

describe('heritage URLs in two languages (no database)', () => {
  it('pairs every public page with its English twin, keeping codes and queries', () => {
    expect(englishPath('/di-san')).toBe('/en/heritage');
    expect(englishPath('/di-san/di-tich/DT-0001')).toBe('/en/heritage/relics/DT-0001');
    expect(englishPath('/di-san/ban-do?di-tich=DT-0001')).toBe('/en/heritage/map?di-tich=DT-0001');
    expect(vietnamesePath('/en/heritage/zone-check')).toBe('/di-san/kiem-tra-vung-bao-ve');
    expect(pairOf('/en/heritage/artefacts/abc')).toEqual({ vi: '/di-san/hien-vat/abc', en: '/en/heritage/artefacts/abc' });
    expect(pairOf('/quan-tri/di-san')).toBeUndefined();
    expect(englishPath('/di-sandbox')).toBeUndefined();
  });
});

describe('artefacts', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());
  const ctx = () => ({ services: t.platform.services, actor: SYSTEM });

  it('checks permission first; loans need a borrower, an agreement and a later return date; one loan at a time', async () => {
    await expect(createArtefact({ services: t.platform.services, actor: ANONYMOUS }, { inventoryNumber: 'X-1', name: 'x' })).rejects.toMatchObject({ code: 'CORE-200' });
    const a = await createArtefact(ctx(), { inventoryNumber: 'btt-9001', name: 'Bình gốm thử', location: 'Kho A', inventoriedOn: '02/01/2024' });
    expect(a.inventoryNumber).toBe('BTT-9001');
    await expect(createArtefact(ctx(), { inventoryNumber: 'BTT-9001', name: 'Trùng' })).rejects.toMatchObject({ code: 'CORE-100', fields: { inventoryNumber: expect.anything() } });
    const bad = await recordMovement(ctx(), a.id, { kind: 'loan_out', movedOn: '10/03/2025', dueBackOn: '01/03/2025' }).catch((e) => e);
    expect(Object.keys(bad.fields).sort()).toEqual(['counterparty', 'dueBackOn', 'reference']);
    await expect(recordMovement(ctx(), a.id, { kind: 'loan_return', movedOn: '10/03/2025' })).rejects.toMatchObject({ code: 'HERITAGE-131' });
    await recordMovement(ctx(), a.id, { kind: 'loan_out', movedOn: '10/03/2025', dueBackOn: '10/06/2025', counterparty: 'Bảo tàng Lịch sử quốc gia', reference: 'HĐ 12/2025' });
    await expect(recordMovement(ctx(), a.id, { kind: 'loan_out', movedOn: '11/03/2025', dueBackOn: '10/06/2025', counterparty: 'Khác', reference: 'x' })).rejects.toMatchObject({ code: 'HERITAGE-131' });
    const loc = async () => (await t.platform.services.pool.query('SELECT location FROM heritage_artefacts WHERE id = $1', [a.id])).rows[0].location;
    expect(await loc()).toBe('Cho mượn: Bảo tàng Lịch sử quốc gia');
    const staff = await loginCookies(t.app, 'chuyenvien.qlds@vanhien.test');
    const list = await t.app.inject({ url: '/quan-tri/di-san/hien-vat', headers: { cookie: staff } });
    expect(list.body).toContain('Hiện vật cho mượn đã quá hạn trả');
    await recordMovement(ctx(), a.id, { kind: 'loan_return', movedOn: '05/06/2025' });
    expect(await loc()).toBe('Kho A');
    const hist = await t.platform.services.pool.query('SELECT kind FROM heritage_artefact_movements WHERE artefact_id = $1 ORDER BY created_at', [a.id]);
    expect(hist.rows.map((r) => r.kind)).toEqual(['loan_out', 'loan_return']);
    expect(openLoan([])).toBeUndefined();
  });

  it('an officer records an artefact with a photo; hidden until approved; public in Vietnamese and English with hreflang', async () => {
    const cookie = await loginCookies(t.app, 'chuyenvien.qlds@vanhien.test');
    const { csrf, cookie: c } = await csrfFor(t.app, '/quan-tri/di-san/hien-vat/moi', cookie);
    const post = (url: string, fields: Record<string, string>, ck = c, token = csrf) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: ck, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...fields }).toString() });
    const bad = await post('/quan-tri/di-san/hien-vat/moi', { inventoryNumber: 'BTT 9002 !', name: '', material: 'đồng', inventoriedOn: '31/02/2024' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Số kiểm kê chỉ gồm chữ, số');
    expect(bad.body).toContain('Ngày kiểm kê không hợp lệ');
    expect(bad.body).toContain('value="đồng"');
    const ok = await post('/quan-tri/di-san/hien-vat/moi', { inventoryNumber: 'BTT-9002', name: 'Lư hương đồng thử', material: 'đồng', dating: 'Thế kỷ XIX', holder: 'Bảo tàng tỉnh', location: 'Phòng trưng bày 2', inventoriedOn: '15/03/2024' });
    expect(ok.statusCode).toBe(302);
    const id = ok.headers.location!.split('/').pop()!;
    const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#864' } }).png().toBuffer();
    const b = '----vhart';
    const payload = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nLư hương nhìn nghiêng\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const up = await t.app.inject({ method: 'POST', url: `/quan-tri/di-san/hien-vat/${id}/anh?_csrf=${encodeURIComponent(csrf)}`, headers: { cookie: c, 'content-type': `multipart/form-data; boundary=${b}` }, payload });
    expect(up.statusCode).toBe(302);
    const img = (await t.platform.services.pool.query('SELECT image_id FROM heritage_artefacts WHERE id = $1', [id])).rows[0].image_id;
    expect(img).toBeTruthy();
    // Not approved: hidden from the public (page and photo); the officer sees a preview.
    expect((await t.app.inject({ url: `/di-san/hien-vat/${id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/iiif/3/${img}/info.json` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/di-san/hien-vat/${id}`, headers: { cookie: c } })).statusCode).toBe(200);
    // An officer cannot approve; the head of division can.
    expect((await post(`/quan-tri/di-san/hien-vat/${id}/cong-bo`, {})).statusCode).toBe(403);
    const head = await loginCookies(t.app, 'truongphong.qlds@vanhien.test');
    const h = await csrfFor(t.app, `/quan-tri/di-san/hien-vat/${id}`, head);
    expect((await post(`/quan-tri/di-san/hien-vat/${id}/cong-bo`, {}, h.cookie, h.csrf)).statusCode).toBe(302);
    const vi = await t.app.inject({ url: `/di-san/hien-vat/${id}` });
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain('Lư hương đồng thử');
    expect(vi.body).toContain('15/03/2024');
    expect(vi.body).toMatch(/hreflang="en" href="[^"]*\/en\/heritage\/artefacts\//i);
    expect((await t.app.inject({ url: `/iiif/3/${img}/info.json` })).statusCode).toBe(200);
    const en = await t.app.inject({ url: `/en/heritage/artefacts/${id}` });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('Inventory number');
    expect(en.body).toContain('lang="en"');
    expect((await t.app.inject({ url: '/di-san/hien-vat?q=lu huong' })).body).toContain('Lư hương đồng thử');
    // An edit takes it offline until approved again.
    const edit = await post(`/quan-tri/di-san/hien-vat/${id}`, { inventoryNumber: 'BTT-9002', name: 'Lư hương đồng thử (sửa)', inventoriedOn: '15/03/2024' });
    expect(edit.statusCode).toBe(302);
    expect((await t.app.inject({ url: `/di-san/hien-vat/${id}` })).statusCode).toBe(404);
    const audit = await t.platform.services.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['heritage.artefact_create', 'heritage.artefact_photo', 'heritage.artefact_publish', 'heritage.artefact_update']);
  });

  it('the English relic pages answer with English labels and hreflang pairs', async () => {
    const inv = await t.app.inject({ url: '/en/heritage' });
    expect(inv.statusCode).toBe(200);
    expect(inv.body).toContain('relic inventory');
    expect(inv.body).toMatch(/hreflang="vi" href="[^"]*\/di-san"/i);
    const code = /href="\/en\/heritage\/relics\/([A-Z0-9-]+)"/.exec(inv.body)?.[1];
    expect(code).toBeTruthy();
    const relic = await t.app.inject({ url: `/en/heritage/relics/${code}` });
    expect(relic.statusCode).toBe(200);
    expect(relic.body).toMatch(/hreflang="vi" href="[^"]*\/di-san\/di-tich\//i);
    expect((await t.app.inject({ url: '/en/heritage/map' })).statusCode).toBe(200);
    const check = await t.app.inject({ url: '/en/heritage/zone-check?lat=1&lng=2' });
    expect(check.statusCode).toBe(400);
    expect(check.body).toContain('lang="en"');
  });

  it('intangible heritage: practitioners with their titles; hidden until approved; public in both languages', async () => {
    await expect(createIntangible({ services: t.platform.services, actor: ANONYMOUS }, { name: 'x', kind: 'festival' })).rejects.toMatchObject({ code: 'CORE-200' });
    const el = await createIntangible(ctx(), { name: 'Lễ hội Cầu Ngư thử', kind: 'festival', area: 'Xã ven biển (minh họa)', season: 'Tháng Giêng âm lịch' });
    expect(el.code).toMatch(/^PVT-\d{4}$/);
    const bad = await addPractitioner(ctx(), el.id, { fullName: '', title: 'nghe_nhan_uu_tu', birthYear: '1950', titleYear: '1940' }).catch((e) => e);
    expect(Object.keys(bad.fields).sort()).toEqual(['fullName', 'titleDecision', 'titleYear']);
    await addPractitioner(ctx(), el.id, { fullName: 'Nguyễn Văn Thử', birthYear: '1950', title: 'nghe_nhan_uu_tu', titleYear: '2019', titleDecision: '2019/QĐ-CTN (minh họa)' });
    expect((await t.app.inject({ url: `/di-san/phi-vat-the/${el.code}` })).statusCode).toBe(404);
    const head = await loginCookies(t.app, 'truongphong.qlds@vanhien.test');
    const h = await csrfFor(t.app, `/quan-tri/di-san/phi-vat-the/${el.code}`, head);
    const pub = await t.app.inject({ method: 'POST', url: `/quan-tri/di-san/phi-vat-the/${el.code}/cong-bo`, headers: { cookie: h.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: h.csrf }).toString() });
    expect(pub.statusCode).toBe(302);
    const vi = await t.app.inject({ url: `/di-san/phi-vat-the/${el.code}` });
    expect(vi.body).toContain('Nghệ nhân Ưu tú');
    expect(vi.body).toContain('Nguyễn Văn Thử');
    const en = await t.app.inject({ url: `/en/heritage/intangible/${el.code}` });
    expect(en.body).toContain('Meritorious Artisan');
    expect((await t.app.inject({ url: '/di-san/phi-vat-the?loai=festival' })).body).toContain('Lễ hội Cầu Ngư thử');
  });
});
