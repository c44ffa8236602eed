import { excel } from '../../core/xlsx.js';
import { formatDateVi } from '../../core/validation.js';
import { ruleLabel } from './heritage.queries.js';
import type { Relic, Rule } from './heritage.repository.js';

const COLUMNS = [
  { key: 'code', vi: 'Mã di tích', en: 'Code' },
  { key: 'name', vi: 'Tên di tích', en: 'Name' },
  { key: 'otherNames', vi: 'Tên gọi khác', en: 'Other names' },
  { key: 'type', vi: 'Loại hình', en: 'Type' },
  { key: 'level', vi: 'Cấp xếp hạng', en: 'Level' },
  { key: 'address', vi: 'Địa chỉ', en: 'Address' },
  { key: 'area', vi: 'Xã, phường', en: 'Commune or ward' },
  { key: 'areaCode', vi: 'Mã đơn vị hành chính', en: 'Unit code' },
  { key: 'lat', vi: 'Vĩ độ', en: 'Latitude' },
  { key: 'lng', vi: 'Kinh độ', en: 'Longitude' },
  { key: 'manager', vi: 'Đơn vị quản lý', en: 'Manager' },
  { key: 'status', vi: 'Trạng thái', en: 'Status' },
  { key: 'publishedAt', vi: 'Ngày công bố', en: 'Published' },
] as const;

function row(r: Relic, rules: Rule[]): Record<string, string | number | null> {
  return {
    code: r.code,
    name: r.name,
    otherNames: r.otherNames.join('; '),
    type: ruleLabel(rules, 'relic_type', r.relicType),
    level: ruleLabel(rules, 'level', r.level),
    address: r.address,
    area: r.adminUnitName ?? '',
    areaCode: r.adminUnitCode ?? '',
    lat: r.lat,
    lng: r.lng,
    manager: r.manager,
    status: r.status,
    publishedAt: r.publishedAt ? formatDateVi(r.publishedAt) : '',
  };
}

/** A cell starting with = + - @ (or a tab/CR) is a formula to a spreadsheet: prefix it with '
 * (OWASP CSV injection). Numbers are written as numbers. */
function csvCell(v: string | number | null): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV in UTF-8 with a BOM, so Excel opens the Vietnamese names correctly. */
export function relicsCsv(relics: Relic[], rules: Rule[]): string {
  const lines = [COLUMNS.map((c) => c.vi).join(',')];
  for (const r of relics) {
    const x = row(r, rules);
    lines.push(COLUMNS.map((c) => csvCell(x[c.key] ?? null)).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function relicsXlsx(relics: Relic[], rules: Rule[]): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Văn Hiến';
  const ws = wb.addWorksheet('Danh mục di tích', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.vi, key: c.key, width: c.key === 'name' || c.key === 'address' ? 40 : 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of relics) ws.addRow(row(r, rules));
  ws.autoFilter = { from: 'A1', to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
