import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import type { Actor } from '../../../core/auth/actor.js';
import { createArticle, publishNow, submitForReview, updateArticle } from '../news.commands.js';
import { imageIdsIn, resizeImage, variantWidths, withPictures } from '../news.images.js';
import { findArticle, listAttachments, listCategories, listImages } from '../news.repository.js';
import { ARTICLE_APPROVE, ARTICLE_WRITE } from '../news.policy.js';

const photo = (width: number, height: number, format: 'jpeg' | 'png' = 'jpeg') =>
  sharp({ create: { width, height, channels: 3, background: { r: 180, g: 40, b: 30 } } })
    [format]()
    .toBuffer();

type Part = { field: string; value?: string; filename?: string; data?: Buffer; type?: string };
function multipart(parts: Part[]) {
  const boundary = `----vanhien${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.data) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"; filename="${p.filename ?? 'x'}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(p.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value ?? ''}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('article images: widths never upscaled, WebP + JPEG', () => {
  it('chooses the widths', () => {
    expect(variantWidths(2400)).toEqual([480, 720, 960, 1440]);
    expect(variantWidths(1440)).toEqual([480, 720, 960, 1440]);
    expect(variantWidths(700)).toEqual([480, 700]);
    expect(variantWidths(800)).toEqual([480, 720, 800]);
    expect(variantWidths(300)).toEqual([300]);
  });

  it('resizes a photo into six variants with the right sizes and formats', async () => {
    const r = await resizeImage(await photo(2000, 1000));
    if (typeof r === 'string') throw new Error(r);
    expect(r.width).toBe(2000);
    expect(r.variants.map((v) => `${v.width}x${v.height}.${v.format}`)).toEqual(['480x240.webp', '480x240.jpeg', '720x360.webp', '720x360.jpeg', '960x480.webp', '960x480.jpeg', '1440x720.webp', '1440x720.jpeg']);
    for (const v of r.variants) {
      const m = await sharp(v.data).metadata();
      expect(m.format).toBe(v.format);
      expect(m.width).toBe(v.width);
      expect(m.exif).toBeUndefined();
    }
  });

  it('refuses bytes that are not an image', async () => {
    expect(await resizeImage(Buffer.from('%PDF-1.4 not an image'))).toBe('unreadable');
  });

  it('turns an uploaded image into <picture> with srcset, sizes, width/height; lazy except the first', () => {
    const id = '0b6f1d3e-8a55-4d7e-9c1a-3f1e2d4c5b6a';
    const img = { id, alt: 'Ảnh', width: 1000, height: 500, variants: [480, 960, 1000].flatMap((w) => (['webp', 'jpeg'] as const).map((format) => ({ width: w, height: w / 2, format }))) };
    const html = withPictures(`<p><img src="/anh/${id}" alt="Lễ &quot;khai mạc&quot;" /></p><p><img src="/anh/${id}" alt="Hai" /></p>`, new Map([[id, img]]));
    expect(html).toContain(`<source type="image/webp" srcset="/anh/${id}/480.webp 480w, /anh/${id}/960.webp 960w, /anh/${id}/1000.webp 1000w"`);
    expect(html).toContain(`src="/anh/${id}/960.jpg"`);
    expect(html).toContain('width="1000" height="500" alt="Lễ &quot;khai mạc&quot;" fetchpriority="high"');
    expect(html).toContain('alt="Hai" loading="lazy"');
    expect(imageIdsIn(`x ![a](/anh/${id}) y ![b](/anh/${id}/480.webp)`)).toEqual([id]);
  });
});

describe('uploading images and attachments on the article editor', () => {
  let t: TestPlatform;
  let categoryId = '';
  const editor: Actor = { userId: null, label: 'Biên tập', kind: 'staff', grants: [{ permission: ARTICLE_WRITE, unitId: null }, { permission: ARTICLE_APPROVE, unitId: null }] };
  beforeAll(async () => {
    t = await startTestPlatform();
    categoryId = (await listCategories(t.platform.services.db)).find((c) => c.slug === 'van-hoa')!.id;
  });
  afterAll(async () => t?.close());

  async function upload(cookie: string, articleId: string, path: string, parts: Part[]) {
    const { csrf, cookie: c2 } = await csrfFor(t.app, `/quan-tri/tin-bai/${articleId}`, cookie);
    const mp = multipart(parts);
    return t.app.inject({ method: 'POST', url: `/quan-tri/tin-bai/${articleId}/${path}?_csrf=${encodeURIComponent(csrf)}`, headers: { cookie: c2, 'content-type': mp.contentType }, payload: mp.payload });
  }

  it('refuses an image without alt text, a non-image and an oversize file, with the alt text kept', async () => {
    const a = await createArticle({ services: t.platform.services, actor: editor }, { title: 'Bài có ảnh', categoryId, summary: 'Tóm tắt.', bodyMarkdown: 'Đoạn.' });
    const cookie = await loginCookies(t.app, 'bientap@vanhien.test');
    const jpeg = await photo(1200, 800);

    const noAlt = await upload(cookie, a.id, 'anh', [{ field: 'alt', value: '  ' }, { field: 'file', filename: 'anh.jpg', data: jpeg, type: 'image/jpeg' }]);
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.body).toContain('Vui lòng nhập mô tả ảnh');
    expect(noAlt.body).toContain('href="#f-alt"');

    const pdf = await upload(cookie, a.id, 'anh', [{ field: 'alt', value: 'Một tệp PDF đội lốt ảnh' }, { field: 'file', filename: 'anh.jpg', data: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), type: 'image/jpeg' }]);
    expect(pdf.statusCode).toBe(400);
    expect(pdf.body).toContain('Chỉ nhận ảnh JPEG, PNG hoặc WebP.');
    expect(pdf.body).toContain('value="Một tệp PDF đội lốt ảnh"');

    const huge = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024 + 10)]);
    const big = await upload(cookie, a.id, 'anh', [{ field: 'alt', value: 'Ảnh quá lớn' }, { field: 'file', filename: 'to.jpg', data: huge, type: 'image/jpeg' }]);
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('Ảnh quá lớn: tối đa 10 MB.');
    expect(await listImages(t.platform.services.db, a.id)).toHaveLength(0);
  });

  it('stores the variants, serves them immutable, and renders the article with <picture>', async () => {
    const s = t.platform.services;
    const a = await createArticle({ services: s, actor: editor }, { title: 'Lễ hội ảnh', categoryId, summary: 'Tóm tắt.', bodyMarkdown: 'Đoạn.' });
    const cookie = await loginCookies(t.app, 'bientap@vanhien.test');
    const res = await upload(cookie, a.id, 'anh', [{ field: 'alt', value: 'Đoàn nghệ nhân biểu diễn' }, { field: 'file', filename: 'le-hoi.png', data: await photo(1600, 900, 'png'), type: 'image/png' }]);
    expect(res.statusCode).toBe(302);
    const [img] = await listImages(s.db, a.id);
    expect(img!.alt).toBe('Đoàn nghệ nhân biểu diễn');
    expect(img!.variants.map((v) => `${v.width}.${v.format}`).sort()).toEqual(['1440.jpeg', '1440.webp', '480.jpeg', '480.webp', '720.jpeg', '720.webp', '960.jpeg', '960.webp']);

    // Issue 9 finding 11: before publication the image is the newsroom's — "not found" for a
    // reader, never stored by a cache for the editor.
    const draftAnon = await t.app.inject({ url: `/anh/${img!.id}/960.webp` });
    expect(draftAnon.statusCode).toBe(404);
    expect(draftAnon.headers['cache-control']).not.toContain('public');
    const draftStaff = await t.app.inject({ url: `/anh/${img!.id}/960.webp`, headers: { cookie } });
    expect(draftStaff.statusCode).toBe(200);
    expect(draftStaff.headers['cache-control']).toBe('private, no-store');
    expect((await sharp(draftStaff.rawPayload).metadata()).width).toBe(960);
    const citizen = await loginCookies(t.app, 'congdan@vanhien.test');
    expect((await t.app.inject({ url: `/anh/${img!.id}/960.webp`, headers: { cookie: citizen } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/anh/${img!.id}/2000.webp`, headers: { cookie } })).statusCode).toBe(404);

    const bad = await updateArticle({ services: s, actor: editor }, a.id, a.version, { title: a.title, categoryId, summary: a.summary, bodyMarkdown: 'Ảnh: ![x](/anh/00000000-0000-4000-8000-000000000000)' }).catch((e) => e);
    expect(bad.fields.bodyMarkdown.vi).toContain('ảnh không có trên cổng');

    const current = (await findArticle(s.db, a.id))!;
    const updated = await updateArticle({ services: s, actor: editor }, a.id, current.version, { title: a.title, categoryId, summary: a.summary, bodyMarkdown: `Mở đầu.\n\n![Đoàn nghệ nhân biểu diễn](/anh/${img!.id})` });
    const sub = await submitForReview({ services: s, actor: editor }, a.id, updated.version);
    const pub = await publishNow({ services: s, actor: editor }, a.id, sub.version);
    const page = await t.app.inject({ url: `/tin-tuc/${pub.slug}` });
    expect(page.body).toContain('<picture><source type="image/webp"');
    expect(page.body).toContain('width="1600" height="900" alt="Đoàn nghệ nhân biểu diễn" fetchpriority="high"');
    // Published: anyone, with the year-long public cache.
    const v = await t.app.inject({ url: `/anh/${img!.id}/960.webp` });
    expect(v.statusCode).toBe(200);
    expect(v.headers['content-type']).toBe('image/webp');
    expect(v.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('attaches a PDF, refuses an executable, and offers the PDF for download on the public page', async () => {
    const s = t.platform.services;
    const a = await createArticle({ services: s, actor: editor }, { title: 'Kế hoạch có tệp', categoryId, summary: 'Tóm tắt.', bodyMarkdown: 'Đoạn.' });
    const cookie = await loginCookies(t.app, 'bientap@vanhien.test');
    const exe = await upload(cookie, a.id, 'tep-dinh-kem', [{ field: 'attachmentTitle', value: 'Chương trình' }, { field: 'attachment', filename: 'ke-hoach.pdf', data: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00'), type: 'application/pdf' }]);
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('Chỉ nhận tệp PDF, Word (DOCX)');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const ok = await upload(cookie, a.id, 'tep-dinh-kem', [{ field: 'attachmentTitle', value: 'Kế hoạch tổ chức' }, { field: 'attachment', filename: 'ke-hoach.pdf', data: pdf, type: 'application/pdf' }]);
    expect(ok.statusCode).toBe(302);
    // Before publication the attachment is the newsroom's only, never cached.
    const editorPage = await t.app.inject({ url: `/quan-tri/tin-bai/${a.id}`, headers: { cookie } });
    const draftHref = /href="(\/tin-tuc\/tep\/[^"]+)"/.exec(editorPage.body)?.[1] ?? `/tin-tuc/tep/${(await listAttachments(s.db, a.id))[0]!.id}`;
    expect((await t.app.inject({ url: draftHref })).statusCode).toBe(404);
    const draftFile = await t.app.inject({ url: draftHref, headers: { cookie } });
    expect(draftFile.statusCode).toBe(200);
    expect(draftFile.headers['cache-control']).toBe('private, no-store');
    const current = (await findArticle(s.db, a.id))!;
    const sub = await submitForReview({ services: s, actor: editor }, a.id, current.version);
    const pub = await publishNow({ services: s, actor: editor }, a.id, sub.version);
    const page = await t.app.inject({ url: `/tin-tuc/${pub.slug}` });
    const href = /href="(\/tin-tuc\/tep\/[^"]+)"/.exec(page.body)?.[1];
    expect(page.body).toContain('Kế hoạch tổ chức');
    const file = await t.app.inject({ url: href! });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['cache-control']).toBe('public, max-age=3600');
  });
});

