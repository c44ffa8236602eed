import { type Actor, can } from '../../core/auth/actor.js';
import { Errors } from '../../core/errors.js';

/** Cataloguing, imports, collections: the provincial library's staff (unit TV) or the `all` scope. */
export const LIBRARY_MANAGE = 'manage:library';
export const LIBRARY_MANAGE_ALL = 'manage:library:all';

export const libraryPolicy = {
  canManage: (actor: Actor) => can(actor, LIBRARY_MANAGE_ALL) || can(actor, LIBRARY_MANAGE),
  requireManage(actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!libraryPolicy.canManage(actor)) throw Errors.forbidden(LIBRARY_MANAGE_ALL);
  },
  /** restricted collections are staff only; reading-room records are listed (metadata) for all */
  canSeeCollection(actor: Actor, access: string) {
    return access !== 'restricted' || libraryPolicy.canManage(actor);
  },
};
