import type { Position, ZoneGeometry } from './heritage.schema.js';

/**
 * Geometry of relics and protection zones: parsing what officers paste, upload or type, the
 * checks of issue 13 (closed rings, no self-intersection, zone I inside zone II, inside Vietnam,
 * lat/lng swapped) with the vertex named, and the exact point/parcel tests behind the zone check.
 * The hot point-in-polygon test is written here (a few lines, no allocation); Turf is loaded lazily
 * for validation and simplification only, since importing it costs ~0.6 s of cold start.
 */

export interface GeoProblem {
  vi: string;
  en: string;
}

/** Mainland Vietnam (8.18–23.39 N, 102.14–109.47 E) widened to Hoàng Sa and Trường Sa
 * (to 6.0 N, 117.9 E), with a small margin for boundary surveys. */
export const VN_BBOX = { minLng: 102.0, maxLng: 117.9, minLat: 6.0, maxLat: 23.5 };
/** A boundary map of a large scenic relic has a few thousand vertices; more is an error of input. */
export const MAX_VERTICES = 5000;

const inVn = (lng: number, lat: number) => lng >= VN_BBOX.minLng && lng <= VN_BBOX.maxLng && lat >= VN_BBOX.minLat && lat <= VN_BBOX.maxLat;

/** Polygons of a geometry as a list (a Polygon is one). */
export function polygonsOf(g: ZoneGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function where(poly: number, ring: number, multi: boolean): { vi: string; en: string } {
  const p = multi ? { vi: `vùng thứ ${poly + 1}, `, en: `polygon ${poly + 1}, ` } : { vi: '', en: '' };
  const r = ring === 0 ? { vi: 'đường bao ngoài', en: 'outer ring' } : { vi: `lỗ thủng thứ ${ring}`, en: `hole ${ring}` };
  return { vi: `${p.vi}${r.vi}`, en: `${p.en}${r.en}` };
}

const fmt = (p: Position) => `${p[1].toFixed(6)}, ${p[0].toFixed(6)}`;

// ── Parsing ────────────────────────────────────────────────────────────────────────────────

export type ParsedInput = { geometry: ZoneGeometry; source: 'geojson' | 'kml' | 'typed' } | { problem: GeoProblem };

/** What an officer pasted or uploaded: GeoJSON (geometry, Feature or FeatureCollection), KML, or
 * typed coordinates, one vertex per line as "vĩ độ, kinh độ" (the order of Google Maps and GPS
 * receivers); an empty line starts a hole. Typed rings are closed for the officer. */
export function parseZoneInput(text: string): ParsedInput {
  const s = text.replace(/^\uFEFF/, '').trim();
  if (!s) return { problem: { vi: 'Chưa có tọa độ.', en: 'No coordinates.' } };
  if (s.startsWith('{')) return parseGeoJson(s);
  if (s.startsWith('<')) return parseKml(s);
  return parseTyped(s);
}

function parseGeoJson(s: string): ParsedInput {
  let j: unknown;
  try {
    j = JSON.parse(s);
  } catch (e) {
    return { problem: { vi: `GeoJSON không đọc được: ${(e as Error).message}.`, en: `Invalid JSON: ${(e as Error).message}.` } };
  }
  const geoms: unknown[] = [];
  const collect = (o: unknown) => {
    const x = o as { type?: string; geometry?: unknown; features?: unknown[]; geometries?: unknown[] };
    if (!x || typeof x !== 'object') return;
    if (x.type === 'Feature') collect(x.geometry);
    else if (x.type === 'FeatureCollection' && Array.isArray(x.features)) x.features.forEach(collect);
    else if (x.type === 'GeometryCollection' && Array.isArray(x.geometries)) x.geometries.forEach(collect);
    else geoms.push(x);
  };
  collect(j);
  const polys: unknown[] = [];
  for (const g of geoms as { type?: string; coordinates?: unknown }[]) {
    if (g.type === 'Polygon') polys.push(g.coordinates);
    else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) polys.push(...g.coordinates);
    else return { problem: { vi: `GeoJSON phải là vùng (Polygon hoặc MultiPolygon), không phải "${String(g.type)}".`, en: `Expected a Polygon or MultiPolygon, got "${String(g.type)}".` } };
  }
  if (!polys.length) return { problem: { vi: 'GeoJSON không có vùng nào.', en: 'The GeoJSON has no polygon.' } };
  const geometry = (polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys }) as ZoneGeometry;
  return { geometry, source: 'geojson' };
}

