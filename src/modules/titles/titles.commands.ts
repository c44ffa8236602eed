import { and, eq, sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import { isValidIso } from '../../core/calendar/index.js';
import type { CommandContext } from '../../core/context.js';
import { type Executor, transaction } from '../../core/db/index.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { getAdminUnit, isInForce, predecessorsOf } from '../../core/places/index.js';
import { Check, nfc, parseDateInput } from '../../core/validation.js';
import { titlesClock } from './titles.clock.js';
import { titlesPolicy } from './titles.policy.js';
import * as repo from './titles.repository.js';
import { cycleDeadlines, procedureAt, unmetCriteria } from './titles.rules.js';
import {
  type CriteriaGroup,
  ROUND_KINDS,
  type RoundKind,
  SUBJECT_VI,
  TITLE_KINDS,
  TITLE_VI,
  type TitleKind,
  titlesBatches,
  titlesComments,
  titlesCriteriaVersions,
  titlesCycles,
  titlesEntries,
  titlesEntryRevisions,
  titlesProposalItems,
  titlesProposals,
} from './titles.schema.js';
import { type ImportRow, readRows } from './titles.xlsx.js';

export { SUBJECT_VI, TITLE_VI };

export const CYCLE_STATUS_VI: Record<string, string> = {
  open: 'Đang đăng ký, tự đánh giá',
  listing: 'Đang niêm yết lấy ý kiến',
  reviewed: 'Đã họp hội đồng',
  decided: 'Đã có quyết định',
  published: 'Đã công bố',
};
export const ENTRY_STATUS_VI: Record<string, string> = {
  registered: 'Đã đăng ký',
  assessed: 'Đạt khi tự đánh giá',
  not_met: 'Chưa đạt',
  proposed: 'Được đề nghị',
  recognised: 'Được công nhận',
  excluded: 'Không xét (loại trừ)',
};
export const PROPOSAL_STATUS_VI: Record<string, string> = { submitted: 'Đã gửi đề nghị', decided: 'Đã có quyết định khen thưởng' };
const vi = (iso: string) => iso.split('-').reverse().join('/');
const fail = (code: string, field: string, vi: string, en: string) => new AppError(code, 400, 'Thông tin nhập chưa hợp lệ. Vui lòng sửa các lỗi bên dưới.', 'Some input is not valid.', { [field]: { vi, en } });

async function loadCycle(ctx: CommandContext, id: string) {
  const c = await repo.findCycle(ctx.services.db, id);
  if (!c) throw Errors.notFound('Đợt bình xét');
  return c;
}
function requireStatus(c: repo.Cycle, allowed: string[], doing: string) {
  if (!allowed.includes(c.status)) throw new AppError('TITLES-409', 409, `Không thể ${doing}: đợt bình xét đang ở bước "${CYCLE_STATUS_VI[c.status]}".`, `Cannot ${doing} in state ${c.status}.`);
}

/** openYear: a commune's round of `year` for a title (households by default, or villages and
 * residential groups) under that title's criteria in force on the opening day. The commune must
 * exist on that day (after the 2025 merger the old codes are refused). */
export async function openYear(ctx: CommandContext, input: { communeCode?: string; year?: string | number; titleKind?: string }) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const today = titlesClock.today();
  const check = new Check();
  const code = nfc(input.communeCode);
  const year = Number(input.year);
  const kind = (nfc(input.titleKind) || 'household') as RoundKind;
  if (!(ROUND_KINDS as readonly string[]).includes(kind)) check.add('titleKind', 'Vui lòng chọn danh hiệu bình xét: "Gia đình văn hóa" hoặc "Thôn, tổ dân phố văn hóa".', 'Choose the title.');
  if (!Number.isInteger(year) || year < 2024 || year > Number(today.slice(0, 4)) + 1) check.add('year', `Năm bình xét phải từ 2024 (Nghị định 86/2023/NĐ-CP có hiệu lực 30/01/2024) đến ${Number(today.slice(0, 4)) + 1}.`, 'Year out of range.');
  const unit = code ? await getAdminUnit(ctx.services.db, code) : undefined;
  if (!unit || !['commune', 'ward', 'special_zone'].includes(unit.level)) check.add('communeCode', 'Vui lòng chọn xã, phường, đặc khu.', 'Choose a commune.');
  else if (!isInForce(unit, today)) check.add('communeCode', `${unit.name} không còn tồn tại từ sau ngày ${vi(unit.validTo ?? '')}; vui lòng chọn đơn vị hành chính hiện hành.`, 'The unit no longer exists.');
  check.throwIfAny();
  const criteria = await repo.criteriaAt(ctx.services.db, kind, today);
  if (!criteria) throw new AppError('TITLES-101', 400, `Chưa có bộ tiêu chí "${TITLE_VI[kind]}" có hiệu lực hôm nay.`, 'No criteria in force.');
  return transaction(ctx.services.pool, async (tx) => {
    if (await repo.findCycleByCommuneYear(tx, code, year, kind)) throw fail('TITLES-102', 'year', `${unit!.name} đã mở đợt bình xét "${TITLE_VI[kind]}" năm ${year}.`, 'Already open.');
    const [c] = await tx.insert(titlesCycles).values({ communeCode: code, communeName: unit!.name, year, titleKind: kind, criteriaVersionId: criteria.id, openedOn: today }).returning();
    await writeAudit(tx, ctx, { action: 'titles.open_year', entity: 'titles_cycle', entityId: c!.id, summary: { after: { communeCode: code, year, titleKind: kind, criteria: `${criteria.decree} (${criteria.effectiveFrom})` } } });
    return c!;
  });
}

