import { and, asc, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import {
  type FileStep,
  heritageRankingFileDocuments,
  heritageRankingFileReminders,
  heritageRankingFileSteps,
  heritageRankingFiles,
  heritageRelics,
  heritageStepRules,
} from './heritage.schema.js';

export type StepRule = typeof heritageStepRules.$inferSelect;
export type RankingFile = typeof heritageRankingFiles.$inferSelect;
export type FileStepRow = typeof heritageRankingFileSteps.$inferSelect;
export type FileDocument = typeof heritageRankingFileDocuments.$inferSelect;

export async function upsertStepRules(db: Executor, rows: Omit<typeof heritageStepRules.$inferInsert, 'id'>[]) {
  if (!rows.length) return;
  await db
    .insert(heritageStepRules)
    .values(rows)
    .onConflictDoUpdate({
      target: [heritageStepRules.step, heritageStepRules.effectiveFrom],
      set: {
        label: sql`excluded.label`,
        labelEn: sql`excluded.label_en`,
        workingDays: sql`excluded.working_days`,
        remindBefore: sql`excluded.remind_before`,
        documents: sql`excluded.documents`,
        documentsEn: sql`excluded.documents_en`,
        legalBasis: sql`excluded.legal_basis`,
        confirmed: sql`excluded.confirmed`,
        effectiveTo: sql`excluded.effective_to`,
        sort: sql`excluded.sort`,
      },
    });
}

/** Every version of the step rules; the caller picks the one in force on a step's first day. */
export async function stepRules(db: Executor): Promise<StepRule[]> {
  return db.select().from(heritageStepRules).orderBy(asc(heritageStepRules.sort), desc(heritageStepRules.effectiveFrom));
}

export async function stepRulesAt(db: Executor, day: string): Promise<StepRule[]> {
  const rows = await db
    .select()
    .from(heritageStepRules)
    .where(and(lte(heritageStepRules.effectiveFrom, day), or(isNull(heritageStepRules.effectiveTo), gte(heritageStepRules.effectiveTo, day))))
    .orderBy(asc(heritageStepRules.sort), desc(heritageStepRules.effectiveFrom));
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.step) && seen.add(r.step));
}

export async function nextFileCode(db: Executor, year: string): Promise<string> {
  const r = await db.execute<{ n: number }>(
    sql`SELECT COALESCE(MAX(substring(code FROM ${`^HS-${year}-([0-9]+)$`})::int), 0) + 1 AS n FROM heritage_ranking_files WHERE code LIKE ${`HS-${year}-%`}`,
  );
  return `HS-${year}-${String(r.rows[0]!.n).padStart(4, '0')}`;
}

export async function insertFile(db: Executor, v: typeof heritageRankingFiles.$inferInsert): Promise<RankingFile> {
  return (await db.insert(heritageRankingFiles).values(v).returning())[0]!;
}

export async function updateFile(db: Executor, id: string, version: number, v: Partial<typeof heritageRankingFiles.$inferInsert>): Promise<RankingFile | undefined> {
  return (
    await db
      .update(heritageRankingFiles)
      .set({ ...v, updatedAt: new Date(), version: sql`${heritageRankingFiles.version} + 1` })
      .where(and(eq(heritageRankingFiles.id, id), eq(heritageRankingFiles.version, version)))
      .returning()
  )[0];
}

export async function findFile(db: Executor, id: string): Promise<RankingFile | undefined> {
  return (await db.select().from(heritageRankingFiles).where(eq(heritageRankingFiles.id, id)))[0];
}

/** Locks the file row for the rest of the transaction (two officers advancing at once). */
export async function lockFile(db: Executor, id: string): Promise<RankingFile | undefined> {
  return (await db.select().from(heritageRankingFiles).where(eq(heritageRankingFiles.id, id)).for('update'))[0];
}

export async function openFileOfRelic(db: Executor, relicId: string): Promise<RankingFile | undefined> {
  return (await db.select().from(heritageRankingFiles).where(and(eq(heritageRankingFiles.relicId, relicId), eq(heritageRankingFiles.state, 'open'))))[0];
}

export async function filesOfRelic(db: Executor, relicId: string): Promise<RankingFile[]> {
  return db.select().from(heritageRankingFiles).where(eq(heritageRankingFiles.relicId, relicId)).orderBy(desc(heritageRankingFiles.createdAt));
}

