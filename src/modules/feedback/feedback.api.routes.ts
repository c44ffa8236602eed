import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CommandContext, Services } from '../../core/context.js';
import { commandContext } from '../../core/web/forms.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { Errors } from '../../core/errors.js';
import { recordHotlineCall } from './feedback.commands.js';
import {
  addNote,
  approveAnswer,
  assignOfficer,
  classifyCase,
  confirmRedaction,
  markForwarded,
  mergeCase,
  previewFor,
  requestInfo,
  resumeHandling,
  saveDraft,
} from './feedback.handling.js';
import { findStaffCase, listStaffCases } from './feedback.queries.js';
import { FEEDBACK_CHANNELS, FEEDBACK_CLASSIFICATIONS, FEEDBACK_SATISFACTION, FEEDBACK_STATUSES } from './feedback.schema.js';
import { formatVnDateTimeInput, isoVn, parseIsoInput } from './feedback.time.js';
import type { FeedbackCase, FeedbackEvent } from './feedback.repository.js';

/** Issue 4 part 8: the staff and operator actions as JSON. Every handler parses, finds the case
 * by its public code and calls the same command as the HTML pages (permission first, one
 * transaction with its audit row); errors are RFC 9457 problems with the commands' stable codes. */

const CODE = '^PA-\\d{6}-\\d{4,}$';
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Params = Type.Object({ code: Type.String({ pattern: CODE, description: 'Mã số phản ánh, ví dụ PA-260305-0001' }) });
const Version = Type.Integer({ minimum: 1, description: 'Phiên bản của phản ánh đã đọc (khóa lạc quan): sai phiên bản → CORE-409' });
const security = [{ bearer: [] }];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

const CaseSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  version: Type.Integer(),
  channel: Type.String({ enum: [...FEEDBACK_CHANNELS] }),
  category: Type.String({ description: 'Mã lĩnh vực (service_code)' }),
  status: Type.String({ enum: [...FEEDBACK_STATUSES] }),
  classification: Nullable(Type.String({ enum: [...FEEDBACK_CLASSIFICATIONS] })),
  unit: Nullable(Type.String({ description: 'Mã đơn vị xử lý' })),
  receivedAt: Type.String({ format: 'date-time' }),
  dueDate: Type.String({ format: 'date' }),
});

const CaseJson = Type.Object({
  ...CaseSummary.properties,
  reporter: Type.Object(
    { name: Nullable(Type.String()), phone: Nullable(Type.String()), email: Nullable(Type.String()) },
    { description: 'Dữ liệu cá nhân: chỉ cán bộ có quyền xem phản ánh' },
  ),
  content: Type.String(),
  address: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  assignee: Nullable(Type.Object({ id: Type.String({ format: 'uuid' }), name: Nullable(Type.String()) })),
  forwardTo: Nullable(Type.String()),
  forwardDueDate: Nullable(Type.String({ format: 'date' })),
  rejectReason: Nullable(Type.String()),
  mergedInto: Nullable(Type.String({ description: 'Mã số phản ánh đã gộp vào' })),
  answerDraft: Nullable(Type.String()),
  answerHasPersonalData: Type.Boolean(),
  redactionConfirmed: Type.Boolean(),
  answerText: Nullable(Type.String()),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
  publishConsent: Type.Boolean(),
  published: Type.Boolean(),
  satisfaction: Nullable(Type.String({ enum: [...FEEDBACK_SATISFACTION] })),
  reopenCount: Type.Integer(),
  events: Type.Optional(
    Type.Array(Type.Object({ at: Type.String({ format: 'date-time' }), kind: Type.String(), note: Nullable(Type.String()) }), {
      description: 'Quá trình xử lý, kể cả ghi chú nội bộ',
    }),
  ),
});

function summaryJson(c: FeedbackCase) {
  return {
    id: c.id,
    code: c.code,
    version: c.version,
    channel: c.channel,
    category: c.categoryCode,
    status: c.status,
    classification: c.classification,
    unit: c.unitCode,
    receivedAt: isoVn(c.receivedAt),
    dueDate: c.dueDate,
  };
}

