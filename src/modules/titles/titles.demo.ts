import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { addDays } from '../../core/calendar/date.js';
import type { Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { loadDemoData } from '../../core/demo-data.js';
import { getAdminUnit } from '../../core/places/index.js';
import { RULES } from './titles.rules.js';
import { titlesCriteriaVersions, titlesCycles, titlesEntries, titlesHouseholds, titlesVillages } from './titles.schema.js';

const DemoSchema = Type.Object({
  note: Type.Optional(Type.String()),
  communes: Type.Array(
    Type.Object({
      code: Type.String(),
      formerCode: Type.Optional(Type.String()),
      villages: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), households: Type.Array(Type.Object({ code: Type.String(), headName: Type.String(), members: Type.Integer() })) })),
      rounds: Type.Optional(Type.Array(Type.Object({ year: Type.Integer(), decisionNumber: Type.String(), listingStart: Type.String(), recognisedShare: Type.Number() }))),
    }),
  ),
});
type Demo = Static<typeof DemoSchema>;

/** The criteria versions of the rules file, on every start (a release adding a decree version
 * reaches existing databases; an existing version is left as the administrator edited it). */
export async function seedCriteria(s: Services) {
  await s.db
    .insert(titlesCriteriaVersions)
    .values(RULES.criteria.map((c) => ({ ...c })))
    .onConflictDoNothing();
}

/** Demo: five communes' villages and households, three years of rounds for three of them (2024
 * under the commune codes before the 1 Jul 2025 merger). Bulk inserts, once. */
export async function seedTitlesDemo(s: Services) {
  const [{ n }] = (await s.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM titles_villages`)).rows as [{ n: number }];
  if (n > 0) return;
  const data: Demo = loadDemoData('titles', DemoSchema, s.config.demoDir);
  const criteria = (await s.db.select().from(titlesCriteriaVersions).where(sql`title_kind = 'household'`).orderBy(titlesCriteriaVersions.effectiveFrom))[0];
  const villageCriteria = (await s.db.select().from(titlesCriteriaVersions).where(sql`title_kind = 'village'`).orderBy(titlesCriteriaVersions.effectiveFrom))[0];
  if (!criteria || !villageCriteria) return;
  const shareRule = villageCriteria.groups.flatMap((g) => g.criteria).find((k) => k.computed === 'household_share');
  const names = new Map<string, string>();
  for (const c of data.communes) for (const code of [c.code, c.formerCode]) if (code && !names.has(code)) names.set(code, (await getAdminUnit(s.db, code))?.name ?? code);
  await transaction(s.pool, async (tx) => {
    const villages = await tx
      .insert(titlesVillages)
      .values(data.communes.flatMap((c) => c.villages.map((v) => ({ code: v.code, name: v.name, kind: 'thon' as const, communeCode: c.code, validFrom: '2025-07-01', isDemo: true }))))
      .returning({ id: titlesVillages.id, code: titlesVillages.code });
    const vid = new Map(villages.map((v) => [v.code, v.id]));
    const households = await tx
      .insert(titlesHouseholds)
      .values(data.communes.flatMap((c) => c.villages.flatMap((v) => v.households.map((h) => ({ ...h, address: v.name, villageId: vid.get(v.code)!, isDemo: true })))))
      .returning({ id: titlesHouseholds.id, code: titlesHouseholds.code, villageId: titlesHouseholds.villageId });
    const hid = new Map(households.map((h) => [h.code, h]));
    for (const c of data.communes) {
      const lastYear = Math.max(...(c.rounds ?? []).map((r) => r.year));
      for (const r of c.rounds ?? []) {
        const code = r.year < 2025 && c.formerCode ? c.formerCode : c.code;
        const listingEnd = addDays(r.listingStart, 9);
        const [cy] = await tx
          .insert(titlesCycles)
          .values({
            communeCode: code,
            communeName: names.get(code)!,
            year: r.year,
            status: 'published',
            criteriaVersionId: criteria.id,
            openedOn: `${r.year}-02-15`,
            listingStart: r.listingStart,
            listingEnd,
            minutesNumber: `${r.year % 100}/BB-HĐ`,
            minutesDate: addDays(listingEnd, 2),
            minutesText: 'Hội đồng thống nhất đề nghị công nhận các hộ có tên trong danh sách niêm yết (dữ liệu minh họa).',
            decisionNumber: r.decisionNumber,
            decisionDate: addDays(listingEnd, 5),
            decisionSigner: 'Chủ tịch UBND (minh họa)',
            decisionDue: addDays(listingEnd, 16),
            publishDue: addDays(listingEnd, 20),
            publishedOn: addDays(listingEnd, 8),
            isDemo: true,
          })
          .returning();
        const all = c.villages.flatMap((v) => v.households.map((h) => hid.get(h.code)!));
        const cut = Math.floor(all.length * r.recognisedShare);
        const yes = Object.fromEntries(criteria.groups.flatMap((g) => g.criteria.map((k) => [k.code, k.kind === 'yes_no' ? 'yes' : String(k.max ?? k.min ?? 1)])));
        await tx.insert(titlesEntries).values(all.map((h, i) => ({ cycleId: cy!.id, householdId: h.id, villageId: h.villageId, year: r.year, communeCode: code, status: i < cut ? ('recognised' as const) : ('not_met' as const), answers: i < cut ? yes : {} })));
        await tx.execute(sql`INSERT INTO titles_stats (commune_code, year, title_kind, total, recognised) VALUES (${code}, ${r.year}, 'household', ${all.length}, ${cut}) ON CONFLICT DO NOTHING`);
        // The village round of the same year (all but the last year, left for the officer to run):
        // a village holds the title when the share of its households recognised reaches the
        // criterion's minimum; its other criteria are met.
        if (r.year === lastYear) continue;
        const [vc] = await tx
          .insert(titlesCycles)
          .values({ ...cy!, id: undefined, titleKind: 'village', criteriaVersionId: villageCriteria.id, decisionNumber: `${r.decisionNumber.split('/')[0]}b/QĐ-UBND`, createdAt: undefined })
          .returning();
        let recognisedVillages = 0;
        const rows = c.villages.map((v) => {
          const mine = v.households.map((h) => all.indexOf(hid.get(h.code)!));
          const share = Math.round((mine.filter((i) => i < cut).length * 1000) / mine.length) / 10;
          const ok = share >= (shareRule?.min ?? 0);
          if (ok) recognisedVillages++;
          const answers = Object.fromEntries(villageCriteria.groups.flatMap((g) => g.criteria.map((k) => [k.code, k.computed ? String(share) : k.kind === 'yes_no' ? 'yes' : String(k.max ?? k.min ?? 1)])));
          return { cycleId: vc!.id, titleKind: 'village' as const, householdId: null, villageId: vid.get(v.code)!, year: r.year, communeCode: code, status: ok ? ('recognised' as const) : ('not_met' as const), answers };
        });
        await tx.insert(titlesEntries).values(rows);
        await tx.execute(sql`INSERT INTO titles_stats (commune_code, year, title_kind, total, recognised) VALUES (${code}, ${r.year}, 'village', ${rows.length}, ${recognisedVillages}) ON CONFLICT DO NOTHING`);
      }
    }
    await writeAudit(tx, { actor: SYSTEM }, { action: 'titles.seed_demo', entity: 'titles_cycle', entityId: 'demo', summary: { households: households.length } });
  });
}
