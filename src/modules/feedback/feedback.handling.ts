import { transaction, type Tx } from '../../core/db/index.js';
import type { CommandContext, Services } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { AppError, Errors } from '../../core/errors.js';
import { Check, formatDateVi, nfc, vnIsoDate } from '../../core/validation.js';
import { queueMail } from '../../core/mail/mail.js';
import { can, SYSTEM } from '../../core/auth/actor.js';
import { trackingUrl, workingCalendar } from './feedback.commands.js';
import { FEEDBACK_HANDLE, handlingPolicy } from './feedback.policy.js';
import { redactionPreview, stillHasContactData, type RedactionPreview } from './feedback.privacy.js';
import { FEEDBACK_SATISFACTION, type FeedbackClassification, type FeedbackSatisfaction } from './feedback.schema.js';
import { feedbackClock } from './feedback.time.js';
import * as repo from './feedback.repository.js';
import * as hrepo from './feedback.handling.repository.js';

/** Decree 20/2008/NĐ-CP Art. 9: a case outside the department's authority is forwarded to the
 * competent agency within 5 working days of receipt. */
export const FORWARD_DAYS = 5;
/** 1022 rules: the reporter may re-open an answered case within 7 days when it is not resolved. */
export const REOPEN_DAYS = 7;
export const ANSWER_MAX = 8000;

export const SATISFACTION_LABELS: Record<FeedbackSatisfaction, { vi: string; en: string }> = {
  very_satisfied: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  unsatisfied: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

const notFound = () => Errors.notFound('Phản ánh');
const wrongState = (vi: string, en: string) => new AppError('FB-409', 409, vi, en);

async function load(s: Services, id: string): Promise<repo.FeedbackCase> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const c = await hrepo.findCase(s.db, id);
  if (!c) throw notFound();
  return c;
}

function versionOf(raw: unknown): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw Errors.badRequest('Thiếu phiên bản dữ liệu của phản ánh. Vui lòng tải lại trang.', 'Missing version.');
  return v;
}

/** The versioned update, or CORE-409 when someone else changed the case first. */
async function update(tx: Tx, c: repo.FeedbackCase, version: number, set: Parameters<typeof hrepo.updateCaseVersioned>[3]) {
  const row = await hrepo.updateCaseVersioned(tx, c.id, version, set);
  if (!row) throw Errors.conflict();
  return row;
}

async function unitIdOf(s: Services, unitCode: string | null): Promise<string | null> {
  return (await hrepo.unitByCode(s.db, unitCode))?.id ?? null;
}

/** The unit's officers may act on a case routed to them; the receiving desk (classify) too. */
async function requireHandleOrClassify(ctx: CommandContext, c: repo.FeedbackCase) {
  if (handlingPolicy.canClassify(ctx.actor)) return;
  handlingPolicy.requireHandle(ctx.actor, await unitIdOf(ctx.services, c.unitCode));
}

const reporterMail = async (tx: Tx, s: Services, c: repo.FeedbackCase, subject: string, body: string) => {
  if (!c.reporterEmail) return;
  await queueMail(tx, s.jobs, { to: c.reporterEmail, subject, text: `Kính gửi ông/bà,\n\n${body}\n\nTra cứu: ${trackingUrl(s, c.code)}\n\nTrân trọng.` });
};

// ——— 1. Classification (Decree 20/2008/NĐ-CP Art. 9) ———

export interface ClassifyInput {
  id: string;
  version: unknown;
  decision: string;
  /** reason (rejected) or note */
  reason?: string;
  /** complaint/denunciation: where it was sent; outside: the competent agency */
  forwardTo?: string;
}

/** classifyCase: receive → log → classify (Decree 20 Art. 9). Outcomes: the updated case;
 * CORE-200/300; CORE-100 (missing reason or agency); CORE-409 (stale version); FB-409 (already
 * classified). One transaction: case, timeline event, mail to the reporter, audit. */
