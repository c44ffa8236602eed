import { describe, expect, it } from 'vitest';
import { lunarToSolar, solarToLunar } from '../lunar.js';

describe('lunarToSolar', () => {
  // 1985 and 2007 are years where Vietnam (UTC+7) and China (UTC+8) disagree.
  // 2030: the new moon is at 23:07 on 2 Feb in UTC+7 (00:07 on 3 Feb in China), so Tết in
  // Vietnam is 2 Feb while Chinese New Year is 3 Feb.
  it.each([
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    [2030, '2030-02-02'],
  ])('Tết (1/1) of %i is %s', (year, expected) => {
    expect(lunarToSolar(year, 1, 1)).toBe(expected);
    expect(solarToLunar(expected)).toEqual({ year, month: 1, day: 1, leap: false });
  });

  it.each([
    [1985, '1985-04-29'],
    [2007, '2007-04-26'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
    [2028, '2028-04-04'],
    [2029, '2029-04-23'],
    [2030, '2030-04-12'],
  ])("Hùng Kings' day (10/3) of %i is %s", (year, expected) => {
    expect(lunarToSolar(year, 3, 10)).toBe(expected);
    expect(solarToLunar(expected)).toEqual({ year, month: 3, day: 10, leap: false });
  });

  it.each([
    [2020, 4, '2020-05-23'],
    [2023, 2, '2023-03-22'],
    [2025, 6, '2025-07-25'],
  ])('leap month %i/%i starts on %s', (year, month, expected) => {
    expect(lunarToSolar(year, month, 1, true)).toBe(expected);
    expect(solarToLunar(expected)).toEqual({ year, month, day: 1, leap: true });
  });

  it('puts the last days of the lunar year in the previous lunar year', () => {
    expect(solarToLunar('2026-02-16')).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    expect(solarToLunar('2026-01-01')).toEqual({ year: 2025, month: 11, day: 13, leap: false });
    expect(lunarToSolar(2025, 12, 29)).toBe('2026-02-16');
  });

  it('round-trips every day of 2020–2031', () => {
    const start = Date.UTC(2020, 0, 1);
    for (let t = start; t < Date.UTC(2032, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const l = solarToLunar(iso);
      expect(lunarToSolar(l.year, l.month, l.day, l.leap)).toBe(iso);
    }
  });

  it.each([
    ['a leap month the year does not have', () => lunarToSolar(2024, 4, 1, true)],
    ['day 30 of a 29-day month', () => lunarToSolar(2025, 12, 30)],
    ['month 13', () => lunarToSolar(2025, 13, 1)],
    ['a year before the UTC+7 calendar', () => lunarToSolar(1967, 1, 1)],
    ['an impossible solar date', () => solarToLunar('2026-02-30')],
    ['a malformed solar date', () => solarToLunar('2026-2-3')],
  ])('throws RangeError for %s', (_, call) => {
    expect(call).toThrow(RangeError);
  });
});
