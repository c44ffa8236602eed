import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { BODY_PT, officialHeading, openA4 } from '../../core/pdf.js';
import { NO_DATA, ROMAN, type ReportContent, formatFigure } from './steering.figures.js';

/**
 * The report as DOCX and PDF in the format of Decree 30/2020/NĐ-CP (Appendix I): Times New Roman,
 * body 13–14 pt (13 here, headings 14), the heading block (issuing body and number left, national
 * name and motto right, place and date in italics), numbered sections, tables.
 */
export interface DocMeta {
  parent: string;
  agency: string;
  number: string;
  place: string;
  /** YYYY-MM-DD of the document */
  date: string;
  status: string;
  signer: { title: string; name: string } | null;
}

/** The body that issues the reports (the heading block, the portal's documents page). */
export const REPORT_ISSUER = 'Sở Văn hóa, Thể thao và Du lịch';

const FONT = 'Times New Roman';
const pt = (n: number) => n * 2; // docx sizes are half-points
const VN = (iso: string) => iso.split('-').reverse().join('/');

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: pt(o.size ?? BODY_PT), bold: o.bold, italics: o.italics, ...(o.underline ? { underline: {} } : {}) });
const para = (children: TextRun[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; indent?: boolean } = {}) =>
  new Paragraph({
    children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 120, line: 276 },
    ...(o.indent ? { indent: { firstLine: 567 } } : {}),
  });

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function headingBlock(m: DocMeta): Table {
  const [y, mo, d] = m.date.split('-');
  const cell = (children: Paragraph[], w: number) =>
    new TableCell({ children, width: { size: w, type: WidthType.PERCENTAGE }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } });
  const c = AlignmentType.CENTER;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              para([run(m.parent.toUpperCase(), { size: 12.5 })], { align: c, after: 0 }),
              para([run(m.agency.toUpperCase(), { size: 12.5, bold: true })], { align: c, after: 0 }),
              para([run('────────', { size: 10 })], { align: c, after: 60 }),
              para([run(`Số: ${m.number}`)], { align: c, after: 0 }),
            ],
            42,
          ),
          cell(
            [
              para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12.5, bold: true })], { align: c, after: 0 }),
              para([run('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true, underline: true })], { align: c, after: 120 }),
              para([run(`${m.place}, ngày ${d} tháng ${mo} năm ${y}`, { italics: true })], { align: c, after: 0 }),
            ],
            58,
          ),
        ],
      }),
    ],
  });
}

function dataTable(head: string[], rows: string[][]): Table {
  const c = (t: string, bold = false) => new TableCell({ children: [para([run(t, { bold, size: 12 })], { align: AlignmentType.LEFT, after: 0 })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: head.map((h) => c(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((x) => c(x)) }))],
  });
}

