import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import sharp from 'sharp';
import type { Actor } from '../auth/actor.js';
import type { Services } from '../context.js';
import type { Executor } from '../db/index.js';
import { AppError } from '../errors.js';
import { type FileStore, findStoredFile } from '../files/files.js';
import { images } from './images.schema.js';

/**
 * The one image pipeline of the platform (issue 13 part 8): relic photos, artefacts, library scans,
 * tourism panoramas. Uploads are sniffed from their bytes (files.ts), bounded in size and pixels,
 * stored once as the master; every derivative is made on request through IIIF Image API 3.0
 * (https://iiif.io/api/image/3.0/) and kept in a bounded memory cache. Who may see an image is the
 * owner module's decision, through the access callback it registers.
 */

export type ImageRow = typeof images.$inferSelect;

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff'];
/** A phone photo is 3–8 MB; an A3 archive scan at 400 dpi in JPEG ≈ 20 MB. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/** 100 MP covers an A2 scan at 400 dpi; more would take ~400 MB of memory to decode. */
export const MAX_IMAGE_PIXELS = 100_000_000;
/** The largest derivative side served: beyond it a viewer should tile (sizes/tiles in info.json). */
export const MAX_OUTPUT_SIDE = 3000;
const TILE = 512;

export async function saveImage(
  db: Executor,
  files: FileStore,
  input: { data: Buffer; originalName: string; owner: string; ownerId: string; alt?: string; createdBy?: string | null },
): Promise<ImageRow> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(input.data, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  } catch (e) {
    const msg = String((e as Error).message);
    if (/pixel limit/i.test(msg)) {
      throw new AppError('IMG-101', 413, `Ảnh quá lớn: tối đa ${MAX_IMAGE_PIXELS / 1_000_000} triệu điểm ảnh.`, `Image too large: at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels.`);
    }
    // Not an image sharp can read: let files.save name the accepted types from the sniffed bytes.
    await files.save(db, { data: input.data, originalName: input.originalName, allowed: IMAGE_TYPES, maxBytes: MAX_IMAGE_BYTES, createdBy: input.createdBy });
    throw new AppError('IMG-100', 415, 'Không đọc được ảnh (tệp hỏng hoặc không phải ảnh).', 'The image cannot be read.');
  }
  const oriented = (meta.orientation ?? 1) >= 5;
  const width = oriented ? meta.height! : meta.width!;
  const height = oriented ? meta.width! : meta.height!;
  if (!width || !height) throw new AppError('IMG-100', 415, 'Không đọc được kích thước ảnh.', 'The image has no size.');
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError('IMG-101', 413, `Ảnh quá lớn: tối đa ${MAX_IMAGE_PIXELS / 1_000_000} triệu điểm ảnh.`, 'Image too large.');
  }
  const file = await files.save(db, { data: input.data, originalName: input.originalName, allowed: IMAGE_TYPES, maxBytes: MAX_IMAGE_BYTES, createdBy: input.createdBy });
  const [row] = await db
    .insert(images)
    .values({ owner: input.owner, ownerId: input.ownerId, fileId: file.id, width, height, format: file.contentType.split('/')[1]!, alt: input.alt ?? '', createdBy: input.createdBy ?? null })
    .returning();
  return row!;
}

export async function findImage(db: Executor, id: string): Promise<ImageRow | undefined> {
  return (await db.select().from(images).where(eq(images.id, id)))[0];
}

/** 'public': anyone, cacheable by shared caches; 'private': this actor only; false: not visible. */
export type ImageAccess = 'public' | 'private' | false;
/** `req` lets an owner decide by the reader's address (library reading rooms). */
type AccessFn = (services: Services, actor: Actor, image: ImageRow, req?: FastifyRequest) => Promise<ImageAccess>;
const access = new Map<string, AccessFn>();

/** The owner module says who may see its images (e.g. heritage: published relic → public). */
export function registerImageAccess(owner: string, fn: AccessFn) {
  access.set(owner, fn);
}

