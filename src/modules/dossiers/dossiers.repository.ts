import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import type pg from 'pg';
import { findStoredFiles } from '../../core/files/files.js';
import { dossierCodeSequences, dossierEvents, dossierFiles, dossierNotes, dossierRatings, dossierReminders, dossierResults, dossiers, type DossierStatus } from './dossiers.schema.js';
import { dossierUploadKeys } from './dossiers.schema.js';

export type Dossier = typeof dossiers.$inferSelect;
export type DossierEvent = typeof dossierEvents.$inferSelect;

export async function findDossier(db: Executor, id: string): Promise<Dossier | undefined> {
  return (await db.select().from(dossiers).where(eq(dossiers.id, id)))[0];
}

/** Row lock for the rest of the transaction: submit and attach serialise on the dossier, so no
 * file can slip in after the submission counted them. */
export async function lockDossier(db: Executor, id: string): Promise<Dossier | undefined> {
  return (await db.select().from(dossiers).where(eq(dossiers.id, id)).for('update'))[0];
}

export async function findByCode(db: Executor, code: string): Promise<Dossier | undefined> {
  return (await db.select().from(dossiers).where(eq(dossiers.code, code)))[0];
}

export async function findByCreateKey(db: Executor, applicantId: string, key: string): Promise<Dossier | undefined> {
  return (
    await db
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.applicantId, applicantId), eq(dossiers.createKey, key)))
  )[0];
}

export async function findByIdempotencyKey(db: Executor, applicantId: string, key: string): Promise<Dossier | undefined> {
  return (
    await db
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.applicantId, applicantId), eq(dossiers.idempotencyKey, key)))
  )[0];
}

export async function newestDraft(db: Executor, applicantId: string, procedureCode: string): Promise<Dossier | undefined> {
  return (
    await db
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.applicantId, applicantId), eq(dossiers.procedureCode, procedureCode), eq(dossiers.status, 'draft')))
      .orderBy(desc(dossiers.updatedAt))
      .limit(1)
  )[0];
}

export const listForApplicant = (db: Executor, applicantId: string) =>
  db.select().from(dossiers).where(eq(dossiers.applicantId, applicantId)).orderBy(desc(dossiers.updatedAt)).limit(200);

export async function insertDossier(db: Executor, values: typeof dossiers.$inferInsert): Promise<Dossier> {
  return (await db.insert(dossiers).values(values).returning())[0]!;
}

/** Optimistic locking: applies only to the draft version the applicant's form was made from. */
export async function updateDraft(db: Executor, id: string, version: number, set: { answers: Record<string, string>; currentStep: number }) {
  return (
    await db
      .update(dossiers)
      .set({ ...set, version: sql`${dossiers.version} + 1`, updatedAt: new Date() })
      .where(and(eq(dossiers.id, id), eq(dossiers.version, version), eq(dossiers.status, 'draft')))
      .returning()
  )[0];
}

export async function markSubmitted(
  db: Executor,
  id: string,
  set: { code: string; answers: Record<string, string>; idempotencyKey: string; submittedAt: Date; dueDate: string; status: DossierStatus; procedureName: string; unitCode: string },
) {
  return (
    await db
      .update(dossiers)
      .set({ ...set, version: sql`${dossiers.version} + 1`, updatedAt: set.submittedAt })
      .where(and(eq(dossiers.id, id), eq(dossiers.status, 'draft')))
      .returning()
  )[0]!;
}

/**
 * The next number of the agency's daily sequence. The upsert takes the row lock until the
 * transaction ends, so concurrent submissions queue here: each gets last + 1, and a rollback
 * gives its number back (gapless, which a PostgreSQL SEQUENCE cannot promise).
 */
export async function nextSequence(db: Executor, agencyCode: string, day: string): Promise<number> {
  const res = await db
    .insert(dossierCodeSequences)
    .values({ agencyCode, day, last: 1 })
    .onConflictDoUpdate({ target: [dossierCodeSequences.agencyCode, dossierCodeSequences.day], set: { last: sql`${dossierCodeSequences.last} + 1` } })
    .returning({ last: dossierCodeSequences.last });
  return res[0]!.last;
}

