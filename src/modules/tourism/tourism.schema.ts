import { boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Kinds of destination (issue 14 part 1); labels live in tourism.rules.json with their schema.org type. */
export const DESTINATION_CATEGORIES = ['attraction', 'relic', 'museum', 'park', 'craft_village', 'restaurant', 'hotel'] as const;
export type DestinationCategory = (typeof DESTINATION_CATEGORIES)[number];

/** One opening period: ISO weekdays (1 = Monday … 7 = Sunday), local time HH:MM. */
export interface OpeningHours {
  days: number[];
  opens: string;
  closes: string;
}

/** A photo of a destination: a core images row (never deleted) and its text alternative. */
export interface DestinationPhoto {
  imageId: string;
  alt: string;
  /** the master's size: derivatives are never wider (IIIF 3 refuses to upscale without ^) */
  width: number;
  height: number;
}

export const tourismDestinations = pgTable(
  'tourism_destinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    category: text('category').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull().default(''),
    summary: text('summary').notNull().default(''),
    summaryEn: text('summary_en').notNull().default(''),
    /** other languages as data: { zh: { name, summary }, ko: …, ja: … } */
    translations: jsonb('translations').$type<Record<string, { name?: string; summary?: string }>>().notNull().default({}),
    address: text('address').notNull().default(''),
    adminUnitCode: text('admin_unit_code'),
    adminUnitName: text('admin_unit_name'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    openingHours: jsonb('opening_hours').$type<OpeningHours[]>().notNull().default([]),
    /** adult ticket in VND; 0 = free entry; null = not applicable (restaurant, hotel) */
    priceVnd: integer('price_vnd'),
    accessibility: text('accessibility').notNull().default(''),
    phone: text('phone').notNull().default(''),
    website: text('website').notNull().default(''),
    /** the heritage register's relic code (linked by code: heritage exposes no public surface yet) */
    relicCode: text('relic_code'),
    /** a counting-camera site of the devices module, for "visitors now" */
    cameraSite: text('camera_site'),
    /** core images rows, in the order shown (the first is the page's Open Graph image) */
    photos: jsonb('photos').$type<DestinationPhoto[]>().notNull().default([]),
    published: boolean('published').notNull().default(true),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tourism_destinations_category_idx').on(t.category)],
);

/**
 * An event recurs yearly on a solar or a lunar date, or happens once (`calendar = 'once'`,
 * `startDate`). Lunar dates are converted per year with the core calendar (UTC+7 rules).
 */
export const tourismEvents = pgTable('tourism_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  kind: text('kind').notNull().default('festival'),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  summary: text('summary').notNull().default(''),
  summaryEn: text('summary_en').notNull().default(''),
  location: text('location').notNull().default(''),
  organiser: text('organiser').notNull().default(''),
  destinationCode: text('destination_code'),
  calendar: text('calendar', { enum: ['lunar', 'solar', 'once'] }).notNull(),
  month: integer('month'),
  day: integer('day'),
  leapMonth: boolean('leap_month').notNull().default(false),
  startDate: date('start_date'),
  durationDays: integer('duration_days').notNull().default(1),
  fromYear: integer('from_year'),
  toYear: integer('to_year'),
  published: boolean('published').notNull().default(true),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface ItineraryStop {
  day: number;
  destinationCode: string;
  note?: string;
}

export const tourismItineraries = pgTable('tourism_itineraries', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  summary: text('summary').notNull().default(''),
  summaryEn: text('summary_en').notNull().default(''),
  days: integer('days').notNull().default(1),
  stops: jsonb('stops').$type<ItineraryStop[]>().notNull().default([]),
  isDemo: boolean('is_demo').notNull().default(false),
});

/** A hotspot in a scene: yaw/pitch in degrees (yaw 0 = centre of the panorama, pitch 0 = horizon). */
export interface Hotspot {
  id: string;
  kind: 'scene' | 'info' | 'destination';
  yaw: number;
  pitch: number;
  title: string;
  text?: string;
  /** scene id (kind scene) or destination code (kind destination) */
  target?: string;
}

export interface Scene {
  id: string;
  title: string;
  titleEn?: string;
  panoramaId: string;
  initial: { yaw: number; pitch: number };
  lat?: number;
  lng?: number;
  hotspots: Hotspot[];
}

export interface TourDoc {
  start: string;
  scenes: Scene[];
}

export const tourismTours = pgTable('tourism_tours', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  titleEn: text('title_en').notNull().default(''),
  summary: text('summary').notNull().default(''),
  destinationCode: text('destination_code'),
  draft: jsonb('draft').$type<TourDoc>().notNull(),
  draftVersion: integer('draft_version').notNull().default(1),
  publishedVersion: integer('published_version'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every published version is kept: the public page shows the latest; older ones can be restored. */
export const tourismTourVersions = pgTable(
  'tourism_tour_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tourId: uuid('tour_id').notNull(),
    version: integer('version').notNull(),
    doc: jsonb('doc').$type<TourDoc>().notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('tourism_tour_versions_unique').on(t.tourId, t.version)],
);

/** One tile level for PSV's equirectangular tiles adapter (cols and rows powers of two). */
export interface TileLevel {
  width: number;
  cols: number;
  rows: number;
}

export const tourismPanoramas = pgTable('tourism_panoramas', {
  id: uuid('id').primaryKey().defaultRandom(),
  tourId: uuid('tour_id').notNull(),
  title: text('title').notNull().default(''),
  fileId: uuid('file_id'),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  status: text('status', { enum: ['pending', 'ready', 'failed'] }).notNull().default('pending'),
  levels: jsonb('levels').$type<TileLevel[]>().notNull().default([]),
  preview: bytea('preview'),
  error: text('error'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const tourismTiles = pgTable(
  'tourism_tiles',
  {
    panoramaId: uuid('panorama_id').notNull(),
    level: integer('level').notNull(),
    col: integer('col').notNull(),
    row: integer('row').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.panoramaId, t.level, t.col, t.row] })],
);

export const tourismTourViews = pgTable(
  'tourism_tour_views',
  {
    tourId: uuid('tour_id').notNull(),
    day: date('day').notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tourId, t.day] })],
);
