import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { commandContext, formErrors } from '../../core/web/forms.js';
import { nfc, vnIsoDate } from '../../core/validation.js';
import { XLSX_TYPE, exportCaseList, exportStatistics, type CaseListInput, type XlsxExport } from './feedback.export.js';
import { feedbackStatistics, statisticsOptions, type PeriodInput } from './feedback.stats.js';
import { feedbackClock } from './feedback.time.js';
import { StatsPage } from './pages/stats-pages.js';

const PERIOD_KEYS = ['ky', 'nam', 'thang', 'quy', 'tu', 'den', 'category', 'unit', 'zoom'] as const;

/** The workbook goes out as it is written: the reply streams while the rows are fetched page by
 * page. The checks ran before (exportX threw), so a refusal is still a proper error page. */
function sendXlsx(req: FastifyRequest, reply: FastifyReply, x: XlsxExport) {
  const out = new PassThrough();
  x.write(out).catch((err: Error) => {
    // The status line is gone already: cut the download so the client sees it is incomplete.
    req.log.error({ err: err.message }, 'feedback xlsx export failed');
    out.destroy(err);
  });
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${x.filename}"`)
    .header('cache-control', 'no-store')
    .send(out);
}

function queryStrings(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.query as Record<string, unknown>)) {
    const one = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof one === 'string') out[k] = nfc(one).slice(0, 60);
  }
  return out;
}

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

  app.get('/quan-tri/phan-anh/thong-ke/xuat.xlsx', async (req, reply) =>
    sendXlsx(req, reply, await exportStatistics(commandContext(req, s), periodValues(req) as PeriodInput)),
  );

  app.get('/quan-tri/phan-anh/xuat.xlsx', async (req, reply) =>
    sendXlsx(req, reply, await exportCaseList(commandContext(req, s), queryStrings(req) as CaseListInput)),
  );
}
