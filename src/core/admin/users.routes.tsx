import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../context.js';
import { requirePermission } from '../auth/actor.js';
import { AppError, Errors, type FieldErrors } from '../errors.js';
import { formatDateVi, vnIsoDate } from '../validation.js';
import { commandContext, formBody, formErrors } from '../web/forms.js';
import { accountLockOf, createUser, setUserStatus, unlockUser } from '../identity/identity.commands.js';
import { findUser, listUsers } from '../identity/identity.repository.js';
import { assignRole, endAssignment } from '../org/org.commands.js';
import { listAssignments, listPositions, listRoles, listUnits } from '../org/org.repository.js';
import { UsersListPage, type UserRow } from './pages/users-list.js';
import { UserDetailPage } from './pages/users-detail.js';
import { assignmentCurrent } from './pages/users-shared.js';
import { UUID_RE as UUID } from '../validation.js';

const PERMISSION = 'manage:user:all';

type Kind = '' | 'staff' | 'citizen';

function parseKind(v: unknown): Kind {
  return v === 'staff' || v === 'citizen' ? v : '';
}

function userId(req: FastifyRequest): string {
  const { id } = req.params as { id: string };
  if (!UUID.test(id)) throw Errors.notFound('Tài khoản');
  return id.toLowerCase();
}

