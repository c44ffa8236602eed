import type { FieldErrors } from '../../../core/errors.js';
import { Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { formatDateVi } from '../../../core/validation.js';
import { BATCH_STATUS_VI, NAME_STATUS_VI } from '../naming.commands.js';
import { type inventoryByClass, ruleLabel } from '../naming.queries.js';
import type { Area, BankName, Batch, Comment, Document, NamedObject, Rule } from '../naming.repository.js';
import { OBJECT_KINDS, STATURES } from '../naming.schema.js';
import { type ItemView, kindLabel } from './naming-public.js';

type Checks = Awaited<ReturnType<typeof import('../naming.queries.js').checksOf>>;
type BankRow = BankName & { personName: string | null; birthYear: number | null; deathYear: number | null };
const STATURE_VI: Record<string, string> = { national: 'Tầm quốc gia', provincial: 'Tầm địa phương (tỉnh)', local: 'Tên địa phương' };

const classOptions = (ctx: PageContext, rules: Rule[]) => [{ value: '', label: ctx.t('— Chọn —', '— Choose —') }, ...rules.filter((r) => r.kind === 'class').map((r) => ({ value: r.key, label: ctx.lang === 'en' ? r.labelEn : r.label }))];

export function ChecksView(p: { ctx: PageContext; checks: Checks; bankSamePerson: { name: string; person: string; objects: string[]; codes: string[] }[] }) {
  const { ctx, checks: c } = p;
  const t = ctx.t;
  const list = (title: string, rows: { names: string[]; codes: string[] }[], id: string) => (
    <section aria-labelledby={id}>
      <h3 id={id}>
        {title} ({rows.length})
      </h3>
      {rows.length ? (
        <ul>
          {rows.map((r) => (
            <li key={r.codes.join(',')}>
              {r.names.map((n, i) => (
                <span key={r.codes[i]}>
                  {i > 0 && ' · '}
                  <a href={`/ten-duong/${r.codes[i]}`}>{n}</a> ({r.codes[i]})
                </span>
              ))}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('Không có.', 'None.')}</p>
      )}
    </section>
  );
  return (
    <section aria-labelledby="h-kiem-tra" class="vh-card">
      <h2 id="h-kiem-tra">{t('Kiểm tra tên trùng, tên sai', 'Checks')}</h2>
      {list(t('Trùng tên trong cùng đô thị', 'Duplicate names in one urban area'), c.duplicates, 'k-trung')}
      {list(t('Tên chỉ khác nhau về dấu, chính tả', 'Names differing only by diacritics or spelling'), c.spelling, 'k-dau')}
      {list(t('Một người đặt cho hai đường (không có lý do ngoại lệ)', 'One person on two streets (no recorded exception)'), c.samePerson, 'k-nguoi')}
      <section aria-labelledby="k-ngan-hang">
        <h3 id="k-ngan-hang">
          {t('Tên trong ngân hàng trùng nhân vật đã có tên đường', 'Bank names whose person already names a street')} ({p.bankSamePerson.length})
        </h3>
        {p.bankSamePerson.length ? (
          <ul>
            {p.bankSamePerson.map((r) => (
              <li key={r.name}>
                {t('Trùng nhân vật', 'Same person')}: <strong>{r.name}</strong> — {r.person}; {t('đã có', 'already')}: {r.objects.join(', ')} ({r.codes.join(', ')})
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('Không có.', 'None.')}</p>
        )}
      </section>
      {list(t('Ngõ, hẻm bị đặt tên riêng (ngõ mang số nhà ở đầu ngõ)', 'Lanes wrongly given a proper name'), c.lanes, 'k-ngo')}
    </section>
  );
}

export function DashboardPage(p: {
  ctx: PageContext;
  rules: Rule[];
  areas: Area[];
  area?: Area;
  inventory: ReturnType<typeof inventoryByClass>;
  checks: Checks;
  bankSamePerson: { name: string; person: string; objects: string[]; codes: string[] }[];
  batches: Batch[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  importReport?: { row: number; vi: string }[];
  imported?: number;
}) {
  const { ctx, rules } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Đặt tên đường, công trình công cộng', 'Street naming')} wide>
      <h1>{t('Đặt tên đường, công trình công cộng', 'Street naming')}</h1>
      <p>
        <a class="vh-button vh-button--primary" href="/quan-tri/ten-duong/ngan-hang/moi">
          {t('Thêm tên vào ngân hàng tên', 'Add a name to the bank')}
        </a>{' '}
        <a href="/quan-tri/ten-duong/ngan-hang">{t('Ngân hàng tên', 'Name bank')}</a> · <a href="/quan-tri/ten-duong/doi-tuong/moi">{t('Thêm đường, công trình', 'Add a street or work')}</a> ·{' '}
        <a href={`/api/v1/naming/inventory.xlsx${p.area ? `?khu=${p.area.code}` : ''}`}>{t('Kiểm kê (XLSX)', 'Inventory (XLSX)')}</a> · <a href={`/api/v1/naming/inventory.csv${p.area ? `?khu=${p.area.code}` : ''}`}>CSV</a>
      </p>
      <form method="get" action="/quan-tri/ten-duong" class="vh-filters" aria-label={t('Chọn đô thị', 'Choose the urban area')}>
        <div class="vh-field">
          <label class="vh-label" for="f-khu">
            {t('Đô thị', 'Urban area')}
          </label>
          <select id="f-khu" name="khu" class="vh-select">
            {p.areas.map((a) => (
              <option key={a.code} value={a.code} selected={p.area?.code === a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t('Xem', 'Show')}</Button>
      </form>
      <ChecksView ctx={ctx} checks={p.checks} bankSamePerson={p.bankSamePerson} />
      <h2>{t('Đợt đề xuất đặt tên', 'Proposal batches')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Đợt đề xuất đặt tên', 'Proposal batches')}
        rows={p.batches}
        rowKey={(b) => b.id}
        empty={t('Chưa có đợt nào.', 'No batch yet.')}
        columns={[
          { header: t('Mã', 'Code'), cell: (b) => b.code },
          { header: t('Tên đợt', 'Title'), rowHeader: true, cell: (b) => <a href={`/quan-tri/ten-duong/dot/${b.id}`}>{b.title}</a> },
          { header: t('Bước', 'Step'), cell: (b) => BATCH_STATUS_VI[b.status] ?? b.status },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/ten-duong/dot" label={t('Tạo đợt đề xuất', 'New batch')}>
        <TextField ctx={ctx} name="title" label={t('Tên đợt đề xuất', 'Batch title')} value={p.values?.title} errors={p.errors} />
        <SelectField ctx={ctx} name="areaCode" label={t('Đô thị', 'Urban area')} value={p.values?.areaCode ?? p.area?.code} errors={p.errors} options={p.areas.map((a) => ({ value: a.code, label: a.name }))} />
        <Button variant="secondary">{t('Tạo đợt đề xuất', 'Create the batch')}</Button>
      </Form>
      <h2>{t('Nhập đường từ GeoJSON hoặc CSV', 'Import streets from GeoJSON or CSV')}</h2>
      {p.imported !== undefined && <p role="status">{t(`Đã nhập ${p.imported} đối tượng.`, `${p.imported} objects imported.`)}</p>}
      {p.importReport && p.importReport.length > 0 && (
        <div class="vh-error-summary" role="alert">
          <h3>{t('Tệp có lỗi, chưa nhập dòng nào', 'The file has errors; nothing was imported')}</h3>
          <ul>
            {p.importReport.map((r) => (
              <li key={`${r.row}-${r.vi}`}>
                {t('Dòng', 'Row')} {r.row}: {r.vi}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Form ctx={ctx} action={`/quan-tri/ten-duong/nhap?_csrf=${encodeURIComponent(ctx.csrf)}`} label={t('Nhập đường', 'Import streets')} multipart>
        <SelectField ctx={ctx} name="areaCode" label={t('Đô thị', 'Urban area')} value={p.area?.code} options={p.areas.map((a) => ({ value: a.code, label: a.name }))} />
        <div class="vh-field">
          <label class="vh-label" for="f-file">
            {t('Tệp GeoJSON (FeatureCollection) hoặc CSV (kind, name, nameClass, lengthM, widthM, geometry)', 'GeoJSON or CSV file')}
          </label>
          <input id="f-file" name="file" type="file" accept=".geojson,.json,.csv" class="vh-file" />
        </div>
        <Button variant="secondary">{t('Nhập', 'Import')}</Button>
      </Form>
      <h2>{t('Kiểm kê tên theo nhóm (A–Z)', 'Inventory by class (A–Z)')}</h2>
      {p.inventory.map((c) => (
        <details key={c.rule.key}>
          <summary>
            {ctx.lang === 'en' ? c.rule.labelEn : c.rule.label} ({c.objects.length})
          </summary>
          <ol>
            {c.objects.map((o) => (
              <li key={o.id}>
                <a href={`/ten-duong/${o.code}`}>{o.currentName}</a> — {kindLabel(ctx, o.kind)}
                {o.lengthM ? `, ${o.lengthM} m` : ''}
              </li>
            ))}
          </ol>
        </details>
      ))}
      <p class="vh-hint">{ruleLabel(rules, 'lane', 'numbered', ctx.lang)}</p>
    </Layout>
  );
}

export function BankPage(p: { ctx: PageContext; rules: Rule[]; names: BankRow[]; q: string }) {
  const { ctx, rules } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Ngân hàng tên', 'Name bank')} wide>
      <h1>{t('Ngân hàng tên', 'Name bank')}</h1>
      <p>
        <a class="vh-button vh-button--primary" href="/quan-tri/ten-duong/ngan-hang/moi">
          {t('Thêm tên', 'Add a name')}
        </a>{' '}
        <a href="/api/v1/naming/bank.xlsx">XLSX</a> · <a href="/api/v1/naming/bank.csv">CSV</a> · <a href="/quan-tri/ten-duong">{t('Về trang đặt tên đường', 'Back')}</a>
      </p>
      <form method="get" action="/quan-tri/ten-duong/ngan-hang" class="vh-filters" aria-label={t('Tìm trong ngân hàng tên', 'Search the bank')}>
        <div class="vh-field">
          <label class="vh-label" for="f-q">
            {t('Tên (có dấu hoặc không dấu)', 'Name')}
          </label>
          <input id="f-q" name="q" class="vh-input vh-input--half" value={p.q} />
        </div>
        <Button variant="secondary">{t('Tìm', 'Search')}</Button>
      </form>
      <DataTable
        ctx={ctx}
        caption={t('Các tên trong ngân hàng', 'Names in the bank')}
        rows={p.names}
        rowKey={(n) => n.id}
        empty={t('Không có tên nào.', 'No name.')}
        columns={[
          { header: t('Tên', 'Name'), rowHeader: true, cell: (n) => <a href={`/quan-tri/ten-duong/ngan-hang/${n.id}`}>{n.name}</a> },
          { header: t('Nhóm', 'Class'), cell: (n) => ruleLabel(rules, 'class', n.nameClass, ctx.lang) },
          { header: t('Nhân vật', 'Person'), cell: (n) => (n.personName ? `${n.personName} (${n.birthYear ?? '?'}–${n.deathYear ?? '?'})` : '—') },
          { header: t('Trạng thái', 'Status'), cell: (n) => NAME_STATUS_VI[n.status] ?? n.status },
        ]}
      />
    </Layout>
  );
}

export function NewNamePage(p: { ctx: PageContext; rules: Rule[]; values: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx, values: v, errors } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Thêm tên vào ngân hàng tên', 'Add a name to the bank')}>
      <h1>{t('Thêm tên vào ngân hàng tên', 'Add a name to the bank')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/ten-duong/ngan-hang/moi" label={t('Hồ sơ tên', 'Name file')}>
        <TextField ctx={ctx} name="name" label={t('Tên', 'Name')} value={v.name} errors={errors} />
        <SelectField ctx={ctx} name="nameClass" label={t('Nhóm tên', 'Class')} value={v.nameClass} errors={errors} options={classOptions(ctx, p.rules)} />
        <SelectField ctx={ctx} name="stature" label={t('Tầm vóc của tên (để đối chiếu quy mô đường)', 'Stature (matched to the street scale)')} value={v.stature ?? 'provincial'} errors={errors} options={STATURES.map((s) => ({ value: s, label: STATURE_VI[s]! }))} />
        <fieldset class="vh-fieldset">
          <legend>{t('Danh nhân (chỉ với nhóm danh nhân)', 'Person (person class only)')}</legend>
          <TextField ctx={ctx} name="person" label={t('Họ tên danh nhân (nếu khác tên đường)', 'Full name (if not the name itself)')} value={v.person} errors={errors} />
          <TextField ctx={ctx} name="variants" label={t('Cách viết khác, tên khác', 'Other spellings')} hint={t('Cách nhau bằng dấu chấm phẩy.', 'Separated by semicolons.')} value={v.variants} errors={errors} />
          <TextField ctx={ctx} name="birthYear" label={t('Năm sinh', 'Born')} value={v.birthYear} errors={errors} width="short" inputMode="numeric" />
          <TextField ctx={ctx} name="deathYear" label={t('Năm mất', 'Died')} value={v.deathYear} errors={errors} width="short" inputMode="numeric" />
          <TextField ctx={ctx} name="roles" label={t('Vai trò, công lao', 'Roles')} value={v.roles} errors={errors} />
        </fieldset>
        <TextArea ctx={ctx} name="meaning" label={t('Ý nghĩa hoặc tiểu sử', 'Meaning or biography')} value={v.meaning} errors={errors} rows={5} />
        <TextArea ctx={ctx} name="meaningEn" label={t('Ý nghĩa bằng tiếng Anh (không bắt buộc)', 'Meaning in English (optional)')} value={v.meaningEn} errors={errors} rows={3} />
        <TextField ctx={ctx} name="dates" label={t('Mốc thời gian', 'Dates')} value={v.dates} errors={errors} />
        <TextArea ctx={ctx} name="sources" label={t('Nguồn tư liệu, tài liệu tham khảo', 'Sources and references')} value={v.sources} errors={errors} rows={3} />
        <Button>{t('Lưu vào ngân hàng tên', 'Save')}</Button>
      </Form>
    </Layout>
  );
}

export function NamePage(p: { ctx: PageContext; rules: Rule[]; name: BankRow; documents: Document[]; errors?: FieldErrors; message?: string; values?: Record<string, string> }) {
  const { ctx, name: n } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={n.name}>
      <p>
        <a href="/quan-tri/ten-duong/ngan-hang">{t('← Ngân hàng tên', '← Name bank')}</a>
      </p>
      <h1>{n.name}</h1>
      <dl class="vh-summary">
        <dt>{t('Nhóm tên', 'Class')}</dt>
        <dd>{ruleLabel(p.rules, 'class', n.nameClass, ctx.lang)}</dd>
        <dt>{t('Trạng thái', 'Status')}</dt>
        <dd>{NAME_STATUS_VI[n.status]}</dd>
        {n.personName && (
          <>
            <dt>{t('Danh nhân', 'Person')}</dt>
            <dd>
              {n.personName} ({n.birthYear ?? '?'}–{n.deathYear ?? '?'})
            </dd>
          </>
        )}
        <dt>{t('Mốc thời gian', 'Dates')}</dt>
        <dd>{n.dates || '—'}</dd>
        <dt>{t('Nguồn', 'Sources')}</dt>
        <dd>{n.sources}</dd>
      </dl>
      <h2>{t('Ý nghĩa, tiểu sử', 'Meaning, biography')}</h2>
      <p>{n.meaning}</p>
      {n.meaningEn && <p lang="en">{n.meaningEn}</p>}
      <h2 id="tai-lieu">{t('Tài liệu kèm theo', 'Documents')}</h2>
      <ul>
        {p.documents.map((d) => (
          <li key={d.id}>
            <a href={`/quan-tri/ten-duong/tai-lieu/${d.id}`}>{d.title}</a>
          </li>
        ))}
        {!p.documents.length && <li>{t('Chưa có tài liệu.', 'No document yet.')}</li>}
      </ul>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action={`/quan-tri/ten-duong/ngan-hang/${n.id}/tai-lieu?_csrf=${encodeURIComponent(ctx.csrf)}`} label={t('Thêm tài liệu', 'Add a document')} multipart>
        <TextField ctx={ctx} name="title" label={t('Tên tài liệu', 'Title')} value={p.values?.title} errors={p.errors} />
        <div class={`vh-field${p.errors?.file ? ' vh-field--error' : ''}`}>
          <label class="vh-label" for="f-file">
            {t('Tệp (PDF, JPEG, PNG; tối đa 20 MB)', 'File (PDF, JPEG, PNG; max 20 MB)')}
          </label>
          {p.errors?.file && (
            <p id="e-file" class="vh-error">
              {ctx.lang === 'en' ? p.errors.file.en : p.errors.file.vi}
            </p>
          )}
          <input id="f-file" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png" class="vh-file" aria-describedby={p.errors?.file ? 'e-file' : undefined} />
        </div>
        <Button variant="secondary">{t('Tải lên', 'Upload')}</Button>
      </Form>
    </Layout>
  );
}

export function NewObjectPage(p: { ctx: PageContext; rules: Rule[]; areas: Area[]; values: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx, values: v, errors } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Thêm đường, công trình công cộng', 'Add a street or public work')}>
      <h1>{t('Thêm đường, công trình công cộng', 'Add a street or public work')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/ten-duong/doi-tuong/moi" label={t('Đường, công trình', 'Street or work')}>
        <SelectField ctx={ctx} name="kind" label={t('Loại', 'Kind')} value={v.kind} errors={errors} options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...OBJECT_KINDS.map((k) => ({ value: k, label: kindLabel(ctx, k) }))]} />
        <SelectField ctx={ctx} name="areaCode" label={t('Đô thị', 'Urban area')} value={v.areaCode} errors={errors} options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...p.areas.map((a) => ({ value: a.code, label: a.name }))]} />
        <TextArea ctx={ctx} name="geometry" label={t('Hình học (GeoJSON)', 'Geometry (GeoJSON)')} hint={t('LineString cho đường phố, cầu; Polygon cho quảng trường, công viên. Tọa độ [kinh độ, vĩ độ].', 'LineString for streets; Polygon for squares and parks.')} value={v.geometry} errors={errors} rows={4} />
        <TextField ctx={ctx} name="lengthM" label={t('Chiều dài (m; để trống để tính từ hình học)', 'Length (m)')} value={v.lengthM} errors={errors} width="short" inputMode="decimal" />
        <TextField ctx={ctx} name="widthM" label={t('Chiều rộng (m)', 'Width (m)')} value={v.widthM} errors={errors} width="short" inputMode="decimal" />
        <TextField ctx={ctx} name="name" label={t('Tên hiện tại (nếu đã có)', 'Current name (if any)')} value={v.name} errors={errors} />
        <SelectField ctx={ctx} name="nameClass" label={t('Nhóm của tên hiện tại', 'Class of the current name')} value={v.nameClass} errors={errors} options={classOptions(ctx, p.rules)} />
        <Button>{t('Lưu', 'Save')}</Button>
      </Form>
    </Layout>
  );
}

type StepForm = 'item' | 'consult' | 'conference' | 'vote' | 'decision';
export function BatchPage(p: {
  ctx: PageContext;
  rules: Rule[];
  batch: Batch;
  area?: Area;
  items: ItemView[];
  comments: Comment[];
  bankNames: BankName[];
  objects: NamedObject[];
  threshold: string;
  form?: StepForm;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, batch: b } = p;
  const t = ctx.t;
  const err = (f: StepForm) => (p.form === f ? p.errors : undefined);
  const val = (f: StepForm) => (p.form === f ? (p.values ?? {}) : {});
  return (
    <Layout ctx={ctx} title={`${b.code} — ${b.title}`} wide>
      <p>
        <a href="/quan-tri/ten-duong">{t('← Đặt tên đường', '← Street naming')}</a>
      </p>
      <h1>
        {b.code} — {b.title}
      </h1>
      <p>
        {t('Bước hiện tại', 'Step')}: <strong>{BATCH_STATUS_VI[b.status]}</strong> · {p.area?.name} · <a href={`/api/v1/naming/batches/${b.id}/dossier.pdf`}>{t('Hồ sơ đề xuất (PDF)', 'Dossier (PDF)')}</a>
      </p>
      {p.message && !p.form && <ErrorSummary ctx={ctx} message={p.message} />}
      <h2>{t('Danh sách đề xuất', 'Proposed names')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Danh sách đề xuất', 'Proposed names')}
        rows={p.items}
        rowKey={(i) => i.item.id}
        empty={t('Chưa có tên nào.', 'No name yet.')}
        columns={[
          { header: t('Tên', 'Name'), rowHeader: true, cell: (i) => i.name.name },
          { header: t('Đặt cho', 'For'), cell: (i) => `${kindLabel(ctx, i.object.kind)} ${i.object.code}${i.object.currentName ? ` (${i.object.currentName})` : ''}, ${i.object.lengthM ?? '?'} m × ${i.object.widthM ?? '?'} m` },
          {
            header: t('Cảnh báo', 'Warnings'),
            cell: (i) =>
              i.item.warnings.length ? (
                <ul>
                  {i.item.warnings.map((w) => (
                    <li key={w.vi}>{ctx.lang === 'en' ? w.en : w.vi}</li>
                  ))}
                </ul>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {b.status === 'draft' && (
        <>
          <ErrorSummary ctx={ctx} errors={err('item')} message={p.form === 'item' ? p.message : undefined} />
          <Form ctx={ctx} action={`/quan-tri/ten-duong/dot/${b.id}/ten`} label={t('Thêm tên vào đợt', 'Add a name')}>
            <SelectField ctx={ctx} name="nameId" label={t('Tên trong ngân hàng', 'Name from the bank')} value={val('item').nameId} errors={err('item')} options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...p.bankNames.map((n) => ({ value: n.id, label: n.name }))]} />
            <SelectField
              ctx={ctx}
              name="objectId"
              label={t('Đường, công trình', 'Street or work')}
              value={val('item').objectId}
              errors={err('item')}
              options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...p.objects.map((o) => ({ value: o.id, label: `${o.code} — ${o.currentName ?? t('chưa có tên', 'unnamed')} (${kindLabel(ctx, o.kind)}, ${o.lengthM ?? '?'} m)` }))]}
            />
            <Button variant="secondary">{t('Thêm vào đợt', 'Add')}</Button>
          </Form>
          <h2>{t('Lấy ý kiến nhân dân', 'Public consultation')}</h2>
          <ErrorSummary ctx={ctx} errors={err('consult')} message={p.form === 'consult' ? p.message : undefined} />
          <Form ctx={ctx} action={`/quan-tri/ten-duong/dot/${b.id}/lay-y-kien`} label={t('Mở lấy ý kiến', 'Open the consultation')}>
            <TextField ctx={ctx} name="consultTo" label={t('Hạn góp ý (ngày/tháng/năm)', 'Deadline (dd/mm/yyyy)')} value={val('consult').consultTo} errors={err('consult')} width="half" />
            <Button>{t('Mở lấy ý kiến', 'Open the consultation')}</Button>
          </Form>
        </>
      )}
      {b.consultFrom && (
        <section aria-labelledby="h-y-kien">
          <h2 id="h-y-kien">{t(`Ý kiến nhân dân (${p.comments.length})`, `Public comments (${p.comments.length})`)}</h2>
          <p>
            {t('Từ', 'From')} {formatDateVi(b.consultFrom)} {t('đến', 'to')} {formatDateVi(b.consultTo)} · <a href={`/ten-duong/lay-y-kien/${b.code}`}>{t('Trang lấy ý kiến', 'Public page')}</a>
          </p>
          <ul>
            {p.comments.map((c) => (
              <li key={c.id}>
                <strong>{c.author}</strong> ({formatDateVi(c.createdAt)}): {c.body}
              </li>
            ))}
          </ul>
        </section>
      )}
      {b.status === 'consultation' && (
        <>
          <h2>{t('Hội thảo khoa học', "Scientists' conference")}</h2>
          <ErrorSummary ctx={ctx} errors={err('conference')} message={p.form === 'conference' ? p.message : undefined} />
          <Form ctx={ctx} action={`/quan-tri/ten-duong/dot/${b.id}/hoi-thao`} label={t('Ghi biên bản hội thảo', 'Record the conference')}>
            <TextField ctx={ctx} name="conferenceDate" label={t('Ngày hội thảo (ngày/tháng/năm)', 'Date')} value={val('conference').conferenceDate} errors={err('conference')} width="half" />
            <TextArea ctx={ctx} name="minutes" label={t('Tóm tắt biên bản', 'Minutes')} value={val('conference').minutes} errors={err('conference')} rows={4} />
            <Button>{t('Ghi biên bản', 'Save the minutes')}</Button>
          </Form>
        </>
      )}
      {b.conferenceDate && (
        <p>
          {t('Hội thảo khoa học ngày', 'Conference of')} {formatDateVi(b.conferenceDate)}: {b.conferenceMinutes}
        </p>
      )}
      {b.status === 'conference' && (
        <>
          <h2>{t('Biểu quyết của Hội đồng tư vấn', 'Council vote')}</h2>
          <p class="vh-hint">{p.threshold}</p>
          <ErrorSummary ctx={ctx} errors={err('vote')} message={p.form === 'vote' ? p.message : undefined} />
          <Form ctx={ctx} action={`/quan-tri/ten-duong/dot/${b.id}/bieu-quyet`} label={t('Ghi kết quả biểu quyết', 'Record the vote')}>
            <TextField ctx={ctx} name="voteDate" label={t('Ngày họp (ngày/tháng/năm)', 'Date')} value={val('vote').voteDate} errors={err('vote')} width="half" />
            <TextField ctx={ctx} name="members" label={t('Số thành viên hội đồng', 'Members')} value={val('vote').members} errors={err('vote')} width="short" inputMode="numeric" />
            <TextField ctx={ctx} name="present" label={t('Số thành viên có mặt', 'Present')} value={val('vote').present} errors={err('vote')} width="short" inputMode="numeric" />
            <TextField ctx={ctx} name="for" label={t('Tán thành', 'For')} value={val('vote').for} errors={err('vote')} width="short" inputMode="numeric" />
            <TextField ctx={ctx} name="against" label={t('Không tán thành', 'Against')} value={val('vote').against} errors={err('vote')} width="short" inputMode="numeric" />
            <TextField ctx={ctx} name="abstain" label={t('Không biểu quyết', 'Abstaining')} value={val('vote').abstain} errors={err('vote')} width="short" inputMode="numeric" />
            <Button>{t('Ghi kết quả', 'Save the vote')}</Button>
          </Form>
        </>
      )}
      {b.voteDate && (
        <p>
          {t('Biểu quyết ngày', 'Vote of')} {formatDateVi(b.voteDate)}: {b.voteFor}/{b.voteMembers} {t('tán thành', 'for')}, {b.voteAgainst} {t('không tán thành', 'against')}, {b.voteAbstain} {t('không biểu quyết', 'abstaining')} ({b.votePresent} {t('có mặt', 'present')}) —{' '}
          <strong>{b.status === 'rejected' ? t('không thông qua', 'rejected') : t('thông qua', 'approved')}</strong>
        </p>
      )}
      {b.status === 'voted' && (
        <>
          <h2>{t('Nghị quyết của Hội đồng nhân dân', "People's Council resolution")}</h2>
          <ErrorSummary ctx={ctx} errors={err('decision')} message={p.form === 'decision' ? p.message : undefined} />
          <Form ctx={ctx} action={`/quan-tri/ten-duong/dot/${b.id}/nghi-quyet`} label={t('Ghi nghị quyết và gắn tên', 'Record the resolution and assign')}>
            <TextField ctx={ctx} name="decisionNumber" label={t('Số nghị quyết', 'Number')} value={val('decision').decisionNumber} errors={err('decision')} width="half" />
            <TextField ctx={ctx} name="decisionDate" label={t('Ngày nghị quyết (ngày/tháng/năm)', 'Date')} value={val('decision').decisionDate} errors={err('decision')} width="half" />
            <Button>{t('Ghi nghị quyết và gắn tên', 'Record and assign')}</Button>
          </Form>
        </>
      )}
      {b.decisionNumber && (
        <p>
          {t('Nghị quyết số', 'Resolution')} {b.decisionNumber} {t('ngày', 'of')} {formatDateVi(b.decisionDate)}.
        </p>
      )}
    </Layout>
  );
}
