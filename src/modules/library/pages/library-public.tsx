import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import type { LibraryRecord } from '../library.repository.js';
import type { MarcRecord } from '../library.schema.js';
import type { Facet, OpacFilter, OpacResult } from '../library.search.js';

const jsonBlock = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
export const TYPE_LABELS: Record<string, [string, string]> = {
  book: ['Sách', 'Book'],
  manuscript: ['Bản thảo', 'Manuscript'],
  map: ['Bản đồ', 'Map'],
  image: ['Ảnh', 'Image'],
  article: ['Bài báo', 'Article'],
  serial: ['Báo, tạp chí', 'Serial'],
  video: ['Phim', 'Video'],
  audio: ['Âm thanh', 'Audio'],
  thesis: ['Luận văn', 'Thesis'],
  electronic: ['Tài liệu điện tử', 'Electronic'],
  mixed: ['Hỗn hợp', 'Mixed'],
  score: ['Bản nhạc', 'Score'],
  object: ['Hiện vật', 'Object'],
};
const LANG_LABELS: Record<string, string> = { vie: 'Tiếng Việt', eng: 'English', fre: 'Français', chi: '中文 (Hán)', khm: 'Khmer' };

export interface Labels {
  collections: Map<string, string>;
  places: Map<string, string>;
  topics: Map<string, string>;
}

