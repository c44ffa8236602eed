import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { insertCrafted } from './crafted.js';

describe('map of feedback cases (issue 4 part 6) and the map pin of the public form (part 1)', () => {
  let t: TestPlatform;
  let leader: string;
  let officer: string;

  beforeAll(async () => {
    t = await startTestPlatform({ env: { FEEDBACK_MAP_TILE_URL: 'https://{s}.tiles.example.vn/{z}/{x}/{y}.png', FEEDBACK_MAP_ATTRIBUTION: '© Bản đồ thử' } });
    await insertCrafted(t.platform.services.pool);
    [leader, officer] = await Promise.all([loginCookies(t.app, 'lanhdao@vanhien.test'), loginCookies(t.app, 'chuyenvien@vanhien.test')]);
  });
  afterAll(async () => t?.close());

  const MARCH = 'ky=thang&nam=2026&thang=3';

  it('clusters on the server by grid: a province-sized cell joins the Saigon cases, a fine one splits them', async () => {
    const coarse = await t.app.inject({ url: `/quan-tri/phan-anh/ban-do.json?${MARCH}&zoom=2`, headers: { cookie: leader } });
    expect(coarse.statusCode).toBe(200);
    const c = coarse.json() as { clusters: { lat: number; lng: number; count: number; categories: { code: string; name: string; count: number }[] }[] };
    expect(c.clusters.map((x) => x.count)).toEqual([3, 1]);
    expect(c.clusters[0]!.categories).toEqual([{ code: 'VH-KARAOKE', name: 'Hoạt động karaoke, vũ trường gây ồn', count: 3 }]);
    expect(c.clusters[0]!.lat).toBeCloseTo((10.7769 + 10.7771 + 10.78) / 3, 6);
    expect(c.clusters[1]!.lat).toBeCloseTo(21.0285, 6);
    const fine = (await t.app.inject({ url: `/quan-tri/phan-anh/ban-do.json?${MARCH}&zoom=5`, headers: { cookie: leader } })).json();
    expect(fine.clusters.map((x: { count: number }) => x.count)).toEqual([2, 1, 1]);
    const other = (await t.app.inject({ url: '/quan-tri/phan-anh/ban-do.json?ky=thang&nam=2026&thang=2&zoom=1', headers: { cookie: leader } })).json();
    expect(other.clusters).toEqual([]);
  });

  it('the page draws an accessible SVG with a table alternative and works without JavaScript', async () => {
    const res = await t.app.inject({ url: `/quan-tri/phan-anh/ban-do?${MARCH}&zoom=2`, headers: { cookie: leader } });
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('role="group" aria-labelledby="ban-do-tieu-de ban-do-mo-ta"');
    expect(html).toContain('<desc id="ban-do-mo-ta">2 cụm, 4 phản ánh có vị trí. Chi tiết từng cụm ở bảng bên dưới.</desc>');
    expect(html).toContain('aria-label="Cụm 1: 3 phản ánh; Hoạt động karaoke, vũ trường gây ồn (3)"');
    expect(html).toMatch(/<th scope="row"><span id="cum-1">Cụm 1<\/span><\/th><td>10,7780, 106,7007<\/td><td>3<\/td>/);
    expect(html).toContain('<script src="/static/leaflet/leaflet.js" defer></script>');
    expect(html).not.toContain('0988777666');
    // the configured tile server, and only it, may serve images to this page
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data: https://*.tiles.example.vn");
    const empty = await t.app.inject({ url: '/quan-tri/phan-anh/ban-do?ky=thang&nam=2020&thang=1', headers: { cookie: leader } });
    expect(empty.body).toContain('Không có phản ánh nào có vị trí trong kỳ này.');
    const bad = await t.app.inject({ url: `/quan-tri/phan-anh/ban-do?${MARCH}&zoom=9`, headers: { cookie: leader } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Mức thu phóng phải từ 1 đến 5.');
    expect((await t.app.inject({ url: '/quan-tri/phan-anh/ban-do', headers: { cookie: officer } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/quan-tri/phan-anh/ban-do.json', headers: { cookie: officer } })).statusCode).toBe(403);
  });

  it('serves Leaflet from the installed package and nothing else under its prefix', async () => {
    const js = await t.app.inject({ url: '/static/leaflet/leaflet.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toContain('Leaflet');
    expect((await t.app.inject({ url: '/static/leaflet/images/marker-icon.png' })).headers['content-type']).toBe('image/png');
    expect((await t.app.inject({ url: '/static/leaflet/../package.json' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/static/leaflet/leaflet-src.js' })).statusCode).toBe(404);
    const pin = await t.app.inject({ url: '/static/feedback/ghim.js' });
    expect(pin.body).toContain('Dùng vị trí hiện tại của tôi');
  });

  it('the public form offers the pin over its latitude and longitude inputs when a tile server is set', async () => {
    const res = await t.app.inject({ url: '/phan-anh/gui' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<script src="/static/feedback/ghim.js" defer></script>');
    expect(res.body).toContain('<script src="/static/leaflet/leaflet.js" defer></script>');
    expect(res.body).toContain('"tileUrl":"https://{s}.tiles.example.vn/{z}/{x}/{y}.png"');
    expect(res.body).toContain('name="lat"');
    expect(res.headers['content-security-policy']).toContain('https://*.tiles.example.vn');
  });
});
