/**
 * Generic GeoJSON geometry checks (moved from heritage.geometry.ts for the naming module, issue 16):
 * positions inside Vietnam with swapped lat/lng named, closed rings, self-intersection with the
 * vertex named, point-in-polygon, bounding boxes, RFC 7946 winding, and LineString checks for
 * streets. Modules add their own rules (heritage: zone I inside zone II) on top.
 * The hot point-in-polygon test is written here (a few lines, no allocation); Turf is loaded lazily
 * for validation and simplification only, since importing it costs ~0.6 s of cold start.
 */

/** GeoJSON (RFC 7946) positions are [longitude, latitude]. */
export type Position = [number, number];
export type PolygonGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
export type LineGeometry = { type: 'LineString'; coordinates: Position[] } | { type: 'MultiLineString'; coordinates: Position[][] };
export type AnyGeometry = PolygonGeometry | LineGeometry | { type: 'Point'; coordinates: Position };

export interface GeoProblem {
  vi: string;
  en: string;
}

/** Mainland Vietnam (8.18–23.39 N, 102.14–109.47 E) widened to Hoàng Sa and Trường Sa
 * (to 6.0 N, 117.9 E), with a small margin for boundary surveys. */
export const VN_BBOX = { minLng: 102.0, maxLng: 117.9, minLat: 6.0, maxLat: 23.5 };
/** A boundary map of a large scenic relic has a few thousand vertices; more is an error of input. */
export const MAX_VERTICES = 5000;

export const inVn = (lng: number, lat: number) => lng >= VN_BBOX.minLng && lng <= VN_BBOX.maxLng && lat >= VN_BBOX.minLat && lat <= VN_BBOX.maxLat;

/** Polygons of a geometry as a list (a Polygon is one). */
export function polygonsOf(g: PolygonGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function where(poly: number, ring: number, multi: boolean): { vi: string; en: string } {
  const p = multi ? { vi: `vùng thứ ${poly + 1}, `, en: `polygon ${poly + 1}, ` } : { vi: '', en: '' };
  const r = ring === 0 ? { vi: 'đường bao ngoài', en: 'outer ring' } : { vi: `lỗ thủng thứ ${ring}`, en: `hole ${ring}` };
  return { vi: `${p.vi}${r.vi}`, en: `${p.en}${r.en}` };
}

export const fmt = (p: Position) => `${p[1].toFixed(6)}, ${p[0].toFixed(6)}`;

// ── Validation ────────────────────────────────────────────────────────────────────────────

/** Every problem of one zone's geometry, each naming the ring and the vertex (1-based). */
export function validatePolygonGeometry(g: PolygonGeometry): GeoProblem[] {
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

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function orient(a: Position, b: Position, c: Position): number {
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
export function pointInGeometry(x: number, y: number, g: PolygonGeometry): boolean {
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

/** Every position of any geometry (a Point is one). */
export function positionsOf(g: AnyGeometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
      return g.coordinates.flat();
    default:
      return polygonsOf(g).flat(2 as 1) as unknown as Position[];
  }
}

export function bboxOf(g: AnyGeometry): { minLng: number; minLat: number; maxLng: number; maxLat: number; vertices: number } {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  let vertices = 0;
  for (const p of positionsOf(g)) {
    vertices++;
    if (p[0] < minLng) minLng = p[0];
    if (p[0] > maxLng) maxLng = p[0];
    if (p[1] < minLat) minLat = p[1];
    if (p[1] > maxLat) maxLat = p[1];
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

/** GeoJSON positions must be counterclockwise outside, clockwise in holes (RFC 7946 §3.1.6). */
export function rewindRfc7946(g: PolygonGeometry): PolygonGeometry {
  const area = (ring: Position[]) => {
    let s = 0;
    for (let i = 0; i < ring.length - 1; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
    return s / 2;
  };
  const fix = (poly: Position[][]) => poly.map((ring, i) => ((i === 0 ? area(ring) < 0 : area(ring) > 0) ? [...ring].reverse() : ring));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: fix(g.coordinates) } : { type: 'MultiPolygon', coordinates: g.coordinates.map(fix) };
}

// ── Lines (streets, roads, bridges) ─────────────────────────────────────────────────────

/** A street's centre line of a survey has a few hundred vertices; more is an error of input. */
export const MAX_LINE_VERTICES = 5000;

/** Every problem of a LineString/MultiLineString, each naming the line and vertex (1-based). */
export function validateLineGeometry(g: LineGeometry): GeoProblem[] {
  if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString') || !Array.isArray(g.coordinates)) {
    return [{ vi: 'Tuyến phải là một đường (LineString hoặc MultiLineString).', en: 'The line must be a LineString or MultiLineString.' }];
  }
  const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  const multi = g.type === 'MultiLineString';
  const out: GeoProblem[] = [];
  let total = 0;
  lines.forEach((line, li) => {
    const w = multi ? { vi: `Đoạn thứ ${li + 1}`, en: `Line ${li + 1}` } : { vi: 'Tuyến', en: 'The line' };
    if (!Array.isArray(line) || line.length < 2) {
      out.push({ vi: `${w.vi} cần ít nhất 2 điểm.`, en: `${w.en} needs at least 2 positions.` });
      return;
    }
    total += line.length;
    for (let i = 0; i < line.length; i++) {
      const p = line[i] as unknown;
      if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
        out.push({ vi: `${w.vi}, điểm ${i + 1}: tọa độ phải là cặp số [kinh độ, vĩ độ].`, en: `${w.en}, vertex ${i + 1}: a position is [longitude, latitude].` });
        return;
      }
    }
    const bad = line.findIndex((p) => !inVn(p[0], p[1]));
    if (bad >= 0) {
      const p = line[bad]!;
      out.push(
        inVn(p[1], p[0])
          ? { vi: `${w.vi}, điểm ${bad + 1} (${p[0]}, ${p[1]}): vĩ độ và kinh độ có vẻ bị đảo ngược. GeoJSON ghi [kinh độ, vĩ độ].`, en: `${w.en}, vertex ${bad + 1}: latitude and longitude look swapped.` }
          : { vi: `${w.vi}, điểm ${bad + 1} (vĩ độ ${p[1]}, kinh độ ${p[0]}) nằm ngoài lãnh thổ Việt Nam.`, en: `${w.en}, vertex ${bad + 1} is outside Vietnam.` },
      );
    }
  });
  if (total > MAX_LINE_VERTICES) out.push({ vi: `Tuyến có ${total} điểm, tối đa ${MAX_LINE_VERTICES}.`, en: `${total} vertices; at most ${MAX_LINE_VERTICES}.` });
  return out;
}

/** Great-circle length of a line in metres (haversine; a street of a few km is within 0.5 %). */
export function lineLengthMeters(g: LineGeometry): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  let m = 0;
  for (const line of g.type === 'LineString' ? [g.coordinates] : g.coordinates) {
    for (let i = 1; i < line.length; i++) {
      const [x1, y1] = line[i - 1]!;
      const [x2, y2] = line[i]!;
      const a = Math.sin(((y2 - y1) * rad) / 2) ** 2 + Math.cos(y1 * rad) * Math.cos(y2 * rad) * Math.sin(((x2 - x1) * rad) / 2) ** 2;
      m += 2 * R * Math.asin(Math.sqrt(a));
    }
  }
  return m;
}
