import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { loadDemoData } from '../../core/demo-data.js';
import { type AnyGeometry, type LineGeometry, bboxOf, lineLengthMeters } from '../../core/geo/index.js';
import { getAdminUnit } from '../../core/places/index.js';
import { vnIsoDate } from '../../core/validation.js';
import { exactOf, foldName, scaleWarnings } from './naming.queries.js';
import * as repo from './naming.repository.js';
import { type ObjectKind, namingBatchItems, namingBatches, namingNames, namingObjectNames, namingObjects, namingPersons } from './naming.schema.js';

/* Beside the code, not under data/ (.gitignore drops data/, and a lost rules file broke CI once). */
const RULES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'naming.rules.json');
const RULES_FILE_DIST = RULES_FILE.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`);

/** The legal rules and council settings, loaded on every start (a new version reaches old databases). */
export async function seedRules(s: Services) {
  const file = fs.existsSync(RULES_FILE) ? RULES_FILE : RULES_FILE_DIST;
  await repo.upsertRules(s.db, JSON.parse(fs.readFileSync(file, 'utf8')) as repo.RuleInput[]);
}

const Str = Type.String();
const Opt = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Optional(t);
const DemoSchema = Type.Object({
  note: Opt(Str),
  area: Type.Object({ code: Str, boundary: Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Any()) }) }),
  names: Type.Array(
    Type.Object({
      name: Str,
      nameClass: Type.Union(['place', 'noun', 'relic', 'event', 'person'].map((x) => Type.Literal(x))),
      person: Opt(Str),
      variants: Opt(Type.Array(Str)),
      birthYear: Opt(Type.Union([Type.Integer(), Type.Null()])),
      deathYear: Opt(Type.Union([Type.Integer(), Type.Null()])),
      roles: Opt(Str),
      stature: Type.Union(['national', 'provincial', 'local'].map((x) => Type.Literal(x))),
      meaning: Str,
      meaningEn: Str,
      dates: Str,
      sources: Str,
    }),
  ),
  objects: Type.Array(
    Type.Object({
      kind: Type.Union(['street', 'road', 'square', 'park', 'bridge', 'public_work', 'lane'].map((x) => Type.Literal(x))),
      geometry: Type.Object({ type: Str, coordinates: Type.Array(Type.Any()) }),
      widthM: Opt(Type.Number()),
      name: Opt(Str),
      person: Opt(Str),
      since: Str,
      decisionNumber: Str,
    }),
  ),
  batch: Type.Object({ title: Str, consultDays: Type.Integer({ minimum: 1 }), items: Type.Array(Type.Object({ name: Str, objectIndex: Type.Integer() })) }),
});
type Demo = Static<typeof DemoSchema>;

/** Registers an urban area from its administrative unit and boundary (used by demo and tests). */
export async function registerArea(s: Services, code: string, boundary: AnyGeometry, isDemo = false) {
  const u = await getAdminUnit(s.db, code);
  const b = bboxOf(boundary);
  await repo.upsertArea(s.db, { code, name: u?.name ?? code, boundary, minLng: b.minLng, minLat: b.minLat, maxLng: b.maxLng, maxLat: b.maxLat, isDemo });
}

/**
 * One urban area with 150 objects (generated geometries), 200 names (60 persons), the inventory
 * with its known problems (a duplicate, a diacritics-only pair, a person twice, a named lane) and
 * one batch in consultation: six bulk inserts and one audit row; skipped when objects exist.
 */
export async function seedNaming(s: Services, opts: { demo: boolean }) {
  await seedRules(s);
  if (!opts.demo) return;
  const existing = await s.db.execute<{ n: number }>(sql`SELECT COUNT(*)::int AS n FROM naming_objects`);
  if (existing.rows[0]!.n > 0) return;
  const data: Demo = loadDemoData('naming', DemoSchema, s.config.demoDir);
  if (!(await getAdminUnit(s.db, data.area.code))) return; // the demo places were not loaded
  await registerArea(s, data.area.code, data.area.boundary as AnyGeometry, true);
  const rules = await repo.rulesAt(s.db, vnIsoDate());
  await transaction(s.pool, async (tx) => {
    const personRows = data.names.filter((n) => n.nameClass === 'person');
    const persons = await tx
      .insert(namingPersons)
      .values(
        personRows.map((n) => ({
          fullName: n.person ?? n.name,
          fold: foldName(n.person ?? n.name),
          variants: n.variants ?? [],
          variantFolds: (n.variants ?? []).map(foldName),
          birthYear: n.birthYear ?? null,
          deathYear: n.deathYear ?? null,
          roles: n.roles ?? '',
          stature: n.stature,
          isDemo: true,
        })),
      )
      .returning();
    const personByFold = new Map<string, string>();
    for (const p of persons) {
      personByFold.set(p.fold, p.id);
      for (const v of p.variantFolds) personByFold.set(v, p.id);
    }
    const used = new Set(data.objects.map((o) => o.name).filter(Boolean));
    const proposed = new Set(data.batch.items.map((i) => i.name));
    const names = await tx
      .insert(namingNames)
      .values(
        data.names.map((n) => ({
          name: n.name,
          fold: foldName(n.name),
          nameClass: n.nameClass,
          personId: n.nameClass === 'person' ? (personByFold.get(foldName(n.person ?? n.name)) ?? null) : null,
          stature: n.stature,
          meaning: n.meaning,
          meaningEn: n.meaningEn,
          dates: n.dates,
          sources: n.sources,
          status: used.has(n.name) ? ('assigned' as const) : proposed.has(n.name) ? ('proposed' as const) : ('bank' as const),
          isDemo: true,
        })),
      )
      .returning();
    const nameByText = new Map(names.map((n) => [n.name, n]));
    const taken = new Set<string>();
    const objects = await tx
      .insert(namingObjects)
      .values(
        data.objects.map((o, i) => {
          const g = o.geometry as AnyGeometry;
          const b = bboxOf(g);
          const n = o.name ? nameByText.get(o.name) : undefined;
          // A bank name names one object; the demo's duplicates keep the text without the link.
          const linked = n && !taken.has(n.id) ? n : undefined;
          if (linked) taken.add(linked.id);
          const personId = o.person ? (personByFold.get(foldName(o.person)) ?? null) : (n?.personId ?? null);
          return {
            code: `TD-${String(i + 1).padStart(5, '0')}`,
            kind: o.kind as ObjectKind,
            areaCode: data.area.code,
            geometry: g,
            minLng: b.minLng,
            minLat: b.minLat,
            maxLng: b.maxLng,
            maxLat: b.maxLat,
            lengthM: g.type.includes('Line') ? Math.round(lineLengthMeters(g as LineGeometry)) : null,
            widthM: o.widthM ?? null,
            currentName: o.name ?? null,
            fold: o.name ? foldName(o.name) : null,
            exact: o.name ? exactOf(o.name) : null,
            nameClass: o.name ? (n?.nameClass ?? (o.person ? 'person' : o.kind === 'lane' ? null : 'noun')) : null,
            nameId: linked?.id ?? null,
            personId,
            isDemo: true,
          };
        }),
      )
      .returning();
    await tx.insert(namingObjectNames).values(
      objects
        .filter((o) => o.currentName)
        .map((o) => ({ objectId: o.id, name: o.currentName!, nameId: o.nameId, fromDate: '2012-05-10', decisionNumber: '15/2012/NQ-HĐND (minh họa)', decisionDate: '2012-05-10' })),
    );
    const today = vnIsoDate();
    const to = new Date(Date.parse(`${today}T00:00:00Z`) + data.batch.consultDays * 86_400_000).toISOString().slice(0, 10);
    const [batch] = await tx
      .insert(namingBatches)
      .values({ code: `DT-${today.slice(0, 4)}-01`, title: data.batch.title, areaCode: data.area.code, status: 'consultation', consultFrom: today, consultTo: to, isDemo: true })
      .returning();
    await tx.insert(namingBatchItems).values(
      data.batch.items.map((it) => {
        const n = nameByText.get(it.name)!;
        const o = objects[it.objectIndex]!;
        return { batchId: batch!.id, nameId: n.id, objectId: o.id, warnings: scaleWarnings(rules, n, o) };
      }),
    );
    await writeAudit(tx, { actor: SYSTEM }, { action: 'naming.demo_seed', entity: 'naming_area', entityId: data.area.code, summary: { names: names.length, objects: objects.length } });
  });
}
