import type { FieldErrors } from '../../errors.js';
import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../web/components/form.js';
import { formatDateVi } from '../../validation.js';
import { DataTable } from '../../web/components/table.js';
import type { CalendarHoliday } from '../index.js';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

export function CalendarAdminPage(p: { ctx: PageContext; year: number; holidays: CalendarHoliday[]; values?: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Lịch làm việc', 'Working calendar')}>
      <h1>
        {t('Lịch làm việc năm', 'Working calendar')} {p.year}
      </h1>
      <p>
        <a href={`/quan-tri/lich?year=${p.year - 1}`}>← {p.year - 1}</a> · <a href={`/quan-tri/lich?year=${p.year + 1}`}>{p.year + 1} →</a>
      </p>
      <p class="vh-lead">
        {t(
          'Ngày nghỉ được tính theo Bộ luật Lao động 2019 (Điều 111, 112) và âm lịch Việt Nam; lịch chính thức hằng năm nhập ở đây sẽ thay thế ngày tính sẵn.',
          'Days off are computed from the Labour Code 2019 and the Vietnamese lunar calendar; the official yearly schedule entered here overrides them.',
        )}
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Ngày nghỉ trong năm', 'Days off')}
        rows={p.holidays}
        rowKey={(h) => h.date}
        columns={[
          { header: t('Ngày', 'Date'), cell: (h) => formatDateVi(h.date) },
          { header: t('Thứ', 'Weekday'), cell: (h) => WEEKDAYS[new Date(`${h.date}T00:00:00Z`).getUTCDay()] },
          { header: t('Tên', 'Name'), cell: (h) => (ctx.lang === 'en' && h.nameEn ? h.nameEn : h.name) },
          { header: t('Nguồn', 'Source'), cell: (h) => (h.source === 'override' ? t('Lịch chính thức', 'Official schedule') : t('Tính theo luật', 'Computed')) },
          {
            header: t('Thao tác', 'Actions'),
            hiddenHeader: true,
            cell: (h) => h.source === 'override' && <ActionButton ctx={ctx} action="/quan-tri/lich" label={t('Xóa', 'Remove')} fields={{ action: 'remove', date: h.date, year: String(p.year) }} />,
          },
        ]}
      />
      <h2>{t('Thêm hoặc sửa một ngày', 'Add or change a day')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/lich">
        <input type="hidden" name="year" value={String(p.year)} />
        <TextField ctx={ctx} name="date" label={t('Ngày', 'Date')} hint={t('Ví dụ: 02/09/2027', 'For example 02/09/2027')} value={p.values?.date} errors={p.errors} width="short" />
        <SelectField
          ctx={ctx}
          name="kind"
          label={t('Loại ngày', 'Kind')}
          value={p.values?.kind ?? 'off'}
          errors={p.errors}
          options={[
            { value: 'off', label: t('Ngày nghỉ', 'Day off') },
            { value: 'work', label: t('Ngày làm việc (làm bù)', 'Working day (swap)') },
          ]}
        />
        <TextField ctx={ctx} name="name" label={t('Tên hoặc lý do', 'Name or reason')} value={p.values?.name} errors={p.errors} />
        <Button>{t('Lưu', 'Save')}</Button>
      </Form>
      <h2>{t('Nhập lịch từ tệp CSV', 'Import a CSV schedule')}</h2>
      <Form ctx={ctx} action="/quan-tri/lich">
        <input type="hidden" name="year" value={String(p.year)} />
        <input type="hidden" name="action" value="import" />
        <TextArea ctx={ctx} name="csv" label={t('Nội dung CSV', 'CSV content')} hint="date,kind,name — 2027-02-05,off,Nghỉ Tết Nguyên đán" value={p.values?.csv} errors={p.errors} rows={6} />
        <Button variant="secondary">{t('Nhập lịch', 'Import')}</Button>
      </Form>
    </Layout>
  );
}
