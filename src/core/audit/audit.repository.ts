import { and, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { auditLog } from './audit.schema.js';

export interface AuditFilter {
  action?: string;
  entity?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit?: number;
  before?: number;
}

export async function searchAudit(db: Executor, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.action) where.push(ilike(auditLog.action, `${f.action.replace(/[%_]/g, '')}%`));
  if (f.entity) where.push(eq(auditLog.entity, f.entity));
  if (f.actor) where.push(ilike(auditLog.actorLabel, `%${f.actor.replace(/[%_]/g, '')}%`));
  if (f.from) where.push(gte(auditLog.at, new Date(`${f.from}T00:00:00+07:00`)));
  if (f.to) where.push(lte(auditLog.at, new Date(`${f.to}T23:59:59.999+07:00`)));
  if (f.before) where.push(lte(auditLog.id, f.before - 1));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(Math.min(f.limit ?? 50, 500));
}
