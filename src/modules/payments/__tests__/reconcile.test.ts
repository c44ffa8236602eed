import { describe, expect, it } from 'vitest';
import { codeFinder, parseCsv, parseVnd, readStatement, reconcile, type FeeDue } from '../reconcile.js';

const CSV = [
  'NGÂN HÀNG TMCP CÔNG THƯƠNG VIỆT NAM;;;',
  'Số tài khoản: 113366668888;;;',
  'Ngày giao dịch;Mã giao dịch;Số tiền ghi có;Nội dung',
  '04/12/2026;FT001;1.500.000;SVHTTDL 261204 0001 nop phi',
  '04/12/2026;FT002;"1,000,000.00";NOP PHI SVHTTDL2612040002',
  '04/12/2026;FT003;2.000.000;svhttdl-261204-0003',
  '04/12/2026;FT004;500.000;SVHTTDL 261204 9999',
  '04/12/2026;FT005;500.000;chuyen tien',
  '04/12/2026;FT001;1.500.000;SVHTTDL 261204 0001 nop phi',
  '04/12/2026;FT006;300.000;SVHTTDL 261204 0004',
  '04/12/2026;FT007;;chi phi ngan hang',
].join('\n');

describe('statement reconciliation', () => {
  it('reads amounts as banks print them', () => {
    expect(parseVnd('1.500.000')).toBe(1_500_000);
    expect(parseVnd('1,500,000.00')).toBe(1_500_000);
    expect(parseVnd('1 500 000 đ')).toBe(1_500_000);
    expect(parseVnd('1.500,50')).toBeUndefined();
  });

  it('finds codes whatever the bank did to the hyphens', () => {
    const find = codeFinder('{agency}-{yymmdd}-{seq:4}', ['SVHTTDL']);
    expect(codeFinder('{agency}-{yymmdd}-{seq:4}')('SVHTTDL 261204 0001')).toEqual(['SVHTTDL-261204-0001']);
    expect(find('SVHTTDL 261204 0001 nop phi')).toEqual(['SVHTTDL-261204-0001']);
    expect(find('NOP PHI SVHTTDL2612040002')).toEqual(['SVHTTDL-261204-0002']);
    expect(find('Lệ phí svhttdl-261204-00012')).toEqual(['SVHTTDL-261204-00012']);
    expect(find('chuyen tien 0912345678')).toEqual([]);
  });

  it('names every line: matched, over- and under-paid, unknown, no code, duplicate, already imported', () => {
    const { lines, problems, format } = readStatement(parseCsv(CSV));
    expect(format).toBeUndefined();
    expect(problems).toEqual([]);
    expect(lines).toHaveLength(7); // FT007 has no credit amount (a debit line)
    const dues = new Map<string, FeeDue>(
      [
        ['SVHTTDL-261204-0001', 1_500_000],
        ['SVHTTDL-261204-0002', 1_500_000],
        ['SVHTTDL-261204-0003', 1_500_000],
        ['SVHTTDL-261204-0004', 300_000],
      ].map(([code, due]) => [code as string, { dossierId: `id-${code}`, code: code as string, due: due as number }]),
    );
    const out = reconcile(lines, codeFinder('{agency}-{yymmdd}-{seq:4}', ['SVHTTDL']), dues, new Set(['FT006']));
    expect(out.map((l) => [l.txnId, l.outcome])).toEqual([
      ['FT001', 'matched'],
      ['FT002', 'underpaid'],
      ['FT003', 'overpaid'],
      ['FT004', 'unknown_code'],
      ['FT005', 'no_code'],
      ['FT001', 'duplicate_in_file'],
      ['FT006', 'already_imported'],
    ]);
    expect(out[1]!.vi).toContain('nộp thiếu 500.000 đồng');
    expect(out[3]!.vi).toContain('Dòng 7');
  });

  it('refuses an unknown format and names unreadable lines', () => {
    expect(readStatement(parseCsv('a,b,c\n1,2,3')).format).toContain('Không nhận ra định dạng');
    const bad = readStatement(parseCsv('Ngày giao dịch,Mã giao dịch,Số tiền,Nội dung\n31/02/2026x,FT1,abc,SVHTTDL 261204 0001\n'));
    expect(bad.problems.map((p) => p.vi)).toEqual(['Dòng 2: số tiền "abc" không hợp lệ.']);
  });
});
