import type { CommandContext } from '../../core/context.js';
import type { Executor } from '../../core/db/index.js';
import { listUnits } from '../../core/org/org.repository.js';
import { Errors } from '../../core/errors.js';
import { processingPolicy } from './dossiers.policy.js';
import { availableActions, loadForStaff, specialistsFor, verificationInfo, type ActionSlug } from './dossiers.processing.js';
import * as repo from './dossiers.repository.js';

export interface AssignableOfficer {
  id: string;
  name: string;
  unit: string;
  role: string;
}

export interface StaffDossierView {
  version: number;
  allowedActions: ActionSlug[];
  assignableOfficers: AssignableOfficer[];
}

/** Whether the API answers this actor with the staff view of a dossier (the console's readers). */
export const seesStaffView = (ctx: CommandContext) => processingPolicy.canUseConsole(ctx.actor);

/**
 * What an integrator needs to act on a dossier without the HTML page (issue 9, wave-1 API gap):
 * the version every action requires, the actions this actor may take now — computed by the same
 * `availableActions` that decides which forms the staff page shows — and, when assigning is one
 * of them, the officers the command would accept as `assigneeId`.
 */
export async function staffDossierView(ctx: CommandContext, dossierId: string): Promise<StaffDossierView> {
  const l = await loadForStaff(ctx, dossierId);
  const cal = await ctx.services.calendar.calendar();
  const allowedActions = availableActions(ctx.actor, l, cal);
  let assignableOfficers: AssignableOfficer[] = [];
  if (allowedActions.includes('assign')) {
    const unit = (await listUnits(ctx.services.db)).find((u) => u.id === l.unitId);
    assignableOfficers = (await specialistsFor(ctx.services.db, l.unitId)).map((o) => ({ id: o.id, name: o.name, unit: unit?.name ?? '', role: 'chuyen_vien' }));
  }
  return { version: l.dossier.version, allowedActions, assignableOfficers };
}

/** The public check of a result PDF by its checksum: only what is printed on the document (code,
 * procedure, date of issue), never personal data — the same as the /xac-thuc page. */
export async function verifyResultHash(db: Executor, sha256: string) {
  const r = await repo.findResultBySha256(db, sha256.toLowerCase());
  return r ? verificationInfo(db, r.id) : undefined;
}

/**
 * GET /api/v1/dossiers/{code} for an officer: the dossier as the applicant's lookup shows it plus
 * the staff view. Read through the console's scope, so a unit's specialist finds the dossiers of
 * the unit (the applicant's lookup only knows agency-wide readers).
 */
export async function staffLookup(ctx: CommandContext, code: string) {
  const d = await repo.findByCode(ctx.services.db, code);
  if (!d || d.status === 'draft') throw Errors.notFound('Hồ sơ');
  const view = await staffDossierView(ctx, d.id);
  const l = await loadForStaff(ctx, d.id);
  const events = await repo.listEvents(ctx.services.db, d.id);
  return {
    id: d.id,
    code: d.code,
    status: d.status,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName ?? l.proc.name,
    channel: d.channel,
    submittedAt: d.submittedAt?.toISOString() ?? null,
    dueDate: d.dueDate,
    events: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, note: e.note })),
    ...view,
  };
}
