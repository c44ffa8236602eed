import { transaction } from '../../core/db/index.js';
import type { Services } from '../../core/context.js';
import { logOf } from './devices.keys.js';
import { AppError, type FieldErrors } from '../../core/errors.js';
import { CLOCK_SKEW_MS } from './devices.keys.js';
import * as repo from './devices.repository.js';
import type { CountRow, Device } from './devices.repository.js';

/** A camera buffers while offline; more than this in one request is a bug, not a backlog. */
export const MAX_BATCH = 1000;
/** Counts older than this would reopen indicator years long published (BT.01 is quarterly). */
export const MAX_AGE_MS = 400 * 86_400_000;

export type Via = 'http' | 'mqtt';

/** The stable codes of refused counts (HTTP problem+json `code`, MQTT log and rejection list). */
export const DeviceErrors = {
  malformed: (fields: FieldErrors) =>
    new AppError('DEV-100', 400, 'Dữ liệu đếm gửi lên không đúng định dạng.', 'The counts payload is malformed.', fields),
  negative: (fields: FieldErrors) => new AppError('DEV-101', 400, 'Số lượt vào/ra không được âm.', 'Counts must not be negative.', fields),
  future: (fields: FieldErrors) =>
    new AppError('DEV-102', 400, 'Thời điểm trong dữ liệu đếm ở quá xa trong tương lai (kiểm tra đồng hồ của thiết bị).', 'A timestamp is too far in the future (check the device clock).', fields),
  tooLarge: () => new AppError('DEV-103', 413, `Mỗi lần gửi tối đa ${MAX_BATCH} khoảng đếm.`, `At most ${MAX_BATCH} intervals per request.`),
  tooOld: (fields: FieldErrors) => new AppError('DEV-104', 400, 'Khoảng đếm quá cũ (hơn 400 ngày), không được nhận.', 'An interval is older than 400 days.', fields),
  unauthenticated: () =>
    new AppError('DEV-200', 401, 'Không xác thực được thiết bị (mã thiết bị hoặc khóa bí mật không đúng).', 'Unknown device or wrong secret.'),
  badSignature: () => new AppError('DEV-201', 401, 'Chữ ký HMAC không hợp lệ hoặc đã quá hạn.', 'The HMAC signature is invalid or stale.'),
  noCredentials: () =>
    new AppError('DEV-202', 401, 'Thiếu thông tin xác thực thiết bị (Authorization: Bearer hoặc X-Signature).', 'Send Authorization: Bearer <secret> or X-Signature.'),
  disabled: () => new AppError('DEV-203', 403, 'Thiết bị đã bị ngừng sử dụng.', 'This device is disabled.'),
  replay: (fields: FieldErrors) =>
    new AppError('DEV-409', 409, 'Số thứ tự đã được dùng cho một khoảng đếm khác (gửi lặp lại bất thường).', 'A sequence number was already used for another interval (replay).', fields),
};

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(v: unknown): Date | undefined {
  if (typeof v !== 'string' || !ISO_WITH_ZONE.test(v)) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * Checks a batch of intervals as a camera sends them:
 * `{ seq, start, seconds, entries, exits, deviceTime }` (times ISO 8601 with their offset).
 * Every problem is listed with its index; the most basic kind decides the code.
 */
export function parseIntervals(device: Pick<Device, 'id' | 'facilityCode'>, raw: unknown, now = Date.now()): CountRow[] {
  if (!Array.isArray(raw) || raw.length === 0) throw DeviceErrors.malformed({ intervals: { vi: 'Cần một danh sách khoảng đếm (intervals).', en: 'intervals must be a non-empty array.' } });
  if (raw.length > MAX_BATCH) throw DeviceErrors.tooLarge();
  const malformed: FieldErrors = {};
  const negative: FieldErrors = {};
  const future: FieldErrors = {};
  const old: FieldErrors = {};
  const rows: CountRow[] = [];
  raw.forEach((it, i) => {
    const at = `intervals[${i}]`;
    if (!it || typeof it !== 'object' || Array.isArray(it)) {
      malformed[at] = { vi: 'Khoảng đếm phải là một đối tượng JSON.', en: 'Each interval must be an object.' };
      return;
    }
    const o = it as Record<string, unknown>;
    const start = instant(o.start);
    const deviceTime = instant(o.deviceTime);
    if (!isInt(o.seq, 0, Number.MAX_SAFE_INTEGER)) malformed[`${at}.seq`] = { vi: 'seq phải là số nguyên không âm.', en: 'seq must be a non-negative integer.' };
    if (!start) malformed[`${at}.start`] = { vi: 'start phải là thời điểm ISO 8601 có múi giờ, ví dụ 2026-12-04T09:00:00+07:00.', en: 'start must be ISO 8601 with an offset.' };
    if (!deviceTime) malformed[`${at}.deviceTime`] = { vi: 'deviceTime phải là thời điểm ISO 8601 có múi giờ.', en: 'deviceTime must be ISO 8601 with an offset.' };
    if (!isInt(o.seconds, 1, 3600)) malformed[`${at}.seconds`] = { vi: 'seconds phải là số nguyên từ 1 đến 3600.', en: 'seconds must be an integer 1–3600.' };
    for (const k of ['entries', 'exits'] as const) {
      if (typeof o[k] === 'number' && Number.isInteger(o[k]) && (o[k] as number) < 0) negative[`${at}.${k}`] = { vi: `${k} không được âm.`, en: `${k} must not be negative.` };
      else if (!isInt(o[k], 0, 1_000_000)) malformed[`${at}.${k}`] = { vi: `${k} phải là số nguyên từ 0 đến 1.000.000.`, en: `${k} must be an integer 0–1,000,000.` };
    }
    if (start && start.getTime() > now + CLOCK_SKEW_MS) future[`${at}.start`] = { vi: 'start ở tương lai.', en: 'start is in the future.' };
    if (deviceTime && deviceTime.getTime() > now + CLOCK_SKEW_MS) future[`${at}.deviceTime`] = { vi: 'deviceTime ở tương lai.', en: 'deviceTime is in the future.' };
    if (start && start.getTime() < now - MAX_AGE_MS) old[`${at}.start`] = { vi: 'start cũ hơn 400 ngày.', en: 'start is older than 400 days.' };
    if (start && deviceTime && isInt(o.seq, 0, Number.MAX_SAFE_INTEGER) && isInt(o.seconds, 1, 3600) && isInt(o.entries, 0, 1_000_000) && isInt(o.exits, 0, 1_000_000)) {
      rows.push({ deviceId: device.id, facilityCode: device.facilityCode, intervalStart: start, intervalSeconds: o.seconds, entries: o.entries, exits: o.exits, seq: o.seq, deviceTime });
    }
  });
  if (Object.keys(malformed).length) throw DeviceErrors.malformed(malformed);
  if (Object.keys(negative).length) throw DeviceErrors.negative(negative);
  if (Object.keys(future).length) throw DeviceErrors.future(future);
  if (Object.keys(old).length) throw DeviceErrors.tooOld(old);
  return rows;
}

/** An MQTT message: one interval `{ deviceId, seq, start, … }` or `{ deviceId, intervals: [...] }`. */
export function parseMessage(device: Pick<Device, 'id' | 'facilityCode'>, payload: Buffer, now = Date.now()): CountRow[] {
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    throw DeviceErrors.malformed({ payload: { vi: 'Nội dung không phải JSON.', en: 'The payload is not JSON.' } });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw DeviceErrors.malformed({ payload: { vi: 'Nội dung phải là một đối tượng JSON.', en: 'The payload must be an object.' } });
  const o = body as Record<string, unknown>;
  // The topic names the device; a payload naming another is a misconfigured or hostile camera.
  if (o.deviceId !== undefined && o.deviceId !== device.id) throw DeviceErrors.malformed({ deviceId: { vi: 'deviceId khác với mã thiết bị trong chủ đề.', en: 'deviceId differs from the topic.' } });
  return parseIntervals(device, Array.isArray(o.intervals) ? o.intervals : [o], now);
}

export interface IngestOutcome {
  accepted: number;
  duplicates: number;
  /** indexes (in the given rows) whose sequence number belongs to another interval */
  replays: number[];
}

/** Which of the rows not inserted are resends (same interval, same seq) and which are replays. */
async function classify(tx: Parameters<typeof repo.existingCounts>[0], rows: CountRow[], inserted: Set<string>): Promise<IngestOutcome> {
  const missing = rows.map((r, i) => ({ r, i })).filter(({ r }) => !inserted.has(`${r.deviceId}|${r.intervalStart.getTime()}`));
  const out: IngestOutcome = { accepted: inserted.size, duplicates: 0, replays: [] };
  if (!missing.length) return out;
  const stored = await repo.existingCounts(
    tx,
    missing.map((m) => m.r),
  );
  const seen = new Set<string>();
  for (const { r, i } of missing) {
    const same = stored.find((x) => x.deviceId === r.deviceId && x.startMs === r.intervalStart.getTime() && x.seq === r.seq);
    const key = `${r.deviceId}|${r.intervalStart.getTime()}`;
    // The same interval twice in one batch: the first was inserted, the second is a resend.
    if (same || seen.has(key)) out.duplicates++;
    else out.replays.push(i);
    seen.add(key);
  }
  return out;
}

/**
 * Stores validated rows in one transaction. With `refuseReplays` (HTTP) a replay rolls the whole
 * batch back, so the camera gets one clear answer; MQTT messages are judged one by one instead.
 */
export async function storeCounts(s: Services, rows: CountRow[], via: Via, opts: { refuseReplays: boolean }): Promise<IngestOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await transaction(s.pool, async (tx) => {
        const inserted = await repo.insertCounts(tx, rows, via);
        const out = inserted.size === rows.length ? { accepted: inserted.size, duplicates: 0, replays: [] } : await classify(tx, rows, inserted);
        if (opts.refuseReplays && out.replays.length) {
          const fields: FieldErrors = {};
          for (const i of out.replays.slice(0, 20)) fields[`intervals[${i}].seq`] = { vi: `seq ${rows[i]!.seq} đã dùng cho khoảng đếm khác.`, en: `seq ${rows[i]!.seq} was used for another interval.` };
          throw DeviceErrors.replay(fields);
        }
        return out;
      });
    } catch (err) {
      // Two batches adding to the same hourly rows can deadlock despite the sorted order (each
      // sorts only its own rows); PostgreSQL aborts one, which simply runs again.
      if ((err as { code?: string }).code === '40P01' && attempt < 3) continue;
      throw err;
    }
  }
}

