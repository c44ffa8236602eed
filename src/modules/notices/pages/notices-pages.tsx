import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { ActionButton, Button, ErrorSummary, Form, TextArea, TextField } from '../../../core/web/components/form.js';
import { formatDateTimeVi } from '../../../core/validation.js';
import type { Notice } from '../notices.repository.js';
import { DataTable } from '../../../core/web/components/table.js';

export function PublicNoticesPage(p: { ctx: PageContext; notices: Notice[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Thông báo', 'Notices')}>
      <h1>{t('Thông báo', 'Notices')}</h1>
      {p.notices.length === 0 ? (
        <p>{t('Chưa có thông báo nào.', 'No notices yet.')}</p>
      ) : (
        p.notices.map((n) => (
          <article class="vh-card" key={n.id} style="margin-bottom:1rem">
            <h2>{n.title}</h2>
            <p class="vh-hint">
              {t('Đăng lúc', 'Published')} {formatDateTimeVi(n.publishedAt)}
            </p>
            {n.body.split('\n').map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </article>
        ))
      )}
    </Layout>
  );
}

export function ManageNoticesPage(p: { ctx: PageContext; notices: Notice[]; values?: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Quản lý thông báo', 'Manage notices')}>
      <h1>{t('Quản lý thông báo', 'Manage notices')}</h1>
      <DataTable
        ctx={ctx}
        caption={t('Các thông báo', 'Notices')}
        rows={p.notices}
        rowKey={(n) => n.id}
        columns={[
          { header: t('Tiêu đề', 'Title'), cell: (n) => n.title },
          {
            header: t('Trạng thái', 'Status'),
            cell: (n) => (n.status === 'published' ? <span class="vh-tag vh-tag--ok">{t('Đã đăng', 'Published')}</span> : <span class="vh-tag">{t('Bản nháp', 'Draft')}</span>),
          },
          {
            header: t('Thao tác', 'Actions'),
            hiddenHeader: true,
            cell: (n) => n.status === 'draft' && <ActionButton ctx={ctx} action={`/quan-tri/thong-bao/${n.id}/dang`} label={t('Đăng', 'Publish')} fields={{ version: String(n.version) }} variant="primary" />,
          },
        ]}
      />
      <h2>{t('Soạn thông báo mới', 'New notice')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/thong-bao">
        <TextField ctx={ctx} name="title" label={t('Tiêu đề', 'Title')} value={p.values?.title} errors={p.errors} />
        <TextArea ctx={ctx} name="body" label={t('Nội dung', 'Text')} value={p.values?.body} errors={p.errors} rows={6} />
        <Button>{t('Lưu bản nháp', 'Save draft')}</Button>
      </Form>
    </Layout>
  );
}
