import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import type { Actor } from '../../../core/auth/actor.js';
import { findUserByEmail } from '../../../core/identity/identity.repository.js';
import { grantsForUser } from '../../../core/org/org.repository.js';
import { vnIsoDate } from '../../../core/validation.js';
import { attachFile, createDraftFromApi, submitDossier } from '../../dossiers/dossiers.commands.js';
import * as dossierRepo from '../../dossiers/dossiers.repository.js';
import { feeSummary, importStatement, recordCashPayment, recordRefund } from '../payments.commands.js';
import { dossierMemo, memoText, parseVietQr } from '../vietqr.js';

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

describe('fees: VietQR, statement reconciliation, cash and refunds', () => {
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

  async function filed(key: string, answers: Record<string, string> = ANSWERS) {
    const ctx = { services: t.platform.services, actor: citizen };
    const { dossier } = await createDraftFromApi(ctx, { procedureCode: 'DEMO.000101', answers, idempotencyKey: `${key}-create` });
    for (let i = 0; i < 3; i++) await attachFile(ctx, dossier.id, i, { data: UPLOAD, originalName: `giay-to-${i + 1}.pdf` });
    return (await submitDossier(ctx, dossier.id, `${key}-submit`)).dossier;
  }

  it('shows the tiered fee and a VietQR for it; a statement marks the fee paid; the same file twice changes nothing', { timeout: 60_000 }, async () => {
    const s = t.platform.services;
    const d = await filed('fee-a');
    const d2 = await filed('fee-b', { ...ANSWERS, areaType: 'khac', roomCount: '7' });
    expect((await feeSummary(s.db, d.id)).total).toBe(4_000_000);
    expect((await feeSummary(s.db, d2.id)).total).toBe(6_000_000);

    const cookie = await loginCookies(t.app, 'congdan@vanhien.test');
    const page = await t.app.inject({ url: `/ho-so/${d.id}/nop-phi`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('4.000.000 đồng');
    expect(page.body).toContain('data:image/png;base64,');
    const payload = /<textarea[^>]*>([^<]+)<\/textarea>/.exec(page.body)![1]!.trim();
    const qr = parseVietQr(payload);
    expect(qr.crcOk).toBe(true);
    expect(qr.fields['54']).toBe('4000000');
    expect(qr.fields['62']).toBe(`08${String(memoText(d.code!).length).padStart(2, '0')}${memoText(d.code!)}`);
    expect((await t.app.inject({ url: `/ho-so/${d.id}/nop-phi` })).statusCode).not.toBe(200);

    const memo = memoText(d.code!); // what the bank passes back: no dots, no hyphens
    const csv = Buffer.from(
      [
        'Ngày giao dịch,Mã giao dịch,Số tiền ghi có,Nội dung',
        `04/12/2026,FT-A1,4.000.000,${memo} nop phi`,
        `04/12/2026,FT-B1,5.000.000,${d2.code}`,
        '04/12/2026,FT-C1,100.000,XYZ-261204-0001 chuyen nham',
      ].join('\n'),
    );
    const ctx = { services: s, actor: officer };
    const r = await importStatement(ctx, { fileName: 'saoke.csv', data: csv });
    expect(r.lines.map((l) => l.outcome)).toEqual(['matched', 'underpaid', 'no_code']);
    expect((await feeSummary(s.db, d.id)).state).toBe('paid');
    expect((await feeSummary(s.db, d2.id))).toMatchObject({ state: 'partial', due: 1_000_000 });
    const events = await dossierRepo.listEvents(s.db, d.id);
    expect(events.at(-1)).toMatchObject({ kind: 'fee_paid' });
    expect(events.at(-1)!.note).toContain('Đã nộp phí, lệ phí: 4.000.000 đồng');
    const audit = await s.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'fee.import_statement'`);
    expect(audit.rows[0].n).toBe(1);

    // The same file again, then the same transaction in another export: nothing changes.
    expect(await importStatement(ctx, { fileName: 'saoke.csv', data: csv })).toMatchObject({ alreadyImported: true });
    const again = await importStatement(ctx, { fileName: 'saoke-2.csv', data: Buffer.concat([csv, Buffer.from('\n')]) });
    expect(again.lines.map((l) => l.outcome)).toEqual(['already_imported', 'already_imported', 'no_code']);
    expect((await feeSummary(s.db, d2.id)).paid).toBe(5_000_000);

    // An unreadable line: the whole file is refused, nothing applied.
    const bad = Buffer.from(`Ngày giao dịch,Mã giao dịch,Số tiền ghi có,Nội dung\n04/12/2026,FT-D1,1.000.000,${d2.code}\n04/12/2026,FT-D2,abc,${d2.code}\n`);
    await expect(importStatement(ctx, { fileName: 'bad.csv', data: bad })).rejects.toMatchObject({ code: 'FEE-101' });
    expect((await feeSummary(s.db, d2.id)).paid).toBe(5_000_000);
    await expect(importStatement(ctx, { fileName: 'x.csv', data: Buffer.from('a,b\n1,2\n') })).rejects.toMatchObject({ code: 'FEE-100' });

    // Cash at the desk for the rest; a refund needs a reason and cannot exceed what was paid.
    await recordCashPayment(ctx, d2.id, { amount: '1.000.000' });
    expect((await feeSummary(s.db, d2.id)).state).toBe('paid');
    await expect(recordRefund(ctx, d2.id, { amount: 500_000, reason: '' })).rejects.toMatchObject({ code: 'CORE-100' });
    await recordRefund(ctx, d2.id, { amount: 500_000, reason: 'Nộp trùng' });
    expect((await feeSummary(s.db, d2.id))).toMatchObject({ paid: 5_500_000, state: 'partial' });
    await expect(importStatement({ services: s, actor: citizen }, { fileName: 'y.csv', data: csv })).rejects.toMatchObject({ code: 'CORE-300' });
  });

  it('names an over-payment, a line repeated in the file and a code that does not exist, and applies only the payment', { timeout: 60_000 }, async () => {
    const s = t.platform.services;
    const d = await filed('fee-c');
    const unknown = d.code!.replace(/\d+$/, '9999');
    const csv = Buffer.from(
      [
        'Ngày giao dịch,Mã giao dịch,Số tiền ghi có,Nội dung',
        `05/12/2026,FT-E1,4.500.000,${dossierMemo(d.code!)}`,
        `05/12/2026,FT-E1,4.500.000,${dossierMemo(d.code!)}`,
        `05/12/2026,FT-E2,700.000,${dossierMemo(unknown)} nop phi`,
      ].join('\n'),
    );
    const r = await importStatement({ services: s, actor: officer }, { fileName: 'sk-e.csv', data: csv });
    expect(r.lines.map((l) => l.outcome)).toEqual(['overpaid', 'duplicate_in_file', 'unknown_code']);
    expect(r.lines[0]!.vi).toContain('nộp thừa 500.000 đồng');
    expect(r.lines[1]!.vi).toMatch(/^Dòng 3 \(FT-E1, 4\.500\.000 đồng\): trùng mã giao dịch/);
    expect(r.lines[2]!.vi).toContain(`Dòng 4 (FT-E2, 700.000 đồng): mã hồ sơ ${unknown} không tồn tại`);
    const f = await feeSummary(s.db, d.id);
    expect(f.payments.map((p) => [p.bankTxnId, p.amount])).toEqual([['FT-E1', 4_500_000]]);
    expect((await dossierRepo.listEvents(s.db, d.id)).filter((e) => e.kind === 'fee_paid')).toHaveLength(1);
  });

  it('the desk imports a statement through the page without JavaScript', { timeout: 30_000 }, async () => {
    const desk = await loginCookies(t.app, 'tiepnhan@vanhien.test');
    const { csrf, cookie } = await csrfFor(t.app, '/quan-tri/phi/doi-soat', desk);
    const boundary = '----vhfee';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="saoke"; filename="sk.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from('Ngày giao dịch,Mã giao dịch,Số tiền ghi có,Nội dung\n05/12/2026,FT-Z9,100.000,ung ho\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/quan-tri/phi/doi-soat?_csrf=${encodeURIComponent(csrf)}`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Không có mã hồ sơ trong nội dung');
    expect(res.body).toContain('Dòng 2 (FT-Z9, 100.000 đồng)');
  });
});
