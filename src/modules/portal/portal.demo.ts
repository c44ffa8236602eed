/**
 * Demo content of the portal, written for this project (not copied from any agency's site).
 * Every page says it is demo content; every legal document's summary ends with
 * "(văn bản minh họa)". The content is data: demo/portal.json at the package root
 * (src/core/demo-data.ts), replaceable through VANHIEN_DEMO_DIR; this file keeps its types.
 */
import { Type } from '@sinclair/typebox';
import { DemoDataError, demoDataFile, loadDemoData } from '../../core/demo-data.js';
import { LEGAL_DOCUMENT_TYPES, type LegalDocumentType } from './portal.schema.js';

export interface DemoPage {
  slug: string;
  section: string;
  title: string;
  titleEn?: string;
  body: string;
  bodyEn?: string;
}

/** Placeholders for a real deployment: every mandatory section exists from the first start,
 * so the checklist holds and editors only fill in text. */
export const PLACEHOLDER_BODY = 'Nội dung đang được cập nhật.';

export interface DemoDocument {
  key: string;
  numberSymbol: string;
  type: LegalDocumentType;
  issuingBody: string;
  signer: string;
  /** dd/mm/yyyy, as the other dates */
  issued: string;
  effective: string;
  expiry?: string;
  /** another entry's key */
  replacedBy?: string;
  summary: string;
}

export interface DemoPortal {
  sectionPages: DemoPage[];
  /** duties of each demo unit (by unit code of the core's demo seed): [Vietnamese, English] */
  unitDuties: Record<string, [string, string]>;
  /** biographies of the demo leaders, by the local part of their official email */
  biographies: Record<string, { body: string; bodyEn: string }>;
  documents: DemoDocument[];
}

const strict = { additionalProperties: false } as const;
const DATE = { pattern: '^\\d{2}/\\d{2}/\\d{4}$' };

/** The shape of demo/portal.json, checked on load. */
export const DemoPortalSchema = Type.Object(
  {
    sectionPages: Type.Array(
      Type.Object(
        {
          slug: Type.String({ minLength: 1 }),
          section: Type.String({ minLength: 1 }),
          title: Type.String({ minLength: 1 }),
          titleEn: Type.Optional(Type.String()),
          body: Type.String(),
          bodyEn: Type.Optional(Type.String()),
        },
        strict,
      ),
    ),
    unitDuties: Type.Record(Type.String(), Type.Tuple([Type.String(), Type.String()])),
    biographies: Type.Record(Type.String(), Type.Object({ body: Type.String(), bodyEn: Type.String() }, strict)),
    documents: Type.Array(
      Type.Object(
        {
          key: Type.String({ minLength: 1 }),
          numberSymbol: Type.String({ minLength: 1 }),
          type: Type.Union(LEGAL_DOCUMENT_TYPES.map((t) => Type.Literal(t))),
          issuingBody: Type.String(),
          signer: Type.String(),
          issued: Type.String(DATE),
          effective: Type.String(DATE),
          expiry: Type.Optional(Type.String(DATE)),
          replacedBy: Type.Optional(Type.String()),
          summary: Type.String(),
        },
        strict,
      ),
    ),
  },
  strict,
);

/** The portal's demo content: demo/portal.json, or the one in `dir` (VANHIEN_DEMO_DIR) when it has one. */
export function loadDemoPortal(dir?: string): DemoPortal {
  const portal = loadDemoData('portal', DemoPortalSchema, dir) as DemoPortal;
  const keys = new Set(portal.documents.map((d) => d.key));
  portal.documents.forEach((d, i) => {
    if (d.replacedBy && !keys.has(d.replacedBy)) {
      throw new DemoDataError(demoDataFile('portal', dir), `/documents/${i}/replacedBy`, `không có văn bản nào có key "${d.replacedBy}"`);
    }
  });
  return portal;
}
