import crypto from 'node:crypto';
import { advertiseNewsFeed } from './news.rss-link.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Services } from '../../core/context.js';
import type { PageContext } from '../../core/web/page.js';
import { layoutStamp } from '../../core/web/layout.js';
import { commandContext, formBody, formErrors } from '../../core/web/forms.js';
import { Errors, type FieldErrors } from '../../core/errors.js';
import { approveArticle, attachArticleFile, createArticle, removeArticleFile, uploadArticleImage, publishNow, restoreRevision, submitForReview, unpublishArticle, updateArticle, type ArticleInput } from './news.commands.js';
import { newsPolicy } from './news.policy.js';
import * as repo from './news.repository.js';
import { ARTICLE_STATUSES, type ArticleStatus } from './news.schema.js';
import { buildRss } from './news.feed.js';
import { diffLines } from './news.diff.js';
import { ArticlePage, NewsListPage, PAGE_SIZE } from './pages/news-public-pages.js';
import { articleFormValues, DiffPage, EditorPage, StaffListPage } from './pages/news-staff-pages.js';
import { UUID_RE as UUID } from '../../core/validation.js';
import { findStoredFile } from '../../core/files/files.js';
import { MAX_IMAGE_BYTES } from './news.images.js';
import { ArticlePageCache } from './news.pagecache.js';
import { notModified, rememberEarly, sendPageBytes, sharedRendering } from '../../core/web/page-cache.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A multipart form of one file and a few text fields. An oversize file is cut at the limit
 * and reported as `truncated` (the command words the message) instead of ending the request. */
async function readUpload(req: FastifyRequest, fileField: string): Promise<{ fields: Record<string, string>; data: Buffer; filename: string; truncated: boolean }> {
  if (!req.isMultipart()) throw Errors.badRequest('Biểu mẫu tải tệp không hợp lệ.', 'Expected multipart/form-data.');
  const fields: Record<string, string> = {};
  let data: Buffer = Buffer.alloc(0);
  let filename = '';
  let truncated = false;
  const partOpts = { throwFileSizeLimit: false, limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } } as Parameters<typeof req.parts>[0];
  for await (const part of req.parts(partOpts)) {
    if (part.type === 'file') {
      const buf = await part.toBuffer();
      if (part.fieldname === fileField) {
        data = buf;
        filename = part.filename ?? '';
        truncated = part.file.truncated;
      }
    } else if (part.fieldname !== '_csrf') fields[part.fieldname] = String(part.value ?? '');
  }
  return { fields, data, filename, truncated };
}

const SLUG = /^[a-z0-9-]{1,120}$/;
const FEED_SIZE = 20;
const PUBLIC_CACHE = 'public, max-age=60';

