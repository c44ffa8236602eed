import type { FieldErrors } from '../../../core/errors.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { PROFILE_SECTIONS, STATUS_VI } from '../heritage.commands.js';
import { ruleLabel } from '../heritage.queries.js';
import type { Media, RankingDecision, Relic, Rule, Zone } from '../heritage.repository.js';
import { CONSERVATION } from '../heritage.schema.js';
import { DecisionTable, ZoneSvg } from './heritage-public.js';

const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
const STATUS_EN: Record<string, string> = { draft: 'Draft', review: 'Awaiting approval', published: 'Published', withdrawn: 'Withdrawn' };
const CONSERVATION_LABELS: Record<string, { vi: string; en: string }> = {
  good: { vi: 'Còn tốt', en: 'Good' },
  degraded: { vi: 'Xuống cấp', en: 'Degraded' },
  severe: { vi: 'Xuống cấp nghiêm trọng', en: 'Severely degraded' },
  restored: { vi: 'Đã tu bổ, phục hồi', en: 'Restored' },
};

function StatusTag(p: { ctx: PageContext; s: string }) {
  const cls = p.s === 'published' ? 'vh-tag vh-tag--ok' : 'vh-tag';
  return <span class={cls}>{p.ctx.t(STATUS_VI[p.s] ?? p.s, STATUS_EN[p.s] ?? p.s)}</span>;
}

