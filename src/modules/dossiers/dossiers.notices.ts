import { formatDateVi } from '../../core/validation.js';
import { BODY_PT, officialHeading, openA4, qrPng, signatureFoot, type SignatureStamp } from '../../core/pdf.js';

/**
 * The notices of Appendix I, Circular 03/2025/TT-VPCP that follow the receipt: Form 02 (supplement
 * request), 03 (refusal), 04 (apology and new appointment) and 05 (stop notice). Each is drawn from
 * the timeline event that issued it, so a copy downloaded later prints exactly what was decided.
 */
export const NOTICE_FORMS = ['02', '03', '04', '05'] as const;
export type NoticeForm = (typeof NOTICE_FORMS)[number];

/** The timeline event that issues each notice. */
export const NOTICE_EVENT: Record<NoticeForm, string> = { '02': 'supplement_requested', '03': 'refused', '04': 'extended', '05': 'stopped' };

export const NOTICE_TITLES: Record<NoticeForm, string> = {
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  '04': 'Văn bản xin lỗi và hẹn lại ngày trả kết quả',
  '05': 'Thông báo dừng giải quyết hồ sơ',
};

export interface NoticeInput {
  form: NoticeForm;
  agencyName: string;
  /** the unit that issues it: the one-stop desk, or the agency's head for Form 04 */
  issuerUnit: string;
  code: string;
  applicantName: string;
  procedureName: string;
  issuedAt: Date;
  signerName: string;
  signerTitle: string;
  details: { reason?: string; items?: string[]; from?: string; to?: string; extraDays?: number };
  receivedAt?: Date | null;
  trackingUrl: string;
  /** the digital signature's visible block; without it the copy says it is not signed */
  stamp?: SignatureStamp;
}

function vnDay(d: Date) {
  const local = new Date(d.getTime() + 7 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return { day: two(local.getUTCDate()), month: two(local.getUTCMonth() + 1), year: String(local.getUTCFullYear()) };
}

export async function renderNotice(n: NoticeInput, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const title = NOTICE_TITLES[n.form];
  const { doc, done, left, width } = openA4({ Title: `${title} – ${n.code}`, Subject: `Mẫu số ${n.form}`, Author: n.agencyName }, opts);
  officialHeading(doc, {
    left,
    width,
    issuer: [
      { text: n.agencyName, bold: n.form === '04' },
      ...(n.form === '04' ? [] : [{ text: n.issuerUnit, bold: true }]),
    ],
    date: vnDay(n.issuedAt),
    gap: 18,
  });
  doc.font('B').fontSize(14).text(title.toUpperCase(), left, doc.y, { width, align: 'center' });
  doc.font('I').fontSize(11).text(`(Mẫu số ${n.form}, Phụ lục I, Thông tư số 03/2025/TT-VPCP)`, { width, align: 'center' });
  doc.font('B').fontSize(13).text(`Mã hồ sơ: ${n.code}`, { width, align: 'center' });
  doc.moveDown(0.8);

  const para = (text: string, o: { bold?: boolean; indent?: number } = {}) =>
    doc
      .font(o.bold ? 'B' : 'R')
      .fontSize(BODY_PT)
      .text(text, left + (o.indent ?? 0), doc.y, { width: width - (o.indent ?? 0), align: 'justify' });

  para(`Kính gửi: Ông/Bà ${n.applicantName}`, { bold: true });
  doc.moveDown(0.4);
  const received = n.receivedAt ? ` ngày ${formatDateVi(n.receivedAt)}` : '';
  switch (n.form) {
    case '02':
      para(`${n.issuerUnit} – ${n.agencyName} đã nhận hồ sơ ${n.code} đề nghị giải quyết thủ tục: ${n.procedureName}.`);
      para('Sau khi xem xét, hồ sơ của Ông/Bà cần được bổ sung, hoàn thiện các nội dung sau:');
      for (const [i, item] of (n.details.items ?? []).entries()) para(`${i + 1}. ${item}`, { indent: 14 });
      para(
        'Đây là toàn bộ các nội dung cần bổ sung, hoàn thiện; hồ sơ chỉ được yêu cầu bổ sung một lần. Thời hạn giải quyết được tính lại từ khi nhận đủ hồ sơ bổ sung.',
      );
      para('Ông/Bà bổ sung hồ sơ trực tuyến tại Cổng dịch vụ công hoặc tại Bộ phận tiếp nhận và trả kết quả.');
      break;
    case '03':
      para(`${n.issuerUnit} – ${n.agencyName} đã nhận hồ sơ ${n.code} đề nghị giải quyết thủ tục: ${n.procedureName}.`);
      para('Sau khi xem xét, cơ quan tiếp nhận từ chối tiếp nhận giải quyết hồ sơ vì lý do sau:');
      para(n.details.reason ?? '', { indent: 14 });
      para('Xin thông báo để Ông/Bà được biết và thực hiện.');
      break;
    case '04':
      para(
        `${n.agencyName} đã tiếp nhận hồ sơ ${n.code}${received} đề nghị giải quyết thủ tục: ${n.procedureName}; ngày hẹn trả kết quả là ${formatDateVi(n.details.from)}.`,
      );
      para(`Tuy nhiên, đến nay cơ quan chưa thể trả kết quả đúng hẹn vì lý do: ${n.details.reason ?? ''}`);
      para('Sự chậm trễ này đã gây phiền hà cho Ông/Bà; cơ quan thành thật xin lỗi Ông/Bà về sự bất tiện này.');
      para(`Cơ quan xin hẹn lại ngày trả kết quả là ngày ${formatDateVi(n.details.to)} (thêm ${n.details.extraDays ?? ''} ngày làm việc).`, { bold: true });
      break;
    case '05':
      para(`${n.agencyName} đã tiếp nhận hồ sơ ${n.code}${received} đề nghị giải quyết thủ tục: ${n.procedureName}.`);
      para(`Theo đề nghị của Ông/Bà, với lý do: ${n.details.reason ?? ''}, cơ quan thông báo dừng giải quyết hồ sơ nêu trên kể từ ngày ${formatDateVi(n.issuedAt)}.`);
      para('Hồ sơ dừng giải quyết được trả lại cho Ông/Bà theo quy định; phí, lệ phí đã nộp (nếu có) được xử lý theo quy định hiện hành.');
      break;
  }
  signatureFoot(doc, {
    left,
    width,
    recipients: [`Ông/Bà ${n.applicantName}`, 'Lưu: hồ sơ điện tử'],
    title: n.signerTitle,
    name: n.signerName,
    stamp: n.stamp,
    unsignedNote: '(Bản chưa ký số)',
  });

  const qrSize = 80;
  if (doc.y + qrSize + 10 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const qrY = doc.y + 6;
  doc.image(await qrPng(n.trackingUrl), left, qrY, { width: qrSize, height: qrSize });
  doc
    .font('R')
    .fontSize(11)
    .text('Tra cứu tình trạng hồ sơ:', left + qrSize + 12, qrY + 14, { width: width - qrSize - 12 })
    .text(n.trackingUrl, { width: width - qrSize - 12, link: n.trackingUrl, underline: true });
  doc.end();
  return done;
}
