import type pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import type { AuditContext } from './audit/audit.js';
import type { Jobs } from './jobs/jobs.js';
import type { FileStore } from './files/files.js';
import type { CalendarService } from './calendar/calendar.service.js';
import type { ClusterBus } from './cluster/bus.js';

/** What every command receives: the services, plus who acts and from where (for the audit row). */
export interface Services {
  config: Config;
  db: Db;
  pool: pg.Pool;
  jobs: Jobs;
  files: FileStore;
  calendar: CalendarService;
  /** invalidations heard by every node (src/core/cluster/bus.ts) */
  bus: ClusterBus;
  log: FastifyBaseLogger | Pick<Console, 'info' | 'warn' | 'error'>;
}

export interface CommandContext extends AuditContext {
  services: Services;
}
