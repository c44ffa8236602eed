import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { publishScheduled } from '../../src/modules/news/news.commands.js';
import { formatVnDateTime } from '../../src/modules/news/news.format.js';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { freePort } from './oidc-provider.js';

/**
 * Issue 5, "Done when": the editor writes an article with an image and submits it, the approver
 * schedules it, the publishing job publishes it, a visitor finds it by searching without
 * diacritics, reads it and sees it in the RSS feed; the English contact page opens from the
 * Vietnamese one through the language switch. JavaScript is off (every step must work without
 * it); every page opened is checked with axe.
 */

const PASSWORD = 'Demo@2026';
const TITLE = 'Liên hoan Đờn ca tài tử tỉnh lần thứ nhất';
const ALT = 'Nghệ nhân đờn ca tài tử biểu diễn trên sân khấu ngoài trời';

describeBrowser('hành trình cổng thông tin: viết bài có ảnh → duyệt hẹn giờ → tự động đăng → tìm, đọc, RSS → trang tiếng Anh', () => {
  let browser: Browser;
  let tp: TestPlatform;
  let base = '';
  let tmp = '';
  let imageFile = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    tp = await startTestPlatform({ listen: true, env: { PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' } });
    browser = await launchBrowser();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-portal-e2e-'));
    imageFile = path.join(tmp, 'dem-ca-tai-tu.png');
    // A drawn picture (stage lights over a river), not a photo taken from anywhere.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="#1d3557"/><circle cx="800" cy="300" r="180" fill="#f5c542"/><rect y="620" width="1600" height="280" fill="#457b9d"/></svg>`;
    await sharp(Buffer.from(svg)).png().toFile(imageFile);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await tp?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled: false });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  function helpers(page: Page) {
    const main = page.getByRole('main');
    const header = page.locator('header.vh-header');
    const pathname = () => new URL(page.url()).pathname;
    async function open(p: string): Promise<Response> {
      const res = await page.goto(`${base}${p}`);
      if (!res) throw new Error(`no response for ${p}`);
      expect(res.status(), p).toBe(200);
      await checkA11y(page);
      return res;
    }
    async function go(action: () => Promise<void>, expectPath?: RegExp | string, expectStatus?: number): Promise<void> {
      const [res] = await Promise.all([page.waitForNavigation(), action()]);
      if (expectStatus) expect(res?.status()).toBe(expectStatus);
      else if (res && res.status() >= 400) throw new Error(`${page.url()} answered ${res.status()}:\n${((await main.textContent()) ?? '').slice(0, 2000)}`);
      if (typeof expectPath === 'string') expect(pathname()).toBe(expectPath);
      else if (expectPath) expect(pathname()).toMatch(expectPath);
      await checkA11y(page);
    }
    const click = (l: Locator, expectPath?: RegExp | string, expectStatus?: number) => go(() => l.click(), expectPath, expectStatus);
    const field = (label: string) => main.getByLabel(label, { exact: true });
    const button = (name: string) => main.getByRole('button', { name, exact: true });
    const text = async () => (await page.locator('body').textContent()) ?? '';
    async function login(email: string) {
      await open('/dang-nhap');
      await field('Thư điện tử').fill(email);
      await field('Mật khẩu').fill(PASSWORD);
      await go(() => field('Mật khẩu').press('Enter'), '/quan-tri');
    }
    async function logout() {
      await go(() => header.getByRole('button', { name: 'Đăng xuất' }).click(), '/');
    }
    return { main, header, pathname, open, go, click, field, button, text, login, logout };
  }

  it(
    'biên tập viên viết bài có ảnh, lãnh đạo hẹn giờ, hệ thống đăng, người dân tìm thấy và đọc',
    async () => {
      const page = await newPage();
      const h = helpers(page);

      // ── the editor ──────────────────────────────────────────────────────────
      await h.login('bientap@vanhien.test');
      await h.open('/quan-tri/tin-bai');
      await h.click(h.main.getByRole('link', { name: 'Viết bài mới', exact: true }), '/quan-tri/tin-bai/moi');
      await h.field('Tiêu đề').fill(TITLE);
      await h.field('Chuyên mục').selectOption({ label: 'Văn hóa' });
      await h.field('Tóm tắt (sa-pô)').fill('Ba mươi đoàn nghệ nhân các huyện tham gia liên hoan tại Công viên trung tâm tỉnh. (bài viết minh họa)');
      await h.field('Nội dung').fill('Liên hoan diễn ra trong hai đêm, với các bài bản tổ và trích đoạn cải lương.');
      await h.click(h.button('Lưu'), /^\/quan-tri\/tin-bai\/[0-9a-f-]{36}$/);
      const articlePath = h.pathname();
      expect(await h.text()).toContain('Đã lưu bản nháp.');

      // An image without alt text is refused, with a Vietnamese message next to the field.
      await h.main.getByLabel('Tệp ảnh', { exact: true }).setInputFiles(imageFile);
      await h.click(h.button('Tải ảnh lên'), `${articlePath}/anh`, 400);
      expect(await h.text()).toContain('Vui lòng nhập mô tả ảnh');
      await h.field('Mô tả ảnh (văn bản thay thế, bắt buộc)').fill(ALT);
      await h.main.getByLabel('Tệp ảnh', { exact: true }).setInputFiles(imageFile);
      await h.click(h.button('Tải ảnh lên'), articlePath);
      const snippet = ((await h.main.locator('section[aria-labelledby="anh"] code').first().textContent()) ?? '').trim();
      expect(snippet).toMatch(/^!\[Nghệ nhân .*\]\(\/anh\/[0-9a-f-]{36}\)$/);
      const body = h.field('Nội dung');
      await body.fill(`${await body.inputValue()}\n\n${snippet}\n\nBan tổ chức trao 12 giải A cho các tiết mục xuất sắc.`);
      await h.click(h.button('Lưu và gửi duyệt'), articlePath);
      expect(await h.text()).toContain('Đã lưu và gửi duyệt.');
      await h.logout();

      // ── the approver schedules it a few minutes ahead ─────────────────────────
      await h.login('lanhdao@vanhien.test');
      await h.open('/quan-tri/tin-bai?trang-thai=submitted');
      await h.click(h.main.getByRole('link', { name: TITLE, exact: true }), articlePath);
      const at = new Date(Date.now() + 5 * 60_000);
      await h.field('Hoặc nhập dạng ngày/tháng/năm giờ:phút').fill(formatVnDateTime(at));
      await h.click(h.button('Duyệt / hẹn giờ đăng'), articlePath);
      expect(await h.text()).toContain('Đã duyệt bài.');
      expect(await h.text()).toContain(`Hẹn giờ đăng đăng lúc ${formatVnDateTime(at)}`);
      await h.logout();

      // Not online before its time.
      const slug = 'lien-hoan-don-ca-tai-tu-tinh-lan-thu-nhat';
      expect((await page.goto(`${base}/tin-tuc/${slug}`))?.status()).toBe(404);

      // ── the publishing job (its handler, with the clock six minutes ahead) ─────
      const published = await publishScheduled(tp.platform.services, new Date(Date.now() + 6 * 60_000));
      expect(published.map((a) => a.title)).toEqual([TITLE]);

      // ── a visitor searches without diacritics ────────────────────────────────
      const visitor = await newPage();
      const v = helpers(visitor);
      await v.open('/');
      await v.click(v.header.getByRole('link', { name: 'Tìm kiếm', exact: true }), '/tim-kiem');
      await v.field('Từ khóa').fill('lien hoan don ca tai tu');
      await v.click(v.button('Tìm'), '/tim-kiem');
      await v.click(v.main.getByRole('link', { name: TITLE, exact: true }), `/tin-tuc/${slug}`);
      await expect(v.main.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(TITLE);
      const img = v.main.locator('picture img');
      await expect(img.getAttribute('alt')).resolves.toBe(ALT);
      await expect(img.getAttribute('width')).resolves.toBe('1600');
      await expect(img.getAttribute('height')).resolves.toBe('900');
      const webp = /([^\s,]+) 960w/.exec((await v.main.locator('picture source[type="image/webp"]').getAttribute('srcset')) ?? '')?.[1];
      const imgRes = await visitor.context().request.get(`${base}${webp}`);
      expect(imgRes.status()).toBe(200);
      expect(imgRes.headers()['content-type']).toBe('image/webp');
      expect(imgRes.headers()['cache-control']).toContain('immutable');

      const rss = await visitor.context().request.get(`${base}/tin-tuc/rss.xml`);
      expect(rss.status()).toBe(200);
      expect(await rss.text()).toContain(`<title>${TITLE}</title>`);
      expect(await rss.text()).toContain(`<link>${base}/tin-tuc/${slug}</link>`);

      // ── the English contact page from the Vietnamese one ──────────────────────
      await v.open('/lien-he');
      await v.click(v.header.getByRole('link', { name: 'English', exact: true }), '/en/contacts');
      expect(await visitor.locator('html').getAttribute('lang')).toBe('en');
      expect(await v.main.getByRole('heading', { level: 1 }).textContent()).toMatch(/contact/i);
    },
    300_000,
  );

  it(
    '320 px wide: home, an illustrated article, notices and the rating form need no horizontal scrolling',
    async () => {
      const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 320, height: 640 } });
      contexts.push(ctx);
      const page = await ctx.newPage();
      const illustrated = await tp.platform.services.pool.query(`SELECT slug FROM articles WHERE status = 'published' AND body_html LIKE '%<picture>%' LIMIT 1`);
      for (const p of ['/', `/tin-tuc/${illustrated.rows[0].slug}`, '/thong-bao', '/danh-gia-trang?trang=%2F&tra-loi=khong']) {
        const res = await page.goto(`${base}${p}`);
        expect(res?.status(), p).toBe(200);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, p).toBeLessThanOrEqual(0);
        await checkA11y(page, `${p} @320px`);
      }
    },
    120_000,
  );
});
