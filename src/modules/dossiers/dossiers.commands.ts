import { transaction, type Executor, type Tx } from '../../core/db/index.js';
import type { CommandContext } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { findUser } from '../../core/identity/identity.repository.js';
import { queueMail } from '../../core/mail/mail.js';
import { currentAgency, listUnits } from '../../core/org/org.repository.js';
import { formatDateTimeVi, formatDateVi, nfc, vnIsoDate } from '../../core/validation.js';
import { findCurrentByCode, findVersion, type ProcedureWithVersion } from '../procedures/index.js';
import { allFields, followUpsOfStep, inPart, isShown, validateAnswers, type FormDefinition, type StepPart } from '../procedures/index.js';
import { formatDossierCode } from './dossiers.code.js';
import { dossierPolicy, requireApplicant } from './dossiers.policy.js';
import { renderReceipt } from './dossiers.receipt.js';
import { signingService } from '../../core/signing/index.js';
import { NOTICE_EVENT, renderNotice, type NoticeForm, type NoticeInput } from './dossiers.notices.js';
import * as repo from './dossiers.repository.js';
import { RATINGS, type Rating } from './dossiers.schema.js';
import { checkDailyBytes, checkOpenDrafts, checkSlot, checkUploadKey, recordUpload, replayUpload, uploadRequestHash } from './dossiers.uploads.js';

/** PDF, JPEG and PNG: what the National Public Service Portal accepts for scanned papers. */
export const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface Filing {
  dossier: repo.Dossier;
  proc: ProcedureWithVersion;
  def: FormDefinition;
}

const notFound = () => Errors.notFound('Hồ sơ');

/** The procedure version a dossier was filed under: never the current one, which may differ. */
export async function filingOf(db: Executor, dossier: repo.Dossier): Promise<Filing> {
  const proc = await findVersion(db, dossier.procedureVersionId);
  if (!proc) throw notFound();
  return { dossier, proc, def: proc.form as unknown as FormDefinition };
}

/** The applicant's own dossier; someone else's answers "not found" so ids cannot be probed. */
async function ownDossier(db: Executor, ctx: CommandContext, id: string, lock = false): Promise<repo.Dossier> {
  requireApplicant(ctx.actor);
  const d = lock ? await repo.lockDossier(db, id) : await repo.findDossier(db, id);
  if (!d || d.applicantId !== ctx.actor.userId) throw notFound();
  return d;
}

function requireDraft(d: repo.Dossier) {
  if (d.status !== 'draft') {
    throw new AppError('DOSSIER-102', 409, `Hồ sơ đã được nộp (mã ${d.code ?? ''}), không thể sửa.`, 'The dossier was submitted and cannot be changed.');
  }
}

/** A draft of the applicant, for the dossier pages (GET). */
export async function loadOwnDraft(ctx: CommandContext, id: string): Promise<Filing> {
  const d = await ownDossier(ctx.services.db, ctx, id);
  requireDraft(d);
  return filingOf(ctx.services.db, d);
}

/** A dossier the actor may read (applicant, or agency staff once submitted); otherwise not found. */
export async function viewDossier(ctx: CommandContext, ref: { id?: string; code?: string }): Promise<Filing> {
  if (ctx.actor.kind === 'anonymous') throw Errors.unauthenticated();
  const db = ctx.services.db;
  const d = ref.id ? await repo.findDossier(db, ref.id) : ref.code ? await repo.findByCode(db, ref.code) : undefined;
  if (!d || !dossierPolicy.canView(ctx.actor, d)) throw notFound();
  return filingOf(db, d);
}

async function prefillFor(db: Executor, userId: string, def: FormDefinition): Promise<Record<string, string>> {
  // Once-only (Decree 45/2020/NĐ-CP, Art. 4): what the account already knows is not asked again.
  const user = await findUser(db, userId);
  const answers: Record<string, string> = {};
  if (!user) return answers;
  const profile = { fullName: user.fullName, email: user.email, phone: user.phone ?? '' };
  for (const f of allFields(def)) if (f.prefill && profile[f.prefill]) answers[f.name] = nfc(profile[f.prefill]);
  return answers;
}

