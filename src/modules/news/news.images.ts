import sharp from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import type { ImageVariant } from './news.schema.js';

/** What an editor may upload: the three formats every browser shows. SVG is refused on purpose
 * (it can carry script); GIF and HEIC would need a conversion path nobody asked for. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Column width of an article is about 46rem (736 px): 480 covers small phones, 720 the common
 * phone (≈ 400 CSS px at 1.75–2×: Lighthouse's mobile preset picks it, 40 % lighter than 960),
 * 960 the desktop column, 1440 the desktop column on high-density screens. */
export const IMAGE_WIDTHS = [480, 720, 960, 1440] as const;
/** A 10 MB PNG can decode to gigabytes ("decompression bomb"); 40 megapixels is a large camera photo. */
const MAX_INPUT_PIXELS = 40_000_000;

export const ATTACHMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface ResizedImage {
  width: number;
  height: number;
  variants: (Omit<ImageVariant, 'fileId' | 'bytes'> & { data: Buffer })[];
}

/** The widths to make for an original of `width` px: the standard ones below it, plus the
 * original width itself when it is smaller than the largest (never upscaled). */
export function variantWidths(width: number): number[] {
  const out: number[] = IMAGE_WIDTHS.filter((w) => w < width);
  if (width <= IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]!) out.push(width);
  return out;
}

export type ImageProblem = 'type' | 'unreadable';

/** Sniffs the bytes (never the name or the browser's claim) before sharp ever decodes them. */
export async function sniffImage(data: Buffer): Promise<string | undefined> {
  const t = await fileTypeFromBuffer(data);
  return t && IMAGE_TYPES.includes(t.mime) ? t.mime : undefined;
}

/**
 * WebP and JPEG at each width. EXIF orientation is applied and then all metadata is dropped:
 * a phone photo's GPS position must not be published with it.
 */
export async function resizeImage(data: Buffer): Promise<ResizedImage | ImageProblem> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().metadata();
  } catch {
    return 'unreadable';
  }
  if (!meta.width || !meta.height) return 'unreadable';
  // After .rotate() the metadata still reports the stored orientation: swap for 90°/270°.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;
  const variants: ResizedImage['variants'] = [];
  try {
    for (const w of variantWidths(width)) {
      const h = Math.round((height * w) / width);
      const base = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize({ width: w, withoutEnlargement: true }).flatten({ background: '#ffffff' });
      const webp = await base.clone().webp({ quality: 72, effort: 4 }).toBuffer();
      const jpeg = await base.clone().jpeg({ quality: 76, mozjpeg: true, progressive: true }).toBuffer();
      variants.push({ width: w, height: h, format: 'webp', data: webp }, { width: w, height: h, format: 'jpeg', data: jpeg });
    }
  } catch {
    return 'unreadable';
  }
  return { width, height, variants };
}

export interface ImageForRender {
  id: string;
  alt: string;
  width: number;
  height: number;
  variants: Pick<ImageVariant, 'width' | 'height' | 'format'>[];
}

const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ext = (f: 'webp' | 'jpeg') => (f === 'webp' ? 'webp' : 'jpg');
export const variantUrl = (id: string, width: number, format: 'webp' | 'jpeg') => `/anh/${id}/${width}.${ext(format)}`;
export const IMAGE_PATH_RE = /\/anh\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/[0-9]{1,5}\.(?:webp|jpg))?/;

/** The article column is at most 46rem; below that the image spans the viewport minus padding. */
const SIZES = '(min-width: 50rem) 46rem, calc(100vw - 2rem)';

/**
 * `<picture>` with WebP and JPEG sources at every width, the real width and height (so the page
 * does not shift when the image arrives: CLS) and lazy loading, except for the lead image, which
 * is the largest thing in the first screen (LCP) and must start at once.
 */
export function pictureHtml(img: ImageForRender, alt: string, lead: boolean): string {
  const srcset = (f: 'webp' | 'jpeg') =>
    img.variants
      .filter((v) => v.format === f)
      .map((v) => `${variantUrl(img.id, v.width, f)} ${v.width}w`)
      .join(', ');
  const jpegs = img.variants.filter((v) => v.format === 'jpeg');
  const fallback = jpegs.find((v) => v.width >= 960) ?? jpegs[jpegs.length - 1]!;
  const loading = lead ? 'fetchpriority="high" decoding="async"' : 'loading="lazy" decoding="async"';
  return (
    `<picture><source type="image/webp" srcset="${srcset('webp')}" sizes="${SIZES}">` +
    `<img src="${variantUrl(img.id, fallback.width, 'jpeg')}" srcset="${srcset('jpeg')}" sizes="${SIZES}" width="${img.width}" height="${img.height}" alt="${escAttr(alt)}" ${loading}></picture>`
  );
}

/** Ids of our uploaded images used in a Markdown text, in order of appearance. */
export function imageIdsIn(markdown: string): string[] {
  const ids: string[] = [];
  for (const m of markdown.matchAll(/!\[[^\]]*\]\(\s*<?(\/anh\/[^)\s>]*)/g)) {
    const id = IMAGE_PATH_RE.exec(m[1]!)?.[1];
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

const decodeAttr = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * Replaces each sanitised `<img>` of an uploaded image by its `<picture>`. Runs on the output of
 * the allow-list sanitiser, so the only attributes an img can have are src and alt; the markup
 * added here is built from our own records, never from the author's text (alt is re-escaped).
 */
export function withPictures(html: string, images: Map<string, ImageForRender>): string {
  let first = true;
  return html.replace(/<img\b([^>]*)>/g, (tag, attrs: string) => {
    const src = /\bsrc="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const id = IMAGE_PATH_RE.exec(src)?.[1];
    const img = id ? images.get(id) : undefined;
    if (!img || !src.startsWith('/anh/')) {
      first = false;
      return tag;
    }
    const alt = decodeAttr(/\balt="([^"]*)"/.exec(attrs)?.[1] ?? '') || img.alt;
    const out = pictureHtml(img, alt, first);
    first = false;
    return out;
  });
}
