import { sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import type { CommandContext, Services } from '../../core/context.js';
import { type Executor, transaction } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import { Check, UUID_RE, nfc } from '../../core/validation.js';
import { type MarcFormat, readMarc, sniffMarc } from './library.import.js';
import { blankLeader, dupKey, extract, normalizeRecord, searchText, validateRecord } from './library.marc.js';
import { libraryPolicy } from './library.policy.js';
import * as repo from './library.repository.js';
import { ACCESS_LEVELS, type ImportError, type MarcField, type MarcRecord, libraryCollections, libraryImports, libraryRecords } from './library.schema.js';

export const IMPORT_JOB = 'library.import';
/** 50 MB: a Koha export of ~40,000 records; larger files are split by the library. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const BATCH = 500;

function invalid(problems: { vi: string; en: string }[]): AppError {
  return new AppError('LIB-100', 400, `Biểu ghi MARC không hợp lệ: ${problems.map((p) => p.vi).join(' ')}`, problems.map((p) => p.en).join(' '), {
    marc: { vi: problems.map((p) => p.vi).join(' '), en: problems.map((p) => p.en).join(' ') },
  });
}

/** The row of a record from its MARC: every searchable column comes from the fields. */
export function rowOf(marc: MarcRecord, collectionId: string, placeCodes: Map<string, string>, extra: { isDemo?: boolean; createdBy?: string | null } = {}) {
  const e = extract(marc);
  return {
    collectionId,
    marc,
    controlNumber: e.controlNumber,
    title: e.title,
    authors: e.authors,
    year: e.year,
    publisher: e.publisher,
    isbn: e.isbn,
    issn: e.issn,
    subjects: e.subjects,
    places: e.places,
    placeCodes: [...new Set(e.places.map((p) => placeCodes.get(p.toLowerCase())).filter((c): c is string => !!c))],
    topics: topicsOf(marc),
    language: e.language,
    recordType: e.recordType,
    searchText: searchText(e),
    dupKey: dupKey(e),
    isDemo: extra.isDemo ?? false,
    createdBy: extra.createdBy ?? null,
  };
}

/** Địa chí topic codes are kept in 084 $a with $2 "vh-diachi" (a local classification number). */
export function topicsOf(marc: MarcRecord): string[] {
  return marc.fields.filter((f) => f.tag === '084' && f.subfields?.some((s) => s.code === '2' && s.value === 'vh-diachi')).flatMap((f) => (f.subfields ?? []).filter((s) => s.code === 'a').map((s) => s.value));
}

async function collectionOrFail(db: Executor, id: string) {
  const c = UUID_RE.test(id) ? await repo.findCollection(db, id) : undefined;
  if (!c) throw new AppError('LIB-101', 400, 'Bộ sưu tập không tồn tại.', 'No such collection.', { collectionId: { vi: 'Chọn một bộ sưu tập.', en: 'Choose a collection.' } });
  return c;
}

export async function createCollection(ctx: CommandContext, input: { code?: string; name?: string; nameEn?: string; description?: string; access?: string; isDiaChi?: boolean }) {
  libraryPolicy.requireManage(ctx.actor);
  const code = nfc(input.code).toLowerCase();
  const name = nfc(input.name);
  const check = new Check().required('name', name, 'tên bộ sưu tập', 'name').maxLength('name', name, 200, 'Tên');
  if (!/^[a-z0-9-]{2,40}$/.test(code)) check.add('code', 'Mã gồm 2–40 chữ cái không dấu, số hoặc gạch ngang.', 'Code: 2–40 letters, digits, dashes.');
  if (!ACCESS_LEVELS.includes(input.access as never)) check.add('access', 'Chọn chế độ truy cập.', 'Choose an access level.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    if (await repo.findCollectionByCode(tx, code)) throw new AppError('LIB-102', 409, 'Mã bộ sưu tập đã có.', 'Code taken.', { code: { vi: 'Mã này đã được dùng.', en: 'Taken.' } });
    const [row] = await tx
      .insert(libraryCollections)
      .values({ code, name, nameEn: nfc(input.nameEn), description: nfc(input.description), access: input.access as never, isDiaChi: !!input.isDiaChi })
      .returning();
    await writeAudit(tx, ctx, { action: 'library.collection_create', entity: 'library_collection', entityId: row!.id, summary: { code, access: row!.access } });
    return row!;
  });
}

