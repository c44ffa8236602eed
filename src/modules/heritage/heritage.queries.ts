import type { Services } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { vnIsoDate } from '../../core/validation.js';
import { type GeoProblem, VN_BBOX, bboxOf, parcelRelation, pointInGeometry, rewindRfc7946, validateZoneGeometry } from './heritage.geometry.js';
import * as repo from './heritage.repository.js';
import { zoneIndexOf } from './heritage.zoneindex.js';
import type { Position, ZoneGeometry, ZoneKind } from './heritage.schema.js';

/** Labels and rules in force today, cached a minute: they change by release, not by request. */
let rulesCache: { day: string; at: number; rules: repo.Rule[] } | undefined;
export async function currentRules(s: Services, day = vnIsoDate()): Promise<repo.Rule[]> {
  if (rulesCache && rulesCache.day === day && Date.now() - rulesCache.at < 60_000) return rulesCache.rules;
  const rules = await repo.rulesAt(s.db, day);
  if (day === vnIsoDate()) rulesCache = { day, at: Date.now(), rules };
  return rules;
}

export function ruleLabel(rules: repo.Rule[], kind: string, key: string | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  if (!key) return lang === 'en' ? 'Not ranked' : 'Chưa xếp hạng';
  const r = rules.find((x) => x.kind === kind && x.key === key);
  return r ? (lang === 'en' ? r.labelEn : r.label) : key;
}

export interface ZoneMatch {
  relic: { id: string; code: string; name: string; level: string | null; type: string; url: string };
  zone: ZoneKind;
  /** parcels only: entirely inside the zone, or partly */
  relation?: 'within' | 'overlaps';
  rule: { label: string; labelEn: string; text: string; textEn: string; legalBasis: string; effectiveFrom: string; confirmed: boolean };
}

export interface ZoneAnswer {
  query: { lat?: number; lng?: number; parcel?: boolean; date: string };
  inZone: boolean;
  matches: ZoneMatch[];
  /** the rule outside every zone, when nothing matched */
  outside?: ZoneMatch['rule'];
}

function ruleOf(rules: repo.Rule[], key: string): ZoneMatch['rule'] {
  const r = rules.find((x) => x.kind === 'zone' && x.key === key);
  return r
    ? { label: r.label, labelEn: r.labelEn, text: r.body, textEn: r.bodyEn, legalBasis: r.legalBasis, effectiveFrom: r.effectiveFrom, confirmed: r.confirmed }
    : { label: key, labelEn: key, text: '', textEn: '', legalBasis: '', effectiveFrom: '', confirmed: false };
}

/** One relic's strongest zone: a point in zone I is also in zone II; zone I's rule is the one that applies. */
function strongest(matches: ZoneMatch[]): ZoneMatch[] {
  const byRelic = new Map<string, ZoneMatch>();
  for (const m of matches) {
    const cur = byRelic.get(m.relic.id);
    if (!cur || (m.zone === 'I' && cur.zone === 'II')) byRelic.set(m.relic.id, m);
  }
  return [...byRelic.values()].sort((a, b) => (a.zone === b.zone ? a.relic.code.localeCompare(b.relic.code) : a.zone === 'I' ? -1 : 1));
}

export function coordProblem(lat: number, lng: number): GeoProblem | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return { vi: 'Vĩ độ và kinh độ phải là số thập phân, ví dụ 10.776889 và 106.700806.', en: 'Latitude and longitude must be decimal numbers.' };
  const inVn = (x: number, y: number) => x >= VN_BBOX.minLng && x <= VN_BBOX.maxLng && y >= VN_BBOX.minLat && y <= VN_BBOX.maxLat;
  if (!inVn(lng, lat)) {
    return inVn(lat, lng)
      ? { vi: `Vĩ độ ${lat} và kinh độ ${lng} có vẻ bị đảo ngược: ở Việt Nam vĩ độ từ 6 đến 23,5, kinh độ từ 102 đến 118.`, en: 'Latitude and longitude look swapped.' }
      : { vi: `Vị trí (${lat}, ${lng}) nằm ngoài lãnh thổ Việt Nam.`, en: 'The point is outside Vietnam.' };
  }
  return null;
}

/**
 * Zone geometries by zone id. Rows are immutable (setZones replaces them with new ids), so an
 * entry never goes stale. Bounded by vertices: 4 million (~200 MB as JS arrays at worst, far
 * less in practice) is 15 times a province's boundary maps; past it, the oldest half goes.
 */
