import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { seedCategories, seedDemo } from './feedback.demo.js';
import { FEEDBACK_RECORD, FEEDBACK_VIEW } from './feedback.policy.js';
import { countCases } from './feedback.repository.js';
import { feedbackRoutes } from './feedback.routes.js';

/** Phản ánh, kiến nghị (Decree 20/2008/NĐ-CP; the 1022 hotline rules): intake by web form,
 * hotline and Open311 GeoReport v2; public tracking by code. Routing, answers, merging later. */
export default defineModule({
  name: 'feedback',
  title: { vi: 'Phản ánh, kiến nghị', en: 'Feedback and petitions' },
  permissions: [
    { code: FEEDBACK_RECORD, description: 'Ghi nhận phản ánh qua đường dây nóng' },
    { code: FEEDBACK_VIEW, description: 'Xem danh sách phản ánh, kiến nghị' },
  ],
  routes: feedbackRoutes,
  publicNav: [{ href: '/phan-anh/gui', vi: 'Gửi phản ánh', en: 'Send feedback' }],
  staffNav: [
    { href: '/quan-tri/phan-anh', vi: 'Phản ánh, kiến nghị', en: 'Feedback', permission: FEEDBACK_VIEW },
    { href: '/quan-tri/phan-anh/tong-dai', vi: 'Ghi nhận cuộc gọi', en: 'Record a call', permission: FEEDBACK_RECORD },
  ],
  stats: async (s) => ({ feedbackCases: await countCases(s.db) }),
  async seed(s, { demo }) {
    const ctx = { services: s, actor: { ...SYSTEM, label: demo ? 'Dữ liệu minh họa' : SYSTEM.label } };
    await grantPermissionsToRole(ctx, 'tiep_nhan', [FEEDBACK_RECORD, FEEDBACK_VIEW]);
    await grantPermissionsToRole(ctx, 'quan_tri', [FEEDBACK_RECORD, FEEDBACK_VIEW]);
    await grantPermissionsToRole(ctx, 'chuyen_vien', [FEEDBACK_VIEW]);
    await grantPermissionsToRole(ctx, 'lanh_dao', [FEEDBACK_VIEW]);
    await seedCategories(ctx);
    if (demo) await seedDemo(ctx);
  },
});
