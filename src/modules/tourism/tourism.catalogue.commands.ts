import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext, Services } from '../../core/context.js';
import { type Executor, transaction } from '../../core/db/index.js';
import { Errors } from '../../core/errors.js';
import { inVn } from '../../core/geo/index.js';
import { saveImage } from '../../core/images/images.js';
import { getAdminUnit } from '../../core/places/index.js';
import { Check, nfc, parseDateInput, vnIsoDate } from '../../core/validation.js';
import { hasBadCharacters } from '../../core/web/input-guard.js';
import { pagesChanged } from '../../core/web/page-cache.js';
import { EVENT_KINDS, parseHours } from './tourism.labels.js';
import { tourismPolicy } from './tourism.policy.js';
import * as repo from './tourism.repository.js';
import { DESTINATION_CATEGORIES, tourismDestinations, tourismEvents, tourismTours } from './tourism.schema.js';

/**
 * The tourism officer's catalogue: destinations and events created, edited, published and taken
 * down from the staff console (the demo seed is no longer the only way in). Each command checks
 * the permission first, writes its audit row in its transaction, and then empties the page caches
 * (destination pages are kept rendered: a change must show at once, not after the TTL).
 */

const CODE_RE = /^[A-Z0-9-]{2,40}$/;
export const MAX_PHOTO_BYTES = 25 * 1024 * 1024;
const MAX_PHOTOS = 12;

type Input = Record<string, string | string[] | undefined>;
const str = (input: Input, k: string) => {
  const v = input[k];
  return nfc(Array.isArray(v) ? v[v.length - 1] : v);
};

/** Control characters and broken encodings are refused here too, not only by the HTTP input
 * guard: the commands are also called from multipart forms, the API and scripts. */
function noBadCharacters(check: Check, input: Input, multiLine: string[]) {
  for (const [k, v] of Object.entries(input)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x === 'string' && hasBadCharacters(x, multiLine.includes(k))) {
        check.add(k, 'Có ký tự không hợp lệ (ký tự điều khiển hoặc mã hóa sai). Vui lòng xóa ký tự đó và nhập lại.', 'Contains an invalid character.');
      }
    }
  }
}

function coord(v: string): number | null | 'bad' {
  if (!v) return null;
  const n = Number(v.replace(',', '.'));
  return /^-?\d{1,3}([.,]\d+)?$/.test(v) && Number.isFinite(n) ? n : 'bad';
}

/** "30.000", "30 000", "30000 đ" → 30000; empty → null (no ticket: restaurants, hotels). */
function price(v: string): number | null | 'bad' {
  if (!v) return null;
  const digits = v.replace(/\s*(đồng|đ|vnđ|vnd)\s*$/iu, '').replace(/[.\s,]/g, '');
  if (!/^\d{1,9}$/.test(digits)) return 'bad';
  const n = Number(digits);
  return n <= 100_000_000 ? n : 'bad';
}

