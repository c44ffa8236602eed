import type { FieldErrors } from '../../core/errors.js';
import { isValidIsoDate, parseDateInput } from '../../core/validation.js';

/** An e-form is data (stored with each procedure version): steps of fields with UI hints,
 * conditional questions and once-only prefill from the applicant's profile. */
export interface FormField {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'date' | 'number' | 'email' | 'tel' | 'select' | 'radio' | 'checkbox';
  required?: boolean;
  hint?: string;
  options?: { value: string; label: string }[];
  maxLength?: number;
  min?: number;
  max?: number;
  pattern?: string;
  prefill?: 'fullName' | 'email' | 'phone';
  showIf?: { field: string; equals: string };
}

export interface FormDefinition {
  steps: { title: string; fields: FormField[] }[];
}

const TYPES = new Set(['text', 'textarea', 'date', 'number', 'email', 'tel', 'select', 'radio', 'checkbox']);

/** Checks a definition an administrator wrote; returns Vietnamese problems (empty when valid). */
export function checkFormDefinition(def: unknown): string[] {
  const problems: string[] = [];
  const d = def as FormDefinition;
  if (!d || !Array.isArray(d.steps) || d.steps.length === 0) return ['Biểu mẫu phải có ít nhất một bước (steps).'];
  const seen = new Set<string>();
  d.steps.forEach((step, si) => {
    if (!step || typeof step.title !== 'string' || !step.title.trim()) problems.push(`Bước ${si + 1}: thiếu tiêu đề.`);
    if (!Array.isArray(step?.fields) || step.fields.length === 0) {
      problems.push(`Bước ${si + 1}: phải có ít nhất một trường.`);
      return;
    }
    for (const f of step.fields) {
      const where = `Bước ${si + 1}, trường "${f?.name ?? '?'}"`;
      if (!f || typeof f.name !== 'string' || !/^[a-z][A-Za-z0-9]{0,40}$/.test(f.name)) problems.push(`${where}: tên trường chỉ gồm chữ cái không dấu và số, bắt đầu bằng chữ thường.`);
      else if (seen.has(f.name)) problems.push(`${where}: tên trường bị trùng.`);
      if (typeof f?.label !== 'string' || !f.label.trim()) problems.push(`${where}: thiếu nhãn.`);
      if (!TYPES.has(f?.type)) problems.push(`${where}: loại trường không hợp lệ.`);
      if ((f?.type === 'select' || f?.type === 'radio') && (!Array.isArray(f.options) || f.options.length < 2)) problems.push(`${where}: cần ít nhất hai lựa chọn.`);
      if (f?.pattern) {
        try {
          new RegExp(f.pattern);
        } catch {
          problems.push(`${where}: biểu thức kiểm tra (pattern) không hợp lệ.`);
        }
      }
      if (f?.showIf && !seen.has(f.showIf.field)) problems.push(`${where}: điều kiện hiển thị phải dựa vào một trường đứng trước.`);
      if (f?.name) seen.add(f.name);
    }
  });
  return problems;
}

export function allFields(def: FormDefinition): FormField[] {
  return def.steps.flatMap((s) => s.fields);
}

/**
 * The questions of a step that depend on another question of the same step. Without JavaScript a
 * page cannot show them only when needed, so they are asked on a page of their own after the
 * step's other questions (the "routes" of GOV.UK Forms); with JavaScript they are toggled inline.
 */
export function followUpsOfStep(def: FormDefinition, stepIndex: number): Set<string> {
  const fields = def.steps[stepIndex]?.fields ?? [];
  const here = new Set(fields.map((f) => f.name));
  return new Set(fields.filter((f) => f.showIf && here.has(f.showIf.field)).map((f) => f.name));
}

/** Which questions of a step one page posts: the main ones, the follow-ups, or all (JavaScript, API). */
export type StepPart = 'main' | 'followUps' | 'all';

export function inPart(def: FormDefinition, stepIndex: number, part: StepPart): (f: FormField) => boolean {
  if (part === 'all') return () => true;
  const follow = followUpsOfStep(def, stepIndex);
  return part === 'main' ? (f) => !follow.has(f.name) : (f) => follow.has(f.name);
}

