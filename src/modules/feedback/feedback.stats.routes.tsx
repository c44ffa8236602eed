import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { commandContext, formErrors } from '../../core/web/forms.js';
import { nfc, vnIsoDate } from '../../core/validation.js';
import { feedbackStatistics, statisticsOptions, type PeriodInput } from './feedback.stats.js';
import { feedbackClock } from './feedback.time.js';
import { StatsPage } from './pages/stats-pages.js';

const PERIOD_KEYS = ['ky', 'nam', 'thang', 'quy', 'tu', 'den', 'category', 'unit', 'zoom'] as const;

/** The report form's values as typed; a first visit gets this month. */
export function periodValues(req: FastifyRequest): Record<string, string> {
  const q = req.query as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of PERIOD_KEYS) {
    const v = q[k];
    const one = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof one === 'string' && one) out[k] = nfc(one).slice(0, 40);
  }
  const today = vnIsoDate(feedbackClock.now());
  out.ky ??= 'thang';
  out.nam ??= today.slice(0, 4);
  out.thang ??= String(Number(today.slice(5, 7)));
  out.quy ??= String(Math.ceil(Number(today.slice(5, 7)) / 3));
  return out;
}

export async function feedbackStatsRoutes(app: FastifyInstance, s: Services) {
  app.get('/quan-tri/phan-anh/thong-ke', async (req, reply) => {
    const ctx = commandContext(req, s);
    const options = await statisticsOptions(ctx);
    const values = periodValues(req);
    const units = options.units.map((u) => ({ code: u.code, name: u.name }));
    try {
      const report = await feedbackStatistics(ctx, values as PeriodInput);
      return reply.html(<StatsPage ctx={reply.page(req)} values={values} categories={options.categories} units={units} report={report} />);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(
        <StatsPage ctx={reply.page(req)} values={values} categories={options.categories} units={units} errors={f.errors} message={f.message} />,
        f.status,
      );
    }
  });
}
