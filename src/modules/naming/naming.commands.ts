import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext, Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import { type AnyGeometry, type LineGeometry, type PolygonGeometry, bboxOf, lineLengthMeters, pointInGeometry, positionsOf, validateLineGeometry, validatePolygonGeometry } from '../../core/geo/index.js';
import { getAdminUnit, isInForce } from '../../core/places/index.js';
import { Check, nfc, parseDateInput, vnIsoDate } from '../../core/validation.js';
import { namingPolicy } from './naming.policy.js';
import { exactOf, foldName, scaleWarnings, thresholdOf } from './naming.queries.js';
import * as repo from './naming.repository.js';
import { NAME_CLASSES, OBJECT_KINDS, type ObjectKind, STATURES } from './naming.schema.js';

export const NAMING_ERRORS = {
  outsideArea: 'NAMING-110',
  areaNotInForce: 'NAMING-111',
  voteCounts: 'NAMING-120',
  decisionBeforeConsultation: 'NAMING-130',
  assignedTwice: 'NAMING-140',
  samePerson: 'NAMING-141',
  wrongStep: 'NAMING-150',
  voteFailed: 'NAMING-151',
  consultationClosed: 'NAMING-160',
} as const;

const LINE_KINDS: ObjectKind[] = ['street', 'road', 'bridge', 'lane'];

/** Parses the geometry text (GeoJSON geometry or Feature); null with a field error otherwise. */
export function parseGeometry(text: string, check: Check, field = 'geometry'): AnyGeometry | null {
  let g: unknown;
  try {
    g = JSON.parse(text);
  } catch {
    check.add(field, 'Hình học phải là GeoJSON (LineString cho đường phố, Polygon cho quảng trường, công viên).', 'The geometry must be GeoJSON.');
    return null;
  }
  const o = g as { type?: string; geometry?: unknown };
  if (o?.type === 'Feature') g = o.geometry;
  const geom = g as AnyGeometry;
  const problems =
    geom?.type === 'LineString' || geom?.type === 'MultiLineString'
      ? validateLineGeometry(geom as LineGeometry)
      : geom?.type === 'Polygon' || geom?.type === 'MultiPolygon'
        ? validatePolygonGeometry(geom as PolygonGeometry)
        : [{ vi: 'Hình học phải là LineString, MultiLineString, Polygon hoặc MultiPolygon.', en: 'Expected a line or a polygon.' }];
  if (problems.length) {
    check.add(field, problems.map((p) => p.vi).join(' '), problems.map((p) => p.en).join(' '));
    return null;
  }
  return geom;
}

export interface ObjectInput {
  kind?: string;
  areaCode?: string;
  geometry?: string;
  lengthM?: string | number;
  widthM?: string | number;
  name?: string;
  nameClass?: string;
  person?: string;
  since?: string;
  decisionNumber?: string;
}

