import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';

/**
 * Every public page of every module, with JavaScript off (how a cheap phone on a bad network may
 * see it) and on: it answers 200, has one h1, a Vietnamese <html lang>, and no serious or
 * critical axe finding. A new public page belongs in this list.
 */
describeBrowser('các trang công khai', () => {
  let browser: Browser;
  let tp: TestPlatform;
  let pages: string[] = [];

  beforeAll(async () => {
    tp = await startTestPlatform({ listen: true });
    browser = await launchBrowser();
    const procedure = (await (await fetch(`${tp.url}/api/v1/procedures?limit=1`)).json()) as { items: { code: string }[] };
    const news = await (await fetch(`${tp.url}/tin-tuc/rss.xml`)).text();
    const article = /<link>[^<]*?(\/tin-tuc\/[^<]+)<\/link>/.exec(news.split('<item>')[1] ?? '')?.[1];
    expect(article, 'an article link in the RSS feed').toBeTruthy();
    pages = [
      '/',
      '/thong-bao',
      '/thu-tuc',
      '/thu-tuc?q=giay+phep',
      `/thu-tuc/${procedure.items[0]!.code}`,
      '/tra-cuu',
      '/tin-tuc',
      article!,
      '/phan-anh',
      '/phan-anh/gui',
      '/phan-anh/tra-cuu',
      '/gioi-thieu',
      '/chuc-nang-nhiem-vu',
      '/co-cau-to-chuc',
      '/lanh-dao',
      '/danh-ba',
      '/van-ban',
      '/tim-kiem?q=du+lich',
      '/thu-vien/dia-chi',
      '/dang-nhap',
      '/dang-ky',
      '/quen-mat-khau',
      '/en/organisation-structure',
      '/en/contacts',
    ];
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await tp?.close();
  });

  for (const javaScriptEnabled of [false, true]) {
    it(`JavaScript ${javaScriptEnabled ? 'bật' : 'tắt'}: mọi trang công khai mở được và qua kiểm tra axe`, async () => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      for (const path of pages) {
        const res = await page.goto(`${tp.url}${path}`);
        expect(res?.status(), path).toBe(200);
        expect(await page.getAttribute('html', 'lang'), path).toBe(path.startsWith('/en/') ? 'en' : 'vi');
        expect(await page.locator('h1').count(), path).toBe(1);
        await checkA11y(page, path);
      }
      await context.close();
    }, 180_000);
  }
});
