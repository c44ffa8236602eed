/**
 * Typed application errors with stable codes. Codes are grouped by owner in ranges, as in
 * FormSG: CORE-1xx input, CORE-2xx auth, CORE-3xx permission, CORE-4xx not found/conflict;
 * each module takes its own prefix. The HTTP mapping lives in one place (core/web/errors.ts).
 */
export type FieldErrors = Record<string, { vi: string; en: string }>;

export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    public readonly vi: string,
    public readonly en: string,
    public readonly fields?: FieldErrors,
  ) {
    super(en);
  }
}

export const Errors = {
  validation: (fields: FieldErrors) =>
    new AppError('CORE-100', 400, 'Thông tin nhập chưa hợp lệ. Vui lòng sửa các lỗi bên dưới.', 'Some input is not valid.', fields),
  badRequest: (vi: string, en: string) => new AppError('CORE-101', 400, vi, en),
  unauthenticated: () => new AppError('CORE-200', 401, 'Bạn cần đăng nhập để tiếp tục.', 'You need to sign in.'),
  badCredentials: () =>
    new AppError('CORE-201', 401, 'Thư điện tử hoặc mật khẩu không đúng.', 'Email or password is incorrect.'),
  locked: (minutes: number) =>
    new AppError(
      'CORE-202',
      423,
      `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
      `Account temporarily locked after repeated failures. Try again in ${minutes} minutes.`,
    ),
  disabled: () => new AppError('CORE-203', 403, 'Tài khoản đã bị vô hiệu hóa.', 'This account is disabled.'),
  badTotp: () => new AppError('CORE-204', 401, 'Mã xác thực không đúng.', 'The verification code is incorrect.'),
  badToken: () =>
    new AppError('CORE-205', 400, 'Liên kết đã hết hạn hoặc không hợp lệ.', 'The link has expired or is invalid.'),
  forbidden: (permission: string) =>
    new AppError('CORE-300', 403, `Bạn không có quyền thực hiện thao tác này (${permission}).`, `You lack permission ${permission}.`),
  notFound: (what = 'Trang') => new AppError('CORE-404', 404, `${what} không tồn tại.`, 'Not found.'),
  conflict: () =>
    new AppError(
      'CORE-409',
      409,
      'Dữ liệu đã được người khác thay đổi trong lúc bạn thao tác. Vui lòng tải lại và thử lại.',
      'Someone else changed this record meanwhile. Reload and try again.',
    ),
  duplicate: (vi: string, en: string) => new AppError('CORE-410', 409, vi, en),
};
