/**
 * The public surface of the payments module (ADR 008): what other modules and reports may use.
 * Tables and repository internals stay private.
 */
export { feeStatistics, type FeeStatistics, type FeeStatRow } from './payments.stats.js';
export { feeSummary, applicableFees, totalFee, FEE_STATE_LABELS, type FeeState } from './payments.commands.js';
export { vietQrPayload, parseVietQr, dossierMemo } from './vietqr.js';
