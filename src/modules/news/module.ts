import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { importArticle, publishScheduled, updateArticle, uploadArticleImage } from './news.commands.js';
import { demoPicture } from './news.demo-images.js';
import { NEWS_CATEGORIES, loadDemoArticles } from './news.demo.js';
import { parseVnDateTime } from './news.format.js';
import { ARTICLE_APPROVE, ARTICLE_WRITE } from './news.policy.js';
import { countArticles, countPublished, listCategories, listPublished, listPublishedForSitemap, upsertCategories } from './news.repository.js';
import { NewsHomeBlock } from './pages/home-block.js';
import { newsRoutes } from './news.routes.js';
import { newsWorkItems } from './news.work.js';

export const PUBLISH_SCHEDULED_JOB = 'news.publish_scheduled';

/** Tin tức: news articles with an editorial workflow (draft → review → approved/scheduled → published). */
export default defineModule({
  name: 'news',
  title: { vi: 'Tin tức', en: 'News' },
  permissions: [
    { code: ARTICLE_WRITE, description: 'Soạn, sửa tin bài và gửi duyệt' },
    { code: ARTICLE_APPROVE, description: 'Duyệt, hẹn giờ đăng, đăng và gỡ tin bài' },
  ],
  routes: newsRoutes,
  jobs: (s) => [
    {
      name: PUBLISH_SCHEDULED_JOB,
      // Every minute: a scheduled article appears at most a minute late.
      schedule: '* * * * *',
      retryLimit: 2,
      handler: async () => {
        await publishScheduled(s);
      },
    },
  ],
  publicNav: [{ href: '/tin-tuc', vi: 'Tin tức', en: 'News', order: 20, enHref: '/en/news' }],
  staffNav: [
    { href: '/quan-tri/tin-bai', vi: 'Tin bài', en: 'Articles', permission: ARTICLE_WRITE },
    { href: '/quan-tri/tin-bai?trang-thai=submitted', vi: 'Tin bài chờ duyệt', en: 'Articles to review', permission: ARTICLE_APPROVE },
  ],
  stats: async (s) => ({ publishedArticles: await countPublished(s.db) }),
  workItems: newsWorkItems,
  sitemap: async (s) => [
    { path: '/tin-tuc' },
    ...(await listCategories(s.db)).map((c) => ({ path: `/tin-tuc/chuyen-muc/${c.slug}` })),
    ...(await listPublishedForSitemap(s.db)).map((a) => ({ path: `/tin-tuc/${a.slug}`, lastmod: a.updatedAt })),
  ],
  homeBlock: { order: 20, render: async (s, ctx) => NewsHomeBlock({ ctx, articles: (await listPublished(s.db, { limit: 8, offset: 0 })).rows }) },
  async seed(s, { demo }) {
    const ctx = { services: s, actor: { ...SYSTEM, label: 'Dữ liệu minh họa' } };
    await grantPermissionsToRole(ctx, 'bien_tap', [ARTICLE_WRITE]);
    await grantPermissionsToRole(ctx, 'lanh_dao', [ARTICLE_APPROVE]);
    await grantPermissionsToRole(ctx, 'quan_tri', [ARTICLE_WRITE, ARTICLE_APPROVE]);
    // The categories are base data, not demo: without them no article can be written.
    await upsertCategories(s.db, [...NEWS_CATEGORIES]);
    if (!demo || (await countArticles(s.db)) > 0) return;
    const bySlug = new Map((await listCategories(s.db)).map((c) => [c.slug, c.id]));
    for (const a of loadDemoArticles(s.config.demoDir)) {
      const imported = await importArticle(ctx, {
        title: a.title,
        categoryId: bySlug.get(a.category)!,
        summary: a.summary,
        bodyMarkdown: a.body.join('\n\n'),
        authorLine: a.author ?? '',
        sourceLine: a.source ?? '',
        tags: a.tags,
        featured: a.featured ?? false,
        publishedAt: parseVnDateTime(a.at)!,
      });
      const picture = await demoPicture(a.title);
      if (picture) {
        const img = await uploadArticleImage(ctx, imported.id, { data: picture.png, originalName: 'minh-hoa.png', alt: picture.alt }, { resized: picture.resized });
        const body = [`![${img.alt}](/anh/${img.id})`, ...a.body].join('\n\n');
        await updateArticle(ctx, imported.id, imported.version, { ...imported, bodyMarkdown: body, slug: imported.slug });
      }
    }
  },
});