// ── IIIF Image API 3.0 request parsing ─────────────────────────────────────────────────
export interface IiifRequest {
  region: { x: number; y: number; w: number; h: number };
  width: number;
  height: number;
  rotation: 0 | 90 | 180 | 270;
  quality: 'default' | 'color' | 'gray';
  format: 'jpg' | 'webp' | 'png';
}

const bad = (vi: string, en: string) => new AppError('IMG-400', 400, vi, en);

/** Parses region/size/rotation/quality.format against the image's size (spec §4). */
export function parseIiif(img: { width: number; height: number }, region: string, size: string, rotation: string, file: string): IiifRequest {
  let r: IiifRequest['region'];
  if (region === 'full') r = { x: 0, y: 0, w: img.width, h: img.height };
  else if (region === 'square') {
    const s = Math.min(img.width, img.height);
    r = { x: Math.floor((img.width - s) / 2), y: Math.floor((img.height - s) / 2), w: s, h: s };
  } else {
    const pct = region.startsWith('pct:');
    const parts = (pct ? region.slice(4) : region).split(',').map(Number);
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n) || n < 0)) throw bad('Vùng ảnh không hợp lệ.', 'Invalid region.');
    let [x, y, w, h] = parts as [number, number, number, number];
    if (pct) [x, y, w, h] = [(x * img.width) / 100, (y * img.height) / 100, (w * img.width) / 100, (h * img.height) / 100];
    x = Math.round(x);
    y = Math.round(y);
    w = Math.round(w);
    h = Math.round(h);
    if (w <= 0 || h <= 0 || x >= img.width || y >= img.height) throw bad('Vùng ảnh nằm ngoài ảnh.', 'Region outside the image.');
    r = { x, y, w: Math.min(w, img.width - x), h: Math.min(h, img.height - y) };
  }
  const up = size.startsWith('^');
  const s = up ? size.slice(1) : size;
  let width: number;
  let height: number;
  const m = /^(!)?(\d*),(\d*)$/.exec(s);
  if (s === 'max') {
    const k = Math.min(1, MAX_OUTPUT_SIDE / Math.max(r.w, r.h));
    width = Math.round(r.w * k);
    height = Math.round(r.h * k);
  } else if (s.startsWith('pct:')) {
    const p = Number(s.slice(4));
    if (!Number.isFinite(p) || p <= 0) throw bad('Kích thước không hợp lệ.', 'Invalid size.');
    width = Math.round((r.w * p) / 100);
    height = Math.round((r.h * p) / 100);
  } else if (m && (m[2] || m[3])) {
    const w = m[2] ? Number(m[2]) : 0;
    const h = m[3] ? Number(m[3]) : 0;
    if (m[1]) {
      if (!w || !h) throw bad('Kích thước "!w,h" cần cả rộng và cao.', '!w,h needs both.');
      const k = Math.min(w / r.w, h / r.h);
      width = Math.round(r.w * k);
      height = Math.round(r.h * k);
    } else if (w && h) {
      width = w;
      height = h;
    } else if (w) {
      width = w;
      height = Math.round((r.h * w) / r.w);
    } else {
      height = h;
      width = Math.round((r.w * h) / r.h);
    }
  } else throw bad('Kích thước không hợp lệ.', 'Invalid size.');
  width = Math.max(1, width);
  height = Math.max(1, height);
  if (!up && (width > r.w || height > r.h)) throw bad('Không phóng to ảnh khi không có "^" (IIIF 3.0 §4.2).', 'Upscaling requires ^.');
  if (width > MAX_OUTPUT_SIDE || height > MAX_OUTPUT_SIDE) throw bad(`Kích thước tối đa ${MAX_OUTPUT_SIDE} điểm ảnh mỗi chiều.`, `At most ${MAX_OUTPUT_SIDE} px per side.`);
  const rot = Number(rotation);
  if (![0, 90, 180, 270].includes(rot)) throw bad('Chỉ hỗ trợ xoay 0, 90, 180, 270 độ.', 'Rotation 0, 90, 180 or 270 only.');
  const fm = /^(default|color|gray)\.(jpg|webp|png)$/.exec(file);
  if (!fm) throw bad('Chất lượng/định dạng không hỗ trợ (default|color|gray).(jpg|webp|png).', 'Unsupported quality or format.');
  return { region: r, width, height, rotation: rot as IiifRequest['rotation'], quality: fm[1] as IiifRequest['quality'], format: fm[2] as IiifRequest['format'] };
}

