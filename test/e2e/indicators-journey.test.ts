import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { checkA11y, describeBrowser, launchBrowser } from './browser.js';
import { freePort } from './oidc-provider.js';
import { verifySignature } from '../../src/modules/indicators/indicators.push.js';
import { formatNumberVi } from '../../src/modules/indicators/indicators.entry.model.js';

/**
 * Issue 11 "Done when" (first item): the Provincial Museum's officer enters a quarter's figures of
 * BT.04 (the total in the form, the breakdown by sex from the unit's XLSX template), submits; the
 * museum's head approves; the department's leader publishes, which completes the period; the
 * push reaches a loopback IOC with a valid HMAC signature; the public indicator page and the
 * leaders' dashboard show the value. Once with JavaScript off (2026-Q3, reopened for the test)
 * and once with it on (2026-Q4); axe on every page kind.
 */

const PASSWORD = 'Demo@2026';
const SECRET = 'journey-ioc-secret-0123456789';
const INDICATOR = 'BT.04';

describeBrowser('hành trình số liệu chỉ tiêu: nhập, tải Excel, duyệt, công bố, gửi IOC, trang công khai', () => {
  let browser: Browser;
  let tp: TestPlatform;
  let base = '';
  const contexts: BrowserContext[] = [];
  const received: { body: string; valid: boolean }[] = [];
  let ioc: http.Server;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-ind-journey-'));

  beforeAll(async () => {
    ioc = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ body, valid: verifySignature(SECRET, body, req.headers['x-vanhien-signature'] as string) });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => ioc.listen(0, '127.0.0.1', r));
    const iocPort = (ioc.address() as import('node:net').AddressInfo).port;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    tp = await startTestPlatform({
      listen: true,
      worker: true,
      env: { PORT: String(port), PUBLIC_URL: base, IOC_PUSH_URL: `http://127.0.0.1:${iocPort}/push`, IOC_PUSH_SECRET: SECRET, LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' },
    });
    const q = (sql: string, params: unknown[] = []) => tp.platform.services.pool.query(sql, params);
    // 2026-Q3 ended and was published by the demo: reopen it without BT's figures. In both
    // quarters the other units have published already, so BT's publication completes the period.
    await q(`DELETE FROM indicator_observations WHERE period_code = '2026-Q3' AND indicator_code IN (SELECT code FROM indicator_definitions WHERE unit_code = 'BT' AND source = 'entered')`);
    await q(`UPDATE indicator_periods SET status = 'open', published_at = NULL WHERE code = '2026-Q3'`);
    await q(`DELETE FROM indicator_reports WHERE period_code IN ('2026-Q3', '2026-Q4')`);
    await q(
      `INSERT INTO indicator_reports (period_code, unit_code, status, published_at)
       SELECT p, d.unit_code, 'published', now() FROM unnest(ARRAY['2026-Q3', '2026-Q4']) p,
         (SELECT DISTINCT unit_code FROM indicator_definitions WHERE source = 'entered' AND periodicity = 'quarter' AND unit_code <> 'BT') d`,
    );
    // A leaders' dashboard with the museum's BT.04: its chart must show the value just published.
    await q(
      `INSERT INTO indicator_dashboards (slug, title, title_en, sort, charts) VALUES ('hanh-trinh-bao-tang', 'Khách tham quan bảo tàng', 'Museum visitors', 999, $1::jsonb) ON CONFLICT (slug) DO UPDATE SET charts = EXCLUDED.charts`,
      [JSON.stringify([{ indicator: INDICATOR, kind: 'line', periods: 4 }])],
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await tp?.close();
    await new Promise<void>((r) => ioc.close(() => r()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    const ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }
  async function open(page: Page, p: string) {
    const res = await page.goto(`${base}${p}`);
    expect(res?.status(), p).toBe(200);
    await checkA11y(page);
  }
  async function go(page: Page, target: Locator) {
    const [nav] = await Promise.all([page.waitForNavigation(), target.click()]);
    await page.waitForLoadState('load');
    expect(nav?.status(), `${page.url()}: ${(await page.getByRole('main').textContent()) ?? ''}`).toBe(200);
    await checkA11y(page);
  }
  const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
  async function login(page: Page, email: string) {
    await open(page, '/dang-nhap');
    const form = page.getByRole('form', { name: 'Đăng nhập bằng thư điện tử' });
    await form.getByLabel('Thư điện tử', { exact: true }).fill(email);
    await form.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await go(page, button(form, 'Đăng nhập'));
  }
  const previous = async (period: string, key: string) => {
    const r = await tp.platform.services.pool.query(
      `SELECT o.value FROM indicator_observations o JOIN indicator_periods p ON p.code = o.period_code
        WHERE o.indicator_code = $1 AND o.dims_key = $2 AND o.status = 'published' AND p.ends_on < (SELECT starts_on FROM indicator_periods WHERE code = $3)
        ORDER BY p.ends_on DESC LIMIT 1`,
      [INDICATOR, key, period],
    );
    return Number(r.rows[0]?.value ?? 1000);
  };

  for (const js of [false, true]) {
    const period = js ? '2026-Q4' : '2026-Q3';
    it(
      `JavaScript ${js ? 'bật' : 'tắt'}: kỳ ${period} từ đơn vị đến IOC và trang công khai`,
      async () => {
        const started = Date.now();
        const step = (what: string) => process.env.E2E_STEPS && process.stdout.write(`  ${((Date.now() - started) / 1000).toFixed(1)} s ${what}\n`);
        const entry = `/quan-tri/so-lieu-don-vi/${period}/BT`;
        const total = Math.round((await previous(period, '')) * 1.04);

        step('1.');
        // ——— 1. The museum's officer: the total in the form, the breakdown by XLSX ———
        const officer = await newPage(js);
        await login(officer, 'chuyenvien.bt@vanhien.test');
        step('logged in');
        await open(officer, '/quan-tri/so-lieu-don-vi');
        step('list');
        await go(officer, officer.getByRole('main').getByRole('link', { name: `Quý ${period}`, exact: true }).first());
        expect(new URL(officer.url()).pathname).toBe(entry);
        step('entry page');
        const form = officer.getByRole('form', { name: 'Nhập số liệu' });
        await form.getByLabel(/^BT\.04 .* – Tổng số \(lượt người\)$/).fill(formatNumberVi(total));
        await go(officer, button(form, 'Lưu nháp'));
        await expect(officer.locator('.vh-flash[role="status"]').textContent()).resolves.toContain('Đã lưu bản nháp');

        step('draft saved');
        const tpl = await officer.request.get(`${base}${entry}/mau.xlsx`);
        expect(tpl.status()).toBe(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await tpl.body()) as unknown as ArrayBuffer);
        const ws = wb.worksheets[0]!;
        expect(ws.getCell('H4').value).toBe(total);
        let filled = 0;
        for (let r = 5; r <= ws.rowCount; r++) {
          const key = String(ws.getCell(`A${r}`).value ?? '');
          if (!key.startsWith(`${INDICATOR}|sex=`)) continue;
          ws.getCell(`H${r}`).value = Math.round((await previous(period, key.split('|')[1]!)) * 1.04);
          filled++;
        }
        expect(filled).toBeGreaterThan(0);
        const file = path.join(tmp, `so-lieu-${period}.xlsx`);
        await wb.xlsx.writeFile(file);
        step('file written');
        await officer.getByLabel('Tệp Excel đã điền (.xlsx)').setInputFiles(file);
        await go(officer, button(officer.getByRole('form', { name: 'Tải lên tệp Excel' }), 'Tải lên'));
        await expect(officer.locator('.vh-flash[role="status"]').textContent()).resolves.toContain('từ tệp Excel');
        await go(officer, button(officer.getByRole('form', { name: 'Nhập số liệu' }), 'Lưu và gửi lãnh đạo đơn vị duyệt'));
        await expect(officer.getByRole('main').textContent()).resolves.toContain('Chờ lãnh đạo đơn vị duyệt');

        step('2.');
        // ——— 2. The museum's head approves ———
        const head = await newPage(js);
        await login(head, 'truongphong.bt@vanhien.test');
        await open(head, entry);
        await go(head, button(head.getByRole('main'), 'Duyệt số liệu'));
        await expect(head.getByRole('main').textContent()).resolves.toContain('Đã duyệt, chờ công bố');

        step('3.');
        // ——— 3. The department's leader publishes: the period is complete ———
        const leader = await newPage(js);
        await login(leader, 'lanhdao@vanhien.test');
        await open(leader, entry);
        const before = received.length;
        await go(leader, button(leader.getByRole('main'), 'Công bố số liệu'));
        await expect(leader.getByRole('main').textContent()).resolves.toContain('Đã công bố');
        const p = await tp.platform.services.pool.query(`SELECT status FROM indicator_periods WHERE code = $1`, [period]);
        expect(p.rows[0].status).toBe('published');

        step('4.');
        // ——— 4. The push reaches the IOC, signed ———
        const deadline = Date.now() + 20_000;
        while (received.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        const push = received.at(-1);
        expect(push, 'the IOC received the period').toBeTruthy();
        expect(push!.valid).toBe(true);
        const payload = JSON.parse(push!.body);
        expect(payload.period.code).toBe(period);
        expect(payload.observations.find((o: { indicator: string; dims: Record<string, string> }) => o.indicator === INDICATOR && !Object.keys(o.dims).length)?.value).toBe(total);
        await open(leader, '/quan-tri/chi-tieu/gui-ioc');
        await expect(leader.getByRole('main').textContent()).resolves.toContain('Đã gửi thành công');

        step('5.');
        // ——— 5. The public indicator page and the dashboard show the value ———
        const citizen = await newPage(js);
        await open(citizen, `/so-lieu/${INDICATOR}`);
        await expect(citizen.getByRole('main').textContent()).resolves.toContain(formatNumberVi(total));
        await open(leader, '/quan-tri/bang-dieu-khien');
        await expect(leader.getByRole('main').textContent()).resolves.toMatch(/Bảng điều khiển|bảng điều khiển/);
        // The chart (server SVG, its <desc> names the period's value) shows the published total.
        await open(leader, `/quan-tri/bang-dieu-khien/hanh-trinh-bao-tang?ky=${period}`);
        await expect(leader.getByRole('main').locator('svg[role="img"] desc').first().textContent()).resolves.toContain(` là ${formatNumberVi(total)} `);
        // The demo's overview dashboard: lines, bars, stacked bars and donuts as the server draws them (ADR 026), axe on it.
        await open(leader, '/quan-tri/bang-dieu-khien/tong-quan');
        expect(await leader.getByRole('main').locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(6);
        process.stdout.write(`indicators journey (JS ${js ? 'on' : 'off'}, ${period}): ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      },
      // ≈ 40 s on a quiet machine; axe alone takes 10–15 s a page when nine agents share two cores.
      240_000,
    );
  }
});
