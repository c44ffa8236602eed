import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole, revokePermissionsFromRole } from '../../core/org/org.commands.js';
import { DOSSIER_APPROVE, DOSSIER_ASSIGN_UNIT, DOSSIER_PROCESS_UNIT, DOSSIER_RECEIVE, DOSSIER_VIEW_AGENCY, DOSSIER_VIEW_UNIT } from './dossiers.policy.js';
import { dossierWorkItems } from './dossiers.work.js';
import { countByStatus } from './dossiers.repository.js';
import { dossierRoutes } from './dossiers.routes.js';
import { DOSSIER_REMINDER_JOB, runDossierReminders } from './dossiers.reminders.js';
import { dossierIndicators } from './dossiers.indicators.js';

/** Hồ sơ thủ tục hành chính: online filing (drafts, attachments, submission, receipt Form 01) and
 * public tracking. Processing by the one-stop desk builds on the same tables. */
export default defineModule({
  name: 'dossiers',
  title: { vi: 'Hồ sơ thủ tục hành chính', en: 'Administrative dossiers' },
  permissions: [
    { code: DOSSIER_VIEW_AGENCY, description: 'Xem hồ sơ thủ tục hành chính nộp cho cơ quan' },
    { code: DOSSIER_VIEW_UNIT, description: 'Xem hồ sơ thủ tục hành chính do đơn vị mình giải quyết' },
    { code: DOSSIER_RECEIVE, description: 'Tiếp nhận, từ chối, yêu cầu bổ sung, chuyển xử lý, dừng và trả kết quả hồ sơ (Bộ phận một cửa)' },
    { code: DOSSIER_PROCESS_UNIT, description: 'Thẩm định, xử lý hồ sơ thủ tục hành chính của đơn vị mình' },
    { code: DOSSIER_APPROVE, description: 'Phê duyệt kết quả giải quyết thủ tục hành chính' },
    { code: DOSSIER_ASSIGN_UNIT, description: 'Phân công chuyên viên của đơn vị mình xử lý hồ sơ (trưởng phòng)' },
  ],
  workItems: dossierWorkItems,
  routes: dossierRoutes,
  jobs: (s) => [{ name: DOSSIER_REMINDER_JOB, schedule: '15 * * * *', retryLimit: 2, handler: async () => void (await runDossierReminders(s)) }],
  publicNav: [
    { href: '/tra-cuu', vi: 'Tra cứu hồ sơ', en: 'Track a dossier', order: 40 },
    { href: '/ho-so', vi: 'Hồ sơ của tôi', en: 'My dossiers', order: 45, audience: 'citizen' },
  ],
  staffNav: [{ href: '/quan-tri/ho-so', vi: 'Hồ sơ một cửa', en: 'One-stop dossiers', permission: 'view:dossier' }],
  stats: async (s) => ({ dossiersSubmitted: await countByStatus(s.db, 'submitted') }),
  // Sector indicators (issue 11): DVC/PAKN figures per period, from this module's own tables.
  indicators: dossierIndicators,
  async seed(s) {
    const ctx = { services: s, actor: SYSTEM };
    // Decree 118/2025/NĐ-CP: the one-stop desk receives and returns, the implementing unit's
    // specialists appraise (their unit only), leaders approve; the administrator holds every right.
    // Specialists read only their unit's dossiers (view:dossier:unit), not the whole agency's.
    await grantPermissionsToRole(ctx, 'tiep_nhan', [DOSSIER_VIEW_AGENCY, DOSSIER_RECEIVE]);
    await grantPermissionsToRole(ctx, 'chuyen_vien', [DOSSIER_VIEW_UNIT, DOSSIER_PROCESS_UNIT]);
    // Databases seeded before the unit scoping gave specialists the whole agency's dossiers.
    await revokePermissionsFromRole(ctx, 'chuyen_vien', [DOSSIER_VIEW_AGENCY]);
    await grantPermissionsToRole(ctx, 'lanh_dao', [DOSSIER_VIEW_AGENCY, DOSSIER_APPROVE]);
    await grantPermissionsToRole(ctx, 'truong_phong', [DOSSIER_VIEW_UNIT, DOSSIER_PROCESS_UNIT, DOSSIER_ASSIGN_UNIT]);
    await grantPermissionsToRole(ctx, 'quan_tri', [DOSSIER_VIEW_AGENCY, DOSSIER_VIEW_UNIT, DOSSIER_RECEIVE, DOSSIER_PROCESS_UNIT, DOSSIER_APPROVE]);
  },
});
