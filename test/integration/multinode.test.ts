import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { loginCookies, startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { transaction } from '../../src/core/db/index.js';
import { queueMail } from '../../src/core/mail/mail.js';

/** Two app nodes on one database: sessions work on both, each job runs exactly once. */
describe('two app nodes on one PostgreSQL', () => {
  let a: TestPlatform;
  let b: TestPlatform;
  let smtp: SMTPServer;
  const received: string[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, cb) {
        let raw = '';
        stream.on('data', (d) => (raw += d));
        stream.on('end', () => {
          received.push(/X-Test-Seq: (\d+)/.exec(raw)?.[1] ?? /Subject: (.*)/.exec(raw)?.[1] ?? '');
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as { port: number }).port;
    const env = { SESSION_SECRET: 'mot-bi-mat-chung-cho-moi-node-0123456789', SMTP_URL: `smtp://127.0.0.1:${port}` };
    a = await startTestPlatform({ env, worker: true });
    b = await startTestPlatform({ env, worker: true, databaseUrl: a.config.databaseUrl });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await new Promise<void>((r) => smtp?.close(() => r()));
  });

  it('a session made on one node is valid on the other, and logout on one ends it on both', async () => {
    const cookie = await loginCookies(a.app, 'lanhdao@vanhien.test');
    const onB = await b.app.inject({ url: '/tai-khoan', headers: { cookie } });
    expect(onB.statusCode).toBe(200);
    expect(onB.body).toContain('Phạm Minh Lãnh');
    const page = await b.app.inject({ url: '/tai-khoan', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const setCsrf = page.cookies.find((c) => c.name === 'vh_csrf');
    const cookie2 = setCsrf ? `${cookie.replace(/vh_csrf=[^;]*(; )?/, '')}; vh_csrf=${setCsrf.value}` : cookie;
    const out = await b.app.inject({ method: 'POST', url: '/dang-xuat-moi-noi', headers: { cookie: cookie2, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(out.statusCode).toBe(302);
    const onA = await a.app.inject({ url: '/tai-khoan', headers: { cookie } });
    expect(onA.statusCode).toBe(302);
    expect(onA.headers.location).toContain('/dang-nhap');
  });

  it('runs each queued job exactly once across both workers', async () => {
    const s = a.platform.services;
    const N = 20;
    for (let i = 0; i < N; i++) {
      await transaction(s.pool, (tx) => queueMail(tx, s.jobs, { to: `nguoinhan${i}@vanhien.test`, subject: `Thư thử ${i}`, text: `Nội dung ${i}` }));
    }
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { rows } = await s.pool.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'sent'`);
      if (rows[0].n >= N) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const { rows } = await s.pool.query(`SELECT status, attempts FROM mail_outbox`);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(N);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    expect(received).toHaveLength(N);
  }, 60_000);
});
