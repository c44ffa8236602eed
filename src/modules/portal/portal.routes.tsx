import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/context.js';
import { type ModuleManifest, type PublicDocument, discoverModules } from '../../core/module.js';
import type { FieldErrors } from '../../core/errors.js';
import { Errors } from '../../core/errors.js';
import { safeFileName } from '../../core/files/files.js';
import { nfc, parseDateInput, vnIsoDate } from '../../core/validation.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import type { PageContext } from '../../core/web/page.js';
import {
  MAX_PDF_BYTES,
  type LegalDocumentInput,
  type UploadedPdf,
  createLegalDocument,
  deleteLegalDocument,
  savePage,
  updateLegalDocument,
} from './portal.commands.js';
import { portalPolicy } from './portal.policy.js';
import * as repo from './portal.repository.js';
import { LEGAL_DOCUMENT_TYPES, type LegalDocumentType } from './portal.schema.js';
import { SEARCH_TYPES, type SearchType, searchSources, siteSearch } from './portal.search.js';
import { EN_PAGES, LEADER_POSITIONS, MANAGED_PAGE_SECTIONS, VI_OF_EN, slugOfUrl } from './portal.sections.js';
import { LegalDetailPage, LegalFormPage, LegalListPage, LegalStaffListPage, documentFormValues } from './pages/legal-pages.js';
import { PageEditPage, PagesListPage } from './pages/page-staff-pages.js';
import { DirectoryPage, LeaderBioPage, LeadersPage, OrgChartPage, SectionPage, SectionsList } from './pages/portal-public-pages.js';
import { SearchPage } from './pages/search-page.js';
import { discoveryRoutes } from './portal.discovery.js';
import { englishRoutes } from './portal.english.js';
import { UUID_RE as UUID } from '../../core/validation.js';

const PAGE_SIZE = 20;

/** The page context of an /en/ page: English unless the reader explicitly chose Vietnamese
 * (the routes then redirect to the Vietnamese original), so the header's switch works both ways.
 * Descriptors are copied so the lazy CSRF getter is not triggered (no cookie for pages without forms). */
export function englishPage(reply: FastifyReply, req: FastifyRequest): PageContext {
  const base = reply.page(req);
  return Object.defineProperties(
    {},
    { ...Object.getOwnPropertyDescriptors(base), lang: { value: 'en' }, t: { value: (_vi: string, en: string) => en } },
  ) as PageContext;
}

/** A stable public handle for a leader's biography: the local part of the official email. */
export const bioSlugOf = (email: string) =>
  email
    .split('@')[0]!
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** Lower case without diacritics, so "ke hoach" finds "Kế hoạch" as the legal documents' search does. */
const foldVi = (v: string) =>
  v
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

