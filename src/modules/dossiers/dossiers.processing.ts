import crypto from 'node:crypto';
import { transaction, type Executor, type Tx } from '../../core/db/index.js';
import type { CommandContext } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { can, requirePermission, type Actor } from '../../core/auth/actor.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { findUser } from '../../core/identity/identity.repository.js';
import { queueMail } from '../../core/mail/mail.js';
import { currentAgency, grantsForUser, listAssignments, listUnits } from '../../core/org/org.repository.js';
import type { WorkingCalendar } from '../../core/calendar/index.js';
import { formatDateTimeVi, formatDateVi, nfc, vnIsoDate } from '../../core/validation.js';
import { findVersion, type ProcedureWithVersion } from '../procedures/index.js';
import type { WorkflowStep } from '../procedures/index.js';
import { DOSSIER_APPROVE, DOSSIER_ASSIGN_UNIT, DOSSIER_RECEIVE, processingPolicy, requireApplicant } from './dossiers.policy.js';
import { renderResult } from './dossiers.result.js';
import { signingService } from '../../core/signing/index.js';
import { clockStartDay } from './dossiers.code.js';
import * as repo from './dossiers.repository.js';
import type { dossierResults, dossiers } from './dossiers.schema.js';
import { ACTION_LABELS, FINAL_STATES, nextState, stepResult, STEP_RESULT_LABELS, type DossierAction, type TransitionFacts } from './dossiers.workflow.js';

export interface ActionInput {
  /** the dossier version the officer's page was rendered from (optimistic locking) */
  version: number;
  reason?: string;
  missingItems?: string[];
  assigneeId?: string;
  note?: string;
  /** extension (Form 04): working days added to the due date */
  extraDays?: number;
}

export interface Loaded {
  dossier: repo.Dossier;
  proc: ProcedureWithVersion;
  /** the unit implementing the procedure (its specialists appraise the dossier) */
  unitId: string | null;
}

const notFound = () => Errors.notFound('Hồ sơ');

/** The procedure's implementing unit (cơ quan/đơn vị thực hiện): its specialists appraise. */
export function implementingUnitCode(proc: ProcedureWithVersion): string {
  return proc.unitCode;
}

async function unitIdByCode(db: Executor, code: string): Promise<string | null> {
  return (await listUnits(db)).find((u) => u.code === code)?.id ?? null;
}

async function load(db: Executor, id: string, lock = false): Promise<Loaded> {
  const d = lock ? await repo.lockDossier(db, id) : await repo.findDossier(db, id);
  if (!d || d.status === 'draft') throw notFound();
  const proc = await findVersion(db, d.procedureVersionId);
  if (!proc) throw notFound();
  return { dossier: d, proc, unitId: await unitIdByCode(db, implementingUnitCode(proc)) };
}

/** The console's read access: agency-wide staff, or the implementing unit's specialists. Others
 * (citizens included) get 403 on the console and "not found" on a dossier outside their scope. */
export function requireConsole(actor: Actor) {
  if (actor.kind === 'anonymous') throw Errors.unauthenticated();
  if (!processingPolicy.canUseConsole(actor)) throw Errors.forbidden('view:dossier');
}

export async function loadForStaff(ctx: CommandContext, id: string): Promise<Loaded> {
  requireConsole(ctx.actor);
  const l = await load(ctx.services.db, id);
  if (!processingPolicy.canSee(ctx.actor, l.unitId)) throw notFound();
  return l;
}

/** Permission first, before any read: the coarse check; the unit-scoped one follows the load. */
function requireFor(actor: Actor, action: DossierAction) {
  if (action === 'approve') return requirePermission(actor, DOSSIER_APPROVE);
  if (action === 'extend') return requirePermission(actor, DOSSIER_APPROVE);
  if (action === 'forward' || action === 'pause' || action === 'resume') {
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (action !== 'forward' && can(actor, DOSSIER_RECEIVE)) return;
    if (!actor.grants.some((g) => g.permission === '*' || g.permission.startsWith('process:dossier:'))) throw Errors.forbidden('process:dossier:unit');
    return;
  }
  if (action === 'supplement') return requireApplicant(actor);
  if (action === 'assign' && !can(actor, DOSSIER_RECEIVE)) {
    // The unit head's right is unit-scoped: the coarse check here, the unit once the dossier is loaded.
    if (actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!actor.grants.some((g) => g.permission === DOSSIER_ASSIGN_UNIT)) throw Errors.forbidden(DOSSIER_RECEIVE);
    return;
  }
  return requirePermission(actor, DOSSIER_RECEIVE);
}

