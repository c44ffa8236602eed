import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';

// Through the HTTP API, with the seeded 2026 civil-service schedule in the database.
const DUE_CASES: [string, number, string][] = [
  ['2026-11-25', 1, '2026-11-26'],
  ['2026-11-25', 0, '2026-11-25'],
  ['2026-11-27', 1, '2026-11-30'], // Friday + 1 → Monday
  ['2026-02-13', 1, '2026-02-23'], // Tết 14–22 Feb 2026
  ['2026-01-09', 1, '2026-01-10'], // Saturday 10 Jan 2026 is a swapped working day
  ['2026-04-24', 1, '2026-04-28'], // 27 Apr compensates Hùng Kings' day on a Sunday
  ['2026-04-29', 1, '2026-05-04'], // 30 Apr, 1 May, weekend
  ['2026-08-31', 1, '2026-09-03'], // 1–2 Sep 2026
  ['2024-12-31', 1, '2025-01-02'],
  ['2027-02-04', 1, '2027-02-12'], // default Tết 2027: 5–9 Feb; Sat 6 and Sun 7 compensated on 10–11 Feb
  ['2030-12-31', 15, '2031-01-29'], // 1 Jan, then Tết 2031 (22–26 Jan, compensated 27–28 Jan)
];

describe('calendar API', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it.each(DUE_CASES)('due from %s + %i working days = %s', async (from, n, due) => {
    const res = await t.app.inject({ url: `/api/v1/calendar/due?from=${from}&workingDays=${n}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ from, workingDays: n, due });
  });

  it('lists the holidays of a year with names, applying the official schedule', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/holidays?year=2026' });
    const body = res.json() as { holidays: { date: string; name: string }[]; workingDaysSwapped: { date: string }[] };
    const dates = body.holidays.map((h) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02']));
    expect(body.workingDaysSwapped.map((d) => d.date)).toContain('2026-01-10');
    for (const h of body.holidays) expect(h.name.length).toBeGreaterThan(3);
  });

  it.each([2024, 2025, 2027, 2028, 2029, 2030])('computes Tết and Hùng Kings day for %i', async (year) => {
    const tet: Record<number, string> = { 2024: '2024-02-10', 2025: '2025-01-29', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-02' };
    const hung: Record<number, string> = { 2024: '2024-04-18', 2025: '2025-04-07', 2027: '2027-04-16', 2028: '2028-04-04', 2029: '2029-04-23', 2030: '2030-04-12' };
    const body = (await t.app.inject({ url: `/api/v1/calendar/holidays?year=${year}` })).json() as { holidays: { date: string }[] };
    const dates = body.holidays.map((h) => h.date);
    expect(dates).toContain(tet[year]);
    expect(dates).toContain(hung[year]);
  });

  it('rejects bad input with problem details in Vietnamese', async () => {
    for (const url of ['/api/v1/calendar/due?from=2026-02-30&workingDays=1', '/api/v1/calendar/due?from=25/11/2026&workingDays=1', '/api/v1/calendar/due?from=2026-11-25&workingDays=-1', '/api/v1/calendar/due?from=2026-11-25', '/api/v1/calendar/holidays?year=abc']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêếềệểễôốồộổỗơớờợởỡưứừựửữíìịỉĩúùụủũóòọỏõéèẹẻẽýỳỵỷỹđ]/);
    }
  });
});
