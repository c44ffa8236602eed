import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarcField, MarcRecord } from './library.schema.js';

/* Not under data/ (.gitignore): the rules travel with the code. */
const RULES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'library.marc-rules.json');
interface FieldRule {
  repeatable: boolean;
  ind1?: string;
  ind2?: string;
}
interface MarcRules {
  effectiveFrom: string;
  mainEntryTags: string[];
  fields: Record<string, FieldRule>;
}
let rulesCache: MarcRules | undefined;
export function marcRules(): MarcRules {
  if (!rulesCache) {
    const file = fs.existsSync(RULES_FILE) ? RULES_FILE : RULES_FILE.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`);
    rulesCache = JSON.parse(fs.readFileSync(file, 'utf8')) as MarcRules;
  }
  return rulesCache;
}

const nfc = (s: string) => s.normalize('NFC');

/** Every string of the record in NFC: Vietnamese exports often arrive decomposed (NFD). */
export function normalizeRecord(r: MarcRecord): MarcRecord {
  return {
    leader: nfc(r.leader ?? ''),
    fields: r.fields.map((f) =>
      f.subfields === undefined && f.value !== undefined
        ? { tag: f.tag, value: nfc(f.value) }
        : { tag: f.tag, ind1: f.ind1 ?? ' ', ind2: f.ind2 ?? ' ', subfields: (f.subfields ?? []).map((s) => ({ code: s.code, value: nfc(s.value) })) },
    ),
  };
}

export interface MarcProblem {
  tag?: string;
  vi: string;
  en: string;
}

/** Tags, indicators, subfield codes, repeatability, at most one main entry (1XX), a title (245). */
export function validateRecord(r: MarcRecord): MarcProblem[] {
  const rules = marcRules();
  const out: MarcProblem[] = [];
  if (r.leader.length !== 24 || !/^[\d ]{5}[a-z ]{5}/.test(r.leader)) {
    out.push({ vi: 'Đầu biểu (leader) phải có đúng 24 ký tự theo MARC 21.', en: 'The leader must be 24 characters (MARC 21).' });
  }
  const counts = new Map<string, number>();
  for (const f of r.fields) {
    counts.set(f.tag, (counts.get(f.tag) ?? 0) + 1);
    if (!/^\d{3}$/.test(f.tag)) {
      out.push({ tag: f.tag, vi: `Nhãn trường "${f.tag}" không hợp lệ (phải là 3 chữ số).`, en: `Invalid tag "${f.tag}".` });
      continue;
    }
    const control = f.tag.startsWith('00');
    if (control) {
      if (f.subfields !== undefined || typeof f.value !== 'string') out.push({ tag: f.tag, vi: `Trường kiểm soát ${f.tag} chỉ có giá trị, không có trường con.`, en: `Control field ${f.tag} has a value only.` });
      continue;
    }
    const rule = rules.fields[f.tag];
    for (const [k, v] of [['ind1', f.ind1], ['ind2', f.ind2]] as const) {
      if (typeof v !== 'string' || !/^[0-9a-z ]$/.test(v)) out.push({ tag: f.tag, vi: `Chỉ thị ${k === 'ind1' ? '1' : '2'} của trường ${f.tag} không hợp lệ.`, en: `Invalid ${k} in ${f.tag}.` });
      else if (rule?.[k] !== undefined && !rule[k]!.includes(v)) out.push({ tag: f.tag, vi: `Chỉ thị ${k === 'ind1' ? '1' : '2'} "${v}" không dùng được cho trường ${f.tag}.`, en: `${k} "${v}" is not defined for ${f.tag}.` });
    }
    if (!f.subfields?.length) out.push({ tag: f.tag, vi: `Trường ${f.tag} phải có ít nhất một trường con.`, en: `${f.tag} needs a subfield.` });
    for (const s of f.subfields ?? []) {
      if (!/^[a-z0-9]$/.test(s.code)) out.push({ tag: f.tag, vi: `Mã trường con "${s.code}" của trường ${f.tag} không hợp lệ.`, en: `Invalid subfield code in ${f.tag}.` });
    }
  }
  for (const [tag, n] of counts) {
    if (n > 1 && rules.fields[tag]?.repeatable === false) out.push({ tag, vi: `Trường ${tag} không được lặp lại (có ${n} lần).`, en: `${tag} is not repeatable.` });
  }
  const mains = rules.mainEntryTags.reduce((a, t) => a + (counts.get(t) ?? 0), 0);
  if (mains > 1) out.push({ vi: 'Biểu ghi chỉ có một tiêu đề chính (một trường 1XX).', en: 'Only one main entry (1XX).' });
  if (!counts.get('245')) out.push({ tag: '245', vi: 'Thiếu nhan đề (trường 245).', en: 'Title (245) missing.' });
  return out;
}

const sub = (f: MarcField | undefined, code: string) => f?.subfields?.find((s) => s.code === code)?.value;
const subs = (f: MarcField, codes: string) => (f.subfields ?? []).filter((s) => codes.includes(s.code)).map((s) => s.value);
/** ISBD punctuation at the end of a subfield ("Title /", "Hà Nội :") is not part of the value. */
export const trimPunct = (s: string) => s.replace(/[\s/:;,.=]+$/u, '').trim();

export interface Extracted {
  controlNumber: string | null;
  title: string;
  authors: string[];
  year: number | null;
  publisher: string;
  isbn: string | null;
  issn: string | null;
  subjects: string[];
  places: string[];
  language: string;
  recordType: string;
  summary: string;
}

const TYPE_BY_LEADER: Record<string, string> = { a: 'book', t: 'manuscript', e: 'map', f: 'map', k: 'image', g: 'video', i: 'audio', j: 'audio', m: 'electronic', c: 'score', d: 'score', p: 'mixed', r: 'object' };

/** The searchable columns of a record, from its MARC fields. */
export function extract(r: MarcRecord): Extracted {
  const by = (tag: string) => r.fields.filter((f) => f.tag === tag);
  const one = (tag: string) => r.fields.find((f) => f.tag === tag);
  const t245 = one('245');
  const title = trimPunct([sub(t245, 'a'), sub(t245, 'b')].filter(Boolean).map((x) => trimPunct(x!)).join(': '));
  const authors = [...by('100'), ...by('110'), ...by('700'), ...by('710')].map((f) => trimPunct(sub(f, 'a') ?? '')).filter(Boolean);
  const pub = one('264') ?? one('260');
  const dateText = sub(pub, 'c') ?? '';
  const f008 = one('008')?.value ?? '';
  const y = /\d{4}/.exec(dateText)?.[0] ?? (/^\d{4}$/.test(f008.slice(7, 11)) ? f008.slice(7, 11) : undefined);
  const lang = sub(one('041'), 'a') ?? (f008.length >= 38 && /^[a-z]{3}$/.test(f008.slice(35, 38)) ? f008.slice(35, 38) : 'vie');
  const isbn = sub(one('020'), 'a');
  const issn = sub(one('022'), 'a');
  const subjects = [...by('600'), ...by('610'), ...by('650'), ...by('653')].map((f) => subs(f, 'axyz').map(trimPunct).join(' -- ')).filter(Boolean);
  const places = [...new Set([...by('651').map((f) => trimPunct(sub(f, 'a') ?? '')), ...by('650').flatMap((f) => subs(f, 'z').map(trimPunct))].filter(Boolean))];
  return {
    controlNumber: one('001')?.value ?? null,
    title: title || '(không nhan đề)',
    authors: [...new Set(authors)],
    year: y ? Number(y) : null,
    publisher: trimPunct(sub(pub, 'b') ?? ''),
    isbn: isbn ? isbn.replace(/[^0-9Xx]/g, '').toUpperCase() || null : null,
    issn: issn ? trimPunct(issn) : null,
    subjects: [...new Set(subjects)],
    places,
    language: lang,
    recordType: r.fields.some((f) => f.tag === '502') ? 'thesis' : r.leader[6] === 'a' && (r.leader[7] === 'a' || r.leader[7] === 'b') ? 'article' : r.leader[6] === 'a' && r.leader[7] === 's' ? 'serial' : (TYPE_BY_LEADER[r.leader[6] ?? 'a'] ?? 'book'),
    summary: by('520').map((f) => sub(f, 'a') ?? '').join(' '),
  };
}

/** Duplicates: the same ISBN, or the same title + first author + year, compared folded. */
export function dupKey(e: Extracted): string {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return `${fold(e.title)}|${fold(e.authors[0] ?? '')}|${e.year ?? ''}`;
}

export function searchText(e: Extracted): string {
  return [e.title, ...e.authors, ...e.subjects, ...e.places, e.publisher, e.summary].join(' ').toLowerCase();
}

// ── Serialisers (MARCXML, Dublin Core) written by hand: the OAI harvest streams thousands of
// records a second and xml2js costs ~10× more per record (measured in bench/library.ts). ──

export function xmlEscape(s: string): string {
  // XML 1.0 forbids most C0 controls; MARC data sometimes carries them.
  return s.replace(/[&<>"]|[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : ''));
}

export function toMarcXml(r: MarcRecord, ns = true): string {
  const out: string[] = [ns ? '<record xmlns="http://www.loc.gov/MARC21/slim" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.loc.gov/MARC21/slim http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd">' : '<record>'];
  out.push(`<leader>${xmlEscape(r.leader)}</leader>`);
  for (const f of r.fields) {
    if (f.subfields === undefined) out.push(`<controlfield tag="${xmlEscape(f.tag)}">${xmlEscape(f.value ?? '')}</controlfield>`);
    else {
      out.push(`<datafield tag="${xmlEscape(f.tag)}" ind1="${xmlEscape(f.ind1 ?? ' ')}" ind2="${xmlEscape(f.ind2 ?? ' ')}">`);
      for (const s of f.subfields) out.push(`<subfield code="${xmlEscape(s.code)}">${xmlEscape(s.value)}</subfield>`);
      out.push('</datafield>');
    }
  }
  out.push('</record>');
  return out.join('');
}

/** Dublin Core (oai_dc) crosswalk, after LC's MARC → DC crosswalk (the common elements). */
export function dcElements(r: MarcRecord, e = extract(r)): [string, string][] {
  const out: [string, string][] = [['title', e.title]];
  for (const a of e.authors) out.push(['creator', a]);
  for (const s of e.subjects) out.push(['subject', s]);
  for (const p of e.places) out.push(['coverage', p]);
  if (e.summary) out.push(['description', e.summary]);
  if (e.publisher) out.push(['publisher', e.publisher]);
  if (e.year) out.push(['date', String(e.year)]);
  out.push(['type', e.recordType === 'book' ? 'Text' : e.recordType]);
  if (e.isbn) out.push(['identifier', `ISBN ${e.isbn}`]);
  if (e.issn) out.push(['identifier', `ISSN ${e.issn}`]);
  out.push(['language', e.language]);
  return out;
}

export function toOaiDc(r: MarcRecord, e = extract(r)): string {
  const els = dcElements(r, e)
    .map(([k, v]) => `<dc:${k}>${xmlEscape(v)}</dc:${k}>`)
    .join('');
  return `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">${els}</oai_dc:dc>`;
}

/** Leader for a new record: type of record (06) and bibliographic level (07) by kind. */
export function blankLeader(kind = 'book'): string {
  const [t, l] = ({ book: 'am', article: 'ab', serial: 'as', thesis: 'am', image: 'km', map: 'em', manuscript: 'tm' } as Record<string, string>)[kind] ?? 'am';
  return `00000n${t}${l} a2200000 i 4500`;
}

/** Reads the line view back ("LDR …", "001 value", "245 10 $a Nhan đề $b …", "_" = blank
 * indicator). Returns the record or the lines it could not read. */
export function parseMarcLines(text: string): { record?: MarcRecord; problems: MarcProblem[] } {
  const problems: MarcProblem[] = [];
  let leader = '';
  const fields: MarcField[] = [];
  text
    .normalize('NFC')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trimEnd();
      if (!line.trim()) return;
      const m = /^(LDR|\d{3})\s?(.*)$/.exec(line);
      if (!m) {
        problems.push({ vi: `Dòng ${i + 1}: phải bắt đầu bằng nhãn trường 3 chữ số hoặc LDR.`, en: `Line ${i + 1}: no tag.` });
        return;
      }
      const [, tag, rest] = m as unknown as [string, string, string];
      if (tag === 'LDR') leader = rest.replace(/_/g, ' ').padEnd(24).slice(0, 24);
      else if (tag.startsWith('00')) fields.push({ tag, value: rest });
      else {
        const dm = /^([0-9a-z_ ])([0-9a-z_ ])\s*(\$.*)$/.exec(rest);
        if (!dm) {
          problems.push({ tag, vi: `Dòng ${i + 1}: trường ${tag} cần 2 chỉ thị rồi các trường con "$a …".`, en: `Line ${i + 1}: indicators then $subfields.` });
          return;
        }
        const subfields = dm[3]!
          .split(/(?:^|\s)\$(?=[a-z0-9]\s)/)
          .filter(Boolean)
          .map((x) => ({ code: x[0]!, value: x.slice(2).trim() }));
        fields.push({ tag, ind1: dm[1]!.replace('_', ' '), ind2: dm[2]!.replace('_', ' '), subfields });
      }
    });
  if (!leader) problems.push({ vi: 'Thiếu dòng đầu biểu LDR.', en: 'LDR line missing.' });
  return problems.length ? { problems } : { record: { leader, fields }, problems };
}
