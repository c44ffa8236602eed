import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM } from '../../../core/auth/actor.js';
import { createUser } from '../../../core/identity/identity.commands.js';
import { assignRole, createRole, setRolePermissions } from '../../../core/org/org.commands.js';
import { loadDemoProcedures } from '../../procedures/procedures.demo.js';
import { fromEditorValues, toEditorValues } from '../../procedures/procedures.formcodec.js';
import { findCurrentByCode } from '../../procedures/procedures.repository.js';
import type { Fee } from '../../procedures/index.js';

/** Issue 18 part 4 leftover: the procedure editor dropped the fee lines' legal basis, tier
 * conditions and exemptions when an officer saved a new version. */
const KARAOKE = loadDemoProcedures().find((p) => p.code === 'DEMO.000101')!;

describe('the procedure editor keeps every fee field', () => {
  it('round-trips tiers, legal basis and exemptions through the editor text', () => {
    const fees: Fee[] = [
      ...KARAOKE.fees,
      { name: 'Lệ phí cấp bản sao', amount: 50_000, legalBasis: 'Thông tư số 01/2021/TT-BTC, Điều 4', exemptions: ['Người có công với cách mạng', 'Hộ nghèo, cận nghèo'] },
      { name: 'Phí chỉ có tên', amount: 0 },
    ];
    const text = toEditorValues({ ...(KARAOKE as object), fees, partialReason: null, legalBasis: [], form: { steps: [] }, workflow: [] } as never).fees!;
    expect(text).toContain('khi: areaType là do-thi; roomCount từ 1 đến 3');
    expect(text).toContain('miễn: Hộ nghèo, cận nghèo');
    const back = fromEditorValues({ fees: text, form: '{"steps":[]}' }).fees;
    expect(back).toEqual(fees);
  });

  it('names a condition it cannot read, in Vietnamese', () => {
    let caught: { fields?: Record<string, { vi: string }> } | undefined;
    try {
      fromEditorValues({ fees: 'Phí | 100.000 | | khi: số phòng nhiều', form: '{}' });
    } catch (e) {
      caught = e as typeof caught;
    }
    expect(caught?.fields?.fees?.vi).toMatch(/^Phí, lệ phí dòng 1: điều kiện "số phòng nhiều" không hiểu được/);
  });

  describe('through the staff editor', () => {
    let t: TestPlatform;
    beforeAll(async () => {
      t = await startTestPlatform();
    });
    afterAll(async () => t?.close());

    it('saving a new version without touching the fees keeps them whole', { timeout: 60_000 }, async () => {
      const s = t.platform.services;
      const ctx = { services: s, actor: SYSTEM };
      const role = await createRole(ctx, { code: 'bien_tap_phi', name: 'Biên tập phí' });
      await setRolePermissions(ctx, role.id, ['manage:procedure:all', 'view:workspace:all'], role.version);
      const user = await createUser(ctx, { email: 'phi@vanhien.test', fullName: 'Đỗ Văn Phí', kind: 'staff', password: 'Phi@phi2026' });
      await assignRole(ctx, { userId: user.id, roleCode: 'bien_tap_phi' });
      const cookie = await loginCookies(t.app, 'phi@vanhien.test', 'Phi@phi2026');
      const url = `/quan-tri/thu-tuc/${KARAOKE.code}/phien-ban-moi`;
      const { csrf, cookie: c2 } = await csrfFor(t.app, url, cookie);
      const current = (await findCurrentByCode(s.db, KARAOKE.code, '2026-11-25'))!;
      expect(current.fees.some((f) => f.when?.length)).toBe(true);
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, ...toEditorValues(current), effectiveFrom: '01/03/2027' }).toString(),
      });
      expect(res.statusCode).toBe(302);
      const next = (await findCurrentByCode(s.db, KARAOKE.code, '2027-03-01'))!;
      expect(next.version).toBe(current.version + 1);
      expect(next.fees).toEqual(current.fees);
    });
  });
});
