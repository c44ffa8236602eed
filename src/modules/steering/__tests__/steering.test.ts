import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { ANONYMOUS, SYSTEM } from '../../../core/auth/actor.js';
import { dossierPeriodBounds, dossierStatistics } from '../../dossiers/index.js';
import { feedbackStatistics } from '../../feedback/index.js';
import { createPlan, createTask, remindAndEscalate, updateProgress } from '../steering.commands.js';
import { buildReportContent } from '../steering.figures.js';
import { reportDocx } from '../steering.documents.js';
import * as repo from '../steering.repository.js';

let tp: TestPlatform;
let leader: string;
let officer: string;
const ctx = () => ({ services: tp.platform.services, actor: SYSTEM });

beforeAll(async () => {
  tp = await startTestPlatform();
  ({ leader, officer } = await apiTokens(tp.app, { leader: 'lanhdao@vanhien.test', officer: 'chuyenvien@vanhien.test' }));
}, 120_000);
afterAll(async () => tp?.close());

const api = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
  tp.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload: payload as object } : {}) });

describe('steering: demo data', () => {
  it('seeds the 2025 plan with 30 tasks, a conference with conclusions and a 2025 report', async () => {
    const db = tp.platform.services.db;
    const plans = await repo.listPlans(db);
    const plan = plans.find((p) => p.number === '12/KH-SVHTTDL')!;
    expect(plan.published).toBe(true);
    expect((await repo.board(db, '2026-12-05', { planId: plan.id })).length).toBe(30);
    const meetings = await repo.listMeetings(db);
    expect((await repo.conclusionsOf(db, meetings[0]!.id)).length).toBe(4);
    const reports = await repo.listReports(db);
    expect(reports.some((r) => r.kind === 'yearly' && r.year === 2025)).toBe(true);
  });
});

