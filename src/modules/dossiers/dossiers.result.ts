import { formatDateTimeVi, formatDateVi } from '../../core/validation.js';
import { BODY_PT, officialHeading, openA4, qrPng, signatureFoot, type SignatureStamp } from '../../core/pdf.js';

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
  /** the place name of the date line (Decree 30/2020, Appendix I item 4) */
  place?: string;
  approverTitle?: string;
  /** the visible block of the digital signature added after rendering (src/core/signing) */
  stamp?: SignatureStamp;
}

/**
 * The electronic result of an administrative procedure (Decree 118/2025/NĐ-CP: results are given
 * electronically and have the same value as paper). The QR code leads to the public verification
 * page, which checks the digital signature and compares a copy's SHA-256 with the one recorded at
 * issue. Decree 30/2020/NĐ-CP layout (src/core/pdf.ts). Deterministic for a given input (fixed creation date), so the hash is
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
  officialHeading(doc, {
    left,
    width,
    issuer: [{ text: r.agencyName, bold: true }],
    number: `Số: ${r.code}/KQ`,
    place: r.place,
    date: { day: d[0]!, month: d[1]!, year: d[2]! },
    gap: 24,
  });

  doc.font('B').fontSize(14).text('KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', left, doc.y, { width, align: 'center' });
  doc.font('B').fontSize(13).text(`Mã hồ sơ: ${r.code}`, { width, align: 'center' });
  doc.moveDown(1);

  const line = (label: string, value: string) => {
    doc.font('R').fontSize(BODY_PT).text(`${label}: `, left, doc.y, { continued: true, width }).font('B').text(value);
  };
  line('Thủ tục hành chính', r.procedureName);
  line('Loại kết quả', r.resultType);
  line('Người nộp hồ sơ', r.applicantName);
  if (r.organisationName) line('Tổ chức', r.organisationName);
  line('Ngày quyết định', formatDateVi(r.decidedAt));
  line('Người phê duyệt', r.approverName);
  line('Thời điểm phát hành bản điện tử', formatDateTimeVi(r.issuedAt));
  doc.moveDown(0.6);
  doc
    .font('R')
    .fontSize(BODY_PT)
    .text(
      `${r.agencyName} xác nhận hồ sơ ${r.code} đã được giải quyết xong theo quy định. Văn bản điện tử được ký số có giá trị pháp lý như bản giấy (Luật Giao dịch điện tử số 20/2023/QH15; Nghị định số 118/2025/NĐ-CP).`,
      left,
      doc.y,
      { width, align: 'justify', indent: 28 },
    );

  signatureFoot(doc, {
    left,
    width,
    recipients: [`Ông/Bà ${r.applicantName}`, 'Lưu: VT, hồ sơ điện tử'],
    title: r.approverTitle ?? 'Người phê duyệt',
    name: r.approverName,
    stamp: r.stamp,
  });

  const qrSize = 84;
  if (doc.y + qrSize + 10 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const qrY = doc.y + 6;
  doc.image(qr, left, qrY, { width: qrSize, height: qrSize });
  doc
    .font('R')
    .fontSize(11)
    .text('Quét mã QR hoặc truy cập địa chỉ dưới đây để kiểm tra chữ ký số và tính toàn vẹn của văn bản:', left + qrSize + 12, qrY + 10, { width: width - qrSize - 12 });
  doc
    .font('R')
    .fontSize(11)
    .text(r.verifyUrl, { width: width - qrSize - 12, link: r.verifyUrl, underline: true });
  doc.end();
  return done;
}