/** The applicant's newest draft of a procedure, if any: starting again asks whether to continue it. */
export async function findOwnDraft(ctx: CommandContext, procedureCode: string): Promise<repo.Dossier | undefined> {
  requireApplicant(ctx.actor);
  return repo.newestDraft(ctx.services.db, ctx.actor.userId, procedureCode);
}

/** startDraft: opens the newest draft of the procedure in force today, or a new one when `fresh`
 * (the applicant chose "Bắt đầu hồ sơ mới"; the older draft stays in "Hồ sơ của tôi"). */
export async function startDraft(ctx: CommandContext, procedureCode: string, opts: { fresh?: boolean } = {}): Promise<repo.Dossier> {
  requireApplicant(ctx.actor);
  const db = ctx.services.db;
  const proc = await findCurrentByCode(db, procedureCode, vnIsoDate());
  if (!proc) throw Errors.notFound('Thủ tục');
  const existing = opts.fresh ? undefined : await repo.newestDraft(db, ctx.actor.userId, proc.code);
  if (existing) return existing;
  const answers = await prefillFor(db, ctx.actor.userId, proc.form as unknown as FormDefinition);
  return transaction(ctx.services.pool, async (tx) => {
    await checkOpenDrafts(tx, ctx, ctx.actor.userId!);
    const d = await repo.insertDossier(tx, { procedureVersionId: proc.id, procedureCode: proc.code, applicantId: ctx.actor.userId!, answers });
    await writeAudit(tx, ctx, { action: 'dossier.create_draft', entity: 'dossier', entityId: d.id, summary: { procedureCode: proc.code, channel: 'online' } });
    return d;
  });
}

/** The posted values of one step as the form sent them (an unticked checkbox sends nothing). */
function postedStep(def: FormDefinition, stepIndex: number, input: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of def.steps[stepIndex]!.fields) out[f.name] = f.type === 'checkbox' ? (input[f.name] ? 'true' : '') : nfc(input[f.name] ?? '');
  return out;
}

/**
 * saveStep: "next" validates the step and moves on; "save" (Lưu và thoát) keeps whatever was typed,
 * valid or not, so the applicant can come back later — completeness is checked at submission.
 * Outcomes: the updated draft; CORE-100 with field errors; CORE-409 when another tab saved first.
 */
export async function saveStep(
  ctx: CommandContext,
  id: string,
  input: { step: number; version: number; values: Record<string, string>; mode: 'next' | 'save'; part?: StepPart },
) {
  const d = await ownDossier(ctx.services.db, ctx, id);
  requireDraft(d);
  const { def } = await filingOf(ctx.services.db, d);
  const stepIndex = input.step - 1;
  if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex >= def.steps.length) throw Errors.notFound('Bước');
  const part = input.part ?? 'all';
  const mine = inPart(def, stepIndex, part);
  const posted = Object.fromEntries(Object.entries(postedStep(def, stepIndex, input.values)).filter(([k]) => mine(def.steps[stepIndex]!.fields.find((f) => f.name === k)!)));
  const merged = { ...d.answers, ...posted };
  const { answers: clean, errors } = validateAnswers(def, merged, stepIndex, mine);
  if (input.mode === 'next' && Object.keys(errors).length) throw Errors.validation(errors);
  const next = { ...d.answers };
  for (const f of def.steps[stepIndex]!.fields) {
    // A follow-up whose condition no longer holds is dropped even when its page was not posted.
    if (!mine(f)) {
      if (!isShown(f, merged)) delete next[f.name];
      continue;
    }
    delete next[f.name];
    if (!isShown(f, merged)) continue;
    const v = clean[f.name] ?? (input.mode === 'save' ? posted[f.name] : '');
    if (v) next[f.name] = v;
  }
  const follow = followUpsOfStep(def, stepIndex);
  const followUpsPending = part === 'main' && def.steps[stepIndex]!.fields.some((f) => follow.has(f.name) && isShown(f, merged));
  const done = input.mode === 'next' && !followUpsPending;
  const currentStep = Math.max(d.currentStep, done ? input.step + 1 : input.step);
  const updated = await transaction(ctx.services.pool, async (tx) => {
    const row = await repo.updateDraft(tx, id, input.version, { answers: next, currentStep });
    if (!row) throw Errors.conflict();
    await writeAudit(tx, ctx, { action: 'dossier.save_step', entity: 'dossier', entityId: id, summary: { step: input.step, mode: input.mode, part } });
    return row;
  });
  return Object.assign(updated, { followUpsPending });
}