/** Validates one object against the area (in force today, geometry inside its boundary). */
export async function cleanObject(s: Services, input: ObjectInput, check: Check, areas?: Map<string, repo.Area>) {
  const kind = nfc(input.kind) as ObjectKind;
  const areaCode = nfc(input.areaCode);
  const name = nfc(input.name);
  const nameClass = nfc(input.nameClass);
  if (!(OBJECT_KINDS as readonly string[]).includes(kind)) check.add('kind', 'Vui lòng chọn loại đối tượng (đường, phố, quảng trường, công viên, cầu, công trình công cộng).', 'Choose the kind of object.');
  const area = areas ? areas.get(areaCode) : areaCode ? await repo.findArea(s.db, areaCode) : undefined;
  if (!area) check.add('areaCode', 'Vui lòng chọn đô thị (đơn vị hành chính) có trong danh mục đặt tên.', 'Choose an urban area.');
  else if (!areas) {
    const u = await getAdminUnit(s.db, areaCode);
    if (!u || !isInForce(u, vnIsoDate())) check.add('areaCode', `${area.name} không còn là đơn vị hành chính hiện hành; chọn đơn vị mới sau sắp xếp.`, `${area.name} is no longer in force.`);
  }
  const geometry = parseGeometry(nfc(input.geometry), check);
  if (geometry && kind && LINE_KINDS.includes(kind) && !geometry.type.includes('Line')) check.add('geometry', 'Đường phố, ngõ, cầu phải vẽ bằng đường (LineString).', 'Streets are lines.');
  if (geometry && area) {
    const out = positionsOf(geometry).findIndex((p) => !pointInGeometry(p[0], p[1], area.boundary as PolygonGeometry));
    if (out >= 0) {
      const p = positionsOf(geometry)[out]!;
      check.add('geometry', `Điểm ${out + 1} (vĩ độ ${p[1]}, kinh độ ${p[0]}) nằm ngoài ranh giới ${area.name}.`, `Vertex ${out + 1} is outside ${area.name}.`);
    }
  }
  const num = (v: string | number | undefined, field: string, label: string) => {
    if (v === undefined || v === '') return null;
    const n = Number(String(v).replace(',', '.'));
    if (!Number.isFinite(n) || n <= 0 || n > 100_000) {
      check.add(field, `${label} phải là số dương (mét).`, `${label} must be a positive number of metres.`);
      return null;
    }
    return n;
  };
  let lengthM = num(input.lengthM, 'lengthM', 'Chiều dài');
  const widthM = num(input.widthM, 'widthM', 'Chiều rộng');
  if (lengthM === null && geometry && geometry.type.includes('Line')) lengthM = Math.round(lineLengthMeters(geometry as LineGeometry));
  if (name && !(NAME_CLASSES as readonly string[]).includes(nameClass)) check.add('nameClass', 'Vui lòng chọn nhóm tên (địa danh, danh từ, di tích, sự kiện, danh nhân).', 'Choose the class of the name.');
  check.maxLength('name', name, 200, 'Tên');
  const since = nfc(input.since) ? parseDateInput(nfc(input.since)) : null;
  if (nfc(input.since) && !since) check.add('since', 'Ngày đặt tên không hợp lệ (ngày/tháng/năm).', 'Invalid date.');
  return { kind, areaCode, area, geometry, lengthM, widthM, name, nameClass, person: nfc(input.person), since, decisionNumber: nfc(input.decisionNumber) };
}

async function personFor(tx: Parameters<typeof repo.personByFold>[0], name: string, isDemo: boolean) {
  if (!name) return null;
  const found = await repo.personByFold(tx, foldName(name));
  if (found) return found;
  return repo.insertPerson(tx, { fullName: name, fold: foldName(name), isDemo });
}

/** createObject: a street, square, park, bridge or public work with its geometry and, for an
 * existing name, the name's class and person. Outcomes: the object; CORE-100 (NAMING-110 in
 * the geometry field's message when outside the area or Vietnam). */
export async function createObject(ctx: CommandContext, input: ObjectInput) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const v = await cleanObject(ctx.services, input, check);
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const person = v.nameClass === 'person' ? await personFor(tx, v.person || v.name, false) : null;
    const n = await repo.nextObjectCode(tx);
    const b = bboxOf(v.geometry!);
    const [o] = await repo.insertObjects(tx, [
      {
        code: `TD-${String(n).padStart(5, '0')}`,
        kind: v.kind,
        areaCode: v.areaCode,
        geometry: v.geometry!,
        minLng: b.minLng,
        minLat: b.minLat,
        maxLng: b.maxLng,
        maxLat: b.maxLat,
        lengthM: v.lengthM === null ? null : Math.round(v.lengthM),
        widthM: v.widthM,
        currentName: v.name || null,
        fold: v.name ? foldName(v.name) : null,
        exact: v.name ? exactOf(v.name) : null,
        nameClass: v.name ? v.nameClass : null,
        personId: person?.id ?? null,
      },
    ]);
    if (v.name) await repo.insertObjectNames(tx, [{ objectId: o!.id, name: v.name, fromDate: v.since, decisionNumber: v.decisionNumber }]);
    await writeAudit(tx, ctx, { action: 'naming.object_create', entity: 'naming_object', entityId: o!.id, summary: { after: { code: o!.code, kind: v.kind, area: v.areaCode, name: v.name } } });
    return o!;
  });
}

export interface NameInput {
  name?: string;
  nameClass?: string;
  person?: string;
  variants?: string;
  birthYear?: string;
  deathYear?: string;
  roles?: string;
  stature?: string;
  meaning?: string;
  meaningEn?: string;
  dates?: string;
  sources?: string;
}

/** addName: a candidate name in the bank with its supporting file (meaning or biography, dates,
 * sources). A person's name is linked to the persons register: an existing person is found by
 * their name or any spelling variant with diacritics folded, so the same-person rule holds across
 * spellings. Outcomes: the name; CORE-100; CORE-410 (the same name is already in the bank). */
