import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { titlesClock } from '../../src/modules/titles/titles.clock.js';
import { vnIsoDate } from '../../src/core/validation.js';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { freePort } from './oidc-provider.js';

/**
 * Issue 15 "Done when": a commune officer opens the year, imports the households' registrations
 * (the generated template, filled), records the self-assessments, publishes the listing; a
 * resident comments on the public page; the council's minutes are recorded; a decision dated
 * inside the listing is refused, the one after the 10 days is issued; certificates are produced
 * by the background job; the public list shows the result. The round's dates move through the
 * module's injectable clock (`titlesClock`, same process as the server). JS off, then on; axe.
 */
const PASSWORD = 'Demo@2026';

describeBrowser('hành trình danh hiệu văn hóa: mở năm, nhập đăng ký, tự đánh giá, niêm yết, góp ý, biên bản, quyết định, giấy công nhận', () => {
  let browser: Browser;
  let tp: TestPlatform;
  let base = '';
  const contexts: BrowserContext[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-titles-e2e-'));

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    tp = await startTestPlatform({ listen: true, worker: true, env: { PORT: String(port), PUBLIC_URL: base } });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    titlesClock.today = () => vnIsoDate();
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await tp?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const at = (d: string) => {
    titlesClock.today = () => d;
  };
  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    const ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled, acceptDownloads: true });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    jsOf.set(page, javaScriptEnabled);
    return page;
  }
  const checked = new Set<string>();
  const jsOf = new WeakMap<Page, boolean>();
  async function a11y(page: Page, status: number) {
    const kind = `${jsOf.get(page)}|${status}|${new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id').replace(/\/\d{5}\/\d{4}/, '/:xa/:nam')}`;
    if (checked.has(kind)) return;
    checked.add(kind);
    await checkA11y(page);
  }
  const t0 = Date.now();
  // E2E_STEPS=1 prints each step's time (to see where a slow machine spends it).
  const step = (m: string) => process.env.E2E_STEPS && process.stderr.write(`[titles e2e ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}\n`);
  async function open(page: Page, p: string) {
    step(`open ${p}`);
    const res = await page.goto(`${base}${p}`);
    expect(res?.status(), p).toBe(200);
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

  for (const js of [false, true]) {
    it(`JavaScript ${js ? 'bật' : 'tắt'}`, async () => {
      const commune = js ? '99113' : '99111';
      const communeName = js ? 'Xã Hòa Trung' : 'Xã Hòa Sơn';
      const officer = await newPage(js);
      await login(officer, 'chuyenvien@vanhien.test');

      // ——— Open the year ———
      at('2026-03-02');
      await open(officer, '/quan-tri/danh-hieu');
      const openForm = officer.getByRole('form', { name: 'Mở đợt bình xét' });
      await openForm.getByLabel('Xã, phường, đặc khu').selectOption(commune);
      await openForm.getByLabel('Năm').fill('2026');
      await go(officer, button(openForm, 'Mở đợt'));
      await expect(officer.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`${communeName} – "Gia đình văn hóa" năm 2026`);
      const cycleUrl = new URL(officer.url()).pathname;

      // ——— Import the registrations: the generated template, as the commune fills it ———
      const tpl = await officer.request.get(`${base}${officer.url().replace(base, '').replace('/quan-tri/danh-hieu/', '/api/v1/titles/cycles/')}/template.xlsx`);
      expect(tpl.status()).toBe(200);
      const file = path.join(tmp, `dang-ky-${commune}.xlsx`);
      fs.writeFileSync(file, await tpl.body());
      const imp = officer.getByRole('form', { name: 'Nhập danh sách đăng ký' });
      await imp.getByLabel('Tệp danh sách (XLSX)').setInputFiles(file);
      await go(officer, button(imp, 'Nhập danh sách'));
      await expect(officer.locator('.vh-flash').textContent()).resolves.toContain('Đã nhập 3 hộ đăng ký');

      // ——— Self-assessments: two meet every criterion, the third scores under the minimum ———
      const links = officer.getByRole('main').locator(`a[href^="${cycleUrl}/ho/"]`);
      expect(await links.count()).toBe(3);
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      const names = await links.allTextContents();
      for (const [i, href] of hrefs.entries()) {
        await open(officer, href);
        const f = officer.getByRole('form', { name: 'Tự đánh giá theo tiêu chí' });
        for (const code of ['I.1', 'II.1', 'II.2', 'III.1']) await f.getByRole('group', { name: new RegExp(`^${code.replace('.', '\\.')}\\. `) }).getByLabel('Đạt', { exact: true }).check();
        await f.getByLabel(/^I\.2\. /).fill('2');
        await f.getByLabel(/^III\.2\. /).fill(i === 2 ? '3' : '8');
        await go(officer, button(f, 'Lưu tự đánh giá'));
      }
      await expect(officer.getByRole('main').textContent()).resolves.toContain('đạt 2; chưa đạt 1');

      // ——— The listing, posted from 24/08/2026 for 10 days (through the 1–2/09 holidays) ———
      at('2026-08-24');
      await open(officer, cycleUrl);
      const listing = officer.getByRole('form', { name: 'Niêm yết danh sách' });
      await listing.getByLabel('Ngày bắt đầu niêm yết (ngày/tháng/năm)').fill('24/08/2026');
      await go(officer, button(listing, 'Niêm yết'));
      await expect(officer.getByRole('main').textContent()).resolves.toContain('02/09/2026');

      // ——— A resident comments on the public page; the notice PDF prints ———
      at('2026-08-26');
      const resident = await newPage(js);
      await open(resident, `/danh-hieu-van-hoa/${commune}/2026`);
      await expect(resident.getByRole('main').textContent()).resolves.toContain(names[0]!);
      expect((await resident.request.get(`${base}/danh-hieu-van-hoa/${commune}/2026/thong-bao.pdf`)).headers()['content-type']).toBe('application/pdf');
      const cf = resident.getByRole('form', { name: 'Góp ý về danh sách' });
      await cf.getByLabel('Họ và tên').fill('Lê Thị Cư Dân');
      await go(resident, button(cf, 'Gửi góp ý'), 400);
      await expect(resident.locator('.vh-error-summary').textContent()).resolves.toContain('nội dung góp ý');
      const cf2 = resident.getByRole('form', { name: 'Góp ý về danh sách' });
      await cf2.getByLabel('Nội dung góp ý').fill('Tôi đồng ý với danh sách của thôn.');
      await go(resident, button(cf2, 'Gửi góp ý'));
      await expect(resident.getByRole('status').textContent()).resolves.toContain('Đã nhận ý kiến');

      // ——— Council minutes after the listing ———
      at('2026-09-03');
      await open(officer, cycleUrl);
      await expect(officer.getByRole('main').textContent()).resolves.toContain('Tôi đồng ý với danh sách của thôn.');
      const mf = officer.getByRole('form', { name: 'Biên bản họp hội đồng' });
      await mf.getByLabel('Số biên bản').fill('05/BB-HĐ');
      await mf.getByLabel('Ngày họp (ngày/tháng/năm)').fill('03/09/2026');
      await mf.getByLabel('Nội dung biên bản').fill('Hội đồng thống nhất đề nghị công nhận 2 hộ.');
      await go(officer, button(mf, 'Ghi biên bản'));
      await expect(officer.getByRole('main').textContent()).resolves.toContain('17/09/2026');

      // ——— Decision: inside the listing refused, after it issued ———
      at('2026-09-10');
      await open(officer, cycleUrl);
      const df = officer.getByRole('form', { name: 'Quyết định công nhận' });
      await df.getByLabel('Số quyết định').fill('88/QĐ-UBND');
      await df.getByLabel('Ngày quyết định (ngày/tháng/năm)').fill('01/09/2026');
      await df.getByLabel('Người ký').fill('Phạm Văn Chủ Tịch');
      await go(officer, button(df, 'Ghi quyết định'), 400);
      await expect(officer.locator('.vh-error-summary').textContent()).resolves.toContain('phải sau ngày hết niêm yết 02/09/2026');
      const df2 = officer.getByRole('form', { name: 'Quyết định công nhận' });
      await df2.getByLabel('Ngày quyết định (ngày/tháng/năm)').fill('10/09/2026');
      await go(officer, button(df2, 'Ghi quyết định'));
      await go(officer, button(officer.getByRole('form', { name: 'Công bố danh sách' }), 'Công bố danh sách'));

      // ——— Certificates by the background job ———
      await go(officer, button(officer.getByRole('form', { name: 'In giấy công nhận' }), 'In giấy công nhận'));
      const dl = officer.getByRole('link', { name: 'Tải tệp giấy công nhận (PDF)' });
      for (let i = 0; i < 40 && !(await dl.count()); i++) {
        await tp.platform.services.pool.query("SELECT pg_sleep(0.25)");
        await officer.reload();
      }
      const pdf = await officer.request.get(`${base}${await dl.getAttribute('href')}`);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      // ——— The public list shows the result ———
      await open(resident, `/danh-hieu-van-hoa?q=&xa=${commune}&nam=2026`);
      const main = (await resident.getByRole('main').textContent()) ?? '';
      expect(main).toContain('88/QĐ-UBND');
      expect(main).toContain(names[0]!);
      expect(main).not.toContain(names[2]!);
      expect(main).not.toContain('HGD-');
    }, Number(process.env.E2E_TITLES_TIMEOUT ?? 180_000));
  }
});
