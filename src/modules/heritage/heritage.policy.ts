import { type Actor, can } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { unitIdsByCode } from '../../core/org/org.repository.js';

/** Register, zones, decisions, media: the heritage division and the museum (unit scope), or anyone
 * holding the `all` scope (an administrator). */
export const HERITAGE_MANAGE_UNIT = 'manage:heritage:unit';
export const HERITAGE_MANAGE_ALL = 'manage:heritage:all';
/** Decree 308/2025 Art. 85–89: content is reviewed before it goes online; a leader or the head
 * of the heritage division approves publication. */
export const HERITAGE_APPROVE_UNIT = 'approve:heritage:unit';
export const HERITAGE_APPROVE_ALL = 'approve:heritage:all';

/** The units whose staff keep the heritage records (seed.ts unit codes). */
export const HERITAGE_UNIT_CODES = ['QLDS', 'BT'];

function heritageUnits(s: Services): Promise<string[]> {
  return unitIdsByCode(s, HERITAGE_UNIT_CODES);
}

async function holds(s: Services, actor: Actor, action: 'manage' | 'approve'): Promise<boolean> {
  if (can(actor, `${action}:heritage:all`)) return true;
  const ids = await heritageUnits(s);
  return ids.some((unitId) => can(actor, `${action}:heritage`, { unitId }));
}

export const heritagePolicy = {
  canManage: (s: Services, actor: Actor) => holds(s, actor, 'manage'),
  canApprove: (s: Services, actor: Actor) => holds(s, actor, 'approve'),
  async requireManage(s: Services, actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!(await holds(s, actor, 'manage'))) throw Errors.forbidden(HERITAGE_MANAGE_UNIT);
  },
  async requireApprove(s: Services, actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!(await holds(s, actor, 'approve'))) throw Errors.forbidden(HERITAGE_APPROVE_UNIT);
  },
};
