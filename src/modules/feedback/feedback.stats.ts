import type { CommandContext } from '../../core/context.js';
import { Check, formatDateVi, nfc, parseDateInput, vnIsoDate } from '../../core/validation.js';
import { statsPolicy } from './feedback.policy.js';
import { feedbackClock } from './feedback.time.js';
import * as repo from './feedback.repository.js';
import * as hrepo from './feedback.handling.repository.js';
import * as srepo from './feedback.stats.repository.js';

/** Decision 766/QĐ-TTg: systems report monthly, quarterly, 6-, 9- and 12-monthly; the 6-, 9- and
 * 12-month reports are cumulative from 1 January of the year. A custom range serves the rest. */
export const PERIOD_KINDS = ['thang', 'quy', '6-thang', '9-thang', 'nam', 'tuy-chon'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_LABELS: Record<PeriodKind, string> = {
  thang: 'Tháng',
  quy: 'Quý',
  '6-thang': '6 tháng đầu năm',
  '9-thang': '9 tháng đầu năm',
  nam: 'Cả năm (12 tháng)',
  'tuy-chon': 'Tùy chọn (từ ngày – đến ngày)',
};

/** What the report form sends (GET query), all as typed. */
export interface PeriodInput {
  ky?: string;
  nam?: string;
  thang?: string;
  quy?: string;
  tu?: string;
  den?: string;
  category?: string;
  unit?: string;
}

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** A custom range longer than this is a typo (and a heavy query), not a report. */
const MAX_RANGE_DAYS = 5 * 366;

/** The period's first and last day, or CORE-100 with every field error (Vietnamese messages). */
export function parsePeriod(input: PeriodInput, today = vnIsoDate(feedbackClock.now())): Period {
  const check = new Check();
  const kind = (PERIOD_KINDS as readonly string[]).includes(nfc(input.ky)) ? (nfc(input.ky) as PeriodKind) : nfc(input.ky) ? null : 'thang';
  if (!kind) check.add('ky', 'Vui lòng chọn kỳ báo cáo.', 'Choose a period.');
  const yearRaw = nfc(input.nam);
  const year = yearRaw ? Number(yearRaw) : Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) check.add('nam', 'Năm phải là số có 4 chữ số, từ 2000 đến 2100.', 'The year must be 2000–2100.');
  const monthRaw = nfc(input.thang);
  const month = monthRaw ? Number(monthRaw) : Number(today.slice(5, 7));
  if (kind === 'thang' && (!Number.isInteger(month) || month < 1 || month > 12)) check.add('thang', 'Tháng phải từ 1 đến 12.', 'The month must be 1–12.');
  const quarterRaw = nfc(input.quy);
  const quarter = quarterRaw ? Number(quarterRaw) : Math.ceil(Number(today.slice(5, 7)) / 3);
  if (kind === 'quy' && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) check.add('quy', 'Quý phải từ 1 đến 4.', 'The quarter must be 1–4.');
  let from = '';
  let to = '';
  if (kind === 'tuy-chon') {
    const f = nfc(input.tu);
    const t = nfc(input.den);
    const pf = f ? parseDateInput(f) : null;
    const pt = t ? parseDateInput(t) : null;
    if (!f) check.add('tu', 'Vui lòng nhập ngày bắt đầu (ngày/tháng/năm).', 'Enter the first day.');
    else if (!pf) check.add('tu', 'Ngày bắt đầu không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 01/03/2026.', 'Enter the first day as dd/mm/yyyy.');
    if (!t) check.add('den', 'Vui lòng nhập ngày kết thúc (ngày/tháng/năm).', 'Enter the last day.');
    else if (!pt) check.add('den', 'Ngày kết thúc không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 31/03/2026.', 'Enter the last day as dd/mm/yyyy.');
    if (pf && pt && pf > pt) check.add('den', 'Ngày kết thúc phải cùng hoặc sau ngày bắt đầu.', 'The last day must not be before the first.');
    else if (pf && pt && (Date.parse(pt) - Date.parse(pf)) / 86400_000 > MAX_RANGE_DAYS)
      check.add('den', 'Khoảng thời gian không được dài quá 5 năm.', 'At most 5 years.');
    from = pf ?? '';
    to = pt ?? '';
  }
  check.throwIfAny();
  let label: string;
  switch (kind!) {
    case 'thang':
      from = `${year}-${pad(month)}-01`;
      to = `${year}-${pad(month)}-${pad(lastDay(year, month))}`;
      label = `Tháng ${pad(month)}/${year}`;
      break;
    case 'quy':
      from = `${year}-${pad(quarter * 3 - 2)}-01`;
      to = `${year}-${pad(quarter * 3)}-${pad(lastDay(year, quarter * 3))}`;
      label = `Quý ${ROMAN[quarter - 1]}/${year}`;
      break;
    case '6-thang':
      from = `${year}-01-01`;
      to = `${year}-06-30`;
      label = `6 tháng đầu năm ${year}`;
      break;
    case '9-thang':
      from = `${year}-01-01`;
      to = `${year}-09-30`;
      label = `9 tháng đầu năm ${year}`;
      break;
    case 'nam':
      from = `${year}-01-01`;
      to = `${year}-12-31`;
      label = `Năm ${year}`;
      break;
    default:
      label = `Từ ${formatDateVi(from)} đến ${formatDateVi(to)}`;
  }
  return { kind: kind!, from, to, label };
}

