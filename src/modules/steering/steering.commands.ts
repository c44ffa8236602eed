import { createTwoFilesPatch } from 'diff';
import { eq, sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext, Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { Check, UUID_RE, nfc, parseDateInput, vnIsoDate } from '../../core/validation.js';
import { getDefinition } from '../indicators/index.js';
import { type ReportContent, buildReportContent, contentLines } from './steering.figures.js';
import { steeringPolicy } from './steering.policy.js';
import * as repo from './steering.repository.js';
import {
  REPORT_KINDS,
  TASK_STATUSES,
  type TaskStatus,
  steeringBodies,
  steeringConclusions,
  steeringMeetings,
  steeringMembers,
  steeringPlans,
  steeringReportVersions,
  steeringReports,
  steeringScores,
  steeringTargets,
  steeringTaskUpdates,
  steeringTasks,
} from './steering.schema.js';

/** Named errors of the module (issue 17 "Bad input"): stable codes an API client can act on. */
export const STEERING_ERRORS = {
  taskOwner: 'STEERING-101',
  taskDeadline: 'STEERING-102',
  unknownIndicator: 'STEERING-103',
  dropReason: 'STEERING-104',
  evidence: 'STEERING-105',
  reportState: 'STEERING-106',
  input: 'STEERING-100',
} as const;

/** A refusal with field errors under the first named code that applies. */
function refuse(check: Check, order: [field: string, code: string][]): never {
  const fields: FieldErrors = check.errors;
  const code = order.find(([f]) => fields[f])?.[1] ?? STEERING_ERRORS.input;
  throw new AppError(code, 400, 'Thông tin nhập chưa hợp lệ. Vui lòng sửa các lỗi bên dưới.', 'Some input is not valid.', fields);
}

export const STATUS_VI: Record<TaskStatus, string> = {
  not_started: 'Chưa triển khai',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ chậm',
  late: 'Quá hạn',
  done: 'Hoàn thành',
  dropped: 'Dừng thực hiện',
};

const dateField = (check: Check, field: string, raw: string | undefined, label: string, required = true): string | null => {
  const v = nfc(raw);
  if (!v) {
    if (required) check.add(field, `Vui lòng nhập ${label} (ngày/tháng/năm).`, `Enter the ${field}.`);
    return null;
  }
  const iso = parseDateInput(v);
  if (!iso)
    check.add(
      field,
      `${label[0]!.toUpperCase()}${label.slice(1)} không hợp lệ, nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2025.`,
      'Invalid date (dd/mm/yyyy).',
    );
  return iso;
};

// ── Plans and targets ────────────────────────────────────────────────────────

export interface TargetInput {
  label?: string;
  indicatorCode?: string;
  comparator?: string;
  targetValue?: string | number;
  periodCode?: string;
}
export interface PlanInput {
  number?: string;
  issuedOn?: string;
  issuer?: string;
  title?: string;
  periodFrom?: string;
  periodTo?: string;
  sourcePlan?: string;
  targets?: TargetInput[];
}

/** Targets as typed in the form, one a line: "label | code | >= | 80 | 2026". */
export function parseTargetLines(text: string): TargetInput[] {
  return nfc(text)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [label, indicatorCode, comparator, targetValue, periodCode] = l.split('|').map((x) => x.trim());
      return { label, indicatorCode, comparator, targetValue, periodCode };
    });
}