/** Creates or replaces a record from its MARC (the editor, the cataloguing form, the API). */
export async function saveRecord(ctx: CommandContext, input: { id?: string; collectionId: string; marc: MarcRecord; version?: number }) {
  libraryPolicy.requireManage(ctx.actor);
  const marc = normalizeRecord(input.marc);
  const problems = validateRecord(marc);
  if (problems.length) throw invalid(problems);
  return transaction(ctx.services.pool, async (tx) => {
    await collectionOrFail(tx, input.collectionId);
    const places = await repo.placeCodeMap(tx);
    const row = rowOf(marc, input.collectionId, places, { createdBy: ctx.actor.userId });
    if (input.id) {
      const before = UUID_RE.test(input.id) ? await repo.findRecord(tx, input.id) : undefined;
      if (!before || before.deletedAt) throw Errors.notFound('Biểu ghi');
      if (input.version !== undefined && input.version !== before.version) {
        throw new AppError('LIB-409', 409, 'Biểu ghi đã được người khác sửa; hãy tải lại trang.', 'Changed by someone else; reload.');
      }
      const { createdBy: _c, ...upd } = row;
      const [saved] = await tx
        .update(libraryRecords)
        .set({ ...upd, updatedAt: sql`now()`, datestamp: sql`clock_timestamp()`, version: before.version + 1 })
        .where(sql`id = ${before.id}`)
        .returning();
      await writeAudit(tx, ctx, { action: 'library.record_update', entity: 'library_record', entityId: before.id, summary: { title: saved!.title } });
      return saved!;
    }
    const [saved] = await tx.insert(libraryRecords).values(row).returning();
    await writeAudit(tx, ctx, { action: 'library.record_create', entity: 'library_record', entityId: saved!.id, summary: { title: saved!.title } });
    return saved!;
  });
}

/** Deleted records stay as tombstones for OAI-PMH (deletedRecord = persistent). */
export async function deleteRecord(ctx: CommandContext, id: string) {
  libraryPolicy.requireManage(ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const r = UUID_RE.test(id) ? await repo.findRecord(tx, id) : undefined;
    if (!r || r.deletedAt) throw Errors.notFound('Biểu ghi');
    await tx.update(libraryRecords).set({ deletedAt: sql`now()`, datestamp: sql`clock_timestamp()`, version: r.version + 1 }).where(sql`id = ${id}`);
    await writeAudit(tx, ctx, { action: 'library.record_delete', entity: 'library_record', entityId: id, summary: { title: r.title } });
  });
}

// ── The cataloguing form: common fields without tag numbers ──
export interface CatalogueForm {
  collectionId?: string;
  title?: string;
  subtitle?: string;
  author?: string;
  otherAuthors?: string;
  publisher?: string;
  place?: string;
  year?: string;
  isbn?: string;
  pages?: string;
  language?: string;
  subjects?: string;
  places?: string;
  topics?: string;
  summary?: string;
  notes?: string;
}

const lines = (s?: string) =>
  nfc(s)
    .split(/\r?\n|;/)
    .map((x) => x.trim())
    .filter(Boolean);

