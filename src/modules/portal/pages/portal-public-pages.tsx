import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { DataTable } from '../../../core/web/components/table.js';
import { formatDateVi } from '../../../core/validation.js';
import type { Agency, Unit } from '../../../core/org/org.repository.js';
import { renderMarkdown } from '../../news/index.js';
import type { DirectoryEntry, PortalPage } from '../portal.repository.js';
import { MANDATORY_SECTIONS, type MandatorySection } from '../portal.sections.js';

/** The other language's version of this page, as an hreflang link. It passes through /ngon-ngu/…
 * so the reader's language choice follows: a reader who chose Vietnamese is sent from an /en/
 * page back to its Vietnamese original, so the header's language switch works on both. */
export function LanguageLinks(p: { ctx: PageContext; vi?: string; en?: string }) {
  if (p.ctx.lang === 'en' && p.vi) {
    return (
      <p class="vh-hint">
        <a href={`/ngon-ngu/vi?next=${encodeURIComponent(p.vi)}`} data-vi-url={p.vi} hrefLang="vi" lang="vi" rel="alternate">
          Xem bản tiếng Việt
        </a>
      </p>
    );
  }
  if (p.ctx.lang === 'vi' && p.en) {
    return (
      <p class="vh-hint">
        <a href={`/ngon-ngu/en?next=${encodeURIComponent(p.en)}`} data-en-url={p.en} hrefLang="en" lang="en" rel="alternate">
          English version
        </a>
      </p>
    );
  }
  return null;
}

function Markdown(p: { source: string }) {
  // renderMarkdown is the news module's allow-list sanitiser: no script, no handlers, no style.
  return <div class="vh-prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(p.source) }} />;
}

function Updated(p: { ctx: PageContext; at: Date }) {
  return (
    <p class="vh-hint">
      {p.ctx.t('Cập nhật', 'Updated')}: {formatDateVi(p.at)}
    </p>
  );
}

/** A managed page of a mandatory section; in English only where a translation exists. */
export function SectionPage(p: {
  ctx: PageContext;
  page: PortalPage;
  section?: MandatorySection;
  enUrl?: string;
  viUrl?: string;
  children?: ComponentChildren;
}) {
  const { ctx, page } = p;
  const en = ctx.lang === 'en' && !!page.bodyMarkdownEn;
  const title = en ? (page.titleEn ?? page.title) : page.title;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <LanguageLinks ctx={ctx} en={p.enUrl} vi={p.viUrl} />
      <Markdown source={en ? page.bodyMarkdownEn! : page.bodyMarkdown} />
      {p.children}
      <Updated ctx={ctx} at={page.updatedAt} />
    </Layout>
  );
}

