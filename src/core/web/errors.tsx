import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldErrors } from '../errors.js';
import { Layout } from './layout.js';
import { badInputError } from './input-guard.js';

const isApi = (req: FastifyRequest) => req.url.startsWith('/api/') || req.url.startsWith('/open311/');

/** RFC 9457 problem details, with our stable code and a message in the caller's language. */
export function sendProblem(reply: FastifyReply, req: FastifyRequest, err: AppError) {
  const en = req.lang === 'en';
  const errors = err.fields
    ? Object.entries(err.fields).map(([field, m]) => ({ field, message: en ? m.en : m.vi }))
    : undefined;
  return reply
    .code(err.status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: `https://vanhien.gov.vn/problems/${err.code}`, title: en ? err.en : err.vi, status: err.status, code: err.code, detail: en ? err.en : err.vi, instance: req.url, errors });
}

// Vietnamese messages for schema validation failures of the JSON API.
function ajvMessage(e: { keyword: string; params: Record<string, unknown>; message?: string }): { vi: string; en: string } {
  switch (e.keyword) {
    case 'required':
      return { vi: 'Trường này là bắt buộc.', en: 'This field is required.' };
    case 'type':
      return { vi: `Sai kiểu dữ liệu (cần ${String(e.params.type)}).`, en: `Must be ${String(e.params.type)}.` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { vi: `Giá trị phải từ ${String(e.params.limit)} trở lên.`, en: `Must be ≥ ${String(e.params.limit)}.` };
    case 'maximum':
      return { vi: `Giá trị không được lớn hơn ${String(e.params.limit)}.`, en: `Must be ≤ ${String(e.params.limit)}.` };
    case 'minLength':
      return { vi: 'Giá trị quá ngắn hoặc đang để trống.', en: 'Too short or empty.' };
    case 'maxLength':
      return { vi: `Không được dài quá ${String(e.params.limit)} ký tự.`, en: `At most ${String(e.params.limit)} characters.` };
    case 'pattern':
    case 'format':
      return { vi: 'Giá trị không đúng định dạng.', en: 'Wrong format.' };
    case 'enum':
      return { vi: 'Giá trị không nằm trong danh sách cho phép.', en: 'Not an allowed value.' };
    case 'additionalProperties':
      return { vi: `Trường "${String(e.params.additionalProperty)}" không được hỗ trợ.`, en: 'Unknown field.' };
    default:
      return { vi: 'Giá trị không hợp lệ.', en: e.message ?? 'Invalid value.' };
  }
}

function validationToAppError(err: FastifyError): AppError {
  const fields: FieldErrors = {};
  for (const v of err.validation ?? []) {
    const missing = (v.params as Record<string, unknown>).missingProperty;
    const name = `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}${missing ? `.${String(missing)}` : ''}`.replace(/^body\./, '');
    fields[name] ??= ajvMessage(v as never);
  }
  return new AppError('CORE-100', 400, 'Thông tin gửi lên chưa hợp lệ.', 'The request is not valid.', fields);
}

export function ErrorPage(props: { ctx: ReturnType<FastifyReply['page']>; status: number; title: string; message: string }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p class="vh-lead">{props.message}</p>
      <p>
        <a href="/">{t('Về trang chủ', 'Go to the home page')}</a>
      </p>
    </Layout>
  );
}

function htmlError(req: FastifyRequest, reply: FastifyReply, status: number, vi: string, en: string, titleVi: string, titleEn: string) {
  let ctx: ReturnType<FastifyReply["page"]>;
  try {
    ctx = reply.page(req);
  } catch {
    return reply.code(status).type('text/plain; charset=utf-8').send(req.lang === 'en' ? en : vi);
  }
  return reply.html(<ErrorPage ctx={ctx} status={status} title={ctx.t(titleVi, titleEn)} message={ctx.t(vi, en)} />, status);
}

// PostgreSQL refuses NUL in text (22021) and \u0000 in jsonb (22P05); drizzle wraps the error.
function isBadTextError(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 3; e = e.cause as typeof e, i++) {
    if (e.code === '22021' || e.code === '22P05') return true;
  }
  return false;
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    let appErr: AppError | undefined;
    if (error instanceof AppError) appErr = error;
    else if (error.validation) appErr = validationToAppError(error);
    else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413)
      appErr = new AppError('CORE-413', 413, 'Dữ liệu gửi lên quá lớn.', 'The request body is too large.');
    else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415)
      appErr = new AppError('CORE-415', 415, 'Kiểu dữ liệu gửi lên không được hỗ trợ.', 'Unsupported media type.');
    else if (error.code?.startsWith('FST_CSRF'))
      appErr = new AppError('CORE-403', 403, 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại.', 'The form expired. Reload the page and submit again.');
    else if (isBadTextError(error))
      // A NUL that reached PostgreSQL through a reader the input guard does not see (a multipart
      // part): the input's fault, answered as such.
      appErr = badInputError();
    else if (error.statusCode === 429)
      appErr = new AppError('CORE-429', 429, 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.', 'Too many requests. Try again in a few minutes.');
    else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      appErr = new AppError('CORE-101', error.statusCode, 'Yêu cầu không hợp lệ.', 'Bad request.');

    if (!appErr) {
      req.log.error({ err: error }, 'unhandled error');
      appErr = new AppError('CORE-500', 500, 'Hệ thống gặp sự cố. Chúng tôi đã ghi nhận và sẽ khắc phục sớm.', 'Something went wrong on our side.');
    }
    if (isApi(req)) return sendProblem(reply, req, appErr);
    if (appErr.status === 401) return reply.redirect(`/dang-nhap?next=${encodeURIComponent(req.url)}`);
    return htmlError(req, reply, appErr.status, appErr.vi, appErr.en, appErr.status >= 500 ? 'Lỗi hệ thống' : 'Không thực hiện được', appErr.status >= 500 ? 'Server error' : 'Could not complete');
  });

  app.setNotFoundHandler(
    { preHandler: app.rateLimit({ max: 120, timeWindow: '1 minute' }) },
    async (req, reply) => {
      if (isApi(req)) return sendProblem(reply, req, new AppError('CORE-404', 404, 'Không tìm thấy tài nguyên.', 'Not found.'));
      return htmlError(req, reply, 404, 'Trang bạn tìm không tồn tại hoặc đã được chuyển đi.', 'The page you are looking for does not exist or has moved.', 'Không tìm thấy trang', 'Page not found');
    },
  );
}
