import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import csrf from '@fastify/csrf-protection';
import multipart from '@fastify/multipart';
import fstatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { render } from 'preact-render-to-string';
import type { VNode } from 'preact';
import type { DestinationStream } from 'pino';
import type { Services } from '../context.js';
import type { ModuleManifest, NavLink } from '../module.js';
import { ANONYMOUS, rightsOf } from '../auth/actor.js';
import { resolveApiToken, resolveSession } from '../identity/identity.commands.js';
import type { Lang, PageContext, SiteInfo } from './page.js';
import { installErrorHandling } from './errors.js';
import { installInputGuard, parseQueryString } from './input-guard.js';
import { logSafeErrorObject, logSafeLogMethod, logSafeUrl } from './log-redaction.js';
import { securityHeaders } from './security-headers.js';
import { EarlyPages, serveEarly } from './page-cache.js';
import { safeRedirectTarget } from './safe-path.js';
import { installMetrics } from '../ops/metrics.js';
import { rateLimitStoreOptions } from '../cluster/rate-limit-store.js';
import { currentAgency } from '../org/org.repository.js';
import { vnIsoDate } from '../validation.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
export const SESSION_COOKIE = 'vh_sid';

export type CoreRoutes = (app: FastifyInstance, services: Services, modules: ModuleManifest[]) => void | Promise<void>;

const FALLBACK_SITE: SiteInfo = {
  agencyName: 'Sở Văn hóa, Thể thao và Du lịch',
  agencyNameEn: 'Department of Culture, Sports and Tourism',
  address: '',
  phone: '',
  email: '',
};

function cssAsset(): { url: string; body: string } {
  const body = fs.readFileSync(path.join(ROOT, 'public/app.css'), 'utf8');
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { url: `/static/app.${hash}.css`, body };
}

