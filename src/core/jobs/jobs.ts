import PgBoss from 'pg-boss';
import type { Tx } from '../db/index.js';

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export interface JobDefinition {
  name: string;
  handler: JobHandler;
  /** cron in Vietnam time, for recurring jobs */
  schedule?: string;
  retryLimit?: number;
}

/**
 * Background jobs on pg-boss, in the same PostgreSQL: several app nodes share one queue and
 * each job runs once. `sendInTx` enqueues inside the caller's transaction, so a job exists
 * exactly when the change that asked for it committed (transactional outbox).
 */
export class Jobs {
  readonly boss: PgBoss;
  private readonly defs = new Map<string, JobDefinition>();
  private started = false;
  private starting?: Promise<void>;

  constructor(connectionString: string) {
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'vanhien-jobs' });
    this.boss.on('error', (err) => process.stderr.write(`pg-boss: ${err.message}\n`));
  }

  define(def: JobDefinition): void {
    this.defs.set(def.name, def);
  }

  /** Idempotent: the start-up begins it while the seed runs, and the server awaits the same one. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      await this.boss.start();
      for (const def of this.defs.values()) {
        await this.boss.createQueue(def.name, { name: def.name, retryLimit: def.retryLimit ?? 5, retryBackoff: true });
      }
      this.started = true;
    })();
    // A failed start may be tried again.
    this.starting.catch(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async work(): Promise<void> {
    for (const def of this.defs.values()) {
      let workerId: string | undefined;
      workerId = await this.boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const job of jobs) await def.handler(job.data as Record<string, unknown>);
        // pg-boss waits its polling interval after every fetch, even one that found a job, so a
        // busy queue drained at one job a second per node (a burst of 20 reset mails: 20 s). A
        // worker that has just done a job looks for the next at once; an idle or failing one
        // still waits the interval.
        if (workerId) this.boss.notifyWorker(workerId);
      });
      if (def.schedule) await this.boss.schedule(def.name, def.schedule, {}, { tz: 'Asia/Ho_Chi_Minh' });
    }
  }

  async sendInTx(tx: Tx, name: string, data: Record<string, unknown>): Promise<void> {
    await this.boss.send(name, data, {
      db: { executeSql: async (text: string, values: unknown[]) => tx.client.query(text, values) },
    });
  }

  async queueDepth(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    if (!this.started) return out;
    for (const name of this.defs.keys()) out[name] = await this.boss.getQueueSize(name);
    return out;
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => {});
    if (this.started) await this.boss.stop({ graceful: true, timeout: 5000 });
    this.started = false;
    this.starting = undefined;
  }
}

