import type { FieldErrors } from '../../../core/errors.js';
import { iiifUrl } from '../../../core/images/images.js';
import { formatDateVi } from '../../../core/validation.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { type ArtefactRow, MOVEMENT_LABELS, type Movement, openLoan } from '../heritage.artefacts.js';
import { MOVEMENT_KINDS } from '../heritage.schema.js';
import { hp } from '../heritage.urls.js';

type Errs = FieldErrors | undefined;
const FIELDS = [
  ['inventoryNumber', 'Số kiểm kê', 'Inventory number'],
  ['name', 'Tên hiện vật', 'Name'],
  ['material', 'Chất liệu', 'Material'],
  ['dimensions', 'Kích thước', 'Dimensions'],
  ['dating', 'Niên đại', 'Dating'],
  ['provenance', 'Nguồn gốc', 'Provenance'],
  ['condition', 'Tình trạng', 'Condition'],
  ['holder', 'Đơn vị lưu giữ', 'Holder'],
  ['location', 'Vị trí hiện tại', 'Current location'],
] as const;

function Photo(p: { a: ArtefactRow; w: number; alt: string }) {
  if (!p.a.imageId) return null;
  return (
    <figure class="vh-figure">
      <img src={iiifUrl(p.a.imageId, p.w, 'jpg')} srcset={`${iiifUrl(p.a.imageId, p.w, 'webp')} 1x`} alt={p.alt} loading="lazy" width={p.w} />
    </figure>
  );
}

// ── Public ────────────────────────────────────────────────────────────────────────────────
export function PublicArtefactsPage(p: { ctx: PageContext; artefacts: ArtefactRow[]; q: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Hiện vật', 'Artefacts')} wide meta={{ description: t('Hiện vật do Bảo tàng tỉnh và các di tích lưu giữ', 'Artefacts held by the provincial museum and the relics') }}>
      <h1>{t('Hiện vật', 'Artefacts')}</h1>
      <p>{t('Hiện vật do Bảo tàng tỉnh và các di tích lưu giữ, đã được duyệt đăng.', 'Artefacts held by the provincial museum and the relics, reviewed before publication.')}</p>
      <form method="get" action={ctx.lang === 'en' ? '/en/heritage/artefacts' : '/di-san/hien-vat'} class="vh-filters" aria-label={t('Tìm hiện vật', 'Search artefacts')}>
        <div class="vh-field">
          <label class="vh-label" for="f-q">
            {t('Tên hoặc số kiểm kê', 'Name or inventory number')}
          </label>
          <input id="f-q" name="q" class="vh-input vh-input--half" value={p.q} />
        </div>
        <Button variant="secondary">{t('Tìm', 'Search')}</Button>
      </form>
      <DataTable
        ctx={ctx}
        caption={t('Danh sách hiện vật', 'Artefacts')}
        rows={p.artefacts}
        rowKey={(a) => a.id}
        empty={t('Không có hiện vật phù hợp.', 'No artefact found.')}
        columns={[
          { header: t('Số kiểm kê', 'Inventory no.'), cell: (a) => a.inventoryNumber },
          { header: t('Tên hiện vật', 'Name'), cell: (a) => <a href={`${ctx.lang === 'en' ? '/en/heritage/artefacts' : '/di-san/hien-vat'}/${a.id}`}>{a.name}</a> },
          { header: t('Chất liệu', 'Material'), cell: (a) => a.material },
          { header: t('Niên đại', 'Dating'), cell: (a) => a.dating },
          { header: t('Nơi lưu giữ', 'Held by'), cell: (a) => a.relicName ?? a.holder },
        ]}
      />
    </Layout>
  );
}