/** createPlan: a plan with its targets; a target naming an unknown indicator code → STEERING-103. */
export async function createPlan(ctx: CommandContext, input: PlanInput, opts: { isDemo?: boolean } = {}) {
  steeringPolicy.requireManage(ctx.actor);
  const s = ctx.services;
  const check = new Check();
  const number = nfc(input.number);
  const title = nfc(input.title);
  const issuer = nfc(input.issuer);
  check.required('number', number, 'số kế hoạch', 'the number').maxLength('number', number, 60, 'Số kế hoạch');
  check.required('title', title, 'trích yếu', 'the title').maxLength('title', title, 500, 'Trích yếu');
  check.required('issuer', issuer, 'cơ quan ban hành', 'the issuer');
  const issuedOn = dateField(check, 'issuedOn', input.issuedOn, 'ngày ban hành');
  const periodFrom = dateField(check, 'periodFrom', input.periodFrom, 'ngày bắt đầu kỳ kế hoạch');
  const periodTo = dateField(check, 'periodTo', input.periodTo, 'ngày kết thúc kỳ kế hoạch');
  if (periodFrom && periodTo && periodFrom > periodTo)
    check.add('periodTo', 'Ngày kết thúc kỳ kế hoạch phải sau ngày bắt đầu.', 'The end must follow the start.');
  if (number && (await repo.findPlanByNumber(s.db, number))) check.add('number', `Kế hoạch số ${number} đã có.`, 'This number exists.');
  const targets = [] as {
    label: string;
    indicatorCode: string | null;
    comparator: '>=' | '<=';
    targetValue: number | null;
    periodCode: string | null;
    sort: number;
  }[];
  for (const [i, t] of (input.targets ?? []).entries()) {
    const label = nfc(t.label);
    const code = nfc(t.indicatorCode).toUpperCase();
    if (!label) check.add('targets', `Chỉ tiêu dòng ${i + 1}: vui lòng nhập nội dung chỉ tiêu.`, `Target ${i + 1}: enter its label.`);
    if (code && !(await getDefinition(s.db, code)))
      check.add(
        'targets',
        `Chỉ tiêu dòng ${i + 1} gắn với mã "${code}" không có trong danh mục chỉ tiêu ngành.`,
        `Target ${i + 1}: unknown indicator ${code}.`,
      );
    const raw = t.targetValue === undefined || t.targetValue === '' ? null : Number(String(t.targetValue).replace(',', '.'));
    if (raw !== null && !Number.isFinite(raw))
      check.add('targets', `Chỉ tiêu dòng ${i + 1}: giá trị mục tiêu phải là số.`, `Target ${i + 1}: the value must be a number.`);
    const cmp = nfc(t.comparator) === '<=' ? '<=' : '>=';
    const pc = nfc(t.periodCode) || null;
    targets.push({
      label,
      indicatorCode: code || null,
      comparator: cmp,
      targetValue: raw !== null && Number.isFinite(raw) ? raw : null,
      periodCode: pc,
      sort: i,
    });
  }
  if (!check.ok) {
    const unknown = check.errors.targets?.vi.includes('không có trong danh mục');
    refuse(check, unknown ? [['targets', STEERING_ERRORS.unknownIndicator]] : []);
  }
  return transaction(s.pool, async (tx) => {
    const [plan] = await tx
      .insert(steeringPlans)
      .values({
        number,
        title,
        issuer,
        issuedOn: issuedOn!,
        periodFrom: periodFrom!,
        periodTo: periodTo!,
        sourcePlan: nfc(input.sourcePlan),
        isDemo: opts.isDemo ?? false,
      })
      .returning();
    if (targets.length) await tx.insert(steeringTargets).values(targets.map((t) => ({ ...t, planId: plan!.id })));
    await writeAudit(tx, ctx, { action: 'steering.plan.create', entity: 'steering_plan', entityId: plan!.id, summary: { number, targets: targets.length } });
    return plan!;
  });
}

export async function publishPlan(ctx: CommandContext, planId: string, published = true) {
  steeringPolicy.requireManage(ctx.actor);
  if (!UUID_RE.test(planId)) throw Errors.notFound('Kế hoạch');
  return transaction(ctx.services.pool, async (tx) => {
    const [p] = await tx.update(steeringPlans).set({ published }).where(eq(steeringPlans.id, planId)).returning();
    if (!p) throw Errors.notFound('Kế hoạch');
    await writeAudit(tx, ctx, {
      action: published ? 'steering.plan.publish' : 'steering.plan.unpublish',
      entity: 'steering_plan',
      entityId: planId,
      summary: { number: p.number },
    });
    return p;
  });
}

// ── Tasks ────────────────────────────────────────────────────────────────────

export interface TaskInput {
  title?: string;
  ownerUnit?: string;
  coUnits?: string[] | string;
  deadline?: string;
  /** or a number of working days from today, on the working-day calendar */
  workingDays?: string | number;
  expectedProduct?: string;
  planId?: string;
  conclusionId?: string;
}

