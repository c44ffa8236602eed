import { SYSTEM } from '../../core/auth/actor.js';
import { defineModule } from '../../core/module.js';
import { grantPermissionsToRole } from '../../core/org/org.commands.js';
import { seedLibraryItems } from './library.items.demo.js';
import { libraryItemsRoutes } from './library.items.routes.js';
import { IMPORT_JOB, runImport } from './library.commands.js';
import { seedLibrary } from './library.demo.js';
import { LIBRARY_MANAGE_ALL } from './library.policy.js';
import { searchRecords } from './library.search.js';
import { libraryRoutes } from './library.routes.js';

/** Thư viện số và cơ sở dữ liệu địa chí (issue 12): MARC21 catalogue, import/export, OAI-PMH,
 * the public catalogue (OPAC) and the digitised items (IIIF). */
export default defineModule({
  name: 'library',
  title: { vi: 'Thư viện', en: 'Library' },
  permissions: [{ code: LIBRARY_MANAGE_ALL, description: 'Biên mục, nhập/xuất biểu ghi, quản lý bộ sưu tập thư viện (cán bộ Thư viện tỉnh)' }],
  async routes(app, s) {
    await libraryRoutes(app, s);
    await libraryItemsRoutes(app, s);
  },
  jobs: (s) => [{ name: IMPORT_JOB, retryLimit: 1, handler: async (d) => runImport(s, String(d.importId)) }],
  publicNav: [{ href: '/thu-vien', vi: 'Thư viện', en: 'Library', order: 65, footer: true }],
  // The catalogue's public records in the site search, ranked by the OPAC's own search first.
  siteSearch: {
    key: 'thu-vien',
    vi: 'Thư viện',
    en: 'Library',
    search: async (s, q, limit) =>
      (await searchRecords(s.db, { q, pageSize: limit })).hits.map((h) => ({
        title: h.title,
        url: `/thu-vien/bieu-ghi/${h.id}`,
        text: [h.authors.join('; '), h.publisher, h.year ? String(h.year) : '', h.collectionName].filter(Boolean).join(' · '),
        date: null,
      })),
  },
  sitemap: async () => [{ path: '/thu-vien' }, { path: '/thu-vien/dia-chi' }],
  staffNav: [{ href: '/quan-tri/thu-vien', vi: 'Thư viện: biên mục, nhập', en: 'Library catalogue', permission: 'manage:library' },
    { href: '/quan-tri/thu-vien/so-hoa', vi: 'Số hóa tài liệu', en: 'Digitised items', permission: 'manage:library' }],
  async seed(s, { demo }) {
    const ctx = { services: s, actor: SYSTEM };
    await grantPermissionsToRole(ctx, 'quan_tri', [LIBRARY_MANAGE_ALL]);
    await seedLibrary(s, { demo });
    // after the demo records: the digitised items attach to some of them
    await seedLibraryItems(s, { demo });
  },
});
