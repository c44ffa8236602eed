import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM, type Actor } from '../../../core/auth/actor.js';
import { createUser } from '../../../core/identity/identity.commands.js';
import { findUserByEmail } from '../../../core/identity/identity.repository.js';
import { vnIsoDate } from '../../../core/validation.js';
import { findCurrentByCode } from '../../procedures/procedures.repository.js';
import { ALLOWED_TYPES, attachFile, createDraftFromApi, submitDossier } from '../dossiers.commands.js';
import { DEFAULT_DOSSIER_CODE_FORMAT, formatDossierCode } from '../dossiers.code.js';
import * as repo from '../dossiers.repository.js';

const KARAOKE = 'DEMO.000101';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode');

const STEP1 = {
  fullName: 'Võ Thị Công Dân',
  idNumber: '012345678901',
  phone: '0912345678',
  email: 'congdan@vanhien.test',
  address: '12 Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh',
  applicantType: 'ca-nhan',
};
const STEP2 = {
  businessName: 'Hộ kinh doanh Karaoke Sao Mai',
  taxCode: '0101234567',
  venueAddress: '34 Hai Bà Trưng, phường Sài Gòn',
  areaType: 'do-thi',
  roomCount: '3',
  roomAreas: 'Phòng 1 – 24 m²; Phòng 2 – 30 m²; Phòng 3 – 22 m²',
};
const STEP3 = { commitGlassDoor: 'true', commitConditions: 'true', commitTruthful: 'true', consentPersonalData: 'true' };
const ANSWERS = { ...STEP1, ...STEP2, ...STEP3 };

