import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';

describe('web shell and API conventions', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('serves the home page in Vietnamese with the demo banner, and English on request', async () => {
    const vi = await t.app.inject({ url: '/' });
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain('<html lang="vi">');
    expect(vi.body).toContain('Bản trình diễn');
    expect(vi.body).toContain('Sở Văn hóa, Thể thao và Du lịch (demo)');
    expect(vi.body).toBe(vi.body.normalize('NFC'));
    const en = await t.app.inject({ url: '/', cookies: { lang: 'en' } });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Skip to main content');
  });

  it('fingerprints the stylesheet and caches it for a year; serves fonts locally', async () => {
    const home = await t.app.inject({ url: '/' });
    const css = /href="(\/static\/app\.[0-9a-f]{10}\.css)"/.exec(home.body)![1]!;
    const res = await t.app.inject({ url: css });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    const font = await t.app.inject({ url: '/static/fonts/be-vietnam-pro-vietnamese-400-normal.woff2' });
    expect(font.statusCode).toBe(200);
  });

  it('answers unknown pages with a friendly 404 page and unknown API routes with problem+json', async () => {
    const page = await t.app.inject({ url: '/khong-co-trang-nay' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Không tìm thấy trang');
    const api = await t.app.inject({ url: '/api/v1/khong-co' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ status: 404, code: 'CORE-404' });
  });

  it('answers 413 for an oversized body and 415 for an unsupported media type, never 500', async () => {
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a'.repeat(2_000_000), password: 'x' }) });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('CORE-413');
    const xml = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('CORE-415');
  });

  it('gives Vietnamese problem details by default and English with Accept-Language: en', async () => {
    const vi = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'x@y.vn' } });
    expect(vi.statusCode).toBe(400);
    expect(vi.json()).toMatchObject({ code: 'CORE-100', title: 'Thông tin gửi lên chưa hợp lệ.' });
    expect(vi.json().errors[0]).toEqual({ field: 'password', message: 'Trường này là bắt buộc.' });
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'accept-language': 'en-US' }, payload: { email: 'x@y.vn' } });
    expect(en.json().title).toBe('The request is not valid.');
  });

  it('refuses a form post without its CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/dang-nhap', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a%40b.vn&password=x' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Biểu mẫu đã hết hạn');
  });

  it('exposes health, readiness, metrics and the OpenAPI 3.1 document', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('http_request_duration_seconds');
    expect(metrics.body).toContain('db_pool_connections');
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/token', '/api/v1/calendar/due', '/api/v1/calendar/holidays']));
    expect((await t.app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ url: '/' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
