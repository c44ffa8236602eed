/** The feedback module's public surface (ADR 008): what other modules may import. */
export { type StatisticsReport as FeedbackStatisticsReport, feedbackStatistics } from './feedback.stats.js';