async function cleanDestination(s: Services, input: Input, check: Check) {
  noBadCharacters(check, input, ['summary', 'summaryEn', 'hours', 'accessibility']);
  const name = str(input, 'name');
  const nameEn = str(input, 'nameEn');
  const category = str(input, 'category');
  const summary = str(input, 'summary');
  const summaryEn = str(input, 'summaryEn');
  const address = str(input, 'address');
  const adminUnitCode = str(input, 'adminUnitCode');
  const accessibility = str(input, 'accessibility');
  const phone = str(input, 'phone');
  const website = str(input, 'website');
  check.required('name', name, 'tên điểm đến', 'the name').maxLength('name', name, 200, 'Tên điểm đến');
  check.maxLength('nameEn', nameEn, 200, 'Tên tiếng Anh');
  if (!(DESTINATION_CATEGORIES as readonly string[]).includes(category)) check.add('category', 'Vui lòng chọn loại điểm đến.', 'Choose the category.');
  check.maxLength('summary', summary, 4000, 'Phần giới thiệu').maxLength('summaryEn', summaryEn, 4000, 'Phần giới thiệu tiếng Anh');
  check.maxLength('address', address, 500, 'Địa chỉ').maxLength('accessibility', accessibility, 1000, 'Thông tin tiếp cận');
  let adminUnitName: string | null = null;
  if (adminUnitCode) {
    const u = await getAdminUnit(s.db, adminUnitCode);
    if (!u) check.add('adminUnitCode', `Không có đơn vị hành chính mã "${adminUnitCode}".`, `No administrative unit "${adminUnitCode}".`);
    else if (u.validTo && u.validTo < vnIsoDate())
      check.add('adminUnitCode', `${u.name} không còn tồn tại; vui lòng chọn đơn vị hành chính hiện hành.`, `${u.name} no longer exists.`);
    else adminUnitName = u.name;
  }
  const lat = coord(str(input, 'lat'));
  const lng = coord(str(input, 'lng'));
  if (lat === 'bad') check.add('lat', 'Vĩ độ phải là số thập phân, ví dụ 10.980512.', 'Latitude must be a decimal number.');
  if (lng === 'bad') check.add('lng', 'Kinh độ phải là số thập phân, ví dụ 106.651423.', 'Longitude must be a decimal number.');
  if (typeof lat === 'number' && typeof lng === 'number' && !inVn(lng, lat)) {
    if (inVn(lat, lng))
      check.add(
        'lat',
        `Vĩ độ ${lat} và kinh độ ${lng} có vẻ bị đảo ngược (ở Việt Nam vĩ độ từ 6 đến 23,5; kinh độ từ 102 đến 118).`,
        'Latitude and longitude look swapped.',
      );
    else check.add('lat', `Vị trí (${lat}, ${lng}) nằm ngoài lãnh thổ Việt Nam (vĩ độ từ 6 đến 23,5; kinh độ từ 102 đến 118).`, 'The point is not in Vietnam.');
  } else if ((lat === null) !== (lng === null))
    check.add(lat === null ? 'lat' : 'lng', 'Vui lòng nhập cả vĩ độ và kinh độ (hoặc để trống cả hai).', 'Enter both latitude and longitude.');
  const hours = parseHours(str(input, 'hours'));
  if (hours.problems.length) check.add('hours', `Giờ mở cửa: ${hours.problems.join(' ')}`, 'Opening hours: see the Vietnamese message.');
  const priceVnd = price(str(input, 'price'));
  if (priceVnd === 'bad')
    check.add('price', 'Giá vé là số đồng, ví dụ 30.000; nhập 0 nếu miễn phí, để trống nếu không bán vé.', 'Admission: a number of dong; 0 for free.');
  if (phone && !/^\+?[\d\s.()-]{8,20}$/.test(phone))
    check.add('phone', 'Số điện thoại không đúng định dạng, ví dụ: 0274 3822 123.', 'Enter a valid phone number.');
  if (website) {
    let ok = /^https?:\/\/\S+$/i.test(website);
    try {
      new URL(website);
    } catch {
      ok = false;
    }
    if (!ok) check.add('website', 'Trang web phải là địa chỉ đầy đủ, ví dụ https://baotang.example.vn.', 'Enter a full web address (https://…).');
  }
  const tourCodes = [
    ...new Set((Array.isArray(input.tours) ? input.tours : input.tours ? [input.tours] : []).map((x) => nfc(x).toUpperCase()).filter(Boolean)),
  ];
  return {
    values: {
      name,
      nameEn,
      category,
      summary,
      summaryEn,
      address,
      adminUnitCode: adminUnitCode || null,
      adminUnitName,
      lat: typeof lat === 'number' ? lat : null,
      lng: typeof lng === 'number' ? lng : null,
      openingHours: hours.hours,
      priceVnd: typeof priceVnd === 'number' ? priceVnd : null,
      accessibility,
      phone,
      website,
    },
    tourCodes,
  };
}

/** The tours whose page links to this destination are those the form ticked; the others let go. */
async function linkTours(tx: Executor, code: string, tourCodes: string[]) {
  if (tourCodes.length) {
    const found = await tx.select({ code: tourismTours.code }).from(tourismTours).where(inArray(tourismTours.code, tourCodes));
    const missing = tourCodes.filter((c) => !found.some((f) => f.code === c));
    if (missing.length) throw Errors.validation({ tours: { vi: `Không có tour ${missing.join(', ')}.`, en: 'Unknown tour.' } });
    await tx.update(tourismTours).set({ destinationCode: code }).where(inArray(tourismTours.code, tourCodes));
  }
  await tx
    .update(tourismTours)
    .set({ destinationCode: null })
    .where(and(eq(tourismTours.destinationCode, code), tourCodes.length ? notInArray(tourismTours.code, tourCodes) : undefined));
}