export function RegisterPage(p: { ctx: PageContext; rules: Rule[]; relics: Relic[]; q: string; status: string }) {
  const { ctx, rules } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Sổ đăng ký di tích', 'Relic register')} wide>
      <h1>{t('Sổ đăng ký di tích', 'Relic register')}</h1>
      <p>
        <a class="vh-button vh-button--primary" href="/quan-tri/di-san/moi">
          {t('Thêm di tích', 'Add a relic')}
        </a>{' '}
        <a href="/api/v1/heritage/relics.xlsx?tat-ca=1">{t('Xuất sổ đăng ký (XLSX)', 'Export the register (XLSX)')}</a>
      </p>
      <form method="get" action="/quan-tri/di-san" class="vh-filters" aria-label={t('Tìm trong sổ', 'Search the register')}>
        <div class="vh-field">
          <label class="vh-label" for="f-q">
            {t('Tên hoặc mã', 'Name or code')}
          </label>
          <input id="f-q" name="q" class="vh-input vh-input--half" value={p.q} />
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-trang-thai">
            {t('Trạng thái', 'Status')}
          </label>
          <select id="f-trang-thai" name="trang-thai" class="vh-select">
            <option value="">{t('Tất cả', 'All')}</option>
            {Object.keys(STATUS_VI).map((s) => (
              <option key={s} value={s} selected={p.status === s}>
                {t(STATUS_VI[s]!, STATUS_EN[s]!)}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t('Tìm', 'Search')}</Button>
      </form>
      <DataTable
        ctx={ctx}
        caption={t('Các di tích trong sổ', 'Relics in the register')}
        rows={p.relics}
        rowKey={(r) => r.id}
        empty={t('Chưa có di tích nào.', 'No relic yet.')}
        columns={[
          { header: t('Mã', 'Code'), cell: (r) => r.code },
          { header: t('Tên di tích', 'Name'), rowHeader: true, cell: (r) => <a href={`/quan-tri/di-san/${r.id}`}>{r.name}</a> },
          { header: t('Loại hình', 'Type'), cell: (r) => ruleLabel(rules, 'relic_type', r.relicType, ctx.lang) },
          { header: t('Cấp', 'Level'), cell: (r) => ruleLabel(rules, 'level', r.level, ctx.lang) },
          { header: t('Trạng thái', 'Status'), cell: (r) => <StatusTag ctx={ctx} s={r.status} /> },
        ]}
      />
    </Layout>
  );
}

export function RelicFields(p: { ctx: PageContext; rules: Rule[]; values: Record<string, string>; errors?: FieldErrors; units: { code: string; name: string }[] }) {
  const { ctx, rules, values: v, errors } = p;
  const t = ctx.t;
  return (
    <>
      <TextField ctx={ctx} name="name" label={t('Tên di tích', 'Name')} value={v.name} errors={errors} />
      <TextField ctx={ctx} name="otherNames" label={t('Tên gọi khác (không bắt buộc)', 'Other names (optional)')} hint={t('Cách nhau bằng dấu chấm phẩy.', 'Separated by semicolons.')} value={v.otherNames} errors={errors} />
      <SelectField
        ctx={ctx}
        name="relicType"
        label={t('Loại hình di tích', 'Type')}
        value={v.relicType}
        errors={errors}
        options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...rules.filter((r) => r.kind === 'relic_type').map((r) => ({ value: r.key, label: ctx.lang === 'en' ? r.labelEn : r.label }))]}
      />
      <TextField ctx={ctx} name="address" label={t('Địa chỉ (số nhà, thôn, ấp)', 'Address')} value={v.address} errors={errors} />
      <SelectField
        ctx={ctx}
        name="adminUnitCode"
        label={t('Xã, phường, đặc khu (đơn vị hành chính hiện hành)', 'Commune or ward (current)')}
        hint={t('Từ 01/07/2025 theo đơn vị hành chính sau sắp xếp; đơn vị cũ được hiện kèm trên trang di tích.', 'Units in force since 1 July 2025; former units are shown on the relic page.')}
        value={v.adminUnitCode}
        errors={errors}
        options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...p.units.map((u) => ({ value: u.code, label: u.name }))]}
      />
      <TextField ctx={ctx} name="lat" label={t('Vĩ độ (WGS 84)', 'Latitude (WGS 84)')} hint={t('Ví dụ 10.776889', 'e.g. 10.776889')} value={v.lat} errors={errors} width="half" inputMode="decimal" />
      <TextField ctx={ctx} name="lng" label={t('Kinh độ (WGS 84)', 'Longitude (WGS 84)')} hint={t('Ví dụ 106.700806', 'e.g. 106.700806')} value={v.lng} errors={errors} width="half" inputMode="decimal" />
      <TextField ctx={ctx} name="manager" label={t('Chủ sở hữu, đơn vị quản lý', 'Owner or manager')} value={v.manager} errors={errors} />
      <SelectField
        ctx={ctx}
        name="conservation"
        label={t('Tình trạng bảo quản', 'Conservation status')}
        value={v.conservation ?? 'good'}
        errors={errors}
        options={CONSERVATION.map((c) => ({ value: c, label: t(CONSERVATION_LABELS[c]!.vi, CONSERVATION_LABELS[c]!.en) }))}
      />
      <TextArea ctx={ctx} name="summary" label={t('Giới thiệu tóm tắt (hiện trên trang công khai)', 'Short description (public)')} value={v.summary} errors={errors} rows={3} />
      <TextField
        ctx={ctx}
        name="ministryOpinion"
        label={t('Văn bản ý kiến của Bộ (với di tích quốc gia đặc biệt)', "The Ministry's written opinion (special national relics)")}
        hint={t('Số, ngày văn bản; cần có trước khi công bố hồ sơ số hóa (Nghị định 308/2025).', 'Number and date; required before the files go online (Decree 308/2025).')}
        value={v.ministryOpinion}
        errors={errors}
      />
      <details>
        <summary>{t('Lý lịch di tích (các mục của biểu mẫu)', 'Relic profile (sections of the form)')}</summary>
        {PROFILE_SECTIONS.map((s) => (
          <TextArea key={s.key} ctx={ctx} name={`profile.${s.key}`} label={t(s.vi, s.en)} value={v[`profile.${s.key}`]} errors={errors} rows={3} />
        ))}
      </details>
    </>
  );
}

export function NewRelicPage(p: { ctx: PageContext; rules: Rule[]; values: Record<string, string>; errors?: FieldErrors; message?: string; units: { code: string; name: string }[] }) {
  const t = p.ctx.t;
  return (
    <Layout ctx={p.ctx} title={t('Thêm di tích', 'Add a relic')}>
      <p>
        <a href="/quan-tri/di-san">{t('Sổ đăng ký di tích', 'Relic register')}</a>
      </p>
      <h1>{t('Thêm di tích vào sổ đăng ký', 'Add a relic to the register')}</h1>
      <ErrorSummary ctx={p.ctx} errors={p.errors} message={p.message} />
      <Form ctx={p.ctx} action="/quan-tri/di-san/moi">
        <RelicFields ctx={p.ctx} rules={p.rules} values={p.values} errors={p.errors} units={p.units} />
        <Button>{t('Lưu di tích', 'Save the relic')}</Button>
      </Form>
    </Layout>
  );
}

