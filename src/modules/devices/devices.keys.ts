import crypto from 'node:crypto';

/**
 * Device credentials (ADR 014). The platform stores key = HMAC-SHA256(secret, KEY_LABEL), never
 * the secret: a bearer secret or MQTT password is checked by deriving the key again, and an HMAC
 * signature is made by the camera with that same derived key. A stolen table thus lets nobody
 * present the secret; it would let a reader sign counts, which rotating the secret ends.
 */
export const KEY_LABEL = 'vanhien-device-key-v1';

/** Five minutes either way: cheap camera clocks drift, NTP or not (the same window as the HMAC). */
export const CLOCK_SKEW_MS = 5 * 60_000;

export function deriveKey(secret: string): string {
  return crypto.createHmac('sha256', secret).update(KEY_LABEL).digest('hex');
}

/** 32 random bytes: a secret nobody guesses, so a fast hash is enough (no scrypt per request). */
export function newSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && crypto.timingSafeEqual(x, y);
}

export function secretMatches(secret: string, key: string): boolean {
  return secret.length > 0 && secret.length <= 512 && sameHex(deriveKey(secret), key);
}

/** `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<raw body>")>` (like webhooks). */
export function signBody(key: string, body: string | Buffer, t = Math.floor(Date.now() / 1000)): string {
  const mac = crypto.createHmac('sha256', Buffer.from(key, 'hex')).update(`${t}.`).update(body).digest('hex');
  return `t=${t},v1=${mac}`;
}

export type SignatureCheck = 'ok' | 'malformed' | 'stale' | 'mismatch';

export function checkSignature(header: string, key: string, body: Buffer, now = Date.now()): SignatureCheck {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!m) return 'malformed';
  const t = Number(m[1]);
  // A captured request replayed later is refused by its time, before the sequence check.
  if (Math.abs(now - t * 1000) > CLOCK_SKEW_MS) return 'stale';
  const expected = crypto.createHmac('sha256', Buffer.from(key, 'hex')).update(`${t}.`).update(body).digest('hex');
  return sameHex(expected, m[2]!) ? 'ok' : 'mismatch';
}

/** The service log as a plain console-like object (pino's overloads and Console's do not unify). */
export const logOf = (s: { log: unknown }) => s.log as Pick<Console, 'info' | 'warn' | 'error'>;
