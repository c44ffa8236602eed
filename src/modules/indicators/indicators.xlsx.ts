import type ExcelJS from 'exceljs';
import { excel } from '../../core/xlsx.js';
import { AppError, type FieldErrors } from '../../core/errors.js';
import { DIMENSION_LABELS, type DimValue, type EntryRow, formatNumberVi, type RowError, type RowInput } from './indicators.entry.model.js';

/**
 * The unit's XLSX template for one period (issue 11 part 3) and the reading of it back. The
 * sheet has one row per indicator × disaggregation; column A (hidden) holds the row's key so a
 * re-sorted or filtered sheet still matches, and the visible codes are the fallback when a row
 * was typed in by hand. Only the value and comment cells are unlocked.
 */
export const TEMPLATE_SHEET = 'Số liệu';
const MARK = 'vanhien-indicators';

interface Col {
  key: string;
  header: string;
  width: number;
}

/** The columns, by letter; the upload checks the header row against these names. */
export const COLUMNS: Col[] = [
  { key: 'A', header: 'Khóa', width: 4 },
  { key: 'B', header: 'Mã chỉ tiêu', width: 12 },
  { key: 'C', header: 'Tên chỉ tiêu', width: 48 },
  { key: 'D', header: 'Phân tổ theo', width: 14 },
  { key: 'E', header: 'Mã phân tổ', width: 16 },
  { key: 'F', header: 'Tên phân tổ', width: 30 },
  { key: 'G', header: 'Đơn vị tính', width: 14 },
  { key: 'H', header: 'Giá trị', width: 16 },
  { key: 'I', header: 'Ghi chú (bắt buộc khi số liệu thay đổi lớn)', width: 40 },
  { key: 'J', header: 'Kỳ trước đã công bố', width: 18 },
];
const HEADER_ROW = 3;
const FIELD_COLUMN: Record<RowError['field'], string> = { value: 'H', comment: 'I', unit: 'G' };

export interface TemplateInput {
  unitCode: string;
  unitName: string;
  periodCode: string;
  periodLabel: string;
  dueOn: string | null;
  rows: EntryRow[];
  /** values already saved (draft), by row key */
  current: Map<string, { value: string; comment: string | null }>;
  previous: Map<string, number>;
}

export async function buildTemplate(t: TemplateInput): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Văn Hiến';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3 }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.getColumn('A').hidden = true;
  ws.getCell('A1').value = `${MARK}|${t.unitCode}|${t.periodCode}`;
  ws.getCell('B1').value = `Báo cáo chỉ tiêu thống kê ngành – ${t.unitName} – kỳ ${t.periodLabel}`;
  ws.getCell('B1').font = { bold: true, size: 13 };
  ws.getCell('B2').value = `Nhập số vào cột “Giá trị” (cột H), ghi chú vào cột I. Không sửa các cột khác và không đổi tên cột.${t.dueOn ? ` Hạn gửi: ${t.dueOn.split('-').reverse().join('/')}.` : ''}`;
  ws.getCell('B2').font = { italic: true };
  const header = ws.getRow(HEADER_ROW);
  COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
  });
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  t.rows.forEach((r, i) => {
    const d = r.def;
    const dim = Object.keys(r.dims)[0];
    const cur = t.current.get(r.key);
    const prev = t.previous.get(r.key);
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = {
      A: r.key,
      B: d.code,
      C: d.name,
      D: dim ? (DIMENSION_LABELS[dim]?.vi ?? dim) : 'Tổng số',
      E: dim ? r.dims[dim] : '',
      F: dim ? r.label.slice(r.label.indexOf(':') + 2) : '',
      G: d.measureUnit,
      H: cur ? Number(cur.value) : null,
      I: cur?.comment ?? null,
      J: prev !== undefined ? formatNumberVi(prev, 6) : '',
    } as unknown as ExcelJS.CellValue[];
    const value = row.getCell('H');
    const comment = row.getCell('I');
    value.protection = { locked: false };
    comment.protection = { locked: false };
    if (r.required) value.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF4CC' } };
    const whole = d.valueType === 'count' || d.decimals === 0;
    const min = d.minValue !== null ? Number(d.minValue) : 0;
    const max = d.maxValue !== null ? Number(d.maxValue) : d.valueType === 'percent' ? 100 : undefined;
    value.numFmt = whole ? '#,##0' : `#,##0.${'0'.repeat(Math.max(1, d.decimals))}`;
    value.dataValidation = {
      type: whole ? 'whole' : 'decimal',
      operator: max !== undefined ? 'between' : 'greaterThanOrEqual',
      allowBlank: !r.required,
      formulae: max !== undefined ? [min, max] : [min],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Giá trị không hợp lệ',
      error: `Nhập ${whole ? 'số nguyên' : 'số'} ${max !== undefined ? `từ ${min} đến ${max}` : `từ ${min} trở lên`} (${d.measureUnit}).`,
      showInputMessage: true,
      promptTitle: d.code,
      prompt: `${r.label} – ${d.measureUnit}${r.required ? ' (bắt buộc)' : ''}`,
    };
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, autoFilter: true, sort: true });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface XlsxProblem {
  /** Excel row number (1-based), 0 when the problem is about the whole file */
  row: number;
  /** column letter, '' for the whole row or file */
  column: string;
  vi: string;
  en: string;
}

