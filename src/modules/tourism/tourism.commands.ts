import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext, Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import { tileEquirectangular } from '../../core/images/tiles.js';
import { Check, nfc } from '../../core/validation.js';
import { pagesChanged } from '../../core/web/page-cache.js';
import { tourismPolicy } from './tourism.policy.js';
import * as repo from './tourism.repository.js';
import { type Hotspot, type TourDoc, tourismPanoramas, tourismTiles, tourismTours, tourismTourVersions } from './tourism.schema.js';
import { type DocProblem, normaliseDoc, validateTourDoc } from './tourism.tour.js';

export const TILES_JOB = 'tourism.tiles';
/** Issue 14: panoramas up to 16,000 × 8,000 px (128 MP); a JPEG of that size is 20–60 MB. */
export const MAX_PANO_WIDTH = 16000;
export const MAX_PANO_HEIGHT = 8000;
export const MAX_PANO_BYTES = 80 * 1024 * 1024;

const CODE_RE = /^[A-Z0-9-]{2,40}$/;

export function docError(problems: DocProblem[]): AppError {
  const first = problems[0]!;
  const fields = Object.fromEntries(problems.map((x) => [x.path, { vi: x.vi, en: x.en }]));
  const err = new AppError('TOURISM-120', 400, `Tour không hợp lệ tại ${first.path}: ${first.vi}`, `Invalid tour at ${first.path}: ${first.en}`, fields);
  (err as AppError & { problems?: DocProblem[] }).problems = problems;
  return err;
}

export async function createTour(ctx: CommandContext, input: { code?: string; title?: string; titleEn?: string; summary?: string }) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const code = nfc(input.code).toUpperCase();
  const title = nfc(input.title);
  const c = new Check();
  if (!CODE_RE.test(code)) c.add('code', 'Mã tour gồm chữ in hoa không dấu, số, gạch ngang (2–40 ký tự), ví dụ TOUR-DEN-HUNG.', 'Code: uppercase letters, digits, hyphens.');
  c.required('title', title, 'tên tour', 'the title').maxLength('title', title, 200, 'Tên tour');
  if (!c.ok) throw Errors.validation(c.errors);
  return transaction(ctx.services.pool, async (tx) => {
    if (await repo.findTourByCode(tx, code)) throw Errors.validation({ code: { vi: `Mã tour ${code} đã có.`, en: 'This code exists.' } });
    const [tour] = await tx
      .insert(tourismTours)
      .values({ code, title, titleEn: nfc(input.titleEn), summary: nfc(input.summary), draft: { start: '', scenes: [] } })
      .returning();
    await writeAudit(tx, ctx, { action: 'tourism.tour_create', entity: 'tourism_tour', entityId: tour!.id, summary: { code } });
    return tour!;
  });
}

/**
 * Checks a panorama from its bytes: a JPEG (type sniffed, never the extension), exactly 2:1, at
 * most 16,000 × 8,000. Answers in Vietnamese with what is wrong.
 */
