import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/context.js';

/** Staff pages: the catalogue, the periods (status, "Tính lại") and the API consumers. */
export async function catalogueRoutes(_app: FastifyInstance, _s: Services): Promise<void> {}
