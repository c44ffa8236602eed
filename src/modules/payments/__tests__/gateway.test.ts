import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import type { Actor } from '../../../core/auth/actor.js';
import { findUserByEmail } from '../../../core/identity/identity.repository.js';
import { attachFile, createDraftFromApi, submitDossier } from '../../dossiers/dossiers.commands.js';
import * as dossierRepo from '../../dossiers/dossiers.repository.js';
import { HmacGateway, registerGateway } from '../gateway.js';
import { feeSummary } from '../payments.commands.js';

const ANSWERS = {
  fullName: 'Võ Thị Công Dân',
  idNumber: '012345678901',
  phone: '0912345678',
  email: 'congdan@vanhien.test',
  address: '12 Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh',
  applicantType: 'ca-nhan',
  businessName: 'Hộ kinh doanh Karaoke Sao Mai',
  taxCode: '0101234567',
  venueAddress: '34 Hai Bà Trưng, phường Sài Gòn',
  areaType: 'do-thi',
  roomCount: '3',
  roomAreas: 'Phòng 1 – 24 m²; Phòng 2 – 30 m²; Phòng 3 – 22 m²',
  commitGlassDoor: 'true',
  commitConditions: 'true',
  commitTruthful: 'true',
  consentPersonalData: 'true',
};
const UPLOAD = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const SECRET = 'fake-gateway-secret-for-tests-0123';

/**
 * A local fake gateway: it signs its notifications with the shared secret (HMAC-SHA256 over
 * "t.body") and posts them over real HTTP to the platform's webhook, retrying like a gateway does.
 */
function fakeGateway(base: string, secret: string) {
  return async (body: object, opts: { at?: Date; secret?: string } = {}) => {
    const raw = JSON.stringify(body);
    const res = await fetch(`${base}/api/v1/payments/webhooks/fakepay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': HmacGateway.sign(opts.secret ?? secret, raw, opts.at) },
      body: raw,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
}

describe('payment gateway webhooks (adapter, HMAC, idempotent) and the fees API', () => {
  let t: TestPlatform;
  let citizen: Actor;
  beforeAll(async () => {
    registerGateway(new HmacGateway('fakepay', SECRET));
    t = await startTestPlatform({ listen: true });
    const u = (await findUserByEmail(t.platform.services.db, 'congdan@vanhien.test'))!;
    citizen = { userId: u.id, label: u.fullName, kind: 'citizen', email: u.email, grants: [] };
  });
  afterAll(async () => t?.close());

  it('records a signed notification once, refuses bad signatures and stale calls, and the API reports the status', { timeout: 90_000 }, async () => {
    const s = t.platform.services;
    const ctx = { services: s, actor: citizen };
    const { dossier } = await createDraftFromApi(ctx, { procedureCode: 'DEMO.000101', answers: ANSWERS, idempotencyKey: 'gw-create' });
    for (let i = 0; i < 3; i++) await attachFile(ctx, dossier.id, i, { data: UPLOAD, originalName: `giay-to-${i + 1}.pdf` });
    const d = (await submitDossier(ctx, dossier.id, 'gw-submit')).dossier;
    const send = fakeGateway(t.url, SECRET);
    const event = { eventId: 'EVT-1', dossierCode: d.code, amount: 4_000_000, paidOn: '2026-12-05', reference: 'FP-889900' };

    expect(await send(event, { secret: 'another-secret-entirely-000000' })).toMatchObject({ status: 401, body: { code: 'FEE-401' } });
    expect(await send(event, { at: new Date(Date.now() - 3_600_000) })).toMatchObject({ status: 401, body: { code: 'FEE-401' } });
    expect((await feeSummary(s.db, d.id)).state).toBe('unpaid');

    expect(await send(event)).toEqual({ status: 200, body: { outcome: 'matched', duplicate: false } });
    // The gateway retries (it did not see our answer): nothing changes.
    expect(await send(event)).toEqual({ status: 200, body: { outcome: 'matched', duplicate: true } });
    const sum = await feeSummary(s.db, d.id);
    expect(sum).toMatchObject({ state: 'paid', paid: 4_000_000 });
    expect(sum.payments).toHaveLength(1);
    expect((await dossierRepo.listEvents(s.db, d.id)).filter((e) => e.kind === 'fee_paid')).toHaveLength(1);
    const audit = await s.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'fee.gateway'`);
    expect(audit.rows[0].n).toBe(1);
    expect(await send({ ...event, eventId: 'EVT-2', dossierCode: 'KHONG-TON-TAI-0001' })).toEqual({ status: 200, body: { outcome: 'unknown_code', duplicate: false } });
    expect((await send({ ...event, eventId: 'EVT-3', amount: -5 })).status).toBe(400);
    const unknown = await fetch(`${t.url}/api/v1/payments/webhooks/khong-co`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unknown.status).toBe(404);

    // The fees API: the applicant sees the status; the OpenAPI document lists the routes.
    const cookie = await loginCookies(t.app, 'congdan@vanhien.test');
    const api = await t.app.inject({ url: `/api/v1/dossiers/${d.id}/fees`, headers: { cookie } });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ code: d.code, state: 'paid', total: 4_000_000, due: 0, payments: [{ method: 'gateway', amount: 4_000_000 }] });
    expect((await t.app.inject({ url: `/api/v1/dossiers/${d.id}/fees` })).statusCode).toBe(401);
    const spec = await t.app.inject({ url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const paths = Object.keys((spec.json() as { paths: Record<string, unknown> }).paths);
    for (const p of ['/api/v1/dossiers/{id}/fees', '/api/v1/payments/statements', '/api/v1/payments/webhooks/{gateway}']) expect(paths).toContain(p);
  });
});
