import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Services } from '../../core/context.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { findStoredFile } from '../../core/files/files.js';
import { UUID_RE, vnIsoDate } from '../../core/validation.js';
import { commandContext, formBody, formErrors, uuidParam } from '../../core/web/forms.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import {
  EVIDENCE_MAX,
  approveReport,
  changeMember,
  createBody,
  createMeeting,
  createPlan,
  createTask,
  generateReport,
  parseTargetLines,
  publishPlan,
  publishReport,
  reportDiff,
  reviseReport,
  tasksFromConclusions,
  updateProgress,
} from './steering.commands.js';
import { type DocMeta, REPORT_ISSUER, reportDocx, reportPdf } from './steering.documents.js';
import type { PublishedValue } from '../indicators/index.js';
import { type ReportContent, formatFigure, indicatorActual } from './steering.figures.js';
import { steeringPolicy } from './steering.policy.js';
import * as repo from './steering.repository.js';
import { steeringTaskUpdates } from './steering.schema.js';
import {
  BoardPage,
  CommitteePage,
  MeetingFormPage,
  MeetingPage,
  OverviewPage,
  PlanFormPage,
  PlanPage,
  PublicPage,
  PublicPlanPage,
  PublicReportPage,
  ReportPage,
  ReportsPage,
  TaskPage,
} from './pages/steering-pages.js';

const VN = (iso: string) => iso.split('-').reverse().join('/');

/** A plan's targets with the actual values read from the indicators' published data. */
export async function planTargets(s: Services, plan: repo.Plan) {
  const out = [];
  const cache = new Map<string, PublishedValue[]>();
  for (const t of await repo.targetsOf(s.db, plan.id)) {
    const target = t.targetValue === null ? '—' : `${t.comparator === '>=' ? '≥' : '≤'} ${t.targetValue.toLocaleString('vi-VN')}`;
    if (!t.indicatorCode) {
      out.push({ label: t.label, target, actual: '—', source: 'Không gắn chỉ tiêu', met: '—' });
      continue;
    }
    const a = await indicatorActual(s, t.indicatorCode, t.periodCode ?? plan.periodTo.slice(0, 4), cache);
    const met =
      a.value === null || t.targetValue === null ? '—' : (t.comparator === '>=' ? a.value >= t.targetValue : a.value <= t.targetValue) ? 'Đạt' : 'Chưa đạt';
    out.push({
      label: t.label,
      target,
      actual: a.value === null ? `chưa có số liệu (${a.missing})` : formatFigure({ value: a.value, kind: a.kind, unit: a.unit }),
      source: `Chỉ tiêu ${t.indicatorCode}${a.asOf ? `, tính đến ${VN(a.asOf)}` : ''}`,
      met,
    });
  }
  return out;
}

async function readMultipart(req: FastifyRequest) {
  if (!req.isMultipart()) throw Errors.badRequest('Biểu mẫu tải tệp không hợp lệ.', 'Expected multipart/form-data.');
  const fields: Record<string, string> = {};
  let file: { data: Buffer; filename: string; truncated: boolean } | null = null;
  const opts = { throwFileSizeLimit: false, limits: { fileSize: EVIDENCE_MAX, files: 1 } } as Parameters<typeof req.parts>[0];
  for await (const part of req.parts(opts)) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (part.fieldname === 'file' && (data.length || part.filename)) file = { data, filename: part.filename ?? '', truncated: part.file.truncated };
    } else if (part.fieldname !== '_csrf') fields[part.fieldname] = String(part.value ?? '');
  }
  return { fields, file };
}

