import { and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext } from '../../core/context.js';
import { type Executor, transaction } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import { saveImage } from '../../core/images/images.js';
import { Check, formatDateVi, nfc, parseDateInput, vnIsoDate } from '../../core/validation.js';
import { heritagePolicy } from './heritage.policy.js';
import * as repo from './heritage.repository.js';
import { MOVEMENT_KINDS, type MovementKind, heritageArtefactMovements, heritageArtefactPublications, heritageArtefacts, heritageRelics } from './heritage.schema.js';

/**
 * Artefacts (hiện vật) held by the museum or by relics: the inventory record (number, name,
 * material, dimensions, dating, provenance, condition, location), one photo through the shared
 * IIIF pipeline, the history of movements and loans, and the approval that puts the record
 * online (Decree 308/2025 Art. 85–89: reviewed before it goes online; an edit takes it offline).
 */

export type Artefact = typeof heritageArtefacts.$inferSelect;
export type Movement = typeof heritageArtefactMovements.$inferSelect;
export type ArtefactRow = Artefact & { relicCode: string | null; relicName: string | null; published: boolean };

export const MOVEMENT_LABELS: Record<MovementKind, { vi: string; en: string }> = {
  move: { vi: 'Di chuyển', en: 'Moved' },
  loan_out: { vi: 'Cho mượn', en: 'Loaned out' },
  loan_return: { vi: 'Nhận lại sau khi cho mượn', en: 'Returned from loan' },
  conservation: { vi: 'Đưa đi bảo quản, tu sửa', en: 'Sent for conservation' },
};

const INV_RE = /^[\p{L}0-9][\p{L}0-9./_-]{0,39}$/u;

// ── Queries ───────────────────────────────────────────────────────────────────────────────
const rowSelect = {
  a: heritageArtefacts,
  relicCode: heritageRelics.code,
  relicName: heritageRelics.name,
  publishedAt: heritageArtefactPublications.publishedAt,
};

function toRow(r: { a: Artefact; relicCode: string | null; relicName: string | null; publishedAt: Date | null }): ArtefactRow {
  return { ...r.a, relicCode: r.relicCode, relicName: r.relicName, published: r.publishedAt !== null };
}

export async function listArtefacts(db: Executor, f: { q?: string; publishedOnly?: boolean } = {}, limit = 1000): Promise<ArtefactRow[]> {
  const conds = [];
  if (f.publishedOnly) conds.push(sql`${heritageArtefactPublications.artefactId} IS NOT NULL`);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(or(sql`vh_unaccent(${heritageArtefacts.name}) ILIKE vh_unaccent(${like})`, ilike(heritageArtefacts.inventoryNumber, like)));
  }
  const rows = await db
    .select(rowSelect)
    .from(heritageArtefacts)
    .leftJoin(heritageRelics, eq(heritageRelics.id, heritageArtefacts.relicId))
    .leftJoin(heritageArtefactPublications, eq(heritageArtefactPublications.artefactId, heritageArtefacts.id))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(heritageArtefacts.inventoryNumber))
    .limit(limit);
  return rows.map(toRow);
}

export async function findArtefact(db: Executor, id: string): Promise<ArtefactRow | undefined> {
  const rows = await db
    .select(rowSelect)
    .from(heritageArtefacts)
    .leftJoin(heritageRelics, eq(heritageRelics.id, heritageArtefacts.relicId))
    .leftJoin(heritageArtefactPublications, eq(heritageArtefactPublications.artefactId, heritageArtefacts.id))
    .where(eq(heritageArtefacts.id, id));
  return rows[0] ? toRow(rows[0]) : undefined;
}

/** Published artefacts of a relic (its public page lists them). */
export async function publishedArtefactsOfRelic(db: Executor, relicId: string): Promise<ArtefactRow[]> {
  return (await listArtefacts(db, { publishedOnly: true }, 5000)).filter((a) => a.relicId === relicId);
}

export async function movementsOf(db: Executor, artefactId: string): Promise<Movement[]> {
  return db.select().from(heritageArtefactMovements).where(eq(heritageArtefactMovements.artefactId, artefactId)).orderBy(desc(heritageArtefactMovements.movedOn), desc(heritageArtefactMovements.createdAt));
}

/** The open loan (a loan out not yet returned), if any. */
export function openLoan(movements: Movement[]): Movement | undefined {
  const chrono = [...movements].sort((a, b) => (a.movedOn === b.movedOn ? +a.createdAt - +b.createdAt : a.movedOn < b.movedOn ? -1 : 1));
  let loan: Movement | undefined;
  for (const m of chrono) {
    if (m.kind === 'loan_out') loan = m;
    else if (m.kind === 'loan_return') loan = undefined;
  }
  return loan;
}

