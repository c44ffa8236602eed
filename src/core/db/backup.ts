import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync, spawnSync } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import tar from 'tar-stream';
import type { Config } from '../config.js';
import { DataDirLockedError, attachRunningEmbedded, embeddedInUse, pgDataDir, startEmbedded } from './embedded.js';

/**
 * `vanhien backup` / `vanhien restore`: one .tar.gz holding a manifest, the database and the
 * uploaded files of the local store. On the embedded default the database part is a physical base
 * backup taken online (the embedded package ships no pg_dump); with DATABASE_URL it is a pg_dump
 * custom-format dump. See docs/decisions/012-backup-on-embedded.md.
 */

export const MANIFEST = 'vanhien-backup.json';

export interface BackupManifest {
  format: 1;
  kind: 'base-backup' | 'pg_dump';
  createdAt: string;
  serverVersion: string;
  /** 'local': under files/ in this archive; 's3': NOT in this archive. */
  files: 'local' | 's3';
}

export class BackupError extends Error {}

/** Not part of a base backup (PostgreSQL's own list for pg_basebackup): runtime state rebuilt at start. */
const SKIP_CONTENTS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'backup_label.old']);

function log(m: string) {
  process.stderr.write(`${m}\n`);
}

/** Adds one file, reading at most the size seen at stat time: a relation file PostgreSQL extends
 * while it is copied is fixed by WAL replay, and a shrunk one is padded like pg_basebackup does. */
