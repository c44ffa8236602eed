import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
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

/** A file name safe in any file system and header: no path, no control characters, NFC. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).normalize('NFC');
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>:|?*/]/g, '_').replace(/^\.+/, '').slice(-150);
  return cleaned || 'tep-tin';
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

export class LocalFileStore implements FileStore {
  constructor(
    private readonly root: string,
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
    const full = path.join(this.root, key);
    await fs.promises.mkdir(path.dirname(full), { recursive: true });
    await fs.promises.writeFile(full, input.data, { flag: 'wx' });
    const [row] = await db
      .insert(storedFiles)
      .values({
        storageKey: key,
        originalName: input.originalName.normalize('NFC').slice(0, 255),
        safeName: safeFileName(input.originalName),
        contentType: sniffed.mime,
        size: input.data.length,
        sha256,
        createdBy: input.createdBy ?? null,
      })
      .returning();
    return row!;
  }

  async read(key: string): Promise<Buffer> {
    if (key.includes('..')) throw new AppError('CORE-404', 404, 'Tệp không tồn tại.', 'Not found.');
    return fs.promises.readFile(path.join(this.root, key));
  }
}
