import { describe, expect, it } from 'vitest';
import { computeDefaultHolidays } from '../holidays.js';
import { DEFAULT_HOLIDAY_RULES, type HolidayRule } from '../rules.js';

const dates = (year: number, kind: 'holiday' | 'compensatory') =>
  computeDefaultHolidays(year)
    .filter((h) => h.kind === kind)
    .map((h) => h.date);

describe('computeDefaultHolidays', () => {
  // 11 statutory days a year (Điều 112) plus one compensatory day per holiday on Sat/Sun (Điều 111.3).
  it.each([
    [2024, ['2024-02-14', '2024-02-15', '2024-09-03']],
    [2025, ['2025-02-03']],
    [2026, ['2026-04-27']],
    [2027, ['2027-02-10', '2027-02-11', '2027-05-03']],
    [2028, ['2028-01-03', '2028-01-31', '2028-05-02', '2028-09-04']],
    [2029, ['2029-09-03', '2029-09-04']],
    [2030, ['2030-02-06', '2030-02-07', '2030-09-03']],
  ])('%i: 11 holidays and compensatory days %j', (year, compensatory) => {
    expect(dates(year, 'holiday')).toHaveLength(11);
    expect(dates(year, 'compensatory')).toEqual(compensatory);
    expect(computeDefaultHolidays(year)).toHaveLength(11 + compensatory.length);
  });

  it.each([
    [2024, ['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13']],
    [2025, ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']],
    [2026, ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']],
  ])('%i: Tết runs from the last day of the old year to mùng 4', (year, tet) => {
    const days = computeDefaultHolidays(year).filter((h) => h.name === 'Tết Âm lịch');
    expect(days.map((h) => h.date)).toEqual(tet);
  });

  it('2027: 1 Jan is a Friday, so nothing is compensated in January', () => {
    const jan = computeDefaultHolidays(2027).filter((h) => h.date.startsWith('2027-01'));
    expect(jan).toEqual([{ date: '2027-01-01', name: 'Tết Dương lịch', nameEn: "New Year's Day", kind: 'holiday' }]);
  });

  it('2029: National Day on Sat 1 + Sun 2 Sep is compensated on Mon 3 and Tue 4 Sep', () => {
    const sep = computeDefaultHolidays(2029).filter((h) => h.date.startsWith('2029-09'));
    expect(sep.map((h) => [h.date, h.name, h.kind])).toEqual([
      ['2029-09-01', 'Quốc khánh', 'holiday'],
      ['2029-09-02', 'Quốc khánh', 'holiday'],
      ['2029-09-03', 'Nghỉ bù Quốc khánh', 'compensatory'],
      ['2029-09-04', 'Nghỉ bù Quốc khánh', 'compensatory'],
    ]);
  });

  it('2028: Sun 30 Apr is compensated after the 1 May holiday, on Tue 2 May', () => {
    const h = computeDefaultHolidays(2028).find((d) => d.date === '2028-05-02');
    expect(h).toMatchObject({ name: 'Nghỉ bù Ngày Chiến thắng', kind: 'compensatory' });
  });

  it('returns days sorted by date', () => {
    const list = computeDefaultHolidays(2028).map((h) => h.date);
    expect(list).toEqual([...list].sort());
  });

  it('applies rules only within their effective dates', () => {
    expect(computeDefaultHolidays(2020)).toEqual([]);
    const culture: HolidayRule = {
      id: 'test-rule',
      name: 'Ngày thử nghiệm',
      nameEn: 'Test day',
      kind: 'solar',
      month: 11,
      day: 24,
      days: 1,
      effectiveFrom: '2026-01-01',
      effectiveTo: '2027-12-31',
      legalBasis: 'test',
    };
    const rules = [...DEFAULT_HOLIDAY_RULES, culture];
    const has = (year: number, date: string) => computeDefaultHolidays(year, rules).some((h) => h.date === date);
    expect(has(2025, '2025-11-24')).toBe(false);
    expect(has(2026, '2026-11-24')).toBe(true);
    expect(has(2028, '2028-11-24')).toBe(false);
  });
});
