import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { csrfFor, loginCookies, apiTokens, ONE_STOP_ACCOUNTS, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';

/**
 * Issue 9, wave-1 API gap: an integrator carries a dossier through the whole one-stop path with
 * the JSON API alone — no HTML page, no database lookup. Every version, every action and the
 * specialist's id come from GET /api/v1/dossiers/{code}; the result PDF is checked by its SHA-256
 * through the public verification API.
 */
const KARAOKE = 'DEMO.000101';
const DESK_NOTE = 'Ghi chú nội bộ: giao gấp, cơ sở quen';
const APPRAISAL = 'Ý kiến nội bộ: đủ điều kiện, đề nghị cấp phép';
const PDF = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
const ANSWERS = {
  fullName: 'Đỗ Thị Tích Hợp',
  idNumber: '079188007777',
  phone: '0913444777',
  email: 'congdan@vanhien.test',
  address: '3 Lý Thường Kiệt, phường Phú Cường',
  applicantType: 'ca-nhan',
  businessName: 'Karaoke Tích Hợp (demo)',
  taxCode: '0101234572',
  venueAddress: '5 Lý Thường Kiệt, phường Phú Cường',
  areaType: 'do-thi',
  roomCount: 2,
  roomAreas: 'Phòng 1 – 22 m²; Phòng 2 – 26 m²',
  commitGlassDoor: true,
  commitConditions: true,
  commitTruthful: true,
  consentPersonalData: true,
};

interface StaffView {
  version: number;
  status: string;
  allowedActions: string[];
  assignableOfficers: { id: string; name: string; unit: string; role: string }[];
}

describe('one-stop path through the API alone', () => {
  let t: TestPlatform;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestPlatform();
    Object.assign(tokens, await apiTokens(t.app, ONE_STOP_ACCOUNTS));
  });
  afterAll(async () => t?.close());
  let journey: { id: string; code: string; specialist: string } | undefined;

  const call = (who: string | undefined, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...headers }, ...(payload ? { payload: payload as object } : {}) });

  it('citizen files → desk receives → assigns a specialist from assignableOfficers → specialist forwards → leader approves → result verified', { timeout: 60_000 }, async () => {
    // The citizen files: a draft with every answer, one file per document, then the submission.
    const created = await call('citizen', 'POST', '/api/v1/dossiers', { procedureCode: KARAOKE, answers: ANSWERS }, { 'idempotency-key': `journey-${crypto.randomUUID()}` });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    for (let doc = 0; ; doc++) {
      const boundary = `----vh${crypto.randomBytes(6).toString('hex')}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="giay-to-${doc}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        PDF(`journey-${doc}`),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await call('citizen', 'POST', `/api/v1/dossiers/${id}/files?document=${doc}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
      if (up.statusCode === 400 && up.json().code === 'CORE-101') break; // past the procedure's last document
      expect(up.statusCode, up.body).toBe(201);
    }
    const submitted = await call('citizen', 'POST', `/api/v1/dossiers/${id}/submit`, undefined, { 'idempotency-key': `journey-submit-${crypto.randomUUID()}` });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const code = submitted.json().code as string;
    const path = `/api/v1/dossiers/${encodeURIComponent(code)}`;

    const view = async (who: string): Promise<StaffView> => {
      const res = await call(who, 'GET', path);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const act = async (who: string, action: string, body: Record<string, unknown> = {}) => {
      const v = await view(who);
      expect(v.allowedActions, `${who} may ${action} in ${v.status}`).toContain(action);
      const res = await call(who, 'POST', `${path}/actions/${action}`, { version: v.version, ...body });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().version).toBeGreaterThan(v.version);
      return res.json();
    };

    // The applicant's own lookup carries none of the staff extras.
    const own = (await call('citizen', 'GET', path)).json();
    expect(own.allowedActions).toBeUndefined();
    expect(own.assignableOfficers).toBeUndefined();

    // Desk: receive is allowed, approving is not theirs; nothing to assign yet.
    const atDesk = await view('desk');
    expect(atDesk).toMatchObject({ status: 'submitted', version: expect.any(Number) });
    expect(atDesk.allowedActions).toEqual(expect.arrayContaining(['receive', 'refuse', 'request-supplement']));
    expect(atDesk.allowedActions).not.toContain('approve');
    expect(atDesk.assignableOfficers).toEqual([]);
    // The leader sees the same dossier but may not receive it.
    expect((await view('leader')).allowedActions).not.toContain('receive');
    await act('desk', 'receive');

    // Assignment: the officers come with the dossier; the specialist is one of them.
    const received = await view('desk');
    expect(received.allowedActions).toContain('assign');
    expect(received.assignableOfficers.length).toBeGreaterThan(0);
    for (const o of received.assignableOfficers) expect(o).toEqual({ id: expect.any(String), name: expect.any(String), unit: expect.stringMatching(/\S/), role: 'chuyen_vien' });
    const me = (await call('specialist', 'GET', '/api/v1/me')).json() as { id: string; name: string };
    const officer = received.assignableOfficers.find((o) => o.id === me.id);
    expect(officer, JSON.stringify(received.assignableOfficers)).toBeDefined();
    expect(officer!.name).toBe(me.name);
    expect((await act('desk', 'assign', { assigneeId: officer!.id, note: DESK_NOTE })).status).toBe('processing');

    // Specialist appraises and proposes to the leader; the leader approves; the desk returns.
    const atSpecialist = await view('specialist');
    expect(atSpecialist.allowedActions).toContain('forward');
    expect(atSpecialist.allowedActions).not.toContain('approve');
    await act('specialist', 'forward', { note: APPRAISAL });
    // Decree 118/2025: the applicant follows the dossier by unit and role, not by officer.
    const applicantSees = await call('citizen', 'GET', path);
    expect(applicantSees.statusCode).toBe(200);
    expect(applicantSees.body).not.toContain(me.name);
    expect(applicantSees.body).not.toContain(DESK_NOTE);
    expect(applicantSees.body).not.toContain(APPRAISAL);
    expect(applicantSees.body).toContain(`${officer!.unit} — chuyên viên xử lý`);
    // Staff still read the full timeline.
    expect((await call('desk', 'GET', path)).body).toContain(me.name);
    expect((await view('specialist')).allowedActions).not.toContain('forward');
    expect((await act('leader', 'approve')).status).toBe('approved');
    expect((await act('desk', 'return')).status).toBe('returned');
    expect((await view('desk')).allowedActions).toEqual([]);
    journey = { id, code, specialist: me.name };

    // The applicant downloads the result and checks it against the public verification API.
    const result = await call('citizen', 'GET', `${path}/documents/ket-qua`);
    expect(result.statusCode).toBe(200);
    expect(result.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const sha256 = crypto.createHash('sha256').update(result.rawPayload).digest('hex');
    const verified = await call(undefined, 'GET', `/api/v1/verify?sha256=${sha256}`);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ genuine: true, code, verifyUrl: expect.stringContaining('/xac-thuc/') });
    expect(verified.body).not.toContain(ANSWERS.fullName);
    const forged = crypto.createHash('sha256').update(Buffer.concat([result.rawPayload, Buffer.from(' ')])).digest('hex');
    const refused = await call(undefined, 'GET', `/api/v1/verify?sha256=${forged}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');

    // All of it is in the OpenAPI document, with the new fields described.
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/verify', '/api/v1/dossiers/{code}']));
    const props = JSON.stringify(doc.paths['/api/v1/dossiers/{code}'].get.responses['200']);
    for (const field of ['version', 'allowedActions', 'assignableOfficers']) expect(props).toContain(field);
  });

  it("the applicant's page and the public tracking name the unit and role, never the specialist", async () => {
    expect(journey).toBeDefined();
    const cookie = await loginCookies(t.app, 'congdan@vanhien.test');
    const page = await t.app.inject({ url: `/ho-so/${journey!.id}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('chuyên viên xử lý');
    for (const secret of [journey!.specialist, DESK_NOTE, APPRAISAL]) expect(page.body).not.toContain(secret);
    const form = await csrfFor(t.app, '/tra-cuu', '');
    const tracking = await t.app.inject({
      method: 'POST',
      url: '/tra-cuu',
      headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: form.csrf, ma: journey!.code, lienHe: ANSWERS.phone }).toString(),
    });
    expect(tracking.statusCode).toBe(200);
    expect(tracking.body).toContain(journey!.code);
    for (const secret of [journey!.specialist, DESK_NOTE, APPRAISAL]) expect(tracking.body).not.toContain(secret);
  });
});
