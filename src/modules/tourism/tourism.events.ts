import { lunarToSolar } from '../../core/calendar/index.js';
import type { TourismEvent } from './tourism.repository.js';

export interface Occurrence {
  event: TourismEvent;
  year: number;
  /** first day, YYYY-MM-DD (Gregorian) */
  start: string;
  /** last day, inclusive */
  end: string;
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The Gregorian dates of an event in a year. A lunar date (e.g. the 10th day of the 3rd month, Giỗ
 * Tổ Hùng Vương) is converted with the core calendar's Vietnamese (UTC+7) lunisolar rules, so its
 * Gregorian day moves from year to year; `year` is the lunar year for lunar events.
 */
export function occurrenceIn(e: TourismEvent, year: number): Occurrence | undefined {
  if (e.fromYear && year < e.fromYear) return undefined;
  if (e.toYear && year > e.toYear) return undefined;
  let start: string;
  if (e.calendar === 'once') {
    if (!e.startDate || Number(e.startDate.slice(0, 4)) !== year) return undefined;
    start = e.startDate;
  } else if (e.calendar === 'lunar') {
    try {
      start = lunarToSolar(year, e.month!, e.day!, e.leapMonth);
    } catch {
      return undefined; // a leap month that this year does not have, or a 30th in a 29-day month
    }
  } else {
    start = `${year}-${pad(e.month!)}-${pad(e.day!)}`;
  }
  return { event: e, year, start, end: addDays(start, Math.max(1, e.durationDays) - 1) };
}

/** Occurrences from `fromIso` over `years` years, by date. */
export function upcoming(events: TourismEvent[], fromIso: string, years = 1): Occurrence[] {
  const y0 = Number(fromIso.slice(0, 4));
  const out: Occurrence[] = [];
  for (const e of events) {
    for (let y = y0 - 1; y <= y0 + years; y++) {
      const o = occurrenceIn(e, y);
      if (o && o.end >= fromIso && o.start < `${y0 + years}${fromIso.slice(4)}`) out.push(o);
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

/** RFC 5545 §3.3.11 TEXT escaping. */
function escText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let len = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (len + n > (parts.length ? 74 : 75)) {
      parts.push(cur);
      cur = '';
      len = 0;
    }
    cur += ch;
    len += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

const basic = (iso: string) => iso.replace(/-/g, '');

/**
 * An iCalendar stream (RFC 5545). A lunar recurrence cannot be written as an RRULE (RFC 7529's
 * RSCALE is not understood by common clients), so each year's occurrence is its own VEVENT with a
 * UID per event and year; all-day events use VALUE=DATE with an exclusive DTEND (§3.6.1).
 */
export function icalendar(occurrences: Occurrence[], opts: { publicUrl: string; lang: 'vi' | 'en'; name: string; stamp: Date }): string {
  const host = new URL(opts.publicUrl).host;
  const stamp = `${opts.stamp.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Van Hien//Du lich//VI', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escText(opts.name)}`, 'X-WR-TIMEZONE:Asia/Ho_Chi_Minh'];
  for (const o of occurrences) {
    const e = o.event;
    const name = opts.lang === 'en' && e.nameEn ? e.nameEn : e.name;
    const summary = opts.lang === 'en' && e.summaryEn ? e.summaryEn : e.summary;
    const lunar = e.calendar === 'lunar' ? ` (${opts.lang === 'en' ? 'lunar calendar' : 'âm lịch'} ${e.day}/${e.month}${e.leapMonth ? (opts.lang === 'en' ? ' leap' : ' nhuận') : ''})` : '';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.code}-${o.year}@${host}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basic(o.start)}`,
      `DTEND;VALUE=DATE:${basic(addDays(o.end, 1))}`,
      `SUMMARY:${escText(name)}`,
      `DESCRIPTION:${escText(summary + lunar)}`,
      ...(e.location ? [`LOCATION:${escText(e.location)}`] : []),
      `URL:${opts.publicUrl}/du-lich/su-kien/${e.code}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
