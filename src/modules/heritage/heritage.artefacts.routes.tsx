import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError, Errors, type FieldErrors } from '../../core/errors.js';
import { registerImageAccess } from '../../core/images/images.js';
import { UUID_RE, nfc } from '../../core/validation.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import type { PageContext } from '../../core/web/page.js';
import {
  createArtefact,
  findArtefact,
  listArtefacts,
  movementsOf,
  overdueLoans,
  publishArtefact,
  recordMovement,
  setArtefactPhoto,
  updateArtefact,
  withdrawArtefact,
} from './heritage.artefacts.js';
import { heritagePolicy } from './heritage.policy.js';
import { type ArtefactForm, ArtefactAdminPage, NewArtefactPage, PublicArtefactPage, PublicArtefactsPage, StaffArtefactsPage } from './pages/heritage-artefacts.js';

type Multipart = { fields: Record<string, string>; data: Buffer; filename: string; truncated: boolean };
const PUBLIC_CACHE = 'public, max-age=60';

/** Artefact pages: the public list and record (vi and en), the staff register, record, photo,
 * movements and loans, and the approval that puts a record online. */
export function artefactRoutes(app: FastifyInstance, s: Services, readMultipart: (req: FastifyRequest) => Promise<Multipart>, english: (reply: FastifyReply, req: FastifyRequest) => PageContext) {
  // A published artefact's photo is public; any other only for those who keep the register.
  registerImageAccess('heritage-artefact', async (svc, actor, img) => {
    const a = await findArtefact(svc.db, img.ownerId);
    if (!a) return false;
    if (a.published) return 'public';
    return (await heritagePolicy.canManage(svc, actor)) || (await heritagePolicy.canApprove(svc, actor)) ? 'private' : false;
  });
  const canSee = async (req: FastifyRequest) => (await heritagePolicy.canManage(s, req.actor)) || (await heritagePolicy.canApprove(s, req.actor));
  const idOf = (req: FastifyRequest) => {
    const { id } = req.params as { id: string };
    if (!UUID_RE.test(id)) throw Errors.notFound('Hiện vật');
    return id;
  };

  // ── Public ──
  const publicList = async (req: FastifyRequest, reply: FastifyReply, ctx: PageContext) => {
    const q = nfc((req.query as Record<string, string | undefined>).q).slice(0, 100);
    const artefacts = await listArtefacts(s.db, { q: q || undefined, publishedOnly: true });
    return reply.header('cache-control', PUBLIC_CACHE).html(<PublicArtefactsPage ctx={ctx} artefacts={artefacts} q={q} />);
  };
  const publicRecord = async (req: FastifyRequest, reply: FastifyReply, ctx: PageContext) => {
    const a = await findArtefact(s.db, idOf(req));
    // Not yet approved: hidden (Decree 308/2025); staff of the register see a preview.
    if (!a || (!a.published && !(await canSee(req)))) throw Errors.notFound('Hiện vật');
    if (a.published) reply.header('cache-control', PUBLIC_CACHE);
    return reply.html(<PublicArtefactPage ctx={ctx} a={a} movements={await movementsOf(s.db, a.id)} />);
  };
  app.get('/di-san/hien-vat', (req, reply) => publicList(req, reply, reply.page(req)));
  app.get('/en/heritage/artefacts', (req, reply) => publicList(req, reply, english(reply, req)));
  app.get('/di-san/hien-vat/:id', (req, reply) => publicRecord(req, reply, reply.page(req)));
  app.get('/en/heritage/artefacts/:id', (req, reply) => publicRecord(req, reply, english(reply, req)));

  // ── Staff ──
  const requireStaff = (req: FastifyRequest) => heritagePolicy.requireManage(s, req.actor);

  app.get('/quan-tri/di-san/hien-vat', async (req, reply) => {
    await requireStaff(req);
    const q = nfc((req.query as Record<string, string | undefined>).q).slice(0, 100);
    const [artefacts, overdue] = await Promise.all([listArtefacts(s.db, { q: q || undefined }, 2000), overdueLoans(s.db)]);
    return reply.html(<StaffArtefactsPage ctx={reply.page(req)} artefacts={artefacts} q={q} overdue={overdue} />);
  });

  app.get('/quan-tri/di-san/hien-vat/moi', async (req, reply) => {
    await requireStaff(req);
    return reply.html(<NewArtefactPage ctx={reply.page(req)} values={{ holder: 'Bảo tàng tỉnh' }} />);
  });

  app.post('/quan-tri/di-san/hien-vat/moi', async (req, reply) => {
    await requireStaff(req);
    const body = formBody(req);
    try {
      const a = await createArtefact(commandContext(req, s), body);
      return reply.flash(req.lang === 'en' ? 'Artefact saved.' : `Đã lưu hiện vật ${a.inventoryNumber}.`).redirect(`/quan-tri/di-san/hien-vat/${a.id}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
      const f = formErrors(err);
      return reply.html(<NewArtefactPage ctx={reply.page(req)} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });

  async function adminPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { form?: ArtefactForm; values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number } = {}) {
    const a = await findArtefact(s.db, id);
    if (!a) throw Errors.notFound('Hiện vật');
    const [movements, canApprove] = await Promise.all([movementsOf(s.db, id), heritagePolicy.canApprove(s, req.actor)]);
    return reply.html(<ArtefactAdminPage ctx={reply.page(req)} a={a} movements={movements} canApprove={canApprove} {...extra} />, extra.status ?? 200);
  }

  app.get('/quan-tri/di-san/hien-vat/:id', async (req, reply) => {
    await requireStaff(req);
    return adminPage(req, reply, idOf(req));
  });

  const formRoute = (path: string, form: ArtefactForm, run: (req: FastifyRequest, id: string, body: Record<string, string>) => Promise<unknown>, done: { vi: string; en: string }, anchor: string) => {
    app.post(`/quan-tri/di-san/hien-vat/:id${path}`, async (req, reply) => {
      const id = idOf(req);
      const body = formBody(req);
      try {
        await run(req, id, body);
        return reply.flash(req.lang === 'en' ? done.en : done.vi).redirect(`/quan-tri/di-san/hien-vat/${id}${anchor}`);
      } catch (err) {
        if (err instanceof AppError && (err.status === 401 || err.status === 403 || err.status === 404)) throw err;
        const f = formErrors(err);
        const errors = Object.keys(f.errors).length ? f.errors : form === 'movement' ? { kind: { vi: f.message, en: f.message } } : f.errors;
        return adminPage(req, reply, id, { form, values: body, errors, message: f.message, status: f.status });
      }
    });
  };
  formRoute('', 'edit', (req, id, body) => updateArtefact(commandContext(req, s), id, body), { vi: 'Đã lưu thông tin hiện vật.', en: 'Saved.' }, '');
  formRoute('/di-chuyen', 'movement', (req, id, body) => recordMovement(commandContext(req, s), id, body), { vi: 'Đã ghi nhận.', en: 'Recorded.' }, '#di-chuyen');
  formRoute('/cong-bo', 'status', (req, id) => publishArtefact(commandContext(req, s), id), { vi: 'Đã duyệt và công bố hiện vật.', en: 'Published.' }, '');
  formRoute('/go', 'status', (req, id) => withdrawArtefact(commandContext(req, s), id), { vi: 'Đã gỡ hiện vật khỏi trang công khai.', en: 'Taken offline.' }, '');

  app.post('/quan-tri/di-san/hien-vat/:id/anh', async (req, reply) => {
    await requireStaff(req);
    const id = idOf(req);
    const up = await readMultipart(req);
    try {
      await setArtefactPhoto(commandContext(req, s), id, { alt: up.fields.alt, data: up.data, filename: up.filename, truncated: up.truncated });
      return reply.flash(req.lang === 'en' ? 'Photo uploaded.' : 'Đã tải ảnh lên.').redirect(`/quan-tri/di-san/hien-vat/${id}#anh`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403 || err.status === 404)) throw err;
      const f = formErrors(err);
      const errors = Object.keys(f.errors).length ? f.errors : { file: { vi: f.message, en: f.message } };
      return adminPage(req, reply, id, { form: 'photo', values: up.fields, errors, message: f.message, status: f.status });
    }
  });
}