export async function renderIiif(master: Buffer, q: IiifRequest): Promise<Buffer> {
  let p = sharp(master, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
  p = p.extract({ left: q.region.x, top: q.region.y, width: q.region.w, height: q.region.h }).resize(q.width, q.height, { fit: 'fill' });
  if (q.rotation) p = p.rotate(q.rotation);
  if (q.quality === 'gray') p = p.grayscale();
  if (q.format === 'jpg') p = p.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true });
  else if (q.format === 'webp') p = p.webp({ quality: 80 });
  else p = p.png();
  return p.toBuffer();
}

/** Derivatives in memory, least recently used out first; 64 MB holds ~2,000 web-size photos. */
class ByteLru {
  private map = new Map<string, Buffer>();
  private bytes = 0;
  constructor(private readonly max: number) {}
  get(k: string) {
    const v = this.map.get(k);
    if (v) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: string, v: Buffer) {
    if (v.length > this.max / 8) return;
    const old = this.map.get(k);
    if (old) this.bytes -= old.length;
    this.map.set(k, v);
    this.bytes += v.length;
    for (const [key, val] of this.map) {
      if (this.bytes <= this.max) break;
      this.map.delete(key);
      this.bytes -= val.length;
    }
  }
}

const TYPES = { jpg: 'image/jpeg', webp: 'image/webp', png: 'image/png' } as const;
/* Keyed by the HTTP server: each module registers its routes in its own (encapsulated) child
 * instance, and every child of one app shares the one server. */
const installed = new WeakSet<object>();
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The image's base URI (the IIIF `id`). */
export const iiifBase = (id: string) => `/iiif/3/${id}`;
/** A derivative of width `w` (px) in `format`, the common case of pages. */
export const iiifUrl = (id: string, w: number | 'max' = 'max', format: 'jpg' | 'webp' = 'jpg') => `${iiifBase(id)}/full/${w === 'max' ? 'max' : `${w},`}/0/default.${format}`;

