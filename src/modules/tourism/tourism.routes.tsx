import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Services } from '../../core/context.js';
import { AppError, Errors } from '../../core/errors.js';
import { iiifUrl } from '../../core/images/images.js';
import { UUID_RE, nfc, vnIsoDate } from '../../core/validation.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import type { PageContext } from '../../core/web/page.js';
import { PageCache, sendCachedPage } from '../../core/web/page-cache.js';
import { visitorsNow } from '../devices/index.js';
import { installTourismAssets } from './tourism.assets.js';
import { catalogueRoutes } from './tourism.catalogue.routes.js';
import { addHotspot, createTour, publishTour, removeHotspot, saveDraft, updateScene, uploadPanorama } from './tourism.commands.js';
import { icalendar, occurrenceIn, upcoming } from './tourism.events.js';
import { isOpenAt } from './tourism.labels.js';
import { tourismPolicy } from './tourism.policy.js';
import * as repo from './tourism.repository.js';
import type { TileLevel } from './tourism.schema.js';
import {
  type DestinationFilter,
  DestinationListPage,
  DestinationPage,
  EventPage,
  EventsPage,
  ItinerariesPage,
  ItineraryPage,
  photoWidth,
  TourPage,
  ToursPage,
  viewerScenes,
} from './pages/tourism-public.js';
import { type EditorForm, StaffHomePage, TourEditorPage } from './pages/tourism-staff.js';

const CODE_RE = /^[A-Z0-9-]{2,40}$/;
const SCENE_RE = /^[a-z0-9][a-z0-9-]{0,39}$/;
const PUBLIC_CACHE = 'public, max-age=60';
const MAX_UPLOAD = 80 * 1024 * 1024;

/** The same page in English (the layout and t() follow ctx.lang), as the portal's English side does. */
function english(reply: FastifyReply, req: FastifyRequest): PageContext {
  const base = reply.page(req);
  return Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(base), lang: { value: 'en' }, t: { value: (_vi: string, en: string) => en } }) as PageContext;
}

export async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart()) throw Errors.badRequest('Biểu mẫu tải tệp không hợp lệ.', 'Expected multipart/form-data.');
  const fields: Record<string, string> = {};
  let data: Buffer = Buffer.alloc(0);
  let filename = '';
  let truncated = false;
  const opts = { throwFileSizeLimit: false, limits: { fileSize: MAX_UPLOAD, files: 1 } } as Parameters<typeof req.parts>[0];
  for await (const part of req.parts(opts)) {
    if (part.type === 'file') {
      const buf = await part.toBuffer();
      if (part.fieldname === 'file') {
        data = buf;
        filename = part.filename ?? '';
        truncated = part.file.truncated;
      }
    } else if (part.fieldname !== '_csrf') fields[part.fieldname] = String(part.value ?? '');
  }
  return { fields, data, filename, truncated };
}

