import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '../../core/calendar/date.js';
import type { WorkingCalendar } from '../../core/calendar/index.js';
import type { CriteriaGroup, RoundKind, TitleKind } from './titles.schema.js';

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
export interface ExclusionReason {
  key: string;
  label: string;
  basis: string;
}
/** How one title's round runs from a date on: who decides, the round's day counts, the reasons
 * for not considering a subject, and the commendation ("tiêu biểu") after N consecutive years.
 * A change of law is a new entry with its own effectiveFrom; the one in force on the day of each
 * act applies (the listing's start, the day the file is complete, the decision). */
export interface Procedure {
  titleKind: RoundKind;
  effectiveFrom: string;
  label: string;
  decidingLevel: { label: string; basis: string; confirmed: boolean };
  deadlines: DeadlineRule[];
  exclusionReasons: ExclusionReason[];
  commendation: { consecutiveYears: number; decidingLevel: string; basis: string; confirmed: boolean };
}
export interface TitlesRules {
  criteria: { titleKind: TitleKind; decree: string; appendix: string; effectiveFrom: string; decidingLevel: string; note: string; groups: CriteriaGroup[] }[];
  /** the dates shared by every title (registration, mid-year check, end of review, reminders) */
  deadlines: DeadlineRule[];
  procedures: Procedure[];
}

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'titles.rules.json');
// The compiled build (dist/) does not copy JSON: read the source file beside it.
const FILE_DIST = FILE.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`);
export const RULES: TitlesRules = JSON.parse(fs.readFileSync(fs.existsSync(FILE) ? FILE : FILE_DIST, 'utf8'));

/** The procedure of a title in force on `date` (the earliest one before any is in force). */
export function procedureAt(kind: RoundKind, date: string, rules: TitlesRules = RULES): Procedure {
  const all = rules.procedures.filter((p) => p.titleKind === kind).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  if (!all.length) throw new Error(`titles.rules.json: no procedure for ${kind}`);
  return all.filter((p) => p.effectiveFrom <= date).pop() ?? all[0]!;
}

/** A deadline rule: the title's procedure in force on `date` first, then the shared dates. */
export function deadline(key: string, kind: RoundKind = 'household', date = '9999-12-31'): DeadlineRule {
  const d = procedureAt(kind, date).deadlines.find((x) => x.key === key) ?? RULES.deadlines.find((x) => x.key === key);
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

/** Every deadline of a commune's round of a title from the dates known so far; each day count is
 * the one in force on the day it counts from. */
export function cycleDeadlines(cal: WorkingCalendar, year: number, d: { listingStart?: string | null; fileComplete?: string | null; decisionDate?: string | null }, kind: RoundKind = 'household'): CycleDeadlines {
  const fixed = (k: string) => `${year}-${deadline(k).fixed}`;
  const out: CycleDeadlines = { registration: fixed('registration'), midYear: fixed('mid_year'), reviewEnd: fixed('review_end'), reminders: [] };
  if (d.listingStart) {
    out.listingEnd = addRuleDays(cal, d.listingStart, deadline('listing', kind, d.listingStart));
    out.decisionEarliest = addDays(out.listingEnd, 1);
  }
  if (d.fileComplete) out.decisionDue = addRuleDays(cal, d.fileComplete, deadline('decision', kind, d.fileComplete));
  if (d.decisionDate) out.publishDue = addRuleDays(cal, d.decisionDate, deadline('publication', kind, d.decisionDate));
  const before = deadline('reminder').days ?? 2;
  for (const [key, due] of [['decision', out.decisionDue], ['publication', out.publishDue], ['review_end', out.reviewEnd]] as const) {
    if (due) out.reminders.push({ key, on: cal.addWorkingDays(due, -before) });
  }
  return out;
}

/** A household (or village) meets the criteria when every yes/no is "yes", every score reaches its minimum
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
