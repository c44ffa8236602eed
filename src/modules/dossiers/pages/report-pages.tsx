import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, ErrorSummary, SelectField, TextField } from '../../../core/web/components/form.js';
import type { LogRow } from '../dossiers.reports.repository.js';
import { FORMULAS, LOG_COLUMNS, STAT_COLUMNS, type Period, type PeriodQuery, type Statistics } from '../dossiers.reports.js';

export interface ReportFilter extends PeriodQuery {
  'don-vi'?: string;
  'thu-tuc'?: string;
  nhom?: string;
}

const KIND_OPTIONS = [
  { value: 'thang', label: 'Tháng' },
  { value: 'quy', label: 'Quý' },
  { value: '6-thang', label: '6 tháng đầu năm' },
  { value: '9-thang', label: '9 tháng đầu năm' },
  { value: 'nam', label: 'Cả năm' },
  { value: 'tuy-chon', label: 'Tùy chọn (từ ngày – đến ngày)' },
];

/** The query string of a filter, for links that keep it (paging, exports). */
export function filterQuery(f: ReportFilter, extra: Record<string, string> = {}): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) u.set(k, String(v));
  return u.toString();
}

function PeriodForm(p: {
  ctx: PageContext;
  action: string;
  f: ReportFilter;
  errors?: FieldErrors;
  units: { code: string; name: string }[];
  procedures: { code: string; name: string }[];
  groupBy?: boolean;
}) {
  const { ctx, f } = p;
  return (
    <form method="get" action={p.action} class="vh-form vh-filters" aria-label={ctx.t('Chọn kỳ báo cáo', 'Choose the period')}>
      <SelectField ctx={ctx} name="ky" label={ctx.t('Kỳ báo cáo', 'Period')} value={f.ky ?? 'quy'} options={KIND_OPTIONS} />
      <TextField ctx={ctx} name="nam" label={ctx.t('Năm', 'Year')} value={f.nam} errors={p.errors} width="short" inputMode="numeric" />
      <SelectField
        ctx={ctx}
        name="quy"
        label={ctx.t('Quý', 'Quarter')}
        value={f.quy ?? ''}
        options={[{ value: '', label: '—' }, ...['1', '2', '3', '4'].map((q) => ({ value: q, label: `Quý ${['I', 'II', 'III', 'IV'][Number(q) - 1]}` }))]}
      />
      <SelectField
        ctx={ctx}
        name="thang"
        label={ctx.t('Tháng', 'Month')}
        value={f.thang ?? ''}
        options={[{ value: '', label: '—' }, ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `Tháng ${i + 1}` }))]}
      />
      <TextField ctx={ctx} name="tu-ngay" label={ctx.t('Từ ngày', 'From')} hint="dd/mm/yyyy" value={f['tu-ngay']} errors={p.errors} width="short" />
      <TextField ctx={ctx} name="den-ngay" label={ctx.t('Đến ngày', 'To')} hint="dd/mm/yyyy" value={f['den-ngay']} errors={p.errors} width="short" />
      <SelectField
        ctx={ctx}
        name="don-vi"
        label={ctx.t('Đơn vị', 'Unit')}
        value={f['don-vi'] ?? ''}
        options={[{ value: '', label: ctx.t('Tất cả đơn vị', 'All units') }, ...p.units.map((u) => ({ value: u.code, label: u.name }))]}
      />
      <SelectField
        ctx={ctx}
        name="thu-tuc"
        label={ctx.t('Thủ tục', 'Procedure')}
        value={f['thu-tuc'] ?? ''}
        options={[{ value: '', label: ctx.t('Tất cả thủ tục', 'All procedures') }, ...p.procedures.map((x) => ({ value: x.code, label: `${x.code} – ${x.name}` }))]}
      />
      {p.groupBy && (
        <SelectField
          ctx={ctx}
          name="nhom"
          label={ctx.t('Thống kê theo', 'Group by')}
          value={f.nhom ?? 'don-vi'}
          options={[
            { value: 'don-vi', label: ctx.t('Đơn vị giải quyết', 'Unit') },
            { value: 'thu-tuc', label: ctx.t('Thủ tục hành chính', 'Procedure') },
          ]}
        />
      )}
      <Button variant="secondary">{ctx.t('Xem', 'Show')}</Button>
    </form>
  );
}

