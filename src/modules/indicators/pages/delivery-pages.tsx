import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { ActionButton, ErrorSummary } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { formatDateTimeVi } from '../../../core/validation.js';
import type { DeliveryListRow, Period } from '../indicators.entry.repository.js';
import { formatNumberVi } from '../indicators.entry.model.js';

const STATUS_VI: Record<DeliveryListRow['status'], string> = {
  pending: 'Đang chờ gửi',
  retrying: 'Gửi lỗi, sẽ tự gửi lại',
  delivered: 'Đã gửi thành công',
  failed: 'Gửi không thành công',
};
const TRIGGER_VI: Record<DeliveryListRow['trigger'], string> = {
  report: 'Công bố báo cáo đơn vị',
  period: 'Công bố cả kỳ',
  resend: 'Gửi lại thủ công',
  correction: 'Đính chính số liệu',
};

/** The IOC delivery log: each push with its attempts, outcome, HTTP status and error; re-send. */
export function DeliveryLogPage(p: { ctx: PageContext; rows: DeliveryListRow[]; endpoint: string | undefined; periods: Period[]; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Nhật ký gửi số liệu cho IOC', 'IOC delivery log')} wide>
      <h1>{t('Nhật ký gửi số liệu cho IOC', 'IOC delivery log')}</h1>
      <ErrorSummary ctx={ctx} message={p.message} />
      {p.endpoint ? (
        <p>
          {t('Địa chỉ nhận của Trung tâm Điều hành thông minh (IOC):', 'IOC endpoint:')} <code>{p.endpoint}</code>.{' '}
          {t(
            'Mỗi lần gửi được ký HMAC-SHA256 (tiêu đề X-VanHien-Signature); khi IOC không nhận được, hệ thống tự gửi lại với thời gian chờ tăng dần trong hơn một ngày.',
            'Each push is signed (X-VanHien-Signature) and retried with back-off for more than a day.',
          )}
        </p>
      ) : (
        <div class="vh-notice" role="status">
          {t(
            'Chưa cấu hình địa chỉ nhận của IOC (biến môi trường IOC_PUSH_URL và IOC_PUSH_SECRET), nên số liệu công bố không được gửi tự động. IOC vẫn có thể lấy số liệu qua API /api/v1/indicators.',
            'No IOC endpoint is configured (IOC_PUSH_URL, IOC_PUSH_SECRET): nothing is pushed. The IOC can still pull /api/v1/indicators.',
          )}
        </div>
      )}
      <DataTable
        ctx={ctx}
        caption={t('Các lần gửi, mới nhất trước', 'Deliveries, latest first')}
        captionVisible
        rows={p.rows}
        rowKey={(r) => r.id}
        empty={t('Chưa có lần gửi nào.', 'No delivery yet.')}
        columns={[
          { header: t('Kỳ', 'Period'), rowHeader: true, cell: (r) => r.periodCode },
          { header: t('Lý do gửi', 'Trigger'), cell: (r) => `${TRIGGER_VI[r.trigger]}${r.unitCode ? ` (${r.unitCode})` : ''}` },
          { header: t('Tạo lúc', 'Created'), cell: (r) => formatDateTimeVi(r.createdAt) },
          { header: t('Trạng thái', 'Status'), cell: (r) => <span class="vh-tag">{STATUS_VI[r.status]}</span> },
          { header: t('Số lần thử', 'Attempts'), cell: (r) => String(r.attempts) },
          { header: t('Mã HTTP', 'HTTP status'), cell: (r) => (r.httpStatus ? String(r.httpStatus) : '–') },
          { header: t('Lỗi lần cuối', 'Last error'), cell: (r) => r.lastError ?? '' },
          { header: t('Gửi thành công lúc', 'Delivered'), cell: (r) => formatDateTimeVi(r.deliveredAt) },
          {
            header: t('Nội dung', 'Payload'),
            cell: (r) => (
              <>
                {formatNumberVi(r.observations)} {t('giá trị', 'values')}, {formatNumberVi(r.payloadBytes)} byte
                <br />
                <span class="vh-hint">
                  <abbr title="SHA-256">SHA-256</abbr> {r.payloadHash.slice(0, 16)}…
                </span>
              </>
            ),
          },
          { header: t('Mã lần gửi', 'Delivery id'), cell: (r) => <code>{r.id}</code> },
        ]}
      />
      {p.endpoint && p.periods.length > 0 && (
        <section aria-labelledby="h-resend">
          <h2 id="h-resend">{t('Gửi lại số liệu đã công bố của một kỳ', 'Re-send a period')}</h2>
          <ul>
            {p.periods.map((x) => (
              <li key={x.code}>
                {x.code}{' '}
                <ActionButton ctx={ctx} action={`/quan-tri/chi-tieu/gui-ioc/${encodeURIComponent(x.code)}/gui-lai`} label={`${t('Gửi lại kỳ', 'Re-send')} ${x.code}`} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
