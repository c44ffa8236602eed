import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { transaction, type Tx } from '../../core/db/index.js';
import type { CommandContext, Services } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { Check, formatDateVi, nfc, vnIsoDate } from '../../core/validation.js';
import { queueMail } from '../../core/mail/mail.js';
import { cleanFileName } from '../../core/files/files.js';
import { WorkingCalendar } from '../../core/calendar/index.js';
import { feedbackPolicy } from './feedback.policy.js';
import { normalizePhone } from './feedback.privacy.js';
import { formatVnDateTimeInput, parseVnDateTime } from './feedback.time.js';
import type { FeedbackChannel, FeedbackStatus } from './feedback.schema.js';
import * as repo from './feedback.repository.js';

export const CONTENT_MAX = 4000;
export const MAX_FILES = 5;
export const FILE_MAX_BYTES = 10 * 1024 * 1024;
export const ALLOWED_FILE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
/** Vietnam's bounding box (mainland and near islands; Hoàng Sa and Trường Sa fit inside it). */
export const VN_BOX = { latMin: 8.0, latMax: 23.5, lngMin: 102.0, lngMax: 110.0 };

const vnNumber = (n: number) => n.toLocaleString('vi-VN');

/** A file as the route read it from the multipart stream. */
export interface UploadedFile {
  filename: string;
  data: Buffer;
  /** the stream went past the size limit and was cut */
  truncated: boolean;
}

export interface WebFeedbackInput {
  name: string;
  phone: string;
  email: string;
  category: string;
  content: string;
  address: string;
  lat: string;
  lng: string;
  /** the reporter ticked "do not publish my case" */
  noPublish: boolean;
}

export interface HotlineInput {
  name: string;
  phone: string;
  callTime: string;
  category: string;
  content: string;
  address: string;
}

export interface FiledCase {
  case: repo.FeedbackCase;
  category: repo.FeedbackCategory;
  trackingUrl: string;
  /** short text ready for an SMS or an email body: the code and where to track it */
  notification: string;
}

/** Coordinates as people type them: "10.7769" or, in Vietnamese, "10,7769". */
export function parseCoordinate(raw: string): number | null | 'invalid' {
  const v = raw.trim().replace(',', '.');
  if (!v) return null;
  if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(v)) return 'invalid';
  return Number(v);
}

function checkLocation(check: Check, latRaw: string, lngRaw: string, names = { lat: 'lat', lng: 'lng' }) {
  const lat = parseCoordinate(latRaw);
  const lng = parseCoordinate(lngRaw);
  if (lat === 'invalid') check.add(names.lat, 'Vĩ độ phải là một số, ví dụ: 10,7769.', 'Latitude must be a number, e.g. 10.7769.');
  else if (lat !== null && (lat < VN_BOX.latMin || lat > VN_BOX.latMax))
    check.add(names.lat, 'Vĩ độ nằm ngoài lãnh thổ Việt Nam: phải từ 8,0 đến 23,5.', 'Latitude is outside Vietnam: it must be between 8.0 and 23.5.');
  if (lng === 'invalid') check.add(names.lng, 'Kinh độ phải là một số, ví dụ: 106,7009.', 'Longitude must be a number, e.g. 106.7009.');
  else if (lng !== null && (lng < VN_BOX.lngMin || lng > VN_BOX.lngMax))
    check.add(names.lng, 'Kinh độ nằm ngoài lãnh thổ Việt Nam: phải từ 102,0 đến 110,0.', 'Longitude is outside Vietnam: it must be between 102.0 and 110.0.');
  if ((lat === null) !== (lng === null) && lat !== 'invalid' && lng !== 'invalid') {
    check.add(
      lat === null ? names.lat : names.lng,
      'Vui lòng nhập đủ cả vĩ độ và kinh độ, hoặc để trống cả hai.',
      'Enter both latitude and longitude, or neither.',
    );
  }
  return { lat: typeof lat === 'number' ? lat : null, lng: typeof lng === 'number' ? lng : null };
}

