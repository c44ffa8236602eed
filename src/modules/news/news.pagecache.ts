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
 * commits (pages, API, the scheduled-publication job) empties it on this node at once and, through
 * the cluster bus (`pages.changed`), on every other node; while this node's bus is not listening
 * the cache is bypassed, and it is emptied when the bus is back (messages may have been missed).
 */
import type { ClusterBus } from '../../core/cluster/bus.js';

/** Announced by every command that changes what a cached public page shows (src/core/web/page-cache.ts). */
const PAGES_CHANGED = 'pages.changed';
const TTL_MS = 10_000;
const MAX_ENTRIES = 2_000;

export interface CachedPage {
  /** UTF-8 bytes: encoding a 13 KB string on every request costs more than the lookup. */
  body: Buffer;
  etag: string;
  stamp: string;
  at: number;
  /** Compressed forms, made on first use (core/web/page-cache.ts, encodedBody). */
  br?: Buffer;
  gzip?: Buffer;
}

/** One cache per server instance (tests run several platforms in one process); a committed
 * change empties all of them. */
const all = new Set<ArticlePageCache>();

export class ArticlePageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly off: (() => void)[];

  constructor(private readonly bus?: Pick<ClusterBus, 'connected' | 'on' | 'onConnect'>) {
    all.add(this);
    this.off = bus ? [bus.on(PAGES_CHANGED, () => this.clear()), bus.onConnect(() => this.clear())] : [];
  }

  get(key: string, stamp: string, now = Date.now()): CachedPage | undefined {
    if (this.bus && !this.bus.connected) return undefined;
    const hit = this.pages.get(key);
    if (!hit) return undefined;
    if (now - hit.at > TTL_MS || hit.stamp !== stamp) {
      this.pages.delete(key);
      return undefined;
    }
    return hit;
  }

  set(key: string, page: Omit<CachedPage, 'at'>, now = Date.now()): void {
    if (this.bus && !this.bus.connected) return;
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
    for (const f of this.off) f();
    this.pages.clear();
    all.delete(this);
  }
}

export function clearArticlePages(): void {
  for (const c of all) c.clear();
}
