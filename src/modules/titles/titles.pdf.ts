import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { DECREE30_MARGINS, FONTS, officialHeading, openA4, qrPng, signatureFoot } from '../../core/pdf.js';
import type { Cycle, EntryRow, Proposal } from './titles.repository.js';
import { TITLE_VI } from './titles.schema.js';

/**
 * The round's documents (issue 15 part 4) on core/pdf: official heading (Decree 30/2020), Tinos,
 * a verification QR. Certificates of a whole commune are drawn into one file streamed to disk,
 * one page each, with the QR drawn as vector squares: memory stays flat with the count.
 */
const dateParts = (iso: string) => ({ day: iso.slice(8, 10), month: iso.slice(5, 7), year: iso.slice(0, 4) });
const vi = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');
/** "Hộ ông/bà X – Thôn Y" for a household, the village's name for a village. */
export const subjectLine = (r: { headName: string | null; villageName: string }) => (r.headName ? `Hộ ông/bà ${r.headName} – ${r.villageName}` : r.villageName);
const plural = (c: Cycle) => (c.titleKind === 'village' ? 'thôn, tổ dân phố' : 'hộ gia đình');
const issuer = (c: Cycle) => [
  { text: `UBND ${c.communeName}`, bold: false },
  { text: 'Ban Chỉ đạo phong trào', bold: true },
];

async function withQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number) {
  doc.image(await qrPng(url), x, y, { width: 70 });
  doc.font('I').fontSize(9).text('Quét mã để kiểm tra', x - 10, y + 72, { width: 90, align: 'center' });
}

/** The listing notice the village head posts (printable, QR to the public page). */
export async function listingNoticePdf(c: Cycle, rows: EntryRow[], pageUrl: string): Promise<Buffer> {
  const { doc, done, left, width } = openA4({ Title: `Thông báo niêm yết ${c.communeName} ${c.year}` });
  officialHeading(doc, { left, width, issuer: issuer(c), date: dateParts(c.listingStart!), gap: 18 });
  doc.font('B').fontSize(14).text('THÔNG BÁO', left, doc.y, { width, align: 'center' });
  doc.font('B').fontSize(13).text(`Niêm yết danh sách ${plural(c)} đề nghị công nhận danh hiệu "${TITLE_VI[c.titleKind]}" năm ${c.year}`, { width, align: 'center' });
  doc.moveDown();
  doc.font('R').fontSize(13).text(`Thời gian niêm yết: từ ngày ${vi(c.listingStart)} đến hết ngày ${vi(c.listingEnd)}. Mọi ý kiến xin gửi trưởng thôn, tổ dân phố hoặc góp ý trực tuyến tại địa chỉ trong mã QR.`, { width, align: 'justify' });
  doc.moveDown(0.5);
  for (const [i, r] of rows.entries()) doc.text(`${i + 1}. ${subjectLine(r)}`, { width });
  doc.moveDown();
  await withQr(doc, pageUrl, left + width - 80, doc.y);
  doc.end();
  return done;
}

/** The commune council's minutes. */
export async function minutesPdf(c: Cycle, rows: EntryRow[], comments: number, verifyUrl: string): Promise<Buffer> {
  const { doc, done, left, width } = openA4({ Title: `Biên bản ${c.minutesNumber}` });
  officialHeading(doc, { left, width, issuer: issuer(c), number: `Số: ${c.minutesNumber}`, date: dateParts(c.minutesDate!), gap: 18 });
  doc.font('B').fontSize(14).text('BIÊN BẢN', left, doc.y, { width, align: 'center' });
  doc.font('B').fontSize(13).text(`Họp bình xét danh hiệu "${TITLE_VI[c.titleKind]}" năm ${c.year}`, { width, align: 'center' });
  doc.moveDown();
  doc.font('R').fontSize(13).text(c.minutesText ?? '', { width, align: 'justify' });
  doc.moveDown(0.5);
  doc.text(`Số ${c.titleKind === 'village' ? 'thôn, tổ dân phố' : 'hộ'} được đề nghị: ${rows.length}. Số ý kiến nhận được trong thời gian niêm yết: ${comments}.`, { width });
  doc.moveDown();
  await withQr(doc, verifyUrl, left + width - 80, doc.y);
  doc.end();
  return done;
}

