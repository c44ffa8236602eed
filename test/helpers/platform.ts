import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/core/config.js';
import { openPlatform, startServer, type Platform } from '../../src/core/app.js';
import { cloneTestDatabase } from './db.js';

export interface TestPlatform {
  platform: Platform;
  app: FastifyInstance;
  config: Config;
  /** base URL when started with listen: true */
  url: string;
  close(): Promise<void>;
}

/** The whole platform on a cloned database: real PostgreSQL, real jobs, real HTTP stack. */
export async function startTestPlatform(
  opts: { env?: Record<string, string>; listen?: boolean; worker?: boolean; databaseUrl?: string } = {},
): Promise<TestPlatform> {
  // Several nodes of one deployment share a database: pass the first node's URL to the others.
  const db = opts.databaseUrl ? { url: opts.databaseUrl, drop: async () => {} } : await cloneTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, VANHIEN_DATA_DIR: dataDir, VANHIEN_DEMO: 'true', LOG_LEVEL: 'silent', ...opts.env });
  const platform = await openPlatform({ config, quiet: true });
  const app = await startServer(platform, { worker: opts.worker ?? false });
  let url = '';
  if (opts.listen) {
    await app.listen({ port: Number(opts.env?.PORT ?? 0), host: '127.0.0.1' });
    const addr = app.server.address();
    url = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
  } else {
    await app.ready();
  }
  return {
    platform,
    app,
    config,
    url,
    async close() {
      await platform.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the real form (CSRF and all) and returns the cookie header to reuse. */
export async function loginCookies(app: FastifyInstance, email: string, password = 'Demo@2026'): Promise<string> {
  const page = await app.inject({ method: 'GET', url: '/dang-nhap' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const jar = new Map<string, string>();
  for (const c of page.cookies) jar.set(c.name, c.value);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await app.inject({
    method: 'POST',
    url: '/dang-nhap',
    headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  if (res.statusCode !== 302) throw new Error(`login failed for ${email}: ${res.statusCode}`);
  for (const c of res.cookies) jar.set(c.name, c.value);
  return cookieHeader();
}

/** Fetches a page with cookies and returns its CSRF token (for posting a form). */
export async function csrfFor(app: FastifyInstance, url: string, cookie: string): Promise<{ csrf: string; cookie: string }> {
  const page = await app.inject({ method: 'GET', url, headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const jar = new Map(cookie.split('; ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]));
  for (const c of page.cookies) jar.set(c.name, c.value);
  return { csrf, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
}

/** The four demo accounts of the one-stop path, each with an API token (POST /api/v1/auth/token). */
export const ONE_STOP_ACCOUNTS = {
  citizen: 'congdan@vanhien.test',
  desk: 'tiepnhan@vanhien.test',
  specialist: 'chuyenvien@vanhien.test',
  leader: 'lanhdao@vanhien.test',
} as const;

export async function apiTokens<K extends string>(app: FastifyInstance, accounts: Record<K, string>, password = 'Demo@2026'): Promise<Record<K, string>> {
  const tokens = {} as Record<K, string>;
  for (const [who, email] of Object.entries(accounts) as [K, string][]) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`token for ${email}: ${res.statusCode} ${res.body}`);
    tokens[who] = res.json().token;
  }
  return tokens;
}
