import { transaction, type Tx } from '../../core/db/index.js';
import type { CommandContext, Services } from '../../core/context.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { writeAudit } from '../../core/audit/audit.js';
import { AppError, Errors } from '../../core/errors.js';
import { Check, nfc } from '../../core/validation.js';
import { newsPolicy } from './news.policy.js';
import * as repo from './news.repository.js';
import type { Article } from './news.repository.js';
import type { ArticleStatus } from './news.schema.js';
import { imageProblems, renderMarkdown } from './news.richtext.js';
import { firstFreeSlug, SLUG_RE, slugify } from './news.slug.js';
import { formatVnDateTime, parseVnDateTime } from './news.format.js';
import { UUID_RE as UUID } from '../../core/validation.js';
import { clearArticlePages } from './news.pagecache.js';
import { pagesChanged } from '../../core/web/page-cache.js';
import { safeFileName } from '../../core/files/files.js';
import { ATTACHMENT_TYPES, IMAGE_TYPES, MAX_ATTACHMENT_BYTES, MAX_IMAGE_BYTES, imageIdsIn, resizeImage, sniffImage, withPictures, type ResizedImage } from './news.images.js';
import type { ArticleAttachment, ArticleImage } from './news.repository.js';

/** Every change to articles goes through here: once it commits, rendered pages are stale (the
 * article pages here, the home page's news block on every node). */
async function change<T>(services: Services, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const out = await transaction(services.pool, fn);
  clearArticlePages();
  await pagesChanged(services);
  return out;
}

export interface ArticleInput {
  title: string;
  categoryId: string;
  summary: string;
  bodyMarkdown: string;
  authorLine?: string;
  sourceLine?: string;
  /** a list, or the comma-separated text of the form */
  tags?: string[] | string;
  featured?: boolean;
  /** only when the editor sets it on purpose; otherwise made once from the title */
  slug?: string;
}

export const STATUS_LABELS: Record<ArticleStatus, { vi: string; en: string }> = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  submitted: { vi: 'Chờ duyệt', en: 'Submitted' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  scheduled: { vi: 'Hẹn giờ đăng', en: 'Scheduled' },
  published: { vi: 'Đã đăng', en: 'Published' },
  unpublished: { vi: 'Đã gỡ', en: 'Unpublished' },
};


function splitTags(tags: string[] | string | undefined): string[] {
  const list = Array.isArray(tags) ? tags : (tags ?? '').split(/[,;]/);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const t = nfc(raw).replace(/\s+/g, ' ');
    const key = t.toLocaleLowerCase('vi');
    if (t && !seen.has(key)) {
      seen.add(key);
      out.push(t);
    }
  }
  return out;
}

/** Validates and normalises every field at once, so the error summary lists all problems. */
function clean(input: ArticleInput, check: Check) {
  const v = {
    title: nfc(input.title).replace(/\s+/g, ' '),
    categoryId: nfc(input.categoryId),
    summary: nfc(input.summary),
    bodyMarkdown: typeof input.bodyMarkdown === 'string' ? input.bodyMarkdown.normalize('NFC').replace(/\r\n?/g, '\n').trimEnd() : '',
    authorLine: nfc(input.authorLine),
    sourceLine: nfc(input.sourceLine),
    tags: splitTags(input.tags),
    featured: input.featured === true,
    slug: nfc(input.slug).toLowerCase(),
  };
  check
    .required('title', v.title, 'tiêu đề', 'a title')
    .maxLength('title', v.title, 250, 'Tiêu đề')
    .required('summary', v.summary, 'tóm tắt (sa-pô)', 'a summary')
    .maxLength('summary', v.summary, 1000, 'Tóm tắt')
    .required('bodyMarkdown', v.bodyMarkdown.trim(), 'nội dung bài viết', 'the article text')
    .maxLength('bodyMarkdown', v.bodyMarkdown, 100_000, 'Nội dung')
    .maxLength('authorLine', v.authorLine, 200, 'Dòng tác giả')
    .maxLength('sourceLine', v.sourceLine, 200, 'Dòng nguồn tin');
  if (!UUID.test(v.categoryId)) check.add('categoryId', 'Vui lòng chọn chuyên mục.', 'Choose a category.');
  if (v.tags.length > 10) check.add('tags', 'Tối đa 10 từ khóa.', 'At most 10 tags.');
  if (v.tags.some((t) => t.length > 40)) check.add('tags', 'Mỗi từ khóa không dài quá 40 ký tự.', 'Each tag at most 40 characters.');
  if (v.slug && (!SLUG_RE.test(v.slug) || v.slug.length > 100)) {
    check.add('slug', 'Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ: hoi-nghi-chuyen-doi-so.', 'Use lowercase letters, digits and hyphens.');
  }
  const img = imageProblems(v.bodyMarkdown);
  if (img.missingAlt) {
    check.add('bodyMarkdown', 'Mỗi ảnh phải có mô tả cho người khiếm thị, ví dụ: ![Lễ khai mạc hội nghị](/anh/…).', 'Every image needs alt text.');
  } else if (img.remote) {
    check.add('bodyMarkdown', 'Chỉ dùng ảnh đã tải lên cổng (đường dẫn bắt đầu bằng /); ảnh lấy từ trang khác không được hiển thị.', 'Only images stored on this site (paths starting with /) are allowed.');
  }
  return v;
}