/** The chairman's decision with its annex list. */
export async function decisionPdf(c: Cycle, rows: EntryRow[], decidingLevel: string, verifyUrl: string, issuerName: string = c.communeName): Promise<Buffer> {
  const { doc, done, left, width } = openA4({ Title: `Quyết định ${c.decisionNumber}` });
  officialHeading(doc, { left, width, issuer: [{ text: `Ủy ban nhân dân`, bold: false }, { text: issuerName, bold: true }], number: `Số: ${c.decisionNumber}`, date: dateParts(c.decisionDate!), gap: 18 });
  doc.font('B').fontSize(14).text('QUYẾT ĐỊNH', left, doc.y, { width, align: 'center' });
  doc.font('B').fontSize(13).text(`Về việc công nhận danh hiệu "${TITLE_VI[c.titleKind]}" năm ${c.year}`, { width, align: 'center' });
  doc.moveDown();
  doc.font('R').fontSize(13).text('Căn cứ Nghị định số 86/2023/NĐ-CP ngày 07/12/2023 của Chính phủ quy định về khung tiêu chuẩn và trình tự, thủ tục, hồ sơ xét tặng danh hiệu "Gia đình văn hóa", "Thôn, tổ dân phố văn hóa", "Xã, phường, thị trấn tiêu biểu";', { width, align: 'justify' });
  doc.text(`Căn cứ Biên bản số ${c.minutesNumber} ngày ${vi(c.minutesDate)};`, { width });
  doc.moveDown(0.5);
  doc.font('B').text('QUYẾT ĐỊNH:', { width, align: 'center' });
  doc.font('R').text(`Điều 1. Công nhận danh hiệu "${TITLE_VI[c.titleKind]}" năm ${c.year} cho ${rows.length} ${plural(c)} có tên trong danh sách kèm theo.`, { width, align: 'justify' });
  doc.text('Điều 2. Quyết định có hiệu lực kể từ ngày ký.', { width });
  signatureFoot(doc, { left, width, recipients: ['Như Điều 1', 'Lưu: VT'], authority: 'TM. Ủy ban nhân dân', title: decidingLevel.replace(/ Ủy ban nhân dân.*$/, ''), name: c.decisionSigner ?? '' });
  doc.addPage();
  doc.font('B').fontSize(13).text(`DANH SÁCH KÈM THEO QUYẾT ĐỊNH SỐ ${c.decisionNumber}`, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.5);
  doc.font('R').fontSize(12);
  for (const [i, r] of rows.entries()) doc.text(`${i + 1}. ${subjectLine(r)}`, { width });
  doc.moveDown();
  await withQr(doc, verifyUrl, left + width - 80, doc.y);
  doc.end();
  return done;
}