export function PublicArtefactPage(p: { ctx: PageContext; a: ArtefactRow; movements: Movement[] }) {
  const { ctx, a } = p;
  const t = ctx.t;
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'CreativeWork',
    name: a.name,
    identifier: a.inventoryNumber,
    material: a.material || undefined,
    temporalCoverage: a.dating || undefined,
    image: a.imageId ? iiifUrl(a.imageId, 800, 'jpg') : undefined,
  };
  const loan = openLoan(p.movements);
  return (
    <Layout
      ctx={ctx}
      title={a.name}
      meta={{ description: `${a.inventoryNumber} — ${a.name}`, image: a.imageId ? iiifUrl(a.imageId, 800, 'jpg') : undefined }}
      head={<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(ld).replace(/</g, '\\u003c') }} />}
    >
      <p>
        <a href={ctx.lang === 'en' ? '/en/heritage/artefacts' : '/di-san/hien-vat'}>{t('← Hiện vật', '← Artefacts')}</a>
      </p>
      <h1>{a.name}</h1>
      <Photo a={a} w={640} alt={a.name} />
      <dl class="vh-summary">
        {FIELDS.filter(([k]) => k !== 'name' && a[k]).map(([k, vi, en]) => (
          <>
            <dt>{t(vi, en)}</dt>
            <dd>{a[k]}</dd>
          </>
        ))}
        {a.relicCode && (
          <>
            <dt>{t('Thuộc di tích', 'Relic')}</dt>
            <dd>
              <a href={hp(ctx, `/di-san/di-tich/${a.relicCode}`)}>{a.relicName}</a>
            </dd>
          </>
        )}
        <dt>{t('Ngày kiểm kê', 'Inventoried on')}</dt>
        <dd>{formatDateVi(a.inventoriedOn)}</dd>
        {loan && (
          <>
            <dt>{t('Đang cho mượn', 'On loan')}</dt>
            <dd>{t(`đến ngày ${formatDateVi(loan.dueBackOn)}`, `until ${formatDateVi(loan.dueBackOn)}`)}</dd>
          </>
        )}
      </dl>
    </Layout>
  );
}