function parseKml(s: string): ParsedInput {
  const polys: Position[][][] = [];
  const polyRe = /<(?:\w+:)?Polygon\b[\s\S]*?<\/(?:\w+:)?Polygon>/g;
  for (const m of s.matchAll(polyRe)) {
    const block = m[0];
    const rings: Position[][] = [];
    const outer = /<(?:\w+:)?outerBoundaryIs>[\s\S]*?<(?:\w+:)?coordinates>([\s\S]*?)<\/(?:\w+:)?coordinates>/.exec(block);
    if (!outer) continue;
    rings.push(kmlCoords(outer[1]!));
    for (const h of block.matchAll(/<(?:\w+:)?innerBoundaryIs>[\s\S]*?<(?:\w+:)?coordinates>([\s\S]*?)<\/(?:\w+:)?coordinates>/g)) rings.push(kmlCoords(h[1]!));
    polys.push(rings);
  }
  if (!polys.length) return { problem: { vi: 'Tệp KML không có vùng (Polygon) nào.', en: 'The KML has no Polygon.' } };
  return { geometry: polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys }, source: 'kml' };
}

/** KML writes "lng,lat[,alt]" tuples separated by white space. */
function kmlCoords(text: string): Position[] {
  return text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => {
      const [x, y] = t.split(',').map(Number);
      return [x!, y!] as Position;
    });
}

function parseTyped(s: string): ParsedInput {
  const rings: Position[][] = [[]];
  const lines = s.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) {
      if (rings[rings.length - 1]!.length) rings.push([]);
      continue;
    }
    // "21.0285, 105.8542", "21.0285 105.8542" or, with decimal commas, "21,0285; 105,8542".
    const parts = line.includes(';') ? line.split(';').map((x) => x.trim().replace(',', '.')) : line.split(/[\s,]+/).filter(Boolean);
    const nums = parts.map(Number);
    if (nums.length !== 2 || nums.some((n) => !Number.isFinite(n))) {
      return { problem: { vi: `Dòng ${i + 1} ("${line.slice(0, 60)}") không phải một cặp "vĩ độ, kinh độ", ví dụ: 21.028511, 105.854167.`, en: `Line ${i + 1} is not a "latitude, longitude" pair.` } };
    }
    rings[rings.length - 1]!.push([nums[1]!, nums[0]!]);
  }
  if (!rings[rings.length - 1]!.length) rings.pop();
  for (const r of rings) {
    const a = r[0];
    const b = r[r.length - 1];
    if (a && b && r.length >= 3 && (a[0] !== b[0] || a[1] !== b[1])) r.push([a[0], a[1]]);
  }
  return { geometry: { type: 'Polygon', coordinates: rings }, source: 'typed' };
}

// ── Validation ────────────────────────────────────────────────────────────────────────────

