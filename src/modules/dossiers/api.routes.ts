import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { commandContext } from '../../core/web/forms.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { parseDateInput, UUID_RE } from '../../core/validation.js';
import { attachFile, MAX_FILE_BYTES, rateDossier, viewDossier } from './dossiers.commands.js';
import { ACTIONS, addInternalNote, requireConsole, supplementDossier, type ActionInput, type ActionSlug } from './dossiers.processing.js';
import { visibleUnitCodes } from './dossiers.queue.js';
import { parsePeriod, periodBounds, reportScope, statistics } from './dossiers.reports.js';
import * as repo from './dossiers.repository.js';
import { syncFeed } from './dossiers.sync.js';
import { verifyResultHash } from './dossiers.staffview.js';
import { DOSSIER_STATUSES, RATINGS, type DossierStatus } from './dossiers.schema.js';

const DOSSIER_CODE = '^[A-Za-z0-9.\\-_]{1,60}$';
const API_ACTIONS = [...(Object.keys(ACTIONS) as ActionSlug[]), 'supplement'] as const;

const Summary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  status: Type.String({ enum: [...DOSSIER_STATUSES] }),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  unitCode: Type.String(),
  channel: Type.String({ enum: ['online', 'desk'] }),
  submittedAt: Type.String({ format: 'date-time' }),
  receivedAt: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time' }),
  dueDate: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date' }),
  pausedAt: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time' }),
  finishedAt: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time' }),
  outcome: Type.Unsafe<string | null>({ type: ['string', 'null'], enum: ['early', 'on_time', 'late', null] }),
  version: Type.Integer(),
});

const summary = (d: repo.Dossier) => ({
  id: d.id,
  code: d.code ?? '',
  status: d.status,
  procedureCode: d.procedureCode,
  procedureName: d.procedureName ?? d.procedureCode,
  unitCode: d.unitCode ?? '',
  channel: d.channel,
  submittedAt: d.submittedAt?.toISOString() ?? '',
  receivedAt: d.receivedAt?.toISOString() ?? null,
  dueDate: d.dueDate,
  pausedAt: d.pausedAt?.toISOString() ?? null,
  finishedAt: d.finishedAt?.toISOString() ?? null,
  outcome: d.outcome,
  version: d.version,
});

