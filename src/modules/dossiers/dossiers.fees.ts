import { inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { dossierEvents, dossiers } from './dossiers.schema.js';
import * as repo from './dossiers.repository.js';

/**
 * What the payments module may use of dossiers (issue 18, ADR 008): the dossiers named by codes
 * (one indexed query per statement, not one per line) and the timeline entry of a payment, written
 * inside the caller's transaction so the fee, the timeline and the audit row commit together.
 */
export async function dossiersByCodes(db: Executor, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({ id: dossiers.id, code: dossiers.code, procedureVersionId: dossiers.procedureVersionId, status: dossiers.status, applicantId: dossiers.applicantId, answers: dossiers.answers })
    .from(dossiers)
    .where(inArray(dossiers.code, codes));
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

/** The timeline entries of a statement's payments: multi-row inserts (a statement of 10,000 lines
 * wrote one row per round trip and spent most of its time there, bench/payments.ts). */
export async function recordFeeEvents(tx: Executor, events: FeeEvent[]) {
  for (let i = 0; i < events.length; i += 1000) {
    const rows = events.slice(i, i + 1000).map((e) => ({ dossierId: e.dossierId, kind: e.kind, note: e.note, actorId: e.actorId ?? null, details: e.details ?? null }));
    await tx.insert(dossierEvents).values(rows);
  }
}
