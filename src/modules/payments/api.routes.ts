import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { commandContext } from '../../core/web/forms.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { gatewayNamed } from './gateway.js';
import { feeSummary, importStatement, paymentsPolicyForApi, recordGatewayPayment } from './payments.commands.js';

const Fee = Type.Object({ name: Type.String(), amount: Type.Integer(), legalBasis: Type.Optional(Type.String()), note: Type.Optional(Type.String()) });
const FeeStatus = Type.Object({
  dossierId: Type.String({ format: 'uuid' }),
  code: Type.String(),
  state: Type.String({ enum: ['none', 'unpaid', 'partial', 'paid'] }),
  total: Type.Integer({ description: 'đồng' }),
  paid: Type.Integer({ description: 'đồng, sau khi trừ hoàn trả' }),
  due: Type.Integer({ description: 'đồng' }),
  fees: Type.Array(Fee),
  payments: Type.Array(Type.Object({ amount: Type.Integer(), method: Type.String({ enum: ['bank', 'cash', 'gateway'] }), paidOn: Type.String({ format: 'date' }), reference: Type.Union([Type.String(), Type.Null()]) })),
});
const GATEWAY_LIMIT = { rateLimit: { max: 120, timeWindow: '1 minute' } };

/** Fees API (issue 18 part 6): a dossier's fees and payment status, statement import, gateway webhooks. */
export function paymentApiRoutes(app: FastifyInstance, s: Services) {
  app.get(
    '/api/v1/dossiers/:id/fees',
    {
      schema: {
        tags: ['payments'],
        summary: 'Phí, lệ phí của hồ sơ và trạng thái nộp (người nộp hồ sơ hoặc cán bộ)',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: FeeStatus, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req) => {
      const ctx = commandContext(req, s);
      if (!ctx.actor.userId) throw Errors.unauthenticated();
      const f = await feeSummary(s.db, (req.params as { id: string }).id);
      if (f.dossier.applicantId !== ctx.actor.userId && ctx.actor.kind !== 'staff') throw Errors.notFound('Hồ sơ');
      return {
        dossierId: f.dossier.id,
        code: f.dossier.code ?? '',
        state: f.state,
        total: f.total,
        paid: f.paid,
        due: f.due,
        fees: f.fees.map((x) => ({ name: x.name, amount: x.amount, ...(x.legalBasis ? { legalBasis: x.legalBasis } : {}), ...(x.note ? { note: x.note } : {}) })),
        payments: f.payments.map((p) => ({ amount: p.amount, method: p.method, paidOn: p.paidOn, reference: p.receiptNo ?? p.bankTxnId })),
      };
    },
  );

  app.post(
    '/api/v1/payments/statements',
    {
      schema: {
        tags: ['payments'],
        summary: 'Nhập sao kê tài khoản thu (CSV, XLSX hoặc camt.053 XML; multipart/form-data, trường "file") và đối soát',
        description:
          'Tất cả hoặc không: một dòng không đọc được → 400 FEE-101 nêu từng dòng, không ghi nhận gì; định dạng lạ → 400 FEE-100. Cùng một tệp (SHA-256) nhập lại → alreadyImported: true, không thay đổi gì; giao dịch đã ghi nhận → already_imported.',
        security: [{ bearer: [] }],
        response: {
          200: Type.Object({
            statementId: Type.String({ format: 'uuid' }),
            alreadyImported: Type.Boolean(),
            counts: Type.Record(Type.String(), Type.Integer()),
            lines: Type.Array(Type.Object({ line: Type.Integer(), txnId: Type.String(), amount: Type.Integer(), outcome: Type.String(), code: Type.Optional(Type.String()), vi: Type.String() })),
          }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (req) => {
      const ctx = commandContext(req, s);
      paymentsPolicyForApi.requireManage(ctx.actor);
      if (!req.isMultipart()) throw Errors.badRequest('Cần gửi tệp dạng multipart/form-data.', 'Expected multipart/form-data.');
      const part = await req.file({ limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
      if (part?.fieldname !== 'file') throw Errors.badRequest('Thiếu trường tệp "file".', 'Missing the "file" field.');
      const r = await importStatement(ctx, { fileName: part.filename, data: await part.toBuffer() });
      return { statementId: r.statementId, alreadyImported: r.alreadyImported, counts: r.counts, lines: r.lines.map((l) => ({ line: l.line, txnId: l.txnId, amount: l.amount, outcome: l.outcome, ...(l.code ? { code: l.code } : {}), vi: l.vi })) };
    },
  );

  // The raw body is what the gateway signed: this route reads JSON as bytes (own plugin scope).
  app.register(async (sub) => {
    sub.removeContentTypeParser('application/json');
    sub.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    sub.post(
      '/api/v1/payments/webhooks/:gateway',
      {
        config: GATEWAY_LIMIT,
        schema: {
          tags: ['payments'],
          summary: 'Thông báo thanh toán từ cổng thanh toán (webhook, ký HMAC; gửi lại nhiều lần chỉ ghi nhận một lần)',
          description:
            'Header X-Signature: t=<giây Unix>,v1=<HMAC-SHA256 hex của "t.<thân>" với khóa bí mật chung>; lệch quá 300 giây bị từ chối. Thân JSON: {eventId, dossierCode, amount, paidOn (YYYY-MM-DD), reference}. Trả 200 {outcome, duplicate}; chữ ký sai → 401 FEE-401; cổng chưa đăng ký → 404.',
          params: Type.Object({ gateway: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }) }),
          response: {
            200: Type.Object({ outcome: Type.String({ enum: ['matched', 'underpaid', 'overpaid', 'already_paid', 'unknown_code'] }), duplicate: Type.Boolean() }),
            400: ProblemSchema,
            401: ProblemSchema,
            404: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (req) => {
        const name = (req.params as { gateway: string }).gateway;
        const g = gatewayNamed(name);
        if (!g) throw Errors.notFound('Cổng thanh toán');
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const event = g.parse(req.headers, raw);
        const r = await recordGatewayPayment({ ...commandContext(req, s), actor: { ...req.actor, label: `Cổng thanh toán ${name}` } }, name, event);
        return { outcome: r.outcome, duplicate: r.duplicate };
      },
    );
  });
}
