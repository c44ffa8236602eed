import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import type { FieldErrors } from '../../../core/errors.js';
import { formatDateTimeVi, formatDateVi } from '../../../core/validation.js';
import type { Fee } from '../../procedures/index.js';
import { FEE_STATE_LABELS, type feeDesk, type FeeState, type ImportReport } from '../payments.commands.js';
import { OUTCOME_LABELS } from '../reconcile.js';
import type { FeeAccount } from '../payments.repository.js';
import type { FeeStatistics } from '../payments.stats.js';

const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đồng`;

/** The payment page (no JavaScript): what is due, the VietQR as an image and as text to copy. */
export function PaymentPage(p: {
  ctx: PageContext;
  code: string;
  dossierId: string;
  fees: Fee[];
  total: number;
  paid: number;
  due: number;
  state: FeeState;
  account?: FeeAccount;
  qr?: { payload: string; memo: string; dataUrl: string };
  memoTooLong?: boolean;
}) {
  const { ctx } = p;
  const title = ctx.t(`Nộp phí, lệ phí hồ sơ ${p.code}`, `Pay the fees of dossier ${p.code}`);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <strong>{ctx.t('Trạng thái', 'Status')}: </strong>
        {FEE_STATE_LABELS[p.state]}
      </p>
      <table class="vh-table">
        <caption>{ctx.t('Phí, lệ phí theo quy định', 'Fees by law')}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('Khoản thu', 'Fee')}</th>
            <th scope="col">{ctx.t('Số tiền', 'Amount')}</th>
            <th scope="col">{ctx.t('Ghi chú', 'Note')}</th>
          </tr>
        </thead>
        <tbody>
          {p.fees.map((f) => (
            <tr key={f.name}>
              <td>{f.name}</td>
              <td>{vnd(f.amount)}</td>
              <td>{f.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl class="vh-summary">
        <dt>{ctx.t('Tổng phải nộp', 'Total')}</dt>
        <dd>{vnd(p.total)}</dd>
        <dt>{ctx.t('Đã nộp', 'Paid')}</dt>
        <dd>{vnd(p.paid)}</dd>
        <dt>{ctx.t('Còn phải nộp', 'Due')}</dt>
        <dd>
          <strong>{vnd(p.due)}</strong>
        </dd>
      </dl>
      {p.qr && p.account && (
        <section aria-labelledby="vietqr-h">
          <h2 id="vietqr-h">{ctx.t('Chuyển khoản bằng mã VietQR', 'Pay by VietQR')}</h2>
          <p>{ctx.t('Mở ứng dụng ngân hàng, chọn quét mã QR. Số tiền và nội dung đã điền sẵn; vui lòng giữ nguyên nội dung để hệ thống tự đối soát.', 'Scan with your banking app; keep the memo unchanged.')}</p>
          <img src={p.qr.dataUrl} width={320} height={320} alt={ctx.t(`Mã VietQR chuyển ${vnd(p.due)} vào tài khoản ${p.account.accountNumber}, nội dung ${p.qr.memo}`, 'VietQR code')} />
          <dl class="vh-summary">
            <dt>{ctx.t('Ngân hàng', 'Bank')}</dt>
            <dd>{p.account.bankName}</dd>
            <dt>{ctx.t('Số tài khoản', 'Account number')}</dt>
            <dd>
              <code>{p.account.accountNumber}</code>
            </dd>
            <dt>{ctx.t('Chủ tài khoản', 'Account name')}</dt>
            <dd>{p.account.accountName}</dd>
            <dt>{ctx.t('Số tiền', 'Amount')}</dt>
            <dd>{vnd(p.due)}</dd>
            <dt>{ctx.t('Nội dung chuyển khoản', 'Memo')}</dt>
            <dd>
              <code>{p.qr.memo}</code>
            </dd>
          </dl>
          <label for="f-qr" class="vh-label">
            {ctx.t('Mã VietQR dạng văn bản (để sao chép)', 'VietQR as text (to copy)')}
          </label>
          <textarea id="f-qr" class="vh-input" readOnly rows={3}>
            {p.qr.payload}
          </textarea>
        </section>
      )}
      {p.due > 0 && p.account && p.memoTooLong && (
        <ErrorSummary ctx={ctx} message={ctx.t(`Mã hồ sơ ${p.code} dài hơn 25 ký tự mà ngân hàng cho phép trong nội dung chuyển khoản; để không đối soát nhầm, vui lòng nộp tại Bộ phận một cửa.`, 'The dossier code does not fit a transfer memo; pay at the desk.')} />
      )}
      {p.due > 0 && !p.account && <ErrorSummary ctx={ctx} message={ctx.t('Cơ quan chưa công bố tài khoản nhận phí; vui lòng nộp tại Bộ phận một cửa.', 'No collection account yet; pay at the desk.')} />}
      <p>
        <a href={`/ho-so/${p.dossierId}`}>{ctx.t('Về hồ sơ', 'Back to the dossier')}</a>
      </p>
    </Layout>
  );
}

/** Statement import and its report, line by line. */
export function StatementPage(p: { ctx: PageContext; report?: ImportReport; message?: string }) {
  const { ctx, report } = p;
  const title = ctx.t('Đối soát sao kê phí, lệ phí', 'Reconcile a fee statement');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="vh-lead">
        {ctx.t(
          'Tải lên sao kê tài khoản thu (CSV hoặc XLSX như ngân hàng, Kho bạc xuất). Hệ thống tìm mã hồ sơ trong nội dung chuyển khoản và so số tiền. Nếu có dòng không đọc được, không dòng nào được ghi nhận. Nhập lại cùng một sao kê không thay đổi gì.',
          'Upload the collection account statement (CSV/XLSX). All or nothing; importing twice changes nothing.',
        )}
      </p>
      {p.message && <ErrorSummary ctx={ctx} message={p.message} />}
      {report?.alreadyImported && (
        <div class="vh-flash" role="status">
          <p>{ctx.t('Sao kê này đã được nhập trước đó; không có thay đổi.', 'This statement was imported before; nothing changed.')}</p>
        </div>
      )}
      {report && !report.alreadyImported && (
        <>
          <div class="vh-flash" role="status">
            <h2>{ctx.t('Kết quả đối soát', 'Result')}</h2>
            <ul>
              {Object.entries(report.counts).map(([k, n]) => (
                <li key={k}>
                  {OUTCOME_LABELS[k as keyof typeof OUTCOME_LABELS]}: {n}
                </li>
              ))}
            </ul>
          </div>
          <table class="vh-table">
            <caption>{ctx.t('Từng dòng sao kê', 'Each line')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('Dòng', 'Line')}</th>
                <th scope="col">{ctx.t('Ngày', 'Date')}</th>
                <th scope="col">{ctx.t('Mã giao dịch', 'Transaction')}</th>
                <th scope="col">{ctx.t('Số tiền', 'Amount')}</th>
                <th scope="col">{ctx.t('Kết quả', 'Outcome')}</th>
                <th scope="col">{ctx.t('Chi tiết', 'Details')}</th>
              </tr>
            </thead>
            <tbody>
              {report.lines.map((l) => (
                <tr key={`${l.line}`}>
                  <td>{l.line}</td>
                  <td>{formatDateVi(l.date)}</td>
                  <td>{l.txnId}</td>
                  <td>{vnd(l.amount)}</td>
                  <td>{OUTCOME_LABELS[l.outcome]}</td>
                  <td>{l.vi}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <form method="post" action={`/quan-tri/phi/doi-soat?_csrf=${encodeURIComponent(ctx.csrf)}`} encType="multipart/form-data" class="vh-form">
        <div class="vh-field">
          <label for="f-saoke" class="vh-label">
            {ctx.t('Tệp sao kê (CSV, XLSX, camt.053)', 'Statement file (CSV, XLSX, camt.053)')}
          </label>
          <input id="f-saoke" name="saoke" type="file" accept=".csv,.xlsx,.xml,text/csv" class="vh-input" />
        </div>
        <Button>{ctx.t('Nhập và đối soát', 'Import and reconcile')}</Button>
      </form>
    </Layout>
  );
}

type Desk = Awaited<ReturnType<typeof feeDesk>>;

/** The desk's page for one dossier's fees: status, payments with receipts, cash and refund forms. */
export function FeeDeskPage(p: {
  ctx: PageContext;
  desk: Desk;
  form?: 'cash' | 'refund';
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, desk } = p;
  const d = desk.dossier;
  const title = ctx.t(`Phí, lệ phí hồ sơ ${d.code ?? ''}`, `Fees of dossier ${d.code ?? ''}`);
  const base = `/quan-tri/phi/ho-so/${d.id}`;
  const v = p.values ?? {};
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <dl class="vh-summary">
        <dt>{ctx.t('Trạng thái', 'Status')}</dt>
        <dd>
          <strong>{FEE_STATE_LABELS[desk.state]}</strong>
        </dd>
        <dt>{ctx.t('Tổng phải nộp', 'Total')}</dt>
        <dd>{vnd(desk.total)}</dd>
        <dt>{ctx.t('Đã nộp (trừ hoàn trả)', 'Paid (net of refunds)')}</dt>
        <dd>{vnd(desk.paid)}</dd>
        <dt>{ctx.t('Còn phải nộp', 'Due')}</dt>
        <dd>{vnd(desk.due)}</dd>
      </dl>
      <DataTable
        ctx={ctx}
        caption={ctx.t('Các lần nộp', 'Payments')}
        captionVisible
        rows={desk.payments}
        rowKey={(r) => r.id}
        empty={ctx.t('Chưa có lần nộp nào.', 'No payment yet.')}
        columns={[
          { header: ctx.t('Ngày nộp', 'Paid on'), cell: (r) => formatDateVi(r.paidOn) },
          { header: ctx.t('Số tiền', 'Amount'), cell: (r) => vnd(r.amount) },
          { header: ctx.t('Hình thức', 'Method'), cell: (r) => METHOD_LABELS[r.method] },
          { header: ctx.t('Chứng từ', 'Reference'), cell: (r) => r.receiptNo ?? r.bankTxnId ?? '' },
          {
            header: ctx.t('Biên lai', 'Receipt'),
            cell: (r) => <a href={`/quan-tri/phi/bien-lai/${r.id}.pdf`}>{ctx.t(`Biên lai ${r.receiptNo ?? r.bankTxnId ?? ''} (PDF)`, 'Receipt (PDF)')}</a>,
          },
        ]}
      />
      {desk.refunds.length > 0 && (
        <DataTable
          ctx={ctx}
          caption={ctx.t('Các lần hoàn trả', 'Refunds')}
          captionVisible
          rows={desk.refunds}
          rowKey={(r) => r.id}
          columns={[
            { header: ctx.t('Thời điểm', 'When'), cell: (r) => formatDateTimeVi(r.createdAt) },
            { header: ctx.t('Số tiền', 'Amount'), cell: (r) => vnd(r.amount) },
            { header: ctx.t('Lý do', 'Reason'), cell: (r) => r.reason },
          ]}
        />
      )}
      <section aria-labelledby="cash-h">
        <h2 id="cash-h">{ctx.t('Thu tiền mặt tại quầy', 'Cash at the desk')}</h2>
        <Form ctx={ctx} action={`${base}/tien-mat`}>
          {p.form === 'cash' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
          <TextField
            ctx={ctx}
            name="amount"
            label={ctx.t('Số tiền thu (đồng)', 'Amount received (VND)')}
            inputMode="numeric"
            width="half"
            value={p.form === 'cash' ? v.amount : desk.due ? String(desk.due) : ''}
            errors={p.form === 'cash' ? p.errors : undefined}
          />
          <Button>{ctx.t('Ghi nhận và lập biên lai', 'Record and issue a receipt')}</Button>
        </Form>
      </section>
      <section aria-labelledby="refund-h">
        <h2 id="refund-h">{ctx.t('Hoàn trả phí, lệ phí', 'Refund')}</h2>
        <Form ctx={ctx} action={`${base}/hoan-tra`}>
          {p.form === 'refund' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
          <TextField
            ctx={ctx}
            name="refundAmount"
            label={ctx.t('Số tiền hoàn trả (đồng)', 'Amount refunded (VND)')}
            inputMode="numeric"
            width="half"
            value={p.form === 'refund' ? v.refundAmount : ''}
            errors={p.form === 'refund' ? p.errors : undefined}
          />
          <TextArea
            ctx={ctx}
            name="reason"
            label={ctx.t('Lý do hoàn trả', 'Reason')}
            hint={ctx.t('Ví dụ: nộp thừa; hồ sơ bị từ chối, dừng giải quyết.', 'E.g. over-payment; refused or stopped dossier.')}
            rows={3}
            value={p.form === 'refund' ? v.reason : ''}
            errors={p.form === 'refund' ? p.errors : undefined}
          />
          <Button variant="warning">{ctx.t('Ghi nhận hoàn trả', 'Record the refund')}</Button>
        </Form>
      </section>
      <p>
        <a href={`/quan-tri/ho-so/${d.id}`}>{ctx.t('Về hồ sơ', 'Back to the dossier')}</a> · <a href="/quan-tri/phi">{ctx.t('Tra cứu hồ sơ khác', 'Look up another dossier')}</a>
      </p>
    </Layout>
  );
}

/** The desk's entry: find a dossier by its code. */
export function FeeLookupPage(p: { ctx: PageContext; code?: string; message?: string }) {
  const { ctx } = p;
  const title = ctx.t('Thu phí, lệ phí tại quầy', 'Fees at the desk');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href="/quan-tri/phi/doi-soat">{ctx.t('Đối soát sao kê', 'Reconcile a statement')}</a> · <a href="/quan-tri/phi/thong-ke">{ctx.t('Thống kê thu phí, lệ phí', 'Fee statistics')}</a>
      </p>
      <form method="get" action="/quan-tri/phi" class="vh-form">
        {p.message && <ErrorSummary ctx={ctx} message={p.message} errors={{ ma: { vi: p.message, en: p.message } }} />}
        <TextField ctx={ctx} name="ma" label={ctx.t('Mã hồ sơ', 'Dossier code')} value={p.code} width="half" errors={p.message ? { ma: { vi: p.message, en: p.message } } : undefined} />
        <Button>{ctx.t('Tìm hồ sơ', 'Find')}</Button>
      </form>
    </Layout>
  );
}

const METHOD_LABELS = { cash: 'Tiền mặt', bank: 'Chuyển khoản', gateway: 'Cổng thanh toán' } as const;

/** Fees collected by procedure and month, and the share of dossiers paid online (Decision 766). */
export function FeeStatsPage(p: { ctx: PageContext; stats?: FeeStatistics; values: { tu: string; den: string }; errors?: FieldErrors }) {
  const { ctx, stats } = p;
  const title = ctx.t('Thống kê thu phí, lệ phí', 'Fee statistics');
  const month = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <form method="get" action="/quan-tri/phi/thong-ke" class="vh-form">
        <ErrorSummary ctx={ctx} errors={p.errors} />
        <TextField ctx={ctx} name="tu" label={ctx.t('Từ ngày (dd/mm/yyyy)', 'From (dd/mm/yyyy)')} value={p.values.tu} width="half" errors={p.errors} />
        <TextField ctx={ctx} name="den" label={ctx.t('Đến ngày (dd/mm/yyyy)', 'To (dd/mm/yyyy)')} value={p.values.den} width="half" errors={p.errors} />
        <Button>{ctx.t('Xem thống kê', 'Show')}</Button>
      </form>
      {stats && (
        <>
          <dl class="vh-summary">
            <dt>{ctx.t('Tổng đã thu', 'Collected')}</dt>
            <dd>{vnd(stats.totals.collected)}</dd>
            <dt>{ctx.t('Đã hoàn trả', 'Refunded')}</dt>
            <dd>{vnd(stats.totals.refunded)}</dd>
            <dt>{ctx.t('Thực thu', 'Net')}</dt>
            <dd>
              <strong>{vnd(stats.totals.net)}</strong>
            </dd>
            <dt>{ctx.t('Tỷ lệ hồ sơ thanh toán trực tuyến (Quyết định 766/QĐ-TTg)', 'Share of dossiers paid online (Decision 766)')}</dt>
            <dd>
              {stats.onlineShare === undefined
                ? ctx.t('Chưa có hồ sơ nộp phí trong kỳ', 'No dossier paid in the period')
                : `${new Intl.NumberFormat('vi-VN').format(stats.onlineShare)}% (${stats.paidOnline}/${stats.paidDossiers} ${ctx.t('hồ sơ', 'dossiers')})`}
            </dd>
          </dl>
          <DataTable
            ctx={ctx}
            caption={ctx.t(`Phí, lệ phí đã thu theo thủ tục và tháng, từ ${formatDateVi(stats.from)} đến ${formatDateVi(stats.to)}`, 'Fees by procedure and month')}
            captionVisible
            rows={stats.rows}
            rowKey={(r) => `${r.procedureName}|${r.month}`}
            empty={ctx.t('Không có khoản thu nào trong kỳ.', 'Nothing collected in the period.')}
            columns={[
              { header: ctx.t('Tháng', 'Month'), cell: (r) => month(r.month) },
              { header: ctx.t('Thủ tục', 'Procedure'), rowHeader: true, cell: (r) => r.procedureName },
              { header: ctx.t('Số hồ sơ', 'Dossiers'), cell: (r) => r.dossiers },
              { header: ctx.t('Đã thu', 'Collected'), cell: (r) => vnd(r.collected) },
              { header: ctx.t('Hoàn trả', 'Refunded'), cell: (r) => vnd(r.refunded) },
              { header: ctx.t('Thực thu', 'Net'), cell: (r) => vnd(r.net) },
            ]}
          />
        </>
      )}
    </Layout>
  );
}
