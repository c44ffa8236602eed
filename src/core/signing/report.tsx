import type { PageContext } from '../web/page.js';
import { formatDateTimeVi } from '../validation.js';
import type { PdfSignature } from './pades.js';

/** What /xac-thuc says about the digital signatures of an uploaded PDF, in plain words. */
export function SignatureReport(p: { ctx: PageContext; signatures: PdfSignature[] }) {
  const { ctx, signatures } = p;
  if (!signatures.length) {
    return (
      <div class="vh-error-summary" role="alert">
        <h2>{ctx.t('Tệp không có chữ ký số', 'The file carries no digital signature')}</h2>
        <p>{ctx.t('Văn bản kết quả do hệ thống phát hành luôn được ký số; tệp này không phải bản gốc điện tử.', 'Results issued here are always signed; this file is not the electronic original.')}</p>
      </div>
    );
  }
  return (
    <>
      {signatures.map((s, i) => {
        const ok = s.valid && s.coversWholeDocument;
        return (
          <div class={ok ? 'vh-flash' : 'vh-error-summary'} role={ok ? 'status' : 'alert'} key={i}>
            <h2>
              {ok
                ? ctx.t('Chữ ký số hợp lệ — văn bản không bị thay đổi sau khi ký', 'Valid signature — unchanged since signing')
                : !s.valid
                  ? ctx.t('Chữ ký số KHÔNG hợp lệ — văn bản đã bị thay đổi hoặc chữ ký hỏng', 'INVALID signature — the document was altered or the signature is broken')
                  : ctx.t('Chữ ký hợp lệ nhưng văn bản đã được thêm nội dung sau khi ký', 'Valid signature, but content was added after signing')}
            </h2>
            <dl class="vh-summary">
              <dt>{ctx.t('Người ký (chứng thư số)', 'Signer (certificate)')}</dt>
              <dd>{s.signerName || '—'}</dd>
              {s.organisation && (
                <>
                  <dt>{ctx.t('Tổ chức', 'Organisation')}</dt>
                  <dd>{s.organisation}</dd>
                </>
              )}
              <dt>{ctx.t('Tổ chức cấp chứng thư', 'Issued by')}</dt>
              <dd>{s.issuer || '—'}</dd>
              <dt>{s.timestampedAt ? ctx.t('Thời điểm ký (dấu thời gian)', 'Signed at (timestamp)') : ctx.t('Thời điểm ký', 'Signed at')}</dt>
              <dd>{s.signedAt ? formatDateTimeVi(s.signedAt) : '—'}</dd>
              <dt>{ctx.t('Chứng thư còn hiệu lực khi ký', 'Certificate valid when signing')}</dt>
              <dd>{s.certificateValidAtSigning ? ctx.t('Có', 'Yes') : ctx.t('Không', 'No')}</dd>
              <dt>{ctx.t('Chứng thư do hệ thống này tin cậy', 'Certificate trusted by this system')}</dt>
              <dd>{s.trusted ? ctx.t('Có', 'Yes') : ctx.t('Không', 'No')}</dd>
            </dl>
          </div>
        );
      })}
    </>
  );
}
