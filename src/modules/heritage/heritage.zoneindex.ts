import { sql } from 'drizzle-orm';
import type { Services } from '../../core/context.js';
import { VN_BBOX, polygonsOf } from './heritage.geometry.js';
import type { ZoneGeometry, ZoneKind } from './heritage.schema.js';

/**
 * The zones of published relics held in this process, so the public zone check needs no SQL
 * (issue 13: ≥ 0.5 × a bare route plus one query, p99 ≤ 20 ms, with 10,000 polygons). The
 * candidate query cost more than the whole rest of a check (docs/benchmarks.md, heritage).
 *
 * - A flat grid over Vietnam's bounding box (CSR layout: one offsets array, one item array), each
 *   zone listed in every cell its bounding box touches; a check reads one cell.
 * - Each geometry prepared once: rings as flat Float64Arrays with their bounding box, tested with
 *   the same crossing-number rule as `pointInRing` in src/core/geo (boundary inside, holes out).
 *   About a third of the memory of GeoJSON arrays (16 bytes a vertex).
 * - Invalidation: every command that changes what a check answers (zones, status, name, level)
 *   calls `zonesChanged(services)` after its commit: this node drops its index at once, the others
 *   on `heritage.zones.changed` from the cluster bus. While the bus is deaf, or the index is being
 *   (re)built, checks take the SQL path (heritage.queries.ts), so an answer is never stale for
 *   longer than a bus message takes. A zone row is never updated, only replaced with a new id, so a
 *   rebuild reuses the prepared geometries it already has and reads only the new ones.
 */

export const ZONES_CHANGED = 'heritage.zones.changed';

/** Past this many vertices the index is not built (≈ 130 MB of rings) and checks stay on SQL. */
const MAX_INDEX_VERTICES = 8_000_000;
/** A safety net for a change no command announced (a hand-made SQL fix): rebuilt in the
 * background, the old index answering meanwhile. */
const MAX_AGE_MS = 10 * 60_000;
/** ~5.5 km: a zone (a few hundred metres to a few km) touches 1–4 cells; ~110,000 cells in all. */
const CELL = 0.05;
const COLS = Math.ceil((VN_BBOX.maxLng - VN_BBOX.minLng) / CELL);
const ROWS = Math.ceil((VN_BBOX.maxLat - VN_BBOX.minLat) / CELL);
const GEOMETRY_BATCH = 500;

export interface IndexedRelic {
  id: string;
  code: string;
  name: string;
  level: string | null;
  relicType: string;
}

/** One ring: [x0, y0, x1, y1, …] closed as stored, and its box. */
interface Ring {
  xy: Float64Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}
/** Outer ring first, then holes. */
export type PreparedGeometry = Ring[][];

export interface IndexedZone {
  zoneId: string;
  zone: ZoneKind;
  relic: IndexedRelic;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  geometry: PreparedGeometry;
}

function prepareRing(ring: [number, number][]): Ring {
  const xy = new Float64Array(ring.length * 2);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < ring.length; i++) {
    const x = ring[i]![0];
    const y = ring[i]![1];
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { xy, minX, minY, maxX, maxY };
}

export function prepareGeometry(g: ZoneGeometry): PreparedGeometry {
  return polygonsOf(g).map((poly) => poly.map(prepareRing));
}

/** 0 outside, 1 inside, 2 on the boundary: `pointInRing` of src/core/geo on a flat ring. */
function inRing(x: number, y: number, r: Ring): 0 | 1 | 2 {
  if (x < r.minX || x > r.maxX || y < r.minY || y > r.maxY) return 0;
  const a = r.xy;
  const n = a.length >> 1;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = a[2 * i]!;
    const yi = a[2 * i + 1]!;
    const xj = a[2 * j]!;
    const yj = a[2 * j + 1]!;
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (Math.abs(cross) <= 1e-12 && Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj)) return 2;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : 0;
}

