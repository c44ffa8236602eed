/** Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const VN_OFFSET_MS = 7 * 3600_000;

/** ISO 8601 with the +07:00 offset, as Open311 clients expect local times with their offset. */
export function isoVn(d: Date): string {
  return `${new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** A deadline is a whole calendar day in Vietnam: it runs out at the end of that day. */
export function endOfVnDay(isoDay: string): string {
  return `${isoDay}T23:59:59+07:00`;
}

/** "dd/mm/yyyy hh:mm" as an operator types it (Vietnam time) → the instant; null if not a real time. */
export function parseVnDateTime(raw: string): Date | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:hg](\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const [d, mo, y, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  if (h > 23 || mi > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi) - VN_OFFSET_MS;
  const back = new Date(utc + VN_OFFSET_MS);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return new Date(utc);
}

/** The instant as "dd/mm/yyyy hh:mm" in Vietnam time (the value the operator form shows). */
export function formatVnDateTimeInput(d: Date): string {
  const l = new Date(d.getTime() + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(l.getUTCDate())}/${p(l.getUTCMonth() + 1)}/${l.getUTCFullYear()} ${p(l.getUTCHours())}:${p(l.getUTCMinutes())}`;
}

/** ISO 8601 input from an API client: a date, or a date-time with Z or an offset; a time without
 * an offset is read as Vietnam time. */
export function parseIsoInput(raw: string): Date | null {
  const v = raw.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) return null;
  const time = m[2] ?? '00:00:00';
  let zone = m[3] ?? '+07:00';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const d = new Date(`${m[1]}T${time.length === 5 ? `${time}:00` : time}${zone}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The module's clock. Tests move it (re-opening after 7 days, reminders); production reads the
 * system time. */
export const feedbackClock = { now: (): Date => new Date() };