export function relicValues(r: Relic): Record<string, string> {
  const v: Record<string, string> = {
    name: r.name,
    otherNames: r.otherNames.join('; '),
    relicType: r.relicType,
    address: r.address,
    adminUnitCode: r.adminUnitCode ?? '',
    lat: r.lat === null ? '' : String(r.lat),
    lng: r.lng === null ? '' : String(r.lng),
    manager: r.manager,
    conservation: r.conservation,
    summary: r.summary,
    ministryOpinion: r.ministryOpinion ?? '',
  };
  for (const s of PROFILE_SECTIONS) v[`profile.${s.key}`] = r.profile[s.key] ?? '';
  return v;
}

/** Zones as the typed "lat, lng" lines of the form when they are simple polygons; GeoJSON otherwise. */
export function zoneText(z: Zone | undefined): string {
  if (!z) return '';
  const g = z.geometry;
  if (g.type === 'Polygon' && g.coordinates.length === 1) {
    const ring = g.coordinates[0]!;
    return ring
      .slice(0, -1)
      .map((p) => `${p[1]}, ${p[0]}`)
      .join('\n');
  }
  return JSON.stringify(g);
}

export type AdminForm = 'relic' | 'zones' | 'decision' | 'media' | 'status';

export function RelicAdminPage(p: {
  ctx: PageContext;
  rules: Rule[];
  relic: Relic;
  decisions: RankingDecision[];
  zones: Zone[];
  media: Media[];
  units: { code: string; name: string }[];
  canApprove: boolean;
  form?: AdminForm;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  tileUrl?: string;
  attribution?: string;
}) {
  const { ctx, relic: r, rules } = p;
  const t = ctx.t;
  const err = (f: AdminForm) => (p.form === f ? p.errors : undefined);
  const vals = (f: AdminForm, d: Record<string, string>) => (p.form === f && p.values ? p.values : d);
  const zI = p.zones.find((z) => z.zone === 'I');
  const zII = p.zones.find((z) => z.zone === 'II');
  const zoneVals = vals('zones', { zoneI: zoneText(zI), zoneII: zoneText(zII) });
  const decisionVals = vals('decision', { action: r.level ? 'rerank' : 'rank' });
  const mediaVals = vals('media', { kind: 'photo' });
  const editor = { tileUrl: p.tileUrl ?? null, attribution: p.attribution ?? '', center: r.lat !== null && r.lng !== null ? [r.lat, r.lng] : null };
  const head = (
    <>
      <link rel="stylesheet" href="/static/leaflet/leaflet.css" />
      <script src="/static/leaflet/leaflet.js" defer />
      <script src="/static/heritage/ve-vung.js" defer />
    </>
  );
  return (
    <Layout ctx={ctx} title={`${r.name} — ${t('sổ đăng ký di tích', 'relic register')}`} wide head={head}>
      <p>
        <a href="/quan-tri/di-san">{t('Sổ đăng ký di tích', 'Relic register')}</a>
      </p>
      <h1>
        {r.name} <span class="vh-hint">({r.code})</span>
      </h1>
      <p>
        {t('Trạng thái', 'Status')}: <StatusTag ctx={ctx} s={r.status} /> · {t('Cấp xếp hạng hiện tại', 'Current level')}: <strong>{ruleLabel(rules, 'level', r.level, ctx.lang)}</strong> ·{' '}
        <a href={`/di-san/di-tich/${r.code}`}>{r.status === 'published' ? t('Xem trang công khai', 'Public page') : t('Xem trước trang công khai', 'Preview the public page')}</a>
      </p>
      {p.form === 'status' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      <div class="vh-actions">
        {(r.status === 'draft' || r.status === 'withdrawn') && <ActionButton ctx={ctx} action={`/quan-tri/di-san/${r.id}/gui-duyet`} label={t('Gửi duyệt đăng', 'Submit for approval')} variant="primary" />}
        {r.status === 'review' && p.canApprove && <ActionButton ctx={ctx} action={`/quan-tri/di-san/${r.id}/cong-bo`} label={t('Duyệt và công bố', 'Approve and publish')} variant="primary" />}
        {r.status === 'review' && !p.canApprove && <span class="vh-hint">{t('Đang chờ lãnh đạo duyệt đăng (Nghị định 308/2025).', 'Awaiting approval (Decree 308/2025).')}</span>}
        {(r.status === 'published' || r.status === 'review') && p.canApprove && <ActionButton ctx={ctx} action={`/quan-tri/di-san/${r.id}/go`} label={t('Gỡ khỏi trang công khai', 'Take offline')} variant="warning" />}
      </div>

      <h2 id="vung">{t('Khu vực bảo vệ I và II', 'Protection zones I and II')}</h2>
      {p.zones.length > 0 && <ZoneSvg zones={p.zones.map((z) => ({ zone: z.zone, geometry: z.geometry }))} label={t('Sơ đồ khu vực bảo vệ hiện lưu', 'The zones as saved')} height={240} />}
      {p.form === 'zones' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      <script type="application/json" id="heritage-editor-data" dangerouslySetInnerHTML={{ __html: json(editor) }} />
      <div id="ve-vung-cong-cu" hidden>
        <label class="vh-label" for="ve-vung-chon">
          {t('Bấm lên bản đồ để thêm đỉnh vào', 'Click the map to add a vertex to')}
        </label>
        <select id="ve-vung-chon" class="vh-select">
          <option value="zoneI">{t('Khu vực I (đỏ)', 'Zone I (red)')}</option>
          <option value="zoneII">{t('Khu vực II (xanh)', 'Zone II (blue)')}</option>
        </select>{' '}
        <button type="button" id="ve-vung-xoa-dinh" class="vh-button vh-button--secondary vh-button--small">
          {t('Bỏ đỉnh vừa thêm', 'Remove the last vertex')}
        </button>
      </div>
      <div id="ve-vung" hidden style="height:420px;margin:1rem 0" role="region" aria-label={t('Bản đồ vẽ khu vực bảo vệ', 'Map to draw the zones')} />
      <Form ctx={ctx} action={`/quan-tri/di-san/${r.id}/vung`} label={t('Khu vực bảo vệ', 'Protection zones')}>
        <TextArea
          ctx={ctx}
          name="zoneI"
          label={t('Khu vực I (màu đỏ)', 'Zone I (red)')}
          hint={t('Mỗi dòng một đỉnh "vĩ độ, kinh độ" theo thứ tự quanh ranh giới (không cần lặp lại đỉnh đầu); hoặc dán GeoJSON/KML. Để trống để xóa.', 'One "latitude, longitude" vertex per line around the boundary; or paste GeoJSON/KML. Empty to remove.')}
          value={zoneVals.zoneI}
          errors={err('zones')}
          rows={6}
        />
        <TextArea ctx={ctx} name="zoneII" label={t('Khu vực II (màu xanh)', 'Zone II (blue)')} hint={t('Bao quanh khu vực I. Cùng cách nhập.', 'Surrounds zone I. Same input.')} value={zoneVals.zoneII} errors={err('zones')} rows={6} />
        <Button>{t('Lưu khu vực bảo vệ', 'Save the zones')}</Button>
      </Form>
      <Form ctx={ctx} action={`/quan-tri/di-san/${r.id}/vung/tep?_csrf=${encodeURIComponent(ctx.csrf)}`} multipart label={t('Tải tệp khu vực bảo vệ', 'Upload a zone file')}>
        <div class="vh-field">
          <label class="vh-label" for="f-zoneFile">
            {t('Hoặc tải tệp GeoJSON/KML của một khu vực', 'Or upload a GeoJSON/KML file of one zone')}
          </label>
          <input id="f-zoneFile" name="file" type="file" accept=".geojson,.json,.kml,application/geo+json,application/vnd.google-earth.kml+xml" class="vh-input" />
        </div>
        <SelectField
          ctx={ctx}
          name="zone"
          label={t('Tệp là ranh giới của', 'The file is the boundary of')}
          value="I"
          options={[
            { value: 'I', label: t('Khu vực I', 'Zone I') },
            { value: 'II', label: t('Khu vực II', 'Zone II') },
          ]}
        />
        <Button variant="secondary">{t('Tải lên', 'Upload')}</Button>
      </Form>

      <h2 id="xep-hang">{t('Quyết định xếp hạng', 'Ranking decisions')}</h2>
      <DecisionTable ctx={ctx} rules={rules} decisions={p.decisions} />
      {p.form === 'decision' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      <Form ctx={ctx} action={`/quan-tri/di-san/${r.id}/quyet-dinh`} label={t('Thêm quyết định xếp hạng', 'Add a ranking decision')}>
        <SelectField
          ctx={ctx}
          name="action"
          label={t('Loại quyết định', 'Kind of decision')}
          value={decisionVals.action}
          errors={err('decision')}
          options={rules.filter((x) => x.kind === 'decision_action').map((x) => ({ value: x.key, label: ctx.lang === 'en' ? x.labelEn : x.label }))}
        />
        <SelectField
          ctx={ctx}
          name="level"
          label={t('Cấp xếp hạng', 'Level')}
          hint={t('Không cần chọn khi hủy bỏ xếp hạng.', 'Not needed for delisting.')}
          value={decisionVals.level}
          errors={err('decision')}
          options={[{ value: '', label: '—' }, ...rules.filter((x) => x.kind === 'level').map((x) => ({ value: x.key, label: ctx.lang === 'en' ? x.labelEn : x.label }))]}
        />
        <TextField ctx={ctx} name="number" label={t('Số quyết định', 'Decision number')} hint={t('Ví dụ 1234/QĐ-UBND', 'e.g. 1234/QĐ-UBND')} value={decisionVals.number} errors={err('decision')} width="half" />
        <TextField ctx={ctx} name="decidedOn" label={t('Ngày quyết định', 'Date')} hint={t('Ngày/tháng/năm, ví dụ 15/03/2024', 'dd/mm/yyyy')} value={decisionVals.decidedOn} errors={err('decision')} width="half" />
        <TextField ctx={ctx} name="issuer" label={t('Cơ quan, người ban hành', 'Issuer')} hint={t('Ví dụ: Chủ tịch UBND tỉnh', "e.g. Chair of the provincial People's Committee")} value={decisionVals.issuer} errors={err('decision')} />
        <TextArea ctx={ctx} name="note" label={t('Ghi chú (không bắt buộc)', 'Note (optional)')} value={decisionVals.note} errors={err('decision')} rows={2} />
        <Button>{t('Ghi quyết định', 'Record the decision')}</Button>
      </Form>

      <h2 id="tai-lieu">{t('Ảnh và tài liệu', 'Photos and documents')}</h2>
      {p.media.length > 0 && (
        <ul>
          {p.media.map((m) => (
            <li key={m.id}>
              {m.imageId ? <a href={`/iiif/3/${m.imageId}/full/max/0/default.jpg`}>{m.title}</a> : <a href={`/di-san/tai-lieu/${m.id}`}>{m.title}</a>} <span class="vh-hint">({m.kind})</span>
            </li>
          ))}
        </ul>
      )}
      {p.form === 'media' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      <Form ctx={ctx} action={`/quan-tri/di-san/${r.id}/tai-lieu?_csrf=${encodeURIComponent(ctx.csrf)}`} multipart label={t('Thêm ảnh hoặc tài liệu', 'Add a photo or document')}>
        <SelectField
          ctx={ctx}
          name="kind"
          label={t('Loại', 'Kind')}
          value={mediaVals.kind}
          errors={err('media')}
          options={[
            { value: 'photo', label: t('Ảnh màu (JPEG, PNG, WebP)', 'Colour photo') },
            { value: 'decision', label: t('Quyết định xếp hạng (PDF)', 'Ranking decision (PDF)') },
            { value: 'boundary_minutes', label: t('Biên bản khoanh vùng (PDF)', 'Boundary minutes (PDF)') },
            { value: 'map', label: t('Bản đồ khoanh vùng (PDF, ảnh)', 'Zone map (PDF, image)') },
            { value: 'other', label: t('Tài liệu khác', 'Other') },
          ]}
        />
        <TextField ctx={ctx} name="title" label={t('Tên tài liệu hoặc mô tả ảnh', 'Title or photo description')} hint={t('Với ảnh: mô tả nội dung ảnh cho người khiếm thị.', 'For photos: describe the picture for blind readers.')} value={mediaVals.title} errors={err('media')} />
        <div class="vh-field">
          <label class="vh-label" for="f-file">
            {t('Tệp', 'File')}
          </label>
          {err('media')?.file && (
            <p id="e-file" class="vh-error">
              {ctx.lang === 'en' ? err('media')!.file!.en : err('media')!.file!.vi}
            </p>
          )}
          <input id="f-file" name="file" type="file" class="vh-input" aria-describedby={err('media')?.file ? 'e-file' : undefined} />
        </div>
        <Button variant="secondary">{t('Tải lên', 'Upload')}</Button>
      </Form>

      <h2 id="thong-tin">{t('Thông tin di tích', 'Relic details')}</h2>
      {p.form === 'relic' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      <Form ctx={ctx} action={`/quan-tri/di-san/${r.id}`} label={t('Sửa thông tin di tích', 'Edit the relic')}>
        <input type="hidden" name="version" value={String(r.version)} />
        <RelicFields ctx={ctx} rules={rules} values={vals('relic', relicValues(r))} errors={err('relic')} units={p.units} />
        <Button>{t('Lưu thay đổi', 'Save changes')}</Button>
      </Form>
    </Layout>
  );
}
