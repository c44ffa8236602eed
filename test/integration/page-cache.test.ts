import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/core/auth/actor.js';
import { ClusterBus } from '../../src/core/cluster/bus.js';
import { PAGES_CHANGED } from '../../src/core/web/page-cache.js';
import { createNotice, publishNotice } from '../../src/modules/notices/notices.commands.js';
import { findCurrentByCode, forgetCachedVersions } from '../../src/modules/procedures/index.js';
import { saveProcedureVersion } from '../../src/modules/procedures/procedures.commands.js';
import { vnIsoDate } from '../../src/core/validation.js';
import { loginCookies, startTestPlatform, type TestPlatform } from '../helpers/platform.js';

/**
 * The home page, the procedure catalogue and a procedure page are rendered once per language for
 * anonymous visitors and kept as bytes with an ETag (src/core/web/page-cache.ts). These tests
 * prove a page is really reused (a change written behind the platform's back stays invisible),
 * that every command whose change shows on it empties it on this node and, through the cluster
 * bus, on the others, and that nobody ever gets a page made for someone else.
 */
describe('page caches of the home page and the procedure catalogue', () => {
  let t: TestPlatform;
  const ctx = () => ({ services: t.platform.services, actor: SYSTEM });
  const sql = (text: string, params: unknown[] = []) => t.platform.services.pool.query(text, params);

  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  async function publish(title: string) {
    const n = await createNotice(ctx(), { kind: 'general', title, body: 'Nội dung thông báo kiểm thử bộ nhớ đệm.' });
    await publishNotice(ctx(), n.id, n.version);
    return n;
  }

  it('serves the home page from memory with an ETag, and a published notice shows at once', async () => {
    const n = await publish('Thông báo một trong bộ nhớ đệm');
    const first = await t.app.inject({ url: '/' });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Thông báo một trong bộ nhớ đệm');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.vary).toBe('Cookie, Accept-Encoding');

    // Written behind the platform's back: no command, no invalidation. The page is reused.
    await sql(`UPDATE notices SET title = 'Tiêu đề sửa thẳng trong cơ sở dữ liệu' WHERE id = $1`, [n.id]);
    const again = await t.app.inject({ url: '/' });
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(etag);
    // The second hit is answered in the first request hook, written straight to the socket: the
    // page's headers and the security headers must be the same as on the rendered answer.
    for (const h of ['content-type', 'content-length', 'cache-control', 'vary', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy']) {
      expect(again.headers[h], h).toBe(first.headers[h]);
    }
    const notModified = await t.app.inject({ url: '/', headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers['content-security-policy']).toBe(first.headers['content-security-policy']);

    // A command that changes what the page shows empties the cache.
    await publish('Thông báo hai sau khi làm mới');
    const fresh = await t.app.inject({ url: '/' });
    expect(fresh.body).toContain('Thông báo hai sau khi làm mới');
    expect(fresh.body).toContain('Tiêu đề sửa thẳng trong cơ sở dữ liệu');
    expect(fresh.headers.etag).not.toBe(etag);
    expect((await t.app.inject({ url: '/', headers: { 'if-none-match': etag } })).statusCode).toBe(200);
  });

  it('sends the cached page compressed to a client that accepts it, with an ETag per encoding', async () => {
    const plain = await t.app.inject({ url: '/' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const html = plain.body;
    const etag = String(plain.headers.etag);
    // What Chromium sends; brotli is preferred, gzip when it is the only one, none when refused.
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip;q=1.0, identity; q=0.5', 'gzip'],
      ['br;q=0, gzip;q=0', undefined],
      ['identity', undefined],
    ] as const) {
      // Twice: the rendered/handler answer and the early answer from the first hook agree.
      for (let i = 0; i < 2; i++) {
        const res = await t.app.inject({ url: '/', headers: { 'accept-encoding': accept } });
        expect(res.statusCode, accept).toBe(200);
        expect(res.headers['content-encoding'], accept).toBe(encoding);
        expect(res.headers.vary).toBe('Cookie, Accept-Encoding');
        const bytes = res.rawPayload;
        expect(Number(res.headers['content-length'])).toBe(bytes.length);
        const text = encoding === 'br' ? zlib.brotliDecompressSync(bytes).toString() : encoding === 'gzip' ? zlib.gunzipSync(bytes).toString() : bytes.toString();
        expect(text).toBe(html);
        if (encoding) {
          expect(bytes.length).toBeLessThan(Buffer.byteLength(html) / 2.5);
          expect(res.headers.etag).toBe(`${etag.slice(0, -1)}-${encoding}"`);
          // Revalidating the compressed copy (even weakly, as a proxy may) gives 304.
          for (const inm of [String(res.headers.etag), `W/${String(res.headers.etag)}`]) {
            const again = await t.app.inject({ url: '/', headers: { 'accept-encoding': accept, 'if-none-match': inm } });
            expect(again.statusCode, inm).toBe(304);
          }
        } else expect(res.headers.etag).toBe(etag);
      }
    }
    // An article (its own cache, filled by the first request) the same way.
    const article = (await sql(`SELECT slug FROM articles WHERE status = 'published' LIMIT 1`)).rows[0]?.slug as string;
    const url = `/tin-tuc/${article}`;
    const original = (await t.app.inject({ url })).body;
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(original);
    }
  });

  it('keeps one page per language', async () => {
    const vi = await t.app.inject({ url: '/' });
    const en = await t.app.inject({ url: '/', cookies: { lang: 'en' } });
    expect(vi.body).toContain('<html lang="vi">');
    expect(en.body).toContain('<html lang="en">');
    expect(en.headers.etag).not.toBe(vi.headers.etag);
  });

  it('never serves the cached page to a signed-in user, and never stores theirs', async () => {
    const anon = await t.app.inject({ url: '/' });
    const cookie = await loginCookies(t.app, 'bientap@vanhien.test');
    const mine = await t.app.inject({ url: '/', headers: { cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.headers.etag).toBeUndefined();
    expect(mine.body).toContain('Đăng xuất');
    const after = await t.app.inject({ url: '/' });
    expect(after.body).not.toContain('Đăng xuất');
    expect(after.headers.etag).toBe(anon.headers.etag);
  });

  it('bypasses the cache for a request carrying a cookie it does not know (flash, banner choices …)', async () => {
    const n = await publish('Thông báo ba cho cookie lạ');
    await t.app.inject({ url: '/' });
    await sql(`UPDATE notices SET title = 'Tiêu đề ba sửa thẳng' WHERE id = $1`, [n.id]);
    const other = await t.app.inject({ url: '/', cookies: { vh_banner_an: 'x' } });
    expect(other.body).toContain('Tiêu đề ba sửa thẳng');
    expect(other.headers['cache-control']).toBe('no-store');
    // …while the plain anonymous request still gets the stored bytes.
    expect((await t.app.inject({ url: '/' })).body).toContain('Thông báo ba cho cookie lạ');
    // the language and CSRF cookies do not change an anonymous page: the stored page is used
    expect((await t.app.inject({ url: '/', cookies: { vh_csrf: 'abc' } })).body).toContain('Thông báo ba cho cookie lạ');
  });

  it('caches the catalogue and a procedure page; a new procedure version empties them', async () => {
    const code = 'DEMO.000101';
    const current = (await findCurrentByCode(t.platform.services.db, code, vnIsoDate()))!;
    const list = await t.app.inject({ url: '/thu-tuc' });
    const page = await t.app.inject({ url: `/thu-tuc/${code}` });
    expect(list.statusCode).toBe(200);
    expect(page.statusCode).toBe(200);
    expect(list.body).toContain(current.name);
    expect(list.headers.etag).toBeDefined();

    await sql(`UPDATE procedure_versions SET name = 'Tên sửa thẳng trong cơ sở dữ liệu' WHERE id = $1`, [current.id]);
    // (the module's own cache of immutable versions is told; the page cache is not)
    forgetCachedVersions();
    expect((await t.app.inject({ url: '/thu-tuc' })).body).toBe(list.body);
    expect((await t.app.inject({ url: `/thu-tuc/${code}` })).body).toBe(page.body);
    // A free-text search is never stored: it reads the database.
    expect((await t.app.inject({ url: '/thu-tuc?q=sua+thang' })).body).toContain('Tên sửa thẳng trong cơ sở dữ liệu');

    await sql(`UPDATE procedure_versions SET name = $2 WHERE id = $1`, [current.id, current.name]);
    forgetCachedVersions();
    const renamed = `${current.name} (phiên bản mới)`;
    await saveProcedureVersion(ctx(), {
      code,
      field: current.field,
      effectiveFrom: vnIsoDate(),
      name: renamed,
      level: current.level,
      partialReason: current.partialReason ?? undefined,
      unitCode: current.unitCode,
      authority: current.authority,
      legalBasis: current.legalBasis,
      processingDays: current.processingDays,
      pauseAllowed: current.pauseAllowed,
      fees: current.fees,
      documents: current.documents,
      resultType: current.resultType,
      form: current.form,
      workflow: current.workflow,
    } as Parameters<typeof saveProcedureVersion>[1]);
    expect((await t.app.inject({ url: '/thu-tuc' })).body).toContain(renamed);
    expect((await t.app.inject({ url: `/thu-tuc/${code}` })).body).toContain(renamed);
  });

  it('answers GET /api/v1/notices from memory until a notice is published', async () => {
    const n = await publish('Thông báo năm cho API');
    const first = await t.app.inject({ url: '/api/v1/notices?limit=5' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('application/json');
    expect(first.json().items[0]).toMatchObject({ id: n.id, title: 'Thông báo năm cho API' });
    await sql(`UPDATE notices SET title = 'Tiêu đề năm sửa thẳng' WHERE id = $1`, [n.id]);
    const again = await t.app.inject({ url: '/api/v1/notices?limit=5' });
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toContain('application/json');
    // another limit is another list
    expect((await t.app.inject({ url: '/api/v1/notices?limit=6' })).json().items[0].title).toBe('Tiêu đề năm sửa thẳng');
    await publish('Thông báo sáu cho API');
    const fresh = (await t.app.inject({ url: '/api/v1/notices?limit=5' })).json().items.map((i: { title: string }) => i.title);
    expect(fresh).toEqual(expect.arrayContaining(['Thông báo sáu cho API', 'Tiêu đề năm sửa thẳng']));
  });

  it('an article page rendered for a visitor with a page-changing cookie is neither served from nor stored in the cache', async () => {
    const { rows } = await sql(`SELECT id, slug FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1`);
    const url = `/tin-tuc/${rows[0].slug}`;
    const plain = await t.app.inject({ url });
    expect(plain.statusCode).toBe(200);
    await sql(`UPDATE articles SET title = 'Tiêu đề bài viết sửa thẳng' WHERE id = $1`, [rows[0].id]);
    const other = await t.app.inject({ url, cookies: { vh_an_thong_bao: 'x' } });
    expect(other.body).toContain('Tiêu đề bài viết sửa thẳng');
    const after = await t.app.inject({ url });
    expect(after.body).toBe(plain.body);
    expect(after.body).not.toContain('Tiêu đề bài viết sửa thẳng');
    // …and its ETag is not the shared page's: a 304 must not bring back what the cookie changed.
    const revalidated = await t.app.inject({ url, cookies: { vh_an_thong_bao: 'x' }, headers: { 'if-none-match': String(plain.headers.etag) } });
    expect(revalidated.statusCode).toBe(200);
  });

  it('empties the pages when another node announces a change on the cluster bus, and reads through while deaf', async () => {
    const { services } = t.platform;
    const n = await publish('Thông báo bốn giữa các máy chủ');
    await t.app.inject({ url: '/' });
    await sql(`UPDATE notices SET title = 'Tiêu đề bốn từ máy chủ khác' WHERE id = $1`, [n.id]);
    expect((await t.app.inject({ url: '/' })).body).not.toContain('Tiêu đề bốn từ máy chủ khác');

    // Another node of the same deployment: its own bus on the same database.
    const other = new ClusterBus(t.config.databaseUrl!, services.pool);
    await other.start();
    try {
      await other.emit(PAGES_CHANGED, null);
      await expect.poll(async () => (await t.app.inject({ url: '/' })).body, { timeout: 5000 }).toContain('Tiêu đề bốn từ máy chủ khác');
    } finally {
      await other.stop();
    }

    // A node whose listening connection is gone may have missed a message: it renders afresh.
    await t.app.inject({ url: '/' });
    await sql(`UPDATE notices SET title = 'Tiêu đề bốn khi mất kết nối' WHERE id = $1`, [n.id]);
    await sql('SELECT pg_terminate_backend($1)', [services.bus.listenerPid]);
    // Deaf, the node reads through; back, it starts from an empty cache (messages may be lost).
    await expect.poll(async () => (await t.app.inject({ url: '/' })).body, { timeout: 5000 }).toContain('Tiêu đề bốn khi mất kết nối');
    await expect.poll(() => services.bus.connected, { timeout: 10_000 }).toBe(true);
  });
});
