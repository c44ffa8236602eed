import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { can } from '../../auth/actor.js';

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
        {ctx.publicNav.filter((l) => !l.audience).map((l) => (
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

export function WorkspacePage(p: { ctx: PageContext }) {
  const { ctx } = p;
  const t = ctx.t;
  const links = ctx.staffNav.filter((l) => !l.permission || can(ctx.actor, l.permission) || ctx.actor.grants.some((g) => g.permission.startsWith(`${l.permission}:`)));
  return (
    <Layout ctx={ctx} title={t('Bàn làm việc', 'Workspace')}>
      <h1>{t('Bàn làm việc', 'Workspace')}</h1>
      <p class="vh-lead">
        {t('Xin chào', 'Hello')}, {ctx.actor.label}.
      </p>
      {links.length === 0 ? (
        <p>{t('Tài khoản của bạn chưa được giao chức năng nào. Liên hệ quản trị hệ thống.', 'No functions are assigned to your account yet.')}</p>
      ) : (
        <ul class="vh-cards" aria-label={t('Chức năng được phép', 'Allowed functions')}>
          {links.map((l) => (
            <li class="vh-card" key={l.href}>
              <h2>
                <a href={l.href}>{t(l.vi, l.en)}</a>
              </h2>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