function pageNumber(req: FastifyRequest): number {
  const n = Number((req.query as Record<string, string>).trang ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

function etagOf(parts: (string | number | null | undefined)[]): string {
  return `"${crypto.createHash('sha1').update(parts.join('|')).digest('base64url').slice(0, 22)}"`;
}

/**
 * A page cached by browsers (and, for anonymous readers, by shared caches for 60 s): the ETag
 * covers everything the HTML depends on (the article version, the language, who is signed in,
 * the stylesheet build, the site-wide banners), so a 304 is never a stale or someone else's page. The language and
 * session live in cookies, hence Vary: Cookie.
 */
function sendCachedHtml(
  req: FastifyRequest,
  reply: FastifyReply,
  etagParts: (string | number | null | undefined)[],
  page: (ctx: PageContext) => VNode,
  rendered?: (body: string, etag: string) => void,
) {
  const ctx = reply.page(req);
  const anonymous = req.actor.kind === 'anonymous';
  // A flash message is shown once: that response must not be cached or answered with 304.
  if (ctx.flash) return reply.html(page(ctx));
  // Cookies that change the page (hidden banners …) are part of it: else a 304 would bring back
  // the page as it was before the visitor hid a banner.
  const etag = etagOf([...etagParts, req.lang, req.actor.userId ?? 'anon', ctx.css, layoutStamp(), sharedRendering(req) ? '' : (req.headers.cookie ?? '')]);
  reply.header('etag', etag).header('cache-control', anonymous ? PUBLIC_CACHE : 'private, no-cache').header('vary', 'Cookie, Accept-Encoding');
  if (notModified(req, etag)) return reply.code(304).send();
  const body = `<!doctype html>${render(page(ctx))}`;
  // A page that made a CSRF token (a form) is personal: never reused for another reader.
  if (!reply.getHeader('set-cookie')) rendered?.(body, etag);
  return reply.type('text/html; charset=utf-8').send(body);
}

function articleInput(body: Record<string, string>): ArticleInput {
  return {
    title: body.title ?? '',
    categoryId: body.categoryId ?? '',
    summary: body.summary ?? '',
    bodyMarkdown: body.bodyMarkdown ?? '',
    authorLine: body.authorLine ?? '',
    sourceLine: body.sourceLine ?? '',
    tags: body.tags ?? '',
    featured: body.featured === 'on',
    slug: body.slug ?? '',
  };
}

export function newsRoutes(app: FastifyInstance, s: Services) {
  advertiseNewsFeed();
  const articlePageCache = new ArticlePageCache(s.bus);
  app.addHook('onClose', (_app, done) => {
    articlePageCache.dispose();
    done();
  });
  // ── public ─────────────────────────────────────────────────────────────────
  app.get('/tin-tuc', async (req, reply) => {
    const cat = (req.query as Record<string, string>)['chuyen-muc'];
    // The filter form of an old bookmark or a GET form: the category has its own URL.
    if (cat && SLUG.test(cat)) return reply.redirect(`/tin-tuc/chuyen-muc/${cat}`, 301);
    const page = pageNumber(req);
    const [list, categories] = await Promise.all([repo.listPublished(s.db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), repo.listCategories(s.db)]);
    if (page > 1 && list.rows.length === 0) throw Errors.notFound('Trang');
    return reply.html(<NewsListPage ctx={reply.page(req)} items={list.rows} total={list.total} page={page} categories={categories} />);
  });

  app.get('/tin-tuc/rss.xml', async (req, reply) => sendFeed(req, reply, undefined));

  app.get('/tin-tuc/chuyen-muc/:slug', async (req, reply) => {
    const { slug } = req.params as { slug: string };
    const category = SLUG.test(slug) ? await repo.findCategoryBySlug(s.db, slug) : undefined;
    if (!category) throw Errors.notFound('Chuyên mục');
    const page = pageNumber(req);
    const [list, categories] = await Promise.all([
      repo.listPublished(s.db, { categoryId: category.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      repo.listCategories(s.db),
    ]);
    if (page > 1 && list.rows.length === 0) throw Errors.notFound('Trang');
    return reply.html(<NewsListPage ctx={reply.page(req)} items={list.rows} total={list.total} page={page} categories={categories} category={category} />);
  });

  app.get('/tin-tuc/chuyen-muc/:slug/rss.xml', async (req, reply) => {
    const { slug } = req.params as { slug: string };
    const category = SLUG.test(slug) ? await repo.findCategoryBySlug(s.db, slug) : undefined;
    if (!category) throw Errors.notFound('Chuyên mục');
    return sendFeed(req, reply, category);
  });

  async function sendFeed(req: FastifyRequest, reply: FastifyReply, category: repo.Category | undefined) {
    const items = await repo.listForFeed(s.db, FEED_SIZE, category?.id);
    const etag = etagOf(['rss', category?.id, ...items.map((i) => `${i.id}:${i.version}`)]);
    reply.header('etag', etag).header('cache-control', PUBLIC_CACHE);
    if (notModified(req, etag)) return reply.code(304).send();
    const site = reply.page(req).site;
    const base = s.config.publicUrl;
    const xml = buildRss({
      title: category ? `${site.agencyName} – ${category.name}` : `${site.agencyName} – Tin tức`,
      description: `Tin tức mới nhất của ${site.agencyName}`,
      siteUrl: base,
      selfUrl: category ? `${base}/tin-tuc/chuyen-muc/${category.slug}/rss.xml` : `${base}/tin-tuc/rss.xml`,
      items,
    });
    return reply.type('application/rss+xml; charset=utf-8').send(xml);
  }

  // Later requests for a cached article's URL are answered in the first request hook while the
  // entry lasts (src/core/web/page-cache.ts, EarlyPages).
  const earlyArticle = (key: string) => () => {
    const e = articlePageCache.get(key, layoutStamp());
    return e && { page: e, etag: e.etag, cacheControl: PUBLIC_CACHE };
  };
  app.get('/tin-tuc/:slug', async (req, reply) => {
    const { slug } = req.params as { slug: string };
    if (!SLUG.test(slug)) throw Errors.notFound('Bài viết');
    // Not for a visitor whose cookies change the page (a flash message, banners they hid …).
    const cacheable = sharedRendering(req);
    const key = `${slug}|${req.lang}`;
    if (cacheable) {
      const hit = articlePageCache.get(key, layoutStamp());
      if (hit) {
        rememberEarly(req, earlyArticle(key));
        return sendPageBytes(req, reply, hit, hit.etag, PUBLIC_CACHE);
      }
    }
    const article = await repo.findPublishedBySlug(s.db, slug);
    if (!article) {
      // A slug the editor replaced: permanent redirect, so search engines move to the new URL.
      const current = await repo.findRedirect(s.db, slug);
      if (current) return reply.redirect(`/tin-tuc/${current}`, 301);
      throw Errors.notFound('Bài viết');
    }
    const [category, related, attachments] = await Promise.all([repo.findCategory(s.db, article.categoryId), repo.listRelated(s.db, article), repo.listAttachments(s.db, article.id)]);
    const stamp = layoutStamp();
    return sendCachedHtml(
      req,
      reply,
      ['article', article.id, article.version, ...related.map((r) => `${r.id}:${r.version}`)],
      (ctx) => <ArticlePage ctx={ctx} article={article} category={category} related={related} attachments={attachments} publicUrl={s.config.publicUrl} />,
      cacheable
        ? (body, etag) => {
            articlePageCache.set(key, { body: Buffer.from(body), etag, stamp });
            rememberEarly(req, earlyArticle(key));
          }
        : undefined,
    );
  });

  // Variants of a published article never change once made (a new upload gets a new id), so
  // browsers and shared caches may keep them for a year. Before publication (issue 9 finding 11)
  // an image is the editors' business: staff of the newsroom only, never stored by any cache,
  // and "not found" for everyone else, as the draft itself is.
  app.get('/anh/:id/:file', async (req, reply) => {
    const { id, file } = req.params as { id: string; file: string };
    const m = /^([0-9]{1,5})\.(webp|jpg)$/.exec(file);
    if (!UUID.test(id) || !m) throw Errors.notFound('Ảnh');
    const found = await repo.findImageWithStatus(s.db, id);
    const published = found?.articleStatus === 'published';
    if (!found || (!published && !newsPolicy.canSeeDrafts(req.actor))) throw Errors.notFound('Ảnh');
    const format = m[2] === 'webp' ? 'webp' : 'jpeg';
    const v = found.image.variants.find((x) => x.width === Number(m[1]) && x.format === format);
    const stored = v ? await findStoredFile(s.db, v.fileId) : undefined;
    if (!stored) throw Errors.notFound('Ảnh');
    return reply
      .header('cache-control', published ? IMMUTABLE : 'private, no-store')
      .type(format === 'webp' ? 'image/webp' : 'image/jpeg')
      .send(await s.files.read(stored.storageKey));
  });

  app.get('/tin-tuc/tep/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const found = UUID.test(id) ? await repo.findAttachmentWithStatus(s.db, id) : undefined;
    const published = found?.articleStatus === 'published';
    const att = found && (published || newsPolicy.canSeeDrafts(req.actor)) ? found.attachment : undefined;
    const stored = att ? await findStoredFile(s.db, att.storedFileId) : undefined;
    if (!att || !stored) throw Errors.notFound('Tệp');
    return reply
      .header('cache-control', published ? 'public, max-age=3600' : 'private, no-store')
      // An uploaded document is never run as a page of this site, whatever it contains.
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(att.fileName)}`)
      .type(att.contentType)
      .send(await s.files.read(stored.storageKey));
  });

  // ── staff ──────────────────────────────────────────────────────────────────
  app.get('/quan-tri/tin-bai', async (req, reply) => {
    newsPolicy.requireStaff(req.actor);
    const q = (req.query as Record<string, string>)['trang-thai'];
    const status = ARTICLE_STATUSES.includes(q as ArticleStatus) ? (q as ArticleStatus) : undefined;
    const rows = await repo.listForStaff(s.db, status);
    return reply.html(<StaffListPage ctx={reply.page(req)} rows={rows} status={status} canWrite={newsPolicy.canWrite(req.actor)} />);
  });

  async function renderEditor(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string | undefined,
    extra: { values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number } = {},
  ) {
    const article = id ? await repo.findArticle(s.db, id) : undefined;
    if (id && !article) throw Errors.notFound('Bài viết');
    const [categories, revisions, images, attachments] = await Promise.all([
      repo.listCategories(s.db),
      article ? repo.listRevisions(s.db, article.id) : Promise.resolve([]),
      article ? repo.listImages(s.db, article.id) : Promise.resolve([]),
      article ? repo.listAttachments(s.db, article.id) : Promise.resolve([]),
    ]);
    // After a conflict the form keeps what the user typed, including the version they loaded:
    // saving again without reloading is refused again, so nobody overwrites newer text unknowingly.
    const values = { ...(article ? articleFormValues(article) : {}), ...(extra.values ?? {}) };
    return reply.html(
      <EditorPage
        ctx={reply.page(req)}
        categories={categories}
        article={article}
        values={values}
        errors={extra.errors}
        message={extra.message}
        revisions={revisions}
        images={images}
        attachments={attachments}
        canWrite={newsPolicy.canWrite(req.actor)}
        canApprove={newsPolicy.canApprove(req.actor)}
      />,
      extra.status,
    );
  }

  function articleId(req: FastifyRequest): string {
    const { id } = req.params as { id: string };
    if (!UUID.test(id)) throw Errors.notFound('Bài viết');
    return id;
  }

  app.get('/quan-tri/tin-bai/moi', async (req, reply) => {
    newsPolicy.requireWrite(req.actor);
    return renderEditor(req, reply, undefined);
  });

  app.post('/quan-tri/tin-bai/moi', async (req, reply) => {
    newsPolicy.requireWrite(req.actor);
    const body = formBody(req);
    const ctx = commandContext(req, s);
    try {
      let a = await createArticle(ctx, { ...articleInput(body), slug: '' });
      if (body.action === 'submit') a = await submitForReview(ctx, a.id, a.version);
      reply.flash(body.action === 'submit' ? 'Đã lưu và gửi duyệt.' : 'Đã lưu bản nháp.');
      return reply.redirect(`/quan-tri/tin-bai/${a.id}`);
    } catch (err) {
      const f = formErrors(err);
      return renderEditor(req, reply, undefined, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.get('/quan-tri/tin-bai/:id', async (req, reply) => {
    newsPolicy.requireStaff(req.actor);
    return renderEditor(req, reply, articleId(req));
  });

  app.post('/quan-tri/tin-bai/:id', async (req, reply) => {
    newsPolicy.requireWrite(req.actor);
    const id = articleId(req);
    const body = formBody(req);
    const ctx = commandContext(req, s);
    try {
      let a = await updateArticle(ctx, id, Number(body.version), articleInput(body));
      if (body.action === 'submit') a = await submitForReview(ctx, a.id, a.version);
      reply.flash(body.action === 'submit' ? 'Đã lưu và gửi duyệt.' : 'Đã lưu.');
      return reply.redirect(`/quan-tri/tin-bai/${a.id}`);
    } catch (err) {
      const f = formErrors(err);
      return renderEditor(req, reply, id, { values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/tin-bai/:id/anh', async (req, reply) => {
    newsPolicy.requireWrite(req.actor);
    const id = articleId(req);
    const up = await readUpload(req, 'file');
    try {
      const img = await uploadArticleImage(commandContext(req, s), id, { data: up.data, originalName: up.filename, alt: up.fields.alt ?? '', truncated: up.truncated });
      return reply.flash(`Đã tải ảnh lên. Chép đoạn ![${img.alt}](/anh/${img.id}) vào nội dung bài ở chỗ muốn đặt ảnh.`).redirect(`/quan-tri/tin-bai/${id}#anh`);
    } catch (err) {
      const f = formErrors(err);
      return renderEditor(req, reply, id, { values: { alt: up.fields.alt ?? '' }, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/tin-bai/:id/tep-dinh-kem', async (req, reply) => {
    newsPolicy.requireWrite(req.actor);
    const id = articleId(req);
    const up = await readUpload(req, 'attachment');
    try {
      await attachArticleFile(commandContext(req, s), id, { data: up.data, originalName: up.filename, title: up.fields.attachmentTitle ?? '', truncated: up.truncated });
      return reply.flash('Đã đính kèm tệp.').redirect(`/quan-tri/tin-bai/${id}#tep-dinh-kem`);
    } catch (err) {
      const f = formErrors(err);
      return renderEditor(req, reply, id, { values: { attachmentTitle: up.fields.attachmentTitle ?? '' }, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/tin-bai/:id/tep-dinh-kem/:att/xoa', async (req, reply) => {
    newsPolicy.requireWrite(req.actor);
    const id = articleId(req);
    await removeArticleFile(commandContext(req, s), id, String((req.params as { att: string }).att));
    return reply.flash('Đã xóa tệp đính kèm.').redirect(`/quan-tri/tin-bai/${id}#tep-dinh-kem`);
  });

  /** The one-button workflow steps: PRG on success, the editor page with the reason otherwise. */
  function step(path: string, run: (req: FastifyRequest, id: string, body: Record<string, string>) => Promise<unknown>, done: string) {
    app.post(`/quan-tri/tin-bai/:id/${path}`, async (req, reply) => {
      newsPolicy.requireStaff(req.actor);
      const id = articleId(req);
      const body = formBody(req);
      try {
        await run(req, id, body);
        return reply.flash(done).redirect(`/quan-tri/tin-bai/${id}`);
      } catch (err) {
        const f = formErrors(err);
        return renderEditor(req, reply, id, { values: { publishAt: body.publishAt ?? '', publishAtText: body.publishAtText ?? '' }, errors: f.errors, message: f.message, status: f.status });
      }
    });
  }

  step('gui-duyet', (req, id, b) => submitForReview(commandContext(req, s), id, Number(b.version)), 'Đã gửi duyệt.');
  step(
    'duyet',
    // The datetime-local input wins; the typed dd/mm/yyyy hh:mm is for browsers without one.
    (req, id, b) => approveArticle(commandContext(req, s), id, Number(b.version), { publishAt: b.publishAt?.trim() || b.publishAtText?.trim() || null }),
    'Đã duyệt bài.',
  );
  step('dang-ngay', (req, id, b) => publishNow(commandContext(req, s), id, Number(b.version)), 'Đã đăng bài.');
  step('go-bai', (req, id, b) => unpublishArticle(commandContext(req, s), id, Number(b.version)), 'Đã gỡ bài.');

  app.get('/quan-tri/tin-bai/:id/phien-ban/:rev', async (req, reply) => {
    newsPolicy.requireStaff(req.actor);
    const id = articleId(req);
    const { rev } = req.params as { rev: string };
    const article = await repo.findArticle(s.db, id);
    const revision = article && UUID.test(rev) ? await repo.findRevision(s.db, id, rev) : undefined;
    if (!article || !revision) throw Errors.notFound('Phiên bản');
    return reply.html(
      <DiffPage
        ctx={reply.page(req)}
        article={article}
        revision={revision}
        title={diffLines(revision.title, article.title)}
        summary={diffLines(revision.summary, article.summary)}
        body={diffLines(revision.bodyMarkdown, article.bodyMarkdown)}
      />,
    );
  });

  app.post('/quan-tri/tin-bai/:id/phien-ban/:rev/khoi-phuc', async (req, reply) => {
    newsPolicy.requireWrite(req.actor);
    const id = articleId(req);
    const { rev } = req.params as { rev: string };
    const body = formBody(req);
    try {
      const a = await restoreRevision(commandContext(req, s), id, Number(body.version), rev);
      return reply.flash(`Đã khôi phục thành phiên bản mới ${a.version}.`).redirect(`/quan-tri/tin-bai/${id}`);
    } catch (err) {
      const f = formErrors(err);
      return renderEditor(req, reply, id, { errors: f.errors, message: f.message, status: f.status });
    }
  });
}
