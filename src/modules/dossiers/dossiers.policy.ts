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
