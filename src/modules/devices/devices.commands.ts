import { transaction } from '../../core/db/index.js';
import type { CommandContext, Services } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { AppError, Errors } from '../../core/errors.js';
import { queueMail } from '../../core/mail/mail.js';
import { listAssignments, listUnits } from '../../core/org/org.repository.js';
import { Check, formatDateTimeVi, nfc, vnIsoDate } from '../../core/validation.js';
import { deriveKey, newSecret } from './devices.keys.js';
import { devicePolicy } from './devices.policy.js';
import * as repo from './devices.repository.js';

export const DEVICE_ID_RE = /^[a-z0-9][a-z0-9-]{1,62}$/;

export interface DeviceInput {
  id: string;
  facilityCode: string;
  entrance: string;
  location?: string;
  silentAfterMinutes?: number | string;
}

async function changed(s: Services) {
  await s.bus.emit('devices.changed', null).catch(() => {});
}

/**
 * registerDevice: an IT officer adds a camera. Returns the device and its secret, shown once: only
 * a key derived from it is stored (ADR 014). `secret` may be given (demo, migration of a camera
 * already configured). Outcomes: { device, secret }; CORE-100; CORE-410 (id taken).
 */
export async function registerDevice(ctx: CommandContext, input: DeviceInput, opts: { secret?: string; isDemo?: boolean } = {}) {
  devicePolicy.requireManage(ctx.actor);
  const id = nfc(input.id).toLowerCase();
  const entrance = nfc(input.entrance);
  const location = nfc(input.location);
  const minutes = Number(input.silentAfterMinutes ?? 30);
  const check = new Check()
    .required('id', id, 'mã thiết bị', 'a device id')
    .required('entrance', entrance, 'lối vào', 'the entrance')
    .maxLength('entrance', entrance, 100, 'Lối vào')
    .maxLength('location', location, 200, 'Vị trí');
  if (id && !DEVICE_ID_RE.test(id)) check.add('id', 'Mã thiết bị gồm 2–63 chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ cam-cong-chinh-1.', 'Use 2–63 lowercase letters, digits and hyphens.');
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 10080) check.add('silentAfterMinutes', 'Ngưỡng cảnh báo mất tín hiệu từ 5 đến 10.080 phút.', 'Between 5 and 10,080 minutes.');
  const facility = input.facilityCode ? await repo.findFacility(ctx.services.db, nfc(input.facilityCode)) : undefined;
  if (!facility) check.add('facilityCode', 'Vui lòng chọn cơ sở đặt thiết bị.', 'Choose the facility.');
  if (opts.secret !== undefined && opts.secret.length < 12) check.add('secret', 'Khóa bí mật phải có ít nhất 12 ký tự.', 'At least 12 characters.');
  check.throwIfAny();
  const secret = opts.secret ?? newSecret();
  const device = await transaction(ctx.services.pool, async (tx) => {
    const row = await repo.insertDevice(tx, { id, facilityCode: facility!.code, entrance, location: location || null, key: deriveKey(secret), silentAfterMinutes: minutes, isDemo: opts.isDemo ?? false });
    if (!row) throw Errors.duplicate(`Mã thiết bị "${id}" đã được dùng.`, `Device id "${id}" is taken.`);
    await writeAudit(tx, ctx, { action: 'device.register', entity: 'device', entityId: id, summary: { after: { facility: facility!.code, entrance, location, silentAfterMinutes: minutes } } });
    return row;
  });
  await changed(ctx.services);
  return { device, secret };
}

/** setDeviceStatus: a disabled camera is refused at once on every node (bus) and raises no alert. */
export async function setDeviceStatus(ctx: CommandContext, id: string, version: number, status: 'active' | 'disabled') {
  devicePolicy.requireManage(ctx.actor);
  if (status !== 'active' && status !== 'disabled') throw Errors.badRequest('Trạng thái không hợp lệ.', 'Invalid status.');
  const out = await transaction(ctx.services.pool, async (tx) => {
    const current = await repo.findDevice(tx, id);
    if (!current) throw Errors.notFound('Thiết bị');
    const row = await repo.updateDevice(tx, id, version, { status });
    if (!row) throw Errors.conflict();
    await writeAudit(tx, ctx, { action: 'device.status', entity: 'device', entityId: id, summary: { before: { status: current.status }, after: { status } } });
    return row;
  });
  await changed(ctx.services);
  return out;
}

