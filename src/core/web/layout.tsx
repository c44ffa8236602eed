import type { ComponentChildren } from 'preact';
import type { PageContext } from './page.js';
import { can } from '../auth/actor.js';
import type { NavLink } from '../module.js';

/** What a page says about itself to search engines and link previews (Open Graph). */
export interface LayoutMeta {
  description?: string;
  type?: 'website' | 'article';
  /** a same-origin path or an absolute URL */
  image?: string;
  /** when the canonical URL is not the path itself (e.g. "?trang=2" of a list) */
  canonicalPath?: string;
}

/**
 * Site-wide parts a module adds to every page: service banners above the content, the page
 * rating below it, canonical and Open Graph tags in the head. The layout renders synchronously,
 * so each extension renders from data it keeps in memory. `stamp` changes whenever what the
 * extension shows changes; pages cached with an ETag include it, so a new banner is never
 * hidden behind a 304.
 */
export interface LayoutExtension {
  head?: (ctx: PageContext, page: { title: string; meta?: LayoutMeta }) => ComponentChildren;
  top?: (ctx: PageContext) => ComponentChildren;
  bottom?: (ctx: PageContext) => ComponentChildren;
  stamp?: () => string;
}

const extensions = new Map<string, LayoutExtension>();

/** Registered by a module's routes at start; the same name again replaces the earlier one. */
export function extendLayout(name: string, ext: LayoutExtension): void {
  extensions.set(name, ext);
}

export function layoutStamp(): string {
  let out = '';
  for (const e of extensions.values()) out += `${e.stamp?.() ?? ''}|`;
  return out;
}

function visible(ctx: PageContext, link: NavLink): boolean {
  if (!link.permission) return true;
  const parts = link.permission.split(':');
  return parts.length === 2 ? can(ctx.actor, link.permission, { unitId: '*' }) || ctx.actor.grants.some((g) => g.permission.startsWith(`${link.permission}:`)) : can(ctx.actor, link.permission);
}

const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#b3261e"/><polygon fill="#f5c542" points="32,12 36.7,26.5 52,26.5 39.7,35.5 44.4,50 32,41 19.6,50 24.3,35.5 12,26.5 27.3,26.5"/></svg>')}`;

/**
 * A Vietnamese address as English readers write it: administrative words translated, the rest
 * without diacritics (as on envelopes and maps abroad). The agency stores one address.
 */