export interface RowProblem {
  row: number;
  vi: string;
  en: string;
}

/** importRegistrations: the commune's XLSX list (households, or villages for a village round).
 * Every row is checked against the register; one bad row and nothing is saved. */
export async function importRegistrations(ctx: CommandContext, cycleId: string, data: Buffer) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const c = await loadCycle(ctx, cycleId);
  requireStatus(c, ['open'], 'nhập danh sách đăng ký');
  let rows: Awaited<ReturnType<typeof readRows>>;
  try {
    rows = await readRows(data, c.titleKind);
  } catch {
    rows = null;
  }
  if (!rows) throw fail('TITLES-110', 'file', 'Tệp không phải mẫu danh sách đăng ký (XLSX) của hệ thống; vui lòng tải mẫu và điền lại.', 'Not the template.');
  if (!rows.length) throw fail('TITLES-111', 'file', 'Tệp không có dòng nào.', 'The file has no rows.');
  if (rows.length > 20_000) throw fail('TITLES-112', 'file', 'Tệp có quá 20.000 dòng.', 'Too many rows.');
  const { problems, values } = await checkRegistrations(ctx, c, rows);
  if (problems.length) throw importError(problems);
  return insertRegistrations(ctx, c, values, 'import');
}

/** registerVillages: the village round's registrations ticked on the round's page (a commune has a
 * handful of villages; the XLSX import takes the same checks). */
export async function registerVillages(ctx: CommandContext, cycleId: string, codes: string[]) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const c = await loadCycle(ctx, cycleId);
  if (c.titleKind !== 'village') throw new AppError('TITLES-114', 409, 'Đợt này bình xét hộ gia đình; vui lòng nhập danh sách hộ bằng tệp XLSX.', 'Not a village round.');
  requireStatus(c, ['open'], 'đăng ký thôn, tổ dân phố');
  const list = codes.map((x) => nfc(x).toUpperCase()).filter(Boolean);
  if (!list.length) throw fail('TITLES-115', 'villages', 'Vui lòng chọn ít nhất một thôn, tổ dân phố đăng ký.', 'Choose at least one village.');
  const { problems, values } = await checkRegistrations(
    ctx,
    c,
    list.map((villageCode, i) => ({ row: i + 1, householdCode: '', villageCode })),
  );
  if (problems.length) {
    const fields: FieldErrors = {};
    problems.slice(0, 50).forEach((p, i) => {
      fields[i ? `villages-${i}` : 'villages'] = { vi: p.vi.charAt(0).toUpperCase() + p.vi.slice(1), en: p.en };
    });
    throw new AppError('TITLES-120', 400, `Có ${problems.length} lỗi trong danh sách đăng ký; chưa lưu thôn, tổ dân phố nào.`, `${problems.length} errors; nothing saved.`, fields);
  }
  return insertRegistrations(ctx, c, values, 'form');
}

type EntryValues = { cycleId: string; titleKind: RoundKind; householdId: string | null; villageId: string; year: number; communeCode: string };

/** The register checks of a list of registrations: households (unknown, village of another commune
 * or not the household's, duplicate, already registered or excluded this year) or villages
 * (unknown, another commune's, not in force in the year, duplicate, already registered). */