/** The code the officer typed (checked), or '' when the system is to give the next one inside
 * the creating transaction (repo.lockCodes + repo.nextCode). */
function givenCode(input: Input, check: Check): string {
  const given = str(input, 'code').toUpperCase();
  if (given && !CODE_RE.test(given))
    check.add(
      'code',
      'Mã gồm chữ in hoa không dấu, số và gạch ngang (2–40 ký tự), ví dụ DD-041; để trống để hệ thống tự đặt.',
      'Code: uppercase letters, digits, hyphens.',
    );
  return given;
}

/** createDestination: a new destination, not yet public (published by setDestinationPublished).
 * Outcomes: the row; CORE-100 with field errors (Vietnamese); CORE-200/300. */
export async function createDestination(ctx: CommandContext, input: Input) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const given = givenCode(input, check);
  const v = await cleanDestination(ctx.services, input, check);
  check.throwIfAny();
  const row = await transaction(ctx.services.pool, async (tx) => {
    await repo.lockCodes(tx, 'tourism_destinations');
    const code = given || (await repo.nextCode(tx, 'tourism_destinations', 'DD'));
    if (await repo.findDestination(tx, code)) throw Errors.validation({ code: { vi: `Mã điểm đến ${code} đã có.`, en: 'This code exists.' } });
    const [d] = await tx
      .insert(tourismDestinations)
      .values({ code, ...v.values, published: false })
      .returning();
    await linkTours(tx, code, v.tourCodes);
    await writeAudit(tx, ctx, {
      action: 'tourism.destination_create',
      entity: 'tourism_destination',
      entityId: d!.id,
      summary: { code, name: v.values.name, category: v.values.category },
    });
    return d!;
  });
  await pagesChanged(ctx.services);
  return row;
}

/** updateDestination: `expectedUpdatedAt` (the form's hidden field) refuses a save over someone
 * else's newer one. Outcomes: the row; CORE-100; CORE-404; CORE-409. */
export async function updateDestination(ctx: CommandContext, code: string, input: Input) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const v = await cleanDestination(ctx.services, input, check);
  check.throwIfAny();
  const row = await transaction(ctx.services.pool, async (tx) => {
    const before = (await tx.select().from(tourismDestinations).where(eq(tourismDestinations.code, code)).for('update'))[0];
    if (!before) throw Errors.notFound('Điểm đến');
    const expected = str(input, 'updatedAt');
    if (expected && expected !== before.updatedAt.toISOString()) throw Errors.conflict();
    const [d] = await tx
      .update(tourismDestinations)
      .set({ ...v.values, updatedAt: new Date() })
      .where(eq(tourismDestinations.id, before.id))
      .returning();
    await linkTours(tx, code, v.tourCodes);
    const changed = Object.keys(v.values).filter(
      (k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(v.values[k as keyof typeof v.values]),
    );
    await writeAudit(tx, ctx, {
      action: 'tourism.destination_update',
      entity: 'tourism_destination',
      entityId: before.id,
      summary: { code, changed, tours: v.tourCodes },
    });
    return d!;
  });
  await pagesChanged(ctx.services);
  return row;
}

export async function setDestinationPublished(ctx: CommandContext, code: string, published: boolean) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const row = await transaction(ctx.services.pool, async (tx) => {
    const d = (await tx.select().from(tourismDestinations).where(eq(tourismDestinations.code, code)).for('update'))[0];
    if (!d) throw Errors.notFound('Điểm đến');
    await tx.update(tourismDestinations).set({ published, updatedAt: new Date() }).where(eq(tourismDestinations.id, d.id));
    await writeAudit(tx, ctx, {
      action: published ? 'tourism.destination_publish' : 'tourism.destination_unpublish',
      entity: 'tourism_destination',
      entityId: d.id,
      summary: { code },
    });
    return { ...d, published };
  });
  await pagesChanged(ctx.services);
  return row;
}

