/**
 * The cluster bus: every node of one deployment hears what any node says, through PostgreSQL
 * LISTEN/NOTIFY on the channel `vanhien_bus` (no other moving part: the nodes already share
 * the database). It carries invalidations only — "this changed, drop your copy" — never data
 * that must not be lost: a node that misses a message is covered by `connected` and `onConnect`.
 *
 * The whole API (`services.bus`):
 *
 *   bus.on('news.changed', (payload) => cache.clear());        // every node, this one included
 *   await bus.emit('news.changed', { id });                    // now, through the pool
 *   await bus.emit('news.changed', { id }, tx);                // inside a transaction: sent on COMMIT,
 *                                                              // dropped on ROLLBACK
 *   if (!bus.connected) …read through to the database…        // a cache must not trust itself while deaf
 *   bus.onConnect(() => cache.clear());                        // after a reconnect: messages may have been missed
 *   await bus.sync();                                          // every earlier commit's messages have arrived here
 *
 * Payloads are small JSON (PostgreSQL caps a notification at 8000 bytes): ids, not rows.
 * Handlers run on every node including the sender's; they must be idempotent and cheap.
 * `emit` without a transaction also runs this node's handlers at once and waits (≤ 250 ms) for
 * its own echo, so when it returns PostgreSQL has already handed the message to every listener.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import type { Tx } from '../db/index.js';

export const BUS_CHANNEL = 'vanhien_bus';

export type BusHandler = (payload: unknown) => void;

/** A transaction, a pool or a client: where the NOTIFY is sent. */
export type BusVia = Tx | pg.Pool | pg.ClientBase;

interface Message {
  /** sending node */
  n: string;
  /** per-node sequence, to recognise our own echo */
  s: number;
  t: string;
  p: unknown;
}

export interface BusOptions {
  /** first reconnect delay; doubles up to maxBackoffMs */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  log?: { warn(m: string): void; info?(m: string): void };
}

export class ClusterBus {
  /** this node's id in messages (random per process) */
  readonly nodeId = crypto.randomBytes(6).toString('hex');
  private client: pg.Client | undefined;
  private isConnected = false;
  private stopped = false;
  private seq = 0;
  private backoff: number;
  private retry: NodeJS.Timeout | undefined;
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private readonly connectHandlers = new Set<() => void>();
  private readonly disconnectHandlers = new Set<() => void>();
  private readonly waiting = new Map<number, () => void>();

  constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
    private readonly opts: BusOptions = {},
  ) {
    this.backoff = opts.minBackoffMs ?? 100;
  }

  /** true while this node is listening; false from the moment the connection fails until it is back. */
  get connected(): boolean {
    return this.isConnected;
  }

  /** the LISTEN backend's pid (tests terminate it to prove the bypass) */
  listenerPid: number | undefined;

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = undefined;
    this.setConnected(false);
    if (c) await c.end().catch(() => {});
  }

  on(topic: string, handler: BusHandler): () => void {
    const set = this.handlers.get(topic) ?? new Set<BusHandler>();
    this.handlers.set(topic, set);
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Runs after every (re)connection; notifications sent while this node was deaf are lost. */
  onConnect(handler: () => void): () => void {
    this.connectHandlers.add(handler);
    return () => this.connectHandlers.delete(handler);
  }

  /** Runs when the listening connection is lost. */
  onDisconnect(handler: () => void): () => void {
    this.disconnectHandlers.add(handler);
    return () => this.disconnectHandlers.delete(handler);
  }

  async emit(topic: string, payload: unknown = null, via?: BusVia): Promise<void> {
    const s = ++this.seq;
    const msg: Message = { n: this.nodeId, s, t: topic, p: payload };
    const text = JSON.stringify(msg);
    if (via) {
      const q = 'client' in via && via.client ? via.client : (via as pg.Pool | pg.ClientBase);
      await q.query('SELECT pg_notify($1, $2)', [BUS_CHANNEL, text]);
      return;
    }
    this.dispatch(topic, payload);
    const echo = this.isConnected ? this.waitFor(s, 250) : undefined;
    await this.pool.query('SELECT pg_notify($1, $2)', [BUS_CHANNEL, text]);
    await echo;
  }

  /**
   * Resolves once every notification committed before this call has reached this node:
   * PostgreSQL delivers notifications in commit order, so our own marker comes after them.
   * The web server awaits it before answering a write, so a revocation or page change made by
   * that request is applied here (and on its way to every node) before the client hears back.
   */
  async sync(): Promise<void> {
    if (!this.isConnected) return;
    const s = ++this.seq;
    const echo = this.waitFor(s, 250);
    await this.pool.query('SELECT pg_notify($1, $2)', [BUS_CHANNEL, JSON.stringify({ n: this.nodeId, s, t: 'bus.sync', p: null } satisfies Message)]);
    await echo;
  }

  private waitFor(s: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waiting.delete(s);
        resolve();
      }, ms);
      this.waiting.set(s, () => {
        clearTimeout(t);
        this.waiting.delete(s);
        resolve();
      });
    });
  }

  private dispatch(topic: string, payload: unknown): void {
    for (const h of this.handlers.get(topic) ?? []) {
      try {
        h(payload);
      } catch (err) {
        this.opts.log?.warn(`cluster bus: handler for ${topic} failed: ${(err as Error).message}`);
      }
    }
  }

  private setConnected(v: boolean): void {
    if (this.isConnected === v) return;
    this.isConnected = v;
    for (const h of v ? this.connectHandlers : this.disconnectHandlers) {
      try {
        h();
      } catch (err) {
        this.opts.log?.warn(`cluster bus: ${v ? 'connect' : 'disconnect'} handler failed: ${(err as Error).message}`);
      }
    }
    if (!v) for (const w of [...this.waiting.values()]) w();
  }

  private async connect(): Promise<void> {
    // A dedicated client, not one from the pool: LISTEN belongs to a session, and a pooled
    // connection would be handed to a query that then hears (and eats) our notifications.
    const client = new pg.Client({ connectionString: this.url, application_name: 'vanhien-bus', keepAlive: true });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.listenerPid = undefined;
      this.setConnected(false);
      client.end().catch(() => {});
      if (!this.stopped) {
        this.opts.log?.warn(`cluster bus: connection lost${err ? ` (${err.message})` : ''}; retrying in ${this.backoff} ms`);
        this.scheduleReconnect();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      if (n.channel !== BUS_CHANNEL || !n.payload) return;
      let msg: Message;
      try {
        msg = JSON.parse(n.payload) as Message;
      } catch {
        return;
      }
      if (msg.n === this.nodeId) {
        // Our own handlers already ran in emit(); this echo only says delivery happened.
        const w = this.waiting.get(msg.s);
        if (w) w();
        else this.dispatch(msg.t, msg.p);
        return;
      }
      this.dispatch(msg.t, msg.p);
    });
    this.client = client;
    try {
      await client.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await client.query(`LISTEN ${BUS_CHANNEL}`);
      if (this.client !== client) return;
      this.listenerPid = rows[0]?.pid;
      this.backoff = this.opts.minBackoffMs ?? 100;
      this.setConnected(true);
    } catch (err) {
      lost(err as Error);
      if (!this.stopped && this.retry === undefined) throw err;
    }
  }

  private scheduleReconnect(): void {
    if (this.retry) return;
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.opts.maxBackoffMs ?? 5_000);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.stopped) return;
      this.connect().catch(() => {});
    }, delay);
    this.retry.unref();
  }
}
