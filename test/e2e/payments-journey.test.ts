import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { loadDemoProcedures } from '../../src/modules/procedures/procedures.demo.js';
import { parseVietQr } from '../../src/modules/payments/vietqr.js';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { freePort } from './oidc-provider.js';

/**
 * Issue 18, "Done when": a citizen files a procedure with a fee and sees its VietQR; the desk
 * imports the bank statement that contains the transfer; the dossier shows the fee paid; the
 * leader approves; the citizen downloads a result that pdfsig reports as signed and unmodified,
 * and /xac-thuc says the same. JavaScript off and on, each on a fresh platform; axe on every page
 * template. The path is the shortest legal one (no supplement: the dossier journey covers it).
 */

const PASSWORD = 'Demo@2026';
// The karaoke licence: 3 rooms in a provincial city → the 4,000,000 đồng tier of the fee data.
const PROC = loadDemoProcedures().find((p) => p.code === 'DEMO.000101')!;
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const hasPdfsig = spawnSync('pdfsig', ['-v']).error === undefined;
// E2E_STEPS=1 prints each step's time; E2E_PAYMENTS_TIMEOUT (ms) widens the per-test limit on a loaded machine.
const TIMEOUT = Number(process.env.E2E_PAYMENTS_TIMEOUT ?? 240_000);
let stepStart = performance.now();
const step = (name: string) => {
  if (process.env.E2E_STEPS) process.stderr.write(`[payments-journey] ${name}: ${Math.round(performance.now() - stepStart)} ms\n`);
  stepStart = performance.now();
};

