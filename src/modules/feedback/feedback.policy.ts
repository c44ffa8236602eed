import { can, requirePermission, type Actor } from '../../core/auth/actor.js';
import { Errors } from '../../core/errors.js';

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

/** Decree 20/2008/NĐ-CP Art. 9: the receiving desk classifies (reject, route, forward). */
export const FEEDBACK_CLASSIFY = 'classify:feedback:all';
/** The responsible unit's officers handle the cases routed to their unit. */
export const FEEDBACK_HANDLE = 'handle:feedback:unit';
/** A leader approves the answer before it is sent and published. */
export const FEEDBACK_APPROVE = 'approve:feedback:all';

export const handlingPolicy = {
  canClassify: (actor: Actor) => can(actor, FEEDBACK_CLASSIFY),
  /** unit-scoped: the grant must come from an assignment in the case's unit */
  canHandle: (actor: Actor, unitId: string | null | undefined) => !!unitId && can(actor, 'handle:feedback', { unitId }),
  canApprove: (actor: Actor) => can(actor, FEEDBACK_APPROVE),
  requireClassify: (actor: Actor) => requirePermission(actor, FEEDBACK_CLASSIFY),
  requireHandle: (actor: Actor, unitId: string | null | undefined) => {
    if (unitId) return requirePermission(actor, 'handle:feedback', { unitId });
    // Not routed to a unit yet: nobody handles it (classification comes first).
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    throw Errors.forbidden(FEEDBACK_HANDLE);
  },
  requireApprove: (actor: Actor) => requirePermission(actor, FEEDBACK_APPROVE),
};

/** Leaders follow the figures (issue 4 part 6): statistics, the map of cases, the exports. */
export const FEEDBACK_STATS = 'view:feedback_stats:all';

export const statsPolicy = {
  canView: (actor: Actor) => can(actor, FEEDBACK_STATS),
  requireView: (actor: Actor) => requirePermission(actor, FEEDBACK_STATS),
};
