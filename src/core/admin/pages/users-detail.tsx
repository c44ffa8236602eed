import type { FieldErrors } from '../../errors.js';
import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField } from '../../web/components/form.js';
import { formatDateTimeVi, formatDateVi } from '../../validation.js';
import { assignmentCurrent, kindLabel, StatusTag } from './users-shared.js';

export interface UserDetail {
  id: string;
  email: string;
  fullName: string;
  phone: string | null;
  kind: string;
  status: string;
  totpEnabled: boolean;
  createdAt: Date;
  version: number;
}

export interface AssignmentRow {
  id: string;
  roleName: string;
  roleCode: string;
  unitName: string | null;
  positionCode: string | null;
  validFrom: string;
  validTo: string | null;
}

export function UserDetailPage(p: {
  ctx: PageContext;
  user: UserDetail;
  assignments: AssignmentRow[];
  roles: { code: string; name: string }[];
  units: { id: string; name: string }[];
  positions: { code: string; name: string; nameEn: string | null }[];
  today: string;
  /** sign-in lock-out in force (from the login throttle), if any */
  lock?: { until: Date; addresses: number } | null;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, user } = p;
  const t = ctx.t;
  const v = p.values ?? {};
  const base = `/quan-tri/nguoi-dung/${user.id}`;
  const positionName = (code: string | null) => {
    if (!code) return '';
    const pos = p.positions.find((x) => x.code === code);
    return pos ? (ctx.lang === 'en' && pos.nameEn ? pos.nameEn : pos.name) : code;
  };
  const canAssign = ctx.rights.has('manage:role:all') || ctx.rights.has('*');
  const self = ctx.actor.userId === user.id;
  return (
    <Layout ctx={ctx} title={`${user.fullName} – ${t('Người dùng', 'Users')}`} wide>
      <p>
        <a href="/quan-tri/nguoi-dung">← {t('Danh sách người dùng', 'All users')}</a>
      </p>
      <h1>{user.fullName}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />

      <h2>{t('Thông tin tài khoản', 'Account details')}</h2>
      <dl>
        <dt>{t('Thư điện tử', 'Email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('Số điện thoại', 'Phone')}</dt>
        <dd>{user.phone || t('Chưa có', 'None')}</dd>
        <dt>{t('Loại tài khoản', 'Account type')}</dt>
        <dd>{kindLabel(ctx, user.kind)}</dd>
        <dt>{t('Trạng thái', 'Status')}</dt>
        <dd>
          <StatusTag ctx={ctx} status={user.status} />
        </dd>
        <dt>{t('Khóa đăng nhập', 'Sign-in lock-out')}</dt>
        <dd>
          {p.lock ? (
            <>
              {t(
                `Tạm khóa đến ${formatDateTimeVi(p.lock.until)} do nhập sai mật khẩu nhiều lần (từ ${p.lock.addresses} địa chỉ mạng).`,
                `Locked until ${formatDateTimeVi(p.lock.until)} after repeated wrong passwords (from ${p.lock.addresses} network addresses).`,
              )}{' '}
              <ActionButton ctx={ctx} action={`${base}/mo-khoa`} label={t('Mở khóa', 'Unlock')} variant="secondary" />
            </>
          ) : (
            t('Không bị khóa', 'Not locked')
          )}
        </dd>
        <dt>{t('Xác thực hai lớp', 'Two-factor authentication')}</dt>
        <dd>{user.totpEnabled ? t('Đang bật', 'On') : t('Chưa bật', 'Off')}</dd>
        <dt>{t('Ngày tạo', 'Created')}</dt>
        <dd>{formatDateVi(user.createdAt)}</dd>
      </dl>

      <h2>{t('Bật hoặc tắt tài khoản', 'Enable or disable the account')}</h2>
      {user.status === 'active' ? (
        self ? (
          <p>{t('Bạn không thể tự vô hiệu hóa tài khoản của mình.', 'You cannot disable your own account.')}</p>
        ) : (
          <>
            <p>
              {t(
                'Vô hiệu hóa sẽ kết thúc ngay mọi phiên đăng nhập và mã truy cập API của tài khoản này.',
                'Disabling ends every session and API token of this account at once.',
              )}
            </p>
            <ActionButton ctx={ctx} action={`${base}/trang-thai`} label={t('Vô hiệu hóa tài khoản', 'Disable account')} variant="warning" fields={{ status: 'disabled', version: String(user.version) }} />
          </>
        )
      ) : (
        <ActionButton ctx={ctx} action={`${base}/trang-thai`} label={t('Kích hoạt lại tài khoản', 'Enable account')} variant="primary" fields={{ status: 'active', version: String(user.version) }} />
      )}

      <h2>{t('Vai trò được giao', 'Role assignments')}</h2>
      {user.kind !== 'staff' ? (
        <p>{t('Tài khoản công dân không được giao vai trò.', 'Citizen accounts have no roles.')}</p>
      ) : (
        <>
          <div class="vh-table-wrap">
            <table class="vh-table">
              <caption class="vh-visually-hidden">{t('Các lần giao vai trò của tài khoản', 'Role assignments of this account')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Vai trò', 'Role')}</th>
                  <th scope="col">{t('Đơn vị', 'Unit')}</th>
                  <th scope="col">{t('Chức vụ', 'Position')}</th>
                  <th scope="col">{t('Hiệu lực', 'Valid')}</th>
                  <th scope="col">{t('Tình trạng', 'State')}</th>
                  <th scope="col">
                    <span class="vh-visually-hidden">{t('Thao tác', 'Actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.assignments.length === 0 && (
                  <tr>
                    <td colSpan={6}>{t('Chưa được giao vai trò nào.', 'No roles assigned.')}</td>
                  </tr>
                )}
                {p.assignments.map((a) => {
                  const current = assignmentCurrent(a, p.today);
                  return (
                    <tr key={a.id}>
                      <th scope="row">{a.roleName}</th>
                      <td>{a.unitName ?? t('Toàn cơ quan', 'Whole agency')}</td>
                      <td>{positionName(a.positionCode)}</td>
                      <td>
                        {formatDateVi(a.validFrom)} – {a.validTo ? formatDateVi(a.validTo) : t('nay', 'now')}
                      </td>
                      <td>
                        {current ? (
                          <span class="vh-tag vh-tag--ok">{t('Đang hiệu lực', 'In force')}</span>
                        ) : (
                          <span class="vh-tag vh-tag--off">{a.validFrom > p.today ? t('Chưa hiệu lực', 'Not yet in force') : t('Đã kết thúc', 'Ended')}</span>
                        )}
                      </td>
                      <td>
                        {current && canAssign && (
                          <ActionButton ctx={ctx} action={`${base}/vai-tro/${a.id}/ket-thuc`} label={t(`Kết thúc vai trò ${a.roleName}`, `End role ${a.roleName}`)} variant="warning" />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          {canAssign && (
            <>
              <h3>{t('Giao vai trò', 'Assign a role')}</h3>
              <Form ctx={ctx} action={`${base}/vai-tro`} label={t('Giao vai trò', 'Assign a role')}>
                <SelectField
                  ctx={ctx}
                  name="roleCode"
                  label={t('Vai trò', 'Role')}
                  value={v.roleCode}
                  errors={p.errors}
                  options={[{ value: '', label: t('— Chọn vai trò —', '— Choose a role —') }, ...p.roles.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }))]}
                />
                <SelectField
                  ctx={ctx}
                  name="unitId"
                  label={t('Đơn vị', 'Unit')}
                  value={v.unitId}
                  errors={p.errors}
                  options={[{ value: '', label: t('Toàn cơ quan (không gắn đơn vị)', 'Whole agency (no unit)') }, ...p.units.map((u) => ({ value: u.id, label: u.name }))]}
                />
                <SelectField
                  ctx={ctx}
                  name="positionCode"
                  label={t('Chức vụ', 'Position')}
                  value={v.positionCode}
                  errors={p.errors}
                  options={[
                    { value: '', label: t('Không ghi chức vụ', 'No position') },
                    ...p.positions.map((x) => ({ value: x.code, label: ctx.lang === 'en' && x.nameEn ? x.nameEn : x.name })),
                  ]}
                />
                <Button>{t('Giao vai trò', 'Assign role')}</Button>
              </Form>
            </>
          )}
        </>
      )}
    </Layout>
  );
}
