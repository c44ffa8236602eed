import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import type { CommandContext, Services } from '../../core/context.js';
import { transaction, type Tx } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import type { JobDefinition } from '../../core/jobs/jobs.js';
import { discoverModules, type IndicatorPeriod, type IndicatorValue, type ModuleManifest } from '../../core/module.js';
import { adminUnitsValidAt } from '../../core/places/index.js';
import { nfc, vnIsoDate } from '../../core/validation.js';
import { dimsKey } from './indicators.dims.js';
import { indicatorPolicy } from './indicators.policy.js';
import * as repo from './indicators.repository.js';
import { PERIODICITIES } from './indicators.schema.js';

export const COMPUTE_JOB = 'indicators.compute';

export interface ComputeResult {
  period: string;
  written: number;
  unchanged: number;
  removed: number;
  /** values a module returned that the catalogue refused, with the reason (logged, never stored) */
  refused: { module: string; indicator: string; dims: string; reason: string }[];
  /** modules whose hook failed; their previous values are kept */
  failed: { module: string; error: string }[];
}

let manifests: Promise<ModuleManifest[]> | null = null;
/** The manifests, discovered once per process (the same import the core made at start). */
function modulesWithHooks(): Promise<ModuleManifest[]> {
  manifests ??= discoverModules().then((ms) => ms.filter((m) => typeof m.indicators === 'function'));
  return manifests;
}

/**
 * Materialises a period's computed and device values (issue 11 part 2): asks every module's
 * `indicators(services, period)` hook, checks each value against the catalogue (known code,
 * valid for the period, same periodicity, computed/device source from that module, allowed
 * dimensions with known values, inside min/max) and upserts the accepted ones in one
 * transaction with an audit row. Status follows the period: published when the period is
 * published (H4's publish command also flips them with `publishComputedOfPeriod`), approved
 * otherwise, since no officer's approval is involved in a figure the system counted.
 */
export async function computePeriod(s: Services, periodCode: string, opts: { actor?: CommandContext['actor']; modules?: ModuleManifest[] } = {}): Promise<ComputeResult> {
  const p = repo.periodFromCode(periodCode);
  if (!p) throw badPeriod(periodCode);
  const period = await repo.ensurePeriod(s.db, p);
  const defs = new Map((await repo.listDefinitions(s.db)).map((d) => [d.code, d]));
  const dimValues = new Map<string, Set<string>>();
  for (const v of await repo.listDimensionValues(s.db)) {
    if (v.validFrom <= p.end && (!v.validTo || v.validTo >= p.start)) {
      const set = dimValues.get(v.dimension) ?? new Set<string>();
      set.add(v.code);
      dimValues.set(v.dimension, set);
    }
  }
  let areas: Set<string> | null = null;
  const result: ComputeResult = { period: p.code, written: 0, unchanged: 0, removed: 0, refused: [], failed: [] };
  const accepted: repo.ObservationInput[] = [];
  const answered: string[] = [];
  // A reopened period was published: its counted figures stay public while it is corrected,
  // and a changed value is a correction (revision + 1), not a withdrawal.
  const status = period.status === 'open' ? 'approved' : 'published';
  for (const m of opts.modules ?? (await modulesWithHooks())) {
    let values: IndicatorValue[];
    try {
      values = await m.indicators!(s, p);
    } catch (err) {
      result.failed.push({ module: m.name, error: (err as Error).message });
      (s.log as Pick<Console, 'error'>).error(`indicators: the ${m.name} hook failed for ${p.code}: ${(err as Error).message}`);
      continue;
    }
    const seen = new Set<string>();
    for (const v of values) {
      const dims = v.dims ?? {};
      const key = dimsKey(dims);
      const refuse = (reason: string) => result.refused.push({ module: m.name, indicator: v.indicator, dims: key, reason });
      const def = defs.get(v.indicator);
      if (!def) {
        refuse('mã chỉ tiêu không có trong danh mục');
        continue;
      }
      if (def.source === 'entered' || def.sourceModule !== m.name) {
        refuse(`chỉ tiêu do ${def.sourceModule ?? 'đơn vị nhập'} cung cấp, không phải ${m.name}`);
        continue;
      }
      // A module reports every periodicity it can; only the indicator's own one is kept.
      if (def.periodicity !== p.periodicity) continue;
      if (!repo.definitionValidFor(def, p)) continue;
      if (!Number.isFinite(v.value)) {
        refuse('giá trị không phải là số');
        continue;
      }
      if ((def.minValue !== null && v.value < Number(def.minValue)) || (def.maxValue !== null && v.value > Number(def.maxValue))) {
        refuse(`giá trị ${v.value} ngoài khoảng cho phép`);
        continue;
      }
      let bad = '';
      for (const [dim, code] of Object.entries(dims)) {
        if (!def.dimensions.includes(dim)) bad = `chỉ tiêu không phân tổ theo "${dim}"`;
        else if (dim === 'area') {
          areas ??= new Set((await adminUnitsValidAt(s.db, p.end)).map((u) => u.code));
          if (!areas.has(code)) bad = `địa bàn "${code}" không còn hiệu lực vào ${p.end}`;
        } else if (!dimValues.get(dim)?.has(code)) bad = `không có giá trị "${code}" của chiều "${dim}"`;
        if (bad) break;
      }
      if (bad) {
        refuse(bad);
        continue;
      }
      if (seen.has(`${v.indicator}|${key}`)) {
        refuse('giá trị trùng trong cùng một lần tính');
        continue;
      }
      seen.add(`${v.indicator}|${key}`);
      accepted.push({ indicatorCode: v.indicator, periodCode: p.code, dims, value: v.value, status, source: def.source, isDemo: false });
    }
    answered.push(...[...defs.values()].filter((d) => d.sourceModule === m.name && d.periodicity === p.periodicity).map((d) => d.code));
  }
  if (result.refused.length) (s.log as Pick<Console, 'warn'>).warn(`indicators: ${result.refused.length} values refused for ${p.code}: ${JSON.stringify(result.refused.slice(0, 5))}`);
  const actor = opts.actor ?? SYSTEM;
  await transaction(s.pool, async (tx) => {
    result.written = await repo.upsertObservations(tx, accepted, actor.userId);
    result.unchanged = accepted.length - result.written;
    result.removed = await repo.deleteStaleComputed(
      tx,
      p.code,
      [...new Set(answered)],
      accepted.map((a) => ({ indicatorCode: a.indicatorCode, dimsKey: dimsKey(a.dims) })),
    );
    await repo.markComputed(tx, p.code);
    await writeAudit(tx, { actor }, {
      action: 'indicators.compute',
      entity: 'indicator_period',
      entityId: p.code,
      summary: { written: result.written, unchanged: result.unchanged, removed: result.removed, refused: result.refused.length, failed: result.failed.map((f) => f.module) },
    });
  });
  return result;
}

