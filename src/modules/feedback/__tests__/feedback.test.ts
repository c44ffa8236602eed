import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { NOT_AN_IMAGE, PNG, anonymousCsrf, mergeCookies, multipart } from './helpers.js';
import { formatVnDateTimeInput, parseVnDateTime } from '../feedback.time.js';

const FORM = '/phan-anh/gui';

describe('feedback intake: web form, hotline, tracking', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  const q = (text: string, params: unknown[] = []) => t.platform.services.pool.query(text, params);
  const count = async () => Number((await q('SELECT count(*)::int AS n FROM feedback_cases')).rows[0].n);

  /** Posts the public form urlencoded (no files), from its own address so the limit of 5/min
   * per address does not leak between tests. */
  async function postForm(ip: string, fields: Record<string, string>) {
    const { csrf, cookie } = await anonymousCsrf(t.app, FORM, ip);
    return t.app.inject({
      method: 'POST',
      url: FORM,
      remoteAddress: ip,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  async function postMultipart(ip: string, fields: Record<string, string>, files: Parameters<typeof multipart>[1]) {
    const { csrf, cookie } = await anonymousCsrf(t.app, FORM, ip);
    const body = multipart(fields, files);
    return t.app.inject({
      method: 'POST',
      url: `${FORM}?_csrf=${encodeURIComponent(csrf)}`,
      remoteAddress: ip,
      headers: { cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
  }

  const good = {
    name: 'Nguyễn Thị Phản Ánh',
    phone: '0987 654 321',
    email: '',
    category: 'VH-KARAOKE',
    content: 'Quán karaoke số 5 hát đến 1 giờ sáng.',
    address: 'Phường Bến Thành',
    lat: '',
    lng: '',
  };

  it('the form page works without JavaScript: multipart, CSRF in the action, honeypot, explicit consent', async () => {
    const res = await t.app.inject({ url: FORM });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toMatch(/action="\/phan-anh\/gui\?_csrf=[^"]+"/);
    expect(res.body).toContain('name="website"');
    expect(res.body).toContain('Để trống ô này');
    expect(res.body).toMatch(/<input type="checkbox" id="f-noPublish" name="noPublish" value="1"\/>/);
    expect(res.body).toContain('Hoạt động karaoke, vũ trường gây ồn');
    expect(res.body).toContain('href="/phan-anh" aria-current="page"');
  });

  it('refuses missing contact and empty content in Vietnamese, keeping the input', async () => {
    const res = await postForm('10.1.0.1', { ...good, phone: '', email: '', content: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Có lỗi cần sửa');
    expect(res.body).toContain('Vui lòng nhập số điện thoại hoặc thư điện tử để nhận kết quả trả lời.');
    expect(res.body).toContain('Vui lòng nhập nội dung phản ánh.');
    expect(res.body).toContain('value="Nguyễn Thị Phản Ánh"');
    expect(res.body).toContain('value="Phường Bến Thành"');
    expect(res.body).toMatch(/<option value="VH-KARAOKE" selected/);
  });

  it('refuses content over 4,000 characters and bad phone/email', async () => {
    const long = 'Nội dung rất dài. '.repeat(250);
    const res = await postForm('10.1.0.2', { ...good, content: long, phone: '12345', email: 'khong-hop-le' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Nội dung phản ánh không được dài quá 4.000 ký tự');
    expect(res.body).toContain('Số điện thoại không đúng định dạng');
    expect(res.body).toContain('Địa chỉ thư điện tử không đúng định dạng');
    expect(res.body).toContain(long.trim().slice(0, 200));
  });

  it('refuses coordinates outside Vietnam', async () => {
    const res = await postForm('10.1.0.3', { ...good, lat: '35,68', lng: '139.76' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Vĩ độ nằm ngoài lãnh thổ Việt Nam: phải từ 8,0 đến 23,5.');
    expect(res.body).toContain('Kinh độ nằm ngoài lãnh thổ Việt Nam: phải từ 102,0 đến 110,0.');
    expect(res.body).toContain('value="35,68"');
    const half = await postForm('10.1.0.3', { ...good, lat: '10.77', lng: '' });
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('Vui lòng nhập đủ cả vĩ độ và kinh độ');
  });

  it('refuses a file that is not JPEG, PNG or PDF (sniffed from the bytes), keeping the text', async () => {
    const before = await count();
    const res = await postMultipart('10.1.0.4', good, [{ name: 'files', filename: 'anh-hien-truong.jpg', type: 'image/jpeg', data: NOT_AN_IMAGE }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Tệp &quot;anh-hien-truong.jpg&quot; không được chấp nhận: chỉ nhận ảnh JPEG, PNG hoặc tệp PDF.');
    expect(res.body).toContain('value="Nguyễn Thị Phản Ánh"');
    expect(res.body).toContain('Quán karaoke số 5 hát đến 1 giờ sáng.');
    const six = await postMultipart(
      '10.1.0.4',
      good,
      Array.from({ length: 6 }, (_, i) => ({ name: 'files', filename: `anh-${i}.png`, type: 'image/png', data: PNG })),
    );
    expect(six.statusCode).toBe(400);
    expect(six.body).toContain('Chỉ được đính kèm tối đa 5 tệp');
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 + 10)]);
    const tooBig = await postMultipart('10.1.0.4', good, [{ name: 'files', filename: 'ảnh lớn.png', type: 'image/png', data: big }]);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.body).toContain('Tệp &quot;ảnh lớn.png&quot; quá lớn: mỗi tệp tối đa 10 MB.');
    expect(tooBig.body).toContain('value="Nguyễn Thị Phản Ánh"');
    expect(await count()).toBe(before);
  });

  it('files a case with a photo: code, confirmation with tracking link and notification, mail queued', async () => {
    const ip = '10.1.0.5';
    const { csrf, cookie } = await anonymousCsrf(t.app, FORM, ip);
    const body = multipart({ ...good, email: 'nguoi.gui@example.vn', lat: '10,7769', lng: '106,7009', noPublish: '1' }, [
      { name: 'files', filename: 'ảnh quán.png', type: 'image/png', data: PNG },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `${FORM}?_csrf=${encodeURIComponent(csrf)}`,
      remoteAddress: ip,
      headers: { cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/phan-anh/gui/da-nhan');
    const page = await t.app.inject({ url: '/phan-anh/gui/da-nhan', remoteAddress: ip, headers: { cookie: mergeCookies(cookie, res.cookies) } });
    expect(page.statusCode).toBe(200);
    const code = /data-code="(PA-\d{6}-\d{4})"/.exec(page.body)?.[1];
    expect(code).toBeDefined();
    expect(page.body).toContain(`/phan-anh/tra-cuu?code=${code}`);
    expect(page.body).toContain(`Sở VHTTDL đã tiếp nhận phản ánh của bạn, mã số ${code}`);
    // personal data is not echoed on the confirmation
    expect(page.body).not.toContain('0987654321');
    expect(page.body).not.toContain('nguoi.gui@example.vn');

    const row = (await q('SELECT * FROM feedback_cases WHERE code = $1', [code])).rows[0];
    expect(row).toMatchObject({
      channel: 'web',
      status: 'new',
      category_code: 'VH-KARAOKE',
      reporter_phone: '0987654321',
      publish_consent: false,
      lat: '10.776900',
    });
    const files = (
      await q('SELECT f.original_name, s.content_type FROM feedback_files f JOIN stored_files s ON s.id = f.stored_file_id WHERE f.case_id = $1', [row.id])
    ).rows;
    expect(files).toEqual([{ original_name: 'ảnh quán.png', content_type: 'image/png' }]);
    const mail = (await q('SELECT subject, text_body FROM mail_outbox WHERE to_address = $1', ['nguoi.gui@example.vn'])).rows;
    expect(mail).toHaveLength(1);
    expect(mail[0].text_body).toContain(code);
    expect(mail[0].text_body).toContain(`/phan-anh/tra-cuu?code=${code}`);
    const audit = (await q(`SELECT summary FROM audit_log WHERE action = 'feedback.receive' AND entity_id = $1`, [row.id])).rows[0];
    expect(JSON.stringify(audit.summary)).not.toContain('0987654321');
    // The due date is 5 working days after the day of receipt.
    const cal = await t.platform.services.calendar.calendar();
    expect(row.due_date).toBe(cal.addWorkingDays(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10), 5));
  });

  it('codes are gapless per day', async () => {
    const codes = (
      await q(`SELECT code FROM feedback_cases WHERE code LIKE $1 ORDER BY code`, [
        `PA-${new Date(Date.now() + 7 * 3600_000).toISOString().slice(2, 10).replace(/-/g, '')}-%`,
      ])
    ).rows.map((r) => Number(r.code.slice(-4)));
    expect(codes).toEqual(codes.map((_, i) => i + 1));
  });

  it('honeypot: a filled "website" field pretends success and stores nothing', async () => {
    const before = await count();
    const ip = '10.1.0.6';
    const res = await postForm(ip, { ...good, website: 'http://spam.example' });
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({
      url: '/phan-anh/gui/da-nhan',
      remoteAddress: ip,
      headers: { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/data-code="PA-\d{6}-\d{4}"/);
    expect(await count()).toBe(before);
  });

  it('the hotline operator records a call and reads the code back; a citizen gets 403', async () => {
    const cookie = await loginCookies(t.app, 'tiepnhan@vanhien.test');
    const url = '/quan-tri/phan-anh/tong-dai';
    const page = await t.app.inject({ url, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/name="callTime" type="text" value="\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}"/);
    const { csrf, cookie: c2 } = await csrfFor(t.app, url, cookie);
    const post = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
    const bad = await post({
      name: 'Ông Gọi Điện',
      phone: '',
      callTime: '31/02/2026 10:00',
      category: 'DL-DICHVU',
      content: 'Giá vé cáp treo thu sai.',
      address: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vui lòng nhập số điện thoại người gọi.');
    expect(bad.body).toContain('Thời điểm gọi không hợp lệ');
    expect(bad.body).toContain('value="Ông Gọi Điện"');

    const callTime = formatVnDateTimeInput(new Date(Date.now() - 2 * 3600_000));
    const ok = await post({
      name: 'Ông Gọi Điện',
      phone: '0903 111 222',
      callTime,
      category: 'DL-DICHVU',
      content: 'Giá vé cáp treo thu sai so với niêm yết.',
      address: 'Ga cáp treo',
    });
    expect(ok.statusCode).toBe(303);
    const code = /ma=(PA-\d{6}-\d{4})/.exec(String(ok.headers.location))?.[1];
    expect(code).toBeDefined();
    const shown = await t.app.inject({ url: String(ok.headers.location), headers: { cookie: mergeCookies(c2, ok.cookies) } });
    expect(shown.body).toContain(`data-code="${code}"`);
    expect(shown.body).toContain('Đọc lại cho người gọi');
    const row = (await q('SELECT * FROM feedback_cases WHERE code = $1', [code])).rows[0];
    expect(row).toMatchObject({ channel: 'hotline', reporter_name: 'Ông Gọi Điện', reporter_phone: '0903111222' });
    expect(row.received_at.getTime()).toBe(parseVnDateTime(callTime)!.getTime());
    const ev = (await q('SELECT kind, note FROM feedback_events WHERE case_id = $1', [row.id])).rows[0];
    expect(ev.kind).toBe('received');
    expect(ev.note).toContain('Trần Thị Tiếp Nhận');

    // The staff list, newest first, filtered by channel.
    const officer = await loginCookies(t.app, 'chuyenvien@vanhien.test');
    const list = await t.app.inject({ url: '/quan-tri/phan-anh?channel=hotline', headers: { cookie: officer } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(code);
    expect(list.body).not.toMatch(/<td>Cổng thông tin<\/td>/);
    const leader = await loginCookies(t.app, 'lanhdao@vanhien.test');
    expect((await t.app.inject({ url: '/quan-tri/phan-anh?status=new&category=VH-KARAOKE', headers: { cookie: leader } })).statusCode).toBe(200);
    // An officer may view but not record calls.
    expect((await t.app.inject({ url, headers: { cookie: officer } })).statusCode).toBe(403);

    const citizen = await loginCookies(t.app, 'congdan@vanhien.test');
    const denied = await t.app.inject({ url, headers: { cookie: citizen } });
    expect(denied.statusCode).toBe(403);
    expect(denied.body).toContain('Bạn không có quyền');
    expect((await t.app.inject({ url: '/quan-tri/phan-anh', headers: { cookie: citizen } })).statusCode).toBe(403);
  });

  it('tracking: the right code and contact show the history; a wrong pair answers exactly like an unknown code', async () => {
    const demo = (await q(`SELECT code FROM feedback_cases WHERE reporter_phone = '0912345678' AND status = 'classified' LIMIT 1`)).rows[0];
    const ip = '10.1.0.8';
    const ok = await t.app.inject({ url: `/phan-anh/tra-cuu?code=${demo.code}&phone=${encodeURIComponent('0912 345 678')}`, remoteAddress: ip });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Đã phân loại');
    expect(ok.body).toContain('Tiếp nhận phản ánh');
    expect(ok.body).toContain('Chất lượng dịch vụ du lịch');
    expect(ok.body).not.toContain('Trần Thị Minh Họa');
    expect(ok.body).not.toContain('0912345678');
    const byEmail = await t.app.inject({ url: `/phan-anh/tra-cuu?code=${demo.code}&email=PHAN.ANH.DEMO@vanhien.test`, remoteAddress: ip });
    expect(byEmail.statusCode).toBe(200);

    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]*"/g, '').replace(/PA-\d{6}-\d{4}|PA-999999-9999/g, 'CODE');
    const wrong = await t.app.inject({ url: `/phan-anh/tra-cuu?code=${demo.code}&phone=0900000000`, remoteAddress: ip });
    const unknown = await t.app.inject({ url: `/phan-anh/tra-cuu?code=PA-999999-9999&phone=0900000000`, remoteAddress: ip });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.body).toContain('Không tìm thấy phản ánh với mã số và thông tin liên hệ đã nhập.');
    expect(strip(wrong.body)).toBe(strip(unknown.body));

    // The page's own form posts, so contact data stays out of URLs.
    const { csrf, cookie } = await anonymousCsrf(t.app, '/phan-anh/tra-cuu', ip);
    const posted = await t.app.inject({
      method: 'POST',
      url: '/phan-anh/tra-cuu',
      remoteAddress: ip,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, code: demo.code.toLowerCase(), contact: '+84912345678' }).toString(),
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.body).toContain('Đã phân loại');
  });

  it('tracking is rate-limited (20 a minute per address)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 22; i++)
      codes.push((await t.app.inject({ url: '/phan-anh/tra-cuu?code=PA-000000-0000&phone=0900000000', remoteAddress: '10.1.0.9' })).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 404)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
  });

  it('a flood from one address is refused with 429 after the limit while another address gets through', async () => {
    const flood = '10.66.0.1';
    const { csrf, cookie } = await anonymousCsrf(t.app, FORM, flood);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: FORM,
        remoteAddress: flood,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, ...good, content: '' }).toString(),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const other = await postForm('10.66.0.2', { ...good, content: '' });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('Vui lòng nhập nội dung phản ánh.');
  });
});
