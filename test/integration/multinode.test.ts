import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loginCookies, startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { openPlatform, startServer } from '../../src/core/app.js';
import { transaction } from '../../src/core/db/index.js';
import { queueMail } from '../../src/core/mail/mail.js';
import { SYSTEM } from '../../src/core/auth/actor.js';
import { identityCaches } from '../../src/core/cluster/identity-cache.js';
import { unpublishArticle } from '../../src/modules/news/news.commands.js';

const until = async (cond: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/**
 * Two app nodes on one database (issue 9, "Several nodes, for real"): a client alternating
 * between them carries a dossier and a feedback case to the end; a revocation on one node is
 * refused by the other on the very next request, also while the other's bus is deaf; rate limits
 * add up across nodes and restarts; a page cached on one node follows a change made on the
 * other; each job runs once.
 */
describe('two app nodes on one PostgreSQL', () => {
  let a: TestPlatform;
  let b: TestPlatform;
  let smtp: SMTPServer;
  const received: string[] = [];
  const env: Record<string, string> = {};
  // The nodes share their file storage (in production: S3, or one shared volume): a file uploaded
  // through one node is read through the other.
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-nodes-'));

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
    Object.assign(env, { SESSION_SECRET: 'mot-bi-mat-chung-cho-moi-node-0123456789', SMTP_URL: `smtp://127.0.0.1:${port}`, VANHIEN_DATA_DIR: shared });
    a = await startTestPlatform({ env, worker: true });
    // B waits 1.5 s before reconnecting its bus, so the deaf-node test has a deaf node to ask.
    b = await startTestPlatform({ env: { ...env, VANHIEN_BUS_RETRY_MS: '1500' }, worker: true, databaseUrl: a.config.databaseUrl });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await new Promise<void>((r) => smtp?.close(() => r()));
    fs.rmSync(shared, { recursive: true, force: true });
  });

  /** A token per person, each from its own address: the token endpoint's limit is per address. */
  async function tokenOn(app: FastifyInstance, email: string, ip: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: ip, payload: { email, password: 'Demo@2026' } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().token;
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /**
   * Resolves when `node`'s bus delivers the next `topic`, with the delay since the call. In one
   * process the test's next request can be faster than PostgreSQL's delivery to the other node's
   * socket; a real client's next request crosses the network first. Waiting for the message (not
   * for the cache TTL, 5 s) is what proves the bus did the invalidation.
   */
  function heard(node: TestPlatform, topic: string): Promise<number> {
    const t0 = performance.now();
    return new Promise((resolve) => {
      const off = node.platform.services.bus.on(topic, () => {
        off();
        resolve(performance.now() - t0);
      });
    });
  }

  it('a session made on one node is valid on the other, and logout on one ends it on both', async () => {
    const cookie = await loginCookies(a.app, 'lanhdao@vanhien.test');
    const onB = await b.app.inject({ url: '/tai-khoan', headers: { cookie } });
    expect(onB.statusCode).toBe(200);
    expect(onB.body).toContain('Phạm Minh Lãnh');
    const page = await b.app.inject({ url: '/tai-khoan', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const setCsrf = page.cookies.find((c) => c.name === 'vh_csrf');
    const cookie2 = setCsrf ? `${cookie.replace(/vh_csrf=[^;]*(; )?/, '')}; vh_csrf=${setCsrf.value}` : cookie;
    // Node A has the session in its identity cache when node B ends it.
    expect((await a.app.inject({ url: '/tai-khoan', headers: { cookie } })).statusCode).toBe(200);
    const onAHeard = heard(a, 'identity.user');
    const out = await b.app.inject({ method: 'POST', url: '/dang-xuat-moi-noi', headers: { cookie: cookie2, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(out.statusCode).toBe(302);
    expect(await onAHeard).toBeLessThan(1_000);
    const onA = await a.app.inject({ url: '/tai-khoan', headers: { cookie } });
    expect(onA.statusCode).toBe(302);
    expect(onA.headers.location).toContain('/dang-nhap');
  });

  it('an API token revoked on node A is refused by node B on the very next request, though B had it cached', async () => {
    const token = await tokenOn(a.app, 'congdan@vanhien.test', '127.0.1.1');
    const cacheB = identityCaches(b.platform.services).tokens;
    expect(b.platform.services.bus.connected).toBe(true);
    expect((await b.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
    const cached = cacheB.size;
    expect(cached).toBeGreaterThan(0);
    // Served from B's cache: the row is gone from the lookup's point of view only after a revocation.
    expect((await b.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);

    // "Log out everywhere" on A (the form, with the citizen's session made on A).
    const cookie = await loginCookies(a.app, 'congdan@vanhien.test');
    const page = await a.app.inject({ url: '/tai-khoan', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const jar = page.cookies.find((c) => c.name === 'vh_csrf');
    const cookie2 = jar ? `${cookie.replace(/vh_csrf=[^;]*(; )?/, '')}; vh_csrf=${jar.value}` : cookie;
    const onBHeard = heard(b, 'identity.user');
    const out = await a.app.inject({ method: 'POST', url: '/dang-xuat-moi-noi', headers: { cookie: cookie2, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(out.statusCode).toBe(302);
    expect(await onBHeard).toBeLessThan(1_000);

    const refused = await b.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it('a role taken away on node A narrows the grants node B had cached, at once', async () => {
    const token = await tokenOn(a.app, 'chuyenvien@vanhien.test', '127.0.1.2');
    expect((await b.app.inject({ url: '/api/v1/dossiers?limit=1', headers: bearer(token) })).statusCode).toBe(200);
    expect((await b.app.inject({ url: '/api/v1/dossiers?limit=1', headers: bearer(token) })).statusCode).toBe(200);
    const s = a.platform.services;
    const who = `(SELECT id FROM users WHERE email = 'chuyenvien@vanhien.test')`;
    const full = (await s.pool.query(`SELECT * FROM role_assignments WHERE user_id = ${who}`)).rows;
    expect(full.length).toBeGreaterThan(0);
    try {
      // Any path that changes a role assignment, even SQL run by hand, is announced by the trigger.
      let onB = heard(b, 'identity.user');
      await s.pool.query(`DELETE FROM role_assignments WHERE user_id = ${who}`);
      await onB;
      expect((await b.app.inject({ url: '/api/v1/dossiers?limit=1', headers: bearer(token) })).statusCode).toBe(403);
      onB = heard(b, 'identity.user');
      await s.pool.query(`INSERT INTO role_assignments SELECT * FROM json_populate_recordset(null::role_assignments, $1)`, [JSON.stringify(full)]);
      await onB;
      expect((await b.app.inject({ url: '/api/v1/dossiers?limit=1', headers: bearer(token) })).statusCode).toBe(200);
    } finally {
      await s.pool.query(`INSERT INTO role_assignments SELECT * FROM json_populate_recordset(null::role_assignments, $1) ON CONFLICT DO NOTHING`, [JSON.stringify(full)]);
    }
  });

  it('while node B cannot hear the bus it reads identities through, so a revocation it missed still counts; back, it starts afresh', async () => {
    const token = await tokenOn(a.app, 'bientap@vanhien.test', '127.0.1.3');
    const busB = b.platform.services.bus;
    expect((await b.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
    let reconnects = 0;
    busB.onConnect(() => reconnects++);
    await a.platform.services.pool.query('SELECT pg_terminate_backend($1)', [busB.listenerPid]);
    await until(() => !busB.connected);
    // Revoked while B is deaf: B never hears of it.
    await a.platform.services.pool.query('UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1', [crypto.createHash('sha256').update(token).digest('hex')]);
    const deaf = await b.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    const stillDeaf = !busB.connected && reconnects === 0;
    expect(deaf.statusCode).toBe(401);
    expect(stillDeaf).toBe(true);
    await until(() => busB.connected);
    expect(reconnects).toBe(1);
    expect(identityCaches(b.platform.services).tokens.size).toBe(0);
  });

  it('rate limits add up across both nodes and survive a restart', async () => {
    const ip = '127.0.2.1';
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const node = i % 2 ? b : a;
      codes.push((await node.app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: ip, payload: { email: `khong-co-${i}@vanhien.test`, password: 'sai' } })).statusCode);
    }
    // 10 a minute per address for the token endpoint: 5 on each node, then refused on both.
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    // A third node started now (a restarted one: a new process on the same database, nothing in
    // memory) remembers the count. The database is already migrated and seeded by A.
    const c = await openPlatform({ config: { ...a.config, dataDir: shared }, migrate: false, seed: false, quiet: true });
    try {
      const app = await startServer(c, { worker: false });
      await app.ready();
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: ip, payload: { email: 'khong-co@vanhien.test', password: 'sai' } });
      expect(res.statusCode).toBe(429);
    } finally {
      await c.close();
    }
  });

  it('an article page cached on node B follows a change made on node A at once', async () => {
    const { rows } = await a.platform.services.pool.query<{ id: string; slug: string; version: number; title: string }>(
      `SELECT id, slug, version, title FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1`,
    );
    const art = rows[0]!;
    const url = `/tin-tuc/${art.slug}`;
    const first = await b.app.inject({ url });
    expect(first.statusCode).toBe(200);
    // Changed behind the platform's back: B keeps serving its cached page.
    await a.platform.services.pool.query('UPDATE articles SET title = $2 WHERE id = $1', [art.id, 'Tiêu đề sửa thẳng trong cơ sở dữ liệu']);
    expect((await b.app.inject({ url })).body).toBe(first.body);
    const onB = heard(b, 'pages.changed');
    await unpublishArticle({ services: a.platform.services, actor: SYSTEM }, art.id, art.version);
    expect(await onB).toBeLessThan(1_000);
    const gone = await b.app.inject({ url });
    expect(gone.statusCode).toBe(404);
  });

  it('a client alternating between the nodes carries a dossier from filing to result', { timeout: 60_000 }, async () => {
    const ips = { citizen: '127.0.3.1', desk: '127.0.3.2', specialist: '127.0.3.3', leader: '127.0.3.4' };
    const tokens: Record<string, string> = {
      citizen: await tokenOn(a.app, 'congdan@vanhien.test', ips.citizen),
      desk: await tokenOn(b.app, 'tiepnhan@vanhien.test', ips.desk),
      specialist: await tokenOn(a.app, 'chuyenvien@vanhien.test', ips.specialist),
      leader: await tokenOn(b.app, 'lanhdao@vanhien.test', ips.leader),
    };
    let turn = 0;
    const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      (turn++ % 2 ? b : a).app.inject({ method, url, headers: { ...bearer(tokens[who]!), ...headers }, ...(payload ? { payload: payload as object } : {}) });

    const created = await call('citizen', 'POST', '/api/v1/dossiers', {
      procedureCode: 'DEMO.000101',
      answers: {
        fullName: 'Đỗ Thị Hai Nút',
        idNumber: '079188006666',
        phone: '0913444666',
        email: 'congdan@vanhien.test',
        address: '3 Lý Thường Kiệt, phường Phú Cường',
        applicantType: 'ca-nhan',
        businessName: 'Karaoke Hai Nút (demo)',
        taxCode: '0101234572',
        venueAddress: '5 Lý Thường Kiệt, phường Phú Cường',
        areaType: 'do-thi',
        roomCount: 2,
        roomAreas: 'Phòng 1 – 22 m²; Phòng 2 – 26 m²',
        commitGlassDoor: true,
        commitConditions: true,
        commitTruthful: true,
        consentPersonalData: true,
      },
    }, { 'idempotency-key': `hai-nut-${crypto.randomUUID()}` });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    for (let doc = 0; ; doc++) {
      const boundary = `----vh${crypto.randomBytes(6).toString('hex')}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="giay-to-${doc}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        Buffer.from(`%PDF-1.4\n% hai-nut-${doc}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await call('citizen', 'POST', `/api/v1/dossiers/${id}/files?document=${doc}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
      if (up.statusCode === 400 && up.json().code === 'CORE-101') break;
      expect(up.statusCode, up.body).toBe(201);
    }
    const submitted = await call('citizen', 'POST', `/api/v1/dossiers/${id}/submit`, undefined, { 'idempotency-key': `hai-nut-submit-${crypto.randomUUID()}` });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const code = submitted.json().code as string;
    const listed = await call('desk', 'GET', '/api/v1/dossiers?procedure=DEMO.000101&status=submitted&limit=500');
    let version = (listed.json().items as { code: string; version: number }[]).find((d) => d.code === code)!.version;
    const act = async (who: string, action: string, body: Record<string, unknown> = {}) => {
      const res = await call(who, 'POST', `/api/v1/dossiers/${encodeURIComponent(code)}/actions/${action}`, { version, ...body });
      expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
      version = res.json().version;
      return res.json() as { status: string };
    };
    await act('desk', 'receive');
    const specialistId = (await call('specialist', 'GET', '/api/v1/me')).json().id as string;
    expect((await act('desk', 'assign', { assigneeId: specialistId })).status).toBe('processing');
    await act('specialist', 'forward', { note: 'Đủ điều kiện cấp giấy phép.' });
    expect((await act('leader', 'approve')).status).toBe('approved');
    expect((await act('desk', 'return')).status).toBe('returned');
    const result = await call('citizen', 'GET', `/api/v1/dossiers/${encodeURIComponent(code)}/documents/ket-qua`);
    expect(result.statusCode).toBe(200);
    expect(result.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect(turn).toBeGreaterThan(10);
  });

  it('a client alternating between the nodes carries a feedback case from a hotline call to a published answer', { timeout: 60_000 }, async () => {
    const tokens: Record<string, string> = {
      operator: await tokenOn(b.app, 'tiepnhan@vanhien.test', '127.0.4.1'),
      officer: await tokenOn(a.app, 'chuyenvien@vanhien.test', '127.0.4.2'),
      leader: await tokenOn(b.app, 'lanhdao@vanhien.test', '127.0.4.3'),
    };
    let turn = 0;
    const api = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      (turn++ % 2 ? b : a).app.inject({ method, url, headers: bearer(tokens[who]!), ...(payload === undefined ? {} : { payload: payload as object }) });
    const filed = await api('operator', 'POST', '/api/v1/feedback/cases', {
      name: 'Bà Gọi Hai Nút',
      phone: '0903 222 444',
      category: 'VH-KARAOKE',
      content: 'Quán karaoke Sao Mai mở nhạc to sau 23 giờ.',
      address: 'Đường Lê Lợi',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const code = filed.json().case.code as string;
    let r = await api('operator', 'POST', `/api/v1/feedback/cases/${code}/classify`, { version: filed.json().case.version, decision: 'within' });
    expect(r.statusCode, r.body).toBe(200);
    const officerId = (await api('officer', 'GET', '/api/v1/me')).json().id as string;
    r = await api('officer', 'POST', `/api/v1/feedback/cases/${code}/assign`, { version: r.json().version, userId: officerId });
    expect(r.json().status).toBe('in_progress');
    r = await api('officer', 'POST', `/api/v1/feedback/cases/${code}/draft`, { version: r.json().version, answer: 'Phòng Quản lý Văn hóa đã kiểm tra và nhắc nhở quán.' });
    expect(r.statusCode, r.body).toBe(200);
    const preview = (await api('officer', 'GET', `/api/v1/feedback/cases/${code}/redaction-preview`)).json() as { publicContent: string; publicAnswer: string };
    r = await api('officer', 'POST', `/api/v1/feedback/cases/${code}/publication`, { version: r.json().version, ...preview });
    expect(r.json().redactionConfirmed).toBe(true);
    r = await api('leader', 'POST', `/api/v1/feedback/cases/${code}/approve`, { version: r.json().version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('answered');
    expect(turn).toBeGreaterThan(6);
  });

  it('runs each queued job exactly once across both workers', async () => {
    const s = a.platform.services;
    const N = 20;
    const before = received.length;
    const tag = crypto.randomBytes(4).toString('hex');
    for (let i = 0; i < N; i++) {
      await transaction(s.pool, (tx) => queueMail(tx, s.jobs, { to: `nguoinhan${i}@vanhien.test`, subject: `Thu thu ${tag} ${i}`, text: `Nội dung ${i}` }));
    }
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { rows } = await s.pool.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE subject LIKE $1 AND status = 'sent'`, [`Thu thu ${tag} %`]);
      if (rows[0].n >= N) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { rows } = await s.pool.query(`SELECT status, attempts FROM mail_outbox WHERE subject LIKE $1`, [`Thu thu ${tag} %`]);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(N);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    await until(() => received.filter((x) => x.includes(tag)).length >= N, 5_000).catch(() => {});
    expect(received.slice(before).filter((x) => x.includes(tag))).toHaveLength(N);
  }, 60_000);
});
