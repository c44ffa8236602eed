/**
 * Vietnamese lunisolar calendar (âm lịch), computed astronomically for UTC+7.
 *
 * Vietnam has reckoned its calendar at UTC+7 since 1968, China at UTC+8, so a new moon
 * between 16:00 and 17:00 UTC starts the month a day earlier in Vietnam: Tết 1985, 2007
 * and 2030 differ from Chinese New Year. Tables built for China are wrong for Vietnam in
 * such years, so the rules are implemented directly:
 *  - a month starts on the local day containing the astronomical new moon;
 *  - month 11 is the month containing the December solstice;
 *  - if 13 months lie between two months 11, the first one without a major solar term
 *    (sun longitude multiple of 30°) is leap and repeats the previous month's number.
 * Formulas: J. Meeus, Astronomical Algorithms, 2nd ed., ch. 25 (sun) and ch. 49 (new moon).
 */
import { dayNumberOf, parseIso, toIso, yearOf } from './date.js';

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

const TIMEZONE_HOURS = 7;
const JD_UNIX_EPOCH = 2440587.5; // Julian date of 1970-01-01T00:00Z
const RAD = Math.PI / 180;
const SYNODIC_MONTH = 29.530588861;
/** Vietnamese calendars used UTC+8 until the government's decision of 8 Aug 1967 moved them
 * to UTC+7; after 2199 the ΔT extrapolation is guesswork. Refuse rather than mislead. */
const MIN_YEAR = 1968;
const MAX_YEAR = 2199;

/** ΔT = TT − UT in seconds (Espenak & Meeus polynomials from 1961 on). */
function deltaTSeconds(year: number): number {
  const t = year - 2000;
  if (year < 1986) {
    const u = year - 1975;
    return 45.45 + 1.067 * u - u ** 2 / 260 - u ** 3 / 718;
  }
  if (year < 2005) {
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year < 2050) return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  const u = (year - 1820) / 100;
  return year < 2150 ? -20 + 32 * u * u - 0.5628 * (2150 - year) : -20 + 32 * u * u;
}

function deltaTDays(jd: number): number {
  return deltaTSeconds(2000 + (jd - 2451545) / 365.25) / 86400;
}

const NEW_MOON_TERMS: ReadonlyArray<[coef: number, ePower: number, mSun: number, mMoon: number, f: number]> = [
  [-0.4072, 0, 0, 1, 0],
  [0.17241, 1, 1, 0, 0],
  [0.01608, 0, 0, 2, 0],
  [0.01039, 0, 0, 0, 2],
  [0.00739, 1, -1, 1, 0],
  [-0.00514, 1, 1, 1, 0],
  [0.00208, 2, 2, 0, 0],
  [-0.00111, 0, 0, 1, -2],
  [-0.00057, 0, 0, 1, 2],
  [0.00056, 1, 1, 2, 0],
  [-0.00042, 0, 0, 3, 0],
  [0.00042, 1, 1, 0, 2],
  [0.00038, 1, 1, 0, -2],
  [-0.00024, 1, -1, 2, 0],
  [-0.00007, 0, 2, 1, 0],
  [0.00004, 0, 0, 2, -2],
  [0.00004, 0, 3, 0, 0],
  [0.00003, 0, 1, 1, -2],
  [0.00003, 0, 0, 2, 2],
  [-0.00003, 0, 1, 1, 2],
  [0.00003, 0, -1, 1, 2],
  [-0.00002, 0, -1, 1, -2],
  [-0.00002, 0, 1, 3, 0],
  [0.00002, 0, 0, 4, 0],
];

const PLANETARY_TERMS: ReadonlyArray<[coef: number, base: number, rate: number]> = [
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** Julian date (UT) of the k-th new moon after 2000-01-06 (Meeus 49.1 and table 49.A). */
function newMoonJd(k: number): number {
  const t = k / 1236.85;
  const jde = 2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * t ** 2 - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4;
  const e = 1 - 0.002516 * t - 0.0000074 * t ** 2;
  const mSun = (2.5534 + 29.1053567 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3) * RAD;
  const mMoon = (201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3 - 0.000000058 * t ** 4) * RAD;
  const f = (160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3 + 0.000000011 * t ** 4) * RAD;
  const omega = (124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3) * RAD;

  let correction = -0.00017 * Math.sin(omega);
  for (const [coef, ePower, a, b, c] of NEW_MOON_TERMS) {
    correction += coef * e ** ePower * Math.sin(a * mSun + b * mMoon + c * f);
  }
  correction += 0.000325 * Math.sin((299.77 + 0.107408 * k - 0.009173 * t ** 2) * RAD);
  for (const [coef, base, rate] of PLANETARY_TERMS) correction += coef * Math.sin((base + rate * k) * RAD);

  const jd = jde + correction;
  return jd - deltaTDays(jd);
}

/** Apparent geocentric longitude of the sun in degrees [0, 360) at Julian date jd (UT). */
function sunLongitude(jd: number): number {
  const t = (jd + deltaTDays(jd) - 2451545) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t ** 2;
  const m = (357.52911 + 35999.05029 * t - 0.0001537 * t ** 2) * RAD;
  const c =
    (1.914602 - 0.004817 * t - 0.000014 * t ** 2) * Math.sin(m) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * m) +
    0.000289 * Math.sin(3 * m);
  const omega = (125.04 - 1934.136 * t) * RAD;
  const lambda = l0 + c - 0.00569 - 0.00478 * Math.sin(omega);
  return ((lambda % 360) + 360) % 360;
}

