import type { Db } from '../../core/db/index.js';
import type { ClusterBus } from '../../core/cluster/bus.js';
import type { FastifyInstance } from 'fastify';
import { extendLayout } from '../../core/web/layout.js';
import { safeRedirectTarget } from '../../core/web/safe-path.js';
import type { PageContext } from '../../core/web/page.js';
import { formatDateTimeVi } from '../../core/validation.js';
import { listBannerNotices, type Notice } from './notices.repository.js';

/** Without the cluster bus, other nodes see a new banner within this time. With it, every node
 * reloads when a notice command announces `pages.changed`; while the bus is deaf, within 1 s. */
const MAX_AGE_MS = 30_000;
const DEAF_MAX_AGE_MS = 1_000;
const PAGES_CHANGED = 'pages.changed';

/**
 * The banners in memory: the layout renders synchronously and every page shows them, so one
 * query per 30 s instead of one per page. A stale snapshot is served while a fresh one loads.
 */
export class BannerSnapshot {
  private rows: Notice[] = [];
  private at = 0;
  private loading: Promise<void> | undefined;
  private reload: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly bus?: Pick<ClusterBus, 'connected' | 'on' | 'onConnect'>,
  ) {
    bus?.on(PAGES_CHANGED, () => void this.refresh(true));
    bus?.onConnect(() => void this.refresh(true));
  }

  /** `again`: a change committed while a load was running must not be lost behind it, and
   * whoever awaits a refresh after that waits for the load that sees the change. */
  refresh(again = false): Promise<void> {
    if (this.reload) return this.reload;
    if (again && this.loading) {
      this.reload = this.loading.then(() => {
        this.reload = undefined;
        return this.refresh();
      });
      return this.reload;
    }
    this.loading ??= listBannerNotices(this.db, new Date())
      .then((rows) => {
        this.rows = rows;
        this.at = Date.now();
      })
      .catch(() => {})
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  current(now = new Date()): Notice[] {
    if (Date.now() - this.at > (this.bus && !this.bus.connected ? DEAF_MAX_AGE_MS : MAX_AGE_MS)) void this.refresh();
    return this.rows.filter((n) => !n.endsAt || n.endsAt > now);
  }
}

const phase = (n: Notice, now: Date) => (n.kind === 'emergency' ? 'emergency' : n.startsAt && n.startsAt > now ? 'upcoming' : 'active');

/** The session cookie listing the banners a visitor hid ("id:version", so an edited notice shows again). */
export const HIDDEN_BANNERS_COOKIE = 'vh_an_tb';
const MAX_HIDDEN = 20;

const bannerKey = (n: Notice) => `${n.id}:${n.version}`;
const hiddenBanners = (ctx: PageContext) => new Set((ctx.cookies[HIDDEN_BANNERS_COOKIE] ?? '').split(',').filter(Boolean));

/**
 * "Ẩn thông báo": a plain form POST (works without JavaScript) that adds the banner to a session
 * cookie and returns to the page. The cookie makes the page cache pass the visitor by
 * (core/web/page-cache.ts: any cookie but the language is personal), so a banner hidden by one
 * visitor is never hidden from another through a cached page.
 */
export function bannerDismissRoute(app: FastifyInstance) {
  app.post('/thong-bao/an', { schema: { hide: true } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = typeof body.id === 'string' && /^[0-9a-f-]{36}:\d{1,9}$/.test(body.id) ? body.id : undefined;
    const hidden = [...new Set((req.cookies[HIDDEN_BANNERS_COOKIE] ?? '').split(',').filter((x) => /^[0-9a-f-]{36}:\d{1,9}$/.test(x)))];
    if (id && !hidden.includes(id)) hidden.push(id);
    // No maxAge: a session cookie, so the banner is back in the next browser session.
    reply.setCookie(HIDDEN_BANNERS_COOKIE, hidden.slice(-MAX_HIDDEN).join(','), { path: '/', httpOnly: true, sameSite: 'lax' });
    return reply.redirect(safeRedirectTarget(body.next));
  });
}

