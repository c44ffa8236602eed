import { can, requirePermission, type Actor } from '../../core/auth/actor.js';

/** Staff may read the catalogue, the periods and the unpublished values of every unit. */
export const INDICATOR_VIEW = 'view:indicator:all';
/** The catalogue, the periods (recompute) and the pull-API consumers (keys). */
export const INDICATOR_MANAGE = 'manage:indicator:all';

export const indicatorPolicy = {
  canView: (actor: Actor) => can(actor, INDICATOR_VIEW) || can(actor, INDICATOR_MANAGE),
  canManage: (actor: Actor) => can(actor, INDICATOR_MANAGE),
  requireView: (actor: Actor) => {
    if (!can(actor, INDICATOR_MANAGE)) requirePermission(actor, INDICATOR_VIEW);
  },
  requireManage: (actor: Actor) => requirePermission(actor, INDICATOR_MANAGE),
};
