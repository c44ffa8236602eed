import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { formatDateTimeVi } from '../../validation.js';
import type { auditLog } from '../../audit/audit.schema.js';
import { DataTable } from '../../web/components/table.js';

type Row = typeof auditLog.$inferSelect;

export function AuditPage(p: { ctx: PageContext; rows: Row[]; query: Record<string, string> }) {
  const { ctx } = p;
  const t = ctx.t;
  const q = p.query;
  const last = p.rows[p.rows.length - 1];
  const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'before' && v) as [string, string][]);
  return (
    <Layout ctx={ctx} title={t('Nhật ký hệ thống', 'Audit trail')} wide>
      <h1>{t('Nhật ký hệ thống', 'Audit trail')}</h1>
      <p>
        {t(
          'Mọi thay đổi dữ liệu được ghi lại trong cùng giao dịch và liên kết bằng mã băm; lệnh "vanhien audit verify" phát hiện dòng bị sửa hoặc xóa.',
          'Every change is recorded in the same transaction and hash-chained; "vanhien audit verify" detects edited or deleted rows.',
        )}
      </p>
      <p>
        <a href="/quan-tri/nhat-ky/kiem-tra">{t('Kiểm tra tính toàn vẹn của nhật ký', 'Verify the integrity of the trail')}</a>
      </p>
      <form method="get" action="/quan-tri/nhat-ky" class="vh-filters" aria-label={t('Lọc nhật ký', 'Filter')}>
        {[
          ['action', t('Thao tác (bắt đầu bằng)', 'Action (prefix)'), q.action],
          ['entity', t('Đối tượng', 'Entity'), q.entity],
          ['actor', t('Người thực hiện', 'Actor'), q.actor],
          ['from', t('Từ ngày (dd/mm/yyyy)', 'From (dd/mm/yyyy)'), q.from],
          ['to', t('Đến ngày (dd/mm/yyyy)', 'To (dd/mm/yyyy)'), q.to],
        ].map(([name, label, value]) => (
          <div class="vh-field" key={name}>
            <label class="vh-label" for={`f-${name}`}>
              {label}
            </label>
            <input class="vh-input vh-input--half" id={`f-${name}`} name={name} value={value ?? ''} />
          </div>
        ))}
        <button type="submit" class="vh-button vh-button--secondary">
          {t('Lọc', 'Filter')}
        </button>
      </form>
      <DataTable
        ctx={ctx}
        caption={t('Các dòng nhật ký, mới nhất trước', 'Audit rows, newest first')}
        rows={p.rows}
        rowKey={(r) => String(r.id)}
        columns={[
          { header: '#', cell: (r) => r.id },
          { header: t('Thời gian', 'Time'), cell: (r) => formatDateTimeVi(r.at) },
          { header: t('Người thực hiện', 'Actor'), cell: (r) => r.actorLabel },
          { header: t('Thao tác', 'Action'), cell: (r) => <code>{r.action}</code> },
          {
            header: t('Đối tượng', 'Entity'),
            cell: (r) => (
              <>
                {r.entity}
                {r.entityId ? <span class="vh-mono"> {r.entityId.slice(0, 12)}</span> : null}
              </>
            ),
          },
          { header: t('Tóm tắt', 'Summary'), cell: (r) => <code>{JSON.stringify(r.summary).slice(0, 200)}</code> },
          { header: 'IP', cell: (r) => r.ip ?? '' },
        ]}
      />
      {p.rows.length === 50 && last && (
        <p>
          <a href={`/quan-tri/nhat-ky?${params.toString()}${params.toString() ? '&' : ''}before=${last.id}`}>{t('Trang sau →', 'Older →')}</a>
        </p>
      )}
    </Layout>
  );
}

export function AuditVerifyPage(p: { ctx: PageContext; rows: number; problems: { id: number; problem: string }[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Kiểm tra nhật ký', 'Verify the audit trail')}>
      <h1>{t('Kiểm tra tính toàn vẹn của nhật ký', 'Audit trail integrity')}</h1>
      {p.problems.length === 0 ? (
        <p class="vh-flash" role="status">
          {t(`Chuỗi nhật ký nguyên vẹn: ${p.rows} dòng, không dòng nào bị sửa hoặc xóa.`, `The chain is intact: ${p.rows} rows, none edited or deleted.`)}
        </p>
      ) : (
        <div class="vh-error-summary" role="alert">
          <h2>{t(`Phát hiện ${p.problems.length} vấn đề trong ${p.rows} dòng`, `${p.problems.length} problems in ${p.rows} rows`)}</h2>
          <ul>
            {p.problems.map((x) => (
              <li key={`${x.id}-${x.problem}`}>{x.problem}</li>
            ))}
          </ul>
        </div>
      )}
      <p>
        <a href="/quan-tri/nhat-ky">{t('← Về nhật ký', '← Back to the trail')}</a>
      </p>
    </Layout>
  );
}
