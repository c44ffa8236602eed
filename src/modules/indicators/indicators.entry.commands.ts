import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext, Services } from '../../core/context.js';
import { transaction, type Tx } from '../../core/db/index.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { pagesChanged } from '../../core/web/page-cache.js';
import { Check, nfc } from '../../core/validation.js';
import { buildRows, type CleanValue, type EntryRow, parseNumberVi, type RowError, type RowInput, validateEntries } from './indicators.entry.model.js';
import { entryPolicy } from './indicators.entry.policy.js';
import * as repo from './indicators.entry.repository.js';
import { publishComputedOfPeriod } from './indicators.repository.js';
import { queuePush } from './indicators.push.js';
import { queueAlertEvaluation } from './indicators.alerts.js';
import { readTemplate, rowErrorsToProblems, XlsxImportError } from './indicators.xlsx.js';

/** Everything the entry pages and commands need about one unit's report for one period. */
export async function loadUnitReport(s: Services, periodCode: string, unitCode: string) {
  const period = await repo.findPeriod(s.db, periodCode);
  if (!period) throw Errors.notFound('Kỳ báo cáo');
  const units = await repo.unitNames(s.db);
  const unit = units.get(unitCode);
  if (!unit) throw Errors.notFound('Đơn vị');
  const defs = await repo.enteredDefinitions(s.db, period, unitCode);
  const dimValues = await repo.dimensionValues(s.db, [...new Set(defs.flatMap((d) => d.dimensions))], period.endsOn);
  const rows = buildRows(defs, dimValues);
  const codes = defs.map((d) => d.code);
  const [report, observations, previous, revisions] = await Promise.all([
    repo.findReport(s.db, periodCode, unitCode),
    repo.observationsOf(s.db, periodCode, codes),
    repo.lastPublished(s.db, codes, period.startsOn),
    repo.revisionsOf(s.db, periodCode, codes),
  ]);
  const current = new Map(observations.map((o) => [`${o.indicatorCode}|${o.dimsKey}`, o]));
  return { period, unit: { code: unitCode, ...unit }, defs, dimValues, rows, report, current, previous, revisions };
}
export type UnitReport = Awaited<ReturnType<typeof loadUnitReport>>;

/** Form field names: by row position, the hidden `k-i` carries the row's key. */
export const fieldName = (e: Pick<RowError, 'field'>, index: number) => `${e.field === 'comment' ? 'c' : 'v'}-${index}`;

const EDITABLE = new Set(['draft', 'returned']);

function requireEditable(r: repo.Report | undefined, periodStatus: string) {
  if (periodStatus === 'published') {
    throw new AppError('IND-121', 409, 'Kỳ báo cáo đã công bố; số liệu chỉ được sửa bằng đính chính (ghi rõ lý do).', 'The period is published; use a correction.');
  }
  if (r && !EDITABLE.has(r.status)) {
    throw new AppError(
      'IND-120',
      409,
      r.status === 'submitted' ? 'Báo cáo đã gửi lãnh đạo đơn vị duyệt, không sửa được nữa. Đề nghị lãnh đạo trả lại nếu cần sửa.' : 'Báo cáo đã được duyệt, không sửa được nữa.',
      'The report is no longer editable.',
    );
  }
}

async function writeValues(tx: Tx, ctx: CommandContext, ur: UnitReport, report: repo.Report, values: CleanValue[]) {
  return repo.upsertDraftObservations(
    tx,
    values.map((v) => ({
      indicatorCode: v.row.def.code,
      periodCode: ur.period.code,
      dimsKey: v.row.dimsKey,
      dims: v.row.dims,
      value: String(v.value),
      comment: v.comment,
      reportId: report.id,
      updatedBy: ctx.actor.userId,
    })),
  );
}

async function moveToSubmitted(tx: Tx, ctx: CommandContext, ur: UnitReport, report: repo.Report) {
  const updated = await repo.updateReport(tx, report.id, report.version, { status: 'submitted', submittedBy: ctx.actor.userId, submittedAt: new Date(), returnReason: null });
  if (!updated) throw Errors.conflict();
  await repo.setObservationStatus(tx, ur.period.code, ur.defs.map((d) => d.code), 'submitted', report.id);
  return updated;
}

/**
 * saveEntries: the unit's officer saves the form (every row at once). Empty rows are removed
 * from the draft; `submit` also requires every total and sends the report to the unit's leader.
 * Outcomes: the report; CORE-100 with one error per field (keys `v-i`/`c-i`); IND-120/121; CORE-409.
 */
