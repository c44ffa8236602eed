import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateVi, vnIsoDate } from '../validation.js';

// vnIsoDate keeps the day's string between calls (it runs on every request): the kept value
// must never outlive the Vietnamese calendar day, whichever way the clock or the argument moves.
describe('vnIsoDate', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns at midnight in Viet Nam (17:00 UTC), for the clock and for a given instant alike', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-31T16:59:59.999Z'));
    expect(vnIsoDate()).toBe('2026-12-31');
    vi.setSystemTime(new Date('2026-12-31T17:00:00.000Z'));
    expect(vnIsoDate()).toBe('2027-01-01');
    // A given instant on another day answers for that day, and the clock's day is not disturbed.
    expect(vnIsoDate(new Date('2024-02-28T17:30:00Z'))).toBe('2024-02-29');
    expect(vnIsoDate()).toBe('2027-01-01');
    // Back in time (a test clock, a corrected server clock): the earlier day again.
    vi.setSystemTime(new Date('2026-12-30T10:00:00Z'));
    expect(vnIsoDate()).toBe('2026-12-30');
    expect(formatDateVi(new Date('2026-09-01T18:00:00Z'))).toBe('02/09/2026');
  });

  it('refuses an invalid date as before', () => {
    expect(() => vnIsoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