function caseJson(c: FeedbackCase, extra: { mergedInto?: string | null; events?: FeedbackEvent[] } = {}) {
  return {
    ...summaryJson(c),
    reporter: { name: c.reporterName, phone: c.reporterPhone, email: c.reporterEmail },
    content: c.content,
    address: c.addressText,
    lat: c.lat === null ? null : Number(c.lat),
    lng: c.lng === null ? null : Number(c.lng),
    assignee: c.assigneeId ? { id: c.assigneeId, name: c.assigneeName } : null,
    forwardTo: c.forwardTo,
    forwardDueDate: c.forwardDueDate,
    rejectReason: c.rejectReason,
    mergedInto: extra.mergedInto ?? null,
    answerDraft: c.answerDraft,
    answerHasPersonalData: c.answerHasPersonalData,
    redactionConfirmed: !!c.redactionConfirmedAt,
    answerText: c.answerText,
    answeredAt: c.answeredAt ? isoVn(c.answeredAt) : null,
    publishConsent: c.publishConsent,
    published: c.published,
    satisfaction: c.satisfaction,
    reopenCount: c.reopenCount,
    ...(extra.events ? { events: extra.events.map((e) => ({ at: isoVn(e.at), kind: e.kind, note: e.note })) } : {}),
  };
}

