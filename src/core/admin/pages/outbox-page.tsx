import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { formatDateTimeVi } from '../../validation.js';
import type { mailOutbox } from '../../mail/mail.schema.js';
import { DataTable } from '../../web/components/table.js';

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
      <DataTable
        ctx={ctx}
        caption={t('Thư đi, mới nhất trước', 'Outgoing mail, newest first')}
        rows={p.rows}
        rowKey={(r) => r.id}
        empty={t('Chưa có thư nào.', 'No mail yet.')}
        columns={[
          { header: t('Thời gian', 'Time'), cell: (r) => formatDateTimeVi(r.createdAt) },
          { header: t('Người nhận', 'To'), cell: (r) => r.toAddress },
          {
            header: t('Tiêu đề', 'Subject'),
            cell: (r) => (
              <>
                {r.subject}
                {p.showBodies && (
                  <details>
                    <summary>{t('Xem nội dung (chế độ trình diễn)', 'View body (demo mode)')}</summary>
                    <pre style="white-space:pre-wrap">{r.textBody}</pre>
                  </details>
                )}
              </>
            ),
          },
          { header: t('Trạng thái', 'Status'), cell: (r) => `${t(...(STATUS[r.status] ?? [r.status, r.status]))}${r.lastError ? ` – ${r.lastError}` : ''}` },
          { header: t('Số lần gửi', 'Attempts'), cell: (r) => r.attempts },
        ]}
      />
    </Layout>
  );
}
