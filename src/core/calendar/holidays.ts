import { dayNumberOf, isWeekend, parseIso, toIso, yearOf } from './date.js';
import { lunarToSolar } from './lunar.js';
import { DEFAULT_HOLIDAY_RULES, type HolidayRule } from './rules.js';

export interface HolidayDay {
  date: string;
  name: string;
  nameEn: string;
  kind: 'holiday' | 'compensatory';
}

type Dated = HolidayDay & { dayNumber: number };

/** Days off a rule grants for its anchor in (solar or lunar) year `year`, within its validity. */
function daysOfRule(rule: HolidayRule, year: number): Dated[] {
  const from = parseIso(rule.effectiveFrom);
  const to = rule.effectiveTo === undefined ? undefined : parseIso(rule.effectiveTo);
  // Skip years the rule cannot touch, so the lunar conversion is never asked about them.
  if (year + 1 < yearOf(from) || (to !== undefined && year - 1 > yearOf(to))) return [];

  const anchor =
    rule.kind === 'solar' ? dayNumberOf(year, rule.month, rule.day) : parseIso(lunarToSolar(year, rule.month, rule.day));
  if (anchor === undefined) return []; // e.g. a 29 Feb rule in a common year

  const first = anchor + (rule.offsetDays ?? 0);
  const days: Dated[] = [];
  for (let d = first; d < first + rule.days; d++) {
    if (d >= from && (to === undefined || d <= to)) {
      days.push({ dayNumber: d, date: toIso(d), name: rule.name, nameEn: rule.nameEn, kind: 'holiday' });
    }
  }
  return days;
}

/**
 * Statutory holidays and the compensatory days they generate, for the days of Gregorian
 * `year`, sorted by date. Rules are evaluated for the neighbouring years too because a span
 * or its compensation can cross 1 January.
 */
export function computeDefaultHolidays(year: number, rules: readonly HolidayRule[] = DEFAULT_HOLIDAY_RULES): HolidayDay[] {
  const holidays = new Map<number, Dated>();
  for (const y of [year - 1, year, year + 1]) {
    for (const rule of rules) {
      for (const day of daysOfRule(rule, y)) if (!holidays.has(day.dayNumber)) holidays.set(day.dayNumber, day);
    }
  }

  // Bộ luật Lao động 2019, Điều 111 khoản 3: a holiday on a weekly rest day is taken on the
  // next working day. Walking holidays in date order makes consecutive ones stack (Sat+Sun → Mon+Tue).
  const sorted = [...holidays.values()].sort((a, b) => a.dayNumber - b.dayNumber);
  const compensatory: Dated[] = [];
  const taken = new Set<number>();
  for (const h of sorted) {
    if (!isWeekend(h.dayNumber)) continue;
    let d = h.dayNumber + 1;
    while (isWeekend(d) || holidays.has(d) || taken.has(d)) d++;
    taken.add(d);
    compensatory.push({
      dayNumber: d,
      date: toIso(d),
      name: `Nghỉ bù ${h.name}`,
      nameEn: `Compensatory day off for ${h.nameEn}`,
      kind: 'compensatory',
    });
  }

  return [...sorted, ...compensatory]
    .filter((h) => yearOf(h.dayNumber) === year)
    .sort((a, b) => a.dayNumber - b.dayNumber)
    .map(({ date, name, nameEn, kind }) => ({ date, name, nameEn, kind }));
}