function checkContent(check: Check, content: string, field = 'content') {
  if (!content) check.add(field, 'Vui lòng nhập nội dung phản ánh.', 'Enter what you want to report.');
  else if (content.length > CONTENT_MAX)
    check.add(
      field,
      `Nội dung phản ánh không được dài quá ${vnNumber(CONTENT_MAX)} ký tự (hiện có ${vnNumber(content.length)} ký tự).`,
      `At most ${CONTENT_MAX} characters (now ${content.length}).`,
    );
}

async function checkCategory(ctx: CommandContext, check: Check, code: string, field = 'category') {
  if (!code) {
    check.add(field, 'Vui lòng chọn lĩnh vực phản ánh.', 'Choose a category.');
    return undefined;
  }
  const cat = await repo.findCategory(ctx.services.db, code);
  if (!cat?.active) check.add(field, 'Lĩnh vực đã chọn không còn được tiếp nhận. Vui lòng chọn lĩnh vực khác.', 'That category is not available.');
  return cat?.active ? cat : undefined;
}

/** Types come from the bytes, never the name or the browser's claim; the store checks again. */
async function checkFiles(check: Check, files: UploadedFile[]) {
  if (files.length > MAX_FILES) {
    check.add('files', `Chỉ được đính kèm tối đa ${MAX_FILES} tệp (bạn đã chọn ${files.length} tệp).`, `At most ${MAX_FILES} files.`);
    return;
  }
  for (const f of files) {
    const name = cleanFileName(f.filename) || 'tệp không tên';
    if (f.truncated || f.data.length > FILE_MAX_BYTES) {
      check.add('files', `Tệp "${name}" quá lớn: mỗi tệp tối đa 10 MB. Vui lòng chọn lại tệp.`, `File "${name}" is larger than 10 MB.`);
      return;
    }
    const sniffed = await fileTypeFromBuffer(f.data);
    if (!sniffed || !ALLOWED_FILE_TYPES.includes(sniffed.mime)) {
      check.add(
        'files',
        `Tệp "${name}" không được chấp nhận: chỉ nhận ảnh JPEG, PNG hoặc tệp PDF. Vui lòng chọn lại tệp.`,
        `File "${name}" is not a JPEG, PNG or PDF.`,
      );
      return;
    }
  }
}

/** The merged working calendar; the test template seeds without the calendar service, and the
 * defaults computed from the Labour Code are the right answer there. */
export async function workingCalendar(s: Services): Promise<WorkingCalendar> {
  return (s as Partial<Services>).calendar ? s.calendar.calendar() : new WorkingCalendar();
}

export function trackingUrl(s: Services, code: string): string {
  return `${s.config.publicUrl}/phan-anh/tra-cuu?code=${encodeURIComponent(code)}`;
}

/** Short enough for two SMS segments in Unicode; no personal data, only the code and the link. */
export function notificationText(s: Services, code: string, dueDate: string): string {
  return `Sở VHTTDL đã tiếp nhận phản ánh của bạn, mã số ${code}, hạn trả lời ${formatDateVi(dueDate)}. Tra cứu tại ${trackingUrl(s, code)} (kèm số điện thoại hoặc thư điện tử đã khai).`;
}

interface NewCase {
  channel: FeedbackChannel;
  category: repo.FeedbackCategory;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterEmail: string | null;
  content: string;
  addressText: string | null;
  lat: number | null;
  lng: number | null;
  mediaUrl?: string | null;
  publishConsent: boolean;
  receivedAt: Date;
  apiClientId?: string | null;
  eventNote: string;
  files?: UploadedFile[];
  /** queue the notification to the reporter's email in the same transaction */
  mail?: boolean;
  /** demo data only: a case already further along */
  status?: FeedbackStatus;
}