export async function saveEntries(ctx: CommandContext, periodCode: string, unitCode: string, inputs: Map<string, RowInput>, opts: { submit: boolean; version?: number }) {
  const ur = await loadUnitReport(ctx.services, periodCode, unitCode);
  entryPolicy.requireEnter(ctx.actor, ur.unit.id);
  requireEditable(ur.report, ur.period.status);
  const { values, errors } = validateEntries(ur.rows, inputs, ur.previous, { complete: opts.submit });
  if (errors.length) {
    const index = new Map(ur.rows.map((r, i) => [r.key, i]));
    const fields: FieldErrors = {};
    for (const e of errors) fields[fieldName(e, index.get(e.key)!)] ??= { vi: e.vi, en: e.en };
    throw Errors.validation(fields);
  }
  const out = await transaction(ctx.services.pool, async (tx) => {
    let report = await repo.ensureReport(tx, periodCode, unitCode);
    requireEditable(report, ur.period.status);
    if (opts.version !== undefined && ur.report && report.version !== opts.version) throw Errors.conflict();
    const saved = await writeValues(tx, ctx, ur, report, values);
    await repo.deleteDraftObservations(
      tx,
      report.id,
      periodCode,
      values.map((v) => ({ indicatorCode: v.row.def.code, dimsKey: v.row.dimsKey })),
      ur.defs.map((d) => d.code),
    );
    if (opts.submit) report = await moveToSubmitted(tx, ctx, ur, report);
    await writeAudit(tx, ctx, {
      action: opts.submit ? 'indicators.submit' : 'indicators.save',
      entity: 'indicator_report',
      entityId: report.id,
      summary: { period: periodCode, unit: unitCode, values: saved, status: report.status },
    });
    return report;
  });
  return out;
}

/**
 * importXlsx: the unit's filled template. Every problem of the file (columns, codes, areas, values)
 * is listed with its row and column and nothing is saved; otherwise the rows in the file replace
 * the draft's values for those rows (rows deleted from the file are left as they were).
 * Outcomes: { report, saved }; IND-110 (XlsxImportError with `problems`); IND-120/121.
 */
export async function importXlsx(ctx: CommandContext, periodCode: string, unitCode: string, data: Buffer) {
  const ur = await loadUnitReport(ctx.services, periodCode, unitCode);
  entryPolicy.requireEnter(ctx.actor, ur.unit.id);
  requireEditable(ur.report, ur.period.status);
  const { inputs, rowOf, problems } = await readTemplate(data, { unitCode, periodCode, rows: ur.rows, dimValues: ur.dimValues });
  if (problems.length) throw new XlsxImportError(problems);
  const present: EntryRow[] = ur.rows.filter((r) => rowOf.has(r.key));
  if (!present.length) {
    throw new XlsxImportError([{ row: 0, column: '', vi: 'Tệp không có dòng số liệu nào của báo cáo này.', en: 'The file has no rows of this report.' }]);
  }
  const { values, errors } = validateEntries(present, inputs, ur.previous, { complete: true });
  if (errors.length) throw new XlsxImportError(rowErrorsToProblems(errors, rowOf).sort((a, b) => a.row - b.row));
  return transaction(ctx.services.pool, async (tx) => {
    const report = await repo.ensureReport(tx, periodCode, unitCode);
    requireEditable(report, ur.period.status);
    const saved = await writeValues(tx, ctx, ur, report, values);
    await writeAudit(tx, ctx, {
      action: 'indicators.import_xlsx',
      entity: 'indicator_report',
      entityId: report.id,
      summary: { period: periodCode, unit: unitCode, rows: present.length, values: saved, bytes: data.length },
    });
    return { report, saved };
  });
}

/** submitReport: send the saved draft to the unit's leader; every total must have a value. */
export async function submitReport(ctx: CommandContext, periodCode: string, unitCode: string, version: number) {
  const ur = await loadUnitReport(ctx.services, periodCode, unitCode);
  entryPolicy.requireEnter(ctx.actor, ur.unit.id);
  requireEditable(ur.report, ur.period.status);
  const missing = ur.rows.filter((r) => r.required && !ur.current.has(r.key));
  if (missing.length) {
    const index = new Map(ur.rows.map((r, i) => [r.key, i]));
    const fields: FieldErrors = {};
    for (const r of missing) fields[`v-${index.get(r.key)}`] = { vi: `${r.def.code} (${r.label}): vui lòng nhập giá trị trước khi gửi.`, en: `${r.def.code}: enter a value before submitting.` };
    throw Errors.validation(fields);
  }
  return transaction(ctx.services.pool, async (tx) => {
    const report = await repo.ensureReport(tx, periodCode, unitCode);
    requireEditable(report, ur.period.status);
    if (report.version !== version) throw Errors.conflict();
    const updated = await moveToSubmitted(tx, ctx, ur, report);
    await writeAudit(tx, ctx, { action: 'indicators.submit', entity: 'indicator_report', entityId: report.id, summary: { period: periodCode, unit: unitCode, before: { status: report.status }, after: { status: 'submitted' } } });
    return updated;
  });
}

