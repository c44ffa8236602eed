import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext, Services } from '../../core/context.js';
import { type Tx, transaction } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import { saveImage } from '../../core/images/images.js';
import { getAdminUnit } from '../../core/places/index.js';
import { Check, nfc, parseDateInput, vnIsoDate } from '../../core/validation.js';
import { type GeoProblem, bboxOf, overviewOf, parseZoneInput, validateZoneGeometry, zoneOneInsideTwo } from './heritage.geometry.js';
import { heritagePolicy } from './heritage.policy.js';
import * as repo from './heritage.repository.js';
import { zonesChanged } from './heritage.zoneindex.js';
import { CONSERVATION, DECISION_ACTIONS, type DecisionAction, MEDIA_KINDS, RELIC_LEVELS, RELIC_TYPES, type ZoneGeometry, type ZoneKind } from './heritage.schema.js';

/** The sections of the relic profile form (domain.md §9), in the order of the form. */
export const PROFILE_SECTIONS = [
  { key: 'location', vi: 'Địa điểm và đường đi đến di tích', en: 'Location and access' },
  { key: 'events', vi: 'Sự kiện, nhân vật lịch sử', en: 'Events and people' },
  { key: 'beliefs', vi: 'Tín ngưỡng, lễ hội liên quan', en: 'Related beliefs and festivals' },
  { key: 'description', vi: 'Khảo tả kiến trúc, cảnh quan di tích', en: 'Description of the architecture and site' },
  { key: 'artefacts', vi: 'Các hiện vật trong di tích', en: 'Artefacts' },
  { key: 'values', vi: 'Giá trị của di tích', en: 'Values' },
  { key: 'conservation', vi: 'Hiện trạng bảo quản và hướng bảo vệ', en: 'Conservation status and direction' },
  { key: 'conclusion', vi: 'Kết luận', en: 'Conclusion' },
  { key: 'references', vi: 'Tài liệu tham khảo', en: 'References' },
  { key: 'compiler', vi: 'Người lập hồ sơ', en: 'Compiler' },
] as const;

export interface RelicInput {
  name?: string;
  otherNames?: string;
  relicType?: string;
  address?: string;
  adminUnitCode?: string;
  manager?: string;
  conservation?: string;
  summary?: string;
  lat?: string | number;
  lng?: string | number;
  ministryOpinion?: string;
  profile?: Record<string, string | undefined>;
}

function coord(v: string | number | undefined): number | null | 'bad' {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim().replace(',', '.'));
  return Number.isFinite(n) ? n : 'bad';
}

