import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { transaction } from '../../core/db/index.js';
import { DemoDataError, demoDataFile, loadDemoData } from '../../core/demo-data.js';
import type { Services } from '../../core/context.js';
import type { IndicatorPeriod } from '../../core/module.js';
import { type AdminUnit, isInForce, listAdminUnits, tierOf } from '../../core/places/index.js';
import { vnIsoDate } from '../../core/validation.js';
import { dimsKey } from './indicators.dims.js';
import { definitionValidFor, periodsOfYears } from './indicators.repository.js';
import { INDICATOR_SOURCES, PERIODICITIES, VALUE_TYPES } from './indicators.schema.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Shares = Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 }));

/** How the demo values of an indicator are made up (deterministic, from the code and period). */
const DemoSpec = Type.Object(
  {
    /** a typical value for one period of the indicator's periodicity (level for stocks, flow otherwise) */
    base: Type.Number(),
    /** % per year */
    growth: Type.Number(),
    season: Type.Union(['flat', 'museum', 'school', 'tourism', 'sport', 'festival'].map((s) => Type.Literal(s))),
    cap: Type.Optional(Type.Number()),
    /** shares of each value of a dimension (facility, level, visitor_kind, star, medal, age_group) */
    facilities: Type.Optional(Shares),
    levels: Type.Optional(Shares),
    kinds: Type.Optional(Shares),
    stars: Type.Optional(Shares),
    medals: Type.Optional(Shares),
    ages: Type.Optional(Shares),
    /** share of men ('nam'); women are the rest */
    sex: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);

const IndicatorSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z]{2,5}\\.\\d{2}$' }),
    theme: Type.String({ minLength: 2 }),
    name: Type.String({ minLength: 3 }),
    nameEn: Type.String({ minLength: 3 }),
    definition: Type.String({ minLength: 10 }),
    formula: Type.String(),
    measureUnit: Type.String({ minLength: 1 }),
    measureUnitEn: Type.String({ minLength: 1 }),
    valueType: Type.Union(VALUE_TYPES.map((v) => Type.Literal(v))),
    decimals: Type.Integer({ minimum: 0, maximum: 4 }),
    periodicity: Type.Union(PERIODICITIES.map((v) => Type.Literal(v))),
    dimensions: Type.Array(Type.String()),
    unitCode: Type.String({ minLength: 1 }),
    source: Type.Union(INDICATOR_SOURCES.map((v) => Type.Literal(v))),
    sourceModule: Type.Union([Type.String(), Type.Null()]),
    iocCode: Type.Union([Type.String(), Type.Null()]),
    validFrom: Day,
    validTo: Type.Union([Day, Type.Null()]),
    min: Type.Union([Type.Number(), Type.Null()]),
    max: Type.Union([Type.Number(), Type.Null()]),
    jumpPercent: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    higherIsBetter: Type.Boolean(),
    sort: Type.Integer(),
    demo: Type.Optional(DemoSpec),
  },
  { additionalProperties: false },
);

export const IndicatorCatalogueSchema = Type.Object({
  $comment: Type.Optional(Type.String()),
  iocScheme: Type.Object({ name: Type.String(), nameEn: Type.String(), demo: Type.Boolean(), pattern: Type.String() }),
  themes: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() }), { minItems: 1 }),
  dimensions: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() })),
  dimensionValues: Type.Array(
    Type.Object({ dimension: Type.String(), code: Type.String({ pattern: '^[a-z0-9_-]+$' }), name: Type.String(), nameEn: Type.String(), sort: Type.Integer(), validFrom: Day, validTo: Type.Union([Day, Type.Null()]) }),
  ),
  indicators: Type.Array(IndicatorSchema, { minItems: 1 }),
});
export type IndicatorCatalogue = Static<typeof IndicatorCatalogueSchema>;
export type CatalogueIndicator = Static<typeof IndicatorSchema>;

/** Codes of the catalogue's responsible units that must exist in `units` (checked at seed). */
const cache = new Map<string, IndicatorCatalogue>();

/**
 * Reads `demo/indicators.json` (or the agency's own in VANHIEN_DEMO_DIR) and checks what the
 * schema cannot: unique codes, known themes and dimensions, shares of existing dimension values,
 * min ≤ max, validity ordered. Errors name the file and the JSON pointer.
 */