/** A photo through the core image pipeline (type from the bytes, size and pixel limits, IIIF
 * derivatives); it is public once the destination is. Outcomes: the photo; CORE-100; IMG-1xx;
 * CORE-413/415. */
export async function addDestinationPhoto(ctx: CommandContext, code: string, input: { data: Buffer; filename: string; alt?: string; truncated?: boolean }) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const alt = nfc(input.alt);
  noBadCharacters(check, { alt, filename: input.filename }, []);
  check.required('alt', alt, 'mô tả ảnh (cho người không xem được ảnh)', 'a description').maxLength('alt', alt, 300, 'Mô tả ảnh');
  if (!input.data.length) check.add('file', 'Vui lòng chọn ảnh (JPEG, PNG hoặc WebP).', 'Choose an image.');
  if (input.truncated || input.data.length > MAX_PHOTO_BYTES)
    check.add('file', `Ảnh quá lớn (tối đa ${MAX_PHOTO_BYTES / 1048576} MB).`, 'The image is too large.');
  check.throwIfAny();
  const photo = await transaction(ctx.services.pool, async (tx) => {
    const d = (await tx.select().from(tourismDestinations).where(eq(tourismDestinations.code, code)).for('update'))[0];
    if (!d) throw Errors.notFound('Điểm đến');
    if (d.photos.length >= MAX_PHOTOS)
      throw Errors.validation({ file: { vi: `Mỗi điểm đến có tối đa ${MAX_PHOTOS} ảnh; hãy gỡ bớt ảnh cũ.`, en: `At most ${MAX_PHOTOS} photos.` } });
    const img = await saveImage(tx, ctx.services.files, {
      data: input.data,
      originalName: input.filename || 'anh.jpg',
      owner: 'tourism-destination',
      ownerId: d.id,
      alt,
      createdBy: ctx.actor.userId,
    });
    const p = { imageId: img.id, alt, width: img.width, height: img.height };
    await tx
      .update(tourismDestinations)
      .set({ photos: [...d.photos, p], updatedAt: new Date() })
      .where(eq(tourismDestinations.id, d.id));
    await writeAudit(tx, ctx, {
      action: 'tourism.destination_photo_add',
      entity: 'tourism_destination',
      entityId: d.id,
      summary: { code, image: img.id, width: img.width, height: img.height },
    });
    return p;
  });
  await pagesChanged(ctx.services);
  return photo;
}

/** Takes a photo off the destination (the image row stays, as every core image does; its access
 * check reads this list, so the photo stops being public). */
export async function removeDestinationPhoto(ctx: CommandContext, code: string, imageId: string) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  await transaction(ctx.services.pool, async (tx) => {
    const d = (await tx.select().from(tourismDestinations).where(eq(tourismDestinations.code, code)).for('update'))[0];
    if (!d) throw Errors.notFound('Điểm đến');
    if (!d.photos.some((p) => p.imageId === imageId)) throw Errors.notFound('Ảnh');
    await tx
      .update(tourismDestinations)
      .set({ photos: d.photos.filter((p) => p.imageId !== imageId), updatedAt: new Date() })
      .where(eq(tourismDestinations.id, d.id));
    await writeAudit(tx, ctx, { action: 'tourism.destination_photo_remove', entity: 'tourism_destination', entityId: d.id, summary: { code, image: imageId } });
  });
  await pagesChanged(ctx.services);
}

// ── Events ─────────────────────────────────────────────────────────────────

const int = (v: string) => (/^\d{1,4}$/.test(v) ? Number(v) : Number.NaN);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

