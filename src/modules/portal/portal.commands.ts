import { transaction } from '../../core/db/index.js';
import type { CommandContext } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { AppError, Errors } from '../../core/errors.js';
import { Check, nfc, parseDateInput } from '../../core/validation.js';
import { portalPolicy } from './portal.policy.js';
import { LEGAL_DOCUMENT_TYPES, type LegalDocumentType } from './portal.schema.js';
import * as repo from './portal.repository.js';
import { UUID_RE as UUID } from '../../core/validation.js';

export const MAX_PDF_BYTES = 20 * 1048576;

// ── managed pages ────────────────────────────────────────────────────────────
export interface PageInput {
  title: string;
  titleEn?: string;
  bodyMarkdown: string;
  bodyMarkdownEn?: string;
}

/** savePage: an editor updates a managed page. Outcomes: the page; CORE-100; CORE-404; CORE-409. */
export async function savePage(ctx: CommandContext, id: string, version: number, input: PageInput) {
  portalPolicy.requireManagePages(ctx.actor);
  const title = nfc(input.title);
  const titleEn = nfc(input.titleEn ?? '');
  const bodyMarkdown = nfc(input.bodyMarkdown);
  const bodyMarkdownEn = nfc(input.bodyMarkdownEn ?? '');
  new Check()
    .required('title', title, 'tiêu đề', 'a title')
    .maxLength('title', title, 200, 'Tiêu đề')
    .maxLength('titleEn', titleEn, 200, 'Tiêu đề tiếng Anh')
    .maxLength('bodyMarkdown', bodyMarkdown, 50_000, 'Nội dung')
    .maxLength('bodyMarkdownEn', bodyMarkdownEn, 50_000, 'Nội dung tiếng Anh')
    .throwIfAny();
  if (!UUID.test(id)) throw Errors.notFound('Trang');
  return transaction(ctx.services.pool, async (tx) => {
    const before = await repo.findPageById(tx, id);
    if (!before) throw Errors.notFound('Trang');
    const after = await repo.updatePageVersioned(tx, id, version, {
      title,
      titleEn: titleEn || null,
      bodyMarkdown,
      bodyMarkdownEn: bodyMarkdownEn || null,
      updatedBy: ctx.actor.userId,
    });
    if (!after) throw Errors.conflict();
    await writeAudit(tx, ctx, {
      action: 'portal_page.update',
      entity: 'portal_page',
      entityId: id,
      summary: { slug: before.slug, before: { title: before.title, version: before.version }, after: { title, version: after.version } },
    });
    return after;
  });
}

// ── legal documents ──────────────────────────────────────────────────────────
export interface LegalDocumentInput {
  numberSymbol: string;
  type: string;
  issuingBody: string;
  signer: string;
  issuedDate: string;
  effectiveDate: string;
  expiryDate?: string;
  replacedById?: string;
  summary: string;
}

export interface UploadedPdf {
  data: Buffer;
  originalName: string;
}

/** "123/QĐ-SVHTTDL", "45/KH-UBND", "1234/SVHTTDL-VP": a number, a slash, then the symbol. */
const NUMBER_SYMBOL = /^\d{1,6}\/[\p{L}\d][\p{L}\d.\-/]{0,60}$/u;

function cleanDocument(input: LegalDocumentInput) {
  const check = new Check();
  const numberSymbol = nfc(input.numberSymbol).replace(/\s+/g, '');
  const type = nfc(input.type);
  const issuingBody = nfc(input.issuingBody);
  const signer = nfc(input.signer);
  const summary = nfc(input.summary);
  const replacedById = nfc(input.replacedById ?? '');
  check.required('numberSymbol', numberSymbol, 'số, ký hiệu văn bản', 'the number and symbol');
  if (numberSymbol && !NUMBER_SYMBOL.test(numberSymbol)) {
    check.add('numberSymbol', 'Số, ký hiệu không đúng dạng, ví dụ: 123/QĐ-SVHTTDL.', 'Use the form 123/QĐ-SVHTTDL.');
  }
  if (!(LEGAL_DOCUMENT_TYPES as readonly string[]).includes(type)) check.add('type', 'Vui lòng chọn loại văn bản.', 'Choose a document type.');
  check.required('issuingBody', issuingBody, 'cơ quan ban hành', 'the issuing body').maxLength('issuingBody', issuingBody, 200, 'Cơ quan ban hành');
  check.required('signer', signer, 'người ký', 'the signer').maxLength('signer', signer, 200, 'Người ký');
  check.required('summary', summary, 'trích yếu', 'the summary').maxLength('summary', summary, 2000, 'Trích yếu');
  const date = (field: string, raw: string | undefined, label: string, required: boolean) => {
    const v = nfc(raw ?? '');
    if (!v) {
      if (required) check.add(field, `Vui lòng nhập ${label} (ngày/tháng/năm).`, 'Enter a date (dd/mm/yyyy).');
      return null;
    }
    const iso = parseDateInput(v);
    if (!iso)
      check.add(
        field,
        `${label[0]!.toUpperCase()}${label.slice(1)} không hợp lệ, hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/03/2026.`,
        'Invalid date (dd/mm/yyyy).',
      );
    return iso;
  };
  const issuedDate = date('issuedDate', input.issuedDate, 'ngày ban hành', true);
  const effectiveDate = date('effectiveDate', input.effectiveDate, 'ngày có hiệu lực', true);
  const expiryDate = date('expiryDate', input.expiryDate, 'ngày hết hiệu lực', false);
  if (issuedDate && effectiveDate && effectiveDate < issuedDate) {
    check.add('effectiveDate', 'Ngày có hiệu lực không được trước ngày ban hành.', 'The effective date cannot be before the issue date.');
  }
  if (effectiveDate && expiryDate && expiryDate < effectiveDate) {
    check.add('expiryDate', 'Ngày hết hiệu lực không được trước ngày có hiệu lực.', 'The expiry date cannot be before the effective date.');
  }
  if (replacedById && !UUID.test(replacedById)) check.add('replacedById', 'Văn bản thay thế không tồn tại.', 'No such document.');
  return {
    check,
    value: {
      numberSymbol,
      type: type as LegalDocumentType,
      issuingBody,
      signer,
      summary,
      issuedDate: issuedDate ?? '',
      effectiveDate: effectiveDate ?? '',
      expiryDate,
      replacedById: replacedById || null,
    },
  };
}

