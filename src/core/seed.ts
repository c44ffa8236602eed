import { eq, sql } from 'drizzle-orm';
import type { Services } from './context.js';
import { transaction } from './db/index.js';
import { writeAudit } from './audit/audit.js';
import { SYSTEM } from './auth/actor.js';
import { agencies, positions, roleAssignments, rolePermissions, roles, units } from './org/org.schema.js';
import { users } from './identity/identity.schema.js';
import { calendarDays } from './calendar/calendar.schema.js';
import { hashPassword } from './identity/password.js';
import { SCHEDULE_2026 } from './calendar/index.js';
import { CORE_PERMISSIONS } from './permissions.js';

const POSITIONS = [
  { code: 'giam_doc', name: 'Giám đốc', nameEn: 'Director', rank: 10 },
  { code: 'pho_giam_doc', name: 'Phó Giám đốc', nameEn: 'Deputy Director', rank: 20 },
  { code: 'truong_phong', name: 'Trưởng phòng', nameEn: 'Head of Division', rank: 30 },
  { code: 'pho_truong_phong', name: 'Phó Trưởng phòng', nameEn: 'Deputy Head of Division', rank: 40 },
  { code: 'chuyen_vien', name: 'Chuyên viên', nameEn: 'Officer', rank: 50 },
  { code: 'cong_chuc_mot_cua', name: 'Công chức tiếp nhận một cửa', nameEn: 'One-stop desk officer', rank: 60 },
];

/** Built-in roles; modules add their permissions to these by code in their own seeds. */
const ROLES: { code: string; name: string; description: string; permissions: string[] }[] = [
  { code: 'quan_tri', name: 'Quản trị hệ thống', description: 'Quản lý tài khoản, tổ chức, phân quyền, lịch', permissions: CORE_PERMISSIONS.map((p) => p.code) },
  { code: 'tiep_nhan', name: 'Cán bộ tiếp nhận một cửa', description: 'Tiếp nhận, trả kết quả hồ sơ', permissions: ['view:workspace:all'] },
  { code: 'chuyen_vien', name: 'Chuyên viên xử lý', description: 'Thẩm định, xử lý hồ sơ của phòng', permissions: ['view:workspace:all'] },
  { code: 'lanh_dao', name: 'Lãnh đạo', description: 'Phê duyệt, theo dõi, xem nhật ký', permissions: ['view:workspace:all', 'view:audit:all'] },
  { code: 'bien_tap', name: 'Biên tập viên cổng thông tin', description: 'Soạn, đăng tin bài và thông báo', permissions: ['view:workspace:all'] },
  // Decree 118/2025/NĐ-CP: the head of the implementing unit assigns its specialists and reviews
  // their work; modules add the unit-scoped rights in their seeds.
  { code: 'truong_phong', name: 'Trưởng phòng, đơn vị', description: 'Phân công, kiểm tra việc của chuyên viên trong đơn vị', permissions: ['view:workspace:all'] },
];