/** rotateDeviceSecret: a new secret, shown once; the old one stops working at once. */
export async function rotateDeviceSecret(ctx: CommandContext, id: string, version: number) {
  devicePolicy.requireManage(ctx.actor);
  const secret = newSecret();
  const device = await transaction(ctx.services.pool, async (tx) => {
    if (!(await repo.findDevice(tx, id))) throw Errors.notFound('Thiết bị');
    const row = await repo.updateDevice(tx, id, version, { key: deriveKey(secret) });
    if (!row) throw Errors.conflict();
    // The secret itself never enters the audit trail.
    await writeAudit(tx, ctx, { action: 'device.rotate_secret', entity: 'device', entityId: id, summary: {} });
    return row;
  });
  await changed(ctx.services);
  return { device, secret };
}

/**
 * Every few minutes: an active camera silent for longer than its threshold is reported once (the
 * flag clears when it is heard again) to the staff of the facility's unit, through the outbox,
 * and shows as silent on the staff page. A camera at a closed museum still sends zero counts,
 * so silence means a fault, whatever the hour.
 */
export async function alertSilentDevices(s: Services, now = new Date()): Promise<number> {
  const silent = await repo.silentDevices(s.db, now);
  if (!silent.length) return 0;
  const today = vnIsoDate(now);
  const facilities = new Map((await repo.listFacilities(s.db)).map((f) => [f.code, f]));
  const unitIds = new Map((await listUnits(s.db)).map((u) => [u.code, u.id]));
  const people = (await listAssignments(s.db)).filter(
    (a) => a.userStatus === 'active' && a.userKind === 'staff' && (!a.validFrom || a.validFrom <= today) && (!a.validTo || a.validTo >= today),
  );
  const ctx: CommandContext = { services: s, actor: { ...SYSTEM, label: 'Giám sát thiết bị đếm khách' } };
  let n = 0;
  for (const d of silent) {
    const f = facilities.get(d.facilityCode);
    const unitId = f?.unitCode ? unitIds.get(f.unitCode) : undefined;
    const inUnit = people.filter((p) => unitId && p.unitId === unitId);
    const to = new Map((inUnit.length ? inUnit : people.filter((p) => p.roleCode === 'quan_tri')).map((p) => [p.userEmail, p.userName]));
    const since = d.lastSeenAt ? `từ ${formatDateTimeVi(d.lastSeenAt)}` : 'từ khi được đăng ký';
    const done = await transaction(s.pool, async (tx) => {
      if (!(await repo.markSilentAlerted(tx, d.id, now))) return false;
      for (const [email, name] of to) {
        await queueMail(tx, s.jobs, {
          to: email,
          subject: `[Cảnh báo] Thiết bị đếm khách ${d.id} mất tín hiệu`,
          text: `Kính gửi ${name},\n\nThiết bị đếm khách ${d.id} (${d.entrance}${f ? `, ${f.name}` : ''}) không gửi dữ liệu ${since}, quá ngưỡng ${d.silentAfterMinutes} phút.\nVui lòng kiểm tra nguồn điện và kết nối mạng của thiết bị.\nTheo dõi: ${s.config.publicUrl}/quan-tri/bao-tang/luot-khach\n\nHệ thống Văn Hiến.`,
        });
      }
      await writeAudit(tx, ctx, { action: 'device.silent_alert', entity: 'device', entityId: d.id, summary: { lastSeenAt: d.lastSeenAt?.toISOString() ?? null, recipients: to.size } });
      return true;
    });
    if (done) n++;
  }
  return n;
}

export function assertFacility(f: unknown): asserts f {
  if (!f) throw new AppError('DEV-404', 404, 'Cơ sở không tồn tại.', 'Unknown facility.');
}
