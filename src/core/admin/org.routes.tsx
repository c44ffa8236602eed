import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../context.js';
import { requirePermission } from '../auth/actor.js';
import { AppError, Errors, type FieldErrors } from '../errors.js';
import { commandContext, formBody, formErrors, formList } from '../web/forms.js';
import { createAgency, createRole, createUnit, setRolePermissions } from '../org/org.commands.js';
import { findAgency, findRole, listAgencies, listPermissions, listPositions, listRoles, listUnits, rolePermissionCodes } from '../org/org.repository.js';
import { OrgStructurePage, type OrgForm } from './pages/org-structure.js';
import { RolesPage } from './pages/org-roles.js';
import { UUID_RE as UUID } from '../validation.js';


// The unit form's fields carry a prefix (two forms share the page, ids must stay unique);
// the command reports errors under its own names.
const UNIT_FIELDS: Record<string, string> = { agencyId: 'unitAgencyId', code: 'unitCode', name: 'unitName', nameEn: 'unitNameEn', kind: 'unitKind', validFrom: 'unitValidFrom' };

function renameFields(errors: FieldErrors, map: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) out[map[k] ?? k] = v;
  return out;
}

/** Admin pages for agencies, units, positions, roles and permissions. */
export async function orgAdminRoutes(app: FastifyInstance, s: Services) {
  async function renderOrg(req: FastifyRequest, reply: FastifyReply, state: { form?: OrgForm; values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number } = {}) {
    const [agencies, units, positions] = await Promise.all([listAgencies(s.db), listUnits(s.db), listPositions(s.db)]);
    return reply.html(
      <OrgStructurePage ctx={reply.page(req)} agencies={agencies} units={units} positions={positions} form={state.form} values={state.values} errors={state.errors} message={state.message} />,
      state.status,
    );
  }

  async function renderRoles(req: FastifyRequest, reply: FastifyReply, state: { form?: string; values?: Record<string, string>; checked?: string[]; errors?: FieldErrors; message?: string; status?: number } = {}) {
    const [roles, permissions, codes] = await Promise.all([listRoles(s.db), listPermissions(s.db), rolePermissionCodes(s.db)]);
    return reply.html(
      <RolesPage
        ctx={reply.page(req)}
        roles={roles.map((r) => ({ id: r.id, code: r.code, name: r.name, description: r.description, version: r.version, permissions: codes.get(r.id) ?? [] }))}
        permissions={permissions}
        form={state.form}
        values={state.values}
        checked={state.checked}
        errors={state.errors}
        message={state.message}
      />,
      state.status,
    );
  }

  app.get('/quan-tri/to-chuc', async (req, reply) => {
    requirePermission(req.actor, 'manage:org:all');
    return renderOrg(req, reply);
  });

  app.post('/quan-tri/to-chuc', async (req, reply) => {
    requirePermission(req.actor, 'manage:org:all');
    const body = formBody(req);
    const form: OrgForm = body.action === 'unit' ? 'unit' : 'agency';
    try {
      if (form === 'unit') {
        const agencyId = body.unitAgencyId ?? '';
        if (!UUID.test(agencyId) || !(await findAgency(s.db, agencyId))) {
          throw Errors.validation({ unitAgencyId: { vi: 'Vui lòng chọn cơ quan.', en: 'Choose an agency.' } });
        }
        const unit = await createUnit(commandContext(req, s), {
          agencyId,
          code: body.unitCode ?? '',
          name: body.unitName ?? '',
          nameEn: body.unitNameEn ?? '',
          kind: body.unitKind ?? '',
          validFrom: body.unitValidFrom ?? '',
        });
        reply.flash(req.lang === 'en' ? `Unit ${unit.code} added.` : `Đã thêm đơn vị ${unit.name}.`);
      } else {
        const predecessorId = body.predecessorId ?? '';
        if (predecessorId && !(UUID.test(predecessorId) && (await findAgency(s.db, predecessorId)))) {
          throw Errors.validation({ predecessorId: { vi: 'Chọn cơ quan tiền thân có trong danh sách.', en: 'Choose a predecessor from the list.' } });
        }
        const agency = await createAgency(commandContext(req, s), {
          code: body.code ?? '',
          name: body.name ?? '',
          nameEn: body.nameEn ?? '',
          address: body.address ?? '',
          phone: body.phone ?? '',
          email: body.email ?? '',
          validFrom: body.validFrom ?? '',
          validTo: body.validTo ?? '',
          predecessorId: predecessorId || undefined,
        });
        reply.flash(req.lang === 'en' ? `Agency ${agency.code} added.` : `Đã thêm cơ quan ${agency.name}.`);
      }
      return reply.redirect('/quan-tri/to-chuc');
    } catch (err) {
      const f = formErrors(err);
      return renderOrg(req, reply, { form, values: body, errors: form === 'unit' ? renameFields(f.errors, UNIT_FIELDS) : f.errors, message: f.message, status: f.status });
    }
  });

  app.get('/quan-tri/vai-tro', async (req, reply) => {
    requirePermission(req.actor, 'manage:role:all');
    return renderRoles(req, reply);
  });

  app.post('/quan-tri/vai-tro', async (req, reply) => {
    requirePermission(req.actor, 'manage:role:all');
    const body = formBody(req);
    try {
      const role = await createRole(commandContext(req, s), { code: body.code ?? '', name: body.name ?? '', description: body.description ?? '' });
      reply.flash(req.lang === 'en' ? `Role ${role.code} created; choose its permissions below.` : `Đã tạo vai trò ${role.name}. Hãy chọn quyền cho vai trò.`);
      return reply.redirect(`/quan-tri/vai-tro#vai-tro-${role.code}`);
    } catch (err) {
      const f = formErrors(err);
      return renderRoles(req, reply, { form: 'create', values: body, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/vai-tro/:id', async (req, reply) => {
    requirePermission(req.actor, 'manage:role:all');
    const { id: rawId } = req.params as { id: string };
    if (!UUID.test(rawId)) throw Errors.notFound('Vai trò');
    const id = rawId.toLowerCase();
    const body = formBody(req);
    const codes = [...new Set(formList(req, 'permissions'))];
    const version = /^\d+$/.test(body.version ?? '') ? Number(body.version) : -1;
    try {
      await setRolePermissions(commandContext(req, s), id, codes, version);
      const role = await findRole(s.db, id);
      reply.flash(req.lang === 'en' ? `Permissions of ${role?.code ?? ''} saved.` : `Đã lưu quyền của vai trò ${role?.name ?? ''}.`);
      return reply.redirect('/quan-tri/vai-tro');
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw err;
      const f = formErrors(err);
      // After a conflict show the current permissions (someone else's change), not the stale ones.
      return renderRoles(req, reply, { form: id, checked: f.status === 409 ? undefined : codes, errors: f.errors, message: f.message, status: f.status });
    }
  });
}