export async function classifyCase(ctx: CommandContext, input: ClassifyInput): Promise<repo.FeedbackCase> {
  handlingPolicy.requireClassify(ctx.actor);
  const s = ctx.services;
  const version = versionOf(input.version);
  const decision = nfc(input.decision) as FeedbackClassification;
  const reason = nfc(input.reason ?? '');
  const forwardTo = nfc(input.forwardTo ?? '');
  const check = new Check();
  if (!['rejected', 'complaint', 'denunciation', 'within', 'outside'].includes(decision))
    check.add('decision', 'Vui lòng chọn kết quả phân loại.', 'Choose a classification.');
  if (decision === 'rejected' && !reason) check.add('reason', 'Vui lòng nêu lý do không tiếp nhận xử lý.', 'Give the reason for rejecting.');
  if ((decision === 'complaint' || decision === 'denunciation') && !forwardTo)
    check.add('forwardTo', 'Vui lòng ghi nơi đã chuyển đơn khiếu nại, tố cáo (ví dụ: Thanh tra Sở).', 'Name where the complaint or denunciation was sent.');
  if (decision === 'outside' && !forwardTo) check.add('forwardTo', 'Vui lòng ghi tên cơ quan có thẩm quyền sẽ nhận phản ánh.', 'Name the competent agency.');
  check.maxLength('reason', reason, 2000, 'Lý do').maxLength('forwardTo', forwardTo, 300, 'Nơi chuyển');
  check.throwIfAny();
  const c = await load(s, input.id);
  if (c.status !== 'new') throw wrongState('Phản ánh này đã được phân loại.', 'This case is already classified.');
  const category = (await repo.findCategory(s.db, c.categoryCode))!;
  const cal = await workingCalendar(s);
  const now = feedbackClock.now();
  const receivedDay = vnIsoDate(c.receivedAt);
  return transaction(s.pool, async (tx) => {
    let row: repo.FeedbackCase;
    let eventKind: string;
    let note: string;
    if (decision === 'rejected') {
      row = await update(tx, c, version, { status: 'rejected', classification: 'rejected', classifiedAt: now, rejectReason: reason });
      eventKind = 'rejected';
      note = `Không tiếp nhận xử lý. Lý do: ${reason}`;
      await reporterMail(tx, s, c, `Phản ánh ${c.code}: không tiếp nhận xử lý`, `Phản ánh mã số ${c.code} không được tiếp nhận xử lý. Lý do: ${reason}`);
    } else if (decision === 'complaint' || decision === 'denunciation') {
      // Complaints and denunciations follow the Law on Complaints 2011 and the Law on
      // Denunciations 2018, not Decree 20: the case leaves this process; where it went is kept.
      const what = decision === 'complaint' ? 'khiếu nại' : 'tố cáo';
      row = await update(tx, c, version, {
        status: 'forwarded',
        classification: decision,
        classifiedAt: now,
        forwardTo,
        forwardedAt: now,
        rejectReason: reason || null,
      });
      eventKind = 'forwarded';
      note = `Nội dung là đơn ${what}, chuyển xử lý theo pháp luật về ${what}: ${forwardTo}.${reason ? ` ${reason}` : ''}`;
      await reporterMail(
        tx,
        s,
        c,
        `Phản ánh ${c.code}: chuyển xử lý theo quy định về ${what}`,
        `Nội dung bạn gửi (mã số ${c.code}) là ${what} và được giải quyết theo pháp luật về ${what}. Đơn đã được chuyển đến: ${forwardTo}.`,
      );
    } else if (decision === 'within') {
      // Within authority: route to the category's unit; the handling time limit counts working
      // days from receipt (5, 7 when several units, 10 at most: the category's deadline_days).
      row = await update(tx, c, version, {
        status: 'classified',
        classification: 'within',
        classifiedAt: now,
        unitCode: category.unitCode,
        dueDate: cal.addWorkingDays(receivedDay, category.deadlineDays),
      });
      eventKind = 'classified';
      note = `Thuộc thẩm quyền của Sở; giao ${category.unitCode} xử lý, hạn ${formatDateVi(row.dueDate)}.${reason ? ` ${reason}` : ''}`;
    } else {
      // Outside authority: forward to the competent agency within 5 working days of receipt
      // (Art. 9); the forwarding deadline is tracked until the forwarding is recorded.
      const forwardDue = cal.addWorkingDays(receivedDay, FORWARD_DAYS);
      row = await update(tx, c, version, { status: 'classified', classification: 'outside', classifiedAt: now, forwardTo, forwardDueDate: forwardDue });
      eventKind = 'classified';
      note = `Không thuộc thẩm quyền của Sở; chuyển ${forwardTo} chậm nhất ngày ${formatDateVi(forwardDue)}.${reason ? ` ${reason}` : ''}`;
    }
    await repo.insertEvent(tx, { caseId: c.id, at: now, kind: eventKind, note, actorId: ctx.actor.userId });
    await writeAudit(tx, ctx, {
      action: 'feedback.classify',
      entity: 'feedback_case',
      entityId: c.id,
      summary: { before: { status: c.status }, after: { status: row.status, classification: decision, unit: row.unitCode, forwardTo: forwardTo || null } },
    });
    return row;
  });
}

