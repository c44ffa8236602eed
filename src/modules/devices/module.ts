import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { alertSilentDevices, registerDevice } from './devices.commands.js';
import { DEVICE_MANAGE, VISITOR_VIEW } from './devices.policy.js';
import * as repo from './devices.repository.js';
import { deviceRoutes } from './devices.routes.js';
import { visitorIndicators } from './devices.stats.js';

export const SILENT_DEVICES_JOB = 'devices.silent';

/** Thiết bị đếm khách: AI cameras at the museum's entrances send counts (never images) over HTTP
 * or MQTT; hourly/daily sums, occupancy now, silent-camera alerts and the BT.01/BT.02 indicators. */
export default defineModule({
  name: 'devices',
  title: { vi: 'Thiết bị đếm khách', en: 'Counting devices' },
  permissions: [
    { code: DEVICE_MANAGE, description: 'Quản lý thiết bị đếm khách (thêm, ngừng, cấp khóa bí mật)' },
    { code: VISITOR_VIEW, description: 'Xem số lượt khách tham quan và tình trạng thiết bị đếm' },
  ],
  routes: deviceRoutes,
  ownBearerPaths: ['/api/v1/devices/'],
  staffNav: [
    { href: '/quan-tri/bao-tang/luot-khach', vi: 'Bảo tàng — lượt khách', en: 'Museum visitors', permission: VISITOR_VIEW },
    { href: '/quan-tri/thiet-bi', vi: 'Thiết bị đếm khách', en: 'Counting devices', permission: DEVICE_MANAGE },
  ],
  jobs: (s) => [{ name: SILENT_DEVICES_JOB, schedule: '*/5 * * * *', retryLimit: 1, handler: async () => void (await alertSilentDevices(s)) }],
  indicators: visitorIndicators,
  async seed(s, { demo }) {
    const ctx = { services: s, actor: SYSTEM };
    await grantPermissionsToRole(ctx, 'quan_tri', [DEVICE_MANAGE, VISITOR_VIEW]);
    await grantPermissionsToRole(ctx, 'lanh_dao', [VISITOR_VIEW]);
    await grantPermissionsToRole(ctx, 'truong_phong', [VISITOR_VIEW]);
    // The museum is a facility with its opening hours (data, changed by the museum's decision).
    await repo.upsertFacility(s.db, { code: 'bao-tang-tinh', name: 'Bảo tàng tỉnh', nameEn: 'Provincial Museum', unitCode: 'BT', opensAt: '07:30', closesAt: '17:00' });
    if (demo && !(await repo.findDevice(s.db, 'demo-camera-1'))) {
      await registerDevice(
        ctx,
        { id: 'demo-camera-1', facilityCode: 'bao-tang-tinh', entrance: 'Cổng chính', location: 'Sảnh tầng 1, phía trên cửa soát vé', silentAfterMinutes: 60 },
        { secret: 'demo-device-secret', isDemo: true },
      );
    }
  },
});
