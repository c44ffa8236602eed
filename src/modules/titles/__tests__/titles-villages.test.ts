import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { ANONYMOUS, SYSTEM } from '../../../core/auth/actor.js';
import { vnIsoDate } from '../../../core/validation.js';
import { titlesClock } from '../titles.clock.js';
import { addComment, createProposal, decideProposal, decisionIssuer, excludeEntry, importRegistrations, openYear, publishList, recordAssessment, recordMinutes, registerVillages, requestCertificates } from '../titles.commands.js';
import { batchFile, runCertificates } from '../titles.jobs.js';
import { cycleDeadlines, deadline, procedureAt } from '../titles.rules.js';
import * as repo from '../titles.repository.js';
import { VILLAGE_HEADERS } from '../titles.xlsx.js';
import { computePeriod } from '../../indicators/index.js';
import titlesModule from '../module.js';

/**
 * The village / residential-group round ("Thôn, tổ dân phố văn hóa") on the household round's
 * machinery, and the commune's "tiêu biểu" proposals. The demo gives 99112 (Xã Bình Minh) three
 * villages of 8 households, household rounds 2024–2026 (75/80/85 % recognised, in register order)
 * and village rounds 2024–2025: Thôn Đông and Thôn Tây held the title both years, Thôn Trung Hòa
 * did not. Its 2026 village round is run here.
 */