async function cleanTask(s: Services, input: TaskInput, check: Check, prefix = '') {
  const units = await repo.unitNames(s.db);
  const title = nfc(input.title);
  const ownerUnit = nfc(input.ownerUnit);
  const coUnits = (Array.isArray(input.coUnits) ? input.coUnits : nfc(input.coUnits).split(/[,;\s]+/)).map((x) => nfc(x)).filter((x) => x && x !== ownerUnit);
  check.required(`${prefix}title`, title, 'tên nhiệm vụ', 'the task').maxLength(`${prefix}title`, title, 1000, 'Tên nhiệm vụ');
  if (!ownerUnit) check.add(`${prefix}ownerUnit`, 'Nhiệm vụ phải có đơn vị chủ trì.', 'A task needs an owner unit.');
  else if (!units.has(ownerUnit)) check.add(`${prefix}ownerUnit`, `Không có đơn vị mã "${ownerUnit}".`, `Unknown unit ${ownerUnit}.`);
  for (const c of coUnits) if (!units.has(c)) check.add(`${prefix}coUnits`, `Không có đơn vị phối hợp mã "${c}".`, `Unknown unit ${c}.`);
  let deadline: string | null = null;
  const wd = String(input.workingDays ?? '').trim();
  if (nfc(input.deadline)) deadline = dateField(check, `${prefix}deadline`, input.deadline, 'hạn hoàn thành');
  else if (/^\d{1,3}$/.test(wd) && Number(wd) > 0) deadline = (await s.calendar.calendar()).addWorkingDays(vnIsoDate(), Number(wd));
  else check.add(`${prefix}deadline`, 'Nhiệm vụ phải có hạn hoàn thành (ngày/tháng/năm hoặc số ngày làm việc).', 'A task needs a deadline.');
  const planId = nfc(input.planId) || null;
  if (planId && (!UUID_RE.test(planId) || !(await repo.findPlan(s.db, planId))))
    check.add(`${prefix}planId`, 'Kế hoạch đã chọn không tồn tại.', 'Unknown plan.');
  return {
    title,
    ownerUnit,
    coUnits: [...new Set(coUnits)],
    deadline,
    expectedProduct: nfc(input.expectedProduct).slice(0, 1000),
    planId,
    conclusionId: nfc(input.conclusionId) || null,
  };
}

const TASK_LOCK = 7316017;

async function insertTasks(ctx: CommandContext, rows: Awaited<ReturnType<typeof cleanTask>>[], isDemo = false) {
  return transaction(ctx.services.pool, async (tx) => {
    // One writer of task codes at a time: codes are per year and counted (NV-2025-001 …).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${TASK_LOCK})`);
    const out = [];
    for (const r of rows) {
      const code = await repo.nextTaskCode(tx, Number(r.deadline!.slice(0, 4)));
      const [t] = await tx
        .insert(steeringTasks)
        .values({ ...r, deadline: r.deadline!, code, isDemo })
        .returning();
      await writeAudit(tx, ctx, {
        action: 'steering.task.create',
        entity: 'steering_task',
        entityId: t!.id,
        summary: { code, ownerUnit: r.ownerUnit, deadline: r.deadline },
      });
      out.push(t!);
    }
    return out;
  });
}

/** createTask: no owner → STEERING-101, no deadline → STEERING-102 (issue 17 "Bad input"). */
export async function createTask(ctx: CommandContext, input: TaskInput, opts: { isDemo?: boolean } = {}) {
  steeringPolicy.requireManage(ctx.actor);
  const check = new Check();
  const row = await cleanTask(ctx.services, input, check);
  if (!check.ok)
    refuse(check, [
      ['ownerUnit', STEERING_ERRORS.taskOwner],
      ['deadline', STEERING_ERRORS.taskDeadline],
    ]);
  return (await insertTasks(ctx, [row], opts.isDemo))[0]!;
}

// ── Meetings and conclusions ─────────────────────────────────────────────────

export interface MeetingInput {
  title?: string;
  heldOn?: string;
  chair?: string;
  agenda?: string;
  participants?: string;
  minutes?: string;
  /** one conclusion a line */
  conclusions?: string;
  previousId?: string;
}

