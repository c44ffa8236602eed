import type { Actor } from '../auth/actor.js';
import type { Services } from '../context.js';
import type { ModuleManifest, WorkQueue } from '../module.js';

/** Every module's queues for this actor, most urgent first (the manifest hook keeps the core
 * ignorant of dossiers, feedback or articles). A module that fails is left out rather than
 * taking the officer's whole home page down with it. */
export async function collectWork(s: Services, modules: ModuleManifest[], actor: Actor): Promise<WorkQueue[]> {
  const lists = await Promise.all(
    modules.map(async (m) => {
      if (!m.workItems) return [];
      try {
        return await m.workItems(s, actor);
      } catch (err) {
        // The message only: an error from a query could carry its parameters (personal data).
        (s.log.error as (m: string) => void)(`workItems of ${m.name} failed: ${(err as Error).message}`);
        return [];
      }
    }),
  );
  return lists.flat().sort((a, b) => a.priority - b.priority);
}

/** The tab shown first: the one named in the address, else the most urgent with something in it. */
export function currentQueue(queues: WorkQueue[], requested: unknown): WorkQueue | undefined {
  return queues.find((q) => q.key === requested) ?? queues.find((q) => q.count > 0) ?? queues[0];
}