const GEOMETRY_BUDGET = 4_000_000;
const geometries = new Map<string, { g: ZoneGeometry; n: number }>();
let cachedVertices = 0;
async function geometriesOf(s: Services, ids: string[]): Promise<Map<string, ZoneGeometry>> {
  const out = new Map<string, ZoneGeometry>();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = geometries.get(id);
    if (hit) out.set(id, hit.g);
    else missing.push(id);
  }
  for (const row of await repo.zoneGeometries(s.db, missing)) {
    const n = bboxOf(row.geometry).vertices;
    if (cachedVertices + n > GEOMETRY_BUDGET) {
      let drop = geometries.size / 2;
      for (const [k, v] of geometries) {
        if (drop-- <= 0) break;
        geometries.delete(k);
        cachedVertices -= v.n;
      }
    }
    geometries.set(row.id, { g: row.geometry, n });
    cachedVertices += n;
    out.set(row.id, row.geometry);
  }
  return out;
}

/** "Is this place in a protection zone?" for a point: from the in-process index of published
 * zones (heritage.zoneindex.ts) when it is built and the cluster bus is listening; otherwise one
 * indexed query (no geometry in it), then the exact test on cached geometries. */
export async function checkPoint(s: Services, lat: number, lng: number): Promise<ZoneAnswer> {
  const p = coordProblem(lat, lng);
  if (p) throw new AppError('HERITAGE-110', 400, p.vi, p.en, { lat: p });
  const grid = zoneIndexOf(s).ready();
  if (grid) {
    const rules = await currentRules(s);
    const matches: ZoneMatch[] = grid.at(lng, lat).map((z) => ({
      relic: { id: z.relic.id, code: z.relic.code, name: z.relic.name, level: z.relic.level, type: z.relic.relicType, url: `/di-san/di-tich/${z.relic.code}` },
      zone: z.zone,
      rule: ruleOf(rules, z.zone),
    }));
    const m = strongest(matches);
    return { query: { lat, lng, date: vnIsoDate() }, inZone: m.length > 0, matches: m, outside: m.length ? undefined : ruleOf(rules, 'outside') };
  }
  const [cands, rules] = await Promise.all([repo.zoneCandidates(s.db, { minLng: lng, minLat: lat, maxLng: lng, maxLat: lat }, s.pool), currentRules(s)]);
  const geoms = cands.length ? await geometriesOf(s, cands.map((c) => c.zone_id)) : new Map<string, ZoneGeometry>();
  const matches: ZoneMatch[] = [];
  for (const c of cands) {
    const g = geoms.get(c.zone_id);
    if (!g || !pointInGeometry(lng, lat, g)) continue;
    matches.push({ relic: relicRef(c), zone: c.zone, rule: ruleOf(rules, c.zone) });
  }
  const m = strongest(matches);
  return { query: { lat, lng, date: vnIsoDate() }, inZone: m.length > 0, matches: m, outside: m.length ? undefined : ruleOf(rules, 'outside') };
}

function relicRef(c: repo.ZoneCandidate): ZoneMatch['relic'] {
  return { id: c.relic_id, code: c.code, name: c.name, level: c.level, type: c.relic_type, url: `/di-san/di-tich/${c.code}` };
}

/** The same for a land parcel (a GeoJSON polygon): every zone it overlaps, and whether it lies
 * entirely inside. Outcomes: the answer; HERITAGE-111 (the parcel is not a valid polygon). */
export async function checkParcel(s: Services, parcel: ZoneGeometry): Promise<ZoneAnswer> {
  const problems = validateZoneGeometry(parcel);
  if (problems.length) throw new AppError('HERITAGE-111', 400, `Thửa đất không hợp lệ: ${problems.map((p) => p.vi).join(' ')}`, `Invalid parcel: ${problems.map((p) => p.en).join(' ')}`);
  const b = bboxOf(parcel);
  const [cands, rules] = await Promise.all([repo.zoneCandidates(s.db, b), currentRules(s)]);
  const geoms = await geometriesOf(
    s,
    cands.map((c) => c.zone_id),
  );
  const matches: ZoneMatch[] = [];
  for (const c of cands) {
    const g = geoms.get(c.zone_id);
    const rel = g ? await parcelRelation(parcel, g) : null;
    if (rel) matches.push({ relic: relicRef(c), zone: c.zone, relation: rel, rule: ruleOf(rules, c.zone) });
  }
  const m = strongest(matches);
  return { query: { parcel: true, date: vnIsoDate() }, inZone: m.length > 0, matches: m, outside: m.length ? undefined : ruleOf(rules, 'outside') };
}

