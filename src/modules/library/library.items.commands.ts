import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import { saveImage } from '../../core/images/images.js';
import { Check, UUID_RE, nfc } from '../../core/validation.js';
import * as repo from './library.items.repository.js';
import { ITEM_ACCESS, type ItemAccess, type ItemRange } from './library.items.schema.js';
import { libraryPolicy } from './library.policy.js';

const run = promisify(execFile);

export const ACCESS_VI: Record<ItemAccess, { vi: string; en: string }> = {
  public: { vi: 'Công khai', en: 'Public' },
  reading_room: { vi: 'Chỉ đọc tại phòng đọc', en: 'Reading room only' },
  restricted: { vi: 'Hạn chế (cán bộ thư viện)', en: 'Restricted (library staff)' },
};

/** What the server can do with scans, found once at start (poppler-utils, tesseract + vie). */
export interface Tools {
  pdftoppm: boolean;
  tesseractVie: boolean;
}
let tools: Tools | undefined;
export function detectTools(): Tools {
  if (tools) return tools;
  const pdf = spawnSync('pdftoppm', ['-v'], { timeout: 5000 });
  const tess = spawnSync('tesseract', ['--list-langs'], { timeout: 5000, encoding: 'utf8' });
  tools = { pdftoppm: !pdf.error, tesseractVie: !tess.error && /^vie$/m.test(`${tess.stdout ?? ''}${tess.stderr ?? ''}`) };
  return tools;
}

/** A scanned book rarely exceeds 500 pages; more in one PDF is more than one request should render. */
export const MAX_PDF_PAGES = 300;
/** 2,400 px on the long side ≈ an A4 page at 200 dpi: readable zoomed, 5–6 MP per page. */
const PDF_LONG_SIDE = 2400;
/** A page takes ~0.3 s at that size here; 120 s bounds a hostile file. */
const PDF_TIMEOUT_MS = 120_000;

const pdfRefused = (why: string, en: string) => new AppError('LIB-PDF', 422, why, en);

/** Renders a PDF's pages to PNG with poppler's pdftoppm: no shell, in a private temp folder, page
 * count and size bounded, time-limited; scripts and forms in the PDF are never run by pdftoppm. */
