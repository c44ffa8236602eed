import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { vnIsoDate } from '../../core/validation.js';
import { dossierPeriodBounds, dossierStatistics } from '../dossiers/index.js';
import { feedbackStatistics } from '../feedback/index.js';
import { type PublishedValue, getDefinition, periodFromCode, publishedForPeriod } from '../indicators/index.js';
import * as repo from './steering.repository.js';

/**
 * The figures of a report, each computed through another module's public surface (ADR 008) and
 * carrying its source and "as of" day. A figure without data for the period is `value: null`
 * with the reason in `missing`; the documents print "chưa có số liệu" there, never 0.
 */
export interface Figure {
  key: string;
  label: string;
  value: number | null;
  /** 'count' | 'percent' | 'points' */
  kind: 'count' | 'percent' | 'points';
  unit?: string;
  source: string;
  href?: string;
  asOf: string;
  missing?: string;
}

export interface TableBlock {
  caption: string;
  head: string[];
  rows: string[][];
}

export interface ReportSection {
  key: string;
  title: string;
  figures: Figure[];
  tables: TableBlock[];
  /** officers' paragraphs (edited between versions) */
  narrative: string;
}

export interface ReportContent {
  kind: 'yearly' | 'quarterly';
  year: number;
  quarter: number | null;
  title: string;
  period: { from: string; to: string; label: string };
  generatedAt: string;
  asOf: string;
  sections: ReportSection[];
}

