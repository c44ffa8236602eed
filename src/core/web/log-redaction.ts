/**
 * What an error may say in the log (issue 9 finding 5; Law 91/2025/QH15, domain.md §8). A failed
 * query used to be logged whole: drizzle's "Failed query: … params: a@b.vn,0912345678,Nguyễn…",
 * PostgreSQL's detail "Key (email)=(a@b.vn) already exists." and messages quoting the bad value
 * (`invalid input syntax for type uuid: "…"`). The log keeps where it failed (type, code,
 * constraint, table, stack frames), never with which values.
 */

/** The route's pattern ("/phan-anh/:code"), not the URL: the query string carries search words,
 * tracking codes, contacts and tokens, and a path segment can carry whatever a client put there.
 * A URL no route matched keeps its first segment only. */
export function logSafeUrl(url: string, route?: string): string {
  if (route && route !== '*' && !route.includes('*')) return route;
  const first = /^\/[A-Za-z0-9._-]*/.exec(url)?.[0] ?? '/';
  return url.length > first.length ? `${first}/[redacted]` : first;
}

export function logSafeMessage(message: string): string {
  // drizzle's "Failed query: <SQL with $n placeholders>\nparams: <values>": the SQL text says
  // where it failed and holds no value; the parameters go.
  const failed = /^Failed query: ([\s\S]*?)\nparams:/.exec(message);
  if (failed) return `Failed query: ${failed[1]!.slice(0, 2000)}\nparams: [redacted]`;
  return (
    message
      // PostgreSQL and many libraries quote the offending value
      .replace(/"[^"\n]*"/g, '"[redacted]"')
      .replace(/'[^'\n]*'/g, "'[redacted]'")
      .replace(/\(([^()\n]*)\)=\(([^\n]*)\)/g, '($1)=([redacted])')
      .replace(/\nparams:[\s\S]*$/, '\nparams: [redacted]')
      .slice(0, 2000)
  );
}

const KEEP = ['code', 'constraint', 'table', 'column', 'schema', 'routine', 'severity', 'statusCode', 'validationContext', 'errno', 'syscall'] as const;

/** A pino serializer for `err`: no SQL parameters, no PostgreSQL detail, no quoted values. */
export function logSafeError(err: unknown, depth = 0): unknown {
  if (typeof err === 'string') return logSafeMessage(err);
  if (!err || typeof err !== 'object') return err;
  const e = err as Record<string, unknown> & { constructor?: { name?: string } };
  const out: Record<string, unknown> = {
    type: typeof e.name === 'string' ? e.name : e.constructor?.name,
    message: logSafeMessage(String(e.message ?? '')),
  };
  for (const k of KEEP) if (e[k] !== undefined && e[k] !== null && typeof e[k] !== 'object') out[k] = e[k];
  // The first line(s) of a stack repeat the message; the frames say where.
  if (typeof e.stack === 'string')
    out.stack = e.stack
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .join('\n');
  if (e.cause && depth < 3) out.cause = logSafeError(e.cause, depth + 1);
  return out;
}

/** The same, always as an object (the shape Fastify's logger option expects of an `err` serializer). */
export function logSafeErrorObject(err: unknown): { [key: string]: unknown; type: string; message: string; stack: string } {
  const safe = logSafeError(err);
  if (safe && typeof safe === 'object') {
    const o = safe as Record<string, unknown>;
    return { ...o, type: String(o.type ?? 'Error'), message: String(o.message ?? ''), stack: String(o.stack ?? '') };
  }
  return { type: typeof err, message: String(safe), stack: '' };
}

/** pino's logMethod hook: `log.error(err)` puts err.message in "msg", past the serializer. */
export function logSafeLogMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void): void {
  const [first, ...rest] = args;
  if (first instanceof Error) {
    const msg = typeof rest[0] === 'string' ? rest[0] : logSafeMessage(first.message);
    method.apply(this, [{ err: first }, msg, ...rest.slice(typeof rest[0] === 'string' ? 1 : 0)]);
    return;
  }
  method.apply(this, args);
}
