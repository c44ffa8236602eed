import type { DestinationCategory, OpeningHours } from './tourism.schema.js';

/** Category labels and the schema.org type each one is published as. */
export const CATEGORIES: Record<DestinationCategory, { vi: string; en: string; schema: string }> = {
  attraction: { vi: 'Điểm tham quan', en: 'Attraction', schema: 'TouristAttraction' },
  relic: { vi: 'Di tích', en: 'Historic site', schema: 'TouristAttraction' },
  museum: { vi: 'Bảo tàng', en: 'Museum', schema: 'Museum' },
  park: { vi: 'Công viên, khu sinh thái', en: 'Park', schema: 'Park' },
  craft_village: { vi: 'Làng nghề', en: 'Craft village', schema: 'TouristAttraction' },
  restaurant: { vi: 'Nhà hàng, ẩm thực', en: 'Restaurant', schema: 'Restaurant' },
  hotel: { vi: 'Cơ sở lưu trú', en: 'Lodging', schema: 'LodgingBusiness' },
};

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const WEEKDAYS_VI = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

/** Vietnam time (UTC+7, no daylight saving): ISO weekday and HH:MM. */
export function vietnamClock(now: Date): { weekday: number; time: string } {
  const v = new Date(now.getTime() + 7 * 3600_000);
  return { weekday: ((v.getUTCDay() + 6) % 7) + 1, time: v.toISOString().slice(11, 16) };
}

export function isOpenAt(hours: OpeningHours[], now: Date): boolean {
  const { weekday, time } = vietnamClock(now);
  return hours.some((h) => h.days.includes(weekday) && h.opens <= time && time < h.closes);
}

function dayRange(days: number[], names: string[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  return contiguous && sorted.length > 2 ? `${names[sorted[0]!]} – ${names[sorted[sorted.length - 1]!]}` : sorted.map((d) => names[d]).join(', ');
}

export function hoursText(hours: OpeningHours[], lang: 'vi' | 'en'): string[] {
  return hours.map((h) => `${dayRange(h.days, lang === 'en' ? WEEKDAYS : WEEKDAYS_VI)}: ${h.opens}–${h.closes}`);
}

/** schema.org openingHoursSpecification */
export function hoursSchema(hours: OpeningHours[]) {
  return hours.map((h) => ({ '@type': 'OpeningHoursSpecification', dayOfWeek: h.days.map((d) => `https://schema.org/${WEEKDAYS[d]}`), opens: h.opens, closes: h.closes }));
}

export function priceText(price: number | null, lang: 'vi' | 'en'): string {
  if (price === null) return '';
  if (price === 0) return lang === 'en' ? 'Free entry' : 'Miễn phí vào cửa';
  return `${price.toLocaleString('vi-VN')} ${lang === 'en' ? 'VND (adult ticket)' : 'đồng/vé người lớn'}`;
}

/** Kinds of event (issue 14 part 1: festivals, sports, exhibitions). */
export const EVENT_KINDS: Record<string, { vi: string; en: string }> = {
  festival: { vi: 'Lễ hội', en: 'Festival' },
  sports: { vi: 'Thể thao', en: 'Sports' },
  exhibition: { vi: 'Triển lãm', en: 'Exhibition' },
  other: { vi: 'Sự kiện khác', en: 'Other event' },
};

const DAY_TOKENS = ['', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

/**
 * Opening hours as an officer types them, one period a line: "T2-CN 07:30-17:00",
 * "T7, CN 08:00-21:00" (T2…T7 are Monday…Saturday, CN is Sunday, as Vietnamese signs write them).
 */
export function hoursToText(hours: OpeningHours[]): string {
  return hours
    .map((h) => {
      const d = [...h.days].sort((a, b) => a - b);
      const run = d.length > 2 && d.every((x, i) => i === 0 || x === d[i - 1]! + 1);
      return `${run ? `${DAY_TOKENS[d[0]!]}-${DAY_TOKENS[d[d.length - 1]!]}` : d.map((x) => DAY_TOKENS[x]).join(', ')} ${h.opens}-${h.closes}`;
    })
    .join('\n');
}

function dayOf(token: string): number | undefined {
  const t = token.toUpperCase().replace(/^THỨ\s*/u, 'T').replace(/\s+/g, '');
  if (t === 'CN' || t === 'CHỦNHẬT') return 7;
  const m = /^T?([2-7])$/.exec(t);
  return m ? Number(m[1]) - 1 : undefined;
}

const hhmm = (h: string, m: string) => (Number(h) <= 24 && Number(m) <= 59 && !(Number(h) === 24 && Number(m) > 0) ? `${h.padStart(2, '0')}:${m}` : undefined);

function parseHoursLine(line: string, out: OpeningHours[]): string | undefined {
  const m = /(\d{1,2})[:hH.](\d{2})\s*[-–—]\s*(\d{1,2})[:hH.](\d{2})\s*$/u.exec(line);
  if (!m) return 'thiếu giờ mở và giờ đóng cửa dạng 07:30-17:00.';
  const opens = hhmm(m[1]!, m[2]!);
  const closes = hhmm(m[3]!, m[4]!);
  if (!opens || !closes || opens === '24:00') return 'giờ không hợp lệ (từ 00:00 đến 24:00).';
  if (closes <= opens) return `giờ đóng cửa ${closes} phải sau giờ mở cửa ${opens}.`;
  const days = new Set<number>();
  for (const part of line.slice(0, m.index).replace(/[:\s]+$/u, '').split(/[,;]/)) {
    if (!part.trim()) continue;
    const [a, b, extra] = part.split(/[-–—]/u).map((x) => x.trim());
    const from = dayOf(a ?? '');
    const to = b === undefined ? from : dayOf(b);
    if (from === undefined || to === undefined || extra !== undefined || to < from) return `không hiểu ngày "${part.trim()}" (viết T2…T7, CN, hoặc khoảng như T2-CN).`;
    for (let d = from; d <= to; d++) days.add(d);
  }
  if (!days.size) return 'thiếu ngày trong tuần (ví dụ T2-CN).';
  out.push({ days: [...days].sort((x, y) => x - y), opens, closes });
  return undefined;
}

/** The reverse of hoursToText; each refused line is named with what is wrong, in Vietnamese. */
export function parseHours(text: string): { hours: OpeningHours[]; problems: string[] } {
  const hours: OpeningHours[] = [];
  const problems: string[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const problem = parseHoursLine(line, hours);
    if (problem) problems.push(`Dòng ${i + 1} ("${line.slice(0, 60)}"): ${problem}`);
  }
  if (lines.length > 14) problems.push('Tối đa 14 dòng giờ mở cửa.');
  return { hours, problems };
}
