import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { excel } from '../../core/xlsx.js';
import type { Executor } from '../../core/db/index.js';
import type { Actor } from '../../core/auth/actor.js';
import { Errors, type FieldErrors } from '../../core/errors.js';
import { formatDateTimeVi, formatDateVi, parseDateInput, vnIsoDate } from '../../core/validation.js';
import { requireConsole } from './dossiers.processing.js';
import { visibleUnitCodes } from './dossiers.queue.js';
import * as rr from './dossiers.reports.repository.js';
import { openA4 } from '../../core/pdf.js';
import type { GroupBy, LogRow, ReportScope } from './dossiers.reports.repository.js';

/**
 * Registers and statistics of the one-stop desk (issue 3 part 7): the tracking log (Form 07,
 * Circular 03/2025/TT-VPCP) and the periodic figures with the Decision 766/QĐ-TTg ratios
 * (domain.md §3). Formulas, as computed below and documented in docs/dossier-statistics.md:
 *
 *   online rate        = received online ÷ received × 100%
 *   on-time rate       = returned early or on time ÷ returned × 100%
 *   satisfaction rate  = (returned − returned late or rated "not satisfied") ÷ returned × 100%
 *
 * A ratio over an empty period is undefined ("—"), never 0% or 100%.
 */

export const PERIOD_KINDS = ['thang', 'quy', '6-thang', '9-thang', 'nam', 'tuy-chon'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodQuery {
  ky?: string;
  nam?: string;
  thang?: string;
  quy?: string;
  'tu-ngay'?: string;
  'den-ngay'?: string;
}

export interface Period {
  kind: PeriodKind;
  /** ISO dates, inclusive */
  from: string;
  to: string;
  label: string;
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Month, quarter, 6/9/12 months of a year (the reporting periods of Decision 766), or any range. */
export function parsePeriod(q: PeriodQuery, today = vnIsoDate()): { period: Period; errors?: FieldErrors } {
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  const kind = (PERIOD_KINDS as readonly string[]).includes(q.ky ?? '') ? (q.ky as PeriodKind) : 'quy';
  const errors: FieldErrors = {};
  const year = /^\d{4}$/.test(q.nam ?? '') && Number(q.nam) >= 2000 && Number(q.nam) <= 2100 ? Number(q.nam) : ty;
  if (q.nam && year !== Number(q.nam)) errors.nam = { vi: 'Năm không hợp lệ (2000–2100).', en: 'Invalid year.' };
  switch (kind) {
    case 'thang': {
      const m = /^\d{1,2}$/.test(q.thang ?? '') && Number(q.thang) >= 1 && Number(q.thang) <= 12 ? Number(q.thang) : tm;
      return { period: { kind, from: iso(year, m, 1), to: iso(year, m, lastDay(year, m)), label: `Tháng ${m}/${year}` }, errors: nonEmpty(errors) };
    }
    case 'quy': {
      const qn = /^[1-4]$/.test(q.quy ?? '') ? Number(q.quy) : Math.ceil(tm / 3);
      const m0 = (qn - 1) * 3 + 1;
      return { period: { kind, from: iso(year, m0, 1), to: iso(year, m0 + 2, lastDay(year, m0 + 2)), label: `Quý ${['I', 'II', 'III', 'IV'][qn - 1]}/${year}` }, errors: nonEmpty(errors) };
    }
    case '6-thang':
    case '9-thang':
    case 'nam': {
      const months = kind === '6-thang' ? 6 : kind === '9-thang' ? 9 : 12;
      const label = kind === 'nam' ? `Năm ${year}` : `${months} tháng đầu năm ${year}`;
      return { period: { kind, from: iso(year, 1, 1), to: iso(year, months, lastDay(year, months)), label }, errors: nonEmpty(errors) };
    }
    case 'tuy-chon': {
      const from = parseDateInput(q['tu-ngay'] ?? '');
      const to = parseDateInput(q['den-ngay'] ?? '');
      if (!from) errors['tu-ngay'] = { vi: 'Nhập ngày bắt đầu theo dạng ngày/tháng/năm, ví dụ 01/10/2026.', en: 'Enter the start date (dd/mm/yyyy).' };
      if (!to) errors['den-ngay'] = { vi: 'Nhập ngày kết thúc theo dạng ngày/tháng/năm, ví dụ 31/12/2026.', en: 'Enter the end date (dd/mm/yyyy).' };
      if (from && to && from > to) errors['den-ngay'] = { vi: 'Ngày kết thúc phải sau ngày bắt đầu.', en: 'The end must follow the start.' };
      if (from && to && from <= to) return { period: { kind, from, to, label: `Từ ${formatDateVi(from)} đến ${formatDateVi(to)}` }, errors: nonEmpty(errors) };
      // Invalid range: show the current quarter, and say what was wrong.
      const fallback = parsePeriod({ ky: 'quy' }, today).period;
      return { period: fallback, errors };
    }
  }
}

const nonEmpty = (e: FieldErrors) => (Object.keys(e).length ? e : undefined);

/** [start, end) instants of a period in Vietnam's days. */
export function periodBounds(p: { from: string; to: string }): { start: Date; end: Date } {
  return { start: new Date(`${p.from}T00:00:00+07:00`), end: new Date(new Date(`${p.to}T00:00:00+07:00`).getTime() + 86_400_000) };
}

/** Reports are for console users; unit-scoped specialists see their units' figures only. */
export async function reportScope(db: Executor, actor: Actor, period: { from: string; to: string }, f: { unitCode?: string; procedureCode?: string } = {}): Promise<ReportScope> {
  requireConsole(actor);
  const unitCodes = await visibleUnitCodes(db, actor);
  if (f.unitCode && unitCodes && !unitCodes.includes(f.unitCode)) throw Errors.forbidden('view:dossier:unit');
  return { ...periodBounds(period), unitCodes, unitCode: f.unitCode, procedureCode: f.procedureCode };
}

export interface StatRow {
  key: string;
  label: string;
  carriedOver: number;
  received: number;
  online: number;
  desk: number;
  returned: number;
  early: number;
  onTime: number;
  late: number;
  refused: number;
  stopped: number;
  openOnTime: number;
  openOverdue: number;
  waiting: number;
  rated: number;
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
  satisfactory: number;
  /** percentages, or null when the denominator is 0 */
  onlineRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
}

const ZERO: Omit<StatRow, 'key' | 'label' | 'onlineRate' | 'onTimeRate' | 'satisfactionRate'> = {
  carriedOver: 0,
  received: 0,
  online: 0,
  desk: 0,
  returned: 0,
  early: 0,
  onTime: 0,
  late: 0,
  refused: 0,
  stopped: 0,
  openOnTime: 0,
  openOverdue: 0,
  waiting: 0,
  rated: 0,
  verySatisfied: 0,
  satisfied: 0,
  notSatisfied: 0,
  satisfactory: 0,
};

/** A percentage with one decimal, or null over an empty denominator. */
export const ratio = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 1000) / 10 : null);

