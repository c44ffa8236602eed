import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../core/context.js';
import { AppError, Errors } from '../../core/errors.js';
import { listUnits } from '../../core/org/org.repository.js';
import { vnIsoDate } from '../../core/validation.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { PageCache, sendCachedPage } from '../../core/web/page-cache.js';
import { saveProcedureVersion } from './procedures.commands.js';
import { PROCEDURE_FIELDS } from './procedures.fields.js';
import { fromEditorValues, toEditorValues } from './procedures.formcodec.js';
import { toJsonSchema, type FormDefinition } from './procedures.forms.js';
import { procedurePolicy } from './procedures.policy.js';
import * as repo from './procedures.repository.js';
import { CataloguePage, ProcedurePage } from './pages/catalogue-pages.js';
import { ProcedureAdminList, ProcedureEditor } from './pages/editor-pages.js';

const CODE_RE = /^[A-Za-z0-9.\-_]{1,40}$/;

const ProcedureSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  field: Type.String(),
  level: Type.Union([Type.Literal('full'), Type.Literal('partial')]),
  processingDays: Type.Integer(),
  version: Type.Integer(),
  effectiveFrom: Type.String({ format: 'date' }),
});

const ProcedureDetail = Type.Composite([
  ProcedureSummary,
  Type.Object({
    partialReason: Type.Union([Type.String(), Type.Null()]),
    unitCode: Type.String(),
    authority: Type.String(),
    legalBasis: Type.Array(Type.String()),
    fees: Type.Array(Type.Object({ name: Type.String(), amount: Type.Integer(), note: Type.Optional(Type.String()) })),
    documents: Type.Array(Type.Object({ name: Type.String(), copies: Type.Integer(), original: Type.String(), templateName: Type.Optional(Type.String()) })),
    resultType: Type.String(),
    form: Type.Unknown({ description: 'Định nghĩa biểu mẫu điện tử (các bước, trường, điều kiện)' }),
    formSchema: Type.Unknown({ description: 'Biểu mẫu dưới dạng JSON Schema 2020-12' }),
    workflow: Type.Array(Type.Object({ step: Type.String(), role: Type.String(), unitCode: Type.String(), days: Type.Integer() })),
  }),
]);

function summary(r: repo.ProcedureWithVersion) {
  return { code: r.code, name: r.name, field: r.field, level: r.level, processingDays: r.processingDays, version: r.version, effectiveFrom: r.effectiveFrom };
}