/** markForwarded: the forwarding to the competent agency was sent (outside authority). Records
 * whether it met the 5-working-day limit of Decree 20 Art. 9. */
export async function markForwarded(ctx: CommandContext, input: { id: string; version: unknown; note?: string }): Promise<repo.FeedbackCase> {
  handlingPolicy.requireClassify(ctx.actor);
  const s = ctx.services;
  const version = versionOf(input.version);
  const c = await load(s, input.id);
  if (c.status !== 'classified' || c.classification !== 'outside')
    throw wrongState(
      'Chỉ ghi nhận việc chuyển với phản ánh không thuộc thẩm quyền đang chờ chuyển.',
      'Only an outside-authority case waiting to be forwarded.',
    );
  const now = feedbackClock.now();
  const late = !!c.forwardDueDate && vnIsoDate(now) > c.forwardDueDate;
  return transaction(s.pool, async (tx) => {
    const row = await update(tx, c, version, { status: 'forwarded', forwardedAt: now });
    const note = `Đã chuyển đến ${c.forwardTo}${late ? ` (quá hạn chuyển ${formatDateVi(c.forwardDueDate)})` : ''}.${input.note ? ` ${nfc(input.note)}` : ''}`;
    await repo.insertEvent(tx, { caseId: c.id, at: now, kind: 'forwarded', note, actorId: ctx.actor.userId });
    await reporterMail(
      tx,
      s,
      c,
      `Phản ánh ${c.code}: đã chuyển cơ quan có thẩm quyền`,
      `Phản ánh mã số ${c.code} không thuộc thẩm quyền của Sở và đã được chuyển đến ${c.forwardTo}.`,
    );
    await writeAudit(tx, ctx, { action: 'feedback.forward', entity: 'feedback_case', entityId: c.id, summary: { after: { forwardTo: c.forwardTo, late } } });
    return row;
  });
}

// ——— 2. Duplicates ———

export async function similarCases(s: Services, c: repo.FeedbackCase) {
  return hrepo.findSimilarOpen(s.db, c);
}

/** mergeCase: fold a duplicate into another open case (status 'merged', merged_into_id). The
 * reporters of both receive the answer when the target is answered. Outcomes: the merged case;
 * CORE-300; CORE-404 (no such target); CORE-409; FB-409 (not open, or itself). */
export async function mergeCase(ctx: CommandContext, input: { id: string; version: unknown; targetCode: string }): Promise<repo.FeedbackCase> {
  const s = ctx.services;
  const version = versionOf(input.version);
  const c = await load(s, input.id);
  await requireHandleOrClassify(ctx, c);
  const code = nfc(input.targetCode).toUpperCase();
  const target = code ? await repo.findByCode(s.db, code) : undefined;
  if (!target) throw Errors.validation({ targetCode: { vi: 'Không tìm thấy phản ánh có mã số này.', en: 'No case with that code.' } });
  if (target.id === c.id) throw wrongState('Không thể gộp phản ánh vào chính nó.', 'A case cannot be merged into itself.');
  if (!repo.OPEN_STATUSES.includes(c.status) || !repo.OPEN_STATUSES.includes(target.status))
    throw wrongState('Chỉ gộp được các phản ánh đang mở.', 'Only open cases can be merged.');
  const now = feedbackClock.now();
  return transaction(s.pool, async (tx) => {
    const row = await update(tx, c, version, { status: 'merged', mergedIntoId: target.id });
    await hrepo.repointMerged(tx, c.id, target.id);
    await repo.insertEvent(tx, { caseId: c.id, at: now, kind: 'merged', note: `Gộp vào phản ánh ${target.code}.`, actorId: ctx.actor.userId });
    await repo.insertEvent(tx, { caseId: target.id, at: now, kind: 'merge_received', note: `Phản ánh ${c.code} được gộp vào.`, actorId: ctx.actor.userId });
    await writeAudit(tx, ctx, {
      action: 'feedback.merge',
      entity: 'feedback_case',
      entityId: c.id,
      summary: { before: { status: c.status }, after: { mergedInto: target.code } },
    });
    return row;
  });
}

// ——— 3. Handling ———

/** The officers a case of this unit can be assigned to: current assignments in the unit with
 * the unit-scoped handling permission (role chuyen_vien in the seed). */
export async function unitOfficers(s: Services, unitCode: string | null) {
  const unit = await hrepo.unitByCode(s.db, unitCode);
  if (!unit) return [];
  const people = await hrepo.unitPeople(s.db, unit.id, vnIsoDate());
  const seen = new Set<string>();
  return people
    .filter((p) => p.roleCode === 'chuyen_vien' && !seen.has(p.userId) && seen.add(p.userId))
    .sort((a, b) => new Intl.Collator('vi').compare(a.name, b.name));
}

