import { SYSTEM } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import type { JobDefinition } from '../../core/jobs/jobs.js';
import type { NavLink } from '../../core/module.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { fillDueDates, REMINDER_JOB, runIndicatorReminders } from './indicators.deadlines.js';
import { INDICATOR_APPROVE, INDICATOR_ENTER, INDICATOR_PUBLISH } from './indicators.entry.policy.js';
import { deliver, PUSH_JOB, PUSH_RETRY } from './indicators.push.js';

/** The entry/push part's pieces of the indicators manifest (module.ts spreads them in). */
export const entryPermissions = [
  { code: INDICATOR_ENTER, description: 'Nhập, gửi số liệu chỉ tiêu của đơn vị mình' },
  { code: INDICATOR_APPROVE, description: 'Duyệt hoặc trả lại số liệu chỉ tiêu của đơn vị mình' },
  { code: INDICATOR_PUBLISH, description: 'Công bố, đính chính số liệu chỉ tiêu; xem và gửi lại nhật ký gửi IOC' },
];

export const entryStaffNav: NavLink[] = [
  { href: '/quan-tri/so-lieu-don-vi', vi: 'Số liệu của đơn vị', en: 'Unit figures', permission: 'enter:indicator' },
  { href: '/quan-tri/chi-tieu/gui-ioc', vi: 'Gửi số liệu cho IOC', en: 'IOC deliveries', permission: INDICATOR_PUBLISH },
];

export function entryJobs(s: Services): JobDefinition[] {
  return [
    // Every morning (Vietnam time): reminders before the due date and once overdue.
    { name: REMINDER_JOB, schedule: '0 7 * * *', retryLimit: 2, handler: async () => void (await runIndicatorReminders(s)) },
    { name: PUSH_JOB, retryLimit: PUSH_RETRY.retryLimit, handler: async (data) => void (await deliver(s, String(data.id))) },
  ];
}

/** Officers enter, unit heads enter and approve, the department's leaders publish. */
export async function entrySeed(s: Services, demo: boolean) {
  const ctx = { services: s, actor: { ...SYSTEM, label: demo ? 'Dữ liệu minh họa' : SYSTEM.label } };
  await grantPermissionsToRole(ctx, 'chuyen_vien', [INDICATOR_ENTER]);
  await grantPermissionsToRole(ctx, 'truong_phong', [INDICATOR_ENTER, INDICATOR_APPROVE]);
  await grantPermissionsToRole(ctx, 'lanh_dao', [INDICATOR_PUBLISH]);
  await fillDueDates(s);
}
