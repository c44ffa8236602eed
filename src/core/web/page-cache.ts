/**
 * Rendered public pages (home, procedure catalogue …) for anonymous visitors, kept in this
 * process as bytes with their ETag. The home page reads a block from each module (three or more
 * queries) and renders ~10 KB of HTML on every request: 3 % of a bare route on the bench machine,
 * where any database read tops out at ~26 % (docs/benchmarks.md). A hit costs a map lookup.
 *
 * When an entry is used (all must hold), so a cache never shows one person's page to another:
 * - the request is anonymous and carries no cookie outside `NEUTRAL_COOKIES` (a flash message, a
 *   session, a per-session banner dismissal … each bypass the cache: unknown means personal);
 * - the entry was rendered for the same key (the page decides: path, language, the few query
 *   values it accepts) and the same layout stamp (the banners in force);
 * - rendering set no cookie (a page that made a CSRF token is someone's) — then it is not stored;
 * - no change was announced since the render started (generation), it is younger than `ttlMs`,
 *   and the cluster bus is listening (a deaf node may have missed an invalidation).
 *
 * Invalidation: a command whose committed change shows on a cached page calls
 * `pagesChanged(services)`. It empties every page cache of this process at once and announces
 * `pages.changed` on the cluster bus (`services.bus`), whose handler empties them on every other
 * node. The TTL only bounds what no command announces (the agency's name, read every 60 s).
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Services } from '../context.js';
import { layoutStamp } from './layout.js';
import type { PageContext } from './page.js';

export const PAGES_CHANGED = 'pages.changed';

/** Cookies that never change what an anonymous page shows: the language is part of every key;
 * the CSRF secret only matters to pages with forms, and those are never stored. */
const NEUTRAL_COOKIES = new Set(['lang', 'vh_csrf']);

/** The part of the cluster bus (src/core/cluster/bus.ts) a page cache needs. */
export interface PageCacheBus {
  readonly nodeId: string;
  readonly connected: boolean;
  on(topic: string, handler: (payload: unknown) => void): () => void;
  onConnect(handler: () => void): () => void;
  emit(topic: string, payload: unknown, via: Services['pool']): Promise<void>;
}

function busOf(services: Services): PageCacheBus | undefined {
  return (services as Services & { bus?: PageCacheBus }).bus;
}

interface Entry {
  body: Buffer;
  etag: string;
  stamp: string;
  at: number;
  /** The body compressed, made on the first request that accepts it (`encodedBody`). */
  br?: Buffer;
  gzip?: Buffer;
}

export type PageEncoding = 'br' | 'gzip';

/** Accept-Encoding values seen, and what they chose: browsers send a handful of distinct ones;
 * anything else is bounded (emptied at 200) rather than remembered for ever. */
class BoundedChoices {
  private readonly m = new Map<string, string>();
  get(k: string): string | undefined {
    return this.m.get(k);
  }
  has(k: string): boolean {
    return this.m.has(k);
  }
  set(k: string, v: string): this {
    if (this.m.size >= 200) this.m.clear();
    this.m.set(k, v);
    return this;
  }
}
const encodings = new Negotiator<PageEncoding>({ supportedValues: ['br', 'gzip'], cache: new BoundedChoices() });

/** The compression the request accepts, brotli first (q-values and `;q=0` are honoured). */
export function acceptedEncoding(req: FastifyRequest): PageEncoding | undefined {
  const header = req.headers['accept-encoding'];
  return typeof header === 'string' && header !== '' ? (encodings.negotiate(header) ?? undefined) : undefined;
}

/**
 * The page's bytes in `encoding`, compressed once per cache entry: a cached page is read
 * thousands of times between two changes, so each reader gets ~¼ of the bytes (the home page
 * 11.5 KB → ~3 KB) for a map lookup. That matters on a phone on 3G, and on loopback, where the
 * copy of the bytes costs about half of a request (docs/benchmarks.md, 2026-12-05). Brotli at
 * quality 9: ~2 ms for the largest cached page, within 3 % of quality 11's size.
 */