async function loadForDecision(ctx: CommandContext, tx: Tx, reportId: string, version: number, from: string) {
  const report = await repo.findReportById(tx, reportId);
  if (!report) throw Errors.notFound('Báo cáo');
  if (report.version !== version) throw Errors.conflict();
  if (report.status !== from) {
    throw new AppError('IND-122', 409, `Báo cáo đang ở trạng thái “${REPORT_STATUS_VI[report.status]}”, không thực hiện được thao tác này.`, `The report is ${report.status}.`);
  }
  const period = await repo.lockPeriod(tx, report.periodCode);
  const defs = await repo.enteredDefinitions(tx, period!, report.unitCode);
  void ctx;
  return { report, period: period!, codes: defs.map((d) => d.code) };
}

export const REPORT_STATUS_VI: Record<repo.Report['status'] | 'missing', string> = {
  missing: 'Chưa nhập',
  draft: 'Đang nhập',
  submitted: 'Chờ lãnh đạo đơn vị duyệt',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt, chờ công bố',
  published: 'Đã công bố',
};

async function unitIdOfReport(s: Services, reportId: string) {
  const r = await repo.findReportById(s.db, reportId);
  if (!r) throw Errors.notFound('Báo cáo');
  return { report: r, unitId: (await repo.unitNames(s.db)).get(r.unitCode)?.id };
}

/** approveReport: the unit's leader approves the submitted figures. */
export async function approveReport(ctx: CommandContext, reportId: string, version: number) {
  const { unitId } = await unitIdOfReport(ctx.services, reportId);
  entryPolicy.requireApprove(ctx.actor, unitId);
  return transaction(ctx.services.pool, async (tx) => {
    const { report, period, codes } = await loadForDecision(ctx, tx, reportId, version, 'submitted');
    const updated = await repo.updateReport(tx, report.id, report.version, { status: 'approved', approvedBy: ctx.actor.userId, approvedAt: new Date() });
    if (!updated) throw Errors.conflict();
    await repo.setObservationStatus(tx, period.code, codes, 'approved');
    await writeAudit(tx, ctx, { action: 'indicators.approve', entity: 'indicator_report', entityId: report.id, summary: { period: period.code, unit: report.unitCode, before: { status: 'submitted' }, after: { status: 'approved' } } });
    return updated;
  });
}

/** returnReport: the unit's leader sends the figures back to the officer with a reason. */
export async function returnReport(ctx: CommandContext, reportId: string, version: number, reasonRaw: unknown) {
  const { unitId } = await unitIdOfReport(ctx.services, reportId);
  entryPolicy.requireApprove(ctx.actor, unitId);
  const reason = nfc(reasonRaw);
  new Check().required('reason', reason, 'lý do trả lại', 'the reason').maxLength('reason', reason, 1000, 'Lý do').throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const { report, period, codes } = await loadForDecision(ctx, tx, reportId, version, 'submitted');
    const updated = await repo.updateReport(tx, report.id, report.version, { status: 'returned', returnReason: reason });
    if (!updated) throw Errors.conflict();
    await repo.setObservationStatus(tx, period.code, codes, 'draft');
    await writeAudit(tx, ctx, { action: 'indicators.return', entity: 'indicator_report', entityId: report.id, summary: { period: period.code, unit: report.unitCode, reason, after: { status: 'returned' } } });
    return updated;
  });
}

/**
 * publishReport: the department publishes an approved report. Its values become public; when every
 * unit of the period has published, the period is published too (with the computed and device
 * values). Either way the period's published data is pushed to the IOC (when configured).
 * Outcomes: { report, periodPublished, delivery }.
 */
