import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { seedCategories, seedDemo } from './feedback.demo.js';
import { FEEDBACK_APPROVE, FEEDBACK_CLASSIFY, FEEDBACK_HANDLE, FEEDBACK_RECORD, FEEDBACK_STATS, FEEDBACK_VIEW } from './feedback.policy.js';
import { REMINDER_JOB, runReminders } from './feedback.handling.js';
import { countCases } from './feedback.repository.js';
import { feedbackRoutes } from './feedback.routes.js';
import { feedbackWorkItems } from './feedback.work.js';
import { feedbackIndicators } from './feedback.indicators.js';

/** Phản ánh, kiến nghị (Decree 20/2008/NĐ-CP; the 1022 hotline rules): intake by web form,
 * hotline, Open311 GeoReport v2 and email (FEEDBACK_SMTP_PORT); public tracking by code;
 * classification (Decree 20/2008 Art. 9), duplicates, handling, approved and published answers,
 * rating, re-opening and reminders; the leaders' statistics (Decision 766 ratios), map and XLSX
 * exports; the staff JSON API under /api/v1/feedback. */
export default defineModule({
  name: 'feedback',
  title: { vi: 'Phản ánh, kiến nghị', en: 'Feedback and petitions' },
  permissions: [
    { code: FEEDBACK_RECORD, description: 'Ghi nhận phản ánh qua đường dây nóng' },
    { code: FEEDBACK_VIEW, description: 'Xem danh sách phản ánh, kiến nghị' },
    { code: FEEDBACK_CLASSIFY, description: 'Phân loại phản ánh: từ chối, chuyển đơn vị, chuyển cơ quan có thẩm quyền' },
    { code: FEEDBACK_HANDLE, description: 'Xử lý phản ánh được giao cho đơn vị' },
    { code: FEEDBACK_APPROVE, description: 'Phê duyệt câu trả lời phản ánh' },
    { code: FEEDBACK_STATS, description: 'Xem thống kê, bản đồ và tải số liệu phản ánh' },
  ],
  routes: feedbackRoutes,
  // Hourly reminders (Vietnam time): 1 working day before the due date and when overdue.
  jobs: (s) => [{ name: REMINDER_JOB, schedule: '0 * * * *', retryLimit: 2, handler: async () => void (await runReminders(s)) }],
  publicNav: [
    // One entry in the menu: the public list links to the form and to tracking.
    { href: '/phan-anh', vi: 'Phản ánh, kiến nghị', en: 'Feedback', order: 50 },
  ],
  staffNav: [
    { href: '/quan-tri/phan-anh', vi: 'Phản ánh, kiến nghị', en: 'Feedback', permission: FEEDBACK_VIEW },
    { href: '/quan-tri/phan-anh/tong-dai', vi: 'Ghi nhận cuộc gọi', en: 'Record a call', permission: FEEDBACK_RECORD },
    { href: '/quan-tri/phan-anh/thong-ke', vi: 'Thống kê phản ánh', en: 'Feedback statistics', permission: FEEDBACK_STATS },
    { href: '/quan-tri/phan-anh/ban-do', vi: 'Bản đồ phản ánh', en: 'Map of feedback', permission: FEEDBACK_STATS },
  ],
  stats: async (s) => ({ feedbackCases: await countCases(s.db) }),
  // Sector indicators (issue 11): DVC/PAKN figures per period, from this module's own tables.
  indicators: feedbackIndicators,
  workItems: feedbackWorkItems,
  async seed(s, { demo }) {
    const ctx = { services: s, actor: { ...SYSTEM, label: demo ? 'Dữ liệu minh họa' : SYSTEM.label } };
    await grantPermissionsToRole(ctx, 'tiep_nhan', [FEEDBACK_RECORD, FEEDBACK_VIEW, FEEDBACK_CLASSIFY]);
    await grantPermissionsToRole(ctx, 'quan_tri', [FEEDBACK_RECORD, FEEDBACK_VIEW, FEEDBACK_CLASSIFY, FEEDBACK_STATS]);
    await grantPermissionsToRole(ctx, 'chuyen_vien', [FEEDBACK_VIEW, FEEDBACK_HANDLE]);
    // The unit head takes the unit's cases and assigns them (Decree 20/2008 Art. 9: the unit handles).
    await grantPermissionsToRole(ctx, 'truong_phong', [FEEDBACK_VIEW, FEEDBACK_HANDLE]);
    await grantPermissionsToRole(ctx, 'lanh_dao', [FEEDBACK_VIEW, FEEDBACK_APPROVE, FEEDBACK_STATS]);
    await seedCategories(ctx);
    if (demo) await seedDemo(ctx);
  },
});
