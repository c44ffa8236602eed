import { and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { transaction } from '../db/index.js';
import type { CommandContext } from '../context.js';
import { requirePermission } from '../auth/actor.js';
import { writeAudit } from '../audit/audit.js';
import { AppError, Errors } from '../errors.js';
import { Check, nfc, parseDateInput, vnIsoDate } from '../validation.js';
import * as repo from './org.repository.js';
import { agencies, roleAssignments, roles, units } from './org.schema.js';
import { findUser } from '../identity/identity.repository.js';
import { UUID_RE as UUID } from '../validation.js';


export async function assignRole(ctx: CommandContext, input: { userId: string; roleCode: string; unitId?: string | null; positionCode?: string | null; validFrom?: string }) {
  requirePermission(ctx.actor, 'manage:role:all');
  const validFrom = input.validFrom ? parseDateInput(input.validFrom) : vnIsoDate();
  const check = new Check();
  if (!validFrom) check.add('validFrom', 'Ngày bắt đầu không hợp lệ (ngày/tháng/năm).', 'Invalid start date.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const role = await repo.findRoleByCode(tx, input.roleCode);
    if (!role) throw new AppError('ORG-100', 400, 'Vai trò không tồn tại.', 'No such role.', { roleCode: { vi: 'Chọn một vai trò có trong danh sách.', en: 'Choose a role.' } });
    const user = await findUser(tx, input.userId);
    if (!user) throw Errors.notFound('Tài khoản');
    if (user.kind !== 'staff') throw new AppError('ORG-101', 400, 'Chỉ giao vai trò cho tài khoản cán bộ.', 'Roles go to staff accounts only.');
    if (input.unitId && (!UUID.test(input.unitId) || !(await repo.findUnit(tx, input.unitId)))) {
      throw new AppError('ORG-106', 400, 'Đơn vị không tồn tại.', 'No such unit.', { unitId: { vi: 'Chọn đơn vị trong danh sách.', en: 'Choose a unit.' } });
    }
    if (input.positionCode && !(await repo.listPositions(tx)).some((p) => p.code === input.positionCode)) {
      throw new AppError('ORG-107', 400, 'Chức vụ không tồn tại.', 'No such position.', { positionCode: { vi: 'Chọn chức vụ trong danh sách.', en: 'Choose a position.' } });
    }
    const [row] = await tx
      .insert(roleAssignments)
      .values({ userId: user.id, roleId: role.id, unitId: input.unitId || null, positionCode: input.positionCode || null, validFrom: validFrom! })
      .returning();
    await writeAudit(tx, ctx, { action: 'role.assign', entity: 'user', entityId: user.id, summary: { after: { role: role.code, unitId: row!.unitId, positionCode: row!.positionCode } } });
    return row!;
  });
}

/** Ends an assignment still in force, keeping it for history: yesterday (Vietnam time) becomes
 * its last day. */
export async function endAssignment(ctx: CommandContext, assignmentId: string) {
  requirePermission(ctx.actor, 'manage:role:all');
  const today = vnIsoDate();
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
  await transaction(ctx.services.pool, async (tx) => {
    const [current] = await tx
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.id, assignmentId), or(isNull(roleAssignments.validTo), gte(roleAssignments.validTo, today))));
    if (!current) throw Errors.notFound('Phân công');
    // A date range cannot end before it starts: an assignment that starts today (or later) is
    // removed outright; the audit row keeps its record.
    if (current.validFrom >= today) await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
    else await tx.update(roleAssignments).set({ validTo: yesterday }).where(eq(roleAssignments.id, assignmentId));
    await writeAudit(tx, ctx, {
      action: 'role.unassign',
      entity: 'user',
      entityId: current.userId,
      summary: { assignmentId, before: { validFrom: current.validFrom, validTo: current.validTo }, after: current.validFrom >= today ? null : { validTo: yesterday } },
    });
  });
}

