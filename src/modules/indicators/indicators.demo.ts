import type { Services } from '../../core/context.js';

export async function seedIndicators(_s: Services, _opts: { demo: boolean }): Promise<void> {}
