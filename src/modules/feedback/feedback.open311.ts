import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { nfc, vnIsoDate } from '../../core/validation.js';
import { currentAgency, listUnits } from '../../core/org/org.repository.js';
import { Open311Error, submitOpen311Request } from './feedback.commands.js';
import { redactionPreview } from './feedback.privacy.js';
import * as repo from './feedback.repository.js';
import { STATUS_LABELS } from './pages/feedback-pages.js';
import { endOfVnDay, isoVn, parseIsoInput } from './feedback.time.js';
import { toXml, type XmlValue } from './feedback.xml.js';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), mounted at /open311:
 *   GET  /open311/discovery.{json|xml}
 *   GET  /open311/v2/services.{fmt}              the categories, as services
 *   GET  /open311/v2/services/{service_code}.{fmt} the service definition (no attributes yet)
 *   POST /open311/v2/requests.{fmt}              file a case (form-urlencoded, api_key)
 *   GET  /open311/v2/requests.{fmt}              search cases (last 90 days, at most 1,000)
 *   GET  /open311/v2/requests/{id}.{fmt}         one case; id is the public code PA-YYMMDD-NNNN
 *   GET  /open311/v2/tokens/{token}.{fmt}        always 404: a POST answers with the
 *        service_request_id at once, so no token is ever issued (the standard allows either).
 * Errors use the standard's list ([{code, description}] / <errors><error>…), never the
 * platform's problem+json: this scope has its own error and not-found handlers.
 *
 * Privacy (Law 91/2025/QH15; domain.md §8): no output ever carries the reporter's name, phone or
 * email; the description appears only once an officer confirmed its redaction, and a case whose
 * reporter refused publication shows only its category, status and dates.
 */
type Fmt = 'json' | 'xml';

/** Open311 'group' from the service code's prefix (the sector the department manages). */
const GROUPS: Record<string, string> = { VH: 'Văn hóa', LE: 'Văn hóa', DL: 'Du lịch', TDTT: 'Thể dục, thể thao', DS: 'Di sản văn hóa', KHAC: 'Khác' };

const OPEN311_CHANGESET = '2026-03-01T00:00:00+07:00';
const MAX_RESULTS = 1000;
const DEFAULT_DAYS = 90;
const POST_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const GET_LIMIT = { rateLimit: { max: 300, timeWindow: '1 minute' } };

const ROOTS = { services: 'services', definition: 'service_definition', requests: 'service_requests', discovery: 'discovery', errors: 'errors' } as const;

function formatOf(req: FastifyRequest): Fmt {
  return /\.xml$/i.test(req.url.split('?')[0] ?? '') ? 'xml' : 'json';
}

