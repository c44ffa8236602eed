import { AppError, type FieldErrors } from '../../core/errors.js';
import type { ProcedureInput } from './procedures.commands.js';
import type { ProcedureWithVersion } from './procedures.repository.js';
import type { Fee } from './procedures.schema.js';

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

/*
 * A fee line keeps everything a fee carries (issue 18: the editor dropped the legal basis, the
 * tier conditions and the exemptions): "Tên | số tiền | ghi chú | căn cứ: … | khi: … | miễn: …".
 * Conditions are clauses joined by ";": "areaType là do-thi, khac", "roomCount từ 1 đến 3",
 * "roomCount từ 6", "roomCount đến 5". Each exemption is its own "miễn:" column.
 */
const BASIS = 'căn cứ:';
const WHEN = 'khi:';
const EXEMPT = 'miễn:';

function feeLine(f: Fee): string {
  const c = [f.name, String(f.amount), f.note ?? ''];
  if (f.legalBasis) c.push(`${BASIS} ${f.legalBasis}`);
  if (f.when?.length) {
    const clause = (w: NonNullable<Fee['when']>[number]) =>
      [w.field, w.in ? `là ${w.in.join(', ')}` : '', w.min !== undefined ? `từ ${w.min}` : '', w.max !== undefined ? `đến ${w.max}` : ''].filter(Boolean).join(' ');
    c.push(`${WHEN} ${f.when.map(clause).join('; ')}`);
  }
  for (const e of f.exemptions ?? []) c.push(`${EXEMPT} ${e}`);
  return c.join(' | ').replace(/( \| )+$/, '');
}

function parseFeeLine(l: string): { fee: Fee; problem?: string } {
  const [name = '', amount = '', ...rest] = cols(l);
  const fee: Fee = { name, amount: Number(amount.replace(/[.\s]|đ$/g, '')) };
  let problem: string | undefined;
  for (const col of rest) {
    const low = col.toLowerCase();
    if (low.startsWith(BASIS)) fee.legalBasis = col.slice(BASIS.length).trim();
    else if (low.startsWith(EXEMPT)) fee.exemptions = [...(fee.exemptions ?? []), col.slice(EXEMPT.length).trim()];
    else if (low.startsWith(WHEN)) {
      fee.when = [];
      for (const clause of col.slice(WHEN.length).split(';').map((x) => x.trim()).filter(Boolean)) {
        const isIn = /^([A-Za-z_][\w-]*)\s+là\s+(.+)$/.exec(clause);
        const range = /^([A-Za-z_][\w-]*)(?:\s+từ\s+(-?\d+(?:\.\d+)?))?(?:\s+đến\s+(-?\d+(?:\.\d+)?))?$/.exec(clause);
        if (isIn) fee.when.push({ field: isIn[1]!, in: isIn[2]!.split(',').map((x) => x.trim()).filter(Boolean) });
        else if (range && (range[2] !== undefined || range[3] !== undefined))
          fee.when.push({ field: range[1]!, ...(range[2] !== undefined ? { min: Number(range[2]) } : {}), ...(range[3] !== undefined ? { max: Number(range[3]) } : {}) });
        else problem = `điều kiện "${clause}" không hiểu được (viết "trường là a, b", "trường từ 1 đến 3").`;
      }
    } else if (col && fee.note === undefined) fee.note = col;
  }
  return { fee, problem };
}

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
    fees: p.fees.map(feeLine).join('\n'),
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
  const fees = lines(v.fees).map((l, i) => {
    const r = parseFeeLine(l);
    if (r.problem) errors.fees = { vi: `Phí, lệ phí dòng ${i + 1}: ${r.problem}`, en: `Fee line ${i + 1} is invalid.` };
    return r.fee;
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
