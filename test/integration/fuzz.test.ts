import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/core/config.js';
import { openPlatform, startServer, type Platform } from '../../src/core/app.js';
import { cloneTestDatabase } from '../helpers/db.js';

/**
 * Hostile input everywhere (issue 9 finding 5): every operation of the OpenAPI document, Open311
 * and every public HTML form gets NUL, broken percent-encoding, CR/LF, very long strings,
 * impossible dates, 2^70, negative numbers, arrays for strings, bidi and NFD text, SQL and HTML,
 * each carrying a marker email, phone or name. Nothing may answer 5xx, and the platform's own log
 * (captured at info level, request lines included) must never contain a marker.
 */

const MARK_EMAIL = 'fuzz.marker@example.vn';
const MARK_PHONE = '0987654321';
const MARK_NAME = 'Fuzzmarker';
const MARKERS = [MARK_EMAIL, MARK_PHONE, MARK_NAME, 'fuzz.marker'];

const LONG = `${MARK_NAME} ${'Đ'.repeat(5000)}`;
/** [label, value]: values sent as JSON keep their type; in URLs and forms they are strings. */
const HOSTILE: [string, unknown][] = [
  ['nul', `${MARK_EMAIL}\u0000`],
  ['nul-name', `${MARK_NAME}\u0000' OR 1=1 --`],
  ['percent', '%'],
  ['percent-zz', '%zz'],
  ['crlf', `/x\r\nSet-Cookie: a=${MARK_NAME}`],
  ['long', LONG],
  ['bad-date', '9999-99-99T99:99:99Z'],
  ['huge', 2 ** 70],
  ['huge-string', '1180591620717411303424'],
  ['negative', -1],
  ['array', [MARK_PHONE, MARK_EMAIL]],
  ['object', { $ne: null, name: MARK_NAME }],
  ['bidi', `\u202E${MARK_NAME}gpj.exe`],
  ['emoji', `👍🏽 ${MARK_PHONE}`],
  ['nfd', `Nguye\u0302\u0303n ${MARK_NAME}`],
  ['sql', `'; DROP TABLE users; -- ${MARK_EMAIL}`],
  ['html', `<script>alert('${MARK_NAME}')</script>`],
  ['lone-surrogate', `${MARK_NAME}\uD800`],
  ['control', `${MARK_PHONE}\u001B[31m\u0007`],
];

/** Raw query strings whose encoding itself is broken (a URL-encoder would repair them). */
const RAW_QUERY = ['%zz', '%', '%E0%A4%A', '%ED%A0%80', '%00', '%0D%0A', `${encodeURIComponent(MARK_EMAIL)}%FF`];

/** encodeURIComponent, except that a lone surrogate becomes the invalid UTF-8 it stands for
 * (encodeURIComponent itself throws on it). */
function enc(s: string): string {
  return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/gu, '\uFFFF')).replace(/%EF%BF%BF/g, '%ED%A0%80');
}

interface Op {
  method: string;
  path: string;
  params: { name: string; in: string; schema?: Record<string, unknown> }[];
  body?: Record<string, unknown>;
}

/** A rotating slice of a list: every value is sent many times over the run, and the run stays
 * within its time budget on a 2-core machine (each field gets `n` of them). NUL always goes. */
let turn = 0;
function sample<T>(list: T[], n = 7): T[] {
  const out = [list[0]!];
  for (let i = 0; i < n - 1; i++) out.push(list[1 + ((turn + i) % (list.length - 1))]!);
  turn += n - 1;
  return out;
}

function plausible(schema: Record<string, unknown> | undefined, name: string): unknown {
  const type = schema?.type;
  if (schema?.enum) return (schema.enum as unknown[])[0];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  if (type === 'array') return [];
  if (/id$/i.test(name)) return '00000000-0000-4000-8000-000000000000';
  if (/code/i.test(name)) return 'PA-260101-0001';
  return 'x';
}