// ── GeoJSON of the published relics (RFC 7946) ─────────────────────────────────────────
const round = (n: number) => Math.round(n * 1e6) / 1e6;
/** The overview is drawn at province or country zoom (zoom ≤ 10: one pixel is 150 m or more), so
 * 3 decimals (about 110 m) and at most OVERVIEW_RING positions a ring are what the eye gets anyway;
 * the full geometry comes with the area in view once the map is zoomed in. Measured on the bench's
 * 5,000 relics (gzip): 12 positions/4 decimals 399 KB, 8/4 319 KB, 8/3 273 KB, 6/3 250 KB. */
const OVERVIEW_RING = 8;
const roundOverview = (n: number) => Math.round(n * 1e3) / 1e3;
function coarseRing(ring: Position[]): Position[] {
  const open = ring.slice(0, -1);
  const step = Math.max(1, Math.ceil(open.length / OVERVIEW_RING));
  const out: Position[] = [];
  for (let i = 0; i < open.length; i += step) {
    const p: Position = [roundOverview(open[i]![0]), roundOverview(open[i]![1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length < 3) return ring.map((p) => [round(p[0]), round(p[1])] as Position);
  out.push([out[0]![0], out[0]![1]]);
  return out;
}
export function coarseOverview(g: ZoneGeometry): ZoneGeometry {
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(coarseRing) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(coarseRing)) };
}

/**
 * FeatureCollection of published relics: a Point per relic and a (Multi)Polygon per zone. Each
 * feature carries the relic id, code, name, level, type and `zone` ('point', 'I', 'II').
 * `overview` gives the simplified zones of the public map (full geometry on zoom: `?chi-tiet=1`).
 */
export async function relicsGeoJson(s: Services, opts: { overview?: boolean; lean?: boolean; bbox?: [number, number, number, number]; base?: string } = {}) {
  let relics = await repo.listRelics(s.db, { publishedOnly: true }, 100_000);
  let zones = await repo.zonesOfRelics(
    s.db,
    relics.map((r) => r.id),
    opts.overview,
  );
  if (opts.bbox) {
    const [w, so, e, n] = opts.bbox;
    const inBox = (g: ZoneGeometry) => {
      const b = bboxOf(g);
      return b.minLng <= e && b.maxLng >= w && b.minLat <= n && b.maxLat >= so;
    };
    zones = zones.filter((z) => inBox(z.geometry));
    const keep = new Set(zones.map((z) => z.relicId));
    relics = relics.filter((r) => keep.has(r.id) || (r.lat !== null && r.lng !== null && r.lng >= w && r.lng <= e && r.lat >= so && r.lat <= n));
  }
  const byId = new Map(relics.map((r) => [r.id, r]));
  // The overview of the public map carries only what its popups show (code, name, level): the
  // relic id and type are in the full export; 5,000 relics must stay ≤ 300 KB compressed.
  const props = (r: repo.Relic, zone: string) =>
    opts.lean ? (zone === 'point' ? { code: r.code, name: r.name, level: r.level, zone } : { code: r.code, zone }) : { relicId: r.id, code: r.code, name: r.name, level: r.level, type: r.relicType, zone, url: `${opts.base ?? ''}/di-san/di-tich/${r.code}` };
  const features: unknown[] = [];
  for (const r of relics) {
    if (r.lat === null || r.lng === null) continue;
    // Points of the overview: 5 decimals (about 1 m) is finer than any map zoom shows them.
    const pr = opts.lean ? (n: number) => Math.round(n * 1e5) / 1e5 : round;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [pr(r.lng), pr(r.lat)] }, properties: props(r, 'point') });
  }
  for (const z of zones) {
    const r = byId.get(z.relicId);
    // The overview draws zone II only: at province scale zone I lies inside it and is a few
    // pixels; with it, 5,000 relics weigh 470 KB gzip instead of ≤ 300 KB (bench/heritage.ts).
    // Zone I comes with the full geometry of the area in view once the map is zoomed in.
    if (!r || (opts.lean && z.zone === 'I')) continue;
    features.push({ type: 'Feature', geometry: rewindRfc7946(opts.lean ? coarseOverview(z.geometry) : z.geometry), properties: props(r, z.zone) });
  }
  return { type: 'FeatureCollection', features };
}
