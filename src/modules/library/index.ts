/** The library's public surface (ADR 008): what other modules (and the digitised items) may use. */
import type { Services } from '../../core/context.js';
import { UUID_RE } from '../../core/validation.js';
import { type RecordSummary, recordSummary } from './library.repository.js';

export type { RecordSummary };
export type { AccessLevel } from './library.schema.js';

/** Title, authors, year and the collection's access level of one record (deleted ones included,
 * flagged), for the reader page of a digitised item. */
export async function findRecordSummary(services: Services, id: string): Promise<RecordSummary | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  return recordSummary(services.db, id);
}

/** The public page of a record. */
export const recordHref = (id: string) => `/thu-vien/bieu-ghi/${id}`;
