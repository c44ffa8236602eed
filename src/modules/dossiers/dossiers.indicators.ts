import { sql } from 'drizzle-orm';
import type { Services } from '../../core/context.js';
import type { IndicatorPeriod, IndicatorValue } from '../../core/module.js';

const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const ratio = (num: number, den: number) => Math.round((1000 * num) / den) / 10;

/**
 * The sector indicators this module answers for (issue 11), over the period's Vietnamese days:
 * - DVC.01 received: dossiers received (or, before the desk's check, submitted) in the period;
 * - DVC.02 fully online: of those, the ones filed online (channel 'online': the applicant filed
 *   and follows the dossier on the portal; desk filings are not "toàn trình");
 * - DVC.03 on time: of the dossiers finished in the period, early or on time (Decision
 *   766/QĐ-TTg counts early as on time);
 * - DVC.04 digitised: of those received, the ones with their documents held as files (the
 *   applicant's uploads or the desk's scans).
 * Ratios with an empty denominator are left out rather than reported as 0.
 */
export async function dossierIndicators(s: Services, period: IndicatorPeriod): Promise<IndicatorValue[]> {
  const from = `${period.start}T00:00:00+07:00`;
  const to = `${dayAfter(period.end)}T00:00:00+07:00`;
  const res = await s.db.execute<{ received: number; online: number; digitised: number; finished: number; on_time: number }>(sql`
    WITH rec AS (
      SELECT d.id, d.channel FROM dossiers d
       WHERE d.status <> 'draft'
         AND coalesce(d.received_at, d.submitted_at) >= ${from}::timestamptz
         AND coalesce(d.received_at, d.submitted_at) < ${to}::timestamptz
    )
    SELECT (SELECT count(*) FROM rec)::int AS received,
           (SELECT count(*) FROM rec WHERE channel = 'online')::int AS online,
           (SELECT count(*) FROM rec WHERE EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = rec.id))::int AS digitised,
           (SELECT count(*) FROM dossiers d WHERE d.outcome IS NOT NULL AND d.finished_at >= ${from}::timestamptz AND d.finished_at < ${to}::timestamptz)::int AS finished,
           (SELECT count(*) FROM dossiers d WHERE d.outcome IN ('early', 'on_time') AND d.finished_at >= ${from}::timestamptz AND d.finished_at < ${to}::timestamptz)::int AS on_time`);
  const r = res.rows[0]!;
  const out: IndicatorValue[] = [{ indicator: 'DVC.01', value: Number(r.received) }];
  if (Number(r.received) > 0) {
    out.push({ indicator: 'DVC.02', value: ratio(Number(r.online), Number(r.received)) });
    out.push({ indicator: 'DVC.04', value: ratio(Number(r.digitised), Number(r.received)) });
  }
  if (Number(r.finished) > 0) out.push({ indicator: 'DVC.03', value: ratio(Number(r.on_time), Number(r.finished)) });
  return out;
}
