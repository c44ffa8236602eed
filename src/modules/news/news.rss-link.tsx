import { extendLayout } from '../../core/web/layout.js';

/** The home page advertises the news feed to feed readers (issue 9: it did not); /tin-tuc does so
 * in its own head. Only the path decides, so a cached home page stays the same for everyone. */
export function advertiseNewsFeed(): void {
  extendLayout('news.rss', {
    head: (ctx) =>
      ctx.path === '/' || ctx.path === '/en' ? (
        <link rel="alternate" type="application/rss+xml" title={ctx.t('Tin tức', 'News')} href="/tin-tuc/rss.xml" />
      ) : null,
  });
}