/** Stores a scan or an upload of a dossier: PDF/JPEG/PNG sniffed from the bytes, 10 MB at most,
 * within the account's daily quota (citizen uploads and desk scans alike). */
export async function storeDossierFile(tx: Tx, ctx: CommandContext, file: { data: Buffer; originalName: string }) {
  await checkDailyBytes(tx, ctx, file.data.length);
  return ctx.services.files.save(tx, { data: file.data, originalName: file.originalName, allowed: ALLOWED_TYPES, maxBytes: MAX_FILE_BYTES, createdBy: ctx.actor.userId });
}

export interface AttachResult {
  id: string;
  documentIndex: number;
  originalName: string;
  /** 201 a new file; 200 the same bytes were already in this document (kept once) */
  status: 200 | 201;
  /** true when an Idempotency-Key replayed the first answer */
  replayed: boolean;
}

/**
 * attachFile: one file for one required document. Each file has its own transaction, so a refused
 * file (type sniffed from the bytes, size, quota) leaves the draft and the other files as they
 * were. The same bytes sent again to the same document return the file already there; with an
 * Idempotency-Key the first answer is replayed for 24 h, and another request under it is a 422.
 */
export async function attachFile(
  ctx: CommandContext,
  id: string,
  documentIndex: number,
  file: { data: Buffer; originalName: string },
  opts: { idempotencyKey?: string } = {},
): Promise<AttachResult> {
  requireApplicant(ctx.actor);
  const accountId = ctx.actor.userId;
  const key = checkUploadKey(opts.idempotencyKey);
  const requestHash = uploadRequestHash({ dossierId: id, documentIndex, ...file });
  const attach = () =>
    transaction(ctx.services.pool, async (tx): Promise<AttachResult> => {
      const d = await ownDossier(tx, ctx, id, true);
      if (key) {
        const first = await replayUpload(tx, accountId, key, requestHash);
        if (first) return { id: first.body.id, documentIndex: first.body.documentIndex, originalName: first.body.name, status: first.status as 200 | 201, replayed: true };
      }
      requireDraft(d);
      const { proc } = await filingOf(tx, d);
      if (!Number.isInteger(documentIndex) || documentIndex < 0 || documentIndex >= proc.documents.length) {
        throw Errors.badRequest('Thành phần hồ sơ không tồn tại.', 'No such document.');
      }
      const slot = await checkSlot(tx, ctx, id, documentIndex, file.data);
      let result: AttachResult;
      if (slot.existing) {
        result = { id: slot.existing.id, documentIndex, originalName: slot.existing.originalName, status: 200, replayed: false };
      } else {
        const stored = await storeDossierFile(tx, ctx, file);
        // The name shown and sent back is the sanitised one: "../../x" must never become a path.
        const row = await repo.insertFile(tx, { dossierId: id, documentIndex, storedFileId: stored.id, originalName: stored.safeName });
        result = { id: row.id, documentIndex, originalName: row.originalName, status: 201, replayed: false };
        await writeAudit(tx, ctx, {
          action: 'dossier.attach',
          entity: 'dossier',
          entityId: id,
          summary: { documentIndex, fileId: row.id, contentType: stored.contentType, size: stored.size },
        });
      }
      if (key) await recordUpload(tx, accountId, key, requestHash, { status: result.status, body: { id: result.id, documentIndex, name: result.originalName } });
      return result;
    });
  try {
    return await attach();
  } catch (err) {
    // Two requests with one key on two dossiers: the loser reads the winner's answer (or its 422).
    if (key && err instanceof AppError && err.code === 'CORE-409') return attach();
    throw err;
  }
}

export async function removeFile(ctx: CommandContext, id: string, fileId: string) {
  requireApplicant(ctx.actor);
  await transaction(ctx.services.pool, async (tx) => {
    const d = await ownDossier(tx, ctx, id, true);
    requireDraft(d);
    const removed = await repo.deleteFile(tx, id, fileId);
    if (!removed) throw Errors.notFound('Tệp');
    await writeAudit(tx, ctx, { action: 'dossier.detach', entity: 'dossier', entityId: id, summary: { documentIndex: removed.documentIndex, fileId } });
  });
}