/** The staff side of the dossier API (issue 3 part 9): list, act, statistics, rate. */
export function dossierApiRoutes(app: FastifyInstance, s: Services) {
  app.get(
    '/api/v1/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Danh sách hồ sơ cho cán bộ (lọc theo trạng thái, thủ tục, ngày nộp; phân trang theo con trỏ)',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          status: Type.Optional(Type.String({ enum: [...DOSSIER_STATUSES] })),
          procedure: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9.\\-_]{1,40}$' })),
          from: Type.Optional(Type.String({ description: 'ngày nộp từ (YYYY-MM-DD hoặc dd/mm/yyyy)' })),
          to: Type.Optional(Type.String({ description: 'ngày nộp đến (YYYY-MM-DD hoặc dd/mm/yyyy)' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          cursor: Type.Optional(Type.String({ maxLength: 100 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Summary), nextCursor: Type.Unsafe<string | null>({ type: ['string', 'null'] }) }), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (req) => {
      requireConsole(req.actor);
      const q = req.query as { status?: DossierStatus; procedure?: string; from?: string; to?: string; limit?: number; cursor?: string };
      const from = q.from ? parseDateInput(q.from) : undefined;
      const to = q.to ? parseDateInput(q.to) : undefined;
      if (from === null || to === null) {
        throw Errors.validation({ [from === null ? 'from' : 'to']: { vi: 'Ngày không hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy).', en: 'Invalid date.' } });
      }
      const m = q.cursor ? /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_(.+)$/.exec(q.cursor) : null;
      // "9999-99-99T99:99Z" matches the shape but is no instant: Invalid Date made the query throw (a 500).
      if (q.cursor && !(m && UUID_RE.test(m[2]!) && !Number.isNaN(new Date(m[1]!).getTime())))
        throw Errors.badRequest('Con trỏ phân trang không hợp lệ.', 'Invalid cursor.');
      const limit = q.limit ?? 100;
      const rows = await repo.listForStaff(s.db, {
        status: q.status,
        procedureCode: q.procedure,
        start: from ? periodBounds({ from, to: from }).start : undefined,
        end: to ? periodBounds({ from: to, to }).end : undefined,
        unitCodes: await visibleUnitCodes(s.db, req.actor),
        limit,
        after: m ? { submittedAt: new Date(m[1]!), id: m[2]! } : undefined,
      });
      const last = rows.at(-1);
      return { items: rows.map(summary), nextCursor: rows.length === limit && last?.submittedAt ? `${last.submittedAt.toISOString()}_${last.id}` : null };
    },
  );

  app.get(
    '/api/v1/dossiers/statistics',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Thống kê kết quả giải quyết theo kỳ, với các tỷ lệ của Quyết định 766/QĐ-TTg (docs/dossier-statistics.md)',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          ky: Type.Optional(Type.String({ enum: ['thang', 'quy', '6-thang', '9-thang', 'nam', 'tuy-chon'] })),
          nam: Type.Optional(Type.String()),
          thang: Type.Optional(Type.String()),
          quy: Type.Optional(Type.String()),
          'tu-ngay': Type.Optional(Type.String()),
          'den-ngay': Type.Optional(Type.String()),
          nhom: Type.Optional(Type.String({ enum: ['don-vi', 'thu-tuc'] })),
        }),
        response: { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (req) => {
      const q = req.query as Record<string, string>;
      const { period, errors } = parsePeriod(q);
      if (errors) throw Errors.validation(errors);
      const scope = await reportScope(s.db, req.actor, period);
      return statistics(s.db, scope, period, q.nhom === 'thu-tuc' ? 'procedure' : 'unit');
    },
  );

  app.get(
    '/api/v1/dossiers/sync',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Các thay đổi trạng thái hồ sơ theo thứ tự, để đồng bộ với Cổng Dịch vụ công quốc gia (Thông tư 04/2025/TT-VPCP); dùng "next" làm "since" cho lần gọi sau (docs/dvcqg-sync.md)',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          // Event ids are bigints; beyond 2^53 a JSON number loses digits and PostgreSQL refused 2^70 (a 500).
          since: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
        }),
        response: { 401: ProblemSchema, 403: ProblemSchema, 400: ProblemSchema },
      },
    },
    async (req) => {
      const q = req.query as { since?: number; limit?: number };
      return syncFeed(commandContext(req, s), q.since ?? 0, q.limit ?? 500);
    },
  );

  app.post(
    '/api/v1/dossiers/:code/actions/:action',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Thao tác xử lý hồ sơ: receive, refuse, request-supplement, supplement (người nộp), assign, forward, pause, resume, extend, stop, approve, return. Gửi kèm version đang xem (khóa lạc quan).',
        security: [{ bearer: [] }],
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE }), action: Type.String({ enum: [...API_ACTIONS] }) }),
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            reason: Type.Optional(Type.String({ maxLength: 4000 })),
            missingItems: Type.Optional(Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 50 })),
            assigneeId: Type.Optional(Type.String({ format: 'uuid' })),
            note: Type.Optional(Type.String({ maxLength: 4000 })),
            extraDays: Type.Optional(Type.Integer()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Summary, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (req) => {
      const ctx = commandContext(req, s);
      const { code, action } = req.params as { code: string; action: (typeof API_ACTIONS)[number] };
      const d = await repo.findByCode(s.db, code);
      // Unknown, a draft, or outside the actor's reach: the same 404 (the commands re-check scope).
      if (!d || d.status === 'draft') throw Errors.notFound('Hồ sơ');
      const input = req.body as ActionInput;
      const updated = action === 'supplement' ? await supplementDossier(ctx, d.id, input) : await ACTIONS[action](ctx, d.id, input);
      return summary(updated);
    },
  );

  app.post(
    '/api/v1/dossiers/:code/notes',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Thêm ghi chú nội bộ (chỉ cán bộ xem được)',
        security: [{ bearer: [] }],
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE }) }),
        body: Type.Object({ body: Type.String({ maxLength: 4000 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }), at: Type.String({ format: 'date-time' }) }), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, s);
      requireConsole(req.actor);
      const d = await repo.findByCode(s.db, (req.params as { code: string }).code);
      if (!d || d.status === 'draft') throw Errors.notFound('Hồ sơ');
      const note = await addInternalNote(ctx, d.id, req.body as { body: string });
      return reply.code(201).send({ id: note.id, at: note.at.toISOString() });
    },
  );

  app.post(
    '/api/v1/dossiers/:id/files',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Đính kèm một tệp (PDF, JPEG, PNG; tối đa 10 MB; kiểu tệp được kiểm tra theo nội dung) cho một thành phần hồ sơ của bản nháp (multipart/form-data, trường "file")',
        description:
          'Cùng một tệp (SHA-256) gửi lại vào cùng thành phần chỉ được lưu một lần: trả 200 với tệp đã có. Có hạn mức theo tài khoản (số tệp mỗi thành phần, dung lượng mỗi hồ sơ, dung lượng mỗi ngày): DOSSIER-104, DOSSIER-106 (413), DOSSIER-107 (429). Header Idempotency-Key (tùy chọn): gửi lại cùng khóa và cùng yêu cầu trong 24 giờ nhận lại đúng câu trả lời đầu (header Idempotent-Replayed: true); cùng khóa với yêu cầu khác → 422 DOSSIER-411.',
        security: [{ bearer: [] }],
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ document: Type.Integer({ minimum: 0, maximum: 100, description: 'số thứ tự thành phần hồ sơ, từ 0' }) }),
        response: {
          200: Type.Object({ id: Type.String({ format: 'uuid' }), documentIndex: Type.Integer(), name: Type.String() }),
          201: Type.Object({ id: Type.String({ format: 'uuid' }), documentIndex: Type.Integer(), name: Type.String() }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
          413: ProblemSchema,
          422: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, s);
      const { id } = req.params as { id: string };
      const { document } = req.query as { document: number };
      if (!req.isMultipart()) throw Errors.badRequest('Cần gửi tệp dạng multipart/form-data.', 'Expected multipart/form-data.');
      const part = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
      if (part?.fieldname !== 'file') throw Errors.badRequest('Thiếu trường tệp "file".', 'Missing the "file" field.');
      const data = await part.toBuffer();
      const key = req.headers['idempotency-key'];
      const row = await attachFile(ctx, id, document, { data, originalName: part.filename }, { idempotencyKey: typeof key === 'string' ? key : undefined });
      if (row.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(row.status).send({ id: row.id, documentIndex: row.documentIndex, name: row.originalName });
    },
  );

  app.get(
    '/api/v1/verify',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['dossiers'],
        summary:
          'Xác thực văn bản kết quả theo mã SHA-256 của tệp PDF (công khai, không cần đăng nhập; như trang /xac-thuc): 200 khi đúng là văn bản do hệ thống cấp, 404 khi không',
        querystring: Type.Object({ sha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }) }),
        response: {
          200: Type.Object({
            genuine: Type.Boolean(),
            id: Type.String({ format: 'uuid' }),
            code: Type.String(),
            procedureName: Type.String(),
            issuedAt: Type.String({ format: 'date-time' }),
            verifyUrl: Type.String(),
          }),
          400: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (req) => {
      const info = await verifyResultHash(s.db, (req.query as { sha256: string }).sha256);
      if (!info) throw Errors.notFound('Văn bản');
      return { genuine: true, id: info.id, code: info.code, procedureName: info.procedureName, issuedAt: info.issuedAt.toISOString(), verifyUrl: `${s.config.publicUrl}/xac-thuc/${info.id}` };
    },
  );

  app.post(
    '/api/v1/dossiers/:code/rating',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Người nộp đánh giá mức độ hài lòng sau khi nhận kết quả (một lần)',
        security: [{ bearer: [] }],
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE }) }),
        body: Type.Object({ rating: Type.String({ enum: [...RATINGS] }), comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, s);
      const f = await viewDossier(ctx, { code: (req.params as { code: string }).code });
      await rateDossier(ctx, f.dossier.id, req.body as { rating: string; comment?: string });
      return reply.code(204).send();
    },
  );
}
