import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { badInputError, guardFormFields } from '../../core/web/input-guard.js';
import { Check, nfc, vnIsoDate } from '../../core/validation.js';
import {
  FILE_MAX_BYTES,
  MAX_FILES,
  invalidCaseCode,
  notificationText,
  recordHotlineCall,
  submitWebFeedback,
  trackingUrl,
  workingCalendar,
  type UploadedFile,
} from './feedback.commands.js';
import { feedbackPolicy } from './feedback.policy.js';
import { normalizePhone } from './feedback.privacy.js';
import { FEEDBACK_CHANNELS, FEEDBACK_STATUSES, type FeedbackChannel, type FeedbackStatus } from './feedback.schema.js';
import { formatVnDateTimeInput } from './feedback.time.js';
import { open311Routes } from './feedback.open311.js';
import { feedbackHandlingRoutes, renderTracking } from './feedback.handling.routes.js';
import { allowTiles, feedbackStatsRoutes } from './feedback.stats.routes.js';
import { feedbackApiRoutes } from './feedback.api.routes.js';
import { startEmailIntake } from './feedback.email.js';
import * as repo from './feedback.repository.js';
import { FEEDBACK_TABS, feedbackTabs } from './feedback.work.js';
import { FeedbackFormPage, FeedbackReceivedPage, HotlinePage, StaffListPage, TrackingPage } from './pages/feedback-pages.js';

/** Anonymous intake is the abuse surface (issue 4): five cases a minute per address is more than
 * any person types, and a flood is refused before it reaches the database. */
const SUBMIT_LIMIT = { rateLimit: { max: 5, timeWindow: '1 minute' } };
/** Tracking takes a code and a contact: the limit makes guessing pairs impractical. */
const TRACK_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };
/** The confirmation travels in a short-lived signed cookie (post-redirect-get without putting
 * the code in a URL anyone could replay). */
const RECEIPT_COOKIE = 'vh_pa';

const TEXT_FIELDS = ['name', 'phone', 'email', 'category', 'content', 'address', 'ward', 'street', 'lat', 'lng', 'noPublish', 'website'] as const;

interface ParsedForm {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/** Reads the form whether the browser sent multipart (with files) or urlencoded. Files are read
 * into memory with the per-file limit; one more than allowed is read so the message can say how
 * many were chosen, and beyond that the parser stops. */
async function readFeedbackForm(req: FastifyRequest): Promise<ParsedForm> {
  if (!req.isMultipart()) return { fields: formBody(req), files: [] };
  const parsed = await readMultipartFeedback(req);
  // Multipart fields are read after the input guard ran: the same check, here.
  return { fields: guardFormFields(req, parsed.fields), files: parsed.files };
}

async function readMultipartFeedback(req: FastifyRequest): Promise<ParsedForm> {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    // throwFileSizeLimit is read by the plugin at run time but missing from its parts() type: a
    // file over the limit comes back truncated so the form can say which one, not as a 413.
    const opts = { limits: { fileSize: FILE_MAX_BYTES, files: MAX_FILES + 1 }, throwFileSizeLimit: false } as Parameters<FastifyRequest['parts']>[0];
    for await (const part of req.parts(opts)) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        // A file input left empty still sends a part with no name and no bytes.
        if (!part.filename && data.length === 0) continue;
        files.push({ filename: part.filename, data, truncated: part.file.truncated });
      } else if (part.fieldname !== '_csrf') {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code !== 'FST_FILES_LIMIT') throw err;
    while (files.length <= MAX_FILES + 1) files.push({ filename: '', data: Buffer.alloc(0), truncated: false });
  }
  return { fields, files };
}

function keptValues(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of TEXT_FIELDS) if (k !== 'website' && fields[k] !== undefined) out[k] = fields[k]!;
  return out;
}

function fakeCode(): string {
  const d = vnIsoDate();
  return `PA-${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}-${String(crypto.randomInt(1, 9999)).padStart(4, '0')}`;
}