export function Banners(p: { ctx: PageContext; notices: Notice[]; now?: Date }) {
  const { ctx } = p;
  const t = ctx.t;
  const now = p.now ?? new Date();
  const hidden = hiddenBanners(ctx);
  const shown = p.notices.filter((n) => !hidden.has(bannerKey(n)));
  if (!shown.length) return null;
  const en = ctx.lang === 'en';
  return (
    <aside class="vh-banners" aria-label={t('Thông báo về dịch vụ', 'Service notices')}>
      {shown.map((n) => {
        const ph = phase(n, now);
        return (
          <div key={n.id} class={`vh-banner vh-banner--${ph === 'emergency' ? 'emergency' : 'downtime'}`}>
            <div class="vh-container vh-banner__inner">
              <p>
                <strong>
                  {ph === 'emergency' ? t('Thông báo khẩn:', 'Urgent:') : ph === 'upcoming' ? t('Lịch bảo trì hệ thống:', 'Planned maintenance:') : t('Đang bảo trì hệ thống:', 'Maintenance in progress:')}
                </strong>{' '}
                {/* Notices are written in Vietnamese only: marked so, and said so on the English side. */}
                {en ? <span lang="vi">{n.title}</span> : n.title}
                {en && ' (in Vietnamese)'}
                {n.kind === 'downtime' && n.startsAt && n.endsAt && (
                  <>
                    {' '}
                    ({t('từ', 'from')} {formatDateTimeVi(n.startsAt)} {t('đến', 'to')} {formatDateTimeVi(n.endsAt)})
                  </>
                )}{' '}
                <a href={`/thong-bao#tb-${n.id}`}>{t('Xem chi tiết', 'Details')}</a>
              </p>
              <form method="post" action="/thong-bao/an" class="vh-banner__hide">
                <input type="hidden" name="id" value={bannerKey(n)} />
                <input type="hidden" name="next" value={ctx.path} />
                <button type="submit" class="vh-link-button">
                  {t('Ẩn thông báo', 'Hide')}
                  <span class="vh-visually-hidden" lang={en ? 'vi' : undefined}>
                    {' '}
                    {n.title}
                  </span>
                </button>
              </form>
            </div>
          </div>
        );
      })}
    </aside>
  );
}

/** Pages where the rating prompt has nothing to rate: the staff console, sign-in, the rating form itself. */
const NO_RATING = ['/quan-tri', '/danh-gia-trang', '/dang-nhap', '/dang-ky', '/tai-khoan', '/ngon-ngu/'];

/**
 * "Bạn có hài lòng với trang này?" at the foot of every public page. The two buttons only
 * open the rating form (GET): a POST form here would need a per-visitor CSRF token inside
 * pages that shared caches keep for every reader; the form page carries the token instead.
 */
export function RatingPrompt(p: { ctx: PageContext }) {
  const { ctx } = p;
  const t = ctx.t;
  if (NO_RATING.some((x) => ctx.path.startsWith(x))) return null;
  return (
    <section class="vh-rating" aria-labelledby="danh-gia-trang">
      <form method="get" action="/danh-gia-trang">
        <input type="hidden" name="trang" value={ctx.path} />
        <h2 id="danh-gia-trang" class="vh-rating__q">
          {t('Bạn có hài lòng với trang này?', 'Are you satisfied with this page?')}
        </h2>{' '}
        <button type="submit" name="tra-loi" value="co" class="vh-button vh-button--secondary vh-button--small">
          {t('Có', 'Yes')}
        </button>{' '}
        <button type="submit" name="tra-loi" value="khong" class="vh-button vh-button--secondary vh-button--small">
          {t('Không', 'No')}
        </button>
      </form>
    </section>
  );
}

export function installNoticeLayout(snapshot: BannerSnapshot) {
  extendLayout('notices', {
    top: (ctx) => <Banners ctx={ctx} notices={snapshot.current()} />,
    bottom: (ctx) => <RatingPrompt ctx={ctx} />,
    stamp: () => {
      const now = new Date();
      return snapshot
        .current(now)
        .map((n) => `${n.id}:${n.version}:${phase(n, now)}`)
        .join(',');
    },
  });
}
