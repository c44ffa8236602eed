import type { FastifyInstance } from 'fastify';
import type { Services } from '../context.js';

/** Admin pages for agencies, units, positions, roles and permissions. */
export async function orgAdminRoutes(_app: FastifyInstance, _s: Services) {}