function multipart(parts: { field: string; filename: string; data: Buffer; type?: string }[]) {
  const boundary = `----vanhien${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/pdf'}\r\n\r\n`,
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('dossiers: online filing, submission, receipt, tracking', () => {
  let t: TestPlatform;
  let citizen: Actor;
  beforeAll(async () => {
    t = await startTestPlatform();
    const u = (await findUserByEmail(t.platform.services.db, 'congdan@vanhien.test'))!;
    citizen = { userId: u.id, label: u.fullName, kind: 'citizen', email: u.email, grants: [] };
  });
  afterAll(async () => t?.close());

  const ctx = (actor: Actor) => ({ services: t.platform.services, actor });
  const form = (cookie: string, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;

  /** A complete draft with one file per required document, made through the commands. */
  async function readyDraft(actor: Actor, key: string) {
    const { dossier } = await createDraftFromApi(ctx(actor), { procedureCode: KARAOKE, answers: ANSWERS, idempotencyKey: key });
    for (let i = 0; i < 3; i++) await attachFile(ctx(actor), dossier.id, i, { data: PDF, originalName: `giay-to-${i + 1}.pdf` });
    return dossier;
  }

  it('formats codes from a configurable pattern and never stops at 4 digits', () => {
    expect(formatDossierCode(DEFAULT_DOSSIER_CODE_FORMAT, { agency: '000.00.12.H12', day: '2026-02-13', seq: 7 })).toBe('000.00.12.H12-260213-0007');
    expect(formatDossierCode(DEFAULT_DOSSIER_CODE_FORMAT, { agency: 'X', day: '2026-02-13', seq: 12345 })).toBe('X-260213-12345');
    expect(formatDossierCode('{agency}/{yyyymmdd}/{seq:6}', { agency: 'A', day: '2027-01-05', seq: 3 })).toBe('A/20270105/000003');
  });

  it('files through the pages without JavaScript: prefill, validation, save and resume, upload, check, submit once', async () => {
    const anon = await t.app.inject({ url: `/thu-tuc/${KARAOKE}/nop` });
    expect(anon.statusCode).toBe(302);
    expect(anon.headers.location).toBe(`/dang-nhap?next=${encodeURIComponent(`/thu-tuc/${KARAOKE}/nop`)}`);

    const staff = await loginCookies(t.app, 'tiepnhan@vanhien.test');
    expect((await t.app.inject({ url: `/thu-tuc/${KARAOKE}/nop`, headers: { cookie: staff } })).statusCode).toBe(403);

    const login = await loginCookies(t.app, 'congdan@vanhien.test');
    const start = await t.app.inject({ url: `/thu-tuc/${KARAOKE}/nop`, headers: { cookie: login } });
    expect(start.statusCode).toBe(302);
    const m = /^\/ho-so\/([0-9a-f-]{36})\/buoc\/1$/.exec(String(start.headers.location));
    expect(m).not.toBeNull();
    const id = m![1]!;
    const base = `/ho-so/${id}`;

    // Step 1: once-only prefill from the account; a same-step follow-up stays hidden without
    // JavaScript (it is asked on the next page when needed: test/e2e/eform.test.ts).
    const { csrf, cookie } = await csrfFor(t.app, `${base}/buoc/1`, login);
    const step1 = await t.app.inject({ url: `${base}/buoc/1`, headers: { cookie } });
    expect(step1.body).toContain('value="Võ Thị Công Dân"');
    expect(step1.body).toContain('value="0912345678"');
    expect(step1.body).toMatch(/<div class="vh-conditional"[^>]*hidden[^>]*>/);
    expect(step1.body).toMatch(/<fieldset[^>]*>\s*<legend class="vh-label">Nộp hồ sơ với tư cách<\/legend>/);

    const bad = await form(cookie, `${base}/buoc/1`, {
      _csrf: csrf,
      version: versionOf(step1.body),
      action: 'next',
      ...STEP1,
      idNumber: '123',
      address: 'Địa chỉ giữ lại',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Có lỗi cần sửa');
    expect(bad.body).toContain('Số định danh cá nhân không đúng định dạng.');
    expect(bad.body).toContain('value="Địa chỉ giữ lại"');
    expect(bad.body).toContain('value="123"');

    const ok1 = await form(cookie, `${base}/buoc/1`, {
      _csrf: csrf,
      version: versionOf(step1.body),
      action: 'next',
      ...STEP1,
      organisationName: 'Bị bỏ vì không áp dụng',
    });
    expect(ok1.statusCode).toBe(302);
    expect(ok1.headers.location).toBe(`${base}/buoc/2`);
    const saved1 = (await repo.findDossier(t.platform.services.db, id))!;
    expect(saved1.answers.organisationName).toBeUndefined();

    // Save and exit half-way through step 2, with an invalid number kept as typed; then resume.
    const step2 = await t.app.inject({ url: `${base}/buoc/2`, headers: { cookie } });
    const exit = await form(cookie, `${base}/buoc/2`, {
      _csrf: csrf,
      version: versionOf(step2.body),
      action: 'save',
      businessName: STEP2.businessName,
      roomCount: 'ba',
    });
    expect(exit.statusCode).toBe(302);
    expect(exit.headers.location).toBe('/ho-so');
    const list = await t.app.inject({ url: '/ho-so', headers: { cookie } });
    expect(list.body).toContain('Tiếp tục');
    expect(list.body).toContain('Bản nháp');
    const resume = await t.app.inject({ url: `${base}/tiep-tuc`, headers: { cookie } });
    expect(resume.headers.location).toBe(`${base}/buoc/2`);
    const again2 = await t.app.inject({ url: `${base}/buoc/2`, headers: { cookie } });
    expect(again2.body).toContain(`value="${STEP2.businessName}"`);
    expect(again2.body).toContain('value="ba"');
    // A stale version (another tab saved meanwhile) is a conflict, not a silent overwrite.
    const stale = await form(cookie, `${base}/buoc/2`, { _csrf: csrf, version: versionOf(step2.body), action: 'next', ...STEP2 });
    expect(stale.statusCode).toBe(409);
    const ok2 = await form(cookie, `${base}/buoc/2`, { _csrf: csrf, version: versionOf(again2.body), action: 'next', ...STEP2 });
    expect(ok2.headers.location).toBe(`${base}/buoc/3`);

    const step3 = await t.app.inject({ url: `${base}/buoc/3`, headers: { cookie } });
    expect(step3.body).toContain('type="checkbox"');
    expect(step3.body).not.toMatch(/type="checkbox"[^>]*checked/);
    const ok3 = await form(cookie, `${base}/buoc/3`, { _csrf: csrf, version: versionOf(step3.body), action: 'next', ...STEP3 });
    expect(ok3.headers.location).toBe(`${base}/giay-to`);

    // Attachments: a good PDF with a hostile name is kept under a safe name; a renamed exe is refused.
    const page = await t.app.inject({ url: `${base}/giay-to`, headers: { cookie } });
    expect(page.body).toContain('enctype="multipart/form-data"');
    const up = multipart([
      { field: 'file_0', filename: '../../x.pdf', data: PDF },
      { field: 'file_1', filename: 'hoso.pdf', data: EXE },
    ]);
    const upRes = await t.app.inject({
      method: 'POST',
      url: `${base}/giay-to?_csrf=${encodeURIComponent(csrf)}`,
      headers: { cookie, 'content-type': up.contentType },
      payload: up.payload,
    });
    expect(upRes.statusCode).toBe(400);
    expect(upRes.body).toContain('Tệp “hoso.pdf” không được nhận: Loại tệp không được chấp nhận. Chỉ nhận: PDF, JPEG, PNG.');
    expect(upRes.body).toContain('Đã nhận 1 tệp.');
    const files = await repo.listFiles(t.platform.services.db, id);
    expect(files.map((f) => [f.documentIndex, f.originalName])).toEqual([[0, 'x.pdf']]);

    // Without all documents the check page says what is missing and submission is refused.
    const check0 = await t.app.inject({ url: `${base}/kiem-tra`, headers: { cookie } });
    expect(check0.body).toContain('Chưa đính kèm');
    const key0 = /name="idempotencyKey" value="([^"]+)"/.exec(check0.body)![1]!;
    const refused = await form(cookie, `${base}/nop`, { _csrf: csrf, idempotencyKey: key0 });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Giấy chứng nhận đủ điều kiện về an ninh, trật tự');

    const up2 = multipart([
      { field: 'file_1', filename: 'an-ninh.pdf', data: PDF },
      { field: 'file_2', filename: 'pccc.pdf', data: PDF },
    ]);
    const up2Res = await t.app.inject({
      method: 'POST',
      url: `${base}/giay-to?_csrf=${encodeURIComponent(csrf)}`,
      headers: { cookie, 'content-type': up2.contentType },
      payload: up2.payload,
    });
    expect(up2Res.statusCode).toBe(302);
    // Without the token in the query string the upload is refused (CSRF).
    const noCsrf = await t.app.inject({ method: 'POST', url: `${base}/giay-to`, headers: { cookie, 'content-type': up2.contentType }, payload: up2.payload });
    expect(noCsrf.statusCode).toBe(403);

    const check = await t.app.inject({ url: `${base}/kiem-tra`, headers: { cookie } });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain(`href="${base}/buoc/2#f-roomCount"`);
    expect(check.body).toContain('Thành phố, thị xã thuộc tỉnh');
    expect(check.body).toContain('x.pdf');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)![1]!;

    const sub = await form(cookie, `${base}/nop`, { _csrf: csrf, idempotencyKey: key });
    expect(sub.statusCode).toBe(302);
    expect(sub.headers.location).toBe(base);
    const first = (await repo.findDossier(t.platform.services.db, id))!;
    expect(first.status).toBe('submitted');
    expect(first.code).toMatch(/^000\.00\.12\.H12-\d{6}-\d{4,}$/);
    expect(first.code).toContain(`-${vnIsoDate().slice(2).replace(/-/g, '')}-`);

    // Double click / refresh: the same key gives the same dossier and no second code.
    const twice = await form(cookie, `${base}/nop`, { _csrf: csrf, idempotencyKey: key });
    expect(twice.statusCode).toBe(302);
    expect((await repo.findDossier(t.platform.services.db, id))!.code).toBe(first.code);
    const other = await form(cookie, `${base}/nop`, { _csrf: csrf, idempotencyKey: crypto.randomUUID() });
    expect(other.statusCode).toBe(409);
    expect(other.body).toContain('Hồ sơ này đã được nộp trước đó');

    const view = await t.app.inject({ url: base, headers: { cookie } });
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain(first.code!);
    expect(view.body).toContain('Đã nộp, chờ tiếp nhận');
    expect(view.body).toContain('Nộp hồ sơ trực tuyến');

    const pdf = await t.app.inject({ url: `${base}/giay-tiep-nhan.pdf`, headers: { cookie } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The document's Title (in the uncompressed Info dictionary) is the dossier code.
    expect(pdf.rawPayload.toString('latin1')).toContain(`(${first.code})`);

    const mail = await t.platform.services.pool.query(`SELECT to_address, subject FROM mail_outbox WHERE subject LIKE $1`, [`%${first.code}%`]);
    expect(mail.rows).toEqual([{ to_address: 'congdan@vanhien.test', subject: `Đã nhận hồ sơ ${first.code}` }]);
    const audit = await t.platform.services.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'dossier.submit'`, [id]);
    expect(audit.rowCount).toBe(1);

    // The intake officer (view:dossier:agency) may read it and its receipt.
    expect((await t.app.inject({ url: base, headers: { cookie: staff } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `${base}/giay-tiep-nhan.pdf`, headers: { cookie: staff } })).statusCode).toBe(200);

    // Public tracking: status and dates, never the name, phone, email or ID number.
    const anonPage = await t.app.inject({ url: `/tra-cuu?ma=${encodeURIComponent(first.code!)}` });
    expect(anonPage.body).toContain(`value="${first.code}"`);
    const anonCsrf = /name="_csrf" value="([^"]+)"/.exec(anonPage.body)![1]!;
    const anonCookie = anonPage.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const track = (ma: string, lienHe: string) => form(anonCookie, '/tra-cuu', { _csrf: anonCsrf, ma, lienHe });
    const found = await track(first.code!, '0912 345 678');
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Đã nộp, chờ tiếp nhận');
    expect(found.body).toContain('Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke');
    // Who holds it is a role, never an officer's name.
    expect(found.body).toContain('Bộ phận đang xử lý');
    expect(found.body).toContain('Bộ phận tiếp nhận và trả kết quả');
    for (const secret of ['Võ Thị Công Dân', '0912345678', '0912 345 678', '012345678901', 'congdan@vanhien.test']) expect(found.body).not.toContain(secret);
    expect((await track(first.code!, '012345678901')).statusCode).toBe(200);
    const wrongPhone = await track(first.code!, '0999999999');
    const unknown = await track('000.00.12.H12-991231-0001', '0912345678');
    expect(wrongPhone.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const msg = (html: string) => /<div class="vh-error-summary"[\s\S]*?<\/div>/.exec(html)![0];
    expect(msg(wrongPhone.body)).toBe(msg(unknown.body));
    expect(msg(unknown.body)).toContain('Không tìm thấy hồ sơ');
  });

  it('another citizen cannot read the dossier, its receipt or its files, by id or by code', async () => {
    const d = await readyDraft(citizen, 'isolation-create');
    const { dossier } = await submitDossier(ctx(citizen), d.id, 'isolation-submit');
    const fileId = (await repo.listFiles(t.platform.services.db, d.id))[0]!.id;
    await createUser(ctx(SYSTEM), { email: 'nguoikhac@vanhien.test', fullName: 'Lý Văn Khác', kind: 'citizen', password: 'Khac#Biet2026' });
    const other = await loginCookies(t.app, 'nguoikhac@vanhien.test', 'Khac#Biet2026');
    for (const url of [
      `/ho-so/${d.id}`,
      `/ho-so/${d.id}/giay-tiep-nhan.pdf`,
      `/ho-so/${d.id}/tep/${fileId}`,
      `/ho-so/${d.id}/kiem-tra`,
      `/ho-so/${d.id}/buoc/1`,
    ]) {
      const res = await t.app.inject({ url, headers: { cookie: other } });
      expect([403, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain('Võ Thị Công Dân');
    }
    const tok = (
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'nguoikhac@vanhien.test', password: 'Khac#Biet2026' } })
    ).json().token as string;
    const byCode = await t.app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(dossier.code!)}`, headers: { authorization: `Bearer ${tok}` } });
    expect(byCode.statusCode).toBe(404);
    expect(byCode.headers['content-type']).toContain('problem+json');
    const pdf = await t.app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(dossier.code!)}/documents/01`, headers: { authorization: `Bearer ${tok}` } });
    expect(pdf.statusCode).toBe(404);
    const owner = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'congdan@vanhien.test', password: 'Demo@2026' } });
    const mine = await t.app.inject({
      url: `/api/v1/dossiers/${encodeURIComponent(dossier.code!)}`,
      headers: { authorization: `Bearer ${owner.json().token}` },
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ code: dossier.code, status: 'submitted', procedureCode: KARAOKE });
  });

  it('accepts a multi-megabyte scan and refuses a file over 10 MB with a clear message, keeping the rest', async () => {
    const cookie0 = await loginCookies(t.app, 'congdan@vanhien.test');
    const { dossier } = await createDraftFromApi(ctx(citizen), { procedureCode: KARAOKE, answers: ANSWERS, idempotencyKey: 'size-create' });
    const url = `/ho-so/${dossier.id}/giay-to`;
    const { csrf, cookie } = await csrfFor(t.app, url, cookie0);
    const scan = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024, 32)]);
    const huge = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 32)]);
    const body = multipart([
      { field: 'file_0', filename: 'ban-quet.pdf', data: scan },
      { field: 'file_1', filename: 'qua-lon.pdf', data: huge },
      { field: 'file_2', filename: 'pccc.pdf', data: PDF },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `${url}?_csrf=${encodeURIComponent(csrf)}`,
      headers: { cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Tệp “qua-lon.pdf” quá lớn: tối đa 10 MB.');
    const files = await repo.listFiles(t.platform.services.db, dossier.id);
    expect(files.map((f) => f.originalName)).toEqual(['ban-quet.pdf', 'pccc.pdf']);
    expect((await repo.findDossier(t.platform.services.db, dossier.id))!.status).toBe('draft');
  });

  it('the JSON API creates a draft and submits it, both idempotent', async () => {
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'congdan@vanhien.test', password: 'Demo@2026' } })).json()
      .token as string;
    const auth = { authorization: `Bearer ${token}` };
    const noKey = await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: auth, payload: { procedureCode: KARAOKE, answers: ANSWERS } });
    expect(noKey.statusCode).toBe(400);
    const invalid = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...auth, 'idempotency-key': 'api-key-invalid' },
      payload: { procedureCode: KARAOKE, answers: { ...ANSWERS, roomCount: 0 } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors).toEqual([{ field: 'roomCount', message: 'Số phòng hát phải từ 1 trở lên.' }]);
    const h = { ...auth, 'idempotency-key': 'api-key-create-0001' };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: h,
      payload: { procedureCode: KARAOKE, answers: { ...ANSWERS, roomCount: 3, commitTruthful: true } },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().status).toBe('draft');
    const replay = await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: h, payload: { procedureCode: KARAOKE, answers: ANSWERS } });
    expect(replay.json().id).toBe(created.json().id);
    const id = created.json().id as string;

    const early = await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/submit`, headers: { ...auth, 'idempotency-key': 'api-key-submit-0001' } });
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe('DOSSIER-101');
    expect(early.json().detail).toContain('Chưa đính kèm');
    for (let i = 0; i < 3; i++) await attachFile(ctx(citizen), id, i, { data: PDF, originalName: 'a.pdf' });
    const sub = await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/submit`, headers: { ...auth, 'idempotency-key': 'api-key-submit-0001' } });
    expect(sub.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/submit`, headers: { ...auth, 'idempotency-key': 'api-key-submit-0001' } });
    expect(again.json().code).toBe(sub.json().code);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const conflict = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/submit`,
      headers: { ...auth, 'idempotency-key': 'api-key-submit-0002' },
    });
    expect(conflict.statusCode).toBe(409);
    const pdf = await t.app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(sub.json().code)}/documents/01`, headers: auth });
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('sets the appointment date on the real 2026 calendar: Friday 13/02/2026 + 5 working days skips Tết', async () => {
    const d = await readyDraft(citizen, 'tet-create');
    const { dossier } = await submitDossier(ctx(citizen), d.id, 'tet-submit', { now: new Date('2026-02-13T02:30:00Z') });
    expect(dossier.dueDate).toBe('2026-02-27');
    expect(dossier.code).toBe('000.00.12.H12-260213-0001');
    // A file cannot be added once the dossier is submitted.
    await expect(attachFile(ctx(citizen), d.id, 0, { data: PDF, originalName: 'muon.pdf' })).rejects.toMatchObject({ code: 'DOSSIER-102' });
  });

  it('gives 200 concurrent submissions 200 distinct, gapless codes', { timeout: 180_000 }, async () => {
    const s = t.platform.services;
    const proc = (await findCurrentByCode(s.db, KARAOKE, vnIsoDate()))!;
    const stored = await s.files.save(s.db, { data: PDF, originalName: 'chung.pdf', allowed: ALLOWED_TYPES, createdBy: citizen.userId });
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const d = await repo.insertDossier(s.db, {
        procedureVersionId: proc.id,
        procedureCode: proc.code,
        applicantId: citizen.userId!,
        answers: ANSWERS,
        currentStep: 4,
      });
      for (let doc = 0; doc < 3; doc++)
        await repo.insertFile(s.db, { dossierId: d.id, documentIndex: doc, storedFileId: stored.id, originalName: 'chung.pdf' });
      ids.push(d.id);
    }
    const now = new Date('2026-03-02T03:00:00Z');
    const results = await Promise.all(ids.map((id, i) => submitDossier(ctx(citizen), id, `bulk-${i}`, { now })));
    const codes = results.map((r) => r.dossier.code!).sort();
    expect(new Set(codes).size).toBe(200);
    expect(codes).toEqual(Array.from({ length: 200 }, (_, i) => `000.00.12.H12-260302-${String(i + 1).padStart(4, '0')}`));
    expect(results.every((r) => r.dossier.dueDate === '2026-03-09')).toBe(true);
  });
});
