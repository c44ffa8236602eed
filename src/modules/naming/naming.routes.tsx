import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { findStoredFile } from '../../core/files/files.js';
import { qrPng } from '../../core/pdf.js';
import { UUID_RE, nfc, vnIsoDate } from '../../core/validation.js';
import { PageCache, pagesChanged, sendCachedPage } from '../../core/web/page-cache.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { PUBLIC_MAP_JS } from './naming.client.js';
import { addComment, addDocument, addName, assignNames, createBatch, createObject, importObjects, openConsultation, proposeName, recordConference, recordVote } from './naming.commands.js';
import { namingPolicy } from './naming.policy.js';
import { bankTable, batchDossierPdf, checksOf, currentRules, foldName, inventoryByClass, inventoryTable, objectsGeoJson, thresholdOf, toCsv, toXlsx, viCollator } from './naming.queries.js';
import * as repo from './naming.repository.js';
import { ConsultationPage, ConsultationsPage, StreetPage, StreetsPage } from './pages/naming-public.js';
import { BankPage, BatchPage, DashboardPage, NamePage, NewNamePage, NewObjectPage } from './pages/naming-staff.js';

const CODE_RE = /^TD-[0-9]{1,8}$/;
const BATCH_RE = /^DT-[0-9]{4}-[0-9]{1,4}$/;
const AREA_RE = /^[0-9A-Za-z._-]{1,20}$/;
const PUBLIC_CACHE = 'public, max-age=60';
const MAX_UPLOAD = 25 * 1024 * 1024;

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