/**
 * Receive → log (Decree 20/2008/NĐ-CP Art. 9): one transaction takes the day's next code, stores
 * the case, its files and the first timeline event, queues the acknowledgement and writes the
 * audit row; nothing is half-recorded. The handling deadline counts working days from the day
 * of receipt, per category (5, 7 when several units, 10 at most).
 */
export async function fileCase(ctx: CommandContext, c: NewCase, tx?: Tx): Promise<FiledCase> {
  const s = ctx.services;
  const day = vnIsoDate(c.receivedAt);
  const dueDate = (await workingCalendar(s)).addWorkingDays(day, c.category.deadlineDays);
  const run = async (tx: Tx) => {
    const code = await repo.allocateCode(tx, day);
    const row = await repo.insertCase(tx, {
      code,
      channel: c.channel,
      categoryCode: c.category.serviceCode,
      reporterName: c.reporterName,
      reporterPhone: c.reporterPhone,
      reporterEmail: c.reporterEmail,
      content: c.content,
      addressText: c.addressText,
      lat: c.lat === null ? null : c.lat.toFixed(6),
      lng: c.lng === null ? null : c.lng.toFixed(6),
      mediaUrl: c.mediaUrl ?? null,
      publishConsent: c.publishConsent,
      receivedAt: c.receivedAt,
      dueDate,
      apiClientId: c.apiClientId ?? null,
      status: c.status ?? 'new',
      updatedAt: c.receivedAt,
    });
    for (const f of c.files ?? []) {
      const stored = await s.files.save(tx, {
        data: f.data,
        originalName: f.filename,
        allowed: ALLOWED_FILE_TYPES,
        maxBytes: FILE_MAX_BYTES,
        createdBy: ctx.actor.userId,
      });
      await repo.insertFile(tx, { caseId: row.id, storedFileId: stored.id, originalName: stored.originalName });
    }
    await repo.insertEvent(tx, { caseId: row.id, at: c.receivedAt, kind: 'received', note: c.eventNote, actorId: ctx.actor.userId });
    const notification = notificationText(s, code, dueDate);
    if (c.mail && c.reporterEmail) {
      await queueMail(tx, s.jobs, {
        to: c.reporterEmail,
        subject: `Đã tiếp nhận phản ánh ${code}`,
        text: `Kính gửi ông/bà,\n\n${notification}\n\nTrân trọng.`,
      });
    }
    // The audit summary names the case, never the reporter (Law 91/2025: minimise personal data).
    await writeAudit(tx, ctx, {
      action: 'feedback.receive',
      entity: 'feedback_case',
      entityId: row.id,
      summary: { after: { code, channel: c.channel, category: c.category.serviceCode, files: c.files?.length ?? 0 } },
    });
    return { case: row, category: c.category, trackingUrl: trackingUrl(s, code), notification };
  };
  return tx ? run(tx) : transaction(s.pool, run);
}

/** submitWebFeedback: anyone, through the portal form. Outcomes: the filed case, or CORE-100
 * with every field error at once (missing contact, empty or long content, coordinates outside
 * Vietnam, a wrong file type). */
export async function submitWebFeedback(ctx: CommandContext, input: WebFeedbackInput, files: UploadedFile[]): Promise<FiledCase> {
  const name = nfc(input.name);
  const phone = normalizePhone(nfc(input.phone));
  const email = nfc(input.email).toLowerCase();
  const content = nfc(input.content);
  const address = nfc(input.address);
  const check = new Check().required('name', name, 'họ và tên', 'your name').maxLength('name', name, 200, 'Họ và tên');
  // Decree 20/2008 Art. 6: the sender gives a way to be answered: a phone number or an email.
  if (!phone && !email)
    check.add('phone', 'Vui lòng nhập số điện thoại hoặc thư điện tử để nhận kết quả trả lời.', 'Enter a phone number or an email address so we can answer.');
  check.phone('phone', phone).email('email', email).maxLength('email', email, 254, 'Thư điện tử');
  const category = await checkCategory(ctx, check, nfc(input.category));
  checkContent(check, content);
  check.maxLength('address', address, 500, 'Địa chỉ');
  const loc = checkLocation(check, input.lat, input.lng);
  await checkFiles(check, files);
  check.throwIfAny();
  return fileCase(ctx, {
    channel: 'web',
    category: category!,
    reporterName: name,
    reporterPhone: phone || null,
    reporterEmail: email || null,
    content,
    addressText: address || null,
    lat: loc.lat,
    lng: loc.lng,
    // Unticked by default; ticking it is the reporter's explicit refusal (domain.md §8).
    publishConsent: !input.noPublish,
    receivedAt: new Date(),
    eventNote: 'Tiếp nhận qua cổng thông tin điện tử.',
    files,
    mail: true,
  });
}

