import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookies, startTestPlatform, type TestPlatform } from '../helpers/platform.js';

// A unit-scoped grant (manage:<module>:unit) makes the bare permission true for every unit's
// specialist; each module's console is listed on the staff home only to those its policy lets in,
// so nobody is offered a link that answers 403.
const LINKS = {
  heritage: 'href="/quan-tri/di-san"',
  naming: 'href="/quan-tri/ten-duong"',
  titles: 'href="/quan-tri/danh-hieu"',
  tourism: 'href="/quan-tri/du-lich"',
};

describe('staff home: module consoles listed only to their own units', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function linksOf(email: string): Promise<Record<keyof typeof LINKS, boolean>> {
    const cookie = await loginCookies(t.app, email);
    const res = await t.app.inject({ url: '/quan-tri', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return Object.fromEntries(Object.entries(LINKS).map(([k, href]) => [k, res.body.includes(href)])) as Record<keyof typeof LINKS, boolean>;
  }

  it('culture management (QLVH) sees naming and titles, not heritage or tourism; the museum sees heritage only; tourism sees its own console only', async () => {
    expect(await linksOf('chuyenvien@vanhien.test')).toEqual({ heritage: false, naming: true, titles: true, tourism: false });
    expect(await linksOf('chuyenvien.bt@vanhien.test')).toEqual({ heritage: true, naming: false, titles: false, tourism: false });
    expect(await linksOf('chuyenvien.qldl@vanhien.test')).toEqual({ heritage: false, naming: false, titles: false, tourism: true });
  });
});
