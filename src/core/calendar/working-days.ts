import { isWeekend, parseIso, toIso, yearOf } from './date.js';
import { computeDefaultHolidays, type HolidayDay } from './holidays.js';
import { DEFAULT_HOLIDAY_RULES, type HolidayRule } from './rules.js';

/**
 * A day fixed by the official yearly schedule (the Prime Minister's notice, entered by an
 * administrator): a day off, or a Saturday worked in exchange for a bridged day. It beats
 * every computed default.
 */
export type DayOverride = { date: string; kind: 'off' | 'work'; name: string };

export interface DayInfo {
  working: boolean;
  name?: string;
  source: 'override' | 'holiday' | 'weekend' | 'weekday';
}

export interface CalendarHoliday {
  date: string;
  name: string;
  nameEn?: string;
  /** 'off' = a day off declared by override rather than computed from the rules. */
  kind: HolidayDay['kind'] | 'off';
  source: 'default' | 'override';
}

export interface WorkingCalendarOptions {
  overrides?: readonly DayOverride[];
  rules?: readonly HolidayRule[];
}

export class WorkingCalendar {
  readonly #overrides = new Map<string, DayOverride>();
  readonly #rules: readonly HolidayRule[];
  readonly #defaultsByYear = new Map<number, Map<string, HolidayDay>>();

  constructor(opts: WorkingCalendarOptions = {}) {
    this.#rules = opts.rules ?? DEFAULT_HOLIDAY_RULES;
    for (const o of opts.overrides ?? []) {
      parseIso(o.date);
      if (o.kind !== 'off' && o.kind !== 'work') throw new RangeError(`Invalid override kind: ${JSON.stringify(o.kind)}`);
      this.#overrides.set(o.date, o); // a later entry for the same date wins
    }
  }

  #defaults(year: number): Map<string, HolidayDay> {
    let days = this.#defaultsByYear.get(year);
    if (!days) {
      days = new Map(computeDefaultHolidays(year, this.#rules).map((h) => [h.date, h]));
      this.#defaultsByYear.set(year, days);
    }
    return days;
  }

  #info(day: number): DayInfo {
    const iso = toIso(day);
    const override = this.#overrides.get(iso);
    if (override) return { working: override.kind === 'work', name: override.name, source: 'override' };
    const holiday = this.#defaults(yearOf(day)).get(iso);
    if (holiday) return { working: false, name: holiday.name, source: 'holiday' };
    return isWeekend(day) ? { working: false, source: 'weekend' } : { working: true, source: 'weekday' };
  }

  dayInfo(iso: string): DayInfo {
    return this.#info(parseIso(iso));
  }

  isWorkingDay(iso: string): boolean {
    return this.#info(parseIso(iso)).working;
  }

  /**
   * The n-th working day after `fromIso`. Statutory time limits count from the day after
   * valid receipt, so receipt is day 0 and n = 0 returns `fromIso` itself. Negative n counts
   * backwards (e.g. "remind 2 working days before the due date").
   */
  addWorkingDays(fromIso: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`Working-day count must be an integer, got ${n}`);
    let day = parseIso(fromIso);
    const step = Math.sign(n);
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      if (this.#info(day).working) left--;
    }
    return toIso(day);
  }

  /** Working days in (fromIso, untilIso]; negative when untilIso is earlier. */
  workingDaysBetween(fromIso: string, untilIso: string): number {
    const from = parseIso(fromIso);
    const to = parseIso(untilIso);
    const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (this.#info(d).working) count++;
    return sign * count;
  }

  /** Days off of Gregorian `year` other than ordinary weekends: computed defaults merged with overrides. */
  holidays(year: number): CalendarHoliday[] {
    const list = new Map<string, CalendarHoliday>();
    for (const h of this.#defaults(year).values()) list.set(h.date, { ...h, source: 'default' });
    for (const o of this.#overrides.values()) {
      if (yearOf(parseIso(o.date)) !== year) continue;
      if (o.kind === 'work') list.delete(o.date);
      else list.set(o.date, { date: o.date, name: o.name, kind: 'off', source: 'override' });
    }
    return [...list.values()].sort((a, b) => a.date.localeCompare(b.date));
  }
}