/** What still stops a draft from being submitted: invalid steps and documents without a file. */
export async function completeness(
  db: Executor,
  f: Filing,
): Promise<{ steps: { step: number; title: string; errors: FieldErrors }[]; missingDocuments: string[] }> {
  const steps = f.def.steps
    .map((s, i) => ({ step: i + 1, title: s.title, errors: validateAnswers(f.def, f.dossier.answers, i).errors }))
    .filter((s) => Object.keys(s.errors).length > 0);
  const missingDocuments: string[] = [];
  for (const [i, doc] of f.proc.documents.entries()) if ((await repo.countFiles(db, f.dossier.id, i)) === 0) missingDocuments.push(doc.name);
  return { steps, missingDocuments };
}

function incompleteError(c: Awaited<ReturnType<typeof completeness>>): AppError {
  const parts: string[] = [];
  for (const s of c.steps)
    parts.push(
      `Bước ${s.step} (${s.title}): ${Object.values(s.errors)
        .map((e) => e.vi.replace(/\.$/, ''))
        .join('; ')}.`,
    );
  if (c.missingDocuments.length) parts.push(`Chưa đính kèm: ${c.missingDocuments.map((n) => `“${n}”`).join(', ')}.`);
  const en = [...c.steps.map((s) => `step ${s.step}`), ...(c.missingDocuments.length ? [`${c.missingDocuments.length} document(s) without a file`] : [])].join(
    ', ',
  );
  return new AppError('DOSSIER-101', 400, `Hồ sơ chưa đầy đủ, chưa thể nộp. ${parts.join(' ')}`, `The dossier is incomplete: ${en}.`);
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return (e.code === '23505' && e.constraint === constraint) || (e.cause?.code === '23505' && e.cause.constraint === constraint);
}

function checkKey(key: string): string {
  const k = nfc(key);
  if (!k || k.length > 200) throw Errors.badRequest('Thiếu hoặc sai khóa chống gửi trùng (Idempotency-Key).', 'Missing or invalid Idempotency-Key.');
  return k;
}

/**
 * submitDossier: re-checks every step and document, then in one transaction gives the code
 * (gapless per agency per day), the appointment date, the timeline event, the audit row and the
 * receipt email. A retry with the same idempotency key returns the same dossier; another key on a
 * submitted dossier is a 409. `now` is for tests (a fixed day on the real calendar).
 */