/** recordHotlineCall: the operator writes the call down faithfully (Decree 20/2008 Art. 6 and
 * the 1022 rules: a dedicated line whose calls are recorded in writing). Outcomes: the filed
 * case; CORE-200/300; CORE-100 with field errors. */
export async function recordHotlineCall(ctx: CommandContext, input: HotlineInput): Promise<FiledCase> {
  feedbackPolicy.requireRecord(ctx.actor);
  const name = nfc(input.name);
  const phone = normalizePhone(nfc(input.phone));
  const content = nfc(input.content);
  const address = nfc(input.address);
  const check = new Check()
    .required('name', name, 'họ và tên người gọi', "the caller's name")
    .maxLength('name', name, 200, 'Họ và tên')
    .required('phone', phone, 'số điện thoại người gọi', "the caller's number")
    .phone('phone', phone);
  const rawTime = nfc(input.callTime);
  const callTime = rawTime ? parseVnDateTime(rawTime) : new Date();
  if (!callTime)
    check.add(
      'callTime',
      'Thời điểm gọi không hợp lệ: nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 05/03/2026 14:30.',
      'Enter the call time as dd/mm/yyyy hh:mm.',
    );
  else if (callTime.getTime() > Date.now() + 5 * 60_000)
    check.add('callTime', 'Thời điểm gọi không được ở tương lai.', 'The call time cannot be in the future.');
  else if (callTime.getTime() < Date.now() - 366 * 86400_000)
    check.add('callTime', 'Thời điểm gọi quá xa (hơn một năm trước). Vui lòng kiểm tra lại.', 'The call time is more than a year ago.');
  const category = await checkCategory(ctx, check, nfc(input.category));
  checkContent(check, content);
  check.maxLength('address', address, 500, 'Địa chỉ');
  check.throwIfAny();
  return fileCase(ctx, {
    channel: 'hotline',
    category: category!,
    reporterName: name,
    reporterPhone: phone,
    reporterEmail: null,
    content,
    addressText: address || null,
    lat: null,
    lng: null,
    publishConsent: true,
    receivedAt: callTime!,
    eventNote: `Tiếp nhận qua đường dây nóng, cuộc gọi lúc ${formatVnDateTimeInput(callTime!)}; người ghi: ${ctx.actor.label}.`,
  });
}

// ——— Open311 ———

export const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/** An Open311 refusal: HTTP status and one description per problem (the standard's error list). */
export class Open311Error extends Error {
  constructor(
    public readonly status: number,
    public readonly descriptions: string[],
  ) {
    super(descriptions.join('; '));
  }
}

export async function authenticateClient(s: Services, apiKey: string | undefined): Promise<repo.Open311Client> {
  if (!apiKey) throw new Open311Error(403, ['api_key: thiếu khóa API (api_key was not provided).']);
  const client = await repo.findClientByKeyHash(s.db, sha256(apiKey));
  if (!client) throw new Open311Error(403, ['api_key: khóa API không hợp lệ hoặc đã bị thu hồi (api_key is invalid).']);
  return client;
}

const one = (v: unknown): string => (Array.isArray(v) ? String(v[v.length - 1] ?? '') : typeof v === 'string' ? v : v == null ? '' : String(v));

