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