/** The commune's proposal ("tờ trình") of "tiêu biểu" households or villages, with its list. */
export async function proposalPdf(p: Proposal, items: { name: string; villageName: string; yearsHeld: number }[], verifyUrl: string): Promise<Buffer> {
  const { doc, done, left, width } = openA4({ Title: `Tờ trình ${p.number}` });
  officialHeading(doc, { left, width, issuer: [{ text: 'Ủy ban nhân dân', bold: false }, { text: p.communeName, bold: true }], number: `Số: ${p.number}`, date: dateParts(p.proposedOn), gap: 18 });
  doc.font('B').fontSize(14).text('TỜ TRÌNH', left, doc.y, { width, align: 'center' });
  doc.font('B').fontSize(13).text(`Đề nghị khen thưởng "${TITLE_VI[p.titleKind]}" tiêu biểu năm ${p.year}`, { width, align: 'center' });
  doc.font('R').fontSize(13).text(`Kính gửi: ${p.decidingLevel}`, { width, align: 'center' });
  doc.moveDown();
  doc.text(
    `${p.communeName} đề nghị khen thưởng ${items.length} ${p.titleKind === 'village' ? 'thôn, tổ dân phố' : 'hộ gia đình'} tiêu biểu, được lựa chọn trong số ${p.titleKind === 'village' ? 'thôn, tổ dân phố' : 'hộ gia đình'} giữ danh hiệu "${TITLE_VI[p.titleKind]}" từ ${p.consecutiveYears} năm liên tục trở lên tính đến năm ${p.year}, có tên trong danh sách dưới đây.`,
    { width, align: 'justify' },
  );
  doc.moveDown(0.5);
  for (const [i, r] of items.entries()) doc.text(`${i + 1}. ${p.titleKind === 'village' ? r.name : `Hộ ông/bà ${r.name} – ${r.villageName}`} (${r.yearsHeld} năm liên tục)`, { width });
  signatureFoot(doc, { left, width, recipients: ['Như trên', 'Lưu: VT'], authority: 'TM. Ủy ban nhân dân', title: 'Chủ tịch', name: '' });
  await withQr(doc, verifyUrl, left + width - 80, doc.y + 10);
  doc.end();
  return done;
}

/** A QR drawn as filled squares: no image object per page. */
function vectorQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number) {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  for (let r = 0; r < n; r++)
    for (let col = 0; col < n; col++) if (qr.modules.get(r, col)) doc.rect(x + col * cell, y + r * cell, cell + 0.05, cell + 0.05);
  doc.fill('#000');
}

export type CertificateRow = {
  id: string;
  /** null for a village */
  headName: string | null;
  villageName: string;
};

/** Certificates of a round into one PDF at `file`, a page each; `rows` is read in pages so the
 * caller can stream from the database; `progress` is called after each page group. */
export async function certificatesPdf(
  c: Cycle,
  rows: AsyncIterable<CertificateRow[]>,
  opts: { file: string; verifyBase: string; progress: (done: number) => Promise<void> },
): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', autoFirstPage: false, margins: { ...DECREE30_MARGINS }, info: { Creator: 'Văn Hiến', Title: `Giấy công nhận ${c.communeName} ${c.year}` } });
  for (const [name, f] of Object.entries(FONTS)) doc.registerFont(name, f);
  const out = fs.createWriteStream(opts.file);
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  let n = 0;
  for await (const page of rows) {
    for (const r of page) {
      doc.addPage();
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      officialHeading(doc, { left, width, issuer: [{ text: 'Ủy ban nhân dân', bold: false }, { text: c.communeName, bold: true }], number: `Số: ${c.decisionNumber}`, date: dateParts(c.decisionDate!), gap: 24 });
      doc.font('B').fontSize(24).text('GIẤY CÔNG NHẬN', left, doc.y, { width, align: 'center' });
      doc.font('B').fontSize(18).text(`${TITLE_VI[c.titleKind]} năm ${c.year}`, { width, align: 'center' });
      doc.moveDown();
      if (r.headName) {
        doc.font('R').fontSize(15).text(`Hộ ông/bà: ${r.headName}`, { width, align: 'center' });
        doc.text(`${r.villageName}, ${c.communeName}`, { width, align: 'center' });
      } else doc.font('B').fontSize(16).text(`${r.villageName}, ${c.communeName}`, { width, align: 'center' });
      doc.font('I').fontSize(12).text(`Theo Quyết định số ${c.decisionNumber} ngày ${vi(c.decisionDate)}`, { width, align: 'center' });
      vectorQr(doc, `${opts.verifyBase}/${r.id}`, left, doc.page.height - doc.page.margins.bottom - 80, 72);
      n++;
      // Wait for the stream to drain so pdfkit's output does not pile up in memory.
      if (out.writableNeedDrain) await new Promise<void>((res) => out.once('drain', () => res()));
    }
    await opts.progress(n);
  }
  doc.end();
  await finished;
  return n;
}
