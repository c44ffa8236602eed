import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, loginCookies, startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { createNotice, publishNotice } from '../notices.commands.js';
import { ANONYMOUS, type Actor } from '../../../core/auth/actor.js';
import { AppError } from '../../../core/errors.js';

describe('notices (example module)', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  const ctx = (actor: Actor) => ({ services: t.platform.services, actor });
  const editor: Actor = { userId: null, label: 'Biên tập', kind: 'staff', grants: [{ permission: 'manage:notice:all', unitId: null }] };

  it('checks permission before anything else', async () => {
    await expect(createNotice(ctx(ANONYMOUS), { title: '', body: '' })).rejects.toMatchObject({ code: 'CORE-200' });
    const clerk: Actor = { ...editor, grants: [] };
    await expect(createNotice(ctx(clerk), { title: 'x', body: 'y' })).rejects.toMatchObject({ code: 'CORE-300' });
  });

  it('publishes with optimistic locking and an audit row per change', async () => {
    const n = await createNotice(ctx(editor), { title: 'Lịch tiếp công dân tháng 12', body: 'Nội dung' });
    await publishNotice(ctx(editor), n.id, n.version);
    const again = publishNotice(ctx(editor), n.id, n.version);
    await expect(again).rejects.toBeInstanceOf(AppError);
    const audit = await t.platform.services.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [n.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['notice.create', 'notice.publish']);
    const list = (await t.app.inject({ url: '/api/v1/notices' })).json();
    expect(list.items.map((i: { title: string }) => i.title)).toContain('Lịch tiếp công dân tháng 12');
  });

  it('the editor form re-renders with Vietnamese errors and keeps the input', async () => {
    const cookie = await loginCookies(t.app, 'bientap@vanhien.test');
    const { csrf, cookie: c2 } = await csrfFor(t.app, '/quan-tri/thong-bao', cookie);
    const res = await t.app.inject({
      method: 'POST',
      url: '/quan-tri/thong-bao',
      headers: { cookie: c2, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, title: 'Tiêu đề giữ lại', body: '' }).toString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Có lỗi cần sửa');
    expect(res.body).toContain('Vui lòng nhập nội dung.');
    expect(res.body).toContain('value="Tiêu đề giữ lại"');
  });

  it('a citizen cannot reach the editor page', async () => {
    const cookie = await loginCookies(t.app, 'congdan@vanhien.test');
    const res = await t.app.inject({ url: '/quan-tri/thong-bao', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Bạn không có quyền');
  });
});
