import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../core/context.js';
import { AppError, Errors } from '../../core/errors.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { ProblemSchema } from '../../core/web/schemas.js';
import { vnIsoDate } from '../../core/validation.js';
import { registerDevice, rotateDeviceSecret, setDeviceStatus } from './devices.commands.js';
import { CountBuffer, DeviceDirectory, DeviceErrors, parseIntervals, RejectionLog, storeCounts } from './devices.ingest.js';
import { checkSignature, secretMatches } from './devices.keys.js';
import { startEmbeddedBroker, startSubscriber, whileLeader } from './devices.mqtt.js';
import { devicePolicy } from './devices.policy.js';
import * as repo from './devices.repository.js';
import { DeviceRegistryPage, VisitorsPage } from './pages/devices-pages.js';
import { facilityToday } from './devices.stats.js';

const IntervalSchema = Type.Object({
  seq: Type.Integer({ minimum: 0, description: 'Số thứ tự tăng dần của thiết bị; mỗi số chỉ dùng cho một khoảng đếm' }),
  start: Type.String({ format: 'date-time', description: 'Đầu khoảng đếm, ISO 8601 có múi giờ' }),
  seconds: Type.Integer({ minimum: 1, maximum: 3600, description: 'Độ dài khoảng đếm (giây)' }),
  entries: Type.Integer({ minimum: 0, description: 'Lượt vào' }),
  exits: Type.Integer({ minimum: 0, description: 'Lượt ra' }),
  deviceTime: Type.String({ format: 'date-time', description: 'Đồng hồ của thiết bị lúc gửi' }),
});

/** The raw bytes are needed for the HMAC; JSON is parsed here once, after the signature check. */
declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

