import { transaction } from '../../core/db/index.js';
import type { CommandContext } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { requirePermission } from '../../core/auth/actor.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { findStoredFiles, type StoredFile } from '../../core/files/files.js';
import { provisionCitizen, provisionedEmail } from '../../core/identity/identity.commands.js';
import { findUserByEmail } from '../../core/identity/identity.repository.js';
import { queueMail } from '../../core/mail/mail.js';
import { currentAgency } from '../../core/org/org.repository.js';
import { formatDateVi, nfc, vnIsoDate } from '../../core/validation.js';
import { allFields, findCurrentByCode, validateAnswers, type FormDefinition } from '../procedures/index.js';
import { clockStartDay, formatDossierCode } from './dossiers.code.js';
import { storeDossierFile } from './dossiers.commands.js';
import { DOSSIER_RECEIVE } from './dossiers.policy.js';
import * as repo from './dossiers.repository.js';

/**
 * Desk intake (issue 3 part 8): an officer of the one-stop desk files a dossier for a citizen who
 * came in person, with scans of the papers. A complete dossier handed in at the desk is received
 * at once (Decree 118/2025/NĐ-CP): the code, the due date and the clock start now, and it counts as
 * "at the desk" in the statistics.
 *
 * Files arrive with the form. A file the form could not keep (the answers had an error) is stored
 * first and comes back as a kept file id, so the officer never scans twice.
 */

export interface DeskFile {
  documentIndex: number;
  storedFileId: string;
}

/** Stores one scan for a desk form (its own transaction: a refused file loses nothing else). */
export async function storeDeskScan(ctx: CommandContext, file: { data: Buffer; originalName: string }): Promise<StoredFile> {
  requirePermission(ctx.actor, DOSSIER_RECEIVE);
  return transaction(ctx.services.pool, async (tx) => {
    const stored = await storeDossierFile(tx, ctx, file);
    await writeAudit(tx, ctx, { action: 'dossier.desk_scan', entity: 'stored_file', entityId: stored.id, summary: { contentType: stored.contentType, size: stored.size } });
    return stored;
  });
}

/** The kept scans of the officer, by id (another officer's file ids are ignored). */
export async function keptScans(ctx: CommandContext, files: DeskFile[]): Promise<(DeskFile & { name: string })[]> {
  const found = await findStoredFiles(
    ctx.services.db,
    files.map((f) => f.storedFileId),
  );
  return files.flatMap((f) => {
    const s = found.get(f.storedFileId);
    return s && s.createdBy === ctx.actor.userId ? [{ ...f, name: s.safeName }] : [];
  });
}

