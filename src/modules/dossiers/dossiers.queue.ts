import { and, asc, eq, gte, inArray, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import type { Actor } from '../../core/auth/actor.js';
import { listUnits } from '../../core/org/org.repository.js';
import type { WorkingCalendar } from '../../core/calendar/index.js';
import { procedureVersions } from '../procedures/procedures.schema.js';
import { processingPolicy } from './dossiers.policy.js';
import { dossiers, type DossierStatus } from './dossiers.schema.js';

/** The one-stop desk's queues (issue 3 part 4). "Đang xử lý" also holds approved dossiers waiting
 * for the desk to return the result, so nothing in progress is out of sight. */
export const QUEUE_TABS = [
  { slug: 'moi', vi: 'Mới nộp', en: 'New' },
  { slug: 'dang-xu-ly', vi: 'Đang xử lý', en: 'In processing' },
  { slug: 'cho-bo-sung', vi: 'Chờ bổ sung', en: 'Waiting for the applicant' },
  { slug: 'sap-den-han', vi: 'Sắp đến hạn', en: 'Due within 2 working days' },
  { slug: 'qua-han', vi: 'Quá hạn', en: 'Overdue' },
  { slug: 'da-xong', vi: 'Đã xong', en: 'Finished' },
] as const;
export type QueueTab = (typeof QUEUE_TABS)[number]['slug'];

/** States in which the statutory clock runs (Decree 118/2025/NĐ-CP). */
export const CLOCK_RUNNING: DossierStatus[] = ['received', 'processing', 'approved'];

export interface QueueRow {
  id: string;
  code: string | null;
  status: DossierStatus;
  procedureCode: string;
  procedureName: string;
  unitCode: string;
  submittedAt: Date | null;
  receivedAt: Date | null;
  dueDate: string | null;
  applicantName: string;
}

/** The unit codes a unit-scoped actor may see; undefined means the whole agency. */
export async function visibleUnitCodes(db: Executor, actor: Actor): Promise<string[] | undefined> {
  if (processingPolicy.agencyWide(actor)) return undefined;
  const ids = new Set(processingPolicy.units(actor));
  return (await listUnits(db)).filter((u) => ids.has(u.id)).map((u) => u.code);
}

export async function queue(
  db: Executor,
  cal: WorkingCalendar,
  opts: { tab: QueueTab; procedureCode?: string; unitCodes?: string[]; today: string; limit?: number },
): Promise<QueueRow[]> {
  const where: SQL[] = [ne(dossiers.status, 'draft')];
  switch (opts.tab) {
    case 'moi':
      where.push(eq(dossiers.status, 'submitted'));
      break;
    case 'dang-xu-ly':
      where.push(inArray(dossiers.status, CLOCK_RUNNING));
      break;
    case 'cho-bo-sung':
      where.push(eq(dossiers.status, 'supplement_requested'));
      break;
    case 'sap-den-han':
      where.push(inArray(dossiers.status, CLOCK_RUNNING), gte(dossiers.dueDate, opts.today), lte(dossiers.dueDate, cal.addWorkingDays(opts.today, 2)));
      break;
    case 'qua-han':
      where.push(inArray(dossiers.status, CLOCK_RUNNING), lt(dossiers.dueDate, opts.today));
      break;
    case 'da-xong':
      where.push(inArray(dossiers.status, ['returned', 'refused', 'stopped']));
      break;
  }
  if (opts.procedureCode) where.push(eq(dossiers.procedureCode, opts.procedureCode));
  if (opts.unitCodes) {
    if (!opts.unitCodes.length) return [];
    where.push(inArray(procedureVersions.unitCode, opts.unitCodes));
  }
  const rows = await db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      status: dossiers.status,
      procedureCode: dossiers.procedureCode,
      procedureName: procedureVersions.name,
      unitCode: procedureVersions.unitCode,
      submittedAt: dossiers.submittedAt,
      receivedAt: dossiers.receivedAt,
      dueDate: dossiers.dueDate,
      applicantName: sql<string>`coalesce(${dossiers.answers}->>'fullName', '')`,
    })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(and(...where))
    .orderBy(sql`${dossiers.dueDate} asc nulls last`, asc(dossiers.submittedAt))
    .limit(opts.limit ?? 200);
  return rows;
}

/** The procedures that have dossiers, for the filter. */
export async function procedureOptions(db: Executor, unitCodes?: string[]): Promise<{ code: string; name: string }[]> {
  const rows = await db
    .selectDistinctOn([dossiers.procedureCode], { code: dossiers.procedureCode, name: procedureVersions.name, unitCode: procedureVersions.unitCode })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(ne(dossiers.status, 'draft'))
    .orderBy(dossiers.procedureCode);
  return rows.filter((r) => !unitCodes || unitCodes.includes(r.unitCode)).map(({ code, name }) => ({ code, name }));
}
