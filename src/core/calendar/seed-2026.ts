import type { DayOverride } from './working-days.js';

/**
 * Civil-service days off and swapped working days for 2026 as published (the Labour Code
 * lets the Prime Minister fix the Tết and National Day days each year, Điều 112 khoản 3, and
 * civil servants may swap a bridging day for a Saturday). Weekends inside a break are left
 * out: they are rest days anyway. If the published schedule differs, an administrator
 * corrects it with `vanhien calendar import`; imported rows replace these.
 */
export const SCHEDULE_2026: DayOverride[] = [
  { date: '2026-01-01', kind: 'off', name: 'Tết Dương lịch' },
  { date: '2026-01-02', kind: 'off', name: 'Nghỉ Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)' },
  { date: '2026-01-10', kind: 'work', name: 'Làm bù cho ngày 02/01/2026' },
  { date: '2026-02-16', kind: 'off', name: 'Nghỉ Tết Nguyên đán' },
  { date: '2026-02-17', kind: 'off', name: 'Nghỉ Tết Nguyên đán' },
  { date: '2026-02-18', kind: 'off', name: 'Nghỉ Tết Nguyên đán' },
  { date: '2026-02-19', kind: 'off', name: 'Nghỉ Tết Nguyên đán' },
  { date: '2026-02-20', kind: 'off', name: 'Nghỉ Tết Nguyên đán' },
  { date: '2026-04-26', kind: 'off', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2026-04-27', kind: 'off', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  { date: '2026-04-30', kind: 'off', name: 'Ngày Chiến thắng' },
  { date: '2026-05-01', kind: 'off', name: 'Ngày Quốc tế Lao động' },
  { date: '2026-09-01', kind: 'off', name: 'Quốc khánh' },
  { date: '2026-09-02', kind: 'off', name: 'Quốc khánh' },
];
