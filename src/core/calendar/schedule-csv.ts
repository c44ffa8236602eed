/**
 * Parser for `vanhien calendar import file.csv`: the yearly official schedule typed up by an
 * administrator, often saved from Excel (BOM, CRLF, dd/mm/yyyy dates, Vietnamese keywords).
 * Every problem is reported with its line so the whole file can be fixed in one pass.
 */
import { dayNumberOf, isValidIso, toIso } from './date.js';
import type { DayOverride } from './working-days.js';

export interface CsvError {
  line: number;
  message: string;
}

const HEADER = ['date', 'kind', 'name'];

const KINDS: Record<string, DayOverride['kind']> = {
  off: 'off',
  nghi: 'off',
  nghỉ: 'off',
  work: 'work',
  lam: 'work',
  làm: 'work',
};

interface Row {
  line: number;
  fields: string[];
}

/** RFC 4180 records; a quoted field may hold commas, "" and line breaks. */
function splitRows(text: string): { rows: Row[]; unterminatedAt?: number } {
  const rows: Row[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      inQuotes = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      rowLine = ++line;
    } else {
      field += c;
    }
  }
  if (inQuotes) return { rows, unterminatedAt: rowLine };
  if (fields.length > 0 || field !== '') rows.push({ line: rowLine, fields: [...fields, field] });
  return { rows };
}

function parseDate(text: string): string | undefined {
  if (isValidIso(text)) return text;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const day = m ? dayNumberOf(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
  return day === undefined ? undefined : toIso(day);
}

export function parseScheduleCsv(text: string): { overrides: DayOverride[]; errors: CsvError[] } {
  const overrides: DayOverride[] = [];
  const errors: CsvError[] = [];
  const { rows, unterminatedAt } = splitRows(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  if (unterminatedAt !== undefined) {
    errors.push({ line: unterminatedAt, message: `Dòng ${unterminatedAt}: thiếu dấu ngoặc kép đóng (")` });
  }

  const nonBlank = rows.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const [header, ...data] = nonBlank;
  if (!header) {
    errors.push({ line: 1, message: 'Tệp trống: cần dòng tiêu đề "date,kind,name"' });
    return { overrides, errors };
  }
  if (header.fields.map((f) => f.trim().toLowerCase()).join(',') !== HEADER.join(',')) {
    errors.push({ line: header.line, message: `Dòng ${header.line}: dòng tiêu đề phải là "date,kind,name"` });
    return { overrides, errors };
  }

  const seen = new Map<string, number>();
  for (const { line, fields } of data) {
    const at = `Dòng ${line}`;
    if (fields.length !== HEADER.length) {
      errors.push({ line, message: `${at}: cần 3 cột (ngày, loại, tên) nhưng có ${fields.length}; tên có dấu phẩy phải đặt trong ngoặc kép` });
      continue;
    }
    const [rawDate, rawKind, rawName] = fields.map((f) => f.trim().normalize('NFC'));
    const problems: string[] = [];

    const date = parseDate(rawDate);
    if (!date) problems.push(`ngày "${rawDate}" không hợp lệ`);
    const kind = KINDS[rawKind.toLowerCase()];
    if (!kind) problems.push(`loại "${rawKind}" không hợp lệ (dùng off/nghỉ hoặc work/làm)`);
    const name = rawName.replace(/\s+/g, ' ');
    if (name === '') problems.push('thiếu tên ngày');
    const firstLine = date === undefined ? undefined : seen.get(date);
    if (firstLine !== undefined) problems.push(`ngày ${date} trùng với dòng ${firstLine}`);

    if (problems.length > 0 || !date || !kind) {
      for (const p of problems) errors.push({ line, message: `${at}: ${p}` });
      continue;
    }
    seen.set(date, line);
    overrides.push({ date, kind, name });
  }
  return { overrides, errors };
}
