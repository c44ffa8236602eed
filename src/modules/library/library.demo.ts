import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { loadDemoData } from '../../core/demo-data.js';
import { createUser } from '../../core/identity/identity.commands.js';
import { assignRole, createRole, grantPermissionsToRole } from '../../core/org/org.commands.js';
import { LIBRARY_MANAGE_ALL } from './library.policy.js';
import { marcFromForm, rowOf } from './library.commands.js';
import { blankLeader } from './library.marc.js';
import * as repo from './library.repository.js';
import { libraryAuthorities, libraryCollections, libraryRecords } from './library.schema.js';

/* Not under data/: .gitignore drops data/ folders. */
const TOPICS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'library.topics.json');

/** The địa chí topic scheme is data (library.topics.json), loaded on every start. */
export async function seedTopics(s: Services) {
  const file = fs.existsSync(TOPICS_FILE) ? TOPICS_FILE : TOPICS_FILE.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`);
  const { topics } = JSON.parse(fs.readFileSync(file, 'utf8')) as { topics: { code: string; heading: string }[] };
  await s.db
    .insert(libraryAuthorities)
    .values(topics.map((t) => ({ kind: 'topic' as const, heading: t.heading, code: t.code })))
    .onConflictDoNothing();
}

const Str = Type.String();
const DemoSchema = Type.Object({
  note: Type.Optional(Str),
  collections: Type.Array(Type.Object({ code: Str, name: Str, nameEn: Str, access: Type.Union([Type.Literal('public'), Type.Literal('reading_room'), Type.Literal('restricted')]), isDiaChi: Type.Boolean(), sort: Type.Integer() })),
  places: Type.Array(Type.Object({ code: Str, heading: Str, variants: Type.Array(Str), note: Str })),
  records: Type.Array(
    Type.Object({
      controlNumber: Str,
      collection: Str,
      title: Str,
      author: Str,
      otherAuthors: Type.Array(Str),
      year: Type.Integer(),
      place: Str,
      publisher: Str,
      subjects: Type.Array(Str),
      places: Type.Array(Str),
      topics: Type.Array(Str),
      type: Str,
      summary: Str,
      isbn: Type.Optional(Str),
    }),
  ),
});

/** A stable id per demo control number: re-seeding finds the same rows (idempotent). */
const demoId = (cn: string) => {
  const h = crypto.createHash('sha256').update(`library-demo:${cn}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
export const DEMO_LIBRARIAN = 'thuvien@vanhien.test';

/** The librarian role (cataloguing, imports) and the demo librarian of unit TV, through the
 * core's identity and org commands. */
async function seedLibrarian(s: Services) {
  const ctx = { services: s, actor: SYSTEM };
  const role = await s.db.execute(sql`SELECT 1 FROM roles WHERE code = 'thu_thu'`);
  if (!role.rows.length) await createRole(ctx, { code: 'thu_thu', name: 'Thủ thư', description: 'Biên mục, nhập/xuất biểu ghi, số hóa tài liệu (Thư viện tỉnh)' });
  await grantPermissionsToRole(ctx, 'thu_thu', [LIBRARY_MANAGE_ALL]);
  const has = await s.db.execute(sql`SELECT 1 FROM users WHERE email = ${DEMO_LIBRARIAN}`);
  if (has.rows.length) return;
  const unit = await s.db.execute<{ id: string }>(sql`SELECT id FROM units WHERE code = 'TV' LIMIT 1`);
  const user = await createUser(ctx, { email: DEMO_LIBRARIAN, fullName: 'Mai Thị Thư Viện', kind: 'staff', password: s.config.demoPassword });
  await assignRole(ctx, { userId: user.id, roleCode: 'thu_thu', unitId: unit.rows[0]?.id ?? null, validFrom: '01/01/2020' });
}

export async function seedLibrary(s: Services, opts: { demo: boolean }) {
  await seedTopics(s);
  if (!opts.demo) return;
  const data = loadDemoData('library', DemoSchema, s.config.demoDir);
  await seedLibrarian(s);
  await transaction(s.pool, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7316012)`);
    await tx.insert(libraryCollections).values(data.collections.map((c) => ({ ...c, isDemo: true }))).onConflictDoNothing();
    await tx.insert(libraryAuthorities).values(data.places.map((p) => ({ kind: 'place' as const, heading: p.heading, code: p.code, variants: p.variants, note: p.note, isDemo: true }))).onConflictDoNothing();
    const cols = new Map((await tx.select({ id: libraryCollections.id, code: libraryCollections.code }).from(libraryCollections)).map((c) => [c.code, c.id]));
    const places = await repo.placeCodeMap(tx);
    const rows = data.records
      .filter((r) => cols.has(r.collection))
      .map((r) => {
        const marc = marcFromForm(
          { title: r.title, author: r.author, otherAuthors: r.otherAuthors.join('\n'), year: String(r.year), place: r.place, publisher: r.publisher, isbn: r.isbn, subjects: r.subjects.join('\n'), places: r.places.join('\n'), topics: r.topics.join(';'), summary: r.summary, notes: 'Biểu ghi minh họa (demo).' },
          { leader: blankLeader(r.type), fields: [{ tag: '001', value: r.controlNumber }, { tag: '003', value: 'VH' }, ...(r.type === 'thesis' ? [{ tag: '502', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'Luận văn thạc sĩ (demo)' }] }] : [])] },
        );
        return { id: demoId(r.controlNumber), ...rowOf(marc, cols.get(r.collection)!, places, { isDemo: true }) };
      });
    const inserted = await tx.insert(libraryRecords).values(rows).onConflictDoNothing().returning({ id: libraryRecords.id });
    if (inserted.length) await writeAudit(tx, { actor: SYSTEM }, { action: 'library.demo_seed', entity: 'library_record', entityId: 'demo', summary: { records: inserted.length } });
  });
}
