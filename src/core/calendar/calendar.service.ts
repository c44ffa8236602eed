import { asc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/index.js';
import type { ClusterBus } from '../cluster/bus.js';
import { calendarDays } from './calendar.schema.js';
import { WorkingCalendar, type DayOverride } from './index.js';

/**
 * The working-day calendar of the platform: defaults computed from the Labour Code and the
 * lunar calendar, overridden by the official schedules stored in `calendar_days`. The merged
 * calendar is cached and rebuilt when an administrator changes a schedule: on this node at once,
 * on the others through the cluster bus (`calendar.changed`); while the bus is deaf the calendar
 * is read on every use, and it is reloaded when the bus is back.
 */
const CALENDAR_CHANGED = 'calendar.changed';

export class CalendarService {
  private cal: WorkingCalendar | undefined;
  private loadedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly maxAgeMs = 60_000,
    private readonly bus?: Pick<ClusterBus, 'connected' | 'on' | 'onConnect' | 'emit'>,
  ) {
    bus?.on(CALENDAR_CHANGED, () => {
      this.cal = undefined;
    });
    bus?.onConnect(() => {
      this.cal = undefined;
    });
  }

  async calendar(): Promise<WorkingCalendar> {
    if (!this.cal || Date.now() - this.loadedAt > this.maxAgeMs || (this.bus && !this.bus.connected)) {
      const rows = await this.db.select().from(calendarDays).orderBy(asc(calendarDays.date));
      this.cal = new WorkingCalendar({ overrides: rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })) });
      this.loadedAt = Date.now();
    }
    return this.cal;
  }

  /** After a committed change: this node at once, the others through the bus. */
  invalidate(): void {
    this.cal = undefined;
    this.bus?.emit(CALENDAR_CHANGED).catch(() => {});
  }
}

export async function upsertOverride(db: Executor, o: DayOverride, userId: string | null): Promise<DayOverride | undefined> {
  const [before] = await db.select().from(calendarDays).where(eq(calendarDays.date, o.date));
  await db
    .insert(calendarDays)
    .values({ date: o.date, kind: o.kind, name: o.name, updatedBy: userId })
    .onConflictDoUpdate({ target: calendarDays.date, set: { kind: o.kind, name: o.name, updatedBy: userId, updatedAt: new Date() } });
  return before ? { date: before.date, kind: before.kind, name: before.name } : undefined;
}

export async function deleteOverride(db: Executor, date: string): Promise<boolean> {
  const res = await db.delete(calendarDays).where(eq(calendarDays.date, date)).returning();
  return res.length > 0;
}

export const listOverrides = (db: Executor) => db.select().from(calendarDays).orderBy(asc(calendarDays.date));