interface TemplateSection {
  key: string;
  title: string;
  block: 'dossiers' | 'feedback' | 'indicators' | 'plans' | 'indexes' | 'narrative' | 'next';
  indicators?: { code: string; label: string }[];
  default?: string;
}
interface Template {
  title: string;
  numberSuffix: string;
  sections: TemplateSection[];
}

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'steering.templates.json');
const FILE_SRC = FILE.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`);
let templates: Record<string, Template> | undefined;
export function reportTemplate(kind: 'yearly' | 'quarterly'): Template {
  templates ??= JSON.parse(fs.readFileSync(fs.existsSync(FILE) ? FILE : FILE_SRC, 'utf8')) as Record<string, Template>;
  return templates[kind]!;
}

export const NO_DATA = 'chưa có số liệu';

/** "12.345" / "87,5 %" / "chưa có số liệu" — as the documents and pages print a figure. */
export function formatFigure(f: Pick<Figure, 'value' | 'kind' | 'unit'>): string {
  if (f.value === null) return NO_DATA;
  if (f.kind === 'percent') return `${f.value.toFixed(1).replace('.', ',')} %`;
  const n = f.value.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  return f.unit ? `${n} ${f.unit}` : n;
}

const pad = (n: number) => String(n).padStart(2, '0');
export function reportPeriod(kind: 'yearly' | 'quarterly', year: number, quarter: number | null) {
  if (kind === 'quarterly' && quarter) {
    const m0 = (quarter - 1) * 3 + 1;
    const last = new Date(Date.UTC(year, m0 + 2, 0)).getUTCDate();
    return {
      from: `${year}-${pad(m0)}-01`,
      to: `${year}-${pad(m0 + 2)}-${last}`,
      label: `Quý ${['I', 'II', 'III', 'IV'][quarter - 1]}/${year}`,
      code: `${year}-Q${quarter}`,
    };
  }
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: `Năm ${year}`, code: String(year) };
}

const VN = (iso: string) => iso.split('-').reverse().join('/');

async function dossierFigures(s: Services, p: { from: string; to: string; label: string }, today: string): Promise<Figure[]> {
  // The same query and scope the statistics page /quan-tri/ho-so/thong-ke shows to a leader who
  // sees every unit (docs/dossier-statistics.md); the report's period is "Năm" of that page.
  const stats = await dossierStatistics(s.db, { ...dossierPeriodBounds(p) }, { kind: 'nam', ...p }, 'unit', { today });
  const t = stats.total;
  const asOf = p.to < today ? p.to : today;
  const src = 'Thống kê hồ sơ thủ tục hành chính (Quyết định 766/QĐ-TTg)';
  const href = `/quan-tri/ho-so/thong-ke?ky=nam&nam=${p.from.slice(0, 4)}`;
  const f = (key: string, label: string, value: number | null, kind: Figure['kind'] = 'count'): Figure => ({
    key,
    label,
    value,
    kind,
    source: src,
    href,
    asOf,
    ...(value === null ? { missing: 'không có hồ sơ trong kỳ để tính tỷ lệ' } : {}),
  });
  return [
    f('dvc.received', 'Hồ sơ tiếp nhận', t.received),
    f('dvc.online', 'Trong đó tiếp nhận trực tuyến', t.online),
    f('dvc.desk', 'Tiếp nhận trực tiếp tại Bộ phận Một cửa', t.desk),
    f('dvc.onlineRate', 'Tỷ lệ hồ sơ trực tuyến', t.onlineRate, 'percent'),
    f('dvc.returned', 'Hồ sơ đã trả kết quả', t.returned),
    f('dvc.onTimeRate', 'Tỷ lệ hồ sơ giải quyết đúng hạn', t.onTimeRate, 'percent'),
    f('dvc.satisfactionRate', 'Tỷ lệ hài lòng', t.satisfactionRate, 'percent'),
  ];
}

async function feedbackFigures(s: Services, p: { from: string; to: string }): Promise<Figure[]> {
  // The leaders' statistics page's own query (docs/feedback-statistics.md), for the whole year;
  // the report reads it as the system: the figures are aggregates, no case is shown.
  const year = p.from.slice(0, 4);
  const input = p.from.endsWith('-01-01') && p.to.endsWith('-12-31') ? { ky: 'nam', nam: year } : { ky: 'tuy-chon', tu: VN(p.from), den: VN(p.to) };
  const r = await feedbackStatistics({ services: s, actor: SYSTEM }, input);
  const t = r.total;
  const src = 'Thống kê phản ánh, kiến nghị (Quyết định 766/QĐ-TTg)';
  const href = `/quan-tri/phan-anh/thong-ke?ky=nam&nam=${year}`;
  const f = (key: string, label: string, value: number | null, kind: Figure['kind'] = 'count'): Figure => ({
    key,
    label,
    value,
    kind,
    source: src,
    href,
    asOf: r.asOf,
    ...(value === null ? { missing: 'không có phản ánh thuộc thẩm quyền trong kỳ' } : {}),
  });
  return [
    f('pakn.received', 'Phản ánh, kiến nghị tiếp nhận', t.received),
    f('pakn.hotline', 'Trong đó qua đường dây nóng', t.byChannel.hotline),
    f('pakn.within', 'Thuộc thẩm quyền', t.within),
    f('pakn.onTimeRatio', 'Tỷ lệ xử lý đúng hạn', t.onTimeRatio, 'percent'),
    f('pakn.satisfactionRatio', 'Tỷ lệ hài lòng với việc xử lý', t.satisfactionRatio, 'percent'),
  ];
}

/** A published value of an indicator for the period: the period's own value, or for a count
 * reported by quarter, the sum of the four published quarters (all four, or no data). */
export async function indicatorActual(
  s: Services,
  code: string,
  periodCode: string,
  cache = new Map<string, PublishedValue[]>(),
): Promise<{ value: number | null; asOf: string; missing?: string; unit?: string; kind: Figure['kind'] }> {
  const def = await getDefinition(s.db, code);
  if (!def) return { value: null, asOf: '', missing: `chỉ tiêu ${code} chưa có trong danh mục`, kind: 'count' };
  const kind: Figure['kind'] = def.valueType === 'percent' ? 'percent' : 'count';
  const unit = kind === 'count' ? def.measureUnit : undefined;
  const read = async (pc: string) => {
    let v = cache.get(pc);
    if (!v) {
      v = await publishedForPeriod(s.db, pc);
      cache.set(pc, v);
    }
    return v.find((x) => x.indicatorCode === code && x.dimsKey === '');
  };
  const own = await read(periodCode);
  if (own) return { value: own.value, asOf: vnIsoDate(own.updatedAt), unit, kind };
  const period = periodFromCode(periodCode);
  if (period?.periodicity === 'year' && kind === 'count') {
    const qs = await Promise.all([1, 2, 3, 4].map((q) => read(`${periodCode}-Q${q}`)));
    if (qs.every(Boolean)) {
      const asOf = qs
        .map((q) => vnIsoDate(q!.updatedAt))
        .sort()
        .at(-1)!;
      return { value: qs.reduce((a, q) => a + q!.value, 0), asOf, unit, kind };
    }
  }
  return { value: null, asOf: '', missing: `chưa công bố số liệu kỳ ${periodCode}`, unit, kind };
}

async function indicatorFigures(
  s: Services,
  list: { code: string; label: string }[],
  periodCode: string,
  cache: Map<string, PublishedValue[]>,
): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const i of list) {
    const a = await indicatorActual(s, i.code, periodCode, cache);
    out.push({
      key: `ind.${i.code}`,
      label: i.label,
      value: a.value,
      kind: a.kind,
      unit: a.unit,
      source: `Chỉ tiêu ${i.code} (số liệu đã công bố)`,
      href: `/so-lieu/${i.code}`,
      asOf: a.asOf,
      ...(a.missing ? { missing: a.missing } : {}),
    });
  }
  return out;
}

const STATUS_VI: Record<string, string> = {
  not_started: 'Chưa triển khai',
  on_track: 'Đang thực hiện đúng tiến độ',
  at_risk: 'Có nguy cơ chậm',
  late: 'Quá hạn',
  done: 'Hoàn thành',
  dropped: 'Dừng thực hiện',
};

async function planBlock(
  s: Services,
  year: number,
  p: { from: string; to: string; code: string },
  today: string,
  cache: Map<string, PublishedValue[]>,
): Promise<{ figures: Figure[]; tables: TableBlock[] }> {
  const counts = await repo.taskCounts(s.db, today, { from: p.from, to: p.to });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const src = 'Theo dõi nhiệm vụ (Văn Hiến)';
  const figures: Figure[] = [
    { key: 'tasks.total', label: 'Nhiệm vụ có hạn trong kỳ', value: total, kind: 'count', source: src, href: '/quan-tri/chi-dao/bang', asOf: today },
    ...Object.entries(counts).map(([k, v]) => ({
      key: `tasks.${k}`,
      label: STATUS_VI[k]!,
      value: v,
      kind: 'count' as const,
      source: src,
      href: '/quan-tri/chi-dao/bang',
      asOf: today,
    })),
  ];
  const tables: TableBlock[] = [];
  for (const plan of await repo.plansInYear(s.db, year)) {
    const rows: string[][] = [];
    for (const t of await repo.targetsOf(s.db, plan.id)) {
      const target = t.targetValue === null ? '—' : `${t.comparator === '>=' ? '≥' : '≤'} ${t.targetValue.toLocaleString('vi-VN')}`;
      if (!t.indicatorCode) {
        rows.push([t.label, target, '—', 'Không gắn chỉ tiêu', '—']);
        continue;
      }
      const a = await indicatorActual(s, t.indicatorCode, t.periodCode ?? p.code, cache);
      const met =
        a.value === null || t.targetValue === null ? '—' : (t.comparator === '>=' ? a.value >= t.targetValue : a.value <= t.targetValue) ? 'Đạt' : 'Chưa đạt';
      rows.push([
        t.label,
        target,
        formatFigure({ value: a.value, kind: a.kind, unit: a.unit }),
        `Chỉ tiêu ${t.indicatorCode}${a.asOf ? `, tính đến ${VN(a.asOf)}` : ''}`,
        met,
      ]);
    }
    tables.push({
      caption: `Chỉ tiêu của Kế hoạch số ${plan.number} ngày ${VN(plan.issuedOn)}`,
      head: ['Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Nguồn số liệu', 'Đánh giá'],
      rows,
    });
  }
  return { figures, tables };
}

async function indexBlock(s: Services, year: number, cache: Map<string, PublishedValue[]>): Promise<TableBlock[]> {
  const crit = (await repo.criteriaFor(s.db, year)).rows;
  const scores = await repo.scoresFor(s.db, year);
  const out: TableBlock[] = [];
  for (const kind of ['CCHC', 'CDS']) {
    const rows: string[][] = [];
    for (const c of crit.filter((x) => x.index_kind === kind)) {
      const auto = await criterionAuto(s, c, year, cache);
      const sc = scores.filter((x) => x.criterionId === c.id);
      const pts = auto ?? (sc.length ? sc.reduce((a, x) => a + (x.reviewedPoints ?? x.points), 0) / sc.length : null);
      rows.push([
        String(c.code),
        String(c.label),
        String(c.max_points),
        pts === null ? NO_DATA : pts.toLocaleString('vi-VN', { maximumFractionDigits: 2 }),
        auto !== null ? `Tự động từ chỉ tiêu ${c.indicator_code}` : sc.length ? 'Đơn vị tự chấm' : '—',
      ]);
    }
    if (rows.length)
      out.push({
        caption: kind === 'CCHC' ? 'Chỉ số cải cách hành chính (tự đánh giá)' : 'Chỉ số chuyển đổi số (tự đánh giá)',
        head: ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Điểm', 'Căn cứ'],
        rows,
      });
  }
  return out;
}

/** A criterion fed by a live figure fills itself: max × min(1, value ÷ full_at). */
export async function criterionAuto(
  s: Services,
  c: Record<string, unknown>,
  year: number,
  cache = new Map<string, PublishedValue[]>(),
): Promise<number | null> {
  if (!c.indicator_code || c.full_at === null || c.full_at === undefined) return null;
  const a = await indicatorActual(s, String(c.indicator_code), String(year), cache);
  if (a.value === null) return null;
  return Math.round(Number(c.max_points) * Math.min(1, a.value / Number(c.full_at)) * 100) / 100;
}

async function nextBlock(s: Services, today: string, year: number): Promise<TableBlock[]> {
  const open = (await repo.board(s.db, today, { open: true })).slice(0, 200);
  const names = await repo.unitNames(s.db);
  const rows = open.map((t) => [t.code, t.title, names.get(t.ownerUnit) ?? t.ownerUnit, VN(t.deadline), STATUS_VI[t.effective] ?? t.effective]);
  void year;
  return [{ caption: 'Nhiệm vụ chuyển tiếp (chưa hoàn thành)', head: ['Mã', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Hạn', 'Tình trạng'], rows }];
}

/** Computes a report's content from the live data; narratives come from `narratives` (the
 * previous version's, so officers' text survives a refresh of the figures). */
export async function buildReportContent(
  s: Services,
  kind: 'yearly' | 'quarterly',
  year: number,
  quarter: number | null,
  narratives: Record<string, string> = {},
  today = vnIsoDate(),
): Promise<ReportContent> {
  const tpl = reportTemplate(kind);
  const p = reportPeriod(kind, year, quarter);
  const sections: ReportSection[] = [];
  // One read of each period's published values for the whole report (a period holds every
  // indicator's disaggregations: thousands of rows, read once rather than per figure).
  const cache = new Map<string, PublishedValue[]>();
  for (const t of tpl.sections) {
    const sec: ReportSection = { key: t.key, title: t.title, figures: [], tables: [], narrative: narratives[t.key] ?? t.default ?? '' };
    if (t.block === 'dossiers') sec.figures = await dossierFigures(s, p, today);
    else if (t.block === 'feedback') sec.figures = await feedbackFigures(s, p);
    else if (t.block === 'indicators') sec.figures = await indicatorFigures(s, t.indicators ?? [], p.code, cache);
    else if (t.block === 'plans') Object.assign(sec, await planBlock(s, year, p, today, cache));
    else if (t.block === 'indexes') sec.tables = await indexBlock(s, year, cache);
    else if (t.block === 'next') sec.tables = await nextBlock(s, today, year);
    sections.push(sec);
  }
  return {
    kind,
    year,
    quarter,
    title: tpl.title.replace('{year}', String(year)).replace('{quarter}', quarter ? ['I', 'II', 'III', 'IV'][quarter - 1]! : ''),
    period: { from: p.from, to: p.to, label: p.label },
    generatedAt: new Date().toISOString(),
    asOf: today,
    sections,
  };
}

/** The report as plain lines, for the diff between versions. */
export function contentLines(c: ReportContent): string {
  const out: string[] = [c.title, ''];
  c.sections.forEach((s, i) => {
    out.push(`${ROMAN[i]}. ${s.title}`);
    for (const f of s.figures) out.push(`- ${f.label}: ${formatFigure(f)}`);
    for (const t of s.tables) {
      out.push(t.caption);
      for (const r of t.rows) out.push(`  ${r.join(' | ')}`);
    }
    if (s.narrative) out.push(...s.narrative.split('\n'));
    out.push('');
  });
  return out.join('\n');
}

export const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
