import { can, requirePermission, type Actor } from '../../core/auth/actor.js';

/** Editors (biên tập) and administrators keep the mandatory pages and the document register
 * up to date; the law asks for updates "as soon as anything changes". */
export const LEGAL_DOCUMENT_MANAGE = 'manage:legal_document:all';
export const PORTAL_PAGE_MANAGE = 'manage:portal_page:all';

export const portalPolicy = {
  canManageDocuments: (actor: Actor) => can(actor, LEGAL_DOCUMENT_MANAGE),
  requireManageDocuments: (actor: Actor) => requirePermission(actor, LEGAL_DOCUMENT_MANAGE),
  canManagePages: (actor: Actor) => can(actor, PORTAL_PAGE_MANAGE),
  requireManagePages: (actor: Actor) => requirePermission(actor, PORTAL_PAGE_MANAGE),
};
