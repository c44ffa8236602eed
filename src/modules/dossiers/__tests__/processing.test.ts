import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import type { Actor } from '../../../core/auth/actor.js';
import { findUserByEmail } from '../../../core/identity/identity.repository.js';
import { grantsForUser } from '../../../core/org/org.repository.js';
import { vnIsoDate } from '../../../core/validation.js';
import { findCurrentByCode } from '../../procedures/procedures.repository.js';
import { attachFile, createDraftFromApi, submitDossier } from '../dossiers.commands.js';
import { receiveDossier, requestSupplement, resultOfDossier, supplementDossier } from '../dossiers.processing.js';
import * as repo from '../dossiers.repository.js';
import dossiersModule from '../module.js';
import { DOSSIER_STATUSES, dossiers, type DossierStatus } from '../dossiers.schema.js';
import { DOSSIER_ACTIONS, nextState, type DossierAction, type TransitionFacts } from '../dossiers.workflow.js';

const KARAOKE = 'DEMO.000101';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
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

/**
 * The legal edges, written out independently of the implementation: [state][action] → next state,
 * or absent when the transition is impossible (Decree 118/2025/NĐ-CP; Circular 03/2025/TT-VPCP).
 */
const TABLE: Record<DossierStatus, Partial<Record<DossierAction, DossierStatus>>> = {
  draft: {},
  submitted: { receive: 'received', refuse: 'refused', requestSupplement: 'supplement_requested', stop: 'stopped' },
  received: { requestSupplement: 'supplement_requested', assign: 'processing', stop: 'stopped', pause: 'received', resume: 'received', extend: 'received' },
  supplement_requested: { supplement: 'received', stop: 'stopped' },
  processing: { forward: 'processing', approve: 'approved', stop: 'stopped', pause: 'processing', resume: 'processing', extend: 'processing' },
  approved: { returnResult: 'returned', extend: 'approved' },
  returned: {},
  refused: {},
  stopped: {},
};

/** Facts that satisfy every precondition of the action, so only the state decides. */
function goodFacts(action: DossierAction): TransitionFacts {
  return {
    supplementCount: 0,
    reason: 'Lý do',
    missingItems: ['Bản sao giấy phép'],
    assigneeId: 'u1',
    stepRole: action === 'approve' ? 'lanh_dao' : 'chuyen_vien',
    paused: action === 'resume',
    pauseAllowed: true,
    extensionCount: 0,
    workingDaysToDue: 3,
    extraDays: 5,
  };
}

