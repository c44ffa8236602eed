import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { DEMO_DATA_DIR } from '../../../core/demo-data.js';
import { dimsKey, parseDimsKey } from '../indicators.dims.js';
import { demoValuesFor, loadCatalogue } from '../indicators.demo.js';
import * as repo from '../indicators.repository.js';

const FIXED = ['DVC.01', 'DVC.02', 'DVC.03', 'DVC.04', 'PAKN.01', 'PAKN.02', 'PAKN.03', 'BT.01', 'BT.02', 'DS.01', 'DS.02', 'DS.03'];

describe('indicator catalogue as data', () => {
  it('loads demo/indicators.json with the fixed codes of the contract', () => {
    const cat = loadCatalogue();
    expect(cat.indicators.length).toBeGreaterThanOrEqual(40);
    const codes = new Set(cat.indicators.map((i) => i.code));
    for (const c of FIXED) expect(codes.has(c), c).toBe(true);
    const ds01 = cat.indicators.find((i) => i.code === 'DS.01')!;
    expect(ds01.dimensions).toEqual(['level']);
    expect(cat.dimensionValues.filter((v) => v.dimension === 'level').map((v) => v.code)).toEqual(['cap_tinh', 'quoc_gia', 'quoc_gia_dac_biet']);
    expect(cat.dimensionValues.some((v) => v.dimension === 'facility' && v.code === 'bao-tang-tinh')).toBe(true);
    for (const i of cat.indicators) {
      expect(i.name.normalize('NFC')).toBe(i.name);
      expect(i.iocCode).toMatch(/^DEMO-IOC\./);
    }
  });

  it('names the file and JSON pointer of a bad entry', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-ind-'));
    const data = JSON.parse(fs.readFileSync(path.join(DEMO_DATA_DIR, 'indicators.json'), 'utf8'));
    data.indicators[3].dimensions = ['khong_co'];
    fs.writeFileSync(path.join(dir, 'indicators.json'), JSON.stringify(data));
    expect(() => loadCatalogue(dir)).toThrow(/indicators\.json tại \/indicators\/3\/dimensions\/0: không có chiều phân tổ "khong_co"/);
    data.indicators[3].dimensions = [];
    data.indicators[5].valueType = 'text';
    fs.writeFileSync(path.join(dir, 'indicators.json'), JSON.stringify(data));
    expect(() => loadCatalogue(`${dir}/`)).toThrow(/\/indicators\/5\/valueType/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('dimsKey is canonical', () => {
    expect(dimsKey({})).toBe('');
    expect(dimsKey({ sex: 'nu', area: '99001' })).toBe('area=99001;sex=nu');
    expect(dimsKey({ area: '99001', sex: 'nu' })).toBe('area=99001;sex=nu');
    expect(parseDimsKey('area=99001;sex=nu')).toEqual({ area: '99001', sex: 'nu' });
  });

  it('periods from codes and dates', () => {
    expect(repo.periodFromCode('2026-Q3')).toEqual({ code: '2026-Q3', periodicity: 'quarter', start: '2026-07-01', end: '2026-09-30' });
    expect(repo.periodFromCode('2024-02')?.end).toBe('2024-02-29');
    expect(repo.periodFromCode('2026')?.end).toBe('2026-12-31');
    expect(repo.periodFromCode('2026-Q5')).toBeNull();
    expect(repo.periodFromCode('2026-13')).toBeNull();
    expect(repo.periodFor('2026-11-15', 'quarter').code).toBe('2026-Q4');
    expect(repo.periodFor('2026-11-15', 'month').code).toBe('2026-11');
    expect(repo.periodsOfYears([2025])).toHaveLength(17);
  });

  it('demo values are deterministic and the parts add up to the total', () => {
    const cat = loadCatalogue();
    const ind = cat.indicators.find((i) => i.code === 'TV.01')!;
    const p = repo.periodFromCode('2025-Q2')!;
    const a = demoValuesFor(ind, p, []);
    expect(demoValuesFor(ind, p, [])).toEqual(a);
    const total = a.find((r) => r.k === '')!.v;
    for (const dim of ['facility', 'sex', 'age_group']) {
      const parts = a.filter((r) => r.k.startsWith(`${dim}=`));
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.reduce((s, r) => s + r.v, 0)).toBe(total);
    }
    const pct = cat.indicators.find((i) => i.code === 'DVC.03')!;
    for (const q of ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']) {
      const v = demoValuesFor(pct, repo.periodFromCode(q)!, [])[0]!.v;
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(100);
    }
  });
});

describe('seeded catalogue, periods and demo values', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('seeds the catalogue, periods and two years of published demo values', async () => {
    const db = t.platform.services.db;
    const defs = await repo.listDefinitions(db);
    expect(defs.length).toBeGreaterThanOrEqual(40);
    expect((await repo.listDefinitions(db, { theme: 'dvc' })).map((d) => d.code)).toEqual(['DVC.01', 'DVC.02', 'DVC.03', 'DVC.04']);
    expect((await repo.listDefinitions(db, { unitCode: 'BT' })).every((d) => d.unitCode === 'BT')).toBe(true);
    // VH.09 (communes' culture houses) starts with the two-level local government.
    expect((await repo.listDefinitions(db, { at: '2025-03-01' })).some((d) => d.code === 'VH.09')).toBe(false);
    expect((await repo.getDefinition(db, 'BT.01'))?.dimensions).toEqual(['facility']);
    const q1 = await repo.getPeriod(db, '2025-Q1');
    expect(q1).toMatchObject({ periodicity: 'quarter', startsOn: '2025-01-01', endsOn: '2025-03-31', status: 'published' });
    const series = await repo.publishedSeries(db, { indicator: 'DL.01', dims: {} });
    expect(series.length).toBeGreaterThanOrEqual(6);
    expect(series.every((v) => v.isDemo && v.dimsKey === '')).toBe(true);
    // Area breakdowns follow the units in force: pre-merger communes in 2025 H1, post-merger after.
    const h1 = (await repo.publishedSeries(db, { indicator: 'DL.01', from: '2025-Q1', to: '2025-Q1' })).filter((v) => v.areaCode);
    const h2 = (await repo.publishedSeries(db, { indicator: 'DL.01', from: '2025-Q3', to: '2025-Q3' })).filter((v) => v.areaCode);
    expect(h1.length).toBeGreaterThan(0);
    expect(h2.length).toBeGreaterThan(0);
    expect(new Set(h1.map((v) => v.areaCode))).not.toEqual(new Set(h2.map((v) => v.areaCode)));
    const total = series.find((v) => v.periodCode === '2025-Q1')!.value;
    expect(h1.reduce((s, v) => s + v.value, 0)).toBe(total);
    const one = await repo.publishedSeries(db, { indicator: 'DL.01', area: h2[0]!.areaCode! });
    expect(one.every((v) => v.areaCode === h2[0]!.areaCode)).toBe(true);
    const latest = await repo.latestPublished(db, 'BT.02');
    expect(latest?.period.periodicity).toBe('month');
    expect(latest?.total?.value).toBeGreaterThan(0);
    expect(latest?.values.some((v) => v.dims.facility === 'bao-tang-tinh')).toBe(true);
    const all = await repo.publishedForPeriod(db, '2025-Q4');
    expect(new Set(all.map((v) => v.indicatorCode)).has('DVC.01')).toBe(true);
  });
});