export async function imageOwnerArtefact(db: Executor, id: string): Promise<{ published: boolean } | undefined> {
  const a = await findArtefact(db, id);
  return a ? { published: a.published } : undefined;
}

// ── Commands ──────────────────────────────────────────────────────────────────────────────
export interface ArtefactInput {
  inventoryNumber?: string;
  name?: string;
  relicCode?: string;
  holder?: string;
  material?: string;
  dimensions?: string;
  dating?: string;
  provenance?: string;
  condition?: string;
  location?: string;
  inventoriedOn?: string;
}

async function clean(db: Executor, input: ArtefactInput, check: Check) {
  const v = {
    inventoryNumber: nfc(input.inventoryNumber).toUpperCase(),
    name: nfc(input.name),
    holder: nfc(input.holder),
    material: nfc(input.material),
    dimensions: nfc(input.dimensions),
    dating: nfc(input.dating),
    provenance: nfc(input.provenance),
    condition: nfc(input.condition),
    location: nfc(input.location),
  };
  check.required('inventoryNumber', v.inventoryNumber, 'số kiểm kê', 'the inventory number');
  if (v.inventoryNumber && !INV_RE.test(v.inventoryNumber)) check.add('inventoryNumber', 'Số kiểm kê chỉ gồm chữ, số và các dấu . / _ - (tối đa 40 ký tự), ví dụ BTT-0001.', 'Letters, digits and . / _ - only (max 40).');
  check.required('name', v.name, 'tên hiện vật', 'the name').maxLength('name', v.name, 300, 'Tên hiện vật');
  for (const [k, label] of [['holder', 'Đơn vị lưu giữ'], ['material', 'Chất liệu'], ['dimensions', 'Kích thước'], ['dating', 'Niên đại'], ['location', 'Vị trí']] as const) check.maxLength(k, v[k], 300, label);
  check.maxLength('provenance', v.provenance, 2000, 'Nguồn gốc').maxLength('condition', v.condition, 2000, 'Tình trạng');
  const inventoriedOn = parseDateInput(nfc(input.inventoriedOn) || formatDateVi(vnIsoDate()));
  if (!inventoriedOn) check.add('inventoriedOn', 'Ngày kiểm kê không hợp lệ (ngày/tháng/năm, ví dụ 15/03/2024).', 'Enter the date as dd/mm/yyyy.');
  else if (inventoriedOn > vnIsoDate()) check.add('inventoriedOn', 'Ngày kiểm kê không được sau hôm nay.', 'The date cannot be in the future.');
  let relicId: string | null = null;
  const relicCode = nfc(input.relicCode).toUpperCase();
  if (relicCode) {
    const r = /^[A-Z0-9-]{2,40}$/.test(relicCode) ? await repo.findRelicByCode(db, relicCode) : undefined;
    if (!r) check.add('relicCode', `Không có di tích mã "${relicCode}" trong sổ đăng ký.`, `No relic "${relicCode}".`);
    else relicId = r.id;
  }
  return { ...v, relicId, inventoriedOn: inventoriedOn ?? vnIsoDate() };
}

function duplicate(n: string) {
  return new AppError('CORE-100', 400, `Số kiểm kê ${n} đã có trong sổ.`, `Inventory number ${n} exists.`, { inventoryNumber: { vi: `Số kiểm kê ${n} đã có trong sổ.`, en: `Inventory number ${n} exists.` } });
}

/** createArtefact: an inventory record (not online until approved). Outcomes: the artefact; CORE-100. */
export async function createArtefact(ctx: CommandContext, input: ArtefactInput) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const v = await clean(ctx.services.db, input, check);
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const exists = await tx.select({ id: heritageArtefacts.id }).from(heritageArtefacts).where(eq(heritageArtefacts.inventoryNumber, v.inventoryNumber));
    if (exists.length) throw duplicate(v.inventoryNumber);
    const a = (await tx.insert(heritageArtefacts).values(v).returning())[0]!;
    await writeAudit(tx, ctx, { action: 'heritage.artefact_create', entity: 'heritage_artefact', entityId: a.id, summary: { after: { inventoryNumber: a.inventoryNumber, name: a.name } } });
    return a;
  });
}

