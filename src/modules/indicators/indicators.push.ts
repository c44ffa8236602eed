import crypto from 'node:crypto';
import { writeAudit } from '../../core/audit/audit.js';
import type { CommandContext, Services } from '../../core/context.js';
import { transaction, type Executor, type Tx } from '../../core/db/index.js';
import { AppError, Errors } from '../../core/errors.js';
import { entryPolicy } from './indicators.entry.policy.js';
import * as repo from './indicators.entry.repository.js';

/**
 * The push to the province's IOC (issue 11 part 4): when a report or a whole period is published,
 * a job POSTs the period's published values, signed with HMAC-SHA256 over the raw body.
 * The body is built once, in the publishing transaction, and kept in the delivery log, so every
 * retry sends the same bytes with the same signature and the same idempotency id.
 */
export const PUSH_JOB = 'indicators.push';

/** pg-boss waits retryDelay × 2^(n−1) × (1 + random) before retry n: with 30 s and 12 retries the
 * last one comes at least 30 × (2^12 − 1) s ≈ 34 hours after the first failure, so an IOC down for
 * a whole day still receives the data without anyone re-sending it. */
export const PUSH_RETRY = { retryLimit: 12, retryDelay: 30, retryBackoff: true } as const;

/** A stuck receiver must not hold the job (pg-boss expires an active job after 15 minutes). */
const REQUEST_TIMEOUT_MS = 20_000;

export const SIGNATURE_HEADER = 'X-VanHien-Signature';
export const TIMESTAMP_HEADER = 'X-VanHien-Timestamp';
export const DELIVERY_HEADER = 'X-VanHien-Delivery';

