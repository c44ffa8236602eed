/**
 * VietQR: the NAPAS 247 profile of the EMVCo Merchant-Presented QR (EMV QRCPS v1.1, NAPAS
 * "Đặc tả kỹ thuật mã QR chuyển nhanh", 2020). Written against the specification so each field
 * is visible; `vietnam-qr-pay` is used in the tests as an independent cross-check.
 */

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection), as EMVCo §4.7.3 requires. */
export function crc16ccitt(data: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(data, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

const tlv = (id: string, value: string) => {
  if (value.length > 99) throw new Error(`VietQR field ${id} too long`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
};

/** NAPAS's application identifier and the "transfer to account" service code. */
const NAPAS_AID = 'A000000727';
const TO_ACCOUNT = 'QRIBFTTA';

export interface VietQrInput {
  /** the bank's 6-digit BIN in the NAPAS list (e.g. 970415 VietinBank) */
  bankBin: string;
  accountNumber: string;
  /** VND, whole đồng; omitted → a static code the payer fills in */
  amount?: number;
  /** the transfer memo: ASCII, at most 25 characters so every bank's app keeps it whole */
  memo?: string;
}

/** Banks' apps strip diacritics and most punctuation from memos; what we put in is what comes back. */
export function memoText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 25);
}

/** The memo's limit: NAPAS lets field 62-08 hold 25 characters and some banks' apps cut beyond it. */
export const MEMO_MAX = 25;

/**
 * The memo for a dossier: its code, whole. Separators become spaces (banks drop hyphens and dots);
 * a code still too long loses its separators (the reconciliation's code finder accepts none
 * between the parts); a code longer than 25 letters and digits gets no memo at all (undefined:
 * the page sends the applicant to the desk) — a cut code would match another dossier or none.
 */
export function dossierMemo(code: string): string | undefined {
  const spaced = code
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim();
  if (!spaced) return undefined;
  if (spaced.length <= MEMO_MAX) return spaced;
  const compact = spaced.replace(/ /g, '');
  return compact.length <= MEMO_MAX ? compact : undefined;
}

export function vietQrPayload(p: VietQrInput): string {
  if (!/^\d{6}$/.test(p.bankBin)) throw new Error('bankBin must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(p.accountNumber)) throw new Error('accountNumber must be 1–19 letters or digits');
  const beneficiary = tlv('00', p.bankBin) + tlv('01', p.accountNumber);
  let s = tlv('00', '01') + tlv('01', p.amount ? '12' : '11') + tlv('38', tlv('00', NAPAS_AID) + tlv('01', beneficiary) + tlv('02', TO_ACCOUNT)) + tlv('53', '704');
  if (p.amount) {
    if (!Number.isInteger(p.amount) || p.amount <= 0) throw new Error('amount must be a positive whole number of đồng');
    s += tlv('54', String(p.amount));
  }
  s += tlv('58', 'VN');
  if (p.memo) s += tlv('62', tlv('08', memoText(p.memo)));
  s += '6304';
  return s + crc16ccitt(s).toString(16).toUpperCase().padStart(4, '0');
}

/** Reads the top-level fields back and checks the CRC (for tests and for pasted codes). */
export function parseVietQr(payload: string): { fields: Record<string, string>; crcOk: boolean } {
  const fields: Record<string, string> = {};
  let i = 0;
  while (i + 4 <= payload.length) {
    const id = payload.slice(i, i + 2);
    const len = Number(payload.slice(i + 2, i + 4));
    fields[id] = payload.slice(i + 4, i + 4 + len);
    i += 4 + len;
  }
  const body = payload.slice(0, -4);
  return { fields, crcOk: crc16ccitt(body).toString(16).toUpperCase().padStart(4, '0') === payload.slice(-4).toUpperCase() };
}
