import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { ANONYMOUS, SYSTEM } from '../../../core/auth/actor.js';
import { addComment, addName, assignNames, createBatch, createObject, openConsultation, proposeName, recordConference, recordVote } from '../naming.commands.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON from the API
type Json = any;
const line = (pts: number[][]) => JSON.stringify({ type: 'LineString', coordinates: pts });
const daysAgo = (n: number) => new Date(Date.now() + 7 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

describe('naming', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 120_000);
  afterAll(async () => t?.close());
  const ctx = () => ({ services: t.platform.services, actor: SYSTEM });
  const count = async (table: string) => (await t.platform.services.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  it('demo: 150 objects, 200 names, a batch in consultation; the checks find the seeded problems', async () => {
    expect(await count('naming_objects')).toBe(150);
    expect(await count('naming_names')).toBe(200);
    const cookie = await loginCookies(t.app, 'chuyenvien@vanhien.test');
    const c = (await t.app.inject({ url: '/api/v1/naming/checks?khu=99101', headers: { cookie } })).json();
    expect(c.duplicates.length).toBeGreaterThanOrEqual(1);
    expect(c.spelling.map((r: Json) => r.names.sort().join('|'))).toContain('Hoa Phuong|Hoa Phượng');
    expect(c.samePerson.map((r: Json) => r.person)).toContain('Phan Châu Trinh');
    expect(c.lanes.map((r: Json) => r.names[0])).toEqual(['Hẻm Hoa Giấy']);
    expect((await t.app.inject({ url: '/api/v1/naming/checks' })).statusCode).toBe(401);
  });

  it('bad input: geometry outside the area or Vietnam, vote counts, early decision, a name assigned twice; nothing saved', async () => {
    await expect(createObject({ services: t.platform.services, actor: ANONYMOUS }, {})).rejects.toMatchObject({ code: 'CORE-200' });
    const before = await count('naming_objects');
    const outside = await createObject(ctx(), { kind: 'street', areaCode: '99101', geometry: line([[106.76, 10.97], [106.9, 10.97]]) }).catch((e) => e);
    expect(outside.fields.geometry.vi).toMatch(/Điểm 2 .* nằm ngoài ranh giới Phường Đông Thành/);
    const swapped = await createObject(ctx(), { kind: 'street', areaCode: '99101', geometry: line([[10.97, 106.76], [10.98, 106.77]]) }).catch((e) => e);
    expect(swapped.fields.geometry.vi).toMatch(/đảo ngược/);
    const abroad = await createObject(ctx(), { kind: 'street', areaCode: '99101', geometry: line([[100.5, 13.75], [100.51, 13.76]]) }).catch((e) => e);
    expect(abroad.fields.geometry.vi).toMatch(/điểm 1 .* nằm ngoài lãnh thổ Việt Nam/);
    expect(await count('naming_objects')).toBe(before);

    const o = await createObject(ctx(), { kind: 'street', areaCode: '99101', geometry: line([[106.76, 10.97], [106.765, 10.971]]), widthM: '8' });
    expect(o.lengthM).toBeGreaterThan(500);
    const n = await addName(ctx(), { name: 'Võ Trường Toản', nameClass: 'person', birthYear: '1709', deathYear: '1792', stature: 'national', meaning: 'Nhà giáo (nội dung thử).', sources: 'Gia Định thành thông chí' });
    const b = await createBatch(ctx(), { title: 'Đợt thử', areaCode: '99101' });
    const item = await proposeName(ctx(), b.id, { nameId: n.id, objectId: o.id });
    expect(item.warnings[0]!.vi).toMatch(/Quy mô chưa tương xứng/);
    const early = await recordConference(ctx(), b.id, { conferenceDate: daysAgo(0), minutes: 'x' }).catch((e) => e);
    expect(early.code).toBe('NAMING-150');
    await openConsultation(ctx(), b.id, { consultTo: daysAgo(-10) });
    await addComment({ services: t.platform.services, actor: ANONYMOUS }, b.code, { author: 'Người dân', body: 'Đồng ý.' });
    // The consultation ran its 30 days (the clock is moved back in the database).
    await t.platform.services.pool.query(`UPDATE naming_batches SET consult_from = $2, consult_to = $3 WHERE id = $1`, [b.id, daysAgo(40), daysAgo(10)]);
    await recordConference(ctx(), b.id, { conferenceDate: daysAgo(8), minutes: 'Các nhà khoa học thống nhất.' });
    const bad = await recordVote(ctx(), b.id, { voteDate: daysAgo(5), members: 15, present: 12, for: 9, against: 1, abstain: 1 }).catch((e) => e);
    expect(bad.code).toBe('NAMING-120');
    expect(bad.vi).toMatch(/không khớp.*11.*12/);
    const batchRow = async () => (await t.platform.services.pool.query('SELECT status, vote_for, decision_number FROM naming_batches WHERE id = $1', [b.id])).rows[0];
    expect(await batchRow()).toMatchObject({ vote_for: null }); // the refused vote left nothing
    const v = await recordVote(ctx(), b.id, { voteDate: daysAgo(5), members: 15, present: 12, for: 10, against: 1, abstain: 1 });
    expect(v.status).toBe('voted');
    const tooEarly = await assignNames(ctx(), b.id, { decisionNumber: '01/NQ-HĐND', decisionDate: daysAgo(12) }).catch((e) => e);
    expect(tooEarly.code).toBe('NAMING-130');
    expect(await batchRow()).toMatchObject({ status: 'voted', decision_number: null });
    await assignNames(ctx(), b.id, { decisionNumber: '01/NQ-HĐND', decisionDate: daysAgo(1) });
    const page = await t.app.inject({ url: `/ten-duong/${o.code}` });
    expect(page.body).toContain('Võ Trường Toản');
    expect(page.body).toContain('01/NQ-HĐND');
    expect(page.body).toContain('"@type":"Person"');
    // the same name again on another object → assigned twice
    const b2 = await createBatch(ctx(), { title: 'Đợt hai', areaCode: '99101' });
    const again = await proposeName(ctx(), b2.id, { nameId: n.id, objectId: o.id }).catch((e) => e);
    expect(again.code).toBe('NAMING-140');
  });

  it('public list: A–Z with Vietnamese collation, search without diacritics; GeoJSON is RFC 7946 and small', async () => {
    const list = await t.app.inject({ url: '/ten-duong?q=tran hung dao' });
    expect(list.body).toContain('Trần Hưng Đạo');
    const all = await t.app.inject({ url: '/ten-duong?khu=99101' });
    expect(all.body).toContain('id="ten-duong-svg"');
    const res = await t.app.inject({ url: '/api/v1/naming/objects.geojson?khu=99101' });
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    for (const f of fc.features as Json[]) {
      expect(f.type).toBe('Feature');
      expect(['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(f.properties).toHaveProperty('name');
      expect(f.properties).toHaveProperty('class');
      expect(f.properties).toHaveProperty('kind');
      expect(f.properties).toHaveProperty('decision');
      const pts: number[][] = f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates.flat(f.geometry.type === 'MultiPolygon' ? 2 : 1);
      for (const p of pts) expect(p[0]! > 102 && p[0]! < 118 && p[1]! > 6 && p[1]! < 24).toBe(true);
    }
    const gz = await t.app.inject({ url: '/api/v1/naming/objects.geojson?khu=99101', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.rawPayload.length).toBeLessThan(200 * 1024);
    const csv = await t.app.inject({ url: '/api/v1/naming/inventory.csv?khu=99101' });
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const qr = await t.app.inject({ url: '/ten-duong/TD-00001/qr.png' });
    expect(qr.headers['content-type']).toBe('image/png');
  });

  it('import: row-level errors and nothing saved; a good file is imported', async () => {
    // An API client authenticates with a Bearer token (a cookie-authenticated POST needs the CSRF token).
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'chuyenvien@vanhien.test', password: 'Demo@2026' } })).json().token as string;
    const auth = { authorization: `Bearer ${token}` };
    const before = await count('naming_objects');
    const feature = (name: string, pts: number[][]) => ({ type: 'Feature', properties: { kind: 'street', name, nameClass: 'noun', widthM: 8 }, geometry: { type: 'LineString', coordinates: pts } });
    const fc = { type: 'FeatureCollection', features: [feature('Đường Mới', [[106.76, 10.97], [106.761, 10.971]]), feature('Đường Xa', [[105.0, 10.97], [105.1, 10.971]])] };
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/naming/objects/import?khu=99101', headers: auth, payload: fc });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().rows[0]).toMatchObject({ row: 2 });
    expect(await count('naming_objects')).toBe(before);
    fc.features.pop();
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/naming/objects/import?khu=99101', headers: auth, payload: fc });
    expect(ok.json()).toEqual({ imported: 1 });
    expect(await count('naming_objects')).toBe(before + 1);
  });
});
