import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Levels of local government. Districts ('district': quận, huyện, thị xã, thành phố thuộc tỉnh)
 * existed until 30 Jun 2025; since 1 Jul 2025 local government has two levels, the province and
 * the commune level (xã, phường, đặc khu) — Law on Organisation of Local Government 2025 and
 * Resolution 202/2025/QH15 (domain.md §0). */
export const ADMIN_LEVELS = ['province', 'district', 'commune', 'ward', 'special_zone'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

/**
 * Administrative units with their validity. A merger never edits a unit: the old unit gets
 * `valid_to` and the codes of the unit(s) it became, the new unit starts with `valid_from`, so a
 * record dated 2024 keeps the commune (and district) it had, and statistics can be carried over
 * to today's units through `successor_codes`.
 */
export const adminUnits = pgTable(
  'admin_units',
  {
    /** the official code (Decision 124/2004/QĐ-TTg and its replacements): 2 digits province, 3 district, 5 commune */
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    level: text('level', { enum: ADMIN_LEVELS }).notNull(),
    parentCode: text('parent_code'),
    validFrom: date('valid_from').notNull(),
    /** last day in force (inclusive); null = in force */
    validTo: date('valid_to'),
    /** the unit(s) this one became when it ended; more than one when its territory was split */
    successorCodes: text('successor_codes').array().notNull().default(sql`'{}'::text[]`),
    /** the act that created or ended it (resolution of the NA Standing Committee …) */
    basis: text('basis'),
    sort: integer('sort').notNull().default(100),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    isDemo: boolean('is_demo').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('admin_units_parent_idx').on(t.parentCode),
    index('admin_units_valid_idx').on(t.validFrom, t.validTo),
    index('admin_units_successors_idx').using('gin', t.successorCodes),
    check('admin_units_level_ck', sql`${t.level} IN ('province','district','commune','ward','special_zone')`),
    check('admin_units_valid_ck', sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
  ],
);
