import type { FieldErrors } from '../../errors.js';
import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { DataTable } from '../../web/components/table.js';
import { Button, ErrorSummary, Form, TextField } from '../../web/components/form.js';
import { formatDateVi } from '../../validation.js';
import { kindLabel, StatusTag } from './users-shared.js';

export interface UserRow {
  id: string;
  email: string;
  fullName: string;
  kind: string;
  status: string;
  createdAt: Date;
  roles: string[];
}

export function UsersListPage(p: {
  ctx: PageContext;
  users: UserRow[];
  kind: '' | 'staff' | 'citizen';
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx } = p;
  const t = ctx.t;
  const v = p.values ?? {};
  const kinds: { value: '' | 'staff' | 'citizen'; label: string }[] = [
    { value: '', label: t('Tất cả', 'All') },
    { value: 'staff', label: t('Cán bộ, công chức', 'Staff') },
    { value: 'citizen', label: t('Công dân, doanh nghiệp', 'Citizens and businesses') },
  ];
  return (
    <Layout ctx={ctx} title={t('Người dùng', 'Users')} wide>
      <h1>{t('Người dùng', 'Users')}</h1>
      <form method="get" action="/quan-tri/nguoi-dung" class="vh-filters" aria-label={t('Lọc tài khoản', 'Filter accounts')}>
        <div class="vh-field">
          <label class="vh-label" for="loc-kind">
            {t('Loại tài khoản', 'Account type')}
          </label>
          <select id="loc-kind" name="kind" class="vh-select">
            {kinds.map((k) => (
              <option key={k.value} value={k.value} selected={k.value === p.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="vh-button vh-button--secondary">
          {t('Lọc', 'Filter')}
        </button>
      </form>
      <DataTable
        ctx={ctx}
        caption={`${t('Danh sách tài khoản', 'Accounts')} (${p.users.length})`}
        captionVisible
        rows={p.users}
        rowKey={(u) => u.id}
        empty={t('Không có tài khoản nào.', 'No accounts.')}
        columns={[
          { header: t('Thư điện tử', 'Email'), rowHeader: true, cell: (u) => <a href={`/quan-tri/nguoi-dung/${u.id}`}>{u.email}</a> },
          { header: t('Họ và tên', 'Name'), cell: (u) => u.fullName },
          { header: t('Loại tài khoản', 'Account type'), cell: (u) => kindLabel(ctx, u.kind) },
          { header: t('Trạng thái', 'Status'), cell: (u) => <StatusTag ctx={ctx} status={u.status} /> },
          { header: t('Vai trò hiện tại', 'Current roles'), cell: (u) => (u.roles.length ? u.roles.join(', ') : <span class="vh-hint">{t('Chưa có', 'None')}</span>) },
          { header: t('Ngày tạo', 'Created'), cell: (u) => formatDateVi(u.createdAt) },
        ]}
      />

      <h2 id="tao-tai-khoan">{t('Tạo tài khoản cán bộ', 'Create a staff account')}</h2>
      <p>
        {t(
          'Tài khoản mới chưa có vai trò nào; sau khi tạo, hãy giao vai trò trên trang của tài khoản.',
          'A new account has no roles; assign them on the account page after creating it.',
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/nguoi-dung" label={t('Tạo tài khoản cán bộ', 'Create a staff account')}>
        <TextField ctx={ctx} name="fullName" label={t('Họ và tên', 'Full name')} autocomplete="off" value={v.fullName} errors={p.errors} />
        <TextField ctx={ctx} name="email" label={t('Thư điện tử', 'Email')} type="email" autocomplete="off" value={v.email} errors={p.errors} />
        <TextField
          ctx={ctx}
          name="phone"
          label={t('Số điện thoại (không bắt buộc)', 'Phone (optional)')}
          type="tel"
          autocomplete="off"
          value={v.phone}
          errors={p.errors}
          width="half"
        />
        <TextField
          ctx={ctx}
          name="password"
          label={t('Mật khẩu ban đầu', 'Initial password')}
          hint={t(
            'Ít nhất 8 ký tự, gồm 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký tự đặc biệt. Người dùng nên đổi mật khẩu sau lần đăng nhập đầu tiên.',
            'At least 8 characters with 3 of: lowercase, uppercase, digits, symbols. The user should change it after the first sign-in.',
          )}
          type="password"
          autocomplete="new-password"
          errors={p.errors}
          width="half"
        />
        <Button>{t('Tạo tài khoản', 'Create account')}</Button>
      </Form>
    </Layout>
  );
}
