import fs from 'node:fs';
import path from 'node:path';
import env from '@zazuko/env';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM, type Actor } from '../../../core/auth/actor.js';
import { grantPermissionsToRole } from '../../../core/org/org.commands.js';
import { createConsumer, revokeConsumer } from '../indicators.commands.js';

const SHAPES_DIR = path.resolve(import.meta.dirname, '../../../../../shared/schemas/dcat-ap-3.0.1');
const admin: Actor = { userId: null, label: 'QT', kind: 'staff', grants: [{ permission: 'manage:indicator:all', unitId: null }] };

function nt(quads: Quad[]): Set<string> {
  const term = (t: Quad['object']) =>
    t.termType === 'NamedNode'
      ? `<${t.value}>`
      : t.termType === 'Literal'
        ? `${JSON.stringify(t.value)}${t.language ? `@${t.language}` : `^^<${t.datatype.value}>`}`
        : `_:${t.value}`;
  return new Set(quads.map((q) => `${term(q.subject as never)} <${q.predicate.value}> ${term(q.object)} .`));
}

describe('indicators pull API and DCAT-AP catalogue', () => {
  let t: TestPlatform;
  let key = '';
  let dlKey = '';
  beforeAll(async () => {
    t = await startTestPlatform();
    key = (await createConsumer({ services: t.platform.services, actor: admin }, { name: 'Trung tâm IOC tỉnh', scopes: '*' })).key;
    dlKey = (await createConsumer({ services: t.platform.services, actor: admin }, { name: 'Cổng du lịch', scopes: 'du_lich' })).key;
  });
  afterAll(async () => t?.close());

  it('lists the catalogue with paging, and one indicator', async () => {
    const res = await t.app.inject({ url: '/api/v1/indicators?limit=10' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(40);
    expect(body.items).toHaveLength(10);
    expect(body.next).toContain('page=2');
    const one = await t.app.inject({ url: '/api/v1/indicators/DVC.02' });
    expect(one.json()).toMatchObject({ code: 'DVC.02', unit: '%', periodicity: 'quarter', responsibleUnit: 'VP' });
    const unknown = await t.app.inject({ url: '/api/v1/indicators/XX.01' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ code: 'indicators.unknown_code' });
    expect(unknown.json().title + unknown.json().detail).toMatch(/Không có chỉ tiêu/);
  });

  it('observations: published only, filters, cursor paging, ETag/304, CSV with BOM', async () => {
    const all = await t.app.inject({ url: '/api/v1/indicators/DL.01/observations?from=2025-Q1&to=2025-Q4&dims=total' });
    expect(all.statusCode).toBe(200);
    const b = all.json();
    expect(b.observations.map((o: { period: string }) => o.period)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(b.observations.every((o: { demo: boolean }) => o.demo)).toBe(true);
    expect(b.note).toMatch(/minh họa/);
    // Cursor paging walks every row once.
    const seen: string[] = [];
    let url: string | null = '/api/v1/indicators/DL.01/observations?from=2025&to=2025-12-31&limit=7';
    while (url) {
      const r: { statusCode: number; json: () => { observations: { period: string; dims: Record<string, string> }[]; next: string | null } } =
        await t.app.inject({
          url: url.replace(/^https?:\/\/[^/]+/, ''),
        });
      expect(r.statusCode).toBe(200);
      const j = r.json();
      expect(Array.isArray(j.observations)).toBe(true);
      seen.push(...j.observations.map((o: { period: string; dims: Record<string, string> }) => `${o.period}|${JSON.stringify(o.dims)}`));
      url = j.next;
    }
    const whole = (await t.app.inject({ url: '/api/v1/indicators/DL.01/observations?from=2025&to=2025-12-31&limit=5000' })).json();
    expect(seen).toHaveLength(whole.count);
    expect(new Set(seen).size).toBe(seen.length);
    // Area filter
    const area = whole.observations.find((o: { area: string | null }) => o.area)!.area;
    const byArea = (await t.app.inject({ url: `/api/v1/indicators/DL.01/observations?area=${area}` })).json();
    expect(byArea.observations.every((o: { area: string }) => o.area === area)).toBe(true);
    // ETag
    const etag = all.headers.etag as string;
    const again = await t.app.inject({ url: '/api/v1/indicators/DL.01/observations?from=2025-Q1&to=2025-Q4&dims=total', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    // CSV
    const csv = await t.app.inject({ url: '/api/v1/indicators/DL.01/observations?from=2025-Q1&to=2025-Q1&dims=total', headers: { accept: 'text/csv' } });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('indicator,period,start,end,area,visitor_kind,value,unit,revision,demo');
    expect(lines[1]).toMatch(/^DL\.01,2025-Q1,2025-01-01,2025-03-31,,,\d+,lượt khách,1,dữ liệu minh họa$/);
    expect((await t.app.inject({ url: '/api/v1/indicators/DL.01/observations?format=csv&dims=total' })).body).toContain('2025-Q2');
    // Nothing unpublished leaves: the current quarter's computed values are only approved.
    const cur = await t.app.inject({ url: '/api/v1/indicators/DVC.01/observations?from=2026-Q4' });
    expect(cur.json().count).toBe(0);
  });

  it('bad input is problem+json with stable codes', async () => {
    for (const [q, code] of [
      ['from=2026-Q7', 'indicators.bad_period'],
      ['to=2026-02-30', 'indicators.bad_period'],
      ['from=2026&to=2025', 'indicators.bad_period'],
      ['cursor=not-a-cursor', 'indicators.bad_cursor'],
      ['dims=sex', 'indicators.bad_dims'],
    ]) {
      const r = await t.app.inject({ url: `/api/v1/indicators/DL.01/observations?${q}` });
      expect(r.statusCode, q).toBe(400);
      expect(r.json().code, q).toBe(code);
    }
    expect((await t.app.inject({ url: '/api/v1/indicators/DL.01/observations?limit=999999' })).statusCode).toBe(400);
  });

  it('API keys: Bearer or X-API-Key, scopes, revocation, last used', async () => {
    const ok = await t.app.inject({ url: '/api/v1/indicators/DVC.01/observations', headers: { authorization: `Bearer ${key}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toContain('private');
    expect((await t.app.inject({ url: '/api/v1/indicators/DL.01/observations', headers: { 'x-api-key': dlKey } })).statusCode).toBe(200);
    const out = await t.app.inject({ url: '/api/v1/indicators/DVC.01/observations', headers: { 'x-api-key': dlKey } });
    expect(out.statusCode).toBe(403);
    expect(out.json().code).toBe('indicators.out_of_scope');
    const bad = await t.app.inject({ url: '/api/v1/indicators', headers: { authorization: 'Bearer vhi_made-up' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('indicators.bad_key');
    const rows = await t.platform.services.db.execute<{ id: string; key_hash: string; last_used_at: Date | null }>(
      (await import('drizzle-orm')).sql`SELECT id, key_hash, last_used_at FROM indicator_consumers WHERE name = 'Cổng du lịch'`,
    );
    expect(rows.rows[0]!.last_used_at).not.toBeNull();
    expect(rows.rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.rows[0]!.key_hash).not.toContain(dlKey);
    await revokeConsumer({ services: t.platform.services, actor: admin }, rows.rows[0]!.id);
    expect((await t.app.inject({ url: '/api/v1/indicators/DL.01/observations', headers: { 'x-api-key': dlKey } })).statusCode).toBe(401);
    await expect(createConsumer({ services: t.platform.services, actor: admin }, { name: 'X', scopes: 'khong_co' })).rejects.toMatchObject({
      code: 'CORE-100',
    });
  });

  it('staff pages: catalogue, periods, consumers (key shown once)', async () => {
    // The administrator's account needs a second factor; the leader gets the manage right here.
    await grantPermissionsToRole({ services: t.platform.services, actor: SYSTEM }, 'lanh_dao', ['manage:indicator:all']);
    const cookie = await loginCookies(t.app, 'lanhdao@vanhien.test');
    const list = await t.app.inject({ url: '/quan-tri/chi-tieu', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('DVC.01');
    const detail = await t.app.inject({ url: '/quan-tri/chi-tieu/BT.01', headers: { cookie } });
    expect(detail.body).toContain('Bảo tàng tỉnh');
    const periods = await t.app.inject({ url: '/quan-tri/chi-tieu/ky-bao-cao', headers: { cookie } });
    expect(periods.body).toContain('2026-Q3');
    const { csrf, cookie: c2 } = await csrfFor(t.app, '/quan-tri/chi-tieu/api', cookie);
    const created = await t.app.inject({
      method: 'POST',
      url: '/quan-tri/chi-tieu/api',
      headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, name: 'Sở Thông tin', scopes: 'dvc, pakn' }).toString(),
    });
    expect(created.statusCode).toBe(200);
    const shown = /vhi_[A-Za-z0-9_-]{43}/.exec(created.body)?.[0];
    expect(shown).toBeTruthy();
    expect((await t.app.inject({ url: '/api/v1/indicators/DVC.01', headers: { 'x-api-key': shown! } })).statusCode).toBe(200);
    const later = await t.app.inject({ url: '/quan-tri/chi-tieu/api', headers: { cookie } });
    expect(later.body).toContain('Sở Thông tin');
    expect(later.body).not.toContain(shown!);
    const recompute = await csrfFor(t.app, '/quan-tri/chi-tieu/ky-bao-cao', cookie);
    const r = await t.app.inject({
      method: 'POST',
      url: '/quan-tri/chi-tieu/ky-bao-cao/2026-Q4/tinh-lai',
      headers: { cookie: recompute.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: recompute.csrf }).toString(),
    });
    expect(r.statusCode).toBe(303);
    const reopen = await csrfFor(t.app, '/quan-tri/chi-tieu/ky-bao-cao', cookie);
    expect(reopen.csrf).toBeTruthy();
    const noReason = await t.app.inject({
      method: 'POST',
      url: '/quan-tri/chi-tieu/ky-bao-cao/mo-lai',
      headers: { cookie: reopen.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: reopen.csrf, period: '2025-Q1', reason: '' }).toString(),
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Nêu lý do mở lại');
    const citizen = await loginCookies(t.app, 'congdan@vanhien.test');
    expect((await t.app.inject({ url: '/quan-tri/chi-tieu/api', headers: { cookie: citizen } })).statusCode).toBe(403);
  });

  it('DCAT-AP 3: the catalogue passes the SHACL shapes; Turtle and JSON-LD are the same graph', async () => {
    const ttl = await t.app.inject({ url: '/api/v1/catalog', headers: { accept: 'text/turtle' } });
    expect(ttl.headers['content-type']).toContain('text/turtle');
    const ttlQuads = new Parser().parse(ttl.body);
    const ld = await t.app.inject({ url: '/api/v1/catalog' });
    expect(ld.headers['content-type']).toContain('application/ld+json');
    const nquads = (await jsonld.toRDF(JSON.parse(ld.body), { format: 'application/n-quads' })) as unknown as string;
    const ldQuads = new Parser({ format: 'N-Quads' }).parse(nquads);
    expect(nt(ldQuads)).toEqual(nt(ttlQuads));
    expect((await t.app.inject({ url: '/api/v1/catalog.ttl' })).body).toBe(ttl.body);
    const datasets = ttlQuads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#dataset');
    expect(datasets.length).toBeGreaterThanOrEqual(40);

    const shapes = env.dataset();
    for (const f of ['shapes.ttl', 'range.ttl']) for (const q of new Parser().parse(fs.readFileSync(path.join(SHAPES_DIR, f), 'utf8'))) shapes.add(q as never);
    const data = env.dataset();
    for (const q of ttlQuads) data.add(q as never);
    const report = await new SHACLValidator(shapes, { factory: env }).validate(data);
    const violations = report.results.map(
      (r) =>
        `${r.focusNode?.value} ${r.path?.value} ${r.sourceConstraintComponent?.value} ${r.value?.value ?? ''}: ${r.message.map((m) => m.value).join('; ')}`,
    );
    if (!report.conforms) console.log([...new Set(violations.map((v) => v.replace(/^\S+#/, '#')))].slice(0, 40).join('\n'));
    expect(report.conforms).toBe(true);
  });

  it('the anonymous path is rate-limited per address; a key has its own bucket', async () => {
    let limited: { statusCode: number; headers: Record<string, unknown>; json: () => { code: string } } | null = null;
    for (let i = 0; i < 70 && !limited; i++) {
      const r = await t.app.inject({ url: '/api/v1/indicators/DVC.01', remoteAddress: '203.0.113.9' });
      if (r.statusCode === 429) limited = r;
    }
    expect(limited?.statusCode).toBe(429);
    expect(String(limited?.headers['content-type'])).toContain('problem+json');
    const keyed = await t.app.inject({ url: '/api/v1/indicators/DVC.01', remoteAddress: '203.0.113.9', headers: { authorization: `Bearer ${key}` } });
    expect(keyed.statusCode).toBe(200);
  });
});
