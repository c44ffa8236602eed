import { SYSTEM } from '../../core/auth/actor.js';
import { defineModule } from '../../core/module.js';
import { grantPermissionsToRole, revokePermissionsFromRole } from '../../core/org/org.commands.js';
import { TILES_JOB, pendingPanoramas, tilePanorama } from './tourism.commands.js';
import { drawDemoPanorama, seedTourismDemo } from './tourism.demo.js';
import { TOURISM_MANAGE_ALL, TOURISM_MANAGE_LEGACY, TOURISM_MANAGE_UNIT, tourismPolicy } from './tourism.policy.js';
import { countsFor } from './tourism.repository.js';
import { tourismRoutes } from './tourism.routes.js';

const SWEEP_JOB = 'tourism.tiles-sweep';

/** Du lịch thông minh (issue 14): destinations, events with lunar dates and iCalendar, itineraries,
 * 360° tours (tiled panoramas, editor, versioned publish), public pages in Vietnamese and English. */
export default defineModule({
  name: 'tourism',
  title: { vi: 'Du lịch', en: 'Tourism' },
  permissions: [
    { code: TOURISM_MANAGE_UNIT, description: 'Quản lý điểm đến, sự kiện, lịch trình và tour 360° (cán bộ phòng Quản lý Du lịch)' },
    { code: TOURISM_MANAGE_ALL, description: 'Quản lý điểm đến, sự kiện, lịch trình và tour 360° (mọi đơn vị)' },
  ],
  routes: tourismRoutes,
  publicNav: [{ href: '/du-lich', vi: 'Du lịch', en: 'Travel', order: 65, enHref: '/en/travel', footer: true }],
  // The permission alone would list the console to every unit's specialist holding the unit
  // grant in their own unit; the policy lists it only to those it lets in (QLDL, administrators).
  staffNav: [
    {
      href: '/quan-tri/du-lich',
      vi: 'Du lịch, tour 360°',
      en: 'Tourism, 360° tours',
      permission: 'manage:tourism',
      visible: (s, actor) => tourismPolicy.canManage(s, actor),
    },
  ],
  sitemap: async () => [{ path: '/du-lich' }, { path: '/en/travel' }, { path: '/du-lich/su-kien' }, { path: '/du-lich/lich-trinh' }, { path: '/du-lich/tour' }],
  jobs: (s) => [
    { name: TILES_JOB, retryLimit: 2, handler: async (data) => tilePanorama(s, String(data.panoramaId), drawDemoPanorama) },
    // Catches panoramas left pending (the demo's drawn ones, a node stopped mid-job).
    {
      name: SWEEP_JOB,
      schedule: '* * * * *',
      retryLimit: 0,
      handler: async () => {
        for (const id of await pendingPanoramas(s)) await tilePanorama(s, id, drawDemoPanorama);
      },
    },
  ],
  /** DL.10–DL.12 of the catalogue (demo/indicators.json): destinations, events, tour views. */
  async indicators(s, period) {
    const c = await countsFor(s.db, period.start, period.end);
    return [
      { indicator: 'DL.10', value: c.destinations },
      { indicator: 'DL.11', value: c.events },
      { indicator: 'DL.12', value: c.views },
    ];
  },
  async stats(s) {
    const c = await countsFor(s.db, '2000-01-01', '2999-12-31');
    return { destinations: c.destinations, events: c.events, tourViews: c.views };
  },
  async seed(s, { demo }) {
    const ctx = { services: s, actor: SYSTEM };
    // The unit scope limits the catalogue to the tourism division's officers (tourism.policy.ts);
    // the first release's unscoped grant let every unit's specialists in.
    for (const role of ['chuyen_vien', 'truong_phong', 'quan_tri']) await revokePermissionsFromRole(ctx, role, [TOURISM_MANAGE_LEGACY]);
    await grantPermissionsToRole(ctx, 'chuyen_vien', [TOURISM_MANAGE_UNIT]);
    await grantPermissionsToRole(ctx, 'truong_phong', [TOURISM_MANAGE_UNIT]);
    await grantPermissionsToRole(ctx, 'quan_tri', [TOURISM_MANAGE_ALL]);
    if (demo) await seedTourismDemo(s);
  },
});
