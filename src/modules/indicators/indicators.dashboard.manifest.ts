import type { FastifyInstance } from 'fastify';
import { SYSTEM } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import type { JobDefinition } from '../../core/jobs/jobs.js';
import type { NavLink } from '../../core/module.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { alertJobs } from './indicators.alerts.js';
import { indicatorAssets } from './indicators.assets.js';
import { indicatorsDashboardRoutes } from './indicators.dashboard.routes.js';
import { INDICATOR_ALERT_MANAGE, INDICATOR_DASHBOARD } from './indicators.dashboard.policy.js';
import type { DashboardChart } from './indicators.dashboards.schema.js';
import { upsertDashboards } from './indicators.public.repository.js';
import { indicatorsPublicRoutes } from './indicators.public.routes.js';

/** The public pages / dashboards / alerts part's pieces of the indicators manifest. */
export const dashboardPermissions = [
  { code: INDICATOR_DASHBOARD, description: 'Xem bảng điều khiển chỉ tiêu ngành và màn hình IOC' },
  { code: INDICATOR_ALERT_MANAGE, description: 'Quản lý quy tắc cảnh báo chỉ tiêu' },
];

export const dashboardPublicNav: NavLink[] = [{ href: '/so-lieu', vi: 'Số liệu thống kê', en: 'Statistics', order: 80, footer: true }];

export const dashboardStaffNav: NavLink[] = [
  { href: '/quan-tri/bang-dieu-khien', vi: 'Bảng điều khiển', en: 'Dashboards', permission: INDICATOR_DASHBOARD },
  { href: '/quan-tri/canh-bao-chi-tieu', vi: 'Cảnh báo chỉ tiêu', en: 'Indicator alerts', permission: INDICATOR_ALERT_MANAGE },
];

export async function dashboardRoutes(app: FastifyInstance, s: Services): Promise<void> {
  const assets = indicatorAssets(app);
  await indicatorsPublicRoutes(app, s, assets);
  await indicatorsDashboardRoutes(app, s, assets);
}

export function dashboardJobs(s: Services): JobDefinition[] {
  return alertJobs(s);
}

const c = (indicator: string, kind: DashboardChart['kind'], breakdown?: string, periods?: number): DashboardChart => ({ indicator, kind, ...(breakdown ? { breakdown } : {}), ...(periods ? { periods } : {}) });

/** The default dashboards (rows of indicator_dashboards; an administrator may change them in
 * the table). Charts whose indicator is not in the catalogue say so instead of failing. */
export const DEFAULT_DASHBOARDS = [
  {
    slug: 'tong-quan',
    title: 'Tổng quan ngành',
    titleEn: 'Sector overview',
    description: 'Các chỉ tiêu chính của ngành văn hóa, thể thao và du lịch.',
    sort: 1,
    charts: [c('DVC.01', 'bar'), c('DVC.03', 'line'), c('PAKN.01', 'bar'), c('PAKN.03', 'line'), c('BT.01', 'bar', 'facility'), c('DS.01', 'pie', 'level'), c('DL.01', 'line'), c('VH.01', 'line')],
  },
  {
    slug: 'dich-vu-cong',
    title: 'Dịch vụ công',
    titleEn: 'Public services',
    description: 'Hồ sơ thủ tục hành chính và phản ánh, kiến nghị.',
    sort: 2,
    charts: [c('DVC.01', 'bar', undefined, 12), c('DVC.02', 'line'), c('DVC.03', 'line'), c('DVC.04', 'line'), c('PAKN.01', 'bar'), c('PAKN.02', 'line'), c('PAKN.03', 'line'), c('CCHC.01', 'line')],
  },
  {
    slug: 'du-lich',
    title: 'Du lịch',
    titleEn: 'Tourism',
    description: 'Khách du lịch, doanh thu, cơ sở lưu trú.',
    sort: 3,
    charts: [c('DL.01', 'line'), c('DL.01', 'stacked', 'visitor_kind'), c('DL.02', 'line'), c('DL.03', 'bar'), c('DL.06', 'line'), c('DL.04', 'stacked', 'star'), c('DL.01', 'pie', 'area'), c('BT.02', 'line', 'facility', 12)],
  },
  {
    slug: 'di-san-bao-tang',
    title: 'Di sản và bảo tàng',
    titleEn: 'Heritage and museums',
    description: 'Di tích, hiện vật, số hóa và lượt khách bảo tàng.',
    sort: 4,
    charts: [c('DS.01', 'stacked', 'level'), c('DS.01', 'pie', 'level'), c('DS.02', 'bar'), c('DS.03', 'bar'), c('BT.01', 'bar', 'facility'), c('BT.02', 'line', undefined, 12), c('BT.02', 'line', 'facility', 12), c('BT.01', 'line')],
  },
];

export async function dashboardSeed(s: Services): Promise<void> {
  const ctx = { services: s, actor: SYSTEM };
  await grantPermissionsToRole(ctx, 'lanh_dao', [INDICATOR_DASHBOARD]);
  await grantPermissionsToRole(ctx, 'truong_phong', [INDICATOR_DASHBOARD]);
  await grantPermissionsToRole(ctx, 'quan_tri', [INDICATOR_DASHBOARD, INDICATOR_ALERT_MANAGE]);
  await upsertDashboards(s.db, DEFAULT_DASHBOARDS);
}
