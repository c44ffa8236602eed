import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { formatDateVi } from '../../core/validation.js';
import { extendLayout, Layout } from '../../core/web/layout.js';
import type { PageContext } from '../../core/web/page.js';
import { listPublished, renderMarkdown, type ArticleListItem } from '../news/index.js';
import * as repo from './portal.repository.js';
import type { PortalPage } from './portal.repository.js';

/**
 * The English side (issue 10 finding 7): a home at /en linking every English page, and each
 * Vietnamese page paired with its English one through hreflang. Content written only in
 * Vietnamese says so in English and links the original, marked lang="vi".
 */

/** Vietnamese page → English page. The law requires English for three sections (portal.sections.ts);
 * the home, the introduction and the news list are added so the English side can be browsed. */
export const LANGUAGE_PAIRS: readonly { vi: string; en: string }[] = [
  { vi: '/', en: '/en' },
  { vi: '/gioi-thieu', en: '/en/about' },
  { vi: '/chuc-nang-nhiem-vu', en: '/en/functions-and-duties' },
  { vi: '/co-cau-to-chuc', en: '/en/organisation-structure' },
  { vi: '/danh-ba', en: '/en/contacts' },
  { vi: '/tin-tuc', en: '/en/news' },
];

const viOf = (en: string) => LANGUAGE_PAIRS.find((p) => p.en === en)!.vi;
const switchTo = (lang: 'vi' | 'en', path: string) => `/ngon-ngu/${lang}?next=${encodeURIComponent(path)}`;

/** hreflang pairs in the head of both pages of a pair (absolute URLs, as search engines require). */
export function installLanguagePairs(publicUrl: string): void {
  extendLayout('portal.hreflang', {
    head: (ctx) => {
      const pair = LANGUAGE_PAIRS.find((p) => p.vi === ctx.path || p.en === ctx.path);
      if (!pair) return null;
      return (
        <>
          <link rel="alternate" hrefLang="vi" href={`${publicUrl}${pair.vi}`} />
          <link rel="alternate" hrefLang="en" href={`${publicUrl}${pair.en}`} />
          <link rel="alternate" hrefLang="x-default" href={`${publicUrl}${pair.vi}`} />
        </>
      );
    },
  });
}

function VietnameseOnly(p: { vi: string; what: string }) {
  return (
    <p class="vh-hint">
      This {p.what} has not been translated into English yet.{' '}
      <a href={switchTo('vi', p.vi)} hrefLang="vi">
        Read it in Vietnamese (<span lang="vi">Tiếng Việt</span>)
      </a>
      .
    </p>
  );
}

export function EnglishHomePage(p: { ctx: PageContext }) {
  const { ctx } = p;
  const pages = [
    { href: '/en/about', title: 'About the Department', text: 'Introduction and history.' },
    { href: '/en/functions-and-duties', title: 'Functions, duties and powers', text: 'What the Department is responsible for.' },
    { href: '/en/organisation-structure', title: 'Organisation structure', text: 'The leadership, divisions and units.' },
    { href: '/en/contacts', title: 'Officials’ contacts', text: 'Phone numbers and email addresses of the officials.' },
    { href: '/en/news', title: 'News', text: 'The latest articles (published in Vietnamese).' },
  ];
  return (
    <Layout ctx={ctx} title="Home">
      <h1>{ctx.site.agencyNameEn}</h1>
      <p class="vh-lead">The Department's services and information in English: who we are, what we do and how to reach us.</p>
      <ul class="vh-cards">
        {pages.map((x) => (
          <li key={x.href} class="vh-card">
            <h2>
              <a href={x.href}>{x.title}</a>
            </h2>
            <p>{x.text}</p>
          </li>
        ))}
      </ul>
      <h2>Services</h2>
      <p>
        Online procedures, dossier tracking and feedback are in Vietnamese, with English menus and headings:{' '}
        <a href="/thu-tuc">administrative procedures</a>, <a href="/tra-cuu">track a dossier</a>, <a href="/phan-anh">send feedback</a>.
      </p>
      <p>
        <a href={switchTo('vi', '/')} hrefLang="vi" lang="vi">
          Trang chủ tiếng Việt
        </a>
      </p>
    </Layout>
  );
}

function EnglishAboutPage(p: { ctx: PageContext; page?: PortalPage }) {
  const { ctx, page } = p;
  const translated = !!page?.bodyMarkdownEn;
  return (
    <Layout ctx={ctx} title="About the Department">
      <h1>About the Department</h1>
      {translated ? (
        <div class="vh-prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(page!.bodyMarkdownEn!) }} />
      ) : (
        <VietnameseOnly vi="/gioi-thieu" what="page" />
      )}
      <h2>In English</h2>
      <ul>
        <li>
          <a href="/en/functions-and-duties">Functions, duties and powers</a>
        </li>
        <li>
          <a href="/en/organisation-structure">Organisation structure</a>
        </li>
        <li>
          <a href="/en/contacts">Officials’ contacts</a>
        </li>
      </ul>
      {page && <p class="vh-hint">Updated: {formatDateVi(page.updatedAt)}</p>}
    </Layout>
  );
}

function EnglishNewsPage(p: { ctx: PageContext; items: ArticleListItem[] }) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title="News" head={<link rel="alternate" type="application/rss+xml" title="News" href="/tin-tuc/rss.xml" />}>
      <h1>News</h1>
      <p>News articles are published in Vietnamese only; the titles below link to the Vietnamese articles.</p>
      {p.items.length === 0 ? (
        <p>No articles yet.</p>
      ) : (
        <ul class="vh-list">
          {p.items.map((a) => (
            <li key={a.id} class="vh-list__item">
              <h2 class="vh-list__title">
                <a href={`/tin-tuc/${a.slug}`} hrefLang="vi" lang="vi">
                  {a.title}
                </a>
              </h2>
              {a.publishedAt && <p class="vh-hint">Published {formatDateVi(a.publishedAt)} · in Vietnamese</p>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/tin-tuc/rss.xml" type="application/rss+xml">
          RSS feed (Vietnamese)
        </a>
      </p>
    </Layout>
  );
}

export function englishRoutes(app: FastifyInstance, s: Services, englishPage: (reply: FastifyReply, req: FastifyRequest) => PageContext) {
  installLanguagePairs(s.config.publicUrl);
  // A reader who chose Vietnamese is sent to the original, so the header's switch works both ways.
  const back = (req: FastifyRequest, reply: FastifyReply) => (req.cookies.lang === 'vi' ? reply.redirect(viOf(req.url.split('?')[0]!)) : undefined);

  app.get('/en', async (req, reply) => back(req, reply) ?? reply.html(<EnglishHomePage ctx={englishPage(reply, req)} />));
  app.get('/en/about', async (req, reply) => back(req, reply) ?? reply.html(<EnglishAboutPage ctx={englishPage(reply, req)} page={await repo.findPage(s.db, 'gioi-thieu')} />));
  app.get('/en/news', async (req, reply) => {
    const redirect = back(req, reply);
    if (redirect) return redirect;
    const { rows } = await listPublished(s.db, { limit: 20, offset: 0 });
    return reply.html(<EnglishNewsPage ctx={englishPage(reply, req)} items={rows} />);
  });
}