/** Every problem of one zone's geometry, each naming the ring and the vertex (1-based). */
export function validateZoneGeometry(g: ZoneGeometry): GeoProblem[] {
  const out: GeoProblem[] = [];
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) {
    return [{ vi: 'Ranh giới phải là một vùng (Polygon hoặc MultiPolygon).', en: 'The boundary must be a Polygon or MultiPolygon.' }];
  }
  const multi = g.type === 'MultiPolygon';
  const polys = polygonsOf(g);
  let total = 0;
  polys.forEach((poly, pi) => {
    if (!Array.isArray(poly) || !poly.length) {
      out.push({ vi: `Vùng thứ ${pi + 1} không có đường bao.`, en: `Polygon ${pi + 1} has no ring.` });
      return;
    }
    poly.forEach((ring, ri) => {
      const w = where(pi, ri, multi);
      if (!Array.isArray(ring)) {
        out.push({ vi: `${cap(w.vi)}: không phải danh sách tọa độ.`, en: `${cap(w.en)}: not a list of positions.` });
        return;
      }
      total += ring.length;
      for (let vi = 0; vi < ring.length; vi++) {
        const p = ring[vi] as unknown;
        if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
          out.push({ vi: `${cap(w.vi)}, đỉnh ${vi + 1}: tọa độ phải là cặp số [kinh độ, vĩ độ].`, en: `${cap(w.en)}, vertex ${vi + 1}: a position is [longitude, latitude].` });
          return;
        }
      }
      const bad = ring.findIndex((p) => !inVn(p[0], p[1]));
      if (bad >= 0) {
        const p = ring[bad]!;
        if (inVn(p[1], p[0])) {
          out.push({
            vi: `${cap(w.vi)}, đỉnh ${bad + 1} (${p[0]}, ${p[1]}): vĩ độ và kinh độ có vẻ bị đảo ngược. GeoJSON ghi [kinh độ, vĩ độ], ví dụ [105.854167, 21.028511].`,
            en: `${cap(w.en)}, vertex ${bad + 1}: latitude and longitude look swapped (GeoJSON is [longitude, latitude]).`,
          });
        } else {
          out.push({
            vi: `${cap(w.vi)}, đỉnh ${bad + 1} (vĩ độ ${p[1]}, kinh độ ${p[0]}) nằm ngoài lãnh thổ Việt Nam.`,
            en: `${cap(w.en)}, vertex ${bad + 1} (lat ${p[1]}, lng ${p[0]}) is outside Vietnam.`,
          });
        }
        return;
      }
      if (ring.length < 4) {
        out.push({ vi: `${cap(w.vi)} chỉ có ${ring.length} điểm; một vùng cần ít nhất 3 đỉnh khác nhau.`, en: `${cap(w.en)} has ${ring.length} positions; a ring needs at least 4.` });
        return;
      }
      const a = ring[0]!;
      const b = ring[ring.length - 1]!;
      if (a[0] !== b[0] || a[1] !== b[1]) {
        out.push({
          vi: `${cap(w.vi)} chưa khép kín: điểm cuối (đỉnh ${ring.length}: ${fmt(b)}) phải trùng điểm đầu (đỉnh 1: ${fmt(a)}).`,
          en: `${cap(w.en)} is not closed: the last position (vertex ${ring.length}) must equal the first.`,
        });
        return;
      }
      const k = selfIntersection(ring);
      if (k) {
        out.push({
          vi: `${cap(w.vi)} tự cắt: cạnh từ đỉnh ${k[0] + 1} đến đỉnh ${k[0] + 2} cắt cạnh từ đỉnh ${k[1] + 1} đến đỉnh ${k[1] + 2} (gần ${fmt(k[2])}).`,
          en: `${cap(w.en)} intersects itself: edge ${k[0] + 1}–${k[0] + 2} crosses edge ${k[1] + 1}–${k[1] + 2}.`,
        });
      }
    });
    if (out.length) return;
    const outer = poly[0]!;
    for (let ri = 1; ri < poly.length; ri++) {
      const hole = poly[ri]!;
      const idx = hole.findIndex((p) => pointInRing(p[0], p[1], outer) === 0);
      if (idx >= 0) {
        const w = where(pi, ri, multi);
        out.push({ vi: `${cap(w.vi)}, đỉnh ${idx + 1} nằm ngoài đường bao ngoài.`, en: `${cap(w.en)}, vertex ${idx + 1} lies outside the outer ring.` });
      }
    }
  });
  if (total > MAX_VERTICES) out.push({ vi: `Ranh giới có ${total} đỉnh, tối đa ${MAX_VERTICES}.`, en: `${total} vertices; at most ${MAX_VERTICES}.` });
  return out;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}
