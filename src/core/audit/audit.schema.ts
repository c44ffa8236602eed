import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Append-only and hash-chained: a trigger refuses UPDATE and DELETE, and each row's hash
 * covers the previous row's hash, so `vanhien audit verify` finds any row edited or removed
 * behind the application's back (see docs/decisions/004-audit-trail.md). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    summary: jsonb('summary').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_at_idx').on(t.at)],
);

/** The chain's head, updated in the same transaction: removing the newest rows is detected too. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  lastId: integer('last_id').notNull(),
  lastHash: text('last_hash').notNull(),
});
