import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Tabs } from '../../../core/web/components/tabs.js';
import { Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { formatDateTimeVi, formatDateVi } from '../../../core/validation.js';
import type { FeedbackCase, FeedbackCategory, FeedbackEvent } from '../feedback.repository.js';
import { FEEDBACK_CHANNELS, FEEDBACK_STATUSES, type FeedbackChannel, type FeedbackStatus } from '../feedback.schema.js';

export const STATUS_LABELS: Record<FeedbackStatus, { vi: string; en: string }> = {
  new: { vi: 'Mới tiếp nhận', en: 'Received' },
  classified: { vi: 'Đã phân loại', en: 'Classified' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  waiting: { vi: 'Chờ người phản ánh bổ sung thông tin', en: 'Waiting for more information' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
  rejected: { vi: 'Không tiếp nhận xử lý', en: 'Rejected' },
  forwarded: { vi: 'Đã chuyển cơ quan có thẩm quyền', en: 'Forwarded to the competent agency' },
  merged: { vi: 'Đã gộp vào phản ánh trùng', en: 'Merged into a duplicate' },
};

export const CHANNEL_LABELS: Record<FeedbackChannel, { vi: string; en: string }> = {
  web: { vi: 'Cổng thông tin', en: 'Web portal' },
  hotline: { vi: 'Đường dây nóng', en: 'Hotline' },
  open311: { vi: 'Ứng dụng (Open311)', en: 'App (Open311)' },
  email: { vi: 'Thư điện tử', en: 'Email' },
};

export const EVENT_LABELS: Record<string, { vi: string; en: string }> = {
  received: { vi: 'Tiếp nhận phản ánh', en: 'Feedback received' },
  classified: { vi: 'Phân loại phản ánh', en: 'Classified' },
  assigned: { vi: 'Giao đơn vị xử lý', en: 'Assigned to a unit' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  waiting: { vi: 'Chờ người phản ánh bổ sung thông tin', en: 'Waiting for more information' },
  answered: { vi: 'Trả lời phản ánh', en: 'Answered' },
  rejected: { vi: 'Không tiếp nhận xử lý', en: 'Rejected' },
  forwarded: { vi: 'Chuyển cơ quan có thẩm quyền', en: 'Forwarded' },
  merged: { vi: 'Gộp vào phản ánh trùng', en: 'Merged' },
  reopened: { vi: 'Người phản ánh đề nghị xử lý lại', en: 'Re-opened by the reporter' },
  closed: { vi: 'Kết thúc', en: 'Closed' },
  info_requested: { vi: 'Đề nghị người phản ánh bổ sung thông tin', en: 'More information requested' },
  info_received: { vi: 'Tiếp tục xử lý sau khi có thông tin bổ sung', en: 'Handling resumed' },
  rated: { vi: 'Người phản ánh đánh giá mức độ hài lòng', en: 'Rated by the reporter' },
};

/** Timeline kinds the reporter may see; internal notes, drafts and reminders never leave staff
 * screens (notes may quote the caller or name officials). */
export const PUBLIC_EVENT_KINDS = new Set(Object.keys(EVENT_LABELS));

const label = (ctx: PageContext, l: { vi: string; en: string } | undefined, fallback: string) => (l ? ctx.t(l.vi, l.en) : fallback);

function categoryOptions(ctx: PageContext, categories: FeedbackCategory[], placeholder: string) {
  return [{ value: '', label: placeholder }, ...categories.map((c) => ({ value: c.serviceCode, label: ctx.lang === 'en' && c.nameEn ? c.nameEn : c.name }))];
}

/** Issue 4 part 1: the public form. Works without JavaScript; multipart so photos and PDFs can
 * go with it. The CSRF token rides in the action URL because a multipart body is read by the
 * handler, after the CSRF hook has run. */
export function FeedbackFormPage(p: {
  ctx: PageContext;
  categories: FeedbackCategory[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  /** with JavaScript on: a Leaflet pin when a tile server is configured, else "use my location" */
  map?: { tileUrl?: string; attribution?: string };
}) {
  const { ctx } = p;
  const t = ctx.t;
  const v = p.values ?? {};
  const fileErr = p.errors?.files;
  const tileUrl = p.map?.tileUrl;
  const head = (
    <>
      {tileUrl && <link rel="stylesheet" href="/static/leaflet/leaflet.css" />}
      {tileUrl && <script src="/static/leaflet/leaflet.js" defer />}
      <script src="/static/feedback/ghim.js" defer />
    </>
  );
  return (
    <Layout ctx={ctx} title={t('Gửi phản ánh, kiến nghị', 'Send feedback')} head={head}>
      <h1>{t('Gửi phản ánh, kiến nghị', 'Send feedback')}</h1>
      <p class="vh-lead">
        {t(
          'Phản ánh về hoạt động văn hóa, thể thao, du lịch trên địa bàn tỉnh. Bạn sẽ nhận mã số để theo dõi kết quả xử lý mà không cần tài khoản.',
          'Report a problem with culture, sports or tourism in the province. You get a code to follow the case without an account.',
        )}
      </p>
      <p>
        {t(
          'Khiếu nại, tố cáo được giải quyết theo Luật Khiếu nại, Luật Tố cáo và không thuộc phạm vi biểu mẫu này.',
          'Complaints and denunciations follow other laws and are not handled by this form.',
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action={`/phan-anh/gui?_csrf=${encodeURIComponent(ctx.csrf)}`} multipart label={t('Biểu mẫu gửi phản ánh', 'Feedback form')}>
        <h2>{t('Thông tin người phản ánh', 'About you')}</h2>
        <TextField ctx={ctx} name="name" label={t('Họ và tên', 'Full name')} value={v.name} errors={p.errors} autocomplete="name" required />
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={t('Số điện thoại', 'Phone number')}
          hint={t(
            'Nhập số điện thoại hoặc thư điện tử (ít nhất một) để nhận kết quả trả lời.',
            'Enter a phone number or an email (at least one) to get the answer.',
          )}
          value={v.phone}
          errors={p.errors}
          autocomplete="tel"
          inputMode="tel"
          width="half"
        />
        <TextField ctx={ctx} name="email" type="email" label={t('Thư điện tử', 'Email')} value={v.email} errors={p.errors} autocomplete="email" width="half" />
        <h2>{t('Nội dung phản ánh', 'Your report')}</h2>
        <SelectField
          ctx={ctx}
          name="category"
          label={t('Lĩnh vực', 'Category')}
          value={v.category}
          errors={p.errors}
          options={categoryOptions(ctx, p.categories, t('— Chọn lĩnh vực —', '— Choose —'))}
        />
        <TextArea
          ctx={ctx}
          name="content"
          label={t('Nội dung', 'What happened')}
          hint={t('Mô tả rõ sự việc, thời gian, địa điểm; tối đa 4.000 ký tự.', 'Describe what, when and where; at most 4,000 characters.')}
          value={v.content}
          errors={p.errors}
          rows={8}
        />
        <h2>{t('Nơi xảy ra', 'Where it happened')}</h2>
        <TextField
          ctx={ctx}
          name="ward"
          label={t('Phường, xã hoặc đặc khu (không bắt buộc)', 'Ward or commune (optional)')}
          hint={t('Ví dụ: phường Bình Dương.', 'For example: Binh Duong Ward.')}
          value={v.ward}
          errors={p.errors}
          autocomplete="off"
          width="half"
        />
        <TextField
          ctx={ctx}
          name="street"
          label={t('Số nhà, tên đường hoặc địa điểm (không bắt buộc)', 'Street address or place (optional)')}
          hint={t('Ví dụ: 12 đường Lê Lợi, hoặc Nhà văn hóa khu phố 3.', 'For example: 12 Le Loi Street, or the community house.')}
          value={v.street ?? v.address}
          errors={p.errors?.address ? { ...p.errors, street: p.errors.address } : p.errors}
          autocomplete="off"
        />
        <details class="vh-field">
          <summary>{t('Tọa độ trên bản đồ (không bắt buộc)', 'Map coordinates (optional)')}</summary>
          <TextField
            ctx={ctx}
            name="lat"
            label={t('Vĩ độ (không bắt buộc)', 'Latitude (optional)')}
            hint={t('Ví dụ: 10,7769. Chỉ nhận vị trí trong lãnh thổ Việt Nam.', 'E.g. 10.7769. Only places in Vietnam.')}
            value={v.lat}
            errors={p.errors}
            inputMode="decimal"
            width="short"
          />
          <TextField
            ctx={ctx}
            name="lng"
            label={t('Kinh độ (không bắt buộc)', 'Longitude (optional)')}
            hint={t('Ví dụ: 106,7009.', 'E.g. 106.7009.')}
            value={v.lng}
            errors={p.errors}
            inputMode="decimal"
            width="short"
          />
        </details>
        {tileUrl && (
          <script
            type="application/json"
            id="feedback-pin-config"
            dangerouslySetInnerHTML={{ __html: JSON.stringify({ tileUrl, attribution: p.map?.attribution ?? '' }).replace(/</g, '\\u003c') }}
          />
        )}
        <div class={`vh-field${fileErr ? ' vh-field--error' : ''}`}>
          <label for="f-files" class="vh-label">
            {t('Ảnh, tài liệu kèm theo (không bắt buộc)', 'Photos or documents (optional)')}
          </label>
          <p id="h-files" class="vh-hint">
            {t('Tối đa 5 tệp ảnh JPEG, PNG hoặc PDF, mỗi tệp không quá 10 MB.', 'Up to 5 JPEG, PNG or PDF files, 10 MB each.')}
          </p>
          {fileErr && (
            <p id="e-files" class="vh-error">
              <span class="vh-visually-hidden">{t('Lỗi:', 'Error:')}</span> {ctx.lang === 'en' ? fileErr.en : fileErr.vi}
            </p>
          )}
          <input
            id="f-files"
            name="files"
            type="file"
            multiple
            accept="image/jpeg,image/png,application/pdf"
            aria-describedby={fileErr ? 'h-files e-files' : 'h-files'}
            aria-invalid={fileErr ? 'true' : undefined}
          />
        </div>
        <div class="vh-field">
          <input type="checkbox" id="f-noPublish" name="noPublish" value="1" checked={v.noPublish === '1'} />{' '}
          <label for="f-noPublish">{t('Không công khai phản ánh của tôi', 'Do not publish my case')}</label>
          <p class="vh-hint">
            {t(
              'Mặc định, nội dung phản ánh và câu trả lời được công khai sau khi đã che thông tin cá nhân. Đánh dấu ô này nếu bạn không đồng ý công khai.',
              'By default the case and its answer are published with personal data removed. Tick this box to refuse publication.',
            )}
          </p>
        </div>
        {/* Honeypot: form-filling robots fill it; people never meet it — hidden from sight, from
            the keyboard (tabindex -1) and from screen readers (aria-hidden), never autofilled. */}
        <div class="vh-visually-hidden" aria-hidden="true">
          <label for="f-website">{t('Để trống ô này', 'Leave this empty')}</label>
          <input id="f-website" name="website" type="text" tabIndex={-1} autoComplete="off" value="" />
        </div>
        <p class="vh-hint">
          {t(
            'Thông tin cá nhân của bạn chỉ dùng để xử lý và trả lời phản ánh (Luật Bảo vệ dữ liệu cá nhân 2025) và không bao giờ được công khai.',
            'Your personal data is used only to handle and answer your report and is never published.',
          )}
        </p>
        <Button>{t('Gửi phản ánh', 'Send')}</Button>
      </Form>
    </Layout>
  );
}

export function FeedbackReceivedPage(p: { ctx: PageContext; code: string; dueDate: string; trackingUrl: string; notification: string; emailed: boolean }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Đã nhận phản ánh', 'Feedback received')}>
      <h1>{t('Đã nhận phản ánh của bạn', 'We have received your report')}</h1>
      <div class="vh-card">
        <p>{t('Mã số phản ánh', 'Your case code')}</p>
        <p class="vh-lead">
          <strong class="vh-mono" data-code={p.code}>
            {p.code}
          </strong>
        </p>
        <p>
          {t('Hạn trả lời dự kiến', 'Expected answer by')}: {formatDateVi(p.dueDate)}
        </p>
      </div>
      <p>
        {t('Theo dõi kết quả tại', 'Track it at')} <a href={p.trackingUrl}>{p.trackingUrl}</a>{' '}
        {t('bằng mã số và số điện thoại hoặc thư điện tử bạn đã khai.', 'with the code and the phone or email you gave.')}
      </p>
      <h2>{t('Nội dung thông báo', 'Notification text')}</h2>
      <p class="vh-hint">
        {p.emailed
          ? t('Thông báo này đã được gửi đến thư điện tử của bạn.', 'This text has been sent to your email.')
          : t('Bạn có thể lưu lại thông báo này.', 'You may keep this text.')}
      </p>
      <blockquote class="vh-card" id="thong-bao">
        {p.notification}
      </blockquote>
      <p>
        <a href="/phan-anh/gui">{t('Gửi phản ánh khác', 'Send another report')}</a>
      </p>
    </Layout>
  );
}

export interface TrackingView {
  code: string;
  status: FeedbackStatus;
  category: string;
  receivedAt: Date;
  dueDate: string;
  events: Pick<FeedbackEvent, 'at' | 'kind'>[];
}

/** Issue 4 part 5: the reporter's view. Shows the case, never who filed it. */
export function TrackingPage(p: {
  ctx: PageContext;
  values: { code: string; contact: string };
  result?: TrackingView;
  notFound?: boolean;
  errors?: FieldErrors;
  /** the reporter's actions under the result (answer, rating, re-opening) */
  after?: ComponentChildren;
}) {
  const { ctx } = p;
  const t = ctx.t;
  const r = p.result;
  return (
    <Layout ctx={ctx} title={t('Tra cứu phản ánh', 'Track feedback')}>
      <h1>{t('Tra cứu phản ánh', 'Track feedback')}</h1>
      <ErrorSummary
        ctx={ctx}
        errors={p.errors}
        message={
          p.notFound
            ? t(
                'Không tìm thấy phản ánh với mã số và thông tin liên hệ đã nhập. Vui lòng kiểm tra lại.',
                'No case matches that code and contact. Check and try again.',
              )
            : undefined
        }
      />
      <Form ctx={ctx} action="/phan-anh/tra-cuu" label={t('Tra cứu phản ánh', 'Track feedback')}>
        <TextField
          ctx={ctx}
          name="code"
          label={t('Mã số phản ánh', 'Case code')}
          hint={t('Ví dụ: PA-260305-0001', 'E.g. PA-260305-0001')}
          value={p.values.code}
          errors={p.errors}
          width="half"
        />
        <TextField
          ctx={ctx}
          name="contact"
          label={t('Số điện thoại hoặc thư điện tử đã khai khi gửi', 'The phone or email you gave')}
          value={p.values.contact}
          errors={p.errors}
          width="half"
        />
        <Button>{t('Tra cứu', 'Search')}</Button>
      </Form>
      {r && (
        <section aria-labelledby="ket-qua">
          <h2 id="ket-qua">
            {t('Phản ánh', 'Case')} <span class="vh-mono">{r.code}</span>
          </h2>
          <dl class="vh-summary">
            <dt>{t('Trạng thái', 'Status')}</dt>
            <dd>
              <span class="vh-tag">{label(ctx, STATUS_LABELS[r.status], r.status)}</span>
            </dd>
            <dt>{t('Lĩnh vực', 'Category')}</dt>
            <dd>{r.category}</dd>
            <dt>{t('Ngày tiếp nhận', 'Received')}</dt>
            <dd>{formatDateVi(r.receivedAt)}</dd>
            <dt>{t('Hạn trả lời', 'Answer due')}</dt>
            <dd>{formatDateVi(r.dueDate)}</dd>
          </dl>
          <h3>{t('Quá trình xử lý', 'History')}</h3>
          <ol>
            {r.events.map((e, i) => (
              <li key={i}>
                {formatDateTimeVi(e.at)}: {label(ctx, EVENT_LABELS[e.kind], e.kind)}
              </li>
            ))}
          </ol>
        </section>
      )}
      {r && p.after}
    </Layout>
  );
}

/** Issue 4 part 1: the hotline operator's screen; after saving, the code to read back. */
export function HotlinePage(p: {
  ctx: PageContext;
  categories: FeedbackCategory[];
  values: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  recorded?: { code: string; notification: string };
}) {
  const { ctx } = p;
  const t = ctx.t;
  const v = p.values;
  return (
    <Layout ctx={ctx} title={t('Ghi nhận cuộc gọi đường dây nóng', 'Record a hotline call')}>
      <h1>{t('Ghi nhận cuộc gọi đường dây nóng', 'Record a hotline call')}</h1>
      {p.recorded && (
        <div class="vh-card" role="status">
          <p>{t('Đã ghi nhận. Đọc lại cho người gọi mã số phản ánh:', 'Recorded. Read this code back to the caller:')}</p>
          <p class="vh-lead">
            <strong class="vh-mono" data-code={p.recorded.code}>
              {p.recorded.code}
            </strong>
          </p>
          <p class="vh-hint">{t('Nội dung tin nhắn thông báo:', 'Notification text:')}</p>
          <blockquote>{p.recorded.notification}</blockquote>
        </div>
      )}
      <p>
        {t(
          'Ghi trung thực nội dung cuộc gọi (Nghị định 20/2008/NĐ-CP): người gọi, số điện thoại, thời điểm gọi, nội dung.',
          'Record the call faithfully: caller, number, time, what was said.',
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/phan-anh/tong-dai" label={t('Ghi nhận cuộc gọi', 'Record a call')}>
        <TextField ctx={ctx} name="name" label={t('Họ và tên người gọi', "Caller's name")} value={v.name} errors={p.errors} autocomplete="off" />
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={t('Số điện thoại người gọi', "Caller's number")}
          value={v.phone}
          errors={p.errors}
          inputMode="tel"
          width="half"
          autocomplete="off"
        />
        <TextField
          ctx={ctx}
          name="callTime"
          label={t('Thời điểm gọi', 'Call time')}
          hint={t('ngày/tháng/năm giờ:phút, ví dụ 05/03/2026 14:30', 'dd/mm/yyyy hh:mm')}
          value={v.callTime}
          errors={p.errors}
          width="half"
        />
        <SelectField
          ctx={ctx}
          name="category"
          label={t('Lĩnh vực', 'Category')}
          value={v.category}
          errors={p.errors}
          options={categoryOptions(ctx, p.categories, t('— Chọn lĩnh vực —', '— Choose —'))}
        />
        <TextArea ctx={ctx} name="content" label={t('Nội dung cuộc gọi', 'What the caller said')} value={v.content} errors={p.errors} rows={8} />
        <TextField ctx={ctx} name="address" label={t('Địa điểm (không bắt buộc)', 'Where (optional)')} value={v.address} errors={p.errors} autocomplete="off" />
        <Button>{t('Ghi nhận', 'Record')}</Button>
      </Form>
    </Layout>
  );
}

export function StaffListPage(p: {
  ctx: PageContext;
  /** the queue tabs with their counts */
  tabs?: { slug: string; vi: string; en: string; count: number; current: boolean }[];
  cases: FeedbackCase[];
  categories: FeedbackCategory[];
  filter: Record<string, string>;
  canRecord: boolean;
}) {
  const { ctx } = p;
  const t = ctx.t;
  const catName = new Map(p.categories.map((c) => [c.serviceCode, ctx.lang === 'en' && c.nameEn ? c.nameEn : c.name]));
  return (
    <Layout ctx={ctx} title={t('Phản ánh, kiến nghị', 'Feedback')} wide>
      <h1>{t('Phản ánh, kiến nghị', 'Feedback')}</h1>
      {p.canRecord && (
        <p>
          <a class="vh-button vh-button--secondary" href="/quan-tri/phan-anh/tong-dai">
            {t('Ghi nhận cuộc gọi đường dây nóng', 'Record a hotline call')}
          </a>
        </p>
      )}
      {p.tabs && (
        <Tabs
          ctx={ctx}
          label={t('Hàng đợi phản ánh', 'Feedback queues')}
          tabs={p.tabs.map((x) => ({ href: `/quan-tri/phan-anh?tab=${x.slug}`, vi: x.vi, en: x.en, count: x.count, current: x.current }))}
        />
      )}
      <form method="get" action="/quan-tri/phan-anh" class="vh-filters" aria-label={t('Lọc phản ánh', 'Filter')}>
        {p.tabs && <input type="hidden" name="tab" value={p.tabs.find((x) => x.current)?.slug ?? 'tat-ca'} />}
        <SelectField
          ctx={ctx}
          name="status"
          label={t('Trạng thái', 'Status')}
          value={p.filter.status}
          options={[{ value: '', label: t('Tất cả', 'All') }, ...FEEDBACK_STATUSES.map((s) => ({ value: s, label: label(ctx, STATUS_LABELS[s], s) }))]}
        />
        <SelectField
          ctx={ctx}
          name="category"
          label={t('Lĩnh vực', 'Category')}
          value={p.filter.category}
          options={categoryOptions(ctx, p.categories, t('Tất cả', 'All'))}
        />
        <SelectField
          ctx={ctx}
          name="channel"
          label={t('Kênh tiếp nhận', 'Channel')}
          value={p.filter.channel}
          options={[{ value: '', label: t('Tất cả', 'All') }, ...FEEDBACK_CHANNELS.map((c) => ({ value: c, label: label(ctx, CHANNEL_LABELS[c], c) }))]}
        />
        <Button variant="secondary">{t('Lọc', 'Filter')}</Button>
      </form>
      <p>
        <a href={`/quan-tri/phan-anh/xuat.xlsx?${new URLSearchParams(Object.entries(p.filter).filter(([, v]) => v)).toString()}`}>
          {t('Tải danh sách theo bộ lọc (tệp Excel .xlsx)', 'Download the filtered list (.xlsx)')}
        </a>
      </p>
      {p.cases.length === 0 ? (
        <p>{t('Không có phản ánh nào phù hợp.', 'No cases match.')}</p>
      ) : (
        <div class="vh-table-wrap">
          <table class="vh-table">
            <caption class="vh-visually-hidden">{t('Danh sách phản ánh, mới nhất trước', 'Cases, newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Mã số', 'Code')}</th>
                <th scope="col">{t('Lĩnh vực', 'Category')}</th>
                <th scope="col">{t('Kênh', 'Channel')}</th>
                <th scope="col">{t('Tiếp nhận', 'Received')}</th>
                <th scope="col">{t('Hạn trả lời', 'Due')}</th>
                <th scope="col">{t('Trạng thái', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {p.cases.map((c) => (
                <tr key={c.id}>
                  <td class="vh-mono">
                    <a href={`/quan-tri/phan-anh/${c.id}`}>{c.code}</a>
                  </td>
                  <td>{catName.get(c.categoryCode) ?? c.categoryCode}</td>
                  <td>{label(ctx, CHANNEL_LABELS[c.channel], c.channel)}</td>
                  <td>{formatDateTimeVi(c.receivedAt)}</td>
                  <td>{formatDateVi(c.dueDate)}</td>
                  <td>
                    <span class="vh-tag">{label(ctx, STATUS_LABELS[c.status], c.status)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
