import type { FieldErrors } from '../../../core/errors.js';
import { formatDateTimeVi } from '../../../core/validation.js';
import { Button, ErrorSummary, Form, SelectField, TextArea, TextField, Checkbox } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import type { CatalogueForm } from '../library.commands.js';
import type { Collection } from '../library.repository.js';
import type { ImportError } from '../library.schema.js';

const ACCESS = (t: PageContext['t'], a: string) => (a === 'public' ? t('Công khai', 'Public') : a === 'reading_room' ? t('Chỉ tại phòng đọc', 'Reading room') : t('Hạn chế (cán bộ)', 'Restricted (staff)'));

export function ConsolePage(p: { ctx: PageContext; collections: (Collection & { records: number })[]; imports: { id: string; filename: string; status: string; processed: number; imported: number; failed: number; duplicates: number; createdAt: Date }[]; errors?: FieldErrors; message?: string; form?: Record<string, string> }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Thư viện: quản trị', 'Library: console')} wide>
      <h1>{t('Quản trị thư viện', 'Library console')}</h1>
      <ul class="vh-links">
        <li>
          <a href="/quan-tri/thu-vien/bieu-ghi/moi">{t('Biên mục biểu ghi mới', 'Catalogue a new record')}</a>
        </li>
        <li>
          <a href="/quan-tri/thu-vien/nhap">{t('Nhập biểu ghi từ tệp MARC', 'Import a MARC file')}</a>
        </li>
        <li>
          <a href="/quan-tri/thu-vien/tim">{t('Tìm và sửa biểu ghi (cả bộ sưu tập hạn chế)', 'Find and edit records')}</a>
        </li>
        <li>
          {t('Xuất toàn bộ', 'Export all')}: <a href="/quan-tri/thu-vien/xuat?dinh-dang=marcxml">MARCXML</a> · <a href="/quan-tri/thu-vien/xuat?dinh-dang=iso2709">ISO 2709</a> ·{' '}
          <a href="/quan-tri/thu-vien/xuat?dinh-dang=dc">Dublin Core</a> · <a href="/quan-tri/thu-vien/xuat?dinh-dang=csv">CSV</a>
        </li>
      </ul>
      <DataTable
        ctx={ctx}
        caption={t('Bộ sưu tập', 'Collections')}
        captionVisible
        rows={p.collections}
        rowKey={(c) => c.id}
        columns={[
          { header: t('Mã', 'Code'), cell: (c) => c.code },
          { header: t('Tên', 'Name'), cell: (c) => c.name },
          { header: t('Truy cập', 'Access'), cell: (c) => ACCESS(t, c.access) },
          { header: t('Biểu ghi', 'Records'), cell: (c) => c.records.toLocaleString('vi-VN') },
        ]}
      />
      <h2>{t('Thêm bộ sưu tập', 'Add a collection')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/thu-vien/bo-suu-tap">
        <TextField ctx={ctx} name="code" label={t('Mã (không dấu)', 'Code')} value={p.form?.code} errors={p.errors} />
        <TextField ctx={ctx} name="name" label={t('Tên bộ sưu tập', 'Name')} value={p.form?.name} errors={p.errors} />
        <SelectField
          ctx={ctx}
          name="access"
          label={t('Chế độ truy cập', 'Access')}
          value={p.form?.access ?? 'public'}
          errors={p.errors}
          options={['public', 'reading_room', 'restricted'].map((a) => ({ value: a, label: ACCESS(t, a) }))}
        />
        <Checkbox ctx={ctx} name="isDiaChi" label={t('Bộ sưu tập địa chí', 'Local-records collection')} checked={p.form?.isDiaChi === 'on'} />
        <Button>{t('Thêm', 'Add')}</Button>
      </Form>
      <DataTable
        ctx={ctx}
        caption={t('Các lần nhập gần đây', 'Recent imports')}
        captionVisible
        rows={p.imports}
        rowKey={(i) => i.id}
        empty={t('Chưa có lần nhập nào.', 'No imports yet.')}
        columns={[
          { header: t('Tệp', 'File'), cell: (i) => <a href={`/quan-tri/thu-vien/nhap/${i.id}`}>{i.filename}</a> },
          { header: t('Trạng thái', 'Status'), cell: (i) => i.status },
          { header: t('Đã nhập', 'Imported'), cell: (i) => `${i.imported}/${i.processed}` },
          { header: t('Lỗi', 'Errors'), cell: (i) => String(i.failed) },
          { header: t('Trùng', 'Duplicates'), cell: (i) => String(i.duplicates) },
          { header: t('Lúc', 'At'), cell: (i) => formatDateTimeVi(i.createdAt) },
        ]}
      />
    </Layout>
  );
}

