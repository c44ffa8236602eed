import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { commandContext, formBody, formErrors, uuidParam } from '../../core/web/forms.js';
import { vnIsoDate } from '../../core/validation.js';
import { overdueUnits, type UnitState } from './indicators.deadlines.js';
import { approveReport, correctValue, importXlsx, loadUnitReport, publishReport, returnReport, saveEntries } from './indicators.entry.commands.js';
import type { RowInput } from './indicators.entry.model.js';
import { entryPolicy, unitScope } from './indicators.entry.policy.js';
import * as repo from './indicators.entry.repository.js';
import { resendPeriod } from './indicators.push.js';
import { buildTemplate, XlsxImportError } from './indicators.xlsx.js';
import { DeliveryLogPage } from './pages/delivery-pages.js';
import { ENTRY_BASE, EntryPage, entryHref, type MyReportRow, MyReportsPage, OverduePage } from './pages/entry-pages.js';

/** The XLSX of one unit's report is a few hundred rows; anything far larger is not a template. */
const MAX_XLSX_BYTES = 5 * 1024 * 1024;
const CODE_RE = /^[A-Za-z0-9._-]{1,40}$/;

/** Issue 11 part 3 and the push's staff pages: the units' entry, approval and publication of
 * their figures, the overdue list and the IOC delivery log. */
