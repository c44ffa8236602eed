import { type Actor, can } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { unitIdsByCode } from '../../core/org/org.repository.js';

/** The culture management division keeps the naming council's records (the department is the
 * council's standing body, Decree 91/2005 Art. 9): unit scope, or `all` for an administrator. */
export const NAMING_MANAGE_UNIT = 'manage:naming:unit';
export const NAMING_MANAGE_ALL = 'manage:naming:all';
export const NAMING_UNIT_CODES = ['QLVH'];

function namingUnits(s: Services): Promise<string[]> {
  return unitIdsByCode(s, NAMING_UNIT_CODES);
}

async function holds(s: Services, actor: Actor): Promise<boolean> {
  if (can(actor, NAMING_MANAGE_ALL)) return true;
  const ids = await namingUnits(s);
  return ids.some((unitId) => can(actor, 'manage:naming', { unitId }));
}

export const namingPolicy = {
  canManage: (s: Services, actor: Actor) => holds(s, actor),
  async requireManage(s: Services, actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!(await holds(s, actor))) throw Errors.forbidden(NAMING_MANAGE_UNIT);
  },
};
