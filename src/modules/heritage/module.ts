import { type Actor, SYSTEM } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { defineModule } from '../../core/module.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { seedHeritage } from './heritage.demo.js';
import { HERITAGE_APPROVE_ALL, HERITAGE_APPROVE_UNIT, HERITAGE_MANAGE_ALL, HERITAGE_MANAGE_UNIT, heritagePolicy } from './heritage.policy.js';
import { artefactsInventoriedBy, digitisedProfilesBy, rankedByLevelAt } from './heritage.repository.js';
import { heritageRoutes } from './heritage.routes.js';
import { FILE_REMINDER_JOB, heritageWorkItems, runFileReminders } from './heritage.workflow.js';

/** Di sản văn hóa (issue 13): the relic register with ranking decisions, protection zones and the
 * public zone check, the published inventory and map, exports, and DS.01–DS.03 for the indicators. */
export default defineModule({
  name: 'heritage',
  title: { vi: 'Di sản văn hóa', en: 'Cultural heritage' },
  permissions: [
    { code: HERITAGE_MANAGE_UNIT, description: 'Cập nhật sổ đăng ký di tích, khu vực bảo vệ, quyết định xếp hạng (cán bộ phòng Di sản, Bảo tàng)' },
    { code: HERITAGE_MANAGE_ALL, description: 'Cập nhật sổ đăng ký di tích (mọi đơn vị)' },
    { code: HERITAGE_APPROVE_UNIT, description: 'Duyệt đăng nội dung di sản lên trang công khai (trưởng phòng Di sản)' },
    { code: HERITAGE_APPROVE_ALL, description: 'Duyệt đăng nội dung di sản lên trang công khai (lãnh đạo Sở)' },
  ],
  routes: heritageRoutes,
  // Ranking files: a daily reminder before and after a step's deadline (working days, dated rules).
  jobs: (s) => [{ name: FILE_REMINDER_JOB, schedule: '15 7 * * *', retryLimit: 2, handler: async () => void (await runFileReminders(s)) }],
  workItems: heritageWorkItems,
  publicNav: [{ href: '/di-san', vi: 'Di sản', en: 'Heritage', order: 60, enHref: '/en/heritage', footer: true }],
  // The permission alone would list these to another unit's staff holding the unit grant in their
  // own unit (then 403): the policy decides (QLDS, the museum, administrators).
  staffNav: [
    { href: '/quan-tri/di-san', vi: 'Sổ đăng ký di tích', en: 'Relic register', permission: 'manage:heritage', visible: onlyHolders },
    { href: '/quan-tri/di-san/ho-so', vi: 'Hồ sơ xếp hạng di tích', en: 'Ranking files', permission: 'manage:heritage', visible: onlyHolders },
    { href: '/quan-tri/di-san/hien-vat', vi: 'Sổ hiện vật', en: 'Artefact register', permission: 'manage:heritage', visible: onlyHolders },
    { href: '/quan-tri/di-san/phi-vat-the', vi: 'Di sản phi vật thể', en: 'Intangible heritage', permission: 'manage:heritage', visible: onlyHolders },
  ],
  sitemap: async () =>
    ['/di-san', '/di-san/ban-do', '/di-san/kiem-tra-vung-bao-ve', '/di-san/hien-vat', '/di-san/phi-vat-the', '/en/heritage', '/en/heritage/intangible', '/en/heritage/map', '/en/heritage/zone-check', '/en/heritage/artefacts'].map((path) => ({ path })),
  async indicators(s, period) {
    const ranked = await rankedByLevelAt(s.db, period.end);
    const byLevel: Record<string, string> = { provincial: 'cap_tinh', national: 'quoc_gia', special_national: 'quoc_gia_dac_biet' };
    const end = new Date(`${period.end}T17:00:00Z`); // 24:00 in Vietnam (UTC+7) of the last day
    return [
      { indicator: 'DS.01', value: ranked.reduce((a, r) => a + r.n, 0) },
      ...ranked.filter((r) => byLevel[r.level]).map((r) => ({ indicator: 'DS.01', dims: { level: byLevel[r.level]! }, value: r.n })),
      { indicator: 'DS.02', value: await artefactsInventoriedBy(s.db, period.end) },
      { indicator: 'DS.03', value: await digitisedProfilesBy(s.db, end) },
    ];
  },
  async seed(s, { demo }) {
    const ctx = { services: s, actor: SYSTEM };
    await grantPermissionsToRole(ctx, 'chuyen_vien', [HERITAGE_MANAGE_UNIT]);
    await grantPermissionsToRole(ctx, 'truong_phong', [HERITAGE_MANAGE_UNIT, HERITAGE_APPROVE_UNIT]);
    await grantPermissionsToRole(ctx, 'lanh_dao', [HERITAGE_APPROVE_ALL]);
    await grantPermissionsToRole(ctx, 'quan_tri', [HERITAGE_MANAGE_ALL]);
    await seedHeritage(s, { demo });
  },
});

function onlyHolders(s: Services, actor: Actor): Promise<boolean> {
  return heritagePolicy.canManage(s, actor);
}
