import type { FastifyInstance } from 'fastify';
import type { Services } from '../context.js';

/** Admin pages for accounts: list, create, deactivate, assign roles. */
export async function userAdminRoutes(_app: FastifyInstance, _s: Services) {}
