import path from 'node:path';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatDateTimeVi, formatDateVi } from '../../core/validation.js';

const fontDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
// pdfkit's built-in fonts are WinAnsi only: Vietnamese needs an embedded Unicode TTF.
const REGULAR = path.join(fontDir, '400Regular/BeVietnamPro_400Regular.ttf');
const BOLD = path.join(fontDir, '700Bold/BeVietnamPro_700Bold.ttf');

export interface ResultInput {
  resultId: string;
  agencyName: string;
  procedureName: string;
  resultType: string;
  applicantName: string;
  organisationName?: string;
  code: string;
  decidedAt: Date;
  approverName: string;
  issuedAt: Date;
  verifyUrl: string;
}

/**
 * The electronic result of an administrative procedure (Decree 118/2025/NĐ-CP: results are given
 * electronically and have the same value as paper). The QR code leads to the public verification
 * page, which compares a copy's SHA-256 with the one recorded at issue. A4 with the margins of
 * Decree 30/2020/NĐ-CP. Deterministic for a given input (fixed creation date), so the hash is
 * a property of the content.
 */
export async function renderResult(r: ResultInput): Promise<Buffer> {
  const qr = await QRCode.toBuffer(r.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 57, bottom: 57, left: 85, right: 57 },
    info: {
      Title: `Kết quả giải quyết hồ sơ ${r.code}`,
      Subject: 'Kết quả giải quyết thủ tục hành chính',
      Author: r.agencyName,
      Creator: 'Văn Hiến',
      CreationDate: r.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('R', REGULAR);
  doc.registerFont('B', BOLD);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y;
  const colL = 200;
  const colR = width - colL - 10;
  doc.font('B').fontSize(11).text(r.agencyName.toUpperCase(), left, top, { width: colL, align: 'center' });
  const leftBottom = doc.y;
  doc
    .font('B')
    .fontSize(11)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + colL + 10, top, { width: colR, align: 'center' });
  doc.font('B').fontSize(12).text('Độc lập - Tự do - Hạnh phúc', { width: colR, align: 'center' });
  const d = formatDateVi(r.decidedAt).split('/');
  doc
    .font('R')
    .fontSize(11)
    .text(`ngày ${d[0]} tháng ${d[1]} năm ${d[2]}`, left + colL + 10, doc.y + 8, { width: colR, align: 'center', oblique: true });
  doc.y = Math.max(leftBottom, doc.y) + 24;

  doc.font('B').fontSize(14).text('KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', left, doc.y, { width, align: 'center' });
  doc.font('B').fontSize(12).text(`Mã hồ sơ: ${r.code}`, { width, align: 'center' });
  doc.moveDown(1);

  const line = (label: string, value: string) => {
    doc.font('R').fontSize(12).text(`${label}: `, left, doc.y, { continued: true, width }).font('B').text(value);
  };
  line('Thủ tục hành chính', r.procedureName);
  line('Loại kết quả', r.resultType);
  line('Người nộp hồ sơ', r.applicantName);
  if (r.organisationName) line('Tổ chức', r.organisationName);
  line('Ngày quyết định', formatDateVi(r.decidedAt));
  line('Người phê duyệt', r.approverName);
  line('Thời điểm phát hành bản điện tử', formatDateTimeVi(r.issuedAt));
  doc.moveDown(0.8);
  doc
    .font('R')
    .fontSize(11)
    .text(
      `${r.agencyName} xác nhận hồ sơ ${r.code} đã được giải quyết xong theo quy định. Bản điện tử này có giá trị pháp lý như bản giấy (Nghị định số 118/2025/NĐ-CP).`,
      { width },
    );
  doc.moveDown(1.2);

  const half = width / 2;
  const sigTop = doc.y;
  doc
    .font('B')
    .fontSize(12)
    .text('NGƯỜI PHÊ DUYỆT', left + half, sigTop, { width: half, align: 'center' });
  doc.moveDown(2);
  doc.font('B').fontSize(12).text(r.approverName, { width: half, align: 'center' });

  const qrSize = 96;
  const qrY = Math.min(doc.page.height - doc.page.margins.bottom - qrSize - 30, doc.y + 20);
  doc.image(qr, left, qrY, { width: qrSize, height: qrSize });
  doc
    .font('R')
    .fontSize(10)
    .text('Quét mã QR hoặc truy cập địa chỉ dưới đây để xác thực tính xác thực của văn bản:', left + qrSize + 12, qrY + 10, { width: width - qrSize - 12 });
  doc
    .font('R')
    .fontSize(10)
    .text(r.verifyUrl, { width: width - qrSize - 12, link: r.verifyUrl, underline: true });
  doc.end();
  return done;
}
