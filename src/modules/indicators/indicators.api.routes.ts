import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/context.js';

/** The pull API /api/v1/indicators and the DCAT-AP catalogue /api/v1/catalog. */
export async function indicatorsApiRoutes(_app: FastifyInstance, _s: Services): Promise<void> {}
