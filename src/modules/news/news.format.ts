/** Vietnam keeps UTC+7 all year and has no daylight saving: a fixed offset is exact. */
const VN_OFFSET_MS = 7 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** "25/11/2026 14:05" in Vietnam time: the article byline format. */
export function formatVnDateTime(d: Date | null | undefined): string {
  if (!d) return '';
  const l = new Date(d.getTime() + VN_OFFSET_MS);
  return `${pad(l.getUTCDate())}/${pad(l.getUTCMonth() + 1)}/${l.getUTCFullYear()} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}`;
}

/** The value a `datetime-local` input expects ("2026-11-25T14:05"), in Vietnam time. */
export function toDateTimeLocal(d: Date | null | undefined): string {
  if (!d) return '';
  return new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/**
 * What people and browsers send for a moment in Vietnam time: "2026-11-25T14:05" (datetime-local),
 * "25/11/2026 14:05" or "25/11/2026 14h05" (typed), or "14:05 25/11/2026" (as we print it elsewhere).
 * Returns null when it is not a real date and time.
 */
export function parseVnDateTime(input: string): Date | null {
  const s = input.normalize('NFC').trim();
  // Each accepted shape, with the order its groups come in (year, month, day, hour, minute).
  const shapes: [RegExp, number[]][] = [
    [/^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::\d{2})?$/, [1, 2, 3, 4, 5]],
    [/^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:hg](\d{2})$/i, [3, 2, 1, 4, 5]],
    [/^(\d{1,2})[:hg](\d{2})\s+(\d{1,2})\/(\d{1,2})\/(\d{4})$/i, [5, 4, 3, 1, 2]],
  ];
  let parts: number[] | undefined;
  for (const [re, order] of shapes) {
    const m = re.exec(s);
    if (m) {
      parts = order.map((i) => Number(m[i]));
      break;
    }
  }
  if (!parts) return null;
  const [y, mo, d, h, mi] = parts as [number, number, number, number, number];
  if (h > 23 || mi > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi) - VN_OFFSET_MS;
  const check = new Date(utc + VN_OFFSET_MS);
  // Date.UTC rolls 31/02 over to 03/03: refuse instead of guessing.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(utc);
}
