import { dimsKey } from './indicators.dims.js';
import type { indicatorDefinitions } from './indicators.schema.js';

/** What a unit enters: one row per indicator and disaggregation. Pure functions, shared by the
 * form, the XLSX template and its upload, so all three apply the same rules. */
export type Definition = typeof indicatorDefinitions.$inferSelect;

export interface DimValue {
  code: string;
  name: string;
}

export interface EntryRow {
  /** `${indicator}|${dimsKey}`: matches a row of the form or of the XLSX whatever its position */
  key: string;
  def: Definition;
  dims: Record<string, string>;
  dimsKey: string;
  /** the disaggregation in words ("Tổng số", "Giới tính: Nữ") */
  label: string;
  /** the total is required; a breakdown may stay empty when the unit does not collect it */
  required: boolean;
}

export const DIMENSION_LABELS: Record<string, { vi: string; en: string }> = {
  area: { vi: 'Địa bàn', en: 'Area' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  age_group: { vi: 'Nhóm tuổi', en: 'Age group' },
  facility: { vi: 'Cơ sở', en: 'Facility' },
  level: { vi: 'Cấp xếp hạng', en: 'Ranking level' },
};

export const rowKey = (indicator: string, key: string) => `${indicator}|${key}`;

/**
 * The rows of a unit's report: for each indicator its total, then one row per value of each of
 * its dimensions (the breakdowns Open SDG pages show one dimension at a time). Cross-tabulations
 * (area × sex …) are not asked of the units: no indicator of the sector's set is collected so.
 */
export function buildRows(defs: Definition[], values: Map<string, DimValue[]>): EntryRow[] {
  const rows: EntryRow[] = [];
  for (const def of defs) {
    rows.push({ key: rowKey(def.code, ''), def, dims: {}, dimsKey: '', label: 'Tổng số', required: true });
    for (const d of def.dimensions) {
      const label = DIMENSION_LABELS[d]?.vi ?? d;
      for (const v of values.get(d) ?? []) {
        const dims = { [d]: v.code };
        const k = dimsKey(dims);
        rows.push({ key: rowKey(def.code, k), def, dims, dimsKey: k, label: `${label}: ${v.name}`, required: false });
      }
    }
  }
  return rows;
}

/**
 * A number as officers type it: Vietnamese style "1.234.567,89", plain "1234567.89", with spaces
 * as thousands separators. A dot followed by groups of exactly three digits ("1.234") is read as
 * thousands, as it is written in Vietnamese documents. Returns undefined when it is not a number.
 */
export function parseNumberVi(raw: string): number | undefined {
  let s = raw.normalize('NFC').trim().replace(/[\s\u00a0]/g, '');
  if (!s) return undefined;
  if (s.endsWith('%')) s = s.slice(0, -1);
  if (s.includes(',')) {
    if (s.indexOf(',') !== s.lastIndexOf(',')) return undefined;
    if (!/^-?\d{1,3}(\.\d{3})*,\d+$/.test(s) && !/^-?\d+,\d+$/.test(s)) return undefined;
    s = s.replace(/\./g, '').replace(',', '.');
  } else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** 1234567.89 → "1.234.567,89" (vi) with at most `decimals` digits after the comma. */
export function formatNumberVi(n: number | string | null | undefined, decimals = 2): string {
  if (n === null || n === undefined || n === '') return '';
  const v = typeof n === 'string' ? Number(n) : n;
  if (!Number.isFinite(v)) return '';
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: decimals, minimumFractionDigits: 0 }).format(v);
}

export interface RowInput {
  /** a number (XLSX cell) or text (form) */
  value: unknown;
  comment?: string;
  /** the unit of measure written next to the value (XLSX); undefined = not given */
  unit?: string;
}

export interface RowError {
  key: string;
  field: 'value' | 'comment' | 'unit';
  vi: string;
  en: string;
}

export interface CleanValue {
  row: EntryRow;
  value: number;
  comment: string | null;
}

const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi').replace(/\s+/g, ' ');