export interface AttachedFile {
  id: string;
  documentIndex: number;
  originalName: string;
  storedFileId: string;
  storageKey: string;
  safeName: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

async function withStoredMetadata(db: Executor, rows: (typeof dossierFiles.$inferSelect)[]): Promise<AttachedFile[]> {
  const stored = await findStoredFiles(
    db,
    rows.map((r) => r.storedFileId),
  );
  return rows.flatMap((r) => {
    const f = stored.get(r.storedFileId);
    return f
      ? [{ id: r.id, documentIndex: r.documentIndex, originalName: r.originalName, storedFileId: r.storedFileId, storageKey: f.storageKey, safeName: f.safeName, contentType: f.contentType, size: f.size, createdAt: r.createdAt }]
      : [];
  });
}

export async function listFiles(db: Executor, dossierId: string): Promise<AttachedFile[]> {
  const rows = await db.select().from(dossierFiles).where(eq(dossierFiles.dossierId, dossierId)).orderBy(asc(dossierFiles.documentIndex), asc(dossierFiles.createdAt));
  return withStoredMetadata(db, rows);
}

export async function findFile(db: Executor, dossierId: string, fileId: string): Promise<AttachedFile | undefined> {
  const rows = await db.select().from(dossierFiles).where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.id, fileId)));
  return (await withStoredMetadata(db, rows))[0];
}

export async function insertFile(db: Executor, values: typeof dossierFiles.$inferInsert) {
  return (await db.insert(dossierFiles).values(values).returning())[0]!;
}

export async function deleteFile(db: Executor, dossierId: string, fileId: string) {
  return (
    await db
      .delete(dossierFiles)
      .where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.id, fileId)))
      .returning()
  )[0];
}

export async function countFiles(db: Executor, dossierId: string, documentIndex: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(dossierFiles)
    .where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.documentIndex, documentIndex)));
  return Number(row?.n ?? 0);
}

export async function insertEvent(db: Executor, values: typeof dossierEvents.$inferInsert) {
  await db.insert(dossierEvents).values(values);
}

export const listEvents = (db: Executor, dossierId: string) =>
  db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, dossierId)).orderBy(asc(dossierEvents.at), asc(dossierEvents.id));

export const countByStatus = async (db: Executor, status: DossierStatus) =>
  Number((await db.select({ n: sql<number>`count(*)::int` }).from(dossiers).where(eq(dossiers.status, status)))[0]?.n ?? 0);

/** One state change with optimistic locking: applies only to the version and status the officer
 * saw; `undefined` when someone else changed the dossier meanwhile. */
export async function transitionDossier(
  db: Executor,
  p: { id: string; version: number; fromStatus: DossierStatus; toStatus: DossierStatus; set: Partial<typeof dossiers.$inferInsert>; now: Date },
) {
  return (
    await db
      .update(dossiers)
      .set({ ...p.set, status: p.toStatus, version: sql`${dossiers.version} + 1`, updatedAt: p.now })
      .where(and(eq(dossiers.id, p.id), eq(dossiers.version, p.version), eq(dossiers.status, p.fromStatus)))
      .returning()
  )[0];
}

export async function insertResult(db: Executor, values: typeof dossierResults.$inferInsert) {
  await db.insert(dossierResults).values(values);
}

export async function findResult(db: Executor, resultId: string) {
  return (await db.select().from(dossierResults).where(eq(dossierResults.id, resultId)))[0];
}

export async function resultOfDossier(db: Executor, dossierId: string) {
  return (await db.select().from(dossierResults).where(eq(dossierResults.dossierId, dossierId)))[0];
}

