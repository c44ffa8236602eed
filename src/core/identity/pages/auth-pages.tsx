import type { FieldErrors } from '../../errors.js';
import type { PageContext } from '../../web/page.js';
import { Layout } from '../../web/layout.js';
import { Button, ErrorSummary, Form, TextField } from '../../web/components/form.js';

interface FormState {
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}

export function LoginPage(p: { ctx: PageContext; next: string; oidcLabel?: string } & FormState) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Đăng nhập', 'Sign in')}>
      <h1>{t('Đăng nhập', 'Sign in')}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {p.oidcLabel && (
        <section aria-labelledby="oidc-title" class="vh-card" style="max-width:40rem;margin-bottom:1.5rem">
          <h2 id="oidc-title">{t('Công dân, doanh nghiệp', 'Citizens and businesses')}</h2>
          <p>{t('Đăng nhập bằng tài khoản định danh điện tử quốc gia.', 'Sign in with your national electronic identity.')}</p>
          <a class="vh-button vh-button--primary" href={`/dang-nhap/oidc?next=${encodeURIComponent(p.next)}`}>
            {p.oidcLabel}
          </a>
        </section>
      )}
      <Form ctx={ctx} action={`/dang-nhap?next=${encodeURIComponent(p.next)}`} label={t('Đăng nhập bằng thư điện tử', 'Sign in with email')}>
        <TextField ctx={ctx} name="email" label={t('Thư điện tử', 'Email')} type="email" autocomplete="username" value={p.values?.email} errors={p.errors} />
        <TextField ctx={ctx} name="password" label={t('Mật khẩu', 'Password')} type="password" autocomplete="current-password" errors={p.errors} />
        <Button>{t('Đăng nhập', 'Sign in')}</Button>
      </Form>
      <p>
        <a href="/quen-mat-khau">{t('Quên mật khẩu?', 'Forgotten your password?')}</a> ·{' '}
        <a href="/dang-ky">{t('Đăng ký tài khoản công dân', 'Create a citizen account')}</a>
      </p>
    </Layout>
  );
}

export function MfaPage(p: { ctx: PageContext; enrol?: { secret: string; uri: string }; action?: string } & FormState) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Xác thực hai lớp', 'Two-factor authentication')}>
      <h1>{t('Xác thực hai lớp', 'Two-factor authentication')}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {p.enrol ? (
        <>
          <p>
            {p.action
              ? t('Xác thực hai lớp bảo vệ tài khoản khi lộ mật khẩu.', 'Two-factor authentication protects your account if your password leaks.')
              : t('Tài khoản quản trị bắt buộc dùng xác thực hai lớp.', 'Administrator accounts must use two-factor authentication.')}{' '}
            {t(
              'Thêm khóa bí mật dưới đây vào ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…), rồi nhập mã 6 chữ số.',
              'Add the secret below to an authenticator app, then enter the 6-digit code.',
            )}
          </p>
          <p>
            {t('Khóa bí mật', 'Secret key')}: <code id="totp-secret">{p.enrol.secret}</code>
          </p>
          {p.enrol.uri && (
            <p class="vh-hint">
              <code>{p.enrol.uri}</code>
            </p>
          )}
        </>
      ) : (
        <p>{t('Nhập mã 6 chữ số trong ứng dụng xác thực của bạn.', 'Enter the 6-digit code from your authenticator app.')}</p>
      )}
      <Form ctx={ctx} action={p.action ?? '/dang-nhap/xac-thuc'}>
        {p.enrol && <input type="hidden" name="secret" value={p.enrol.secret} />}
        <TextField ctx={ctx} name="code" label={t('Mã xác thực', 'Verification code')} inputMode="numeric" autocomplete="one-time-code" width="short" errors={p.errors} />
        <Button>{t('Xác nhận', 'Confirm')}</Button>
      </Form>
    </Layout>
  );
}

export function RegisterPage(p: { ctx: PageContext } & FormState) {
  const { ctx } = p;
  const t = ctx.t;
  const v = p.values ?? {};
  return (
    <Layout ctx={ctx} title={t('Đăng ký tài khoản', 'Create an account')}>
      <h1>{t('Đăng ký tài khoản công dân', 'Create a citizen account')}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/dang-ky">
        <TextField ctx={ctx} name="fullName" label={t('Họ và tên', 'Full name')} autocomplete="name" value={v.fullName} errors={p.errors} />
        <TextField ctx={ctx} name="email" label={t('Thư điện tử', 'Email')} type="email" autocomplete="email" value={v.email} errors={p.errors} />
        <TextField ctx={ctx} name="phone" label={t('Số điện thoại (không bắt buộc)', 'Phone (optional)')} type="tel" autocomplete="tel" value={v.phone} errors={p.errors} width="half" />
        <TextField
          ctx={ctx}
          name="password"
          label={t('Mật khẩu', 'Password')}
          hint={t('Ít nhất 8 ký tự, gồm 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký tự đặc biệt.', 'At least 8 characters with 3 of: lowercase, uppercase, digits, symbols.')}
          type="password"
          autocomplete="new-password"
          errors={p.errors}
        />
        <TextField ctx={ctx} name="confirm" label={t('Nhập lại mật khẩu', 'Confirm password')} type="password" autocomplete="new-password" errors={p.errors} />
        <Button>{t('Đăng ký', 'Create account')}</Button>
      </Form>
    </Layout>
  );
}

