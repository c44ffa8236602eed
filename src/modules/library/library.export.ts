import { Readable } from 'node:stream';
import type { Services } from '../../core/context.js';
import { toIso2709 } from './library.import.js';
import { dcElements, toMarcXml, xmlEscape } from './library.marc.js';
import type { MarcRecord } from './library.schema.js';

export type ExportFormat = 'marcxml' | 'iso2709' | 'dc' | 'csv';
const PAGE = 1000;

/** Every live record, in keyset pages of 1,000 (constant memory whatever the catalogue size). */
async function* records(s: Services, collectionId?: string): AsyncGenerator<{ id: string; marc: MarcRecord }> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const r = await s.pool.query<{ id: string; marc: MarcRecord }>(
      `SELECT id, marc FROM library_records WHERE deleted_at IS NULL AND id > $1 AND ($2::uuid IS NULL OR collection_id = $2) ORDER BY id LIMIT ${PAGE}`,
      [after, collectionId ?? null],
    );
    for (const x of r.rows) yield x;
    if (r.rows.length < PAGE) return;
    after = r.rows[r.rows.length - 1]!.id;
  }
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v);

export async function* exportChunks(s: Services, format: ExportFormat, collectionId?: string): AsyncGenerator<Buffer> {
  if (format === 'marcxml') yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n');
  if (format === 'dc') yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<records xmlns:dc="http://purl.org/dc/elements/1.1/">\n');
  if (format === 'csv') yield Buffer.from('\uFEFFid,title,authors,year,publisher,isbn,subjects,places,language\n');
  for await (const r of records(s, collectionId)) {
    if (format === 'marcxml') yield Buffer.from(`${toMarcXml(r.marc, false)}\n`);
    else if (format === 'iso2709') yield toIso2709(r.marc);
    else if (format === 'dc') yield Buffer.from(`<record id="${r.id}">${dcElements(r.marc).map(([k, v]) => `<dc:${k}>${xmlEscape(v)}</dc:${k}>`).join('')}</record>\n`);
    else {
      const e = dcElements(r.marc);
      const all = (k: string) => e.filter(([x]) => x === k).map(([, v]) => v);
      yield Buffer.from(
        `${[r.id, all('title')[0] ?? '', all('creator').join('; '), all('date')[0] ?? '', all('publisher')[0] ?? '', all('identifier').join('; '), all('subject').join('; '), all('coverage').join('; '), all('language')[0] ?? ''].map(csvCell).join(',')}\n`,
      );
    }
  }
  if (format === 'marcxml') yield Buffer.from('</collection>\n');
  if (format === 'dc') yield Buffer.from('</records>\n');
}

export function exportRecords(s: Services, format: ExportFormat, collectionId?: string): Readable {
  return Readable.from(exportChunks(s, format, collectionId));
}
