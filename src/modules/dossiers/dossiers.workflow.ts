import type { DossierStatus } from './dossiers.schema.js';

/**
 * The one-stop state machine, pure (no I/O): Decree 118/2025/NĐ-CP and Circular 03/2025/TT-VPCP.
 *
 *   submitted ──receive──────────────▶ received ──assign──▶ processing ──approve──▶ approved ──returnResult──▶ returned
 *   submitted ──refuse (Form 03)─────▶ refused                  │ forward (chuyên viên → lãnh đạo, Form 06)
 *   submitted|received ──requestSupplement (Form 02, once)──▶ supplement_requested ──supplement──▶ received
 *   any state after submission and before approval ──stop (Form 05, applicant's request)──▶ stopped
 *   received|processing ──pause (verification period, where the procedure allows)──▶ same state, clock stopped ──resume──▶ same state
 *   received|processing|approved ──extend (Form 04, once, leader, ≥ 1 working day before the due date)──▶ same state, new due date
 *
 * Drafts belong to filing (submitDossier); returned, refused and stopped are final.
 */
export const DOSSIER_ACTIONS = ['receive', 'refuse', 'requestSupplement', 'supplement', 'assign', 'forward', 'approve', 'returnResult', 'stop', 'pause', 'resume', 'extend'] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export const FINAL_STATES: readonly DossierStatus[] = ['returned', 'refused', 'stopped'];

/** What the machine needs to know beyond the state; the commands gather it. */
export interface TransitionFacts {
  /** how many supplement requests the dossier already had */
  supplementCount?: number;
  /** refusal and stop: the reason given to the applicant */
  reason?: string;
  /** supplement request: every missing item, listed at once */
  missingItems?: string[];
  /** assignment: the specialist chosen */
  assigneeId?: string;
  /** the role of the workflow step in progress (forward is the specialist's, approve the leader's) */
  stepRole?: string;
  /** the clock is paused (only resume and stop are possible then) */
  paused?: boolean;
  /** the procedure version allows pausing the clock */
  pauseAllowed?: boolean;
  /** how many extensions (Form 04) the dossier already had */
  extensionCount?: number;
  /** extension: working days from today to the due date (negative when overdue) */
  workingDaysToDue?: number;
  /** extension: the working days asked for */
  extraDays?: number;
}

export type RefusalCode =
  | 'illegal_transition'
  | 'reason_required'
  | 'items_required'
  | 'supplement_once'
  | 'assignee_required'
  | 'wrong_step'
  | 'paused'
  | 'not_paused'
  | 'pause_not_allowed'
  | 'extension_once'
  | 'extension_too_late'
  | 'days_required';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  vi: string;
  en: string;
}
export type Transition = { ok: true; state: DossierStatus } | Refusal;

/** The legal edges: action → (from state → to state). Anything absent is illegal. */
const EDGES: Record<DossierAction, Partial<Record<DossierStatus, DossierStatus>>> = {
  receive: { submitted: 'received' },
  refuse: { submitted: 'refused' },
  requestSupplement: { submitted: 'supplement_requested', received: 'supplement_requested' },
  supplement: { supplement_requested: 'received' },
  assign: { received: 'processing' },
  forward: { processing: 'processing' },
  approve: { processing: 'approved' },
  returnResult: { approved: 'returned' },
  // Form 05: stopping is possible only while no decision has been issued.
  stop: { submitted: 'stopped', received: 'stopped', supplement_requested: 'stopped', processing: 'stopped' },
  pause: { received: 'received', processing: 'processing' },
  resume: { received: 'received', processing: 'processing' },
  extend: { received: 'received', processing: 'processing', approved: 'approved' },
};

export const ACTION_LABELS: Record<DossierAction, string> = {
  receive: 'Tiếp nhận hồ sơ',
  refuse: 'Từ chối tiếp nhận',
  requestSupplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  supplement: 'Bổ sung hồ sơ',
  assign: 'Chuyển chuyên viên xử lý',
  forward: 'Trình lãnh đạo phê duyệt',
  approve: 'Phê duyệt kết quả',
  returnResult: 'Trả kết quả',
  stop: 'Dừng giải quyết hồ sơ',
  pause: 'Tạm dừng tính thời hạn',
  resume: 'Tiếp tục tính thời hạn',
  extend: 'Xin lỗi và hẹn lại ngày trả kết quả',
};

const refuse = (code: RefusalCode, vi: string, en: string): Refusal => ({ ok: false, code, vi, en });
const blank = (s: string | undefined) => !s?.trim();

/** The states from which `action` is legal (for showing only the allowed forms). */
export function allowedFrom(action: DossierAction): DossierStatus[] {
  return Object.keys(EDGES[action]) as DossierStatus[];
}