export async function renderPdfPages(data: Buffer): Promise<Buffer[]> {
  if (!detectTools().pdftoppm) {
    throw pdfRefused(
      'Máy chủ chưa cài poppler-utils (pdftoppm) nên chưa nhận tệp PDF. Vui lòng tải lên ảnh quét (JPEG, PNG, TIFF).',
      'PDF pages cannot be rendered on this server (pdftoppm missing); upload JPEG, PNG or TIFF scans.',
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-pdf-'));
  try {
    const input = path.join(dir, 'in.pdf');
    fs.writeFileSync(input, data);
    try {
      await run('pdftoppm', ['-png', '-l', String(MAX_PDF_PAGES), '-scale-to', String(PDF_LONG_SIDE), input, path.join(dir, 'p')], { timeout: PDF_TIMEOUT_MS, maxBuffer: 1024 * 1024 });
    } catch (e) {
      const msg = String((e as { stderr?: string }).stderr ?? (e as Error).message);
      if (/password/i.test(msg)) throw pdfRefused('Tệp PDF được bảo vệ bằng mật khẩu; vui lòng gỡ mật khẩu rồi tải lại.', 'The PDF is password-protected.');
      if ((e as { killed?: boolean }).killed) throw pdfRefused('Tệp PDF quá nặng để hiển thị (quá thời gian cho phép).', 'The PDF took too long to render.');
      throw pdfRefused('Tệp PDF bị hỏng, không đọc được trang nào.', 'The PDF is damaged; no page could be read.');
    }
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^p-\d+\.png$/.test(f))
      .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    if (!files.length) throw pdfRefused('Tệp PDF không có trang nào.', 'The PDF has no pages.');
    return files.map((f) => fs.readFileSync(path.join(dir, f)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';

export interface ItemInput {
  recordId?: string;
  label?: string;
  labelEn?: string;
  access?: string;
  rights?: string;
  attribution?: string;
  /** one chapter a line: "Tên chương | 1-5" */
  ranges?: string;
}

export function parseRanges(text: string, pageCount: number | null, check: Check): ItemRange[] {
  const out: ItemRange[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(.+?)\s*\|\s*(\d{1,5})\s*(?:-|–)\s*(\d{1,5})$/.exec(line);
    if (!m) {
      check.add('ranges', `Dòng ${i + 1}: viết "Tên chương | trang đầu-trang cuối", ví dụ "Chương 1 | 1-12".`, `Line ${i + 1}: write "Chapter | first-last".`);
      continue;
    }
    const from = Number(m[2]);
    const to = Number(m[3]);
    if (from < 1 || to < from || (pageCount !== null && to > pageCount)) {
      check.add('ranges', `Dòng ${i + 1}: trang ${from}-${to} không hợp lệ${pageCount !== null ? ` (bản số hóa có ${pageCount} trang)` : ''}.`, `Line ${i + 1}: pages out of range.`);
      continue;
    }
    out.push({ label: nfc(m[1]).slice(0, 200), from, to });
  }
  return out;
}

const RIGHTS_RE = /^https?:\/\/(rightsstatements\.org\/vocab\/[A-Za-z-]+\/1\.0\/|creativecommons\.org\/(licenses|publicdomain)\/[a-z0-9.\-/]+\/)$/;

function checkItem(input: ItemInput, pageCount: number | null) {
  const check = new Check();
  const label = nfc(input.label);
  const labelEn = nfc(input.labelEn);
  const access = nfc(input.access) || 'public';
  const rights = nfc(input.rights) || 'http://rightsstatements.org/vocab/InC-EDU/1.0/';
  const attribution = nfc(input.attribution);
  check.required('label', label, 'tên bản số hóa', 'a label').maxLength('label', label, 300, 'Tên bản số hóa').maxLength('labelEn', labelEn, 300, 'Tên tiếng Anh');
  if (!(ITEM_ACCESS as readonly string[]).includes(access)) check.add('access', 'Vui lòng chọn mức truy cập.', 'Choose an access level.');
  // Presentation 3.0 §3.3.1: `rights` is a Creative Commons or RightsStatements.org URI.
  if (!RIGHTS_RE.test(rights)) check.add('rights', 'Quyền sử dụng phải là địa chỉ của rightsstatements.org hoặc creativecommons.org, ví dụ http://rightsstatements.org/vocab/InC-EDU/1.0/.', 'Rights must be a RightsStatements.org or Creative Commons URI.');
  check.maxLength('attribution', attribution, 500, 'Nguồn');
  const ranges = parseRanges(nfc(input.ranges), pageCount, check);
  return { check, value: { label, labelEn, access: access as ItemAccess, rights, attribution, ranges } };
}

/** A digitised item of a catalogue record; pages come after. Outcomes: the item; CORE-100; CORE-404. */
export async function createItem(ctx: CommandContext, input: ItemInput) {
  libraryPolicy.requireManage(ctx.actor);
  const recordId = nfc(input.recordId);
  const { check, value } = checkItem(input, null);
  if (!UUID_RE.test(recordId)) check.add('recordId', 'Vui lòng chọn biểu ghi thư mục.', 'Choose the catalogue record.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    if (!(await repo.recordExists(tx, recordId))) throw Errors.validation({ recordId: { vi: 'Biểu ghi thư mục không tồn tại hoặc đã bị xóa.', en: 'No such record.' } });
    const item = await repo.insertItem(tx, { recordId, ...value, createdBy: ctx.actor.userId });
    await writeAudit(tx, ctx, { action: 'library.item_create', entity: 'library_item', entityId: item.id, summary: { recordId, label: value.label, access: value.access } });
    return item;
  });
}

export async function updateItem(ctx: CommandContext, itemId: string, input: ItemInput) {
  libraryPolicy.requireManage(ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const item = await repo.findItem(tx, itemId);
    if (!item) throw Errors.notFound('Bản số hóa');
    const { check, value } = checkItem(input, item.pageCount);
    check.throwIfAny();
    await repo.updateItem(tx, itemId, value);
    await writeAudit(tx, ctx, { action: 'library.item_update', entity: 'library_item', entityId: itemId, summary: { label: value.label, access: value.access, ranges: value.ranges.length } });
  });
}

export interface Upload {
  data: Buffer;
  filename: string;
  truncated?: boolean;
}

/** Appends scans (JPEG, PNG, TIFF, WebP; PDF pages rendered) in the order given. All or nothing:
 * one unreadable file refuses the batch with its name, and no page of it is kept.
 * Outcomes: pages added; CORE-100; CORE-413/415 (size, type from bytes); IMG-101 (pixels); LIB-PDF. */
export async function addPages(ctx: CommandContext, itemId: string, uploads: Upload[]) {
  libraryPolicy.requireManage(ctx.actor);
  // Scanners number their files: pages follow the files' names (trang-2 before trang-10).
  const files = uploads.filter((u) => u.data.length || u.filename).sort((a, b) => a.filename.localeCompare(b.filename, 'vi', { numeric: true }));
  if (!files.length) throw Errors.validation({ file: { vi: 'Vui lòng chọn ít nhất một tệp ảnh quét hoặc PDF.', en: 'Choose at least one scan or PDF.' } });
  const big = files.find((u) => u.truncated);
  if (big) throw Errors.validation({ file: { vi: `Tệp "${big.filename}" quá lớn (tối đa 25 MB mỗi tệp).`, en: 'A file is too large (max 25 MB).' } });
  // Render PDFs before the transaction: minutes of pdftoppm must not hold a connection.
  const images: { data: Buffer; name: string }[] = [];
  for (const u of files) {
    if (isPdf(u.data)) {
      const pages = await renderPdfPages(u.data).catch((e: unknown) => {
        if (e instanceof AppError) throw new AppError(e.code, e.status, `${u.filename}: ${e.vi}`, e.en);
        throw e;
      });
      for (const [i, data] of pages.entries()) images.push({ data, name: `${u.filename.replace(/\.pdf$/i, '')}-${i + 1}.png` });
    } else images.push({ data: u.data, name: u.filename });
  }
  return transaction(ctx.services.pool, async (tx) => {
    const item = await repo.findItem(tx, itemId);
    if (!item) throw Errors.notFound('Bản số hóa');
    let seq = await repo.lastSeq(tx, itemId);
    const rows: repo.NewPage[] = [];
    for (const img of images) {
      let saved: Awaited<ReturnType<typeof saveImage>>;
      try {
        saved = await saveImage(tx, ctx.services.files, { data: img.data, originalName: img.name || 'scan', owner: 'library', ownerId: itemId, alt: `${item.label}, trang ${seq + 1}`, createdBy: ctx.actor.userId });
      } catch (e) {
        if (e instanceof AppError) throw new AppError(e.code, e.status, `${img.name || 'Tệp'}: ${e.vi}`, e.en, e.fields);
        throw e;
      }
      seq += 1;
      rows.push({ itemId, seq, imageId: saved.id, width: saved.width, height: saved.height, label: '' });
    }
    await repo.insertPages(tx, rows);
    await repo.updateItem(tx, itemId, { pageCount: seq });
    await repo.markRecordDigitised(tx, item.recordId, itemId);
    await writeAudit(tx, ctx, { action: 'library.item_pages_add', entity: 'library_item', entityId: itemId, summary: { added: rows.length, pages: seq } });
    return rows.length;
  });
}

/** Imported OCR (plain text) for one page; an empty text clears it. */
export async function setPageText(ctx: CommandContext, itemId: string, seq: number, text: string) {
  libraryPolicy.requireManage(ctx.actor);
  const value = nfc(text);
  if (value.length > 100_000) throw Errors.validation({ text: { vi: 'Văn bản một trang không được dài quá 100.000 ký tự.', en: 'At most 100,000 characters a page.' } });
  return transaction(ctx.services.pool, async (tx) => {
    const page = await repo.findPage(tx, itemId, seq);
    if (!page) throw Errors.notFound('Trang');
    await repo.setPageText(tx, itemId, seq, value, value ? 'imported' : 'none', null);
    await repo.updateItem(tx, itemId, {});
    await writeAudit(tx, ctx, { action: 'library.item_page_text', entity: 'library_item', entityId: itemId, summary: { seq, chars: value.length } });
  });
}

export async function movePage(ctx: CommandContext, itemId: string, seq: number, direction: 'up' | 'down') {
  libraryPolicy.requireManage(ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const item = await repo.findItem(tx, itemId);
    if (!item) throw Errors.notFound('Bản số hóa');
    const other = direction === 'up' ? seq - 1 : seq + 1;
    if (seq < 1 || seq > item.pageCount || other < 1 || other > item.pageCount) throw Errors.badRequest('Không thể chuyển trang ra ngoài bản số hóa.', 'Cannot move the page there.');
    await repo.swapPages(tx, itemId, seq, other);
    await repo.updateItem(tx, itemId, {});
    await writeAudit(tx, ctx, { action: 'library.item_page_move', entity: 'library_item', entityId: itemId, summary: { from: seq, to: other } });
  });
}

/** "10.20.0.0/16, 2001:db8::/48" → checked CIDRs (a bare address is a /32 or /128). */
export function parseCidrs(text: string): { cidrs: string[]; bad: string[] } {
  const cidrs: string[] = [];
  const bad: string[] = [];
  for (const raw of text.split(/[\s,;]+/).filter(Boolean)) {
    const [addr, bits] = raw.split('/');
    const fam = net.isIP(addr ?? '');
    const max = fam === 6 ? 128 : 32;
    const n = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : -1;
    if (!fam || n < 0 || n > max) bad.push(raw);
    else cidrs.push(`${addr}/${n}`);
  }
  return { cidrs, bad };
}

export async function setReadingRoom(ctx: CommandContext, input: { name?: string; cidrs?: string }) {
  libraryPolicy.requireManage(ctx.actor);
  const name = nfc(input.name);
  const { cidrs, bad } = parseCidrs(nfc(input.cidrs));
  const check = new Check().required('name', name, 'tên phòng đọc', 'a name').maxLength('name', name, 200, 'Tên phòng đọc');
  if (bad.length) check.add('cidrs', `Dải địa chỉ không hợp lệ: ${bad.join(', ')}. Viết như 10.20.0.0/16.`, `Invalid ranges: ${bad.join(', ')}.`);
  check.throwIfAny();
  await transaction(ctx.services.pool, async (tx) => {
    await repo.upsertReadingRoom(tx, name, cidrs);
    await writeAudit(tx, ctx, { action: 'library.reading_room_set', entity: 'library_reading_room', entityId: name, summary: { ranges: cidrs.length } });
  });
  readingRoomCache.delete(ctx.services);
}

const readingRoomCache = new WeakMap<object, { at: number; list: net.BlockList }>();
/** Is this address inside a reading room? Ranges are re-read at most once a minute per process. */
export async function inReadingRoom(services: CommandContext['services'], ip: string | undefined): Promise<boolean> {
  if (!ip) return false;
  let c = readingRoomCache.get(services);
  if (!c || Date.now() - c.at > 60_000) {
    const list = new net.BlockList();
    for (const r of await repo.listReadingRooms(services.db))
      for (const cidr of r.cidrs) {
        const [a, b] = cidr.split('/');
        if (a && net.isIP(a)) list.addSubnet(a, Number(b), net.isIP(a) === 6 ? 'ipv6' : 'ipv4');
      }
    c = { at: Date.now(), list };
    readingRoomCache.set(services, c);
  }
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const addr = v4mapped ?? ip;
  return net.isIP(addr) ? c.list.check(addr, net.isIP(addr) === 6 ? 'ipv6' : 'ipv4') : false;
}