export async function createMeeting(ctx: CommandContext, input: MeetingInput, opts: { isDemo?: boolean } = {}) {
  steeringPolicy.requireManage(ctx.actor);
  const check = new Check();
  const title = nfc(input.title);
  check.required('title', title, 'tên cuộc họp', 'the title').maxLength('title', title, 500, 'Tên cuộc họp');
  const heldOn = dateField(check, 'heldOn', input.heldOn, 'ngày họp');
  const lines = nfc(input.conclusions)
    .split('\n')
    .map((l) => l.replace(/^\s*\d+[.)]\s*/, '').trim())
    .filter(Boolean);
  const previousId = nfc(input.previousId) || null;
  if (previousId && (!UUID_RE.test(previousId) || !(await repo.findMeeting(ctx.services.db, previousId))))
    check.add('previousId', 'Cuộc họp trước đã chọn không tồn tại.', 'Unknown meeting.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const [m] = await tx
      .insert(steeringMeetings)
      .values({
        title,
        heldOn: heldOn!,
        chair: nfc(input.chair),
        agenda: nfc(input.agenda),
        participants: nfc(input.participants),
        minutes: nfc(input.minutes),
        previousId,
        isDemo: opts.isDemo ?? false,
      })
      .returning();
    if (lines.length) await tx.insert(steeringConclusions).values(lines.map((text, i) => ({ meetingId: m!.id, seq: i + 1, text })));
    await writeAudit(tx, ctx, {
      action: 'steering.meeting.create',
      entity: 'steering_meeting',
      entityId: m!.id,
      summary: { title, conclusions: lines.length },
    });
    return m!;
  });
}

/**
 * tasksFromConclusions: each chosen conclusion becomes a task (owner unit, co-units, deadline,
 * expected product). All or nothing: one row without owner or deadline refuses the whole form,
 * with the row named (STEERING-101/102).
 */
export async function tasksFromConclusions(ctx: CommandContext, meetingId: string, rows: (TaskInput & { conclusionId: string })[]) {
  steeringPolicy.requireManage(ctx.actor);
  const s = ctx.services;
  if (!UUID_RE.test(meetingId) || !(await repo.findMeeting(s.db, meetingId))) throw Errors.notFound('Cuộc họp');
  const conclusions = new Map((await repo.conclusionsOf(s.db, meetingId)).map((c) => [c.id, c]));
  const check = new Check();
  const clean = [];
  for (const r of rows) {
    const c = conclusions.get(r.conclusionId);
    if (!c) continue;
    const row = await cleanTask(s, { ...r, title: nfc(r.title) || c.text }, check, `c${c.seq}.`);
    clean.push(row);
  }
  if (!clean.length && check.ok) check.add('conclusions', 'Vui lòng chọn ít nhất một kết luận để giao nhiệm vụ.', 'Choose at least one conclusion.');
  if (!check.ok) {
    const keys = Object.keys(check.errors);
    const code = keys.some((k) => k.endsWith('ownerUnit'))
      ? STEERING_ERRORS.taskOwner
      : keys.some((k) => k.endsWith('deadline'))
        ? STEERING_ERRORS.taskDeadline
        : STEERING_ERRORS.input;
    throw new AppError(code, 400, 'Thông tin nhập chưa hợp lệ. Vui lòng sửa các lỗi bên dưới.', 'Some input is not valid.', check.errors);
  }
  return insertTasks(ctx, clean);
}

// ── Progress ─────────────────────────────────────────────────────────────────

export interface ProgressInput {
  progress?: string | number;
  status?: string;
  note?: string;
  link?: string;
  dropReason?: string;
  file?: { data: Buffer; filename: string; truncated?: boolean } | null;
}

const EVIDENCE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
];
export const EVIDENCE_MAX = 20 * 1024 * 1024;

/** updateProgress: a unit reports progress with evidence (a file through core uploads, sniffed and
 * size-limited, or a link); "dropped" needs a reason (STEERING-104). */
