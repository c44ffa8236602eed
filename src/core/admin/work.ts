import { type Actor, can } from '../auth/actor.js';
import type { Services } from '../context.js';
import type { ModuleManifest, NavLink, WorkQueue } from '../module.js';

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

/** A staff link's permission, held in any scope (a unit-scoped grant counts). */
export function holdsLinkPermission(actor: Actor, link: NavLink): boolean {
  return !link.permission || can(actor, link.permission) || actor.grants.some((g) => g.permission.startsWith(`${link.permission}:`));
}

/** The functions listed on the staff home: the links whose permission the actor holds and, where
 * a module says more (`visible`: its policy, e.g. a grant in the unit that keeps the records),
 * that the module allows. A check that fails hides its link rather than the page. */
export async function staffLinksFor(s: Services, links: NavLink[], actor: Actor): Promise<NavLink[]> {
  const held = links.filter((l) => holdsLinkPermission(actor, l));
  const shown = await Promise.all(
    held.map(async (l) => {
      if (!l.visible) return true;
      try {
        return await l.visible(s, actor);
      } catch (err) {
        (s.log.error as (m: string) => void)(`visible of staff link ${l.href} failed: ${(err as Error).message}`);
        return false;
      }
    }),
  );
  return held.filter((_, i) => shown[i]);
}
