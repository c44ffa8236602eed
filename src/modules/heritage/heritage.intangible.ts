import { and, asc, eq, sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext } from '../../core/context.js';
import { type Executor, transaction } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import { Check, nfc } from '../../core/validation.js';
import { heritagePolicy } from './heritage.policy.js';
import { INTANGIBLE_KINDS, PRACTITIONER_TITLES, heritageIntangibles, heritagePractitioners } from './heritage.schema.js';

/** Intangible cultural heritage (festivals, crafts, practices …) and its practitioners (nghệ nhân)
 * with their state titles. Online only once approved (Decree 308/2025 Art. 85–89). */

export type Intangible = typeof heritageIntangibles.$inferSelect;
export type Practitioner = typeof heritagePractitioners.$inferSelect;

export const KIND_LABELS: Record<string, { vi: string; en: string }> = {
  festival: { vi: 'Lễ hội truyền thống', en: 'Traditional festival' },
  craft: { vi: 'Nghề thủ công truyền thống', en: 'Traditional craft' },
  practice: { vi: 'Tập quán xã hội và tín ngưỡng', en: 'Social practice and belief' },
  performing_art: { vi: 'Nghệ thuật trình diễn dân gian', en: 'Folk performing art' },
  oral_tradition: { vi: 'Ngữ văn dân gian', en: 'Oral tradition' },
};
export const TITLE_LABELS: Record<string, { vi: string; en: string }> = {
  nghe_nhan_nhan_dan: { vi: 'Nghệ nhân Nhân dân', en: "People's Artisan" },
  nghe_nhan_uu_tu: { vi: 'Nghệ nhân Ưu tú', en: 'Meritorious Artisan' },
  none: { vi: 'Nghệ nhân', en: 'Practitioner' },
};

export async function listIntangibles(db: Executor, f: { publishedOnly?: boolean; kind?: string } = {}): Promise<(Intangible & { practitioners: number })[]> {
  const conds = [];
  if (f.publishedOnly) conds.push(eq(heritageIntangibles.status, 'published'));
  if (f.kind) conds.push(eq(heritageIntangibles.kind, f.kind as 'festival'));
  return db
    .select({ i: heritageIntangibles, practitioners: sql<number>`(SELECT COUNT(*)::int FROM heritage_practitioners p WHERE p.intangible_id = ${heritageIntangibles.id})` })
    .from(heritageIntangibles)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(heritageIntangibles.name))
    .then((rows) => rows.map((r) => ({ ...r.i, practitioners: r.practitioners })));
}

export async function findIntangibleByCode(db: Executor, code: string): Promise<Intangible | undefined> {
  return (await db.select().from(heritageIntangibles).where(eq(heritageIntangibles.code, code)))[0];
}

export async function practitionersOf(db: Executor, intangibleId: string): Promise<Practitioner[]> {
  return db.select().from(heritagePractitioners).where(eq(heritagePractitioners.intangibleId, intangibleId)).orderBy(asc(heritagePractitioners.title), asc(heritagePractitioners.fullName));
}

export interface IntangibleInput {
  name?: string;
  kind?: string;
  community?: string;
  area?: string;
  season?: string;
  summary?: string;
  listing?: string;
}