function onSeg(a: Position, b: Position, p: Position): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}
function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSeg(a, b, c)) || (o2 === 0 && onSeg(a, b, d)) || (o3 === 0 && onSeg(c, d, a)) || (o4 === 0 && onSeg(c, d, b));
}

/** The first pair of non-adjacent edges that touch or cross, with a point near the crossing.
 * O(n²) on one ring: 500 vertices are 125,000 pairs, about a millisecond. */
export function selfIntersection(ring: Position[]): [number, number, Position] | null {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    const minX = Math.min(a[0], b[0]);
    const maxX = Math.max(a[0], b[0]);
    const minY = Math.min(a[1], b[1]);
    const maxY = Math.max(a[1], b[1]);
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const c = ring[j]!;
      const d = ring[j + 1]!;
      if (Math.max(c[0], d[0]) < minX || Math.min(c[0], d[0]) > maxX || Math.max(c[1], d[1]) < minY || Math.min(c[1], d[1]) > maxY) continue;
      if (segmentsIntersect(a, b, c, d)) return [i, j, [(a[0] + b[0] + c[0] + d[0]) / 4, (a[1] + b[1] + c[1] + d[1]) / 4]];
    }
  }
  return null;
}

/** Zone I must lie inside zone II (Law 45/2024 Art. 27): every vertex of I inside or on II and
 * no edge of I crossing an edge of II. Returns the problem naming the first vertex outside. */
export function zoneOneInsideTwo(one: ZoneGeometry, two: ZoneGeometry): GeoProblem | null {
  const polysI = polygonsOf(one);
  const multi = one.type === 'MultiPolygon';
  for (let pi = 0; pi < polysI.length; pi++) {
    const outer = polysI[pi]![0]!;
    for (let v = 0; v < outer.length - 1; v++) {
      const p = outer[v]!;
      if (!pointInGeometry(p[0], p[1], two)) {
        const w = where(pi, 0, multi);
        return {
          vi: `Khu vực I phải nằm trong khu vực II: ${w.vi} của khu vực I, đỉnh ${v + 1} (${fmt(p)}) nằm ngoài khu vực II.`,
          en: `Zone I must lie inside zone II: ${w.en} of zone I, vertex ${v + 1} is outside zone II.`,
        };
      }
    }
    for (const poly2 of polygonsOf(two)) {
      for (const ring2 of poly2) {
        for (let i = 0; i < outer.length - 1; i++) {
          for (let j = 0; j < ring2.length - 1; j++) {
            const a = outer[i]!;
            const b = outer[i + 1]!;
            const c = ring2[j]!;
            const d = ring2[j + 1]!;
            const o1 = orient(a, b, c);
            const o2 = orient(a, b, d);
            const o3 = orient(c, d, a);
            const o4 = orient(c, d, b);
            // A proper crossing only: a shared boundary (zone I touching zone II's line) is allowed.
            if (o1 * o2 < 0 && o3 * o4 < 0) {
              return {
                vi: `Khu vực I phải nằm trong khu vực II: cạnh từ đỉnh ${i + 1} đến đỉnh ${i + 2} của khu vực I cắt ra ngoài ranh giới khu vực II.`,
                en: `Zone I must lie inside zone II: edge ${i + 1}–${i + 2} of zone I crosses zone II's boundary.`,
              };
            }
          }
        }
      }
    }
  }
  return null;
}

// ── Exact tests ───────────────────────────────────────────────────────────────────────────

/** 1 inside, 0 outside, 2 on the boundary (crossing-number test, boundary checked first). */
export function pointInRing(x: number, y: number, ring: Position[]): 0 | 1 | 2 {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0];
    const yi = ring[i]![1];
    const xj = ring[j]![0];
    const yj = ring[j]![1];
    // On the edge: collinear and within its box. A surveyed boundary line belongs to the zone.
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (Math.abs(cross) <= 1e-12 && Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj)) return 2;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : 0;
}

