import crypto from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { hashKey, inScope, KEY_PREFIX } from './indicators.commands.js';
import { catalogGraph, serialiseCatalog } from './indicators.dcat.js';
import * as repo from './indicators.repository.js';

/**
 * Open data (ADR 013): published values are readable without a key, rate-limited per address;
 * a consumer's key (`Authorization: Bearer vhi_…` or `X-API-Key`) raises the limit, is checked
 * against its scope and marks "last used". Only `published` observations are ever served.
 */
const ANON_PER_MINUTE = 60;
const KEY_PER_MINUTE = 1200;
const MAX_LIMIT = 5000;

interface Consumer {
  id: string;
  scopes: string[];
}

function presentedKey(req: FastifyRequest): string | null {
  const x = req.headers['x-api-key'];
  if (typeof x === 'string' && x.trim()) return x.trim();
  const auth = req.headers.authorization;
  if (auth?.startsWith(`Bearer ${KEY_PREFIX}`)) return auth.slice(7).trim();
  return null;
}

const rateLimit = {
  rateLimit: {
    // A key's own bucket; anonymous callers share one per address. A made-up key is refused
    // with 401 before any work, so a larger bucket for it costs one indexed lookup.
    max: (req: FastifyRequest) => (presentedKey(req) ? KEY_PER_MINUTE : ANON_PER_MINUTE),
    keyGenerator: (req: FastifyRequest) => {
      const k = presentedKey(req);
      return k ? `ind-key:${hashKey(k)}` : `ind-ip:${req.ip}`;
    },
    timeWindow: '1 minute',
  },
};

const err = {
  unknownCode: (code: string) => new AppError('indicators.unknown_code', 404, `Không có chỉ tiêu mã "${code}" trong danh mục.`, `No indicator "${code}" in the catalogue.`),
  badPeriod: (field: string, v: string) =>
    new AppError('indicators.bad_period', 400, `"${v}" không phải kỳ hoặc ngày hợp lệ (ví dụ: 2026-Q3, 2026-09, 2026 hoặc 2026-07-01).`, `"${v}" is not a period or a date.`, {
      [field]: { vi: 'Kỳ (2026-Q3, 2026-09, 2026) hoặc ngày YYYY-MM-DD.', en: 'A period (2026-Q3, 2026-09, 2026) or a YYYY-MM-DD date.' },
    }),
  badRange: () => new AppError('indicators.bad_period', 400, 'Thời điểm bắt đầu (from) sau thời điểm kết thúc (to).', '"from" is after "to".'),
  badCursor: () => new AppError('indicators.bad_cursor', 400, 'Con trỏ phân trang (cursor) không hợp lệ; hãy dùng giá trị "next" của trang trước.', 'Invalid cursor; use the previous page\'s "next".'),
  badKey: () => new AppError('indicators.bad_key', 401, 'Khóa API không hợp lệ hoặc đã bị thu hồi.', 'The API key is not valid or was revoked.'),
  outOfScope: (code: string) =>
    new AppError('indicators.out_of_scope', 403, `Khóa API này không được cấp quyền đọc chỉ tiêu "${code}".`, `This API key's scope does not include "${code}".`),
};

async function consumerOf(s: Services, req: FastifyRequest): Promise<Consumer | null> {
  const key = presentedKey(req);
  if (!key) return null;
  const row = await repo.findActiveConsumerByHash(s.db, hashKey(key));
  if (!row) throw err.badKey();
  await repo.touchConsumer(s.db, row.id);
  return { id: row.id, scopes: row.scopes };
}

function parseBound(field: 'from' | 'to', v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  const p = repo.periodFromCode(v);
  if (p) return field === 'from' ? p.start : p.end;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)) return v;
  throw err.badPeriod(field, v);
}

function wantsCsv(req: FastifyRequest, format?: string): boolean {
  if (format) return format === 'csv';
  return /\btext\/csv\b/.test(req.headers.accept ?? '');
}