export function encodedBody(entry: { body: Buffer; br?: Buffer; gzip?: Buffer }, encoding: PageEncoding): Buffer {
  if (encoding === 'br') {
    entry.br ??= zlib.brotliCompressSync(entry.body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length },
    });
    return entry.br;
  }
  entry.gzip ??= zlib.gzipSync(entry.body, { level: 9 });
  return entry.gzip;
}

/** Each representation has its own strong ETag (RFC 9110 §8.8.3): the compressed bytes differ. */
function etagFor(etag: string, encoding: PageEncoding | undefined): string {
  return encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag;
}

/** Whether the page made for this request is the one every anonymous visitor gets: a GET by
 * nobody signed in, with no cookie that may change the page (flash, hidden banners …). */
export function sharedRendering(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.actor.kind !== 'anonymous') return false;
  for (const name in req.cookies) if (!NEUTRAL_COOKIES.has(name)) return false;
  return true;
}

/** Every page cache of this process (tests run several platforms in one process). */
const caches = new Set<PageCache>();

export class PageCache {
  private readonly pages = new Map<string, Entry>();
  private gen = 0;
  private unsubscribe: (() => void)[] | undefined;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly services: Services,
    opts: { ttlMs?: number; maxEntries?: number } = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.maxEntries = opts.maxEntries ?? 500;
    caches.add(this);
  }

  /** Subscribed on first use: the bus may be attached to the services after routes are built. */
  private bus(): PageCacheBus | undefined {
    const bus = busOf(this.services);
    if (bus && !this.unsubscribe) {
      // Our own announcement comes back too, later: this node emptied its caches when it sent it,
      // and a page stored since then is fresh.
      const heard = (p: unknown) => {
        if ((p as { from?: string } | null)?.from !== bus.nodeId) this.clear();
      };
      this.unsubscribe = [bus.on(PAGES_CHANGED, heard), bus.onConnect(() => this.clear())];
    }
    return bus;
  }

  /** False while the cluster bus is deaf: an invalidation may have been missed. */
  trusted(): boolean {
    const bus = this.bus();
    return !bus || bus.connected;
  }

  /** Whether this request may read or fill the cache. */
  usable(req: FastifyRequest): boolean {
    return sharedRendering(req) && this.trusted();
  }

  get(key: string, stamp: string, now = Date.now()): Entry | undefined {
    const hit = this.pages.get(key);
    if (!hit) return undefined;
    if (hit.stamp !== stamp || now - hit.at > this.ttlMs) {
      this.pages.delete(key);
      return undefined;
    }
    return hit;
  }

  /** `generation` is `this.generation` read before the data was; a change since then wins. */
  set(key: string, page: Omit<Entry, 'at'>, generation: number, now = Date.now()): void {
    if (generation !== this.gen) return;
    if (this.pages.size >= this.maxEntries) this.pages.clear();
    this.pages.set(key, { ...page, at: now });
  }

  get generation(): number {
    return this.gen;
  }

  clear(): void {
    this.gen++;
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }

  dispose(): void {
    this.clear();
    for (const u of this.unsubscribe ?? []) u();
    caches.delete(this);
  }
}

/** Empties the page caches of this process only (what the bus handler does on each node). */
export function clearPageCaches(): void {
  for (const c of caches) c.clear();
}

/**
 * After a committed change that a cached public page shows (news, notices, procedures, portal
 * pages …): this node at once, the other nodes through the cluster bus. Never throws: the
 * change is committed; a node that misses the message drops its pages on reconnect or TTL.
 */
export async function pagesChanged(services: Services): Promise<void> {
  clearPageCaches();
  const bus = busOf(services);
  if (!bus) return;
  // Through the pool, without waiting for our own echo: this node is already done.
  await bus.emit(PAGES_CHANGED, { from: bus.nodeId }, services.pool).catch((err: unknown) => {
    (services.log.warn as (m: string) => void)(`pages.changed not announced: ${(err as Error).message}`);
  });
}

