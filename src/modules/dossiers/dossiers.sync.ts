import type { CommandContext } from '../../core/context.js';
import { requirePermission } from '../../core/auth/actor.js';
import { DOSSIER_VIEW_AGENCY } from './dossiers.policy.js';
import * as repo from './dossiers.repository.js';

/**
 * Status changes of dossiers for the National Public Service Portal (Circular 04/2025/TT-VPCP:
 * provincial systems synchronise each dossier's status with the national portal). The fields and
 * status codes follow the national portal's dossier-sync format as commonly published for
 * provincial integrations; they are to be checked against the portal's current technical guide
 * before going live (docs/dvcqg-sync.md). Read-only: the platform does not call the portal here.
 */

/** The national portal's dossier status codes (TrangThaiHoSo). */
export const DVCQG_STATUS: Record<string, number> = {
  submitted: 1, // Mới đăng ký
  received: 2, // Được tiếp nhận
  refused: 3, // Không được tiếp nhận
  processing: 4, // Đang xử lý
  supplement_requested: 5, // Yêu cầu bổ sung giấy tờ
  stopped: 8, // Dừng xử lý
  approved: 9, // Đã xử lý xong
  returned: 10, // Đã trả kết quả
};

/** KenhThucHien: 1 at the desk, 2 online, 3 by post. */
const CHANNEL: Record<string, number> = { desk: 1, online: 2 };

/** yyyyMMddHHmmss in Vietnam's time, the portal's date-time format. */
export function dvcqgTime(d: Date | string | null | undefined): string | null {
  if (!d) return null;
  const t = typeof d === 'string' ? new Date(`${d}T17:00:00+07:00`) : d;
  return new Date(t.getTime() + 7 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export async function syncFeed(ctx: CommandContext, since: number, limit: number) {
  requirePermission(ctx.actor, DOSSIER_VIEW_AGENCY);
  const rows = await repo.eventsSince(ctx.services.pool, since, limit);
  return {
    items: rows.map((r) => ({
      MaHoSo: r.code,
      MaTTHC: r.procedureCode,
      TenTTHC: r.procedureName ?? r.procedureCode,
      DonViXuLy: r.unitCode ?? '',
      KenhThucHien: CHANNEL[r.channel] ?? 2,
      ChuHoSo: r.applicantName,
      TrangThaiHoSo: DVCQG_STATUS[r.status] ?? 4,
      NgayTiepNhan: dvcqgTime(r.receivedAt ?? r.submittedAt),
      NgayHenTra: dvcqgTime(r.dueDate),
      NgayKetThucXuLy: dvcqgTime(r.finishedAt),
      SuKien: r.kind,
      ThoiDiemSuKien: dvcqgTime(r.at),
      cursor: r.eventId,
    })),
    next: rows.length ? rows.at(-1)!.eventId : since,
  };
}