/** Stores the PDF in the caller's transaction; a refused file becomes an error on the `pdf` field. */
async function savePdf(ctx: CommandContext, tx: Parameters<Parameters<typeof transaction>[1]>[0], file: UploadedPdf) {
  try {
    return await ctx.services.files.save(tx, {
      data: file.data,
      originalName: file.originalName,
      allowed: ['application/pdf'],
      maxBytes: MAX_PDF_BYTES,
      createdBy: ctx.actor.userId,
    });
  } catch (err) {
    if (err instanceof AppError && err.status < 500) throw Errors.validation({ pdf: { vi: err.vi, en: err.en } });
    throw err;
  }
}

async function checkReferences(tx: Parameters<Parameters<typeof transaction>[1]>[0], v: ReturnType<typeof cleanDocument>['value'], selfId?: string) {
  if (await repo.findDuplicate(tx, v.numberSymbol, v.issuingBody, selfId)) {
    throw Errors.validation({
      numberSymbol: { vi: 'Cơ quan này đã có văn bản mang số, ký hiệu này.', en: 'This issuing body already has a document with this number.' },
    });
  }
  if (v.replacedById) {
    if (v.replacedById === selfId)
      throw Errors.validation({ replacedById: { vi: 'Văn bản không thể tự thay thế chính nó.', en: 'A document cannot replace itself.' } });
    if (!(await repo.findDocument(tx, v.replacedById)))
      throw Errors.validation({ replacedById: { vi: 'Văn bản thay thế không tồn tại.', en: 'No such document.' } });
  }
}

/** createLegalDocument: outcomes: the document; CORE-100 with field errors (including a refused PDF). */
export async function createLegalDocument(ctx: CommandContext, input: LegalDocumentInput, file?: UploadedPdf) {
  portalPolicy.requireManageDocuments(ctx.actor);
  const { check, value } = cleanDocument(input);
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    await checkReferences(tx, value);
    const stored = file ? await savePdf(ctx, tx, file) : undefined;
    const doc = await repo.insertDocument(tx, { ...value, storedFileId: stored?.id ?? null, createdBy: ctx.actor.userId });
    await writeAudit(tx, ctx, {
      action: 'legal_document.create',
      entity: 'legal_document',
      entityId: doc.id,
      summary: { after: { ...value, pdf: stored ? { name: stored.safeName, sha256: stored.sha256 } : null } },
    });
    return doc;
  });
}

/** updateLegalDocument: outcomes: the document; CORE-100; CORE-404; CORE-409 when someone changed it. */
export async function updateLegalDocument(ctx: CommandContext, id: string, version: number, input: LegalDocumentInput, file?: UploadedPdf) {
  portalPolicy.requireManageDocuments(ctx.actor);
  const { check, value } = cleanDocument(input);
  check.throwIfAny();
  if (!UUID.test(id)) throw Errors.notFound('Văn bản');
  return transaction(ctx.services.pool, async (tx) => {
    const before = await repo.findDocument(tx, id);
    if (!before) throw Errors.notFound('Văn bản');
    await checkReferences(tx, value, id);
    const stored = file ? await savePdf(ctx, tx, file) : undefined;
    const after = await repo.updateDocumentVersioned(tx, id, version, { ...value, ...(stored ? { storedFileId: stored.id } : {}) });
    if (!after) throw Errors.conflict();
    const { createdAt: _c, updatedAt: _u, createdBy: _b, ...beforeSummary } = before;
    await writeAudit(tx, ctx, {
      action: 'legal_document.update',
      entity: 'legal_document',
      entityId: id,
      summary: { before: beforeSummary, after: { ...value, storedFileId: after.storedFileId, version: after.version } },
    });
    return after;
  });
}

/** deleteLegalDocument: documents it replaced lose the link (ON DELETE SET NULL); audited with its content. */
export async function deleteLegalDocument(ctx: CommandContext, id: string, version: number) {
  portalPolicy.requireManageDocuments(ctx.actor);
  if (!UUID.test(id)) throw Errors.notFound('Văn bản');
  return transaction(ctx.services.pool, async (tx) => {
    const before = await repo.findDocument(tx, id);
    if (!before) throw Errors.notFound('Văn bản');
    if (!(await repo.deleteDocumentVersioned(tx, id, version))) throw Errors.conflict();
    const { createdAt: _c, updatedAt: _u, createdBy: _b, ...beforeSummary } = before;
    await writeAudit(tx, ctx, { action: 'legal_document.delete', entity: 'legal_document', entityId: id, summary: { before: beforeSummary } });
  });
}
