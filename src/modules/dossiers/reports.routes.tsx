import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { listUnits } from '../../core/org/org.repository.js';
import { UUID_RE, vnIsoDate } from '../../core/validation.js';
import { requireConsole } from './dossiers.processing.js';
import { procedureOptions, visibleUnitCodes } from './dossiers.queue.js';
import { countLog, logPage } from './dossiers.reports.repository.js';
import { logCsv, logPdf, logXlsx, parsePeriod, reportScope, statistics, statisticsXlsx } from './dossiers.reports.js';
import { filterQuery, LogPage, StatisticsPage, type ReportFilter } from './pages/report-pages.js';

const PROC_CODE = /^[A-Za-z0-9.\-_]{1,40}$/;
const LOG_PAGE = 50;

function readFilter(req: FastifyRequest): ReportFilter {
  const q = req.query as Record<string, unknown>;
  const f: ReportFilter = {};
  for (const k of ['ky', 'nam', 'thang', 'quy', 'tu-ngay', 'den-ngay', 'don-vi', 'thu-tuc', 'nhom'] as const) {
    if (typeof q[k] === 'string' && q[k]) f[k] = (q[k] as string).trim().slice(0, 40);
  }
  if (f['thu-tuc'] && !PROC_CODE.test(f['thu-tuc'])) delete f['thu-tuc'];
  return f;
}

/** Registers and statistics (issue 3 part 7): pages, and exports that stream. */
export function reportRoutes(app: FastifyInstance, s: Services) {
  const context = async (req: FastifyRequest) => {
    requireConsole(req.actor);
    const f = readFilter(req);
    const today = vnIsoDate();
    const { period, errors } = parsePeriod(f, today);
    const unitCodes = await visibleUnitCodes(s.db, req.actor);
    const units = (await listUnits(s.db)).filter((u) => !unitCodes || unitCodes.includes(u.code)).map((u) => ({ code: u.code, name: u.name }));
    if (f['don-vi'] && !units.some((u) => u.code === f['don-vi'])) delete f['don-vi'];
    const scope = await reportScope(s.db, req.actor, period, { unitCode: f['don-vi'], procedureCode: f['thu-tuc'] });
    return { f, period, errors, scope, units, today, procedures: await procedureOptions(s.db, today, unitCodes) };
  };

  const labels = (c: { units: { code: string; name: string }[]; procedures: { code: string; name: string }[] }, groupBy: 'unit' | 'procedure') =>
    new Map((groupBy === 'unit' ? c.units : c.procedures).map((x) => [x.code, x.name]));

  const download = (reply: FastifyReply, name: string, type: string) =>
    reply.header('cache-control', 'private, no-store').header('content-disposition', `attachment; filename="${name}"`).type(type);

  app.get('/quan-tri/ho-so/thong-ke', async (req, reply) => {
    const c = await context(req);
    const groupBy = c.f.nhom === 'thu-tuc' ? 'procedure' : 'unit';
    const stats = await statistics(s.db, c.scope, c.period, groupBy, { today: c.today, labels: labels(c, groupBy) });
    return reply.html(<StatisticsPage ctx={reply.page(req)} stats={stats} f={c.f} errors={c.errors} units={c.units} procedures={c.procedures} />, c.errors ? 400 : 200);
  });

  app.get('/quan-tri/ho-so/thong-ke.xlsx', async (req, reply) => {
    const c = await context(req);
    const groupBy = c.f.nhom === 'thu-tuc' ? 'procedure' : 'unit';
    const stats = await statistics(s.db, c.scope, c.period, groupBy, { today: c.today, labels: labels(c, groupBy) });
    return download(reply, `thong-ke-${c.period.from}-${c.period.to}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await statisticsXlsx(stats));
  });

  app.get('/quan-tri/ho-so/so-theo-doi', async (req, reply) => {
    const c = await context(req);
    const q = req.query as Record<string, unknown>;
    // The keyset of the next page: "<submitted_at ISO>_<id>", and the running row number.
    const m = typeof q.sau === 'string' ? /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_(.+)$/.exec(q.sau) : null;
    const after = m && UUID_RE.test(m[2]!) && !Number.isNaN(Date.parse(m[1]!)) ? { submittedAt: new Date(m[1]!), id: m[2]! } : undefined;
    const offset = after && typeof q.stt === 'string' && /^\d{1,9}$/.test(q.stt) ? Number(q.stt) : 0;
    const [rows, total] = await Promise.all([logPage(s.db, c.scope, LOG_PAGE, after), countLog(s.db, c.scope)]);
    const last = rows.at(-1);
    const next = rows.length === LOG_PAGE && last ? filterQuery(c.f, { sau: `${last.submittedAt.toISOString()}_${last.id}`, stt: String(offset + LOG_PAGE) }) : undefined;
    return reply.html(
      <LogPage ctx={reply.page(req)} period={c.period} rows={rows} total={total} offset={offset} next={next} f={c.f} errors={c.errors} units={c.units} procedures={c.procedures} />,
      c.errors ? 400 : 200,
    );
  });

  app.get('/quan-tri/ho-so/so-theo-doi.csv', async (req, reply) => {
    const c = await context(req);
    return download(reply, `so-theo-doi-${c.period.from}-${c.period.to}.csv`, 'text/csv; charset=utf-8').send(logCsv(s.db, c.scope));
  });

  app.get('/quan-tri/ho-so/so-theo-doi.xlsx', async (req, reply) => {
    const c = await context(req);
    return download(reply, `so-theo-doi-${c.period.from}-${c.period.to}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(
      logXlsx(s.db, c.scope, c.period.label),
    );
  });

  app.get('/quan-tri/ho-so/so-theo-doi.pdf', async (req, reply) => {
    const c = await context(req);
    const { pdf } = await logPdf(s.db, c.scope, c.period.label);
    return download(reply, `so-theo-doi-${c.period.from}-${c.period.to}.pdf`, 'application/pdf').send(pdf);
  });
}
