import { formatDateTimeVi, formatDateVi } from '../../core/validation.js';
import { officialHeading, openA4, qrPng } from '../../core/pdf.js';

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
  const qr = await qrPng(r.verifyUrl);
  const { doc, done, left, width } = openA4({
    Title: `Kết quả giải quyết hồ sơ ${r.code}`,
    Subject: 'Kết quả giải quyết thủ tục hành chính',
    Author: r.agencyName,
    CreationDate: r.issuedAt,
  });
  const d = formatDateVi(r.decidedAt).split('/');
  officialHeading(doc, { left, width, issuer: [{ text: r.agencyName, bold: true }], date: { day: d[0]!, month: d[1]!, year: d[2]! }, gap: 24 });

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
