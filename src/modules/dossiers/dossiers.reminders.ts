import { transaction } from '../../core/db/index.js';
import type { CommandContext, Services } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { queueMail } from '../../core/mail/mail.js';
import { listAssignments, listUnits } from '../../core/org/org.repository.js';
import { formatDateVi, vnIsoDate } from '../../core/validation.js';
import * as repo from './dossiers.repository.js';

export const DOSSIER_REMINDER_JOB = 'dossiers.reminders';

type Kind = 'due_in_2' | 'due_in_1' | 'overdue';

/**
 * Hourly (issue 3 part 5): a dossier whose clock runs gets a reminder 2 and 1 working days before
 * its due date and once overdue — an email to the specialist it is assigned to and to the leaders
 * of its implementing unit (else the agency's leaders), and a timeline event. Each reminder is sent
 * once per due date, so a due date moved by a pause or an extension earns fresh ones. A paused
 * clock gets none. Returns the reminders sent.
 */
export async function runDossierReminders(s: Services, now = new Date()): Promise<number> {
  const today = vnIsoDate(now);
  const cal = await s.calendar.calendar();
  const ctx: CommandContext = { services: s, actor: { ...SYSTEM, label: 'Nhắc hạn hồ sơ' } };
  const people = (await listAssignments(s.db)).filter(
    (a) => a.userStatus === 'active' && a.userKind === 'staff' && (!a.validFrom || a.validFrom <= today) && (!a.validTo || a.validTo >= today),
  );
  const codeOf = new Map((await listUnits(s.db)).map((u) => [u.id, u.code]));
  let sent = 0;
  for (const d of await repo.reminderCandidates(s.db, cal.addWorkingDays(today, 2))) {
    if (!d.dueDate) continue;
    const left = d.dueDate < today ? -1 : cal.workingDaysBetween(today, d.dueDate);
    const kind: Kind | null = left < 0 ? 'overdue' : left === 2 ? 'due_in_2' : left === 1 ? 'due_in_1' : null;
    if (!kind) continue;
    const leadersInUnit = people.filter((p) => p.roleCode === 'lanh_dao' && p.unitId && codeOf.get(p.unitId) === d.unitCode);
    const leaders = leadersInUnit.length ? leadersInUnit : people.filter((p) => p.roleCode === 'lanh_dao');
    const assignee = d.assigneeId ? people.find((p) => p.userId === d.assigneeId) : undefined;
    const to = new Map<string, string>();
    for (const p of [...(assignee ? [assignee] : []), ...leaders]) to.set(p.userEmail, p.userName);
    const text =
      kind === 'overdue'
        ? `Hồ sơ ${d.code} (${d.procedureName ?? d.procedureCode}) đã quá hạn giải quyết (${formatDateVi(d.dueDate)}).`
        : `Hồ sơ ${d.code} (${d.procedureName ?? d.procedureCode}) còn ${left} ngày làm việc đến hạn giải quyết (${formatDateVi(d.dueDate)}).`;
    const done = await transaction(s.pool, async (tx) => {
      if (!(await repo.recordReminder(tx, { dossierId: d.id, kind, dueDate: d.dueDate!, sentAt: now }))) return false;
      await repo.insertEvent(tx, { dossierId: d.id, at: now, kind: 'reminder', note: `${text} Đã nhắc ${to.size} cán bộ.` });
      for (const [email, name] of to) {
        await queueMail(tx, s.jobs, {
          to: email,
          subject: kind === 'overdue' ? `[Quá hạn] Hồ sơ ${d.code}` : `[Sắp đến hạn] Hồ sơ ${d.code}`,
          text: `Kính gửi ${name},\n\n${text}\nXử lý hồ sơ: ${s.config.publicUrl}/quan-tri/ho-so/${d.id}\n\nHệ thống Văn Hiến.`,
        });
      }
      await writeAudit(tx, ctx, { action: 'dossier.remind', entity: 'dossier', entityId: d.id, summary: { kind, dueDate: d.dueDate, recipients: to.size } });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

