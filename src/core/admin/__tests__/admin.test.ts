import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { csrfFor, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM } from '../../auth/actor.js';
import { createUser } from '../../identity/identity.commands.js';
import { assignRole, createRole, setRolePermissions } from '../../org/org.commands.js';

let ipCounter = 10;

/** Logs in through the real form; each login comes from its own address so the per-address
 * rate limit of the login route does not interfere with the test. */
async function login(app: FastifyInstance, email: string, password = 'Demo@2026'): Promise<string> {
  const remoteAddress = `10.0.0.${ipCounter++}`;
  const page = await app.inject({ method: 'GET', url: '/dang-nhap', remoteAddress });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const jar = new Map<string, string>();
  for (const c of page.cookies) jar.set(c.name, c.value);
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await app.inject({
    method: 'POST',
    url: '/dang-nhap',
    remoteAddress,
    headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  if (res.statusCode !== 302) throw new Error(`login failed for ${email}: ${res.statusCode}`);
  for (const c of res.cookies) jar.set(c.name, c.value);
  return header();
}

describe('admin: users, organisation, roles', () => {
  let t: TestPlatform;
  let manager: string;
  let managerId: string;
  const sys = () => ({ services: t.platform.services, actor: SYSTEM });

  async function post(url: string, cookie: string, fields: Record<string, string | string[]>) {
    const { csrf, cookie: c } = await csrfFor(t.app, '/dang-nhap', cookie);
    const params = new URLSearchParams({ _csrf: csrf });
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    return t.app.inject({ method: 'POST', url, headers: { cookie: c, 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() });
  }

  /** Follows a post-redirect-get with the cookies the POST set (the flash message). */
  async function follow(res: { headers: Record<string, unknown>; cookies: { name: string; value: string }[] }, cookie: string) {
    const jar = new Map(cookie.split('; ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]));
    for (const c of res.cookies) jar.set(c.name, c.value);
    return t.app.inject({ url: String(res.headers.location), headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
  }

  async function staff(email: string, fullName: string) {
    return createUser(sys(), { email, fullName, kind: 'staff', password: 'Demo@2026' });
  }

  async function version(userId: string): Promise<number> {
    const { rows } = await t.platform.services.pool.query('SELECT version FROM users WHERE id = $1', [userId]);
    return rows[0].version as number;
  }

  beforeAll(async () => {
    t = await startTestPlatform();
    // admin@vanhien.test must enrol TOTP; a manager without admin:system:all logs in with a password.
    const role = await createRole(sys(), { code: 'user_manager', name: 'Quản lý người dùng' });
    await setRolePermissions(sys(), role.id, ['manage:user:all', 'manage:org:all', 'manage:role:all', 'view:workspace:all'], role.version);
    const user = await staff('nguoiquanly@vanhien.test', 'Đỗ Thị Quản Lý');
    managerId = user.id;
    await assignRole(sys(), { userId: user.id, roleCode: 'user_manager' });
    manager = await login(t.app, 'nguoiquanly@vanhien.test');
  });
  afterAll(async () => t?.close());

  it('lists accounts with kind, status and roles, and filters by kind', async () => {
    const res = await t.app.inject({ url: '/quan-tri/nguoi-dung', headers: { cookie: manager } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('admin@vanhien.test');
    expect(res.body).toContain('congdan@vanhien.test');
    expect(res.body).toContain('Cán bộ, công chức');
    expect(res.body).toContain('Công dân, doanh nghiệp');
    expect(res.body).toContain('Đang hoạt động');
    expect(res.body).toContain('Quản trị hệ thống');
    expect(res.body).toContain('<th scope="col">');
    expect(res.body).toBe(res.body.normalize('NFC'));

    const citizens = await t.app.inject({ url: '/quan-tri/nguoi-dung?kind=citizen', headers: { cookie: manager } });
    expect(citizens.statusCode).toBe(200);
    expect(citizens.body).toContain('congdan@vanhien.test');
    expect(citizens.body).not.toContain('admin@vanhien.test');

    const en = await t.app.inject({ url: '/quan-tri/nguoi-dung', headers: { cookie: `${manager}; lang=en` } });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Create a staff account');
    expect(en.body).toContain('Citizen or business');
    const rolesEn = await t.app.inject({ url: '/quan-tri/vai-tro', headers: { cookie: `${manager}; lang=en` } });
    expect(rolesEn.body).toContain('Edit the permissions of each role');
    const orgEn = await t.app.inject({ url: '/quan-tri/to-chuc', headers: { cookie: `${manager}; lang=en` } });
    expect(orgEn.body).toContain('Agencies, units and positions');
    expect(orgEn.body).toContain('Tourism Division');
  });

  it('re-renders the create form with Vietnamese errors, keeping the input but not the password', async () => {
    const res = await post('/quan-tri/nguoi-dung', manager, { fullName: 'Ngô Văn Giữ Lại', email: 'khong-hop-le', phone: '12', password: 'ngan' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Có lỗi cần sửa');
    expect(res.body).toContain('Địa chỉ thư điện tử không đúng định dạng');
    expect(res.body).toContain('Số điện thoại không đúng định dạng');
    expect(res.body).toContain('Mật khẩu phải có ít nhất 8 ký tự.');
    expect(res.body).toContain('value="Ngô Văn Giữ Lại"');
    expect(res.body).toContain('value="khong-hop-le"');
    expect(res.body).not.toContain('value="ngan"');
    expect(res.body).toContain('aria-invalid="true"');

    const empty = await post('/quan-tri/nguoi-dung', manager, { fullName: '', email: '', password: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Vui lòng nhập họ và tên.');
    expect(empty.body).toContain('Vui lòng nhập thư điện tử.');

    const dup = await post('/quan-tri/nguoi-dung', manager, { fullName: 'Trùng Lặp', email: 'admin@vanhien.test', password: 'Khac#2026x' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('Thư điện tử này đã được đăng ký.');
  });

  it('creates a staff account (post-redirect-get) and writes an audit row', async () => {
    const res = await post('/quan-tri/nguoi-dung', manager, { fullName: 'Bùi Thị Mới', email: 'canbomoi@vanhien.test', phone: '0912 345 679', password: 'Matkhau#2026' });
    expect(res.statusCode).toBe(302);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/quan-tri\/nguoi-dung\/[0-9a-f-]{36}$/);
    const { rows } = await t.platform.services.pool.query(`SELECT id, kind FROM users WHERE email = 'canbomoi@vanhien.test'`);
    expect(rows[0].kind).toBe('staff');
    const audit = await t.platform.services.pool.query(`SELECT action, actor_id FROM audit_log WHERE entity = 'user' AND entity_id = $1`, [rows[0].id]);
    expect(audit.rows).toEqual([{ action: 'user.create', actor_id: managerId }]);

    const page = await follow(res, manager);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bùi Thị Mới');
    expect(page.body).toContain('Đã tạo tài khoản canbomoi@vanhien.test');
    // the new person can sign in
    await login(t.app, 'canbomoi@vanhien.test', 'Matkhau#2026');
  });

  it('refuses citizens (403) and sends anonymous visitors to the login page', async () => {
    const citizen = await login(t.app, 'congdan@vanhien.test');
    for (const url of ['/quan-tri/nguoi-dung', '/quan-tri/to-chuc', '/quan-tri/vai-tro']) {
      const res = await t.app.inject({ url, headers: { cookie: citizen } });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Bạn không có quyền');
    }
    const denied = await post('/quan-tri/nguoi-dung', citizen, { fullName: 'X', email: 'x@vanhien.test', password: 'Matkhau#2026' });
    expect(denied.statusCode).toBe(403);

    const anon = await t.app.inject({ url: '/quan-tri/nguoi-dung' });
    expect(anon.statusCode).toBe(302);
    expect(anon.headers.location).toBe('/dang-nhap?next=%2Fquan-tri%2Fnguoi-dung');
  });

  it('answers 404 for a malformed or unknown account id', async () => {
    expect((await t.app.inject({ url: '/quan-tri/nguoi-dung/khong-phai-uuid', headers: { cookie: manager } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/quan-tri/nguoi-dung/00000000-0000-4000-8000-000000000000', headers: { cookie: manager } })).statusCode).toBe(404);
    expect((await post('/quan-tri/nguoi-dung/abc/trang-thai', manager, { status: 'disabled', version: '1' })).statusCode).toBe(404);
  });

  it('disabling an account ends its session at once and is audited; a stale version is a conflict', async () => {
    const victim = await staff('bivohieu@vanhien.test', 'Trịnh Văn Tạm Dừng');
    const cookie = await login(t.app, 'bivohieu@vanhien.test');
    expect((await t.app.inject({ url: '/tai-khoan', headers: { cookie } })).statusCode).toBe(200);

    const detail = await t.app.inject({ url: `/quan-tri/nguoi-dung/${victim.id}`, headers: { cookie: manager } });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Vô hiệu hóa tài khoản');
    expect(detail.body).toContain(`name="version" value="${victim.version}"`);

    const res = await post(`/quan-tri/nguoi-dung/${victim.id}/trang-thai`, manager, { status: 'disabled', version: String(victim.version) });
    expect(res.statusCode).toBe(302);

    // the victim's very next request is anonymous
    const after = await t.app.inject({ url: '/tai-khoan', headers: { cookie } });
    expect(after.statusCode).toBe(302);
    expect(after.headers.location).toContain('/dang-nhap');
    const home = await t.app.inject({ url: '/', headers: { cookie } });
    expect(home.body).not.toContain('Trịnh Văn Tạm Dừng');

    const audit = await t.platform.services.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'user.disable'`, [victim.id]);
    expect(audit.rows).toHaveLength(1);

    const page = await t.app.inject({ url: `/quan-tri/nguoi-dung/${victim.id}`, headers: { cookie: manager } });
    expect(page.body).toContain('Đã vô hiệu hóa');
    expect(page.body).toContain('Kích hoạt lại tài khoản');

    // the old version again: someone changed it meanwhile
    const stale = await post(`/quan-tri/nguoi-dung/${victim.id}/trang-thai`, manager, { status: 'active', version: String(victim.version) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Dữ liệu đã được người khác thay đổi');
    expect(await version(victim.id)).toBe(victim.version + 1);

    // with the current version it works, and the account can sign in again
    const ok = await post(`/quan-tri/nguoi-dung/${victim.id}/trang-thai`, manager, { status: 'active', version: String(victim.version + 1) });
    expect(ok.statusCode).toBe(302);
    await login(t.app, 'bivohieu@vanhien.test');

    // the manager cannot disable their own account
    const selfRes = await post(`/quan-tri/nguoi-dung/${managerId}/trang-thai`, manager, { status: 'disabled', version: String(await version(managerId)) });
    expect(selfRes.statusCode).toBe(400);
    expect(selfRes.body).toContain('Bạn không thể tự vô hiệu hóa tài khoản của mình.');
  });

  it('role permissions edited in the matrix change what a user can do; stale version conflicts', async () => {
    // a new role through the form
    const bad = await post('/quan-tri/vai-tro', manager, { code: 'Sai Mã', name: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vui lòng nhập tên vai trò.');
    expect(bad.body).toContain('Mã vai trò chỉ gồm chữ thường');
    expect(bad.body).toContain('value="Sai Mã"');
    const created = await post('/quan-tri/vai-tro', manager, { code: 'xem_nhat_ky', name: 'Xem nhật ký', description: 'Thử nghiệm' });
    expect(created.statusCode).toBe(302);
    const role = (await t.platform.services.pool.query(`SELECT id, version FROM roles WHERE code = 'xem_nhat_ky'`)).rows[0] as { id: string; version: number };

    const rolesPage = await t.app.inject({ url: '/quan-tri/vai-tro', headers: { cookie: manager } });
    expect(rolesPage.statusCode).toBe(200);
    expect(rolesPage.body).toContain('<fieldset>');
    expect(rolesPage.body).toContain('<legend>');
    expect(rolesPage.body).toContain(`action="/quan-tri/vai-tro/${role.id}"`);
    expect(rolesPage.body).toContain('Xem nhật ký hệ thống');

    // a staff member gets the role through the user page
    const clerk = await staff('xemnhatky@vanhien.test', 'Lý Thị Kiểm Tra');
    const assign = await post(`/quan-tri/nguoi-dung/${clerk.id}/vai-tro`, manager, { roleCode: 'xem_nhat_ky', unitId: '', positionCode: 'chuyen_vien' });
    expect(assign.statusCode).toBe(302);
    const badAssign = await post(`/quan-tri/nguoi-dung/${clerk.id}/vai-tro`, manager, { roleCode: '', unitId: 'khong-co', positionCode: '' });
    expect(badAssign.statusCode).toBe(400);
    expect(badAssign.body).toContain('Vui lòng chọn vai trò.');

    const cookie = await login(t.app, 'xemnhatky@vanhien.test');
    expect((await t.app.inject({ url: '/quan-tri/nhat-ky', headers: { cookie } })).statusCode).toBe(403);

    const save = await post(`/quan-tri/vai-tro/${role.id}`, manager, { version: String(role.version), permissions: ['view:audit:all', 'view:workspace:all'] });
    expect(save.statusCode).toBe(302);
    expect((await t.app.inject({ url: '/quan-tri/nhat-ky', headers: { cookie } })).statusCode).toBe(200);
    const audit = await t.platform.services.pool.query(`SELECT summary FROM audit_log WHERE entity_id = $1 AND action = 'role.set_permissions'`, [role.id]);
    expect(audit.rows[0].summary.after).toEqual(['view:audit:all', 'view:workspace:all']);

    // the same (now stale) version again
    const stale = await post(`/quan-tri/vai-tro/${role.id}`, manager, { version: String(role.version), permissions: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Dữ liệu đã được người khác thay đổi');
    expect((await t.app.inject({ url: '/quan-tri/nhat-ky', headers: { cookie } })).statusCode).toBe(200);

    const unknown = await post(`/quan-tri/vai-tro/${role.id}`, manager, { version: String(role.version + 1), permissions: ['khong:co:quyen'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Quyền không tồn tại: khong:co:quyen');

    // ending the assignment takes the permission away again
    const detail = await t.app.inject({ url: `/quan-tri/nguoi-dung/${clerk.id}`, headers: { cookie: manager } });
    expect(detail.body).toContain('Xem nhật ký');
    expect(detail.body).toContain('Đang hiệu lực');
    const assignmentId = /\/vai-tro\/([0-9a-f-]{36})\/ket-thuc/.exec(detail.body)![1]!;
    const end = await post(`/quan-tri/nguoi-dung/${clerk.id}/vai-tro/${assignmentId}/ket-thuc`, manager, {});
    expect(end.statusCode).toBe(302);
    expect((await t.app.inject({ url: '/quan-tri/nhat-ky', headers: { cookie } })).statusCode).toBe(403);
    // It started today, so ending it removes it (a range cannot end before it starts); the audit keeps it.
    const again = await post(`/quan-tri/nguoi-dung/${clerk.id}/vai-tro/${assignmentId}/ket-thuc`, manager, {});
    expect(again.statusCode).toBe(404);
    const ended = await t.platform.services.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'role.%' ORDER BY id`, [clerk.id]);
    expect(ended.rows.map((r) => r.action)).toEqual(['role.assign', 'role.unassign']);

    // an assignment of another user cannot be ended through this user's page
    const other = await post(`/quan-tri/nguoi-dung/${managerId}/vai-tro/${assignmentId}/ket-thuc`, manager, {});
    expect(other.statusCode).toBe(404);
  });

  it('shows agencies, units and positions, and creates an agency and a unit', async () => {
    const page = await t.app.inject({ url: '/quan-tri/to-chuc', headers: { cookie: manager } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('000.00.12.H12');
    expect(page.body).toContain('Từ 01/04/2008');
    expect(page.body).toContain('Phòng Quản lý Du lịch');
    expect(page.body).toContain('Phó Giám đốc');
    expect(page.body).toContain('<caption>');

    const bad = await post('/quan-tri/to-chuc', manager, { action: 'agency', code: '', name: 'Sở Văn hóa mới', validFrom: '31/02/2025' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vui lòng nhập mã định danh.');
    expect(bad.body).toContain('Ngày bắt đầu hiệu lực không hợp lệ');
    expect(bad.body).toContain('value="Sở Văn hóa mới"');

    const oldId = (await t.platform.services.pool.query(`SELECT id FROM agencies WHERE code = '000.00.12.H12'`)).rows[0].id as string;
    const ok = await post('/quan-tri/to-chuc', manager, {
      action: 'agency',
      code: '000.00.99.H99',
      name: 'Sở Văn hóa, Thể thao và Du lịch (sau sáp nhập)',
      validFrom: '01/07/2025',
      predecessorId: oldId,
    });
    expect(ok.statusCode).toBe(302);
    const newId = (await t.platform.services.pool.query(`SELECT id FROM agencies WHERE code = '000.00.99.H99'`)).rows[0].id as string;

    const badUnit = await post('/quan-tri/to-chuc', manager, { action: 'unit', unitAgencyId: newId, unitCode: '', unitName: 'Phòng Mới', unitKind: 'x', unitValidFrom: '01/07/2025' });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.body).toContain('href="#f-unitCode"');
    expect(badUnit.body).toContain('Chọn loại đơn vị.');
    expect(badUnit.body).toContain('value="Phòng Mới"');

    const unit = await post('/quan-tri/to-chuc', manager, { action: 'unit', unitAgencyId: newId, unitCode: 'pttdl', unitName: 'Phòng Thông tin – Du lịch', unitKind: 'department', unitValidFrom: '01/07/2025' });
    expect(unit.statusCode).toBe(302);
    const after = await follow(unit, manager);
    expect(after.body).toContain('Đã thêm đơn vị Phòng Thông tin – Du lịch.');
    expect(after.body).toContain('PTTDL');
    expect(after.body).toContain('Từ 01/07/2025');
    const audit = await t.platform.services.pool.query(`SELECT action FROM audit_log WHERE action IN ('agency.create', 'unit.create') ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['agency.create', 'unit.create']);
  });
  it('shows a sign-in lock-out from the login throttle and lets an administrator lift it, audited', async () => {
    const victim = await staff('bikhoa@vanhien.test', 'Lý Văn Khóa');
    const ip = '10.9.9.9';
    const token = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: ip, payload: { email: 'bikhoa@vanhien.test', password } });
    for (let i = 0; i < 5; i++) await token('SaiMatKhau#1');
    expect((await token('Demo@2026')).statusCode).toBe(423);
    const page = await t.app.inject({ url: `/quan-tri/nguoi-dung/${victim.id}`, headers: { cookie: manager } });
    expect(page.body).toContain('Tạm khóa đến');
    expect(page.body).toContain('(từ 1 địa chỉ mạng)');
    expect(page.body).toContain(`action="/quan-tri/nguoi-dung/${victim.id}/mo-khoa"`);
    const res = await post(`/quan-tri/nguoi-dung/${victim.id}/mo-khoa`, manager, {});
    expect(res.statusCode).toBe(302);
    expect((await follow(res, manager)).body).toContain('Đã mở khóa đăng nhập cho tài khoản.');
    expect((await t.app.inject({ url: `/quan-tri/nguoi-dung/${victim.id}`, headers: { cookie: manager } })).body).toContain('Không bị khóa');
    expect((await token('Demo@2026')).statusCode).toBe(200);
    const audit = await t.platform.services.pool.query(`SELECT actor_id, summary FROM audit_log WHERE action = 'user.unlock' AND entity_id = $1`, [victim.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].summary.addresses).toBe(1);
    // the dead columns are gone (migration 0037)
    const cols = await t.platform.services.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name IN ('failed_logins', 'locked_until')`);
    expect(cols.rows).toHaveLength(0);
  });
});
