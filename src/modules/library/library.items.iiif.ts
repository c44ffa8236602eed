import { MAX_OUTPUT_SIDE, iiifBase, iiifUrl } from '../../core/images/images.js';
import type { Item, ItemPage } from './library.items.repository.js';
import type { TextLine } from './library.items.schema.js';

/**
 * IIIF Presentation API 3.0 manifests (https://iiif.io/api/presentation/3.0/) and Content Search
 * API 2.0 answers (https://iiif.io/api/search/2.0/) for digitised items, plus the Vietnamese text
 * matching both the API and the no-JavaScript reader use.
 */

/** One UTF-16 unit in, one out: tone marks and vowel marks dropped, đ → d, lower case. Keeping the
 * length lets a hit found in the folded text be cut from the original (NFC) text unchanged. */
function foldChar(ch: string): string {
  const f = ch.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  return f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
}
export function fold(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) out += foldChar(ch);
  return out;
}
const hasMarks = (s: string) => fold(s) !== s.toLowerCase();

export interface Hit {
  seq: number;
  /** index of the line (lines known) or -1 (plain text) */
  line: number;
  /** the line's (or page text's) own text and where the match sits in it */
  text: string;
  start: number;
  end: number;
  /** the match's box on the page in image pixels, when the page has line boxes */
  box?: { x: number; y: number; w: number; h: number };
}

/** Up to this many hits per query: a common word in a 500-page book would otherwise answer MBs. */
export const MAX_HITS = 200;

/** The query as terms (a quoted phrase is one term); at most 5, 2+ characters each. */
export function queryTerms(q: string): string[] {
  const out: string[] = [];
  const s = q.normalize('NFC').trim().slice(0, 200);
  for (const m of s.matchAll(/"([^"]+)"|(\S+)/g)) {
    const t = (m[1] ?? m[2] ?? '').replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '').trim();
    if (t.length >= 2 && !out.includes(t)) out.push(t);
  }
  return out.slice(0, 5);
}

/**
 * The hits of `q` in the pages, in page order. Each term matches without tone marks ("binh duong"
 * finds "Bình Dương"); a term typed with marks matches those marks exactly when it has such
 * matches in the item (domain.md §10: "ma" ≠ "mã"), else it falls back to the folded match.
 * A query of several words matches them as one phrase when the item has it, else word by word.
 */
export function searchPages(pages: Pick<ItemPage, 'seq' | 'text' | 'lines'>[], q: string): Hit[] {
  const terms = queryTerms(q);
  if (!terms.length) return [];
  const words = terms.flatMap((t) => t.split(/\s+/));
  const phrase = words.length > 1 ? [words.join(' ')] : [];
  const units = pages.flatMap((p) =>
    p.lines?.length
      ? p.lines.map((l, i) => ({ seq: p.seq, line: i, text: l.t.normalize('NFC'), box: l as TextLine | undefined }))
      : [{ seq: p.seq, line: -1, text: p.text.normalize('NFC'), box: undefined }],
  );
  const folded = units.map((u) => fold(u.text));
  const lower = units.map((u) => u.text.toLowerCase());
  const taken: boolean[][] = units.map((u) => new Array(u.text.length).fill(false));
  const hits: Hit[] = [];
  // Several words: the phrase when the item has it ("thu dau mot" is a place, not three words
  // found anywhere); only when it does not, each word on its own.
  const passes = phrase.length ? [phrase, words] : [words];
  for (const pass of passes) {
    if (hits.length) break;
    for (const term of pass) {
      const exact = hasMarks(term);
      const needleF = fold(term);
      const needleE = term.toLowerCase();
      const anyExact = exact && lower.some((s) => s.includes(needleE));
      for (let i = 0; i < units.length && hits.length < MAX_HITS; i++) {
        const hay = anyExact ? lower[i]! : folded[i]!;
        const needle = anyExact ? needleE : needleF;
        let from = 0;
        for (;;) {
          const at = hay.indexOf(needle, from);
          if (at < 0) break;
          from = at + needle.length;
          const end = at + needle.length;
          // whole words only: "an" must not light up inside "Nam"
          const before = at === 0 || !/[\p{L}\p{N}]/u.test(hay[at - 1]!);
          const after = end >= hay.length || !/[\p{L}\p{N}]/u.test(hay[end]!);
          if (!before || !after || taken[i]![at]) continue;
          for (let k = at; k < end; k++) taken[i]![k] = true;
          const u = units[i]!;
          const hit: Hit = { seq: u.seq, line: u.line, text: u.text, start: at, end };
          if (u.box && u.text.length) {
            // Demo pages and OCR lines are set in a monospaced face: a character is w/len wide.
            const cw = u.box.w / u.text.length;
            hit.box = { x: Math.round(u.box.x + cw * at), y: u.box.y, w: Math.max(1, Math.round(cw * (end - at))), h: u.box.h };
          }
          hits.push(hit);
          if (hits.length >= MAX_HITS) break;
        }
      }
    }
  }
  return hits.sort((a, b) => a.seq - b.seq || a.line - b.line || a.start - b.start);
}

