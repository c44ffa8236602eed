import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { freePort } from './oidc-provider.js';

/**
 * Issue 4 "Done when": one feedback case from the web form to the public answer and back, in a
 * real browser against the whole platform, once with JavaScript off and once with it on.
 *
 * reporter files on the web → operator records the same thing from a phone call → operator
 * classifies the web case, opens the duplicate suggestion and merges the call into it →
 * specialist (QLVH) takes it, drafts, checks and confirms the redaction preview → leader approves
 * → the redacted answer is public at /phan-anh/{code} and in /phan-anh → the reporter tracks
 * the case with code + phone, rates it and re-opens it. Every page opened is checked with axe.
 */

const PASSWORD = 'Demo@2026';
const CATEGORY = 'VH-KARAOKE'; // routed to QLVH, the specialist's unit
const SECRET_PHONE = '0987 654 321';
const CODE_RE = /PA-\d{6}-\d{4}/;

describeBrowser('hành trình phản ánh: gửi, tổng đài, phân loại, gộp, trả lời, công khai, đánh giá, mở lại', () => {
  let browser: Browser;
  let tp: TestPlatform;
  let base = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    tp = await startTestPlatform({
      listen: true,
      env: { PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' },
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await tp?.close();
  });

  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    const ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function open(page: Page, path: string, status = 200): Promise<Response> {
    const res = await page.goto(`${base}${path}`);
    if (!res) throw new Error(`no response for ${path}`);
    expect(res.status(), `${path}: ${(await page.locator('main').textContent().catch(() => '')) ?? ''}`).toBe(status);
    await checkA11y(page);
    return res;
  }

  /** Clicks a submit button or link and waits for the page it leads to (after any redirect); checks it with axe. */
  async function go(page: Page, target: Locator, status = 200): Promise<Response | null> {
    const [nav] = await Promise.all([page.waitForNavigation(), target.click()]);
    await page.waitForLoadState('load');
    // After a redirect (post-redirect-get) this is the final page's response.
    if (nav) expect(nav.status(), `${page.url()}: ${(await main(page).textContent()) ?? ''}`).toBe(status);
    await checkA11y(page);
    return nav;
  }

  const main = (page: Page) => page.getByRole('main');
  const mainText = async (page: Page) => (await main(page).textContent()) ?? '';
  const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
  const flash = (page: Page) => page.locator('.vh-flash[role="status"]');

  async function login(page: Page, email: string) {
    await open(page, '/dang-nhap');
    const form = page.getByRole('form', { name: 'Đăng nhập bằng thư điện tử' });
    await form.getByLabel('Thư điện tử', { exact: true }).fill(email);
    await form.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await go(page, button(form, 'Đăng nhập'));
    expect(new URL(page.url()).pathname, email).toBe('/quan-tri');
  }

  /** Staff list → the case's link; returns the case id from the URL. */
  async function openCase(page: Page, code: string): Promise<string> {
    await open(page, '/quan-tri/phan-anh');
    await go(page, main(page).getByRole('link', { name: code, exact: true }));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(code);
    const id = /\/quan-tri\/phan-anh\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)?.[1];
    expect(id, page.url()).toBeTruthy();
    return id!;
  }

  const caseRow = async (code: string) =>
    (await tp.platform.services.pool.query('SELECT * FROM feedback_cases WHERE code = $1', [code])).rows[0] as Record<string, unknown>;

  for (const js of [false, true]) {
    it(
      `JavaScript ${js ? 'bật' : 'tắt'}: từ biểu mẫu đến câu trả lời công khai đã che, đánh giá và mở lại`,
      async () => {
        const started = Date.now();
        const run = js ? 'B' : 'A';
        const reporterName = js ? 'Phạm Thị Hồng Nhung' : 'Đặng Văn Khải';
        const reporterPhone = js ? '0903 456 780' : '0903 456 789';
        const webContent = `Quán karaoke ở số 12 đường Lê Lợi mở nhạc to sau 23 giờ, gọi ${SECRET_PHONE} không ai nghe`;
        const callContent = `Người gọi báo quán karaoke số 12 đường Lê Lợi mở nhạc rất to sau 23 giờ đêm, gọi ${SECRET_PHONE} không ai nghe máy`;
        const answer = `Ngày 20/11/2026 đoàn kiểm tra đã làm việc với cơ sở karaoke tại số 12 đường Lê Lợi (chủ cơ sở: ${SECRET_PHONE}), lập biên bản và yêu cầu không phát nhạc sau 22 giờ. Lượt ${run}.`;

        // ——— 1. The reporter files a case from the web form ———
        const reporter = await newPage(js);
        await open(reporter, '/phan-anh/gui');
        const form = reporter.getByRole('form', { name: 'Biểu mẫu gửi phản ánh' });
        await form.getByLabel('Họ và tên', { exact: true }).fill(reporterName);
        await form.getByLabel('Số điện thoại', { exact: true }).fill(reporterPhone);
        await form.getByLabel('Lĩnh vực', { exact: true }).selectOption(CATEGORY);
        await form.getByRole('textbox', { name: 'Nội dung', exact: true }).fill(webContent);
        await go(reporter, button(form, 'Gửi phản ánh'));
        expect(new URL(reporter.url()).pathname).toBe('/phan-anh/gui/da-nhan');
        await expect(reporter.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Đã nhận phản ánh của bạn');
        const code = CODE_RE.exec(await mainText(reporter))?.[0] ?? '';
        expect(code).toMatch(CODE_RE);
        expect(await caseRow(code)).toMatchObject({ channel: 'web', status: 'new', category_code: CATEGORY, reporter_name: reporterName });

        // ——— 2. The operator records a phone call about the same thing ———
        const operator = await newPage(js);
        await login(operator, 'tiepnhan@vanhien.test');
        await open(operator, '/quan-tri/phan-anh');
        await go(operator, main(operator).getByRole('link', { name: 'Ghi nhận cuộc gọi đường dây nóng', exact: true }));
        expect(new URL(operator.url()).pathname).toBe('/quan-tri/phan-anh/tong-dai');
        const call = operator.getByRole('form', { name: 'Ghi nhận cuộc gọi' });
        await call.getByLabel('Họ và tên người gọi').fill('Ông Trần Gọi Điện');
        await call.getByLabel('Số điện thoại người gọi').fill('0905 222 333');
        await expect(call.getByLabel('Thời điểm gọi').inputValue()).resolves.not.toBe('');
        await call.getByLabel('Lĩnh vực', { exact: true }).selectOption(CATEGORY);
        await call.getByLabel('Nội dung cuộc gọi').fill(callContent);
        await go(operator, button(call, 'Ghi nhận'));
        const phoneCode = new URL(operator.url()).searchParams.get('ma') ?? '';
        expect(phoneCode).toMatch(CODE_RE);
        expect(phoneCode).not.toBe(code);
        await expect(operator.getByRole('status').filter({ hasText: 'Đọc lại cho người gọi' }).textContent()).resolves.toContain(phoneCode);
        expect(await caseRow(phoneCode)).toMatchObject({ channel: 'hotline', status: 'new', category_code: CATEGORY });

        // ——— 3. The operator classifies the web case, opens the duplicate suggestion, merges the call into it ———
        const caseId = await openCase(operator, code);
        const classify = operator.getByRole('form', { name: 'Phân loại phản ánh' });
        await classify.getByLabel('Kết quả phân loại').selectOption('within');
        await go(operator, button(classify, 'Phân loại'));
        await expect(flash(operator).textContent()).resolves.toContain('Đã phân loại phản ánh.');
        expect(await caseRow(code)).toMatchObject({ status: 'classified', classification: 'within', unit_code: 'QLVH' });
        const similar = operator.getByRole('region', { name: 'Phản ánh tương tự đang mở' });
        await go(operator, similar.getByRole('link', { name: phoneCode, exact: true }));
        await expect(operator.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(phoneCode);
        const similarOnCall = operator.getByRole('region', { name: 'Phản ánh tương tự đang mở' });
        await go(operator, button(similarOnCall, `Gộp vào ${code}`));
        await expect(flash(operator).textContent()).resolves.toContain('Đã gộp phản ánh.');
        await expect(mainText(operator)).resolves.toContain('Đã gộp vào phản ánh trùng');
        await expect(main(operator).getByRole('link', { name: code, exact: true }).count()).resolves.toBe(1);
        expect(await caseRow(phoneCode)).toMatchObject({ status: 'merged', merged_into_id: caseId });
        await go(operator, main(operator).getByRole('link', { name: code, exact: true }));
        await expect(mainText(operator)).resolves.toContain(`Các phản ánh đã gộp vào đây (người phản ánh cũng nhận câu trả lời): ${phoneCode}`);

        // ——— 4. The specialist takes the case, drafts, checks the redaction preview, confirms ———
        const specialist = await newPage(js);
        await login(specialist, 'chuyenvien@vanhien.test');
        expect(await openCase(specialist, code)).toBe(caseId);
        const assign = specialist.getByRole('form', { name: 'Giao chuyên viên' });
        await assign.getByLabel('Chuyên viên xử lý').selectOption({ label: 'Lê Văn Chuyên' });
        await go(specialist, button(assign, 'Giao xử lý'));
        await expect(flash(specialist).textContent()).resolves.toContain('Đã giao chuyên viên xử lý.');
        const draft = specialist.getByRole('form', { name: 'Dự thảo trả lời' });
        await draft.getByRole('textbox', { name: 'Dự thảo trả lời', exact: true }).fill(answer);
        await go(specialist, button(draft, 'Lưu dự thảo'));
        await expect(flash(specialist).textContent()).resolves.toContain('Đã lưu dự thảo');
        const preview = specialist.getByRole('region', { name: 'Xem trước bản công khai (đã che thông tin cá nhân)' });
        const pubContent = await preview.getByRole('textbox', { name: 'Nội dung phản ánh sẽ công khai' }).inputValue();
        const pubAnswer = await preview.getByRole('textbox', { name: 'Câu trả lời sẽ công khai' }).inputValue();
        for (const text of [pubContent, pubAnswer]) {
          expect(text).toContain('[đã ẩn]');
          expect(text).toContain('đường Lê Lợi');
          for (const secret of [SECRET_PHONE, '0987654321', 'số 12', reporterName, reporterPhone]) expect(text).not.toContain(secret);
        }
        expect(pubAnswer).toContain('Ngày 20/11/2026 đoàn kiểm tra');
        await go(specialist, button(preview, 'Xác nhận bản che'));
        await expect(flash(specialist).textContent()).resolves.toContain('Đã xác nhận bản che thông tin cá nhân.');
        expect(await caseRow(code)).toMatchObject({ status: 'in_progress', public_content: pubContent, public_answer: pubAnswer });
        await expect(button(specialist, 'Phê duyệt và gửi trả lời').count()).resolves.toBe(0);

        // ——— 5. The leader approves; the redacted answer is public ———
        const leader = await newPage(js);
        await login(leader, 'lanhdao@vanhien.test');
        expect(await openCase(leader, code)).toBe(caseId);
        await go(leader, button(leader, 'Phê duyệt và gửi trả lời'));
        await expect(flash(leader).textContent()).resolves.toContain('Đã phê duyệt và gửi câu trả lời.');
        expect(await caseRow(code)).toMatchObject({ status: 'answered', published: true });
        // The leader's figures (issue 4 part 6): statistics and the map of cases, axe on both.
        await open(leader, '/quan-tri/phan-anh/thong-ke');
        await expect(main(leader).textContent()).resolves.toContain('Tỷ lệ xử lý đúng hạn');
        await open(leader, '/quan-tri/phan-anh/ban-do?zoom=3');
        await expect(main(leader).getByRole('table').textContent()).resolves.toContain('Cụm');

        const visitor = await newPage(js);
        await open(visitor, `/phan-anh/${code}`);
        // (not '#noi-dung': that id is also the layout's <main>, see the report)
        await expect(main(visitor).getByRole('blockquote').textContent()).resolves.toContain('Quán karaoke ở số [đã ẩn] đường Lê Lợi');
        await expect(visitor.locator('#tra-loi').textContent()).resolves.toContain('đoàn kiểm tra đã làm việc với cơ sở karaoke');
        const publicCase = await visitor.content();
        await open(visitor, '/phan-anh');
        await expect(main(visitor).getByRole('link', { name: code, exact: true }).count()).resolves.toBe(1);
        const publicList = await visitor.content();
        await open(visitor, `/phan-anh?q=${encodeURIComponent('le loi mo nhac')}`);
        await expect(main(visitor).getByRole('link', { name: code, exact: true }).count()).resolves.toBe(1);
        const publicSearch = await visitor.content();
        for (const [where, html] of [
          [`/phan-anh/${code}`, publicCase],
          ['/phan-anh', publicList],
          ['/phan-anh?q=…', publicSearch],
        ] as const) {
          for (const secret of [SECRET_PHONE, '0987654321', 'số 12', reporterName, reporterPhone, reporterPhone.replace(/ /g, '')])
            expect(html, `${where} must not show "${secret}"`).not.toContain(secret);
        }
        // The merged call is not published on its own.
        await open(visitor, `/phan-anh/${phoneCode}`, 404);

        // ——— 6. The reporter tracks the case with code + phone, rates it, re-opens it ———
        await open(reporter, '/phan-anh/tra-cuu');
        const track = reporter.getByRole('form', { name: 'Tra cứu phản ánh' });
        await track.getByLabel('Mã số phản ánh').fill(code);
        await track.getByLabel('Số điện thoại hoặc thư điện tử đã khai khi gửi').fill(reporterPhone);
        await go(reporter, button(track, 'Tra cứu'));
        const result = reporter.getByRole('region', { name: `Phản ánh ${code}` });
        await expect(result.textContent()).resolves.toContain('Đã trả lời');
        // The contact is not written back into the page.
        await expect(reporter.getByLabel('Số điện thoại hoặc thư điện tử đã khai khi gửi').inputValue()).resolves.toBe('');
        await expect(reporter.locator('#tra-loi').textContent()).resolves.toContain('đoàn kiểm tra đã làm việc');

        const rate = reporter.getByRole('form', { name: 'Đánh giá mức độ hài lòng' });
        await rate.getByRole('group', { name: 'Bạn có hài lòng với kết quả xử lý?' }).getByLabel('Không hài lòng', { exact: true }).check();
        await go(reporter, button(rate, 'Gửi đánh giá'));
        const actions = reporter.getByRole('region', { name: 'Kết quả và ý kiến của bạn' });
        await expect(actions.getByRole('status').textContent()).resolves.toContain('Cảm ơn bạn đã đánh giá.');
        await expect(actions.textContent()).resolves.toContain('Bạn đã đánh giá: Không hài lòng');
        await expect(reporter.getByRole('form', { name: 'Đánh giá mức độ hài lòng' }).count()).resolves.toBe(0);

        const reopen = reporter.getByRole('form', { name: 'Đề nghị xử lý lại' });
        await reopen.getByRole('textbox', { name: /Vấn đề chưa được giải quyết\?/ }).fill('Quán vẫn mở nhạc to sau 23 giờ sau khi được nhắc nhở.');
        await go(reporter, button(reopen, 'Đề nghị xử lý lại'));
        await expect(
          reporter.getByRole('region', { name: 'Kết quả và ý kiến của bạn' }).getByRole('status').textContent(),
        ).resolves.toContain('Đã chuyển đề nghị xử lý lại đến đơn vị.');
        await expect(reporter.getByRole('region', { name: `Phản ánh ${code}` }).textContent()).resolves.toContain('Đang xử lý');
        await expect(reporter.getByRole('region', { name: `Phản ánh ${code}` }).textContent()).resolves.toContain('Người phản ánh đề nghị xử lý lại');
        expect(await caseRow(code)).toMatchObject({ status: 'in_progress', reopen_count: 1, satisfaction: 'unsatisfied' });

        process.stderr.write(`feedback journey (JavaScript ${js ? 'on' : 'off'}): ${code} ← ${phoneCode}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      },
      300_000,
    );
  }
});