export async function checkPanorama(data: Buffer, truncated = false): Promise<{ width: number; height: number }> {
  const bad = (vi: string, en: string, status = 400) => new AppError('TOURISM-110', status, vi, en, { file: { vi, en } });
  if (!data.length) throw bad('Vui lòng chọn ảnh toàn cảnh 360° (JPEG).', 'Choose a 360° panorama (JPEG).');
  if (truncated || data.length > MAX_PANO_BYTES) throw bad(`Tệp quá lớn: tối đa ${MAX_PANO_BYTES / 1048576} MB.`, 'File too large.', 413);
  // JPEG starts with FF D8 FF (JFIF/Exif); the type comes from the bytes, not the name.
  if (!(data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)) throw bad('Tệp không phải ảnh JPEG. Ảnh toàn cảnh phải là JPEG hình chữ nhật tỉ lệ 2:1.', 'Not a JPEG image.', 415);
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch {
    throw bad('Không đọc được ảnh (tệp hỏng).', 'The image cannot be read.', 415);
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (meta.format !== 'jpeg') throw bad('Tệp không phải ảnh JPEG.', 'Not a JPEG image.', 415);
  if (w > MAX_PANO_WIDTH || h > MAX_PANO_HEIGHT) throw bad(`Ảnh ${w} × ${h} điểm ảnh quá lớn: tối đa ${MAX_PANO_WIDTH} × ${MAX_PANO_HEIGHT}.`, `Image ${w}×${h} too large (max 16000×8000).`, 413);
  if (w !== 2 * h) throw bad(`Ảnh ${w} × ${h} không phải ảnh toàn cảnh 360° (chiều rộng phải gấp đôi chiều cao, tỉ lệ 2:1).`, `Image ${w}×${h} is not 2:1 equirectangular.`);
  if (w < 512) throw bad('Ảnh quá nhỏ: chiều rộng tối thiểu 512 điểm ảnh.', 'Image too small (min width 512).');
  return { width: w, height: h };
}

/** Upload: stores the master, adds a scene to the draft and enqueues the tiling in one transaction. */
export async function uploadPanorama(ctx: CommandContext, tourId: string, input: { data: Buffer; filename: string; title?: string; truncated?: boolean }) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const tour = await repo.findTour(ctx.services.db, tourId);
  if (!tour) throw Errors.notFound('Tour');
  const title = nfc(input.title) || nfc(input.filename).replace(/\.[a-z]+$/i, '') || 'Cảnh';
  const size = await checkPanorama(input.data, input.truncated);
  return transaction(ctx.services.pool, async (tx) => {
    const file = await ctx.services.files.save(tx, { data: input.data, originalName: input.filename || 'panorama.jpg', allowed: ['image/jpeg'], maxBytes: MAX_PANO_BYTES, createdBy: ctx.actor.userId ?? null });
    const [pano] = await tx
      .insert(tourismPanoramas)
      .values({ tourId, title, fileId: file.id, width: size.width, height: size.height, createdBy: ctx.actor.userId ?? null })
      .returning({ id: tourismPanoramas.id });
    const current = (await tx.select().from(tourismTours).where(eq(tourismTours.id, tourId)).for('update'))[0]!;
    const doc = current.draft;
    let n = doc.scenes.length + 1;
    while (doc.scenes.some((s) => s.id === `canh-${n}`)) n++;
    const scene = { id: `canh-${n}`, title: title.slice(0, 200), panoramaId: pano!.id, initial: { yaw: 0, pitch: 0 }, hotspots: [] };
    const next: TourDoc = { start: doc.start || scene.id, scenes: [...doc.scenes, scene] };
    await tx.update(tourismTours).set({ draft: next, draftVersion: current.draftVersion + 1, updatedAt: new Date() }).where(eq(tourismTours.id, tourId));
    await ctx.services.jobs.sendInTx(tx, TILES_JOB, { panoramaId: pano!.id });
    await writeAudit(tx, ctx, { action: 'tourism.panorama_upload', entity: 'tourism_tour', entityId: tourId, summary: { panorama: pano!.id, width: size.width, height: size.height, scene: scene.id } });
    return { panoramaId: pano!.id, sceneId: scene.id };
  });
}

/** Replaces the draft after validation; `expectedVersion` guards against two editors at once. */
export async function saveDraft(ctx: CommandContext, tourId: string, doc: unknown, expectedVersion?: number) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const tour = (await tx.select().from(tourismTours).where(eq(tourismTours.id, tourId)).for('update'))[0];
    if (!tour) throw Errors.notFound('Tour');
    if (expectedVersion !== undefined && expectedVersion !== tour.draftVersion) throw Errors.conflict();
    const panos = new Set((await repo.panoramasOf(tx, tourId)).map((p) => p.id));
    const problems = validateTourDoc(doc, panos);
    if (problems.length) throw docError(problems);
    const clean = normaliseDoc(doc as TourDoc);
    await tx.update(tourismTours).set({ draft: clean, draftVersion: tour.draftVersion + 1, updatedAt: new Date() }).where(eq(tourismTours.id, tourId));
    await writeAudit(tx, ctx, { action: 'tourism.tour_draft', entity: 'tourism_tour', entityId: tourId, summary: { version: tour.draftVersion + 1, scenes: clean.scenes.length } });
    return { version: tour.draftVersion + 1, doc: clean };
  });
}

async function editDraft(ctx: CommandContext, tourId: string, fn: (doc: TourDoc) => TourDoc) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const tour = await repo.findTour(ctx.services.db, tourId);
  if (!tour) throw Errors.notFound('Tour');
  return saveDraft(ctx, tourId, fn(structuredClone(tour.draft)), tour.draftVersion);
}

