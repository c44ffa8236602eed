import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { formatDateTimeVi, formatDateVi } from '../../../core/validation.js';
import type { FeedbackCase, FeedbackCategory, FeedbackEvent } from '../feedback.repository.js';
import type { FeedbackPause, SimilarCase } from '../feedback.handling.repository.js';
import type { RedactionPreview } from '../feedback.privacy.js';
import { FEEDBACK_SATISFACTION, FEEDBACK_STATUSES, type FeedbackStatus } from '../feedback.schema.js';
import { REOPEN_DAYS, SATISFACTION_LABELS } from '../feedback.handling.js';
import { CHANNEL_LABELS, EVENT_LABELS, STATUS_LABELS } from './feedback-pages.js';

const INTERNAL_EVENT_LABELS: Record<string, { vi: string; en: string }> = {
  note: { vi: 'Ghi chú nội bộ', en: 'Internal note' },
  draft: { vi: 'Dự thảo trả lời', en: 'Draft answer' },
  redaction_confirmed: { vi: 'Xác nhận bản che thông tin', en: 'Redaction confirmed' },
  reminder: { vi: 'Nhắc hạn', en: 'Reminder' },
  officer_assigned: { vi: 'Giao chuyên viên', en: 'Officer assigned' },
  merge_received: { vi: 'Nhận phản ánh gộp', en: 'Duplicate merged in' },
};

const CLASSIFICATION_LABELS: Record<string, { vi: string; en: string }> = {
  rejected: { vi: 'Không tiếp nhận xử lý', en: 'Rejected' },
  complaint: { vi: 'Khiếu nại (chuyển xử lý theo Luật Khiếu nại)', en: 'Complaint' },
  denunciation: { vi: 'Tố cáo (chuyển xử lý theo Luật Tố cáo)', en: 'Denunciation' },
  within: { vi: 'Thuộc thẩm quyền của Sở', en: 'Within authority' },
  outside: { vi: 'Không thuộc thẩm quyền: chuyển cơ quan có thẩm quyền', en: 'Outside authority: forward' },
};

const lbl = (ctx: PageContext, l: { vi: string; en: string } | undefined, fallback: string) => (l ? ctx.t(l.vi, l.en) : fallback);
const catLabel = (ctx: PageContext, categories: FeedbackCategory[], code: string) => {
  const c = categories.find((x) => x.serviceCode === code);
  return c ? (ctx.lang === 'en' && c.nameEn ? c.nameEn : c.name) : code;
};

export interface CaseView {
  c: FeedbackCase;
  categories: FeedbackCategory[];
  events: FeedbackEvent[];
  pauses: FeedbackPause[];
  similar: SimilarCase[];
  mergedIn: FeedbackCase[];
  mergedInto?: FeedbackCase;
  officers: { userId: string; name: string }[];
  preview?: { content: RedactionPreview; answer: RedactionPreview };
  can: { classify: boolean; handle: boolean; approve: boolean; merge: boolean };
  unitName?: string;
  errors?: FieldErrors;
  message?: string;
  values?: Record<string, string>;
}

/** Staff case page (issue 4 parts 2-4): the case, the classification (Decree 20/2008 Art. 9),
 * duplicate suggestions, handling actions and the answer with its redaction preview. */
