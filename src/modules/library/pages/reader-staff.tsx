import type { FieldErrors } from '../../../core/errors.js';
import { iiifUrl } from '../../../core/images/images.js';
import { formatDateTimeVi } from '../../../core/validation.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { ACCESS_VI, type Tools } from '../library.items.commands.js';
import type { Item, ItemListRow, ItemPage, ReadingRoom } from '../library.items.repository.js';
import { ITEM_ACCESS } from '../library.items.schema.js';
import { readerHref, recordHref } from './reader.js';

export const ITEMS_HOME = '/quan-tri/thu-vien/so-hoa';
const accessOptions = (ctx: PageContext) => ITEM_ACCESS.map((a) => ({ value: a, label: ctx.t(ACCESS_VI[a].vi, ACCESS_VI[a].en) }));

export type ItemForm = Record<string, string>;

function ToolsNote(p: { ctx: PageContext; tools: Tools }) {
  const t = p.ctx.t;
  return (
    <ul>
      <li>
        {p.tools.pdftoppm
          ? t('Nhận tệp PDF: có (poppler-utils, pdftoppm dựng từng trang thành ảnh).', 'PDF pages: rendered with pdftoppm.')
          : t('Nhận tệp PDF: không — máy chủ chưa cài poppler-utils; chỉ nhận ảnh quét.', 'PDF: not available (poppler-utils missing).')}
      </li>
      <li>
        {p.tools.tesseractVie
          ? t('Nhận dạng chữ (OCR): có tesseract với tiếng Việt.', 'OCR: tesseract with Vietnamese is installed.')
          : t(
              'Nhận dạng chữ (OCR): máy chủ chưa cài tesseract với gói tiếng Việt (vie); hãy nhập văn bản OCR làm ở nơi khác cho từng trang.',
              'OCR: tesseract with Vietnamese (vie) is not installed; import OCR text per page.',
            )}
      </li>
    </ul>
  );
}

export function ItemsHomePage(p: { ctx: PageContext; items: ItemListRow[]; rooms: ReadingRoom[]; tools: Tools; roomValues?: ItemForm; errors?: FieldErrors; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Số hóa tài liệu thư viện', 'Digitised items')} wide>
      <h1>{t('Số hóa tài liệu thư viện', 'Digitised items')}</h1>
      <p>
        <a class="vh-button vh-button--primary" href={`${ITEMS_HOME}/moi`}>
          {t('Thêm bản số hóa', 'Add a digitised item')}
        </a>
      </p>
      <ToolsNote ctx={ctx} tools={p.tools} />
      <DataTable
        ctx={ctx}
        caption={t('Các bản số hóa', 'Digitised items')}
        rows={p.items}
        rowKey={(r) => r.id}
        empty={t('Chưa có bản số hóa nào.', 'No digitised items yet.')}
        columns={[
          { header: t('Bản số hóa', 'Item'), cell: (r) => <a href={`${ITEMS_HOME}/${r.id}`}>{r.label}</a> },
          { header: t('Biểu ghi', 'Record'), cell: (r) => r.recordTitle },
          { header: t('Số trang', 'Pages'), cell: (r) => String(r.pageCount) },
          { header: t('Trang có văn bản', 'Pages with text'), cell: (r) => String(r.textPages) },
          { header: t('Truy cập', 'Access'), cell: (r) => t(ACCESS_VI[r.access].vi, ACCESS_VI[r.access].en) },
          { header: t('Cập nhật', 'Updated'), cell: (r) => formatDateTimeVi(r.updatedAt) },
        ]}
      />
      <h2>{t('Phòng đọc (dải địa chỉ mạng)', 'Reading rooms (address ranges)')}</h2>
      <p>{t('Tài liệu "chỉ đọc tại phòng đọc" mở được từ các máy có địa chỉ trong những dải này.', 'Reading-room items open from these address ranges.')}</p>
      <ul>
        {p.rooms.map((r) => (
          <li key={r.id}>
            {r.name}: {r.cidrs.join(', ') || t('(chưa có dải địa chỉ)', '(no ranges)')}
          </li>
        ))}
      </ul>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action={`${ITEMS_HOME}/phong-doc`} label={t('Phòng đọc', 'Reading room')}>
        <TextField ctx={ctx} name="name" label={t('Tên phòng đọc', 'Reading room')} value={p.roomValues?.name ?? ''} errors={p.errors} />
        <TextArea ctx={ctx} name="cidrs" label={t('Dải địa chỉ (mỗi dải một dòng, ví dụ 10.20.0.0/16)', 'Ranges, one a line')} rows={3} value={p.roomValues?.cidrs ?? ''} errors={p.errors} />
        <Button>{t('Lưu phòng đọc', 'Save reading room')}</Button>
      </Form>
    </Layout>
  );
}

