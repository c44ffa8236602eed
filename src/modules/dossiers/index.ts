/** The dossiers module's public surface (ADR 008): what other modules may import. */
export { type Period as DossierPeriod, type StatRow as DossierStatRow, type Statistics as DossierStatistics, parsePeriod as parseDossierPeriod, periodBounds as dossierPeriodBounds, statistics as dossierStatistics } from './dossiers.reports.js';
