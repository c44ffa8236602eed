import type { PageContext } from '../../../core/web/page.js';
import { formatDateVi } from '../../../core/validation.js';
import type { ArticleListItem } from '../news.repository.js';

/** Latest news on the home page; featured articles first (Decree 42/2022 asks portals to keep
 * news current and easy to reach). */
export function NewsHomeBlock(p: { ctx: PageContext; articles: ArticleListItem[] }) {
  const t = p.ctx.t;
  if (p.articles.length === 0) return null;
  const ordered = [...p.articles.filter((a) => a.featured), ...p.articles.filter((a) => !a.featured)].slice(0, 5);
  return (
    <section aria-labelledby="home-news">
      <h2 id="home-news">{t('Tin tức mới', 'Latest news')}</h2>
      <ul class="vh-list">
        {ordered.map((a) => (
          <li key={a.id} class="vh-list__item">
            <h3 class="vh-list__title">
              <a href={`/tin-tuc/${a.slug}`}>{a.title}</a>
            </h3>
            <p class="vh-hint">{formatDateVi(a.publishedAt)}</p>
            {a.summary && <p>{a.summary}</p>}
          </li>
        ))}
      </ul>
      <p>
        <a href="/tin-tuc">{t('Xem tất cả tin tức', 'All news')}</a>
      </p>
    </section>
  );
}
