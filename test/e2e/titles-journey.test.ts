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
 * Then the village round on the same pages and a village "tiêu biểu" proposal (ADR 020).
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

  // The village round on the same pages, for a demo commune whose 2026 household round is
  // published (criterion II.1 is computed from it) and whose villages held the title in 2024 and
  // 2025; then the commune proposes a village "tiêu biểu" (3 consecutive years).
  for (const js of [false, true]) {
    it(`thôn, tổ dân phố văn hóa và đề nghị tiêu biểu, JavaScript ${js ? 'bật' : 'tắt'}`, async () => {
      const commune = js ? '99120' : '99112';
      const officer = await newPage(js);
      await login(officer, 'chuyenvien@vanhien.test');
      at('2026-10-19');
      await open(officer, '/quan-tri/danh-hieu');
      const openForm = officer.getByRole('form', { name: 'Mở đợt bình xét' });
      await openForm.getByLabel('Xã, phường, đặc khu').selectOption(commune);
      await openForm.getByLabel('Danh hiệu').selectOption('village');
      await openForm.getByLabel('Năm').fill('2026');
      await go(officer, button(openForm, 'Mở đợt'));
      await expect(officer.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/– "Thôn, tổ dân phố văn hóa" năm 2026$/);
      const cycleUrl = new URL(officer.url()).pathname;

      // Registration: nothing ticked → 400 on the form; then the three villages.
      const reg = () => officer.getByRole('form', { name: 'Đăng ký thôn, tổ dân phố' });
      await go(officer, button(reg(), 'Đăng ký'), 400);
      await expect(officer.locator('.vh-error-summary').textContent()).resolves.toContain('Vui lòng chọn ít nhất một thôn, tổ dân phố đăng ký.');
      for (const box of await reg().getByRole('checkbox').all()) await box.check();
      await go(officer, button(reg(), 'Đăng ký'));
      await expect(officer.locator('.vh-flash').textContent()).resolves.toContain('Đã đăng ký 3 thôn, tổ dân phố');

      // Self-assessment: I.1 typed, II.1 computed from the household decision (two reach 70 %).
      const links = officer.getByRole('main').locator(`a[href^="${cycleUrl}/ho/"]`);
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(hrefs).toHaveLength(3);
      for (const href of hrefs) {
        await open(officer, href);
        const f = officer.getByRole('form', { name: 'Tự đánh giá theo tiêu chí' });
        await f.getByRole('group', { name: /^I\.1\. / }).getByLabel('Đạt', { exact: true }).check();
        await go(officer, button(f, 'Lưu tự đánh giá'));
      }
      await expect(officer.getByRole('main').textContent()).resolves.toContain('đạt 2; chưa đạt 1');

      at('2026-10-20');
      await open(officer, cycleUrl);
      const listing = officer.getByRole('form', { name: 'Niêm yết danh sách' });
      await listing.getByLabel('Ngày bắt đầu niêm yết (ngày/tháng/năm)').fill('20/10/2026');
      await go(officer, button(listing, 'Niêm yết'));
      await expect(officer.getByRole('main').textContent()).resolves.toContain('29/10/2026');
      at('2026-10-25');
      const resident = await newPage(js);
      await open(resident, `/danh-hieu-van-hoa/${commune}/2026/thon-to-dan-pho`);
      await expect(resident.getByRole('main').textContent()).resolves.toContain('Danh sách thôn, tổ dân phố đề nghị công nhận');

      at('2026-10-30');
      await open(officer, cycleUrl);
      const mf = officer.getByRole('form', { name: 'Biên bản họp hội đồng' });
      await mf.getByLabel('Số biên bản').fill('06/BB-HĐ');
      await mf.getByLabel('Ngày họp (ngày/tháng/năm)').fill('30/10/2026');
      await mf.getByLabel('Nội dung biên bản').fill('Hội đồng thống nhất đề nghị công nhận 2 thôn.');
      await go(officer, button(mf, 'Ghi biên bản'));
      at('2026-11-02');
      await open(officer, cycleUrl);
      const df = officer.getByRole('form', { name: 'Quyết định công nhận' });
      await df.getByLabel('Số quyết định').fill('89/QĐ-UBND');
      await df.getByLabel('Ngày quyết định (ngày/tháng/năm)').fill('29/10/2026');
      await df.getByLabel('Người ký').fill('Phạm Văn Chủ Tịch');
      await go(officer, button(df, 'Ghi quyết định'), 400);
      await expect(officer.locator('.vh-error-summary').textContent()).resolves.toContain('phải sau ngày hết niêm yết 29/10/2026');
      const df2 = officer.getByRole('form', { name: 'Quyết định công nhận' });
      await df2.getByLabel('Ngày quyết định (ngày/tháng/năm)').fill('02/11/2026');
      await go(officer, button(df2, 'Ghi quyết định'));
      await go(officer, button(officer.getByRole('form', { name: 'Công bố danh sách' }), 'Công bố danh sách'));
      await open(resident, `/danh-hieu-van-hoa?q=&xa=${commune}&nam=2026`);
      const table = resident.getByRole('table', { name: /Thôn, tổ dân phố được công nhận/ });
      expect(await table.getByRole('row').count()).toBe(3); // header + 2 villages
      await expect(table.textContent()).resolves.toContain('89/QĐ-UBND');

      // "Tiêu biểu": pick the commune, year and title; a proposal without its number is refused,
      // then one village held 3 years is proposed and the decision recorded.
      at('2026-11-05');
      await open(officer, '/quan-tri/danh-hieu/tieu-bieu');
      const pick = officer.getByRole('form', { name: 'Chọn xã, năm, danh hiệu' });
      await pick.getByLabel('Xã, phường, đặc khu').selectOption(commune);
      await pick.getByLabel('Năm').fill('2026');
      await pick.getByLabel('Danh hiệu').selectOption('village');
      await go(officer, button(pick, 'Xem danh sách được công nhận'));
      const pf = () => officer.getByRole('form', { name: 'Lập tờ trình đề nghị tiêu biểu' });
      await expect(pf().textContent()).resolves.toContain('Đủ 3 năm liên tục (2/2 được công nhận năm nay)');
      await pf().getByRole('checkbox').first().check();
      await pf().getByLabel('Ngày tờ trình (ngày/tháng/năm)').fill('05/11/2026');
      await go(officer, button(pf(), 'Lập tờ trình'), 400);
      await expect(officer.locator('.vh-error-summary').textContent()).resolves.toContain('Vui lòng nhập số tờ trình.');
      expect(await pf().getByRole('checkbox').first().isChecked()).toBe(true);
      await pf().getByLabel('Số tờ trình').fill('16/TTr-UBND');
      await go(officer, button(pf(), 'Lập tờ trình'));
      await expect(officer.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Tờ trình 16/TTr-UBND');
      const qf = officer.getByRole('form', { name: 'Quyết định khen thưởng' });
      await qf.getByRole('checkbox').first().check();
      await qf.getByLabel('Số quyết định').fill('300/QĐ-UBND');
      await qf.getByLabel('Ngày quyết định (ngày/tháng/năm)').fill('05/11/2026');
      await qf.getByLabel('Người ký').fill('Chủ tịch UBND Thành phố');
      await go(officer, button(qf, 'Ghi quyết định'));
      await expect(officer.getByRole('main').textContent()).resolves.toContain('Được khen thưởng');
    }, Number(process.env.E2E_TITLES_TIMEOUT ?? 180_000));
  }
});
