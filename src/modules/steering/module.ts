import { SYSTEM, type Actor } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import type { WorkQueue } from '../../core/module.js';
import { defineModule } from '../../core/module.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { vnIsoDate } from '../../core/validation.js';
import { STATUS_VI, remindAndEscalate } from './steering.commands.js';
import { seedCriteria, seedSteeringDemo } from './steering.demo.js';
import { REPORT_ISSUER } from './steering.documents.js';
import { STEERING_APPROVE, STEERING_MANAGE, STEERING_UPDATE_ALL, STEERING_UPDATE_UNIT, STEERING_VIEW, steeringPolicy } from './steering.policy.js';
import * as repo from './steering.repository.js';
import { steeringRoutes } from './steering.routes.js';

/** "Việc của tôi": the open tasks of the officer's units (late first); for the office and
 * leaders, the late and at-risk tasks of every unit. */
async function workItems(s: Services, actor: Actor): Promise<WorkQueue[]> {
  if (actor.kind !== 'staff') return [];
  const today = vnIsoDate();
  const unitsOf = await steeringPolicy.updatableUnits(s, actor);
  if (unitsOf && !unitsOf.length) return [];
  const tasks = unitsOf
    ? (await Promise.all(unitsOf.map((u) => repo.board(s.db, today, { unit: u, open: true })))).flat()
    : (await repo.board(s.db, today, { open: true })).filter((t) => t.effective === 'late' || t.effective === 'at_risk');
  if (!tasks.length) return [];
  const soon = vnIsoDate(new Date(Date.now() + 2 * 86_400_000));
  return [
    {
      key: 'steering.tasks',
      vi: unitsOf ? 'Nhiệm vụ CCHC, CĐS của đơn vị' : 'Nhiệm vụ CCHC, CĐS quá hạn, nguy cơ chậm',
      en: unitsOf ? "Unit's reform tasks" : 'Late and at-risk reform tasks',
      count: tasks.length,
      overdue: tasks.filter((t) => t.effective === 'late').length,
      dueSoon: tasks.filter((t) => t.effective !== 'late' && t.deadline <= soon).length,
      items: tasks
        .slice(0, 10)
        .map((t) => ({ href: `/quan-tri/chi-dao/nhiem-vu/${t.id}`, label: t.code, detail: t.title, dueDate: t.deadline, state: STATUS_VI[t.effective] })),
      href: unitsOf?.length === 1 ? `/quan-tri/chi-dao/bang?don-vi=${unitsOf[0]}` : '/quan-tri/chi-dao/bang',
      priority: 40,
    },
  ];
}

/** Chỉ đạo CCHC, CĐS (issue 17): steering committee, plans with targets on indicator codes,
 * meetings and conclusions → tasks, progress with evidence, index self-assessment, and the
 * yearly/quarterly report written from the platform's live data (DOCX, PDF). */
export default defineModule({
  name: 'steering',
  title: { vi: 'Chỉ đạo CCHC, chuyển đổi số', en: 'Reform and digital transformation steering' },
  permissions: [
    { code: STEERING_MANAGE, description: 'Quản lý kế hoạch, cuộc họp, nhiệm vụ, báo cáo CCHC, CĐS (Văn phòng Sở, lãnh đạo)' },
    { code: STEERING_UPDATE_UNIT, description: 'Cập nhật tiến độ nhiệm vụ CCHC, CĐS của đơn vị mình' },
    { code: STEERING_UPDATE_ALL, description: 'Cập nhật tiến độ nhiệm vụ CCHC, CĐS (mọi đơn vị)' },
    { code: STEERING_APPROVE, description: 'Phê duyệt, công bố báo cáo CCHC, CĐS (lãnh đạo Sở)' },
    { code: STEERING_VIEW, description: 'Xem bảng theo dõi nhiệm vụ của mọi đơn vị' },
  ],
  routes: steeringRoutes,
  jobs: (s) => [{ name: 'steering.remind', schedule: '0 7 * * *', handler: async () => void (await remindAndEscalate(s)) }],
  workItems,
  publicNav: [{ href: '/chi-dao-dieu-hanh', vi: 'Kế hoạch, báo cáo CCHC', en: 'Reform plans and reports', order: 95, footer: true }],
  staffNav: [{ href: '/quan-tri/chi-dao', vi: 'Chỉ đạo CCHC, CĐS', en: 'Reform steering', permission: 'update:steering_task' }],
  sitemap: async () => [{ path: '/chi-dao-dieu-hanh' }],
  // The portal's documents page (/van-ban) lists the published plans and the approved, published
  // reports beside its legal documents (issue 17 part 7); the pages stay here.
  publicDocuments: async (s) => {
    const [plans, reports] = await Promise.all([repo.listPlans(s.db, true), repo.publishedReportsWithTitles(s.db)]);
    return [
      ...plans.map((p) => ({ number: p.number, type: 'Kế hoạch', summary: p.title, issuer: p.issuer, issuedOn: p.issuedOn, href: `/chi-dao-dieu-hanh/ke-hoach/${p.id}` })),
      ...reports.map((r) => ({
        number: r.number,
        type: 'Báo cáo',
        // "BÁO CÁO Kết quả …": the type is its own column
        summary: r.title.replace(/^BÁO CÁO\s+/, ''),
        issuer: REPORT_ISSUER,
        issuedOn: r.issued_on,
        href: `/chi-dao-dieu-hanh/bao-cao/${r.id}`,
        fileHref: `/api/v1/steering/reports/${r.id}.pdf`,
      })),
    ];
  },
  async seed(s, { demo }) {
    const ctx = { services: s, actor: SYSTEM };
    await grantPermissionsToRole(ctx, 'lanh_dao', [STEERING_MANAGE, STEERING_APPROVE, STEERING_VIEW, STEERING_UPDATE_ALL]);
    await grantPermissionsToRole(ctx, 'quan_tri', [STEERING_MANAGE, STEERING_VIEW, STEERING_UPDATE_ALL]);
    await grantPermissionsToRole(ctx, 'truong_phong', [STEERING_UPDATE_UNIT]);
    await grantPermissionsToRole(ctx, 'chuyen_vien', [STEERING_UPDATE_UNIT]);
    await seedCriteria(s);
    if (demo) await seedSteeringDemo(s);
  },
});
