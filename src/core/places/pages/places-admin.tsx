import type { FieldErrors } from '../../errors.js';
import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { Button, ErrorSummary, SelectField, TextField } from '../../web/components/form.js';
import { DataTable } from '../../web/components/table.js';
import { formatDateVi } from '../../validation.js';
import { ADMIN_LEVEL_LABELS, type AdminUnit } from '../index.js';

/** Districts, then the commune level: a pre-2025 date shows three tiers, a later one two. */
const TIERS: { vi: string; en: string; levels: AdminUnit['level'][] }[] = [
  { vi: 'Cấp tỉnh', en: 'Province level', levels: ['province'] },
  { vi: 'Cấp huyện', en: 'District level', levels: ['district'] },
  { vi: 'Cấp xã', en: 'Commune level', levels: ['commune', 'ward', 'special_zone'] },
];

export function PlacesAdminPage(p: {
  ctx: PageContext;
  /** 'YYYY-MM-DD' shown */
  at: string;
  level: string;
  /** units in force on `at`, sorted */
  units: AdminUnit[];
  /** every unit by code, to name parents, predecessors and successors */
  byCode: Map<string, AdminUnit>;
  predecessors: Map<string, string[]>;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const { ctx } = p;
  const t = ctx.t;
  const name = (code: string) => {
    const u = p.byCode.get(code);
    return u ? (ctx.lang === 'en' ? u.nameEn : u.name) : code;
  };
  const names = (codes: string[]) => codes.map(name).join(', ');
  return (
    <Layout ctx={ctx} title={t('Đơn vị hành chính', 'Administrative units')} wide>
      <h1>
        {t('Đơn vị hành chính ngày', 'Administrative units on')} {formatDateVi(p.at)}
      </h1>
      <p class="vh-lead">
        {t(
          'Từ ngày 01/07/2025 chính quyền địa phương tổ chức hai cấp (tỉnh, xã); cấp huyện kết thúc, nhiều xã, phường được sáp nhập và đổi tên. Hồ sơ, số liệu cũ giữ đơn vị hành chính tại thời điểm của chúng; cột “Trở thành” cho biết đơn vị hiện nay tương ứng.',
          'Since 1 July 2025 local government has two levels (province, commune); districts ended and many communes and wards were merged and renamed. Older records keep the unit of their own date; the “Became” column gives the corresponding units of today.',
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <form method="get" action="/quan-tri/don-vi-hanh-chinh" class="vh-form vh-filters" aria-label={t('Chọn ngày', 'Choose the date')}>
        <TextField
          ctx={ctx}
          name="ngay"
          label={t('Tại ngày', 'On')}
          hint={t('Ví dụ: 30/06/2025', 'For example 30/06/2025')}
          value={p.values?.ngay ?? formatDateVi(p.at)}
          errors={p.errors}
          width="short"
        />
        <SelectField
          ctx={ctx}
          name="cap"
          label={t('Loại đơn vị', 'Kind of unit')}
          value={p.level}
          options={[{ value: '', label: t('Tất cả', 'All') }, ...Object.entries(ADMIN_LEVEL_LABELS).map(([value, l]) => ({ value, label: t(l.vi, l.en) }))]}
        />
        <Button>{t('Xem', 'Show')}</Button>
      </form>
      <p>
        {t(`Có ${p.units.length} đơn vị.`, `${p.units.length} units.`)}{' '}
        <a href={`/api/v1/places?at=${p.at}${p.level ? `&level=${p.level}` : ''}`}>{t('Tải dạng JSON (API)', 'Download as JSON (API)')}</a>
      </p>
      {TIERS.map((tier) => {
        const rows = p.units.filter((u) => tier.levels.includes(u.level));
        if (!rows.length) return null;
        return (
          <DataTable
            key={tier.vi}
            ctx={ctx}
            caption={`${t(tier.vi, tier.en)} (${rows.length})`}
            captionVisible
            rows={rows}
            rowKey={(u) => u.code}
            columns={[
              { header: t('Mã', 'Code'), cell: (u) => <code>{u.code}</code> },
              { header: t('Tên', 'Name'), rowHeader: true, cell: (u) => (ctx.lang === 'en' ? u.nameEn : u.name) },
              { header: t('Loại', 'Kind'), cell: (u) => t(ADMIN_LEVEL_LABELS[u.level].vi, ADMIN_LEVEL_LABELS[u.level].en) },
              { header: t('Trực thuộc', 'Part of'), cell: (u) => (u.parentCode ? name(u.parentCode) : '') },
              {
                header: t('Hiệu lực', 'In force'),
                cell: (u) => `${formatDateVi(u.validFrom)} – ${u.validTo ? formatDateVi(u.validTo) : t('nay', 'now')}`,
              },
              { header: t('Hình thành từ', 'Formed from'), cell: (u) => names(p.predecessors.get(u.code) ?? []) },
              { header: t('Trở thành', 'Became'), cell: (u) => names(u.successorCodes) },
            ]}
          />
        );
      })}
      {p.units.length === 0 && <p>{t('Không có đơn vị hành chính nào có hiệu lực vào ngày này.', 'No administrative unit was in force on this date.')}</p>}
    </Layout>
  );
}
