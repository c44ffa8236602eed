import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { type Tx, transaction } from '../../core/db/index.js';
import { loadDemoData } from '../../core/demo-data.js';
import { openA4 } from '../../core/pdf.js';
import { vnIsoDate } from '../../core/validation.js';
import { bboxOf } from './heritage.geometry.js';
import * as repo from './heritage.repository.js';
import * as wrepo from './heritage.workflow.repository.js';
import { zonesChanged } from './heritage.zoneindex.js';
import { stepDueOn } from './heritage.workflow.js';
import {
  FILE_STEPS,
  type FileStep,
  INTANGIBLE_KINDS,
  PRACTITIONER_TITLES,
  heritageArtefactPublications,
  heritageArtefacts,
  heritageIntangibles,
  heritagePractitioners,
  heritageRankingDecisions,
  heritageRelics,
  heritageZones,
  type ZoneGeometry,
} from './heritage.schema.js';

/* Not under a data/ folder: .gitignore leaves data/ out (runtime data), and a lost rules file broke CI once. */
const RULES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'heritage.rules.json');
const RULES_FILE_DIST = RULES_FILE.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`);

/** The legal rules (types, levels, zones, review) are data with effective dates, loaded on every
 * start so a release that adds a rule version reaches existing databases. */
export async function seedRules(s: Services) {
  const file = fs.existsSync(RULES_FILE) ? RULES_FILE : RULES_FILE_DIST;
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as (repo.RuleInput & { workingDays?: number; remindBefore?: number; documents?: string; documentsEn?: string })[];
  const rows = all.filter((r) => r.kind !== 'ranking_step');
  await repo.upsertRules(s.db, rows.map((r) => ({ ...r, body: r.body ?? '', bodyEn: r.bodyEn ?? '', confirmed: r.confirmed ?? true })));
  // The ranking-file steps carry numbers (working days), so they have their own table (0045).
  await wrepo.upsertStepRules(
    s.db,
    all
      .filter((r) => r.kind === 'ranking_step')
      .map((r) => ({
        step: r.key,
        label: r.label,
        labelEn: r.labelEn,
        workingDays: r.workingDays ?? 0,
        remindBefore: r.remindBefore ?? 0,
        documents: r.documents ?? '',
        documentsEn: r.documentsEn ?? '',
        legalBasis: r.legalBasis,
        confirmed: r.confirmed ?? false,
        effectiveFrom: r.effectiveFrom,
        effectiveTo: r.effectiveTo ?? null,
        sort: r.sort ?? 100,
      })),
  );
}

const Str = Type.String();
const Geometry = Type.Object({ type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]), coordinates: Type.Array(Type.Any()) });
const DemoSchema = Type.Object({
  note: Type.Optional(Str),
  relics: Type.Array(
    Type.Object({
      code: Type.String({ pattern: '^[A-Z0-9-]{2,40}$' }),
      name: Str,
      otherNames: Type.Array(Str),
      relicType: Type.Union(['historical', 'architectural_artistic', 'archaeological', 'scenic', 'mixed'].map((x) => Type.Literal(x))),
      address: Str,
      adminUnitCode: Type.Optional(Str),
      manager: Str,
      conservation: Str,
      summary: Str,
      lat: Type.Number({ minimum: 6, maximum: 23.5 }),
      lng: Type.Number({ minimum: 102, maximum: 117.9 }),
      status: Type.Union(['draft', 'review', 'published'].map((x) => Type.Literal(x))),
      profile: Type.Record(Str, Str),
      ministryOpinion: Type.Optional(Str),
      decisions: Type.Array(
        Type.Object({ action: Type.Union(['rank', 'rerank', 'delist'].map((x) => Type.Literal(x))), level: Type.Union([Str, Type.Null()]), number: Str, decidedOn: Str, issuer: Str, note: Type.Optional(Str) }),
      ),
      zones: Type.Optional(Type.Object({ I: Type.Optional(Geometry), II: Type.Optional(Geometry) })),
    }),
  ),
  artefacts: Type.Array(
    Type.Object({
      inventoryNumber: Str,
      name: Str,
      relicCode: Type.Union([Str, Type.Null()]),
      holder: Str,
      material: Str,
      dimensions: Str,
      dating: Str,
      provenance: Str,
      condition: Str,
      location: Str,
      inventoriedOn: Str,
    }),
  ),
  intangibles: Type.Optional(
    Type.Array(
      Type.Object({
        code: Type.String({ pattern: '^PVT-[0-9]{4}$' }),
        name: Str,
        kind: Type.Union(INTANGIBLE_KINDS.map((x) => Type.Literal(x))),
        community: Str,
        area: Str,
        season: Str,
        summary: Str,
        listing: Str,
        status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
        practitioners: Type.Array(
          Type.Object({ fullName: Str, birthYear: Type.Optional(Type.Integer()), title: Type.Union(PRACTITIONER_TITLES.map((x) => Type.Literal(x))), titleYear: Type.Optional(Type.Integer()), titleDecision: Type.Optional(Str) }),
        ),
      }),
    ),
  ),
  /** Ranking files in progress: each step started `daysAgo` days before the seed; every step but
   * the last carries its document (one shared illustrative PDF), as a step is left only with one. */
  rankingFiles: Type.Optional(
    Type.Array(
      Type.Object({
        relicCode: Str,
        proposedLevel: Type.Union(['provincial', 'national', 'special_national'].map((x) => Type.Literal(x))),
        note: Str,
        steps: Type.Array(Type.Object({ step: Type.Union(FILE_STEPS.map((x) => Type.Literal(x))), daysAgo: Type.Integer({ minimum: 0 }), document: Type.Optional(Str) }), { minItems: 1 }),
      }),
    ),
  ),
});
type Demo = Static<typeof DemoSchema>;

/**
 * About 60 demo relics, a dozen with zones, and two dozen artefacts: four bulk inserts and one
 * audit row (the first start must stay under 8 s). The demo zones are simple rings, so they are
 * their own overview and Turf is not loaded at start.
 */
export async function seedHeritage(s: Services, opts: { demo: boolean }) {
  await seedRules(s);
  if (!opts.demo) return;
  const existing = await s.db.execute<{ n: number }>(sql`SELECT COUNT(*)::int AS n FROM heritage_relics`);
  if (existing.rows[0]!.n > 0) return;
  const data: Demo = loadDemoData('heritage', DemoSchema, s.config.demoDir);
  const units = await s.db.execute<{ code: string; name: string }>(sql`SELECT code, name FROM admin_units`).catch(() => ({ rows: [] as { code: string; name: string }[] }));
  const unitName = new Map(units.rows.map((u) => [u.code, u.name]));
  await transaction(s.pool, async (tx) => {
    const now = new Date();
    const inserted = await tx
      .insert(heritageRelics)
      .values(
        data.relics.map((r) => {
          const last = r.decisions.at(-1);
          return {
            code: r.code,
            name: r.name.normalize('NFC'),
            otherNames: r.otherNames,
            relicType: r.relicType,
            level: last && last.action !== 'delist' ? last.level : null,
            address: r.address,
            adminUnitCode: r.adminUnitCode && unitName.has(r.adminUnitCode) ? r.adminUnitCode : null,
            adminUnitName: (r.adminUnitCode && unitName.get(r.adminUnitCode)) ?? null,
            manager: r.manager,
            conservation: r.conservation,
            summary: r.summary,
            profile: r.profile,
            profileDigitised: Object.keys(r.profile).length >= 5,
            ministryOpinion: r.ministryOpinion ?? null,
            lat: r.lat,
            lng: r.lng,
            status: r.status as 'published',
            publishedAt: r.status === 'published' ? now : null,
            isDemo: true,
          };
        }),
      )
      .returning({ id: heritageRelics.id, code: heritageRelics.code });
    const ids = new Map(inserted.map((x) => [x.code, x.id]));
    const decisions = data.relics.flatMap((r) => r.decisions.map((d) => ({ relicId: ids.get(r.code)!, action: d.action as 'rank' | 'rerank' | 'delist', level: d.level, number: d.number, decidedOn: d.decidedOn, issuer: d.issuer, note: d.note ?? '' })));
    if (decisions.length) await tx.insert(heritageRankingDecisions).values(decisions);
    const zones = data.relics.flatMap((r) =>
      (['I', 'II'] as const)
        .filter((k) => r.zones?.[k])
        .map((k) => {
          const g = r.zones![k] as ZoneGeometry;
          const b = bboxOf(g);
          return { relicId: ids.get(r.code)!, zone: k as 'I' | 'II', geometry: g, overview: g, vertexCount: b.vertices, minLng: b.minLng, minLat: b.minLat, maxLng: b.maxLng, maxLat: b.maxLat, source: 'geojson' };
        }),
    );
    if (zones.length) await tx.insert(heritageZones).values(zones);
    if (data.artefacts.length) {
      const arts = await tx
        .insert(heritageArtefacts)
        .values(data.artefacts.map(({ relicCode, ...a }) => ({ ...a, relicId: relicCode ? (ids.get(relicCode) ?? null) : null, isDemo: true as boolean })))
        .returning({ id: heritageArtefacts.id });
      // Demo records count as reviewed, so the public artefact pages have content.
      await tx.insert(heritageArtefactPublications).values(arts.map((a) => ({ artefactId: a.id })));
    }
    const intangibles = data.intangibles ?? [];
    if (intangibles.length) {
      const els = await tx
        .insert(heritageIntangibles)
        .values(intangibles.map(({ practitioners: _, ...i }) => ({ ...i, publishedAt: i.status === 'published' ? now : null, isDemo: true })))
        .returning({ id: heritageIntangibles.id, code: heritageIntangibles.code });
      const elId = new Map(els.map((e) => [e.code, e.id]));
      const people = intangibles.flatMap((i) => i.practitioners.map((p) => ({ ...p, titleDecision: p.titleDecision ?? '', intangibleId: elId.get(i.code)!, isDemo: true })));
      if (people.length) await tx.insert(heritagePractitioners).values(people);
    }
    const files = await seedRankingFiles(s, tx, data.rankingFiles ?? [], ids);
    await writeAudit(tx, { actor: SYSTEM }, { action: 'heritage.demo_seed', entity: 'heritage', entityId: 'demo', summary: { relics: inserted.length, zones: zones.length, artefacts: data.artefacts.length, intangibles: intangibles.length, rankingFiles: files } });
  });
  await zonesChanged(s);
}

const daysBefore = (today: string, n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** The demo ranking files with their step history and deadlines on the working-day calendar. */
async function seedRankingFiles(s: Services, tx: Tx, files: NonNullable<Demo['rankingFiles']>, relicIds: Map<string, string>): Promise<number> {
  if (!files.length) return 0;
  const [rules, cal] = await Promise.all([wrepo.stepRules(tx), s.calendar.calendar()]);
  const today = vnIsoDate();
  // One illustrative PDF for every demo document (a real file carries the department's scans).
  const { doc, done, left, width } = openA4({ Title: 'Tài liệu minh họa (dữ liệu mẫu)' });
  doc.font('B').fontSize(14).text('TÀI LIỆU MINH HỌA', left, doc.y, { width, align: 'center' });
  doc.font('R').fontSize(13).text('Dữ liệu mẫu của hồ sơ xếp hạng di tích: không phải văn bản thật.', { width, align: 'center' });
  doc.end();
  const pdf = await s.files.save(tx, { data: await done, originalName: 'tai-lieu-mau.pdf', allowed: ['application/pdf'] });
  let n = 0;
  for (const f of files) {
    const relicId = relicIds.get(f.relicCode);
    if (!relicId) continue;
    const relic = await repo.findRelic(tx, relicId);
    const steps = f.steps.map((st) => ({ ...st, on: daysBefore(today, st.daysAgo) }));
    const last = steps[steps.length - 1]!;
    const lastDue = stepDueOn(cal, rules, last.step as FileStep, last.on);
    const file = await wrepo.insertFile(tx, {
      code: await wrepo.nextFileCode(tx, steps[0]!.on.slice(0, 4)),
      relicId,
      action: relic?.level ? 'rerank' : 'rank',
      proposedLevel: f.proposedLevel,
      step: last.step as FileStep,
      stepStartedOn: last.on,
      stepDueOn: lastDue,
      note: f.note,
      isDemo: true,
    });
    for (let i = 0; i < steps.length; i++) {
      const st = steps[i]!;
      const next = steps[i + 1];
      await wrepo.insertStep(tx, { fileId: file.id, step: st.step as FileStep, startedOn: st.on, dueOn: stepDueOn(cal, rules, st.step as FileStep, st.on), completedOn: next?.on ?? null, outcome: next ? 'advance' : null, note: i === 0 ? f.note : '', createdAt: new Date(Date.parse(`${st.on}T02:00:00Z`) + i) });
      if (st.document) await wrepo.insertDocument(tx, { fileId: file.id, step: st.step as FileStep, title: st.document, storedFileId: pdf.id });
    }
    n++;
  }
  return n;
}