function badPeriod(code: string): AppError {
  return new AppError('indicators.bad_period', 400, `Kỳ báo cáo "${code}" không hợp lệ (ví dụ: 2026-Q3, 2026-09, 2026).`, `"${code}" is not a period code (e.g. 2026-Q3, 2026-09, 2026).`);
}

/** Enqueues a recomputation inside the caller's transaction (reopening or publishing a period). */
export async function enqueueCompute(s: Services, tx: Tx, periodCode: string): Promise<void> {
  await s.jobs.sendInTx(tx, COMPUTE_JOB, { period: periodCode });
}

/** "Tính lại" on the staff period page: permission first, then the job and its audit row together. */
export async function requestRecompute(ctx: CommandContext, periodCode: string): Promise<void> {
  indicatorPolicy.requireManage(ctx.actor);
  const period = await repo.getPeriod(ctx.services.db, periodCode);
  if (!period) throw new AppError('indicators.unknown_period', 404, `Không có kỳ báo cáo "${periodCode}".`, `No period "${periodCode}".`);
  await transaction(ctx.services.pool, async (tx) => {
    await enqueueCompute(ctx.services, tx, period.code);
    await writeAudit(tx, ctx, { action: 'indicators.recompute_requested', entity: 'indicator_period', entityId: period.code, summary: { status: period.status } });
  });
}

/**
 * "Mở lại": a published period goes back to work (a unit's correction, a late dossier). Its
 * published values stay visible; the computed ones are recomputed at once, in the same
 * transaction as the status change and its audit row. H4's publication ends the reopening.
 */
export async function reopenPeriod(ctx: CommandContext, periodCode: string, reason: string): Promise<void> {
  indicatorPolicy.requireManage(ctx.actor);
  const why = nfc(reason).trim();
  if (why.length < 5) throw Errors.validation({ reason: { vi: 'Nêu lý do mở lại kỳ báo cáo (ít nhất 5 ký tự).', en: 'Give the reason (at least 5 characters).' } });
  await transaction(ctx.services.pool, async (tx) => {
    const period = await repo.getPeriod(tx, periodCode);
    if (!period) throw new AppError('indicators.unknown_period', 404, `Không có kỳ báo cáo "${periodCode}".`, `No period "${periodCode}".`);
    if (period.status !== 'published')
      throw new AppError('indicators.not_published', 409, `Kỳ ${period.code} chưa công bố nên không cần mở lại.`, `Period ${period.code} is not published.`);
    await repo.markReopened(tx, period.code);
    await enqueueCompute(ctx.services, tx, period.code);
    await writeAudit(tx, ctx, { action: 'indicators.period_reopened', entity: 'indicator_period', entityId: period.code, summary: { reason: why } });
  });
}

/** The periods the nightly run refreshes: for each periodicity the current one and the one
 * before (its late dossiers and answers still move), plus every reopened period. */
export async function livePeriods(s: Services, today = vnIsoDate()): Promise<string[]> {
  const codes = new Set<string>();
  for (const pc of PERIODICITIES) {
    const cur = repo.periodFor(today, pc);
    codes.add(cur.code);
    const dayBefore = new Date(Date.parse(`${cur.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const prev = await repo.getPeriod(s.db, repo.periodFor(dayBefore, pc).code);
    if (prev?.status !== 'published') codes.add(repo.periodFor(dayBefore, pc).code);
  }
  for (const p of await repo.listPeriods(s.db, { status: 'reopened' })) codes.add(p.code);
  return [...codes];
}

export function computeJobs(s: Services): JobDefinition[] {
  return [
    {
      name: COMPUTE_JOB,
      // Nightly at 01:30 Vietnam time, and on demand with { period } (reopen, publish, "Tính lại").
      schedule: '30 1 * * *',
      retryLimit: 3,
      handler: async (data) => {
        const codes = typeof data.period === 'string' ? [data.period] : await livePeriods(s);
        for (const code of codes) await computePeriod(s, code);
      },
    },
  ];
}

export type { IndicatorPeriod };