/** After registering: the same page whether or not the address already had an account. */
export function RegisterSentPage(p: { ctx: PageContext; email: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Hãy kiểm tra hộp thư', 'Check your email')}>
      <h1>{t('Hãy kiểm tra hộp thư', 'Check your email')}</h1>
      <p class="vh-lead">
        {t('Chúng tôi đã gửi thư đến', 'We have sent an email to')} <strong>{p.email}</strong>.{' '}
        {t(
          'Hãy mở liên kết trong thư trong vòng 24 giờ để hoàn tất đăng ký.',
          'Open the link in it within 24 hours to finish creating your account.',
        )}
      </p>
      <p>
        {t(
          'Không thấy thư? Hãy xem trong thư mục thư rác, hoặc đăng ký lại sau vài phút.',
          'No email? Look in your spam folder, or register again in a few minutes.',
        )}
      </p>
    </Layout>
  );
}

/** The link from the registration mail: a button, so that a mail scanner opening the link
 * does not create the account. */
export function RegisterConfirmPage(p: { ctx: PageContext; token: string; email?: string } & FormState) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Xác nhận đăng ký', 'Confirm your registration')}>
      <h1>{t('Xác nhận đăng ký', 'Confirm your registration')}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {p.email ? (
        <>
          <p>
            {t('Tạo tài khoản công dân cho địa chỉ', 'Create a citizen account for')} <strong>{p.email}</strong>.
          </p>
          <Form ctx={ctx} action="/dang-ky/xac-nhan">
            <input type="hidden" name="token" value={p.token} />
            <Button>{t('Tạo tài khoản', 'Create account')}</Button>
          </Form>
        </>
      ) : (
        !p.message && (
          <p>
            {t('Liên kết đã hết hạn hoặc không hợp lệ.', 'The link has expired or is invalid.')}{' '}
            <a href="/dang-ky">{t('Đăng ký lại', 'Register again')}</a>
          </p>
        )
      )}
    </Layout>
  );
}

export function ForgotPage(p: { ctx: PageContext; sent?: boolean } & FormState) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Quên mật khẩu', 'Forgotten password')}>
      <h1>{t('Quên mật khẩu', 'Forgotten password')}</h1>
      {p.sent ? (
        <p class="vh-lead">
          {t(
            'Nếu địa chỉ này có tài khoản, chúng tôi đã gửi thư hướng dẫn đặt lại mật khẩu. Liên kết có hiệu lực 60 phút.',
            'If this address has an account, we have sent instructions. The link is valid for 60 minutes.',
          )}
        </p>
      ) : (
        <>
          <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
          <Form ctx={ctx} action="/quen-mat-khau">
            <TextField ctx={ctx} name="email" label={t('Thư điện tử', 'Email')} type="email" autocomplete="email" value={p.values?.email} errors={p.errors} />
            <Button>{t('Gửi hướng dẫn', 'Send instructions')}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function ResetPage(p: { ctx: PageContext; token: string } & FormState) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Đặt lại mật khẩu', 'Reset password')}>
      <h1>{t('Đặt lại mật khẩu', 'Reset password')}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/dat-lai-mat-khau">
        <input type="hidden" name="token" value={p.token} />
        <TextField ctx={ctx} name="password" label={t('Mật khẩu mới', 'New password')} type="password" autocomplete="new-password" errors={p.errors} />
        <TextField ctx={ctx} name="confirm" label={t('Nhập lại mật khẩu mới', 'Confirm new password')} type="password" autocomplete="new-password" errors={p.errors} />
        <Button>{t('Đặt lại mật khẩu', 'Reset password')}</Button>
      </Form>
    </Layout>
  );
}

export function AccountPage(p: { ctx: PageContext; email: string; kind: string; totp: boolean }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Tài khoản', 'Account')}>
      <h1>{t('Tài khoản của tôi', 'My account')}</h1>
      <dl>
        <dt>{t('Họ và tên', 'Name')}</dt>
        <dd>{ctx.actor.label}</dd>
        <dt>{t('Thư điện tử', 'Email')}</dt>
        <dd>{p.email}</dd>
        <dt>{t('Loại tài khoản', 'Account type')}</dt>
        <dd>{p.kind === 'staff' ? t('Cán bộ, công chức', 'Staff') : t('Công dân, doanh nghiệp', 'Citizen or business')}</dd>
        <dt>{t('Xác thực hai lớp', 'Two-factor authentication')}</dt>
        <dd>
          {p.totp ? (
            t('Đang bật', 'On')
          ) : (
            <>
              {t('Chưa bật', 'Off')} – <a href="/tai-khoan/xac-thuc-hai-lop">{t('Bật xác thực hai lớp', 'Turn on two-factor authentication')}</a>
            </>
          )}
        </dd>
      </dl>
      <form method="post" action="/dang-xuat-moi-noi">
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        <button type="submit" class="vh-button vh-button--warning">
          {t('Đăng xuất khỏi mọi thiết bị', 'Sign out everywhere')}
        </button>
      </form>
    </Layout>
  );
}
