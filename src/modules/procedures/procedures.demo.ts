/**
 * Demo catalogue of administrative procedures (thủ tục hành chính) of a provincial
 * Department of Culture, Sports and Tourism — DEMO CONTENT written for the Văn Hiến project.
 *
 * - Codes starting with 'DEMO.' are illustrative: they only have the shape of national
 *   procedure codes and are NOT the real codes published on the National Public Service Portal.
 * - Fees whose note says 'mức phí minh họa' are illustrative; the other figures are the
 *   author's best recollection of the fee circulars and must be checked as well.
 * - Legal references are real to the best of the author's knowledge, but laws change (several
 *   were replaced in 2024-2026, see ../shared/docs/domain.md): every legal basis, processing
 *   time, fee and form template MUST be verified against the current official procedure list
 *   published by the provincial People's Committee before production use.
 * - Processing times are in working days from receipt of a valid, complete dossier.
 *
 * All Vietnamese text is Unicode NFC with full diacritics.
 *
 * The catalogue itself is data: demo/procedures.json at the package root (src/core/demo-data.ts),
 * replaceable through VANHIEN_DEMO_DIR; this file keeps its type and its schema.
 */

import { type TSchema, Type } from '@sinclair/typebox';
import { loadDemoData } from '../../core/demo-data.js';
import { PROCEDURE_FIELDS, type ProcedureField } from './procedures.fields.js';
import type { FormField } from './procedures.forms.js';

export interface DemoProcedure {
  /** national code shape like '1.001029'; 'DEMO.xxxxxx' when illustrative */
  code: string;
  name: string;
  field: ProcedureField;
  /** full-process online (toàn trình) or partial (một phần) */
  level: 'full' | 'partial';
  /** required when partial: the published reason */
  partialReason?: string;
  unitCode: 'QLVH' | 'QLTDTT' | 'QLDL' | 'QLDS' | 'VP' | 'TV' | 'BT';
  authority: string;
  legalBasis: string[];
  /** statutory processing time in working days */
  processingDays: number;
  /** the clock may pause for the site inspection the procedure requires */
  pauseAllowed?: boolean;
  /** VND, integers; [] when free */
  fees: { name: string; amount: number; note?: string }[];
  documents: { name: string; copies: number; original: 'original' | 'copy' | 'either'; templateName?: string }[];
  resultType: string;
  form: { steps: { title: string; fields: FormField[] }[] };
  /** ordered steps; the days add up to processingDays */
  workflow: { step: string; role: 'tiep_nhan' | 'chuyen_vien' | 'lanh_dao'; unitCode: string; days: number }[];
}

const lit = <T extends string>(values: readonly T[]): TSchema => Type.Union(values.map((v) => Type.Literal(v)));
const strict = { additionalProperties: false } as const;

const FormFieldSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    label: Type.String({ minLength: 1 }),
    type: lit(['text', 'textarea', 'date', 'number', 'email', 'tel', 'select', 'radio', 'checkbox']),
    required: Type.Optional(Type.Boolean()),
    hint: Type.Optional(Type.String()),
    options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String() }, strict))),
    maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    pattern: Type.Optional(Type.String()),
    prefill: Type.Optional(lit(['fullName', 'email', 'phone'])),
    showIf: Type.Optional(Type.Object({ field: Type.String(), equals: Type.String() }, strict)),
  },
  strict,
);

/** The shape of demo/procedures.json: the DemoProcedure interface above, checked on load. */
export const DemoProceduresSchema = Type.Array(
  Type.Object(
    {
      code: Type.String({ minLength: 1 }),
      name: Type.String({ minLength: 1 }),
      field: lit(Object.keys(PROCEDURE_FIELDS)),
      level: lit(['full', 'partial']),
      partialReason: Type.Optional(Type.String()),
      unitCode: lit(['QLVH', 'QLTDTT', 'QLDL', 'QLDS', 'VP', 'TV', 'BT']),
      authority: Type.String(),
      legalBasis: Type.Array(Type.String()),
      processingDays: Type.Integer({ minimum: 0 }),
      pauseAllowed: Type.Optional(Type.Boolean()),
      fees: Type.Array(
        Type.Object(
          {
            name: Type.String(),
            amount: Type.Integer({ minimum: 0 }),
            note: Type.Optional(Type.String()),
            legalBasis: Type.Optional(Type.String()),
            when: Type.Optional(
              Type.Array(
                Type.Object(
                  { field: Type.String(), in: Type.Optional(Type.Array(Type.String())), min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()) },
                  strict,
                ),
              ),
            ),
            exemptions: Type.Optional(Type.Array(Type.String())),
          },
          strict,
        ),
      ),
      documents: Type.Array(
        Type.Object(
          {
            name: Type.String(),
            copies: Type.Integer({ minimum: 0 }),
            original: lit(['original', 'copy', 'either']),
            templateName: Type.Optional(Type.String()),
          },
          strict,
        ),
      ),
      resultType: Type.String(),
      form: Type.Object({ steps: Type.Array(Type.Object({ title: Type.String(), fields: Type.Array(FormFieldSchema) }, strict)) }, strict),
      workflow: Type.Array(
        Type.Object(
          { step: Type.String(), role: lit(['tiep_nhan', 'chuyen_vien', 'lanh_dao']), unitCode: Type.String(), days: Type.Integer({ minimum: 0 }) },
          strict,
        ),
      ),
    },
    strict,
  ),
);

/** The demo catalogue: demo/procedures.json, or the one in `dir` (VANHIEN_DEMO_DIR) when it has one. */
export function loadDemoProcedures(dir?: string): DemoProcedure[] {
  return loadDemoData('procedures', DemoProceduresSchema, dir) as DemoProcedure[];
}
