import type { Services } from '../../core/context.js';
import type { JobDefinition } from '../../core/jobs/jobs.js';

export const COMPUTE_JOB = 'indicators.compute';

export function computeJobs(_s: Services): JobDefinition[] {
  return [];
}