export function StatisticsPage(p: {
  ctx: PageContext;
  stats: Statistics;
  f: ReportFilter;
  errors?: FieldErrors;
  units: { code: string; name: string }[];
  procedures: { code: string; name: string }[];
}) {
  const { ctx, stats } = p;
  const title = ctx.t('Thống kê kết quả giải quyết thủ tục hành chính', 'Dossier statistics');
  const t = stats.total;
  return (
    <Layout ctx={ctx} title={`${title} – ${stats.period.label}`} wide>
      <p>
        <a href="/quan-tri/ho-so">{ctx.t('← Về hàng đợi hồ sơ', '← Back to the queues')}</a>
      </p>
      <h1>{title}</h1>
      {p.errors && <ErrorSummary ctx={ctx} errors={p.errors} />}
      <PeriodForm ctx={ctx} action="/quan-tri/ho-so/thong-ke" f={p.f} errors={p.errors} units={p.units} procedures={p.procedures} groupBy />
      <h2>{stats.period.label}</h2>
      <dl class="vh-summary">
        <dt>{ctx.t('Tiếp nhận trong kỳ', 'Received')}</dt>
        <dd>
          {t.received.toLocaleString('vi-VN')} ({ctx.t('trực tuyến', 'online')} {t.online.toLocaleString('vi-VN')}, {ctx.t('tại quầy', 'at the desk')}{' '}
          {t.desk.toLocaleString('vi-VN')})
        </dd>
        <dt>{ctx.t('Tỷ lệ nộp trực tuyến', 'Online rate')}</dt>
        <dd>{STAT_COLUMNS[13]!.value(t)}</dd>
        <dt>{ctx.t('Tỷ lệ giải quyết đúng hạn', 'On-time rate')}</dt>
        <dd>{STAT_COLUMNS[14]!.value(t)}</dd>
        <dt>{ctx.t('Tỷ lệ hài lòng', 'Satisfaction rate')}</dt>
        <dd>{STAT_COLUMNS[15]!.value(t)}</dd>
      </dl>
      <div class="vh-table-wrap">
        <table class="vh-table">
          <caption>
            {ctx.t('Số liệu theo', 'Figures by')} {p.f.nhom === 'thu-tuc' ? ctx.t('thủ tục hành chính', 'procedure') : ctx.t('đơn vị giải quyết', 'unit')}
          </caption>
          <thead>
            <tr>
              {STAT_COLUMNS.map((c, i) => (
                <th key={c.header} scope="col" class={i ? 'vh-num' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...stats.rows, t].map((r) => (
              <tr key={r.key || 'total'}>
                {STAT_COLUMNS.map((c, i) =>
                  i === 0 ? (
                    <th key={c.header} scope="row">
                      {c.value(r)}
                    </th>
                  ) : (
                    <td key={c.header} class="vh-num">
                      {typeof c.value(r) === 'number' ? (c.value(r) as number).toLocaleString('vi-VN') : c.value(r)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={`/quan-tri/ho-so/thong-ke.xlsx?${filterQuery(p.f)}`}>{ctx.t('Tải bảng thống kê (Excel)', 'Download (Excel)')}</a>
        {' · '}
        <a href={`/quan-tri/ho-so/so-theo-doi?${filterQuery(p.f)}`}>{ctx.t('Sổ theo dõi hồ sơ của kỳ này (Mẫu 07)', 'Tracking log of this period (Form 07)')}</a>
      </p>
      <h2>{ctx.t('Cách tính', 'Formulas')}</h2>
      <ul>
        {FORMULAS.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <p class="vh-hint">
        {ctx.t('Thời gian tính:', 'Computed in')} {stats.ms} ms
      </p>
    </Layout>
  );
}

export function LogPage(p: {
  ctx: PageContext;
  period: Period;
  rows: LogRow[];
  total: number;
  /** index of the first row (STT continues across pages) */
  offset: number;
  next?: string;
  f: ReportFilter;
  errors?: FieldErrors;
  units: { code: string; name: string }[];
  procedures: { code: string; name: string }[];
}) {
  const { ctx } = p;
  const title = ctx.t('Sổ theo dõi hồ sơ (Mẫu số 07)', 'Tracking log (Form 07)');
  const q = filterQuery(p.f);
  return (
    <Layout ctx={ctx} title={`${title} – ${p.period.label}`} wide>
      <p>
        <a href="/quan-tri/ho-so">{ctx.t('← Về hàng đợi hồ sơ', '← Back to the queues')}</a>
      </p>
      <h1>{title}</h1>
      {p.errors && <ErrorSummary ctx={ctx} errors={p.errors} />}
      <PeriodForm ctx={ctx} action="/quan-tri/ho-so/so-theo-doi" f={p.f} errors={p.errors} units={p.units} procedures={p.procedures} />
      <p>
        {p.period.label}: {p.total.toLocaleString('vi-VN')} {ctx.t('hồ sơ', 'dossiers')}. {ctx.t('Tải về:', 'Download:')}{' '}
        <a href={`/quan-tri/ho-so/so-theo-doi.xlsx?${q}`}>Excel</a> · <a href={`/quan-tri/ho-so/so-theo-doi.csv?${q}`}>CSV</a> ·{' '}
        <a href={`/quan-tri/ho-so/so-theo-doi.pdf?${q}`}>{ctx.t('PDF (bản in)', 'PDF (print)')}</a>
      </p>
      {p.rows.length === 0 ? (
        <p>{ctx.t('Không có hồ sơ nào trong kỳ này.', 'No dossiers in this period.')}</p>
      ) : (
        <div class="vh-table-wrap">
          <table class="vh-table">
            <caption>
              {ctx.t('Hồ sơ', 'Dossiers')} {(p.offset + 1).toLocaleString('vi-VN')}–{(p.offset + p.rows.length).toLocaleString('vi-VN')} /{' '}
              {p.total.toLocaleString('vi-VN')}
            </caption>
            <thead>
              <tr>
                {LOG_COLUMNS.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r, i) => (
                <tr key={r.id}>
                  {LOG_COLUMNS.map((c, j) =>
                    j === 1 ? (
                      <th key={c.header} scope="row">
                        <a href={`/quan-tri/ho-so/${r.id}`}>{r.code}</a>
                      </th>
                    ) : (
                      <td key={c.header}>{c.value(r, p.offset + i)}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.next && (
        <p>
          <a href={`/quan-tri/ho-so/so-theo-doi?${p.next}`} rel="next">
            {ctx.t('Trang sau →', 'Next page →')}
          </a>
        </p>
      )}
    </Layout>
  );
}
