import type { FieldErrors } from '../../../core/errors.js';
import { formatDateTimeVi, formatDateVi } from '../../../core/validation.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import type { ConsumerRow, DimensionValue, IndicatorDefinition, PeriodRow } from '../indicators.repository.js';
import type { ObservationStatus } from '../indicators.schema.js';

const nf = (decimals: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
export const formatValue = (v: number, decimals = 0) => nf(decimals).format(v);

export const SOURCE_LABELS = {
  entered: { vi: 'Đơn vị nhập', en: 'Entered by a unit' },
  computed: { vi: 'Tính tự động từ phân hệ', en: 'Computed by a module' },
  device: { vi: 'Thiết bị đếm', en: 'Counting devices' },
};
export const PERIODICITY_LABELS = { month: { vi: 'Tháng', en: 'Monthly' }, quarter: { vi: 'Quý', en: 'Quarterly' }, year: { vi: 'Năm', en: 'Yearly' } };
const PERIOD_STATUS = { open: { vi: 'Đang mở', en: 'Open' }, published: { vi: 'Đã công bố', en: 'Published' }, reopened: { vi: 'Mở lại để sửa', en: 'Reopened' } };

interface Theme {
  code: string;
  name: string;
  nameEn: string;
}
type Coverage = Map<string, { count: number; firstStart: string; lastEnd: string }>;

function Nav(p: { ctx: PageContext; current: 'list' | 'periods' | 'api' }) {
  const t = p.ctx.t;
  const links = [
    ['list', '/quan-tri/chi-tieu', t('Danh mục chỉ tiêu', 'Catalogue')],
    ['periods', '/quan-tri/chi-tieu/ky-bao-cao', t('Kỳ báo cáo', 'Periods')],
    ['api', '/quan-tri/chi-tieu/api', t('Khóa API dữ liệu mở', 'Open-data API keys')],
  ] as const;
  return (
    <nav aria-label={t('Chỉ tiêu ngành', 'Sector indicators')}>
      <ul class="vh-tabs">
        {links.map(([k, href, label]) => (
          <li key={k}>
            <a href={href} aria-current={p.current === k ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The catalogue grouped by theme: who answers for what, how often, from where. */
export function CatalogueListPage(p: { ctx: PageContext; defs: IndicatorDefinition[]; themes: Theme[]; units: Map<string, string>; coverage: Coverage; theme?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  const themes = p.themes.filter((th) => p.defs.some((d) => d.theme === th.code));
  return (
    <Layout ctx={ctx} title={t('Danh mục chỉ tiêu thống kê ngành', 'Sector indicator catalogue')}>
      <h1>{t('Danh mục chỉ tiêu thống kê ngành', 'Sector indicator catalogue')}</h1>
      <Nav ctx={ctx} current="list" />
      <p>
        {t(
          `${p.defs.length} chỉ tiêu. Mã IOC trong danh mục là bảng ánh xạ minh họa. Số liệu mở: `,
          `${p.defs.length} indicators. IOC codes are a demo mapping. Open data: `,
        )}
        <a href="/api/v1/indicators">/api/v1/indicators</a>, <a href="/api/v1/catalog">DCAT-AP</a>.
      </p>
      {themes.map((th) => (
        <section key={th.code}>
          <h2 id={`nhom-${th.code}`}>{t(th.name, th.nameEn)}</h2>
          <DataTable
            ctx={ctx}
            caption={t(th.name, th.nameEn)}
            rows={p.defs.filter((d) => d.theme === th.code)}
            rowKey={(d) => d.code}
            columns={[
              { header: t('Mã', 'Code'), cell: (d) => <a href={`/quan-tri/chi-tieu/${encodeURIComponent(d.code)}`}>{d.code}</a> },
              { header: t('Tên chỉ tiêu', 'Indicator'), rowHeader: true, cell: (d) => t(d.name, d.nameEn) },
              { header: t('Đơn vị tính', 'Unit'), cell: (d) => t(d.measureUnit, d.measureUnitEn) },
              { header: t('Kỳ', 'Period'), cell: (d) => t(PERIODICITY_LABELS[d.periodicity].vi, PERIODICITY_LABELS[d.periodicity].en) },
              { header: t('Đơn vị chịu trách nhiệm', 'Responsible unit'), cell: (d) => p.units.get(d.unitCode) ?? d.unitCode },
              { header: t('Nguồn', 'Source'), cell: (d) => `${t(SOURCE_LABELS[d.source].vi, SOURCE_LABELS[d.source].en)}${d.sourceModule ? ` (${d.sourceModule})` : ''}` },
              { header: t('Đã công bố', 'Published'), cell: (d) => formatValue(p.coverage.get(d.code)?.count ?? 0) },
            ]}
          />
        </section>
      ))}
    </Layout>
  );
}

export function CatalogueDetailPage(p: { ctx: PageContext; def: IndicatorDefinition; unitName: string; themeName: string; dimValues: DimensionValue[]; coverage?: { count: number; firstStart: string; lastEnd: string } }) {
  const { ctx, def } = p;
  const t = ctx.t;
  const row = (label: string, value: preact.ComponentChildren) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <Layout ctx={ctx} title={`${def.code} – ${t(def.name, def.nameEn)}`}>
      <p>
        <a href="/quan-tri/chi-tieu">{t('← Danh mục chỉ tiêu', '← Catalogue')}</a>
      </p>
      <h1>
        {def.code} – {t(def.name, def.nameEn)}
      </h1>
      <dl class="vh-summary">
        {row(t('Nhóm', 'Theme'), p.themeName)}
        {row(t('Định nghĩa', 'Definition'), def.definition)}
        {row(t('Cách tính', 'Formula'), def.formula || '—')}
        {row(t('Đơn vị tính', 'Unit of measure'), t(def.measureUnit, def.measureUnitEn))}
        {row(t('Kỳ báo cáo', 'Periodicity'), t(PERIODICITY_LABELS[def.periodicity].vi, PERIODICITY_LABELS[def.periodicity].en))}
        {row(
          t('Phân tổ', 'Disaggregation'),
          def.dimensions.length ? (
            <ul>
              {def.dimensions.map((d) => (
                <li key={d}>
                  {d === 'area'
                    ? t('Địa bàn: xã, phường, đặc khu có hiệu lực trong kỳ', 'Area: communes and wards in force in the period')
                    : `${d}: ${p.dimValues
                        .filter((v) => v.dimension === d)
                        .map((v) => t(v.name, v.nameEn))
                        .join(', ')}`}
                </li>
              ))}
            </ul>
          ) : (
            t('Chỉ số tổng', 'Total only')
          ),
        )}
        {row(t('Đơn vị chịu trách nhiệm', 'Responsible unit'), p.unitName)}
        {row(t('Nguồn số liệu', 'Source'), `${t(SOURCE_LABELS[def.source].vi, SOURCE_LABELS[def.source].en)}${def.sourceModule ? ` (${def.sourceModule})` : ''}`)}
        {row(t('Mã IOC (ánh xạ minh họa)', 'IOC code (demo mapping)'), def.iocCode ?? '—')}
        {row(t('Hiệu lực', 'Valid'), `${formatDateVi(def.validFrom)} – ${def.validTo ? formatDateVi(def.validTo) : t('nay', 'now')}`)}
        {row(
          t('Giới hạn giá trị', 'Allowed range'),
          `${def.minValue !== null ? formatValue(Number(def.minValue), def.decimals) : '…'} – ${def.maxValue !== null ? formatValue(Number(def.maxValue), def.decimals) : '…'}`,
        )}
        {row(t('Biến động cần giải trình', 'Change needing a comment'), def.jumpPercent !== null ? `> ${formatValue(Number(def.jumpPercent), 1)} %` : '—')}
        {row(
          t('Số liệu đã công bố', 'Published values'),
          p.coverage ? `${formatValue(p.coverage.count)} (${formatDateVi(p.coverage.firstStart)} – ${formatDateVi(p.coverage.lastEnd)})` : t('Chưa có', 'None yet'),
        )}
      </dl>
      <p>
        <a href={`/api/v1/indicators/${encodeURIComponent(def.code)}/observations?format=csv`}>{t('Tải số liệu đã công bố (CSV)', 'Download published values (CSV)')}</a>
      </p>
    </Layout>
  );
}

export function PeriodsPage(p: {
  ctx: PageContext;
  periods: PeriodRow[];
  counts: Map<string, Record<ObservationStatus, number>>;
  canManage: boolean;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Kỳ báo cáo chỉ tiêu', 'Indicator periods')}>
      <h1>{t('Kỳ báo cáo chỉ tiêu', 'Indicator periods')}</h1>
      <Nav ctx={ctx} current="periods" />
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <p>
        {t(
          'Số liệu tính tự động được tính lại mỗi đêm cho các kỳ đang mở; "Tính lại" tính ngay một kỳ (ví dụ sau khi sửa hồ sơ hoặc phản ánh).',
          'Computed values are refreshed nightly for open periods; "Recompute" refreshes one period now.',
        )}
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Kỳ báo cáo', 'Periods')}
        rows={p.periods}
        rowKey={(r) => r.code}
        columns={[
          { header: t('Kỳ', 'Period'), rowHeader: true, cell: (r) => r.code },
          { header: t('Từ ngày – đến ngày', 'Dates'), cell: (r) => `${formatDateVi(r.startsOn)} – ${formatDateVi(r.endsOn)}` },
          { header: t('Hạn nộp', 'Due'), cell: (r) => (r.dueOn ? formatDateVi(r.dueOn) : '—') },
          { header: t('Trạng thái', 'Status'), cell: (r) => t(PERIOD_STATUS[r.status].vi, PERIOD_STATUS[r.status].en) },
          {
            header: t('Số liệu (công bố / đã duyệt / khác)', 'Values (published / approved / other)'),
            cell: (r) => {
              const c = p.counts.get(r.code);
              return c ? `${formatValue(c.published)} / ${formatValue(c.approved)} / ${formatValue(c.draft + c.submitted)}` : '—';
            },
          },
          { header: t('Tính lúc', 'Computed'), cell: (r) => (r.computedAt ? formatDateTimeVi(r.computedAt) : '—') },
          {
            header: t('Thao tác', 'Actions'),
            hiddenHeader: true,
            cell: (r) =>
              p.canManage ? (
                <ActionButton ctx={ctx} action={`/quan-tri/chi-tieu/ky-bao-cao/${encodeURIComponent(r.code)}/tinh-lai`} label={t(`Tính lại ${r.code}`, `Recompute ${r.code}`)} variant="secondary" />
              ) : null,
          },
        ]}
      />
      {p.canManage && p.periods.some((r) => r.status === 'published') && (
        <>
          <h2>{t('Mở lại kỳ đã công bố', 'Reopen a published period')}</h2>
          <p>
            {t(
              'Số liệu đã công bố vẫn hiển thị trong khi sửa; giá trị thay đổi được lưu thành bản sửa đổi. Số liệu tự động được tính lại ngay.',
              'Published values stay visible while corrected; changes are kept as revisions. Computed values are recomputed at once.',
            )}
          </p>
          <Form ctx={ctx} action="/quan-tri/chi-tieu/ky-bao-cao/mo-lai" label={t('Mở lại kỳ đã công bố', 'Reopen a published period')}>
            <SelectField
              ctx={ctx}
              name="period"
              label={t('Kỳ báo cáo', 'Period')}
              errors={p.errors}
              options={p.periods.filter((r) => r.status === 'published').map((r) => ({ value: r.code, label: r.code }))}
            />
            <TextField ctx={ctx} name="reason" label={t('Lý do mở lại', 'Reason')} errors={p.errors} required />
            <Button variant="warning">{t('Mở lại kỳ', 'Reopen')}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function ConsumersPage(p: { ctx: PageContext; consumers: ConsumerRow[]; newKey?: { name: string; key: string }; values?: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Khóa API dữ liệu mở', 'Open-data API keys')}>
      <h1>{t('Khóa API dữ liệu mở', 'Open-data API keys')}</h1>
      <Nav ctx={ctx} current="api" />
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {p.newKey && (
        <div class="vh-card" role="status">
          <h2>{t(`Khóa mới cho ${p.newKey.name}`, `New key for ${p.newKey.name}`)}</h2>
          <p>
            {t('Sao chép khóa này và gửi cho bên sử dụng qua kênh an toàn. Khóa chỉ hiện một lần; hệ thống chỉ lưu mã băm SHA-256.', 'Copy this key now: it is shown once; only its SHA-256 hash is stored.')}
          </p>
          <p>
            <code>{p.newKey.key}</code>
          </p>
          <p class="vh-hint">{t('Dùng: Authorization: Bearer <khóa> hoặc X-API-Key: <khóa>', 'Use: Authorization: Bearer <key> or X-API-Key: <key>')}</p>
        </div>
      )}
      <p>
        {t(
          'Số liệu đã công bố đọc được không cần khóa (giới hạn 60 yêu cầu/phút mỗi địa chỉ). Khóa nâng giới hạn lên 1.200 yêu cầu/phút và chỉ đọc được các nhóm, chỉ tiêu trong phạm vi cấp.',
          'Published data is readable without a key (60 requests/minute per address). A key raises this to 1,200/minute within its scope.',
        )}
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Bên sử dụng API', 'API consumers')}
        rows={p.consumers}
        rowKey={(c) => c.id}
        empty={t('Chưa cấp khóa nào.', 'No keys yet.')}
        columns={[
          { header: t('Bên sử dụng', 'Consumer'), rowHeader: true, cell: (c) => c.name },
          { header: t('Khóa (đầu)', 'Key (prefix)'), cell: (c) => <code>{c.keyPrefix}…</code> },
          { header: t('Phạm vi', 'Scope'), cell: (c) => (c.scopes.includes('*') ? t('Tất cả', 'Everything') : c.scopes.join(', ')) },
          { header: t('Cấp ngày', 'Created'), cell: (c) => formatDateVi(c.createdAt.toISOString().slice(0, 10)) },
          { header: t('Dùng lần cuối', 'Last used'), cell: (c) => (c.lastUsedAt ? formatDateTimeVi(c.lastUsedAt) : t('Chưa dùng', 'Never')) },
          { header: t('Trạng thái', 'Status'), cell: (c) => (c.active ? t('Đang hiệu lực', 'Active') : t('Đã thu hồi', 'Revoked')) },
          {
            header: t('Thao tác', 'Actions'),
            hiddenHeader: true,
            cell: (c) => (c.active ? <ActionButton ctx={ctx} action={`/quan-tri/chi-tieu/api/${c.id}/thu-hoi`} label={t(`Thu hồi khóa của ${c.name}`, `Revoke ${c.name}'s key`)} variant="warning" /> : null),
          },
        ]}
      />
      <h2>{t('Cấp khóa mới', 'New key')}</h2>
      <Form ctx={ctx} action="/quan-tri/chi-tieu/api" label={t('Cấp khóa mới', 'New key')}>
        <TextField ctx={ctx} name="name" label={t('Tên bên sử dụng', 'Consumer name')} value={p.values?.name} errors={p.errors} required />
        <TextField
          ctx={ctx}
          name="scopes"
          label={t('Phạm vi', 'Scope')}
          hint={t('* cho tất cả; hoặc mã nhóm (du_lich, dvc …) và mã chỉ tiêu (DL.01 …), cách nhau bởi dấu phẩy', '* for everything; or theme and indicator codes, comma-separated')}
          value={p.values?.scopes ?? '*'}
          errors={p.errors}
        />
        <Button>{t('Cấp khóa', 'Create key')}</Button>
      </Form>
    </Layout>
  );
}