async function checkRegistrations(ctx: CommandContext, c: repo.Cycle, rows: ImportRow[]): Promise<{ problems: RowProblem[]; values: EntryValues[] }> {
  const db = ctx.services.db;
  const villages = new Map((await repo.villagesByCodes(db, [...new Set(rows.map((r) => r.villageCode).filter(Boolean))])).map((v) => [v.code, v]));
  const problems: RowProblem[] = [];
  const values: EntryValues[] = [];
  const seen = new Map<string, number>();
  if (c.titleKind === 'village') {
    const existing = new Map((await repo.villageEntriesOf(db, [...villages.values()].map((v) => v.id), c.year)).map((e) => [e.villageId, e]));
    for (const r of rows) {
      const p = (v: string, e: string) => problems.push({ row: r.row, vi: v, en: e });
      const v = villages.get(r.villageCode);
      if (!r.villageCode) p('thiếu mã thôn, tổ dân phố.', 'village code missing.');
      else if (!v) p(`không có thôn, tổ dân phố mã "${r.villageCode}" trong sổ theo dõi.`, `unknown village ${r.villageCode}.`);
      else if (v.communeCode !== c.communeCode) p(`thôn, tổ dân phố "${v.name}" (${v.code}) thuộc xã, phường khác, không thuộc ${c.communeName}.`, 'village of another commune.');
      else if (v.validFrom > `${c.year}-12-31` || (v.validTo && v.validTo < `${c.year}-01-01`)) p(`thôn, tổ dân phố "${v.name}" không tồn tại trong năm ${c.year}.`, 'village not in force that year.');
      else {
        const first = seen.get(v.code);
        const e = existing.get(v.id);
        if (first) p(`thôn, tổ dân phố "${v.name}" trùng với dòng ${first}.`, `duplicate of row ${first}.`);
        else if (e?.status === 'excluded') p(`thôn, tổ dân phố "${v.name}" thuộc diện không xét năm ${c.year} (${e.exclusionReason ?? 'loại trừ'}).`, 'village excluded this year.');
        else if (e) p(`thôn, tổ dân phố "${v.name}" đã đăng ký năm ${c.year}.`, 'already registered this year.');
        else {
          seen.set(v.code, r.row);
          values.push({ cycleId: c.id, titleKind: 'village', householdId: null, villageId: v.id, year: c.year, communeCode: c.communeCode });
        }
      }
    }
    return { problems, values };
  }
  const households = new Map((await repo.householdsByCodes(db, [...new Set(rows.map((r) => r.householdCode))])).map((h) => [h.code, h]));
  const existing = new Map((await repo.entriesOfHouseholds(db, [...households.values()].map((h) => h.id), c.year)).map((e) => [e.householdId, e]));
  for (const r of rows) {
    const p = (v: string, e: string) => problems.push({ row: r.row, vi: v, en: e });
    const h = households.get(r.householdCode);
    const v = villages.get(r.villageCode);
    if (!r.householdCode) p('thiếu mã hộ.', 'household code missing.');
    else if (!h) p(`không có hộ mã "${r.householdCode}" trong sổ theo dõi.`, `unknown household ${r.householdCode}.`);
    if (!v) p(`không có thôn, tổ dân phố mã "${r.villageCode}".`, `unknown village ${r.villageCode}.`);
    else if (v.communeCode !== c.communeCode) p(`thôn, tổ dân phố "${v.name}" thuộc xã, phường khác, không thuộc ${c.communeName}.`, 'village of another commune.');
    else if (h && h.villageId !== v.id) p(`hộ "${r.householdCode}" không thuộc ${v.name} theo sổ theo dõi.`, 'household not in that village.');
    if (h) {
      const first = seen.get(h.code);
      if (first) p(`hộ "${h.code}" trùng với dòng ${first}.`, `duplicate of row ${first}.`);
      else seen.set(h.code, r.row);
      const e = existing.get(h.id);
      if (e?.status === 'excluded') p(`hộ "${h.code}" thuộc diện không xét năm ${c.year} (${e.exclusionReason ?? 'loại trừ'}).`, 'household excluded this year.');
      else if (e) p(`hộ "${h.code}" đã đăng ký năm ${c.year}.`, 'already registered this year.');
      if (!first && !e) values.push({ cycleId: c.id, titleKind: 'household', householdId: h.id, villageId: h.villageId, year: c.year, communeCode: c.communeCode });
    }
  }
  return { problems, values };
}

async function insertRegistrations(ctx: CommandContext, c: repo.Cycle, values: EntryValues[], via: 'import' | 'form') {
  return transaction(ctx.services.pool, async (tx) => {
    for (let i = 0; i < values.length; i += 2000) await tx.insert(titlesEntries).values(values.slice(i, i + 2000));
    await writeAudit(tx, ctx, { action: 'titles.import_registrations', entity: 'titles_cycle', entityId: c.id, summary: { rows: values.length, titleKind: c.titleKind, via } });
    return { imported: values.length };
  });
}

export function importError(problems: RowProblem[]): AppError {
  const fields: FieldErrors = {};
  problems.slice(0, 50).forEach((p, i) => {
    fields[`xlsx-${i}`] = { vi: `Dòng ${p.row}: ${p.vi}`, en: `Row ${p.row}: ${p.en}` };
  });
  return new AppError('TITLES-120', 400, `Danh sách có ${problems.length} dòng lỗi; chưa lưu dòng nào.`, `${problems.length} row errors; nothing saved.`, fields);
}

async function reviseEntry(tx: Parameters<Parameters<typeof transaction>[1]>[0], ctx: CommandContext, e: repo.Entry, reason: string) {
  await tx.insert(titlesEntryRevisions).values({
    entryId: e.id,
    revision: e.revision,
    data: { status: e.status, answers: e.answers, exclusionReason: e.exclusionReason, exclusionBasis: e.exclusionBasis, midYearNote: e.midYearNote },
    reason,
    createdBy: ctx.actor.userId ?? null,
  });
}

/** recordAssessment: the household's self-assessment against the criteria version of the round
 * (and the mid-year note). A change after a first assessment keeps the earlier one as a revision. */
