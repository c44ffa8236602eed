/**
 * Statutory public holidays as data, so that a change in the law is a new row with dates
 * rather than a code change. Current basis: Bộ luật Lao động 2019 (45/2019/QH14), Điều 112
 * khoản 1, in force from 2021-01-01.
 */
export interface HolidayRule {
  id: string;
  name: string;
  nameEn: string;
  kind: 'solar' | 'lunar';
  /** Anchor date: Gregorian for 'solar', lunar (non-leap month) for 'lunar'. */
  month: number;
  day: number;
  /** Number of consecutive days off. */
  days: number;
  /** First day off relative to the anchor (−1 = the day before). */
  offsetDays?: number;
  /** Inclusive 'YYYY-MM-DD' bounds of the days the rule covers. */
  effectiveFrom: string;
  effectiveTo?: string;
  legalBasis: string;
}

const LABOUR_CODE_2019 = 'Bộ luật Lao động 2019, Điều 112 khoản 1';
const FROM = '2021-01-01';

export const DEFAULT_HOLIDAY_RULES: readonly HolidayRule[] = [
  {
    id: 'new-year',
    name: 'Tết Dương lịch',
    nameEn: "New Year's Day",
    kind: 'solar',
    month: 1,
    day: 1,
    days: 1,
    effectiveFrom: FROM,
    legalBasis: `${LABOUR_CODE_2019} điểm a`,
  },
  {
    // The law grants 5 days without fixing them; Điều 112 khoản 3 lets the Prime Minister set
    // them yearly. Default: the last day of the old year through mùng 4, the usual pattern.
    id: 'lunar-new-year',
    name: 'Tết Âm lịch',
    nameEn: 'Lunar New Year',
    kind: 'lunar',
    month: 1,
    day: 1,
    days: 5,
    offsetDays: -1,
    effectiveFrom: FROM,
    legalBasis: `${LABOUR_CODE_2019} điểm b`,
  },
  {
    id: 'victory-day',
    name: 'Ngày Chiến thắng',
    nameEn: 'Reunification Day',
    kind: 'solar',
    month: 4,
    day: 30,
    days: 1,
    effectiveFrom: FROM,
    legalBasis: `${LABOUR_CODE_2019} điểm c`,
  },
  {
    id: 'labour-day',
    name: 'Ngày Quốc tế Lao động',
    nameEn: 'International Labour Day',
    kind: 'solar',
    month: 5,
    day: 1,
    days: 1,
    effectiveFrom: FROM,
    legalBasis: `${LABOUR_CODE_2019} điểm d`,
  },
  {
    // 2 Sep "and one adjacent day before or after"; the Prime Minister picks which (Điều 112
    // khoản 3). Default: 1 Sep.
    id: 'national-day',
    name: 'Quốc khánh',
    nameEn: 'National Day',
    kind: 'solar',
    month: 9,
    day: 2,
    days: 2,
    offsetDays: -1,
    effectiveFrom: FROM,
    legalBasis: `${LABOUR_CODE_2019} điểm đ`,
  },
  {
    id: 'hung-kings',
    name: 'Giỗ Tổ Hùng Vương',
    nameEn: "Hung Kings' Commemoration Day",
    kind: 'lunar',
    month: 3,
    day: 10,
    days: 1,
    effectiveFrom: FROM,
    legalBasis: `${LABOUR_CODE_2019} điểm e`,
  },
];
