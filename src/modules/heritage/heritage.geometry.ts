import type { Position, ZoneGeometry } from './heritage.schema.js';
import { type GeoProblem, fmt, orient, pointInGeometry, polygonsOf as corePolygonsOf, turf, validatePolygonGeometry, where } from '../../core/geo/index.js';

/**
 * Heritage geometry: parsing what officers paste, upload or type (GeoJSON, KML, typed "lat, lng"),
 * zone I inside zone II (Law 45/2024 Art. 27), the parcel test and the overview simplification.
 * The generic checks (inside Vietnam, rings, self-intersection, point-in-polygon, winding) live
 * in src/core/geo (moved there for the naming module, issue 16) and are re-exported here.
 */
export {
  type GeoProblem,
  MAX_VERTICES,
  VN_BBOX,
  bboxOf,
  pointInGeometry,
  pointInRing,
  rewindRfc7946,
  selfIntersection,
  turf,
} from '../../core/geo/index.js';

export const polygonsOf = (g: ZoneGeometry): Position[][][] => corePolygonsOf(g);
export const validateZoneGeometry = (g: ZoneGeometry): GeoProblem[] => validatePolygonGeometry(g);

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

