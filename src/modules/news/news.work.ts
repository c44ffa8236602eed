import type { Actor } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import type { WorkQueue } from '../../core/module.js';
import { newsPolicy } from './news.policy.js';
import type { ArticleStatus } from './news.schema.js';
import { articlesWaiting } from './news.work.repository.js';

const STATE_WORDS: Partial<Record<ArticleStatus, string>> = { draft: 'Bản nháp', unpublished: 'Đã gỡ, chờ gửi duyệt lại', submitted: 'Chờ duyệt' };

/** "Việc của tôi" for articles: the editor's drafts to finish and submit; the approver's articles
 * waiting for review. Articles have no statutory deadline, so nothing is overdue. */
export async function newsWorkItems(s: Services, actor: Actor): Promise<WorkQueue[]> {
  const out: WorkQueue[] = [];
  const queue = async (key: string, vi: string, en: string, statuses: ArticleStatus[], href: string, priority: number) => {
    const { count, rows } = await articlesWaiting(s.db, statuses);
    out.push({
      key,
      vi,
      en,
      count,
      overdue: 0,
      dueSoon: 0,
      items: rows.map((r) => ({ href: `/quan-tri/tin-bai/${r.id}`, label: r.title, state: STATE_WORDS[r.status], dueDate: null })),
      href,
      priority,
    });
  };
  if (newsPolicy.canWrite(actor))
    await queue('news.drafts', 'Tin bài nháp, chưa gửi duyệt', 'Draft articles to submit', ['draft', 'unpublished'], '/quan-tri/tin-bai?trang-thai=draft', 40);
  if (newsPolicy.canApprove(actor))
    await queue('news.review', 'Tin bài chờ duyệt', 'Articles to review', ['submitted'], '/quan-tri/tin-bai?trang-thai=submitted', 35);
  return out;
}
