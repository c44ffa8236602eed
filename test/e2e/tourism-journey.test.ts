import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { freePort } from './oidc-provider.js';

/**
 * Issue 14 "Done when": an officer uploads two panoramas, links them with hotspots and publishes
 * (JavaScript on: the click-to-place script fills yaw/pitch); a visitor without JavaScript reads
 * the preview, the scene list and every hotspot's text and follows the link to the next scene; a
 * visitor with JavaScript follows the hotspot inside the viewer; the English page is reachable from
 * the Vietnamese one by hreflang and a visible link. axe on every page kind.
 */

const PASSWORD = 'Demo@2026';

/** A drawn 2:1 panorama, as small as an upload may be (1024 × 512: quick to tile and for the
 * software WebGL of headless Chromium to draw); a band and a sun so the tiles differ. */
async function panorama(hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="512"><rect width="1024" height="512" fill="hsl(${hue},50%,60%)"/><rect y="300" width="1024" height="212" fill="hsl(${hue + 90},40%,35%)"/><circle cx="512" cy="200" r="60" fill="#fff"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

describeBrowser('hành trình du lịch: tải ảnh 360°, nối điểm nóng, công bố, xem tour có và không có JavaScript, trang tiếng Anh', () => {
  let browser: Browser;
  let tp: TestPlatform;
  let base = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    tp = await startTestPlatform({ listen: true, worker: true, env: { PORT: String(port), PUBLIC_URL: base } });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await tp?.close();
  });

  const jsOf = new WeakMap<Page, boolean>();
  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    const ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    jsOf.set(page, javaScriptEnabled);
    // A script error in the viewer is otherwise invisible: the test would only see a timeout.
    page.on('pageerror', (e) => process.stderr.write(`[tourism e2e] page error on ${page.url()}: ${e.message}\n`));
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && process.stderr.write(`[tourism e2e] console error on ${page.url()}: ${m.text()}\n`));
    return page;
  }
  const checked = new Set<string>();
  async function a11y(page: Page, status: number) {
    const kind = `${jsOf.get(page)}|${status}|${new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id')}`;
    if (checked.has(kind)) return;
    checked.add(kind);
    await checkA11y(page);
  }
  const t0 = Date.now();
  // E2E_STEPS=1 prints each step's time (to see where a slow machine spends it).
  const step = (m: string) => process.env.E2E_STEPS && process.stderr.write(`[tourism e2e ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}\n`);
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

  // Headless Chromium has WebGL here (ANGLE on SwiftShader, even with --disable-gpu), so the shared
  // launch needs no extra flags. The viewer once never reported its first scene switch: the page's
  // CSP blocked the blob: URLs through which Photo Sphere Viewer hands panoramas and tiles to <img>.
  it(
    'cán bộ dựng tour, khách xem tour (JS tắt và bật), trang tiếng Anh',
    async () => {
      // ——— The officer creates the tour and uploads two panoramas (JavaScript on) ———
      const officer = await newPage(true);
      await open(officer, '/dang-nhap');
      const login = officer.getByRole('form', { name: 'Đăng nhập bằng thư điện tử' });
      await login.getByLabel('Thư điện tử', { exact: true }).fill('chuyenvien.qldl@vanhien.test');
      await login.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await go(officer, button(login, 'Đăng nhập'));
      await open(officer, '/quan-tri/du-lich');
      const create = officer.getByRole('form', { name: 'Tạo tour mới' });
      await create.getByLabel('Mã tour').fill('TOUR-HANH-TRINH');
      await create.getByLabel('Tên tour', { exact: true }).fill('Tour hành trình thử');
      await go(officer, button(create, 'Tạo tour'));
      const editorUrl = new URL(officer.url()).pathname;

      // A picture that is not 2:1 is refused with a clear message; nothing is lost.
      const upload = () => officer.getByRole('form', { name: 'Tải ảnh 360°' });
      await upload().getByLabel('Tên cảnh').fill('Ảnh sai tỉ lệ');
      await upload().locator('input[type=file]').setInputFiles({ name: 'sai.jpg', mimeType: 'image/jpeg', buffer: await sharp({ create: { width: 900, height: 600, channels: 3, background: '#777' } }).jpeg().toBuffer() });
      await go(officer, button(upload(), 'Tải lên'), 400);
      await expect(officer.locator('.vh-error-summary').textContent()).resolves.toContain('tỉ lệ 2:1');
      await expect(upload().getByLabel('Tên cảnh').inputValue()).resolves.toBe('Ảnh sai tỉ lệ');

      for (const [title, hue] of [
        ['Sảnh chính', 200],
        ['Vườn sau', 40],
      ] as const) {
        await upload().getByLabel('Tên cảnh').fill(title);
        await upload().locator('input[type=file]').setInputFiles({ name: `${title}.jpg`, mimeType: 'image/jpeg', buffer: await panorama(hue) });
        await go(officer, button(upload(), 'Tải lên'));
      }
      // The tiling job runs in the worker; wait until both panoramas are ready.
      await expect
        .poll(async () => (await tp.platform.services.pool.query("SELECT count(*)::int AS n FROM tourism_panoramas p JOIN tourism_tours t ON t.id = p.tour_id WHERE t.code = 'TOUR-HANH-TRINH' AND p.status = 'ready'")).rows[0].n, { timeout: 30_000 })
        .toBe(2);

      // Scene 1: an arrow to scene 2, placed by clicking the preview (the script fills yaw/pitch).
      await open(officer, `${editorUrl}?canh=canh-1`);
      const add = () => officer.getByRole('form', { name: 'Thêm điểm nóng' });
      const img = officer.locator('[data-place] img');
      const box = (await img.boundingBox())!;
      await img.click({ position: { x: box.width * 0.75, y: box.height * 0.5 } });
      await expect(add().getByLabel('Hướng – yaw (độ, −180 đến 180)').inputValue()).resolves.toBe('90.0');
      await add().getByLabel('Loại điểm nóng').selectOption('scene');
      await add().getByLabel('Cảnh được liên kết (với mũi tên)').selectOption('canh-2');
      await add().getByLabel('Nhãn (hiển thị cả khi không có JavaScript)').fill('Ra vườn sau');
      await go(officer, button(add(), 'Thêm điểm nóng'));
      await expect(officer.getByRole('main').textContent()).resolves.toContain('Ra vườn sau → canh-2 (yaw 90°');

      // Scene 2: an arrow back and an information point typed as numbers.
      await open(officer, `${editorUrl}?canh=canh-2`);
      await add().getByLabel('Loại điểm nóng').selectOption('scene');
      await add().getByLabel('Cảnh được liên kết (với mũi tên)').selectOption('canh-1');
      await add().getByLabel('Nhãn (hiển thị cả khi không có JavaScript)').fill('Về sảnh chính');
      await add().getByLabel('Hướng – yaw (độ, −180 đến 180)').fill('-90');
      await go(officer, button(add(), 'Thêm điểm nóng'));
      await add().getByLabel('Loại điểm nóng').selectOption('info');
      await add().getByLabel('Nhãn (hiển thị cả khi không có JavaScript)').fill('Giếng nước cổ');
      await add().getByLabel('Nội dung thông tin (không bắt buộc)').fill('Giếng đá ong minh họa, sâu chừng tám mét.');
      await add().getByLabel('Hướng – yaw (độ, −180 đến 180)').fill('20');
      await add().getByLabel('Góc ngẩng – pitch (độ, −90 đến 90)').fill('-10');
      await go(officer, button(add(), 'Thêm điểm nóng'));
      await go(officer, button(officer.getByRole('main'), 'Công bố tour'));
      await expect(officer.locator('.vh-flash').textContent()).resolves.toContain('Đã công bố phiên bản 1');

      // ——— The officer adds a destination (refused once, then created and published) ———
      await open(officer, '/quan-tri/du-lich/diem-den/moi');
      const dest = () => officer.getByRole('form', { name: 'Thông tin điểm đến' });
      await dest().getByLabel('Địa chỉ', { exact: true }).fill('Đường ven sông');
      await dest().getByLabel('Vĩ độ').fill('95');
      await dest().getByLabel('Kinh độ').fill('106.7');
      await go(officer, button(dest(), 'Tạo điểm đến'), 400);
      const summary = (await officer.locator('.vh-error-summary').textContent()) ?? '';
      expect(summary).toContain('Vui lòng nhập tên điểm đến.');
      expect(summary).toContain('Vui lòng chọn loại điểm đến.');
      await expect(dest().getByLabel('Địa chỉ', { exact: true }).inputValue()).resolves.toBe('Đường ven sông');
      await dest().getByLabel('Tên điểm đến (tiếng Việt)').fill('Bến đò Hành Trình');
      await dest().getByLabel('Loại điểm đến').selectOption('attraction');
      await dest().getByLabel('Vĩ độ').fill('10.95');
      await dest().getByLabel('Giờ mở cửa').fill('T2-CN 06:00-18:00');
      await go(officer, button(dest(), 'Tạo điểm đến'));
      await go(officer, button(officer.getByRole('main'), 'Công khai điểm đến'));
      const destPath = new URL(officer.url()).pathname.replace('/quan-tri/du-lich/diem-den/', '/du-lich/diem-den/');
      // The other catalogue pages pass axe too (lists, the event form with its lunar option).
      for (const path of ['/quan-tri/du-lich/diem-den', '/quan-tri/du-lich/su-kien', '/quan-tri/du-lich/su-kien/moi', '/quan-tri/du-lich/su-kien/LH-DEN-HUNG']) await open(officer, path);

      // ——— Visitor without JavaScript: preview, scene list, every hotspot's text ———
      const plain = await newPage(false);
      await open(plain, '/du-lich/tour/TOUR-HANH-TRINH');
      expect(await plain.locator('#tour-preview img').isVisible()).toBe(true);
      expect(await plain.locator('#tour-viewer').isHidden()).toBe(true);
      const main = plain.getByRole('main');
      await expect(main.getByRole('navigation', { name: 'Danh sách cảnh' }).getByRole('link').allTextContents()).resolves.toEqual(['Sảnh chính', 'Vườn sau']);
      const text = (await main.textContent()) ?? '';
      for (const s of ['Ra vườn sau', 'Về sảnh chính', 'Giếng nước cổ', 'Giếng đá ong minh họa, sâu chừng tám mét.']) expect(text).toContain(s);
      await go(plain, main.getByRole('link', { name: /Ra vườn sau/ }));
      expect(new URL(plain.url()).search).toBe('?canh=canh-2');
      await expect(plain.locator('#tour-status').textContent()).resolves.toContain('Vườn sau');
      await open(plain, destPath);
      await expect(plain.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Bến đò Hành Trình');

      // ——— Visitor with JavaScript: the viewer replaces the preview; the hotspot moves to scene 2 ———
      const visitor = await newPage(true);
      const loaded: string[] = [];
      visitor.on('response', (r) => loaded.push(r.url()));
      await open(visitor, '/du-lich/tour/TOUR-HANH-TRINH');
      await visitor.locator('#tour-viewer .psv-container, #tour-viewer.psv-container').first().waitFor();
      expect(await visitor.locator('#tour-preview').isHidden()).toBe(true);
      await visitor.waitForFunction(() => document.getElementById('tour-viewer')?.getAttribute('data-scene') === 'canh-1');
      await visitor.getByRole('main').getByRole('link', { name: /Ra vườn sau/ }).click();
      await visitor.waitForFunction(() => document.getElementById('tour-viewer')?.getAttribute('data-scene') === 'canh-2');
      await expect(visitor.locator('#tour-status').textContent()).resolves.toContain('Vườn sau');
      expect(new URL(visitor.url()).search).toBe('?canh=canh-2');
      expect(loaded.some((u) => /\/o\/0\/\d_\d\.jpg$/.test(u))).toBe(true);
      await checkA11y(visitor, `${base}/du-lich/tour/TOUR-HANH-TRINH#viewer`);

      // ——— English: hreflang and a visible link from the Vietnamese page ———
      for (const js of [false, true]) {
        const reader = await newPage(js);
        await open(reader, '/du-lich');
        expect(await reader.locator('link[rel=alternate][hreflang=en]').getAttribute('href')).toBe(`${base}/en/travel`);
        await go(reader, reader.getByRole('link', { name: 'Read in English' }));
        expect(new URL(reader.url()).pathname).toBe('/en/travel');
        await expect(reader.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Travel');
        expect(await reader.locator('link[rel=alternate][hreflang=vi]').getAttribute('href')).toBe(`${base}/du-lich`);
        // The Leaflet map replaces the static SVG only with JavaScript.
        if (js) await reader.locator('#du-lich-ban-do.leaflet-container').waitFor();
        else expect(await reader.locator('#du-lich-svg').isVisible()).toBe(true);
        expect(loaded.length).toBeGreaterThan(0);
      }
    },
    Number(process.env.E2E_TOURISM_TIMEOUT ?? 240_000),
  );
});
