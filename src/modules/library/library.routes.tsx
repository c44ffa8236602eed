import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError, Errors } from '../../core/errors.js';
import { UUID_RE, nfc } from '../../core/validation.js';
import { commandContext, formBody, formErrors, uuidParam } from '../../core/web/forms.js';
import { type CatalogueForm, MAX_IMPORT_BYTES, createCollection, deleteRecord, marcFromForm, saveRecord, startImport } from './library.commands.js';
import { exportRecords, type ExportFormat } from './library.export.js';
import { extract, parseMarcLines, toMarcXml, toOaiDc } from './library.marc.js';
import { oaiOptions, oaiRespond } from './library.oai.js';
import { libraryPolicy } from './library.policy.js';
import * as repo from './library.repository.js';
import type { MarcRecord } from './library.schema.js';
import { type OpacFilter, searchRecords } from './library.search.js';
import { BrowsePage, type Labels, OpacPage, RecordPage, marcLines } from './pages/library-public.js';
import { ConsolePage, ImportPage, ImportStatusPage, RecordFormPage } from './pages/library-staff.js';

const PUBLIC_CACHE = 'public, max-age=60';
const CODE = /^[A-Za-z0-9._-]{1,40}$/;

function filterOf(req: FastifyRequest, staff = false): OpacFilter {
  const q = req.query as Record<string, string | undefined>;
  const code = (v?: string) => (v && CODE.test(v) ? v : undefined);
  const year = (v?: string) => (v && /^\d{4}$/.test(v.trim()) ? Number(v.trim()) : undefined);
  const page = Number(q.trang);
  return {
    q: nfc(q.q).slice(0, 200) || undefined,
    collection: code(q['bo-suu-tap']),
    type: code(q.loai),
    language: code(q['ngon-ngu']),
    yearFrom: year(q['tu-nam']),
    yearTo: year(q['den-nam']),
    place: code(q['dia-danh']),
    topic: code(q['chu-de']),
    page: Number.isInteger(page) && page > 0 && page <= 500 ? page : 1,
    staff,
  };
}

/** How long a node keeps the browse page's counts (see browseCounts in the routes). */
const BROWSE_TTL_MS = 5 * 60_000;

async function labelsOf(s: Services): Promise<Labels> {
  const r = await s.db.execute<{ kind: string; code: string; heading: string }>(sql`
    SELECT 'collection' AS kind, code, name AS heading FROM library_collections
    UNION ALL SELECT kind, code, heading FROM library_authorities WHERE kind IN ('place', 'topic') AND code IS NOT NULL`);
  const l: Labels = { collections: new Map(), places: new Map(), topics: new Map() };
  for (const x of r.rows) (x.kind === 'collection' ? l.collections : x.kind === 'place' ? l.places : l.topics).set(x.code, x.heading);
  return l;
}

function formOfRecord(marc: MarcRecord, collectionId: string): CatalogueForm {
  const e = extract(marc);
  const f = (tag: string, code: string) => marc.fields.find((x) => x.tag === tag)?.subfields?.find((s) => s.code === code)?.value ?? '';
  const all = (tag: string) => marc.fields.filter((x) => x.tag === tag).map((x) => x.subfields?.find((s) => s.code === 'a')?.value ?? '');
  return {
    collectionId,
    title: f('245', 'a').replace(/[\s/:;]+$/, ''),
    subtitle: f('245', 'b').replace(/[\s/:;]+$/, ''),
    author: f('100', 'a'),
    otherAuthors: all('700').join('\n'),
    place: (f('264', 'a') || f('260', 'a')).replace(/[\s:;]+$/, ''),
    publisher: e.publisher,
    year: e.year ? String(e.year) : '',
    isbn: e.isbn ?? '',
    pages: f('300', 'a'),
    language: e.language,
    subjects: all('650').join('\n'),
    places: all('651').join('\n'),
    topics: marc.fields
      .filter((x) => x.tag === '084')
      .map((x) => x.subfields?.find((s) => s.code === 'a')?.value ?? '')
      .join('; '),
    summary: all('520').join('\n'),
    notes: all('500').join('\n'),
  };
}

async function readUpload(req: FastifyRequest): Promise<{ fields: Record<string, string>; data: Buffer; filename: string; truncated: boolean }> {
  if (!req.isMultipart()) throw Errors.badRequest('Biểu mẫu tải tệp không hợp lệ.', 'Expected multipart/form-data.');
  const fields: Record<string, string> = {};
  let data: Buffer = Buffer.alloc(0);
  let filename = '';
  let truncated = false;
  const opts = { throwFileSizeLimit: false, limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } } as Parameters<typeof req.parts>[0];
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

