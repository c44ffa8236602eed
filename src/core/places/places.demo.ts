import { type Static, Type } from '@sinclair/typebox';
import type { Services } from '../context.js';
import { transaction } from '../db/index.js';
import { writeAudit } from '../audit/audit.js';
import { SYSTEM } from '../auth/actor.js';
import { loadDemoData } from '../demo-data.js';
import { nfc } from '../validation.js';
import { ADMIN_LEVELS } from './places.schema.js';
import { countAdminUnits, insertAdminUnits, type NewAdminUnit } from './places.repository.js';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** The shape of demo/places.json, checked on load. A reorganisation is written the way the
 * resolutions write it: each new unit lists the old units it was formed from (`predecessors`);
 * the old units' `successor_codes` are derived from that. */
export const DemoPlacesSchema = Type.Object(
  {
    note: Type.Optional(Type.String()),
    units: Type.Array(
      Type.Object(
        {
          code: Type.String({ pattern: '^[0-9A-Za-z._-]{1,20}$' }),
          name: Type.String({ minLength: 1 }),
          nameEn: Type.String({ minLength: 1 }),
          level: Type.Union(ADMIN_LEVELS.map((l) => Type.Literal(l))),
          parentCode: Type.Optional(Type.String()),
          validFrom: IsoDate,
          validTo: Type.Optional(IsoDate),
          basis: Type.Optional(Type.String()),
          predecessors: Type.Optional(Type.Array(Type.String())),
          sort: Type.Optional(Type.Integer()),
          lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
          lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type DemoPlaces = Static<typeof DemoPlacesSchema>;

export function loadDemoPlaces(dir?: string): DemoPlaces {
  return loadDemoData('places', DemoPlacesSchema, dir);
}

/**
 * Rows for `admin_units`: successors from the predecessor lists, and a district's successors are
 * the new units its communes went into (so a 2024 figure "by district" can be shown on today's
 * map). Throws on a reference to a code the file does not have, or a successor that starts
 * before its predecessor ended — the data would otherwise silently lose a commune.
 */
export function placesRows(data: DemoPlaces, isDemo: boolean): NewAdminUnit[] {
  const byCode = new Map(data.units.map((u) => [u.code, u]));
  const successors = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    const set = successors.get(from) ?? new Set<string>();
    set.add(to);
    successors.set(from, set);
  };
  for (const u of data.units) {
    if (u.parentCode && !byCode.has(u.parentCode)) throw new Error(`places: ${u.code} has unknown parent ${u.parentCode}`);
    if (u.validTo && u.validTo < u.validFrom) throw new Error(`places: ${u.code} ends before it starts`);
    for (const p of u.predecessors ?? []) {
      const old = byCode.get(p);
      if (!old) throw new Error(`places: ${u.code} lists unknown predecessor ${p}`);
      if (!old.validTo || old.validTo >= u.validFrom) throw new Error(`places: predecessor ${p} of ${u.code} is still in force on ${u.validFrom}`);
      add(p, u.code);
      const parent = old.parentCode ? byCode.get(old.parentCode) : undefined;
      if (parent?.level === 'district' && parent.validTo && parent.validTo < u.validFrom) add(parent.code, u.code);
    }
  }
  return data.units.map((u) => ({
    code: u.code,
    name: nfc(u.name),
    nameEn: nfc(u.nameEn),
    level: u.level,
    parentCode: u.parentCode ?? null,
    validFrom: u.validFrom,
    validTo: u.validTo ?? null,
    successorCodes: [...(successors.get(u.code) ?? [])].sort(),
    basis: u.basis ? nfc(u.basis) : null,
    sort: u.sort ?? 100,
    lat: u.lat ?? null,
    lng: u.lng ?? null,
    isDemo,
  }));
}

/** The demo province, on every demo start while `admin_units` is empty (an agency that loaded
 * its real units keeps them): one bulk insert, ~5 ms. */
export async function seedDemoPlaces(s: Services): Promise<number> {
  if ((await countAdminUnits(s.db)) > 0) return 0;
  const rows = placesRows(loadDemoPlaces(s.config.demoDir), true);
  return transaction(s.pool, async (tx) => {
    const n = await insertAdminUnits(tx, rows);
    if (n) await writeAudit(tx, { actor: SYSTEM }, { action: 'places.seed', entity: 'admin_units', entityId: 'demo', summary: { units: n } });
    return n;
  });
}
