import { excel } from '../../core/xlsx.js';
import QRCode from 'qrcode';
import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext } from '../../core/context.js';
import { transaction, type Executor } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import { currentAgency } from '../../core/org/org.repository.js';
import { findUser } from '../../core/identity/identity.repository.js';
import { signingService } from '../../core/signing/index.js';
import { renderReceipt } from './payments.receipt.js';
import type { GatewayEvent } from './gateway.js';
import { camt053Rows, isCamt053 } from './camt053.js';
import { Check, nfc, vnIsoDate } from '../../core/validation.js';
import { dossierForFees, dossiersByCodes, recordFeeEvent, recordFeeEvents } from '../dossiers/index.js';
import { findVersion, type Fee } from '../procedures/index.js';
import { paymentsPolicy } from './payments.policy.js';
import * as repo from './payments.repository.js';
import { codeFinder, parseCsv, readStatement, reconcile, sha256, type FeeDue, type ReconciledLine } from './reconcile.js';
import { dossierMemo, vietQrPayload } from './vietqr.js';

// One formatter per process: building one per call cost ~0.1 ms, i.e. seconds for a 10,000-line statement.
const VND = new Intl.NumberFormat('vi-VN');
const vnd = (n: number) => `${VND.format(n)} đồng`;

/**
 * The fee lines that apply to a dossier: lines without conditions always, tiered lines when every
 * condition holds on the answers (area, number of rooms…). Exemptions are claimed and checked by
 * the desk, never assumed, so they do not lower the amount here.
 */
export function applicableFees(fees: Fee[], answers: Record<string, string>): Fee[] {
  return fees.filter((f) =>
    (f.when ?? []).every((c) => {
      const v = answers[c.field] ?? '';
      if (c.in && !c.in.includes(v)) return false;
      const n = Number(v);
      if (c.min !== undefined && !(n >= c.min)) return false;
      if (c.max !== undefined && !(n <= c.max)) return false;
      return true;
    }),
  );
}
export const totalFee = (fees: Fee[], answers: Record<string, string> = {}) => applicableFees(fees, answers).reduce((s, f) => s + f.amount, 0);

async function versionFees(db: Executor, cache: Map<string, Fee[]>, versionId: string) {
  let f = cache.get(versionId);
  if (!f) {
    f = (await findVersion(db, versionId))?.fees ?? [];
    cache.set(versionId, f);
  }
  return f;
}

export type FeeState = 'none' | 'unpaid' | 'partial' | 'paid';

/** What a dossier owes and has paid (net of refunds). */
export async function feeSummary(db: Executor, dossierId: string) {
  const d = await dossierForFees(db, dossierId);
  if (!d) throw Errors.notFound('Hồ sơ');
  const all = await versionFees(db, new Map(), d.procedureVersionId);
  const fees = applicableFees(all, d.answers);
  const total = fees.reduce((n, f) => n + f.amount, 0);
  const paid = ((await repo.paidByDossier(db, [d.id])).get(d.id) ?? 0) - (await repo.refundedByDossier(db, d.id));
  const state: FeeState = total === 0 ? 'none' : paid >= total ? 'paid' : paid > 0 ? 'partial' : 'unpaid';
  return { dossier: d, fees, total, paid, due: Math.max(0, total - paid), state, payments: await repo.paymentsOf(db, d.id) };
}

export const FEE_STATE_LABELS: Record<FeeState, string> = { none: 'Không thu phí', unpaid: 'Chưa nộp phí', partial: 'Đã nộp một phần', paid: 'Đã nộp phí' };

