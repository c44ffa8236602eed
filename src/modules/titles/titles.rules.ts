import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '../../core/calendar/date.js';
import type { WorkingCalendar } from '../../core/calendar/index.js';
import type { CriteriaGroup, TitleKind } from './titles.schema.js';

/** The legal rules of issue 15 as data (titles.rules.json beside this file; not under data/,
 * which .gitignore drops). Each deadline says whether it counts calendar or working days. */
export interface DeadlineRule {
  key: string;
  label: string;
  days?: number;
  count?: 'calendar' | 'working';
  from?: string;
  inclusive?: boolean;
  /** MM-DD of the year */
  fixed?: string;
  basis: string;
  confirmed: boolean;
}
export interface TitlesRules {
  criteria: { titleKind: TitleKind; decree: string; appendix: string; effectiveFrom: string; decidingLevel: string; note: string; groups: CriteriaGroup[] }[];
  deadlines: DeadlineRule[];
  exclusionReasons: { key: string; label: string; basis: string }[];
  commendation: { consecutiveYears: number; basis: string; confirmed: boolean };
}

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'titles.rules.json');
// The compiled build (dist/) does not copy JSON: read the source file beside it.
const FILE_DIST = FILE.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`);
export const RULES: TitlesRules = JSON.parse(fs.readFileSync(fs.existsSync(FILE) ? FILE : FILE_DIST, 'utf8'));

export function deadline(key: string): DeadlineRule {
  const d = RULES.deadlines.find((x) => x.key === key);
  if (!d) throw new Error(`titles.rules.json: no deadline ${key}`);
  return d;
}

/** n days after `from` counted the way the rule says: calendar days, or working days on the
 * platform calendar (holidays and official swaps included). */
export function addRuleDays(cal: WorkingCalendar, from: string, rule: DeadlineRule): string {
  const n = rule.days ?? 0;
  if (rule.count === 'working') return cal.addWorkingDays(from, n);
  // "niêm yết 10 ngày" counts the first day of posting: days 1..10 end on start + 9.
  return addDays(from, rule.inclusive ? n - 1 : n);
}

export interface CycleDeadlines {
  registration: string;
  midYear: string;
  reviewEnd: string;
  listingEnd?: string;
  /** the first day a decision may bear: the day after the listing ends */
  decisionEarliest?: string;
  decisionDue?: string;
  publishDue?: string;
  reminders: { key: string; on: string }[];
}

/** Every deadline of a commune's year from the dates known so far. */
export function cycleDeadlines(cal: WorkingCalendar, year: number, d: { listingStart?: string | null; fileComplete?: string | null; decisionDate?: string | null }): CycleDeadlines {
  const fixed = (k: string) => `${year}-${deadline(k).fixed}`;
  const out: CycleDeadlines = { registration: fixed('registration'), midYear: fixed('mid_year'), reviewEnd: fixed('review_end'), reminders: [] };
  if (d.listingStart) {
    out.listingEnd = addRuleDays(cal, d.listingStart, deadline('listing'));
    out.decisionEarliest = addDays(out.listingEnd, 1);
  }
  if (d.fileComplete) out.decisionDue = addRuleDays(cal, d.fileComplete, deadline('decision'));
  if (d.decisionDate) out.publishDue = addRuleDays(cal, d.decisionDate, deadline('publication'));
  const before = deadline('reminder').days ?? 2;
  for (const [key, due] of [['decision', out.decisionDue], ['publication', out.publishDue], ['review_end', out.reviewEnd]] as const) {
    if (due) out.reminders.push({ key, on: cal.addWorkingDays(due, -before) });
  }
  return out;
}

/** A household meets the criteria when every yes/no is "yes", every score reaches its minimum
 * and every count reaches its minimum. Returns the codes not met. */
export function unmetCriteria(groups: CriteriaGroup[], answers: Record<string, string>): string[] {
  const out: string[] = [];
  for (const g of groups)
    for (const c of g.criteria) {
      const v = answers[c.code] ?? '';
      if (c.kind === 'yes_no' ? v !== 'yes' : !(Number(v) >= (c.min ?? 0))) out.push(c.code);
    }
  return out;
}