/** updateArtefact: edits the record; a published record goes offline until approved again. */
export async function updateArtefact(ctx: CommandContext, id: string, input: ArtefactInput) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const v = await clean(ctx.services.db, input, check);
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const before = (await tx.select().from(heritageArtefacts).where(eq(heritageArtefacts.id, id)).for('update'))[0];
    if (!before) throw Errors.notFound('Hiện vật');
    const clash = await tx.select({ id: heritageArtefacts.id }).from(heritageArtefacts).where(eq(heritageArtefacts.inventoryNumber, v.inventoryNumber));
    if (clash.some((c) => c.id !== id)) throw duplicate(v.inventoryNumber);
    const after = (await tx.update(heritageArtefacts).set(v).where(eq(heritageArtefacts.id, id)).returning())[0]!;
    const unpublished = (await tx.delete(heritageArtefactPublications).where(eq(heritageArtefactPublications.artefactId, id)).returning()).length > 0;
    await writeAudit(tx, ctx, { action: 'heritage.artefact_update', entity: 'heritage_artefact', entityId: id, summary: { before: { name: before.name, location: before.location }, after: { name: after.name, location: after.location }, unpublished } });
    return after;
  });
}

/** setArtefactPhoto: the artefact's photo through the shared image pipeline (type from the
 * bytes, size and pixel limits, IIIF derivatives). Outcomes: CORE-100; CORE-413/415; IMG-1xx. */
export async function setArtefactPhoto(ctx: CommandContext, id: string, input: { alt?: string; data: Buffer; filename: string; truncated?: boolean }) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const alt = nfc(input.alt);
  check.required('alt', alt, 'mô tả ảnh (văn bản thay thế)', 'a description').maxLength('alt', alt, 300, 'Mô tả ảnh');
  if (!input.data.length) check.add('file', 'Vui lòng chọn ảnh.', 'Choose a photo.');
  if (input.truncated) check.add('file', 'Tệp quá lớn (tối đa 20 MB).', 'The file is too large (max 20 MB).');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const a = (await tx.select().from(heritageArtefacts).where(eq(heritageArtefacts.id, id)).for('update'))[0];
    if (!a) throw Errors.notFound('Hiện vật');
    const img = await saveImage(tx, ctx.services.files, { data: input.data, originalName: input.filename, owner: 'heritage-artefact', ownerId: id, alt, createdBy: ctx.actor.userId });
    await tx.update(heritageArtefacts).set({ imageId: img.id }).where(eq(heritageArtefacts.id, id));
    await writeAudit(tx, ctx, { action: 'heritage.artefact_photo', entity: 'heritage_artefact', entityId: id, summary: { before: { imageId: a.imageId }, after: { imageId: img.id } } });
    return img;
  });
}

export interface MovementInput {
  kind?: string;
  toLocation?: string;
  counterparty?: string;
  reference?: string;
  movedOn?: string;
  dueBackOn?: string;
  note?: string;
}

/**
 * recordMovement: a move, a loan out (borrower, agreement and return date required), the return
 * of the open loan, or a stay in conservation. The artefact's location follows. Outcomes: the
 * movement; CORE-100; CORE-404; HERITAGE-131 (a loan while on loan; a return with no loan open).
 */