export async function recordAssessment(ctx: CommandContext, entryId: string, input: Record<string, string | undefined>) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const e = await repo.findEntry(ctx.services.db, entryId);
  if (!e) throw Errors.notFound('Đơn vị đăng ký');
  const c = await loadCycle(ctx, e.cycleId);
  requireStatus(c, ['open'], 'ghi tự đánh giá');
  if (e.status === 'excluded') throw new AppError('TITLES-130', 409, `${c.titleKind === 'household' ? 'Hộ' : 'Thôn, tổ dân phố'} này thuộc diện không xét trong năm; không ghi tự đánh giá.`, 'Excluded.');
  const criteria = await repo.criteriaById(ctx.services.db, c.criteriaVersionId);
  const computed = await computedAnswers(ctx, c, e, criteria!.groups);
  const check = new Check();
  const answers: Record<string, string> = {};
  for (const g of criteria!.groups)
    for (const cr of g.criteria) {
      const v = computed[cr.code] ?? nfc(input[`c-${cr.code}`]);
      if (computed[cr.code] !== undefined) {
        // filled by the system from the household round; nothing typed to check
      } else if (cr.kind === 'yes_no') {
        if (v !== 'yes' && v !== 'no') check.add(`c-${cr.code}`, `Tiêu chí ${cr.code}: vui lòng chọn Đạt hoặc Không đạt.`, `Criterion ${cr.code}: choose.`);
      } else {
        const n = Number(v.replace(',', '.'));
        if (v === '' || !Number.isFinite(n) || n < 0 || (cr.max !== undefined && n > cr.max))
          check.add(`c-${cr.code}`, `Tiêu chí ${cr.code}: vui lòng nhập số${cr.max !== undefined ? ` từ 0 đến ${cr.max}` : ' không âm'}.`, `Criterion ${cr.code}: enter a number.`);
      }
      answers[cr.code] = v;
    }
  const note = nfc(input.midYearNote).slice(0, 2000);
  check.throwIfAny();
  const unmet = unmetCriteria(criteria!.groups, answers);
  const status = unmet.length ? 'not_met' : 'assessed';
  return transaction(ctx.services.pool, async (tx) => {
    if (e.status !== 'registered') await reviseEntry(tx, ctx, e, nfc(input.reason) || 'Sửa tự đánh giá');
    await tx
      .update(titlesEntries)
      .set({ answers, status, midYearNote: note, revision: e.status !== 'registered' ? e.revision + 1 : e.revision, updatedAt: new Date() })
      .where(eq(titlesEntries.id, e.id));
    await writeAudit(tx, ctx, { action: 'titles.assess', entity: 'titles_entry', entityId: e.id, summary: { before: { status: e.status }, after: { status, unmet } } });
    return { status, unmet };
  });
}

/** The criteria the system fills: the share of the village's households recognised "Gia đình văn
 * hóa" by the commune's decided household round of the same year. Without that decision the
 * village cannot be assessed yet. */
async function computedAnswers(ctx: CommandContext, c: repo.Cycle, e: repo.Entry, groups: CriteriaGroup[]): Promise<Record<string, string>> {
  const codes = groups.flatMap((g) => g.criteria.filter((x) => x.computed === 'household_share').map((x) => x.code));
  if (!codes.length) return {};
  const hc = await repo.findCycleByCommuneYear(ctx.services.db, c.communeCode, c.year, 'household');
  if (!hc || !['decided', 'published'].includes(hc.status))
    throw new AppError(
      'TITLES-131',
      409,
      `Chưa có quyết định công nhận "Gia đình văn hóa" năm ${c.year} của ${c.communeName}; chưa tính được tỷ lệ hộ gia đình văn hóa của thôn (tiêu chí ${codes.join(', ')}). Vui lòng hoàn thành đợt bình xét hộ gia đình trước.`,
      'The household round of the year has no decision yet.',
    );
  const { total, recognised } = await repo.householdShare(ctx.services.db, hc.id, e.villageId);
  const share = total ? String(Math.round((recognised * 1000) / total) / 10) : '0';
  return Object.fromEntries(codes.map((k) => [k, share]));
}

/** excludeEntry: a household not considered this year, with the reason of the rules file and its basis. */
export async function excludeEntry(ctx: CommandContext, entryId: string, input: { reason?: string; basis?: string }) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const e = await repo.findEntry(ctx.services.db, entryId);
  if (!e) throw Errors.notFound('Đơn vị đăng ký');
  const c = await loadCycle(ctx, e.cycleId);
  requireStatus(c, ['open', 'listing', 'reviewed'], 'ghi loại trừ');
  const reason = procedureAt(c.titleKind, titlesClock.today()).exclusionReasons.find((r) => r.key === nfc(input.reason));
  const basis = nfc(input.basis).slice(0, 1000);
  const check = new Check();
  if (!reason) check.add('reason', 'Vui lòng chọn lý do không xét.', 'Choose a reason.');
  if (!basis) check.add('basis', 'Vui lòng ghi căn cứ (văn bản, sự việc) của việc không xét.', 'Enter the basis.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    await reviseEntry(tx, ctx, e, `Không xét: ${reason!.label}`);
    await tx.update(titlesEntries).set({ status: 'excluded', exclusionReason: reason!.label, exclusionBasis: basis, revision: e.revision + 1, updatedAt: new Date() }).where(eq(titlesEntries.id, e.id));
    await writeAudit(tx, ctx, { action: 'titles.exclude', entity: 'titles_entry', entityId: e.id, summary: { before: { status: e.status }, after: { status: 'excluded', reason: reason!.key } } });
  });
}

