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
  /** and, on the staff home's list of functions, only when the module's own policy says so (a
   * permission held in the wrong unit: the tourism console is for the tourism division's
   * officers). Asked after `permission`; an error hides the link. */
  visible?: (services: Services, actor: import('./auth/actor.js').Actor) => Promise<boolean>;
  /** position in the main navigation, lower first (default 100) */
  order?: number;
  /** 'citizen': shown only to a signed-in citizen (e.g. "my dossiers") */
  audience?: 'citizen';
  /** the English page, where one exists (the menu of the English side links it instead) */
  enHref?: string;
  /** listed under "Lĩnh vực" in the footer of every page instead of the header, which must stay
   * one line at 1280 px (the sector services: library, heritage, tourism, titles …) */
  footer?: boolean;
}

/** One public URL for /sitemap.xml: a path of this site and, when known, its last change. */
export interface SitemapEntry {
  path: string;
  lastmod?: Date | string;
}

/** One hit a module adds to the site search (/tim-kiem). */
export interface SiteSearchHit {
  title: string;
  /** the public page of the thing found */
  url: string;
  /** plain text the snippet is cut from */
  text: string;
  /** YYYY-MM-DD or null */
  date: string | null;
}

/** A content type a module adds to the site search: its own search (every word of the query,
 * typed with or without diacritics, public things only); the portal ranks its hits with the rest. */
export interface SiteSearchSource {
  /** the `loai` filter value, e.g. 'thu-vien' */
  key: string;
  vi: string;
  en: string;
  search: (services: Services, q: string, limit: number) => Promise<SiteSearchHit[]>;
}

/** A document another module publishes (a plan, an approved report …), listed by the portal on
 * its documents page /van-ban beside the legal documents it keeps itself; the module keeps the
 * document and its public page (`href`). */
export interface PublicDocument {
  number: string;
  /** the portal's document type where one fits ('Kế hoạch', 'Báo cáo' …) */
  type: string;
  summary: string;
  issuer: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  href: string;
  /** a download (PDF …), when the module offers one */
  fileHref?: string;
}

/** One thing waiting for the signed-in officer (a dossier, a case, an article). */
export interface WorkItem {
  href: string;
  /** the code or title the officer recognises */
  label: string;
  /** what it is (procedure, category) */
  detail?: string;
  /** YYYY-MM-DD; undefined when the item has no deadline */
  dueDate?: string | null;
  /** where it stands, in words ("Chờ tiếp nhận") */
  state?: string;
}

/**
 * One tab of "Việc của tôi" (issue 10, finding 2): a list of what waits for this actor, with its
 * counts computed in SQL by the module, the first items earliest-due first, and a link to the
 * module's full queue. Modules return only the queues the actor may act on.
 */
export interface WorkQueue {
  /** unique, stable (`dossiers.assign`): the `viec` query parameter selects it */
  key: string;
  vi: string;
  en: string;
  count: number;
  overdue: number;
  /** due within two working days, not overdue */
  dueSoon: number;
  items: WorkItem[];
  /** the module's full list of these items */
  href: string;
  /** the default tab is the most urgent non-empty queue: lowest priority first */
  priority: number;
}

/** A reporting period of the sector indicators (issue 11): '2026-Q3', '2026-09', '2026'. */
export interface IndicatorPeriod {
  code: string;
  periodicity: 'month' | 'quarter' | 'year';
  /** first day, YYYY-MM-DD */
  start: string;
  /** last day (inclusive), YYYY-MM-DD */
  end: string;
}

/** One computed value a module reports for an indicator code of the catalogue. */
export interface IndicatorValue {
  indicator: string;
  /** disaggregation (e.g. { area: '74001' } or { facility: 'bao-tang-tinh' }); absent = the total */
  dims?: Record<string, string>;
  value: number;
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
  /** Period-aware figures for the sector indicators (issue 11), computed by the module from its
   * own tables and returned per indicator code and disaggregation; the indicators module
   * materialises them per period and never reads another module's tables. Return only the
   * codes the module knows; unknown codes are ignored with a warning. */
  indicators?: (services: Services, period: IndicatorPeriod) => Promise<IndicatorValue[]>;
  /** URL prefixes whose `Authorization: Bearer` is the module's own credential (a camera's secret,
   * an open-data key), checked by its routes: the core does not look it up as a person's API
   * token, which would cost a query on every such request. */
  ownBearerPaths?: string[];
  publicNav?: NavLink[];
  staffNav?: NavLink[];
  /** A block on the home page (latest news, quick links …); lower `order` comes first. */
  /** Public pages search engines should find (articles, documents …); read by /sitemap.xml. */
  sitemap?: (services: Services) => Promise<SitemapEntry[]>;
  /** Documents this module publishes, for the portal's documents page (read on each request: keep it to a query). */
  publicDocuments?: (services: Services) => Promise<PublicDocument[]>;
  /** A content type for the site search /tim-kiem (read on each search: keep it to a query). */
  siteSearch?: SiteSearchSource;
  /** What waits for this actor in the module, for the staff home "Việc của tôi". */
  workItems?: (services: Services, actor: import('./auth/actor.js').Actor) => Promise<WorkQueue[]>;
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
