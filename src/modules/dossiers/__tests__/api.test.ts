import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, ONE_STOP_ACCOUNTS, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { findUserByEmail } from '../../../core/identity/identity.repository.js';

/** The dossier API (issue 3 part 9): an applicant files, the desk, a specialist and a leader act, all over /api/v1. */
const KARAOKE = 'DEMO.000101';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const ANSWERS = {
  fullName: 'Lâm Thị API',
  idNumber: '079188005555',
  phone: '0913444555',
  email: 'congdan@vanhien.test',
  address: '3 Lý Thường Kiệt, phường Phú Cường',
  applicantType: 'ca-nhan',
  businessName: 'Karaoke API (demo)',
  taxCode: '0101234570',
  venueAddress: '5 Lý Thường Kiệt, phường Phú Cường',
  areaType: 'do-thi',
  roomCount: 2,
  roomAreas: 'Phòng 1 – 22 m²; Phòng 2 – 26 m²',
  commitGlassDoor: true,
  commitConditions: true,
  commitTruthful: true,
  consentPersonalData: true,
};

describe('dossier API', () => {
  let t: TestPlatform;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestPlatform();
    Object.assign(tokens, await apiTokens(t.app, ONE_STOP_ACCOUNTS));
  });
  afterAll(async () => t?.close());

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}`, ...headers }, ...(payload ? { payload: payload as object } : {}) });

  it('takes a dossier from API filing to an API rating', { timeout: 60_000 }, async () => {
    const created = await call('citizen', 'POST', '/api/v1/dossiers', { procedureCode: KARAOKE, answers: ANSWERS }, { 'idempotency-key': 'api-flow-create-1' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const upload = (doc: number, name: string, data: Buffer) => {
      const boundary = `----vh${Math.random().toString(16).slice(2)}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return call('citizen', 'POST', `/api/v1/dossiers/${id}/files?document=${doc}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    };
    // The type is read from the bytes, not the name: an executable named .pdf is refused.
    const exe = await upload(0, 'don.pdf', Buffer.from('MZ\x90\x00\x03 this program cannot be run in DOS mode'));
    expect(exe.statusCode).toBe(415);
    expect(exe.headers['content-type']).toContain('problem+json');
    for (let i = 0; i < 3; i++) {
      const up = await upload(i, `api-${i}.pdf`, PDF);
      expect(up.statusCode).toBe(201);
      expect(up.json()).toMatchObject({ documentIndex: i, name: `api-${i}.pdf` });
    }
    const submitted = await call('citizen', 'POST', `/api/v1/dossiers/${id}/submit`, undefined, { 'idempotency-key': 'api-flow-submit-1' });
    expect(submitted.statusCode).toBe(200);
    const code = submitted.json().code as string;
    const act = (who: string, action: string, body: Record<string, unknown>) => call(who, 'POST', `/api/v1/dossiers/${encodeURIComponent(code)}/actions/${action}`, body);

    // Staff listing, filtered by status; citizens cannot list.
    const list = await call('desk', 'GET', '/api/v1/dossiers?status=submitted&procedure=DEMO.000101&limit=500');
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((x: { code: string }) => x.code === code);
    expect(item).toMatchObject({ status: 'submitted', channel: 'online', version: expect.any(Number) });
    expect((await call('citizen', 'GET', '/api/v1/dossiers')).statusCode).toBe(403);

    // Optimistic locking and the state machine answer in problem+json with stable codes.
    const stale = await act('desk', 'receive', { version: item.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('problem+json');
    expect(stale.json().code).toBe('CORE-409');
    const illegal = await act('desk', 'return', { version: item.version });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().code).toBe('DOSSIER-201');
    expect((await act('citizen', 'receive', { version: item.version })).statusCode).toBe(403);

    let v = (await act('desk', 'receive', { version: item.version })).json().version as number;
    // An internal note: staff only; the applicant's lookup never shows it.
    const note = await call('desk', 'POST', `/api/v1/dossiers/${encodeURIComponent(code)}/notes`, { body: 'Đã gọi điện xác nhận địa chỉ cơ sở (nội bộ)' });
    expect(note.statusCode).toBe(201);
    expect((await call('desk', 'POST', `/api/v1/dossiers/${encodeURIComponent(code)}/notes`, { body: '   ' })).statusCode).toBe(400);
    expect((await call('citizen', 'POST', `/api/v1/dossiers/${encodeURIComponent(code)}/notes`, { body: 'x' })).statusCode).toBe(403);
    const seen = await call('citizen', 'GET', `/api/v1/dossiers/${encodeURIComponent(code)}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('xác nhận địa chỉ cơ sở');
    const specialist = (await findUserByEmail(t.platform.services.db, 'chuyenvien@vanhien.test'))!;
    const assigned = await act('desk', 'assign', { version: v, assigneeId: specialist.id });
    expect(assigned.json().status).toBe('processing');
    v = assigned.json().version;
    // Pause for a site visit and resume, then the specialist forwards and the leader approves.
    const noReason = await act('specialist', 'pause', { version: v });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'reason', message: 'Vui lòng nêu rõ lý do tạm dừng.' }]);
    v = (await act('specialist', 'pause', { version: v, reason: 'Kiểm tra thực tế phòng hát' })).json().version;
    v = (await act('specialist', 'resume', { version: v })).json().version;
    v = (await act('specialist', 'forward', { version: v, note: 'Đủ điều kiện' })).json().version;
    const extended = await act('leader', 'extend', { version: v, reason: 'Chờ ý kiến phối hợp', extraDays: 2 });
    expect(extended.statusCode).toBe(200);
    v = extended.json().version;
    v = (await act('leader', 'approve', { version: v })).json().version;
    const returned = await act('desk', 'return', { version: v });
    expect(returned.json()).toMatchObject({ status: 'returned', outcome: expect.stringMatching(/early|on_time|late/) });

    // The applicant downloads Form 04 and the result, and rates once.
    const f04 = await call('citizen', 'GET', `/api/v1/dossiers/${encodeURIComponent(code)}/documents/04`);
    expect(f04.headers['content-type']).toBe('application/pdf');
    const result = await call('citizen', 'GET', `/api/v1/dossiers/${encodeURIComponent(code)}/documents/ket-qua`);
    expect(result.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call('citizen', 'GET', `/api/v1/dossiers/${encodeURIComponent(code)}/documents/03`)).statusCode).toBe(404);
    expect((await call('citizen', 'POST', `/api/v1/dossiers/${encodeURIComponent(code)}/rating`, { rating: 'satisfied' })).statusCode).toBe(204);
    const twice = await call('citizen', 'POST', `/api/v1/dossiers/${encodeURIComponent(code)}/rating`, { rating: 'satisfied' });
    expect(twice.json().code).toBe('DOSSIER-209');

    // Statistics of the current month include it, with the ratios.
    const stats = await call('leader', 'GET', '/api/v1/dossiers/statistics?ky=thang');
    expect(stats.statusCode).toBe(200);
    expect(stats.json().total.returned).toBeGreaterThanOrEqual(1);
    expect(stats.json().total.onTimeRate).not.toBeUndefined();

    // The status changes for the national portal, in order, resumable from the cursor.
    const sync = await call('leader', 'GET', '/api/v1/dossiers/sync?since=0&limit=1000');
    expect(sync.statusCode).toBe(200);
    const mine = sync.json().items.filter((x: { MaHoSo: string }) => x.MaHoSo === code);
    expect(mine.map((x: { SuKien: string }) => x.SuKien)).toEqual(['submitted', 'received', 'assigned', 'paused', 'resumed', 'forwarded', 'extended', 'approved', 'returned']);
    expect(mine.at(-1)).toMatchObject({ MaTTHC: 'DEMO.000101', KenhThucHien: 2, TrangThaiHoSo: 10, NgayTiepNhan: expect.stringMatching(/^\d{14}$/) });
    const after = await call('leader', 'GET', `/api/v1/dossiers/sync?since=${sync.json().next}`);
    expect(after.json().items).toEqual([]);
    expect((await call('citizen', 'GET', '/api/v1/dossiers/sync')).statusCode).toBe(403);

    // Every one of these is in the OpenAPI document.
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const p of ['/api/v1/dossiers/sync', '/api/v1/dossiers/{code}/actions/{action}', '/api/v1/dossiers/statistics', '/api/v1/dossiers/{code}/rating', '/api/v1/dossiers/{code}/documents/{form}']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });

  it('pages the staff list with a cursor', async () => {
    const first = await call('leader', 'GET', '/api/v1/dossiers?limit=1');
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.items).toHaveLength(1);
    if (body.nextCursor) {
      const second = await call('leader', 'GET', `/api/v1/dossiers?limit=1&cursor=${encodeURIComponent(body.nextCursor)}`);
      expect(second.json().items[0]?.id).not.toBe(body.items[0].id);
    }
    expect((await call('leader', 'GET', '/api/v1/dossiers?cursor=abc')).statusCode).toBe(400);
    expect((await call('leader', 'GET', '/api/v1/dossiers?from=31/02/2026')).statusCode).toBe(400);
  });
});
