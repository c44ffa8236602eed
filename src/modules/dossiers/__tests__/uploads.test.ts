import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { findUserByEmail } from '../../../core/identity/identity.repository.js';

/**
 * Issue 9 finding 6: an outside test made 30 drafts in 0.5 s, put 20 × 10 MiB into one document,
 * and three retried uploads kept three copies. Quotas per account (small ones here, set through
 * the same variables an operator uses), one copy per file and slot, and Idempotency-Key.
 */
const KARAOKE = 'DEMO.000101';
const ANSWERS = {
  fullName: 'Lâm Thị Hạn Mức',
  idNumber: '079188006666',
  phone: '0913444666',
  email: 'congdan@vanhien.test',
  address: '3 Lý Thường Kiệt, phường Phú Cường',
  applicantType: 'ca-nhan',
  businessName: 'Karaoke Hạn Mức (demo)',
  taxCode: '0101234571',
  venueAddress: '5 Lý Thường Kiệt, phường Phú Cường',
  areaType: 'do-thi',
  roomCount: 2,
  roomAreas: 'Phòng 1 – 22 m²; Phòng 2 – 26 m²',
  commitGlassDoor: true,
  commitConditions: true,
  commitTruthful: true,
  consentPersonalData: true,
};

/** A distinct valid PDF of about `size` bytes. */
const pdf = (tag: string, size = 200) => {
  const head = `%PDF-1.4\n% ${tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n`;
  return Buffer.concat([Buffer.from(head), Buffer.alloc(Math.max(0, size - head.length - 6), 32), Buffer.from('%%EOF\n')]);
};

