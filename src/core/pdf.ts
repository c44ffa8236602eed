import path from 'node:path';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const fontDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
// pdfkit's built-in fonts are WinAnsi only: Vietnamese needs an embedded Unicode TTF.
const REGULAR = path.join(fontDir, '400Regular/BeVietnamPro_400Regular.ttf');
const BOLD = path.join(fontDir, '700Bold/BeVietnamPro_700Bold.ttf');

/** An A4 document with the margins of Decree 30/2020/NĐ-CP and fonts 'R' and 'B' registered;
 * `done` resolves to the finished bytes after `doc.end()`. */
export function openA4(info: PDFKit.DocumentInfo, opts: { compress?: boolean; landscape?: boolean } = {}) {
  const doc = new PDFDocument({
    size: 'A4',
    layout: opts.landscape ? 'landscape' : 'portrait',
    margins: opts.landscape ? { top: 40, bottom: 40, left: 40, right: 40 } : { top: 57, bottom: 57, left: 85, right: 57 },
    compress: opts.compress ?? true,
    info: { Creator: 'Văn Hiến', ...info },
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
  return { doc, done, left, width };
}

export const qrPng = (url: string) => QRCode.toBuffer(url, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });

/**
 * The heading block of an administrative document (Decree 30/2020, Appendix I): the issuing body
 * on the left, the national name and motto (underlined) with the place-and-date line on the
 * right. Leaves the cursor below the taller side plus `gap`.
 */
export function officialHeading(
  doc: PDFKit.PDFDocument,
  p: { left: number; width: number; issuer: { text: string; bold: boolean }[]; date: { day: string; month: string; year: string }; gap: number },
) {
  const top = doc.y;
  const colL = 200;
  const colR = p.width - colL - 10;
  p.issuer.forEach((line, i) => {
    doc.font(line.bold ? 'B' : 'R').fontSize(11);
    if (i === 0) doc.text(line.text.toUpperCase(), p.left, top, { width: colL, align: 'center' });
    else doc.text(line.text.toUpperCase(), { width: colL, align: 'center' });
  });
  const leftBottom = doc.y;
  doc.font('B').fontSize(11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', p.left + colL + 10, top, { width: colR, align: 'center' });
  doc.font('B').fontSize(12).text('Độc lập - Tự do - Hạnh phúc', { width: colR, align: 'center' });
  const mottoW = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  const lineY = doc.y + 1;
  doc
    .moveTo(p.left + colL + 10 + (colR - mottoW) / 2, lineY)
    .lineTo(p.left + colL + 10 + (colR + mottoW) / 2, lineY)
    .lineWidth(0.7)
    .stroke();
  doc
    .font('R')
    .fontSize(11)
    .text(`ngày ${p.date.day} tháng ${p.date.month} năm ${p.date.year}`, p.left + colL + 10, lineY + 8, { width: colR, align: 'center', oblique: true });
  doc.y = Math.max(leftBottom, doc.y) + p.gap;
}