const STATE_ERRORS: Record<string, string> = {
  reason_required: 'reason',
  items_required: 'missingItems',
  assignee_required: 'assigneeId',
  days_required: 'extraDays',
};

/** Stable codes of the refusals that are not about one field (CODE_STYLE.md: never reused). */
const REFUSAL_CODES: Record<string, string> = {
  illegal_transition: 'DOSSIER-201',
  supplement_once: 'DOSSIER-202',
  paused: 'DOSSIER-203',
  not_paused: 'DOSSIER-204',
  pause_not_allowed: 'DOSSIER-205',
  extension_once: 'DOSSIER-206',
  extension_too_late: 'DOSSIER-207',
  wrong_step: 'DOSSIER-208',
};

function refusalError(r: { code: string; vi: string; en: string }): AppError {
  const field = STATE_ERRORS[r.code];
  if (field) return Errors.validation({ [field]: { vi: r.vi, en: r.en } });
  return new AppError(REFUSAL_CODES[r.code] ?? 'DOSSIER-201', 409, r.vi, r.en);
}

/** The index of the next workflow step held by `role` after `from`; the next step otherwise. */
export function nextStepIndex(workflow: WorkflowStep[], from: number, role?: string): number {
  for (let i = from + 1; i < workflow.length; i++) if (!role || workflow[i]!.role === role) return i;
  return Math.min(from + 1, Math.max(workflow.length - 1, 0));
}

interface Plan {
  set: Partial<typeof dossiers.$inferInsert>;
  event: {
    kind: string;
    note: string;
    fromStep?: string | null;
    toStep?: string | null;
    stepResult?: 'early' | 'on_time' | 'late' | null;
    details?: Record<string, unknown>;
  };
  mail?: { subject: string; lines: string[] };
  audit?: Record<string, unknown>;
}

/** What the state machine needs to know about this dossier today. */
function factsFor(l: Loaded, input: Partial<ActionInput>, cal: WorkingCalendar | undefined, today: string): TransitionFacts {
  const d = l.dossier;
  return {
    supplementCount: d.supplementCount,
    reason: input.reason,
    missingItems: input.missingItems,
    assigneeId: input.assigneeId,
    stepRole: l.proc.workflow[d.workflowStep]?.role,
    paused: d.pausedAt !== null,
    pauseAllowed: l.proc.pauseAllowed,
    extensionCount: d.extensionCount,
    workingDaysToDue: d.dueDate && cal ? (d.dueDate >= today ? cal.workingDaysBetween(today, d.dueDate) : -1) : undefined,
    extraDays: input.extraDays,
  };
}

/** Form 06: how the step that ends now did against its allotted working days. */
function handOff(cal: WorkingCalendar, proc: ProcedureWithVersion, d: repo.Dossier, to: number | null, today: string) {
  const cur = proc.workflow[d.workflowStep];
  const used = d.stepStartedAt ? cal.workingDaysBetween(vnIsoDate(d.stepStartedAt), today) : 0;
  const result = cur ? stepResult(cur.days, used) : null;
  return { fromStep: cur?.step ?? null, toStep: to === null ? null : (proc.workflow[to]?.step ?? null), stepResult: result };
}

/**
 * One command for every one-stop action: permission, state machine, optimistic lock on the
 * dossier version, then one transaction with the timeline event (Form 06 hand-off), the audit row
 * and the applicant's email. `now` is for tests on the real calendar.
 */