/** Admin pages for accounts: list, create, deactivate, assign roles. */
export async function userAdminRoutes(app: FastifyInstance, s: Services) {
  async function userRows(kind: Kind): Promise<UserRow[]> {
    const today = vnIsoDate();
    const [users, assignments] = await Promise.all([listUsers(s.db), listAssignments(s.db)]);
    const roles = new Map<string, Set<string>>();
    for (const a of assignments) {
      if (!assignmentCurrent(a, today)) continue;
      const set = roles.get(a.userId) ?? new Set<string>();
      set.add(a.roleName);
      roles.set(a.userId, set);
    }
    return users
      .filter((u) => !kind || u.kind === kind)
      .map((u) => ({ id: u.id, email: u.email, fullName: u.fullName, kind: u.kind, status: u.status, createdAt: u.createdAt, roles: [...(roles.get(u.id) ?? [])].sort() }));
  }

  async function renderDetail(req: FastifyRequest, reply: FastifyReply, id: string, state: { values?: Record<string, string>; errors?: FieldErrors; message?: string; status?: number } = {}) {
    const user = await findUser(s.db, id);
    if (!user) throw Errors.notFound('Tài khoản');
    const [assignments, roles, units, positions, lock] = await Promise.all([
      listAssignments(s.db, id),
      listRoles(s.db),
      listUnits(s.db),
      listPositions(s.db),
      accountLockOf(s, user.email),
    ]);
    assignments.sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : a.roleName.localeCompare(b.roleName, 'vi')));
    const today = vnIsoDate();
    return reply.html(
      <UserDetailPage
        ctx={reply.page(req)}
        user={user}
        assignments={assignments}
        roles={roles}
        units={units.filter((u) => u.validFrom <= today && (!u.validTo || u.validTo >= today))}
        positions={positions}
        today={today}
        lock={lock}
        values={state.values}
        errors={state.errors}
        message={state.message}
      />,
      state.status,
    );
  }

  app.get('/quan-tri/nguoi-dung', async (req, reply) => {
    requirePermission(req.actor, PERMISSION);
    const kind = parseKind((req.query as Record<string, unknown>).kind);
    return reply.html(<UsersListPage ctx={reply.page(req)} users={await userRows(kind)} kind={kind} />);
  });

  app.post('/quan-tri/nguoi-dung', async (req, reply) => {
    requirePermission(req.actor, PERMISSION);
    const body = formBody(req);
    try {
      const user = await createUser(commandContext(req, s), {
        email: body.email ?? '',
        fullName: body.fullName ?? '',
        phone: body.phone ?? '',
        kind: 'staff',
        password: body.password ?? '',
      });
      reply.flash(req.lang === 'en' ? `Account ${user.email} created. Assign a role below.` : `Đã tạo tài khoản ${user.email}. Hãy giao vai trò cho tài khoản.`);
      return reply.redirect(`/quan-tri/nguoi-dung/${user.id}`);
    } catch (err) {
      const f = formErrors(err);
      const { password: _pw, ...keep } = body;
      return reply.html(<UsersListPage ctx={reply.page(req)} users={await userRows('')} kind="" values={keep} errors={f.errors} message={f.message} />, f.status);
    }
  });

  app.get('/quan-tri/nguoi-dung/:id', async (req, reply) => {
    requirePermission(req.actor, PERMISSION);
    return renderDetail(req, reply, userId(req));
  });

  app.post('/quan-tri/nguoi-dung/:id/trang-thai', async (req, reply) => {
    requirePermission(req.actor, PERMISSION);
    const id = userId(req);
    const body = formBody(req);
    const status = body.status === 'active' ? 'active' : body.status === 'disabled' ? 'disabled' : null;
    const version = /^\d+$/.test(body.version ?? '') ? Number(body.version) : -1;
    try {
      if (!status) throw Errors.badRequest('Trạng thái không hợp lệ.', 'Invalid status.');
      await setUserStatus(commandContext(req, s), id, status, version);
      reply.flash(
        status === 'disabled'
          ? req.lang === 'en'
            ? 'The account is disabled; its sessions have ended.'
            : 'Đã vô hiệu hóa tài khoản và kết thúc mọi phiên đăng nhập của tài khoản.'
          : req.lang === 'en'
            ? 'The account is enabled again.'
            : 'Đã kích hoạt lại tài khoản.',
      );
      return reply.redirect(`/quan-tri/nguoi-dung/${id}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw err;
      const f = formErrors(err);
      return renderDetail(req, reply, id, { message: f.message || (req.lang === 'en' ? 'The change was not saved.' : 'Chưa lưu được thay đổi.'), status: f.status });
    }
  });

  app.post('/quan-tri/nguoi-dung/:id/mo-khoa', async (req, reply) => {
    requirePermission(req.actor, PERMISSION);
    const id = userId(req);
    try {
      await unlockUser(commandContext(req, s), id);
      reply.flash(req.lang === 'en' ? 'The account can sign in again.' : 'Đã mở khóa đăng nhập cho tài khoản.');
      return reply.redirect(`/quan-tri/nguoi-dung/${id}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw err;
      const f = formErrors(err);
      return renderDetail(req, reply, id, { message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/nguoi-dung/:id/vai-tro', async (req, reply) => {
    requirePermission(req.actor, PERMISSION);
    const id = userId(req);
    const body = formBody(req);
    const values = { roleCode: body.roleCode ?? '', unitId: body.unitId ?? '', positionCode: body.positionCode ?? '' };
    try {
      requirePermission(req.actor, 'manage:role:all');
      // The command takes these as foreign keys: check them here so a tampered form gets a
      // field error, not a database error.
      const fields: FieldErrors = {};
      if (!values.roleCode) fields.roleCode = { vi: 'Vui lòng chọn vai trò.', en: 'Choose a role.' };
      if (values.unitId && !(UUID.test(values.unitId) && (await listUnits(s.db)).some((u) => u.id === values.unitId))) {
        fields.unitId = { vi: 'Chọn một đơn vị có trong danh sách.', en: 'Choose a unit from the list.' };
      }
      if (values.positionCode && !(await listPositions(s.db)).some((x) => x.code === values.positionCode)) {
        fields.positionCode = { vi: 'Chọn một chức vụ có trong danh sách.', en: 'Choose a position from the list.' };
      }
      if (Object.keys(fields).length) throw Errors.validation(fields);
      const row = await assignRole(commandContext(req, s), { userId: id, roleCode: values.roleCode, unitId: values.unitId || null, positionCode: values.positionCode || null });
      reply.flash(req.lang === 'en' ? `Role assigned from ${formatDateVi(row.validFrom)}.` : `Đã giao vai trò, hiệu lực từ ngày ${formatDateVi(row.validFrom)}.`);
      return reply.redirect(`/quan-tri/nguoi-dung/${id}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw err;
      const f = formErrors(err);
      return renderDetail(req, reply, id, { values, errors: f.errors, message: f.message, status: f.status });
    }
  });

  app.post('/quan-tri/nguoi-dung/:id/vai-tro/:assignmentId/ket-thuc', async (req, reply) => {
    requirePermission(req.actor, PERMISSION);
    const id = userId(req);
    const { assignmentId } = req.params as { assignmentId: string };
    if (!UUID.test(assignmentId)) throw Errors.notFound('Phân công');
    requirePermission(req.actor, 'manage:role:all');
    // Only an assignment of this user that is still in force can be ended from here (ending an
    // already-ended one would rewrite its history).
    const today = vnIsoDate();
    const mine = (await listAssignments(s.db, id)).find((a) => a.id === assignmentId.toLowerCase());
    if (!mine) throw Errors.notFound('Phân công');
    if (!assignmentCurrent(mine, today)) {
      return renderDetail(req, reply, id, {
        message: req.lang === 'en' ? 'This assignment is not in force.' : 'Phân công này hiện không còn hiệu lực.',
        status: 409,
      });
    }
    await endAssignment(commandContext(req, s), mine.id);
    reply.flash(req.lang === 'en' ? `Role ${mine.roleName} ended.` : `Đã kết thúc vai trò ${mine.roleName}.`);
    return reply.redirect(`/quan-tri/nguoi-dung/${id}`);
  });
}
