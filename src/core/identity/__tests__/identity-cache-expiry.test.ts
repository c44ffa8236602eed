import { describe, expect, it } from 'vitest';
import { IdentityCache } from '../../cluster/identity-cache.js';

const bus = { connected: true, on: () => () => {}, onConnect: () => () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('identity cache and expiry (issue 9)', () => {
  it('does not honour a session past its expiry even inside the cache TTL', async () => {
    const cache = new IdentityCache(bus, 5_000);
    let loads = 0;
    const expiresAt = new Date(Date.now() + 60);
    const load = async () => {
      loads++;
      // the database stops matching the session once it has expired
      return Date.now() < expiresAt.getTime() ? { id: 'u1', expiresAt } : undefined;
    };
    expect(await cache.get('s', '2026-12-04', load)).toMatchObject({ id: 'u1' });
    expect(await cache.get('s', '2026-12-04', load)).toMatchObject({ id: 'u1' });
    expect(loads).toBe(1);
    await sleep(90);
    expect(await cache.get('s', '2026-12-04', load)).toBeUndefined();
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('keeps values without an expiry for the TTL', async () => {
    const cache = new IdentityCache(bus, 5_000);
    let loads = 0;
    const load = async () => {
      loads++;
      return { id: 'u2' };
    };
    await cache.get('t', '2026-12-04', load);
    await cache.get('t', '2026-12-04', load);
    expect(loads).toBe(1);
  });
});
