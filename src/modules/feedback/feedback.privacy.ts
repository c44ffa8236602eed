/**
 * Personal data in feedback (Law 91/2025/QH15 on personal data protection; domain.md §8):
 * published feedback is redacted. Nothing the reporter wrote goes public before an officer
 * confirmed the redaction preview (issue 9 finding 3); the automatic mask below prepares that
 * preview and errs on the side of hiding too much. Its test corpus is
 * __tests__/redaction-corpus.ts.
 */
export const REDACTED = '[đã ẩn]';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Masks emails, phone and ID numbers, names after a form of address, house numbers, and the
 * reporter's own name, phone and email wherever they occur in a text. */
export function redactPersonalData(text: string, reporter: { name?: string | null; phone?: string | null; email?: string | null } = {}): string {
  return redactionPreview(text, [reporter]).text;
}

/** Phone numbers are stored in one shape so tracking by phone matches however it was typed. */
export function normalizePhone(raw: string): string {
  const s = raw.replace(/[\s.\-()]/g, '');
  return s.startsWith('+84') ? `0${s.slice(3)}` : s.startsWith('84') && s.length >= 11 ? `0${s.slice(2)}` : s;
}

// ——— Redaction preview for published answers (issue 4 part 4; Law 91/2025/QH15, domain.md §8) ———

export type RedactionKind = 'name' | 'phone' | 'email' | 'id_number' | 'house_number';

export interface RedactionHit {
  kind: RedactionKind;
  /** the text that was hidden, shown to the officer only */
  value: string;
}

export interface RedactionPreview {
  text: string;
  hits: RedactionHit[];
}

// Zero-width and bidi controls hide nothing from a reader but split a number for a regex.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/** What the masks match on: NFKC turns full-width digits and letters ("０９１２…") into ASCII and
 * no-break spaces into spaces; invisible characters go. The published text is this form too. */
export function normalizeForRedaction(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').normalize('NFC');
}

// Plain and written-out emails: hoa@gmail.com, "hoa @ gmail.com", hoa[at]gmail[dot]com,
// "hoa (at) gmail.com", "hoa a còng gmail chấm com".
const AT = String.raw`(?:\s*@\s*|\s*[\[({]\s*(?:at|@|a còng)\s*[\])}]\s*|\s+(?:at|a còng|a móc)\s+)`;
const DOT = String.raw`(?:\s*\.\s*|\s*[\[({]\s*(?:dot|\.|chấm)\s*[\])}]\s*|\s+(?:dot|chấm)\s+)`;
const EMAIL = new RegExp(String.raw`[\p{L}\p{N}._%+\-]+${AT}[\p{L}\p{N}\-]+(?:${DOT}[\p{L}\p{N}\-]+)+`, 'giu');

// Digit groups with the separators people type between them: spaces (one or several), dots,
// dashes, brackets and a leading "+": (091) 234-5678, 0912  345  678, +84 (0) 912.345.678.
const DIGIT_RUN = /(?<![\p{L}\p{N}])[+(]*\d+(?:[ \t.\-()+]{1,3}\d+)*\)?/gu;
const ID_KEYWORD = /(?:CCCD|CMND|CMT|căn cước|chứng minh|định danh|hộ chiếu)[^\d\n]{0,25}$/iu;

interface NumberHit {
  start: number;
  end: number;
  kind: 'phone' | 'id_number';
}

/** Phone and ID numbers in a text. A run of digit groups is hidden from the first group that can
 * start a phone number (0…, 84…, +…, first of the run or after a space or bracket) when 9 or more
 * digits follow: two numbers typed side by side, or a date glued to a number, go together rather
 * than leave a tail behind. CCCD (12) and CMND (9) digits count in one piece, or with separators
 * after "CCCD", "CMND"…. Money ("1.500.000.000 đồng") and dates stay. */
