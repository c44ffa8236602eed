/** The devices module's public surface (ADR 008): what other modules may import. Counts only;
 * cameras, keys and raw intervals stay inside the module. */
export { type VisitorsNow, visitorsNow } from './devices.stats.js';
