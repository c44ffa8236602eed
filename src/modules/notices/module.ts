import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { createNotice, publishNotice } from './notices.commands.js';
import { NOTICE_MANAGE } from './notices.policy.js';
import { countPublished, listPublished } from './notices.repository.js';
import { NoticesHomeBlock } from './pages/home-block.js';
import { noticeRoutes } from './notices.routes.js';

/** The example module: a manifest, a table, a repository, two commands, a policy, routes, pages. */
export default defineModule({
  name: 'notices',
  title: { vi: 'Thông báo', en: 'Notices' },
  permissions: [{ code: NOTICE_MANAGE, description: 'Soạn và đăng thông báo' }],
  routes: noticeRoutes,
  publicNav: [{ href: '/thong-bao', vi: 'Thông báo', en: 'Notices', order: 90 }],
  staffNav: [{ href: '/quan-tri/thong-bao', vi: 'Quản lý thông báo', en: 'Manage notices', permission: NOTICE_MANAGE }],
  stats: async (s) => ({ publishedNotices: await countPublished(s.db) }),
  homeBlock: { order: 50, render: async (s, ctx) => NoticesHomeBlock({ ctx, notices: await listPublished(s.db, 3) }) },
  async seed(s, { demo }) {
    const ctx = { services: s, actor: SYSTEM };
    await grantPermissionsToRole(ctx, 'bien_tap', [NOTICE_MANAGE]);
    await grantPermissionsToRole(ctx, 'quan_tri', [NOTICE_MANAGE]);
    if (demo) {
      const n = await createNotice(ctx, {
        title: 'Thông báo tạm dừng hệ thống để bảo trì (dữ liệu minh họa)',
        body: 'Hệ thống dịch vụ công trực tuyến của Sở sẽ tạm dừng từ 22 giờ 00 ngày 12/12/2026 đến 02 giờ 00 ngày 13/12/2026 để nâng cấp. Thông báo này được đăng trước ít nhất 7 ngày làm việc theo quy định.\nĐây là nội dung minh họa của bản trình diễn.',
      });
      await publishNotice(ctx, n.id, n.version);
    }
  },
});