/** MARC from the form: 020, 041, 100, 245, 264, 300, 500, 520, 650, 651, 700, 084 (địa chí). */
export function marcFromForm(f: CatalogueForm, base?: MarcRecord): MarcRecord {
  const check = new Check();
  const title = nfc(f.title);
  check.required('title', title, 'nhan đề', 'title').maxLength('title', title, 500, 'Nhan đề');
  const year = nfc(f.year);
  if (year && !/^\d{4}$/.test(year)) check.add('year', 'Năm xuất bản gồm 4 chữ số, ví dụ 2024.', 'Year: four digits.');
  const isbn = nfc(f.isbn).replace(/[\s-]/g, '');
  if (isbn && !/^(\d{9}[\dXx]|\d{13})$/.test(isbn)) check.add('isbn', 'ISBN gồm 10 hoặc 13 chữ số.', 'ISBN: 10 or 13 digits.');
  const lang = nfc(f.language) || 'vie';
  if (!/^[a-z]{3}$/.test(lang)) check.add('language', 'Mã ngôn ngữ gồm 3 chữ cái (vie, eng, fre …).', 'Language: three letters.');
  check.throwIfAny();
  const keep = (base?.fields ?? []).filter((x) => !['020', '041', '100', '245', '264', '260', '300', '500', '520', '650', '651', '700', '084'].includes(x.tag));
  const d = (tag: string, ind1: string, ind2: string, subs: [string, string][]): MarcField => ({ tag, ind1, ind2, subfields: subs.filter(([, v]) => v).map(([code, value]) => ({ code, value })) });
  const fields: MarcField[] = [...keep.filter((x) => x.tag < '020')];
  if (isbn) fields.push(d('020', ' ', ' ', [['a', isbn]]));
  fields.push(d('041', '0', ' ', [['a', lang]]));
  for (const t of lines(f.topics)) fields.push(d('084', ' ', ' ', [['a', t], ['2', 'vh-diachi']]));
  const author = nfc(f.author);
  if (author) fields.push(d('100', '1', ' ', [['a', author]]));
  fields.push(d('245', author ? '1' : '0', '0', [['a', title], ['b', nfc(f.subtitle)]]));
  fields.push(d('264', ' ', '1', [['a', nfc(f.place)], ['b', nfc(f.publisher)], ['c', year]]));
  if (nfc(f.pages)) fields.push(d('300', ' ', ' ', [['a', nfc(f.pages)]]));
  if (nfc(f.notes)) fields.push(d('500', ' ', ' ', [['a', nfc(f.notes)]]));
  if (nfc(f.summary)) fields.push(d('520', ' ', ' ', [['a', nfc(f.summary)]]));
  for (const s of lines(f.subjects)) fields.push(d('650', ' ', '7', [['a', s], ['2', 'vh']]));
  for (const p of lines(f.places)) fields.push(d('651', ' ', '7', [['a', p], ['2', 'vh']]));
  for (const a of lines(f.otherAuthors)) fields.push(d('700', '1', ' ', [['a', a]]));
  fields.push(...keep.filter((x) => x.tag >= '020'));
  fields.sort((a, b) => a.tag.localeCompare(b.tag));
  return { leader: base?.leader ?? blankLeader(), fields: fields.filter((x) => x.subfields === undefined || x.subfields.length) };
}

// ── Import ──
export async function startImport(ctx: CommandContext, input: { collectionId: string; filename: string; data: Buffer }) {
  libraryPolicy.requireManage(ctx.actor);
  if (input.data.length === 0) throw new AppError('LIB-110', 400, 'Chưa chọn tệp hoặc tệp rỗng.', 'No file.', { file: { vi: 'Chọn tệp MARC (.mrc, .xml).', en: 'Choose a file.' } });
  if (input.data.length > MAX_IMPORT_BYTES) throw new AppError('CORE-413', 413, 'Tệp quá lớn: tối đa 50 MB.', 'File too large (max 50 MB).', { file: { vi: 'Tệp quá lớn: tối đa 50 MB; hãy chia nhỏ tệp.', en: 'Max 50 MB.' } });
  const format = sniffMarc(input.data);
  if (!format) throw new AppError('CORE-415', 415, 'Tệp không phải MARCXML hay ISO 2709 (.mrc).', 'Not MARCXML or ISO 2709.', { file: { vi: 'Chỉ nhận MARCXML hoặc ISO 2709 (.mrc).', en: 'MARCXML or ISO 2709 only.' } });
  return transaction(ctx.services.pool, async (tx) => {
    await collectionOrFail(tx, input.collectionId);
    const [row] = await tx
      .insert(libraryImports)
      .values({ collectionId: input.collectionId, filename: nfc(input.filename).slice(0, 200) || 'tep.mrc', format, content: input.data, createdBy: ctx.actor.userId })
      .returning({ id: libraryImports.id });
    await writeAudit(tx, ctx, { action: 'library.import_start', entity: 'library_import', entityId: row!.id, summary: { format, bytes: input.data.length } });
    await ctx.services.jobs.sendInTx(tx, IMPORT_JOB, { importId: row!.id });
    return { id: row!.id, format };
  });
}

