/**
 * Public surface of the titles module (ADR 008): what other modules may use. Statistics of the
 * recognised households by commune and year, and a household's consecutive years.
 */
export { consecutiveYears, statistics, type StatRow } from './titles.repository.js';
export { TITLE_KINDS, type TitleKind } from './titles.schema.js';
