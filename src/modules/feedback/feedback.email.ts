import type { AddressInfo } from 'node:net';
import { fileTypeFromBuffer } from 'file-type';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { CommandContext, Services } from '../../core/context.js';
import { Check, nfc } from '../../core/validation.js';
import { cleanFileName } from '../../core/files/files.js';
import { ALLOWED_FILE_TYPES, CONTENT_MAX, FILE_MAX_BYTES, MAX_FILES, fileCase, type FiledCase, type UploadedFile } from './feedback.commands.js';
import { feedbackClock } from './feedback.time.js';
import * as repo from './feedback.repository.js';

/**
 * Email intake (issue 4 part 1, "an email intake address is a plus"; Decree 20/2008 Art. 6 names
 * written petitions by email). An inbound SMTP listener accepts mail for one address only; each
 * accepted message becomes a case with channel 'email': the sender is the contact, subject and
 * text the content, attachments sniffed and limited as on the web form. It is meant to sit behind
 * the agency's mail relay (no AUTH, no STARTTLS here), so it binds to loopback by default.
 */

/** A person writes a few mails an hour at most; a loop or a script writes hundreds. */
export const EMAIL_LIMIT = { perSender: 10, windowMs: 3600_000 };
/** Five files of 10 MB in base64 (4/3) plus the text: larger messages are refused at SIZE. */
export const EMAIL_MAX_BYTES = Math.ceil((MAX_FILES * FILE_MAX_BYTES * 4) / 3) + 1024 * 1024;
/** Mail without a category goes to "Khác" (other); the receiving desk classifies it. */
export const EMAIL_CATEGORY = 'KHAC';

/** An SMTP refusal: the code goes to the sending server, the text into its bounce (ASCII:
 * SMTP replies are 7-bit, so the Vietnamese is written without diacritics). */
function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

export interface InboundMail {
  fromAddress: string;
  fromName: string;
  subject: string;
  text: string;
  attachments: UploadedFile[];
}

export interface EmailOutcome {
  filed: FiledCase;
  /** attachments not kept, with the reason (type or size), for the timeline and the reply */
  refused: string[];
}

/** Types from the bytes as on the web form; unlike the form, a sender cannot fix and resend in
 * place, so a refused file is left out and named in the timeline instead of losing the mail. */
async function sortAttachments(files: UploadedFile[]): Promise<{ kept: UploadedFile[]; refused: string[] }> {
  const kept: UploadedFile[] = [];
  const refused: string[] = [];
  for (const f of files) {
    const name = cleanFileName(f.filename) || 'tệp không tên';
    if (f.data.length > FILE_MAX_BYTES) refused.push(`${name} (quá 10 MB)`);
    else if (kept.length >= MAX_FILES) refused.push(`${name} (quá ${MAX_FILES} tệp)`);
    else {
      const sniffed = await fileTypeFromBuffer(f.data);
      if (sniffed && ALLOWED_FILE_TYPES.includes(sniffed.mime)) kept.push(f);
      else refused.push(`${name} (chỉ nhận ảnh JPEG, PNG hoặc PDF)`);
    }
  }
  return { kept, refused };
}

/** submitEmailFeedback: one accepted message becomes a case. Outcomes: the case; CORE-100 when
 * the sender address, the content or the length is unusable (the listener turns it into a 550). */
export async function submitEmailFeedback(s: Services, mail: InboundMail, meta: { ip?: string } = {}): Promise<EmailOutcome> {
  const ctx: CommandContext = { services: s, actor: { userId: null, label: 'Hộp thư phản ánh', kind: 'anonymous', grants: [] }, ip: meta.ip };
  const email = nfc(mail.fromAddress).toLowerCase();
  const name = nfc(mail.fromName).slice(0, 200);
  const subject = nfc(mail.subject);
  const text = nfc(mail.text.replace(/\r\n/g, '\n'));
  const content = subject && text ? `${subject}\n\n${text}` : subject || text;
  const check = new Check().required('email', email, 'địa chỉ người gửi', 'the sender').email('email', email).maxLength('email', email, 254, 'Thư điện tử');
  if (!content) check.add('content', 'Thư không có nội dung phản ánh.', 'The message has no content.');
  else if (content.length > CONTENT_MAX)
    check.add('content', `Nội dung phản ánh không được dài quá ${CONTENT_MAX} ký tự.`, `At most ${CONTENT_MAX} characters.`);
  check.throwIfAny();
  const category = (await repo.findCategory(s.db, EMAIL_CATEGORY)) ?? (await repo.listCategories(s.db, { activeOnly: true }))[0];
  if (!category) throw smtpError(451, 'No feedback category is configured; try again later');
  const { kept, refused } = await sortAttachments(mail.attachments);
  const filed = await fileCase(ctx, {
    channel: 'email',
    category,
    reporterName: name || null,
    reporterPhone: null,
    reporterEmail: email,
    content,
    addressText: null,
    lat: null,
    lng: null,
    publishConsent: true,
    receivedAt: feedbackClock.now(),
    eventNote: `Tiếp nhận qua thư điện tử.${refused.length ? ` Không nhận tệp: ${refused.join('; ')}.` : ''}`,
    files: kept.map((f) => ({ ...f, truncated: false })),
    mail: true,
  });
  return { filed, refused };
}

