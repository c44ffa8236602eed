import { describe, expect, it } from 'vitest';
import { QRPay } from 'vietnam-qr-pay';
import { codeFinder } from '../reconcile.js';
import { crc16ccitt, dossierMemo, MEMO_MAX, memoText, parseVietQr, vietQrPayload } from '../vietqr.js';

describe('VietQR (NAPAS EMVCo)', () => {
  it('CRC-16/CCITT-FALSE has the catalogue check value', () => {
    expect(crc16ccitt('123456789')).toBe(0x29b1);
  });

  it('builds the dynamic code byte for byte as an independent library does', () => {
    const ours = vietQrPayload({ bankBin: '970415', accountNumber: '113366668888', amount: 1_500_000, memo: 'SVHTTDL-261204-0001' });
    const theirs = QRPay.initVietQR({ bankBin: '970415', bankNumber: '113366668888', amount: '1500000', purpose: 'SVHTTDL 261204 0001' }).build();
    expect(ours).toBe(theirs);
    const { fields, crcOk } = parseVietQr(ours);
    expect(crcOk).toBe(true);
    expect(fields['54']).toBe('1500000');
    expect(fields['53']).toBe('704');
    expect(fields['62']).toBe('0819SVHTTDL 261204 0001');
    // A single changed digit breaks the CRC.
    expect(parseVietQr(ours.replace('1500000', '1500001')).crcOk).toBe(false);
  });

  it('keeps the memo to what banks pass through', () => {
    expect(memoText('Lệ phí hồ sơ SVHTTDL-261204-0001 của Đặng')).toBe('Le phi ho so SVHTTDL 2612');
    expect(() => vietQrPayload({ bankBin: '97041', accountNumber: '1' })).toThrow();
  });
});

describe('the dossier memo never cuts the dossier code', () => {
  const cases: [string, string, string[]][] = [
    // [code format, code, agency codes]
    ['{agency}-{yymmdd}-{seq:4}', 'SVHTTDL-261204-0001', ['SVHTTDL']],
    ['{agency}.{yyyymmdd}.{seq:6}', 'SVHTTDL.20261204.000123', ['SVHTTDL']],
    ['{agency}-{yyyymmdd}-{seq:6}', 'SVHTTDLQNAM-20261204-000123', ['SVHTTDLQNAM']],
  ];
  it.each(cases)('%s: %s is whole in the memo and found again by the reconciliation', (format, code, agencies) => {
    const memo = dossierMemo(code)!;
    expect(memo.length).toBeLessThanOrEqual(MEMO_MAX);
    expect(memo.replace(/[^A-Z0-9]/g, '')).toBe(code.replace(/[^A-Z0-9]/g, ''));
    // What the bank passes back: the memo, maybe with the payer's words after it.
    expect(codeFinder(format, agencies)(`${memo} nop phi`)).toEqual([code]);
    const { fields } = parseVietQr(vietQrPayload({ bankBin: '970415', accountNumber: '113000012345', amount: 1000, memo }));
    expect(fields['62']).toBe(`08${String(memo.length).padStart(2, '0')}${memo}`);
  });

  it('gives no memo (pay at the desk) rather than a cut code', () => {
    expect(dossierMemo('SOVANHOATHETHAODULICH-20261204-000123')).toBeUndefined();
    expect(dossierMemo('')).toBeUndefined();
  });
});
