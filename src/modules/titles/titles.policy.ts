import { type Actor, can } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { unitIdsByCode } from '../../core/org/org.repository.js';

/** Commune rounds (open the year, import, assessments, listing, minutes, decision, certificates):
 * the Culture and Family Division, which keeps the records for the communes (unit scope), or
 * anyone holding the `all` scope. Criteria versions are edited by the same holders of `all`. */
export const TITLES_MANAGE_UNIT = 'manage:titles:unit';
export const TITLES_MANAGE_ALL = 'manage:titles:all';
/** The department's overdue board and statistics. */
export const TITLES_VIEW_ALL = 'view:titles:all';

function titlesUnits(s: Services): Promise<string[]> {
  return unitIdsByCode(s, ['QLVH']);
}

async function canManage(s: Services, actor: Actor): Promise<boolean> {
  if (can(actor, TITLES_MANAGE_ALL)) return true;
  return (await titlesUnits(s)).some((unitId) => can(actor, 'manage:titles', { unitId }));
}

export const titlesPolicy = {
  canManage,
  canView: async (s: Services, actor: Actor) => can(actor, TITLES_VIEW_ALL) || (await canManage(s, actor)),
  async requireManage(s: Services, actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!(await canManage(s, actor))) throw Errors.forbidden(TITLES_MANAGE_UNIT);
  },
  async requireView(s: Services, actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!(can(actor, TITLES_VIEW_ALL) || (await canManage(s, actor)))) throw Errors.forbidden(TITLES_VIEW_ALL);
  },
  async requireAdmin(_s: Services, actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!can(actor, TITLES_MANAGE_ALL)) throw Errors.forbidden(TITLES_MANAGE_ALL);
  },
};
