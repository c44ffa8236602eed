import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SYSTEM } from '../../../core/auth/actor.js';
import { pagesChanged } from '../../../core/web/page-cache.js';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { checkRule, createAlertRule, evaluateAlerts } from '../indicators.alerts.js';
import { formatNumber, periodLabel, renderChartSvg, specFromPoints } from '../indicators.charts.js';

/** xmllint is on the machine (CI installs libxml2-utils): the SVG must be well-formed XML. */
function wellFormed(xml: string): boolean {
  try {
    execFileSync('xmllint', ['--noout', '-'], { input: xml, stdio: ['pipe', 'ignore', 'pipe'] });
    return true;
  } catch {
    return false;
  }
}

describe('indicator charts', () => {
  it('render valid, accessible SVG with Vietnamese numbers', () => {
    const spec = specFromPoints(
      [
        { periodCode: '2026-Q1', dims: {}, value: 1234567.5 },
        { periodCode: '2026-Q2', dims: {}, value: 1300000 },
      ],
      { kind: 'line', title: 'Lượt khách <du lịch> & "lưu trú"', seriesName: 'Tổng số', unit: 'lượt', decimals: 1, lang: 'vi' },
    );
    const svg = renderChartSvg(spec, 'c1');
    expect(svg.startsWith('<svg role="img" aria-labelledby="c1-t c1-d"')).toBe(true);
    expect(svg).toContain('<title id="c1-t">Lượt khách &lt;du lịch&gt; &amp; &quot;lưu trú&quot;</title>');
    expect(svg).toContain('1.234.567,5');
    // the server draws it (ADR 026): Vietnamese numbers on the axis, the latest value by the last
    // point, and each point names its value on hover without JavaScript
    expect(svg).toContain('class="vh-chart__last">1.300.000,0</text>');
    expect(svg).toMatch(/>1\.200\.000<\/text>/);
    expect(svg).toContain('<title>QII/2026 – Tổng số: 1.300.000,0 lượt</title>');
    expect(wellFormed(svg)).toBe(true);
    for (const kind of ['bar', 'stacked', 'pie'] as const) {
      const s = specFromPoints(
        [
          { periodCode: '2026', dims: { level: 'a' }, value: 3 },
          { periodCode: '2026', dims: { level: 'b' }, value: 5 },
        ],
        { kind, title: 'Di tích', seriesName: 'Tổng', unit: 'di tích', decimals: 0, lang: 'vi', breakdown: 'level' },
      );
      expect(wellFormed(renderChartSvg(s, `k-${kind}`))).toBe(true);
    }
    expect(formatNumber(1234567.891, 2)).toBe('1.234.567,89');
    expect(periodLabel('2026-Q3')).toBe('Quý III/2026');
    expect(periodLabel('2026-09')).toBe('Tháng 9/2026');
  });

  it('alert rules: thresholds and drops', () => {
    expect(checkRule('below', 80, 79)).not.toBeNull();
    expect(checkRule('below', 80, 80)).toBeNull();
    expect(checkRule('above', 10, 11)).not.toBeNull();
    expect(checkRule('drop_percent', 20, 70, 100)?.message).toContain('giảm 30,0%');
    expect(checkRule('drop_percent', 20, 90, 100)).toBeNull();
    expect(checkRule('drop_percent', 20, 10)).toBeNull();
  });
});

