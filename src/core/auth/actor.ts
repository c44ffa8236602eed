import { Errors } from '../errors.js';

/** A grant is one permission held through one role assignment; unit-scoped permissions
 * (`…:unit`) apply only inside the assignment's unit. */
export interface Grant {
  permission: string;
  unitId: string | null;
}

export interface Actor {
  userId: string | null;
  label: string;
  kind: 'staff' | 'citizen' | 'anonymous' | 'system';
  email?: string;
  grants: Grant[];
}

export const ANONYMOUS: Actor = { userId: null, label: 'Khách', kind: 'anonymous', grants: [] };
export const SYSTEM: Actor = { userId: null, label: 'Hệ thống', kind: 'system', grants: [{ permission: '*', unitId: null }] };

/**
 * `can(actor, 'manage:user:all')` — exact permission; `can(actor, 'process:dossier', { unitId })`
 * — any scope of that action on that entity that covers the unit (`all` and `agency` cover
 * every unit of the agency, `unit` only its own).
 */
export function can(actor: Actor, permission: string, target?: { unitId?: string | null }): boolean {
  for (const g of actor.grants) {
    if (g.permission === '*') return true;
    if (g.permission === permission) return true;
    if (target && g.permission.startsWith(`${permission}:`)) {
      const scope = g.permission.slice(permission.length + 1);
      if (scope === 'all' || scope === 'agency') return true;
      if (scope === 'unit' && target.unitId && g.unitId === target.unitId) return true;
    }
  }
  return false;
}

/** Every command starts with this: the check comes before any read or write. */
export function requirePermission(actor: Actor, permission: string, target?: { unitId?: string | null }): void {
  if (actor.kind === 'anonymous') throw Errors.unauthenticated();
  if (!can(actor, permission, target)) throw Errors.forbidden(permission);
}

export function requireUser(actor: Actor): asserts actor is Actor & { userId: string } {
  if (!actor.userId) throw Errors.unauthenticated();
}

/** The permission codes an actor holds, for views that show only allowed actions. */
export function rightsOf(actor: Actor): Set<string> {
  return new Set(actor.grants.map((g) => g.permission));
}
