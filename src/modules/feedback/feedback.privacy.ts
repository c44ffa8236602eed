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
