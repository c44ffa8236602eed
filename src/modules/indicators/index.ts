/** The indicators module's public surface (ADR 008): what other modules may import. Modules
 * report values through their manifest's `indicators` hook, never by writing these tables. */
export { dimsKey, parseDimsKey } from './indicators.dims.js';
export {
  type IndicatorDefinition,
  type PeriodRow,
  type PublishedValue,
  getDefinition,
  getPeriod,
  latestPublished,
  listDefinitions,
  listPeriods,
  periodFor,
  periodFromCode,
  publishedForPeriod,
  publishedSeries,
} from './indicators.repository.js';
