import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { feedbackClock } from '../feedback.time.js';
import { insertCrafted } from './crafted.js';

async function workbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Column values of a sheet by header text, one object per data row. */
function rowsOf(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const o: Record<string, unknown> = {};
    (row.values as unknown[]).forEach((v, i) => {
      if (headers[i]) o[headers[i]!] = v;
    });
    out.push(o);
  });
  return out;
}

/** Every cell's text: personal data must appear nowhere in the file. */
function allText(wb: ExcelJS.Workbook): string {
  const parts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => parts.push(String(c.value instanceof Date ? c.value.toISOString() : c.value)))));
  return parts.join('\n');
}

describe('feedback XLSX exports (issue 4 part 6)', () => {
  let t: TestPlatform;
  let leader: string;
  let officer: string;
  let citizen: string;
  const realNow = feedbackClock.now;

  beforeAll(async () => {
    t = await startTestPlatform();
    await insertCrafted(t.platform.services.pool);
    // 1,203 cases with the same instant of receipt: the keyset pages must break the ties by code.
    await t.platform.services.pool.query(
      `INSERT INTO feedback_cases (code, channel, category_code, status, content, received_at, due_date, updated_at, reporter_phone)
       SELECT 'PA-250115-' || lpad(g::text, 5, '0'), 'email', 'DL-HDV', 'new', 'Nội dung', '2025-01-15T08:00:00.123456+07:00', '2025-01-22', now(), '0911000111'
         FROM generate_series(1, 1203) g`,
    );
    [leader, officer, citizen] = await Promise.all(
      ['lanhdao@vanhien.test', 'chuyenvien@vanhien.test', 'congdan@vanhien.test'].map((e) => loginCookies(t.app, e)),
    );
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    feedbackClock.now = realNow;
  });

  it('the statistics workbook has the page figures, the ratios and "—" for an empty period', async () => {
    feedbackClock.now = () => new Date('2026-04-20T10:00:00+07:00');
    const res = await t.app.inject({ url: '/quan-tri/phan-anh/thong-ke/xuat.xlsx?ky=thang&nam=2026&thang=3', headers: { cookie: leader } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="thong-ke-phan-anh-2026-03-01-2026-03-31.xlsx"');
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo lĩnh vực', 'Theo đơn vị']);
    const summary = new Map(rowsOf(wb.getWorksheet('Tổng hợp')!).map((r) => [r['Chỉ tiêu'], r['Số lượng']]));
    expect(summary.get('Kỳ báo cáo')).toBe('Tháng 03/2026');
    expect(summary.get('Từ ngày')).toBe('01/03/2026');
    expect(summary.get('Đến ngày')).toBe('31/03/2026');
    expect(summary.get('Tổng số tiếp nhận')).toBe(13);
    expect(summary.get('Qua cổng thông tin')).toBe(8);
    expect(summary.get('Qua đường dây nóng')).toBe(3);
    expect(summary.get('Thuộc thẩm quyền')).toBe(7);
    expect(summary.get('Xử lý trước hạn')).toBe(2);
    expect(summary.get('Xử lý đúng hạn')).toBe(2);
    expect(summary.get('Xử lý trễ hạn')).toBe(1);
    expect(summary.get('Quá hạn, chưa xử lý xong')).toBe(1);
    expect(summary.get('Không hài lòng')).toBe(3);
    expect(summary.get('Tỷ lệ xử lý đúng hạn (%)')).toBe(57.1);
    expect(summary.get('Tỷ lệ hài lòng với việc xử lý (%)')).toBe(42.9);
    const cats = rowsOf(wb.getWorksheet('Theo lĩnh vực')!);
    const karaoke = cats.find((r) => r['Lĩnh vực'] === 'Hoạt động karaoke, vũ trường gây ồn')!;
    expect(karaoke['Tổng số tiếp nhận']).toBe(9);
    expect(karaoke['Tỷ lệ xử lý đúng hạn (%)']).toBe(75);
    expect(karaoke['Tỷ lệ hài lòng với việc xử lý (%)']).toBe(50);
    const units = rowsOf(wb.getWorksheet('Theo đơn vị')!);
    expect(units.find((r) => r['Đơn vị'] === 'Phòng Quản lý Du lịch')!['Tỷ lệ hài lòng với việc xử lý (%)']).toBe(0);

    const empty = await workbook(
      (await t.app.inject({ url: '/quan-tri/phan-anh/thong-ke/xuat.xlsx?ky=thang&nam=2020&thang=1', headers: { cookie: leader } })).rawPayload,
    );
    const e = new Map(rowsOf(empty.getWorksheet('Tổng hợp')!).map((r) => [r['Chỉ tiêu'], r['Số lượng']]));
    expect(e.get('Tổng số tiếp nhận')).toBe(0);
    expect(e.get('Tỷ lệ xử lý đúng hạn (%)')).toBe('—');
    expect(e.get('Tỷ lệ hài lòng với việc xử lý (%)')).toBe('—');
  });

  it('the case list of a period: Vietnamese headers and labels, dd/mm/yyyy dates, no personal data', async () => {
    feedbackClock.now = () => new Date('2026-04-20T10:00:00+07:00');
    const res = await t.app.inject({ url: '/quan-tri/phan-anh/xuat.xlsx?ky=thang&nam=2026&thang=3', headers: { cookie: officer } });
    expect(res.statusCode).toBe(200);
    const wb = await workbook(res.rawPayload);
    const ws = wb.getWorksheet('Danh sách phản ánh')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Mã số',
      'Thời điểm tiếp nhận',
      'Kênh tiếp nhận',
      'Lĩnh vực',
      'Đơn vị xử lý',
      'Trạng thái',
      'Phân loại',
      'Hạn xử lý',
      'Ngày trả lời',
      'Kết quả về thời hạn',
      'Nơi chuyển',
      'Mức độ hài lòng',
      'Số lần xử lý lại',
      'Nội dung công khai (đã che thông tin cá nhân)',
    ]);
    const rows = rowsOf(ws);
    expect(rows).toHaveLength(13);
    // newest first: the last minutes of 31 March lead
    expect(rows[0]!['Mã số']).toBe('PA-260331-9012');
    const r = rows.find((x) => x['Mã số'] === 'PA-260303-9002')!;
    expect(r['Thời điểm tiếp nhận']).toEqual(new Date(Date.UTC(2026, 2, 3, 8, 0)));
    expect(r['Kênh tiếp nhận']).toBe('Đường dây nóng');
    expect(r['Lĩnh vực']).toBe('Hoạt động karaoke, vũ trường gây ồn');
    expect(r['Đơn vị xử lý']).toBe('Phòng Quản lý Văn hóa và Gia đình');
    expect(r['Trạng thái']).toBe('Đã trả lời');
    expect(r['Phân loại']).toBe('Thuộc thẩm quyền');
    expect(r['Hạn xử lý']).toEqual(new Date(Date.UTC(2026, 2, 10)));
    // answered 23:30 on 10 March in Vietnam (16:30 UTC): still the due day
    expect(r['Ngày trả lời']).toEqual(new Date(Date.UTC(2026, 2, 10)));
    expect(r['Kết quả về thời hạn']).toBe('Đúng hạn');
    expect(r['Mức độ hài lòng']).toBe('Hài lòng');
    expect(r['Số lần xử lý lại']).toBe(2);
    const codeCol = ws.getColumn(8);
    expect(ws.getCell(`${codeCol.letter}2`).numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('B2').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(rows.find((x) => x['Mã số'] === 'PA-260306-9005')!['Kết quả về thời hạn']).toBe('Quá hạn');
    expect(rows.find((x) => x['Mã số'] === 'PA-260306-9005')!['Ngày trả lời']).toBeUndefined();
    expect(rows.find((x) => x['Mã số'] === 'PA-260302-9006')!['Phân loại']).toBe('Không thuộc thẩm quyền (chuyển cơ quan có thẩm quyền)');
    const text = allText(wb);
    expect(text).not.toContain('0988777666');
    expect(text).not.toContain('Người Thử Thống Kê');
    expect(text).not.toContain('Nội dung thử');
  });

  it('exports more rows than one page, each exactly once, with the staff list filters', async () => {
    const res = await t.app.inject({ url: '/quan-tri/phan-anh/xuat.xlsx?channel=email&category=DL-HDV&status=new', headers: { cookie: leader } });
    expect(res.statusCode).toBe(200);
    const rows = rowsOf((await workbook(res.rawPayload)).getWorksheet('Danh sách phản ánh')!);
    const codes = rows.map((r) => String(r['Mã số'])).filter((c) => c.startsWith('PA-250115-'));
    expect(codes).toHaveLength(1203);
    expect(new Set(codes).size).toBe(1203);
    expect(codes[0]).toBe('PA-250115-01203');
    expect(codes.at(-1)).toBe('PA-250115-00001');
    expect(rows.every((r) => r['Kênh tiếp nhận'] === 'Thư điện tử')).toBe(true);
  });

  it('refuses citizens, unknown filters and bad periods', async () => {
    expect((await t.app.inject({ url: '/quan-tri/phan-anh/xuat.xlsx', headers: { cookie: citizen } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/quan-tri/phan-anh/thong-ke/xuat.xlsx', headers: { cookie: officer } })).statusCode).toBe(403);
    const bad = await t.app.inject({ url: '/quan-tri/phan-anh/xuat.xlsx?status=zzz', headers: { cookie: leader } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Trạng thái không hợp lệ.');
    const badPeriod = await t.app.inject({ url: '/quan-tri/phan-anh/thong-ke/xuat.xlsx?ky=tuy-chon&tu=1/1/2026', headers: { cookie: leader } });
    expect(badPeriod.statusCode).toBe(400);
  });
});
