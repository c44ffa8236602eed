import crypto from 'node:crypto';
import { AppError } from '../../core/errors.js';

/**
 * Payment gateways (issue 18 part 6) are an adapter, never a hard dependency: a gateway (the
 * National Public Service Portal's payment platform, a bank's or an e-wallet's) calls
 * POST /api/v1/payments/webhooks/{name} when a payer has paid; its adapter checks the call's
 * signature and turns the body into one GatewayEvent. Recording is idempotent on
 * (gateway, eventId): gateways retry until they get a 2xx.
 */
export interface GatewayEvent {
  /** the gateway's id of this notification (retries repeat it) */
  eventId: string;
  /** the dossier code the payment was made for */
  dossierCode: string;
  /** VND, whole đồng */
  amount: number;
  /** YYYY-MM-DD, Vietnamese day */
  paidOn: string;
  /** the gateway's transaction reference, shown on the timeline and the receipt */
  reference: string;
}

export interface PaymentGateway {
  /** the path segment: /api/v1/payments/webhooks/{name} */
  readonly name: string;
  /** Verifies the call (signature, freshness) on the raw body; throws FEE-401 when it fails. */
  parse(headers: Record<string, string | string[] | undefined>, rawBody: Buffer, now?: Date): GatewayEvent;
}

/** How far a signed call's timestamp may be from now (replays of old captured calls are refused). */
export const MAX_SKEW_SECONDS = 300;

const refuse = (why: string) => new AppError('FEE-401', 401, `Chữ ký của cổng thanh toán không hợp lệ: ${why}.`, `Invalid gateway signature: ${why}.`);

/**
 * The generic HMAC-SHA256 adapter: header `X-Signature: t=<unix seconds>,v1=<hex HMAC of "t.body">`
 * with a shared secret, and a JSON body {eventId, dossierCode, amount, paidOn, reference}. A real
 * gateway with its own scheme gets its own class implementing PaymentGateway.
 */
export class HmacGateway implements PaymentGateway {
  constructor(
    readonly name: string,
    private readonly secret: string,
  ) {
    if (secret.length < 16) throw new Error('gateway secret must be at least 16 characters');
  }

  static sign(secret: string, body: string | Buffer, at: Date = new Date()): string {
    const t = Math.floor(at.getTime() / 1000);
    const mac = crypto.createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
    return `t=${t},v1=${mac}`;
  }

  parse(headers: Record<string, string | string[] | undefined>, rawBody: Buffer, now: Date = new Date()): GatewayEvent {
    const h = headers['x-signature'];
    const header = Array.isArray(h) ? h[0] : h;
    const parts = Object.fromEntries((header ?? '').split(',').map((kv) => kv.trim().split('=', 2) as [string, string]));
    const t = Number(parts.t);
    if (!header || !Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) throw refuse('thiếu hoặc sai dạng header X-Signature');
    if (Math.abs(now.getTime() / 1000 - t) > MAX_SKEW_SECONDS) throw refuse('thời điểm ký quá xa hiện tại');
    const expected = crypto.createHmac('sha256', this.secret).update(`${t}.`).update(rawBody).digest();
    if (!crypto.timingSafeEqual(expected, Buffer.from(parts.v1!, 'hex'))) throw refuse('không khớp');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new AppError('FEE-400', 400, 'Nội dung thông báo thanh toán không phải JSON hợp lệ.', 'Body is not valid JSON.');
    }
    const e = {
      eventId: String(body.eventId ?? ''),
      dossierCode: String(body.dossierCode ?? ''),
      amount: Number(body.amount),
      paidOn: String(body.paidOn ?? ''),
      reference: String(body.reference ?? ''),
    };
    if (!e.eventId || e.eventId.length > 100 || !e.dossierCode || e.dossierCode.length > 80 || !Number.isSafeInteger(e.amount) || e.amount <= 0 || !/^\d{4}-\d{2}-\d{2}$/.test(e.paidOn) || e.reference.length > 100) {
      throw new AppError('FEE-400', 400, 'Thông báo thanh toán thiếu hoặc sai trường (eventId, dossierCode, amount, paidOn, reference).', 'Missing or invalid fields.');
    }
    return e;
  }
}

const gateways = new Map<string, PaymentGateway>();

/** Registers an adapter (at start from PAYMENT_GATEWAY_NAME/PAYMENT_GATEWAY_SECRET, or by a test). */
export function registerGateway(g: PaymentGateway) {
  if (!/^[a-z0-9-]{1,40}$/.test(g.name)) throw new Error('gateway name must be lowercase letters, digits or hyphens');
  gateways.set(g.name, g);
}
export const gatewayNamed = (name: string) => gateways.get(name);

/** The deployment's gateway from the environment, when configured (none by default). */
export function gatewayFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const name = env.PAYMENT_GATEWAY_NAME?.trim();
  const secret = env.PAYMENT_GATEWAY_SECRET ?? '';
  if (name && secret) registerGateway(new HmacGateway(name, secret));
}