/**
 * Markdown → the stored HTML: the allow-list sanitiser, then each uploaded image becomes a
 * responsive <picture>. An image path that is not one of ours is refused here rather than
 * shown broken to readers.
 */
async function renderBody(tx: Tx, markdown: string): Promise<string> {
  const ids = imageIdsIn(markdown);
  const found = await repo.findImages(tx, ids);
  if (found.length < ids.length) {
    throw Errors.validation({
      bodyMarkdown: { vi: 'Nội dung dùng một ảnh không có trên cổng. Hãy tải ảnh lên ở mục "Ảnh" rồi chép đúng đoạn mã ảnh.', en: 'The text uses an image that was not uploaded.' },
    });
  }
  return withPictures(renderMarkdown(markdown), new Map(found.map((i) => [i.id, i])));
}

async function requireCategory(tx: Tx, categoryId: string, check: Check) {
  if (UUID.test(categoryId) && !(await repo.findCategory(tx, categoryId))) check.add('categoryId', 'Chuyên mục không tồn tại.', 'Unknown category.');
}

/** The article as the audit trail should remember it: titles and states, never the whole body. */
const brief = (a: Article) => ({ title: a.title, slug: a.slug, status: a.status, version: a.version });

function wrongState(a: Article, what: string): AppError {
  const st = STATUS_LABELS[a.status];
  return new AppError('NEWS-100', 409, `Không thể ${what}: bài đang ở trạng thái "${st.vi}".`, `Cannot do this while the article is "${st.en}".`);
}

async function loadForChange(tx: Tx, id: string, version: number): Promise<Article> {
  if (!UUID.test(id)) throw Errors.notFound('Bài viết');
  const a = await repo.findArticle(tx, id);
  if (!a) throw Errors.notFound('Bài viết');
  if (a.version !== version) throw Errors.conflict();
  return a;
}

/** Allocates a fresh slug for a title, or checks the one the editor typed. */
async function allocateSlug(tx: Tx, v: { title: string; slug: string }, articleId?: string): Promise<string> {
  await repo.lockSlugs(tx);
  if (v.slug) {
    const owner = await repo.slugOwner(tx, v.slug);
    if (owner && owner !== articleId) {
      throw Errors.validation({ slug: { vi: `Đường dẫn "${v.slug}" đã được bài khác dùng.`, en: 'This slug is already used by another article.' } });
    }
    return v.slug;
  }
  const base = slugify(v.title);
  return firstFreeSlug(base, await repo.takenSlugs(tx, base));
}

/** createArticle: an editor drafts an article. Outcomes: the draft (revision 1); CORE-100 with field errors. */
export async function createArticle(ctx: CommandContext, input: ArticleInput): Promise<Article> {
  newsPolicy.requireWrite(ctx.actor);
  const check = new Check();
  const v = clean(input, check);
  return change(ctx.services, async (tx) => {
    await requireCategory(tx, v.categoryId, check);
    check.throwIfAny();
    const slug = await allocateSlug(tx, v);
    const a = await repo.insertArticle(tx, { ...v, slug, bodyHtml: await renderBody(tx, v.bodyMarkdown), status: 'draft', createdBy: ctx.actor.userId });
    await repo.insertRevision(tx, a, ctx.actor.userId);
    await writeAudit(tx, ctx, { action: 'article.create', entity: 'article', entityId: a.id, summary: { after: brief(a) } });
    return a;
  });
}

