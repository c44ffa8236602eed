import { transaction } from '../../core/db/index.js';
import type { CommandContext } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { AppError } from '../../core/errors.js';
import { Check, nfc, parseDateInput } from '../../core/validation.js';
import { checkFormDefinition, type FormDefinition } from './procedures.forms.js';
import { procedurePolicy } from './procedures.policy.js';
import * as repo from './procedures.repository.js';
import type { Fee, RequiredDocument, WorkflowStep } from './procedures.schema.js';
import { PROCEDURE_FIELDS } from './procedures.fields.js';
import { pagesChanged } from '../../core/web/page-cache.js';

export interface ProcedureInput {
  code: string;
  field: string;
  name: string;
  level: 'full' | 'partial';
  partialReason?: string;
  unitCode: string;
  authority: string;
  legalBasis: string[];
  processingDays: number;
  /** the clock may pause for a verification period the legal basis allows */
  pauseAllowed?: boolean;
  fees: Fee[];
  documents: RequiredDocument[];
  resultType: string;
  form: FormDefinition;
  workflow: WorkflowStep[];
  effectiveFrom: string;
}

function validate(input: ProcedureInput): ProcedureInput {
  const c = new Check();
  const code = nfc(input.code);
  const name = nfc(input.name);
  const effectiveFrom = parseDateInput(input.effectiveFrom ?? '');
  c.required('code', code, 'mã thủ tục', 'the code').maxLength('code', code, 40, 'Mã thủ tục');
  if (code && !/^[A-Za-z0-9.\-_]+$/.test(code)) c.add('code', 'Mã thủ tục chỉ gồm chữ, số, dấu chấm và gạch ngang, ví dụ 1.001029.', 'Letters, digits, dots, dashes.');
  c.required('name', name, 'tên thủ tục', 'the name').maxLength('name', name, 500, 'Tên thủ tục');
  if (!(input.field in PROCEDURE_FIELDS)) c.add('field', 'Chọn lĩnh vực trong danh sách.', 'Choose a field.');
  if (input.level !== 'full' && input.level !== 'partial') c.add('level', 'Chọn mức độ dịch vụ.', 'Choose the service level.');
  if (input.level === 'partial' && !nfc(input.partialReason ?? '')) c.add('partialReason', 'Dịch vụ một phần phải công bố lý do.', 'A partial service must publish its reason.');
  c.required('unitCode', nfc(input.unitCode), 'đơn vị thực hiện', 'the unit').required('authority', nfc(input.authority), 'cơ quan có thẩm quyền quyết định', 'the authority');
  c.required('resultType', nfc(input.resultType), 'kết quả thực hiện', 'the result');
  if (!Number.isInteger(input.processingDays) || input.processingDays < 0 || input.processingDays > 365) c.add('processingDays', 'Thời hạn giải quyết phải là số ngày làm việc từ 0 đến 365.', '0–365 working days.');
  if (!effectiveFrom) c.add('effectiveFrom', 'Ngày hiệu lực không hợp lệ, nhập theo dạng ngày/tháng/năm.', 'Invalid date.');
  for (const [i, f] of (input.fees ?? []).entries()) {
    if (!nfc(f.name) || !Number.isInteger(f.amount) || f.amount < 0) c.add('fees', `Phí, lệ phí dòng ${i + 1}: cần tên và số tiền (đồng, số nguyên không âm).`, `Fee line ${i + 1} is invalid.`);
  }
  if (!input.documents?.length) c.add('documents', 'Cần ít nhất một thành phần hồ sơ.', 'At least one document.');
  for (const [i, d] of (input.documents ?? []).entries()) {
    if (!nfc(d.name) || !Number.isInteger(d.copies) || d.copies < 1 || !['original', 'copy', 'either'].includes(d.original)) {
      c.add('documents', `Thành phần hồ sơ dòng ${i + 1}: cần tên, số bản (≥ 1) và loại bản (chính / sao / chính hoặc sao).`, `Document line ${i + 1} is invalid.`);
    }
  }
  const formProblems = checkFormDefinition(input.form);
  if (formProblems.length) c.add('form', formProblems.slice(0, 5).join(' '), 'The e-form definition is invalid.');
  if (!Array.isArray(input.workflow) || input.workflow.length === 0) c.add('workflow', 'Quy trình phải có ít nhất một bước.', 'At least one workflow step.');
  else {
    const days = input.workflow.reduce((sum, s) => sum + (Number.isInteger(s.days) && s.days >= 0 ? s.days : Number.NaN), 0);
    if (input.workflow.some((s) => !nfc(s.step) || !nfc(s.role) || !nfc(s.unitCode))) c.add('workflow', 'Mỗi bước quy trình cần tên bước, vai trò và đơn vị.', 'Each step needs a name, role and unit.');
    else if (Number.isNaN(days)) c.add('workflow', 'Thời gian mỗi bước phải là số ngày làm việc nguyên, không âm.', 'Step days must be whole numbers.');
    else if (Number.isInteger(input.processingDays) && days > input.processingDays) {
      c.add('workflow', `Tổng thời gian các bước (${days} ngày) vượt thời hạn giải quyết (${input.processingDays} ngày).`, 'Steps exceed the statutory time.');
    }
  }
  c.throwIfAny();
  return {
    ...input,
    code,
    name,
    partialReason: input.level === 'partial' ? nfc(input.partialReason ?? '') : undefined,
    unitCode: nfc(input.unitCode),
    authority: nfc(input.authority),
    resultType: nfc(input.resultType),
    legalBasis: input.legalBasis.map(nfc).filter(Boolean),
    fees: input.fees.map((f) => ({ ...f, name: nfc(f.name), note: f.note ? nfc(f.note) : undefined })),
    documents: input.documents.map((d) => ({ ...d, name: nfc(d.name) })),
    effectiveFrom: effectiveFrom!,
  };
}

