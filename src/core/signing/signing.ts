import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { timestampRequest, timestampToken, type CmsOptions } from './cms.js';
import { loadOrCreateDemo, loadP12, SigningUnavailableError, type Signer, type SignerIdentity } from './certificates.js';
import { signPdf, verifyPdf, type PadesInput, type PdfSignature } from './pades.js';

export type SigningStatus = { ready: true; identity: SignerIdentity; timestamped: boolean } | { ready: false; reason: string };

/**
 * The platform's one signing service (issue 18, ADR 015). Opened once per process from the
 * configuration: SIGNING_P12_PATH → the agency's certificate; otherwise, outside production, the
 * demo CA in the data directory; in production without a P12 signing stays off. A failure is
 * kept as the status (shown to staff, logged once): nothing is ever issued as if signed.
 */
export class SigningService {
  private state: { signer: Signer } | { error: string } | undefined;
  constructor(private readonly config: Pick<Config, 'signing' | 'dataDir' | 'production'>) {}

  private open() {
    if (this.state) return this.state;
    try {
      const { p12Path, p12Password } = this.config.signing;
      if (p12Path) this.state = { signer: loadP12(p12Path, p12Password) };
      else if (!this.config.production) this.state = { signer: loadOrCreateDemo(this.config.dataDir) };
      else this.state = { error: 'Chưa cấu hình chứng thư số của cơ quan (SIGNING_P12_PATH).' };
    } catch (e) {
      this.state = { error: e instanceof SigningUnavailableError ? e.message : `Không mở được chứng thư số: ${(e as Error).message}` };
    }
    return this.state;
  }

  status(): SigningStatus {
    const s = this.open();
    if ('error' in s) return { ready: false, reason: s.error };
    // A certificate that expires while the server runs stops signing from that moment on.
    if (new Date() > s.signer.identity.notAfter) return { ready: false, reason: `Chứng thư số "${s.signer.identity.name}" đã hết hạn.` };
    return { ready: true, identity: s.signer.identity, timestamped: !!this.config.signing.tsaUrl };
  }

  /** The signer, or SIGN-503 with the reason: callers must not issue the document unsigned. */
  signer(): Signer {
    const st = this.status();
    if (!st.ready) {
      throw new AppError(
        'SIGN-503',
        503,
        `Chưa thể ký số văn bản: ${st.reason} Văn bản chưa được phát hành; vui lòng báo quản trị hệ thống.`,
        `Signing is unavailable: ${st.reason}`,
      );
    }
    return (this.state as { signer: Signer }).signer;
  }

  async sign(pdf: Buffer, input: PadesInput): Promise<Buffer> {
    const signer = this.signer();
    const opts: CmsOptions = {};
    const tsa = this.config.signing.tsaUrl;
    if (tsa) opts.timestamp = (sig) => requestTimestamp(tsa, sig);
    return signPdf(pdf, signer, input, opts);
  }

  /** Signatures in `pdf`, trusted when they chain to this server's anchors. */
  verify(pdf: Buffer): PdfSignature[] {
    const s = this.open();
    return verifyPdf(pdf, 'signer' in s ? s.signer.trustAnchors : []);
  }
}

async function requestTimestamp(url: string, signature: Buffer): Promise<Buffer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: new Uint8Array(timestampRequest(signature)),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new AppError('SIGN-502', 502, `Máy chủ cấp dấu thời gian trả lỗi ${res.status}.`, `The timestamp authority answered ${res.status}.`);
  return timestampToken(Buffer.from(await res.arrayBuffer()));
}

const services = new WeakMap<object, SigningService>();

/** The signing service of this configuration (one per process and platform). */
export function signingService(config: Config): SigningService {
  let s = services.get(config);
  if (!s) {
    s = new SigningService(config);
    services.set(config, s);
  }
  return s;
}

/** Called at start: opens the certificate once and says in the log whether documents will be signed. */
export function announceSigning(config: Config, log: (m: string) => void) {
  const st = signingService(config).status();
  if (st.ready) {
    log(
      `Ký số: ${st.identity.name} (cấp bởi ${st.identity.issuer}, hết hạn ${st.identity.notAfter.toISOString().slice(0, 10)})${st.identity.demo ? ' — chứng thư DEMO, không có giá trị pháp lý' : ''}${st.timestamped ? ', có dấu thời gian' : ''}`,
    );
  } else log(`Ký số TẮT: ${st.reason} Các chức năng khác vẫn chạy; kết quả giải quyết sẽ không được phát hành cho đến khi sửa.`);
}