/** Inside (or on the boundary of) the geometry, holes excluded; a point on a hole's edge is in. */
export function pointInGeometry(x: number, y: number, g: ZoneGeometry): boolean {
  for (const poly of polygonsOf(g)) {
    const r = pointInRing(x, y, poly[0]!);
    if (r === 0) continue;
    if (r === 2) return true;
    let inHole = false;
    for (let h = 1; h < poly.length; h++) {
      const rh = pointInRing(x, y, poly[h]!);
      if (rh === 1) {
        inHole = true;
        break;
      }
    }
    if (!inHole) return true;
  }
  return false;
}

export function bboxOf(g: ZoneGeometry): { minLng: number; minLat: number; maxLng: number; maxLat: number; vertices: number } {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  let vertices = 0;
  for (const poly of polygonsOf(g)) {
    for (const ring of poly) {
      for (const p of ring) {
        vertices++;
        if (p[0] < minLng) minLng = p[0];
        if (p[0] > maxLng) maxLng = p[0];
        if (p[1] < minLat) minLat = p[1];
        if (p[1] > maxLat) maxLat = p[1];
      }
    }
  }
  return { minLng, minLat, maxLng, maxLat, vertices };
}

type Turf = typeof import('@turf/turf');
let turfP: Promise<Turf> | undefined;
/** Turf, loaded on first use (validation, simplification, parcel tests), not at start. */
export function turf(): Promise<Turf> {
  turfP ??= import('@turf/turf');
  return turfP;
}

/** How the parcel relates to a zone: inside it, overlapping it, or apart. */
export async function parcelRelation(parcel: ZoneGeometry, zone: ZoneGeometry): Promise<'within' | 'overlaps' | null> {
  const t = await turf();
  const a = t.feature(parcel);
  const b = t.feature(zone);
  if (!t.booleanIntersects(a, b)) return null;
  return polygonsOf(parcel).every((poly) => poly[0]!.every((p) => pointInGeometry(p[0], p[1], zone))) && !zoneOneInsideTwo(parcel, zone) ? 'within' : 'overlaps';
}

/** The overview geometry of the public map: ~40 m tolerance and 4 decimals (~11 m) keep the
 * outline at province zoom and cut a surveyed boundary of hundreds of vertices to about ten
 * (issue 13: ≤ 300 KB for 5,000 relics); the map loads the full geometry once zoomed in. */
export async function overviewOf(g: ZoneGeometry): Promise<ZoneGeometry> {
  const t = await turf();
  let s: ZoneGeometry = g;
  try {
    s = t.simplify(t.feature(g), { tolerance: 0.0004, highQuality: false }).geometry as ZoneGeometry;
  } catch {
    s = g;
  }
  const r = (p: Position): Position => [Math.round(p[0] * 1e4) / 1e4, Math.round(p[1] * 1e4) / 1e4];
  return s.type === 'Polygon'
    ? { type: 'Polygon', coordinates: s.coordinates.map((ring) => ring.map(r)) }
    : { type: 'MultiPolygon', coordinates: s.coordinates.map((poly) => poly.map((ring) => ring.map(r))) };
}

/** GeoJSON positions must be counterclockwise outside, clockwise in holes (RFC 7946 §3.1.6). */
export function rewindRfc7946(g: ZoneGeometry): ZoneGeometry {
  const area = (ring: Position[]) => {
    let s = 0;
    for (let i = 0; i < ring.length - 1; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
    return s / 2;
  };
  const fix = (poly: Position[][]) => poly.map((ring, i) => ((i === 0 ? area(ring) < 0 : area(ring) > 0) ? [...ring].reverse() : ring));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: fix(g.coordinates) } : { type: 'MultiPolygon', coordinates: g.coordinates.map(fix) };
}
