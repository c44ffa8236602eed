import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';

describe('feedback JSON API for staff and operators (issue 4 part 8)', () => {
  let t: TestPlatform;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestPlatform();
    for (const [who, email] of Object.entries({
      operator: 'tiepnhan@vanhien.test',
      officer: 'chuyenvien@vanhien.test',
      leader: 'lanhdao@vanhien.test',
      citizen: 'congdan@vanhien.test',
    })) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email, password: 'Demo@2026' } });
      expect(res.statusCode).toBe(200);
      tokens[who] = res.json().token;
    }
  });
  afterAll(async () => t?.close());

  const api = (who: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const q = (text: string, params: unknown[] = []) => t.platform.services.pool.query(text, params);

  async function hotline(content: string) {
    const res = await api('operator', 'POST', '/api/v1/feedback/cases', {
      name: 'Ông Gọi Qua API',
      phone: '0903 222 333',
      callTime: '2026-11-20T08:15:00+07:00',
      category: 'VH-KARAOKE',
      content,
      address: 'Đường Lê Lợi',
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { case: { code: string; version: number; status: string; channel: string; receivedAt: string }; notification: string };
  }

  it('takes a hotline call and walks the case to a published answer, each step through the commands', async () => {
    const filed = await hotline('Quán karaoke Ánh Trăng mở nhạc to sau 23 giờ mỗi tối.');
    expect(filed.case).toMatchObject({ status: 'new', channel: 'hotline', receivedAt: '2026-11-20T08:15:00+07:00', version: 1 });
    expect(filed.notification).toContain(filed.case.code);
    const code = filed.case.code;
    const dup = await hotline('Karaoke Ánh Trăng hát rất to sau 23 giờ, làm ồn cả khu phố.');

    // the duplicate is merged into the first case
    const merged = await api('operator', 'POST', `/api/v1/feedback/cases/${dup.case.code}/merge`, { version: dup.case.version, targetCode: code });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: code });

    let r = await api('operator', 'POST', `/api/v1/feedback/cases/${code}/classify`, { version: 1, decision: 'within' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'classified', classification: 'within', unit: 'QLVH', version: 2 });

    const officerId = (await q(`SELECT id FROM users WHERE email = 'chuyenvien@vanhien.test'`)).rows[0].id as string;
    r = await api('officer', 'POST', `/api/v1/feedback/cases/${code}/assign`, { version: 2, userId: officerId });
    expect(r.json()).toMatchObject({ status: 'in_progress', assignee: { id: officerId, name: 'Lê Văn Chuyên' } });

    r = await api('officer', 'POST', `/api/v1/feedback/cases/${code}/notes`, { text: 'Đã gọi điện cho chủ quán.' });
    expect(r.statusCode).toBe(200);
    r = await api('officer', 'POST', `/api/v1/feedback/cases/${code}/request-info`, { version: r.json().version, question: 'Quán ở số nhà bao nhiêu?' });
    expect(r.json().status).toBe('waiting');
    r = await api('officer', 'POST', `/api/v1/feedback/cases/${code}/resume`, { version: r.json().version, note: 'Người gọi đã bổ sung qua điện thoại.' });
    expect(r.json().status).toBe('in_progress');
    r = await api('officer', 'POST', `/api/v1/feedback/cases/${code}/draft`, {
      version: r.json().version,
      answer: 'Phòng Quản lý Văn hóa đã kiểm tra, nhắc nhở quán karaoke Ánh Trăng; ông Gọi Qua API có thể gọi 0903 222 333 nếu còn vi phạm.',
    });
    expect(r.json()).toMatchObject({ redactionConfirmed: false, answerHasPersonalData: false });

    const preview = await api('officer', 'GET', `/api/v1/feedback/cases/${code}/redaction-preview`);
    expect(preview.statusCode).toBe(200);
    const p = preview.json() as { publicContent: string; publicAnswer: string };
    expect(p.publicAnswer).not.toContain('0903 222 333');
    expect(p.publicAnswer).not.toContain('Gọi Qua API');

    // approving before the redaction is confirmed: the command's own code
    const early = await api('leader', 'POST', `/api/v1/feedback/cases/${code}/approve`, { version: r.json().version });
    expect(early.statusCode).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json().code).toBe('FB-410');

    const leak = await api('officer', 'POST', `/api/v1/feedback/cases/${code}/publication`, {
      version: r.json().version,
      publicContent: p.publicContent,
      publicAnswer: 'Gọi 0903222333.',
    });
    expect(leak.statusCode).toBe(400);
    expect(leak.json()).toMatchObject({
      code: 'CORE-100',
      errors: [{ field: 'publicAnswer', message: 'Văn bản vẫn còn số điện thoại, thư điện tử hoặc số giấy tờ tùy thân. Vui lòng che trước khi xác nhận.' }],
    });

    r = await api('officer', 'POST', `/api/v1/feedback/cases/${code}/publication`, { version: r.json().version, ...p });
    expect(r.json().redactionConfirmed).toBe(true);
    const stale = await api('leader', 'POST', `/api/v1/feedback/cases/${code}/approve`, { version: r.json().version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CORE-409');
    r = await api('leader', 'POST', `/api/v1/feedback/cases/${code}/approve`, { version: r.json().version });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'answered', published: true });

    const one = await api('leader', 'GET', `/api/v1/feedback/cases/${code}`);
    const kinds = (one.json().events as { kind: string }[]).map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'received',
        'merge_received',
        'classified',
        'officer_assigned',
        'note',
        'info_requested',
        'info_received',
        'draft',
        'redaction_confirmed',
        'answered',
      ]),
    );
    expect(one.json().reporter).toEqual({ name: 'Ông Gọi Qua API', phone: '0903222333', email: null });

    // every state change left its audit row
    const audit = await q(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [one.json().id]);
    expect(audit.rows.map((x) => x.action)).toEqual([
      'feedback.receive',
      'feedback.classify',
      'feedback.assign',
      'feedback.note',
      'feedback.request_info',
      'feedback.resume',
      'feedback.draft',
      'feedback.confirm_redaction',
      'feedback.approve',
    ]);

    // the public page shows the confirmed redacted answer
    const pub = await t.app.inject({ url: `/phan-anh/${code}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).not.toContain('0903');
  });

  it('lists with filters and refuses bad input with problem+json and Vietnamese messages', async () => {
    await hotline('Biển quảng cáo che khuất tầm nhìn ở ngã tư.');
    const list = await api('officer', 'GET', '/api/v1/feedback/cases?status=new&channel=hotline&limit=5');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { status: string; channel: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    expect(items.every((i) => i.status === 'new' && i.channel === 'hotline')).toBe(true);
    expect(items[0]).not.toHaveProperty('reporter');

    const badEnum = await api('officer', 'GET', '/api/v1/feedback/cases?status=xyz');
    expect(badEnum.statusCode).toBe(400);
    expect(badEnum.json().code).toBe('CORE-100');

    const missing = await api('operator', 'POST', '/api/v1/feedback/cases', { name: 'A', phone: '0903222333', category: 'VH-KARAOKE', content: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'CORE-100', errors: [{ field: 'content', message: 'Vui lòng nhập nội dung phản ánh.' }] });
    const badTime = await api('operator', 'POST', '/api/v1/feedback/cases', {
      name: 'A',
      phone: '0903222333',
      category: 'KHONG-CO',
      content: 'x',
      callTime: 'hôm qua',
    });
    expect(badTime.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'callTime', message: 'Thời điểm gọi không hợp lệ: nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 05/03/2026 14:30.' },
        { field: 'category', message: 'Lĩnh vực đã chọn không còn được tiếp nhận. Vui lòng chọn lĩnh vực khác.' },
      ]),
    );
    const extra = await api('operator', 'POST', '/api/v1/feedback/cases', { name: 'A', phone: '1', category: 'X', content: 'x', role: 'admin' });
    expect(extra.statusCode).toBe(400);

    const filed = await hotline('Sân bóng mini hoạt động quá giờ.');
    const wrongState = await api('leader', 'POST', `/api/v1/feedback/cases/${filed.case.code}/approve`, { version: 1 });
    expect(wrongState.json().code).toBe('FB-409');
    const noVersion = await api('operator', 'POST', `/api/v1/feedback/cases/${filed.case.code}/classify`, { decision: 'rejected' });
    expect(noVersion.statusCode).toBe(400);
    const noReason = await api('operator', 'POST', `/api/v1/feedback/cases/${filed.case.code}/classify`, { version: 1, decision: 'rejected' });
    expect(noReason.json()).toMatchObject({ code: 'CORE-100', errors: [{ field: 'reason', message: 'Vui lòng nêu lý do không tiếp nhận xử lý.' }] });
  });

  it('asks for a token and the right permission; unknown codes are 404', async () => {
    const anon = await api(null, 'GET', '/api/v1/feedback/cases');
    expect(anon.statusCode).toBe(401);
    expect(anon.json().code).toBe('CORE-200');
    const citizen = await api('citizen', 'GET', '/api/v1/feedback/cases');
    expect(citizen.statusCode).toBe(403);
    expect(citizen.json().code).toBe('CORE-300');
    const officerRecords = await api('officer', 'POST', '/api/v1/feedback/cases', { name: 'A', phone: '0903222333', category: 'VH-KARAOKE', content: 'x' });
    expect(officerRecords.statusCode).toBe(403);
    const filed = await hotline('Karaoke ồn lúc nửa đêm ở phường 3.');
    const officerClassifies = await api('officer', 'POST', `/api/v1/feedback/cases/${filed.case.code}/classify`, { version: 1, decision: 'within' });
    expect(officerClassifies.statusCode).toBe(403);
    expect((await api('leader', 'GET', '/api/v1/feedback/cases/PA-990101-9999')).json().code).toBe('CORE-404');
    expect((await api('leader', 'GET', '/api/v1/feedback/cases/khong-phai-ma')).statusCode).toBe(400);
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const path of [
      '/api/v1/feedback/cases',
      '/api/v1/feedback/cases/{code}',
      '/api/v1/feedback/cases/{code}/classify',
      '/api/v1/feedback/cases/{code}/assign',
      '/api/v1/feedback/cases/{code}/notes',
      '/api/v1/feedback/cases/{code}/request-info',
      '/api/v1/feedback/cases/{code}/draft',
      '/api/v1/feedback/cases/{code}/publication',
      '/api/v1/feedback/cases/{code}/approve',
      '/api/v1/feedback/cases/{code}/merge',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/feedback/cases']!.post!.tags).toEqual(['feedback']);
  });
});