/** Device rows for the hot path: a short cache, dropped on every node when a device changes. */
export class DeviceDirectory {
  private cache = new Map<string, { at: number; device: Device | undefined }>();
  private touched = new Map<string, number>();
  constructor(
    private readonly s: Services,
    private readonly ttlMs = 5_000,
  ) {
    s.bus.on('devices.changed', () => this.cache.clear());
  }

  async get(id: string): Promise<Device | undefined> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.device;
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(id)) return undefined;
    const device = await repo.findDevice(this.s.db, id);
    // Unknown ids are remembered too, so a flood of them costs no query each; the map is bounded.
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { at: Date.now(), device });
    return device;
  }

  /** last_seen at most every 30 s per device, after the counts are stored. */
  async seen(ids: Iterable<string>): Promise<void> {
    const now = Date.now();
    const due = [...new Set(ids)].filter((id) => now - (this.touched.get(id) ?? 0) > 30_000);
    if (!due.length) return;
    for (const id of due) this.touched.set(id, now);
    await repo.touchDevices(this.s.db, due, new Date(now)).catch((e) => logOf(this.s).warn(`devices: last seen not saved: ${String(e)}`));
  }
}

/**
 * Refused input is logged (service log and the staff page's list) but at most once per device,
 * code and 10 s: a broken camera retrying every second must not fill the table.
 */
