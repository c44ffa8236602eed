import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { createUser } from '../../../core/identity/identity.commands.js';
import { assignRole, createRole, setRolePermissions } from '../../../core/org/org.commands.js';
import { SYSTEM } from '../../../core/auth/actor.js';
import { saveProcedureVersion } from '../procedures.commands.js';
import { loadDemoProcedures } from '../procedures.demo.js';
import { toEditorValues } from '../procedures.formcodec.js';
import { findCurrentByCode, searchCurrent } from '../procedures.repository.js';

const DEMO_PROCEDURES = loadDemoProcedures();
const KARAOKE = DEMO_PROCEDURES.find((p) => p.name.includes('karaoke') && p.name.startsWith('Cấp'))!;

describe('procedure catalogue', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('seeds at least 20 demo procedures across every field', async () => {
    const res = await t.app.inject({ url: '/api/v1/procedures?limit=200' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: { field: string }[] };
    expect(body.total).toBeGreaterThanOrEqual(20);
    expect(new Set(body.items.map((i) => i.field)).size).toBe(9);
  });

  it('finds procedures without diacritics, and ranks exact-diacritic matches first', async () => {
    const plain = (await t.app.inject({ url: '/api/v1/procedures?q=giay%20phep%20karaoke' })).json() as { items: { name: string }[] };
    expect(plain.items.length).toBeGreaterThan(0);
    expect(plain.items[0]!.name).toContain('karaoke');
    const dd = (await t.app.inject({ url: `/api/v1/procedures?q=${encodeURIComponent('dang ky di vat')}` })).json() as { items: { name: string }[] };
    expect(dd.items.some((i) => i.name.includes('Đăng ký di vật'))).toBe(true);
    const exact = await searchCurrent(t.platform.services.db, '2026-11-25', { q: 'thẻ hướng dẫn viên' });
    expect(exact.rows.length).toBeGreaterThanOrEqual(3);
    expect(exact.rows[0]!.name.toLowerCase()).toContain('thẻ hướng dẫn viên');
    const page = await t.app.inject({ url: '/thu-tuc?q=huong+dan+vien' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('thẻ hướng dẫn viên du lịch');
  });

  it('filters by field and level', async () => {
    const partial = (await t.app.inject({ url: '/api/v1/procedures?level=partial&limit=200' })).json() as { items: { level: string }[] };
    expect(partial.items.length).toBeGreaterThanOrEqual(3);
    expect(partial.items.every((i) => i.level === 'partial')).toBe(true);
    const tourism = (await t.app.inject({ url: '/api/v1/procedures?field=du-lich' })).json() as { items: { field: string }[] };
    expect(tourism.items.every((i) => i.field === 'du-lich')).toBe(true);
    const bad = await t.app.inject({ url: '/api/v1/procedures?field=khong-co' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('problem+json');
  });

  it('shows a procedure with documents, fees, time and its e-form as JSON Schema', async () => {
    const api = await t.app.inject({ url: `/api/v1/procedures/${KARAOKE.code}` });
    expect(api.statusCode).toBe(200);
    const body = api.json();
    expect(body.processingDays).toBe(KARAOKE.processingDays);
    expect(body.formSchema.$schema).toContain('2020-12');
    expect(body.documents.length).toBe(KARAOKE.documents.length);
    const page = await t.app.inject({ url: `/thu-tuc/${KARAOKE.code}` });
    expect(page.body).toContain(KARAOKE.name);
    expect(page.body).toContain('Thành phần hồ sơ');
    expect(page.body).toContain(`${KARAOKE.processingDays} ngày làm việc`);
    expect(page.body).toMatch(/\d{1,3}(\.\d{3})* đ/);
    expect((await t.app.inject({ url: '/thu-tuc/KHONG.CO' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/procedures/KHONG.CO' })).statusCode).toBe(404);
  });

  it('keeps versions by effective date: a future version does not replace the one in force', async () => {
    const ctx = { services: t.platform.services, actor: SYSTEM };
    await saveProcedureVersion(ctx, { ...KARAOKE, processingDays: 4, workflow: KARAOKE.workflow.map((w, i) => (i === 1 ? { ...w, days: w.days - 1 } : w)), effectiveFrom: '2027-01-01' });
    const now = await findCurrentByCode(t.platform.services.db, KARAOKE.code, '2026-11-25');
    const later = await findCurrentByCode(t.platform.services.db, KARAOKE.code, '2027-01-02');
    expect(now!.processingDays).toBe(KARAOKE.processingDays);
    expect(later!.processingDays).toBe(4);
    expect(later!.version).toBe(now!.version + 1);
  });

  it('the staff editor refuses bad input in Vietnamese, keeps it, and saves a new version', async () => {
    // Administrators must pass TOTP; a staff user with only the catalogue permission edits here.
    const s = t.platform.services;
    const ctx = { services: s, actor: SYSTEM };
    const role = await createRole(ctx, { code: 'bien_tap_thu_tuc', name: 'Biên tập thủ tục' });
    await setRolePermissions(ctx, role.id, ['manage:procedure:all', 'view:workspace:all'], role.version);
    const user = await createUser(ctx, { email: 'thutuc@vanhien.test', fullName: 'Đỗ Văn Thủ Tục', kind: 'staff', password: 'Thu@tuc2026' });
    await assignRole(ctx, { userId: user.id, roleCode: 'bien_tap_thu_tuc' });
    const cookie = await loginCookies(t.app, 'thutuc@vanhien.test', 'Thu@tuc2026');

    const list = await t.app.inject({ url: '/quan-tri/thu-tuc', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const url = `/quan-tri/thu-tuc/${KARAOKE.code}/phien-ban-moi`;
    const { csrf, cookie: c2 } = await csrfFor(t.app, url, cookie);
    const current = (await findCurrentByCode(s.db, KARAOKE.code, '2026-11-25'))!;
    const values = { ...toEditorValues(current), processingDays: 'năm', form: '{ hỏng', effectiveFrom: '31/02/2027', name: 'Tên giữ lại' };
    const bad = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, ...values }).toString(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Có lỗi cần sửa');
    expect(bad.body).toContain('không phải JSON hợp lệ');
    expect(bad.body).toContain('value="Tên giữ lại"');

    const good = { ...toEditorValues(current), effectiveFrom: '01/03/2027', fees: 'Phí thẩm định | 2.000.000 | tại đô thị loại I' };
    const ok = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, ...good }).toString(),
    });
    expect(ok.statusCode).toBe(302);
    const v = (await findCurrentByCode(s.db, KARAOKE.code, '2027-03-01'))!;
    expect(v.fees).toEqual([{ name: 'Phí thẩm định', amount: 2_000_000, note: 'tại đô thị loại I' }]);
    const audit = await s.pool.query(`SELECT action, actor_label FROM audit_log WHERE entity = 'procedure' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [KARAOKE.code]);
    expect(audit.rows[0]).toEqual({ action: 'procedure.new_version', actor_label: 'Đỗ Văn Thủ Tục' });

    const citizen = await loginCookies(t.app, 'congdan@vanhien.test');
    expect((await t.app.inject({ url: '/quan-tri/thu-tuc', headers: { cookie: citizen } })).statusCode).toBe(403);
  });
});