export type FileListRow = RankingFile & { relicCode: string; relicName: string };

export async function listFiles(db: Executor, f: { state?: string } = {}, limit = 500): Promise<FileListRow[]> {
  const rows = await db
    .select({ file: heritageRankingFiles, relicCode: heritageRelics.code, relicName: heritageRelics.name })
    .from(heritageRankingFiles)
    .innerJoin(heritageRelics, eq(heritageRelics.id, heritageRankingFiles.relicId))
    .where(f.state ? eq(heritageRankingFiles.state, f.state as 'open') : undefined)
    .orderBy(sql`${heritageRankingFiles.stepDueOn} ASC NULLS LAST`, asc(heritageRankingFiles.code))
    .limit(limit);
  return rows.map((r) => ({ ...r.file, relicCode: r.relicCode, relicName: r.relicName }));
}

export async function countOpen(db: Executor, today: string, soon: string): Promise<{ count: number; overdue: number; dueSoon: number }> {
  const r = await db.execute<{ count: number; overdue: number; due_soon: number }>(sql`
    SELECT COUNT(*)::int AS count,
           COUNT(*) FILTER (WHERE step_due_on < ${today})::int AS overdue,
           COUNT(*) FILTER (WHERE step_due_on >= ${today} AND step_due_on <= ${soon})::int AS due_soon
      FROM heritage_ranking_files WHERE state = 'open'`);
  const row = r.rows[0]!;
  return { count: row.count, overdue: row.overdue, dueSoon: row.due_soon };
}

export async function insertStep(db: Executor, v: typeof heritageRankingFileSteps.$inferInsert) {
  await db.insert(heritageRankingFileSteps).values(v);
}

/** Closes the running step row of a file (the one without a completion date). */
export async function completeStep(db: Executor, fileId: string, step: FileStep, v: { completedOn: string; outcome: string; note: string; actedBy: string | null }) {
  await db
    .update(heritageRankingFileSteps)
    .set(v)
    .where(and(eq(heritageRankingFileSteps.fileId, fileId), eq(heritageRankingFileSteps.step, step), isNull(heritageRankingFileSteps.completedOn)));
}

export async function stepsOf(db: Executor, fileId: string): Promise<FileStepRow[]> {
  return db.select().from(heritageRankingFileSteps).where(eq(heritageRankingFileSteps.fileId, fileId)).orderBy(asc(heritageRankingFileSteps.createdAt), asc(heritageRankingFileSteps.startedOn));
}

export async function insertDocument(db: Executor, v: typeof heritageRankingFileDocuments.$inferInsert): Promise<FileDocument> {
  return (await db.insert(heritageRankingFileDocuments).values(v).returning())[0]!;
}

export async function documentsOf(db: Executor, fileId: string): Promise<FileDocument[]> {
  return db.select().from(heritageRankingFileDocuments).where(eq(heritageRankingFileDocuments.fileId, fileId)).orderBy(asc(heritageRankingFileDocuments.createdAt));
}

export async function documentById(db: Executor, id: string): Promise<FileDocument | undefined> {
  return (await db.select().from(heritageRankingFileDocuments).where(eq(heritageRankingFileDocuments.id, id)))[0];
}

export async function countDocuments(db: Executor, fileId: string, step: FileStep): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`SELECT COUNT(*)::int AS n FROM heritage_ranking_file_documents WHERE file_id = ${fileId} AND step = ${step}`);
  return r.rows[0]!.n;
}

/** Records a reminder once; false when this kind was already sent for this step and due date. */
export async function recordReminder(db: Executor, v: typeof heritageRankingFileReminders.$inferInsert): Promise<boolean> {
  const r = await db.insert(heritageRankingFileReminders).values(v).onConflictDoNothing().returning({ fileId: heritageRankingFileReminders.fileId });
  return r.length > 0;
}

/** Who is reminded: the officer who opened the file, while still active (names and addresses go
 * to the mail only, never to a log). */
export async function reminderRecipients(db: Executor, createdBy: string | null): Promise<{ email: string; name: string }[]> {
  const r = await db.execute<{ email: string; name: string }>(sql`
    SELECT DISTINCT u.email, u.full_name AS name FROM users u
     WHERE u.status = 'active' AND u.kind = 'staff' AND u.id = ${createdBy}`);
  return r.rows;
}
