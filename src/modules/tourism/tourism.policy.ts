import { type Actor, can } from '../../core/auth/actor.js';
import { Errors } from '../../core/errors.js';

/** Destinations, events, itineraries and 360° tours: the tourism division's officers. */
export const TOURISM_MANAGE = 'manage:tourism';

export const tourismPolicy = {
  canManage: (actor: Actor) => can(actor, TOURISM_MANAGE),
  requireManage(actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!can(actor, TOURISM_MANAGE)) throw Errors.forbidden(TOURISM_MANAGE);
  },
};
