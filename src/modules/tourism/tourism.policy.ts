import type { Actor } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { unitIdsByCode } from '../../core/org/org.repository.js';

/** Destinations, events, itineraries and 360° tours: officers of the tourism division (unit
 * scope, held through a role assignment in that unit), or anyone with the `all` scope (an
 * administrator). */
export const TOURISM_MANAGE_UNIT = 'manage:tourism:unit';
export const TOURISM_MANAGE_ALL = 'manage:tourism:all';
/** The first release granted this to every specialist of every unit; the seed revokes it. */
export const TOURISM_MANAGE_LEGACY = 'manage:tourism';

/** The units whose staff keep the tourism catalogue (seed.ts unit codes). */
export const TOURISM_UNIT_CODES = ['QLDL'];

function tourismUnits(s: Services): Promise<string[]> {
  return unitIdsByCode(s, TOURISM_UNIT_CODES);
}

async function holds(s: Services, actor: Actor): Promise<boolean> {
  // Spelled out rather than can(actor, 'manage:tourism', { unitId }): that would also accept the
  // bare legacy code, still held by any custom role an administrator made from the first release.
  if (actor.grants.some((g) => g.permission === '*' || g.permission === TOURISM_MANAGE_ALL)) return true;
  if (!actor.grants.some((g) => g.permission === TOURISM_MANAGE_UNIT)) return false;
  const ids = await tourismUnits(s);
  return actor.grants.some((g) => g.permission === TOURISM_MANAGE_UNIT && g.unitId !== null && ids.includes(g.unitId));
}

export const tourismPolicy = {
  canManage: (s: Services, actor: Actor) => holds(s, actor),
  async requireManage(s: Services, actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!(await holds(s, actor))) throw Errors.forbidden(TOURISM_MANAGE_UNIT);
  },
};
