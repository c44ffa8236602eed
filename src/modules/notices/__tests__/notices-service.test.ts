import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import type { Actor } from '../../../core/auth/actor.js';
import { createNotice, earliestDowntimeDay, endNotice, publishNotice } from '../notices.commands.js';

describe('service notices: 7 working days ahead, site-wide banners', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());
  const ctx = () => ({ services: t.platform.services, actor: editor });
  const editor: Actor = { userId: null, label: 'Biên tập', kind: 'staff', grants: [{ permission: 'manage:notice:all', unitId: null }] };

  it('counts 7 working days across the New Year holiday', async () => {
    // Tue 29/12/2026: 30, 31 Dec, (1 Jan 2027 is a holiday), 4, 5, 6, 7, 8 Jan → the 7th is Fri 8 Jan.
    expect(await earliestDowntimeDay(t.platform.services, '2026-12-29')).toBe('2027-01-09');
    const now = new Date('2026-12-29T03:00:00Z');
    const tooSoon = await createNotice(
      ctx(),
      { kind: 'downtime', title: 'Bảo trì đầu năm', body: 'Nâng cấp máy chủ.', startsAt: '08/01/2027 22:00', endsAt: '09/01/2027 02:00' },
      { now },
    ).catch((e) => e);
    expect(tooSoon.code).toBe('CORE-100');
    expect(tooSoon.fields.startsAt.vi).toContain('ít nhất 7 ngày làm việc');
    expect(tooSoon.fields.startsAt.vi).toContain('sớm nhất là ngày 09/01/2027');
    const ok = await createNotice(ctx(), { kind: 'downtime', title: 'Bảo trì đầu năm', body: 'Nâng cấp máy chủ.', startsAt: '09/01/2027 22:00', endsAt: '10/01/2027 02:00' }, { now });
    expect(ok.kind).toBe('downtime');
    // Drafted in time, published too late: counted again from the day of publication.
    const late = await publishNotice(ctx(), ok.id, ok.version, { now: new Date('2027-01-04T03:00:00Z') }).catch((e) => e);
    expect(late.fields.startsAt.vi).toContain('ít nhất 7 ngày làm việc');
  });

  it('a planned downtime needs start and expected recovery; the form keeps the input', async () => {
    const cookie = await loginCookies(t.app, 'bientap@vanhien.test');
    const { csrf, cookie: c2 } = await csrfFor(t.app, '/quan-tri/thong-bao', cookie);
    const res = await t.app.inject({
      method: 'POST',
      url: '/quan-tri/thong-bao',
      headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, kind: 'downtime', title: 'Bảo trì gấp', body: 'Nâng cấp.', startsAt: 'ngày mai', endsAt: '' }).toString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Thời điểm bắt đầu không hợp lệ');
    expect(res.body).toContain('Vui lòng nhập thời điểm dự kiến khôi phục dịch vụ.');
    expect(res.body).toContain('value="Bảo trì gấp"');
    expect(res.body).toMatch(/value="downtime"[^>]*checked/);
  });

  it('the JSON API refuses a short notice with problem+json and a stable code', async () => {
    const tok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'bientap@vanhien.test', password: 'Demo@2026' } });
    const token = tok.json().token as string;
    const soon = new Date(Date.now() + 2 * 86_400_000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notices',
      headers: { authorization: `Bearer ${token}` },
      payload: { title: 'Bảo trì gấp', body: 'Nâng cấp.', kind: 'downtime', startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 3600_000).toISOString() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('CORE-100');
    expect(JSON.stringify(res.json())).toContain('startsAt');
  });

  it('shows an upcoming downtime and an emergency as banners on every page until they end', async () => {
    const day = new Date(`${await earliestDowntimeDay(t.platform.services, new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10))}T15:00:00Z`);
    const d = await createNotice(ctx(), { kind: 'downtime', title: 'Nâng cấp cơ sở dữ liệu', body: 'Tạm dừng.', startsAt: day, endsAt: new Date(day.getTime() + 4 * 3600_000) });
    const before = await t.app.inject({ url: '/tin-tuc' });
    expect(before.body).not.toContain('Nâng cấp cơ sở dữ liệu');
    const slug = (await t.platform.services.pool.query(`SELECT slug FROM articles WHERE status = 'published' LIMIT 1`)).rows[0].slug as string;
    const articleBefore = await t.app.inject({ url: `/tin-tuc/${slug}` });
    const cookie = await loginCookies(t.app, 'bientap@vanhien.test');
    const { csrf, cookie: c2 } = await csrfFor(t.app, '/quan-tri/thong-bao', cookie);
    const pub = await t.app.inject({
      method: 'POST',
      url: `/quan-tri/thong-bao/${d.id}/dang`,
      headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, version: String(d.version) }).toString(),
    });
    expect(pub.statusCode).toBe(302);
    // A cached article page must not answer 304 (or its cached bytes) without the new banner.
    const articleAfter = await t.app.inject({ url: `/tin-tuc/${slug}`, headers: { 'if-none-match': String(articleBefore.headers.etag) } });
    expect(articleAfter.statusCode).toBe(200);
    expect(articleAfter.body).toContain('Nâng cấp cơ sở dữ liệu');
    for (const url of ['/', '/tin-tuc', '/van-ban', '/gioi-thieu']) {
      const res = await t.app.inject({ url });
      expect(res.body, url).toContain('Lịch bảo trì hệ thống:</strong> Nâng cấp cơ sở dữ liệu');
    }
    const e = await createNotice(ctx(), { kind: 'emergency', title: 'Cổng thanh toán đang gián đoạn', body: 'Vui lòng nộp phí sau.' });
    const form = async (url: string, version: number) => {
      const { csrf: c3, cookie: c4 } = await csrfFor(t.app, '/quan-tri/thong-bao', cookie);
      return t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: c4, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: c3, version: String(version) }).toString(),
      });
    };
    expect((await form(`/quan-tri/thong-bao/${e.id}/dang`, e.version)).statusCode).toBe(302);
    const article = await t.app.inject({ url: '/tin-tuc' });
    expect(article.body).toContain('Thông báo khẩn:</strong> Cổng thanh toán đang gián đoạn');
    // The node that ends the banner drops it at once.
    const end = await form(`/quan-tri/thong-bao/${e.id}/ket-thuc`, e.version + 1);
    expect(end.statusCode).toBe(302);
    expect((await t.app.inject({ url: '/tin-tuc' })).body).not.toContain('Cổng thanh toán đang gián đoạn');
    await expect(endNotice(ctx(), e.id, e.version + 2)).rejects.toMatchObject({ code: 'NOTICE-101' });
  });
});

