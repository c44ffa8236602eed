import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { storedFiles } from '../../core/files/files.schema.js';

/**
 * Managed pages of the portal: the mandatory sections of Decree 42/2022 (replaced by Decree
 * 224/2026 from 1 Jul 2026) that are prose (introduction, functions, plans …), one page per
 * unit for its duties (`section = 'unit'`) and one biography per leader (`section = 'leader'`).
 * The English body is optional except where the law asks for English (functions and duties).
 */
export const portalPages = pgTable(
  'portal_pages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    section: text('section').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    bodyMarkdown: text('body_markdown').notNull().default(''),
    bodyMarkdownEn: text('body_markdown_en'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('portal_pages_slug_idx').on(t.slug), index('portal_pages_section_idx').on(t.section)],
);

export const LEGAL_DOCUMENT_TYPES = ['Quyết định', 'Kế hoạch', 'Công văn', 'Thông báo', 'Chỉ thị', 'Báo cáo'] as const;
export type LegalDocumentType = (typeof LEGAL_DOCUMENT_TYPES)[number];

/**
 * Văn bản: legal and administrative documents the department publishes. Dates are calendar
 * days (DATE, no time zone). A document replaced by a newer one keeps its page and links to
 * its successor, so old links and citations still lead somewhere useful.
 */
export const legalDocuments = pgTable(
  'legal_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    numberSymbol: text('number_symbol').notNull(),
    type: text('type', { enum: LEGAL_DOCUMENT_TYPES }).notNull(),
    issuingBody: text('issuing_body').notNull(),
    signer: text('signer').notNull(),
    issuedDate: date('issued_date').notNull(),
    effectiveDate: date('effective_date').notNull(),
    expiryDate: date('expiry_date'),
    replacedById: uuid('replaced_by_id').references((): AnyPgColumn => legalDocuments.id, { onDelete: 'set null' }),
    summary: text('summary').notNull(),
    storedFileId: uuid('stored_file_id').references(() => storedFiles.id),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // The same number can be used by two issuing bodies, never twice by one.
    uniqueIndex('legal_documents_number_body_idx').on(t.numberSymbol, t.issuingBody),
    // The public list: newest first, narrowed by type.
    index('legal_documents_issued_idx').on(t.issuedDate),
    index('legal_documents_type_idx').on(t.type, t.issuedDate),
  ],
);
