import type { Actor } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import type { WorkQueue } from '../../core/module.js';
import { listUnits } from '../../core/org/org.repository.js';
import { vnIsoDate } from '../../core/validation.js';
import { workingCalendar } from './feedback.commands.js';
import { handlingPolicy } from './feedback.policy.js';
import * as repo from './feedback.repository.js';
import type { FeedbackStatus } from './feedback.schema.js';
import { countsByStatus, workCounts, workRows, type FeedbackWork, type FeedbackWorkScope } from './feedback.work.repository.js';

const QUEUES: Record<FeedbackWork, { vi: string; en: string; href: string; priority: number }> = {
  handle: { vi: 'Phản ánh cần xử lý', en: 'Feedback to handle', href: '/quan-tri/phan-anh?tab=dang-xu-ly', priority: 20 },
  classify: { vi: 'Phản ánh mới, chờ phân loại', en: 'New feedback to classify', href: '/quan-tri/phan-anh?tab=moi', priority: 30 },
  approve: { vi: 'Trả lời phản ánh chờ phê duyệt', en: 'Feedback answers to approve', href: '/quan-tri/phan-anh?tab=dang-xu-ly', priority: 25 },
};

const STATE_WORDS: Partial<Record<FeedbackStatus, string>> = {
  new: 'Chờ phân loại',
  classified: 'Chờ giao chuyên viên',
  in_progress: 'Đang xử lý',
  waiting: 'Chờ người phản ánh bổ sung',
};

/** "Việc của tôi" for feedback: classification at the desk, handling in the unit, approval by a leader. */
export async function feedbackWorkItems(s: Services, actor: Actor): Promise<WorkQueue[]> {
  if (actor.kind === 'anonymous' || actor.kind === 'citizen') return [];
  const handleUnits = [...new Set(actor.grants.filter((g) => g.permission === 'handle:feedback:unit' && g.unitId).map((g) => g.unitId!))];
  const kinds: FeedbackWork[] = [];
  if (handleUnits.length) kinds.push('handle');
  if (handlingPolicy.canApprove(actor)) kinds.push('approve');
  if (handlingPolicy.canClassify(actor)) kinds.push('classify');
  if (!kinds.length) return [];
  const units = await listUnits(s.db);
  const scope: FeedbackWorkScope = { userId: actor.userId, unitCodes: units.filter((u) => handleUnits.includes(u.id)).map((u) => u.code) };
  const today = vnIsoDate();
  const soon = (await workingCalendar(s)).addWorkingDays(today, 2);
  const categories = new Map((await repo.listCategories(s.db)).map((c) => [c.serviceCode, c.name]));
  return Promise.all(
    kinds.map(async (kind) => {
      const [counts, rows] = await Promise.all([workCounts(s.db, kind, scope, today, soon), workRows(s.db, kind, scope)]);
      const q = QUEUES[kind];
      return {
        key: `feedback.${kind}`,
        vi: q.vi,
        en: q.en,
        ...counts,
        items: rows.map((r) => ({
          href: `/quan-tri/phan-anh/${r.id}`,
          label: r.code,
          detail: categories.get(r.categoryCode) ?? r.categoryCode,
          dueDate: r.dueDate,
          state: STATE_WORDS[r.status],
        })),
        href: q.href,
        priority: q.priority,
      };
    }),
  );
}

/** The staff list's tabs (issue 10, finding 4): each a group of states, counted in the tab. */
export const FEEDBACK_TABS: { slug: string; vi: string; en: string; statuses?: FeedbackStatus[] }[] = [
  { slug: 'tat-ca', vi: 'Tất cả', en: 'All' },
  { slug: 'moi', vi: 'Mới nhận, chờ phân loại', en: 'New', statuses: ['new'] },
  { slug: 'dang-xu-ly', vi: 'Đang xử lý', en: 'In progress', statuses: ['classified', 'in_progress', 'waiting'] },
  { slug: 'da-xong', vi: 'Đã kết thúc', en: 'Closed', statuses: ['answered', 'closed', 'rejected', 'forwarded', 'merged'] },
];

/** The tabs with their counts, from one grouped count of the cases. */
export async function feedbackTabs(s: Services, current: string) {
  const byStatus = await countsByStatus(s.db);
  const total = [...byStatus.values()].reduce((a, b) => a + b, 0);
  return FEEDBACK_TABS.map((t) => ({
    ...t,
    count: t.statuses ? t.statuses.reduce((n, st) => n + (byStatus.get(st) ?? 0), 0) : total,
    current: t.slug === current,
  }));
}
