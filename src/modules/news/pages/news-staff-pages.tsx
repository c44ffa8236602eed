import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import type { Article, ArticleAttachment, ArticleImage, Category, Revision } from '../news.repository.js';
import { MAX_ATTACHMENT_BYTES, MAX_IMAGE_BYTES, variantUrl } from '../news.images.js';
import { ARTICLE_STATUSES, type ArticleStatus } from '../news.schema.js';
import { STATUS_LABELS } from '../news.commands.js';
import type { DiffLine } from '../news.diff.js';
import { formatVnDateTime, toDateTimeLocal } from '../news.format.js';

function StatusTag(p: { ctx: PageContext; status: ArticleStatus }) {
  const l = STATUS_LABELS[p.status];
  return <span class={`vh-tag${p.status === 'published' ? ' vh-tag--ok' : ''}`}>{p.ctx.t(l.vi, l.en)}</span>;
}

type StaffRow = { id: string; title: string; slug: string; status: ArticleStatus; categoryName: string; updatedAt: Date; publishAt: Date | null; publishedAt: Date | null };

export function StaffListPage(p: { ctx: PageContext; rows: StaffRow[]; status?: ArticleStatus; canWrite: boolean }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Tin bài', 'Articles')} wide>
      <h1>{t('Tin bài', 'Articles')}</h1>
      {p.canWrite && (
        <p>
          <a class="vh-button vh-button--primary" href="/quan-tri/tin-bai/moi">
            {t('Viết bài mới', 'New article')}
          </a>
        </p>
      )}
      <form method="get" action="/quan-tri/tin-bai" class="vh-filters">
        <label for="f-status" class="vh-label">
          {t('Trạng thái', 'Status')}
        </label>
        <select id="f-status" name="trang-thai" class="vh-select">
          <option value="">{t('Tất cả', 'All')}</option>
          {ARTICLE_STATUSES.map((s) => (
            <option key={s} value={s} selected={p.status === s}>
              {t(STATUS_LABELS[s].vi, STATUS_LABELS[s].en)}
            </option>
          ))}
        </select>
        <button type="submit" class="vh-button vh-button--secondary">
          {t('Lọc', 'Filter')}
        </button>
      </form>
      {p.rows.length === 0 ? (
        <p>{t('Không có tin bài nào.', 'No articles.')}</p>
      ) : (
        <div class="vh-table-wrap">
          <table class="vh-table">
            <caption class="vh-visually-hidden">{t('Danh sách tin bài', 'Articles')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Tiêu đề', 'Title')}</th>
                <th scope="col">{t('Chuyên mục', 'Category')}</th>
                <th scope="col">{t('Trạng thái', 'Status')}</th>
                <th scope="col">{t('Cập nhật', 'Updated')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`/quan-tri/tin-bai/${r.id}`}>{r.title}</a>
                  </td>
                  <td>{r.categoryName}</td>
                  <td>
                    <StatusTag ctx={ctx} status={r.status} />
                    {r.status === 'scheduled' && r.publishAt && <span class="vh-hint"> {formatVnDateTime(r.publishAt)}</span>}
                  </td>
                  <td>{formatVnDateTime(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function articleFormValues(a: Article): Record<string, string> {
  return {
    title: a.title,
    categoryId: a.categoryId,
    summary: a.summary,
    bodyMarkdown: a.bodyMarkdown,
    authorLine: a.authorLine,
    sourceLine: a.sourceLine,
    tags: a.tags.join(', '),
    featured: a.featured ? 'on' : '',
    slug: a.slug,
    version: String(a.version),
  };
}

const MARKDOWN_HINT =
  'Viết bằng Markdown: để một dòng trống giữa hai đoạn; ## Tiêu đề mục; **chữ đậm**, *chữ nghiêng*; - đầu dòng; [chữ liên kết](https://…); ảnh: ![mô tả ảnh](/anh/…) (tải ảnh lên ở mục Ảnh bên dưới). Mã HTML, script và định dạng màu sắc sẽ bị loại bỏ.';

export function EditorPage(p: {
  ctx: PageContext;
  categories: Category[];
  article?: Article;
  values: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  revisions: Revision[];
  images?: ArticleImage[];
  attachments?: ArticleAttachment[];
  canWrite: boolean;
  canApprove: boolean;
}) {
  const { ctx, article: a, values: v } = p;
  const t = ctx.t;
  const st = a?.status;
  const canSubmit = !a || st === 'draft' || st === 'unpublished';
  const canEditText = p.canWrite && (st !== 'published' || p.canApprove);
  return (
    <Layout ctx={ctx} title={a ? t('Sửa tin bài', 'Edit article') : t('Viết bài mới', 'New article')} wide>
      <p>
        <a href="/quan-tri/tin-bai">{t('« Danh sách tin bài', '« All articles')}</a>
      </p>
      <h1>{a ? a.title : t('Viết bài mới', 'New article')}</h1>
      {a && (
        <p>
          {t('Trạng thái', 'Status')}: <StatusTag ctx={ctx} status={a.status} />
          {a.status === 'scheduled' && a.publishAt && ` ${t('đăng lúc', 'at')} ${formatVnDateTime(a.publishAt)}`}
          {a.status === 'published' && (
            <>
              {' · '}
              <a href={`/tin-tuc/${a.slug}`}>{t('Xem trên cổng', 'View on the portal')}</a>
            </>
          )}
        </p>
      )}
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {canEditText ? (
        <Form ctx={ctx} action={a ? `/quan-tri/tin-bai/${a.id}` : '/quan-tri/tin-bai/moi'} label={t('Nội dung tin bài', 'Article')}>
          {a && <input type="hidden" name="version" value={v.version ?? String(a.version)} />}
          <TextField ctx={ctx} name="title" label={t('Tiêu đề', 'Title')} value={v.title} errors={p.errors} />
          <SelectField
            ctx={ctx}
            name="categoryId"
            label={t('Chuyên mục', 'Category')}
            value={v.categoryId}
            errors={p.errors}
            options={[{ value: '', label: t('– Chọn chuyên mục –', '– Choose –') }, ...p.categories.map((c) => ({ value: c.id, label: ctx.lang === 'en' ? c.nameEn : c.name }))]}
          />
          <TextArea ctx={ctx} name="summary" label={t('Tóm tắt (sa-pô)', 'Summary')} value={v.summary} errors={p.errors} rows={3} />
          <TextArea ctx={ctx} name="bodyMarkdown" label={t('Nội dung', 'Text')} hint={t(MARKDOWN_HINT, 'Markdown: blank line between paragraphs; ## heading; **bold**; - list; [link](https://…); ![alt text](/…). HTML is removed.')} value={v.bodyMarkdown} errors={p.errors} rows={18} />
          <TextField ctx={ctx} name="authorLine" label={t('Dòng tác giả (không bắt buộc)', 'Author line (optional)')} value={v.authorLine} errors={p.errors} />
          <TextField ctx={ctx} name="sourceLine" label={t('Nguồn tin (không bắt buộc)', 'Source (optional)')} value={v.sourceLine} errors={p.errors} />
          <TextField ctx={ctx} name="tags" label={t('Từ khóa', 'Tags')} hint={t('Cách nhau bằng dấu phẩy, ví dụ: chuyển đổi số, hội nghị', 'Comma-separated')} value={v.tags} errors={p.errors} />
          {a && (
            <TextField
              ctx={ctx}
              name="slug"
              label={t('Đường dẫn (slug)', 'Slug')}
              hint={t('Đổi tiêu đề không đổi đường dẫn. Nếu đổi đường dẫn, đường dẫn cũ vẫn chuyển hướng về bài.', 'Renaming keeps the slug; a changed slug keeps the old one as a redirect.')}
              value={v.slug}
              errors={p.errors}
            />
          )}
          <div class="vh-field">
            <label>
              <input type="checkbox" name="featured" value="on" checked={v.featured === 'on'} /> {t('Tin nổi bật (hiện trên trang chủ)', 'Featured on the home page')}
            </label>
          </div>
          <Button name="action" value="save">
            {t('Lưu', 'Save')}
          </Button>{' '}
          {canSubmit && (
            <Button name="action" value="submit" variant="secondary">
              {t('Lưu và gửi duyệt', 'Save and submit for review')}
            </Button>
          )}
        </Form>
      ) : (
        a && (
          <p class="vh-hint">
            {t('Bài đã đăng chỉ người có quyền duyệt được sửa trực tiếp.', 'Only an approver may edit a published article.')}
          </p>
        )
      )}
      {a && p.canWrite && !canEditText && canSubmit && <ActionButton ctx={ctx} action={`/quan-tri/tin-bai/${a.id}/gui-duyet`} label={t('Gửi duyệt', 'Submit')} fields={{ version: String(a.version) }} />}
      {!a && (
        <p class="vh-hint">
          {t('Ảnh và tệp đính kèm được tải lên sau khi lưu bản nháp lần đầu.', 'Images and attachments can be uploaded once the draft is saved.')}
        </p>
      )}
      {a && p.canWrite && <MediaSection ctx={ctx} article={a} images={p.images ?? []} attachments={p.attachments ?? []} values={v} errors={p.errors} />}
      {a && p.canApprove && <ApproverActions ctx={ctx} article={a} values={v} errors={p.errors} />}
      {a && (
        <section aria-labelledby="xem-truoc">
          <h2 id="xem-truoc">{t('Xem trước nội dung đã lưu', 'Preview of the saved text')}</h2>
          <div class="vh-card" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
        </section>
      )}
      {a && <RevisionList ctx={ctx} article={a} revisions={p.revisions} canWrite={canEditText} />}
    </Layout>
  );
}

function FieldError(p: { ctx: PageContext; name: string; errors?: FieldErrors }) {
  const err = p.errors?.[p.name];
  if (!err) return null;
  return (
    <p id={`e-${p.name}`} class="vh-error">
      <span class="vh-visually-hidden">{p.ctx.t('Lỗi:', 'Error:')}</span> {p.ctx.lang === 'en' ? err.en : err.vi}
    </p>
  );
}

const kb = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * Images and attachments: plain file inputs in their own multipart forms, so they work without
 * JavaScript. The CSRF token travels in the query string because the core reads it before the
 * multipart body is parsed.
 */
function MediaSection(p: { ctx: PageContext; article: Article; images: ArticleImage[]; attachments: ArticleAttachment[]; values: Record<string, string>; errors?: FieldErrors }) {
  const { ctx, article: a } = p;
  const t = ctx.t;
  const csrf = encodeURIComponent(ctx.csrf);
  const field = (name: string) => `vh-field${p.errors?.[name] ? ' vh-field--error' : ''}`;
  return (
    <>
      <section aria-labelledby="anh">
        <h2 id="anh">{t('Ảnh', 'Images')}</h2>
        {p.images.length > 0 && (
          <ul class="vh-list">
            {p.images.map((img) => (
              <li key={img.id} class="vh-list__item" style="display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap">
                <img src={variantUrl(img.id, img.variants[0]!.width, 'webp')} alt={img.alt} width={160} height={Math.round((160 * img.height) / img.width)} loading="lazy" />
                <div>
                  <p>
                    {img.alt} <span class="vh-hint">({img.width}×{img.height})</span>
                  </p>
                  <p class="vh-hint">{t('Chép đoạn này vào nội dung bài:', 'Paste this into the text:')}</p>
                  <code>{`![${img.alt}](/anh/${img.id})`}</code>
                </div>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`/quan-tri/tin-bai/${a.id}/anh?_csrf=${csrf}`} encType="multipart/form-data" class="vh-form" noValidate aria-label={t('Tải ảnh lên', 'Upload an image')}>
          <div class={field('alt')}>
            <label class="vh-label" for="f-alt">
              {t('Mô tả ảnh (văn bản thay thế, bắt buộc)', 'Alt text (required)')}
            </label>
            <p class="vh-hint" id="h-alt">
              {t('Mô tả điều ảnh thể hiện cho người không nhìn thấy ảnh, ví dụ: "Đại biểu cắt băng khai mạc hội nghị".', 'Describe what the image shows.')}
            </p>
            <FieldError ctx={ctx} name="alt" errors={p.errors} />
            <input id="f-alt" name="alt" type="text" class="vh-input vh-input--full" value={p.values.alt ?? ''} aria-describedby={p.errors?.alt ? 'h-alt e-alt' : 'h-alt'} aria-invalid={p.errors?.alt ? 'true' : undefined} />
          </div>
          <div class={field('file')}>
            <label class="vh-label" for="f-file">
              {t('Tệp ảnh', 'Image file')}
            </label>
            <p class="vh-hint" id="h-file">
              {t(`JPEG, PNG hoặc WebP, tối đa ${MAX_IMAGE_BYTES / 1048576} MB. Ảnh được thu nhỏ tự động cho điện thoại và máy tính.`, `JPEG, PNG or WebP, up to ${MAX_IMAGE_BYTES / 1048576} MB.`)}
            </p>
            <FieldError ctx={ctx} name="file" errors={p.errors} />
            <input id="f-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby={p.errors?.file ? 'h-file e-file' : 'h-file'} aria-invalid={p.errors?.file ? 'true' : undefined} />
          </div>
          <Button variant="secondary">{t('Tải ảnh lên', 'Upload image')}</Button>
        </form>
      </section>
      <section aria-labelledby="tep-dinh-kem">
        <h2 id="tep-dinh-kem">{t('Tệp đính kèm', 'Attachments')}</h2>
        {p.attachments.length > 0 && (
          <ul class="vh-list">
            {p.attachments.map((f) => (
              <li key={f.id} class="vh-list__item">
                {f.title} <span class="vh-hint">({f.fileName}, {kb(f.size)})</span>{' '}
                <ActionButton ctx={ctx} action={`/quan-tri/tin-bai/${a.id}/tep-dinh-kem/${f.id}/xoa`} label={t('Xóa', 'Remove')} variant="warning" />
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`/quan-tri/tin-bai/${a.id}/tep-dinh-kem?_csrf=${csrf}`} encType="multipart/form-data" class="vh-form" noValidate aria-label={t('Đính kèm tệp', 'Attach a file')}>
          <div class={field('attachmentTitle')}>
            <label class="vh-label" for="f-attachmentTitle">
              {t('Tên hiển thị (không bắt buộc)', 'Title (optional)')}
            </label>
            <FieldError ctx={ctx} name="attachmentTitle" errors={p.errors} />
            <input id="f-attachmentTitle" name="attachmentTitle" type="text" class="vh-input vh-input--full" value={p.values.attachmentTitle ?? ''} />
          </div>
          <div class={field('attachment')}>
            <label class="vh-label" for="f-attachment">
              {t('Tệp', 'File')}
            </label>
            <p class="vh-hint" id="h-attachment">
              {t(`PDF, Word (DOCX), Excel (XLSX), ODT hoặc ODS, tối đa ${MAX_ATTACHMENT_BYTES / 1048576} MB.`, `PDF, DOCX, XLSX, ODT or ODS, up to ${MAX_ATTACHMENT_BYTES / 1048576} MB.`)}
            </p>
            <FieldError ctx={ctx} name="attachment" errors={p.errors} />
            <input id="f-attachment" name="attachment" type="file" aria-describedby={p.errors?.attachment ? 'h-attachment e-attachment' : 'h-attachment'} />
          </div>
          <Button variant="secondary">{t('Đính kèm', 'Attach')}</Button>
        </form>
      </section>
    </>
  );
}

function ApproverActions(p: { ctx: PageContext; article: Article; values: Record<string, string>; errors?: FieldErrors }) {
  const { ctx, article: a } = p;
  const t = ctx.t;
  const canApproveNow = a.status === 'submitted' || a.status === 'approved' || a.status === 'scheduled';
  const canPublish = canApproveNow || a.status === 'unpublished';
  const canUnpublish = a.status === 'published' || a.status === 'scheduled';
  if (!canApproveNow && !canPublish && !canUnpublish) return null;
  return (
    <section aria-labelledby="duyet-bai">
      <h2 id="duyet-bai">{t('Duyệt và đăng', 'Review and publish')}</h2>
      {canApproveNow && (
        <Form ctx={ctx} action={`/quan-tri/tin-bai/${a.id}/duyet`} label={t('Duyệt bài', 'Approve')}>
          <input type="hidden" name="version" value={String(a.version)} />
          <TextField
            ctx={ctx}
            name="publishAt"
            type="datetime-local"
            label={t('Hẹn giờ đăng (không bắt buộc)', 'Publish at (optional)')}
            hint={t('Để trống nếu chỉ duyệt. Giờ Việt Nam.', 'Leave empty to approve only. Vietnam time.')}
            value={p.values.publishAt ?? toDateTimeLocal(a.publishAt)}
            errors={p.errors}
            width="half"
          />
          <TextField
            ctx={ctx}
            name="publishAtText"
            label={t('Hoặc nhập dạng ngày/tháng/năm giờ:phút', 'Or type dd/mm/yyyy hh:mm')}
            hint={t('Ví dụ: 01/12/2026 08:00 (dùng khi trình duyệt không có ô chọn ngày giờ)', 'e.g. 01/12/2026 08:00')}
            value={p.values.publishAtText}
            width="half"
          />
          <Button>{t('Duyệt / hẹn giờ đăng', 'Approve / schedule')}</Button>
        </Form>
      )}
      <p>
        {canPublish && <ActionButton ctx={ctx} action={`/quan-tri/tin-bai/${a.id}/dang-ngay`} label={t('Đăng ngay', 'Publish now')} fields={{ version: String(a.version) }} variant="primary" />}{' '}
        {canUnpublish && (
          <ActionButton ctx={ctx} action={`/quan-tri/tin-bai/${a.id}/go-bai`} label={a.status === 'scheduled' ? t('Hủy hẹn giờ', 'Cancel schedule') : t('Gỡ bài', 'Unpublish')} fields={{ version: String(a.version) }} variant="warning" />
        )}
      </p>
    </section>
  );
}

function RevisionList(p: { ctx: PageContext; article: Article; revisions: Revision[]; canWrite: boolean }) {
  const { ctx, article: a } = p;
  const t = ctx.t;
  return (
    <section aria-labelledby="phien-ban">
      <h2 id="phien-ban">{t('Các phiên bản', 'Revisions')}</h2>
      <table class="vh-table">
        <caption class="vh-visually-hidden">{t('Các phiên bản đã lưu', 'Saved revisions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Phiên bản', 'Version')}</th>
            <th scope="col">{t('Lưu lúc', 'Saved')}</th>
            <th scope="col">{t('Tiêu đề', 'Title')}</th>
            <th scope="col">
              <span class="vh-visually-hidden">{t('Thao tác', 'Actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {p.revisions.map((r, i) => (
            <tr key={r.id}>
              <td>{r.version}</td>
              <td>{formatVnDateTime(r.createdAt)}</td>
              <td>{r.title}</td>
              <td>
                {i > 0 && (
                  <>
                    <a href={`/quan-tri/tin-bai/${a.id}/phien-ban/${r.id}`}>{t('So sánh với bản hiện tại', 'Compare with current')}</a>{' '}
                    {p.canWrite && <ActionButton ctx={ctx} action={`/quan-tri/tin-bai/${a.id}/phien-ban/${r.id}/khoi-phuc`} label={t('Khôi phục', 'Restore')} fields={{ version: String(a.version) }} />}
                  </>
                )}
                {i === 0 && <span class="vh-hint">{t('Bản hiện tại', 'Current')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DiffBlock(p: { ctx: PageContext; lines: DiffLine[] }) {
  const { t } = p.ctx;
  return (
    <div class="vh-card" style="font-family:monospace;white-space:pre-wrap;overflow-wrap:anywhere">
      {p.lines.map((l, i) =>
        l.op === 'same' ? (
          <div key={i}>{`  ${l.text}`}</div>
        ) : l.op === 'add' ? (
          <ins key={i} style="display:block;background:#e6f4ea;text-decoration:none">
            <span class="vh-visually-hidden">{t('Thêm: ', 'Added: ')}</span>
            {`+ ${l.text}`}
          </ins>
        ) : (
          <del key={i} style="display:block;background:#fde7e9">
            <span class="vh-visually-hidden">{t('Bỏ: ', 'Removed: ')}</span>
            {`- ${l.text}`}
          </del>
        ),
      )}
    </div>
  );
}

export function DiffPage(p: { ctx: PageContext; article: Article; revision: Revision; title: DiffLine[]; summary: DiffLine[]; body: DiffLine[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('So sánh phiên bản', 'Compare revisions')} wide>
      <p>
        <a href={`/quan-tri/tin-bai/${p.article.id}`}>{t('« Về bài viết', '« Back to the article')}</a>
      </p>
      <h1>{t(`So sánh phiên bản ${p.revision.version} với bản hiện tại (${p.article.version})`, `Revision ${p.revision.version} against the current text (${p.article.version})`)}</h1>
      <p class="vh-hint">{t('Dòng có dấu “-” chỉ có ở phiên bản cũ; dòng có dấu “+” chỉ có ở bản hiện tại.', 'Lines marked “-” are only in the old revision; “+” only in the current text.')}</p>
      <h2>{t('Tiêu đề', 'Title')}</h2>
      <DiffBlock ctx={ctx} lines={p.title} />
      <h2>{t('Tóm tắt', 'Summary')}</h2>
      <DiffBlock ctx={ctx} lines={p.summary} />
      <h2>{t('Nội dung', 'Text')}</h2>
      <DiffBlock ctx={ctx} lines={p.body} />
    </Layout>
  );
}
