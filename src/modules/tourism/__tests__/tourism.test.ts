import ICAL from 'ical.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM } from '../../../core/auth/actor.js';
import { addHotspot, checkPanorama, createTour, publishTour, saveDraft, tilePanorama, uploadPanorama } from '../tourism.commands.js';
import * as repo from '../tourism.repository.js';

const jpeg = (w: number, h: number, colour = '#3a7') => sharp({ create: { width: w, height: h, channels: 3, background: colour } }).jpeg({ quality: 70 }).toBuffer();

describe('tourism: events, iCalendar, tours, public pages', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });
  const ctx = () => ({ services: t.platform.services, actor: SYSTEM });

  it('the iCalendar feed parses with ical.js and the lunar 10/3 event falls on 16/04/2027 and 04/04/2028', async () => {
    const res = await t.app.inject({ url: '/du-lich/su-kien.ics?tu-nam=2027' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toMatch(/\r\n/);
    // RFC 5545 §3.1: no content line longer than 75 octets.
    expect(res.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(res.body));
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.length).toBeGreaterThanOrEqual(30);
    const hung = (y: number) => events.find((e) => e.uid.startsWith(`LH-DEN-HUNG-${y}@`));
    expect(hung(2027)?.startDate.toString()).toBe('2027-04-16');
    expect(hung(2027)?.startDate.isDate).toBe(true);
    expect(hung(2028)?.startDate.toString()).toBe('2028-04-04');
    expect(hung(2028)?.summary).toContain('Hùng Vương');
    // A solar yearly event keeps its day; a multi-day one ends (exclusive) after its last day.
    const run = events.find((e) => e.uid.startsWith('TT-MARATHON-2028@'));
    expect(run?.startDate.toString()).toBe('2028-03-15');
    const fest = events.find((e) => e.uid.startsWith('LH-DINH-AN-PHU-2027@'));
    expect(fest!.endDate.subtractDate(fest!.startDate).toSeconds()).toBe(3 * 86400);
    const one = await t.app.inject({ url: '/du-lich/su-kien/LH-DEN-HUNG.ics?tu-nam=2027' });
    const single = new ICAL.Component(ICAL.parse(one.body)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(single.map((e) => e.startDate.toString())).toEqual(['2027-04-16', '2028-04-04', '2029-04-23']);
    const page = await t.app.inject({ url: '/du-lich/su-kien' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('âm lịch');
  });

  it('a panorama must be a JPEG, 2:1 and at most 16000 × 8000; the answer says so in Vietnamese', async () => {
    const png = await sharp({ create: { width: 1024, height: 512, channels: 3, background: '#000' } }).png().toBuffer();
    await expect(checkPanorama(png)).rejects.toMatchObject({ status: 415, vi: expect.stringContaining('không phải ảnh JPEG') });
    await expect(checkPanorama(await jpeg(1200, 800))).rejects.toMatchObject({ status: 400, vi: expect.stringContaining('tỉ lệ 2:1') });
    await expect(checkPanorama(await jpeg(1000, 8002))).rejects.toMatchObject({ status: 413, vi: expect.stringContaining('quá lớn') });
    await expect(checkPanorama(Buffer.from('not an image at all'))).rejects.toMatchObject({ status: 415 });
    await expect(checkPanorama(await jpeg(2048, 1024))).resolves.toEqual({ width: 2048, height: 1024 });
  });

  it('tour: upload, tile, hotspots (never to a missing scene), publish, public page with and without the viewer; broken JSON → 400 with the path', async () => {
    const tour = await createTour(ctx(), { code: 'TOUR-THU', title: 'Tour thử nghiệm' });
    const a = await uploadPanorama(ctx(), tour.id, { data: await jpeg(2048, 1024, '#2a6'), filename: 'sanh.jpg', title: 'Sảnh' });
    const b = await uploadPanorama(ctx(), tour.id, { data: await jpeg(1024, 512, '#a62'), filename: 'vuon.jpg', title: 'Vườn' });
    await tilePanorama(t.platform.services, a.panoramaId);
    await tilePanorama(t.platform.services, b.panoramaId);
    const pa = await repo.findPanorama(t.platform.services.db, a.panoramaId);
    expect(pa?.status).toBe('ready');
    expect(pa?.levels).toEqual([{ width: 2048, cols: 4, rows: 2 }]);
    expect((await repo.previewOf(t.platform.services.db, a.panoramaId))!.length).toBeLessThanOrEqual(100 * 1024);

    await expect(addHotspot(ctx(), tour.id, a.sceneId, { kind: 'scene', targetScene: 'canh-99', yaw: '10', pitch: '0', title: 'Sang vườn' })).rejects.toMatchObject({ fields: { targetScene: expect.anything() } });
    await addHotspot(ctx(), tour.id, a.sceneId, { kind: 'scene', targetScene: b.sceneId, yaw: '10', pitch: '-5', title: 'Sang vườn' });
    await addHotspot(ctx(), tour.id, b.sceneId, { kind: 'info', yaw: '-20', pitch: '5', title: 'Cây đa trăm năm', text: 'Cây đa minh họa.' });
    const draft = (await repo.findTour(t.platform.services.db, tour.id))!.draft;
    const broken = structuredClone(draft);
    broken.scenes[0]!.hotspots[0]!.target = 'khong-co';
    await expect(saveDraft(ctx(), tour.id, broken)).rejects.toMatchObject({ status: 400, vi: expect.stringContaining('$.scenes[0].hotspots[0].target') });

    const tokens = await apiTokens(t.app, { officer: 'chuyenvien.qldl@vanhien.test' });
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/tourism/tours/TOUR-THU/draft', headers: { authorization: `Bearer ${tokens.officer}` }, payload: { start: 'canh-1', scenes: [{ id: 'canh-1', title: 'A', panoramaId: a.panoramaId, initial: { yaw: 0, pitch: 0 }, hotspots: [{ id: 'x', kind: 'scene', yaw: 'bốn', pitch: 0, title: 'T', target: 'canh-2' }] }] } });
    expect(put.statusCode).toBe(400);
    expect(put.headers['content-type']).toContain('application/problem+json');
    const problem = put.json();
    expect(problem.code).toBe('TOURISM-120');
    expect(JSON.stringify(problem)).toContain('$.scenes[0].hotspots[0].yaw');
    expect(JSON.stringify(problem)).toContain('$.scenes[0].hotspots[0].target');
    const anon = await t.app.inject({ method: 'PUT', url: '/api/v1/tourism/tours/TOUR-THU/draft', payload: draft });
    expect(anon.statusCode).toBe(401);

    expect((await t.app.inject({ url: '/du-lich/tour/TOUR-THU' })).statusCode).toBe(404);
    expect((await publishTour(ctx(), tour.id)).version).toBe(1);
    const page = await t.app.inject({ url: '/du-lich/tour/TOUR-THU' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sang vườn');
    expect(page.body).toContain('Cây đa trăm năm');
    expect(page.body).toContain('Cây đa minh họa.');
    expect(page.body).toContain(`/du-lich/anh-360/${a.panoramaId}/xem-truoc.jpg`);
    expect(page.body).toMatch(/<script type="module" src="\/static\/du-lich\/xem-tour\.[0-9a-f]+\.js">/);
    const tile = await t.app.inject({ url: `/du-lich/anh-360/${a.panoramaId}/o/0/3_1.jpg` });
    expect(tile.statusCode).toBe(200);
    expect(tile.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(tile.rawPayload).metadata()).width).toBe(512);
    const qr = await t.app.inject({ url: '/du-lich/tour/TOUR-THU/qr/canh-2.svg' });
    expect(qr.body).toContain('<svg');
    // The viewer's scripts load only on tour pages.
    const list = await t.app.inject({ url: '/du-lich' });
    expect(list.body).not.toContain('xem-tour');
    const vendor = await t.app.inject({ url: '/static/du-lich/vendor/psv-core.js', headers: { 'accept-encoding': 'br' } });
    expect(vendor.headers['content-encoding']).toBe('br');
  });

  it('public pages: filters, schema.org JSON-LD, hreflang vi ↔ en with a visible link', async () => {
    const all = await t.app.inject({ url: '/du-lich' });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('40 điểm đến');
    expect(all.body).toContain('hreflang="en"');
    const museums = await t.app.inject({ url: '/du-lich?danh-muc=museum' });
    expect(museums.body).toContain('4 điểm đến');
    const free = await t.app.inject({ url: '/du-lich?mien-phi=on' });
    expect(free.body).toMatch(/\d+ điểm đến/);
    const search = await t.app.inject({ url: '/du-lich?q=lang+gom' });
    expect(search.body).toContain('Làng gốm Tân Thành');
    const en = await t.app.inject({ url: '/en/travel' });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('40 destinations');
    expect(en.body).toContain('<html lang="en"');
    const museum = await t.app.inject({ url: '/du-lich/diem-den/DD-015' });
    expect(museum.statusCode).toBe(200);
    const ld = JSON.parse(/<script type="application\/ld\+json">([^<]+)<\/script>/.exec(museum.body)![1]!);
    expect(ld['@type']).toBe('Museum');
    expect(ld.openingHoursSpecification[0].opens).toBe('08:00');
    expect(museum.body).toContain('hreflang="en" href="');
    expect(museum.body).toContain('href="/en/travel/DD-015"');
    const hotel = await t.app.inject({ url: '/en/travel/DD-035' });
    expect(JSON.parse(/<script type="application\/ld\+json">([^<]+)<\/script>/.exec(hotel.body)![1]!)['@type']).toBe('LodgingBusiness');
    const ev = await t.app.inject({ url: '/du-lich/su-kien/LH-DEN-HUNG' });
    expect(JSON.parse(/<script type="application\/ld\+json">([^<]+)<\/script>/.exec(ev.body)![1]!)['@type']).toBe('Event');
    const it2 = await t.app.inject({ url: '/du-lich/lich-trinh/LT-2-NGAY-LANG-NGHE' });
    expect(it2.body).toContain('Ngày 2');
    const api = (await t.app.inject({ url: '/api/v1/tourism/destinations' })).json();
    expect(api.items).toHaveLength(40);
    const openapi = await t.app.inject({ url: '/openapi.json' });
    if (openapi.statusCode === 200) expect(openapi.body).toContain('/api/v1/tourism/tours/{code}/draft');
  });

  it("the museum's page shows today's visitors and \"busy now\" from the devices module's counts", async () => {
    const { visitorsNow } = await import('../../devices/index.js');
    const { insertCounts } = await import('../../devices/devices.repository.js');
    const now = new Date();
    // 30 entries and 4 exits in the current hour at the museum's demo camera; no history, so the
    // hour is "busy" (≥ 20 and above 1.5 × a usual of 0).
    const hourStart = new Date(Math.floor(now.getTime() / 3600_000) * 3600_000);
    await insertCounts(t.platform.services.db, [{ deviceId: 'demo-camera-1', facilityCode: 'bao-tang-tinh', intervalStart: hourStart, intervalSeconds: 60, entries: 30, exits: 4, seq: 990_001, deviceTime: hourStart }], 'http');
    const v = await visitorsNow(t.platform.services, 'bao-tang-tinh', now);
    expect(v?.today).toBeGreaterThanOrEqual(30);
    expect(v?.thisHour).toBeGreaterThanOrEqual(30);
    expect(v?.busy).toBe(true);
    expect(await visitorsNow(t.platform.services, 'khong-co', now)).toBeUndefined();
    // Destination pages are cached up to 60 s; counts are no command, so empty the cache here.
    const { pagesChanged } = await import('../../../core/web/page-cache.js');
    await pagesChanged(t.platform.services);
    const page = await t.app.inject({ url: '/en/travel/DD-015' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Visitors today');
    expect(page.body).toContain(`${v!.today.toLocaleString('en-GB')} visitors`);
    expect(page.body).toContain('Busy now');
    // A destination without cameras has no such section.
    expect((await t.app.inject({ url: '/du-lich/diem-den/DD-035' })).body).not.toContain('Khách tham quan hôm nay');
  });
});