/** An approved or scheduled text that changes must be approved again; a published one stays
 * online, but only someone who could approve it may change it in place (corrections). */
function statusAfterEdit(ctx: CommandContext, a: Article): { status: ArticleStatus; publishAt: Date | null } {
  if (a.status === 'published' && !newsPolicy.canApprove(ctx.actor)) {
    throw new AppError(
      'NEWS-102',
      409,
      'Bài đã đăng chỉ được sửa bởi người có quyền duyệt. Đề nghị lãnh đạo gỡ bài hoặc sửa trực tiếp.',
      'Only an approver may change a published article.',
    );
  }
  if (a.status === 'approved' || a.status === 'scheduled') return { status: 'draft', publishAt: null };
  return { status: a.status, publishAt: a.publishAt };
}

/**
 * updateArticle: saves a new revision. The slug stays as it is when the title changes (shared
 * links keep working); an explicit new slug keeps the old one as a 301 redirect.
 * Outcomes: the article; CORE-100; CORE-404; CORE-409 (someone saved meanwhile); NEWS-102.
 */
export async function updateArticle(ctx: CommandContext, id: string, version: number, input: ArticleInput): Promise<Article> {
  newsPolicy.requireWrite(ctx.actor);
  const check = new Check();
  const v = clean(input, check);
  return change(ctx.services, async (tx) => {
    await requireCategory(tx, v.categoryId, check);
    check.throwIfAny();
    const current = await loadForChange(tx, id, version);
    const slug = v.slug && v.slug !== current.slug ? await allocateSlug(tx, v, id) : current.slug;
    const unchanged =
      slug === current.slug &&
      v.title === current.title &&
      v.summary === current.summary &&
      v.bodyMarkdown === current.bodyMarkdown &&
      v.categoryId === current.categoryId &&
      v.authorLine === current.authorLine &&
      v.sourceLine === current.sourceLine &&
      v.featured === current.featured &&
      v.tags.join('\n') === current.tags.join('\n');
    // "Save" without changes (or "submit" right after saving) must not pile up empty revisions.
    if (unchanged) return current;
    const next = statusAfterEdit(ctx, current);
    if (slug !== current.slug) await repo.keepOldSlug(tx, id, current.slug, slug);
    const { slug: _typed, ...fields } = v;
    const updated = await repo.updateArticleVersioned(tx, id, version, { ...fields, slug, bodyHtml: await renderBody(tx, v.bodyMarkdown), ...next });
    if (!updated) throw Errors.conflict();
    await repo.insertRevision(tx, updated, ctx.actor.userId);
    await writeAudit(tx, ctx, { action: 'article.update', entity: 'article', entityId: id, summary: { before: brief(current), after: brief(updated) } });
    return updated;
  });
}

/** restoreRevision: copies an earlier revision's text back as a new revision (nothing is lost). */
export async function restoreRevision(ctx: CommandContext, id: string, version: number, revisionId: string): Promise<Article> {
  newsPolicy.requireWrite(ctx.actor);
  return change(ctx.services, async (tx) => {
    const current = await loadForChange(tx, id, version);
    const rev = UUID.test(revisionId) ? await repo.findRevision(tx, id, revisionId) : undefined;
    if (!rev) throw Errors.notFound('Phiên bản');
    const next = statusAfterEdit(ctx, current);
    const updated = await repo.updateArticleVersioned(tx, id, version, {
      title: rev.title,
      summary: rev.summary,
      bodyMarkdown: rev.bodyMarkdown,
      bodyHtml: await renderBody(tx, rev.bodyMarkdown),
      ...next,
    });
    if (!updated) throw Errors.conflict();
    await repo.insertRevision(tx, updated, ctx.actor.userId);
    await writeAudit(tx, ctx, { action: 'article.restore', entity: 'article', entityId: id, summary: { before: brief(current), after: brief(updated), restoredVersion: rev.version } });
    return updated;
  });
}

