import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { dossiers } from './dossiers.schema.js';
import * as repo from './dossiers.repository.js';

/**
 * What the payments module may use of dossiers (issue 18, ADR 008): the dossiers named by codes
 * (one indexed query per statement, not one per line) and the timeline entry of a payment, written
 * inside the caller's transaction so the fee, the timeline and the audit row commit together.
 */
export async function dossiersByCodes(db: Executor, codes: string[]) {
  if (!codes.length) return [];
  // One array parameter rather than one per code (a statement names up to tens of thousands).
  return db
    .select({ id: dossiers.id, code: dossiers.code, procedureVersionId: dossiers.procedureVersionId, status: dossiers.status, applicantId: dossiers.applicantId, answers: dossiers.answers })
    .from(dossiers)
    .where(sql`${dossiers.code} = ANY(${sql.param(codes)}::text[])`);
}

/** The procedure version and channel of dossiers named by id (the fee statistics, issue 18). */
export async function dossiersByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.select({ id: dossiers.id, procedureVersionId: dossiers.procedureVersionId, channel: dossiers.channel }).from(dossiers).where(inArray(dossiers.id, ids));
}

export async function dossierForFees(db: Executor, id: string) {
  const d = await repo.findDossier(db, id);
  return d ? { id: d.id, code: d.code, procedureVersionId: d.procedureVersionId, status: d.status, applicantId: d.applicantId, answers: d.answers } : undefined;
}

export type FeeEventKind = 'fee_paid' | 'fee_part_paid' | 'fee_refunded';

export interface FeeEvent {
  dossierId: string;
  kind: FeeEventKind;
  note: string;
  actorId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordFeeEvent(tx: Executor, e: FeeEvent) {
  await repo.insertEvent(tx, { dossierId: e.dossierId, kind: e.kind, note: e.note, actorId: e.actorId ?? null, details: e.details ?? null });
}

/** The timeline entries of a statement's payments in one statement, each column one array
 * parameter (a statement of 10,000 lines wrote one row per round trip and spent most of its time
 * there, bench/payments.ts). */
export async function recordFeeEvents(tx: Executor, events: FeeEvent[]) {
  if (!events.length) return;
  const col = <T>(f: (e: FeeEvent) => T) => sql.param(events.map(f));
  await tx.execute(sql`
    INSERT INTO dossier_events (dossier_id, kind, note, actor_id, details)
    SELECT d, k, n, a, j::jsonb FROM unnest(${col((e) => e.dossierId)}::uuid[], ${col((e) => e.kind)}::text[], ${col((e) => e.note)}::text[],
                                            ${col((e) => e.actorId ?? null)}::uuid[], ${col((e) => (e.details ? JSON.stringify(e.details) : null))}::text[]) AS u(d, k, n, a, j)`);
}
