import { transaction } from '../../core/db/index.js';
import type { CommandContext, Services } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { pagesChanged } from '../../core/web/page-cache.js';
import { AppError, Errors } from '../../core/errors.js';
import { Check, formatDateVi, nfc, vnIsoDate } from '../../core/validation.js';
import { formatVnDateTime, parseVnDateTime } from '../news/index.js';
import { noticePolicy } from './notices.policy.js';
import * as repo from './notices.repository.js';
import { NOTICE_KINDS, type NoticeKind } from './notices.schema.js';

/** Decree 42/2022 (kept by Decree 224/2026): planned downtime is announced at least 7 working days ahead. */
export const DOWNTIME_NOTICE_WORKING_DAYS = 7;

export interface NoticeInput {
  title: string;
  body: string;
  kind?: NoticeKind | string;
  /** a Date, or what the form sends: "2026-12-12T22:00" or "12/12/2026 22:00" (Vietnam time) */
  startsAt?: Date | string | null;
  endsAt?: Date | string | null;
}

function moment(v: Date | string | null | undefined): Date | null | 'invalid' {
  if (v instanceof Date) return v;
  if (typeof v !== 'string' || !v.trim()) return null;
  return parseVnDateTime(v) ?? 'invalid';
}

const TIME_HINT = 'Nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ: 12/12/2026 22:00.';

/**
 * The earliest day a planned downtime may start when announced on `today`: 7 full working days
 * must lie between the announcement and the downtime, so the day after the 7th working day.
 * (Counting the downtime day itself would leave users 6 days and an evening.)
 */