export class RejectionLog {
  private last = new Map<string, number>();
  constructor(private readonly s: Services) {}

  record(deviceId: string | null, via: Via, code: string, detail: string): void {
    const key = `${deviceId}|${code}`;
    const now = Date.now();
    if (now - (this.last.get(key) ?? 0) < 10_000) return;
    if (this.last.size > 10_000) this.last.clear();
    this.last.set(key, now);
    logOf(this.s).warn(`devices: refused ${via} counts from ${deviceId ?? '?'}: ${code} ${detail}`);
    repo.insertRejection(this.s.db, { deviceId: deviceId?.slice(0, 64) ?? null, via, code, detail }).catch(() => {});
  }
}

interface Pending {
  rows: CountRow[];
  resolve: (o: IngestOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * MQTT messages arrive one by one; writing each in its own transaction would cap ingestion at a
 * few hundred per second. They are gathered for at most `delayMs` (or `max` rows) and written in
 * one transaction; each message's promise settles after the commit, and only then is it
 * acknowledged (QoS 1), so a crash loses nothing that was acknowledged. One flush at a time.
 */
export class CountBuffer {
  private queue: Pending[] = [];
  private rows = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly s: Services,
    private readonly dir: DeviceDirectory,
    private readonly opts: { max: number; delayMs: number } = { max: 1000, delayMs: 5 },
  ) {}

  add(rows: CountRow[]): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.rows += rows.length;
      if (this.rows >= this.opts.max) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.opts.delayMs);
    });
  }

  private kick() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.rows = 0;
    if (batch.length) this.running = this.running.then(() => this.flush(batch));
  }

  private async flush(batch: Pending[]) {
    const all = batch.flatMap((p) => p.rows);
    try {
      const inserted = await transaction(this.s.pool, (tx) => repo.insertCounts(tx, all, 'mqtt'));
      let outcomes: IngestOutcome[];
      if (inserted.size === all.length) {
        outcomes = batch.map((p) => ({ accepted: p.rows.length, duplicates: 0, replays: [] }));
      } else {
        const stored = await repo.existingCounts(this.s.db, all);
        const seen = new Set<string>();
        outcomes = batch.map((p) => {
          const o: IngestOutcome = { accepted: 0, duplicates: 0, replays: [] };
          p.rows.forEach((r, i) => {
            const key = `${r.deviceId}|${r.intervalStart.getTime()}`;
            if (inserted.has(key) && !seen.has(key)) o.accepted++;
            else if (seen.has(key) || stored.some((x) => x.deviceId === r.deviceId && x.startMs === r.intervalStart.getTime() && x.seq === r.seq)) o.duplicates++;
            else o.replays.push(i);
            seen.add(key);
          });
          return o;
        });
      }
      for (const [i, p] of batch.entries()) p.resolve(outcomes[i]!);
      await this.dir.seen(all.map((r) => r.deviceId));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  async drain(): Promise<void> {
    this.kick();
    await this.running;
  }
}