export async function addName(ctx: CommandContext, input: NameInput, opts: { isDemo?: boolean } = {}) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const name = nfc(input.name);
  const nameClass = nfc(input.nameClass);
  const stature = nfc(input.stature) || 'provincial';
  const meaning = nfc(input.meaning);
  const sources = nfc(input.sources);
  check.required('name', name, 'tên', 'the name').maxLength('name', name, 200, 'Tên');
  if (!(NAME_CLASSES as readonly string[]).includes(nameClass)) check.add('nameClass', 'Vui lòng chọn nhóm tên.', 'Choose the class.');
  if (!(STATURES as readonly string[]).includes(stature)) check.add('stature', 'Vui lòng chọn tầm vóc của tên.', 'Choose the stature.');
  check.required('meaning', meaning, 'ý nghĩa hoặc tiểu sử', 'the meaning or biography').maxLength('meaning', meaning, 20_000, 'Ý nghĩa');
  check.required('sources', sources, 'nguồn tư liệu tham khảo', 'the sources').maxLength('sources', sources, 5000, 'Nguồn');
  const year = (v: string | undefined, field: string) => {
    const t = nfc(v);
    if (!t) return null;
    const n = Number(t);
    if (!Number.isInteger(n) || n < -3000 || n > Number(vnIsoDate().slice(0, 4))) {
      check.add(field, 'Năm phải là số nguyên, ví dụ 1890.', 'Enter a year, e.g. 1890.');
      return null;
    }
    return n;
  };
  const birthYear = year(input.birthYear, 'birthYear');
  const deathYear = year(input.deathYear, 'deathYear');
  if (birthYear !== null && deathYear !== null && deathYear < birthYear) check.add('deathYear', 'Năm mất không được trước năm sinh.', 'Death before birth.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const fold = foldName(name);
    const existing = await repo.listNames(tx, { q: fold }, 50);
    if (existing.some((n) => n.fold === fold && n.status !== 'retired')) throw Errors.duplicate(`Tên "${name}" đã có trong ngân hàng tên.`, `"${name}" is already in the bank.`);
    let personId: string | null = null;
    if (nameClass === 'person') {
      const personName = nfc(input.person) || name;
      const variants = nfc(input.variants)
        .split(/[;\n]/)
        .map((x) => nfc(x))
        .filter(Boolean);
      let p = await repo.personByFold(tx, foldName(personName));
      for (const v of variants) p ??= await repo.personByFold(tx, foldName(v));
      p ??= await repo.insertPerson(tx, {
        fullName: personName,
        fold: foldName(personName),
        variants,
        variantFolds: variants.map(foldName),
        birthYear,
        deathYear,
        roles: nfc(input.roles),
        stature,
        isDemo: opts.isDemo ?? false,
      });
      personId = p.id;
    }
    const n = await repo.insertName(tx, { name, fold, nameClass, personId, stature, meaning, meaningEn: nfc(input.meaningEn), dates: nfc(input.dates), sources, isDemo: opts.isDemo ?? false, createdBy: ctx.actor.userId });
    await writeAudit(tx, ctx, { action: 'naming.name_add', entity: 'naming_name', entityId: n.id, summary: { after: { name, nameClass, personId } } });
    return n;
  });
}

/** addDocument: a document of a name's supporting file (PDF or image, type from the bytes). */
export async function addDocument(ctx: CommandContext, nameId: string, input: { title?: string; data: Buffer; filename: string; truncated?: boolean }) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const title = nfc(input.title);
  check.required('title', title, 'tên tài liệu', 'a title').maxLength('title', title, 300, 'Tên tài liệu');
  if (!input.data.length) check.add('file', 'Vui lòng chọn tệp.', 'Choose a file.');
  if (input.truncated) check.add('file', 'Tệp quá lớn (tối đa 20 MB).', 'The file is too large (max 20 MB).');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    if (!(await repo.findName(tx, nameId))) throw Errors.notFound('Tên');
    const f = await ctx.services.files.save(tx, { data: input.data, originalName: input.filename, allowed: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 20 * 1024 * 1024, createdBy: ctx.actor.userId });
    const d = await repo.insertDocument(tx, { nameId, title, fileId: f.id });
    await writeAudit(tx, ctx, { action: 'naming.document_add', entity: 'naming_name', entityId: nameId, summary: { title } });
    return d;
  });
}

/** recordException: the council's reason why a person may name a second object of the area
 * (home town, a place tied to their life — Decree 91/2005 Art. 6). */
