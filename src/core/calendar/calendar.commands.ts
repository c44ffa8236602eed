import { transaction } from '../db/index.js';
import type { CommandContext } from '../context.js';
import { requirePermission } from '../auth/actor.js';
import { writeAudit } from '../audit/audit.js';
import { Check, nfc, parseDateInput } from '../validation.js';
import { deleteOverride, upsertOverride } from './calendar.service.js';
import type { DayOverride } from './index.js';

function clean(input: { date: string; kind: string; name: string }, check: Check): DayOverride | null {
  const date = parseDateInput(input.date ?? '');
  const name = nfc(input.name);
  if (!date) check.add('date', 'Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm, ví dụ 02/09/2027.', 'Enter a valid date.');
  if (input.kind !== 'off' && input.kind !== 'work') check.add('kind', 'Chọn "Ngày nghỉ" hoặc "Ngày làm việc".', 'Choose day off or working day.');
  check.required('name', name, 'tên hoặc lý do', 'a name').maxLength('name', name, 200, 'Tên');
  return date && (input.kind === 'off' || input.kind === 'work') && name ? { date, kind: input.kind, name } : null;
}

/** Records one day of the official schedule (a day off or a swapped working day). */
export async function setDayOverride(ctx: CommandContext, input: { date: string; kind: string; name: string }) {
  requirePermission(ctx.actor, 'manage:calendar:all');
  const check = new Check();
  const o = clean(input, check);
  check.throwIfAny();
  await transaction(ctx.services.pool, async (tx) => {
    const before = await upsertOverride(tx, o!, ctx.actor.userId);
    await writeAudit(tx, ctx, { action: 'calendar.set_day', entity: 'calendar_day', entityId: o!.date, summary: { before: before ?? null, after: o } });
  });
  ctx.services.calendar.invalidate();
  return o!;
}

export async function removeDayOverride(ctx: CommandContext, date: string) {
  requirePermission(ctx.actor, 'manage:calendar:all');
  await transaction(ctx.services.pool, async (tx) => {
    if (await deleteOverride(tx, date)) await writeAudit(tx, ctx, { action: 'calendar.remove_day', entity: 'calendar_day', entityId: date });
  });
  ctx.services.calendar.invalidate();
}

/** Imports a whole schedule (from `vanhien calendar import` or the admin page) in one transaction. */
export async function importSchedule(ctx: CommandContext, overrides: DayOverride[], source: string) {
  requirePermission(ctx.actor, 'manage:calendar:all');
  await transaction(ctx.services.pool, async (tx) => {
    for (const o of overrides) await upsertOverride(tx, o, ctx.actor.userId);
    await writeAudit(tx, ctx, { action: 'calendar.import', entity: 'calendar', entityId: source, summary: { days: overrides.length } });
  });
  ctx.services.calendar.invalidate();
  return overrides.length;
}
