import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { findUserByEmail } from '../../../core/identity/identity.repository.js';
import * as rr from '../dossiers.reports.repository.js';
import { parsePeriod, periodBounds, ratio, statistics } from '../dossiers.reports.js';

/**
 * Statistics and the tracking log on hand-made dossiers whose every figure is known. The period is
 * Q3/2026 (01/07–30/09); dossiers are written straight into the table with their dates.
 */
describe('dossier registers and statistics', () => {
  let t: TestPlatform;
  let leader: string;
  let citizen: string;

  // [code, unit, channel, status, submitted, finished, outcome, due, rating]
  const ROWS: [string, string, 'online' | 'desk', string, string, string | null, string | null, string | null, string | null][] = [
    // Received in Q3, returned early/on time/late, rated
    ['TK-01', 'QLVH', 'online', 'returned', '2026-07-02T09:00:00+07:00', '2026-07-06T10:00:00+07:00', 'early', '2026-07-09', 'very_satisfied'],
    ['TK-02', 'QLVH', 'online', 'returned', '2026-07-03T09:00:00+07:00', '2026-07-10T10:00:00+07:00', 'on_time', '2026-07-10', 'not_satisfied'],
    ['TK-03', 'QLVH', 'desk', 'returned', '2026-08-03T09:00:00+07:00', '2026-08-20T10:00:00+07:00', 'late', '2026-08-10', 'satisfied'],
    ['TK-04', 'QLDL', 'online', 'returned', '2026-08-04T09:00:00+07:00', '2026-08-05T10:00:00+07:00', 'early', '2026-08-11', null],
    // Refused and stopped in Q3 (not in the ratios' denominators)
    ['TK-05', 'QLDL', 'online', 'refused', '2026-09-01T09:00:00+07:00', '2026-09-03T10:00:00+07:00', null, null, null],
    ['TK-06', 'QLVH', 'desk', 'stopped', '2026-09-07T09:00:00+07:00', '2026-09-08T10:00:00+07:00', null, '2026-09-14', null],
    // Open at the end of Q3: on time (due in October), overdue (due 25/09), waiting for a supplement
    ['TK-07', 'QLVH', 'online', 'processing', '2026-09-28T09:00:00+07:00', null, null, '2026-10-05', null],
    ['TK-08', 'QLDL', 'online', 'processing', '2026-09-15T09:00:00+07:00', null, null, '2026-09-25', null],
    ['TK-09', 'QLDL', 'online', 'supplement_requested', '2026-09-20T09:00:00+07:00', null, null, null, null],
    // Carried over from Q2, returned early in Q3 (counts in Q3's returns, not its receipts)
    ['TK-10', 'QLVH', 'online', 'returned', '2026-06-29T09:00:00+07:00', '2026-07-01T10:00:00+07:00', 'early', '2026-07-03', null],
    // Outside Q3 entirely
    ['TK-11', 'QLVH', 'online', 'returned', '2026-04-01T09:00:00+07:00', '2026-04-03T10:00:00+07:00', 'early', '2026-04-08', null],
    ['TK-12', 'QLVH', 'online', 'received', '2026-10-01T09:00:00+07:00', null, null, '2026-10-08', null],
  ];

  beforeAll(async () => {
    t = await startTestPlatform();
    const pool = t.platform.services.pool;
    const applicant = (await findUserByEmail(t.platform.services.db, 'congdan@vanhien.test'))!;
    const pv = (await pool.query(`SELECT v.id FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id WHERE p.code = 'DEMO.000101' LIMIT 1`)).rows[0].id;
    for (const [code, unit, channel, status, submitted, finished, outcome, due, rating] of ROWS) {
      const r = await pool.query(
        `INSERT INTO dossiers (code, procedure_version_id, procedure_code, procedure_name, unit_code, applicant_id, status, channel, answers, submitted_at, finished_at, outcome, due_date, rating)
         VALUES ($1, $2, 'DEMO.000101', 'Thủ tục thống kê (demo)', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [code, pv, unit, applicant.id, status, channel, { fullName: `Người nộp ${code}`, phone: '0900000000', address: '=SUM(A1) Số 1 đường Lê Lợi' }, submitted, finished, outcome, due, rating],
      );
      if (rating) await pool.query('INSERT INTO dossier_ratings (dossier_id, rating) VALUES ($1, $2)', [r.rows[0].id, rating]);
    }
    leader = await loginCookies(t.app, 'lanhdao@vanhien.test');
    citizen = await loginCookies(t.app, 'congdan@vanhien.test');
  });
  afterAll(async () => t?.close());

  const q3 = { from: '2026-07-01', to: '2026-09-30' };
  // The seeded demo dossiers (if any) are filed "today" (November 2026): never in Q3.
  const scope = () => ({ ...periodBounds(q3), procedureCode: 'DEMO.000101' });

  it('parses the reporting periods of Decision 766', () => {
    expect(parsePeriod({ ky: 'quy', nam: '2026', quy: '3' }).period).toMatchObject({ from: '2026-07-01', to: '2026-09-30', label: 'Quý III/2026' });
    expect(parsePeriod({ ky: 'thang', nam: '2028', thang: '2' }).period).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(parsePeriod({ ky: '9-thang', nam: '2026' }).period).toMatchObject({ from: '2026-01-01', to: '2026-09-30' });
    expect(parsePeriod({ ky: 'tuy-chon', 'tu-ngay': '15/08/2026', 'den-ngay': '14/09/2026' }).period).toMatchObject({ from: '2026-08-15', to: '2026-09-14' });
    const bad = parsePeriod({ ky: 'tuy-chon', 'tu-ngay': '31/02/2026', 'den-ngay': '01/01/2026' });
    expect(bad.errors?.['tu-ngay']?.vi).toContain('ngày/tháng/năm');
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(2, 3)).toBe(66.7);
  });

  it('computes every figure and the Decision 766 ratios for a quarter', async () => {
    const st = await statistics(t.platform.services.db, scope(), parsePeriod({ ky: 'quy', nam: '2026', quy: '3' }).period, 'unit', { today: '2026-11-25' });
    const vh = st.rows.find((r) => r.key === 'QLVH')!;
    const dl = st.rows.find((r) => r.key === 'QLDL')!;
    expect(vh).toMatchObject({ received: 5, online: 3, desk: 2, carriedOver: 1, returned: 4, early: 2, onTime: 1, late: 1, stopped: 1, refused: 0 });
    expect(vh).toMatchObject({ openOnTime: 1, openOverdue: 0, waiting: 0, rated: 3, notSatisfied: 1 });
    expect(dl).toMatchObject({ received: 4, online: 4, desk: 0, carriedOver: 0, returned: 1, early: 1, refused: 1, openOnTime: 0, openOverdue: 1, waiting: 1 });
    const t0 = st.total;
    expect(t0).toMatchObject({ received: 9, online: 7, desk: 2, returned: 5, early: 3, onTime: 1, late: 1 });
    // online 7/9; on time (3 early + 1 on time)/5; satisfied = 5 − {TK-02 not satisfied, TK-03 late} = 3/5
    expect(t0.onlineRate).toBe(77.8);
    expect(t0.onTimeRate).toBe(80);
    expect(t0.satisfactionRate).toBe(60);
    expect(vh.satisfactionRate).toBe(50); // 4 returned − TK-02 − TK-03
  });

  it('shows "—" for the ratios of an empty period and never divides by zero', async () => {
    const empty = { from: '2025-01-01', to: '2025-01-31' };
    const st = await statistics(t.platform.services.db, { ...periodBounds(empty), procedureCode: 'DEMO.000101' }, { kind: 'thang', ...empty, label: 'Tháng 1/2025' }, 'unit');
    expect(st.total).toMatchObject({ received: 0, onlineRate: null, onTimeRate: null, satisfactionRate: null });
    const page = await t.app.inject({ url: '/quan-tri/ho-so/thong-ke?ky=thang&nam=2025&thang=1&thu-tuc=DEMO.000101', headers: { cookie: leader } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('—');
  });

  it('renders the statistics page with its formulas and exports it to Excel', async () => {
    const page = await t.app.inject({ url: '/quan-tri/ho-so/thong-ke?ky=quy&nam=2026&quy=3&thu-tuc=DEMO.000101', headers: { cookie: leader } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Quý III/2026');
    expect(page.body).toContain('Tỷ lệ hài lòng = (số hồ sơ đã trả kết quả');
    expect(page.body).toContain('77,8%');
    const bad = await t.app.inject({ url: '/quan-tri/ho-so/thong-ke?ky=tuy-chon&tu-ngay=32/13/2026&den-ngay=x', headers: { cookie: leader } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Nhập ngày bắt đầu theo dạng ngày/tháng/năm');
    expect(bad.body).toContain('value="32/13/2026"');
    const xlsx = await t.app.inject({ url: '/quan-tri/ho-so/thong-ke.xlsx?ky=quy&nam=2026&quy=3&thu-tuc=DEMO.000101', headers: { cookie: leader } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const total = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(1).value === 'Tổng cộng')!;
    expect(total.getCell(3).value).toBe(9);
    expect(total.getCell(14).value).toBe('77,8%');
    // Citizens never see the registers.
    expect((await t.app.inject({ url: '/quan-tri/ho-so/thong-ke', headers: { cookie: citizen } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/quan-tri/ho-so/so-theo-doi.csv', headers: { cookie: citizen } })).statusCode).toBe(403);
  });

  it('pages the tracking log (Form 07) by keyset and exports CSV and XLSX that stream every row', async () => {
    const page = await t.app.inject({ url: '/quan-tri/ho-so/so-theo-doi?ky=quy&nam=2026&quy=3&thu-tuc=DEMO.000101', headers: { cookie: leader } });
    expect(page.statusCode).toBe(200);
    for (const code of ['TK-01', 'TK-09']) expect(page.body).toContain(code);
    for (const code of ['TK-10', 'TK-11', 'TK-12']) expect(page.body).not.toContain(`>${code}<`);
    expect(page.body).toContain('9 hồ sơ');

    const csv = await t.app.inject({ url: '/quan-tri/ho-so/so-theo-doi.csv?ky=quy&nam=2026&quy=3&thu-tuc=DEMO.000101', headers: { cookie: leader } });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toContain('Tên thủ tục hành chính');
    expect(lines[1]).toMatch(/^1,TK-01,/);
    expect(lines[9]).toMatch(/^9,TK-07,/);
    // A cell starting like a formula is neutralised (CSV injection).
    expect(csv.body).not.toMatch(/,"?=SUM/);
    expect(csv.body).toContain("'=SUM(A1)");

    const xlsx = await t.app.inject({ url: '/quan-tri/ho-so/so-theo-doi.xlsx?ky=quy&nam=2026&quy=3&thu-tuc=DEMO.000101', headers: { cookie: leader } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(11); // title, header, 9 dossiers
    expect(ws.getRow(3).getCell(2).value).toBe('TK-01');
    // STT runs 1, 2, 3 … down the rows.
    expect([3, 4, 11].map((r) => ws.getRow(r).getCell(1).value)).toEqual([1, 2, 9]);
    expect(ws.getRow(3).getCell(10).value).toBe('09/07/2026');

    const pdf = await t.app.inject({ url: '/quan-tri/ho-so/so-theo-doi.pdf?ky=quy&nam=2026&quy=3&thu-tuc=DEMO.000101', headers: { cookie: leader } });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('streams the log in keyset batches: small batches give the same rows as one', async () => {
    const { logBatches } = await import('../dossiers.reports.js');
    const all: string[] = [];
    let batches = 0;
    for await (const rows of logBatches(t.platform.services.db, scope(), 2)) {
      batches++;
      all.push(...rows.map((r) => r.code));
    }
    expect(batches).toBe(5);
    const first = (await rr.logPage(t.platform.services.db, scope(), 1))[0]!;
    expect(first.submittedAt).toBeInstanceOf(Date);
    expect(all).toEqual(['TK-01', 'TK-02', 'TK-03', 'TK-04', 'TK-05', 'TK-06', 'TK-08', 'TK-09', 'TK-07']);
  });
});
