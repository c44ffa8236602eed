import fs from 'node:fs';
import { Type } from '@sinclair/typebox';
import { excel } from '../../core/xlsx.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Services } from '../../core/context.js';
import { AppError, Errors } from '../../core/errors.js';
import { listAdminUnits } from '../../core/places/index.js';
import { nfc } from '../../core/validation.js';
import { commandContext, formBody, formErrors, uuidParam } from '../../core/web/forms.js';
import { ProposalPage, ProposalsPage } from './pages/titles-proposals.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { CyclePage, CriteriaPage, CyclesPage, EntryPage } from './pages/titles-staff.js';
import { CyclePublicPage, IndexPage, StatsPage, VerifyPage, cycleHref, KIND_SLUG } from './pages/titles-public.js';
import { titlesClock } from './titles.clock.js';
import {
  addComment,
  addCriteriaVersion,
  createProposal,
  decideProposal,
  decisionIssuer,
  excludeEntry,
  importRegistrations,
  issueDecision,
  openYear,
  publishList,
  publishListing,
  recordAssessment,
  recordMinutes,
  registerVillages,
  requestCertificates,
} from './titles.commands.js';
import { batchFile } from './titles.jobs.js';
import { decisionPdf, listingNoticePdf, minutesPdf, proposalPdf } from './titles.pdf.js';
import { titlesPolicy } from './titles.policy.js';
import * as repo from './titles.repository.js';
import { cycleDeadlines, deadline, procedureAt } from './titles.rules.js';
import { ROUND_KINDS, type RoundKind } from './titles.schema.js';
import { buildTemplate } from './titles.xlsx.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_UPLOAD = 5 * 1024 * 1024;
const CODE_RE = /^[0-9A-Za-z._-]{1,20}$/;