const apiHit = (s: Services, h: { id: string; digitisedItemId: string | null } & Record<string, unknown>) => ({
  ...h,
  url: `${s.config.publicUrl}/thu-vien/bieu-ghi/${h.id}`,
  manifest: h.digitisedItemId ? `${s.config.publicUrl}/iiif/manifests/${h.digitisedItemId}` : null,
});

export async function libraryRoutes(app: FastifyInstance, s: Services) {
  const staff = (req: FastifyRequest) => libraryPolicy.canManage(req.actor);
  const requireStaff = (req: FastifyRequest) => libraryPolicy.requireManage(req.actor);
  const anonLimit = { rateLimit: { max: 600, timeWindow: '1 minute' } };

  // ── OAI-PMH 2.0 ──
  const oai = async (args: Record<string, unknown>, reply: FastifyReply) => {
    const xml = await oaiRespond(s, oaiOptions(s), args as Record<string, string | string[] | undefined>);
    return reply.type('text/xml; charset=utf-8').header('cache-control', 'no-store').send(xml);
  };
  app.get('/oai', { config: { rateLimit: { max: 3000, timeWindow: '1 minute' } } }, async (req, reply) => oai(req.query as Record<string, unknown>, reply));
  app.post('/oai', { config: { rateLimit: { max: 3000, timeWindow: '1 minute' } } }, async (req, reply) => {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return oai({ verb: undefined }, reply);
    return oai((req.body ?? {}) as Record<string, unknown>, reply);
  });

  // ── OPAC ──
  const collectionsForForm = async (req: FastifyRequest) => (await repo.listCollections(s.db, { counts: false })).filter((c) => libraryPolicy.canSeeCollection(req.actor, c.access));
  app.get('/thu-vien', { config: anonLimit }, async (req, reply) => {
    const f = filterOf(req, staff(req));
    const [result, labels, collections] = await Promise.all([searchRecords(s.db, f), labelsOf(s), collectionsForForm(req)]);
    return reply.html(<OpacPage ctx={reply.page(req)} f={f} result={result} labels={labels} collections={collections} />);
  });
  // The counts cost one pass over the catalogue (~1M records): each node keeps them for
  // BROWSE_TTL_MS and makes them once however many visitors ask meanwhile. A new record shows in
  // the counts within that time; the records themselves are searched live.
  let browse: { at: number; counts: Promise<repo.BrowseCounts> } | undefined;
  const browseCounts = () => {
    if (!browse || Date.now() - browse.at > BROWSE_TTL_MS) {
      const counts = repo.browseCounts(s.db);
      const entry = { at: Date.now(), counts };
      browse = entry;
      counts.catch(() => {
        if (browse === entry) browse = undefined;
      });
    }
    return browse.counts;
  };
  app.get('/thu-vien/dia-chi', { config: anonLimit }, async (req, reply) => {
    const { places, topics } = await browseCounts();
    const coll = new Intl.Collator('vi');
    return reply.header('cache-control', PUBLIC_CACHE).html(<BrowsePage ctx={reply.page(req)} places={[...places].sort((a, b) => coll.compare(a.name, b.name))} topics={topics} />);
  });
  const visibleRecord = async (req: FastifyRequest) => {
    const id = uuidParam(req, 'id', 'Biểu ghi');
    const r = await repo.findRecord(s.db, id);
    const c = r ? await repo.findCollection(s.db, r.collectionId) : undefined;
    if (!r || !c || r.deletedAt || !libraryPolicy.canSeeCollection(req.actor, c.access)) throw Errors.notFound('Biểu ghi');
    return { r, c };
  };
  app.get('/thu-vien/bieu-ghi/:id', { config: anonLimit }, async (req, reply) => {
    const { r, c } = await visibleRecord(req);
    return reply.html(<RecordPage ctx={reply.page(req)} r={r} collection={c} labels={await labelsOf(s)} baseUrl={s.config.publicUrl} />);
  });
  app.get('/thu-vien/bieu-ghi/:id/marcxml', { config: anonLimit }, async (req, reply) => {
    const { r } = await visibleRecord(req);
    return reply.type('application/marcxml+xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>\n${toMarcXml(r.marc as MarcRecord)}`);
  });
  app.get('/thu-vien/bieu-ghi/:id/dc', { config: anonLimit }, async (req, reply) => {
    const { r } = await visibleRecord(req);
    return reply.type('application/xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>\n${toOaiDc(r.marc as MarcRecord)}`);
  });

  // ── JSON API ──
  const RecordsQuery = Type.Object({
    q: Type.Optional(Type.String({ maxLength: 200, description: 'từ khóa, có dấu hoặc không dấu' })),
    collection: Type.Optional(Type.String({ pattern: CODE.source })),
    place: Type.Optional(Type.String({ pattern: CODE.source, description: 'mã đơn vị hành chính' })),
    topic: Type.Optional(Type.String({ pattern: CODE.source, description: 'mã chủ đề địa chí' })),
    digitised: Type.Optional(Type.Boolean({ description: 'true: chỉ biểu ghi có bản số hóa (kèm manifest IIIF)' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  });
  app.get(
    '/api/v1/library/records',
    { schema: { tags: ['library'], summary: 'Tra cứu biểu ghi thư viện (OPAC): kết quả, tổng số, các mặt lọc; digitised=true kèm manifest IIIF. Khi khớp rất nhiều biểu ghi: approximate=true (tổng số và số đếm mặt lọc là ước tính), ranked = số biểu ghi mới nhất được xếp hạng và phân trang', querystring: RecordsQuery }, config: anonLimit },
    async (req) => {
      const q = req.query as { q?: string; collection?: string; place?: string; topic?: string; digitised?: boolean; page?: number; pageSize?: number };
      const r = await searchRecords(s.db, { q: nfc(q.q), collection: q.collection, place: q.place, topic: q.topic, digitised: q.digitised, page: q.page, pageSize: q.pageSize, staff: staff(req) });
      return { total: r.total, approximate: r.approximate, ranked: r.ranked, fuzzy: r.fuzzy, records: r.hits.map((h) => apiHit(s, h)), facets: r.facets };
    },
  );
  app.get('/api/v1/library/records/:id', { schema: { tags: ['library'], summary: 'Một biểu ghi: các trường tra cứu và MARC 21 (JSON)', params: Type.Object({ id: Type.String() }) }, config: anonLimit }, async (req) => {
    const { r, c } = await visibleRecord(req);
    return { ...apiHit(s, { id: r.id, digitisedItemId: r.digitisedItemId }), title: r.title, authors: r.authors, year: r.year, publisher: r.publisher, isbn: r.isbn, subjects: r.subjects, places: r.places, topics: r.topics, language: r.language, type: r.recordType, collection: c.code, marc: r.marc };
  });

  // ── Staff console ──
  app.get('/quan-tri/thu-vien', async (req, reply) => {
    requireStaff(req);
    const [collections, imports] = await Promise.all([repo.listCollections(s.db), repo.listImports(s.db)]);
    return reply.html(<ConsolePage ctx={reply.page(req)} collections={collections} imports={imports} />);
  });
  app.post('/quan-tri/thu-vien/bo-suu-tap', async (req, reply) => {
    requireStaff(req);
    const body = formBody(req);
    try {
      await createCollection(commandContext(req, s), { ...body, isDiaChi: body.isDiaChi === 'on' });
      return reply.redirect('/quan-tri/thu-vien', 303);
    } catch (e) {
      const { errors, message, status } = formErrors(e);
      const [collections, imports] = await Promise.all([repo.listCollections(s.db), repo.listImports(s.db)]);
      return reply.html(<ConsolePage ctx={reply.page(req)} collections={collections} imports={imports} errors={errors} message={message} form={body} />, status);
    }
  });
  app.get('/quan-tri/thu-vien/tim', async (req, reply) => {
    requireStaff(req);
    const f = filterOf(req, true);
    const [result, labels, collections] = await Promise.all([searchRecords(s.db, f), labelsOf(s), repo.listCollections(s.db, { counts: false })]);
    return reply.html(<OpacPage ctx={reply.page(req)} f={f} result={result} labels={labels} collections={collections} base="/quan-tri/thu-vien/tim" title="Tìm biểu ghi (cán bộ)" />);
  });
  app.get('/quan-tri/thu-vien/bieu-ghi/moi', async (req, reply) => {
    requireStaff(req);
    const collections = await repo.listCollections(s.db, { counts: false });
    return reply.html(<RecordFormPage ctx={reply.page(req)} form={{ collectionId: collections[0]?.id, language: 'vie' }} marcText="" collections={collections} />);
  });
  app.get('/quan-tri/thu-vien/bieu-ghi/:id', async (req, reply) => {
    requireStaff(req);
    const r = await repo.findRecord(s.db, uuidParam(req, 'id', 'Biểu ghi'));
    if (!r || r.deletedAt) throw Errors.notFound('Biểu ghi');
    return reply.html(<RecordFormPage ctx={reply.page(req)} id={r.id} version={r.version} form={formOfRecord(r.marc as MarcRecord, r.collectionId)} marcText={marcLines(r.marc as MarcRecord)} collections={await repo.listCollections(s.db, { counts: false })} />);
  });
  const saveHandler = async (req: FastifyRequest, reply: FastifyReply, id?: string) => {
    requireStaff(req);
    const body = formBody(req);
    const before = id ? await repo.findRecord(s.db, id) : undefined;
    if (id && (!before || before.deletedAt)) throw Errors.notFound('Biểu ghi');
    try {
      let marc: MarcRecord;
      if (body.mode === 'marc') {
        const parsed = parseMarcLines(body.marc ?? '');
        if (!parsed.record) throw new AppError('LIB-100', 400, 'Biểu ghi MARC không đọc được.', 'Unreadable MARC.', { marc: { vi: parsed.problems.map((p) => p.vi).join(' '), en: parsed.problems.map((p) => p.en).join(' ') } });
        marc = parsed.record;
      } else marc = marcFromForm(body, before?.marc as MarcRecord | undefined);
      const saved = await saveRecord(commandContext(req, s), { id, collectionId: body.collectionId ?? '', marc, version: body.version ? Number(body.version) : undefined });
      return reply.redirect(`/quan-tri/thu-vien/bieu-ghi/${saved.id}`, 303);
    } catch (e) {
      const { errors, message, status } = formErrors(e);
      return reply.html(
        <RecordFormPage
          ctx={reply.page(req)}
          id={id}
          version={before?.version}
          form={body.mode === 'marc' && before ? formOfRecord(before.marc as MarcRecord, before.collectionId) : body}
          marcText={body.mode === 'marc' ? (body.marc ?? '') : before ? marcLines(before.marc as MarcRecord) : ''}
          collections={await repo.listCollections(s.db, { counts: false })}
          errors={errors}
          message={message}
        />,
        status,
      );
    }
  };
  app.post('/quan-tri/thu-vien/bieu-ghi/moi', (req, reply) => saveHandler(req, reply));
  app.post('/quan-tri/thu-vien/bieu-ghi/:id', (req, reply) => saveHandler(req, reply, uuidParam(req, 'id', 'Biểu ghi')));
  app.post('/quan-tri/thu-vien/bieu-ghi/:id/xoa', async (req, reply) => {
    requireStaff(req);
    await deleteRecord(commandContext(req, s), uuidParam(req, 'id', 'Biểu ghi'));
    return reply.redirect('/quan-tri/thu-vien', 303);
  });
  app.get('/quan-tri/thu-vien/nhap', async (req, reply) => {
    requireStaff(req);
    return reply.html(<ImportPage ctx={reply.page(req)} collections={await repo.listCollections(s.db, { counts: false })} />);
  });
  app.post('/quan-tri/thu-vien/nhap', { bodyLimit: MAX_IMPORT_BYTES + 1024 * 1024 }, async (req, reply) => {
    requireStaff(req);
    try {
      const up = await readUpload(req);
      if (up.truncated) throw new AppError('CORE-413', 413, 'Tệp quá lớn: tối đa 50 MB.', 'File too large.', { file: { vi: 'Tệp quá lớn: tối đa 50 MB; hãy chia nhỏ tệp.', en: 'Max 50 MB.' } });
      const r = await startImport(commandContext(req, s), { collectionId: up.fields.collectionId ?? '', filename: up.filename, data: up.data });
      return reply.redirect(`/quan-tri/thu-vien/nhap/${r.id}`, 303);
    } catch (e) {
      const { errors, message, status } = formErrors(e);
      return reply.html(<ImportPage ctx={reply.page(req)} collections={await repo.listCollections(s.db, { counts: false })} errors={errors} message={message} />, status);
    }
  });
  app.get('/quan-tri/thu-vien/nhap/:id', async (req, reply) => {
    requireStaff(req);
    const imp = await repo.findImport(s.db, uuidParam(req, 'id', 'Lần nhập'));
    if (!imp) throw Errors.notFound('Lần nhập');
    return reply.html(<ImportStatusPage ctx={reply.page(req)} imp={imp} />);
  });
  app.get('/quan-tri/thu-vien/xuat', async (req, reply) => {
    requireStaff(req);
    const q = req.query as Record<string, string | undefined>;
    const format = (['marcxml', 'iso2709', 'dc', 'csv'].includes(q['dinh-dang'] ?? '') ? q['dinh-dang'] : 'marcxml') as ExportFormat;
    const col = q['bo-suu-tap'] && UUID_RE.test(q['bo-suu-tap']) ? q['bo-suu-tap'] : undefined;
    const ext = { marcxml: 'xml', iso2709: 'mrc', dc: 'xml', csv: 'csv' }[format];
    const type = { marcxml: 'application/marcxml+xml', iso2709: 'application/marc', dc: 'application/xml', csv: 'text/csv' }[format];
    reply.header('content-disposition', `attachment; filename="thu-vien.${ext}"`).type(`${type}; charset=utf-8`);
    return reply.send(exportRecords(s, format, col));
  });
}
