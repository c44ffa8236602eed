import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { demoArtefactValue } from '../../core/demo-artefacts.js';
import { loadDemoData } from '../../core/demo-data.js';
import { saveImage } from '../../core/images/images.js';
import * as repo from './library.items.repository.js';
import type { TextLine } from './library.items.schema.js';

const Str = Type.String();
const DemoSchema = Type.Object({
  note: Type.Optional(Str),
  items: Type.Array(
    Type.Object({
      /** a folded word of the record title to prefer ("dia chi"); empty: any Bình Dương record left */
      match: Str,
      label: Str,
      labelEn: Str,
      attribution: Str,
      ranges: Type.Array(Type.Object({ label: Str, labelEn: Type.Optional(Str), from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) })),
      pages: Type.Array(Str, { minItems: 1 }),
    }),
  ),
});

/** Page geometry of the generated scans: 800 × 1100 px; each character sits in its own 12 px cell,
 * so a word's box on the page follows from its position in the line (search hits are drawn
 * exactly). DejaVu Serif has every Vietnamese precomposed letter (the mono faces here lack some). */
const W = 800;
const H = 1100;
const CELL = 12;
const LEFT = 64;
const TOP = 110;
const LINE = 34;
const COLS = Math.floor((W - 2 * LEFT) / CELL);

export function wrap(text: string, cols = COLS): string[] {
  const out: string[] = [];
  for (const para of text.normalize('NFC').split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > cols) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

const esc = (c: string) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c);

/** One page as a JPEG, and its lines with their boxes. */
export async function renderDemoPage(header: string, text: string, pageNo: number): Promise<{ jpeg: Buffer; lines: TextLine[] }> {
  const lines: TextLine[] = [];
  let glyphs = '';
  wrap(text).forEach((t, i) => {
    const y = TOP + i * LINE;
    if (t) lines.push({ t, x: LEFT, y: y - 22, w: t.length * CELL, h: 30 });
    [...t].forEach((c, k) => {
      if (c !== ' ') glyphs += `<text x="${LEFT + k * CELL + CELL / 2}" y="${y}">${esc(c)}</text>`;
    });
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<rect width="100%" height="100%" fill="#f7f1e1"/><rect x="24" y="24" width="${W - 48}" height="${H - 48}" fill="none" stroke="#c8b98f" stroke-width="2"/>
<text x="${W / 2}" y="62" font-family="DejaVu Serif" font-size="15" fill="#6b5a33" text-anchor="middle">${header.replace(/[&<>]/g, esc)}</text>
<g font-family="DejaVu Serif" font-size="19" fill="#222" text-anchor="middle">${glyphs}</g>
<text x="${W / 2}" y="${H - 44}" font-family="DejaVu Serif" font-size="16" fill="#6b5a33" text-anchor="middle">— ${pageNo} —</text>
<text x="${W - 40}" y="${H - 44}" font-family="DejaVu Sans" font-size="13" fill="#a33" text-anchor="end">DEMO</text></svg>`;
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
  return { jpeg, lines };
}

/** A page drawn once by `npm run build` (dist/demo-artefacts): drawing the demo's pages glyph by
 * glyph took 1–4 s of every first start (issue 9: cold start ≤ 8 s). */
function demoPage(header: string, text: string, pageNo: number) {
  return demoArtefactValue('library-page', [header, text, pageNo], () => renderDemoPage(header, text, pageNo));
}

/** For the build script: draws every demo page into the artefacts folder. */
export async function makeDemoLibraryPages(): Promise<number> {
  const data = loadDemoData('library-items', DemoSchema);
  const pages = await Promise.all(data.items.flatMap((d) => d.pages.map((text, k) => demoPage(d.label, text, k + 1))));
  return pages.length;
}

/**
 * Demo digitised items on demo records of the local-records collection about Bình Dương (L1's
 * demo catalogue), so the reader, the viewer and the content search work on the first start.
 * Idempotent: a record that already has an item is left alone. Pages are drawn in parallel
 * (≈ 10 pages, ~1 s here).
 */
export async function seedLibraryItems(s: Services, opts: { demo: boolean }) {
  if (!opts.demo) return;
  await s.db.execute(sql`INSERT INTO library_reading_rooms (name, cidrs, is_demo) VALUES ('Phòng đọc Thư viện tỉnh (minh họa)', ARRAY['10.20.0.0/16'], true) ON CONFLICT (name) DO NOTHING`);
  const data = loadDemoData('library-items', DemoSchema);
  // every Bình Dương record (62 in the demo): with a limit of 50, "Địa chí Bình Dương" sorted past
  // the cut and the items landed on newspaper clippings the OPAC search does not rank first
  const found = await s.db.execute<{ id: string; t: string; has: boolean }>(
    sql`SELECT r.id, public.vh_unaccent(lower(r.title)) AS t, EXISTS (SELECT 1 FROM library_items i WHERE i.record_id = r.id) AS has
          FROM library_records r
         WHERE r.is_demo AND r.deleted_at IS NULL AND public.vh_unaccent(lower(r.search_text)) LIKE '%binh duong%'
         ORDER BY r.title LIMIT 1000`,
  );
  if (found.rows.some((r) => r.has)) return;
  const free = [...found.rows];
  const plan: { recordId: string; d: (typeof data.items)[number] }[] = [];
  for (const d of data.items) {
    const i = d.match ? free.findIndex((r) => r.t.includes(d.match)) : -1;
    const pick = i >= 0 ? free.splice(i, 1)[0] : free.shift();
    if (pick) plan.push({ recordId: pick.id, d });
  }
  if (!plan.length) return;
  const rendered = await Promise.all(plan.map((p) => Promise.all(p.d.pages.map((text, k) => demoPage(p.d.label, text, k + 1)))));
  const ctx = { services: s, actor: SYSTEM };
  await transaction(s.pool, async (tx) => {
    for (const [n, p] of plan.entries()) {
      const item = await repo.insertItem(tx, { recordId: p.recordId, label: p.d.label, labelEn: p.d.labelEn, access: 'public', rights: 'http://rightsstatements.org/vocab/InC-EDU/1.0/', attribution: p.d.attribution, ranges: p.d.ranges, isDemo: true, createdBy: null });
      const pages: repo.NewPage[] = [];
      for (const [k, r] of rendered[n]!.entries()) {
        const img = await saveImage(tx, s.files, { data: r.jpeg, originalName: `demo-${k + 1}.jpg`, owner: 'library', ownerId: item.id, alt: `${p.d.label}, trang ${k + 1}` });
        pages.push({ itemId: item.id, seq: k + 1, imageId: img.id, width: img.width, height: img.height, label: '', text: p.d.pages[k]!.normalize('NFC'), textSource: 'demo', lines: r.lines });
      }
      await repo.insertPages(tx, pages);
      await repo.updateItem(tx, item.id, { pageCount: pages.length });
      await repo.markRecordDigitised(tx, p.recordId, item.id);
      await writeAudit(tx, ctx, { action: 'library.item_demo', entity: 'library_item', entityId: item.id, summary: { pages: pages.length } });
    }
  });
}