export async function recordException(ctx: CommandContext, input: { areaCode?: string; personId?: string; reason?: string }) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const reason = nfc(input.reason);
  check.required('reason', reason, 'lý do (quê hương, nơi gắn bó với cuộc đời)', 'the reason').maxLength('reason', reason, 1000, 'Lý do');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const person = await repo.findPerson(tx, nfc(input.personId));
    const area = await repo.findArea(tx, nfc(input.areaCode));
    if (!person || !area) throw Errors.notFound('Nhân vật hoặc đô thị');
    await repo.insertException(tx, { areaCode: area.code, personId: person.id, reason });
    await writeAudit(tx, ctx, { action: 'naming.exception_record', entity: 'naming_person', entityId: person.id, summary: { area: area.code, reason } });
  });
}

/** createBatch: a proposal batch for one urban area (draft until the consultation opens). */
export async function createBatch(ctx: CommandContext, input: { title?: string; areaCode?: string }, opts: { isDemo?: boolean } = {}) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const title = nfc(input.title);
  check.required('title', title, 'tên đợt đề xuất', 'a title').maxLength('title', title, 300, 'Tên đợt');
  const area = nfc(input.areaCode) ? await repo.findArea(ctx.services.db, nfc(input.areaCode)) : undefined;
  if (!area) check.add('areaCode', 'Vui lòng chọn đô thị.', 'Choose the urban area.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const code = await repo.nextBatchCode(tx, vnIsoDate().slice(0, 4));
    const b = await repo.insertBatch(tx, { code, title, areaCode: area!.code, isDemo: opts.isDemo ?? false });
    await writeAudit(tx, ctx, { action: 'naming.batch_create', entity: 'naming_batch', entityId: b.id, summary: { after: { code, title, area: area!.code } } });
    return b;
  });
}

async function batchIn(tx: Parameters<typeof repo.findBatch>[0], id: string, statuses: string[], vi: string) {
  const b = await repo.findBatch(tx, id);
  if (!b) throw Errors.notFound('Đợt đề xuất');
  if (!statuses.includes(b.status)) throw new AppError(NAMING_ERRORS.wrongStep, 409, `Đợt đề xuất ${b.code} đang ở bước "${BATCH_STATUS_VI[b.status]}": ${vi}`, `The batch is ${b.status}.`);
  return b;
}

export const BATCH_STATUS_VI: Record<string, string> = {
  draft: 'Dự thảo',
  consultation: 'Đang lấy ý kiến nhân dân',
  conference: 'Hội thảo khoa học',
  voted: 'Hội đồng đã thông qua',
  rejected: 'Hội đồng không thông qua',
  assigned: 'Đã có nghị quyết, đã gắn tên',
};
export const NAME_STATUS_VI: Record<string, string> = { bank: 'Trong ngân hàng tên', proposed: 'Đã đề xuất', consulted: 'Đã lấy ý kiến', approved: 'Hội đồng đã thông qua', assigned: 'Đã đặt', retired: 'Thôi sử dụng' };

/** proposeName: a bank name for an object of the batch's area, with the scale warning (the
 * street's length and width against the name's stature, a rule the council reviews) and the
 * same-person warning. Outcomes: the item with warnings; NAMING-140 (the name already names an
 * object or is in another batch); NAMING-150 (the batch is past its draft). */
