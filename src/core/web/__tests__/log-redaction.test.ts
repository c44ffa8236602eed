import { Writable } from 'node:stream';
import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { installErrorHandling } from '../errors.js';
import { findBadFields, parseQueryString } from '../input-guard.js';
import { logSafeErrorObject, logSafeLogMethod, logSafeUrl } from '../log-redaction.js';

/** What issue 9 finding 5 saw in the error log: a failed query with its parameters, PostgreSQL's
 * detail naming the duplicate value, and a message quoting the bad input. */
function failedQuery(): Error {
  const pgError = Object.assign(new Error('invalid input syntax for type uuid: "hoa.nguyen@example.vn"'), {
    code: '22P02',
    detail: 'Key (email)=(hoa.nguyen@example.vn) already exists.',
    routine: 'string_to_uuid',
    parameters: ['hoa.nguyen@example.vn', '0912345678'],
  });
  return Object.assign(
    new Error('Failed query: select "id" from "users" where "email" = $1 and "phone" = $2\nparams: hoa.nguyen@example.vn,0912345678,Nguyễn Thị Hoa'),
    { name: 'DrizzleQueryError', query: 'select …', params: ['hoa.nguyen@example.vn', '0912345678'], cause: pgError },
  );
}

describe('log redaction (issue 9 finding 5)', () => {
  it('a logged error keeps where it failed and loses every value', () => {
    const lines: string[] = [];
    const log = pino(
      { serializers: { err: logSafeErrorObject }, hooks: { logMethod: logSafeLogMethod } },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    log.error({ err: failedQuery() }, 'unhandled error');
    log.error(failedQuery());
    const text = lines.join('');
    for (const secret of ['hoa.nguyen', '0912345678', 'Nguyễn Thị Hoa', 'already exists.']) expect(text).not.toContain(secret);
    const entry = JSON.parse(lines[0]!);
    expect(entry.err).toMatchObject({ type: 'DrizzleQueryError', cause: { code: '22P02', routine: 'string_to_uuid' } });
    expect(entry.err.message).toBe('Failed query: select "id" from "users" where "email" = $1 and "phone" = $2\nparams: [redacted]');
    expect(JSON.parse(lines[1]!).msg).toBe(entry.err.message);
    expect(entry.err.stack).toMatch(/^\s+at /);
  });

  it('a request is logged by its route, never its query string or raw path', () => {
    expect(logSafeUrl('/phan-anh/tra-cuu?code=PA-1&phone=0912345678', '/phan-anh/tra-cuu')).toBe('/phan-anh/tra-cuu');
    expect(logSafeUrl('/api/v1/dossiers/hoa%40x.vn', '/api/v1/dossiers/:code')).toBe('/api/v1/dossiers/:code');
    expect(logSafeUrl('/khong-co/hoa%40x.vn?email=a')).toBe('/khong-co/[redacted]');
  });

  it('the query parser remembers what it could not percent-decode; the guard finds control characters', () => {
    const q = parseQueryString('a=%zz&b=ok&b=%C3%A1&c=%');
    expect(q).toEqual({ b: ['ok', 'á'] });
    expect(Object.getOwnPropertySymbols(q).length).toBe(1);
    expect(Object.keys(findBadFields({ name: 'a\u0000', content: 'dòng 1\r\n\tdòng 2', x: ['\uD800'], ok: 'Nguyễn 👍' }, true))).toEqual(['name', 'x']);
    expect(Object.keys(findBadFields({ next: '/a\r\nb' }, false))).toEqual(['next']);
  });

  it("PostgreSQL's refusal of a NUL (through drizzle's wrapper) is the input's fault: 400, not 500", async () => {
    const app = Fastify();
    await app.register(rateLimit, { global: false });
    installErrorHandling(app);
    app.get('/api/x', async () => {
      throw Object.assign(new Error('Failed query: insert …\nparams: a\u0000b'), {
        cause: Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }),
      });
    });
    const res = await app.inject({ url: '/api/x' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CORE-102' });
    await app.close();
  });
});
