import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { apiTokens, passwordResets, sessions, users } from './identity.schema.js';

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

/** One query per request: the session, its user, and whether both are still valid — so a
 * revoked session or a deactivated account stops working on the very next request. */
export async function findLiveSession(db: Executor, idHash: string) {
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, idHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`), eq(users.status, 'active')));
  return rows[0];
}

export async function findLiveToken(db: Executor, tokenHash: string) {
  const rows = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, sql`now()`), eq(users.status, 'active')));
  return rows[0];
}

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

export { users, sessions, apiTokens, passwordResets };
