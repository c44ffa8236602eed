import type { ComponentChildren } from 'preact';
import { iiifUrl } from '../../../core/images/images.js';
import { Checkbox, SelectField, TextField } from '../../../core/web/components/form.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { formatDateVi } from '../../../core/validation.js';
import { ASSET_URLS } from '../tourism.assets.js';
import type { Occurrence } from '../tourism.events.js';
import { CATEGORIES, hoursSchema, hoursText, isOpenAt, priceText } from '../tourism.labels.js';
import type { Destination, Itinerary, Tour, TourismEvent } from '../tourism.repository.js';
import type { DestinationCategory, DestinationPhoto, TileLevel, TourDoc } from '../tourism.schema.js';
import type { VisitorsNow } from '../../devices/index.js';

const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export interface DestinationFilter {
  q?: string;
  category?: string;
  area?: string;
  openNow?: boolean;
  free?: boolean;
}

/** The public URLs of both languages for a page (hreflang pairs and the visible switch). */
export interface LangPair {
  vi: string;
  en: string;
}

/** A photo's width on the page: 800 px, or its own width when smaller. */
export const photoWidth = (ph: DestinationPhoto) => Math.min(800, ph.width);

export const destinationUrl = (code: string, lang: 'vi' | 'en') => (lang === 'en' ? `/en/travel/${code}` : `/du-lich/diem-den/${code}`);
const nameOf = (d: Destination, lang: 'vi' | 'en') => (lang === 'en' && d.nameEn ? d.nameEn : d.name);
const summaryOf = (d: Destination, lang: 'vi' | 'en') => (lang === 'en' && d.summaryEn ? d.summaryEn : d.summary);

function Alternates(p: { pair: LangPair; publicUrl: string }) {
  return (
    <>
      <link rel="alternate" hrefLang="vi" href={`${p.publicUrl}${p.pair.vi}`} />
      <link rel="alternate" hrefLang="en" href={`${p.publicUrl}${p.pair.en}`} />
      <link rel="alternate" hrefLang="x-default" href={`${p.publicUrl}${p.pair.vi}`} />
    </>
  );
}

/** The visible counterpart of hreflang: a link to the same page in the other language. */
function LangLink(p: { ctx: PageContext; pair: LangPair }) {
  return p.ctx.lang === 'en' ? (
    <p class="vh-hint">
      <a href={p.pair.vi} hrefLang="vi" lang="vi">
        Xem bằng tiếng Việt
      </a>
    </p>
  ) : (
    <p class="vh-hint">
      <a href={p.pair.en} hrefLang="en" lang="en">
        Read in English
      </a>
    </p>
  );
}

export function TourismLayout(p: { ctx: PageContext; title: string; pair?: LangPair; publicUrl: string; head?: ComponentChildren; children: ComponentChildren; description?: string; image?: string; wide?: boolean }) {
  return (
    <Layout
      ctx={p.ctx}
      title={p.title}
      wide={p.wide}
      meta={{ description: p.description, image: p.image }}
      head={
        <>
          {p.pair && <Alternates pair={p.pair} publicUrl={p.publicUrl} />}
          {p.head}
        </>
      }
    >
      {p.pair && <LangLink ctx={p.ctx} pair={p.pair} />}
      {p.children}
    </Layout>
  );
}

