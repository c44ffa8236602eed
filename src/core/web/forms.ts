import type { FastifyRequest } from 'fastify';
import { AppError, Errors, type FieldErrors } from '../errors.js';
import { UUID_RE } from '../validation.js';
import { safeLocalPath } from './safe-path.js';
import type { CommandContext, Services } from '../context.js';
import { badInputError } from './input-guard.js';

/** A urlencoded form body as plain strings (repeated fields keep their last value). */
export function formBody(req: FastifyRequest): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    out[k] = Array.isArray(v) ? String(v[v.length - 1] ?? '') : typeof v === 'string' ? v : '';
  }
  return out;
}

export function formList(req: FastifyRequest, name: string): string[] {
  const v = ((req.body ?? {}) as Record<string, unknown>)[name];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
}

export function commandContext(req: FastifyRequest, services: Services): CommandContext {
  // A form whose fields carried control characters (stripped by the input guard) is refused here,
  // inside the handler's try, so the page re-renders filled in with the error summary.
  if (req.inputErrors) throw badInputError(req.inputErrors);
  return { services, actor: req.actor, ip: req.ip, requestId: req.id };
}

/** For form handlers: the errors to show when a command refused the input; other errors go on
 * to the central handler. */
export function formErrors(err: unknown): { errors: FieldErrors; message: string; status: number } {
  // Not signed in or not allowed: the central handler redirects to login or shows the 403 page.
  // Everything else a command refused (including a wrong password) belongs on the form.
  if (err instanceof AppError && err.status < 500 && err.code !== 'CORE-200' && err.code !== 'CORE-300') {
    return { errors: err.fields ?? {}, message: err.fields ? '' : err.vi, status: err.status };
  }
  throw err;
}

/** A user-supplied redirect target, or the fallback when it is not a safe local path
 * (see safe-path.ts: one function decides this for every redirect). */
export function safeNext(next: unknown, fallback = '/'): string {
  return safeLocalPath(next) ?? fallback;
}

/** A UUID route parameter, or a 404 naming what was looked for ("Hồ sơ không tồn tại."). */
export function uuidParam(req: FastifyRequest, name = 'id', what = 'Trang'): string {
  const v = String((req.params as Record<string, string>)[name] ?? '');
  if (!UUID_RE.test(v)) throw Errors.notFound(what);
  return v;
}
