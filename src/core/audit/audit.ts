import crypto from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { auditHead, auditLog } from './audit.schema.js';
import type { Actor } from '../auth/actor.js';

export interface AuditContext {
  actor: Actor;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  /** before/after summary: never raw personal data such as passwords, ID numbers or tokens. */
  summary?: Record<string, unknown>;
}

const GENESIS = 'GENESIS';
// One chain: writers take this transaction lock so each row links to the true previous one.
const AUDIT_LOCK = 7316002;

/** JSON with sorted keys: jsonb reorders keys, so the hash must not depend on their order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

interface HashInput {
  id: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  requestId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: unknown;
  prevHash: string;
}

export function rowHash(r: HashInput): string {
  const material = canonicalJson([
    r.id,
    r.at.toISOString(),
    r.actorId,
    r.actorLabel,
    r.ip,
    r.requestId,
    r.action,
    r.entity,
    r.entityId,
    r.summary,
    r.prevHash,
  ]);
  return crypto.createHash('sha256').update(material).digest('hex');
}

/** Writes one audit row inside the caller's transaction: if the change rolls back, so does its
 * audit row, and no change commits without one. */
export async function writeAudit(tx: Executor, ctx: AuditContext, entry: AuditEntry): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const head = await tx.select().from(auditHead).where(sql`${auditHead.id} = 1`);
  const prevHash = head[0]?.lastHash ?? GENESIS;
  const idRes = await tx.execute(sql`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::bigint AS id`);
  const id = Number((idRes.rows[0] as { id: number }).id);
  const row = {
    id,
    at: new Date(),
    actorId: ctx.actor.userId,
    actorLabel: ctx.actor.label,
    ip: ctx.ip ?? null,
    requestId: ctx.requestId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    summary: JSON.parse(canonicalJson(entry.summary ?? {})),
    prevHash,
  };
  const hash = rowHash(row);
  await tx.insert(auditLog).values({ ...row, hash });
  await tx
    .insert(auditHead)
    .values({ id: 1, lastId: id, lastHash: hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { lastId: id, lastHash: hash } });
  return id;
}

export interface AuditProblem {
  id: number;
  problem: string;
}

/** Walks the whole chain in id order, in pages, and reports every row that does not fit. */
export async function verifyAudit(db: Executor): Promise<{ rows: number; problems: AuditProblem[] }> {
  const problems: AuditProblem[] = [];
  let prevHash = GENESIS;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.id} > ${lastId}`)
      .orderBy(asc(auditLog.id))
      .limit(5000);
    if (page.length === 0) break;
    for (const r of page) {
      count++;
      if (r.prevHash !== prevHash) {
        problems.push({
          id: r.id,
          problem: `dòng ${r.id}: liên kết với dòng trước bị đứt (một dòng trước nó đã bị xóa hoặc sửa)`,
        });
      }
      const expected = rowHash({ ...r, summary: r.summary });
      if (expected !== r.hash) {
        problems.push({ id: r.id, problem: `dòng ${r.id}: nội dung đã bị sửa (mã băm không khớp)` });
      }
      prevHash = r.hash;
      lastId = r.id;
    }
  }
  const head = await db.select().from(auditHead);
  if (head[0] && (head[0].lastId !== lastId || head[0].lastHash !== prevHash)) {
    problems.push({
      id: head[0].lastId,
      problem: `dòng ${head[0].lastId}: dòng cuối của chuỗi đã bị xóa hoặc sửa`,
    });
  } else if (!head[0] && count > 0) {
    problems.push({ id: lastId, problem: 'thiếu điểm đầu chuỗi (audit_head)' });
  }
  return { rows: count, problems };
}
