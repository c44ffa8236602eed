import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM, ANONYMOUS } from '../../../core/auth/actor.js';
import { alertSilentDevices, registerDevice } from '../devices.commands.js';
import { deriveKey, signBody } from '../devices.keys.js';
import { visitorIndicators } from '../devices.stats.js';
import { grantPermissionsToRole } from '../../../core/org/org.commands.js';
import { vnIsoDate } from '../../../core/validation.js';

/** Counts over HTTP from the demo camera and a fresh one: every bad input has its code. */
describe('devices: HTTP counts, bad input, aggregates', () => {
  let t: TestPlatform;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  // Whole minutes in the past, so the test runs at any time of day (today in Vietnam, mostly).
  const base = Math.floor(now / 60_000) * 60_000 - 30 * 60_000;
  const interval = (seq: number, over: Record<string, unknown> = {}) => ({ seq, start: iso(base + seq * 60_000), seconds: 60, entries: 3, exits: 1, deviceTime: iso(now), ...over });
  const post = (id: string, body: unknown, headers: Record<string, string> = { authorization: 'Bearer demo-device-secret' }) =>
    t.app.inject({ method: 'POST', url: `/api/v1/devices/${id}/counts`, headers: { 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });

  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('stores a batch once, however often it is resent', async () => {
    const batch = { intervals: [interval(0), interval(1), interval(2)] };
    const a = await post('demo-camera-1', batch);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toEqual({ accepted: 3, duplicates: 0 });
    const b = await post('demo-camera-1', { intervals: [interval(2), interval(1), interval(3)] });
    expect(b.json()).toEqual({ accepted: 1, duplicates: 2 });
    const day = await t.platform.services.pool.query(`SELECT sum(entries)::int AS n FROM device_hourly WHERE device_id = 'demo-camera-1'`);
    expect(day.rows[0].n).toBe(12);
  });

  it('accepts an HMAC signature instead of the bearer secret', async () => {
    const body = JSON.stringify({ intervals: [interval(4)] });
    const ok = await post('demo-camera-1', body, { 'x-signature': signBody(deriveKey('demo-device-secret'), body) });
    expect(ok.statusCode, ok.body).toBe(200);
    const tampered = await post('demo-camera-1', body.replace('"entries":3', '"entries":300'), { 'x-signature': signBody(deriveKey('demo-device-secret'), body) });
    expect(tampered.json().code).toBe('DEV-201');
    const stale = await post('demo-camera-1', body, { 'x-signature': signBody(deriveKey('demo-device-secret'), body, Math.floor(now / 1000) - 3600) });
    expect(stale.json().code).toBe('DEV-201');
  });

  it('refuses every bad input with a stable code and problem+json', async () => {
    const cases: [string, unknown, Record<string, string> | undefined, number, string][] = [
      ['khong-co-may', { intervals: [interval(10)] }, undefined, 401, 'DEV-200'],
      ['demo-camera-1', { intervals: [interval(10)] }, { authorization: 'Bearer sai-khoa' }, 401, 'DEV-200'],
      ['demo-camera-1', { intervals: [interval(10)] }, {}, 401, 'DEV-202'],
      ['demo-camera-1', { intervals: [interval(10, { entries: -2 })] }, undefined, 400, 'DEV-101'],
      ['demo-camera-1', { intervals: [interval(10, { start: iso(now + 3_600_000) })] }, undefined, 400, 'DEV-102'],
      ['demo-camera-1', { intervals: [interval(10, { deviceTime: iso(now + 86_400_000) })] }, undefined, 400, 'DEV-102'],
      ['demo-camera-1', { intervals: [interval(10, { start: '2026-12-04 09:00' })] }, undefined, 400, 'DEV-100'],
      ['demo-camera-1', '{"intervals": [', undefined, 400, 'DEV-100'],
      ['demo-camera-1', { intervals: [] }, undefined, 400, 'DEV-100'],
      ['demo-camera-1', { intervals: Array.from({ length: 1001 }, (_, i) => interval(100 + i)) }, undefined, 413, 'DEV-103'],
      // seq 1 belongs to another interval: a replay; the batch is refused whole.
      ['demo-camera-1', { intervals: [interval(11), { ...interval(12), seq: 1 }] }, undefined, 409, 'DEV-409'],
    ];
    for (const [id, body, headers, status, code] of cases) {
      const r = await post(id, body, headers);
      expect([r.statusCode, r.json().code], `${code}: ${r.body}`).toEqual([status, code]);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    // Nothing of the refused batches was stored (interval 11 went with the replay).
    const n = await t.platform.services.pool.query(`SELECT count(*)::int AS n FROM device_counts WHERE device_id = 'demo-camera-1'`);
    expect(n.rows[0].n).toBe(5);
    const logged = await t.platform.services.pool.query(`SELECT DISTINCT code FROM device_rejections`);
    expect(logged.rows.map((r) => r.code).sort()).toEqual(expect.arrayContaining(['DEV-100', 'DEV-101', 'DEV-102', 'DEV-200', 'DEV-409']));
  });

  it('a disabled device is refused; registering needs the permission; the secret is never stored', async () => {
    const ctx = { services: t.platform.services, actor: SYSTEM };
    await expect(registerDevice({ services: t.platform.services, actor: ANONYMOUS }, { id: 'cam-x', facilityCode: 'bao-tang-tinh', entrance: 'Cổng phụ' })).rejects.toMatchObject({ code: 'CORE-200' });
    const { device, secret } = await registerDevice(ctx, { id: 'cam-cong-phu', facilityCode: 'bao-tang-tinh', entrance: 'Cổng phụ', silentAfterMinutes: 5 });
    expect(device.key).not.toContain(secret);
    const row = await t.platform.services.pool.query(`SELECT * FROM devices WHERE id = 'cam-cong-phu'`);
    expect(JSON.stringify(row.rows[0])).not.toContain(secret);
    await t.platform.services.pool.query(`UPDATE devices SET status = 'disabled' WHERE id = 'cam-cong-phu'`);
    await t.platform.services.bus.emit('devices.changed', null);
    await new Promise((r) => setTimeout(r, 200));
    const r = await post('cam-cong-phu', { intervals: [interval(0)] }, { authorization: `Bearer ${secret}` });
    expect(r.json().code).toBe('DEV-203');
    const audit = await t.platform.services.pool.query(`SELECT summary::text FROM audit_log WHERE entity_id = 'cam-cong-phu'`);
    expect(audit.rows.map((x) => x.summary).join()).not.toContain(secret);
  });

  it('reports BT.01/BT.02 per facility, flags silent cameras and mails the museum', async () => {
    const day = vnIsoDate(new Date(base));
    const month = await visitorIndicators(t.platform.services, { code: day.slice(0, 7), periodicity: 'month', start: day, end: day });
    expect(month).toEqual(expect.arrayContaining([{ indicator: 'BT.02', dims: { facility: 'bao-tang-tinh' }, value: 15 }, { indicator: 'BT.02', value: 15 }]));
    await t.platform.services.pool.query(`UPDATE devices SET status = 'active', created_at = now() - interval '1 hour' WHERE id = 'cam-cong-phu'`);
    expect(await alertSilentDevices(t.platform.services)).toBe(1);
    expect(await alertSilentDevices(t.platform.services)).toBe(0);
    const mail = await t.platform.services.pool.query(`SELECT to_address FROM mail_outbox WHERE subject LIKE '%cam-cong-phu%'`);
    expect(mail.rows.length).toBeGreaterThan(0);
    // The administrator must enrol a second factor first; the leader sees the page, and for the
    // registry this test lends the leader's role the managing permission.
    await grantPermissionsToRole({ services: t.platform.services, actor: SYSTEM }, 'lanh_dao', ['manage:device:all']);
    const cookie = await loginCookies(t.app, 'lanhdao@vanhien.test');
    const page = await t.app.inject({ url: '/quan-tri/bao-tang/luot-khach', headers: { cookie } });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('Mất tín hiệu');
    expect(page.body).toContain('Cổng chính');
    const reg = await t.app.inject({ url: '/quan-tri/thiet-bi', headers: { cookie } });
    expect(reg.statusCode).toBe(200);
    expect(reg.body).toContain('DEV-409');
  });
});