describe('upload quotas, one copy per file, Idempotency-Key', () => {
  let t: TestPlatform;
  let token = '';
  beforeAll(async () => {
    t = await startTestPlatform({
      env: { QUOTA_OPEN_DRAFTS: '3', QUOTA_FILES_PER_DOCUMENT: '3', QUOTA_BYTES_PER_DOSSIER: '30000', QUOTA_BYTES_PER_DAY: '50000' },
    });
    token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'congdan@vanhien.test', password: 'Demo@2026' } })).json().token;
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload ? { payload: payload as object } : {}) });

  const multipart = (name: string, data: Buffer, field = 'file') => {
    const boundary = `----vh${crypto.randomBytes(8).toString('hex')}`;
    return {
      boundary,
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    };
  };
  const upload = (id: string, doc: number, name: string, data: Buffer, headers: Record<string, string> = {}) => {
    const m = multipart(name, data);
    return call('POST', `/api/v1/dossiers/${id}/files?document=${doc}`, m.payload, { 'content-type': `multipart/form-data; boundary=${m.boundary}`, ...headers });
  };
  const filesOf = async (id: string) =>
    (await t.platform.services.pool.query<{ document_index: number; sha256: string; size: string }>(
      'SELECT f.document_index, s.sha256, s.size FROM dossier_files f JOIN stored_files s ON s.id = f.stored_file_id WHERE f.dossier_id = $1',
      [id],
    )).rows;

  const drafts: string[] = [];

  it('opens at most QUOTA_OPEN_DRAFTS drafts, even when twenty are asked for at once', async () => {
    const citizen = (await findUserByEmail(t.platform.services.db, 'congdan@vanhien.test'))!;
    const before = Number((await t.platform.services.pool.query("SELECT count(*) FROM dossiers WHERE applicant_id = $1 AND status = 'draft'", [citizen.id])).rows[0].count);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call('POST', '/api/v1/dossiers', { procedureCode: KARAOKE, answers: ANSWERS }, { 'idempotency-key': `quota-draft-${i}-${crypto.randomUUID()}` })),
    );
    const made = answers.filter((r) => r.statusCode === 201);
    const refused = answers.filter((r) => r.statusCode === 409);
    expect(made.length).toBe(Math.max(0, 3 - before));
    expect(made.length + refused.length).toBe(20);
    expect(refused[0]!.headers['content-type']).toContain('application/problem+json');
    expect(refused[0]!.json()).toMatchObject({ code: 'DOSSIER-105' });
    expect(refused[0]!.json().detail ?? refused[0]!.json().title).toMatch(/hồ sơ nháp/);
    const after = Number((await t.platform.services.pool.query("SELECT count(*) FROM dossiers WHERE applicant_id = $1 AND status = 'draft'", [citizen.id])).rows[0].count);
    expect(after).toBe(3);
    drafts.push(
      ...(await t.platform.services.pool.query<{ id: string }>("SELECT id FROM dossiers WHERE applicant_id = $1 AND status = 'draft' ORDER BY created_at", [citizen.id])).rows.map((r) => r.id),
    );
    expect(drafts).toHaveLength(3);
    // Starting another procedure on the site says why, in Vietnamese, instead of a new draft.
    const cookie = await loginCookies(t.app, 'congdan@vanhien.test');
    const other = (await t.platform.services.pool.query<{ code: string }>("SELECT code FROM procedures WHERE code <> $1 AND code LIKE 'DEMO.%' ORDER BY code LIMIT 1", [KARAOKE])).rows[0]!.code;
    const page = await t.app.inject({ url: `/thu-tuc/${other}/nop`, headers: { cookie } });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('hồ sơ nháp chưa nộp');
  });

  it('keeps one copy of the same file sent twice to the same document', async () => {
    const [a] = drafts;
    const file = pdf('giay-phep');
    const first = await upload(a!, 0, 'giay-phep.pdf', file);
    expect(first.statusCode).toBe(201);
    const again = await upload(a!, 0, 'giay-phep (1).pdf', file);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const sha = crypto.createHash('sha256').update(file).digest('hex');
    expect((await filesOf(a!)).filter((f) => f.sha256 === sha)).toHaveLength(1);
    expect(Number((await t.platform.services.pool.query('SELECT count(*) FROM stored_files WHERE sha256 = $1', [sha])).rows[0].count)).toBe(1);
    // Another document of the same dossier is another slot: the same scan may serve both.
    expect((await upload(a!, 1, 'giay-phep.pdf', file)).statusCode).toBe(201);
  });

  it('replays the first answer for a retried Idempotency-Key, and refuses the key for another request', async () => {
    const [a] = drafts;
    const key = `upload-${crypto.randomUUID()}`;
    const file = pdf('so-do-phong');
    const first = await upload(a!, 2, 'so-do.pdf', file, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const retries = await Promise.all([1, 2, 3].map(() => upload(a!, 2, 'so-do.pdf', file, { 'idempotency-key': key })));
    for (const r of retries) {
      expect(r.statusCode).toBe(201);
      expect(r.headers['idempotent-replayed']).toBe('true');
      expect(r.json()).toEqual(first.json());
    }
    expect((await filesOf(a!)).filter((f) => f.document_index === 2)).toHaveLength(1);
    const other = await upload(a!, 2, 'khac.pdf', pdf('khac'), { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json().code).toBe('DOSSIER-411');
    expect((await filesOf(a!)).filter((f) => f.document_index === 2)).toHaveLength(1);
    // The key is stored with the account, a hash of the request and the answer, for 24 hours.
    const row = (await t.platform.services.pool.query('SELECT request_hash, status, response FROM dossier_upload_keys WHERE key = $1', [key])).rows[0];
    expect(row).toMatchObject({ status: 201, response: first.json() });
    await t.platform.services.pool.query("UPDATE dossier_upload_keys SET created_at = now() - interval '25 hours' WHERE key = $1", [key]);
    expect((await upload(a!, 2, 'khac.pdf', pdf('khac'), { 'idempotency-key': key })).statusCode).toBe(201);
  });

  it('holds the files-per-document quota under parallel uploads', async () => {
    const [, b] = drafts;
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => upload(b!, 1, `trang-${i}.pdf`, pdf(`trang-${i}`))));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const refused = answers.filter((r) => r.statusCode !== 201);
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(r.json()).toMatchObject({ code: 'DOSSIER-104' });
    expect(refused[0]!.json().detail ?? refused[0]!.json().title).toContain('tối đa 3 tệp');
    expect((await filesOf(b!)).filter((f) => f.document_index === 1)).toHaveLength(3);
  });

  it('refuses a file past the bytes of one dossier, then past the bytes of the day', async () => {
    const [a, b, c] = drafts;
    expect((await upload(a!, 0, 'ban-ve.pdf', pdf('ban-ve', 15_000))).statusCode).toBe(201);
    const tooMuch = await upload(a!, 1, 'ban-ve-2.pdf', pdf('ban-ve-2', 16_000));
    expect(tooMuch.statusCode).toBe(413);
    expect(tooMuch.json().code).toBe('DOSSIER-106');
    // Day so far: about 17 kB. Two more dossiers' worth brings it near the 50 000-byte limit.
    expect((await upload(b!, 0, 'anh-1.pdf', pdf('anh-1', 15_000))).statusCode).toBe(201);
    expect((await upload(c!, 0, 'anh-2.pdf', pdf('anh-2', 15_000))).statusCode).toBe(201);
    const today = await upload(c!, 1, 'anh-3.pdf', pdf('anh-3', 6_000));
    expect(today.statusCode).toBe(429);
    expect(today.headers['content-type']).toContain('application/problem+json');
    expect(today.json().code).toBe('DOSSIER-107');
    expect(today.json().detail ?? today.json().title).toMatch(/mỗi ngày/);
  });

  it('counts desk scans against the officer\'s day too (storeDossierFile is the one helper)', async () => {
    const desk = await loginCookies(t.app, 'tiepnhan@vanhien.test');
    const { csrf, cookie } = await csrfFor(t.app, `/quan-tri/ho-so/tai-quay/${KARAOKE}`, desk);
    const boundary = `----vh${crypto.randomBytes(8).toString('hex')}`;
    const parts = [0, 1, 2].map((i) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file_${i}"; filename="scan-${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf(`scan-${i}`, 20_000),
        Buffer.from('\r\n'),
      ]),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/quan-tri/ho-so/tai-quay/${KARAOKE}?_csrf=${encodeURIComponent(csrf)}`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    });
    expect(res.statusCode).toBe(400);
    // Two scans of 20 000 bytes fit in the 50 000-byte day; the third is refused and named.
    expect(res.body).toContain('scan-2.pdf');
    expect(res.body).toMatch(/mỗi ngày được tải lên tối đa/);
    const officer = (await findUserByEmail(t.platform.services.db, 'tiepnhan@vanhien.test'))!;
    const stored = await t.platform.services.pool.query('SELECT count(*)::int AS n FROM stored_files WHERE created_by = $1', [officer.id]);
    expect(stored.rows[0].n).toBe(2);
  });

  it('says so on the attachments page, with an error summary, when a document is full', async () => {
    const [, b] = drafts;
    const cookie = await loginCookies(t.app, 'congdan@vanhien.test');
    const page = await csrfFor(t.app, `/ho-so/${b}/giay-to`, cookie);
    const m = multipart('trang-them.pdf', pdf('trang-them'), 'file_1');
    const res = await t.app.inject({
      method: 'POST',
      url: `/ho-so/${b}/giay-to?_csrf=${encodeURIComponent(page.csrf)}`,
      headers: { cookie: page.cookie, 'content-type': `multipart/form-data; boundary=${m.boundary}` },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('vh-error-summary');
    expect(res.body).toContain('tối đa 3 tệp');
    expect(res.body).toContain('trang-them.pdf');
  });
});
