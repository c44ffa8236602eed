import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';

describe('rate limits on anonymous endpoints', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('refuses a flood of login attempts from one address without affecting another', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        remoteAddress: '127.0.0.23',
        payload: { email: 'lanhdao@vanhien.test', password: `sai-${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401 || s === 423)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    const limited = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: '127.0.0.23', payload: { email: 'a@b.vn', password: 'x' } });
    expect(limited.json()).toMatchObject({ code: 'CORE-429', status: 429 });
    expect(limited.json().title).toContain('thao tác quá nhanh');

    const other = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: '127.0.0.24', payload: { email: 'chuyenvien@vanhien.test', password: 'Demo@2026' } });
    expect(other.statusCode).toBe(200);
  });

  it('rate-limits the 404 handler, so probing unknown URLs is bounded', async () => {
    let last = 0;
    for (let i = 0; i < 125; i++) last = (await t.app.inject({ url: `/khong-co-${i}`, remoteAddress: '127.0.0.25' })).statusCode;
    expect(last).toBe(429);
    expect((await t.app.inject({ url: '/khong-co', remoteAddress: '127.0.0.26' })).statusCode).toBe(404);
  });
});
