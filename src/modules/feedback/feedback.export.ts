import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { excel } from '../../core/xlsx.js';
import type { CommandContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { Check, nfc, vnIsoDate } from '../../core/validation.js';
import { feedbackPolicy } from './feedback.policy.js';
import { FEEDBACK_CHANNELS, FEEDBACK_STATUSES, type FeedbackChannel, type FeedbackClassification, type FeedbackStatus } from './feedback.schema.js';
import { SATISFACTION_LABELS } from './feedback.handling.js';
import { feedbackStatistics, parsePeriod, RATIO_FORMULAS, STAT_FIGURES, type PeriodInput, type StatisticsReport } from './feedback.stats.js';
import { feedbackClock } from './feedback.time.js';
import { CHANNEL_LABELS, STATUS_LABELS } from './pages/feedback-pages.js';
import * as repo from './feedback.repository.js';
import * as hrepo from './feedback.handling.repository.js';
import * as srepo from './feedback.stats.repository.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows fetched per query: enough to keep the database busy, small enough that a 100,000-case
 * export never holds more than one page in memory. */
export const EXPORT_PAGE_SIZE = 500;

export const CLASSIFICATION_LABELS: Record<FeedbackClassification, string> = {
  within: 'Thuộc thẩm quyền',
  outside: 'Không thuộc thẩm quyền (chuyển cơ quan có thẩm quyền)',
  rejected: 'Không tiếp nhận xử lý',
  complaint: 'Khiếu nại (ngoài quy trình)',
  denunciation: 'Tố cáo (ngoài quy trình)',
};

/** Excel keeps no time zone: a Vietnamese calendar day or wall-clock time is written as that
 * same day and time in UTC, so the cell reads 05/03/2026 14:30 wherever the file is opened. */
function excelDay(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}
function excelVnTime(d: Date): Date {
  return new Date(Math.floor((d.getTime() + 7 * 3600_000) / 60_000) * 60_000);
}

/** Waits when the reply is full so a slow client slows the export instead of filling memory. */
async function drained(out: Writable) {
  if (out.writableNeedDrain) await once(out, 'drain');
}

export interface XlsxExport {
  filename: string;
  write(out: Writable): Promise<void>;
}

/** A sheet whose header row stays in view while scrolling (the streaming writer takes the
 * view when the sheet is created, not later). */
function sheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string) {
  return wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
}

function header(ws: ExcelJS.Worksheet) {
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'top' };
  row.commit();
}

/** A download link has no form to put field errors on: one message naming every problem. */
function throwAsMessage(check: Check) {
  if (check.ok) return;
  const all = Object.values(check.errors);
  throw new AppError('FB-100', 400, all.map((e) => e.vi).join(' '), all.map((e) => e.en).join(' '));
}

// ——— The statistics report ———

/** exportStatistics: the report of the page as a workbook (sheets: summary, per category, per
 * unit). Permission and period checks happen before the first byte is sent. */
export async function exportStatistics(ctx: CommandContext, input: PeriodInput): Promise<XlsxExport> {
  let report: StatisticsReport;
  try {
    report = await feedbackStatistics(ctx, input);
  } catch (err) {
    if (err instanceof AppError && err.fields) {
      const check = new Check();
      for (const [k, v] of Object.entries(err.fields)) check.add(k, v.vi, v.en);
      throwAsMessage(check);
    }
    throw err;
  }
  return {
    filename: `thong-ke-phan-anh-${report.period.from}-${report.period.to}.xlsx`,
    write: (out) => writeStatistics(report, out),
  };
}

const ratioCell = (v: number | null) => (v === null ? '—' : v);

