import { type Actor, SYSTEM } from '../../core/auth/actor.js';
import { writeAudit } from '../../core/audit/audit.js';
import type { WorkingCalendar } from '../../core/calendar/working-days.js';
import type { CommandContext, Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import { queueMail } from '../../core/mail/mail.js';
import type { WorkQueue } from '../../core/module.js';
import { Check, formatDateVi, nfc, parseDateInput, vnIsoDate } from '../../core/validation.js';
import { applyDecision, checkDecision, type DecisionInput } from './heritage.commands.js';
import { heritagePolicy } from './heritage.policy.js';
import * as repo from './heritage.repository.js';
import { FILE_STEPS, type FileStep, RELIC_LEVELS } from './heritage.schema.js';
import * as wrepo from './heritage.workflow.repository.js';
import { zonesChanged } from './heritage.zoneindex.js';
import type { RankingFile, StepRule } from './heritage.workflow.repository.js';

/**
 * The ranking-file workflow (hồ sơ xếp hạng di tích, Law 45/2024/QH15; Decree 215/2025/NĐ-CP):
 * proposal → inventory → profile compiled → appraisal by the council → submitted → decided.
 * Each step runs for the working days its rule (in force on the step's first day) gives, counted
 * on the platform's working-day calendar; a step is left only with at least one document of it
 * on file; the council may send the file back to the profile step; the decision is recorded in
 * the relic's ranking history in the same transaction, and the register follows it.
 */

export const STEP_LABELS: Record<FileStep, { vi: string; en: string }> = {
  proposal: { vi: 'Đề nghị xếp hạng', en: 'Ranking proposal' },
  inventory: { vi: 'Kiểm kê di tích', en: 'Inventory' },
  profile: { vi: 'Lập hồ sơ khoa học', en: 'Profile compiled' },
  appraisal: { vi: 'Hội đồng thẩm định', en: 'Appraisal by the council' },
  submitted: { vi: 'Trình cấp có thẩm quyền', en: 'Submitted for decision' },
  decided: { vi: 'Đã có quyết định', en: 'Decided' },
};
export const STATE_LABELS: Record<string, { vi: string; en: string }> = {
  open: { vi: 'Đang xử lý', en: 'In progress' },
  decided: { vi: 'Đã quyết định', en: 'Decided' },
  stopped: { vi: 'Đã dừng', en: 'Stopped' },
};

// ── The rules of the workflow (pure; unit-tested) ─────────────────────────────────────────
/** The step after `step`; `submitted` is left only through the decision. */
export function nextStep(step: FileStep): FileStep | null {
  if (step === 'submitted' || step === 'decided') return null;
  return FILE_STEPS[FILE_STEPS.indexOf(step) + 1] ?? null;
}

/** The council's appraisal or the deciding authority may send a file back to be completed. */
export function canReturn(step: FileStep): boolean {
  return step === 'appraisal' || step === 'submitted';
}

/** The version of a step's rule in force on `day` (the step's first day): rules change by a new
 * dated version, and a running step keeps the deadline it started with. */
export function stepRuleAt(rules: StepRule[], step: string, day: string): StepRule | undefined {
  return rules.filter((r) => r.step === step && r.effectiveFrom <= day && (r.effectiveTo === null || r.effectiveTo >= day)).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

/** The step's deadline: the n-th working day after its first day (that day is day 0, as time
 * limits count from the day after the event); null when the rule sets no limit. */
export function stepDueOn(cal: WorkingCalendar, rules: StepRule[], step: FileStep, startedOn: string): string | null {
  const rule = stepRuleAt(rules, step, startedOn);
  if (!rule || rule.workingDays <= 0) return null;
  return cal.addWorkingDays(startedOn, rule.workingDays);
}

/** Where a running step stands on `today`: 'overdue', 'near' (within the rule's reminder
 * window), or null. */
export function deadlineState(cal: WorkingCalendar, due: string | null, remindBefore: number, today: string): 'overdue' | 'near' | null {
  if (!due) return null;
  if (today > due) return 'overdue';
  return today >= cal.addWorkingDays(due, -Math.max(0, remindBefore)) ? 'near' : null;
}

function notOpen(file: RankingFile): AppError {
  return new AppError('HERITAGE-121', 409, `Hồ sơ ${file.code} ${file.state === 'decided' ? 'đã có quyết định' : 'đã dừng'}, không thể thay đổi.`, `File ${file.code} is closed.`);
}

function dayOrToday(v: string | undefined, check: Check, field: string): string {
  const raw = nfc(v);
  if (!raw) return vnIsoDate();
  const d = parseDateInput(raw);
  if (!d) check.add(field, 'Ngày không hợp lệ (ngày/tháng/năm, ví dụ 15/03/2026).', 'Enter the date as dd/mm/yyyy.');
  else if (d > vnIsoDate()) check.add(field, 'Ngày không được sau hôm nay.', 'The date cannot be in the future.');
  return d ?? vnIsoDate();
}

// ── Commands ──────────────────────────────────────────────────────────────────────────────
export interface OpenFileInput {
  proposedLevel?: string;
  startedOn?: string;
  note?: string;
}

/**
 * openRankingFile: a proposal to rank (or re-rank) a relic of the register starts a file at the
 * proposal step. One open file per relic. Outcomes: the file; CORE-100; CORE-404; HERITAGE-120
 * (a file is already open; the proposed level is the current one).
 */
export async function openRankingFile(ctx: CommandContext, relicId: string, input: OpenFileInput, opts: { isDemo?: boolean } = {}) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const proposedLevel = nfc(input.proposedLevel);
  const note = nfc(input.note);
  if (!(RELIC_LEVELS as readonly string[]).includes(proposedLevel)) check.add('proposedLevel', 'Vui lòng chọn cấp đề nghị xếp hạng.', 'Choose the proposed level.');
  check.maxLength('note', note, 2000, 'Ghi chú');
  const startedOn = dayOrToday(input.startedOn, check, 'startedOn');
  check.throwIfAny();
  const [rules, cal] = await Promise.all([wrepo.stepRules(ctx.services.db), ctx.services.calendar.calendar()]);
  const due = stepDueOn(cal, rules, 'proposal', startedOn);
  return transaction(ctx.services.pool, async (tx) => {
    const relic = await repo.findRelic(tx, relicId);
    if (!relic) throw Errors.notFound('Di tích');
    const open = await wrepo.openFileOfRelic(tx, relicId);
    if (open) throw new AppError('HERITAGE-120', 409, `Di tích đã có hồ sơ xếp hạng ${open.code} đang xử lý.`, `File ${open.code} is already open for this relic.`);
    if (relic.level === proposedLevel) throw new AppError('HERITAGE-120', 409, 'Di tích đã được xếp hạng ở cấp này; hãy chọn cấp khác.', 'The relic already has this level.');
    const code = await wrepo.nextFileCode(tx, startedOn.slice(0, 4));
    const file = await wrepo.insertFile(tx, {
      code,
      relicId,
      action: relic.level ? 'rerank' : 'rank',
      proposedLevel,
      step: 'proposal',
      stepStartedOn: startedOn,
      stepDueOn: due,
      note,
      isDemo: opts.isDemo ?? false,
      createdBy: ctx.actor.userId,
    });
    await wrepo.insertStep(tx, { fileId: file.id, step: 'proposal', startedOn, dueOn: due, actedBy: ctx.actor.userId, note });
    await writeAudit(tx, ctx, { action: 'heritage.file_open', entity: 'heritage_ranking_file', entityId: file.id, summary: { after: { code, relic: relic.code, proposedLevel, step: 'proposal', due } } });
    return file;
  });
}

/** addFileDocument: a document of the file's current step (PDF or scan; type from the bytes,
 * size-limited by core files). Outcomes: the document; CORE-100; CORE-413/415; HERITAGE-121. */
export async function addFileDocument(ctx: CommandContext, fileId: string, input: { title?: string; data: Buffer; filename: string; truncated?: boolean }) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const title = nfc(input.title);
  check.required('title', title, 'tên tài liệu', 'a title').maxLength('title', title, 300, 'Tên tài liệu');
  if (!input.data.length) check.add('file', 'Vui lòng chọn tệp.', 'Choose a file.');
  if (input.truncated) check.add('file', 'Tệp quá lớn (tối đa 20 MB).', 'The file is too large (max 20 MB).');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const file = await wrepo.lockFile(tx, fileId);
    if (!file) throw Errors.notFound('Hồ sơ xếp hạng');
    if (file.state !== 'open') throw notOpen(file);
    const stored = await ctx.services.files.save(tx, { data: input.data, originalName: input.filename, allowed: ['application/pdf', 'image/jpeg', 'image/png'], createdBy: ctx.actor.userId });
    const doc = await wrepo.insertDocument(tx, { fileId, step: file.step, title, storedFileId: stored.id, createdBy: ctx.actor.userId });
    await writeAudit(tx, ctx, { action: 'heritage.file_document_add', entity: 'heritage_ranking_file', entityId: fileId, summary: { step: file.step, title } });
    return doc;
  });
}

