import type { FieldErrors } from '../../../core/errors.js';
import type { AnyGeometry } from '../../../core/geo/index.js';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { formatDateVi } from '../../../core/validation.js';
import { KIND_EN, KIND_VI, letterOf, ruleLabel, viCollator } from '../naming.queries.js';
import type { Area, BankName, Batch, BatchItem, NamedObject, ObjectName, Person, Rule } from '../naming.repository.js';

const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
export const kindLabel = (ctx: PageContext, k: string) => ctx.t(KIND_VI[k] ?? k, KIND_EN[k] ?? k);

// ── Static SVG map (the page without JavaScript) ─────────────────────────────
function projector(b: { minLng: number; minLat: number; maxLng: number; maxLat: number }, w: number, h: number) {
  const sx = w / Math.max(1e-9, b.maxLng - b.minLng);
  const sy = h / Math.max(1e-9, b.maxLat - b.minLat);
  const s = Math.min(sx, sy);
  return (lng: number, lat: number): [number, number] => [Math.round((lng - b.minLng) * s * 10) / 10, Math.round((b.maxLat - lat) * s * 10) / 10];
}
function pathOf(g: AnyGeometry, proj: (lng: number, lat: number) => [number, number]): string {
  const line = (pts: [number, number][], close = false) => `M${pts.map((p) => proj(p[0], p[1]).join(' ')).join('L')}${close ? 'Z' : ''}`;
  switch (g.type) {
    case 'LineString':
      return line(g.coordinates);
    case 'MultiLineString':
      return g.coordinates.map((l) => line(l)).join('');
    case 'Polygon':
      return g.coordinates.map((r) => line(r, true)).join('');
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p.map((r) => line(r, true))).join('');
    default:
      return '';
  }
}
export function StreetSvg(p: { ctx: PageContext; area: Area; objects: NamedObject[]; focus?: string; id?: string }) {
  const w = 800;
  const h = Math.round((w * (p.area.maxLat - p.area.minLat)) / Math.max(1e-9, p.area.maxLng - p.area.minLng));
  const proj = projector(p.area, w, h);
  return (
    <svg id={p.id ?? 'ten-duong-svg'} class="vh-map-svg" viewBox={`0 0 ${w} ${h}`} width="100%" role="group" aria-label={p.ctx.t(`Sơ đồ ${p.objects.length} đường, công trình của ${p.area.name}`, `Map of ${p.objects.length} streets of ${p.area.name}`)}>
      <rect x="0" y="0" width={w} height={h} fill="#f4f1ea" />
      {p.objects.map((o) => {
        const focus = o.code === p.focus;
        const poly = o.geometry.type.includes('Polygon');
        return (
          <a key={o.code} href={`/ten-duong/${o.code}`}>
            <title>{o.currentName ?? o.code}</title>
            <path d={pathOf(o.geometry, proj)} fill={poly ? (focus ? '#f9a825' : '#a5d6a7') : 'none'} stroke={focus ? '#c62828' : poly ? '#2e7d32' : '#555'} stroke-width={focus ? 5 : 2} />
          </a>
        );
      })}
    </svg>
  );
}

