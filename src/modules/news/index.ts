/** The public surface of the news module, for other modules (site search, home page, sitemap). */
export { searchPublished, listPublished, type ArticleListItem } from './news.repository.js';
export { renderMarkdown } from './news.richtext.js';
export { xmlEscape } from './news.feed.js';
export { formatVnDateTime, parseVnDateTime, toDateTimeLocal } from './news.format.js';
