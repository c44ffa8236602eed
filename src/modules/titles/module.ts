import { sql } from 'drizzle-orm';
import { SYSTEM } from '../../core/auth/actor.js';
import { defineModule, type IndicatorValue } from '../../core/module.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { seedCriteria, seedTitlesDemo } from './titles.demo.js';
import { titlesJobs } from './titles.jobs.js';
import { TITLES_MANAGE_ALL, TITLES_MANAGE_UNIT, TITLES_VIEW_ALL, titlesPolicy } from './titles.policy.js';
import { titlesRoutes } from './titles.routes.js';

/** Danh hiệu văn hóa (issue 15, Decree 86/2023/NĐ-CP): the yearly round per commune from
 * registration to decision, criteria as dated data, the public listing with comments, documents
 * and certificates, statistics, and VH.01–VH.03 for the indicators. */
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
  // Listed only to those the policy lets in (QLVH, holders of the `all` scopes), not to every unit's specialist.
  staffNav: [
    { href: '/quan-tri/danh-hieu', vi: 'Danh hiệu văn hóa', en: 'Cultural titles', permission: 'manage:titles', visible: (s, actor) => titlesPolicy.canView(s, actor) },
  ],
  sitemap: async () => [{ path: '/danh-hieu-van-hoa' }, { path: '/danh-hieu-van-hoa/thong-ke' }],
  /** VH.02: households recognised in the year; VH.01: their share of the households of the
   * communes that held a round (per cent, one decimal); VH.03: the same share for villages and
   * residential groups. By commune as `area`. */
  async indicators(s, period) {
    if (period.periodicity !== 'year') return [];
    const year = Number(period.code.slice(0, 4));
    const r = await s.db.execute<{ commune_code: string; title_kind: string; total: number; recognised: number }>(
      sql`SELECT commune_code, title_kind, total, recognised FROM titles_stats WHERE year = ${year} AND title_kind IN ('household', 'village') AND total > 0`,
    );
    const share = (rec: number, total: number) => Math.round((rec / total) * 1000) / 10;
    const out: IndicatorValue[] = [];
    for (const [kind, count, ratio] of [['household', 'VH.02', 'VH.01'], ['village', undefined, 'VH.03']] as const) {
      const rows = r.rows.filter((x) => x.title_kind === kind);
      const total = rows.reduce((a, x) => a + Number(x.total), 0);
      const rec = rows.reduce((a, x) => a + Number(x.recognised), 0);
      if (!total) continue;
      out.push({ indicator: ratio, value: share(rec, total) });
      for (const x of rows) out.push({ indicator: ratio, dims: { area: x.commune_code }, value: share(Number(x.recognised), Number(x.total)) });
      if (count) {
        out.push({ indicator: count, value: rec });
        for (const x of rows) out.push({ indicator: count, dims: { area: x.commune_code }, value: Number(x.recognised) });
      }
    }
    return out;
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