export function portalRoutes(app: FastifyInstance, s: Services) {
  discoveryRoutes(app, s);
  englishRoutes(app, s, englishPage);

  // ── mandatory sections written as managed pages ─────────────────────────────
  for (const section of MANAGED_PAGE_SECTIONS) {
    app.get(section.url, async (req, reply) => {
      // A reader who chose English lands on the translation where one exists (same page, other language).
      if (req.lang === 'en' && EN_PAGES[section.url]) return reply.redirect(EN_PAGES[section.url]!);
      const page = await repo.findPage(s.db, slugOfUrl(section.url));
      if (!page) throw Errors.notFound('Trang');
      return reply.html(
        <SectionPage ctx={reply.page(req)} page={page} section={section} enUrl={section.enUrl}>
          {section.key === 'introduction' && <SectionsList ctx={reply.page(req)} />}
        </SectionPage>,
      );
    });
  }

  app.get('/en/functions-and-duties', async (req, reply) => {
    if (req.cookies.lang === 'vi') return reply.redirect(VI_OF_EN['/en/functions-and-duties']!);
    const page = await repo.findPage(s.db, 'chuc-nang-nhiem-vu');
    if (!page) throw Errors.notFound('Trang');
    return reply.html(<SectionPage ctx={englishPage(reply, req)} page={page} viUrl="/chuc-nang-nhiem-vu" />);
  });

  // ── generated from the core's organisation data ───────────────────────────────
  async function orgChart(reply: FastifyReply, ctx: PageContext) {
    const today = vnIsoDate();
    const [{ agency, units }, pages, directory] = await Promise.all([
      repo.orgChart(s.db, today),
      repo.listPagesInSection(s.db, 'unit'),
      repo.staffDirectory(s.db, today),
    ]);
    const duties = new Map(pages.map((p) => [p.slug.replace(/^don-vi-/, '').toUpperCase(), p]));
    const heads = new Map<string, repo.DirectoryEntry[]>();
    for (const e of directory) {
      if (!e.unitId || !['giam_doc', 'pho_giam_doc', 'truong_phong', 'pho_truong_phong'].includes(e.positionCode ?? '')) continue;
      heads.set(e.unitId, [...(heads.get(e.unitId) ?? []), e]);
    }
    return reply.html(<OrgChartPage ctx={ctx} agency={agency} units={units} duties={duties} heads={heads} />);
  }
  app.get('/co-cau-to-chuc', async (req, reply) => (req.lang === 'en' ? reply.redirect('/en/organisation-structure') : orgChart(reply, reply.page(req))));
  app.get('/en/organisation-structure', async (req, reply) =>
    req.cookies.lang === 'vi' ? reply.redirect(VI_OF_EN['/en/organisation-structure']!) : orgChart(reply, englishPage(reply, req)),
  );

  async function leaders() {
    const list = (await repo.staffDirectory(s.db, vnIsoDate())).filter((e) => (LEADER_POSITIONS as readonly string[]).includes(e.positionCode ?? ''));
    const seen = new Set<string>();
    return list.filter((e) => !seen.has(e.userId) && seen.add(e.userId)).map((e) => ({ ...e, bioSlug: bioSlugOf(e.email) }));
  }
  app.get('/lanh-dao', async (req, reply) => reply.html(<LeadersPage ctx={reply.page(req)} leaders={await leaders()} />));
  app.get('/lanh-dao/:slug', async (req, reply) => {
    const { slug } = req.params as { slug: string };
    const leader = (await leaders()).find((l) => l.bioSlug === slug);
    if (!leader) throw Errors.notFound('Trang');
    return reply.html(<LeaderBioPage ctx={reply.page(req)} leader={leader} bio={await repo.findPage(s.db, `lanh-dao-${slug}`)} />);
  });

  async function directory(reply: FastifyReply, ctx: PageContext) {
    const [entries, contact] = await Promise.all([repo.staffDirectory(s.db, vnIsoDate()), repo.findPage(s.db, 'lien-he')]);
    return reply.html(<DirectoryPage ctx={ctx} entries={entries} contactPage={ctx.lang === 'en' ? contact : undefined} />);
  }
  app.get('/danh-ba', async (req, reply) => (req.lang === 'en' ? reply.redirect('/en/contacts') : directory(reply, reply.page(req))));
  app.get('/en/contacts', async (req, reply) =>
    req.cookies.lang === 'vi' ? reply.redirect(VI_OF_EN['/en/contacts']!) : directory(reply, englishPage(reply, req)),
  );

  // ── legal documents (public) ─────────────────────────────────────────────────
  let manifests: Promise<ModuleManifest[]> | undefined;
  async function otherModulesDocuments(): Promise<PublicDocument[]> {
    manifests ??= discoverModules();
    const lists = await Promise.all((await manifests).map((m) => (m.publicDocuments ? m.publicDocuments(s) : [])));
    return lists.flat().sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || a.number.localeCompare(b.number));
  }
  app.get('/van-ban', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const filter = { q: nfc(str(q.q)).slice(0, 200), loai: nfc(str(q.loai)), nam: str(q.nam), coQuan: nfc(str(q['co-quan'])) };
    const type = (LEGAL_DOCUMENT_TYPES as readonly string[]).includes(filter.loai) ? (filter.loai as LegalDocumentType) : undefined;
    const year = /^\d{4}$/.test(filter.nam) ? Number(filter.nam) : undefined;
    const page = Math.min(Math.max(1, Number.parseInt(str(q.trang), 10) || 1), 1000);
    const [{ rows, total }, legalYears, legalBodies, published] = await Promise.all([
      repo.listDocuments(s.db, { q: filter.q, type, year, issuingBody: filter.coQuan || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      repo.listYears(s.db),
      repo.listIssuingBodies(s.db),
      otherModulesDocuments(),
    ]);
    // Other modules' documents (plans, approved reports …) answer the same filters; they are few,
    // so they are filtered here rather than copied into legal_documents.
    const words = foldVi(filter.q).split(/\s+/).filter(Boolean);
    const others = published.filter(
      (d) =>
        (!type || d.type === type) &&
        (!year || d.issuedOn.startsWith(`${year}-`)) &&
        (!filter.coQuan || d.issuer === filter.coQuan) &&
        words.every((w) => foldVi(`${d.number} ${d.summary}`).includes(w)),
    );
    const years = [...new Set([...legalYears, ...published.map((d) => Number(d.issuedOn.slice(0, 4)))])].sort((a, b) => b - a);
    const bodies = [...new Set([...legalBodies, ...published.map((d) => d.issuer)])].sort((a, b) => a.localeCompare(b, 'vi'));
    return reply.html(
      <LegalListPage
        ctx={reply.page(req)}
        rows={rows}
        total={total}
        page={page}
        pageSize={PAGE_SIZE}
        filter={{ ...filter, loai: type ?? '', nam: year ? String(year) : '' }}
        years={years}
        bodies={bodies}
        others={page === 1 ? others : []}
      />,
    );
  });

  async function loadDocument(req: FastifyRequest) {
    const { id } = req.params as { id: string };
    const doc = UUID.test(id) ? await repo.findDocument(s.db, id) : undefined;
    if (!doc) throw Errors.notFound('Văn bản');
    return doc;
  }

  app.get('/van-ban/:id', async (req, reply) => {
    const doc = await loadDocument(req);
    const [replacedBy, replaces, file] = await Promise.all([
      doc.replacedById ? repo.findDocument(s.db, doc.replacedById) : undefined,
      repo.listReplacedBy(s.db, doc.id),
      doc.storedFileId ? repo.findStoredFile(s.db, doc.storedFileId) : undefined,
    ]);
    return reply.html(<LegalDetailPage ctx={reply.page(req)} doc={doc} replacedBy={replacedBy} replaces={replaces} file={file} />);
  });

  app.get('/van-ban/:id/tep', async (req, reply) => {
    const doc = await loadDocument(req);
    const file = doc.storedFileId ? await repo.findStoredFile(s.db, doc.storedFileId) : undefined;
    if (!file) throw Errors.notFound('Tệp');
    const data = await s.files.read(file.storageKey);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${file.safeName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.safeName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=3600')
      .send(data);
  });

  // ── legal documents (staff) ──────────────────────────────────────────────────
  /** The staff form arrives as multipart (with the PDF) or urlencoded (no file input). */
  async function readDocumentForm(req: FastifyRequest): Promise<{ values: Record<string, string>; file?: UploadedPdf; fileError?: FieldErrors }> {
    if (!req.isMultipart()) return { values: formBody(req) };
    const values: Record<string, string> = {};
    let file: UploadedPdf | undefined;
    let fileError: FieldErrors | undefined;
    const partOpts = { throwFileSizeLimit: false, limits: { fileSize: MAX_PDF_BYTES } } as Parameters<typeof req.parts>[0];
    for await (const part of req.parts(partOpts)) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname !== 'pdf' || (!part.filename && data.length === 0)) continue;
        if (part.file.truncated)
          fileError = { pdf: { vi: `Tệp “${safeFileName(part.filename)}” quá lớn: tối đa 20 MB.`, en: 'The file is too large (20 MB max).' } };
        else file = { data, originalName: part.filename };
      } else if (part.fieldname !== '_csrf') {
        values[part.fieldname] = str(part.value);
      }
    }
    return { values, file, fileError };
  }

  const toInput = (v: Record<string, string>): LegalDocumentInput => ({
    numberSymbol: v.numberSymbol ?? '',
    type: v.type ?? '',
    issuingBody: v.issuingBody ?? '',
    signer: v.signer ?? '',
    issuedDate: v.issuedDate ?? '',
    effectiveDate: v.effectiveDate ?? '',
    expiryDate: v.expiryDate ?? '',
    replacedById: v.replacedById ?? '',
    summary: v.summary ?? '',
  });

  app.get('/quan-tri/van-ban', async (req, reply) => {
    portalPolicy.requireManageDocuments(req.actor);
    return reply.html(<LegalStaffListPage ctx={reply.page(req)} rows={(await repo.listDocuments(s.db, { limit: 200 })).rows} />);
  });

  app.get('/quan-tri/van-ban/moi', async (req, reply) => {
    portalPolicy.requireManageDocuments(req.actor);
    return reply.html(
      <LegalFormPage ctx={reply.page(req)} choices={await repo.listDocumentChoices(s.db)} values={{ issuingBody: 'Sở Văn hóa, Thể thao và Du lịch' }} />,
    );
  });

  app.post('/quan-tri/van-ban', async (req, reply) => {
    portalPolicy.requireManageDocuments(req.actor);
    const { values, file, fileError } = await readDocumentForm(req);
    try {
      if (fileError) throw Errors.validation(fileError);
      const doc = await createLegalDocument(commandContext(req, s), toInput(values), file);
      return reply.flash(req.lang === 'en' ? 'Document saved.' : `Đã lưu văn bản ${doc.numberSymbol}.`).redirect('/quan-tri/van-ban');
    } catch (err) {
      const f = formErrors(err);
      return reply.html(
        <LegalFormPage ctx={reply.page(req)} choices={await repo.listDocumentChoices(s.db)} values={values} errors={f.errors} message={f.message} />,
        f.status,
      );
    }
  });

  app.get('/quan-tri/van-ban/:id', async (req, reply) => {
    portalPolicy.requireManageDocuments(req.actor);
    const doc = await loadDocument(req);
    return reply.html(
      <LegalFormPage
        ctx={reply.page(req)}
        doc={doc}
        choices={await repo.listDocumentChoices(s.db)}
        values={documentFormValues(doc)}
        hasFile={!!doc.storedFileId}
      />,
    );
  });

  app.post('/quan-tri/van-ban/:id', async (req, reply) => {
    portalPolicy.requireManageDocuments(req.actor);
    const doc = await loadDocument(req);
    const { values, file, fileError } = await readDocumentForm(req);
    try {
      if (fileError) throw Errors.validation(fileError);
      await updateLegalDocument(commandContext(req, s), doc.id, Number(values.version), toInput(values), file);
      return reply.flash(req.lang === 'en' ? 'Document saved.' : `Đã lưu văn bản ${nfc(values.numberSymbol)}.`).redirect('/quan-tri/van-ban');
    } catch (err) {
      const f = formErrors(err);
      return reply.html(
        <LegalFormPage
          ctx={reply.page(req)}
          doc={doc}
          choices={await repo.listDocumentChoices(s.db)}
          values={values}
          errors={f.errors}
          message={f.message}
          hasFile={!!doc.storedFileId}
        />,
        f.status,
      );
    }
  });

  app.post('/quan-tri/van-ban/:id/xoa', async (req, reply) => {
    portalPolicy.requireManageDocuments(req.actor);
    const doc = await loadDocument(req);
    await deleteLegalDocument(commandContext(req, s), doc.id, Number(formBody(req).version));
    return reply.flash(req.lang === 'en' ? 'Document deleted.' : `Đã xóa văn bản ${doc.numberSymbol}.`).redirect('/quan-tri/van-ban');
  });

  // ── managed pages (staff) ────────────────────────────────────────────────────
  app.get('/quan-tri/trang', async (req, reply) => {
    portalPolicy.requireManagePages(req.actor);
    return reply.html(<PagesListPage ctx={reply.page(req)} pages={await repo.listPages(s.db)} />);
  });

  async function loadPage(req: FastifyRequest) {
    const { id } = req.params as { id: string };
    const page = UUID.test(id) ? await repo.findPageById(s.db, id) : undefined;
    if (!page) throw Errors.notFound('Trang');
    return page;
  }

  app.get('/quan-tri/trang/:id', async (req, reply) => {
    portalPolicy.requireManagePages(req.actor);
    return reply.html(<PageEditPage ctx={reply.page(req)} page={await loadPage(req)} />);
  });

  app.post('/quan-tri/trang/:id', async (req, reply) => {
    portalPolicy.requireManagePages(req.actor);
    const page = await loadPage(req);
    const body = formBody(req);
    try {
      await savePage(commandContext(req, s), page.id, Number(body.version), {
        title: body.title ?? '',
        titleEn: body.titleEn,
        bodyMarkdown: body.bodyMarkdown ?? '',
        bodyMarkdownEn: body.bodyMarkdownEn,
      });
      return reply.flash(req.lang === 'en' ? 'Page saved.' : 'Đã lưu trang.').redirect('/quan-tri/trang');
    } catch (err) {
      const f = formErrors(err);
      return reply.html(<PageEditPage ctx={reply.page(req)} page={page} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });

  // ── site search ──────────────────────────────────────────────────────────────
  app.get('/tim-kiem', async (req, reply) => {
    const raw = req.query as Record<string, unknown>;
    const form = { q: nfc(str(raw.q)).slice(0, 200), loai: str(raw.loai), tu: nfc(str(raw.tu)), den: nfc(str(raw.den)) };
    await searchSources();
    const type = SEARCH_TYPES.some((t) => t.key === form.loai) ? (form.loai as SearchType) : undefined;
    const errors: FieldErrors = {};
    const from = form.tu ? parseDateInput(form.tu) : null;
    const to = form.den ? parseDateInput(form.den) : null;
    if (form.tu && !from) errors.tu = { vi: 'Từ ngày không hợp lệ, hãy nhập ngày/tháng/năm, ví dụ 01/01/2026.', en: 'Invalid date (dd/mm/yyyy).' };
    if (form.den && !to) errors.den = { vi: 'Đến ngày không hợp lệ, hãy nhập ngày/tháng/năm, ví dụ 31/12/2026.', en: 'Invalid date (dd/mm/yyyy).' };
    if (from && to && to < from) errors.den = { vi: 'Đến ngày không được trước từ ngày.', en: 'The end date is before the start date.' };
    const words = repo.queryWords(form.q);
    if (Object.keys(errors).length) return reply.html(<SearchPage ctx={reply.page(req)} form={form} words={words} errors={errors} />, 400);
    // An empty query shows the form only: listing "everything" is what the section pages are for.
    if (!words.length) return reply.html(<SearchPage ctx={reply.page(req)} form={form} words={words} />);
    const { hits, counts } = await siteSearch(s, { q: form.q, type, from: from ?? undefined, to: to ?? undefined });
    return reply.html(<SearchPage ctx={reply.page(req)} form={{ ...form, loai: type ?? '' }} words={words} hits={hits} counts={counts} />);
  });
}