export async function earliestDowntimeDay(services: Services, today: string): Promise<string> {
  const cal = await services.calendar.calendar();
  const seventh = cal.addWorkingDays(today, DOWNTIME_NOTICE_WORKING_DAYS);
  const d = new Date(`${seventh}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function checkDowntimeLead(ctx: CommandContext, startsAt: Date, now: Date, check: Check) {
  const earliest = await earliestDowntimeDay(ctx.services, vnIsoDate(now));
  if (vnIsoDate(startsAt) < earliest) {
    check.add(
      'startsAt',
      `Lịch tạm dừng phải được thông báo trước ít nhất ${DOWNTIME_NOTICE_WORKING_DAYS} ngày làm việc (không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ). Nếu đăng hôm nay (${formatDateVi(vnIsoDate(now))}), thời điểm tạm dừng sớm nhất là ngày ${formatDateVi(earliest)}.`,
      `Planned downtime must be announced at least ${DOWNTIME_NOTICE_WORKING_DAYS} working days ahead; the earliest start is ${earliest}.`,
    );
  }
}

/** createNotice: an editor drafts a notice. Outcomes: the draft, or CORE-100 with field errors. */
export async function createNotice(ctx: CommandContext, input: NoticeInput, opts: { now?: Date } = {}) {
  noticePolicy.requireManage(ctx.actor);
  const now = opts.now ?? new Date();
  const title = nfc(input.title);
  const body = nfc(input.body);
  const kind = (NOTICE_KINDS as readonly string[]).includes(String(input.kind ?? 'general')) ? ((input.kind ?? 'general') as NoticeKind) : undefined;
  const check = new Check()
    .required('title', title, 'tiêu đề', 'a title')
    .maxLength('title', title, 200, 'Tiêu đề')
    .required('body', body, 'nội dung', 'the text')
    .maxLength('body', body, 10_000, 'Nội dung');
  if (!kind) check.add('kind', 'Vui lòng chọn loại thông báo.', 'Choose the kind of notice.');
  const startsAt = moment(input.startsAt);
  const endsAt = moment(input.endsAt);
  if (startsAt === 'invalid') check.add('startsAt', `Thời điểm bắt đầu không hợp lệ. ${TIME_HINT}`, 'Enter the start as dd/mm/yyyy hh:mm.');
  if (endsAt === 'invalid') check.add('endsAt', `Thời điểm kết thúc không hợp lệ. ${TIME_HINT}`, 'Enter the end as dd/mm/yyyy hh:mm.');
  if (kind === 'downtime') {
    if (!startsAt) check.add('startsAt', 'Vui lòng nhập thời điểm bắt đầu tạm dừng.', 'Enter when the downtime starts.');
    if (!endsAt) check.add('endsAt', 'Vui lòng nhập thời điểm dự kiến khôi phục dịch vụ.', 'Enter the expected recovery time.');
  }
  if (startsAt instanceof Date && endsAt instanceof Date && endsAt <= startsAt) {
    check.add('endsAt', 'Thời điểm khôi phục phải sau thời điểm bắt đầu.', 'The end must be after the start.');
  }
  if (endsAt instanceof Date && endsAt <= now) check.add('endsAt', `Thời điểm kết thúc ${formatVnDateTime(endsAt)} đã qua.`, 'The end is in the past.');
  if (kind === 'downtime' && startsAt instanceof Date) await checkDowntimeLead(ctx, startsAt, now, check);
  check.throwIfAny();
  const values = { title, body, kind: kind!, startsAt: startsAt as Date | null, endsAt: endsAt as Date | null, createdBy: ctx.actor.userId };
  return transaction(ctx.services.pool, async (tx) => {
    const notice = await repo.insertNotice(tx, values);
    await writeAudit(tx, ctx, {
      action: 'notice.create',
      entity: 'notice',
      entityId: notice.id,
      summary: { after: { title, kind: values.kind, startsAt: values.startsAt?.toISOString() ?? null, endsAt: values.endsAt?.toISOString() ?? null } },
    });
    return notice;
  });
}

/**
 * publishNotice: a downtime drafted in time but published late must meet the 7 working days
 * again, counted from the day of publication (that is when users learn of it).
 * Outcomes: the published notice; CORE-100 (too late); CORE-404; CORE-409; NOTICE-100.
 */
export async function publishNotice(ctx: CommandContext, id: string, version: number, opts: { now?: Date } = {}) {
  noticePolicy.requireManage(ctx.actor);
  const now = opts.now ?? new Date();
  const current = await repo.findNotice(ctx.services.db, id);
  if (current?.kind === 'downtime' && current.startsAt && current.status !== 'published') {
    const check = new Check();
    await checkDowntimeLead(ctx, current.startsAt, now, check);
    check.throwIfAny();
  }
  const out = await transaction(ctx.services.pool, async (tx) => {
    const current = await repo.findNotice(tx, id);
    if (!current) throw Errors.notFound('Thông báo');
    if (current.status === 'published') throw new AppError('NOTICE-100', 409, 'Thông báo đã được đăng.', 'Already published.');
    const updated = await repo.publishNotice(tx, id, version, now);
    if (!updated) throw Errors.conflict();
    await writeAudit(tx, ctx, { action: 'notice.publish', entity: 'notice', entityId: id, summary: { before: { status: current.status }, after: { status: 'published' } } });
    return updated;
  });
  // The home page lists the latest notices.
  await pagesChanged(ctx.services);
  return out;
}

/** endNotice: the incident is over (or the downtime finished early): the banner goes away. */
export async function endNotice(ctx: CommandContext, id: string, version: number, opts: { now?: Date } = {}) {
  noticePolicy.requireManage(ctx.actor);
  const now = opts.now ?? new Date();
  const out = await transaction(ctx.services.pool, async (tx) => {
    const current = await repo.findNotice(tx, id);
    if (!current) throw Errors.notFound('Thông báo');
    if (current.kind === 'general' || (current.endsAt && current.endsAt <= now)) {
      throw new AppError('NOTICE-101', 409, 'Thông báo này không có biểu ngữ đang hiển thị.', 'This notice has no active banner.');
    }
    const updated = await repo.endNotice(tx, id, version, now);
    if (!updated) throw Errors.conflict();
    await writeAudit(tx, ctx, { action: 'notice.end', entity: 'notice', entityId: id, summary: { before: { endsAt: current.endsAt?.toISOString() ?? null }, after: { endsAt: now.toISOString() } } });
    return updated;
  });
  // The home page lists the latest notices.
  await pagesChanged(ctx.services);
  return out;
}

/** A path of this site without its query ("/tin-tuc/abc"), or undefined. */
export function ratedPath(raw: unknown): string | undefined {
  const p = typeof raw === 'string' ? raw.split(/[?#]/)[0]!.normalize('NFC') : '';
  if (!p.startsWith('/') || p.startsWith('//') || p.startsWith('/\\') || p.length > 300 || /[\u0000-\u001f\s]/.test(p)) return undefined;
  return p;
}

/**
 * ratePage: anyone may answer "Bạn có hài lòng với trang này?". The rater stays anonymous
 * (domain.md §2): the row holds the page, the answer, the comment and the time. Its audit row is
 * written without the IP address, the request id or the account, which would tie the rating to
 * a person, and without the comment. Outcomes: nothing; CORE-100.
 */
export async function ratePage(ctx: CommandContext, input: { path: unknown; answer: unknown; comment?: unknown }) {
  // Open to every visitor by design; abuse is limited by the route's rate limit.
  const check = new Check();
  const path = ratedPath(input.path);
  const comment = nfc(input.comment).replace(/\s+/g, ' ');
  if (!path) check.add('answer', 'Không xác định được trang bạn muốn đánh giá. Vui lòng quay lại trang đó và thử lại.', 'Unknown page.');
  if (input.answer !== 'co' && input.answer !== 'khong') check.add('answer', 'Vui lòng chọn Có hoặc Không.', 'Choose yes or no.');
  check.maxLength('comment', comment, 1000, 'Góp ý');
  check.throwIfAny();
  await transaction(ctx.services.pool, async (tx) => {
    await repo.insertRating(tx, { path: path!, satisfied: input.answer === 'co', comment: comment || null });
    const anonymous: CommandContext = { services: ctx.services, actor: { kind: 'anonymous', userId: null, label: 'Người xem (ẩn danh)', grants: [] } };
    await writeAudit(tx, anonymous, { action: 'page.rate', entity: 'page_rating', entityId: path!, summary: { satisfied: input.answer === 'co' } });
  });
}