export async function recordMovement(ctx: CommandContext, artefactId: string, input: MovementInput) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const kind = nfc(input.kind) as MovementKind;
  const toLocation = nfc(input.toLocation);
  const counterparty = nfc(input.counterparty);
  const reference = nfc(input.reference);
  const note = nfc(input.note);
  if (!(MOVEMENT_KINDS as readonly string[]).includes(kind)) check.add('kind', 'Vui lòng chọn loại di chuyển.', 'Choose the kind of movement.');
  const movedOn = parseDateInput(nfc(input.movedOn));
  if (!movedOn) check.add('movedOn', 'Ngày không hợp lệ (ngày/tháng/năm, ví dụ 15/03/2026).', 'Enter the date as dd/mm/yyyy.');
  else if (movedOn > vnIsoDate()) check.add('movedOn', 'Ngày không được sau hôm nay.', 'The date cannot be in the future.');
  let dueBackOn: string | null = null;
  if (kind === 'loan_out') {
    check.required('counterparty', counterparty, 'đơn vị mượn', 'the borrower').required('reference', reference, 'số hợp đồng hoặc văn bản cho mượn', 'the loan agreement');
    dueBackOn = parseDateInput(nfc(input.dueBackOn));
    if (!dueBackOn) check.add('dueBackOn', 'Vui lòng nhập ngày phải trả (ngày/tháng/năm).', 'Enter the return date.');
    else if (movedOn && dueBackOn <= movedOn) check.add('dueBackOn', 'Ngày phải trả phải sau ngày cho mượn.', 'The return date must follow the loan date.');
  } else if (kind !== 'loan_return' && kind) check.required('toLocation', toLocation, 'nơi chuyển đến', 'the new location');
  for (const [k, val, label] of [['toLocation', toLocation, 'Nơi chuyển đến'], ['counterparty', counterparty, 'Đơn vị mượn'], ['reference', reference, 'Số văn bản']] as const) check.maxLength(k, val, 300, label);
  check.maxLength('note', note, 2000, 'Ghi chú');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const a = (await tx.select().from(heritageArtefacts).where(eq(heritageArtefacts.id, artefactId)).for('update'))[0];
    if (!a) throw Errors.notFound('Hiện vật');
    const history = await movementsOf(tx, artefactId);
    const loan = openLoan(history);
    if (kind === 'loan_out' && loan) throw new AppError('HERITAGE-131', 409, `Hiện vật đang cho ${loan.counterparty} mượn từ ${formatDateVi(loan.movedOn)}; hãy ghi nhận lại trước.`, 'The artefact is on loan already.');
    if (kind === 'loan_return' && !loan) throw new AppError('HERITAGE-131', 409, 'Hiện vật không đang cho mượn.', 'The artefact is not on loan.');
    if (kind === 'loan_return' && movedOn! < loan!.movedOn) throw Errors.validation({ movedOn: { vi: `Ngày nhận lại không được trước ngày cho mượn (${formatDateVi(loan!.movedOn)}).`, en: 'Before the loan date.' } });
    const to = kind === 'loan_out' ? `Cho mượn: ${counterparty}` : kind === 'loan_return' ? toLocation || loan!.fromLocation : toLocation;
    const m = (
      await tx
        .insert(heritageArtefactMovements)
        .values({ artefactId, kind, fromLocation: a.location, toLocation: to, counterparty: kind === 'loan_return' ? loan!.counterparty : counterparty, reference, movedOn: movedOn!, dueBackOn, note, createdBy: ctx.actor.userId })
        .returning()
    )[0]!;
    await tx.update(heritageArtefacts).set({ location: to }).where(eq(heritageArtefacts.id, artefactId));
    await writeAudit(tx, ctx, { action: 'heritage.artefact_move', entity: 'heritage_artefact', entityId: artefactId, summary: { kind, before: { location: a.location }, after: { location: to }, movedOn } });
    return m;
  });
}

/** publishArtefact / withdrawArtefact: an approver puts the record online or takes it offline. */
export async function publishArtefact(ctx: CommandContext, id: string) {
  await heritagePolicy.requireApprove(ctx.services, ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const a = (await tx.select().from(heritageArtefacts).where(eq(heritageArtefacts.id, id)))[0];
    if (!a) throw Errors.notFound('Hiện vật');
    const r = await tx.insert(heritageArtefactPublications).values({ artefactId: id, publishedBy: ctx.actor.userId }).onConflictDoNothing().returning();
    if (!r.length) throw new AppError('HERITAGE-132', 409, 'Hiện vật đã được công bố.', 'Already published.');
    await writeAudit(tx, ctx, { action: 'heritage.artefact_publish', entity: 'heritage_artefact', entityId: id, summary: { inventoryNumber: a.inventoryNumber } });
  });
}

export async function withdrawArtefact(ctx: CommandContext, id: string) {
  await heritagePolicy.requireApprove(ctx.services, ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const r = await tx.delete(heritageArtefactPublications).where(eq(heritageArtefactPublications.artefactId, id)).returning();
    if (!r.length) throw new AppError('HERITAGE-132', 409, 'Hiện vật chưa được công bố.', 'Not published.');
    await writeAudit(tx, ctx, { action: 'heritage.artefact_withdraw', entity: 'heritage_artefact', entityId: id, summary: {} });
  });
}

/** Artefacts whose loan is past its return date (the museum's follow-up list). */
export async function overdueLoans(db: Executor, today = vnIsoDate()): Promise<{ id: string; inventoryNumber: string; name: string; dueBackOn: string }[]> {
  const rows = await db.execute<{ id: string; inventory_number: string; name: string; due_back_on: string }>(sql`
    SELECT a.id, a.inventory_number, a.name, m.due_back_on::text AS due_back_on FROM heritage_artefacts a
      JOIN LATERAL (SELECT kind, due_back_on FROM heritage_artefact_movements WHERE artefact_id = a.id AND kind IN ('loan_out','loan_return') ORDER BY moved_on DESC, created_at DESC LIMIT 1) m ON m.kind = 'loan_out'
     WHERE m.due_back_on < ${today} ORDER BY m.due_back_on`);
  return rows.rows.map((r) => ({ id: r.id, inventoryNumber: r.inventory_number, name: r.name, dueBackOn: r.due_back_on }));
}