type Move = 'advance' | 'return' | 'stop';

/**
 * moveFile: `advance` to the next step (the current step needs a document of its own),
 * `return` the file from the appraisal or submission to the profile step (the council's or the
 * authority's reasons required), `stop` it (reason required). A new step gets its deadline from
 * the rule in force on its first day. Outcomes: the file; CORE-100; CORE-404; CORE-409 (changed
 * meanwhile); HERITAGE-121 (closed), HERITAGE-122 (no document), HERITAGE-123 (not allowed here).
 */
export async function moveFile(ctx: CommandContext, fileId: string, version: number, move: Move, input: { note?: string; on?: string } = {}) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const note = nfc(input.note);
  check.maxLength('note', note, 2000, 'Ghi chú');
  if (move !== 'advance' && !note) check.add('note', move === 'return' ? 'Vui lòng ghi lý do trả hồ sơ để hoàn thiện.' : 'Vui lòng ghi lý do dừng hồ sơ.', 'Give the reason.');
  const on = dayOrToday(input.on, check, 'on');
  check.throwIfAny();
  const [rules, cal] = await Promise.all([wrepo.stepRules(ctx.services.db), ctx.services.calendar.calendar()]);
  return transaction(ctx.services.pool, async (tx) => {
    const file = await wrepo.lockFile(tx, fileId);
    if (!file) throw Errors.notFound('Hồ sơ xếp hạng');
    if (file.version !== version) throw Errors.conflict();
    if (file.state !== 'open') throw notOpen(file);
    if (on < file.stepStartedOn) throw Errors.validation({ on: { vi: `Ngày không được trước ngày bắt đầu bước hiện tại (${formatDateVi(file.stepStartedOn)}).`, en: 'The date is before the step started.' } });
    let to: FileStep | null = null;
    if (move === 'advance') {
      to = nextStep(file.step);
      if (!to) throw new AppError('HERITAGE-123', 409, 'Hồ sơ đã trình; bước tiếp theo là ghi quyết định xếp hạng.', 'The next step is the decision.');
      if ((await wrepo.countDocuments(tx, fileId, file.step)) === 0) {
        const rule = stepRuleAt(rules, file.step, file.stepStartedOn);
        throw new AppError('HERITAGE-122', 409, `Chưa thể chuyển bước: bước "${STEP_LABELS[file.step].vi}" chưa có tài liệu${rule?.documents ? ` (${rule.documents})` : ''}.`, `Upload the documents of "${STEP_LABELS[file.step].en}" first.`);
      }
    } else if (move === 'return') {
      if (!canReturn(file.step)) throw new AppError('HERITAGE-123', 409, 'Chỉ hồ sơ đang thẩm định hoặc đã trình mới trả lại để hoàn thiện.', 'Only a file in appraisal or submitted can be sent back.');
      to = 'profile';
    }
    await wrepo.completeStep(tx, fileId, file.step, { completedOn: on, outcome: move, note, actedBy: ctx.actor.userId });
    let after: RankingFile | undefined;
    if (to) {
      const due = stepDueOn(cal, rules, to, on);
      await wrepo.insertStep(tx, { fileId, step: to, startedOn: on, dueOn: due, actedBy: ctx.actor.userId });
      after = await wrepo.updateFile(tx, fileId, version, { step: to, stepStartedOn: on, stepDueOn: due });
    } else {
      after = await wrepo.updateFile(tx, fileId, version, { state: 'stopped', stepDueOn: null });
    }
    if (!after) throw Errors.conflict();
    await writeAudit(tx, ctx, { action: `heritage.file_${move}`, entity: 'heritage_ranking_file', entityId: fileId, summary: { before: { step: file.step }, after: { step: after.step, state: after.state, due: after.stepDueOn }, note } });
    return after;
  });
}

