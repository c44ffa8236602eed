import { bigint, bigserial, boolean, index, integer, pgTable, primaryKey, text, time, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** A place whose visitors are counted (the provincial museum …), with its opening hours:
 * "occupancy now" counts from today's opening time. The code is the indicators' `facility`
 * dimension value (BT.01/BT.02) and `unit_code` the unit told when a camera falls silent. */
export const deviceFacilities = pgTable('device_facilities', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  unitCode: text('unit_code'),
  opensAt: time('opens_at').notNull().default('08:00'),
  closesAt: time('closes_at').notNull().default('17:00'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A counting camera. `key` is HMAC-SHA256(secret, KEY_LABEL): enough to check the bearer
 * secret, the MQTT password and HMAC signatures, never the secret itself (ADR 014). */
export const devices = pgTable('devices', {
  id: text('id').primaryKey(),
  facilityCode: text('facility_code').notNull(),
  entrance: text('entrance').notNull(),
  location: text('location'),
  key: text('key').notNull(),
  status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
  silentAfterMinutes: integer('silent_after_minutes').notNull().default(30),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  silentAlertedAt: timestamp('silent_alerted_at', { withTimezone: true }),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** One counting interval as the camera sent it; (device, interval start) makes resends count once. */
export const deviceCounts = pgTable(
  'device_counts',
  {
    deviceId: text('device_id').notNull(),
    intervalStart: timestamp('interval_start', { withTimezone: true }).notNull(),
    intervalSeconds: integer('interval_seconds').notNull(),
    entries: integer('entries').notNull(),
    exits: integer('exits').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    deviceTime: timestamp('device_time', { withTimezone: true }).notNull(),
    facilityCode: text('facility_code').notNull(),
    via: text('via', { enum: ['http', 'mqtt'] }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.intervalStart] }),
    uniqueIndex('device_counts_seq_idx').on(t.deviceId, t.seq),
    index('device_counts_facility_idx').on(t.facilityCode, t.intervalStart),
  ],
);

/** Hourly sums per camera, kept in the same transaction as the intervals they sum. */
export const deviceHourly = pgTable(
  'device_hourly',
  {
    deviceId: text('device_id').notNull(),
    hourStart: timestamp('hour_start', { withTimezone: true }).notNull(),
    facilityCode: text('facility_code').notNull(),
    entries: bigint('entries', { mode: 'number' }).notNull().default(0),
    exits: bigint('exits', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.hourStart] }), index('device_hourly_facility_idx').on(t.facilityCode, t.hourStart)],
);

/** Refused input (unknown device, bad signature, future time, negative counts, replay). */
export const deviceRejections = pgTable(
  'device_rejections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    deviceId: text('device_id'),
    via: text('via').notNull(),
    code: text('code').notNull(),
    detail: text('detail').notNull(),
  },
  (t) => [index('device_rejections_at_idx').on(t.at)],
);