/** A static map without JavaScript: the destinations as dots on a box around them, each a link. */
function StaticMap(p: { ctx: PageContext; points: { name: string; url: string; lat: number; lng: number }[] }) {
  if (!p.points.length) return null;
  const lats = p.points.map((x) => x.lat);
  const lngs = p.points.map((x) => x.lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const W = 600;
  const H = 360;
  const pad = 20;
  const sx = (lng: number) => pad + ((lng - minLng) / Math.max(maxLng - minLng, 1e-6)) * (W - 2 * pad);
  const sy = (lat: number) => H - pad - ((lat - minLat) / Math.max(maxLat - minLat, 1e-6)) * (H - 2 * pad);
  return (
    <svg id="du-lich-svg" viewBox={`0 0 ${W} ${H}`} width="100%" role="group" aria-labelledby="du-lich-svg-title" class="vh-map-svg">
      <title id="du-lich-svg-title">{p.ctx.t(`Sơ đồ vị trí ${p.points.length} điểm đến`, `Sketch map of ${p.points.length} destinations`)}</title>
      <rect x="0" y="0" width={W} height={H} fill="#eef5f3" stroke="#9bb" />
      {p.points.map((x) => (
        <a key={x.url} href={x.url} aria-label={x.name}>
          <circle cx={sx(x.lng).toFixed(1)} cy={sy(x.lat).toFixed(1)} r="6" fill="#00695c" stroke="#fff">
            <title>{x.name}</title>
          </circle>
        </a>
      ))}
    </svg>
  );
}

export function DestinationListPage(p: {
  ctx: PageContext;
  publicUrl: string;
  destinations: Destination[];
  filter: DestinationFilter;
  areas: { code: string; name: string }[];
  now: Date;
  tileUrl?: string;
  attribution?: string;
  pair: LangPair;
}) {
  const { ctx } = p;
  const t = ctx.t;
  const lang = ctx.lang;
  const points = p.destinations.filter((d) => d.lat !== null && d.lng !== null).map((d) => ({ name: nameOf(d, lang), url: destinationUrl(d.code, lang), lat: d.lat!, lng: d.lng! }));
  const action = lang === 'en' ? '/en/travel' : '/du-lich';
  return (
    <TourismLayout
      ctx={ctx}
      publicUrl={p.publicUrl}
      pair={p.pair}
      title={t('Du lịch', 'Travel')}
      description={t('Điểm đến, lễ hội, lịch trình và tour 360° của tỉnh.', 'Destinations, festivals, itineraries and 360° tours of the province.')}
      wide
      head={
        <>
          <link rel="stylesheet" href="/static/leaflet/leaflet.css" />
          <script src="/static/leaflet/leaflet.js" defer />
          <script src={ASSET_URLS.map} defer />
        </>
      }
    >
      <h1>{t('Du lịch', 'Travel')}</h1>
      <p class="vh-lead">{t('Điểm đến, lễ hội và tour tham quan 360° của tỉnh.', 'Destinations, festivals and 360° virtual tours of the province.')}</p>
      <ul class="vh-inline-list">
        <li>
          <a href={lang === 'en' ? '/en/travel/events' : '/du-lich/su-kien'}>{t('Sự kiện, lễ hội', 'Events and festivals')}</a>
        </li>
        <li>
          <a href={lang === 'en' ? '/en/travel/itineraries' : '/du-lich/lich-trinh'}>{t('Lịch trình gợi ý', 'Suggested itineraries')}</a>
        </li>
        <li>
          <a href={lang === 'en' ? '/en/travel/tours' : '/du-lich/tour'}>{t('Tham quan 360°', '360° tours')}</a>
        </li>
      </ul>
      <form method="get" action={action} class="vh-form" role="search" aria-label={t('Tìm điểm đến', 'Search destinations')}>
        <TextField ctx={ctx} name="q" label={t('Từ khóa', 'Keywords')} value={p.filter.q ?? ''} />
        <SelectField
          ctx={ctx}
          name="danh-muc"
          label={t('Loại điểm đến', 'Category')}
          value={p.filter.category ?? ''}
          options={[{ value: '', label: t('Tất cả', 'All') }, ...Object.entries(CATEGORIES).map(([k, v]) => ({ value: k, label: lang === 'en' ? v.en : v.vi }))]}
        />
        <SelectField ctx={ctx} name="dia-ban" label={t('Địa bàn', 'Area')} value={p.filter.area ?? ''} options={[{ value: '', label: t('Tất cả', 'All') }, ...p.areas.map((a) => ({ value: a.code, label: a.name }))]} />
        <Checkbox ctx={ctx} name="mo-cua" label={t('Đang mở cửa', 'Open now')} checked={p.filter.openNow} />
        <Checkbox ctx={ctx} name="mien-phi" label={t('Miễn phí vào cửa', 'Free entry')} checked={p.filter.free} />
        <button type="submit" class="vh-button vh-button--primary">
          {t('Lọc', 'Filter')}
        </button>
      </form>
      <h2>{t(`${p.destinations.length} điểm đến`, `${p.destinations.length} destinations`)}</h2>
      <div id="du-lich-ban-do" hidden role="region" aria-label={t('Bản đồ tương tác', 'Interactive map')} />
      <StaticMap ctx={ctx} points={points} />
      <script type="application/json" id="du-lich-map-data" dangerouslySetInnerHTML={{ __html: json({ points, tileUrl: p.tileUrl, attribution: p.attribution }) }} />
      <ul class="vh-cards">
        {p.destinations.map((d) => (
          <li key={d.code} class="vh-card">
            <h3>
              <a href={destinationUrl(d.code, lang)}>{nameOf(d, lang)}</a>
            </h3>
            <p class="vh-hint">
              {lang === 'en' ? CATEGORIES[d.category as DestinationCategory]?.en : CATEGORIES[d.category as DestinationCategory]?.vi}
              {d.adminUnitName ? ` · ${d.adminUnitName}` : ''}
              {d.openingHours.length ? ` · ${isOpenAt(d.openingHours, p.now) ? t('Đang mở cửa', 'Open now') : t('Đang đóng cửa', 'Closed now')}` : ''}
              {d.priceVnd === 0 ? ` · ${t('Miễn phí', 'Free')}` : ''}
            </p>
            <p>{summaryOf(d, lang)}</p>
          </li>
        ))}
      </ul>
    </TourismLayout>
  );
}


export function DestinationPage(p: {
  ctx: PageContext;
  publicUrl: string;
  d: Destination;
  events: Occurrence[];
  tours: Tour[];
  now: Date;
  pair: LangPair;
  visitors?: VisitorsNow;
  image?: string;
}) {
  const { ctx, d } = p;
  const t = ctx.t;
  const lang = ctx.lang;
  const cat = CATEGORIES[d.category as DestinationCategory] ?? CATEGORIES.attraction;
  const url = `${p.publicUrl}${destinationUrl(d.code, lang)}`;
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': cat.schema,
    name: nameOf(d, lang),
    description: summaryOf(d, lang),
    url,
    inLanguage: lang,
    address: { '@type': 'PostalAddress', streetAddress: d.address, addressRegion: d.adminUnitName ?? undefined, addressCountry: 'VN' },
    ...(d.lat !== null && d.lng !== null ? { geo: { '@type': 'GeoCoordinates', latitude: d.lat, longitude: d.lng } } : {}),
    ...(d.openingHours.length ? { openingHoursSpecification: hoursSchema(d.openingHours) } : {}),
    ...(d.priceVnd === 0 ? { isAccessibleForFree: true } : {}),
    ...(d.phone ? { telephone: d.phone } : {}),
    ...(p.image ? { image: `${p.publicUrl}${p.image}` } : {}),
  };
  const hours = hoursText(d.openingHours, lang);
  return (
    <TourismLayout
      ctx={ctx}
      publicUrl={p.publicUrl}
      pair={p.pair}
      title={nameOf(d, lang)}
      description={summaryOf(d, lang)}
      image={p.image}
      head={<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json(ld) }} />}
    >
      <p class="vh-hint">
        <a href={lang === 'en' ? '/en/travel' : '/du-lich'}>{t('Du lịch', 'Travel')}</a> › {lang === 'en' ? cat.en : cat.vi}
      </p>
      <h1>{nameOf(d, lang)}</h1>
      <p class="vh-lead">{summaryOf(d, lang)}</p>
      {p.visitors && (
        <section aria-labelledby="khach-hom-nay">
          <h2 id="khach-hom-nay">{t('Khách tham quan hôm nay', 'Visitors today')}</h2>
          <p>
            {t(`${p.visitors.today.toLocaleString('vi-VN')} lượt khách`, `${p.visitors.today.toLocaleString('en-GB')} visitors`)}
            {t(` · ${p.visitors.inside.toLocaleString('vi-VN')} người đang tham quan`, ` · ${p.visitors.inside.toLocaleString('en-GB')} inside now`)}
            {p.visitors.busy ? t(' · Đang đông khách', ' · Busy now') : t(' · Không đông', ' · Not busy')}
          </p>
          <p class="vh-hint">
            {t(
              `Số đếm tự động tại cổng soát vé; giờ này thường có khoảng ${p.visitors.usualThisHour.toLocaleString('vi-VN')} lượt vào.`,
              `Counted automatically at the ticket gates; this hour usually sees about ${p.visitors.usualThisHour.toLocaleString('en-GB')} entries.`,
            )}
          </p>
        </section>
      )}
      {d.photos.length > 0 && (
        <ul class="vh-cards">
          {d.photos.map((ph, i) => (
            <li key={ph.imageId} class="vh-card">
              <img class="du-lich-anh-diem-den" src={iiifUrl(ph.imageId, photoWidth(ph))} alt={ph.alt} width={photoWidth(ph)} height={Math.round((ph.height * photoWidth(ph)) / ph.width)} loading={i === 0 ? undefined : 'lazy'} />
            </li>
          ))}
        </ul>
      )}
      <dl class="vh-summary">
        <dt>{t('Địa chỉ', 'Address')}</dt>
        <dd>
          {d.address}
          {d.adminUnitName ? `, ${d.adminUnitName}` : ''}
        </dd>
        {hours.length > 0 && (
          <>
            <dt>{t('Giờ mở cửa', 'Opening hours')}</dt>
            <dd>
              {hours.join('; ')} ({isOpenAt(d.openingHours, p.now) ? t('đang mở cửa', 'open now') : t('đang đóng cửa', 'closed now')})
            </dd>
          </>
        )}
        {d.priceVnd !== null && (
          <>
            <dt>{t('Giá vé', 'Admission')}</dt>
            <dd>{priceText(d.priceVnd, lang)}</dd>
          </>
        )}
        {d.accessibility && (
          <>
            <dt>{t('Tiếp cận cho người khuyết tật', 'Accessibility')}</dt>
            <dd>{d.accessibility}</dd>
          </>
        )}
        {d.phone && (
          <>
            <dt>{t('Điện thoại', 'Phone')}</dt>
            <dd>{d.phone}</dd>
          </>
        )}
        {d.website && (
          <>
            <dt>{t('Trang web', 'Website')}</dt>
            <dd>
              <a href={d.website} rel="noopener">
                {d.website}
              </a>
            </dd>
          </>
        )}
        {d.relicCode && (
          <>
            <dt>{t('Hồ sơ di tích', 'Heritage record')}</dt>
            <dd>
              <a href={`/di-san/di-tich/${d.relicCode}`} hrefLang="vi">
                {d.relicCode}
              </a>
            </dd>
          </>
        )}
      </dl>
      {p.tours.length > 0 && (
        <section aria-labelledby="tour-360">
          <h2 id="tour-360">{t('Tham quan 360°', '360° tour')}</h2>
          <ul>
            {p.tours.map((x) => (
              <li key={x.code}>
                <a href={`/du-lich/tour/${x.code}`}>{lang === 'en' && x.titleEn ? x.titleEn : x.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.events.length > 0 && (
        <section aria-labelledby="su-kien-tai-day">
          <h2 id="su-kien-tai-day">{t('Sự kiện tại đây', 'Events here')}</h2>
          <EventList ctx={ctx} items={p.events} />
        </section>
      )}
    </TourismLayout>
  );
}

function lunarNote(e: TourismEvent, lang: 'vi' | 'en'): string {
  if (e.calendar !== 'lunar') return '';
  return lang === 'en' ? ` (day ${e.day} of lunar month ${e.month}${e.leapMonth ? ' (leap)' : ''})` : ` (ngày ${e.day} tháng ${e.month}${e.leapMonth ? ' nhuận' : ''} âm lịch)`;
}

function EventList(p: { ctx: PageContext; items: Occurrence[] }) {
  const lang = p.ctx.lang;
  return (
    <ul class="vh-cards">
      {p.items.map((o) => (
        <li key={`${o.event.code}-${o.year}`} class="vh-card">
          <h3>
            <a href={`/du-lich/su-kien/${o.event.code}`}>{lang === 'en' && o.event.nameEn ? o.event.nameEn : o.event.name}</a>
          </h3>
          <p>
            <time dateTime={o.start}>{formatDateVi(o.start)}</time>
            {o.end !== o.start && (
              <>
                {' – '}
                <time dateTime={o.end}>{formatDateVi(o.end)}</time>
              </>
            )}
            {lunarNote(o.event, lang)}
            {o.event.location ? ` · ${o.event.location}` : ''}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function EventsPage(p: { ctx: PageContext; publicUrl: string; items: Occurrence[]; pair: LangPair }) {
  const t = p.ctx.t;
  return (
    <TourismLayout ctx={p.ctx} publicUrl={p.publicUrl} pair={p.pair} title={t('Sự kiện, lễ hội', 'Events and festivals')} head={<link rel="alternate" type="text/calendar" href="/du-lich/su-kien.ics" title="iCalendar" />}>
      <h1>{t('Sự kiện, lễ hội trong năm tới', 'Events and festivals in the coming year')}</h1>
      <p>
        {t('Ngày âm lịch được quy đổi sang dương lịch cho từng năm. ', 'Lunar dates are converted to the Gregorian calendar for each year. ')}
        <a href={p.ctx.lang === 'en' ? '/du-lich/su-kien.ics?lang=en' : '/du-lich/su-kien.ics'}>{t('Thêm vào lịch của bạn (iCalendar)', 'Add to your calendar (iCalendar)')}</a>
      </p>
      <EventList ctx={p.ctx} items={p.items} />
    </TourismLayout>
  );
}

export function EventPage(p: { ctx: PageContext; publicUrl: string; e: TourismEvent; items: Occurrence[]; place?: Destination }) {
  const { ctx, e } = p;
  const t = ctx.t;
  const lang = ctx.lang;
  const name = lang === 'en' && e.nameEn ? e.nameEn : e.name;
  const next = p.items[0];
  const ld = next && {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name,
    description: lang === 'en' && e.summaryEn ? e.summaryEn : e.summary,
    startDate: next.start,
    endDate: next.end,
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    eventStatus: 'https://schema.org/EventScheduled',
    location: { '@type': 'Place', name: p.place ? nameOf(p.place, lang) : e.location, address: { '@type': 'PostalAddress', streetAddress: p.place?.address || e.location, addressCountry: 'VN' } },
    url: `${p.publicUrl}/du-lich/su-kien/${e.code}`,
    ...(e.organiser ? { organizer: { '@type': 'Organization', name: e.organiser } } : {}),
  };
  return (
    <TourismLayout ctx={ctx} publicUrl={p.publicUrl} title={name} description={e.summary} head={ld && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json(ld) }} />}>
      <p class="vh-hint">
        <a href="/du-lich/su-kien">{t('Sự kiện, lễ hội', 'Events and festivals')}</a>
      </p>
      <h1>{name}</h1>
      <p class="vh-lead">{lang === 'en' && e.summaryEn ? e.summaryEn : e.summary}</p>
      <p>
        {t('Địa điểm: ', 'Where: ')}
        {p.place ? <a href={destinationUrl(p.place.code, lang)}>{nameOf(p.place, lang)}</a> : e.location}
      </p>
      {e.organiser && (
        <p>
          {t('Đơn vị tổ chức: ', 'Organiser: ')}
          {e.organiser}
        </p>
      )}
      <h2>{t('Các năm tới', 'Coming years')}</h2>
      <EventList ctx={ctx} items={p.items} />
      <p>
        <a href={`/du-lich/su-kien/${e.code}.ics`}>{t('Tải tệp lịch (.ics)', 'Download calendar file (.ics)')}</a>
      </p>
    </TourismLayout>
  );
}

export function ItinerariesPage(p: { ctx: PageContext; publicUrl: string; items: Itinerary[]; pair: LangPair }) {
  const t = p.ctx.t;
  const lang = p.ctx.lang;
  return (
    <TourismLayout ctx={p.ctx} publicUrl={p.publicUrl} pair={p.pair} title={t('Lịch trình gợi ý', 'Suggested itineraries')}>
      <h1>{t('Lịch trình gợi ý', 'Suggested itineraries')}</h1>
      <ul class="vh-cards">
        {p.items.map((i) => (
          <li key={i.code} class="vh-card">
            <h2>
              <a href={`/du-lich/lich-trinh/${i.code}`}>{lang === 'en' && i.nameEn ? i.nameEn : i.name}</a>
            </h2>
            <p>
              {t(`${i.days} ngày`, `${i.days} day(s)`)} · {lang === 'en' && i.summaryEn ? i.summaryEn : i.summary}
            </p>
          </li>
        ))}
      </ul>
    </TourismLayout>
  );
}

export function ItineraryPage(p: { ctx: PageContext; publicUrl: string; i: Itinerary; places: Map<string, Destination> }) {
  const { ctx, i } = p;
  const t = ctx.t;
  const lang = ctx.lang;
  const days = [...new Set(i.stops.map((s) => s.day))].sort((a, b) => a - b);
  const points = i.stops.map((s) => p.places.get(s.destinationCode)).filter((d): d is Destination => !!d && d.lat !== null && d.lng !== null).map((d) => ({ name: nameOf(d, lang), url: destinationUrl(d.code, lang), lat: d.lat!, lng: d.lng! }));
  return (
    <TourismLayout ctx={ctx} publicUrl={p.publicUrl} title={lang === 'en' && i.nameEn ? i.nameEn : i.name} description={i.summary}>
      <h1>{lang === 'en' && i.nameEn ? i.nameEn : i.name}</h1>
      <p class="vh-lead">{lang === 'en' && i.summaryEn ? i.summaryEn : i.summary}</p>
      <StaticMap ctx={ctx} points={points} />
      {days.map((day) => (
        <section key={day} aria-labelledby={`ngay-${day}`}>
          <h2 id={`ngay-${day}`}>{t(`Ngày ${day}`, `Day ${day}`)}</h2>
          <ol>
            {i.stops
              .filter((s) => s.day === day)
              .map((s) => {
                const d = p.places.get(s.destinationCode);
                return <li key={s.destinationCode}>{d ? <a href={destinationUrl(d.code, lang)}>{nameOf(d, lang)}</a> : s.destinationCode}{s.note ? ` – ${s.note}` : ''}</li>;
              })}
          </ol>
        </section>
      ))}
    </TourismLayout>
  );
}

export function ToursPage(p: { ctx: PageContext; publicUrl: string; tours: Tour[]; pair: LangPair }) {
  const t = p.ctx.t;
  return (
    <TourismLayout ctx={p.ctx} publicUrl={p.publicUrl} pair={p.pair} title={t('Tham quan 360°', '360° tours')}>
      <h1>{t('Tham quan 360°', '360° virtual tours')}</h1>
      <ul class="vh-cards">
        {p.tours.map((x) => (
          <li key={x.code} class="vh-card">
            <h2>
              <a href={`/du-lich/tour/${x.code}`}>{p.ctx.lang === 'en' && x.titleEn ? x.titleEn : x.title}</a>
            </h2>
            <p>{x.summary}</p>
          </li>
        ))}
      </ul>
    </TourismLayout>
  );
}

export interface ViewerScene {
  id: string;
  title: string;
  preview: string;
  tiles: string;
  levels: TileLevel[];
  initial: { yaw: number; pitch: number };
  hotspots: { id: string; kind: string; yaw: number; pitch: number; title: string; text?: string; target?: string; html: string }[];
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function viewerScenes(doc: TourDoc, levels: Map<string, TileLevel[]>): ViewerScene[] {
  return doc.scenes.map((s) => ({
    id: s.id,
    title: s.title,
    preview: `/du-lich/anh-360/${s.panoramaId}/xem-truoc.jpg`,
    tiles: `/du-lich/anh-360/${s.panoramaId}/o`,
    levels: levels.get(s.panoramaId) ?? [],
    initial: s.initial,
    hotspots: s.hotspots.map((h) => ({ ...h, html: `<strong>${esc(h.title)}</strong>${h.text ? `<p>${esc(h.text)}</p>` : ''}` })),
  }));
}

/**
 * The tour page. Without JavaScript: the current scene's preview, the scene list and the text of
 * every hotspot (nothing lives only inside the canvas). With it, the viewer replaces the preview.
 */
export function TourPage(p: { ctx: PageContext; publicUrl: string; tour: Tour; doc: TourDoc; scenes: ViewerScene[]; current: string; destinations: Map<string, Destination> }) {
  const { ctx, tour, doc } = p;
  const t = ctx.t;
  const lang = ctx.lang;
  const scene = doc.scenes.find((s) => s.id === p.current) ?? doc.scenes[0]!;
  const titleOf = (id: string) => doc.scenes.find((s) => s.id === id)?.title ?? id;
  const cfg = { scenes: p.scenes, current: scene.id, lang: lang === 'en' ? {} : { zoom: 'Thu phóng', zoomOut: 'Thu nhỏ', zoomIn: 'Phóng to', moveUp: 'Lên', moveDown: 'Xuống', moveLeft: 'Trái', moveRight: 'Phải', fullscreen: 'Toàn màn hình', loadError: 'Không tải được ảnh' }, nowShowing: t('Đang xem:', 'Now showing:') };
  const title = lang === 'en' && tour.titleEn ? tour.titleEn : tour.title;
  return (
    <TourismLayout
      ctx={ctx}
      publicUrl={p.publicUrl}
      title={title}
      description={tour.summary}
      image={`/du-lich/anh-360/${scene.panoramaId}/xem-truoc.jpg`}
      wide
      head={
        <>
          <link rel="stylesheet" href={ASSET_URLS.psvCss} />
          <link rel="stylesheet" href={ASSET_URLS.css} />
          <link rel="modulepreload" href="/static/du-lich/vendor/three.core.min.js" />
          <script type="module" src={ASSET_URLS.viewer} />
        </>
      }
    >
      <p class="vh-hint">
        <a href="/du-lich/tour">{t('Tham quan 360°', '360° tours')}</a>
      </p>
      <h1>{title}</h1>
      {tour.summary && <p class="vh-lead">{tour.summary}</p>}
      <p id="tour-status" role="status" aria-live="polite">
        {t('Đang xem:', 'Now showing:')} {scene.title}
      </p>
      <div id="tour-viewer" hidden data-scene={scene.id} role="application" aria-label={t('Ảnh 360°: dùng phím mũi tên để xoay, + và − để thu phóng', '360° image: arrow keys to look around, + and − to zoom')} />
      <figure id="tour-preview">
        <img class="du-lich-tour-anh" src={`/du-lich/anh-360/${scene.panoramaId}/xem-truoc.jpg`} alt={t(`Ảnh toàn cảnh 360° trải phẳng: ${scene.title}`, `Flattened 360° panorama: ${scene.title}`)} width="1024" height="512" />
        <figcaption>{scene.title}</figcaption>
      </figure>
      <script type="application/json" id="tour-data" dangerouslySetInnerHTML={{ __html: json(cfg) }} />
      <div class="vh-grid-2">
        <nav aria-labelledby="ds-canh" class="du-lich-canh">
          <h2 id="ds-canh">{t('Danh sách cảnh', 'Scenes')}</h2>
          <ol>
            {doc.scenes.map((s) => (
              <li key={s.id} data-scene-item={s.id} aria-current={s.id === scene.id ? 'true' : undefined}>
                <a href={`?canh=${s.id}`} data-go-scene={s.id}>
                  {s.title}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <section aria-labelledby="diem-nong">
          <h2 id="diem-nong">{t('Trong cảnh này', 'In this scene')}</h2>
          {doc.scenes.map((s) => (
            <div key={s.id} id={`canh-${s.id}`} hidden={s.id !== scene.id ? undefined : undefined}>
              <h3>{s.title}</h3>
              {s.hotspots.length === 0 ? (
                <p>{t('Cảnh này chưa có điểm thông tin.', 'No hotspots in this scene.')}</p>
              ) : (
                <ul>
                  {s.hotspots.map((h) => (
                    <li key={h.id}>
                      {h.kind === 'scene' && h.target ? (
                        <a href={`?canh=${h.target}`} data-go-scene={h.target}>
                          → {h.title} ({t('sang cảnh', 'go to')} {titleOf(h.target)})
                        </a>
                      ) : h.kind === 'destination' && h.target ? (
                        <a href={destinationUrl(h.target, lang)}>
                          {h.title}
                          {p.destinations.get(h.target) ? ` (${nameOf(p.destinations.get(h.target)!, lang)})` : ''}
                        </a>
                      ) : (
                        <strong>{h.title}</strong>
                      )}
                      {h.text && <p>{h.text}</p>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </section>
      </div>
    </TourismLayout>
  );
}