async function act(
  ctx: CommandContext,
  id: string,
  action: DossierAction,
  input: ActionInput,
  opts: { now?: Date },
  plan: (l: Loaded, cal: WorkingCalendar, now: Date, today: string) => Promise<Plan> | Plan,
  after?: (tx: Tx, l: Loaded, updated: repo.Dossier) => Promise<void>,
): Promise<repo.Dossier> {
  requireFor(ctx.actor, action);
  const db = ctx.services.db;
  const now = opts.now ?? new Date();
  const today = vnIsoDate(now);
  const l = await load(db, id);
  if (action === 'supplement') {
    if (l.dossier.applicantId !== ctx.actor.userId) throw notFound();
  } else if (!processingPolicy.canSee(ctx.actor, l.unitId)) {
    throw notFound();
  }
  if (action === 'forward' && !can(ctx.actor, 'process:dossier', { unitId: l.unitId })) throw Errors.forbidden('process:dossier:unit');
  if (action === 'assign' && !processingPolicy.canAssign(ctx.actor, l.unitId)) throw Errors.forbidden(DOSSIER_ASSIGN_UNIT);
  if ((action === 'pause' || action === 'resume') && !can(ctx.actor, DOSSIER_RECEIVE) && !can(ctx.actor, 'process:dossier', { unitId: l.unitId })) {
    throw Errors.forbidden('process:dossier:unit');
  }
  if (!Number.isInteger(input.version) || input.version !== l.dossier.version) throw Errors.conflict();
  // Loaded before the transaction (as submitDossier does): a cold cache would take a second connection.
  const cal = await ctx.services.calendar.calendar();
  const t = nextState(l.dossier.status, action, factsFor(l, input, cal, today));
  if (!t.ok) throw refusalError(t);
  const p = await plan(l, cal, now, today);
  // The work queues read the role of the step in progress from the dossier itself.
  const step = p.set.workflowStep ?? l.dossier.workflowStep;
  const set = { ...p.set, stepRole: FINAL_STATES.includes(t.state) ? null : (l.proc.workflow[step]?.role ?? null) };
  return transaction(ctx.services.pool, async (tx) => {
    const updated = await repo.transitionDossier(tx, { id, version: input.version, fromStatus: l.dossier.status, toStatus: t.state, set, now });
    // Two officers acting at once: the second finds the version moved on and changes nothing.
    if (!updated) throw Errors.conflict();
    await repo.insertEvent(tx, { dossierId: id, at: now, actorId: ctx.actor.userId, ...p.event });
    if (after) await after(tx, l, updated);
    if (p.mail) {
      const applicant = await findUser(tx, updated.applicantId);
      if (applicant?.email) {
        await queueMail(tx, ctx.services.jobs, {
          to: applicant.email,
          subject: p.mail.subject,
          text: [`Kính gửi ${applicant.fullName},`, '', ...p.mail.lines].join('\n'),
        });
      }
    }
    await writeAudit(tx, ctx, {
      action: `dossier.${action}`,
      entity: 'dossier',
      entityId: id,
      summary: { code: updated.code, from: l.dossier.status, to: updated.status, version: updated.version, ...p.audit },
    });
    return updated;
  });
}

const track = (ctx: CommandContext, d: repo.Dossier) => `${ctx.services.config.publicUrl}/ho-so/${d.id}`;

/** receive (tiếp nhận): a valid, complete dossier; the statutory clock starts today
 * (Decree 118/2025/NĐ-CP: counted in working days from valid receipt). */
export function receiveDossier(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  return act(ctx, id, 'receive', input, opts, ({ dossier: d, proc }, cal, now) => {
    const dueDate = cal.addWorkingDays(clockStartDay(cal, now, ctx.services.config.dossiers.afternoonCutoff), proc.processingDays);
    return {
      set: { receivedAt: now, dueDate, workflowStep: 0, stepStartedAt: now },
      event: { kind: 'received', note: `Tiếp nhận hồ sơ hợp lệ; hạn giải quyết ${formatDateVi(dueDate)}.`, toStep: proc.workflow[0]?.step ?? null },
      mail: {
        subject: `Hồ sơ ${d.code} đã được tiếp nhận`,
        lines: [
          `Hồ sơ ${d.code} (${proc.name}) đã được tiếp nhận hợp lệ lúc ${formatDateTimeVi(now)}.`,
          `Thời hạn giải quyết: ${proc.processingDays} ngày làm việc; ngày hẹn trả kết quả: ${formatDateVi(dueDate)}.`,
          `Theo dõi hồ sơ: ${track(ctx, d)}`,
        ],
      },
      audit: { dueDate },
    };
  });
}

/** refuse (Form 03, Circular 03/2025/TT-VPCP): the dossier is not accepted, with reasons. */
export function refuseDossier(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  const reason = nfc(input.reason ?? '');
  return act(ctx, id, 'refuse', { ...input, reason }, opts, ({ dossier: d, proc }, _cal, now) => ({
    set: { finishedAt: now },
    event: { kind: 'refused', note: `Từ chối tiếp nhận giải quyết hồ sơ. Lý do: ${reason}`, details: { reason } },
    mail: {
      subject: `Từ chối tiếp nhận hồ sơ ${d.code}`,
      lines: [
        `Bộ phận tiếp nhận và trả kết quả từ chối tiếp nhận giải quyết hồ sơ ${d.code} (${proc.name}).`,
        `Lý do: ${reason}`,
        'Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu số 03, Thông tư số 03/2025/TT-VPCP).',
      ],
    },
  }));
}