function decimalsOf(n: number): number {
  const s = String(n);
  if (s.includes('e-')) return Number(s.split('e-')[1]);
  return s.includes('.') ? s.split('.')[1]!.length : 0;
}

/**
 * Checks every row at once (type, decimals, range, unit of measure, required total, and the jump
 * against the last published value of the same disaggregation: above the indicator's
 * `jump_percent` a comment is required). `complete` = every required row must have a value
 * (submission, the XLSX upload); a saved draft may leave rows empty.
 */
export function validateEntries(
  rows: EntryRow[],
  inputs: Map<string, RowInput>,
  previous: Map<string, number>,
  opts: { complete: boolean },
): { values: CleanValue[]; errors: RowError[] } {
  const values: CleanValue[] = [];
  const errors: RowError[] = [];
  for (const row of rows) {
    const d = row.def;
    const input = inputs.get(row.key);
    const comment = typeof input?.comment === 'string' ? input.comment.normalize('NFC').trim() : '';
    const name = `${d.code} (${row.label})`;
    const err = (field: RowError['field'], vi: string, en: string) => errors.push({ key: row.key, field, vi, en });
    if (input?.unit !== undefined && input.unit.trim() !== '' && fold(input.unit) !== fold(d.measureUnit)) {
      err('unit', `${name}: đơn vị tính phải là “${d.measureUnit}”, không phải “${input.unit.trim()}”.`, `${d.code}: the unit must be “${d.measureUnitEn}”.`);
    }
    if (comment.length > 1000) err('comment', `${name}: ghi chú không được dài quá 1000 ký tự.`, `${d.code}: the comment is too long.`);
    const raw = input?.value;
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (row.required && opts.complete) err('value', `${name}: vui lòng nhập giá trị (${d.measureUnit}).`, `${d.code}: enter a value.`);
      continue;
    }
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumberVi(raw) : undefined;
    if (n === undefined || !Number.isFinite(n)) {
      err('value', `${name}: “${String(raw).slice(0, 40)}” không phải là số. Nhập số, ví dụ 1.234 hoặc 12,5.`, `${d.code}: not a number.`);
      continue;
    }
    const decimals = d.valueType === 'count' ? 0 : d.decimals;
    if (decimalsOf(n) > decimals) {
      err(
        'value',
        decimals === 0 ? `${name}: phải là số nguyên.` : `${name}: tối đa ${decimals} chữ số sau dấu phẩy.`,
        decimals === 0 ? `${d.code}: must be a whole number.` : `${d.code}: at most ${decimals} decimals.`,
      );
      continue;
    }
    const min = d.minValue !== null ? Number(d.minValue) : 0;
    const max = d.maxValue !== null ? Number(d.maxValue) : d.valueType === 'percent' ? 100 : undefined;
    if (n < min || (max !== undefined && n > max)) {
      const range = max !== undefined ? `từ ${formatNumberVi(min)} đến ${formatNumberVi(max)}` : `từ ${formatNumberVi(min)} trở lên`;
      err('value', `${name}: giá trị ${formatNumberVi(n, 6)} nằm ngoài khoảng cho phép (${range} ${d.measureUnit}).`, `${d.code}: out of range.`);
      continue;
    }
    const prev = previous.get(row.key);
    if (d.jumpPercent !== null && prev !== undefined && !comment) {
      const limit = Number(d.jumpPercent);
      const change = prev === 0 ? (n === 0 ? 0 : Number.POSITIVE_INFINITY) : (Math.abs(n - prev) / Math.abs(prev)) * 100;
      if (change > limit) {
        const how = Number.isFinite(change) ? `${n > prev ? 'tăng' : 'giảm'} ${formatNumberVi(change, 1)}%` : 'thay đổi từ 0';
        err(
          'comment',
          `${name}: giá trị ${how} so với kỳ công bố trước (${formatNumberVi(prev, 6)}), vượt ngưỡng ${formatNumberVi(limit)}%. Vui lòng ghi chú lý do.`,
          `${d.code}: changed by more than ${limit}% against the last published period; explain why in the comment.`,
        );
        continue;
      }
    }
    values.push({ row, value: n, comment: comment || null });
  }
  return { values, errors };
}
