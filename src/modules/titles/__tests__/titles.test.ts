import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../../../../test/helpers/platform.js';
import { ANONYMOUS, SYSTEM } from '../../../core/auth/actor.js';
import { vnIsoDate } from '../../../core/validation.js';
import { titlesClock } from '../titles.clock.js';
import {
  addComment,
  addCriteriaVersion,
  excludeEntry,
  importRegistrations,
  issueDecision,
  openYear,
  publishList,
  publishListing,
  recordAssessment,
  recordMinutes,
  requestCertificates,
} from '../titles.commands.js';
import { batchFile, runCertificates, runReminders } from '../titles.jobs.js';
import * as repo from '../titles.repository.js';
import { cycleDeadlines } from '../titles.rules.js';
import { HEADERS } from '../titles.xlsx.js';

async function xlsx(rows: [string, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đăng ký');
  ws.getRow(3).values = HEADERS;
  rows.forEach(([h, v], i) => {
    ws.getRow(4 + i).values = [i + 1, h, v, '', ''];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const ALL_MET = { 'c-I.1': 'yes', 'c-I.2': '2', 'c-II.1': 'yes', 'c-II.2': 'yes', 'c-III.1': 'yes', 'c-III.2': '8' };

describe('titles', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());
  afterEach(() => {
    titlesClock.today = () => vnIsoDate();
  });
  const ctx = () => ({ services: t.platform.services, actor: SYSTEM });
  const at = (d: string) => {
    titlesClock.today = () => d;
  };
  const count = async (q: string, p: unknown[] = []) => (await t.platform.services.pool.query(q, p)).rows[0].n as number;

  it('the criteria of Decree 86/2023 are seeded as data from 30/01/2024, with no 122/2018 thresholds; demo has 3 communes × 3 years', async () => {
    const v = await repo.criteriaAt(t.platform.services.db, 'household', '2024-06-01');
    expect(v).toMatchObject({ decree: 'Nghị định 86/2023/NĐ-CP', appendix: 'Phụ lục I', effectiveFrom: '2024-01-30' });
    expect(await repo.criteriaAt(t.platform.services.db, 'household', '2024-01-29')).toBeUndefined();
    expect(JSON.stringify(v!.groups)).not.toMatch(/\b(85|90|60) điểm/);
    expect(await count(`SELECT count(DISTINCT commune_code)::int AS n FROM titles_stats`)).toBe(6); // 3 communes, 2024 under the codes before the merger
    expect(await count(`SELECT count(DISTINCT year)::int AS n FROM titles_cycles WHERE is_demo`)).toBe(3);
  });

  it('moves the clock through a round whose listing spans the National Day holiday and checks every deadline', async () => {
    await expect(openYear({ services: t.platform.services, actor: ANONYMOUS }, { communeCode: '99111', year: 2026 })).rejects.toMatchObject({ code: 'CORE-200' });
    at('2026-03-02');
    // A commune merged away on 1 Jul 2025 cannot open a round.
    await expect(openYear(ctx(), { communeCode: '99015', year: 2026 })).rejects.toMatchObject({ code: 'CORE-100', fields: { communeCode: expect.anything() } });
    const c = await openYear(ctx(), { communeCode: '99111', year: 2026 });
    expect(c.communeName).toBe('Xã Hòa Sơn');

    // Import: named row errors, nothing saved.
    const bad = await importRegistrations(ctx(), c.id, await xlsx([['HGD-99111-101', 'T-99111-01'], ['HGD-99111-101', 'T-99111-01'], ['HGD-KHONG-CO', 'T-99111-01'], ['HGD-99112-101', 'T-99112-01']])).catch((e) => e);
    expect(bad.code).toBe('TITLES-120');
    const msgs = Object.values(bad.fields as Record<string, { vi: string }>).map((f) => f.vi);
    expect(msgs).toContain('Dòng 5: hộ "HGD-99111-101" trùng với dòng 4.');
    expect(msgs).toContain('Dòng 6: không có hộ mã "HGD-KHONG-CO" trong sổ theo dõi.');
    expect(msgs.some((m) => m.startsWith('Dòng 7: thôn, tổ dân phố "Thôn Đông" thuộc xã, phường khác'))).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM titles_entries WHERE cycle_id = $1', [c.id])).toBe(0);
    expect((await importRegistrations(ctx(), c.id, await xlsx([['HGD-99111-101', 'T-99111-01'], ['HGD-99111-102', 'T-99111-01'], ['hgd-99111-103', 't-99111-01']]))).imported).toBe(3);
    const rows = await repo.entriesOf(t.platform.services.db, c.id);
    const [e1, e2, e3] = ['HGD-99111-101', 'HGD-99111-102', 'HGD-99111-103'].map((code) => rows.find((r) => r.householdCode === code)!);

    // Self-assessment: a missing answer is named; a score under the minimum is "not met".
    await expect(recordAssessment(ctx(), e1!.id, { ...ALL_MET, 'c-II.1': '' })).rejects.toMatchObject({ fields: { 'c-II.1': expect.anything() } });
    expect((await recordAssessment(ctx(), e1!.id, ALL_MET)).status).toBe('assessed');
    expect((await recordAssessment(ctx(), e2!.id, { ...ALL_MET, 'c-III.2': '3' })).unmet).toEqual(['III.2']);
    expect((await recordAssessment(ctx(), e2!.id, { ...ALL_MET, reason: 'Phúc tra điểm vệ sinh môi trường' })).status).toBe('assessed');
    expect((await repo.revisionsOf(t.platform.services.db, e2!.id))[0]).toMatchObject({ revision: 1, reason: 'Phúc tra điểm vệ sinh môi trường', data: { status: 'not_met' } });
    await expect(excludeEntry(ctx(), e3!.id, { reason: 'child_marriage', basis: '' })).rejects.toMatchObject({ fields: { basis: expect.anything() } });
    await excludeEntry(ctx(), e3!.id, { reason: 'child_marriage', basis: 'Biên bản của UBND xã ngày 10/6/2026 (minh họa)' });
    // The excluded household cannot be listed again this year.
    const again = await importRegistrations(ctx(), c.id, await xlsx([['HGD-99111-103', 'T-99111-01']])).catch((e) => e);
    expect(Object.values(again.fields as Record<string, { vi: string }>)[0]!.vi).toMatch(/thuộc diện không xét năm 2026/);

    // Listing of 10 calendar days from Mon 24/08: 01/09 and 02/09 are holidays and do not move its end.
    const cal = await t.platform.services.calendar.calendar();
    expect(cal.isWorkingDay('2026-09-01') || cal.isWorkingDay('2026-09-02')).toBe(false);
    at('2026-08-24');
    expect(await publishListing(ctx(), c.id, { listingStart: '24/08/2026' })).toEqual({ listingEnd: '2026-09-02', proposed: 2 });
    at('2026-08-23');
    await expect(addComment({ services: t.platform.services, actor: ANONYMOUS }, c.id, { authorName: 'Cư dân', body: 'Sớm' })).rejects.toMatchObject({ code: 'TITLES-150' });
    at('2026-09-02'); // last day of the listing, a holiday: still open
    await addComment({ services: t.platform.services, actor: ANONYMOUS }, c.id, { authorName: 'Trần Cư Dân', body: 'Đồng ý với danh sách.' });
    at('2026-09-03');
    await expect(addComment({ services: t.platform.services, actor: ANONYMOUS }, c.id, { authorName: 'Cư dân', body: 'Muộn' })).rejects.toMatchObject({ code: 'TITLES-150' });
    const page = await t.app.inject({ url: '/danh-hieu-van-hoa/99111/2026' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('HGD-99111'); // no identifiers on public pages
    expect(page.body).not.toContain('Trần Cư Dân'); // nor the commenter

    // Minutes: not on the last day of the listing; on 03/09 the file is complete → decision due
    // 10 working days later = 17/09 (01–02/09 already behind; weekends skipped).
    await expect(recordMinutes(ctx(), c.id, { number: '01/BB-HĐ', date: '02/09/2026', text: 'Họp' })).rejects.toMatchObject({ fields: { date: expect.anything() } });
    expect(await recordMinutes(ctx(), c.id, { number: '01/BB-HĐ', date: '03/09/2026', text: 'Hội đồng thống nhất 2 hộ.' })).toEqual({ decisionDue: '2026-09-17' });

    // Reminders 2 working days before (15/09), once; overdue after 17/09, once; the board lists it.
    expect(await runReminders(t.platform.services, '2026-09-14')).toBe(0);
    expect(await runReminders(t.platform.services, '2026-09-15')).toBe(1);
    expect(await runReminders(t.platform.services, '2026-09-16')).toBe(0);
    expect(await runReminders(t.platform.services, '2026-09-18')).toBe(1);
    expect((await repo.overdue(t.platform.services.db, '2026-09-18')).find((o) => o.id === c.id)).toMatchObject({ what: 'decision', due: '2026-09-17' });

    // Decision: refused when dated before the listing ended; then 15 calendar days to publish.
    at('2026-09-18');
    const early = await issueDecision(ctx(), c.id, { number: '45/QĐ-UBND', date: '02/09/2026', signer: 'Nguyễn Văn Chủ Tịch' }).catch((e) => e);
    expect(early.fields.date.vi).toBe('Ngày quyết định (02/09/2026) phải sau ngày hết niêm yết 02/09/2026.');
    expect(await count(`SELECT count(*)::int AS n FROM titles_entries WHERE cycle_id = $1 AND status = 'recognised'`, [c.id])).toBe(0);
    expect(await issueDecision(ctx(), c.id, { number: '45/QĐ-UBND', date: '18/09/2026', signer: 'Nguyễn Văn Chủ Tịch' })).toEqual({ recognised: 2, publishDue: '2026-10-03' });
    expect((await repo.overdue(t.platform.services.db, '2026-10-04')).find((o) => o.id === c.id)).toMatchObject({ what: 'publication', due: '2026-10-03' });
    at('2026-09-20');
    await publishList(ctx(), c.id);
    expect((await repo.statistics(t.platform.services.db, { year: 2026 })).find((r) => r.communeCode === '99111')).toMatchObject({ total: 3, recognised: 2 });
    const list = await t.app.inject({ url: '/danh-hieu-van-hoa?q=&xa=99111&nam=2026' });
    expect(list.body).toContain('45/QĐ-UBND');
    expect(list.body).toContain(rows.find((r) => r.householdCode === 'HGD-99111-101')!.headName);
    expect(list.body).not.toContain(e3!.headName);

    // Certificates: one merged PDF in the background job, progress recorded.
    const b = await requestCertificates(ctx(), c.id);
    await runCertificates(t.platform.services, b.id);
    expect(await repo.findBatch(t.platform.services.db, b.id)).toMatchObject({ status: 'done', done: 2, total: 2 });
    const pdf = fs.readFileSync(batchFile(t.platform.services, b.id));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
    const audit = await count(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'titles.%' AND entity_id = $1`, [c.id]);
    expect(audit).toBeGreaterThanOrEqual(8);
  });

  it('bad input leaves nothing saved; a working-day deadline spanning the holiday moves, calendar-day ones do not', async () => {
    const db = t.platform.services.db;
    const entries = (id: string) => count(`SELECT count(*)::int AS n FROM titles_entries WHERE cycle_id = $1`, [id]);
    at('2026-03-02');
    const c = await openYear(ctx(), { communeCode: '99113', year: 2026 });
    expect((await importRegistrations(ctx(), c.id, await xlsx([['HGD-99113-101', 'T-99113-01'], ['HGD-99113-102', 'T-99113-01'], ['HGD-99113-103', 'T-99113-01']]))).imported).toBe(3);
    // A second list naming a household already registered this year: named, nothing saved.
    const dup = await importRegistrations(ctx(), c.id, await xlsx([['HGD-99113-101', 'T-99113-01']])).catch((e) => e);
    expect(dup.code).toBe('TITLES-120');
    expect(Object.values(dup.fields as Record<string, { vi: string }>)[0]!.vi).toBe('Dòng 4: hộ "HGD-99113-101" đã đăng ký năm 2026.');
    const rows = await repo.entriesOf(db, c.id);
    const [e1, e2, e3] = ['HGD-99113-101', 'HGD-99113-102', 'HGD-99113-103'].map((code) => rows.find((r) => r.householdCode === code)!);
    await excludeEntry(ctx(), e3!.id, { reason: 'prosecuted', basis: 'Thông báo của cơ quan điều tra (minh họa)' });
    // An excluded household: no self-assessment, no new revision; listed again → named, nothing saved.
    await expect(recordAssessment(ctx(), e3!.id, ALL_MET)).rejects.toMatchObject({ code: 'TITLES-130' });
    expect(await repo.revisionsOf(db, e3!.id)).toHaveLength(1);
    const excluded = await importRegistrations(ctx(), c.id, await xlsx([['HGD-99113-103', 'T-99113-01']])).catch((e) => e);
    expect(excluded.code).toBe('TITLES-120');
    expect(await entries(c.id)).toBe(3);
    expect((await repo.findEntry(db, e3!.id))!.status).toBe('excluded');

    await recordAssessment(ctx(), e1!.id, ALL_MET);
    await recordAssessment(ctx(), e2!.id, ALL_MET);
    at('2026-08-14');
    expect(await publishListing(ctx(), c.id, { listingStart: '14/08/2026' })).toEqual({ listingEnd: '2026-08-23', proposed: 2 });
    // Excluded while listed (a member prosecuted): the decision must not give it the title.
    await excludeEntry(ctx(), e2!.id, { reason: 'prosecuted', basis: 'Quyết định khởi tố ngày 20/8/2026 (minh họa)' });

    // File complete on Tue 25/08: 10 working days skip the weekends and the 01–02/09 holiday →
    // 10/09 (08/09 without the holiday).
    at('2026-08-25');
    expect(await recordMinutes(ctx(), c.id, { number: '02/BB-HĐ', date: '25/08/2026', text: 'Hội đồng đề nghị 1 hộ.' })).toEqual({ decisionDue: '2026-09-10' });
    const cal = await t.platform.services.calendar.calendar();
    const d = cycleDeadlines(cal, 2026, { listingStart: '2026-08-14', fileComplete: '2026-08-25', decisionDate: '2026-08-27' });
    expect(d).toMatchObject({ registration: '2026-03-31', midYear: '2026-06-30', reviewEnd: '2026-11-25', listingEnd: '2026-08-23', decisionEarliest: '2026-08-24', decisionDue: '2026-09-10', publishDue: '2026-09-11' });
    expect(d.reminders).toEqual([
      { key: 'decision', on: '2026-09-08' },
      { key: 'publication', on: '2026-09-09' },
      { key: 'review_end', on: '2026-11-23' },
    ]);

    // A decision dated before (or on) the last day of the listing: named error, nothing saved.
    at('2026-08-27');
    for (const date of ['20/08/2026', '23/08/2026']) {
      const early = await issueDecision(ctx(), c.id, { number: '46/QĐ-UBND', date, signer: 'Chủ tịch' }).catch((e) => e);
      expect(early).toMatchObject({ code: 'CORE-100', fields: { date: { vi: `Ngày quyết định (${date}) phải sau ngày hết niêm yết 23/08/2026.` } } });
    }
    expect((await repo.findCycle(db, c.id))!.status).toBe('reviewed');
    expect((await repo.statistics(db, { year: 2026 })).find((r) => r.communeCode === '99113')).toBeUndefined();
    expect(await count(`SELECT count(*)::int AS n FROM titles_entries WHERE cycle_id = $1 AND status = 'recognised'`, [c.id])).toBe(0);

    // 15 calendar days to publish: 27/08 → 11/09, the holiday does not move it.
    expect(await issueDecision(ctx(), c.id, { number: '46/QĐ-UBND', date: '27/08/2026', signer: 'Chủ tịch' })).toEqual({ recognised: 1, publishDue: '2026-09-11' });
    expect((await repo.findEntry(db, e2!.id))!.status).toBe('excluded');
    expect((await repo.statistics(db, { year: 2026 })).find((r) => r.communeCode === '99113')).toMatchObject({ total: 3, recognised: 1 });
    expect((await repo.overdue(db, '2026-09-11')).find((o) => o.id === c.id)).toBeUndefined();
    expect((await repo.overdue(db, '2026-09-12')).find((o) => o.id === c.id)).toMatchObject({ what: 'publication', due: '2026-09-11' });
    at('2026-09-12');
    await publishList(ctx(), c.id);
    const listed = await repo.publicRecognised(db, { communeCode: '99113', year: 2026 });
    expect(listed.map((r) => r.headName)).toEqual([e1!.headName]);
  });

  it('a new criteria version applies from its effective date; a round opened before keeps its version', async () => {
    at('2026-05-01');
    const old = await openYear(ctx(), { communeCode: '99114', year: 2026 });
    const groups = JSON.stringify([{ code: 'A', title: 'Nhóm mới', criteria: [{ code: 'A.1', text: 'Tiêu chí mới', kind: 'yes_no', evidence: 'x' }] }]);
    await expect(addCriteriaVersion(ctx(), { titleKind: 'household', decree: 'Nghị định mới (giả định)', appendix: 'Phụ lục I', effectiveFrom: '01/05/2026', decidingLevel: 'Chủ tịch UBND cấp xã', groups })).rejects.toMatchObject({ fields: { effectiveFrom: expect.anything() } });
    await addCriteriaVersion(ctx(), { titleKind: 'household', decree: 'Nghị định mới (giả định)', appendix: 'Phụ lục I', effectiveFrom: '01/06/2026', decidingLevel: 'Chủ tịch UBND cấp xã', groups });
    at('2026-06-02');
    const fresh = await openYear(ctx(), { communeCode: '99110', year: 2026 });
    expect((await repo.criteriaById(t.platform.services.db, old.criteriaVersionId))!.decree).toBe('Nghị định 86/2023/NĐ-CP');
    expect((await repo.criteriaById(t.platform.services.db, fresh.criteriaVersionId))!.decree).toBe('Nghị định mới (giả định)');
  });

  it('API: stats and recognised list; the template is for staff', async () => {
    const stats = (await t.app.inject({ url: '/api/v1/titles/stats?nam=2025' })).json();
    expect(stats.items).toHaveLength(3);
    expect(stats.items[0]).toMatchObject({ year: 2025, titleKind: 'household' });
    const rec = (await t.app.inject({ url: '/api/v1/titles/recognised?nam=2024' })).json();
    expect(rec.items.length).toBeGreaterThan(10);
    expect(Object.keys(rec.items[0]).sort()).toEqual(['communeCode', 'communeName', 'decisionDate', 'decisionNumber', 'headName', 'villageName', 'year']);
    const cyc = (await repo.listCycles(t.platform.services.db))[0]!;
    expect((await t.app.inject({ url: `/api/v1/titles/cycles/${cyc.id}/template.xlsx` })).statusCode).toBeGreaterThanOrEqual(300);
    const x = await t.app.inject({ url: '/api/v1/titles/stats.xlsx' });
    expect(x.statusCode).toBe(200);
    const thongke = await t.app.inject({ url: '/danh-hieu-van-hoa/thong-ke?nam=2025' });
    expect(thongke.body).toContain('<svg');
    expect((await t.app.inject({ url: '/api/openapi.json' })).body).toContain('/api/v1/titles/stats');
  });
});