/** The VietQR for what is still due, for the applicant (or the desk): image, text, account. */
export async function paymentInstructions(ctx: CommandContext, dossierId: string) {
  const s = await feeSummary(ctx.services.db, dossierId);
  const a = ctx.actor;
  if (s.dossier.applicantId !== a.userId && !paymentsPolicy.canManage(a) && a.kind !== 'staff') throw Errors.notFound('Hồ sơ');
  const account = await repo.accountOn(ctx.services.db, vnIsoDate());
  const memo = s.dossier.code ? dossierMemo(s.dossier.code) : undefined;
  if (!account || !memo || s.due === 0) return { ...s, account, qr: undefined, memoTooLong: !!s.dossier.code && !memo };
  const payload = vietQrPayload({ bankBin: account.bankBin, accountNumber: account.accountNumber, amount: s.due, memo });
  const png = await QRCode.toBuffer(payload, { type: 'png', margin: 2, width: 320, errorCorrectionLevel: 'M' });
  return { ...s, account, qr: { payload, memo, dataUrl: `data:image/png;base64,${png.toString('base64')}` }, memoTooLong: false };
}

async function rowsOf(fileName: string, data: Buffer): Promise<string[][]> {
  if (isCamt053(data)) {
    const rows = camt053Rows(data);
    if ('error' in rows) throw new AppError('FEE-100', 400, rows.error, 'Not a readable camt.053 statement.');
    return rows;
  }
  if (data.subarray(0, 2).toString('latin1') === 'PK') {
    const wb = new (await excel()).Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) return [];
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (c, col) => {
        const v = c.value instanceof Date ? c.value.toISOString().slice(0, 10) : c.text;
        cells[col - 1] = String(v ?? '');
      });
      rows.push(Array.from(cells, (c) => c ?? ''));
    });
    return rows;
  }
  if (/\.xls$/i.test(fileName)) return [];
  return parseCsv(data.toString('utf8'));
}

export interface ImportReport {
  statementId: string;
  alreadyImported: boolean;
  lines: ReconciledLine[];
  counts: Record<string, number>;
}

/**
 * Imports a bank or Treasury statement (CSV/XLSX): all or nothing. An unknown format or an
 * unreadable line rejects the whole file with every problem named (FEE-101); otherwise every line
 * is classified, payments are recorded for the lines that name a dossier (matched, under-, over-
 * paid), the dossier's timeline says so, and one audit row covers the import. The same file twice
 * (same SHA-256) or a transaction already recorded (unique bank id) changes nothing.
 */
