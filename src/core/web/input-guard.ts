import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldErrors } from '../errors.js';

/**
 * One gate for hostile encodings, before any handler or schema sees the input (issue 9 finding 5).
 * PostgreSQL refuses NUL in text ("invalid byte sequence for encoding UTF8: 0x00"), so a NUL that
 * reached a query used to be a 500 whose log line carried the other parameters: emails, phones,
 * names. Control characters have no place in what a person types; lone surrogates and U+FFFD are
 * what invalid UTF-8 turns into after decoding, so they mean the client sent broken bytes.
 */

// Multi-line text (a feedback's content, a reason) legitimately holds TAB, LF and CR.
const BAD_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]|[\uD800-\uDFFF]/u;
// A URL's query or path segment is one line: no TAB, CR or LF either (header injection, log forging).
const BAD_IN_LINE = /[\u0000-\u001F\u007F-\u009F\uFFFD]|[\uD800-\uDFFF]/u;
const STRIP_FROM_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]|[\uD800-\uDFFF]/gu;

/** Fields the query-string parser could not percent-decode (kept raw, reported by the guard). */
const BAD_PERCENT = Symbol('badPercentEncoding');

const MESSAGE = {
  vi: 'Có ký tự không hợp lệ (ký tự điều khiển hoặc mã hóa sai). Vui lòng xóa ký tự đó và nhập lại.',
  en: 'Contains an invalid character (a control character or a broken encoding). Remove it and try again.',
};
const PERCENT_MESSAGE = {
  vi: 'Mã hóa phần trăm (%) trong địa chỉ không hợp lệ.',
  en: 'Invalid percent-encoding in the URL.',
};

export function hasBadCharacters(value: string, multiLine = true): boolean {
  return (multiLine ? BAD_IN_TEXT : BAD_IN_LINE).test(value);
}

/** Every field (by dotted path) whose name or string value carries a forbidden character. */
export function findBadFields(value: unknown, multiLine: boolean, prefix = '', out: FieldErrors = {}, depth = 0): FieldErrors {
  if (depth > 20) return out;
  if (typeof value === 'string') {
    if (hasBadCharacters(value, multiLine)) out[prefix || 'value'] = MESSAGE;
  } else if (Array.isArray(value)) {
    // Repeated fields and arrays keep the field's own name: that is the input the user sees.
    for (const v of value) findBadFields(v, multiLine, prefix, out, depth + 1);
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const key = hasBadCharacters(k, false) ? k.replace(STRIP_FROM_TEXT, '?').replace(/[\t\r\n]/g, '?') : k;
      const name = prefix ? `${prefix}.${key}` : key;
      if (key !== k) out[name] = MESSAGE;
      else findBadFields(v, multiLine, name, out, depth + 1);
    }
  }
  return out;
}

/** The same object with the forbidden characters removed from names and string values, so that
 * a form re-rendered with what the user typed does not echo them back. */
export function stripBadCharacters<T>(value: T, depth = 0): T {
  if (depth > 20) return value;
  if (typeof value === 'string') return value.replace(STRIP_FROM_TEXT, '') as T;
  if (Array.isArray(value)) return value.map((v) => stripBadCharacters(v, depth + 1)) as T;
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k.replace(STRIP_FROM_TEXT, '')] = stripBadCharacters(v, depth + 1);
    return out as T;
  }
  return value;
}

function decodeComponent(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * application/x-www-form-urlencoded query parsing like Fastify's default (repeated names become
 * arrays), except that a value with broken percent-encoding ("%zz", "%", "%ED%A0%80") is
 * remembered so the guard can refuse it, instead of being passed on raw to a handler that
 * decodes it again and throws.
 */
export function parseQueryString(qs: string): Record<string, unknown> {
  const out: Record<string, string | string[]> = Object.create(null);
  const bad: string[] = [];
  for (const pair of qs.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const key = decodeComponent(rawKey);
    const value = decodeComponent(rawValue);
    if (key === undefined || value === undefined) {
      bad.push(key ?? rawKey);
      continue;
    }
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  if (bad.length) Object.defineProperty(out, BAD_PERCENT, { value: bad, enumerable: false });
  return out;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Fields of an HTML form body that carried forbidden characters (already stripped from
     * req.body); commandContext() turns them into a CORE-102 form error. */
    inputErrors?: FieldErrors;
  }
}

export function badInputError(fields?: FieldErrors): AppError {
  return new AppError(
    'CORE-102',
    400,
    'Thông tin gửi lên có ký tự không hợp lệ. Vui lòng sửa các trường được đánh dấu.',
    'Some input contains invalid characters.',
    fields,
  );
}

const isApi = (url: string) => url.startsWith('/api/') || url.startsWith('/open311/');

/** For multipart forms, which a handler reads part by part after the guard has run. */
export function guardFormFields(req: FastifyRequest, fields: Record<string, string>): Record<string, string> {
  const bad = findBadFields(fields, true);
  if (!Object.keys(bad).length) return fields;
  req.inputErrors = { ...req.inputErrors, ...bad };
  return stripBadCharacters(fields);
}

export function installInputGuard(app: FastifyInstance) {
  // Synchronous (nothing here awaits); a request with no query, parameters or body, such as
  // most page views, leaves at the first line.
  app.addHook('preValidation', (req, _reply, done) => {
    try {
      guard(req);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
}

function isEmpty(o: unknown): boolean {
  if (o === undefined || o === null) return true;
  for (const _ in o as object) return false;
  return true;
}

function guard(req: FastifyRequest): void {
  const query = req.query as Record<string | symbol, unknown> | undefined;
  if (isEmpty(query) && isEmpty(req.params) && (req.body === undefined || req.body === null)) {
    // parseQueryString's record of broken percent-encoding is not enumerable: look for it too.
    if (!query?.[BAD_PERCENT]) return;
  }
  const fields: FieldErrors = {};
  const percent = query?.[BAD_PERCENT] as string[] | undefined;
  for (const name of percent ?? []) fields[`query.${name.replace(STRIP_FROM_TEXT, '?')}`] = PERCENT_MESSAGE;
  for (const [name, m] of Object.entries(findBadFields(req.params, false))) fields[`params.${name}`] = m;
  for (const [name, m] of Object.entries(findBadFields(query, false))) fields[`query.${name}`] = m;
  if (Object.keys(fields).length) throw badInputError(fields);

  if (req.body === undefined || req.body === null) return;
  if (typeof req.body === 'string') {
    if (hasBadCharacters(req.body)) throw badInputError({ body: MESSAGE });
    return;
  }
  const bad = findBadFields(req.body, true);
  if (!Object.keys(bad).length) return;
  // An HTML form comes back filled in with an error summary (commandContext refuses it);
  // every other client gets problem+json at once.
  const htmlForm = !isApi(req.url) && /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
  if (!htmlForm) throw badInputError(bad);
  req.inputErrors = bad;
  req.body = stripBadCharacters(req.body);
}
