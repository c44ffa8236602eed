import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { commandContext } from '../../core/web/forms.js';
import { UUID_RE } from '../../core/validation.js';
import { Errors } from '../../core/errors.js';
import { importStatement, paymentInstructions } from './payments.commands.js';
import { paymentsPolicy } from './payments.policy.js';
import { PaymentPage, StatementPage } from './pages/payments-pages.js';

export async function paymentRoutes(app: FastifyInstance, s: Services) {
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
}
