export { SigningService, signingService, announceSigning, type SigningStatus } from './signing.js';
export { prepareDemoKeys } from './certificates.js';
export { DEMO_MARK, loadP12, loadOrCreateDemo, SigningUnavailableError, type Signer, type SignerIdentity } from './certificates.js';
export { signPdf, verifyPdf, type PadesInput, type PdfSignature } from './pades.js';
export { SignatureReport } from './report.js';
