import type { Actor } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import type { WorkQueue } from '../../core/module.js';
import { vnIsoDate } from '../../core/validation.js';
import { processingPolicy } from './dossiers.policy.js';
import { queue, queueCounts, QUEUE_TABS, visibleUnitCodes, workTabs, type QueueTab } from './dossiers.queue.js';
import type { DossierStatus } from './dossiers.schema.js';

/** How each of the officer's tabs is named on the staff home (the queue page names them shorter). */
const HOME_LABELS: Partial<Record<QueueTab, { vi: string; en: string }>> = {
  moi: { vi: 'Hồ sơ mới nộp, chờ tiếp nhận', en: 'New dossiers to receive' },
  'cho-tra-ket-qua': { vi: 'Hồ sơ chờ trả kết quả', en: 'Results to return' },
  'cho-phan-cong': { vi: 'Hồ sơ chờ phân công', en: 'Dossiers to assign' },
  'cua-toi': { vi: 'Hồ sơ giao cho tôi', en: 'Dossiers assigned to me' },
  'cho-phe-duyet': { vi: 'Hồ sơ chờ phê duyệt', en: 'Dossiers awaiting approval' },
  'qua-han': { vi: 'Hồ sơ quá hạn trong các đơn vị', en: 'Overdue dossiers in the units' },
};

const STATE_WORDS: Partial<Record<DossierStatus, string>> = {
  submitted: 'Chờ tiếp nhận',
  received: 'Chờ phân công',
  processing: 'Đang giải quyết',
  approved: 'Chờ trả kết quả',
};

/** "Việc của tôi" for dossiers: the tabs the actor acts on, with counts from SQL and the first
 * items earliest-due first (overdue ones come first by that order). */
export async function dossierWorkItems(s: Services, actor: Actor): Promise<WorkQueue[]> {
  if (!processingPolicy.canUseConsole(actor)) return [];
  const tabs = workTabs(actor);
  if (!tabs.length) return [];
  const today = vnIsoDate();
  const cal = await s.calendar.calendar();
  const unitCodes = await visibleUnitCodes(s.db, actor);
  return Promise.all(
    tabs.map(async (tab, i) => {
      const filter = { tab, actorId: actor.userId, unitCodes, today };
      const [counts, rows] = await Promise.all([queueCounts(s.db, cal, filter), queue(s.db, cal, { ...filter, limit: 10 })]);
      const names = HOME_LABELS[tab] ?? QUEUE_TABS.find((t) => t.slug === tab)!;
      return {
        key: `dossiers.${tab}`,
        vi: names.vi,
        en: names.en,
        ...counts,
        items: rows.map((r) => ({
          href: `/quan-tri/ho-so/${r.id}`,
          label: r.code ?? r.id,
          detail: r.procedureName,
          dueDate: r.dueDate,
          state: STATE_WORDS[r.status],
        })),
        href: `/quan-tri/ho-so?tab=${tab}`,
        priority: 10 + i,
      };
    }),
  );
}
