import crypto from 'node:crypto';
import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { Errors } from '../../core/errors.js';
import { Check, nfc } from '../../core/validation.js';
import { indicatorPolicy } from './indicators.policy.js';
import * as repo from './indicators.repository.js';

/** Pull-API keys: `vhi_` + 32 random bytes; only the SHA-256 is stored, the key is shown once. */
export const KEY_PREFIX = 'vhi_';
export const hashKey = (key: string) => crypto.createHash('sha256').update(key, 'utf8').digest('hex');

/** Scopes are '*' or theme codes ('du_lich') or indicator codes ('DL.01'). */
export async function createConsumer(ctx: CommandContext, input: { name?: string; scopes?: string | string[] }): Promise<{ consumer: repo.ConsumerRow; key: string }> {
  indicatorPolicy.requireManage(ctx.actor);
  const check = new Check();
  const name = nfc(String(input.name ?? '')).trim();
  if (name.length < 3 || name.length > 120) check.add('name', 'Nhập tên bên sử dụng (3–120 ký tự).', 'Enter the consumer name (3–120 characters).');
  const raw = Array.isArray(input.scopes) ? input.scopes : String(input.scopes ?? '*').split(/[\s,;]+/);
  const scopes = [...new Set(raw.map((x) => x.trim()).filter(Boolean))];
  if (!scopes.length) scopes.push('*');
  const defs = await repo.listDefinitions(ctx.services.db);
  const known = new Set(['*', ...defs.map((d) => d.code), ...defs.map((d) => d.theme)]);
  const unknown = scopes.filter((x) => !known.has(x));
  if (unknown.length) check.add('scopes', `Phạm vi không có trong danh mục: ${unknown.join(', ')}.`, `Unknown scopes: ${unknown.join(', ')}.`);
  check.throwIfAny();
  const key = `${KEY_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  const consumer = await transaction(ctx.services.pool, async (tx) => {
    const row = await repo.insertConsumer(tx, { name, keyHash: hashKey(key), keyPrefix: key.slice(0, 10), scopes });
    await writeAudit(tx, ctx, { action: 'indicators.consumer_created', entity: 'indicator_consumer', entityId: row.id, summary: { name, scopes, keyPrefix: row.keyPrefix } });
    return row;
  });
  return { consumer, key };
}

export async function revokeConsumer(ctx: CommandContext, id: string): Promise<repo.ConsumerRow> {
  indicatorPolicy.requireManage(ctx.actor);
  return transaction(ctx.services.pool, async (tx) => {
    const row = await repo.deactivateConsumer(tx, id);
    if (!row) throw Errors.notFound('Khóa API đang hoạt động');
    await writeAudit(tx, ctx, { action: 'indicators.consumer_revoked', entity: 'indicator_consumer', entityId: id, summary: { name: row.name, keyPrefix: row.keyPrefix } });
    return row;
  });
}

/** True when a consumer's scope covers the indicator. */
export function inScope(scopes: string[], def: { code: string; theme: string }): boolean {
  return scopes.includes('*') || scopes.includes(def.code) || scopes.includes(def.theme);
}
