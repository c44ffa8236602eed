import type { FieldErrors } from '../../../core/errors.js';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { CYCLE_STATUS_VI } from '../titles.commands.js';
import type { Cycle, EntryRow, StatRow } from '../titles.repository.js';
import { type RoundKind, TITLE_VI } from '../titles.schema.js';

export const viDate = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('/') : '');
/** The path segment after /:xa/:nam of each title's public round page. */
export const KIND_SLUG: Record<RoundKind, string> = { household: '', village: '/thon-to-dan-pho' };
export const cycleHref = (c: { communeCode: string; year: number; titleKind?: RoundKind }) => `/danh-hieu-van-hoa/${c.communeCode}/${c.year}${KIND_SLUG[c.titleKind ?? 'household']}`;

export interface PublicFilter {
  q?: string;
  commune?: string;
  year?: number;
}
type Hit = { headName: string; villageName: string; communeName: string; communeCode: string; year: number; decisionNumber: string; decisionDate: string };
type VillageHit = Omit<Hit, 'headName'>;

export function IndexPage(p: { ctx: PageContext; cycles: Cycle[]; hits: Hit[]; villageHits: VillageHit[]; filter: PublicFilter; searched: boolean }) {
  const { ctx } = p;
  const t = ctx.t;
  const communes = [...new Map(p.cycles.map((c) => [c.communeCode, c.communeName])).entries()];
  const years = [...new Set(p.cycles.map((c) => c.year))];
  return (
    <Layout ctx={ctx} title={t('Danh hiệu văn hóa', 'Cultural titles')} wide>
      <h1>{t('Danh hiệu văn hóa', 'Cultural titles')}</h1>
      <p>
        {t(
          'Danh sách niêm yết lấy ý kiến và danh sách hộ gia đình được công nhận danh hiệu "Gia đình văn hóa", thôn, tổ dân phố được công nhận danh hiệu "Thôn, tổ dân phố văn hóa" theo Nghị định 86/2023/NĐ-CP. Với hộ gia đình chỉ công bố họ tên chủ hộ và thôn, tổ dân phố.',
          'Listings for comment, households and villages recognised under Decree 86/2023. Only the head of household and the village are shown.',
        )}{' '}
        <a href="/danh-hieu-van-hoa/thong-ke">{t('Thống kê theo xã, năm', 'Statistics by commune and year')}</a>
      </p>
      <form method="get" action="/danh-hieu-van-hoa" class="vh-filters" aria-label={t('Tìm hộ, thôn được công nhận', 'Search recognised households and villages')}>
        <div class="vh-field">
          <label class="vh-label" for="f-q">
            {t('Họ tên chủ hộ hoặc thôn', 'Head of household or village')}
          </label>
          <input id="f-q" name="q" class="vh-input vh-input--half" value={p.filter.q ?? ''} />
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-xa">
            {t('Xã, phường', 'Commune')}
          </label>
          <select id="f-xa" name="xa" class="vh-select">
            <option value="">{t('Tất cả', 'All')}</option>
            {communes.map(([code, name]) => (
              <option key={code} value={code} selected={p.filter.commune === code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-nam">
            {t('Năm', 'Year')}
          </label>
          <select id="f-nam" name="nam" class="vh-select">
            <option value="">{t('Tất cả', 'All')}</option>
            {years.map((y) => (
              <option key={y} value={String(y)} selected={p.filter.year === y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t('Tìm', 'Search')}</Button>
      </form>
      {p.searched && (
        <DataTable
          ctx={ctx}
          caption={t(`Kết quả tìm kiếm (${p.hits.length})`, `Results (${p.hits.length})`)}
          captionVisible
          rows={p.hits}
          rowKey={(h) => `${h.communeCode}-${h.year}-${h.villageName}-${h.headName}`}
          empty={t('Không tìm thấy hộ nào.', 'Nothing found.')}
          columns={[
            { header: t('Chủ hộ', 'Head of household'), rowHeader: true, cell: (h) => h.headName },
            { header: t('Thôn, tổ dân phố', 'Village'), cell: (h) => h.villageName },
            { header: t('Xã, phường', 'Commune'), cell: (h) => <a href={cycleHref(h)}>{h.communeName}</a> },
            { header: t('Năm', 'Year'), cell: (h) => String(h.year) },
            { header: t('Quyết định', 'Decision'), cell: (h) => `${h.decisionNumber} (${viDate(h.decisionDate)})` },
          ]}
        />
      )}
      {p.searched && (
        <DataTable
          ctx={ctx}
          caption={t(`Thôn, tổ dân phố được công nhận "Thôn, tổ dân phố văn hóa" (${p.villageHits.length})`, `Recognised villages (${p.villageHits.length})`)}
          captionVisible
          rows={p.villageHits}
          rowKey={(h) => `${h.communeCode}-${h.year}-${h.villageName}`}
          empty={t('Không tìm thấy thôn, tổ dân phố nào.', 'Nothing found.')}
          columns={[
            { header: t('Thôn, tổ dân phố', 'Village'), rowHeader: true, cell: (h) => h.villageName },
            { header: t('Xã, phường', 'Commune'), cell: (h) => <a href={cycleHref({ ...h, titleKind: 'village' })}>{h.communeName}</a> },
            { header: t('Năm', 'Year'), cell: (h) => String(h.year) },
            { header: t('Quyết định', 'Decision'), cell: (h) => `${h.decisionNumber} (${viDate(h.decisionDate)})` },
          ]}
        />
      )}
      <DataTable
        ctx={ctx}
        caption={t('Các đợt bình xét', 'Rounds')}
        captionVisible
        rows={p.cycles}
        rowKey={(c) => c.id}
        empty={t('Chưa có đợt bình xét nào được công khai.', 'No public round yet.')}
        columns={[
          { header: t('Xã, phường', 'Commune'), rowHeader: true, cell: (c) => <a href={cycleHref(c)}>{c.communeName}</a> },
          { header: t('Danh hiệu', 'Title'), cell: (c) => TITLE_VI[c.titleKind] },
          { header: t('Năm', 'Year'), cell: (c) => String(c.year) },
          { header: t('Tình trạng', 'Status'), cell: (c) => CYCLE_STATUS_VI[c.status] ?? c.status },
          { header: t('Quyết định', 'Decision'), cell: (c) => (c.decisionNumber && c.status === 'published' ? `${c.decisionNumber} (${viDate(c.decisionDate)})` : '') },
        ]}
      />
    </Layout>
  );
}

export function CyclePublicPage(p: {
  ctx: PageContext;
  cycle: Cycle;
  rows: EntryRow[];
  commentOpen: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  sent?: boolean;
}) {
  const { ctx, cycle: c } = p;
  const t = ctx.t;
  const village = c.titleKind === 'village';
  const title = `${c.communeName} – ${village ? `"${TITLE_VI.village}" ` : ''}${t('năm', 'year')} ${c.year}`;
  const published = c.status === 'published';
  const subjects = village ? 'thôn, tổ dân phố' : 'hộ gia đình';
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href="/danh-hieu-van-hoa">{t('Danh hiệu văn hóa', 'Cultural titles')}</a>
      </p>
      {published ? (
        <p>
          {t(
            `Quyết định số ${c.decisionNumber} ngày ${viDate(c.decisionDate)} công nhận danh hiệu "${TITLE_VI[c.titleKind]}" năm ${c.year} cho ${p.rows.length} ${subjects}.`,
            `Decision ${c.decisionNumber} of ${viDate(c.decisionDate)} recognises ${p.rows.length} ${village ? 'villages' : 'households'}.`,
          )}
        </p>
      ) : (
        <p>
          {t(
            `Danh sách ${subjects} đề nghị công nhận danh hiệu "${TITLE_VI[c.titleKind]}" năm ${c.year}, niêm yết từ ngày ${viDate(c.listingStart)} đến hết ngày ${viDate(c.listingEnd)}.`,
            `${village ? 'Villages' : 'Households'} proposed for ${c.year}, listed from ${viDate(c.listingStart)} to ${viDate(c.listingEnd)}.`,
          )}{' '}
          <a href={`${cycleHref(c)}/thong-bao.pdf`}>{t('Thông báo niêm yết (PDF, in để dán)', 'Listing notice (PDF)')}</a>
        </p>
      )}
      <DataTable
        ctx={ctx}
        caption={published ? t(`${village ? 'Thôn, tổ dân phố' : 'Hộ gia đình'} được công nhận`, 'Recognised') : t(`${village ? 'Thôn, tổ dân phố' : 'Hộ gia đình'} được đề nghị`, 'Proposed')}
        captionVisible
        rows={p.rows}
        rowKey={(r) => r.id}
        empty={t('Không có đơn vị nào.', 'None.')}
        columns={
          village
            ? [
                { header: t('STT', 'No.'), cell: (r) => String(p.rows.indexOf(r) + 1) },
                { header: t('Thôn, tổ dân phố', 'Village'), rowHeader: true, cell: (r) => r.villageName },
              ]
            : [
                { header: t('STT', 'No.'), cell: (r) => String(p.rows.indexOf(r) + 1) },
                { header: t('Chủ hộ', 'Head of household'), rowHeader: true, cell: (r) => r.headName ?? '' },
                { header: t('Thôn, tổ dân phố', 'Village'), cell: (r) => r.villageName },
              ]
        }
      />
      {p.sent && (
        <p class="vh-flash" role="status">
          {t('Đã nhận ý kiến của bạn. Hội đồng sẽ xem xét khi họp bình xét.', 'Your comment was received.')}
        </p>
      )}
      {p.commentOpen && (
        <section aria-labelledby="gop-y">
          <h2 id="gop-y">{t('Góp ý về danh sách', 'Comment on the list')}</h2>
          <p class="vh-hint">{t('Họ tên của bạn chỉ chuyển cho hội đồng bình xét, không công bố.', 'Your name goes only to the council.')}</p>
          <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
          <Form ctx={ctx} action={`${cycleHref(c)}/gop-y`} label={t('Góp ý về danh sách', 'Comment on the list')}>
            <TextField ctx={ctx} name="authorName" label={t('Họ và tên', 'Your name')} value={p.values?.authorName} errors={p.errors} autocomplete="name" />
            <TextArea ctx={ctx} name="body" label={t('Nội dung góp ý', 'Comment')} value={p.values?.body} errors={p.errors} />
            <Button>{t('Gửi góp ý', 'Send')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

/** Communes have no geometry in core/places: a tile grid (one square per commune, in the order
 * of the register, shaded by share) stands in for a map. */
export function TileGrid(p: { ctx: PageContext; tiles: { name: string; share: number | null }[] }) {
  const cols = 8;
  const size = 84;
  const rows = Math.ceil(p.tiles.length / cols) || 1;
  const shade = (s: number | null) => (s === null ? '#e5e7eb' : s >= 0.85 ? '#14532d' : s >= 0.7 ? '#15803d' : s >= 0.5 ? '#4ade80' : '#bbf7d0');
  const ink = (s: number | null) => (s !== null && s >= 0.7 ? '#ffffff' : '#111827');
  return (
    <svg viewBox={`0 0 ${cols * size} ${rows * size}`} role="img" aria-labelledby="tg-title" class="vh-tilegrid">
      <title id="tg-title">{p.ctx.t('Tỷ lệ hộ đạt danh hiệu theo xã (ô vuông, không phải bản đồ)', 'Share by commune (tile grid)')}</title>
      {p.tiles.map((x, i) => (
        <g key={x.name} transform={`translate(${(i % cols) * size} ${Math.floor(i / cols) * size})`}>
          <rect width={size - 4} height={size - 4} fill={shade(x.share)} />
          <text x={6} y={22} font-size="11" fill={ink(x.share)}>
            {x.name.replace(/^(Xã|Phường|Đặc khu) /, '')}
          </text>
          <text x={6} y={48} font-size="16" font-weight="bold" fill={ink(x.share)}>
            {x.share === null ? '–' : `${Math.round(x.share * 100)}%`}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function StatsPage(p: { ctx: PageContext; rows: (StatRow & { communeName: string })[]; year: number | undefined; years: number[]; tiles: { name: string; share: number | null }[]; titleKind: RoundKind }) {
  const { ctx } = p;
  const t = ctx.t;
  const village = p.titleKind === 'village';
  const q = village ? 'danh_hieu=thon' : '';
  return (
    <Layout ctx={ctx} title={t('Thống kê danh hiệu văn hóa', 'Cultural title statistics')} wide>
      <h1>{t(`Thống kê danh hiệu "${TITLE_VI[p.titleKind]}"`, village ? 'Village title statistics' : 'Household title statistics')}</h1>
      <p>
        {village ? <a href="/danh-hieu-van-hoa/thong-ke">{t('Xem thống kê "Gia đình văn hóa"', 'Household statistics')}</a> : <a href="/danh-hieu-van-hoa/thong-ke?danh_hieu=thon">{t('Xem thống kê "Thôn, tổ dân phố văn hóa"', 'Village statistics')}</a>}
      </p>
      <form method="get" action="/danh-hieu-van-hoa/thong-ke" class="vh-filters" aria-label={t('Chọn năm', 'Choose a year')}>
        {village && <input type="hidden" name="danh_hieu" value="thon" />}
        <div class="vh-field">
          <label class="vh-label" for="f-nam">
            {t('Năm', 'Year')}
          </label>
          <select id="f-nam" name="nam" class="vh-select">
            {p.years.map((y) => (
              <option key={y} value={String(y)} selected={p.year === y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t('Xem', 'Show')}</Button>{' '}
        <a href={`/api/v1/titles/stats.xlsx?${[p.year ? `nam=${p.year}` : '', q].filter(Boolean).join('&')}`}>{t('Tải XLSX', 'Download XLSX')}</a>
      </form>
      {p.year && <TileGrid ctx={ctx} tiles={p.tiles} />}
      <DataTable
        ctx={ctx}
        caption={village ? t('Tỷ lệ thôn, tổ dân phố được công nhận theo xã và năm', 'Share of villages by commune and year') : t('Tỷ lệ hộ gia đình được công nhận theo xã và năm', 'Share of households by commune and year')}
        captionVisible
        rows={p.rows}
        rowKey={(r) => `${r.communeCode}-${r.year}`}
        empty={t('Chưa có số liệu.', 'No data yet.')}
        columns={[
          { header: t('Xã, phường', 'Commune'), rowHeader: true, cell: (r) => r.communeName },
          { header: t('Năm', 'Year'), cell: (r) => String(r.year) },
          { header: village ? t('Số thôn, tổ dân phố', 'Villages') : t('Số hộ', 'Households'), cell: (r) => r.total.toLocaleString('vi-VN') },
          { header: t('Được công nhận', 'Recognised'), cell: (r) => r.recognised.toLocaleString('vi-VN') },
          { header: t('Tỷ lệ', 'Share'), cell: (r) => (r.total ? `${((r.recognised / r.total) * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%` : '–') },
        ]}
      />
    </Layout>
  );
}

export function VerifyPage(p: { ctx: PageContext; found?: { headName: string | null; villageName: string; communeName: string; year: number; decisionNumber: string; decisionDate: string; years: number } }) {
  const { ctx, found: f } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Kiểm tra giấy công nhận', 'Certificate check')}>
      <h1>{t('Kiểm tra giấy công nhận', 'Certificate check')}</h1>
      {f ? (
        <p>
          {t(
            `${f.headName ? `Hộ ông/bà ${f.headName}, ${f.villageName}` : f.villageName}, ${f.communeName} được công nhận danh hiệu "${f.headName ? TITLE_VI.household : TITLE_VI.village}" năm ${f.year} theo Quyết định số ${f.decisionNumber} ngày ${viDate(f.decisionDate)}. Số năm liên tục giữ danh hiệu: ${f.years}.`,
            `Recognised in ${f.year} by decision ${f.decisionNumber}. Consecutive years: ${f.years}.`,
          )}
        </p>
      ) : (
        <p>{t('Không tìm thấy giấy công nhận này trong danh sách đã công bố.', 'No such published certificate.')}</p>
      )}
    </Layout>
  );
}