function send(reply: FastifyReply, fmt: Fmt, root: string, value: XmlValue, status = 200) {
  reply.code(status).header('cache-control', 'no-store');
  if (fmt === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

function sendErrors(reply: FastifyReply, fmt: Fmt, status: number, descriptions: string[]) {
  return send(
    reply,
    fmt,
    ROOTS.errors,
    descriptions.map((description) => ({ code: status, description })),
    status,
  );
}

/** "{name}.{json|xml}" → [name, fmt]; anything else is a 404 in the standard's format. */
function splitFile(file: string): [string, Fmt] {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  if (!m) throw new Open311Error(404, ['Định dạng phải là .json hoặc .xml (format must be json or xml).']);
  // The router has already decoded the path once; a second decode of "%zz" or a lone "%" threw
  // a URIError (a 500). A literal "%" never belongs in a service code or a case code.
  let name: string;
  try {
    name = decodeURIComponent(m[1]!);
  } catch {
    throw new Open311Error(400, ['Mã hóa phần trăm (%) không hợp lệ (invalid percent-encoding).']);
  }
  return [name, m[2]!.toLowerCase() as Fmt];
}

const one = (v: unknown): string => (Array.isArray(v) ? String(v[v.length - 1] ?? '') : v == null ? '' : String(v));

export function open311Routes(s: Services) {
  let unitsCache: { at: number; names: Map<string, string> } | undefined;
  async function unitNames(): Promise<Map<string, string>> {
    if (!unitsCache || Date.now() - unitsCache.at > 60_000) {
      unitsCache = { at: Date.now(), names: new Map((await listUnits(s.db)).map((u) => [u.code, u.name])) };
    }
    return unitsCache.names;
  }

  function serviceOf(c: repo.FeedbackCategory) {
    return {
      service_code: c.serviceCode,
      service_name: c.name,
      description: c.description,
      metadata: false, // no service defines attributes yet
      type: 'realtime',
      keywords: [c.name, c.nameEn ?? '', c.serviceCode].filter(Boolean).join(', '),
      group: GROUPS[c.serviceCode.split('-')[0] ?? ''] ?? 'Khác',
    };
  }

  async function requestOf(c: repo.FeedbackCase, cats: Map<string, repo.FeedbackCategory>) {
    const cat = cats.get(c.categoryCode);
    const units = await unitNames();
    const open = repo.OPEN_STATUSES.includes(c.status);
    // Nothing the reporter wrote is public until an officer confirmed the redaction preview
    // (issue 9 finding 3): an automatic mask alone missed "chị Hoa", "(091) 234-5678", "hoa[at]…".
    // Before that, and whenever the reporter refused publication: category, status, times and a
    // ward-sized area (coordinates to 0.01°, about 1 km), no description, address or media.
    const confirmed = c.publishConsent && !!c.redactionConfirmedAt && !!c.publicContent;
    const reporter = { name: c.reporterName, phone: c.reporterPhone, email: c.reporterEmail };
    const area = (v: string | null) => (v === null ? undefined : confirmed ? Number(v) : Math.round(Number(v) * 100) / 100);
    return {
      service_request_id: c.code,
      status: open ? 'open' : 'closed',
      // An approved, published answer is the status note (as FixMyStreet shows its updates).
      status_notes: c.published && c.publicAnswer ? c.publicAnswer : STATUS_LABELS[c.status].vi,
      service_name: cat?.name ?? c.categoryCode,
      service_code: c.categoryCode,
      description: confirmed ? c.publicContent! : undefined,
      agency_responsible: cat ? (units.get(cat.unitCode) ?? cat.unitCode) : '',
      service_notice: cat ? `Hạn trả lời: ${cat.deadlineDays} ngày làm việc kể từ ngày tiếp nhận.` : '',
      requested_datetime: isoVn(c.receivedAt),
      updated_datetime: isoVn(c.updatedAt),
      expected_datetime: endOfVnDay(c.dueDate),
      // The street address is the reporter's words too: masked (house numbers, alleys) even then.
      address: confirmed && c.addressText ? redactionPreview(c.addressText, [reporter]).text : undefined,
      lat: c.publishConsent ? area(c.lat) : undefined,
      long: c.publishConsent ? area(c.lng) : undefined,
      media_url: confirmed && c.mediaUrl ? c.mediaUrl : undefined,
    };
  }

  async function categoryMap() {
    return new Map((await repo.listCategories(s.db)).map((c) => [c.serviceCode, c]));
  }

  return async function plugin(app: FastifyInstance) {
    app.setErrorHandler(async (error: FastifyError, req, reply) => {
      const fmt = formatOf(req);
      if (error instanceof Open311Error) return sendErrors(reply, fmt, error.status, error.descriptions);
      if (error instanceof AppError) return sendErrors(reply, fmt, error.status, [`${error.vi} (${error.en})`]);
      if (error.statusCode === 429) return sendErrors(reply, fmt, 429, ['Quá nhiều yêu cầu, vui lòng thử lại sau (too many requests).']);
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
        return sendErrors(reply, fmt, error.statusCode, [`Yêu cầu không hợp lệ (${error.message}).`]);
      req.log.error({ err: error }, 'open311 error');
      return sendErrors(reply, fmt, 500, ['Hệ thống gặp sự cố (internal error).']);
    });
    app.setNotFoundHandler(async (req, reply) => sendErrors(reply, formatOf(req), 404, ['Không tìm thấy tài nguyên (not found).']));

    for (const fmt of ['json', 'xml'] as const) {
      app.get(`/discovery.${fmt}`, { config: GET_LIMIT }, async (_req, reply) => {
        const agency = await currentAgency(s.db, vnIsoDate()).catch(() => undefined);
        const contact = agency ? [agency.name, agency.address, agency.phone, agency.email].filter(Boolean).join(', ') : 'Sở Văn hóa, Thể thao và Du lịch';
        return send(reply, fmt, ROOTS.discovery, {
          changeset: OPEN311_CHANGESET,
          contact,
          key_service: `Khóa API (api_key) do quản trị hệ thống của Sở cấp theo đề nghị bằng văn bản${agency?.email ? ` gửi ${agency.email}` : ''}.`,
          endpoints: [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: `${s.config.publicUrl}/open311/v2`,
              changeset: OPEN311_CHANGESET,
              type: 'production',
              formats: ['application/json', 'text/xml'],
            },
          ],
        });
      });

      app.get(`/v2/services.${fmt}`, { config: GET_LIMIT }, async (_req, reply) => {
        const cats = await repo.listCategories(s.db, { activeOnly: true });
        return send(reply, fmt, ROOTS.services, cats.map(serviceOf));
      });

      app.post(`/v2/requests.${fmt}`, { config: POST_LIMIT }, async (req, reply) => {
        const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
        const filed = await submitOpen311Request(s, body, { ip: req.ip, requestId: req.id });
        return send(
          reply,
          fmt,
          ROOTS.requests,
          [
            {
              service_request_id: filed.case.code,
              service_notice: `Đã tiếp nhận. Hạn trả lời: ${filed.category.deadlineDays} ngày làm việc (đến hết ngày ${filed.case.dueDate.split('-').reverse().join('/')}).`,
              account_id: null,
            },
          ],
          201,
        );
      });

      app.get(`/v2/requests.${fmt}`, { config: GET_LIMIT }, async (req, reply) => {
        const q = req.query as Record<string, unknown>;
        const errors: string[] = [];
        const ids = one(q.service_request_id)
          .split(',')
          .map((x) => nfc(x).toUpperCase())
          .filter(Boolean);
        if (ids.length > MAX_RESULTS) errors.push(`service_request_id: tối đa ${MAX_RESULTS} mã (at most ${MAX_RESULTS} ids).`);
        const parseDate = (name: string) => {
          const raw = one(q[name]);
          if (!raw) return undefined;
          const d = parseIsoInput(raw);
          if (!d) errors.push(`${name}: phải theo ISO 8601, ví dụ 2026-03-01T00:00:00+07:00 (must be ISO 8601).`);
          return d ?? undefined;
        };
        let start = parseDate('start_date');
        const end = parseDate('end_date');
        if (start && end && end < start) errors.push('end_date: phải sau start_date (end_date must not be before start_date).');
        const statuses = one(q.status)
          .split(',')
          .map((x) => x.trim().toLowerCase())
          .filter(Boolean);
        if (statuses.some((x) => x !== 'open' && x !== 'closed')) errors.push('status: chỉ nhận open hoặc closed (status must be open or closed).');
        const serviceCode = nfc(one(q.service_code)) || undefined;
        if (errors.length) throw new Open311Error(400, errors);
        // The standard's default window: the last 90 days (counted back from end_date if given).
        if (!start) start = new Date((end ?? new Date()).getTime() - DEFAULT_DAYS * 86400_000);
        const rows = await repo.listForOpen311(s.db, {
          codes: ids.length ? ids : undefined,
          serviceCode,
          start,
          end,
          statuses: [...new Set(statuses)] as ('open' | 'closed')[],
          limit: MAX_RESULTS,
        });
        const cats = await categoryMap();
        return send(reply, fmt, ROOTS.requests, await Promise.all(rows.map((r) => requestOf(r, cats))));
      });
    }

    app.get('/v2/services/:file', { config: GET_LIMIT }, async (req, reply) => {
      const [code, fmt] = splitFile((req.params as { file: string }).file);
      const cat = await repo.findCategory(s.db, code);
      if (!cat?.active) throw new Open311Error(404, [`service_code: không có dịch vụ "${code}" (service_code not found).`]);
      return send(reply, fmt, ROOTS.definition, { service_code: cat.serviceCode, attributes: [] });
    });

    app.get('/v2/requests/:file', { config: GET_LIMIT }, async (req, reply) => {
      const [id, fmt] = splitFile((req.params as { file: string }).file);
      const c = await repo.findByCode(s.db, id.toUpperCase());
      if (!c) throw new Open311Error(404, [`service_request_id: không có phản ánh "${id}" (service_request_id not found).`]);
      return send(reply, fmt, ROOTS.requests, [await requestOf(c, await categoryMap())]);
    });

    // POST requests answers with the service_request_id immediately; tokens are never issued.
    app.get('/v2/tokens/:file', { config: GET_LIMIT }, async (req) => {
      splitFile((req.params as { file: string }).file);
      throw new Open311Error(404, [
        'token: không có mã tạm; hệ thống trả service_request_id ngay khi tiếp nhận (tokens are not issued: requests get their id at once).',
      ]);
    });
  };
}