// ── A–Z list, search, map ────────────────────────────────────────────────────
export function StreetsPage(p: { ctx: PageContext; rules: Rule[]; areas: Area[]; area?: Area; objects: NamedObject[]; q: string; tileUrl?: string; attribution?: string }) {
  const { ctx, rules } = p;
  const t = ctx.t;
  const sorted = [...p.objects].filter((o) => o.currentName && o.kind !== 'lane').sort((a, b) => viCollator.compare(a.currentName!, b.currentName!));
  const groups = new Map<string, NamedObject[]>();
  for (const o of sorted) {
    const l = letterOf(o.currentName!);
    groups.set(l, [...(groups.get(l) ?? []), o]);
  }
  const cfg = { url: `/api/v1/naming/objects.geojson${p.area ? `?khu=${p.area.code}` : ''}`, tileUrl: p.tileUrl ?? null, attribution: p.attribution ?? '' };
  const head = (
    <>
      <link rel="stylesheet" href="/static/leaflet/leaflet.css" />
      <script src="/static/leaflet/leaflet.js" defer />
      <script src="/static/naming/ban-do.js" defer />
    </>
  );
  return (
    <Layout ctx={ctx} title={t('Tên đường, công trình công cộng', 'Street and public-works names')} wide head={head} meta={{ description: t('Ý nghĩa tên đường, quảng trường, công viên, cầu của tỉnh.', 'What the names of the streets, squares, parks and bridges mean.') }}>
      <h1>{t('Tên đường, công trình công cộng', 'Street and public-works names')}</h1>
      <p class="vh-lead">{t('Mỗi tên đường có trang giải thích ý nghĩa, tiểu sử danh nhân và nghị quyết đặt tên; mã QR trên biển tên đường mở trang này.', 'Each name has a page with its meaning, the biography and the resolution that gave it; the QR code on the street sign opens it.')}</p>
      <form method="get" action="/ten-duong" class="vh-filters" aria-label={t('Tìm tên đường', 'Search street names')}>
        <div class="vh-field">
          <label class="vh-label" for="f-q">
            {t('Tên đường (gõ có dấu hoặc không dấu)', 'Name (with or without diacritics)')}
          </label>
          <input id="f-q" name="q" class="vh-input vh-input--half" value={p.q} />
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-khu">
            {t('Đô thị', 'Urban area')}
          </label>
          <select id="f-khu" name="khu" class="vh-select">
            <option value="">{t('Tất cả', 'All')}</option>
            {p.areas.map((a) => (
              <option key={a.code} value={a.code} selected={p.area?.code === a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t('Tìm', 'Search')}</Button>
      </form>
      <script type="application/json" id="naming-map-data" dangerouslySetInnerHTML={{ __html: json(cfg) }} />
      <div id="ten-duong-ban-do" hidden role="region" aria-label={t('Bản đồ tương tác tên đường', 'Interactive map of street names')} />
      {p.area && <StreetSvg ctx={ctx} area={p.area} objects={p.objects} />}
      <h2>{t(`Danh sách A–Z (${sorted.length})`, `A–Z list (${sorted.length})`)}</h2>
      {sorted.length === 0 && <p>{t('Không có tên nào khớp.', 'No name matches.')}</p>}
      <nav aria-label={t('Chữ cái', 'Letters')}>
        <p>
          {[...groups.keys()].map((l) => (
            <a key={l} href={`#chu-${encodeURIComponent(l)}`} class="vh-letter">
              {l}{' '}
            </a>
          ))}
        </p>
      </nav>
      {[...groups.entries()].map(([l, list]) => (
        <section key={l} aria-labelledby={`chu-${l}`}>
          <h3 id={`chu-${l}`}>{l}</h3>
          <ul>
            {list.map((o) => (
              <li key={o.code}>
                <a href={`/ten-duong/${o.code}`}>{o.currentName}</a> <span class="vh-hint">({kindLabel(ctx, o.kind)}; {ruleLabel(rules, 'class', o.nameClass, ctx.lang)})</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function StreetPage(p: { ctx: PageContext; rules: Rule[]; area?: Area; object: NamedObject; name?: BankName; person?: Person; history: ObjectName[]; siteUrl: string }) {
  const { ctx, object: o, name: n, person } = p;
  const t = ctx.t;
  const en = ctx.lang === 'en';
  const title = o.currentName ?? o.code;
  const meaning = en && n?.meaningEn ? n.meaningEn : (n?.meaning ?? '');
  const current = p.history.find((h) => !h.toDate);
  const url = `${p.siteUrl}/ten-duong/${o.code}`;
  const ld = {
    '@context': 'https://schema.org',
    '@type': o.kind === 'park' ? 'Park' : o.kind === 'bridge' ? 'Bridge' : o.kind === 'square' ? 'Place' : 'Place',
    additionalType: o.kind === 'street' || o.kind === 'road' ? 'https://schema.org/Street' : undefined,
    name: title,
    description: meaning.slice(0, 500) || undefined,
    url,
    containedInPlace: p.area ? { '@type': 'AdministrativeArea', name: p.area.name } : undefined,
    subjectOf: person ? { '@type': 'Person', name: person.fullName, birthDate: person.birthYear ? String(person.birthYear) : undefined, deathDate: person.deathYear ? String(person.deathYear) : undefined } : undefined,
  };
  return (
    <Layout ctx={ctx} title={title} meta={{ description: meaning.slice(0, 200) || title }} head={<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json(ld) }} />}>
      <p>
        <a href="/ten-duong">{t('← Tên đường, công trình công cộng', '← Street names')}</a>
      </p>
      <h1>{title}</h1>
      <dl class="vh-summary">
        <dt>{t('Loại', 'Kind')}</dt>
        <dd>{kindLabel(ctx, o.kind)}</dd>
        <dt>{t('Đô thị', 'Urban area')}</dt>
        <dd>{p.area?.name ?? o.areaCode}</dd>
        <dt>{t('Nhóm tên', 'Class')}</dt>
        <dd>{ruleLabel(p.rules, 'class', o.nameClass, ctx.lang)}</dd>
        {o.lengthM != null && (
          <>
            <dt>{t('Chiều dài, chiều rộng', 'Length, width')}</dt>
            <dd>
              {o.lengthM.toLocaleString('vi-VN')} m{o.widthM != null ? `, ${String(o.widthM).replace('.', ',')} m` : ''}
            </dd>
          </>
        )}
        {current && (
          <>
            <dt>{t('Nghị quyết đặt tên', 'Naming resolution')}</dt>
            <dd>
              {current.decisionNumber}
              {current.decisionDate ? ` (${formatDateVi(current.decisionDate)})` : ''}
            </dd>
          </>
        )}
      </dl>
      <h2>{person ? t('Tiểu sử', 'Biography') : t('Ý nghĩa tên', 'Meaning of the name')}</h2>
      {person && (
        <p>
          <strong>{person.fullName}</strong> ({person.birthYear ?? '?'}–{person.deathYear ?? '?'}){person.roles ? `: ${person.roles}` : ''}
        </p>
      )}
      {meaning ? <p lang={en && n?.meaningEn ? 'en' : 'vi'}>{meaning}</p> : <p>{t('Chưa có nội dung giải thích.', 'No explanation yet.')}</p>}
      {en && n && !n.meaningEn && <p class="vh-hint">Shown in Vietnamese: no English text yet.</p>}
      {n?.sources && (
        <p class="vh-hint">
          {t('Nguồn tư liệu', 'Sources')}: {n.sources}
        </p>
      )}
      {p.area && <StreetSvg ctx={ctx} area={p.area} objects={[o]} focus={o.code} id="ten-duong-vi-tri" />}
      <h2>{t('Tên qua các thời kỳ', 'Names over time')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Tên qua các thời kỳ', 'Names over time')}
        rows={p.history}
        rowKey={(h) => h.id}
        columns={[
          { header: t('Tên', 'Name'), rowHeader: true, cell: (h) => h.name },
          { header: t('Từ ngày', 'From'), cell: (h) => formatDateVi(h.fromDate) || '—' },
          { header: t('Đến ngày', 'To'), cell: (h) => formatDateVi(h.toDate) || t('nay', 'now') },
          { header: t('Quyết định, nghị quyết', 'Decision'), cell: (h) => `${h.decisionNumber}${h.decisionDate ? ` (${formatDateVi(h.decisionDate)})` : ''}` },
        ]}
      />
      <h2>{t('Mã QR trên biển tên đường', 'QR code of the street sign')}</h2>
      <p>
        <img src={`/ten-duong/${o.code}/qr.png`} alt={t(`Mã QR mở trang ${title}`, `QR code opening the page of ${title}`)} width="160" height="160" />
      </p>
    </Layout>
  );
}

// ── Public consultation ──────────────────────────────────────────────────────
export type ItemView = { item: BatchItem; name: BankName; object: NamedObject };
export function ConsultationPage(p: { ctx: PageContext; rules: Rule[]; batch: Batch; area?: Area; items: ItemView[]; commentCount: number; values?: Record<string, string>; errors?: FieldErrors; message?: string; sent?: boolean; print?: boolean }) {
  const { ctx, batch: b } = p;
  const t = ctx.t;
  const open = b.status === 'consultation';
  return (
    <Layout ctx={ctx} title={t(`Lấy ý kiến đặt tên đường: ${b.title}`, `Consultation: ${b.title}`)}>
      <h1>{p.print ? t('THÔNG BÁO LẤY Ý KIẾN NHÂN DÂN VỀ ĐẶT TÊN ĐƯỜNG', 'NOTICE OF PUBLIC CONSULTATION ON STREET NAMES') : t('Lấy ý kiến nhân dân về đặt tên đường', 'Public consultation on street names')}</h1>
      <p class="vh-lead">
        {b.title} — {p.area?.name ?? b.areaCode}.{' '}
        {b.consultTo && t(`Thời hạn góp ý: từ ${formatDateVi(b.consultFrom)} đến hết ngày ${formatDateVi(b.consultTo)}.`, `Comments from ${formatDateVi(b.consultFrom)} to ${formatDateVi(b.consultTo)}.`)}
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Các tên dự kiến đặt', 'Proposed names')}
        captionVisible
        rows={p.items}
        rowKey={(i) => i.item.id}
        columns={[
          { header: t('Tên dự kiến', 'Proposed name'), rowHeader: true, cell: (i) => i.name.name },
          { header: t('Đặt cho', 'For'), cell: (i) => `${kindLabel(ctx, i.object.kind)} ${i.object.code}${i.object.lengthM ? ` (${i.object.lengthM} m)` : ''}` },
          { header: t('Ý nghĩa, tiểu sử', 'Meaning, biography'), cell: (i) => (ctx.lang === 'en' && i.name.meaningEn ? i.name.meaningEn : i.name.meaning) },
        ]}
      />
      {!p.print && (
        <p>
          <a href={`/ten-duong/lay-y-kien/${b.code}/thong-bao`}>{t('Bản thông báo để in, niêm yết', 'Printable notice')}</a> · {t(`${p.commentCount} ý kiến đã gửi`, `${p.commentCount} comments received`)}
        </p>
      )}
      {p.print ? (
        <p>{t('Ý kiến gửi trên Cổng thông tin của Sở tại địa chỉ', 'Send comments at')} /ten-duong/lay-y-kien/{b.code}</p>
      ) : open ? (
        <>
          <h2 id="gop-y">{t('Gửi ý kiến', 'Send a comment')}</h2>
          {p.sent && (
            <p role="status" class="vh-card">
              {t('Cảm ơn bạn, ý kiến đã được ghi nhận.', 'Thank you, your comment was recorded.')}
            </p>
          )}
          <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
          <Form ctx={ctx} action={`/ten-duong/lay-y-kien/${b.code}`} label={t('Gửi ý kiến', 'Send a comment')}>
            <TextField ctx={ctx} name="author" label={t('Họ và tên', 'Your name')} hint={t('Không hiển thị công khai.', 'Not shown publicly.')} value={p.values?.author} errors={p.errors} autocomplete="name" />
            <TextField ctx={ctx} name="contact" label={t('Điện thoại hoặc thư điện tử (không bắt buộc)', 'Phone or email (optional)')} value={p.values?.contact} errors={p.errors} />
            <TextArea ctx={ctx} name="body" label={t('Ý kiến của bạn', 'Your comment')} value={p.values?.body} errors={p.errors} rows={5} />
            <Button>{t('Gửi ý kiến', 'Send')}</Button>
          </Form>
        </>
      ) : (
        <p>{t('Đợt lấy ý kiến đã kết thúc.', 'The consultation has closed.')}</p>
      )}
    </Layout>
  );
}

export function ConsultationsPage(p: { ctx: PageContext; batches: Batch[] }) {
  const t = p.ctx.t;
  return (
    <Layout ctx={p.ctx} title={t('Lấy ý kiến về đặt tên đường', 'Consultations on street names')}>
      <h1>{t('Lấy ý kiến về đặt tên đường', 'Consultations on street names')}</h1>
      {p.batches.length === 0 ? (
        <p>{t('Hiện không có đợt lấy ý kiến nào.', 'No consultation is open.')}</p>
      ) : (
        <ul>
          {p.batches.map((b) => (
            <li key={b.id}>
              <a href={`/ten-duong/lay-y-kien/${b.code}`}>{b.title}</a> — {t('hạn', 'until')} {formatDateVi(b.consultTo)}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
