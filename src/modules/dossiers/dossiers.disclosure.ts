import type { Executor } from '../../core/db/index.js';
import { listUnits } from '../../core/org/org.repository.js';
import * as repo from './dossiers.repository.js';

/**
 * What the applicant sees of the processing (issue 9 finding 11). Decree 118/2025/NĐ-CP has the
 * applicant follow the dossier by its stages and the body that holds it, and the Form 06 hand-off
 * record (phiếu kiểm soát quá trình) is an internal control document. So the applicant's page, the
 * applicant's API and the public tracking show the unit and the role ("Phòng Quản lý Di sản —
 * chuyên viên xử lý"), never the specialist's name, the desk's assignment note or the appraisal
 * opinion. What is addressed to the applicant stays word for word: the reasons for a refusal, a
 * supplement request, a pause, a stop or an extension, and the dates.
 *
 * Decided, and kept: the official notices (Forms 01–05) carry the name of the officer who signs
 * them, as their templates require ("ký, ghi rõ họ tên") — the one-stop desk officer deals with
 * the public in person; and the result carries the name of the leader who signs the decision.
 * Neither names the appraising specialist.
 */

/** Event kinds whose note is written for the applicant (reasons, dates, what to do). */
const ADDRESSED_TO_APPLICANT = new Set([
  'submitted',
  'desk_received',
  'received',
  'refused',
  'supplement_requested',
  'supplemented',
  'paused',
  'resumed',
  'extended',
  'stopped',
  'returned',
  // Fees (issue 18): amount, date, receipt or transfer, refund reason; no officer's name.
  'fee_paid',
  'fee_part_paid',
  'fee_refunded',
]);

/** Hand-offs inside the agency, told by unit and role. Anything not listed here is internal
 * (reminders to officers, and any kind added later until someone decides otherwise). */
const HANDOFFS: Record<string, (unit: string) => string> = {
  assigned: (unit) => `Hồ sơ được chuyển đến ${unit} — chuyên viên xử lý.`,
  forwarded: (unit) => `${unit} — chuyên viên xử lý đã thẩm định, trình Lãnh đạo Sở phê duyệt.`,
  approved: () => 'Lãnh đạo Sở đã phê duyệt kết quả giải quyết.',
};

export interface TimelineItem {
  kind: string;
  note: string | null;
}

/** The timeline as the applicant may see it: notes kept, rewritten by unit and role, or the event left out. */
export function forApplicant<E extends TimelineItem>(events: E[], unitName: string): E[] {
  return events.flatMap((e) => {
    if (ADDRESSED_TO_APPLICANT.has(e.kind)) return [e];
    const told = HANDOFFS[e.kind];
    return told ? [{ ...e, note: told(unitName) }] : [];
  });
}

/** The implementing unit's name for the applicant ("phòng chuyên môn" when it is not known). */
export async function unitNameFor(db: Executor, unitCode: string | null | undefined): Promise<string> {
  const unit = unitCode ? (await listUnits(db)).find((u) => u.code === unitCode) : undefined;
  return unit?.name ?? 'Phòng chuyên môn';
}

/** forApplicant for a dossier by id; the unit is looked up only when a hand-off needs it. */
export async function applicantTimeline<E extends TimelineItem>(db: Executor, dossierId: string, events: E[]): Promise<E[]> {
  if (!events.some((e) => e.kind in HANDOFFS)) return forApplicant(events, '');
  const d = await repo.findDossier(db, dossierId);
  return forApplicant(events, await unitNameFor(db, d?.unitCode));
}