export async function namingRoutes(app: FastifyInstance, s: Services) {
  const pageCache = new PageCache(s);
  app.addHook('onClose', async () => pageCache.dispose());
  const tiles = { tileUrl: s.config.feedback.mapTileUrl, attribution: s.config.feedback.mapAttribution };

  app.get('/static/naming/ban-do.js', { logLevel: 'warn' }, async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(PUBLIC_MAP_JS));

  // ── Public ───────────────────────────────────────────────────────────────
  app.get('/ten-duong', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const search = nfc(q.q).slice(0, 100);
    const areas = await repo.listAreas(s.db);
    const area = q.khu && AREA_RE.test(q.khu) ? areas.find((a) => a.code === q.khu) : areas.length === 1 ? areas[0] : undefined;
    const [rules, objects] = await Promise.all([currentRules(s), repo.listObjects(s.db, { area: area?.code, named: true, q: search ? foldName(search) : undefined })]);
    // Exact-mark matches first (domain.md §10: "ma" finds "má", but "má" ranks first for "má").
    if (search) objects.sort((a, b) => Number(!(b.currentName ?? '').toLowerCase().includes(search.toLowerCase())) - Number(!(a.currentName ?? '').toLowerCase().includes(search.toLowerCase())) || viCollator.compare(a.currentName ?? '', b.currentName ?? ''));
    return reply.html(<StreetsPage ctx={reply.page(req)} rules={rules} areas={areas} area={area} objects={objects} q={search} {...tiles} />);
  });

  app.get('/ten-duong/lay-y-kien', async (req, reply) => {
    return reply.html(<ConsultationsPage ctx={reply.page(req)} batches={await repo.listBatches(s.db, { status: ['consultation'] })} />);
  });

  async function consultation(req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number; sent?: boolean; print?: boolean } = {}) {
    const { code } = req.params as { code: string };
    const b = BATCH_RE.test(code) ? await repo.findBatchByCode(s.db, code) : undefined;
    if (!b?.consultFrom) throw Errors.notFound('Đợt lấy ý kiến');
    const [rules, items, comments, area] = await Promise.all([currentRules(s), repo.itemsOf(s.db, b.id), repo.commentsOf(s.db, b.id), repo.findArea(s.db, b.areaCode)]);
    return reply.html(<ConsultationPage ctx={reply.page(req)} rules={rules} batch={b} area={area} items={items} commentCount={comments.length} {...extra} />, extra.status ?? 200);
  }
  app.get('/ten-duong/lay-y-kien/:code', async (req, reply) => consultation(req, reply, { sent: (req.query as Record<string, string>).da_gui === '1' }));
  app.get('/ten-duong/lay-y-kien/:code/thong-bao', async (req, reply) => consultation(req, reply, { print: true }));
  app.post('/ten-duong/lay-y-kien/:code', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const { code } = req.params as { code: string };
    const body = formBody(req);
    try {
      if (!BATCH_RE.test(code)) throw Errors.notFound('Đợt lấy ý kiến');
      await addComment(commandContext(req, s), code, body);
      return reply.redirect(`/ten-duong/lay-y-kien/${code}?da_gui=1#gop-y`);
    } catch (err) {
      const f = formErrors(err);
      return consultation(req, reply, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.get('/ten-duong/:code', async (req, reply) => {
    const { code } = req.params as { code: string };
    if (!CODE_RE.test(code)) throw Errors.notFound('Tên đường');
    return sendCachedPage(req, reply, pageCache, `street|${code}`, async (ctx) => {
      const o = await repo.findObjectByCode(s.db, code);
      if (!o) throw Errors.notFound('Tên đường');
      const [rules, area, name, history] = await Promise.all([currentRules(s), repo.findArea(s.db, o.areaCode), o.nameId ? repo.findName(s.db, o.nameId) : undefined, repo.historyOf(s.db, o.id)]);
      const personId = o.personId ?? name?.personId;
      const person = personId ? await repo.findPerson(s.db, personId) : undefined;
      return <StreetPage ctx={ctx} rules={rules} area={area} object={o} name={name} person={person} history={history} siteUrl={s.config.publicUrl} />;
    });
  });

  app.get('/ten-duong/:code/qr.png', async (req, reply) => {
    const { code } = req.params as { code: string };
    if (!CODE_RE.test(code) || !(await repo.findObjectByCode(s.db, code))) throw Errors.notFound('Tên đường');
    return reply.type('image/png').header('cache-control', 'public, max-age=86400').send(await qrPng(`${s.config.publicUrl}/ten-duong/${code}`));
  });

  // ── API ──────────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/naming/objects.geojson',
    {
      schema: {
        tags: ['naming'],
        summary: 'Đường, công trình đã có tên (GeoJSON RFC 7946): tên, nhóm tên, loại, nghị quyết đặt tên; khu=mã đô thị',
        querystring: Type.Object({ khu: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z._-]{1,20}$' })) }),
      },
    },
    async (req, reply) => {
      const { khu } = req.query as { khu?: string };
      return reply.type('application/geo+json; charset=utf-8').header('cache-control', PUBLIC_CACHE).send(JSON.stringify(await objectsGeoJson(s, { area: khu })));
    },
  );

  const day = () => vnIsoDate().replace(/-/g, '');
  for (const ext of ['csv', 'xlsx'] as const) {
    app.get(`/api/v1/naming/inventory.${ext}`, { schema: { tags: ['naming'], summary: `Kiểm kê tên đường theo nhóm, A–Z (${ext.toUpperCase()}); khu=mã đô thị`, querystring: Type.Object({ khu: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z._-]{1,20}$' })) }) } }, async (req, reply) => {
      const table = await inventoryTable(s, (req.query as { khu?: string }).khu);
      return send(reply, ext, table, `kiem-ke-ten-duong-${day()}`);
    });
    app.get(`/api/v1/naming/bank.${ext}`, { schema: { tags: ['naming'], summary: `Ngân hàng tên (${ext.toUpperCase()}), cho cán bộ`, response: { 401: ProblemSchema, 403: ProblemSchema } } }, async (req, reply) => {
      await namingPolicy.requireManage(s, req.actor);
      return send(reply, ext, await bankTable(s), `ngan-hang-ten-${day()}`);
    });
  }
  async function send(reply: FastifyReply, ext: 'csv' | 'xlsx', table: Awaited<ReturnType<typeof bankTable>>, file: string) {
    reply.header('content-disposition', `attachment; filename="${file}.${ext}"`).header('cache-control', 'no-store');
    return ext === 'csv' ? reply.type('text/csv; charset=utf-8').send(toCsv(table)) : reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(table));
  }

  app.get(
    '/api/v1/naming/checks',
    { schema: { tags: ['naming'], summary: 'Kiểm tra trùng tên, tên chỉ khác dấu, trùng nhân vật, ngõ bị đặt tên (cán bộ); khu=mã đô thị', querystring: Type.Object({ khu: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z._-]{1,20}$' })) }), response: { 401: ProblemSchema, 403: ProblemSchema } } },
    async (req) => {
      await namingPolicy.requireManage(s, req.actor);
      return checksOf(s, (req.query as { khu?: string }).khu ?? null);
    },
  );

  app.get('/api/v1/naming/batches/:id/dossier.pdf', { schema: { tags: ['naming'], summary: 'Hồ sơ đề xuất đặt tên (PDF): danh sách, hồ sơ tên, lấy ý kiến, hội thảo, biểu quyết' } }, async (req, reply) => {
    await namingPolicy.requireManage(s, req.actor);
    const { id } = req.params as { id: string };
    const pdf = UUID_RE.test(id) ? await batchDossierPdf(s, id) : null;
    if (!pdf) throw Errors.notFound('Đợt đề xuất');
    return reply.type('application/pdf').header('content-disposition', `inline; filename="ho-so-dat-ten.pdf"`).header('cache-control', 'no-store').send(pdf);
  });

  app.post(
    '/api/v1/naming/objects/import',
    { schema: { tags: ['naming'], summary: 'Nhập đường từ GeoJSON (FeatureCollection) hoặc CSV; khu=mã đô thị; lỗi theo từng dòng, không lưu gì khi có lỗi', querystring: Type.Object({ khu: Type.String() }), response: { 400: Type.Composite([ProblemSchema, Type.Object({ rows: Type.Optional(Type.Array(Type.Object({ row: Type.Integer(), vi: Type.String(), en: Type.Optional(Type.String()) }))) })]) } } },
    async (req, reply) => {
      const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? '');
      try {
        return await importObjects(commandContext(req, s), (req.query as { khu: string }).khu, text);
      } catch (e) {
        const rows = (e as { rows?: unknown[] }).rows;
        if (e instanceof AppError && rows) return reply.code(400).type('application/problem+json').send({ type: 'about:blank', title: e.vi, status: 400, code: e.code, detail: e.vi, rows });
        throw e;
      }
    },
  );

  // ── Staff ────────────────────────────────────────────────────────────────
  const staff = (req: FastifyRequest) => namingPolicy.requireManage(s, req.actor);
  const idOf = (req: FastifyRequest, what: string) => {
    const { id } = req.params as { id: string };
    if (!UUID_RE.test(id)) throw Errors.notFound(what);
    return id;
  };

  async function dashboard(req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number; importReport?: { row: number; vi: string }[]; imported?: number; areaCode?: string } = {}) {
    const q = req.query as Record<string, string | undefined>;
    const areas = await repo.listAreas(s.db);
    const area = areas.find((a) => a.code === (extra.areaCode ?? q.khu)) ?? areas[0];
    const [rules, objects, checks, bankSame, batches] = await Promise.all([
      currentRules(s),
      area ? repo.listObjects(s.db, { area: area.code, named: true }) : Promise.resolve([]),
      checksOf(s, area?.code ?? null),
      area ? repo.bankSamePerson(s.db, area.code) : Promise.resolve([]),
      repo.listBatches(s.db),
    ]);
    return reply.html(
      <DashboardPage ctx={reply.page(req)} rules={rules} areas={areas} area={area} inventory={inventoryByClass(objects, rules)} checks={checks} bankSamePerson={bankSame} batches={batches} {...extra} />,
      extra.status ?? 200,
    );
  }
  app.get('/quan-tri/ten-duong', async (req, reply) => {
    await staff(req);
    return dashboard(req, reply);
  });

  app.post('/quan-tri/ten-duong/dot', async (req, reply) => {
    await staff(req);
    const body = formBody(req);
    try {
      const b = await createBatch(commandContext(req, s), body);
      return reply.flash(`Đã tạo đợt đề xuất ${b.code}.`).redirect(`/quan-tri/ten-duong/dot/${b.id}`);
    } catch (err) {
      const f = formErrors(err);
      return dashboard(req, reply, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/ten-duong/nhap', async (req, reply) => {
    await staff(req);
    const up = await readMultipart(req);
    try {
      if (!up.data.length || up.truncated) throw Errors.validation({ file: { vi: up.truncated ? 'Tệp quá lớn.' : 'Vui lòng chọn tệp GeoJSON hoặc CSV.', en: 'Choose a file.' } });
      // Text only: a binary (an image renamed .csv) is refused before parsing.
      if (up.data.subarray(0, 4096).includes(0)) throw Errors.validation({ file: { vi: 'Tệp không phải GeoJSON hoặc CSV (văn bản).', en: 'Not a text file.' } });
      const r = await importObjects(commandContext(req, s), up.fields.areaCode ?? '', up.data.toString('utf8'));
      return dashboard(req, reply, { imported: r.imported, areaCode: up.fields.areaCode });
    } catch (err) {
      const rows = (err as { rows?: { row: number; vi: string }[] }).rows;
      const f = formErrors(err);
      return dashboard(req, reply, { errors: f.errors, message: f.message, status: f.status, importReport: rows, areaCode: up.fields.areaCode });
    }
  });

  app.get('/quan-tri/ten-duong/ngan-hang', async (req, reply) => {
    await staff(req);
    const q = nfc((req.query as Record<string, string>).q).slice(0, 100);
    const names = await repo.listNames(s.db, { q: q ? foldName(q) : undefined });
    names.sort((a, b) => viCollator.compare(a.name, b.name));
    return reply.html(<BankPage ctx={reply.page(req)} rules={await currentRules(s)} names={names} q={q} />);
  });

  app.get('/quan-tri/ten-duong/ngan-hang/moi', async (req, reply) => {
    await staff(req);
    return reply.html(<NewNamePage ctx={reply.page(req)} rules={await currentRules(s)} values={{}} />);
  });
  app.post('/quan-tri/ten-duong/ngan-hang/moi', async (req, reply) => {
    await staff(req);
    const body = formBody(req);
    try {
      const n = await addName(commandContext(req, s), body);
      return reply.flash(`Đã thêm "${n.name}" vào ngân hàng tên.`).redirect(`/quan-tri/ten-duong/ngan-hang/${n.id}`);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<NewNamePage ctx={reply.page(req)} rules={await currentRules(s)} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });

  async function namePage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: FieldErrors; message?: string; values?: Record<string, string>; status?: number } = {}) {
    const n = (await repo.listNames(s.db, {}, 100_000)).find((x) => x.id === id);
    if (!n) throw Errors.notFound('Tên');
    return reply.html(<NamePage ctx={reply.page(req)} rules={await currentRules(s)} name={n} documents={await repo.documentsOf(s.db, id)} {...extra} />, extra.status ?? 200);
  }
  app.get('/quan-tri/ten-duong/ngan-hang/:id', async (req, reply) => {
    await staff(req);
    return namePage(req, reply, idOf(req, 'Tên'));
  });
  app.post('/quan-tri/ten-duong/ngan-hang/:id/tai-lieu', async (req, reply) => {
    await staff(req);
    const id = idOf(req, 'Tên');
    const up = await readMultipart(req);
    try {
      await addDocument(commandContext(req, s), id, { title: up.fields.title, data: up.data, filename: up.filename, truncated: up.truncated });
      return reply.flash('Đã tải lên tài liệu.').redirect(`/quan-tri/ten-duong/ngan-hang/${id}#tai-lieu`);
    } catch (err) {
      const f = formErrors(err);
      const errors = Object.keys(f.errors).length ? f.errors : { file: { vi: f.message, en: f.message } };
      return namePage(req, reply, id, { errors, message: f.message, values: up.fields, status: f.status });
    }
  });
  app.get('/quan-tri/ten-duong/tai-lieu/:id', async (req, reply) => {
    await staff(req);
    const d = await repo.findDocument(s.db, idOf(req, 'Tài liệu'));
    const f = d ? await findStoredFile(s.db, d.fileId) : undefined;
    if (!f) throw Errors.notFound('Tài liệu');
    return reply.type(f.contentType).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.safeName)}`).header('cache-control', 'private, no-store').send(await s.files.read(f.storageKey));
  });

  app.get('/quan-tri/ten-duong/doi-tuong/moi', async (req, reply) => {
    await staff(req);
    return reply.html(<NewObjectPage ctx={reply.page(req)} rules={await currentRules(s)} areas={await repo.listAreas(s.db)} values={{}} />);
  });
  app.post('/quan-tri/ten-duong/doi-tuong/moi', async (req, reply) => {
    await staff(req);
    const body = formBody(req);
    try {
      const o = await createObject(commandContext(req, s), body);
      await pagesChanged(s);
      return reply.flash(`Đã lưu ${o.code}.`).redirect(`/ten-duong/${o.code}`);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<NewObjectPage ctx={reply.page(req)} rules={await currentRules(s)} areas={await repo.listAreas(s.db)} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });

  type BatchForm = 'item' | 'consult' | 'conference' | 'vote' | 'decision';
  async function batchPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { form?: BatchForm; values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number } = {}) {
    const b = await repo.findBatch(s.db, id);
    if (!b) throw Errors.notFound('Đợt đề xuất');
    const [rules, items, comments, area, bank, objects] = await Promise.all([
      currentRules(s),
      repo.itemsOf(s.db, id),
      repo.commentsOf(s.db, id),
      repo.findArea(s.db, b.areaCode),
      b.status === 'draft' ? repo.listNames(s.db, { status: 'bank' }) : Promise.resolve([]),
      b.status === 'draft' ? repo.listObjects(s.db, { area: b.areaCode }) : Promise.resolve([]),
    ]);
    bank.sort((x, y) => viCollator.compare(x.name, y.name));
    objects.sort((x, y) => Number(!!x.currentName) - Number(!!y.currentName) || x.code.localeCompare(y.code));
    return reply.html(
      <BatchPage ctx={reply.page(req)} rules={rules} batch={b} area={area} items={items} comments={comments} bankNames={bank} objects={objects.filter((o) => o.kind !== 'lane')} threshold={thresholdOf(rules).label} {...extra} />,
      extra.status ?? 200,
    );
  }
  app.get('/quan-tri/ten-duong/dot/:id', async (req, reply) => {
    await staff(req);
    return batchPage(req, reply, idOf(req, 'Đợt đề xuất'));
  });
  const steps: [string, BatchForm, (ctx: ReturnType<typeof commandContext>, id: string, body: Record<string, string>) => Promise<unknown>, string][] = [
    ['ten', 'item', (c, id, b) => proposeName(c, id, b), 'Đã thêm tên vào đợt đề xuất.'],
    ['lay-y-kien', 'consult', (c, id, b) => openConsultation(c, id, b), 'Đã mở lấy ý kiến nhân dân.'],
    ['hoi-thao', 'conference', (c, id, b) => recordConference(c, id, b), 'Đã ghi biên bản hội thảo khoa học.'],
    ['bieu-quyet', 'vote', (c, id, b) => recordVote(c, id, b), 'Đã ghi kết quả biểu quyết.'],
    ['nghi-quyet', 'decision', (c, id, b) => assignNames(c, id, b), 'Đã ghi nghị quyết và gắn tên cho các đường.'],
  ];
  for (const [path, form, fn, done] of steps) {
    app.post(`/quan-tri/ten-duong/dot/:id/${path}`, async (req, reply) => {
      await staff(req);
      const id = idOf(req, 'Đợt đề xuất');
      const body = formBody(req);
      try {
        await fn(commandContext(req, s), id, body);
        if (form === 'decision') await pagesChanged(s);
        return reply.flash(done).redirect(`/quan-tri/ten-duong/dot/${id}`);
      } catch (err) {
        const f = formErrors(err);
        return batchPage(req, reply, id, { form, values: body, errors: f.errors, message: f.message, status: f.status });
      }
    });
  }
}
