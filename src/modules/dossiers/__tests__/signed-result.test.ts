import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import type { Actor } from '../../../core/auth/actor.js';
import { findUserByEmail } from '../../../core/identity/identity.repository.js';
import { attachFile, createDraftFromApi, submitDossier } from '../dossiers.commands.js';
import { returnResult } from '../dossiers.processing.js';
import * as repo from '../dossiers.repository.js';

/** Issue 18, done-when without fees: approve → signed result → download → pdfsig → /xac-thuc. */
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
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-signed-'));

describe('a signed electronic result', () => {
  let t: TestPlatform;
  let citizen: Actor;
  beforeAll(async () => {
    t = await startTestPlatform();
    const u = (await findUserByEmail(t.platform.services.db, 'congdan@vanhien.test'))!;
    citizen = { userId: u.id, label: u.fullName, kind: 'citizen', email: u.email, grants: [] };
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await t?.close();
  });

  async function act(cookie0: string, id: string, action: string, fields: Record<string, string> = {}) {
    const { csrf, cookie } = await csrfFor(t.app, `/quan-tri/ho-so/${id}`, cookie0);
    const version = String((await repo.findDossier(t.platform.services.db, id))!.version);
    return t.app.inject({
      method: 'POST',
      url: `/quan-tri/ho-so/${id}/${action}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, version, ...fields }).toString(),
    });
  }
  async function upload(url: string, data: Buffer) {
    const page = await t.app.inject({ url });
    const m = /_csrf=([^"&]+)/.exec(page.body)!;
    const boundary = '----vhsigned';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="tep"; filename="ket-qua.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: `${url}?_csrf=${m[1]}`,
      headers: { cookie: page.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  }

  it('is signed at issue, verifies with pdfsig and on /xac-thuc, and is refused when signing is unavailable', { timeout: 90_000 }, async () => {
    const s = t.platform.services;
    const ctx = { services: s, actor: citizen };
    const { dossier } = await createDraftFromApi(ctx, { procedureCode: 'DEMO.000101', answers: ANSWERS, idempotencyKey: 'signed-create' });
    for (let i = 0; i < 3; i++) await attachFile(ctx, dossier.id, i, { data: UPLOAD, originalName: `giay-to-${i + 1}.pdf` });
    const d = (await submitDossier(ctx, dossier.id, 'signed-submit')).dossier;
    const desk = await loginCookies(t.app, 'tiepnhan@vanhien.test');
    const specialist = await loginCookies(t.app, 'chuyenvien@vanhien.test');
    const leader = await loginCookies(t.app, 'lanhdao@vanhien.test');
    expect((await act(desk, d.id, 'receive')).statusCode).toBe(302);
    const chuyenvien = (await findUserByEmail(s.db, 'chuyenvien@vanhien.test'))!;
    expect((await act(desk, d.id, 'assign', { assigneeId: chuyenvien.id })).statusCode).toBe(302);
    expect((await act(specialist, d.id, 'forward', { forwardNote: 'Đủ điều kiện.' })).statusCode).toBe(302);
    expect((await act(leader, d.id, 'approve')).statusCode).toBe(302);

    // A wrong P12 password: nothing is issued, the dossier stays approved, the officer is told why.
    const o = (await findUserByEmail(s.db, 'tiepnhan@vanhien.test'))!;
    const { grantsForUser } = await import('../../../core/org/org.repository.js');
    const { vnIsoDate } = await import('../../../core/validation.js');
    const officer: Actor = { userId: o.id, label: o.fullName, kind: 'staff', email: o.email, grants: await grantsForUser(s.db, o.id, vnIsoDate()) };
    const broken = { ...s, config: { ...s.config, signing: { p12Path: path.join(tmp, 'missing.p12'), p12Password: 'x', tsaUrl: undefined } } };
    const version = (await repo.findDossier(s.db, d.id))!.version;
    await expect(returnResult({ services: broken, actor: officer }, d.id, { version })).rejects.toMatchObject({ code: 'SIGN-503' });
    expect((await repo.findDossier(s.db, d.id))!.status).toBe('approved');

    expect((await act(desk, d.id, 'return')).statusCode).toBe(302);
    const citizenCookie = await loginCookies(t.app, 'congdan@vanhien.test');
    const res = await t.app.inject({ url: `/ho-so/${d.id}/ket-qua.pdf`, headers: { cookie: citizenCookie } });
    expect(res.statusCode).toBe(200);
    const pdf = res.rawPayload;
    const file = path.join(tmp, 'ket-qua.pdf');
    fs.writeFileSync(file, pdf);
    const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);

    const ok = await upload('/xac-thuc', pdf);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Chữ ký số hợp lệ — văn bản không bị thay đổi sau khi ký');
    expect(ok.body).toContain('Trùng khớp với văn bản đã phát hành');
    expect(ok.body).toContain(d.code!);
    expect(ok.body).not.toContain('Võ Thị Công Dân');

    const bad = Buffer.from(pdf);
    const at = bad.indexOf('stream') + 30;
    bad[at] = bad[at]! ^ 0x01;
    const tampered = await upload('/xac-thuc', bad);
    expect(tampered.body).toContain('Chữ ký số KHÔNG hợp lệ');
    expect(tampered.body).toContain('Không tìm thấy văn bản trùng khớp');
    fs.writeFileSync(file, bad);
    expect(spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout).not.toContain('Signature is Valid.');
  });
});
