import { and, asc, eq, inArray, isNull, or, sql, gte, lte } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import type { Grant } from '../auth/actor.js';
import { agencies, permissions, positions, roleAssignments, rolePermissions, roles, units } from './org.schema.js';
import { users } from '../identity/identity.schema.js';

export type Agency = typeof agencies.$inferSelect;
export type Unit = typeof units.$inferSelect;
export type Role = typeof roles.$inferSelect;

/** The permissions a user holds today through every valid role assignment. */
export async function grantsForUser(db: Executor, userId: string, today: string): Promise<Grant[]> {
  const rows = await db
    .select({ permission: rolePermissions.permissionCode, unitId: roleAssignments.unitId })
    .from(roleAssignments)
    .innerJoin(rolePermissions, eq(rolePermissions.roleId, roleAssignments.roleId))
    .where(
      and(
        eq(roleAssignments.userId, userId),
        lte(roleAssignments.validFrom, today),
        or(isNull(roleAssignments.validTo), gte(roleAssignments.validTo, today)),
      ),
    );
  return rows;
}

export async function upsertPermissions(db: Executor, list: { code: string; description: string; owner: string }[]) {
  for (const p of list) {
    await db
      .insert(permissions)
      .values(p)
      .onConflictDoUpdate({ target: permissions.code, set: { description: p.description, owner: p.owner } });
  }
}

export const listPermissions = (db: Executor) => db.select().from(permissions).orderBy(asc(permissions.owner), asc(permissions.code));
export const listAgencies = (db: Executor) => db.select().from(agencies).orderBy(asc(agencies.validFrom), asc(agencies.name));
export const listUnits = (db: Executor) => db.select().from(units).orderBy(asc(units.sort), asc(units.name));
export const listPositions = (db: Executor) => db.select().from(positions).orderBy(asc(positions.rank));
export const listRoles = (db: Executor) => db.select().from(roles).orderBy(asc(roles.name));

export async function findAgencyByCode(db: Executor, code: string) {
  return (await db.select().from(agencies).where(eq(agencies.code, code)))[0];
}
export async function findAgency(db: Executor, id: string) {
  return (await db.select().from(agencies).where(eq(agencies.id, id)))[0];
}
export async function findUnit(db: Executor, id: string) {
  return (await db.select().from(units).where(eq(units.id, id)))[0];
}
export async function findRole(db: Executor, id: string) {
  return (await db.select().from(roles).where(eq(roles.id, id)))[0];
}
export async function findRoleByCode(db: Executor, code: string) {
  return (await db.select().from(roles).where(eq(roles.code, code)))[0];
}

/** The agency in force on a day: the one whose validity covers it, newest first. */
export async function currentAgency(db: Executor, today: string) {
  return (
    await db
      .select()
      .from(agencies)
      .where(and(lte(agencies.validFrom, today), or(isNull(agencies.validTo), gte(agencies.validTo, today))))
      .orderBy(sql`${agencies.validFrom} DESC`)
      .limit(1)
  )[0];
}

export async function rolePermissionCodes(db: Executor): Promise<Map<string, string[]>> {
  const rows = await db.select().from(rolePermissions);
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.roleId, [...(map.get(r.roleId) ?? []), r.permissionCode]);
  return map;
}

export async function replaceRolePermissions(db: Executor, roleId: string, codes: string[]) {
  await db.delete(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  if (codes.length) await db.insert(rolePermissions).values(codes.map((permissionCode) => ({ roleId, permissionCode })));
}

export async function listAssignments(db: Executor, userId?: string) {
  const q = db
    .select({
      id: roleAssignments.id,
      userId: roleAssignments.userId,
      userEmail: users.email,
      userName: users.fullName,
      userKind: users.kind,
      userStatus: users.status,
      userPhone: users.phone,
      roleId: roles.id,
      roleName: roles.name,
      roleCode: roles.code,
      unitId: roleAssignments.unitId,
      unitName: units.name,
      positionCode: roleAssignments.positionCode,
      validFrom: roleAssignments.validFrom,
      validTo: roleAssignments.validTo,
    })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(units, eq(units.id, roleAssignments.unitId));
  return userId ? q.where(eq(roleAssignments.userId, userId)) : q.orderBy(asc(users.email));
}

export { agencies, units, roles, rolePermissions, roleAssignments, positions, permissions };

const unitIdCache = new WeakMap<object, Map<string, Promise<string[]>>>();
/**
 * The ids of the units with these codes, read once per process and platform (`services`): the
 * modules' policies ask on every permission check which units keep their records, and unit codes
 * never change meaning (a reorganisation makes new units). A failed read is not kept.
 */
export function unitIdsByCode(services: { db: Executor }, codes: readonly string[]): Promise<string[]> {
  const byKey = unitIdCache.get(services) ?? new Map<string, Promise<string[]>>();
  unitIdCache.set(services, byKey);
  const key = [...codes].sort().join(',');
  let p = byKey.get(key);
  if (!p) {
    p = services.db
      .select({ id: units.id })
      .from(units)
      .where(inArray(units.code, [...codes]))
      .then((rows) => rows.map((r) => r.id))
      .catch((e: unknown) => {
        byKey.delete(key);
        throw e;
      });
    byKey.set(key, p);
  }
  return p;
}
