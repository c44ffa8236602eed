import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../context.js';
import { AppError } from '../errors.js';
import { requirePermission } from '../auth/actor.js';
import { isValidIsoDate, formatDateVi } from '../validation.js';
import { commandContext, formBody, formErrors } from '../web/forms.js';
import { ProblemSchema } from '../web/schemas.js';
import { parseScheduleCsv } from './index.js';
import { importSchedule, removeDayOverride, setDayOverride } from './calendar.commands.js';
import { CalendarAdminPage } from './pages/calendar-admin.js';

const MAX_WORKING_DAYS = 3650;

export async function calendarRoutes(app: FastifyInstance, s: Services) {
  app.get(
    '/api/v1/calendar/due',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Hạn xử lý: ngày làm việc thứ N sau ngày tiếp nhận (ngày tiếp nhận là ngày 0)',
        querystring: Type.Object({
          from: Type.String({ description: 'YYYY-MM-DD', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          workingDays: Type.Integer({ minimum: 0, maximum: MAX_WORKING_DAYS }),
        }),
        response: { 200: Type.Object({ from: Type.String(), workingDays: Type.Integer(), due: Type.String() }), 400: ProblemSchema },
      },
    },
    async (req) => {
      const { from, workingDays } = req.query as { from: string; workingDays: number };
      if (!isValidIsoDate(from)) {
        throw new AppError('CAL-100', 400, `Ngày "${from}" không tồn tại.`, `Date "${from}" does not exist.`, { from: { vi: 'Ngày không tồn tại.', en: 'No such date.' } });
      }
      const cal = await s.calendar.calendar();
      return { from, workingDays, due: cal.addWorkingDays(from, workingDays) };
    },
  );

  app.get(
    '/api/v1/calendar/holidays',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Các ngày nghỉ lễ, Tết, nghỉ bù trong năm (đã áp dụng lịch chính thức)',
        querystring: Type.Object({ year: Type.Integer({ minimum: 1968, maximum: 2199 }) }),
        response: {
          200: Type.Object({
            year: Type.Integer(),
            holidays: Type.Array(Type.Object({ date: Type.String(), name: Type.String(), nameEn: Type.Optional(Type.String()), kind: Type.String(), source: Type.String() })),
            workingDaysSwapped: Type.Array(Type.Object({ date: Type.String(), name: Type.String() })),
          }),
          400: ProblemSchema,
        },
      },
    },
    async (req) => {
      const { year } = req.query as { year: number };
      const cal = await s.calendar.calendar();
      const holidays = cal.holidays(year);
      const swapped = [];
      for (let m = 0; m < 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const iso = `${year}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (!isValidIsoDate(iso)) continue;
          const info = cal.dayInfo(iso);
          const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
          if (info.source === 'override' && info.working && (wd === 0 || wd === 6)) swapped.push({ date: iso, name: info.name ?? '' });
        }
      }
      return { year, holidays, workingDaysSwapped: swapped };
    },
  );

  app.get('/quan-tri/lich', async (req, reply) => {
    requirePermission(req.actor, 'manage:calendar:all');
    const q = req.query as Record<string, string>;
    const year = /^\d{4}$/.test(q.year ?? '') ? Number(q.year) : new Date().getFullYear();
    const cal = await s.calendar.calendar();
    return reply.html(<CalendarAdminPage ctx={reply.page(req)} year={year} holidays={cal.holidays(year)} />);
  });

  app.post('/quan-tri/lich', async (req, reply) => {
    requirePermission(req.actor, 'manage:calendar:all');
    const body = formBody(req);
    const year = Number(body.year) || new Date().getFullYear();
    try {
      if (body.action === 'remove') {
        await removeDayOverride(commandContext(req, s), body.date ?? '');
      } else if (body.action === 'import') {
        const parsed = parseScheduleCsv(body.csv ?? '');
        if (parsed.errors.length) {
          throw new AppError('CAL-101', 400, parsed.errors.map((e) => e.message).join(' '), 'The CSV has errors.', {
            csv: { vi: parsed.errors.map((e) => e.message).join(' '), en: 'The CSV has errors.' },
          });
        }
        const n = await importSchedule(commandContext(req, s), parsed.overrides, 'admin-form');
        reply.flash(req.lang === 'en' ? `Imported ${n} days.` : `Đã nhập ${n} ngày.`);
      } else {
        const o = await setDayOverride(commandContext(req, s), { date: body.date ?? '', kind: body.kind ?? '', name: body.name ?? '' });
        reply.flash(req.lang === 'en' ? `Saved ${formatDateVi(o.date)}.` : `Đã lưu ngày ${formatDateVi(o.date)}.`);
      }
      return reply.redirect(`/quan-tri/lich?year=${year}`);
    } catch (err) {
      const f = formErrors(err);
      const cal = await s.calendar.calendar();
      return reply.html(<CalendarAdminPage ctx={reply.page(req)} year={year} holidays={cal.holidays(year)} values={body} errors={f.errors} message={f.message} />, f.status);
    }
  });
}
