import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError, Errors } from '../../core/errors.js';
import { installIiifRoutes, registerImageAccess } from '../../core/images/images.js';
import { UUID_RE, nfc } from '../../core/validation.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { decide, forgetItem, itemView } from './library.items.access.js';
import { installReaderAssets } from './library.items.assets.js';
import { type Upload, addPages, createItem, detectTools, movePage, setPageText, setReadingRoom, updateItem } from './library.items.commands.js';
import { buildManifest, buildSearchAnswer, fold, queryTerms, searchPages } from './library.items.iiif.js';
import * as repo from './library.items.repository.js';
import { libraryPolicy } from './library.policy.js';
import { ReaderDeniedPage, ReaderPage } from './pages/reader.js';
import { ITEMS_HOME, ItemAdminPage, type ItemForm, ItemsHomePage, NewItemPage, type RecordChoice, PageTextPage, rangesText } from './pages/reader-staff.js';

/** Upload bounds: a batch of 50 scans of ≤ 25 MB each (core images' MAX_IMAGE_BYTES). */
const MAX_FILES = 50;
const MAX_FILE_BYTES = 25 * 1024 * 1024;
const JSONLD_PRESENTATION = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"';
const JSONLD_SEARCH = 'application/ld+json;profile="http://iiif.io/api/search/2/context.json"';
/** Anonymous reading and searching: generous for a reader, a wall for a scraper. */
const READ_LIMIT = { rateLimit: { max: 240, timeWindow: '1 minute' } };
const SEARCH_LIMIT = { rateLimit: { max: 120, timeWindow: '1 minute' } };

const RIGHTS_VI: Record<string, string> = {
  'http://rightsstatements.org/vocab/InC/1.0/': 'Có bản quyền',
  'http://rightsstatements.org/vocab/InC-EDU/1.0/': 'Có bản quyền — được dùng cho giáo dục',
  'http://rightsstatements.org/vocab/NoC-US/1.0/': 'Không còn bản quyền',
  'http://creativecommons.org/publicdomain/mark/1.0/': 'Phạm vi công cộng',
};
const rightsLabel = (uri: string) => RIGHTS_VI[uri] ?? uri;

function problem(reply: FastifyReply, status: number, code: string, title: string) {
  return reply.code(status).type('application/problem+json; charset=utf-8').send({ type: 'about:blank', title, status, code });
}

async function readUploads(req: FastifyRequest): Promise<Upload[]> {
  if (!req.isMultipart()) throw Errors.badRequest('Biểu mẫu tải tệp không hợp lệ.', 'Expected multipart/form-data.');
  const out: Upload[] = [];
  const opts = { throwFileSizeLimit: false, limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES } } as Parameters<typeof req.parts>[0];
  for await (const part of req.parts(opts)) {
    if (part.type === 'file' && part.fieldname === 'file') {
      const data = await part.toBuffer();
      out.push({ data, filename: part.filename ?? '', truncated: part.file.truncated });
    } else if (part.type === 'file') await part.toBuffer();
  }
  return out;
}