export interface StatisticsReport {
  period: Period;
  /** the day "overdue" is measured against (today, Vietnam time) */
  asOf: string;
  category?: string;
  unit?: string;
  total: srepo.StatsRow;
  byCategory: srepo.StatsRow[];
  byUnit: srepo.StatsRow[];
  categoryNames: Map<string, string>;
  unitNames: Map<string, string>;
}

const EMPTY_ROW: srepo.StatsRow = {
  category: null,
  unit: null,
  received: 0,
  byChannel: { web: 0, hotline: 0, open311: 0, email: 0 },
  unclassified: 0,
  within: 0,
  forwarded: 0,
  forwardedLate: 0,
  rejected: 0,
  outOfProcess: 0,
  merged: 0,
  early: 0,
  onTime: 0,
  late: 0,
  pending: 0,
  overdue: 0,
  reopened: 0,
  reopenings: 0,
  verySatisfied: 0,
  satisfied: 0,
  unsatisfied: 0,
  notRated: 0,
  unsatisfiedOrLate: 0,
  onTimeRatio: null,
  satisfactionRatio: null,
};

async function names(ctx: CommandContext) {
  const s = ctx.services;
  const [cats, units] = await Promise.all([repo.listCategories(s.db), hrepo.allUnits(s.db)]);
  return {
    categories: cats,
    units,
    categoryNames: new Map(cats.map((c) => [c.serviceCode, c.name])),
    unitNames: new Map(units.map((u) => [u.code, u.name])),
  };
}

/** The category and unit filters: known codes only (anything else is a field error). */
async function scopeFilters(ctx: CommandContext, input: PeriodInput) {
  const n = await names(ctx);
  const category = nfc(input.category);
  const unit = nfc(input.unit);
  const check = new Check();
  if (category && !n.categoryNames.has(category)) check.add('category', 'Lĩnh vực đã chọn không tồn tại.', 'Unknown category.');
  if (unit && !n.unitNames.has(unit)) check.add('unit', 'Đơn vị đã chọn không tồn tại.', 'Unknown unit.');
  return { n, category: category || undefined, unit: unit || undefined, check };
}

/**
 * feedbackStatistics: the leaders' report (issue 4 part 6). Outcomes: the report; CORE-200/300
 * (permission view:feedback_stats:all, checked first); CORE-100 with the period's field errors.
 */
export async function feedbackStatistics(ctx: CommandContext, input: PeriodInput): Promise<StatisticsReport> {
  statsPolicy.requireView(ctx.actor);
  const today = vnIsoDate(feedbackClock.now());
  const { n, category, unit, check } = await scopeFilters(ctx, input);
  let period: Period | undefined;
  try {
    period = parsePeriod(input, today);
  } catch (err) {
    const fields = (err as { fields?: Record<string, { vi: string; en: string }> }).fields ?? {};
    for (const [k, v] of Object.entries(fields)) check.add(k, v.vi, v.en);
  }
  check.throwIfAny();
  const p = period!;
  // The period selects cases by their day of receipt; what happened to them is read as it
  // stands today (an October case answered in November counts, early or late, in October's
  // report), so "overdue" is measured against today too.
  const rows = await srepo.statistics(ctx.services.db, { from: p.from, to: p.to, category, unit, today });
  return {
    period: p,
    asOf: today,
    category,
    unit,
    total: rows.find((r) => r.category === null && r.unit === null) ?? EMPTY_ROW,
    byCategory: rows.filter((r) => r.category !== null),
    byUnit: rows.filter((r) => r.unit !== null),
    categoryNames: n.categoryNames,
    unitNames: n.unitNames,
  };
}

/** Options of the report form: categories and units with their names. */
export async function statisticsOptions(ctx: CommandContext) {
  statsPolicy.requireView(ctx.actor);
  const n = await names(ctx);
  return { categories: n.categories, units: n.units };
}

/** Grid cell sizes (degrees) per zoom step: 1 ≈ the whole country, 5 ≈ a few city blocks. */
export const MAP_ZOOM_CELLS: Record<number, number> = { 1: 1, 2: 0.25, 3: 0.05, 4: 0.01, 5: 0.002 };

export interface MapReport {
  period: Period;
  zoom: number;
  cell: number;
  clusters: srepo.MapCluster[];
  categoryNames: Map<string, string>;
}

/** feedbackMap: clusters of located cases for the leaders' map. Same permission and period
 * rules as the statistics. */