// ── Staff ─────────────────────────────────────────────────────────────────────────────────
export function StaffArtefactsPage(p: { ctx: PageContext; artefacts: ArtefactRow[]; q: string; overdue: { id: string; inventoryNumber: string; name: string; dueBackOn: string }[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Sổ hiện vật', 'Artefact register')} wide>
      <h1>{t('Sổ hiện vật', 'Artefact register')}</h1>
      <p>
        <a class="vh-button vh-button--primary" href="/quan-tri/di-san/hien-vat/moi">
          {t('Thêm hiện vật', 'Add an artefact')}
        </a>
      </p>
      {p.overdue.length > 0 && (
        <div class="vh-notice" role="status">
          <h2>{t('Hiện vật cho mượn đã quá hạn trả', 'Loans past their return date')}</h2>
          <ul>
            {p.overdue.map((o) => (
              <li key={o.id}>
                <a href={`/quan-tri/di-san/hien-vat/${o.id}`}>
                  {o.inventoryNumber} — {o.name}
                </a>{' '}
                ({t('hạn trả', 'due')} {formatDateVi(o.dueBackOn)})
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" action="/quan-tri/di-san/hien-vat" class="vh-filters" aria-label={t('Tìm hiện vật', 'Search artefacts')}>
        <div class="vh-field">
          <label class="vh-label" for="f-q">
            {t('Tên hoặc số kiểm kê', 'Name or inventory number')}
          </label>
          <input id="f-q" name="q" class="vh-input vh-input--half" value={p.q} />
        </div>
        <Button variant="secondary">{t('Tìm', 'Search')}</Button>
      </form>
      <DataTable
        ctx={ctx}
        caption={t('Hiện vật', 'Artefacts')}
        rows={p.artefacts}
        rowKey={(a) => a.id}
        empty={t('Chưa có hiện vật.', 'No artefact yet.')}
        columns={[
          { header: t('Số kiểm kê', 'Inventory no.'), cell: (a) => <a href={`/quan-tri/di-san/hien-vat/${a.id}`}>{a.inventoryNumber}</a> },
          { header: t('Tên', 'Name'), cell: (a) => a.name },
          { header: t('Vị trí', 'Location'), cell: (a) => a.location },
          { header: t('Trang công khai', 'Online'), cell: (a) => (a.published ? t('Đã công bố', 'Published') : t('Chưa công bố', 'Not published')) },
        ]}
      />
    </Layout>
  );
}

function ArtefactFields(p: { ctx: PageContext; values: Record<string, string>; errors: Errs }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <>
      {FIELDS.map(([k, vi, en]) =>
        k === 'provenance' || k === 'condition' ? (
          <TextArea key={k} ctx={ctx} name={k} label={t(vi, en)} value={p.values[k]} errors={p.errors} rows={2} />
        ) : (
          <TextField key={k} ctx={ctx} name={k} label={t(vi, en)} value={p.values[k]} errors={p.errors} width={k === 'inventoryNumber' ? 'half' : 'full'} />
        ),
      )}
      <TextField ctx={ctx} name="relicCode" label={t('Mã di tích lưu giữ (không bắt buộc)', 'Relic code (optional)')} hint={t('Để trống nếu Bảo tàng lưu giữ', 'Empty when the museum holds it')} value={p.values.relicCode} errors={p.errors} width="half" />
      <TextField ctx={ctx} name="inventoriedOn" label={t('Ngày kiểm kê', 'Inventoried on')} hint={t('Ngày/tháng/năm', 'dd/mm/yyyy')} value={p.values.inventoriedOn} errors={p.errors} width="half" />
    </>
  );
}

export function NewArtefactPage(p: { ctx: PageContext; values: Record<string, string>; errors?: Errs; message?: string }) {
  const t = p.ctx.t;
  return (
    <Layout ctx={p.ctx} title={t('Thêm hiện vật', 'Add an artefact')}>
      <h1>{t('Thêm hiện vật', 'Add an artefact')}</h1>
      <ErrorSummary ctx={p.ctx} errors={p.errors} message={p.message} />
      <Form ctx={p.ctx} action="/quan-tri/di-san/hien-vat/moi">
        <ArtefactFields ctx={p.ctx} values={p.values} errors={p.errors} />
        <Button>{t('Lưu', 'Save')}</Button>
      </Form>
    </Layout>
  );
}

export type ArtefactForm = 'edit' | 'photo' | 'movement' | 'status';

export function ArtefactAdminPage(p: { ctx: PageContext; a: ArtefactRow; movements: Movement[]; canApprove: boolean; form?: ArtefactForm; values?: Record<string, string>; errors?: Errs; message?: string }) {
  const { ctx, a } = p;
  const t = ctx.t;
  const mine = (f: ArtefactForm) => p.form === f;
  const editVals: Record<string, string> = mine('edit') && p.values ? p.values : { ...Object.fromEntries(FIELDS.map(([k]) => [k, a[k] ?? ''])), relicCode: a.relicCode ?? '', inventoriedOn: formatDateVi(a.inventoriedOn) };
  const mv = mine('movement') && p.values ? p.values : {};
  const loan = openLoan(p.movements);
  const csrf = encodeURIComponent(ctx.csrf);
  return (
    <Layout ctx={ctx} title={`${a.inventoryNumber} — ${a.name}`} wide>
      <p>
        <a href="/quan-tri/di-san/hien-vat">{t('← Sổ hiện vật', '← Artefact register')}</a>
      </p>
      <h1>
        {a.inventoryNumber} — {a.name}
      </h1>
      <p id="trang-thai-hien-vat">
        {a.published ? (
          <>
            {t('Đã công bố: ', 'Published: ')}
            <a href={`/di-san/hien-vat/${a.id}`}>{t('xem trang công khai', 'see the public page')}</a>
          </>
        ) : (
          t('Chưa công bố (chờ duyệt).', 'Not published (awaiting approval).')
        )}
      </p>
      {mine('status') && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      {p.canApprove && !a.published && <ActionButton ctx={ctx} action={`/quan-tri/di-san/hien-vat/${a.id}/cong-bo`} label={t('Duyệt và công bố', 'Approve and publish')} variant="primary" />}
      {p.canApprove && a.published && <ActionButton ctx={ctx} action={`/quan-tri/di-san/hien-vat/${a.id}/go`} label={t('Gỡ khỏi trang công khai', 'Take offline')} variant="warning" />}

      <h2 id="thong-tin">{t('Thông tin kiểm kê', 'Inventory record')}</h2>
      {mine('edit') && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      <Form ctx={ctx} action={`/quan-tri/di-san/hien-vat/${a.id}`} label={t('Thông tin kiểm kê', 'Inventory record')}>
        <ArtefactFields ctx={ctx} values={editVals} errors={mine('edit') ? p.errors : undefined} />
        <Button>{t('Lưu', 'Save')}</Button>
      </Form>

      <h2 id="anh">{t('Ảnh', 'Photo')}</h2>
      <Photo a={a} w={320} alt={a.name} />
      {mine('photo') && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      <Form ctx={ctx} action={`/quan-tri/di-san/hien-vat/${a.id}/anh?_csrf=${csrf}`} multipart label={t('Tải ảnh hiện vật', 'Upload a photo')}>
        <TextField ctx={ctx} name="alt" label={t('Mô tả ảnh (văn bản thay thế)', 'Photo description (alt text)')} value={mine('photo') ? p.values?.alt : ''} errors={mine('photo') ? p.errors : undefined} />
        <div class={`vh-field${mine('photo') && p.errors?.file ? ' vh-field--error' : ''}`}>
          <label class="vh-label" for="f-file">
            {t('Ảnh (JPEG, PNG, WebP hoặc TIFF)', 'Photo (JPEG, PNG, WebP or TIFF)')}
          </label>
          {mine('photo') && p.errors?.file && (
            <p id="e-file" class="vh-error">
              {t(p.errors.file.vi, p.errors.file.en)}
            </p>
          )}
          <input id="f-file" name="file" type="file" class="vh-input" accept="image/*" aria-describedby={mine('photo') && p.errors?.file ? 'e-file' : undefined} />
        </div>
        <Button variant="secondary">{t('Tải lên', 'Upload')}</Button>
      </Form>

      <h2 id="di-chuyen">{t('Di chuyển, cho mượn', 'Movements and loans')}</h2>
      {loan && (
        <p>
          {t(`Đang cho ${loan.counterparty} mượn từ ${formatDateVi(loan.movedOn)}, hạn trả ${formatDateVi(loan.dueBackOn)}.`, `On loan to ${loan.counterparty} since ${formatDateVi(loan.movedOn)}, due back ${formatDateVi(loan.dueBackOn)}.`)}
        </p>
      )}
      <DataTable
        ctx={ctx}
        caption={t('Lịch sử di chuyển', 'Movement history')}
        rows={p.movements}
        rowKey={(m) => m.id}
        empty={t('Chưa có lần di chuyển nào.', 'No movement yet.')}
        columns={[
          { header: t('Ngày', 'Date'), cell: (m) => formatDateVi(m.movedOn) },
          { header: t('Loại', 'Kind'), cell: (m) => t(MOVEMENT_LABELS[m.kind].vi, MOVEMENT_LABELS[m.kind].en) },
          { header: t('Từ', 'From'), cell: (m) => m.fromLocation },
          { header: t('Đến', 'To'), cell: (m) => m.toLocation },
          { header: t('Đơn vị mượn, văn bản', 'Borrower, agreement'), cell: (m) => [m.counterparty, m.reference, m.dueBackOn ? t(`hạn trả ${formatDateVi(m.dueBackOn)}`, `due ${formatDateVi(m.dueBackOn)}`) : ''].filter(Boolean).join('; ') },
        ]}
      />
      {mine('movement') && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      <Form ctx={ctx} action={`/quan-tri/di-san/hien-vat/${a.id}/di-chuyen`} label={t('Ghi nhận di chuyển hoặc cho mượn', 'Record a movement or loan')}>
        <SelectField ctx={ctx} name="kind" label={t('Loại', 'Kind')} value={mv.kind} errors={mine('movement') ? p.errors : undefined} options={[{ value: '', label: '—' }, ...MOVEMENT_KINDS.map((k) => ({ value: k, label: t(MOVEMENT_LABELS[k].vi, MOVEMENT_LABELS[k].en) }))]} />
        <TextField ctx={ctx} name="movedOn" label={t('Ngày', 'Date')} hint={t('Ngày/tháng/năm', 'dd/mm/yyyy')} value={mv.movedOn} errors={mine('movement') ? p.errors : undefined} width="half" />
        <TextField ctx={ctx} name="toLocation" label={t('Nơi chuyển đến', 'New location')} hint={t('Không cần khi cho mượn', 'Not needed for a loan')} value={mv.toLocation} errors={mine('movement') ? p.errors : undefined} />
        <TextField ctx={ctx} name="counterparty" label={t('Đơn vị mượn', 'Borrower')} value={mv.counterparty} errors={mine('movement') ? p.errors : undefined} />
        <TextField ctx={ctx} name="reference" label={t('Số hợp đồng, văn bản', 'Agreement or letter number')} value={mv.reference} errors={mine('movement') ? p.errors : undefined} width="half" />
        <TextField ctx={ctx} name="dueBackOn" label={t('Ngày phải trả (khi cho mượn)', 'Return date (loans)')} hint={t('Ngày/tháng/năm', 'dd/mm/yyyy')} value={mv.dueBackOn} errors={mine('movement') ? p.errors : undefined} width="half" />
        <TextArea ctx={ctx} name="note" label={t('Ghi chú (không bắt buộc)', 'Note (optional)')} value={mv.note} errors={mine('movement') ? p.errors : undefined} rows={2} />
        <Button variant="secondary">{t('Ghi nhận', 'Record')}</Button>
      </Form>
    </Layout>
  );
}
