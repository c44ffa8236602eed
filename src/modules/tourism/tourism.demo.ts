import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { loadDemoData } from '../../core/demo-data.js';
import type { Panorama } from './tourism.repository.js';
import { tourismDestinations, tourismEvents, tourismItineraries, tourismPanoramas, tourismTours, tourismTourVersions, type TourDoc } from './tourism.schema.js';

const Str = Type.String();
const Hours = Type.Array(Type.Object({ days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })), opens: Str, closes: Str }));
const Code = Type.String({ pattern: '^[A-Z0-9-]{2,40}$' });
const DemoSchema = Type.Object({
  note: Type.Optional(Str),
  destinations: Type.Array(
    Type.Object({
      code: Code,
      category: Type.Union(['attraction', 'relic', 'museum', 'park', 'craft_village', 'restaurant', 'hotel'].map((x) => Type.Literal(x))),
      name: Str,
      nameEn: Str,
      summary: Str,
      summaryEn: Str,
      address: Str,
      adminUnitCode: Str,
      adminUnitName: Str,
      lat: Type.Number(),
      lng: Type.Number(),
      openingHours: Hours,
      priceVnd: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
      accessibility: Str,
      phone: Str,
      relicCode: Type.Optional(Str),
      cameraSite: Type.Optional(Str),
      translations: Type.Optional(Type.Record(Str, Type.Object({ name: Type.Optional(Str), summary: Type.Optional(Str) }))),
    }),
  ),
  events: Type.Array(
    Type.Object({
      code: Code,
      kind: Str,
      name: Str,
      nameEn: Str,
      summary: Str,
      summaryEn: Str,
      location: Str,
      destinationCode: Type.Optional(Code),
      calendar: Type.Union([Type.Literal('lunar'), Type.Literal('solar'), Type.Literal('once')]),
      month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
      day: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
      startDate: Type.Optional(Str),
      durationDays: Type.Integer({ minimum: 1, maximum: 366 }),
    }),
  ),
  itineraries: Type.Array(Type.Object({ code: Code, name: Str, nameEn: Str, summary: Str, summaryEn: Str, days: Type.Integer({ minimum: 1 }), stops: Type.Array(Type.Object({ day: Type.Integer(), destinationCode: Code, note: Type.Optional(Str) })) })),
  tours: Type.Array(
    Type.Object({
      code: Code,
      title: Str,
      titleEn: Str,
      summary: Str,
      destinationCode: Code,
      scenes: Type.Array(
        Type.Object({
          id: Str,
          title: Str,
          titleEn: Str,
          initial: Type.Object({ yaw: Type.Number(), pitch: Type.Number() }),
          hotspots: Type.Array(Type.Object({ id: Str, kind: Type.Union([Type.Literal('scene'), Type.Literal('info'), Type.Literal('destination')]), yaw: Type.Number(), pitch: Type.Number(), title: Str, text: Type.Optional(Str), target: Type.Optional(Str) })),
        }),
      ),
    }),
  ),
});
export type TourismDemo = Static<typeof DemoSchema>;

/**
 * Demo content (demo/tourism.json, written for this project): 40 destinations, 15 events, two
 * itineraries and two published tours of five scenes. The tours' panoramas are rows without a file:
 * the tiling job draws them (drawDemoPanorama) after start, so the first `npm start` stays quick.
 */
