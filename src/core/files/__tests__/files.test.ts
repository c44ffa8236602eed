import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { safeFileName } from '../files.js';

// Smallest valid files of each kind, built in the test.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8cf50000003010100c9fe92ef0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('file storage', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { VANHIEN_UPLOAD_LIMIT: '4096' } });
  });
  afterAll(async () => t?.close());

  it('sniffs the real type, stores a checksum and a safe name', async () => {
    const files = t.platform.services.files;
    const row = await files.save(t.platform.services.db, { data: PNG, originalName: '../../ảnh chân dung.PNG', allowed: ['image/png', 'application/pdf'] });
    expect(row.contentType).toBe('image/png');
    expect(row.sha256).toBe(crypto.createHash('sha256').update(PNG).digest('hex'));
    expect(row.safeName).toBe('ảnh chân dung.PNG');
    expect(await files.read(row.storageKey)).toEqual(PNG);
    const pdf = await files.save(t.platform.services.db, { data: PDF, originalName: 'don.pdf', allowed: ['application/pdf'] });
    expect(pdf.contentType).toBe('application/pdf');
  });

  it('refuses a file whose bytes do not match an allowed type, whatever its extension', async () => {
    const files = t.platform.services.files;
    await expect(files.save(t.platform.services.db, { data: Buffer.from('MZ fake exe'), originalName: 'hoso.pdf', allowed: ['application/pdf'] })).rejects.toMatchObject({ code: 'CORE-415' });
    await expect(files.save(t.platform.services.db, { data: PNG, originalName: 'x.pdf', allowed: ['application/pdf'] })).rejects.toMatchObject({ status: 415 });
  });

  it('refuses a file over the size limit', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(5000, 32)]);
    await expect(t.platform.services.files.save(t.platform.services.db, { data: big, originalName: 'lon.pdf', allowed: ['application/pdf'] })).rejects.toMatchObject({ code: 'CORE-413' });
  });

  it('makes names safe', () => {
    expect(safeFileName('C:\\temp\\a<b>.pdf')).toBe('a_b_.pdf');
    expect(safeFileName('...')).toBe('tep-tin');
    expect(safeFileName('Tờ khai'.normalize('NFD') + '.pdf')).toBe('Tờ khai.pdf'.normalize('NFC'));
  });
});

describe('S3-compatible storage (against a local s3rver on loopback)', () => {
  it('stores and reads back through the S3 API', async () => {
    const os = await import('node:os');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { default: S3rver } = await import('s3rver');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-s3-'));
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'vanhien', configs: [] }] });
    const addr = (await server.run()) as { port: number };
    const t = await startTestPlatform({
      env: { S3_ENDPOINT: `http://127.0.0.1:${addr.port}`, S3_BUCKET: 'vanhien', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' },
    });
    try {
      const row = await t.platform.services.files.save(t.platform.services.db, { data: PDF, originalName: 'quyết định.pdf', allowed: ['application/pdf'] });
      expect(await t.platform.services.files.read(row.storageKey)).toEqual(PDF);
      // The bytes are in the object store, not in the local data directory.
      expect(fs.existsSync(path.join(t.config.dataDir, 'files'))).toBe(false);
    } finally {
      await t.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