export function opacQuery(f: OpacFilter, over: Partial<Record<string, string | undefined>> = {}): string {
  const q = new URLSearchParams();
  const v: Record<string, string | undefined> = {
    q: f.q,
    'bo-suu-tap': f.collection,
    loai: f.type,
    'ngon-ngu': f.language,
    'tu-nam': f.yearFrom ? String(f.yearFrom) : undefined,
    'den-nam': f.yearTo ? String(f.yearTo) : undefined,
    'dia-danh': f.place,
    'chu-de': f.topic,
    ...over,
  };
  for (const [k, x] of Object.entries(v)) if (x) q.set(k, x);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function FacetList(p: { ctx: PageContext; title: string; param: string; items: Facet[]; label: (k: string) => string; f: OpacFilter; base: string; approximate?: boolean }) {
  if (!p.items.length) return null;
  return (
    <section class="vh-facet" aria-label={p.title}>
      <h3>{p.title}</h3>
      <ul>
        {p.items.map((x) => (
          <li key={x.key}>
            <a href={`${p.base}${opacQuery(p.f, { [p.param]: x.key, trang: undefined })}`}>
              {p.label(x.key)} <span class="vh-count">({p.approximate ? '≈ ' : ''}{x.count.toLocaleString('vi-VN')})</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OpacPage(p: { ctx: PageContext; f: OpacFilter; result?: OpacResult; labels: Labels; collections: { code: string; name: string }[]; base?: string; title?: string }) {
  const { ctx, f, result } = p;
  const t = ctx.t;
  const base = p.base ?? '/thu-vien';
  const tl = (k: string) => (TYPE_LABELS[k] ? t(TYPE_LABELS[k][0], TYPE_LABELS[k][1]) : k);
  const page = f.page ?? 1;
  // a very large result is ranked over its most recent matches only: paging stops there
  const pages = result ? Math.ceil(Math.min(result.total, result.ranked ?? result.total) / (f.pageSize ?? 20)) : 0;
  return (
    <Layout ctx={ctx} title={p.title ?? t('Thư viện số: tra cứu', 'Digital library: search')} wide>
      <h1>{p.title ?? t('Tra cứu thư viện', 'Library catalogue')}</h1>
      <p class="vh-lead">
        {t('Tìm sách, bài báo, bản đồ, ảnh và tài liệu địa chí của tỉnh. Gõ có dấu hoặc không dấu đều được.', 'Find books, articles, maps, photos and local records. Diacritics are optional.')}{' '}
        <a href="/thu-vien/dia-chi">{t('Duyệt địa chí theo địa danh và chủ đề', 'Browse local records by place and topic')}</a>
      </p>
      <form method="get" action={base} role="search" class="vh-filters">
        <div class="vh-field">
          <label class="vh-label" for="f-q">
            {t('Từ khóa', 'Search terms')}
          </label>
          <input id="f-q" name="q" type="search" class="vh-input" value={f.q ?? ''} />
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-bst">
            {t('Bộ sưu tập', 'Collection')}
          </label>
          <select id="f-bst" name="bo-suu-tap" class="vh-select">
            <option value="">{t('Tất cả', 'All')}</option>
            {p.collections.map((c) => (
              <option key={c.code} value={c.code} selected={f.collection === c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-tu">
            {t('Từ năm', 'From year')}
          </label>
          <input id="f-tu" name="tu-nam" class="vh-input vh-input--short" inputMode="numeric" value={f.yearFrom ? String(f.yearFrom) : ''} />
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-den">
            {t('Đến năm', 'To year')}
          </label>
          <input id="f-den" name="den-nam" class="vh-input vh-input--short" inputMode="numeric" value={f.yearTo ? String(f.yearTo) : ''} />
        </div>
        {f.place && <input type="hidden" name="dia-danh" value={f.place} />}
        {f.topic && <input type="hidden" name="chu-de" value={f.topic} />}
        {f.type && <input type="hidden" name="loai" value={f.type} />}
        {f.language && <input type="hidden" name="ngon-ngu" value={f.language} />}
        <button type="submit" class="vh-button">
          {t('Tìm', 'Search')}
        </button>
      </form>
      {result && (
        <div class="vh-opac">
          <aside class="vh-facets" aria-label={t('Thu hẹp kết quả', 'Refine')}>
            <FacetList ctx={ctx} title={t('Bộ sưu tập', 'Collection')} param="bo-suu-tap" items={result.facets.collection} approximate={result.approximate} label={(k) => p.labels.collections.get(k) ?? k} f={f} base={base} />
            <FacetList ctx={ctx} title={t('Loại tài liệu', 'Type')} param="loai" items={result.facets.type} approximate={result.approximate} label={tl} f={f} base={base} />
            <FacetList ctx={ctx} title={t('Ngôn ngữ', 'Language')} param="ngon-ngu" items={result.facets.language} approximate={result.approximate} label={(k) => LANG_LABELS[k] ?? k} f={f} base={base} />
            <FacetList ctx={ctx} title={t('Địa danh', 'Place')} param="dia-danh" items={result.facets.place} approximate={result.approximate} label={(k) => p.labels.places.get(k) ?? k} f={f} base={base} />
            <FacetList ctx={ctx} title={t('Chủ đề địa chí', 'Local topic')} param="chu-de" items={result.facets.topic} approximate={result.approximate} label={(k) => p.labels.topics.get(k) ?? k} f={f} base={base} />
            {result.approximate && <p class="vh-hint">{t('Số lượng là ước tính từ một mẫu của kho.', 'Counts are estimated from a sample of the catalogue.')}</p>}
            {result.facets.decade.length > 0 && (
              <section class="vh-facet" aria-label={t('Thập niên', 'Decade')}>
                <h3>{t('Thập niên', 'Decade')}</h3>
                <ul>
                  {result.facets.decade.map((x) => (
                    <li key={x.key}>
                      <a href={`${base}${opacQuery(f, { 'tu-nam': x.key, 'den-nam': String(Number(x.key) + 9) })}`}>
                        {x.key}–{Number(x.key) + 9} <span class="vh-count">({result.approximate ? '≈ ' : ''}{x.count.toLocaleString('vi-VN')})</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </aside>
          <section aria-label={t('Kết quả', 'Results')}>
            <p role="status">
              {result.total
                ? result.approximate
                  ? t(`Tìm thấy khoảng ${result.total.toLocaleString('vi-VN')} biểu ghi (ước tính).`, `About ${result.total.toLocaleString('en')} records found (estimated).`)
                  : t(`Tìm thấy ${result.total.toLocaleString('vi-VN')} biểu ghi.`, `${result.total.toLocaleString('en')} records found.`)
                : t('Không tìm thấy biểu ghi nào.', 'No records found.')}
              {result.ranked !== null &&
                ` ${t(
                  `Kết quả được xếp hạng trong ${result.ranked.toLocaleString('vi-VN')} biểu ghi phù hợp mới nhất; thêm từ khóa hoặc chọn mục lọc để thu hẹp.`,
                  `Results are ranked among the ${result.ranked.toLocaleString('en')} most recent matches; add words or pick a filter to narrow them.`,
                )}`}
              {result.fuzzy && result.total > 0 && ` ${t('Không có kết quả đúng từ khóa; đây là các nhan đề gần giống.', 'No exact matches; these titles are close.')}`}
            </p>
            <ol class="vh-results">
              {result.hits.map((h) => (
                <li key={h.id}>
                  <h2 class="vh-result-title">
                    <a href={`/thu-vien/bieu-ghi/${h.id}`}>{h.title}</a>
                  </h2>
                  <p>
                    {[h.authors.join('; '), h.publisher, h.year ? String(h.year) : ''].filter(Boolean).join(' · ')}
                    {' · '}
                    {tl(h.recordType)} · {h.collectionName}
                    {h.digitisedItemId && (
                      <>
                        {' · '}
                        <a href={`/thu-vien/doc/${h.digitisedItemId}`}>{t('Đọc bản số', 'Read online')}</a>
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ol>
            {pages > 1 && (
              <nav aria-label={t('Phân trang', 'Pages')} class="vh-pagination">
                {page > 1 && <a href={`${base}${opacQuery(f, { trang: String(page - 1) })}`}>{t('« Trang trước', '« Previous')}</a>}{' '}
                <span>{t(`Trang ${page}/${pages}`, `Page ${page} of ${pages}`)}</span>{' '}
                {page < pages && <a href={`${base}${opacQuery(f, { trang: String(page + 1) })}`}>{t('Trang sau »', 'Next »')}</a>}
              </nav>
            )}
          </section>
        </div>
      )}
    </Layout>
  );
}

export function BrowsePage(p: { ctx: PageContext; places: { code: string; name: string; n: number; former: string[] }[]; topics: { code: string; heading: string; n: number }[] }) {
  const t = p.ctx.t;
  return (
    <Layout ctx={p.ctx} title={t('Địa chí: duyệt theo địa danh và chủ đề', 'Local records: by place and topic')}>
      <h1>{t('Cơ sở dữ liệu địa chí', 'Local records (địa chí)')}</h1>
      <p class="vh-lead">{t('Mọi tài liệu viết về tỉnh: sách, bài báo, ảnh, bản đồ, luận văn — theo địa danh (kể cả tên cũ trước khi sắp xếp đơn vị hành chính năm 2025) và theo chủ đề.', 'Everything written about the province, by place (including names before the 2025 merger) and by topic.')}</p>
      <h2>{t('Theo địa danh', 'By place')}</h2>
      <ul class="vh-links">
        {p.places.map((x) => (
          <li key={x.code}>
            <a href={`/thu-vien?dia-danh=${encodeURIComponent(x.code)}`}>{x.name}</a> ({x.n.toLocaleString('vi-VN')}){x.former.length > 0 && ` — ${t('tên cũ', 'formerly')}: ${x.former.join(', ')}`}
          </li>
        ))}
      </ul>
      <h2>{t('Theo chủ đề', 'By topic')}</h2>
      <ul class="vh-links">
        {p.topics.map((x) => (
          <li key={x.code}>
            <a href={`/thu-vien?chu-de=${encodeURIComponent(x.code)}`}>
              {x.code} {x.heading}
            </a>{' '}
            ({x.n.toLocaleString('vi-VN')})
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** "Tác giả (năm). Nhan đề. Nơi xuất bản: Nhà xuất bản." — an APA-like citation. */
export function citation(r: LibraryRecord, place: string): string {
  const authors = r.authors.join(', ');
  return `${authors ? `${authors} ` : ''}(${r.year ?? 'k.n.'}). ${r.title}. ${[place, r.publisher].filter(Boolean).join(': ')}${place || r.publisher ? '.' : ''}`.trim();
}

export function RecordPage(p: { ctx: PageContext; r: LibraryRecord; collection: { name: string; access: string }; labels: Labels; baseUrl: string }) {
  const { ctx, r } = p;
  const t = ctx.t;
  const marc = r.marc as MarcRecord;
  const pubPlace = (marc.fields.find((f) => f.tag === '264' || f.tag === '260')?.subfields?.find((s) => s.code === 'a')?.value ?? '').replace(/[\s:;,]+$/, '');
  const summary = marc.fields.filter((f) => f.tag === '520').map((f) => f.subfields?.find((s) => s.code === 'a')?.value ?? '');
  const ld = {
    '@context': 'https://schema.org',
    '@type': r.recordType === 'book' ? 'Book' : 'CreativeWork',
    '@id': `${p.baseUrl}/thu-vien/bieu-ghi/${r.id}`,
    name: r.title,
    author: r.authors.map((a) => ({ '@type': 'Person', name: a })),
    ...(r.year ? { datePublished: String(r.year) } : {}),
    ...(r.publisher ? { publisher: { '@type': 'Organization', name: r.publisher } } : {}),
    ...(r.isbn ? { isbn: r.isbn } : {}),
    inLanguage: r.language,
    about: r.subjects.map((s) => ({ '@type': 'Thing', name: s })),
    spatialCoverage: r.places.map((x) => ({ '@type': 'Place', name: x })),
    ...(summary.length ? { description: summary.join(' ') } : {}),
  };
  const tl = TYPE_LABELS[r.recordType];
  return (
    <Layout ctx={ctx} title={r.title} head={<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonBlock(ld) }} />}>
      <p>
        <a href="/thu-vien">{t('« Tra cứu thư viện', '« Library catalogue')}</a>
      </p>
      <h1>{r.title}</h1>
      <dl class="vh-dl">
        {r.authors.length > 0 && (
          <>
            <dt>{t('Tác giả', 'Authors')}</dt>
            <dd>{r.authors.join('; ')}</dd>
          </>
        )}
        {(r.publisher || pubPlace || r.year) && (
          <>
            <dt>{t('Xuất bản', 'Published')}</dt>
            <dd>{[pubPlace, r.publisher, r.year ? String(r.year) : ''].filter(Boolean).join(', ')}</dd>
          </>
        )}
        {r.isbn && (
          <>
            <dt>ISBN</dt>
            <dd>{r.isbn}</dd>
          </>
        )}
        <dt>{t('Loại tài liệu', 'Type')}</dt>
        <dd>{tl ? t(tl[0], tl[1]) : r.recordType}</dd>
        <dt>{t('Bộ sưu tập', 'Collection')}</dt>
        <dd>
          {p.collection.name}
          {p.collection.access === 'reading_room' && ` (${t('chỉ đọc tại phòng đọc', 'reading room only')})`}
        </dd>
        {r.subjects.length > 0 && (
          <>
            <dt>{t('Chủ đề', 'Subjects')}</dt>
            <dd>{r.subjects.join('; ')}</dd>
          </>
        )}
        {r.places.length > 0 && (
          <>
            <dt>{t('Địa danh', 'Places')}</dt>
            <dd>
              {r.places.map((x, i) => (
                <span key={x}>
                  {i > 0 && '; '}
                  {r.placeCodes[i] ? <a href={`/thu-vien?dia-danh=${encodeURIComponent(r.placeCodes[i]!)}`}>{x}</a> : x}
                </span>
              ))}
            </dd>
          </>
        )}
        {r.topics.length > 0 && (
          <>
            <dt>{t('Chủ đề địa chí', 'Local topics')}</dt>
            <dd>{r.topics.map((c) => `${c} ${p.labels.topics.get(c) ?? ''}`.trim()).join('; ')}</dd>
          </>
        )}
      </dl>
      {summary.map((s) => (
        <p key={s}>{s}</p>
      ))}
      {r.digitisedItemId && (
        <p>
          <a class="vh-button" href={`/thu-vien/doc/${r.digitisedItemId}`}>
            {t('Đọc bản số hóa', 'Read the digitised copy')}
          </a>
        </p>
      )}
      <h2>{t('Trích dẫn', 'Cite')}</h2>
      <p class="vh-citation">{citation(r, pubPlace)}</p>
      <h2>{t('Tải biểu ghi', 'Download the record')}</h2>
      <ul class="vh-links">
        <li>
          <a href={`/thu-vien/bieu-ghi/${r.id}/marcxml`}>MARCXML</a>
        </li>
        <li>
          <a href={`/thu-vien/bieu-ghi/${r.id}/dc`}>Dublin Core</a>
        </li>
      </ul>
      <details>
        <summary>{t('Xem biểu ghi MARC 21', 'MARC 21 view')}</summary>
        <pre class="vh-marc">{marcLines(marc)}</pre>
      </details>
    </Layout>
  );
}

/** The librarian's line view: "245 10 $a Nhan đề $b …"; the editor reads the same lines back. */
export function marcLines(m: MarcRecord): string {
  return [`LDR ${m.leader}`, ...m.fields.map((f) => (f.subfields === undefined ? `${f.tag} ${f.value ?? ''}` : `${f.tag} ${(f.ind1 ?? ' ').replace(' ', '_')}${(f.ind2 ?? ' ').replace(' ', '_')} ${f.subfields.map((s) => `$${s.code} ${s.value}`).join(' ')}`))].join('\n');
}
