import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/index.js';
import type { CommandContext } from '../../core/context.js';
import { AppError, Errors } from '../../core/errors.js';
import { bytesStoredSince, cleanFileName } from '../../core/files/files.js';
import { nfc, vnIsoDate } from '../../core/validation.js';
import * as repo from './dossiers.repository.js';

/**
 * Upload quotas, one copy per file and Idempotency-Key (issue 9 finding 6). An outside test made
 * 30 drafts in half a second and put 20 × 10 MiB into one document; three retried uploads kept
 * three copies. The limits are per account and configurable (QUOTA_*, README), and every check
 * runs under a lock so that parallel requests cannot each see "room for one more".
 */

const mib = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MB`;

/** Serialises one account's quota checks for the rest of the transaction (two namespaces: drafts
 * and bytes, so a draft being opened never waits for an upload). */
async function lockAccount(tx: Tx, what: 'drafts' | 'bytes', accountId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`vanhien:quota:${what}:${accountId}`}, 0))`);
}

/** Refuses a new draft when the applicant already has the allowed number of open ones. */
export async function checkOpenDrafts(tx: Tx, ctx: CommandContext, applicantId: string) {
  await lockAccount(tx, 'drafts', applicantId);
  const max = ctx.services.config.quotas.openDrafts;
  if ((await repo.countOpenDrafts(tx, applicantId)) >= max) {
    throw new AppError(
      'DOSSIER-105',
      409,
      `Bạn đang có ${max} hồ sơ nháp chưa nộp, là số tối đa. Vui lòng nộp hoặc xóa bớt hồ sơ nháp tại mục "Hồ sơ của tôi" trước khi tạo hồ sơ mới.`,
      `You already have ${max} unsubmitted drafts, the maximum. Submit or delete one in "My dossiers" first.`,
    );
  }
}

/** The account's bytes of today (Vietnam time) plus this file must stay under the daily quota. */
export async function checkDailyBytes(tx: Tx, ctx: CommandContext, size: number) {
  const accountId = ctx.actor.userId;
  if (!accountId) return;
  await lockAccount(tx, 'bytes', accountId);
  const max = ctx.services.config.quotas.bytesPerDay;
  const midnight = new Date(`${vnIsoDate()}T00:00:00+07:00`);
  const used = await bytesStoredSince(tx, accountId, midnight);
  if (used + size > max) {
    throw new AppError(
      'DOSSIER-107',
      429,
      `Tài khoản đã tải lên ${mib(used)} hôm nay; mỗi ngày được tải lên tối đa ${mib(max)}. Vui lòng tải tiếp vào ngày mai${ctx.actor.kind === 'citizen' ? ' hoặc nộp hồ sơ giấy tại Bộ phận một cửa' : ' hoặc đề nghị quản trị hệ thống nâng hạn mức (QUOTA_BYTES_PER_DAY)'}.`,
      `This account uploaded ${mib(used)} today; the daily limit is ${mib(max)}. Continue tomorrow.`,
    );
  }
}

/**
 * Before a file joins one document of a dossier (the dossier row is locked by the caller): the
 * same bytes already there come back instead of a second copy; otherwise the per-document count
 * and the per-dossier bytes must leave room for it.
 */
export async function checkSlot(tx: Tx, ctx: CommandContext, dossierId: string, documentIndex: number, data: Buffer): Promise<{ existing?: repo.AttachedFile; sha256: string }> {
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  const slot = await repo.listSlotFiles(tx, dossierId, documentIndex);
  const same = slot.find((f) => f.sha256 === sha256);
  if (same) return { existing: await repo.findFile(tx, dossierId, same.id), sha256 };
  const q = ctx.services.config.quotas;
  if (slot.length >= q.filesPerDocument) {
    throw new AppError(
      'DOSSIER-104',
      400,
      `Mỗi thành phần hồ sơ có tối đa ${q.filesPerDocument} tệp. Vui lòng xóa bớt tệp hoặc gộp các trang vào một tệp PDF.`,
      `At most ${q.filesPerDocument} files per document.`,
    );
  }
  const used = (await repo.listFiles(tx, dossierId)).reduce((n, f) => n + f.size, 0);
  if (used + data.length > q.bytesPerDossier) {
    throw new AppError(
      'DOSSIER-106',
      413,
      `Tổng dung lượng tệp của một hồ sơ tối đa ${mib(q.bytesPerDossier)} (đã dùng ${mib(used)}). Vui lòng giảm độ phân giải bản quét hoặc xóa bớt tệp.`,
      `The files of one dossier may total ${mib(q.bytesPerDossier)} (${mib(used)} used).`,
    );
  }
  return { sha256 };
}

export interface UploadAnswer {
  status: number;
  body: { id: string; documentIndex: number; name: string };
}

/** What identifies an upload request: same dossier, same document, same bytes, same name. */
export function uploadRequestHash(input: { dossierId: string; documentIndex: number; data: Buffer; originalName: string }): string {
  return crypto
    .createHash('sha256')
    .update(`${input.dossierId}\n${input.documentIndex}\n${cleanFileName(input.originalName)}\n`)
    .update(input.data)
    .digest('hex');
}

/** The Idempotency-Key header (RFC draft "The Idempotency-Key HTTP Header Field"): 1–200 visible characters. */
export function checkUploadKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = nfc(raw);
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw Errors.badRequest('Khóa chống gửi trùng (Idempotency-Key) phải có 1–200 ký tự ASCII in được.', 'Idempotency-Key must be 1–200 printable ASCII characters.');
  }
  return key;
}

/** The answer recorded under this key for this account, if the key was used in the last 24 h;
 * a different request under the same key is refused (422). */
export async function replayUpload(tx: Tx, accountId: string, key: string, requestHash: string): Promise<UploadAnswer | undefined> {
  const row = await repo.findUploadKey(tx, accountId, key);
  if (!row) return undefined;
  if (row.requestHash !== requestHash) {
    throw new AppError(
      'DOSSIER-411',
      422,
      'Khóa chống gửi trùng (Idempotency-Key) này đã được dùng cho một yêu cầu tải tệp khác. Mỗi yêu cầu mới cần một khóa mới.',
      'This Idempotency-Key was used for a different upload request; use a new key for a new request.',
    );
  }
  return { status: row.status, body: row.response as UploadAnswer['body'] };
}

export async function recordUpload(tx: Tx, accountId: string, key: string, requestHash: string, answer: UploadAnswer) {
  const saved = await repo.saveUploadKey(tx, { accountId, key, requestHash, status: answer.status, response: answer.body });
  // Another request with this key committed first (it held another dossier's lock): this one is
  // rolled back and the caller reads that answer instead.
  if (!saved) throw Errors.conflict();
}