/** The list typed by the officer: one item a line, blanks dropped. */
export function parseItems(text: string): string[] {
  return nfc(text)
    .split(/\r?\n/)
    .map((s) => s.replace(/^[\s\-–•*\d.)]+/, '').trim())
    .filter(Boolean);
}

/** requestSupplement (Form 02): every missing item at once, only once per dossier; the clock
 * pauses until the applicant answers (Decree 118/2025/NĐ-CP). */
export function requestSupplement(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  const items = (input.missingItems ?? []).map((s) => nfc(s)).filter(Boolean);
  return act(ctx, id, 'requestSupplement', { ...input, missingItems: items }, opts, ({ dossier: d, proc }, _cal, now) => ({
    set: { supplementCount: d.supplementCount + 1, supplementRequestedAt: now, supplementItems: items },
    event: { kind: 'supplement_requested', note: `Yêu cầu bổ sung, hoàn thiện hồ sơ: ${items.map((x, i) => `${i + 1}) ${x}`).join('; ')}.`, details: { items } },
    mail: {
      subject: `Yêu cầu bổ sung hồ sơ ${d.code}`,
      lines: [
        `Hồ sơ ${d.code} (${proc.name}) cần được bổ sung, hoàn thiện các nội dung sau:`,
        ...items.map((x, i) => `${i + 1}. ${x}`),
        '',
        'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu số 02, Thông tư số 03/2025/TT-VPCP). Hồ sơ chỉ được yêu cầu bổ sung một lần.',
        `Bổ sung hồ sơ trực tuyến: ${ctx.services.config.publicUrl}/ho-so/${d.id}/bo-sung`,
      ],
    },
    audit: { items: items.length },
  }));
}

/**
 * supplement (by the applicant): the clock resumes. A dossier already received keeps its clock and
 * the due date moves by the working days of the pause; one asked to supplement at intake is
 * received now and its clock starts now.
 */
export function supplementDossier(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  const note = nfc(input.note ?? '').slice(0, 4000);
  return act(ctx, id, 'supplement', input, opts, ({ dossier: d, proc }, cal, now, today) => {
    let dueDate: string;
    let paused = 0;
    if (d.receivedAt && d.dueDate) {
      paused = d.supplementRequestedAt ? Math.max(0, cal.workingDaysBetween(vnIsoDate(d.supplementRequestedAt), today)) : 0;
      dueDate = cal.addWorkingDays(d.dueDate, paused);
    } else {
      dueDate = cal.addWorkingDays(clockStartDay(cal, now, ctx.services.config.dossiers.afternoonCutoff), proc.processingDays);
    }
    return {
      set: { dueDate, receivedAt: d.receivedAt ?? now, stepStartedAt: now, workflowStep: d.receivedAt ? d.workflowStep : 0 },
      event: {
        kind: 'supplemented',
        note: `Người nộp đã bổ sung hồ sơ${note ? `: ${note}` : '.'} Hạn giải quyết: ${formatDateVi(dueDate)}${paused ? ` (cộng ${paused} ngày làm việc tạm dừng)` : ''}.`,
      },
      audit: { dueDate, pausedWorkingDays: paused },
    };
  });
}

/** Staff who may appraise in the unit: a role assignment there with process:dossier for it. */
export async function specialistsFor(db: Executor, unitId: string | null): Promise<{ id: string; name: string }[]> {
  if (!unitId) return [];
  const today = vnIsoDate();
  const seen = new Map<string, string>();
  for (const a of await listAssignments(db)) {
    if (a.unitId !== unitId || seen.has(a.userId)) continue;
    const grants = await grantsForUser(db, a.userId, today);
    // The unit head may take a dossier himself (issue 10, finding 1): named as such in the list.
    if (grants.some((g) => g.permission === 'process:dossier:unit' && g.unitId === unitId))
      seen.set(a.userId, a.positionCode === 'truong_phong' ? `${a.userName} (Trưởng phòng)` : a.userName);
  }
  return [...seen].map(([id, name]) => ({ id, name })).sort((x, y) => x.name.localeCompare(y.name, 'vi'));
}