const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? Number.NaN : Number(v.replace(',', '.')));

/** Scene title and initial view from the editor's form. */
export async function updateScene(ctx: CommandContext, tourId: string, sceneId: string, input: Record<string, string>) {
  const c = new Check();
  const yaw = num(input.initialYaw);
  const pitch = num(input.initialPitch);
  if (!nfc(input.sceneTitle)) c.add('sceneTitle', 'Vui lòng nhập tên cảnh.', 'Enter the scene title.');
  if (!(yaw >= -180 && yaw <= 360)) c.add('initialYaw', 'Hướng nhìn (yaw) là số độ từ −180 đến 360.', 'yaw: degrees −180…360.');
  if (!(pitch >= -90 && pitch <= 90)) c.add('initialPitch', 'Góc ngẩng (pitch) là số độ từ −90 đến 90.', 'pitch: degrees −90…90.');
  if (!c.ok) throw Errors.validation(c.errors);
  return editDraft(ctx, tourId, (doc) => {
    const s = doc.scenes.find((x) => x.id === sceneId);
    if (!s) throw Errors.notFound('Cảnh');
    s.title = nfc(input.sceneTitle);
    s.titleEn = nfc(input.sceneTitleEn) || undefined;
    s.initial = { yaw, pitch };
    if (input.start === '1') doc.start = s.id;
    return doc;
  });
}

/** A hotspot from the editor's form; a link to a scene that is not in the tour is refused. */
export async function addHotspot(ctx: CommandContext, tourId: string, sceneId: string, input: Record<string, string>) {
  const c = new Check();
  const kind = input.kind as Hotspot['kind'];
  const yaw = num(input.yaw);
  const pitch = num(input.pitch);
  if (!['scene', 'info', 'destination'].includes(kind)) c.add('kind', 'Vui lòng chọn loại điểm nóng.', 'Choose the hotspot kind.');
  if (!(yaw >= -180 && yaw <= 360)) c.add('yaw', 'Hướng (yaw) là số độ từ −180 đến 360.', 'yaw: degrees −180…360.');
  if (!(pitch >= -90 && pitch <= 90)) c.add('pitch', 'Góc ngẩng (pitch) là số độ từ −90 đến 90.', 'pitch: degrees −90…90.');
  if (!nfc(input.title)) c.add('title', 'Vui lòng nhập nhãn điểm nóng (người không dùng JavaScript đọc nhãn này).', 'Enter the hotspot label.');
  const target = kind === 'scene' ? nfc(input.targetScene) : kind === 'destination' ? nfc(input.targetDestination).toUpperCase() : '';
  if (kind === 'scene' && !target) c.add('targetScene', 'Vui lòng chọn cảnh được liên kết.', 'Choose the linked scene.');
  if (kind === 'destination') {
    if (!target || !(await repo.findDestination(ctx.services.db, target))) c.add('targetDestination', 'Vui lòng chọn một điểm đến có trong danh mục.', 'Choose an existing destination.');
  }
  if (!c.ok) throw Errors.validation(c.errors);
  try {
    return await editDraft(ctx, tourId, (doc) => {
      const s = doc.scenes.find((x) => x.id === sceneId);
      if (!s) throw Errors.notFound('Cảnh');
      let n = s.hotspots.length + 1;
      while (s.hotspots.some((h) => h.id === `diem-${n}`)) n++;
      s.hotspots.push({ id: `diem-${n}`, kind, yaw, pitch, title: nfc(input.title), ...(nfc(input.text) ? { text: nfc(input.text) } : {}), ...(target ? { target } : {}) });
      return doc;
    });
  } catch (err) {
    // The document check names a JSON path; the form names its field.
    if (err instanceof AppError && err.code === 'TOURISM-120') {
      const p = (err as AppError & { problems?: DocProblem[] }).problems?.find((x) => x.path.endsWith('.target'));
      if (p) throw Errors.validation({ targetScene: { vi: p.vi, en: p.en } });
    }
    throw err;
  }
}