export function procedureRoutes(app: FastifyInstance, s: Services) {
  repo.bindVersionCacheToBus(s.bus);
  const unitOptions = async () => (await listUnits(s.db)).map((u) => ({ code: u.code, name: u.name }));
  // The catalogue and procedure pages for anonymous visitors; saveProcedureVersion empties it.
  const pageCache = new PageCache(s);
  app.addHook('onClose', async () => pageCache.dispose());

  app.get('/thu-tuc', async (req, reply) => {
    const q = req.query as Record<string, string>;
    const query = { q: (q.q ?? '').slice(0, 200), field: q.field in PROCEDURE_FIELDS ? q.field : undefined, level: q.level === 'full' || q.level === 'partial' ? (q.level as 'full' | 'partial') : undefined };
    const today = vnIsoDate();
    // The catalogue as a whole or by field/level is one of a few pages; a free-text search is not kept.
    const key = query.q.trim() ? undefined : `catalogue|${today}|${query.field ?? ''}|${query.level ?? ''}`;
    return sendCachedPage(req, reply, pageCache, key, async (ctx) => {
      const { rows, total } = await repo.searchCurrent(s.db, today, { ...query, limit: 200 });
      return <CataloguePage ctx={ctx} rows={rows} total={total} query={query} />;
    });
  });

  app.get('/thu-tuc/:code', async (req, reply) => {
    const { code } = req.params as { code: string };
    if (!CODE_RE.test(code)) throw Errors.notFound('Thủ tục');
    const today = vnIsoDate();
    return sendCachedPage(req, reply, pageCache, `procedure|${code}|${today}`, async (ctx) => {
      const proc = await repo.findCurrentByCode(s.db, code, today);
      if (!proc) throw Errors.notFound('Thủ tục');
      const versions = await repo.listVersions(s.db, code);
      const unitName = (await unitOptions()).find((u) => u.code === proc.unitCode)?.name ?? proc.unitCode;
      return <ProcedurePage ctx={ctx} proc={proc} versions={versions} unitName={unitName} />;
    });
  });

  app.get(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Danh mục thủ tục đang có hiệu lực; tìm không phân biệt dấu',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          field: Type.Optional(Type.String({ enum: Object.keys(PROCEDURE_FIELDS) })),
          level: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('partial')])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(ProcedureSummary) }), 400: ProblemSchema },
      },
    },
    async (req) => {
      const q = req.query as { q?: string; field?: string; level?: 'full' | 'partial'; limit?: number; offset?: number };
      const { rows, total } = await repo.searchCurrent(s.db, vnIsoDate(), q);
      return { total, items: rows.map(summary) };
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Chi tiết một thủ tục (phiên bản đang có hiệu lực), kèm biểu mẫu điện tử',
        params: Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9.\\-_]{1,40}$' }) }),
        response: { 200: ProcedureDetail, 404: ProblemSchema, 400: ProblemSchema },
      },
    },
    async (req) => {
      const { code } = req.params as { code: string };
      const p = await repo.findCurrentByCode(s.db, code, vnIsoDate());
      if (!p) throw Errors.notFound('Thủ tục');
      return {
        ...summary(p),
        partialReason: p.partialReason,
        unitCode: p.unitCode,
        authority: p.authority,
        legalBasis: p.legalBasis,
        fees: p.fees,
        documents: p.documents,
        resultType: p.resultType,
        form: p.form,
        formSchema: toJsonSchema(p.form as unknown as FormDefinition),
        workflow: p.workflow,
      };
    },
  );

  app.get('/quan-tri/thu-tuc', async (req, reply) => {
    procedurePolicy.requireManage(req.actor);
    const { rows } = await repo.searchCurrent(s.db, vnIsoDate(), { limit: 200 });
    return reply.html(<ProcedureAdminList ctx={reply.page(req)} rows={rows} />);
  });

  app.get('/quan-tri/thu-tuc/moi', async (req, reply) => {
    procedurePolicy.requireManage(req.actor);
    const blank = { level: 'full', form: JSON.stringify({ steps: [{ title: 'Thông tin người nộp', fields: [{ name: 'fullName', label: 'Họ và tên', type: 'text', required: true, prefill: 'fullName' }] }] }, null, 2) };
    return reply.html(<ProcedureEditor ctx={reply.page(req)} action="/quan-tri/thu-tuc/moi" isNew units={await unitOptions()} values={blank} />);
  });

  app.get('/quan-tri/thu-tuc/:code/phien-ban-moi', async (req, reply) => {
    procedurePolicy.requireManage(req.actor);
    const { code } = req.params as { code: string };
    const p = CODE_RE.test(code) ? await repo.findCurrentByCode(s.db, code, vnIsoDate()) : undefined;
    if (!p) throw Errors.notFound('Thủ tục');
    return reply.html(<ProcedureEditor ctx={reply.page(req)} action={`/quan-tri/thu-tuc/${encodeURIComponent(code)}/phien-ban-moi`} isNew={false} units={await unitOptions()} values={toEditorValues(p)} />);
  });

  const save = (isNew: boolean) => async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    procedurePolicy.requireManage(req.actor);
    const body = formBody(req);
    const { code } = (req.params ?? {}) as { code?: string };
    if (code) body.code = code;
    try {
      if (isNew && body.code && (await repo.findProcedureByCode(s.db, body.code.trim()))) {
        throw new AppError('PROC-101', 409, 'Mã thủ tục đã tồn tại.', 'Code exists.', {
          code: { vi: 'Mã thủ tục đã tồn tại: hãy tạo phiên bản mới cho thủ tục đó.', en: 'This code exists: create a new version instead.' },
        });
      }
      const v = await saveProcedureVersion(commandContext(req, s), fromEditorValues(body));
      return reply.flash(req.lang === 'en' ? `Saved version ${v.version}.` : `Đã lưu phiên bản ${v.version}.`).redirect('/quan-tri/thu-tuc');
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<ProcedureEditor ctx={reply.page(req)} action={req.url} isNew={isNew} units={await unitOptions()} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  };
  app.post('/quan-tri/thu-tuc/moi', save(true));
  app.post('/quan-tri/thu-tuc/:code/phien-ban-moi', save(false));
}