export async function importStatement(ctx: CommandContext, input: { fileName: string; data: Buffer }): Promise<ImportReport> {
  paymentsPolicy.requireManage(ctx.actor);
  const db = ctx.services.db;
  const sha = sha256(input.data);
  const before = await repo.findStatementBySha(db, sha);
  if (before) return { statementId: before.id, alreadyImported: true, lines: [], counts: {} };
  const read = readStatement(await rowsOf(input.fileName, input.data));
  if (read.format) throw new AppError('FEE-100', 400, read.format, 'Unknown statement format.');
  if (read.problems.length) {
    throw new AppError('FEE-101', 400, `Sao kê có ${read.problems.length} dòng không đọc được; chưa ghi nhận dòng nào. ${read.problems.map((p) => p.vi).join(' ')}`, 'Statement has unreadable lines.', {
      file: { vi: read.problems.map((p) => p.vi).join(' '), en: 'Unreadable lines.' },
    });
  }
  const agency = await currentAgency(db, vnIsoDate());
  const find = codeFinder(ctx.services.config.dossiers.codeFormat, agency?.code ? [agency.code] : []);
  const codes = [...new Set(read.lines.flatMap((l) => find(l.memo)))];
  const found = await dossiersByCodes(db, codes);
  const paid = await repo.paidByDossier(
    db,
    found.map((d) => d.id),
  );
  const cache = new Map<string, Fee[]>();
  const dues = new Map<string, FeeDue>();
  for (const d of found) {
    const total = totalFee(await versionFees(db, cache, d.procedureVersionId), d.answers);
    if (total > 0 && d.code) dues.set(d.code, { dossierId: d.id, code: d.code, due: total - (paid.get(d.id) ?? 0) });
  }
  const seen = await repo.knownTxnIds(
    db,
    read.lines.map((l) => l.txnId),
  );
  const lines = reconcile(read.lines, find, dues, seen);
  const counts: Record<string, number> = {};
  for (const l of lines) counts[l.outcome] = (counts[l.outcome] ?? 0) + 1;
  const statementId = await transaction(ctx.services.pool, async (tx) => {
    const st = await repo.insertStatement(tx, {
      sha256: sha,
      fileName: nfc(input.fileName).slice(0, 200),
      importedBy: ctx.actor.userId,
      lineCount: lines.length,
      report: lines.map((l) => ({ line: l.line, outcome: l.outcome, vi: l.vi })),
    });
    if (!st) throw new AppError('FEE-102', 409, 'Sao kê này vừa được nhập.', 'This statement was just imported.');
    const recorded = lines.filter((l) => l.dossierId && (l.outcome === 'matched' || l.outcome === 'underpaid' || l.outcome === 'overpaid'));
    await repo.insertPayments(
      tx,
      recorded.map((l) => ({ dossierId: l.dossierId!, amount: l.amount, method: 'bank' as const, bankTxnId: l.txnId, statementId: st.id, paidOn: l.date, memo: nfc(l.memo).slice(0, 500), recordedBy: ctx.actor.userId })),
    );
    await recordFeeEvents(
      tx,
      recorded.map((l) => ({
        dossierId: l.dossierId!,
        kind: l.outcome === 'underpaid' ? 'fee_part_paid' : 'fee_paid',
        note:
          l.outcome === 'underpaid'
            ? `Đã nhận ${vnd(l.amount)} qua chuyển khoản (còn thiếu ${vnd(l.expected! - l.amount)}).`
            : `Đã nộp phí, lệ phí: ${vnd(l.amount)} qua chuyển khoản ngày ${l.date.split('-').reverse().join('/')}${l.outcome === 'overpaid' ? ` (nộp thừa ${vnd(l.amount - l.expected!)}, sẽ hoàn trả)` : ''}.`,
        actorId: ctx.actor.userId,
        details: { txnId: l.txnId, amount: l.amount },
      })),
    );
    await writeAudit(tx, ctx, { action: 'fee.import_statement', entity: 'fee_statement', entityId: st.id, summary: { sha256: sha, lines: lines.length, counts } });
    return st.id;
  });
  return { statementId, alreadyImported: false, lines, counts };
}

/** Cash at the desk: recorded with a receipt number, on the timeline, audited. */
export async function recordCashPayment(ctx: CommandContext, dossierId: string, input: { amount: string | number }) {
  paymentsPolicy.requireManage(ctx.actor);
  const check = new Check();
  const amount = Number(String(input.amount).replace(/[.\s]/g, ''));
  if (!Number.isSafeInteger(amount) || amount <= 0) check.add('amount', 'Số tiền phải là số nguyên dương (đồng).', 'Amount must be a positive whole number.');
  check.throwIfAny();
  const s = await feeSummary(ctx.services.db, dossierId);
  const receiptNo = `BL-${vnIsoDate().replace(/-/g, '')}-${Date.now().toString(36).toUpperCase()}`;
  const paymentId = await transaction(ctx.services.pool, async (tx) => {
    const { id } = await repo.insertPayment(tx, { dossierId, amount, method: 'cash', paidOn: vnIsoDate(), receiptNo, recordedBy: ctx.actor.userId });
    await recordFeeEvent(tx, {
      dossierId,
      kind: amount >= s.due ? 'fee_paid' : 'fee_part_paid',
      note: `Đã nộp ${vnd(amount)} tiền mặt tại Bộ phận một cửa (biên lai ${receiptNo}).`,
      actorId: ctx.actor.userId,
      details: { receiptNo, amount },
    });
    await writeAudit(tx, ctx, { action: 'fee.cash', entity: 'dossier', entityId: dossierId, summary: { amount, receiptNo } });
    return id;
  });
  return { paymentId, receiptNo, amount };
}

