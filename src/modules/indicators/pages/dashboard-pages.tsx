import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { formatDateTimeVi } from '../../../core/validation.js';
import type { ChartSpec } from '../indicators.charts.js';
import type { IndicatorAssets } from '../indicators.assets.js';
import { ChartFigure } from './public-chart.js';

export interface DashboardView {
  slug: string;
  title: string;
  description: string;
  dashboards: { slug: string; title: string }[];
  charts: { id: string; heading: string; spec?: ChartSpec; svg?: string; note?: string; meta?: string; href?: string }[];
  periods: { value: string; label: string }[];
  areas: { value: string; label: string }[];
  period: string;
  area: string;
  wall: boolean;
  refresh?: number;
  rotate: string[];
  /** this dashboard's URL with the filters (and wall parameters when on the wall) */
  selfHref: string;
  wallHref: string;
  exitWallHref: string;
  nextHref?: string;
  renderedAt: Date;
}

function Bar(p: { ctx: PageContext; v: DashboardView }) {
  const { ctx, v } = p;
  const t = ctx.t;
  return (
    <form method="get" action={`/quan-tri/bang-dieu-khien/${v.slug}`} class="vh-dash-bar vh-no-print" id="bo-loc" aria-label={t('Bộ lọc bảng điều khiển', 'Dashboard filters')}>
      <div class="vh-field">
        <label class="vh-label" for="loc-ky">
          {t('Đến kỳ', 'Up to period')}
        </label>
        <select class="vh-select" id="loc-ky" name="ky">
          <option value="">{t('Kỳ mới nhất', 'Latest period')}</option>
          {v.periods.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === v.period}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div class="vh-field">
        <label class="vh-label" for="loc-dia-ban">
          {t('Địa bàn', 'Area')}
        </label>
        <select class="vh-select" id="loc-dia-ban" name="dia-ban">
          <option value="">{t('Toàn tỉnh', 'Whole province')}</option>
          {v.areas.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === v.area}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {v.wall && (
        <>
          <input type="hidden" name="che-do" value="man-hinh" />
          {v.refresh && <input type="hidden" name="lam-moi" value={String(v.refresh)} />}
          {v.rotate.length > 0 && <input type="hidden" name="xoay" value={v.rotate.join(',')} />}
        </>
      )}
      <button type="submit" class="vh-button vh-button--secondary">
        {t('Xem', 'Show')}
      </button>
      <a class="vh-button vh-button--secondary" href={v.selfHref} id="lam-moi">
        {t('Làm mới', 'Refresh')}
      </a>
      {v.wall ? (
        <a href={v.exitWallHref}>{t('Thoát chế độ màn hình', 'Leave wall mode')}</a>
      ) : (
        <a href={v.wallHref} id="che-do-man-hinh">
          {t('Chế độ màn hình lớn', 'Wall mode')}
        </a>
      )}
    </form>
  );
}

export function DashboardPage(p: { ctx: PageContext; v: DashboardView; assets: IndicatorAssets }) {
  const { ctx, v } = p;
  const t = ctx.t;
  const head: ComponentChildren = (
    <>
      <link rel="stylesheet" href={p.assets.css} />
      {/* Without JavaScript the wall screen still refreshes, to the next dashboard of the rotation,
          with the filters in the URL (Metabase #5875: auto-refresh must keep the filters). */}
      {v.wall && v.refresh && <meta http-equiv="refresh" content={`${v.refresh};url=${v.nextHref ?? v.selfHref}`} />}
      <script src={p.assets.echarts} defer />
      <script src={p.assets.js} defer />
    </>
  );
  return (
    <Layout ctx={ctx} title={v.title} wide head={head}>
      {v.wall && <span id="vh-wall" hidden />}
      {!v.wall && v.dashboards.length > 1 && (
        <nav class="vh-tabs vh-no-print" aria-label={t('Các bảng điều khiển', 'Dashboards')}>
          <ul class="vh-tabs__list">
            {v.dashboards.map((d) => (
              <li key={d.slug}>
                <a class="vh-tabs__link" href={`/quan-tri/bang-dieu-khien/${d.slug}${v.selfHref.includes('?') ? v.selfHref.slice(v.selfHref.indexOf('?')) : ''}`} aria-current={d.slug === v.slug ? 'page' : undefined}>
                  {d.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <h1 id="bang-dieu-khien-tieu-de">{v.title}</h1>
      {v.description && !v.wall && <p class="vh-lead">{v.description}</p>}
      <Bar ctx={ctx} v={v} />
      <p class="vh-hint vh-wall-status" id="trang-thai" role="status">
        {t('Số liệu đã công bố, cập nhật lúc', 'Published figures, as of')} {formatDateTimeVi(v.renderedAt)}
        {v.period && ` · ${t('đến kỳ', 'up to')} ${v.periods.find((o) => o.value === v.period)?.label ?? v.period}`}
        {v.area && ` · ${v.areas.find((o) => o.value === v.area)?.label ?? v.area}`}
        {v.wall && v.refresh && ` · ${t(`tự làm mới sau ${v.refresh} giây`, `refreshes every ${v.refresh} s`)}`}
      </p>
      <div class="vh-dash">
        {v.charts.map((c) =>
          c.spec && c.svg ? (
            <ChartFigure key={c.id} ctx={ctx} id={c.id} spec={c.spec} svg={c.svg} heading={c.heading} meta={c.meta} />
          ) : (
            <section class="vh-chart" key={c.id} id={c.id} aria-labelledby={`${c.id}-h`}>
              <h2 id={`${c.id}-h`}>{c.heading}</h2>
              <p>{c.note}</p>
            </section>
          ),
        )}
      </div>
    </Layout>
  );
}

export function DashboardListPage(p: { ctx: PageContext; dashboards: { slug: string; title: string; description: string; charts: number }[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Bảng điều khiển', 'Dashboards')}>
      <h1>{t('Bảng điều khiển', 'Dashboards')}</h1>
      {p.dashboards.length === 0 ? (
        <p>{t('Chưa có bảng điều khiển nào.', 'No dashboards yet.')}</p>
      ) : (
        <ul class="vh-list">
          {p.dashboards.map((d) => (
            <li class="vh-list__item" key={d.slug}>
              <a class="vh-list__title" href={`/quan-tri/bang-dieu-khien/${d.slug}`}>
                {d.title}
              </a>
              <p class="vh-hint">
                {d.description} ({t(`${d.charts} biểu đồ`, `${d.charts} charts`)})
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/quan-tri/canh-bao-chi-tieu">{t('Cảnh báo chỉ tiêu', 'Indicator alerts')}</a>
      </p>
    </Layout>
  );
}