export async function updateProgress(ctx: CommandContext, taskId: string, input: ProgressInput) {
  const s = ctx.services;
  if (!UUID_RE.test(taskId)) throw Errors.notFound('Nhiệm vụ');
  const task = await repo.findTask(s.db, taskId);
  if (!task) throw Errors.notFound('Nhiệm vụ');
  await steeringPolicy.requireUpdate(s, ctx.actor, task);
  const check = new Check();
  const status = nfc(input.status) as TaskStatus;
  if (!(TASK_STATUSES as readonly string[]).includes(status) || status === 'late')
    check.add('status', 'Vui lòng chọn tình trạng nhiệm vụ.', 'Choose a status.');
  const pRaw = String(input.progress ?? '').trim();
  const progress = status === 'done' ? 100 : /^\d{1,3}$/.test(pRaw) && Number(pRaw) <= 100 ? Number(pRaw) : -1;
  if (progress < 0) check.add('progress', 'Tiến độ là số phần trăm từ 0 đến 100.', 'Progress is a percentage 0–100.');
  const note = nfc(input.note);
  check.required('note', note, 'nội dung kết quả thực hiện', 'what was done').maxLength('note', note, 4000, 'Nội dung');
  const link = nfc(input.link);
  if (link && !/^https?:\/\/[^\s]+$/i.test(link))
    check.add('link', 'Đường dẫn minh chứng phải bắt đầu bằng http:// hoặc https://.', 'The link must start with http(s)://.');
  const dropReason = nfc(input.dropReason);
  if (status === 'dropped' && !dropReason) check.add('dropReason', 'Dừng thực hiện nhiệm vụ phải nêu lý do.', 'Dropping a task needs a reason.');
  if (input.file?.truncated) check.add('file', `Tệp minh chứng quá lớn: tối đa ${EVIDENCE_MAX / 1048576} MB.`, 'The file is too large.');
  if (status === 'done' && !link && !input.file?.data.length)
    check.add('file', 'Nhiệm vụ hoàn thành cần minh chứng: tải tệp hoặc nhập đường dẫn sản phẩm.', 'A done task needs evidence.');
  if (!check.ok)
    refuse(check, [
      ['dropReason', STEERING_ERRORS.dropReason],
      ['file', STEERING_ERRORS.evidence],
    ]);
  return transaction(s.pool, async (tx) => {
    let file: { id: string; originalName: string } | null = null;
    if (input.file?.data.length) {
      try {
        file = await s.files.save(tx, {
          data: input.file.data,
          originalName: input.file.filename,
          allowed: EVIDENCE_TYPES,
          maxBytes: EVIDENCE_MAX,
          createdBy: ctx.actor.userId,
        });
      } catch (err) {
        if (err instanceof AppError) throw new AppError(STEERING_ERRORS.evidence, 400, err.vi, err.en, { file: { vi: err.vi, en: err.en } });
        throw err;
      }
    }
    const today = vnIsoDate();
    await tx
      .update(steeringTasks)
      .set({ status, progress, dropReason: status === 'dropped' ? dropReason : null, doneOn: status === 'done' ? today : null, updatedAt: new Date() })
      .where(eq(steeringTasks.id, taskId));
    const [u] = await tx
      .insert(steeringTaskUpdates)
      .values({
        taskId,
        progress,
        status,
        note,
        link: link || null,
        fileId: file?.id ?? null,
        fileName: file?.originalName ?? null,
        createdBy: ctx.actor.userId,
        createdByLabel: ctx.actor.label,
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'steering.task.progress',
      entity: 'steering_task',
      entityId: taskId,
      summary: { code: task.code, from: task.status, to: status, progress, evidence: file ? 'file' : link ? 'link' : 'none' },
    });
    return u!;
  });
}

// ── Committee ────────────────────────────────────────────────────────────────

export async function createBody(
  ctx: CommandContext,
  input: { kind?: string; name?: string; decisionNumber?: string; decisionDate?: string; issuer?: string; members?: string },
  opts: { isDemo?: boolean } = {},
) {
  steeringPolicy.requireManage(ctx.actor);
  const check = new Check();
  const kind = input.kind === 'working_group' ? 'working_group' : 'committee';
  const name = nfc(input.name);
  const decisionNumber = nfc(input.decisionNumber);
  check.required('name', name, 'tên', 'the name').required('decisionNumber', decisionNumber, 'số quyết định thành lập', 'the decision');
  const decisionDate = dateField(check, 'decisionDate', input.decisionDate, 'ngày quyết định');
  // Members one a line: "Họ tên | chức vụ | vai trò"
  const members = nfc(input.members)
    .split('\n')
    .map((l) => l.split('|').map((x) => x.trim()))
    .filter((p) => p[0]);
  members.forEach((m, i) => {
    if (!m[1] || !m[2]) check.add('members', `Thành viên dòng ${i + 1}: nhập "Họ tên | chức vụ | vai trò".`, `Member ${i + 1}: name | position | role.`);
  });
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const [b] = await tx
      .insert(steeringBodies)
      .values({ kind, name, decisionNumber, decisionDate: decisionDate!, issuer: nfc(input.issuer) || 'Giám đốc Sở', isDemo: opts.isDemo ?? false })
      .returning();
    if (members.length)
      await tx
        .insert(steeringMembers)
        .values(members.map((m) => ({ bodyId: b!.id, fullName: m[0]!, position: m[1]!, role: m[2]!, fromDate: decisionDate!, decisionNumber })));
    await writeAudit(tx, ctx, {
      action: 'steering.body.create',
      entity: 'steering_body',
      entityId: b!.id,
      summary: { kind, decisionNumber, members: members.length },
    });
    return b!;
  });
}

