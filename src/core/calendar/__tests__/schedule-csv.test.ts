import { describe, expect, it } from 'vitest';
import { parseScheduleCsv } from '../schedule-csv.js';

describe('parseScheduleCsv', () => {
  it('reads an Excel export: BOM, CRLF, dd/mm/yyyy, quotes, Vietnamese kinds', () => {
    const nfd = 'nghỉ'.normalize('NFD');
    const csv = [
      '\uFEFFdate,kind,name',
      '2026-01-01,off,Tết Dương lịch',
      `02/01/2026,${nfd},"Nghỉ hoán đổi, làm bù 10/01"`,
      '10/1/2026,làm,"Làm bù ""thứ Bảy"""',
      '',
      '2026-02-16,nghi,  Nghỉ Tết   Nguyên đán ',
      '2026-02-21,lam,'.concat('Làm'.normalize('NFD')),
      '2026-02-22,WORK,Trực',
    ].join('\r\n');
    const { overrides, errors } = parseScheduleCsv(csv);
    expect(errors).toEqual([]);
    expect(overrides).toEqual([
      { date: '2026-01-01', kind: 'off', name: 'Tết Dương lịch' },
      { date: '2026-01-02', kind: 'off', name: 'Nghỉ hoán đổi, làm bù 10/01' },
      { date: '2026-01-10', kind: 'work', name: 'Làm bù "thứ Bảy"' },
      { date: '2026-02-16', kind: 'off', name: 'Nghỉ Tết Nguyên đán' },
      { date: '2026-02-21', kind: 'work', name: 'Làm' },
      { date: '2026-02-22', kind: 'work', name: 'Trực' },
    ]);
    expect(overrides[4].name).toBe('Làm'.normalize('NFC'));
  });

  it.each([
    ['2026-02-30,off,Sai ngày', 'Dòng 3: ngày "2026-02-30" không hợp lệ'],
    ['31/04/2026,off,Sai ngày', 'Dòng 3: ngày "31/04/2026" không hợp lệ'],
    ['2026/05/01,off,Sai dạng', 'Dòng 3: ngày "2026/05/01" không hợp lệ'],
    ['2026-05-04,nghi le,Sai loại', 'Dòng 3: loại "nghi le" không hợp lệ (dùng off/nghỉ hoặc work/làm)'],
    ['2026-05-04,off,', 'Dòng 3: thiếu tên ngày'],
    ['2026-05-04,off', 'Dòng 3: cần 3 cột (ngày, loại, tên) nhưng có 2; tên có dấu phẩy phải đặt trong ngoặc kép'],
    ['2026-05-04,off,Nghỉ, bù', 'Dòng 3: cần 3 cột (ngày, loại, tên) nhưng có 4; tên có dấu phẩy phải đặt trong ngoặc kép'],
    ['2026-01-01,off,Lặp', 'Dòng 3: ngày 2026-01-01 trùng với dòng 2'],
  ])('reports %s as %s', (row, message) => {
    const { overrides, errors } = parseScheduleCsv(`date,kind,name\n2026-01-01,off,Tết Dương lịch\n${row}\n`);
    expect(errors).toEqual([{ line: 3, message }]);
    expect(overrides).toHaveLength(1);
  });

  it('reports every problem of a row', () => {
    const { errors } = parseScheduleCsv('date,kind,name\n2026-02-30,xyz,\n');
    expect(errors.map((e) => e.message)).toEqual([
      'Dòng 2: ngày "2026-02-30" không hợp lệ',
      'Dòng 2: loại "xyz" không hợp lệ (dùng off/nghỉ hoặc work/làm)',
      'Dòng 2: thiếu tên ngày',
    ]);
  });

  it('keeps line numbers right after a quoted line break', () => {
    const { overrides, errors } = parseScheduleCsv('date,kind,name\n2026-01-01,off,"Tết\nDương lịch"\n2026-13-01,off,x\n');
    expect(overrides).toEqual([{ date: '2026-01-01', kind: 'off', name: 'Tết Dương lịch' }]);
    expect(errors).toEqual([{ line: 4, message: 'Dòng 4: ngày "2026-13-01" không hợp lệ' }]);
  });

  it.each([
    ['', 1, 'Tệp trống: cần dòng tiêu đề "date,kind,name"'],
    ['ngay,loai,ten\n2026-01-01,off,x', 1, 'Dòng 1: dòng tiêu đề phải là "date,kind,name"'],
    ['2026-01-01,off,x\n', 1, 'Dòng 1: dòng tiêu đề phải là "date,kind,name"'],
  ])('rejects a file without the header (%j)', (csv, line, message) => {
    expect(parseScheduleCsv(csv)).toEqual({ overrides: [], errors: [{ line, message }] });
  });

  it('reports an unterminated quote', () => {
    const { errors } = parseScheduleCsv('date,kind,name\n2026-01-01,off,x\n2026-01-02,off,"Nghỉ\n');
    expect(errors[0]).toEqual({ line: 3, message: 'Dòng 3: thiếu dấu ngoặc kép đóng (")' });
  });
});
