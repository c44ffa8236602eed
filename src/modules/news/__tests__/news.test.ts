import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import type { Actor } from '../../../core/auth/actor.js';
import { approveArticle, createArticle, publishNow, publishScheduled, submitForReview, updateArticle, unpublishArticle } from '../news.commands.js';
import { findArticle, listCategories, listRevisions, searchPublished } from '../news.repository.js';
import { toDateTimeLocal } from '../news.format.js';
import { ARTICLE_APPROVE, ARTICLE_WRITE } from '../news.policy.js';

describe('news and the editorial workflow', () => {
  let t: TestPlatform;
  let categoryId = '';
  beforeAll(async () => {
    t = await startTestPlatform();
    categoryId = (await listCategories(t.platform.services.db)).find((c) => c.slug === 'chuyen-doi-so')!.id;
  });
  afterAll(async () => t?.close());

  const ctx = (actor: Actor) => ({ services: t.platform.services, actor });
  const editor: Actor = { userId: null, label: 'Biên tập', kind: 'staff', grants: [{ permission: ARTICLE_WRITE, unitId: null }] };
  const approver: Actor = { userId: null, label: 'Lãnh đạo', kind: 'staff', grants: [{ permission: ARTICLE_APPROVE, unitId: null }] };
  const input = (title: string) => ({ title, categoryId, summary: 'Tóm tắt bài thử nghiệm.', bodyMarkdown: 'Đoạn một.\n\nĐoạn hai.', tags: 'thử nghiệm, tin bài' });

  async function post(url: string, cookie: string, fields: Record<string, string>, pageUrl = url) {
    const { csrf, cookie: c2 } = await csrfFor(t.app, pageUrl, cookie);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  it('seeds 6 categories and about 30 published demo articles, 10 per page', async () => {
    const cats = await listCategories(t.platform.services.db);
    expect(cats.map((c) => c.name)).toEqual(['Văn hóa', 'Thể thao', 'Du lịch', 'Thư viện', 'Di sản', 'Chuyển đổi số']);
    const page1 = await t.app.inject({ url: '/tin-tuc' });
    expect(page1.statusCode).toBe(200);
    expect(page1.body.match(/class="vh-list__item"/g)?.length).toBe(10);
    expect(page1.body).toContain('(bài viết minh họa)');
    expect(page1.body).toContain('aria-label="Phân trang"');
    expect(page1.body).toContain('href="/tin-tuc?trang=2"');
    const page4 = await t.app.inject({ url: '/tin-tuc?trang=3' });
    expect(page4.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/tin-tuc?trang=99' })).statusCode).toBe(404);
    const cat = await t.app.inject({ url: '/tin-tuc/chuyen-muc/the-thao' });
    expect(cat.statusCode).toBe(200);
    expect(cat.body).toContain('Đại hội Thể dục thể thao tỉnh lần thứ X');
    expect(cat.body).not.toContain('Hội nghị chuyển đổi số');
    expect((await t.app.inject({ url: '/tin-tuc/chuyen-muc/khong-co' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/tin-tuc?chuyen-muc=du-lich' })).headers.location).toBe('/tin-tuc/chuyen-muc/du-lich');
  });

  it('the whole workflow through the staff pages: write → submit → schedule → the job publishes → public page and RSS', async () => {
    const s = t.platform.services;
    const bientap = await loginCookies(t.app, 'bientap@vanhien.test');
    const lanhdao = await loginCookies(t.app, 'lanhdao@vanhien.test');
    const title = 'Hội thảo <dữ liệu mở> & chuyển đổi số';

    const bad = await post('/quan-tri/tin-bai/moi', bientap, { title, categoryId: '', summary: '', bodyMarkdown: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Có lỗi cần sửa');
    expect(bad.body).toContain('Vui lòng chọn chuyên mục.');
    expect(bad.body).toContain('value="Hội thảo &lt;dữ liệu mở> &amp; chuyển đổi số"');

    const created = await post('/quan-tri/tin-bai/moi', bientap, {
      title,
      categoryId,
      summary: 'Sở trao đổi về dữ liệu mở.',
      bodyMarkdown: 'Nội dung **chính**.\n\n<script>alert(1)</script>',
      tags: 'dữ liệu mở, hội thảo',
      action: 'save',
    });
    expect(created.statusCode).toBe(302);
    const id = String(created.headers.location).split('/').pop()!;
    let a = (await findArticle(s.db, id))!;
    expect(a.slug).toBe('hoi-thao-du-lieu-mo-chuyen-doi-so');
    expect(a.bodyHtml).not.toContain('script');
    expect(a.tags).toEqual(['dữ liệu mở', 'hội thảo']);

    // The editor sees save/submit but no approver buttons.
    const editorView = await t.app.inject({ url: `/quan-tri/tin-bai/${id}`, headers: { cookie: bientap } });
    expect(editorView.body).toContain('Lưu và gửi duyệt');
    expect(editorView.body).not.toContain('Đăng ngay');

    const submitted = await post(`/quan-tri/tin-bai/${id}`, bientap, { title, categoryId, summary: a.summary, bodyMarkdown: a.bodyMarkdown, tags: a.tags.join(', '), slug: a.slug, version: String(a.version), action: 'submit' }, `/quan-tri/tin-bai/${id}`);
    expect(submitted.statusCode).toBe(302);
    a = (await findArticle(s.db, id))!;
    expect(a.status).toBe('submitted');

    // The editor cannot approve: 403.
    const notAllowed = await post(`/quan-tri/tin-bai/${id}/duyet`, bientap, { version: String(a.version), publishAt: '' }, `/quan-tri/tin-bai/${id}`);
    expect(notAllowed.statusCode).toBe(403);

    // The approver sees the approval form; a time in the past is refused in Vietnamese.
    const approverView = await t.app.inject({ url: `/quan-tri/tin-bai/${id}`, headers: { cookie: lanhdao } });
    expect(approverView.body).toContain('type="datetime-local"');
    expect(approverView.body).toContain('Đăng ngay');
    expect(approverView.body).not.toContain('Lưu và gửi duyệt');
    const past = await post(`/quan-tri/tin-bai/${id}/duyet`, lanhdao, { version: String(a.version), publishAt: '', publishAtText: '01/01/2026 08:00' }, `/quan-tri/tin-bai/${id}`);
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('Thời điểm đăng 01/01/2026 08:00 đã qua');
    expect((await findArticle(s.db, id))!.status).toBe('submitted');

    const when = new Date(Date.now() + 3600_000);
    const scheduled = await post(`/quan-tri/tin-bai/${id}/duyet`, lanhdao, { version: String(a.version), publishAt: toDateTimeLocal(when) }, `/quan-tri/tin-bai/${id}`);
    expect(scheduled.statusCode).toBe(302);
    a = (await findArticle(s.db, id))!;
    expect(a.status).toBe('scheduled');
    expect(Math.abs(a.publishAt!.getTime() - when.getTime())).toBeLessThan(60_000);
    expect((await t.app.inject({ url: `/tin-tuc/${a.slug}` })).statusCode).toBe(404);

    // The job at the real clock publishes nothing; an hour later it publishes the article.
    expect((await publishScheduled(s)).map((x) => x.id)).not.toContain(id);
    const published = await publishScheduled(s, new Date(Date.now() + 2 * 3600_000));
    expect(published.map((x) => x.id)).toContain(id);
    a = (await findArticle(s.db, id))!;
    expect(a.status).toBe('published');
    expect(a.publishedAt!.getTime()).toBe(a.publishAt!.getTime());

    const list = await t.app.inject({ url: '/tin-tuc' });
    expect(list.body).toContain('Hội thảo &lt;dữ liệu mở> &amp; chuyển đổi số');
    const page = await t.app.inject({ url: `/tin-tuc/${a.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>chính</strong>');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(page.body).toContain('Tin liên quan');

    const rss = await t.app.inject({ url: '/tin-tuc/rss.xml' });
    expect(rss.statusCode).toBe(200);
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(rss.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(rss.body).toContain('<rss version="2.0"');
    expect(rss.body).toContain('<title>Hội thảo &lt;dữ liệu mở&gt; &amp; chuyển đổi số</title>');
    expect(rss.body).not.toContain(title);
    expect(rss.body.split('<item>').length - 1).toBe(20);
    expect(rss.body.split('<item>').length).toBe(rss.body.split('</item>').length);

    // Found without diacritics, exact-diacritic title first.
    const found = await searchPublished(s.db, 'du lieu mo');
    expect(found[0]!.id).toBe(id);

    const audit = await s.pool.query(`SELECT action, actor_label FROM audit_log WHERE entity = 'article' AND entity_id = $1 ORDER BY id`, [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['article.create', 'article.submit', 'article.schedule', 'article.publish_scheduled']);
    expect(audit.rows[3].actor_label).toContain('Hệ thống');
  });

  it('refuses a past schedule, a missing permission and a stale version', async () => {
    const a = await createArticle(ctx(editor), input('Bài kiểm tra quyền và phiên bản'));
    await expect(approveArticle(ctx(editor), a.id, a.version)).rejects.toMatchObject({ code: 'CORE-300', status: 403 });
    const sub = await submitForReview(ctx(editor), a.id, a.version);
    await expect(approveArticle(ctx(approver), sub.id, sub.version, { publishAt: new Date(Date.now() - 60_000) })).rejects.toMatchObject({ code: 'CORE-100', fields: { publishAt: expect.anything() } });
    await expect(approveArticle(ctx(approver), sub.id, sub.version, { publishAt: '31/02/2027 08:00' })).rejects.toMatchObject({ code: 'CORE-100' });
    // Someone saved in between: the old version is refused with 409.
    const edited = await updateArticle(ctx(editor), sub.id, sub.version, { ...input('Bài kiểm tra quyền và phiên bản'), summary: 'Đã sửa.' });
    expect(edited.version).toBe(sub.version + 1);
    await expect(updateArticle(ctx(editor), sub.id, sub.version, { ...input('x'), summary: 'Ghi đè' })).rejects.toMatchObject({ code: 'CORE-409', status: 409 });
    await expect(publishNow(ctx(approver), sub.id, sub.version)).rejects.toMatchObject({ code: 'CORE-409' });
    // Drafts cannot be published before review.
    const draft = await createArticle(ctx(editor), input('Bản nháp chưa gửi duyệt'));
    await expect(publishNow(ctx(approver), draft.id, draft.version)).rejects.toMatchObject({ code: 'NEWS-100' });
  });

  it('the staff page answers 409 on a stale version and keeps what was typed', async () => {
    const a = await createArticle(ctx(editor), input('Bài hai người cùng sửa'));
    await updateArticle(ctx(editor), a.id, a.version, { ...input('Bài hai người cùng sửa'), summary: 'Người thứ nhất đã lưu.' });
    const bientap = await loginCookies(t.app, 'bientap@vanhien.test');
    const res = await post(`/quan-tri/tin-bai/${a.id}`, bientap, { title: 'Tiêu đề của người thứ hai', categoryId, summary: 'x', bodyMarkdown: 'y', version: String(a.version), action: 'save' }, `/quan-tri/tin-bai/${a.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('đã được người khác thay đổi');
    expect(res.body).toContain('value="Tiêu đề của người thứ hai"');
  });

  it('keeps the slug when the title changes; an explicit new slug redirects the old one (301)', async () => {
    const s = t.platform.services;
    let a = await createArticle(ctx(editor), input('Giải Việt dã truyền thống'));
    expect(a.slug).toBe('giai-viet-da-truyen-thong');
    const twin = await createArticle(ctx(editor), input('Giải việt dã truyền thống!'));
    expect(twin.slug).toBe('giai-viet-da-truyen-thong-2');
    a = await submitForReview(ctx(editor), a.id, a.version);
    a = await publishNow(ctx(approver), a.id, a.version);
    // An approver corrects the published title: the URL stays.
    const both: Actor = { ...editor, grants: [...editor.grants, ...approver.grants] };
    a = await updateArticle(ctx(both), a.id, a.version, { ...input('Giải Việt dã truyền thống mở rộng năm 2026'), slug: a.slug });
    expect(a.slug).toBe('giai-viet-da-truyen-thong');
    expect(a.status).toBe('published');
    // An editor alone may not change a published article in place.
    await expect(updateArticle(ctx(editor), a.id, a.version, input('Sửa lén'))).rejects.toMatchObject({ code: 'NEWS-102' });
    a = await updateArticle(ctx(both), a.id, a.version, { ...input(a.title), slug: 'viet-da-2026' });
    expect(a.slug).toBe('viet-da-2026');
    const old = await t.app.inject({ url: '/tin-tuc/giai-viet-da-truyen-thong' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/tin-tuc/viet-da-2026');
    expect((await t.app.inject({ url: '/tin-tuc/viet-da-2026' })).statusCode).toBe(200);
    // The old slug is not given to another article.
    const third = await createArticle(ctx(editor), input('Giải Việt dã truyền thống'));
    expect(third.slug).toBe('giai-viet-da-truyen-thong-3');
    await expect(updateArticle(ctx(editor), twin.id, twin.version, { ...input(twin.title), slug: 'viet-da-2026' })).rejects.toMatchObject({ code: 'CORE-100', fields: { slug: expect.anything() } });
    expect((await listRevisions(s.db, a.id)).length).toBe(3);
    await unpublishArticle(ctx(approver), a.id, a.version);
    expect((await t.app.inject({ url: '/tin-tuc/viet-da-2026' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/tin-tuc/giai-viet-da-truyen-thong' })).statusCode).toBe(404);
  });

  it('caches the article page and the RSS feed with ETag (304) and Cache-Control', async () => {
    const list = await t.app.inject({ url: '/tin-tuc' });
    const slug = /href="\/tin-tuc\/([a-z0-9-]+)"/.exec(list.body.slice(list.body.indexOf('vh-list__item')))![1]!;
    const first = await t.app.inject({ url: `/tin-tuc/${slug}` });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await t.app.inject({ url: `/tin-tuc/${slug}`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // Another language is another page: no 304.
    expect((await t.app.inject({ url: `/tin-tuc/${slug}`, headers: { 'if-none-match': etag, cookie: 'lang=en' } })).statusCode).toBe(200);

    const rss = await t.app.inject({ url: '/tin-tuc/rss.xml' });
    expect(rss.headers['cache-control']).toBe('public, max-age=60');
    const rss304 = await t.app.inject({ url: '/tin-tuc/rss.xml', headers: { 'if-none-match': String(rss.headers.etag) } });
    expect(rss304.statusCode).toBe(304);
    const catRss = await t.app.inject({ url: '/tin-tuc/chuyen-muc/di-san/rss.xml' });
    expect(catRss.statusCode).toBe(200);
    expect(catRss.body).toContain('Di sản');
  });

  it('restores an old revision as a new one and shows a diff', async () => {
    const s = t.platform.services;
    let a = await createArticle(ctx(editor), { ...input('Bài có nhiều phiên bản'), bodyMarkdown: 'Dòng chung\nDòng cũ' });
    a = await updateArticle(ctx(editor), a.id, a.version, { ...input('Bài có nhiều phiên bản'), bodyMarkdown: 'Dòng chung\nDòng mới' });
    const revs = await listRevisions(s.db, a.id);
    const first = revs.find((r) => r.version === 1)!;
    const bientap = await loginCookies(t.app, 'bientap@vanhien.test');
    const diff = await t.app.inject({ url: `/quan-tri/tin-bai/${a.id}/phien-ban/${first.id}`, headers: { cookie: bientap } });
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toContain('- Dòng cũ');
    expect(diff.body).toContain('+ Dòng mới');
    const restored = await post(`/quan-tri/tin-bai/${a.id}/phien-ban/${first.id}/khoi-phuc`, bientap, { version: String(a.version) }, `/quan-tri/tin-bai/${a.id}`);
    expect(restored.statusCode).toBe(302);
    const now = (await findArticle(s.db, a.id))!;
    expect(now.bodyMarkdown).toBe('Dòng chung\nDòng cũ');
    expect((await listRevisions(s.db, a.id)).length).toBe(3);
    const citizen = await loginCookies(t.app, 'congdan@vanhien.test');
    expect((await t.app.inject({ url: '/quan-tri/tin-bai', headers: { cookie: citizen } })).statusCode).toBe(403);
    const staffList = await t.app.inject({ url: '/quan-tri/tin-bai?trang-thai=draft', headers: { cookie: bientap } });
    expect(staffList.body).toContain('Bài có nhiều phiên bản');
  });
});