async function writeStatistics(r: StatisticsReport, out: Writable) {
  const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Văn Hiến';
  wb.created = feedbackClock.now();
  const summary = sheet(wb, 'Tổng hợp');
  summary.columns = [
    { header: 'Chỉ tiêu', key: 'label', width: 48 },
    { header: 'Số lượng', key: 'value', width: 14 },
  ];
  header(summary);
  const meta: [string, string | number][] = [
    ['Kỳ báo cáo', r.period.label],
    ['Từ ngày', r.period.from.split('-').reverse().join('/')],
    ['Đến ngày', r.period.to.split('-').reverse().join('/')],
    ['Số liệu tính đến ngày', r.asOf.split('-').reverse().join('/')],
    ['Lĩnh vực', r.category ? (r.categoryNames.get(r.category) ?? r.category) : 'Tất cả'],
    ['Đơn vị', r.unit ? (r.unitNames.get(r.unit) ?? r.unit) : 'Tất cả'],
  ];
  for (const [label, value] of meta) summary.addRow({ label, value }).commit();
  summary.addRow({}).commit();
  for (const f of STAT_FIGURES) {
    const row = summary.addRow({ label: f.label, value: f.ratio ? ratioCell(f.value(r.total)) : (f.value(r.total) ?? 0) });
    if (f.ratio) row.getCell('value').numFmt = '0.0';
    row.commit();
  }
  summary.addRow({}).commit();
  summary.addRow({ label: `Công thức: ${RATIO_FORMULAS.onTime}` }).commit();
  summary.addRow({ label: `Công thức: ${RATIO_FORMULAS.satisfaction}` }).commit();
  summary.addRow({ label: 'Khi không có phản ánh thuộc thẩm quyền, tỷ lệ ghi "—" (không chia cho 0).' }).commit();
  summary.commit();

  const breakdown = (name: string, first: string, rows: srepo.StatsRow[], label: (x: srepo.StatsRow) => string) => {
    const ws = sheet(wb, name);
    ws.columns = [{ header: first, key: 'name', width: 40 }, ...STAT_FIGURES.map((f) => ({ header: f.label, key: f.key, width: 14 }))];
    header(ws);
    for (const x of rows) {
      const values: Record<string, string | number> = { name: label(x) };
      for (const f of STAT_FIGURES) values[f.key] = f.ratio ? ratioCell(f.value(x)) : (f.value(x) ?? 0);
      ws.addRow(values).commit();
    }
    ws.commit();
  };
  breakdown('Theo lĩnh vực', 'Lĩnh vực', r.byCategory, (x) => r.categoryNames.get(x.category!) ?? x.category!);
  breakdown('Theo đơn vị', 'Đơn vị', r.byUnit, (x) => r.unitNames.get(x.unit!) ?? x.unit!);
  await wb.commit();
}

// ——— The case list ———

export interface CaseListInput extends PeriodInput {
  status?: string;
  channel?: string;
}

/** Timeliness of one case as the statistics count it (docs/feedback-statistics.md). */
export function timeliness(c: Pick<srepo.ExportCaseRow, 'classification' | 'status' | 'answeredAt' | 'dueDate'>, today: string): string {
  if (c.classification !== 'within' || c.status === 'merged') return '';
  if ((c.status === 'answered' || c.status === 'closed') && c.answeredAt) {
    const day = vnIsoDate(c.answeredAt);
    return day < c.dueDate ? 'Trước hạn' : day === c.dueDate ? 'Đúng hạn' : 'Trễ hạn';
  }
  return c.dueDate < today ? 'Quá hạn' : 'Chưa đến hạn';
}

/**
 * exportCaseList: the staff case list (filters: period, category, status, channel) as a
 * workbook written row by row. Who may see the list may export it (view:feedback:all); the file
 * carries no reporter name, phone, email or original text (Law 91/2025/QH15: only what the
 * purpose needs), only the redacted public text once an officer confirmed it.
 */
