import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { libraryCollections, libraryRecords } from './library.schema.js';

export type Collection = typeof libraryCollections.$inferSelect;
export type LibraryRecord = typeof libraryRecords.$inferSelect;

export interface RecordSummary {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  collectionId: string;
  collectionName: string;
  access: 'public' | 'reading_room' | 'restricted';
  deleted: boolean;
}

export async function recordSummary(db: Executor, id: string): Promise<RecordSummary | undefined> {
  const r = await db.execute<{ id: string; title: string; authors: string[]; year: number | null; collection_id: string; name: string; access: RecordSummary['access']; deleted: boolean }>(
    sql`SELECT r.id, r.title, r.authors, r.year, r.collection_id, c.name, c.access, r.deleted_at IS NOT NULL AS deleted
          FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE r.id = ${id}`,
  );
  const x = r.rows[0];
  if (!x) return undefined;
  return { id: x.id, title: x.title, authors: x.authors, year: x.year, collectionId: x.collection_id, collectionName: x.name, access: x.access, deleted: x.deleted };
}
