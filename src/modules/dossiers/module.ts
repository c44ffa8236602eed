import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { DOSSIER_VIEW_AGENCY } from './dossiers.policy.js';
import { countByStatus } from './dossiers.repository.js';
import { dossierRoutes } from './dossiers.routes.js';

/** Hồ sơ thủ tục hành chính: online filing (drafts, attachments, submission, receipt Form 01) and
 * public tracking. Processing by the one-stop desk builds on the same tables. */
export default defineModule({
  name: 'dossiers',
  title: { vi: 'Hồ sơ thủ tục hành chính', en: 'Administrative dossiers' },
  permissions: [{ code: DOSSIER_VIEW_AGENCY, description: 'Xem hồ sơ thủ tục hành chính nộp cho cơ quan' }],
  routes: dossierRoutes,
  publicNav: [
    { href: '/tra-cuu', vi: 'Tra cứu hồ sơ', en: 'Track a dossier' },
    { href: '/ho-so', vi: 'Hồ sơ của tôi', en: 'My dossiers' },
  ],
  stats: async (s) => ({ dossiersSubmitted: await countByStatus(s.db, 'submitted') }),
  async seed(s) {
    const ctx = { services: s, actor: SYSTEM };
    for (const role of ['tiep_nhan', 'chuyen_vien', 'lanh_dao']) await grantPermissionsToRole(ctx, role, [DOSSIER_VIEW_AGENCY]);
  },
});