/** A change of membership: the old row ends the day before, the new one starts, citing the decision. */
export async function changeMember(
  ctx: CommandContext,
  bodyId: string,
  input: { memberId?: string; fullName?: string; position?: string; role?: string; fromDate?: string; decisionNumber?: string },
) {
  steeringPolicy.requireManage(ctx.actor);
  const check = new Check();
  const fromDate = dateField(check, 'fromDate', input.fromDate, 'ngày hiệu lực');
  const decisionNumber = nfc(input.decisionNumber);
  check.required('decisionNumber', decisionNumber, 'số quyết định kiện toàn', 'the decision');
  const fullName = nfc(input.fullName);
  const memberId = nfc(input.memberId);
  if (!fullName && !memberId) check.add('fullName', 'Nhập thành viên mới hoặc chọn thành viên thôi tham gia.', 'Enter a member.');
  if (fullName && (!nfc(input.position) || !nfc(input.role))) check.add('position', 'Nhập chức vụ và vai trò của thành viên mới.', 'Enter position and role.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    if (memberId && UUID_RE.test(memberId)) {
      await tx.execute(sql`UPDATE steering_members SET to_date = ${fromDate}::date - 1 WHERE id = ${memberId} AND body_id = ${bodyId} AND to_date IS NULL`);
    }
    if (fullName)
      await tx.insert(steeringMembers).values({ bodyId, fullName, position: nfc(input.position), role: nfc(input.role), fromDate: fromDate!, decisionNumber });
    await writeAudit(tx, ctx, {
      action: 'steering.body.change',
      entity: 'steering_body',
      entityId: bodyId,
      summary: { decisionNumber, ended: memberId || null, added: Boolean(fullName) },
    });
  });
}

// ── Self-assessment ──────────────────────────────────────────────────────────

export async function scoreCriterion(
  ctx: CommandContext,
  input: { criterionId?: string; year?: string | number; unitCode?: string; points?: string; evidence?: string },
) {
  const s = ctx.services;
  const unitCode = nfc(input.unitCode);
  await steeringPolicy.requireUpdate(s, ctx.actor, { ownerUnit: unitCode, coUnits: [] });
  const check = new Check();
  const criterionId = nfc(input.criterionId);
  const year = Number(input.year);
  const crit = UUID_RE.test(criterionId)
    ? (await s.db.execute<{ max_points: number }>(sql`SELECT max_points FROM steering_criteria WHERE id = ${criterionId}`)).rows[0]
    : undefined;
  if (!crit) check.add('criterionId', 'Tiêu chí không tồn tại.', 'Unknown criterion.');
  const points = Number(String(input.points ?? '').replace(',', '.'));
  if (!Number.isFinite(points) || points < 0 || (crit && points > Number(crit.max_points)))
    check.add('points', `Điểm tự chấm từ 0 đến ${crit?.max_points ?? 'điểm tối đa'}.`, 'Points out of range.');
  const evidence = nfc(input.evidence);
  check.required('evidence', evidence, 'tài liệu kiểm chứng', 'the evidence');
  check.throwIfAny();
  return transaction(s.pool, async (tx) => {
    await tx
      .insert(steeringScores)
      .values({ criterionId, year, unitCode, points, evidence })
      .onConflictDoUpdate({
        target: [steeringScores.criterionId, steeringScores.year, steeringScores.unitCode],
        set: { points, evidence, status: 'self', reviewedPoints: null, updatedAt: new Date() },
      });
    await writeAudit(tx, ctx, { action: 'steering.index.score', entity: 'steering_criterion', entityId: criterionId, summary: { year, unitCode, points } });
  });
}

