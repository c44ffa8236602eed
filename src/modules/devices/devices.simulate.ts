import mqtt from 'mqtt';
import { countsTopic } from './devices.mqtt.js';

/**
 * `vanhien devices simulate`: cameras that behave like the real ones. Each sends 1-interval
 * counts (QoS 1 over MQTT, or batches over HTTP retried until answered), keeps what was not
 * acknowledged and sends it again after a reconnect, and reports what it generated, so a test or
 * the bench can compare the platform's totals with the cameras'.
 */
export interface SimulateOptions {
  /** device ids; they must be registered with `secret` */
  ids: string[];
  secret: string;
  /** intervals per second, all cameras together */
  rate: number;
  durationS: number;
  mqttUrl?: string;
  httpUrl?: string;
  /** seconds per interval (1 keeps a long run inside one day) */
  seconds?: number;
  /** first interval start (ms); default: now − rate × duration × seconds / cameras, whole seconds */
  baseMs?: number;
  /** HTTP intervals per request */
  batch?: number;
  /** stop waiting for acknowledgements after this long once sending ends */
  settleMs?: number;
  log?: (line: string) => void;
}

export interface SimulateResult {
  intervals: number;
  entries: number;
  exits: number;
  acknowledged: number;
  viaMqtt: number;
  viaHttp: number;
  refused: number;
  elapsedMs: number;
  perDevice: Record<string, { intervals: number; entries: number; exits: number }>;
}

/** Deterministic counts (a small LCG per camera): the same run sends the same figures. */
function counts(seed: number, i: number): [number, number] {
  const x = (Math.imul(seed ^ (i * 2654435761), 1103515245) + 12345) >>> 0;
  const entries = x % 6;
  return [entries, (x >>> 8) % (entries + 1)];
}

export async function simulate(o: SimulateOptions): Promise<SimulateResult> {
  if (!o.mqttUrl && !o.httpUrl) throw new Error('--mqtt or --http is needed');
  const seconds = o.seconds ?? 1;
  const perCamera = Math.ceil((o.rate * o.durationS) / o.ids.length);
  const baseMs = o.baseMs ?? Math.floor((Date.now() - (perCamera + 5) * seconds * 1000) / 1000) * 1000;
  // Sequence numbers unique across runs of the simulator: the interval start in seconds.
  const seqOf = (i: number) => Math.floor(baseMs / 1000) + i * seconds;
  const res: SimulateResult = { intervals: 0, entries: 0, exits: 0, acknowledged: 0, viaMqtt: 0, viaHttp: 0, refused: 0, elapsedMs: 0, perDevice: {} };
  const pending: Promise<unknown>[] = [];
  const clients: mqtt.MqttClient[] = [];
  const httpQueues = new Map<string, object[]>();
  const started = Date.now();

  const cams = o.ids.map((id, k) => {
    const via: 'mqtt' | 'http' = o.mqttUrl && o.httpUrl ? (k % 2 === 0 ? 'mqtt' : 'http') : o.mqttUrl ? 'mqtt' : 'http';
    res.perDevice[id] = { intervals: 0, entries: 0, exits: 0 };
    let client: mqtt.MqttClient | undefined;
    if (via === 'mqtt') {
      client = mqtt.connect(o.mqttUrl!, { clientId: id, username: id, password: o.secret, clean: false, reconnectPeriod: 300, connectTimeout: 5000 });
      client.on('error', () => {});
      clients.push(client);
    } else httpQueues.set(id, []);
    return { id, via, client, next: 0, seed: k + 1 };
  });
  await Promise.all(cams.filter((c) => c.client).map((c) => new Promise<void>((r) => c.client!.once('connect', () => r()))));

  async function postHttp(id: string, intervals: object[]) {
    const body = JSON.stringify({ intervals });
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await fetch(`${o.httpUrl!.replace(/\/$/, '')}/api/v1/devices/${id}/counts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${o.secret}` },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        if (r.ok) {
          res.acknowledged += intervals.length;
          return;
        }
        if (r.status < 500) {
          res.refused += intervals.length;
          o.log?.(`${id}: HTTP ${r.status} ${(await r.text()).slice(0, 200)}`);
          return;
        }
      } catch {
        // server down (killed, restarting): keep the batch and try again, as a camera would
      }
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** Math.min(attempt, 5))));
    }
  }

  function emit(cam: (typeof cams)[number]) {
    const i = cam.next++;
    const [entries, exits] = counts(cam.seed, i);
    const interval = { seq: seqOf(i), start: new Date(baseMs + i * seconds * 1000).toISOString(), seconds, entries, exits, deviceTime: new Date().toISOString() };
    res.intervals++;
    res.entries += entries;
    res.exits += exits;
    const d = res.perDevice[cam.id]!;
    d.intervals++;
    d.entries += entries;
    d.exits += exits;
    if (cam.via === 'mqtt') {
      res.viaMqtt++;
      pending.push(
        new Promise<void>((resolve) =>
          cam.client!.publish(countsTopic(cam.id), JSON.stringify({ deviceId: cam.id, ...interval }), { qos: 1 }, (err) => {
            if (!err) res.acknowledged++;
            resolve();
          }),
        ),
      );
    } else {
      res.viaHttp++;
      const q = httpQueues.get(cam.id)!;
      q.push(interval);
      if (q.length >= (o.batch ?? 100)) pending.push(postHttp(cam.id, q.splice(0)));
    }
  }

  // Paced in 10 ms ticks: the target count so far minus what was sent.
  const total = perCamera * cams.length;
  let sent = 0;
  let rr = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * o.rate) + 1);
    while (sent < due) {
      emit(cams[rr++ % cams.length]!);
      sent++;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  for (const [id, q] of httpQueues) if (q.length) pending.push(postHttp(id, q.splice(0)));
  await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, o.settleMs ?? 120_000))]);
  res.elapsedMs = Date.now() - started;
  // A client still reconnecting may never call back from end(): do not wait for it.
  await Promise.race([Promise.all(clients.map((c) => c.endAsync(true).catch(() => {}))), new Promise((r) => setTimeout(r, 2000))]);
  return res;
}
