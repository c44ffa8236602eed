import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A procedure is its national code; everything else lives in versions with an effective date,
 * because fees, times, forms and authorities change by decree and a dossier keeps the version
 * it was filed under. */
export const procedures = pgTable('procedures', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  field: text('field').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface Fee {
  name: string;
  amount: number;
  note?: string;
  /** the article that sets the amount (issue 18: fees are data with their legal basis) */
  legalBasis?: string;
  /** when the line applies, on the dossier's answers: a tiered fee (by area, by number of rooms)
   * has one line per tier; lines without conditions always apply */
  when?: { field: string; in?: string[]; min?: number; max?: number }[];
  /** who is exempt and why, shown before filing (e.g. Circular 01/2021/TT-BTC art. 5) */
  exemptions?: string[];
}
export interface RequiredDocument {
  name: string;
  copies: number;
  original: 'original' | 'copy' | 'either';
  templateName?: string;
}
export interface WorkflowStep {
  step: string;
  role: string;
  unitCode: string;
  days: number;
}

export const procedureVersions = pgTable(
  'procedure_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    name: text('name').notNull(),
    level: text('level', { enum: ['full', 'partial'] }).notNull(),
    partialReason: text('partial_reason'),
    unitCode: text('unit_code').notNull(),
    authority: text('authority').notNull(),
    legalBasis: jsonb('legal_basis').$type<string[]>().notNull(),
    processingDays: integer('processing_days').notNull(),
    /** whether the clock may be paused for a verification period (site inspection, expert
     * appraisal) that the procedure's legal basis allows outside the statutory time */
    pauseAllowed: boolean('pause_allowed').notNull().default(false),
    fees: jsonb('fees').$type<Fee[]>().notNull(),
    documents: jsonb('documents').$type<RequiredDocument[]>().notNull(),
    resultType: text('result_type').notNull(),
    form: jsonb('form').$type<{ steps: { title: string; fields: unknown[] }[] }>().notNull(),
    workflow: jsonb('workflow').$type<WorkflowStep[]>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('procedure_versions_uq').on(t.procedureId, t.version), index('procedure_versions_eff_idx').on(t.procedureId, t.effectiveFrom)],
);
