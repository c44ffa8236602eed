import { SYSTEM, type Actor } from '../../core/auth/actor.js';
import { writeAudit } from '../../core/audit/audit.js';
import type { WorkingCalendar } from '../../core/calendar/working-days.js';
import type { CommandContext, Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { queueMail } from '../../core/mail/mail.js';
import type { WorkQueue } from '../../core/module.js';
import { formatDateVi, vnIsoDate } from '../../core/validation.js';
import { entryPolicy, INDICATOR_APPROVE, INDICATOR_ENTER, unitScope } from './indicators.entry.policy.js';
import * as repo from './indicators.entry.repository.js';
import type { DeadlineRule, Period } from './indicators.entry.repository.js';
import type { Periodicity } from './indicators.schema.js';

/** The rule in force on the period's last day (rules change by decision, with a start date). */
export function ruleFor(rules: DeadlineRule[], periodicity: Periodicity, endsOn: string): DeadlineRule | undefined {
  return rules
    .filter((r) => r.periodicity === periodicity && r.validFrom <= endsOn && (r.validTo === null || r.validTo >= endsOn))
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
}

/** The n-th working day after the period's last day (that day is day 0, as statutory time limits
 * count from the day after the event). */
export function dueDateFor(cal: WorkingCalendar, rule: DeadlineRule, endsOn: string): string {
  return cal.addWorkingDays(endsOn, rule.workingDaysAfterEnd);
}

/** Sets `due_on` of the periods that have none, from the rules; returns how many were set. */
export async function fillDueDates(s: Services): Promise<number> {
  const missing = await repo.periodsWithoutDueDate(s.db);
  if (!missing.length) return 0;
  const [rules, cal] = await Promise.all([repo.deadlineRules(s.db), s.calendar.calendar()]);
  let n = 0;
  for (const p of missing) {
    const rule = ruleFor(rules, p.periodicity, p.endsOn);
    if (!rule) continue;
    await repo.setDueOn(s.db, p.code, dueDateFor(cal, rule, p.endsOn));
    n++;
  }
  return n;
}

/** Where a unit stands for a period: its report's status, or 'missing' when nothing was saved. */
export type UnitState = repo.Report['status'] | 'missing';
const DONE: UnitState[] = ['submitted', 'approved', 'published'];

export interface LateUnit {
  period: Period;
  unitCode: string;
  unitName: string;
  state: UnitState;
  daysLate: number;
}

/** Units that have not sent their figures (nothing saved, draft or returned) for periods whose
 * due date has passed: the department's overdue list. */
export async function overdueUnits(s: Services, today = vnIsoDate()): Promise<LateUnit[]> {
  const [periods, names] = await Promise.all([repo.openPeriodsWithDue(s.db), repo.unitNames(s.db)]);
  const cal = await s.calendar.calendar();
  const out: LateUnit[] = [];
  for (const p of periods) {
    if (!p.dueOn || p.dueOn >= today) continue;
    const [units, reports] = await Promise.all([repo.unitsOfPeriod(s.db, p), repo.reportsOfPeriod(s.db, p.code)]);
    const byUnit = new Map(reports.map((r) => [r.unitCode, r.status as UnitState]));
    for (const u of units) {
      const state = byUnit.get(u) ?? 'missing';
      if (DONE.includes(state)) continue;
      out.push({ period: p, unitCode: u, unitName: names.get(u)?.name ?? u, state, daysLate: workingDaysBetween(cal, p.dueOn, today) });
    }
  }
  return out;
}

function workingDaysBetween(cal: WorkingCalendar, from: string, to: string): number {
  let n = 0;
  let d = from;
  while (n < 400) {
    const next = cal.addWorkingDays(d, 1);
    if (next > to) break;
    n++;
    d = next;
  }
  return n;
}

export const REMINDER_JOB = 'indicators.reminders';

/**
 * Daily: a unit that has not sent its figures gets one mail N working days before the due date
 * (N from the rule) and one when the date has passed, to the unit's officers who enter and the
 * leaders who approve. One of each kind per unit, period and due date (a moved date reminds again).
 */
export async function runIndicatorReminders(s: Services, now = new Date()): Promise<number> {
  await fillDueDates(s);
  const today = vnIsoDate(now);
  const [periods, rules, cal, names] = await Promise.all([repo.openPeriodsWithDue(s.db), repo.deadlineRules(s.db), s.calendar.calendar(), repo.unitNames(s.db)]);
  const ctx: CommandContext = { services: s, actor: { ...SYSTEM, label: 'Nhắc hạn báo cáo chỉ tiêu' } };
  let sent = 0;
  for (const p of periods) {
    const due = p.dueOn!;
    const rule = ruleFor(rules, p.periodicity, p.endsOn);
    const remindFrom = cal.addWorkingDays(due, -(rule?.remindWorkingDaysBefore ?? 2));
    const kind = today > due ? 'overdue' : today >= remindFrom ? 'near' : null;
    if (!kind) continue;
    const [units, reports] = await Promise.all([repo.unitsOfPeriod(s.db, p), repo.reportsOfPeriod(s.db, p.code)]);
    const byUnit = new Map(reports.map((r) => [r.unitCode, r.status as UnitState]));
    for (const unit of units) {
      if (DONE.includes(byUnit.get(unit) ?? 'missing')) continue;
      const people = await repo.unitPeopleWithPermission(s.db, unit, [INDICATOR_ENTER, INDICATOR_APPROVE], today);
      const done = await transaction(s.pool, async (tx) => {
        if (!(await repo.recordReminder(tx, { periodCode: p.code, unitCode: unit, kind, dueOn: due, recipients: people.length, sentAt: now }))) return false;
        const unitName = names.get(unit)?.name ?? unit;
        const text =
          kind === 'overdue'
            ? `${unitName} chưa gửi số liệu chỉ tiêu kỳ ${p.code}; hạn gửi là ngày ${formatDateVi(due)} đã qua.`
            : `Số liệu chỉ tiêu kỳ ${p.code} của ${unitName} cần được gửi trước hết ngày ${formatDateVi(due)}.`;
        for (const person of people) {
          await queueMail(tx, s.jobs, {
            to: person.email,
            subject: kind === 'overdue' ? `[Quá hạn] Báo cáo chỉ tiêu kỳ ${p.code}` : `[Sắp đến hạn] Báo cáo chỉ tiêu kỳ ${p.code}`,
            text: `Kính gửi ${person.name},\n\n${text}\nNhập số liệu: ${s.config.publicUrl}/quan-tri/so-lieu-don-vi/${encodeURIComponent(p.code)}/${encodeURIComponent(unit)}\n\nHệ thống Văn Hiến.`,
          });
        }
        await writeAudit(tx, ctx, { action: 'indicators.remind', entity: 'indicator_report', entityId: `${p.code}/${unit}`, summary: { kind, due, recipients: people.length } });
        return true;
      });
      if (done) sent++;
    }
  }
  return sent;
}

/** "Việc của tôi": reports to enter or fix, to approve, to publish. */
export async function indicatorWorkItems(s: Services, actor: Actor): Promise<WorkQueue[]> {
  if (actor.kind !== 'staff') return [];
  const enter = unitScope(actor, 'enter');
  const approve = unitScope(actor, 'approve');
  const publish = entryPolicy.canPublish(actor);
  if ((enter !== 'all' && !enter.length) && (approve !== 'all' && !approve.length) && !publish) return [];
  const today = vnIsoDate();
  const cal = await s.calendar.calendar();
  const soon = cal.addWorkingDays(today, 2);
  const names = await repo.unitNames(s.db);
  const codesOf = (scope: string[] | 'all') => (scope === 'all' ? undefined : [...names].filter(([, u]) => scope.includes(u.id)).map(([code]) => code));
  const queues: WorkQueue[] = [];
  const make = (key: string, vi: string, en: string, priority: number, href: string, items: { period: string; unit: string; due: string | null; state: string }[]): WorkQueue => ({
    key,
    vi,
    en,
    priority,
    href,
    count: items.length,
    overdue: items.filter((i) => i.due && i.due < today).length,
    dueSoon: items.filter((i) => i.due && i.due >= today && i.due <= soon).length,
    items: items.slice(0, 5).map((i) => ({
      href: `/quan-tri/so-lieu-don-vi/${encodeURIComponent(i.period)}/${encodeURIComponent(i.unit)}`,
      label: `Kỳ ${i.period}`,
      detail: names.get(i.unit)?.name ?? i.unit,
      dueDate: i.due,
      state: i.state,
    })),
  });
  if (enter === 'all' || enter.length) {
    const units = codesOf(enter);
    const items: { period: string; unit: string; due: string | null; state: string }[] = [];
    for (const p of await repo.openPeriodsWithDue(s.db)) {
      // A running period is entered once it ends, unless its deadline already passed.
      if (p.endsOn >= today && !(p.dueOn && p.dueOn < today)) continue;
      const [pu, reports] = await Promise.all([repo.unitsOfPeriod(s.db, p), repo.reportsOfPeriod(s.db, p.code)]);
      const byUnit = new Map(reports.map((r) => [r.unitCode, r.status as UnitState]));
      for (const u of pu) {
        if (units && !units.includes(u)) continue;
        const st = byUnit.get(u) ?? 'missing';
        if (DONE.includes(st)) continue;
        items.push({ period: p.code, unit: u, due: p.dueOn, state: st === 'returned' ? 'Bị trả lại, cần sửa' : st === 'draft' ? 'Đang nhập' : 'Chưa nhập' });
      }
    }
    items.sort((a, b) => String(a.due).localeCompare(String(b.due)));
    queues.push(make('indicators.enter', 'Số liệu chỉ tiêu cần nhập', 'Indicator figures to enter', 40, '/quan-tri/so-lieu-don-vi', items));
  }
  if (approve === 'all' || approve.length) {
    const rows = await repo.reportsWithStatus(s.db, ['submitted'], codesOf(approve));
    queues.push(
      make('indicators.approve', 'Báo cáo chỉ tiêu chờ duyệt', 'Indicator reports to approve', 35, '/quan-tri/so-lieu-don-vi', rows.map((r) => ({ period: r.periodCode, unit: r.unitCode, due: r.dueOn, state: 'Chờ lãnh đạo đơn vị duyệt' }))),
    );
  }
  if (publish) {
    const rows = await repo.reportsWithStatus(s.db, ['approved']);
    queues.push(make('indicators.publish', 'Số liệu chỉ tiêu chờ công bố', 'Indicator reports to publish', 45, '/quan-tri/so-lieu-don-vi', rows.map((r) => ({ period: r.periodCode, unit: r.unitCode, due: r.dueOn, state: 'Đã duyệt, chờ công bố' }))));
  }
  return queues;
}
