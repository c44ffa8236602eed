import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM } from '../../../core/auth/actor.js';
import { feedbackStatistics, parsePeriod } from '../feedback.stats.js';
import { feedbackClock } from '../feedback.time.js';
import { insertCrafted } from './crafted.js';

describe('feedback statistics (issue 4 part 6, Decision 766 ratios)', () => {
  let t: TestPlatform;
  let leader: string;
  let officer: string;
  const realNow = feedbackClock.now;

  beforeAll(async () => {
    t = await startTestPlatform();
    await insertCrafted(t.platform.services.pool);
    [leader, officer] = await Promise.all([loginCookies(t.app, 'lanhdao@vanhien.test'), loginCookies(t.app, 'chuyenvien@vanhien.test')]);
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    feedbackClock.now = realNow;
  });

  const ctx = () => ({ services: t.platform.services, actor: SYSTEM });
  const atApril20 = () => {
    feedbackClock.now = () => new Date('2026-04-20T10:00:00+07:00');
  };

  it('periods: month, quarter, 6/9/12 months from 1 January, custom dd/mm/yyyy', () => {
    expect(parsePeriod({ ky: 'thang', nam: '2026', thang: '2' })).toMatchObject({ from: '2026-02-01', to: '2026-02-28', label: 'Tháng 02/2026' });
    expect(parsePeriod({ ky: 'quy', nam: '2024', quy: '1' })).toMatchObject({ from: '2024-01-01', to: '2024-03-31', label: 'Quý I/2024' });
    expect(parsePeriod({ ky: '6-thang', nam: '2026' })).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
    expect(parsePeriod({ ky: '9-thang', nam: '2026' })).toMatchObject({ from: '2026-01-01', to: '2026-09-30' });
    expect(parsePeriod({ ky: 'nam', nam: '2026' })).toMatchObject({ from: '2026-01-01', to: '2026-12-31', label: 'Năm 2026' });
    expect(parsePeriod({ ky: 'tuy-chon', tu: '5/3/2026', den: '20/03/2026' })).toMatchObject({
      from: '2026-03-05',
      to: '2026-03-20',
      label: 'Từ 05/03/2026 đến 20/03/2026',
    });
    expect(() => parsePeriod({ ky: 'tuy-chon', tu: '31/02/2026', den: '' })).toThrow();
  });

  it('every figure and both ratios of the crafted month', async () => {
    atApril20();
    const r = await feedbackStatistics(ctx(), { ky: 'thang', nam: '2026', thang: '3' });
    expect(r.period).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    const { category, unit, ...total } = r.total;
    expect(category).toBeNull();
    expect(unit).toBeNull();
    expect(total).toEqual({
      received: 13,
      byChannel: { web: 8, hotline: 3, open311: 1, email: 1 },
      unclassified: 2,
      within: 7,
      forwarded: 1,
      forwardedLate: 1,
      rejected: 1,
      outOfProcess: 1,
      merged: 1,
      early: 2,
      onTime: 2,
      late: 1,
      pending: 1,
      overdue: 1,
      reopened: 2,
      reopenings: 3,
      verySatisfied: 1,
      satisfied: 1,
      unsatisfied: 3,
      notRated: 0,
      unsatisfiedOrLate: 4,
      // (2 early + 2 on time) ÷ 7 within remit
      onTimeRatio: 57.1,
      // (7 − 4 unsatisfied or late: 9001, 9003 late and unsatisfied once, 9004, 9005 overdue) ÷ 7
      satisfactionRatio: 42.9,
    });
    const karaoke = r.byCategory.find((x) => x.category === 'VH-KARAOKE')!;
    expect(karaoke).toMatchObject({ received: 9, within: 4, early: 1, onTime: 2, late: 1, onTimeRatio: 75, satisfactionRatio: 50 });
    const tourism = r.byCategory.find((x) => x.category === 'DL-DICHVU')!;
    expect(tourism).toMatchObject({ received: 4, within: 3, early: 1, overdue: 1, pending: 1, onTimeRatio: 33.3, satisfactionRatio: 33.3 });
    expect(r.byCategory).toHaveLength(2);
    // 9011 is a tourism case handled by the culture division: units follow the case's routing.
    const qlvh = r.byUnit.find((x) => x.unit === 'QLVH')!;
    const qldl = r.byUnit.find((x) => x.unit === 'QLDL')!;
    expect(qlvh).toMatchObject({ received: 10, within: 5, pending: 1, onTimeRatio: 60, satisfactionRatio: 60 });
    expect(qldl).toMatchObject({ received: 3, within: 2, overdue: 1, early: 1, onTimeRatio: 50, satisfactionRatio: 0 });
  });

  it('filters by category and unit; the custom range counts whole Vietnamese days', async () => {
    atApril20();
    const byUnit = await feedbackStatistics(ctx(), { ky: 'thang', nam: '2026', thang: '3', unit: 'QLDL' });
    expect(byUnit.total).toMatchObject({ received: 3, within: 2 });
    const lastDay = await feedbackStatistics(ctx(), { ky: 'tuy-chon', tu: '31/03/2026', den: '01/04/2026' });
    expect(lastDay.total.received).toBe(2);
    const q1 = await feedbackStatistics(ctx(), { ky: 'quy', nam: '2026', quy: '1' });
    expect(q1.total.received).toBe(14);
  });

  it('an empty period divides by nothing: ratios are null and shown as "—"', async () => {
    atApril20();
    const r = await feedbackStatistics(ctx(), { ky: 'thang', nam: '2020', thang: '1' });
    expect(r.total).toMatchObject({ received: 0, within: 0, onTimeRatio: null, satisfactionRatio: null });
    expect(r.byCategory).toEqual([]);
    const page = await t.app.inject({ url: '/quan-tri/phan-anh/thong-ke?ky=thang&nam=2020&thang=1', headers: { cookie: leader } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong data-ratio="on-time">—</strong>');
    expect(page.body).toContain('<strong data-ratio="satisfaction">—</strong>');
    // a category with cases but none within remit in the period
    const none = await feedbackStatistics(ctx(), { ky: 'thang', nam: '2026', thang: '3', category: 'DS-DITICH' });
    expect(none.total.onTimeRatio).toBeNull();
  });

  it('the page shows the figures, the formulas and the Vietnamese periods; bad input keeps the values', async () => {
    feedbackClock.now = () => new Date('2026-04-20T10:00:00+07:00');
    const page = await t.app.inject({ url: '/quan-tri/phan-anh/thong-ke?ky=thang&nam=2026&thang=3', headers: { cookie: leader } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kỳ báo cáo: Tháng 03/2026 (01/03/2026 – 31/03/2026)');
    expect(page.body).toContain('<strong data-ratio="on-time">57,1 %</strong>');
    expect(page.body).toContain('<strong data-ratio="satisfaction">42,9 %</strong>');
    expect(page.body).toContain('Kỳ này: 4 ÷ 7');
    expect(page.body).toContain('Kỳ này: (7 − 4) ÷ 7');
    expect(page.body).toContain('Phòng Quản lý Du lịch');
    expect(page.body).not.toContain('0988777666');
    const bad = await t.app.inject({ url: '/quan-tri/phan-anh/thong-ke?ky=tuy-chon&tu=31/02/2026&den=x', headers: { cookie: leader } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ngày bắt đầu không hợp lệ: nhập theo dạng ngày/tháng/năm');
    expect(bad.body).toContain('value="31/02/2026"');
    const reversed = await t.app.inject({ url: '/quan-tri/phan-anh/thong-ke?ky=tuy-chon&tu=20/03/2026&den=01/03/2026', headers: { cookie: leader } });
    expect(reversed.body).toContain('Ngày kết thúc phải cùng hoặc sau ngày bắt đầu.');
  });

  it('only holders of view:feedback_stats:all see the figures', async () => {
    expect((await t.app.inject({ url: '/quan-tri/phan-anh/thong-ke', headers: { cookie: officer } })).statusCode).toBe(403);
    const anon = await t.app.inject({ url: '/quan-tri/phan-anh/thong-ke' });
    expect([302, 303, 401]).toContain(anon.statusCode);
    await expect(
      feedbackStatistics({ services: t.platform.services, actor: { userId: null, label: 'x', kind: 'staff', grants: [] } }, { ky: 'nam', nam: '2026' }),
    ).rejects.toMatchObject({ code: 'CORE-300' });
  });
});