/** publishListing: the village meeting's proposal (every household that met the criteria) is
 * posted for the number of days of the rules file, from `listingStart`. */
export async function publishListing(ctx: CommandContext, cycleId: string, input: { listingStart?: string }) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const c = await loadCycle(ctx, cycleId);
  requireStatus(c, ['open'], 'niêm yết');
  const start = parseDateInput(nfc(input.listingStart));
  if (!start) throw fail('TITLES-140', 'listingStart', 'Vui lòng nhập ngày bắt đầu niêm yết (ngày/tháng/năm).', 'Enter the start date.');
  if (Number(start.slice(0, 4)) !== c.year) throw fail('TITLES-141', 'listingStart', `Ngày niêm yết phải trong năm ${c.year}.`, 'Wrong year.');
  const cal = await ctx.services.calendar.calendar();
  const d = cycleDeadlines(cal, c.year, { listingStart: start }, c.titleKind);
  return transaction(ctx.services.pool, async (tx) => {
    const proposed = await tx.update(titlesEntries).set({ status: 'proposed', updatedAt: new Date() }).where(and(eq(titlesEntries.cycleId, c.id), eq(titlesEntries.status, 'assessed'))).returning({ id: titlesEntries.id });
    if (!proposed.length) throw fail('TITLES-142', 'listingStart', `Chưa có ${SUBJECT_VI[c.titleKind]} nào đạt khi tự đánh giá; chưa thể niêm yết.`, 'Nobody to list.');
    await tx.update(titlesCycles).set({ status: 'listing', listingStart: start, listingEnd: d.listingEnd!, version: c.version + 1 }).where(eq(titlesCycles.id, c.id));
    await writeAudit(tx, ctx, { action: 'titles.publish_listing', entity: 'titles_cycle', entityId: c.id, summary: { after: { listingStart: start, listingEnd: d.listingEnd, proposed: proposed.length } } });
    return { listingEnd: d.listingEnd!, proposed: proposed.length };
  });
}

/** addComment: a resident's comment during the listing (anonymous, rate-limited at the route).
 * The name is kept for the council, never published. */
export async function addComment(ctx: CommandContext, cycleId: string, input: { authorName?: string; body?: string }) {
  const c = await loadCycle(ctx, cycleId);
  const today = titlesClock.today();
  if (c.status !== 'listing' || !c.listingStart || !c.listingEnd || today < c.listingStart || today > c.listingEnd)
    throw new AppError('TITLES-150', 409, 'Danh sách không trong thời gian niêm yết lấy ý kiến.', 'The listing is not open for comments.');
  const check = new Check();
  const authorName = nfc(input.authorName).slice(0, 200);
  const body = nfc(input.body);
  check.required('authorName', authorName, 'họ tên', 'your name').required('body', body, 'nội dung góp ý', 'the comment').maxLength('body', body, 4000, 'Nội dung góp ý');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const [row] = await tx.insert(titlesComments).values({ cycleId: c.id, authorName, body }).returning();
    // The audit row names no one (the name stays in titles_comments for the council).
    await writeAudit(tx, ctx, { action: 'titles.comment', entity: 'titles_cycle', entityId: c.id, summary: { comment: row!.id } });
    return row!;
  });
}

/** recordMinutes: the commune council's review after the listing; the file is complete that day,
 * and the decision deadline counts from it (rules file: working days). */
export async function recordMinutes(ctx: CommandContext, cycleId: string, input: { number?: string; date?: string; text?: string }) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const c = await loadCycle(ctx, cycleId);
  requireStatus(c, ['listing'], 'ghi biên bản');
  const check = new Check();
  const number = nfc(input.number).slice(0, 100);
  const text = nfc(input.text).slice(0, 20_000);
  const date = parseDateInput(nfc(input.date));
  check.required('number', number, 'số biên bản', 'the number').required('text', text, 'nội dung biên bản', 'the minutes');
  if (!date) check.add('date', 'Vui lòng nhập ngày họp (ngày/tháng/năm).', 'Enter the date.');
  else if (date <= c.listingEnd!) check.add('date', `Hội đồng họp sau khi hết thời gian niêm yết (${vi(c.listingEnd!)}).`, 'The council meets after the listing.');
  else if (date > titlesClock.today()) check.add('date', 'Ngày họp không được sau ngày hôm nay.', 'Date in the future.');
  check.throwIfAny();
  const cal = await ctx.services.calendar.calendar();
  const d = cycleDeadlines(cal, c.year, { listingStart: c.listingStart, fileComplete: date }, c.titleKind);
  return transaction(ctx.services.pool, async (tx) => {
    await tx.update(titlesCycles).set({ status: 'reviewed', minutesNumber: number, minutesDate: date!, minutesText: text, decisionDue: d.decisionDue!, version: c.version + 1 }).where(eq(titlesCycles.id, c.id));
    await writeAudit(tx, ctx, { action: 'titles.minutes', entity: 'titles_cycle', entityId: c.id, summary: { after: { number, date, decisionDue: d.decisionDue } } });
    return { decisionDue: d.decisionDue! };
  });
}

/** issueDecision: the chairman's decision (number, date). Refused when dated before the listing
 * ended; every proposed household is recognised; the yearly totals are rewritten. */
