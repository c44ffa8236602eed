import type { FieldErrors } from '../../errors.js';
import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { Button, ErrorSummary, Form, TextField } from '../../web/components/form.js';

export interface RoleView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  version: number;
  permissions: string[];
}

export interface PermissionView {
  code: string;
  description: string;
  owner: string;
}

const safeId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '-');

export function RolesPage(p: {
  ctx: PageContext;
  roles: RoleView[];
  permissions: PermissionView[];
  /** which form failed: 'create' or a role id */
  form?: string;
  values?: Record<string, string>;
  /** the checked codes a failed role form sent, to show them again */
  checked?: string[];
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx } = p;
  const t = ctx.t;
  const owners = [...new Set(p.permissions.map((x) => x.owner))];
  const createValues = p.form === 'create' ? (p.values ?? {}) : {};
  return (
    <Layout ctx={ctx} title={t('Vai trò và quyền', 'Roles and permissions')} wide>
      <h1>{t('Vai trò và quyền', 'Roles and permissions')}</h1>
      <p class="vh-lead">
        {t(
          'Quyền được giao cho vai trò; cán bộ nhận quyền qua vai trò được giao. Thay đổi có hiệu lực ngay ở lần thao tác tiếp theo của người dùng.',
          "Permissions belong to roles; staff get them through their role assignments. Changes apply on the user's next request.",
        )}
      </p>
      {p.form && p.form !== 'create' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}

      <h2>{t('Tổng quan phân quyền', 'Overview')}</h2>
      <div class="vh-table-wrap">
        <table class="vh-table">
          <caption>{t('Ma trận quyền theo vai trò (chỉ xem; sửa ở các biểu mẫu bên dưới)', 'Permissions by role (read only; edit below)')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Quyền', 'Permission')}</th>
              {p.roles.map((r) => (
                <th scope="col" key={r.id}>
                  {r.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.permissions.map((perm) => (
              <tr key={perm.code}>
                <th scope="row">
                  {perm.description} <span class="vh-mono">({perm.code})</span>
                </th>
                {p.roles.map((r) => (
                  <td key={r.id}>
                    {r.permissions.includes(perm.code) ? (
                      <>
                        <span aria-hidden="true">✓</span>
                        <span class="vh-visually-hidden">{t('Có', 'Yes')}</span>
                      </>
                    ) : (
                      <>
                        <span aria-hidden="true">–</span>
                        <span class="vh-visually-hidden">{t('Không', 'No')}</span>
                      </>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('Sửa quyền của từng vai trò', 'Edit the permissions of each role')}</h2>
      {p.roles.map((r) => {
        const failed = p.form === r.id;
        const checked = new Set(failed && p.checked ? p.checked : r.permissions);
        return (
          <form method="post" action={`/quan-tri/vai-tro/${r.id}`} class="vh-form vh-card" key={r.id} id={`vai-tro-${safeId(r.code)}`} aria-label={t(`Quyền của vai trò ${r.name}`, `Permissions of ${r.name}`)}>
            <input type="hidden" name="_csrf" value={ctx.csrf} />
            <input type="hidden" name="version" value={String(r.version)} />
            <fieldset>
              <legend>
                <strong>{r.name}</strong> <span class="vh-mono">({r.code})</span>
              </legend>
              {r.description && <p class="vh-hint">{r.description}</p>}
              {owners.map((owner) => (
                <fieldset key={owner}>
                  <legend>{owner === 'core' ? t('Nền tảng', 'Platform') : t(`Phân hệ ${owner}`, `Module ${owner}`)}</legend>
                  {p.permissions
                    .filter((x) => x.owner === owner)
                    .map((perm) => {
                      const id = `q-${safeId(r.code)}-${safeId(perm.code)}`;
                      return (
                        <div class="vh-field" key={perm.code}>
                          <input type="checkbox" id={id} name="permissions" value={perm.code} checked={checked.has(perm.code)} />{' '}
                          <label for={id}>
                            {perm.description} <span class="vh-mono">({perm.code})</span>
                          </label>
                        </div>
                      );
                    })}
                </fieldset>
              ))}
            </fieldset>
            <Button variant="secondary">{t(`Lưu quyền của ${r.name}`, `Save permissions of ${r.name}`)}</Button>
          </form>
        );
      })}

      <h2 id="tao-vai-tro">{t('Tạo vai trò mới', 'Create a role')}</h2>
      {p.form === 'create' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
      <Form ctx={ctx} action="/quan-tri/vai-tro" label={t('Tạo vai trò mới', 'Create a role')}>
        <TextField
          ctx={ctx}
          name="code"
          label={t('Mã vai trò', 'Role code')}
          hint={t('Chữ thường không dấu, số và dấu gạch dưới, ví dụ: thanh_tra', 'Lowercase letters, digits and underscores, for example thanh_tra')}
          value={createValues.code}
          errors={p.form === 'create' ? p.errors : undefined}
          width="half"
        />
        <TextField ctx={ctx} name="name" label={t('Tên vai trò', 'Role name')} value={createValues.name} errors={p.form === 'create' ? p.errors : undefined} />
        <TextField ctx={ctx} name="description" label={t('Mô tả (không bắt buộc)', 'Description (optional)')} value={createValues.description} errors={p.form === 'create' ? p.errors : undefined} />
        <Button>{t('Tạo vai trò', 'Create role')}</Button>
      </Form>
    </Layout>
  );
}