export async function deskIntake(
  ctx: CommandContext,
  input: { procedureCode: string; answers: Record<string, string>; files: DeskFile[]; idempotencyKey: string },
  opts: { now?: Date } = {},
): Promise<{ dossier: repo.Dossier; replayed: boolean }> {
  requirePermission(ctx.actor, DOSSIER_RECEIVE);
  const now = opts.now ?? new Date();
  const day = vnIsoDate(now);
  const key = nfc(input.idempotencyKey);
  if (!/^[A-Za-z0-9-]{8,80}$/.test(key)) throw Errors.badRequest('Thiếu hoặc sai khóa chống gửi trùng.', 'Missing or invalid idempotency key.');
  const proc = await findCurrentByCode(ctx.services.db, input.procedureCode, day);
  if (!proc) throw Errors.notFound('Thủ tục');
  const def = proc.form as unknown as FormDefinition;
  // A form sent twice (double click, refresh after a slow answer) returns the dossier it made.
  const known = await findUserByEmail(ctx.services.db, provisionedEmail({ email: nfc(input.answers.email ?? ''), placeholderKey: key }));
  const prior = known ? await repo.findByIdempotencyKey(ctx.services.db, known.id, `desk:${key}`) : undefined;
  if (prior) return { dossier: prior, replayed: true };
  const posted: Record<string, string> = {};
  for (const f of allFields(def)) posted[f.name] = f.type === 'checkbox' ? (input.answers[f.name] ? 'true' : '') : nfc(input.answers[f.name] ?? '');
  const { answers, errors } = validateAnswers(def, posted);
  const kept = await keptScans(ctx, input.files);
  const missing: FieldErrors = {};
  for (const [i, doc] of proc.documents.entries()) {
    if (!kept.some((f) => f.documentIndex === i)) missing[`file_${i}`] = { vi: `Chưa có bản quét của “${doc.name}”.`, en: `No scan of “${doc.name}”.` };
  }
  if (Object.keys(errors).length || Object.keys(missing).length) throw Errors.validation({ ...errors, ...missing });
  const calendar = await ctx.services.calendar.calendar();
  const dueDate = calendar.addWorkingDays(clockStartDay(calendar, now, ctx.services.config.dossiers.afternoonCutoff), proc.processingDays);

  return transaction(ctx.services.pool, async (tx) => {
    const applicant = await provisionCitizen(tx, ctx, { fullName: answers.fullName ?? '', email: answers.email, phone: answers.phone, placeholderKey: key });
    const deskKey = `desk:${key}`;
    const existing = await repo.findByIdempotencyKey(tx, applicant.id, deskKey);
    if (existing) return { dossier: existing, replayed: true };
    const agency = await currentAgency(tx, day);
    if (!agency) throw new AppError('DOSSIER-500', 500, 'Chưa cấu hình cơ quan tiếp nhận hồ sơ.', 'No agency is configured.');
    const seq = await repo.nextSequence(tx, agency.code, day);
    const code = formatDossierCode(ctx.services.config.dossiers.codeFormat, { agency: agency.code, day, seq });
    const dossier = await repo.insertDossier(tx, {
      code,
      procedureVersionId: proc.id,
      procedureCode: proc.code,
      procedureName: proc.name,
      unitCode: proc.unitCode,
      applicantId: applicant.id,
      status: 'received',
      channel: 'desk',
      answers,
      currentStep: def.steps.length + 1,
      idempotencyKey: deskKey,
      submittedAt: now,
      receivedAt: now,
      dueDate,
      workflowStep: 0,
      stepRole: proc.workflow[0]?.role ?? null,
      stepStartedAt: now,
    });
    for (const f of kept) await repo.insertFile(tx, { dossierId: dossier.id, documentIndex: f.documentIndex, storedFileId: f.storedFileId, originalName: f.name });
    await repo.insertEvent(tx, {
      dossierId: dossier.id,
      at: now,
      actorId: ctx.actor.userId,
      kind: 'desk_received',
      note: `Tiếp nhận hồ sơ tại Bộ phận một cửa, mã hồ sơ ${code}; hạn giải quyết ${formatDateVi(dueDate)}.`,
      toStep: proc.workflow[0]?.step ?? null,
    });
    if (answers.email) {
      await queueMail(tx, ctx.services.jobs, {
        to: applicant.email,
        subject: `Đã tiếp nhận hồ sơ ${code}`,
        text: [
          `Kính gửi ${applicant.fullName},`,
          '',
          `Bộ phận tiếp nhận và trả kết quả đã tiếp nhận hồ sơ của Ông/Bà: ${proc.name}.`,
          `Mã hồ sơ: ${code}. Ngày hẹn trả kết quả: ${formatDateVi(dueDate)}.`,
          `Tra cứu tình trạng hồ sơ: ${ctx.services.config.publicUrl}/tra-cuu?ma=${encodeURIComponent(code)}`,
        ].join('\n'),
      });
    }
    await writeAudit(tx, ctx, {
      action: 'dossier.desk_intake',
      entity: 'dossier',
      entityId: dossier.id,
      summary: { code, procedureCode: proc.code, dueDate, files: kept.length },
    });
    return { dossier, replayed: false };
  });
}
