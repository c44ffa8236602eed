import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanFileName, safeFileName } from '../../files/files.js';
import { mayReadMetrics } from '../../ops/metrics.js';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';

/** Issue 9 finding 11: /metrics restricted, a script policy without 'unsafe-inline', clean file names. */
const TOKEN = 'metrics-token-for-the-test-0123456789';

describe('smaller hardening (issue 9 finding 11)', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => t?.close());

  it('/metrics answers a scraper on loopback or with the bearer token, and nobody else', async () => {
    const local = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    expect(local.body).toContain('http_request_duration_seconds');
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);

    const outside = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toContain('http_request');
    // Relayed by a reverse proxy on the same host: the socket is loopback, the caller is not.
    const proxied = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(proxied.statusCode).toBe(404);

    const withToken = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.body).toContain('db_pool_connections');
    const wrongToken = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1', headers: { authorization: 'Bearer not-the-token-0123456789' } });
    expect(wrongToken.statusCode).toBe(404);
  });

  it('METRICS_LOOPBACK=false leaves only the token', () => {
    const req = (remoteAddress: string, authorization?: string) => ({ headers: authorization ? { authorization } : {}, socket: { remoteAddress } }) as never;
    expect(mayReadMetrics(req('127.0.0.1'), { loopback: false, token: TOKEN })).toBe(false);
    expect(mayReadMetrics(req('127.0.0.1', `Bearer ${TOKEN}`), { loopback: false, token: TOKEN })).toBe(true);
    expect(mayReadMetrics(req('127.0.0.1'), { loopback: false, token: undefined })).toBe(false);
    expect(mayReadMetrics(req('10.0.0.5'), { loopback: true, token: undefined })).toBe(false);
  });

  it("sends a script policy without 'unsafe-inline', and no page carries an inline script", async () => {
    const home = await t.app.inject({ url: '/' });
    const csp = home.headers['content-security-policy'] as string;
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");

    const leader = await loginCookies(t.app, 'lanhdao@vanhien.test');
    const pages: [string, string | undefined][] = [
      ['/', undefined],
      ['/tin-tuc', undefined],
      ['/thu-tuc', undefined],
      ['/phan-anh/gui', undefined],
      ['/dang-nhap', undefined],
      ['/quan-tri/phan-anh/ban-do', leader],
      ['/quan-tri/ho-so', leader],
    ];
    for (const [url, cookie] of pages) {
      const res = await t.app.inject({ url, headers: cookie ? { cookie } : {} });
      expect(res.statusCode, url).toBe(200);
      for (const tag of res.body.match(/<script\b[^>]*>/g) ?? []) {
        // Executable scripts come from files; JSON data blocks are never executed.
        const isData = /type="application\/(ld\+)?json"/.test(tag);
        expect(isData || /\ssrc="\/static\//.test(tag), `${url}: ${tag}`).toBe(true);
      }
      expect(res.body, url).not.toMatch(/\son[a-z]+="/);
    }
  });

  it('strips bidi controls, zero-width and control characters from file names', async () => {
    expect(cleanFileName('hoadon\u202Efdp.exe')).toBe('hoadonfdp.exe');
    expect(safeFileName('hoadon\u202Efdp.exe')).toBe('hoadonfdp.exe');
    expect(cleanFileName('\u2066Tờ\u200B khai\u2069\u200E\u200F\u202A\u202B\u202C\u202D.pdf')).toBe('Tờ khai.pdf');
    expect(cleanFileName('a\u200Cb\u200Dc\uFEFFd\u2060e\u0000f\u0007g\u0085.pdf')).toBe('abcdefg.pdf');
    expect(safeFileName('\u202E\u200B')).toBe('tep-tin');

    // Stored and shown: the metadata row never keeps the invisible characters.
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const row = await t.platform.services.files.save(t.platform.services.db, { data: PDF, originalName: 'ket-qua\u202Efdp.exe\u200B', allowed: ['application/pdf'] });
    expect(row.originalName).toBe('ket-quafdp.exe');
    expect(row.safeName).toBe('ket-quafdp.exe');
  });
});