export async function proposeName(ctx: CommandContext, batchId: string, input: { nameId?: string; objectId?: string }) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const name = nfc(input.nameId) ? await repo.findName(ctx.services.db, nfc(input.nameId)).catch(() => undefined) : undefined;
  const object = nfc(input.objectId) ? await repo.findObject(ctx.services.db, nfc(input.objectId)).catch(() => undefined) : undefined;
  if (!name) check.add('nameId', 'Vui lòng chọn một tên trong ngân hàng tên.', 'Choose a name from the bank.');
  if (!object) check.add('objectId', 'Vui lòng chọn đường, công trình cần đặt tên.', 'Choose the object to name.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const b = await batchIn(tx, batchId, ['draft'], 'chỉ thêm tên khi đợt còn là dự thảo.');
    if (object!.areaCode !== b.areaCode) throw Errors.validation({ objectId: { vi: 'Đối tượng không thuộc đô thị của đợt đề xuất.', en: 'The object is not in the batch area.' } });
    if (object!.kind === 'lane') throw Errors.validation({ objectId: { vi: 'Ngõ, hẻm không đặt tên riêng (mang số nhà ở đầu ngõ — Thông tư 36/2006).', en: 'Lanes are not named.' } });
    if (name!.status !== 'bank') throw new AppError(NAMING_ERRORS.assignedTwice, 409, `Tên "${name!.name}" đang ở trạng thái "${NAME_STATUS_VI[name!.status]}", không thể đề xuất lần nữa.`, `"${name!.name}" is ${name!.status}.`);
    const rules = await repo.rulesAt(tx, vnIsoDate());
    const warnings = scaleWarnings(rules, name!, object!);
    if (name!.personId && !(await repo.exceptionFor(tx, b.areaCode, name!.personId))) {
      const others = await repo.objectsOfPerson(tx, b.areaCode, name!.personId);
      if (others.length) warnings.push({ vi: `Trùng nhân vật: ${others.map((o) => `${o.currentName} (${o.code})`).join(', ')} đã mang tên người này trong cùng đô thị; chỉ được đặt khi có lý do ngoại lệ (quê hương, nơi gắn bó).`, en: 'The same person already names an object of this area.' });
    }
    const item = await repo.insertItem(tx, { batchId, nameId: name!.id, objectId: object!.id, warnings }).catch((e) => {
      if ((e as { code?: string }).code === '23505') throw Errors.duplicate('Đối tượng này đã có trong đợt đề xuất.', 'The object is already in the batch.');
      throw e;
    });
    await repo.setNameStatus(tx, [name!.id], 'proposed');
    await writeAudit(tx, ctx, { action: 'naming.name_propose', entity: 'naming_batch', entityId: batchId, summary: { name: name!.name, object: object!.code, warnings: warnings.length } });
    return item;
  });
}

/** openConsultation: the public consultation with its deadline (the notice and comment form go
 * online). Outcomes: the batch; CORE-100 (deadline not after today); NAMING-150. */
export async function openConsultation(ctx: CommandContext, batchId: string, input: { consultTo?: string }) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const to = parseDateInput(nfc(input.consultTo));
  const today = vnIsoDate();
  if (!to) throw Errors.validation({ consultTo: { vi: 'Hạn lấy ý kiến không hợp lệ (ngày/tháng/năm).', en: 'Invalid deadline.' } });
  if (to <= today) throw Errors.validation({ consultTo: { vi: 'Hạn lấy ý kiến phải sau hôm nay.', en: 'The deadline must be after today.' } });
  return transaction(ctx.services.pool, async (tx) => {
    await batchIn(tx, batchId, ['draft'], 'chỉ mở lấy ý kiến khi đợt còn là dự thảo.');
    if (!(await repo.itemsOf(tx, batchId)).length) throw Errors.validation({ consultTo: { vi: 'Đợt đề xuất chưa có tên nào.', en: 'The batch has no names.' } });
    const b = await repo.updateBatch(tx, batchId, { status: 'consultation', consultFrom: today, consultTo: to });
    await writeAudit(tx, ctx, { action: 'naming.consultation_open', entity: 'naming_batch', entityId: batchId, summary: { from: today, to } });
    return b;
  });
}

/** addComment: a comment of the public consultation (anonymous, rate-limited at the route). The
 * author's name and contact are kept for the staff only (Law 91/2025 on personal data).
 * Outcomes: the comment; CORE-100; NAMING-160 (no consultation open, or the deadline passed). */
export async function addComment(ctx: CommandContext, batchCode: string, input: { author?: string; contact?: string; body?: string }) {
  const check = new Check();
  const author = nfc(input.author);
  const contact = nfc(input.contact);
  const body = nfc(input.body);
  check.required('author', author, 'họ và tên', 'your name').maxLength('author', author, 200, 'Họ và tên');
  check.maxLength('contact', contact, 200, 'Liên hệ');
  check.required('body', body, 'ý kiến', 'your comment').maxLength('body', body, 5000, 'Ý kiến');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const b = await repo.findBatchByCode(tx, batchCode);
    if (!b) throw Errors.notFound('Đợt lấy ý kiến');
    if (b.status !== 'consultation' || !b.consultTo || b.consultTo < vnIsoDate()) throw new AppError(NAMING_ERRORS.consultationClosed, 409, 'Đợt lấy ý kiến này đã kết thúc.', 'This consultation has closed.');
    const c = await repo.insertComment(tx, { batchId: b.id, author, contact, body });
    await writeAudit(tx, ctx, { action: 'naming.comment_add', entity: 'naming_batch', entityId: b.id, summary: { comment: c.id } });
    return c;
  });
}

/** closeConsultation: the deadline has passed (or `force` in tests/demo clocks); names become
 * "consulted" and the scientists' conference minutes are recorded. */
