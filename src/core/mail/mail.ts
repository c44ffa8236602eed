import nodemailer, { type Transporter } from 'nodemailer';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../db/index.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Config } from '../config.js';
import { mailOutbox } from './mail.schema.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export const MAIL_JOB = 'mail.send';

/** Mail is written to the outbox in the caller's transaction and sent by a job: a rolled-back
 * change sends nothing, and a failed send is retried with backoff and stays visible. */
export async function queueMail(tx: Tx, jobs: Jobs, mail: OutgoingMail): Promise<string | null> {
  // The reserved .invalid domain (RFC 2606) marks accounts without a mailbox (walk-in applicants
  // at the desk): nothing can be delivered there, so nothing is queued.
  if (/\.invalid$/i.test(mail.to.trim())) return null;
  const [row] = await tx
    .insert(mailOutbox)
    .values({ toAddress: mail.to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html ?? null })
    .returning({ id: mailOutbox.id });
  await jobs.sendInTx(tx, MAIL_JOB, { id: row!.id });
  return row!.id;
}

export function mailJobHandler(db: Db, config: Config) {
  let transport: Transporter | undefined;
  return async (data: Record<string, unknown>) => {
    const id = String(data.id);
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    if (!row || row.status === 'sent' || row.status === 'captured') return;
    if (!config.smtp.url) {
      // No SMTP configured: the message stays readable in the admin outbox (demo mode).
      await db.update(mailOutbox).set({ status: 'captured', sentAt: new Date() }).where(eq(mailOutbox.id, id));
      return;
    }
    transport ??= nodemailer.createTransport(config.smtp.url);
    try {
      await transport.sendMail({ from: config.smtp.from, to: row.toAddress, subject: row.subject, text: row.textBody, html: row.htmlBody ?? undefined });
      await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
        .where(eq(mailOutbox.id, id));
    } catch (err) {
      await db
        .update(mailOutbox)
        .set({ status: 'failed', attempts: sql`${mailOutbox.attempts} + 1`, lastError: String((err as Error).message).slice(0, 500) })
        .where(eq(mailOutbox.id, id));
      throw err;
    }
  };
}

export const listOutbox = (db: Executor, limit = 100) =>
  db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