export function CasePage(p: { ctx: PageContext } & CaseView) {
  const { ctx, c } = p;
  const t = ctx.t;
  const v = p.values ?? {};
  const base = `/quan-tri/phan-anh/${c.id}`;
  const ver = <input type="hidden" name="version" value={String(c.version)} />;
  const openPause = p.pauses.find((x) => !x.endedAt);
  return (
    <Layout ctx={ctx} title={`${t('Phản ánh', 'Case')} ${c.code}`} wide>
      <p>
        <a href="/quan-tri/phan-anh">{t('← Danh sách phản ánh', '← All cases')}</a>
      </p>
      <h1>
        {t('Phản ánh', 'Case')} <span class="vh-mono">{c.code}</span>
      </h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {/* Issue 10, finding 3: the case first (summary, reporter, content, answer, timeline), the
          actions allowed now beside it (below it on a phone). */}
      <div class="vh-record">
        <div class="vh-record__file">
          <dl class="vh-summary">
            <dt>{t('Trạng thái', 'Status')}</dt>
            <dd>
              <span class="vh-tag" data-status={c.status}>
                {lbl(ctx, STATUS_LABELS[c.status], c.status)}
              </span>
            </dd>
            <dt>{t('Lĩnh vực', 'Category')}</dt>
            <dd>{catLabel(ctx, p.categories, c.categoryCode)}</dd>
            <dt>{t('Kênh', 'Channel')}</dt>
            <dd>{lbl(ctx, CHANNEL_LABELS[c.channel], c.channel)}</dd>
            <dt>{t('Tiếp nhận', 'Received')}</dt>
            <dd>{formatDateTimeVi(c.receivedAt)}</dd>
            <dt>{t('Hạn trả lời', 'Answer due')}</dt>
            <dd>{formatDateVi(c.dueDate)}</dd>
            {c.classification && (
              <>
                <dt>{t('Phân loại', 'Classification')}</dt>
                <dd>{lbl(ctx, CLASSIFICATION_LABELS[c.classification], c.classification)}</dd>
              </>
            )}
            {c.unitCode && (
              <>
                <dt>{t('Đơn vị xử lý', 'Unit')}</dt>
                <dd>{p.unitName ?? c.unitCode}</dd>
              </>
            )}
            {c.assigneeName && (
              <>
                <dt>{t('Chuyên viên xử lý', 'Officer')}</dt>
                <dd>{c.assigneeName}</dd>
              </>
            )}
            {c.forwardTo && (
              <>
                <dt>{t('Chuyển đến', 'Forwarded to')}</dt>
                <dd>
                  {c.forwardTo}
                  {c.forwardDueDate && ` (${t('hạn chuyển', 'forward by')} ${formatDateVi(c.forwardDueDate)})`}
                  {c.forwardedAt && ` — ${t('đã chuyển lúc', 'sent')} ${formatDateTimeVi(c.forwardedAt)}`}
                </dd>
              </>
            )}
            {c.rejectReason && (
              <>
                <dt>{t('Lý do', 'Reason')}</dt>
                <dd>{c.rejectReason}</dd>
              </>
            )}
            {p.mergedInto && (
              <>
                <dt>{t('Đã gộp vào', 'Merged into')}</dt>
                <dd>
                  <a href={`/quan-tri/phan-anh/${p.mergedInto.id}`}>{p.mergedInto.code}</a>
                </dd>
              </>
            )}
            <dt>{t('Công khai', 'Publication')}</dt>
            <dd>
              {c.publishConsent
                ? t('Người phản ánh đồng ý công khai', 'Reporter allows publication')
                : t('Người phản ánh không đồng ý công khai', 'Reporter refused publication')}
            </dd>
            <dt>{t('Số lần mở lại', 'Re-opened')}</dt>
            <dd>{c.reopenCount}</dd>
          </dl>

          <h2>{t('Người phản ánh (chỉ cán bộ xem)', 'Reporter (staff only)')}</h2>
          <p>
            {c.reporterName ?? '—'} · {c.reporterPhone ?? '—'} · {c.reporterEmail ?? '—'}
          </p>
          <h2>{t('Nội dung', 'Content')}</h2>
          <blockquote class="vh-card">{c.content}</blockquote>
          {c.addressText && (
            <p>
              {t('Địa điểm', 'Place')}: {c.addressText}
            </p>
          )}

          {c.answerText && (
            <section aria-labelledby="tra-loi">
              <h2 id="tra-loi">{t('Câu trả lời đã gửi', 'Answer sent')}</h2>
              <blockquote class="vh-card">{c.answerText}</blockquote>
              <p>
                {formatDateTimeVi(c.answeredAt)} · {c.published ? t('Đã công khai', 'Published') : t('Không công khai', 'Not published')}
                {c.satisfaction && ` · ${lbl(ctx, SATISFACTION_LABELS[c.satisfaction], c.satisfaction)}`}
              </p>
            </section>
          )}

          <h2>{t('Quá trình xử lý', 'Timeline')}</h2>
          <ol>
            {p.events.map((e) => (
              <li key={e.id} data-kind={e.kind}>
                {formatDateTimeVi(e.at)}: {lbl(ctx, EVENT_LABELS[e.kind] ?? INTERNAL_EVENT_LABELS[e.kind], e.kind)}
                {e.note ? ` — ${e.note}` : ''}
              </li>
            ))}
          </ol>
        </div>
        <aside class="vh-record__actions" aria-label={t('Xử lý phản ánh', 'Actions on the case')}>
          {p.can.classify && c.status === 'new' && (
            <section aria-labelledby="phan-loai">
              <h2 id="phan-loai">{t('Phân loại (Nghị định 20/2008/NĐ-CP, Điều 9)', 'Classify (Decree 20/2008 Art. 9)')}</h2>
              <Form ctx={ctx} action={`${base}/phan-loai`} label={t('Phân loại phản ánh', 'Classify')}>
                {ver}
                <SelectField
                  ctx={ctx}
                  name="decision"
                  label={t('Kết quả phân loại', 'Decision')}
                  value={v.decision}
                  errors={p.errors}
                  options={[
                    { value: '', label: t('— Chọn —', '— Choose —') },
                    ...Object.entries(CLASSIFICATION_LABELS).map(([k, l]) => ({ value: k, label: lbl(ctx, l, k) })),
                  ]}
                />
                <TextField
                  ctx={ctx}
                  name="forwardTo"
                  label={t('Nơi chuyển / cơ quan có thẩm quyền', 'Sent to / competent agency')}
                  hint={t('Bắt buộc khi là khiếu nại, tố cáo hoặc không thuộc thẩm quyền.', 'Required for complaints, denunciations and outside authority.')}
                  value={v.forwardTo}
                  errors={p.errors}
                />
                <TextArea ctx={ctx} name="reason" label={t('Lý do / ghi chú', 'Reason / note')} value={v.reason} errors={p.errors} rows={3} />
                <Button>{t('Phân loại', 'Classify')}</Button>
              </Form>
            </section>
          )}
          {p.can.classify && c.status === 'classified' && c.classification === 'outside' && (
            <Form ctx={ctx} action={`${base}/da-chuyen`} label={t('Ghi nhận đã chuyển', 'Record forwarding')}>
              {ver}
              <Button>{t('Ghi nhận đã chuyển cơ quan có thẩm quyền', 'Record that it was forwarded')}</Button>
            </Form>
          )}

          {p.can.merge && ['new', 'classified', 'in_progress', 'waiting'].includes(c.status) && (
            <section aria-labelledby="trung-lap">
              <h2 id="trung-lap">{t('Phản ánh tương tự đang mở', 'Similar open cases')}</h2>
              <DataTable
                ctx={ctx}
                caption={t('Phản ánh cùng lĩnh vực, nội dung gần giống', 'Same category, similar text')}
                rows={p.similar}
                rowKey={(r) => r.id}
                empty={t('Không có phản ánh tương tự.', 'No similar cases.')}
                columns={[
                  { header: t('Mã số', 'Code'), cell: (r) => <a href={`/quan-tri/phan-anh/${r.id}`}>{r.code}</a> },
                  { header: t('Nội dung', 'Content'), cell: (r) => (r.content.length > 160 ? `${r.content.slice(0, 160)}…` : r.content) },
                  { header: t('Độ tương đồng', 'Similarity'), cell: (r) => `${Math.round(r.similarity * 100)}%` },
                  { header: t('Khoảng cách', 'Distance'), cell: (r) => (r.distanceM === null ? '—' : `${Math.round(r.distanceM)} m`) },
                  {
                    header: t('Thao tác', 'Action'),
                    hiddenHeader: true,
                    cell: (r) => (
                      <form method="post" action={`${base}/gop`} class="vh-inline">
                        <input type="hidden" name="_csrf" value={ctx.csrf} />
                        {ver}
                        <input type="hidden" name="targetCode" value={r.code} />
                        <button type="submit" class="vh-button vh-button--small vh-button--secondary">
                          {t('Gộp vào', 'Merge into')} {r.code}
                        </button>
                      </form>
                    ),
                  },
                ]}
              />
              <Form ctx={ctx} action={`${base}/gop`} label={t('Gộp vào phản ánh khác', 'Merge into another case')}>
                {ver}
                <TextField
                  ctx={ctx}
                  name="targetCode"
                  label={t('Gộp vào phản ánh có mã số', 'Merge into case code')}
                  value={v.targetCode}
                  errors={p.errors}
                  width="half"
                />
                <Button variant="secondary">{t('Gộp phản ánh', 'Merge')}</Button>
              </Form>
            </section>
          )}
          {p.mergedIn.length > 0 && (
            <p>
              {t('Các phản ánh đã gộp vào đây (người phản ánh cũng nhận câu trả lời):', 'Merged here (their reporters get the answer too):')}{' '}
              {p.mergedIn.map((m) => m.code).join(', ')}
            </p>
          )}

          {p.can.handle && c.classification === 'within' && ['classified', 'in_progress', 'waiting'].includes(c.status) && (
            <section aria-labelledby="xu-ly">
              <h2 id="xu-ly">{t('Xử lý', 'Handling')}</h2>
              <Form ctx={ctx} action={`${base}/giao`} label={t('Giao chuyên viên', 'Assign')}>
                {ver}
                <SelectField
                  ctx={ctx}
                  name="userId"
                  label={t('Chuyên viên xử lý', 'Officer')}
                  value={v.userId ?? c.assigneeId ?? ''}
                  errors={p.errors}
                  options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...p.officers.map((o) => ({ value: o.userId, label: o.name }))]}
                />
                <Button variant="secondary">{t('Giao xử lý', 'Assign')}</Button>
              </Form>
              {c.status === 'in_progress' && (
                <Form ctx={ctx} action={`${base}/yeu-cau-bo-sung`} label={t('Đề nghị bổ sung thông tin', 'Ask for information')}>
                  {ver}
                  <TextArea
                    ctx={ctx}
                    name="question"
                    label={t('Đề nghị người phản ánh bổ sung (thời hạn xử lý tạm dừng)', 'Ask the reporter (the clock pauses)')}
                    value={v.question}
                    errors={p.errors}
                    rows={3}
                  />
                  <Button variant="secondary">{t('Gửi đề nghị bổ sung', 'Ask')}</Button>
                </Form>
              )}
              {c.status === 'waiting' && (
                <Form ctx={ctx} action={`${base}/tiep-tuc`} label={t('Tiếp tục xử lý', 'Resume')}>
                  {ver}
                  <p>
                    {t('Đang chờ bổ sung từ', 'Waiting since')} {openPause ? formatDateTimeVi(openPause.startedAt) : ''}: {openPause?.question}
                  </p>
                  <TextArea ctx={ctx} name="note" label={t('Thông tin đã nhận', 'Information received')} value={v.note} errors={p.errors} rows={3} />
                  <Button variant="secondary">{t('Tiếp tục xử lý', 'Resume handling')}</Button>
                </Form>
              )}
              {c.status === 'in_progress' && (
                <Form ctx={ctx} action={`${base}/du-thao`} label={t('Dự thảo trả lời', 'Draft answer')}>
                  {ver}
                  <TextArea
                    ctx={ctx}
                    name="answer"
                    label={t('Dự thảo trả lời', 'Draft answer')}
                    value={v.answer ?? c.answerDraft ?? ''}
                    errors={p.errors}
                    rows={8}
                  />
                  <div class="vh-field">
                    <input type="checkbox" id="f-hasPersonalData" name="hasPersonalData" value="1" checked={c.answerHasPersonalData} />{' '}
                    <label for="f-hasPersonalData">
                      {t('Câu trả lời chứa thông tin cá nhân: chỉ gửi người phản ánh, không công khai', 'Contains personal data: send only, never publish')}
                    </label>
                  </div>
                  <Button>{t('Lưu dự thảo', 'Save draft')}</Button>
                </Form>
              )}
            </section>
          )}

          {c.answerDraft && c.status === 'in_progress' && p.preview && (
            <section aria-labelledby="xem-truoc">
              <h2 id="xem-truoc">{t('Xem trước bản công khai (đã che thông tin cá nhân)', 'Redaction preview')}</h2>
              {!c.publishConsent || c.answerHasPersonalData ? (
                <p>
                  {t('Phản ánh này sẽ không được công khai; câu trả lời chỉ gửi người phản ánh.', 'This case will not be published; the answer is only sent.')}
                </p>
              ) : (
                <>
                  <p class="vh-hint">
                    {t('Đã che', 'Hidden')}: {p.preview.content.hits.length + p.preview.answer.hits.length}{' '}
                    {t(
                      'mục (họ tên, số điện thoại, thư điện tử, số giấy tờ, số nhà). Kiểm tra, sửa nếu cần rồi xác nhận.',
                      'items. Check, edit, then confirm.',
                    )}
                  </p>
                  {c.redactionConfirmedAt && (
                    <p role="status">
                      {t('Đã xác nhận bản che lúc', 'Confirmed at')} {formatDateTimeVi(c.redactionConfirmedAt)}.
                    </p>
                  )}
                  {p.can.handle && (
                    <Form ctx={ctx} action={`${base}/xac-nhan-che`} label={t('Xác nhận bản che', 'Confirm redaction')}>
                      {ver}
                      <TextArea
                        ctx={ctx}
                        name="publicContent"
                        label={t('Nội dung phản ánh sẽ công khai', 'Public text of the case')}
                        value={v.publicContent ?? c.publicContent ?? p.preview.content.text}
                        errors={p.errors}
                        rows={5}
                      />
                      <TextArea
                        ctx={ctx}
                        name="publicAnswer"
                        label={t('Câu trả lời sẽ công khai', 'Public answer')}
                        value={v.publicAnswer ?? c.publicAnswer ?? p.preview.answer.text}
                        errors={p.errors}
                        rows={6}
                      />
                      <Button variant="secondary">{t('Xác nhận bản che', 'Confirm redaction')}</Button>
                    </Form>
                  )}
                </>
              )}
              {p.can.approve && (
                <Form ctx={ctx} action={`${base}/phe-duyet`} label={t('Phê duyệt trả lời', 'Approve the answer')}>
                  {ver}
                  <Button>{t('Phê duyệt và gửi trả lời', 'Approve and send')}</Button>
                </Form>
              )}
            </section>
          )}

          {(p.can.handle || p.can.classify || p.can.approve) && (
            <Form ctx={ctx} action={`${base}/ghi-chu`} label={t('Ghi chú nội bộ', 'Internal note')}>
              <TextArea
                ctx={ctx}
                name="note"
                label={t('Ghi chú nội bộ (không công khai)', 'Internal note (never public)')}
                value={v.noteText}
                errors={p.errors}
                rows={2}
              />
              <Button variant="secondary">{t('Thêm ghi chú', 'Add note')}</Button>
            </Form>
          )}
        </aside>
      </div>
    </Layout>
  );
}