function withRates(r: Omit<StatRow, 'onlineRate' | 'onTimeRate' | 'satisfactionRate'>): StatRow {
  return {
    ...r,
    onlineRate: ratio(r.online, r.received),
    onTimeRate: ratio(r.early + r.onTime, r.returned),
    satisfactionRate: ratio(r.satisfactory, r.returned),
  };
}

export interface Statistics {
  period: Period;
  groupBy: GroupBy;
  rows: StatRow[];
  total: StatRow;
  ms: number;
}

export async function statistics(
  db: Executor,
  scope: ReportScope,
  period: Period,
  groupBy: GroupBy,
  opts: { today?: string; labels?: Map<string, string> } = {},
): Promise<Statistics> {
  const today = opts.today ?? vnIsoDate();
  const t0 = performance.now();
  // Overdue is judged at the end of the period, or today for a period not yet over.
  const asOf = period.to < today ? vnIsoDate(scope.end) : today;
  const [rec, carried, fin, open] = await Promise.all([
    rr.receivedIn(db, scope, groupBy),
    rr.carriedOver(db, scope, groupBy),
    rr.finishedIn(db, scope, groupBy),
    rr.openAtEnd(db, scope, groupBy, asOf),
  ]);
  const by = new Map<string, Omit<StatRow, 'onlineRate' | 'onTimeRate' | 'satisfactionRate'>>();
  const row = (k: string) => {
    const found = by.get(k);
    if (found) return found;
    const r = { key: k, label: opts.labels?.get(k) ?? k, ...ZERO };
    by.set(k, r);
    return r;
  };
  for (const r of rec) Object.assign(row(r.k), { received: r.total, online: r.online, desk: r.desk });
  for (const r of carried) row(r.k).carriedOver = r.total;
  for (const r of fin) {
    const { k: _k, ...counts } = r;
    Object.assign(row(r.k), counts);
  }
  for (const r of open) Object.assign(row(r.k), { openOnTime: r.onTime, openOverdue: r.overdue, waiting: r.waiting });
  const rows = [...by.values()].map(withRates).sort((a, b) => a.key.localeCompare(b.key, 'vi'));
  const sum = { key: '', label: 'Tổng cộng', ...ZERO };
  for (const r of rows) for (const k of Object.keys(ZERO) as (keyof typeof ZERO)[]) sum[k] += r[k];
  return { period, groupBy, rows: groupBy === 'none' ? [] : rows, total: withRates(sum), ms: Math.round(performance.now() - t0) };
}

