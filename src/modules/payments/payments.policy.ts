import { can, requirePermission, type Actor } from '../../core/auth/actor.js';

/** Import bank statements, record cash at the desk and refunds, see fee statistics. */
export const FEE_MANAGE = 'manage:fee:all';

export const paymentsPolicy = {
  canManage: (actor: Actor) => can(actor, FEE_MANAGE),
  requireManage: (actor: Actor) => requirePermission(actor, FEE_MANAGE),
};