/** A cached page's bytes, with their compressed forms once made (`encodedBody` fills them in). */
export interface CachedBytes {
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/** What an early answer needs: the bytes (the cache entry itself, so that its compressed forms
 * are made once), their ETag and the page's Cache-Control. */
export interface EarlyHit {
  page: CachedBytes;
  etag: string;
  cacheControl: string;
}

/**
 * The cached anonymous pages of one server, by exact URL (path and query) and language, so that
 * `serveEarly` can answer them in the first request hook. A cached page still went through
 * routing, the session lookup, the input guard, the CSRF and site-information hooks and its
 * handler on every hit: together ~half the cost of a hit (docs/benchmarks.md, 2026-12-04).
 *
 * An entry is only a pointer: `lookup` asks the page's own cache, so its TTL, layout stamp, bus
 * state and invalidation (`pagesChanged`) still decide. An entry is made by the handler after the
 * request passed every hook once, so the same URL from another anonymous visitor would pass them
 * again (the input guard reads nothing but the URL on a GET without body). One index per server
 * (tests run several platforms in one process). Keys whose page depends on the date (the home
 * page's events, the catalogue of procedures in force) are dropped at Vietnamese midnight.
 */
export class EarlyPages {
  private readonly entries = new Map<string, () => EarlyHit | undefined>();
  private dayEnds: number;

  constructor(
    private readonly maxEntries = 1000,
    now = Date.now(),
  ) {
    this.dayEnds = nextVietnamMidnight(now);
  }

  remember(url: string, lang: string, lookup: () => EarlyHit | undefined): void {
    // Any query string makes a distinct URL: the index is bounded, not an attack surface.
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(`${lang}|${url}`, lookup);
  }

