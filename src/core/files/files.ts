import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AwsClient } from 'aws4fetch';
import type { Config } from '../config.js';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { storedFiles } from './files.schema.js';
import { AppError } from '../errors.js';

export type StoredFile = typeof storedFiles.$inferSelect;

export interface FileStore {
  /** Sniffs the real type from the bytes (never the extension), checks it and the size,
   * stores the bytes under a random key and records name, type, size and SHA-256. */
  save(db: Executor, input: { data: Buffer; originalName: string; allowed: string[]; maxBytes?: number; createdBy?: string | null }): Promise<StoredFile>;
  read(key: string): Promise<Buffer>;
}

/**
 * Characters that change how a name reads without being seen: C0/C1 controls, the bidi embeddings,
 * overrides and isolates (U+202A–202E, U+2066–2069, U+200E/F, U+061C) and the zero-width ones
 * (U+200B–200D, U+2060, U+FEFF). "hoadon\u202Efdp.exe" displays as "hoadonexe.pdf" (Trojan Source).
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** The name as given, NFC, without invisible or direction-changing characters: what is stored and shown. */
export function cleanFileName(name: string): string {
  return name.normalize('NFC').replace(INVISIBLE, '').trim().slice(0, 255);
}

/** A file name safe in any file system and header: no path, no control characters, NFC. */
export function safeFileName(name: string): string {
  const base = path.basename(cleanFileName(name).replace(/\\/g, '/'));
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>:|?*/]/g, '_').replace(/^\.+/, '').slice(-150);
  return cleaned || 'tep-tin';
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** Where the bytes live; the checks and the metadata row are the same for every backend. */
export interface BlobBackend {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export class LocalBlobs implements BlobBackend {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    if (key.includes('..') || path.isAbsolute(key)) throw new AppError('CORE-404', 404, 'Tệp không tồn tại.', 'Not found.');
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const full = this.path(key);
    // Citizens' documents: no access for other local users (issue 9, finding 4); the group may read
    // so a backup operator's group can copy them.
    const created = await fs.promises.mkdir(path.dirname(full), { recursive: true, mode: 0o750 });
    if (created) await fs.promises.chmod(path.dirname(full), 0o750);
    await fs.promises.writeFile(full, data, { flag: 'wx', mode: 0o640 });
  }

  async get(key: string): Promise<Buffer> {
    return fs.promises.readFile(this.path(key));
  }
}

/** S3-compatible object storage (AWS S3, MinIO, Ceph, Viettel/FPT/VNPT object storage), path-style
 * requests signed with SigV4: shared storage for several app nodes. */
export class S3Blobs implements BlobBackend {
  private readonly client: AwsClient;

  constructor(private readonly opts: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string }) {
    this.client = new AwsClient({ accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey, region: opts.region, service: 's3' });
  }

  private url(key: string): string {
    return `${this.opts.endpoint.replace(/\/$/, '')}/${encodeURIComponent(this.opts.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const res = await this.client.fetch(this.url(key), { method: 'PUT', body: new Uint8Array(data), headers: { 'content-type': contentType } });
    if (!res.ok) throw new Error(`S3 PUT ${key}: HTTP ${res.status} ${await res.text()}`);
  }

  async get(key: string): Promise<Buffer> {
    const res = await this.client.fetch(this.url(key));
    if (res.status === 404) throw new AppError('CORE-404', 404, 'Tệp không tồn tại.', 'Not found.');
    if (!res.ok) throw new Error(`S3 GET ${key}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
}

export class DefaultFileStore implements FileStore {
  constructor(
    private readonly blobs: BlobBackend,
    private readonly defaultMax: number,
  ) {}

  async save(db: Executor, input: { data: Buffer; originalName: string; allowed: string[]; maxBytes?: number; createdBy?: string | null }) {
    const max = input.maxBytes ?? this.defaultMax;
    if (input.data.length > max) {
      throw new AppError('CORE-413', 413, `Tệp quá lớn: tối đa ${Math.round(max / 1048576)} MB.`, `File too large (max ${max} bytes).`);
    }
    const sniffed = await fileTypeFromBuffer(input.data);
    if (!sniffed || !input.allowed.includes(sniffed.mime)) {
      const allowed = input.allowed.map((t) => TYPE_NAMES[t] ?? t).join(', ');
      throw new AppError('CORE-415', 415, `Loại tệp không được chấp nhận. Chỉ nhận: ${allowed}.`, `File type not allowed (${allowed}).`);
    }
    const sha256 = crypto.createHash('sha256').update(input.data).digest('hex');
    const key = `${new Date().toISOString().slice(0, 7)}/${crypto.randomUUID()}`;
    await this.blobs.put(key, input.data, sniffed.mime);
    const [row] = await db
      .insert(storedFiles)
      .values({
        storageKey: key,
        originalName: cleanFileName(input.originalName) || 'tep-tin',
        safeName: safeFileName(input.originalName),
        contentType: sniffed.mime,
        size: input.data.length,
        sha256,
        createdBy: input.createdBy ?? null,
      })
      .returning();
    return row!;
  }

  read(key: string): Promise<Buffer> {
    return this.blobs.get(key);
  }
}

export function createFileStore(config: Config): FileStore {
  const { s3 } = config;
  if (s3.endpoint && s3.bucket) {
    if (!s3.accessKeyId || !s3.secretAccessKey) throw new Error('Cấu hình sai: S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY phải được đặt khi có S3_ENDPOINT');
    return new DefaultFileStore(
      new S3Blobs({ endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }),
      config.uploadLimitBytes,
    );
  }
  return new DefaultFileStore(new LocalBlobs(path.join(config.dataDir, 'files')), config.uploadLimitBytes);
}

/** Metadata of a stored file (name, type, size, checksum) for modules that link to it. */
export async function findStoredFile(db: Executor, id: string): Promise<StoredFile | undefined> {
  return (await db.select().from(storedFiles).where(eq(storedFiles.id, id)))[0];
}

export async function findStoredFiles(db: Executor, ids: string[]): Promise<Map<string, StoredFile>> {
  if (!ids.length) return new Map();
  return new Map((await db.select().from(storedFiles).where(inArray(storedFiles.id, ids))).map((f) => [f.id, f]));
}

/** Bytes an account stored since an instant (the daily upload quota). */
export async function bytesStoredSince(db: Executor, createdBy: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`coalesce(sum(${storedFiles.size}), 0)` })
    .from(storedFiles)
    .where(and(eq(storedFiles.createdBy, createdBy), gte(storedFiles.createdAt, since)));
  return Number(row?.n ?? 0);
}
