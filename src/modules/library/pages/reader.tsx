import type { ComponentChildren } from 'preact';
import { iiifUrl } from '../../../core/images/images.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import type { ReaderAssets } from '../library.items.assets.js';
import { type Hit, context } from '../library.items.iiif.js';
import type { Item, ItemPage } from '../library.items.repository.js';
import type { TextLine } from '../library.items.schema.js';

/** L1's public record page (library-public.tsx). */
export const recordHref = (id: string) => `/thu-vien/bieu-ghi/${id}`;
export const readerHref = (itemId: string, page?: number, q?: string) => {
  const p = new URLSearchParams();
  if (page && page > 1) p.set('trang', String(page));
  if (q) p.set('q', q);
  const s = p.toString();
  return `/thu-vien/doc/${itemId}${s ? `?${s}` : ''}`;
};

export interface ReaderRecord {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
}

/** The page text with the hits of this page marked (<mark>), line by line. */
function MarkedText(p: { text: string; lines: TextLine[] | null; hits: Hit[] }) {
  const units = p.lines?.length ? p.lines.map((l) => l.t) : [p.text];
  const out: ComponentChildren[] = [];
  units.forEach((u, i) => {
    const own = p.hits.filter((h) => h.line === (p.lines?.length ? i : -1)).sort((a, b) => a.start - b.start);
    let at = 0;
    for (const h of own) {
      if (h.start < at) continue;
      out.push(u.slice(at, h.start), <mark key={`${i}-${h.start}`}>{u.slice(h.start, h.end)}</mark>);
      at = h.end;
    }
    out.push(u.slice(at));
    if (i < units.length - 1) out.push('\n');
  });
  return <div class="vh-reader__text">{out}</div>;
}

