import { describe, expect, it } from 'vitest';
import { QRPay } from 'vietnam-qr-pay';
import { crc16ccitt, memoText, parseVietQr, vietQrPayload } from '../vietqr.js';

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