export async function assignOfficer(ctx: CommandContext, input: { id: string; version: unknown; userId: string }): Promise<repo.FeedbackCase> {
  const s = ctx.services;
  const version = versionOf(input.version);
  const c = await load(s, input.id);
  await requireHandleOrClassify(ctx, c);
  if (c.classification !== 'within' || !['classified', 'in_progress', 'waiting'].includes(c.status))
    throw wrongState('Chỉ giao xử lý phản ánh đã được chuyển cho đơn vị.', 'Only a case routed to a unit can be assigned.');
  const officer = (await unitOfficers(s, c.unitCode)).find((o) => o.userId === input.userId);
  if (!officer) throw Errors.validation({ userId: { vi: 'Vui lòng chọn một chuyên viên của đơn vị.', en: 'Choose an officer of the unit.' } });
  const now = feedbackClock.now();
  return transaction(s.pool, async (tx) => {
    const row = await update(tx, c, version, {
      assigneeId: officer.userId,
      assigneeName: officer.name,
      status: c.status === 'classified' ? 'in_progress' : c.status,
    });
    await repo.insertEvent(tx, { caseId: c.id, at: now, kind: 'officer_assigned', note: `Giao chuyên viên ${officer.name} xử lý.`, actorId: ctx.actor.userId });
    if (c.status === 'classified') await repo.insertEvent(tx, { caseId: c.id, at: now, kind: 'in_progress', note: null, actorId: ctx.actor.userId });
    await writeAudit(tx, ctx, { action: 'feedback.assign', entity: 'feedback_case', entityId: c.id, summary: { after: { assignee: officer.userId } } });
    return row;
  });
}

/** Internal notes: staff only, never on the tracking or public pages. */
export async function addNote(ctx: CommandContext, input: { id: string; text: string }): Promise<void> {
  const s = ctx.services;
  const c = await load(s, input.id);
  if (!handlingPolicy.canApprove(ctx.actor)) await requireHandleOrClassify(ctx, c);
  const text = nfc(input.text);
  new Check().required('note', text, 'nội dung ghi chú', 'the note').maxLength('note', text, 4000, 'Ghi chú').throwIfAny();
  await transaction(s.pool, async (tx) => {
    await repo.insertEvent(tx, { caseId: c.id, at: feedbackClock.now(), kind: 'note', note: text, actorId: ctx.actor.userId });
    await writeAudit(tx, ctx, { action: 'feedback.note', entity: 'feedback_case', entityId: c.id, summary: { length: text.length } });
  });
}

/** requestInfo: ask the reporter for more information. The case waits and its clock pauses
 * (the pause interval is stored; the due date moves when handling resumes). */
export async function requestInfo(ctx: CommandContext, input: { id: string; version: unknown; question: string }): Promise<repo.FeedbackCase> {
  const s = ctx.services;
  const version = versionOf(input.version);
  const c = await load(s, input.id);
  handlingPolicy.requireHandle(ctx.actor, await unitIdOf(s, c.unitCode));
  const question = nfc(input.question);
  new Check().required('question', question, 'nội dung cần bổ sung', 'the question').maxLength('question', question, 2000, 'Nội dung').throwIfAny();
  if (c.status !== 'in_progress') throw wrongState('Chỉ đề nghị bổ sung khi phản ánh đang được xử lý.', 'Only while the case is in progress.');
  const now = feedbackClock.now();
  return transaction(s.pool, async (tx) => {
    const row = await update(tx, c, version, { status: 'waiting' });
    await hrepo.insertPause(tx, { caseId: c.id, startedAt: now, question });
    await repo.insertEvent(tx, { caseId: c.id, at: now, kind: 'info_requested', note: question, actorId: ctx.actor.userId });
    await reporterMail(
      tx,
      s,
      c,
      `Phản ánh ${c.code}: đề nghị bổ sung thông tin`,
      `Để xử lý phản ánh mã số ${c.code}, đề nghị ông/bà bổ sung: ${question}\nÔng/bà có thể trả lời trên trang tra cứu phản ánh.`,
    );
    await writeAudit(tx, ctx, { action: 'feedback.request_info', entity: 'feedback_case', entityId: c.id, summary: { after: { status: 'waiting' } } });
    return row;
  });
}

