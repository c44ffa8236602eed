import { sql } from 'drizzle-orm';
import { type Actor, can } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';

/** Register, zones, decisions, media: the heritage division and the museum (unit scope), or anyone
 * holding the `all` scope (an administrator). */
export const HERITAGE_MANAGE_UNIT = 'manage:heritage:unit';
export const HERITAGE_MANAGE_ALL = 'manage:heritage:all';
/** Decree 308/2025 Art. 85–89: content is reviewed before it goes online; a leader or the head
 * of the heritage division approves publication. */
export const HERITAGE_APPROVE_UNIT = 'approve:heritage:unit';
export const HERITAGE_APPROVE_ALL = 'approve:heritage:all';

/** The units whose staff keep the heritage records (seed.ts unit codes; the query below names them). */
export const HERITAGE_UNIT_CODES = ['QLDS', 'BT'];

const unitIds = new WeakMap<Services, Promise<string[]>>();
function heritageUnits(s: Services): Promise<string[]> {
  let p = unitIds.get(s);
  if (!p) {
    p = s.db
      .execute<{ id: string }>(sql`SELECT id FROM units WHERE code IN ('QLDS', 'BT')`)
      .then((r) => r.rows.map((x) => x.id))
      .catch((e) => {
        unitIds.delete(s);
        throw e;
      });
    unitIds.set(s, p);
  }
  return p;
}

async function holds(s: Services, actor: Actor, action: 'manage' | 'approve'): Promise<boolean> {
  if (can(actor, `${action}:heritage:all`)) return true;
  const ids = await heritageUnits(s);
  return ids.some((unitId) => can(actor, `${action}:heritage`, { unitId }));
}

export const heritagePolicy = {
  canManage: (s: Services, actor: Actor) => holds(s, actor, 'manage'),
  canApprove: (s: Services, actor: Actor) => holds(s, actor, 'approve'),
  async requireManage(s: Services, actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!(await holds(s, actor, 'manage'))) throw Errors.forbidden(HERITAGE_MANAGE_UNIT);
  },
  async requireApprove(s: Services, actor: Actor) {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!(await holds(s, actor, 'approve'))) throw Errors.forbidden(HERITAGE_APPROVE_UNIT);
  },
};
