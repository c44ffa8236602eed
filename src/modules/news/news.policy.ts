import { can, requirePermission, type Actor } from '../../core/auth/actor.js';

/** Editors (biên tập viên) write and submit; approvers (lãnh đạo, ban biên tập) approve,
 * schedule, publish and unpublish. Views ask `can…` so they show only allowed buttons. */
export const ARTICLE_WRITE = 'write:article:all';
export const ARTICLE_APPROVE = 'approve:article:all';

export const newsPolicy = {
  canWrite: (actor: Actor) => can(actor, ARTICLE_WRITE),
  canApprove: (actor: Actor) => can(actor, ARTICLE_APPROVE),
  requireWrite: (actor: Actor) => requirePermission(actor, ARTICLE_WRITE),
  requireApprove: (actor: Actor) => requirePermission(actor, ARTICLE_APPROVE),
  /** Drafts and their images and attachments: the newsroom (writers and approvers) only. */
  canSeeDrafts: (actor: Actor) => can(actor, ARTICLE_WRITE) || can(actor, ARTICLE_APPROVE),
  /** The staff list and editor page: either role may open them. */
  requireStaff: (actor: Actor) => {
    if (!can(actor, ARTICLE_WRITE) && !can(actor, ARTICLE_APPROVE)) requirePermission(actor, ARTICLE_WRITE);
  },
};