/**
 * decideFile: the decision step. The ranking decision (number, date, issuer, level; its PDF when
 * given) is recorded in the relic's ranking history, the register's level follows it, and a relic
 * still in draft is sent for review so its entry reaches the public inventory once approved
 * (Decree 308/2025 Art. 85–89); a published relic shows the new level at once. All in one
 * transaction. Outcomes: the file; CORE-100; CORE-409; HERITAGE-101..103; HERITAGE-121/123.
 */
export async function decideFile(ctx: CommandContext, fileId: string, version: number, input: DecisionInput, pdf?: { data: Buffer; filename: string; truncated?: boolean }) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  if (pdf?.truncated) check.add('file', 'Tệp quá lớn (tối đa 20 MB).', 'The file is too large (max 20 MB).');
  const current = await wrepo.findFile(ctx.services.db, fileId);
  if (!current) throw Errors.notFound('Hồ sơ xếp hạng');
  const v = checkDecision({ ...input, action: current.action }, check);
  const out = await transaction(ctx.services.pool, async (tx) => {
    const file = await wrepo.lockFile(tx, fileId);
    if (!file) throw Errors.notFound('Hồ sơ xếp hạng');
    if (file.version !== version) throw Errors.conflict();
    if (file.state !== 'open') throw notOpen(file);
    if (file.step !== 'submitted') throw new AppError('HERITAGE-123', 409, 'Chỉ ghi quyết định khi hồ sơ đã trình cấp có thẩm quyền.', 'Record the decision once the file is submitted.');
    if (v.decidedOn < file.stepStartedOn) throw Errors.validation({ decidedOn: { vi: `Ngày quyết định không được trước ngày trình (${formatDateVi(file.stepStartedOn)}).`, en: 'The decision cannot predate the submission.' } });
    let storedId: string | null = null;
    if (pdf?.data.length) {
      const stored = await ctx.services.files.save(tx, { data: pdf.data, originalName: pdf.filename, allowed: ['application/pdf'], createdBy: ctx.actor.userId });
      storedId = stored.id;
      await wrepo.insertDocument(tx, { fileId, step: 'decided', title: `Quyết định số ${v.number}`, storedFileId: stored.id, createdBy: ctx.actor.userId });
    }
    const decision = await applyDecision(tx, ctx, file.relicId, v, storedId);
    const relic = await repo.findRelic(tx, file.relicId);
    if (relic?.status === 'draft') await repo.touchRelic(tx, file.relicId, { status: 'review' });
    await wrepo.completeStep(tx, fileId, 'submitted', { completedOn: v.decidedOn, outcome: 'decided', note: v.note, actedBy: ctx.actor.userId });
    await wrepo.insertStep(tx, { fileId, step: 'decided', startedOn: v.decidedOn, completedOn: v.decidedOn, outcome: v.level ?? '', note: `${v.number} — ${v.issuer}`, actedBy: ctx.actor.userId });
    const after = await wrepo.updateFile(tx, fileId, version, { step: 'decided', state: 'decided', stepStartedOn: v.decidedOn, stepDueOn: null, decisionId: decision.id });
    if (!after) throw Errors.conflict();
    await writeAudit(tx, ctx, { action: 'heritage.file_decide', entity: 'heritage_ranking_file', entityId: fileId, summary: { before: { step: file.step }, after: { state: 'decided', level: v.level, number: v.number } } });
    return after;
  });
  // The relic's level, which the zone check shows, follows the decision.
  await zonesChanged(ctx.services);
  return out;
}