/** `pointInGeometry` of src/core/geo on a prepared geometry. */
export function pointInPrepared(x: number, y: number, g: PreparedGeometry): boolean {
  for (const poly of g) {
    const r = inRing(x, y, poly[0]!);
    if (r === 0) continue;
    if (r === 2) return true;
    let inHole = false;
    for (let h = 1; h < poly.length; h++) {
      if (inRing(x, y, poly[h]!) === 1) {
        inHole = true;
        break;
      }
    }
    if (!inHole) return true;
  }
  return false;
}

const col = (x: number) => Math.min(COLS - 1, Math.max(0, Math.floor((x - VN_BBOX.minLng) / CELL)));
const row = (y: number) => Math.min(ROWS - 1, Math.max(0, Math.floor((y - VN_BBOX.minLat) / CELL)));

/** An immutable snapshot: zones and the grid over their boxes. */
export class ZoneGrid {
  private readonly offsets: Uint32Array;
  private readonly items: Uint32Array;

  constructor(readonly zones: IndexedZone[]) {
    const counts = new Uint32Array(COLS * ROWS + 1);
    const each = (z: IndexedZone, f: (cell: number) => void) => {
      const c1 = col(z.maxX);
      const r1 = row(z.maxY);
      for (let r = row(z.minY); r <= r1; r++) for (let c = col(z.minX); c <= c1; c++) f(r * COLS + c);
    };
    for (const z of zones) each(z, (cell) => counts[cell + 1]!++);
    for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
    this.offsets = counts;
    this.items = new Uint32Array(counts[counts.length - 1]!);
    const fill = counts.slice(0, -1);
    for (let k = 0; k < zones.length; k++) {
      each(zones[k]!, (cell) => {
        this.items[fill[cell]!++] = k;
      });
    }
  }

  /** The zones whose geometry holds the point (boundary included). */
  at(x: number, y: number): IndexedZone[] {
    const out: IndexedZone[] = [];
    if (x < VN_BBOX.minLng || x > VN_BBOX.maxLng || y < VN_BBOX.minLat || y > VN_BBOX.maxLat) return out;
    const cell = row(y) * COLS + col(x);
    for (let i = this.offsets[cell]!; i < this.offsets[cell + 1]!; i++) {
      const z = this.zones[this.items[i]!]!;
      if (x >= z.minX && x <= z.maxX && y >= z.minY && y <= z.maxY && pointInPrepared(x, y, z.geometry)) out.push(z);
    }
    return out;
  }
}

type Meta = { zone_id: string; relic_id: string; code: string; name: string; level: string | null; relic_type: string; zone: ZoneKind; min_lng: number; min_lat: number; max_lng: number; max_lat: number; vertex_count: number };

/** The index of one database (tests run several platforms in one process). */
export class ZoneIndex {
  private grid: ZoneGrid | undefined;
  private builtAt = 0;
  private generation = 0;
  private building: Promise<void> | undefined;
  private tooLarge = false;
  private readonly off: (() => void)[];

  constructor(private readonly s: Services) {
    const bus = s.bus;
    this.off = bus
      ? [
          bus.on(ZONES_CHANGED, (p) => {
            if ((p as { from?: string } | null)?.from !== bus.nodeId) this.invalidate();
          }),
          bus.onConnect(() => this.invalidate()),
        ]
      : [];
  }

  /** The grid to answer from now, or undefined (take the SQL path); starts a build when needed. */
  ready(): ZoneGrid | undefined {
    const bus = this.s.bus;
    if (bus && !bus.connected) return undefined;
    if (!this.grid || Date.now() - this.builtAt > MAX_AGE_MS) this.build();
    return this.grid;
  }

  /** Resolves when a build that is running (or one started now) is done. */
  async whenBuilt(): Promise<ZoneGrid | undefined> {
    if (!this.grid) this.build();
    await this.building;
    return this.grid;
  }

  invalidate(): void {
    this.generation++;
    this.grid = undefined;
    this.tooLarge = false;
  }

