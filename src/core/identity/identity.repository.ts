import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Executor } from '../db/index.js';
import type { Grant } from '../auth/actor.js';
import { apiTokens, loginThrottle, passwordResetRequests, passwordResets, pendingRegistrations, sessions, users } from './identity.schema.js';

export type User = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return (await db.select().from(users).where(eq(users.email, email.toLowerCase())))[0];
}
export async function findUser(db: Executor, id: string): Promise<User | undefined> {
  return (await db.select().from(users).where(eq(users.id, id)))[0];
}
export async function findUserByOidc(db: Executor, subject: string): Promise<User | undefined> {
  return (await db.select().from(users).where(eq(users.oidcSubject, subject)))[0];
}
export const listUsers = (db: Executor) => db.select().from(users).orderBy(asc(users.kind), asc(users.email));

export async function touchSession(db: Executor, idHash: string) {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, idHash));
}

export async function revokeUserSessions(db: Executor, userId: string) {
  const now = new Date();
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  await db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

export async function findReset(db: Executor, tokenHash: string) {
  return (
    await db
      .select()
      .from(passwordResets)
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
  )[0];
}

/**
 * Consumes a reset link: one statement marks it used only if it still is unused and unexpired,
 * so of five simultaneous posts of the same link exactly one gets the row back (issue 9 finding 7).
 */
export async function consumeReset(db: Executor, tokenHash: string): Promise<{ userId: string } | undefined> {
  return (
    await db
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .returning({ userId: passwordResets.userId })
  )[0];
}

/** Every other outstanding reset link of the user stops working (a newer reset supersedes them). */
export async function voidUserResets(db: Executor, userId: string) {
  await db.update(passwordResets).set({ usedAt: sql`now()` }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

export async function loginThrottleState(db: Executor, key: string) {
  return (await db.select({ failures: loginThrottle.failures, lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(eq(loginThrottle.key, key)))[0];
}

/**
 * Counts one failed sign-in and decides the lock in the same statement: concurrent guesses queue
 * on the row and each sees its own count (nine parallel guesses used to leave the count at 1).
 * Failures older than a day start over. From `max` failures on, each further one doubles the
 * lock, from `baseMinutes` up to 2^6 times it.
 */
export async function recordLoginFailure(db: Executor, key: string, accountKey: string, max: number, baseMinutes: number) {
  const res = await db.execute<{ failures: number; locked_until: Date | string | null }>(sql`
    INSERT INTO login_throttle AS t (key, account_key, failures, locked_until, last_failure_at)
    VALUES (${key}, ${accountKey}, 1,
      CASE WHEN 1 >= ${max}::int THEN now() + make_interval(mins => ${baseMinutes}::int) END, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.last_failure_at < now() - interval '1 day' THEN 1 ELSE t.failures + 1 END,
      locked_until = CASE
        WHEN (CASE WHEN t.last_failure_at < now() - interval '1 day' THEN 1 ELSE t.failures + 1 END) >= ${max}::int
        THEN GREATEST(COALESCE(t.locked_until, now()), now() + make_interval(mins => ${baseMinutes}::int
          * power(2, LEAST((CASE WHEN t.last_failure_at < now() - interval '1 day' THEN 1 ELSE t.failures + 1 END) - ${max}::int, 6))::int))
        ELSE t.locked_until END,
      last_failure_at = now()
    RETURNING failures, locked_until`);
  const row = res.rows[0]!;
  return { failures: Number(row.failures), lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
}

export async function clearLoginThrottle(db: Executor, key: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** The account's lock-out now, over every address it was guessed from (login_throttle is keyed
 * by account and address): the latest end of a lock in force and how many addresses are locked. */
export async function accountLockState(db: Executor, accountKey: string): Promise<{ until: Date; addresses: number } | null> {
  const { rows } = await db.execute<{ until: Date | string | null; addresses: number }>(sql`
    SELECT max(locked_until) AS until, count(*)::int AS addresses FROM login_throttle
    WHERE account_key = ${accountKey} AND locked_until > now()`);
  const r = rows[0];
  return r?.until ? { until: new Date(r.until), addresses: Number(r.addresses) } : null;
}

/** Ends the account's lock-out and failure counts at every address; returns the rows removed. */
export async function deleteAccountThrottle(db: Executor, accountKey: string): Promise<number> {
  return (await db.delete(loginThrottle).where(eq(loginThrottle.accountKey, accountKey)).returning({ key: loginThrottle.key })).length;
}

/** After a password reset the owner starts clean at every address. */
export async function clearAccountThrottle(db: Executor, accountKey: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.accountKey, accountKey));
}

/** Takes a pending registration whose link was opened: once only, and only before it expires. */
export async function consumePendingRegistration(db: Executor, tokenHash: string) {
  return (
    await db
      .update(pendingRegistrations)
      .set({ usedAt: sql`now()` })
      .where(and(eq(pendingRegistrations.tokenHash, tokenHash), isNull(pendingRegistrations.usedAt), gt(pendingRegistrations.expiresAt, sql`now()`)))
      .returning()
  )[0];
}

export async function findPendingRegistration(db: Executor, tokenHash: string) {
  return (
    await db
      .select({ email: pendingRegistrations.email })
      .from(pendingRegistrations)
      .where(and(eq(pendingRegistrations.tokenHash, tokenHash), isNull(pendingRegistrations.usedAt), gt(pendingRegistrations.expiresAt, sql`now()`)))
  )[0];
}

/** Whether a mail with this subject went to the address in the last minutes. */
export async function recentMailTo(db: Executor, address: string, subject: string, minutes: number): Promise<boolean> {
  const res = await db.execute(
    sql`SELECT 1 FROM mail_outbox WHERE to_address = ${address} AND subject = ${subject} AND created_at > now() - make_interval(mins => ${minutes}::int) LIMIT 1`,
  );
  return res.rows.length > 0;
}

/** Lock-out rows idle for two days and registrations expired or used a day ago. */
export async function purgeStaleIdentityRows(db: Executor): Promise<void> {
  await db.delete(loginThrottle).where(sql`${loginThrottle.lastFailureAt} < now() - interval '2 days' AND (${loginThrottle.lockedUntil} IS NULL OR ${loginThrottle.lockedUntil} < now())`);
  await db.delete(pendingRegistrations).where(sql`${pendingRegistrations.expiresAt} < now() - interval '1 day' OR ${pendingRegistrations.usedAt} < now() - interval '1 day'`);
  // A request whose job never ran (failed for good) still holds an address and an IP.
  await db.delete(passwordResetRequests).where(sql`${passwordResetRequests.createdAt} < now() - interval '1 day'`);
}

/** Takes a reset request for its mail job: read and deleted in one statement, so it is used once. */
export async function takeResetRequest(db: Executor, id: string) {
  return (await db.delete(passwordResetRequests).where(eq(passwordResetRequests.id, id)).returning())[0];
}

export { users, sessions, apiTokens, passwordResets, passwordResetRequests, loginThrottle, pendingRegistrations };

/** Who a request is: the fields every request needs, nothing secret. */
export interface RequestUser {
  id: string;
  email: string;
  fullName: string;
  kind: 'staff' | 'citizen';
  totpEnabled: boolean;
}

// Grants of a user on a Vietnamese calendar day, as JSON, inside the identity query.
const GRANTS_SQL = `COALESCE((
  SELECT json_agg(json_build_object('permission', rp.permission_code, 'unitId', ra.unit_id))
  FROM role_assignments ra JOIN role_permissions rp ON rp.role_id = ra.role_id
  WHERE ra.user_id = u.id AND u.kind = 'staff' AND ra.valid_from <= $2::date AND (ra.valid_to IS NULL OR ra.valid_to >= $2::date)
), '[]'::json)`;

const USER_SQL = `u.id, u.email, u.full_name AS "fullName", u.kind, u.totp_enabled AS "totpEnabled"`;

/**
 * Every authenticated request runs one of these two statements, so each is a single named
 * prepared statement (session or token, its user, and the user's grants): measured about 3×
 * cheaper than the same work as three ORM queries (docs/benchmarks.md). A revoked session, an
 * expired token or a deactivated account stops matching on the very next request.
 */
export async function sessionIdentity(pool: pg.Pool, idHash: string, today: string) {
  const res = await pool.query<RequestUser & { grants: Grant[]; mfaPending: boolean; lastSeenAt: Date; expiresAt: Date }>({
    name: 'vh_session_identity',
    text: `SELECT ${USER_SQL}, s.mfa_pending AS "mfaPending", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", ${GRANTS_SQL} AS grants
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'`,
    values: [idHash, today],
  });
  return res.rows[0];
}

export async function tokenIdentity(pool: pg.Pool, tokenHash: string, today: string) {
  const res = await pool.query<RequestUser & { grants: Grant[]; expiresAt: Date }>({
    name: 'vh_token_identity',
    text: `SELECT ${USER_SQL}, t.expires_at AS "expiresAt", ${GRANTS_SQL} AS grants
      FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND u.status = 'active'`,
    values: [tokenHash, today],
  });
  return res.rows[0];
}

/** Names to show next to actions in timelines (staff and applicants), by user id. */
export async function displayNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  return new Map((await db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, unique))).map((u) => [u.id, u.name]));
}
