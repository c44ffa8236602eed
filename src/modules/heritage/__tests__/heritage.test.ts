import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { ANONYMOUS, SYSTEM } from '../../../core/auth/actor.js';
import { ClusterBus } from '../../../core/cluster/bus.js';
import { createRelic, publishRelic, recordDecision, setZones, submitRelic, withdrawRelic } from '../heritage.commands.js';
import { zoneIndexOf } from '../heritage.zoneindex.js';

/** A strict RFC 7946 check of what the export promises: FeatureCollection of Features with
 * Point/Polygon/MultiPolygon geometries, [lng, lat] positions in range, closed rings of ≥ 4
 * positions, exterior rings counterclockwise and holes clockwise (§3.1.6), no crs member. */
// biome-ignore lint/suspicious/noExplicitAny: the checker takes any JSON on purpose
type Json = any;
function rfc7946Problems(fc: Json): string[] {
  const out: string[] = [];
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) return ['not a FeatureCollection'];
  if ('crs' in fc) out.push('crs member');
  const pos = (p: unknown, w: string) => {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number')) out.push(`${w}: bad position`);
    else if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) out.push(`${w}: out of range`);
  };
  const area = (r: number[][]) => r.slice(0, -1).reduce((a, p, i) => a + p[0]! * r[i + 1]![1]! - r[i + 1]![0]! * p[1]!, 0);
  const polygon = (rings: number[][][], w: string) => {
    rings.forEach((r, i) => {
      if (r.length < 4) out.push(`${w}: ring < 4`);
      for (const [j, p] of r.entries()) pos(p, `${w}[${i}][${j}]`);
      const a = r[0]!;
      const b = r[r.length - 1]!;
      if (a[0] !== b[0] || a[1] !== b[1]) out.push(`${w}: ring not closed`);
      if ((i === 0 && area(r) < 0) || (i > 0 && area(r) > 0)) out.push(`${w}: winding`);
    });
  };
  for (const [k, f] of (fc.features as Json[]).entries()) {
    if (f.type !== 'Feature' || typeof f.properties !== 'object' || !f.geometry) {
      out.push(`feature ${k}: shape`);
      continue;
    }
    const g = f.geometry;
    if (g.type === 'Point') pos(g.coordinates, `f${k}`);
    else if (g.type === 'Polygon') polygon(g.coordinates, `f${k}`);
    else if (g.type === 'MultiPolygon') for (const [i, p] of (g.coordinates as number[][][][]).entries()) polygon(p, `f${k}.${i}`);
    else out.push(`feature ${k}: type ${g.type}`);
    for (const key of f.geometry.type === 'Point' ? ['code', 'name', 'level', 'zone'] : ['code', 'zone']) if (!(key in f.properties)) out.push(`feature ${k}: no ${key}`);
  }
  return out;
}

const ring = (lat: number, lng: number, d: number) => [
  [lat, lng],
  [lat, lng + d],
  [lat + d, lng + d],
  [lat + d, lng],
];
const typed = (pts: number[][]) => pts.map((p) => `${p[0]}, ${p[1]}`).join('\n');

