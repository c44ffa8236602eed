import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Services } from './context.js';
import type { JobDefinition } from './jobs/jobs.js';

export interface NavLink {
  href: string;
  vi: string;
  en: string;
  /** shown only to actors holding this permission (any scope when it has two parts) */
  permission?: string;
  /** position in the main navigation, lower first (default 100) */
  order?: number;
  /** 'citizen': shown only to a signed-in citizen (e.g. "my dossiers") */
  audience?: 'citizen';
}

/** One public URL for /sitemap.xml: a path of this site and, when known, its last change. */
export interface SitemapEntry {
  path: string;
  lastmod?: Date | string;
}

/**
 * A module's manifest (`src/modules/<m>/module.ts`, default export): what it adds to the
 * platform. The core discovers manifests at start and never imports a module by name.
 */
export interface ModuleManifest {
  name: string;
  title: { vi: string; en: string };
  permissions: { code: string; description: string }[];
  routes?: (app: FastifyInstance, services: Services) => void | Promise<void>;
  jobs?: (services: Services) => JobDefinition[];
  seed?: (services: Services, opts: { demo: boolean }) => Promise<void>;
  stats?: (services: Services) => Promise<Record<string, number>>;
  publicNav?: NavLink[];
  staffNav?: NavLink[];
  /** A block on the home page (latest news, quick links …); lower `order` comes first. */
  /** Public pages search engines should find (articles, documents …); read by /sitemap.xml. */
  sitemap?: (services: Services) => Promise<SitemapEntry[]>;
  homeBlock?: { order: number; render: (services: Services, ctx: import('./web/page.js').PageContext) => Promise<import('preact').ComponentChildren> };
}

export function defineModule(m: ModuleManifest): ModuleManifest {
  return m;
}

const MODULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../modules');

export async function discoverModules(dir = MODULES_DIR): Promise<ModuleManifest[]> {
  if (!fs.existsSync(dir)) return [];
  const out: ModuleManifest[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    // Compiled code has module.js; tests and tsx run the TypeScript source.
    const file = ['module.js', 'module.ts', 'module.tsx'].map((f) => path.join(dir, name, f)).find((f) => fs.existsSync(f));
    if (!file) continue;
    const mod = (await import(pathToFileURL(file).href)) as { default: ModuleManifest };
    out.push(mod.default);
  }
  return out;
}
