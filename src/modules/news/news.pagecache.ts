/**
 * Rendered article pages for anonymous readers, in this process. An article page is the most
 * read page of the portal and the same for every anonymous reader in one language; rendering it
 * and reading the article, its category, related articles and attachments cost four queries
 * and ~1 ms of CPU. The bench (docs/benchmarks.md) put any database read on this machine at
 * most ~26 % of a bare route, so the portal's 50 % target for an article can only be met
 * without touching the database.
 *
 * Safety: an entry is used only for anonymous requests without a flash message, for at most
 * `TTL_MS` (shared caches may already keep the page for 60 s: Cache-Control public, max-age=60),
 * and only while the site-wide banners are the same (layout stamp). Every news command that
 * commits on this node (pages, API, the scheduled-publication job) empties it, so an unpublished
 * article disappears here at once and on other nodes within `TTL_MS`.
 */
const TTL_MS = 10_000;
const MAX_ENTRIES = 2_000;

export interface CachedPage {
  /** UTF-8 bytes: encoding a 13 KB string on every request costs more than the lookup. */
  body: Buffer;
  etag: string;
  stamp: string;
  at: number;
}

/** One cache per server instance (tests run several platforms in one process); a committed
 * change empties all of them. */
const all = new Set<ArticlePageCache>();

export class ArticlePageCache {
  private readonly pages = new Map<string, CachedPage>();

  constructor() {
    all.add(this);
  }

  get(key: string, stamp: string, now = Date.now()): CachedPage | undefined {
    const hit = this.pages.get(key);
    if (!hit) return undefined;
    if (now - hit.at > TTL_MS || hit.stamp !== stamp) {
      this.pages.delete(key);
      return undefined;
    }
    return hit;
  }

  set(key: string, page: Omit<CachedPage, 'at'>, now = Date.now()): void {
    if (this.pages.size >= MAX_ENTRIES) this.pages.clear();
    this.pages.set(key, { ...page, at: now });
  }

  clear(): void {
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }

  /** When its server closes. */
  dispose(): void {
    this.pages.clear();
    all.delete(this);
  }
}

export function clearArticlePages(): void {
  for (const c of all) c.clear();
}