export async function insertRating(db: Executor, values: typeof dossierRatings.$inferInsert): Promise<boolean> {
  const rows = await db.insert(dossierRatings).values(values).onConflictDoNothing().returning({ id: dossierRatings.dossierId });
  return rows.length === 1;
}

export async function findRating(db: Executor, dossierId: string) {
  return (await db.select().from(dossierRatings).where(eq(dossierRatings.dossierId, dossierId)))[0];
}

/** Open dossiers whose clock runs and whose due date is at most `until` (reminder candidates). */
export function reminderCandidates(db: Executor, until: string) {
  return db
    .select()
    .from(dossiers)
    .where(and(inArray(dossiers.status, ['received', 'processing', 'approved']), isNull(dossiers.pausedAt), lte(dossiers.dueDate, until)))
    .orderBy(asc(dossiers.dueDate))
    .limit(5000);
}

/** Records a reminder; false when this one (dossier, kind, due date) was already sent. */
export async function recordReminder(db: Executor, values: typeof dossierReminders.$inferInsert): Promise<boolean> {
  const rows = await db.insert(dossierReminders).values(values).onConflictDoNothing().returning({ id: dossierReminders.dossierId });
  return rows.length === 1;
}

/** Staff listing for the API: by status, procedure and submission period, in submission order
 * (keyset after `after`), within the actor's units. */
export function listForStaff(
  db: Executor,
  f: { status?: DossierStatus; procedureCode?: string; start?: Date; end?: Date; unitCodes?: string[]; limit: number; after?: { submittedAt: Date; id: string } },
) {
  const where = [sql`${dossiers.status} <> 'draft'`];
  if (f.status) where.push(eq(dossiers.status, f.status));
  if (f.procedureCode) where.push(eq(dossiers.procedureCode, f.procedureCode));
  if (f.start) where.push(sql`${dossiers.submittedAt} >= ${f.start}`);
  if (f.end) where.push(sql`${dossiers.submittedAt} < ${f.end}`);
  if (f.unitCodes) where.push(f.unitCodes.length ? inArray(dossiers.unitCode, f.unitCodes) : sql`false`);
  if (f.after) where.push(sql`(${dossiers.submittedAt}, ${dossiers.id}) > (${f.after.submittedAt}, ${f.after.id}::uuid)`);
  return db
    .select()
    .from(dossiers)
    .where(and(...where))
    .orderBy(asc(dossiers.submittedAt), asc(dossiers.id))
    .limit(f.limit);
}

export interface DossierLookup {
  id: string;
  code: string;
  status: DossierStatus;
  applicantId: string;
  procedureVersionId: string;
  procedureCode: string;
  procedureName: string | null;
  channel: string;
  submittedAt: string | null;
  dueDate: string | null;
  events: { at: string; kind: string; note: string | null }[];
}

/**
 * The status lookup by code (the hot read of the API): the dossier and its timeline in one named
 * prepared statement, no e-form answers, no ORM mapping (measured in bench/dossiers.ts).
 */
export async function lookupByCode(pool: pg.Pool, code: string): Promise<DossierLookup | undefined> {
  const res = await pool.query<DossierLookup>({
    name: 'vh_dossier_lookup',
    text: `SELECT d.id, d.code, d.status, d.applicant_id AS "applicantId", d.procedure_version_id AS "procedureVersionId",
        d.procedure_code AS "procedureCode", d.procedure_name AS "procedureName", d.channel,
        to_json(d.submitted_at)#>>'{}' AS "submittedAt", d.due_date::text AS "dueDate",
        coalesce((SELECT json_agg(json_build_object('at', e.at, 'kind', e.kind, 'note', e.note) ORDER BY e.at, e.id)
                  FROM dossier_events e WHERE e.dossier_id = d.id), '[]') AS events
      FROM dossiers d WHERE d.code = $1`,
    values: [code],
  });
  return res.rows[0];
}

export async function insertNote(db: Executor, values: typeof dossierNotes.$inferInsert) {
  return (await db.insert(dossierNotes).values(values).returning())[0]!;
}

