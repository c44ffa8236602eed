import type { Services } from '../../core/context.js';
import type { IndicatorPeriod, IndicatorValue } from '../../core/module.js';
import { vnIsoDate } from '../../core/validation.js';
import { statistics } from './feedback.stats.repository.js';

/**
 * The sector indicators this module answers for (issue 11), from the same one-pass statistics
 * the leaders' page shows, so the two never disagree (Decision 766/QĐ-TTg definitions in
 * feedback.stats.repository.ts): PAKN.01 received in the period, PAKN.02 on-time ratio,
 * PAKN.03 satisfaction ratio. A ratio with nothing within remit is left out, not reported as 0.
 * Overdue is judged on the period's last day once the period has ended (a closed quarter's
 * figure must not drift as days pass), today otherwise.
 */
export async function feedbackIndicators(s: Services, period: IndicatorPeriod): Promise<IndicatorValue[]> {
  const today = vnIsoDate();
  // biome-ignore lint/complexity/useMathMinMax: ISO dates (strings) compare as text; Math.min would turn them into NaN
  const asOf = period.end < today ? period.end : today;
  const rows = await statistics(s.db, { from: period.start, to: period.end, today: asOf });
  const total = rows.find((r) => r.category === null && r.unit === null);
  const out: IndicatorValue[] = [{ indicator: 'PAKN.01', value: total?.received ?? 0 }];
  if (total?.onTimeRatio != null) out.push({ indicator: 'PAKN.02', value: total.onTimeRatio });
  if (total?.satisfactionRatio != null) out.push({ indicator: 'PAKN.03', value: total.satisfactionRatio });
  return out;
}
