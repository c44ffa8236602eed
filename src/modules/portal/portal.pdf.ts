import { openA4 } from '../../core/pdf.js';
import { demoArtefact } from '../../core/demo-artefacts.js';
import { loadDemoPortal } from './portal.demo.js';

export interface DemoPdfInput {
  numberSymbol: string;
  type: string;
  issuingBody: string;
  signer: string;
  /** dd/mm/yyyy */
  issued: string;
  summary: string;
}

/**
 * A one-page PDF for a demo legal document: the heading block of Decree 30/2020 (issuing body
 * and number on the left, national name and motto on the right), the type and the summary as
 * the title, a body that says plainly it is sample data, and the signer. Written for the demo;
 * a real document is uploaded by the editors.
 */
export function demoDocumentPdf(d: DemoPdfInput): Promise<Buffer> {
  const { doc, done, left, width } = openA4({ Title: `${d.type} ${d.numberSymbol}`, Creator: 'Văn Hiến (dữ liệu minh họa)' });
  const colL = 200;
  const colR = width - colL - 10;
  const top = doc.y;
  doc.font('B').fontSize(11).text(d.issuingBody.toUpperCase(), left, top, { width: colL, align: 'center' });
  doc.font('R').fontSize(11).text(`Số: ${d.numberSymbol}`, { width: colL, align: 'center' });
  const leftBottom = doc.y;
  doc.font('B').fontSize(11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + colL + 10, top, { width: colR, align: 'center' });
  doc.font('B').fontSize(12).text('Độc lập - Tự do - Hạnh phúc', { width: colR, align: 'center' });
  const [day, month, year] = d.issued.split('/');
  doc.moveDown(0.5).font('R').fontSize(11).text(`Thành phố Hồ Chí Minh, ngày ${day} tháng ${month} năm ${year}`, { width: colR, align: 'center' });
  doc.y = Math.max(doc.y, leftBottom) + 30;
  doc.font('B').fontSize(14).text(d.type.toUpperCase(), left, doc.y, { width, align: 'center' });
  doc.moveDown(0.3).font('B').fontSize(12).text(d.summary, { width, align: 'center' });
  doc.moveDown(1.5).font('R').fontSize(12);
  doc.text('VĂN BẢN MINH HỌA – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ', { width, align: 'center' });
  doc.moveDown(1);
  doc.text(
    'Tệp này được tạo tự động cho bản trình diễn của nền tảng Văn Hiến để minh họa cách cổng thông tin đăng văn bản kèm tệp PDF. Nội dung thật của văn bản do cơ quan ban hành cung cấp và được biên tập viên tải lên khi đăng.',
    { width, align: 'justify' },
  );
  doc.moveDown(3).font('B').text(d.signer.toUpperCase(), left + width / 2, doc.y, { width: width / 2, align: 'center' });
  doc.end();
  return done;
}

/** The demo document's PDF, made once (at build time when possible): embedding the TTF font in
 * sixteen PDFs was a third of a first start (core/demo-artefacts.ts). */
export function demoDocumentPdfOnce(d: DemoPdfInput): Promise<Buffer> {
  const key = { numberSymbol: d.numberSymbol, type: d.type, issuingBody: d.issuingBody, signer: d.signer, issued: d.issued, summary: d.summary };
  return demoArtefact('legal-document', key, () => demoDocumentPdf(key));
}

/** Every demo document's PDF: `npm run build` calls it to fill dist/demo-artefacts. */
export async function makeDemoDocumentPdfs(): Promise<number> {
  const { documents } = loadDemoPortal();
  for (const d of documents) await demoDocumentPdfOnce(d);
  return documents.length;
}