export async function titlesRoutes(app: FastifyInstance, s: Services) {
  const unitNames = async () => new Map((await listAdminUnits(s.db, {})).map((u) => [u.code, u.name]));

  async function publicCycle(req: FastifyRequest, kind: RoundKind) {
    const { commune, year } = req.params as { commune: string; year: string };
    const c = CODE_RE.test(commune) && /^\d{4}$/.test(year) ? await repo.findCycleByCommuneYear(s.db, commune, Number(year), kind) : undefined;
    if (!c || c.status === 'open') throw Errors.notFound('Đợt bình xét');
    return c;
  }
  const publicRows = (c: repo.Cycle) => repo.entriesOf(s.db, c.id, c.status === 'published' ? ['recognised'] : ['proposed', 'recognised']);
  const commentOpen = (c: repo.Cycle) => {
    const today = titlesClock.today();
    return c.status === 'listing' && !!c.listingStart && !!c.listingEnd && today >= c.listingStart && today <= c.listingEnd;
  };
  const pdf = (reply: FastifyReply, name: string, data: Buffer) => reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).header('cache-control', 'no-store').send(data);

  // ── Public ───────────────────────────────────────────────────────────────
  app.get('/danh-hieu-van-hoa', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const filter = { q: nfc(q.q).slice(0, 100) || undefined, commune: q.xa && CODE_RE.test(q.xa) ? q.xa : undefined, year: q.nam && /^\d{4}$/.test(q.nam) ? Number(q.nam) : undefined };
    const searched = !!(filter.q || filter.commune || filter.year);
    const f = { q: filter.q, communeCode: filter.commune, year: filter.year };
    const [cycles, hits, villageHits] = await Promise.all([repo.publicCycles(s.db), searched ? repo.publicRecognised(s.db, f) : Promise.resolve([]), searched ? repo.publicRecognisedVillages(s.db, f) : Promise.resolve([])]);
    return reply.html(<IndexPage ctx={reply.page(req)} cycles={cycles} hits={hits} villageHits={villageHits} filter={filter} searched={searched} />);
  });

  app.get('/danh-hieu-van-hoa/thong-ke', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const kind: RoundKind = q.danh_hieu === 'thon' ? 'village' : 'household';
    const all = await repo.statistics(s.db, { titleKind: kind });
    const years = [...new Set(all.map((r) => r.year))];
    const year = q.nam && /^\d{4}$/.test(q.nam) ? Number(q.nam) : years[0];
    const names = await unitNames();
    const rows = all.map((r) => ({ ...r, communeName: names.get(r.communeCode) ?? r.communeCode }));
    const current = await listAdminUnits(s.db, { at: titlesClock.today(), level: ['commune', 'ward', 'special_zone'] });
    const ofYear = new Map(rows.filter((r) => r.year === year).map((r) => [r.communeCode, r]));
    const tiles = current.map((u) => {
      const r = ofYear.get(u.code);
      return { name: u.name, share: r?.total ? r.recognised / r.total : null };
    });
    return reply.html(<StatsPage ctx={reply.page(req)} rows={rows} year={year} years={years} tiles={tiles} titleKind={kind} />);
  });

  app.get('/danh-hieu-van-hoa/xac-minh/:id', async (req, reply) => {
    const id = uuidParam(req, 'id', 'Giấy công nhận');
    const r = await s.db.execute<{ titleKind: RoundKind; subjectId: string; headName: string | null; villageName: string; communeName: string; year: number; decisionNumber: string; decisionDate: string }>(sql`
      SELECT e.title_kind AS "titleKind", coalesce(e.household_id, e.village_id) AS "subjectId", h.head_name AS "headName", v.name AS "villageName", c.commune_name AS "communeName", c.year, c.decision_number AS "decisionNumber", c.decision_date::text AS "decisionDate"
        FROM titles_entries e JOIN titles_cycles c ON c.id = e.cycle_id LEFT JOIN titles_households h ON h.id = e.household_id JOIN titles_villages v ON v.id = e.village_id
       WHERE e.id = ${id} AND e.status = 'recognised' AND c.status IN ('decided','published')`);
    const f = r.rows[0];
    const found = f ? { ...f, years: await repo.consecutiveYears(s.db, f.subjectId, f.year, f.titleKind) } : undefined;
    return reply.html(<VerifyPage ctx={reply.page(req)} found={found} />, found ? 200 : 404);
  });

  // A round's public page, notice and comment form: households at /:xa/:nam, villages under
  // /:xa/:nam/thon-to-dan-pho.
  for (const kind of ROUND_KINDS) {
    const at = `/danh-hieu-van-hoa/:commune/:year${KIND_SLUG[kind]}`;
    app.get(at, async (req, reply) => {
      const c = await publicCycle(req, kind);
      const sent = (req.query as Record<string, string>).da_gui === '1';
      return reply.html(<CyclePublicPage ctx={reply.page(req)} cycle={c} rows={await publicRows(c)} commentOpen={commentOpen(c)} sent={sent} />);
    });

    app.get(`${at}/thong-bao.pdf`, async (req, reply) => {
      const c = await publicCycle(req, kind);
      return pdf(reply, `thong-bao-niem-yet-${c.communeCode}-${c.year}${kind === 'village' ? '-thon' : ''}.pdf`, await listingNoticePdf(c, await repo.entriesOf(s.db, c.id, ['proposed', 'recognised']), `${s.config.publicUrl}${cycleHref(c)}`));
    });

    app.post(`${at}/gop-y`, { config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (req, reply) => {
      const c = await publicCycle(req, kind);
      const body = formBody(req);
      try {
        await addComment(commandContext(req, s), c.id, body);
        return reply.redirect(`${cycleHref(c)}?da_gui=1`);
      } catch (err) {
        const f = formErrors(err);
        return reply.html(<CyclePublicPage ctx={reply.page(req)} cycle={c} rows={await publicRows(c)} commentOpen={commentOpen(c) || !!Object.keys(f.errors).length} values={body} errors={f.errors} message={f.message} />, f.status);
      }
    });
  }

  // ── Staff ────────────────────────────────────────────────────────────────
  const currentCommunes = async () => (await listAdminUnits(s.db, { at: titlesClock.today(), level: ['commune', 'ward', 'special_zone'] })).map((u) => ({ code: u.code, name: u.name }));

  async function listPage(req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, { vi: string; en: string }>; message?: string; status?: number } = {}) {
    const [cycles, overdue, units] = await Promise.all([repo.listCycles(s.db), repo.overdue(s.db, titlesClock.today(), deadline('review_end').fixed), currentCommunes()]);
    return reply.html(<CyclesPage ctx={reply.page(req)} cycles={cycles} overdue={overdue} units={units} year={Number(titlesClock.today().slice(0, 4))} {...extra} />, extra.status ?? 200);
  }

  app.get('/quan-tri/danh-hieu', async (req, reply) => {
    await titlesPolicy.requireView(s, req.actor);
    return listPage(req, reply);
  });
  app.post('/quan-tri/danh-hieu', async (req, reply) => {
    await titlesPolicy.requireManage(s, req.actor);
    const body = formBody(req);
    try {
      const c = await openYear(commandContext(req, s), body);
      return reply.flash(`Đã mở đợt bình xét năm ${c.year} của ${c.communeName}.`).redirect(`/quan-tri/danh-hieu/${c.id}`);
    } catch (err) {
      const f = formErrors(err);
      return listPage(req, reply, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.get('/quan-tri/danh-hieu/tieu-chi', async (req, reply) => {
    await titlesPolicy.requireView(s, req.actor);
    return reply.html(<CriteriaPage ctx={reply.page(req)} versions={await repo.listCriteria(s.db)} canEdit={req.actor.grants.some((g) => g.permission === 'manage:titles:all' || g.permission === '*')} />);
  });
  app.post('/quan-tri/danh-hieu/tieu-chi', async (req, reply) => {
    await titlesPolicy.requireAdmin(s, req.actor);
    const body = formBody(req);
    try {
      await addCriteriaVersion(commandContext(req, s), body);
      return reply.flash('Đã thêm phiên bản tiêu chí.').redirect('/quan-tri/danh-hieu/tieu-chi');
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<CriteriaPage ctx={reply.page(req)} versions={await repo.listCriteria(s.db)} canEdit values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });

  async function cyclePage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { form?: string; values?: Record<string, string>; errors?: Record<string, { vi: string; en: string }>; message?: string; status?: number } = {}) {
    const c = await repo.findCycle(s.db, id);
    if (!c) throw Errors.notFound('Đợt bình xét');
    const [criteria, rows, comments, cal, batch] = await Promise.all([repo.criteriaById(s.db, c.criteriaVersionId), repo.entriesOf(s.db, c.id), repo.commentsOf(s.db, c.id), s.calendar.calendar(), repo.latestBatch(s.db, c.id)]);
    const deadlines = cycleDeadlines(cal, c.year, { listingStart: c.listingStart, fileComplete: c.minutesDate, decisionDate: c.decisionDate }, c.titleKind);
    const procedure = procedureAt(c.titleKind, c.decisionDate ?? titlesClock.today());
    const villages = c.titleKind === 'village' && c.status === 'open' ? await repo.villagesOfCommune(s.db, c.communeCode) : [];
    return reply.html(<CyclePage ctx={reply.page(req)} cycle={c} criteria={criteria!} procedure={procedure} villages={villages} rows={rows} comments={comments} deadlines={deadlines} batch={batch} {...extra} />, extra.status ?? 200);
  }

  app.get('/quan-tri/danh-hieu/:id', async (req, reply) => {
    await titlesPolicy.requireView(s, req.actor);
    return cyclePage(req, reply, uuidParam(req, 'id', 'Đợt bình xét'));
  });

  const steps: Record<string, { form: string; run: (req: FastifyRequest, id: string, body: Record<string, string>) => Promise<unknown>; done: string }> = {
    'niem-yet': { form: 'listing', run: (req, id, b) => publishListing(commandContext(req, s), id, b), done: 'Đã niêm yết danh sách đề nghị.' },
    'bien-ban': { form: 'minutes', run: (req, id, b) => recordMinutes(commandContext(req, s), id, b), done: 'Đã ghi biên bản họp hội đồng.' },
    'quyet-dinh': { form: 'decision', run: (req, id, b) => issueDecision(commandContext(req, s), id, b), done: 'Đã ghi quyết định công nhận.' },
    'cong-bo': { form: 'publish', run: (req, id) => publishList(commandContext(req, s), id), done: 'Đã công bố danh sách được công nhận.' },
    'giay-cong-nhan': { form: 'certificates', run: (req, id) => requestCertificates(commandContext(req, s), id), done: 'Đang in giấy công nhận.' },
  };
  for (const [path, step] of Object.entries(steps)) {
    app.post(`/quan-tri/danh-hieu/:id/${path}`, async (req, reply) => {
      await titlesPolicy.requireManage(s, req.actor);
      const id = uuidParam(req, 'id', 'Đợt bình xét');
      const body = formBody(req);
      try {
        await step.run(req, id, body);
        return reply.flash(step.done).redirect(`/quan-tri/danh-hieu/${id}`);
      } catch (err) {
        const f = formErrors(err);
        return cyclePage(req, reply, id, { form: step.form, values: body, errors: f.errors, message: f.message, status: f.status });
      }
    });
  }

  app.post('/quan-tri/danh-hieu/:id/dang-ky-thon', async (req, reply) => {
    await titlesPolicy.requireManage(s, req.actor);
    const id = uuidParam(req, 'id', 'Đợt bình xét');
    const body = formBody(req);
    try {
      const codes = Object.keys(body)
        .filter((k) => k.startsWith('v-') && body[k])
        .map((k) => k.slice(2));
      const r = await registerVillages(commandContext(req, s), id, codes);
      return reply.flash(`Đã đăng ký ${r.imported} thôn, tổ dân phố.`).redirect(`/quan-tri/danh-hieu/${id}`);
    } catch (err) {
      const f = formErrors(err);
      return cyclePage(req, reply, id, { form: 'register', values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/danh-hieu/:id/nhap', async (req, reply) => {
    await titlesPolicy.requireManage(s, req.actor);
    const id = uuidParam(req, 'id', 'Đợt bình xét');
    try {
      if (!req.isMultipart()) throw Errors.badRequest('Biểu mẫu tải tệp không hợp lệ.', 'Expected multipart/form-data.');
      let data: Buffer = Buffer.alloc(0);
      let truncated = false;
      for await (const part of req.parts({ limits: { fileSize: MAX_UPLOAD, files: 1 } } as Parameters<typeof req.parts>[0])) {
        if (part.type === 'file') {
          data = await part.toBuffer().catch(() => {
            truncated = true;
            return Buffer.alloc(0);
          });
          truncated ||= part.file.truncated;
        }
      }
      if (truncated) throw new AppError('TITLES-113', 400, 'Tệp lớn hơn 5 MB.', 'File over 5 MB.', { file: { vi: 'Tệp lớn hơn 5 MB.', en: 'File over 5 MB.' } });
      // The type comes from the bytes: an XLSX is a ZIP (PK\x03\x04); anything else is refused.
      if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) throw new AppError('TITLES-110', 400, 'Vui lòng chọn tệp XLSX theo mẫu.', 'Choose the XLSX template.', { file: { vi: 'Vui lòng chọn tệp XLSX theo mẫu.', en: 'Choose the XLSX template.' } });
      const r = await importRegistrations(commandContext(req, s), id, data);
      const c = await repo.findCycle(s.db, id);
      return reply.flash(`Đã nhập ${r.imported} ${c?.titleKind === 'village' ? 'thôn, tổ dân phố' : 'hộ'} đăng ký.`).redirect(`/quan-tri/danh-hieu/${id}`);
    } catch (err) {
      const f = formErrors(err);
      return cyclePage(req, reply, id, { form: 'import', errors: f.errors, message: f.message, status: f.status });
    }
  });

  async function entryPage(req: FastifyRequest, reply: FastifyReply, extra: { form?: string; values?: Record<string, string>; errors?: Record<string, { vi: string; en: string }>; message?: string; status?: number } = {}) {
    const id = uuidParam(req, 'id', 'Đợt bình xét');
    const entryId = uuidParam(req, 'entry', 'Đơn vị đăng ký');
    const c = await repo.findCycle(s.db, id);
    const entry = c ? (await repo.entriesOf(s.db, c.id)).find((e) => e.id === entryId) : undefined;
    if (!c || !entry) throw Errors.notFound('Đơn vị đăng ký');
    const [criteria, revisions] = await Promise.all([repo.criteriaById(s.db, c.criteriaVersionId), repo.revisionsOf(s.db, entry.id)]);
    const reasons = procedureAt(c.titleKind, titlesClock.today()).exclusionReasons;
    return reply.html(<EntryPage ctx={reply.page(req)} cycle={c} criteria={criteria!} reasons={reasons} entry={entry} revisions={revisions} {...extra} />, extra.status ?? 200);
  }
  app.get('/quan-tri/danh-hieu/:id/ho/:entry', async (req, reply) => {
    await titlesPolicy.requireView(s, req.actor);
    return entryPage(req, reply);
  });
  app.post('/quan-tri/danh-hieu/:id/ho/:entry', async (req, reply) => {
    await titlesPolicy.requireManage(s, req.actor);
    const body = formBody(req);
    try {
      await recordAssessment(commandContext(req, s), uuidParam(req, 'entry', 'Hộ đăng ký'), body);
      return reply.flash('Đã lưu tự đánh giá.').redirect(`/quan-tri/danh-hieu/${uuidParam(req, 'id')}`);
    } catch (err) {
      const f = formErrors(err);
      return entryPage(req, reply, { form: 'assess', values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });
  app.post('/quan-tri/danh-hieu/:id/ho/:entry/loai-tru', async (req, reply) => {
    await titlesPolicy.requireManage(s, req.actor);
    const body = formBody(req);
    try {
      await excludeEntry(commandContext(req, s), uuidParam(req, 'entry', 'Hộ đăng ký'), body);
      return reply.flash('Đã ghi không xét.').redirect(`/quan-tri/danh-hieu/${uuidParam(req, 'id')}`);
    } catch (err) {
      const f = formErrors(err);
      return entryPage(req, reply, { form: 'exclude', values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  async function staffCycle(req: FastifyRequest) {
    await titlesPolicy.requireView(s, req.actor);
    const c = await repo.findCycle(s.db, uuidParam(req, 'id', 'Đợt bình xét'));
    if (!c) throw Errors.notFound('Đợt bình xét');
    return c;
  }
  const verify = (c: repo.Cycle) => `${s.config.publicUrl}${cycleHref(c)}`;
  app.get('/quan-tri/danh-hieu/:id/bien-ban.pdf', async (req, reply) => {
    const c = await staffCycle(req);
    if (!c.minutesNumber) throw Errors.notFound('Biên bản');
    const [rows, comments] = await Promise.all([repo.entriesOf(s.db, c.id, ['proposed', 'recognised']), repo.commentsOf(s.db, c.id)]);
    return pdf(reply, `bien-ban-${c.communeCode}-${c.year}.pdf`, await minutesPdf(c, rows, comments.length, verify(c)));
  });
  app.get('/quan-tri/danh-hieu/:id/quyet-dinh.pdf', async (req, reply) => {
    const c = await staffCycle(req);
    if (!c.decisionNumber) throw Errors.notFound('Quyết định');
    const level = procedureAt(c.titleKind, c.decisionDate!).decidingLevel.label;
    const [rows, issuerName] = await Promise.all([repo.entriesOf(s.db, c.id, ['recognised']), decisionIssuer(s.db, c, level, c.decisionDate!)]);
    return pdf(reply, `quyet-dinh-${c.communeCode}-${c.year}.pdf`, await decisionPdf(c, rows, level, verify(c), issuerName));
  });
  app.get('/quan-tri/danh-hieu/:id/giay-cong-nhan/:batch.pdf', async (req, reply) => {
    const c = await staffCycle(req);
    const b = await repo.findBatch(s.db, uuidParam(req, 'batch', 'Tệp giấy công nhận'));
    if (!b || b.cycleId !== c.id || b.status !== 'done') throw Errors.notFound('Tệp giấy công nhận');
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="giay-cong-nhan-${c.communeCode}-${c.year}.pdf"`).header('cache-control', 'no-store').send(fs.createReadStream(batchFile(s, b.id)));
  });

  // ── API ──────────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/titles/cycles/:id/template.xlsx',
    { schema: { tags: ['titles'], summary: 'Mẫu XLSX danh sách hộ đăng ký của một đợt (cán bộ)', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 404: ProblemSchema } } },
    async (req, reply) => {
      const c = await staffCycle(req);
      const villages = await repo.villagesOfCommune(s.db, c.communeCode);
      const hh = await s.db.execute<{ code: string; headName: string; villageCode: string }>(sql`
        SELECT h.code, h.head_name AS "headName", v.code AS "villageCode" FROM titles_households h JOIN titles_villages v ON v.id = h.village_id WHERE v.commune_code = ${c.communeCode} ORDER BY v.code, h.code`);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="dang-ky-${c.titleKind === 'village' ? 'thon' : 'gdvh'}-${c.communeCode}-${c.year}.xlsx"`)
        .header('cache-control', 'no-store')
        .send(await buildTemplate({ titleKind: c.titleKind, communeCode: c.communeCode, communeName: c.communeName, year: c.year, villages, households: c.titleKind === 'village' ? [] : hh.rows }));
    },
  );

  const StatSchema = Type.Object({ communeCode: Type.String(), communeName: Type.String(), year: Type.Integer(), titleKind: Type.String(), total: Type.Integer(), recognised: Type.Integer(), share: Type.Number() });
  async function statsRows(req: FastifyRequest) {
    const q = req.query as { nam?: string; danh_hieu?: string };
    const names = await unitNames();
    const titleKind = q.danh_hieu === 'thon' ? 'village' : 'household';
    return (await repo.statistics(s.db, { titleKind, year: q.nam && /^\d{4}$/.test(q.nam) ? Number(q.nam) : undefined })).map((r) => ({
      ...r,
      total: Number(r.total),
      recognised: Number(r.recognised),
      communeName: names.get(r.communeCode) ?? r.communeCode,
      share: r.total ? Math.round((r.recognised / r.total) * 1000) / 10 : 0,
    }));
  }
  app.get(
    '/api/v1/titles/stats',
    {
      schema: {
        tags: ['titles'],
        summary: 'Tỷ lệ hộ được công nhận "Gia đình văn hóa" (hoặc, với danh_hieu=thon, tỷ lệ thôn, tổ dân phố được công nhận "Thôn, tổ dân phố văn hóa") theo xã và năm',
        querystring: Type.Object({ nam: Type.Optional(Type.String({ pattern: '^\\d{4}$' })), danh_hieu: Type.Optional(Type.Union([Type.Literal('ho'), Type.Literal('thon')])) }),
        response: { 200: Type.Object({ items: Type.Array(StatSchema) }), 400: ProblemSchema },
      },
    },
    async (req) => ({ items: await statsRows(req) }),
  );
  app.get(
    '/api/v1/titles/stats.xlsx',
    { schema: { tags: ['titles'], summary: 'Thống kê danh hiệu theo xã và năm (XLSX)', querystring: Type.Object({ nam: Type.Optional(Type.String({ pattern: '^\\d{4}$' })), danh_hieu: Type.Optional(Type.Union([Type.Literal('ho'), Type.Literal('thon')])) }) } },
    async (req, reply) => {
      const wb = new (await excel()).Workbook();
      wb.creator = 'Văn Hiến';
      const ws = wb.addWorksheet('Thống kê');
      const village = (req.query as { danh_hieu?: string }).danh_hieu === 'thon';
      ws.addRow(['Mã xã', 'Xã, phường', 'Năm', village ? 'Số thôn, tổ dân phố' : 'Số hộ', 'Được công nhận', 'Tỷ lệ (%)']).font = { bold: true };
      for (const r of await statsRows(req)) ws.addRow([r.communeCode, r.communeName, r.year, r.total, r.recognised, r.share]);
      ws.columns = [{ width: 10 }, { width: 28 }, { width: 8 }, { width: 10 }, { width: 16 }, { width: 10 }];
      return reply.type(XLSX).header('content-disposition', `attachment; filename="thong-ke-${village ? 'thon-van-hoa' : 'gia-dinh-van-hoa'}.xlsx"`).send(Buffer.from(await wb.xlsx.writeBuffer()));
    },
  );
  app.get(
    '/api/v1/titles/recognised',
    {
      schema: {
        tags: ['titles'],
        summary: 'Hộ được công nhận đã công bố (họ tên chủ hộ, thôn; không có số định danh), tìm theo tên, xã, năm',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), xa: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z._-]{1,20}$' })), nam: Type.Optional(Type.String({ pattern: '^\\d{4}$' })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ headName: Type.String(), villageName: Type.String(), communeName: Type.String(), communeCode: Type.String(), year: Type.Integer(), decisionNumber: Type.String(), decisionDate: Type.String() })) }), 400: ProblemSchema },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req) => {
      const q = req.query as { q?: string; xa?: string; nam?: string };
      return { items: await repo.publicRecognised(s.db, { q: nfc(q.q) || undefined, communeCode: q.xa, year: q.nam ? Number(q.nam) : undefined }) };
    },
  );

  // ── "Tiêu biểu" proposals ───────────────────────────────────────────────────
  // Choosing the commune, year and title (GET) shows the recognised subjects with the years each
  // has held the title; the form posts the ticked ones (e-<entry id>) with the proposal's number
  // and date.
  async function proposalsPage(req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, { vi: string; en: string }>; message?: string; status?: number } = {}) {
    const q = { ...(req.query as Record<string, string | undefined>), ...(extra.values ?? {}) };
    const kind: RoundKind = q.titleKind === 'village' ? 'village' : 'household';
    const year = q.year && /^\d{4}$/.test(q.year) ? Number(q.year) : undefined;
    const code = q.communeCode && CODE_RE.test(q.communeCode) ? q.communeCode : undefined;
    const cycle = code && year ? await repo.findCycleByCommuneYear(s.db, code, year, kind) : undefined;
    const decided = cycle && ['decided', 'published'].includes(cycle.status) ? cycle : undefined;
    const [proposals, units, candidates] = await Promise.all([repo.listProposals(s.db), currentCommunes(), decided ? repo.recognisedWithStreak(s.db, decided) : Promise.resolve([])]);
    const rule = procedureAt(kind, titlesClock.today()).commendation;
    return reply.html(
      <ProposalsPage ctx={reply.page(req)} proposals={proposals} units={units} pick={{ communeCode: code, year, titleKind: kind }} cycle={cycle} candidates={candidates} rule={rule} today={titlesClock.today()} {...extra} />,
      extra.status ?? 200,
    );
  }
  app.get('/quan-tri/danh-hieu/tieu-bieu', async (req, reply) => {
    await titlesPolicy.requireView(s, req.actor);
    return proposalsPage(req, reply);
  });
  app.post('/quan-tri/danh-hieu/tieu-bieu', async (req, reply) => {
    await titlesPolicy.requireManage(s, req.actor);
    const body = formBody(req);
    try {
      const entryIds = Object.keys(body)
        .filter((k) => k.startsWith('e-') && body[k])
        .map((k) => k.slice(2));
      const p = await createProposal(commandContext(req, s), { ...body, entryIds });
      return reply.flash(`Đã lập tờ trình số ${p.number}.`).redirect(`/quan-tri/danh-hieu/tieu-bieu/${p.id}`);
    } catch (err) {
      const f = formErrors(err);
      return proposalsPage(req, reply, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });
  async function proposalPage(req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, { vi: string; en: string }>; message?: string; status?: number } = {}) {
    const p = await repo.findProposal(s.db, uuidParam(req, 'pid', 'Tờ trình đề nghị'));
    if (!p) throw Errors.notFound('Tờ trình đề nghị');
    return reply.html(<ProposalPage ctx={reply.page(req)} proposal={p} items={await repo.proposalItems(s.db, p.id)} {...extra} />, extra.status ?? 200);
  }
  app.get('/quan-tri/danh-hieu/tieu-bieu/:pid', async (req, reply) => {
    await titlesPolicy.requireView(s, req.actor);
    return proposalPage(req, reply);
  });
  app.get('/quan-tri/danh-hieu/tieu-bieu/:pid/to-trinh.pdf', async (req, reply) => {
    await titlesPolicy.requireView(s, req.actor);
    const p = await repo.findProposal(s.db, uuidParam(req, 'pid', 'Tờ trình đề nghị'));
    if (!p) throw Errors.notFound('Tờ trình đề nghị');
    return pdf(reply, `to-trinh-tieu-bieu-${p.communeCode}-${p.year}.pdf`, await proposalPdf(p, await repo.proposalItems(s.db, p.id), `${s.config.publicUrl}/quan-tri/danh-hieu/tieu-bieu/${p.id}`));
  });
  app.post('/quan-tri/danh-hieu/tieu-bieu/:pid/quyet-dinh', async (req, reply) => {
    await titlesPolicy.requireManage(s, req.actor);
    const id = uuidParam(req, 'pid', 'Tờ trình đề nghị');
    const body = formBody(req);
    try {
      const awardedIds = Object.keys(body)
        .filter((k) => k.startsWith('a-') && body[k])
        .map((k) => k.slice(2));
      const r = await decideProposal(commandContext(req, s), id, { ...body, awardedIds });
      return reply.flash(`Đã ghi quyết định khen thưởng (${r.awarded} được khen).`).redirect(`/quan-tri/danh-hieu/tieu-bieu/${id}`);
    } catch (err) {
      const f = formErrors(err);
      return proposalPage(req, reply, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.get(
    '/api/v1/titles/recognised-villages',
    {
      schema: {
        tags: ['titles'],
        summary: 'Thôn, tổ dân phố được công nhận "Thôn, tổ dân phố văn hóa" đã công bố, tìm theo tên, xã, năm',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), xa: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z._-]{1,20}$' })), nam: Type.Optional(Type.String({ pattern: '^\\d{4}$' })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ villageName: Type.String(), communeName: Type.String(), communeCode: Type.String(), year: Type.Integer(), decisionNumber: Type.String(), decisionDate: Type.String() })) }), 400: ProblemSchema },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req) => {
      const q = req.query as { q?: string; xa?: string; nam?: string };
      return { items: await repo.publicRecognisedVillages(s.db, { q: nfc(q.q) || undefined, communeCode: q.xa, year: q.nam ? Number(q.nam) : undefined }) };
    },
  );
}