export async function recordConference(ctx: CommandContext, batchId: string, input: { conferenceDate?: string; minutes?: string }) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const day = parseDateInput(nfc(input.conferenceDate));
  const minutes = nfc(input.minutes);
  if (!day) check.add('conferenceDate', 'Ngày hội thảo không hợp lệ (ngày/tháng/năm).', 'Invalid date.');
  check.required('minutes', minutes, 'tóm tắt biên bản hội thảo khoa học', 'the minutes').maxLength('minutes', minutes, 20_000, 'Biên bản');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const b = await batchIn(tx, batchId, ['consultation'], 'hội thảo khoa học diễn ra sau khi lấy ý kiến nhân dân.');
    if (day! <= b.consultTo!) throw new AppError(NAMING_ERRORS.decisionBeforeConsultation, 409, `Hội thảo khoa học phải sau khi hết hạn lấy ý kiến (${fmt(b.consultTo!)}).`, 'The conference must follow the consultation.');
    const after = await repo.updateBatch(tx, batchId, { status: 'conference', conferenceDate: day, conferenceMinutes: minutes });
    await repo.setNameStatus(tx, (await repo.itemsOf(tx, batchId)).map((i) => i.name.id), 'consulted');
    await writeAudit(tx, ctx, { action: 'naming.conference_record', entity: 'naming_batch', entityId: batchId, summary: { day } });
    return after;
  });
}

const fmt = (iso: string) => iso.split('-').reverse().join('/');

/** recordVote: the council's vote; the counts must add up to the members present, and the batch
 * passes when the votes for reach the threshold of the rules in force (e.g. ≥ 2/3 of members).
 * Outcomes: the batch ('voted' or 'rejected'); NAMING-120 (counts); NAMING-150. */
export async function recordVote(ctx: CommandContext, batchId: string, input: { voteDate?: string; members?: string | number; present?: string | number; for?: string | number; against?: string | number; abstain?: string | number }) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const day = parseDateInput(nfc(String(input.voteDate ?? '')));
  if (!day) check.add('voteDate', 'Ngày họp hội đồng không hợp lệ (ngày/tháng/năm).', 'Invalid date.');
  const int = (v: unknown, field: string, label: string) => {
    const n = Number(String(v ?? '').trim());
    if (String(v ?? '').trim() === '' || !Number.isInteger(n) || n < 0 || n > 1000) {
      check.add(field, `${label} phải là số nguyên không âm.`, `${label} must be a whole number.`);
      return 0;
    }
    return n;
  };
  const members = int(input.members, 'members', 'Số thành viên hội đồng');
  const present = int(input.present, 'present', 'Số thành viên có mặt');
  const yes = int(input.for, 'for', 'Số phiếu tán thành');
  const no = int(input.against, 'against', 'Số phiếu không tán thành');
  const abstain = int(input.abstain, 'abstain', 'Số phiếu không biểu quyết');
  check.throwIfAny();
  if (present > members || members === 0) throw new AppError(NAMING_ERRORS.voteCounts, 400, `Số thành viên có mặt (${present}) không được lớn hơn số thành viên hội đồng (${members}).`, 'More present than members.', { present: { vi: `Số thành viên có mặt (${present}) vượt quá số thành viên (${members}).`, en: 'More present than members.' } });
  if (yes + no + abstain !== present) {
    const msg = `Số phiếu không khớp: ${yes} tán thành + ${no} không tán thành + ${abstain} không biểu quyết = ${yes + no + abstain}, nhưng có ${present} thành viên có mặt.`;
    throw new AppError(NAMING_ERRORS.voteCounts, 400, msg, 'The votes do not add up to the members present.', { for: { vi: msg, en: 'The votes do not add up to the members present.' } });
  }
  return transaction(ctx.services.pool, async (tx) => {
    const b = await batchIn(tx, batchId, ['conference'], 'hội đồng biểu quyết sau hội thảo khoa học.');
    if (day! < b.conferenceDate!) throw Errors.validation({ voteDate: { vi: `Ngày họp hội đồng không được trước hội thảo khoa học (${fmt(b.conferenceDate!)}).`, en: 'The vote cannot precede the conference.' } });
    const th = thresholdOf(await repo.rulesAt(tx, day!));
    const passed = yes * th.denominator >= th.numerator * (th.of === 'present' ? present : members);
    const after = await repo.updateBatch(tx, batchId, { status: passed ? 'voted' : 'rejected', voteDate: day, voteMembers: members, votePresent: present, voteFor: yes, voteAgainst: no, voteAbstain: abstain, threshold: th.label });
    const ids = (await repo.itemsOf(tx, batchId)).map((i) => i.name.id);
    await repo.setNameStatus(tx, ids, passed ? 'approved' : 'bank');
    await writeAudit(tx, ctx, { action: 'naming.vote_record', entity: 'naming_batch', entityId: batchId, summary: { members, present, for: yes, against: no, abstain, passed, threshold: th.label } });
    return after;
  });
}

