import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { freePort } from './oidc-provider.js';

/**
 * Issue 13 "Done when": an officer (heritage division) registers a relic, types its zones I and II,
 * attaches a ranking decision and sends it for approval; the head of division publishes it; the
 * public relic page and map show it; the zone check answers inside zone I, inside zone II and
 * outside. Once with JavaScript off, once on (the map replaces the SVG, the zone editor map
 * appears). Every page opened is checked with axe.
 */

const PASSWORD = 'Demo@2026';

describeBrowser('hành trình di sản: đăng ký di tích, khoanh vùng, xếp hạng, công bố, kiểm tra vùng bảo vệ', () => {
  let browser: Browser;
  let tp: TestPlatform;
  let base = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    tp = await startTestPlatform({ listen: true, env: { PORT: String(port), PUBLIC_URL: base } });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await tp?.close();
  });

  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    const ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    jsOf.set(page, javaScriptEnabled);
    return page;
  }
  // axe once per page kind, status and JavaScript setting: the shared machine needs seconds per run.
  const checked = new Set<string>();
  const jsOf = new WeakMap<Page, boolean>();
  async function a11y(page: Page, status: number) {
    const kind = `${jsOf.get(page)}|${status}|${new URL(page.url()).pathname.replace(/[0-9a-f-]{36}|DT-\d+/g, ':id')}`;
    if (checked.has(kind)) return;
    checked.add(kind);
    await checkA11y(page);
  }
  const t0 = Date.now();
  // E2E_STEPS=1 prints each step's time (to see where a slow machine spends it).
  const step = (m: string) => process.env.E2E_STEPS && process.stderr.write(`[heritage e2e ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}\n`);
  async function open(page: Page, path: string) {
    step(`open ${path}`);
    const res = await page.goto(`${base}${path}`);
    expect(res?.status(), path).toBe(200);
    await a11y(page, 200);
  }
  async function go(page: Page, target: Locator, status = 200) {
    step(`go → ${status}`);
    const [nav] = await Promise.all([page.waitForNavigation(), target.click()]);
    await page.waitForLoadState('load');
    if (nav) expect(nav.status(), `${page.url()}: ${(await page.getByRole('main').textContent()) ?? ''}`).toBe(status);
    await a11y(page, status);
  }
  const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
  async function login(page: Page, email: string) {
    await open(page, '/dang-nhap');
    const form = page.getByRole('form', { name: 'Đăng nhập bằng thư điện tử' });
    await form.getByLabel('Thư điện tử', { exact: true }).fill(email);
    await form.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await go(page, button(form, 'Đăng nhập'));
  }
  /** A square of side d (degrees) as typed "lat, lng" lines. */
  const square = (lat: number, lng: number, d: number) => [`${lat}, ${lng}`, `${lat}, ${lng + d}`, `${lat + d}, ${lng + d}`, `${lat + d}, ${lng}`].join('\n');

  for (const js of [false, true]) {
    it(
      `JavaScript ${js ? 'bật' : 'tắt'}: đăng ký, khoanh vùng, xếp hạng, công bố, bản đồ, kiểm tra vùng`,
      async () => {
        const lat = js ? 14.2 : 14.1;
        const lng = 108.3;
        const name = js ? 'Đình Làng Thử Nghiệm B' : 'Đình Làng Thử Nghiệm A';

        // ——— The officer registers the relic ———
        const officer = await newPage(js);
        await login(officer, 'chuyenvien.qlds@vanhien.test');
        await open(officer, '/quan-tri/di-san/moi');
        const form = officer.getByRole('main').locator('form.vh-form');
        await form.getByLabel('Tên di tích', { exact: true }).fill(name);
        await form.getByLabel('Loại hình di tích').selectOption('historical');
        await form.getByLabel('Vĩ độ (WGS 84)').fill(String(lat + 0.0015));
        await form.getByLabel('Kinh độ (WGS 84)').fill(String(lng + 0.0015));
        await go(officer, button(form, 'Lưu di tích'));
        expect(new URL(officer.url()).pathname).toMatch(/^\/quan-tri\/di-san\/[0-9a-f-]{36}$/);

        // ——— Zones typed without a map: first a self-intersecting one, refused with the vertex ———
        const zones = officer.getByRole('form', { name: 'Khu vực bảo vệ' });
        await zones.getByLabel('Khu vực I (màu đỏ)').fill(`${lat}, ${lng}\n${lat + 0.001}, ${lng + 0.001}\n${lat}, ${lng + 0.001}\n${lat + 0.001}, ${lng}`);
        await zones.getByLabel('Khu vực II (màu xanh)').fill('');
        await go(officer, button(zones, 'Lưu khu vực bảo vệ'), 400);
        await expect(officer.locator('.vh-error-summary').textContent()).resolves.toMatch(/tự cắt: cạnh từ đỉnh 1 đến đỉnh 2/);
        const zones2 = officer.getByRole('form', { name: 'Khu vực bảo vệ' });
        await zones2.getByLabel('Khu vực I (màu đỏ)').fill(square(lat + 0.001, lng + 0.001, 0.001));
        await zones2.getByLabel('Khu vực II (màu xanh)').fill(square(lat, lng, 0.003));
        await go(officer, button(zones2, 'Lưu khu vực bảo vệ'));
        await expect(officer.locator('.vh-flash').textContent()).resolves.toContain('Đã lưu 2 khu vực bảo vệ');

        // ——— The ranking decision ———
        const dec = officer.getByRole('form', { name: 'Thêm quyết định xếp hạng' });
        await dec.getByLabel('Loại quyết định').selectOption('rank');
        await dec.getByLabel('Cấp xếp hạng').selectOption('provincial');
        await dec.getByLabel('Số quyết định').fill('345/QĐ-UBND');
        await dec.getByLabel('Ngày quyết định').fill('20/05/2024');
        await dec.getByLabel('Cơ quan, người ban hành').fill('Chủ tịch UBND tỉnh');
        await go(officer, button(dec, 'Ghi quyết định'));
        await expect(officer.getByRole('main').textContent()).resolves.toContain('345/QĐ-UBND');
        const adminUrl = new URL(officer.url()).pathname;
        await go(officer, button(officer.getByRole('main'), 'Gửi duyệt đăng'));

        // Not yet public.
        const citizen = await newPage(js);
        const code = (await tp.platform.services.pool.query('SELECT code FROM heritage_relics WHERE name = $1', [name])).rows[0].code as string;
        expect((await citizen.goto(`${base}/di-san/di-tich/${code}`))?.status()).toBe(404);

        // ——— The head of division approves and publishes ———
        const head = await newPage(js);
        await login(head, 'truongphong.qlds@vanhien.test');
        await open(head, adminUrl);
        await go(head, button(head.getByRole('main'), 'Duyệt và công bố'));
        await expect(head.locator('.vh-flash').textContent()).resolves.toContain('Đã duyệt và công bố');

        // ——— Public page and map ———
        await open(citizen, `/di-san/di-tich/${code}`);
        await expect(citizen.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(name);
        await expect(citizen.getByRole('main').textContent()).resolves.toContain('Di tích cấp tỉnh');
        expect(await citizen.locator('script[type="application/ld+json"]').textContent()).toContain('LandmarksOrHistoricalBuildings');
        await open(citizen, `/di-san/ban-do?di-tich=${code}`);
        await expect(citizen.getByRole('main').getByRole('link', { name, exact: true }).count()).resolves.toBeGreaterThan(0);
        if (js) {
          await citizen.locator('#ban-do-tuong-tac.leaflet-container').waitFor();
          await citizen.waitForFunction(() => document.querySelectorAll('#ban-do-tuong-tac path.leaflet-interactive').length > 0);
          expect(await citizen.locator('#ban-do-svg').isHidden()).toBe(true);
        } else {
          expect(await citizen.locator('#ban-do-svg path[fill="#c62828"]').count()).toBeGreaterThan(0);
        }

        // ——— The zone check: inside I, inside II, outside ———
        for (const [pLat, pLng, expected] of [
          [lat + 0.0015, lng + 0.0015, 'Khu vực bảo vệ I'],
          [lat + 0.0005, lng + 0.0005, 'Khu vực bảo vệ II'],
          [lat + 0.01, lng + 0.01, 'không thuộc khu vực bảo vệ'],
        ] as const) {
          await open(citizen, '/di-san/kiem-tra-vung-bao-ve');
          const f = citizen.getByRole('form', { name: 'Kiểm tra một điểm' });
          await f.getByLabel('Vĩ độ').fill(String(pLat));
          await f.getByLabel('Kinh độ').fill(String(pLng));
          await go(citizen, button(f, 'Kiểm tra'));
          const result = (await citizen.locator('#h-ket-qua').locator('..').textContent()) ?? '';
          expect(result).toContain(expected);
          if (expected !== 'không thuộc khu vực bảo vệ') expect(result).toContain(name);
        }
      },
      Number(process.env.E2E_HERITAGE_TIMEOUT ?? 120_000),
    );
  }
});