// Form 07 -----------------------------------------------------------------------------------------

export const LOG_STATUS: Record<string, string> = {
  submitted: 'Chờ tiếp nhận',
  received: 'Đã tiếp nhận',
  supplement_requested: 'Chờ bổ sung',
  processing: 'Đang giải quyết',
  approved: 'Đã phê duyệt',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối tiếp nhận',
  stopped: 'Dừng giải quyết',
};
const OUTCOME: Record<string, string> = { early: 'trước hạn', on_time: 'đúng hạn', late: 'quá hạn' };

/** The columns of Form 07 (Sổ theo dõi hồ sơ), one function for the page, CSV, XLSX and PDF. */
export const LOG_COLUMNS: { header: string; width: number; value: (r: LogRow, i: number) => string | number }[] = [
  { header: 'STT', width: 7, value: (_r, i) => i + 1 },
  { header: 'Mã hồ sơ', width: 26, value: (r) => r.code },
  { header: 'Tên thủ tục hành chính', width: 48, value: (r) => r.procedureName },
  { header: 'Số lượng hồ sơ (bộ)', width: 10, value: () => 1 },
  { header: 'Tên cá nhân, tổ chức', width: 28, value: (r) => (r.organisationName ? `${r.applicantName} (${r.organisationName})` : r.applicantName) },
  { header: 'Địa chỉ, số điện thoại', width: 36, value: (r) => [r.address, r.phone].filter(Boolean).join(' – ') },
  { header: 'Cơ quan chủ trì giải quyết', width: 14, value: (r) => r.unitCode },
  { header: 'Hình thức nộp', width: 12, value: (r) => (r.channel === 'desk' ? 'Tại quầy' : 'Trực tuyến') },
  { header: 'Nhận hồ sơ', width: 17, value: (r) => formatDateTimeVi(r.submittedAt) },
  { header: 'Hẹn trả kết quả', width: 13, value: (r) => formatDateVi(r.dueDate) },
  { header: 'Tiếp nhận hợp lệ', width: 17, value: (r) => formatDateTimeVi(r.receivedAt) },
  { header: 'Phê duyệt kết quả', width: 17, value: (r) => formatDateTimeVi(r.decidedAt) },
  { header: 'Trả kết quả / kết thúc', width: 17, value: (r) => formatDateTimeVi(r.finishedAt) },
  { header: 'Ghi chú', width: 22, value: (r) => `${LOG_STATUS[r.status] ?? r.status}${r.outcome ? ` (${OUTCOME[r.outcome]})` : ''}` },
];