/** Whether a conditional question applies, given the answers so far. */
export function isShown(field: FormField, answers: Record<string, string>): boolean {
  return !field.showIf || (answers[field.showIf.field] ?? '') === field.showIf.equals;
}

/**
 * Validates the answers of one step (or all steps) and returns them cleaned: NFC text, hidden
 * conditional answers dropped, dates as ISO. Errors are Vietnamese and English per field.
 */
export function validateAnswers(
  def: FormDefinition,
  input: Record<string, string>,
  stepIndex?: number,
  only: (f: FormField) => boolean = () => true,
): { answers: Record<string, string>; errors: FieldErrors } {
  const steps = stepIndex === undefined ? def.steps : [def.steps[stepIndex]!];
  const answers: Record<string, string> = {};
  const errors: FieldErrors = {};
  const all = { ...input };
  for (const step of steps) {
    for (const f of step.fields) {
      if (!only(f) || !isShown(f, all)) continue;
      let v = (input[f.name] ?? '').normalize('NFC').trim();
      const label = f.label.replace(/\s*\(.*\)\s*$/, '');
      const err = (vi: string, en: string) => {
        errors[f.name] ??= { vi, en };
      };
      if (f.type === 'checkbox') v = v ? 'true' : '';
      if (!v) {
        if (f.required) err(f.type === 'checkbox' ? `Vui lòng xác nhận: ${label}.` : `Vui lòng nhập ${label.toLowerCase()}.`, `${f.label} is required.`);
        continue;
      }
      if (f.maxLength && v.length > f.maxLength) err(`${label} không được dài quá ${f.maxLength} ký tự.`, `At most ${f.maxLength} characters.`);
      switch (f.type) {
        case 'number': {
          const n = Number(v.replace(/\./g, '').replace(',', '.'));
          if (!Number.isFinite(n)) err(`${label} phải là một số.`, 'Enter a number.');
          else if (f.min !== undefined && n < f.min) err(`${label} phải từ ${f.min} trở lên.`, `At least ${f.min}.`);
          else if (f.max !== undefined && n > f.max) err(`${label} không được lớn hơn ${f.max}.`, `At most ${f.max}.`);
          else v = String(n);
          break;
        }
        case 'date': {
          const iso = parseDateInput(v);
          if (!iso || !isValidIsoDate(iso)) err(`${label} không hợp lệ, nhập theo dạng ngày/tháng/năm.`, 'Enter a valid date.');
          else v = iso;
          break;
        }
        case 'email':
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) err('Địa chỉ thư điện tử không đúng định dạng, ví dụ: ten@example.vn.', 'Enter a valid email.');
          break;
        case 'tel':
          if (!/^(\+84|0)\d{9,10}$/.test(v.replace(/[\s.]/g, ''))) err('Số điện thoại không đúng định dạng, ví dụ: 0912 345 678.', 'Enter a valid phone number.');
          break;
        case 'select':
        case 'radio':
          if (!f.options?.some((o) => o.value === v)) err(`Vui lòng chọn ${label.toLowerCase()} trong danh sách.`, 'Choose an option.');
          break;
        default:
          if (f.pattern && !new RegExp(f.pattern).test(v)) err(`${label} không đúng định dạng.`, 'Wrong format.');
      }
      answers[f.name] = v;
    }
  }
  return { answers, errors };
}

/** The e-form as JSON Schema (2020-12), for the API and for other systems. */
export function toJsonSchema(def: FormDefinition): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const f of allFields(def)) {
    const base: Record<string, unknown> = { title: f.label };
    if (f.hint) base.description = f.hint;
    if (f.type === 'number') Object.assign(base, { type: 'number', minimum: f.min, maximum: f.max });
    else if (f.type === 'checkbox') Object.assign(base, { type: 'boolean' });
    else if (f.type === 'date') Object.assign(base, { type: 'string', format: 'date' });
    else if (f.type === 'email') Object.assign(base, { type: 'string', format: 'email' });
    else if (f.type === 'select' || f.type === 'radio') Object.assign(base, { type: 'string', enum: f.options?.map((o) => o.value) });
    else Object.assign(base, { type: 'string', maxLength: f.maxLength, pattern: f.pattern });
    properties[f.name] = JSON.parse(JSON.stringify(base));
    if (f.required && !f.showIf) required.push(f.name);
  }
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties, required };
}
