import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError, Errors } from '../../core/errors.js';
import { findStoredFile } from '../../core/files/files.js';
import { installIiifRoutes, registerImageAccess } from '../../core/images/images.js';
import { listAdminUnits, predecessorsOf } from '../../core/places/index.js';
import { UUID_RE, nfc, vnIsoDate } from '../../core/validation.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { PUBLIC_MAP_JS, ZONE_EDITOR_JS } from './heritage.client.js';
import { PROFILE_SECTIONS, addMedia, createRelic, publishRelic, recordDecision, setZones, submitRelic, updateRelic, withdrawRelic } from './heritage.commands.js';
import { relicsCsv, relicsXlsx } from './heritage.export.js';
import { parseZoneInput } from './heritage.geometry.js';
import { heritagePolicy } from './heritage.policy.js';
import { workflowRoutes } from './heritage.workflow.routes.js';
import { artefactRoutes } from './heritage.artefacts.routes.js';
import { intangibleRoutes } from './heritage.intangible.routes.js';
import { publishedArtefactsOfRelic } from './heritage.artefacts.js';
import { pairOf } from './heritage.urls.js';
import { extendLayout } from '../../core/web/layout.js';
import type { PageContext } from '../../core/web/page.js';
import { checkParcel, checkPoint, coordProblem, currentRules, relicsGeoJson } from './heritage.queries.js';
import * as repo from './heritage.repository.js';
import { type InventoryFilter, InventoryPage, MapPage, RelicPage, ZoneCheckPage } from './pages/heritage-public.js';
import { type AdminForm, NewRelicPage, RegisterPage, RelicAdminPage, zoneText } from './pages/heritage-staff.js';

const CODE_RE = /^[A-Z0-9-]{2,40}$/;
const MAX_UPLOAD = 25 * 1024 * 1024;
const PUBLIC_CACHE = 'public, max-age=60';

/** The same page in English (the layout and t() follow ctx.lang), as the portal and tourism do. */
function english(reply: FastifyReply, req: FastifyRequest): PageContext {
  const base = reply.page(req);
  return Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(base), lang: { value: 'en' }, t: { value: (_vi: string, en: string) => en } }) as PageContext;
}

