import { date, integer, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.js';

/** Agencies carry validity dates: after the 2025 merger names and parents change, and old
 * records must keep the agency they were made under (a renamed agency is a new row pointing
 * to its predecessor). */
export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  shortName: text('short_name'),
  address: text('address'),
  phone: text('phone'),
  email: text('email'),
  predecessorId: uuid('predecessor_id').references((): AnyPgColumn => agencies.id),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const units = pgTable('units', {
  id: uuid('id').primaryKey().defaultRandom(),
  agencyId: uuid('agency_id')
    .notNull()
    .references(() => agencies.id),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  kind: text('kind', { enum: ['leadership', 'department', 'office', 'inspectorate', 'public_service'] }).notNull(),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
  sort: integer('sort').notNull().default(0),
  version: integer('version').notNull().default(1),
});

export const positions = pgTable('positions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  rank: integer('rank').notNull().default(100),
});

/** Permissions are data: `action:entity:scope`, declared by the core and by module manifests. */
export const permissions = pgTable('permissions', {
  code: text('code').primaryKey(),
  description: text('description').notNull(),
  owner: text('owner').notNull(),
});

export const roles = pgTable('roles', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  description: text('description'),
  version: integer('version').notNull().default(1),
});

export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    permissionCode: text('permission_code')
      .notNull()
      .references(() => permissions.code, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permissionCode] })],
);

export const roleAssignments = pgTable('role_assignments', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  roleId: uuid('role_id')
    .notNull()
    .references(() => roles.id, { onDelete: 'cascade' }),
  unitId: uuid('unit_id').references(() => units.id),
  positionCode: text('position_code').references(() => positions.code),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
});
