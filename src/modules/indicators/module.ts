import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { INDICATOR_MANAGE, INDICATOR_VIEW } from './indicators.policy.js';
import { catalogueRoutes } from './indicators.catalogue.routes.js';
import { indicatorsApiRoutes } from './indicators.api.routes.js';
import { computeJobs } from './indicators.compute.js';
import { seedIndicators } from './indicators.demo.js';
import { entryRoutes } from './indicators.entry.routes.js';
import { entryJobs, entryPermissions, entrySeed, entryStaffNav } from './indicators.entry.manifest.js';
import { indicatorWorkItems } from './indicators.deadlines.js';
import { dashboardJobs, dashboardPermissions, dashboardPublicNav, dashboardRoutes, dashboardSeed, dashboardStaffNav } from './indicators.dashboard.manifest.js';

/** Chỉ tiêu ngành (issue 11): the indicator catalogue as data, reporting periods, values
 * computed from the other modules' `indicators` hooks, entered by the units or counted by
 * devices; the pull API and the DCAT-AP catalogue of what is published. */
export default defineModule({
  name: 'indicators',
  title: { vi: 'Chỉ tiêu thống kê ngành', en: 'Sector indicators' },
  permissions: [
    { code: INDICATOR_VIEW, description: 'Xem danh mục chỉ tiêu, kỳ báo cáo và số liệu chưa công bố' },
    { code: INDICATOR_MANAGE, description: 'Quản lý danh mục chỉ tiêu, kỳ báo cáo, tính lại số liệu và khóa API' },
    ...entryPermissions,
    ...dashboardPermissions,
  ],
  // Open-data keys (`Bearer vhi_…`) are checked by the pull API itself, not as a person's token.
  ownBearerPaths: ['/api/v1/indicators', '/api/v1/catalog'],
  // Each part registers its own routes; add yours as one more line (small edit under the lock).
  routes: async (app, s) => {
    await catalogueRoutes(app, s);
    await indicatorsApiRoutes(app, s);
    await entryRoutes(app, s);
    await dashboardRoutes(app, s);
  },
  jobs: (s) => [...computeJobs(s), ...entryJobs(s), ...dashboardJobs(s)],
  workItems: indicatorWorkItems,
  staffNav: [{ href: '/quan-tri/chi-tieu', vi: 'Chỉ tiêu ngành', en: 'Sector indicators', permission: INDICATOR_VIEW }, ...entryStaffNav, ...dashboardStaffNav],
  publicNav: dashboardPublicNav,
  async seed(s, { demo }) {
    const ctx = { services: s, actor: { ...SYSTEM, label: demo ? 'Dữ liệu minh họa' : SYSTEM.label } };
    await grantPermissionsToRole(ctx, 'quan_tri', [INDICATOR_VIEW, INDICATOR_MANAGE]);
    await grantPermissionsToRole(ctx, 'lanh_dao', [INDICATOR_VIEW]);
    await grantPermissionsToRole(ctx, 'truong_phong', [INDICATOR_VIEW]);
    await grantPermissionsToRole(ctx, 'chuyen_vien', [INDICATOR_VIEW]);
    await seedIndicators(s, { demo });
    await entrySeed(s, demo);
    await dashboardSeed(s);
  },
});
