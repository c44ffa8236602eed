import { afterAll, beforeAll, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { DEMO_CITIZEN, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, freePort, startOidcProvider } from './oidc-provider.js';

/**
 * Real browser journeys against the whole platform (real HTTP stack, real PostgreSQL clone) and a
 * real OpenID Provider on loopback. Every page a journey opens is checked with axe.
 */

const PASSWORD = 'Demo@2026';
const T = 60_000;

describeBrowser('hành trình trên trình duyệt', () => {
  let browser: Browser;
  let tp: TestPlatform;
  let oidc: { issuer: string; close(): Promise<void> };
  let base = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // Each side needs the other's URL before it starts: choose both ports first.
    const appPort = await freePort();
    base = `http://127.0.0.1:${appPort}`;
    oidc = await startOidcProvider({ appUrl: base });
    tp = await startTestPlatform({
      listen: true,
      env: {
        PORT: String(appPort),
        PUBLIC_URL: base,
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID,
        OIDC_CLIENT_SECRET,
        // E2E_LOG_LEVEL=error shows the server's side of a failing journey.
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
      },
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await tp?.close();
    await oidc?.close();
  });

  async function newPage(opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const ctx = await browser.newContext({ locale: 'vi-VN', ...opts });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function open(page: Page, path: string): Promise<Response> {
    const res = await page.goto(`${base}${path}`);
    if (!res) throw new Error(`no response for ${path}`);
    return res;
  }

  /** The login form filled by its labels and submitted with Enter; resolves on the next page. */
  async function submitLogin(page: Page, email: string, password = PASSWORD): Promise<Response | null> {
    await page.getByLabel('Thư điện tử', { exact: true }).fill(email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
    const [nav] = await Promise.all([page.waitForNavigation(), page.getByLabel('Mật khẩu', { exact: true }).press('Enter')]);
    return nav;
  }

  const header = (page: Page) => page.locator('header.vh-header');
  const mainLink = (page: Page, name: string) => page.getByRole('main').getByRole('link', { name, exact: true });

  async function logout(page: Page) {
    await Promise.all([page.waitForNavigation(), header(page).getByRole('button', { name: 'Đăng xuất' }).click()]);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(header(page).getByRole('link', { name: 'Đăng nhập', exact: true }).count()).resolves.toBe(1);
    await expect(header(page).getByRole('button', { name: 'Đăng xuất' }).count()).resolves.toBe(0);
    await checkA11y(page);
  }

  async function expectForbidden(page: Page, path: string) {
    const res = await open(page, path);
    expect(res.status(), path).toBe(403);
    await expect(page.getByRole('main').textContent()).resolves.toContain('Bạn không có quyền');
    await checkA11y(page);
  }

  async function loginAsStaff(page: Page, email: string) {
    await open(page, '/dang-nhap');
    await checkA11y(page);
    await submitLogin(page, email);
    expect(new URL(page.url()).pathname).toBe('/quan-tri');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Việc của tôi');
    await expect(header(page).getByRole('button', { name: 'Đăng xuất' }).count()).resolves.toBe(1);
    await checkA11y(page);
  }

  it(
    'quản trị: đăng nhập, đăng ký TOTP, thấy Người dùng, Nhật ký, Lịch; đăng xuất',
    async () => {
      const page = await newPage();
      await open(page, '/dang-nhap');
      await checkA11y(page);
      await submitLogin(page, 'admin@vanhien.test');
      expect(new URL(page.url()).pathname).toBe('/dang-nhap/xac-thuc');
      await checkA11y(page);
      const secret = (await page.locator('#totp-secret').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^[A-Z2-7]+=*$/);
      const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
      await page.getByLabel('Mã xác thực').fill(code);
      await Promise.all([page.waitForNavigation(), page.getByLabel('Mã xác thực').press('Enter')]);
      expect(new URL(page.url()).pathname).toBe('/quan-tri');
      await checkA11y(page);
      for (const name of ['Người dùng', 'Nhật ký hệ thống', 'Lịch làm việc']) await expect(mainLink(page, name).count(), name).resolves.toBe(1);

      const audit = await open(page, '/quan-tri/nhat-ky');
      expect(audit.status()).toBe(200);
      await checkA11y(page);
      const cal = await open(page, '/quan-tri/lich');
      expect(cal.status()).toBe(200);
      await checkA11y(page);
      await logout(page);
    },
    T,
  );

  it(
    'lãnh đạo: thấy Nhật ký hệ thống, không thấy Người dùng; đăng xuất',
    async () => {
      const page = await newPage();
      await loginAsStaff(page, 'lanhdao@vanhien.test');
      await expect(mainLink(page, 'Nhật ký hệ thống').count()).resolves.toBe(1);
      await expect(mainLink(page, 'Người dùng').count()).resolves.toBe(0);
      await Promise.all([page.waitForNavigation(), mainLink(page, 'Nhật ký hệ thống').click()]);
      expect(new URL(page.url()).pathname).toBe('/quan-tri/nhat-ky');
      await checkA11y(page);
      await logout(page);
    },
    T,
  );

  for (const email of ['tiepnhan@vanhien.test', 'chuyenvien@vanhien.test', 'bientap@vanhien.test']) {
    it(
      `${email}: bàn làm việc không có Người dùng, Nhật ký; bị từ chối ở nhật ký; đăng xuất`,
      async () => {
        const page = await newPage();
        await loginAsStaff(page, email);
        await expect(mainLink(page, 'Người dùng').count()).resolves.toBe(0);
        await expect(mainLink(page, 'Nhật ký hệ thống').count()).resolves.toBe(0);
        await expectForbidden(page, '/quan-tri/nhat-ky');
        await logout(page);
      },
      T,
    );
  }

  it(
    'công dân: đăng nhập, bị từ chối (403) ở trang quản trị; đăng xuất',
    async () => {
      const page = await newPage();
      await open(page, '/dang-nhap');
      await checkA11y(page);
      await submitLogin(page, 'congdan@vanhien.test');
      expect(new URL(page.url()).pathname).toBe('/');
      await expect(header(page).getByRole('link', { name: 'Võ Thị Công Dân' }).count()).resolves.toBe(1);
      await checkA11y(page);
      await expectForbidden(page, '/quan-tri/nhat-ky');
      await expectForbidden(page, '/quan-tri/lich');
      await logout(page);
    },
    T,
  );

  it(
    'công dân đăng nhập bằng VNeID (OpenID Connect) rồi đăng xuất',
    async () => {
      const page = await newPage();
      await open(page, '/dang-nhap');
      await Promise.all([page.waitForURL((u) => u.origin === oidc.issuer), page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click()]);
      // The provider's development login page: any login name; this one is the citizen's VNeID number.
      await page.locator('input[name="login"]').fill(DEMO_CITIZEN.sub);
      await page.locator('input[name="password"]').fill('any');
      await Promise.all([page.waitForNavigation(), page.locator('input[name="password"]').press('Enter')]);
      // Consent ("Continue"), unless the provider skipped it.
      if (new URL(page.url()).origin === oidc.issuer) {
        await Promise.all([page.waitForURL((u) => u.origin === base), page.getByRole('button', { name: /Continue|Authorize/ }).click()]);
      }
      await page.waitForLoadState('load');
      expect(page.url(), (await page.locator('main').textContent().catch(() => '')) ?? '').toBe(`${base}/`);
      await expect(header(page).getByRole('link', { name: DEMO_CITIZEN.name }).count()).resolves.toBe(1);
      await checkA11y(page);
      await logout(page);
    },
    T,
  );

  it(
    'không có JavaScript: đăng ký sai hiện tóm tắt lỗi, giữ giá trị; đăng nhập sai báo lỗi',
    async () => {
      const page = await newPage({ javaScriptEnabled: false });
      await open(page, '/dang-ky');
      await checkA11y(page);
      await page.getByLabel('Họ và tên').fill('Trần Văn Bình');
      await page.getByLabel('Thư điện tử', { exact: true }).fill('khong-hop-le');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('123');
      await page.getByLabel('Nhập lại mật khẩu', { exact: true }).fill('456');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/dang-ky'),
        page.getByLabel('Nhập lại mật khẩu', { exact: true }).press('Enter'),
      ]);
      await page.waitForLoadState('load');
      expect(res.status()).toBe(400);
      const summary = page.locator('.vh-error-summary');
      await expect(summary.getByRole('heading').textContent()).resolves.toBe('Có lỗi cần sửa');
      const text = (await summary.textContent()) ?? '';
      for (const msg of ['Địa chỉ thư điện tử không đúng định dạng', 'Mật khẩu phải có ít nhất 8 ký tự', 'Mật khẩu nhập lại không khớp']) expect(text).toContain(msg);
      await expect(page.getByLabel('Họ và tên').inputValue()).resolves.toBe('Trần Văn Bình');
      await expect(page.getByLabel('Thư điện tử', { exact: true }).inputValue()).resolves.toBe('khong-hop-le');
      await expect(page.getByLabel('Mật khẩu', { exact: true }).inputValue()).resolves.toBe('');
      await checkA11y(page);

      await open(page, '/dang-nhap');
      const nav = await submitLogin(page, 'congdan@vanhien.test', 'Sai-mat-khau-1');
      // The form is shown again, with the error, at the address it was posted to (no redirect).
      expect(new URL(page.url()).pathname).toBe('/dang-nhap');
      expect(nav?.status(), (await page.locator('main').textContent()) ?? '').toBe(401);
      await expect(page.locator('.vh-error-summary').textContent()).resolves.toContain('Thư điện tử hoặc mật khẩu không đúng.');
      await expect(page.getByLabel('Thư điện tử', { exact: true }).inputValue()).resolves.toBe('congdan@vanhien.test');
      await checkA11y(page);
    },
    T,
  );

  it(
    'chuyển sang tiếng Anh: <html lang="en">, trang đăng nhập "Sign in"',
    async () => {
      const page = await newPage();
      await open(page, '/dang-nhap');
      await Promise.all([page.waitForNavigation(), header(page).getByRole('link', { name: 'English', exact: true }).click()]);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      expect(new URL(page.url()).pathname).toBe('/dang-nhap');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in');
      await expect(header(page).getByRole('link', { name: 'Tiếng Việt', exact: true }).count()).resolves.toBe(1);
      await checkA11y(page);
    },
    T,
  );

  it(
    'trang 404',
    async () => {
      const page = await newPage();
      const res = await open(page, '/khong-co-trang-nay');
      expect(res.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Không tìm thấy trang');
      await checkA11y(page);
    },
    T,
  );
});
