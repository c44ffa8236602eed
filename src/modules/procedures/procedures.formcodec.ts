import { AppError, type FieldErrors } from '../../core/errors.js';
import type { ProcedureInput } from './procedures.commands.js';
import type { ProcedureWithVersion } from './procedures.repository.js';

/**
 * The staff editor shows lists as one line per item with " | " between columns, which officers
 * can edit without knowing JSON; only the e-form itself is JSON. These two functions convert
 * between that text and the command's input.
 */
const ORIGINAL_WORDS: Record<string, 'original' | 'copy' | 'either'> = {
  chinh: 'original',
  'bản chính': 'original',
  'ban chinh': 'original',
  sao: 'copy',
  'bản sao': 'copy',
  'ban sao': 'copy',
  'chinh-hoac-sao': 'either',
  'bản chính hoặc bản sao': 'either',
  original: 'original',
  copy: 'copy',
  either: 'either',
};
const ORIGINAL_OUT = { original: 'bản chính', copy: 'bản sao', either: 'bản chính hoặc bản sao' };

const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const cols = (l: string) => l.split('|').map((c) => c.trim());

export function toEditorValues(p: ProcedureWithVersion): Record<string, string> {
  return {
    code: p.code,
    field: p.field,
    name: p.name,
    level: p.level,
    partialReason: p.partialReason ?? '',
    unitCode: p.unitCode,
    authority: p.authority,
    legalBasis: p.legalBasis.join('\n'),
    processingDays: String(p.processingDays),
    pauseAllowed: p.pauseAllowed ? 'on' : '',
    fees: p.fees.map((f) => [f.name, String(f.amount), f.note ?? ''].join(' | ').replace(/ \| $/, '')).join('\n'),
    documents: p.documents.map((d) => [d.name, String(d.copies), ORIGINAL_OUT[d.original], d.templateName ?? ''].join(' | ').replace(/ \| $/, '')).join('\n'),
    resultType: p.resultType,
    form: JSON.stringify(p.form, null, 2),
    workflow: p.workflow.map((w) => [w.step, w.role, w.unitCode, String(w.days)].join(' | ')).join('\n'),
    effectiveFrom: '',
  };
}

export function fromEditorValues(v: Record<string, string>): ProcedureInput {
  const errors: FieldErrors = {};
  let form: ProcedureInput['form'] = { steps: [] };
  try {
    form = JSON.parse(v.form || '{}');
  } catch (e) {
    errors.form = { vi: `Biểu mẫu điện tử không phải JSON hợp lệ: ${(e as Error).message}`, en: 'The e-form is not valid JSON.' };
  }
  const fees = lines(v.fees).map((l) => {
    const [name = '', amount = '', note] = cols(l);
    return { name, amount: Number(amount.replace(/[.\s]|đ$/g, '')), ...(note ? { note } : {}) };
  });
  const documents = lines(v.documents).map((l) => {
    const [name = '', copies = '1', kind = 'bản chính', templateName] = cols(l);
    return { name, copies: Number(copies), original: ORIGINAL_WORDS[kind.toLowerCase()] ?? ('?' as never), ...(templateName ? { templateName } : {}) };
  });
  const workflow = lines(v.workflow).map((l) => {
    const [step = '', role = '', unitCode = '', days = ''] = cols(l);
    return { step, role, unitCode, days: Number(days) };
  });
  if (Object.keys(errors).length) {
    throw new AppError('CORE-100', 400, 'Thông tin nhập chưa hợp lệ. Vui lòng sửa các lỗi bên dưới.', 'Some input is not valid.', errors);
  }
  return {
    code: v.code ?? '',
    field: v.field ?? '',
    name: v.name ?? '',
    level: v.level === 'partial' ? 'partial' : v.level === 'full' ? 'full' : ('' as never),
    partialReason: v.partialReason,
    unitCode: v.unitCode ?? '',
    authority: v.authority ?? '',
    legalBasis: lines(v.legalBasis),
    processingDays: /^\d+$/.test(v.processingDays ?? '') ? Number(v.processingDays) : Number.NaN,
    pauseAllowed: v.pauseAllowed === 'on',
    fees,
    documents,
    resultType: v.resultType ?? '',
    form,
    workflow,
    effectiveFrom: v.effectiveFrom ?? '',
  };
}