/** assignNames: the People's Council resolution (number, date; not before the consultation
 * ended) assigns every name of the batch: each object takes its new name, its earlier name is
 * closed in the history, the names become "assigned". All or nothing.
 * Outcomes: the batch; NAMING-130 (decision too early); NAMING-140 (a name already names an
 * object); NAMING-141 (same person without exception); NAMING-151 (the vote did not pass). */
export async function assignNames(ctx: CommandContext, batchId: string, input: { decisionNumber?: string; decisionDate?: string }) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const number = nfc(input.decisionNumber);
  const day = parseDateInput(nfc(input.decisionDate));
  check.required('decisionNumber', number, 'số nghị quyết của Hội đồng nhân dân', 'the resolution number').maxLength('decisionNumber', number, 100, 'Số nghị quyết');
  if (!day) check.add('decisionDate', 'Ngày nghị quyết không hợp lệ (ngày/tháng/năm).', 'Invalid date.');
  else if (day > vnIsoDate()) check.add('decisionDate', 'Ngày nghị quyết không được sau hôm nay.', 'The date cannot be in the future.');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const b = await repo.findBatch(tx, batchId);
    if (!b) throw Errors.notFound('Đợt đề xuất');
    if (b.status === 'rejected') throw new AppError(NAMING_ERRORS.voteFailed, 409, 'Hội đồng tư vấn chưa thông qua đợt đề xuất này.', 'The council did not approve this batch.');
    if (b.consultTo && day! <= b.consultTo) {
      throw new AppError(NAMING_ERRORS.decisionBeforeConsultation, 409, `Ngày nghị quyết (${fmt(day!)}) phải sau khi kết thúc lấy ý kiến nhân dân (${fmt(b.consultTo)}).`, 'The decision cannot precede the end of the consultation.', {
        decisionDate: { vi: `Ngày nghị quyết phải sau ngày kết thúc lấy ý kiến (${fmt(b.consultTo)}).`, en: 'After the consultation.' },
      });
    }
    await batchIn(tx, batchId, ['voted'], 'chỉ gắn tên sau khi hội đồng thông qua.');
    const items = await repo.itemsOf(tx, batchId);
    for (const { name, object } of items) {
      const other = await repo.objectByName(tx, name.id);
      if (other) throw new AppError(NAMING_ERRORS.assignedTwice, 409, `Tên "${name.name}" đã được đặt cho ${other.currentName ?? other.code} (${other.code}); một tên không đặt hai lần.`, 'The name is already assigned.');
      if (name.status === 'assigned') throw new AppError(NAMING_ERRORS.assignedTwice, 409, `Tên "${name.name}" đã được đặt.`, 'The name is already assigned.');
      if (name.personId && !(await repo.exceptionFor(tx, b.areaCode, name.personId))) {
        const others = (await repo.objectsOfPerson(tx, b.areaCode, name.personId)).filter((o) => o.id !== object.id);
        if (others.length) throw new AppError(NAMING_ERRORS.samePerson, 409, `Không thể đặt "${name.name}": ${others.map((o) => o.currentName).join(', ')} đã mang tên người này trong cùng đô thị và chưa ghi lý do ngoại lệ.`, 'The same person already names an object of the area.');
      }
      await repo.renameObject(tx, object.id, { name: name.name, fold: name.fold, exact: exactOf(name.name), nameClass: name.nameClass, nameId: name.id, personId: name.personId, day: day!, decisionNumber: number, decisionDate: day! });
    }
    await repo.setNameStatus(
      tx,
      items.map((i) => i.name.id),
      'assigned',
    );
    const after = await repo.updateBatch(tx, batchId, { status: 'assigned', decisionNumber: number, decisionDate: day });
    await writeAudit(tx, ctx, { action: 'naming.names_assign', entity: 'naming_batch', entityId: batchId, summary: { decision: number, date: day, objects: items.map((i) => i.object.code) } });
    return after;
  });
}

/** Parses a CSV line with quotes ("a,""b""",c). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * importObjects: existing streets from a GeoJSON FeatureCollection (properties kind, name,
 * nameClass, lengthM, widthM) or a CSV (header kind,name,nameClass,lengthM,widthM,geometry with
 * the geometry as GeoJSON text). Every row is checked like a typed entry; any error names its
 * row and nothing is saved. Outcomes: { imported }; NAMING-170 with `rows` errors.
 */
