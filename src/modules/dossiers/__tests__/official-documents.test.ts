import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DECREE30_MARGINS } from '../../../core/pdf.js';
import { SigningService } from '../../../core/signing/index.js';
import { renderNotice, NOTICE_FORMS, type NoticeInput } from '../dossiers.notices.js';
import { renderReceipt } from '../dossiers.receipt.js';
import { renderResult } from '../dossiers.result.js';

/**
 * Every administrative document the dossiers module issues, checked against Decree 30/2020/NĐ-CP
 * with poppler: only Tinos fonts, embedded (pdffonts); A4 (pdfinfo); every word inside the
 * margins (pdftotext -bbox); and the signed ones verified by pdfsig.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-docs-'));
afterAll(() => (process.env.VH_KEEP ? undefined : fs.rmSync(dir, { recursive: true, force: true })));
const signing = new SigningService({ signing: { p12Path: undefined, p12Password: '', tsaUrl: undefined }, dataDir: dir, production: false });

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).stdout;
const when = new Date('2026-12-03T03:15:00Z');
const stamp = () => {
  const st = signing.status();
  if (!st.ready) throw new Error(st.reason);
  return { certificateName: st.identity.name, signedAt: when, demo: true };
};

function checkLayout(name: string, pdf: Buffer) {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const fonts = run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  expect(fonts.length, name).toBeGreaterThan(0);
  for (const l of fonts) {
    expect(l, name).toMatch(/Tinos/);
    expect(l, name).toMatch(/\byes\b/); // embedded
  }
  expect(run('pdfinfo', [file]), name).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  const html = run('pdftotext', ['-bbox', file, '-']);
  const words = [...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1, 5).map(Number));
  expect(words.length, name).toBeGreaterThan(20);
  const m = DECREE30_MARGINS;
  const slack = 1.5; // glyph bounding boxes overhang the line box by a fraction of a point
  for (const [x0, y0, x1, y1] of words) {
    expect(x0!, `${name} left`).toBeGreaterThanOrEqual(m.left - slack);
    expect(x1!, `${name} right`).toBeLessThanOrEqual(595.28 - m.right + slack);
    expect(y0!, `${name} top`).toBeGreaterThanOrEqual(m.top - slack);
    expect(y1!, `${name} bottom`).toBeLessThanOrEqual(841.89 - m.bottom + slack);
  }
  return { file, text: run('pdftotext', ['-layout', file, '-']) };
}

describe('Decree 30/2020 layout of the dossier documents', () => {
  it('the margins are those of Appendix I', () => {
    const mm = (pt: number) => (pt * 25.4) / 72;
    expect(mm(DECREE30_MARGINS.top)).toBeGreaterThanOrEqual(20);
    expect(mm(DECREE30_MARGINS.bottom)).toBeGreaterThanOrEqual(20);
    expect(mm(DECREE30_MARGINS.left)).toBeGreaterThanOrEqual(30);
    expect(mm(DECREE30_MARGINS.left)).toBeLessThanOrEqual(35);
    expect(mm(DECREE30_MARGINS.right)).toBeGreaterThanOrEqual(15);
    expect(mm(DECREE30_MARGINS.right)).toBeLessThanOrEqual(20);
  });

  it('the signed result: fonts, A4, margins, heading, number, Nơi nhận, signature block; pdfsig valid', async () => {
    const rendered = await renderResult({
      resultId: '00000000-0000-4000-8000-000000000001',
      agencyName: 'Sở Văn hóa, Thể thao và Du lịch',
      procedureName: 'Cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke',
      resultType: 'Giấy phép',
      applicantName: 'Võ Thị Công Dân',
      code: 'SVHTTDL-261203-0001',
      decidedAt: when,
      approverName: 'Trần Văn Lãnh Đạo',
      approverTitle: 'Phó Giám đốc',
      place: 'Hà Nội',
      issuedAt: when,
      verifyUrl: 'http://localhost/xac-thuc/00000000-0000-4000-8000-000000000001',
      stamp: stamp(),
    });
    const pdf = await signing.sign(rendered, { name: 'Trần Văn Lãnh Đạo', reason: 'Phe duyet', location: 'Ha Noi', signingTime: when });
    const { file, text } = checkLayout('result', pdf);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: SVHTTDL-261203-0001/KQ', 'Hà Nội, ngày 03 tháng 12 năm 2026', 'Nơi nhận:', 'PHÓ GIÁM ĐỐC', 'Ký số bởi:', 'Trần Văn Lãnh Đạo']) {
      expect(text).toContain(s);
    }
    const sig = run('pdfsig', [file]);
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
  });

  it('Forms 01–05 keep the layout; notices are unsigned copies when no stamp is given', async () => {
    const receipt = await renderReceipt({
      agencyName: 'Sở Văn hóa, Thể thao và Du lịch',
      receivingUnit: 'Bộ phận tiếp nhận và trả kết quả',
      code: 'SVHTTDL-261203-0001',
      applicantName: 'Võ Thị Công Dân',
      phone: '0912345678',
      procedureName: 'Cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke',
      documents: [
        { name: 'Đơn đề nghị cấp giấy phép (Mẫu số 01)', original: 'original', copies: 1, files: 1 } as never,
        { name: 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp', original: 'copy', copies: 1, files: 1 } as never,
      ],
      processingDays: 5,
      receivedAt: when,
      dueDate: '2026-12-10',
      channel: 'online',
      trackingUrl: 'http://localhost/tra-cuu?ma=SVHTTDL-261203-0001',
    });
    expect(checkLayout('form01', receipt).text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    for (const form of NOTICE_FORMS) {
      const input: NoticeInput = {
        form,
        agencyName: 'Sở Văn hóa, Thể thao và Du lịch',
        issuerUnit: 'Bộ phận tiếp nhận và trả kết quả',
        code: 'SVHTTDL-261203-0001',
        applicantName: 'Võ Thị Công Dân',
        procedureName: 'Cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke',
        issuedAt: when,
        signerName: 'Nguyễn Thị Tiếp Nhận',
        signerTitle: form === '04' ? 'Thủ trưởng cơ quan' : 'Người tiếp nhận hồ sơ',
        details: { reason: 'Hồ sơ chưa đủ thành phần', items: ['Sơ đồ phòng hát'], from: '2026-12-10', to: '2026-12-15', extraDays: 3 },
        receivedAt: when,
        trackingUrl: 'http://localhost/tra-cuu?ma=SVHTTDL-261203-0001',
      };
      const { text } = checkLayout(`form${form}`, await renderNotice({ ...input, stamp: stamp() }));
      expect(text).toContain('Nơi nhận:');
      expect(text).toContain('Ký số bởi:');
      expect(checkLayout(`form${form}-unsigned`, await renderNotice(input)).text).toContain('(Bản chưa ký số)');
    }
  });
});
