import { iiifUrl } from '../../../core/images/images.js';
import type { FieldErrors } from '../../../core/errors.js';
import { ActionButton, Button, Checkbox, ErrorSummary, Form, Radios, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { formatDateVi } from '../../../core/validation.js';
import { ASSET_URLS } from '../tourism.assets.js';
import { CATEGORIES, EVENT_KINDS, hoursToText } from '../tourism.labels.js';
import type { Destination, Tour, TourismEvent } from '../tourism.repository.js';
import type { DestinationCategory } from '../tourism.schema.js';

const BASE = '/quan-tri/du-lich';

function Crumbs(p: { ctx: PageContext; links: [string, string][] }) {
  return (
    <p class="vh-hint">
      <a href={BASE}>{p.ctx.t('Quản lý du lịch', 'Tourism')}</a>
      {p.links.map(([href, label]) => (
        <span key={href}>
          {' › '}
          <a href={href}>{label}</a>
        </span>
      ))}
    </p>
  );
}

const status = (ctx: PageContext, published: boolean) => (published ? ctx.t('Đang công khai', 'Public') : ctx.t('Chưa công khai', 'Not public'));

export function DestinationsStaffPage(p: { ctx: PageContext; rows: Destination[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Điểm đến du lịch', 'Destinations')} wide>
      <Crumbs ctx={ctx} links={[]} />
      <h1>{t('Điểm đến du lịch', 'Destinations')}</h1>
      <p>
        <a class="vh-button vh-button--primary" href={`${BASE}/diem-den/moi`}>
          {t('Thêm điểm đến', 'Add a destination')}
        </a>
      </p>
      <table class="vh-table">
        <caption class="vh-visually-hidden">{t('Danh sách điểm đến', 'Destinations')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Mã', 'Code')}</th>
            <th scope="col">{t('Tên', 'Name')}</th>
            <th scope="col">{t('Loại', 'Category')}</th>
            <th scope="col">{t('Địa bàn', 'Area')}</th>
            <th scope="col">{t('Trạng thái', 'Status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((d) => (
            <tr key={d.code}>
              <td>{d.code}</td>
              <td>
                <a href={`${BASE}/diem-den/${d.code}`}>{d.name}</a>
              </td>
              <td>{ctx.lang === 'en' ? CATEGORIES[d.category as DestinationCategory]?.en : CATEGORIES[d.category as DestinationCategory]?.vi}</td>
              <td>{d.adminUnitName ?? ''}</td>
              <td>{status(ctx, d.published)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** The form's values as strings: from the row when it opens, from the request when refused. */
export function destinationValues(d: Destination, tours: Tour[]): Record<string, string | string[]> {
  return {
    code: d.code,
    name: d.name,
    nameEn: d.nameEn,
    category: d.category,
    summary: d.summary,
    summaryEn: d.summaryEn,
    address: d.address,
    adminUnitCode: d.adminUnitCode ?? '',
    lat: d.lat === null ? '' : String(d.lat),
    lng: d.lng === null ? '' : String(d.lng),
    hours: hoursToText(d.openingHours),
    price: d.priceVnd === null ? '' : String(d.priceVnd),
    accessibility: d.accessibility,
    phone: d.phone,
    website: d.website,
    tours: tours.filter((x) => x.destinationCode === d.code).map((x) => x.code),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function DestinationFormPage(p: {
  ctx: PageContext;
  d?: Destination;
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
  message?: string;
  photoErrors?: FieldErrors;
  photoMessage?: string;
  units: { code: string; name: string }[];
  tours: Tour[];
  tileUrl?: string;
  attribution?: string;
}) {
  const { ctx, d } = p;
  const t = ctx.t;
  const v = (k: string) => {
    const x = p.values[k];
    return Array.isArray(x) ? (x[x.length - 1] ?? '') : (x ?? '');
  };
  const ticked = new Set(Array.isArray(p.values.tours) ? p.values.tours : p.values.tours ? [p.values.tours] : []);
  const title = d ? `${t('Sửa điểm đến', 'Edit destination')} ${d.name}` : t('Thêm điểm đến', 'Add a destination');
  const action = d ? `${BASE}/diem-den/${d.code}` : `${BASE}/diem-den`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      head={
        <>
          <link rel="stylesheet" href="/static/leaflet/leaflet.css" />
          <link rel="stylesheet" href={ASSET_URLS.css} />
          <script src="/static/leaflet/leaflet.js" defer />
          <script src={ASSET_URLS.pick} defer />
        </>
      }
    >
      <Crumbs ctx={ctx} links={[[`${BASE}/diem-den`, t('Điểm đến', 'Destinations')]]} />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors ?? p.photoErrors} message={p.message ?? p.photoMessage} />
      {d && (
        <section aria-labelledby="trang-thai">
          <h2 id="trang-thai">{t('Trạng thái', 'Status')}</h2>
          <p>
            {d.code} · {status(ctx, d.published)}
            {d.published && (
              <>
                {' · '}
                <a href={`/du-lich/diem-den/${d.code}`}>{t('Xem trang công khai', 'Public page')}</a>
              </>
            )}
          </p>
          {d.published ? (
            <ActionButton ctx={ctx} action={`${BASE}/diem-den/${d.code}/go-cong-bo`} label={t('Ngừng công khai', 'Unpublish')} variant="warning" />
          ) : (
            <ActionButton
              ctx={ctx}
              action={`${BASE}/diem-den/${d.code}/cong-bo`}
              label={t('Công khai điểm đến', 'Publish the destination')}
              variant="primary"
            />
          )}
        </section>
      )}
      <Form ctx={ctx} action={action} label={t('Thông tin điểm đến', 'Destination details')}>
        <h2>{t('Thông tin điểm đến', 'Destination details')}</h2>
        {d ? (
          <input type="hidden" name="updatedAt" value={v('updatedAt')} />
        ) : (
          <TextField
            ctx={ctx}
            name="code"
            label={t('Mã điểm đến (không bắt buộc)', 'Code (optional)')}
            hint={t('Để trống để hệ thống tự đặt, ví dụ DD-041.', 'Leave empty for an automatic code.')}
            width="half"
            value={v('code')}
            errors={p.errors}
          />
        )}
        <TextField ctx={ctx} name="name" label={t('Tên điểm đến (tiếng Việt)', 'Name (Vietnamese)')} value={v('name')} errors={p.errors} />
        <TextField ctx={ctx} name="nameEn" label={t('Tên tiếng Anh', 'Name (English)')} value={v('nameEn')} errors={p.errors} />
        <SelectField
          ctx={ctx}
          name="category"
          label={t('Loại điểm đến', 'Category')}
          value={v('category')}
          errors={p.errors}
          options={[
            { value: '', label: t('— chọn —', '— choose —') },
            ...Object.entries(CATEGORIES).map(([k, c]) => ({ value: k, label: ctx.lang === 'en' ? c.en : c.vi })),
          ]}
        />
        <TextArea ctx={ctx} name="summary" label={t('Giới thiệu (tiếng Việt)', 'Description (Vietnamese)')} value={v('summary')} errors={p.errors} />
        <TextArea ctx={ctx} name="summaryEn" label={t('Giới thiệu tiếng Anh', 'Description (English)')} value={v('summaryEn')} errors={p.errors} />
        <TextField ctx={ctx} name="address" label={t('Địa chỉ', 'Address')} value={v('address')} errors={p.errors} />
        <SelectField
          ctx={ctx}
          name="adminUnitCode"
          label={t('Đơn vị hành chính (xã, phường)', 'Administrative unit')}
          value={v('adminUnitCode')}
          errors={p.errors}
          options={[{ value: '', label: t('— chọn —', '— choose —') }, ...p.units.map((u) => ({ value: u.code, label: u.name }))]}
        />
        <fieldset class="vh-fieldset">
          <legend class="vh-label">{t('Vị trí trên bản đồ', 'Location on the map')}</legend>
          <p class="vh-hint">{t('Nhập vĩ độ, kinh độ (số thập phân), hoặc bấm vào bản đồ để điền.', 'Type latitude and longitude, or click the map.')}</p>
          <div
            id="du-lich-chon-vi-tri"
            hidden
            role="region"
            aria-label={t('Bản đồ chọn vị trí', 'Map to pick the location')}
            data-config={JSON.stringify({ tileUrl: p.tileUrl, attribution: p.attribution })}
          />
          <TextField ctx={ctx} name="lat" label={t('Vĩ độ', 'Latitude')} inputMode="decimal" width="half" value={v('lat')} errors={p.errors} />
          <TextField ctx={ctx} name="lng" label={t('Kinh độ', 'Longitude')} inputMode="decimal" width="half" value={v('lng')} errors={p.errors} />
        </fieldset>
        <TextArea
          ctx={ctx}
          name="hours"
          rows={3}
          label={t('Giờ mở cửa', 'Opening hours')}
          hint={t(
            'Mỗi dòng một khoảng, ví dụ "T2-CN 07:30-17:00" hoặc "T7, CN 08:00-21:00" (CN là Chủ nhật). Để trống nếu không áp dụng.',
            'One period a line, e.g. "T2-CN 07:30-17:00" (T2 = Monday, CN = Sunday).',
          )}
          value={v('hours')}
          errors={p.errors}
        />
        <TextField
          ctx={ctx}
          name="price"
          label={t('Giá vé người lớn (đồng)', 'Adult ticket (VND)')}
          hint={t('0 là miễn phí vào cửa; để trống nếu không bán vé (nhà hàng, khách sạn).', '0 = free; empty = no ticket.')}
          inputMode="numeric"
          width="half"
          value={v('price')}
          errors={p.errors}
        />
        <TextArea
          ctx={ctx}
          name="accessibility"
          rows={2}
          label={t('Tiếp cận cho người khuyết tật', 'Accessibility')}
          value={v('accessibility')}
          errors={p.errors}
        />
        <TextField ctx={ctx} name="phone" label={t('Điện thoại', 'Phone')} type="tel" width="half" value={v('phone')} errors={p.errors} />
        <TextField ctx={ctx} name="website" label={t('Trang web', 'Website')} type="url" value={v('website')} errors={p.errors} />
        {p.tours.length > 0 && (
          <fieldset class="vh-fieldset">
            <legend class="vh-label">{t('Tour 360° giới thiệu điểm đến', '360° tours of this destination')}</legend>
            {p.errors?.tours && <p class="vh-error">{ctx.lang === 'en' ? p.errors.tours.en : p.errors.tours.vi}</p>}
            {p.tours.map((x, i) => (
              <div class="vh-choice" key={x.code}>
                <input type="checkbox" id={i === 0 ? 'f-tours' : `f-tours-${i}`} name="tours" value={x.code} checked={ticked.has(x.code)} />
                <label for={i === 0 ? 'f-tours' : `f-tours-${i}`}>
                  {x.title} ({x.code})
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <Button>{d ? t('Lưu thay đổi', 'Save changes') : t('Tạo điểm đến', 'Create the destination')}</Button>
      </Form>
      {d && (
        <section aria-labelledby="anh-diem-den">
          <h2 id="anh-diem-den">{t('Ảnh', 'Photos')}</h2>
          {d.photos.length === 0 ? (
            <p>{t('Chưa có ảnh.', 'No photos yet.')}</p>
          ) : (
            <ul class="vh-cards">
              {d.photos.map((ph) => (
                <li key={ph.imageId} class="vh-card">
                  <img
                    class="du-lich-anh-diem-den"
                    src={iiifUrl(ph.imageId, Math.min(320, ph.width))}
                    alt={ph.alt}
                    width={Math.min(320, ph.width)}
                    height={Math.round((ph.height * Math.min(320, ph.width)) / ph.width)}
                    loading="lazy"
                  />
                  <p>{ph.alt}</p>
                  <ActionButton
                    ctx={ctx}
                    action={`${BASE}/diem-den/${d.code}/anh/${ph.imageId}/xoa`}
                    label={t(`Gỡ ảnh ${ph.alt}`, `Remove photo ${ph.alt}`)}
                    variant="warning"
                  />
                </li>
              ))}
            </ul>
          )}
          <Form ctx={ctx} action={`${BASE}/diem-den/${d.code}/anh?_csrf=${encodeURIComponent(ctx.csrf)}`} multipart label={t('Thêm ảnh', 'Add a photo')}>
            <h3>{t('Thêm ảnh', 'Add a photo')}</h3>
            <TextField
              ctx={ctx}
              name="alt"
              label={t('Mô tả ảnh (cho người không xem được ảnh)', 'Description (text alternative)')}
              value={p.photoErrors ? v('alt') : ''}
              errors={p.photoErrors}
            />
            <div class={`vh-field${p.photoErrors?.file ? ' vh-field--error' : ''}`}>
              <label for="f-file" class="vh-label">
                {t('Tệp ảnh (JPEG, PNG, WebP; tối đa 25 MB)', 'Image file (JPEG, PNG, WebP; up to 25 MB)')}
              </label>
              {p.photoErrors?.file && (
                <p id="e-file" class="vh-error">
                  <span class="vh-visually-hidden">{t('Lỗi:', 'Error:')}</span> {ctx.lang === 'en' ? p.photoErrors.file.en : p.photoErrors.file.vi}
                </p>
              )}
              <input
                id="f-file"
                type="file"
                name="file"
                accept="image/jpeg,image/png,image/webp"
                class="vh-file"
                aria-describedby={p.photoErrors?.file ? 'e-file' : undefined}
              />
            </div>
            <Button variant="secondary">{t('Tải ảnh lên', 'Upload')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

function eventWhen(ctx: PageContext, e: TourismEvent): string {
  if (e.calendar === 'once') return `${formatDateVi(e.startDate)}${e.durationDays > 1 ? ctx.t(` (${e.durationDays} ngày)`, ` (${e.durationDays} days)`) : ''}`;
  const dm = `${String(e.day).padStart(2, '0')}/${String(e.month).padStart(2, '0')}`;
  return e.calendar === 'lunar'
    ? ctx.t(`${dm}${e.leapMonth ? ' nhuận' : ''} âm lịch hằng năm`, `${dm}${e.leapMonth ? ' leap' : ''} lunar, yearly`)
    : ctx.t(`${dm} hằng năm`, `${dm} yearly`);
}

export function EventsStaffPage(p: { ctx: PageContext; rows: TourismEvent[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Sự kiện, lễ hội', 'Events')} wide>
      <Crumbs ctx={ctx} links={[]} />
      <h1>{t('Sự kiện, lễ hội', 'Events')}</h1>
      <p>
        <a class="vh-button vh-button--primary" href={`${BASE}/su-kien/moi`}>
          {t('Thêm sự kiện', 'Add an event')}
        </a>{' '}
        <a href="/du-lich/su-kien.ics">{t('Lịch iCalendar công khai', 'Public iCalendar feed')}</a>
      </p>
      <table class="vh-table">
        <caption class="vh-visually-hidden">{t('Danh sách sự kiện', 'Events')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Mã', 'Code')}</th>
            <th scope="col">{t('Tên', 'Title')}</th>
            <th scope="col">{t('Thời gian', 'When')}</th>
            <th scope="col">{t('Trạng thái', 'Status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((e) => (
            <tr key={e.code}>
              <td>{e.code}</td>
              <td>
                <a href={`${BASE}/su-kien/${e.code}`}>{e.name}</a>
              </td>
              <td>{eventWhen(ctx, e)}</td>
              <td>{status(ctx, e.published)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function eventValues(e: TourismEvent): Record<string, string> {
  const end = e.startDate ? new Date(Date.parse(`${e.startDate}T00:00:00Z`) + (e.durationDays - 1) * 86_400_000).toISOString().slice(0, 10) : '';
  return {
    code: e.code,
    name: e.name,
    nameEn: e.nameEn,
    kind: e.kind,
    summary: e.summary,
    summaryEn: e.summaryEn,
    location: e.location,
    organiser: e.organiser,
    destinationCode: e.destinationCode ?? '',
    calendar: e.calendar,
    startDate: e.startDate ? formatDateVi(e.startDate) : '',
    endDate: end ? formatDateVi(end) : '',
    day: e.day === null ? '' : String(e.day),
    month: e.month === null ? '' : String(e.month),
    leapMonth: e.leapMonth ? 'on' : '',
    durationDays: String(e.durationDays),
    fromYear: e.fromYear === null ? '' : String(e.fromYear),
    toYear: e.toYear === null ? '' : String(e.toYear),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function EventFormPage(p: {
  ctx: PageContext;
  e?: TourismEvent;
  values: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  destinations: Destination[];
}) {
  const { ctx, e } = p;
  const t = ctx.t;
  const v = (k: string) => p.values[k] ?? '';
  const title = e ? `${t('Sửa sự kiện', 'Edit event')} ${e.name}` : t('Thêm sự kiện', 'Add an event');
  return (
    <Layout ctx={ctx} title={title}>
      <Crumbs ctx={ctx} links={[[`${BASE}/su-kien`, t('Sự kiện', 'Events')]]} />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {e && (
        <section aria-labelledby="trang-thai">
          <h2 id="trang-thai">{t('Trạng thái', 'Status')}</h2>
          <p>
            {e.code} · {status(ctx, e.published)}
            {e.published && (
              <>
                {' · '}
                <a href={`/du-lich/su-kien/${e.code}`}>{t('Xem trang công khai', 'Public page')}</a>
              </>
            )}
          </p>
          {e.published ? (
            <ActionButton ctx={ctx} action={`${BASE}/su-kien/${e.code}/go-cong-bo`} label={t('Ngừng công khai', 'Unpublish')} variant="warning" />
          ) : (
            <ActionButton ctx={ctx} action={`${BASE}/su-kien/${e.code}/cong-bo`} label={t('Công khai sự kiện', 'Publish the event')} variant="primary" />
          )}
        </section>
      )}
      <Form ctx={ctx} action={e ? `${BASE}/su-kien/${e.code}` : `${BASE}/su-kien`} label={t('Thông tin sự kiện', 'Event details')}>
        <h2>{t('Thông tin sự kiện', 'Event details')}</h2>
        {e ? (
          <input type="hidden" name="updatedAt" value={v('updatedAt')} />
        ) : (
          <TextField
            ctx={ctx}
            name="code"
            label={t('Mã sự kiện (không bắt buộc)', 'Code (optional)')}
            hint={t('Để trống để hệ thống tự đặt, ví dụ SK-001.', 'Leave empty for an automatic code.')}
            width="half"
            value={v('code')}
            errors={p.errors}
          />
        )}
        <TextField ctx={ctx} name="name" label={t('Tên sự kiện (tiếng Việt)', 'Title (Vietnamese)')} value={v('name')} errors={p.errors} />
        <TextField ctx={ctx} name="nameEn" label={t('Tên tiếng Anh', 'Title (English)')} value={v('nameEn')} errors={p.errors} />
        <SelectField
          ctx={ctx}
          name="kind"
          label={t('Loại sự kiện', 'Kind')}
          value={v('kind') || 'festival'}
          errors={p.errors}
          options={Object.entries(EVENT_KINDS).map(([k, x]) => ({ value: k, label: ctx.lang === 'en' ? x.en : x.vi }))}
        />
        <Radios
          ctx={ctx}
          name="calendar"
          legend={t('Cách tính ngày', 'How the date is set')}
          value={v('calendar')}
          errors={p.errors}
          options={[
            { value: 'once', label: t('Một lần, theo dương lịch (từ ngày … đến ngày …)', 'Once, Gregorian dates') },
            { value: 'solar', label: t('Hằng năm, cùng ngày dương lịch', 'Yearly, same Gregorian day') },
            { value: 'lunar', label: t('Hằng năm, theo ngày âm lịch (ví dụ mùng 10 tháng 3)', 'Yearly, on a lunar date') },
          ]}
        />
        <fieldset class="vh-fieldset">
          <legend class="vh-label">{t('Sự kiện một lần', 'Once')}</legend>
          <TextField
            ctx={ctx}
            name="startDate"
            label={t('Từ ngày (ngày/tháng/năm)', 'From (dd/mm/yyyy)')}
            width="half"
            value={v('startDate')}
            errors={p.errors}
          />
          <TextField
            ctx={ctx}
            name="endDate"
            label={t('Đến ngày (ngày/tháng/năm; để trống nếu một ngày)', 'To (dd/mm/yyyy; empty for one day)')}
            width="half"
            value={v('endDate')}
            errors={p.errors}
          />
        </fieldset>
        <fieldset class="vh-fieldset">
          <legend class="vh-label">{t('Sự kiện hằng năm', 'Yearly')}</legend>
          <TextField ctx={ctx} name="day" label={t('Ngày', 'Day')} inputMode="numeric" width="short" value={v('day')} errors={p.errors} />
          <TextField ctx={ctx} name="month" label={t('Tháng', 'Month')} inputMode="numeric" width="short" value={v('month')} errors={p.errors} />
          <Checkbox ctx={ctx} name="leapMonth" label={t('Tháng nhuận (chỉ với âm lịch)', 'Leap month (lunar only)')} checked={v('leapMonth') === 'on'} />
          <TextField
            ctx={ctx}
            name="durationDays"
            label={t('Số ngày diễn ra', 'Number of days')}
            inputMode="numeric"
            width="short"
            value={v('durationDays') || '1'}
            errors={p.errors}
          />
          <TextField
            ctx={ctx}
            name="fromYear"
            label={t('Từ năm (không bắt buộc)', 'First year (optional)')}
            inputMode="numeric"
            width="short"
            value={v('fromYear')}
            errors={p.errors}
          />
          <TextField
            ctx={ctx}
            name="toYear"
            label={t('Đến năm (không bắt buộc)', 'Last year (optional)')}
            inputMode="numeric"
            width="short"
            value={v('toYear')}
            errors={p.errors}
          />
        </fieldset>
        <SelectField
          ctx={ctx}
          name="destinationCode"
          label={t('Tại điểm đến', 'At destination')}
          value={v('destinationCode')}
          errors={p.errors}
          options={[{ value: '', label: t('— không —', '— none —') }, ...p.destinations.map((d) => ({ value: d.code, label: d.name }))]}
        />
        <TextField ctx={ctx} name="location" label={t('Địa điểm tổ chức', 'Place')} value={v('location')} errors={p.errors} />
        <TextField ctx={ctx} name="organiser" label={t('Đơn vị tổ chức', 'Organiser')} value={v('organiser')} errors={p.errors} />
        <TextArea ctx={ctx} name="summary" label={t('Giới thiệu (tiếng Việt)', 'Description (Vietnamese)')} value={v('summary')} errors={p.errors} />
        <TextArea ctx={ctx} name="summaryEn" label={t('Giới thiệu tiếng Anh', 'Description (English)')} value={v('summaryEn')} errors={p.errors} />
        <Button>{e ? t('Lưu thay đổi', 'Save changes') : t('Tạo sự kiện', 'Create the event')}</Button>
      </Form>
    </Layout>
  );
}
