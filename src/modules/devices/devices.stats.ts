import type { Services } from '../../core/context.js';
import type { IndicatorPeriod, IndicatorValue } from '../../core/module.js';
import * as repo from './devices.repository.js';
import type { Facility } from './devices.repository.js';

/** The facility's opening time on `day` as an instant (Vietnam has no daylight saving: +07:00). */
export function openingInstant(day: string, opensAt: string): Date {
  return new Date(`${day}T${opensAt.slice(0, 5)}:00+07:00`);
}

/** Today at one facility: per entrance, occupancy now (in − out since opening), by hour, 14 days. */
export async function facilityToday(s: Services, facility: Facility, day: string) {
  const opensAt = facility.opensAt.slice(0, 5);
  const all = (await repo.listDevices(s.db)).filter((d) => d.facilityCode === facility.code);
  const [byDevice, net, hours, days] = await Promise.all([
    repo.dayByDevice(s.db, day),
    repo.netSince(s.db, facility.code, openingInstant(day, opensAt)),
    repo.hoursOfDay(s.db, facility.code, day),
    repo.dailyTotals(s.db, addDays(day, -13), day, facility.code),
  ]);
  const entrances = all.map((device) => {
    const d = byDevice.find((x) => x.deviceId === device.id);
    const n = net.find((x) => x.deviceId === device.id);
    return { device, entries: d?.entries ?? 0, exits: d?.exits ?? 0, inside: (n?.entries ?? 0) - (n?.exits ?? 0) };
  });
  // Cameras miss a few people both ways; a negative head count would only confuse the guards.
  const occupancy = Math.max(0, net.reduce((a, r) => a + r.entries - r.exits, 0));
  return { day, opensAt, entrances, occupancy, hours, days };
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * BT.02 (month) and BT.01 (quarter and year): visitors = entries counted by the cameras, per
 * facility and in total. Exits are not visitors; a visitor counted twice at two entrances is a
 * known limit of door counting (the museum places cameras at the ticket gates only).
 */
export async function visitorIndicators(s: Services, period: IndicatorPeriod): Promise<IndicatorValue[]> {
  const code = period.periodicity === 'month' ? 'BT.02' : 'BT.01';
  const rows = await repo.entriesByFacility(s.db, period.start, period.end);
  const out: IndicatorValue[] = rows.map((r) => ({ indicator: code, dims: { facility: r.facilityCode }, value: r.entries }));
  out.push({ indicator: code, value: rows.reduce((a, r) => a + r.entries, 0) });
  return out;
}

/** Counts only, for public pages (the tourism module's "visitors now"): no camera, entrance or
 * hour-by-hour detail leaves the module. */
export interface VisitorsNow {
  /** entries counted today (Vietnam day) */
  today: number;
  /** in − out since today's opening, never negative */
  inside: number;
  /** entries in the current hour so far */
  thisHour: number;
  /** mean entries of the same hour over the previous 14 days that had counts (0 when none) */
  usualThisHour: number;
  /** this hour already at 1.5 × its usual and at least BUSY_MIN entries */
  busy: boolean;
}

/** A handful of people is never "busy", however quiet the hour usually is. */
const BUSY_MIN = 20;

export async function visitorsNow(s: Services, facilityCode: string, now: Date = new Date()): Promise<VisitorsNow | undefined> {
  const facility = await repo.findFacility(s.db, facilityCode);
  if (!facility) return undefined;
  const day = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const hour = new Date(now.getTime() + 7 * 3600_000).getUTCHours();
  const [hours, net, usual] = await Promise.all([
    repo.hoursOfDay(s.db, facility.code, day),
    repo.netSince(s.db, facility.code, openingInstant(day, facility.opensAt)),
    repo.entriesAtHour(s.db, facility.code, hour, addDays(day, -14), addDays(day, -1)),
  ]);
  const today = hours.reduce((a, h) => a + h.entries, 0);
  const thisHour = hours.find((h) => h.hour === hour)?.entries ?? 0;
  const usualThisHour = usual.days ? usual.entries / usual.days : 0;
  return {
    today,
    inside: Math.max(0, net.reduce((a, r) => a + r.entries - r.exits, 0)),
    thisHour,
    usualThisHour: Math.round(usualThisHour),
    busy: thisHour >= BUSY_MIN && thisHour >= 1.5 * usualThisHour,
  };
}