/** One workflow step: state check, optimistic update and audit row in one transaction. */
async function transition(
  ctx: CommandContext,
  id: string,
  version: number,
  step: { from: ArticleStatus[]; what: string; action: string; set: (a: Article) => Partial<repo.NewArticle>; guard?: (a: Article) => void },
): Promise<Article> {
  return change(ctx.services, async (tx) => {
    const current = await loadForChange(tx, id, version);
    if (!step.from.includes(current.status)) throw wrongState(current, step.what);
    step.guard?.(current);
    const updated = await repo.updateArticleVersioned(tx, id, version, step.set(current));
    if (!updated) throw Errors.conflict();
    await writeAudit(tx, ctx, { action: step.action, entity: 'article', entityId: id, summary: { before: brief(current), after: { ...brief(updated), publishAt: updated.publishAt?.toISOString() ?? null } } });
    return updated;
  });
}

/** submitForReview: the editor hands the draft to the approvers. */
export async function submitForReview(ctx: CommandContext, id: string, version: number): Promise<Article> {
  newsPolicy.requireWrite(ctx.actor);
  return transition(ctx, id, version, { from: ['draft', 'unpublished'], what: 'gửi duyệt', action: 'article.submit', set: () => ({ status: 'submitted', publishAt: null }) });
}

/**
 * approveArticle: the approver accepts the text; with `publishAt` in the future it is scheduled
 * and the job `news.publish_scheduled` publishes it. A time in the past is refused rather than
 * published at once: the approver meant a date and probably mistyped it.
 */
export async function approveArticle(ctx: CommandContext, id: string, version: number, opts: { publishAt?: Date | string | null; now?: Date } = {}): Promise<Article> {
  newsPolicy.requireApprove(ctx.actor);
  const now = opts.now ?? new Date();
  let publishAt: Date | null = null;
  if (opts.publishAt instanceof Date) publishAt = opts.publishAt;
  else if (typeof opts.publishAt === 'string' && opts.publishAt.trim()) {
    publishAt = parseVnDateTime(opts.publishAt);
    if (!publishAt) {
      throw Errors.validation({
        publishAt: { vi: 'Thời điểm đăng không hợp lệ. Nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ: 01/12/2026 08:00.', en: 'Enter the time as dd/mm/yyyy hh:mm.' },
      });
    }
  }
  if (publishAt && publishAt.getTime() <= now.getTime()) {
    throw Errors.validation({
      publishAt: {
        vi: `Thời điểm đăng ${formatVnDateTime(publishAt)} đã qua. Vui lòng chọn thời điểm sau ${formatVnDateTime(now)}, hoặc bấm "Đăng ngay".`,
        en: 'The publication time is in the past. Choose a future time or publish now.',
      },
    });
  }
  return transition(ctx, id, version, {
    from: ['submitted', 'approved', 'scheduled'],
    what: 'duyệt',
    action: publishAt ? 'article.schedule' : 'article.approve',
    set: () => ({ status: publishAt ? 'scheduled' : 'approved', publishAt }),
  });
}

/** publishNow: the approver puts it online at once (a re-publication keeps its first date). */
export async function publishNow(ctx: CommandContext, id: string, version: number): Promise<Article> {
  newsPolicy.requireApprove(ctx.actor);
  return transition(ctx, id, version, {
    from: ['submitted', 'approved', 'scheduled', 'unpublished'],
    what: 'đăng',
    action: 'article.publish',
    set: (a) => ({ status: 'published', publishAt: null, publishedAt: a.publishedAt ?? new Date() }),
  });
}

/** unpublish: takes a published article offline (or cancels a schedule); its URL then answers 404. */
export async function unpublishArticle(ctx: CommandContext, id: string, version: number): Promise<Article> {
  newsPolicy.requireApprove(ctx.actor);
  return transition(ctx, id, version, { from: ['published', 'scheduled'], what: 'gỡ bài', action: 'article.unpublish', set: () => ({ status: 'unpublished', publishAt: null }) });
}

/**
 * The scheduler (job `news.publish_scheduled`, every minute): publishes every scheduled article
 * whose time has come, as the SYSTEM actor with one audit row each. `now` is a parameter so a
 * test can run the clock forward. The publication time shown is the scheduled one.
 */