export function ReaderPage(p: {
  ctx: PageContext;
  assets: ReaderAssets;
  item: Item;
  record: ReaderRecord;
  pages: Pick<ItemPage, 'seq' | 'imageId' | 'width' | 'height' | 'label'>[];
  current: Pick<ItemPage, 'seq' | 'imageId' | 'width' | 'height' | 'label' | 'text' | 'lines'>;
  q: string;
  hits: Hit[] | null;
  rightsLabel: string;
}) {
  const { ctx, item, record, current, q } = p;
  const t = ctx.t;
  const n = current.seq;
  const total = p.pages.length;
  const pageHits = (p.hits ?? []).filter((h) => h.seq === n);
  const w = Math.min(1200, current.width);
  const h = Math.round((current.height * w) / current.width);
  const scale = w / current.width;
  const title = `${item.label} — ${t('trang', 'page')} ${n}`;
  const byPage = new Map<number, Hit[]>();
  for (const hit of p.hits ?? []) byPage.set(hit.seq, [...(byPage.get(hit.seq) ?? []), hit]);
  const tiles = p.pages.map((pg) => `/iiif/3/${pg.imageId}/info.json`);
  return (
    <Layout
      ctx={ctx}
      title={title}
      wide
      head={
        <>
          <link rel="stylesheet" href={p.assets.css} />
          <script src={p.assets.osd} defer />
          <script src={p.assets.js} defer />
        </>
      }
    >
      <nav aria-label={t('Đường dẫn', 'Breadcrumb')} class="vh-breadcrumbs">
        <a href="/thu-vien">{t('Thư viện', 'Library')}</a> › <a href={recordHref(record.id)}>{record.title}</a> › {t('Đọc bản số hóa', 'Read')}
      </nav>
      <h1>{item.label}</h1>
      <p>
        {record.authors.length > 0 && <>{record.authors.join('; ')}. </>}
        {record.year && <>{record.year}. </>}
        {t('Quyền sử dụng', 'Rights')}: <a href={item.rights}>{p.rightsLabel}</a>
        {item.attribution && (
          <>
            {' '}
            · {t('Nguồn', 'Attribution')}: {item.attribution}
          </>
        )}
      </p>
      <div class="vh-reader">
        <div>
          <div
            id="doc-viewer"
            class="vh-reader__viewer"
            hidden
            role="region"
            tabIndex={-1}
            aria-label={t('Trình xem phóng to (kéo để di chuyển, cuộn để phóng to)', 'Deep-zoom viewer')}
            data-tiles={JSON.stringify(tiles)}
            data-page={String(n)}
            data-images={p.assets.osdImages}
            data-search={`/iiif/search/${item.id}`}
            data-q={q}
          />
          <figure id="doc-page" class="vh-reader__page">
            <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${w} ${h}`} width="100%" role="img" aria-labelledby="doc-page-title">
              <title id="doc-page-title">{`${t('Ảnh trang', 'Image of page')} ${n} ${t('của', 'of')} ${item.label}`}</title>
              <image href={iiifUrl(current.imageId, w)} x="0" y="0" width={w} height={h} />
              {pageHits
                .filter((x) => x.box)
                .map((x) => (
                  <rect key={`${x.line}-${x.start}`} class="vh-reader__hit" x={Math.round(x.box!.x * scale) - 2} y={Math.round(x.box!.y * scale) - 2} width={Math.round(x.box!.w * scale) + 4} height={Math.round(x.box!.h * scale) + 4} />
                ))}
            </svg>
            <figcaption>
              {t('Trang', 'Page')} {n}/{total}
              {pageHits.length > 0 && ` · ${pageHits.length} ${t('chỗ khớp được tô sáng', 'highlighted matches')}`}
            </figcaption>
          </figure>
          <nav class="vh-reader__pager" aria-label={t('Chuyển trang', 'Pages')}>
            <a href={readerHref(item.id, n - 1, q)} rel="prev" data-doc-pager="prev" hidden={n <= 1}>
              ← {t('Trang trước', 'Previous page')}
            </a>
            <span>
              {t('Trang', 'Page')} <span id="doc-page-label">{n}</span>/{total}
            </span>
            <a href={readerHref(item.id, n + 1, q)} rel="next" data-doc-pager="next" hidden={n >= total}>
              {t('Trang sau', 'Next page')} →
            </a>
          </nav>
          <form method="get" action={`/thu-vien/doc/${item.id}`} class="vh-filters" aria-label={t('Đến trang', 'Go to page')}>
            {q && <input type="hidden" name="q" value={q} />}
            <div class="vh-field">
              <label class="vh-label" for="f-trang">
                {t('Đến trang số', 'Go to page')}
              </label>
              <input id="f-trang" name="trang" class="vh-input vh-input--quarter" inputMode="numeric" value={String(n)} />
            </div>
            <button type="submit" class="vh-button vh-button--secondary">
              {t('Đến', 'Go')}
            </button>
          </form>
        </div>
        <aside aria-labelledby="h-tim">
          <h2 id="h-tim">{t('Tìm trong tài liệu', 'Search inside')}</h2>
          <form method="get" action={`/thu-vien/doc/${item.id}`} role="search" aria-label={t('Tìm trong tài liệu', 'Search inside')}>
            <div class="vh-field">
              <label class="vh-label" for="f-q">
                {t('Từ cần tìm (gõ có dấu hoặc không dấu)', 'Words (with or without tone marks)')}
              </label>
              <input id="f-q" name="q" type="search" class="vh-input" value={q} />
            </div>
            <button type="submit" class="vh-button">
              {t('Tìm', 'Search')}
            </button>
          </form>
          {p.hits && (
            <section aria-labelledby="h-ket-qua">
              <h3 id="h-ket-qua">
                {p.hits.length
                  ? `${p.hits.length} ${t('kết quả trên', 'results on')} ${byPage.size} ${t('trang', 'pages')}`
                  : t('Không tìm thấy trong văn bản của tài liệu.', 'Not found in the text.')}
              </h3>
              <ol class="vh-reader__results">
                {[...byPage].map(([seq, hs]) => {
                  const c = context(hs[0]!);
                  return (
                    <li key={seq}>
                      <a href={readerHref(item.id, seq, q)} data-doc-goto={String(seq)} aria-current={seq === n ? 'page' : undefined}>
                        {t('Trang', 'Page')} {seq}
                      </a>
                      {hs.length > 1 && ` (${hs.length})`}: …{c.prefix}
                      <mark>{c.exact}</mark>
                      {c.suffix}…
                    </li>
                  );
                })}
              </ol>
            </section>
          )}
          {item.ranges.length > 0 && (
            <section aria-labelledby="h-muc-luc">
              <h2 id="h-muc-luc">{t('Mục lục', 'Contents')}</h2>
              <ol>
                {item.ranges.map((r) => (
                  <li key={`${r.from}-${r.label}`}>
                    <a href={readerHref(item.id, r.from, q)} data-doc-goto={String(r.from)}>
                      {ctx.lang === 'en' && r.labelEn ? r.labelEn : r.label}
                    </a>{' '}
                    ({t('tr.', 'pp.')} {r.from}–{r.to})
                  </li>
                ))}
              </ol>
            </section>
          )}
          <p>
            <a href={`/iiif/manifests/${item.id}`}>{t('IIIF manifest (JSON) — mở bằng Mirador, Universal Viewer', 'IIIF manifest (JSON)')}</a>
          </p>
        </aside>
      </div>
      <section aria-labelledby="h-van-ban">
        <h2 id="h-van-ban">
          {t('Văn bản trang', 'Text of page')} {n}
        </h2>
        {current.text ? (
          <MarkedText text={current.text} lines={current.lines} hits={pageHits} />
        ) : (
          <p>{t('Trang này chưa có văn bản (chưa nhận dạng chữ).', 'This page has no text yet.')}</p>
        )}
      </section>
    </Layout>
  );
}

/** The item exists but this reader may not see it here (reading room only). */
export function ReaderDeniedPage(p: { ctx: PageContext; item: Item; record: ReaderRecord }) {
  const t = p.ctx.t;
  return (
    <Layout ctx={p.ctx} title={p.item.label}>
      <h1>{p.item.label}</h1>
      <p>
        {t(
          'Tài liệu này chỉ được đọc tại phòng đọc của Thư viện tỉnh (mạng nội bộ của thư viện). Bạn vẫn xem được thông tin thư mục của tài liệu.',
          'This item can be read only in the library reading room. Its catalogue record is public.',
        )}
      </p>
      <p>
        <a href={recordHref(p.record.id)}>{p.record.title}</a>
      </p>
    </Layout>
  );
}
