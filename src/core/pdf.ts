import path from 'node:path';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const fontDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'));
// pdfkit's built-in fonts are WinAnsi only: Vietnamese needs an embedded Unicode TTF. Decree
// 30/2020/NĐ-CP (Appendix I) asks for Times New Roman in the Vietnamese Unicode set; Tinos has
// the same metrics (line breaks fall where they would in Word) and covers every Vietnamese glyph.
export const FONTS = {
  R: path.join(fontDir, '400Regular/Tinos_400Regular.ttf'),
  B: path.join(fontDir, '700Bold/Tinos_700Bold.ttf'),
  I: path.join(fontDir, '400Regular_Italic/Tinos_400Regular_Italic.ttf'),
  BI: path.join(fontDir, '700Bold_Italic/Tinos_700Bold_Italic.ttf'),
} as const;

const mm = (n: number) => (n * 72) / 25.4;
/** Decree 30/2020/NĐ-CP, Appendix I §II.1: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const DECREE30_MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;
/** Appendix I: body text 13–14 pt. */
export const BODY_PT = 13;

/** An A4 document with the margins of Decree 30/2020/NĐ-CP and fonts 'R', 'B', 'I', 'BI'
 * registered; `done` resolves to the finished bytes after `doc.end()`. */
export function openA4(info: PDFKit.DocumentInfo, opts: { compress?: boolean; landscape?: boolean } = {}) {
  const doc = new PDFDocument({
    size: 'A4',
    layout: opts.landscape ? 'landscape' : 'portrait',
    // A landscape register (Form 07) is a table, not a letter: the same margins turned.
    margins: opts.landscape ? { top: mm(15), bottom: mm(15), left: mm(20), right: mm(15) } : { ...DECREE30_MARGINS },
    compress: opts.compress ?? true,
    info: { Creator: 'Văn Hiến', ...info },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  doc.font('R').fontSize(BODY_PT);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  return { doc, done, left, width };
}

export const qrPng = (url: string) => QRCode.toBuffer(url, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });

/**
 * The heading block of an administrative document (Decree 30/2020, Appendix I, items 1–4): the
 * issuing body (parent body upright, issuing body bold, 12–13 pt) with the number and symbol
 * under it on the left; the national name (bold capitals, 12–13 pt) and motto (bold 13–14 pt,
 * underlined) with the place-and-date line (italic 13–14 pt) on the right. Leaves the cursor
 * below the taller side plus `gap`.
 */
export function officialHeading(
  doc: PDFKit.PDFDocument,
  p: {
    left: number;
    width: number;
    issuer: { text: string; bold: boolean }[];
    date: { day: string; month: string; year: string };
    gap: number;
    /** "Số: 12/KQ-SVHTTDL"; omitted on forms that have none */
    number?: string;
    /** the place name before the date ("Hà Nội, ngày …") */
    place?: string;
  },
) {
  const top = doc.y;
  const colL = Math.round(p.width * 0.42);
  const colR = p.width - colL - 6;
  p.issuer.forEach((line, i) => {
    doc.font(line.bold ? 'B' : 'R').fontSize(12.5);
    if (i === 0) doc.text(line.text.toUpperCase(), p.left, top, { width: colL, align: 'center' });
    else doc.text(line.text.toUpperCase(), { width: colL, align: 'center' });
  });
  // Appendix I: a short rule under the issuing body, a third to a half of its line.
  const ruleY = doc.y + 1;
  doc
    .moveTo(p.left + colL / 2 - colL / 6, ruleY)
    .lineTo(p.left + colL / 2 + colL / 6, ruleY)
    .lineWidth(0.7)
    .stroke();
  if (p.number) doc.font('R').fontSize(13).text(p.number, p.left, ruleY + 6, { width: colL, align: 'center' });
  const leftBottom = doc.y;
  doc.font('B').fontSize(12.5).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', p.left + colL + 6, top, { width: colR, align: 'center' });
  doc.font('B').fontSize(13).text('Độc lập - Tự do - Hạnh phúc', { width: colR, align: 'center' });
  const mottoW = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  const lineY = doc.y + 1;
  doc
    .moveTo(p.left + colL + 6 + (colR - mottoW) / 2, lineY)
    .lineTo(p.left + colL + 6 + (colR + mottoW) / 2, lineY)
    .lineWidth(0.7)
    .stroke();
  const place = p.place ? `${p.place}, ` : '';
  doc
    .font('I')
    .fontSize(13)
    .text(`${place}ngày ${p.date.day} tháng ${p.date.month} năm ${p.date.year}`, p.left + colL + 6, lineY + 8, { width: colR, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + p.gap;
}

/** What the signature block prints about a digital signature (filled before signing). */
export interface SignatureStamp {
  /** the certificate's holder (the agency) */
  certificateName: string;
  signedAt: Date;
  demo: boolean;
}

/**
 * The foot of an administrative document (Decree 30/2020, Appendix I, items 7–9): "Nơi nhận"
 * (bold italic 12 pt, list 11 pt) on the left; on the right the signer's authority and title
 * (bold capitals 13–14 pt), the digital-signature box (who signed, when, on behalf of which
 * agency) and the signer's name (bold 13–14 pt). Moves to a new page when it does not fit.
 */
export function signatureFoot(
  doc: PDFKit.PDFDocument,
  p: { left: number; width: number; recipients: string[]; authority?: string; title: string; name: string; stamp?: SignatureStamp; unsignedNote?: string },
) {
  const need = 190;
  if (doc.y + need > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y + 8;
  const half = p.width / 2;
  doc.font('BI').fontSize(12).text('Nơi nhận:', p.left, top, { width: half - 10 });
  doc.font('R').fontSize(11);
  for (const r of p.recipients) doc.text(`- ${r};`.replace(/;;$/, ';'), { width: half - 10 });
  const leftBottom = doc.y;
  const x = p.left + half;
  doc.y = top;
  if (p.authority) doc.font('B').fontSize(13).text(p.authority.toUpperCase(), x, top, { width: half, align: 'center' });
  doc.font('B').fontSize(13).text(p.title.toUpperCase(), x, doc.y, { width: half, align: 'center' });
  doc.moveDown(0.4);
  if (p.stamp) {
    const boxTop = doc.y;
    const boxW = half - 16;
    const lines = [
      'Ký số bởi:',
      p.stamp.certificateName,
      `Thời gian ký: ${vnDateTime(p.stamp.signedAt)}`,
      ...(p.stamp.demo ? ['CHỮ KÝ SỐ THỬ NGHIỆM'] : []),
    ];
    doc.font('R').fontSize(9.5);
    const h = lines.reduce((s, l) => s + doc.heightOfString(l, { width: boxW - 10 }), 0) + 10;
    doc.save().lineWidth(0.8).strokeColor('#b00000').rect(x + 8, boxTop, boxW, h).stroke().restore();
    doc.fillColor('#b00000');
    let y = boxTop + 5;
    for (const [i, l] of lines.entries()) {
      doc.font(i === 0 || i === 3 ? 'B' : 'R').fontSize(9.5).text(l, x + 13, y, { width: boxW - 10 });
      y = doc.y;
    }
    doc.fillColor('black');
    doc.y = boxTop + h + 8;
  } else {
    doc.font('I').fontSize(11).text(p.unsignedNote ?? '', x, doc.y, { width: half, align: 'center' });
    doc.moveDown(2.5);
  }
  doc.font('B').fontSize(13).text(p.name, x, doc.y, { width: half, align: 'center' });
  doc.y = Math.max(doc.y, leftBottom) + 10;
  doc.x = p.left;
}

function vnDateTime(d: Date) {
  const l = new Date(d.getTime() + 7 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(l.getUTCHours())}:${two(l.getUTCMinutes())}:${two(l.getUTCSeconds())} ngày ${two(l.getUTCDate())}/${two(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}`;
}
