import { and, asc, eq, gte, inArray, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { can, type Actor } from '../../core/auth/actor.js';
import { listUnits } from '../../core/org/org.repository.js';
import type { WorkingCalendar } from '../../core/calendar/index.js';
import { searchCurrent } from '../procedures/index.js';
import { DOSSIER_APPROVE, DOSSIER_ASSIGN_UNIT, DOSSIER_PROCESS_UNIT, DOSSIER_RECEIVE, processingPolicy } from './dossiers.policy.js';
import { dossiers, type DossierStatus } from './dossiers.schema.js';

/** The one-stop desk's queues (issue 3 part 4). "Đang xử lý" also holds approved dossiers waiting
 * for the desk to return the result, so nothing in progress is out of sight. */
export const QUEUE_TABS = [
  // The officer's own work (issue 10, finding 2): shown to those who act at that step.
  { slug: 'cua-toi', vi: 'Giao cho tôi', en: 'Assigned to me' },
  { slug: 'cho-phan-cong', vi: 'Chờ phân công', en: 'To assign' },
  { slug: 'cho-phe-duyet', vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
  { slug: 'cho-tra-ket-qua', vi: 'Chờ trả kết quả', en: 'Result to return' },
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

export const QUEUE_SORTS = ['han', 'ngay-nop', 'ma'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** The tabs this actor acts on, most urgent first; the first is the queue page's default. */
export function workTabs(actor: Actor): QueueTab[] {
  const out: QueueTab[] = [];
  const receive = can(actor, DOSSIER_RECEIVE);
  const headOf = actor.grants.some((g) => g.permission === DOSSIER_ASSIGN_UNIT);
  const specialist = actor.grants.some((g) => g.permission === DOSSIER_PROCESS_UNIT);
  if (headOf) out.push('cho-phan-cong');
  if (specialist) out.push('cua-toi');
  if (can(actor, DOSSIER_APPROVE)) out.push('cho-phe-duyet', 'qua-han');
  if (receive) out.push('moi', 'cho-tra-ket-qua', 'cho-phan-cong');
  return [...new Set(out)];
}

export interface QueueFilter {
  tab: QueueTab;
  /** the officer, for "assigned to me" */
  actorId?: string | null;
  procedureCode?: string;
  /** one implementing unit, within the actor's visible units */
  unitCode?: string;
  /** submitted on or after / before (ISO dates, Vietnam's day) */
  from?: string;
  to?: string;
  sort?: QueueSort;
  desc?: boolean;
  unitCodes?: string[];
  today: string;
  limit?: number;
}

/** The conditions of a tab and filter; undefined when nothing can match. */
function queueWhere(cal: WorkingCalendar, opts: Omit<QueueFilter, 'sort' | 'desc' | 'limit'>): SQL[] | undefined {
  const where: SQL[] = [ne(dossiers.status, 'draft')];
  switch (opts.tab) {
    case 'cua-toi':
      if (!opts.actorId) return undefined;
      where.push(eq(dossiers.status, 'processing'), eq(dossiers.stepRole, 'chuyen_vien'), eq(dossiers.assigneeId, opts.actorId));
      break;
    case 'cho-phan-cong':
      where.push(eq(dossiers.status, 'received'), eq(dossiers.stepRole, 'tiep_nhan'));
      break;
    case 'cho-phe-duyet':
      where.push(eq(dossiers.status, 'processing'), eq(dossiers.stepRole, 'lanh_dao'));
      break;
    case 'cho-tra-ket-qua':
      where.push(eq(dossiers.status, 'approved'));
      break;
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
    if (!opts.unitCodes.length) return undefined;
    where.push(inArray(dossiers.unitCode, opts.unitCodes));
  }
  if (opts.unitCode) where.push(eq(dossiers.unitCode, opts.unitCode));
  // Vietnam's calendar day: from 00:00 UTC+7 of `from` to 00:00 UTC+7 of the day after `to`.
  if (opts.from) where.push(gte(dossiers.submittedAt, new Date(`${opts.from}T00:00:00+07:00`)));
  if (opts.to) where.push(lt(dossiers.submittedAt, new Date(new Date(`${opts.to}T00:00:00+07:00`).getTime() + 86_400_000)));
  return where;
}

export interface QueueCounts {
  count: number;
  overdue: number;
  dueSoon: number;
}

/** A tab's size and how much of it is late or due within two working days, in one statement. */
export async function queueCounts(db: Executor, cal: WorkingCalendar, opts: Omit<QueueFilter, 'sort' | 'desc' | 'limit'>): Promise<QueueCounts> {
  const where = queueWhere(cal, opts);
  if (!where) return { count: 0, overdue: 0, dueSoon: 0 };
  const running = sql`${dossiers.status} IN ('received', 'processing', 'approved')`;
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${running} AND ${dossiers.dueDate} < ${opts.today})::int`,
      dueSoon: sql<number>`count(*) FILTER (WHERE ${running} AND ${dossiers.dueDate} >= ${opts.today} AND ${dossiers.dueDate} <= ${cal.addWorkingDays(opts.today, 2)})::int`,
    })
    .from(dossiers)
    .where(and(...where));
  return row ?? { count: 0, overdue: 0, dueSoon: 0 };
}

export async function queue(db: Executor, cal: WorkingCalendar, opts: QueueFilter): Promise<QueueRow[]> {
  const where = queueWhere(cal, opts);
  if (!where) return [];
  const dir = opts.desc ? sql`desc` : sql`asc`;
  const order: SQL[] =
    opts.sort === 'ngay-nop'
      ? [sql`${dossiers.submittedAt} ${dir}`]
      : opts.sort === 'ma'
        ? [sql`${dossiers.code} ${dir}`]
        : [sql`${dossiers.dueDate} ${dir} nulls last`, asc(dossiers.submittedAt)];
  return db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      status: dossiers.status,
      procedureCode: dossiers.procedureCode,
      procedureName: sql<string>`coalesce(${dossiers.procedureName}, ${dossiers.procedureCode})`,
      unitCode: sql<string>`coalesce(${dossiers.unitCode}, '')`,
      submittedAt: dossiers.submittedAt,
      receivedAt: dossiers.receivedAt,
      dueDate: dossiers.dueDate,
      applicantName: sql<string>`coalesce(${dossiers.answers}->>'fullName', '')`,
    })
    .from(dossiers)
    .where(and(...where))
    .orderBy(...order)
    .limit(opts.limit ?? 200);
}

/** The procedures of the visible units, for the filter: the catalogue in force (a scan of a
 * million dossiers for their distinct codes would be slow). */
export async function procedureOptions(db: Executor, today: string, unitCodes?: string[]): Promise<{ code: string; name: string }[]> {
  const { rows } = await searchCurrent(db, today, { limit: 1000 });
  return rows
    .filter((r) => !unitCodes || unitCodes.includes(r.unitCode))
    .map((r) => ({ code: r.code, name: r.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