function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Op[] {
  const ops: Op[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = ((op.parameters as Op['params']) ?? []).filter((x) => x.in === 'path' || x.in === 'query');
      const content = (op.requestBody as { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined)?.content;
      const schema = content?.['application/json']?.schema;
      ops.push({ method: method.toUpperCase(), path: p, params, body: schema });
    }
  }
  return ops;
}

describe('fuzz: hostile values on every API operation and public form', () => {
  let platform: Platform;
  let app: FastifyInstance;
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let dataDir: string;
  const log: string[] = [];
  const failures: string[] = [];
  let sent = 0;
  let ip = 0;

  beforeAll(async () => {
    db = await cloneTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-fuzz-'));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, VANHIEN_DATA_DIR: dataDir, VANHIEN_DEMO: 'true', LOG_LEVEL: 'info' });
    platform = await openPlatform({ config, quiet: true });
    app = await startServer(platform, { worker: false, logStream: { write: (line: string) => void log.push(line) } });
    await app.ready();
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function send(opts: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer | object }) {
    // One address per request: the per-address rate limits must not hide a route behind a 429.
    ip++;
    const remoteAddress = `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;
    sent++;
    const res = await app.inject({ ...opts, remoteAddress } as never);
    if (res.statusCode >= 500) failures.push(`${opts.method} ${opts.url.slice(0, 160)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    return res;
  }

  async function pool<T>(items: T[], n: number, run: (item: T) => Promise<unknown>) {
    let next = 0;
    await Promise.all(
      Array.from({ length: n }, async () => {
        while (next < items.length) await run(items[next++]!);
      }),
    );
  }

  it('no operation of the OpenAPI document answers 5xx to hostile values', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(10);
    const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'lanhdao@vanhien.test', password: 'Demo@2026' } })).json()
      .token as string;
    expect(token).toBeTruthy();
    const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

    const jobs: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer | object }[] = [];
    for (const op of ops) {
      const base: Record<string, unknown> = Object.fromEntries(op.params.map((p) => [p.name, plausible(p.schema, p.name)]));
      const props = (op.body?.properties ?? {}) as Record<string, Record<string, unknown>>;
      const body = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, plausible(s, k)]));
      const build = (values: Record<string, unknown>, rawQuery?: string) => {
        let url = op.path;
        const q: string[] = [];
        for (const p of op.params) {
          const v = values[p.name];
          if (p.in === 'path') url = url.replace(`{${p.name}}`, enc(asText(v)).slice(0, 4000));
          else if (Array.isArray(v)) for (const x of v) q.push(`${encodeURIComponent(p.name)}=${enc(asText(x))}`);
          else q.push(`${encodeURIComponent(p.name)}=${enc(asText(v))}`);
        }
        if (rawQuery !== undefined) q.push(rawQuery);
        return q.length ? `${url}?${q.join('&')}` : url;
      };
      const headers = { authorization: `Bearer ${token}` };
      const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
      for (const p of op.params) {
        for (const [, v] of sample(HOSTILE))
          jobs.push({ method: op.method, url: build({ ...base, [p.name]: v }), headers, payload: hasBody ? body : undefined });
        if (p.in === 'query')
          for (const raw of sample(RAW_QUERY, 3))
            jobs.push({ method: op.method, url: build(base, `${p.name}=${raw}`), headers, payload: hasBody ? body : undefined });
        else for (const raw of sample(RAW_QUERY, 3)) jobs.push({ method: op.method, url: op.path.replace(`{${p.name}}`, raw), headers });
      }
      // Every operation also gets broken query encodings on a name it does not know.
      jobs.push({ method: op.method, url: build(base, `q=%zz&next=%0D%0A${MARK_EMAIL}`), headers, payload: hasBody ? body : undefined });
      if (hasBody) {
        for (const k of Object.keys(props))
          for (const [, v] of sample(HOSTILE)) jobs.push({ method: op.method, url: build(base), headers, payload: { ...body, [k]: v } });
        // A body that is not JSON at all, and one with invalid UTF-8 bytes.
        jobs.push({ method: op.method, url: build(base), headers: { ...headers, 'content-type': 'application/json' }, payload: `{"a":"${MARK_EMAIL}` });
        jobs.push({
          method: op.method,
          url: build(base),
          headers: { ...headers, 'content-type': 'application/json' },
          payload: Buffer.concat([Buffer.from(`{"name":"${MARK_NAME}`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
        });
      }
    }
    // Anonymous as well: the refusal paths (401, 404) must hold too, on a sample of each operation.
    for (const op of ops) for (const [, v] of HOSTILE.slice(0, 6)) jobs.push({ method: op.method, url: op.path.replace(/\{[^}]+\}/g, enc(asText(v))) });
    await pool(jobs, 6, send);
    expect(failures).toEqual([]);
  }, 120_000);

  it('Open311 answers hostile values and broken encodings with its own 4xx errors', async () => {
    const jobs: { method: string; url: string; headers?: Record<string, string>; payload?: string }[] = [];
    for (const fmt of ['json', 'xml']) {
      for (const raw of [...RAW_QUERY, ...HOSTILE.map(([, v]) => enc(typeof v === 'string' ? v : JSON.stringify(v)))]) {
        for (const name of ['start_date', 'end_date', 'status', 'service_code', 'service_request_id'])
          jobs.push({ method: 'GET', url: `/open311/v2/requests.${fmt}?${name}=${raw}` });
        jobs.push({ method: 'GET', url: `/open311/v2/requests/${raw}.${fmt}` });
        jobs.push({ method: 'GET', url: `/open311/v2/services/${raw}.${fmt}` });
        jobs.push({ method: 'GET', url: `/open311/v2/tokens/${raw}.${fmt}` });
        jobs.push({
          method: 'POST',
          url: `/open311/v2/requests.${fmt}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `api_key=${raw}&service_code=${raw}&description=${raw}&email=${encodeURIComponent(MARK_EMAIL)}&lat=${raw}&long=${raw}`,
        });
      }
      jobs.push({ method: 'GET', url: `/open311/v2/requests/%25zz.${fmt}` });
      jobs.push({ method: 'GET', url: `/open311/v2/requests/%25.${fmt}` });
    }
    await pool(jobs, 6, send);
    expect(failures).toEqual([]);
  }, 60_000);

  it('every public HTML form refuses hostile values without a 5xx', async () => {
    const pages = ['/phan-anh/gui', '/phan-anh/tra-cuu', '/dang-nhap', '/dang-ky', '/quen-mat-khau', '/tra-cuu', '/tim-kiem', '/'];
    const forms: { action: string; method: string; multipart: boolean; fields: Record<string, string>; cookie: string }[] = [];
    for (const page of pages) {
      const res = await app.inject({ method: 'GET', url: page });
      expect(res.statusCode, page).toBeLessThan(400);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      for (const m of res.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
        const attrs = m[1]!;
        const action = /action="([^"]*)"/.exec(attrs)?.[1]?.replace(/&amp;/g, '&') || page;
        const method = (/method="([^"]*)"/i.exec(attrs)?.[1] ?? 'get').toUpperCase();
        const fields: Record<string, string> = {};
        for (const f of m[2]!.matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
          const name = /name="([^"]+)"/.exec(f[2]!)?.[1];
          if (!name) continue;
          const value = /value="([^"]*)"/.exec(f[2]!)?.[1] ?? '';
          fields[name] = value.replace(/&amp;/g, '&');
        }
        if (action.startsWith('/dang-xuat') || action.startsWith('/ngon-ngu')) continue;
        forms.push({ action, method, multipart: /multipart/i.test(attrs), fields, cookie });
      }
    }
    // The forms the issue names are all there.
    for (const a of ['/phan-anh/gui', '/phan-anh/tra-cuu', '/dang-nhap', '/dang-ky', '/quen-mat-khau', '/tra-cuu', '/tim-kiem', '/danh-gia-trang']) {
      expect(forms.map((f) => `${f.method} ${f.action}`).join(' | '), a).toContain(` ${a}`);
    }
    // The reset form is reached by a mailed link; its POST takes the token and the passwords.
    const login = forms.find((f) => f.method === 'POST' && f.action.split('?')[0] === '/dang-nhap')!;
    forms.push({
      action: '/dat-lai-mat-khau',
      method: 'POST',
      multipart: false,
      fields: { ...login.fields, token: 'x', password: 'x', confirm: 'x' },
      cookie: login.cookie,
    });

    const jobs: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer }[] = [];
    const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : JSON.stringify(v));
    for (const f of forms) {
      for (const name of Object.keys(f.fields)) {
        if (name === '_csrf') continue;
        for (const [, v] of HOSTILE) {
          const values = { ...f.fields, [name]: str(v) };
          if (f.method === 'GET') {
            jobs.push({
              method: 'GET',
              url: `${f.action}?${Object.entries(values)
                .map(([k, x]) => `${enc(k)}=${enc(x)}`)
                .join('&')}`,
            });
            continue;
          }
          if (f.multipart) {
            const boundary = '----vhfuzz';
            const payload = Buffer.concat([
              ...Object.entries(values).map(([k, x]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`)),
              Buffer.from(`--${boundary}--\r\n`),
            ]);
            jobs.push({ method: 'POST', url: f.action, headers: { cookie: f.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
          } else {
            const body = Array.isArray(v)
              ? [...Object.entries(f.fields).filter(([k]) => k !== name), ...v.map((x) => [name, String(x)] as [string, string])]
              : Object.entries(values);
            jobs.push({
              method: 'POST',
              url: f.action,
              headers: { cookie: f.cookie, 'content-type': 'application/x-www-form-urlencoded' },
              payload: new URLSearchParams(body).toString(),
            });
          }
        }
        // Broken percent-encoding inside the form body itself.
        if (f.method === 'POST' && !f.multipart) {
          const rest = new URLSearchParams(Object.entries(f.fields).filter(([k]) => k !== name)).toString();
          for (const raw of RAW_QUERY)
            jobs.push({
              method: 'POST',
              url: f.action,
              headers: { cookie: f.cookie, 'content-type': 'application/x-www-form-urlencoded' },
              payload: `${rest}&${name}=${raw}`,
            });
        }
      }
    }
    await pool(jobs, 6, send);
    expect(failures).toEqual([]);
  }, 120_000);

  it('a NUL in a form field is refused with a field message and the form filled in', async () => {
    const page = await app.inject({ method: 'GET', url: '/phan-anh/tra-cuu' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await send({
      method: 'POST',
      url: '/phan-anh/tra-cuu',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, code: 'PA-260101-0001\u0000', contact: MARK_PHONE }).toString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('ký tự không hợp lệ');
    expect(res.body).toContain('value="PA-260101-0001"');
    const api = await send({ method: 'POST', url: '/api/v1/auth/token', payload: { email: `${MARK_EMAIL}\u0000`, password: 'x' } });
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ code: 'CORE-102', errors: [{ field: 'email' }] });
  });

  it('the captured log holds no marker, no query string, and every request was sent', async () => {
    expect(sent).toBeGreaterThan(1000);
    const text = log.join('');
    expect(text.length).toBeGreaterThan(0);
    // The request lines are there (the capture works) …
    expect(text).toContain('"url":"/api/v1/');
    // … without a personal value or a query string.
    for (const m of MARKERS) {
      const at = text.indexOf(m);
      expect(at < 0 ? '' : text.slice(Math.max(0, at - 400), at + 100), m).toBe('');
    }
    expect(/"url":"[^"]*\?/.test(text)).toBe(false);
  });
});