/** A refund (over-payment, a stopped dossier): amount and reason are required. */
export async function recordRefund(ctx: CommandContext, dossierId: string, input: { amount: string | number; reason: string }) {
  paymentsPolicy.requireManage(ctx.actor);
  const check = new Check();
  const amount = Number(String(input.amount).replace(/[.\s]/g, ''));
  const reason = nfc(input.reason ?? '').trim();
  if (!Number.isSafeInteger(amount) || amount <= 0) check.add('amount', 'Số tiền phải là số nguyên dương (đồng).', 'Amount must be a positive whole number.');
  if (!reason) check.add('reason', 'Vui lòng ghi lý do hoàn trả.', 'Give the reason for the refund.');
  check.throwIfAny();
  const s = await feeSummary(ctx.services.db, dossierId);
  if (amount > s.paid) throw new AppError('FEE-103', 409, `Số tiền hoàn (${vnd(amount)}) lớn hơn số đã nộp (${vnd(s.paid)}).`, 'Refund exceeds what was paid.');
  await transaction(ctx.services.pool, async (tx) => {
    await repo.insertRefund(tx, { dossierId, amount, reason, recordedBy: ctx.actor.userId });
    await recordFeeEvent(tx, { dossierId, kind: 'fee_refunded', note: `Hoàn trả ${vnd(amount)}. Lý do: ${reason}`, actorId: ctx.actor.userId, details: { amount } });
    await writeAudit(tx, ctx, { action: 'fee.refund', entity: 'dossier', entityId: dossierId, summary: { amount, reason } });
  });
}

/** The staff's view of one dossier's fees: what is due, every payment (with its receipt) and refund. */
export async function feeDesk(ctx: CommandContext, dossierId: string) {
  paymentsPolicy.requireManage(ctx.actor);
  const s = await feeSummary(ctx.services.db, dossierId);
  return { ...s, refunds: await repo.refundsOf(ctx.services.db, dossierId) };
}

/** The dossier a code names (the desk types or scans it), for the fee page. */
export async function dossierIdByCode(ctx: CommandContext, code: string): Promise<string | undefined> {
  paymentsPolicy.requireManage(ctx.actor);
  const c = nfc(code).trim().toUpperCase();
  if (!c || c.length > 80) return undefined;
  return (await dossiersByCodes(ctx.services.db, [c]))[0]?.id;
}

/**
 * The receipt PDF of a payment, for the desk (fee permission) or the dossier's applicant. Signed
 * with the agency's certificate when signing is available; otherwise it says it is unsigned
 * (a receipt is an acknowledgement, not a result: it is not withheld).
 */
export async function receiptPdf(ctx: CommandContext, paymentId: string): Promise<{ fileName: string; pdf: Buffer }> {
  const db = ctx.services.db;
  const p = await repo.findPayment(db, paymentId);
  if (!p) throw Errors.notFound('Biên lai');
  const s = await feeSummary(db, p.dossierId);
  if (!paymentsPolicy.canManage(ctx.actor) && s.dossier.applicantId !== ctx.actor.userId) throw Errors.notFound('Biên lai');
  const version = await findVersion(db, s.dossier.procedureVersionId);
  const agency = await currentAgency(db, vnIsoDate());
  const collector = p.recordedBy ? await findUser(db, p.recordedBy) : undefined;
  const signing = signingService(ctx.services.config);
  const st = signing.status();
  const issuedAt = p.createdAt;
  const receiptNo = p.receiptNo ?? p.bankTxnId ?? p.id.slice(0, 8).toUpperCase();
  const rendered = await renderReceipt({
    agencyName: agency?.name ?? 'Sở Văn hóa, Thể thao và Du lịch',
    receiptNo,
    code: s.dossier.code ?? '',
    payerName: s.dossier.answers.fullName ?? '',
    procedureName: version?.name ?? '',
    feeNames: s.fees.map((f) => f.name),
    amount: p.amount,
    method: p.method,
    paidOn: p.paidOn,
    collectorName: collector?.fullName ?? '',
    issuedAt,
    stamp: st.ready ? { certificateName: st.identity.name, signedAt: issuedAt, demo: st.identity.demo } : undefined,
  });
  const pdf = st.ready
    ? await signing.sign(rendered, { name: collector?.fullName || st.identity.name, reason: `Bien lai ${receiptNo} ho so ${s.dossier.code ?? ''}`, location: agency?.name ?? '', signingTime: issuedAt })
    : rendered;
  return { fileName: `bien-lai-${receiptNo}.pdf`, pdf };
}