export function addressInEnglish(vi: string): string {
  const words: [RegExp, string][] = [
    [/\(địa chỉ minh họa\)/giu, '(sample address)'],
    [/\(minh họa\)/giu, '(sample)'],
    [/Thành phố Hồ Chí Minh|TP\. ?Hồ Chí Minh/giu, 'Ho Chi Minh City'],
    [/Trung tâm Hành chính/giu, 'Administrative Centre'],
    [/\bTầng (\d+)/giu, 'Floor $1'],
    [/\bTháp (\w)/giu, 'Tower $1'],
    [/\bSố (\d+)/giu, 'No. $1'],
    [/phường ([^,]+)/giu, '$1 Ward'],
    [/\bxã ([^,]+)/giu, '$1 Commune'],
    [/đặc khu ([^,]+)/giu, '$1 Special Zone'],
    [/tỉnh ([^,]+)/giu, '$1 Province'],
    [/thành phố ([^,]+)/giu, '$1 City'],
  ];
  let out = vi;
  for (const [re, en] of words) out = out.replace(re, en);
  return out
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

const FONTS = ['vietnamese-400', 'latin-400', 'vietnamese-600', 'latin-600'];

/** A simple mark drawn for this project (a drum-face star in a circle); the agency's real emblem
 * replaces it in production. */
function Emblem() {
  return (
    <svg class="vh-emblem" viewBox="0 0 64 64" width="48" height="48" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="30" fill="#b3261e" />
      <circle cx="32" cy="32" r="24" fill="none" stroke="#f5c542" stroke-width="2" />
      <polygon fill="#f5c542" points="32,12 36.7,26.5 52,26.5 39.7,35.5 44.4,50 32,41 19.6,50 24.3,35.5 12,26.5 27.3,26.5" />
    </svg>
  );
}

export function Layout(props: { ctx: PageContext; title: string; children: ComponentChildren; wide?: boolean; head?: ComponentChildren; meta?: LayoutMeta }) {
  const { ctx } = props;
  const t = ctx.t;
  const other = ctx.lang === 'vi' ? 'en' : 'vi';
  const staffLinks = ctx.staffNav.filter((l) => visible(ctx, l));
  const signedIn = ctx.actor.kind !== 'anonymous';
  const ext = [...extensions.values()];
  const english = ctx.lang === 'en';
  const sectorLinks = ctx.publicNav.filter((l) => l.footer);
  const navItems = (
    <>
      <li>
        <a href={english ? '/en' : '/'} aria-current={ctx.path === '/' || ctx.path === '/en' ? 'page' : undefined}>
          {t('Trang chủ', 'Home')}
        </a>
      </li>
      {ctx.publicNav.filter((l) => !l.footer && (!l.audience || (l.audience === 'citizen' && ctx.actor.kind === 'citizen'))).map((l) => (
        <li key={l.href}>
          <a
            href={english && l.enHref ? l.enHref : l.href}
            aria-current={ctx.path.startsWith(l.href) || (!!l.enHref && ctx.path.startsWith(l.enHref)) ? 'page' : undefined}
          >
            {t(l.vi, l.en)}
          </a>
        </li>
      ))}
      {staffLinks.length > 0 && (
        <li>
          <a href="/quan-tri" aria-current={ctx.path.startsWith('/quan-tri') ? 'page' : undefined}>
            {t('Bàn làm việc', 'Workspace')}
          </a>
        </li>
      )}
    </>
  );
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – ${ctx.lang === 'vi' ? ctx.site.agencyName : ctx.site.agencyNameEn}`}</title>
        {/* The four faces every page uses, fetched alongside the stylesheet instead of after it:
            with font-display: optional they arrive before first paint, so text never reflows
            when they do (Lighthouse measured CLS 0.32 on an article with font-display: swap). */}
        {FONTS.map((f) => (
          <link key={f} rel="preload" href={`/static/fonts/be-vietnam-pro-${f}-normal.woff2`} as="font" type="font/woff2" crossOrigin="anonymous" />
        ))}
        <link rel="stylesheet" href={ctx.css} />
        {/* The emblem inline: otherwise every first visit also fetches /favicon.ico (a 404 page). */}
        <link rel="icon" type="image/svg+xml" href={FAVICON} />
        {ext.map((e) => e.head?.(ctx, { title: props.title, meta: props.meta }))}
        {props.head}
      </head>
      <body>
        <a class="vh-skip" href="#noi-dung">
          {t('Chuyển đến nội dung chính', 'Skip to main content')}
        </a>
        <header class="vh-header">
          {ctx.demo && (
            <p class="vh-demo">
              {t('Bản trình diễn: dữ liệu minh họa, không phải thông tin chính thức.', 'Demo: sample data, not official information.')}
            </p>
          )}
          <div class="vh-container vh-header__inner">
            <a class="vh-brand" href="/">
              <Emblem />
              <span>
                <span class="vh-brand__sub">
                  <span lang={ctx.lang === 'en' ? 'vi' : undefined}>Văn Hiến</span> – {t('Nền tảng số', 'Digital platform')}
                </span>
                <span class="vh-brand__name">{ctx.lang === 'vi' ? ctx.site.agencyName : ctx.site.agencyNameEn}</span>
              </span>
            </a>
            <div class="vh-header__tools">
              <a href={`/ngon-ngu/${other}?next=${encodeURIComponent(ctx.path)}`} lang={other} hrefLang={other}>
                {other === 'en' ? 'English' : 'Tiếng Việt'}
              </a>
              {signedIn ? (
                <>
                  <a href="/tai-khoan">{ctx.actor.label}</a>
                  <form method="post" action="/dang-xuat" class="vh-inline">
                    <input type="hidden" name="_csrf" value={ctx.csrf} />
                    <button type="submit" class="vh-link-button">
                      {t('Đăng xuất', 'Sign out')}
                    </button>
                  </form>
                </>
              ) : (
                <a href="/dang-nhap">{t('Đăng nhập', 'Sign in')}</a>
              )}
            </div>
          </div>
          <nav class="vh-nav" aria-label={t('Điều hướng chính', 'Main navigation')}>
            {/* The same links twice, one shown per screen width (display: none also hides the other
                from screen readers): a bar on wide screens, a "Menu" <details> on phones, which
                opens without JavaScript. */}
            <ul class="vh-container vh-nav__bar">{navItems}</ul>
            <details class="vh-container vh-nav__menu">
              <summary>{t('Menu', 'Menu')}</summary>
              <ul>{navItems}</ul>
            </details>
          </nav>
        </header>
        {ext.map((e) => e.top?.(ctx))}
        <main id="noi-dung" class={`vh-container vh-main${props.wide ? ' vh-main--wide' : ''}`} tabIndex={-1}>
          {ctx.flash && (
            <div class="vh-flash" role="status">
              {ctx.flash}
            </div>
          )}
          {props.children}
          {ext.map((e) => e.bottom?.(ctx))}
        </main>
        <footer class="vh-footer">
          <div class="vh-container">
            <p class="vh-footer__name">{ctx.lang === 'vi' ? ctx.site.agencyName : ctx.site.agencyNameEn}</p>
            <p>
              {t('Địa chỉ', 'Address')}: {english ? addressInEnglish(ctx.site.address) : ctx.site.address}
            </p>
            <p>
              {t('Điện thoại', 'Phone')}: {english ? addressInEnglish(ctx.site.phone) : ctx.site.phone} · {t('Thư điện tử', 'Email')}: {ctx.site.email}
            </p>
            <p>
              {t(
                'Chịu trách nhiệm chính: Giám đốc Sở. Ghi rõ nguồn khi phát hành lại thông tin từ trang này.',
                'Responsible: the Director of the Department. Please cite the source when republishing.',
              )}
            </p>
            {sectorLinks.length > 0 && (
              <nav aria-label={t('Lĩnh vực', 'Sectors')}>
                <h2 class="vh-footer__heading">{t('Lĩnh vực', 'Sectors')}</h2>
                <ul class="vh-footer__links">
                  {sectorLinks.map((l) => (
                    <li key={l.href}>
                      <a href={english && l.enHref ? l.enHref : l.href}>{t(l.vi, l.en)}</a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <p>
              <a href="/api/docs">{t('Tài liệu API', 'API documentation')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
