import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/context.js';
import { discoverModules, type ModuleManifest, type SitemapEntry } from '../../core/module.js';
import { extendLayout } from '../../core/web/layout.js';
import type { PageContext } from '../../core/web/page.js';
import { xmlEscape } from '../news/index.js';
import * as repo from './portal.repository.js';
import { EN_PAGES, MANDATORY_SECTIONS } from './portal.sections.js';

/** Areas with nothing for a search engine: staff console, API, sign-in, citizens' own dossiers,
 * language switch redirects and the rating form. */
export const ROBOTS_DISALLOW = ['/quan-tri', '/api/', '/dang-nhap', '/dang-ky', '/dang-xuat', '/tai-khoan', '/ho-so/', '/ngon-ngu/', '/danh-gia-trang'];

export function robotsTxt(publicUrl: string): string {
  return ['User-agent: *', ...ROBOTS_DISALLOW.map((p) => `Disallow: ${p}`), '', `Sitemap: ${publicUrl}/sitemap.xml`, ''].join('\n');
}

/** sitemaps.org 0.9; lastmod as a W3C date (the day is enough for a crawler). */
export function sitemapXml(publicUrl: string, entries: SitemapEntry[]): string {
  const seen = new Set<string>();
  const rows: string[] = [];
  for (const e of entries) {
    if (!e.path.startsWith('/') || seen.has(e.path)) continue;
    seen.add(e.path);
    const lastmod = e.lastmod ? (typeof e.lastmod === 'string' ? e.lastmod : e.lastmod.toISOString()).slice(0, 10) : '';
    rows.push(`  <url><loc>${xmlEscape(publicUrl + e.path)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${rows.join('\n')}\n</urlset>\n`;
}

/** The portal's own public pages: every mandatory section, its English version, documents, leaders' pages. */
export async function portalSitemap(s: Services): Promise<SitemapEntry[]> {
  const [pages, docs] = await Promise.all([repo.listPagesForSitemap(s.db), repo.listDocumentsForSitemap(s.db)]);
  const updated = new Map(pages.map((p) => [`/${p.slug}`, p.updatedAt]));
  return [
    ...MANDATORY_SECTIONS.map((sec) => ({ path: sec.url, lastmod: updated.get(sec.url) })),
    ...[...new Set(Object.values(EN_PAGES))].map((path) => ({ path })),
    ...pages.filter((p) => p.section === 'leader').map((p) => ({ path: `/lanh-dao/${p.slug.replace(/^lanh-dao-/, '')}`, lastmod: p.updatedAt })),
    ...docs.map((d) => ({ path: `/van-ban/${d.id}`, lastmod: d.updatedAt })),
  ];
}

const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** The agency as schema.org describes a government body, for the home page. */
export function governmentOrganization(ctx: PageContext, publicUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentOrganization',
    name: ctx.site.agencyName,
    alternateName: ctx.site.agencyNameEn,
    url: `${publicUrl}/`,
    ...(ctx.site.address ? { address: { '@type': 'PostalAddress', streetAddress: ctx.site.address, addressCountry: 'VN' } } : {}),
    ...(ctx.site.phone ? { telephone: ctx.site.phone } : {}),
    ...(ctx.site.email ? { email: ctx.site.email } : {}),
  };
}

export function JsonLd(p: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json(p.data) }} />;
}

const absolute = (publicUrl: string, u: string) => (u.startsWith('/') ? publicUrl + u : u);

/** Staff and personal pages are not for search engines or link previews. */
const isPublicPath = (path: string) => !ROBOTS_DISALLOW.some((p) => path.startsWith(p));

export function discoveryRoutes(app: FastifyInstance, s: Services) {
  const base = s.config.publicUrl.replace(/\/$/, '');

  extendLayout('portal.discovery', {
    head: (ctx, page) => {
      if (!isPublicPath(ctx.path)) return null;
      const m = page.meta ?? {};
      const url = base + (m.canonicalPath ?? ctx.path);
      return (
        <>
          <link rel="canonical" href={url} />
          <meta property="og:site_name" content={ctx.lang === 'en' ? ctx.site.agencyNameEn : ctx.site.agencyName} />
          <meta property="og:title" content={page.title} />
          <meta property="og:type" content={m.type ?? 'website'} />
          <meta property="og:url" content={url} />
          <meta property="og:locale" content={ctx.lang === 'en' ? 'en_US' : 'vi_VN'} />
          {m.description && <meta name="description" content={m.description} />}
          {m.description && <meta property="og:description" content={m.description} />}
          {m.image && <meta property="og:image" content={absolute(base, m.image)} />}
          {ctx.path === '/' && <JsonLd data={governmentOrganization(ctx, base)} />}
        </>
      );
    },
  });

  app.get('/robots.txt', async (_req, reply) => reply.header('cache-control', 'public, max-age=86400').type('text/plain; charset=utf-8').send(robotsTxt(base)));

  let manifests: Promise<ModuleManifest[]> | undefined;
  app.get('/sitemap.xml', async (req, reply) => {
    manifests ??= discoverModules();
    const mods = await manifests;
    const entries: SitemapEntry[] = [{ path: '/' }, ...mods.flatMap((m) => (m.publicNav ?? []).filter((l) => !l.audience && !l.permission).map((l) => ({ path: l.href })))];
    for (const m of mods) if (m.sitemap) entries.push(...(await m.sitemap(s)));
    const xml = sitemapXml(base, entries);
    const etag = `"${crypto.createHash('sha1').update(xml).digest('base64url').slice(0, 22)}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/xml; charset=utf-8').send(xml);
  });
}