export async function exportCaseList(ctx: CommandContext, input: CaseListInput): Promise<XlsxExport> {
  feedbackPolicy.requireView(ctx.actor);
  const s = ctx.services;
  const check = new Check();
  const status = nfc(input.status);
  const channel = nfc(input.channel);
  const category = nfc(input.category);
  if (status && !FEEDBACK_STATUSES.includes(status as FeedbackStatus)) check.add('status', 'Trạng thái không hợp lệ.', 'Unknown status.');
  if (channel && !FEEDBACK_CHANNELS.includes(channel as FeedbackChannel)) check.add('channel', 'Kênh tiếp nhận không hợp lệ.', 'Unknown channel.');
  const categories = await repo.listCategories(s.db);
  if (category && !categories.some((c) => c.serviceCode === category)) check.add('category', 'Lĩnh vực đã chọn không tồn tại.', 'Unknown category.');
  let period: { from: string; to: string } | undefined;
  if (nfc(input.ky)) {
    try {
      period = parsePeriod(input, vnIsoDate(feedbackClock.now()));
    } catch (err) {
      for (const [k, v] of Object.entries((err as { fields?: Record<string, { vi: string; en: string }> }).fields ?? {})) check.add(k, v.vi, v.en);
    }
  }
  throwAsMessage(check);
  const filter: srepo.ExportFilter = {
    from: period?.from,
    to: period?.to,
    status: (status || undefined) as FeedbackStatus | undefined,
    channel: (channel || undefined) as FeedbackChannel | undefined,
    category: category || undefined,
  };
  const categoryNames = new Map(categories.map((c) => [c.serviceCode, c.name]));
  const unitNames = new Map((await hrepo.allUnits(s.db)).map((u) => [u.code, u.name]));
  const today = vnIsoDate(feedbackClock.now());
  return {
    filename: period ? `danh-sach-phan-anh-${period.from}-${period.to}.xlsx` : `danh-sach-phan-anh-${today}.xlsx`,
    async write(out) {
      const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      wb.creator = 'Văn Hiến';
      wb.created = feedbackClock.now();
      const ws = sheet(wb, 'Danh sách phản ánh');
      ws.columns = [
        { header: 'Mã số', key: 'code', width: 18 },
        { header: 'Thời điểm tiếp nhận', key: 'received', width: 18, style: { numFmt: 'dd/mm/yyyy hh:mm' } },
        { header: 'Kênh tiếp nhận', key: 'channel', width: 20 },
        { header: 'Lĩnh vực', key: 'category', width: 36 },
        { header: 'Đơn vị xử lý', key: 'unit', width: 34 },
        { header: 'Trạng thái', key: 'status', width: 26 },
        { header: 'Phân loại', key: 'classification', width: 30 },
        { header: 'Hạn xử lý', key: 'due', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
        { header: 'Ngày trả lời', key: 'answered', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
        { header: 'Kết quả về thời hạn', key: 'timeliness', width: 16 },
        { header: 'Nơi chuyển', key: 'forwardTo', width: 30 },
        { header: 'Mức độ hài lòng', key: 'satisfaction', width: 16 },
        { header: 'Số lần xử lý lại', key: 'reopen', width: 10 },
        { header: 'Nội dung công khai (đã che thông tin cá nhân)', key: 'publicContent', width: 60 },
      ];
      header(ws);
      let after: { cursorAt: string; code: string } | null = null;
      for (;;) {
        const page = await srepo.exportPage(s.db, filter, after, EXPORT_PAGE_SIZE);
        for (const c of page) {
          const answered = (c.status === 'answered' || c.status === 'closed') && c.answeredAt ? c.answeredAt : null;
          ws.addRow({
            code: c.code,
            received: excelVnTime(c.receivedAt),
            channel: CHANNEL_LABELS[c.channel]?.vi ?? c.channel,
            category: categoryNames.get(c.categoryCode) ?? c.categoryCode,
            unit: c.unit ? (unitNames.get(c.unit) ?? c.unit) : '',
            status: STATUS_LABELS[c.status]?.vi ?? c.status,
            classification: c.classification ? CLASSIFICATION_LABELS[c.classification] : '',
            due: excelDay(c.dueDate),
            answered: answered ? excelDay(vnIsoDate(answered)) : null,
            timeliness: timeliness(c, today),
            forwardTo: c.forwardTo ?? '',
            satisfaction: c.satisfaction ? SATISFACTION_LABELS[c.satisfaction].vi : '',
            reopen: c.reopenCount,
            publicContent: c.publicContent ?? '',
          }).commit();
        }
        if (page.length < EXPORT_PAGE_SIZE) break;
        const last: srepo.ExportCaseRow = page[page.length - 1]!;
        after = { cursorAt: last.cursorAt, code: last.code };
        await drained(out);
      }
      ws.commit();
      await wb.commit();
    },
  };
}
