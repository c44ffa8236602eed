import { describe, expect, it } from 'vitest';
import { checkFormDefinition, toJsonSchema, validateAnswers, type FormDefinition } from '../procedures.forms.js';

const DEF: FormDefinition = {
  steps: [
    {
      title: 'Thông tin người nộp',
      fields: [
        { name: 'fullName', label: 'Họ và tên', type: 'text', required: true, prefill: 'fullName', maxLength: 100 },
        { name: 'idNumber', label: 'Số định danh cá nhân', type: 'text', required: true, pattern: '^\\d{12}$' },
        { name: 'phone', label: 'Số điện thoại', type: 'tel', required: true },
      ],
    },
    {
      title: 'Thông tin cơ sở',
      fields: [
        { name: 'rooms', label: 'Số phòng hát', type: 'number', required: true, min: 1, max: 200 },
        { name: 'hasBar', label: 'Có quầy bar', type: 'radio', required: true, options: [{ value: 'co', label: 'Có' }, { value: 'khong', label: 'Không' }] },
        { name: 'barArea', label: 'Diện tích quầy bar (m²)', type: 'number', required: true, showIf: { field: 'hasBar', equals: 'co' } },
        { name: 'openedOn', label: 'Ngày khai trương', type: 'date' },
        { name: 'commit', label: 'Cam kết thực hiện đúng quy định', type: 'checkbox', required: true },
      ],
    },
  ],
};

describe('e-form definitions and answers', () => {
  it('accepts a good definition and names the problems of a bad one in Vietnamese', () => {
    expect(checkFormDefinition(DEF)).toEqual([]);
    const bad = { steps: [{ title: '', fields: [{ name: 'Ten có dấu', label: '', type: 'magic', showIf: { field: 'later', equals: 'x' } }] }] };
    const problems = checkFormDefinition(bad);
    expect(problems.join(' ')).toContain('thiếu tiêu đề');
    expect(problems.join(' ')).toContain('tên trường chỉ gồm chữ cái không dấu');
    expect(problems.join(' ')).toContain('loại trường không hợp lệ');
    expect(problems.join(' ')).toContain('trường đứng trước');
    expect(checkFormDefinition(null)).toEqual(['Biểu mẫu phải có ít nhất một bước (steps).']);
  });

  it('validates one step with Vietnamese messages', () => {
    const { errors } = validateAnswers(DEF, { fullName: '', idNumber: '12345', phone: '123' }, 0);
    expect(errors.fullName?.vi).toBe('Vui lòng nhập họ và tên.');
    expect(errors.idNumber?.vi).toBe('Số định danh cá nhân không đúng định dạng.');
    expect(errors.phone?.vi).toContain('Số điện thoại không đúng định dạng');
  });

  it('applies conditional questions, numbers, dates and checkboxes', () => {
    const noBar = validateAnswers(DEF, { rooms: '12', hasBar: 'khong', barArea: 'rác', openedOn: '05/01/2027', commit: 'on' }, 1);
    expect(noBar.errors).toEqual({});
    expect(noBar.answers).toEqual({ rooms: '12', hasBar: 'khong', openedOn: '2027-01-05', commit: 'true' });
    const bar = validateAnswers(DEF, { rooms: '0', hasBar: 'co', openedOn: '31/02/2027' }, 1);
    expect(bar.errors.rooms?.vi).toBe('Số phòng hát phải từ 1 trở lên.');
    expect(bar.errors.barArea?.vi).toBe('Vui lòng nhập diện tích quầy bar.');
    expect(bar.errors.openedOn?.vi).toContain('không hợp lệ');
    expect(bar.errors.commit?.vi).toBe('Vui lòng xác nhận: Cam kết thực hiện đúng quy định.');
  });

  it('normalises answers to NFC', () => {
    const decomposed = 'Nguyễn Thị Hồng'.normalize('NFD');
    const { answers } = validateAnswers(DEF, { fullName: decomposed, idNumber: '079123456789', phone: '0912345678' }, 0);
    expect(answers.fullName).toBe('Nguyễn Thị Hồng'.normalize('NFC'));
  });

  it('exports JSON Schema 2020-12', () => {
    const schema = toJsonSchema(DEF) as { properties: Record<string, { type: string }>; required: string[] };
    expect(schema.properties.rooms).toMatchObject({ type: 'number', minimum: 1, maximum: 200 });
    expect(schema.properties.commit).toMatchObject({ type: 'boolean' });
    expect(schema.required).toContain('idNumber');
    expect(schema.required).not.toContain('barArea');
  });
});
