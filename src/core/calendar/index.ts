export { isValidIso } from './date.js';
export { type HolidayDay, computeDefaultHolidays } from './holidays.js';
export { type LunarDate, lunarToSolar, solarToLunar } from './lunar.js';
export { DEFAULT_HOLIDAY_RULES, type HolidayRule } from './rules.js';
export { type CsvError, parseScheduleCsv } from './schedule-csv.js';
export { SCHEDULE_2026 } from './seed-2026.js';
export {
  type CalendarHoliday,
  type DayInfo,
  type DayOverride,
  WorkingCalendar,
  type WorkingCalendarOptions,
} from './working-days.js';
