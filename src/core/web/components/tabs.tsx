import type { PageContext } from '../page.js';

export interface Tab {
  href: string;
  vi: string;
  en: string;
  /** shown in the tab ("Mới nộp (3)"); omitted when unknown */
  count?: number;
  current?: boolean;
}

/**
 * Sub-navigation between the views of one page (issue 10, finding 4): a `<nav>` named for
 * assistive technology with a plain list of links, `aria-current="page"` on the current one and
 * the count of each view in its name. Links, not ARIA tabs: each view is its own URL, works
 * without JavaScript and can be bookmarked; the current tab is marked by a border and weight,
 * not by colour alone (WCAG 1.4.1).
 */
export function Tabs(p: { ctx: PageContext; label: string; tabs: Tab[] }) {
  const { ctx } = p;
  return (
    <nav class="vh-tabs" aria-label={p.label}>
      <ul class="vh-tabs__list">
        {p.tabs.map((t) => (
          <li key={t.href} class="vh-tabs__item">
            <a href={t.href} class="vh-tabs__link" aria-current={t.current ? 'page' : undefined}>
              {ctx.t(t.vi, t.en)}
              {t.count !== undefined && (
                <>
                  {' '}
                  <span class="vh-tabs__count">({t.count})</span>
                </>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