export async function seedBase(s: Services): Promise<void> {
  await transaction(s.pool, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7316003)`);
    for (const p of POSITIONS) await tx.insert(positions).values(p).onConflictDoNothing();
    for (const r of ROLES) {
      const existing = (await tx.select().from(roles).where(eq(roles.code, r.code)))[0];
      if (existing) continue;
      const [row] = await tx.insert(roles).values({ code: r.code, name: r.name, description: r.description }).returning();
      await tx.insert(rolePermissions).values(r.permissions.map((permissionCode) => ({ roleId: row!.id, permissionCode })));
    }
    const has2026 = await tx.execute(sql`SELECT 1 FROM calendar_days WHERE date BETWEEN '2026-01-01' AND '2026-12-31' LIMIT 1`);
    if (has2026.rows.length === 0) {
      await tx.insert(calendarDays).values(SCHEDULE_2026.map((d) => ({ date: d.date, kind: d.kind, name: d.name })));
      await writeAudit(tx, { actor: SYSTEM }, { action: 'calendar.seed', entity: 'calendar', entityId: '2026', summary: { days: SCHEDULE_2026.length } });
    }
  });
}

export const DEMO_AGENCY_CODE = '000.00.12.H12';

const DEMO_UNITS = [
  { code: 'BGD', name: 'Ban Giám đốc Sở', nameEn: 'Board of Directors', kind: 'leadership' as const, sort: 1 },
  { code: 'VP', name: 'Văn phòng Sở', nameEn: 'Office of the Department', kind: 'office' as const, sort: 2 },
  { code: 'TTR', name: 'Thanh tra Sở', nameEn: 'Inspectorate', kind: 'inspectorate' as const, sort: 3 },
  { code: 'QLVH', name: 'Phòng Quản lý Văn hóa và Gia đình', nameEn: 'Culture and Family Division', kind: 'department' as const, sort: 4 },
  { code: 'QLTDTT', name: 'Phòng Quản lý Thể dục thể thao', nameEn: 'Sports Division', kind: 'department' as const, sort: 5 },
  { code: 'QLDL', name: 'Phòng Quản lý Du lịch', nameEn: 'Tourism Division', kind: 'department' as const, sort: 6 },
  { code: 'QLDS', name: 'Phòng Quản lý Di sản văn hóa', nameEn: 'Cultural Heritage Division', kind: 'department' as const, sort: 7 },
  { code: 'BT', name: 'Bảo tàng tỉnh', nameEn: 'Provincial Museum', kind: 'public_service' as const, sort: 8 },
  { code: 'TV', name: 'Thư viện tỉnh', nameEn: 'Provincial Library', kind: 'public_service' as const, sort: 9 },
  { code: 'TTVH', name: 'Trung tâm Văn hóa – Điện ảnh tỉnh', nameEn: 'Provincial Culture and Cinema Centre', kind: 'public_service' as const, sort: 10 },
];

export const DEMO_ACCOUNTS = [
  { email: 'admin@vanhien.test', fullName: 'Nguyễn Quản Trị', kind: 'staff' as const, role: 'quan_tri', unit: 'VP', position: 'chuyen_vien' },
  { email: 'tiepnhan@vanhien.test', fullName: 'Trần Thị Tiếp Nhận', kind: 'staff' as const, role: 'tiep_nhan', unit: 'VP', position: 'cong_chuc_mot_cua' },
  { email: 'chuyenvien@vanhien.test', fullName: 'Lê Văn Chuyên', kind: 'staff' as const, role: 'chuyen_vien', unit: 'QLVH', position: 'chuyen_vien' },
  { email: 'lanhdao@vanhien.test', fullName: 'Phạm Minh Lãnh', kind: 'staff' as const, role: 'lanh_dao', unit: 'BGD', position: 'pho_giam_doc' },
  { email: 'bientap@vanhien.test', fullName: 'Hoàng Thu Biên', kind: 'staff' as const, role: 'bien_tap', unit: 'VP', position: 'chuyen_vien' },
  { email: 'congdan@vanhien.test', fullName: 'Võ Thị Công Dân', kind: 'citizen' as const, role: null, unit: null, position: null },
];

/** Units whose people work on dossiers and feedback: everything but the Board (its people are
 * the leaders). The specialist of QLVH is `chuyenvien@vanhien.test` above. */
const STAFFED_UNITS = ['VP', 'TTR', 'QLVH', 'QLTDTT', 'QLDL', 'QLDS', 'BT', 'TV', 'TTVH'];
const SHORT_NAMES: Record<string, string> = {
  VP: 'Văn Phòng',
  TTR: 'Thanh Tra',
  QLVH: 'Văn Hóa',
  QLTDTT: 'Thể Thao',
  QLDL: 'Du Lịch',
  QLDS: 'Di Sản',
  BT: 'Bảo Tàng',
  TV: 'Thư Viện',
  TTVH: 'Điện Ảnh',
};

/** Issue 10, finding 1: every unit has someone to assign a dossier to (a specialist) and someone
 * who assigns and reviews (the unit head), so no procedure of the demo ends at an empty list. */
export const DEMO_UNIT_STAFF = STAFFED_UNITS.flatMap((unit) => [
  ...(unit === 'QLVH'
    ? []
    : [{ email: `chuyenvien.${unit.toLowerCase()}@vanhien.test`, fullName: `Chuyên viên ${SHORT_NAMES[unit]}`, kind: 'staff' as const, role: 'chuyen_vien', unit, position: 'chuyen_vien' }]),
  { email: `truongphong.${unit.toLowerCase()}@vanhien.test`, fullName: `Trưởng phòng ${SHORT_NAMES[unit]}`, kind: 'staff' as const, role: 'truong_phong', unit, position: 'truong_phong' },
]);

/** The demo's unit staff, on every demo start: databases seeded before they existed get them too. */
export async function seedDemoUnitStaff(s: Services): Promise<number> {
  return transaction(s.pool, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7316004)`);
    const agency = (await tx.select().from(agencies).where(eq(agencies.code, DEMO_AGENCY_CODE)))[0];
    if (!agency) return 0;
    const existing = new Set((await tx.select({ email: users.email }).from(users)).map((u) => u.email));
    const missing = DEMO_UNIT_STAFF.filter((a) => !existing.has(a.email));
    if (!missing.length) return 0;
    const unitIds = new Map((await tx.select().from(units).where(eq(units.agencyId, agency.id))).map((u) => [u.code, u.id]));
    const roleIds = new Map((await tx.select().from(roles)).map((r) => [r.code, r.id]));
    const password = await hashPassword(s.config.demoPassword);
    for (const a of missing) {
      const unitId = unitIds.get(a.unit);
      const roleId = roleIds.get(a.role);
      if (!unitId || !roleId) continue;
      const [user] = await tx.insert(users).values({ email: a.email, fullName: a.fullName, kind: a.kind, passwordHash: password }).onConflictDoNothing().returning();
      if (user) await tx.insert(roleAssignments).values({ userId: user.id, roleId, unitId, positionCode: a.position, validFrom: '2020-01-01' });
    }
    await writeAudit(tx, { actor: SYSTEM }, { action: 'demo.seed_unit_staff', entity: 'agency', entityId: agency.id, summary: { accounts: missing.length } });
    return missing.length;
  });
}

