import { describe, expect, it } from 'vitest';
import { SCHEDULE_2026 } from '../seed-2026.js';
import { WorkingCalendar } from '../working-days.js';

const defaults = new WorkingCalendar({});
const official = new WorkingCalendar({ overrides: SCHEDULE_2026 });

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-25', 1, '2026-11-26', '2026-11-26'], // ordinary Wednesday → Thursday
    ['2026-11-25', 0, '2026-11-25', '2026-11-25'], // receipt day itself
    ['2026-11-27', 1, '2026-11-30', '2026-11-30'], // Friday → Monday
    ['2026-11-28', 0, '2026-11-28', '2026-11-28'], // n = 0 even on a Saturday
    ['2026-02-13', 1, '2026-02-23', '2026-02-23'], // across Tết Bính Ngọ
    ['2026-01-09', 1, '2026-01-12', '2026-01-10'], // Saturday 10 Jan worked in exchange for 2 Jan
    ['2025-12-31', 1, '2026-01-02', '2026-01-05'], // 2 Jan is only off by the official schedule
    ['2026-04-24', 1, '2026-04-28', '2026-04-28'], // Sun 26 Apr compensated on Mon 27 Apr
    ['2026-04-29', 1, '2026-05-04', '2026-05-04'], // 30 Apr + 1 May
    ['2026-08-31', 1, '2026-09-03', '2026-09-03'], // National Day 1–2 Sep
    ['2026-02-02', 15, '2026-03-02', '2026-03-02'], // 15 working days spanning Tết
    ['2026-01-05', 10, '2026-01-19', '2026-01-16'], // 10 working days incl. the worked Saturday
  ])('%s + %i → %s by default, %s with SCHEDULE_2026', (from, n, withoutSchedule, withSchedule) => {
    expect(defaults.addWorkingDays(from, n)).toBe(withoutSchedule);
    expect(official.addWorkingDays(from, n)).toBe(withSchedule);
  });

  it('counts backwards for negative n', () => {
    expect(official.addWorkingDays('2026-02-23', -1)).toBe('2026-02-13');
    expect(official.addWorkingDays('2026-01-12', -1)).toBe('2026-01-10');
  });

  it.each([
    ['2026-02-30', 1],
    ['26-02-01', 1],
    ['2026-02-01', 1.5],
  ])('rejects %s + %s with RangeError', (from, n) => {
    expect(() => official.addWorkingDays(from, n)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-11-25', '2026-11-25', 0],
    ['2026-11-25', '2026-11-26', 1],
    ['2026-02-13', '2026-02-23', 1],
    ['2026-01-01', '2026-01-31', 21],
    ['2026-11-26', '2026-11-25', -1],
  ])('(%s, %s] has %i working days with SCHEDULE_2026', (from, to, expected) => {
    expect(official.workingDaysBetween(from, to)).toBe(expected);
  });

  it('inverts addWorkingDays', () => {
    for (const n of [0, 1, 5, 30, 250]) {
      expect(official.workingDaysBetween('2026-01-05', official.addWorkingDays('2026-01-05', n))).toBe(n);
    }
  });
});

describe('dayInfo and isWorkingDay', () => {
  it.each([
    ['2026-01-02', { working: false, name: 'Nghỉ Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)', source: 'override' }],
    ['2026-01-10', { working: true, name: 'Làm bù cho ngày 02/01/2026', source: 'override' }],
    ['2026-01-11', { working: false, source: 'weekend' }],
    ['2026-01-12', { working: true, source: 'weekday' }],
    ['2027-09-02', { working: false, name: 'Quốc khánh', source: 'holiday' }],
    ['2027-05-03', { working: false, name: 'Nghỉ bù Ngày Quốc tế Lao động', source: 'holiday' }],
  ])('%s → %j', (iso, info) => {
    expect(official.dayInfo(iso)).toEqual(info);
    expect(official.isWorkingDay(iso)).toBe(info.working);
  });

  it('lets a "work" override cancel a computed holiday', () => {
    const cal = new WorkingCalendar({ overrides: [{ date: '2027-09-01', kind: 'work', name: 'Làm việc' }] });
    expect(cal.isWorkingDay('2027-09-01')).toBe(true);
    expect(cal.holidays(2027).map((h) => h.date)).not.toContain('2027-09-01');
  });

  it('rejects invalid dates and overrides', () => {
    expect(() => official.isWorkingDay('2026-13-01')).toThrow(RangeError);
    expect(() => new WorkingCalendar({ overrides: [{ date: '2026-02-29', kind: 'off', name: 'x' }] })).toThrow(RangeError);
  });
});

describe('holidays', () => {
  it('merges the 2026 schedule with the computed defaults', () => {
    const list = official.holidays(2026);
    expect(list.map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(list.every((h) => h.source === 'override')).toBe(true);
  });

  it('reports computed days as defaults when no schedule was imported', () => {
    const list = official.holidays(2027);
    expect(list).toHaveLength(14);
    expect(list[0]).toEqual({
      date: '2027-01-01',
      name: 'Tết Dương lịch',
      nameEn: "New Year's Day",
      kind: 'holiday',
      source: 'default',
    });
  });
});
