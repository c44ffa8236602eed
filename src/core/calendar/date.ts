/**
 * Calendar dates as ISO 'YYYY-MM-DD' strings and as day numbers (days since 1970-01-01).
 * Everything goes through UTC so the server's local timezone can never shift a date.
 */
const MS_PER_DAY = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a valid Gregorian date, or undefined if the date does not exist. */
export function dayNumberOf(year: number, month: number, day: number): number | undefined {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** Parses 'YYYY-MM-DD'; throws RangeError for malformed or non-existent dates (2026-02-30). */
export function parseIso(iso: string): number {
  const m = ISO_RE.exec(iso);
  const n = m ? dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (n === undefined) throw new RangeError(`Invalid date: ${JSON.stringify(iso)} (expected YYYY-MM-DD)`);
  return n;
}

export function isValidIso(iso: string): boolean {
  const m = ISO_RE.exec(iso);
  return m !== null && dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3])) !== undefined;
}

export function toIso(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Civil-service weekly rest days: Saturday and Sunday (40-hour week, Quyết định 188/1999/QĐ-TTg). */
export function isWeekend(dayNumber: number): boolean {
  const w = weekdayOf(dayNumber);
  return w === 0 || w === 6;
}

export function addDays(iso: string, n: number): string {
  return toIso(parseIso(iso) + n);
}