export async function deviceRoutes(app: FastifyInstance, s: Services) {
  const dir = new DeviceDirectory(s);
  const rejections = new RejectionLog(s);

  // ── ingestion over MQTT: on the node holding the ingestion lock (ADR 014) ──────
  const { mqttUrl, mqttPort, mqttHost, mqttClientId } = s.config.devices;
  if (mqttUrl || mqttPort !== undefined) {
    const leader = whileLeader(s, async () => {
      const parts: Array<{ close(): Promise<void> }> = [];
      if (mqttPort !== undefined) parts.push(await startEmbeddedBroker({ s, dir, rejections, buffer: new CountBuffer(s, dir) }, mqttPort, mqttHost));
      if (mqttUrl) parts.push(startSubscriber({ s, dir, rejections, buffer: new CountBuffer(s, dir) }, mqttUrl, mqttClientId));
      return { close: async () => void (await Promise.all(parts.map((p) => p.close()))) };
    });
    app.addHook('onClose', () => leader.close());
  }

  // ── ingestion over HTTP ──────────────────────────────────────────────────────
  await app.register(async (api) => {
    api.removeContentTypeParser('application/json');
    api.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 1_048_576 }, (req, body, done) => {
      (req as FastifyRequest).rawBody = body as Buffer;
      done(null, null);
    });

    async function authenticate(req: FastifyRequest, id: string) {
      const device = await dir.get(id);
      const auth = req.headers.authorization;
      const sig = req.headers['x-signature'];
      if (!auth && typeof sig !== 'string') throw DeviceErrors.noCredentials();
      if (!device) {
        rejections.record(id, 'http', 'DEV-200', 'thiết bị không tồn tại');
        throw DeviceErrors.unauthenticated();
      }
      if (typeof sig === 'string') {
        const r = checkSignature(sig, device.key, req.rawBody ?? Buffer.alloc(0));
        if (r !== 'ok') {
          rejections.record(id, 'http', 'DEV-201', `chữ ký ${r === 'stale' ? 'quá hạn' : r === 'malformed' ? 'sai định dạng' : 'không khớp'}`);
          throw DeviceErrors.badSignature();
        }
      } else if (!auth?.startsWith('Bearer ') || !secretMatches(auth.slice(7).trim(), device.key)) {
        rejections.record(id, 'http', 'DEV-200', 'sai khóa bí mật');
        throw DeviceErrors.unauthenticated();
      }
      if (device.status !== 'active') {
        rejections.record(id, 'http', 'DEV-203', 'thiết bị đã ngừng sử dụng');
        throw DeviceErrors.disabled();
      }
      return device;
    }

    api.post(
      '/api/v1/devices/:id/counts',
      {
        attachValidation: true,
        schema: {
          tags: ['devices'],
          summary: 'Thiết bị đếm khách gửi số lượt vào/ra theo khoảng thời gian',
          description:
            'Xác thực theo thiết bị: `Authorization: Bearer <khóa bí mật>` hoặc `X-Signature: t=<giây Unix>,v1=<hex HMAC-SHA256(khóa dẫn xuất, "<t>.<thân yêu cầu>")>` với khóa dẫn xuất = HMAC-SHA256(khóa bí mật, "vanhien-device-key-v1") (ADR 014). Gửi lại cùng khoảng đếm (cùng start, cùng seq) chỉ được tính một lần. Tối đa 1.000 khoảng mỗi lần. Mã lỗi: DEV-100 sai định dạng, DEV-101 số âm, DEV-102 thời điểm ở tương lai, DEV-103 quá nhiều khoảng, DEV-104 quá cũ, DEV-200 thiết bị/khóa sai, DEV-201 chữ ký sai, DEV-202 thiếu xác thực, DEV-203 thiết bị ngừng dùng, DEV-409 seq đã dùng cho khoảng khác.',
          security: [{ bearer: [] }],
          params: Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }) }),
          body: Type.Object({ intervals: Type.Array(IntervalSchema, { minItems: 1, maxItems: 1000 }) }),
          response: {
            200: Type.Object({ accepted: Type.Integer({ description: 'khoảng đếm mới được lưu' }), duplicates: Type.Integer({ description: 'khoảng đã nhận trước đó, không tính lại' }) }),
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            409: ProblemSchema,
            413: ProblemSchema,
          },
        },
      },
      async (req) => {
        // Our own checks (with the DEV- codes devices are built against) replace the schema's.
        const { id } = req.params as { id: string };
        const device = await authenticate(req, id);
        let body: unknown;
        try {
          body = JSON.parse((req.rawBody ?? Buffer.alloc(0)).toString('utf8'));
        } catch {
          rejections.record(id, 'http', 'DEV-100', 'không phải JSON');
          throw DeviceErrors.malformed({ body: { vi: 'Nội dung không phải JSON.', en: 'The body is not JSON.' } });
        }
        try {
          const rows = parseIntervals(device, (body as { intervals?: unknown } | null)?.intervals);
          const out = await storeCounts(s, rows, 'http', { refuseReplays: true });
          await dir.seen([id]);
          return { accepted: out.accepted, duplicates: out.duplicates };
        } catch (err) {
          if (err instanceof AppError) rejections.record(id, 'http', err.code, err.vi);
          throw err;
        }
      },
    );
  });

  // ── staff: registry ──────────────────────────────────────────────────────────
  const registry = async () => ({
    devices: await repo.listDevices(s.db),
    facilities: await repo.listFacilities(s.db),
    rejections: await repo.recentRejections(s.db, 30),
  });

  app.get('/quan-tri/thiet-bi', async (req, reply) => {
    devicePolicy.requireManage(req.actor);
    return reply.html(<DeviceRegistryPage ctx={reply.page(req)} {...await registry()} />);
  });

  app.post('/quan-tri/thiet-bi', async (req, reply) => {
    devicePolicy.requireManage(req.actor);
    const body = formBody(req);
    try {
      const r = await registerDevice(commandContext(req, s), { id: body.id ?? '', facilityCode: body.facilityCode ?? '', entrance: body.entrance ?? '', location: body.location, silentAfterMinutes: body.silentAfterMinutes });
      // The secret is shown in this response only (no redirect: it must not sit in a cookie or URL).
      return reply.html(<DeviceRegistryPage ctx={reply.page(req)} {...await registry()} issued={{ id: r.device.id, secret: r.secret }} />);
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<DeviceRegistryPage ctx={reply.page(req)} {...await registry()} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });

  app.post('/quan-tri/thiet-bi/:id/trang-thai', async (req, reply) => {
    devicePolicy.requireManage(req.actor);
    const { id } = req.params as { id: string };
    const body = formBody(req);
    const d = await setDeviceStatus(commandContext(req, s), id, Number(body.version), body.status === 'active' ? 'active' : 'disabled');
    return reply.flash(d.status === 'active' ? `Đã dùng lại thiết bị ${id}.` : `Đã ngừng thiết bị ${id}.`).redirect('/quan-tri/thiet-bi');
  });

  app.post('/quan-tri/thiet-bi/:id/doi-khoa', async (req, reply) => {
    devicePolicy.requireManage(req.actor);
    const { id } = req.params as { id: string };
    const r = await rotateDeviceSecret(commandContext(req, s), id, Number(formBody(req).version));
    return reply.html(<DeviceRegistryPage ctx={reply.page(req)} {...await registry()} issued={{ id: r.device.id, secret: r.secret }} />);
  });

  // ── staff: "Bảo tàng — lượt khách" ───────────────────────────────────────────
  app.get('/quan-tri/bao-tang/luot-khach', async (req, reply) => {
    devicePolicy.requireView(req.actor);
    const facilities = await repo.listFacilities(s.db);
    const code = String((req.query as Record<string, unknown>)['co-so'] ?? 'bao-tang-tinh');
    const facility = facilities.find((f) => f.code === code) ?? facilities[0];
    if (!facility) throw Errors.notFound('Cơ sở');
    const today = await facilityToday(s, facility, vnIsoDate());
    return reply.html(<VisitorsPage ctx={reply.page(req)} facility={facility} facilities={facilities} {...today} />);
  });
}
