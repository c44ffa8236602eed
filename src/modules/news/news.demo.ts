/**
 * Demo content written for this project (not taken from any real portal). Every summary ends
 * with "(bài viết minh họa)" so no reader mistakes it for official news; places and people are
 * invented or generic. The articles are data: demo/news.json at the package root
 * (src/core/demo-data.ts), replaceable through VANHIEN_DEMO_DIR; the categories are base data.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import { loadDemoData } from '../../core/demo-data.js';

export const NEWS_CATEGORIES = [
  { slug: 'van-hoa', name: 'Văn hóa', nameEn: 'Culture', sort: 1 },
  { slug: 'the-thao', name: 'Thể thao', nameEn: 'Sports', sort: 2 },
  { slug: 'du-lich', name: 'Du lịch', nameEn: 'Tourism', sort: 3 },
  { slug: 'thu-vien', name: 'Thư viện', nameEn: 'Library', sort: 4 },
  { slug: 'di-san', name: 'Di sản', nameEn: 'Heritage', sort: 5 },
  { slug: 'chuyen-doi-so', name: 'Chuyển đổi số', nameEn: 'Digital transformation', sort: 6 },
] as const;

export interface DemoArticle {
  category: (typeof NEWS_CATEGORIES)[number]['slug'];
  /** Vietnam time, "YYYY-MM-DDTHH:MM" */
  at: string;
  title: string;
  summary: string;
  body: string[];
  tags: string[];
  author?: string;
  source?: string;
  featured?: boolean;
}

const strict = { additionalProperties: false } as const;

/** The shape of demo/news.json: the DemoArticle interface above, checked on load. */
export const DemoArticlesSchema = Type.Array(
  Type.Object(
    {
      category: Type.Union(NEWS_CATEGORIES.map((c) => Type.Literal(c.slug))) as TSchema,
      at: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$' }),
      title: Type.String({ minLength: 1 }),
      summary: Type.String({ minLength: 1 }),
      body: Type.Array(Type.String()),
      tags: Type.Array(Type.String()),
      author: Type.Optional(Type.String()),
      source: Type.Optional(Type.String()),
      featured: Type.Optional(Type.Boolean()),
    },
    strict,
  ),
);

/** The demo articles: demo/news.json, or the one in `dir` (VANHIEN_DEMO_DIR) when it has one. */
export function loadDemoArticles(dir?: string): DemoArticle[] {
  return loadDemoData('news', DemoArticlesSchema, dir) as DemoArticle[];
}