export async function setRolePermissions(ctx: CommandContext, roleId: string, requested: string[], version: number) {
  requirePermission(ctx.actor, 'manage:role:all');
  const codes = [...new Set(requested)];
  await transaction(ctx.services.pool, async (tx) => {
    const known = new Set((await repo.listPermissions(tx)).map((p) => p.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw Errors.badRequest(`Quyền không tồn tại: ${unknown.join(', ')}`, `Unknown permissions: ${unknown.join(', ')}`);
    const before = (await repo.rolePermissionCodes(tx)).get(roleId) ?? [];
    const res = await tx.update(roles).set({ version: sql`${roles.version} + 1` }).where(and(eq(roles.id, roleId), eq(roles.version, version))).returning();
    if (!res.length) {
      if (!(await repo.findRole(tx, roleId))) throw Errors.notFound('Vai trò');
      throw Errors.conflict();
    }
    await repo.replaceRolePermissions(tx, roleId, codes);
    await writeAudit(tx, ctx, { action: 'role.set_permissions', entity: 'role', entityId: roleId, summary: { before: before.sort(), after: [...codes].sort() } });
  });
}

export async function createRole(ctx: CommandContext, input: { code: string; name: string; description?: string }) {
  requirePermission(ctx.actor, 'manage:role:all');
  const code = nfc(input.code).toLowerCase();
  const name = nfc(input.name);
  const check = new Check().required('code', code, 'mã vai trò', 'a code').required('name', name, 'tên vai trò', 'a name');
  if (code && !/^[a-z][a-z0-9_]{1,40}$/.test(code)) check.add('code', 'Mã vai trò chỉ gồm chữ thường không dấu, số và dấu gạch dưới.', 'Lowercase letters, digits, underscore.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    if (await repo.findRoleByCode(tx, code)) throw new AppError('ORG-102', 409, 'Mã vai trò đã tồn tại.', 'Role code exists.', { code: { vi: 'Mã vai trò đã tồn tại.', en: 'Exists.' } });
    const [row] = await tx.insert(roles).values({ code, name, description: nfc(input.description ?? '') || null }).returning();
    await writeAudit(tx, ctx, { action: 'role.create', entity: 'role', entityId: row!.id, summary: { after: { code, name } } });
    return row!;
  });
}

export interface AgencyInput {
  code: string;
  name: string;
  nameEn?: string;
  address?: string;
  phone?: string;
  email?: string;
  validFrom: string;
  validTo?: string;
  predecessorId?: string;
}

export async function createAgency(ctx: CommandContext, input: AgencyInput) {
  requirePermission(ctx.actor, 'manage:org:all');
  const check = new Check();
  const code = nfc(input.code);
  const name = nfc(input.name);
  check.required('code', code, 'mã định danh', 'a code').required('name', name, 'tên cơ quan', 'a name');
  const validFrom = parseDateInput(input.validFrom ?? '');
  if (!validFrom) check.add('validFrom', 'Ngày bắt đầu hiệu lực không hợp lệ (ngày/tháng/năm).', 'Invalid start date.');
  const validTo = input.validTo ? parseDateInput(input.validTo) : null;
  if (input.validTo && !validTo) check.add('validTo', 'Ngày hết hiệu lực không hợp lệ (ngày/tháng/năm).', 'Invalid end date.');
  if (validFrom && validTo && validTo < validFrom) check.add('validTo', 'Ngày hết hiệu lực phải sau ngày bắt đầu.', 'End must follow start.');
  check.email('email', nfc(input.email ?? ''));
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    if (input.predecessorId && (!UUID.test(input.predecessorId) || !(await repo.findAgency(tx, input.predecessorId)))) {
      throw new AppError('ORG-108', 400, 'Cơ quan tiền thân không tồn tại.', 'No such predecessor.', { predecessorId: { vi: 'Chọn cơ quan tiền thân trong danh sách.', en: 'Choose an agency.' } });
    }
    if (await repo.findAgencyByCode(tx, code)) throw new AppError('ORG-103', 409, 'Mã định danh đã tồn tại.', 'Code exists.', { code: { vi: 'Mã định danh đã được dùng cho cơ quan khác.', en: 'Exists.' } });
    const [row] = await tx
      .insert(agencies)
      .values({
        code,
        name,
        nameEn: nfc(input.nameEn ?? '') || null,
        address: nfc(input.address ?? '') || null,
        phone: nfc(input.phone ?? '') || null,
        email: nfc(input.email ?? '') || null,
        validFrom: validFrom!,
        validTo,
        predecessorId: input.predecessorId || null,
      })
      .returning();
    await writeAudit(tx, ctx, { action: 'agency.create', entity: 'agency', entityId: row!.id, summary: { after: { code, name, validFrom, validTo } } });
    return row!;
  });
}

