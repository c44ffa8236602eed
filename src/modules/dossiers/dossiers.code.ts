import type { WorkingCalendar } from '../../core/calendar/index.js';
import { vnIsoDate } from '../../core/validation.js';

/**
 * The dossier code. Circular 03/2025/TT-VPCP gives the default shape <agency code>-YYMMDD-NNNN,
 * but domain.md §1 says the format must be configurable and the sequence may outgrow 4 digits:
 * DOSSIER_CODE_FORMAT (config) sets it, checked at start-up.
 * Tokens: {agency}, {yymmdd}, {yyyymmdd}, {seq:N} (at least N digits, more when needed).
 */
export const DEFAULT_DOSSIER_CODE_FORMAT = '{agency}-{yymmdd}-{seq:4}';

/**
 * The day the statutory clock counts from (domain.md §1): the day of receipt, or — where the agency
 * applies an afternoon cut-off (DOSSIER_AFTERNOON_CUTOFF) and the dossier came in after it on a
 * working day — the next working day. Due = addWorkingDays(this day, statutory days).
 */
export function clockStartDay(cal: WorkingCalendar, now: Date, cutoff?: string): string {
  const today = vnIsoDate(now);
  if (!cutoff || !cal.isWorkingDay(today)) return today;
  const local = new Date(now.getTime() + 7 * 3600_000);
  const hhmm = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return hhmm > cutoff ? cal.addWorkingDays(today, 1) : today;
}

/** `day` is the Vietnamese calendar day (YYYY-MM-DD) of the submission. */
export function formatDossierCode(format: string, v: { agency: string; day: string; seq: number }): string {
  const [y, m, d] = v.day.split('-') as [string, string, string];
  return format.replace(/\{(agency|yymmdd|yyyymmdd|seq)(?::(\d{1,2}))?\}/g, (_all, token: string, width?: string) => {
    switch (token) {
      case 'agency':
        return v.agency;
      case 'yymmdd':
        return `${y.slice(2)}${m}${d}`;
      case 'yyyymmdd':
        return `${y}${m}${d}`;
      default:
        return String(v.seq).padStart(Number(width ?? 1), '0');
    }
  });
}