function numberHits(text: string): NumberHit[] {
  const hits: NumberHit[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const runStart = m.index!;
    const runEnd = runStart + m[0].length;
    const groups = [...m[0].matchAll(/\d+/g)].map((g) => ({ start: runStart + g.index!, digits: g[0] }));
    const total = groups.reduce((n, g) => n + g.digits.length, 0);
    const keyword = ID_KEYWORD.test(text.slice(Math.max(0, runStart - 40), runStart));
    let from = -1;
    let rest = total;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      const before = text.slice(i === 0 ? runStart : groups[i - 1]!.start + groups[i - 1]!.digits.length, g.start);
      const canStart = i === 0 || /[\s(+]/.test(before);
      if (canStart && rest >= 9 && (g.digits.startsWith('0') || g.digits.startsWith('84') || before.includes('+'))) {
        from = i;
        break;
      }
      rest -= g.digits.length;
    }
    const single = groups.length === 1 && (total === 9 || total === 12);
    if (from < 0 && (single || (keyword && total >= 9 && total <= 12))) from = 0;
    if (from < 0) continue;
    let start = groups[from]!.start;
    // "(091) 234-5678", "+84 …": the opening bracket and the plus go with the number.
    while (start > runStart && /[+(]/.test(text[start - 1]!)) start--;
    let end = runEnd;
    if (text[end - 1] === ')' && !text.slice(start, end - 1).includes('(')) end--;
    const digits = text.slice(start, end).replace(/\D/g, '').length;
    hits.push({ start, end, kind: digits === 12 || (digits === 9 && !groups[from]!.digits.startsWith('0')) || keyword ? 'id_number' : 'phone' });
  }
  return hits;
}

/** Vietnamese forms of address that usually precede a person's name in a letter or a call note. */
const HONORIFICS = [
  'ông',
  'bà',
  'anh',
  'chị',
  'em',
  'cô',
  'chú',
  'bác',
  'cháu',
  'cụ',
  'dì',
  'cậu',
  'mợ',
  'thím',
  'dượng',
  'con',
  'bạn',
  'đồng chí',
  'luật sư',
  'bác sĩ',
  'họ tên',
  'họ và tên',
  'tên',
  'tên là',
  'tôi là',
  'tên tôi là',
  'người gọi',
  'người phản ánh',
  'hộ',
  'gia đình',
  'vợ chồng',
  'ký tên',
];
// Case-sensitive on purpose (the name must be capitalised, "anh em" is no name), so the form of
// address takes either case of its first letter by hand.
const HONORIFIC = `(?:${HONORIFICS.map((h) => `[${h[0]}${h[0]!.toUpperCase()}]${escapeRegExp(h.slice(1))}`).join('|')})`;
// One to four capitalised words after the form of address, spaces however many: "bà Võ Thị Công
// Dân", "ông Nguyễn  Văn  Tèo", "chị Hoa", "anh TUẤN".
const NAME_AFTER_HONORIFIC = new RegExp(String.raw`(?<![\p{L}])(${HONORIFIC}\s*:?[ \t]+)(\p{Lu}\p{L}*(?:[ \t]+\p{Lu}\p{L}*){0,3})`, 'gu');
// Places and figures that read like "form of address + name" but are not a person to hide.
const NOT_A_PERSON = /^(?:Rịa|Chiểu|Điểm|Lãnh|Đen|Tô|Hồ|Hồ Chí Minh|Chúa|Triệu|Trưng|Nà|Hiền|Văn Hóa|Thánh|Phật)(?![\p{L}])/u;
// CCCD has 12 digits, the old CMND 9 (Decree 137/2015, Law on Identification 2023).
const ID_9_OR_12 = /(?<!\d)(?:\d{12}|\d{9})(?!\d)/g;
// "số 12", "số nhà 12A", "nhà số 5/7", "SN 14", "ngõ 5", "ngách 3", "hẻm 42", "kiệt 7", "tổ 4",
// "khu phố 2", "phòng 1203": the exact place is hidden, the street and the ward stay.
const HOUSE_AFTER_WORD =
  /(?<![\p{L}])((?:số nhà|nhà số|số|sn|hẻm|ngõ|kiệt|ngách|tổ dân phố|tổ|khu phố|kp|ấp|xóm|thôn|phòng|căn hộ|căn|lô|block)\.?\s*)(\d{1,5}[A-Za-z]?(?:[/-]\d{1,5}[A-Za-z]?)*)(?![\d/])/giu;
// Bare "12/3" or "12A/3/5" (alley addresses). Dates (12/3/2026, 3/2026) and fractions after "ngày",
// "tháng" are kept: an answer must still say when things happen.
const SLASH_ADDRESS = /(?<![\d/\p{L}])(\d{1,5}[A-Za-z]?\/\d{1,5}[A-Za-z]?(?:\/\d{1,5}[A-Za-z]?)?)(?![\d/])/gu;

function looksLikeDate(v: string, before: string): boolean {
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v) || /^\d{1,2}\/\d{4}$/.test(v)) return true;
  if (/^\d{1,2}\/\d{1,2}$/.test(v) && /(?:ngày|hôm|từ|đến|sáng|chiều|tối|đêm)\s*$/iu.test(before)) return true;
  return false;
}