/**
 * The import job: reads the file record by record (constant memory besides the file), inserts
 * valid records in batches of 500 — each batch one transaction with its audit row and the
 * progress, so a record is in or out, never half-written — and reports each bad record with its
 * position. Duplicates (same ISBN, or title + first author + year) are skipped and reported.
 */
export async function runImport(s: Services, importId: string): Promise<void> {
  const imp = await repo.findImport(s.db, importId);
  if (!imp || imp.status === 'done' || !imp.content) return;
  await s.db.update(libraryImports).set({ status: 'running' }).where(sql`id = ${importId}`);
  const places = await repo.placeCodeMap(s.db);
  const errors: ImportError[] = [];
  let batch: { position: number; row: ReturnType<typeof rowOf> }[] = [];
  let processed = 0;
  let imported = 0;
  let duplicates = 0;
  const seenIsbn = new Set<string>();
  const seenKey = new Set<string>();
  const flush = async () => {
    const rows = batch;
    batch = [];
    await transaction(s.pool, async (tx) => {
      const existing = await repo.existingDuplicates(
        tx,
        rows.map((r) => r.row.isbn).filter((x): x is string => !!x),
        rows.map((r) => r.row.dupKey),
      );
      const fresh = rows.filter((r) => {
        const dup = (r.row.isbn && existing.isbns.has(r.row.isbn)) || existing.keys.has(r.row.dupKey);
        if (dup) {
          duplicates++;
          errors.push({ position: r.position, message: `Trùng biểu ghi đã có (${r.row.isbn ? `ISBN ${r.row.isbn}` : 'nhan đề, tác giả, năm'}): bỏ qua.` });
        }
        return !dup;
      });
      if (fresh.length) await tx.insert(libraryRecords).values(fresh.map((r) => r.row));
      imported += fresh.length;
      await tx
        .update(libraryImports)
        .set({ processed, imported, duplicates, failed: errors.length - duplicates, errors: errors.slice(0, 1000) })
        .where(sql`id = ${importId}`);
      await writeAudit(tx, { actor: SYSTEM }, { action: 'library.import_batch', entity: 'library_import', entityId: importId, summary: { inserted: fresh.length, processed } });
    });
  };
  try {
    for await (const item of readMarc(imp.content, imp.format as MarcFormat)) {
      processed++;
      if (item.error || !item.record) {
        errors.push({ position: item.position, offset: item.offset, message: item.error ?? 'Không đọc được.' });
      } else {
        const marc = normalizeRecord(item.record);
        const problems = validateRecord(marc);
        if (problems.length) errors.push({ position: item.position, offset: item.offset, message: problems.map((p) => p.vi).join(' ') });
        else {
          const row = rowOf(marc, imp.collectionId, places, { createdBy: imp.createdBy });
          if ((row.isbn && seenIsbn.has(row.isbn)) || seenKey.has(row.dupKey)) {
            duplicates++;
            errors.push({ position: item.position, message: 'Trùng với một biểu ghi trước đó trong cùng tệp: bỏ qua.' });
          } else {
            if (row.isbn) seenIsbn.add(row.isbn);
            seenKey.add(row.dupKey);
            batch.push({ position: item.position, row });
          }
        }
      }
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await s.db
      .update(libraryImports)
      .set({ status: 'done', total: processed, processed, content: null, finishedAt: sql`now()`, failed: errors.length - duplicates, errors: errors.slice(0, 1000) })
      .where(sql`id = ${importId}`);
  } catch (e) {
    await s.db.update(libraryImports).set({ status: 'failed', errors: [...errors.slice(0, 999), { position: processed, message: `Lỗi hệ thống khi nhập: ${(e as Error).message}` }], finishedAt: sql`now()` }).where(sql`id = ${importId}`);
    throw e;
  }
}