export async function tourismRoutes(app: FastifyInstance, s: Services) {
  installTourismAssets(app);
  catalogueRoutes(app, s, readUpload);
  const publicUrl = s.config.publicUrl;
  const tiles = { tileUrl: s.config.feedback.mapTileUrl, attribution: s.config.feedback.mapAttribution };

  function filterOf(req: FastifyRequest): DestinationFilter {
    const q = req.query as Record<string, string | undefined>;
    const pick = (v: string | undefined) => (v && /^[a-z0-9_-]{1,40}$/i.test(v) ? v : undefined);
    return { q: nfc(q.q).slice(0, 100) || undefined, category: pick(q['danh-muc']), area: pick(q['dia-ban']), openNow: q['mo-cua'] === 'on', free: q['mien-phi'] === 'on' };
  }

  const fold = (x: string) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

  async function listPage(req: FastifyRequest, reply: FastifyReply, ctx: PageContext) {
    const f = filterOf(req);
    const now = new Date();
    const all = await repo.listDestinations(s.db);
    const areas = [...new Map(all.filter((d) => d.adminUnitCode).map((d) => [d.adminUnitCode!, { code: d.adminUnitCode!, name: d.adminUnitName ?? d.adminUnitCode! }])).values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const q = f.q ? fold(f.q) : '';
    const rows = all.filter(
      (d) =>
        (!f.category || d.category === f.category) &&
        (!f.area || d.adminUnitCode === f.area) &&
        (!f.free || d.priceVnd === 0) &&
        (!f.openNow || isOpenAt(d.openingHours, now)) &&
        (!q || fold(`${d.name} ${d.nameEn} ${d.summary} ${d.summaryEn}`).includes(q)),
    );
    const qs = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    return reply.html(<DestinationListPage ctx={ctx} publicUrl={publicUrl} destinations={rows} filter={f} areas={areas} now={now} pair={{ vi: `/du-lich${qs}`, en: `/en/travel${qs}` }} {...tiles} />);
  }
  app.get('/du-lich', (req, reply) => listPage(req, reply, reply.page(req)));
  app.get('/en/travel', (req, reply) => listPage(req, reply, english(reply, req)));

  // Destination pages for anonymous visitors are kept rendered (core/web/page-cache.ts): emptied
  // when a tour is published; the 60 s TTL bounds how old the museum's visitor counts can be.
  const pageCache = new PageCache(s, { ttlMs: 60_000 });
  app.addHook('onClose', async () => pageCache.dispose());
  function destinationPage(req: FastifyRequest, reply: FastifyReply, ctx: PageContext) {
    const { code } = req.params as { code: string };
    if (!CODE_RE.test(code)) throw Errors.notFound(ctx.t('Điểm đến', 'Destination'));
    // The rendering uses this ctx (English or not), never the cache's own, so the key holds the language.
    return sendCachedPage(req, reply, pageCache, `destination|${ctx.lang}|${code}`, () => destinationView(code, ctx));
  }
  async function destinationView(code: string, ctx: PageContext) {
    const d = await repo.findDestination(s.db, code);
    if (!d?.published) throw Errors.notFound(ctx.t('Điểm đến', 'Destination'));
    // Counts from the devices module's public query (never its tables); a page without cameras
    // or with the counting down still renders.
    const [events, tours, visitors] = await Promise.all([
      repo.listEvents(s.db),
      repo.listTours(s.db, true),
      d.cameraSite ? visitorsNow(s, d.cameraSite).catch(() => undefined) : undefined,
    ]);
    const mine = upcoming(
      events.filter((e) => e.destinationCode === d.code),
      vnIsoDate(),
      1,
    );
    const tourRows = tours.filter((x) => x.destinationCode === d.code);
    // The first photo is the page's image; without one, the first tour's panorama preview.
    const image = d.photos[0] ? iiifUrl(d.photos[0].imageId, photoWidth(d.photos[0])) : tourRows[0] ? `/du-lich/anh-360/${tourRows[0].draft.scenes[0]?.panoramaId}/xem-truoc.jpg` : undefined;
    return (<DestinationPage ctx={ctx} publicUrl={publicUrl} d={d} events={mine} tours={tourRows} visitors={visitors} now={new Date()} pair={{ vi: `/du-lich/diem-den/${d.code}`, en: `/en/travel/${d.code}` }} image={image} />);
  }

  async function eventsPage(_req: FastifyRequest, reply: FastifyReply, ctx: PageContext) {
    const items = upcoming(await repo.listEvents(s.db), vnIsoDate(), 1);
    return reply.html(<EventsPage ctx={ctx} publicUrl={publicUrl} items={items} pair={{ vi: '/du-lich/su-kien', en: '/en/travel/events' }} />);
  }
  app.get('/du-lich/su-kien', (req, reply) => eventsPage(req, reply, reply.page(req)));
  app.get('/en/travel/events', (req, reply) => eventsPage(req, reply, english(reply, req)));

  // This year and the next two (or from ?tu-nam=YYYY, within ten years): a subscribed calendar
  // refreshes long before the window ends.
  const icsYears = (from: string, req?: FastifyRequest) => {
    const now = Number(from.slice(0, 4));
    const asked = Number((req?.query as Record<string, string> | undefined)?.['tu-nam']);
    const y = Number.isInteger(asked) && Math.abs(asked - now) <= 10 ? asked : now;
    return [y, y + 1, y + 2];
  };
  app.get('/du-lich/su-kien.ics', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (req, reply) => {
    const lang = (req.query as Record<string, string>).lang === 'en' ? 'en' : 'vi';
    const events = await repo.listEvents(s.db);
    const occ = icsYears(vnIsoDate(), req).flatMap((y) => events.map((e) => occurrenceIn(e, y)).filter((o) => !!o));
    occ.sort((a, b) => a.start.localeCompare(b.start));
    const name = lang === 'en' ? 'Events and festivals' : 'Sự kiện, lễ hội du lịch';
    return reply.type('text/calendar; charset=utf-8').header('cache-control', PUBLIC_CACHE).send(icalendar(occ, { publicUrl, lang, name, stamp: new Date() }));
  });

  app.get('/du-lich/su-kien/:file', async (req, reply) => {
    const { file } = req.params as { file: string };
    const ics = file.endsWith('.ics');
    const code = ics ? file.slice(0, -4) : file;
    const e = CODE_RE.test(code) ? await repo.findEvent(s.db, code) : undefined;
    if (!e) throw Errors.notFound('Sự kiện');
    if (ics) {
      const occ = icsYears(vnIsoDate(), req).map((y) => occurrenceIn(e, y)).filter((o) => !!o);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${e.code.toLowerCase()}.ics"`)
        .send(icalendar(occ, { publicUrl, lang: req.lang, name: e.name, stamp: new Date() }));
    }
    const items = upcoming([e], vnIsoDate(), 3);
    const place = e.destinationCode ? await repo.findDestination(s.db, e.destinationCode) : undefined;
    reply.header('cache-control', PUBLIC_CACHE);
    return reply.html(<EventPage ctx={reply.page(req)} publicUrl={publicUrl} e={e} items={items} place={place} />);
  });

  app.get('/du-lich/diem-den/:code', (req, reply) => destinationPage(req, reply, reply.page(req)));

  async function itinerariesPage(_req: FastifyRequest, reply: FastifyReply, ctx: PageContext) {
    return reply.html(<ItinerariesPage ctx={ctx} publicUrl={publicUrl} items={await repo.listItineraries(s.db)} pair={{ vi: '/du-lich/lich-trinh', en: '/en/travel/itineraries' }} />);
  }
  app.get('/du-lich/lich-trinh', (req, reply) => itinerariesPage(req, reply, reply.page(req)));
  app.get('/en/travel/itineraries', (req, reply) => itinerariesPage(req, reply, english(reply, req)));
  app.get('/du-lich/lich-trinh/:code', async (req, reply) => {
    const { code } = req.params as { code: string };
    const i = CODE_RE.test(code) ? await repo.findItinerary(s.db, code) : undefined;
    if (!i) throw Errors.notFound('Lịch trình');
    const places = new Map((await repo.destinationsByCodes(s.db, i.stops.map((x) => x.destinationCode))).map((d) => [d.code, d]));
    return reply.html(<ItineraryPage ctx={reply.page(req)} publicUrl={publicUrl} i={i} places={places} />);
  });

  async function toursPage(_req: FastifyRequest, reply: FastifyReply, ctx: PageContext) {
    return reply.html(<ToursPage ctx={ctx} publicUrl={publicUrl} tours={await repo.listTours(s.db, true)} pair={{ vi: '/du-lich/tour', en: '/en/travel/tours' }} />);
  }
  app.get('/du-lich/tour', (req, reply) => toursPage(req, reply, reply.page(req)));
  app.get('/en/travel/tours', (req, reply) => toursPage(req, reply, english(reply, req)));
  app.get('/en/travel/:code', (req, reply) => destinationPage(req, reply, english(reply, req)));

  async function levelsOf(tourId: string): Promise<Map<string, TileLevel[]>> {
    return new Map((await repo.panoramasOf(s.db, tourId)).map((p) => [p.id, p.levels]));
  }

  app.get('/du-lich/tour/:code', async (req, reply) => {
    const { code } = req.params as { code: string };
    const tour = CODE_RE.test(code) ? await repo.findTourByCode(s.db, code) : undefined;
    const doc = tour && (await repo.publishedDoc(s.db, tour));
    if (!tour || !doc?.scenes.length) throw Errors.notFound('Tour');
    const canh = String((req.query as Record<string, string>).canh ?? '');
    const current = SCENE_RE.test(canh) && doc.scenes.some((x) => x.id === canh) ? canh : doc.start;
    const destCodes = doc.scenes.flatMap((x) => x.hotspots.filter((h) => h.kind === 'destination' && h.target).map((h) => h.target!));
    const [levels, dests] = await Promise.all([levelsOf(tour.id), repo.destinationsByCodes(s.db, destCodes)]);
    if (req.actor.kind === 'anonymous') await repo.countView(s.db, tour.id, vnIsoDate());
    allowBlobImages(reply);
    return reply.html(<TourPage ctx={reply.page(req)} publicUrl={publicUrl} tour={tour} doc={doc} scenes={viewerScenes(doc, levels)} current={current} destinations={new Map(dests.map((d) => [d.code, d]))} />);
  });

  /** Photo Sphere Viewer fetches every panorama and tile, then hands the blob to an <img> through
   * an object URL (blob:). Without it in img-src the first scene's textures and every scene switch
   * fail (the CSP blocks them). Only the tour page widens img-src; a blob: URL can only name bytes
   * this origin's own scripts already hold, so it opens no way to load a foreign image. */
  function allowBlobImages(reply: FastifyReply) {
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') reply.header('content-security-policy', csp.replace(/img-src ([^;]*)/, (_m, v: string) => `img-src ${v} blob:`));
  }

  app.get('/du-lich/tour/:code/qr/:file', async (req, reply) => {
    const { code, file } = req.params as { code: string; file: string };
    const scene = file.replace(/\.svg$/, '');
    const tour = CODE_RE.test(code) && SCENE_RE.test(scene) ? await repo.findTourByCode(s.db, code) : undefined;
    if (!tour?.draft.scenes.some((x) => x.id === scene)) throw Errors.notFound('Cảnh');
    // On-site signs open the scene where they stand.
    const svg = await QRCode.toString(`${publicUrl}/du-lich/tour/${tour.code}?canh=${scene}`, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return reply.type('image/svg+xml').header('cache-control', PUBLIC_CACHE).send(svg);
  });

  // Panorama previews and tiles: public once any tour uses them (ids are random UUIDs).
  app.get('/du-lich/anh-360/:id/xem-truoc.jpg', async (req, reply) => {
    const { id } = req.params as { id: string };
    const img = UUID_RE.test(id) ? await repo.previewOf(s.db, id) : undefined;
    if (!img) throw Errors.notFound('Ảnh');
    return reply.type('image/jpeg').header('cache-control', 'public, max-age=86400').send(img);
  });
  app.get('/du-lich/anh-360/:id/o/:level/:tile', async (req, reply) => {
    const { id, level, tile } = req.params as { id: string; level: string; tile: string };
    const m = /^(\d{1,3})_(\d{1,3})\.jpg$/.exec(tile);
    const img = UUID_RE.test(id) && m && /^\d{1,2}$/.test(level) ? await repo.tileOf(s.db, id, Number(level), Number(m[1]), Number(m[2])) : undefined;
    if (!img) throw Errors.notFound('Ảnh');
    return reply.type('image/jpeg').header('cache-control', 'public, max-age=31536000, immutable').send(img);
  });

  // ── API ──────────────────────────────────────────────────────────────────
  app.get('/api/v1/tourism/destinations', { schema: { tags: ['tourism'], summary: 'Điểm đến du lịch đã công bố (JSON)' } }, async () => {
    const rows = await repo.listDestinations(s.db);
    return {
      items: rows.map((d) => ({ code: d.code, category: d.category, name: d.name, nameEn: d.nameEn, address: d.address, adminUnitCode: d.adminUnitCode, lat: d.lat, lng: d.lng, priceVnd: d.priceVnd, openingHours: d.openingHours, url: `/du-lich/diem-den/${d.code}` })),
    };
  });
  app.get('/api/v1/tourism/events', { schema: { tags: ['tourism'], summary: 'Sự kiện trong 12 tháng tới, ngày âm lịch đã quy đổi sang dương lịch' } }, async () => ({
    items: upcoming(await repo.listEvents(s.db), vnIsoDate(), 1).map((o) => ({ code: o.event.code, name: o.event.name, nameEn: o.event.nameEn, calendar: o.event.calendar, lunar: o.event.calendar === 'lunar' ? { month: o.event.month, day: o.event.day, leap: o.event.leapMonth } : undefined, start: o.start, end: o.end, ics: `/du-lich/su-kien/${o.event.code}.ics` })),
  }));
  app.get('/api/v1/tourism/tours/:code', { schema: { tags: ['tourism'], summary: 'Tour 360°: bản nháp (cán bộ) và phiên bản đã công bố' } }, async (req) => {
    const { code } = req.params as { code: string };
    const tour = CODE_RE.test(code) ? await repo.findTourByCode(s.db, code) : undefined;
    if (!tour) throw Errors.notFound('Tour');
    const published = await repo.publishedDoc(s.db, tour);
    const staff = await tourismPolicy.canManage(s, req.actor);
    if (!published && !staff) throw Errors.notFound('Tour');
    return { code: tour.code, title: tour.title, publishedVersion: tour.publishedVersion, published: published ?? null, ...(staff ? { draftVersion: tour.draftVersion, draft: tour.draft } : {}) };
  });
  app.put(
    '/api/v1/tourism/tours/:code/draft',
    {
      schema: {
        tags: ['tourism'],
        summary: 'Thay bản nháp tour (JSON: start, scenes[].hotspots[]); sai → 400 problem+json, trường lỗi là đường dẫn JSON ($.scenes[0].hotspots[1].target)',
      },
    },
    async (req) => {
      const { code } = req.params as { code: string };
      await tourismPolicy.requireManage(s, req.actor);
      const tour = CODE_RE.test(code) ? await repo.findTourByCode(s.db, code) : undefined;
      if (!tour) throw Errors.notFound('Tour');
      const v = Number((req.headers['if-match'] ?? '').toString().replace(/\D/g, ''));
      return saveDraft(commandContext(req, s), tour.id, req.body, v > 0 ? v : undefined);
    },
  );

  // ── Staff ────────────────────────────────────────────────────────────────
  const staff = (req: FastifyRequest) => tourismPolicy.requireManage(s, req.actor);

  async function home(req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, { vi: string; en: string }>; message?: string; status?: number } = {}) {
    const [tours, dests] = await Promise.all([repo.listTours(s.db, false), repo.listDestinations(s.db, false)]);
    return reply.html(<StaffHomePage ctx={reply.page(req)} tours={tours} destinations={dests.length} {...extra} />, extra.status ?? 200);
  }
  app.get('/quan-tri/du-lich', async (req, reply) => {
    await staff(req);
    return home(req, reply);
  });
  app.post('/quan-tri/du-lich/tour', async (req, reply) => {
    await staff(req);
    const body = formBody(req);
    try {
      const tour = await createTour(commandContext(req, s), body);
      return reply.flash(req.lang === 'en' ? 'Tour created.' : `Đã tạo tour ${tour.code}.`).redirect(`/quan-tri/du-lich/tour/${tour.id}`);
    } catch (err) {
      const f = formErrors(err);
      return home(req, reply, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  const tourIdOf = (req: FastifyRequest) => {
    const { id } = req.params as { id: string };
    if (!UUID_RE.test(id)) throw Errors.notFound('Tour');
    return id;
  };
  async function editor(req: FastifyRequest, reply: FastifyReply, id: string, extra: { sceneId?: string; form?: EditorForm; values?: Record<string, string>; errors?: Record<string, { vi: string; en: string }>; message?: string; status?: number } = {}) {
    const tour = await repo.findTour(s.db, id);
    if (!tour) throw Errors.notFound('Tour');
    const [panoramas, dests] = await Promise.all([repo.panoramasOf(s.db, id), repo.listDestinations(s.db, false)]);
    const sceneId = extra.sceneId ?? String((req.query as Record<string, string>).canh ?? '');
    return reply.html(<TourEditorPage ctx={reply.page(req)} tour={tour} panoramas={panoramas} destinations={dests} {...extra} sceneId={sceneId} />, extra.status ?? 200);
  }
  app.get('/quan-tri/du-lich/tour/:id', async (req, reply) => {
    await staff(req);
    return editor(req, reply, tourIdOf(req));
  });
  app.post('/quan-tri/du-lich/tour/:id/anh', async (req, reply) => {
    await staff(req);
    const id = tourIdOf(req);
    const up = await readUpload(req);
    try {
      const r = await uploadPanorama(commandContext(req, s), id, { data: up.data, filename: up.filename, title: up.fields.uploadTitle, truncated: up.truncated });
      return reply.flash(req.lang === 'en' ? 'Uploaded; tiling has started.' : 'Đã tải ảnh lên; hệ thống đang tạo ô ảnh nhiều mức phân giải.').redirect(`/quan-tri/du-lich/tour/${id}?canh=${r.sceneId}`);
    } catch (err) {
      const f = formErrors(err);
      const errors = Object.keys(f.errors).length ? f.errors : { file: { vi: f.message, en: f.message } };
      return editor(req, reply, id, { form: 'upload', values: up.fields, errors, message: f.message, status: f.status });
    }
  });
  app.post('/quan-tri/du-lich/tour/:id/canh/:scene', async (req, reply) => {
    await staff(req);
    const id = tourIdOf(req);
    const { scene } = req.params as { scene: string };
    const body = formBody(req);
    try {
      await updateScene(commandContext(req, s), id, scene, body);
      return reply.flash(req.lang === 'en' ? 'Scene saved.' : 'Đã lưu cảnh.').redirect(`/quan-tri/du-lich/tour/${id}?canh=${scene}`);
    } catch (err) {
      const f = formErrors(err);
      return editor(req, reply, id, { sceneId: scene, form: 'scene', values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });
  app.post('/quan-tri/du-lich/tour/:id/canh/:scene/diem', async (req, reply) => {
    await staff(req);
    const id = tourIdOf(req);
    const { scene } = req.params as { scene: string };
    const body = formBody(req);
    try {
      await addHotspot(commandContext(req, s), id, scene, body);
      return reply.flash(req.lang === 'en' ? 'Hotspot added.' : 'Đã thêm điểm nóng.').redirect(`/quan-tri/du-lich/tour/${id}?canh=${scene}`);
    } catch (err) {
      const f = formErrors(err);
      return editor(req, reply, id, { sceneId: scene, form: 'hotspot', values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });
  app.post('/quan-tri/du-lich/tour/:id/canh/:scene/diem/:hid/xoa', async (req, reply) => {
    await staff(req);
    const id = tourIdOf(req);
    const { scene, hid } = req.params as { scene: string; hid: string };
    await removeHotspot(commandContext(req, s), id, scene, hid);
    return reply.flash(req.lang === 'en' ? 'Hotspot deleted.' : 'Đã xóa điểm nóng.').redirect(`/quan-tri/du-lich/tour/${id}?canh=${scene}`);
  });
  app.post('/quan-tri/du-lich/tour/:id/cong-bo', async (req, reply) => {
    await staff(req);
    const id = tourIdOf(req);
    try {
      const r = await publishTour(commandContext(req, s), id);
      return reply.flash(req.lang === 'en' ? `Published version ${r.version}.` : `Đã công bố phiên bản ${r.version}.`).redirect(`/quan-tri/du-lich/tour/${id}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403 || err.status === 404)) throw err;
      const f = formErrors(err);
      return editor(req, reply, id, { form: 'publish', errors: f.errors, message: f.message, status: f.status });
    }
  });
}
