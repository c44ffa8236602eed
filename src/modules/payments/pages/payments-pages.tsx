import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, ErrorSummary } from '../../../core/web/components/form.js';
import { formatDateVi } from '../../../core/validation.js';
import type { Fee } from '../../procedures/index.js';
import { FEE_STATE_LABELS, type FeeState, type ImportReport } from '../payments.commands.js';
import { OUTCOME_LABELS } from '../reconcile.js';
import type { FeeAccount } from '../payments.repository.js';

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