export const listNotes = (db: Executor, dossierId: string) =>
  db.select().from(dossierNotes).where(eq(dossierNotes.dossierId, dossierId)).orderBy(asc(dossierNotes.at), asc(dossierNotes.id));

/** The rating copied onto the dossier, for the statistics (ADR 009). */
export async function setRating(db: Executor, id: string, rating: (typeof dossierRatings.$inferInsert)['rating']) {
  await db.update(dossiers).set({ rating }).where(eq(dossiers.id, id));
}

export interface SyncRow {
  eventId: number;
  at: Date;
  kind: string;
  code: string;
  procedureCode: string;
  procedureName: string | null;
  unitCode: string | null;
  channel: string;
  status: DossierStatus;
  applicantName: string;
  submittedAt: Date | null;
  receivedAt: Date | null;
  dueDate: string | null;
  finishedAt: Date | null;
}

/** Timeline events after `since` (their bigserial id is the cursor), with their dossier. */
export async function eventsSince(pool: pg.Pool, since: number, limit: number): Promise<SyncRow[]> {
  const res = await pool.query<SyncRow>({
    name: 'vh_dossier_sync',
    text: `SELECT e.id::int AS "eventId", e.at, e.kind, d.code, d.procedure_code AS "procedureCode", d.procedure_name AS "procedureName",
        d.unit_code AS "unitCode", d.channel, d.status, coalesce(d.answers->>'fullName', '') AS "applicantName",
        d.submitted_at AS "submittedAt", d.received_at AS "receivedAt", d.due_date::text AS "dueDate", d.finished_at AS "finishedAt"
      FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
      WHERE e.id > $1 AND d.code IS NOT NULL
      ORDER BY e.id LIMIT $2`,
    values: [since, limit],
  });
  return res.rows;
}

/** The applicant's drafts not yet submitted (the open-drafts quota). */
export async function countOpenDrafts(db: Executor, applicantId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(dossiers)
    .where(and(eq(dossiers.applicantId, applicantId), eq(dossiers.status, 'draft')));
  return Number(row?.n ?? 0);
}

/** The files of one document of a dossier, with their checksum (the same file twice is kept once). */
export async function listSlotFiles(db: Executor, dossierId: string, documentIndex: number): Promise<(typeof dossierFiles.$inferSelect & { sha256: string })[]> {
  const rows = await db
    .select()
    .from(dossierFiles)
    .where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.documentIndex, documentIndex)));
  const stored = await findStoredFiles(
    db,
    rows.map((r) => r.storedFileId),
  );
  return rows.flatMap((r) => {
    const f = stored.get(r.storedFileId);
    return f ? [{ ...r, sha256: f.sha256 }] : [];
  });
}

export async function findUploadKey(db: Executor, accountId: string, key: string) {
  return (
    await db
      .select()
      .from(dossierUploadKeys)
      .where(and(eq(dossierUploadKeys.accountId, accountId), eq(dossierUploadKeys.key, key), sql`${dossierUploadKeys.createdAt} > now() - interval '24 hours'`))
  )[0];
}

/** Records the first answer under a key; an expired row of the same key is replaced. False when a
 * live row exists (a concurrent request took the key first). */
export async function saveUploadKey(db: Executor, v: { accountId: string; key: string; requestHash: string; status: number; response: unknown }): Promise<boolean> {
  await db.delete(dossierUploadKeys).where(and(eq(dossierUploadKeys.accountId, v.accountId), sql`${dossierUploadKeys.createdAt} <= now() - interval '24 hours'`));
  const rows = await db.insert(dossierUploadKeys).values(v).onConflictDoNothing().returning({ key: dossierUploadKeys.key });
  return rows.length > 0;
}

/** The result document with this checksum, for the public verification API. */
export async function findResultBySha256(db: Executor, sha256: string) {
  return (await db.select().from(dossierResults).where(eq(dossierResults.sha256, sha256)).limit(1))[0];
}