async function cleanEvent(s: Services, input: Input, check: Check) {
  noBadCharacters(check, input, ['summary', 'summaryEn']);
  const name = str(input, 'name');
  const nameEn = str(input, 'nameEn');
  const kind = str(input, 'kind') || 'festival';
  const summary = str(input, 'summary');
  const summaryEn = str(input, 'summaryEn');
  const location = str(input, 'location');
  const organiser = str(input, 'organiser');
  const destinationCode = str(input, 'destinationCode').toUpperCase();
  const calendar = str(input, 'calendar');
  check.required('name', name, 'tên sự kiện', 'the title').maxLength('name', name, 200, 'Tên sự kiện').maxLength('nameEn', nameEn, 200, 'Tên tiếng Anh');
  if (!EVENT_KINDS[kind]) check.add('kind', 'Vui lòng chọn loại sự kiện.', 'Choose the kind of event.');
  check.maxLength('summary', summary, 4000, 'Phần giới thiệu').maxLength('summaryEn', summaryEn, 4000, 'Phần giới thiệu tiếng Anh');
  check.maxLength('location', location, 300, 'Địa điểm').maxLength('organiser', organiser, 300, 'Đơn vị tổ chức');
  if (destinationCode && !(await repo.findDestination(s.db, destinationCode)))
    check.add('destinationCode', 'Vui lòng chọn một điểm đến có trong danh mục.', 'Choose an existing destination.');
  if (!location && !destinationCode) check.add('location', 'Vui lòng nhập địa điểm tổ chức hoặc chọn điểm đến.', 'Enter the place or choose a destination.');
  const dates = {
    calendar: calendar as 'once' | 'solar' | 'lunar',
    month: null as number | null,
    day: null as number | null,
    leapMonth: false,
    startDate: null as string | null,
    durationDays: 1,
  };
  if (calendar === 'once') {
    const startText = str(input, 'startDate');
    const endText = str(input, 'endDate');
    const start = parseDateInput(startText);
    const end = endText ? parseDateInput(endText) : start;
    if (!startText) check.add('startDate', 'Vui lòng nhập ngày bắt đầu (ngày/tháng/năm), ví dụ 15/03/2027.', 'Enter the start date.');
    else if (!start) check.add('startDate', `Ngày bắt đầu "${startText}" không hợp lệ (định dạng ngày/tháng/năm).`, 'Invalid start date.');
    if (endText && !end) check.add('endDate', `Ngày kết thúc "${endText}" không hợp lệ (định dạng ngày/tháng/năm).`, 'Invalid end date.');
    if (start && end) {
      const n = daysBetween(start, end);
      if (n < 0) check.add('endDate', `Ngày kết thúc ${endText} phải trùng hoặc sau ngày bắt đầu ${startText}.`, 'The end date is before the start date.');
      else if (n >= 366) check.add('endDate', 'Một sự kiện kéo dài tối đa 366 ngày.', 'At most 366 days.');
      dates.startDate = start;
      dates.durationDays = Math.max(1, n + 1);
    }
  } else if (calendar === 'solar' || calendar === 'lunar') {
    const day = int(str(input, 'day'));
    const month = int(str(input, 'month'));
    const duration = str(input, 'durationDays') ? int(str(input, 'durationDays')) : 1;
    if (!(month >= 1 && month <= 12)) check.add('month', 'Tháng là số từ 1 đến 12.', 'Month: 1 to 12.');
    if (calendar === 'lunar') {
      if (!(day >= 1 && day <= 30)) check.add('day', 'Ngày âm lịch là số từ 1 đến 30.', 'Lunar day: 1 to 30.');
    } else if (month >= 1 && month <= 12) {
      // Checked against a common year: a yearly event on 29/02 would have no date three years in four.
      const last = new Date(Date.UTC(2001, month, 0)).getUTCDate();
      if (!(day >= 1 && day <= last))
        check.add(
          'day',
          month === 2 && day === 29
            ? 'Ngày 29/02 không có trong mọi năm; sự kiện hằng năm hãy chọn ngày khác.'
            : `Tháng ${month} có ${last} ngày: ngày là số từ 1 đến ${last}.`,
          'Invalid day of month.',
        );
    }
    if (!(duration >= 1 && duration <= 366)) check.add('durationDays', 'Số ngày diễn ra là số từ 1 đến 366.', 'Duration: 1 to 366 days.');
    dates.day = day;
    dates.month = month;
    dates.leapMonth = calendar === 'lunar' && str(input, 'leapMonth') === 'on';
    dates.durationDays = duration;
  } else
    check.add(
      'calendar',
      'Vui lòng chọn cách tính ngày: một lần theo dương lịch, hằng năm theo dương lịch, hoặc hằng năm theo âm lịch.',
      'Choose how the date is set.',
    );
  const yearOf = (k: string) => {
    const t = str(input, k);
    if (!t) return null;
    const y = int(t);
    if (!(y >= 1900 && y <= 2200)) check.add(k, 'Năm là số có bốn chữ số, ví dụ 2027.', 'A four-digit year.');
    return y;
  };
  const fromYear = calendar === 'once' ? null : yearOf('fromYear');
  const toYear = calendar === 'once' ? null : yearOf('toYear');
  if (fromYear && toYear && toYear < fromYear)
    check.add('toYear', `Năm kết thúc ${toYear} phải từ năm bắt đầu ${fromYear} trở đi.`, 'The last year is before the first year.');
  return { name, nameEn, kind, summary, summaryEn, location, organiser, destinationCode: destinationCode || null, ...dates, fromYear, toYear };
}