/** Demo data, once: returns false when the demo agency already exists. */
export async function seedDemo(s: Services): Promise<boolean> {
  return transaction(s.pool, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7316004)`);
    if ((await tx.select().from(agencies).where(eq(agencies.code, DEMO_AGENCY_CODE))).length) return false;
    const [agency] = await tx
      .insert(agencies)
      .values({
        code: DEMO_AGENCY_CODE,
        // Administrative units in force since 1 July 2025 (Resolution 202/2025/QH15: Bình Dương
        // merged into Hồ Chí Minh City; two-level local government, wards under the city).
        name: 'Sở Văn hóa, Thể thao và Du lịch (demo)',
        nameEn: 'Department of Culture, Sports and Tourism (demo)',
        shortName: 'Sở VHTTDL (demo)',
        address: 'Tầng 7, Tháp A, Trung tâm Hành chính, phường Bình Dương, Thành phố Hồ Chí Minh (địa chỉ minh họa)',
        phone: '0274 3800 000 (minh họa)',
        email: 'svhttdl@vanhien.test',
        validFrom: '2008-04-01',
      })
      .returning();
    const unitIds = new Map<string, string>();
    for (const u of DEMO_UNITS) {
      const [row] = await tx.insert(units).values({ ...u, agencyId: agency!.id, validFrom: '2008-04-01' }).returning();
      unitIds.set(u.code, row!.id);
    }
    const password = await hashPassword(s.config.demoPassword);
    for (const a of DEMO_ACCOUNTS) {
      const [user] = await tx
        .insert(users)
        .values({ email: a.email, fullName: a.fullName, kind: a.kind, passwordHash: password, phone: a.kind === 'citizen' ? '0912345678' : null })
        .onConflictDoNothing()
        .returning();
      if (!user || !a.role) continue;
      const role = (await tx.select().from(roles).where(eq(roles.code, a.role)))[0]!;
      await tx.insert(roleAssignments).values({ userId: user.id, roleId: role.id, unitId: unitIds.get(a.unit!) ?? null, positionCode: a.position, validFrom: '2020-01-01' });
    }
    await writeAudit(tx, { actor: SYSTEM }, { action: 'demo.seed', entity: 'agency', entityId: agency!.id, summary: { units: DEMO_UNITS.length, accounts: DEMO_ACCOUNTS.length } });
    return true;
  });
}