export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** For receivers (and tests): constant-time check of a signature header against the raw body. */
export function verifySignature(secret: string, body: string | Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export interface PushPayload {
  schema: 'vanhien.indicators.push/1';
  deliveryId: string;
  generatedAt: string;
  period: { code: string; periodicity: string; start: string; end: string; status: string; publishedAt: string | null };
  indicators: { code: string; iocCode: string | null; name: string; unit: string; valueType: string; periodicity: string }[];
  observations: { indicator: string; iocCode: string | null; dims: Record<string, string>; value: number; revision: number; source: string; updatedAt: string }[];
}

/** The period's published values as the IOC receives them. Only `published` rows leave. */
export async function buildPayload(db: Executor, period: repo.Period, deliveryId: string, at: Date): Promise<PushPayload> {
  const rows = await repo.publishedForPush(db, period.code);
  const indicators = new Map<string, PushPayload['indicators'][number]>();
  const observations: PushPayload['observations'] = [];
  for (const r of rows) {
    if (!indicators.has(r.indicator_code)) {
      indicators.set(r.indicator_code, { code: r.indicator_code, iocCode: r.ioc_code, name: r.name, unit: r.measure_unit, valueType: r.value_type, periodicity: r.periodicity });
    }
    observations.push({
      indicator: r.indicator_code,
      iocCode: r.ioc_code,
      dims: r.dims ?? {},
      value: Number(r.value),
      revision: r.revision,
      source: r.source,
      updatedAt: new Date(r.updated_at).toISOString(),
    });
  }
  return {
    schema: 'vanhien.indicators.push/1',
    deliveryId,
    generatedAt: at.toISOString(),
    period: {
      code: period.code,
      periodicity: period.periodicity,
      start: period.startsOn,
      end: period.endsOn,
      status: period.status,
      publishedAt: period.publishedAt ? period.publishedAt.toISOString() : null,
    },
    indicators: [...indicators.values()],
    observations,
  };
}

/**
 * Records a delivery and enqueues its job inside the caller's transaction (a rolled-back publish
 * pushes nothing). Returns undefined when no IOC endpoint is configured.
 */
export async function queuePush(
  tx: Tx,
  s: Services,
  input: { period: repo.Period; trigger: 'report' | 'period' | 'resend' | 'correction'; unitCode?: string | null; userId: string | null; at?: Date },
): Promise<repo.Delivery | undefined> {
  const endpoint = s.config.ioc.pushUrl;
  if (!endpoint) return undefined;
  const id = crypto.randomUUID();
  const payload = await buildPayload(tx, input.period, id, input.at ?? new Date());
  const body = JSON.stringify(payload);
  const delivery = await repo.insertDelivery(tx, {
    id,
    periodCode: input.period.code,
    trigger: input.trigger,
    unitCode: input.unitCode ?? null,
    endpoint,
    payload: body,
    payloadHash: crypto.createHash('sha256').update(body).digest('hex'),
    payloadBytes: Buffer.byteLength(body),
    observations: payload.observations.length,
    createdBy: input.userId,
  });
  await s.jobs.boss.send(PUSH_JOB, { id }, { ...PUSH_RETRY, db: { executeSql: async (text: string, values: unknown[]) => tx.client.query(text, values as unknown[]) } });
  return delivery;
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `Hết thời gian chờ IOC trả lời (${REQUEST_TIMEOUT_MS / 1000} giây).`;
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'Không kết nối được tới IOC (máy chủ từ chối kết nối: ECONNREFUSED).';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Không tìm thấy máy chủ IOC (${code}).`;
  return `Lỗi kết nối tới IOC: ${code ?? e.cause?.message ?? e.message ?? String(err)}`.slice(0, 500);
}

/** A 4xx other than these means the IOC refused this body (bad signature, bad schema): retrying
 * the same bytes cannot help, an officer must look and re-send. */
const RETRYABLE_4XX = new Set([408, 409, 425, 429]);

/**
 * The job: one POST of the stored body. Success is any 2xx. A network error or a 5xx is recorded
 * and thrown, so pg-boss retries with back-off; the log shows each attempt's outcome.
 */
export async function deliver(s: Services, id: string, now = () => new Date()): Promise<repo.Delivery['status'] | 'gone'> {
  const current = await repo.findDelivery(s.db, id);
  if (!current || current.status === 'delivered') return 'gone';
  const started = now();
  const d = await repo.startAttempt(s.db, id, started);
  if (!d) return 'gone';
  const t0 = performance.now();
  let status: number | undefined;
  let error: string | undefined;
  try {
    const res = await fetch(d.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [SIGNATURE_HEADER]: signBody(s.config.ioc.pushSecret, d.payload),
        [TIMESTAMP_HEADER]: String(Math.floor(started.getTime() / 1000)),
        [DELIVERY_HEADER]: d.id,
        'Idempotency-Key': d.id,
        'user-agent': 'VanHien-IOC-Push/1',
      },
      body: d.payload,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = res.status;
    const text = await res.text().catch(() => '');
    if (!res.ok) error = `IOC trả lời HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  } catch (err) {
    error = describe(err);
  }
  const durationMs = Math.round(performance.now() - t0);
  if (!error) {
    await repo.updateDelivery(s.db, id, { status: 'delivered', httpStatus: status, lastError: null, deliveredAt: now(), durationMs });
    return 'delivered';
  }
  const permanent = status !== undefined && status >= 400 && status < 500 && !RETRYABLE_4XX.has(status);
  const exhausted = d.attempts > PUSH_RETRY.retryLimit;
  const final = permanent || exhausted ? 'failed' : 'retrying';
  await repo.updateDelivery(s.db, id, { status: final, httpStatus: status ?? null, lastError: error, durationMs });
  if (final === 'retrying') throw new Error(error);
  return final;
}

/** An officer re-sends a period's published data (a new delivery with the current values). */
export async function resendPeriod(ctx: CommandContext, periodCode: string): Promise<repo.Delivery> {
  entryPolicy.requirePublish(ctx.actor);
  if (!ctx.services.config.ioc.pushUrl) {
    throw new AppError('IND-130', 409, 'Chưa cấu hình địa chỉ nhận của IOC (IOC_PUSH_URL), nên không gửi được.', 'No IOC endpoint is configured (IOC_PUSH_URL).');
  }
  return transaction(ctx.services.pool, async (tx) => {
    const period = await repo.findPeriod(tx, periodCode);
    if (!period) throw Errors.notFound('Kỳ báo cáo');
    const d = await queuePush(tx, ctx.services, { period, trigger: 'resend', userId: ctx.actor.userId });
    if (!d!.observations) {
      throw new AppError('IND-131', 409, `Kỳ ${periodCode} chưa có số liệu nào được công bố để gửi.`, `Period ${periodCode} has no published values.`);
    }
    await writeAudit(tx, ctx, { action: 'indicators.push_resend', entity: 'indicator_period', entityId: periodCode, summary: { delivery: d!.id, observations: d!.observations } });
    return d!;
  });
}