/** createEvent: a new event, not yet public. Outcomes: the row; CORE-100; CORE-200/300. */
export async function createEvent(ctx: CommandContext, input: Input) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const given = givenCode(input, check);
  const v = await cleanEvent(ctx.services, input, check);
  check.throwIfAny();
  const row = await transaction(ctx.services.pool, async (tx) => {
    await repo.lockCodes(tx, 'tourism_events');
    const code = given || (await repo.nextCode(tx, 'tourism_events', 'SK'));
    if (await repo.findAnyEvent(tx, code)) throw Errors.validation({ code: { vi: `Mã sự kiện ${code} đã có.`, en: 'This code exists.' } });
    const [e] = await tx
      .insert(tourismEvents)
      .values({ code, ...v, published: false })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'tourism.event_create',
      entity: 'tourism_event',
      entityId: e!.id,
      summary: { code, name: v.name, calendar: v.calendar },
    });
    return e!;
  });
  await pagesChanged(ctx.services);
  return row;
}

export async function updateEvent(ctx: CommandContext, code: string, input: Input) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const v = await cleanEvent(ctx.services, input, check);
  check.throwIfAny();
  const row = await transaction(ctx.services.pool, async (tx) => {
    const before = (await tx.select().from(tourismEvents).where(eq(tourismEvents.code, code)).for('update'))[0];
    if (!before) throw Errors.notFound('Sự kiện');
    const expected = str(input, 'updatedAt');
    if (expected && expected !== before.updatedAt.toISOString()) throw Errors.conflict();
    const [e] = await tx
      .update(tourismEvents)
      .set({ ...v, updatedAt: new Date() })
      .where(eq(tourismEvents.id, before.id))
      .returning();
    const changed = Object.keys(v).filter((k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(v[k as keyof typeof v]));
    await writeAudit(tx, ctx, { action: 'tourism.event_update', entity: 'tourism_event', entityId: before.id, summary: { code, changed } });
    return e!;
  });
  await pagesChanged(ctx.services);
  return row;
}

export async function setEventPublished(ctx: CommandContext, code: string, published: boolean) {
  await tourismPolicy.requireManage(ctx.services, ctx.actor);
  const row = await transaction(ctx.services.pool, async (tx) => {
    const e = (await tx.select().from(tourismEvents).where(eq(tourismEvents.code, code)).for('update'))[0];
    if (!e) throw Errors.notFound('Sự kiện');
    await tx.update(tourismEvents).set({ published, updatedAt: new Date() }).where(eq(tourismEvents.id, e.id));
    await writeAudit(tx, ctx, {
      action: published ? 'tourism.event_publish' : 'tourism.event_unpublish',
      entity: 'tourism_event',
      entityId: e.id,
      summary: { code },
    });
    return { ...e, published };
  });
  await pagesChanged(ctx.services);
  return row;
}

/** Who may see a destination's photo (core images access callback): anyone once the destination
 * is published and the photo is still on it; the tourism officers always. */
export async function destinationPhotoAccess(
  s: Services,
  actor: Parameters<typeof tourismPolicy.canManage>[1],
  imageId: string,
  destinationId: string,
): Promise<'public' | 'private' | false> {
  const d = await repo.findDestinationById(s.db, destinationId);
  if (!d) return false;
  if (d.published && d.photos.some((p) => p.imageId === imageId)) return 'public';
  return (await tourismPolicy.canManage(s, actor)) ? 'private' : false;
}
