import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { ActionButton, Button, ErrorSummary, Form, Radios, TextArea, TextField } from '../../../core/web/components/form.js';
import { formatDateTimeVi, formatDateVi } from '../../../core/validation.js';
import type { Notice, RatingRow } from '../notices.repository.js';
import type { NoticeKind } from '../notices.schema.js';
import { DataTable } from '../../../core/web/components/table.js';

export const KIND_LABELS: Record<NoticeKind, { vi: string; en: string }> = {
  general: { vi: 'Thông báo thường', en: 'General' },
  downtime: { vi: 'Lịch tạm dừng hệ thống (bảo trì)', en: 'Planned downtime' },
  emergency: { vi: 'Thông báo khẩn (hiện ngay trên mọi trang)', en: 'Emergency banner' },
};

function Window(p: { ctx: PageContext; n: Notice }) {
  const t = p.ctx.t;
  if (!p.n.startsAt && !p.n.endsAt) return null;
  return (
    <p>
      {p.n.startsAt && (
        <>
          {t('Bắt đầu', 'From')}: <strong>{formatDateTimeVi(p.n.startsAt)}</strong>.{' '}
        </>
      )}
      {p.n.endsAt && (
        <>
          {p.n.kind === 'downtime' ? t('Dự kiến khôi phục', 'Expected recovery') : t('Kết thúc', 'Until')}: <strong>{formatDateTimeVi(p.n.endsAt)}</strong>.
        </>
      )}
    </p>
  );
}

