import { can, requirePermission, type Actor } from '../../core/auth/actor.js';

/** The camera registry: add, disable, rotate secrets (IT officers). */
export const DEVICE_MANAGE = 'manage:device:all';
/** The museum's visitor counts, occupancy and silent cameras (museum and department staff). */
export const VISITOR_VIEW = 'view:visitor_count:all';

export const devicePolicy = {
  canManage: (actor: Actor) => can(actor, DEVICE_MANAGE),
  requireManage: (actor: Actor) => requirePermission(actor, DEVICE_MANAGE),
  canView: (actor: Actor) => can(actor, VISITOR_VIEW) || can(actor, DEVICE_MANAGE),
  requireView: (actor: Actor) => (can(actor, DEVICE_MANAGE) ? undefined : requirePermission(actor, VISITOR_VIEW)),
};