export interface RecordChoice {
  id: string;
  title: string;
  year: number | null;
}

export function NewItemPage(p: { ctx: PageContext; q: string; choices: RecordChoice[]; record?: RecordChoice; values: ItemForm; errors?: FieldErrors; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Thêm bản số hóa', 'Add a digitised item')}>
      <h1>{t('Thêm bản số hóa', 'Add a digitised item')}</h1>
      {!p.record ? (
        <>
          <form method="get" action={`${ITEMS_HOME}/moi`} role="search" aria-label={t('Tìm biểu ghi', 'Find the record')}>
            <div class="vh-field">
              <label class="vh-label" for="f-q">
                {t('Nhan đề của biểu ghi thư mục', 'Title of the catalogue record')}
              </label>
              <input id="f-q" name="q" class="vh-input" value={p.q} />
            </div>
            <Button variant="secondary">{t('Tìm biểu ghi', 'Find')}</Button>
          </form>
          {p.q && (
            <ul>
              {p.choices.map((c) => (
                <li key={c.id}>
                  <a href={`${ITEMS_HOME}/moi?ban-ghi=${c.id}`}>
                    {c.title}
                    {c.year ? ` (${c.year})` : ''}
                  </a>
                </li>
              ))}
              {!p.choices.length && <li>{t('Không có biểu ghi nào khớp.', 'No record matches.')}</li>}
            </ul>
          )}
        </>
      ) : (
        <>
          <p>
            {t('Biểu ghi', 'Record')}: <a href={recordHref(p.record.id)}>{p.record.title}</a>
          </p>
          <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
          <Form ctx={ctx} action={`${ITEMS_HOME}/moi`} label={t('Bản số hóa', 'Digitised item')}>
            <input type="hidden" name="recordId" value={p.record.id} />
            <ItemFields ctx={ctx} values={p.values} errors={p.errors} />
            <Button>{t('Tạo bản số hóa', 'Create')}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

function ItemFields(p: { ctx: PageContext; values: ItemForm; errors?: FieldErrors }) {
  const { ctx, values, errors } = p;
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="label" label={t('Tên bản số hóa', 'Label')} value={values.label ?? ''} errors={errors} />
      <TextField ctx={ctx} name="labelEn" label={t('Tên tiếng Anh (không bắt buộc)', 'English label (optional)')} value={values.labelEn ?? ''} errors={errors} />
      <SelectField ctx={ctx} name="access" label={t('Mức truy cập', 'Access')} options={accessOptions(ctx)} value={values.access ?? 'public'} errors={errors} />
      <TextField ctx={ctx} name="rights" label={t('Quyền sử dụng (địa chỉ rightsstatements.org hoặc creativecommons.org)', 'Rights URI')} value={values.rights ?? 'http://rightsstatements.org/vocab/InC-EDU/1.0/'} errors={errors} />
      <TextField ctx={ctx} name="attribution" label={t('Nguồn (hiện kèm mọi trang)', 'Attribution')} value={values.attribution ?? 'Thư viện tỉnh'} errors={errors} />
      <TextArea
        ctx={ctx}
        name="ranges"
        label={t('Mục lục: mỗi chương một dòng "Tên chương | trang đầu-trang cuối"', 'Chapters: "Title | first-last" a line')}
        rows={4}
        value={values.ranges ?? ''}
        errors={errors}
      />
    </>
  );
}

export const rangesText = (item: Item) => item.ranges.map((r) => `${r.label} | ${r.from}-${r.to}`).join('\n');

export function ItemAdminPage(p: {
  ctx: PageContext;
  item: Item;
  recordTitle: string;
  pages: ItemPage[];
  tools: Tools;
  values: ItemForm;
  errors?: FieldErrors;
  message?: string;
  uploadErrors?: FieldErrors;
  uploadMessage?: string;
}) {
  const { ctx, item } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={item.label} wide>
      <nav aria-label={t('Đường dẫn', 'Breadcrumb')} class="vh-breadcrumbs">
        <a href={ITEMS_HOME}>{t('Số hóa tài liệu', 'Digitised items')}</a> › {item.label}
      </nav>
      <h1>{item.label}</h1>
      <p>
        {t('Biểu ghi', 'Record')}: <a href={recordHref(item.recordId)}>{p.recordTitle}</a> · <a href={readerHref(item.id)}>{t('Xem trang đọc', 'Open the reader')}</a> ·{' '}
        <a href={`/iiif/manifests/${item.id}`}>IIIF manifest</a>
      </p>
      <h2>{t('Tải lên ảnh quét', 'Upload scans')}</h2>
      <ToolsNote ctx={ctx} tools={p.tools} />
      <ErrorSummary ctx={ctx} errors={p.uploadErrors} message={p.uploadMessage} />
      <Form ctx={ctx} action={`${ITEMS_HOME}/${item.id}/trang`} label={t('Tải lên ảnh quét', 'Upload scans')} multipart>
        <div class={`vh-field${p.uploadErrors?.file ? ' vh-field--error' : ''}`}>
          <label class="vh-label" for="f-file">
            {t('Ảnh quét JPEG, PNG, TIFF hoặc tệp PDF (chọn nhiều tệp; thêm vào cuối theo thứ tự tên tệp)', 'JPEG, PNG, TIFF scans or PDF (several files; appended in name order)')}
          </label>
          {p.uploadErrors?.file && (
            <p id="e-file" class="vh-error">
              {ctx.lang === 'en' ? p.uploadErrors.file.en : p.uploadErrors.file.vi}
            </p>
          )}
          <input id="f-file" name="file" type="file" multiple accept="image/jpeg,image/png,image/tiff,image/webp,application/pdf" class="vh-input" aria-describedby={p.uploadErrors?.file ? 'e-file' : undefined} />
        </div>
        <Button>{t('Tải lên', 'Upload')}</Button>
      </Form>
      <DataTable
        ctx={ctx}
        caption={t('Các trang theo thứ tự', 'Pages in order')}
        captionVisible
        rows={p.pages}
        rowKey={(r) => String(r.seq)}
        empty={t('Chưa có trang nào.', 'No pages yet.')}
        columns={[
          { header: t('Trang', 'Page'), cell: (r) => String(r.seq) },
          { header: t('Ảnh', 'Image'), cell: (r) => <img src={iiifUrl(r.imageId, Math.min(80, r.width))} alt={`${t('Trang', 'Page')} ${r.seq}`} width={Math.min(80, r.width)} height={Math.round((r.height * Math.min(80, r.width)) / r.width)} loading="lazy" /> },
          { header: t('Văn bản', 'Text'), cell: (r) => (r.text ? `${r.text.length} ${t('ký tự', 'characters')}` : t('chưa có', 'none')) },
          {
            header: t('Thao tác', 'Actions'),
            cell: (r) => (
              <>
                <a href={`${ITEMS_HOME}/${item.id}/trang/${r.seq}`}>{t(`Văn bản trang ${r.seq}`, `Text of page ${r.seq}`)}</a>{' '}
                {r.seq > 1 && <ActionButton ctx={ctx} action={`${ITEMS_HOME}/${item.id}/trang/${r.seq}/chuyen`} fields={{ huong: 'up' }} label={t(`Đưa trang ${r.seq} lên`, `Move page ${r.seq} up`)} />}{' '}
                {r.seq < p.pages.length && <ActionButton ctx={ctx} action={`${ITEMS_HOME}/${item.id}/trang/${r.seq}/chuyen`} fields={{ huong: 'down' }} label={t(`Đưa trang ${r.seq} xuống`, `Move page ${r.seq} down`)} />}
              </>
            ),
          },
        ]}
      />
      <h2>{t('Thông tin bản số hóa', 'Item details')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action={`${ITEMS_HOME}/${item.id}`} label={t('Thông tin bản số hóa', 'Item details')}>
        <ItemFields ctx={ctx} values={p.values} errors={p.errors} />
        <Button>{t('Lưu', 'Save')}</Button>
      </Form>
    </Layout>
  );
}

export function PageTextPage(p: { ctx: PageContext; item: Item; page: ItemPage; value: string; errors?: FieldErrors; message?: string }) {
  const { ctx, item, page } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={`${item.label} — ${t('văn bản trang', 'text of page')} ${page.seq}`}>
      <nav aria-label={t('Đường dẫn', 'Breadcrumb')} class="vh-breadcrumbs">
        <a href={ITEMS_HOME}>{t('Số hóa tài liệu', 'Digitised items')}</a> › <a href={`${ITEMS_HOME}/${item.id}`}>{item.label}</a> › {t('Trang', 'Page')} {page.seq}
      </nav>
      <h1>
        {t('Văn bản trang', 'Text of page')} {page.seq}
      </h1>
      <p>
        <img src={iiifUrl(page.imageId, Math.min(400, page.width))} alt={`${t('Trang', 'Page')} ${page.seq}`} width={Math.min(400, page.width)} height={Math.round((page.height * Math.min(400, page.width)) / page.width)} />
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action={`${ITEMS_HOME}/${item.id}/trang/${page.seq}`} label={t('Văn bản trang', 'Page text')}>
        <TextArea ctx={ctx} name="text" label={t('Văn bản (OCR nhập từ phần mềm nhận dạng chữ, hoặc gõ lại)', 'Text (imported OCR or typed)')} rows={14} value={p.value} errors={p.errors} />
        <Button>{t('Lưu văn bản', 'Save text')}</Button>
      </Form>
    </Layout>
  );
}
