import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { type RecordSummary, findRecordSummary } from './index.js';
import { inReadingRoom } from './library.items.commands.js';
import * as repo from './library.items.repository.js';
import type { ItemAccess } from './library.items.schema.js';
import { libraryPolicy } from './library.policy.js';

const RANK: Record<ItemAccess, number> = { public: 0, reading_room: 1, restricted: 2 };

/** An item is as closed as the stricter of its own level and its collection's. */
export function effectiveAccess(item: ItemAccess, collection: ItemAccess): ItemAccess {
  return RANK[item] >= RANK[collection] ? item : collection;
}

export interface ItemView {
  item: repo.Item;
  record: RecordSummary;
  access: ItemAccess;
}

/** Item + record + effective level, kept 30 s per item: every tile of a page asks, and a tile
 * served from memory must not pay three queries (bench/library-iiif.ts). A change made on this
 * node drops the entry at once (forgetItem); other nodes see it within 30 s. */
const TTL_MS = 30_000;
const cache = new Map<string, { at: number; view: ItemView | null }>();

export function forgetItem(itemId: string) {
  cache.delete(itemId);
}

export async function itemView(s: Services, itemId: string): Promise<ItemView | null> {
  const hit = cache.get(itemId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.view;
  const item = await repo.findItem(s.db, itemId);
  const record = item ? await findRecordSummary(s, item.recordId) : undefined;
  const view = item && record ? { item, record, access: record.deleted ? ('restricted' as const) : effectiveAccess(item.access, record.access) } : null;
  if (cache.size > 5000) cache.clear();
  cache.set(itemId, { at: Date.now(), view });
  return view;
}

/** 'public' (anyone, shared caches may keep it), 'private' (this reader: staff, or the reading
 * room), 'denied' (reading room only, from outside), false (restricted: reads as not found). */
export async function decide(s: Services, actor: Actor, req: FastifyRequest | undefined, view: ItemView): Promise<'public' | 'private' | 'denied' | false> {
  if (view.access === 'public') return 'public';
  if (libraryPolicy.canManage(actor)) return 'private';
  if (view.access === 'reading_room') return (await inReadingRoom(s, req?.ip)) ? 'private' : 'denied';
  return false;
}
