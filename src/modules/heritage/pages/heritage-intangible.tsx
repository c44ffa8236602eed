import type { FieldErrors } from '../../../core/errors.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { type Intangible, KIND_LABELS, type Practitioner, TITLE_LABELS } from '../heritage.intangible.js';
import { INTANGIBLE_KINDS, PRACTITIONER_TITLES } from '../heritage.schema.js';
import { hp } from '../heritage.urls.js';

type Errs = FieldErrors | undefined;
const L = (ctx: PageContext, m: Record<string, { vi: string; en: string }>, k: string) => ctx.t(m[k]?.vi ?? k, m[k]?.en ?? k);

function PractitionerTable(p: { ctx: PageContext; rows: Practitioner[] }) {
  const t = p.ctx.t;
  return (
    <DataTable
      ctx={p.ctx}
      caption={t('Nghệ nhân', 'Practitioners')}
      rows={p.rows}
      rowKey={(r) => r.id}
      empty={t('Chưa có nghệ nhân.', 'No practitioner recorded.')}
      columns={[
        { header: t('Họ và tên', 'Name'), cell: (r) => r.fullName },
        { header: t('Năm sinh', 'Born'), cell: (r) => (r.birthYear ? String(r.birthYear) : '—') },
        { header: t('Danh hiệu', 'Title'), cell: (r) => L(p.ctx, TITLE_LABELS, r.title) },
        { header: t('Năm, quyết định phong tặng', 'Year, decision'), cell: (r) => [r.titleYear, r.titleDecision].filter(Boolean).join(' — ') || '—' },
      ]}
    />
  );
}