export async function submitDossier(
  ctx: CommandContext,
  id: string,
  idempotencyKey: string,
  opts: { now?: Date } = {},
): Promise<{ dossier: repo.Dossier; replayed: boolean }> {
  requireApplicant(ctx.actor);
  const key = checkKey(idempotencyKey);
  const now = opts.now ?? new Date();
  const day = vnIsoDate(now);
  const first = await ownDossier(ctx.services.db, ctx, id);
  const { proc, def } = await filingOf(ctx.services.db, first);
  // Loaded before the transaction: a cold cache would query on a second pool connection while
  // this one holds the agency's sequence lock, which under load can exhaust the pool.
  const calendar = await ctx.services.calendar.calendar();
  // The receipt's appointment date. The statutory clock itself starts when the one-stop desk
  // accepts the dossier as valid (Decree 118/2025/NĐ-CP); the desk's "receive" recomputes it.
  const dueDate = calendar.addWorkingDays(day, proc.processingDays);
  try {
    return await transaction(ctx.services.pool, async (tx) => {
      const d = await ownDossier(tx, ctx, id, true);
      if (d.status !== 'draft') {
        if (d.idempotencyKey === key) return { dossier: d, replayed: true };
        throw new AppError(
          'DOSSIER-409',
          409,
          `Hồ sơ này đã được nộp trước đó (mã hồ sơ ${d.code ?? ''}). Không thể nộp lại lần nữa.`,
          'This dossier was already submitted.',
        );
      }
      const c = await completeness(tx, { dossier: d, proc, def });
      if (c.steps.length || c.missingDocuments.length) throw incompleteError(c);
      const answers = validateAnswers(def, d.answers).answers;
      const agency = await currentAgency(tx, day);
      if (!agency) throw new AppError('DOSSIER-500', 500, 'Chưa cấu hình cơ quan tiếp nhận hồ sơ.', 'No agency is configured.');
      const seq = await repo.nextSequence(tx, agency.code, day);
      const code = formatDossierCode(ctx.services.config.dossiers.codeFormat, { agency: agency.code, day, seq });
      const dossier = await repo.markSubmitted(tx, id, { code, answers, idempotencyKey: key, submittedAt: now, dueDate, status: 'submitted', procedureName: proc.name, unitCode: proc.unitCode });
      await repo.insertEvent(tx, { dossierId: id, at: now, actorId: ctx.actor.userId, kind: 'submitted', note: `Nộp hồ sơ trực tuyến, mã hồ sơ ${code}.` });
      const applicant = await findUser(tx, d.applicantId);
      if (applicant?.email) {
        const base = ctx.services.config.publicUrl;
        await queueMail(tx, ctx.services.jobs, {
          to: applicant.email,
          subject: `Đã nhận hồ sơ ${code}`,
          text: [
            `Kính gửi ${applicant.fullName},`,
            '',
            `Hệ thống đã nhận hồ sơ trực tuyến của Ông/Bà lúc ${formatDateTimeVi(now)}.`,
            `Thủ tục: ${proc.name}`,
            `Mã hồ sơ: ${code}`,
            `Ngày hẹn trả kết quả (dự kiến): ${formatDateVi(dueDate)}`,
            '',
            'Bộ phận một cửa sẽ kiểm tra tính hợp lệ của hồ sơ; thời hạn giải quyết được tính từ khi hồ sơ được tiếp nhận hợp lệ.',
            `Giấy tiếp nhận hồ sơ và hẹn trả kết quả: ${base}/ho-so/${id}/giay-tiep-nhan.pdf`,
            `Tra cứu tình trạng hồ sơ: ${base}/tra-cuu?ma=${encodeURIComponent(code)}`,
          ].join('\n'),
        });
      }
      await writeAudit(tx, ctx, { action: 'dossier.submit', entity: 'dossier', entityId: id, summary: { code, procedureCode: d.procedureCode, dueDate } });
      return { dossier, replayed: false };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'dossiers_idem_uq')) {
      throw new AppError('DOSSIER-410', 409, 'Khóa chống gửi trùng này đã được dùng cho một hồ sơ khác.', 'This Idempotency-Key was used for another dossier.');
    }
    throw err;
  }
}