/** Ends the open pause and moves the due date by the working days it lasted. */
async function resume(ctx: CommandContext, tx: Tx, c: repo.FeedbackCase, version: number, note: string) {
  const s = ctx.services;
  const now = feedbackClock.now();
  const pause = await hrepo.findOpenPause(tx, c.id);
  const cal = await workingCalendar(s);
  const added = pause ? Math.max(0, cal.workingDaysBetween(vnIsoDate(pause.startedAt), vnIsoDate(now))) : 0;
  if (pause) await hrepo.endPause(tx, pause.id, now, added);
  const row = await update(tx, c, version, { status: 'in_progress', dueDate: added ? cal.addWorkingDays(c.dueDate, added) : c.dueDate });
  await repo.insertEvent(tx, { caseId: c.id, at: now, kind: 'info_received', note, actorId: ctx.actor.userId });
  return { row, added };
}

/** resumeHandling: the information arrived (by phone, letter, email); the clock runs again. */
export async function resumeHandling(ctx: CommandContext, input: { id: string; version: unknown; note?: string }): Promise<repo.FeedbackCase> {
  const s = ctx.services;
  const version = versionOf(input.version);
  const c = await load(s, input.id);
  handlingPolicy.requireHandle(ctx.actor, await unitIdOf(s, c.unitCode));
  if (c.status !== 'waiting') throw wrongState('Phản ánh không ở trạng thái chờ bổ sung.', 'The case is not waiting.');
  return transaction(s.pool, async (tx) => {
    const { row, added } = await resume(ctx, tx, c, version, nfc(input.note ?? '') || 'Đã nhận thông tin bổ sung.');
    await writeAudit(tx, ctx, {
      action: 'feedback.resume',
      entity: 'feedback_case',
      entityId: c.id,
      summary: { after: { status: 'in_progress', pausedWorkingDays: added } },
    });
    return row;
  });
}

/** reporterSupplies: the reporter answers the question from the tracking page. */
export async function reporterSupplies(ctx: CommandContext, input: { code: string; text: string }): Promise<repo.FeedbackCase> {
  const s = ctx.services;
  const text = nfc(input.text);
  new Check().required('info', text, 'thông tin bổ sung', 'the information').maxLength('info', text, 4000, 'Thông tin bổ sung').throwIfAny();
  const c = await repo.findByCode(s.db, input.code);
  if (!c) throw notFound();
  if (c.status !== 'waiting') throw wrongState('Phản ánh không chờ bổ sung thông tin.', 'The case is not waiting for information.');
  return transaction(s.pool, async (tx) => {
    const { row, added } = await resume(ctx, tx, c, c.version, `Người phản ánh bổ sung: ${text}`);
    await writeAudit(tx, ctx, { action: 'feedback.reporter_supplies', entity: 'feedback_case', entityId: c.id, summary: { pausedWorkingDays: added } });
    return row;
  });
}

/** Everyone whose personal data may appear in the texts: this case's reporter and the reporters
 * of the cases merged into it. */
async function peopleOf(s: Services, c: repo.FeedbackCase) {
  const merged = await hrepo.listMergedInto(s.db, c.id);
  return [c, ...merged].map((x) => ({ name: x.reporterName, phone: x.reporterPhone, email: x.reporterEmail }));
}

export async function previewFor(s: Services, c: repo.FeedbackCase): Promise<{ content: RedactionPreview; answer: RedactionPreview }> {
  const people = await peopleOf(s, c);
  return { content: redactionPreview(c.content, people), answer: redactionPreview(c.answerDraft ?? '', people) };
}

/** saveDraft: the unit's officer drafts the answer. A new draft needs a new redaction check. */
export async function saveDraft(
  ctx: CommandContext,
  input: { id: string; version: unknown; answer: string; hasPersonalData: boolean },
): Promise<repo.FeedbackCase> {
  const s = ctx.services;
  const version = versionOf(input.version);
  const c = await load(s, input.id);
  handlingPolicy.requireHandle(ctx.actor, await unitIdOf(s, c.unitCode));
  const answer = nfc(input.answer);
  new Check().required('answer', answer, 'nội dung trả lời', 'the answer').maxLength('answer', answer, ANSWER_MAX, 'Nội dung trả lời').throwIfAny();
  if (c.status !== 'in_progress') throw wrongState('Chỉ soạn trả lời khi phản ánh đang được xử lý.', 'Only while the case is in progress.');
  return transaction(s.pool, async (tx) => {
    const row = await update(tx, c, version, {
      answerDraft: answer,
      answerHasPersonalData: input.hasPersonalData,
      publicContent: null,
      publicAnswer: null,
      redactionConfirmedAt: null,
    });
    await repo.insertEvent(tx, { caseId: c.id, at: feedbackClock.now(), kind: 'draft', note: 'Soạn dự thảo trả lời.', actorId: ctx.actor.userId });
    await writeAudit(tx, ctx, {
      action: 'feedback.draft',
      entity: 'feedback_case',
      entityId: c.id,
      summary: { length: answer.length, personalData: input.hasPersonalData },
    });
    return row;
  });
}