/** ~40 characters either side of a hit, cut at word boundaries. */
export function context(hit: Hit): { prefix: string; exact: string; suffix: string } {
  let a = Math.max(0, hit.start - 40);
  let b = Math.min(hit.text.length, hit.end + 40);
  if (a > 0) a = hit.text.indexOf(' ', a) + 1 || a;
  if (b < hit.text.length) b = hit.text.lastIndexOf(' ', b) > hit.end ? hit.text.lastIndexOf(' ', b) : b;
  return { prefix: hit.text.slice(a, hit.start), exact: hit.text.slice(hit.start, hit.end), suffix: hit.text.slice(hit.end, b) };
}

const lang = (vi: string, en?: string) => ({ vi: [vi], en: [en || vi] });

export interface ManifestRecord {
  title: string;
  authors: string[];
  year: number | null;
}

/** The derivative `full/max` gives for a page: the master, bounded by MAX_OUTPUT_SIDE. */
function maxSize(w: number, h: number) {
  const k = Math.min(1, MAX_OUTPUT_SIDE / Math.max(w, h));
  return { width: Math.round(w * k), height: Math.round(h * k) };
}

export function buildManifest(origin: string, item: Item, record: ManifestRecord, pages: Pick<ItemPage, 'seq' | 'imageId' | 'width' | 'height' | 'label'>[]) {
  const id = `${origin}/iiif/manifests/${item.id}`;
  const canvasId = (seq: number) => `${id}/canvas/${seq}`;
  const service = (imageId: string) => [{ id: `${origin}${iiifBase(imageId)}`, type: 'ImageService3', profile: 'level1' }];
  const thumb = (p: (typeof pages)[number]) => {
    const w = Math.min(200, p.width);
    return [
      {
        id: `${origin}${iiifUrl(p.imageId, w)}`,
        type: 'Image',
        format: 'image/jpeg',
        width: w,
        height: Math.round((p.height * w) / p.width),
        service: service(p.imageId),
      },
    ];
  };
  const metadata = [
    { label: lang('Nhan đề', 'Title'), value: lang(record.title) },
    ...(record.authors.length ? [{ label: lang('Tác giả', 'Author'), value: lang(record.authors.join('; ')) }] : []),
    ...(record.year ? [{ label: lang('Năm xuất bản', 'Year'), value: lang(String(record.year)) }] : []),
    { label: lang('Số trang số hóa', 'Digitised pages'), value: lang(String(pages.length)) },
  ];
  const bySeq = new Map(pages.map((p) => [p.seq, p]));
  return {
    '@context': ['http://iiif.io/api/search/2/context.json', 'http://iiif.io/api/presentation/3/context.json'],
    id,
    type: 'Manifest',
    label: lang(item.label, item.labelEn),
    metadata,
    summary: lang(`Bản số hóa của "${record.title}".`, `Digitised copy of "${record.title}".`),
    rights: item.rights,
    requiredStatement: { label: lang('Nguồn', 'Attribution'), value: lang(item.attribution || 'Thư viện tỉnh', item.attribution || 'Provincial Library') },
    ...(pages[0] ? { thumbnail: thumb(pages[0]) } : {}),
    viewingDirection: 'left-to-right',
    behavior: ['paged'],
    homepage: [
      {
        id: `${origin}/thu-vien/doc/${item.id}`,
        type: 'Text',
        label: lang('Đọc trên trang Thư viện', 'Read on the library site'),
        format: 'text/html',
        language: ['vi'],
      },
    ],
    service: [{ id: `${origin}/iiif/search/${item.id}`, type: 'SearchService2' }],
    items: pages.map((p) => {
      const body = maxSize(p.width, p.height);
      return {
        id: canvasId(p.seq),
        type: 'Canvas',
        label: lang(p.label || `Trang ${p.seq}`, p.label || `Page ${p.seq}`),
        width: p.width,
        height: p.height,
        thumbnail: thumb(p),
        items: [
          {
            id: `${canvasId(p.seq)}/page`,
            type: 'AnnotationPage',
            items: [
              {
                id: `${canvasId(p.seq)}/image`,
                type: 'Annotation',
                motivation: 'painting',
                body: { id: `${origin}${iiifUrl(p.imageId)}`, type: 'Image', format: 'image/jpeg', ...body, service: service(p.imageId) },
                target: canvasId(p.seq),
              },
            ],
          },
        ],
      };
    }),
    ...(item.ranges.length
      ? {
          structures: item.ranges.map((r, i) => ({
            id: `${id}/range/${i + 1}`,
            type: 'Range',
            label: lang(r.label, r.labelEn),
            items: Array.from({ length: r.to - r.from + 1 }, (_, k) => r.from + k)
              .filter((seq) => bySeq.has(seq))
              .map((seq) => ({ id: canvasId(seq), type: 'Canvas' })),
          })),
        }
      : {}),
  };
}

