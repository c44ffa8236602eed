import { describe, expect, it } from 'vitest';
import { EarlyPages, nextVietnamMidnight, type EarlyHit } from '../page-cache.js';

const page = (text: string): EarlyHit => ({ page: { body: Buffer.from(text) }, etag: `"${text}"`, cacheControl: 'no-cache' });

describe('EarlyPages: the index of cached anonymous pages answered in the first request hook', () => {
  it('finds a page by exact URL and language only, and asks the page cache each time', () => {
    const now = Date.UTC(2026, 11, 4, 12);
    const early = new EarlyPages(1000, now);
    let cached: EarlyHit | undefined = page('trang-chu');
    early.remember('/', 'vi', () => cached);
    expect(early.find('/', 'vi', now)?.etag).toBe('"trang-chu"');
    expect(early.find('/', 'en', now)).toBeUndefined();
    expect(early.find('/?q=1', 'vi', now)).toBeUndefined();
    // The page cache was emptied (a change, the TTL, a deaf bus): the request takes the normal way.
    cached = undefined;
    expect(early.find('/', 'vi', now)).toBeUndefined();
  });

  it('forgets everything at midnight in Viet Nam, when date-dependent pages change', () => {
    const evening = Date.UTC(2026, 11, 4, 16, 59); // 23:59 in Hà Nội
    const early = new EarlyPages(1000, evening);
    early.remember('/', 'vi', () => page('hom-nay'));
    expect(early.find('/', 'vi', evening)).toBeDefined();
    expect(early.find('/', 'vi', Date.UTC(2026, 11, 4, 17, 0))).toBeUndefined();
    expect(early.size).toBe(0);
  });

  it('stays bounded however many query strings are requested', () => {
    const early = new EarlyPages(3);
    for (let i = 0; i < 10; i++) early.remember(`/thu-tuc?x=${i}`, 'vi', () => page(String(i)));
    expect(early.size).toBeLessThanOrEqual(3);
  });

  it('computes the next midnight in UTC+7', () => {
    expect(new Date(nextVietnamMidnight(Date.UTC(2026, 11, 4, 12))).toISOString()).toBe('2026-12-04T17:00:00.000Z');
    expect(new Date(nextVietnamMidnight(Date.UTC(2026, 11, 4, 17, 0))).toISOString()).toBe('2026-12-05T17:00:00.000Z');
    expect(new Date(nextVietnamMidnight(Date.UTC(2026, 11, 4, 18))).toISOString()).toBe('2026-12-05T17:00:00.000Z');
  });
});
