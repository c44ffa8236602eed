import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { formatDateTimeVi, formatDateVi } from '../../../core/validation.js';
import { type ChartSpec, formatNumber, periodLabel } from '../indicators.charts.js';
import type { Definition, PublishedPoint } from '../indicators.public.repository.js';
import type { IndicatorAssets } from '../indicators.assets.js';
import { ChartFigure, DemoMark, Trend, jsonBlock } from './public-chart.js';

/** Names of the catalogue's themes; a theme not listed shows its code until it is named here. */
export const THEME_LABELS: Record<string, { vi: string; en: string }> = {
  dvc: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' },
  pakn: { vi: 'Phản ánh, kiến nghị', en: 'Feedback and petitions' },
  cchc: { vi: 'Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)', en: 'Service index for citizens and businesses (Decision 766)' },
  bao_tang: { vi: 'Bảo tàng', en: 'Museums' },
  thu_vien: { vi: 'Thư viện', en: 'Libraries' },
  di_san: { vi: 'Di sản văn hóa', en: 'Cultural heritage' },
  du_lich: { vi: 'Du lịch', en: 'Tourism' },
  the_thao: { vi: 'Thể dục, thể thao', en: 'Sports' },
  van_hoa: { vi: 'Văn hóa cơ sở và gia đình', en: 'Community culture and family' },
};

export function themeLabel(ctx: PageContext, code: string): string {
  const l = THEME_LABELS[code];
  return l ? ctx.t(l.vi, l.en) : code;
}

const PERIODICITY: Record<string, { vi: string; en: string }> = {
  month: { vi: 'Hằng tháng', en: 'Monthly' },
  quarter: { vi: 'Hằng quý', en: 'Quarterly' },
  year: { vi: 'Hằng năm', en: 'Yearly' },
};

const SOURCE: Record<string, { vi: string; en: string }> = {
  entered: { vi: 'Đơn vị nhập số liệu', en: 'Entered by the responsible unit' },
  computed: { vi: 'Tính từ hệ thống nghiệp vụ', en: 'Computed from the business systems' },
  device: { vi: 'Thiết bị đếm tự động (camera AI, chỉ đếm số lượt)', en: 'Automatic counters (AI cameras, counts only)' },
};

