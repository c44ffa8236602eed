import type { Db } from '../../core/db/index.js';
import type { ClusterBus } from '../../core/cluster/bus.js';
import { extendLayout } from '../../core/web/layout.js';
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

  constructor(
    private readonly db: Db,
    private readonly bus?: Pick<ClusterBus, 'connected' | 'on' | 'onConnect'>,
  ) {
    bus?.on(PAGES_CHANGED, () => void this.refresh(true));
    bus?.onConnect(() => void this.refresh(true));
  }

  /** `again`: a change committed while a load was running must not be lost behind it. */
  refresh(again = false): Promise<void> {
    if (again && this.loading) {
      const next = this.loading.then(() => this.refresh());
      return next;
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

export function Banners(p: { ctx: PageContext; notices: Notice[]; now?: Date }) {
  const { ctx } = p;
  const t = ctx.t;
  const now = p.now ?? new Date();
  if (!p.notices.length) return null;
  return (
    <aside class="vh-banners" aria-label={t('Thông báo về dịch vụ', 'Service notices')}>
      {p.notices.map((n) => {
        const ph = phase(n, now);
        return (
          <div key={n.id} class={`vh-banner vh-banner--${ph === 'emergency' ? 'emergency' : 'downtime'}`}>
            <p class="vh-container">
              <strong>
                {ph === 'emergency' ? t('Thông báo khẩn:', 'Urgent:') : ph === 'upcoming' ? t('Lịch bảo trì hệ thống:', 'Planned maintenance:') : t('Đang bảo trì hệ thống:', 'Maintenance in progress:')}
              </strong>{' '}
              {n.title}
              {n.kind === 'downtime' && n.startsAt && n.endsAt && (
                <>
                  {' '}
                  ({t('từ', 'from')} {formatDateTimeVi(n.startsAt)} {t('đến', 'to')} {formatDateTimeVi(n.endsAt)})
                </>
              )}{' '}
              <a href={`/thong-bao#tb-${n.id}`}>{t('Xem chi tiết', 'Details')}</a>
            </p>
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
