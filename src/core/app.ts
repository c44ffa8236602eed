import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/index.js';
import type { Services } from './context.js';
import type { ModuleManifest } from './module.js';

export interface Platform {
  config: Config;
  database: Database;
  services: Services;
  modules: ModuleManifest[];
  app?: FastifyInstance;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Also run the job worker in this process. */
  worker: boolean;
  logStream?: DestinationStream;
}

/**
 * Opens the database (embedded unless DATABASE_URL), applies migrations, registers permissions
 * and base data, seeds the demo on first start in demo mode. With `serve`, the web server is
 * built and made ready while the seed runs; `startServer` then only has to listen.
 *
 * This file imports only what starting the database needs: the rest of the platform (the web
 * stack, every module, pg-boss) is ~2 s of compiling on this 2-core machine and is loaded while
 * initdb and the first start of PostgreSQL, which are other processes, run (issue 9: cold start
 * ≤ 8 s; docs/benchmarks.md has the phases).
 */
export async function openPlatform(
  opts: { config?: Config; migrate?: boolean; seed?: boolean; quiet?: boolean; serve?: ServeOptions } = {},
): Promise<Platform> {
  const config = opts.config ?? loadConfig();
  const log = (m: string) => {
    if (!opts.quiet) process.stderr.write(`${m}\n`);
  };
  const runtimeLoading = import('./app.runtime.js');
  const modulesLoading = runtimeLoading.then((r) => r.discoverModules());
  // Awaited below; if the database fails first, a loading failure must not go unhandled.
  modulesLoading.catch(() => {});
  const started = performance.now();
  const database = await openDatabase(config, log);
  const runtime = await runtimeLoading;
  return runtime.assemblePlatform({ config, database, modulesLoading, started, log, migrate: opts.migrate, seed: opts.seed, serve: opts.serve });
}

/** Registers every permission, loads base data, and the demo data once in demo mode. */
export async function seedPlatform(services: Services, modules: ModuleManifest[], timings?: string[]): Promise<void> {
  const runtime = await import('./app.runtime.js');
  return runtime.seedPlatform(services, modules, timings);
}

/** Starts the jobs (and the worker if asked) and builds the web server, unless `openPlatform`
 * already built it; the caller listens. */
export async function startServer(platform: Platform, opts: ServeOptions): Promise<FastifyInstance> {
  const runtime = await import('./app.runtime.js');
  return runtime.startServer(platform, opts);
}
