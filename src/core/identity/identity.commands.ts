import { and, eq, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { transaction, type Tx } from '../db/index.js';
import type { CommandContext, Services } from '../context.js';
import { writeAudit } from '../audit/audit.js';
import { type Actor, type Grant, requirePermission, SYSTEM } from '../auth/actor.js';
import { AppError, Errors } from '../errors.js';
import { Check, nfc, vnIsoDate } from '../validation.js';
import { queueMail } from '../mail/mail.js';
import { grantsForUser } from '../org/org.repository.js';
import { dummyPasswordHash, hashPassword, passwordProblem, randomToken, sha256, verifyPassword } from './password.js';
import * as repo from './identity.repository.js';
import { identityCaches } from '../cluster/identity-cache.js';
import { apiTokens, passwordResets, pendingRegistrations, sessions, users } from './identity.schema.js';
import type { JobDefinition } from '../jobs/jobs.js';

// Lock-out after 5 failures from one address for 15 minutes, doubling with each further failure
// (up to 16 hours): a guesser at one address gets a handful of tries a day, while the owner
// signing in from elsewhere is not locked out by them (issue 9 finding 9).
const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;
const REGISTRATION_HOURS = 24;
export const RESET_MAIL_JOB = 'identity.reset_mail';
export const REGISTRATION_MAIL_JOB = 'identity.registration_mail';
export const IDENTITY_CLEANUP_JOB = 'identity.cleanup';
const REGISTRATION_WARNING_SUBJECT = 'Có người đăng ký tài khoản Văn Hiến bằng địa chỉ của bạn';
const SESSION_HOURS = 12;
const TOKEN_HOURS = 24;
const RESET_MINUTES = 60;
export const ADMIN_PERMISSION = 'admin:system:all';

export type MfaState = 'none' | 'verify' | 'enroll';

export function isAdmin(grants: Grant[]): boolean {
  return grants.some((g) => g.permission === ADMIN_PERMISSION || g.permission === '*');
}

function actorFor(user: repo.User, grants: Grant[]): Actor {
  return { userId: user.id, label: user.fullName, kind: user.kind, email: user.email, grants };
}

async function loadGrants(s: Services, user: repo.User): Promise<Grant[]> {
  return user.kind === 'staff' ? grantsForUser(s.db, user.id, vnIsoDate()) : [];
}

/** The lock-out row of an email at an address, and of the email anywhere; hashes only. */
function throttleKeys(email: string, ip: string | null | undefined) {
  return { key: sha256(`login\u0000${email}\u0000${ip ?? ''}`), accountKey: sha256(`login\u0000${email}`) };
}

function minutesUntil(d: Date): number {
  return Math.max(1, Math.ceil((d.getTime() - Date.now()) / 60000));
}

/**
 * Checks email and password, with lock-out. Returns the user and which second factor step,
 * if any, must follow (administrators must have TOTP: they enrol on first login).
 *
 * Known and unknown addresses take the same path (issue 9 finding 9): one password hash each
 * (a dummy one when there is no account), one failure counted per email and address, and the
 * same 401, or the same 423 once that email is locked at that address. Failures are counted by
 * one atomic statement and decided on its result (finding 2). An account with TOTP is never
 * refused for a lock when its password is right: the password alone does not sign it in, so a
 * lock would only let a stranger keep the officer out; its guessers meet the per-address rate
 * limit instead.
 */
export async function authenticate(
  s: Services,
  input: { email: string; password: string; ip?: string | null },
): Promise<{ user: repo.User; mfa: MfaState }> {
  const email = nfc(input.email).toLowerCase();
  const check = new Check().required('email', email, 'thư điện tử', 'your email').required('password', input.password, 'mật khẩu', 'your password');
  check.throwIfAny();
  const user = await repo.findUserByEmail(s.db, email);
  const keys = throttleKeys(email, input.ip);
  const state = await repo.loginThrottleState(s.db, keys.key);
  const ok = (await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()))) && Boolean(user?.passwordHash);
  if (!ok || !user) {
    const after = await transaction(s.pool, async (tx) => {
      const r = await repo.recordLoginFailure(tx, keys.key, keys.accountKey, MAX_FAILURES, LOCK_MINUTES);
      if (user && r.failures === MAX_FAILURES) {
        await writeAudit(tx, { actor: SYSTEM, ip: input.ip }, { action: 'user.locked', entity: 'user', entityId: user.id, summary: { failures: r.failures } });
      }
      return r;
    });
    if (after.lockedUntil && after.lockedUntil > new Date()) throw Errors.locked(minutesUntil(after.lockedUntil));
    throw Errors.badCredentials();
  }
  if (state?.lockedUntil && state.lockedUntil > new Date() && !user.totpEnabled) throw Errors.locked(minutesUntil(state.lockedUntil));
  if (user.status !== 'active') throw Errors.disabled();
  if (state) await repo.clearLoginThrottle(s.db, keys.key);
  const grants = await loadGrants(s, user);
  const mfa: MfaState = user.totpEnabled ? 'verify' : isAdmin(grants) ? 'enroll' : 'none';
  return { user, mfa };
}

