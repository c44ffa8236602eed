import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import type { PublicDocument } from '../../../core/module.js';
import { Layout } from '../../../core/web/layout.js';
import { ActionButton, Button, ErrorSummary, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { formatDateVi, vnIsoDate } from '../../../core/validation.js';
import type { LegalDocument } from '../portal.repository.js';
import { LEGAL_DOCUMENT_TYPES } from '../portal.schema.js';

const TYPE_EN: Record<string, string> = {
  'Quyết định': 'Decision',
  'Kế hoạch': 'Plan',
  'Công văn': 'Official letter',
  'Thông báo': 'Announcement',
  'Chỉ thị': 'Directive',
  'Báo cáo': 'Report',
};
export const typeLabel = (ctx: PageContext, type: string) => ctx.t(type, TYPE_EN[type] ?? type);

/** Còn hiệu lực / chưa có hiệu lực / hết hiệu lực / đã bị thay thế, as of today (Vietnam time). */
export function DocumentStatus(p: { ctx: PageContext; doc: LegalDocument }) {
  const { ctx, doc } = p;
  const today = vnIsoDate();
  if (doc.replacedById) return <span class="vh-tag vh-tag--off">{ctx.t('Đã bị thay thế', 'Replaced')}</span>;
  if (doc.expiryDate && doc.expiryDate < today) return <span class="vh-tag vh-tag--off">{ctx.t('Hết hiệu lực', 'Expired')}</span>;
  if (doc.effectiveDate > today) return <span class="vh-tag">{ctx.t('Chưa có hiệu lực', 'Not yet in force')}</span>;
  return <span class="vh-tag vh-tag--ok">{ctx.t('Còn hiệu lực', 'In force')}</span>;
}

export interface LegalListFilter {
  q: string;
  loai: string;
  nam: string;
  coQuan: string;
}

export function LegalListPage(p: {
  ctx: PageContext;
  rows: LegalDocument[];
  total: number;
  page: number;
  pageSize: number;
  filter: LegalListFilter;
  years: number[];
  bodies: string[];
  /** documents other modules publish (plans, approved reports), already filtered */
  others?: PublicDocument[];
}) {
  const { ctx, filter } = p;
  const title = ctx.t('Văn bản', 'Legal documents');
  const others = p.others ?? [];
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const qs = (page: number) => {
    const u = new URLSearchParams();
    if (filter.q) u.set('q', filter.q);
    if (filter.loai) u.set('loai', filter.loai);
    if (filter.nam) u.set('nam', filter.nam);
    if (filter.coQuan) u.set('co-quan', filter.coQuan);
    if (page > 1) u.set('trang', String(page));
    const s = u.toString();
    return s ? `/van-ban?${s}` : '/van-ban';
  };
  return (
    <Layout ctx={ctx} title={title} wide>
      <h1>{title}</h1>
      <form method="get" action="/van-ban" class="vh-form vh-filters" role="search" aria-label={ctx.t('Tìm văn bản', 'Find documents')}>
        <TextField
          ctx={ctx}
          name="q"
          label={ctx.t('Số, ký hiệu hoặc trích yếu', 'Number or summary')}
          value={filter.q}
          hint={ctx.t('Có thể gõ không dấu, ví dụ: ke hoach du lich', 'Diacritics optional')}
        />
        <SelectField
          ctx={ctx}
          name="loai"
          label={ctx.t('Loại văn bản', 'Type')}
          value={filter.loai}
          options={[{ value: '', label: ctx.t('Tất cả', 'All') }, ...LEGAL_DOCUMENT_TYPES.map((t) => ({ value: t, label: typeLabel(ctx, t) }))]}
        />
        <SelectField
          ctx={ctx}
          name="nam"
          label={ctx.t('Năm ban hành', 'Year')}
          value={filter.nam}
          options={[{ value: '', label: ctx.t('Tất cả', 'All') }, ...p.years.map((y) => ({ value: String(y), label: String(y) }))]}
        />
        <SelectField
          ctx={ctx}
          name="co-quan"
          label={ctx.t('Cơ quan ban hành', 'Issuing body')}
          value={filter.coQuan}
          options={[{ value: '', label: ctx.t('Tất cả', 'All') }, ...p.bodies.map((b) => ({ value: b, label: b }))]}
        />
        <Button>{ctx.t('Lọc', 'Filter')}</Button>
      </form>
      <p role="status">{ctx.t(`Tìm thấy ${p.total} văn bản.`, `${p.total} document(s) found.`)}</p>
      <DataTable
        ctx={ctx}
        caption={title}
        rows={p.rows}
        rowKey={(d) => d.id}
        empty={ctx.t('Không có văn bản phù hợp.', 'No matching documents.')}
        columns={[
          { header: ctx.t('Số, ký hiệu', 'Number'), cell: (d) => <a href={`/van-ban/${d.id}`}>{d.numberSymbol}</a> },
          { header: ctx.t('Ngày ban hành', 'Issued'), cell: (d) => formatDateVi(d.issuedDate) },
          { header: ctx.t('Loại', 'Type'), cell: (d) => typeLabel(ctx, d.type) },
          { header: ctx.t('Trích yếu', 'Summary'), cell: (d) => d.summary },
          { header: ctx.t('Hiệu lực', 'Status'), cell: (d) => <DocumentStatus ctx={ctx} doc={d} /> },
        ]}
      />
      {pages > 1 && (
        <nav aria-label={ctx.t('Phân trang', 'Pagination')} class="vh-pagination">
          {p.page > 1 && <a href={qs(p.page - 1)}>{ctx.t('« Trang trước', '« Previous')}</a>}{' '}
          <span>
            {ctx.t('Trang', 'Page')} {p.page}/{pages}
          </span>{' '}
          {p.page < pages && <a href={qs(p.page + 1)}>{ctx.t('Trang sau »', 'Next »')}</a>}
        </nav>
      )}
      {others.length > 0 && (
        <section aria-labelledby="van-ban-khac">
          <h2 id="van-ban-khac">{ctx.t('Kế hoạch, báo cáo của các lĩnh vực', 'Plans and reports of the sectors')}</h2>
          <DataTable
            ctx={ctx}
            caption={ctx.t(`Kế hoạch, báo cáo đã công bố (${others.length})`, `Published plans and reports (${others.length})`)}
            rows={others}
            rowKey={(d) => d.href}
            empty=""
            columns={[
              { header: ctx.t('Số, ký hiệu', 'Number'), cell: (d) => <a href={d.href}>{d.number}</a> },
              { header: ctx.t('Ngày ban hành', 'Issued'), cell: (d) => formatDateVi(d.issuedOn) },
              { header: ctx.t('Loại', 'Type'), cell: (d) => typeLabel(ctx, d.type) },
              { header: ctx.t('Trích yếu', 'Summary'), cell: (d) => d.summary },
              {
                header: ctx.t('Tệp', 'File'),
                cell: (d) =>
                  d.fileHref ? (
                    <a href={d.fileHref}>
                      {ctx.t('Tải PDF', 'PDF')}
                      <span class="vh-visually-hidden"> {d.number}</span>
                    </a>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </section>
      )}
    </Layout>
  );
}

export function LegalDetailPage(p: {
  ctx: PageContext;
  doc: LegalDocument;
  replacedBy?: LegalDocument;
  replaces: LegalDocument[];
  file?: { safeName: string; size: number };
}) {
  const { ctx, doc } = p;
  const title = `${typeLabel(ctx, doc.type)} ${ctx.t('số', 'no.')} ${doc.numberSymbol}`;
  const row = (label: string, value: ComponentChildren) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <p class="vh-hint">
        <a href="/van-ban">{ctx.t('« Danh sách văn bản', '« All documents')}</a>
      </p>
      <h1>{title}</h1>
      <p class="vh-lead">{doc.summary}</p>
      {p.replacedBy && (
        <p class="vh-notice" role="note">
          {ctx.t('Văn bản này đã được thay thế bởi', 'This document was replaced by')}{' '}
          <a href={`/van-ban/${p.replacedBy.id}`}>
            {typeLabel(ctx, p.replacedBy.type)} {p.replacedBy.numberSymbol}
          </a>
          .
        </p>
      )}
      <dl class="vh-dl">
        {row(ctx.t('Số, ký hiệu', 'Number and symbol'), doc.numberSymbol)}
        {row(ctx.t('Loại văn bản', 'Type'), typeLabel(ctx, doc.type))}
        {row(ctx.t('Cơ quan ban hành', 'Issuing body'), doc.issuingBody)}
        {row(ctx.t('Người ký', 'Signed by'), doc.signer)}
        {row(ctx.t('Ngày ban hành', 'Date issued'), formatDateVi(doc.issuedDate))}
        {row(ctx.t('Ngày có hiệu lực', 'Effective from'), formatDateVi(doc.effectiveDate))}
        {row(ctx.t('Ngày hết hiệu lực', 'Expires'), doc.expiryDate ? formatDateVi(doc.expiryDate) : ctx.t('Không xác định', 'Not set'))}
        {row(ctx.t('Tình trạng', 'Status'), <DocumentStatus ctx={ctx} doc={doc} />)}
        {p.replacedBy &&
          row(
            ctx.t('Được thay thế bởi', 'Replaced by'),
            <a href={`/van-ban/${p.replacedBy.id}`}>
              {typeLabel(ctx, p.replacedBy.type)} {p.replacedBy.numberSymbol}
            </a>,
          )}
        {p.replaces.length > 0 &&
          row(
            ctx.t('Thay thế cho', 'Replaces'),
            p.replaces.map((r, i) => (
              <span key={r.id}>
                {i > 0 && ', '}
                <a href={`/van-ban/${r.id}`}>
                  {typeLabel(ctx, r.type)} {r.numberSymbol}
                </a>
              </span>
            )),
          )}
      </dl>
      {p.file ? (
        <p>
          <a href={`/van-ban/${doc.id}/tep`} class="vh-button vh-button--secondary">
            {ctx.t('Tải văn bản (PDF', 'Download (PDF')}, {Math.max(1, Math.round(p.file.size / 1024))} KB)
          </a>
        </p>
      ) : (
        <p class="vh-hint">{ctx.t('Văn bản chưa có tệp đính kèm.', 'No file attached.')}</p>
      )}
    </Layout>
  );
}

// ── staff ────────────────────────────────────────────────────────────────────
export function LegalStaffListPage(p: { ctx: PageContext; rows: LegalDocument[] }) {
  const { ctx } = p;
  const title = ctx.t('Quản lý văn bản', 'Manage documents');
  return (
    <Layout ctx={ctx} title={title} wide>
      <h1>{title}</h1>
      <p>
        <a class="vh-button vh-button--primary" href="/quan-tri/van-ban/moi">
          {ctx.t('Thêm văn bản', 'Add a document')}
        </a>
      </p>
      <DataTable
        ctx={ctx}
        caption={title}
        rows={p.rows}
        rowKey={(d) => d.id}
        columns={[
          { header: ctx.t('Số, ký hiệu', 'Number'), cell: (d) => <a href={`/quan-tri/van-ban/${d.id}`}>{d.numberSymbol}</a> },
          { header: ctx.t('Loại', 'Type'), cell: (d) => typeLabel(ctx, d.type) },
          { header: ctx.t('Ngày ban hành', 'Issued'), cell: (d) => formatDateVi(d.issuedDate) },
          { header: ctx.t('Trích yếu', 'Summary'), cell: (d) => d.summary },
          { header: 'PDF', cell: (d) => (d.storedFileId ? ctx.t('Có', 'Yes') : ctx.t('Chưa có', 'No')) },
          {
            header: ctx.t('Thao tác', 'Actions'),
            hiddenHeader: true,
            cell: (d) => (
              <ActionButton
                ctx={ctx}
                action={`/quan-tri/van-ban/${d.id}/xoa`}
                label={ctx.t('Xóa', 'Delete')}
                fields={{ version: String(d.version) }}
                variant="warning"
              />
            ),
          },
        ]}
      />
    </Layout>
  );
}

/** The form values as typed (strings); a stored document is shown with dd/mm/yyyy dates. */
export function documentFormValues(d: LegalDocument): Record<string, string> {
  return {
    numberSymbol: d.numberSymbol,
    type: d.type,
    issuingBody: d.issuingBody,
    signer: d.signer,
    issuedDate: formatDateVi(d.issuedDate),
    effectiveDate: formatDateVi(d.effectiveDate),
    expiryDate: d.expiryDate ? formatDateVi(d.expiryDate) : '',
    replacedById: d.replacedById ?? '',
    summary: d.summary,
    version: String(d.version),
  };
}

export function LegalFormPage(p: {
  ctx: PageContext;
  doc?: LegalDocument;
  choices: { id: string; numberSymbol: string; type: string; issuedDate: string }[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  hasFile?: boolean;
}) {
  const { ctx } = p;
  const v = p.values ?? {};
  const title = p.doc ? ctx.t(`Sửa văn bản ${p.doc.numberSymbol}`, `Edit ${p.doc.numberSymbol}`) : ctx.t('Thêm văn bản', 'Add a document');
  const action = p.doc ? `/quan-tri/van-ban/${p.doc.id}` : '/quan-tri/van-ban';
  const dateHint = ctx.t('Ngày/tháng/năm, ví dụ 15/03/2026', 'dd/mm/yyyy, e.g. 15/03/2026');
  const pdfErr = p.errors?.pdf;
  return (
    <Layout ctx={ctx} title={title}>
      <p class="vh-hint">
        <a href="/quan-tri/van-ban">{ctx.t('« Danh sách văn bản', '« All documents')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {/* The body is multipart (the PDF), so the CSRF token travels in the query string. */}
      <form method="post" action={`${action}?_csrf=${encodeURIComponent(ctx.csrf)}`} encType="multipart/form-data" class="vh-form" noValidate>
        {p.doc && <input type="hidden" name="version" value={v.version ?? String(p.doc.version)} />}
        <TextField
          ctx={ctx}
          name="numberSymbol"
          label={ctx.t('Số, ký hiệu', 'Number and symbol')}
          hint={ctx.t('Ví dụ: 123/QĐ-SVHTTDL', 'e.g. 123/QĐ-SVHTTDL')}
          value={v.numberSymbol}
          errors={p.errors}
          width="half"
        />
        <SelectField
          ctx={ctx}
          name="type"
          label={ctx.t('Loại văn bản', 'Type')}
          value={v.type}
          errors={p.errors}
          options={[{ value: '', label: ctx.t('– Chọn –', '– Choose –') }, ...LEGAL_DOCUMENT_TYPES.map((t) => ({ value: t, label: typeLabel(ctx, t) }))]}
        />
        <TextField ctx={ctx} name="issuingBody" label={ctx.t('Cơ quan ban hành', 'Issuing body')} value={v.issuingBody} errors={p.errors} />
        <TextField
          ctx={ctx}
          name="signer"
          label={ctx.t('Người ký', 'Signed by')}
          hint={ctx.t('Chức vụ và họ tên, ví dụ: Giám đốc Nguyễn Văn A', 'Position and name')}
          value={v.signer}
          errors={p.errors}
        />
        <TextField
          ctx={ctx}
          name="issuedDate"
          label={ctx.t('Ngày ban hành', 'Date issued')}
          hint={dateHint}
          value={v.issuedDate}
          errors={p.errors}
          width="short"
          inputMode="numeric"
        />
        <TextField
          ctx={ctx}
          name="effectiveDate"
          label={ctx.t('Ngày có hiệu lực', 'Effective from')}
          hint={dateHint}
          value={v.effectiveDate}
          errors={p.errors}
          width="short"
          inputMode="numeric"
        />
        <TextField
          ctx={ctx}
          name="expiryDate"
          label={ctx.t('Ngày hết hiệu lực (nếu có)', 'Expiry date (optional)')}
          hint={dateHint}
          value={v.expiryDate}
          errors={p.errors}
          width="short"
          inputMode="numeric"
        />
        <SelectField
          ctx={ctx}
          name="replacedById"
          label={ctx.t('Được thay thế bởi (nếu có)', 'Replaced by (optional)')}
          value={v.replacedById}
          errors={p.errors}
          options={[
            { value: '', label: ctx.t('– Không –', '– None –') },
            ...p.choices
              .filter((c) => c.id !== p.doc?.id)
              .map((c) => ({ value: c.id, label: `${c.numberSymbol} (${typeLabel(ctx, c.type)}, ${formatDateVi(c.issuedDate)})` })),
          ]}
        />
        <TextArea ctx={ctx} name="summary" label={ctx.t('Trích yếu', 'Summary')} value={v.summary} errors={p.errors} rows={4} />
        <div class={`vh-field${pdfErr ? ' vh-field--error' : ''}`}>
          <label for="f-pdf" class="vh-label">
            {ctx.t('Tệp văn bản (PDF)', 'Document file (PDF)')}
          </label>
          <p id="h-pdf" class="vh-hint">
            {p.hasFile
              ? ctx.t('Đã có tệp; chọn tệp mới để thay.', 'A file is attached; choose one to replace it.')
              : ctx.t('Chỉ nhận tệp PDF, tối đa 20 MB.', 'PDF only, at most 20 MB.')}
          </p>
          {pdfErr && (
            <p id="e-pdf" class="vh-error">
              <span class="vh-visually-hidden">{ctx.t('Lỗi:', 'Error:')}</span> {ctx.lang === 'en' ? pdfErr.en : pdfErr.vi}
            </p>
          )}
          <input
            id="f-pdf"
            name="pdf"
            type="file"
            accept="application/pdf,.pdf"
            class="vh-file"
            aria-describedby={pdfErr ? 'h-pdf e-pdf' : 'h-pdf'}
            aria-invalid={pdfErr ? 'true' : undefined}
          />
        </div>
        <Button>{ctx.t('Lưu văn bản', 'Save')}</Button>
      </form>
    </Layout>
  );
}