describe('rendered article pages for anonymous readers', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('serves the same page from memory, never to a signed-in reader, and forgets it when an editor acts', async () => {
    const { listPublished } = await import('../index.js');
    const a = (await listPublished(t.platform.services.db, { limit: 1, offset: 0 })).rows[0]!;
    const first = await t.app.inject({ url: `/tin-tuc/${a.slug}` });
    // A change behind the platform's back (no command): the rendered page is still served.
    await t.platform.services.pool.query('UPDATE articles SET title = $1 WHERE id = $2', ['Tiêu đề sửa thẳng trong CSDL', a.id]);
    const second = await t.app.inject({ url: `/tin-tuc/${a.slug}` });
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['cache-control']).toBe('public, max-age=60');
    expect((await t.app.inject({ url: `/tin-tuc/${a.slug}`, headers: { 'if-none-match': String(first.headers.etag) } })).statusCode).toBe(304);

    const cookie = await loginCookies(t.app, 'lanhdao@vanhien.test');
    const staff = await t.app.inject({ url: `/tin-tuc/${a.slug}`, headers: { cookie } });
    expect(staff.body).toContain('Đăng xuất');
    expect(staff.body).toContain('Tiêu đề sửa thẳng trong CSDL');
    expect(staff.headers['cache-control']).toBe('private, no-cache');

    const { csrf, cookie: c2 } = await csrfFor(t.app, `/quan-tri/tin-bai/${a.id}`, cookie);
    const off = await t.app.inject({
      method: 'POST',
      url: `/quan-tri/tin-bai/${a.id}/go-bai`,
      headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, version: String(a.version) }).toString(),
    });
    expect(off.statusCode).toBe(302);
    expect((await t.app.inject({ url: `/tin-tuc/${a.slug}` })).statusCode).toBe(404);
  });
});
