import type { Services } from '../../core/context.js';
import { discoverModules, type SiteSearchSource } from '../../core/module.js';
import { vnIsoDate } from '../../core/validation.js';
import { searchPublished } from '../news/index.js';
import { searchCurrent } from '../procedures/index.js';
import * as repo from './portal.repository.js';
import { fold, markdownToText } from './portal.text.js';

/** The portal's own content types; other modules' types (manifest hook `siteSearch`) are
 * appended once discovered (searchSources). */
export const SEARCH_TYPES: { key: string; vi: string; en: string }[] = [
  { key: 'tin-tuc', vi: 'Tin tức', en: 'News' },
  { key: 'trang', vi: 'Trang thông tin', en: 'Pages' },
  { key: 'van-ban', vi: 'Văn bản', en: 'Documents' },
  { key: 'thu-tuc', vi: 'Thủ tục hành chính', en: 'Procedures' },
];
export type SearchType = string;

let sources: Promise<SiteSearchSource[]> | undefined;
/** Other modules' search sources, discovered once per process. */
export function searchSources(): Promise<SiteSearchSource[]> {
  sources ??= discoverModules().then((ms) => {
    const list = ms.flatMap((m) => (m.siteSearch ? [m.siteSearch] : []));
    for (const x of list) if (!SEARCH_TYPES.some((t) => t.key === x.key)) SEARCH_TYPES.push({ key: x.key, vi: x.vi, en: x.en });
    return list;
  });
  return sources;
}

export interface SearchHit {
  type: SearchType;
  title: string;
  url: string;
  /** plain text the snippet is cut from */
  text: string;
  /** a calendar day (YYYY-MM-DD) or null */
  date: string | null;
  score: number;
}

/** Where a managed page is read: section pages at their URL, unit duties on the org chart,
 * biographies under /lanh-dao. */
export function pageUrl(p: { slug: string; section: string }): string {
  if (p.section === 'unit') return `/co-cau-to-chuc#${p.slug}`;
  if (p.section === 'leader') return `/lanh-dao/${p.slug.replace(/^lanh-dao-/, '')}`;
  return `/${p.slug}`;
}

const inRange = (day: string | null, from?: string, to?: string) => (!from || (!!day && day >= from)) && (!to || (!!day && day <= to));

/**
 * One search over news, managed pages, legal documents and procedures. Each source already
 * matches every word without diacritics; here the hits are ranked together: the query with its
 * exact diacritics in the title first, then without diacritics in the title (people type "bieu
 * dien"), then anywhere, then every word in the title; among equals, the title where the phrase
 * comes earliest ("Tổ chức biểu diễn nghệ thuật" before a festival that mentions it at the end), then newest.
 */
export async function siteSearch(
  s: Services,
  f: { q: string; type?: SearchType; from?: string; to?: string },
): Promise<{ hits: SearchHit[]; counts: Record<SearchType, number> }> {
  const words = repo.queryWords(f.q);
  const others = await searchSources();
  const counts: Record<SearchType, number> = Object.fromEntries(SEARCH_TYPES.map((t) => [t.key, 0]));
  if (!words.length) return { hits: [], counts };
  const want = (t: SearchType) => !f.type || f.type === t;
  const [news, pages, docs, procs, ...more] = await Promise.all([
    want('tin-tuc') ? searchPublished(s.db, f.q, 50) : [],
    want('trang') ? repo.searchPages(s.db, f.q, { from: f.from, to: f.to, limit: 50 }) : [],
    want('van-ban') ? repo.listDocuments(s.db, { q: f.q, from: f.from, to: f.to, limit: 50 }).then((r) => r.rows) : [],
    want('thu-tuc') ? searchCurrent(s.db, vnIsoDate(), { q: f.q, limit: 50 }).then((r) => r.rows) : [],
    ...others.map((o) => (want(o.key) ? o.search(s, f.q, 50).then((hs) => hs.map((h) => ({ ...h, type: o.key }))) : [])),
  ]);
  const hits: Omit<SearchHit, 'score'>[] = [
    ...news.map((a) => ({
      type: 'tin-tuc' as const,
      title: a.title,
      url: `/tin-tuc/${a.slug}`,
      text: a.summary,
      date: a.publishedAt ? vnIsoDate(a.publishedAt) : null,
    })),
    ...pages.map((p) => ({ type: 'trang' as const, title: p.title, url: pageUrl(p), text: markdownToText(p.bodyMarkdown), date: vnIsoDate(p.updatedAt) })),
    ...docs.map((d) => ({ type: 'van-ban' as const, title: `${d.type} số ${d.numberSymbol}`, url: `/van-ban/${d.id}`, text: d.summary, date: d.issuedDate })),
    ...procs.map((p) => ({
      type: 'thu-tuc' as const,
      title: p.name,
      url: `/thu-tuc/${encodeURIComponent(p.code)}`,
      text: `Mã thủ tục ${p.code} · ${p.field}`,
      date: p.effectiveFrom,
    })),
    ...more.flat(),
  ].filter((h) => inRange(h.date, f.from, f.to));
  const phrase = words.join(' ');
  const foldedWords = words.map(fold);
  const foldedPhrase = fold(phrase);
  const scored = hits.map((h) => {
    const title = h.title.normalize('NFC').toLowerCase();
    const all = `${title} ${h.text.normalize('NFC').toLowerCase()}`;
    const ft = fold(title);
    const at = ft.indexOf(foldedPhrase);
    const score =
      (title.includes(phrase) ? 16 : 0) +
      (at >= 0 ? 8 : 0) +
      (all.includes(phrase) ? 4 : 0) +
      (words.every((w) => title.includes(w)) ? 2 : 0) +
      (foldedWords.every((w) => ft.includes(w)) ? 1 : 0);
    return { ...h, score, at: at < 0 ? Number.MAX_SAFE_INTEGER : at };
  });
  for (const h of scored) counts[h.type]++;
  scored.sort((a, b) => b.score - a.score || a.at - b.at || (b.date ?? '').localeCompare(a.date ?? ''));
  return { hits: scored.map(({ at, ...h }) => h), counts };
}
