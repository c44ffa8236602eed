import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';

/** Desk intake (issue 3 part 8): an officer files a paper dossier with scans; nothing typed or scanned is lost. */
const KARAOKE = 'DEMO.000101';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode');
const ANSWERS: Record<string, string> = {
  fullName: 'Huỳnh Thị Tại Quầy',
  idNumber: '079188004321',
  phone: '0913222333',
  address: '21 Nguyễn Trãi, phường Phú Cường',
  applicantType: 'ca-nhan',
  businessName: 'Karaoke Tại Quầy (demo)',
  taxCode: '0101234569',
  venueAddress: '23 Nguyễn Trãi, phường Phú Cường',
  areaType: 'do-thi',
  roomCount: '2',
  roomAreas: 'Phòng 1 – 22 m²; Phòng 2 – 26 m²',
  commitGlassDoor: 'true',
  commitConditions: 'true',
  commitTruthful: 'true',
  consentPersonalData: 'true',
};

function multipart(fields: Record<string, string>, files: { field: string; name: string; data: Buffer; type?: string }[]) {
  const boundary = `----vh${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('desk intake', () => {
  let t: TestPlatform;
  let desk: string;
  beforeAll(async () => {
    t = await startTestPlatform();
    desk = await loginCookies(t.app, 'tiepnhan@vanhien.test');
  });
  afterAll(async () => t?.close());

  async function post(cookie0: string, fields: Record<string, string>, files: Parameters<typeof multipart>[1]) {
    const { csrf, cookie } = await csrfFor(t.app, `/quan-tri/ho-so/tai-quay/${KARAOKE}`, cookie0);
    const mp = multipart(fields, files);
    return t.app.inject({
      method: 'POST',
      url: `/quan-tri/ho-so/tai-quay/${KARAOKE}?_csrf=${encodeURIComponent(csrf)}`,
      headers: { cookie, 'content-type': mp.contentType },
      payload: mp.payload,
    });
  }

  it('keeps the answers and the scans when something is missing, then receives the dossier once', async () => {
    const pool = t.platform.services.pool;
    const choose = await t.app.inject({ url: '/quan-tri/ho-so/tai-quay', headers: { cookie: desk } });
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain(KARAOKE);
    const form = await t.app.inject({ url: `/quan-tri/ho-so/tai-quay/${KARAOKE}`, headers: { cookie: desk } });
    expect(form.statusCode).toBe(200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;

    // The business name is missing, the third scan is an executable: both named, nothing lost.
    const { businessName: _b, ...partial } = ANSWERS;
    const first = await post(desk, { ...partial, idempotencyKey: key }, [
      { field: 'file_0', name: 'don-de-nghi.pdf', data: PDF },
      { field: 'file_1', name: 'giay-an-ninh.pdf', data: PDF },
      { field: 'file_2', name: 'pccc.exe', data: EXE, type: 'application/octet-stream' },
    ]);
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain('value="Huỳnh Thị Tại Quầy"');
    expect(first.body).toContain('pccc.exe');
    expect(first.body).toContain('Đã nhận: don-de-nghi.pdf');
    const kept = [...first.body.matchAll(/name="(kept_\d)" value="([^"]+)"/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(kept.map(([k]) => k)).toEqual(['kept_0', 'kept_1']);
    expect((await pool.query(`SELECT count(*)::int AS n FROM dossiers WHERE idempotency_key = $1`, [`desk:${key}`])).rows[0].n).toBe(0);

    // Completed: the kept scans and one new file; received at once, at the desk.
    const fields = { ...ANSWERS, idempotencyKey: key, ...Object.fromEntries(kept) };
    const done = await post(desk, fields, [{ field: 'file_2', name: 'pccc.pdf', data: PDF }]);
    expect(done.statusCode).toBe(302);
    const row = (await pool.query(`SELECT d.*, u.email, u.password_hash FROM dossiers d JOIN users u ON u.id = d.applicant_id WHERE idempotency_key = $1`, [`desk:${key}`])).rows[0];
    expect(row).toMatchObject({ status: 'received', channel: 'desk', unit_code: expect.any(String), procedure_name: expect.stringContaining('karaoke') });
    expect(row.received_at).not.toBeNull();
    expect(row.due_date).not.toBeNull();
    expect(row.email).toMatch(/@khong-co-thu\.invalid$/);
    expect(row.password_hash).toBeNull();
    expect((await pool.query('SELECT count(*)::int AS n FROM dossier_files WHERE dossier_id = $1', [row.id])).rows[0].n).toBe(3);
    expect(done.headers.location).toBe(`/quan-tri/ho-so/${row.id}`);
    // No mail to a mailbox that does not exist.
    expect((await pool.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1`, [row.email])).rows[0].n).toBe(0);

    // The same form sent again (double click, refresh) gives the same dossier.
    const again = await post(desk, fields, []);
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toBe(`/quan-tri/ho-so/${row.id}`);
    expect((await pool.query(`SELECT count(*)::int AS n FROM dossiers WHERE idempotency_key = $1`, [`desk:${key}`])).rows[0].n).toBe(1);

    // The receipt says where it was handed in; the staff page shows the channel.
    const page = await t.app.inject({ url: `/quan-tri/ho-so/${row.id}`, headers: { cookie: desk } });
    expect(page.body).toContain('Tại quầy');
    const receipt = await t.app.inject({ url: `/ho-so/${row.id}/giay-tiep-nhan.pdf`, headers: { cookie: desk } });
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const audit = await pool.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [row.id]);
    expect(audit.rows.map((r) => r.action)).toContain('dossier.desk_intake');
  });

  it('links a walk-in with a known email to their account, and refuses a staff email', async () => {
    const pool = t.platform.services.pool;
    const form = await t.app.inject({ url: `/quan-tri/ho-so/tai-quay/${KARAOKE}`, headers: { cookie: desk } });
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;
    const files = [0, 1, 2].map((i) => ({ field: `file_${i}`, name: `scan-${i}.pdf`, data: PDF }));
    const staff = await post(desk, { ...ANSWERS, email: 'lanhdao@vanhien.test', idempotencyKey: key }, files);
    expect(staff.statusCode).toBe(409);
    expect(staff.body).toContain('thuộc tài khoản cán bộ');
    const kept = Object.fromEntries([...staff.body.matchAll(/name="(kept_\d)" value="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
    const ok = await post(desk, { ...ANSWERS, email: 'congdan@vanhien.test', idempotencyKey: key, ...kept }, []);
    expect(ok.statusCode).toBe(302);
    const row = (await pool.query(`SELECT d.code, u.email FROM dossiers d JOIN users u ON u.id = d.applicant_id WHERE idempotency_key = $1`, [`desk:${key}`])).rows[0];
    expect(row.email).toBe('congdan@vanhien.test');
    // The citizen sees it among their dossiers.
    const citizen = await loginCookies(t.app, 'congdan@vanhien.test');
    expect((await t.app.inject({ url: '/ho-so', headers: { cookie: citizen } })).body).toContain(row.code);
    // Citizens and specialists cannot use the desk.
    expect((await t.app.inject({ url: '/quan-tri/ho-so/tai-quay', headers: { cookie: citizen } })).statusCode).toBe(403);
  });
});
