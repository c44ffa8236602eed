import { can, requirePermission, type Actor } from '../../core/auth/actor.js';

/** A unit's officer enters and submits the unit's own figures (scope: the assignment's unit). */
export const INDICATOR_ENTER = 'enter:indicator:unit';
/** The unit's leader approves or returns the unit's report (scope: the assignment's unit). */
export const INDICATOR_APPROVE = 'approve:indicator:unit';
/** The department publishes approved reports, corrects published values (with a reason) and
 * reads and re-sends the IOC delivery log. */
export const INDICATOR_PUBLISH = 'publish:indicator:all';

type Action = 'enter' | 'approve';

/** The unit ids in which the actor may `action`; 'all' when a grant covers every unit. */
export function unitScope(actor: Actor, action: Action): string[] | 'all' {
  const ids = new Set<string>();
  for (const g of actor.grants) {
    if (g.permission === '*' || g.permission === `${action}:indicator:all` || g.permission === `${action}:indicator:agency`) return 'all';
    if (g.permission === `${action}:indicator:unit` && g.unitId) ids.add(g.unitId);
  }
  return [...ids];
}

export const entryPolicy = {
  canEnter: (actor: Actor, unitId: string | undefined) => !!unitId && can(actor, 'enter:indicator', { unitId }),
  canApprove: (actor: Actor, unitId: string | undefined) => !!unitId && can(actor, 'approve:indicator', { unitId }),
  canPublish: (actor: Actor) => can(actor, INDICATOR_PUBLISH),
  requireEnter: (actor: Actor, unitId: string | undefined) => requirePermission(actor, 'enter:indicator', { unitId: unitId ?? null }),
  requireApprove: (actor: Actor, unitId: string | undefined) => requirePermission(actor, 'approve:indicator', { unitId: unitId ?? null }),
  requirePublish: (actor: Actor) => requirePermission(actor, INDICATOR_PUBLISH),
  /** The entry pages: anyone who enters, approves or publishes somewhere. */
  canUseEntry: (actor: Actor) => {
    const e = unitScope(actor, 'enter');
    const a = unitScope(actor, 'approve');
    return e === 'all' || a === 'all' || e.length > 0 || a.length > 0 || can(actor, INDICATOR_PUBLISH);
  },
};
