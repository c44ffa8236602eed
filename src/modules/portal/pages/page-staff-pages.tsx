import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { formatDateTimeVi } from '../../../core/validation.js';
import type { PortalPage } from '../portal.repository.js';
import { pageUrl } from '../portal.search.js';

const SECTION_LABEL: Record<string, [string, string]> = {
  unit: ['Chức năng, nhiệm vụ đơn vị', 'Unit duties'],
  leader: ['Tiểu sử lãnh đạo', 'Leader biography'],
};

export function PagesListPage(p: { ctx: PageContext; pages: PortalPage[] }) {
  const { ctx } = p;
  const title = ctx.t('Trang thông tin bắt buộc', 'Mandatory pages');
  return (
    <Layout ctx={ctx} title={title} wide>
      <h1>{title}</h1>
      <p>{ctx.t('Cập nhật ngay khi có thay đổi (Nghị định 42/2022/NĐ-CP).', 'Update as soon as anything changes (Decree 42/2022).')}</p>
      <DataTable
        ctx={ctx}
        caption={title}
        rows={p.pages}
        rowKey={(x) => x.id}
        columns={[
          { header: ctx.t('Tiêu đề', 'Title'), cell: (x) => <a href={`/quan-tri/trang/${x.id}`}>{x.title}</a> },
          {
            header: ctx.t('Nhóm', 'Kind'),
            cell: (x) => (SECTION_LABEL[x.section] ? ctx.t(...SECTION_LABEL[x.section]!) : ctx.t('Mục bắt buộc', 'Mandatory section')),
          },
          { header: ctx.t('Địa chỉ', 'URL'), cell: (x) => <a href={pageUrl(x)}>{pageUrl(x)}</a> },
          { header: ctx.t('Bản tiếng Anh', 'English'), cell: (x) => (x.bodyMarkdownEn ? ctx.t('Có', 'Yes') : '–') },
          { header: ctx.t('Cập nhật', 'Updated'), cell: (x) => formatDateTimeVi(x.updatedAt) },
        ]}
      />
    </Layout>
  );
}

export function PageEditPage(p: { ctx: PageContext; page: PortalPage; values?: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx, page } = p;
  const v = p.values ?? {
    title: page.title,
    titleEn: page.titleEn ?? '',
    bodyMarkdown: page.bodyMarkdown,
    bodyMarkdownEn: page.bodyMarkdownEn ?? '',
    version: String(page.version),
  };
  const title = ctx.t(`Sửa trang: ${page.title}`, `Edit: ${page.title}`);
  return (
    <Layout ctx={ctx} title={title}>
      <p class="vh-hint">
        <a href="/quan-tri/trang">{ctx.t('« Các trang', '« All pages')}</a> · <a href={pageUrl(page)}>{ctx.t('Xem trang', 'View')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action={`/quan-tri/trang/${page.id}`}>
        <input type="hidden" name="version" value={v.version ?? String(page.version)} />
        <TextField ctx={ctx} name="title" label={ctx.t('Tiêu đề', 'Title')} value={v.title} errors={p.errors} />
        <TextArea
          ctx={ctx}
          name="bodyMarkdown"
          label={ctx.t('Nội dung (Markdown)', 'Text (Markdown)')}
          hint={ctx.t('## Tiêu đề mục, **đậm**, - danh sách, [liên kết](/duong-dan)', '## Heading, **bold**, - list, [link](/path)')}
          value={v.bodyMarkdown}
          errors={p.errors}
          rows={16}
        />
        <TextField ctx={ctx} name="titleEn" label={ctx.t('Tiêu đề tiếng Anh', 'English title')} value={v.titleEn} errors={p.errors} />
        <TextArea
          ctx={ctx}
          name="bodyMarkdownEn"
          label={ctx.t('Nội dung tiếng Anh (Markdown)', 'English text (Markdown)')}
          value={v.bodyMarkdownEn}
          errors={p.errors}
          rows={10}
        />
        <Button>{ctx.t('Lưu', 'Save')}</Button>
      </Form>
    </Layout>
  );
}
