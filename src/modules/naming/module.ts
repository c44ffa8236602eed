import { SYSTEM } from '../../core/auth/actor.js';
import { defineModule } from '../../core/module.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { seedNaming } from './naming.demo.js';
import { NAMING_MANAGE_ALL, NAMING_MANAGE_UNIT, namingPolicy } from './naming.policy.js';
import { namingRoutes } from './naming.routes.js';

/** Đặt tên đường (issue 16): named streets and public works with their history, the inventory by
 * class and its checks, the name bank with supporting files, proposal batches through public
 * consultation, conference, council vote and the People's Council resolution, and /ten-duong. */
export default defineModule({
  name: 'naming',
  title: { vi: 'Đặt tên đường, công trình công cộng', en: 'Street and public-works naming' },
  permissions: [
    { code: NAMING_MANAGE_UNIT, description: 'Ngân hàng tên đường, kiểm kê, đề xuất đặt tên (Phòng Quản lý Văn hóa — cơ quan thường trực Hội đồng tư vấn)' },
    { code: NAMING_MANAGE_ALL, description: 'Ngân hàng tên đường, đề xuất đặt tên (mọi đơn vị)' },
  ],
  routes: namingRoutes,
  publicNav: [{ href: '/ten-duong', vi: 'Tên đường', en: 'Street names', order: 65, footer: true }],
  // Listed only to those the policy lets in (QLVH, administrators), not to every unit's specialist.
  staffNav: [
    { href: '/quan-tri/ten-duong', vi: 'Đặt tên đường', en: 'Street naming', permission: 'manage:naming', visible: (s, actor) => namingPolicy.canManage(s, actor) },
  ],
  sitemap: async () => [{ path: '/ten-duong' }],
  async seed(s, { demo }) {
    const ctx = { services: s, actor: SYSTEM };
    await grantPermissionsToRole(ctx, 'chuyen_vien', [NAMING_MANAGE_UNIT]);
    await grantPermissionsToRole(ctx, 'truong_phong', [NAMING_MANAGE_UNIT]);
    await grantPermissionsToRole(ctx, 'quan_tri', [NAMING_MANAGE_ALL]);
    await seedNaming(s, { demo });
  },
});