export function loadCatalogue(dir?: string): IndicatorCatalogue {
  const key = dir ?? '';
  const hit = cache.get(key);
  if (hit) return hit;
  const data = loadDemoData('indicators', IndicatorCatalogueSchema, dir);
  const file = demoDataFile('indicators', dir);
  const fail = (pointer: string, msg: string): never => {
    throw new DemoDataError(file, pointer, msg);
  };
  const themes = new Set(data.themes.map((t) => t.code));
  const dims = new Set(data.dimensions.map((d) => d.code));
  const values = new Map<string, Set<string>>();
  data.dimensionValues.forEach((v, i) => {
    if (!dims.has(v.dimension)) fail(`/dimensionValues/${i}/dimension`, `không có chiều phân tổ "${v.dimension}"`);
    const set = values.get(v.dimension) ?? new Set<string>();
    if (set.has(v.code)) fail(`/dimensionValues/${i}/code`, `giá trị "${v.code}" của chiều "${v.dimension}" bị trùng`);
    set.add(v.code);
    values.set(v.dimension, set);
  });
  const seen = new Set<string>();
  data.indicators.forEach((ind, i) => {
    const at = `/indicators/${i}`;
    if (seen.has(ind.code)) fail(`${at}/code`, `mã chỉ tiêu "${ind.code}" bị trùng`);
    seen.add(ind.code);
    if (!themes.has(ind.theme)) fail(`${at}/theme`, `không có nhóm chỉ tiêu "${ind.theme}"`);
    ind.dimensions.forEach((d, j) => {
      if (!dims.has(d)) fail(`${at}/dimensions/${j}`, `không có chiều phân tổ "${d}"`);
    });
    if (ind.min !== null && ind.max !== null && ind.min > ind.max) fail(`${at}/max`, 'giá trị tối đa nhỏ hơn giá trị tối thiểu');
    if (ind.validTo && ind.validTo < ind.validFrom) fail(`${at}/validTo`, 'ngày hết hiệu lực trước ngày có hiệu lực');
    if (ind.source !== 'entered' && !ind.sourceModule) fail(`${at}/sourceModule`, 'chỉ tiêu tính tự động phải nêu phân hệ cung cấp số liệu');
    const spec = ind.demo;
    if (!spec) return;
    const shareDims: [keyof typeof spec, string][] = [
      ['facilities', 'facility'],
      ['levels', 'level'],
      ['kinds', 'visitor_kind'],
      ['stars', 'star'],
      ['medals', 'medal'],
      ['ages', 'age_group'],
    ];
    for (const [prop, dim] of shareDims) {
      const shares = spec[prop] as Record<string, number> | undefined;
      if (!shares) continue;
      if (!ind.dimensions.includes(dim)) fail(`${at}/demo/${prop}`, `chỉ tiêu không phân tổ theo "${dim}"`);
      for (const k of Object.keys(shares)) if (!values.get(dim)?.has(k)) fail(`${at}/demo/${prop}/${k}`, `không có giá trị "${k}" của chiều "${dim}"`);
    }
  });
  cache.set(key, data);
  return data;
}

/** The years the shipped periods and demo values cover. */
export const DEMO_YEARS = [2025, 2026];

/**
 * Base data, every start (cheap: three statements that skip what exists): the catalogue, the
 * dimension values and the periods of 2025–2026 and the current year. The database is
 * authoritative after the first load: an edited file adds new codes, never overwrites.
 * Demo mode, once: two years of published demo values (`is_demo`), with area breakdowns over
 * the communes in force at the end of each period (pre-merger units before 1 July 2025).
 */
export async function seedIndicators(s: Services, opts: { demo: boolean }): Promise<void> {
  const cat = loadCatalogue(s.config.demoDir);
  const today = vnIsoDate();
  const years = [...new Set([...DEMO_YEARS, Number(today.slice(0, 4))])].sort();
  const periods = periodsOfYears(years);
  await transaction(s.pool, async (tx) => {
    await tx.execute(sql`
      INSERT INTO indicator_definitions (code, theme, name, name_en, definition, formula, measure_unit, measure_unit_en, value_type, decimals,
        periodicity, dimensions, unit_code, source, source_module, ioc_code, valid_from, valid_to, min_value, max_value, jump_percent, higher_is_better, sort)
      SELECT x.code, x.theme, x.name, x."nameEn", x.definition, x.formula, x."measureUnit", x."measureUnitEn", x."valueType", x.decimals,
        x.periodicity, ARRAY(SELECT jsonb_array_elements_text(x.dimensions)), x."unitCode", x.source, x."sourceModule", x."iocCode", x."validFrom", x."validTo",
        x.min, x.max, x."jumpPercent", x."higherIsBetter", x.sort
        FROM jsonb_to_recordset(${JSON.stringify(cat.indicators.map(({ demo: _d, ...rest }) => rest))}::jsonb) AS x(code text, theme text, name text, "nameEn" text,
          definition text, formula text, "measureUnit" text, "measureUnitEn" text, "valueType" text, decimals int, periodicity text, dimensions jsonb,
          "unitCode" text, source text, "sourceModule" text, "iocCode" text, "validFrom" date, "validTo" date, min numeric, max numeric, "jumpPercent" numeric,
          "higherIsBetter" boolean, sort int)
      ON CONFLICT (code) DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO indicator_dimension_values (dimension, code, name, name_en, sort, valid_from, valid_to)
      SELECT x.dimension, x.code, x.name, x."nameEn", x.sort, x."validFrom", x."validTo"
        FROM jsonb_to_recordset(${JSON.stringify(cat.dimensionValues)}::jsonb)
          AS x(dimension text, code text, name text, "nameEn" text, sort int, "validFrom" date, "validTo" date)
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO indicator_periods (code, periodicity, starts_on, ends_on)
      SELECT x.code, x.periodicity, x.start, x."end" FROM jsonb_to_recordset(${JSON.stringify(periods)}::jsonb) AS x(code text, periodicity text, start date, "end" date)
      ON CONFLICT (code) DO NOTHING`);
  });
  if (opts.demo) await seedDemoValues(s, cat, today);
}

