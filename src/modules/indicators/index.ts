/** The indicators module's public surface (ADR 008): what other modules may import. Modules
 * report values through their manifest's `indicators` hook, never by writing these tables. */
export { dimsKey, parseDimsKey } from './indicators.dims.js';
/** Values of a period computed on demand from the modules' `indicators` hooks (what the nightly
 * job does): the reporting modules' tests check their figures through it. */
export { type ComputeResult, computePeriod } from './indicators.compute.js';
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
