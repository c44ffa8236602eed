import { sql } from 'drizzle-orm';
import { SYSTEM } from '../../core/auth/actor.js';
import { defineModule } from '../../core/module.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { seedCriteria, seedTitlesDemo } from './titles.demo.js';
import { titlesJobs } from './titles.jobs.js';
import { TITLES_MANAGE_ALL, TITLES_MANAGE_UNIT, TITLES_VIEW_ALL } from './titles.policy.js';
import { titlesRoutes } from './titles.routes.js';

/** Danh hiệu văn hóa (issue 15, Decree 86/2023/NĐ-CP): the yearly round per commune from
 * registration to decision, criteria as dated data, the public listing with comments, documents
 * and certificates, statistics, and VH.01/VH.02 for the indicators. */
export default defineModule({
  name: 'titles',
  title: { vi: 'Danh hiệu văn hóa', en: 'Cultural titles' },
  permissions: [
    { code: TITLES_MANAGE_UNIT, description: 'Theo dõi bình xét danh hiệu văn hóa của các xã (Phòng Quản lý Văn hóa và Gia đình)' },
    { code: TITLES_MANAGE_ALL, description: 'Theo dõi bình xét danh hiệu văn hóa, sửa bộ tiêu chí (quản trị)' },
    { code: TITLES_VIEW_ALL, description: 'Xem bảng quá hạn, thống kê danh hiệu văn hóa (lãnh đạo Sở)' },
  ],
  routes: titlesRoutes,
  jobs: titlesJobs,
  publicNav: [{ href: '/danh-hieu-van-hoa', vi: 'Danh hiệu văn hóa', en: 'Cultural titles', order: 70, footer: true }],
  staffNav: [{ href: '/quan-tri/danh-hieu', vi: 'Danh hiệu văn hóa', en: 'Cultural titles', permission: 'manage:titles' }],
  sitemap: async () => [{ path: '/danh-hieu-van-hoa' }, { path: '/danh-hieu-van-hoa/thong-ke' }],
  /** VH.02: households recognised in the year; VH.01: their share of the households of the
   * communes that held a round (per cent, one decimal). By commune as `area`. */
  async indicators(s, period) {
    if (period.periodicity !== 'year') return [];
    const year = Number(period.code.slice(0, 4));
    const r = await s.db.execute<{ commune_code: string; total: number; recognised: number }>(
      sql`SELECT commune_code, total, recognised FROM titles_stats WHERE year = ${year} AND title_kind = 'household'`,
    );
    const total = r.rows.reduce((a, x) => a + Number(x.total), 0);
    const rec = r.rows.reduce((a, x) => a + Number(x.recognised), 0);
    if (!total) return [];
    return [
      { indicator: 'VH.02', value: rec },
      { indicator: 'VH.01', value: Math.round((rec / total) * 1000) / 10 },
      ...r.rows.map((x) => ({ indicator: 'VH.02', dims: { area: x.commune_code }, value: Number(x.recognised) })),
    ];
  },
  async seed(s, { demo }) {
    const ctx = { services: s, actor: SYSTEM };
    await grantPermissionsToRole(ctx, 'chuyen_vien', [TITLES_MANAGE_UNIT]);
    await grantPermissionsToRole(ctx, 'truong_phong', [TITLES_MANAGE_UNIT, TITLES_VIEW_ALL]);
    await grantPermissionsToRole(ctx, 'lanh_dao', [TITLES_VIEW_ALL]);
    await grantPermissionsToRole(ctx, 'quan_tri', [TITLES_MANAGE_ALL]);
    await seedCriteria(s);
    if (demo) await seedTitlesDemo(s);
  },
});
