import { can, requirePermission, type Actor } from '../../core/auth/actor.js';

/** Who may do what with feedback cases. Filing a case needs no account (Decree 20/2008 Art. 6:
 * anyone may report through the portal or the hotline); staff screens need these permissions. */
export const FEEDBACK_RECORD = 'record:feedback:all';
export const FEEDBACK_VIEW = 'view:feedback:all';

export const feedbackPolicy = {
  canRecord: (actor: Actor) => can(actor, FEEDBACK_RECORD),
  canView: (actor: Actor) => can(actor, FEEDBACK_VIEW),
  requireRecord: (actor: Actor) => requirePermission(actor, FEEDBACK_RECORD),
  requireView: (actor: Actor) => requirePermission(actor, FEEDBACK_VIEW),
};