/** Strong ETag over the exact bytes; 304 when the client has them. */
function sendWithEtag(req: FastifyRequest, reply: FastifyReply, body: string, type: string, keyed: boolean) {
  const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  reply
    .header('etag', etag)
    .header('vary', 'Accept, Authorization, X-API-Key')
    .header('cache-control', keyed ? 'private, max-age=60' : 'public, max-age=300');
  const inm = req.headers['if-none-match'];
  if (inm && (inm.trim() === '*' || inm.split(',').some((v) => v.trim().replace(/^W\//, '') === etag))) return reply.code(304).send();
  return reply.type(type).send(body);
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function origin(req: FastifyRequest, s: Services): string {
  // The configured public address, never the Host header (a forged host must not end up in links).
  void req;
  return s.config.publicUrl.replace(/\/$/, '');
}

const DefinitionSchema = Type.Object({
  code: Type.String(),
  theme: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  definition: Type.String(),
  formula: Type.String(),
  unit: Type.String(),
  unitEn: Type.String(),
  valueType: Type.String(),
  decimals: Type.Integer(),
  periodicity: Type.String(),
  dimensions: Type.Array(Type.String()),
  responsibleUnit: Type.String(),
  source: Type.String(),
  iocCode: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  published: Type.Object({ count: Type.Integer(), from: Type.Union([Type.String(), Type.Null()]), to: Type.Union([Type.String(), Type.Null()]) }),
  links: Type.Object({ self: Type.String(), observations: Type.String(), csv: Type.String() }),
});

const ObservationSchema = Type.Object({
  period: Type.String(),
  start: Type.String(),
  end: Type.String(),
  dims: Type.Record(Type.String(), Type.String()),
  area: Type.Union([Type.String(), Type.Null()]),
  value: Type.Number(),
  revision: Type.Integer(),
  demo: Type.Boolean({ description: 'true: dữ liệu minh họa, không phải số liệu thật' }),
});

type Coverage = Awaited<ReturnType<typeof repo.publishedCoverage>>;
function defJson(d: repo.IndicatorDefinition, cov: Coverage, base: string) {
  const c = cov.get(d.code);
  const self = `${base}/api/v1/indicators/${encodeURIComponent(d.code)}`;
  return {
    code: d.code,
    theme: d.theme,
    name: d.name,
    nameEn: d.nameEn,
    definition: d.definition,
    formula: d.formula,
    unit: d.measureUnit,
    unitEn: d.measureUnitEn,
    valueType: d.valueType,
    decimals: d.decimals,
    periodicity: d.periodicity,
    dimensions: d.dimensions,
    responsibleUnit: d.unitCode,
    source: d.source,
    iocCode: d.iocCode,
    validFrom: d.validFrom,
    validTo: d.validTo,
    published: { count: c?.count ?? 0, from: c?.firstStart ?? null, to: c?.lastEnd ?? null },
    links: { self, observations: `${self}/observations`, csv: `${self}/observations?format=csv` },
  };
}

export async function indicatorsApiRoutes(app: FastifyInstance, s: Services): Promise<void> {
  app.get(
    '/api/v1/indicators',
    {
      config: rateLimit,
      schema: {
        tags: ['indicators'],
        summary: 'Danh mục chỉ tiêu thống kê ngành (dữ liệu mở), phân trang',
        description: 'Không cần khóa; khóa API (Authorization: Bearer vhi_… hoặc X-API-Key) nâng hạn mức truy cập.',
        querystring: Type.Object({
          theme: Type.Optional(Type.String({ maxLength: 40 })),
          page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({ total: Type.Integer(), page: Type.Integer(), limit: Type.Integer(), next: Type.Union([Type.String(), Type.Null()]), items: Type.Array(DefinitionSchema) }),
          400: ProblemSchema,
          401: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (req, reply) => {
      const q = req.query as { theme?: string; page?: number; limit?: number };
      const consumer = await consumerOf(s, req);
      const page = q.page ?? 1;
      const limit = q.limit ?? 50;
      const [defs, cov] = await Promise.all([repo.listDefinitions(s.db, { theme: q.theme }), repo.publishedCoverage(s.db)]);
      const base = origin(req, s);
      const items = defs.slice((page - 1) * limit, page * limit).map((d) => defJson(d, cov, base));
      const more = page * limit < defs.length;
      const qs = new URLSearchParams({ ...(q.theme ? { theme: q.theme } : {}), page: String(page + 1), limit: String(limit) });
      const body = JSON.stringify({ total: defs.length, page, limit, next: more ? `${base}/api/v1/indicators?${qs}` : null, items });
      return sendWithEtag(req, reply, body, 'application/json; charset=utf-8', !!consumer);
    },
  );

  app.get(
    '/api/v1/indicators/:code',
    {
      config: rateLimit,
      schema: {
        tags: ['indicators'],
        summary: 'Một chỉ tiêu: định nghĩa, đơn vị tính, kỳ báo cáo, phân tổ, đơn vị chịu trách nhiệm',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        response: { 200: DefinitionSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { code } = req.params as { code: string };
      const consumer = await consumerOf(s, req);
      const def = await repo.getDefinition(s.db, code);
      if (!def) throw err.unknownCode(code);
      if (consumer && !inScope(consumer.scopes, def)) throw err.outOfScope(code);
      const body = JSON.stringify(defJson(def, await repo.publishedCoverage(s.db), origin(req, s)));
      return sendWithEtag(req, reply, body, 'application/json; charset=utf-8', !!consumer);
    },
  );

  app.get(
    '/api/v1/indicators/:code/observations',
    {
      config: rateLimit,
      schema: {
        tags: ['indicators'],
        summary: 'Số liệu đã công bố của một chỉ tiêu (JSON hoặc CSV), phân trang bằng con trỏ',
        description:
          'CSV khi `Accept: text/csv` hoặc `?format=csv` (UTF-8 có BOM để mở bằng Excel). `from`/`to`: kỳ (2026-Q3, 2026-09, 2026) hoặc ngày. ' +
          'Không có `area` và `dims`: mọi phân tổ; `dims=total`: chỉ tổng; `dims=sex:nu`: đúng phân tổ đó. ETag và 304.',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        querystring: Type.Object({
          from: Type.Optional(Type.String({ maxLength: 10 })),
          to: Type.Optional(Type.String({ maxLength: 10 })),
          area: Type.Optional(Type.String({ maxLength: 20 })),
          dims: Type.Optional(Type.String({ maxLength: 200, description: "'total' hoặc k:v,k:v" })),
          cursor: Type.Optional(Type.String({ maxLength: 400 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 1000 })),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
        }),
        response: {
          200: Type.Object({
            indicator: Type.String(),
            unit: Type.String(),
            count: Type.Integer(),
            next: Type.Union([Type.String(), Type.Null()]),
            note: Type.Optional(Type.String()),
            observations: Type.Array(ObservationSchema),
          }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (req, reply) => {
      const { code } = req.params as { code: string };
      const q = req.query as { from?: string; to?: string; area?: string; dims?: string; cursor?: string; limit?: number; format?: string };
      const consumer = await consumerOf(s, req);
      const def = await repo.getDefinition(s.db, code);
      if (!def) throw err.unknownCode(code);
      if (consumer && !inScope(consumer.scopes, def)) throw err.outOfScope(code);
      const from = parseBound('from', q.from);
      const to = parseBound('to', q.to);
      if (from && to && from > to) throw err.badRange();
      let dims: Record<string, string> | undefined;
      if (q.dims === 'total') dims = {};
      else if (q.dims) {
        dims = {};
        for (const part of q.dims.split(',')) {
          const [k, v] = part.split(':');
          if (!k || !v) throw new AppError('indicators.bad_dims', 400, 'Tham số dims phải có dạng total hoặc khóa:giá_trị,khóa:giá_trị.', 'dims must be total or key:value,key:value.');
          dims[k] = v;
        }
      }
      let after: { start: string; periodCode: string; dimsKey: string } | undefined;
      if (q.cursor) {
        try {
          const c = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as { s: string; p: string; k: string };
          if (typeof c.s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(c.s) || typeof c.p !== 'string' || typeof c.k !== 'string') throw new Error('shape');
          after = { start: c.s, periodCode: c.p, dimsKey: c.k };
        } catch {
          throw err.badCursor();
        }
      }
      const limit = q.limit ?? 1000;
      const rows = await repo.publishedSeries(s.db, { indicator: def.code, from, to, area: q.area, dims, after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const base = origin(req, s);
      let next: string | null = null;
      if (rows.length > limit && last) {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(q)) if (v !== undefined && k !== 'cursor') params.set(k, String(v));
        params.set('cursor', Buffer.from(JSON.stringify({ s: last.start, p: last.periodCode, k: last.dimsKey })).toString('base64url'));
        next = `${base}/api/v1/indicators/${encodeURIComponent(def.code)}/observations?${params}`;
      }
      if (next) reply.header('link', `<${next}>; rel="next"`);
      const anyDemo = page.some((v) => v.isDemo);
      if (wantsCsv(req, q.format)) {
        const dimNames = def.dimensions.filter((d) => d !== 'area');
        const head = ['indicator', 'period', 'start', 'end', 'area', ...dimNames, 'value', 'unit', 'revision', 'demo'];
        const lines = page.map((v) =>
          [def.code, v.periodCode, v.start, v.end, v.areaCode ?? '', ...dimNames.map((d) => v.dims[d] ?? ''), v.value, def.measureUnit, v.revision, v.isDemo ? 'dữ liệu minh họa' : '']
            .map(csvCell)
            .join(','),
        );
        // The BOM makes Excel read UTF-8 (Vietnamese diacritics) instead of the ANSI code page.
        const body = `\uFEFF${head.join(',')}\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
        reply.header('content-disposition', `attachment; filename="${def.code}.csv"`);
        return sendWithEtag(req, reply, body, 'text/csv; charset=utf-8', !!consumer);
      }
      const body = JSON.stringify({
        indicator: def.code,
        unit: def.measureUnit,
        count: page.length,
        next,
        ...(anyDemo ? { note: 'Có dữ liệu minh họa (demo = true), không phải số liệu thống kê thật.' } : {}),
        observations: page.map((v) => ({ period: v.periodCode, start: v.start, end: v.end, dims: v.dims, area: v.areaCode, value: v.value, revision: v.revision, demo: v.isDemo })),
      });
      return sendWithEtag(req, reply, body, 'application/json; charset=utf-8', !!consumer);
    },
  );

  // DCAT-AP 3 catalogue of the published indicators: JSON-LD by default, Turtle on request.
  const catalogHandler = (forced?: 'ttl' | 'jsonld') => async (req: FastifyRequest, reply: FastifyReply) => {
    const graph = await catalogGraph(s, origin(req, s));
    const turtle = forced === 'ttl' || (!forced && /\btext\/turtle\b/.test(req.headers.accept ?? ''));
    const body = await serialiseCatalog(graph, turtle ? 'turtle' : 'jsonld');
    return sendWithEtag(req, reply, body, turtle ? 'text/turtle; charset=utf-8' : 'application/ld+json; charset=utf-8', false);
  };
  const catalogSchema = (summary: string) => ({ tags: ['indicators'], summary, response: { 429: ProblemSchema } });
  app.get('/api/v1/catalog', { config: rateLimit, schema: catalogSchema('Danh mục dữ liệu mở DCAT-AP 3 (JSON-LD; Turtle khi Accept: text/turtle)') }, catalogHandler());
  app.get('/api/v1/catalog.ttl', { config: rateLimit, schema: catalogSchema('Danh mục dữ liệu mở DCAT-AP 3 dạng Turtle') }, catalogHandler('ttl'));
  app.get('/api/v1/catalog.jsonld', { config: rateLimit, schema: catalogSchema('Danh mục dữ liệu mở DCAT-AP 3 dạng JSON-LD') }, catalogHandler('jsonld'));
}
