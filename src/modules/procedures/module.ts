import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { saveProcedureVersion } from './procedures.commands.js';
import { loadDemoProcedures } from './procedures.demo.js';
import { PROCEDURE_MANAGE } from './procedures.policy.js';
import { countProcedures, findProcedureByCode } from './procedures.repository.js';
import { procedureRoutes } from './procedures.routes.js';
import { ProceduresHomeBlock } from './pages/home-block.js';

/** Thủ tục hành chính: the versioned catalogue of procedures, their e-forms and workflows. */
export default defineModule({
  name: 'procedures',
  title: { vi: 'Thủ tục hành chính', en: 'Administrative procedures' },
  permissions: [{ code: PROCEDURE_MANAGE, description: 'Quản lý danh mục thủ tục hành chính, biểu mẫu điện tử, quy trình' }],
  routes: procedureRoutes,
  publicNav: [{ href: '/thu-tuc', vi: 'Thủ tục hành chính', en: 'Procedures', order: 30 }],
  staffNav: [{ href: '/quan-tri/thu-tuc', vi: 'Danh mục thủ tục', en: 'Procedure catalogue', permission: PROCEDURE_MANAGE }],
  stats: async (s) => ({ procedures: await countProcedures(s.db) }),
  homeBlock: { order: 10, render: async (s, ctx) => ProceduresHomeBlock({ ctx, count: await countProcedures(s.db) }) },
  async seed(s, { demo }) {
    const ctx = { services: s, actor: { ...SYSTEM, label: 'Dữ liệu minh họa' } };
    await grantPermissionsToRole(ctx, 'quan_tri', [PROCEDURE_MANAGE]);
    if (!demo) return;
    for (const p of loadDemoProcedures(s.config.demoDir)) {
      if (await findProcedureByCode(s.db, p.code)) continue;
      // Decree 118/2025/NĐ-CP (one-stop shop) took effect on 1 Jul 2025: the demo versions start there.
      await saveProcedureVersion(ctx, { ...p, effectiveFrom: '2025-07-01' });
    }
  },
});