/** One base letter per character (NFC in, same length out): "Nguyễn" → "nguyen". Lets the
 * reporter's own name be found when typed without diacritics or in another case. */
function foldChar(ch: string): string {
  if (ch === 'đ' || ch === 'Đ') return 'd';
  return (ch.normalize('NFD')[0] ?? ch).toLowerCase();
}
function fold(s: string): string {
  return Array.from(s, foldChar).join('');
}

/**
 * What the officer sees before a case goes public: the text with names, phones, emails, 9- or
 * 12-digit ID numbers and exact house numbers replaced by "[đã ẩn]", and the list of what was
 * hidden. It errs on the side of hiding; the officer may hide more by editing the preview, and
 * only the confirmed text is ever published (Open311 and /phan-anh show no description before).
 */
export function redactionPreview(text: string, people: { name?: string | null; phone?: string | null; email?: string | null }[] = []): RedactionPreview {
  const hits: RedactionHit[] = [];
  let out = normalizeForRedaction(text);
  const hide = (kind: RedactionKind, value: string) => {
    hits.push({ kind, value });
    return REDACTED;
  };
  for (const p of people) {
    for (const [kind, v] of [
      ['email', p.email],
      ['phone', p.phone],
    ] as const) {
      const s = v ? normalizeForRedaction(v).trim() : '';
      if (s.length >= 3) out = out.replace(new RegExp(escapeRegExp(s), 'giu'), (m) => hide(kind, m));
    }
    // The reporter's name with any spacing, case or missing diacritics: "nguyen  van teo".
    const words = p.name ? fold(normalizeForRedaction(p.name)).split(/\s+/).filter(Boolean) : [];
    if (words.join('').length >= 3) {
      // Code-unit folding keeps offsets only for BMP text, which Vietnamese is.
      const re = new RegExp(String.raw`(?<![\p{L}])${words.map(escapeRegExp).join(String.raw`\s+`)}(?![\p{L}])`, 'gu');
      const folded = Array.from(out).length === out.length ? fold(out) : '';
      const spans = folded ? [...folded.matchAll(re)].map((m) => [m.index!, m.index! + m[0].length] as const) : [];
      for (const [a, b] of spans.reverse()) out = `${out.slice(0, a)}${hide('name', out.slice(a, b))}${out.slice(b)}`;
    }
  }
  out = out.replace(EMAIL, (m) => hide('email', m));
  for (const h of numberHits(out).reverse()) out = `${out.slice(0, h.start)}${hide(h.kind, out.slice(h.start, h.end))}${out.slice(h.end)}`;
  out = out.replace(NAME_AFTER_HONORIFIC, (m, pre: string, name: string) => (NOT_A_PERSON.test(name) ? m : `${pre}${hide('name', name)}`));
  out = out.replace(HOUSE_AFTER_WORD, (_m, pre: string, num: string) => `${pre}${hide('house_number', num)}`);
  out = out.replace(SLASH_ADDRESS, (m: string, v: string, offset: number, whole: string) =>
    looksLikeDate(v, whole.slice(Math.max(0, offset - 12), offset)) ? m : hide('house_number', v),
  );
  // Masks found right to left come out of order: the officer reads them in the text's order.
  return { text: out, hits };
}

/** A last check before publishing: a confirmed text must not still carry a phone, an email or
 * an ID number (the officer may have typed one back in while editing the preview). */
export function stillHasContactData(text: string): boolean {
  const t = normalizeForRedaction(text);
  return new RegExp(EMAIL.source, 'iu').test(t) || numberHits(t).length > 0 || new RegExp(ID_9_OR_12.source).test(t);
}
