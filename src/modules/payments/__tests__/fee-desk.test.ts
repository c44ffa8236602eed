import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import type { Actor } from '../../../core/auth/actor.js';
import { findUserByEmail } from '../../../core/identity/identity.repository.js';
import { vnIsoDate } from '../../../core/validation.js';
import { attachFile, createDraftFromApi, submitDossier } from '../../dossiers/dossiers.commands.js';
import { feeStatistics } from '../index.js';
import { receiptPdf } from '../payments.commands.js';

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
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-fee-desk-'));

/** Issue 18 part 5: cash at the desk with a signed receipt, refunds with their reason, statistics. */
describe('fees at the desk: cash with a receipt, refunds, statistics', () => {
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

  const post = async (cookie0: string, page: string, url: string, fields: Record<string, string>) => {
    const { csrf, cookie } = await csrfFor(t.app, page, cookie0);
    return t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString() });
  };

  it('records cash with a signed receipt, refuses bad input in Vietnamese keeping it, records a refund, counts the month', { timeout: 90_000 }, async () => {
    const s = t.platform.services;
    const ctx = { services: s, actor: citizen };
    const { dossier } = await createDraftFromApi(ctx, { procedureCode: 'DEMO.000101', answers: ANSWERS, idempotencyKey: 'desk-create' });
    for (let i = 0; i < 3; i++) await attachFile(ctx, dossier.id, i, { data: UPLOAD, originalName: `giay-to-${i + 1}.pdf` });
    const d = (await submitDossier(ctx, dossier.id, 'desk-submit')).dossier;
    const desk = await loginCookies(t.app, 'tiepnhan@vanhien.test');

    // The desk finds the dossier by its code.
    const found = await t.app.inject({ url: `/quan-tri/phi?ma=${encodeURIComponent(d.code!)}`, headers: { cookie: desk } });
    expect(found.statusCode).toBe(302);
    const page = found.headers.location as string;
    expect(page).toBe(`/quan-tri/phi/ho-so/${d.id}`);
    expect((await t.app.inject({ url: '/quan-tri/phi?ma=KHONG-CO', headers: { cookie: desk } })).body).toContain('Không tìm thấy hồ sơ có mã KHONG-CO');
    const before = await t.app.inject({ url: page, headers: { cookie: desk } });
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Chưa nộp phí');
    expect(before.body).toContain('value="4000000"');

    const bad = await post(desk, page, `${page}/tien-mat`, { amount: 'bốn triệu' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Số tiền phải là số nguyên dương (đồng).');
    expect(bad.body).toContain('value="bốn triệu"');

    const ok = await post(desk, page, `${page}/tien-mat`, { amount: '4.000.000' });
    expect(ok.statusCode).toBe(302);
    const after = await t.app.inject({ url: page, headers: { cookie: desk } });
    expect(after.body).toContain('Đã nộp phí');
    const receiptHref = /href="(\/quan-tri\/phi\/bien-lai\/[0-9a-f-]{36}\.pdf)"/.exec(after.body)![1]!;
    const receipt = await t.app.inject({ url: receiptHref, headers: { cookie: desk } });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const file = path.join(tmp, 'bien-lai.pdf');
    fs.writeFileSync(file, receipt.rawPayload);
    expect(spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout).toContain('Signature is Valid.');
    const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
    expect(fonts).toContain('Tinos');
    expect(spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');

    // The applicant gets the same receipt from the dossier; another citizen does not.
    const paymentId = receiptHref.split('/').pop()!.replace('.pdf', '');
    // Signing unavailable (here the P12 file is missing): the receipt is still issued, says it is
    // unsigned, and carries no signature — nothing unsigned looks signed.
    const off = { ...s, config: { ...s.config, signing: { p12Path: path.join(tmp, 'khong-co.p12'), p12Password: 'x', tsaUrl: undefined } } };
    const unsigned = await receiptPdf({ services: off, actor: citizen }, paymentId);
    expect(unsigned.pdf.includes('/ByteRange')).toBe(false);
    const unsignedFile = path.join(tmp, 'bien-lai-chua-ky.pdf');
    fs.writeFileSync(unsignedFile, unsigned.pdf);
    expect(spawnSync('pdftotext', [unsignedFile, '-'], { encoding: 'utf8' }).stdout).toContain('(Biên lai điện tử chưa ký số)');
    expect(spawnSync('pdfsig', [unsignedFile], { encoding: 'utf8' }).stdout).not.toContain('Signature is Valid');
    const mine = await loginCookies(t.app, 'congdan@vanhien.test');
    expect((await t.app.inject({ url: `/ho-so/${d.id}/bien-lai/${paymentId}.pdf`, headers: { cookie: mine } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/ho-so/${d.id}/bien-lai/${paymentId}.pdf` })).statusCode).not.toBe(200);

    // A refund: the reason is required, and more than was paid is refused; both keep the input.
    const noReason = await post(desk, page, `${page}/hoan-tra`, { refundAmount: '500000', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Vui lòng ghi lý do hoàn trả.');
    expect(noReason.body).toContain('value="500000"');
    const tooMuch = await post(desk, page, `${page}/hoan-tra`, { refundAmount: '9000000', reason: 'Nộp trùng' });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.body).toContain('lớn hơn số đã nộp');
    expect((await post(desk, page, `${page}/hoan-tra`, { refundAmount: '500000', reason: 'Nộp thừa do nhầm bậc phí' })).statusCode).toBe(302);
    const refunded = await t.app.inject({ url: page, headers: { cookie: desk } });
    expect(refunded.body).toContain('Nộp thừa do nhầm bậc phí');
    expect(refunded.body).toContain('Đã nộp một phần');
    const audit = await s.pool.query(`SELECT action FROM audit_log WHERE entity = 'dossier' AND entity_id = $1 AND action LIKE 'fee.%' ORDER BY id`, [d.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['fee.cash', 'fee.refund']);

    // Statistics: this month, the karaoke licence, 4,000,000 collected, 500,000 refunded; paid in cash.
    const today = vnIsoDate();
    const stats = await feeStatistics(s.db, { from: `${today.slice(0, 7)}-01`, to: today });
    const row = stats.rows.find((r) => r.procedureName.includes('karaoke'))!;
    expect(row).toMatchObject({ month: today.slice(0, 7), dossiers: 1, collected: 4_000_000, refunded: 500_000, net: 3_500_000 });
    expect(stats).toMatchObject({ paidDossiers: 1, paidOnline: 0, onlineShare: 0 });
    const statsPage = await t.app.inject({ url: '/quan-tri/phi/thong-ke', headers: { cookie: desk } });
    expect(statsPage.statusCode).toBe(200);
    expect(statsPage.body).toContain('3.500.000 đồng');
    expect(statsPage.body).toContain('Quyết định 766/QĐ-TTg');
    const badRange = await t.app.inject({ url: '/quan-tri/phi/thong-ke?tu=31/02/2026&den=01/01/2026', headers: { cookie: desk } });
    expect(badRange.statusCode).toBe(400);
    expect(badRange.body).toContain('Ngày bắt đầu phải có dạng dd/mm/yyyy.');
    expect((await t.app.inject({ url: '/quan-tri/phi/thong-ke', headers: { cookie: mine } })).statusCode).toBe(403);
  });
});