async function cleanRelic(s: Services, input: RelicInput, check: Check) {
  const name = nfc(input.name);
  const otherNames = nfc(input.otherNames)
    .split(/[;\n]/)
    .map((x) => nfc(x))
    .filter(Boolean)
    .slice(0, 20);
  const relicType = nfc(input.relicType);
  const conservation = nfc(input.conservation) || 'good';
  const address = nfc(input.address);
  const adminUnitCode = nfc(input.adminUnitCode);
  const manager = nfc(input.manager);
  const summary = nfc(input.summary);
  check.required('name', name, 'tên di tích', 'the name').maxLength('name', name, 300, 'Tên di tích');
  check.maxLength('address', address, 500, 'Địa chỉ').maxLength('manager', manager, 300, 'Đơn vị quản lý').maxLength('summary', summary, 4000, 'Tóm tắt');
  if (!(RELIC_TYPES as readonly string[]).includes(relicType)) check.add('relicType', 'Vui lòng chọn loại hình di tích.', 'Choose the type of relic.');
  if (!(CONSERVATION as readonly string[]).includes(conservation)) check.add('conservation', 'Vui lòng chọn tình trạng bảo quản.', 'Choose the conservation status.');
  let adminUnitName: string | null = null;
  if (adminUnitCode) {
    const u = await getAdminUnit(s.db, adminUnitCode);
    const today = vnIsoDate();
    if (!u) check.add('adminUnitCode', `Không có đơn vị hành chính mã "${adminUnitCode}".`, `No administrative unit "${adminUnitCode}".`);
    else if (u.validTo && u.validTo < today) {
      check.add('adminUnitCode', `${u.name} không còn tồn tại từ sau ngày ${u.validTo.split('-').reverse().join('/')}; vui lòng chọn đơn vị hành chính hiện hành.`, `${u.name} no longer exists; choose a current unit.`);
    } else adminUnitName = u.name;
  }
  const lat = coord(input.lat);
  const lng = coord(input.lng);
  if (lat === 'bad') check.add('lat', 'Vĩ độ phải là số thập phân, ví dụ 10.776889.', 'Latitude must be a decimal number.');
  if (lng === 'bad') check.add('lng', 'Kinh độ phải là số thập phân, ví dụ 106.700806.', 'Longitude must be a decimal number.');
  if (typeof lat === 'number' && typeof lng === 'number') {
    const p = validateZoneGeometry({ type: 'Polygon', coordinates: [[[lng, lat], [lng, lat], [lng, lat], [lng, lat]]] }).find((x) => /lãnh thổ|đảo ngược/.test(x.vi));
    if (p) check.add(/đảo ngược/.test(p.vi) ? 'lat' : 'lng', /đảo ngược/.test(p.vi) ? `Vĩ độ ${lat} và kinh độ ${lng} có vẻ bị đảo ngược (ở Việt Nam vĩ độ từ 6 đến 23,5; kinh độ từ 102 đến 118).` : `Vị trí (${lat}, ${lng}) nằm ngoài lãnh thổ Việt Nam.`, 'The point is not in Vietnam.');
  } else if ((lat === null) !== (lng === null)) check.add(lat === null ? 'lat' : 'lng', 'Vui lòng nhập cả vĩ độ và kinh độ.', 'Enter both latitude and longitude.');
  const profile: Record<string, string> = {};
  for (const sec of PROFILE_SECTIONS) {
    const v = nfc(input.profile?.[sec.key]);
    if (v) profile[sec.key] = v.slice(0, 20_000);
  }
  return {
    name,
    otherNames,
    relicType,
    conservation,
    address,
    adminUnitCode: adminUnitCode || null,
    adminUnitName,
    manager,
    summary,
    lat: typeof lat === 'number' ? lat : null,
    lng: typeof lng === 'number' ? lng : null,
    profile,
    ministryOpinion: nfc(input.ministryOpinion) || null,
  };
}

/** createRelic: an officer enters a relic in the register (a draft, not public).
 * Outcomes: the relic; CORE-100 with field errors; CORE-200/300. */
export async function createRelic(ctx: CommandContext, input: RelicInput, opts: { isDemo?: boolean; code?: string } = {}) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const v = await cleanRelic(ctx.services, input, check);
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const code = opts.code ?? (await repo.nextRelicCode(tx));
    if (opts.code && (await repo.findRelicByCode(tx, code))) throw Errors.duplicate(`Mã di tích ${code} đã có.`, `Relic code ${code} exists.`);
    const relic = await repo.insertRelic(tx, { ...v, code, profileDigitised: Object.keys(v.profile).length >= 5, isDemo: opts.isDemo ?? false, createdBy: ctx.actor.userId });
    await writeAudit(tx, ctx, { action: 'heritage.relic_create', entity: 'heritage_relic', entityId: relic.id, summary: { after: { code, name: v.name, relicType: v.relicType } } });
    return relic;
  });
}

/** updateRelic: edits the register entry; a published relic goes back to review (Decree 308/2025:
 * content is reviewed before it goes online). Outcomes: the relic; CORE-100; CORE-404; CORE-409. */
export async function updateRelic(ctx: CommandContext, id: string, version: number, input: RelicInput) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const v = await cleanRelic(ctx.services, input, check);
  check.throwIfAny();
  const out = await transaction(ctx.services.pool, async (tx) => {
    const before = await repo.findRelic(tx, id);
    if (!before) throw Errors.notFound('Di tích');
    const status = before.status === 'published' ? 'review' : before.status;
    const after = await repo.updateRelic(tx, id, version, { ...v, status, profileDigitised: Object.keys(v.profile).length >= 5 });
    if (!after) throw Errors.conflict();
    await writeAudit(tx, ctx, { action: 'heritage.relic_update', entity: 'heritage_relic', entityId: id, summary: { before: { name: before.name, status: before.status }, after: { name: v.name, status } } });
    return after;
  });
  await zonesChanged(ctx.services);
  return out;
}

export interface ZonesInput {
  zoneI?: string;
  zoneII?: string;
}

