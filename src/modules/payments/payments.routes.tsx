import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { commandContext, formBody, formErrors, uuidParam } from '../../core/web/forms.js';
import { UUID_RE } from '../../core/validation.js';
import { Errors } from '../../core/errors.js';
import { dossierIdByCode, feeDesk, importStatement, paymentInstructions, receiptPdf, recordCashPayment, recordRefund } from './payments.commands.js';
import { paymentsPolicy } from './payments.policy.js';
import { FeeDeskPage, FeeLookupPage, FeeStatsPage, PaymentPage, StatementPage } from './pages/payments-pages.js';
import { feeStatistics } from './payments.stats.js';
import { paymentApiRoutes } from './api.routes.js';
import { gatewayFromEnv } from './gateway.js';
import { formatDateVi, parseDateInput, vnIsoDate } from '../../core/validation.js';
import type { FieldErrors } from '../../core/errors.js';

export async function paymentRoutes(app: FastifyInstance, s: Services) {
  gatewayFromEnv();
  paymentApiRoutes(app, s);

  app.get('/ho-so/:id/nop-phi', async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!UUID_RE.test(id)) throw Errors.notFound('Hồ sơ');
    const ctx = commandContext(req, s);
    if (!ctx.actor.userId) throw Errors.unauthenticated();
    const p = await paymentInstructions(ctx, id);
    return reply
      .header('cache-control', 'private, no-store')
      .html(
        <PaymentPage
          ctx={reply.page(req)}
          code={p.dossier.code ?? ''}
          dossierId={id}
          fees={p.fees}
          total={p.total}
          paid={p.paid}
          due={p.due}
          state={p.state}
          account={p.account}
          qr={p.qr}
          memoTooLong={p.memoTooLong}
        />,
      );
  });

  app.get('/quan-tri/phi/doi-soat', async (req, reply) => {
    paymentsPolicy.requireManage(commandContext(req, s).actor);
    return reply.html(<StatementPage ctx={reply.page(req)} />);
  });

  app.post('/quan-tri/phi/doi-soat', async (req, reply) => {
    const ctx = commandContext(req, s);
    paymentsPolicy.requireManage(ctx.actor);
    const page = reply.page(req);
    let file: { name: string; data: Buffer } | undefined;
    if (req.isMultipart()) {
      for await (const part of req.parts({ limits: { fileSize: 50 * 1024 * 1024 } })) {
        if (part.type === 'file' && part.fieldname === 'saoke' && !file) file = { name: part.filename, data: await part.toBuffer() };
        else if (part.type === 'file') await part.toBuffer();
      }
    }
    if (!file?.data.length) return reply.html(<StatementPage ctx={page} message="Vui lòng chọn tệp sao kê." />, 400);
    try {
      const report = await importStatement(ctx, { fileName: file.name, data: file.data });
      return reply.html(<StatementPage ctx={page} report={report} />);
    } catch (e) {
      if (e instanceof AppError && e.status < 500 && e.code.startsWith('FEE-')) return reply.html(<StatementPage ctx={page} message={e.vi} />, e.status);
      throw e;
    }
  });

  // The desk: find a dossier by code, its fee page, cash with a receipt, refunds with a reason.
  app.get('/quan-tri/phi', async (req, reply) => {
    const ctx = commandContext(req, s);
    paymentsPolicy.requireManage(ctx.actor);
    const code = String((req.query as { ma?: string }).ma ?? '').trim();
    if (!code) return reply.html(<FeeLookupPage ctx={reply.page(req)} />);
    const id = await dossierIdByCode(ctx, code);
    if (id) return reply.redirect(`/quan-tri/phi/ho-so/${id}`);
    return reply.html(<FeeLookupPage ctx={reply.page(req)} code={code} message={`Không tìm thấy hồ sơ có mã ${code.slice(0, 80)}.`} />, 404);
  });

  const deskPage = async (req: FastifyRequest, reply: FastifyReply, id: string, form?: Parameters<typeof FeeDeskPage>[0] extends infer P ? Partial<P> & { status?: number } : never) => {
    const desk = await feeDesk(commandContext(req, s), id);
    return reply.header('cache-control', 'private, no-store').html(<FeeDeskPage ctx={reply.page(req)} desk={desk} {...form} />, form?.status ?? 200);
  };

  app.get('/quan-tri/phi/ho-so/:id', async (req, reply) => deskPage(req, reply, uuidParam(req, 'id', 'Hồ sơ')));

  app.post('/quan-tri/phi/ho-so/:id/tien-mat', async (req, reply) => {
    const id = uuidParam(req, 'id', 'Hồ sơ');
    const body = formBody(req);
    try {
      const r = await recordCashPayment(commandContext(req, s), id, { amount: body.amount ?? '' });
      return reply.flash(`Đã ghi nhận ${new Intl.NumberFormat('vi-VN').format(r.amount)} đồng tiền mặt; biên lai ${r.receiptNo}.`).redirect(`/quan-tri/phi/ho-so/${id}`);
    } catch (err) {
      const f = formErrors(err);
      return deskPage(req, reply, id, { form: 'cash', values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/phi/ho-so/:id/hoan-tra', async (req, reply) => {
    const id = uuidParam(req, 'id', 'Hồ sơ');
    const body = formBody(req);
    try {
      await recordRefund(commandContext(req, s), id, { amount: body.refundAmount ?? '', reason: body.reason ?? '' });
      return reply.flash('Đã ghi nhận hoàn trả phí, lệ phí.').redirect(`/quan-tri/phi/ho-so/${id}`);
    } catch (err) {
      const f = formErrors(err);
      // The command names the amount "amount"; on this page the refund's field is "refundAmount".
      const errors = { ...f.errors };
      if (errors.amount) {
        errors.refundAmount = errors.amount;
        delete errors.amount;
      }
      return deskPage(req, reply, id, { form: 'refund', values: body, errors, message: f.message, status: f.status });
    }
  });

  const sendReceipt = async (req: FastifyRequest, reply: FastifyReply) => {
    const ctx = commandContext(req, s);
    if (!ctx.actor.userId) throw Errors.unauthenticated();
    const r = await receiptPdf(ctx, uuidParam(req, 'paymentId', 'Biên lai'));
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="${r.fileName.replace(/[^A-Za-z0-9.-]/g, '-')}"`)
      .type('application/pdf')
      .send(r.pdf);
  };
  app.get('/quan-tri/phi/bien-lai/:paymentId.pdf', sendReceipt);
  app.get('/ho-so/:id/bien-lai/:paymentId.pdf', sendReceipt);

  app.get('/quan-tri/phi/thong-ke', async (req, reply) => {
    const ctx = commandContext(req, s);
    paymentsPolicy.requireManage(ctx.actor);
    const q = req.query as { tu?: string; den?: string };
    const today = vnIsoDate();
    const values = { tu: String(q.tu ?? formatDateVi(`${today.slice(0, 4)}-01-01`)).slice(0, 20), den: String(q.den ?? formatDateVi(today)).slice(0, 20) };
    const from = parseDateInput(values.tu);
    const to = parseDateInput(values.den);
    const errors: FieldErrors = {};
    if (!from) errors.tu = { vi: 'Ngày bắt đầu phải có dạng dd/mm/yyyy.', en: 'Start date must be dd/mm/yyyy.' };
    if (!to) errors.den = { vi: 'Ngày kết thúc phải có dạng dd/mm/yyyy.', en: 'End date must be dd/mm/yyyy.' };
    if (from && to && from > to) errors.den = { vi: 'Ngày kết thúc phải sau ngày bắt đầu.', en: 'End must be after start.' };
    if (Object.keys(errors).length) return reply.html(<FeeStatsPage ctx={reply.page(req)} values={values} errors={errors} />, 400);
    const stats = await feeStatistics(s.db, { from: from!, to: to! });
    return reply.header('cache-control', 'private, no-store').html(<FeeStatsPage ctx={reply.page(req)} values={values} stats={stats} />);
  });
}