/** Per-sender sliding window, in memory: the listener is one process, and a restart forgetting
 * the counts only lets a sender start over. */
export class SenderLimiter {
  private readonly seen = new Map<string, number[]>();
  constructor(private readonly limit = EMAIL_LIMIT) {}
  allow(sender: string, now = Date.now()): boolean {
    const key = sender.toLowerCase();
    const recent = (this.seen.get(key) ?? []).filter((t) => now - t < this.limit.windowMs);
    if (recent.length >= this.limit.perSender) {
      this.seen.set(key, recent);
      return false;
    }
    recent.push(now);
    this.seen.set(key, recent);
    if (this.seen.size > 10_000) for (const [k, v] of this.seen) if (!v.some((t) => now - t < this.limit.windowMs)) this.seen.delete(k);
    return true;
  }
}

/** Auto-replies and list mail must not open cases (and our acknowledgement must not answer an
 * auto-reply: RFC 3834). */
function isAutomatic(m: ParsedMail): boolean {
  const auto = String(m.headers.get('auto-submitted') ?? '').toLowerCase();
  const precedence = String(m.headers.get('precedence') ?? '').toLowerCase();
  return (auto !== '' && auto !== 'no') || ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence);
}

export interface EmailIntake {
  port: number;
  close(): Promise<void>;
}

/** Starts the listener. Each message is parsed, checked and filed before the 250 reply, so an
 * accepted message is a stored case (or a deliberate drop of an auto-reply). */
export async function startEmailIntake(
  s: Services,
  opts: { port: number; host?: string; address?: string; limiter?: SenderLimiter } = { port: 0 },
): Promise<EmailIntake> {
  const address = (opts.address ?? s.config.feedback.intakeAddress).toLowerCase();
  const limiter = opts.limiter ?? new SenderLimiter();
  const log = s.log as { error: (message: string) => void };
  const server = new SMTPServer({
    name: new URL(s.config.publicUrl).hostname,
    banner: 'Van Hien feedback intake',
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: EMAIL_MAX_BYTES,
    maxClients: 20,
    logger: false,
    onMailFrom(from, _session, cb) {
      // A null sender is a bounce: answering it could start a loop.
      if (!from.address) return cb(smtpError(550, 'Bounces are not accepted here'));
      if (!limiter.allow(from.address)) return cb(smtpError(450, 'Qua nhieu thu tu dia chi nay, vui long gui lai sau (too many messages, try later)'));
      cb();
    },
    onRcptTo(to, _session, cb) {
      if (to.address.toLowerCase() !== address) return cb(smtpError(550, 'No such mailbox here'));
      cb();
    },
    onData(stream, session: SMTPServerSession, cb) {
      simpleParser(stream)
        .then(async (parsed) => {
          if ((stream as { sizeExceeded?: boolean }).sizeExceeded) return cb(smtpError(552, 'Thu qua lon (message too large)'));
          if (isAutomatic(parsed)) return cb();
          const from = parsed.from?.value[0];
          await submitEmailFeedback(
            s,
            {
              fromAddress: from?.address ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
              fromName: from?.name ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', data: a.content, truncated: false })),
            },
            { ip: session.remoteAddress },
          );
          cb();
        })
        .catch((err: { code?: string; fields?: Record<string, { en: string }>; responseCode?: number }) => {
          if (err.code === 'CORE-100') {
            const why = Object.values(err.fields ?? {})
              .map((f) => f.en)
              .join(' ');
            return cb(smtpError(550, `Phan anh khong hop le (invalid feedback): ${why}`));
          }
          if (err.responseCode) return cb(err as Error);
          // No personal data in the log: the error only.
          log.error(`feedback email intake failed: ${(err as Error).message}`);
          cb(smtpError(451, 'Loi tam thoi, vui long gui lai sau (temporary failure)'));
        });
    },
  });
  server.on('error', (err) => log.error(`feedback email intake: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? s.config.feedback.smtpHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