// ——— Public pages ———

export interface PublicRow {
  code: string;
  categoryCode: string;
  status: FeedbackStatus;
  receivedAt: Date;
  answeredAt: Date | null;
  publicContent: string | null;
}

/** `/phan-anh`: published answers, searchable without diacritics, by category, status, period. */
export function PublicListPage(p: {
  ctx: PageContext;
  rows: PublicRow[];
  total: number;
  page: number;
  pageSize: number;
  categories: FeedbackCategory[];
  filter: Record<string, string>;
}) {
  const { ctx } = p;
  const t = ctx.t;
  const f = p.filter;
  const qs = (page: number) => new URLSearchParams({ ...Object.fromEntries(Object.entries(f).filter(([, x]) => x)), trang: String(page) }).toString();
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  return (
    <Layout ctx={ctx} title={t('Phản ánh, kiến nghị đã trả lời', 'Answered feedback')}>
      <h1>{t('Phản ánh, kiến nghị đã trả lời', 'Answered feedback')}</h1>
      <p>
        <a href="/phan-anh/gui">{t('Gửi phản ánh', 'Send feedback')}</a> · <a href="/phan-anh/tra-cuu">{t('Tra cứu phản ánh của bạn', 'Track your case')}</a>
      </p>
      <form method="get" action="/phan-anh" class="vh-filters" aria-label={t('Tìm phản ánh', 'Search')}>
        <TextField ctx={ctx} name="q" label={t('Từ khóa (có hoặc không dấu)', 'Keywords')} value={f.q} />
        <SelectField
          ctx={ctx}
          name="category"
          label={t('Lĩnh vực', 'Category')}
          value={f.category}
          options={[
            { value: '', label: t('Tất cả', 'All') },
            ...p.categories.map((c) => ({ value: c.serviceCode, label: ctx.lang === 'en' && c.nameEn ? c.nameEn : c.name })),
          ]}
        />
        <SelectField
          ctx={ctx}
          name="status"
          label={t('Trạng thái', 'Status')}
          value={f.status}
          options={[
            { value: '', label: t('Tất cả', 'All') },
            ...FEEDBACK_STATUSES.filter((s) => ['in_progress', 'answered', 'closed'].includes(s)).map((s) => ({
              value: s,
              label: lbl(ctx, STATUS_LABELS[s], s),
            })),
          ]}
        />
        <TextField ctx={ctx} name="tu" label={t('Từ ngày', 'From')} hint="dd/mm/yyyy" value={f.tu} width="short" />
        <TextField ctx={ctx} name="den" label={t('Đến ngày', 'To')} hint="dd/mm/yyyy" value={f.den} width="short" />
        <Button variant="secondary">{t('Tìm', 'Search')}</Button>
      </form>
      <p role="status">
        {t('Tìm thấy', 'Found')} {p.total.toLocaleString('vi-VN')} {t('phản ánh', 'cases')}
      </p>
      <ul class="vh-list">
        {p.rows.map((r) => (
          <li key={r.code}>
            <h2 class="vh-h3">
              <a href={`/phan-anh/${encodeURIComponent(r.code)}`}>{r.code}</a> · {catLabel(ctx, p.categories, r.categoryCode)}
            </h2>
            <p>{(r.publicContent ?? '').length > 240 ? `${(r.publicContent ?? '').slice(0, 240)}…` : r.publicContent}</p>
            <p class="vh-hint">
              {lbl(ctx, STATUS_LABELS[r.status], r.status)} · {t('Tiếp nhận', 'Received')} {formatDateVi(r.receivedAt)}
              {r.answeredAt && ` · ${t('Trả lời', 'Answered')} ${formatDateVi(r.answeredAt)}`}
            </p>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav aria-label={t('Phân trang', 'Pages')}>
          {p.page > 1 && <a href={`/phan-anh?${qs(p.page - 1)}`}>{t('← Trang trước', '← Previous')}</a>} {t('Trang', 'Page')} {p.page}/{pages}{' '}
          {p.page < pages && <a href={`/phan-anh?${qs(p.page + 1)}`}>{t('Trang sau →', 'Next →')}</a>}
        </nav>
      )}
    </Layout>
  );
}

/** `/phan-anh/{code}`: the confirmed redacted texts only; never the reporter's contact data. */
export function PublicCasePage(p: { ctx: PageContext; c: FeedbackCase; category: string }) {
  const { ctx, c } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={`${t('Phản ánh', 'Case')} ${c.code}`}>
      <p>
        <a href="/phan-anh">{t('← Phản ánh đã trả lời', '← Answered feedback')}</a>
      </p>
      <h1>
        {t('Phản ánh', 'Case')} <span class="vh-mono">{c.code}</span>
      </h1>
      <dl class="vh-summary">
        <dt>{t('Lĩnh vực', 'Category')}</dt>
        <dd>{p.category}</dd>
        <dt>{t('Trạng thái', 'Status')}</dt>
        <dd>{lbl(ctx, STATUS_LABELS[c.status], c.status)}</dd>
        <dt>{t('Ngày tiếp nhận', 'Received')}</dt>
        <dd>{formatDateVi(c.receivedAt)}</dd>
        {c.answeredAt && (
          <>
            <dt>{t('Ngày trả lời', 'Answered')}</dt>
            <dd>{formatDateVi(c.answeredAt)}</dd>
          </>
        )}
      </dl>
      <h2>{t('Nội dung phản ánh', 'The report')}</h2>
      <blockquote class="vh-card" id="noi-dung-phan-anh">
        {c.publicContent}
      </blockquote>
      <h2>{t('Trả lời của cơ quan', "The department's answer")}</h2>
      <div class="vh-card" id="tra-loi">
        {(c.publicAnswer ?? '').split(/\n+/).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </div>
      <p class="vh-hint">{t('Thông tin cá nhân đã được che theo Luật Bảo vệ dữ liệu cá nhân 2025.', 'Personal data has been removed.')}</p>
    </Layout>
  );
}

/** Below the tracking result: the question to answer, the answer, rating and re-opening. */
export function TrackingActions(p: {
  ctx: PageContext;
  c: FeedbackCase;
  answer: string | null;
  question: string | null;
  canReopen: boolean;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, c } = p;
  const t = ctx.t;
  const code = <input type="hidden" name="code" value={c.code} />;
  return (
    <section aria-labelledby="ket-qua-xu-ly">
      <h2 id="ket-qua-xu-ly">{t('Kết quả và ý kiến của bạn', 'Answer and your opinion')}</h2>
      {p.message && (
        <p role="status" class="vh-card">
          {p.message}
        </p>
      )}
      {c.status === 'waiting' && p.question && (
        <Form ctx={ctx} action="/phan-anh/tra-cuu/bo-sung" label={t('Bổ sung thông tin', 'Send information')}>
          {code}
          <p>
            {t('Cơ quan đề nghị bạn bổ sung', 'We asked you')}: <strong>{p.question}</strong>
          </p>
          <TextArea ctx={ctx} name="info" label={t('Thông tin bổ sung', 'Your information')} errors={p.errors} rows={4} />
          <Button>{t('Gửi thông tin bổ sung', 'Send')}</Button>
        </Form>
      )}
      {p.answer && (
        <>
          <h3>{t('Trả lời', 'Answer')}</h3>
          <div class="vh-card" id="tra-loi">
            {p.answer.split(/\n+/).map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </div>
        </>
      )}
      {(c.status === 'answered' || c.status === 'closed') && !c.satisfaction && (
        <Form ctx={ctx} action="/phan-anh/tra-cuu/danh-gia" label={t('Đánh giá mức độ hài lòng', 'Rate')}>
          {code}
          <fieldset class="vh-fieldset">
            <legend>{t('Bạn có hài lòng với kết quả xử lý?', 'Are you satisfied?')}</legend>
            {FEEDBACK_SATISFACTION.map((s) => (
              <div key={s}>
                <input type="radio" id={`f-level-${s}`} name="level" value={s} /> <label for={`f-level-${s}`}>{lbl(ctx, SATISFACTION_LABELS[s], s)}</label>
              </div>
            ))}
          </fieldset>
          <Button>{t('Gửi đánh giá', 'Send rating')}</Button>
        </Form>
      )}
      {c.satisfaction && (
        <p>
          {t('Bạn đã đánh giá', 'Your rating')}: {lbl(ctx, SATISFACTION_LABELS[c.satisfaction], c.satisfaction)}
        </p>
      )}
      {p.canReopen && (
        <Form ctx={ctx} action="/phan-anh/tra-cuu/mo-lai" label={t('Đề nghị xử lý lại', 'Re-open')}>
          {code}
          <TextArea
            ctx={ctx}
            name="reason"
            label={t(
              `Vấn đề chưa được giải quyết? Đề nghị xử lý lại (trong ${REOPEN_DAYS} ngày kể từ ngày trả lời)`,
              `Not resolved? Re-open (within ${REOPEN_DAYS} days)`,
            )}
            errors={p.errors}
            rows={3}
          />
          <Button variant="secondary">{t('Đề nghị xử lý lại', 'Re-open')}</Button>
        </Form>
      )}
    </section>
  );
}
