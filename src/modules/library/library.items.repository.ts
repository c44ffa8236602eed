import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { type ItemAccess, type ItemRange, type TextLine, libraryItemPages, libraryItems, libraryReadingRooms } from './library.items.schema.js';

export type Item = typeof libraryItems.$inferSelect;
export type ItemPage = typeof libraryItemPages.$inferSelect;
export type ReadingRoom = typeof libraryReadingRooms.$inferSelect;

export async function findItem(db: Executor, id: string): Promise<Item | undefined> {
  return (await db.select().from(libraryItems).where(eq(libraryItems.id, id)))[0];
}

export async function insertItem(
  db: Executor,
  v: { recordId: string; label: string; labelEn: string; access: ItemAccess; rights: string; attribution: string; ranges: ItemRange[]; isDemo?: boolean; createdBy: string | null },
): Promise<Item> {
  return (await db.insert(libraryItems).values(v).returning())[0]!;
}

export async function updateItem(db: Executor, id: string, v: Partial<Pick<Item, 'label' | 'labelEn' | 'access' | 'rights' | 'attribution' | 'ranges' | 'pageCount'>>) {
  await db
    .update(libraryItems)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(libraryItems.id, id));
}

export interface ItemListRow {
  id: string;
  recordId: string;
  label: string;
  access: ItemAccess;
  pageCount: number;
  recordTitle: string;
  textPages: number;
  updatedAt: Date;
}

export async function listItems(db: Executor, limit = 200): Promise<ItemListRow[]> {
  const r = await db.execute<{ id: string; record_id: string; label: string; access: ItemAccess; page_count: number; title: string | null; text_pages: number; updated_at: Date }>(
    sql`SELECT i.id, i.record_id, i.label, i.access, i.page_count, r.title, i.updated_at,
               (SELECT count(*)::int FROM library_item_pages p WHERE p.item_id = i.id AND p.text <> '') AS text_pages
          FROM library_items i LEFT JOIN library_records r ON r.id = i.record_id
         ORDER BY i.updated_at DESC LIMIT ${limit}`,
  );
  return r.rows.map((x) => ({ id: x.id, recordId: x.record_id, label: x.label, access: x.access, pageCount: x.page_count, recordTitle: x.title ?? '', textPages: x.text_pages, updatedAt: new Date(x.updated_at) }));
}

export async function itemsOfRecord(db: Executor, recordId: string): Promise<Item[]> {
  return db.select().from(libraryItems).where(eq(libraryItems.recordId, recordId)).orderBy(asc(libraryItems.createdAt));
}

export async function pagesOf(db: Executor, itemId: string): Promise<ItemPage[]> {
  return db.select().from(libraryItemPages).where(eq(libraryItemPages.itemId, itemId)).orderBy(asc(libraryItemPages.seq));
}

/** Pages without their text: the manifest and the reader need only the images. */
export async function pageImagesOf(db: Executor, itemId: string): Promise<Pick<ItemPage, 'seq' | 'imageId' | 'width' | 'height' | 'label'>[]> {
  return db
    .select({ seq: libraryItemPages.seq, imageId: libraryItemPages.imageId, width: libraryItemPages.width, height: libraryItemPages.height, label: libraryItemPages.label })
    .from(libraryItemPages)
    .where(eq(libraryItemPages.itemId, itemId))
    .orderBy(asc(libraryItemPages.seq));
}

export async function findPage(db: Executor, itemId: string, seq: number): Promise<ItemPage | undefined> {
  return (await db.select().from(libraryItemPages).where(and(eq(libraryItemPages.itemId, itemId), eq(libraryItemPages.seq, seq))))[0];
}

export async function findPageByImage(db: Executor, imageId: string): Promise<Pick<ItemPage, 'itemId'> | undefined> {
  return (await db.select({ itemId: libraryItemPages.itemId }).from(libraryItemPages).where(eq(libraryItemPages.imageId, imageId)))[0];
}

export async function lastSeq(db: Executor, itemId: string): Promise<number> {
  const r = await db.select({ seq: libraryItemPages.seq }).from(libraryItemPages).where(eq(libraryItemPages.itemId, itemId)).orderBy(desc(libraryItemPages.seq)).limit(1);
  return r[0]?.seq ?? 0;
}

export interface NewPage {
  itemId: string;
  seq: number;
  imageId: string;
  width: number;
  height: number;
  label: string;
  text?: string;
  textSource?: ItemPage['textSource'];
  lines?: TextLine[] | null;
}

export async function insertPages(db: Executor, pages: NewPage[]) {
  if (pages.length) await db.insert(libraryItemPages).values(pages);
}

export async function setPageText(db: Executor, itemId: string, seq: number, text: string, source: ItemPage['textSource'], lines: TextLine[] | null) {
  await db
    .update(libraryItemPages)
    .set({ text, textSource: source, lines })
    .where(and(eq(libraryItemPages.itemId, itemId), eq(libraryItemPages.seq, seq)));
}

/** Swaps two pages' places (seq is unique per item: park one at -1 first). */
export async function swapPages(db: Executor, itemId: string, a: number, b: number) {
  await db.execute(sql`UPDATE library_item_pages SET seq = -1 WHERE item_id = ${itemId} AND seq = ${a}`);
  await db.execute(sql`UPDATE library_item_pages SET seq = ${a} WHERE item_id = ${itemId} AND seq = ${b}`);
  await db.execute(sql`UPDATE library_item_pages SET seq = ${b} WHERE item_id = ${itemId} AND seq = -1`);
}

/** The catalogue record points at its digitised item (L1's column; the items write only this). */
export async function markRecordDigitised(db: Executor, recordId: string, itemId: string) {
  await db.execute(
    sql`UPDATE library_records SET digitised_item_id = ${itemId}, datestamp = now(), updated_at = now() WHERE id = ${recordId} AND digitised_item_id IS DISTINCT FROM ${itemId}`,
  );
}

export async function recordExists(db: Executor, recordId: string): Promise<boolean> {
  const r = await db.execute<{ ok: number }>(sql`SELECT 1 AS ok FROM library_records WHERE id = ${recordId} AND deleted_at IS NULL`);
  return r.rows.length > 0;
}

export async function listReadingRooms(db: Executor): Promise<ReadingRoom[]> {
  return db.select().from(libraryReadingRooms).orderBy(asc(libraryReadingRooms.name));
}

export async function upsertReadingRoom(db: Executor, name: string, cidrs: string[], isDemo = false) {
  await db
    .insert(libraryReadingRooms)
    .values({ name, cidrs, isDemo })
    .onConflictDoUpdate({ target: libraryReadingRooms.name, set: { cidrs, updatedAt: new Date() } });
}