export async function reportDocx(content: ReportContent, m: DocMeta): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [headingBlock(m)];
  const [title, ...rest] = content.title.split(' ');
  body.push(para([run(title!, { bold: true, size: 14 })], { align: AlignmentType.CENTER, before: 360, after: 0 }));
  body.push(para([run(rest.join(' '), { bold: true, size: 14 })], { align: AlignmentType.CENTER, after: 240 }));
  if (m.status) body.push(para([run(m.status, { italics: true })], { align: AlignmentType.CENTER }));
  content.sections.forEach((s, i) => {
    body.push(para([run(`${ROMAN[i]}. ${s.title.toUpperCase()}`, { bold: true, size: 14 })], { before: 240 }));
    if (s.figures.length) {
      body.push(
        dataTable(
          ['STT', 'Nội dung', 'Kết quả', 'Nguồn số liệu', 'Số liệu tính đến'],
          s.figures.map((f, j) => [
            String(j + 1),
            f.label,
            f.value === null ? `${NO_DATA}${f.missing ? ` (${f.missing})` : ''}` : formatFigure(f),
            f.source,
            f.asOf ? VN(f.asOf) : '—',
          ]),
        ),
      );
    }
    s.tables.forEach((t, j) => {
      body.push(para([run(`${j + 1}. ${t.caption}`, { bold: true })], { before: 120 }));
      body.push(t.rows.length ? dataTable(t.head, t.rows) : para([run('Không có.', { italics: true })]));
    });
    for (const line of s.narrative.split('\n').filter((x) => x.trim())) body.push(para([run(line)], { indent: true }));
  });
  body.push(para([run('Nơi nhận:', { bold: true, italics: true, size: 12 })], { before: 360, align: AlignmentType.LEFT, after: 0 }));
  body.push(para([run('- UBND tỉnh (để báo cáo);', { size: 11 })], { align: AlignmentType.LEFT, after: 0 }));
  body.push(para([run('- Lưu: VT, VP.', { size: 11 })], { align: AlignmentType.LEFT }));
  if (m.signer) {
    body.push(para([run(m.signer.title.toUpperCase(), { bold: true })], { align: AlignmentType.RIGHT, before: 120, after: 720 }));
    body.push(para([run(m.signer.name, { bold: true })], { align: AlignmentType.RIGHT }));
  }
  const doc = new Document({
    creator: 'Văn Hiến',
    title: content.title,
    styles: { default: { document: { run: { font: FONT, size: pt(BODY_PT) } } } },
    // Decree 30/2020 Appendix I §II.1: A4, top/bottom 20 mm, left 30 mm, right 15 mm (1 mm = 56.7 twips).
    sections: [
      { properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } }, children: body },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function reportPdf(content: ReportContent, m: DocMeta): Promise<Buffer> {
  const { doc, done, left, width } = openA4({ Title: content.title, Author: m.agency });
  const [y, mo, d] = m.date.split('-') as [string, string, string];
  officialHeading(doc, {
    left,
    width,
    issuer: [
      { text: m.parent, bold: false },
      { text: m.agency, bold: true },
    ],
    date: { day: d, month: mo, year: y },
    gap: 18,
    number: `Số: ${m.number}`,
    place: m.place,
  });
  const [title, ...rest] = content.title.split(' ');
  doc.font('B').fontSize(14).text(title!, left, doc.y, { width, align: 'center' });
  doc.text(rest.join(' '), { width, align: 'center' });
  if (m.status) doc.font('I').fontSize(BODY_PT).text(m.status, { width, align: 'center' });
  doc.moveDown(0.8);
  const cols = [0.06, 0.38, 0.18, 0.26, 0.12].map((x) => x * width);
  const row = (cells: string[], bold: boolean, widths = cols) => {
    doc.font(bold ? 'B' : 'R').fontSize(11);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, top, widths[i]!, h).lineWidth(0.5).stroke();
      doc.text(c, x + 3, top + 3, { width: widths[i]! - 6 });
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = top + h;
  };
  content.sections.forEach((s, i) => {
    doc
      .font('B')
      .fontSize(14)
      .text(`${ROMAN[i]}. ${s.title.toUpperCase()}`, left, doc.y + 6, { width });
    doc.moveDown(0.3);
    if (s.figures.length) {
      row(['STT', 'Nội dung', 'Kết quả', 'Nguồn số liệu', 'Tính đến'], true);
      for (const [j, f] of s.figures.entries())
        row([String(j + 1), f.label, f.value === null ? NO_DATA : formatFigure(f), f.source, f.asOf ? VN(f.asOf) : '—'], false);
    }
    s.tables.forEach((t, j) => {
      doc
        .font('B')
        .fontSize(BODY_PT)
        .text(`${j + 1}. ${t.caption}`, left, doc.y + 6, { width });
      if (!t.rows.length) {
        doc.font('I').text('Không có.', { width });
        return;
      }
      const w = t.head.map(() => width / t.head.length);
      row(t.head, true, w);
      for (const r of t.rows) row(r, false, w);
    });
    doc.font('R').fontSize(BODY_PT);
    for (const line of s.narrative.split('\n').filter((x) => x.trim())) doc.text(line, left, doc.y + 4, { width, align: 'justify', indent: 28 });
  });
  if (m.signer) {
    doc.moveDown(1.5);
    doc
      .font('B')
      .fontSize(BODY_PT)
      .text(m.signer.title.toUpperCase(), left + width / 2, doc.y, { width: width / 2, align: 'center' });
    doc.moveDown(3);
    doc.text(m.signer.name, left + width / 2, doc.y, { width: width / 2, align: 'center' });
  }
  doc.end();
  return done;
}
