import type { PageContext } from '../../../core/web/page.js';
import { formatDateVi } from '../../../core/validation.js';
import type { Notice } from '../notices.repository.js';

export function NoticesHomeBlock(p: { ctx: PageContext; notices: Notice[] }) {
  const t = p.ctx.t;
  if (p.notices.length === 0) return null;
  return (
    <section aria-labelledby="home-notices">
      <h2 id="home-notices">{t('Thông báo mới', 'Latest notices')}</h2>
      <ul class="vh-list">
        {p.notices.map((n) => (
          <li key={n.id} class="vh-list__item">
            <a href="/thong-bao">{n.title}</a> <span class="vh-hint">({formatDateVi(n.publishedAt)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
