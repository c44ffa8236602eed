import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { findPage } from '../portal.repository.js';
import { siteSearch } from '../portal.search.js';
import { anonymousCsrf } from '../../feedback/__tests__/helpers.js';

/** Issue 10 finding 8 and the issue 9 gap on RSS: smaller public-side findings, one platform. */
describe('public side: search ranking, feed links, leader biography, honeypot', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());
  const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });

  it('ranks the procedure whose title holds the words first for "bieu dien", in the site search and the catalogue', async () => {
    const { hits } = await siteSearch(t.platform.services, { q: 'bieu dien', type: 'thu-tuc' });
    expect(hits[0]?.title).toMatch(/^Tổ chức biểu diễn nghệ thuật/);
    const catalogue = (await get(`/thu-tuc?q=${encodeURIComponent('bieu dien')}`)).body;
    const first = /<a href="\/thu-tuc\/[^"]+">([^<]+)<\/a>/.exec(catalogue.slice(catalogue.indexOf('<main')));
    expect(first?.[1]).toMatch(/^Tổ chức biểu diễn nghệ thuật/);
  });

  it('advertises the RSS feed on the home page and /tin-tuc', async () => {
    for (const url of ['/', '/tin-tuc']) {
      expect((await get(url)).body).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/tin-tuc\/rss.xml"/);
    }
  });

  it("titles the leader's biography with the name and position, not the slug", async () => {
    const page = await findPage(t.platform.services.db, 'lanh-dao-lanhdao');
    expect(page?.title).toMatch(/^Tiểu sử: \S.+, \S/);
    expect(page?.titleEn).toMatch(/^Biography of /);
  });

  it('the feedback form asks for the ward and the street, coordinates folded away as optional', async () => {
    const page = (await get('/phan-anh/gui')).body;
    expect(page).toContain('id="f-ward"');
    expect(page).toContain('id="f-street"');
    expect(page).toMatch(/<details class="vh-field">\s*<summary>Tọa độ trên bản đồ \(không bắt buộc\)<\/summary>[\s\S]*id="f-lat"[\s\S]*<\/details>/);
    const ip = '10.9.8.7';
    const { csrf, cookie } = await anonymousCsrf(t.app, '/phan-anh/gui', ip);
    const res = await t.app.inject({
      method: 'POST',
      url: '/phan-anh/gui',
      remoteAddress: ip,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        name: 'Nguyễn Thị Phản Ánh',
        phone: '0987 654 321',
        category: 'VH-KARAOKE',
        content: 'Quán karaoke hát đến 1 giờ sáng, ảnh hưởng cả khu phố.',
        ward: 'phường Bình Dương',
        street: '12 đường Lê Lợi',
      }).toString(),
    });
    expect(res.statusCode).toBe(303);
    const row = (await t.platform.services.pool.query(`SELECT address_text FROM feedback_cases ORDER BY created_at DESC LIMIT 1`)).rows[0];
    expect(row.address_text).toBe('12 đường Lê Lợi, phường Bình Dương');
  });

  it('hides the feedback honeypot from assistive technology, the keyboard and autofill', async () => {
    const body = (await get('/phan-anh/gui')).body;
    expect(body).toMatch(/<div class="vh-visually-hidden" aria-hidden="true">\s*<label for="f-website">/);
    expect(body).toMatch(/<input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"/i);
  });
});
