import { sql } from 'drizzle-orm';
import { bigserial, boolean, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const ALERT_KINDS = ['below', 'above', 'drop_percent'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** One chart of a dashboard, kept as data: which indicator, drawn how, broken down by what. */
export interface DashboardChart {
  indicator: string;
  kind: 'line' | 'bar' | 'stacked' | 'pie';
  /** a dimension of the indicator ('area', 'sex', 'facility' …); absent = the total */
  breakdown?: string;
  /** how many of the latest published periods to show (line/bar/stacked); a pie shows the last */
  periods?: number;
  title?: string;
  titleEn?: string;
}

/** Leaders' dashboards (issue 11 part 6) are data: a new one is a row, not a release. */
export const indicatorDashboards = pgTable('indicator_dashboards', {
  slug: text('slug').primaryKey(),
  title: text('title').notNull(),
  titleEn: text('title_en').notNull(),
  description: text('description').notNull().default(''),
  sort: integer('sort').notNull().default(100),
  charts: jsonb('charts').$type<DashboardChart[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An alert on a published value: under/over a threshold, or a drop against the previous
 * period larger than `threshold` %. The responsible unit's officers are mailed. */
export const indicatorAlertRules = pgTable('indicator_alert_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  indicatorCode: text('indicator_code').notNull(),
  kind: text('kind', { enum: ALERT_KINDS }).notNull(),
  threshold: numeric('threshold').notNull(),
  /** which disaggregation the rule watches ('' = the total) */
  dimsKey: text('dims_key').notNull().default(''),
  extraRecipients: text('extra_recipients').array().notNull().default(sql`'{}'::text[]`),
  note: text('note').notNull().default(''),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** Every breach found, once per (rule, period, disaggregation): the unique index is what keeps
 * the daily re-evaluation and a re-publication from mailing the same breach twice. */
export const indicatorAlertLog = pgTable('indicator_alert_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ruleId: uuid('rule_id').notNull(),
  indicatorCode: text('indicator_code').notNull(),
  periodCode: text('period_code').notNull(),
  dimsKey: text('dims_key').notNull().default(''),
  value: numeric('value').notNull(),
  previousValue: numeric('previous_value'),
  message: text('message').notNull(),
  recipients: text('recipients').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
