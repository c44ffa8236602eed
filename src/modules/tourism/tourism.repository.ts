import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.js';
import { tourismDestinations, tourismEvents, tourismItineraries, tourismPanoramas, tourismTiles, tourismTours, tourismTourVersions, tourismTourViews } from './tourism.schema.js';

export type Destination = typeof tourismDestinations.$inferSelect;
export type TourismEvent = typeof tourismEvents.$inferSelect;
export type Itinerary = typeof tourismItineraries.$inferSelect;
export type Tour = typeof tourismTours.$inferSelect;
export type Panorama = Omit<typeof tourismPanoramas.$inferSelect, 'preview'>;

const panoramaColumns = {
  id: tourismPanoramas.id,
  tourId: tourismPanoramas.tourId,
  title: tourismPanoramas.title,
  fileId: tourismPanoramas.fileId,
  width: tourismPanoramas.width,
  height: tourismPanoramas.height,
  status: tourismPanoramas.status,
  levels: tourismPanoramas.levels,
  error: tourismPanoramas.error,
  createdBy: tourismPanoramas.createdBy,
  createdAt: tourismPanoramas.createdAt,
};

export function listDestinations(db: Executor, publishedOnly = true): Promise<Destination[]> {
  return db
    .select()
    .from(tourismDestinations)
    .where(publishedOnly ? eq(tourismDestinations.published, true) : undefined)
    .orderBy(asc(tourismDestinations.name));
}

export async function findDestination(db: Executor, code: string): Promise<Destination | undefined> {
  return (await db.select().from(tourismDestinations).where(eq(tourismDestinations.code, code)))[0];
}

export function destinationsByCodes(db: Executor, codes: string[]): Promise<Destination[]> {
  if (!codes.length) return Promise.resolve([]);
  return db.select().from(tourismDestinations).where(inArray(tourismDestinations.code, codes));
}

export function listEvents(db: Executor): Promise<TourismEvent[]> {
  return db.select().from(tourismEvents).where(eq(tourismEvents.published, true)).orderBy(asc(tourismEvents.code));
}

export async function findEvent(db: Executor, code: string): Promise<TourismEvent | undefined> {
  return (await db.select().from(tourismEvents).where(and(eq(tourismEvents.code, code), eq(tourismEvents.published, true))))[0];
}

export function listItineraries(db: Executor): Promise<Itinerary[]> {
  return db.select().from(tourismItineraries).orderBy(asc(tourismItineraries.days), asc(tourismItineraries.code));
}

export async function findItinerary(db: Executor, code: string): Promise<Itinerary | undefined> {
  return (await db.select().from(tourismItineraries).where(eq(tourismItineraries.code, code)))[0];
}

export function listTours(db: Executor, publishedOnly: boolean): Promise<Tour[]> {
  return db
    .select()
    .from(tourismTours)
    .where(publishedOnly ? sql`${tourismTours.publishedVersion} IS NOT NULL` : undefined)
    .orderBy(desc(tourismTours.updatedAt));
}

export async function findTour(db: Executor, id: string): Promise<Tour | undefined> {
  return (await db.select().from(tourismTours).where(eq(tourismTours.id, id)))[0];
}

export async function findTourByCode(db: Executor, code: string): Promise<Tour | undefined> {
  return (await db.select().from(tourismTours).where(eq(tourismTours.code, code)))[0];
}

export async function publishedDoc(db: Executor, tour: Tour) {
  if (!tour.publishedVersion) return undefined;
  const [v] = await db
    .select()
    .from(tourismTourVersions)
    .where(and(eq(tourismTourVersions.tourId, tour.id), eq(tourismTourVersions.version, tour.publishedVersion)));
  return v?.doc;
}

export function panoramasOf(db: Executor, tourId: string): Promise<Panorama[]> {
  return db.select(panoramaColumns).from(tourismPanoramas).where(eq(tourismPanoramas.tourId, tourId)).orderBy(asc(tourismPanoramas.createdAt));
}

export async function findPanorama(db: Executor, id: string): Promise<Panorama | undefined> {
  return (await db.select(panoramaColumns).from(tourismPanoramas).where(eq(tourismPanoramas.id, id)))[0];
}

export async function previewOf(db: Executor, id: string): Promise<Buffer | undefined> {
  return (await db.select({ p: tourismPanoramas.preview }).from(tourismPanoramas).where(eq(tourismPanoramas.id, id)))[0]?.p ?? undefined;
}

export async function tileOf(db: Executor, panoramaId: string, level: number, col: number, row: number): Promise<Buffer | undefined> {
  const r = await db
    .select({ d: tourismTiles.data })
    .from(tourismTiles)
    .where(and(eq(tourismTiles.panoramaId, panoramaId), eq(tourismTiles.level, level), eq(tourismTiles.col, col), eq(tourismTiles.row, row)));
  return r[0]?.d;
}

export async function countView(db: Executor, tourId: string, day: string): Promise<void> {
  await db
    .insert(tourismTourViews)
    .values({ tourId, day, views: 1 })
    .onConflictDoUpdate({ target: [tourismTourViews.tourId, tourismTourViews.day], set: { views: sql`${tourismTourViews.views} + 1` } });
}

export async function countsFor(db: Executor, start: string, end: string) {
  const r = await db.execute<{ destinations: number; events: number; views: number }>(sql`
    SELECT (SELECT count(*)::int FROM tourism_destinations WHERE published) AS destinations,
           (SELECT count(*)::int FROM tourism_events WHERE published) AS events,
           (SELECT coalesce(sum(views), 0)::int FROM tourism_tour_views WHERE day BETWEEN ${start} AND ${end}) AS views`);
  return r.rows[0]!;
}

/** Staff lists: every event, published or not, newest first. */
export function listAllEvents(db: Executor): Promise<TourismEvent[]> {
  return db.select().from(tourismEvents).orderBy(desc(tourismEvents.createdAt), asc(tourismEvents.code));
}

export async function findAnyEvent(db: Executor, code: string): Promise<TourismEvent | undefined> {
  return (await db.select().from(tourismEvents).where(eq(tourismEvents.code, code)))[0];
}

export async function findDestinationById(db: Executor, id: string): Promise<Destination | undefined> {
  return (await db.select().from(tourismDestinations).where(eq(tourismDestinations.id, id)))[0];
}

/** One creator of destinations (or of events) at a time, until its transaction ends: the next
 * code is read and inserted under this lock, so two officers saving in the same instant get two
 * codes instead of one of them a unique violation. Keys of the 7316… family (steering 7316017). */
const CODE_LOCKS = { tourism_destinations: 7316141, tourism_events: 7316142 } as const;

export async function lockCodes(tx: Executor, table: 'tourism_destinations' | 'tourism_events'): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CODE_LOCKS[table]})`);
}

/** The next free code `PREFIX-nnn` (the demo's DD-001…, SK-001…), when the officer gives none;
 * read inside the creating transaction after lockCodes. */
export async function nextCode(db: Executor, table: 'tourism_destinations' | 'tourism_events', prefix: string): Promise<string> {
  const r = await db.execute<{ n: number | null }>(
    sql`SELECT max(substring(code FROM ${`^${prefix}-([0-9]{1,9})$`})::int) AS n FROM ${sql.identifier(table)} WHERE code ~ ${`^${prefix}-[0-9]{1,9}$`}`,
  );
  return `${prefix}-${String((r.rows[0]?.n ?? 0) + 1).padStart(3, '0')}`;
}
