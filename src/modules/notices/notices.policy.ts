import { can, requirePermission, type Actor } from '../../core/auth/actor.js';

/** Who may do what with notices. Views ask `canManage` so they show only allowed buttons. */
export const NOTICE_MANAGE = 'manage:notice:all';
/** The summary of the anonymous page ratings ("Bạn có hài lòng với trang này?"). */
export const PAGE_RATING_VIEW = 'view:page_rating:all';

export const noticePolicy = {
  canManage: (actor: Actor) => can(actor, NOTICE_MANAGE),
  requireManage: (actor: Actor) => requirePermission(actor, NOTICE_MANAGE),
  requireRatingView: (actor: Actor) => requirePermission(actor, PAGE_RATING_VIEW),
};
