import { BODY_PT, officialHeading, openA4, signatureFoot, type SignatureStamp } from '../../core/pdf.js';
import { formatDateVi } from '../../core/validation.js';

export interface ReceiptInput {
  agencyName: string;
  place?: string;
  receiptNo: string;
  code: string;
  payerName: string;
  procedureName: string;
  feeNames: string[];
  amount: number;
  method: 'cash' | 'bank' | 'gateway';
  paidOn: string;
  collectorName: string;
  issuedAt: Date;
  stamp?: SignatureStamp;
}

const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đồng`;
const METHOD = { cash: 'Tiền mặt tại Bộ phận một cửa', bank: 'Chuyển khoản', gateway: 'Cổng thanh toán trực tuyến' };

/**
 * The receipt for a fee paid at the desk (issue 18 part 5), in the Decree 30/2020 layout every
 * document uses (core/pdf). It is the platform's acknowledgement of the amount; the agency's
 * e-receipt under its fee-collection rules (Decree 11/2020/NĐ-CP) is issued by its own
 * invoicing system. Signed by the caller when signing is available.
 */
export async function renderReceipt(r: ReceiptInput): Promise<Buffer> {
  const { doc, done, left, width } = openA4({
    Title: `Biên lai thu phí, lệ phí ${r.receiptNo}`,
    Subject: `Biên lai thu phí, lệ phí hồ sơ ${r.code}`,
    Author: r.agencyName,
    CreationDate: r.issuedAt,
  });
  const [day, month, year] = formatDateVi(r.paidOn).split('/');
  officialHeading(doc, {
    left,
    width,
    issuer: [{ text: r.agencyName, bold: true }],
    number: `Số: ${r.receiptNo}`,
    place: r.place,
    date: { day: day!, month: month!, year: year! },
    gap: 24,
  });
  doc.font('B').fontSize(14).text('BIÊN LAI THU PHÍ, LỆ PHÍ', left, doc.y, { width, align: 'center' });
  doc.moveDown(1);
  const line = (label: string, value: string) => doc.font('R').fontSize(BODY_PT).text(`${label}: `, left, doc.y, { continued: true, width }).font('B').text(value);
  line('Mã hồ sơ', r.code);
  line('Người nộp', r.payerName);
  line('Thủ tục hành chính', r.procedureName);
  if (r.feeNames.length) line('Khoản thu', r.feeNames.join('; '));
  line('Số tiền', vnd(r.amount));
  line('Hình thức nộp', METHOD[r.method]);
  line('Ngày nộp', formatDateVi(r.paidOn));
  signatureFoot(doc, { left, width, recipients: [`Người nộp: ${r.payerName}`, 'Lưu: hồ sơ điện tử'], title: 'Người thu tiền', name: r.collectorName, stamp: r.stamp, unsignedNote: '(Biên lai điện tử chưa ký số)' });
  doc.end();
  return done;
}