/** Parses and checks one zone's text; problems are prefixed with the zone's name. */
function readZone(label: string, text: string | undefined, check: Check, field: string): ZoneGeometry | null {
  const t = (text ?? '').trim();
  if (!t) return null;
  const parsed = parseZoneInput(t);
  if ('problem' in parsed) {
    check.add(field, `${label}: ${parsed.problem.vi}`, `${label}: ${parsed.problem.en}`);
    return null;
  }
  const problems: GeoProblem[] = validateZoneGeometry(parsed.geometry);
  if (problems.length) {
    check.add(field, `${label}: ${problems.map((p) => p.vi).join(' ')}`, `${label}: ${problems.map((p) => p.en).join(' ')}`);
    return null;
  }
  return parsed.geometry;
}

/**
 * setZones: the protection zones I and II of a relic (Law 45/2024 Art. 27), pasted or uploaded as
 * GeoJSON or KML, or typed as coordinates. Every problem is named with its vertex and nothing is
 * saved until both zones pass. Empty text removes a zone; zone II without zone I is refused.
 * Outcomes: the zones saved; CORE-100 (field `zoneI`/`zoneII`); CORE-404.
 */
export async function setZones(ctx: CommandContext, relicId: string, input: ZonesInput) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const one = readZone('Khu vực I', input.zoneI, check, 'zoneI');
  const two = readZone('Khu vực II', input.zoneII, check, 'zoneII');
  if (check.ok && !one && two) check.add('zoneI', 'Có khu vực II thì phải có khu vực I (khu vực II bao quanh khu vực I).', 'Zone II surrounds zone I: enter zone I too.');
  if (check.ok && one && two) {
    const p = zoneOneInsideTwo(one, two);
    if (p) check.add('zoneI', p.vi, p.en);
  }
  check.throwIfAny();
  const rows: repo.ZoneRow[] = [];
  for (const [zone, g] of [['I', one], ['II', two]] as [ZoneKind, ZoneGeometry | null][]) {
    if (!g) continue;
    const b = bboxOf(g);
    rows.push({ zone, geometry: g, overview: await overviewOf(g), vertexCount: b.vertices, minLng: b.minLng, minLat: b.minLat, maxLng: b.maxLng, maxLat: b.maxLat, source: parseZoneSource(zone === 'I' ? input.zoneI : input.zoneII) });
  }
  await transaction(ctx.services.pool, async (tx) => {
    const relic = await repo.findRelic(tx, relicId);
    if (!relic) throw Errors.notFound('Di tích');
    const before = await repo.zonesOf(tx, relicId);
    await repo.replaceZones(tx, relicId, rows);
    await repo.touchRelic(tx, relicId, relic.status === 'published' ? { status: 'review' } : {});
    await writeAudit(tx, ctx, {
      action: 'heritage.zones_set',
      entity: 'heritage_relic',
      entityId: relicId,
      summary: { before: before.map((z) => ({ zone: z.zone, vertices: z.vertexCount })), after: rows.map((z) => ({ zone: z.zone, vertices: z.vertexCount, source: z.source })) },
    });
  });
  await zonesChanged(ctx.services);
  return rows;
}

function parseZoneSource(text: string | undefined): string {
  const p = parseZoneInput(text ?? '');
  return 'source' in p ? p.source : 'geojson';
}

export interface DecisionInput {
  action?: string;
  level?: string;
  number?: string;
  decidedOn?: string;
  issuer?: string;
  note?: string;
}

/**
 * recordDecision: a ranking decision (rank, re-rank to another level, or delist) in the relic's
 * history; the relic's current level follows the latest decision by date.
 * Outcomes: the decision; CORE-100; CORE-404; HERITAGE-101 (delisting an unranked relic).
 */
export async function recordDecision(ctx: CommandContext, relicId: string, input: DecisionInput, opts: { fileId?: string | null } = {}) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const v = checkDecision(input);
  const d = await transaction(ctx.services.pool, (tx) => applyDecision(tx, ctx, relicId, v, opts.fileId ?? null));
  await zonesChanged(ctx.services);
  return d;
}

export type DecisionValues = { action: DecisionAction; level: string | null; number: string; issuer: string; note: string; decidedOn: string };

