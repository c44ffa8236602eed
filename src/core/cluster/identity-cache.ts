/**
 * The identity lookups of requests (session cookie → user and grants; API token → user and grants)
 * kept in memory for a few seconds (ADR 010). Every authenticated request runs one of them; with
 * the cache a burst of requests from one person, or an integrator's polling, costs a map lookup.
 *
 * Revocation stays immediate on every node: triggers on sessions, api_tokens, users,
 * role_assignments and role_permissions (drizzle/0021) announce `identity.user` / `identity.all`
 * on the cluster bus from inside the transaction that made the change, so every node drops the
 * entries on COMMIT, whatever code path made it. While the bus is not listening the cache is
 * bypassed (read through to the database), and it is emptied when the bus reconnects, since
 * messages sent meanwhile are lost.
 */
import type { ClusterBus } from './bus.js';

export const IDENTITY_USER = 'identity.user';
export const IDENTITY_ALL = 'identity.all';

interface Entry {
  value: { id: string; expiresAt?: Date };
  userId: string;
  day: string;
  at: number;
  /** when the session or token itself ends (ms); Infinity when the value has no end */
  expiresAt: number;
}

type BusLike = Pick<ClusterBus, 'connected' | 'on' | 'onConnect'>;

export class IdentityCache {
  private readonly entries = new Map<string, Entry>();
  private gen = 0;
  private readonly off: (() => void)[];

  constructor(
    private readonly bus: BusLike | undefined,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {
    this.off = bus
      ? [
          bus.on(IDENTITY_USER, (p) => this.forgetUser((p as { userId?: string } | null)?.userId)),
          bus.on(IDENTITY_ALL, () => this.clear()),
          bus.onConnect(() => this.clear()),
        ]
      : [];
  }

  /** Whether entries may be trusted now: a deaf node may have missed a revocation. */
  get active(): boolean {
    return this.ttlMs > 0 && this.bus !== undefined && this.bus.connected;
  }

  /**
   * The cached answer for `key` on `day` (grants depend on the calendar day), or `load()`.
   * "Not found" is not kept: random tokens sent by anyone would otherwise evict the real ones.
   */
  async get<T extends { id: string; expiresAt?: Date }>(key: string, day: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!this.active) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    // A session that expires inside the TTL must not be honoured for those few seconds (issue 9):
    // the entry keeps the expiry and every hit checks it; an expired one is read again (and the
    // database no longer matches it).
    if (hit && hit.day === day && now - hit.at <= this.ttlMs && now < hit.expiresAt) return hit.value as T;
    if (hit && now >= hit.expiresAt) this.entries.delete(key);
    const generation = this.gen;
    const value = await load();
    // A revocation that arrived while we were reading may concern what we just read.
    if (value && generation === this.gen && this.active) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { value, userId: value.id, day, at: now, expiresAt: value.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY });
    }
    return value;
  }

  /** Updates a cached value in place (e.g. the session's last-seen time after touching it). */
  patch<T extends { id: string }>(key: string, fn: (v: T) => void): void {
    const hit = this.entries.get(key);
    if (hit) fn(hit.value as T);
  }

  forgetUser(userId: string | undefined): void {
    if (!userId) {
      this.clear();
      return;
    }
    this.gen++;
    for (const [k, e] of this.entries) if (e.userId === userId) this.entries.delete(k);
  }

  clear(): void {
    this.gen++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  dispose(): void {
    for (const f of this.off) f();
    this.entries.clear();
  }
}

/** The two caches of one platform (tests run several in one process), made on first use. */
const perServices = new WeakMap<object, { sessions: IdentityCache; tokens: IdentityCache }>();

export function identityCaches(services: { bus?: BusLike; config: { identityCacheMs?: number } }): { sessions: IdentityCache; tokens: IdentityCache } {
  let c = perServices.get(services);
  if (!c) {
    const ttl = services.config.identityCacheMs ?? 0;
    c = { sessions: new IdentityCache(services.bus, ttl), tokens: new IdentityCache(services.bus, ttl) };
    perServices.set(services, c);
  }
  return c;
}