describeBrowser('hành trình phí, lệ phí: nộp hồ sơ → VietQR → đối soát sao kê → phê duyệt → kết quả ký số', () => {
  let browser: Browser;
  let tmp = '';
  const files: string[] = [];

  beforeAll(async () => {
    if (!hasPdfsig) throw new Error('pdfsig (poppler-utils) is required by this journey');
    browser = await launchBrowser();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-fees-e2e-'));
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
    it(`JavaScript ${javaScriptEnabled ? 'bật' : 'tắt'}: VietQR, đối soát, "đã nộp phí", kết quả ký số được pdfsig và /xac-thuc xác nhận`, async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      let tp: TestPlatform | undefined;
      let ctx: BrowserContext | undefined;
      try {
        stepStart = performance.now();
        tp = await startTestPlatform({ listen: true, env: { PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' } });
        ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled });
        const page = await ctx.newPage();
        // E2E_PAYMENTS_STEP_TIMEOUT (ms): a navigation waits longer on a loaded machine (signing under load took over 20 s).
        page.setDefaultTimeout(Number(process.env.E2E_PAYMENTS_STEP_TIMEOUT ?? 20_000));
        await journey(page, base, javaScriptEnabled);
      } finally {
        await ctx?.close().catch(() => {});
        await tp?.close();
      }
    }, TIMEOUT);
  }

  async function journey(page: Page, base: string, javaScriptEnabled: boolean) {
    const pathname = () => new URL(page.url()).pathname;
    const main = page.getByRole('main');
    const header = page.locator('header.vh-header');
    const mainText = async () => (await main.textContent()) ?? '';
    const tag = javaScriptEnabled ? 'js' : 'nojs';

    async function open(p: string): Promise<Response> {
      const res = await page.goto(`${base}${p}`);
      if (!res) throw new Error(`no response for ${p}`);
      expect(res.status(), p).toBe(200);
      await checkA11y(page);
      return res;
    }
    async function go(action: () => Promise<void>, expectPath?: string | RegExp): Promise<void> {
      const [res] = await Promise.all([page.waitForNavigation(), action()]);
      if (res && res.status() >= 400) throw new Error(`${page.url()} answered ${res.status()}:\n${(await mainText()).slice(0, 2000)}`);
      if (typeof expectPath === 'string') expect(pathname()).toBe(expectPath);
      else if (expectPath) expect(pathname()).toMatch(expectPath);
      await checkA11y(page);
    }
    const click = (l: Locator, expectPath?: string | RegExp) => go(() => l.click(), expectPath);
    const button = (name: string) => main.getByRole('button', { name, exact: true });
    const link = (name: string | RegExp) => main.getByRole('link', typeof name === 'string' ? { name, exact: true } : { name });
    const field = (label: string) => main.getByLabel(label, { exact: true });

    async function login(email: string, landing: string) {
      await open('/dang-nhap');
      await page.getByLabel('Thư điện tử', { exact: true }).fill(email);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await go(() => page.getByLabel('Mật khẩu', { exact: true }).press('Enter'), landing);
    }
    const logout = () => go(() => header.getByRole('button', { name: 'Đăng xuất' }).click(), '/');

    step('platform started');
    // 1. The citizen files the karaoke licence online ---------------------------------------------
    await login('congdan@vanhien.test', '/');
    await open(`/thu-tuc/${PROC.code}`);
    // The fee is shown before filing.
    expect(await mainText()).toContain('4.000.000');
    await click(link('Nộp hồ sơ trực tuyến'), /^\/ho-so\/[0-9a-f-]{36}\/buoc\/1$/);
    const id = pathname().split('/')[2]!;
    for (let n = 1; n <= PROC.form.steps.length; n++) {
      if (n === 1) {
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
      await click(button('Lưu và tiếp tục'), n < PROC.form.steps.length ? `/ho-so/${id}/buoc/${n + 1}` : `/ho-so/${id}/giay-to`);
    }
    for (const [i, doc] of PROC.documents.entries()) await button(`${i + 1}. ${doc.name}`).setInputFiles(files[i]!);
    await click(button('Tải lên'), `/ho-so/${id}/giay-to`);
    await click(link('Tiếp tục: kiểm tra hồ sơ'), `/ho-so/${id}/kiem-tra`);
    await click(button('Nộp hồ sơ'), `/ho-so/${id}`);
    const code = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace(/^Hồ sơ\s*/, '').trim();
    expect(code).toMatch(/^[A-Za-z0-9.\-_]+$/);

    step('filed');
    // 2. The VietQR: image, amount, memo with the whole dossier code, payload with a valid CRC --------
    await click(link('Phí, lệ phí và nộp phí bằng VietQR'), `/ho-so/${id}/nop-phi`);
    expect(await mainText()).toContain('Chưa nộp phí');
    const qrImage = main.getByRole('img', { name: /^Mã VietQR chuyển 4\.000\.000 đồng/ });
    await expect(qrImage.count()).resolves.toBe(1);
    expect(await qrImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const payload = (await field('Mã VietQR dạng văn bản (để sao chép)').inputValue()).trim();
    const qr = parseVietQr(payload);
    expect(qr.crcOk).toBe(true);
    expect(qr.fields['54']).toBe('4000000');
    const memo = ((await main.locator('dd code').last().textContent()) ?? '').trim();
    expect(memo.replace(/[^A-Z0-9]/gi, '')).toContain(code.replace(/[^A-Z0-9]/gi, ''));
    await logout();

    step('VietQR seen');
    // 3. The desk imports the bank's statement that carries the transfer ----------------------------
    // What comes back from the bank: the memo as the app sent it, plus words the payer added.
    const csv = path.join(tmp, `sao-ke-${tag}.csv`);
    const today = new Date().toLocaleDateString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
    fs.writeFileSync(
      csv,
      ['\uFEFFNgày giao dịch,Mã giao dịch,Số tiền ghi có,Nội dung', `${today},FT26${tag.toUpperCase()}001,4.000.000,${memo} NOP PHI KARAOKE`, `${today},FT26${tag.toUpperCase()}002,150.000,CHUYEN TIEN NHA`].join('\r\n'),
    );
    await login('tiepnhan@vanhien.test', '/quan-tri');
    await open('/quan-tri/phi/doi-soat');
    await field('Tệp sao kê (CSV, XLSX, camt.053)').setInputFiles(csv);
    await click(button('Nhập và đối soát'), '/quan-tri/phi/doi-soat');
    const report = await mainText();
    expect(report).toContain('Khớp: 1');
    expect(report).toContain('Không có mã hồ sơ trong nội dung: 1');
    expect(report).toContain(`khớp hồ sơ ${code}`);

    step('statement imported');
    // The dossier shows the fee paid, on the desk's page and (below) on the citizen's.
    await open(`/quan-tri/ho-so/${id}`);
    expect(await mainText()).toContain('Đã nộp phí');

    step('fee paid shown');
    // 4. Processing: desk receives and assigns, specialist forwards, leader approves, desk returns --
    await click(button('Tiếp nhận hồ sơ (bắt đầu tính thời hạn)'), `/quan-tri/ho-so/${id}`);
    await field('Chuyên viên xử lý').selectOption({ label: 'Lê Văn Chuyên' });
    await click(button('Chuyển xử lý'), `/quan-tri/ho-so/${id}`);
    await logout();
    await login('chuyenvien@vanhien.test', '/quan-tri');
    await open(`/quan-tri/ho-so/${id}`);
    await click(button('Trình phê duyệt'), `/quan-tri/ho-so/${id}`);
    await logout();
    await login('lanhdao@vanhien.test', '/quan-tri');
    await open(`/quan-tri/ho-so/${id}`);
    await click(button('Phê duyệt'), `/quan-tri/ho-so/${id}`);
    expect(await mainText()).toContain('Đã phê duyệt, chờ trả kết quả');
    await logout();
    await login('tiepnhan@vanhien.test', '/quan-tri');
    await open(`/quan-tri/ho-so/${id}`);
    await click(button('Phát hành và trả kết quả'), `/quan-tri/ho-so/${id}`);
    expect(await mainText()).toContain('Đã trả kết quả');
    await logout();

    step('processed and returned');
    // 5. The citizen sees "đã nộp phí", downloads the signed result; pdfsig and /xac-thuc agree ----
    await login('congdan@vanhien.test', '/');
    await open(`/ho-so/${id}`);
    const dossierPage = await mainText();
    expect(dossierPage).toContain('Đã nộp phí, lệ phí');
    expect(dossierPage).toContain('Đã trả kết quả');
    await click(link('Phí, lệ phí và nộp phí bằng VietQR'), `/ho-so/${id}/nop-phi`);
    expect(await mainText()).toContain('Đã nộp phí');
    await expect(main.getByRole('img', { name: /^Mã VietQR/ }).count()).resolves.toBe(0);
    await open(`/ho-so/${id}`);
    const href = await link('Kết quả giải quyết (PDF)').getAttribute('href');
    const res = await page.context().request.get(new URL(href!, page.url()).href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const pdf = await res.body();
    const file = path.join(tmp, `ket-qua-${tag}.pdf`);
    fs.writeFileSync(file, pdf);
    const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');

    step('result downloaded, pdfsig');
    await open('/xac-thuc');
    await field('Chọn tệp PDF cần kiểm tra').setInputFiles(file);
    await click(button('Kiểm tra'), '/xac-thuc');
    const verified = await mainText();
    expect(verified).toContain('Chữ ký số hợp lệ — văn bản không bị thay đổi sau khi ký');
    expect(verified).toContain('Trùng khớp với văn bản đã phát hành');
    expect(verified).toContain(code);
    for (const secret of ['012345678901', '0912345678']) expect(verified).not.toContain(secret);
    await logout();
    step('verified on /xac-thuc');
  }
});
