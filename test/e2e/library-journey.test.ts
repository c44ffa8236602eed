import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { freePort } from './oidc-provider.js';

/**
 * Issue 12 "Done when" (browser): a reader searches "dia chi Binh Duong" typed without diacritics
 * in the public catalogue, opens a record, reads its digitised item, searches inside it and lands
 * on the page with the words highlighted. Once with JavaScript off (page image, next/previous,
 * results list), once on (OpenSeadragon, overlays from the IIIF Content Search API). axe on each
 * page kind.
 */
describeBrowser('hành trình thư viện: tìm địa chí, mở biểu ghi, đọc bản số hóa, tìm trong tài liệu', () => {
  let browser: Browser;
  let tp: TestPlatform;
  let base = '';
  const contexts: BrowserContext[] = [];
  /** titles of demo records that carry a digitised item */
  let digitised: { title: string; itemId: string }[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    tp = await startTestPlatform({ listen: true, env: { PORT: String(port), PUBLIC_URL: base } });
    const s = tp.platform.services;
    const q = () => s.pool.query(`SELECT r.title, i.id AS "itemId" FROM library_items i JOIN library_records r ON r.id = i.record_id WHERE i.is_demo ORDER BY i.created_at`);
    // the demo seed (module library: records, then digitised items with page text) runs at start
    digitised = (await q()).rows;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await tp?.close();
  });

  const jsOf = new WeakMap<Page, boolean>();
  const checked = new Set<string>();
  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    const ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    jsOf.set(page, javaScriptEnabled);
    return page;
  }
  async function a11y(page: Page) {
    const kind = `${jsOf.get(page)}|${new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id')}`;
    if (checked.has(kind)) return;
    checked.add(kind);
    await checkA11y(page);
  }
  async function open(page: Page, path: string) {
    const res = await page.goto(`${base}${path}`);
    expect(res?.status(), path).toBe(200);
    await a11y(page);
  }
  async function go(page: Page, target: Locator) {
    const [nav] = await Promise.all([page.waitForNavigation(), target.click()]);
    await page.waitForLoadState('load');
    expect(nav?.status(), page.url()).toBe(200);
    await a11y(page);
  }

  for (const js of [false, true]) {
    it(
      `JavaScript ${js ? 'bật' : 'tắt'}: tìm "dia chi Binh Duong", mở biểu ghi, đọc, tìm trong tài liệu`,
      async () => {
        expect(digitised.length).toBeGreaterThan(0);
        const page = await newPage(js);
        // ——— The public catalogue (OPAC): the query typed without diacritics ———
        await open(page, '/thu-vien');
        const form = page.getByRole('main').locator('form').filter({ has: page.locator('input[name="q"]') }).first();
        await form.locator('input[name="q"]').fill('dia chi Binh Duong');
        await go(page, form.locator('button[type="submit"]').first());
        expect(new URL(page.url()).pathname).toBe('/thu-vien');
        expect(new URL(page.url()).searchParams.get('q')).toBe('dia chi Binh Duong');
        const titles = digitised.map((d) => d.title);
        const hit = page.getByRole('main').getByRole('link').filter({ hasText: new RegExp(titles.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')) }).first();
        await go(page, hit);
        expect(new URL(page.url()).pathname).toMatch(/^\/thu-vien\/bieu-ghi\//);
        // ——— The record page: its digitised item ———
        const read = page.getByRole('main').locator('a[href^="/thu-vien/doc/"]').first();
        const itemId = /\/thu-vien\/doc\/([0-9a-f-]{36})/.exec((await read.getAttribute('href')) ?? '')![1]!;
        expect(digitised.map((d) => d.itemId)).toContain(itemId);
        await go(page, read);
        expect(new URL(page.url()).pathname).toBe(`/thu-vien/doc/${itemId}`);
        await expect(page.getByRole('main').locator('figcaption').textContent()).resolves.toMatch(/Trang 1\/\d+/);

        if (js) {
          // the deep-zoom viewer replaces the still page image
          await page.locator('#doc-viewer[data-state="ready"]').waitFor();
          await page.locator('#doc-viewer canvas').first().waitFor();
          expect(await page.locator('#doc-page').isHidden()).toBe(true);
        } else {
          // next/previous links without JavaScript
          await go(page, page.getByRole('link', { name: 'Trang sau →' }));
          await expect(page.locator('figcaption').textContent()).resolves.toMatch(/Trang 2\/\d+/);
          await go(page, page.getByRole('link', { name: '← Trang trước' }));
        }

        // ——— Search inside the item, land on the page ———
        const search = page.getByRole('search', { name: 'Tìm trong tài liệu' });
        await search.getByLabel(/Từ cần tìm/).fill('thu dau mot');
        await go(page, search.getByRole('button', { name: 'Tìm', exact: true }));
        const results = page.locator('.vh-reader__results li a');
        expect(await results.count()).toBeGreaterThan(0);
        const target = Number(await results.first().getAttribute('data-doc-goto'));
        expect(target).toBeGreaterThan(1);
        if (js) {
          await results.first().click();
          await page.waitForFunction((n) => document.getElementById('doc-viewer')?.getAttribute('data-shown-page') === String(n), target);
          await page.waitForFunction(() => Number(document.getElementById('doc-viewer')?.getAttribute('data-hits') ?? '0') > 0);
          expect(new URL(page.url()).searchParams.get('trang')).toBe(String(target));
          expect(await page.locator('.vh-reader__overlay').count()).toBeGreaterThan(0);
        } else {
          await go(page, results.first());
          expect(new URL(page.url()).searchParams.get('trang')).toBe(String(target));
          await expect(page.locator('figcaption').textContent()).resolves.toContain(`Trang ${target}/`);
          expect(await page.locator('#doc-page rect.vh-reader__hit').count()).toBeGreaterThan(0);
          await expect(page.locator('.vh-reader__text mark').first().textContent()).resolves.toBe('Thủ Dầu Một');
        }
      },
      Number(process.env.E2E_LIBRARY_TIMEOUT ?? 120_000),
    );
  }
});