/** The upload is refused as a whole; `problems` lists every one with its row and column. */
export class XlsxImportError extends AppError {
  constructor(readonly problems: XlsxProblem[]) {
    const fields: FieldErrors = {};
    problems.forEach((p, i) => {
      const where = p.row ? `Dòng ${p.row}${p.column ? `, cột ${p.column}` : ''}: ` : '';
      fields[`xlsx-${i}`] = { vi: `${where}${p.vi}`, en: `${p.row ? `Row ${p.row}${p.column ? `, column ${p.column}` : ''}: ` : ''}${p.en}` };
    });
    super(
      'IND-110',
      400,
      `Tệp có ${problems.length} lỗi; chưa có số liệu nào được lưu. Vui lòng sửa trong tệp rồi tải lên lại.`,
      `The file has ${problems.length} error(s); nothing was saved.`,
      fields,
    );
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString();
    return '';
  }
  return String(v).normalize('NFC').trim();
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === 'object' && 'result' in v) return cellValue(v.result as ExcelJS.CellValue);
  if (v instanceof Date) return `${v.toISOString().slice(0, 10)} (ngày tháng)`;
  if (typeof v === 'number' || typeof v === 'string' || v === null || v === undefined) return v ?? null;
  return cellText(v);
}

const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi').replace(/\s+/g, ' ');

/**
 * Reads an uploaded template. Every problem is collected (wrong file, wrong columns, unknown
 * indicator or area, duplicate rows), each with its row and column; the caller then runs the value
 * rules (`validateEntries`) and maps their errors back with `rowOf`.
 */
