import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { vnIsoDate } from '../../../core/validation.js';
import { anonymousCsrf, mergeCookies } from './helpers.js';
import { submitWebFeedback, workingCalendar } from '../feedback.commands.js';
import { runReminders } from '../feedback.handling.js';
import { DEMO_REPORTER } from '../feedback.demo.js';
import { redactionPreview } from '../feedback.privacy.js';
import { feedbackClock } from '../feedback.time.js';

const HTML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescapeHtml = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (m) => HTML_ENTITIES[m]!);
const textarea = (html: string, name: string) => unescapeHtml(new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1] ?? '');

describe('feedback handling: classification, duplicates, answers, publication, reporter side', () => {
  let t: TestPlatform;
  let operator: string;
  let officer: string;
  let leader: string;
  let citizen: string;
  const realNow = feedbackClock.now;

  beforeAll(async () => {
    t = await startTestPlatform();
    [operator, officer, leader, citizen] = await Promise.all(
      ['tiepnhan@vanhien.test', 'chuyenvien@vanhien.test', 'lanhdao@vanhien.test', 'congdan@vanhien.test'].map((e) => loginCookies(t.app, e)),
    );
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    feedbackClock.now = realNow;
  });

  const q = (text: string, params: unknown[] = []) => t.platform.services.pool.query(text, params);
  const caseRow = async (code: string) => (await q('SELECT * FROM feedback_cases WHERE code = $1', [code])).rows[0];
  const byId = async (id: string) => (await q('SELECT * FROM feedback_cases WHERE id = $1', [id])).rows[0];

  /** Posts a staff form from the case page (CSRF from that page), the way a browser does. */
  async function post(cookie: string, id: string, path: string, fields: Record<string, string>) {
    const page = `/quan-tri/phan-anh/${id}`;
    const { csrf, cookie: c2 } = await csrfFor(t.app, page, cookie);
    return t.app.inject({
      method: 'POST',
      url: `${page}/${path}`,
      headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }
  const version = async (id: string) => String((await byId(id)).version);

  /** The operator records a hotline call through the real screen; returns the case. */
  async function hotline(fields: { name?: string; phone?: string; category?: string; content: string }) {
    const url = '/quan-tri/phan-anh/tong-dai';
    const { csrf, cookie } = await csrfFor(t.app, url, operator);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        name: fields.name ?? 'Ông Gọi Điện',
        phone: fields.phone ?? '0903 111 222',
        callTime: '',
        category: fields.category ?? 'VH-KARAOKE',
        content: fields.content,
        address: '',
      }).toString(),
    });
    expect(res.statusCode).toBe(303);
    const code = /ma=(PA-\d{6}-\d{4})/.exec(String(res.headers.location))![1]!;
    return caseRow(code);
  }

  async function webCase(fields: { content: string; email?: string; phone?: string; noPublish?: boolean; category?: string; name?: string }) {
    const filed = await submitWebFeedback(
      { services: t.platform.services, actor: { userId: null, label: 'Khách', kind: 'anonymous', grants: [] } },
      {
        name: fields.name ?? 'Trần Văn Web',
        phone: fields.phone ?? '',
        email: fields.email ?? '',
        category: fields.category ?? 'VH-KARAOKE',
        content: fields.content,
        address: '',
        lat: '',
        lng: '',
        noPublish: fields.noPublish ?? false,
      },
      [],
    );
    return caseRow(filed.case.code);
  }

  const officerId = async () => (await q(`SELECT id FROM users WHERE email = 'chuyenvien@vanhien.test'`)).rows[0].id as string;

  /** classify → assign → draft → confirm the preview → approve, all through the pages. */
  async function answer(id: string, text: string, opts: { personal?: boolean } = {}) {
    expect((await post(operator, id, 'phan-loai', { version: await version(id), decision: 'within' })).statusCode).toBe(303);
    expect((await post(officer, id, 'giao', { version: await version(id), userId: await officerId() })).statusCode).toBe(303);
    const draft = await post(officer, id, 'du-thao', { version: await version(id), answer: text, ...(opts.personal ? { hasPersonalData: '1' } : {}) });
    expect(draft.statusCode).toBe(303);
    if (!opts.personal && (await byId(id)).publish_consent) {
      const page = await t.app.inject({ url: `/quan-tri/phan-anh/${id}`, headers: { cookie: officer } });
      const res = await post(officer, id, 'xac-nhan-che', {
        version: await version(id),
        publicContent: textarea(page.body, 'publicContent'),
        publicAnswer: textarea(page.body, 'publicAnswer'),
      });
      expect(res.statusCode).toBe(303);
    }
    const ok = await post(leader, id, 'phe-duyet', { version: await version(id) });
    expect(ok.statusCode).toBe(303);
    return byId(id);
  }

  /** The reporter looks the case up (code + contact) and keeps the signed tracking cookie. */
  async function track(ip: string, code: string, contact: string) {
    const { csrf, cookie } = await anonymousCsrf(t.app, '/phan-anh/tra-cuu', ip);
    const res = await t.app.inject({
      method: 'POST',
      url: '/phan-anh/tra-cuu',
      remoteAddress: ip,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, code, contact }).toString(),
    });
    expect(res.statusCode).toBe(200);
    const jar = mergeCookies(cookie, res.cookies);
    const csrf2 = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? csrf;
    return {
      page: res,
      act: (path: string, fields: Record<string, string>) =>
        t.app.inject({
          method: 'POST',
          url: `/phan-anh/tra-cuu/${path}`,
          remoteAddress: ip,
          headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: csrf2, code, ...fields }).toString(),
        }),
    };
  }

  it('redaction preview hides names, phones, emails, 9/12-digit IDs and house numbers, keeps dates', () => {
    const r = redactionPreview(
      'Kính gửi bà Võ Thị Công Dân (0912 345 678, congdan@vanhien.test, CCCD 079123456789, CMND 123456789). Cơ sở tại số 12 đường Lê Lợi và hẻm 12/3 Nguyễn Trãi được kiểm tra ngày 12/3/2026.',
      [{ name: 'Võ Thị Công Dân', phone: '0912345678' }],
    );
    expect(r.text).not.toMatch(/Công Dân|0912|congdan@|079123456789|123456789|số 12 |12\/3 Nguyễn/);
    expect(r.text).toContain('ngày 12/3/2026');
    expect(r.text).toContain('đường Lê Lợi');
    expect(new Set(r.hits.map((h) => h.kind))).toEqual(new Set(['name', 'phone', 'email', 'id_number', 'house_number']));
  });

  it('classifies each way (Decree 20 Art. 9): reject with reason, complaint out, within → unit, outside → forward within 5 working days', async () => {
    const a = await hotline({ content: 'Nội dung không rõ ràng, không xác định được sự việc.' });
    const page = await t.app.inject({ url: `/quan-tri/phan-anh/${a.id}`, headers: { cookie: operator } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Phân loại (Nghị định 20/2008/NĐ-CP, Điều 9)');
    const noReason = await post(operator, a.id, 'phan-loai', { version: String(a.version), decision: 'rejected', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Vui lòng nêu lý do không tiếp nhận xử lý.');
    // Rejecting ends the case: the first POST shows a confirmation page and changes nothing.
    const ask = await post(operator, a.id, 'phan-loai', { version: String(a.version), decision: 'rejected', reason: 'Nội dung không rõ ràng.' });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Xác nhận không tiếp nhận xử lý');
    expect(await byId(a.id)).toMatchObject({ status: 'new' });
    expect(
      (await post(operator, a.id, 'phan-loai', { version: String(a.version), decision: 'rejected', reason: 'Nội dung không rõ ràng.', confirm: '1' })).statusCode,
    ).toBe(303);
    expect(await byId(a.id)).toMatchObject({ status: 'rejected', classification: 'rejected', reject_reason: 'Nội dung không rõ ràng.' });
    // The staff list's tabs: a sub-navigation with the current tab marked and a count in each.
    const closed = await t.app.inject({ url: '/quan-tri/phan-anh?tab=da-xong', headers: { cookie: operator } });
    expect(closed.body).toMatch(/<nav class="vh-tabs" aria-label="Hàng đợi phản ánh">/);
    expect(closed.body).toMatch(/aria-current="page"[^>]*>Đã kết thúc <span class="vh-tabs__count">\(\d+\)<\/span>/);
    expect(closed.body).toContain(`/quan-tri/phan-anh/${a.id}`);
    expect((await t.app.inject({ url: '/quan-tri/phan-anh?tab=moi', headers: { cookie: operator } })).body).not.toContain(`/quan-tri/phan-anh/${a.id}"`);

    const b = await hotline({ content: 'Tôi khiếu nại quyết định xử phạt của cán bộ thanh tra.' });
    expect((await post(operator, b.id, 'phan-loai', { version: String(b.version), decision: 'complaint', forwardTo: 'Thanh tra Sở' })).statusCode).toBe(303);
    expect(await byId(b.id)).toMatchObject({ status: 'forwarded', classification: 'complaint', forward_to: 'Thanh tra Sở' });

    const c = await hotline({ content: 'Quán karaoke ở phường Phú Cường mở nhạc quá 12 giờ đêm.' });
    expect((await post(operator, c.id, 'phan-loai', { version: String(c.version), decision: 'within' })).statusCode).toBe(303);
    const cal = await workingCalendar(t.platform.services);
    const rc = await byId(c.id);
    expect(rc).toMatchObject({ status: 'classified', classification: 'within', unit_code: 'QLVH', due_date: cal.addWorkingDays(vnIsoDate(rc.received_at), 5) });

    const d = await hotline({ content: 'Đường giao thông trước nhà văn hóa bị hư hỏng nặng.', category: 'KHAC' });
    expect((await post(operator, d.id, 'phan-loai', { version: String(d.version), decision: 'outside', forwardTo: '' })).statusCode).toBe(400);
    expect((await post(operator, d.id, 'phan-loai', { version: String(d.version), decision: 'outside', forwardTo: 'Sở Xây dựng' })).statusCode).toBe(303);
    const rd = await byId(d.id);
    expect(rd).toMatchObject({
      status: 'classified',
      classification: 'outside',
      forward_to: 'Sở Xây dựng',
      forward_due_date: cal.addWorkingDays(vnIsoDate(rd.received_at), 5),
    });
    expect((await post(operator, d.id, 'da-chuyen', { version: String(rd.version) })).statusCode).toBe(303);
    expect((await byId(d.id)).status).toBe('forwarded');

    for (const x of [a, b, c, d]) {
      const kinds = (await q('SELECT kind FROM feedback_events WHERE case_id = $1 ORDER BY at', [x.id])).rows.map((r) => r.kind);
      expect(kinds.length).toBeGreaterThanOrEqual(2);
      const audits = (await q(`SELECT action FROM audit_log WHERE entity_id = $1 AND action IN ('feedback.classify','feedback.forward')`, [x.id])).rows;
      expect(audits.length).toBeGreaterThanOrEqual(1);
    }
    // Classified once only.
    const again = await post(operator, a.id, 'phan-loai', { version: await version(a.id), decision: 'within' });
    expect(again.statusCode).toBe(409);
  });

  it('suggests similar open cases (same category, trigram ≥ 0.3 without diacritics, within 50 m) and merges', async () => {
    const a = await hotline({ content: 'Quán karaoke Hoa Hồng trên đường Lê Lợi hát ồn ào đến 2 giờ sáng mỗi đêm.' });
    const b = await hotline({ content: 'quan karaoke hoa hong duong le loi hat on ao den 2 gio sang' });
    const other = await hotline({ content: 'Quán karaoke Hoa Hồng trên đường Lê Lợi hát ồn ào đến 2 giờ sáng mỗi đêm.', category: 'LE-HOI' });
    const far = await hotline({ content: 'Quán karaoke Hoa Hồng đường Lê Lợi hát ồn ào đến 2 giờ sáng.' });
    const unrelated = await hotline({ content: 'Bảng giá phòng hát không niêm yết công khai.' });
    // a and b 30 m apart; far 1 km away.
    await q('UPDATE feedback_cases SET lat = 10.980000, lng = 106.650000 WHERE id = $1', [a.id]);
    await q('UPDATE feedback_cases SET lat = 10.980270, lng = 106.650000 WHERE id = $1', [b.id]);
    await q('UPDATE feedback_cases SET lat = 10.989000, lng = 106.650000 WHERE id = $1', [far.id]);
    const page = await t.app.inject({ url: `/quan-tri/phan-anh/${b.id}`, headers: { cookie: operator } });
    expect(page.statusCode).toBe(200);
    const section = page.body.slice(page.body.indexOf('id="trung-lap"'));
    expect(section).toContain(a.code);
    expect(section).toMatch(/\d+ m</);
    expect(section).not.toContain(other.code);
    expect(section).not.toContain(far.code);
    expect(section).not.toContain(unrelated.code);

    const merged = await post(operator, b.id, 'gop', { version: await version(b.id), targetCode: a.code });
    expect(merged.statusCode).toBe(303);
    expect(await byId(b.id)).toMatchObject({ status: 'merged', merged_into_id: a.id });
    expect((await q(`SELECT 1 FROM feedback_events WHERE case_id = $1 AND kind = 'merged'`, [b.id])).rowCount).toBe(1);
    // A merged case is no longer suggested.
    const pa = await t.app.inject({ url: `/quan-tri/phan-anh/${a.id}`, headers: { cookie: operator } });
    expect(pa.body.slice(pa.body.indexOf('id="trung-lap"'))).not.toContain(`>${b.code}</a>`);
    expect(pa.body).toContain('Các phản ánh đã gộp vào đây');
  });

  it('full path through the pages: operator → classify → specialist drafts → leader approves → redacted answer published', async () => {
    const content = `Tôi là Võ Thị Công Dân, nhà số 12 đường Trần Hưng Đạo. Quán karaoke Ánh Dương bên cạnh hát ồn đến khuya. Gọi lại cho tôi số ${DEMO_REPORTER.phone} hoặc ${DEMO_REPORTER.email}.`;
    const main = await hotline({ name: 'Võ Thị Công Dân', phone: DEMO_REPORTER.phone, content });
    // A second reporter of the same problem writes in by web with an email: merged, gets the answer too.
    const dup = await webCase({ content: 'Karaoke Ánh Dương bên cạnh nhà tôi hát ồn đến khuya.', email: 'nguoi.thu.hai@vanhien.test', name: 'Lý Văn Hai' });
    expect((await post(operator, dup.id, 'gop', { version: String(dup.version), targetCode: main.code })).statusCode).toBe(303);

    expect((await post(operator, main.id, 'phan-loai', { version: String(main.version), decision: 'within' })).statusCode).toBe(303);
    // The specialist of QLVH sees the handling section with the unit's officers.
    const spec = await t.app.inject({ url: `/quan-tri/phan-anh/${main.id}`, headers: { cookie: officer } });
    expect(spec.body).toContain('Lê Văn Chuyên');
    expect((await post(officer, main.id, 'giao', { version: await version(main.id), userId: await officerId() })).statusCode).toBe(303);
    expect((await post(officer, main.id, 'ghi-chu', { note: 'Đã gọi điện cho chủ cơ sở, hẹn kiểm tra.' })).statusCode).toBe(303);
    const answerText = `Kính gửi bà Võ Thị Công Dân (${DEMO_REPORTER.phone}),\nNgày 20/11/2026 đoàn kiểm tra đã làm việc với cơ sở karaoke Ánh Dương cạnh nhà số 12 đường Trần Hưng Đạo, lập biên bản và yêu cầu chấm dứt hoạt động sau 22 giờ.`;
    expect((await post(officer, main.id, 'du-thao', { version: await version(main.id), answer: answerText })).statusCode).toBe(303);

    // The leader cannot approve before the officer confirmed the redaction.
    const early = await post(leader, main.id, 'phe-duyet', { version: await version(main.id) });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('chưa xác nhận bản che');
    // A specialist cannot approve.
    expect((await post(officer, main.id, 'phe-duyet', { version: await version(main.id) })).statusCode).toBe(403);

    const page = await t.app.inject({ url: `/quan-tri/phan-anh/${main.id}`, headers: { cookie: officer } });
    expect(page.body).toContain('Xem trước bản công khai');
    const pubContent = textarea(page.body, 'publicContent');
    const pubAnswer = textarea(page.body, 'publicAnswer');
    expect(pubContent).toContain('[đã ẩn]');
    expect(pubAnswer).toContain('Ngày 20/11/2026');
    for (const s of [pubContent, pubAnswer]) expect(s).not.toMatch(/0912|@|Công Dân|số 12 /);
    // Typing a phone back in is refused.
    const leak = await post(officer, main.id, 'xac-nhan-che', {
      version: await version(main.id),
      publicContent: `${pubContent} 0912 345 678`,
      publicAnswer: pubAnswer,
    });
    expect(leak.statusCode).toBe(400);
    expect(
      (await post(officer, main.id, 'xac-nhan-che', { version: await version(main.id), publicContent: pubContent, publicAnswer: pubAnswer })).statusCode,
    ).toBe(303);
    expect((await post(leader, main.id, 'phe-duyet', { version: await version(main.id) })).statusCode).toBe(303);

    const done = await byId(main.id);
    expect(done).toMatchObject({ status: 'answered', published: true, public_content: pubContent, public_answer: pubAnswer });
    const mails = (await q(`SELECT to_address, text_body FROM mail_outbox WHERE subject LIKE 'Trả lời phản ánh%'`)).rows;
    expect(mails.some((m) => m.to_address === 'nguoi.thu.hai@vanhien.test' && m.text_body.includes('đoàn kiểm tra'))).toBe(true);
    expect((await q(`SELECT 1 FROM feedback_events WHERE case_id = $1 AND kind = 'answered'`, [dup.id])).rowCount).toBe(1);

    const pub = await t.app.inject({ url: `/phan-anh/${main.code}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('[đã ẩn]');
    expect(pub.body).toContain('đoàn kiểm tra đã làm việc');
    const list = await t.app.inject({ url: `/phan-anh?q=${encodeURIComponent('karaoke anh duong')}` });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(main.code);
    expect((await t.app.inject({ url: '/phan-anh?category=DL-DICHVU' })).body).not.toContain(main.code);
    expect((await t.app.inject({ url: '/phan-anh?status=answered&tu=01/01/2020' })).body).toContain(main.code);
    for (const body of [pub.body, list.body]) {
      expect(body).not.toContain(DEMO_REPORTER.phone);
      expect(body).not.toContain('0912 345 678');
      expect(body).not.toContain(DEMO_REPORTER.email);
      expect(body).not.toContain('Võ Thị Công Dân');
      expect(body).not.toContain('Đã gọi điện cho chủ cơ sở');
    }
    // Open311 publishes the same confirmed text and the answer as the status note.
    const api = await t.app.inject({ url: `/open311/v2/requests/${main.code}.json` });
    expect(api.statusCode).toBe(200);
    expect(api.json()[0]).toMatchObject({ description: pubContent, status_notes: pubAnswer, status: 'closed' });
    for (const secret of [DEMO_REPORTER.phone, DEMO_REPORTER.email, 'Võ Thị Công Dân']) expect(api.body).not.toContain(secret);
    // The internal note never reaches the reporter's tracking page either.
    const tr = await track('10.9.0.1', main.code, DEMO_REPORTER.phone);
    expect(tr.page.body).toContain('đoàn kiểm tra đã làm việc');
    expect(tr.page.body).not.toContain('Đã gọi điện cho chủ cơ sở');
  });

  it('the public list shows the demo answers redacted; no public page carries the demo contact data', async () => {
    const list = await t.app.inject({ url: '/phan-anh' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Nhiều băng rôn quảng cáo');
    // The demo pool case's reporter refused publication.
    expect(list.body).not.toContain('Bể bơi công cộng');
    const codes = [...list.body.matchAll(/href="\/phan-anh\/(PA-\d{6}-\d{4})"/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(0);
    for (const url of ['/phan-anh', '/phan-anh?q=bang ron', ...codes.map((c) => `/phan-anh/${c}`)]) {
      const res = await t.app.inject({ url: encodeURI(url) });
      expect(res.statusCode).toBe(200);
      for (const secret of [DEMO_REPORTER.phone, '0912 345 678', DEMO_REPORTER.email]) expect(res.body).not.toContain(secret);
    }
    expect((await t.app.inject({ url: '/phan-anh/PA-000000-0000' })).statusCode).toBe(404);
  });

  it('cases whose reporter refused publication, or marked as personal, are answered but never listed', async () => {
    const refused = await webCase({ content: 'Quán karaoke Sao Mai ồn ào, tôi không muốn công khai.', email: 'kin@vanhien.test', noPublish: true });
    await answer(refused.id, 'Đoàn kiểm tra đã xử lý cơ sở karaoke Sao Mai.');
    const personal = await webCase({ content: 'Quán karaoke Bình Minh ồn ào.', email: 'rieng@vanhien.test' });
    await answer(personal.id, 'Trả lời riêng cho ông về hồ sơ của gia đình.', { personal: true });
    for (const c of [refused, personal]) {
      const row = await byId(c.id);
      expect(row).toMatchObject({ status: 'answered', published: false });
      expect((await t.app.inject({ url: `/phan-anh/${c.code}` })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/phan-anh?q=karaoke' })).body).not.toContain(c.code);
    }
  });

  it('the reporter rates once and re-opens within 7 days; after 7 days re-opening is refused', async () => {
    const a = await webCase({ content: 'Karaoke Phương Nam hát ồn sau 23 giờ.', email: 'danhgia@vanhien.test' });
    await answer(a.id, 'Đã kiểm tra và nhắc nhở cơ sở karaoke Phương Nam.');
    const tr = await track('10.9.0.2', a.code, 'danhgia@vanhien.test');
    expect(tr.page.body).toContain('Bạn có hài lòng với kết quả xử lý?');
    expect(tr.page.body).toContain('Rất hài lòng');
    const rated = await tr.act('danh-gia', { level: 'unsatisfied' });
    expect(rated.statusCode).toBe(200);
    expect(rated.body).toContain('Cảm ơn bạn đã đánh giá.');
    expect((await byId(a.id)).satisfaction).toBe('unsatisfied');
    const twice = await tr.act('danh-gia', { level: 'satisfied' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('chỉ đánh giá một lần');
    expect((await byId(a.id)).satisfaction).toBe('unsatisfied');

    // Without the tracking lookup (no signed cookie) nothing happens.
    const { csrf, cookie } = await anonymousCsrf(t.app, '/phan-anh/tra-cuu', '10.9.0.3');
    const blind = await t.app.inject({
      method: 'POST',
      url: '/phan-anh/tra-cuu/mo-lai',
      remoteAddress: '10.9.0.3',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, code: a.code, reason: 'x' }).toString(),
    });
    expect(blind.statusCode).toBe(404);

    // Re-open 3 days later: back to the unit, counted.
    const answeredAt = (await byId(a.id)).answered_at as Date;
    feedbackClock.now = () => new Date(answeredAt.getTime() + 3 * 86400_000);
    const reopened = await tr.act('mo-lai', { reason: 'Quán vẫn hát ồn sau khi được nhắc nhở.' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.body).toContain('Đã chuyển đề nghị xử lý lại');
    expect(await byId(a.id)).toMatchObject({ status: 'in_progress', reopen_count: 1, published: false });
    expect((await q(`SELECT note FROM feedback_events WHERE case_id = $1 AND kind = 'reopened'`, [a.id])).rows[0].note).toContain('vẫn hát ồn');
    feedbackClock.now = realNow;

    // Another case, 8 days after its answer: refused.
    const b = await webCase({ content: 'Karaoke Hoàng Gia hát ồn.', email: 'muon@vanhien.test' });
    await answer(b.id, 'Đã kiểm tra cơ sở karaoke Hoàng Gia.');
    const trb = await track('10.9.0.4', b.code, 'muon@vanhien.test');
    const bAnswered = (await byId(b.id)).answered_at as Date;
    feedbackClock.now = () => new Date(bAnswered.getTime() + 8 * 86400_000);
    const late = await trb.act('mo-lai', { reason: 'Chưa được giải quyết.' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Đã quá 7 ngày');
    expect(await byId(b.id)).toMatchObject({ status: 'answered', reopen_count: 0 });
  });

  it('asking the reporter for information pauses the clock; the reply resumes it and moves the due date', async () => {
    const a = await webCase({ content: 'Cơ sở karaoke không rõ tên ở khu phố 3 hát ồn.', email: 'bosung@vanhien.test' });
    await post(operator, a.id, 'phan-loai', { version: String(a.version), decision: 'within' });
    await post(officer, a.id, 'giao', { version: await version(a.id), userId: await officerId() });
    const asked = await post(officer, a.id, 'yeu-cau-bo-sung', { version: await version(a.id), question: 'Đề nghị cho biết tên và địa chỉ cơ sở.' });
    expect(asked.statusCode).toBe(303);
    const before = await byId(a.id);
    expect(before.status).toBe('waiting');
    expect((await q('SELECT * FROM feedback_pauses WHERE case_id = $1 AND ended_at IS NULL', [a.id])).rowCount).toBe(1);
    const cal = await workingCalendar(t.platform.services);
    const start = new Date();
    feedbackClock.now = () => new Date(start.getTime() + 7 * 86400_000);
    const tr = await track('10.9.0.5', a.code, 'bosung@vanhien.test');
    expect(tr.page.body).toContain('Đề nghị cho biết tên và địa chỉ cơ sở.');
    const res = await tr.act('bo-sung', { info: 'Cơ sở tên Hạnh Phúc, cạnh chợ.' });
    expect(res.statusCode).toBe(200);
    const after = await byId(a.id);
    const pause = (await q('SELECT * FROM feedback_pauses WHERE case_id = $1', [a.id])).rows[0];
    const added = cal.workingDaysBetween(vnIsoDate(start), vnIsoDate(new Date(start.getTime() + 7 * 86400_000)));
    expect(pause.added_days).toBe(added);
    expect(after).toMatchObject({ status: 'in_progress', due_date: cal.addWorkingDays(before.due_date, added) });
  });

  it('a stale version is refused with 409, and permissions hold (citizen 403, another unit 403)', async () => {
    const a = await hotline({ content: 'Quán karaoke Thiên Đường hát ồn sau nửa đêm.' });
    await post(operator, a.id, 'phan-loai', { version: String(a.version), decision: 'within' });
    const stale = await version(a.id);
    expect((await post(officer, a.id, 'giao', { version: stale, userId: await officerId() })).statusCode).toBe(303);
    const conflict = await post(officer, a.id, 'giao', { version: stale, userId: await officerId() });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('Dữ liệu đã được người khác thay đổi');

    expect((await t.app.inject({ url: `/quan-tri/phan-anh/${a.id}`, headers: { cookie: citizen } })).statusCode).toBe(403);
    expect((await post(citizen, a.id, 'phan-loai', { version: '1', decision: 'within' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/quan-tri/phan-anh/${a.id}` })).statusCode).toBe(302);
    const b = await hotline({ content: 'Giá phòng khách sạn tăng gấp đôi dịp lễ.', category: 'DL-DICHVU' });
    expect((await post(officer, b.id, 'phan-loai', { version: String(b.version), decision: 'within' })).statusCode).toBe(403);
    await post(operator, b.id, 'phan-loai', { version: String(b.version), decision: 'within' });
    // chuyenvien@ belongs to QLVH; a tourism case (QLDL) is not his to draft.
    const draft = await post(officer, b.id, 'du-thao', { version: await version(b.id), answer: 'Trả lời.' });
    expect(draft.statusCode).toBe(403);
  });

  it('reminders: one working day before the due date and when overdue, once each, to the unit head', async () => {
    const a = await hotline({ content: 'Karaoke Hải Âu hát ồn sau 22 giờ.' });
    await post(operator, a.id, 'phan-loai', { version: String(a.version), decision: 'within' });
    const cal = await workingCalendar(t.platform.services);
    const now = new Date();
    const today = vnIsoDate(now);
    await q('UPDATE feedback_cases SET due_date = $2 WHERE id = $1', [a.id, cal.addWorkingDays(today, 1)]);
    const b = await hotline({ content: 'Karaoke Mây Trắng hát ồn sau 22 giờ.' });
    await post(operator, b.id, 'phan-loai', { version: String(b.version), decision: 'within' });
    await q('UPDATE feedback_cases SET due_date = $2 WHERE id = $1', [b.id, cal.addWorkingDays(today, -2)]);

    const sent = await runReminders(t.platform.services, now);
    expect(sent).toBeGreaterThanOrEqual(2);
    const kinds = (await q('SELECT case_id, kind FROM feedback_reminders WHERE case_id = ANY($1)', [[a.id, b.id]])).rows;
    expect(kinds).toEqual(
      expect.arrayContaining([expect.objectContaining({ case_id: a.id, kind: 'near' }), expect.objectContaining({ case_id: b.id, kind: 'overdue' })]),
    );
    expect((await q(`SELECT 1 FROM feedback_events WHERE case_id = $1 AND kind = 'reminder'`, [a.id])).rowCount).toBe(1);
    // The unit's head is told first (the department's leaders only when the unit has none).
    expect(
      (await q(`SELECT 1 FROM mail_outbox WHERE to_address = 'truongphong.qlvh@vanhien.test' AND subject = $1`, [`[Quá hạn] Phản ánh ${b.code}`])).rowCount,
    ).toBe(1);
    // The next hour sends nothing new for these two.
    await runReminders(t.platform.services, new Date(now.getTime() + 3600_000));
    expect((await q('SELECT 1 FROM feedback_reminders WHERE case_id = ANY($1)', [[a.id, b.id]])).rowCount).toBe(2);
  });
});