export function PublicNoticesPage(p: { ctx: PageContext; notices: Notice[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Thông báo', 'Notices')}>
      <h1>{t('Thông báo', 'Notices')}</h1>
      {p.notices.length === 0 ? (
        <p>{t('Chưa có thông báo nào.', 'No notices yet.')}</p>
      ) : (
        p.notices.map((n) => (
          <article class="vh-card" key={n.id} id={`tb-${n.id}`} style="margin-bottom:1rem">
            <h2>{n.title}</h2>
            <p class="vh-hint">
              {n.kind !== 'general' && <span class="vh-tag">{t(KIND_LABELS[n.kind].vi, KIND_LABELS[n.kind].en)}</span>} {t('Đăng lúc', 'Published')} {formatDateTimeVi(n.publishedAt)}
            </p>
            <Window ctx={ctx} n={n} />
            {n.body.split('\n').map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </article>
        ))
      )}
    </Layout>
  );
}

export function ManageNoticesPage(p: { ctx: PageContext; notices: Notice[]; values?: Record<string, string>; errors?: FieldErrors; message?: string; earliestDowntime?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  const now = new Date();
  return (
    <Layout ctx={ctx} title={t('Quản lý thông báo', 'Manage notices')}>
      <h1>{t('Quản lý thông báo', 'Manage notices')}</h1>
      <DataTable
        ctx={ctx}
        caption={t('Các thông báo', 'Notices')}
        rows={p.notices}
        rowKey={(n) => n.id}
        columns={[
          { header: t('Tiêu đề', 'Title'), cell: (n) => n.title },
          { header: t('Loại', 'Kind'), cell: (n) => t(KIND_LABELS[n.kind].vi, KIND_LABELS[n.kind].en) },
          {
            header: t('Thời gian', 'Window'),
            cell: (n) => (n.startsAt || n.endsAt ? `${n.startsAt ? formatDateTimeVi(n.startsAt) : ''} – ${n.endsAt ? formatDateTimeVi(n.endsAt) : ''}` : ''),
          },
          {
            header: t('Trạng thái', 'Status'),
            cell: (n) => (n.status === 'published' ? <span class="vh-tag vh-tag--ok">{t('Đã đăng', 'Published')}</span> : <span class="vh-tag">{t('Bản nháp', 'Draft')}</span>),
          },
          {
            header: t('Thao tác', 'Actions'),
            hiddenHeader: true,
            cell: (n) =>
              n.status === 'draft' ? (
                <ActionButton ctx={ctx} action={`/quan-tri/thong-bao/${n.id}/dang`} label={t('Đăng', 'Publish')} fields={{ version: String(n.version) }} variant="primary" />
              ) : (
                n.kind !== 'general' &&
                (!n.endsAt || n.endsAt > now) && <ActionButton ctx={ctx} action={`/quan-tri/thong-bao/${n.id}/ket-thuc`} label={t('Kết thúc, gỡ biểu ngữ', 'End, remove banner')} fields={{ version: String(n.version) }} variant="warning" />
              ),
          },
        ]}
      />
      <h2>{t('Soạn thông báo mới', 'New notice')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/thong-bao">
        <Radios
          ctx={ctx}
          name="kind"
          legend={t('Loại thông báo', 'Kind')}
          value={p.values?.kind ?? 'general'}
          errors={p.errors}
          options={(['general', 'downtime', 'emergency'] as const).map((k) => ({ value: k, label: t(KIND_LABELS[k].vi, KIND_LABELS[k].en) }))}
        />
        <TextField ctx={ctx} name="title" label={t('Tiêu đề', 'Title')} value={p.values?.title} errors={p.errors} />
        <TextArea ctx={ctx} name="body" label={t('Nội dung', 'Text')} value={p.values?.body} errors={p.errors} rows={6} />
        <TextField
          ctx={ctx}
          name="startsAt"
          label={t('Bắt đầu tạm dừng (với lịch bảo trì)', 'Downtime starts (planned downtime)')}
          hint={t(
            `Dạng ngày/tháng/năm giờ:phút, ví dụ 12/12/2026 22:00. Phải thông báo trước ít nhất 7 ngày làm việc${p.earliestDowntime ? `: nếu đăng hôm nay, sớm nhất là ngày ${formatDateVi(p.earliestDowntime)}` : ''}.`,
            'dd/mm/yyyy hh:mm. At least 7 working days after publication.',
          )}
          value={p.values?.startsAt}
          errors={p.errors}
          width="half"
        />
        <TextField
          ctx={ctx}
          name="endsAt"
          label={t('Dự kiến khôi phục / kết thúc', 'Expected recovery / end')}
          hint={t('Bắt buộc với lịch bảo trì; với thông báo khẩn, để trống nếu chưa biết.', 'Required for planned downtime.')}
          value={p.values?.endsAt}
          errors={p.errors}
          width="half"
        />
        <Button>{t('Lưu bản nháp', 'Save draft')}</Button>
      </Form>
    </Layout>
  );
}

export function RatingFormPage(p: { ctx: PageContext; path: string; values: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Đánh giá trang', 'Rate this page')} head={<meta name="robots" content="noindex" />}>
      <h1>{t('Bạn có hài lòng với trang này?', 'Are you satisfied with this page?')}</h1>
      <p>
        {t('Trang được đánh giá', 'Page')}: <a href={p.path}>{p.path}</a>
      </p>
      <p class="vh-hint">
        {t(
          'Đánh giá là ẩn danh: chúng tôi chỉ lưu địa chỉ trang, câu trả lời, góp ý và thời điểm gửi; không lưu địa chỉ IP hay tài khoản của bạn.',
          'Ratings are anonymous: we keep only the page, your answer, your comment and the time.',
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/danh-gia-trang">
        <input type="hidden" name="trang" value={p.path} />
        <Radios
          ctx={ctx}
          name="answer"
          legend={t('Câu trả lời của bạn', 'Your answer')}
          value={p.values.answer}
          errors={p.errors}
          options={[
            { value: 'co', label: t('Có, tôi hài lòng', 'Yes') },
            { value: 'khong', label: t('Không hài lòng', 'No') },
          ]}
        />
        <TextArea
          ctx={ctx}
          name="comment"
          label={t('Góp ý để trang tốt hơn (không bắt buộc)', 'How could this page be better? (optional)')}
          hint={t('Không ghi họ tên, số điện thoại hay thông tin cá nhân. Cần phản ánh, kiến nghị? Dùng mục Phản ánh.', 'Do not include personal information.')}
          value={p.values.comment}
          errors={p.errors}
          rows={4}
        />
        <Button>{t('Gửi đánh giá', 'Send')}</Button>
      </Form>
    </Layout>
  );
}

type Comment = { path: string; satisfied: boolean; comment: string | null; createdAt: Date };

export function RatingSummaryPage(p: { ctx: PageContext; days: number; rows: RatingRow[]; comments: Comment[] }) {
  const { ctx } = p;
  const t = ctx.t;
  const total = p.rows.reduce((a, r) => a + r.total, 0);
  const yes = p.rows.reduce((a, r) => a + r.satisfied, 0);
  const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)} %` : '–');
  return (
    <Layout ctx={ctx} title={t('Đánh giá mức độ hài lòng', 'Page satisfaction')} wide>
      <h1>{t('Đánh giá mức độ hài lòng với các trang', 'Page satisfaction ratings')}</h1>
      <form method="get" action="/quan-tri/danh-gia-trang" class="vh-filters">
        <label for="f-days" class="vh-label">
          {t('Khoảng thời gian', 'Period')}
        </label>
        <select id="f-days" name="ngay" class="vh-select">
          {[7, 30, 90, 365].map((d) => (
            <option key={d} value={String(d)} selected={d === p.days}>
              {t(`${d} ngày gần nhất`, `Last ${d} days`)}
            </option>
          ))}
        </select>{' '}
        <button type="submit" class="vh-button vh-button--secondary">
          {t('Xem', 'Show')}
        </button>
      </form>
      <p class="vh-lead">
        {t(`${total} lượt đánh giá, ${pct(yes, total)} hài lòng.`, `${total} ratings, ${pct(yes, total)} satisfied.`)}
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Theo trang', 'By page')}
        captionVisible
        rows={p.rows}
        rowKey={(r) => r.path}
        empty={t('Chưa có đánh giá nào trong khoảng thời gian này.', 'No ratings in this period.')}
        columns={[
          { header: t('Trang', 'Page'), rowHeader: true, cell: (r) => <a href={r.path}>{r.path}</a> },
          { header: t('Lượt đánh giá', 'Ratings'), cell: (r) => r.total },
          { header: t('Hài lòng', 'Satisfied'), cell: (r) => r.satisfied },
          { header: t('Không hài lòng', 'Not satisfied'), cell: (r) => r.total - r.satisfied },
          { header: t('Tỷ lệ hài lòng', 'Share satisfied'), cell: (r) => pct(r.satisfied, r.total) },
          { header: t('Góp ý', 'Comments'), cell: (r) => r.comments },
        ]}
      />
      <h2>{t('Góp ý gần đây', 'Recent comments')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Góp ý gần đây', 'Recent comments')}
        rows={p.comments}
        rowKey={(c) => `${c.path}${c.createdAt.toISOString()}`}
        empty={t('Chưa có góp ý.', 'No comments.')}
        columns={[
          { header: t('Thời điểm', 'Time'), cell: (c) => formatDateTimeVi(c.createdAt) },
          { header: t('Trang', 'Page'), cell: (c) => c.path },
          { header: t('Trả lời', 'Answer'), cell: (c) => (c.satisfied ? t('Có', 'Yes') : t('Không', 'No')) },
          { header: t('Góp ý', 'Comment'), cell: (c) => c.comment },
        ]}
      />
    </Layout>
  );
}