export async function publishReport(ctx: CommandContext, reportId: string, version: number) {
  entryPolicy.requirePublish(ctx.actor);
  const out = await transaction(ctx.services.pool, async (tx) => {
    const { report, period, codes } = await loadForDecision(ctx, tx, reportId, version, 'approved');
    const now = new Date();
    const updated = await repo.updateReport(tx, report.id, report.version, { status: 'published', publishedBy: ctx.actor.userId, publishedAt: now });
    if (!updated) throw Errors.conflict();
    const published = await repo.setObservationStatus(tx, period.code, codes, 'published');
    const [units, reports] = await Promise.all([repo.unitsOfPeriod(tx, period), repo.reportsOfPeriod(tx, period.code)]);
    const done = new Set(reports.filter((r) => r.status === 'published').map((r) => r.unitCode));
    const complete = units.every((u) => done.has(u));
    let current = period;
    if (complete && period.status !== 'published') {
      await publishComputedOfPeriod(tx, period.code);
      current = (await repo.markPeriodPublished(tx, period.code, now)) ?? period;
    }
    const delivery = await queuePush(tx, ctx.services, { period: current, trigger: complete ? 'period' : 'report', unitCode: report.unitCode, userId: ctx.actor.userId, at: now });
    // Alerts run when the publication commits, not at the next daily pass: a completed period also
    // published its computed and device values, so every rule is evaluated then.
    await queueAlertEvaluation(tx, ctx.services, complete ? undefined : codes);
    await writeAudit(tx, ctx, {
      action: 'indicators.publish',
      entity: 'indicator_report',
      entityId: report.id,
      summary: { period: period.code, unit: report.unitCode, values: published, periodPublished: complete, delivery: delivery?.id ?? null },
    });
    return { report: updated, periodPublished: complete, delivery };
  });
  await pagesChanged(ctx.services);
  return out;
}

/**
 * correctValue: a published value is corrected with a reason; the old value stays readable in
 * indicator_revisions and the revision number goes up; the IOC receives the corrected period.
 */
export async function correctValue(ctx: CommandContext, input: { period: string; indicator: string; dimsKey: string; value: unknown; reason: unknown }) {
  entryPolicy.requirePublish(ctx.actor);
  const reason = nfc(input.reason);
  const raw = typeof input.value === 'number' ? input.value : parseNumberVi(String(input.value ?? ''));
  const check = new Check().required('reason', reason, 'lý do đính chính', 'the reason').maxLength('reason', reason, 1000, 'Lý do');
  if (raw === undefined) check.add('value', 'Vui lòng nhập giá trị mới là một số, ví dụ 1.234 hoặc 12,5.', 'Enter the new value as a number.');
  check.throwIfAny();
  const out = await transaction(ctx.services.pool, async (tx) => {
    const o = await repo.findObservation(tx, input.indicator, input.period, input.dimsKey);
    if (!o) throw Errors.notFound('Số liệu');
    if (o.status !== 'published') {
      throw new AppError('IND-123', 409, 'Chỉ đính chính số liệu đã công bố; số liệu chưa công bố được sửa trong báo cáo của đơn vị.', 'Only published values are corrected.');
    }
    const [def] = await repo.definitionsByCode(tx, [o.indicatorCode]);
    const row: EntryRow = { key: `${o.indicatorCode}|${o.dimsKey}`, def: def!, dims: o.dims, dimsKey: o.dimsKey, label: o.dimsKey || 'Tổng số', required: true };
    const v = validateEntries([row], new Map([[row.key, { value: raw, comment: reason }]]), new Map(), { complete: true });
    if (v.errors.length) throw Errors.validation({ value: { vi: v.errors[0]!.vi, en: v.errors[0]!.en } });
    if (Number(o.value) === raw) throw Errors.validation({ value: { vi: 'Giá trị mới trùng với giá trị đã công bố.', en: 'The new value equals the published one.' } });
    const updated = await repo.correctObservation(tx, o, String(raw), reason, ctx.actor.userId, new Date());
    const period = await repo.findPeriod(tx, input.period);
    const delivery = await queuePush(tx, ctx.services, { period: period!, trigger: 'correction', userId: ctx.actor.userId });
    await queueAlertEvaluation(tx, ctx.services, [o.indicatorCode]);
    await writeAudit(tx, ctx, {
      action: 'indicators.correct',
      entity: 'indicator_observation',
      entityId: String(o.id),
      summary: { indicator: o.indicatorCode, period: o.periodCode, dims: o.dimsKey, before: { value: o.value, revision: o.revision }, after: { value: String(raw), revision: updated.revision }, reason, delivery: delivery?.id ?? null },
    });
    return updated;
  });
  await pagesChanged(ctx.services);
  return out;
}
