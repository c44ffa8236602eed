/** The core's own permissions; modules declare theirs in their manifests. */
export const CORE_PERMISSIONS = [
  { code: 'admin:system:all', description: 'Quản trị hệ thống (bắt buộc xác thực hai lớp)' },
  { code: 'manage:user:all', description: 'Quản lý tài khoản người dùng' },
  { code: 'manage:org:all', description: 'Quản lý cơ quan, đơn vị, chức vụ' },
  { code: 'manage:role:all', description: 'Quản lý vai trò, phân quyền' },
  { code: 'view:audit:all', description: 'Xem nhật ký hệ thống' },
  { code: 'manage:calendar:all', description: 'Quản lý lịch làm việc, ngày nghỉ' },
  { code: 'view:mail:all', description: 'Xem hộp thư đi' },
  { code: 'view:workspace:all', description: 'Vào bàn làm việc của cán bộ' },
];