export async function feedbackRoutes(app: FastifyInstance, s: Services) {
  const categories = () => repo.listCategories(s.db, { activeOnly: true });

  // ——— Public intake ———
  const map = { tileUrl: s.config.feedback?.mapTileUrl, attribution: s.config.feedback?.mapAttribution };
  app.get('/phan-anh/gui', async (req, reply) => {
    allowTiles(reply, map.tileUrl);
    return reply.html(<FeedbackFormPage ctx={reply.page(req)} categories={await categories()} map={map} />);
  });

  app.post('/phan-anh/gui', { config: SUBMIT_LIMIT }, async (req, reply) => {
    const { fields, files } = await readFeedbackForm(req);
    // Honeypot filled: a robot. It sees the same success as a person and nothing is stored.
    if (nfc(fields.website)) {
      reply.setCookie(RECEIPT_COOKIE, `fake:${fakeCode()}`, { path: '/phan-anh', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 600 });
      return reply.redirect('/phan-anh/gui/da-nhan', 303);
    }
    try {
      const filed = await submitWebFeedback(
        commandContext(req, s),
        {
          name: fields.name ?? '',
          phone: fields.phone ?? '',
          email: fields.email ?? '',
          category: fields.category ?? '',
          content: fields.content ?? '',
          // The web form asks for the street and the ward apart (people know them; few know coordinates).
          address: fields.address ?? [fields.street, fields.ward].map((x) => (x ?? '').trim()).filter(Boolean).join(', '),
          lat: fields.lat ?? '',
          lng: fields.lng ?? '',
          noPublish: fields.noPublish === '1' || fields.noPublish === 'on',
        },
        files,
      );
      reply.setCookie(RECEIPT_COOKIE, filed.case.code, { path: '/phan-anh', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 600 });
      return reply.redirect('/phan-anh/gui/da-nhan', 303);
    } catch (err) {
      const f = formErrors(err);
      allowTiles(reply, map.tileUrl);
      return reply.html(
        <FeedbackFormPage ctx={reply.page(req)} categories={await categories()} values={keptValues(fields)} errors={f.errors} message={f.message} map={map} />,
        f.status === 415 || f.status === 413 ? 400 : f.status,
      );
    }
  });

  app.get('/phan-anh/gui/da-nhan', async (req, reply) => {
    const raw = req.cookies[RECEIPT_COOKIE];
    const un = raw ? req.unsignCookie(raw) : undefined;
    if (!un?.valid || !un.value) return reply.redirect('/phan-anh/gui');
    const ctx = reply.page(req);
    if (un.value.startsWith('fake:')) {
      const code = un.value.slice(5);
      const due = (await workingCalendar(s)).addWorkingDays(vnIsoDate(), 5);
      return reply.html(
        <FeedbackReceivedPage
          ctx={ctx}
          code={code}
          dueDate={due}
          trackingUrl={trackingUrl(s, code)}
          notification={notificationText(s, code, due)}
          emailed={false}
        />,
      );
    }
    const c = await repo.findByCode(s.db, un.value);
    if (!c) return reply.redirect('/phan-anh/gui');
    return reply.html(
      <FeedbackReceivedPage
        ctx={ctx}
        code={c.code}
        dueDate={c.dueDate}
        trackingUrl={trackingUrl(s, c.code)}
        notification={notificationText(s, c.code, c.dueDate)}
        emailed={!!c.reporterEmail}
      />,
    );
  });

  // ——— Public tracking ———
  // GET takes ?code=…&phone=… or &email=… (names the request log redacts); the page's own form
  // posts, so a phone number or email never sits in a URL, a proxy log or the browser history.
  async function track(req: FastifyRequest, reply: FastifyReply, input: { code: string; contact: string }) {
    const ctx = reply.page(req);
    const code = nfc(input.code).toUpperCase();
    const contact = nfc(input.contact);
    const values = { code, contact };
    if (req.inputErrors) return reply.html(<TrackingPage ctx={ctx} values={values} errors={badInputError(req.inputErrors).fields} />, 400);
    if (!code && !contact) return reply.html(<TrackingPage ctx={ctx} values={values} />);
    const check = new Check()
      .required('code', code, 'mã số phản ánh', 'the case code')
      .required('contact', contact, 'số điện thoại hoặc thư điện tử', 'the phone or email');
    if (!check.ok) return reply.html(<TrackingPage ctx={ctx} values={values} errors={check.errors} />, 400);
    const byEmail = contact.includes('@');
    const found = invalidCaseCode(code) ? undefined : await repo.findForTracking(s.db, code, byEmail ? { email: contact } : { phone: normalizePhone(contact) });
    // The contact is never written back into the page once looked up: a shared or public
    // computer, a screenshot or a cached page must not show it (Law 91/2025/QH15).
    values.contact = '';
    if (!found) return reply.html(<TrackingPage ctx={ctx} values={values} notFound />, 404);
    // Status history without internal notes, the answer, rating and re-opening (issue 4 part 5).
    return renderTracking(s, req, reply, found, { values });
  }

  app.get('/phan-anh/tra-cuu', { config: TRACK_LIMIT }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    return track(req, reply, { code: String(q.code ?? ''), contact: String(q.phone || q.email || '') });
  });
  app.post('/phan-anh/tra-cuu', { config: TRACK_LIMIT }, async (req, reply) => {
    const b = formBody(req);
    return track(req, reply, { code: b.code ?? '', contact: b.contact ?? '' });
  });

  // ——— Staff ———
  app.get('/quan-tri/phan-anh', async (req, reply) => {
    feedbackPolicy.requireView(req.actor);
    const q = req.query as Record<string, string | undefined>;
    const status = FEEDBACK_STATUSES.includes(q.status as FeedbackStatus) ? (q.status as FeedbackStatus) : undefined;
    const channel = FEEDBACK_CHANNELS.includes(q.channel as FeedbackChannel) ? (q.channel as FeedbackChannel) : undefined;
    const category = q.category ? nfc(q.category).slice(0, 50) : undefined;
    const tab = FEEDBACK_TABS.find((t) => t.slug === q.tab) ?? FEEDBACK_TABS[0]!;
    const cases = await repo.listForStaff(s.db, { status, statuses: tab.statuses, channel, category });
    return reply.html(
      <StaffListPage
        tabs={await feedbackTabs(s, tab.slug)}
        ctx={reply.page(req)}
        cases={cases}
        categories={await repo.listCategories(s.db)}
        filter={{ status: status ?? '', channel: channel ?? '', category: category ?? '' }}
        canRecord={feedbackPolicy.canRecord(req.actor)}
      />,
    );
  });

  app.get('/quan-tri/phan-anh/tong-dai', async (req, reply) => {
    feedbackPolicy.requireRecord(req.actor);
    const ma = String((req.query as Record<string, string>).ma ?? '');
    const c = ma && !invalidCaseCode(ma) ? await repo.findByCode(s.db, ma) : undefined;
    const recorded = c ? { code: c.code, notification: notificationText(s, c.code, c.dueDate) } : undefined;
    return reply.html(
      <HotlinePage ctx={reply.page(req)} categories={await categories()} values={{ callTime: formatVnDateTimeInput(new Date()) }} recorded={recorded} />,
    );
  });

  app.post('/quan-tri/phan-anh/tong-dai', async (req, reply) => {
    feedbackPolicy.requireRecord(req.actor);
    const b = formBody(req);
    try {
      const filed = await recordHotlineCall(commandContext(req, s), {
        name: b.name ?? '',
        phone: b.phone ?? '',
        callTime: b.callTime ?? '',
        category: b.category ?? '',
        content: b.content ?? '',
        address: b.address ?? '',
      });
      reply.flash(`Đã ghi nhận cuộc gọi, mã số ${filed.case.code}.`);
      return reply.redirect(`/quan-tri/phan-anh/tong-dai?ma=${encodeURIComponent(filed.case.code)}`, 303);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<HotlinePage ctx={reply.page(req)} categories={await categories()} values={b} errors={f.errors} message={f.message} />, f.status);
    }
  });

  // ——— Statistics, exports and the map of cases (issue 4 part 6); before /:id ———
  await feedbackStatsRoutes(app, s);

  // ——— Classification, handling, public answers (issue 4 parts 2-5) ———
  await feedbackHandlingRoutes(app, s);

  // ——— JSON API for staff and operators (issue 4 part 8) ———
  await feedbackApiRoutes(app, s);

  // ——— Open311 GeoReport v2 ———
  await app.register(open311Routes(s), { prefix: '/open311' });

  // ——— Email intake: an inbound SMTP listener living as long as this server ———
  const smtpPort = s.config.feedback?.smtpPort;
  if (smtpPort !== undefined) {
    try {
      const intake = await startEmailIntake(s, { port: smtpPort });
      app.addHook('onClose', async () => intake.close());
      app.log.info({ port: intake.port }, 'feedback email intake listening');
    } catch (err) {
      // A second node on the same host finds the port taken: the web server still starts.
      app.log.error({ err: (err as Error).message }, 'feedback email intake could not start');
    }
  }
}