export async function issueDecision(ctx: CommandContext, cycleId: string, input: { number?: string; date?: string; signer?: string }) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const c = await loadCycle(ctx, cycleId);
  requireStatus(c, ['reviewed'], 'ghi quyết định');
  const check = new Check();
  const number = nfc(input.number).slice(0, 100);
  const signer = nfc(input.signer).slice(0, 200);
  const date = parseDateInput(nfc(input.date));
  check.required('number', number, 'số quyết định', 'the number').required('signer', signer, 'người ký', 'the signer');
  if (!date) check.add('date', 'Vui lòng nhập ngày quyết định (ngày/tháng/năm).', 'Enter the date.');
  else if (date <= c.listingEnd!) check.add('date', `Ngày quyết định (${vi(date)}) phải sau ngày hết niêm yết ${vi(c.listingEnd!)}.`, 'The decision is dated before the listing ended.');
  else if (date < c.minutesDate!) check.add('date', `Ngày quyết định phải từ ngày họp hội đồng (${vi(c.minutesDate!)}).`, 'Before the minutes.');
  else if (date > titlesClock.today()) check.add('date', 'Ngày quyết định không được sau ngày hôm nay.', 'Date in the future.');
  check.throwIfAny();
  const cal = await ctx.services.calendar.calendar();
  const d = cycleDeadlines(cal, c.year, { listingStart: c.listingStart, fileComplete: c.minutesDate, decisionDate: date }, c.titleKind);
  const level = procedureAt(c.titleKind, date!).decidingLevel.label;
  return transaction(ctx.services.pool, async (tx) => {
    const n = await tx.update(titlesEntries).set({ status: 'recognised', updatedAt: new Date() }).where(and(eq(titlesEntries.cycleId, c.id), eq(titlesEntries.status, 'proposed'))).returning({ id: titlesEntries.id });
    const [after] = await tx.update(titlesCycles).set({ status: 'decided', decisionNumber: number, decisionDate: date!, decisionSigner: signer, publishDue: d.publishDue!, version: c.version + 1 }).where(eq(titlesCycles.id, c.id)).returning();
    await repo.writeStats(tx, after!);
    await writeAudit(tx, ctx, { action: 'titles.decision', entity: 'titles_cycle', entityId: c.id, summary: { after: { number, date, decidingLevel: level, recognised: n.length, publishDue: d.publishDue } } });
    return { recognised: n.length, publishDue: d.publishDue! };
  });
}

/** publishList: the list of recognised households goes on the public pages. */
export async function publishList(ctx: CommandContext, cycleId: string) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const c = await loadCycle(ctx, cycleId);
  requireStatus(c, ['decided'], 'công bố');
  const today = titlesClock.today();
  return transaction(ctx.services.pool, async (tx) => {
    await tx.update(titlesCycles).set({ status: 'published', publishedOn: today, version: c.version + 1 }).where(eq(titlesCycles.id, c.id));
    await writeAudit(tx, ctx, { action: 'titles.publish', entity: 'titles_cycle', entityId: c.id, summary: { after: { publishedOn: today, late: today > (c.publishDue ?? today) } } });
  });
}

