import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { FEE_MANAGE } from './payments.policy.js';
import * as repo from './payments.repository.js';
import { paymentRoutes } from './payments.routes.js';

/** Phí, lệ phí (issue 18 parts 4–5): VietQR payment of a dossier's fees, bank-statement
 * reconciliation, cash at the desk and refunds. */
export default defineModule({
  name: 'payments',
  title: { vi: 'Phí, lệ phí', en: 'Fees' },
  permissions: [{ code: FEE_MANAGE, description: 'Đối soát sao kê, ghi nhận nộp phí tại quầy và hoàn trả phí, lệ phí' }],
  routes: paymentRoutes,
  staffNav: [
    { href: '/quan-tri/phi', vi: 'Thu phí, lệ phí tại quầy', en: 'Fees at the desk', permission: FEE_MANAGE },
    { href: '/quan-tri/phi/doi-soat', vi: 'Đối soát phí, lệ phí', en: 'Fee reconciliation', permission: FEE_MANAGE },
    { href: '/quan-tri/phi/thong-ke', vi: 'Thống kê phí, lệ phí', en: 'Fee statistics', permission: FEE_MANAGE },
  ],
  async seed(s, { demo }) {
    const ctx = { services: s, actor: SYSTEM };
    await grantPermissionsToRole(ctx, 'tiep_nhan', [FEE_MANAGE]);
    await grantPermissionsToRole(ctx, 'quan_tri', [FEE_MANAGE]);
    // The demo account is the State Treasury's collection account pattern at VietinBank (BIN
    // 970415): an agency replaces it with the account its fee decision names.
    if (demo && (await repo.countAccounts(s.db)) === 0) {
      await repo.insertAccount(s.db, {
        bankBin: '970415',
        bankName: 'Ngân hàng TMCP Công Thương Việt Nam (VietinBank)',
        accountNumber: '113000012345',
        accountName: 'SO VAN HOA THE THAO VA DU LICH (DEMO)',
        effectiveFrom: '2025-01-01',
      });
    }
  },
});
