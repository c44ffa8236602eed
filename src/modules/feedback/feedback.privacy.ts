/**
 * Personal data in feedback (Law 91/2025/QH15 on personal data protection; domain.md §8):
 * published feedback is redacted. The officer-confirmed redaction preview of issue 4 part 4
 * comes with published answers; until then anything public that quotes the reporter's text
 * passes through this automatic mask, which errs on the side of hiding too much.
 */
export const REDACTED = '[đã ẩn]';

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g;
// Vietnamese phone numbers written with spaces, dots or dashes: 0912 345 678, +84 912.345.678.
const PHONE = /(?:\+?84|0)(?:[\s.-]?\d){8,10}/g;
// CCCD (12 digits), old CMND (9 digits), passport-like runs, or any long digit run.
const ID_NUMBER = /\b\d{9,12}\b/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Masks emails, phone and ID numbers, and the reporter's own name, phone and email wherever
 * they occur in a text that goes public. */
export function redactPersonalData(text: string, reporter: { name?: string | null; phone?: string | null; email?: string | null } = {}): string {
  let out = text.normalize('NFC');
  for (const v of [reporter.email, reporter.phone, reporter.name]) {
    const s = v?.normalize('NFC').trim();
    if (s && s.length >= 3) out = out.replace(new RegExp(escapeRegExp(s), 'giu'), REDACTED);
  }
  return out.replace(EMAIL, REDACTED).replace(PHONE, REDACTED).replace(ID_NUMBER, REDACTED);
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

/** Vietnamese forms of address that usually precede a person's name in a letter or a call note. */
const HONORIFIC = '(?:[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị|[Cc]ô|[Cc]hú|[Bb]ác|[Ee]m|[Cc]háu|[Đđ]ồng chí|[Ll]uật sư|[Bb]ác sĩ|[Hh]ọ tên|[Hh]ọ và tên|[Nn]gười gọi)';
// One to four capitalised words after the form of address: "bà Võ Thị Công Dân", "ông Tư".
const NAME_AFTER_HONORIFIC = new RegExp(`(?<![\\p{L}])(${HONORIFIC}:?\\s+)(\\p{Lu}\\p{Ll}*(?:\\s+\\p{Lu}\\p{Ll}*){0,3})`, 'gu');
// CCCD has 12 digits, the old CMND 9 (Decree 137/2015, Law on Identification 2023).
const ID_9_OR_12 = /(?<!\d)(?:\d{12}|\d{9})(?!\d)/g;
// "số 12", "số nhà 12A", "nhà số 5/7", "SN 14": the exact house number is hidden, the street stays.
const HOUSE_AFTER_WORD = /(?<![\p{L}])((?:[Ss]ố nhà|[Nn]hà số|[Ss]ố|SN|[Hh]ẻm|[Nn]gõ|[Kk]iệt|[Nn]gách)\s*)(\d{1,5}[A-Za-z]?(?:\/\d{1,5}[A-Za-z]?)*)(?![\d/])/gu;
// Bare "12/3" or "12A/3/5" (alley addresses). Dates (12/3/2026, 3/2026) and fractions after "ngày",
// "tháng" are kept: an answer must still say when things happen.
const SLASH_ADDRESS = /(?<![\d/\p{L}])(\d{1,5}[A-Za-z]?\/\d{1,5}[A-Za-z]?(?:\/\d{1,5}[A-Za-z]?)?)(?![\d/])/gu;

function looksLikeDate(v: string, before: string): boolean {
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v) || /^\d{1,2}\/\d{4}$/.test(v)) return true;
  if (/^\d{1,2}\/\d{1,2}$/.test(v) && /(?:ngày|hôm|từ|đến|sáng|chiều|tối|đêm)\s*$/iu.test(before)) return true;
  return false;
}

/**
 * What the officer sees before a leader approves an answer: the text with names, phones,
 * emails, 9- or 12-digit ID numbers and exact house numbers replaced by "[đã ẩn]", and the list
 * of what was hidden. It errs on the side of hiding; the officer may hide more by editing the
 * preview, and the confirmed text is the one published.
 */
export function redactionPreview(text: string, people: { name?: string | null; phone?: string | null; email?: string | null }[] = []): RedactionPreview {
  const hits: RedactionHit[] = [];
  let out = text.normalize('NFC');
  const hide = (kind: RedactionKind, value: string) => {
    hits.push({ kind, value });
    return REDACTED;
  };
  for (const p of people) {
    for (const [kind, v] of [
      ['email', p.email],
      ['phone', p.phone],
      ['name', p.name],
    ] as const) {
      const s = v?.normalize('NFC').trim();
      if (s && s.length >= 3) out = out.replace(new RegExp(escapeRegExp(s), 'giu'), (m) => hide(kind, m));
    }
  }
  out = out.replace(EMAIL, (m) => hide('email', m));
  // ID numbers before phones: a CCCD starting with 0 would otherwise lose its last digits only.
  out = out.replace(ID_9_OR_12, (m) => hide('id_number', m));
  out = out.replace(PHONE, (m) => hide('phone', m));
  out = out.replace(NAME_AFTER_HONORIFIC, (_m, pre: string, name: string) => `${pre}${hide('name', name)}`);
  out = out.replace(HOUSE_AFTER_WORD, (_m, pre: string, num: string) => `${pre}${hide('house_number', num)}`);
  out = out.replace(SLASH_ADDRESS, (m: string, v: string, offset: number, whole: string) =>
    looksLikeDate(v, whole.slice(Math.max(0, offset - 12), offset)) ? m : hide('house_number', v),
  );
  return { text: out, hits };
}

/** A last check before publishing: a confirmed text must not still carry a phone, an email or
 * an ID number (the officer may have typed one back in while editing the preview). */
export function stillHasContactData(text: string): boolean {
  return new RegExp(EMAIL.source).test(text) || new RegExp(PHONE.source).test(text) || new RegExp(ID_9_OR_12.source).test(text);
}
