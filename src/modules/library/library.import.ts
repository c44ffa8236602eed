import { MARCXML, type NatlibRecord } from '@natlibfi/marc-record-serializers';
import type { MarcField, MarcRecord } from './library.schema.js';

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
  try {
    utf8.decode(bytes);
  } catch {
    throw new Error('Dữ liệu không phải UTF-8 hợp lệ.');
  }
  // The directory was checked above against the bytes, so fields are cut by byte offsets here.
  // The serializer's own reader re-validates every field against a JSON schema (about 1 ms a
  // record, the whole import budget) and counts UTF-8 lengths on a string; slicing bytes is exact.
  const fields: MarcField[] = [];
  for (let i = 0; i < dir.length; i += 12) {
    const tag = dir.slice(i, i + 3);
    const start = base + Number(dir.slice(i + 7, i + 12));
    const body = bytes.subarray(start, start + Number(dir.slice(i + 3, i + 7)) - 1);
    if (tag.startsWith('00')) {
      fields.push({ tag, value: utf8.decode(body) });
      continue;
    }
    if (body.length < 2 || (body.length > 2 && body[2] !== 0x1f)) throw new Error(`Trường ${tag}: thiếu chỉ thị hoặc dấu phân cách trường con (0x1F).`);
    const subfields: { code: string; value: string }[] = [];
    let at = 3;
    while (at <= body.length) {
      let next = body.indexOf(0x1f, at);
      if (next === -1) next = body.length;
      if (next > at) subfields.push({ code: String.fromCharCode(body[at]!), value: utf8.decode(body.subarray(at + 1, next)) });
      at = next + 1;
    }
    fields.push({ tag, ind1: String.fromCharCode(body[0]!), ind2: String.fromCharCode(body[1]!), subfields });
  }
  return { leader, fields };
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

class OffFastPath extends Error {}
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const xmlText = (raw: string): string => {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&<]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new OffFastPath();
    if (name in ENTITIES) return ENTITIES[name]!;
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : /^#\d{1,7}$/.test(name) ? Number(name.slice(1)) : NaN;
    if (!(code > 0 && code <= 0x10ffff)) throw new OffFastPath();
    return String.fromCodePoint(code);
  });
};
const TAG = /\s*<(\/?)(record|leader|controlfield|datafield|subfield)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*>/y;
const TEXT = /[^<]*/y;
const ATTR = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;

/** One MARCXML <record> (prefix already removed) in the plain shape MARCXML writers produce:
 * only the five MARC elements, attributes, text and the XML entities. Anything else (comments,
 * CDATA, other elements, a self-closed element, mismatched tags) leaves the fast path and the
 * record goes to the serializer, which is slower (an XML tree and a schema check per field) but
 * reads any well-formed XML and says what is wrong with the rest. */
function fastMarcXml(chunk: string): MarcRecord {
  let at = 0;
  const next = () => {
    TAG.lastIndex = at;
    const m = TAG.exec(chunk);
    if (!m) throw new OffFastPath();
    at = TAG.lastIndex;
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(ATTR)) attrs[a[1]!] = xmlText(a[2] ?? a[3] ?? '');
    return { close: m[1] === '/', name: m[2]!, attrs };
  };
  const text = (name: string) => {
    TEXT.lastIndex = at;
    const raw = TEXT.exec(chunk)![0];
    at = TEXT.lastIndex;
    const end = next();
    if (!end.close || end.name !== name) throw new OffFastPath();
    return xmlText(raw);
  };
  const open = next();
  if (open.close || open.name !== 'record') throw new OffFastPath();
  let leader: string | undefined;
  const fields: MarcField[] = [];
  for (;;) {
    const t = next();
    if (t.close) {
      if (t.name !== 'record' || chunk.slice(at).trim() !== '') throw new OffFastPath();
      break;
    }
    if (t.name === 'leader' && leader === undefined) leader = text('leader');
    else if (t.name === 'controlfield' && t.attrs.tag) fields.push({ tag: t.attrs.tag, value: text('controlfield') });
    else if (t.name === 'datafield' && t.attrs.tag) {
      const subfields: { code: string; value: string }[] = [];
      for (;;) {
        const sf = next();
        if (sf.close && sf.name === 'datafield') break;
        if (sf.close || sf.name !== 'subfield' || sf.attrs.code === undefined) throw new OffFastPath();
        subfields.push({ code: sf.attrs.code, value: text('subfield') });
      }
      fields.push({ tag: t.attrs.tag, ind1: t.attrs.ind1 || ' ', ind2: t.attrs.ind2 || ' ', subfields });
    } else throw new OffFastPath();
  }
  return { leader: leader ?? '', fields };
}

async function parseMarcXmlRecord(chunk: string): Promise<MarcRecord> {
  try {
    return fastMarcXml(chunk);
  } catch (e) {
    if (!(e instanceof OffFastPath)) throw e;
    return plain(await MARCXML.from(chunk, LAX));
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
      const rec = await parseMarcXmlRecord(chunk);
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
/** ISO 2709 with UTF-8 data (leader position 09 = "a"); lengths and offsets count bytes.
 * Written here rather than by the serializer, whose writer throws on characters outside the
 * Basic Multilingual Plane (it encodes UTF-16 halves one by one). */
export function toIso2709(r: MarcRecord): Buffer {
  const FT = 0x1e;
  const dir: string[] = [];
  const parts: Buffer[] = [];
  let offset = 0;
  for (const f of r.fields) {
    const body =
      f.subfields === undefined
        ? Buffer.from(`${f.value ?? ''}\x1E`, 'utf8')
        : Buffer.from(`${(f.ind1 ?? ' ').slice(0, 1).padEnd(1)}${(f.ind2 ?? ' ').slice(0, 1).padEnd(1)}${f.subfields.map((x) => `\x1F${x.code}${x.value}`).join('')}\x1E`, 'utf8');
    if (body.length > 9999) throw new Error(`Trường ${f.tag} dài quá 9.999 byte, không ghi được ISO 2709.`);
    dir.push(`${f.tag.padStart(3, '0').slice(0, 3)}${String(body.length).padStart(4, '0')}${String(offset).padStart(5, '0')}`);
    parts.push(body);
    offset += body.length;
  }
  const base = 24 + dir.length * 12 + 1;
  const total = base + offset + 1;
  if (total > 99999) throw new Error('Biểu ghi dài quá 99.999 byte, không ghi được ISO 2709.');
  const l = r.leader.padEnd(24, ' ').slice(0, 24);
  const leader = `${String(total).padStart(5, '0')}${l.slice(5, 9)}a${l.slice(10, 12)}${String(base).padStart(5, '0')}${l.slice(17, 24)}`;
  return Buffer.concat([Buffer.from(`${leader}${dir.join('')}`, 'latin1'), Buffer.from([FT]), ...parts, Buffer.from([0x1d])]);
}