/** confirmRedaction: the officer checked (and possibly edited) the redacted texts; those are
 * what will be published. A text still carrying a phone, email or ID number is refused. */
export async function confirmRedaction(ctx: CommandContext, input: { id: string; version: unknown; publicContent: string; publicAnswer: string }) {
  const s = ctx.services;
  const version = versionOf(input.version);
  const c = await load(s, input.id);
  handlingPolicy.requireHandle(ctx.actor, await unitIdOf(s, c.unitCode));
  if (c.status !== 'in_progress' || !c.answerDraft) throw wrongState('Chưa có dự thảo trả lời để xác nhận.', 'There is no draft answer.');
  const content = nfc(input.publicContent);
  const answer = nfc(input.publicAnswer);
  const check = new Check()
    .required('publicContent', content, 'nội dung phản ánh sẽ công khai', 'the public text')
    .required('publicAnswer', answer, 'nội dung trả lời sẽ công khai', 'the public answer')
    .maxLength('publicContent', content, 4000, 'Nội dung công khai')
    .maxLength('publicAnswer', answer, ANSWER_MAX, 'Trả lời công khai');
  const leak = 'Văn bản vẫn còn số điện thoại, thư điện tử hoặc số giấy tờ tùy thân. Vui lòng che trước khi xác nhận.';
  if (stillHasContactData(content)) check.add('publicContent', leak, 'The text still contains contact data or an ID number.');
  if (stillHasContactData(answer)) check.add('publicAnswer', leak, 'The text still contains contact data or an ID number.');
  check.throwIfAny();
  return transaction(s.pool, async (tx) => {
    const row = await update(tx, c, version, { publicContent: content, publicAnswer: answer, redactionConfirmedAt: feedbackClock.now() });
    await repo.insertEvent(tx, {
      caseId: c.id,
      at: feedbackClock.now(),
      kind: 'redaction_confirmed',
      note: 'Xác nhận bản che thông tin cá nhân.',
      actorId: ctx.actor.userId,
    });
    await writeAudit(tx, ctx, { action: 'feedback.confirm_redaction', entity: 'feedback_case', entityId: c.id, summary: {} });
    return row;
  });
}

/** Published when the reporter did not refuse and the officer did not mark personal data. */
export const isPublishable = (c: repo.FeedbackCase) => c.publishConsent && !c.answerHasPersonalData;

/** approveAnswer: a leader approves the draft (status 'answered'). The answer is queued by email
 * to every reporter, those of merged cases included, and published when allowed. */
export async function approveAnswer(ctx: CommandContext, input: { id: string; version: unknown }): Promise<repo.FeedbackCase> {
  handlingPolicy.requireApprove(ctx.actor);
  const s = ctx.services;
  const version = versionOf(input.version);
  const c = await load(s, input.id);
  if (c.status !== 'in_progress' || !c.answerDraft) throw wrongState('Chưa có dự thảo trả lời để phê duyệt.', 'There is no draft answer to approve.');
  const publish = isPublishable(c);
  if (publish && !c.redactionConfirmedAt)
    throw new AppError(
      'FB-410',
      409,
      'Chuyên viên chưa xác nhận bản che thông tin cá nhân để công khai.',
      'The officer has not confirmed the redacted text yet.',
    );
  const now = feedbackClock.now();
  const merged = await hrepo.listMergedInto(s.db, c.id);
  return transaction(s.pool, async (tx) => {
    const row = await update(tx, c, version, {
      status: 'answered',
      answerText: c.answerDraft,
      answeredAt: now,
      approvedBy: ctx.actor.userId,
      published: publish,
    });
    await repo.insertEvent(tx, { caseId: c.id, at: now, kind: 'answered', note: c.answerDraft, actorId: ctx.actor.userId });
    for (const m of merged)
      await repo.insertEvent(tx, { caseId: m.id, at: now, kind: 'answered', note: `Trả lời theo phản ánh ${c.code}.`, actorId: ctx.actor.userId });
    const sent = new Set<string>();
    for (const r of [c, ...merged]) {
      const to = r.reporterEmail?.toLowerCase();
      if (!to || sent.has(to)) continue;
      sent.add(to);
      await queueMail(tx, s.jobs, {
        to,
        subject: `Trả lời phản ánh ${r.code}`,
        text: `Kính gửi ông/bà,\n\nSở VHTTDL trả lời phản ánh mã số ${r.code}${r.id === c.id ? '' : ` (đã gộp với phản ánh ${c.code})`}:\n\n${c.answerDraft}\n\nÔng/bà có thể đánh giá mức độ hài lòng hoặc đề nghị xử lý lại trong ${REOPEN_DAYS} ngày tại ${trackingUrl(s, r.code)}.\n\nTrân trọng.`,
      });
    }
    await writeAudit(tx, ctx, {
      action: 'feedback.approve',
      entity: 'feedback_case',
      entityId: c.id,
      summary: { before: { status: c.status }, after: { status: 'answered', published: publish, mailed: sent.size } },
    });
    return row;
  });
}

