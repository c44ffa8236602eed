import ICAL from 'ical.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { createDestination, createEvent } from '../tourism.catalogue.commands.js';

/** Issue 14, staff forms: the tourism officer's catalogue of destinations and events, through the
 * real HTTP stack (session, CSRF, input guard) on real PostgreSQL. */

const OFFICER = 'chuyenvien.qldl@vanhien.test';

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer; type: string }) {
  const boundary = `----vh${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.data,
    Buffer.from('\r\n'),
  );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const GOOD = {
  name: 'Vườn trái cây Lái Thiêu (thử)',
  nameEn: 'Lai Thieu Orchards (test)',
  category: 'park',
  summary: 'Vườn măng cụt, sầu riêng ven sông Sài Gòn.',
  summaryEn: 'Mangosteen and durian orchards by the Saigon river.',
  address: 'Đường Phan Đình Phùng',
  lat: '10,905112',
  lng: '106.701234',
  hours: 'T2-CN 07:30-17:00\nT7, CN 17:00-21:00',
  price: '30.000 đ',
  phone: '0274 3755 123',
  website: 'https://vuon.example.vn',
};

describe('tourism staff catalogue: destinations and events', () => {
  let t: TestPlatform;
  let officer: string;
  beforeAll(async () => {
    t = await startTestPlatform();
    officer = await loginCookies(t.app, OFFICER);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await t.platform.services.pool.query(text, params)).rows as T[];

  async function post(cookie: string, formUrl: string, url: string, fields: Record<string, string | string[]>) {
    const { csrf, cookie: c } = await csrfFor(t.app, formUrl, cookie);
    const body = new URLSearchParams();
    body.append('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return t.app.inject({ method: 'POST', url, headers: { cookie: c, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  }

  it('create → not public → publish → the public page, list, API and iCal show it; an edit shows at once on the cached page; a photo through the image pipeline', async () => {
    const unit = (await q<{ code: string; name: string }>("SELECT code, name FROM admin_units WHERE code = '99104'"))[0];
    const form = await t.app.inject({ url: '/quan-tri/du-lich/diem-den/moi', headers: { cookie: officer } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="_csrf"');
    const res = await post(officer, '/quan-tri/du-lich/diem-den/moi', '/quan-tri/du-lich/diem-den', {
      ...GOOD,
      adminUnitCode: unit ? '99104' : '',
      tours: ['TOUR-BAO-TANG'],
    });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(302);
    expect(res.headers.location).toBe('/quan-tri/du-lich/diem-den/DD-041');
    const [row] = await q<{ id: string; published: boolean; lat: number; price_vnd: number; opening_hours: unknown; admin_unit_name: string | null }>(
      "SELECT id, published, lat, price_vnd, opening_hours, admin_unit_name FROM tourism_destinations WHERE code = 'DD-041'",
    );
    expect(row).toMatchObject({ published: false, lat: 10.905112, price_vnd: 30000 });
    expect(row!.opening_hours).toEqual([
      { days: [1, 2, 3, 4, 5, 6, 7], opens: '07:30', closes: '17:00' },
      { days: [6, 7], opens: '17:00', closes: '21:00' },
    ]);
    if (unit) expect(row!.admin_unit_name).toBe(unit.name);
    expect(await q("SELECT 1 FROM audit_log WHERE action = 'tourism.destination_create' AND entity_id = $1", [row!.id])).toHaveLength(1);

    // Not public yet: the public page is not found, the list and the API leave it out.
    expect((await t.app.inject({ url: '/du-lich/diem-den/DD-041' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/tourism/destinations' })).json().items).toHaveLength(40);

    // The edit page shows the values back in the officer's syntax.
    const edit = await t.app.inject({ url: '/quan-tri/du-lich/diem-den/DD-041', headers: { cookie: officer } });
    expect(edit.body).toContain('T2-CN 07:30-17:00');
    expect(edit.body).toMatch(/value="TOUR-BAO-TANG"[^>]*checked/);

    const pub = await post(officer, '/quan-tri/du-lich/diem-den/DD-041', '/quan-tri/du-lich/diem-den/DD-041/cong-bo', {});
    expect(pub.statusCode).toBe(302);
    const page = await t.app.inject({ url: '/du-lich/diem-den/DD-041' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vườn trái cây Lái Thiêu (thử)');
    expect(page.body).toContain('30.000 đồng/vé người lớn');
    expect(page.body).toContain('/du-lich/tour/TOUR-BAO-TANG');
    expect(JSON.parse(/<script type="application\/ld\+json">([^<]+)<\/script>/.exec(page.body)![1]!)['@type']).toBe('Park');
    expect((await t.app.inject({ url: '/en/travel/DD-041' })).body).toContain('Lai Thieu Orchards (test)');
    expect((await t.app.inject({ url: '/du-lich?q=lai+thieu' })).body).toContain('Vườn trái cây Lái Thiêu (thử)');
    expect((await t.app.inject({ url: '/api/v1/tourism/destinations' })).json().items).toHaveLength(41);

    // A second anonymous view is served from the page cache; the next edit must still show at once.
    expect((await t.app.inject({ url: '/du-lich/diem-den/DD-041' })).body).toContain('Vườn trái cây Lái Thiêu (thử)');
    const updatedAt = /name="updatedAt" value="([^"]+)"/.exec(
      (await t.app.inject({ url: '/quan-tri/du-lich/diem-den/DD-041', headers: { cookie: officer } })).body,
    )![1]!;
    const save = await post(officer, '/quan-tri/du-lich/diem-den/DD-041', '/quan-tri/du-lich/diem-den/DD-041', {
      ...GOOD,
      name: 'Vườn cây ăn trái Lái Thiêu',
      updatedAt,
      tours: [],
    });
    expect(save.statusCode, save.body.slice(0, 2000)).toBe(302);
    const after = await t.app.inject({ url: '/du-lich/diem-den/DD-041' });
    expect(after.body).toContain('Vườn cây ăn trái Lái Thiêu');
    expect(after.body).not.toContain('/du-lich/tour/TOUR-BAO-TANG');
    // The same form sent again with the old stamp is a conflict, not a silent overwrite.
    const stale = await post(officer, '/quan-tri/du-lich/diem-den/DD-041', '/quan-tri/du-lich/diem-den/DD-041', { ...GOOD, updatedAt });
    expect(stale.statusCode).toBe(409);

    // A photo: saved through the core image pipeline, public with the destination, off when removed.
    const { csrf, cookie } = await csrfFor(t.app, '/quan-tri/du-lich/diem-den/DD-041', officer);
    const jpeg = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#6a4' } })
      .jpeg()
      .toBuffer();
    const mp = multipart({ alt: 'Lối vào vườn' }, { name: 'vuon.jpg', data: jpeg, type: 'image/jpeg' });
    const up = await t.app.inject({
      method: 'POST',
      url: `/quan-tri/du-lich/diem-den/DD-041/anh?_csrf=${encodeURIComponent(csrf)}`,
      headers: { cookie, 'content-type': mp.contentType },
      payload: mp.payload,
    });
    expect(up.statusCode, up.body.slice(0, 2000)).toBe(302);
    const withPhoto = await t.app.inject({ url: '/du-lich/diem-den/DD-041' });
    const src = /<img class="du-lich-anh-diem-den" src="([^"]+)" alt="Lối vào vườn"/.exec(withPhoto.body)?.[1];
    expect(src).toMatch(/^\/iiif\/3\/[0-9a-f-]{36}\/full\/640,\/0\/default\.jpg$/);
    expect(withPhoto.body).toContain(`<meta property="og:image" content="`);
    const img = await t.app.inject({ url: src! });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toContain('image/jpeg');
    // Not an image: refused with the form re-rendered, nothing added.
    const bad = multipart({ alt: 'Không phải ảnh' }, { name: 'x.jpg', data: Buffer.from('%PDF-1.4 not an image'), type: 'image/jpeg' });
    const refused = await t.app.inject({
      method: 'POST',
      url: `/quan-tri/du-lich/diem-den/DD-041/anh?_csrf=${encodeURIComponent(csrf)}`,
      headers: { cookie, 'content-type': bad.contentType },
      payload: bad.payload,
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect(refused.body).toContain('vh-error-summary');
    expect((await q<{ n: number }>("SELECT jsonb_array_length(photos) AS n FROM tourism_destinations WHERE code = 'DD-041'"))[0]!.n).toBe(1);
    const imageId = src!.split('/')[3]!;
    const rm = await post(officer, '/quan-tri/du-lich/diem-den/DD-041', `/quan-tri/du-lich/diem-den/DD-041/anh/${imageId}/xoa`, {});
    expect(rm.statusCode).toBe(302);
    expect((await t.app.inject({ url: src! })).statusCode).toBe(404);

    // Unpublish: gone from the public side at once (the cached page too).
    await post(officer, '/quan-tri/du-lich/diem-den/DD-041', '/quan-tri/du-lich/diem-den/DD-041/go-cong-bo', {});
    expect((await t.app.inject({ url: '/du-lich/diem-den/DD-041' })).statusCode).toBe(404);
    const actions = (await q<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [row!.id])).map((r) => r.action);
    expect(actions).toEqual([
      'tourism.destination_create',
      'tourism.destination_publish',
      'tourism.destination_update',
      'tourism.destination_photo_add',
      'tourism.destination_photo_remove',
      'tourism.destination_unpublish',
    ]);
  });

  it('bad input gets 400 with Vietnamese messages, the form filled in, and nothing saved', async () => {
    const count = async () =>
      (await q<{ n: number }>('SELECT (SELECT count(*)::int FROM tourism_destinations) + (SELECT count(*)::int FROM tourism_events) AS n'))[0]!.n;
    const before = await count();
    const cases: [Record<string, string>, string[]][] = [
      [{ ...GOOD, name: '' }, ['Vui lòng nhập tên điểm đến.']],
      [{ ...GOOD, lat: 'mười', lng: '106.7' }, ['Vĩ độ phải là số thập phân']],
      [{ ...GOOD, lat: '48.85', lng: '2.35' }, ['nằm ngoài lãnh thổ Việt Nam']],
      [{ ...GOOD, lat: '106.70', lng: '10.90' }, ['bị đảo ngược']],
      [{ ...GOOD, lat: '10.9', lng: '' }, ['Vui lòng nhập cả vĩ độ và kinh độ']],
      [{ ...GOOD, hours: 'T2-CN 17:00-07:30' }, ['phải sau giờ mở cửa']],
      [{ ...GOOD, price: 'ba mươi nghìn', website: 'vuon.example.vn' }, ['Giá vé là số đồng', 'Trang web phải là địa chỉ đầy đủ']],
      [{ ...GOOD, name: 'Vườn\u0000 thử' }, ['ký tự không hợp lệ']],
    ];
    for (const [fields, messages] of cases) {
      const res = await post(officer, '/quan-tri/du-lich/diem-den/moi', '/quan-tri/du-lich/diem-den', fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.body).toContain('vh-error-summary');
      expect(res.body).toContain('Có lỗi cần sửa');
      for (const m of messages) expect(res.body, m).toContain(m);
      // Filled in again with what was typed.
      expect(res.body).toContain('value="Đường Phan Đình Phùng"');
    }
    const events: [Record<string, string>, string][] = [
      [{ name: 'Hội chợ thử', calendar: 'once', startDate: '20/05/2027', endDate: '18/05/2027', location: 'Quảng trường' }, 'phải trùng hoặc sau ngày bắt đầu'],
      [{ name: '', calendar: 'once', startDate: '20/05/2027', location: 'Quảng trường' }, 'Vui lòng nhập tên sự kiện.'],
      [{ name: 'Ngày thử', calendar: 'once', startDate: '31/02/2027', location: 'Quảng trường' }, 'không hợp lệ (định dạng ngày/tháng/năm)'],
      [{ name: 'Lễ thử', calendar: 'solar', day: '29', month: '2', location: 'Đình' }, 'Ngày 29/02 không có trong mọi năm'],
      [{ name: 'Lễ thử', calendar: 'lunar', day: '31', month: '13', location: 'Đình' }, 'Ngày âm lịch là số từ 1 đến 30'],
      [{ name: 'Lễ\u0000 thử', calendar: 'lunar', day: '10', month: '3', location: 'Đình' }, 'ký tự không hợp lệ'],
    ];
    for (const [fields, message] of events) {
      const res = await post(officer, '/quan-tri/du-lich/su-kien/moi', '/quan-tri/du-lich/su-kien', fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.body).toContain('vh-error-summary');
      expect(res.body, message).toContain(message);
    }
    expect(await count()).toBe(before);
  });

  it('an event on a lunar date: created, published, in the iCalendar feed on the right Gregorian days; unpublished, gone', async () => {
    const res = await post(officer, '/quan-tri/du-lich/su-kien/moi', '/quan-tri/du-lich/su-kien', {
      name: 'Lễ hội Chùa Bà (thử)',
      nameEn: 'Lady Pagoda Festival (test)',
      kind: 'festival',
      calendar: 'lunar',
      day: '15',
      month: '1',
      durationDays: '2',
      destinationCode: 'DD-009',
      location: 'Chùa Bà',
      organiser: 'UBND phường An Lạc',
      summary: 'Rước kiệu rằm tháng Giêng.',
    });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(302);
    const code = res.headers.location!.split('/').pop()!;
    expect(code).toMatch(/^SK-\d{3}$/);
    const feed = async () =>
      new ICAL.Component(ICAL.parse((await t.app.inject({ url: '/du-lich/su-kien.ics?tu-nam=2027' })).body))
        .getAllSubcomponents('vevent')
        .map((c) => new ICAL.Event(c));
    expect((await feed()).some((e) => e.uid.startsWith(`${code}-`))).toBe(false);
    expect((await post(officer, `/quan-tri/du-lich/su-kien/${code}`, `/quan-tri/du-lich/su-kien/${code}/cong-bo`, {})).statusCode).toBe(302);
    const mine = (await feed()).filter((e) => e.uid.startsWith(`${code}-`));
    // Rằm tháng Giêng: 15/1 lunar is 20/02/2027 and 09/02/2028; two days, so DTEND is exclusive +2.
    expect(mine.find((e) => e.uid.startsWith(`${code}-2027@`))?.startDate.toString()).toBe('2027-02-20');
    expect(mine.find((e) => e.uid.startsWith(`${code}-2028@`))?.startDate.toString()).toBe('2028-02-09');
    expect(mine[0]!.endDate.subtractDate(mine[0]!.startDate).toSeconds()).toBe(2 * 86400);
    const page = await t.app.inject({ url: `/du-lich/su-kien/${code}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ngày 15 tháng 1 âm lịch');
    expect(page.body).toContain('UBND phường An Lạc');
    // The destination's cached page lists it at once.
    expect((await t.app.inject({ url: '/du-lich/diem-den/DD-009' })).body).toContain('Lễ hội Chùa Bà (thử)');
    expect((await post(officer, `/quan-tri/du-lich/su-kien/${code}`, `/quan-tri/du-lich/su-kien/${code}/go-cong-bo`, {})).statusCode).toBe(302);
    expect((await feed()).some((e) => e.uid.startsWith(`${code}-`))).toBe(false);
    expect((await t.app.inject({ url: '/du-lich/diem-den/DD-009' })).body).not.toContain('Lễ hội Chùa Bà (thử)');
  });

  it('a citizen, or an officer of another unit, gets 403 and nothing is saved', async () => {
    const before = (await q<{ n: number }>('SELECT count(*)::int AS n FROM tourism_destinations'))[0]!.n;
    const citizen = await loginCookies(t.app, 'congdan@vanhien.test');
    const other = await loginCookies(t.app, 'chuyenvien@vanhien.test'); // Phòng Quản lý Văn hóa
    for (const cookie of [citizen, other]) {
      for (const url of [
        '/quan-tri/du-lich',
        '/quan-tri/du-lich/diem-den',
        '/quan-tri/du-lich/diem-den/moi',
        '/quan-tri/du-lich/diem-den/DD-001',
        '/quan-tri/du-lich/su-kien',
      ]) {
        expect((await t.app.inject({ url, headers: { cookie } })).statusCode, url).toBe(403);
      }
      // A form posted anyway (token from a page the account may open) is refused before any write.
      const { csrf, cookie: c } = await csrfFor(t.app, '/', cookie);
      const body = new URLSearchParams({ _csrf: csrf, ...GOOD }).toString();
      for (const url of [
        '/quan-tri/du-lich/diem-den',
        '/quan-tri/du-lich/diem-den/DD-001',
        '/quan-tri/du-lich/diem-den/DD-001/go-cong-bo',
        '/quan-tri/du-lich/su-kien',
      ]) {
        const res = await t.app.inject({ method: 'POST', url, headers: { cookie: c, 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
        expect(res.statusCode, url).toBe(403);
      }
    }
    // The command itself checks too (not only the route): an actor of another unit is refused.
    const otherActor = {
      userId: null,
      label: 'x',
      kind: 'staff' as const,
      grants: [
        { permission: 'manage:tourism:unit', unitId: '00000000-0000-0000-0000-000000000000' },
        { permission: 'manage:tourism', unitId: null },
      ],
    };
    await expect(createDestination({ services: t.platform.services, actor: otherActor }, GOOD)).rejects.toMatchObject({ status: 403 });
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM tourism_destinations'))[0]!.n).toBe(before);
    expect((await q<{ published: boolean }>("SELECT published FROM tourism_destinations WHERE code = 'DD-001'"))[0]!.published).toBe(true);
    // The tourism division's officer still may.
    expect((await t.app.inject({ url: '/quan-tri/du-lich/diem-den', headers: { cookie: officer } })).statusCode).toBe(200);
  });

  it("the staff home lists the tourism console only to those who may open it (not to another unit's specialist)", async () => {
    const link = 'href="/quan-tri/du-lich"';
    const other = await loginCookies(t.app, 'chuyenvien@vanhien.test'); // Phòng Quản lý Văn hóa
    const theirs = await t.app.inject({ url: '/quan-tri', headers: { cookie: other } });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toContain('Việc của tôi');
    expect(theirs.body).not.toContain(link);
    expect(theirs.body).not.toContain('Du lịch, tour 360°');
    const mine = await t.app.inject({ url: '/quan-tri', headers: { cookie: officer } });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(link);
    expect(mine.body).toContain('Du lịch, tour 360°');
  });

  it('officers creating destinations and events in the same instant all succeed, each with its own code and audit row', async () => {
    const grants = (
      await q<{ permission: string; unit_id: string | null }>(
        `SELECT rp.permission_code AS permission, ra.unit_id FROM role_assignments ra JOIN role_permissions rp ON rp.role_id = ra.role_id
         JOIN users u ON u.id = ra.user_id WHERE u.email = $1`,
        [OFFICER],
      )
    ).map((g) => ({ permission: g.permission, unitId: g.unit_id }));
    const ctx = { services: t.platform.services, actor: { userId: null, label: 'Cán bộ QLDL', kind: 'staff' as const, grants } };
    const N = 8;
    const destinations = await Promise.allSettled(
      Array.from({ length: N }, (_, i) => createDestination(ctx, { ...GOOD, name: `Điểm đến đồng thời ${i + 1}`, website: '' })),
    );
    expect(destinations.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason).slice(0, 300))).toEqual([]);
    const dCodes = destinations.map((r) => (r as PromiseFulfilledResult<{ code: string }>).value.code);
    expect(new Set(dCodes).size).toBe(N);
    for (const c of dCodes) expect(c).toMatch(/^DD-\d{3}$/);
    const events = await Promise.allSettled(
      Array.from({ length: N }, (_, i) =>
        createEvent(ctx, { name: `Sự kiện đồng thời ${i + 1}`, calendar: 'once', startDate: '20/05/2027', location: 'Quảng trường' }),
      ),
    );
    expect(events.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason).slice(0, 300))).toEqual([]);
    const eCodes = events.map((r) => (r as PromiseFulfilledResult<{ code: string }>).value.code);
    expect(new Set(eCodes).size).toBe(N);
    for (const c of eCodes) expect(c).toMatch(/^SK-\d{3}$/);
    // One audit row per record, written with it.
    const audited = await q<{ code: string }>(
      "SELECT summary->>'code' AS code FROM audit_log WHERE action IN ('tourism.destination_create', 'tourism.event_create') AND summary->>'code' = ANY($1)",
      [[...dCodes, ...eCodes]],
    );
    expect(audited.map((a) => a.code).sort()).toEqual([...dCodes, ...eCodes].sort());
    // A code the officer types that another officer takes in the same instant: one wins, the other is told in Vietnamese.
    const same = await Promise.allSettled([0, 1].map((i) => createDestination(ctx, { ...GOOD, code: 'DD-900', name: `Trùng mã ${i}`, website: '' })));
    expect(same.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = same.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 400 });
    expect(JSON.stringify(refused.reason.fields ?? refused.reason)).toContain('Mã điểm đến DD-900 đã có.');
  });
});
