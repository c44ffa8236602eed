import { describe, expect, it } from 'vitest';
import { parseZoneInput, pointInGeometry, selfIntersection, validateZoneGeometry, zoneOneInsideTwo } from '../heritage.geometry.js';
import type { ZoneGeometry } from '../heritage.schema.js';
import { type IndexedZone, ZoneGrid, pointInPrepared, prepareGeometry } from '../heritage.zoneindex.js';

const sq = (x: number, y: number, d: number): [number, number][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];
const poly = (...rings: [number, number][][]): ZoneGeometry => ({ type: 'Polygon', coordinates: rings });

describe('heritage geometry', () => {
  it('points on edges and vertices count as inside; holes are outside, their edges inside', () => {
    const g = poly(sq(106.7, 10.9, 0.01), sq(106.703, 10.903, 0.002));
    expect(pointInGeometry(106.705, 10.9, g)).toBe(true); // on the bottom edge
    expect(pointInGeometry(106.7, 10.9, g)).toBe(true); // a vertex
    expect(pointInGeometry(106.701, 10.901, g)).toBe(true);
    expect(pointInGeometry(106.704, 10.904, g)).toBe(false); // in the hole
    expect(pointInGeometry(106.703, 10.904, g)).toBe(true); // on the hole's edge
    expect(pointInGeometry(106.72, 10.9, g)).toBe(false);
  });

  it('multipolygons: inside either part', () => {
    const g: ZoneGeometry = { type: 'MultiPolygon', coordinates: [[sq(106.7, 10.9, 0.01)], [sq(106.8, 10.9, 0.01)]] };
    expect(pointInGeometry(106.805, 10.905, g)).toBe(true);
    expect(pointInGeometry(106.75, 10.905, g)).toBe(false);
    expect(validateZoneGeometry(g)).toEqual([]);
  });

  it('names the vertex of an unclosed ring, a self-intersection, swapped coordinates and points outside Vietnam', () => {
    const open = poly(sq(106.7, 10.9, 0.01).slice(0, 4));
    expect(validateZoneGeometry(open)[0]!.vi).toMatch(/chưa khép kín.*đỉnh 4/);
    const bow = poly([
      [106.7, 10.9],
      [106.71, 10.91],
      [106.71, 10.9],
      [106.7, 10.91],
      [106.7, 10.9],
    ]);
    expect(validateZoneGeometry(bow)[0]!.vi).toMatch(/tự cắt: cạnh từ đỉnh 1 đến đỉnh 2 cắt cạnh từ đỉnh 3 đến đỉnh 4/);
    expect(selfIntersection(sq(106.7, 10.9, 0.01))).toBeNull();
    const swapped = poly(sq(10.9, 106.7, 0.01));
    expect(validateZoneGeometry(swapped)[0]!.vi).toMatch(/đỉnh 1 .*đảo ngược/);
    const paris = poly(sq(2.35, 48.85, 0.01));
    expect(validateZoneGeometry(paris)[0]!.vi).toMatch(/ngoài lãnh thổ Việt Nam/);
  });

  it('zone I must lie inside zone II; a shared boundary is allowed', () => {
    const two = poly(sq(106.7, 10.9, 0.01));
    expect(zoneOneInsideTwo(poly(sq(106.702, 10.902, 0.002)), two)).toBeNull();
    expect(zoneOneInsideTwo(poly(sq(106.7, 10.9, 0.005)), two)).toBeNull();
    expect(zoneOneInsideTwo(poly(sq(106.708, 10.902, 0.005)), two)!.vi).toMatch(/đỉnh 2 .*nằm ngoài khu vực II/);
  });

  it('reads typed "lat, lng" lines (closing the ring), GeoJSON features and KML', () => {
    const typed = parseZoneInput('10.9, 106.7\n10.9, 106.71\n10.91; 106,71'.replace('10.91; 106,71', '10,91; 106,71'));
    expect('geometry' in typed && typed.geometry.coordinates[0]).toEqual([
      [106.7, 10.9],
      [106.71, 10.9],
      [106.71, 10.91],
      [106.7, 10.9],
    ]);
    const f = parseZoneInput(JSON.stringify({ type: 'Feature', properties: {}, geometry: poly(sq(106.7, 10.9, 0.01)) }));
    expect('geometry' in f && f.source).toBe('geojson');
    const kml = parseZoneInput(
      '<kml><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>106.7,10.9,0 106.71,10.9,0 106.71,10.91,0 106.7,10.9,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>',
    );
    expect('geometry' in kml && kml.geometry.type).toBe('Polygon');
    const bad = parseZoneInput('10.9, 106.7\nabc');
    expect('problem' in bad && bad.problem.vi).toMatch(/Dòng 2/);
  });
  it('the prepared geometry of the zone index answers as pointInGeometry; the grid finds zones across cell edges', () => {
    const holed = poly(sq(106.7, 10.9, 0.01), sq(106.703, 10.903, 0.002));
    const multi: ZoneGeometry = { type: 'MultiPolygon', coordinates: [[sq(106.7, 10.9, 0.01)], [sq(106.8, 10.9, 0.01)]] };
    const probes: [number, number][] = [
      [106.705, 10.9], [106.7, 10.9], [106.701, 10.901], [106.704, 10.904], [106.703, 10.904], [106.72, 10.9],
      [106.805, 10.905], [106.75, 10.905], [106.81, 10.91], [106.8, 10.8999999],
    ];
    for (const g of [holed, multi]) {
      const p = prepareGeometry(g);
      for (const [x, y] of probes) expect([x, y, pointInPrepared(x, y, p)]).toEqual([x, y, pointInGeometry(x, y, g)]);
    }
    // A zone astride grid lines (cells are 0.05°), and a large one over many cells.
    const zone = (id: string, g: ZoneGeometry, b: [number, number, number, number]): IndexedZone => ({
      zoneId: id, zone: 'II', relic: { id, code: id, name: id, level: null, relicType: 'scenic' }, minX: b[0], minY: b[1], maxX: b[2], maxY: b[3], geometry: prepareGeometry(g),
    });
    const grid = new ZoneGrid([zone('a', poly(sq(106.99, 10.99, 0.02)), [106.99, 10.99, 106.99 + 0.02, 10.99 + 0.02]), zone('b', poly(sq(107.5, 20.5, 0.5)), [107.5, 20.5, 108, 21])]);
    expect(grid.at(106.995, 10.995).map((z) => z.zoneId)).toEqual(['a']);
    expect(grid.at(107.005, 11.005).map((z) => z.zoneId)).toEqual(['a']);
    expect(grid.at(106.99 + 0.02, 11.0).map((z) => z.zoneId)).toEqual(['a']); // on the edge
    expect(grid.at(107.75, 20.75).map((z) => z.zoneId)).toEqual(['b']);
    expect(grid.at(108, 21).map((z) => z.zoneId)).toEqual(['b']);
    expect(grid.at(107.02, 11.0)).toEqual([]);
    expect(grid.at(120, 11)).toEqual([]);
  });
});
