import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { createNotice, earliestDowntimeDay, publishNotice } from './notices.commands.js';
import { formatDateVi, vnIsoDate } from '../../core/validation.js';
import { NOTICE_MANAGE, PAGE_RATING_VIEW } from './notices.policy.js';
import { countPublished, listPublished } from './notices.repository.js';
import { NoticesHomeBlock } from './pages/home-block.js';
import { noticeRoutes } from './notices.routes.js';

/** Thông báo: announcements, planned-downtime and emergency banners on every page, and the
 * anonymous "Bạn có hài lòng với trang này?" rating with its staff summary. */
export default defineModule({
  name: 'notices',
  title: { vi: 'Thông báo', en: 'Notices' },
  permissions: [
    { code: NOTICE_MANAGE, description: 'Soạn và đăng thông báo, lịch bảo trì và thông báo khẩn' },
    { code: PAGE_RATING_VIEW, description: 'Xem tổng hợp đánh giá mức độ hài lòng với các trang' },
  ],
  routes: noticeRoutes,
  publicNav: [{ href: '/thong-bao', vi: 'Thông báo', en: 'Notices', order: 90 }],
  staffNav: [
    { href: '/quan-tri/thong-bao', vi: 'Quản lý thông báo', en: 'Manage notices', permission: NOTICE_MANAGE },
    { href: '/quan-tri/danh-gia-trang', vi: 'Đánh giá mức độ hài lòng', en: 'Page satisfaction', permission: PAGE_RATING_VIEW },
  ],
  stats: async (s) => ({ publishedNotices: await countPublished(s.db) }),
  homeBlock: { order: 50, render: async (s, ctx) => NoticesHomeBlock({ ctx, notices: await listPublished(s.db, 3) }) },
  async seed(s, { demo }) {
    const ctx = { services: s, actor: SYSTEM };
    await grantPermissionsToRole(ctx, 'bien_tap', [NOTICE_MANAGE, PAGE_RATING_VIEW]);
    await grantPermissionsToRole(ctx, 'lanh_dao', [PAGE_RATING_VIEW]);
    await grantPermissionsToRole(ctx, 'quan_tri', [NOTICE_MANAGE, PAGE_RATING_VIEW]);
    if (demo) {
      // Relative to the day the demo is seeded, so the 7-working-day rule holds whenever it runs.
      const day = new Date(`${await earliestDowntimeDay(s, vnIsoDate())}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() + 7);
      const iso = day.toISOString().slice(0, 10);
      const next = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
      const n = await createNotice(ctx, {
        kind: 'downtime',
        title: 'Tạm dừng hệ thống dịch vụ công trực tuyến để nâng cấp (dữ liệu minh họa)',
        body: `Hệ thống dịch vụ công trực tuyến của Sở sẽ tạm dừng từ 22 giờ 00 ngày ${formatDateVi(iso)} đến 02 giờ 00 ngày ${formatDateVi(next)} để nâng cấp máy chủ. Trong thời gian này, hồ sơ có thể nộp trực tiếp tại Bộ phận Một cửa.\nĐây là nội dung minh họa của bản trình diễn.`,
        startsAt: `${iso}T22:00`,
        endsAt: `${next}T02:00`,
      });
      await publishNotice(ctx, n.id, n.version);
    }
  },
});