describe('dossier state machine (pure)', () => {
  const pairs = DOSSIER_STATUSES.flatMap((s) => DOSSIER_ACTIONS.map((a) => [s, a] as const));

  it('covers every state × action pair (9 × 12)', () => {
    expect(pairs).toHaveLength(108);
  });

  it.each(pairs)('%s × %s matches the table', (state, action) => {
    const expected = TABLE[state][action];
    const got = nextState(state, action, goodFacts(action));
    if (expected) expect(got).toEqual({ ok: true, state: expected });
    else expect(got).toMatchObject({ ok: false, code: 'illegal_transition' });
  });

  it('refuses legal edges whose facts are missing', () => {
    expect(nextState('submitted', 'refuse', { reason: '  ' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(nextState('processing', 'stop', {})).toMatchObject({ ok: false, code: 'reason_required' });
    expect(nextState('submitted', 'requestSupplement', { missingItems: [] })).toMatchObject({ ok: false, code: 'items_required' });
    expect(nextState('received', 'requestSupplement', { supplementCount: 1, missingItems: ['x'] })).toMatchObject({ ok: false, code: 'supplement_once' });
    expect(nextState('received', 'assign', {})).toMatchObject({ ok: false, code: 'assignee_required' });
    expect(nextState('processing', 'forward', { stepRole: 'lanh_dao' })).toMatchObject({ ok: false, code: 'wrong_step' });
    expect(nextState('processing', 'approve', { stepRole: 'chuyen_vien' })).toMatchObject({ ok: false, code: 'wrong_step' });
    // Pause only where the procedure allows it, with a reason; resume only a paused clock.
    expect(nextState('processing', 'pause', { reason: 'Thẩm định thực tế' })).toMatchObject({ ok: false, code: 'pause_not_allowed' });
    expect(nextState('processing', 'pause', { pauseAllowed: true, reason: ' ' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(nextState('processing', 'resume', {})).toMatchObject({ ok: false, code: 'not_paused' });
    // While paused, nothing but resume and stop.
    for (const a of ['forward', 'approve', 'extend', 'pause'] as const) {
      expect(nextState('processing', a, { ...goodFacts(a), paused: true })).toMatchObject({ ok: false, code: 'paused' });
    }
    expect(nextState('processing', 'stop', { reason: 'Người nộp rút hồ sơ', paused: true })).toMatchObject({ ok: true });
    // Form 04: once, and no later than one working day before the due date.
    const ext = { reason: 'Chờ ý kiến thẩm định của Sở Xây dựng', extensionCount: 0, workingDaysToDue: 1, extraDays: 3 };
    expect(nextState('processing', 'extend', ext)).toEqual({ ok: true, state: 'processing' });
    expect(nextState('processing', 'extend', { ...ext, workingDaysToDue: 0 })).toMatchObject({ ok: false, code: 'extension_too_late' });
    expect(nextState('processing', 'extend', { ...ext, workingDaysToDue: -1 })).toMatchObject({ ok: false, code: 'extension_too_late' });
    expect(nextState('processing', 'extend', { ...ext, extensionCount: 1 })).toMatchObject({ ok: false, code: 'extension_once' });
    expect(nextState('processing', 'extend', { ...ext, extraDays: 0 })).toMatchObject({ ok: false, code: 'days_required' });
    expect(nextState('processing', 'extend', { ...ext, reason: '' })).toMatchObject({ ok: false, code: 'reason_required' });
  });
});

describe('one-stop processing through the staff console', () => {
  let t: TestPlatform;
  let citizen: Actor;
  let officer: Actor;
  beforeAll(async () => {
    t = await startTestPlatform();
    const db = t.platform.services.db;
    const u = (await findUserByEmail(db, 'congdan@vanhien.test'))!;
    citizen = { userId: u.id, label: u.fullName, kind: 'citizen', email: u.email, grants: [] };
    const o = (await findUserByEmail(db, 'tiepnhan@vanhien.test'))!;
    officer = { userId: o.id, label: o.fullName, kind: 'staff', email: o.email, grants: await grantsForUser(db, o.id, vnIsoDate()) };
  });
  afterAll(async () => t?.close());

  const ctx = (actor: Actor) => ({ services: t.platform.services, actor });
  // One login per account for the whole file: the login form is rate-limited per address.
  const sessions = new Map<string, Promise<string>>();
  const login = (email: string) => {
    if (!sessions.has(email)) sessions.set(email, loginCookies(t.app, email));
    return sessions.get(email)!;
  };
  const form = (cookie: string, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;

  async function submitted(key: string, now?: Date) {
    const { dossier } = await createDraftFromApi(ctx(citizen), { procedureCode: KARAOKE, answers: ANSWERS, idempotencyKey: `${key}-create` });
    for (let i = 0; i < 3; i++) await attachFile(ctx(citizen), dossier.id, i, { data: PDF, originalName: `giay-to-${i + 1}.pdf` });
    return (await submitDossier(ctx(citizen), dossier.id, `${key}-submit`, now ? { now } : {})).dossier;
  }

  function multipart(field: string, filename: string, data: Buffer) {
    const boundary = `----vh${Math.random().toString(16).slice(2)}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
  }

  /** Opens the staff page of the dossier and posts one action form with the page's version. */
  async function act(cookie0: string, id: string, action: string, fields: Record<string, string> = {}) {
    const { csrf, cookie } = await csrfFor(t.app, `/quan-tri/ho-so/${id}`, cookie0);
    const page = await t.app.inject({ url: `/quan-tri/ho-so/${id}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    // A page without any form for this actor still lets the test post the current version.
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? String((await repo.findDossier(t.platform.services.db, id))!.version);
    return form(cookie, `/quan-tri/ho-so/${id}/${action}`, { _csrf: csrf, version, ...fields });
  }

  it('takes a dossier from submission to a verified electronic result', { timeout: 60_000 }, async () => {
    const s = t.platform.services;
    const d = await submitted('happy');
    const desk = await login('tiepnhan@vanhien.test');
    const specialist = await login('chuyenvien@vanhien.test');
    const leader = await login('lanhdao@vanhien.test');
    const citizenCookie = await login('congdan@vanhien.test');

    // Citizens never reach the console; anonymous visitors are sent to log in.
    expect((await t.app.inject({ url: '/quan-tri/ho-so', headers: { cookie: citizenCookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/quan-tri/ho-so/${d.id}`, headers: { cookie: citizenCookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/quan-tri/ho-so' })).statusCode).toBe(302);

    const queueNew = await t.app.inject({ url: '/quan-tri/ho-so?tab=moi', headers: { cookie: desk } });
    expect(queueNew.statusCode).toBe(200);
    expect(queueNew.body).toContain(d.code!);
    expect(queueNew.body).toContain('Sắp đến hạn');

    // The page shows the desk's forms only; the leader's approval is not among them.
    const page = await t.app.inject({ url: `/quan-tri/ho-so/${d.id}`, headers: { cookie: desk } });
    expect(page.body).toContain('Hộ kinh doanh Karaoke Sao Mai');
    expect(page.body).toContain(`/quan-tri/ho-so/${d.id}/receive`);
    expect(page.body).toContain(`/quan-tri/ho-so/${d.id}/request-supplement`);
    expect(page.body).not.toContain(`/quan-tri/ho-so/${d.id}/approve`);
    const fileHref = /href="(\/quan-tri\/ho-so\/[^"]+\/tep\/[^"]+)"/.exec(page.body)![1]!;
    expect((await t.app.inject({ url: fileHref, headers: { cookie: desk } })).headers['content-type']).toBe('application/pdf');

    // Receive: the legal clock starts.
    const recv = await act(desk, d.id, 'receive');
    expect(recv.statusCode).toBe(302);
    const received = (await repo.findDossier(s.db, d.id))!;
    expect(received.status).toBe('received');
    expect(received.receivedAt).not.toBeNull();
    expect(received.dueDate).toBe((await s.calendar.calendar()).addWorkingDays(vnIsoDate(received.receivedAt!), 5));

    // A supplement request needs the list of what is missing; the typed text is kept on error.
    const empty = await act(desk, d.id, 'request-supplement', { missingItems: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Vui lòng liệt kê đầy đủ các nội dung cần bổ sung');
    const asked = await act(desk, d.id, 'request-supplement', {
      missingItems: '- Bản sao Giấy chứng nhận an ninh, trật tự có chứng thực\n- Sơ đồ phòng hát ghi rõ diện tích',
    });
    expect(asked.statusCode).toBe(302);
    const waiting = (await repo.findDossier(s.db, d.id))!;
    expect(waiting.status).toBe('supplement_requested');
    expect(waiting.supplementItems).toEqual(['Bản sao Giấy chứng nhận an ninh, trật tự có chứng thực', 'Sơ đồ phòng hát ghi rõ diện tích']);
    expect((await t.app.inject({ url: '/quan-tri/ho-so?tab=cho-bo-sung', headers: { cookie: desk } })).body).toContain(d.code!);

    const citizenView = await t.app.inject({ url: `/ho-so/${d.id}`, headers: { cookie: citizenCookie } });
    expect(citizenView.body).toContain(`href="/ho-so/${d.id}/bo-sung"`);
    expect(citizenView.body).toContain('Yêu cầu bổ sung hồ sơ');

    // A second request while waiting is impossible.
    const again = await act(desk, d.id, 'request-supplement', { missingItems: 'Thêm một giấy tờ' });
    expect(again.statusCode).toBe(409);

    // The citizen supplements online; the clock resumes.
    const supPage = await t.app.inject({ url: `/ho-so/${d.id}/bo-sung`, headers: { cookie: citizenCookie } });
    expect(supPage.body).toContain('Sơ đồ phòng hát ghi rõ diện tích');
    const sup = await csrfFor(t.app, `/ho-so/${d.id}/bo-sung`, citizenCookie);
    const supRes = await form(sup.cookie, `/ho-so/${d.id}/bo-sung`, {
      _csrf: sup.csrf,
      version: versionOf(supPage.body),
      note: 'Đã tải lên bản sao và sơ đồ.',
    });
    expect(supRes.statusCode).toBe(302);
    expect((await repo.findDossier(s.db, d.id))!.status).toBe('received');

    // Once only: even back in the received state, a new supplement request is refused.
    const third = await act(desk, d.id, 'request-supplement', { missingItems: 'Thêm một giấy tờ' });
    expect(third.statusCode).toBe(409);
    expect(third.body).toContain('chỉ được yêu cầu bổ sung một lần');

    // Assign to the specialist of the implementing unit (Phòng Quản lý Văn hóa và Gia đình).
    const chuyenvien = (await findUserByEmail(s.db, 'chuyenvien@vanhien.test'))!;
    const detail = await t.app.inject({ url: `/quan-tri/ho-so/${d.id}`, headers: { cookie: desk } });
    expect(detail.body).toContain(`<option value="${chuyenvien.id}">Lê Văn Chuyên</option>`);
    expect((await act(desk, d.id, 'assign', { assigneeId: chuyenvien.id })).statusCode).toBe(302);

    // The specialist sees it in their unit's queue and passes it to the leader.
    expect((await t.app.inject({ url: '/quan-tri/ho-so?tab=dang-xu-ly', headers: { cookie: specialist } })).body).toContain(d.code!);
    expect((await act(specialist, d.id, 'forward', { forwardNote: 'Đủ điều kiện cấp giấy phép.' })).statusCode).toBe(302);
    // The specialist cannot approve.
    expect((await act(specialist, d.id, 'approve')).statusCode).toBe(403);
    expect((await act(leader, d.id, 'approve')).statusCode).toBe(302);
    expect((await act(desk, d.id, 'return')).statusCode).toBe(302);

    const done = (await repo.findDossier(s.db, d.id))!;
    expect(done.status).toBe('returned');
    expect((await t.app.inject({ url: '/quan-tri/ho-so?tab=da-xong', headers: { cookie: desk } })).body).toContain(d.code!);

    // Form 06: each hand-off with its step result.
    const events = await repo.listEvents(s.db, d.id);
    expect(events.map((e) => e.kind)).toEqual([
      'submitted',
      'received',
      'supplement_requested',
      'supplemented',
      'assigned',
      'forwarded',
      'approved',
      'returned',
    ]);
    const assigned = events.find((e) => e.kind === 'assigned')!;
    expect(assigned.fromStep).toContain('Tiếp nhận');
    expect(assigned.toStep).toBeTruthy();
    expect(assigned.stepResult).toBe('on_time'); // intake has 0 allotted days, done the same day
    expect(events.find((e) => e.kind === 'forwarded')!.stepResult).toBe('early');
    const timeline = await t.app.inject({ url: `/quan-tri/ho-so/${d.id}`, headers: { cookie: desk } });
    expect(timeline.body).toContain('Trước hạn');
    expect(timeline.body).toContain('Lê Văn Chuyên');

    // The citizen downloads the result; the verification page knows it.
    expect((await t.app.inject({ url: `/ho-so/${d.id}`, headers: { cookie: citizenCookie } })).body).toContain(`href="/ho-so/${d.id}/ket-qua.pdf"`);
    const pdf = await t.app.inject({ url: `/ho-so/${d.id}/ket-qua.pdf`, headers: { cookie: citizenCookie } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const result = (await resultOfDossier(s.db, d.id))!;
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(result.sha256);

    const verify = await t.app.inject({ url: `/xac-thuc/${result.id}` });
    expect(verify.statusCode).toBe(200);
    expect(verify.body).toContain(d.code!);
    expect(verify.body).toContain(result.sha256);
    for (const secret of ['Võ Thị Công Dân', '0912345678', '012345678901', 'congdan@vanhien.test']) expect(verify.body).not.toContain(secret);
    const vCsrf = /name="_csrf" value="([^"]+)"|_csrf=([^"&]+)/.exec(verify.body)!;
    const token = decodeURIComponent(vCsrf[1] ?? vCsrf[2]!);
    const vCookie = verify.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const post = (data: Buffer) => {
      const mp = multipart('tep', 'ket-qua.pdf', data);
      return t.app.inject({
        method: 'POST',
        url: `/xac-thuc/${result.id}?_csrf=${encodeURIComponent(token)}`,
        headers: { cookie: vCookie, 'content-type': mp.contentType },
        payload: mp.payload,
      });
    };
    const genuine = await post(pdf.rawPayload);
    expect(genuine.statusCode).toBe(200);
    expect(genuine.body).toContain('Tài liệu hợp lệ');
    const forged = await post(Buffer.concat([pdf.rawPayload, Buffer.from('\n% sửa đổi\n')]));
    expect(forged.body).toContain('Tài liệu không khớp');
    expect(forged.body).not.toContain('Tài liệu hợp lệ');

    // The applicant was told at each step.
    const mail = await s.pool.query(`SELECT subject FROM mail_outbox WHERE to_address = 'congdan@vanhien.test' AND subject LIKE $1 ORDER BY created_at`, [
      `%${d.code}%`,
    ]);
    expect(mail.rows.map((r) => r.subject)).toEqual([
      `Đã nhận hồ sơ ${d.code}`,
      `Hồ sơ ${d.code} đã được tiếp nhận`,
      `Yêu cầu bổ sung hồ sơ ${d.code}`,
      `Đã có kết quả giải quyết hồ sơ ${d.code}`,
    ]);
    const audit = await s.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [d.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'dossier.receive',
        'dossier.requestSupplement',
        'dossier.supplement',
        'dossier.assign',
        'dossier.forward',
        'dossier.approve',
        'dossier.returnResult',
      ]),
    );

    // Form 02 as issued, for the applicant; a notice never issued (Form 03) is not found.
    const form02 = await t.app.inject({ url: `/ho-so/${d.id}/van-ban/02`, headers: { cookie: citizenCookie } });
    expect(form02.statusCode).toBe(200);
    expect(form02.headers['content-type']).toBe('application/pdf');
    expect(form02.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.app.inject({ url: `/ho-so/${d.id}/van-ban/03`, headers: { cookie: citizenCookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/ho-so/${d.id}/van-ban/99`, headers: { cookie: citizenCookie } })).statusCode).toBe(404);
    const own = await t.app.inject({ url: `/ho-so/${d.id}`, headers: { cookie: citizenCookie } });
    expect(own.body).toContain(`/ho-so/${d.id}/van-ban/02`);

    // Satisfaction: once, after the result; a bad choice re-renders the form with the comment kept.
    expect(own.body).toContain('Đánh giá mức độ hài lòng');
    const rate = async (fields: Record<string, string>) => {
      const { csrf, cookie } = await csrfFor(t.app, `/ho-so/${d.id}`, citizenCookie);
      return form(cookie, `/ho-so/${d.id}/danh-gia`, { _csrf: csrf, ...fields });
    };
    const bad = await rate({ rating: 'tuyet-voi', comment: 'Cán bộ hướng dẫn tận tình' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vui lòng chọn mức độ hài lòng.');
    expect(bad.body).toContain('Cán bộ hướng dẫn tận tình');
    expect((await rate({ rating: 'very_satisfied', comment: 'Cán bộ hướng dẫn tận tình' })).statusCode).toBe(302);
    const twice = await rate({ rating: 'not_satisfied' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Bạn đã đánh giá hồ sơ này.');
    const rated = await s.pool.query('SELECT rating, comment FROM dossier_ratings WHERE dossier_id = $1', [d.id]);
    expect(rated.rows).toEqual([{ rating: 'very_satisfied', comment: 'Cán bộ hướng dẫn tận tình' }]);
    // The audit row says a rating was given, never which one.
    const rateAudit = await s.pool.query(`SELECT summary FROM audit_log WHERE entity_id = $1 AND action = 'dossier.rate'`, [d.id]);
    expect(JSON.stringify(rateAudit.rows)).not.toContain('very_satisfied');
    expect((await t.app.inject({ url: `/ho-so/${d.id}`, headers: { cookie: citizenCookie } })).body).toContain('Ông/Bà đã đánh giá:');
  });

  it('takes back the agency-wide read from specialists on databases seeded before unit scoping', async () => {
    const pool = t.platform.services.pool;
    const role = (await pool.query(`SELECT id FROM roles WHERE code = 'chuyen_vien'`)).rows[0].id;
    await pool.query(`INSERT INTO role_permissions (role_id, permission_code) VALUES ($1, 'view:dossier:agency') ON CONFLICT DO NOTHING`, [role]);
    await dossiersModule.seed!(t.platform.services, { demo: true });
    const left = await pool.query(`SELECT permission_code FROM role_permissions WHERE role_id = $1 ORDER BY 1`, [role]);
    expect(left.rows.map((r) => r.permission_code)).not.toContain('view:dossier:agency');
    expect(left.rows.map((r) => r.permission_code)).toContain('view:dossier:unit');
    const audit = await pool.query(`SELECT summary FROM audit_log WHERE action = 'role.revoke' AND entity_id = $1`, [role]);
    expect(audit.rows.at(-1)?.summary).toEqual({ removed: ['view:dossier:agency'] });
  });

  it('keeps internal notes among the officers', async () => {
    const d = await submitted('notes');
    const desk = await login('tiepnhan@vanhien.test');
    const empty = await act(desk, d.id, 'ghi-chu', { noteBody: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Vui lòng nhập nội dung ghi chú.');
    const added = await act(desk, d.id, 'ghi-chu', { noteBody: 'Người nộp hẹn bổ sung bản gốc vào chiều thứ Sáu' });
    expect(added.statusCode).toBe(302);
    const staffPage = await t.app.inject({ url: `/quan-tri/ho-so/${d.id}`, headers: { cookie: desk } });
    expect(staffPage.body).toContain('Người nộp hẹn bổ sung bản gốc vào chiều thứ Sáu');
    const citizenCookie = await login('congdan@vanhien.test');
    const own = await t.app.inject({ url: `/ho-so/${d.id}`, headers: { cookie: citizenCookie } });
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('hẹn bổ sung bản gốc');
  });

  it('refuses with reasons (input kept on error) and mails the applicant', async () => {
    const d = await submitted('refuse');
    const desk = await login('tiepnhan@vanhien.test');
    const bad = await act(desk, d.id, 'refuse', { refuseReason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vui lòng nêu rõ lý do từ chối.');
    // Refusing ends the dossier: the first POST only shows a confirmation page, nothing changes.
    const ask = await act(desk, d.id, 'refuse', { refuseReason: 'Thủ tục không thuộc thẩm quyền giải quyết của Sở.' });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Xác nhận từ chối tiếp nhận');
    expect(ask.body).toContain('name="confirm" value="1"');
    expect((await repo.findDossier(t.platform.services.db, d.id))!.status).toBe('submitted');
    const ok = await act(desk, d.id, 'refuse', { refuseReason: 'Thủ tục không thuộc thẩm quyền giải quyết của Sở.', confirm: '1' });
    expect(ok.statusCode).toBe(302);
    expect((await repo.findDossier(t.platform.services.db, d.id))!.status).toBe('refused');
    const mail = await t.platform.services.pool.query(`SELECT text_body FROM mail_outbox WHERE subject = $1`, [`Từ chối tiếp nhận hồ sơ ${d.code}`]);
    expect(mail.rows[0].text_body).toContain('không thuộc thẩm quyền');
    // A refused dossier can no longer be received.
    expect((await act(desk, d.id, 'receive')).statusCode).toBe(409);
  });

  it('lets the unit head assign in his unit only, names who acts next, and counts the work on the staff home', async () => {
    const d = await submitted('head');
    const chuyenvien = (await findUserByEmail(t.platform.services.db, 'chuyenvien@vanhien.test'))!;
    const desk = await login('tiepnhan@vanhien.test');
    const head = await login('truongphong.qlvh@vanhien.test');
    const otherHead = await login('truongphong.qldl@vanhien.test');
    expect((await act(desk, d.id, 'receive')).statusCode).toBe(302);
    // The staff home of the QLVH head opens on what he must assign, with its count and link.
    const home = await t.app.inject({ url: '/quan-tri', headers: { cookie: head } });
    expect(home.body).toMatch(/aria-current="page"[^>]*>Hồ sơ chờ phân công <span class="vh-tabs__count">\(\d+\)<\/span>/);
    expect(home.body).toContain(`href="/quan-tri/ho-so/${d.id}"`);
    // Another unit's head neither sees the dossier nor may assign it.
    expect((await t.app.inject({ url: `/quan-tri/ho-so/${d.id}`, headers: { cookie: otherHead } })).statusCode).toBe(404);
    const page = await t.app.inject({ url: `/quan-tri/ho-so/${d.id}`, headers: { cookie: head } });
    expect(page.body).toContain('Bước tiếp theo:');
    expect(page.body).toContain('Chờ trưởng đơn vị (Phòng Quản lý Văn hóa và Gia đình)');
    expect(page.body).toContain(`<option value="${chuyenvien.id}">Lê Văn Chuyên</option>`);
    const assigned = await act(head, d.id, 'assign', { assigneeId: chuyenvien.id });
    expect(assigned.statusCode).toBe(302);
    const after = await t.app.inject({ url: `/quan-tri/ho-so/${d.id}`, headers: { cookie: head } });
    expect(after.body).toContain('Chờ chuyên viên Lê Văn Chuyên thẩm định');
    expect((await repo.findDossier(t.platform.services.db, d.id))!.stepRole).toBe('chuyen_vien');
    const specialistHome = await t.app.inject({ url: '/quan-tri', headers: { cookie: await login('chuyenvien@vanhien.test') } });
    expect(specialistHome.body).toContain(`href="/quan-tri/ho-so/${d.id}"`);
  });

  it('says so when the unit has nobody to assign, and what to do', async () => {
    const d = await submitted('nobody');
    const desk = await login('tiepnhan@vanhien.test');
    expect((await act(desk, d.id, 'receive')).statusCode).toBe(302);
    // Every QLVH assignment ends: nobody of the unit may process dossiers any more.
    await t.platform.services.pool.query(
      `UPDATE role_assignments SET valid_to = '2020-01-01' WHERE unit_id = (SELECT id FROM units WHERE code = 'QLVH') AND valid_to IS NULL`,
    );
    try {
      const page = await t.app.inject({ url: `/quan-tri/ho-so/${d.id}`, headers: { cookie: desk } });
      expect(page.body).toContain('chưa có chuyên viên hay trưởng phòng nào được giao quyền xử lý hồ sơ');
      expect(page.body).toContain('Đề nghị quản trị hệ thống giao vai trò');
      expect(page.body).not.toContain(`/quan-tri/ho-so/${d.id}/assign`);
    } finally {
      await t.platform.services.pool.query(
        `UPDATE role_assignments SET valid_to = NULL WHERE unit_id = (SELECT id FROM units WHERE code = 'QLVH') AND valid_to = '2020-01-01'`,
      );
    }
  });

  it('lets exactly one of two officers receive the same version; the other gets 409', async () => {
    const d = await submitted('race');
    const results = await Promise.allSettled([
      receiveDossier(ctx(officer), d.id, { version: d.version }),
      receiveDossier(ctx(officer), d.id, { version: d.version }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: 'CORE-409', status: 409 });
    const events = await repo.listEvents(t.platform.services.db, d.id);
    expect(events.filter((e) => e.kind === 'received')).toHaveLength(1);

    // Through the page: a stale form answers 409 and shows the dossier as it is now.
    const desk = await login('tiepnhan@vanhien.test');
    const { csrf, cookie } = await csrfFor(t.app, `/quan-tri/ho-so/${d.id}`, desk);
    const stale = await form(cookie, `/quan-tri/ho-so/${d.id}/stop`, { _csrf: csrf, version: String(d.version), stopReason: 'Người nộp xin rút hồ sơ.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Dữ liệu đã được người khác thay đổi');
    expect(stale.body).toContain('Đã tiếp nhận');
  });

  it('moves the due date by the working days of the supplement pause on the 2026 calendar', async () => {
    // Received Wed 22/04/2026: 5 working days skip the Hùng Kings' day off (Mon 27/04), 30/04 and
    // 01/05 → due Mon 04/05. Paused Fri 24/04 → Tue 05/05: 4 working days (28, 29/04, 04, 05/05).
    const d = await submitted('pause', new Date('2026-04-22T01:00:00Z'));
    const r = await receiveDossier(ctx(officer), d.id, { version: d.version }, { now: new Date('2026-04-22T02:00:00Z') });
    expect(r.dueDate).toBe('2026-05-04');
    const q = await requestSupplement(ctx(officer), d.id, { version: r.version, missingItems: ['Sơ đồ phòng hát'] }, { now: new Date('2026-04-24T03:00:00Z') });
    const s = await supplementDossier(ctx(citizen), d.id, { version: q.version, note: 'Đã bổ sung' }, { now: new Date('2026-05-05T03:00:00Z') });
    expect(s.status).toBe('received');
    expect(s.dueDate).toBe('2026-05-08');

    // Due 08/05/2026 and still open: today it sits in the overdue queue, not in "due soon".
    const desk = await login('tiepnhan@vanhien.test');
    const overdue = await t.app.inject({ url: '/quan-tri/ho-so?tab=qua-han', headers: { cookie: desk } });
    expect(overdue.body).toContain(d.code!);
    expect(overdue.body).toContain('08/05/2026');
    expect((await t.app.inject({ url: '/quan-tri/ho-so?tab=sap-den-han', headers: { cookie: desk } })).body).not.toContain(d.code!);

    // Asked to supplement at intake: the clock starts when the applicant answers.
    const e = await submitted('pause-intake', new Date('2026-04-22T01:00:00Z'));
    const q2 = await requestSupplement(
      ctx(officer),
      e.id,
      { version: e.version, missingItems: ['Bản sao có chứng thực'] },
      { now: new Date('2026-04-23T03:00:00Z') },
    );
    const s2 = await supplementDossier(ctx(citizen), e.id, { version: q2.version }, { now: new Date('2026-04-28T03:00:00Z') });
    expect(s2.receivedAt).toEqual(new Date('2026-04-28T03:00:00Z'));
    expect(s2.dueDate).toBe('2026-05-07'); // 28/04 + 5 working days: 29/04, 04, 05, 06, 07/05
    // Another citizen's or a wrong-state supplement is impossible.
    await expect(supplementDossier(ctx(citizen), e.id, { version: s2.version })).rejects.toMatchObject({ code: 'DOSSIER-201' });
  });

  it('shows a specialist only the dossiers of their unit’s procedures', async () => {
    const s = t.platform.services;
    const d = await submitted('scope');
    // A dossier of a procedure implemented by another unit (sports), inserted directly.
    const other = (await s.pool.query(`SELECT p.code FROM procedures p JOIN procedure_versions v ON v.procedure_id = p.id WHERE v.unit_code <> 'QLVH' LIMIT 1`))
      .rows[0].code as string;
    const proc = (await findCurrentByCode(s.db, other, vnIsoDate()))!;
    const foreign = await repo.insertDossier(s.db, {
      procedureVersionId: proc.id,
      procedureCode: proc.code,
      applicantId: citizen.userId!,
      answers: { fullName: 'Người khác' },
    });
    await s.db.update(dossiers).set({ status: 'submitted', code: 'SCOPE-TEST-0001', submittedAt: new Date() }).where(eq(dossiers.id, foreign.id));
    const specialist = await login('chuyenvien@vanhien.test');
    const desk = await login('tiepnhan@vanhien.test');
    const mine = await t.app.inject({ url: '/quan-tri/ho-so?tab=moi', headers: { cookie: specialist } });
    expect(mine.body).toContain(d.code!);
    expect(mine.body).not.toContain('SCOPE-TEST-0001');
    expect((await t.app.inject({ url: `/quan-tri/ho-so/${foreign.id}`, headers: { cookie: specialist } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/quan-tri/ho-so?tab=moi', headers: { cookie: desk } })).body).toContain('SCOPE-TEST-0001');
    // The specialist holds no desk permission: receiving is forbidden.
    expect((await act(specialist, d.id, 'receive')).statusCode).toBe(403);
  });
});