// ——— 4. Reporter's side (1022 rules) ———

const reporterActor = (code: string) => ({ userId: null, label: `Người phản ánh ${code}`, kind: 'anonymous' as const, grants: [] });

/** The case the reporter rates or re-opens: their own, or the case it was merged into answers. */
function answeredAt(c: repo.FeedbackCase): Date | null {
  return c.answeredAt;
}

export async function rateCase(ctx: CommandContext, input: { code: string; level: string }): Promise<repo.FeedbackCase> {
  const s = ctx.services;
  const level = nfc(input.level) as FeedbackSatisfaction;
  if (!FEEDBACK_SATISFACTION.includes(level)) throw Errors.validation({ level: { vi: 'Vui lòng chọn mức độ hài lòng.', en: 'Choose a level.' } });
  const c = await repo.findByCode(s.db, input.code);
  if (!c) throw notFound();
  if (c.status !== 'answered' && c.status !== 'closed') throw wrongState('Chỉ đánh giá sau khi phản ánh đã được trả lời.', 'Only after an answer.');
  if (c.satisfaction) throw new AppError('FB-411', 409, 'Bạn đã đánh giá phản ánh này. Mỗi phản ánh chỉ đánh giá một lần.', 'Already rated.');
  const now = feedbackClock.now();
  const actx = { ...ctx, actor: ctx.actor.userId ? ctx.actor : reporterActor(c.code) };
  return transaction(s.pool, async (tx) => {
    const row = await update(tx, c, c.version, { satisfaction: level, ratedAt: now });
    await repo.insertEvent(tx, { caseId: c.id, at: now, kind: 'rated', note: SATISFACTION_LABELS[level].vi, actorId: null });
    await writeAudit(tx, actx, { action: 'feedback.rate', entity: 'feedback_case', entityId: c.id, summary: { after: { satisfaction: level } } });
    return row;
  });
}

/** reopenCase: within 7 days of the answer, when not resolved, the case goes back to the unit
 * (status in_progress, reopen_count + 1, a new handling time limit). After 7 days: FB-412. */
export async function reopenCase(ctx: CommandContext, input: { code: string; reason: string }): Promise<repo.FeedbackCase> {
  const s = ctx.services;
  const reason = nfc(input.reason);
  new Check().required('reason', reason, 'lý do đề nghị xử lý lại', 'the reason').maxLength('reason', reason, 2000, 'Lý do').throwIfAny();
  const c = await repo.findByCode(s.db, input.code);
  if (!c) throw notFound();
  const at = answeredAt(c);
  if (c.status !== 'answered' || !at) throw wrongState('Chỉ đề nghị xử lý lại phản ánh đã được trả lời.', 'Only an answered case can be re-opened.');
  const now = feedbackClock.now();
  if (now.getTime() - at.getTime() > REOPEN_DAYS * 86400_000)
    throw new AppError(
      'FB-412',
      409,
      `Đã quá ${REOPEN_DAYS} ngày kể từ ngày trả lời: không thể đề nghị xử lý lại. Bạn có thể gửi phản ánh mới.`,
      `More than ${REOPEN_DAYS} days since the answer.`,
    );
  const category = (await repo.findCategory(s.db, c.categoryCode))!;
  const cal = await workingCalendar(s);
  const actx = { ...ctx, actor: ctx.actor.userId ? ctx.actor : reporterActor(c.code) };
  return transaction(s.pool, async (tx) => {
    const row = await update(tx, c, c.version, {
      status: 'in_progress',
      reopenCount: c.reopenCount + 1,
      dueDate: cal.addWorkingDays(vnIsoDate(now), category.deadlineDays),
      answerDraft: null,
      redactionConfirmedAt: null,
      // Off the public pages until a leader approves the new answer: a new draft and its
      // redaction must not show before approval, nor an empty page meanwhile.
      published: false,
    });
    await repo.insertEvent(tx, { caseId: c.id, at: now, kind: 'reopened', note: reason, actorId: null });
    await writeAudit(tx, actx, {
      action: 'feedback.reopen',
      entity: 'feedback_case',
      entityId: c.id,
      summary: { after: { status: 'in_progress', reopenCount: row.reopenCount } },
    });
    return row;
  });
}

