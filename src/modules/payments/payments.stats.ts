import type { Executor } from '../../core/db/index.js';
import { dossiersByIds } from '../dossiers/index.js';
import { findVersion } from '../procedures/index.js';
import * as repo from './payments.repository.js';

export interface FeeStatRow {
  procedureName: string;
  /** YYYY-MM */
  month: string;
  dossiers: number;
  collected: number;
  refunded: number;
  net: number;
}

export interface FeeStatistics {
  from: string;
  to: string;
  rows: FeeStatRow[];
  totals: { collected: number; refunded: number; net: number };
  /** dossiers with a payment in the period, and those paid without cash (transfer, gateway) */
  paidDossiers: number;
  paidOnline: number;
  /** percent with one decimal; undefined when no dossier was paid (not 0) */
  onlineShare?: number;
}

/**
 * Fees collected by procedure and month, and the share of dossiers paid online (issue 18 part 5;
 * Decision 766/QĐ-TTg counts online payment among the online-service criteria). A dossier counts
 * as paid online when none of its payments in the period was cash at the desk. Months are those of
 * the payment day (refunds: of the day they were recorded, Vietnamese time).
 */
export async function feeStatistics(db: Executor, range: { from: string; to: string }): Promise<FeeStatistics> {
  const pays = await repo.paymentsByDossierMonth(db, range.from, range.to);
  const refunds = await repo.refundsByDossierMonth(db, range.from, range.to);
  const ids = [...new Set([...pays.map((p) => p.dossierId), ...refunds.map((r) => r.dossierId)])];
  const versionOf = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 5000) for (const d of await dossiersByIds(db, ids.slice(i, i + 5000))) versionOf.set(d.id, d.procedureVersionId);
  const names = new Map<string, string>();
  const nameOf = async (versionId: string | undefined) => {
    if (!versionId) return '—';
    let n = names.get(versionId);
    if (n === undefined) {
      n = (await findVersion(db, versionId))?.name ?? '—';
      names.set(versionId, n);
    }
    return n;
  };
  const byKey = new Map<string, FeeStatRow & { ids: Set<string> }>();
  const row = async (dossierId: string, month: string) => {
    const procedureName = await nameOf(versionOf.get(dossierId));
    const k = `${procedureName}\u0000${month}`;
    let r = byKey.get(k);
    if (!r) {
      r = { procedureName, month, dossiers: 0, collected: 0, refunded: 0, net: 0, ids: new Set() };
      byKey.set(k, r);
    }
    r.ids.add(dossierId);
    return r;
  };
  const cashByDossier = new Map<string, boolean>();
  for (const p of pays) {
    (await row(p.dossierId, p.month)).collected += p.paid;
    cashByDossier.set(p.dossierId, (cashByDossier.get(p.dossierId) ?? false) || p.cash);
  }
  for (const r of refunds) (await row(r.dossierId, r.month)).refunded += r.refunded;
  const rows = [...byKey.values()]
    .map(({ ids: set, ...r }) => ({ ...r, dossiers: set.size, net: r.collected - r.refunded }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.procedureName.localeCompare(b.procedureName, 'vi'));
  const totals = rows.reduce((t, r) => ({ collected: t.collected + r.collected, refunded: t.refunded + r.refunded, net: t.net + r.net }), { collected: 0, refunded: 0, net: 0 });
  const paidDossiers = cashByDossier.size;
  const paidOnline = [...cashByDossier.values()].filter((cash) => !cash).length;
  return { ...range, rows, totals, paidDossiers, paidOnline, onlineShare: paidDossiers ? Math.round((1000 * paidOnline) / paidDossiers) / 10 : undefined };
}
