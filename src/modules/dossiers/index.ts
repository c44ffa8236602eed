/** The dossiers module's public surface (ADR 008): what other modules may import. */
export { type Period as DossierPeriod, type StatRow as DossierStatRow, type Statistics as DossierStatistics, parsePeriod as parseDossierPeriod, periodBounds as dossierPeriodBounds, statistics as dossierStatistics } from './dossiers.reports.js';
/** What the payments module reads of a dossier and the fee events it writes on its timeline (issue 18). */
export { type FeeEvent, type FeeEventKind, dossierForFees, dossiersByCodes, dossiersByIds, recordFeeEvent, recordFeeEvents } from './dossiers.fees.js';
