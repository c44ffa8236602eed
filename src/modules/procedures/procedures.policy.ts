import { can, requirePermission, type Actor } from '../../core/auth/actor.js';

export const PROCEDURE_MANAGE = 'manage:procedure:all';

export const procedurePolicy = {
  canManage: (actor: Actor) => can(actor, PROCEDURE_MANAGE),
  requireManage: (actor: Actor) => requirePermission(actor, PROCEDURE_MANAGE),
};
