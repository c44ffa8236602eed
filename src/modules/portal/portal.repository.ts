import { and, asc, desc, eq, gte, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { listAssignments, listPositions, listUnits, currentAgency } from '../../core/org/org.repository.js';
import { type LegalDocumentType, legalDocuments, portalPages } from './portal.schema.js';

export type PortalPage = typeof portalPages.$inferSelect;
export type LegalDocument = typeof legalDocuments.$inferSelect;
export type NewLegalDocument = typeof legalDocuments.$inferInsert;

/** The words of a query, NFC and lower-case, at most 10 (a pasted paragraph is not a query). */
export function queryWords(q: string): string[] {
  return q.normalize('NFC').trim().toLowerCase().slice(0, 200).split(/\s+/).filter(Boolean).slice(0, 10);
}

const likeOf = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Every word must appear in one of the columns, compared without diacritics ("đ" → "d"). */
function everyWordIn(words: string[], cols: SQL[]): SQL[] {
  return words.map((w) => {
    const like = likeOf(w);
    return sql`(${sql.join(
      cols.map((c) => sql`public.vh_unaccent(lower(${c})) LIKE public.vh_unaccent(${like})`),
      sql` OR `,
    )})`;
  });
}

// ── managed pages ────────────────────────────────────────────────────────────
export async function findPage(db: Executor, slug: string): Promise<PortalPage | undefined> {
  return (await db.select().from(portalPages).where(eq(portalPages.slug, slug)))[0];
}

export async function findPageById(db: Executor, id: string): Promise<PortalPage | undefined> {
  return (await db.select().from(portalPages).where(eq(portalPages.id, id)))[0];
}

export const listPages = (db: Executor) => db.select().from(portalPages).orderBy(asc(portalPages.section), asc(portalPages.slug));

export const listPagesInSection = (db: Executor, section: string) => db.select().from(portalPages).where(eq(portalPages.section, section));

/** Seed: creates the page when the slug is free; never overwrites what an editor wrote. */
export async function insertPageIfMissing(db: Executor, values: typeof portalPages.$inferInsert): Promise<PortalPage | undefined> {
  return (await db.insert(portalPages).values(values).onConflictDoNothing({ target: portalPages.slug }).returning())[0];
}

/** Optimistic locking: applies only to the version the editor saw; bumps the version. */
export async function updatePageVersioned(db: Executor, id: string, version: number, set: Partial<typeof portalPages.$inferInsert>) {
  return (
    await db
      .update(portalPages)
      .set({ ...set, updatedAt: new Date(), version: sql`${portalPages.version} + 1` })
      .where(and(eq(portalPages.id, id), eq(portalPages.version, version)))
      .returning()
  )[0];
}

/** Site search over managed pages: title or body, diacritic-insensitive; exact-diacritic titles first. */
export async function searchPages(db: Executor, q: string, f: { from?: string; to?: string; limit?: number } = {}): Promise<PortalPage[]> {
  const words = queryWords(q);
  if (!words.length) return [];
  const where = everyWordIn(words, [sql`${portalPages.title}`, sql`${portalPages.bodyMarkdown}`]);
  if (f.from) where.push(sql`(${portalPages.updatedAt} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= ${f.from}::date`);
  if (f.to) where.push(sql`(${portalPages.updatedAt} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= ${f.to}::date`);
  const phrase = words.join(' ');
  return db
    .select()
    .from(portalPages)
    .where(and(...where))
    .orderBy(
      sql`(lower(${portalPages.title}) LIKE ${likeOf(phrase)}) DESC`,
      sql`similarity(public.vh_unaccent(lower(${portalPages.title})), public.vh_unaccent(${phrase})) DESC`,
      asc(portalPages.title),
    )
    .limit(Math.min(f.limit ?? 50, 100));
}

// ── legal documents ──────────────────────────────────────────────────────────
export interface DocumentFilter {
  q?: string;
  type?: LegalDocumentType;
  year?: number;
  issuingBody?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

function documentWhere(f: DocumentFilter): { where: SQL | undefined; phrase: string } {
  const words = queryWords(f.q ?? '');
  const where: SQL[] = everyWordIn(words, [sql`${legalDocuments.numberSymbol}`, sql`${legalDocuments.summary}`]);
  if (f.type) where.push(eq(legalDocuments.type, f.type));
  if (f.year) {
    where.push(gte(legalDocuments.issuedDate, `${f.year}-01-01`));
    where.push(lte(legalDocuments.issuedDate, `${f.year}-12-31`));
  }
  if (f.issuingBody) where.push(eq(legalDocuments.issuingBody, f.issuingBody));
  if (f.from) where.push(gte(legalDocuments.issuedDate, f.from));
  if (f.to) where.push(lte(legalDocuments.issuedDate, f.to));
  return { where: where.length ? and(...where) : undefined, phrase: words.join(' ') };
}

/** The public register: filters combine; with a query, exact-diacritic matches rank first. */
export async function listDocuments(db: Executor, f: DocumentFilter): Promise<{ rows: LegalDocument[]; total: number }> {
  const { where, phrase } = documentWhere(f);
  const order: SQL[] = phrase
    ? [
        sql`(lower(${legalDocuments.numberSymbol}) LIKE ${likeOf(phrase)} OR lower(${legalDocuments.summary}) LIKE ${likeOf(phrase)}) DESC`,
        sql`similarity(public.vh_unaccent(lower(${legalDocuments.summary})), public.vh_unaccent(${phrase})) DESC`,
        sql`${legalDocuments.issuedDate} DESC`,
      ]
    : [sql`${legalDocuments.issuedDate} DESC`, sql`${legalDocuments.numberSymbol} ASC`];
  const rows = await db
    .select()
    .from(legalDocuments)
    .where(where)
    .orderBy(...order)
    .limit(Math.min(f.limit ?? 20, 200))
    .offset(f.offset ?? 0);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(legalDocuments).where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

export async function findDocument(db: Executor, id: string): Promise<LegalDocument | undefined> {
  return (await db.select().from(legalDocuments).where(eq(legalDocuments.id, id)))[0];
}

/** The documents this one replaced (they point to it with replaced_by_id). */
export const listReplacedBy = (db: Executor, id: string) =>
  db.select().from(legalDocuments).where(eq(legalDocuments.replacedById, id)).orderBy(desc(legalDocuments.issuedDate));

export async function findDuplicate(db: Executor, numberSymbol: string, issuingBody: string, exceptId?: string) {
  return (
    await db
      .select({ id: legalDocuments.id })
      .from(legalDocuments)
      .where(
        and(eq(legalDocuments.numberSymbol, numberSymbol), eq(legalDocuments.issuingBody, issuingBody), exceptId ? ne(legalDocuments.id, exceptId) : undefined),
      )
  )[0];
}

export const listIssuingBodies = async (db: Executor) =>
  (await db.selectDistinct({ b: legalDocuments.issuingBody }).from(legalDocuments).orderBy(asc(legalDocuments.issuingBody))).map((r) => r.b);

export const listYears = async (db: Executor) =>
  (await db.execute(sql`SELECT DISTINCT extract(year FROM issued_date)::int AS y FROM legal_documents ORDER BY y DESC`)).rows.map((r) =>
    Number((r as { y: number }).y),
  );

/** For the replaced-by choice on the staff form. */
export const listDocumentChoices = (db: Executor) =>
  db
    .select({ id: legalDocuments.id, numberSymbol: legalDocuments.numberSymbol, type: legalDocuments.type, issuedDate: legalDocuments.issuedDate })
    .from(legalDocuments)
    .orderBy(desc(legalDocuments.issuedDate))
    .limit(500);

export async function insertDocument(db: Executor, values: NewLegalDocument): Promise<LegalDocument> {
  return (await db.insert(legalDocuments).values(values).returning())[0]!;
}

export async function updateDocumentVersioned(db: Executor, id: string, version: number, set: Partial<NewLegalDocument>) {
  return (
    await db
      .update(legalDocuments)
      .set({ ...set, updatedAt: new Date(), version: sql`${legalDocuments.version} + 1` })
      .where(and(eq(legalDocuments.id, id), eq(legalDocuments.version, version)))
      .returning()
  )[0];
}

export async function deleteDocumentVersioned(db: Executor, id: string, version: number) {
  return (
    await db
      .delete(legalDocuments)
      .where(and(eq(legalDocuments.id, id), eq(legalDocuments.version, version)))
      .returning()
  )[0];
}

export const countDocuments = async (db: Executor) => Number((await db.select({ n: sql<number>`count(*)::int` }).from(legalDocuments))[0]?.n ?? 0);

export { findStoredFile } from '../../core/files/files.js';

// ── organisation (drawn from the core's org chart, never hand-written) ─────────
export interface DirectoryEntry {
  userId: string;
  name: string;
  email: string;
  phone: string | null;
  positionCode: string | null;
  position: string;
  positionEn: string;
  positionRank: number;
  unitId: string | null;
  unit: string;
  unitEn: string;
  unitSort: number;
}

const collator = new Intl.Collator('vi');

/**
 * Officials' contacts (public by law, domain.md §2): every current role assignment of an active
 * staff account, one row per person, unit and position. Citizens never appear, even if someone
 * gave one a role by mistake.
 */
export async function staffDirectory(db: Executor, today: string): Promise<DirectoryEntry[]> {
  const [assignments, positions, units] = await Promise.all([listAssignments(db), listPositions(db), listUnits(db)]);
  const current = assignments.filter((a) => a.validFrom <= today && (!a.validTo || a.validTo >= today));
  const ids = [...new Set(current.map((a) => a.userId))];
  if (!ids.length) return [];
  const people = new Map(current.map((a) => [a.userId, { kind: a.userKind, status: a.userStatus, phone: a.userPhone }]));
  const pos = new Map(positions.map((p) => [p.code, p]));
  const unitById = new Map(units.map((u) => [u.id, u]));
  const seen = new Set<string>();
  const out: DirectoryEntry[] = [];
  for (const a of current) {
    const person = people.get(a.userId);
    if (person?.kind !== 'staff' || person.status !== 'active') continue;
    const key = `${a.userId}|${a.unitId ?? ''}|${a.positionCode ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = a.positionCode ? pos.get(a.positionCode) : undefined;
    const u = a.unitId ? unitById.get(a.unitId) : undefined;
    out.push({
      userId: a.userId,
      name: a.userName,
      email: a.userEmail,
      phone: person.phone,
      positionCode: a.positionCode,
      position: p?.name ?? '',
      positionEn: p?.nameEn ?? p?.name ?? '',
      positionRank: p?.rank ?? 1000,
      unitId: a.unitId,
      unit: u?.name ?? '',
      unitEn: u?.nameEn ?? u?.name ?? '',
      unitSort: u?.sort ?? 1000,
    });
  }
  return out.sort((x, y) => x.unitSort - y.unitSort || x.positionRank - y.positionRank || collator.compare(x.name, y.name));
}

/** The org chart: the agency in force today and its units in force today, in their order. */
export async function orgChart(db: Executor, today: string) {
  const agency = await currentAgency(db, today);
  if (!agency) return { agency: undefined, units: [] };
  const units = (await listUnits(db)).filter((u) => u.agencyId === agency.id && u.validFrom <= today && (!u.validTo || u.validTo >= today));
  return { agency, units };
}

/** Every document page with its last change, for the sitemap. */
export const listDocumentsForSitemap = (db: Executor) =>
  db.select({ id: legalDocuments.id, updatedAt: legalDocuments.updatedAt }).from(legalDocuments).orderBy(sql`${legalDocuments.issuedDate} DESC`).limit(5000);

/** Managed pages with their last change, for the sitemap. */
export const listPagesForSitemap = (db: Executor) => db.select({ slug: portalPages.slug, section: portalPages.section, updatedAt: portalPages.updatedAt }).from(portalPages);