describe('page rating "Bạn có hài lòng với trang này?"', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('every public page asks, without JavaScript and without a CSRF cookie on the cached page', async () => {
    const res = await t.app.inject({ url: '/tin-tuc' });
    expect(res.body).toContain('Bạn có hài lòng với trang này?');
    expect(res.body).toContain('<form method="get" action="/danh-gia-trang"><input type="hidden" name="trang" value="/tin-tuc"/>');
    expect(res.cookies.find((c) => c.name === 'vh_csrf')).toBeUndefined();
  });

  it('stores only the page, the answer, the comment and the time; an anonymous audit row; CSRF and rate limit apply', async () => {
    const form = await t.app.inject({ url: '/danh-gia-trang?trang=%2Ftin-tuc%3Fx%3D1&tra-loi=khong' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/value="khong"[^>]*checked/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const post = (fields: Record<string, string>, withCsrf = true) =>
      t.app.inject({
        method: 'POST',
        url: '/danh-gia-trang',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...(withCsrf ? { _csrf: csrf } : {}), ...fields }).toString(),
      });
    expect((await post({ trang: '/tin-tuc', answer: 'co' }, false)).statusCode).toBe(403);
    const missing = await post({ trang: '/tin-tuc', answer: '', comment: 'Giữ lại góp ý' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Vui lòng chọn Có hoặc Không.');
    expect(missing.body).toContain('Giữ lại góp ý');
    const ok = await post({ trang: '/tin-tuc?x=1', answer: 'khong', comment: 'Cần  thêm ảnh' });
    expect(ok.statusCode).toBe(302);
    expect(ok.headers.location).toBe('/tin-tuc');
    const rows = await t.platform.services.pool.query('SELECT * FROM page_ratings');
    expect(rows.rows).toHaveLength(1);
    expect(Object.keys(rows.rows[0]).sort()).toEqual(['comment', 'created_at', 'id', 'path', 'satisfied']);
    expect(rows.rows[0]).toMatchObject({ path: '/tin-tuc', satisfied: false, comment: 'Cần thêm ảnh' });
    // The audit row records that a page was rated, never by whom (no account, address or request id) nor the comment.
    const audit = await t.platform.services.pool.query(`SELECT actor_id, ip, request_id, summary FROM audit_log WHERE entity = 'page_rating'`);
    expect(audit.rows).toEqual([{ actor_id: null, ip: null, request_id: null, summary: { satisfied: false } }]);
    let limited = 0;
    for (let i = 0; i < 12; i++) if ((await post({ trang: '/', answer: 'co' })).statusCode === 429) limited++;
    expect(limited).toBeGreaterThan(0);
  });

  it('staff see the summary by page; a citizen may not', async () => {
    const cookie = await loginCookies(t.app, 'lanhdao@vanhien.test');
    const res = await t.app.inject({ url: '/quan-tri/danh-gia-trang', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/tin-tuc');
    expect(res.body).toContain('Cần thêm ảnh');
    const citizen = await loginCookies(t.app, 'congdan@vanhien.test');
    expect((await t.app.inject({ url: '/quan-tri/danh-gia-trang', headers: { cookie: citizen } })).statusCode).toBe(403);
  });
});