export type GatewayOutcome = 'matched' | 'underpaid' | 'overpaid' | 'already_paid' | 'unknown_code';

/**
 * A gateway's notification, already verified by its adapter: recorded once per (gateway, event)
 * — a retry gets the first answer with `duplicate: true` and changes nothing. A known dossier gets
 * the payment, its timeline entry and the audit row in one transaction; an unknown code is kept
 * (outcome unknown_code) for the reconciliation officer, with nothing applied.
 */
export async function recordGatewayPayment(ctx: CommandContext, gateway: string, e: GatewayEvent): Promise<{ outcome: GatewayOutcome; duplicate: boolean; dossierId?: string }> {
  const db = ctx.services.db;
  const prior = await repo.findGatewayEvent(db, gateway, e.eventId);
  if (prior) return { outcome: prior.outcome as GatewayOutcome, duplicate: true, dossierId: prior.dossierId ?? undefined };
  const d = (await dossiersByCodes(db, [e.dossierCode.trim().toUpperCase()]))[0];
  const total = d ? totalFee(await versionFees(db, new Map(), d.procedureVersionId), d.answers) : 0;
  const paid = d ? ((await repo.paidByDossier(db, [d.id])).get(d.id) ?? 0) - (await repo.refundedByDossier(db, d.id)) : 0;
  const due = total - paid;
  const outcome: GatewayOutcome = !d || total === 0 ? 'unknown_code' : due <= 0 ? 'already_paid' : e.amount === due ? 'matched' : e.amount < due ? 'underpaid' : 'overpaid';
  return transaction(ctx.services.pool, async (tx) => {
    const claimed = await repo.claimGatewayEvent(tx, { gateway, eventId: e.eventId, dossierId: d?.id ?? null, amount: e.amount, outcome });
    if (!claimed) {
      const again = (await repo.findGatewayEvent(tx, gateway, e.eventId))!;
      return { outcome: again.outcome as GatewayOutcome, duplicate: true, dossierId: again.dossierId ?? undefined };
    }
    if (d && outcome !== 'unknown_code') {
      await repo.insertPayments(tx, [{ dossierId: d.id, amount: e.amount, method: 'gateway', bankTxnId: `${gateway}:${e.eventId}`, paidOn: e.paidOn, memo: nfc(e.reference).slice(0, 500) }]);
      await recordFeeEvent(tx, {
        dossierId: d.id,
        kind: outcome === 'underpaid' ? 'fee_part_paid' : 'fee_paid',
        note:
          outcome === 'underpaid'
            ? `Đã nhận ${vnd(e.amount)} qua cổng thanh toán (còn thiếu ${vnd(due - e.amount)}).`
            : `Đã nộp phí, lệ phí: ${vnd(e.amount)} qua cổng thanh toán ngày ${e.paidOn.split('-').reverse().join('/')} (mã giao dịch ${e.reference}).${outcome === 'overpaid' ? ` Nộp thừa ${vnd(e.amount - due)}, sẽ hoàn trả.` : outcome === 'already_paid' ? ' Hồ sơ đã nộp đủ trước đó; khoản này sẽ được hoàn trả.' : ''}`,
        details: { gateway, eventId: e.eventId, amount: e.amount },
      });
    }
    await writeAudit(tx, ctx, { action: 'fee.gateway', entity: 'dossier', entityId: d?.id ?? e.dossierCode, summary: { gateway, eventId: e.eventId, amount: e.amount, outcome } });
    return { outcome, duplicate: false, dossierId: d?.id };
  });
}

/** The policy, for the API routes (one import). */
export { paymentsPolicy as paymentsPolicyForApi };
