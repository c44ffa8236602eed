import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import type { NavLink, WorkQueue } from '../../module.js';
import { holdsLinkPermission } from '../work.js';
import { Tabs } from '../../web/components/tabs.js';
import { formatDateVi } from '../../validation.js';

export function HomePage(p: { ctx: PageContext; blocks?: { name: string; node: ComponentChildren }[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Trang chủ', 'Home')}>
      <h1>{ctx.lang === 'vi' ? ctx.site.agencyName : ctx.site.agencyNameEn}</h1>
      <p class="vh-lead">
        {t(
          'Cổng dịch vụ và thông tin của Sở: thủ tục hành chính trực tuyến, phản ánh kiến nghị, tin tức và dữ liệu ngành văn hóa, thể thao, du lịch.',
          "The Department's services and information: online administrative procedures, feedback, news and sector data for culture, sports and tourism.",
        )}
      </p>
      {p.blocks?.map((b) => (
        <div key={b.name} class="vh-home-block">
          {b.node}
        </div>
      ))}
      <h2>{t('Liên kết nhanh', 'Quick links')}</h2>
      <ul class="vh-cards">
        {ctx.publicNav
          .filter((l) => !l.audience)
          .map((l) => (
            <li class="vh-card" key={l.href}>
              <h3>
                <a href={l.href}>{t(l.vi, l.en)}</a>
              </h3>
            </li>
          ))}
        <li class="vh-card">
          <h3>
            <a href="/api/docs">{t('Dữ liệu mở và API', 'Open data and API')}</a>
          </h3>
          <p>{t('Tài liệu OpenAPI cho các hệ thống kết nối.', 'OpenAPI documentation for connected systems.')}</p>
        </li>
      </ul>
    </Layout>
  );
}

/** The staff home, "Việc của tôi" (issue 10, finding 2): what waits for this officer across the
 * modules, one tab per queue with its count, the first items earliest-due first, then the
 * functions the account may open. */
export function WorkspacePage(p: { ctx: PageContext; queues?: WorkQueue[]; current?: WorkQueue; today?: string; links?: NavLink[] }) {
  const { ctx } = p;
  const t = ctx.t;
  // The route passes the links its modules' policies allow (staffLinksFor); by permission alone otherwise.
  const links = p.links ?? ctx.staffNav.filter((l) => holdsLinkPermission(ctx.actor, l));
  const queues = p.queues ?? [];
  const cur = p.current;
  const today = p.today ?? '';
  return (
    <Layout ctx={ctx} title={cur ? `${t('Việc của tôi', 'My work')}: ${t(cur.vi, cur.en)}` : t('Việc của tôi', 'My work')} wide>
      <h1>{t('Việc của tôi', 'My work')}</h1>
      <p class="vh-lead">
        {t('Xin chào', 'Hello')}, {ctx.actor.label}.{' '}
        {queues.length > 0 &&
          t(`Có ${queues.reduce((n, q) => n + q.count, 0)} việc đang chờ bạn.`, `${queues.reduce((n, q) => n + q.count, 0)} items are waiting for you.`)}
      </p>
      {queues.length > 0 && cur ? (
        <>
          <Tabs
            ctx={ctx}
            label={t('Hàng việc của tôi', 'My queues')}
            tabs={queues.map((q) => ({ href: `/quan-tri?viec=${encodeURIComponent(q.key)}`, vi: q.vi, en: q.en, count: q.count, current: q === cur }))}
          />
          <section aria-labelledby="viec-hien-tai">
            <h2 id="viec-hien-tai">{t(cur.vi, cur.en)}</h2>
            <ul class="vh-counts" aria-label={t('Số lượng theo tình trạng hạn', 'Counts by deadline')}>
              <li>
                {t('Tổng số', 'Total')}: <strong>{cur.count}</strong>
              </li>
              <li>
                {t('Quá hạn', 'Overdue')}: <strong>{cur.overdue}</strong>
              </li>
              <li>
                {t('Sắp đến hạn (trong 2 ngày làm việc)', 'Due within 2 working days')}: <strong>{cur.dueSoon}</strong>
              </li>
            </ul>
            {cur.items.length === 0 ? (
              <p>{t('Không có việc nào trong mục này.', 'Nothing here.')}</p>
            ) : (
              <div class="vh-table-wrap">
                <table class="vh-table">
                  <caption class="vh-visually-hidden">{t(`${cur.vi}, hạn sớm nhất trước`, `${cur.en}, earliest due first`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('Mã số', 'Code')}</th>
                      <th scope="col">{t('Nội dung', 'What')}</th>
                      <th scope="col">{t('Tình trạng', 'State')}</th>
                      <th scope="col">{t('Hạn xử lý', 'Due')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cur.items.map((i) => (
                      <tr key={i.href}>
                        <td>
                          <a href={i.href}>{i.label}</a>
                        </td>
                        <td>{i.detail}</td>
                        <td>{i.state}</td>
                        <td>
                          {i.dueDate ? formatDateVi(i.dueDate) : '—'}
                          {i.dueDate && today && i.dueDate < today ? <strong class="vh-tag vh-tag--off"> {t('Quá hạn', 'Overdue')}</strong> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p>
              <a href={cur.href}>{t(`Mở hàng đợi đầy đủ: ${cur.vi.toLowerCase()}`, `Open the full queue: ${cur.en.toLowerCase()}`)}</a>
            </p>
          </section>
        </>
      ) : (
        <p>{t('Hiện không có việc nào đang chờ bạn.', 'Nothing is waiting for you.')}</p>
      )}
      <h2>{t('Chức năng', 'Functions')}</h2>
      {links.length === 0 ? (
        <p>{t('Tài khoản của bạn chưa được giao chức năng nào. Liên hệ quản trị hệ thống.', 'No functions are assigned to your account yet.')}</p>
      ) : (
        <ul class="vh-cards" aria-label={t('Chức năng được phép', 'Allowed functions')}>
          {links.map((l) => (
            <li class="vh-card" key={l.href}>
              <a href={l.href}>{t(l.vi, l.en)}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