/** assign: the desk hands the dossier to a specialist of the implementing unit (Form 06). */
export function assignDossier(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  return act(ctx, id, 'assign', input, opts, async (l, cal, now, today) => {
    const specialists = await specialistsFor(ctx.services.db, l.unitId);
    const who = specialists.find((s) => s.id === input.assigneeId);
    if (!who)
      throw Errors.validation({ assigneeId: { vi: 'Chuyên viên được chọn không thuộc đơn vị giải quyết thủ tục.', en: 'Not a specialist of the unit.' } });
    const to = nextStepIndex(l.proc.workflow, l.dossier.workflowStep, 'chuyen_vien');
    const h = handOff(cal, l.proc, l.dossier, to, today);
    return {
      set: { assigneeId: who.id, workflowStep: to, stepStartedAt: now },
      event: { kind: 'assigned', note: `Chuyển chuyên viên ${who.name} xử lý.${input.note ? ` ${nfc(input.note)}` : ''}`, ...h },
      audit: { assigneeId: who.id, stepResult: h.stepResult },
    };
  });
}

/** forward: the specialist submits the appraised dossier to the leader (Form 06). */
export function forwardDossier(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  return act(ctx, id, 'forward', input, opts, (l, cal, now, today) => {
    const to = nextStepIndex(l.proc.workflow, l.dossier.workflowStep, 'lanh_dao');
    const h = handOff(cal, l.proc, l.dossier, to, today);
    const note = nfc(input.note ?? '');
    return {
      set: { workflowStep: to, stepStartedAt: now },
      event: { kind: 'forwarded', note: `Trình lãnh đạo phê duyệt.${note ? ` Ý kiến thẩm định: ${note}` : ''}`, ...h },
      audit: { stepResult: h.stepResult },
    };
  });
}

/** approve: the leader signs off the result; from now on the dossier can no longer be stopped. */
export function approveDossier(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  return act(ctx, id, 'approve', input, opts, (l, cal, now, today) => {
    const to = nextStepIndex(l.proc.workflow, l.dossier.workflowStep);
    const h = handOff(cal, l.proc, l.dossier, to === l.dossier.workflowStep ? null : to, today);
    return {
      set: { workflowStep: to, stepStartedAt: now, decidedAt: now, decidedBy: ctx.actor.userId },
      event: { kind: 'approved', note: 'Lãnh đạo phê duyệt kết quả giải quyết.', ...h },
      audit: { stepResult: h.stepResult },
    };
  });
}

/** stop (Form 05): at the applicant's request, while no decision exists. */
export function stopDossier(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  const reason = nfc(input.reason ?? '');
  return act(ctx, id, 'stop', { ...input, reason }, opts, ({ dossier: d, proc }, _cal, now) => ({
    set: { finishedAt: now },
    event: { kind: 'stopped', note: `Dừng giải quyết hồ sơ theo đề nghị của người nộp. Lý do: ${reason}`, details: { reason } },
    mail: {
      subject: `Thông báo dừng giải quyết hồ sơ ${d.code}`,
      lines: [
        `Theo đề nghị của Ông/Bà, hồ sơ ${d.code} (${proc.name}) đã được dừng giải quyết.`,
        `Lý do: ${reason}`,
        'Thông báo dừng giải quyết hồ sơ (Mẫu số 05, Thông tư số 03/2025/TT-VPCP).',
      ],
    },
  }));
}

/** pause: the clock stops for a verification period the procedure allows (site inspection,
 * expert appraisal); the reason is shown to the applicant. */
export function pauseDossier(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  const reason = nfc(input.reason ?? '').slice(0, 2000);
  return act(ctx, id, 'pause', { ...input, reason }, opts, ({ dossier: d, proc }, _cal, now) => ({
    set: { pausedAt: now, pauseReason: reason },
    event: { kind: 'paused', note: `Tạm dừng tính thời hạn giải quyết. Lý do: ${reason}`, details: { reason } },
    mail: {
      subject: `Hồ sơ ${d.code} tạm dừng tính thời hạn`,
      lines: [`Hồ sơ ${d.code} (${proc.name}) tạm dừng tính thời hạn giải quyết từ ${formatDateTimeVi(now)}.`, `Lý do: ${reason}`, `Theo dõi hồ sơ: ${track(ctx, d)}`],
    },
  }));
}

