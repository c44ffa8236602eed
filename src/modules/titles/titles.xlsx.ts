import { excel } from '../../core/xlsx.js';
import { nfc } from '../../core/validation.js';

/** The commune's yearly registration list (issue 15 part 6). Column B (household code) and C
 * (village code) are what is checked; the head's name is there for the officer to read. */
export const SHEET = 'Đăng ký';
export const HEADERS = ['STT', 'Mã hộ', 'Mã thôn, tổ dân phố', 'Họ tên chủ hộ', 'Ghi chú'];
/** A village round's list: one village or residential group a row. */
export const VILLAGE_HEADERS = ['STT', 'Mã thôn, tổ dân phố', 'Tên thôn, tổ dân phố', 'Ghi chú'];
const MARK = 'vanhien-titles';

export async function buildTemplate(t: { titleKind?: 'household' | 'village'; communeCode: string; communeName: string; year: number; villages: { code: string; name: string }[]; households: { code: string; headName: string; villageCode: string }[] }): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Văn Hiến';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 3 }] });
  if (t.titleKind === 'village') {
    ws.getCell('A1').value = `Danh sách thôn, tổ dân phố đăng ký danh hiệu "Thôn, tổ dân phố văn hóa" năm ${t.year} – ${t.communeName}`;
    ws.getCell('A1').font = { bold: true, size: 13 };
    ws.getCell('A2').value = 'Mỗi dòng một thôn, tổ dân phố. Nhập mã (cột B) như trong sổ; không đổi tên cột.';
    ws.getCell('A2').font = { italic: true };
    ws.getRow(3).values = VILLAGE_HEADERS;
    ws.getRow(3).font = { bold: true };
    ws.columns = [{ width: 6 }, { width: 22 }, { width: 32 }, { width: 30 }];
    t.villages.forEach((v, i) => {
      ws.getRow(4 + i).values = [i + 1, v.code, v.name, ''];
    });
    ws.getCell('F1').value = `${MARK}|${t.communeCode}|${t.year}|village`;
    ws.getColumn('F').hidden = true;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  ws.getCell('A1').value = `Danh sách hộ gia đình đăng ký danh hiệu "Gia đình văn hóa" năm ${t.year} – ${t.communeName}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value = 'Mỗi dòng một hộ. Nhập mã hộ (cột B) và mã thôn, tổ dân phố (cột C) như trong sổ; không đổi tên cột.';
  ws.getCell('A2').font = { italic: true };
  ws.getRow(3).values = HEADERS;
  ws.getRow(3).font = { bold: true };
  ws.columns = [{ width: 6 }, { width: 16 }, { width: 22 }, { width: 32 }, { width: 30 }];
  t.households.forEach((h, i) => {
    ws.getRow(4 + i).values = [i + 1, h.code, h.villageCode, h.headName, ''];
  });
  const ref = wb.addWorksheet('Thôn, tổ dân phố');
  ref.getRow(1).values = ['Mã', 'Tên'];
  ref.getRow(1).font = { bold: true };
  t.villages.forEach((v, i) => {
    ref.getRow(2 + i).values = [v.code, v.name];
  });
  ws.getCell('F1').value = `${MARK}|${t.communeCode}|${t.year}`;
  ws.getColumn('F').hidden = true;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportRow {
  row: number;
  householdCode: string;
  villageCode: string;
}

/** The rows of the first sheet below the header; null when the header is not the template's (a
 * village round reads the village template: its codes in column B). */
export async function readRows(data: Buffer, kind: 'household' | 'village' = 'household'): Promise<ImportRow[] | null> {
  const wb = new (await excel()).Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return null;
  const text = (v: unknown) => nfc(v == null ? '' : typeof v === 'object' && v && 'text' in v ? String((v as { text: unknown }).text) : String(v));
  const head = kind === 'village' ? VILLAGE_HEADERS : HEADERS;
  let headerRow = 0;
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    if (text(ws.getRow(r).getCell(2).value) === head[1] && text(ws.getRow(r).getCell(3).value) === head[2]) headerRow = r;
  }
  if (!headerRow) return null;
  const out: ImportRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (kind === 'village') {
      const villageCode = text(row.getCell(2).value).toUpperCase();
      if (villageCode) out.push({ row: r, householdCode: '', villageCode });
      continue;
    }
    const householdCode = text(row.getCell(2).value).toUpperCase();
    const villageCode = text(row.getCell(3).value).toUpperCase();
    if (!householdCode && !villageCode) continue;
    out.push({ row: r, householdCode, villageCode });
  }
  return out;
}
