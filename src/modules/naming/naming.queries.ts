import { excel } from '../../core/xlsx.js';
import type { Services } from '../../core/context.js';
import { type AnyGeometry, type PolygonGeometry, rewindRfc7946 } from '../../core/geo/index.js';
import { officialHeading, openA4 } from '../../core/pdf.js';
import { formatDateVi, vnIsoDate } from '../../core/validation.js';
import * as repo from './naming.repository.js';

/** Vietnamese sort order (domain.md §10): Intl.Collator('vi'), not byte order. */
export const viCollator = new Intl.Collator('vi', { sensitivity: 'base' });

/** The search and duplicate key: NFC, marks removed, đ → d, lower case, single spaces
 * ("Nguyễn  Trãi" and "nguyen trai" fold alike; domain.md §10). */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
/** The exact key: the name with its marks, case and spacing ignored. */
export function exactOf(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The first letter a name is filed under in the A–Z list ("Đ" is its own letter in Vietnamese). */
export function letterOf(name: string): string {
  const c = name.normalize('NFC').charAt(0).toUpperCase();
  if (c === 'Đ') return 'Đ';
  return c.normalize('NFD').charAt(0);
}

export function ruleLabel(rules: repo.Rule[], kind: string, key: string | null | undefined, lang = 'vi'): string {
  if (!key) return '—';
  const r = rules.find((x) => x.kind === kind && x.key === key);
  return r ? (lang === 'en' ? r.labelEn : r.label) : key;
}

export async function currentRules(s: Services) {
  return repo.rulesAt(s.db, vnIsoDate());
}

/** The approval threshold in force (rule kind 'threshold'), e.g. 2/3 of the members. */
export function thresholdOf(rules: repo.Rule[]): { numerator: number; denominator: number; of: 'members' | 'present'; label: string } {
  const r = rules.find((x) => x.kind === 'threshold' && x.key === 'council_approval');
  const v = (r?.value ?? {}) as { numerator?: number; denominator?: number; of?: string };
  const numerator = v.numerator ?? 1;
  const denominator = v.denominator ?? 2;
  return { numerator, denominator, of: v.of === 'present' ? 'present' : 'members', label: r ? `${r.label} (${r.legalBasis})` : 'quá nửa' };
}

export function lanePattern(rules: repo.Rule[]): string {
  const r = rules.find((x) => x.kind === 'lane' && x.key === 'numbered');
  return String((r?.value as { pattern?: string })?.pattern ?? '^(Ngõ|Hẻm|Kiệt|Ngách)\\s+[0-9]+(/[0-9]+)*$');
}

/** Decree 91/2005 Art. 6(3): the street's scale should match the stature of the name. The
 * least length and width per stature are data (rule kind 'scale') the council reviews. */
export function scaleWarnings(rules: repo.Rule[], name: Pick<repo.BankName, 'stature' | 'name'>, o: Pick<repo.NamedObject, 'kind' | 'lengthM' | 'widthM'>): { vi: string; en: string }[] {
  if (!['street', 'road'].includes(o.kind)) return [];
  const r = rules.find((x) => x.kind === 'scale' && x.key === name.stature);
  const v = (r?.value ?? {}) as { minLengthM?: number; minWidthM?: number };
  const short = (v.minLengthM ?? 0) > 0 && (o.lengthM ?? 0) < v.minLengthM!;
  const narrow = (v.minWidthM ?? 0) > 0 && (o.widthM ?? 0) < v.minWidthM!;
  if (!short && !narrow) return [];
  const dims = `dài ${o.lengthM ?? '?'} m, rộng ${o.widthM ?? '?'} m`;
  return [
    {
      vi: `Quy mô chưa tương xứng: tên "${name.name}" (${r!.label.toLowerCase()}) nên đặt cho đường dài từ ${v.minLengthM} m, rộng từ ${v.minWidthM} m; đường này ${dims}. Hội đồng xem xét.`,
      en: `Scale: "${name.name}" suits a street of at least ${v.minLengthM} m by ${v.minWidthM} m; this one is ${o.lengthM ?? '?'} m by ${o.widthM ?? '?'} m.`,
    },
  ];
}

/** The inventory of named objects per class, each class A–Z with Vietnamese collation. */
export function inventoryByClass(objects: repo.NamedObject[], rules: repo.Rule[]) {
  const classes = rules.filter((r) => r.kind === 'class');
  return classes.map((c) => ({
    rule: c,
    objects: objects.filter((o) => o.nameClass === c.key && o.currentName).sort((a, b) => viCollator.compare(a.currentName!, b.currentName!)),
  }));
}

export async function checksOf(s: Services, area: string | null) {
  return repo.inventoryChecks(s.db, area, lanePattern(await currentRules(s)));
}

/** Rounds positions to 5 decimals (~1 m): the map's GeoJSON for an urban area of 150 streets
 * stays far under the 200 KB compressed of issue 16. */
function round(g: AnyGeometry): AnyGeometry {
  const r = (p: number[]) => [Math.round(p[0]! * 1e5) / 1e5, Math.round(p[1]! * 1e5) / 1e5];
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: r(g.coordinates) as [number, number] };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(r) as [number, number][] };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(r)) as [number, number][][] };
    default:
      return rewindRfc7946(g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(r)) as [number, number][][] } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((ring) => ring.map(r))) as [number, number][][][] } as PolygonGeometry);
  }
}

