import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { loadDemoProcedures } from '../../src/modules/procedures/procedures.demo.js';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { freePort } from './oidc-provider.js';

/**
 * Issue 3, "Done when": one dossier from the citizen's online filing to the verified electronic
 * result and the citizen's satisfaction rating, through the real pages in a real browser — once with JavaScript off, once with it on,
 * each on a fresh platform (its own database clone and its own login rate-limit window). Every
 * page opened is checked with axe.
 */

const PASSWORD = 'Demo@2026';
// Implemented by Phòng Quản lý Văn hóa và Gia đình (QLVH), the unit of chuyenvien@vanhien.test.
const PROC = loadDemoProcedures().find((p) => p.code === 'DEMO.000101')!;
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const MISSING = ['Bản sao Giấy chứng nhận an ninh, trật tự có chứng thực', 'Sơ đồ phòng hát ghi rõ diện tích'];

describeBrowser('hành trình hồ sơ trực tuyến: nộp → bổ sung → giải quyết → trả kết quả → xác thực', () => {
  let browser: Browser;
  let tmp = '';
  const files: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-dossier-e2e-'));
    PROC.documents.forEach((_, i) => {
      const f = path.join(tmp, `giay-to-${i + 1}.pdf`);
      fs.writeFileSync(f, PDF);
      files.push(f);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const javaScriptEnabled of [false, true]) {
    it(
      `JavaScript ${javaScriptEnabled ? 'bật' : 'tắt'}: công dân nộp, bổ sung và nhận kết quả; cán bộ tiếp nhận, chuyên viên, lãnh đạo giải quyết`,
      async () => {
        const port = await freePort();
        const base = `http://127.0.0.1:${port}`;
        let tp: TestPlatform | undefined;
        let ctx: BrowserContext | undefined;
        try {
          tp = await startTestPlatform({
            listen: true,
            // PUBLIC_URL: the verification address printed in the result PDF points at this server.
            env: { PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' },
          });
          ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled });
          const page = await ctx.newPage();
          page.setDefaultTimeout(20_000);
          await journey(page, base, javaScriptEnabled);
        } finally {
          await ctx?.close().catch(() => {});
          await tp?.close();
        }
      },
      300_000,
    );
  }

  // -------------------------------------------------------------------------------------------

  async function journey(page: Page, base: string, javaScriptEnabled: boolean) {
    const pathname = () => new URL(page.url()).pathname;
    const main = page.getByRole('main');
    const header = page.locator('header.vh-header');
    const mainText = async () => (await main.textContent()) ?? '';

    async function open(p: string): Promise<Response> {
      const res = await page.goto(`${base}${p}`);
      if (!res) throw new Error(`no response for ${p}`);
      expect(res.status(), p).toBe(200);
      await checkA11y(page);
      return res;
    }

    /** Clicks (or presses) and waits for the page it leads to; checks that page with axe. */
    async function go(action: () => Promise<void>, expectPath?: RegExp | string): Promise<Response | null> {
      const [res] = await Promise.all([page.waitForNavigation(), action()]);
      if (res && res.status() >= 400) throw new Error(`${page.url()} answered ${res.status()}:\n${(await mainText()).slice(0, 2000)}`);
      if (expectPath) {
        if (typeof expectPath === 'string') expect(pathname()).toBe(expectPath);
        else expect(pathname()).toMatch(expectPath);
      }
      await checkA11y(page);
      return res;
    }
    const click = (l: Locator, expectPath?: RegExp | string) => go(() => l.click(), expectPath);
    const button = (name: string) => main.getByRole('button', { name, exact: true });
    const link = (name: string | RegExp) => main.getByRole('link', typeof name === 'string' ? { name, exact: true } : { name });
    const field = (label: string) => main.getByLabel(label, { exact: true });

    async function login(email: string, landing: string) {
      await open('/dang-nhap');
      await page.getByLabel('Thư điện tử', { exact: true }).fill(email);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await go(() => page.getByLabel('Mật khẩu', { exact: true }).press('Enter'), landing);
      await expect(header.getByRole('button', { name: 'Đăng xuất' }).count()).resolves.toBe(1);
    }

    async function logout() {
      await go(() => header.getByRole('button', { name: 'Đăng xuất' }).click(), '/');
      await expect(header.getByRole('link', { name: 'Đăng nhập', exact: true }).count()).resolves.toBe(1);
    }

    /** The flash message shown after a redirect. */
    const expectFlash = async (text: string) => expect(await page.locator('body').textContent()).toContain(text);

    /** A download through the browser context's request API (same cookies as the page). */
    async function download(href: string): Promise<Buffer> {
      const res = await page.context().request.get(new URL(href, page.url()).href);
      expect(res.status(), href).toBe(200);
      expect(res.headers()['content-type'], href).toBe('application/pdf');
      const body = await res.body();
      expect(body.subarray(0, 5).toString('latin1'), href).toBe('%PDF-');
      return body;
    }

    /** Fills one step of the karaoke e-form (idempotent: fields prefilled or already saved are kept). */
    async function fillStep(n: number) {
      if (n === 1) {
        // Prefilled from the citizen's account (once-only principle).
        await expect(field('Họ và tên người nộp hồ sơ').inputValue()).resolves.toBe('Võ Thị Công Dân');
        await expect(field('Thư điện tử (không bắt buộc)').inputValue()).resolves.toBe('congdan@vanhien.test');
        await field('Số định danh cá nhân (căn cước)').fill('012345678901');
        if (!(await field('Số điện thoại liên hệ').inputValue())) await field('Số điện thoại liên hệ').fill('0912345678');
        await field('Địa chỉ liên hệ').fill('12 Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh');
        await main.getByRole('radio', { name: 'Cá nhân', exact: true }).check();
      } else if (n === 2) {
        await field('Tên doanh nghiệp hoặc hộ kinh doanh').fill('Hộ kinh doanh Karaoke Sao Mai');
        await field('Mã số doanh nghiệp / mã số hộ kinh doanh').fill('0101234567');
        await field('Địa chỉ kinh doanh').fill('34 Hai Bà Trưng, phường Sài Gòn');
        await main.getByRole('radio', { name: 'Thành phố, thị xã thuộc tỉnh', exact: true }).check();
        await field('Số phòng hát').fill('3');
        await field('Diện tích từng phòng hát (m²)').fill('Phòng 1 – 24 m²; Phòng 2 – 30 m²; Phòng 3 – 22 m²');
      } else {
        for (const f of PROC.form.steps[n - 1]!.fields) if (f.type === 'checkbox') await main.getByRole('checkbox', { name: f.label, exact: true }).check();
      }
    }

    // Staff open the dossier from the console's queues, not by typing its address.
    async function openFromQueue(code: string, tab: string, id: string) {
      await open('/quan-tri/ho-so');
      // Each tab names its count ("Đang xử lý (1)"); the desk's queue opens on "Mới nộp".
      if (tab !== 'Mới nộp') await click(main.getByRole('navigation', { name: 'Hàng đợi hồ sơ' }).getByRole('link', { name: new RegExp(`^${tab} \\(\\d+\\)$`) }), '/quan-tri/ho-so');
      await click(link(code), `/quan-tri/ho-so/${id}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Hồ sơ ${code}`);
    }

    // 1. The citizen files online ---------------------------------------------------------------
    await login('congdan@vanhien.test', '/');
    await open(`/thu-tuc/${PROC.code}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(PROC.name);
    await click(link('Nộp hồ sơ trực tuyến'), /^\/ho-so\/[0-9a-f-]{36}\/buoc\/1$/);
    const id = pathname().split('/')[2]!;
    await fillStep(1);
    await click(button('Lưu và tiếp tục'), `/ho-so/${id}/buoc/2`);
    await fillStep(2);
    // Save and resume later.
    await click(button('Lưu và thoát'), '/ho-so');
    await expectFlash('Đã lưu bản nháp');
    await expect(main.getByRole('table').textContent()).resolves.toContain('Bản nháp');
    await click(link(new RegExp(`^Tiếp tục ${PROC.name}`)), /^\/ho-so\/[0-9a-f-]{36}\/buoc\/\d+$/);
    expect(pathname().split('/')[2]).toBe(id);
    // What was saved before leaving is still there.
    if (pathname().endsWith('/buoc/2')) await expect(field('Tên doanh nghiệp hoặc hộ kinh doanh').inputValue()).resolves.toBe('Hộ kinh doanh Karaoke Sao Mai');
    for (let n = Number(pathname().split('/').pop()); n <= PROC.form.steps.length; n++) {
      expect(pathname()).toBe(`/ho-so/${id}/buoc/${n}`);
      await fillStep(n);
      await click(button('Lưu và tiếp tục'), n < PROC.form.steps.length ? `/ho-so/${id}/buoc/${n + 1}` : `/ho-so/${id}/giay-to`);
    }

    // Attachments: one small PDF per document (multipart upload).
    // (A file input is a button named by its label; each document's card is a region of the same name.)
    for (const [i, doc] of PROC.documents.entries()) await button(`${i + 1}. ${doc.name}`).setInputFiles(files[i]!);
    await click(button('Tải lên'), `/ho-so/${id}/giay-to`);
    await expectFlash(`Đã tải lên ${PROC.documents.length} tệp.`);
    for (const [i] of PROC.documents.entries()) await expect(link(`giay-to-${i + 1}.pdf`).count()).resolves.toBe(1);

    // Check the answers, then submit.
    await click(link('Tiếp tục: kiểm tra hồ sơ'), `/ho-so/${id}/kiem-tra`);
    const check = await mainText();
    expect(check).not.toContain('Hồ sơ chưa đầy đủ');
    for (const answer of ['Võ Thị Công Dân', '012345678901', 'Hộ kinh doanh Karaoke Sao Mai', 'Thành phố, thị xã thuộc tỉnh', 'giay-to-3.pdf']) expect(check).toContain(answer);
    await click(button('Nộp hồ sơ'), `/ho-so/${id}`);
    await expectFlash('Đã nộp hồ sơ thành công. Mã hồ sơ của bạn:');
    const code = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace(/^Hồ sơ\s*/, '').trim();
    expect(code).toMatch(/^[A-Za-z0-9.\-_]+$/);
    await expectFlash(`Mã hồ sơ của bạn: ${code}.`);
    expect(await mainText()).toContain('Đã nộp, chờ tiếp nhận');
    // Form 01: the receipt and appointment slip.
    const receiptHref = await link('Giấy tiếp nhận và hẹn trả kết quả (PDF)').getAttribute('href');
    expect(receiptHref).toBe(`/ho-so/${id}/giay-tiep-nhan.pdf`);
    await download(receiptHref!);
    await logout();

    // 2. The one-stop desk asks for a supplement --------------------------------------------------
    await login('tiepnhan@vanhien.test', '/quan-tri');
    await openFromQueue(code, 'Mới nộp', id);
    expect(await mainText()).toContain('Hộ kinh doanh Karaoke Sao Mai');
    // With JavaScript on, the desk receives first (the clock starts) and asks afterwards; with it
    // off, it asks at intake, and the clock starts when the applicant answers. Both are legal.
    const receiveFirst = javaScriptEnabled;
    if (receiveFirst) {
      await click(button('Tiếp nhận hồ sơ (bắt đầu tính thời hạn)'), `/quan-tri/ho-so/${id}`);
      await expectFlash('Đã tiếp nhận hồ sơ; thời hạn giải quyết bắt đầu được tính.');
    }
    // Secondary actions wait behind their name in the actions panel (a <details>, no JavaScript needed).
    await main.getByText('Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)', { exact: true }).click();
    await field('Các nội dung cần bổ sung, hoàn thiện').fill(MISSING.map((x) => `- ${x}`).join('\n'));
    await click(button('Gửi yêu cầu bổ sung'), `/quan-tri/ho-so/${id}`);
    await expectFlash('Đã gửi yêu cầu bổ sung, hoàn thiện hồ sơ cho người nộp.');
    expect(await mainText()).toContain('Chờ bổ sung hồ sơ');
    await logout();

    // 3. The citizen supplements online -------------------------------------------------------------
    await login('congdan@vanhien.test', '/');
    await open('/ho-so');
    await click(link(`Xem ${code}`), `/ho-so/${id}`);
    expect(await mainText()).toContain('Chờ bổ sung hồ sơ');
    await click(link('Bổ sung hồ sơ theo yêu cầu'), `/ho-so/${id}/bo-sung`);
    const asked = await main.getByRole('listitem').allTextContents();
    for (const item of MISSING) expect(asked).toContain(item);
    await field('Nội dung bổ sung, giải trình').fill('Đã tải lên bản sao giấy chứng nhận an ninh, trật tự và sơ đồ phòng hát.');
    await click(button('Gửi bổ sung'), `/ho-so/${id}`);
    await expectFlash('Đã gửi bổ sung hồ sơ. Thời hạn giải quyết được tính tiếp.');
    expect(await mainText()).toContain('Đã tiếp nhận');
    await logout();

    // 4. Processing: desk → specialist → leader → desk ------------------------------------------------
    await login('tiepnhan@vanhien.test', '/quan-tri');
    await openFromQueue(code, 'Đang xử lý', id);
    // A supplemented dossier is received already (the clock started or resumed on supplement):
    // the "receive" form is no longer offered.
    expect(await mainText()).toContain('Đã tiếp nhận');
    await expect(button('Tiếp nhận hồ sơ (bắt đầu tính thời hạn)').count()).resolves.toBe(0);
    await field('Chuyên viên xử lý').selectOption({ label: 'Lê Văn Chuyên' });
    await click(button('Chuyển xử lý'), `/quan-tri/ho-so/${id}`);
    await expectFlash('Đã chuyển hồ sơ cho chuyên viên xử lý.');
    expect(await mainText()).toContain('Đang giải quyết');
    await logout();

    await login('chuyenvien@vanhien.test', '/quan-tri');
    await openFromQueue(code, 'Đang xử lý', id);
    await field('Ý kiến thẩm định (không bắt buộc)').fill('Đủ điều kiện cấp giấy phép.');
    await click(button('Trình phê duyệt'), `/quan-tri/ho-so/${id}`);
    await expectFlash('Đã trình lãnh đạo phê duyệt.');
    await expect(button('Phê duyệt').count()).resolves.toBe(0);
    await logout();

    await login('lanhdao@vanhien.test', '/quan-tri');
    await openFromQueue(code, 'Đang xử lý', id);
    await click(button('Phê duyệt'), `/quan-tri/ho-so/${id}`);
    await expectFlash('Đã phê duyệt kết quả giải quyết.');
    expect(await mainText()).toContain('Đã phê duyệt, chờ trả kết quả');
    await logout();

    await login('tiepnhan@vanhien.test', '/quan-tri');
    await openFromQueue(code, 'Đang xử lý', id);
    await click(button('Phát hành và trả kết quả'), `/quan-tri/ho-so/${id}`);
    await expectFlash('Đã phát hành kết quả điện tử và trả cho người nộp.');
    expect(await mainText()).toContain('Đã trả kết quả');
    const staffVerifyHref = await link('Trang xác thực').getAttribute('href');
    expect(staffVerifyHref).toMatch(/^\/xac-thuc\/[0-9a-f-]{36}$/);
    await logout();

    // 5. The citizen gets the result and checks it is genuine ------------------------------------------
    await login('congdan@vanhien.test', '/');
    await open('/ho-so');
    await click(link(`Xem ${code}`), `/ho-so/${id}`);
    expect(await mainText()).toContain('Đã trả kết quả');
    const resultHref = await link('Kết quả giải quyết (PDF)').getAttribute('href');
    expect(resultHref).toBe(`/ho-so/${id}/ket-qua.pdf`);
    const result = await download(resultHref!);
    // The citizen's page links to the public verification page, and the document itself points
    // to the same page under its QR code.
    const verifyLink = main.getByRole('link', { name: 'Xác thực kết quả' });
    const href = await verifyLink.getAttribute('href');
    expect(href).toBe(staffVerifyHref);
    const verifyUrl = new RegExp(`${base.replace(/[.:/]/g, '\\$&')}/xac-thuc/[0-9a-f-]{36}`).exec(result.toString('latin1'))?.[0];
    expect(verifyUrl, 'the verification address in the result PDF').toBeTruthy();
    expect(new URL(verifyUrl!).pathname).toBe(staffVerifyHref);
    await Promise.all([page.waitForURL(/\/xac-thuc\//), verifyLink.click()]);
    await checkA11y(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Xác thực kết quả giải quyết thủ tục hành chính');
    const verify = await mainText();
    expect(verify).toContain(code);
    expect(verify).toContain(PROC.name);
    for (const secret of ['012345678901', '0912345678']) expect(verify).not.toContain(secret);
    // The downloaded copy, compared with the issued document's SHA-256.
    const copy = path.join(tmp, `ket-qua-${javaScriptEnabled ? 'js' : 'nojs'}.pdf`);
    fs.writeFileSync(copy, result);
    await field('Chọn tệp PDF kết quả cần đối chiếu').setInputFiles(copy);
    await click(button('Đối chiếu'), new URL(verifyUrl!).pathname);
    // Two findings now (issue 18): the copy matches the issued file, and its digital signature holds.
    await expect(main.getByRole('status').filter({ hasText: 'Tài liệu hợp lệ' }).textContent()).resolves.toContain('Tệp bạn tải lên trùng khớp');
    await expect(main.getByRole('status').filter({ hasText: 'Chữ ký số hợp lệ' }).textContent()).resolves.toContain('không bị thay đổi sau khi ký');
    expect(await mainText()).not.toContain('Tài liệu không khớp');
    // 6. The citizen rates the handling (once, anonymously to the officers) -----------------------------
    await open(`/ho-so/${id}`);
    await main.getByRole('radio', { name: 'Rất hài lòng', exact: true }).check();
    await field('Góp ý (không bắt buộc)').fill('Cán bộ một cửa hướng dẫn rõ ràng, trả kết quả trước hạn.');
    await click(button('Gửi đánh giá'), `/ho-so/${id}`);
    await expectFlash('Cảm ơn Ông/Bà đã đánh giá.');
    expect(await mainText()).toContain('Ông/Bà đã đánh giá: Rất hài lòng');
    await expect(main.getByRole('radio').count()).resolves.toBe(0);
    await logout();
  }
});
