import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError, Errors } from '../../core/errors.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import type { PageContext } from '../../core/web/page.js';
import { addPractitioner, createIntangible, findIntangibleByCode, listIntangibles, practitionersOf, publishIntangible } from './heritage.intangible.js';
import { heritagePolicy } from './heritage.policy.js';
import { INTANGIBLE_KINDS } from './heritage.schema.js';
import { PublicIntangiblePage, PublicIntangiblesPage, StaffIntangiblePage, StaffIntangiblesPage } from './pages/heritage-intangible.js';

const CODE_RE = /^PVT-[0-9]{4,6}$/;

/** Intangible heritage: public list and element page (vi and en), staff list, add, practitioners, approval. */
export function intangibleRoutes(app: FastifyInstance, s: Services, english: (reply: FastifyReply, req: FastifyRequest) => PageContext) {
  const byCode = async (req: FastifyRequest) => {
    const { code } = req.params as { code: string };
    const item = CODE_RE.test(code) ? await findIntangibleByCode(s.db, code) : undefined;
    if (!item) throw Errors.notFound('Di sản phi vật thể');
    return item;
  };
  const publicList = async (req: FastifyRequest, reply: FastifyReply, ctx: PageContext) => {
    const k = (req.query as Record<string, string | undefined>).loai ?? '';
    const kind = (INTANGIBLE_KINDS as readonly string[]).includes(k) ? k : '';
    return reply.header('cache-control', 'public, max-age=60').html(<PublicIntangiblesPage ctx={ctx} items={await listIntangibles(s.db, { publishedOnly: true, kind: kind || undefined })} kind={kind} />);
  };
  const publicItem = async (req: FastifyRequest, reply: FastifyReply, ctx: PageContext) => {
    const item = await byCode(req);
    if (item.status !== 'published') throw Errors.notFound('Di sản phi vật thể');
    return reply.header('cache-control', 'public, max-age=60').html(<PublicIntangiblePage ctx={ctx} item={item} practitioners={await practitionersOf(s.db, item.id)} />);
  };
  app.get('/di-san/phi-vat-the', (req, reply) => publicList(req, reply, reply.page(req)));
  app.get('/en/heritage/intangible', (req, reply) => publicList(req, reply, english(reply, req)));
  app.get('/di-san/phi-vat-the/:code', (req, reply) => publicItem(req, reply, reply.page(req)));
  app.get('/en/heritage/intangible/:code', (req, reply) => publicItem(req, reply, english(reply, req)));

  const requireStaff = (req: FastifyRequest) => heritagePolicy.requireManage(s, req.actor);
  app.get('/quan-tri/di-san/phi-vat-the', async (req, reply) => {
    await requireStaff(req);
    return reply.html(<StaffIntangiblesPage ctx={reply.page(req)} items={await listIntangibles(s.db)} />);
  });
  app.post('/quan-tri/di-san/phi-vat-the', async (req, reply) => {
    await requireStaff(req);
    const body = formBody(req);
    try {
      const item = await createIntangible(commandContext(req, s), body);
      return reply.flash(req.lang === 'en' ? 'Saved.' : `Đã lưu ${item.code}.`).redirect(`/quan-tri/di-san/phi-vat-the/${item.code}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
      const f = formErrors(err);
      return reply.html(<StaffIntangiblesPage ctx={reply.page(req)} items={await listIntangibles(s.db)} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });
  const staffItem = async (req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, { vi: string; en: string }>; message?: string; status?: number } = {}) => {
    const item = await byCode(req);
    const [practitioners, canApprove] = await Promise.all([practitionersOf(s.db, item.id), heritagePolicy.canApprove(s, req.actor)]);
    return reply.html(<StaffIntangiblePage ctx={reply.page(req)} item={item} practitioners={practitioners} canApprove={canApprove} {...extra} />, extra.status ?? 200);
  };
  app.get('/quan-tri/di-san/phi-vat-the/:code', async (req, reply) => {
    await requireStaff(req);
    return staffItem(req, reply);
  });
  app.post('/quan-tri/di-san/phi-vat-the/:code/nghe-nhan', async (req, reply) => {
    await requireStaff(req);
    const item = await byCode(req);
    const body = formBody(req);
    try {
      await addPractitioner(commandContext(req, s), item.id, body);
      return reply.flash(req.lang === 'en' ? 'Practitioner added.' : 'Đã thêm nghệ nhân.').redirect(`/quan-tri/di-san/phi-vat-the/${item.code}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
      const f = formErrors(err);
      return staffItem(req, reply, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });
  app.post('/quan-tri/di-san/phi-vat-the/:code/cong-bo', async (req, reply) => {
    const item = await byCode(req);
    try {
      await publishIntangible(commandContext(req, s), item.id);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
      const f = formErrors(err);
      return staffItem(req, reply, { message: f.message, status: f.status });
    }
    return reply.flash(req.lang === 'en' ? 'Published.' : 'Đã duyệt và công bố.').redirect(`/quan-tri/di-san/phi-vat-the/${item.code}`);
  });
}