/** The decision form's checks (CORE-100 with the fields named); shared with the ranking-file workflow. */
export function checkDecision(input: DecisionInput, check = new Check()): DecisionValues {
  const action = nfc(input.action);
  const level = nfc(input.level) || null;
  const number = nfc(input.number);
  const issuer = nfc(input.issuer);
  const note = nfc(input.note);
  const decidedOn = parseDateInput(nfc(input.decidedOn));
  if (!(DECISION_ACTIONS as readonly string[]).includes(action)) check.add('action', 'Vui lòng chọn loại quyết định.', 'Choose the kind of decision.');
  if (action !== 'delist' && !(RELIC_LEVELS as readonly string[]).includes(level ?? '')) check.add('level', 'Vui lòng chọn cấp xếp hạng.', 'Choose the ranking level.');
  check.required('number', number, 'số quyết định', 'the decision number').maxLength('number', number, 100, 'Số quyết định');
  check.required('issuer', issuer, 'cơ quan, người ban hành', 'the issuer').maxLength('issuer', issuer, 300, 'Cơ quan ban hành');
  check.maxLength('note', note, 2000, 'Ghi chú');
  if (!decidedOn) check.add('decidedOn', 'Ngày quyết định không hợp lệ (ngày/tháng/năm, ví dụ 15/03/2024).', 'Enter the date as dd/mm/yyyy.');
  else if (decidedOn > vnIsoDate()) check.add('decidedOn', 'Ngày quyết định không được sau hôm nay.', 'The date cannot be in the future.');
  check.throwIfAny();
  return { action: action as DecisionAction, level: action === 'delist' ? null : level, number, issuer, note, decidedOn: decidedOn! };
}

/** Writes a checked decision in the caller's transaction: the history row, the relic's current
 * level (the latest decision by date), the decision PDF among the relic's documents, the audit row. */
export async function applyDecision(tx: Tx, ctx: CommandContext, relicId: string, v: DecisionValues, fileId: string | null) {
  const { action, level, number, issuer, note, decidedOn } = v;
  const relic = await repo.findRelic(tx, relicId);
  if (!relic) throw Errors.notFound('Di tích');
  const history = await repo.decisionsOf(tx, relicId);
  const prior = history.filter((d) => d.decidedOn <= decidedOn).at(-1);
  const rankedThen = prior && prior.action !== 'delist' ? prior.level : null;
  if (action === 'delist' && !rankedThen) throw new AppError('HERITAGE-101', 409, 'Di tích chưa được xếp hạng vào ngày này nên không thể hủy bỏ xếp hạng.', 'The relic was not ranked on that date.');
  if (action === 'rerank' && !rankedThen) throw new AppError('HERITAGE-102', 409, 'Di tích chưa được xếp hạng vào ngày này; hãy chọn "Xếp hạng".', 'The relic was not ranked then; choose "rank".');
  if (action === 'rerank' && rankedThen === level) throw new AppError('HERITAGE-103', 409, 'Xếp hạng lại phải sang một cấp khác cấp hiện tại.', 'Re-ranking must change the level.');
  const d = await repo.insertDecision(tx, { relicId, action, level, number, decidedOn, issuer, note, fileId, createdBy: ctx.actor.userId });
  const all = await repo.decisionsOf(tx, relicId);
  const last = all.at(-1)!;
  const current = last.action === 'delist' ? null : last.level;
  await repo.touchRelic(tx, relicId, { level: current });
  if (fileId) await repo.insertMedia(tx, { relicId, kind: 'decision', title: `Quyết định số ${number}`, fileId, createdBy: ctx.actor.userId });
  await writeAudit(tx, ctx, { action: 'heritage.decision_record', entity: 'heritage_relic', entityId: relicId, summary: { before: { level: relic.level }, after: { level: current }, decision: { action, number, decidedOn } } });
  return d;
}

/** submitForReview: the officer sends the entry for approval before it goes online. */
export async function submitRelic(ctx: CommandContext, relicId: string) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  return setStatus(ctx, relicId, ['draft', 'withdrawn'], 'review', 'heritage.relic_submit');
}

/**
 * publishRelic: an approver puts the reviewed entry online (Decree 308/2025 Art. 85–89). A special
 * national relic needs the Ministry's written opinion recorded first. Outcomes: the relic;
 * CORE-404; HERITAGE-104 (not in review); HERITAGE-105 (no Ministry opinion).
 */
export async function publishRelic(ctx: CommandContext, relicId: string) {
  await heritagePolicy.requireApprove(ctx.services, ctx.actor);
  const relic = await repo.findRelic(ctx.services.db, relicId);
  if (!relic) throw Errors.notFound('Di tích');
  if (relic.level === 'special_national' && !relic.ministryOpinion) {
    const rules = await repo.rulesAt(ctx.services.db, vnIsoDate());
    const rule = rules.find((r) => r.kind === 'review' && r.key === 'special_national_ministry_opinion');
    if (rule) {
      throw new AppError(
        'HERITAGE-105',
        409,
        `Chưa thể công bố: ${rule.label} (${rule.legalBasis}). Hãy ghi số, ngày văn bản của Bộ vào hồ sơ trước.`,
        `Cannot publish: ${rule.labelEn}. Record the Ministry's letter first.`,
      );
    }
  }
  return setStatus(ctx, relicId, ['review'], 'published', 'heritage.relic_publish');
}

