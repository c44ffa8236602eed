import { can, type Actor } from '../../core/auth/actor.js';
import { AppError, Errors } from '../../core/errors.js';

/** Staff of the agency may read every dossier filed with it (the one-stop desk, specialists and
 * leaders); per-unit scoping comes with the processing half. */
export const DOSSIER_VIEW_AGENCY = 'view:dossier:agency';

/** Filing is for citizens and businesses on their own account. Desk intake by an officer is a
 * separate command (issue 3, part 8), so a staff account cannot pose as an applicant here. */
export function requireApplicant(actor: Actor): asserts actor is Actor & { userId: string } {
  if (actor.kind === 'anonymous' || !actor.userId) throw Errors.unauthenticated();
  if (actor.kind !== 'citizen') {
    throw new AppError(
      'DOSSIER-300',
      403,
      'Tài khoản cán bộ không thể nộp hồ sơ với tư cách người nộp. Vui lòng dùng tài khoản công dân hoặc tổ chức.',
      'Staff accounts cannot file as applicants.',
    );
  }
}

export const dossierPolicy = {
  requireApplicant,
  isApplicant: (actor: Actor, d: { applicantId: string }) => !!actor.userId && actor.userId === d.applicantId,
  canViewAgency: (actor: Actor) => can(actor, DOSSIER_VIEW_AGENCY),
  /** The applicant always; agency staff once it is submitted (a draft is the applicant's private work). */
  canView(actor: Actor, d: { applicantId: string; status: string }) {
    return this.isApplicant(actor, d) || (d.status !== 'draft' && this.canViewAgency(actor));
  },
};

// One-stop processing (Decree 118/2025/NĐ-CP): the desk receives and returns, the implementing
// unit's specialist appraises, a leader approves.
export const DOSSIER_RECEIVE = 'receive:dossier:agency';
export const DOSSIER_PROCESS_UNIT = 'process:dossier:unit';
export const DOSSIER_APPROVE = 'approve:dossier:agency';
/** The unit head (trưởng phòng) hands a received dossier of the unit to one of its specialists. */
export const DOSSIER_ASSIGN_UNIT = 'assign:dossier:unit';
/** Read access limited to the dossiers of the unit's procedures (specialists). */
export const DOSSIER_VIEW_UNIT = 'view:dossier:unit';

export const processingPolicy = {
  /** Permissions that see every dossier of the agency in the staff console. */
  agencyWide(actor: Actor): boolean {
    return can(actor, DOSSIER_VIEW_AGENCY) || can(actor, DOSSIER_RECEIVE) || can(actor, DOSSIER_APPROVE) || can(actor, 'process:dossier:agency');
  },
  /** Unit ids whose procedures a unit-scoped actor may see and process. */
  units(actor: Actor): string[] {
    return [
      ...new Set(
        actor.grants
          .filter((g) => (g.permission === DOSSIER_PROCESS_UNIT || g.permission === DOSSIER_VIEW_UNIT || g.permission === DOSSIER_ASSIGN_UNIT) && g.unitId)
          .map((g) => g.unitId!),
      ),
    ];
  },
  /** The desk, or the head of the implementing unit. */
  canAssign(actor: Actor, unitId: string | null | undefined): boolean {
    return can(actor, DOSSIER_RECEIVE) || (!!unitId && can(actor, 'assign:dossier', { unitId }));
  },
  /** May open the staff console at all. */
  canUseConsole(actor: Actor): boolean {
    return actor.kind !== 'anonymous' && actor.kind !== 'citizen' && (this.agencyWide(actor) || this.units(actor).length > 0);
  },
  /** May read this dossier in the console: agency-wide, or the unit implementing its procedure. */
  canSee(actor: Actor, unitId: string | null | undefined): boolean {
    if (!this.canUseConsole(actor)) return false;
    return this.agencyWide(actor) || (!!unitId && this.units(actor).includes(unitId));
  },
};
