import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { ActionButton, Button, ErrorSummary, Form, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { formatDateTimeVi, formatDateVi } from '../../../core/validation.js';
import type { LateUnit, UnitState } from '../indicators.deadlines.js';
import { REPORT_STATUS_VI, type UnitReport } from '../indicators.entry.commands.js';
import { formatNumberVi } from '../indicators.entry.model.js';
import type { XlsxProblem } from '../indicators.xlsx.js';

export const ENTRY_BASE = '/quan-tri/so-lieu-don-vi';
export const entryHref = (period: string, unit: string) => `${ENTRY_BASE}/${encodeURIComponent(period)}/${encodeURIComponent(unit)}`;

export interface MyReportRow {
  period: string;
  periodicity: string;
  unitCode: string;
  unitName: string;
  state: UnitState;
  dueOn: string | null;
  overdue: boolean;
  indicators: number;
}

const PERIODICITY_VI: Record<string, string> = { month: 'Tháng', quarter: 'Quý', year: 'Năm' };

function StateTag(p: { state: UnitState; overdue?: boolean }) {
  return (
    <>
      <span class="vh-tag">{REPORT_STATUS_VI[p.state]}</span>
      {p.overdue && (
        <>
          {' '}
          <strong class="vh-tag vh-tag--warning">Quá hạn</strong>
        </>
      )}
    </>
  );
}

/** "Số liệu của đơn vị": the periods of the units the officer enters, approves or publishes. */
export function MyReportsPage(p: { ctx: PageContext; rows: MyReportRow[]; canPublish: boolean; late: number }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Số liệu của đơn vị', 'Unit figures')} wide>
      <h1>{t('Số liệu của đơn vị', 'Unit figures')}</h1>
      <p>
        {t(
          'Các kỳ báo cáo chỉ tiêu thống kê ngành mà đơn vị của bạn phải nhập số liệu, trạng thái và hạn gửi. Chọn một kỳ để nhập số liệu trực tiếp hoặc tải mẫu Excel.',
          'The reporting periods your units answer for, their status and due date.',
        )}
      </p>
      {p.canPublish && (
        <p>
          <a href={`${ENTRY_BASE}/qua-han`}>
            {t('Danh sách đơn vị chậm gửi số liệu', 'Units late with their figures')} ({p.late})
          </a>{' '}
          · <a href="/quan-tri/chi-tieu/gui-ioc">{t('Nhật ký gửi số liệu cho IOC', 'IOC delivery log')}</a>
        </p>
      )}
      <DataTable
        ctx={ctx}
        caption={t('Kỳ báo cáo của đơn vị', 'Reporting periods')}
        rows={p.rows}
        rowKey={(r) => `${r.period}|${r.unitCode}`}
        empty={t('Chưa có kỳ báo cáo nào cần nhập số liệu.', 'No period to report.')}
        columns={[
          { header: t('Kỳ', 'Period'), rowHeader: true, cell: (r) => <a href={entryHref(r.period, r.unitCode)}>{`${PERIODICITY_VI[r.periodicity] ?? ''} ${r.period}`}</a> },
          { header: t('Đơn vị', 'Unit'), cell: (r) => r.unitName },
          { header: t('Số chỉ tiêu', 'Indicators'), cell: (r) => String(r.indicators) },
          { header: t('Hạn gửi', 'Due'), cell: (r) => formatDateVi(r.dueOn) },
          { header: t('Trạng thái', 'Status'), cell: (r) => <StateTag state={r.state} overdue={r.overdue} /> },
        ]}
      />
    </Layout>
  );
}

export interface EntryPageProps {
  ctx: PageContext;
  ur: UnitReport;
  can: { enter: boolean; approve: boolean; publish: boolean };
  /** the values as posted, when the form comes back with errors */
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  problems?: XlsxProblem[];
  today: string;
  pushConfigured: boolean;
}

