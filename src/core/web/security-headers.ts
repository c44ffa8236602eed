import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers, computed once. The `helmet` package decides what to send; running its
 * middleware per request (as @fastify/helmet does) re-parsed the CSP on every response and cut
 * the throughput of a trivial route from ~80k to ~36k requests/s on this machine (measured,
 * docs/decisions/007-static-security-headers.md). Our headers never vary per request, so they
 * are captured from helmet at start and copied onto each reply.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as never, res as never, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure;
  return headers;
}