describe('titles: village round and "tiêu biểu" proposals', () => {
  let t: TestPlatform;
  let cookie = '';
  beforeAll(async () => {
    t = await startTestPlatform();
    cookie = await loginCookies(t.app, 'chuyenvien@vanhien.test');
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
  const post = async (url: string, fields: Record<string, string>) => {
    const { csrf, cookie: ck } = await csrfFor(t.app, '/quan-tri/danh-hieu', cookie);
    return t.app.inject({ method: 'POST', url, headers: { cookie: ck, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString() });
  };
  const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  async function villageXlsx(codes: string[]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đăng ký');
    ws.getRow(3).values = VILLAGE_HEADERS;
    codes.forEach((c, i) => {
      ws.getRow(4 + i).values = [i + 1, c, '', ''];
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('who decides and how days count are data with effective dates, per title', async () => {
    expect(procedureAt('village', '2025-06-30').decidingLevel.label).toBe('Chủ tịch Ủy ban nhân dân cấp huyện');
    expect(procedureAt('village', '2025-07-01').decidingLevel.label).toBe('Chủ tịch Ủy ban nhân dân cấp xã');
    expect(procedureAt('household', '2026-01-01').decidingLevel).toMatchObject({ label: 'Chủ tịch Ủy ban nhân dân cấp xã', confirmed: true });
    expect(deadline('listing', 'village', '2026-10-20')).toMatchObject({ days: 10, count: 'calendar', inclusive: true, confirmed: false });
    expect(deadline('review_end', 'village').fixed).toBe('11-25');
    for (const kind of ['household', 'village'] as const) expect(procedureAt(kind, '2026-01-01').commendation).toMatchObject({ consecutiveYears: 3, confirmed: false });
    const cal = await t.platform.services.calendar.calendar();
    // The same dates as the household test: 10 working days from 25/08/2026 skip the 01–02/09 holiday.
    expect(cycleDeadlines(cal, 2026, { listingStart: '2026-08-14', fileComplete: '2026-08-25', decisionDate: '2026-08-27' }, 'village')).toMatchObject({ listingEnd: '2026-08-23', decisionDue: '2026-09-10', publishDue: '2026-09-11' });
  });

  it("heads a village decision of 2024 with the district that took it, not today's commune", async () => {
    const db = t.platform.services.db;
    const hoaLac = { communeCode: '99112', communeName: 'Xã Hòa Lạc' };
    // 99112 exists since 01/07/2025; in 2024 its territory was 99017, in Huyện Hòa Sơn (993).
    expect(await decisionIssuer(db, hoaLac, procedureAt('village', '2024-11-20').decidingLevel.label, '2024-11-20')).toBe('Huyện Hòa Sơn');
    expect(await decisionIssuer(db, hoaLac, procedureAt('village', '2025-11-20').decidingLevel.label, '2025-11-20')).toBe('Xã Hòa Lạc');
    expect(await decisionIssuer(db, hoaLac, procedureAt('household', '2024-11-20').decidingLevel.label, '2024-11-20')).toBe('Xã Hòa Lạc');
    // A commune the places data does not know: the level, never a wrong name.
    expect(await decisionIssuer(db, { communeCode: '00000', communeName: 'Xã Không Có' }, 'Chủ tịch Ủy ban nhân dân cấp huyện', '2024-11-20')).toBe('cấp huyện');

    // The demo's 2024 village round of that territory, recorded under the commune of the time.
    const [cycle] = (
      await t.platform.services.pool.query(`SELECT id FROM titles_cycles WHERE commune_code = '99017' AND year = 2024 AND title_kind = 'village' AND decision_number IS NOT NULL`)
    ).rows;
    expect(cycle).toBeTruthy();
    const res = await t.app.inject({ url: `/quan-tri/danh-hieu/${cycle.id}/quyet-dinh.pdf`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const file = path.join(os.tmpdir(), `qd-${cycle.id}.pdf`);
    fs.writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().normalize('NFC');
    fs.rmSync(file);
    expect(text).toMatch(/HUYỆN HÒA SƠN/i);
    expect(text).not.toMatch(/XÃ HÒA LẠC/i);
  });

  it('feeds VH.01–VH.03 to the sector indicators from the decided rounds (none refused by the catalogue)', async () => {
    const r = await computePeriod(t.platform.services, '2025', { modules: [titlesModule] });
    expect(r.failed).toEqual([]);
    expect(r.refused).toEqual([]);
    const stats = (await t.platform.services.pool.query(
      `SELECT title_kind, sum(total)::int AS total, sum(recognised)::int AS rec FROM titles_stats WHERE year = 2025 AND total > 0 GROUP BY title_kind`,
    )).rows as { title_kind: string; total: number; rec: number }[];
    const kind = (k: string) => stats.find((x) => x.title_kind === k)!;
    const obs = new Map(
      ((await t.platform.services.pool.query(
        `SELECT indicator_code, value::float8 AS v, source FROM indicator_observations WHERE period_code = '2025' AND dims_key = '' AND indicator_code IN ('VH.01', 'VH.02', 'VH.03')`,
      )).rows as { indicator_code: string; v: number; source: string }[]).map((x) => [x.indicator_code, x]),
    );
    expect(obs.get('VH.02')).toMatchObject({ v: kind('household').rec, source: 'computed' });
    expect(obs.get('VH.01')!.v).toBeCloseTo((kind('household').rec / kind('household').total) * 100, 1);
    expect(obs.get('VH.03')!.v).toBeCloseTo((kind('village').rec / kind('village').total) * 100, 1);
    // By commune too: 99112's villages (two of three held the title in 2025).
    const area = (await t.platform.services.pool.query(
      `SELECT value::float8 AS v FROM indicator_observations WHERE period_code = '2025' AND indicator_code = 'VH.03' AND area_code = '99112'`,
    )).rows[0] as { v: number } | undefined;
    expect(area?.v).toBeCloseTo(66.7, 1);
  });

  it('carries a village round from opening to decision and certificates; bad input is named in Vietnamese with nothing saved', async () => {
    const db = t.platform.services.db;
    at('2026-10-19');
    // Open the year for villages: through the staff form; a second opening is a 400 on the form.
    const opened = await post('/quan-tri/danh-hieu', { communeCode: '99112', year: '2026', titleKind: 'village' });
    expect(opened.statusCode).toBe(302);
    const c = (await repo.findCycleByCommuneYear(db, '99112', 2026, 'village'))!;
    expect(opened.headers.location).toBe(`/quan-tri/danh-hieu/${c.id}`);
    expect(c).toMatchObject({ titleKind: 'village', status: 'open' });
    expect((await repo.criteriaById(db, c.criteriaVersionId))!).toMatchObject({ titleKind: 'village', appendix: 'Phụ lục II' });
    // The household round of the same commune and year is another round (demo, published).
    expect((await repo.findCycleByCommuneYear(db, '99112', 2026))!.id).not.toBe(c.id);
    const again = await post('/quan-tri/danh-hieu', { communeCode: '99112', year: '2026', titleKind: 'village' });
    expect(again.statusCode).toBe(400);
    expect(decode(again.body)).toContain('đã mở đợt bình xét "Thôn, tổ dân phố văn hóa" năm 2026.');
    expect(again.body).toContain('<option value="village" selected');
    expect(await count(`SELECT count(*)::int AS n FROM titles_cycles WHERE commune_code = '99112' AND year = 2026`)).toBe(2);
    const bad = await post('/quan-tri/danh-hieu', { communeCode: '99112', year: '2026', titleKind: 'commune' });
    expect(bad.statusCode).toBe(400);
    expect(decode(bad.body)).toContain('Vui lòng chọn danh hiệu bình xét');

    // Registration: a village of another commune and an unknown code → 400 naming them, the ticked
    // boxes stay ticked, nothing saved.
    const base = `/quan-tri/danh-hieu/${c.id}`;
    const foreign = await post(`${base}/dang-ky-thon`, { 'v-T-99112-01': 'on', 'v-T-99120-01': 'on', 'v-T-KHONG-CO': 'on' });
    expect(foreign.statusCode).toBe(400);
    const fb = decode(foreign.body);
    expect(fb).toContain('Thôn, tổ dân phố "Thôn An Phú" (T-99120-01) thuộc xã, phường khác, không thuộc');
    expect(fb).toContain('Không có thôn, tổ dân phố mã "T-KHONG-CO" trong sổ theo dõi.');
    expect(fb).toMatch(/id="f-v-T-99112-01" name="v-T-99112-01" value="on" checked/);
    expect(await count('SELECT count(*)::int AS n FROM titles_entries WHERE cycle_id = $1', [c.id])).toBe(0);
    expect((await post(`${base}/dang-ky-thon`, {})).statusCode).toBe(400);
    // The XLSX list takes the same checks (duplicate row named), nothing saved.
    const dupFile = await importRegistrations(ctx(), c.id, await villageXlsx(['T-99112-01', 'T-99112-01'])).catch((e) => e);
    expect(dupFile).toMatchObject({ code: 'TITLES-120', status: 400 });
    expect(Object.values(dupFile.fields as Record<string, { vi: string }>).map((f) => f.vi)).toEqual(['Dòng 5: thôn, tổ dân phố "Thôn Đông" trùng với dòng 4.']);
    expect(await count('SELECT count(*)::int AS n FROM titles_entries WHERE cycle_id = $1', [c.id])).toBe(0);

    const reg = await post(`${base}/dang-ky-thon`, { 'v-T-99112-01': 'on', 'v-T-99112-02': 'on', 'v-T-99112-03': 'on' });
    expect(reg.statusCode).toBe(302);
    expect(await count('SELECT count(*)::int AS n FROM titles_entries WHERE cycle_id = $1 AND title_kind = $2 AND household_id IS NULL', [c.id, 'village'])).toBe(3);
    // Duplicate registration: named, nothing saved (form and file alike).
    await expect(registerVillages(ctx(), c.id, ['T-99112-01'])).rejects.toMatchObject({ status: 400, fields: { villages: { vi: 'Thôn, tổ dân phố "Thôn Đông" đã đăng ký năm 2026.' } } });
    const dupAgain = await importRegistrations(ctx(), c.id, await villageXlsx(['T-99112-02'])).catch((e) => e);
    expect(Object.values(dupAgain.fields as Record<string, { vi: string }>)[0]!.vi).toBe('Dòng 4: thôn, tổ dân phố "Thôn Tây" đã đăng ký năm 2026.');
    expect(await count('SELECT count(*)::int AS n FROM titles_entries WHERE cycle_id = $1', [c.id])).toBe(3);

    // Self-assessment: II.1 is the share of the village's households recognised by the 2026
    // household decision (computed, not typed); I.1 is typed. Missing I.1 → 400 on the form.
    const rows = await repo.entriesOf(db, c.id);
    const [dong, tay, trung] = ['T-99112-01', 'T-99112-02', 'T-99112-03'].map((code) => rows.find((r) => r.villageCode === code)!);
    const missing = await post(`${base}/ho/${dong!.id}`, { 'c-II.1': '100' });
    expect(missing.statusCode).toBe(400);
    expect(decode(missing.body)).toContain('Tiêu chí I.1: vui lòng chọn Đạt hoặc Không đạt.');
    expect((await repo.findEntry(db, dong!.id))!.status).toBe('registered');
    expect((await post(`${base}/ho/${dong!.id}`, { 'c-I.1': 'yes', 'c-II.1': '0' })).statusCode).toBe(302);
    expect(await repo.findEntry(db, dong!.id)).toMatchObject({ status: 'assessed', answers: { 'I.1': 'yes', 'II.1': '100' } });
    expect(await recordAssessment(ctx(), tay!.id, { 'c-I.1': 'yes' })).toEqual({ status: 'assessed', unmet: [] });
    expect(await recordAssessment(ctx(), trung!.id, { 'c-I.1': 'yes', 'c-II.1': '95' })).toEqual({ status: 'not_met', unmet: ['II.1'] });
    expect((await repo.findEntry(db, trung!.id))!.answers['II.1']).toBe('50');

    // Exclusion reasons are the village procedure's: a household reason is refused, nothing saved.
    await expect(excludeEntry(ctx(), trung!.id, { reason: 'child_marriage', basis: 'x' })).rejects.toMatchObject({ status: 400, fields: { reason: { vi: 'Vui lòng chọn lý do không xét.' } } });
    expect((await repo.findEntry(db, trung!.id))!.status).toBe('not_met');
    const entryPage = decode((await t.app.inject({ url: `${base}/ho/${trung!.id}`, headers: { cookie } })).body);
    expect(entryPage).toContain('<h1>Thôn Trung Hòa</h1>');
    expect(entryPage).toContain('Thôn, tổ dân phố có vụ việc nghiêm trọng về an ninh, trật tự trong năm');
    expect(entryPage).not.toContain('Thành viên tảo hôn');

    // A village round whose household round has no decision yet cannot be assessed (99111).
    const lone = await openYear(ctx(), { communeCode: '99111', year: 2026, titleKind: 'village' });
    await registerVillages(ctx(), lone.id, ['T-99111-01']);
    const [le] = await repo.entriesOf(db, lone.id);
    await expect(recordAssessment(ctx(), le!.id, { 'c-I.1': 'yes' })).rejects.toMatchObject({ code: 'TITLES-131', vi: expect.stringContaining('Chưa có quyết định công nhận "Gia đình văn hóa" năm 2026') });

    // Listing: 10 calendar days from 20/10 (rules file, village procedure) → 29/10.
    const listed = await post(`${base}/niem-yet`, { listingStart: '20/10/2026' });
    expect(listed.statusCode).toBe(302);
    expect(await repo.findCycle(db, c.id)).toMatchObject({ status: 'listing', listingEnd: '2026-10-29' });
    const pub = await t.app.inject({ url: '/danh-hieu-van-hoa/99112/2026/thon-to-dan-pho' });
    expect(pub.statusCode).toBe(200);
    expect(decode(pub.body)).toContain('Danh sách thôn, tổ dân phố đề nghị công nhận danh hiệu "Thôn, tổ dân phố văn hóa" năm 2026');
    expect(pub.body).toContain('Thôn Đông');
    expect(pub.body).not.toContain('Thôn Trung Hòa');
    expect((await t.app.inject({ url: '/danh-hieu-van-hoa/99112/2026/thon-to-dan-pho/thong-bao.pdf' })).headers['content-type']).toBe('application/pdf');
    at('2026-10-25');
    await addComment({ services: t.platform.services, actor: ANONYMOUS }, c.id, { authorName: 'Lê Cư Dân', body: 'Thôn Đông giữ gìn vệ sinh tốt.' });

    // Minutes on Fri 30/10 → decision due 10 working days later, Fri 13/11.
    at('2026-10-30');
    expect(await recordMinutes(ctx(), c.id, { number: '05/BB-HĐ', date: '30/10/2026', text: 'Hội đồng thống nhất đề nghị 2 thôn.' })).toEqual({ decisionDue: '2026-11-13' });

    // A decision dated inside the listing: 400 on the form, filled in, nothing saved.
    at('2026-11-02');
    const early = await post(`${base}/quyet-dinh`, { number: '88/QĐ-UBND', date: '29/10/2026', signer: 'Nguyễn Văn Chủ Tịch' });
    expect(early.statusCode).toBe(400);
    expect(decode(early.body)).toContain('Ngày quyết định (29/10/2026) phải sau ngày hết niêm yết 29/10/2026.');
    expect(early.body).toContain('value="88/QĐ-UBND"');
    expect((await repo.findCycle(db, c.id))!.status).toBe('reviewed');
    expect(await count(`SELECT count(*)::int AS n FROM titles_entries WHERE cycle_id = $1 AND status = 'recognised'`, [c.id])).toBe(0);
    expect((await repo.statistics(db, { year: 2026, titleKind: 'village' })).find((r) => r.communeCode === '99112')).toBeUndefined();

    const decided = await post(`${base}/quyet-dinh`, { number: '88/QĐ-UBND', date: '02/11/2026', signer: 'Nguyễn Văn Chủ Tịch' });
    expect(decided.statusCode).toBe(302);
    expect(await repo.findCycle(db, c.id)).toMatchObject({ status: 'decided', publishDue: '2026-11-17' });
    expect((await repo.statistics(db, { year: 2026, titleKind: 'village' })).find((r) => r.communeCode === '99112')).toMatchObject({ total: 3, recognised: 2 });
    const audit = await t.platform.services.pool.query(`SELECT summary FROM audit_log WHERE action = 'titles.decision' AND entity_id = $1`, [c.id]);
    expect(audit.rows[0].summary.after.decidingLevel).toBe('Chủ tịch Ủy ban nhân dân cấp xã');
    expect((await t.app.inject({ url: `${base}/quyet-dinh.pdf`, headers: { cookie } })).headers['content-type']).toBe('application/pdf');

    // Publication: the public list shows the villages' result.
    await publishList(ctx(), c.id);
    const list = decode((await t.app.inject({ url: '/danh-hieu-van-hoa?q=&xa=99112&nam=2026' })).body);
    expect(list).toContain('Thôn, tổ dân phố được công nhận "Thôn, tổ dân phố văn hóa" (2)');
    expect(list).toContain('88/QĐ-UBND');
    const api = (await t.app.inject({ url: '/api/v1/titles/recognised-villages?xa=99112&nam=2026' })).json();
    expect(api.items.map((x: { villageName: string }) => x.villageName)).toEqual(['Thôn Đông', 'Thôn Tây']);
    const stats = (await t.app.inject({ url: '/api/v1/titles/stats?nam=2026&danh_hieu=thon' })).json();
    expect(stats.items.find((x: { communeCode: string }) => x.communeCode === '99112')).toMatchObject({ titleKind: 'village', total: 3, recognised: 2, share: 66.7 });

    // Certificates: one page per village, and the verification page counts 3 consecutive years.
    const b = await requestCertificates(ctx(), c.id);
    await runCertificates(t.platform.services, b.id);
    expect(await repo.findBatch(db, b.id)).toMatchObject({ status: 'done', done: 2, total: 2 });
    expect(fs.readFileSync(batchFile(t.platform.services, b.id)).toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
    const verify = decode((await t.app.inject({ url: `/danh-hieu-van-hoa/xac-minh/${dong!.id}` })).body);
    expect(verify).toContain('Thôn Đông, Xã');
    expect(verify).toContain('"Thôn, tổ dân phố văn hóa" năm 2026 theo Quyết định số 88/QĐ-UBND');
    expect(verify).toContain('Số năm liên tục giữ danh hiệu: 3.');
    // Each command's audit row, written with it (assessments are on the entries).
    const actions = await t.platform.services.pool.query(`SELECT action FROM audit_log WHERE action LIKE 'titles.%' AND entity_id = $1 ORDER BY id`, [c.id]);
    expect(actions.rows.map((r) => r.action).sort()).toEqual(['titles.certificates', 'titles.comment', 'titles.decision', 'titles.import_registrations', 'titles.minutes', 'titles.open_year', 'titles.publish', 'titles.publish_listing']);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'titles.assess' AND entity_id = ANY($1::text[])`, [[dong!.id, tay!.id, trung!.id]])).toBe(3);
  });

  it('"tiêu biểu": the commune proposes only subjects recognised for the consecutive years of the rules; bad proposals are named, nothing saved', async () => {
    const db = t.platform.services.db;
    at('2026-11-05');
    const proposals = () => count('SELECT count(*)::int AS n FROM titles_proposals');
    const hh = (await repo.findCycleByCommuneYear(db, '99112', 2026))!;
    const streaks = await repo.recognisedWithStreak(db, hh);
    // 2024–2026: 18, 19 and 20 of 24 households recognised in register order.
    expect(streaks.filter((r) => r.yearsHeld === 3)).toHaveLength(18);
    const three = streaks.find((r) => r.yearsHeld === 3)!;
    const two = streaks.find((r) => r.yearsHeld === 2)!;
    const one = streaks.find((r) => r.yearsHeld === 1)!;
    const other = (await repo.recognisedWithStreak(db, (await repo.findCycleByCommuneYear(db, '99120', 2026))!))[0]!;
    const base = { communeCode: '99112', year: '2026', titleKind: 'household', number: '15/TTr-UBND', date: '05/11/2026' };

    await expect(createProposal({ services: t.platform.services, actor: ANONYMOUS }, { ...base, entryIds: [three.entryId] })).rejects.toMatchObject({ code: 'CORE-200' });
    const short = await createProposal(ctx(), { ...base, entryIds: [three.entryId, two.entryId] }).catch((e) => e);
    expect(short).toMatchObject({ status: 400, fields: { 'entries-1': { vi: `Hộ ông/bà ${two.name} mới giữ danh hiệu 2 năm liên tục; cần đủ 3 năm liên tục để đề nghị tiêu biểu.` } } });
    const foreign = await createProposal(ctx(), { ...base, entryIds: [other.entryId] }).catch((e) => e);
    expect(foreign.fields.entries.vi).toMatch(/^Có hộ được chọn không thuộc danh sách được công nhận "Gia đình văn hóa" năm 2026 của Xã/);
    const twice = await createProposal(ctx(), { ...base, entryIds: [three.entryId, three.entryId] }).catch((e) => e);
    expect(twice.fields['entries-1'].vi).toBe('Một hộ được chọn hai lần.');
    const none = await createProposal(ctx(), { ...base, entryIds: [] }).catch((e) => e);
    expect(none.fields.entries.vi).toBe('Vui lòng chọn ít nhất một hộ đề nghị tiêu biểu.');
    const early = await createProposal(ctx(), { ...base, date: '01/10/2026', entryIds: [three.entryId] }).catch((e) => e);
    expect(early.fields.date.vi).toBe('Ngày tờ trình phải từ ngày quyết định công nhận năm 2026 (17/10/2026).');
    // A commune whose round of that year has no decision cannot propose.
    const undecided = await createProposal(ctx(), { ...base, communeCode: '99111', titleKind: 'village', entryIds: [] }).catch((e) => e);
    expect(undecided).toMatchObject({ code: 'TITLES-170', status: 400 });
    await expect(createProposal(ctx(), { ...base, year: String(2 ** 70), entryIds: [three.entryId] })).rejects.toMatchObject({ status: 400, fields: { year: expect.anything() } });
    expect(await proposals()).toBe(0);

    // Through the page: the eligible list, a refused post re-rendered filled in, then the proposal.
    const page = decode((await t.app.inject({ url: '/quan-tri/danh-hieu/tieu-bieu?communeCode=99112&year=2026&titleKind=household', headers: { cookie } })).body);
    expect(page).toContain('Đủ 3 năm liên tục (18/20 được công nhận năm nay)');
    expect(page).toContain(`Hộ ông/bà ${one.name}`); // listed as not yet eligible
    const refused = await post('/quan-tri/danh-hieu/tieu-bieu', { ...base, date: '', [`e-${three.entryId}`]: 'on' });
    expect(refused.statusCode).toBe(400);
    expect(decode(refused.body)).toContain('Vui lòng nhập ngày tờ trình (ngày/tháng/năm).');
    expect(refused.body).toContain('value="15/TTr-UBND"');
    expect(refused.body).toMatch(new RegExp(`name="e-${three.entryId}" value="on" checked`));
    expect(await proposals()).toBe(0);
    const made = await post('/quan-tri/danh-hieu/tieu-bieu', { ...base, [`e-${three.entryId}`]: 'on' });
    expect(made.statusCode).toBe(302);
    const p = (await repo.listProposals(db))[0]!;
    expect(p).toMatchObject({ communeCode: '99112', titleKind: 'household', consecutiveYears: 3, status: 'submitted', proposedOn: '2026-11-05' });
    expect(await repo.proposalItems(db, p.id)).toMatchObject([{ name: three.name, yearsHeld: 3, awarded: null }]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'titles.propose' AND entity_id = $1`, [p.id])).toBe(1);
    const dup = await createProposal(ctx(), { ...base, entryIds: [streaks.filter((r) => r.yearsHeld === 3)[1]!.entryId] }).catch((e) => e);
    expect(dup).toMatchObject({ code: 'TITLES-171', status: 400 });
    expect(await proposals()).toBe(1);

    // The deciding level's answer: not before the proposal; then recorded per item.
    const [item] = await repo.proposalItems(db, p.id);
    await expect(decideProposal(ctx(), p.id, { number: '200/QĐ-UBND', date: '04/11/2026', signer: 'Chủ tịch UBND tỉnh', awardedIds: [item!.id] })).rejects.toMatchObject({ fields: { date: { vi: 'Ngày quyết định phải từ ngày tờ trình (05/11/2026).' } } });
    expect(await decideProposal(ctx(), p.id, { number: '200/QĐ-UBND', date: '05/11/2026', signer: 'Chủ tịch UBND tỉnh', awardedIds: [item!.id] })).toEqual({ awarded: 1 });
    expect(await repo.proposalItems(db, p.id)).toMatchObject([{ awarded: true }]);
    await expect(decideProposal(ctx(), p.id, { number: 'x', date: '05/11/2026', signer: 'x' })).rejects.toMatchObject({ status: 409 });

    // Villages: Thôn Đông and Thôn Tây held the title 2024–2026 (the round of the test above).
    const vc = (await repo.findCycleByCommuneYear(db, '99112', 2026, 'village'))!;
    const villages = await repo.recognisedWithStreak(db, vc);
    expect(villages.map((v) => [v.name, v.yearsHeld])).toEqual([
      ['Thôn Đông', 3],
      ['Thôn Tây', 3],
    ]);
    const vp = await createProposal(ctx(), { ...base, titleKind: 'village', number: '16/TTr-UBND', entryIds: [villages[0]!.entryId] });
    expect(vp).toMatchObject({ titleKind: 'village', consecutiveYears: 3 });
    const shown = decode((await t.app.inject({ url: `/quan-tri/danh-hieu/tieu-bieu/${vp.id}`, headers: { cookie } })).body);
    expect(shown).toContain('Đề nghị khen thưởng "Thôn, tổ dân phố văn hóa" tiêu biểu năm 2026');
    expect(shown).toContain('Thôn Đông');
    const tt = await t.app.inject({ url: `/quan-tri/danh-hieu/tieu-bieu/${vp.id}/to-trinh.pdf`, headers: { cookie } });
    expect(tt.headers['content-type']).toBe('application/pdf');
    expect(tt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.app.inject({ url: `/quan-tri/danh-hieu/tieu-bieu/${vp.id}/to-trinh.pdf` })).statusCode).not.toBe(200);
  });
});
