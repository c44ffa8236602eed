import type { PageContext } from '../../web/page.js';

/** Account kind in the reader's language. */
export function kindLabel(ctx: PageContext, kind: string): string {
  return kind === 'staff' ? ctx.t('Cán bộ, công chức', 'Staff') : ctx.t('Công dân, doanh nghiệp', 'Citizen or business');
}

export function StatusTag(p: { ctx: PageContext; status: string }) {
  return p.status === 'active' ? (
    <span class="vh-tag vh-tag--ok">{p.ctx.t('Đang hoạt động', 'Active')}</span>
  ) : (
    <span class="vh-tag vh-tag--off">{p.ctx.t('Đã vô hiệu hóa', 'Disabled')}</span>
  );
}

/** An assignment counts today when today lies inside [validFrom, validTo]. */
export function assignmentCurrent(a: { validFrom: string; validTo: string | null }, today: string): boolean {
  return a.validFrom <= today && (a.validTo === null || a.validTo >= today);
}
