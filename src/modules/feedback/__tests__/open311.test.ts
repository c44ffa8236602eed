import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { escapeXml, toXml } from '../feedback.xml.js';
import { redactPersonalData } from '../feedback.privacy.js';

const API = '/open311/v2';
const KEY = 'demo-open311-key';
const DEMO_PHONE = '0912345678';
const DEMO_EMAIL = 'phan.anh.demo@vanhien.test';
const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'text/xml; charset=utf-8';

type Req = Record<string, unknown>;

describe('Open311 GeoReport v2', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  /** A client with no cookies at all, as a phone app or a partner system calls. */
  const post = (fmt: 'json' | 'xml', fields: Record<string, string>, ip = '10.3.0.1') =>
    t.app.inject({
      method: 'POST',
      url: `${API}/requests.${fmt}`,
      remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const get = (url: string) => t.app.inject({ url, remoteAddress: '10.3.0.2' });

  const valid = {
    api_key: KEY,
    service_code: 'VH-KARAOKE',
    lat: '10.7769',
    long: '106.7009',
    description: 'Tiếng hát karaoke vọng ra đường lúc nửa đêm.',
    first_name: 'Hùng',
    last_name: 'Nguyễn',
    email: 'hung.app@example.vn',
    phone: '0977 000 111',
    media_url: 'https://anh.example.vn/karaoke.jpg',
    'attribute[SO_NHA]': '12',
  };

  it('xml writer escapes text and drops characters XML forbids', () => {
    expect(escapeXml(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(toXml('errors', [{ code: 400, description: 'Thiếu <mã> & "khóa"' }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>400</code><description>Thiếu &lt;mã&gt; &amp; &quot;khóa&quot;</description></error></errors>',
    );
  });

  it('redaction masks phone numbers, emails, ID numbers and the reporter name', () => {
    const out = redactPersonalData('Gọi 0912 345 678 hoặc +84 912.345.678, thư a.b@c.vn, CCCD 079123456789, tôi là Trần Văn A', { name: 'Trần Văn A' });
    expect(out).not.toMatch(/\d{3}/);
    expect(out).not.toContain('a.b@c.vn');
    expect(out).not.toContain('Trần Văn A');
  });

  it('services in JSON and XML', async () => {
    const j = await get(`${API}/services.json`);
    expect(j.statusCode).toBe(200);
    expect(j.headers['content-type']).toBe(JSON_TYPE);
    const services = j.json() as Req[];
    expect(services.length).toBeGreaterThanOrEqual(8);
    const k = services.find((s) => s.service_code === 'VH-KARAOKE')!;
    expect(k).toEqual({
      service_code: 'VH-KARAOKE',
      service_name: 'Hoạt động karaoke, vũ trường gây ồn',
      description: expect.any(String),
      metadata: false,
      type: 'realtime',
      keywords: expect.any(String),
      group: 'Văn hóa',
    });
    const x = await get(`${API}/services.xml`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe(XML_TYPE);
    expect(x.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>')).toBe(true);
    expect(x.body).toContain('<service_code>DS-DITICH</service_code><service_name>Di tích bị xâm hại</service_name>');
    expect(x.body).toContain('<metadata>false</metadata><type>realtime</type>');
  });

  it('service definitions: no attributes yet; unknown service → 404 in the standard format', async () => {
    expect((await get(`${API}/services/VH-KARAOKE.json`)).json()).toEqual({ service_code: 'VH-KARAOKE', attributes: [] });
    const x = await get(`${API}/services/VH-KARAOKE.xml`);
    expect(x.body).toContain('<service_definition><service_code>VH-KARAOKE</service_code><attributes></attributes></service_definition>');
    const none = await get(`${API}/services/KHONG-CO.json`);
    expect(none.statusCode).toBe(404);
    expect(none.headers['content-type']).toBe(JSON_TYPE);
    expect(none.json()).toEqual([{ code: 404, description: expect.stringContaining('service_code') }]);
    const noneX = await get(`${API}/services/KHONG-CO.xml`);
    expect(noneX.statusCode).toBe(404);
    expect(noneX.body).toMatch(/<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>$/);
    // an unknown path under /open311 is also a 404 in the standard's format, not problem+json
    const stray = await get(`${API}/khong-co.xml`);
    expect(stray.statusCode).toBe(404);
    expect(stray.headers['content-type']).toBe(XML_TYPE);
  });

  it('POST requests from a client without cookies: not blocked by CSRF; returns the id at once', async () => {
    const res = await post('json', valid);
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    const body = res.json() as Req[];
    expect(body).toHaveLength(1);
    expect(body[0]!.service_request_id).toMatch(/^PA-\d{6}-\d{4}$/);
    expect(body[0]).toHaveProperty('service_notice');
    expect(body[0]).toHaveProperty('account_id', null);
    const id = String(body[0]!.service_request_id);
    const row = (await t.platform.services.pool.query('SELECT * FROM feedback_cases WHERE code = $1', [id])).rows[0];
    expect(row).toMatchObject({ channel: 'open311', reporter_name: 'Hùng Nguyễn', reporter_phone: '0977000111', media_url: valid.media_url });
    expect(row.api_client_id).not.toBeNull();
    const ev = (await t.platform.services.pool.query('SELECT note FROM feedback_events WHERE case_id = $1', [row.id])).rows[0];
    expect(ev.note).toContain('SO_NHA=12');

    const x = await post('xml', { ...valid, lat: '', long: '', address_string: 'Số 1 Lê Lợi' });
    expect(x.statusCode).toBe(201);
    expect(x.headers['content-type']).toBe(XML_TYPE);
    expect(x.body).toMatch(
      /<service_requests><request><service_request_id>PA-\d{6}-\d{4}<\/service_request_id><service_notice>[^<]+<\/service_notice><account_id\/><\/request><\/service_requests>$/,
    );

    // one by id, in XML; the reporter's name, phone and email are nowhere
    const one = await get(`${API}/requests/${id}.xml`);
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain(`<service_requests><request><service_request_id>${id}</service_request_id><status>open</status>`);
    expect(one.body).toMatch(/<requested_datetime>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00<\/requested_datetime>/);
    expect(one.body).toMatch(/<expected_datetime>\d{4}-\d{2}-\d{2}T23:59:59\+07:00<\/expected_datetime>/);
    expect(one.body).toContain('<agency_responsible>Phòng Quản lý Văn hóa và Gia đình</agency_responsible>');
    // Before an officer confirmed the redaction: a ward-sized area only (issue 9 finding 3).
    expect(one.body).toContain('<lat>10.78</lat><long>106.7</long>');
    expect(one.body).not.toContain('<description>');
    for (const secret of ['Hùng', '0977000111', '0977 000 111', 'hung.app@example.vn']) expect(one.body).not.toContain(secret);
    const oneJ = (await get(`${API}/requests/${id}.json`)).json() as Req[];
    expect(oneJ[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'VH-KARAOKE',
      lat: 10.78,
      long: 106.7,
    });
    expect(oneJ[0]).not.toHaveProperty('media_url');
    expect(oneJ[0]).not.toHaveProperty('description');
    expect(typeof oneJ[0]!.lat).toBe('number');
    expect((await get(`${API}/requests/PA-000101-9999.json`)).statusCode).toBe(404);
  });

  it('a bad api_key is 403 in the standard format, JSON and XML', async () => {
    const j = await post('json', { ...valid, api_key: 'sai-khoa' });
    expect(j.statusCode).toBe(403);
    expect(j.headers['content-type']).toBe(JSON_TYPE);
    expect(j.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const x = await post('xml', { ...valid, api_key: '' });
    expect(x.statusCode).toBe(403);
    expect(x.headers['content-type']).toBe(XML_TYPE);
    expect(x.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<errors><error><code>403<\/code><description>api_key[^<]*<\/description><\/error><\/errors>$/,
    );
  });

  it('missing or invalid fields are 400 with one error per problem', async () => {
    const noCode = await post('json', { ...valid, service_code: '' });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json()).toEqual([{ code: 400, description: expect.stringContaining('service_code') }]);
    const unknown = await post('json', { ...valid, service_code: 'KHONG-CO' });
    expect(unknown.statusCode).toBe(404);
    const several = await post('json', { api_key: KEY, service_code: 'KHAC', description: 'x'.repeat(4001), email: 'sai' });
    expect(several.statusCode).toBe(400);
    const descs = (several.json() as { code: number; description: string }[]).map((e) => e.description);
    expect(descs.some((d) => d.startsWith('lat/long, address_string'))).toBe(true);
    expect(descs.some((d) => d.startsWith('description') && d.includes('4.000'))).toBe(true);
    expect(descs.some((d) => d.startsWith('email'))).toBe(true);
    const outside = await post('xml', { ...valid, lat: '48.85', long: '2.35' });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('<code>400</code><description>lat: Vĩ độ nằm ngoài lãnh thổ Việt Nam');
  });

  it('GET requests: the last 90 days by default, filters, explicit ids override', async () => {
    const all = (await get(`${API}/requests.json`)).json() as Req[];
    const demoOld = (await t.platform.services.pool.query(`SELECT code FROM feedback_cases WHERE received_at < now() - interval '90 days'`)).rows.map(
      (r) => r.code,
    );
    expect(demoOld.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all.some((r) => demoOld.includes(r.service_request_id))).toBe(false);
    for (const r of all) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['service_request_id', 'status', 'service_code', 'requested_datetime', 'expected_datetime']));
      expect(r.requested_datetime).toMatch(/\+07:00$/);
    }
    const from = new Date(Date.now() - 200 * 86400_000).toISOString();
    const wide = (await get(`${API}/requests.json?start_date=${encodeURIComponent(from)}`)).json() as Req[];
    expect(wide.some((r) => demoOld.includes(r.service_request_id))).toBe(true);
    const closed = (await get(`${API}/requests.json?status=closed`)).json() as Req[];
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    const open = (await get(`${API}/requests.json?status=open`)).json() as Req[];
    expect(open.every((r) => r.status === 'open')).toBe(true);
    const karaoke = (await get(`${API}/requests.json?service_code=VH-KARAOKE`)).json() as Req[];
    expect(karaoke.length).toBeGreaterThan(0);
    expect(karaoke.every((r) => r.service_code === 'VH-KARAOKE')).toBe(true);
    const ids = [all[0]!.service_request_id, demoOld[0]].join(',');
    const byId = (await get(`${API}/requests.json?service_request_id=${ids}&status=open&service_code=KHAC`)).json() as Req[];
    expect(byId.map((r) => r.service_request_id).sort()).toEqual([all[0]!.service_request_id, demoOld[0]].sort());
    const end = new Date(Date.now() - 100 * 86400_000).toISOString().slice(0, 10);
    const beforeEnd = (await get(`${API}/requests.json?end_date=${end}`)).json() as Req[];
    expect(beforeEnd.map((r) => r.service_request_id)).toEqual(demoOld);
    const bad = await get(`${API}/requests.json?start_date=hom-qua&status=dang-xu-ly`);
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as Req[]).length).toBe(2);
    const xml = await get(`${API}/requests.xml?status=closed`);
    expect(xml.headers['content-type']).toBe(XML_TYPE);
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests>(<request>.*?<\/request>)+<\/service_requests>$/s);
  });

  it('a case whose reporter refused publication shows no description or location', async () => {
    const refused = (await t.platform.services.pool.query(`SELECT code FROM feedback_cases WHERE publish_consent = false LIMIT 1`)).rows[0];
    const r = ((await get(`${API}/requests/${refused.code}.json`)).json() as Req[])[0]!;
    expect(r.status).toBe('closed');
    expect(r).not.toHaveProperty('description');
    expect(r).not.toHaveProperty('address');
    expect(r).not.toHaveProperty('lat');
    const x = await get(`${API}/requests/${refused.code}.xml`);
    expect(x.body).not.toContain('<description>');
  });

  it('tokens are never issued: 404 in the standard format', async () => {
    const j = await get(`${API}/tokens/abc123.json`);
    expect(j.statusCode).toBe(404);
    expect(j.json()).toEqual([{ code: 404, description: expect.stringContaining('token') }]);
    const x = await get(`${API}/tokens/abc123.xml`);
    expect(x.statusCode).toBe(404);
    expect(x.body).toContain('<errors><error><code>404</code>');
  });

  it('discovery in JSON and XML', async () => {
    const j = await get('/open311/discovery.json');
    expect(j.statusCode).toBe(200);
    const d = j.json() as { changeset: string; contact: string; key_service: string; endpoints: Req[] };
    expect(d.changeset).toMatch(/\+07:00$/);
    expect(d.contact).toContain('Sở Văn hóa');
    expect(d.key_service).toBeTruthy();
    expect(d.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: expect.stringMatching(/\/open311\/v2$/),
        changeset: d.changeset,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ]);
    const x = await get('/open311/discovery.xml');
    expect(x.headers['content-type']).toBe(XML_TYPE);
    expect(x.body).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');
    expect(x.body).toContain('<formats><format>application/json</format><format>text/xml</format></formats>');
  });

  it('privacy: no public response ever shows the demo reporter phone or email', async () => {
    const demo = (
      await t.platform.services.pool.query(`SELECT code, reporter_name FROM feedback_cases WHERE reporter_phone = $1 ORDER BY received_at`, [DEMO_PHONE])
    ).rows;
    expect(demo.length).toBeGreaterThanOrEqual(8);
    const from = encodeURIComponent(new Date(Date.now() - 365 * 86400_000).toISOString());
    const urls = [
      `${API}/requests.json`,
      `${API}/requests.xml`,
      `${API}/requests.json?start_date=${from}`,
      `${API}/requests.xml?start_date=${from}`,
      `${API}/services.json`,
      `${API}/services.xml`,
      `${API}/services/KHAC.json`,
      '/open311/discovery.json',
      '/open311/discovery.xml',
      '/phan-anh/gui',
      '/phan-anh/tra-cuu',
      ...demo.flatMap((c) => [`${API}/requests/${c.code}.json`, `${API}/requests/${c.code}.xml`]),
    ];
    const bodies: string[] = [];
    for (const u of urls) bodies.push((await get(u)).body);
    // the tracking page of each demo case, found with the demo reporter's own phone and email
    for (const [i, c] of demo.entries()) {
      const contact = i % 2 ? `phone=${DEMO_PHONE}` : `email=${encodeURIComponent(DEMO_EMAIL)}`;
      const res = await t.app.inject({ url: `/phan-anh/tra-cuu?code=${c.code}&${contact}`, remoteAddress: `10.4.0.${i}` });
      expect(res.statusCode).toBe(200);
      bodies.push(res.body);
    }
    const all = bodies.join('\n');
    // one demo case quotes the phone inside its text ("0912 345 678"): it is either unconfirmed
    // (no description at all) or published in the officer-confirmed, masked form
    for (const secret of [DEMO_PHONE, '0912 345 678', '912345678', DEMO_EMAIL, ...demo.map((c) => c.reporter_name as string)]) {
      expect(all).not.toContain(secret);
    }
  });

  it('issue 9 finding 3: nothing the reporter wrote is public before an officer confirms the redaction', async () => {
    const text = 'chị Hoa ở nhà số 12 ngõ 5 gọi (091) 234-5678 hoặc hoa[at]gmail.com: karaoke ồn đến 2 giờ sáng.';
    const filed = await post('json', { ...valid, description: text, address_string: 'nhà số 12 ngõ 5 phố Huế', lat: '10.776912', long: '106.700934' }, '10.3.9.1');
    expect(filed.statusCode).toBe(201);
    const id = (filed.json() as Req[])[0]!.service_request_id as string;
    const bodies = async () => [
      (await get(`${API}/requests/${id}.json`)).body,
      (await get(`${API}/requests/${id}.xml`)).body,
      (await get(`${API}/requests.json?service_request_id=${id}`)).body,
      (await get(`${API}/requests.xml?service_request_id=${id}`)).body,
      (await get(`/phan-anh/${id}`)).body,
      (await get(`/phan-anh?q=karaoke`)).body,
    ];
    for (const b of await bodies()) {
      for (const secret of ['Hoa', '234-5678', 'hoa[at]', 'ngõ 5', 'phố Huế', 'karaoke ồn', '10.776912', '106.700934']) expect(b).not.toContain(secret);
    }
    const before = ((await get(`${API}/requests/${id}.json`)).json() as Req[])[0]!;
    expect(before).toMatchObject({ service_request_id: id, service_code: 'VH-KARAOKE', status: 'open', lat: 10.78, long: 106.7 });
    expect(before).not.toHaveProperty('description');
    expect(before).not.toHaveProperty('address');

    // The officer's confirmation (what the "publication" action stores) makes the confirmed text public.
    await t.platform.services.pool.query('UPDATE feedback_cases SET public_content = $2, redaction_confirmed_at = now() WHERE code = $1', [
      id,
      'chị [đã ẩn] ở nhà số [đã ẩn] ngõ [đã ẩn]: karaoke ồn đến 2 giờ sáng.',
    ]);
    const after = ((await get(`${API}/requests/${id}.json`)).json() as Req[])[0]!;
    expect(after.description).toBe('chị [đã ẩn] ở nhà số [đã ẩn] ngõ [đã ẩn]: karaoke ồn đến 2 giờ sáng.');
    expect(after.address).toBe('nhà số [đã ẩn] ngõ [đã ẩn] phố Huế');
    expect((await get(`${API}/requests/${id}.xml`)).body).toContain('<description>chị [đã ẩn] ở nhà số [đã ẩn]');
  });
});