/** createIntangible: a draft element of intangible heritage. Outcomes: the element; CORE-100. */
export async function createIntangible(ctx: CommandContext, input: IntangibleInput) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const v = { name: nfc(input.name), kind: nfc(input.kind), community: nfc(input.community), area: nfc(input.area), season: nfc(input.season), summary: nfc(input.summary), listing: nfc(input.listing) };
  check.required('name', v.name, 'tên di sản', 'the name').maxLength('name', v.name, 300, 'Tên di sản');
  if (!(INTANGIBLE_KINDS as readonly string[]).includes(v.kind)) check.add('kind', 'Vui lòng chọn loại hình di sản phi vật thể.', 'Choose the kind.');
  for (const k of ['community', 'area', 'season', 'listing'] as const) check.maxLength(k, v[k], 300, k);
  check.maxLength('summary', v.summary, 8000, 'Mô tả');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const n = (await tx.execute<{ n: number }>(sql`SELECT COALESCE(MAX(substring(code FROM '^PVT-([0-9]+)$')::int), 0) + 1 AS n FROM heritage_intangibles`)).rows[0]!.n;
    const code = `PVT-${String(n).padStart(4, '0')}`;
    const row = (await tx.insert(heritageIntangibles).values({ ...v, kind: v.kind as 'festival', code, createdBy: ctx.actor.userId }).returning())[0]!;
    await writeAudit(tx, ctx, { action: 'heritage.intangible_create', entity: 'heritage_intangible', entityId: row.id, summary: { after: { code, name: v.name, kind: v.kind } } });
    return row;
  });
}

/** addPractitioner: a practitioner and the title they hold (the decision required with a title).
 * Outcomes: the practitioner; CORE-100; CORE-404. */
export async function addPractitioner(ctx: CommandContext, intangibleId: string, input: { fullName?: string; birthYear?: string; title?: string; titleYear?: string; titleDecision?: string }) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const fullName = nfc(input.fullName);
  const title = nfc(input.title) || 'none';
  const titleDecision = nfc(input.titleDecision);
  const year = (v: string | undefined, field: string, label: string) => {
    const s = nfc(v);
    if (!s) return null;
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1880 || n > new Date().getFullYear()) {
      check.add(field, `${label} phải là năm có bốn chữ số, từ 1880 đến nay.`, `${label}: a four-digit year.`);
      return null;
    }
    return n;
  };
  check.required('fullName', fullName, 'họ và tên nghệ nhân', 'the name').maxLength('fullName', fullName, 200, 'Họ và tên');
  const birthYear = year(input.birthYear, 'birthYear', 'Năm sinh');
  const titleYear = year(input.titleYear, 'titleYear', 'Năm được phong tặng');
  if (!(PRACTITIONER_TITLES as readonly string[]).includes(title)) check.add('title', 'Vui lòng chọn danh hiệu.', 'Choose the title.');
  if (title !== 'none') {
    check.required('titleDecision', titleDecision, 'số quyết định phong tặng', 'the decision');
    if (!titleYear) check.add('titleYear', 'Vui lòng nhập năm được phong tặng.', 'Enter the year of the title.');
  }
  if (birthYear && titleYear && titleYear < birthYear) check.add('titleYear', 'Năm phong tặng không được trước năm sinh.', 'The title cannot predate the birth.');
  check.maxLength('titleDecision', titleDecision, 200, 'Số quyết định');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const el = (await tx.select().from(heritageIntangibles).where(eq(heritageIntangibles.id, intangibleId)))[0];
    if (!el) throw Errors.notFound('Di sản phi vật thể');
    const p = (await tx.insert(heritagePractitioners).values({ intangibleId, fullName, birthYear, title: title as 'none', titleYear, titleDecision }).returning())[0]!;
    await writeAudit(tx, ctx, { action: 'heritage.practitioner_add', entity: 'heritage_intangible', entityId: intangibleId, summary: { title, titleYear } });
    return p;
  });
}

/** publishIntangible: an approver puts the element (and its practitioners) online. */
export async function publishIntangible(ctx: CommandContext, id: string) {
  await heritagePolicy.requireApprove(ctx.services, ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const r = await tx.update(heritageIntangibles).set({ status: 'published', publishedAt: new Date(), version: sql`${heritageIntangibles.version} + 1` }).where(and(eq(heritageIntangibles.id, id), eq(heritageIntangibles.status, 'draft'))).returning();
    if (!r.length) throw new AppError('HERITAGE-141', 409, 'Di sản này không ở trạng thái chờ duyệt.', 'Not a draft.');
    await writeAudit(tx, ctx, { action: 'heritage.intangible_publish', entity: 'heritage_intangible', entityId: id, summary: { code: r[0]!.code } });
    return r[0]!;
  });
}