  find(url: string, lang: string, now = Date.now()): EarlyHit | undefined {
    if (this.entries.size === 0) return undefined;
    if (now >= this.dayEnds) {
      this.entries.clear();
      this.dayEnds = nextVietnamMidnight(now);
      return undefined;
    }
    return this.entries.get(`${lang}|${url}`)?.();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Viet Nam keeps UTC+7 all year (no daylight saving): midnight there is 17:00 UTC. */
const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
export function nextVietnamMidnight(now: number): number {
  return Math.floor((now + VN_OFFSET_MS) / DAY_MS + 1) * DAY_MS - VN_OFFSET_MS;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** This server's index of cached anonymous pages (set by the first request hook). */
    earlyPages?: EarlyPages;
  }
}

/** Records that `req.url` in `req.lang` is the cached page `lookup` finds, for `serveEarly`. */
export function rememberEarly(req: FastifyRequest, lookup: () => EarlyHit | undefined): void {
  if (req.method === 'GET') req.earlyPages?.remember(req.url, req.lang, lookup);
}

/**
 * In the first request hook (after the security headers): answers a GET with a cached page when
 * the request is one `sharedRendering` would accept — no credentials at all (no Authorization,
 * no cookie outside `NEUTRAL_COOKIES`), so it is anonymous without a session lookup. Returns
 * false when the request must take the normal way. HEAD, the API and every other method do.
 */
export function serveEarly(req: FastifyRequest, reply: FastifyReply, early: EarlyPages): boolean {
  if (req.method !== 'GET' || early.size === 0 || req.headers.authorization !== undefined) return false;
  const url = req.url;
  if (url.startsWith('/api/') || url.startsWith('/static/')) return false;
  const cookies = req.cookies;
  for (const name in cookies) if (!NEUTRAL_COOKIES.has(name)) return false;
  const hit = early.find(url, cookies.lang === 'en' ? 'en' : 'vi');
  if (!hit) return false;
  // Written straight to the socket: Fastify's send would run the onSend hooks (cookies, the bus
  // sync of writes), none of which applies to a cached anonymous GET, and serialise the headers
  // once more (~15 % of a hit, docs/benchmarks.md 2026-12-05). onResponse (metrics, the request
  // log) still runs: its listener is set before the first hook.
  const encoding = acceptedEncoding(req);
  const headers = reply.getHeaders() as Record<string, string | number | string[]>;
  headers.etag = etagFor(hit.etag, encoding);
  headers['cache-control'] = hit.cacheControl;
  headers.vary = VARY;
  reply.hijack();
  if (notModified(req, hit.etag)) {
    reply.raw.writeHead(304, headers);
    reply.raw.end();
  } else {
    const body = encoding ? encodedBody(hit.page, encoding) : hit.page.body;
    headers['content-type'] = 'text/html; charset=utf-8';
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = body.length;
    reply.raw.writeHead(200, headers);
    reply.raw.end(body);
  }
  return true;
}

/** The language and the session live in cookies; the bytes depend on the accepted encoding. */
const VARY = 'Cookie, Accept-Encoding';

/**
 * Sends a cached page's bytes with its ETag (one per representation), compressed when the
 * request accepts it, or 304 when the client holds any representation of this version.
 * `cacheControl` undefined leaves the header as the caller set it.
 */
export function sendPageBytes(req: FastifyRequest, reply: FastifyReply, page: CachedBytes, etag: string, cacheControl?: string): FastifyReply {
  const encoding = acceptedEncoding(req);
  reply.header('etag', etagFor(etag, encoding)).header('vary', VARY);
  if (cacheControl) reply.header('cache-control', cacheControl);
  if (notModified(req, etag)) return reply.code(304).send();
  if (encoding) reply.header('content-encoding', encoding);
  return reply.type('text/html; charset=utf-8').send(encoding ? encodedBody(page, encoding) : page.body);
}

function etagOf(body: Buffer): string {
  return `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Whether If-None-Match names this version of the page, in any of its encodings (a browser
 * that switched encodings between two visits still holds the same page). */
export function notModified(req: FastifyRequest, etag: string): boolean {
  const inm = req.headers['if-none-match'];
  if (!inm) return false;
  const bare = etag.slice(0, -1);
  return inm.split(',').some((t) => {
    let v = t.trim();
    if (v === '*') return true;
    if (v.startsWith('W/')) v = v.slice(2);
    return v === etag || v === `${bare}-br"` || v === `${bare}-gzip"`;
  });
}

/**
 * Sends a page through `cache` under `key` (which must name every input of the page other than
 * the language, added here); `key` undefined means "not cacheable" (e.g. a free-text search).
 * Anonymous visitors get an ETag and revalidate every time (`no-cache`), so a 304 is never stale.
 */
export async function sendCachedPage(
  req: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache,
  key: string | undefined,
  page: (ctx: PageContext) => VNode | Promise<VNode>,
): Promise<FastifyReply> {
  if (key === undefined || !cache.usable(req)) return reply.html(await page(reply.page(req)));
  const full = `${key}|${req.lang}`;
  const stamp = layoutStamp();
  let entry: Omit<Entry, 'at'> | undefined = cache.get(full, stamp);
  if (!entry) {
    const generation = cache.generation;
    const body = Buffer.from(`<!doctype html>${render(await page(reply.page(req)))}`);
    entry = { body, etag: etagOf(body), stamp };
    if (!reply.getHeader('set-cookie')) {
      cache.set(full, entry, generation);
      // The stored object, so that its compressed forms are made once.
      entry = cache.get(full, stamp) ?? entry;
    }
  }
  rememberEarly(req, () => {
    if (!cache.trusted()) return undefined;
    const e = cache.get(full, layoutStamp());
    return e && { page: e, etag: e.etag, cacheControl: 'no-cache' };
  });
  return sendPageBytes(req, reply, entry, entry.etag, 'no-cache');
}