export async function startSession(
  s: Services,
  user: repo.User,
  meta: { ip?: string | null; userAgent?: string | null; mfaPending: boolean; via: string },
): Promise<string> {
  const token = randomToken();
  await transaction(s.pool, async (tx) => {
    await tx.insert(sessions).values({
      id: sha256(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
      mfaPending: meta.mfaPending,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await writeAudit(tx, { actor: actorFor(user, []), ip: meta.ip }, { action: 'session.start', entity: 'user', entityId: user.id, summary: { via: meta.via, mfaPending: meta.mfaPending } });
  });
  return token;
}

export interface SessionInfo {
  actor: Actor;
  sessionId: string;
  mfaPending: boolean;
  user: repo.RequestUser;
}

function requestActor(u: repo.RequestUser, grants: Grant[]): Actor {
  return { userId: u.id, label: u.fullName, kind: u.kind, email: u.email, grants };
}

export async function resolveSession(s: Services, token: string): Promise<SessionInfo | null> {
  const idHash = sha256(token);
  const day = vnIsoDate();
  const cache = identityCaches(s).sessions;
  const found = await cache.get(idHash, day, () => repo.sessionIdentity(s.pool, idHash, day));
  if (!found) return null;
  // Writing last_seen on every request would double the cost of a page; once a minute is enough.
  if (Date.now() - found.lastSeenAt.getTime() > 60_000) {
    await repo.touchSession(s.db, idHash);
    cache.patch<typeof found>(idHash, (v) => {
      v.lastSeenAt = new Date();
    });
  }
  const { grants, mfaPending, lastSeenAt: _seen, expiresAt: _ends, ...user } = found;
  return { actor: requestActor(user, mfaPending ? [] : grants), sessionId: idHash, mfaPending, user };
}

export async function resolveApiToken(s: Services, token: string): Promise<Actor | null> {
  const hash = sha256(token);
  const day = vnIsoDate();
  const found = await identityCaches(s).tokens.get(hash, day, () => repo.tokenIdentity(s.pool, hash, day));
  if (!found) return null;
  const { grants, expiresAt: _ends, ...user } = found;
  return requestActor(user, grants);
}

export async function endSession(ctx: CommandContext, sessionId: string): Promise<void> {
  await transaction(ctx.services.pool, async (tx) => {
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
    await writeAudit(tx, ctx, { action: 'session.end', entity: 'user', entityId: ctx.actor.userId });
  });
}

/** "Đăng xuất khỏi mọi thiết bị": every session and API token of the user ends now. */
export async function endAllSessions(ctx: CommandContext): Promise<void> {
  const userId = ctx.actor.userId;
  if (!userId) throw Errors.unauthenticated();
  await transaction(ctx.services.pool, async (tx) => {
    await repo.revokeUserSessions(tx, userId);
    await writeAudit(tx, ctx, { action: 'session.end_all', entity: 'user', entityId: userId });
  });
}

function totpFor(secret: string, email: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: 'Văn Hiến', label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

export function newTotpSecret(email: string): { secret: string; uri: string } {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  return { secret, uri: totpFor(secret, email).toString() };
}

function totpValid(secret: string, email: string, code: string): boolean {
  return totpFor(secret, email).validate({ token: code.replace(/\s/g, ''), window: 1 }) !== null;
}

/** Completes a login that is waiting for its second factor (verify, or enrol on first use). */
export async function completeMfa(
  s: Services,
  info: SessionInfo,
  input: { code: string; enrolSecret?: string; ip?: string | null },
): Promise<void> {
  const user = await repo.findUser(s.db, info.user.id);
  if (!user) throw Errors.unauthenticated();
  const secret = user.totpEnabled ? user.totpSecret : input.enrolSecret;
  if (!secret || !/^\d{6}$/.test(input.code.replace(/\s/g, '')) || !totpValid(secret, user.email, input.code)) {
    throw new AppError('CORE-204', 400, 'Mã xác thực không đúng hoặc đã hết hạn.', 'The code is wrong or expired.', {
      code: { vi: 'Nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.', en: 'Enter the 6-digit code from your app.' },
    });
  }
  await transaction(s.pool, async (tx) => {
    if (!user.totpEnabled) {
      await tx.update(users).set({ totpSecret: secret, totpEnabled: true, updatedAt: new Date(), version: sql`${users.version} + 1` }).where(eq(users.id, user.id));
      await writeAudit(tx, { actor: info.actor, ip: input.ip }, { action: 'user.totp_enrolled', entity: 'user', entityId: user.id });
    }
    await tx.update(sessions).set({ mfaPending: false }).where(eq(sessions.id, info.sessionId));
    await writeAudit(tx, { actor: info.actor, ip: input.ip }, { action: 'session.mfa_passed', entity: 'user', entityId: user.id });
  });
}

/** Turns on the optional second factor for any account (administrators are made to at login). */
export async function enableTotp(ctx: CommandContext, input: { secret: string; code: string }) {
  const userId = ctx.actor.userId;
  if (!userId) throw Errors.unauthenticated();
  const user = await repo.findUser(ctx.services.db, userId);
  if (!user) throw Errors.unauthenticated();
  if (!/^[A-Z2-7]{16,}$/.test(input.secret) || !totpValid(input.secret, user.email, input.code)) {
    throw new AppError('CORE-204', 400, 'Mã xác thực không đúng hoặc đã hết hạn.', 'The code is wrong or expired.', {
      code: { vi: 'Nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.', en: 'Enter the 6-digit code from your app.' },
    });
  }
  await transaction(ctx.services.pool, async (tx) => {
    await tx.update(users).set({ totpSecret: input.secret, totpEnabled: true, updatedAt: new Date(), version: sql`${users.version} + 1` }).where(eq(users.id, userId));
    await writeAudit(tx, ctx, { action: 'user.totp_enrolled', entity: 'user', entityId: userId });
  });
}

/** API tokens for the JSON API (`Authorization: Bearer`). An account with TOTP sends its current
 * code as `totp` with the password; an administrator who has not enrolled yet does so on the
 * web first (the first sign-in there asks for it). */
export async function issueApiToken(s: Services, input: { email: string; password: string; totp?: string; ip?: string | null }) {
  const { user, mfa } = await authenticate(s, input);
  if (mfa === 'enroll') {
    throw new AppError(
      'CORE-207',
      403,
      'Tài khoản quản trị phải bật xác thực hai lớp trước: hãy đăng nhập trên trang web một lần để đăng ký ứng dụng xác thực.',
      'Administrator accounts must enrol two-factor authentication first: sign in on the web once to set up an authenticator app.',
    );
  }
  if (mfa === 'verify') {
    const code = (input.totp ?? '').replace(/\s/g, '');
    if (!code) {
      throw new AppError(
        'CORE-206',
        403,
        'Tài khoản có xác thực hai lớp: gửi kèm mã 6 chữ số trong trường "totp".',
        'This account uses two-factor authentication: send the 6-digit code in the "totp" field.',
        { totp: { vi: 'Nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.', en: 'Enter the 6-digit code from your app.' } },
      );
    }
    if (!/^\d{6}$/.test(code) || !user.totpSecret || !totpValid(user.totpSecret, user.email, code)) throw Errors.badTotp();
  }
  const token = randomToken();
  const expiresAt = new Date(Date.now() + TOKEN_HOURS * 3600_000);
  await transaction(s.pool, async (tx) => {
    await tx.insert(apiTokens).values({ tokenHash: sha256(token), userId: user.id, expiresAt });
    await writeAudit(tx, { actor: actorFor(user, []), ip: input.ip }, { action: 'api_token.issue', entity: 'user', entityId: user.id, summary: { totp: mfa === 'verify' } });
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

export interface NewUserInput {
  email: string;
  fullName: string;
  phone?: string;
  kind: 'staff' | 'citizen';
  password: string;
}

function validateNewUser(input: NewUserInput): { email: string; fullName: string; phone: string } {
  const email = nfc(input.email).toLowerCase();
  const fullName = nfc(input.fullName);
  const phone = nfc(input.phone ?? '');
  const check = new Check()
    .required('fullName', fullName, 'họ và tên', 'full name')
    .maxLength('fullName', fullName, 120, 'Họ và tên')
    .required('email', email, 'thư điện tử', 'email')
    .email('email', email)
    .phone('phone', phone);
  const pw = input.password ? passwordProblem(input.password, email) : { vi: 'Vui lòng nhập mật khẩu.', en: 'Enter a password.' };
  if (pw) check.add('password', pw.vi, pw.en);
  if (!['staff', 'citizen'].includes(input.kind)) check.add('kind', 'Loại tài khoản không hợp lệ.', 'Invalid account kind.');
  check.throwIfAny();
  return { email, fullName, phone };
}

async function insertUser(tx: Tx, input: NewUserInput, clean: { email: string; fullName: string; phone: string }) {
  if (await repo.findUserByEmail(tx, clean.email)) {
    throw new AppError('CORE-410', 409, 'Thư điện tử này đã được đăng ký.', 'This email is already registered.', {
      email: { vi: 'Thư điện tử này đã được đăng ký. Hãy đăng nhập hoặc dùng chức năng quên mật khẩu.', en: 'Already registered.' },
    });
  }
  const [row] = await tx
    .insert(users)
    .values({ email: clean.email, fullName: clean.fullName, phone: clean.phone || null, kind: input.kind, passwordHash: await hashPassword(input.password) })
    .returning();
  return row!;
}

export async function createUser(ctx: CommandContext, input: NewUserInput): Promise<repo.User> {
  requirePermission(ctx.actor, 'manage:user:all');
  const clean = validateNewUser(input);
  return transaction(ctx.services.pool, async (tx) => {
    const user = await insertUser(tx, input, clean);
    await writeAudit(tx, ctx, { action: 'user.create', entity: 'user', entityId: user.id, summary: { after: { email: user.email, kind: user.kind } } });
    return user;
  });
}

/**
 * Self-registration of a citizen account (the local alternative to VNeID login). The page answers
 * "check your mail" whether or not the address already has an account, and takes the same time
 * (the password is hashed either way): the mail job decides, sending the confirmation link, or
 * telling the existing owner that someone tried (issue 9 finding 9). The account exists once the
 * link is opened (`confirmRegistration`).
 */
export async function registerCitizen(ctx: CommandContext, input: Omit<NewUserInput, 'kind'> & { confirm: string }): Promise<{ email: string }> {
  const full = { ...input, kind: 'citizen' as const };
  const check = new Check();
  try {
    validateNewUser(full);
  } catch (err) {
    if (err instanceof AppError && err.fields) Object.assign(check.errors, err.fields);
  }
  if (input.password && input.confirm !== input.password) check.add('confirm', 'Mật khẩu nhập lại không khớp.', 'Passwords do not match.');
  check.throwIfAny();
  const clean = validateNewUser(full);
  const passwordHash = await hashPassword(input.password);
  await transaction(ctx.services.pool, async (tx) => {
    const [row] = await tx
      .insert(pendingRegistrations)
      .values({ email: clean.email, fullName: clean.fullName, phone: clean.phone || null, passwordHash, expiresAt: new Date(Date.now() + REGISTRATION_HOURS * 3600_000) })
      .returning({ id: pendingRegistrations.id });
    await ctx.services.jobs.sendInTx(tx, REGISTRATION_MAIL_JOB, { id: row!.id });
  });
  return { email: clean.email };
}

/** The address a registration link was sent to, while the link is still usable. */
export async function pendingRegistrationEmail(s: Services, token: string): Promise<string | undefined> {
  return token ? (await repo.findPendingRegistration(s.db, sha256(token)))?.email : undefined;
}

/** Opens a registration link: the account is created once, from the data given at registration. */
export async function confirmRegistration(ctx: CommandContext, token: string): Promise<repo.User> {
  if (!token) throw Errors.badToken();
  return transaction(ctx.services.pool, async (tx) => {
    const p = await repo.consumePendingRegistration(tx, sha256(token));
    if (!p) throw Errors.badToken();
    if (await repo.findUserByEmail(tx, p.email)) {
      throw new AppError('CORE-410', 409, 'Thư điện tử này đã có tài khoản. Hãy đăng nhập hoặc dùng chức năng quên mật khẩu.', 'This email already has an account.');
    }
    const [user] = await tx.insert(users).values({ email: p.email, fullName: p.fullName, phone: p.phone, kind: 'citizen', passwordHash: p.passwordHash }).returning();
    await writeAudit(tx, { ...ctx, actor: actorFor(user!, []) }, { action: 'user.register', entity: 'user', entityId: user!.id, summary: { kind: 'citizen' } });
    return user!;
  });
}

/** The lock-out an administrator sees on the account's page (issue 9: users.locked_until is no
 * longer written since lock-outs moved to login_throttle). */
export async function accountLockOf(s: Services, email: string): Promise<{ until: Date; addresses: number } | null> {
  return repo.accountLockState(s.db, throttleKeys(email, null).accountKey);
}

/**
 * An administrator lifts a lock-out (the officer called from a known number, say) before it ends:
 * every address's failures and locks for this account go, audited. Outcomes: the number of
 * addresses cleared; CORE-300; CORE-404.
 */
export async function unlockUser(ctx: CommandContext, userId: string): Promise<number> {
  requirePermission(ctx.actor, 'manage:user:all');
  return transaction(ctx.services.pool, async (tx) => {
    const user = await repo.findUser(tx, userId);
    if (!user) throw Errors.notFound('Tài khoản');
    const accountKey = throttleKeys(user.email, null).accountKey;
    const lock = await repo.accountLockState(tx, accountKey);
    const cleared = await repo.deleteAccountThrottle(tx, accountKey);
    await writeAudit(tx, ctx, { action: 'user.unlock', entity: 'user', entityId: user.id, summary: { addresses: cleared, lockedUntil: lock?.until.toISOString() ?? null } });
    return cleared;
  });
}

/** Deactivation ends every session and token in the same transaction: it takes effect at once. */
export async function setUserStatus(ctx: CommandContext, userId: string, status: 'active' | 'disabled', version: number) {
  requirePermission(ctx.actor, 'manage:user:all');
  if (userId === ctx.actor.userId && status === 'disabled') {
    throw Errors.badRequest('Bạn không thể tự vô hiệu hóa tài khoản của mình.', 'You cannot disable your own account.');
  }
  await transaction(ctx.services.pool, async (tx) => {
    const res = await tx
      .update(users)
      .set({ status, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(and(eq(users.id, userId), eq(users.version, version)))
      .returning({ id: users.id });
    if (res.length === 0) {
      if (!(await repo.findUser(tx, userId))) throw Errors.notFound('Tài khoản');
      throw Errors.conflict();
    }
    if (status === 'disabled') await repo.revokeUserSessions(tx, userId);
    await writeAudit(tx, ctx, { action: status === 'disabled' ? 'user.disable' : 'user.enable', entity: 'user', entityId: userId, summary: { after: { status } } });
  });
}

/**
 * Always answers the same way and in the same time, whether or not the address has an account
 * (issue 9 finding 9): the request only queues a job; the job looks the address up and mails.
 */
export async function requestPasswordReset(ctx: CommandContext, emailInput: string): Promise<void> {
  const email = nfc(emailInput).toLowerCase();
  new Check().required('email', email, 'thư điện tử', 'email').email('email', email).throwIfAny();
  await transaction(ctx.services.pool, async (tx) => {
    const [row] = await tx
      .insert(repo.passwordResetRequests)
      .values({ email, ip: ctx.ip ?? null, requestId: ctx.requestId ?? null })
      .returning({ id: repo.passwordResetRequests.id });
    // Only the id goes into the queue: pg-boss keeps finished jobs' data in its archive.
    await ctx.services.jobs.sendInTx(tx, RESET_MAIL_JOB, { id: row!.id });
  });
}

/** The job behind `requestPasswordReset`: the link's token is made here, only its hash is kept. */
async function sendResetMail(s: Services, data: Record<string, unknown>): Promise<void> {
  const id = String(data.id ?? '');
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  await transaction(s.pool, async (tx) => {
    // Deleted with the mail queued (or with nothing to send): the address and IP are not kept.
    const request = await repo.takeResetRequest(tx, id);
    if (!request) return;
    const user = await repo.findUserByEmail(tx, request.email);
    if (!user?.passwordHash || user.status !== 'active') return;
    const token = randomToken();
    await tx.insert(passwordResets).values({ tokenHash: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_MINUTES * 60000) });
    const link = `${s.config.publicUrl}/dat-lai-mat-khau?token=${token}`;
    await queueMail(tx, s.jobs, {
      to: user.email,
      subject: 'Đặt lại mật khẩu Văn Hiến',
      text: `Xin chào ${user.fullName},\n\nĐể đặt lại mật khẩu, hãy mở liên kết sau trong vòng ${RESET_MINUTES} phút:\n${link}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này.\n`,
    });
    await writeAudit(tx, { actor: actorFor(user, []), ip: request.ip, requestId: request.requestId ?? undefined }, { action: 'user.password_reset_requested', entity: 'user', entityId: user.id });
  });
}

/** The job behind `registerCitizen`: a confirmation link for a new address, a warning to the
 * owner of an address that already has an account. */
async function sendRegistrationMail(s: Services, data: Record<string, unknown>): Promise<void> {
  const id = String(data.id ?? '');
  const [p] = await s.db.select().from(pendingRegistrations).where(and(eq(pendingRegistrations.id, id), sql`${pendingRegistrations.usedAt} IS NULL`));
  if (!p || p.tokenHash) return;
  const existing = await repo.findUserByEmail(s.db, p.email);
  await transaction(s.pool, async (tx) => {
    if (existing) {
      // Nothing of the attempt is kept: the stranger's name and password hash go.
      await tx.delete(pendingRegistrations).where(eq(pendingRegistrations.id, p.id));
      // One warning an hour is enough: repeated attempts must not turn it into a mail bomb.
      if (await repo.recentMailTo(tx, existing.email, REGISTRATION_WARNING_SUBJECT, 60)) return;
      await queueMail(tx, s.jobs, {
        to: existing.email,
        subject: REGISTRATION_WARNING_SUBJECT,
        text: `Xin chào ${existing.fullName},\n\nVừa có người dùng địa chỉ thư này để đăng ký tài khoản Văn Hiến. Địa chỉ này đã có tài khoản, nên không có tài khoản mới nào được tạo.\n\nNếu đó là bạn: hãy đăng nhập tại ${s.config.publicUrl}/dang-nhap, hoặc đặt lại mật khẩu tại ${s.config.publicUrl}/quen-mat-khau.\nNếu không phải bạn, bạn không cần làm gì.\n`,
      });
      return;
    }
    const token = randomToken();
    await tx.update(pendingRegistrations).set({ tokenHash: sha256(token) }).where(eq(pendingRegistrations.id, p.id));
    await queueMail(tx, s.jobs, {
      to: p.email,
      subject: 'Xác nhận đăng ký tài khoản Văn Hiến',
      text: `Xin chào ${p.fullName},\n\nĐể hoàn tất đăng ký tài khoản công dân, hãy mở liên kết sau trong vòng ${REGISTRATION_HOURS} giờ:\n${s.config.publicUrl}/dang-ky/xac-nhan?token=${token}\n\nNếu bạn không đăng ký, hãy bỏ qua thư này: tài khoản sẽ không được tạo.\n`,
    });
  });
}

/** Background jobs of the identity core (registered by the platform with the mail job). */
export function identityJobs(s: Services): JobDefinition[] {
  return [
    { name: RESET_MAIL_JOB, handler: (data) => sendResetMail(s, data), retryLimit: 5 },
    { name: REGISTRATION_MAIL_JOB, handler: (data) => sendRegistrationMail(s, data), retryLimit: 5 },
    // Lock-out rows and unconfirmed registrations (a stranger's name and password hash) are
    // not kept past their use.
    { name: IDENTITY_CLEANUP_JOB, handler: () => repo.purgeStaleIdentityRows(s.db), schedule: '20 3 * * *' },
  ];
}

/**
 * Sets a new password from a mailed link. The link is consumed by one conditional UPDATE, so of
 * several simultaneous posts exactly one succeeds (issue 9 finding 7); the reset then voids the
 * user's other outstanding links and ends every session and API token.
 */
export async function resetPassword(ctx: CommandContext, token: string, password: string, confirm: string): Promise<void> {
  const reset = await repo.findReset(ctx.services.db, sha256(token));
  if (!reset) throw Errors.badToken();
  const user = await repo.findUser(ctx.services.db, reset.userId);
  if (!user) throw Errors.badToken();
  const check = new Check();
  const pw = passwordProblem(password, user.email);
  if (pw) check.add('password', pw.vi, pw.en);
  if (confirm !== password) check.add('confirm', 'Mật khẩu nhập lại không khớp.', 'Passwords do not match.');
  check.throwIfAny();
  const passwordHash = await hashPassword(password);
  await transaction(ctx.services.pool, async (tx) => {
    const used = await repo.consumeReset(tx, reset.tokenHash);
    if (!used) throw Errors.badToken();
    await repo.voidUserResets(tx, user.id);
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id));
    await repo.clearAccountThrottle(tx, throttleKeys(user.email, null).accountKey);
    await repo.revokeUserSessions(tx, user.id);
    await writeAudit(tx, { ...ctx, actor: actorFor(user, []) }, { action: 'user.password_reset', entity: 'user', entityId: user.id });
  });
}

/** Citizen login through OpenID Connect (VNeID-shaped): the subject identifies the person;
 * the account is created on first login. */
export async function loginWithOidc(
  s: Services,
  claims: { issuer: string; subject: string; email?: string; name?: string; phone?: string },
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<string> {
  let user = await repo.findUserByOidc(s.db, claims.subject);
  if (!user) {
    user = await transaction(s.pool, async (tx) => {
      const email = (claims.email ?? `${sha256(claims.subject).slice(0, 16)}@oidc.invalid`).toLowerCase();
      const existing = await repo.findUserByEmail(tx, email);
      let row: repo.User;
      if (existing) {
        if (existing.kind !== 'citizen') throw Errors.forbidden('oidc:citizen');
        [row] = (await tx.update(users).set({ oidcIssuer: claims.issuer, oidcSubject: claims.subject }).where(eq(users.id, existing.id)).returning()) as [repo.User];
      } else {
        [row] = (await tx
          .insert(users)
          .values({ email, fullName: nfc(claims.name ?? 'Công dân'), phone: claims.phone ?? null, kind: 'citizen', oidcIssuer: claims.issuer, oidcSubject: claims.subject })
          .returning()) as [repo.User];
      }
      await writeAudit(tx, { actor: actorFor(row, []), ip: meta.ip }, { action: 'user.oidc_link', entity: 'user', entityId: row.id, summary: { issuer: claims.issuer } });
      return row;
    });
  }
  if (user.status !== 'active') throw Errors.disabled();
  return startSession(s, user, { ...meta, mfaPending: false, via: 'oidc' });
}

/**
 * The applicant of a dossier received at the desk (issue 3 part 8): the citizen's account when the
 * email is known, otherwise a new citizen account without a password (the citizen may claim it by
 * "forgot password"). A walk-in without email gets an account on a reserved `.invalid` address
 * derived from `placeholderKey`, so a retried intake finds the same account. Runs inside the
 * caller's transaction; the caller has checked its own permission (receive:dossier).
 */
/** The email of the account `provisionCitizen` uses for this input (a placeholder without one). */
export function provisionedEmail(input: { email?: string; placeholderKey: string }): string {
  return nfc(input.email ?? '').toLowerCase() || `tai-quay-${sha256(input.placeholderKey).slice(0, 20)}@khong-co-thu.invalid`;
}

export async function provisionCitizen(
  tx: Tx,
  ctx: CommandContext,
  input: { fullName: string; email?: string; phone?: string; placeholderKey: string },
): Promise<repo.User> {
  const given = nfc(input.email ?? '').toLowerCase();
  const email = provisionedEmail(input);
  const existing = await repo.findUserByEmail(tx, email);
  if (existing) {
    if (existing.kind !== 'citizen') {
      throw new AppError('CORE-411', 409, 'Thư điện tử này thuộc tài khoản cán bộ, không dùng làm tài khoản người nộp.', 'A staff email cannot be an applicant.', {
        email: { vi: 'Thư điện tử này thuộc tài khoản cán bộ, không dùng làm tài khoản người nộp.', en: 'A staff email cannot be an applicant.' },
      });
    }
    return existing;
  }
  const [row] = await tx
    .insert(users)
    .values({ email, fullName: nfc(input.fullName), phone: nfc(input.phone ?? '') || null, kind: 'citizen', passwordHash: null })
    .returning();
  await writeAudit(tx, ctx, { action: 'user.provision', entity: 'user', entityId: row!.id, summary: { kind: 'citizen', placeholder: !given } });
  return row!;
}
