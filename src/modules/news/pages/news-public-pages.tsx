import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { formatDateVi } from '../../../core/validation.js';
import type { Article, ArticleAttachment, ArticleListItem, Category } from '../news.repository.js';
import { formatVnDateTime } from '../news.format.js';

export const PAGE_SIZE = 10;

const KINDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
};
const fileKind = (type: string) => KINDS[type] ?? type;
const fileSize = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

const catName = (ctx: PageContext, c: Category) => (ctx.lang === 'en' ? c.nameEn : c.name);

/** Page links with a real href each (works without JavaScript), the current one marked for screen readers. */
function Pagination(p: { ctx: PageContext; base: string; page: number; total: number }) {
  const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
  if (pages <= 1) return null;
  const { t } = p.ctx;
  const href = (n: number) => (n === 1 ? p.base : `${p.base}?trang=${n}`);
  // At most 7 numbered links: first, last, and the neighbours of the current page.
  const shown = [...new Set([1, pages, p.page - 1, p.page, p.page + 1].filter((n) => n >= 1 && n <= pages))].sort((a, b) => a - b);
  return (
    <nav class="vh-pagination" aria-label={t('Phân trang', 'Pagination')}>
      <ul class="vh-list" style="display:flex;flex-wrap:wrap;gap:.5rem;border:0">
        {p.page > 1 && (
          <li>
            <a href={href(p.page - 1)} rel="prev">
              {t('« Trang trước', '« Previous')}
            </a>
          </li>
        )}
        {shown.map((n, i) => (
          <li key={n}>
            {i > 0 && n - shown[i - 1]! > 1 && <span aria-hidden="true">… </span>}
            {n === p.page ? (
              <a href={href(n)} aria-current="page">
                <span class="vh-visually-hidden">{t('Trang', 'Page')} </span>
                <strong>{n}</strong>
              </a>
            ) : (
              <a href={href(n)}>
                <span class="vh-visually-hidden">{t('Trang', 'Page')} </span>
                {n}
              </a>
            )}
          </li>
        ))}
        {p.page < pages && (
          <li>
            <a href={href(p.page + 1)} rel="next">
              {t('Trang sau »', 'Next »')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function CategoryNav(p: { ctx: PageContext; categories: Category[]; current?: string }) {
  const { t } = p.ctx;
  return (
    <nav aria-label={t('Chuyên mục', 'Categories')}>
      <ul class="vh-list" style="display:flex;flex-wrap:wrap;gap:.25rem 1rem">
        <li>
          <a href="/tin-tuc" aria-current={p.current ? undefined : 'page'}>
            {t('Tất cả', 'All')}
          </a>
        </li>
        {p.categories.map((c) => (
          <li key={c.id}>
            <a href={`/tin-tuc/chuyen-muc/${c.slug}`} aria-current={p.current === c.slug ? 'page' : undefined}>
              {catName(p.ctx, c)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ArticleList(p: { ctx: PageContext; items: ArticleListItem[]; headingLevel?: 2 | 3 }) {
  const H = p.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <ul class="vh-list">
      {p.items.map((a) => (
        <li class="vh-list__item" key={a.id}>
          <H class="vh-list__title">
            <a href={`/tin-tuc/${a.slug}`}>{a.title}</a>
          </H>
          <p class="vh-hint">
            <time dateTime={a.publishedAt?.toISOString()}>{formatDateVi(a.publishedAt)}</time>
          </p>
          <p>{a.summary}</p>
        </li>
      ))}
    </ul>
  );
}

export function NewsListPage(p: { ctx: PageContext; items: ArticleListItem[]; total: number; page: number; categories: Category[]; category?: Category }) {
  const { ctx } = p;
  const t = ctx.t;
  const title = p.category ? `${t('Tin tức', 'News')}: ${catName(ctx, p.category)}` : t('Tin tức', 'News');
  const base = p.category ? `/tin-tuc/chuyen-muc/${p.category.slug}` : '/tin-tuc';
  const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
  return (
    <Layout
      ctx={ctx}
      title={p.page > 1 ? `${title} – ${t('trang', 'page')} ${p.page}` : title}
      meta={{ canonicalPath: p.page > 1 ? `${base}?trang=${p.page}` : base }}
      head={<link rel="alternate" type="application/rss+xml" title={title} href={p.category ? `${base}/rss.xml` : '/tin-tuc/rss.xml'} />}
    >
      <h1>{title}</h1>
      <CategoryNav ctx={ctx} categories={p.categories} current={p.category?.slug} />
      {p.items.length === 0 ? (
        <p>{t('Chưa có tin bài nào.', 'No articles yet.')}</p>
      ) : (
        <>
          <p class="vh-hint">
            {t(`Trang ${p.page}/${pages} · ${p.total} tin bài`, `Page ${p.page} of ${pages} · ${p.total} articles`)}
          </p>
          <ArticleList ctx={ctx} items={p.items} />
        </>
      )}
      <Pagination ctx={ctx} base={base} page={p.page} total={p.total} />
      <p>
        <a href={p.category ? `${base}/rss.xml` : '/tin-tuc/rss.xml'} type="application/rss+xml">
          {t('Nhận tin qua RSS', 'RSS feed')}
        </a>
      </p>
    </Layout>
  );
}

/** The lead image of the stored HTML (the first uploaded picture): preview image and schema.org image. */
export function leadImage(bodyHtml: string): string | undefined {
  return /<img src="(\/anh\/[0-9a-f-]{36}\/[0-9]+\.jpg)"/.exec(bodyHtml)?.[1];
}

/** schema.org NewsArticle: what search engines show for a news result (headline, date, image, publisher). */
function newsArticleLd(p: { ctx: PageContext; article: Article; category: Category | undefined; publicUrl: string; image?: string }) {
  const a = p.article;
  const publisher = { '@type': 'GovernmentOrganization', name: p.ctx.site.agencyName, url: `${p.publicUrl}/` };
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.title.slice(0, 110),
    description: a.summary,
    inLanguage: 'vi',
    mainEntityOfPage: `${p.publicUrl}/tin-tuc/${a.slug}`,
    datePublished: a.publishedAt?.toISOString(),
    dateModified: a.updatedAt.toISOString(),
    ...(p.image ? { image: [p.publicUrl + p.image] } : {}),
    ...(p.category ? { articleSection: p.category.name } : {}),
    ...(a.tags.length ? { keywords: a.tags.join(', ') } : {}),
    author: a.authorLine ? { '@type': 'Organization', name: a.authorLine } : publisher,
    publisher,
  };
}

export function ArticlePage(p: { ctx: PageContext; article: Article; category: Category | undefined; related: ArticleListItem[]; attachments?: ArticleAttachment[]; publicUrl: string }) {
  const { ctx, article: a } = p;
  const t = ctx.t;
  const url = `${p.publicUrl}/tin-tuc/${a.slug}`;
  const image = leadImage(a.bodyHtml);
  const ld = JSON.stringify(newsArticleLd({ ctx, article: a, category: p.category, publicUrl: p.publicUrl, image })).replace(/</g, '\\u003c');
  return (
    <Layout
      ctx={ctx}
      title={a.title}
      meta={{ type: 'article', description: a.summary, image, canonicalPath: `/tin-tuc/${a.slug}` }}
      head={<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: ld }} />}
    >
      <article class="vh-article">
        <p class="vh-hint">
          {p.category && <a href={`/tin-tuc/chuyen-muc/${p.category.slug}`}>{catName(ctx, p.category)}</a>}
        </p>
        <h1>{a.title}</h1>
        <p class="vh-hint">
          {t('Đăng lúc', 'Published')} <time dateTime={a.publishedAt?.toISOString()}>{formatVnDateTime(a.publishedAt)}</time>
        </p>
        <p class="vh-lead">
          <strong>{a.summary}</strong>
        </p>
        {/* Sanitised with the allow-list when it was saved (news.richtext.ts): no script, style or event handler can be in it. */}
        <div class="vh-article__body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
        {p.attachments && p.attachments.length > 0 && (
          <section aria-labelledby="tep-dinh-kem">
            <h2 id="tep-dinh-kem">{t('Tệp đính kèm', 'Attachments')}</h2>
            <ul>
              {p.attachments.map((f) => (
                <li key={f.id}>
                  <a href={`/tin-tuc/tep/${f.id}`} download={f.fileName}>
                    {f.title}
                  </a>{' '}
                  <span class="vh-hint">
                    ({fileKind(f.contentType)}, {fileSize(f.size)})
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {(a.authorLine || a.sourceLine) && (
          <p style="text-align:right">
            {a.authorLine && <strong>{a.authorLine}</strong>}
            {a.authorLine && a.sourceLine && <br />}
            {a.sourceLine && (
              <em>
                {t('Nguồn', 'Source')}: {a.sourceLine}
              </em>
            )}
          </p>
        )}
        {a.tags.length > 0 && (
          <p>
            {t('Từ khóa', 'Tags')}:{' '}
            {a.tags.map((tag) => (
              <span class="vh-tag" key={tag} style="margin-right:.25rem">
                {tag}
              </span>
            ))}
          </p>
        )}
        <p class="vh-hint">
          {t('Chia sẻ', 'Share')}: <a href={`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`}>Facebook</a> ·{' '}
          <a href={`mailto:?subject=${encodeURIComponent(a.title)}&body=${encodeURIComponent(url)}`}>{t('Thư điện tử', 'Email')}</a> ·{' '}
          {t('In hoặc lưu PDF: dùng lệnh In của trình duyệt (Ctrl+P).', 'Print or save as PDF: use the browser’s Print command (Ctrl+P).')}
        </p>
      </article>
      {p.related.length > 0 && (
        <aside aria-labelledby="tin-lien-quan">
          <h2 id="tin-lien-quan">{t('Tin liên quan', 'Related articles')}</h2>
          <ArticleList ctx={ctx} items={p.related} headingLevel={3} />
        </aside>
      )}
    </Layout>
  );
}
