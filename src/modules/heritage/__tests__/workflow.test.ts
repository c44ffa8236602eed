import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { ANONYMOUS, SYSTEM } from '../../../core/auth/actor.js';
import { WorkingCalendar } from '../../../core/calendar/working-days.js';
import { createRelic } from '../heritage.commands.js';
import { canReturn, deadlineState, heritageWorkItems, moveFile, nextStep, openRankingFile, runFileReminders, stepDueOn, stepRuleAt } from '../heritage.workflow.js';
import type { StepRule } from '../heritage.workflow.repository.js';

const PDF = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

function rule(step: string, workingDays: number, effectiveFrom: string, effectiveTo: string | null = null): StepRule {
  return { id: `${step}-${effectiveFrom}`, step, label: step, labelEn: step, workingDays, remindBefore: 3, documents: '', documentsEn: '', legalBasis: 'x', confirmed: false, effectiveFrom, effectiveTo, sort: 10 };
}

describe('ranking-file rules (no database)', () => {
  const cal = new WorkingCalendar();

  it('steps go in order; the council or the authority may send a file back; submitted is left only by the decision', () => {
    expect(nextStep('proposal')).toBe('inventory');
    expect(nextStep('inventory')).toBe('profile');
    expect(nextStep('profile')).toBe('appraisal');
    expect(nextStep('appraisal')).toBe('submitted');
    expect(nextStep('submitted')).toBeNull();
    expect(nextStep('decided')).toBeNull();
    expect(['proposal', 'inventory', 'profile', 'appraisal', 'submitted'].filter((s) => canReturn(s as 'proposal'))).toEqual(['appraisal', 'submitted']);
  });

  it('deadlines count working days from the rule in force on the step’s first day (Tết, 30/4–1/5 skipped)', () => {
    const rules = [rule('inventory', 10, '2025-09-17', '2026-02-28'), rule('inventory', 20, '2026-03-01'), rule('decided', 0, '2025-09-17')];
    expect(stepRuleAt(rules, 'inventory', '2026-02-10')!.workingDays).toBe(10);
    expect(stepRuleAt(rules, 'inventory', '2026-03-02')!.workingDays).toBe(20);
    expect(stepRuleAt(rules, 'inventory', '2025-01-01')).toBeUndefined();
    // 10 working days from Tuesday 10/02/2026 cross the Tết holiday: 03/03/2026, not 24/02.
    expect(stepDueOn(cal, rules, 'inventory', '2026-02-10')).toBe('2026-03-03');
    // 5 working days from Friday 24/04/2026 skip the Hùng Kings' compensatory Monday and 30/4–1/5.
    expect(stepDueOn(cal, [rule('proposal', 5, '2025-09-17')], 'proposal', '2026-04-24')).toBe('2026-05-06');
    expect(stepDueOn(cal, rules, 'decided', '2026-02-10')).toBeNull();
    expect(stepDueOn(cal, [], 'proposal', '2026-02-10')).toBeNull();
  });

  it('a step is near its deadline within the reminder window (working days) and overdue the day after', () => {
    expect(deadlineState(cal, '2026-03-03', 3, '2026-02-26')).toBe('near'); // Thu, 3 working days before
    expect(deadlineState(cal, '2026-03-03', 3, '2026-02-25')).toBeNull();
    expect(deadlineState(cal, '2026-03-03', 3, '2026-03-03')).toBe('near');
    expect(deadlineState(cal, '2026-03-03', 3, '2026-03-04')).toBe('overdue');
    expect(deadlineState(cal, null, 3, '2026-03-04')).toBeNull();
  });
});