/** The areas an indicator is broken down by in a period: the communes, wards and special zones
 * in force on the period's last day (the 2025 reorganisation: pre-merger units until 30/06/2025).
 * One query for every unit, past ones included, then filtered per period end. */
function areasFor(units: AdminUnit[], end: string, memo: Map<string, string[]>): string[] {
  let hit = memo.get(end);
  if (!hit) {
    hit = units.filter((u) => tierOf(u.level) === 2 && isInForce(u, end)).map((u) => u.code);
    memo.set(end, hit);
  }
  return hit;
}

async function seedDemoValues(s: Services, cat: IndicatorCatalogue, today: string): Promise<void> {
  const started = performance.now();
  const ended = periodsOfYears(DEMO_YEARS).filter((p) => p.end < today);
  const memo = new Map<string, string[]>();
  const units = cat.indicators.some((i) => i.demo && i.dimensions.includes('area')) ? await listAdminUnits(s.db) : [];
  const rows: DemoRow[] = [];
  for (const ind of cat.indicators) {
    if (!ind.demo) continue;
    for (const p of ended) {
      if (p.periodicity !== ind.periodicity || !definitionValidFor(ind, p)) continue;
      const areas = ind.dimensions.includes('area') ? areasFor(units, p.end, memo) : [];
      rows.push(...demoValuesFor(ind, p, areas));
    }
  }
  await transaction(s.pool, async (tx) => {
    await tx.execute(sql`
      INSERT INTO indicator_observations (indicator_code, period_code, dims_key, dims, area_code, value, status, source, is_demo, comment)
      SELECT x.i, x.p, x.k, x.d, x.a, x.v, 'published', x.s, true, 'Dữ liệu minh họa'
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(i text, p text, k text, d jsonb, a text, v numeric, s text)
      ON CONFLICT (indicator_code, period_code, dims_key) DO NOTHING`);
    // Ended periods of the demo are published ten days after their end (the IOC's quarterly rhythm).
    await tx.execute(sql`
      UPDATE indicator_periods SET status = 'published', published_at = (ends_on + 10)::timestamptz, computed_at = (ends_on + 1)::timestamptz
       WHERE code IN (SELECT jsonb_array_elements_text(${JSON.stringify(ended.map((p) => p.code))}::jsonb)) AND status = 'open'`);
  });
  (s.log as Pick<Console, 'info'> | undefined)?.info(`indicators: ${rows.length} demo values seeded in ${Math.round(performance.now() - started)} ms`);
}

interface DemoRow {
  i: string;
  p: string;
  k: string;
  d: Record<string, string>;
  a: string | null;
  v: number;
  s: string;
}

/** FNV-1a: a stable seed per indicator, period and disaggregation. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic number in [-1, 1) from a text. */
function noise(text: string): number {
  // mulberry32 step on the hash, to spread neighbouring seeds
  let t = (hash(text) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
}

/** Monthly weights (average 1): visits peak in summer holidays and at Tết; school groups in term. */
const SEASONS: Record<string, number[]> = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  museum: [1.15, 1.25, 0.9, 0.95, 1, 1.2, 1.25, 1.1, 0.85, 0.8, 0.75, 0.8],
  school: [0.95, 0.7, 1.1, 1.15, 1.05, 0.8, 0.75, 0.8, 1.1, 1.2, 1.25, 1.15],
  tourism: [1.1, 1.3, 0.95, 1, 1.05, 1.25, 1.3, 1.15, 0.8, 0.75, 0.65, 0.7],
  sport: [0.6, 0.5, 1.2, 1.3, 1.2, 1, 1, 1.1, 1.2, 1.2, 1.1, 0.6],
  festival: [1.4, 1.6, 1, 1.1, 0.9, 0.8, 0.8, 0.8, 1.1, 0.9, 0.8, 0.8],
};