export function RecordFormPage(p: { ctx: PageContext; id?: string; version?: number; form: CatalogueForm; marcText: string; collections: Collection[]; errors?: FieldErrors; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  const f = p.form;
  const action = p.id ? `/quan-tri/thu-vien/bieu-ghi/${p.id}` : '/quan-tri/thu-vien/bieu-ghi/moi';
  return (
    <Layout ctx={ctx} title={p.id ? t('Sửa biểu ghi', 'Edit record') : t('Biên mục biểu ghi mới', 'New record')}>
      <h1>{p.id ? t('Sửa biểu ghi', 'Edit record') : t('Biên mục biểu ghi mới', 'New record')}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action={action}>
        {p.version !== undefined && <input type="hidden" name="version" value={String(p.version)} />}
        <input type="hidden" name="mode" value="form" />
        <SelectField ctx={ctx} name="collectionId" label={t('Bộ sưu tập', 'Collection')} value={f.collectionId} errors={p.errors} options={p.collections.map((c) => ({ value: c.id, label: c.name }))} />
        <TextField ctx={ctx} name="title" label={t('Nhan đề', 'Title')} value={f.title} errors={p.errors} required />
        <TextField ctx={ctx} name="subtitle" label={t('Phụ đề', 'Subtitle')} value={f.subtitle} errors={p.errors} />
        <TextField ctx={ctx} name="author" label={t('Tác giả chính', 'Main author')} hint={t('Họ tên đầy đủ, ví dụ: Nguyễn Văn A', 'Full name')} value={f.author} errors={p.errors} />
        <TextArea ctx={ctx} name="otherAuthors" label={t('Tác giả khác (mỗi dòng một người)', 'Other authors (one a line)')} rows={2} value={f.otherAuthors} errors={p.errors} />
        <TextField ctx={ctx} name="place" label={t('Nơi xuất bản', 'Place of publication')} value={f.place} errors={p.errors} />
        <TextField ctx={ctx} name="publisher" label={t('Nhà xuất bản', 'Publisher')} value={f.publisher} errors={p.errors} />
        <TextField ctx={ctx} name="year" label={t('Năm xuất bản', 'Year')} value={f.year} errors={p.errors} width="short" inputMode="numeric" />
        <TextField ctx={ctx} name="isbn" label="ISBN" value={f.isbn} errors={p.errors} />
        <TextField ctx={ctx} name="pages" label={t('Số trang, khổ', 'Extent')} value={f.pages} errors={p.errors} />
        <TextField ctx={ctx} name="language" label={t('Ngôn ngữ (mã 3 chữ: vie, eng …)', 'Language (vie, eng …)')} value={f.language ?? 'vie'} errors={p.errors} width="short" />
        <TextArea ctx={ctx} name="subjects" label={t('Chủ đề (mỗi dòng một chủ đề)', 'Subjects (one a line)')} rows={3} value={f.subjects} errors={p.errors} />
        <TextArea ctx={ctx} name="places" label={t('Địa danh (mỗi dòng một địa danh)', 'Places (one a line)')} rows={2} value={f.places} errors={p.errors} />
        <TextField ctx={ctx} name="topics" label={t('Mã chủ đề địa chí (cách nhau bởi dấu ;)', 'Local topic codes (; separated)')} value={f.topics} errors={p.errors} />
        <TextArea ctx={ctx} name="summary" label={t('Tóm tắt', 'Summary')} rows={4} value={f.summary} errors={p.errors} />
        <TextArea ctx={ctx} name="notes" label={t('Ghi chú', 'Notes')} rows={2} value={f.notes} errors={p.errors} />
        <Button>{t('Lưu biểu ghi', 'Save the record')}</Button>
      </Form>
      {p.id && (
        <>
          <h2>{t('Trình sửa MARC 21', 'MARC 21 editor')}</h2>
          <p class="vh-hint">{t('Mỗi dòng một trường: nhãn, hai chỉ thị ("_" là trống), rồi các trường con "$a …". Dòng LDR là đầu biểu.', 'One field a line: tag, two indicators (_ = blank), then $a … subfields.')}</p>
          <Form ctx={ctx} action={action}>
            <input type="hidden" name="version" value={String(p.version ?? '')} />
            <input type="hidden" name="mode" value="marc" />
            <input type="hidden" name="collectionId" value={f.collectionId ?? ''} />
            <TextArea ctx={ctx} name="marc" label={t('Biểu ghi MARC', 'MARC record')} rows={18} value={p.marcText} errors={p.errors} />
            <Button>{t('Lưu MARC', 'Save MARC')}</Button>
          </Form>
          <Form ctx={ctx} action={`/quan-tri/thu-vien/bieu-ghi/${p.id}/xoa`}>
            <Button variant="warning">{t('Xóa biểu ghi (giữ dấu vết cho OAI-PMH)', 'Delete (tombstone kept for OAI-PMH)')}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function ImportPage(p: { ctx: PageContext; collections: Collection[]; errors?: FieldErrors; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Nhập biểu ghi MARC', 'Import MARC records')}>
      <h1>{t('Nhập biểu ghi MARC', 'Import MARC records')}</h1>
      <p>{t('Nhận MARCXML hoặc ISO 2709 (.mrc) mã UTF-8, tối đa 50 MB. Biểu ghi hợp lệ được nhập; biểu ghi lỗi được báo kèm vị trí; biểu ghi trùng (ISBN, hoặc nhan đề + tác giả + năm) được bỏ qua.', 'MARCXML or ISO 2709 (UTF-8), up to 50 MB.')}</p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/thu-vien/nhap" multipart>
        <SelectField ctx={ctx} name="collectionId" label={t('Nhập vào bộ sưu tập', 'Into collection')} errors={p.errors} options={p.collections.map((c) => ({ value: c.id, label: c.name }))} />
        <div class={`vh-field${p.errors?.file ? ' vh-field--error' : ''}`}>
          <label class="vh-label" for="f-file">
            {t('Tệp MARC', 'MARC file')}
          </label>
          {p.errors?.file && <p class="vh-error">{ctx.lang === 'en' ? p.errors.file.en : p.errors.file.vi}</p>}
          <input id="f-file" name="file" type="file" accept=".mrc,.xml,.marc" class="vh-input" />
        </div>
        <Button>{t('Nhập', 'Import')}</Button>
      </Form>
    </Layout>
  );
}

export function ImportStatusPage(p: { ctx: PageContext; imp: { id: string; filename: string; status: string; total: number; processed: number; imported: number; duplicates: number; failed: number; errors: ImportError[] } }) {
  const { ctx, imp } = p;
  const t = ctx.t;
  const done = imp.status === 'done' || imp.status === 'failed';
  return (
    <Layout ctx={ctx} title={t('Tiến độ nhập', 'Import progress')} head={done ? undefined : <meta http-equiv="refresh" content="2" />}>
      <h1>
        {t('Nhập tệp', 'Import of')} {imp.filename}
      </h1>
      <p role="status">
        {imp.status === 'queued' ? t('Đang chờ xử lý…', 'Queued…') : imp.status === 'running' ? t('Đang nhập…', 'Importing…') : imp.status === 'done' ? t('Đã xong.', 'Done.') : t('Bị lỗi.', 'Failed.')}{' '}
        {t(`Đã đọc ${imp.processed} biểu ghi, nhập ${imp.imported}, trùng ${imp.duplicates}, lỗi ${imp.failed}.`, `${imp.processed} read, ${imp.imported} imported, ${imp.duplicates} duplicates, ${imp.failed} errors.`)}
      </p>
      <label for="tien-do">{t('Tiến độ', 'Progress')}</label>{' '}
      <progress id="tien-do" max={done ? imp.processed || 1 : Math.max(imp.total, imp.processed + 1)} value={imp.processed}>
        {imp.processed}
      </progress>
      {imp.errors.length > 0 && (
        <DataTable
          ctx={ctx}
          caption={t('Biểu ghi lỗi hoặc trùng', 'Bad or duplicate records')}
          captionVisible
          rows={imp.errors}
          rowKey={(e) => `${e.position}-${e.message}`}
          columns={[
            { header: t('Vị trí', 'Position'), cell: (e) => String(e.position) },
            { header: t('Byte', 'Offset'), cell: (e) => (e.offset === undefined ? '' : String(e.offset)) },
            { header: t('Lỗi', 'Problem'), cell: (e) => e.message },
          ]}
        />
      )}
    </Layout>
  );
}