  dispose(): void {
    this.invalidate();
    for (const f of this.off) f();
  }

  private build(): void {
    if (this.building || this.tooLarge) return;
    const gen = this.generation;
    const previous = new Map((this.grid?.zones ?? this.lastZones).map((z) => [z.zoneId, z.geometry]));
    this.building = this.load(previous)
      .then((zones) => {
        if (zones === 'too-large') {
          this.tooLarge = true;
          return;
        }
        this.lastZones = zones;
        if (gen !== this.generation) return; // a change came during the build: the next check rebuilds
        this.grid = new ZoneGrid(zones);
        this.builtAt = Date.now();
      })
      .catch((err: unknown) => (this.s.log.warn as (m: string) => void)(`heritage zone index not built: ${(err as Error).message}`))
      .finally(() => {
        this.building = undefined;
      });
  }

  /** Geometries of the last build, even one dropped by a change: rows are immutable by id. */
  private lastZones: IndexedZone[] = [];

  private async load(previous: Map<string, PreparedGeometry>): Promise<IndexedZone[] | 'too-large'> {
    const meta = (
      await this.s.db.execute<Meta>(sql`
        SELECT z.id AS zone_id, z.relic_id, r.code, r.name, r.level, r.relic_type, z.zone, z.min_lng, z.min_lat, z.max_lng, z.max_lat, z.vertex_count
          FROM heritage_zones z JOIN heritage_relics r ON r.id = z.relic_id
         WHERE r.status = 'published'`)
    ).rows;
    if (meta.reduce((a, m) => a + m.vertex_count, 0) > MAX_INDEX_VERTICES) return 'too-large';
    const geometries = new Map<string, PreparedGeometry>();
    const missing: string[] = [];
    for (const m of meta) {
      const g = previous.get(m.zone_id);
      if (g) geometries.set(m.zone_id, g);
      else missing.push(m.zone_id);
    }
    // In batches, preparing each as it comes: the event loop keeps answering checks (on SQL).
    for (let i = 0; i < missing.length; i += GEOMETRY_BATCH) {
      const ids = missing.slice(i, i + GEOMETRY_BATCH);
      const rows = (await this.s.pool.query<{ id: string; geometry: ZoneGeometry }>('SELECT id, geometry FROM heritage_zones WHERE id = ANY($1::uuid[])', [ids])).rows;
      for (const r of rows) geometries.set(r.id, prepareGeometry(r.geometry));
    }
    const zones: IndexedZone[] = [];
    for (const m of meta) {
      const geometry = geometries.get(m.zone_id);
      // Deleted between the two reads: the change that deleted it also invalidated this build.
      if (!geometry) continue;
      zones.push({
        zoneId: m.zone_id,
        zone: m.zone,
        relic: { id: m.relic_id, code: m.code, name: m.name, level: m.level, relicType: m.relic_type },
        minX: m.min_lng,
        minY: m.min_lat,
        maxX: m.max_lng,
        maxY: m.max_lat,
        geometry,
      });
    }
    return zones;
  }
}

const indexes = new WeakMap<Services, ZoneIndex>();

export function zoneIndexOf(s: Services): ZoneIndex {
  let idx = indexes.get(s);
  if (!idx) {
    idx = new ZoneIndex(s);
    indexes.set(s, idx);
  }
  return idx;
}

/**
 * After a committed change to a relic's zones, status, name or level: this node's index at once,
 * the other nodes through the cluster bus. Never throws: the change is committed; a node that
 * misses the message rebuilds on reconnect or after MAX_AGE_MS.
 */
export async function zonesChanged(s: Services): Promise<void> {
  indexes.get(s)?.invalidate();
  const bus = s.bus;
  if (!bus) return;
  await bus.emit(ZONES_CHANGED, { from: bus.nodeId }, s.pool).catch((err: unknown) => {
    (s.log.warn as (m: string) => void)(`${ZONES_CHANGED} not announced: ${(err as Error).message}`);
  });
}