describe('heritage', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());
  const ctx = () => ({ services: t.platform.services, actor: SYSTEM });

  it('checks permission first; zones are refused with the vertex named and nothing saved', async () => {
    await expect(createRelic({ services: t.platform.services, actor: ANONYMOUS }, { name: 'x' })).rejects.toMatchObject({ code: 'CORE-200' });
    const r = await createRelic(ctx(), { name: 'Đình Thử Nghiệm', relicType: 'historical', lat: '12.5', lng: '108.5' });
    const err = await setZones(ctx(), r.id, { zoneI: typed(ring(12.5, 108.5, 0.01)), zoneII: typed(ring(12.505, 108.505, 0.002)) }).catch((e) => e);
    expect(err.code).toBe('CORE-100');
    expect(err.fields.zoneI.vi).toMatch(/Khu vực I phải nằm trong khu vực II.*đỉnh 1/);
    const swapped = await setZones(ctx(), r.id, { zoneI: JSON.stringify({ type: 'Polygon', coordinates: [[[12.5, 108.5], [12.6, 108.5], [12.6, 108.6], [12.5, 108.5]]] }) }).catch((e) => e);
    expect(swapped.fields.zoneI.vi).toMatch(/đỉnh 1.*đảo ngược/);
    const z = await t.platform.services.pool.query('SELECT count(*)::int AS n FROM heritage_zones WHERE relic_id = $1', [r.id]);
    expect(z.rows[0].n).toBe(0);
  });

  it('the zone check answers inside I, inside II, on an edge and outside, with the rule and its basis; unpublished relics do not count', async () => {
    const r = await createRelic(ctx(), { name: 'Chùa Kiểm Tra', relicType: 'architectural_artistic', lat: '12.005', lng: '108.005' });
    await setZones(ctx(), r.id, { zoneI: typed(ring(12.004, 108.004, 0.002)), zoneII: typed(ring(12.0, 108.0, 0.01)) });
    await recordDecision(ctx(), r.id, { action: 'rank', level: 'provincial', number: '12/QĐ-UBND', decidedOn: '02/01/2020', issuer: 'Chủ tịch UBND tỉnh' });
    const before = (await t.app.inject({ url: '/api/v1/heritage/zones/check?lat=12.005&lng=108.005' })).json();
    expect(before.inZone).toBe(false);
    await submitRelic(ctx(), r.id);
    await publishRelic(ctx(), r.id);
    const inI = (await t.app.inject({ url: '/api/v1/heritage/zones/check?lat=12.005&lng=108.005' })).json();
    expect(inI.matches).toHaveLength(1);
    expect(inI.matches[0]).toMatchObject({ zone: 'I', relic: { name: 'Chùa Kiểm Tra', level: 'provincial' } });
    expect(inI.matches[0].rule.legalBasis).toMatch(/45\/2024\/QH15/);
    const inII = (await t.app.inject({ url: '/api/v1/heritage/zones/check?lat=12.001&lng=108.001' })).json();
    expect(inII.matches[0].zone).toBe('II');
    const edge = (await t.app.inject({ url: '/api/v1/heritage/zones/check?lat=12.0&lng=108.005' })).json();
    expect(edge.matches[0].zone).toBe('II');
    const out = (await t.app.inject({ url: '/api/v1/heritage/zones/check?lat=12.02&lng=108.02' })).json();
    expect(out.inZone).toBe(false);
    expect(out.outside.text).toMatch(/tiếp giáp/);
    const swapped = await t.app.inject({ url: '/api/v1/heritage/zones/check?lat=108.005&lng=12.005' });
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().code).toBe('HERITAGE-110');
    const parcel = await t.app.inject({ method: 'POST', url: '/api/v1/heritage/zones/check', payload: { type: 'Polygon', coordinates: [[[108.008, 12.008], [108.02, 12.008], [108.02, 12.02], [108.008, 12.02], [108.008, 12.008]]] } });
    expect(parcel.json().matches[0]).toMatchObject({ zone: 'II', relation: 'overlaps' });
    const page = await t.app.inject({ url: '/di-san/kiem-tra-vung-bao-ve?lat=12.005&lng=108.005' });
    expect(page.body).toContain('Khu vực bảo vệ I');
    expect(page.body).toContain('Chùa Kiểm Tra');
  });

  it('the in-process zone index answers without SQL and is dropped by a zone edit on this node and, through the bus, on another', async () => {
    const s = t.platform.services;
    const check = async (lat: number, lng: number) => (await t.app.inject({ url: `/api/v1/heritage/zones/check?lat=${lat}&lng=${lng}` })).json();
    const r = await createRelic(ctx(), { name: 'Đình Chỉ Mục', relicType: 'historical', lat: '14.205', lng: '108.205' });
    await setZones(ctx(), r.id, { zoneI: typed(ring(14.204, 108.204, 0.002)), zoneII: typed(ring(14.2, 108.2, 0.01)) });
    await submitRelic(ctx(), r.id);
    await publishRelic(ctx(), r.id);
    // Another node of the same deployment: its own bus, its own index, the same database.
    const other = new ClusterBus(t.config.databaseUrl!, s.pool);
    await other.start();
    const otherIndex = zoneIndexOf({ ...s, bus: other });
    try {
      const here = await zoneIndexOf(s).whenBuilt();
      const there = await otherIndex.whenBuilt();
      expect(here!.at(108.205, 14.205).map((z) => z.zone).sort()).toEqual(['I', 'II']);
      expect(there!.at(108.205, 14.205).map((z) => z.zone).sort()).toEqual(['I', 'II']);
      expect((await check(14.205, 108.205)).matches[0]).toMatchObject({ zone: 'I', relic: { name: 'Đình Chỉ Mục' } });

      // Zone I moves to the north-east corner of zone II; the edit sends the relic back to review.
      await setZones(ctx(), r.id, { zoneI: typed(ring(14.207, 108.207, 0.002)), zoneII: typed(ring(14.2, 108.2, 0.01)) });
      expect(zoneIndexOf(s).ready()).toBeUndefined(); // dropped at once on this node
      expect((await check(14.205, 108.205)).inZone).toBe(false); // under review: not public
      await other.sync(); // every notification committed so far has reached the other node
      expect(otherIndex.ready()).toBeUndefined();

      await publishRelic(ctx(), r.id);
      const here2 = await zoneIndexOf(s).whenBuilt();
      expect(here2!.at(108.205, 14.205).map((z) => z.zone)).toEqual(['II']);
      expect(here2!.at(108.208, 14.208).map((z) => z.zone).sort()).toEqual(['I', 'II']);
      expect((await check(14.208, 108.208)).matches[0].zone).toBe('I');
      expect((await check(14.205, 108.205)).matches[0].zone).toBe('II');
      await other.sync();
      const there2 = await otherIndex.whenBuilt();
      expect(there2!.at(108.205, 14.205).map((z) => z.zone)).toEqual(['II']);

      // Withdrawn: gone from both.
      await withdrawRelic(ctx(), r.id);
      expect((await check(14.208, 108.208)).inZone).toBe(false);
      await other.sync();
      expect((await otherIndex.whenBuilt())!.at(108.208, 14.208)).toEqual([]);
      expect((await zoneIndexOf(s).whenBuilt())!.at(108.208, 14.208)).toEqual([]);
    } finally {
      otherIndex.dispose();
      await other.stop();
    }
  });

  it('public pages: inventory, relic page with schema.org markup, map with SVG; drafts hidden', async () => {
    const list = await t.app.inject({ url: '/di-san?cap=national' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Danh mục di tích');
    const relic = await t.app.inject({ url: '/di-san/di-tich/DT-0001' });
    expect(relic.statusCode).toBe(200);
    expect(relic.body).toContain('LandmarksOrHistoricalBuildings');
    expect(relic.body).toContain('Khu vực bảo vệ I');
    const draft = await t.app.inject({ url: '/di-san/di-tich/DT-0060' });
    expect(draft.statusCode).toBe(404);
    const map = await t.app.inject({ url: '/di-san/ban-do' });
    expect(map.body).toContain('id="ban-do-svg"');
    expect(map.body).toContain('#c62828');
  });

  it('the GeoJSON export passes a strict RFC 7946 check; CSV and XLSX download', async () => {
    const res = await t.app.inject({ url: '/api/v1/heritage/relics.geojson' });
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = res.json();
    expect(rfc7946Problems(fc)).toEqual([]);
    expect(fc.features.some((f: Json) => f.properties.zone === 'I')).toBe(true);
    expect(fc.features.every((f: Json) => f.properties.code !== 'DT-0060')).toBe(true);
    expect(rfc7946Problems((await t.app.inject({ url: '/api/v1/heritage/relics.geojson?tong-quan=1' })).json())).toEqual([]);
    const csv = await t.app.inject({ url: '/api/v1/heritage/relics.csv' });
    expect(csv.body.startsWith('\uFEFFMã di tích,Tên di tích')).toBe(true);
    const xlsx = await t.app.inject({ url: '/api/v1/heritage/relics.xlsx' });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const spec = (await t.app.inject({ url: '/api/docs/json' })).json?.() ?? {};
    if (spec.paths) expect(Object.keys(spec.paths)).toContain('/api/v1/heritage/zones/check');
  });

  it('an officer registers a relic and types its zones without JavaScript; photos go through IIIF', async () => {
    const cookie = await loginCookies(t.app, 'chuyenvien.qlds@vanhien.test');
    const { csrf, cookie: c2 } = await csrfFor(t.app, '/quan-tri/di-san/moi', cookie);
    const post = (url: string, fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString() });
    const bad = await post('/quan-tri/di-san/moi', { name: 'Miếu Bà Thử', relicType: '', lat: '106.7', lng: '10.9' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('đảo ngược');
    expect(bad.body).toContain('value="Miếu Bà Thử"');
    const ok = await post('/quan-tri/di-san/moi', { name: 'Miếu Bà Thử', relicType: 'historical', lat: '13.5', lng: '109.1', conservation: 'good' });
    expect(ok.statusCode).toBe(302);
    const id = ok.headers.location!.split('/').pop()!;
    const zones = await post(`/quan-tri/di-san/${id}/vung`, { zoneI: '13.5, 109.1\n13.5, 109.11\n13.49, 109.1\n13.51, 109.11', zoneII: '' });
    expect(zones.statusCode).toBe(400);
    expect(zones.body).toMatch(/tự cắt: cạnh từ đỉnh \d+ đến đỉnh \d+/);
    const good = await post(`/quan-tri/di-san/${id}/vung`, { zoneI: typed(ring(13.5, 109.1, 0.001)), zoneII: typed(ring(13.499, 109.099, 0.003)) });
    expect(good.statusCode).toBe(302);
    const dec = await post(`/quan-tri/di-san/${id}/quyet-dinh`, { action: 'rank', level: 'provincial', number: '99/QĐ-UBND', decidedOn: '15/03/2024', issuer: 'Chủ tịch UBND tỉnh' });
    expect(dec.statusCode).toBe(302);
    // Photo through the shared image pipeline.
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#a33' } }).png().toBuffer();
    const boundary = '----vh';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nphoto\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nMặt tiền miếu\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({ method: 'POST', url: `/quan-tri/di-san/${id}/tai-lieu?_csrf=${encodeURIComponent(csrf)}`, headers: { cookie: c2, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(up.statusCode).toBe(302);
    const img = await t.platform.services.pool.query('SELECT id FROM images WHERE owner_id = $1', [id]);
    const imgId = img.rows[0].id;
    // Not published: the public cannot see the photo; the officer can.
    expect((await t.app.inject({ url: `/iiif/3/${imgId}/info.json` })).statusCode).toBe(404);
    const info = await t.app.inject({ url: `/iiif/3/${imgId}/info.json`, headers: { cookie: c2 } });
    expect(info.json()).toMatchObject({ type: 'ImageService3', width: 1200, height: 800, profile: 'level1' });
    const d = await t.app.inject({ url: `/iiif/3/${imgId}/square/200,/0/default.webp`, headers: { cookie: c2 } });
    expect(d.headers['content-type']).toBe('image/webp');
    expect((await sharp(d.rawPayload).metadata()).width).toBe(200);
    const region = await t.app.inject({ url: `/iiif/3/${imgId}/10,10,300,200/!150,150/0/default.jpg`, headers: { cookie: c2 } });
    expect((await sharp(region.rawPayload).metadata()).height).toBe(100);
    expect((await t.app.inject({ url: `/iiif/3/${imgId}/full/2400,/0/default.jpg`, headers: { cookie: c2 } })).statusCode).toBe(400);
    // Submitted, approved by the head of division, public.
    await post(`/quan-tri/di-san/${id}/gui-duyet`, {});
    const head = await loginCookies(t.app, 'truongphong.qlds@vanhien.test');
    const h = await csrfFor(t.app, `/quan-tri/di-san/${id}`, head);
    const pub = await t.app.inject({ method: 'POST', url: `/quan-tri/di-san/${id}/cong-bo`, headers: { cookie: h.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(h.csrf)}` });
    expect(pub.statusCode).toBe(302);
    const pubInfo = await t.app.inject({ url: `/iiif/3/${imgId}/full/max/0/default.jpg` });
    expect(pubInfo.headers['cache-control']).toContain('immutable');
    const audit = await t.platform.services.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['heritage.relic_create', 'heritage.zones_set', 'heritage.decision_record', 'heritage.media_add', 'heritage.relic_submit', 'heritage.relic_publish']);
  });

  it('reports DS.01–DS.03 through the indicators hook', async () => {
    const mod = (await import('../module.js')).default;
    const v = await mod.indicators!(t.platform.services, { code: '2026', periodicity: 'year', start: '2026-01-01', end: '2026-12-31' });
    const ds01 = v.filter((x) => x.indicator === 'DS.01');
    expect(ds01.find((x) => !x.dims)!.value).toBe(ds01.filter((x) => x.dims).reduce((a, x) => a + x.value, 0));
    expect(ds01.some((x) => x.dims?.level === 'quoc_gia_dac_biet')).toBe(true);
    expect(v.find((x) => x.indicator === 'DS.02')!.value).toBeGreaterThan(0);
  });
});