export async function feedbackMap(ctx: CommandContext, input: PeriodInput & { zoom?: string }): Promise<MapReport> {
  statsPolicy.requireView(ctx.actor);
  const today = vnIsoDate(feedbackClock.now());
  const { n, category, check } = await scopeFilters(ctx, { ...input, unit: '' });
  const zoomRaw = nfc(input.zoom);
  const zoom = zoomRaw ? Number(zoomRaw) : 2;
  if (!MAP_ZOOM_CELLS[zoom]) check.add('zoom', 'Mức thu phóng phải từ 1 đến 5.', 'The zoom must be 1–5.');
  let period: Period | undefined;
  try {
    period = parsePeriod(input, today);
  } catch (err) {
    const fields = (err as { fields?: Record<string, { vi: string; en: string }> }).fields ?? {};
    for (const [k, v] of Object.entries(fields)) check.add(k, v.vi, v.en);
  }
  check.throwIfAny();
  const cell = MAP_ZOOM_CELLS[zoom]!;
  const clusters = await srepo.mapClusters(ctx.services.db, { from: period!.from, to: period!.to, category, today, cell });
  return { period: period!, zoom, cell, clusters, categoryNames: n.categoryNames };
}

/** A percentage as Vietnamese write it ("87,5 %"); "—" when there was nothing to divide by. */
export function formatRatio(v: number | null): string {
  return v === null ? '—' : `${v.toFixed(1).replace('.', ',')} %`;
}

/** The figures of one row, in the order the page tables and the XLSX sheet show them. */
export const STAT_FIGURES: { key: string; label: string; value: (r: srepo.StatsRow) => number | null; ratio?: boolean }[] = [
  { key: 'received', label: 'Tổng số tiếp nhận', value: (r) => r.received },
  { key: 'web', label: 'Qua cổng thông tin', value: (r) => r.byChannel.web },
  { key: 'hotline', label: 'Qua đường dây nóng', value: (r) => r.byChannel.hotline },
  { key: 'open311', label: 'Qua ứng dụng (Open311)', value: (r) => r.byChannel.open311 },
  { key: 'email', label: 'Qua thư điện tử', value: (r) => r.byChannel.email },
  { key: 'unclassified', label: 'Chưa phân loại', value: (r) => r.unclassified },
  { key: 'within', label: 'Thuộc thẩm quyền', value: (r) => r.within },
  { key: 'forwarded', label: 'Chuyển cơ quan có thẩm quyền', value: (r) => r.forwarded },
  { key: 'forwardedLate', label: 'Trong đó chuyển quá 5 ngày làm việc', value: (r) => r.forwardedLate },
  { key: 'rejected', label: 'Không tiếp nhận xử lý', value: (r) => r.rejected },
  { key: 'outOfProcess', label: 'Khiếu nại, tố cáo (ngoài quy trình)', value: (r) => r.outOfProcess },
  { key: 'merged', label: 'Gộp vào phản ánh trùng', value: (r) => r.merged },
  { key: 'early', label: 'Xử lý trước hạn', value: (r) => r.early },
  { key: 'onTime', label: 'Xử lý đúng hạn', value: (r) => r.onTime },
  { key: 'late', label: 'Xử lý trễ hạn', value: (r) => r.late },
  { key: 'pending', label: 'Đang xử lý, chưa đến hạn', value: (r) => r.pending },
  { key: 'overdue', label: 'Quá hạn, chưa xử lý xong', value: (r) => r.overdue },
  { key: 'reopened', label: 'Bị đề nghị xử lý lại (số phản ánh)', value: (r) => r.reopened },
  { key: 'reopenings', label: 'Số lần đề nghị xử lý lại', value: (r) => r.reopenings },
  { key: 'verySatisfied', label: 'Rất hài lòng', value: (r) => r.verySatisfied },
  { key: 'satisfied', label: 'Hài lòng', value: (r) => r.satisfied },
  { key: 'unsatisfied', label: 'Không hài lòng', value: (r) => r.unsatisfied },
  { key: 'notRated', label: 'Đã trả lời, chưa đánh giá', value: (r) => r.notRated },
  { key: 'onTimeRatio', label: 'Tỷ lệ xử lý đúng hạn (%)', value: (r) => r.onTimeRatio, ratio: true },
  { key: 'satisfactionRatio', label: 'Tỷ lệ hài lòng với việc xử lý (%)', value: (r) => r.satisfactionRatio, ratio: true },
];

/** The two Decision 766/QĐ-TTg formulas (domain.md §3), as the page and the sheet state them. */
export const RATIO_FORMULAS = {
  onTime: 'Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn = (số xử lý trước hạn + số xử lý đúng hạn) ÷ số phản ánh, kiến nghị thuộc thẩm quyền × 100%',
  satisfaction:
    'Tỷ lệ hài lòng với việc xử lý phản ánh, kiến nghị = (số thuộc thẩm quyền − số bị đánh giá không hài lòng hoặc xử lý trễ hạn) ÷ số thuộc thẩm quyền × 100%',
};

/** The ratio's numerator and denominator, for showing the formula with the period's numbers. */
export function ratioTerms(r: srepo.StatsRow) {
  return {
    onTime: { numerator: r.early + r.onTime, denominator: r.within },
    satisfaction: { numerator: r.within - r.unsatisfiedOrLate, excluded: r.unsatisfiedOrLate, denominator: r.within },
  };
}
