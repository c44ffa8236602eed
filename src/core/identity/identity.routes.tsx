import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../context.js';
import { Errors } from '../errors.js';
import { commandContext, formBody, formErrors, safeNext } from '../web/forms.js';
import { SESSION_COOKIE } from '../web/server.js';
import * as cmd from './identity.commands.js';
import { AccountPage, ForgotPage, LoginPage, MfaPage, RegisterConfirmPage, RegisterPage, RegisterSentPage, ResetPage } from './pages/auth-pages.js';
import { OidcClient } from './oidc.js';
import { ProblemSchema } from '../web/schemas.js';

export async function identityRoutes(app: FastifyInstance, s: Services) {
  // Login and reset endpoints: AUTH_RATE_LIMIT (10) attempts a minute per address, on top of the
  // lock-out per account and address; the only brake on guessing a TOTP account's password.
  const AUTH_LIMIT = { rateLimit: { max: s.config.authRateLimit, timeWindow: '1 minute' } };
  const oidc = new OidcClient(s.config);
  const secure = s.config.publicUrl.startsWith('https');

  function setSession(reply: FastifyReply, token: string) {
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: 12 * 3600 });
  }

  app.get('/dang-nhap', async (req, reply) => {
    const next = safeNext((req.query as Record<string, string>).next, '/');
    return reply.html(<LoginPage ctx={reply.page(req)} next={next} oidcLabel={oidc.enabled ? s.config.oidc.label : undefined} />);
  });

  app.post('/dang-nhap', { config: AUTH_LIMIT }, async (req, reply) => {
    const body = formBody(req);
    const next = safeNext((req.query as Record<string, string>).next, '/');
    try {
      const { user, mfa } = await cmd.authenticate(s, { email: body.email ?? '', password: body.password ?? '', ip: req.ip });
      const token = await cmd.startSession(s, user, { ip: req.ip, userAgent: req.headers['user-agent'], mfaPending: mfa !== 'none', via: 'password' });
      setSession(reply, token);
      if (mfa !== 'none') return reply.redirect(`/dang-nhap/xac-thuc?next=${encodeURIComponent(next)}`);
      return reply.redirect(next === '/' && user.kind === 'staff' ? '/quan-tri' : next);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(
        <LoginPage ctx={reply.page(req)} next={next} values={{ email: body.email ?? '' }} errors={f.errors} message={f.message} oidcLabel={oidc.enabled ? s.config.oidc.label : undefined} />,
        f.status,
      );
    }
  });

  app.get('/dang-nhap/xac-thuc', async (req, reply) => {
    const info = req.sessionInfo;
    if (!info?.mfaPending) return reply.redirect('/dang-nhap');
    const enrol = info.user.totpEnabled ? undefined : cmd.newTotpSecret(info.user.email);
    return reply.html(<MfaPage ctx={reply.page(req)} enrol={enrol} />);
  });

  app.post('/dang-nhap/xac-thuc', { config: AUTH_LIMIT }, async (req, reply) => {
    const info = req.sessionInfo;
    if (!info?.mfaPending) return reply.redirect('/dang-nhap');
    const body = formBody(req);
    try {
      await cmd.completeMfa(s, info, { code: body.code ?? '', enrolSecret: body.secret, ip: req.ip });
      return reply.redirect(info.user.kind === 'staff' ? '/quan-tri' : '/');
    } catch (err) {
      const f = formErrors(err);
      const enrol = info.user.totpEnabled ? undefined : body.secret ? { secret: body.secret, uri: '' } : cmd.newTotpSecret(info.user.email);
      return reply.html(<MfaPage ctx={reply.page(req)} enrol={enrol} errors={f.errors} message={f.message} />, f.status);
    }
  });

  app.post('/dang-xuat', async (req, reply) => {
    if (req.sessionInfo) await cmd.endSession({ ...commandContext(req, s), actor: req.sessionInfo.actor }, req.sessionInfo.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flash(req.lang === 'en' ? 'You have signed out.' : 'Bạn đã đăng xuất.').redirect('/');
  });

  app.post('/dang-xuat-moi-noi', async (req, reply) => {
    if (!req.actor.userId) throw Errors.unauthenticated();
    await cmd.endAllSessions(commandContext(req, s));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flash(req.lang === 'en' ? 'Signed out on every device.' : 'Đã đăng xuất khỏi mọi thiết bị.').redirect('/');
  });

  app.get('/tai-khoan', async (req, reply) => {
    if (!req.sessionInfo || req.sessionInfo.mfaPending) throw Errors.unauthenticated();
    const u = req.sessionInfo.user;
    return reply.html(<AccountPage ctx={reply.page(req)} email={u.email} kind={u.kind} totp={u.totpEnabled} />);
  });

  app.get('/tai-khoan/xac-thuc-hai-lop', async (req, reply) => {
    if (!req.sessionInfo || req.sessionInfo.mfaPending) throw Errors.unauthenticated();
    if (req.sessionInfo.user.totpEnabled) return reply.redirect('/tai-khoan');
    return reply.html(<MfaPage ctx={reply.page(req)} enrol={cmd.newTotpSecret(req.sessionInfo.user.email)} action="/tai-khoan/xac-thuc-hai-lop" />);
  });
  app.post('/tai-khoan/xac-thuc-hai-lop', { config: AUTH_LIMIT }, async (req, reply) => {
    if (!req.sessionInfo || req.sessionInfo.mfaPending) throw Errors.unauthenticated();
    const body = formBody(req);
    try {
      await cmd.enableTotp(commandContext(req, s), { secret: body.secret ?? '', code: body.code ?? '' });
      return reply.flash(req.lang === 'en' ? 'Two-factor authentication is on.' : 'Đã bật xác thực hai lớp.').redirect('/tai-khoan');
    } catch (err) {
      const f = formErrors(err);
      const enrol = { secret: body.secret ?? '', uri: '' };
      return reply.html(<MfaPage ctx={reply.page(req)} enrol={enrol} errors={f.errors} message={f.message} action="/tai-khoan/xac-thuc-hai-lop" />, f.status);
    }
  });

  app.get('/dang-ky', async (req, reply) => reply.html(<RegisterPage ctx={reply.page(req)} />));
  app.post('/dang-ky', { config: AUTH_LIMIT }, async (req, reply) => {
    const body = formBody(req);
    try {
      const sent = await cmd.registerCitizen(commandContext(req, s), {
        email: body.email ?? '',
        fullName: body.fullName ?? '',
        phone: body.phone,
        password: body.password ?? '',
        confirm: body.confirm ?? '',
      });
      return reply.html(<RegisterSentPage ctx={reply.page(req)} email={sent.email} />);
    } catch (err) {
      const f = formErrors(err);
      const { password: _p, confirm: _c, ...keep } = body;
      return reply.html(<RegisterPage ctx={reply.page(req)} values={keep} errors={f.errors} message={f.message} />, f.status);
    }
  });

  app.get('/dang-ky/xac-nhan', async (req, reply) => {
    const token = String((req.query as Record<string, unknown>).token ?? '');
    const email = await cmd.pendingRegistrationEmail(s, token);
    return reply.html(<RegisterConfirmPage ctx={reply.page(req)} token={token} email={email} />, email ? 200 : 400);
  });
  app.post('/dang-ky/xac-nhan', { config: AUTH_LIMIT }, async (req, reply) => {
    const body = formBody(req);
    try {
      const user = await cmd.confirmRegistration(commandContext(req, s), body.token ?? '');
      const token = await cmd.startSession(s, user, { ip: req.ip, userAgent: req.headers['user-agent'], mfaPending: false, via: 'register' });
      setSession(reply, token);
      return reply.flash(req.lang === 'en' ? 'Your account has been created.' : 'Đã tạo tài khoản thành công.').redirect('/');
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<RegisterConfirmPage ctx={reply.page(req)} token="" errors={f.errors} message={f.message} />, f.status);
    }
  });

  app.get('/quen-mat-khau', async (req, reply) => reply.html(<ForgotPage ctx={reply.page(req)} />));
  app.post('/quen-mat-khau', { config: AUTH_LIMIT }, async (req, reply) => {
    const body = formBody(req);
    try {
      await cmd.requestPasswordReset(commandContext(req, s), body.email ?? '');
      return reply.html(<ForgotPage ctx={reply.page(req)} sent />);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<ForgotPage ctx={reply.page(req)} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });

  app.get('/dat-lai-mat-khau', async (req, reply) => {
    const token = String((req.query as Record<string, string>).token ?? '');
    return reply.html(<ResetPage ctx={reply.page(req)} token={token} />);
  });
  app.post('/dat-lai-mat-khau', { config: AUTH_LIMIT }, async (req, reply) => {
    const body = formBody(req);
    try {
      await cmd.resetPassword(commandContext(req, s), body.token ?? '', body.password ?? '', body.confirm ?? '');
      return reply.flash(req.lang === 'en' ? 'Password changed. Please sign in.' : 'Đã đổi mật khẩu. Vui lòng đăng nhập lại.').redirect('/dang-nhap');
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<ResetPage ctx={reply.page(req)} token={body.token ?? ''} errors={f.errors} message={f.message} />, f.status);
    }
  });

  // OpenID Connect: PKCE verifier, state and nonce travel in a short-lived signed cookie.
  app.get('/dang-nhap/oidc', { config: AUTH_LIMIT }, async (req, reply) => {
    if (!oidc.enabled) throw Errors.notFound('Đăng nhập định danh');
    const start = await oidc.start();
    const next = safeNext((req.query as Record<string, string>).next, '/');
    reply.setCookie('vh_oidc', JSON.stringify({ v: start.verifier, s: start.state, n: start.nonce, next }), {
      path: '/dang-nhap/oidc',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
      maxAge: 600,
    });
    return reply.redirect(start.url);
  });

  app.get('/dang-nhap/oidc/callback', { config: AUTH_LIMIT }, async (req: FastifyRequest, reply) => {
    if (!oidc.enabled) throw Errors.notFound('Đăng nhập định danh');
    const raw = req.cookies.vh_oidc ? req.unsignCookie(req.cookies.vh_oidc) : undefined;
    if (!raw?.valid || !raw.value) throw Errors.badToken();
    const saved = JSON.parse(raw.value) as { v: string; s: string; n: string; next: string };
    const current = new URL(req.url, s.config.publicUrl);
    let claims: Awaited<ReturnType<OidcClient["finish"]>>;
    try {
      claims = await oidc.finish(current, { verifier: saved.v, state: saved.s, nonce: saved.n });
    } catch (err) {
      req.log.warn({ err: String(err) }, 'oidc callback rejected');
      throw Errors.badToken();
    }
    const token = await cmd.loginWithOidc(s, claims, { ip: req.ip, userAgent: req.headers['user-agent'] });
    reply.clearCookie('vh_oidc', { path: '/dang-nhap/oidc' });
    setSession(reply, token);
    return reply.redirect(safeNext(saved.next, '/'));
  });

  app.post(
    '/api/v1/auth/token',
    {
      config: AUTH_LIMIT,
      schema: {
        tags: ['auth'],
        summary: 'Cấp mã truy cập API (Bearer) bằng thư điện tử, mật khẩu và mã xác thực hai lớp nếu có',
        description:
          'Tài khoản có xác thực hai lớp (bắt buộc với quản trị viên) gửi kèm mã 6 chữ số hiện tại trong `totp`; thiếu mã: 403 CORE-206, ' +
          'mã sai: 401 CORE-204; quản trị viên chưa đăng ký ứng dụng xác thực: 403 CORE-207 (đăng nhập trên web một lần để đăng ký). ' +
          'Sai mật khẩu nhiều lần từ một địa chỉ: 423 CORE-202, như nhau với mọi địa chỉ thư.',
        body: Type.Object(
          {
            email: Type.String({ maxLength: 320 }),
            password: Type.String({ maxLength: 200 }),
            totp: Type.Optional(Type.String({ maxLength: 12, description: 'Mã 6 chữ số từ ứng dụng xác thực (tài khoản có xác thực hai lớp)' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ token: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          423: ProblemSchema,
        },
      },
    },
    async (req) => {
      const body = req.body as { email: string; password: string; totp?: string };
      return cmd.issueApiToken(s, { ...body, ip: req.ip });
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Người dùng hiện tại và quyền',
        security: [{ bearer: [] }],
        response: {
          200: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), permissions: Type.Array(Type.String()) }),
          401: ProblemSchema,
        },
      },
    },
    async (req) => {
      if (!req.actor.userId) throw Errors.unauthenticated();
      return { id: req.actor.userId, name: req.actor.label, kind: req.actor.kind, permissions: [...new Set(req.actor.grants.map((g) => g.permission))].sort() };
    },
  );
}
