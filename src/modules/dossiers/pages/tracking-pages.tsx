import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, ErrorSummary, Form, TextField } from '../../../core/web/components/form.js';
import { formatDateTimeVi, formatDateVi } from '../../../core/validation.js';
import { statusLabel } from './filing-pages.js';

export interface TrackingResult {
  code: string;
  status: string;
  procedureName: string;
  submittedAt: Date | null;
  dueDate: string | null;
  receivingUnit: string;
  currentStep: string;
  /** who holds the current step, by role (never a name) */
  handledBy: string;
  receivedAt: Date | null;
  finishedAt: Date | null;
  paused: boolean;
}

/** Public tracking: status and dates only. The applicant's name, phone, email and ID number are
 * never shown here (Decree 13/2023/NĐ-CP on personal data): whoever holds a receipt sees no more. */
export function TrackingPage(p: { ctx: PageContext; values: { ma?: string; lienHe?: string }; result?: TrackingResult; notFound?: boolean; message?: string }) {
  const { ctx, result } = p;
  const title = ctx.t('Tra cứu hồ sơ', 'Track a dossier');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {ctx.t(
          'Nhập mã hồ sơ (in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả) và số điện thoại hoặc số định danh cá nhân của người nộp hồ sơ.',
          'Enter the dossier code from the receipt and the phone number or ID number of the applicant.',
        )}
      </p>
      <ErrorSummary ctx={ctx} message={p.message} />
      {p.notFound && (
        <div class="vh-error-summary" role="alert" tabIndex={-1}>
          <h2>{ctx.t('Không tìm thấy hồ sơ', 'No dossier found')}</h2>
          <p>
            {ctx.t(
              'Không tìm thấy hồ sơ khớp với mã hồ sơ và thông tin liên hệ đã nhập. Vui lòng kiểm tra lại.',
              'No dossier matches this code and contact. Please check and try again.',
            )}
          </p>
        </div>
      )}
      <Form ctx={ctx} action="/tra-cuu" label={title}>
        <TextField
          ctx={ctx}
          name="ma"
          label={ctx.t('Mã hồ sơ', 'Dossier code')}
          value={p.values.ma}
          hint={ctx.t('Ví dụ: 000.00.12.H12-260213-0001', 'e.g. 000.00.12.H12-260213-0001')}
        />
        <TextField
          ctx={ctx}
          name="lienHe"
          label={ctx.t('Số điện thoại hoặc số định danh cá nhân của người nộp', 'Phone or ID number of the applicant')}
          value={p.values.lienHe}
          inputMode="numeric"
          width="half"
        />
        <Button>{ctx.t('Tra cứu', 'Search')}</Button>
      </Form>
      {result && (
        <section aria-labelledby="kq" class="vh-card">
          <h2 id="kq">
            {ctx.t('Hồ sơ', 'Dossier')} {result.code}
          </h2>
          <dl class="vh-summary">
            <dt>{ctx.t('Trạng thái', 'Status')}</dt>
            <dd>
              <strong>{statusLabel(ctx, result.status)}</strong>
            </dd>
            <dt>{ctx.t('Bước hiện tại', 'Current step')}</dt>
            <dd>
              {result.currentStep}
              {result.paused ? ctx.t(' (đang tạm dừng tính thời hạn)', ' (clock paused)') : ''}
            </dd>
            {result.handledBy && (
              <>
                <dt>{ctx.t('Bộ phận đang xử lý', 'Handled by')}</dt>
                <dd>{result.handledBy}</dd>
              </>
            )}
            <dt>{ctx.t('Thủ tục', 'Procedure')}</dt>
            <dd>{result.procedureName}</dd>
            <dt>{ctx.t('Thời gian nộp', 'Submitted')}</dt>
            <dd>{formatDateTimeVi(result.submittedAt)}</dd>
            {result.receivedAt && (
              <>
                <dt>{ctx.t('Thời gian tiếp nhận', 'Received')}</dt>
                <dd>{formatDateTimeVi(result.receivedAt)}</dd>
              </>
            )}
            {result.finishedAt && (
              <>
                <dt>{ctx.t('Thời gian hoàn thành', 'Finished')}</dt>
                <dd>{formatDateTimeVi(result.finishedAt)}</dd>
              </>
            )}
            <dt>{ctx.t('Ngày hẹn trả kết quả', 'Appointment date')}</dt>
            <dd>{formatDateVi(result.dueDate)}</dd>
            <dt>{ctx.t('Đơn vị tiếp nhận', 'Receiving unit')}</dt>
            <dd>{result.receivingUnit}</dd>
          </dl>
        </section>
      )}
    </Layout>
  );
}