function seasonFactor(season: string, p: IndicatorPeriod): number {
  const w = SEASONS[season] ?? SEASONS.flat!;
  const m = Number(p.start.slice(5, 7));
  if (p.periodicity === 'month') return w[m - 1]!;
  if (p.periodicity === 'quarter') return (w[m - 1]! + w[m]! + w[m + 1]!) / 3;
  return 1;
}

function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/** Splits an integer total by weights so the parts add up to it exactly (largest remainders). */
function split(total: number, weights: [string, number][]): [string, number][] {
  const sum = weights.reduce((a, [, w]) => a + w, 0) || 1;
  const raw = weights.map(([k, w]) => [k, (total * w) / sum] as [string, number]);
  const parts = raw.map(([k, v]) => [k, Math.floor(v)] as [string, number]);
  let rest = total - parts.reduce((a, [, v]) => a + v, 0);
  const order = raw.map(([, v], i) => [i, v - Math.floor(v)] as [number, number]).sort((a, b) => b[1] - a[1]);
  for (const [i] of order) {
    if (rest <= 0) break;
    parts[i]![1] += 1;
    rest--;
  }
  return parts;
}

/** The total and the disaggregations of one indicator for one ended period. */
export function demoValuesFor(ind: CatalogueIndicator, p: IndicatorPeriod, areas: string[]): DemoRow[] {
  const spec = ind.demo!;
  const seed = `${ind.code}|${p.code}`;
  const years = (Date.parse(`${p.start}T00:00:00Z`) - Date.UTC(2025, 0, 1)) / (365.25 * 86_400_000);
  const isShare = ind.valueType === 'percent' || ind.valueType === 'decimal';
  let total = spec.base * (1 + spec.growth / 100) ** years * (isShare ? 1 + (seasonFactor(spec.season, p) - 1) / 4 : seasonFactor(spec.season, p));
  total *= 1 + noise(seed) * (isShare ? 0.015 : 0.06);
  if (spec.cap !== undefined) total = Math.min(total, spec.cap - Math.abs(noise(`${seed}|cap`)) * spec.cap * 0.01);
  if (ind.max !== null) total = Math.min(total, ind.max);
  if (ind.min !== null) total = Math.max(total, ind.min);
  const value = isShare || ind.valueType === 'money' ? roundTo(total, ind.decimals) : Math.round(total);
  const src = ind.source;
  const out: DemoRow[] = [{ i: ind.code, p: p.code, k: '', d: {}, a: null, v: value, s: src }];
  const add = (dim: string, parts: [string, number][]) => {
    for (const [code, v] of parts) {
      const d = { [dim]: code };
      out.push({ i: ind.code, p: p.code, k: dimsKey(d), d, a: dim === 'area' ? code : null, v, s: src });
    }
  };
  const shareOf: Record<string, Record<string, number> | undefined> = {
    facility: spec.facilities,
    level: spec.levels,
    visitor_kind: spec.kinds,
    star: spec.stars,
    medal: spec.medals,
    age_group: spec.ages,
    sex: spec.sex === undefined ? undefined : { nam: spec.sex, nu: 1 - spec.sex },
  };
  for (const dim of ind.dimensions) {
    if (dim === 'area') {
      if (!areas.length) continue;
      if (isShare) {
        // A ratio per commune scatters around the provincial ratio; it does not add up to it.
        add(
          'area',
          areas.map((a) => {
            let v = value * (1 + noise(`${seed}|${a}`) * 0.12);
            if (ind.max !== null) v = Math.min(v, ind.max);
            return [a, roundTo(Math.max(v, 0), ind.decimals)];
          }),
        );
      } else {
        // Communes differ in size: a stable weight per commune, moved a little each period.
        const w = areas.map((a) => [a, 1 + noise(`${ind.code}|${a}`) * 0.6 + noise(`${seed}|${a}`) * 0.1] as [string, number]);
        add('area', ind.valueType === 'money' ? w.map(([a, x]) => [a, roundTo((value * x) / w.reduce((s2, [, y]) => s2 + y, 0), ind.decimals)]) : split(value, w));
      }
      continue;
    }
    const shares = shareOf[dim];
    if (!shares) continue;
    const weights = Object.entries(shares).map(([k, x]) => [k, x * (1 + noise(`${seed}|${dim}|${k}`) * 0.05)] as [string, number]);
    if (isShare) add(dim, weights.map(([k]) => [k, roundTo(value * (1 + noise(`${seed}|${dim}|${k}`) * 0.05), ind.decimals)]));
    else if (ind.valueType === 'money') add(dim, weights.map(([k, x]) => [k, roundTo(value * x, ind.decimals)]));
    else add(dim, split(value, weights.filter(([, x]) => x > 0)));
  }
  return out;
}