describe('steering: bad input is named, never a silent 0', () => {
  it('a task without owner → STEERING-101, without deadline → STEERING-102 (API and command)', async () => {
    const noOwner = await api('POST', '/api/v1/steering/tasks', leader, { title: 'Việc thử', deadline: '2027-01-15' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().code).toBe('STEERING-101');
    const noDeadline = await api('POST', '/api/v1/steering/tasks', leader, { title: 'Việc thử', ownerUnit: 'QLVH' });
    expect(noDeadline.json().code).toBe('STEERING-102');
    await expect(createTask(ctx(), { title: 'X', ownerUnit: 'QLVH' })).rejects.toMatchObject({ code: 'STEERING-102' });
    await expect(createTask({ ...ctx(), actor: ANONYMOUS }, { title: 'X' })).rejects.toMatchObject({ code: 'CORE-200' });
    const ok = await api('POST', '/api/v1/steering/tasks', leader, { title: 'Việc thử', ownerUnit: 'QLVH', workingDays: 5 });
    expect(ok.statusCode).toBe(201);
    // the deadline is 5 working days later on the working-day calendar
    const cal = await tp.platform.services.calendar.calendar();
    expect(ok.json().deadline).toBe(cal.addWorkingDays(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10), 5));
  });

  it('a target on an unknown indicator code → STEERING-103', async () => {
    const res = await api('POST', '/api/v1/steering/plans', leader, {
      number: '99/KH-THU',
      issuedOn: '05/01/2026',
      issuer: 'Sở',
      title: 'Kế hoạch thử',
      periodFrom: '01/01/2026',
      periodTo: '31/12/2026',
      targets: [{ label: 'Chỉ tiêu lạ', indicatorCode: 'XX.99', targetValue: 5 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('STEERING-103');
    expect(JSON.stringify(res.json())).toContain('XX.99');
    const plan = await createPlan(ctx(), {
      number: '98/KH-THU',
      issuedOn: '05/01/2026',
      issuer: 'Sở',
      title: 'Thử',
      periodFrom: '01/01/2026',
      periodTo: '31/12/2026',
      targets: [{ label: 'Đúng hạn', indicatorCode: 'DVC.03', targetValue: 95, periodCode: '2031' }],
    });
    const page = await tp.app.inject({ url: `/quan-tri/chi-dao/ke-hoach/${plan.id}`, headers: { cookie: await loginCookies(tp.app, 'lanhdao@vanhien.test') } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('chưa có số liệu');
  });

  it('a report figure whose source has no data for the period says so (no wrong zero)', async () => {
    const c = await buildReportContent(tp.platform.services, 'yearly', 2031, null);
    const fields = c.sections.find((s) => s.key === 'fields')!;
    expect(fields.figures.every((f) => f.value === null && f.missing)).toBe(true);
    const dvc = c.sections.find((s) => s.key === 'dvc')!;
    expect(dvc.figures.find((f) => f.key === 'dvc.onTimeRate')!.value).toBeNull();
    // …and the document prints the gap in the figure's cell, not a 0
    const meta = { parent: 'UBND tỉnh', agency: 'Sở', number: '1/BC-THU', place: 'Văn Hiến', date: '2031-12-31', status: '', signer: null };
    const lines = (await mammoth.extractRawText({ buffer: await reportDocx(c, meta) })).value.split('\n').filter((l) => l.trim());
    for (const f of [...fields.figures, dvc.figures.find((x) => x.key === 'dvc.onTimeRate')!]) {
      const at = lines.indexOf(f.label);
      expect(at, f.label).toBeGreaterThan(-1);
      expect(lines[at + 1]).toMatch(/^chưa có số liệu \(.+\)$/);
    }
  });

  it('dropping a task needs a reason (STEERING-104); a unit cannot update another unit’s task', async () => {
    const t = await createTask(ctx(), { title: 'Việc của Thư viện', ownerUnit: 'TV', deadline: '15/01/2027' });
    await expect(updateProgress(ctx(), t.id, { status: 'dropped', progress: '10', note: 'Dừng' })).rejects.toMatchObject({ code: 'STEERING-104' });
    const res = await tp.app.inject({
      method: 'GET',
      url: `/quan-tri/chi-dao/nhiem-vu/${t.id}`,
      headers: { cookie: await loginCookies(tp.app, 'chuyenvien@vanhien.test') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Gửi cập nhật');
    void officer;
  });
});

describe('steering: report generator', () => {
  it('POST /api/v1/steering/reports → DOCX with the official heading and the live figures; PDF; approval before publishing', async () => {
    const anon = await api('POST', '/api/v1/steering/reports', undefined, { kind: 'yearly', year: 2026 });
    expect(anon.statusCode).toBe(401);
    const bad = await api('POST', '/api/v1/steering/reports', leader, { kind: 'monthly', year: 2026 });
    expect(bad.statusCode).toBe(400);
    const res = await api('POST', '/api/v1/steering/reports', leader, { kind: 'yearly', year: 2026 });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    const docx = await api('GET', r.docx, leader);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const { value: text } = await mammoth.extractRawText({ buffer: docx.rawPayload });
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH');
    expect(text).toContain(`Số: ${r.number}`);
    expect(text).toContain('I. GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).toContain('DỰ THẢO');
    // The figures are the statistics pages' own queries for 2026.
    const s = tp.platform.services;
    const p = { from: '2026-01-01', to: '2026-12-31' };
    const ds = await dossierStatistics(s.db, dossierPeriodBounds(p), { kind: 'nam', ...p, label: 'Năm 2026' }, 'unit');
    const fb = await feedbackStatistics({ services: s, actor: SYSTEM }, { ky: 'nam', nam: '2026' });
    expect(text).toContain(ds.total.received.toLocaleString('vi-VN'));
    expect(text).toContain(fb.total.received.toLocaleString('vi-VN'));
    // Times New Roman in the document's XML
    const { default: JSZip } = await import('jszip').catch(() => ({ default: null as never }));
    if (JSZip) {
      const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
      expect(xml).toContain('Times New Roman');
      expect(xml).toMatch(/w:sz w:val="26"/); // 13 pt body
    }
    const pdf = await api('GET', r.pdf, leader);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // not public before it is published
    expect((await api('GET', r.pdf)).statusCode).toBe(401);
    // a draft is not on the portal's documents page
    expect((await tp.app.inject({ url: '/van-ban' })).body).not.toContain(`/chi-dao-dieu-hanh/bao-cao/${r.id}`);
    const early = await api('POST', `/api/v1/steering/reports/${r.id}/publish`, leader);
    expect(early.json().code).toBe('STEERING-106');
    expect((await api('POST', `/api/v1/steering/reports/${r.id}/approve`, officer)).statusCode).toBe(403);
    expect((await api('POST', `/api/v1/steering/reports/${r.id}/approve`, leader)).json().status).toBe('approved');
    expect((await api('POST', `/api/v1/steering/reports/${r.id}/publish`, leader)).json().status).toBe('published');
    expect((await api('GET', r.pdf)).statusCode).toBe(200);
    const pub = await tp.app.inject({ url: '/chi-dao-dieu-hanh' });
    expect(pub.body).toContain(r.number);
    // Part 7: the portal's documents page lists the published plan and the published report
    // (the portal's publicDocuments hook) and its filters apply to them.
    const plan = (await repo.listPlans(s.db, true)).find((x) => x.number === '12/KH-SVHTTDL')!;
    const docs = (await tp.app.inject({ url: '/van-ban' })).body;
    expect(docs).toContain(`href="/chi-dao-dieu-hanh/bao-cao/${r.id}"`);
    expect(docs).toContain(`href="/api/v1/steering/reports/${r.id}.pdf"`);
    expect(docs).toContain(`href="/chi-dao-dieu-hanh/ke-hoach/${plan.id}"`);
    const reports = (await tp.app.inject({ url: `/van-ban?loai=${encodeURIComponent('Báo cáo')}&q=cai+cach+hanh+chinh` })).body;
    expect(reports).toContain(`/chi-dao-dieu-hanh/bao-cao/${r.id}`);
    expect(reports).not.toContain(`/chi-dao-dieu-hanh/ke-hoach/${plan.id}`);
    expect((await tp.app.inject({ url: `/van-ban?loai=${encodeURIComponent('Quyết định')}` })).body).not.toContain('/chi-dao-dieu-hanh/');
  }, 120_000); // generation, DOCX and PDF three times over on a shared 2-core machine; speed is measured in bench/steering.ts

  it('reminders and escalation run once per task', async () => {
    const s = tp.platform.services;
    const first = await remindAndEscalate(s);
    expect(first.escalated.length).toBeGreaterThan(0);
    const again = await remindAndEscalate(s);
    expect(again.escalated).toEqual([]);
    expect(again.reminded).toEqual([]);
  });
});