/** Registers /iiif/3/… once per app, whichever module asks first. */
export function installIiifRoutes(app: FastifyInstance, s: Services) {
  if (installed.has(app.server)) return;
  installed.add(app.server);
  const cache = new ByteLru(64 * 1024 * 1024);
  // Image rows never change once saved (a new upload is a new row) and are never deleted: every
  // tile of a page asks for the same row, so it is read once (bench/library-iiif.ts). Who may see
  // it is still asked of the owner module on every request.
  const rows = new Map<string, ImageRow>();
  const parsedUrls = new Map<string, { q: IiifRequest; key: string; etag: string }>();
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  async function load(req: FastifyRequest, reply: FastifyReply): Promise<{ img: ImageRow; level: 'public' | 'private' } | null> {
    const { id } = req.params as { id: string };
    const notFound = () => {
      reply.code(404).type('application/problem+json; charset=utf-8').send({ type: 'about:blank', title: 'Ảnh không tồn tại.', status: 404, code: 'CORE-404' });
      return null;
    };
    if (!UUID.test(id)) return notFound();
    let img = rows.get(id);
    if (!img) {
      img = await findImage(s.db, id);
      if (!img) return notFound();
      if (rows.size >= 10_000) rows.clear();
      rows.set(id, img);
    }
    const fn = access.get(img.owner);
    const level = fn ? await fn(s, req.actor, img, req) : false;
    // Not visible reads as not found: the id of an unpublished photo tells nothing.
    if (!level) return notFound();
    return { img, level };
  }

  const cacheHeaders = (reply: FastifyReply, level: 'public' | 'private', etag: string) => {
    reply.header('cache-control', level === 'public' ? IMMUTABLE : 'private, max-age=3600').header('etag', etag).header('vary', 'Cookie');
    if (level === 'public') reply.header('access-control-allow-origin', '*');
  };

  /** info.json of an image: the same bytes for the life of the row (rows never change), so it is
   * serialised once and kept with the row (bench/library-iiif.ts: the cached path does no work
   * beyond the access check). */
  const infos = new Map<string, string>();
  const infoOf = (img: ImageRow) => {
    const base = `${s.config.publicUrl.replace(/\/$/, '')}${iiifBase(img.id)}`;
    const sizes = [200, 400, 800, 1600].filter((w) => w < img.width).map((w) => ({ width: w, height: Math.round((img.height * w) / img.width) }));
    sizes.push(...(Math.max(img.width, img.height) <= MAX_OUTPUT_SIDE ? [{ width: img.width, height: img.height }] : []));
    return {
      '@context': 'http://iiif.io/api/image/3/context.json',
      id: base,
      type: 'ImageService3',
      protocol: 'http://iiif.io/api/image',
      profile: 'level1',
      width: img.width,
      height: img.height,
      maxWidth: MAX_OUTPUT_SIDE,
      maxHeight: MAX_OUTPUT_SIDE,
      sizes,
      tiles: [{ width: TILE, scaleFactors: [1, 2, 4, 8, 16] }],
      preferredFormats: ['webp', 'jpg'],
      extraFormats: ['webp', 'png'],
      extraQualities: ['color', 'gray'],
      extraFeatures: ['regionSquare', 'sizeByConfinedWh', 'sizeByWh', 'rotationBy90s'],
    };
  };

  app.get('/iiif/3/:id', async (req, reply) => reply.redirect(`/iiif/3/${(req.params as { id: string }).id}/info.json`, 303));

  app.get('/iiif/3/:id/info.json', async (req, reply) => {
    const got = await load(req, reply);
    if (!got) return reply;
    const { img, level } = got;
    const etag = `"${img.id}-info"`;
    cacheHeaders(reply, level, etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    let body = infos.get(img.id);
    if (!body) {
      body = JSON.stringify(infoOf(img));
      if (infos.size >= 10_000) infos.clear();
      infos.set(img.id, body);
    }
    return reply.type('application/ld+json;profile="http://iiif.io/api/image/3/context.json"').send(body);
  });

  app.get('/iiif/3/:id/:region/:size/:rotation/:file', async (req, reply) => {
    const got = await load(req, reply);
    if (!got) return reply;
    const { img, level } = got;
    const p = req.params as { region: string; size: string; rotation: string; file: string };
    // the parsed request and its ETag per URL: a viewer asks the same tiles again and again
    const url = `${img.id}/${p.region}/${p.size}/${p.rotation}/${p.file}`;
    let parsed = parsedUrls.get(url);
    if (!parsed) {
      const q = parseIiif(img, p.region, p.size, p.rotation, p.file);
      const key = `${img.id}/${q.region.x},${q.region.y},${q.region.w},${q.region.h}/${q.width},${q.height}/${q.rotation}/${q.quality}.${q.format}`;
      parsed = { q, key, etag: `"${crypto.createHash('sha1').update(key).digest('base64url').slice(0, 22)}"` };
      if (parsedUrls.size >= 20_000) parsedUrls.clear();
      parsedUrls.set(url, parsed);
    }
    const { q, key, etag } = parsed;
    cacheHeaders(reply, level, etag);
    reply.header('link', `<http://iiif.io/api/image/3/level1.json>;rel="profile"`);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    let out = cache.get(key);
    if (!out) {
      const file = await findStoredFile(s.db, img.fileId);
      if (!file) return reply.code(404).send();
      out = await renderIiif(await s.files.read(file.storageKey), q);
      cache.set(key, out);
    }
    return reply.type(TYPES[q.format]).send(out);
  });
}
