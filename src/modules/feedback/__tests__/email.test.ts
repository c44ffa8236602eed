import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SenderLimiter, startEmailIntake, type EmailIntake } from '../feedback.email.js';
import { NOT_AN_IMAGE, PNG } from './helpers.js';

describe('feedback by email: inbound SMTP intake (issue 4 part 1)', () => {
  let t: TestPlatform;
  const port = 40000 + Math.floor(Math.random() * 9000);
  let strict: EmailIntake;

  beforeAll(async () => {
    // The listener started by the server itself, from the configuration.
    t = await startTestPlatform({ env: { FEEDBACK_SMTP_PORT: String(port), FEEDBACK_INTAKE_ADDRESS: 'PhanAnh@vanhien.test' } });
    // A second listener with a tight limit for the rate-limit test.
    strict = await startEmailIntake(t.platform.services, { port: 0, host: '127.0.0.1', limiter: new SenderLimiter({ perSender: 2, windowMs: 60_000 }) });
  });
  afterAll(async () => {
    await strict?.close();
    await t?.close();
  });

  const transport = (p: number) => nodemailer.createTransport({ host: '127.0.0.1', port: p, secure: false, ignoreTLS: true });
  const q = (text: string, params: unknown[] = []) => t.platform.services.pool.query(text, params);
  const byEmail = async (email: string) => (await q('SELECT * FROM feedback_cases WHERE reporter_email = $1 ORDER BY received_at', [email])).rows;

  it('a mail to the intake address becomes an email case: sender as contact, subject and text as content, attachments sniffed', async () => {
    const info = await transport(port).sendMail({
      from: '"Nguyễn Văn Thư" <Nguoi.Gui@Example.vn>',
      to: 'phananh@vanhien.test',
      subject: 'Karaoke ồn ào ở phường Phú Cường',
      text: 'Quán karaoke trên đường Yersin mở nhạc rất to đến 1 giờ sáng.\r\nĐề nghị Sở kiểm tra.',
      attachments: [
        { filename: 'anh-quan.png', content: PNG },
        { filename: 'ghi-chu.png', content: NOT_AN_IMAGE },
      ],
    });
    expect(info.accepted).toEqual(['phananh@vanhien.test']);
    const [c] = await byEmail('nguoi.gui@example.vn');
    expect(c).toMatchObject({
      channel: 'email',
      status: 'new',
      reporter_name: 'Nguyễn Văn Thư',
      reporter_phone: null,
      category_code: 'KHAC',
      content: 'Karaoke ồn ào ở phường Phú Cường\n\nQuán karaoke trên đường Yersin mở nhạc rất to đến 1 giờ sáng.\nĐề nghị Sở kiểm tra.',
    });
    expect(c.content.normalize('NFC')).toBe(c.content);
    const files = (await q('SELECT original_name FROM feedback_files WHERE case_id = $1', [c.id])).rows;
    expect(files.map((f) => f.original_name)).toEqual(['anh-quan.png']);
    const events = (await q('SELECT kind, note FROM feedback_events WHERE case_id = $1', [c.id])).rows;
    expect(events[0]).toEqual({ kind: 'received', note: 'Tiếp nhận qua thư điện tử. Không nhận tệp: ghi-chu.png (chỉ nhận ảnh JPEG, PNG hoặc PDF).' });
    // received like any other channel: audited, and not public before a leader approves an answer
    const ack = await q(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'feedback.receive' AND entity_id = $1`, [c.id]);
    expect(ack.rows[0].n).toBe(1);
    expect((await t.app.inject({ url: `/phan-anh/${c.code}` })).statusCode).toBe(404);
  });

  it('refuses other mailboxes, bounces, empty and over-long mail; drops auto-replies', async () => {
    await expect(transport(port).sendMail({ from: 'a@example.vn', to: 'giamdoc@vanhien.test', subject: 'x', text: 'y' })).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(transport(port).sendMail({ envelope: { from: '', to: 'phananh@vanhien.test' }, raw: 'Subject: x\r\n\r\ny' })).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(transport(port).sendMail({ from: 'rong@example.vn', to: 'phananh@vanhien.test', subject: '', text: '' })).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(
      transport(port).sendMail({ from: 'dai@example.vn', to: 'phananh@vanhien.test', subject: 'Dài', text: 'ồ'.repeat(4100) }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await transport(port).sendMail({
      from: 'vacation@example.vn',
      to: 'phananh@vanhien.test',
      subject: 'Vắng mặt',
      text: 'Tôi đang nghỉ phép.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    for (const e of ['a@example.vn', 'rong@example.vn', 'dai@example.vn', 'vacation@example.vn']) expect(await byEmail(e)).toEqual([]);
  });

  it('limits each sender without slowing the others', async () => {
    const send = (from: string, n: number) =>
      transport(strict.port).sendMail({ from, to: 'phananh@vanhien.test', subject: `Phản ánh số ${n}`, text: 'Biển quảng cáo sai quy định.' });
    await send('nhieu@example.vn', 1);
    await send('nhieu@example.vn', 2);
    await expect(send('nhieu@example.vn', 3)).rejects.toMatchObject({ responseCode: 450 });
    await send('khac@example.vn', 1);
    expect(await byEmail('nhieu@example.vn')).toHaveLength(2);
    expect(await byEmail('khac@example.vn')).toHaveLength(1);
  });
});
