import { and, asc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { feedbackCases } from './feedback.schema.js';

/** The feedback work queues of the staff home; each one a set of conditions on the cases. */
export type FeedbackWork = 'classify' | 'handle' | 'approve';

export interface FeedbackWorkScope {
  /** the officer (cases assigned to them) */
  userId: string | null;
  /** the units whose routed, unassigned cases the officer may take */
  unitCodes: string[];
}

function workWhere(kind: FeedbackWork, scope: FeedbackWorkScope): SQL | undefined {
  switch (kind) {
    case 'classify':
      return eq(feedbackCases.status, 'new');
    case 'handle': {
      const mine = scope.userId ? and(inArray(feedbackCases.status, ['in_progress', 'waiting']), eq(feedbackCases.assigneeId, scope.userId)) : undefined;
      const unassigned = scope.unitCodes.length
        ? and(
            eq(feedbackCases.status, 'classified'),
            eq(feedbackCases.classification, 'within'),
            isNull(feedbackCases.assigneeId),
            inArray(feedbackCases.unitCode, scope.unitCodes),
          )
        : undefined;
      const parts = [mine, unassigned].filter((x): x is SQL => !!x);
      return parts.length ? or(...parts) : undefined;
    }
    case 'approve':
      // A drafted answer whose redaction the officer confirmed: only the leader's approval is missing.
      return and(eq(feedbackCases.status, 'in_progress'), isNotNull(feedbackCases.answerDraft), isNotNull(feedbackCases.redactionConfirmedAt));
  }
}

export async function workCounts(db: Executor, kind: FeedbackWork, scope: FeedbackWorkScope, today: string, soon: string) {
  const where = workWhere(kind, scope);
  if (!where) return { count: 0, overdue: 0, dueSoon: 0 };
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${feedbackCases.dueDate} < ${today})::int`,
      dueSoon: sql<number>`count(*) FILTER (WHERE ${feedbackCases.dueDate} >= ${today} AND ${feedbackCases.dueDate} <= ${soon})::int`,
    })
    .from(feedbackCases)
    .where(where);
  return row ?? { count: 0, overdue: 0, dueSoon: 0 };
}

export async function workRows(db: Executor, kind: FeedbackWork, scope: FeedbackWorkScope, limit = 10) {
  const where = workWhere(kind, scope);
  if (!where) return [];
  return db
    .select({
      id: feedbackCases.id,
      code: feedbackCases.code,
      status: feedbackCases.status,
      categoryCode: feedbackCases.categoryCode,
      dueDate: feedbackCases.dueDate,
    })
    .from(feedbackCases)
    .where(where)
    .orderBy(asc(feedbackCases.dueDate), asc(feedbackCases.receivedAt))
    .limit(limit);
}

/** How many cases are in each state: the counts in the staff list's tabs. */
export async function countsByStatus(db: Executor): Promise<Map<string, number>> {
  const rows = await db.select({ status: feedbackCases.status, n: sql<number>`count(*)::int` }).from(feedbackCases).groupBy(feedbackCases.status);
  return new Map(rows.map((r) => [r.status, r.n]));
}