async function addFile(pack: tar.Pack, full: string, name: string): Promise<void> {
  let fd: fs.promises.FileHandle;
  try {
    fd = await fs.promises.open(full, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // dropped table: WAL replay knows
    throw err;
  }
  try {
    const st = await fd.stat();
    const size = st.size;
    await new Promise<void>((resolve, reject) => {
      const sink = pack.entry({ name, size, mode: st.mode & 0o777, mtime: st.mtime, type: 'file' }, undefined, (err) => (err ? reject(err) : resolve()));
      (async () => {
        const chunk = Buffer.alloc(1 << 20);
        let done = 0;
        while (done < size) {
          const want = Math.min(chunk.length, size - done);
          const { bytesRead } = await fd.read(chunk, 0, want, done);
          const part = bytesRead === 0 ? Buffer.alloc(want) : Buffer.from(chunk.subarray(0, bytesRead));
          done += part.length;
          if (!sink.write(part)) await new Promise((r) => sink.once('drain', r));
        }
        sink.end();
      })().catch(reject);
    });
  } finally {
    await fd.close();
  }
}

async function addTree(pack: tar.Pack, root: string, prefix: string, skip: (rel: string, isDir: boolean) => 'skip' | 'empty' | 'keep'): Promise<void> {
  const walk = async (rel: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(root, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const verdict = skip(r, e.isDirectory());
      if (verdict === 'skip') continue;
      if (e.isDirectory()) {
        pack.entry({ name: `${prefix}/${r}/`, type: 'directory', mode: 0o700 });
        if (verdict === 'keep') await walk(r);
      } else if (e.isFile()) {
        await addFile(pack, path.join(root, r), `${prefix}/${r}`);
      }
    }
  };
  await walk('');
}

/**
 * Writes the archive to `<file>.partial`, fsyncs it and renames it only once complete: a failed
 * run never leaves a file that looks like a backup.
 */
async function writeArchive(file: string, fill: (pack: tar.Pack) => Promise<void>): Promise<void> {
  const partial = `${file}.partial`;
  const pack = tar.pack();
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  const done = pipeline(pack, zlib.createGzip({ level: 6 }), out);
  try {
    // A failing output (disk full) must end the run, not leave fill() waiting on a dead stream.
    await Promise.race([fill(pack), done.then(() => {})]);
    pack.finalize();
    await done;
    const fd = fs.openSync(partial, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
  } catch (err) {
    pack.destroy();
    await done.catch(() => {});
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

function addJson(pack: tar.Pack, name: string, value: unknown): void {
  pack.entry({ name, mode: 0o600 }, `${JSON.stringify(value, null, 2)}\n`);
}

function filesPart(config: Config): 'local' | 's3' {
  if (config.s3.endpoint) {
    log(
      `CẢNH BÁO / WARNING: tệp tải lên nằm trên S3 (${config.s3.bucket}) và KHÔNG có trong bản sao lưu này; sao lưu bucket riêng.\n` +
        `Uploaded files live in S3 bucket ${config.s3.bucket} and are NOT in this backup: back the bucket up separately.`,
    );
    return 's3';
  }
  return 'local';
}

function toolMajor(bin: string): number {
  let out: string;
  try {
    out = execFileSync(bin, ['--version'], { encoding: 'utf8' });
  } catch {
    throw new BackupError(`Không tìm thấy ${bin} trong PATH: cài gói máy khách PostgreSQL cùng phiên bản với máy chủ. / ${bin} not found in PATH.`);
  }
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(out);
  if (!m) throw new BackupError(`Không đọc được phiên bản của ${bin}: ${out.trim()}`);
  return Number(m[1]);
}

async function serverVersion(url: string): Promise<{ text: string; major: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT current_setting('server_version') AS text, current_setting('server_version_num')::int AS num`);
    return { text: rows[0].text, major: Math.floor(rows[0].num / 10000) };
  } finally {
    await client.end();
  }
}

/** pg_dump/pg_restore older than the server cannot read its catalogue (issue 9, finding 10: a
 * pg_dump 15 against the embedded 17 failed and left an empty file); refuse before starting. */
async function requireMatchingTool(bin: string, url: string): Promise<string> {
  const [tool, server] = [toolMajor(bin), await serverVersion(url)];
  if (tool < server.major) {
    throw new BackupError(
      `${bin} phiên bản ${tool} cũ hơn máy chủ PostgreSQL ${server.text}: hãy dùng ${bin} ${server.major} (đặt nó lên đầu PATH). / ` +
        `${bin} ${tool} is older than the server (${server.text}); put ${bin} ${server.major} first in PATH.`,
    );
  }
  return server.text;
}

/** The online base backup: pg_backup_start, copy the data directory, pg_backup_stop, then the WAL
 * from the start to the stop position, which a temporary replication slot keeps from recycling. */
async function addBaseBackup(pack: tar.Pack, adminUrl: string, pgDir: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'vanhien-backup' });
  await client.connect();
  try {
    await client.query(`SELECT pg_create_physical_replication_slot($1, true, true)`, [`vanhien_backup_${process.pid}`]);
    const start = await client.query(`SELECT pg_walfile_name(lsn) AS seg FROM pg_backup_start('vanhien backup', true) AS lsn`);
    const startSeg = start.rows[0].seg as string;
    await addTree(pack, pgDir, 'postgres', (rel, isDir) => {
      const top = rel.split('/')[0]!;
      if (!rel.includes('/') && SKIP_FILES.has(rel)) return 'skip';
      if (rel.endsWith('.tmp')) return 'skip';
      if (SKIP_CONTENTS.has(top)) return rel === top && isDir ? 'empty' : 'skip';
      return 'keep';
    });
    const stop = await client.query(`SELECT pg_walfile_name(lsn) AS seg, labelfile, spcmapfile FROM pg_backup_stop(false)`);
    const { seg: stopSeg, labelfile, spcmapfile } = stop.rows[0] as { seg: string; labelfile: string; spcmapfile: string };
    pack.entry({ name: 'postgres/backup_label', mode: 0o600 }, labelfile);
    if (spcmapfile) pack.entry({ name: 'postgres/tablespace_map', mode: 0o600 }, spcmapfile);
    pack.entry({ name: 'postgres/pg_wal/archive_status/', type: 'directory', mode: 0o700 });
    // Segment names of one timeline sort as their positions do.
    const segments = (await fs.promises.readdir(path.join(pgDir, 'pg_wal'))).filter((n) => /^[0-9A-F]{24}$/.test(n) && n >= startSeg && n <= stopSeg).sort();
    if (!segments.includes(startSeg) || !segments.includes(stopSeg)) throw new BackupError(`WAL segment missing from ${startSeg} to ${stopSeg}`);
    for (const s of segments) await addFile(pack, path.join(pgDir, 'pg_wal', s), `postgres/pg_wal/${s}`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function addLocalFiles(pack: tar.Pack, config: Config): Promise<void> {
  await addTree(pack, path.join(config.dataDir, 'files'), 'files', () => 'keep');
}

/** `vanhien backup FILE`. */
export async function backup(config: Config, file: string): Promise<BackupManifest> {
  try {
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
  } catch {
    throw new BackupError(`Không ghi được vào thư mục của ${file}. / Cannot write to the folder of ${file}.`);
  }
  const files = filesPart(config);
  let manifest: BackupManifest | undefined;
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    const version = await requireMatchingTool('pg_dump', url);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-backup-'));
    try {
      const dump = path.join(tmp, 'database.dump');
      const res = spawnSync('pg_dump', ['--format=custom', `--file=${dump}`, url], { stdio: ['ignore', 'inherit', 'inherit'] });
      if (res.status !== 0) throw new BackupError(`pg_dump thất bại (mã ${res.status ?? res.error?.message}). / pg_dump failed.`);
      manifest = { format: 1, kind: 'pg_dump', createdAt: new Date().toISOString(), serverVersion: version, files };
      await writeArchive(file, async (pack) => {
        addJson(pack, MANIFEST, manifest);
        await addFile(pack, dump, 'database.dump');
        if (files === 'local') await addLocalFiles(pack, config);
      });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return manifest;
  }

  const pgDir = pgDataDir(config.dataDir);
  // A running server (`vanhien serve`) is backed up online; otherwise this command starts it.
  const attached = await attachRunningEmbedded(config.dataDir);
  const own = attached ? undefined : await startEmbedded(config.dataDir, config.embeddedPgPort, log);
  try {
    const url = attached ?? own!.url;
    manifest = { format: 1, kind: 'base-backup', createdAt: new Date().toISOString(), serverVersion: (await serverVersion(url)).text, files };
    await writeArchive(file, async (pack) => {
      // First, so restore reads what the archive is without unpacking it.
      addJson(pack, MANIFEST, manifest);
      await addBaseBackup(pack, url, pgDir);
      if (files === 'local') await addLocalFiles(pack, config);
    });
  } finally {
    await own?.stop();
  }
  return manifest!;
}

function safeEntryName(name: string): string {
  const n = path.posix.normalize(name);
  if (n.startsWith('/') || n.startsWith('..') || n.includes('\0')) throw new BackupError(`Tên mục không hợp lệ trong bản sao lưu: ${name}`);
  return n;
}

/** Reads the archive once, handing each entry to `onEntry` (which must consume or drain it). */
async function readArchive(file: string, onEntry: (name: string, header: tar.Headers, stream: NodeJS.ReadableStream) => Promise<void>): Promise<void> {
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    onEntry(safeEntryName(header.name), header, stream).then(
      () => next(),
      (err) => {
        stream.resume();
        next(err);
      },
    );
  });
  await pipeline(fs.createReadStream(file), zlib.createGunzip(), extract);
}

async function writeEntry(stream: NodeJS.ReadableStream, target: string, mode: number): Promise<void> {
  await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
  await pipeline(stream, fs.createWriteStream(target, { mode }));
  await fs.promises.chmod(target, mode);
}

function postgresOwner(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  return { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) };
}

function chownTree(dir: string, owner: { uid: number; gid: number }): void {
  fs.chownSync(dir, owner.uid, owner.gid);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(p, owner);
    else fs.chownSync(p, owner.uid, owner.gid);
  }
}

/** The manifest is the archive's first entry: read it and stop, without unpacking the rest. */
async function readManifest(file: string): Promise<BackupManifest> {
  const input = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  const extract = tar.extract();
  let manifest: BackupManifest | undefined;
  try {
    manifest = await new Promise<BackupManifest | undefined>((resolve, reject) => {
      input.on('error', reject);
      gunzip.on('error', reject);
      extract.on('error', reject);
      extract.on('finish', () => resolve(undefined));
      extract.on('entry', (header, stream) => {
        if (header.name !== MANIFEST) return resolve(undefined);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (err) {
            reject(err);
          }
        });
      });
      input.pipe(gunzip).pipe(extract);
    });
  } catch (err) {
    throw new BackupError(`${file} không đọc được như một bản sao lưu (${(err as Error).message}). / Not a readable vanhien backup.`);
  } finally {
    input.destroy();
    gunzip.destroy();
    extract.destroy();
  }
  if (manifest?.format !== 1) throw new BackupError(`${file} không phải bản sao lưu của vanhien backup. / Not a vanhien backup.`);
  return manifest;
}

/**
 * `vanhien restore FILE`. On the embedded default the server must be stopped: the current data
 * directory is moved aside (never deleted) and the base backup put in its place; PostgreSQL replays
 * the WAL in it at the next start. With DATABASE_URL, pg_restore --clean into that database.
 */
export async function restore(config: Config, file: string): Promise<{ manifest: BackupManifest; movedAside?: string }> {
  if (!fs.existsSync(file)) throw new BackupError(`Không tìm thấy tệp ${file}. / File not found.`);
  const manifest = await readManifest(file);
  const filesDir = path.join(config.dataDir, 'files');
  let movedAside: string | undefined;

  if (manifest.kind === 'pg_dump') {
    if (!config.databaseUrl) throw new BackupError('Bản sao lưu này là pg_dump: đặt DATABASE_URL tới máy chủ cần khôi phục. / This is a pg_dump backup: set DATABASE_URL.');
    await requireMatchingTool('pg_restore', config.databaseUrl);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-restore-'));
    try {
      await readArchive(file, async (name, _h, stream) => {
        if (name === 'database.dump') await writeEntry(stream, path.join(tmp, 'database.dump'), 0o600);
        else if (name.startsWith('files/') && !name.endsWith('/')) await writeEntry(stream, path.join(filesDir, name.slice(6)), 0o640);
        else stream.resume();
      });
      const res = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, path.join(tmp, 'database.dump')], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      if (res.status !== 0) throw new BackupError(`pg_restore thất bại (mã ${res.status ?? res.error?.message}). / pg_restore failed.`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return { manifest };
  }

  if (config.databaseUrl) throw new BackupError('Bản sao lưu này là của PostgreSQL nhúng: bỏ DATABASE_URL để khôi phục. / An embedded base backup: unset DATABASE_URL.');
  const pgDir = pgDataDir(config.dataDir);
  const busy = embeddedInUse(config.dataDir);
  if (busy) {
    throw new DataDirLockedError(
      `Thư mục dữ liệu ${config.dataDir} đang được dùng (${busy}): dừng vanhien serve trước khi khôi phục. / Stop the server before restoring.`,
    );
  }
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o750 });
  const incoming = `${pgDir}.restoring`;
  fs.rmSync(incoming, { recursive: true, force: true });
  fs.mkdirSync(incoming, { mode: 0o700 });
  await readArchive(file, async (name, header, stream) => {
    if (name.startsWith('postgres/')) {
      const target = path.join(incoming, name.slice('postgres/'.length));
      if (header.type === 'directory') {
        await fs.promises.mkdir(target, { recursive: true, mode: 0o700 });
        stream.resume();
      } else await writeEntry(stream, target, 0o600);
    } else if (name.startsWith('files/') && header.type !== 'directory') {
      await writeEntry(stream, path.join(filesDir, name.slice('files/'.length)), 0o640);
    } else stream.resume();
  });
  if (!fs.existsSync(path.join(incoming, 'PG_VERSION')) || !fs.existsSync(path.join(incoming, 'backup_label'))) {
    fs.rmSync(incoming, { recursive: true, force: true });
    throw new BackupError(`${file} không chứa bản sao cơ sở dữ liệu đầy đủ. / The archive holds no complete base backup.`);
  }
  const owner = postgresOwner();
  if (owner) chownTree(incoming, owner);
  if (fs.existsSync(pgDir)) {
    movedAside = `${pgDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(pgDir, movedAside);
  }
  fs.renameSync(incoming, pgDir);
  return { manifest, movedAside };
}