describe('ranking-file workflow', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());
  const ctx = () => ({ services: t.platform.services, actor: SYSTEM });

  it('demo: ranking files in progress with their step history, deadlines and documents; intangible elements with practitioners', async () => {
    const { pool } = t.platform.services;
    const files = (await pool.query(`SELECT f.id, f.step, f.step_due_on, r.code FROM heritage_ranking_files f JOIN heritage_relics r ON r.id = f.relic_id WHERE f.is_demo ORDER BY r.code`)).rows;
    expect(files.map((f) => [f.code, f.step])).toEqual([['DT-0003', 'submitted'], ['DT-0005', 'inventory'], ['DT-0010', 'appraisal']]);
    for (const f of files) {
      expect(f.step_due_on).toBeTruthy();
      const steps = (await pool.query('SELECT step, completed_on FROM heritage_ranking_file_steps WHERE file_id = $1 ORDER BY created_at', [f.id])).rows;
      expect(steps.at(-1)).toMatchObject({ step: f.step, completed_on: null });
      // Every step left carries a document, as the workflow requires.
      const docs = (await pool.query('SELECT DISTINCT step FROM heritage_ranking_file_documents WHERE file_id = $1', [f.id])).rows.map((d) => d.step);
      expect(docs.sort()).toEqual(steps.slice(0, -1).map((x) => x.step).sort());
    }
    const els = (await pool.query(`SELECT i.code, i.status, COUNT(p.id)::int AS n FROM heritage_intangibles i LEFT JOIN heritage_practitioners p ON p.intangible_id = i.id WHERE i.is_demo GROUP BY i.code, i.status ORDER BY i.code`)).rows;
    expect(els.length).toBe(4);
    expect(els.every((e) => e.n >= 1)).toBe(true);
    const list = await t.app.inject({ url: '/di-san/phi-vat-the' });
    expect(list.body).toContain('Nghề sơn mài Tương Bình Hiệp');
    expect(list.body).not.toContain('câu lạc bộ mẫu'); // the draft stays hidden
  });

  it('checks permission first and keeps one open file per relic', async () => {
    const r = await createRelic(ctx(), { name: 'Đình Quy Trình Một', relicType: 'historical' });
    await expect(openRankingFile({ services: t.platform.services, actor: ANONYMOUS }, r.id, { proposedLevel: 'provincial' })).rejects.toMatchObject({ code: 'CORE-200' });
    const bad = await openRankingFile(ctx(), r.id, { proposedLevel: 'cap_xa', startedOn: '31/02/2026' }).catch((e) => e);
    expect(bad.code).toBe('CORE-100');
    expect(Object.keys(bad.fields).sort()).toEqual(['proposedLevel', 'startedOn']);
    const f = await openRankingFile(ctx(), r.id, { proposedLevel: 'provincial', startedOn: '10/02/2026' });
    expect(f).toMatchObject({ step: 'proposal', state: 'open', action: 'rank', stepStartedOn: '2026-02-10' });
    expect(f.code).toMatch(/^HS-2026-\d{4}$/);
    await expect(openRankingFile(ctx(), r.id, { proposedLevel: 'national' })).rejects.toMatchObject({ code: 'HERITAGE-120' });
    // A step is not left without a document of its own; nothing changes.
    await expect(moveFile(ctx(), f.id, f.version, 'advance')).rejects.toMatchObject({ code: 'HERITAGE-122' });
    await expect(moveFile(ctx(), f.id, f.version, 'stop', { note: '' })).rejects.toMatchObject({ code: 'CORE-100' });
    await expect(moveFile(ctx(), f.id, f.version, 'return', { note: 'x' })).rejects.toMatchObject({ code: 'HERITAGE-123' });
    const stopped = await moveFile(ctx(), f.id, f.version, 'stop', { note: 'UBND xã rút đề nghị' });
    expect(stopped.state).toBe('stopped');
    await expect(moveFile(ctx(), f.id, stopped.version, 'advance')).rejects.toMatchObject({ code: 'HERITAGE-121' });
  });

  it('an officer takes a file from proposal to decision through the pages; the decision updates the register; reminders and "Việc của tôi"', async () => {
    const s = t.platform.services;
    const r = await createRelic(ctx(), { name: 'Miếu Quy Trình Hai', relicType: 'architectural_artistic', lat: '13.2', lng: '109.2' });
    const cookie = await loginCookies(t.app, 'chuyenvien.qlds@vanhien.test');
    expect((await t.app.inject({ url: '/quan-tri/di-san/ho-so' })).statusCode).not.toBe(200);
    const { csrf, cookie: c } = await csrfFor(t.app, '/quan-tri/di-san/ho-so', cookie);
    const post = (url: string, fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: c, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString() });
    const multipart = (url: string, fields: Record<string, string>, file?: { name: string; data: Buffer; type: string }) => {
      const b = '----vhwf';
      const parts = [`--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`, ...Object.entries(fields).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)];
      const payload = Buffer.concat([
        Buffer.from(parts.join('')),
        file ? Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n')]) : Buffer.alloc(0),
        Buffer.from(`--${b}--\r\n`),
      ]);
      return t.app.inject({ method: 'POST', url: `${url}?_csrf=${encodeURIComponent(csrf)}`, headers: { cookie: c, 'content-type': `multipart/form-data; boundary=${b}` }, payload });
    };

    // Bad input: the form comes back filled in, in Vietnamese.
    const bad = await post('/quan-tri/di-san/ho-so', { relicCode: 'DT-KHONG-CO', proposedLevel: 'provincial', note: 'Đề nghị của UBND xã' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Không có di tích mã &quot;DT-KHONG-CO&quot;');
    expect(bad.body).toContain('Đề nghị của UBND xã');
    const opened = await post('/quan-tri/di-san/ho-so', { relicCode: r.code, proposedLevel: 'provincial', startedOn: '10/02/2026' });
    expect(opened.statusCode).toBe(302);
    const id = opened.headers.location!.split('/').pop()!;
    let page = await t.app.inject({ url: `/quan-tri/di-san/ho-so/${id}`, headers: { cookie: c } });
    expect(page.body).toContain('Đề nghị xếp hạng');
    // 10 working days across Tết (rules JSON: proposal = 10 working days).
    expect(page.body).toMatch(/Quá hạn \(03\/03\/2026\)/);

    const version = async () => (await s.pool.query('SELECT version FROM heritage_ranking_files WHERE id = $1', [id])).rows[0].version as number;
    const noDoc = await post(`/quan-tri/di-san/ho-so/${id}/chuyen`, { move: 'advance', version: String(await version()) });
    expect(noDoc.statusCode).toBe(409);
    expect(noDoc.body).toContain('chưa có tài liệu');
    // Type from the bytes: a text file named .pdf is refused.
    const fake = await multipart(`/quan-tri/di-san/ho-so/${id}/tai-lieu`, { title: 'Văn bản đề nghị' }, { name: 'de-nghi.pdf', data: Buffer.from('không phải PDF'), type: 'application/pdf' });
    expect(fake.statusCode).toBe(415);
    expect(fake.body).toContain('value="Văn bản đề nghị"');

    for (const [step, title] of [
      ['proposal', 'Văn bản đề nghị của UBND xã'],
      ['inventory', 'Phiếu kiểm kê'],
      ['profile', 'Hồ sơ khoa học'],
      ['appraisal', 'Biên bản Hội đồng'],
    ] as const) {
      const up = await multipart(`/quan-tri/di-san/ho-so/${id}/tai-lieu`, { title }, { name: `${step}.pdf`, data: PDF(step), type: 'application/pdf' });
      expect(up.statusCode, step).toBe(302);
      if (step === 'appraisal') {
        // The council asks for more: back to the profile step, reason required.
        expect((await post(`/quan-tri/di-san/ho-so/${id}/chuyen`, { move: 'return', version: String(await version()), note: '' })).statusCode).toBe(400);
        expect((await post(`/quan-tri/di-san/ho-so/${id}/chuyen`, { move: 'return', version: String(await version()), note: 'Bổ sung bản vẽ mặt bằng' })).statusCode).toBe(302);
        expect((await s.pool.query('SELECT step FROM heritage_ranking_files WHERE id = $1', [id])).rows[0].step).toBe('profile');
        expect((await post(`/quan-tri/di-san/ho-so/${id}/chuyen`, { move: 'advance', version: String(await version()) })).statusCode).toBe(302);
      }
      const moved = await post(`/quan-tri/di-san/ho-so/${id}/chuyen`, { move: 'advance', version: String(await version()) });
      expect(moved.statusCode, step).toBe(302);
    }
    // A form posted from a page that is out of date changes nothing.
    const stale = await post(`/quan-tri/di-san/ho-so/${id}/chuyen`, { move: 'stop', note: 'x', version: '1' });
    expect(stale.statusCode).toBe(409);
    const file = (await s.pool.query('SELECT step, step_due_on FROM heritage_ranking_files WHERE id = $1', [id])).rows[0];
    expect(file.step).toBe('submitted');
    const steps = await s.pool.query('SELECT step, outcome FROM heritage_ranking_file_steps WHERE file_id = $1 ORDER BY created_at', [id]);
    expect(steps.rows.map((x) => x.step)).toEqual(['proposal', 'inventory', 'profile', 'appraisal', 'profile', 'appraisal', 'submitted']);

    // "Việc của tôi" lists the open file; the daily job reminds the officer once per kind.
    const grants = (
      await s.pool.query(
        `SELECT rp.permission_code AS permission, ra.unit_id FROM role_assignments ra JOIN role_permissions rp ON rp.role_id = ra.role_id JOIN users u ON u.id = ra.user_id WHERE u.email = 'chuyenvien.qlds@vanhien.test'`,
      )
    ).rows.map((x) => ({ permission: x.permission as string, unitId: x.unit_id as string }));
    const queues = await heritageWorkItems(s, { userId: null, label: 'x', kind: 'staff', grants });
    expect(queues[0]!.key).toBe('heritage.ranking');
    expect(queues[0]!.count).toBeGreaterThan(0);
    expect(await heritageWorkItems(s, { userId: null, label: 'x', kind: 'staff', grants: [] })).toEqual([]);
    const farFuture = new Date(Date.UTC(2030, 0, 10, 3));
    expect(await runFileReminders(s, farFuture)).toBeGreaterThan(0);
    expect(await runFileReminders(s, farFuture)).toBe(0);
    const mails = await s.pool.query(`SELECT to_address FROM mail_outbox WHERE subject LIKE '[Quá hạn] Hồ sơ xếp hạng HS-%'`);
    expect(mails.rows.map((m) => m.to_address)).toContain('chuyenvien.qlds@vanhien.test');

    // The decision: a bad date is named, the form kept; then recorded with its PDF.
    const badDecision = await multipart(`/quan-tri/di-san/ho-so/${id}/quyet-dinh`, { version: String(await version()), level: 'provincial', number: '45/QĐ-UBND', decidedOn: '32/13/2026', issuer: 'Chủ tịch UBND tỉnh' });
    expect(badDecision.statusCode).toBe(400);
    expect(badDecision.body).toContain('value="45/QĐ-UBND"');
    page = await t.app.inject({ url: `/quan-tri/di-san/ho-so/${id}`, headers: { cookie: c } });
    const submittedOn = (await s.pool.query(`SELECT to_char(step_started_on, 'DD/MM/YYYY') AS d FROM heritage_ranking_files WHERE id = $1`, [id])).rows[0].d as string;
    const decided = await multipart(
      `/quan-tri/di-san/ho-so/${id}/quyet-dinh`,
      { version: String(await version()), level: 'provincial', number: '45/QĐ-UBND', decidedOn: submittedOn, issuer: 'Chủ tịch UBND tỉnh' },
      { name: 'qd.pdf', data: PDF('decision'), type: 'application/pdf' },
    );
    expect(decided.statusCode).toBe(302);
    const relic = (await s.pool.query('SELECT level, status FROM heritage_relics WHERE id = $1', [r.id])).rows[0];
    expect(relic).toEqual({ level: 'provincial', status: 'review' });
    const dec = (await s.pool.query('SELECT number, file_id FROM heritage_ranking_decisions WHERE relic_id = $1', [r.id])).rows;
    expect(dec).toHaveLength(1);
    expect(dec[0].file_id).toBeTruthy();
    const done = (await s.pool.query('SELECT state, step, decision_id FROM heritage_ranking_files WHERE id = $1', [id])).rows[0];
    expect(done).toMatchObject({ state: 'decided', step: 'decided' });
    page = await t.app.inject({ url: `/quan-tri/di-san/ho-so/${id}`, headers: { cookie: c } });
    expect(page.body).toContain('Đã quyết định');
    const docs = await s.pool.query('SELECT id FROM heritage_ranking_file_documents WHERE file_id = $1', [id]);
    expect(docs.rows).toHaveLength(5);
    const dl = await t.app.inject({ url: `/quan-tri/di-san/ho-so/tai-lieu/${docs.rows[0].id}`, headers: { cookie: c } });
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect((await t.app.inject({ url: `/quan-tri/di-san/ho-so/tai-lieu/${docs.rows[0].id}` })).statusCode).not.toBe(200);
    const audit = await s.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit.rows.map((a) => a.action)).toEqual(expect.arrayContaining(['heritage.file_open', 'heritage.file_document_add', 'heritage.file_advance', 'heritage.file_return', 'heritage.file_remind', 'heritage.file_decide']));
  });
});
