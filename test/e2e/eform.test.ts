import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as repo from '../../src/modules/dossiers/dossiers.repository.js';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';

/**
 * Issue 10 finding 5: conditional questions of an e-form. Without JavaScript the follow-up is
 * asked on the next page only when its condition holds (GOV.UK Forms routes); with JavaScript it
 * is toggled on the same page. After a refused step the title starts with "Lỗi:" and the error
 * summary has the focus; starting a procedure that has a draft asks what to do.
 */

// Step 1 of DEMO.000101 asks "Nộp hồ sơ với tư cách"; "to-chuc" adds the organisation's name and position.
const KARAOKE = 'DEMO.000101';
const STEP1 = {
  fullName: 'Võ Thị Công Dân',
  idNumber: '012345678901',
  phone: '0912345678',
  email: 'congdan@vanhien.test',
  address: '12 Lê Lợi, phường Sài Gòn, TP. Hồ Chí Minh',
};

describeBrowser('biểu mẫu điện tử: câu hỏi có điều kiện, lỗi, hồ sơ đang soạn', () => {
  let t: TestPlatform;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestPlatform({ listen: true });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await t?.close();
  });

  const post = (cookie: string, url: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
  const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
  const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)![1]!;

  it('without JavaScript: the condition on one page, the follow-up on the next; the error title and focus; the existing-draft prompt', async () => {
    const login = await loginCookies(t.app, 'congdan@vanhien.test');
    const start = await t.app.inject({ url: `/thu-tuc/${KARAOKE}/nop`, headers: { cookie: login } });
    expect(start.statusCode).toBe(302);
    const base = String(start.headers.location).replace(/\/buoc\/1$/, '');
    const { csrf, cookie } = await csrfFor(t.app, `${base}/buoc/1`, login);

    const step1 = await t.app.inject({ url: `${base}/buoc/1`, headers: { cookie } });
    // The follow-up is in the page for the script, but hidden: without JavaScript nobody sees it.
    expect(step1.body).toMatch(/<div class="vh-conditional" data-show-if-field="applicantType" data-show-if-equals="to-chuc" hidden[^>]*>[\s\S]*?id="f-organisationName"/);
    expect(step1.body).not.toContain('chỉ trả lời nếu bạn chọn');
    expect(step1.body).toContain('<script src="/static/ho-so/forms.js" defer>');
    // One counter for the form's steps plus attachments and the check page, as the step list shows.
    const total = (step1.body.match(/<li>/g) ?? []).length;
    expect(titleOf(step1.body)).toContain(`Bước 1/`);
    expect(step1.body).toMatch(/<span class="vh-hint vh-block">Bước 1\/(\d+)<\/span>/);
    const n = Number(/Bước 1\/(\d+)/.exec(step1.body)![1]);
    expect(n).toBeGreaterThanOrEqual(3);
    expect(total).toBeGreaterThanOrEqual(n);

    // An unanswered question: 400, "Lỗi:" first in the title, the summary focused without a script.
    const bad = await post(cookie, `${base}/buoc/1`, { _csrf: csrf, version: versionOf(step1.body), action: 'next', part: 'main', ...STEP1, idNumber: '' });
    expect(bad.statusCode).toBe(400);
    expect(titleOf(bad.body)).toMatch(/^Lỗi: /);
    expect(bad.body).toMatch(/<div class="vh-error-summary"[^>]*autofocus/);

    // "Tổ chức" chosen: the follow-ups come on their own page, not the next step.
    const main = await post(cookie, `${base}/buoc/1`, { _csrf: csrf, version: versionOf(step1.body), action: 'next', part: 'main', ...STEP1, applicantType: 'to-chuc' });
    expect(main.statusCode).toBe(302);
    expect(main.headers.location).toBe(`${base}/buoc/1/tiep`);
    const follow = await t.app.inject({ url: `${base}/buoc/1/tiep`, headers: { cookie } });
    expect(follow.statusCode).toBe(200);
    expect(follow.body).toContain('id="f-organisationName"');
    expect(follow.body).not.toContain('id="f-fullName"');
    const empty = await post(cookie, `${base}/buoc/1/tiep`, { _csrf: csrf, version: versionOf(follow.body), action: 'next', organisationName: '' });
    expect(empty.statusCode).toBe(400);
    expect(titleOf(empty.body)).toMatch(/^Lỗi: /);
    expect(empty.body).toContain('id="f-organisationName"');
    const ok = await post(cookie, `${base}/buoc/1/tiep`, { _csrf: csrf, version: versionOf(follow.body), action: 'next', organisationName: 'Công ty TNHH Sao Mai', position: 'Giám đốc' });
    expect(ok.statusCode).toBe(302);
    expect(ok.headers.location).toBe(`${base}/buoc/2`);
    const id = base.split('/').pop()!;
    let saved = (await repo.findDossier(t.platform.services.db, id))!;
    expect(saved.answers).toMatchObject({ applicantType: 'to-chuc', organisationName: 'Công ty TNHH Sao Mai', position: 'Giám đốc', fullName: STEP1.fullName });

    // Back to "cá nhân": no follow-up page, and the organisation's answers are dropped.
    const again = await t.app.inject({ url: `${base}/buoc/1`, headers: { cookie } });
    const personal = await post(cookie, `${base}/buoc/1`, { _csrf: csrf, version: versionOf(again.body), action: 'next', part: 'main', ...STEP1, applicantType: 'ca-nhan' });
    expect(personal.headers.location).toBe(`${base}/buoc/2`);
    saved = (await repo.findDossier(t.platform.services.db, id))!;
    expect(saved.answers.organisationName).toBeUndefined();
    expect((await t.app.inject({ url: `${base}/buoc/1/tiep`, headers: { cookie } })).headers.location).toBe(`${base}/buoc/2`);

    // Starting the same procedure again: the draft is offered, or a new one on request.
    const prompt = await t.app.inject({ url: `/thu-tuc/${KARAOKE}/nop`, headers: { cookie } });
    expect(prompt.statusCode).toBe(200);
    expect(prompt.body).toContain(`href="${base}/tiep-tuc"`);
    expect(prompt.body).toContain('Tiếp tục hồ sơ đang soạn');
    expect(prompt.body).toContain('Bắt đầu hồ sơ mới');
    const fresh = await post(cookie, `/thu-tuc/${KARAOKE}/nop`, { _csrf: csrf, action: 'new' });
    expect(fresh.statusCode).toBe(302);
    expect(fresh.headers.location).toMatch(/^\/ho-so\/[0-9a-f-]{36}\/buoc\/1$/);
    expect(fresh.headers.location).not.toBe(`${base}/buoc/1`);
  }, 60_000);

  async function signIn(page: Page) {
    await page.goto(`${t.url}/dang-nhap`);
    await page.getByLabel('Thư điện tử', { exact: true }).fill('congdan@vanhien.test');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('Demo@2026');
    await Promise.all([page.waitForNavigation(), page.getByLabel('Mật khẩu', { exact: true }).press('Enter')]);
  }

  it('with JavaScript: the follow-up toggles on the same page, and the error summary takes the focus', async () => {
    const ctx = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await ctx.newPage();
      page.setDefaultTimeout(20_000);
      await signIn(page);
      await page.goto(`${t.url}/thu-tuc/${KARAOKE}/nop`);
      // The first test left drafts: continue the newest.
      if (await page.getByRole('heading', { name: /hồ sơ soạn dở/ }).count()) {
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Bắt đầu hồ sơ mới' }).click()]);
      }
      expect(page.url()).toMatch(/\/buoc\/1$/);
      const orgName = page.getByLabel('Tên tổ chức, doanh nghiệp');
      await expect(orgName.isVisible()).resolves.toBe(false);
      await page.getByLabel('Đại diện tổ chức, doanh nghiệp').check();
      await expect(orgName.isVisible()).resolves.toBe(true);
      await page.getByRole('radio', { name: 'Cá nhân' }).check();
      await expect(orgName.isVisible()).resolves.toBe(false);
      await page.getByLabel('Đại diện tổ chức, doanh nghiệp').check();
      await checkA11y(page, 'e-form step 1 with a follow-up shown');

      // The follow-up left empty: refused on the same page, focus on the summary, "Lỗi:" in the title.
      await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill(STEP1.idNumber);
      await page.getByLabel(/^Địa chỉ/).first().fill(STEP1.address);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()]);
      expect(await page.title()).toMatch(/^Lỗi: /);
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-module'))).resolves.toBe('error-summary');
      await expect(orgName.isVisible()).resolves.toBe(true);
      await checkA11y(page, 'e-form step 1 after an error');

      await orgName.fill('Công ty TNHH Sao Mai');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Lưu và tiếp tục' }).click()]);
      expect(page.url()).toMatch(/\/buoc\/2$/);
      const id = /\/ho-so\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
      const saved = (await repo.findDossier(t.platform.services.db, id))!;
      expect(saved.answers).toMatchObject({ applicantType: 'to-chuc', organisationName: 'Công ty TNHH Sao Mai' });
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