export async function buildServer(
  services: Services,
  opts: { modules: ModuleManifest[]; coreRoutes: CoreRoutes[]; logStream?: DestinationStream },
): Promise<FastifyInstance> {
  const { config } = services;
  const logStream = opts.logStream;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Logs carry request ids, never credentials or personal data.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
      serializers: {
        // The route pattern, never the query string or raw path: search words, tracking codes,
        // contacts and tokens travel there (issue 9 finding 5).
        req: (req: FastifyRequest) => ({ method: req.method, url: logSafeUrl(req.url, req.routeOptions?.url), reqId: req.id }),
        err: logSafeErrorObject,
      },
      hooks: { logMethod: logSafeLogMethod },
      ...(logStream ? { stream: logStream } : {}),
    },
    genReqId: () => crypto.randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    routerOptions: { querystringParser: parseQueryString },
  });

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  installInputGuard(app);
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 10, fields: 50 } });
  const security = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // No inline scripts anywhere: every script is a file under /static/, and data for them
        // travels in <script type="application/json"> blocks, which are never executed. An
        // injected <script> or on* attribute therefore does not run even if escaping fails once.
        scriptSrc: ["'self'"],
        formAction: ["'self'", ...(config.oidc.issuer ? [new URL(config.oidc.issuer).origin] : [])],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.production,
  });
  // JSON APIs get the short set OWASP recommends for REST responses: no page to frame or script.
  const apiSecurity: Record<string, string> = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    ...(security['strict-transport-security'] ? { 'strict-transport-security': security['strict-transport-security'] } : {}),
  };
  // Cached anonymous pages are answered here, after the headers and before any other hook
  // (page-cache.ts, EarlyPages): a cached page costs what a static one does.
  const earlyPages = new EarlyPages();
  app.decorateRequest('earlyPages', null as never);
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(req.url.startsWith('/api/v') || req.url.startsWith('/open311/') ? apiSecurity : security);
    req.earlyPages = earlyPages;
    if (serveEarly(req, reply, earlyPages)) {
      req.actor = ANONYMOUS;
      req.lang = req.cookies.lang === 'en' ? 'en' : 'vi';
      return;
    }
    done();
  });
  // Counters shared by every node and kept across restarts (ADR 011).
  const rateLimitStore = rateLimitStoreOptions(config, services.pool, services.log);
  app.addHook('onClose', () => rateLimitStore.close());
  await app.register(rateLimit, { global: false, ...rateLimitStore.options });
  // A write answers only once the invalidations it caused (identity triggers, page caches) have
  // reached this node's bus listener: the client's next request, here or on another node, cannot
  // meet a stale cache (ADR 010).
  app.addHook('onSend', (req, _reply, payload, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !services.bus) return done(null, payload);
    services.bus.sync().then(
      () => done(null, payload),
      (err: Error) => done(err),
    );
  });
  await app.register(csrf, {
    cookieKey: 'vh_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: config.publicUrl.startsWith('https') },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const q = req.query as Record<string, unknown> | undefined;
      return String(body?._csrf ?? q?._csrf ?? req.headers['x-csrf-token'] ?? '');
    },
  });
  installMetrics(app, services);

  const css = cssAsset();
  app.get(css.url, { logLevel: 'warn' }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(css.body),
  );
  await app.register(fstatic, {
    root: path.join(path.dirname(require.resolve('@fontsource/be-vietnam-pro/package.json')), 'files'),
    prefix: '/static/fonts/',
    immutable: true,
    maxAge: '365d',
    logLevel: 'warn',
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Văn Hiến API', version: '1', description: 'API của nền tảng Văn Hiến. Lỗi theo RFC 9457 (application/problem+json).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    hideUntagged: true,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Identity: a session cookie for pages, a Bearer token for the JSON API.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionInfo', null);
  app.decorateRequest('lang', 'vi');
  const ownBearerPaths = opts.modules.flatMap((m) => m.ownBearerPaths ?? []);
  // Callback style: most requests (anonymous, static, health) have nothing to await, and an
  // async hook costs a promise and a microtask turn on each of them.
  app.addHook('onRequest', (req, _reply, done) => {
    req.actor = ANONYMOUS;
    req.lang = req.cookies.lang === 'en' || (req.url.startsWith('/api/') && /^en\b/i.test(req.headers['accept-language'] ?? '')) ? 'en' : 'vi';
    if (req.url.startsWith('/static/') || req.url === '/healthz' || req.url === '/metrics') return done();
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && !ownBearerPaths.some((p) => req.url.startsWith(p))) {
      resolveApiToken(services, auth.slice(7).trim()).then((actor) => {
        if (actor) req.actor = actor;
        done();
      }, done);
      return;
    }
    const raw = req.cookies[SESSION_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : undefined;
    if (!unsigned?.valid || !unsigned.value) return done();
    resolveSession(services, unsigned.value).then((info) => {
      if (info) {
        req.sessionInfo = info;
        if (!info.mfaPending) req.actor = info.actor;
      }
      done();
    }, done);
  });

  // CSRF on every state-changing form post; the JSON API with a Bearer token is exempt (a
  // browser never attaches that header cross-site).
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    if (req.url.startsWith('/api/') && !req.headers.cookie) return done();
    if (req.url.startsWith('/api/') && req.headers.authorization?.startsWith('Bearer ')) return done();
    if (req.url.startsWith('/api/v1/auth/token')) return done();
    // Open311 clients authenticate with an api_key and never by session: nothing to forge.
    if (req.url.startsWith('/open311/')) return done();
    // Hiding a banner for this session changes nothing but the visitor's own cookie, and its form
    // sits on pages shared caches keep for everyone, where a per-visitor token cannot be.
    if (req.url === '/thong-bao/an') return done();
    // OAI-PMH harvesters POST the protocol's arguments without a session (issue 12): a read-only protocol.
    if (req.url === '/oai' || req.url.startsWith('/oai?')) return done();
    app.csrfProtection(req, reply, done);
  });

  let site: { info: SiteInfo; at: number } | undefined;
  async function siteInfo(): Promise<SiteInfo> {
    if (!site || Date.now() - site.at > 60_000) {
      const a = await currentAgency(services.db, vnIsoDate()).catch(() => undefined);
      site = {
        at: Date.now(),
        info: a
          ? { agencyName: a.name, agencyNameEn: a.nameEn ?? a.name, address: a.address ?? '', phone: a.phone ?? '', email: a.email ?? '' }
          : FALLBACK_SITE,
      };
    }
    return site.info;
  }
  app.addHook('preHandler', (req, _reply, done) => {
    if (req.method !== 'GET' || req.url.startsWith('/api/') || req.url.startsWith('/static/')) return done();
    if (site && Date.now() - site.at <= 60_000) return done();
    siteInfo().then(() => done(), done);
  });

  const publicNav: NavLink[] = opts.modules.flatMap((m) => m.publicNav ?? []).sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
  const staffNav: NavLink[] = [
    ...opts.modules.flatMap((m) => m.staffNav ?? []),
    { href: '/quan-tri/nguoi-dung', vi: 'Người dùng', en: 'Users', permission: 'manage:user:all' },
    { href: '/quan-tri/to-chuc', vi: 'Cơ quan, đơn vị', en: 'Organisation', permission: 'manage:org:all' },
    { href: '/quan-tri/vai-tro', vi: 'Vai trò và quyền', en: 'Roles and permissions', permission: 'manage:role:all' },
    { href: '/quan-tri/nhat-ky', vi: 'Nhật ký hệ thống', en: 'Audit trail', permission: 'view:audit:all' },
    { href: '/quan-tri/lich', vi: 'Lịch làm việc', en: 'Working calendar', permission: 'manage:calendar:all' },
    { href: '/quan-tri/don-vi-hanh-chinh', vi: 'Đơn vị hành chính', en: 'Administrative units', permission: 'view:workspace:all' },
    { href: '/quan-tri/thu-di', vi: 'Thư điện tử đi', en: 'Outgoing mail', permission: 'view:mail:all' },
  ];

  app.decorateReply('html', function (this: import('fastify').FastifyReply, node: VNode, status?: number) {
    if (status) this.code(status);
    return this.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(`<!doctype html>${render(node)}`);
  });
  app.decorateReply('flash', function (this: import('fastify').FastifyReply, message: string) {
    return this.setCookie('vh_flash', Buffer.from(message).toString('base64url'), { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
  });
  app.decorateReply('page', function (this: import('fastify').FastifyReply, req: FastifyRequest): PageContext {
    const lang: Lang = req.lang;
    let flash: string | undefined;
    if (req.cookies.vh_flash) {
      flash = Buffer.from(req.cookies.vh_flash, 'base64url').toString('utf8');
      this.clearCookie('vh_flash', { path: '/' });
    }
    const reply = this;
    let csrfToken: string | undefined;
    return {
      lang,
      t: (vi, en) => (lang === 'en' ? en : vi),
      actor: req.actor,
      rights: rightsOf(req.actor),
      // Made only when a form on the page asks for it: pages without forms set no cookie.
      get csrf() {
        csrfToken ??= reply.generateCsrf();
        return csrfToken;
      },
      demo: config.demo,
      site: site?.info ?? FALLBACK_SITE,
      path: req.url.split('?')[0] ?? '/',
      flash,
      css: css.url,
      publicNav,
      staffNav,
      cookies: req.cookies,
    };
  });

  installErrorHandling(app);

  app.get('/ngon-ngu/:lang', { schema: { hide: true } }, async (req, reply) => {
    const { lang } = req.params as { lang: string };
    reply.setCookie('lang', lang === 'en' ? 'en' : 'vi', { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
    return reply.redirect(safeRedirectTarget((req.query as Record<string, unknown>).next));
  });

  for (const routes of opts.coreRoutes) await routes(app, services, opts.modules);
  for (const m of opts.modules) if (m.routes) await app.register(async (scope) => m.routes!(scope, services));
  return app;
}
