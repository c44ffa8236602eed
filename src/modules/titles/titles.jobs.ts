import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import type { CommandContext, Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import type { JobDefinition } from '../../core/jobs/jobs.js';
import { queueMail } from '../../core/mail/mail.js';
import { formatDateVi } from '../../core/validation.js';
import { titlesClock } from './titles.clock.js';
import { type CertificateRow, certificatesPdf } from './titles.pdf.js';
import * as repo from './titles.repository.js';
import { deadline } from './titles.rules.js';
import { TITLE_VI, titlesBatches, titlesCycles } from './titles.schema.js';

export const CERTIFICATES_JOB = 'titles.certificates';
export const REMINDERS_JOB = 'titles.reminders';
const PAGE = 500;

export const batchFile = (s: Services, batchId: string) => path.join(s.config.dataDir, 'titles', `${batchId}.pdf`);

/** Recognised households of a round, read by keyset pages of 500 (constant memory). */
async function* recognisedPages(s: Services, cycleId: string): AsyncIterable<CertificateRow[]> {
  let after = '';
  for (;;) {
    const r = await s.db.execute<CertificateRow & Record<string, unknown>>(sql`
      SELECT e.id, h.head_name AS "headName", v.name AS "villageName"
        FROM titles_entries e LEFT JOIN titles_households h ON h.id = e.household_id JOIN titles_villages v ON v.id = e.village_id
       WHERE e.cycle_id = ${cycleId} AND e.status = 'recognised' AND e.id::text > ${after}
       ORDER BY e.id::text LIMIT ${PAGE}`);
    if (!r.rows.length) return;
    yield r.rows;
    after = r.rows[r.rows.length - 1]!.id;
  }
}

export async function runCertificates(s: Services, batchId: string): Promise<void> {
  const b = await repo.findBatch(s.db, batchId);
  if (!b || b.status === 'done') return;
  const c = await repo.findCycle(s.db, b.cycleId);
  if (!c) return;
  await s.db.update(titlesBatches).set({ status: 'running', done: 0 }).where(eq(titlesBatches.id, b.id));
  const file = batchFile(s, b.id);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    const n = await certificatesPdf(c, recognisedPages(s, c.id), {
      file,
      verifyBase: `${s.config.publicUrl}/danh-hieu-van-hoa/xac-minh`,
      progress: async (done) => {
        await s.db.update(titlesBatches).set({ done }).where(eq(titlesBatches.id, b.id));
      },
    });
    await s.db.update(titlesBatches).set({ status: 'done', done: n, total: n, storageKey: path.basename(file), finishedAt: new Date() }).where(eq(titlesBatches.id, b.id));
  } catch (e) {
    await s.db.update(titlesBatches).set({ status: 'failed', error: (e as Error).message.slice(0, 500) }).where(eq(titlesBatches.id, b.id));
    throw e;
  }
}

/** Daily: a round whose decision, publication or end of review is near (N working days, rules
 * file) or past gets one mail of each kind per due date to the division's officers. */
export async function runReminders(s: Services, today = titlesClock.today()): Promise<number> {
  const cal = await s.calendar.calendar();
  const before = deadline('reminder').days ?? 2;
  const cycles = await s.db.select().from(titlesCycles).where(sql`${titlesCycles.status} <> 'published'`);
  const ctx: CommandContext = { services: s, actor: { ...SYSTEM, label: 'Nhắc hạn danh hiệu văn hóa' } };
  let sent = 0;
  for (const c of cycles) {
    const due = c.status === 'reviewed' ? c.decisionDue : c.status === 'decided' ? c.publishDue : `${c.year}-${deadline('review_end').fixed}`;
    const what = c.status === 'reviewed' ? 'ra quyết định công nhận' : c.status === 'decided' ? 'công bố danh sách được công nhận' : 'hoàn thành bình xét';
    if (!due) continue;
    const kind = today > due ? 'overdue' : today >= cal.addWorkingDays(due, -before) ? 'near' : null;
    if (!kind || c.remindersSent.includes(`${kind}:${due}`)) continue;
    const people = await s.db.execute<{ email: string; full_name: string }>(sql`
      SELECT DISTINCT u.email, u.full_name FROM role_assignments ra JOIN units un ON un.id = ra.unit_id JOIN role_permissions rp ON rp.role_id = ra.role_id JOIN users u ON u.id = ra.user_id
       WHERE un.code = 'QLVH' AND rp.permission_code IN ('manage:titles:unit','manage:titles:all')
         AND ra.valid_from <= ${today}::date AND (ra.valid_to IS NULL OR ra.valid_to >= ${today}::date) AND u.kind = 'staff' AND u.status = 'active'`);
    await transaction(s.pool, async (tx) => {
      for (const p of people.rows)
        await queueMail(tx, s.jobs, {
          to: p.email,
          subject: `${kind === 'overdue' ? '[Quá hạn]' : '[Sắp đến hạn]'} Danh hiệu "${TITLE_VI[c.titleKind]}" ${c.communeName} năm ${c.year}`,
          text: `Kính gửi ${p.full_name},\n\n${c.communeName}, năm ${c.year}: hạn ${what} là ngày ${formatDateVi(due)}${kind === 'overdue' ? ' đã qua' : ''}.\n${s.config.publicUrl}/quan-tri/danh-hieu/${c.id}\n\nHệ thống Văn Hiến.`,
        });
      await tx.update(titlesCycles).set({ remindersSent: [...c.remindersSent, `${kind}:${due}`] }).where(eq(titlesCycles.id, c.id));
      await writeAudit(tx, ctx, { action: 'titles.remind', entity: 'titles_cycle', entityId: c.id, summary: { kind, due, recipients: people.rows.length } });
    });
    sent++;
  }
  return sent;
}

export function titlesJobs(s: Services): JobDefinition[] {
  return [
    { name: CERTIFICATES_JOB, retryLimit: 2, handler: async (d) => runCertificates(s, String(d.batchId)) },
    { name: REMINDERS_JOB, schedule: '15 7 * * *', handler: async () => void (await runReminders(s)) },
  ];
}
