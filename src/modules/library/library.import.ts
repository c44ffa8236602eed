import { ISO2709, MARCXML, type NatlibRecord } from '@natlibfi/marc-record-serializers';
import type { MarcRecord } from './library.schema.js';

export type MarcFormat = 'marcxml' | 'iso2709';

export interface ParsedItem {
  /** 1-based position of the record in the file */
  position: number;
  /** byte offset of the record (ISO 2709) or character offset (MARCXML) */
  offset: number;
  record?: MarcRecord;
  error?: string;
}

const LAX = { fields: false, subfields: false, subfieldValues: false, controlFieldValues: false, leader: false, characters: false, noControlCharacters: false, noAdditionalProperties: false };

/** The format from the bytes, never the file name: MARCXML starts with '<' (after a BOM or
 * blanks), ISO 2709 with a five-digit record length. */
export function sniffMarc(data: Buffer): MarcFormat | undefined {
  const head = data.subarray(0, 64).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('<')) return 'marcxml';
  if (/^\d{5}[a-z ]{5}[\d ]{2}\d{5}/.test(head)) return 'iso2709';
  return undefined;
}

const plain = (r: NatlibRecord): MarcRecord => ({
  leader: r.leader,
  fields: r.fields.map((f) => (f.subfields ? { tag: f.tag, ind1: f.ind1 ?? ' ', ind2: f.ind2 ?? ' ', subfields: f.subfields.map((s) => ({ code: s.code, value: s.value ?? '' })) } : { tag: f.tag, value: f.value ?? '' })),
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One ISO 2709 record (without its 0x1D terminator), checked byte by byte before the library
 * reads it: the library trusts the directory and would return garbage for a wrong length. */
export function parseIso2709Record(bytes: Buffer): MarcRecord {
  if (bytes.length < 25) throw new Error('Biểu ghi quá ngắn (thiếu đầu biểu 24 byte).');
  const leader = bytes.subarray(0, 24).toString('latin1');
  if (!/^\d{5}/.test(leader)) throw new Error('Đầu biểu sai: 5 ký tự đầu phải là độ dài biểu ghi.');
  const declared = Number(leader.slice(0, 5));
  if (declared !== bytes.length + 1) throw new Error(`Độ dài biểu ghi sai: đầu biểu ghi ${declared} byte, thực tế ${bytes.length + 1} byte.`);
  if (leader[9] !== 'a') throw new Error('Biểu ghi mã MARC-8 (đầu biểu vị trí 09 không phải "a"): hãy chuyển sang UTF-8 trước khi nhập.');
  const base = Number(leader.slice(12, 17));
  if (!/^\d{5}$/.test(leader.slice(12, 17)) || base < 25 || base > bytes.length || bytes[base - 1] !== 0x1e || (base - 25) % 12 !== 0) {
    throw new Error('Đầu biểu sai: địa chỉ bắt đầu dữ liệu (vị trí 12–16) không khớp với danh mục.');
  }
  const dir = bytes.subarray(24, base - 1).toString('latin1');
  for (let i = 0; i < dir.length; i += 12) {
    const e = dir.slice(i, i + 12);
    if (!/^\d{12}$/.test(e.replace(/^[0-9A-Za-z]{3}/, '000'))) throw new Error(`Danh mục sai ở mục ${i / 12 + 1}.`);
    const len = Number(e.slice(3, 7));
    const start = Number(e.slice(7, 12));
    if (base + start + len > bytes.length) throw new Error(`Trường ${e.slice(0, 3)}: độ dài/vị trí vượt quá biểu ghi.`);
    if (bytes[base + start + len - 1] !== 0x1e) throw new Error(`Trường ${e.slice(0, 3)}: độ dài trong danh mục sai (không kết thúc bằng dấu kết thúc trường).`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Error('Dữ liệu không phải UTF-8 hợp lệ.');
  }
  return plain(ISO2709.from(text, LAX));
}

/** Records of an ISO 2709 file in order, each parsed or reported with its position. */
export function* readIso2709(data: Buffer): Generator<ParsedItem> {
  let offset = 0;
  let position = 0;
  while (offset < data.length) {
    // files from some systems end with a newline or padding after the last record
    if (data.subarray(offset).every((b) => b === 0x0a || b === 0x0d || b === 0x20 || b === 0x1a)) return;
    const end = data.indexOf(0x1d, offset);
    const stop = end === -1 ? data.length : end;
    position++;
    const bytes = data.subarray(offset, stop);
    try {
      yield { position, offset, record: parseIso2709Record(bytes) };
    } catch (e) {
      yield { position, offset, error: end === -1 ? 'Biểu ghi cuối không có dấu kết thúc biểu ghi (0x1D).' : (e as Error).message };
    }
    offset = stop + 1;
  }
}

/** Records of a MARCXML file (a <collection> or a single <record>, with or without a prefix),
 * split on the record elements so a bad record does not stop the rest. */
export async function* readMarcXml(data: Buffer): AsyncGenerator<ParsedItem> {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    yield { position: 1, offset: 0, error: 'Tệp MARCXML không phải UTF-8 hợp lệ.' };
    return;
  }
  const re = /<(?:([A-Za-z_][\w.-]*):)?record[\s>]/g;
  let position = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const prefix = m[1] ? `${m[1]}:` : '';
    const endTag = `</${prefix}record>`;
    const end = text.indexOf(endTag, m.index);
    position++;
    if (end === -1) {
      yield { position, offset: m.index, error: 'Biểu ghi không có thẻ đóng </record>.' };
      return;
    }
    let chunk = text.slice(m.index, end + endTag.length);
    if (prefix) chunk = chunk.replace(new RegExp(`<(/?)${prefix}`, 'g'), '<$1');
    re.lastIndex = end + endTag.length;
    try {
      if (!/<leader>[^<]{24}<\/leader>/.test(chunk)) throw new Error('Đầu biểu (leader) thiếu hoặc không đủ 24 ký tự.');
      const rec = plain(await MARCXML.from(chunk, LAX));
      yield { position, offset: m.index, record: rec };
    } catch (e) {
      const msg = (e as Error).message;
      yield { position, offset: m.index, error: msg.startsWith('Đầu') ? msg : `XML của biểu ghi không hợp lệ: ${msg.split('\n')[0]}` };
    }
  }
  if (position === 0) yield { position: 1, offset: 0, error: 'Không tìm thấy biểu ghi MARCXML nào (<record>).' };
}

export async function* readMarc(data: Buffer, format: MarcFormat): AsyncGenerator<ParsedItem> {
  if (format === 'iso2709') yield* readIso2709(data);
  else yield* readMarcXml(data);
}

// ── Export ──
export function toIso2709(r: MarcRecord): Buffer {
  const like = { leader: r.leader, getControlfields: () => r.fields.filter((f) => f.subfields === undefined), getDatafields: () => r.fields.filter((f) => f.subfields !== undefined) };
  return Buffer.from(ISO2709.to(like), 'utf8');
}