/** submitOpen311Request: GeoReport v2 POST requests. Outcomes: the filed case; Open311Error 403
 * (api_key), 404 (unknown service_code), 400 (every missing or invalid field at once). */
export async function submitOpen311Request(s: Services, body: Record<string, unknown>, meta: { ip?: string; requestId?: string }): Promise<FiledCase> {
  const client = await authenticateClient(s, one(body.api_key) || undefined);
  const ctx: CommandContext = {
    services: s,
    actor: { userId: null, label: `Open311: ${client.name}`, kind: 'anonymous', grants: [] },
    ip: meta.ip,
    requestId: meta.requestId,
  };
  const serviceCode = nfc(one(body.service_code));
  if (!serviceCode) throw new Open311Error(400, ['service_code: bắt buộc (service_code was not provided).']);
  const category = await repo.findCategory(s.db, serviceCode);
  if (!category?.active) throw new Open311Error(404, [`service_code: không có dịch vụ "${serviceCode}" (service_code not found).`]);

  const errors: string[] = [];
  const latRaw = nfc(one(body.lat));
  const lngRaw = nfc(one(body.long));
  const address = nfc(one(body.address_string));
  const check = new Check();
  const loc = checkLocation(check, latRaw, lngRaw, { lat: 'lat', lng: 'long' });
  for (const [field, m] of Object.entries(check.errors)) errors.push(`${field}: ${m.vi} (${m.en})`);
  if (loc.lat === null && !address && !check.errors.lat && !check.errors.long)
    errors.push('lat/long, address_string: cần vị trí (lat và long) hoặc địa chỉ (a location is required: lat and long, or address_string).');
  if (address.length > 500) errors.push('address_string: không được dài quá 500 ký tự (at most 500 characters).');
  const content = nfc(one(body.description));
  if (!content) errors.push('description: bắt buộc, cần nội dung phản ánh (description was not provided).');
  else if (content.length > CONTENT_MAX) errors.push(`description: không được dài quá ${vnNumber(CONTENT_MAX)} ký tự (at most ${CONTENT_MAX} characters).`);
  const email = nfc(one(body.email)).toLowerCase();
  const phone = normalizePhone(nfc(one(body.phone)));
  const c2 = new Check().email('email', email).phone('phone', phone);
  for (const [field, m] of Object.entries(c2.errors)) errors.push(`${field}: ${m.vi} (${m.en})`);
  const name = nfc(`${one(body.first_name)} ${one(body.last_name)}`).slice(0, 200);
  const mediaUrl = nfc(one(body.media_url));
  if (mediaUrl && (!/^https?:\/\/[^\s]+$/i.test(mediaUrl) || mediaUrl.length > 1000))
    errors.push('media_url: phải là địa chỉ http(s) hợp lệ (media_url must be an http(s) URL).');
  // attribute[code]=value: the services define no attributes yet; keep what the client sent in
  // the internal timeline note so nothing it said is lost.
  const attributes: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[(.{1,100})\]$/.exec(k);
    if (m) attributes.push(`${nfc(m[1])}=${(Array.isArray(v) ? v.map(String) : [one(v)]).map((x) => nfc(x).slice(0, 500)).join(',')}`);
  }
  if (errors.length) throw new Open311Error(400, errors);
  return fileCase(ctx, {
    channel: 'open311',
    category,
    reporterName: name || null,
    reporterPhone: phone || null,
    reporterEmail: email || null,
    content,
    addressText: address || null,
    lat: loc.lat,
    lng: loc.lng,
    mediaUrl: mediaUrl || null,
    publishConsent: true,
    receivedAt: new Date(),
    apiClientId: client.id,
    eventNote: `Tiếp nhận qua Open311 từ ứng dụng "${client.name}".${attributes.length ? ` Thuộc tính: ${attributes.slice(0, 50).join('; ')}.` : ''}`,
    mail: true,
  });
}

export function invalidCaseCode(code: string): boolean {
  return !/^PA-\d{6}-\d{4,}$/.test(code);
}