export async function reviewScore(ctx: CommandContext, scoreId: string, input: { points?: string; note?: string }) {
  steeringPolicy.requireApprove(ctx.actor);
  const points = Number(String(input.points ?? '').replace(',', '.'));
  if (!Number.isFinite(points) || points < 0) throw Errors.validation({ points: { vi: 'Điểm thẩm định phải là số không âm.', en: 'Points must be ≥ 0.' } });
  return transaction(ctx.services.pool, async (tx) => {
    const [r] = await tx
      .update(steeringScores)
      .set({ status: 'reviewed', reviewedPoints: points, reviewNote: nfc(input.note), updatedAt: new Date() })
      .where(eq(steeringScores.id, scoreId))
      .returning();
    if (!r) throw Errors.notFound('Điểm tự chấm');
    await writeAudit(tx, ctx, { action: 'steering.index.review', entity: 'steering_score', entityId: scoreId, summary: { points } });
  });
}

// ── Reports ──────────────────────────────────────────────────────────────────

export async function generateReport(
  ctx: CommandContext,
  input: { kind?: string; year?: string | number; quarter?: string | number },
  opts: { isDemo?: boolean; today?: string } = {},
) {
  steeringPolicy.requireManage(ctx.actor);
  const check = new Check();
  const kind = String(input.kind ?? '') as (typeof REPORT_KINDS)[number];
  if (!(REPORT_KINDS as readonly string[]).includes(kind))
    check.add('kind', 'Loại báo cáo phải là "yearly" (năm) hoặc "quarterly" (quý).', 'kind is yearly or quarterly.');
  const year = Number(input.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) check.add('year', 'Năm báo cáo không hợp lệ (2000–2100).', 'Invalid year.');
  const quarter = kind === 'quarterly' ? Number(input.quarter) : null;
  if (kind === 'quarterly' && !(quarter! >= 1 && quarter! <= 4)) check.add('quarter', 'Chọn quý từ 1 đến 4.', 'Quarter 1–4.');
  if (!check.ok) refuse(check, []);
  const content = await buildReportContent(ctx.services, kind, year, quarter, {}, opts.today);
  return transaction(ctx.services.pool, async (tx) => {
    const n = await tx.execute<{ n: string }>(sql`SELECT count(*) AS n FROM steering_reports WHERE year = ${year}`);
    const number = `${Number(n.rows[0]?.n ?? 0) + 1}/BC-SVHTTDL`;
    const [r] = await tx
      .insert(steeringReports)
      .values({ kind, year, quarter, number, isDemo: opts.isDemo ?? false })
      .returning();
    await tx.insert(steeringReportVersions).values({ reportId: r!.id, version: 1, content, note: 'Tạo từ số liệu hiện hành', createdBy: ctx.actor.label });
    await writeAudit(tx, ctx, { action: 'steering.report.generate', entity: 'steering_report', entityId: r!.id, summary: { kind, year, quarter } });
    return r!;
  });
}

/** A new version: the officers' paragraphs (and, when asked, the figures recomputed). */
export async function reviseReport(ctx: CommandContext, reportId: string, input: { narratives: Record<string, string>; refresh?: boolean; note?: string }) {
  steeringPolicy.requireManage(ctx.actor);
  const s = ctx.services;
  const report = UUID_RE.test(reportId) ? await repo.findReport(s.db, reportId) : undefined;
  if (!report) throw Errors.notFound('Báo cáo');
  if (report.status === 'approved' || report.status === 'published')
    throw new AppError(STEERING_ERRORS.reportState, 409, 'Báo cáo đã được phê duyệt, không sửa được nữa.', 'The report is approved.');
  const current = await repo.versionOf(s.db, reportId, report.version);
  const prev = current!.content as ReportContent;
  const narratives: Record<string, string> = {};
  for (const sec of prev.sections) narratives[sec.key] = nfc(input.narratives[sec.key] ?? sec.narrative).slice(0, 20_000);
  const content: ReportContent = input.refresh
    ? await buildReportContent(s, prev.kind, prev.year, prev.quarter, narratives)
    : { ...prev, sections: prev.sections.map((sec) => ({ ...sec, narrative: narratives[sec.key] ?? sec.narrative })) };
  return transaction(s.pool, async (tx) => {
    const [r] = await tx
      .update(steeringReports)
      .set({ version: sql`${steeringReports.version} + 1`, status: 'draft' })
      .where(sql`${steeringReports.id} = ${reportId} AND ${steeringReports.version} = ${report.version}`)
      .returning();
    if (!r) throw Errors.conflict();
    await tx.insert(steeringReportVersions).values({
      reportId,
      version: r.version,
      content,
      note: nfc(input.note) || (input.refresh ? 'Cập nhật số liệu' : 'Sửa nội dung'),
      createdBy: ctx.actor.label,
    });
    await writeAudit(tx, ctx, {
      action: 'steering.report.revise',
      entity: 'steering_report',
      entityId: reportId,
      summary: { version: r.version, refresh: Boolean(input.refresh) },
    });
    return r;
  });
}

