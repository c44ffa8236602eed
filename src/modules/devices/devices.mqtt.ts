import net from 'node:net';
import type pg from 'pg';
import { Aedes } from 'aedes';
import { createRequire } from 'node:module';
import type MqttLib from 'mqtt';
import type { Services } from '../../core/context.js';
import { logOf } from './devices.keys.js';
import { AppError } from '../../core/errors.js';
import { type CountBuffer, type DeviceDirectory, DeviceErrors, parseMessage, type RejectionLog } from './devices.ingest.js';
import { secretMatches } from './devices.keys.js';

export const COUNTS_TOPIC = /^vanhien\/devices\/([a-z0-9][a-z0-9-]{1,62})\/counts$/;
export const countsTopic = (id: string) => `vanhien/devices/${id}/counts`;

/** One node of a deployment takes MQTT ingestion: whoever holds this advisory lock (ADR 014). */
const LEADER_LOCK = 'vanhien.devices.mqtt';

interface Parts {
  s: Services;
  dir: DeviceDirectory;
  buffer: CountBuffer;
  rejections: RejectionLog;
}

const codeOf = (err: unknown) => (err instanceof AppError ? err.code : 'DEV-500');
const detailOf = (err: unknown) =>
  err instanceof AppError ? `${err.vi}${err.fields ? ` ${Object.keys(err.fields).slice(0, 5).join(', ')}` : ''}` : String((err as Error)?.message ?? err);

/**
 * The embedded broker (no MQTT_URL): each camera signs in with its id and secret, may publish only
 * to its own topic, and its QoS 1 message is acknowledged only once the counts are committed:
 * Aedes sends PUBACK after `authorizePublish` calls back, so the callback waits for the commit.
 * Refused input closes the camera's connection (MQTT 3.1.1 has no other way to say no) and is
 * logged; the broker itself never throws for it.
 */
export async function startEmbeddedBroker(p: Parts, port: number, host: string): Promise<{ port: number; close(): Promise<void> }> {
  const { s, dir, buffer, rejections } = p;
  const broker = new Aedes({ maxClientsIdLength: 64, heartbeatInterval: 3_600_000, drainTimeout: 30_000, connectTimeout: 10_000 });
  const deviceOf = new WeakMap<object, string>();

  broker.authenticate = (client, username, password, done) => {
    const id = username ?? '';
    dir.get(id).then(
      (device) => {
        if (!device || !password || !secretMatches(password.toString('utf8'), device.key)) {
          rejections.record(id || null, 'mqtt', 'DEV-200', device ? 'sai mật khẩu MQTT' : 'thiết bị không tồn tại');
          return done(Object.assign(new Error('bad credentials'), { returnCode: 4 }) as never, false);
        }
        if (device.status !== 'active') {
          rejections.record(id, 'mqtt', 'DEV-203', 'thiết bị đã ngừng sử dụng');
          return done(Object.assign(new Error('disabled'), { returnCode: 5 }) as never, false);
        }
        deviceOf.set(client, id);
        done(null, true);
      },
      (err) => done(Object.assign(new Error(String(err)), { returnCode: 3 }) as never, false),
    );
  };

  broker.authorizeSubscribe = (_client, _sub, done) => done(null, null as never);

  broker.authorizePublish = (client, packet, done) => {
    const id = client ? deviceOf.get(client) : undefined;
    if (!client || !id || packet.topic !== countsTopic(id)) {
      rejections.record(id ?? null, 'mqtt', 'DEV-300', `chủ đề không được phép: ${packet.topic.slice(0, 100)}`);
      return done(new Error('topic not allowed'));
    }
    dir
      .get(id)
      .then(async (device) => {
        if (device?.status !== 'active') throw DeviceErrors.disabled();
        const out = await buffer.add(parseMessage(device!, packet.payload as Buffer));
        if (out.replays.length) throw DeviceErrors.replay({});
        done(null);
      })
      .catch((err) => {
        rejections.record(id, 'mqtt', codeOf(err), detailOf(err));
        done(err instanceof Error ? err : new Error(String(err)));
      });
  };
  broker.on('clientError', () => {});
  broker.on('connectionError', () => {});

  // Aedes 1.x sets up its persistence in listen(); until then it answers no CONNECT.
  await broker.listen();
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as net.AddressInfo).port;
  logOf(s).info(`devices: MQTT broker (embedded) on ${host}:${bound}`);
  return {
    port: bound,
    async close() {
      await new Promise<void>((r) => broker.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
      await buffer.drain();
    },
  };
}

type SendPacket = (packet: { cmd: string; messageId?: number }, cb?: (err?: Error) => void, cbStorePut?: unknown) => void;

