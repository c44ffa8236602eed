import type { FieldErrors } from './errors.js';
import { Errors } from './errors.js';

/** NFC everywhere: the same Vietnamese word can arrive composed or decomposed. */
export function nfc(value: unknown): string {
  return typeof value === 'string' ? value.normalize('NFC').trim() : '';
}

/** Ids in URLs and forms are UUIDs; anything else is answered as not found, never a 500. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Collects field errors with Vietnamese and English messages, then throws them all at once:
 * the user sees every problem in one error summary, not one at a time. */
export class Check {
  readonly errors: FieldErrors = {};

  add(field: string, vi: string, en: string): this {
    if (!this.errors[field]) this.errors[field] = { vi, en };
    return this;
  }

  required(field: string, value: string, labelVi: string, labelEn: string): this {
    if (!value) this.add(field, `Vui lòng nhập ${labelVi}.`, `Enter ${labelEn}.`);
    return this;
  }

  maxLength(field: string, value: string, max: number, labelVi: string): this {
    if (value.length > max) this.add(field, `${labelVi} không được dài quá ${max} ký tự.`, `At most ${max} characters.`);
    return this;
  }

  email(field: string, value: string): this {
    if (value && !EMAIL_RE.test(value)) {
      this.add(field, 'Địa chỉ thư điện tử không đúng định dạng, ví dụ: ten@example.vn.', 'Enter a valid email address.');
    }
    return this;
  }

  phone(field: string, value: string): this {
    if (value && !/^(\+84|0)\d{9,10}$/.test(value.replace(/[\s.]/g, ''))) {
      this.add(field, 'Số điện thoại không đúng định dạng, ví dụ: 0912 345 678.', 'Enter a valid phone number.');
    }
    return this;
  }

  isoDate(field: string, value: string, labelVi: string): this {
    if (value && !isValidIsoDate(value)) this.add(field, `${labelVi} không hợp lệ (định dạng ngày/tháng/năm).`, 'Invalid date.');
    return this;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  throwIfAny(): void {
    if (!this.ok) throw Errors.validation(this.errors);
  }
}

export function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Accepts dd/mm/yyyy (what people type) or yyyy-mm-dd (what date inputs send). */
export function parseDateInput(s: string): string | null {
  const v = s.trim();
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : v;
  return isValidIsoDate(iso) ? iso : null;
}

export function formatDateVi(d: Date | string | null | undefined): string {
  if (!d) return '';
  const iso = typeof d === 'string' ? d.slice(0, 10) : vnIsoDate(d);
  const [y, m, day] = iso.split('-');
  return `${day}/${m}/${y}`;
}

export function formatDateTimeVi(d: Date | null | undefined): string {
  if (!d) return '';
  const local = new Date(d.getTime() + 7 * 3600_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${hh}:${mm} ${formatDateVi(d)}`;
}

/** Vietnam keeps UTC+7 all year; dates of record are Vietnamese calendar days. */
export function vnIsoDate(d?: Date): string {
  const local = (d ? d.getTime() : Date.now()) + 7 * 3600_000;
  // Every request asks for today (identity, grants, deadlines): the day's string is made once
  // per day, not per call (~2.5 µs of the status lookup's path, docs/benchmarks.md 2026-12-06).
  const day = Math.floor(local / 86_400_000);
  if (day === lastDay.day) return lastDay.iso;
  const iso = new Date(local).toISOString().slice(0, 10);
  lastDay = { day, iso };
  return iso;
}
let lastDay = { day: Number.NaN, iso: '' };