export async function importObjects(ctx: CommandContext, areaCode: string, text: string) {
  await namingPolicy.requireManage(ctx.services, ctx.actor);
  const area = await repo.findArea(ctx.services.db, nfc(areaCode));
  if (!area) throw Errors.validation({ areaCode: { vi: 'Vui lòng chọn đô thị.', en: 'Choose the urban area.' } });
  const inputs: ObjectInput[] = [];
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{')) {
    let fc: { type?: string; features?: { geometry?: unknown; properties?: Record<string, unknown> }[] };
    try {
      fc = JSON.parse(body);
    } catch (e) {
      throw new AppError('NAMING-170', 400, `Tệp GeoJSON không đọc được: ${(e as Error).message}.`, 'Invalid GeoJSON.');
    }
    if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new AppError('NAMING-170', 400, 'Tệp GeoJSON phải là một FeatureCollection.', 'Expected a FeatureCollection.');
    for (const f of fc.features) {
      const pr = f.properties ?? {};
      inputs.push({ kind: String(pr.kind ?? 'street'), areaCode: area.code, geometry: JSON.stringify(f.geometry ?? null), name: String(pr.name ?? ''), nameClass: String(pr.nameClass ?? ''), lengthM: pr.lengthM as string, widthM: pr.widthM as string });
    }
  } else {
    const lines = body.split(/\r?\n/).filter((l) => l.trim());
    const head = csvFields(lines.shift() ?? '').map((h) => h.trim());
    for (const l of lines) {
      const f = csvFields(l);
      const get = (k: string) => f[head.indexOf(k)] ?? '';
      inputs.push({ kind: get('kind') || 'street', areaCode: area.code, geometry: get('geometry'), name: get('name'), nameClass: get('nameClass'), lengthM: get('lengthM'), widthM: get('widthM') });
    }
  }
  if (!inputs.length) throw new AppError('NAMING-170', 400, 'Tệp không có dòng nào.', 'The file has no rows.');
  if (inputs.length > 5000) throw new AppError('NAMING-170', 400, 'Mỗi lần nhập tối đa 5.000 dòng.', 'At most 5,000 rows.');
  const areas = new Map([[area.code, area]]);
  const rows: { row: number; vi: string; en: string }[] = [];
  const clean: Awaited<ReturnType<typeof cleanObject>>[] = [];
  for (const [i, input] of inputs.entries()) {
    const check = new Check();
    const v = await cleanObject(ctx.services, input, check, areas);
    for (const e of Object.values(check.errors)) rows.push({ row: i + 1, vi: e.vi, en: e.en });
    clean.push(v);
  }
  if (rows.length) {
    const err = new AppError('NAMING-170', 400, `Tệp có ${rows.length} lỗi; chưa nhập dòng nào.`, `${rows.length} errors; nothing imported.`);
    (err as AppError & { rows?: typeof rows }).rows = rows;
    throw err;
  }
  return transaction(ctx.services.pool, async (tx) => {
    let n = await repo.nextObjectCode(tx);
    const inserted = await repo.insertObjects(
      tx,
      await Promise.all(
        clean.map(async (v) => {
          const b = bboxOf(v.geometry!);
          const person = v.name && v.nameClass === 'person' ? await personFor(tx, v.name, false) : null;
          return {
            code: `TD-${String(n++).padStart(5, '0')}`,
            kind: v.kind,
            areaCode: area.code,
            geometry: v.geometry!,
            minLng: b.minLng,
            minLat: b.minLat,
            maxLng: b.maxLng,
            maxLat: b.maxLat,
            lengthM: v.lengthM === null ? null : Math.round(v.lengthM),
            widthM: v.widthM,
            currentName: v.name || null,
            fold: v.name ? foldName(v.name) : null,
            exact: v.name ? exactOf(v.name) : null,
            nameClass: v.name ? v.nameClass : null,
            personId: person?.id ?? null,
          };
        }),
      ),
    );
    await repo.insertObjectNames(
      tx,
      inserted.filter((o) => o.currentName).map((o) => ({ objectId: o.id, name: o.currentName! })),
    );
    await writeAudit(tx, ctx, { action: 'naming.objects_import', entity: 'naming_area', entityId: area.code, summary: { count: inserted.length } });
    return { imported: inserted.length };
  });
}