/**
 * An external broker (MQTT_URL, e.g. the machine's Mosquitto): the broker authenticates the
 * cameras; here we check that the device exists, is active and that the payload names it.
 * A persistent session (clean: false, a fixed client id) makes the broker keep what arrived while
 * this node was down. mqtt.js handles one message at a time and acknowledges when handleMessage
 * calls back; to batch the writes, each PUBACK is held until that message's commit, in arrival
 * order (MQTT-4.6.0-2). A failed write sends no PUBACK and reconnects, so the broker redelivers.
 */
export function startSubscriber(p: Parts, url: string, clientId: string): { close(): Promise<void> } {
  const { s, dir, buffer, rejections } = p;
  // Required here: only a node with MQTT_URL subscribes; the client took ~0.25 s of every start.
  const mqtt = createRequire(import.meta.url)('mqtt') as typeof MqttLib;
  const client = mqtt.connect(url, { clientId, clean: false, reconnectPeriod: 1000, connectTimeout: 10_000 });
  const pending = new Map<number, Promise<void>>();
  let chain: Promise<void> = Promise.resolve();

  const handle = async (topic: string, payload: Buffer): Promise<void> => {
    const m = COUNTS_TOPIC.exec(topic);
    const id = m?.[1] ?? null;
    try {
      const device = id ? await dir.get(id) : undefined;
      if (!device) throw DeviceErrors.unauthenticated();
      if (device.status !== 'active') throw DeviceErrors.disabled();
      const out = await buffer.add(parseMessage(device, payload));
      if (out.replays.length) throw DeviceErrors.replay({});
    } catch (err) {
      // Acknowledged and dropped: the broker would only redeliver the same bad message.
      if (err instanceof AppError) rejections.record(id, 'mqtt', err.code, detailOf(err));
      else throw err;
    }
  };

  client.handleMessage = (packet, cb) => {
    const work = handle(packet.topic, packet.payload as Buffer);
    if (packet.qos > 0 && packet.messageId !== undefined) pending.set(packet.messageId, work);
    else work.catch(() => {});
    cb();
  };
  const internal = client as unknown as { _sendPacket: SendPacket };
  const send = internal._sendPacket.bind(client);
  internal._sendPacket = (packet, cb, cbStorePut) => {
    const work = packet.cmd === 'puback' && packet.messageId !== undefined ? pending.get(packet.messageId) : undefined;
    if (!work) return send(packet, cb, cbStorePut);
    pending.delete(packet.messageId!);
    const ordered = chain.then(() => work);
    chain = ordered.then(
      () => send(packet, undefined, cbStorePut),
      (err) => {
        logOf(s).error(`devices: counts from MQTT not stored, reconnecting for redelivery: ${String(err)}`);
        client.end(true, {}, () => client.reconnect());
      },
    );
    cb?.();
  };
  client.on('connect', () => {
    client.subscribe('vanhien/devices/+/counts', { qos: 1 }, (err) => {
      if (err) logOf(s).error(`devices: MQTT subscribe failed: ${err.message}`);
      else logOf(s).info(`devices: subscribed to ${url.replace(/\/\/[^@]*@/, '//***@')} as ${clientId}`);
    });
  });
  client.on('error', (err) => logOf(s).warn(`devices: MQTT ${url.replace(/\/\/[^@]*@/, '//***@')}: ${err.message}`));
  return {
    async close() {
      await chain.catch(() => {});
      await buffer.drain();
      await client.endAsync(true);
    },
  };
}

/**
 * Runs `start` while this node holds the ingestion lock, on its own connection: the lock goes
 * with the connection, so a killed node releases it and another takes over within `retryMs`.
 */
export function whileLeader(s: Services, start: () => Promise<{ close(): Promise<void> }>, retryMs = 10_000): { close(): Promise<void> } {
  let stopped = false;
  let conn: pg.PoolClient | undefined;
  let running: { close(): Promise<void> } | undefined;
  let timer: NodeJS.Timeout | undefined;

  const release = async () => {
    const r = running;
    running = undefined;
    await r?.close().catch(() => {});
    const c = conn;
    conn = undefined;
    // Destroyed, not returned to the pool: a pooled connection would keep holding the lock.
    c?.release(true);
  };

  const attempt = async () => {
    timer = undefined;
    if (stopped) return;
    try {
      conn = await s.pool.connect();
      conn.on('error', () => {
        logOf(s).warn('devices: lost the ingestion lock connection; stopping MQTT ingestion on this node');
        void release().then(() => {
          if (!stopped) timer = setTimeout(attempt, retryMs);
        });
      });
      const { rows } = await conn.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [LEADER_LOCK]);
      if (!rows[0]?.ok) {
        await release();
        if (!stopped) timer = setTimeout(attempt, retryMs);
        return;
      }
      running = await start();
    } catch (err) {
      logOf(s).error(`devices: MQTT ingestion not started: ${String(err)}`);
      await release();
      if (!stopped) timer = setTimeout(attempt, retryMs);
    }
  };
  void attempt();
  return {
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await release();
    },
  };
}
