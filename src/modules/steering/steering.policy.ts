import { type Actor, can } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { unitCodesOfIds, unitIdOf } from './steering.repository.js';

/** Plans, meetings, tasks, committee, reports: the office that serves the steering committee and
 * the leaders. */
export const STEERING_MANAGE = 'manage:steering:all';
/** Progress of a task owned by (or shared with) the officer's own unit. */
export const STEERING_UPDATE_UNIT = 'update:steering_task:unit';
export const STEERING_UPDATE_ALL = 'update:steering_task:all';
/** A report is final only after a leader approves it (issue 17 part 6). */
export const STEERING_APPROVE = 'approve:steering_report:all';
export const STEERING_VIEW = 'view:steering:all';

export const steeringPolicy = {
  canManage: (a: Actor) => can(a, STEERING_MANAGE),
  canApprove: (a: Actor) => can(a, STEERING_APPROVE),
  canView: (a: Actor) => can(a, STEERING_VIEW) || can(a, STEERING_MANAGE) || can(a, STEERING_APPROVE),
  requireManage(a: Actor) {
    if (a.kind === 'anonymous') throw Errors.unauthenticated();
    if (!can(a, STEERING_MANAGE)) throw Errors.forbidden(STEERING_MANAGE);
  },
  requireApprove(a: Actor) {
    if (a.kind === 'anonymous') throw Errors.unauthenticated();
    if (!can(a, STEERING_APPROVE)) throw Errors.forbidden(STEERING_APPROVE);
  },
  requireView(a: Actor) {
    if (a.kind === 'anonymous') throw Errors.unauthenticated();
    if (!steeringPolicy.canView(a) && !a.grants.some((g) => g.permission.startsWith('update:steering_task:'))) throw Errors.forbidden(STEERING_VIEW);
  },
  /** The units whose tasks the actor may update; undefined = every unit. */
  async updatableUnits(s: Services, a: Actor): Promise<string[] | undefined> {
    if (can(a, STEERING_UPDATE_ALL) || can(a, STEERING_MANAGE)) return undefined;
    const ids = a.grants.filter((g) => g.permission === STEERING_UPDATE_UNIT && g.unitId).map((g) => g.unitId!);
    return unitCodesOfIds(s.db, ids);
  },
  async requireUpdate(s: Services, a: Actor, task: { ownerUnit: string; coUnits: string[] }) {
    if (a.kind === 'anonymous') throw Errors.unauthenticated();
    if (can(a, STEERING_UPDATE_ALL) || can(a, STEERING_MANAGE)) return;
    const unitId = await unitIdOf(s.db, task.ownerUnit);
    if (unitId && can(a, 'update:steering_task', { unitId })) return;
    for (const co of task.coUnits) {
      const id = await unitIdOf(s.db, co);
      if (id && can(a, 'update:steering_task', { unitId: id })) return;
    }
    throw Errors.forbidden(STEERING_UPDATE_UNIT);
  },
};