export async function publishScheduled(services: Services, now: Date = new Date()): Promise<Article[]> {
  const ctx: CommandContext = { services, actor: { ...SYSTEM, label: 'Hệ thống (đăng bài theo lịch)' } };
  newsPolicy.requireApprove(ctx.actor);
  return change(services, async (tx) => {
    const due = await repo.lockDueScheduled(tx, now);
    const out: Article[] = [];
    for (const a of due) {
      const p = await repo.markScheduledPublished(tx, a, a.publishAt ?? now);
      await writeAudit(tx, ctx, { action: 'article.publish_scheduled', entity: 'article', entityId: a.id, summary: { before: brief(a), after: brief(p), publishAt: a.publishAt?.toISOString() ?? null } });
      out.push(p);
    }
    return out;
  });
}

/** importArticle: puts an already-published article in place (demo content, migration from an
 * old portal). Needs both rights: it skips the review an approver would otherwise do. */
export async function importArticle(ctx: CommandContext, input: ArticleInput & { publishedAt: Date }): Promise<Article> {
  newsPolicy.requireWrite(ctx.actor);
  newsPolicy.requireApprove(ctx.actor);
  const check = new Check();
  const v = clean(input, check);
  return change(ctx.services, async (tx) => {
    await requireCategory(tx, v.categoryId, check);
    check.throwIfAny();
    const slug = await allocateSlug(tx, v);
    const a = await repo.insertArticle(tx, {
      ...v,
      slug,
      bodyHtml: await renderBody(tx, v.bodyMarkdown),
      status: 'published',
      publishedAt: input.publishedAt,
      createdAt: input.publishedAt,
      updatedAt: input.publishedAt,
      createdBy: ctx.actor.userId,
    });
    await repo.insertRevision(tx, a, ctx.actor.userId);
    await writeAudit(tx, ctx, { action: 'article.import', entity: 'article', entityId: a.id, summary: { after: brief(a) } });
    return a;
  });
}

const mb = (n: number) => `${Math.round(n / 1048576)} MB`;

/**
 * uploadArticleImage: one image for an article, with its alt text (required: WCAG 1.1.1).
 * The bytes are sniffed (JPEG, PNG or WebP only) and resized to WebP and JPEG at the standard
 * widths before the transaction, so the transaction only stores. Outcomes: the image; CORE-100
 * with `alt` or `file` errors; CORE-404.
 */
export async function uploadArticleImage(
  ctx: CommandContext,
  articleId: string,
  input: { data: Buffer; originalName: string; alt: string; truncated?: boolean },
  /** variants made earlier from these very bytes (the demo's, made at build time) */
  opts: { resized?: ResizedImage } = {},
): Promise<ArticleImage> {
  newsPolicy.requireWrite(ctx.actor);
  const alt = nfc(input.alt).replace(/\s+/g, ' ');
  const check = new Check();
  if (!alt) check.add('alt', 'Vui lòng nhập mô tả ảnh (văn bản thay thế) để người khiếm thị dùng trình đọc màn hình hiểu nội dung ảnh, ví dụ: "Đại biểu cắt băng khai mạc hội nghị".', 'Enter the alt text of the image.');
  else check.maxLength('alt', alt, 250, 'Mô tả ảnh');
  if (input.truncated || input.data.length > MAX_IMAGE_BYTES) check.add('file', `Ảnh quá lớn: tối đa ${mb(MAX_IMAGE_BYTES)}.`, `Image too large (max ${mb(MAX_IMAGE_BYTES)}).`);
  else if (input.data.length === 0) check.add('file', 'Vui lòng chọn tệp ảnh.', 'Choose an image file.');
  else if (!(await sniffImage(input.data))) check.add('file', 'Chỉ nhận ảnh JPEG, PNG hoặc WebP.', 'Only JPEG, PNG or WebP images.');
  check.throwIfAny();
  if (!UUID.test(articleId) || !(await repo.findArticle(ctx.services.db, articleId))) throw Errors.notFound('Bài viết');
  const resized = opts.resized ?? (await resizeImage(input.data));
  if (typeof resized === 'string') {
    throw Errors.validation({ file: { vi: 'Không đọc được ảnh: tệp bị hỏng hoặc quá lớn (tối đa 40 triệu điểm ảnh).', en: 'The image cannot be read.' } });
  }
  const files = ctx.services.files;
  return change(ctx.services, async (tx) => {
    const original = await files.save(tx, { data: input.data, originalName: input.originalName || 'anh', allowed: IMAGE_TYPES, maxBytes: MAX_IMAGE_BYTES, createdBy: ctx.actor.userId });
    const variants = [];
    for (const v of resized.variants) {
      const stored = await files.save(tx, {
        data: v.data,
        originalName: `${original.id}-${v.width}.${v.format === 'webp' ? 'webp' : 'jpg'}`,
        allowed: [v.format === 'webp' ? 'image/webp' : 'image/jpeg'],
        maxBytes: MAX_IMAGE_BYTES,
        createdBy: ctx.actor.userId,
      });
      variants.push({ width: v.width, height: v.height, format: v.format, fileId: stored.id, bytes: v.data.length });
    }
    const img = await repo.insertImage(tx, { articleId, originalFileId: original.id, alt, width: resized.width, height: resized.height, variants, createdBy: ctx.actor.userId });
    await writeAudit(tx, ctx, { action: 'article.image_upload', entity: 'article', entityId: articleId, summary: { imageId: img.id, width: img.width, height: img.height, variants: variants.length } });
    return img;
  });
}