export async function seedTourismDemo(s: Services): Promise<void> {
  const demo = loadDemoData('tourism', DemoSchema);
  await transaction(s.pool, async (tx) => {
    const exists = await tx.execute(sql`SELECT 1 FROM tourism_destinations WHERE is_demo LIMIT 1`);
    if (exists.rows.length) return;
    await tx.insert(tourismDestinations).values(demo.destinations.map((d) => ({ ...d, relicCode: d.relicCode ?? null, cameraSite: d.cameraSite ?? null, translations: d.translations ?? {}, isDemo: true })));
    await tx.insert(tourismEvents).values(demo.events.map((e) => ({ ...e, destinationCode: e.destinationCode ?? null, month: e.month ?? null, day: e.day ?? null, startDate: e.startDate ?? null, isDemo: true })));
    await tx.insert(tourismItineraries).values(demo.itineraries.map((i) => ({ ...i, isDemo: true })));
    for (const t of demo.tours) {
      const [tour] = await tx.insert(tourismTours).values({ code: t.code, title: t.title, titleEn: t.titleEn, summary: t.summary, destinationCode: t.destinationCode, draft: { start: '', scenes: [] }, isDemo: true }).returning({ id: tourismTours.id });
      const panos = await tx
        .insert(tourismPanoramas)
        .values(t.scenes.map((sc, i) => ({ tourId: tour!.id, title: `${t.code}|${i}|${sc.title}`, width: 2048, height: 1024 })))
        .returning({ id: tourismPanoramas.id });
      const doc: TourDoc = { start: t.scenes[0]!.id, scenes: t.scenes.map((sc, i) => ({ ...sc, panoramaId: panos[i]!.id })) };
      await tx.update(tourismTours).set({ draft: doc, publishedVersion: 1, publishedAt: new Date() }).where(sql`id = ${tour!.id}`);
      await tx.insert(tourismTourVersions).values({ tourId: tour!.id, version: 1, doc });
    }
    await writeAudit(tx, { actor: SYSTEM }, { action: 'tourism.demo_seed', entity: 'tourism', summary: { destinations: demo.destinations.length, events: demo.events.length, tours: demo.tours.length } });
  });
}

/** A procedurally drawn equirectangular scene (2048 × 1024): sky, hills, a building, a label. */
export async function drawDemoPanorama(p: Panorama): Promise<Buffer> {
  const [code = '', idx = '0', title = ''] = p.title.split('|');
  const i = Number(idx);
  const hue = (code.length * 37 + i * 61) % 360;
  const W = 2048;
  const H = 1024;
  let seed = code.length * 1000 + i * 97 + 13;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  // Hills: a closed ridge whose ends meet at yaw ±180°, so the seam is invisible.
  const pts: string[] = [];
  const base = H * 0.55;
  const k = [1 + Math.floor(rnd() * 3), 3 + Math.floor(rnd() * 4), 7 + Math.floor(rnd() * 5)];
  const ph = [rnd() * 6.28, rnd() * 6.28, rnd() * 6.28];
  for (let x = 0; x <= W; x += 16) {
    const a = (x / W) * Math.PI * 2;
    const y = base - 60 * Math.sin(k[0]! * a + ph[0]!) - 30 * Math.sin(k[1]! * a + ph[1]!) - 12 * Math.sin(k[2]! * a + ph[2]!);
    pts.push(`${x},${y.toFixed(1)}`);
  }
  const columns = Array.from({ length: 8 }, (_, c) => {
    const x = 824 + c * 50;
    return `<rect x="${x}" y="430" width="16" height="200" fill="hsl(${(hue + 180) % 360},40%,35%)"/>`;
  }).join('');
  const esc = (x: string) => x.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,35%)"/><stop offset="0.5" stop-color="hsl(${hue},55%,75%)"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#sky)"/>
<circle cx="${300 + i * 250}" cy="260" r="60" fill="#fff6c8"/>
<polygon points="0,${H} ${pts.join(' ')} ${W},${H}" fill="hsl(${(hue + 90) % 360},35%,38%)"/>
<rect x="0" y="${H * 0.7}" width="${W}" height="${H * 0.3}" fill="hsl(${(hue + 60) % 360},25%,30%)"/>
<polygon points="780,430 1224,430 1002,330" fill="hsl(${(hue + 200) % 360},45%,30%)"/>${columns}
<rect x="760" y="630" width="484" height="24" fill="#5d4037"/>
<text x="1024" y="760" font-family="sans-serif" font-size="56" fill="#fff" text-anchor="middle">${esc(title)}</text>
<text x="1024" y="820" font-family="sans-serif" font-size="32" fill="#fff" text-anchor="middle">ẢNH MINH HỌA – DEMO</text>
<text x="0" y="760" font-family="sans-serif" font-size="40" fill="#fff">← 180°</text><text x="${W - 130}" y="760" font-family="sans-serif" font-size="40" fill="#fff">180° →</text>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
