import { formatDateVi } from '../../core/validation.js';
import { ORIGINAL_KIND } from '../procedures/index.js';
import type { RequiredDocument } from '../procedures/index.js';
import { officialHeading, openA4, qrPng } from '../../core/pdf.js';

export interface ReceiptInput {
  agencyName: string;
  receivingUnit: string;
  code: string;
  applicantName: string;
  idNumber?: string;
  organisationName?: string;
  address?: string;
  phone?: string;
  email?: string;
  procedureName: string;
  documents: (RequiredDocument & { files: number })[];
  processingDays: number;
  receivedAt: Date;
  dueDate: string;
  channel: 'online' | 'desk';
  trackingUrl: string;
}

function vnParts(d: Date) {
  const local = new Date(d.getTime() + 7 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    hh: two(local.getUTCHours()),
    mm: two(local.getUTCMinutes()),
    day: two(local.getUTCDate()),
    month: two(local.getUTCMonth() + 1),
    year: local.getUTCFullYear(),
  };
}

/**
 * Form 01 of Appendix I, Circular 03/2025/TT-VPCP: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả".
 * A4 with the margins of Decree 30/2020/NĐ-CP (administrative documents). The log volume/number
 * and the officer's signature are added when the one-stop desk receives the dossier.
 */
export async function renderReceipt(r: ReceiptInput, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const qr = await qrPng(r.trackingUrl);
  const { doc, done, left, width } = openA4(
    { Title: r.code, Subject: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', Author: r.agencyName },
    { compress: opts.compress },
  );
  const recv = vnParts(r.receivedAt);
  officialHeading(doc, {
    left,
    width,
    issuer: [
      { text: r.agencyName, bold: false },
      { text: r.receivingUnit, bold: true },
    ],
    date: { day: recv.day, month: recv.month, year: String(recv.year) },
    gap: 18,
  });

  doc.font('B').fontSize(14).text('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', left, doc.y, { width, align: 'center' });
  doc.font('B').fontSize(13).text(`Mã hồ sơ: ${r.code}`, { width, align: 'center' });
  doc.moveDown(0.8);

  const line = (label: string, value?: string) => {
    doc
      .font('R')
      .fontSize(13)
      .text(`${label}: `, left, doc.y, { continued: true, width })
      .font('B')
      .text(value || '…………………………');
  };
  doc.font('R').fontSize(13).text(`${r.receivingUnit} – ${r.agencyName} tiếp nhận hồ sơ của:`, left, doc.y, { width });
  line('Ông/Bà', r.applicantName);
  if (r.organisationName) line('Đại diện cho', r.organisationName);
  if (r.idNumber) line('Số định danh cá nhân', r.idNumber);
  if (r.address) line('Địa chỉ', r.address);
  line('Số điện thoại', r.phone);
  if (r.email) line('Thư điện tử', r.email);
  line('Nội dung yêu cầu giải quyết', r.procedureName);
  doc.moveDown(0.4);

  doc.font('B').fontSize(13).text('1. Thành phần hồ sơ nộp gồm:', left, doc.y, { width });
  r.documents.forEach((d, i) => {
    const kind = ORIGINAL_KIND[d.original].vi.toLowerCase();
    doc
      .font('R')
      .fontSize(13)
      .text(
        `${i + 1}. ${d.name} (${kind}; số bản theo quy định: ${String(d.copies).padStart(2, '0')}; số tệp đã nhận: ${String(d.files).padStart(2, '0')}).`,
        left + 14,
        doc.y,
        {
          width: width - 14,
        },
      );
  });
  doc.font('R').fontSize(13).text('2. Số lượng hồ sơ: 01 bộ.', left, doc.y, { width });
  doc.text(`3. Thời gian giải quyết hồ sơ theo quy định: ${r.processingDays} ngày làm việc.`, { width });
  doc.text(`4. Thời gian nhận hồ sơ: ${recv.hh} giờ ${recv.mm} phút, ngày ${recv.day}/${recv.month}/${recv.year}.`, { width });
  doc.text(`5. Thời gian trả kết quả giải quyết hồ sơ: ngày ${formatDateVi(r.dueDate)}.`, { width });
  doc.text(`6. Nơi nhận kết quả: ${r.channel === 'online' ? 'Trực tuyến tại Cổng dịch vụ công' : 'Tại Bộ phận tiếp nhận và trả kết quả'}.`, { width });
  doc.moveDown(0.4);
  doc
    .font('I')
    .fontSize(12)
    .text(
      'Hồ sơ nộp trực tuyến: thời hạn giải quyết được tính từ khi Bộ phận một cửa tiếp nhận hồ sơ hợp lệ; nếu hồ sơ cần bổ sung, ngày hẹn trả sẽ được thông báo lại.',
      { width },
    );
  doc.moveDown(1);

  const sigTop = doc.y;
  const half = width / 2;
  doc.font('B').fontSize(13).text('NGƯỜI NỘP HỒ SƠ', left, sigTop, { width: half, align: 'center' });
  doc
    .font('I')
    .fontSize(11)
    .text(r.channel === 'desk' ? '(Nộp trực tiếp tại Bộ phận một cửa)' : '(Nộp trực tuyến)', { width: half, align: 'center' });
  doc.moveDown(2);
  doc.font('B').fontSize(13).text(r.applicantName, { width: half, align: 'center' });
  doc
    .font('B')
    .fontSize(13)
    .text('NGƯỜI TIẾP NHẬN HỒ SƠ', left + half, sigTop, { width: half, align: 'center' });
  doc
    .font('I')
    .fontSize(11)
    .text(r.channel === 'desk' ? '(Cán bộ tiếp nhận ký điện tử)' : '(Hệ thống tiếp nhận tự động)', { width: half, align: 'center' });

  const qrSize = 96;
  const qrY = Math.min(doc.page.height - doc.page.margins.bottom - qrSize - 30, Math.max(doc.y, sigTop + 90) + 10);
  doc.image(qr, left, qrY, { width: qrSize, height: qrSize });
  doc
    .font('R')
    .fontSize(11)
    .text(
      'Quét mã QR hoặc truy cập địa chỉ dưới đây để tra cứu tình trạng hồ sơ (cần số điện thoại hoặc số định danh của người nộp):',
      left + qrSize + 12,
      qrY + 10,
      {
        width: width - qrSize - 12,
      },
    );
  doc
    .font('R')
    .fontSize(11)
    .text(r.trackingUrl, { width: width - qrSize - 12, link: r.trackingUrl, underline: true });
  doc.end();
  return done;
}