export async function removeHotspot(ctx: CommandContext, tourId: string, sceneId: string, hotspotId: string) {
  return editDraft(ctx, tourId, (doc) => {
    const s = doc.scenes.find((x) => x.id === sceneId);
    if (!s) throw Errors.notFound('Cảnh');
    s.hotspots = s.hotspots.filter((h) => h.id !== hotspotId);
    return doc;
  });
}

/** Publishing copies the draft into a new numbered version; the public page shows the latest. */
export async function publishTour(ctx: CommandContext, tourId: string) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const out = await transaction(ctx.services.pool, async (tx) => {
    const tour = (await tx.select().from(tourismTours).where(eq(tourismTours.id, tourId)).for('update'))[0];
    if (!tour) throw Errors.notFound('Tour');
    const panos = await repo.panoramasOf(tx, tourId);
    const problems = validateTourDoc(tour.draft, new Set(panos.map((p) => p.id)));
    if (problems.length) throw docError(problems);
    if (!tour.draft.scenes.length) throw new AppError('TOURISM-121', 409, 'Tour chưa có cảnh nào: hãy tải lên ít nhất một ảnh 360°.', 'The tour has no scene.');
    const used = new Set(tour.draft.scenes.map((s) => s.panoramaId));
    const notReady = panos.filter((p) => used.has(p.id) && p.status !== 'ready');
    if (notReady.length) throw new AppError('TOURISM-122', 409, `Còn ${notReady.length} ảnh 360° đang xử lý hoặc lỗi: chờ xử lý xong rồi công bố.`, 'Some panoramas are not tiled yet.');
    const version = (tour.publishedVersion ?? 0) + 1;
    await tx.insert(tourismTourVersions).values({ tourId, version, doc: tour.draft, publishedBy: ctx.actor.userId ?? null });
    await tx.update(tourismTours).set({ publishedVersion: version, publishedAt: new Date(), updatedAt: new Date() }).where(eq(tourismTours.id, tourId));
    await writeAudit(tx, ctx, { action: 'tourism.tour_publish', entity: 'tourism_tour', entityId: tourId, summary: { version, scenes: tour.draft.scenes.length } });
    return { version };
  });
  // A destination page lists its tours and takes its Open Graph image from the first one.
  await pagesChanged(ctx.services);
  return out;
}

/**
 * The tiling job: multi-resolution tiles and the preview, stored in PostgreSQL (every node serves
 * them; a 16,000 px panorama is 168 tiles of 1,000 px in 3 levels). A panorama without a file is a demo one, drawn here.
 */
export async function tilePanorama(s: Services, panoramaId: string, draw?: (p: repo.Panorama) => Promise<Buffer>): Promise<void> {
  const pano = await repo.findPanorama(s.db, panoramaId);
  if (!pano || pano.status === 'ready') return;
  try {
    let data: Buffer;
    if (pano.fileId) {
      const f = await s.db.execute<{ storage_key: string }>(sql`SELECT storage_key FROM stored_files WHERE id = ${pano.fileId}`);
      data = await s.files.read(f.rows[0]!.storage_key);
    } else if (draw) data = await draw(pano);
    else throw new Error('no file');
    await s.db.delete(tourismTiles).where(eq(tourismTiles.panoramaId, panoramaId));
    let batch: (typeof tourismTiles.$inferInsert)[] = [];
    const flush = async () => {
      if (batch.length) await s.db.insert(tourismTiles).values(batch).onConflictDoNothing();
      batch = [];
    };
    const out = await tileEquirectangular(data, async (level, col, row, tile) => {
      batch.push({ panoramaId, level, col, row, data: tile });
      if (batch.length >= 32) await flush();
    });
    await flush();
    await s.db.update(tourismPanoramas).set({ status: 'ready', levels: out.levels, preview: out.preview, error: null }).where(eq(tourismPanoramas.id, panoramaId));
  } catch (err) {
    await s.db
      .update(tourismPanoramas)
      .set({ status: 'failed', error: String((err as Error).message).slice(0, 300) })
      .where(eq(tourismPanoramas.id, panoramaId));
  }
}

export async function pendingPanoramas(s: Services): Promise<string[]> {
  const r = await s.db.execute<{ id: string }>(sql`SELECT id FROM tourism_panoramas WHERE status = 'pending' ORDER BY created_at LIMIT 20`);
  return r.rows.map((x) => x.id);
}
