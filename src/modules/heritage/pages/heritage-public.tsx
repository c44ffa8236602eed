import type { FieldErrors } from '../../../core/errors.js';
import { iiifUrl } from '../../../core/images/images.js';
import { hp } from '../heritage.urls.js';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { formatDateVi } from '../../../core/validation.js';
import { PROFILE_SECTIONS } from '../heritage.commands.js';
import { polygonsOf } from '../heritage.geometry.js';
import { ruleLabel, type ZoneAnswer } from '../heritage.queries.js';
import type { Media, RankingDecision, Relic, Rule, Zone } from '../heritage.repository.js';
import type { ZoneGeometry } from '../heritage.schema.js';

const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
const dec = (n: number) => n.toFixed(6);

export interface InventoryFilter {
  level?: string;
  type?: string;
  area?: string;
  q?: string;
}

function query(f: InventoryFilter): string {
  const q = new URLSearchParams();
  if (f.level) q.set('cap', f.level);
  if (f.type) q.set('loai', f.type);
  if (f.area) q.set('dia-ban', f.area);
  if (f.q) q.set('q', f.q);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function InventoryPage(p: { ctx: PageContext; rules: Rule[]; relics: Relic[]; filter: InventoryFilter; areas: { code: string; name: string; n: number }[] }) {
  const { ctx, rules } = p;
  const t = ctx.t;
  const lang = ctx.lang;
  const levels = rules.filter((r) => r.kind === 'level');
  const types = rules.filter((r) => r.kind === 'relic_type');
  const qs = query(p.filter);
  return (
    <Layout ctx={ctx} title={t('Di sản văn hóa: danh mục di tích', 'Cultural heritage: the relic inventory')} wide>
      <h1>{t('Danh mục di tích', 'Relic inventory')}</h1>
      <p class="vh-lead">
        {t(
          'Danh mục kiểm kê di tích của tỉnh được công bố theo Luật Di sản văn hóa số 45/2024/QH15. Nội dung chỉ được đưa lên sau khi cơ quan quản lý kiểm duyệt.',
          'The province’s published relic inventory (Law on Cultural Heritage 45/2024/QH15). Content goes online only after review.',
        )}
      </p>
      <ul class="vh-links">
        <li>
          <a href={hp(ctx, '/di-san/ban-do')}>{t('Bản đồ di tích và khu vực bảo vệ', 'Map of relics and protection zones')}</a>
        </li>
        <li>
          <a href={hp(ctx, '/di-san/kiem-tra-vung-bao-ve')}>{t('Kiểm tra một vị trí có thuộc khu vực bảo vệ di tích không', 'Is this place in a protection zone?')}</a>
        </li>
      </ul>
      <form method="get" action={hp(ctx, '/di-san')} class="vh-filters" aria-label={t('Lọc danh mục', 'Filter the inventory')}>
        <div class="vh-field">
          <label class="vh-label" for="f-q">
            {t('Tên di tích', 'Name')}
          </label>
          <input id="f-q" name="q" class="vh-input vh-input--half" value={p.filter.q ?? ''} />
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-cap">
            {t('Cấp xếp hạng', 'Ranking level')}
          </label>
          <select id="f-cap" name="cap" class="vh-select">
            <option value="">{t('Tất cả', 'All')}</option>
            {levels.map((l) => (
              <option key={l.key} value={l.key} selected={p.filter.level === l.key}>
                {lang === 'en' ? l.labelEn : l.label}
              </option>
            ))}
            <option value="none" selected={p.filter.level === 'none'}>
              {t('Chưa xếp hạng (đã kiểm kê)', 'Inventoried, not ranked')}
            </option>
          </select>
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-loai">
            {t('Loại hình', 'Type')}
          </label>
          <select id="f-loai" name="loai" class="vh-select">
            <option value="">{t('Tất cả', 'All')}</option>
            {types.map((l) => (
              <option key={l.key} value={l.key} selected={p.filter.type === l.key}>
                {lang === 'en' ? l.labelEn : l.label}
              </option>
            ))}
          </select>
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-dia-ban">
            {t('Địa bàn (xã, phường)', 'Commune or ward')}
          </label>
          <select id="f-dia-ban" name="dia-ban" class="vh-select">
            <option value="">{t('Tất cả', 'All')}</option>
            {p.areas.map((a) => (
              <option key={a.code} value={a.code} selected={p.filter.area === a.code}>
                {a.name} ({a.n})
              </option>
            ))}
          </select>
        </div>
        <Button>{t('Lọc', 'Filter')}</Button>
      </form>
      <p>
        {t(`${p.relics.length.toLocaleString('vi-VN')} di tích.`, `${p.relics.length} relics.`)}{' '}
        {t('Tải về', 'Download')}: <a href={`/api/v1/heritage/relics.csv${qs}`}>CSV</a>, <a href={`/api/v1/heritage/relics.xlsx${qs}`}>XLSX</a>,{' '}
        <a href="/api/v1/heritage/relics.geojson">GeoJSON</a>
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Các di tích đã công bố', 'Published relics')}
        rows={p.relics}
        rowKey={(r) => r.id}
        empty={t('Không có di tích nào phù hợp.', 'No relic matches.')}
        columns={[
          { header: t('Mã', 'Code'), cell: (r) => r.code },
          { header: t('Tên di tích', 'Name'), rowHeader: true, cell: (r) => <a href={hp(ctx, `/di-san/di-tich/${r.code}`)}>{r.name}</a> },
          { header: t('Loại hình', 'Type'), cell: (r) => ruleLabel(rules, 'relic_type', r.relicType, lang) },
          { header: t('Cấp xếp hạng', 'Level'), cell: (r) => ruleLabel(rules, 'level', r.level, lang) },
          { header: t('Địa bàn', 'Area'), cell: (r) => r.adminUnitName ?? '' },
        ]}
      />
    </Layout>
  );
}

function Photo(p: { m: Media; w: number }) {
  return (
    <figure class="vh-figure">
      <img
        src={iiifUrl(p.m.imageId!, p.w, 'jpg')}
        srcset={`${iiifUrl(p.m.imageId!, p.w, 'webp')} 1x`}
        alt={p.m.title}
        loading="lazy"
        width={p.w}
        style="max-width:100%;height:auto"
      />
      <figcaption>{p.m.title}</figcaption>
    </figure>
  );
}

export function RelicPage(p: {
  ctx: PageContext;
  rules: Rule[];
  relic: Relic;
  decisions: RankingDecision[];
  zones: Zone[];
  media: Media[];
  formerUnits: { name: string; validTo: string | null }[];
  preview?: boolean;
  artefacts?: { id: string; inventoryNumber: string; name: string }[];
}) {
  const { ctx, relic: r, rules } = p;
  const t = ctx.t;
  const lang = ctx.lang;
  const url = `${ctx.site ? '' : ''}/di-san/di-tich/${r.code}`;
  const photos = p.media.filter((m) => m.kind === 'photo' && m.imageId);
  const docs = p.media.filter((m) => m.kind !== 'photo' && m.fileId);
  const isScenic = r.relicType === 'scenic';
  const ld = {
    '@context': 'https://schema.org',
    '@type': isScenic ? ['TouristAttraction', 'Place'] : ['LandmarksOrHistoricalBuildings', 'TouristAttraction'],
    name: r.name,
    alternateName: r.otherNames.length ? r.otherNames : undefined,
    description: r.summary || undefined,
    url,
    identifier: r.code,
    address: r.address ? { '@type': 'PostalAddress', streetAddress: r.address, addressLocality: r.adminUnitName ?? undefined, addressCountry: 'VN' } : undefined,
    geo: r.lat !== null && r.lng !== null ? { '@type': 'GeoCoordinates', latitude: r.lat, longitude: r.lng } : undefined,
    image: photos.map((m) => iiifUrl(m.imageId!, 800, 'jpg')),
    isAccessibleForFree: true,
  };
  return (
    <Layout
      ctx={ctx}
      title={r.name}
      meta={{ description: r.summary.slice(0, 200) || r.name, image: photos[0] ? iiifUrl(photos[0].imageId!, 800, 'jpg') : undefined }}
      head={p.preview ? <meta name="robots" content="noindex" /> : <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json(ld) }} />}
    >
      <p>
        <a href={hp(ctx, '/di-san')}>{t('Danh mục di tích', 'Relic inventory')}</a>
      </p>
      {p.preview && (
        <p class="vh-notice" role="status">
          {t('Bản xem trước dành cho cán bộ: nội dung này chưa được công bố.', 'Staff preview: not published.')}
        </p>
      )}
      <h1>{r.name}</h1>
      {r.otherNames.length > 0 && (
        <p>
          {t('Tên gọi khác', 'Other names')}: {r.otherNames.join('; ')}
        </p>
      )}
      {r.isDemo && <p class="vh-hint">{t('Dữ liệu minh họa: tên và chi tiết do dự án đặt ra.', 'Demo data: invented names and details.')}</p>}
      <dl class="vh-summary-list">
        <dt>{t('Mã di tích', 'Code')}</dt>
        <dd>{r.code}</dd>
        <dt>{t('Loại hình', 'Type')}</dt>
        <dd>{ruleLabel(rules, 'relic_type', r.relicType, lang)}</dd>
        <dt>{t('Cấp xếp hạng', 'Ranking level')}</dt>
        <dd>{ruleLabel(rules, 'level', r.level, lang)}</dd>
        <dt>{t('Địa chỉ', 'Address')}</dt>
        <dd>
          {[r.address, r.adminUnitName].filter(Boolean).join(', ')}
          {p.formerUnits.length > 0 && (
            <span class="vh-hint">
              {' '}
              ({t('trước sắp xếp đơn vị hành chính', 'before the reorganisation')}: {p.formerUnits.map((u) => `${u.name}${u.validTo ? ` – ${t('đến', 'until')} ${formatDateVi(u.validTo)}` : ''}`).join('; ')})
            </span>
          )}
        </dd>
        {r.lat !== null && r.lng !== null && (
          <>
            <dt>{t('Tọa độ (WGS 84)', 'Coordinates (WGS 84)')}</dt>
            <dd>
              {dec(r.lat)}, {dec(r.lng)} — <a href={hp(ctx, `/di-san/ban-do?di-tich=${r.code}`)}>{t('xem trên bản đồ', 'see on the map')}</a>
            </dd>
          </>
        )}
        {r.manager && (
          <>
            <dt>{t('Đơn vị quản lý', 'Manager')}</dt>
            <dd>{r.manager}</dd>
          </>
        )}
      </dl>
      {r.summary && <p>{r.summary}</p>}
      {photos.length > 0 && (
        <section aria-labelledby="h-anh">
          <h2 id="h-anh">{t('Ảnh', 'Photos')}</h2>
          {photos.map((m) => (
            <Photo key={m.id} m={m} w={800} />
          ))}
        </section>
      )}
      <section aria-labelledby="h-xep-hang">
        <h2 id="h-xep-hang">{t('Quá trình xếp hạng', 'Ranking history')}</h2>
        <DecisionTable ctx={ctx} rules={rules} decisions={p.decisions} />
      </section>
      <section aria-labelledby="h-vung">
        <h2 id="h-vung">{t('Khu vực bảo vệ', 'Protection zones')}</h2>
        {p.zones.length === 0 ? (
          <p>{t('Chưa công bố bản đồ khoanh vùng bảo vệ.', 'No protection zone map published yet.')}</p>
        ) : (
          <>
            <ZoneSvg zones={p.zones.map((z) => ({ zone: z.zone, geometry: z.geometry }))} label={t(`Sơ đồ khu vực bảo vệ của ${r.name}`, `Protection zones of ${r.name}`)} height={260} />
            <ul>
              {p.zones.map((z) => (
                <li key={z.id}>
                  <strong>{ruleLabel(rules, 'zone', z.zone, lang)}</strong> ({z.zone === 'I' ? t('màu đỏ', 'red') : t('màu xanh', 'blue')}): {z.vertexCount} {t('đỉnh', 'vertices')}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {PROFILE_SECTIONS.some((s) => r.profile[s.key]) && (
        <section aria-labelledby="h-ly-lich">
          <h2 id="h-ly-lich">{t('Lý lịch di tích', 'Relic profile')}</h2>
          {PROFILE_SECTIONS.filter((s) => r.profile[s.key]).map((s) => (
            <div key={s.key}>
              <h3>{t(s.vi, s.en)}</h3>
              {r.profile[s.key]!.split('\n').map((line, i) => (
                <p key={i}>{line}</p>
              ))}
            </div>
          ))}
        </section>
      )}
      {docs.length > 0 && (
        <section aria-labelledby="h-tai-lieu">
          <h2 id="h-tai-lieu">{t('Tài liệu', 'Documents')}</h2>
          <ul>
            {docs.map((d) => (
              <li key={d.id}>
                <a href={`/di-san/tai-lieu/${d.id}`}>{d.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.artefacts && p.artefacts.length > 0 && (
        <section aria-labelledby="h-hien-vat">
          <h2 id="h-hien-vat">{t('Hiện vật', 'Artefacts')}</h2>
          <ul>
            {p.artefacts.map((a) => (
              <li key={a.id}>
                <a href={hp(ctx, `/di-san/hien-vat/${a.id}`)}>{a.name}</a> ({a.inventoryNumber})
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

export function DecisionTable(p: { ctx: PageContext; rules: Rule[]; decisions: RankingDecision[] }) {
  const t = p.ctx.t;
  return (
    <DataTable
      ctx={p.ctx}
      caption={t('Các quyết định xếp hạng', 'Ranking decisions')}
      rows={p.decisions}
      rowKey={(d) => d.id}
      empty={t('Chưa có quyết định xếp hạng.', 'No ranking decision.')}
      columns={[
        { header: t('Ngày', 'Date'), cell: (d) => formatDateVi(d.decidedOn) },
        { header: t('Quyết định', 'Decision'), cell: (d) => ruleLabel(p.rules, 'decision_action', d.action, p.ctx.lang) },
        { header: t('Cấp', 'Level'), cell: (d) => (d.level ? ruleLabel(p.rules, 'level', d.level, p.ctx.lang) : '—') },
        { header: t('Số quyết định', 'Number'), cell: (d) => d.number },
        { header: t('Cơ quan ban hành', 'Issuer'), cell: (d) => d.issuer },
      ]}
    />
  );
}

// ── Static SVG map (no JavaScript) ──────────────────────────────────────────────────────

interface SvgPoint {
  code: string;
  name: string;
  lat: number;
  lng: number;
}

/** An equirectangular projection fitted to the features: at a province's scale the distortion is
 * under 1 %, and no library is needed to draw a readable map without JavaScript. */
function projector(bounds: { minLng: number; minLat: number; maxLng: number; maxLat: number }, width: number, height: number, pad = 12) {
  const k = Math.cos((((bounds.minLat + bounds.maxLat) / 2) * Math.PI) / 180);
  const w = Math.max((bounds.maxLng - bounds.minLng) * k, 1e-6);
  const h = Math.max(bounds.maxLat - bounds.minLat, 1e-6);
  const s = Math.min((width - 2 * pad) / w, (height - 2 * pad) / h);
  const ox = (width - w * s) / 2;
  const oy = (height - h * s) / 2;
  return (lng: number, lat: number): [number, number] => [Math.round((ox + (lng - bounds.minLng) * k * s) * 10) / 10, Math.round((oy + (bounds.maxLat - lat) * s) * 10) / 10];
}

function boundsOf(points: { lat: number; lng: number }[], zones: { geometry: ZoneGeometry }[]) {
  const b = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  const add = (lng: number, lat: number) => {
    b.minLng = Math.min(b.minLng, lng);
    b.maxLng = Math.max(b.maxLng, lng);
    b.minLat = Math.min(b.minLat, lat);
    b.maxLat = Math.max(b.maxLat, lat);
  };
  for (const p of points) add(p.lng, p.lat);
  for (const z of zones) for (const poly of polygonsOf(z.geometry)) for (const p of poly[0]!) add(p[0], p[1]);
  return b;
}

function zonePaths(zones: { zone: string; geometry: ZoneGeometry }[], proj: (lng: number, lat: number) => [number, number]) {
  return [...zones]
    .sort((a, b) => (a.zone === b.zone ? 0 : a.zone === 'II' ? -1 : 1))
    .map((z, i) => {
      const d = polygonsOf(z.geometry)
        .map((poly) => poly.map((ring) => `M${ring.map((p) => proj(p[0], p[1]).join(',')).join('L')}Z`).join(''))
        .join('');
      const red = z.zone === 'I';
      return <path key={i} d={d} fill={red ? '#c62828' : '#1565c0'} fill-opacity={red ? 0.35 : 0.15} stroke={red ? '#b71c1c' : '#0d47a1'} stroke-width="1.5" fill-rule="evenodd" />;
    });
}

export function ZoneSvg(p: { zones: { zone: string; geometry: ZoneGeometry }[]; label: string; height?: number; points?: SvgPoint[] }) {
  const width = 640;
  const height = p.height ?? 420;
  const proj = projector(boundsOf(p.points ?? [], p.zones), width, height);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={p.label} class="vh-map-svg" style="max-width:640px;background:#f4f1ea;border:1px solid #ccc">
      {zonePaths(p.zones, proj)}
    </svg>
  );
}

export function MapPage(p: {
  ctx: PageContext;
  rules: Rule[];
  relics: Relic[];
  zones: { relicId: string; zone: string; geometry: ZoneGeometry }[];
  focus?: Relic;
  tileUrl?: string;
  attribution?: string;
}) {
  const { ctx, rules } = p;
  const t = ctx.t;
  const points = p.relics.filter((r) => r.lat !== null && r.lng !== null).map((r) => ({ code: r.code, name: r.name, lat: r.lat!, lng: r.lng! }));
  const width = 800;
  const height = 560;
  const proj = projector(boundsOf(points, p.zones), width, height);
  const cfg = {
    overviewUrl: '/api/v1/heritage/relics.geojson?tong-quan=1',
    detailUrl: '/api/v1/heritage/relics.geojson',
    tileUrl: p.tileUrl ?? null,
    attribution: p.attribution ?? '',
    focus: p.focus?.lat != null && p.focus.lng != null ? [p.focus.lat, p.focus.lng] : null,
  };
  const head = (
    <>
      <link rel="stylesheet" href="/static/leaflet/leaflet.css" />
      <script src="/static/leaflet/leaflet.js" defer />
      <script src="/static/heritage/ban-do.js" defer />
    </>
  );
  return (
    <Layout ctx={ctx} title={t('Bản đồ di tích', 'Map of relics')} wide head={head}>
      <h1>{t('Bản đồ di tích và khu vực bảo vệ', 'Map of relics and protection zones')}</h1>
      <p class="vh-lead">
        {t('Khu vực bảo vệ I tô màu đỏ, khu vực bảo vệ II tô màu xanh, như trên bản đồ khoanh vùng. Danh sách bên dưới có cùng nội dung.', 'Zone I in red, zone II in blue, as on boundary maps. The list below has the same content.')}
      </p>
      <p>
        <a href={hp(ctx, '/di-san/kiem-tra-vung-bao-ve')}>{t('Kiểm tra một vị trí có thuộc khu vực bảo vệ không', 'Check whether a place is in a protection zone')}</a>
      </p>
      <script type="application/json" id="heritage-map-data" dangerouslySetInnerHTML={{ __html: json(cfg) }} />
      <div id="ban-do-tuong-tac" hidden style="height:560px" role="region" aria-label={t('Bản đồ tương tác các di tích', 'Interactive map of relics')} />
      <svg id="ban-do-svg" viewBox={`0 0 ${width} ${height}`} width="100%" role="group" aria-label={t(`Bản đồ ${points.length} di tích`, `Map of ${points.length} relics`)} style="max-width:800px;background:#f4f1ea;border:1px solid #ccc">
        {zonePaths(p.zones, proj)}
        {points.map((pt) => {
          const [x, y] = proj(pt.lng, pt.lat);
          const focus = p.focus?.code === pt.code;
          return (
            <a key={pt.code} href={hp(ctx, `/di-san/di-tich/${pt.code}`)}>
              <title>{pt.name}</title>
              <circle cx={x} cy={y} r={focus ? 8 : 5} fill={focus ? '#f9a825' : '#7b1fa2'} stroke="#fff" stroke-width="1" />
            </a>
          );
        })}
      </svg>
      <DataTable
        ctx={ctx}
        caption={t('Các di tích trên bản đồ', 'Relics on the map')}
        rows={p.relics}
        rowKey={(r) => r.id}
        columns={[
          { header: t('Tên di tích', 'Name'), rowHeader: true, cell: (r) => <a href={hp(ctx, `/di-san/di-tich/${r.code}`)}>{r.name}</a> },
          { header: t('Cấp xếp hạng', 'Level'), cell: (r) => ruleLabel(rules, 'level', r.level, ctx.lang) },
          { header: t('Vĩ độ, kinh độ', 'Latitude, longitude'), cell: (r) => (r.lat !== null && r.lng !== null ? `${dec(r.lat)}, ${dec(r.lng)}` : '—') },
          {
            header: t('Khu vực bảo vệ', 'Zones'),
            cell: (r) =>
              p.zones
                .filter((z) => z.relicId === r.id)
                .map((z) => z.zone)
                .sort()
                .join(', ') || '—',
          },
        ]}
      />
    </Layout>
  );
}

// ── Zone check ─────────────────────────────────────────────────────────────────────────

export function ZoneCheckPage(p: { ctx: PageContext; values: Record<string, string>; errors?: FieldErrors; message?: string; answer?: ZoneAnswer }) {
  const { ctx } = p;
  const t = ctx.t;
  const a = p.answer;
  return (
    <Layout ctx={ctx} title={t('Kiểm tra khu vực bảo vệ di tích', 'Protection zone check')}>
      <h1>{t('Vị trí này có thuộc khu vực bảo vệ di tích không?', 'Is this place in a protection zone?')}</h1>
      <p class="vh-lead">
        {t(
          'Dành cho người dân và cán bộ xem xét cấp phép xây dựng: nhập tọa độ một điểm, hoặc ranh giới thửa đất. Kết quả dựa trên bản đồ khoanh vùng đã công bố; văn bản khoanh vùng gốc là căn cứ pháp lý cuối cùng.',
          'For citizens and officials reviewing building permits: enter a point, or a parcel boundary. Based on the published zone maps; the original boundary documents prevail.',
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {a && <ZoneAnswerView ctx={ctx} a={a} />}
      <h2>{t('Kiểm tra một điểm', 'Check a point')}</h2>
      <form method="get" action={hp(ctx, '/di-san/kiem-tra-vung-bao-ve')} class="vh-form" aria-label={t('Kiểm tra một điểm', 'Check a point')}>
        <TextField ctx={ctx} name="lat" label={t('Vĩ độ', 'Latitude')} hint={t('Số thập phân, ví dụ 10.776889', 'Decimal, e.g. 10.776889')} value={p.values.lat} errors={p.errors} width="half" inputMode="decimal" />
        <TextField ctx={ctx} name="lng" label={t('Kinh độ', 'Longitude')} hint={t('Số thập phân, ví dụ 106.700806', 'Decimal, e.g. 106.700806')} value={p.values.lng} errors={p.errors} width="half" inputMode="decimal" />
        <Button>{t('Kiểm tra', 'Check')}</Button>
      </form>
      <h2>{t('Kiểm tra một thửa đất', 'Check a parcel')}</h2>
      <Form ctx={ctx} action="/di-san/kiem-tra-vung-bao-ve" label={t('Kiểm tra một thửa đất', 'Check a parcel')}>
        <TextArea
          ctx={ctx}
          name="parcel"
          label={t('Ranh giới thửa đất', 'Parcel boundary')}
          hint={t('Dán GeoJSON (Polygon), hoặc mỗi dòng một đỉnh "vĩ độ, kinh độ".', 'Paste GeoJSON (Polygon), or one "latitude, longitude" vertex per line.')}
          value={p.values.parcel}
          errors={p.errors}
          rows={6}
        />
        <Button variant="secondary">{t('Kiểm tra thửa đất', 'Check the parcel')}</Button>
      </Form>
      <p class="vh-hint">
        {t('Cũng có qua API:', 'Also through the API:')} <code>GET /api/v1/heritage/zones/check?lat=…&amp;lng=…</code>, <code>POST /api/v1/heritage/zones/check</code> (GeoJSON).
      </p>
    </Layout>
  );
}

function ZoneAnswerView(p: { ctx: PageContext; a: ZoneAnswer }) {
  const { ctx, a } = p;
  const t = ctx.t;
  const en = ctx.lang === 'en';
  const where = a.query.parcel ? t('Thửa đất', 'The parcel') : t(`Điểm (${a.query.lat}, ${a.query.lng})`, `The point (${a.query.lat}, ${a.query.lng})`);
  return (
    <section class="vh-card" aria-labelledby="h-ket-qua" role="status">
      <h2 id="h-ket-qua">{t('Kết quả', 'Result')}</h2>
      {a.matches.length === 0 ? (
        <>
          <p>
            <strong>
              {where} {t('không thuộc khu vực bảo vệ của di tích nào đã được khoanh vùng.', 'is not inside any mapped protection zone.')}
            </strong>
          </p>
          {a.outside && (
            <p>
              {en ? a.outside.textEn : a.outside.text} <span class="vh-hint">({t('Căn cứ', 'Basis')}: {a.outside.legalBasis})</span>
            </p>
          )}
        </>
      ) : (
        <ul>
          {a.matches.map((m) => (
            <li key={`${m.relic.id}-${m.zone}`}>
              <p>
                <strong>
                  {where}{' '}
                  {a.query.parcel && m.relation === 'overlaps' ? t('có một phần nằm trong', 'partly lies in') : t('nằm trong', 'lies in')} {en ? m.rule.labelEn : m.rule.label}
                </strong>{' '}
                {t('của di tích', 'of')} <a href={m.relic.url}>{m.relic.name}</a>.
              </p>
              <p>{en ? m.rule.textEn : m.rule.text}</p>
              <p class="vh-hint">
                {t('Căn cứ', 'Legal basis')}: {m.rule.legalBasis}
                {m.rule.effectiveFrom && `, ${t('áp dụng từ', 'in force from')} ${formatDateVi(m.rule.effectiveFrom)}`}
                {!m.rule.confirmed && ` — ${t('nội dung tóm tắt, đối chiếu văn bản gốc', 'summary; check the original text')}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
