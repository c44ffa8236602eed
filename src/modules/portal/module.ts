import { defineModule } from '../../core/module.js';
import { SYSTEM } from '../../core/auth/actor.js';
import type { CommandContext, Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { writeAudit } from '../../core/audit/audit.js';
import { listUnits } from '../../core/org/org.repository.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { createLegalDocument } from './portal.commands.js';
import { PLACEHOLDER_BODY, type DemoPage, loadDemoPortal } from './portal.demo.js';
import { LEGAL_DOCUMENT_MANAGE, PORTAL_PAGE_MANAGE } from './portal.policy.js';
import * as repo from './portal.repository.js';
import { bioSlugOf, portalRoutes } from './portal.routes.js';
import { vnIsoDate } from '../../core/validation.js';
import { portalSitemap } from './portal.discovery.js';
import { demoDocumentPdfOnce } from './portal.pdf.js';
import { MANAGED_PAGE_SECTIONS, slugOfUrl } from './portal.sections.js';

/** Pages are created once and then belong to the editors: a seed never overwrites an edit,
 * only a page still holding the placeholder text. */
async function ensurePages(ctx: CommandContext, pages: DemoPage[]) {
  await transaction(ctx.services.pool, async (tx) => {
    const created: string[] = [];
    for (const p of pages) {
      const values = { slug: p.slug, section: p.section, title: p.title, titleEn: p.titleEn ?? null, bodyMarkdown: p.body, bodyMarkdownEn: p.bodyEn ?? null };
      const existing = await repo.findPage(tx, p.slug);
      if (!existing) {
        if (await repo.insertPageIfMissing(tx, values)) created.push(p.slug);
      } else if (existing.bodyMarkdown === PLACEHOLDER_BODY && p.body !== PLACEHOLDER_BODY) {
        await repo.updatePageVersioned(tx, existing.id, existing.version, values);
        created.push(p.slug);
      }
    }
    if (created.length) await writeAudit(tx, ctx, { action: 'portal_page.seed', entity: 'portal_page', entityId: null, summary: { slugs: created } });
  });
}

async function seedDemo(ctx: CommandContext, s: Services) {
  const demo = loadDemoPortal(s.config.demoDir);
  await ensurePages(ctx, demo.sectionPages);
  const units = await listUnits(s.db);
  await ensurePages(
    ctx,
    units
      .filter((u) => demo.unitDuties[u.code])
      .map((u) => ({
        slug: `don-vi-${u.code.toLowerCase()}`,
        section: 'unit',
        title: u.name,
        titleEn: u.nameEn ?? undefined,
        body: demo.unitDuties[u.code]![0],
        bodyEn: demo.unitDuties[u.code]![1],
      })),
  );
  // The page is titled with the leader's name and position, as editors and readers know it (not the slug).
  const leaders = new Map((await repo.staffDirectory(s.db, vnIsoDate())).map((e) => [bioSlugOf(e.email), e]));
  await ensurePages(
    ctx,
    Object.entries(demo.biographies).map(([slug, b]) => ({
      slug: `lanh-dao-${slug}`,
      section: 'leader',
      title: leaders.get(slug) ? `Tiểu sử: ${leaders.get(slug)!.name}, ${leaders.get(slug)!.position}` : 'Tiểu sử lãnh đạo Sở',
      titleEn: leaders.get(slug) ? `Biography of ${leaders.get(slug)!.name}, ${leaders.get(slug)!.positionEn}` : 'Biography of a Department leader',
      body: b.body,
      bodyEn: b.bodyEn,
    })),
  );
  if ((await repo.countDocuments(s.db)) > 0) return;
  const ids = new Map<string, string>();
  // Successors first, so each replaced document can point to one that exists.
  const ordered = [...demo.documents.filter((d) => !d.replacedBy), ...demo.documents.filter((d) => d.replacedBy)];
  for (const d of ordered) {
    const doc = await createLegalDocument(ctx, {
      numberSymbol: d.numberSymbol,
      type: d.type,
      issuingBody: d.issuingBody,
      signer: d.signer,
      issuedDate: d.issued,
      effectiveDate: d.effective,
      expiryDate: d.expiry ?? '',
      replacedById: d.replacedBy ? ids.get(d.replacedBy) : '',
      summary: d.summary,
    }, { data: await demoDocumentPdfOnce(d), originalName: `${d.numberSymbol.replace(/\//g, '-')}.pdf` });
    ids.set(d.key, doc.id);
  }
}

/** Cổng thông tin: the mandatory sections of domain.md §2, legal documents, English pages and site search. */
export default defineModule({
  name: 'portal',
  title: { vi: 'Cổng thông tin', en: 'Portal' },
  permissions: [
    { code: LEGAL_DOCUMENT_MANAGE, description: 'Thêm, sửa, xóa văn bản đăng trên cổng thông tin' },
    { code: PORTAL_PAGE_MANAGE, description: 'Cập nhật các trang thông tin bắt buộc (giới thiệu, chức năng, tiểu sử …)' },
  ],
  routes: portalRoutes,
  publicNav: [
    { href: '/gioi-thieu', vi: 'Giới thiệu', en: 'About', order: 10, enHref: '/en/about' },
    { href: '/van-ban', vi: 'Văn bản', en: 'Documents', order: 60 },
    { href: '/tim-kiem', vi: 'Tìm kiếm', en: 'Search', order: 95 },
  ],
  staffNav: [
    { href: '/quan-tri/van-ban', vi: 'Văn bản', en: 'Documents', permission: LEGAL_DOCUMENT_MANAGE },
    { href: '/quan-tri/trang', vi: 'Trang thông tin', en: 'Portal pages', permission: PORTAL_PAGE_MANAGE },
  ],
  stats: async (s) => ({ legalDocuments: await repo.countDocuments(s.db) }),
  sitemap: portalSitemap,
  async seed(s, { demo }) {
    const ctx: CommandContext = { services: s, actor: { ...SYSTEM, label: demo ? 'Dữ liệu minh họa' : SYSTEM.label } };
    await grantPermissionsToRole(ctx, 'bien_tap', [LEGAL_DOCUMENT_MANAGE, PORTAL_PAGE_MANAGE]);
    await grantPermissionsToRole(ctx, 'quan_tri', [LEGAL_DOCUMENT_MANAGE, PORTAL_PAGE_MANAGE]);
    // Every mandatory section has a page from the first start (the checklist test relies on it).
    await ensurePages(
      ctx,
      MANAGED_PAGE_SECTIONS.map((sec) => ({
        slug: slugOfUrl(sec.url),
        section: sec.key,
        title: sec.vi,
        titleEn: sec.enUrl ? sec.en : undefined,
        body: PLACEHOLDER_BODY,
      })),
    );
    if (demo) await seedDemo(ctx, s);
  },
});
