import type { FieldErrors } from '../../errors.js';
import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { DataTable } from '../../web/components/table.js';
import { Button, ErrorSummary, Form, SelectField, TextField } from '../../web/components/form.js';
import { formatDateVi } from '../../validation.js';
import type { Agency, Unit } from '../../org/org.repository.js';

export const UNIT_KINDS: { value: Unit['kind']; vi: string; en: string }[] = [
  { value: 'leadership', vi: 'Ban lãnh đạo', en: 'Leadership' },
  { value: 'office', vi: 'Văn phòng', en: 'Office' },
  { value: 'inspectorate', vi: 'Thanh tra', en: 'Inspectorate' },
  { value: 'department', vi: 'Phòng chuyên môn', en: 'Division' },
  { value: 'public_service', vi: 'Đơn vị sự nghiệp công lập', en: 'Public service unit' },
];

export type OrgForm = 'agency' | 'unit';

function validity(ctx: PageContext, from: string, to: string | null): string {
  return to ? `${formatDateVi(from)} – ${formatDateVi(to)}` : ctx.t(`Từ ${formatDateVi(from)}`, `From ${formatDateVi(from)}`);
}

export function OrgStructurePage(p: {
  ctx: PageContext;
  agencies: Agency[];
  units: Unit[];
  positions: { code: string; name: string; nameEn: string | null; rank: number }[];
  form?: OrgForm;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx } = p;
  const t = ctx.t;
  const byId = new Map(p.agencies.map((a) => [a.id, a]));
  const agencyValues = p.form === 'agency' ? (p.values ?? {}) : {};
  const unitValues = p.form === 'unit' ? (p.values ?? {}) : {};
  const kindLabel = (k: string) => {
    const found = UNIT_KINDS.find((x) => x.value === k);
    return found ? t(found.vi, found.en) : k;
  };
  const agencyName = (a: Agency) => (ctx.lang === 'en' && a.nameEn ? a.nameEn : a.name);
  return (
    <Layout ctx={ctx} title={t('Cơ quan, đơn vị', 'Organisation')} wide>
      <h1>{t('Cơ quan, đơn vị và chức vụ', 'Agencies, units and positions')}</h1>
      <p class="vh-lead">
        {t(
          'Khi cơ quan được sáp nhập hoặc đổi tên, hãy tạo cơ quan mới với ngày bắt đầu hiệu lực và chọn cơ quan tiền thân; hồ sơ cũ vẫn giữ cơ quan đã ban hành.',
          'When an agency is merged or renamed, create a new agency with its start date and choose its predecessor; old records keep the agency they were made under.',
        )}
      </p>

      <h2>{t('Cơ quan', 'Agencies')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Các cơ quan theo thời gian hiệu lực', 'Agencies by validity')}
        captionVisible
        rows={p.agencies}
        rowKey={(a) => a.id}
        empty={t('Chưa có cơ quan nào.', 'No agencies yet.')}
        columns={[
          { header: t('Mã định danh', 'Code'), className: 'vh-mono', cell: (a) => a.code },
          { header: t('Tên cơ quan', 'Name'), rowHeader: true, cell: (a) => agencyName(a) },
          { header: t('Hiệu lực', 'Valid'), cell: (a) => validity(ctx, a.validFrom, a.validTo) },
          {
            header: t('Cơ quan tiền thân', 'Predecessor'),
            cell: (a) => {
              const pred = a.predecessorId ? byId.get(a.predecessorId) : undefined;
              return pred ? agencyName(pred) : '';
            },
          },
        ]}
      />

      <h2>{t('Đơn vị trực thuộc', 'Units')}</h2>
      {p.agencies.map((a) => {
        const units = p.units.filter((u) => u.agencyId === a.id);
        if (!units.length) return null;
        return (
          <DataTable
            key={a.id}
            ctx={ctx}
            caption={`${t('Đơn vị của', 'Units of')} ${agencyName(a)}`}
            captionVisible
            rows={units}
            rowKey={(u) => u.id}
            columns={[
              { header: t('Mã đơn vị', 'Code'), className: 'vh-mono', cell: (u) => u.code },
              { header: t('Tên đơn vị', 'Name'), rowHeader: true, cell: (u) => (ctx.lang === 'en' && u.nameEn ? u.nameEn : u.name) },
              { header: t('Loại đơn vị', 'Kind'), cell: (u) => kindLabel(u.kind) },
              { header: t('Hiệu lực', 'Valid'), cell: (u) => validity(ctx, u.validFrom, u.validTo) },
            ]}
          />
        );
      })}
      {p.units.length === 0 && <p>{t('Chưa có đơn vị nào.', 'No units yet.')}</p>}

      <h2>{t('Chức vụ', 'Positions')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Các chức vụ theo thứ bậc', 'Positions by rank')}
        rows={p.positions}
        rowKey={(x) => x.code}
        columns={[
          { header: t('Mã chức vụ', 'Code'), className: 'vh-mono', cell: (x) => x.code },
          { header: t('Tên chức vụ', 'Name'), rowHeader: true, cell: (x) => (ctx.lang === 'en' && x.nameEn ? x.nameEn : x.name) },
          { header: t('Thứ bậc', 'Rank'), cell: (x) => x.rank },
        ]}
      />

      <h2 id="them-co-quan">{t('Thêm cơ quan', 'Add an agency')}</h2>
      {p.form === 'agency' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      <Form ctx={ctx} action="/quan-tri/to-chuc" label={t('Thêm cơ quan', 'Add an agency')}>
        <input type="hidden" name="action" value="agency" />
        <TextField ctx={ctx} name="code" label={t('Mã định danh điện tử', 'Electronic identifier')} hint={t('Ví dụ: 000.00.12.H12', 'For example 000.00.12.H12')} value={agencyValues.code} errors={p.form === 'agency' ? p.errors : undefined} width="half" />
        <TextField ctx={ctx} name="name" label={t('Tên cơ quan', 'Name')} value={agencyValues.name} errors={p.form === 'agency' ? p.errors : undefined} />
        <TextField ctx={ctx} name="nameEn" label={t('Tên tiếng Anh (không bắt buộc)', 'English name (optional)')} value={agencyValues.nameEn} errors={p.form === 'agency' ? p.errors : undefined} />
        <TextField ctx={ctx} name="address" label={t('Địa chỉ (không bắt buộc)', 'Address (optional)')} value={agencyValues.address} errors={p.form === 'agency' ? p.errors : undefined} />
        <TextField ctx={ctx} name="phone" label={t('Điện thoại (không bắt buộc)', 'Phone (optional)')} type="tel" value={agencyValues.phone} errors={p.form === 'agency' ? p.errors : undefined} width="half" />
        <TextField ctx={ctx} name="email" label={t('Thư điện tử (không bắt buộc)', 'Email (optional)')} type="email" value={agencyValues.email} errors={p.form === 'agency' ? p.errors : undefined} width="half" />
        <TextField ctx={ctx} name="validFrom" label={t('Ngày bắt đầu hiệu lực', 'Valid from')} hint={t('Ngày/tháng/năm, ví dụ: 01/07/2025', 'dd/mm/yyyy, for example 01/07/2025')} value={agencyValues.validFrom} errors={p.form === 'agency' ? p.errors : undefined} width="short" />
        <TextField ctx={ctx} name="validTo" label={t('Ngày hết hiệu lực (không bắt buộc)', 'Valid to (optional)')} hint={t('Ngày/tháng/năm', 'dd/mm/yyyy')} value={agencyValues.validTo} errors={p.form === 'agency' ? p.errors : undefined} width="short" />
        <SelectField
          ctx={ctx}
          name="predecessorId"
          label={t('Cơ quan tiền thân (không bắt buộc)', 'Predecessor (optional)')}
          value={agencyValues.predecessorId}
          errors={p.form === 'agency' ? p.errors : undefined}
          options={[{ value: '', label: t('Không có', 'None') }, ...p.agencies.map((a) => ({ value: a.id, label: `${agencyName(a)} (${a.code})` }))]}
        />
        <Button>{t('Thêm cơ quan', 'Add agency')}</Button>
      </Form>

      <h2 id="them-don-vi">{t('Thêm đơn vị', 'Add a unit')}</h2>
      {p.form === 'unit' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      {p.agencies.length === 0 ? (
        <p>{t('Cần thêm cơ quan trước khi thêm đơn vị.', 'Add an agency first.')}</p>
      ) : (
        <Form ctx={ctx} action="/quan-tri/to-chuc" label={t('Thêm đơn vị', 'Add a unit')}>
          <input type="hidden" name="action" value="unit" />
          <SelectField
            ctx={ctx}
            name="unitAgencyId"
            label={t('Thuộc cơ quan', 'Agency')}
            value={unitValues.unitAgencyId}
            errors={p.form === 'unit' ? p.errors : undefined}
            options={[{ value: '', label: t('— Chọn cơ quan —', '— Choose an agency —') }, ...p.agencies.map((a) => ({ value: a.id, label: `${agencyName(a)} (${a.code})` }))]}
          />
          <TextField ctx={ctx} name="unitCode" label={t('Mã đơn vị', 'Unit code')} hint={t('Chữ in hoa, ví dụ: QLDL', 'Capitals, for example QLDL')} value={unitValues.unitCode} errors={p.form === 'unit' ? p.errors : undefined} width="short" />
          <TextField ctx={ctx} name="unitName" label={t('Tên đơn vị', 'Unit name')} value={unitValues.unitName} errors={p.form === 'unit' ? p.errors : undefined} />
          <TextField ctx={ctx} name="unitNameEn" label={t('Tên tiếng Anh (không bắt buộc)', 'English name (optional)')} value={unitValues.unitNameEn} errors={p.form === 'unit' ? p.errors : undefined} />
          <SelectField
            ctx={ctx}
            name="unitKind"
            label={t('Loại đơn vị', 'Kind')}
            value={unitValues.unitKind}
            errors={p.form === 'unit' ? p.errors : undefined}
            options={[{ value: '', label: t('— Chọn loại đơn vị —', '— Choose a kind —') }, ...UNIT_KINDS.map((k) => ({ value: k.value, label: t(k.vi, k.en) }))]}
          />
          <TextField ctx={ctx} name="unitValidFrom" label={t('Ngày bắt đầu hiệu lực', 'Valid from')} hint={t('Ngày/tháng/năm, ví dụ: 01/07/2025', 'dd/mm/yyyy, for example 01/07/2025')} value={unitValues.unitValidFrom} errors={p.form === 'unit' ? p.errors : undefined} width="short" />
          <Button>{t('Thêm đơn vị', 'Add unit')}</Button>
        </Form>
      )}
    </Layout>
  );
}