/** API answers arrive as JSON values; the e-form works on strings (a ticked box is "true"). */
function answerStrings(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (typeof v === 'boolean') out[k] = v ? 'true' : '';
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = String(v);
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/**
 * createDraftFromApi: a draft with every answer checked (API clients send the whole form at once).
 * A retry with the same Idempotency-Key returns the same draft.
 */
export async function createDraftFromApi(ctx: CommandContext, input: { procedureCode: string; answers: Record<string, unknown>; idempotencyKey: string }) {
  requireApplicant(ctx.actor);
  const key = checkKey(input.idempotencyKey);
  const db = ctx.services.db;
  const userId = ctx.actor.userId;
  const replay = async () => {
    const existing = await repo.findByCreateKey(db, userId, key);
    if (existing && existing.procedureCode !== input.procedureCode) {
      throw new AppError(
        'DOSSIER-410',
        409,
        'Khóa chống gửi trùng này đã được dùng cho một yêu cầu khác.',
        'This Idempotency-Key was used for another request.',
      );
    }
    return existing;
  };
  const existing = await replay();
  if (existing) return { dossier: existing, replayed: true };
  const proc = await findCurrentByCode(db, input.procedureCode, vnIsoDate());
  if (!proc) throw Errors.notFound('Thủ tục');
  const def = proc.form as unknown as FormDefinition;
  const raw = answerStrings(input.answers);
  const known = new Set(allFields(def).map((f) => f.name));
  const { answers, errors } = validateAnswers(def, raw);
  for (const k of Object.keys(raw)) if (!known.has(k)) errors[k] ??= { vi: 'Trường này không có trong biểu mẫu của thủ tục.', en: 'Not a field of this form.' };
  if (Object.keys(errors).length) throw Errors.validation(errors);
  try {
    return await transaction(ctx.services.pool, async (tx) => {
      await checkOpenDrafts(tx, ctx, userId);
      const d = await repo.insertDossier(tx, {
        procedureVersionId: proc.id,
        procedureCode: proc.code,
        applicantId: userId,
        answers,
        createKey: key,
        currentStep: def.steps.length + 1,
      });
      await writeAudit(tx, ctx, { action: 'dossier.create_draft', entity: 'dossier', entityId: d.id, summary: { procedureCode: proc.code, channel: 'api' } });
      return { dossier: d, replayed: false };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'dossiers_create_key_uq')) {
      const again = await replay();
      if (again) return { dossier: again, replayed: true };
    }
    throw err;
  }
}

const digits = (s: string) => s.replace(/[\s.\-()]/g, '').replace(/^\+84/, '0');

/**
 * trackDossier: the public lookup. The code alone is not enough (codes are sequential, so guessable):
 * the applicant's phone or ID number must match too, and every mismatch looks like an unknown code.
 */
export async function trackDossier(db: Executor, code: string, contact: string): Promise<Filing | undefined> {
  const c = nfc(code);
  const who = digits(nfc(contact));
  if (!c || !who || c.length > 60 || who.length > 20) return undefined;
  const d = (await repo.findByCode(db, c)) ?? (await repo.findByCode(db, c.toUpperCase()));
  if (!d || d.status === 'draft') return undefined;
  const phone = digits(d.answers.phone ?? '');
  const idNumber = digits(d.answers.idNumber ?? '');
  if (who !== phone && who !== idNumber) return undefined;
  return filingOf(db, d);
}

/** The one-stop desk that receives the procedure: the unit of its workflow's first step. */
export async function receivingUnitName(db: Executor, proc: ProcedureWithVersion): Promise<string> {
  const code = proc.workflow[0]?.unitCode;
  const unit = code ? (await listUnits(db)).find((u) => u.code === code) : undefined;
  return unit ? `Bộ phận tiếp nhận và trả kết quả – ${unit.name}` : 'Bộ phận tiếp nhận và trả kết quả';
}

/** Form 01 for a submitted dossier the actor may read (applicant, or agency staff). */
export async function receiptPdf(ctx: CommandContext, ref: { id?: string; code?: string }, opts: { compress?: boolean } = {}) {
  const f = await viewDossier(ctx, ref);
  const d = f.dossier;
  if (d.status === 'draft' || !d.code || !d.submittedAt || !d.dueDate) throw notFound();
  const db = ctx.services.db;
  // The agency as it was named on the day of submission (agencies are records with validity dates).
  const agency = await currentAgency(db, vnIsoDate(d.submittedAt));
  const files = await repo.listFiles(db, d.id);
  const a = d.answers;
  const pdf = await renderReceipt(
    {
      agencyName: agency?.name ?? 'Sở Văn hóa, Thể thao và Du lịch',
      receivingUnit: 'Bộ phận tiếp nhận và trả kết quả',
      code: d.code,
      applicantName: a.fullName ?? '',
      idNumber: a.idNumber,
      organisationName: a.organisationName,
      address: a.address,
      phone: a.phone,
      email: a.email,
      procedureName: f.proc.name,
      documents: f.proc.documents.map((doc, i) => ({ ...doc, files: files.filter((x) => x.documentIndex === i).length })),
      processingDays: f.proc.processingDays,
      receivedAt: d.submittedAt,
      dueDate: d.dueDate,
      channel: d.channel,
      trackingUrl: `${ctx.services.config.publicUrl}/tra-cuu?ma=${encodeURIComponent(d.code)}`,
    },
    opts,
  );
  return { code: d.code, pdf };
}

/** Forms 02–05 for a dossier the actor may read, drawn from the event that issued the notice;
 * "not found" when that notice was never issued. */
export async function noticePdf(ctx: CommandContext, ref: { id?: string; code?: string }, form: NoticeForm, opts: { compress?: boolean } = {}) {
  const f = await viewDossier(ctx, ref);
  const d = f.dossier;
  const db = ctx.services.db;
  const event = (await repo.listEvents(db, d.id)).filter((e) => e.kind === NOTICE_EVENT[form]).at(-1);
  if (!event || !d.code) throw Errors.notFound('Văn bản');
  const agency = await currentAgency(db, vnIsoDate(event.at));
  const signer = event.actorId ? await findUser(db, event.actorId) : undefined;
  // The copy is signed for the time the notice was issued (the event), so every download is the
  // same document; without a usable certificate it says "not signed" instead (issue 18).
  const signing = signingService(ctx.services.config);
  const st = signing.status();
  const rendered = await renderNotice(
    {
      stamp: st.ready ? { certificateName: st.identity.name, signedAt: event.at, demo: st.identity.demo } : undefined,
      form,
      agencyName: agency?.name ?? 'Sở Văn hóa, Thể thao và Du lịch',
      issuerUnit: 'Bộ phận tiếp nhận và trả kết quả',
      code: d.code,
      applicantName: d.answers.fullName ?? '',
      procedureName: f.proc.name,
      issuedAt: event.at,
      // Form 04 is signed by the head of the agency (domain.md §1); the others by the desk officer.
      signerTitle: form === '04' ? 'Thủ trưởng cơ quan' : 'Người tiếp nhận hồ sơ',
      signerName: signer?.fullName ?? '',
      details: (event.details ?? {}) as NoticeInput['details'],
      receivedAt: d.receivedAt,
      trackingUrl: `${ctx.services.config.publicUrl}/tra-cuu?ma=${encodeURIComponent(d.code)}`,
    },
    opts,
  );
  const pdf = st.ready
    ? await signing.sign(rendered, { name: signer?.fullName || st.identity.name, reason: `Mau so ${form} ho so ${d.code}`, location: agency?.name ?? '', signingTime: event.at })
    : rendered;
  return { code: d.code, pdf };
}

export const RATING_LABELS: Record<Rating, string> = { very_satisfied: 'Rất hài lòng', satisfied: 'Hài lòng', not_satisfied: 'Không hài lòng' };

/**
 * rateDossier (issue 3 part 6): once, by the applicant, after the result. The officers who handled
 * the dossier see only counts; the audit row records that a rating was given, not which.
 */
export async function rateDossier(ctx: CommandContext, id: string, input: { rating: string; comment?: string }) {
  requireApplicant(ctx.actor);
  const d = await repo.findDossier(ctx.services.db, id);
  if (!d || d.applicantId !== ctx.actor.userId) throw notFound();
  if (d.status !== 'returned') throw new AppError('DOSSIER-210', 409, 'Chỉ đánh giá được khi hồ sơ đã có kết quả.', 'Only a finished dossier can be rated.');
  const comment = nfc(input.comment ?? '').trim();
  const errors: FieldErrors = {};
  if (!(RATINGS as readonly string[]).includes(input.rating)) errors.rating = { vi: 'Vui lòng chọn mức độ hài lòng.', en: 'Choose a rating.' };
  if (comment.length > 2000) errors.comment = { vi: 'Góp ý tối đa 2.000 ký tự.', en: 'At most 2,000 characters.' };
  if (Object.keys(errors).length) throw Errors.validation(errors);
  await transaction(ctx.services.pool, async (tx) => {
    const inserted = await repo.insertRating(tx, { dossierId: id, rating: input.rating as Rating, comment: comment || null });
    if (!inserted) throw new AppError('DOSSIER-209', 409, 'Bạn đã đánh giá hồ sơ này.', 'This dossier has already been rated.');
    await repo.setRating(tx, id, input.rating as Rating);
    await writeAudit(tx, ctx, { action: 'dossier.rate', entity: 'dossier', entityId: id, summary: { code: d.code } });
  });
}

export const findRating = repo.findRating;

/** The API's status lookup by code: the applicant, or agency staff; anyone else gets "not found". */
export async function lookupDossier(ctx: CommandContext, code: string) {
  if (ctx.actor.kind === 'anonymous') throw Errors.unauthenticated();
  const d = await repo.lookupByCode(ctx.services.pool, code);
  if (!d || !dossierPolicy.canView(ctx.actor, d)) throw notFound();
  const procedureName = d.procedureName ?? (await findVersion(ctx.services.db, d.procedureVersionId))?.name ?? d.procedureCode;
  const { applicantId: _a, procedureVersionId: _v, ...rest } = d;
  return { ...rest, procedureName, events: d.status === 'draft' ? [] : d.events };
}