export async function entryRoutes(app: FastifyInstance, s: Services) {
  const params = (req: FastifyRequest) => {
    const { period, unit } = req.params as { period: string; unit: string };
    if (!CODE_RE.test(period) || !CODE_RE.test(unit)) throw Errors.notFound('Báo cáo');
    return { period, unit };
  };

  const requireEntryUser = (req: FastifyRequest) => {
    if (req.actor.kind === 'anonymous') throw Errors.unauthenticated();
    if (!entryPolicy.canUseEntry(req.actor)) throw Errors.forbidden('enter:indicator:unit');
  };

  const rights = async (req: FastifyRequest, unitId: string) => ({
    enter: entryPolicy.canEnter(req.actor, unitId),
    approve: entryPolicy.canApprove(req.actor, unitId),
    publish: entryPolicy.canPublish(req.actor),
  });

  /** The report page; its viewers are the unit's officers and leaders and the publishers. */
  const renderEntry = async (
    req: FastifyRequest,
    reply: FastifyReply,
    period: string,
    unit: string,
    extra: { values?: Record<string, string>; errors?: FieldErrors; message?: string; problems?: import('./indicators.xlsx.js').XlsxProblem[]; status?: number } = {},
  ) => {
    const ur = await loadUnitReport(s, period, unit);
    const can = await rights(req, ur.unit.id);
    if (!can.enter && !can.approve && !can.publish) throw Errors.forbidden('enter:indicator:unit');
    return reply.html(
      <EntryPage ctx={reply.page(req)} ur={ur} can={can} today={vnIsoDate()} pushConfigured={!!s.config.ioc.pushUrl} {...extra} />,
      extra.status ?? 200,
    );
  };

  app.get(ENTRY_BASE, async (req, reply) => {
    requireEntryUser(req);
    const today = vnIsoDate();
    const names = await repo.unitNames(s.db);
    const enter = unitScope(req.actor, 'enter');
    const approve = unitScope(req.actor, 'approve');
    const publish = entryPolicy.canPublish(req.actor);
    const inScope = (code: string) => {
      if (publish || enter === 'all' || approve === 'all') return true;
      const id = names.get(code)?.id;
      return !!id && (enter.includes(id) || approve.includes(id));
    };
    const rows: MyReportRow[] = [];
    for (const p of await repo.listPeriods(s.db, today, 16)) {
      const [units, reports] = await Promise.all([repo.unitsOfPeriod(s.db, p), repo.reportsOfPeriod(s.db, p.code)]);
      const byUnit = new Map(reports.map((r) => [r.unitCode, r.status as UnitState]));
      for (const u of units.filter(inScope)) {
        const state = byUnit.get(u) ?? 'missing';
        const defs = await repo.enteredDefinitions(s.db, p, u);
        rows.push({
          period: p.code,
          periodicity: p.periodicity,
          unitCode: u,
          unitName: names.get(u)?.name ?? u,
          state,
          dueOn: p.dueOn,
          overdue: !!p.dueOn && p.dueOn < today && !['submitted', 'approved', 'published'].includes(state),
          indicators: defs.length,
        });
      }
    }
    const late = publish ? (await overdueUnits(s, today)).length : 0;
    return reply.html(<MyReportsPage ctx={reply.page(req)} rows={rows} canPublish={publish} late={late} />);
  });

  app.get(`${ENTRY_BASE}/qua-han`, async (req, reply) => {
    entryPolicy.requirePublish(req.actor);
    return reply.html(<OverduePage ctx={reply.page(req)} rows={await overdueUnits(s)} />);
  });

  app.get(`${ENTRY_BASE}/:period/:unit`, async (req, reply) => {
    requireEntryUser(req);
    const { period, unit } = params(req);
    return renderEntry(req, reply, period, unit);
  });

  app.post(`${ENTRY_BASE}/:period/:unit`, async (req, reply) => {
    const { period, unit } = params(req);
    const body = formBody(req);
    const inputs = new Map<string, RowInput>();
    for (const [k, v] of Object.entries(body)) {
      const m = /^k-(\d{1,5})$/.exec(k);
      if (m) inputs.set(v, { value: body[`v-${m[1]}`] ?? '', comment: body[`c-${m[1]}`] ?? '' });
    }
    const submit = body.action === 'submit';
    try {
      await saveEntries(commandContext(req, s), period, unit, inputs, { submit, version: Number(body.version) || undefined });
    } catch (err) {
      const f = formErrors(err);
      return renderEntry(req, reply, period, unit, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
    const msg = submit
      ? req.lang === 'en'
        ? 'Saved and submitted to the unit leader.'
        : 'Đã lưu và gửi lãnh đạo đơn vị duyệt.'
      : req.lang === 'en'
        ? 'Draft saved.'
        : 'Đã lưu bản nháp.';
    return reply.flash(msg).redirect(entryHref(period, unit));
  });

  app.get(`${ENTRY_BASE}/:period/:unit/mau.xlsx`, async (req, reply) => {
    requireEntryUser(req);
    const { period, unit } = params(req);
    const ur = await loadUnitReport(s, period, unit);
    if (!entryPolicy.canEnter(req.actor, ur.unit.id) && !entryPolicy.canApprove(req.actor, ur.unit.id) && !entryPolicy.canPublish(req.actor)) {
      throw Errors.forbidden('enter:indicator:unit');
    }
    const buf = await buildTemplate({
      unitCode: unit,
      unitName: ur.unit.name,
      periodCode: period,
      periodLabel: period,
      dueOn: ur.period.dueOn,
      rows: ur.rows,
      current: new Map([...ur.current].map(([k, o]) => [k, { value: o.value, comment: o.comment }])),
      previous: ur.previous,
    });
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="so-lieu-${unit}-${period}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(buf);
  });

  app.post(`${ENTRY_BASE}/:period/:unit/tai-len`, async (req, reply) => {
    const { period, unit } = params(req);
    if (!req.isMultipart()) throw Errors.badRequest('Biểu mẫu tải tệp không hợp lệ.', 'Expected multipart/form-data.');
    let data: Buffer | undefined;
    let tooLarge = false;
    const partOpts = { throwFileSizeLimit: false, limits: { fileSize: MAX_XLSX_BYTES, files: 1 } } as Parameters<typeof req.parts>[0];
    for await (const part of req.parts(partOpts)) {
      if (part.type !== 'file') continue;
      const buf = await part.toBuffer();
      if (part.file.truncated) tooLarge = true;
      else if (part.fieldname === 'tep' && buf.length) data = buf;
    }
    try {
      const ctx = commandContext(req, s);
      if (tooLarge) throw new AppError('IND-111', 400, `Tệp quá lớn (tối đa ${MAX_XLSX_BYTES / 1048576} MB). Vui lòng dùng mẫu tải từ trang này.`, 'The file is too large.');
      if (!data) throw new AppError('IND-112', 400, 'Vui lòng chọn tệp Excel (.xlsx) đã điền để tải lên.', 'Choose the filled .xlsx file.');
      const { saved } = await importXlsx(ctx, period, unit, data);
      return reply.flash(req.lang === 'en' ? `${saved} value(s) saved from the file.` : `Đã lưu ${saved} giá trị từ tệp Excel. Kiểm tra lại rồi gửi lãnh đạo đơn vị duyệt.`).redirect(entryHref(period, unit));
    } catch (err) {
      if (err instanceof XlsxImportError) return renderEntry(req, reply, period, unit, { message: err.vi, problems: err.problems, status: 400 });
      const f = formErrors(err);
      return renderEntry(req, reply, period, unit, { errors: f.errors, message: f.message, status: f.status });
    }
  });

  const decision = (path: string, run: (req: FastifyRequest, id: string, body: Record<string, string>) => Promise<unknown>, done: { vi: string; en: string }) =>
    app.post(`${ENTRY_BASE}/bao-cao/:id/${path}`, async (req, reply) => {
      const id = uuidParam(req, 'id', 'Báo cáo');
      const report = await repo.findReportById(s.db, id);
      if (!report) throw Errors.notFound('Báo cáo');
      const body = formBody(req);
      try {
        await run(req, id, body);
      } catch (err) {
        const f = formErrors(err);
        return renderEntry(req, reply, report.periodCode, report.unitCode, { values: body, errors: f.errors, message: f.message, status: f.status });
      }
      return reply.flash(req.lang === 'en' ? done.en : done.vi).redirect(entryHref(report.periodCode, report.unitCode));
    });

  decision('duyet', (req, id, b) => approveReport(commandContext(req, s), id, Number(b.version)), { vi: 'Đã duyệt số liệu của đơn vị.', en: 'Approved.' });
  decision('tra-lai', (req, id, b) => returnReport(commandContext(req, s), id, Number(b.version), b.reason), { vi: 'Đã trả lại báo cáo cho chuyên viên.', en: 'Returned.' });
  decision(
    'cong-bo',
    async (req, id, b) => {
      const r = await publishReport(commandContext(req, s), id, Number(b.version));
      return r;
    },
    { vi: 'Đã công bố số liệu.', en: 'Published.' },
  );

  app.post(`${ENTRY_BASE}/:period/:unit/dinh-chinh`, async (req, reply) => {
    const { period, unit } = params(req);
    const body = formBody(req);
    const key = body.row ?? '';
    const i = key.indexOf('|');
    try {
      await correctValue(commandContext(req, s), { period, indicator: key.slice(0, i), dimsKey: key.slice(i + 1), value: body.value, reason: body.reason });
    } catch (err) {
      const f = formErrors(err);
      return renderEntry(req, reply, period, unit, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
    return reply.flash(req.lang === 'en' ? 'Corrected.' : 'Đã đính chính số liệu; giá trị cũ và lý do được lưu lại.').redirect(entryHref(period, unit));
  });

  // ——— IOC delivery log ———
  const deliveryPage = async (req: FastifyRequest, reply: FastifyReply, message?: string, status = 200) => {
    const [rows, periods] = await Promise.all([repo.listDeliveries(s.db), repo.listPeriods(s.db, vnIsoDate(), 40)]);
    return reply.html(
      <DeliveryLogPage ctx={reply.page(req)} rows={rows} endpoint={s.config.ioc.pushUrl} periods={periods.filter((p) => p.status === 'published').slice(0, 8)} message={message} />,
      status,
    );
  };
  app.get('/quan-tri/chi-tieu/gui-ioc', async (req, reply) => {
    entryPolicy.requirePublish(req.actor);
    return deliveryPage(req, reply);
  });
  app.post('/quan-tri/chi-tieu/gui-ioc/:period/gui-lai', async (req, reply) => {
    const { period } = req.params as { period: string };
    if (!CODE_RE.test(period)) throw Errors.notFound('Kỳ báo cáo');
    try {
      await resendPeriod(commandContext(req, s), period);
    } catch (err) {
      const f = formErrors(err);
      return deliveryPage(req, reply, f.message || Object.values(f.errors).map((e) => e.vi).join(' '), f.status);
    }
    return reply.flash(req.lang === 'en' ? 'Queued for sending.' : `Đã đưa số liệu kỳ ${period} vào hàng đợi gửi cho IOC.`).redirect('/quan-tri/chi-tieu/gui-ioc');
  });
}
