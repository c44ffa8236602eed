import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import type { FieldErrors } from '../../core/errors.js';
import { Errors } from '../../core/errors.js';
import { installIiifRoutes, registerImageAccess } from '../../core/images/images.js';
import { listAdminUnits } from '../../core/places/index.js';
import { UUID_RE, vnIsoDate } from '../../core/validation.js';
import { commandContext, formBody, formErrors, formList } from '../../core/web/forms.js';
import { DestinationFormPage, DestinationsStaffPage, destinationValues, EventFormPage, EventsStaffPage, eventValues } from './pages/tourism-catalogue.js';
import {
  addDestinationPhoto,
  createDestination,
  createEvent,
  destinationPhotoAccess,
  removeDestinationPhoto,
  setDestinationPublished,
  setEventPublished,
  updateDestination,
  updateEvent,
} from './tourism.catalogue.commands.js';
import { tourismPolicy } from './tourism.policy.js';
import * as repo from './tourism.repository.js';

const CODE_RE = /^[A-Z0-9-]{2,40}$/;
const BASE = '/quan-tri/du-lich';

type Upload = { fields: Record<string, string>; data: Buffer; filename: string; truncated: boolean };

/** Staff console for the catalogue: destinations (with photos and their tours) and events. */
export function catalogueRoutes(app: FastifyInstance, s: Services, readUpload: (req: FastifyRequest) => Promise<Upload>) {
  installIiifRoutes(app, s);
  registerImageAccess('tourism-destination', (svc, actor, img) => destinationPhotoAccess(svc, actor, img.id, img.ownerId));
  const tiles = { tileUrl: s.config.feedback.mapTileUrl, attribution: s.config.feedback.mapAttribution };
  const staff = (req: FastifyRequest) => tourismPolicy.requireManage(s, req.actor);
  const codeOf = (req: FastifyRequest, what: string) => {
    const { code } = req.params as { code: string };
    if (!CODE_RE.test(code)) throw Errors.notFound(what);
    return code;
  };
  const units = async () =>
    (await listAdminUnits(s.db, { at: vnIsoDate(), level: ['commune', 'ward', 'special_zone'] })).map((u) => ({ code: u.code, name: u.name }));
  const done = (req: FastifyRequest, reply: FastifyReply, vi: string, en: string, to: string) => reply.flash(req.lang === 'en' ? en : vi).redirect(to);

  // ── Destinations ─────────────────────────────────────────────────────────
  async function destinationForm(
    req: FastifyRequest,
    reply: FastifyReply,
    code: string | undefined,
    extra: {
      values?: Record<string, string | string[]>;
      errors?: FieldErrors;
      message?: string;
      photoErrors?: FieldErrors;
      photoMessage?: string;
      status?: number;
    } = {},
  ) {
    const d = code ? await repo.findDestination(s.db, code) : undefined;
    if (code && !d) throw Errors.notFound('Điểm đến');
    const [tours, u] = await Promise.all([repo.listTours(s.db, false), units()]);
    const values = { ...(d ? destinationValues(d, tours) : {}), ...(extra.values ?? {}) };
    return reply.html(
      <DestinationFormPage
        ctx={reply.page(req)}
        d={d}
        values={values}
        errors={extra.errors}
        message={extra.message}
        photoErrors={extra.photoErrors}
        photoMessage={extra.photoMessage}
        units={u}
        tours={tours}
        {...tiles}
      />,
      extra.status ?? 200,
    );
  }
  const bodyWithTours = (req: FastifyRequest) => ({ ...formBody(req), tours: formList(req, 'tours') });

  app.get(`${BASE}/diem-den`, async (req, reply) => {
    await staff(req);
    return reply.html(<DestinationsStaffPage ctx={reply.page(req)} rows={await repo.listDestinations(s.db, false)} />);
  });
  app.get(`${BASE}/diem-den/moi`, async (req, reply) => {
    await staff(req);
    return destinationForm(req, reply, undefined);
  });
  app.post(`${BASE}/diem-den`, async (req, reply) => {
    await staff(req);
    const body = bodyWithTours(req);
    try {
      const d = await createDestination(commandContext(req, s), body);
      return done(req, reply, `Đã tạo điểm đến ${d.code} (chưa công khai).`, `Destination ${d.code} created (not public yet).`, `${BASE}/diem-den/${d.code}`);
    } catch (err) {
      const f = formErrors(err);
      return destinationForm(req, reply, undefined, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });
  app.get(`${BASE}/diem-den/:code`, async (req, reply) => {
    await staff(req);
    return destinationForm(req, reply, codeOf(req, 'Điểm đến'));
  });
  app.post(`${BASE}/diem-den/:code`, async (req, reply) => {
    await staff(req);
    const code = codeOf(req, 'Điểm đến');
    const body = bodyWithTours(req);
    try {
      await updateDestination(commandContext(req, s), code, body);
      return done(req, reply, 'Đã lưu điểm đến.', 'Destination saved.', `${BASE}/diem-den/${code}`);
    } catch (err) {
      const f = formErrors(err);
      return destinationForm(req, reply, code, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });
  for (const [path, published] of [
    ['cong-bo', true],
    ['go-cong-bo', false],
  ] as const) {
    app.post(`${BASE}/diem-den/:code/${path}`, async (req, reply) => {
      await staff(req);
      const code = codeOf(req, 'Điểm đến');
      await setDestinationPublished(commandContext(req, s), code, published);
      return done(
        req,
        reply,
        published ? 'Điểm đến đã công khai.' : 'Điểm đến đã ngừng công khai.',
        published ? 'Published.' : 'Unpublished.',
        `${BASE}/diem-den/${code}`,
      );
    });
    app.post(`${BASE}/su-kien/:code/${path}`, async (req, reply) => {
      await staff(req);
      const code = codeOf(req, 'Sự kiện');
      await setEventPublished(commandContext(req, s), code, published);
      return done(
        req,
        reply,
        published ? 'Sự kiện đã công khai.' : 'Sự kiện đã ngừng công khai.',
        published ? 'Published.' : 'Unpublished.',
        `${BASE}/su-kien/${code}`,
      );
    });
  }
  app.post(`${BASE}/diem-den/:code/anh`, async (req, reply) => {
    await staff(req);
    const code = codeOf(req, 'Điểm đến');
    const up = await readUpload(req);
    try {
      await addDestinationPhoto(commandContext(req, s), code, { data: up.data, filename: up.filename, alt: up.fields.alt, truncated: up.truncated });
      return done(req, reply, 'Đã thêm ảnh.', 'Photo added.', `${BASE}/diem-den/${code}`);
    } catch (err) {
      const f = formErrors(err);
      const errors = Object.keys(f.errors).length ? f.errors : { file: { vi: f.message, en: f.message } };
      return destinationForm(req, reply, code, { values: { alt: up.fields.alt ?? '' }, photoErrors: errors, photoMessage: f.message, status: f.status });
    }
  });
  app.post(`${BASE}/diem-den/:code/anh/:image/xoa`, async (req, reply) => {
    await staff(req);
    const code = codeOf(req, 'Điểm đến');
    const { image } = req.params as { image: string };
    if (!UUID_RE.test(image)) throw Errors.notFound('Ảnh');
    await removeDestinationPhoto(commandContext(req, s), code, image);
    return done(req, reply, 'Đã gỡ ảnh.', 'Photo removed.', `${BASE}/diem-den/${code}`);
  });

  // ── Events ───────────────────────────────────────────────────────────────
  async function eventForm(
    req: FastifyRequest,
    reply: FastifyReply,
    code: string | undefined,
    extra: { values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number } = {},
  ) {
    const e = code ? await repo.findAnyEvent(s.db, code) : undefined;
    if (code && !e) throw Errors.notFound('Sự kiện');
    const values = { ...(e ? eventValues(e) : { calendar: 'once' }), ...(extra.values ?? {}) };
    return reply.html(
      <EventFormPage
        ctx={reply.page(req)}
        e={e}
        values={values}
        errors={extra.errors}
        message={extra.message}
        destinations={await repo.listDestinations(s.db, false)}
      />,
      extra.status ?? 200,
    );
  }
  app.get(`${BASE}/su-kien`, async (req, reply) => {
    await staff(req);
    return reply.html(<EventsStaffPage ctx={reply.page(req)} rows={await repo.listAllEvents(s.db)} />);
  });
  app.get(`${BASE}/su-kien/moi`, async (req, reply) => {
    await staff(req);
    return eventForm(req, reply, undefined);
  });
  app.post(`${BASE}/su-kien`, async (req, reply) => {
    await staff(req);
    const body = formBody(req);
    try {
      const e = await createEvent(commandContext(req, s), body);
      return done(req, reply, `Đã tạo sự kiện ${e.code} (chưa công khai).`, `Event ${e.code} created (not public yet).`, `${BASE}/su-kien/${e.code}`);
    } catch (err) {
      const f = formErrors(err);
      return eventForm(req, reply, undefined, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });
  app.get(`${BASE}/su-kien/:code`, async (req, reply) => {
    await staff(req);
    return eventForm(req, reply, codeOf(req, 'Sự kiện'));
  });
  app.post(`${BASE}/su-kien/:code`, async (req, reply) => {
    await staff(req);
    const code = codeOf(req, 'Sự kiện');
    const body = formBody(req);
    try {
      await updateEvent(commandContext(req, s), code, body);
      return done(req, reply, 'Đã lưu sự kiện.', 'Event saved.', `${BASE}/su-kien/${code}`);
    } catch (err) {
      const f = formErrors(err);
      return eventForm(req, reply, code, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });
}
