import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { freePort } from './oidc-provider.js';

/**
 * Issue 16 "Done when": an officer adds names to the bank with their files; the check flags a
 * same-person duplicate (a name whose person already names a street of the area); a proposal
 * goes through public consultation (a citizen's comment), the conference and the council vote
 * (10 of 15 for: ≥ 2/3), the People's Council resolution assigns the name, and the public page
 * and map show the street with its meaning. Once with JavaScript off, once on (Leaflet replaces
 * the SVG). Every page kind is checked with axe.
 */

const PASSWORD = 'Demo@2026';
const vnDay = (offset: number) => new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const dmy = (iso: string) => iso.split('-').reverse().join('/');

describeBrowser('hành trình đặt tên đường: ngân hàng tên, kiểm tra trùng nhân vật, lấy ý kiến, biểu quyết, nghị quyết, trang công khai', () => {
  let browser: Browser;
  let tp: TestPlatform;
  let base = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    tp = await startTestPlatform({ listen: true, env: { PORT: String(port), PUBLIC_URL: base } });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await tp?.close();
  });

  const jsOf = new WeakMap<Page, boolean>();
  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    const ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    jsOf.set(page, javaScriptEnabled);
    return page;
  }
  const checked = new Set<string>();
  async function a11y(page: Page, status: number) {
    const kind = `${jsOf.get(page)}|${status}|${new URL(page.url()).pathname.replace(/[0-9a-f-]{36}|TD-\d+|DT-\d{4}-\d+/g, ':id')}`;
    if (checked.has(kind)) return;
    checked.add(kind);
    await checkA11y(page);
  }
  async function open(page: Page, path: string) {
    const res = await page.goto(`${base}${path}`);
    expect(res?.status(), path).toBe(200);
    await a11y(page, 200);
  }
  async function go(page: Page, target: Locator, status = 200) {
    const [nav] = await Promise.all([page.waitForNavigation(), target.click()]);
    await page.waitForLoadState('load');
    if (nav) expect(nav.status(), `${page.url()}: ${(await page.getByRole('main').textContent()) ?? ''}`).toBe(status);
    await a11y(page, status);
  }
  const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });

  for (const js of [false, true]) {
    it(
      `JavaScript ${js ? 'bật' : 'tắt'}`,
      async () => {
        const officer = await newPage(js);
        await open(officer, '/dang-nhap');
        const login = officer.getByRole('form', { name: 'Đăng nhập bằng thư điện tử' });
        await login.getByLabel('Thư điện tử', { exact: true }).fill('chuyenvien@vanhien.test');
        await login.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
        await go(officer, button(login, 'Đăng nhập'));

        // 1. A new name with its file, and a document.
        const name = js ? 'Nguyễn Văn Thủ Nghiệm' : 'Lê Thị Thử Nghiệm';
        await open(officer, '/quan-tri/ten-duong/ngan-hang/moi');
        let f = officer.getByRole('form', { name: 'Hồ sơ tên' });
        await f.getByLabel('Tên', { exact: true }).fill(name);
        await f.getByLabel('Nhóm tên', { exact: true }).selectOption('person');
        await f.getByLabel('Năm sinh').fill('1890');
        await f.getByLabel('Năm mất').fill('1945');
        await f.getByLabel('Ý nghĩa hoặc tiểu sử').fill(`${name} (1890–1945), nhà giáo yêu nước của địa phương (nội dung thử nghiệm).`);
        await f.getByLabel('Ý nghĩa bằng tiếng Anh (không bắt buộc)').fill(`${name} (1890–1945), a patriotic teacher (test content).`);
        await f.getByLabel('Nguồn tư liệu, tài liệu tham khảo').fill('Địa chí tỉnh, tập 2');
        await go(officer, button(f, 'Lưu vào ngân hàng tên'));
        expect((await officer.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(name);
        const doc = officer.getByRole('form', { name: 'Thêm tài liệu' });
        await doc.getByLabel('Tên tài liệu').fill('Tiểu sử có xác nhận của địa phương');
        await doc.getByLabel('Tệp (PDF, JPEG, PNG; tối đa 20 MB)').setInputFiles({ name: 'tieu-su.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
        await go(officer, button(doc, 'Tải lên'));
        await officer.getByRole('link', { name: 'Tiểu sử có xác nhận của địa phương' }).first().waitFor();

        // 2. A second name for a person who already names a street of the area (another spelling).
        const dup = js ? 'Hưng Đạo Đại Vương' : 'Trần Quốc Tuấn';
        await open(officer, '/quan-tri/ten-duong/ngan-hang/moi');
        f = officer.getByRole('form', { name: 'Hồ sơ tên' });
        await f.getByLabel('Tên', { exact: true }).fill(dup);
        await f.getByLabel('Nhóm tên', { exact: true }).selectOption('person');
        await f.getByLabel('Họ tên danh nhân (nếu khác tên đường)').fill('Tran Hung Dao');
        await f.getByLabel('Ý nghĩa hoặc tiểu sử').fill('Danh tướng nhà Trần (nội dung thử nghiệm).');
        await f.getByLabel('Nguồn tư liệu, tài liệu tham khảo').fill('Đại Việt sử ký toàn thư');
        await go(officer, button(f, 'Lưu vào ngân hàng tên'));
        await open(officer, '/quan-tri/ten-duong?khu=99101');
        expect(await officer.locator('#k-ngan-hang + ul').textContent()).toContain(`Trùng nhân vật: ${dup} — Trần Hưng Đạo`);

        // 3. A batch: the name on an unnamed street, consultation open.
        const batchForm = officer.getByRole('form', { name: 'Tạo đợt đề xuất' });
        await batchForm.getByLabel('Tên đợt đề xuất').fill(`Đợt thử nghiệm ${js ? 'B' : 'A'}`);
        await go(officer, button(batchForm, 'Tạo đợt đề xuất'));
        const batchUrl = officer.url();
        const code = /DT-\d{4}-\d+/.exec((await officer.getByRole('heading', { level: 1 }).textContent()) ?? '')![0];
        f = officer.getByRole('form', { name: 'Thêm tên vào đợt' });
        await f.getByLabel('Tên trong ngân hàng').selectOption({ label: name });
        await f.getByLabel('Đường, công trình').selectOption({ index: 1 });
        await go(officer, button(f, 'Thêm vào đợt'));
        expect(await officer.getByRole('table', { name: 'Danh sách đề xuất' }).textContent()).toContain(name);
        f = officer.getByRole('form', { name: 'Mở lấy ý kiến' });
        await f.getByLabel('Hạn góp ý (ngày/tháng/năm)').fill(dmy(vnDay(10)));
        await go(officer, button(f, 'Mở lấy ý kiến'));

        // 4. A citizen comments on the public page.
        const citizen = await newPage(js);
        await open(citizen, `/ten-duong/lay-y-kien/${code}`);
        expect(await citizen.getByRole('table', { name: 'Các tên dự kiến đặt' }).textContent()).toContain(name);
        f = citizen.getByRole('form', { name: 'Gửi ý kiến' });
        await f.getByLabel('Họ và tên').fill('Nguyễn Văn Dân');
        await f.getByLabel('Ý kiến của bạn').fill('Tôi đồng ý đặt tên này.');
        await go(citizen, button(f, 'Gửi ý kiến'));
        expect(await citizen.getByRole('status').textContent()).toContain('ý kiến đã được ghi nhận');

        // The 30 days of consultation pass (the dates are moved back in the database).
        await tp.platform.services.pool.query('UPDATE naming_batches SET consult_from = $2, consult_to = $3 WHERE code = $1', [code, vnDay(-40), vnDay(-10)]);

        // 5. Conference, vote (10 of 15 ≥ 2/3), resolution.
        await open(officer, new URL(batchUrl).pathname);
        await officer.getByText('Tôi đồng ý đặt tên này.').first().waitFor();
        f = officer.getByRole('form', { name: 'Ghi biên bản hội thảo' });
        await f.getByLabel('Ngày hội thảo (ngày/tháng/năm)').fill(dmy(vnDay(-8)));
        await f.getByLabel('Tóm tắt biên bản').fill('Hội thảo khoa học thống nhất đề xuất.');
        await go(officer, button(f, 'Ghi biên bản'));
        f = officer.getByRole('form', { name: 'Ghi kết quả biểu quyết' });
        await f.getByLabel('Ngày họp (ngày/tháng/năm)').fill(dmy(vnDay(-5)));
        await f.getByLabel('Số thành viên hội đồng').fill('15');
        await f.getByLabel('Số thành viên có mặt').fill('12');
        await f.getByLabel('Tán thành', { exact: true }).fill('10');
        await f.getByLabel('Không tán thành', { exact: true }).fill('1');
        await f.getByLabel('Không biểu quyết', { exact: true }).fill('0');
        await go(officer, button(f, 'Ghi kết quả'), 400);
        expect(await officer.getByRole('alert').first().textContent()).toContain('Số phiếu không khớp');
        f = officer.getByRole('form', { name: 'Ghi kết quả biểu quyết' });
        await f.getByLabel('Không biểu quyết', { exact: true }).fill('1');
        await go(officer, button(f, 'Ghi kết quả'));
        await officer.getByText('thông qua', { exact: true }).first().waitFor();
        f = officer.getByRole('form', { name: 'Ghi nghị quyết và gắn tên' });
        await f.getByLabel('Số nghị quyết').fill(`${js ? 12 : 11}/NQ-HĐND`);
        await f.getByLabel('Ngày nghị quyết (ngày/tháng/năm)').fill(dmy(vnDay(-1)));
        await go(officer, button(f, 'Ghi nghị quyết và gắn tên'));
        await officer.getByText(`Nghị quyết số ${js ? 12 : 11}/NQ-HĐND`).first().waitFor();

        // 6. The public list (search without diacritics), the name page and the map.
        const folded = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
        await open(citizen, `/ten-duong?q=${encodeURIComponent(folded)}`);
        // The list and the static SVG map both link the name: either opens its page.
        await go(citizen, citizen.getByRole('link', { name, exact: true }).first());
        expect((await citizen.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(name);
        expect(await citizen.getByRole('main').textContent()).toContain('nhà giáo yêu nước');
        expect(await citizen.getByRole('main').textContent()).toContain(`${js ? 12 : 11}/NQ-HĐND`);
        await open(citizen, '/ten-duong?khu=99101');
        if (js) {
          await citizen.locator('#ten-duong-ban-do.leaflet-container').waitFor();
          await citizen.waitForFunction(() => document.querySelectorAll('#ten-duong-ban-do path.leaflet-interactive').length > 100);
          expect(await citizen.locator('#ten-duong-svg').isHidden()).toBe(true);
        } else {
          expect(await citizen.locator('#ten-duong-svg a title', { hasText: name }).count()).toBe(1);
          await citizen.getByRole('link', { name, exact: true }).first().waitFor();
        }
      },
      Number(process.env.E2E_NAMING_TIMEOUT ?? 120_000),
    );
  }
});
