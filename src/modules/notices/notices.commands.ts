import { transaction } from '../../core/db/index.js';
import type { CommandContext } from '../../core/context.js';
import { writeAudit } from '../../core/audit/audit.js';
import { AppError, Errors } from '../../core/errors.js';
import { Check, nfc } from '../../core/validation.js';
import { noticePolicy } from './notices.policy.js';
import * as repo from './notices.repository.js';

/** createNotice: an editor drafts a notice. Outcomes: the draft, or CORE-100 with field errors. */
export async function createNotice(ctx: CommandContext, input: { title: string; body: string }) {
  noticePolicy.requireManage(ctx.actor);
  const title = nfc(input.title);
  const body = nfc(input.body);
  new Check()
    .required('title', title, 'tiêu đề', 'a title')
    .maxLength('title', title, 200, 'Tiêu đề')
    .required('body', body, 'nội dung', 'the text')
    .maxLength('body', body, 10_000, 'Nội dung')
    .throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const notice = await repo.insertNotice(tx, { title, body, createdBy: ctx.actor.userId });
    await writeAudit(tx, ctx, { action: 'notice.create', entity: 'notice', entityId: notice.id, summary: { after: { title } } });
    return notice;
  });
}

/** publishNotice: outcomes: the published notice; CORE-404; CORE-409 when someone changed it. */
export async function publishNotice(ctx: CommandContext, id: string, version: number) {
  noticePolicy.requireManage(ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const current = await repo.findNotice(tx, id);
    if (!current) throw Errors.notFound('Thông báo');
    if (current.status === 'published') throw new AppError('NOTICE-100', 409, 'Thông báo đã được đăng.', 'Already published.');
    const updated = await repo.publishNotice(tx, id, version);
    if (!updated) throw Errors.conflict();
    await writeAudit(tx, ctx, { action: 'notice.publish', entity: 'notice', entityId: id, summary: { before: { status: current.status }, after: { status: 'published' } } });
    return updated;
  });
}