/** requestCertificates: one merged PDF of every recognised household, rendered by a job. */
export async function requestCertificates(ctx: CommandContext, cycleId: string) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const c = await loadCycle(ctx, cycleId);
  requireStatus(c, ['decided', 'published'], 'in giấy công nhận');
  return transaction(ctx.services.pool, async (tx) => {
    const [{ n }] = (await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM titles_entries WHERE cycle_id = ${c.id} AND status = 'recognised'`)).rows as [{ n: number }];
    const [b] = await tx.insert(titlesBatches).values({ cycleId: c.id, total: n, createdBy: ctx.actor.userId ?? null }).returning();
    await ctx.services.jobs.sendInTx(tx, 'titles.certificates', { batchId: b!.id });
    await writeAudit(tx, ctx, { action: 'titles.certificates', entity: 'titles_cycle', entityId: c.id, summary: { batch: b!.id, total: n } });
    return b!;
  });
}

/** addCriteriaVersion: an administrator enters a new version of a title's criteria (a new decree);
 * it applies to rounds opened from its effective date, never to past years. */
export async function addCriteriaVersion(ctx: CommandContext, input: { titleKind?: string; decree?: string; appendix?: string; effectiveFrom?: string; decidingLevel?: string; groups?: string; note?: string }) {
  await titlesPolicy.requireAdmin(ctx.services, ctx.actor);
  const check = new Check();
  const titleKind = nfc(input.titleKind) as TitleKind;
  const decree = nfc(input.decree);
  const appendix = nfc(input.appendix);
  const decidingLevel = nfc(input.decidingLevel);
  const effectiveFrom = parseDateInput(nfc(input.effectiveFrom));
  if (!(TITLE_KINDS as readonly string[]).includes(titleKind)) check.add('titleKind', 'Vui lòng chọn danh hiệu.', 'Choose a title.');
  check.required('decree', decree, 'văn bản quy định', 'the decree').required('appendix', appendix, 'phụ lục', 'the appendix').required('decidingLevel', decidingLevel, 'cấp quyết định', 'the deciding level');
  if (!effectiveFrom || !isValidIso(effectiveFrom)) check.add('effectiveFrom', 'Vui lòng nhập ngày hiệu lực (ngày/tháng/năm).', 'Enter the date.');
  else if (effectiveFrom <= titlesClock.today()) check.add('effectiveFrom', 'Phiên bản mới chỉ áp dụng từ một ngày sau hôm nay; các năm đã mở giữ tiêu chí cũ.', 'Must be in the future.');
  let groups: CriteriaGroup[] = [];
  try {
    groups = JSON.parse(input.groups ?? '') as CriteriaGroup[];
    const ok = Array.isArray(groups) && groups.length > 0 && groups.every((g) => g.code && g.title && Array.isArray(g.criteria) && g.criteria.every((c) => c.code && c.text && ['yes_no', 'score', 'count'].includes(c.kind)));
    if (!ok) throw new Error('shape');
  } catch {
    check.add('groups', 'Tiêu chí phải là JSON: danh sách nhóm {code, title, criteria: [{code, text, kind: yes_no|score|count, min?, max?, evidence}]}.', 'Criteria must be JSON groups.');
  }
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const [row] = await tx
      .insert(titlesCriteriaVersions)
      .values({ titleKind, decree, appendix, effectiveFrom: effectiveFrom!, decidingLevel, groups, note: nfc(input.note), createdBy: ctx.actor.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw fail('TITLES-160', 'effectiveFrom', 'Đã có phiên bản tiêu chí của danh hiệu này từ ngày đó.', 'A version exists on that date.');
    await writeAudit(tx, ctx, { action: 'titles.criteria_version', entity: 'titles_criteria_version', entityId: row.id, summary: { after: { titleKind, decree, effectiveFrom } } });
    return row;
  });
}

/** createProposal: the commune's proposal ("tờ trình") of "tiêu biểu" households or villages for
 * commendation. Only subjects recognised by the year's decided round and holding the title for
 * the consecutive years of the rules (procedure in force on the proposal's date) may be put
 * forward; one proposal per commune, year and title. */
export async function createProposal(ctx: CommandContext, input: { communeCode?: string; year?: string | number; titleKind?: string; number?: string; date?: string; entryIds?: string[] }) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const db = ctx.services.db;
  const check = new Check();
  const kind = nfc(input.titleKind) as RoundKind;
  const code = nfc(input.communeCode);
  const year = Number(input.year);
  if (!(ROUND_KINDS as readonly string[]).includes(kind)) check.add('titleKind', 'Vui lòng chọn danh hiệu.', 'Choose the title.');
  if (!code) check.add('communeCode', 'Vui lòng chọn xã, phường, đặc khu.', 'Choose a commune.');
  // Rounds exist from 2024 (Decree 86/2023 in force 30/01/2024); the bound also keeps the value an integer the database takes.
  if (!Number.isInteger(year) || year < 2024 || year > 9999) check.add('year', 'Vui lòng nhập năm (từ 2024).', 'Enter the year (2024 on).');
  check.throwIfAny();
  const c = await repo.findCycleByCommuneYear(db, code, year, kind);
  if (!c || !['decided', 'published'].includes(c.status))
    throw fail('TITLES-170', 'year', `Chưa có quyết định công nhận "${TITLE_VI[kind]}" năm ${year} của xã, phường này; chỉ đề nghị tiêu biểu sau khi có quyết định.`, 'No decided round that year.');
  const number = nfc(input.number).slice(0, 100);
  const date = parseDateInput(nfc(input.date));
  check.required('number', number, 'số tờ trình', 'the number');
  if (!date) check.add('date', 'Vui lòng nhập ngày tờ trình (ngày/tháng/năm).', 'Enter the date.');
  else if (date < c.decisionDate!) check.add('date', `Ngày tờ trình phải từ ngày quyết định công nhận năm ${year} (${vi(c.decisionDate!)}).`, 'Before the recognition decision.');
  else if (date > titlesClock.today()) check.add('date', 'Ngày tờ trình không được sau ngày hôm nay.', 'Date in the future.');
  const rule = procedureAt(kind, date ?? titlesClock.today()).commendation;
  const ids = (input.entryIds ?? []).map((x) => nfc(x));
  const recognised = new Map((await repo.recognisedWithStreak(db, c)).map((r) => [r.entryId, r]));
  const noun = SUBJECT_VI[kind];
  if (!ids.length) check.add('entries', `Vui lòng chọn ít nhất một ${noun} đề nghị tiêu biểu.`, 'Choose at least one.');
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const r = recognised.get(id);
    const field = i ? `entries-${i}` : 'entries';
    if (seen.has(id)) check.add(field, `Một ${noun} được chọn hai lần.`, 'Chosen twice.');
    else if (!r) check.add(field, `Có ${noun} được chọn không thuộc danh sách được công nhận "${TITLE_VI[kind]}" năm ${year} của ${c.communeName}.`, 'Not recognised by this round.');
    else if (r.yearsHeld < rule.consecutiveYears)
      check.add(field, `${kind === 'household' ? `Hộ ông/bà ${r.name}` : r.name} mới giữ danh hiệu ${r.yearsHeld} năm liên tục; cần đủ ${rule.consecutiveYears} năm liên tục để đề nghị tiêu biểu.`, `Held ${r.yearsHeld} years; ${rule.consecutiveYears} needed.`);
    seen.add(id);
  });
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const [row] = await tx
      .insert(titlesProposals)
      .values({ communeCode: c.communeCode, communeName: c.communeName, year, titleKind: kind, cycleId: c.id, consecutiveYears: rule.consecutiveYears, decidingLevel: rule.decidingLevel, number, proposedOn: date!, createdBy: ctx.actor.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw fail('TITLES-171', 'year', `${c.communeName} đã lập tờ trình đề nghị "${TITLE_VI[kind]}" tiêu biểu năm ${year}.`, 'A proposal exists for that year.');
    await tx.insert(titlesProposalItems).values(ids.map((id) => ({ proposalId: row.id, entryId: id, yearsHeld: recognised.get(id)!.yearsHeld })));
    await writeAudit(tx, ctx, { action: 'titles.propose', entity: 'titles_proposal', entityId: row.id, summary: { after: { communeCode: c.communeCode, year, titleKind: kind, number, date, items: ids.length, consecutiveYears: rule.consecutiveYears } } });
    return row;
  });
}

/** decideProposal: the deciding level's answer to a proposal (number, date, signer, and which of
 * the proposed subjects are commended). */
export async function decideProposal(ctx: CommandContext, proposalId: string, input: { number?: string; date?: string; signer?: string; awardedIds?: string[] }) {
  await titlesPolicy.requireManage(ctx.services, ctx.actor);
  const p = await repo.findProposal(ctx.services.db, proposalId);
  if (!p) throw Errors.notFound('Tờ trình đề nghị');
  if (p.status !== 'submitted') throw new AppError('TITLES-409', 409, 'Tờ trình này đã có quyết định khen thưởng.', 'Already decided.');
  const items = await repo.proposalItems(ctx.services.db, p.id);
  const check = new Check();
  const number = nfc(input.number).slice(0, 100);
  const signer = nfc(input.signer).slice(0, 200);
  const date = parseDateInput(nfc(input.date));
  check.required('number', number, 'số quyết định', 'the number').required('signer', signer, 'người ký', 'the signer');
  if (!date) check.add('date', 'Vui lòng nhập ngày quyết định (ngày/tháng/năm).', 'Enter the date.');
  else if (date < p.proposedOn) check.add('date', `Ngày quyết định phải từ ngày tờ trình (${vi(p.proposedOn)}).`, 'Before the proposal.');
  else if (date > titlesClock.today()) check.add('date', 'Ngày quyết định không được sau ngày hôm nay.', 'Date in the future.');
  const awarded = new Set((input.awardedIds ?? []).map((x) => nfc(x)));
  if ([...awarded].some((id) => !items.some((i) => i.id === id))) check.add('awarded', 'Chỉ chọn trong danh sách đã đề nghị.', 'Only proposed items.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    for (const i of items) await tx.update(titlesProposalItems).set({ awarded: awarded.has(i.id) }).where(eq(titlesProposalItems.id, i.id));
    await tx.update(titlesProposals).set({ status: 'decided', decisionNumber: number, decisionDate: date!, decisionSigner: signer }).where(eq(titlesProposals.id, p.id));
    await writeAudit(tx, ctx, { action: 'titles.proposal_decision', entity: 'titles_proposal', entityId: p.id, summary: { after: { number, date, awarded: awarded.size, of: items.length } } });
    return { awarded: awarded.size };
  });
}

export { titlesBatches };

/**
 * The people's committee that issues a round's decision, as the heading of its PDF names it. A
 * village round decided before 01/07/2025 was the district's (titles.rules.json, Decree 86/2023):
 * its decision is headed by that district — the parent, on the decision date, of the commune or
 * of the commune(s) it was merged from (core/places keeps both) — not by today's commune. Falls
 * back to "cấp huyện"/"cấp tỉnh" when the places data cannot name one body, rather than naming a
 * wrong one.
 */
export async function decisionIssuer(db: Executor, c: { communeCode: string; communeName: string }, decidingLevel: string, date: string): Promise<string> {
  const wanted = /cấp huyện/i.test(decidingLevel) ? 'district' : /cấp tỉnh/i.test(decidingLevel) ? 'province' : undefined;
  if (!wanted) return c.communeName;
  const unit = await getAdminUnit(db, c.communeCode);
  const then = !unit ? [] : isInForce(unit, date) ? [unit] : (await predecessorsOf(db, unit.code)).filter((u) => isInForce(u, date));
  const names = new Set<string>();
  for (let u of then) {
    for (let hops = 0; u && u.level !== wanted && hops < 3; hops++) {
      const parent = u.parentCode ? await getAdminUnit(db, u.parentCode) : undefined;
      if (!parent) break;
      u = parent;
    }
    if (u?.level === wanted) names.add(u.name);
  }
  return names.size === 1 ? [...names][0]! : wanted === 'district' ? 'cấp huyện' : 'cấp tỉnh';
}