export async function readTemplate(
  data: Buffer,
  expect: { unitCode: string; periodCode: string; rows: EntryRow[]; dimValues: Map<string, DimValue[]> },
): Promise<{ inputs: Map<string, RowInput>; rowOf: Map<string, number>; problems: XlsxProblem[] }> {
  const problems: XlsxProblem[] = [];
  const inputs = new Map<string, RowInput>();
  const rowOf = new Map<string, number>();
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    problems.push({ row: 0, column: '', vi: 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Vui lòng tải mẫu từ trang này và điền vào mẫu.', en: 'Not a valid .xlsx file.' });
    return { inputs, rowOf, problems };
  }
  const ws = wb.getWorksheet(TEMPLATE_SHEET) ?? wb.worksheets[0];
  if (!ws) {
    problems.push({ row: 0, column: '', vi: 'Tệp không có trang tính nào.', en: 'The workbook has no sheet.' });
    return { inputs, rowOf, problems };
  }
  const mark = cellText(ws.getCell('A1').value).split('|');
  if (mark[0] === MARK && (mark[1] !== expect.unitCode || mark[2] !== expect.periodCode)) {
    problems.push({
      row: 1,
      column: 'A',
      vi: `Tệp này là mẫu của đơn vị ${mark[1]}, kỳ ${mark[2]}; trang này nhận số liệu của đơn vị ${expect.unitCode}, kỳ ${expect.periodCode}.`,
      en: `This template is for unit ${mark[1]}, period ${mark[2]}.`,
    });
    return { inputs, rowOf, problems };
  }
  // The header row: where the template put it, or (a re-saved sheet) the first row naming "Mã chỉ tiêu".
  let headerRow = HEADER_ROW;
  for (let r = 1; r <= 10; r++) {
    if (fold(cellText(ws.getRow(r).getCell('B').value)) === fold('Mã chỉ tiêu')) {
      headerRow = r;
      break;
    }
  }
  const header = ws.getRow(headerRow);
  for (const c of COLUMNS.slice(1)) {
    const found = cellText(header.getCell(c.key).value);
    if (fold(found) !== fold(c.header)) {
      problems.push({
        row: headerRow,
        column: c.key,
        vi: found ? `Cột ${c.key} phải là “${c.header}”, trong tệp là “${found}”. Không thêm, xóa hay đổi tên cột của mẫu.` : `Thiếu cột “${c.header}” (cột ${c.key}).`,
        en: `Column ${c.key} must be “${c.header}”.`,
      });
    }
  }
  if (problems.length) return { inputs, rowOf, problems };

  const byKey = new Map(expect.rows.map((r) => [r.key, r]));
  const byVisible = new Map(expect.rows.map((r) => [`${r.def.code}|${Object.keys(r.dims)[0] ?? ''}|${Object.values(r.dims)[0] ?? ''}`, r]));
  const dimByLabel = new Map<string, string>([[fold('Tổng số'), '']]);
  for (const [code, l] of Object.entries(DIMENSION_LABELS)) dimByLabel.set(fold(l.vi), code);
  const codes = new Set(expect.rows.map((r) => r.def.code));
  const last = ws.rowCount;
  for (let r = headerRow + 1; r <= last; r++) {
    const row = ws.getRow(r);
    const key = cellText(row.getCell('A').value);
    const code = cellText(row.getCell('B').value).toUpperCase();
    const value = cellValue(row.getCell('H').value);
    const comment = cellText(row.getCell('I').value);
    const unit = cellText(row.getCell('G').value);
    if (!key && !code && (value === null || value === '') && !comment) continue; // an empty row
    let entry = byKey.get(key);
    if (!entry || entry.def.code !== code) {
      // Typed in by hand, or the hidden key was damaged: match on the visible codes.
      if (!codes.has(code)) {
        problems.push({
          row: r,
          column: 'B',
          vi: code ? `Mã chỉ tiêu “${code}” không thuộc báo cáo của đơn vị trong kỳ này.` : 'Thiếu mã chỉ tiêu.',
          en: code ? `Indicator “${code}” is not in this unit's report.` : 'Missing indicator code.',
        });
        continue;
      }
      const dimLabel = cellText(row.getCell('D').value);
      const dim = dimByLabel.get(fold(dimLabel)) ?? Object.keys(DIMENSION_LABELS).find((k) => k === dimLabel);
      const valueCode = cellText(row.getCell('E').value);
      if (dim === undefined) {
        problems.push({ row: r, column: 'D', vi: `Phân tổ “${dimLabel}” không có trong danh mục (dùng “Tổng số”, “Địa bàn”, “Giới tính” …).`, en: `Unknown disaggregation “${dimLabel}”.` });
        continue;
      }
      entry = byVisible.get(`${code}|${dim}|${dim ? valueCode : ''}`);
      if (!entry) {
        const known = (expect.dimValues.get(dim) ?? []).some((v) => v.code === valueCode);
        const what = dim === 'area' ? 'Mã địa bàn' : `Mã ${(DIMENSION_LABELS[dim]?.vi ?? dim).toLocaleLowerCase('vi')}`;
        problems.push({
          row: r,
          column: 'E',
          vi: known
            ? `Chỉ tiêu ${code} không phân tổ theo “${dimLabel}” với mã “${valueCode}”.`
            : `${what} “${valueCode}” không có trong danh mục đang có hiệu lực của kỳ này${dim === 'area' ? ' (đơn vị hành chính đã sáp nhập hoặc gõ sai mã?)' : ''}.`,
          en: known ? `Indicator ${code} is not broken down by ${dim} “${valueCode}”.` : `Unknown ${dim} code “${valueCode}”.`,
        });
        continue;
      }
    }
    if (rowOf.has(entry.key)) {
      problems.push({ row: r, column: 'A', vi: `Dòng trùng với dòng ${rowOf.get(entry.key)} (${entry.def.code}, ${entry.label}).`, en: `Duplicate of row ${rowOf.get(entry.key)}.` });
      continue;
    }
    rowOf.set(entry.key, r);
    inputs.set(entry.key, { value, comment, unit });
  }
  return { inputs, rowOf, problems };
}

/** The value rules' errors as positions in the sheet (a deleted row has no position). */
export function rowErrorsToProblems(errors: RowError[], rowOf: Map<string, number>): XlsxProblem[] {
  return errors.map((e) => {
    const row = rowOf.get(e.key) ?? 0;
    return { row, column: row ? FIELD_COLUMN[e.field] : '', vi: row ? e.vi : `${e.vi} (dòng này không có trong tệp)`, en: e.en };
  });
}