/** attachArticleFile: a document under the article (PDF, DOCX, XLSX, ODT, ODS; sniffed). */
export async function attachArticleFile(ctx: CommandContext, articleId: string, input: { data: Buffer; originalName: string; title: string; truncated?: boolean }): Promise<ArticleAttachment> {
  newsPolicy.requireWrite(ctx.actor);
  const name = safeFileName(input.originalName || 'tep-dinh-kem');
  const title = nfc(input.title).replace(/\s+/g, ' ') || name;
  const check = new Check();
  check.maxLength('attachmentTitle', title, 250, 'Tên tệp');
  if (input.truncated || input.data.length > MAX_ATTACHMENT_BYTES) check.add('attachment', `Tệp quá lớn: tối đa ${mb(MAX_ATTACHMENT_BYTES)}.`, 'File too large.');
  else if (input.data.length === 0) check.add('attachment', 'Vui lòng chọn tệp đính kèm.', 'Choose a file.');
  check.throwIfAny();
  return change(ctx.services, async (tx) => {
    if (!UUID.test(articleId) || !(await repo.findArticle(tx, articleId))) throw Errors.notFound('Bài viết');
    let stored: Awaited<ReturnType<typeof ctx.services.files.save>>;
    try {
      stored = await ctx.services.files.save(tx, { data: input.data, originalName: name, allowed: ATTACHMENT_TYPES, maxBytes: MAX_ATTACHMENT_BYTES, createdBy: ctx.actor.userId });
    } catch (err) {
      if (err instanceof AppError && err.code === 'CORE-415') {
        throw Errors.validation({ attachment: { vi: 'Chỉ nhận tệp PDF, Word (DOCX), Excel (XLSX) hoặc OpenDocument (ODT, ODS).', en: 'Only PDF, DOCX, XLSX, ODT or ODS.' } });
      }
      throw err;
    }
    const att = await repo.insertAttachment(tx, { articleId, storedFileId: stored.id, title, fileName: stored.safeName, contentType: stored.contentType, size: stored.size, createdBy: ctx.actor.userId });
    await repo.bumpVersion(tx, articleId);
    await writeAudit(tx, ctx, { action: 'article.attach', entity: 'article', entityId: articleId, summary: { attachmentId: att.id, contentType: att.contentType, size: att.size } });
    return att;
  });
}

export async function removeArticleFile(ctx: CommandContext, articleId: string, attachmentId: string): Promise<void> {
  newsPolicy.requireWrite(ctx.actor);
  await change(ctx.services, async (tx) => {
    const removed = UUID.test(articleId) && UUID.test(attachmentId) ? await repo.deleteAttachment(tx, articleId, attachmentId) : undefined;
    if (!removed) throw Errors.notFound('Tệp');
    await repo.bumpVersion(tx, articleId);
    await writeAudit(tx, ctx, { action: 'article.detach', entity: 'article', entityId: articleId, summary: { attachmentId } });
  });
}
