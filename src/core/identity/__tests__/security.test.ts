import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { Browser, median, totpNow } from './browser.js';
import { purgeStaleIdentityRows } from '../identity.repository.js';

// Issue 9 findings 2, 7 and 9 and the token endpoint with TOTP. One platform with a worker (reset
// and registration mail go through jobs); the per-address rate limit is raised so that all 20
// parallel guesses reach the lock-out logic instead of stopping at the 11th with a 429.
let ipCounter = 1;
const nextIp = () => `10.20.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

// Several tests run 20–40 scrypt hashes (~50 ms each alone, seconds when the 2 cores are busy).
const SLOW = 120_000;

describe('identity hardening: lock-out, enumeration, reset links, TOTP tokens', () => {
  let t: TestPlatform;
  const q = (text: string, values: unknown[] = []) => t.platform.services.pool.query(text, values);
  const token = (email: string, password: string, ip: string, totp?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: ip, payload: { email, password, ...(totp ? { totp } : {}) } });
  async function mailTo(address: string, subject: string, count = 1): Promise<string[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await q(`SELECT text_body FROM mail_outbox WHERE to_address = $1 AND subject = $2 ORDER BY created_at`, [address, subject]);
      if (rows.length >= count || Date.now() > deadline) return rows.map((r) => r.text_body as string);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  beforeAll(async () => {
    t = await startTestPlatform({ worker: true, env: { AUTH_RATE_LIMIT: '1000' } });
  });
  afterAll(async () => t?.close());

  it('20 parallel wrong passwords on /api/v1/auth/token all count; the right one is then refused at that address only', async () => {
    const attacker = nextIp();
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => token('chuyenvien@vanhien.test', `Sai-mat-khau-${i}`, attacker)));
    expect(res.every((r) => r.statusCode === 401 || r.statusCode === 423)).toBe(true);
    expect(res.filter((r) => r.statusCode === 423).length).toBeGreaterThanOrEqual(15);
    const { rows } = await q(`SELECT sum(failures)::int AS n FROM login_throttle`);
    expect(rows[0].n).toBeGreaterThanOrEqual(20);

    const right = await token('chuyenvien@vanhien.test', 'Demo@2026', attacker);
    expect(right.statusCode).toBe(423);
    expect(right.json()).toMatchObject({ code: 'CORE-202' });
    // Each failure past the fifth doubled the lock: 15 min × 2^6 at most.
    expect(right.json().title).toMatch(/thử lại sau (9[0-6]\d) phút/);

    // The owner, elsewhere, is not locked out by the attacker (lock-out is not a weapon).
    const owner = await token('chuyenvien@vanhien.test', 'Demo@2026', nextIp());
    expect(owner.statusCode).toBe(200);
    const audit = await q(
      `SELECT count(*)::int AS n FROM audit_log a JOIN users u ON u.id::text = a.entity_id WHERE u.email = 'chuyenvien@vanhien.test' AND a.action = 'user.locked'`,
    );
    expect(audit.rows[0].n).toBe(1);
  }, SLOW);

  it('20 parallel wrong passwords on the login form lock it; the right password is refused with 423 and the message', async () => {
    const ip = nextIp();
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => new Browser(t.app, ip).login('bientap@vanhien.test', `Sai-mat-khau-${i}`)));
    expect(res.every((r) => r.statusCode === 401 || r.statusCode === 423)).toBe(true);
    const b = new Browser(t.app, ip);
    const right = await b.login('bientap@vanhien.test', 'Demo@2026');
    expect(right.statusCode).toBe(423);
    expect(right.body).toContain('Tài khoản tạm khóa do đăng nhập sai nhiều lần.');
    expect(b.jar.has('vh_sid')).toBe(false);
    const elsewhere = await new Browser(t.app, nextIp()).login('bientap@vanhien.test', 'Demo@2026');
    expect(elsewhere.statusCode).toBe(302);
  }, SLOW);

  it('known and unknown addresses answer alike: same statuses, same 423 after 5 failures, similar time', async () => {
    const seq = async (email: string) => {
      const ip = nextIp();
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await token(email, 'Sai-mat-khau-1', ip);
        out.push(`${r.statusCode} ${r.json().code} ${r.json().title}`);
      }
      return out;
    };
    const known = await seq('tiepnhan@vanhien.test');
    const unknown = await seq('khong-ai-ca@vanhien.test');
    expect(unknown).toEqual(known);
    expect(known.slice(0, 4).every((s) => s.startsWith('401 CORE-201'))).toBe(true);
    expect(known[4]).toMatch(/^423 CORE-202/);

    // Timing: interleaved, fresh addresses, 10 of each; the medians stay within a factor of 2.
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 10; i++) {
      for (const [kind, email] of [
        ['known', 'lanhdao@vanhien.test'],
        ['unknown', `khong-co-${i}@vanhien.test`],
      ] as const) {
        const start = performance.now();
        const r = await token(email, 'Sai-mat-khau-1', nextIp());
        times[kind].push(performance.now() - start);
        expect(r.statusCode).toBe(401);
      }
    }
    const ratio = median(times.known) / median(times.unknown);
    expect(ratio, JSON.stringify(times)).toBeGreaterThan(0.5);
    expect(ratio, JSON.stringify(times)).toBeLessThan(2);
  }, SLOW);

  it('an account with TOTP is not lockable by wrong passwords; its token needs the code', async () => {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await q(`UPDATE users SET totp_secret = $1, totp_enabled = true WHERE email = 'admin@vanhien.test'`, [secret]);
    const ip = nextIp();
    const wrong = await Promise.all(Array.from({ length: 20 }, (_, i) => token('admin@vanhien.test', `Sai-mat-khau-${i}`, ip)));
    // Wrong passwords answer like any other account's (423 once past five) …
    expect(wrong.filter((r) => r.statusCode === 423).length).toBeGreaterThanOrEqual(15);
    // … but the right password still leads to the second factor: the lock keeps nobody out.
    const noCode = await token('admin@vanhien.test', 'Demo@2026', ip);
    expect(noCode.statusCode).toBe(403);
    expect(noCode.headers['content-type']).toContain('application/problem+json');
    expect(noCode.json()).toMatchObject({ code: 'CORE-206' });
    expect(noCode.json().title).toContain('totp');
    const badCode = await token('admin@vanhien.test', 'Demo@2026', ip, totpNow(secret) === '000000' ? '111111' : '000000');
    expect(badCode.statusCode).toBe(401);
    expect(badCode.json()).toMatchObject({ code: 'CORE-204' });
    const ok = await token('admin@vanhien.test', 'Demo@2026', ip, totpNow(secret));
    expect(ok.statusCode).toBe(200);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${ok.json().token}` } });
    expect(me.json().permissions).toContain('admin:system:all');
    const form = await new Browser(t.app, ip).login('admin@vanhien.test', 'Demo@2026');
    expect(form.statusCode).toBe(302);
    expect(form.headers.location).toMatch(/^\/dang-nhap\/xac-thuc/);
    // The OpenAPI document describes the field.
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const body = spec.paths['/api/v1/auth/token'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['email', 'password', 'totp']));
  }, SLOW);

  it('an administrator without TOTP yet is told to enrol on the web first', async () => {
    await q(`UPDATE users SET totp_secret = NULL, totp_enabled = false WHERE email = 'admin@vanhien.test'`);
    const res = await token('admin@vanhien.test', 'Demo@2026', nextIp());
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CORE-207' });
  }, SLOW);

  it('a reset request answers alike for known and unknown addresses, in similar time; the mail goes out from a job', async () => {
    const page = (r: LightMyRequestResponse) => r.body.replace(/name="_csrf" value="[^"]+"/g, '');
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    const bodies = new Set<string>();
    for (let i = 0; i < 10; i++) {
      for (const [kind, email] of [
        ['known', 'congdan@vanhien.test'],
        ['unknown', `chua-dang-ky-${i}@vanhien.test`],
      ] as const) {
        const b = new Browser(t.app, nextIp());
        await b.get('/quen-mat-khau');
        const start = performance.now();
        const r = await b.post('/quen-mat-khau', { email });
        times[kind].push(performance.now() - start);
        expect(r.statusCode).toBe(200);
        bodies.add(page(r));
      }
    }
    expect(bodies.size).toBe(1);
    // A request takes ~5 ms, so a neighbour's load (the other test fork, a mail job running just
    // then) moves single samples by 10×: the medians of two loaded CI runs differed by 2.5× on
    // identical code. The fastest of each kind is the request's own cost and is what a regression
    // (work done only for known addresses) would raise.
    const ratio = Math.min(...times.known) / Math.min(...times.unknown);
    expect(ratio, JSON.stringify(times)).toBeGreaterThan(0.5);
    expect(ratio, JSON.stringify(times)).toBeLessThan(2);
    expect(await mailTo('congdan@vanhien.test', 'Đặt lại mật khẩu Văn Hiến', 10)).toHaveLength(10);
    const none = await q(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address LIKE 'chua-dang-ky-%'`);
    expect(none.rows[0].n).toBe(0);
    // The queue holds only the request's id: no address, no IP in pg-boss's tables (kept for days).
    const jobs = await q(`SELECT data FROM pgboss.job WHERE name = 'identity.reset_mail'`);
    expect(jobs.rows.length).toBeGreaterThanOrEqual(20);
    for (const j of jobs.rows) expect(Object.keys(j.data)).toEqual(['id']);
    // …and each request row (address, IP) is gone once its job ran, for unknown addresses too.
    let left = await q(`SELECT count(*)::int AS n FROM password_reset_requests`);
    for (const deadline = Date.now() + 20_000; left.rows[0].n > 0 && Date.now() < deadline; left = await q(`SELECT count(*)::int AS n FROM password_reset_requests`)) {
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(left.rows[0].n).toBe(0);
  }, SLOW);

  it('a reset link works once under 5 parallel posts, voids older links, and ends every session and API token', async () => {
    const email = 'lanhdao@vanhien.test';
    const signedIn = new Browser(t.app, nextIp());
    expect((await signedIn.login(email)).statusCode).toBe(302);
    const api = (await token(email, 'Demo@2026', nextIp())).json().token as string;

    const b = new Browser(t.app, nextIp());
    await b.post('/quen-mat-khau', { email });
    const [first] = await mailTo(email, 'Đặt lại mật khẩu Văn Hiến', 1);
    await b.post('/quen-mat-khau', { email });
    const mails = await mailTo(email, 'Đặt lại mật khẩu Văn Hiến', 2);
    const link = (text: string) => /\/dat-lai-mat-khau\?token=([A-Za-z0-9_-]+)/.exec(text)![1]!;
    const older = link(first!);
    const newer = link(mails.find((m) => link(m) !== older)!);

    const posts = await Promise.all(
      Array.from({ length: 5 }, (_, i) => new Browser(t.app, nextIp()).post('/dat-lai-mat-khau', { token: newer, password: `MatKhauMoi#202${i}`, confirm: `MatKhauMoi#202${i}` })),
    );
    expect(posts.filter((r) => r.statusCode === 302)).toHaveLength(1);
    expect(posts.filter((r) => r.statusCode === 400)).toHaveLength(4);
    const winner = posts.findIndex((r) => r.statusCode === 302);
    const audit = await q(
      `SELECT count(*)::int AS n FROM audit_log a JOIN users u ON u.id::text = a.entity_id WHERE u.email = $1 AND a.action = 'user.password_reset'`,
      [email],
    );
    expect(audit.rows[0].n).toBe(1);

    const old = await new Browser(t.app, nextIp()).post('/dat-lai-mat-khau', { token: older, password: 'MatKhauCu#2099', confirm: 'MatKhauCu#2099' });
    expect(old.statusCode).toBe(400);
    expect(old.body).toContain('Liên kết đã hết hạn hoặc không hợp lệ.');

    expect((await signedIn.get('/tai-khoan')).statusCode).toBe(302);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${api}` } })).statusCode).toBe(401);
    expect((await new Browser(t.app, nextIp()).login(email, `MatKhauMoi#202${winner}`)).statusCode).toBe(302);
  }, SLOW);

  it('the nightly clean-up drops idle lock-out rows and used or expired registrations', async () => {
    await q(`INSERT INTO login_throttle (key, account_key, failures, last_failure_at) VALUES ('cu', 'cu', 3, now() - interval '3 days'), ('moi', 'moi', 3, now())`);
    await q(
      `INSERT INTO pending_registrations (email, full_name, password_hash, expires_at) VALUES ('het-han@vanhien.test', 'A', 'x', now() - interval '2 days'), ('con-han@vanhien.test', 'B', 'x', now() + interval '1 day')`,
    );
    await purgeStaleIdentityRows(t.platform.services.db);
    expect((await q(`SELECT key FROM login_throttle WHERE key IN ('cu', 'moi')`)).rows.map((r) => r.key)).toEqual(['moi']);
    expect((await q(`SELECT email FROM pending_registrations WHERE email LIKE '%-han@vanhien.test'`)).rows.map((r) => r.email)).toEqual(['con-han@vanhien.test']);
  }, SLOW);

  it('registering a known address shows the same page as a new one and mails the owner instead', async () => {
    const page = (r: LightMyRequestResponse, email: string) => r.body.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(email, 'EMAIL');
    const fields = { fullName: 'Người Thử', password: 'Matkhau#2026', confirm: 'Matkhau#2026' };
    const known = await new Browser(t.app, nextIp()).post('/dang-ky', { ...fields, email: 'congdan@vanhien.test' });
    const fresh = await new Browser(t.app, nextIp()).post('/dang-ky', { ...fields, email: 'moi-dang-ky@vanhien.test' });
    expect(known.statusCode).toBe(200);
    expect(fresh.statusCode).toBe(200);
    expect(page(known, 'congdan@vanhien.test')).toBe(page(fresh, 'moi-dang-ky@vanhien.test'));
    expect(fresh.body).toContain('Hãy kiểm tra hộp thư');
    expect(known.body).not.toContain('đã được đăng ký');

    const [warning] = await mailTo('congdan@vanhien.test', 'Có người đăng ký tài khoản Văn Hiến bằng địa chỉ của bạn');
    expect(warning).toContain('Xin chào Võ Thị Công Dân');
    expect(warning).not.toContain('Người Thử');
    const users = await q(`SELECT count(*)::int AS n FROM users WHERE email = 'congdan@vanhien.test'`);
    expect(users.rows[0].n).toBe(1);
    // A second attempt within the hour sends no second warning (no mail bomb), and keeps nothing.
    await new Browser(t.app, nextIp()).post('/dang-ky', { ...fields, email: 'congdan@vanhien.test' });
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 150))) {
      if ((await q(`SELECT count(*)::int AS n FROM pending_registrations WHERE email = 'congdan@vanhien.test'`)).rows[0].n === 0) break;
    }
    expect((await q(`SELECT count(*)::int AS n FROM pending_registrations WHERE email = 'congdan@vanhien.test'`)).rows[0].n).toBe(0);
    expect(await mailTo('congdan@vanhien.test', 'Có người đăng ký tài khoản Văn Hiến bằng địa chỉ của bạn')).toHaveLength(1);

    const [confirm] = await mailTo('moi-dang-ky@vanhien.test', 'Xác nhận đăng ký tài khoản Văn Hiến');
    const tok = /\/dang-ky\/xac-nhan\?token=([A-Za-z0-9_-]+)/.exec(confirm!)![1]!;
    const b = new Browser(t.app, nextIp());
    const form = await b.get(`/dang-ky/xac-nhan?token=${tok}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('moi-dang-ky@vanhien.test');
    const none = await q(`SELECT count(*)::int AS n FROM users WHERE email = 'moi-dang-ky@vanhien.test'`);
    expect(none.rows[0].n).toBe(0);
    const done = await b.post('/dang-ky/xac-nhan', { token: tok });
    expect(done.statusCode).toBe(302);
    expect((await b.get('/')).body).toContain('Đã tạo tài khoản thành công.');
    expect((await b.get('/tai-khoan')).body).toContain('moi-dang-ky@vanhien.test');
    const again = await new Browser(t.app, nextIp()).post('/dang-ky/xac-nhan', { token: tok });
    expect(again.statusCode).toBe(400);
    expect((await new Browser(t.app, nextIp()).login('moi-dang-ky@vanhien.test', 'Matkhau#2026')).statusCode).toBe(302);
  }, SLOW);
});
