import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import type { Actor } from '../../../core/auth/actor.js';
import type { IndicatorValue, ModuleManifest } from '../../../core/module.js';
import { vnIsoDate } from '../../../core/validation.js';
import { computePeriod, reopenPeriod, requestRecompute } from '../indicators.compute.js';
import * as repo from '../indicators.repository.js';

describe('computed indicators through the manifest hook', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());
  const s = () => t.platform.services;

  it('dossiers and feedback report DVC and PAKN values for the current quarter', async () => {
    const q = repo.periodFor(vnIsoDate(), 'quarter');
    const expected = await s().db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM dossiers WHERE status <> 'draft'
         AND coalesce(received_at, submitted_at) >= ${`${q.start}T00:00:00+07:00`}::timestamptz
         AND coalesce(received_at, submitted_at) < (${q.end}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
    const cases = await s().db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM feedback_cases WHERE received_at >= ${`${q.start}T00:00:00+07:00`}::timestamptz
         AND received_at < (${q.end}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
    const r = await computePeriod(s(), q.code);
    expect(r.failed).toEqual([]);
    expect(r.refused).toEqual([]);
    const rows = await s().db.execute<{ indicator_code: string; value: string; status: string; source: string; is_demo: boolean }>(sql`
      SELECT indicator_code, value::text, status, source, is_demo FROM indicator_observations WHERE period_code = ${q.code} AND dims_key = '' ORDER BY indicator_code`);
    const by = new Map(rows.rows.map((x) => [x.indicator_code, x]));
    expect(Number(by.get('DVC.01')!.value)).toBe(expected.rows[0]!.n);
    expect(Number(by.get('PAKN.01')!.value)).toBe(cases.rows[0]!.n);
    expect(by.get('DVC.01')).toMatchObject({ status: 'approved', source: 'computed', is_demo: false });
    if (expected.rows[0]!.n > 0) {
      const share = Number(by.get('DVC.02')!.value);
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(100);
    }
    // Recomputing with nothing changed writes nothing (ETags stay).
    const again = await computePeriod(s(), q.code);
    expect(again.written).toBe(0);
    expect((await repo.getPeriod(s().db, q.code))?.computedAt).toBeTruthy();
  });

  it('refuses unknown codes, foreign indicators, bad dimensions and out-of-range values; a failing hook keeps the rest', async () => {
    const fake: ModuleManifest = {
      name: 'heritage',
      title: { vi: 'x', en: 'x' },
      permissions: [],
      indicators: async (): Promise<IndicatorValue[]> => [
        { indicator: 'DS.01', value: 12, dims: { level: 'quoc_gia' } },
        { indicator: 'DS.01', value: 3, dims: { level: 'khong_co' } },
        { indicator: 'DS.01', value: 3, dims: { sex: 'nam' } },
        { indicator: 'DS.02', value: -5 },
        { indicator: 'XX.99', value: 1 },
        { indicator: 'DVC.01', value: 1 },
      ],
    };
    const broken: ModuleManifest = { name: 'devices', title: { vi: 'x', en: 'x' }, permissions: [], indicators: async () => Promise.reject(new Error('boom')) };
    const r = await computePeriod(s(), '2026', { modules: [fake, broken] });
    expect(r.failed).toEqual([{ module: 'devices', error: 'boom' }]);
    expect(r.refused.map((x) => x.indicator).sort()).toEqual(['DS.01', 'DS.01', 'DS.02', 'DVC.01', 'XX.99']);
    const kept = await s().db.execute<{ value: string }>(sql`SELECT value::text FROM indicator_observations WHERE indicator_code = 'DS.01' AND period_code = '2026' AND dims_key = 'level=quoc_gia'`);
    expect(Number(kept.rows[0]!.value)).toBe(12);
    await expect(computePeriod(s(), '2026-Q9')).rejects.toMatchObject({ code: 'indicators.bad_period' });
  });

  it('computed values of a published period are published; "Tính lại" needs the permission', async () => {
    const fake: ModuleManifest = { name: 'heritage', title: { vi: 'x', en: 'x' }, permissions: [], indicators: async () => [{ indicator: 'DS.03', value: 140 }] };
    const r = await computePeriod(s(), '2025', { modules: [fake] });
    expect(r.written).toBe(1);
    const v = await repo.publishedSeries(s().db, { indicator: 'DS.03', from: '2025', to: '2025', dims: {} });
    expect(v[0]).toMatchObject({ value: 140, isDemo: false, revision: 2 });
    const officer: Actor = { userId: null, label: 'CV', kind: 'staff', grants: [{ permission: 'view:indicator:all', unitId: null }] };
    await expect(requestRecompute({ services: s(), actor: officer }, '2025')).rejects.toMatchObject({ code: 'CORE-300' });
    const admin: Actor = { userId: null, label: 'QT', kind: 'staff', grants: [{ permission: 'manage:indicator:all', unitId: null }] };
    await expect(requestRecompute({ services: s(), actor: admin }, '1999')).rejects.toMatchObject({ code: 'indicators.unknown_period' });
    // Reopening: reason required; published values stay public; a recomputed value is a revision.
    await expect(reopenPeriod({ services: s(), actor: admin }, '2025', ' ')).rejects.toMatchObject({ code: 'CORE-100' });
    await expect(reopenPeriod({ services: s(), actor: officer }, '2025', 'Sửa số liệu')).rejects.toMatchObject({ code: 'CORE-300' });
    await reopenPeriod({ services: s(), actor: admin }, '2025', 'Bổ sung hồ sơ di tích số hóa muộn');
    expect((await repo.getPeriod(s().db, '2025'))?.status).toBe('reopened');
    await expect(reopenPeriod({ services: s(), actor: admin }, '2025', 'Lần nữa')).rejects.toMatchObject({ code: 'indicators.not_published' });
    const later: ModuleManifest = { ...fake, indicators: async () => [{ indicator: 'DS.03', value: 151 }] };
    await computePeriod(s(), '2025', { modules: [later] });
    const v2 = await repo.publishedSeries(s().db, { indicator: 'DS.03', from: '2025', to: '2025', dims: {} });
    expect(v2[0]).toMatchObject({ value: 151, revision: 3 });
  });
});
