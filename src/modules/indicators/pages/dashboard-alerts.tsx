import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { formatDateTimeVi } from '../../../core/validation.js';
import { formatNumber, periodLabel } from '../indicators.charts.js';
import { ALERT_KIND_LABELS } from '../indicators.alerts.js';
import type { AlertRule, Definition } from '../indicators.public.repository.js';
import type { indicatorAlertLog } from '../indicators.dashboards.schema.js';

type LogRow = typeof indicatorAlertLog.$inferSelect;

export function AlertRulesPage(p: {
  ctx: PageContext;
  rules: AlertRule[];
  log: LogRow[];
  defs: Definition[];
  canManage: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx } = p;
  const t = ctx.t;
  const names = new Map(p.defs.map((d) => [d.code, ctx.lang === 'en' ? d.nameEn : d.name]));
  const v = p.values ?? {};
  return (
    <Layout ctx={ctx} title={t('Cảnh báo chỉ tiêu', 'Indicator alerts')} wide>
      <h1 id="canh-bao-tieu-de">{t('Cảnh báo chỉ tiêu', 'Indicator alerts')}</h1>
      <p class="vh-lead">
        {t(
          'Khi số liệu được công bố (và hằng ngày lúc 7 giờ 30), hệ thống kiểm tra các quy tắc dưới đây; mỗi vi phạm được ghi nhật ký và gửi thư một lần cho cán bộ của đơn vị phụ trách chỉ tiêu.',
          'When figures are published (and daily at 07:30) the rules below are checked; each breach is logged and mailed once to the officers of the responsible unit.',
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <h2>{t('Quy tắc', 'Rules')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Quy tắc cảnh báo', 'Alert rules')}
        rows={p.rules}
        rowKey={(r) => r.id}
        empty={t('Chưa có quy tắc nào.', 'No rules yet.')}
        columns={[
          { header: t('Chỉ tiêu', 'Indicator'), rowHeader: true, cell: (r) => `${r.indicatorCode} – ${names.get(r.indicatorCode) ?? ''}` },
          { header: t('Phân tổ', 'Breakdown'), cell: (r) => r.dimsKey || t('Tổng số', 'Total') },
          { header: t('Điều kiện', 'Condition'), cell: (r) => `${t(ALERT_KIND_LABELS[r.kind].vi, ALERT_KIND_LABELS[r.kind].en)}: ${formatNumber(Number(r.threshold), 2, ctx.lang)}` },
          { header: t('Trạng thái', 'Status'), cell: (r) => (r.active ? <span class="vh-tag vh-tag--ok">{t('Đang bật', 'On')}</span> : <span class="vh-tag vh-tag--off">{t('Đã tắt', 'Off')}</span>) },
          {
            header: t('Thao tác', 'Actions'),
            hiddenHeader: true,
            cell: (r) =>
              p.canManage ? (
                <ActionButton
                  ctx={ctx}
                  action={`/quan-tri/canh-bao-chi-tieu/${r.id}/${r.active ? 'tat' : 'bat'}`}
                  label={r.active ? t('Tắt', 'Turn off') : t('Bật', 'Turn on')}
                  fields={{ version: String(r.version) }}
                />
              ) : null,
          },
        ]}
      />
      {p.canManage && (
        <section aria-labelledby="them-quy-tac-h">
          <h2 id="them-quy-tac-h">{t('Thêm quy tắc', 'Add a rule')}</h2>
          <Form ctx={ctx} action="/quan-tri/canh-bao-chi-tieu" label={t('Thêm quy tắc cảnh báo', 'Add an alert rule')}>
            <SelectField
              ctx={ctx}
              name="indicator"
              label={t('Chỉ tiêu', 'Indicator')}
              value={v.indicator}
              errors={p.errors}
              options={[{ value: '', label: t('— Chọn chỉ tiêu —', '— Choose —') }, ...p.defs.map((d) => ({ value: d.code, label: `${d.code} – ${ctx.lang === 'en' ? d.nameEn : d.name}` }))]}
            />
            <SelectField
              ctx={ctx}
              name="kind"
              label={t('Loại cảnh báo', 'Kind')}
              value={v.kind}
              errors={p.errors}
              options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...Object.entries(ALERT_KIND_LABELS).map(([k, l]) => ({ value: k, label: t(l.vi, l.en) }))]}
            />
            <TextField ctx={ctx} name="threshold" label={t('Ngưỡng', 'Threshold')} hint={t('Giá trị theo đơn vị tính của chỉ tiêu, hoặc số phần trăm giảm (ví dụ 20 hoặc 12,5).', 'In the indicator’s unit, or the drop in % (e.g. 20 or 12.5).')} value={v.threshold} errors={p.errors} width="short" inputMode="decimal" />
            <TextField ctx={ctx} name="dims" label={t('Phân tổ (không bắt buộc)', 'Breakdown (optional)')} hint={t('Để trống để theo dõi tổng số; ví dụ area=74001 hoặc facility=bao-tang-tinh.', 'Empty for the total; e.g. area=74001.')} value={v.dims} errors={p.errors} />
            <TextField ctx={ctx} name="extraRecipients" label={t('Người nhận thêm (không bắt buộc)', 'Extra recipients (optional)')} hint={t('Ngoài cán bộ của đơn vị phụ trách; các địa chỉ cách nhau bởi dấu phẩy.', 'Besides the responsible unit’s officers; comma separated.')} value={v.extraRecipients} errors={p.errors} type="text" />
            <TextArea ctx={ctx} name="note" label={t('Ghi chú (không bắt buộc)', 'Note (optional)')} value={v.note} errors={p.errors} rows={2} />
            <Button>{t('Thêm quy tắc', 'Add rule')}</Button>
          </Form>
        </section>
      )}
      <h2>{t('Nhật ký cảnh báo', 'Alert log')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Các cảnh báo gần đây', 'Recent alerts')}
        rows={p.log}
        rowKey={(r) => String(r.id)}
        empty={t('Chưa có cảnh báo nào.', 'No alerts yet.')}
        columns={[
          { header: t('Thời điểm', 'When'), cell: (r) => formatDateTimeVi(r.createdAt) },
          { header: t('Kỳ', 'Period'), cell: (r) => periodLabel(r.periodCode, ctx.lang) },
          { header: t('Nội dung', 'Message'), cell: (r) => r.message },
          { header: t('Đã gửi tới', 'Sent to'), cell: (r) => (r.recipients.length ? r.recipients.join(', ') : t('Không có người nhận', 'Nobody')) },
        ]}
      />
    </Layout>
  );
}