export async function steeringRoutes(app: FastifyInstance, s: Services) {
  const units = () => repo.unitNames(s.db);
  const staff = (req: FastifyRequest) => steeringPolicy.requireView(req.actor);

  async function docMeta(report: repo.Report): Promise<DocMeta> {
    const agency = REPORT_ISSUER;
    return {
      parent: 'UBND tỉnh (dữ liệu minh họa)',
      agency,
      number: report.number,
      place: 'Văn Hiến',
      date: report.approvedAt ? vnIsoDate(report.approvedAt) : vnIsoDate(report.createdAt),
      status: report.status === 'approved' || report.status === 'published' ? '' : 'DỰ THẢO — chưa được lãnh đạo phê duyệt',
      signer: report.approvedBy ? { title: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC', name: report.approvedBy } : null,
    };
  }
  async function currentContent(report: repo.Report): Promise<ReportContent> {
    const v = await repo.versionOf(s.db, report.id, report.version);
    return v!.content as ReportContent;
  }

  // ── Staff pages ──────────────────────────────────────────────────────────
  app.get('/quan-tri/chi-dao', async (req, reply) => {
    staff(req);
    const [plans, meetings, counts] = await Promise.all([repo.listPlans(s.db), repo.listMeetings(s.db), repo.taskCounts(s.db, vnIsoDate())]);
    return reply.html(<OverviewPage ctx={reply.page(req)} plans={plans} meetings={meetings} counts={counts} canManage={steeringPolicy.canManage(req.actor)} />);
  });

  app.get('/quan-tri/chi-dao/bang', async (req, reply) => {
    staff(req);
    const q = req.query as Record<string, string | undefined>;
    const names = await units();
    const mine = await steeringPolicy.updatableUnits(s, req.actor);
    // A unit's staff see their unit's board; leaders and the office see every unit's.
    const choices = mine && !steeringPolicy.canView(req.actor) ? mine : [...names.keys()];
    const unit = q['don-vi'] && choices.includes(q['don-vi']) ? q['don-vi'] : choices.length === 1 ? choices[0]! : '';
    const tasks = await repo.board(s.db, vnIsoDate(), { unit: unit || undefined });
    const title = unit ? `Bảng nhiệm vụ — ${names.get(unit) ?? unit}` : 'Bảng theo dõi nhiệm vụ của lãnh đạo';
    return reply.html(<BoardPage ctx={reply.page(req)} tasks={tasks} units={names} unit={unit} title={title} unitChoices={choices} />);
  });

  app.get('/quan-tri/chi-dao/ke-hoach/moi', async (req, reply) => {
    steeringPolicy.requireManage(req.actor);
    return reply.html(<PlanFormPage ctx={reply.page(req)} values={{}} />);
  });
  app.post('/quan-tri/chi-dao/ke-hoach/moi', async (req, reply) => {
    steeringPolicy.requireManage(req.actor);
    const body = formBody(req);
    try {
      const plan = await createPlan(commandContext(req, s), { ...body, targets: parseTargetLines(body.targets ?? '') });
      return reply.flash(`Đã lưu kế hoạch số ${plan.number}.`).redirect(`/quan-tri/chi-dao/ke-hoach/${plan.id}`);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<PlanFormPage ctx={reply.page(req)} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });
  app.get('/quan-tri/chi-dao/ke-hoach/:id', async (req, reply) => {
    staff(req);
    const plan = await repo.findPlan(s.db, uuidParam(req, 'id', 'Kế hoạch'));
    if (!plan) throw Errors.notFound('Kế hoạch');
    const [targets, tasks, names] = await Promise.all([planTargets(s, plan), repo.board(s.db, vnIsoDate(), { planId: plan.id }), units()]);
    return reply.html(
      <PlanPage ctx={reply.page(req)} plan={plan} targets={targets} tasks={tasks} units={names} canManage={steeringPolicy.canManage(req.actor)} />,
    );
  });
  app.post('/quan-tri/chi-dao/ke-hoach/:id/cong-bo', async (req, reply) => {
    const id = uuidParam(req, 'id', 'Kế hoạch');
    const p = await publishPlan(commandContext(req, s), id, formBody(req).published !== '0');
    return reply.flash(p.published ? 'Đã công bố kế hoạch.' : 'Đã thôi công bố kế hoạch.').redirect(`/quan-tri/chi-dao/ke-hoach/${id}`);
  });

  app.get('/quan-tri/chi-dao/cuoc-hop/moi', async (req, reply) => {
    steeringPolicy.requireManage(req.actor);
    return reply.html(<MeetingFormPage ctx={reply.page(req)} values={{}} />);
  });
  app.post('/quan-tri/chi-dao/cuoc-hop/moi', async (req, reply) => {
    steeringPolicy.requireManage(req.actor);
    const body = formBody(req);
    try {
      const m = await createMeeting(commandContext(req, s), body);
      return reply.flash('Đã lưu cuộc họp.').redirect(`/quan-tri/chi-dao/cuoc-hop/${m.id}`);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<MeetingFormPage ctx={reply.page(req)} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });
  async function meetingPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number } = {},
  ) {
    const meeting = await repo.findMeeting(s.db, id);
    if (!meeting) throw Errors.notFound('Cuộc họp');
    const [conclusions, tasks, names] = await Promise.all([repo.conclusionsOf(s.db, id), repo.tasksOfMeeting(s.db, id, vnIsoDate()), units()]);
    return reply.html(
      <MeetingPage
        ctx={reply.page(req)}
        meeting={meeting}
        conclusions={conclusions}
        tasks={tasks}
        units={names}
        canManage={steeringPolicy.canManage(req.actor)}
        {...extra}
      />,
      extra.status ?? 200,
    );
  }
  app.get('/quan-tri/chi-dao/cuoc-hop/:id', async (req, reply) => {
    staff(req);
    return meetingPage(req, reply, uuidParam(req, 'id', 'Cuộc họp'));
  });
  app.post('/quan-tri/chi-dao/cuoc-hop/:id/giao-viec', async (req, reply) => {
    steeringPolicy.requireManage(req.actor);
    const id = uuidParam(req, 'id', 'Cuộc họp');
    const body = formBody(req);
    const rows = Object.keys(body)
      .filter((k) => /^c\d+\.pick$/.test(k) && UUID_RE.test(body[k]!))
      .map((k) => {
        const pre = k.slice(0, -'pick'.length);
        return {
          conclusionId: body[k]!,
          ownerUnit: body[`${pre}ownerUnit`],
          coUnits: body[`${pre}coUnits`],
          deadline: body[`${pre}deadline`],
          workingDays: body[`${pre}workingDays`],
          expectedProduct: body[`${pre}expectedProduct`],
        };
      });
    try {
      const tasks = await tasksFromConclusions(commandContext(req, s), id, rows);
      return reply.flash(`Đã giao ${tasks.length} nhiệm vụ: ${tasks.map((t) => t.code).join(', ')}.`).redirect(`/quan-tri/chi-dao/cuoc-hop/${id}`);
    } catch (err) {
      const f = formErrors(err);
      return meetingPage(req, reply, id, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  async function taskPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number } = {},
  ) {
    const task = (await repo.board(s.db, vnIsoDate(), {})).find((t) => t.id === id) ?? undefined;
    const raw = task ?? (await repo.findTask(s.db, id));
    if (!raw) throw Errors.notFound('Nhiệm vụ');
    const t = task ?? { ...raw, effective: raw.status, planNumber: null, meetingTitle: null };
    let canUpdate = true;
    try {
      await steeringPolicy.requireUpdate(s, req.actor, t);
    } catch {
      canUpdate = false;
    }
    const [updates, names] = await Promise.all([repo.updatesOf(s.db, id), units()]);
    return reply.html(<TaskPage ctx={reply.page(req)} task={t} updates={updates} units={names} canUpdate={canUpdate} {...extra} />, extra.status ?? 200);
  }
  app.get('/quan-tri/chi-dao/nhiem-vu/:id', async (req, reply) => {
    staff(req);
    return taskPage(req, reply, uuidParam(req, 'id', 'Nhiệm vụ'));
  });
  app.post('/quan-tri/chi-dao/nhiem-vu/:id/tien-do', async (req, reply) => {
    staff(req);
    const id = uuidParam(req, 'id', 'Nhiệm vụ');
    let values: Record<string, string> = {};
    try {
      const { fields, file } = await readMultipart(req);
      values = fields;
      await updateProgress(commandContext(req, s), id, { ...fields, file });
      return reply.flash('Đã cập nhật tiến độ nhiệm vụ.').redirect(`/quan-tri/chi-dao/nhiem-vu/${id}`);
    } catch (err) {
      const f = formErrors(err);
      return taskPage(req, reply, id, { values, errors: f.errors, message: f.message, status: f.status });
    }
  });
  app.get('/quan-tri/chi-dao/minh-chung/:id', async (req, reply) => {
    staff(req);
    const id = uuidParam(req, 'id', 'Minh chứng');
    const [u] = await s.db.select().from(steeringTaskUpdates).where(eq(steeringTaskUpdates.id, id));
    if (!u?.fileId) throw Errors.notFound('Minh chứng');
    const f = await findStoredFile(s.db, u.fileId);
    if (!f) throw Errors.notFound('Minh chứng');
    return reply
      .type(f.contentType)
      .header('content-disposition', `attachment; filename="${f.safeName}"; filename*=UTF-8''${encodeURIComponent(f.originalName)}`)
      .header('cache-control', 'private, no-store')
      .send(await s.files.read(f.storageKey));
  });

  app.get('/quan-tri/chi-dao/ban-chi-dao', async (req, reply) => {
    staff(req);
    const bodies = await repo.listBodies(s.db);
    const withMembers = await Promise.all(bodies.map(async (b) => ({ body: b, members: await repo.membersOf(s.db, b.id) })));
    return reply.html(<CommitteePage ctx={reply.page(req)} bodies={withMembers} canManage={steeringPolicy.canManage(req.actor)} />);
  });
  app.post('/quan-tri/chi-dao/ban-chi-dao', async (req, reply) => {
    steeringPolicy.requireManage(req.actor);
    const body = formBody(req);
    try {
      await createBody(commandContext(req, s), body);
      return reply.flash('Đã lưu.').redirect('/quan-tri/chi-dao/ban-chi-dao');
    } catch (err) {
      const f = formErrors(err);
      const bodies = await repo.listBodies(s.db);
      const withMembers = await Promise.all(bodies.map(async (b) => ({ body: b, members: await repo.membersOf(s.db, b.id) })));
      return reply.html(<CommitteePage ctx={reply.page(req)} bodies={withMembers} canManage values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });
  app.post('/quan-tri/chi-dao/ban-chi-dao/:id/kien-toan', async (req, reply) => {
    steeringPolicy.requireManage(req.actor);
    const id = uuidParam(req, 'id', 'Ban Chỉ đạo');
    try {
      await changeMember(commandContext(req, s), id, formBody(req));
      return reply.flash('Đã kiện toàn thành viên.').redirect('/quan-tri/chi-dao/ban-chi-dao');
    } catch (err) {
      const f = formErrors(err);
      const bodies = await repo.listBodies(s.db);
      const withMembers = await Promise.all(bodies.map(async (b) => ({ body: b, members: await repo.membersOf(s.db, b.id) })));
      return reply.html(
        <CommitteePage
          ctx={reply.page(req)}
          bodies={withMembers}
          canManage
          errors={f.errors}
          message={f.message || 'Vui lòng sửa các lỗi của phần kiện toàn.'}
        />,
        f.status,
      );
    }
  });

  app.get('/quan-tri/chi-dao/bao-cao', async (req, reply) => {
    staff(req);
    return reply.html(
      <ReportsPage
        ctx={reply.page(req)}
        reports={await repo.listReports(s.db)}
        canManage={steeringPolicy.canManage(req.actor)}
        values={{ year: String(new Date().getFullYear() - 1) }}
      />,
    );
  });
  app.post('/quan-tri/chi-dao/bao-cao', async (req, reply) => {
    steeringPolicy.requireManage(req.actor);
    const body = formBody(req);
    try {
      const r = await generateReport(commandContext(req, s), body);
      return reply.flash(`Đã lập báo cáo số ${r.number}.`).redirect(`/quan-tri/chi-dao/bao-cao/${r.id}`);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(
        <ReportsPage ctx={reply.page(req)} reports={await repo.listReports(s.db)} canManage values={body} errors={f.errors} message={f.message} />,
        f.status,
      );
    }
  });
  async function reportPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: FieldErrors; message?: string; status?: number } = {}) {
    const report = await repo.findReport(s.db, id);
    if (!report) throw Errors.notFound('Báo cáo');
    const q = req.query as Record<string, string | undefined>;
    const cmp = Number(q['so-sanh']);
    const diff = Number.isInteger(cmp) && cmp > 1 && cmp <= report.version ? await reportDiff(s, id, cmp - 1, cmp) : undefined;
    const [content, versions] = await Promise.all([currentContent(report), repo.versionsOf(s.db, id)]);
    return reply.html(
      <ReportPage
        ctx={reply.page(req)}
        report={report}
        content={content}
        versions={versions}
        diff={diff}
        canManage={steeringPolicy.canManage(req.actor)}
        canApprove={steeringPolicy.canApprove(req.actor)}
        {...extra}
      />,
      extra.status ?? 200,
    );
  }
  app.get('/quan-tri/chi-dao/bao-cao/:id', async (req, reply) => {
    staff(req);
    return reportPage(req, reply, uuidParam(req, 'id', 'Báo cáo'));
  });
  app.post('/quan-tri/chi-dao/bao-cao/:id/sua', async (req, reply) => {
    steeringPolicy.requireManage(req.actor);
    const id = uuidParam(req, 'id', 'Báo cáo');
    const body = formBody(req);
    const narratives: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (k.startsWith('n.')) narratives[k.slice(2)] = v;
    try {
      const r = await reviseReport(commandContext(req, s), id, { narratives, refresh: body.refresh === '1' });
      return reply.flash(`Đã lưu phiên bản ${r.version}.`).redirect(`/quan-tri/chi-dao/bao-cao/${id}?so-sanh=${r.version}`);
    } catch (err) {
      const f = formErrors(err);
      return reportPage(req, reply, id, { errors: f.errors, message: f.message, status: f.status });
    }
  });
  for (const [path, fn, msg] of [
    ['phe-duyet', approveReport, 'Đã phê duyệt báo cáo.'],
    ['cong-bo', publishReport, 'Đã công bố báo cáo trên cổng thông tin.'],
  ] as const) {
    app.post(`/quan-tri/chi-dao/bao-cao/:id/${path}`, async (req, reply) => {
      const id = uuidParam(req, 'id', 'Báo cáo');
      try {
        await fn(commandContext(req, s), id);
        return reply.flash(msg).redirect(`/quan-tri/chi-dao/bao-cao/${id}`);
      } catch (err) {
        const f = formErrors(err);
        return reportPage(req, reply, id, { errors: f.errors, message: f.message, status: f.status });
      }
    });
  }

  // ── Public ───────────────────────────────────────────────────────────────
  app.get('/chi-dao-dieu-hanh', async (req, reply) => {
    const [plans, reports] = await Promise.all([repo.listPlans(s.db, true), repo.listReports(s.db, true)]);
    const withTitles = await Promise.all(reports.map(async (r) => ({ ...r, title: (await currentContent(r)).title })));
    return reply.header('cache-control', 'public, max-age=60').html(<PublicPage ctx={reply.page(req)} plans={plans} reports={withTitles} />);
  });
  app.get('/chi-dao-dieu-hanh/ke-hoach/:id', async (req, reply) => {
    const plan = await repo.findPlan(s.db, uuidParam(req, 'id', 'Kế hoạch'));
    if (!plan?.published) throw Errors.notFound('Kế hoạch');
    return reply.html(<PublicPlanPage ctx={reply.page(req)} plan={plan} targets={await planTargets(s, plan)} />);
  });
  app.get('/chi-dao-dieu-hanh/bao-cao/:id', async (req, reply) => {
    const report = await repo.findReport(s.db, uuidParam(req, 'id', 'Báo cáo'));
    if (report?.status !== 'published') throw Errors.notFound('Báo cáo');
    return reply.html(<PublicReportPage ctx={reply.page(req)} report={report} content={await currentContent(report)} />);
  });

  // ── API ──────────────────────────────────────────────────────────────────
  const ReportOut = Type.Object({
    id: Type.String(),
    number: Type.String(),
    kind: Type.String(),
    year: Type.Integer(),
    status: Type.String(),
    version: Type.Integer(),
    docx: Type.String(),
    pdf: Type.String(),
  });
  const reportOut = (r: repo.Report) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    year: r.year,
    status: r.status,
    version: r.version,
    docx: `/api/v1/steering/reports/${r.id}.docx`,
    pdf: `/api/v1/steering/reports/${r.id}.pdf`,
  });

  app.post(
    '/api/v1/steering/reports',
    {
      schema: {
        tags: ['steering'],
        summary: 'Lập báo cáo CCHC, CĐS từ số liệu hiện hành (kind: yearly | quarterly)',
        body: Type.Object({
          kind: Type.String({ enum: ['yearly', 'quarterly'] } as never),
          year: Type.Integer({ minimum: 2000, maximum: 2100 }),
          quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
        }),
        response: { 201: ReportOut, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (req, reply) => {
      const r = await generateReport(commandContext(req, s), req.body as { kind: string; year: number });
      return reply.code(201).send(reportOut(r));
    },
  );
  app.get(
    '/api/v1/steering/reports',
    {
      schema: {
        tags: ['steering'],
        summary: 'Các báo cáo (cán bộ: tất cả; khách: đã công bố)',
        response: { 200: Type.Object({ items: Type.Array(ReportOut) }) },
      },
    },
    async (req) => {
      const all = steeringPolicy.canView(req.actor);
      return { items: (await repo.listReports(s.db, !all)).map(reportOut) };
    },
  );
  app.get(
    '/api/v1/steering/reports/:file',
    {
      schema: {
        tags: ['steering'],
        summary: 'Báo cáo dạng DOCX ({id}.docx) hoặc PDF ({id}.pdf); dự thảo chỉ cán bộ xem được',
        params: Type.Object({ file: Type.String({ pattern: '^[0-9a-fA-F-]{36}\\.(docx|pdf)$' }) }),
      },
    },
    async (req, reply) => {
      const { file } = req.params as { file: string };
      const [id, ext] = file.split('.') as [string, 'docx' | 'pdf'];
      if (!UUID_RE.test(id)) throw Errors.notFound('Báo cáo');
      const report = await repo.findReport(s.db, id);
      if (!report) throw Errors.notFound('Báo cáo');
      if (report.status !== 'published') staff(req);
      const content = await currentContent(report);
      const meta = await docMeta(report);
      const name = `bao-cao-${report.kind === 'yearly' ? 'nam' : 'quy'}-${report.year}-v${report.version}.${ext}`;
      const buf = ext === 'docx' ? await reportDocx(content, meta) : await reportPdf(content, meta);
      return reply
        .type(ext === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', report.status === 'published' ? 'public, max-age=300' : 'private, no-store')
        .send(buf);
    },
  );
  app.post(
    '/api/v1/steering/reports/:id/approve',
    {
      schema: {
        tags: ['steering'],
        summary: 'Lãnh đạo phê duyệt báo cáo',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ReportOut, 409: ProblemSchema },
      },
    },
    async (req) => reportOut(await approveReport(commandContext(req, s), (req.params as { id: string }).id)),
  );
  app.post(
    '/api/v1/steering/reports/:id/publish',
    {
      schema: {
        tags: ['steering'],
        summary: 'Công bố báo cáo đã phê duyệt',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ReportOut, 409: ProblemSchema },
      },
    },
    async (req) => reportOut(await publishReport(commandContext(req, s), (req.params as { id: string }).id)),
  );

  const TaskOut = Type.Object({
    id: Type.String(),
    code: Type.String(),
    title: Type.String(),
    ownerUnit: Type.String(),
    coUnits: Type.Array(Type.String()),
    deadline: Type.String(),
    status: Type.String(),
    progress: Type.Integer(),
  });
  app.post(
    '/api/v1/steering/tasks',
    {
      schema: {
        tags: ['steering'],
        summary: 'Giao nhiệm vụ (không có đơn vị chủ trì: STEERING-101; không có hạn: STEERING-102)',
        body: Type.Object({
          title: Type.String(),
          ownerUnit: Type.Optional(Type.String()),
          coUnits: Type.Optional(Type.Array(Type.String())),
          deadline: Type.Optional(Type.String({ description: 'ngày/tháng/năm hoặc YYYY-MM-DD' })),
          workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
          expectedProduct: Type.Optional(Type.String()),
          planId: Type.Optional(Type.String()),
        }),
        response: { 201: TaskOut, 400: ProblemSchema },
      },
    },
    async (req, reply) => {
      const b = req.body as Record<string, string>;
      const t = await createTask(commandContext(req, s), {
        ...b,
        deadline: b.deadline && /^\d{4}-\d{2}-\d{2}$/.test(b.deadline) ? VN(b.deadline) : b.deadline,
      });
      return reply.code(201).send(t);
    },
  );
  app.get(
    '/api/v1/steering/tasks',
    {
      schema: {
        tags: ['steering'],
        summary: 'Bảng nhiệm vụ (quá hạn, nguy cơ chậm trước)',
        querystring: Type.Object({ unit: Type.Optional(Type.String()) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...TaskOut.properties, effective: Type.String() })) }) },
      },
    },
    async (req) => {
      staff(req);
      return { items: await repo.board(s.db, vnIsoDate(), { unit: (req.query as { unit?: string }).unit }) };
    },
  );
  app.post(
    '/api/v1/steering/plans',
    {
      schema: {
        tags: ['steering'],
        summary: 'Thêm kế hoạch và chỉ tiêu (mã chỉ tiêu không có trong danh mục: STEERING-103)',
        body: Type.Object({
          number: Type.String(),
          issuedOn: Type.String(),
          issuer: Type.String(),
          title: Type.String(),
          periodFrom: Type.String(),
          periodTo: Type.String(),
          sourcePlan: Type.Optional(Type.String()),
          targets: Type.Optional(
            Type.Array(
              Type.Object({
                label: Type.String(),
                indicatorCode: Type.Optional(Type.String()),
                comparator: Type.Optional(Type.String()),
                targetValue: Type.Optional(Type.Number()),
                periodCode: Type.Optional(Type.String()),
              }),
            ),
          ),
        }),
        response: { 201: Type.Object({ id: Type.String(), number: Type.String() }), 400: ProblemSchema },
      },
    },
    async (req, reply) => {
      const p = await createPlan(commandContext(req, s), req.body as never);
      return reply.code(201).send({ id: p.id, number: p.number });
    },
  );
  void AppError;
}
