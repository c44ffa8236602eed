import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { adminUnitsValidAt, compareAdminUnits, getAdminUnit, listAdminUnits, predecessorsOf, successorsAt } from '../index.js';
import { loadDemoPlaces, placesRows } from '../places.demo.js';

describe('places data (pure)', () => {
  it('derives successors from the predecessor lists, districts included', () => {
    const rows = placesRows(loadDemoPlaces(), true);
    const by = new Map(rows.map((r) => [r.code, r]));
    // Phường Bến Đò and Chợ Cũ (Đông Thành city) became Phường Đông Thành.
    expect(by.get('99001')!.successorCodes).toEqual(['99101']);
    // Xã Tây Hòa was split between Phường Bình An and Xã Tây Phú.
    expect(by.get('99012')!.successorCodes).toEqual(['99108', '99109']);
    // The district ended on 30/06/2025; its wards went into six new wards.
    expect(by.get('991')!.successorCodes).toHaveLength(6);
    expect(rows.every((r) => r.isDemo)).toBe(true);
  });

  it('rejects a predecessor still in force, or an unknown code', () => {
    const base = { code: '1', name: 'Xã Một', nameEn: 'Một Commune', level: 'commune' as const, validFrom: '2008-01-01' };
    expect(() => placesRows({ units: [base, { ...base, code: '2', validFrom: '2025-07-01', predecessors: ['1'] }] }, false)).toThrow(/still in force/);
    expect(() => placesRows({ units: [{ ...base, predecessors: ['9'] }] }, false)).toThrow(/unknown predecessor/);
    expect(() => placesRows({ units: [{ ...base, parentCode: '9' }] }, false)).toThrow(/unknown parent/);
  });

  it('sorts in Vietnamese order on the proper name, whatever the kind of unit', () => {
    const names = ['Xã Đông Hòa', 'Phường Dương Minh', 'Xã Ân Thạnh', 'Phường An Lạc', 'Xã Ấp Bắc', 'Đặc khu Bãi Dài', 'Xã Ăn Mày'];
    const sorted = names.map((name, i) => ({ name, code: String(i) })).sort(compareAdminUnits);
    expect(sorted.map((u) => u.name)).toEqual([
      'Phường An Lạc',
      'Xã Ăn Mày',
      'Xã Ân Thạnh',
      'Xã Ấp Bắc',
      'Đặc khu Bãi Dài',
      'Phường Dương Minh',
      'Xã Đông Hòa',
    ]);
  });
});

describe('places (database, API, staff page)', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('lists three tiers before 1 July 2025 and two tiers from that day', async () => {
    const db = t.platform.services.db;
    const before = await adminUnitsValidAt(db, '2025-06-30');
    const after = await adminUnitsValidAt(db, '2025-07-01');
    expect(before.filter((u) => u.level === 'district')).toHaveLength(8);
    expect(before.filter((u) => u.level !== 'province' && u.level !== 'district')).toHaveLength(50);
    expect(after.filter((u) => u.level === 'district')).toHaveLength(0);
    expect(after.filter((u) => u.level !== 'province')).toHaveLength(31);
    expect(after.find((u) => u.level === 'special_zone')?.name).toBe('Đặc khu Hòn Ngọc');
    // the list is in Vietnamese order of the proper names
    expect([...after].sort(compareAdminUnits).map((u) => u.code)).toEqual(after.map((u) => u.code));
    const wards = await listAdminUnits(db, { at: '2026-01-01', level: 'ward', parentCode: '99' });
    expect(wards.map((u) => u.name).slice(0, 3)).toEqual(['Phường An Lạc', 'Phường Bình An', 'Phường Cảng Biển']);
    expect((await listAdminUnits(db, { parentCode: '991' })).length).toBe(8);
    expect((await listAdminUnits(db)).length).toBe(90);
  });

  it('follows an old unit to the unit(s) it became', async () => {
    const db = t.platform.services.db;
    expect((await successorsAt(db, '99001', '2026-01-01')).map((u) => u.name)).toEqual(['Phường Đông Thành']);
    expect((await successorsAt(db, '99001', '2025-06-30')).map((u) => u.code)).toEqual(['99001']); // still itself that day
    expect((await successorsAt(db, '99012', '2026-01-01')).map((u) => u.name)).toEqual(['Phường Bình An', 'Xã Tây Phú']);
    expect((await successorsAt(db, '99101', '2020-01-01')).length).toBe(0); // did not exist yet
    expect((await successorsAt(db, '998', '2025-07-01')).map((u) => u.name)).toEqual(['Đặc khu Hòn Ngọc']);
    expect((await predecessorsOf(db, '99131')).map((u) => u.name)).toEqual(['Xã Đảo Yến', 'Xã Ghềnh Đá', 'Xã Hòn Ngọc']);
    expect((await getAdminUnit(db, '99'))?.validTo).toBeNull();
    expect(await getAdminUnit(db, 'nope')).toBeUndefined();
  });

  it('serves GET /api/v1/places at a date, cacheable, in OpenAPI', async () => {
    const res = await t.app.inject({ url: '/api/v1/places?at=2024-05-01&level=district' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const body = res.json() as { at: string; count: number; units: { name: string; validTo: string }[] };
    expect(body.count).toBe(8);
    expect(body.units[0]).toMatchObject({ name: 'Huyện An Điền', validTo: '2025-06-30' });
    const again = await t.app.inject({ url: '/api/v1/places?at=2024-05-01&level=district', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const today = (await t.app.inject({ url: '/api/v1/places?level=commune,ward,special_zone' })).json() as { count: number };
    expect(today.count).toBe(31);
    const bad = await t.app.inject({ url: '/api/v1/places?at=2025-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('PLACES-100');
    expect((await t.app.inject({ url: '/api/v1/places?level=county' })).statusCode).toBe(400);
    const one = (await t.app.inject({ url: '/api/v1/places/99012?at=2026-01-01' })).json() as { successorsAt: { code: string }[] };
    expect(one.successorsAt.map((u) => u.code)).toEqual(['99108', '99109']);
    expect((await t.app.inject({ url: '/api/v1/places/khong-co' })).json().code).toBe('PLACES-404');
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/places', '/api/v1/places/{code}']));
  });

  it('shows staff the units at a date, with predecessors and successors', async () => {
    expect((await t.app.inject({ url: '/quan-tri/don-vi-hanh-chinh' })).statusCode).not.toBe(200);
    const cookie = await loginCookies(t.app, 'chuyenvien@vanhien.test');
    const old = await t.app.inject({ url: '/quan-tri/don-vi-hanh-chinh?ngay=30%2F06%2F2025', headers: { cookie } });
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('Cấp huyện (8)');
    expect(old.body).toContain('Huyện đảo Hòn Ngọc');
    const now = await t.app.inject({ url: '/quan-tri/don-vi-hanh-chinh?ngay=01%2F07%2F2025&cap=special_zone', headers: { cookie } });
    expect(now.body).not.toContain('Cấp huyện');
    expect(now.body).toContain('Xã Đảo Yến, Xã Ghềnh Đá, Xã Hòn Ngọc');
    const bad = await t.app.inject({ url: '/quan-tri/don-vi-hanh-chinh?ngay=31%2F02%2F2025', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ngày không hợp lệ');
  });
});