export async function createUnit(ctx: CommandContext, input: { agencyId: string; code: string; name: string; nameEn?: string; kind: string; validFrom: string }) {
  requirePermission(ctx.actor, 'manage:org:all');
  const check = new Check();
  const code = nfc(input.code).toUpperCase();
  const name = nfc(input.name);
  check.required('code', code, 'mã đơn vị', 'a code').required('name', name, 'tên đơn vị', 'a name');
  const kinds = ['leadership', 'department', 'office', 'inspectorate', 'public_service'];
  if (!kinds.includes(input.kind)) check.add('kind', 'Chọn loại đơn vị.', 'Choose a kind.');
  const validFrom = parseDateInput(input.validFrom ?? '') ;
  if (!validFrom) check.add('validFrom', 'Ngày bắt đầu hiệu lực không hợp lệ (ngày/tháng/năm).', 'Invalid start date.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    if (!(await repo.findAgency(tx, input.agencyId))) throw new AppError('ORG-104', 400, 'Cơ quan không tồn tại.', 'No such agency.', { agencyId: { vi: 'Chọn cơ quan.', en: 'Choose an agency.' } });
    const exists = (await tx.select().from(units).where(eq(units.code, code)))[0];
    if (exists) throw new AppError('ORG-105', 409, 'Mã đơn vị đã tồn tại.', 'Unit code exists.', { code: { vi: 'Mã đơn vị đã tồn tại.', en: 'Exists.' } });
    const [row] = await tx
      .insert(units)
      .values({ agencyId: input.agencyId, code, name, nameEn: nfc(input.nameEn ?? '') || null, kind: input.kind as 'department', validFrom: validFrom! })
      .returning();
    await writeAudit(tx, ctx, { action: 'unit.create', entity: 'unit', entityId: row!.id, summary: { after: { code, name, kind: input.kind } } });
    return row!;
  });
}

/** Lets a module's seed add its permissions to the built-in roles, by code. */
export async function grantPermissionsToRole(ctx: CommandContext, roleCode: string, codes: string[]) {
  const role = await repo.findRoleByCode(ctx.services.db, roleCode);
  if (!role) return;
  const current = (await repo.rolePermissionCodes(ctx.services.db)).get(role.id) ?? [];
  const missing = codes.filter((c) => !current.includes(c));
  if (!missing.length) return;
  await transaction(ctx.services.pool, async (tx) => {
    await tx.insert(repo.rolePermissions).values(missing.map((permissionCode) => ({ roleId: role.id, permissionCode }))).onConflictDoNothing();
    await writeAudit(tx, ctx, { action: 'role.grant', entity: 'role', entityId: role.id, summary: { added: missing } });
  });
}

/**
 * Lets a module's seed take back a permission it once gave a built-in role (a later release
 * narrowed the role): the seed runs on every start, so an upgraded database loses the grant too.
 * Audited like a grant; nothing happens when the role never had it.
 */
export async function revokePermissionsFromRole(ctx: CommandContext, roleCode: string, codes: string[]) {
  const role = await repo.findRoleByCode(ctx.services.db, roleCode);
  if (!role) return;
  const current = (await repo.rolePermissionCodes(ctx.services.db)).get(role.id) ?? [];
  const present = codes.filter((c) => current.includes(c));
  if (!present.length) return;
  await transaction(ctx.services.pool, async (tx) => {
    for (const permissionCode of present) {
      await tx.delete(repo.rolePermissions).where(and(eq(repo.rolePermissions.roleId, role.id), eq(repo.rolePermissions.permissionCode, permissionCode)));
    }
    await writeAudit(tx, ctx, { action: 'role.revoke', entity: 'role', entityId: role.id, summary: { removed: present } });
  });
}