export const DIMENSION_LABELS: Record<string, { vi: string; en: string }> = {
  area: { vi: 'Địa bàn', en: 'Area' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  age_group: { vi: 'Nhóm tuổi', en: 'Age group' },
  facility: { vi: 'Cơ sở', en: 'Facility' },
  level: { vi: 'Cấp xếp hạng', en: 'Ranking level' },
  visitor_kind: { vi: 'Loại khách', en: 'Visitor kind' },
  medal: { vi: 'Loại huy chương', en: 'Medal' },
  star: { vi: 'Hạng sao', en: 'Star rating' },
};

export function dimensionLabel(ctx: PageContext, dim: string): string {
  const l = DIMENSION_LABELS[dim];
  return l ? ctx.t(l.vi, l.en) : dim;
}

function name(ctx: PageContext, d: Definition) {
  return ctx.lang === 'en' ? d.nameEn : d.name;
}
function unitOf(ctx: PageContext, d: Definition) {
  return ctx.lang === 'en' ? d.measureUnitEn : d.measureUnit;
}

export interface IndexItem {
  def: Definition;
  current?: PublishedPoint;
  previous?: PublishedPoint;
}

export function IndicatorsIndexPage(p: { ctx: PageContext; items: IndexItem[]; assets: IndicatorAssets }) {
  const { ctx } = p;
  const t = ctx.t;
  const themes = new Map<string, IndexItem[]>();
  for (const i of p.items) {
    if (!themes.has(i.def.theme)) themes.set(i.def.theme, []);
    themes.get(i.def.theme)!.push(i);
  }
  return (
    <Layout
      ctx={ctx}
      title={t('Số liệu thống kê ngành', 'Sector statistics')}
      wide
      head={<link rel="stylesheet" href={p.assets.css} />}
      meta={{ description: t('Các chỉ tiêu thống kê của ngành văn hóa, thể thao và du lịch: số liệu mới nhất đã công bố, biểu đồ và dữ liệu mở.', 'Sector indicators of culture, sports and tourism: latest published figures, charts and open data.') }}
    >
      <h1 id="so-lieu-tieu-de">{t('Số liệu thống kê ngành', 'Sector statistics')}</h1>
      <p class="vh-lead">
        {t('Số liệu đã được công bố chính thức theo từng kỳ báo cáo. Chọn một chỉ tiêu để xem biểu đồ, bảng số liệu theo địa bàn và tải dữ liệu.', 'Figures officially published for each reporting period. Choose an indicator for its chart, tables by area and downloads.')}{' '}
        <a href="/api/v1/catalog">{t('Danh mục dữ liệu mở (DCAT)', 'Open data catalogue (DCAT)')}</a>
      </p>
      {themes.size > 1 && (
        <nav aria-label={t('Các lĩnh vực', 'Themes')}>
          <ul class="vh-inline-list">
            {[...themes.keys()].map((th) => (
              <li key={th}>
                <a href={`#linh-vuc-${th}`}>{themeLabel(ctx, th)}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {p.items.length === 0 && <p>{t('Chưa có chỉ tiêu nào được công bố.', 'No indicator has been published yet.')}</p>}
      {[...themes].map(([th, items]) => (
        <section key={th} id={`linh-vuc-${th}`} aria-labelledby={`linh-vuc-${th}-h`}>
          <h2 id={`linh-vuc-${th}-h`}>{themeLabel(ctx, th)}</h2>
          <ul class="vh-kpis">
            {items.map((i) => (
              <li class="vh-kpi" key={i.def.code} id={`chi-tieu-${i.def.code}`}>
                <a class="vh-kpi__name" href={`/so-lieu/${encodeURIComponent(i.def.code)}`}>
                  {name(ctx, i.def)}
                </a>
                {i.current ? (
                  <>
                    <span class="vh-kpi__value">
                      {formatNumber(i.current.value, i.def.decimals, ctx.lang)} <small>{unitOf(ctx, i.def)}</small>
                    </span>
                    <span class="vh-hint">
                      {periodLabel(i.current.periodCode, ctx.lang)}
                      {i.current.isDemo && <DemoMark ctx={ctx} />}
                    </span>{' '}
                    <Trend
                      ctx={ctx}
                      current={i.current.value}
                      previous={i.previous?.value}
                      higherIsBetter={i.def.higherIsBetter}
                      previousLabel={i.previous ? periodLabel(i.previous.periodCode, ctx.lang) : undefined}
                    />
                  </>
                ) : (
                  <span class="vh-hint">{t('Chưa có số liệu công bố', 'Not published yet')}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export interface Selector {
  dim: string;
  value: string;
  options: { value: string; label: string }[];
}

export interface IndicatorPageData {
  def: Definition;
  unitName: string;
  spec: ChartSpec;
  svg: string;
  selectors: Selector[];
  breakdown: string;
  breakdowns: string[];
  status: { periodCode: string; endsOn: string; dims: string; values: number }[];
  lastUpdate?: Date;
  hasDemo: boolean;
  latest?: PublishedPoint;
  csvHref: string;
  filterText: string;
  origin: string;
  firstPeriod?: string;
  lastPeriod?: string;
}

function datasetJsonLd(ctx: PageContext, d: IndicatorPageData) {
  const url = `${d.origin}/so-lieu/${encodeURIComponent(d.def.code)}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': url,
    url,
    identifier: d.def.code,
    name: name(ctx, d.def),
    description: ctx.lang === 'en' ? d.def.nameEn : d.def.definition,
    inLanguage: ctx.lang,
    isAccessibleForFree: true,
    license: 'https://creativecommons.org/licenses/by/4.0/',
    creator: { '@type': 'GovernmentOrganization', name: ctx.lang === 'en' ? ctx.site.agencyNameEn : ctx.site.agencyName },
    variableMeasured: { '@type': 'PropertyValue', name: name(ctx, d.def), unitText: unitOf(ctx, d.def) },
    ...(d.firstPeriod && d.lastPeriod ? { temporalCoverage: `${d.firstPeriod}/${d.lastPeriod}` } : {}),
    ...(d.lastUpdate ? { dateModified: d.lastUpdate.toISOString() } : {}),
    distribution: [
      { '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: `${d.origin}/so-lieu/${encodeURIComponent(d.def.code)}.csv` },
      { '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: `${d.origin}/api/v1/indicators/${encodeURIComponent(d.def.code)}/observations` },
    ],
    includedInDataCatalog: { '@type': 'DataCatalog', url: `${d.origin}/api/v1/catalog` },
  };
}

export function IndicatorPage(p: { ctx: PageContext; data: IndicatorPageData; assets: IndicatorAssets }) {
  const { ctx, data } = p;
  const t = ctx.t;
  const def = data.def;
  const title = name(ctx, def);
  const statusByPeriod = new Map<string, { dims: string; values: number }[]>();
  for (const s of data.status) {
    if (!statusByPeriod.has(s.periodCode)) statusByPeriod.set(s.periodCode, []);
    statusByPeriod.get(s.periodCode)!.push(s);
  }
  return (
    <Layout
      ctx={ctx}
      title={title}
      wide
      meta={{ description: def.definition.slice(0, 200) }}
      head={
        <>
          <link rel="stylesheet" href={p.assets.css} />
          {/* JSON-LD with '<' escaped; a data block, never executed */}
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonBlock(datasetJsonLd(ctx, data)) }} />
          <script src={p.assets.echarts} defer />
          <script src={p.assets.js} defer />
        </>
      }
    >
      <p class="vh-hint">
        <a href="/so-lieu">{t('Số liệu thống kê ngành', 'Sector statistics')}</a> › {themeLabel(ctx, def.theme)}
      </p>
      <h1 id="chi-tieu-tieu-de">
        {title} <span class="vh-hint">({def.code})</span>
      </h1>
      {data.latest && (
        <p class="vh-lead" id="gia-tri-moi-nhat">
          {t('Số liệu mới nhất', 'Latest figure')} ({periodLabel(data.latest.periodCode, ctx.lang)}):{' '}
          <strong>
            {formatNumber(data.latest.value, def.decimals, ctx.lang)} {unitOf(ctx, def)}
          </strong>
          {data.latest.isDemo && <DemoMark ctx={ctx} />}
        </p>
      )}
      {data.hasDemo && (
        <p class="vh-warning">{t('Một phần số liệu trên trang này là dữ liệu minh họa của bản trình diễn, không phải số liệu chính thức.', 'Some figures on this page are sample data of the demo, not official statistics.')}</p>
      )}

      <form method="get" action={`/so-lieu/${encodeURIComponent(def.code)}`} class="vh-dash-bar vh-no-print" aria-labelledby="chon-phan-to-h" id="chon-phan-to">
        <h2 id="chon-phan-to-h" class="vh-visually-hidden">
          {t('Chọn phân tổ', 'Choose a breakdown')}
        </h2>
        {data.selectors.map((s) => (
          <div class="vh-field" key={s.dim}>
            <label class="vh-label" for={`loc-${s.dim}`}>
              {dimensionLabel(ctx, s.dim)}
            </label>
            <select class="vh-select" id={`loc-${s.dim}`} name={s.dim}>
              <option value="">{t('Toàn tỉnh / tổng số', 'All (total)')}</option>
              {s.options.map((o) => (
                <option key={o.value} value={o.value} selected={o.value === s.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        {data.breakdowns.length > 0 && (
          <div class="vh-field">
            <label class="vh-label" for="loc-theo">
              {t('Hiển thị theo', 'Show by')}
            </label>
            <select class="vh-select" id="loc-theo" name="theo">
              <option value="">{t('Không phân tổ', 'No breakdown')}</option>
              {data.breakdowns.map((b) => (
                <option key={b} value={b} selected={b === data.breakdown}>
                  {dimensionLabel(ctx, b)}
                </option>
              ))}
            </select>
          </div>
        )}
        {(data.selectors.length > 0 || data.breakdowns.length > 0) && (
          <button type="submit" class="vh-button vh-button--secondary">
            {t('Xem', 'Show')}
          </button>
        )}
      </form>

      <ChartFigure
        ctx={ctx}
        id="bieu-do"
        spec={data.spec}
        svg={data.svg}
        heading={`${t('Biểu đồ', 'Chart')}: ${title}${data.filterText ? ` – ${data.filterText}` : ''}`}
        meta={`${t('Đơn vị tính', 'Unit')}: ${unitOf(ctx, def)}`}
        tableOpen
      />

      <p class="vh-no-print" id="tai-du-lieu">
        <a class="vh-button vh-button--secondary" href={data.csvHref} download>
          {t('Tải dữ liệu CSV', 'Download CSV')}
        </a>{' '}
        <a href={`/api/v1/indicators/${encodeURIComponent(def.code)}/observations`}>{t('API (JSON)', 'API (JSON)')}</a> ·{' '}
        <a href="/api/v1/catalog">{t('Danh mục dữ liệu mở (DCAT)', 'Open data catalogue (DCAT)')}</a>
      </p>

      <section aria-labelledby="thong-tin-h" id="thong-tin">
        <h2 id="thong-tin-h">{t('Thông tin chỉ tiêu', 'About this indicator')}</h2>
        <dl class="vh-summary">
          <dt>{t('Khái niệm', 'Definition')}</dt>
          <dd>{def.definition}</dd>
          {def.formula && (
            <>
              <dt>{t('Phương pháp tính', 'Formula')}</dt>
              <dd>{def.formula}</dd>
            </>
          )}
          <dt>{t('Đơn vị tính', 'Unit of measure')}</dt>
          <dd>{unitOf(ctx, def)}</dd>
          <dt>{t('Kỳ công bố', 'Periodicity')}</dt>
          <dd>{ctx.t(PERIODICITY[def.periodicity]?.vi ?? def.periodicity, PERIODICITY[def.periodicity]?.en ?? def.periodicity)}</dd>
          <dt>{t('Nguồn số liệu', 'Source')}</dt>
          <dd>{ctx.t(SOURCE[def.source]?.vi ?? def.source, SOURCE[def.source]?.en ?? def.source)}</dd>
          <dt>{t('Đơn vị chịu trách nhiệm', 'Responsible unit')}</dt>
          <dd>{data.unitName}</dd>
          <dt>{t('Phân tổ', 'Disaggregations')}</dt>
          <dd>{def.dimensions.length ? def.dimensions.map((d) => dimensionLabel(ctx, d)).join(', ') : t('Không phân tổ', 'None')}</dd>
          {def.iocCode && (
            <>
              <dt>{t('Mã chỉ tiêu IOC', 'IOC code')}</dt>
              <dd>{def.iocCode}</dd>
            </>
          )}
          <dt>{t('Hiệu lực từ', 'Valid from')}</dt>
          <dd>{formatDateVi(def.validFrom)}</dd>
          <dt>{t('Cập nhật lần cuối', 'Last updated')}</dt>
          <dd>{data.lastUpdate ? formatDateTimeVi(data.lastUpdate) : t('Chưa công bố', 'Not published yet')}</dd>
        </dl>
      </section>

      <section aria-labelledby="tinh-trang-phan-to-h" id="tinh-trang-phan-to">
        <h2 id="tinh-trang-phan-to-h">{t('Tình trạng phân tổ', 'Disaggregation status')}</h2>
        <p class="vh-hint">{t('Các phân tổ có số liệu đã công bố ở từng kỳ.', 'Which breakdowns have published figures in each period.')}</p>
        <div class="vh-table-wrap">
          <table class="vh-table">
            <caption class="vh-visually-hidden">{t('Tình trạng phân tổ theo kỳ', 'Disaggregation status by period')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Kỳ', 'Period')}</th>
                <th scope="col">{t('Tổng số', 'Total')}</th>
                {def.dimensions.map((d) => (
                  <th scope="col" key={d}>
                    {dimensionLabel(ctx, d)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {statusByPeriod.size === 0 && (
                <tr>
                  <td colSpan={def.dimensions.length + 2}>{t('Chưa có số liệu công bố.', 'No published data yet.')}</td>
                </tr>
              )}
              {[...statusByPeriod].map(([period, sets]) => (
                <tr key={period}>
                  <th scope="row">{periodLabel(period, ctx.lang)}</th>
                  <td>{sets.some((s) => s.dims === '') ? t('Có', 'Yes') : t('Không', 'No')}</td>
                  {def.dimensions.map((d) => {
                    const n = sets.filter((s) => s.dims.split(',').includes(d)).reduce((a, s) => a + s.values, 0);
                    return <td key={d}>{n > 0 ? t(`Có (${n} giá trị)`, `Yes (${n} values)`) : t('Không', 'No')}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}