describe('public indicator pages, dashboards and alerts', () => {
  let t: TestPlatform;
  let leader = '';
  beforeAll(async () => {
    t = await startTestPlatform();
    leader = await loginCookies(t.app, 'lanhdao@vanhien.test');
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });

  it('/so-lieu lists themes with the latest published value, trend and demo mark, without JavaScript', async () => {
    const res = await get('/so-lieu');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="so-lieu-tieu-de"');
    expect(res.body).toContain('Dịch vụ công trực tuyến');
    expect(res.body).toContain('href="/so-lieu/DVC.01"');
    expect(res.body).toContain('dữ liệu minh họa');
    expect(res.body).toMatch(/vh-trend--(up|down|flat)/);
    expect(res.body).not.toContain('<script>');
    expect(res.headers.etag).toBeTruthy();
  });

  it('/so-lieu/{code}: definition, chart, table, selectors that survive reload, JSON-LD, CSV', async () => {
    const res = await get('/so-lieu/DL.01?theo=visitor_kind&khac=1');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('"@type":"Dataset"');
    expect(html).toContain('role="img"');
    expect(html).toContain('id="bieu-do-bang"');
    expect(html).toContain('id="tinh-trang-phan-to"');
    expect(html).toContain('<option value="visitor_kind" selected>');
    expect(html).toContain('type="application/json"');
    expect(html).toContain('/api/v1/catalog');
    const csvHref = /href="(\/so-lieu\/DL\.01\.csv[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(csvHref).toContain('theo=visitor_kind');
    const csv = await get(csvHref!);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('indicator,period,period_label,start,end,visitor_kind,area,value,unit,demo');
    expect(lines.length).toBeGreaterThan(2);
    expect((await get('/so-lieu/KHONG.CO')).statusCode).toBe(404);
    expect((await get('/so-lieu/%3Cx%3E')).statusCode).toBe(404);
  });

  it('only published values show, and publishing empties the page cache', async () => {
    const db = t.platform.services.db;
    const before = await get('/so-lieu/DVC.01');
    const again = await get('/so-lieu/DVC.01');
    expect(again.headers.etag).toBe(before.headers.etag);
    await db.execute(sql`INSERT INTO indicator_periods (code, periodicity, starts_on, ends_on, status) VALUES ('2099-Q1', 'quarter', '2099-01-01', '2099-03-31', 'open') ON CONFLICT DO NOTHING`);
    await db.execute(sql`INSERT INTO indicator_observations (indicator_code, period_code, dims_key, dims, value, status, source) VALUES ('DVC.01', '2099-Q1', '', '{}', 987654, 'approved', 'computed')`);
    await pagesChanged(t.platform.services);
    expect((await get('/so-lieu/DVC.01')).body).not.toContain('987.654');
    await db.execute(sql`UPDATE indicator_observations SET status = 'published' WHERE period_code = '2099-Q1'`);
    expect((await get('/so-lieu/DVC.01')).body).not.toContain('987.654');
    await pagesChanged(t.platform.services);
    const after = await get('/so-lieu/DVC.01');
    expect(after.body).toContain('987.654');
    expect(after.body).toContain('Quý I/2099');
    await db.execute(sql`DELETE FROM indicator_observations WHERE period_code = '2099-Q1'`);
    await db.execute(sql`DELETE FROM indicator_periods WHERE code = '2099-Q1'`);
    await pagesChanged(t.platform.services);
  });

  it('dashboards need the permission; filters by period and area stay in every link', async () => {
    expect((await get('/quan-tri/bang-dieu-khien/tong-quan')).statusCode).toBeGreaterThanOrEqual(300);
    const list = await get('/quan-tri/bang-dieu-khien', leader);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('/quan-tri/bang-dieu-khien/du-lich');
    const first = await get('/quan-tri/bang-dieu-khien/du-lich', leader);
    expect(first.statusCode).toBe(200);
    const period = /<option value="(\d{4}-Q\d)"/.exec(first.body)?.[1];
    const area = /id="loc-dia-ban"[\s\S]*?<option value="([^"]+)"[^>]*>[^<]*<\/option>\s*<option value="([^"]+)"/.exec(first.body)?.[2];
    expect(period).toBeTruthy();
    expect(area).toBeTruthy();
    const res = await get(`/quan-tri/bang-dieu-khien/du-lich?ky=${period}&dia-ban=${area}`, leader);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<option value="${period}" selected>`);
    expect(res.body).toContain(`<option value="${area}" selected>`);
    expect((res.body.match(/class="vh-chart"/g) ?? []).length).toBe(8);
    expect((res.body.match(/role="img"/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(res.body).toContain(`href="/quan-tri/bang-dieu-khien/du-lich?ky=${period}&amp;dia-ban=${area}" id="lam-moi"`);
    expect(res.body).toContain(`/quan-tri/bang-dieu-khien/tong-quan?ky=${period}&amp;dia-ban=${area}`);
    // the area list (index steps, migration 0050) is exactly the areas with published values
    const distinct = await t.platform.services.db.execute(
      sql`SELECT DISTINCT area_code FROM indicator_observations WHERE status = 'published' AND area_code IS NOT NULL ORDER BY 1`,
    );
    const listed = [...(/id="loc-dia-ban"[\s\S]*?<\/select>/.exec(first.body)?.[0] ?? '').matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]!).sort();
    expect(listed).toEqual((distinct.rows as { area_code: string }[]).map((r) => r.area_code).sort());
    expect(listed.length).toBeGreaterThan(1);
    // junk in the filters is dropped, not echoed
    const junk = await get('/quan-tri/bang-dieu-khien/du-lich?ky=%3Cscript%3E&dia-ban=x%22y', leader);
    expect(junk.statusCode).toBe(200);
    expect(junk.body).not.toContain('<script>');
  });

  it('wall mode: large, auto-refresh keeping the filters, rotation to the next dashboard', async () => {
    const res = await get('/quan-tri/bang-dieu-khien/tong-quan?ky=2025-Q4&che-do=man-hinh&lam-moi=45&xoay=tong-quan,du-lich', leader);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="vh-wall"');
    expect(res.body).toContain('<meta http-equiv="refresh" content="45;url=/quan-tri/bang-dieu-khien/du-lich?ky=2025-Q4&amp;che-do=man-hinh&amp;lam-moi=45&amp;xoay=tong-quan%2Cdu-lich"');
    expect(res.body).toContain('Thoát chế độ màn hình');
    const last = await get('/quan-tri/bang-dieu-khien/du-lich?che-do=man-hinh&lam-moi=1&xoay=tong-quan,du-lich', leader);
    // never faster than every 10 s; the last of the rotation goes back to the first
    expect(last.body).toContain('content="10;url=/quan-tri/bang-dieu-khien/tong-quan?che-do=man-hinh&amp;lam-moi=10&amp;xoay=tong-quan%2Cdu-lich"');
  });

  it('alerts: a breach mails the responsible unit once, the log keeps it', async () => {
    const s = t.platform.services;
    const ctx = { services: s, actor: SYSTEM };
    await expect(createAlertRule(ctx, { indicator: 'DVC.03', kind: 'below', threshold: 'abc' })).rejects.toMatchObject({ code: 'CORE-100' });
    const rule = await createAlertRule(ctx, { indicator: 'DVC.03', kind: 'below', threshold: '101', extraRecipients: 'giamsat@vanhien.test' });
    expect(rule.dimsKey).toBe('');
    const first = await evaluateAlerts(s, ['DVC.03']);
    expect(first.fired).toBe(1);
    const second = await evaluateAlerts(s);
    expect(second.fired).toBe(0);
    const log = await s.db.execute(sql`SELECT recipients, message FROM indicator_alert_log WHERE rule_id = ${rule.id}`);
    expect(log.rows).toHaveLength(1);
    const recipients = (log.rows[0] as { recipients: string[] }).recipients;
    expect(recipients).toContain('giamsat@vanhien.test');
    const mails = await s.db.execute(sql`SELECT to_address FROM mail_outbox WHERE subject LIKE '[Cảnh báo chỉ tiêu] DVC.03%'`);
    expect(mails.rows.map((r) => (r as { to_address: string }).to_address).sort()).toEqual([...recipients].sort());
    const audit = await s.db.execute(sql`SELECT 1 FROM audit_log WHERE action = 'indicators.alert_rule.create' AND entity_id = ${rule.id}`);
    expect(audit.rows).toHaveLength(1);
    const page = await get('/quan-tri/canh-bao-chi-tieu', leader);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('giamsat@vanhien.test');
  });
});