// ——— 5. Reminders (job) ———

export const REMINDER_JOB = 'feedback.reminders';

/**
 * Hourly: a case one working day before its due date, or past it, gets one reminder of each
 * kind per due date: a timeline event and an email to the unit's leaders (heads and deputies of
 * the unit, else the department's leaders). Forwarding deadlines (Decree 20 Art. 9, 5 working
 * days) remind the receiving desk's leaders the same way. Returns the reminders sent.
 */
export async function runReminders(s: Services, now = feedbackClock.now()): Promise<number> {
  const today = vnIsoDate(now);
  const cal = await workingCalendar(s);
  const tomorrowWd = cal.addWorkingDays(today, 1);
  const ctx: CommandContext = { services: s, actor: { ...SYSTEM, label: 'Nhắc hạn phản ánh' } };
  let sent = 0;
  for (const c of await hrepo.listReminderCandidates(s.db)) {
    const outside = c.classification === 'outside' && c.status === 'classified';
    if (c.status === 'classified' && !outside && c.classification !== 'within') continue;
    const due = outside ? c.forwardDueDate : c.dueDate;
    if (!due) continue;
    const overdue = due < today;
    const near = !overdue && due <= tomorrowWd;
    if (!overdue && !near) continue;
    const kind = outside ? (overdue ? 'forward_overdue' : 'forward_near') : overdue ? 'overdue' : 'near';
    const leaders = await leadersFor(s, outside || c.status === 'new' ? null : c.unitCode, today);
    const done = await transaction(s.pool, async (tx) => {
      if (!(await hrepo.recordReminder(tx, { caseId: c.id, kind, dueDate: due, sentAt: now, recipients: leaders.length }))) return false;
      const what = outside ? 'hạn chuyển cơ quan có thẩm quyền' : 'hạn trả lời';
      const text = overdue ? `Phản ánh ${c.code} đã quá ${what} (${formatDateVi(due)}).` : `Phản ánh ${c.code} sắp đến ${what}: ${formatDateVi(due)}.`;
      await repo.insertEvent(tx, { caseId: c.id, at: now, kind: 'reminder', note: `${text} Đã báo ${leaders.length} lãnh đạo.`, actorId: null });
      for (const l of leaders) {
        await queueMail(tx, s.jobs, {
          to: l.email,
          subject: overdue ? `[Quá hạn] Phản ánh ${c.code}` : `[Sắp đến hạn] Phản ánh ${c.code}`,
          text: `Kính gửi ${l.name},\n\n${text}\nXem: ${s.config.publicUrl}/quan-tri/phan-anh/${c.id}\n\nHệ thống Văn Hiến.`,
        });
      }
      await writeAudit(tx, ctx, { action: 'feedback.remind', entity: 'feedback_case', entityId: c.id, summary: { kind, due, recipients: leaders.length } });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

async function leadersFor(s: Services, unitCode: string | null, today: string) {
  const unit = await hrepo.unitByCode(s.db, unitCode);
  const inUnit = unit
    ? (await hrepo.unitPeople(s.db, unit.id, today)).filter(
        (p) => p.positionCode === 'truong_phong' || p.positionCode === 'pho_truong_phong' || p.roleCode === 'lanh_dao',
      )
    : [];
  const list = inUnit.length ? inUnit : await hrepo.peopleWithRole(s.db, 'lanh_dao', today);
  const seen = new Set<string>();
  return list.filter((p) => !seen.has(p.email) && seen.add(p.email));
}

/** What a staff member may do on this case, for the page to show only allowed actions. */
export async function allowedActions(ctx: CommandContext, c: repo.FeedbackCase) {
  const unitId = await unitIdOf(ctx.services, c.unitCode);
  const classify = handlingPolicy.canClassify(ctx.actor);
  const handle = handlingPolicy.canHandle(ctx.actor, unitId);
  return { classify, handle, approve: handlingPolicy.canApprove(ctx.actor), merge: classify || handle, anyHandle: can(ctx.actor, FEEDBACK_HANDLE) };
}
