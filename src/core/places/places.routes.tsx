import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../context.js';
import { AppError, type FieldErrors } from '../errors.js';
import { requirePermission } from '../auth/actor.js';
import { isValidIsoDate, parseDateInput, vnIsoDate } from '../validation.js';
import { ProblemSchema } from '../web/schemas.js';
import { ADMIN_LEVELS, type AdminLevel, type AdminUnit, getAdminUnit, isInForce, listAdminUnits, predecessorsOf, successorsAt, tierOf } from './index.js';
import { PlacesAdminPage } from './pages/places-admin.js';

const LEVEL = `(${ADMIN_LEVELS.join('|')})`;

const UnitSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.Union(ADMIN_LEVELS.map((l) => Type.Literal(l))),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String({ description: 'YYYY-MM-DD' }),
  validTo: Type.Union([Type.String({ description: 'YYYY-MM-DD, ngày cuối cùng có hiệu lực' }), Type.Null()]),
  successorCodes: Type.Array(Type.String()),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
});

const toJson = (u: AdminUnit) => ({
  code: u.code,
  name: u.name,
  nameEn: u.nameEn,
  level: u.level,
  parentCode: u.parentCode,
  validFrom: u.validFrom,
  validTo: u.validTo,
  successorCodes: u.successorCodes,
  lat: u.lat,
  lng: u.lng,
});

const badDate = (v: string) =>
  new AppError('PLACES-100', 400, `Ngày "${v}" không hợp lệ.`, `Date "${v}" is not valid.`, {
    at: { vi: 'Ngày không hợp lệ (YYYY-MM-DD).', en: 'Not a valid date (YYYY-MM-DD).' },
  });

/** The list changes only when the province is reorganised (a resolution, a few times a decade):
 * browsers and proxies may keep it an hour, and revalidate for free with the ETag. */
function sendCached(req: FastifyRequest, reply: FastifyReply, body: unknown) {
  const json = JSON.stringify(body);
  const etag = `"${crypto.createHash('sha1').update(json).digest('base64url')}"`;
  reply.header('cache-control', 'public, max-age=3600').header('etag', etag);
  const inm = req.headers['if-none-match'];
  if (inm?.split(',').some((v) => v.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

export async function placesRoutes(app: FastifyInstance, s: Services) {
  app.get(
    '/api/v1/places',
    {
      schema: {
        tags: ['places'],
        summary: 'Đơn vị hành chính có hiệu lực tại một ngày (mặc định hôm nay), theo cấp và đơn vị cấp trên',
        querystring: Type.Object({
          at: Type.Optional(Type.String({ description: 'YYYY-MM-DD; mặc định hôm nay (giờ Việt Nam)', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
          level: Type.Optional(
            Type.String({ description: `Một hoặc nhiều cấp, cách nhau bởi dấu phẩy: ${ADMIN_LEVELS.join(', ')}`, pattern: `^${LEVEL}(,${LEVEL})*$` }),
          ),
          parent: Type.Optional(Type.String({ description: 'Mã đơn vị cấp trên', maxLength: 20 })),
        }),
        response: { 200: Type.Object({ at: Type.String(), count: Type.Integer(), units: Type.Array(UnitSchema) }), 400: ProblemSchema },
      },
    },
    async (req, reply) => {
      const q = req.query as { at?: string; level?: string; parent?: string };
      const at = q.at ?? vnIsoDate();
      if (!isValidIsoDate(at)) throw badDate(at);
      const level = q.level ? (q.level.split(',') as AdminLevel[]) : undefined;
      const units = await listAdminUnits(s.db, { at, level, parentCode: q.parent || undefined });
      return sendCached(req, reply, { at, count: units.length, units: units.map(toJson) });
    },
  );

  app.get(
    '/api/v1/places/:code',
    {
      schema: {
        tags: ['places'],
        summary: 'Một đơn vị hành chính, các đơn vị hợp thành nó và các đơn vị hiện nay tương ứng',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        querystring: Type.Object({
          at: Type.Optional(Type.String({ description: 'YYYY-MM-DD cho "successorsAt"; mặc định hôm nay', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
        }),
        response: {
          200: Type.Object({ unit: UnitSchema, predecessors: Type.Array(UnitSchema), successorsAt: Type.Array(UnitSchema) }),
          400: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (req, reply) => {
      const { code } = req.params as { code: string };
      const at = (req.query as { at?: string }).at ?? vnIsoDate();
      if (!isValidIsoDate(at)) throw badDate(at);
      const unit = await getAdminUnit(s.db, code);
      if (!unit) throw new AppError('PLACES-404', 404, `Không có đơn vị hành chính mã ${code}.`, `No administrative unit with code ${code}.`);
      const [pre, succ] = await Promise.all([predecessorsOf(s.db, code), successorsAt(s.db, code, at)]);
      return sendCached(req, reply, { unit: toJson(unit), predecessors: pre.map(toJson), successorsAt: succ.map(toJson) });
    },
  );

  app.get('/quan-tri/don-vi-hanh-chinh', async (req, reply) => {
    requirePermission(req.actor, 'view:workspace:all');
    const q = req.query as Record<string, string | undefined>;
    let at = vnIsoDate();
    let errors: FieldErrors | undefined;
    if (q.ngay?.trim()) {
      const parsed = parseDateInput(q.ngay);
      if (parsed) at = parsed;
      else
        errors = {
          ngay: { vi: 'Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2025.', en: 'Not a valid date. Use dd/mm/yyyy, e.g. 30/06/2025.' },
        };
    }
    const level = ADMIN_LEVELS.includes(q.cap as AdminLevel) ? (q.cap as AdminLevel) : '';
    // One read of the whole table (a province has a few hundred units, history included) names
    // parents, predecessors and successors without a query per row.
    const all = await listAdminUnits(s.db);
    const byCode = new Map(all.map((u) => [u.code, u]));
    const predecessors = new Map<string, string[]>();
    for (const u of all) {
      for (const c of u.successorCodes) {
        const next = byCode.get(c);
        if (next && tierOf(next.level) === tierOf(u.level)) predecessors.set(c, [...(predecessors.get(c) ?? []), u.code]);
      }
    }
    const units = all.filter((u) => isInForce(u, at) && (!level || u.level === level));
    return reply.html(
      <PlacesAdminPage
        ctx={reply.page(req)}
        at={at}
        level={level}
        units={units}
        byCode={byCode}
        predecessors={predecessors}
        values={errors ? { ngay: q.ngay ?? '' } : undefined}
        errors={errors}
      />,
      errors ? 400 : 200,
    );
  });
}