/** Day number of the Vietnamese civil day (UTC+7) containing the k-th new moon. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJd(k) - JD_UNIX_EPOCH + TIMEZONE_HOURS / 24);
}

/** Sun longitude at 00:00 UTC+7 of the given day, i.e. at the start of that civil day. */
function sunLongitudeAtStartOf(dayNumber: number): number {
  return sunLongitude(dayNumber + JD_UNIX_EPOCH - TIMEZONE_HOURS / 24);
}

/** k of the new moon that starts lunar month 11, the month containing the December solstice of `year`. */
function month11K(year: number): number {
  const dec31 = dayNumberOf(year, 12, 31) as number;
  const k = Math.floor((dec31 + JD_UNIX_EPOCH - 2451550.09766) / SYNODIC_MONTH);
  // Sun already at or past 270° when that month begins: the solstice fell in the month before.
  return sunLongitudeAtStartOf(newMoonDay(k)) >= 270 ? k - 1 : k;
}

interface LunarMonth extends Omit<LunarDate, 'day'> {
  start: number;
  length: number;
}

const spans = new Map<number, LunarMonth[]>();

/**
 * Months from month 11 of lunar year `year - 1` up to (excluding) month 11 of `year`:
 * months 11 and 12 of the previous lunar year, then months 1–10, plus any leap month.
 */
function monthsOfSpan(year: number): LunarMonth[] {
  const cached = spans.get(year);
  if (cached) return cached;
  const k0 = month11K(year - 1);
  const count = month11K(year) - k0; // 12, or 13 when the span has a leap month
  const starts = Array.from({ length: count + 1 }, (_, i) => newMoonDay(k0 + i));

  let leapIndex = -1;
  if (count === 13) {
    for (let i = 1; i < count; i++) {
      const termHere = Math.floor(sunLongitudeAtStartOf(starts[i]) / 30);
      const termNext = Math.floor(sunLongitudeAtStartOf(starts[i + 1]) / 30);
      if (termHere === termNext) {
        leapIndex = i;
        break;
      }
    }
  }

  const months: LunarMonth[] = [];
  let lunarYear = year - 1;
  let month = 11;
  for (let i = 0; i < count; i++) {
    const leap = i === leapIndex;
    if (i > 0 && !leap) {
      month = (month % 12) + 1;
      if (month === 1) lunarYear = year;
    }
    months.push({ year: lunarYear, month, leap, start: starts[i], length: starts[i + 1] - starts[i] });
  }
  spans.set(year, months);
  return months;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Lunar calendar supports years ${MIN_YEAR}–${MAX_YEAR}, got ${year}`);
  }
}

/** Solar date 'YYYY-MM-DD' of a lunar date; RangeError if that lunar date does not exist. */
export function lunarToSolar(lunarYear: number, lunarMonth: number, lunarDay: number, leap = false): string {
  checkYear(lunarYear);
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new RangeError(`Invalid lunar month: ${lunarMonth}`);
  }
  const found = monthsOfSpan(lunarMonth >= 11 ? lunarYear + 1 : lunarYear).find(
    (m) => m.year === lunarYear && m.month === lunarMonth && m.leap === leap,
  );
  if (!found) throw new RangeError(`Lunar year ${lunarYear} has no leap month ${lunarMonth}`);
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > found.length) {
    throw new RangeError(`Invalid lunar day ${lunarDay} for month ${lunarMonth}/${lunarYear} (${found.length} days)`);
  }
  return toIso(found.start + lunarDay - 1);
}

/** Lunar date of a solar date 'YYYY-MM-DD'. */
export function solarToLunar(iso: string): LunarDate {
  const day = parseIso(iso);
  const year = yearOf(day);
  checkYear(year);
  const months = monthsOfSpan(year + 1);
  const span = day >= months[0].start ? months : monthsOfSpan(year);
  let found = span[0];
  for (const m of span) if (m.start <= day) found = m;
  return { year: found.year, month: found.month, day: day - found.start + 1, leap: found.leap };
}