/** The entry form (editable while the report is a draft or returned) and the report's actions. */
export function EntryPage(p: EntryPageProps) {
  const { ctx, ur } = p;
  const t = ctx.t;
  const state: UnitState = ur.report?.status ?? 'missing';
  const editable = p.can.enter && (state === 'missing' || state === 'draft' || state === 'returned') && ur.period.status !== 'published';
  const overdue = !!ur.period.dueOn && ur.period.dueOn < p.today && !['submitted', 'approved', 'published'].includes(state);
  const base = entryHref(ur.period.code, ur.unit.code);
  const title = `${t('Số liệu kỳ', 'Figures for')} ${ur.period.code} – ${ur.unit.name}`;
  const v = (name: string, fallback: string) => (p.values ? (p.values[name] ?? '') : fallback);
  return (
    <Layout ctx={ctx} title={title} wide>
      <p>
        <a href={ENTRY_BASE}>{t('← Số liệu của đơn vị', '← Unit figures')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {t('Trạng thái', 'Status')}: <StateTag state={state} overdue={overdue} />
        {ur.period.dueOn && (
          <>
            {' '}
            · {t('Hạn gửi', 'Due')}: <strong>{formatDateVi(ur.period.dueOn)}</strong>
          </>
        )}{' '}
        · {t('Kỳ', 'Period')}: {formatDateVi(ur.period.startsOn)} – {formatDateVi(ur.period.endsOn)}
      </p>
      {ur.report?.status === 'returned' && ur.report.returnReason && (
        <div class="vh-notice" role="status">
          <strong>{t('Lãnh đạo đơn vị trả lại, lý do:', 'Returned by the unit leader:')}</strong> {ur.report.returnReason}
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {p.problems && p.problems.length > 0 && (
        <DataTable
          ctx={ctx}
          caption={t('Các lỗi trong tệp Excel (chưa lưu số liệu nào)', 'Errors in the Excel file (nothing saved)')}
          captionVisible
          rows={p.problems}
          rowKey={(x) => `${x.row}-${x.column}-${x.vi}`}
          columns={[
            { header: t('Dòng', 'Row'), cell: (x) => (x.row ? String(x.row) : '–') },
            { header: t('Cột', 'Column'), cell: (x) => x.column || '–' },
            { header: t('Lỗi', 'Problem'), cell: (x) => (ctx.lang === 'en' ? x.en : x.vi) },
          ]}
        />
      )}
      {ur.rows.length === 0 ? (
        <p>{t('Đơn vị không phải nhập chỉ tiêu nào trong kỳ này.', 'This unit enters no indicator for this period.')}</p>
      ) : editable ? (
        <>
          <h2>{t('Nhập bằng tệp Excel', 'Enter with an Excel file')}</h2>
          <p>
            <a href={`${base}/mau.xlsx`} download>
              {t('Tải mẫu Excel của đơn vị cho kỳ này', 'Download the Excel template')}
            </a>{' '}
            {t('(đã điền sẵn số liệu đang lưu). Điền cột “Giá trị”, rồi tải lên; nếu tệp có lỗi, không số liệu nào được lưu và mọi lỗi được liệt kê theo dòng, cột.', '(pre-filled with the saved values).')}
          </p>
          {/* The body is multipart, so the CSRF token travels in the query string (the core hook reads it there). */}
          <form method="post" action={`${base}/tai-len?_csrf=${encodeURIComponent(ctx.csrf)}`} encType="multipart/form-data" class="vh-form" noValidate aria-label={t('Tải lên tệp Excel', 'Upload the Excel file')}>
            <div class="vh-field">
              <label class="vh-label" for="f-tep">
                {t('Tệp Excel đã điền (.xlsx)', 'Filled Excel file (.xlsx)')}
              </label>
              <input id="f-tep" name="tep" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
            </div>
            <Button variant="secondary">{t('Tải lên', 'Upload')}</Button>
          </form>
          <h2>{t('Nhập trực tiếp', 'Enter here')}</h2>
          <Form ctx={ctx} action={base} label={t('Nhập số liệu', 'Enter figures')}>
            <input type="hidden" name="version" value={String(ur.report?.version ?? 0)} />
            <EntryTable {...p} editable v={v} />
            <div class="vh-button-group">
              <Button name="action" value="save" variant="secondary">
                {t('Lưu nháp', 'Save draft')}
              </Button>
              <Button name="action" value="submit">
                {t('Lưu và gửi lãnh đạo đơn vị duyệt', 'Save and submit for approval')}
              </Button>
            </div>
          </Form>
        </>
      ) : (
        <EntryTable {...p} editable={false} v={v} />
      )}
      {ur.report && state === 'submitted' && p.can.approve && (
        <section aria-labelledby="h-duyet">
          <h2 id="h-duyet">{t('Duyệt số liệu của đơn vị', 'Approve the figures')}</h2>
          <ActionButton ctx={ctx} action={`${ENTRY_BASE}/bao-cao/${ur.report.id}/duyet`} label={t('Duyệt số liệu', 'Approve')} fields={{ version: String(ur.report.version) }} variant="primary" />
          <Form ctx={ctx} action={`${ENTRY_BASE}/bao-cao/${ur.report.id}/tra-lai`} label={t('Trả lại', 'Return')}>
            <input type="hidden" name="version" value={String(ur.report.version)} />
            <TextArea ctx={ctx} name="reason" label={t('Lý do trả lại (bắt buộc khi trả lại)', 'Reason for returning')} errors={p.errors} value={p.values?.reason} rows={3} />
            <Button variant="warning">{t('Trả lại cho chuyên viên', 'Return to the officer')}</Button>
          </Form>
        </section>
      )}
      {ur.report && state === 'approved' && p.can.publish && (
        <section aria-labelledby="h-congbo">
          <h2 id="h-congbo">{t('Công bố số liệu', 'Publish')}</h2>
          <p>
            {t('Sau khi công bố, số liệu hiện trên trang Số liệu ngành, API và', 'Once published the values appear on the public pages, the API and')}{' '}
            {p.pushConfigured ? t('được gửi tự động cho IOC của tỉnh.', 'are pushed to the IOC.') : t('(chưa cấu hình địa chỉ IOC nên không gửi tự động).', '(no IOC endpoint configured).')}
          </p>
          <ActionButton ctx={ctx} action={`${ENTRY_BASE}/bao-cao/${ur.report.id}/cong-bo`} label={t('Công bố số liệu', 'Publish')} fields={{ version: String(ur.report.version) }} variant="primary" />
        </section>
      )}
      {ur.revisions.length > 0 && (
        <DataTable
          ctx={ctx}
          caption={t('Các lần đính chính sau công bố', 'Corrections after publication')}
          captionVisible
          rows={ur.revisions}
          rowKey={(r) => String(r.id)}
          columns={[
            { header: t('Chỉ tiêu', 'Indicator'), cell: (r) => `${r.indicatorCode}${r.dimsKey ? ` (${r.dimsKey})` : ''}` },
            { header: t('Giá trị cũ', 'Old value'), cell: (r) => formatNumberVi(r.oldValue, 6) },
            { header: t('Giá trị mới', 'New value'), cell: (r) => formatNumberVi(r.newValue, 6) },
            { header: t('Lần sửa', 'Revision'), cell: (r) => String(r.revision) },
            { header: t('Lý do', 'Reason'), cell: (r) => r.reason },
            { header: t('Thời điểm', 'When'), cell: (r) => formatDateTimeVi(r.changedAt) },
          ]}
        />
      )}
      {p.can.publish && state === 'published' && ur.rows.length > 0 && (
        <section aria-labelledby="h-dinhchinh">
          <h2 id="h-dinhchinh">{t('Đính chính số liệu đã công bố', 'Correct a published value')}</h2>
          <Form ctx={ctx} action={`${base}/dinh-chinh`} label={t('Đính chính', 'Correct')}>
            <div class="vh-field">
              <label class="vh-label" for="f-row">
                {t('Chỉ tiêu và phân tổ', 'Indicator and breakdown')}
              </label>
              <select id="f-row" name="row" class="vh-select">
                {ur.rows
                  .filter((r) => ur.current.get(r.key)?.status === 'published')
                  .map((r) => (
                    <option key={r.key} value={r.key} selected={p.values?.row === r.key}>
                      {`${r.def.code} – ${r.label}: ${formatNumberVi(ur.current.get(r.key)!.value, 6)} ${r.def.measureUnit}`}
                    </option>
                  ))}
              </select>
            </div>
            <TextField ctx={ctx} name="value" label={t('Giá trị mới', 'New value')} errors={p.errors} value={p.values?.value} width="short" inputMode="decimal" />
            <TextArea ctx={ctx} name="reason" label={t('Lý do đính chính', 'Reason')} errors={p.errors} value={p.values?.reason} rows={3} />
            <Button variant="warning">{t('Đính chính', 'Correct')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

function EntryTable(p: EntryPageProps & { editable: boolean; v: (name: string, fallback: string) => string }) {
  const { ctx, ur } = p;
  const t = ctx.t;
  let last = '';
  return (
    <div class="vh-table-wrap">
      <table class="vh-table">
        <caption class="vh-visually-hidden">{t('Số liệu theo chỉ tiêu và phân tổ', 'Figures by indicator and breakdown')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Chỉ tiêu', 'Indicator')}</th>
            <th scope="col">{t('Phân tổ', 'Breakdown')}</th>
            <th scope="col">{t('Giá trị', 'Value')}</th>
            <th scope="col">{t('Kỳ trước đã công bố', 'Last published')}</th>
            <th scope="col">{t('Ghi chú', 'Comment')}</th>
          </tr>
        </thead>
        <tbody>
          {ur.rows.map((r, i) => {
            const cur = ur.current.get(r.key);
            const first = r.def.code !== last;
            last = r.def.code;
            const prev = ur.previous.get(r.key);
            const ve = p.errors?.[`v-${i}`];
            const ce = p.errors?.[`c-${i}`];
            const label = `${r.def.code} ${r.def.name} – ${r.label} (${r.def.measureUnit})`;
            return (
              <tr key={r.key} class={ve || ce ? 'vh-row--error' : undefined}>
                <th scope="row">{first ? `${r.def.code} ${r.def.name}` : <span class="vh-visually-hidden">{r.def.code}</span>}</th>
                <td>{r.label}</td>
                <td>
                  {p.editable ? (
                    <>
                      <input type="hidden" name={`k-${i}`} value={r.key} />
                      {ve && (
                        <p id={`e-v-${i}`} class="vh-error">
                          {ctx.lang === 'en' ? ve.en : ve.vi}
                        </p>
                      )}
                      <input
                        id={`f-v-${i}`}
                        name={`v-${i}`}
                        class="vh-input vh-input--short"
                        inputMode="decimal"
                        aria-label={label}
                        aria-invalid={ve ? 'true' : undefined}
                        aria-describedby={ve ? `e-v-${i}` : undefined}
                        value={p.v(`v-${i}`, cur ? formatNumberVi(cur.value, 6) : '')}
                      />{' '}
                      {r.def.measureUnit}
                      {r.required && <span class="vh-hint"> ({t('bắt buộc', 'required')})</span>}
                    </>
                  ) : cur ? (
                    `${formatNumberVi(cur.value, 6)} ${r.def.measureUnit}${cur.revision > 1 ? ` (${t('đính chính lần', 'revision')} ${cur.revision})` : ''}`
                  ) : (
                    '–'
                  )}
                </td>
                <td>{prev !== undefined ? formatNumberVi(prev, 6) : '–'}</td>
                <td>
                  {p.editable ? (
                    <>
                      {ce && (
                        <p id={`e-c-${i}`} class="vh-error">
                          {ctx.lang === 'en' ? ce.en : ce.vi}
                        </p>
                      )}
                      <input
                        id={`f-c-${i}`}
                        name={`c-${i}`}
                        class="vh-input"
                        aria-label={`${t('Ghi chú', 'Comment')}: ${label}`}
                        aria-invalid={ce ? 'true' : undefined}
                        aria-describedby={ce ? `e-c-${i}` : undefined}
                        value={p.v(`c-${i}`, cur?.comment ?? '')}
                      />
                    </>
                  ) : (
                    (cur?.comment ?? '')
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The department's list of units late with their figures. */
export function OverduePage(p: { ctx: PageContext; rows: LateUnit[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Đơn vị chậm gửi số liệu chỉ tiêu', 'Units late with their figures')} wide>
      <p>
        <a href={ENTRY_BASE}>{t('← Số liệu của đơn vị', '← Unit figures')}</a>
      </p>
      <h1>{t('Đơn vị chậm gửi số liệu chỉ tiêu', 'Units late with their figures')}</h1>
      <DataTable
        ctx={ctx}
        caption={t('Đơn vị quá hạn', 'Late units')}
        rows={p.rows}
        rowKey={(r) => `${r.period.code}|${r.unitCode}`}
        empty={t('Không có đơn vị nào quá hạn.', 'No unit is late.')}
        columns={[
          { header: t('Kỳ', 'Period'), rowHeader: true, cell: (r) => <a href={entryHref(r.period.code, r.unitCode)}>{r.period.code}</a> },
          { header: t('Đơn vị', 'Unit'), cell: (r) => r.unitName },
          { header: t('Hạn gửi', 'Due'), cell: (r) => formatDateVi(r.period.dueOn) },
          { header: t('Số ngày làm việc quá hạn', 'Working days late'), cell: (r) => String(r.daysLate) },
          { header: t('Trạng thái', 'Status'), cell: (r) => REPORT_STATUS_VI[r.state] },
        ]}
      />
    </Layout>
  );
}