export async function libraryItemsRoutes(app: FastifyInstance, s: Services) {
  installIiifRoutes(app, s);
  const tools = detectTools();
  const assets = installReaderAssets(app);
  const origin = () => s.config.publicUrl.replace(/\/$/, '');

  // Page images: as open as the item (public → anyone; reading room → staff or the room's
  // addresses; restricted → staff). Anything else reads as not found.
  registerImageAccess('library', async (svc, actor, img, req) => {
    const view = await itemView(svc, img.ownerId);
    if (!view) return false;
    const d = await decide(svc, actor, req, view);
    return d === 'denied' ? false : d;
  });

  /** The item for a public route, or null after answering 404 (restricted looks like absent). */
  async function visible(req: FastifyRequest) {
    const { itemId } = req.params as { itemId: string };
    if (!UUID_RE.test(itemId)) return null;
    const view = await itemView(s, itemId);
    if (!view) return null;
    const d = await decide(s, req.actor, req, view);
    return d ? { ...view, decision: d } : null;
  }
  const cacheFor = (reply: FastifyReply, d: string) => reply.header('cache-control', d === 'public' ? 'public, max-age=300' : 'private, no-store').header('vary', 'Cookie');

  // ── IIIF Presentation 3.0 and Content Search 2.0 ─────────────────────────────
  app.get('/iiif/manifests/:itemId', { config: READ_LIMIT }, async (req, reply) => {
    const v = await visible(req);
    if (!v) return problem(reply, 404, 'CORE-404', 'Bản số hóa không tồn tại.');
    if (v.decision === 'denied') return problem(reply, 403, 'LIB-403', 'Tài liệu chỉ đọc được tại phòng đọc của thư viện.');
    const pages = await repo.pageImagesOf(s.db, v.item.id);
    cacheFor(reply, v.decision);
    if (v.decision === 'public') reply.header('access-control-allow-origin', '*');
    return reply.type(JSONLD_PRESENTATION).send(buildManifest(origin(), v.item, v.record, pages));
  });

  app.get('/iiif/search/:itemId', { config: SEARCH_LIMIT }, async (req, reply) => {
    const v = await visible(req);
    if (!v) return problem(reply, 404, 'CORE-404', 'Bản số hóa không tồn tại.');
    if (v.decision === 'denied') return problem(reply, 403, 'LIB-403', 'Tài liệu chỉ đọc được tại phòng đọc của thư viện.');
    const q = nfc((req.query as Record<string, unknown>).q).slice(0, 200);
    if (!queryTerms(q).length) return problem(reply, 400, 'LIB-SEARCH-400', 'Vui lòng nhập từ cần tìm (ít nhất 2 ký tự), tham số q.');
    const pages = await repo.pagesOf(s.db, v.item.id);
    const hits = searchPages(pages, q);
    cacheFor(reply, v.decision);
    if (v.decision === 'public') reply.header('access-control-allow-origin', '*');
    return reply.type(JSONLD_SEARCH).send(buildSearchAnswer(origin(), v.item.id, q, hits, pages));
  });

  // ── The reader ───────────────────────────────────────────────────────────
  app.get('/thu-vien/doc/:itemId', { config: READ_LIMIT }, async (req, reply) => {
    const v = await visible(req);
    if (!v) throw Errors.notFound('Bản số hóa');
    if (v.decision === 'denied') return reply.html(<ReaderDeniedPage ctx={reply.page(req)} item={v.item} record={v.record} />, 403);
    const query = req.query as Record<string, unknown>;
    const q = nfc(query.q).slice(0, 200);
    const pages = await repo.pagesOf(s.db, v.item.id);
    if (!pages.length) throw Errors.notFound('Bản số hóa');
    const asked = Number(nfc(query.trang) || '1');
    const n = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), pages.length) : 1;
    const hits = queryTerms(q).length ? searchPages(pages, q) : null;
    cacheFor(reply, v.decision);
    return reply.html(
      <ReaderPage
        ctx={reply.page(req)}
        assets={assets}
        item={v.item}
        record={v.record}
        pages={pages}
        current={pages.find((p) => p.seq === n)!}
        q={q}
        hits={hits}
        rightsLabel={rightsLabel(v.item.rights)}
      />,
    );
  });

  // ── Staff ────────────────────────────────────────────────────────────────
  const guard = (req: FastifyRequest) => libraryPolicy.requireManage(req.actor);
  const itemParam = (req: FastifyRequest) => {
    const { id } = req.params as { id: string };
    if (!UUID_RE.test(id)) throw Errors.notFound('Bản số hóa');
    return id;
  };

  async function home(req: FastifyRequest, reply: FastifyReply, extra: { roomValues?: ItemForm; errors?: Record<string, { vi: string; en: string }>; message?: string; status?: number } = {}) {
    const [items, rooms] = await Promise.all([repo.listItems(s.db), repo.listReadingRooms(s.db)]);
    return reply.html(<ItemsHomePage ctx={reply.page(req)} items={items} rooms={rooms} tools={tools} {...extra} />, extra.status ?? 200);
  }
  app.get(ITEMS_HOME, async (req, reply) => {
    guard(req);
    return home(req, reply);
  });
  app.post(`${ITEMS_HOME}/phong-doc`, async (req, reply) => {
    const body = formBody(req);
    try {
      await setReadingRoom(commandContext(req, s), body);
      return reply.flash('Đã lưu phòng đọc.').redirect(ITEMS_HOME, 303);
    } catch (err) {
      const f = formErrors(err);
      return home(req, reply, { roomValues: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  async function findRecords(q: string): Promise<RecordChoice[]> {
    const like = `%${fold(q).replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const r = await s.db.execute<{ id: string; title: string; year: number | null }>(
      sql`SELECT id, title, year FROM library_records WHERE deleted_at IS NULL AND public.vh_unaccent(lower(title)) LIKE ${like} ORDER BY title LIMIT 30`,
    );
    return r.rows;
  }
  async function recordChoice(id: string): Promise<RecordChoice | undefined> {
    if (!UUID_RE.test(id)) return undefined;
    const r = await s.db.execute<{ id: string; title: string; year: number | null }>(sql`SELECT id, title, year FROM library_records WHERE id = ${id} AND deleted_at IS NULL`);
    return r.rows[0];
  }

  app.get(`${ITEMS_HOME}/moi`, async (req, reply) => {
    guard(req);
    const query = req.query as Record<string, unknown>;
    const q = nfc(query.q).slice(0, 100);
    const record = await recordChoice(nfc(query['ban-ghi']));
    const choices = q && !record ? await findRecords(q) : [];
    return reply.html(<NewItemPage ctx={reply.page(req)} q={q} choices={choices} record={record} values={record ? { label: record.title } : {}} />);
  });
  app.post(`${ITEMS_HOME}/moi`, async (req, reply) => {
    const body = formBody(req);
    try {
      const item = await createItem(commandContext(req, s), body);
      return reply.flash('Đã tạo bản số hóa. Hãy tải lên các trang.').redirect(`${ITEMS_HOME}/${item.id}`, 303);
    } catch (err) {
      const f = formErrors(err);
      const record = await recordChoice(nfc(body.recordId));
      return reply.html(<NewItemPage ctx={reply.page(req)} q="" choices={[]} record={record} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });

  async function adminPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { values?: ItemForm; errors?: Record<string, { vi: string; en: string }>; message?: string; uploadErrors?: Record<string, { vi: string; en: string }>; uploadMessage?: string; status?: number } = {}) {
    const item = await repo.findItem(s.db, id);
    if (!item) throw Errors.notFound('Bản số hóa');
    const [pages, rec] = await Promise.all([repo.pagesOf(s.db, id), recordChoice(item.recordId)]);
    const values = extra.values ?? { label: item.label, labelEn: item.labelEn, access: item.access, rights: item.rights, attribution: item.attribution, ranges: rangesText(item) };
    return reply.html(<ItemAdminPage ctx={reply.page(req)} item={item} recordTitle={rec?.title ?? ''} pages={pages} tools={tools} {...extra} values={values} />, extra.status ?? 200);
  }
  app.get(`${ITEMS_HOME}/:id`, async (req, reply) => {
    guard(req);
    return adminPage(req, reply, itemParam(req));
  });
  app.post(`${ITEMS_HOME}/:id`, async (req, reply) => {
    const id = itemParam(req);
    const body = formBody(req);
    try {
      await updateItem(commandContext(req, s), id, body);
      forgetItem(id);
      return reply.flash('Đã lưu thông tin bản số hóa.').redirect(`${ITEMS_HOME}/${id}`, 303);
    } catch (err) {
      const f = formErrors(err);
      return adminPage(req, reply, id, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });
  app.post(`${ITEMS_HOME}/:id/trang`, async (req, reply) => {
    const id = itemParam(req);
    try {
      const ctx = commandContext(req, s);
      guard(req);
      const uploads = await readUploads(req);
      const n = await addPages(ctx, id, uploads);
      forgetItem(id);
      return reply.flash(`Đã thêm ${n} trang.`).redirect(`${ITEMS_HOME}/${id}`, 303);
    } catch (err) {
      const f = formErrors(err);
      return adminPage(req, reply, id, { uploadErrors: f.errors, uploadMessage: f.message || (err instanceof AppError ? err.vi : ''), status: f.status });
    }
  });
  const seqParam = (req: FastifyRequest) => {
    const seq = Number((req.params as { seq: string }).seq);
    if (!Number.isInteger(seq) || seq < 1 || seq > 100_000) throw Errors.notFound('Trang');
    return seq;
  };
  app.get(`${ITEMS_HOME}/:id/trang/:seq`, async (req, reply) => {
    guard(req);
    const id = itemParam(req);
    const [item, page] = await Promise.all([repo.findItem(s.db, id), repo.findPage(s.db, id, seqParam(req))]);
    if (!item || !page) throw Errors.notFound('Trang');
    return reply.html(<PageTextPage ctx={reply.page(req)} item={item} page={page} value={page.text} />);
  });
  app.post(`${ITEMS_HOME}/:id/trang/:seq`, async (req, reply) => {
    const id = itemParam(req);
    const seq = seqParam(req);
    const body = formBody(req);
    try {
      await setPageText(commandContext(req, s), id, seq, body.text ?? '');
      return reply.flash(`Đã lưu văn bản trang ${seq}.`).redirect(`${ITEMS_HOME}/${id}`, 303);
    } catch (err) {
      const f = formErrors(err);
      const [item, page] = await Promise.all([repo.findItem(s.db, id), repo.findPage(s.db, id, seq)]);
      if (!item || !page) throw err;
      return reply.html(<PageTextPage ctx={reply.page(req)} item={item} page={page} value={body.text ?? ''} errors={f.errors} message={f.message} />, f.status);
    }
  });
  app.post(`${ITEMS_HOME}/:id/trang/:seq/chuyen`, async (req, reply) => {
    const id = itemParam(req);
    const body = formBody(req);
    await movePage(commandContext(req, s), id, seqParam(req), body.huong === 'up' ? 'up' : 'down');
    return reply.flash('Đã đổi thứ tự trang.').redirect(`${ITEMS_HOME}/${id}`, 303);
  });
}

