import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/index.js';
import { runMigrations } from './db/migrate.js';
import type { Services } from './context.js';
import { Jobs } from './jobs/jobs.js';
import { createFileStore } from './files/files.js';
import { CalendarService } from './calendar/calendar.service.js';
import { ClusterBus } from './cluster/bus.js';
import type { ModuleManifest } from './module.js';
import { buildServer } from './web/server.js';
import { MAIL_JOB, mailJobHandler } from './mail/mail.js';
import { upsertPermissions } from './org/org.repository.js';
import { CORE_PERMISSIONS } from './permissions.js';
import { seedBase, seedDemo, seedDemoUnitStaff } from './seed.js';
import { identityRoutes } from './identity/identity.routes.js';
import { identityJobs } from './identity/identity.commands.js';
import { adminRoutes } from './admin/admin.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { placesRoutes } from './places/places.routes.js';
import { seedDemoPlaces } from './places/index.js';
import type { Platform, ServeOptions } from './app.js';

export { discoverModules } from './module.js';

const stderrLog = {
  info: (m: unknown) => process.stderr.write(`${typeof m === 'string' ? m : JSON.stringify(m)}\n`),
  warn: (m: unknown) => process.stderr.write(`${typeof m === 'string' ? m : JSON.stringify(m)}\n`),
  error: (m: unknown) => process.stderr.write(`${typeof m === 'string' ? m : JSON.stringify(m)}\n`),
};

/** The part of `openPlatform` after the database is up (app.ts says why it is split). */
export async function assemblePlatform(o: {
  config: Config;
  database: Database;
  modulesLoading: Promise<ModuleManifest[]>;
  started: number;
  log: (m: string) => void;
  migrate?: boolean;
  seed?: boolean;
  serve?: ServeOptions;
}): Promise<Platform> {
  const { config, database } = o;
  // Each phase's time goes to the start-up line: the cold start is a goal (issue 9, ≤ 8 s), so an
  // operator and the bench can see which phase grew.
  const phases: string[] = [];
  let mark = o.started;
  const phase = (name: string) => {
    const now = performance.now();
    phases.push(`${name} ${((now - mark) / 1000).toFixed(1)} s`);
    mark = now;
  };
  phase('database');
  let jobs: Jobs | undefined;
  let bus: ClusterBus | undefined;
  let building: Promise<FastifyInstance> | undefined;
  try {
    jobs = new Jobs(database.url);
    bus = new ClusterBus(database.url, database.pool, { log: stderrLog, minBackoffMs: config.busRetryMs });
    await bus.start();
    const services: Services = {
      config,
      db: database.db,
      pool: database.pool,
      jobs,
      files: createFileStore(config),
      calendar: new CalendarService(database.db, undefined, bus),
      bus,
      log: stderrLog,
    };
    const modules = await o.modulesLoading;
    phase('modules');
    if (o.migrate !== false) await runMigrations(database.pool);
    phase('migrations');
    jobs.define({ name: MAIL_JOB, handler: mailJobHandler(database.db, config), retryLimit: 8 });
    for (const def of identityJobs(services)) jobs.define(def);
    for (const m of modules) for (const def of m.jobs?.(services) ?? []) jobs.define(def);
    // pg-boss's schema and queues, and the web server's routes, plugins and schemas, need no data:
    // they are made while the seed waits on PostgreSQL, which takes ~0.5 s off the cold start
    // (issue 9). Not during the migrations: those are one statement after another, and building
    // the server beside them made them 1.1 s slower than it saved (docs/benchmarks.md).
    let jobsStarting: Promise<void> | undefined;
    if (o.serve) {
      jobsStarting = jobs.start();
      jobsStarting.catch(() => {});
      building = buildPlatformServer(services, modules, o.serve).then(async (app) => {
        await app.ready();
        return app;
      });
      building.catch(() => {});
    }
    if (o.seed !== false) await seedPlatform(services, modules, phases);
    phase('seed');
    if (jobsStarting) await jobsStarting;
    const app = building ? await building : undefined;
    if (building) phase('server');
    o.log(`start-up phases: ${phases.join(', ')}`);
    const platform: Platform = {
      config,
      database,
      services,
      modules,
      app,
      async close() {
        if (platform.app) {
          const server = platform.app.server;
          const closing = platform.app.close();
          // Fastify closes the connections idle when it stops; one still answering a request is
          // then kept alive until its timeout (measured: 5 s) once it is done. Close each as it frees.
          const sweep = setInterval(() => server.closeIdleConnections(), 100);
          await closing.finally(() => clearInterval(sweep));
        }
        await services.jobs.stop().catch(() => {});
        await services.bus?.stop();
        await database.close();
      },
    };
    return platform;
  } catch (err) {
    if (building) await building.then((app) => app.close()).catch(() => {});
    await jobs?.stop().catch(() => {});
    await bus?.stop().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
}

/** Registers every permission, loads base data, and the demo data once in demo mode. */
export async function seedPlatform(services: Services, modules: ModuleManifest[], timings?: string[]): Promise<void> {
  const timed = async <T>(name: string, step: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await step();
    const ms = performance.now() - t0;
    if (timings && ms >= 100) timings.push(`${name} ${(ms / 1000).toFixed(1)} s`);
    return result;
  };
  await timed('permissions', () =>
    upsertPermissions(services.db, [
      ...CORE_PERMISSIONS.map((p) => ({ ...p, owner: 'core' })),
      ...modules.flatMap((m) => m.permissions.map((p) => ({ ...p, owner: m.name }))),
    ]),
  );
  await timed('base', () => seedBase(services));
  for (const m of modules) await timed(`base ${m.name}`, async () => m.seed?.(services, { demo: false }));
  if (services.config.demo) {
    const created = await timed('demo core', () => seedDemo(services));
    await timed('demo staff', () => seedDemoUnitStaff(services));
    // Before the modules' demo: their records (heritage sites, indicator areas) name these units.
    await timed('demo places', () => seedDemoPlaces(services));
    // The modules' demo records are independent of each other (each names only core data: units,
    // places, roles, seeded above), so they are written side by side: most of a demo seed is
    // waiting on PostgreSQL or on sharp's threads, and one after another they were ~3 s of the
    // cold start (issue 9, ≤ 8 s). The audit chain serialises its own rows (audit.ts).
    if (created) await Promise.all(modules.map((m) => timed(`demo ${m.name}`, async () => m.seed?.(services, { demo: true }))));
  }
}

function buildPlatformServer(services: Services, modules: ModuleManifest[], opts: ServeOptions): Promise<FastifyInstance> {
  return buildServer(services, {
    modules,
    coreRoutes: [identityRoutes, adminRoutes, calendarRoutes, placesRoutes],
    logStream: opts.logStream,
  });
}

export async function startServer(platform: Platform, opts: ServeOptions): Promise<FastifyInstance> {
  await platform.services.jobs.start();
  if (opts.worker) await platform.services.jobs.work();
  platform.app ??= await buildPlatformServer(platform.services, platform.modules, opts);
  return platform.app;
}
