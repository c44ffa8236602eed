import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { listPublished } from '../../news/index.js';

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe('discovery: sitemap, robots, canonical, Open Graph, schema.org', () => {
  let t: TestPlatform;
  let base = '';
  beforeAll(async () => {
    t = await startTestPlatform();
    base = t.config.publicUrl.replace(/\/$/, '');
  });
  afterAll(async () => t?.close());

  it('robots.txt keeps crawlers out of the staff console and the API and names the sitemap', async () => {
    const res = await t.app.inject({ url: '/robots.txt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('Disallow: /quan-tri\n');
    expect(res.body).toContain('Disallow: /api/\n');
    expect(res.body).toContain(`Sitemap: ${base}/sitemap.xml`);
  });

  it('sitemap.xml lists the home page, news, categories, articles, mandatory pages, documents and procedures', async () => {
    const res = await t.app.inject({ url: '/sitemap.xml' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replace(base, ''));
    const article = (await listPublished(t.platform.services.db, { limit: 1, offset: 0 })).rows[0]!;
    for (const p of ['/', '/tin-tuc', '/tin-tuc/chuyen-muc/the-thao', `/tin-tuc/${article.slug}`, '/gioi-thieu', '/co-cau-to-chuc', '/en/contacts', '/van-ban', '/thu-tuc'])
      expect(locs).toContain(p);
    expect(locs.filter((l) => l.startsWith('/van-ban/')).length).toBeGreaterThanOrEqual(15);
    expect(locs.some((l) => l.startsWith('/quan-tri'))).toBe(false);
    expect(new Set(locs).size).toBe(locs.length);
    const again = await t.app.inject({ url: '/sitemap.xml', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('the home page has a canonical link, Open Graph and a GovernmentOrganization', async () => {
    const res = await t.app.inject({ url: '/' });
    expect(res.body).toContain(`<link rel="canonical" href="${base}/"/>`);
    expect(res.body).toContain('<meta property="og:type" content="website"/>');
    const org = jsonLd(res.body).find((d) => d['@type'] === 'GovernmentOrganization');
    expect(org?.name).toBeTruthy();
  });

  it('an article has its canonical URL, og:type article and a NewsArticle', async () => {
    const article = (await listPublished(t.platform.services.db, { limit: 1, offset: 0 })).rows[0]!;
    const res = await t.app.inject({ url: `/tin-tuc/${article.slug}` });
    expect(res.body).toContain(`<link rel="canonical" href="${base}/tin-tuc/${article.slug}"/>`);
    expect(res.body).toContain('<meta property="og:type" content="article"/>');
    expect(res.body).toContain('<meta property="og:description"');
    const ld = jsonLd(res.body).find((d) => d['@type'] === 'NewsArticle');
    expect(ld?.headline).toBe(article.title);
    expect(ld?.datePublished).toBe(article.publishedAt!.toISOString());
    expect((ld!.publisher as { '@type': string })['@type']).toBe('GovernmentOrganization');
  });

  it('every public page of the portal has exactly one canonical link; staff pages have none', async () => {
    for (const url of ['/tin-tuc', '/gioi-thieu', '/van-ban', '/tim-kiem', '/thong-bao', '/en/contacts']) {
      const res = await t.app.inject({ url });
      expect(res.body.match(/rel="canonical"/g)?.length, url).toBe(1);
    }
    expect((await t.app.inject({ url: '/tin-tuc?trang=2' })).body).toContain(`href="${base}/tin-tuc?trang=2"`);
    const cookie = await loginCookies(t.app, 'bientap@vanhien.test');
    const staff = await t.app.inject({ url: '/quan-tri/tin-bai', headers: { cookie } });
    expect(staff.body).not.toContain('rel="canonical"');
  });

  it('demo content (issue 5 part 9): about 30 articles in every category, 15+ documents each with a PDF, illustrated articles', async () => {
    const db = t.platform.services.pool;
    const cats = await db.query(`SELECT c.slug, count(a.id)::int AS n FROM news_categories c LEFT JOIN articles a ON a.category_id = c.id AND a.status = 'published' GROUP BY c.slug`);
    expect(cats.rows.reduce((a, r) => a + r.n, 0)).toBeGreaterThanOrEqual(30);
    for (const r of cats.rows) expect(r.n, r.slug).toBeGreaterThanOrEqual(5);
    const docs = await db.query('SELECT id, stored_file_id FROM legal_documents');
    expect(docs.rows.length).toBeGreaterThanOrEqual(15);
    for (const d of docs.rows) expect(d.stored_file_id).not.toBeNull();
    // The bytes were written by the test run's template seed into another data directory; the
    // rows say what was stored, and the generator is checked directly.
    const files = await db.query(`SELECT f.content_type, f.size FROM legal_documents d JOIN stored_files f ON f.id = d.stored_file_id`);
    for (const f of files.rows) expect(f).toMatchObject({ content_type: 'application/pdf' });
    const { demoDocumentPdf } = await import('../portal.pdf.js');
    const pdf = await demoDocumentPdf({ numberSymbol: '45/QĐ-SVHTTDL', type: 'Quyết định', issuingBody: 'Sở Văn hóa, Thể thao và Du lịch', signer: 'Nguyễn Văn A', issued: '12/01/2026', summary: 'Ban hành Quy chế làm việc' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pictures = await db.query(`SELECT count(*)::int AS n FROM articles WHERE status = 'published' AND body_html LIKE '%<picture>%'`);
    expect(pictures.rows[0].n).toBeGreaterThanOrEqual(3);
  });
});