/** Every row of the log in batches (keyset pages): memory stays at one batch whatever the size. */
export async function* logBatches(db: Executor, scope: ReportScope, batch = 5000): AsyncGenerator<LogRow[]> {
  let after: { submittedAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await rr.logPage(db, scope, batch, after);
    if (!rows.length) return;
    yield rows;
    if (rows.length < batch) return;
    const last = rows.at(-1)!;
    after = { submittedAt: last.submittedAt, id: last.id };
  }
}

async function write(out: Writable, chunk: string) {
  if (!out.write(chunk)) await once(out, 'drain');
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV (UTF-8 with BOM, so spreadsheet programs read the diacritics), written as it is read. */
export function logCsv(db: Executor, scope: ReportScope, batch?: number): PassThrough {
  const out = new PassThrough();
  (async () => {
    await write(out, `\uFEFF${LOG_COLUMNS.map((c) => csvCell(c.header)).join(',')}\r\n`);
    let i = 0;
    for await (const rows of logBatches(db, scope, batch)) {
      let chunk = '';
      for (const r of rows) {
        const n = i++;
        chunk += `${LOG_COLUMNS.map((c) => csvCell(c.value(r, n))).join(',')}\r\n`;
      }
      await write(out, chunk);
    }
    out.end();
  })().catch((e) => out.destroy(e));
  return out;
}

/** XLSX through exceljs' streaming writer: rows are committed as they come, never all held. */
export function logXlsx(db: Executor, scope: ReportScope, title: string, batch?: number): PassThrough {
  const out = new PassThrough();
  (async () => {
    const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = 'Văn Hiến';
    const ws = wb.addWorksheet('Mẫu 07', { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = LOG_COLUMNS.map((c) => ({ width: c.width }));
    const t = ws.addRow([`SỔ THEO DÕI HỒ SƠ (Mẫu số 07, Thông tư 03/2025/TT-VPCP) – ${title}`]);
    t.font = { bold: true };
    t.commit();
    const h = ws.addRow(LOG_COLUMNS.map((c) => c.header));
    h.font = { bold: true };
    h.commit();
    let i = 0;
    for await (const rows of logBatches(db, scope, batch)) {
      for (const r of rows) {
        const n = i++;
        ws.addRow(LOG_COLUMNS.map((c) => c.value(r, n))).commit();
      }
      // Respect a slow client, and a slow compressor: exceljs' sheet buffer ignores backpressure
      // (its write() always returns true), so wait on the zip entry it feeds (measured: without
      // this, 1,000,000 rows grew the process to 655 MB outside the heap).
      // (archiver's entry is a readable-stream PassThrough: its needDrain flag is in _writableState.)
      const entry = (ws as unknown as { stream?: { pipes?: (Writable & { _writableState?: { needDrain?: boolean } })[] } }).stream?.pipes?.[0];
      if (entry && (entry.writableNeedDrain ?? entry._writableState?.needDrain)) await once(entry, 'drain');
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    ws.commit();
    await wb.commit();
  })().catch((e) => out.destroy(e));
  return out;
}

/** Statistics as XLSX (small: one row per unit or procedure). */
export async function statisticsXlsx(s: Statistics): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Văn Hiến';
  const ws = wb.addWorksheet('Thống kê');
  ws.addRow([`THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH – ${s.period.label}`]).font = { bold: true };
  ws.addRow(STAT_COLUMNS.map((c) => c.header)).font = { bold: true };
  for (const r of [...s.rows, s.total]) ws.addRow(STAT_COLUMNS.map((c) => c.value(r)));
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 48 : 14;
  });
  ws.addRow([]);
  for (const f of FORMULAS) ws.addRow([f]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Form 07 as a printable PDF (landscape A4); a print is capped, the XLSX/CSV exports are not. */
export const LOG_PDF_MAX_ROWS = 2000;

export async function logPdf(db: Executor, scope: ReportScope, title: string): Promise<{ pdf: Buffer; truncated: boolean }> {
  const { doc, done, left, width } = openA4({ Title: `Sổ theo dõi hồ sơ – ${title}`, Subject: 'Mẫu số 07' }, { landscape: true });
  const cols = [0, 1, 2, 4, 6, 8, 9, 12, 13].map((i) => LOG_COLUMNS[i]!);
  const weights = cols.map((c) => c.width);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * width);
  doc.font('B').fontSize(13).text('SỔ THEO DÕI HỒ SƠ', left, doc.y, { width, align: 'center' });
  doc.font('R').fontSize(10).text(`(Mẫu số 07, Phụ lục I, Thông tư số 03/2025/TT-VPCP) – ${title}`, { width, align: 'center' });
  doc.moveDown(0.6);
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'B' : 'R').fontSize(8);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 4 }))) + 4;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).lineWidth(0.4).stroke();
      doc.text(c, x + 2, y + 2, { width: widths[i]! - 4 });
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(
    cols.map((c) => c.header),
    true,
  );
  let n = 0;
  let truncated = false;
  outer: for await (const rows of logBatches(db, scope, 500)) {
    for (const r of rows) {
      if (n >= LOG_PDF_MAX_ROWS) {
        truncated = true;
        break outer;
      }
      drawRow(
        cols.map((c) => String(c.value(r, n))),
        false,
      );
      n++;
    }
  }
  if (truncated) doc.moveDown().font('R').fontSize(9).text(`Bản in giới hạn ${LOG_PDF_MAX_ROWS.toLocaleString('vi-VN')} dòng; tải tệp Excel để có toàn bộ sổ.`, left);
  doc.end();
  return { pdf: await done, truncated };
}