export async function feedbackApiRoutes(app: FastifyInstance, s: Services) {
  const ctxOf = (req: FastifyRequest) => commandContext(req, s);
  /** The case named in the URL, read through the staff query (permission checked there). */
  const caseOf = async (ctx: CommandContext, req: FastifyRequest) => (await findStaffCase(ctx, (req.params as { code: string }).code)).case;
  /** The case as it stands after a command: the JSON reply of every action. */
  const fresh = async (ctx: CommandContext, code: string) => {
    const v = await findStaffCase(ctx, code);
    return caseJson(v.case, { mergedInto: v.mergedIntoCode });
  };

  app.get(
    '/api/v1/feedback/cases',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Danh sách phản ánh cho cán bộ (mới nhất trước), lọc theo trạng thái, lĩnh vực, kênh',
        security,
        querystring: Type.Object({
          status: Type.Optional(Type.String({ enum: [...FEEDBACK_STATUSES] })),
          category: Type.Optional(Type.String({ maxLength: 50 })),
          channel: Type.Optional(Type.String({ enum: [...FEEDBACK_CHANNELS] })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(CaseSummary) }), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (req) => {
      const q = req.query as { status?: string; category?: string; channel?: string; limit?: number };
      return { items: (await listStaffCases(ctxOf(req), q)).map(summaryJson) };
    },
  );

  app.get(
    '/api/v1/feedback/cases/:code',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Một phản ánh theo mã số, kèm quá trình xử lý (cán bộ có quyền view:feedback:all)',
        security,
        params: Params,
        response: { 200: CaseJson, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req) => {
      const v = await findStaffCase(ctxOf(req), (req.params as { code: string }).code);
      return caseJson(v.case, { mergedInto: v.mergedIntoCode, events: v.events });
    },
  );

  app.post(
    '/api/v1/feedback/cases',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Ghi nhận cuộc gọi đường dây nóng thành phản ánh (quyền record:feedback:all)',
        security,
        body: Type.Object(
          {
            name: Type.String({ maxLength: 200, description: 'Họ và tên người gọi' }),
            phone: Type.String({ maxLength: 30, description: 'Số điện thoại người gọi' }),
            callTime: Type.Optional(Type.String({ description: 'Thời điểm gọi, ISO 8601 (không có múi giờ = giờ Việt Nam); mặc định: bây giờ' })),
            category: Type.String({ maxLength: 50, description: 'Mã lĩnh vực' }),
            content: Type.String({ maxLength: 4000 }),
            address: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ case: CaseJson, notification: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as { name: string; phone: string; callTime?: string; category: string; content: string; address?: string };
      let callTime = '';
      if (b.callTime) {
        const at = parseIsoInput(b.callTime);
        // The command reads the operator's dd/mm/yyyy hh:mm; an unreadable ISO time is passed on
        // as typed so the command answers with its own field error.
        callTime = at ? formatVnDateTimeInput(at) : b.callTime;
      }
      const filed = await recordHotlineCall(ctxOf(req), { ...b, callTime, address: b.address ?? '' });
      return reply.code(201).send({ case: caseJson(filed.case), notification: filed.notification });
    },
  );

  /** One POST per action, same shape: params, body, command, the case as it now stands. */
  function action<B extends TSchema>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: CommandContext, c: FeedbackCase, b: Record<string, unknown>) => Promise<unknown>,
  ) {
    app.post(
      `/api/v1/feedback/cases/:code/${path}`,
      { schema: { tags: ['feedback'], summary, security, params: Params, body, response: { 200: CaseJson, ...errors } } },
      async (req) => {
        const ctx = ctxOf(req);
        const c = await caseOf(ctx, req);
        await run(ctx, c, req.body as Record<string, unknown>);
        return fresh(ctx, c.code);
      },
    );
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : '');

  action(
    'classify',
    'Phân loại phản ánh (Nghị định 20/2008/NĐ-CP Điều 9): rejected, complaint, denunciation, within, outside',
    Type.Object(
      {
        version: Version,
        decision: Type.String({ enum: [...FEEDBACK_CLASSIFICATIONS] }),
        reason: Type.Optional(Type.String({ maxLength: 2000 })),
        forwardTo: Type.Optional(Type.String({ maxLength: 300 })),
      },
      { additionalProperties: false },
    ),
    (ctx, c, b) => classifyCase(ctx, { id: c.id, version: b.version, decision: str(b.decision), reason: str(b.reason), forwardTo: str(b.forwardTo) }),
  );
  action(
    'forwarded',
    'Ghi nhận đã chuyển phản ánh không thuộc thẩm quyền đến cơ quan có thẩm quyền',
    Type.Object({ version: Version, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
    (ctx, c, b) => markForwarded(ctx, { id: c.id, version: b.version, note: str(b.note) }),
  );
  action(
    'assign',
    'Giao chuyên viên của đơn vị xử lý',
    Type.Object({ version: Version, userId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
    (ctx, c, b) => assignOfficer(ctx, { id: c.id, version: b.version, userId: str(b.userId) }),
  );
  action(
    'notes',
    'Thêm ghi chú nội bộ (không hiển thị cho người phản ánh)',
    Type.Object({ text: Type.String({ maxLength: 4000 }) }, { additionalProperties: false }),
    (ctx, c, b) => addNote(ctx, { id: c.id, text: str(b.text) }),
  );
  action(
    'request-info',
    'Đề nghị người phản ánh bổ sung thông tin (thời hạn xử lý tạm dừng)',
    Type.Object({ version: Version, question: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
    (ctx, c, b) => requestInfo(ctx, { id: c.id, version: b.version, question: str(b.question) }),
  );
  action(
    'resume',
    'Tiếp tục xử lý sau khi nhận thông tin bổ sung (thời hạn chạy lại)',
    Type.Object({ version: Version, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
    (ctx, c, b) => resumeHandling(ctx, { id: c.id, version: b.version, note: str(b.note) }),
  );
  action(
    'draft',
    'Soạn dự thảo trả lời (một dự thảo mới cần xác nhận lại bản che thông tin cá nhân)',
    Type.Object(
      { version: Version, answer: Type.String({ maxLength: 8000 }), hasPersonalData: Type.Optional(Type.Boolean({ default: false })) },
      { additionalProperties: false },
    ),
    (ctx, c, b) => saveDraft(ctx, { id: c.id, version: b.version, answer: str(b.answer), hasPersonalData: b.hasPersonalData === true }),
  );
  action(
    'publication',
    'Xác nhận bản nội dung và trả lời sẽ công khai, đã che thông tin cá nhân (bắt buộc trước khi phê duyệt nếu được công khai)',
    Type.Object(
      { version: Version, publicContent: Type.String({ maxLength: 4000 }), publicAnswer: Type.String({ maxLength: 8000 }) },
      { additionalProperties: false },
    ),
    (ctx, c, b) => confirmRedaction(ctx, { id: c.id, version: b.version, publicContent: str(b.publicContent), publicAnswer: str(b.publicAnswer) }),
  );
  action(
    'approve',
    'Lãnh đạo phê duyệt câu trả lời: gửi đến người phản ánh (cả các phản ánh đã gộp) và công khai nếu được phép',
    Type.Object({ version: Version }, { additionalProperties: false }),
    (ctx, c, b) => approveAnswer(ctx, { id: c.id, version: b.version }),
  );
  action(
    'merge',
    'Gộp phản ánh trùng vào một phản ánh đang mở khác',
    Type.Object({ version: Version, targetCode: Type.String({ pattern: CODE }) }, { additionalProperties: false }),
    (ctx, c, b) => mergeCase(ctx, { id: c.id, version: b.version, targetCode: str(b.targetCode) }),
  );

  app.get(
    '/api/v1/feedback/cases/:code/redaction-preview',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Bản xem trước nội dung và dự thảo trả lời đã che thông tin cá nhân, để xác nhận công khai',
        security,
        params: Params,
        response: {
          200: Type.Object({ publicContent: Type.String(), publicAnswer: Type.String() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const c = await caseOf(ctxOf(req), req);
      if (!c.answerDraft) throw Errors.notFound('Dự thảo trả lời');
      const p = await previewFor(s, c);
      return { publicContent: p.content.text, publicAnswer: p.answer.text };
    },
  );
}