export function PublicIntangiblesPage(p: { ctx: PageContext; items: (Intangible & { practitioners: number })[]; kind: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Di sản văn hóa phi vật thể', 'Intangible cultural heritage')} wide>
      <h1>{t('Di sản văn hóa phi vật thể', 'Intangible cultural heritage')}</h1>
      <form method="get" action={hp(ctx, '/di-san/phi-vat-the')} class="vh-filters" aria-label={t('Lọc theo loại hình', 'Filter by kind')}>
        <div class="vh-field">
          <label class="vh-label" for="f-loai">
            {t('Loại hình', 'Kind')}
          </label>
          <select id="f-loai" name="loai" class="vh-select">
            <option value="">{t('Tất cả', 'All')}</option>
            {INTANGIBLE_KINDS.map((k) => (
              <option key={k} value={k} selected={p.kind === k}>
                {L(ctx, KIND_LABELS, k)}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t('Lọc', 'Filter')}</Button>
      </form>
      <DataTable
        ctx={ctx}
        caption={t('Danh sách di sản phi vật thể', 'Elements of intangible heritage')}
        rows={p.items}
        rowKey={(i) => i.id}
        empty={t('Chưa có di sản phù hợp.', 'Nothing found.')}
        columns={[
          { header: t('Tên di sản', 'Name'), cell: (i) => <a href={hp(ctx, `/di-san/phi-vat-the/${i.code}`)}>{i.name}</a> },
          { header: t('Loại hình', 'Kind'), cell: (i) => L(ctx, KIND_LABELS, i.kind) },
          { header: t('Địa bàn', 'Area'), cell: (i) => i.area },
          { header: t('Nghệ nhân', 'Practitioners'), cell: (i) => String(i.practitioners) },
        ]}
      />
    </Layout>
  );
}

export function PublicIntangiblePage(p: { ctx: PageContext; item: Intangible; practitioners: Practitioner[] }) {
  const { ctx, item: i } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={i.name} meta={{ description: i.summary.slice(0, 200) || i.name }}>
      <p>
        <a href={hp(ctx, '/di-san/phi-vat-the')}>{t('← Di sản phi vật thể', '← Intangible heritage')}</a>
      </p>
      <h1>{i.name}</h1>
      <dl class="vh-summary">
        <dt>{t('Loại hình', 'Kind')}</dt>
        <dd>{L(ctx, KIND_LABELS, i.kind)}</dd>
        {i.community && (
          <>
            <dt>{t('Cộng đồng chủ thể', 'Community')}</dt>
            <dd>{i.community}</dd>
          </>
        )}
        {i.area && (
          <>
            <dt>{t('Địa bàn', 'Area')}</dt>
            <dd>{i.area}</dd>
          </>
        )}
        {i.season && (
          <>
            <dt>{t('Thời gian thực hành', 'When it is practised')}</dt>
            <dd>{i.season}</dd>
          </>
        )}
        {i.listing && (
          <>
            <dt>{t('Ghi danh, kiểm kê', 'Listing')}</dt>
            <dd>{i.listing}</dd>
          </>
        )}
      </dl>
      {i.summary.split('\n').map((line, k) => (
        <p key={k}>{line}</p>
      ))}
      <h2>{t('Nghệ nhân', 'Practitioners')}</h2>
      <PractitionerTable ctx={ctx} rows={p.practitioners} />
    </Layout>
  );
}

export function StaffIntangiblesPage(p: { ctx: PageContext; items: (Intangible & { practitioners: number })[]; values?: Record<string, string>; errors?: Errs; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  const v = p.values ?? {};
  return (
    <Layout ctx={ctx} title={t('Di sản phi vật thể', 'Intangible heritage')} wide>
      <h1>{t('Di sản phi vật thể', 'Intangible heritage')}</h1>
      <DataTable
        ctx={ctx}
        caption={t('Danh sách', 'List')}
        rows={p.items}
        rowKey={(i) => i.id}
        empty={t('Chưa có.', 'None yet.')}
        columns={[
          { header: t('Mã', 'Code'), cell: (i) => <a href={`/quan-tri/di-san/phi-vat-the/${i.code}`}>{i.code}</a> },
          { header: t('Tên', 'Name'), cell: (i) => i.name },
          { header: t('Trạng thái', 'Status'), cell: (i) => (i.status === 'published' ? t('Đã công bố', 'Published') : t('Chờ duyệt', 'Awaiting approval')) },
        ]}
      />
      <h2>{t('Thêm di sản phi vật thể', 'Add an element')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/di-san/phi-vat-the" label={t('Thêm di sản phi vật thể', 'Add an element')}>
        <TextField ctx={ctx} name="name" label={t('Tên di sản', 'Name')} value={v.name} errors={p.errors} />
        <SelectField ctx={ctx} name="kind" label={t('Loại hình', 'Kind')} value={v.kind} errors={p.errors} options={[{ value: '', label: '—' }, ...INTANGIBLE_KINDS.map((k) => ({ value: k, label: L(ctx, KIND_LABELS, k) }))]} />
        <TextField ctx={ctx} name="community" label={t('Cộng đồng chủ thể', 'Community')} value={v.community} errors={p.errors} />
        <TextField ctx={ctx} name="area" label={t('Địa bàn', 'Area')} value={v.area} errors={p.errors} />
        <TextField ctx={ctx} name="season" label={t('Thời gian thực hành', 'When it is practised')} hint={t('Ví dụ: mùng 10 tháng Giêng âm lịch', 'e.g. the 10th day of the first lunar month')} value={v.season} errors={p.errors} />
        <TextField ctx={ctx} name="listing" label={t('Ghi danh, kiểm kê', 'Listing')} hint={t('Ví dụ: Danh mục di sản văn hóa phi vật thể quốc gia, QĐ số …', 'e.g. the national list, decision no. …')} value={v.listing} errors={p.errors} />
        <TextArea ctx={ctx} name="summary" label={t('Mô tả', 'Description')} value={v.summary} errors={p.errors} rows={4} />
        <Button>{t('Lưu', 'Save')}</Button>
      </Form>
    </Layout>
  );
}

export function StaffIntangiblePage(p: { ctx: PageContext; item: Intangible; practitioners: Practitioner[]; canApprove: boolean; values?: Record<string, string>; errors?: Errs; message?: string }) {
  const { ctx, item: i } = p;
  const t = ctx.t;
  const v = p.values ?? {};
  return (
    <Layout ctx={ctx} title={`${i.code} — ${i.name}`} wide>
      <p>
        <a href="/quan-tri/di-san/phi-vat-the">{t('← Di sản phi vật thể', '← Intangible heritage')}</a>
      </p>
      <h1>
        {i.code} — {i.name}
      </h1>
      <p>
        {i.status === 'published' ? <a href={`/di-san/phi-vat-the/${i.code}`}>{t('Đã công bố: xem trang công khai', 'Published: see the public page')}</a> : t('Chờ duyệt đăng.', 'Awaiting approval.')}
      </p>
      {p.canApprove && i.status === 'draft' && <ActionButton ctx={ctx} action={`/quan-tri/di-san/phi-vat-the/${i.code}/cong-bo`} label={t('Duyệt và công bố', 'Approve and publish')} variant="primary" />}
      <h2>{t('Nghệ nhân', 'Practitioners')}</h2>
      <PractitionerTable ctx={ctx} rows={p.practitioners} />
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action={`/quan-tri/di-san/phi-vat-the/${i.code}/nghe-nhan`} label={t('Thêm nghệ nhân', 'Add a practitioner')}>
        <TextField ctx={ctx} name="fullName" label={t('Họ và tên', 'Full name')} value={v.fullName} errors={p.errors} />
        <TextField ctx={ctx} name="birthYear" label={t('Năm sinh (không bắt buộc)', 'Birth year (optional)')} value={v.birthYear} errors={p.errors} width="half" inputMode="numeric" />
        <SelectField ctx={ctx} name="title" label={t('Danh hiệu', 'Title')} value={v.title ?? 'none'} errors={p.errors} options={PRACTITIONER_TITLES.map((k) => ({ value: k, label: L(ctx, TITLE_LABELS, k) }))} />
        <TextField ctx={ctx} name="titleYear" label={t('Năm được phong tặng', 'Year of the title')} value={v.titleYear} errors={p.errors} width="half" inputMode="numeric" />
        <TextField ctx={ctx} name="titleDecision" label={t('Số quyết định phong tặng', 'Decision number')} value={v.titleDecision} errors={p.errors} width="half" />
        <Button>{t('Thêm nghệ nhân', 'Add')}</Button>
      </Form>
    </Layout>
  );
}
