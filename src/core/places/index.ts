/**
 * Administrative units with validity dates (core/places). Modules reach the units only through
 * these functions (ADR 008); the table is not part of the surface.
 *
 * Since 1 Jul 2025 local government has two levels (province; commune, ward, special zone) and
 * most communes were merged and renamed (domain.md §0). A record keeps the unit code it had on
 * its own date; `successorsAt` tells which of today's units that code became.
 */
import type { Executor } from '../db/index.js';
import {
  type AdminUnit,
  type AdminUnitFilter,
  compareAdminUnits,
  properName,
  selectAdminUnit,
  selectAdminUnits,
  selectPredecessors,
  selectSuccessorsAt,
  tierOf,
} from './places.repository.js';

export { ADMIN_LEVELS, type AdminLevel } from './places.schema.js';
export { type AdminUnit, type AdminUnitFilter, compareAdminUnits, properName, tierOf };
export { seedDemoPlaces } from './places.demo.js';

/** Units matching the filter, in Vietnamese alphabetical order of their proper names
 * ("An Lạc", "Bình An", "Đông Thành" … whether phường or xã). Without `at`, past units are included. */
export function listAdminUnits(db: Executor, filter: AdminUnitFilter = {}): Promise<AdminUnit[]> {
  return selectAdminUnits(db, filter);
}

export function getAdminUnit(db: Executor, code: string): Promise<AdminUnit | undefined> {
  return selectAdminUnit(db, code);
}

/** Every unit (all levels) in force on `date` ('YYYY-MM-DD'). */
export function adminUnitsValidAt(db: Executor, date: string): Promise<AdminUnit[]> {
  return selectAdminUnits(db, { at: date });
}

/** The unit(s) in force on `date` that `code` had become by then: itself if still in force, its
 * successors (through several reorganisations) if it had ended, [] if it did not exist yet or
 * ended without a successor. */
export function successorsAt(db: Executor, code: string, date: string): Promise<AdminUnit[]> {
  return selectSuccessorsAt(db, code, date);
}

/** The units that were merged or split into `code`. */
export function predecessorsOf(db: Executor, code: string): Promise<AdminUnit[]> {
  return selectPredecessors(db, code);
}

/** A unit is in force on `date` (both ends inclusive). */
export function isInForce(u: Pick<AdminUnit, 'validFrom' | 'validTo'>, date: string): boolean {
  return u.validFrom <= date && (u.validTo === null || u.validTo >= date);
}

export const ADMIN_LEVEL_LABELS: Record<AdminUnit['level'], { vi: string; en: string }> = {
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  district: { vi: 'Huyện, quận, thị xã, thành phố thuộc tỉnh', en: 'District' },
  commune: { vi: 'Xã', en: 'Commune' },
  ward: { vi: 'Phường', en: 'Ward' },
  special_zone: { vi: 'Đặc khu', en: 'Special zone' },
};