/** The introduction page also lists every mandatory section: one place to reach them all. */
export function SectionsList(p: { ctx: PageContext }) {
  const { ctx } = p;
  return (
    <nav aria-labelledby="portal-sections">
      <h2 id="portal-sections">{ctx.t('Thông tin về cơ quan', 'About the department')}</h2>
      <ul class="vh-list">
        {MANDATORY_SECTIONS.map((s) => (
          <li key={s.key} class="vh-list__item">
            <a href={s.url}>{ctx.t(s.vi, s.en)}</a>
            {s.enUrl && (
              <>
                {' '}
                (
                <a href={`/ngon-ngu/en?next=${encodeURIComponent(s.enUrl)}`} hrefLang="en" lang="en">
                  English
                </a>
                )
              </>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

const KIND_ORDER = ['leadership', 'office', 'inspectorate', 'department', 'public_service'] as const;
const KIND_LABEL: Record<string, [string, string]> = {
  leadership: ['Lãnh đạo Sở', 'Leadership'],
  office: ['Văn phòng', 'Office'],
  inspectorate: ['Thanh tra', 'Inspectorate'],
  department: ['Các phòng chuyên môn, nghiệp vụ', 'Specialised divisions'],
  public_service: ['Đơn vị sự nghiệp trực thuộc', 'Affiliated public service units'],
};

/** Cơ cấu tổ chức: drawn from the core's agencies and units (never hand-drawn), each unit with
 * its head(s) from role assignments and its duties from the unit's managed page. */
export function OrgChartPage(p: { ctx: PageContext; agency?: Agency; units: Unit[]; duties: Map<string, PortalPage>; heads: Map<string, DirectoryEntry[]> }) {
  const { ctx } = p;
  const en = ctx.lang === 'en';
  const title = ctx.t('Cơ cấu tổ chức', 'Organisation structure');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <LanguageLinks ctx={ctx} en="/en/organisation-structure" vi="/co-cau-to-chuc" />
      {p.agency && <p class="vh-lead">{en ? (p.agency.nameEn ?? p.agency.name) : p.agency.name}</p>}
      {KIND_ORDER.map((kind) => {
        const list = p.units.filter((u) => u.kind === kind);
        if (!list.length) return null;
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`}>{ctx.t(...(KIND_LABEL[kind] as [string, string]))}</h2>
            <ul class="vh-list">
              {list.map((u) => {
                const page = p.duties.get(u.code);
                const body = page && (en ? page.bodyMarkdownEn : page.bodyMarkdown);
                const heads = p.heads.get(u.id) ?? [];
                return (
                  <li key={u.id} id={`don-vi-${u.code.toLowerCase()}`} class="vh-card" style="margin-bottom:1rem">
                    <h3>{en ? (u.nameEn ?? u.name) : u.name}</h3>
                    {heads.length > 0 && (
                      <p>
                        {heads.map((h, i) => (
                          <span key={h.userId}>
                            {i > 0 && '; '}
                            {en ? h.positionEn : h.position}: {h.name}
                          </span>
                        ))}
                      </p>
                    )}
                    {body ? (
                      <Markdown source={body} />
                    ) : (
                      <p class="vh-hint">{ctx.t('Chức năng, nhiệm vụ của đơn vị đang được cập nhật.', 'The duties of this unit are being updated.')}</p>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {!p.units.length && <p>{ctx.t('Chưa có đơn vị nào.', 'No units yet.')}</p>}
    </Layout>
  );
}

export function LeadersPage(p: { ctx: PageContext; leaders: (DirectoryEntry & { bioSlug: string; duties?: string })[] }) {
  const { ctx } = p;
  const title = ctx.t('Lãnh đạo Sở', 'Leadership');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {!p.leaders.length && <p>{ctx.t('Thông tin lãnh đạo đang được cập nhật.', 'Being updated.')}</p>}
      {p.leaders.map((l) => (
        <article key={l.userId} class="vh-card" style="margin-bottom:1rem">
          <h2>
            <a href={`/lanh-dao/${l.bioSlug}`}>{l.name}</a>
          </h2>
          <p>
            {l.position}
            {l.unit && ` – ${l.unit}`}
          </p>
          {l.duties && <p>{l.duties}</p>}
          <ContactLines ctx={ctx} e={l} />
        </article>
      ))}
    </Layout>
  );
}

function ContactLines(p: { ctx: PageContext; e: DirectoryEntry }) {
  const { ctx, e } = p;
  return (
    <p>
      {ctx.t('Điện thoại', 'Phone')}: {e.phone ?? ctx.site.phone} · {ctx.t('Thư điện tử', 'Email')}: <a href={`mailto:${e.email}`}>{e.email}</a>
    </p>
  );
}

export function LeaderBioPage(p: { ctx: PageContext; leader: DirectoryEntry; bio?: PortalPage }) {
  const { ctx, leader } = p;
  return (
    <Layout ctx={ctx} title={leader.name}>
      <p class="vh-hint">
        <a href="/lanh-dao">{ctx.t('Lãnh đạo Sở', 'Leadership')}</a>
      </p>
      <h1>{leader.name}</h1>
      <p class="vh-lead">
        {ctx.lang === 'en' ? leader.positionEn : leader.position}
        {leader.unit && ` – ${ctx.lang === 'en' ? leader.unitEn : leader.unit}`}
      </p>
      <ContactLines ctx={ctx} e={leader} />
      {p.bio?.bodyMarkdown ? (
        <Markdown source={ctx.lang === 'en' && p.bio.bodyMarkdownEn ? p.bio.bodyMarkdownEn : p.bio.bodyMarkdown} />
      ) : (
        <p>{ctx.t('Tiểu sử đang được cập nhật.', 'The biography is being updated.')}</p>
      )}
    </Layout>
  );
}

/** Danh bạ: name, position, unit, phone, official email (public by law, domain.md §2). */
export function DirectoryPage(p: { ctx: PageContext; entries: DirectoryEntry[]; contactPage?: PortalPage }) {
  const { ctx } = p;
  const en = ctx.lang === 'en';
  const title = ctx.t('Danh bạ cán bộ, công chức', 'Officials’ contacts');
  return (
    <Layout ctx={ctx} title={title} wide>
      <h1>{title}</h1>
      <LanguageLinks ctx={ctx} en="/en/contacts" vi="/danh-ba" />
      <p>
        {en ? ctx.site.agencyNameEn : ctx.site.agencyName}
        <br />
        {ctx.t('Địa chỉ', 'Address')}: {ctx.site.address}
        <br />
        {ctx.t('Điện thoại', 'Phone')}: {ctx.site.phone} · {ctx.t('Thư điện tử', 'Email')}: <a href={`mailto:${ctx.site.email}`}>{ctx.site.email}</a>
      </p>
      <DataTable
        ctx={ctx}
        caption={title}
        rows={p.entries}
        rowKey={(e) => `${e.userId}-${e.unitId ?? ''}-${e.positionCode ?? ''}`}
        empty={ctx.t('Danh bạ đang được cập nhật.', 'Being updated.')}
        columns={[
          { header: ctx.t('Họ và tên', 'Name'), cell: (e) => e.name },
          { header: ctx.t('Chức vụ', 'Position'), cell: (e) => (en ? e.positionEn : e.position) },
          { header: ctx.t('Đơn vị', 'Unit'), cell: (e) => (en ? e.unitEn : e.unit) },
          { header: ctx.t('Điện thoại', 'Phone'), cell: (e) => e.phone ?? `${ctx.site.phone} (${ctx.t('tổng đài', 'switchboard')})` },
          { header: ctx.t('Thư điện tử công vụ', 'Official email'), cell: (e) => <a href={`mailto:${e.email}`}>{e.email}</a> },
        ]}
      />
      {p.contactPage && (en ? p.contactPage.bodyMarkdownEn : p.contactPage.bodyMarkdown) && (
        <Markdown source={(en ? p.contactPage.bodyMarkdownEn : p.contactPage.bodyMarkdown) ?? ''} />
      )}
    </Layout>
  );
}