/** Content Search 2.0: one `supplementing` annotation per hit (the matched words on their canvas
 * region), and the `highlighting` annotations that quote them in context (TextQuoteSelector). */
export function buildSearchAnswer(origin: string, itemId: string, q: string, hits: Hit[], pages: Pick<ItemPage, 'seq' | 'width' | 'height'>[]) {
  const manifest = `${origin}/iiif/manifests/${itemId}`;
  const base = `${origin}/iiif/search/${itemId}`;
  const annoId = (i: number) => `${base}/anno/${i + 1}?q=${encodeURIComponent(q)}`;
  const size = new Map(pages.map((p) => [p.seq, p]));
  return {
    '@context': 'http://iiif.io/api/search/2/context.json',
    id: `${base}?q=${encodeURIComponent(q)}`,
    type: 'AnnotationPage',
    items: hits.map((h, i) => {
      const canvas = `${manifest}/canvas/${h.seq}`;
      const p = size.get(h.seq);
      return {
        id: annoId(i),
        type: 'Annotation',
        motivation: 'supplementing',
        body: { type: 'TextualBody', value: h.text.slice(h.start, h.end), format: 'text/plain', language: 'vi' },
        target: h.box ? `${canvas}#xywh=${h.box.x},${h.box.y},${h.box.w},${h.box.h}` : p ? `${canvas}#xywh=0,0,${p.width},${p.height}` : canvas,
      };
    }),
    annotations: [
      {
        type: 'AnnotationPage',
        items: hits.map((h, i) => ({
          id: `${annoId(i)}&hit=1`,
          type: 'Annotation',
          motivation: 'highlighting',
          target: { type: 'SpecificResource', source: annoId(i), selector: [{ type: 'TextQuoteSelector', ...context(h) }] },
        })),
      },
    ],
  };
}