async function readMultipart(req: FastifyRequest): Promise<{ fields: Record<string, string>; data: Buffer; filename: string; truncated: boolean }> {
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

function filterOf(req: FastifyRequest): InventoryFilter {
  const q = req.query as Record<string, string | undefined>;
  const pick = (v: string | undefined) => (v && /^[a-z0-9_-]{1,40}$/i.test(v) ? v : undefined);
  return { level: pick(q.cap), type: pick(q.loai), area: pick(q['dia-ban']), q: nfc(q.q).slice(0, 100) || undefined };
}

function relicInput(body: Record<string, string>) {
  const profile: Record<string, string> = {};
  for (const s of PROFILE_SECTIONS) profile[s.key] = body[`profile.${s.key}`] ?? '';
  return { ...body, profile };
}

export async function heritageRoutes(app: FastifyInstance, s: Services) {
  installIiifRoutes(app, s);
  // Photos of a published relic are public; of any other, only staff who keep the register see them.
  registerImageAccess('heritage', async (svc, actor, img) => {
    const relic = await repo.findRelic(svc.db, img.ownerId);
    if (!relic) return false;
    if (relic.status === 'published') return 'public';
    return (await heritagePolicy.canManage(svc, actor)) || (await heritagePolicy.canApprove(svc, actor)) ? 'private' : false;
  });
  const tiles = { tileUrl: s.config.feedback.mapTileUrl, attribution: s.config.feedback.mapAttribution };
  const canSee = async (req: FastifyRequest) => (await heritagePolicy.canManage(s, req.actor)) || (await heritagePolicy.canApprove(s, req.actor));
  const currentUnits = async () => (await listAdminUnits(s.db, { at: vnIsoDate(), level: ['commune', 'ward', 'special_zone'] })).map((u) => ({ code: u.code, name: u.name }));

  const scripts: Record<string, string> = { 'ban-do.js': PUBLIC_MAP_JS, 've-vung.js': ZONE_EDITOR_JS };
  app.get('/static/heritage/:file', { logLevel: 'warn' }, async (req, reply) => {
    const js = scripts[(req.params as { file: string }).file];
    if (!js) return reply.code(404).type('text/plain; charset=utf-8').send('Không tìm thấy.');
    return reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(js);
  });

  // ── Public ───────────────────────────────────────────────────────────────
  // Both languages of every public page are paired through hreflang (absolute URLs).
  extendLayout('heritage.hreflang', {
    head: (ctx) => {
      const pair = ctx.path.startsWith('/di-san') || ctx.path.startsWith('/en/heritage') ? pairOf(ctx.path) : undefined;
      if (!pair) return null;
      const base = s.config.publicUrl;
      return (
        <>
          <link rel="alternate" hrefLang="vi" href={`${base}${pair.vi}`} />
          <link rel="alternate" hrefLang="en" href={`${base}${pair.en}`} />
          <link rel="alternate" hrefLang="x-default" href={`${base}${pair.vi}`} />
        </>
      );
    },
  });

  const inventory = async (req: FastifyRequest, reply: FastifyReply, ctx: PageContext) => {
    const f = filterOf(req);
    const [rules, relics, areas] = await Promise.all([currentRules(s), repo.listRelics(s.db, { ...f, publishedOnly: true }), repo.areasOfPublished(s.db)]);
    return reply.html(<InventoryPage ctx={ctx} rules={rules} relics={relics} filter={f} areas={areas} />);
  };
  app.get('/di-san', (req, reply) => inventory(req, reply, reply.page(req)));
  app.get('/en/heritage', (req, reply) => inventory(req, reply, english(reply, req)));

  const relicPage = async (req: FastifyRequest, reply: FastifyReply, ctx: PageContext) => {
    const { code } = req.params as { code: string };
    const relic = CODE_RE.test(code) ? await repo.findRelicByCode(s.db, code) : undefined;
    // Content not yet approved is hidden (Decree 308/2025); staff of the register see a preview.
    const preview = !!relic && relic.status !== 'published' && (await canSee(req));
    if (!relic || (relic.status !== 'published' && !preview)) throw Errors.notFound('Di tích');
    const [rules, decisions, zones, media, former, artefacts] = await Promise.all([
      currentRules(s),
      repo.decisionsOf(s.db, relic.id),
      repo.zonesOf(s.db, relic.id),
      repo.mediaOf(s.db, relic.id),
      relic.adminUnitCode ? predecessorsOf(s.db, relic.adminUnitCode) : Promise.resolve([]),
      publishedArtefactsOfRelic(s.db, relic.id),
    ]);
    if (!preview) reply.header('cache-control', PUBLIC_CACHE);
    return reply.html(
      <RelicPage ctx={ctx} rules={rules} relic={relic} decisions={decisions} zones={zones} media={media} formerUnits={former.map((u) => ({ name: u.name, validTo: u.validTo }))} preview={preview} artefacts={artefacts} />,
    );
  };
  app.get('/di-san/di-tich/:code', (req, reply) => relicPage(req, reply, reply.page(req)));
  app.get('/en/heritage/relics/:code', (req, reply) => relicPage(req, reply, english(reply, req)));

  app.get('/di-san/tai-lieu/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!UUID_RE.test(id)) throw Errors.notFound('Tài liệu');
    const m = await repo.mediaById(s.db, id);
    if (!m?.fileId) throw Errors.notFound('Tài liệu');
    const relic = await repo.findRelic(s.db, m.relicId);
    if (!relic || (relic.status !== 'published' && !(await canSee(req)))) throw Errors.notFound('Tài liệu');
    const f = await findStoredFile(s.db, m.fileId);
    if (!f) throw Errors.notFound('Tài liệu');
    return reply
      .type(f.contentType)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.safeName)}`)
      .header('cache-control', relic.status === 'published' ? PUBLIC_CACHE : 'private, no-store')
      .send(await s.files.read(f.storageKey));
  });

  const mapPage = async (req: FastifyRequest, reply: FastifyReply, ctx: PageContext) => {
    const code = (req.query as Record<string, string>)['di-tich'];
    const [rules, relics] = await Promise.all([currentRules(s), repo.listRelics(s.db, { publishedOnly: true })]);
    const zones = await repo.zonesOfRelics(
      s.db,
      relics.map((r) => r.id),
      true,
    );
    const focus = code ? relics.find((r) => r.code === code) : undefined;
    return reply.html(<MapPage ctx={ctx} rules={rules} relics={relics} zones={zones} focus={focus} {...tiles} />);
  };
  app.get('/di-san/ban-do', (req, reply) => mapPage(req, reply, reply.page(req)));
  app.get('/en/heritage/map', (req, reply) => mapPage(req, reply, english(reply, req)));

  const zoneCheck = async (req: FastifyRequest, reply: FastifyReply, ctx: PageContext) => {
    const q = req.query as Record<string, string | undefined>;
    const values = { lat: nfc(q.lat), lng: nfc(q.lng) };
    if (!values.lat && !values.lng) return reply.html(<ZoneCheckPage ctx={ctx} values={values} />);
    const lat = Number(values.lat.replace(',', '.'));
    const lng = Number(values.lng.replace(',', '.'));
    const p = coordProblem(lat, lng);
    if (p || !values.lat || !values.lng) {
      const errors: Record<string, { vi: string; en: string }> = !values.lat ? { lat: { vi: 'Vui lòng nhập vĩ độ.', en: 'Enter the latitude.' } } : !values.lng ? { lng: { vi: 'Vui lòng nhập kinh độ.', en: 'Enter the longitude.' } } : { lat: p! };
      return reply.html(<ZoneCheckPage ctx={ctx} values={values} errors={errors} />, 400);
    }
    return reply.html(<ZoneCheckPage ctx={ctx} values={values} answer={await checkPoint(s, lat, lng)} />);
  };
  app.get('/di-san/kiem-tra-vung-bao-ve', (req, reply) => zoneCheck(req, reply, reply.page(req)));
  app.get('/en/heritage/zone-check', (req, reply) => zoneCheck(req, reply, english(reply, req)));

  app.post('/di-san/kiem-tra-vung-bao-ve', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    const body = formBody(req);
    const values = { parcel: body.parcel ?? '' };
    try {
      const parsed = parseZoneInput(values.parcel);
      if ('problem' in parsed) throw Errors.validation({ parcel: parsed.problem });
      const answer = await checkParcel(s, parsed.geometry);
      return reply.html(<ZoneCheckPage ctx={reply.page(req)} values={values} answer={answer} />);
    } catch (err) {
      const f = formErrors(err);
      const errors = Object.keys(f.errors).length ? f.errors : { parcel: { vi: f.message, en: f.message } };
      return reply.html(<ZoneCheckPage ctx={reply.page(req)} values={values} errors={errors} />, f.status);
    }
  });

  // ── API ──────────────────────────────────────────────────────────────────
  const RuleSchema = Type.Object({ label: Type.String(), labelEn: Type.String(), text: Type.String(), textEn: Type.String(), legalBasis: Type.String(), effectiveFrom: Type.String(), confirmed: Type.Boolean() });
  const AnswerSchema = Type.Object({
    query: Type.Object({ lat: Type.Optional(Type.Number()), lng: Type.Optional(Type.Number()), parcel: Type.Optional(Type.Boolean()), date: Type.String() }),
    inZone: Type.Boolean(),
    matches: Type.Array(
      Type.Object({
        relic: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), level: Type.Unsafe<string | null>({ type: ['string', 'null'] }), type: Type.String(), url: Type.String() }),
        zone: Type.String({ enum: ['I', 'II'] } as never),
        relation: Type.Optional(Type.String()),
        rule: RuleSchema,
      }),
    ),
    outside: Type.Optional(RuleSchema),
  });

  app.get(
    '/api/v1/heritage/zones/check',
    {
      schema: {
        tags: ['heritage'],
        summary: 'Một điểm có thuộc khu vực bảo vệ di tích không (di tích, khu vực I/II, quy định áp dụng, căn cứ pháp lý)',
        querystring: Type.Object({ lat: Type.Number({ description: 'vĩ độ WGS 84' }), lng: Type.Number({ description: 'kinh độ WGS 84' }) }),
        response: { 200: AnswerSchema, 400: ProblemSchema },
      },
    },
    async (req) => {
      const { lat, lng } = req.query as { lat: number; lng: number };
      return checkPoint(s, lat, lng);
    },
  );

  app.post(
    '/api/v1/heritage/zones/check',
    {
      schema: {
        tags: ['heritage'],
        summary: 'Một thửa đất (GeoJSON Polygon/MultiPolygon, Feature) giao với khu vực bảo vệ nào',
        body: Type.Object({ type: Type.String() }, { additionalProperties: true }),
        response: { 200: AnswerSchema, 400: ProblemSchema },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req) => {
      const parsed = parseZoneInput(JSON.stringify(req.body));
      if ('problem' in parsed) throw new AppError('HERITAGE-111', 400, `Thửa đất không hợp lệ: ${parsed.problem.vi}`, `Invalid parcel: ${parsed.problem.en}`);
      return checkParcel(s, parsed.geometry);
    },
  );

  app.get(
    '/api/v1/heritage/relics.geojson',
    {
      schema: {
        tags: ['heritage'],
        summary: 'Di tích đã công bố và khu vực bảo vệ (GeoJSON RFC 7946); tong-quan=1: hình giản lược cho bản đồ tổng quan; bbox=minLng,minLat,maxLng,maxLat: chỉ vùng đang xem',
        querystring: Type.Object({ 'tong-quan': Type.Optional(Type.String()), bbox: Type.Optional(Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$' })) }),
      },
    },
    async (req, reply) => {
      const q = req.query as { 'tong-quan'?: string; bbox?: string };
      const fc = await relicsGeoJson(s, { overview: q['tong-quan'] === '1', lean: q['tong-quan'] === '1', bbox: q.bbox ? (q.bbox.split(',').map(Number) as [number, number, number, number]) : undefined });
      return reply.type('application/geo+json; charset=utf-8').header('cache-control', PUBLIC_CACHE).send(JSON.stringify(fc));
    },
  );

  async function exportList(req: FastifyRequest) {
    const all = (req.query as Record<string, string>)['tat-ca'] === '1';
    if (all && !(await canSee(req))) throw Errors.forbidden('manage:heritage:unit');
    const f = filterOf(req);
    return Promise.all([repo.listRelics(s.db, { ...f, publishedOnly: !all }, 100_000), currentRules(s)]);
  }
  const day = () => vnIsoDate().replace(/-/g, '');

  app.get('/api/v1/heritage/relics.csv', { schema: { tags: ['heritage'], summary: 'Danh mục di tích đã công bố (CSV, UTF-8)' } }, async (req, reply) => {
    const [relics, rules] = await exportList(req);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="danh-muc-di-tich-${day()}.csv"`)
      .send(relicsCsv(relics, rules));
  });

  app.get('/api/v1/heritage/relics.xlsx', { schema: { tags: ['heritage'], summary: 'Danh mục di tích (XLSX); tat-ca=1: cả sổ đăng ký, cho cán bộ' } }, async (req, reply) => {
    const [relics, rules] = await exportList(req);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="danh-muc-di-tich-${day()}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(await relicsXlsx(relics, rules));
  });

  app.get(
    '/api/v1/heritage/relics',
    {
      schema: {
        tags: ['heritage'],
        summary: 'Di tích đã công bố (JSON), lọc theo cấp, loại hình, địa bàn',
        querystring: Type.Object({ cap: Type.Optional(Type.String()), loai: Type.Optional(Type.String()), 'dia-ban': Type.Optional(Type.String()), q: Type.Optional(Type.String()) }),
      },
    },
    async (req) => {
      const relics = await repo.listRelics(s.db, { ...filterOf(req), publishedOnly: true });
      return {
        items: relics.map((r) => ({ id: r.id, code: r.code, name: r.name, otherNames: r.otherNames, type: r.relicType, level: r.level, address: r.address, adminUnitCode: r.adminUnitCode, lat: r.lat, lng: r.lng, url: `/di-san/di-tich/${r.code}` })),
      };
    },
  );

  // ── Staff ────────────────────────────────────────────────────────────────
  workflowRoutes(app, s, readMultipart);
  artefactRoutes(app, s, readMultipart, english);
  intangibleRoutes(app, s, english);
  const requireStaff = async (req: FastifyRequest) => {
    await heritagePolicy.requireManage(s, req.actor);
  };

  app.get('/quan-tri/di-san', async (req, reply) => {
    await requireStaff(req);
    const q = req.query as Record<string, string | undefined>;
    const status = ['draft', 'review', 'published', 'withdrawn'].includes(q['trang-thai'] ?? '') ? q['trang-thai']! : '';
    const search = nfc(q.q).slice(0, 100);
    const [rules, relics] = await Promise.all([currentRules(s), repo.listRelics(s.db, { status: status || undefined, q: search || undefined }, 2000)]);
    return reply.html(<RegisterPage ctx={reply.page(req)} rules={rules} relics={relics} q={search} status={status} />);
  });

  app.get('/quan-tri/di-san/moi', async (req, reply) => {
    await requireStaff(req);
    return reply.html(<NewRelicPage ctx={reply.page(req)} rules={await currentRules(s)} values={{ conservation: 'good' }} units={await currentUnits()} />);
  });

  app.post('/quan-tri/di-san/moi', async (req, reply) => {
    await requireStaff(req);
    const body = formBody(req);
    try {
      const r = await createRelic(commandContext(req, s), relicInput(body));
      return reply.flash(req.lang === 'en' ? `Relic ${r.code} saved as a draft.` : `Đã lưu di tích ${r.code} (bản nháp).`).redirect(`/quan-tri/di-san/${r.id}`);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<NewRelicPage ctx={reply.page(req)} rules={await currentRules(s)} values={body} errors={f.errors} message={f.message} units={await currentUnits()} />, f.status);
    }
  });

  async function adminPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { form?: AdminForm; values?: Record<string, string>; errors?: Record<string, { vi: string; en: string }>; message?: string; status?: number } = {}) {
    const relic = await repo.findRelic(s.db, id);
    if (!relic) throw Errors.notFound('Di tích');
    const [rules, decisions, zones, media, units, canApprove] = await Promise.all([
      currentRules(s),
      repo.decisionsOf(s.db, id),
      repo.zonesOf(s.db, id),
      repo.mediaOf(s.db, id),
      currentUnits(),
      heritagePolicy.canApprove(s, req.actor),
    ]);
    return reply.html(
      <RelicAdminPage
        ctx={reply.page(req)}
        rules={rules}
        relic={relic}
        decisions={decisions}
        zones={zones}
        media={media}
        units={units}
        canApprove={canApprove}
        form={extra.form}
        values={extra.values}
        errors={extra.errors}
        message={extra.message}
        {...tiles}
      />,
      extra.status ?? 200,
    );
  }

  const idOf = (req: FastifyRequest) => {
    const { id } = req.params as { id: string };
    if (!UUID_RE.test(id)) throw Errors.notFound('Di tích');
    return id;
  };

  app.get('/quan-tri/di-san/:id', async (req, reply) => {
    await requireStaff(req);
    return adminPage(req, reply, idOf(req));
  });

  app.post('/quan-tri/di-san/:id', async (req, reply) => {
    await requireStaff(req);
    const id = idOf(req);
    const body = formBody(req);
    try {
      await updateRelic(commandContext(req, s), id, Number(body.version), relicInput(body));
      return reply.flash(req.lang === 'en' ? 'Saved.' : 'Đã lưu thông tin di tích.').redirect(`/quan-tri/di-san/${id}`);
    } catch (err) {
      const f = formErrors(err);
      return adminPage(req, reply, id, { form: 'relic', values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/di-san/:id/vung', async (req, reply) => {
    await requireStaff(req);
    const id = idOf(req);
    const body = formBody(req);
    try {
      const rows = await setZones(commandContext(req, s), id, { zoneI: body.zoneI, zoneII: body.zoneII });
      return reply.flash(req.lang === 'en' ? 'Zones saved.' : `Đã lưu ${rows.length} khu vực bảo vệ.`).redirect(`/quan-tri/di-san/${id}#vung`);
    } catch (err) {
      const f = formErrors(err);
      return adminPage(req, reply, id, { form: 'zones', values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/di-san/:id/vung/tep', async (req, reply) => {
    await requireStaff(req);
    const id = idOf(req);
    const up = await readMultipart(req);
    const zones = await repo.zonesOf(s.db, id);
    const current = { zoneI: zoneText(zones.find((z) => z.zone === 'I')), zoneII: zoneText(zones.find((z) => z.zone === 'II')) };
    const text = up.data.toString('utf8');
    const values = up.fields.zone === 'II' ? { ...current, zoneII: text } : { ...current, zoneI: text };
    try {
      if (!up.data.length) throw Errors.validation({ zoneI: { vi: 'Vui lòng chọn tệp GeoJSON hoặc KML.', en: 'Choose a GeoJSON or KML file.' } });
      if (up.truncated || up.data.length > 5 * 1024 * 1024) throw Errors.validation({ zoneI: { vi: 'Tệp ranh giới quá lớn (tối đa 5 MB).', en: 'The file is too large (max 5 MB).' } });
      // Text only: the first bytes must be '{' (GeoJSON) or '<' (KML), never a binary.
      if (!/^\uFEFF?\s*[{<]/.test(text.slice(0, 64))) throw Errors.validation({ [up.fields.zone === 'II' ? 'zoneII' : 'zoneI']: { vi: 'Tệp không phải GeoJSON hoặc KML.', en: 'Not a GeoJSON or KML file.' } });
      await setZones(commandContext(req, s), id, values);
      return reply.flash(req.lang === 'en' ? 'Zone saved from the file.' : 'Đã lưu khu vực bảo vệ từ tệp.').redirect(`/quan-tri/di-san/${id}#vung`);
    } catch (err) {
      const f = formErrors(err);
      return adminPage(req, reply, id, { form: 'zones', values, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/di-san/:id/quyet-dinh', async (req, reply) => {
    await requireStaff(req);
    const id = idOf(req);
    const body = formBody(req);
    try {
      await recordDecision(commandContext(req, s), id, body);
      return reply.flash(req.lang === 'en' ? 'Decision recorded.' : 'Đã ghi quyết định xếp hạng.').redirect(`/quan-tri/di-san/${id}#xep-hang`);
    } catch (err) {
      const f = formErrors(err);
      return adminPage(req, reply, id, { form: 'decision', values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/di-san/:id/tai-lieu', async (req, reply) => {
    await requireStaff(req);
    const id = idOf(req);
    const up = await readMultipart(req);
    try {
      await addMedia(commandContext(req, s), id, { kind: up.fields.kind, title: up.fields.title, data: up.data, filename: up.filename, truncated: up.truncated });
      return reply.flash(req.lang === 'en' ? 'Uploaded.' : 'Đã tải lên.').redirect(`/quan-tri/di-san/${id}#tai-lieu`);
    } catch (err) {
      const f = formErrors(err);
      const errors = Object.keys(f.errors).length ? f.errors : { file: { vi: f.message, en: f.message } };
      return adminPage(req, reply, id, { form: 'media', values: up.fields, errors, message: f.message, status: f.status });
    }
  });

  for (const [path, fn, done] of [
    ['gui-duyet', submitRelic, { vi: 'Đã gửi duyệt đăng.', en: 'Submitted for approval.' }],
    ['cong-bo', publishRelic, { vi: 'Đã duyệt và công bố.', en: 'Published.' }],
    ['go', withdrawRelic, { vi: 'Đã gỡ khỏi trang công khai.', en: 'Taken offline.' }],
  ] as const) {
    app.post(`/quan-tri/di-san/:id/${path}`, async (req, reply) => {
      const id = idOf(req);
      try {
        await fn(commandContext(req, s), id);
      } catch (err) {
        if (err instanceof AppError && (err.status === 401 || err.status === 403 || err.status === 404)) throw err;
        const f = formErrors(err);
        return adminPage(req, reply, id, { form: 'status', errors: f.errors, message: f.message, status: f.status });
      }
      return reply.flash(req.lang === 'en' ? done.en : done.vi).redirect(`/quan-tri/di-san/${id}`);
    });
  }
}