// ── Reminders and "Việc của tôi" ───────────────────────────────────────────────────────────
export const FILE_REMINDER_JOB = 'heritage.ranking-reminders';

/**
 * Daily: an open file whose step is due within the rule's reminder window gets one mail, and one
 * more when the deadline has passed, to the officer who opened it. Once of each kind per file,
 * step and due date (a step started again reminds again). Returns how many files were reminded.
 */
export async function runFileReminders(s: Services, now = new Date()): Promise<number> {
  const today = vnIsoDate(now);
  const [files, rules, cal] = await Promise.all([wrepo.listFiles(s.db, { state: 'open' }, 10_000), wrepo.stepRules(s.db), s.calendar.calendar()]);
  const ctx: CommandContext = { services: s, actor: { ...SYSTEM, label: 'Nhắc hạn hồ sơ xếp hạng di tích' } };
  let sent = 0;
  for (const f of files) {
    const rule = stepRuleAt(rules, f.step, f.stepStartedOn);
    const kind = deadlineState(cal, f.stepDueOn, rule?.remindBefore ?? 0, today);
    if (!kind || !f.stepDueOn) continue;
    const due = f.stepDueOn;
    const done = await transaction(s.pool, async (tx) => {
      const people = await wrepo.reminderRecipients(tx, f.createdBy);
      if (!(await wrepo.recordReminder(tx, { fileId: f.id, step: f.step, dueOn: due, kind, recipients: people.length, sentAt: now }))) return false;
      const step = STEP_LABELS[f.step].vi.toLowerCase();
      const text =
        kind === 'overdue'
          ? `Hồ sơ xếp hạng ${f.code} (${f.relicName}) đã quá hạn bước ${step}: hạn là ngày ${formatDateVi(due)}.`
          : `Hồ sơ xếp hạng ${f.code} (${f.relicName}) cần xong bước ${step} trước hết ngày ${formatDateVi(due)}.`;
      for (const person of people) {
        await queueMail(tx, s.jobs, {
          to: person.email,
          subject: kind === 'overdue' ? `[Quá hạn] Hồ sơ xếp hạng ${f.code}` : `[Sắp đến hạn] Hồ sơ xếp hạng ${f.code}`,
          text: `Kính gửi ${person.name},\n\n${text}\nXem hồ sơ: ${s.config.publicUrl}/quan-tri/di-san/ho-so/${f.id}\n\nHệ thống Văn Hiến.`,
        });
      }
      await writeAudit(tx, ctx, { action: 'heritage.file_remind', entity: 'heritage_ranking_file', entityId: f.id, summary: { kind, step: f.step, due, recipients: people.length } });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

/** "Việc của tôi": the open ranking files, earliest deadline first, for those who keep the register. */
export async function heritageWorkItems(s: Services, actor: Actor): Promise<WorkQueue[]> {
  if (actor.kind !== 'staff' || !(await heritagePolicy.canManage(s, actor))) return [];
  const today = vnIsoDate();
  const cal = await s.calendar.calendar();
  const soon = cal.addWorkingDays(today, 2);
  const [counts, files] = await Promise.all([wrepo.countOpen(s.db, today, soon), wrepo.listFiles(s.db, { state: 'open' }, 5)]);
  return [
    {
      key: 'heritage.ranking',
      vi: 'Hồ sơ xếp hạng di tích',
      en: 'Relic ranking files',
      priority: 50,
      href: '/quan-tri/di-san/ho-so',
      ...counts,
      items: files.map((f) => ({ href: `/quan-tri/di-san/ho-so/${f.id}`, label: f.code, detail: f.relicName, dueDate: f.stepDueOn, state: STEP_LABELS[f.step].vi })),
    },
  ];
}
