import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import type { NavLink } from '../module.js';

export type Lang = 'vi' | 'en';

export interface SiteInfo {
  agencyName: string;
  agencyNameEn: string;
  address: string;
  phone: string;
  email: string;
}

/** What every server-rendered page gets: language, the actor and their rights (so views show
 * only allowed actions), a CSRF token for its forms, and the site's identity. */
export interface PageContext {
  lang: Lang;
  t: (vi: string, en: string) => string;
  actor: Actor;
  rights: Set<string>;
  csrf: string;
  demo: boolean;
  site: SiteInfo;
  path: string;
  flash?: string;
  css: string;
  publicNav: NavLink[];
  staffNav: NavLink[];
  /** the request's cookies, for what a visitor chose for this session (dismissed banners) */
  cookies: Readonly<Record<string, string | undefined>>;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionInfo: import('../identity/identity.commands.js').SessionInfo | null;
    lang: Lang;
  }
  interface FastifyReply {
    html(node: import('preact').VNode, status?: number): FastifyReply;
    page(req: FastifyRequest): PageContext;
    flash(message: string): FastifyReply;
  }
}

export type { FastifyReply, FastifyRequest };
