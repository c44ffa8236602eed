import type { CommandContext } from '../../core/context.js';
import { Errors } from '../../core/errors.js';
import { Check, nfc } from '../../core/validation.js';
import { invalidCaseCode } from './feedback.commands.js';
import { feedbackPolicy } from './feedback.policy.js';
import { FEEDBACK_CHANNELS, FEEDBACK_STATUSES, type FeedbackChannel, type FeedbackStatus } from './feedback.schema.js';
import * as repo from './feedback.repository.js';
import * as hrepo from './feedback.handling.repository.js';

export interface StaffListInput {
  status?: string;
  category?: string;
  channel?: string;
  limit?: number;
}

/** listStaffCases: the staff case list (view:feedback:all, checked first). Unknown filter values
 * are field errors (CORE-100), not silently ignored: an API client should learn its mistake. */
export async function listStaffCases(ctx: CommandContext, input: StaffListInput): Promise<repo.FeedbackCase[]> {
  feedbackPolicy.requireView(ctx.actor);
  const status = nfc(input.status);
  const channel = nfc(input.channel);
  const category = nfc(input.category);
  const check = new Check();
  if (status && !FEEDBACK_STATUSES.includes(status as FeedbackStatus)) check.add('status', 'Trạng thái không hợp lệ.', 'Unknown status.');
  if (channel && !FEEDBACK_CHANNELS.includes(channel as FeedbackChannel)) check.add('channel', 'Kênh tiếp nhận không hợp lệ.', 'Unknown channel.');
  if (category.length > 50) check.add('category', 'Mã lĩnh vực không hợp lệ.', 'Unknown category.');
  check.throwIfAny();
  return repo.listForStaff(ctx.services.db, {
    status: (status || undefined) as FeedbackStatus | undefined,
    channel: (channel || undefined) as FeedbackChannel | undefined,
    category: category || undefined,
    limit: input.limit,
  });
}

export interface StaffCaseView {
  case: repo.FeedbackCase;
  events: repo.FeedbackEvent[];
  mergedIntoCode: string | null;
}

/** findStaffCase: one case by its public code with its whole timeline (internal notes
 * included: staff only). Outcomes: the case; CORE-200/300; CORE-404. */
export async function findStaffCase(ctx: CommandContext, rawCode: string): Promise<StaffCaseView> {
  feedbackPolicy.requireView(ctx.actor);
  const code = nfc(rawCode).toUpperCase();
  const c = invalidCaseCode(code) ? undefined : await repo.findByCode(ctx.services.db, code);
  if (!c) throw Errors.notFound('Phản ánh');
  const [events, target] = await Promise.all([
    repo.listEvents(ctx.services.db, c.id),
    c.mergedIntoId ? hrepo.findCase(ctx.services.db, c.mergedIntoId) : Promise.resolve(undefined),
  ]);
  return { case: c, events, mergedIntoCode: target?.code ?? null };
}
