import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Official yearly schedules (days off, swapped working Saturdays) that override the
 * defaults computed from the Labour Code: the Prime Minister fixes them every year. */
export const calendarDays = pgTable('calendar_days', {
  date: date('date').primaryKey(),
  kind: text('kind', { enum: ['off', 'work'] }).notNull(),
  name: text('name').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
