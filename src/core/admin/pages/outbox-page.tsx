import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { formatDateTimeVi } from '../../validation.js';
import type { mailOutbox } from '../../mail/mail.schema.js';

type Row = typeof mailOutbox.$inferSelect;

const STATUS: Record<string, [string, string]> = {
  queued: ['Đang chờ gửi', 'Queued'],
  sent: ['Đã gửi', 'Sent'],
  failed: ['Gửi lỗi, sẽ thử lại', 'Failed, will retry'],
  captured: ['Lưu tại hệ thống (chưa cấu hình SMTP)', 'Captured (no SMTP configured)'],
};

export function OutboxPage(p: { ctx: PageContext; rows: Row[]; showBodies: boolean }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Thư điện tử đi', 'Outgoing mail')} wide>
      <h1>{t('Thư điện tử đi', 'Outgoing mail')}</h1>
      <div class="vh-table-wrap">
        <table class="vh-table">
          <thead>
            <tr>
              <th scope="col">{t('Thời gian', 'Time')}</th>
              <th scope="col">{t('Người nhận', 'To')}</th>
              <th scope="col">{t('Tiêu đề', 'Subject')}</th>
              <th scope="col">{t('Trạng thái', 'Status')}</th>
              <th scope="col">{t('Số lần gửi', 'Attempts')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTimeVi(r.createdAt)}</td>
                <td>{r.toAddress}</td>
                <td>
                  {r.subject}
                  {p.showBodies && (
                    <details>
                      <summary>{t('Xem nội dung (chế độ trình diễn)', 'View body (demo mode)')}</summary>
                      <pre style="white-space:pre-wrap">{r.textBody}</pre>
                    </details>
                  )}
                </td>
                <td>
                  {t(...(STATUS[r.status] ?? [r.status, r.status]))}
                  {r.lastError ? ` – ${r.lastError}` : ''}
                </td>
                <td>{r.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