/** Named objects as an RFC 7946 FeatureCollection: each feature carries the name, class, kind
 * and the decision that gave the name. */
export async function objectsGeoJson(s: Services, f: { area?: string } = {}) {
  const [objects, rules] = await Promise.all([repo.listObjects(s.db, { area: f.area, named: true }), currentRules(s)]);
  const decisions = await repo.lastDecisions(s.db, objects.map((o) => o.id));
  return {
    type: 'FeatureCollection' as const,
    features: objects.map((o) => {
      const d = decisions.get(o.id);
      return {
        type: 'Feature' as const,
        id: o.code,
        geometry: round(o.geometry),
        properties: {
          code: o.code,
          name: o.currentName,
          class: o.nameClass,
          classLabel: ruleLabel(rules, 'class', o.nameClass),
          kind: o.kind,
          area: o.areaCode,
          decision: d ? { number: d.decisionNumber, date: d.decisionDate } : null,
          url: `/ten-duong/${o.code}`,
        },
      };
    }),
  };
}

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export type Table = { columns: string[]; rows: (string | number | null)[][]; sheet: string };
export function toCsv(t: Table): string {
  return `\uFEFF${[t.columns.map(csvCell).join(','), ...t.rows.map((r) => r.map(csvCell).join(','))].join('\r\n')}\r\n`;
}
export async function toXlsx(t: Table): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Văn Hiến';
  const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.columns.map((c) => ({ header: c, width: 24 }));
  ws.getRow(1).font = { bold: true };
  for (const r of t.rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function inventoryTable(s: Services, area?: string): Promise<Table> {
  const [objects, rules, areas] = await Promise.all([repo.listObjects(s.db, { area, named: true }), currentRules(s), repo.listAreas(s.db)]);
  const areaName = new Map(areas.map((a) => [a.code, a.name]));
  const rows: Table['rows'] = [];
  for (const c of inventoryByClass(objects, rules)) for (const o of c.objects) rows.push([c.rule.label, o.currentName, o.code, KIND_VI[o.kind] ?? o.kind, areaName.get(o.areaCode) ?? o.areaCode, o.lengthM, o.widthM]);
  return { sheet: 'Kiểm kê tên đường', columns: ['Nhóm tên', 'Tên', 'Mã', 'Loại', 'Đô thị', 'Dài (m)', 'Rộng (m)'], rows };
}
export async function bankTable(s: Services): Promise<Table> {
  const [names, rules] = await Promise.all([repo.listNames(s.db), currentRules(s)]);
  names.sort((a, b) => viCollator.compare(a.name, b.name));
  return {
    sheet: 'Ngân hàng tên',
    columns: ['Tên', 'Nhóm tên', 'Trạng thái', 'Năm sinh', 'Năm mất', 'Ý nghĩa, tiểu sử', 'Mốc thời gian', 'Nguồn tư liệu'],
    rows: names.map((n) => [n.name, ruleLabel(rules, 'class', n.nameClass), n.status, n.birthYear, n.deathYear, n.meaning, n.dates, n.sources]),
  };
}

export const KIND_VI: Record<string, string> = { street: 'Đường phố', road: 'Đường', square: 'Quảng trường', park: 'Công viên', bridge: 'Cầu', public_work: 'Công trình công cộng', lane: 'Ngõ, hẻm' };
export const KIND_EN: Record<string, string> = { street: 'Street', road: 'Road', square: 'Square', park: 'Park', bridge: 'Bridge', public_work: 'Public work', lane: 'Lane' };

/** The printable dossier of a proposal batch (Decree 30/2020 heading): the list, each name's
 * supporting file, the consultation summary, the conference minutes and the vote. */
export async function batchDossierPdf(s: Services, batchId: string): Promise<Buffer | null> {
  const b = await repo.findBatch(s.db, batchId);
  if (!b) return null;
  const [items, comments, area, rules] = await Promise.all([repo.itemsOf(s.db, b.id), repo.commentsOf(s.db, b.id), repo.findArea(s.db, b.areaCode), currentRules(s)]);
  const { doc, done, left, width } = openA4({ Title: `Hồ sơ đề xuất đặt tên ${b.code}` });
  const [y, m, d] = vnIsoDate().split('-');
  officialHeading(doc, { left, width, issuer: [{ text: 'UBND tỉnh', bold: false }, { text: 'Sở Văn hóa, Thể thao và Du lịch', bold: true }], number: `Số: ${b.code}/HS-HĐĐT`, date: { day: d!, month: m!, year: y! }, gap: 16 });
  doc.font('B').fontSize(14).text(`HỒ SƠ ĐỀ XUẤT ĐẶT TÊN ĐƯỜNG, CÔNG TRÌNH CÔNG CỘNG`, left, doc.y, { width, align: 'center' });
  doc.font('R').fontSize(13).text(`${b.title} — ${area?.name ?? b.areaCode}`, { width, align: 'center' }).moveDown();
  doc.font('B').text('I. Danh sách đề xuất');
  items.forEach(({ name, object }, i) => {
    doc.font('R').text(`${i + 1}. ${object.currentName ? `${object.currentName} → ` : ''}${name.name} (${KIND_VI[object.kind]}, ${object.code}; dài ${object.lengthM ?? '?'} m, rộng ${object.widthM ?? '?'} m) — ${ruleLabel(rules, 'class', name.nameClass)}`, { width });
  });
  doc.moveDown().font('B').text('II. Hồ sơ tên (ý nghĩa, tiểu sử, nguồn)');
  for (const { name, item } of items) {
    doc.font('B').text(name.name, { width });
    doc.font('R').text(name.meaning, { width });
    if (name.dates) doc.text(`Mốc thời gian: ${name.dates}`, { width });
    doc.font('I').text(`Nguồn: ${name.sources}`, { width });
    for (const w of item.warnings) doc.font('I').text(`Lưu ý: ${w.vi}`, { width });
    doc.moveDown(0.5);
  }
  doc.moveDown().font('B').text('III. Lấy ý kiến nhân dân');
  doc.font('R').text(b.consultFrom ? `Từ ${formatDateVi(b.consultFrom)} đến ${formatDateVi(b.consultTo)}; ${comments.length} ý kiến.` : 'Chưa lấy ý kiến.', { width });
  for (const c of comments) doc.text(`– ${c.body}`, { width });
  doc.moveDown().font('B').text('IV. Hội thảo khoa học');
  doc.font('R').text(b.conferenceDate ? `Ngày ${formatDateVi(b.conferenceDate)}: ${b.conferenceMinutes}` : 'Chưa tổ chức.', { width });
  doc.moveDown().font('B').text('V. Biểu quyết của Hội đồng tư vấn');
  doc.font('R').text(b.voteDate ? `Ngày ${formatDateVi(b.voteDate)}: ${b.voteMembers} thành viên, ${b.votePresent} có mặt; ${b.voteFor} tán thành, ${b.voteAgainst} không tán thành, ${b.voteAbstain} không biểu quyết. Ngưỡng: ${b.threshold}. Kết quả: ${b.status === 'rejected' ? 'không thông qua' : 'thông qua'}.` : 'Chưa biểu quyết.', { width });
  if (b.decisionNumber) doc.moveDown().font('B').text(`Nghị quyết của Hội đồng nhân dân số ${b.decisionNumber} ngày ${formatDateVi(b.decisionDate)}.`, { width });
  doc.end();
  return done;
}