/** withdrawRelic: takes an entry offline (an error found, a dispute). */
export async function withdrawRelic(ctx: CommandContext, relicId: string) {
  await heritagePolicy.requireApprove(ctx.services, ctx.actor);
  return setStatus(ctx, relicId, ['published', 'review'], 'withdrawn', 'heritage.relic_withdraw');
}

async function setStatus(ctx: CommandContext, relicId: string, from: string[], to: 'review' | 'published' | 'withdrawn', action: string) {
  const out = await transaction(ctx.services.pool, async (tx) => {
    const relic = await repo.findRelic(tx, relicId);
    if (!relic) throw Errors.notFound('Di tích');
    if (!from.includes(relic.status)) {
      throw new AppError('HERITAGE-104', 409, `Di tích đang ở trạng thái "${STATUS_VI[relic.status]}", không thể thực hiện thao tác này.`, `The relic is ${relic.status}.`);
    }
    const extra = to === 'published' ? { publishedAt: new Date(), reviewedBy: ctx.actor.userId } : {};
    const after = await repo.updateRelic(tx, relicId, relic.version, { status: to, ...extra });
    if (!after) throw Errors.conflict();
    await writeAudit(tx, ctx, { action, entity: 'heritage_relic', entityId: relicId, summary: { before: { status: relic.status }, after: { status: to } } });
    return after;
  });
  await zonesChanged(ctx.services);
  return out;
}

export const STATUS_VI: Record<string, string> = { draft: 'Bản nháp', review: 'Chờ duyệt đăng', published: 'Đã công bố', withdrawn: 'Đã gỡ' };

/** Photos (through the shared image pipeline) and documents (PDF) of a relic.
 * Outcomes: the media row; CORE-100; CORE-413/415 (size, type from the bytes); IMG-1xx (pixels). */
export async function addMedia(ctx: CommandContext, relicId: string, input: { kind?: string; title?: string; data: Buffer; filename: string; truncated?: boolean }) {
  await heritagePolicy.requireManage(ctx.services, ctx.actor);
  const check = new Check();
  const kind = nfc(input.kind);
  const title = nfc(input.title);
  if (!(MEDIA_KINDS as readonly string[]).includes(kind)) check.add('kind', 'Vui lòng chọn loại tài liệu.', 'Choose the kind of document.');
  check.required('title', title, kind === 'photo' ? 'mô tả ảnh (văn bản thay thế)' : 'tên tài liệu', 'a title').maxLength('title', title, 300, 'Tên');
  if (!input.data.length) check.add('file', 'Vui lòng chọn tệp.', 'Choose a file.');
  if (input.truncated) check.add('file', 'Tệp quá lớn (tối đa 20 MB).', 'The file is too large (max 20 MB).');
  check.throwIfAny();
  const out = await transaction(ctx.services.pool, async (tx) => {
    const relic = await repo.findRelic(tx, relicId);
    if (!relic) throw Errors.notFound('Di tích');
    let media: repo.Media;
    if (kind === 'photo') {
      const img = await saveImage(tx, ctx.services.files, { data: input.data, originalName: input.filename, owner: 'heritage', ownerId: relicId, alt: title, createdBy: ctx.actor.userId });
      media = await repo.insertMedia(tx, { relicId, kind: 'photo', title, imageId: img.id, createdBy: ctx.actor.userId });
    } else {
      const f = await ctx.services.files.save(tx, { data: input.data, originalName: input.filename, allowed: ['application/pdf', 'image/jpeg', 'image/png'], createdBy: ctx.actor.userId });
      media = await repo.insertMedia(tx, { relicId, kind: kind as 'map', title, fileId: f.id, createdBy: ctx.actor.userId });
    }
    await repo.touchRelic(tx, relicId, relic.status === 'published' ? { status: 'review' } : {});
    await writeAudit(tx, ctx, { action: 'heritage.media_add', entity: 'heritage_relic', entityId: relicId, summary: { kind, title } });
    return media;
  });
  // A published relic went back to review: its zones leave the public check.
  await zonesChanged(ctx.services);
  return out;
}