export function nextState(state: DossierStatus, action: DossierAction, facts: TransitionFacts = {}): Transition {
  const to = EDGES[action]?.[state];
  if (!to) {
    return refuse(
      'illegal_transition',
      `Không thể “${ACTION_LABELS[action] ?? action}” khi hồ sơ đang ở trạng thái hiện tại.`,
      `Action ${action} is not allowed in state ${state}.`,
    );
  }
  // While the clock is paused for verification only resuming it, or stopping at the applicant's
  // request, makes sense: nothing is decided on a dossier whose facts are being checked.
  if (facts.paused && action !== 'resume' && action !== 'stop') {
    return refuse('paused', 'Hồ sơ đang tạm dừng tính thời hạn; hãy tiếp tục tính thời hạn trước.', 'The clock is paused; resume it first.');
  }
  switch (action) {
    case 'pause':
      if (!facts.pauseAllowed) return refuse('pause_not_allowed', 'Thủ tục này không cho phép tạm dừng tính thời hạn.', 'This procedure does not allow pausing the clock.');
      if (blank(facts.reason)) return refuse('reason_required', 'Vui lòng nêu rõ lý do tạm dừng.', 'A reason is required.');
      break;
    case 'resume':
      if (!facts.paused) return refuse('not_paused', 'Hồ sơ không ở trạng thái tạm dừng tính thời hạn.', 'The clock is not paused.');
      break;
    case 'extend':
      // Decree 118/2025/NĐ-CP: the apology and new appointment (Form 04) is sent no later than one
      // working day before the due date, and only once.
      if ((facts.extensionCount ?? 0) >= 1) {
        return refuse('extension_once', 'Hồ sơ đã được gia hạn một lần; chỉ được xin lỗi và hẹn lại một lần.', 'The due date may be extended only once.');
      }
      if ((facts.workingDaysToDue ?? -1) < 1) {
        return refuse(
          'extension_too_late',
          'Phiếu xin lỗi và hẹn lại ngày trả kết quả phải được gửi chậm nhất 01 ngày làm việc trước hạn giải quyết.',
          'The extension must be made at least one working day before the due date.',
        );
      }
      if (blank(facts.reason)) return refuse('reason_required', 'Vui lòng nêu rõ lý do chậm trễ.', 'A reason is required.');
      if (!Number.isInteger(facts.extraDays) || (facts.extraDays ?? 0) < 1 || (facts.extraDays ?? 0) > 60) {
        return refuse('days_required', 'Số ngày làm việc gia hạn phải là số nguyên từ 1 đến 60.', 'Extra days must be 1–60.');
      }
      break;
    case 'refuse':
      // Form 03: the refusal states its reasons.
      if (blank(facts.reason)) return refuse('reason_required', 'Vui lòng nêu rõ lý do từ chối.', 'A reason is required.');
      break;
    case 'stop':
      // Form 05: the stop notice states the applicant's request and reason.
      if (blank(facts.reason)) return refuse('reason_required', 'Vui lòng nêu rõ lý do dừng giải quyết.', 'A reason is required.');
      break;
    case 'requestSupplement':
      // Decree 118/2025: everything missing is listed at once, and a supplement is requested only once.
      if ((facts.supplementCount ?? 0) >= 1) {
        return refuse(
          'supplement_once',
          'Hồ sơ đã được yêu cầu bổ sung một lần; chỉ được yêu cầu bổ sung một lần duy nhất.',
          'A supplement may be requested only once.',
        );
      }
      if (!facts.missingItems?.some((i) => !blank(i))) {
        return refuse('items_required', 'Vui lòng liệt kê đầy đủ các nội dung cần bổ sung, hoàn thiện.', 'List every missing item.');
      }
      break;
    case 'assign':
      if (blank(facts.assigneeId)) return refuse('assignee_required', 'Vui lòng chọn chuyên viên xử lý.', 'Choose a specialist.');
      break;
    case 'forward':
      if (facts.stepRole !== 'chuyen_vien') return refuse('wrong_step', 'Hồ sơ không ở bước thẩm định của chuyên viên.', 'Not at the specialist step.');
      break;
    case 'approve':
      if (facts.stepRole !== 'lanh_dao') return refuse('wrong_step', 'Hồ sơ chưa được trình lãnh đạo phê duyệt.', 'Not at the leader step.');
      break;
    default:
      break;
  }
  return { ok: true, state: to };
}

/** Form 06: a finished step against its allotted working days. */
export function stepResult(allottedDays: number, usedWorkingDays: number): 'early' | 'on_time' | 'late' {
  if (usedWorkingDays < allottedDays) return 'early';
  return usedWorkingDays === allottedDays ? 'on_time' : 'late';
}

export const STEP_RESULT_LABELS = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;