/**
 * Publishes a new version of a procedure (creating the procedure on its first version). Old
 * versions stay: dossiers keep the version they were filed under, and the catalogue shows the
 * version in force on each day.
 */
export async function saveProcedureVersion(ctx: CommandContext, raw: ProcedureInput) {
  procedurePolicy.requireManage(ctx.actor);
  const input = validate(raw);
  const saved = await transaction(ctx.services.pool, async (tx) => {
    let proc = await repo.findProcedureByCode(tx, input.code);
    if (!proc) proc = await repo.insertProcedure(tx, input.code, input.field);
    else if (proc.field !== input.field) await repo.updateProcedureField(tx, proc.id, input.field);
    const version = await repo.nextVersion(tx, proc.id);
    if (version > 1000) throw new AppError('PROC-100', 400, 'Thủ tục có quá nhiều phiên bản.', 'Too many versions.');
    const row = await repo.insertVersion(tx, {
      procedureId: proc.id,
      version,
      effectiveFrom: input.effectiveFrom,
      name: input.name,
      level: input.level,
      partialReason: input.partialReason ?? null,
      unitCode: input.unitCode,
      authority: input.authority,
      legalBasis: input.legalBasis,
      processingDays: input.processingDays,
      pauseAllowed: input.pauseAllowed === true,
      fees: input.fees,
      documents: input.documents,
      resultType: input.resultType,
      form: input.form as never,
      workflow: input.workflow,
      createdBy: ctx.actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: version === 1 ? 'procedure.create' : 'procedure.new_version',
      entity: 'procedure',
      entityId: input.code,
      summary: { after: { version, effectiveFrom: input.effectiveFrom, name: input.name, processingDays: input.processingDays, level: input.level } },
    });
    return row;
  });
  repo.forgetCachedVersions();
  // The catalogue page and the home page's count show it.
  await pagesChanged(ctx.services);
  return saved;
}