export const FORMULAS = [
  'Tỷ lệ nộp trực tuyến = số hồ sơ nộp trực tuyến ÷ tổng số hồ sơ tiếp nhận trong kỳ × 100%.',
  'Tỷ lệ giải quyết đúng hạn = số hồ sơ trả kết quả trước hạn và đúng hạn ÷ tổng số hồ sơ đã trả kết quả trong kỳ × 100% (Quyết định 766/QĐ-TTg: đúng hạn gồm cả trước hạn).',
  'Tỷ lệ hài lòng = (số hồ sơ đã trả kết quả − số hồ sơ trả quá hạn hoặc bị đánh giá “không hài lòng”) ÷ tổng số hồ sơ đã trả kết quả trong kỳ × 100% (Quyết định 766/QĐ-TTg).',
  'Hồ sơ từ chối tiếp nhận và dừng giải quyết không tính vào mẫu số của hai tỷ lệ sau. Kỳ không có hồ sơ: tỷ lệ ghi “—”.',
];

export const pct = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);

export const STAT_COLUMNS: { header: string; value: (r: StatRow) => string | number }[] = [
  { header: 'Đơn vị / thủ tục', value: (r) => (r.key && r.label !== r.key ? `${r.key} – ${r.label}` : r.label || r.key) },
  { header: 'Kỳ trước chuyển sang', value: (r) => r.carriedOver },
  { header: 'Tiếp nhận trong kỳ', value: (r) => r.received },
  { header: 'Trực tuyến', value: (r) => r.online },
  { header: 'Tại quầy', value: (r) => r.desk },
  { header: 'Trả kết quả trước hạn', value: (r) => r.early },
  { header: 'Trả kết quả đúng hạn', value: (r) => r.onTime },
  { header: 'Trả kết quả quá hạn', value: (r) => r.late },
  { header: 'Đang giải quyết trong hạn', value: (r) => r.openOnTime },
  { header: 'Đang giải quyết quá hạn', value: (r) => r.openOverdue },
  { header: 'Chờ tiếp nhận / bổ sung / tạm dừng', value: (r) => r.waiting },
  { header: 'Từ chối tiếp nhận', value: (r) => r.refused },
  { header: 'Dừng giải quyết', value: (r) => r.stopped },
  { header: 'Tỷ lệ trực tuyến', value: (r) => pct(r.onlineRate) },
  { header: 'Tỷ lệ đúng hạn', value: (r) => pct(r.onTimeRate) },
  { header: 'Tỷ lệ hài lòng', value: (r) => pct(r.satisfactionRate) },
];