/** The unified diff between two versions of a report (as plain lines). */
export async function reportDiff(s: Services, reportId: string, from: number, to: number): Promise<string> {
  const [a, b] = await Promise.all([repo.versionOf(s.db, reportId, from), repo.versionOf(s.db, reportId, to)]);
  if (!a || !b) throw Errors.notFound('Phiên bản báo cáo');
  return createTwoFilesPatch(
    `phiên bản ${from}`,
    `phiên bản ${to}`,
    contentLines(a.content as ReportContent),
    contentLines(b.content as ReportContent),
    '',
    '',
    { context: 2 },
  );
}

/** approveReport: a leader approves the current version; it is final from then on. */
export async function approveReport(ctx: CommandContext, reportId: string) {
  steeringPolicy.requireApprove(ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const [r] = await tx
      .update(steeringReports)
      .set({ status: 'approved', approvedBy: ctx.actor.label, approvedAt: new Date() })
      .where(sql`${steeringReports.id} = ${reportId} AND ${steeringReports.status} IN ('draft', 'submitted')`)
      .returning();
    if (!r) throw new AppError(STEERING_ERRORS.reportState, 409, 'Báo cáo không ở trạng thái chờ phê duyệt.', 'The report is not awaiting approval.');
    await writeAudit(tx, ctx, { action: 'steering.report.approve', entity: 'steering_report', entityId: reportId, summary: { version: r.version } });
    return r;
  });
}

/** publishReport: only an approved report goes on the portal. */
export async function publishReport(ctx: CommandContext, reportId: string) {
  steeringPolicy.requireApprove(ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const [r] = await tx
      .update(steeringReports)
      .set({ status: 'published', publishedAt: new Date() })
      .where(sql`${steeringReports.id} = ${reportId} AND ${steeringReports.status} = 'approved'`)
      .returning();
    if (!r)
      throw new AppError(STEERING_ERRORS.reportState, 409, 'Chỉ công bố được báo cáo đã được lãnh đạo phê duyệt.', 'Only an approved report can be published.');
    await writeAudit(tx, ctx, { action: 'steering.report.publish', entity: 'steering_report', entityId: reportId, summary: { version: r.version } });
    return r;
  });
}

// ── Reminders (job) ──────────────────────────────────────────────────────────

/** Daily: a reminder to the owner unit 3 days before the deadline, escalation to the leaders the
 * day after it passes; each once per task (reminded_at / escalated_at), audited. */
export async function remindAndEscalate(s: Services, today = vnIsoDate()): Promise<{ reminded: string[]; escalated: string[] }> {
  const ctx: CommandContext = { services: s, actor: { userId: null, label: 'Hệ thống', kind: 'system', grants: [{ permission: '*', unitId: null }] } };
  const remind = await repo.tasksToRemind(s.db, today, 3);
  const escalate = await repo.tasksToEscalate(s.db, today);
  return transaction(s.pool, async (tx) => {
    for (const t of remind) {
      await tx.update(steeringTasks).set({ remindedAt: new Date() }).where(eq(steeringTasks.id, t.id));
      await writeAudit(tx, ctx, {
        action: 'steering.task.remind',
        entity: 'steering_task',
        entityId: t.id,
        summary: { code: t.code, ownerUnit: t.ownerUnit, deadline: t.deadline },
      });
    }
    for (const t of escalate) {
      await tx.update(steeringTasks).set({ escalatedAt: new Date() }).where(eq(steeringTasks.id, t.id));
      await writeAudit(tx, ctx, {
        action: 'steering.task.escalate',
        entity: 'steering_task',
        entityId: t.id,
        summary: { code: t.code, ownerUnit: t.ownerUnit, deadline: t.deadline },
      });
    }
    return { reminded: remind.map((t) => t.code), escalated: escalate.map((t) => t.code) };
  });
}
