import type { PageContext } from '../../../core/web/page.js';

/** Online services first: the most common reason to visit the department's site. */
export function ProceduresHomeBlock(p: { ctx: PageContext; count: number }) {
  const t = p.ctx.t;
  return (
    <section aria-labelledby="home-procedures">
      <h2 id="home-procedures">{t('Dịch vụ công trực tuyến', 'Online public services')}</h2>
      <form method="get" action="/thu-tuc" role="search" class="vh-filters" aria-label={t('Tìm thủ tục', 'Search procedures')}>
        <div class="vh-field">
          <label class="vh-label" for="home-q">
            {t(`Tìm trong ${p.count} thủ tục hành chính`, `Search ${p.count} procedures`)}
          </label>
          <input class="vh-input" id="home-q" name="q" type="search" />
        </div>
        <button type="submit" class="vh-button vh-button--primary">
          {t('Tìm', 'Search')}
        </button>
      </form>
    </section>
  );
}