/** resume: the due date moves by the working days the clock was paused. */
export function resumeDossier(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  return act(ctx, id, 'resume', input, opts, ({ dossier: d, proc }, cal, _now, today) => {
    const paused = d.pausedAt ? Math.max(0, cal.workingDaysBetween(vnIsoDate(d.pausedAt), today)) : 0;
    const dueDate = d.dueDate ? cal.addWorkingDays(d.dueDate, paused) : d.dueDate;
    return {
      set: { pausedAt: null, pauseReason: null, dueDate },
      event: { kind: 'resumed', note: `Tiếp tục tính thời hạn (tạm dừng ${paused} ngày làm việc). Hạn giải quyết: ${formatDateVi(dueDate)}.` },
      mail: {
        subject: `Hồ sơ ${d.code} tiếp tục được giải quyết`,
        lines: [`Hồ sơ ${d.code} (${proc.name}) tiếp tục được tính thời hạn giải quyết.`, `Ngày hẹn trả kết quả: ${formatDateVi(dueDate)}.`],
      },
      audit: { pausedWorkingDays: paused, dueDate },
    };
  });
}

/** extend (Form 04): the apology and new appointment, once, signed off by a leader, no later than
 * one working day before the due date (Decree 118/2025/NĐ-CP). */
export function extendDossier(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  const reason = nfc(input.reason ?? '').slice(0, 2000);
  return act(ctx, id, 'extend', { ...input, reason }, opts, ({ dossier: d, proc }, cal) => {
    const dueDate = cal.addWorkingDays(d.dueDate!, input.extraDays!);
    return {
      set: { extensionCount: d.extensionCount + 1, dueDate },
      event: {
        kind: 'extended',
        note: `Xin lỗi và hẹn lại ngày trả kết quả: ${formatDateVi(dueDate)} (thêm ${input.extraDays} ngày làm việc). Lý do: ${reason}`,
        details: { reason, from: d.dueDate, to: dueDate, extraDays: input.extraDays },
      },
      mail: {
        subject: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${d.code}`,
        lines: [
          `Hồ sơ ${d.code} (${proc.name}) có hạn trả kết quả ngày ${formatDateVi(d.dueDate)}.`,
          `Vì lý do: ${reason}, cơ quan giải quyết chưa thể trả kết quả đúng hạn. Chúng tôi thành thật xin lỗi Ông/Bà vì sự chậm trễ này.`,
          `Ngày hẹn trả kết quả mới: ${formatDateVi(dueDate)}.`,
          'Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu số 04, Thông tư số 03/2025/TT-VPCP).',
        ],
      },
      audit: { from: d.dueDate, dueDate, extraDays: input.extraDays },
    };
  });
}

/** returnResult: the electronic result PDF (with its verification QR code) is issued, stored
 * with its SHA-256 and given to the applicant; the dossier is classified against its due date. */
export async function returnResult(ctx: CommandContext, id: string, input: ActionInput, opts: { now?: Date } = {}) {
  requirePermission(ctx.actor, DOSSIER_RECEIVE);
  const db = ctx.services.db;
  const now = opts.now ?? new Date();
  const resultId = crypto.randomUUID();
  // The PDF is made before the transaction (it is slow); a conflict simply discards it.
  const pre = await load(db, id);
  let pdf: Buffer | undefined;
  if (pre.dossier.status === 'approved' && pre.dossier.version === input.version && processingPolicy.canSee(ctx.actor, pre.unitId)) {
    const d = pre.dossier;
    const approver = d.decidedBy ? await findUser(db, d.decidedBy) : undefined;
    const agency = await currentAgency(db, vnIsoDate(now));
    // Signing comes first: without a usable certificate no result is issued (SIGN-503), never an
    // unsigned one that looks signed (issue 18).
    const signing = signingService(ctx.services.config);
    const signer = signing.signer();
    const agencyName = agency?.name ?? 'Sở Văn hóa, Thể thao và Du lịch';
    const rendered = await renderResult({
      stamp: { certificateName: signer.identity.name, signedAt: now, demo: signer.identity.demo },
      resultId,
      agencyName,
      procedureName: pre.proc.name,
      resultType: pre.proc.resultType,
      applicantName: d.answers.fullName ?? '',
      organisationName: d.answers.organisationName || undefined,
      code: d.code ?? '',
      decidedAt: d.decidedAt ?? now,
      approverName: approver?.fullName ?? '',
      issuedAt: now,
      verifyUrl: `${ctx.services.config.publicUrl}/xac-thuc/${resultId}`,
    });
    pdf = await signing.sign(rendered, {
      name: approver?.fullName || signer.identity.name,
      reason: `Phe duyet ket qua giai quyet ho so ${d.code ?? ''}`,
      location: agencyName,
      signingTime: now,
    });
  }
  return act(
    ctx,
    id,
    'returnResult',
    input,
    { now },
    (l, cal, _now, today) => {
      const h = handOff(cal, l.proc, l.dossier, null, today);
      const overall = l.dossier.dueDate ? (today < l.dossier.dueDate ? 'early' : today === l.dossier.dueDate ? 'on_time' : 'late') : 'on_time';
      return {
        set: { finishedAt: now, outcome: overall },
        event: { kind: 'returned', note: `Trả kết quả giải quyết (bản điện tử). Kết quả: ${STEP_RESULT_LABELS[overall].toLowerCase()}.`, ...h },
        mail: {
          subject: `Đã có kết quả giải quyết hồ sơ ${l.dossier.code}`,
          lines: [
            `Hồ sơ ${l.dossier.code} (${l.proc.name}) đã có kết quả giải quyết.`,
            `Tải kết quả (bản điện tử): ${ctx.services.config.publicUrl}/ho-so/${l.dossier.id}/ket-qua.pdf`,
            `Xác thực văn bản: ${ctx.services.config.publicUrl}/xac-thuc/${resultId}`,
          ],
        },
        audit: { resultId, overall },
      };
    },
    async (tx, l) => {
      if (!pdf) throw Errors.conflict();
      const stored = await ctx.services.files.save(tx, {
        data: pdf,
        originalName: `ket-qua-${(l.dossier.code ?? l.dossier.id).replace(/[^A-Za-z0-9.-]/g, '_')}.pdf`,
        allowed: ['application/pdf'],
        createdBy: ctx.actor.userId,
      });
      await repo.insertResult(tx, { id: resultId, dossierId: id, storedFileId: stored.id, sha256: stored.sha256, issuedAt: now, issuedBy: ctx.actor.userId });
    },
  );
}

export const ACTIONS = {
  receive: receiveDossier,
  refuse: refuseDossier,
  'request-supplement': requestSupplement,
  assign: assignDossier,
  forward: forwardDossier,
  approve: approveDossier,
  return: returnResult,
  stop: stopDossier,
  pause: pauseDossier,
  resume: resumeDossier,
  extend: extendDossier,
} as const;
export type ActionSlug = keyof typeof ACTIONS;
export const SLUG_ACTION: Record<ActionSlug, DossierAction> = {
  receive: 'receive',
  refuse: 'refuse',
  'request-supplement': 'requestSupplement',
  assign: 'assign',
  forward: 'forward',
  approve: 'approve',
  return: 'returnResult',
  stop: 'stop',
  pause: 'pause',
  resume: 'resume',
  extend: 'extend',
};

/** Which actions this actor may take on this dossier now (the forms shown on the page). */
export function availableActions(actor: Actor, l: Loaded, cal?: WorkingCalendar, today = vnIsoDate()): ActionSlug[] {
  const out: ActionSlug[] = [];
  const inUnit = can(actor, 'process:dossier', { unitId: l.unitId });
  for (const slug of Object.keys(ACTIONS) as ActionSlug[]) {
    const action = SLUG_ACTION[slug];
    const allowed =
      action === 'approve' || action === 'extend'
        ? can(actor, DOSSIER_APPROVE)
        : action === 'forward'
          ? inUnit
          : action === 'pause' || action === 'resume'
            ? inUnit || can(actor, DOSSIER_RECEIVE)
            : action === 'assign'
              ? processingPolicy.canAssign(actor, l.unitId)
              : can(actor, DOSSIER_RECEIVE);
    if (!allowed) continue;
    // Only the state, the step and the dates decide here; reasons and lists are checked on submit.
    const t = nextState(l.dossier.status, action, { ...factsFor(l, { reason: 'x', missingItems: ['x'], assigneeId: 'x', extraDays: 1 }, cal, today) });
    if (t.ok) out.push(slug);
  }
  return out;
}

export { ACTION_LABELS };

// Result, verification ----------------------------------------------------------------------

export type DossierResult = typeof dossierResults.$inferSelect;

export const findResult = repo.findResult;
export const resultOfDossier = repo.resultOfDossier;

/** The public verification (no login): only what is printed on the document, never personal data. */
export async function verificationInfo(db: Executor, resultId: string) {
  const r = await findResult(db, resultId);
  if (!r) return undefined;
  const d = await repo.findDossier(db, r.dossierId);
  const proc = d ? await findVersion(db, d.procedureVersionId) : undefined;
  if (!d || !proc) return undefined;
  return { id: r.id, code: d.code ?? '', procedureName: proc.name, issuedAt: r.issuedAt, sha256: r.sha256 };
}

export const sha256Hex = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** The applicant's supplement page: their dossier waiting for documents. */
export async function loadOwnForSupplement(ctx: CommandContext, id: string): Promise<Loaded> {
  requireApplicant(ctx.actor);
  const l = await load(ctx.services.db, id);
  if (l.dossier.applicantId !== ctx.actor.userId) throw notFound();
  return l;
}

/** Field errors of an action form, for the page to re-render. */
export type ActionErrors = FieldErrors;

/** An internal note (issue 3 part 4): staff who may see the dossier; never shown to the applicant. */
export async function addInternalNote(ctx: CommandContext, id: string, input: { body: string }) {
  requireConsole(ctx.actor);
  const l = await load(ctx.services.db, id);
  if (!processingPolicy.canSee(ctx.actor, l.unitId)) throw notFound();
  const body = nfc(input.body ?? '').trim();
  if (!body) throw Errors.validation({ noteBody: { vi: 'Vui lòng nhập nội dung ghi chú.', en: 'Enter the note.' } });
  if (body.length > 4000) throw Errors.validation({ noteBody: { vi: 'Ghi chú tối đa 4.000 ký tự.', en: 'At most 4,000 characters.' } });
  return transaction(ctx.services.pool, async (tx) => {
    const note = await repo.insertNote(tx, { dossierId: id, authorId: ctx.actor.userId, body });
    // The audit row names the note, not its text (it may hold personal data).
    await writeAudit(tx, ctx, { action: 'dossier.note', entity: 'dossier', entityId: id, summary: { code: l.dossier.code, noteId: note.id } });
    return note;
  });
}

export const listNotes = repo.listNotes;

/**
 * Who acts next on the dossier, in words for the officer (issue 10, finding 2: after an action
 * the page says where the dossier went). Names the specialist it waits for, the unit head who
 * assigns, or the desk.
 */
export function whoActsNext(l: Loaded, names: { assignee?: string; unit?: string } = {}): string {
  const d = l.dossier;
  if (d.pausedAt) return 'Đang tạm dừng tính thời hạn; chờ tiếp tục tính thời hạn sau thời gian thẩm định thực tế.';
  const role = l.proc.workflow[d.workflowStep]?.role;
  switch (d.status) {
    case 'submitted':
      return 'Chờ bộ phận một cửa kiểm tra, tiếp nhận hồ sơ.';
    case 'supplement_requested':
      return 'Chờ người nộp bổ sung, hoàn thiện hồ sơ.';
    case 'received':
      return `Chờ trưởng ${names.unit ? `đơn vị (${names.unit})` : 'phòng chuyên môn'} hoặc bộ phận một cửa phân công chuyên viên xử lý.`;
    case 'processing':
      if (role === 'lanh_dao') return 'Chờ lãnh đạo Sở phê duyệt kết quả.';
      return `Chờ chuyên viên ${names.assignee ?? ''} thẩm định, trình lãnh đạo phê duyệt.`.replace('  ', ' ');
    case 'approved':
      return 'Chờ bộ phận một cửa trả kết quả.';
    case 'returned':
      return 'Đã trả kết quả cho người nộp; hồ sơ đã kết thúc.';
    case 'refused':
      return 'Đã từ chối tiếp nhận; hồ sơ đã kết thúc.';
    case 'stopped':
      return 'Đã dừng giải quyết; hồ sơ đã kết thúc.';
    default:
      return '';
  }
}

/** Actions that end the dossier for the applicant: a confirmation step comes before them. */
export const DESTRUCTIVE_ACTIONS: readonly ActionSlug[] = ['refuse', 'stop'];
/** The one highlighted action of the page: the first of these that is allowed now. */
export const PRIMARY_ORDER: readonly ActionSlug[] = ['receive', 'assign', 'forward', 'approve', 'return', 'resume'];
