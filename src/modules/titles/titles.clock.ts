import { vnIsoDate } from '../../core/validation.js';

/** Today in Vietnam. Tests replace `today` to move through a round (a listing of 10 days, the
 * decision after it) without waiting; nothing else writes it. */
export const titlesClock = { today: (): string => vnIsoDate() };
