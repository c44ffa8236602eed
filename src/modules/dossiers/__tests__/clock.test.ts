import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import type { Actor } from '../../../core/auth/actor.js';
import { findUserByEmail } from '../../../core/identity/identity.repository.js';
import { grantsForUser } from '../../../core/org/org.repository.js';
import { vnIsoDate } from '../../../core/validation.js';
import { attachFile, createDraftFromApi, noticePdf, submitDossier } from '../dossiers.commands.js';
import { assignDossier, extendDossier, forwardDossier, pauseDossier, receiveDossier, resumeDossier, specialistsFor, stopDossier } from '../dossiers.processing.js';
import * as repo from '../dossiers.repository.js';
import { clockStartDay, formatDossierCode } from '../dossiers.code.js';
import { loadConfig } from '../../../core/config.js';
import { forgetCachedVersions } from '../../procedures/index.js';
import { runDossierReminders } from '../dossiers.reminders.js';

/**
 * The statutory clock on the real 2026 calendar (seeded schedule): pauses for verification and the
 * once-only apology with a new date (Form 04), and the stop notice (Form 05).
 */
const KARAOKE = 'DEMO.000101';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const ANSWERS = {
  fullName: 'Trịnh Văn Đồng Hồ',
  idNumber: '079088001234',
  phone: '0912000111',
  email: 'congdan@vanhien.test',
  address: '5 Trần Hưng Đạo, phường Phú Cường',
  applicantType: 'ca-nhan',
  businessName: 'Karaoke Đồng Hồ (demo)',
  taxCode: '0101234568',
  venueAddress: '7 Trần Hưng Đạo, phường Phú Cường',
  areaType: 'do-thi',
  roomCount: '2',
  roomAreas: 'Phòng 1 – 24 m²; Phòng 2 – 28 m²',
  commitGlassDoor: 'true',
  commitConditions: 'true',
  commitTruthful: 'true',
  consentPersonalData: 'true',
};

/** 09:00 in Vietnam on an ISO day. */
const at = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);

describe('afternoon cut-off and the code format (configuration)', () => {
  it('counts a dossier received after the cut-off from the next working day', async () => {
    const { WorkingCalendar, SCHEDULE_2026 } = await import('../../../core/calendar/index.js');
    const cal = new WorkingCalendar({ overrides: SCHEDULE_2026 });
    // Wed 29/04/2026 at 15:30 with a 15:00 cut-off: counted from Mon 04/05 (30/04, 01/05 off; weekend).
    expect(clockStartDay(cal, at('2026-04-29', 14), '15:00')).toBe('2026-04-29');
    expect(clockStartDay(cal, new Date('2026-04-29T15:30:00+07:00'), '15:00')).toBe('2026-05-04');
    expect(clockStartDay(cal, new Date('2026-04-29T15:30:00+07:00'))).toBe('2026-04-29');
    // On a day off the calendar already counts from the next working day.
    expect(clockStartDay(cal, new Date('2026-05-02T16:00:00+07:00'), '15:00')).toBe('2026-05-02');
  });

  it('refuses a code format without the agency, the day or a sequence of at least 4 digits', () => {
    expect(loadConfig({ DOSSIER_CODE_FORMAT: 'HS-{agency}-{yyyymmdd}-{seq:6}' }).dossiers.codeFormat).toBe('HS-{agency}-{yyyymmdd}-{seq:6}');
    expect(() => loadConfig({ DOSSIER_CODE_FORMAT: '{agency}-{yymmdd}-{seq:3}' })).toThrow(/DOSSIER_CODE_FORMAT/);
    expect(() => loadConfig({ DOSSIER_CODE_FORMAT: '{yymmdd}-{seq:4}' })).toThrow(/DOSSIER_CODE_FORMAT/);
    expect(() => loadConfig({ DOSSIER_AFTERNOON_CUTOFF: '3pm' })).toThrow(/DOSSIER_AFTERNOON_CUTOFF/);
    expect(formatDossierCode('HS-{agency}-{yyyymmdd}-{seq:6}', { agency: 'A1', day: '2026-11-25', seq: 42 })).toBe('HS-A1-20261125-000042');
  });
});

describe('the dossier clock on the 2026 calendar', () => {
  let t: TestPlatform;
  const actors: Record<string, Actor> = {};
  beforeAll(async () => {
    t = await startTestPlatform();
    const db = t.platform.services.db;
    for (const [key, email] of [
      ['citizen', 'congdan@vanhien.test'],
      ['desk', 'tiepnhan@vanhien.test'],
      ['specialist', 'chuyenvien@vanhien.test'],
      ['leader', 'lanhdao@vanhien.test'],
    ] as const) {
      const u = (await findUserByEmail(db, email))!;
      actors[key] = { userId: u.id, label: u.fullName, kind: key === 'citizen' ? 'citizen' : 'staff', email: u.email, grants: await grantsForUser(db, u.id, vnIsoDate()) };
    }
  });
  afterAll(async () => t?.close());

  const ctx = (who: string) => ({ services: t.platform.services, actor: actors[who]! });

  async function receivedOn(key: string, day: string) {
    const { dossier } = await createDraftFromApi(ctx('citizen'), { procedureCode: KARAOKE, answers: ANSWERS, idempotencyKey: `${key}-create` });
    for (let i = 0; i < 3; i++) await attachFile(ctx('citizen'), dossier.id, i, { data: PDF, originalName: `giay-to-${i + 1}.pdf` });
    const d = (await submitDossier(ctx('citizen'), dossier.id, `${key}-submit`, { now: at(day, 8) })).dossier;
    return receiveDossier(ctx('desk'), d.id, { version: d.version }, { now: at(day) });
  }

  it('pauses for a site inspection across National Day and moves the due date by the working days paused', async () => {
    // Received Thu 27/08/2026; 5 working days skip 01–02/09 (Quốc khánh) → due Mon 07/09.
    const r = await receivedOn('pause-2-9', '2026-08-27');
    expect(r.dueDate).toBe('2026-09-07');
    const specialists = await specialistsFor(t.platform.services.db, await unitIdOf(r.id));
    const a = await assignDossier(ctx('desk'), r.id, { version: r.version, assigneeId: specialists[0]!.id }, { now: at('2026-08-28') });

    // A pause needs its reason; the specialist of the unit may pause.
    await expect(pauseDossier(ctx('specialist'), r.id, { version: a.version, reason: ' ' }, { now: at('2026-08-31') })).rejects.toMatchObject({ code: 'CORE-100' });
    const p = await pauseDossier(ctx('specialist'), r.id, { version: a.version, reason: 'Đoàn thẩm định kiểm tra thực tế cơ sở' }, { now: at('2026-08-31') });
    expect(p.pausedAt).toEqual(at('2026-08-31'));
    // While the facts are being checked nothing is decided; a second pause is refused too.
    await expect(forwardDossier(ctx('specialist'), r.id, { version: p.version }, { now: at('2026-09-01') })).rejects.toMatchObject({ code: 'DOSSIER-203' });
    await expect(pauseDossier(ctx('specialist'), r.id, { version: p.version, reason: 'Lần hai' })).rejects.toMatchObject({ code: 'DOSSIER-203' });

    // Resumed Fri 04/09: paused 2 working days (03, 04/09; 01–02/09 are days off) → due Wed 09/09.
    const back = await resumeDossier(ctx('specialist'), r.id, { version: p.version }, { now: at('2026-09-04') });
    expect(back.pausedAt).toBeNull();
    expect(back.dueDate).toBe('2026-09-09');
    await expect(resumeDossier(ctx('specialist'), r.id, { version: back.version })).rejects.toMatchObject({ code: 'DOSSIER-204' });
    const events = await repo.listEvents(t.platform.services.db, r.id);
    expect(events.map((e) => e.kind)).toEqual(['submitted', 'received', 'assigned', 'paused', 'resumed']);
    expect(events.at(-1)!.note).toContain('tạm dừng 2 ngày làm việc');
  });

  it('refuses a pause where the procedure does not allow one', async () => {
    // The karaoke procedure allows a site inspection; its version is switched off for this test.
    const d = await receivedOn('nopause', '2026-10-05');
    await t.platform.services.pool.query('UPDATE procedure_versions SET pause_allowed = false WHERE id = $1', [d.procedureVersionId]);
    forgetCachedVersions();
    try {
      await expect(pauseDossier(ctx('desk'), d.id, { version: d.version, reason: 'Kiểm tra' })).rejects.toMatchObject({ code: 'DOSSIER-205' });
    } finally {
      await t.platform.services.pool.query('UPDATE procedure_versions SET pause_allowed = true WHERE id = $1', [d.procedureVersionId]);
      forgetCachedVersions();
    }
  });

  it('extends once, by a leader, no later than one working day before the due date (swapped Saturday 10/01/2026)', async () => {
    // Received Mon 05/01/2026: Saturday 10/01 is a working day (made up for 02/01) → due Sat 10/01.
    const r = await receivedOn('extend', '2026-01-05');
    expect(r.dueDate).toBe('2026-01-10');
    // The desk cannot sign the apology; a leader can.
    await expect(extendDossier(ctx('desk'), r.id, { version: r.version, reason: 'Chờ ý kiến', extraDays: 3 }, { now: at('2026-01-09') })).rejects.toMatchObject({
      code: 'CORE-300',
    });
    await expect(extendDossier(ctx('leader'), r.id, { version: r.version, reason: 'Chờ ý kiến', extraDays: 0 }, { now: at('2026-01-09') })).rejects.toMatchObject({
      code: 'CORE-100',
    });
    // Fri 09/01 is one working day before Sat 10/01: allowed; 3 more working days → Wed 14/01.
    const e = await extendDossier(ctx('leader'), r.id, { version: r.version, reason: 'Chờ ý kiến thẩm định của Công an tỉnh', extraDays: 3 }, { now: at('2026-01-09') });
    expect(e.dueDate).toBe('2026-01-14');
    expect(e.extensionCount).toBe(1);
    await expect(extendDossier(ctx('leader'), r.id, { version: e.version, reason: 'Lần hai', extraDays: 2 }, { now: at('2026-01-12') })).rejects.toMatchObject({
      code: 'DOSSIER-206',
    });

    // Form 04 is issued and downloadable by the applicant.
    const { pdf } = await noticePdf(ctx('citizen'), { id: r.id }, '04');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const ev = (await repo.listEvents(t.platform.services.db, r.id)).find((x) => x.kind === 'extended')!;
    expect(ev.details).toMatchObject({ from: '2026-01-10', to: '2026-01-14', extraDays: 3 });

    // On the due date itself it is too late.
    const late = await receivedOn('extend-late', '2026-01-05');
    await expect(extendDossier(ctx('leader'), late.id, { version: late.version, reason: 'Chậm', extraDays: 2 }, { now: at('2026-01-10') })).rejects.toMatchObject({
      code: 'DOSSIER-207',
    });
  });

  it('stops at the applicant’s request with Form 05, and not once a decision exists', async () => {
    const r = await receivedOn('stop', '2026-03-02');
    const s = await stopDossier(ctx('desk'), r.id, { version: r.version, reason: 'Người nộp đề nghị rút hồ sơ để điều chỉnh diện tích phòng hát' }, { now: at('2026-03-03') });
    expect(s.status).toBe('stopped');
    const { pdf } = await noticePdf(ctx('citizen'), { id: r.id }, '05');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await expect(noticePdf(ctx('citizen'), { id: r.id }, '04')).rejects.toMatchObject({ code: 'CORE-404' });
  });

  it('reminds the specialist and the leaders 2 and 1 working days before the due date and when overdue, once each', async () => {
    const s = t.platform.services;
    // Received Mon 28/09/2026 → due Mon 05/10 (29, 30/09, 01, 02, 05/10).
    const r = await receivedOn('remind', '2026-09-28');
    expect(r.dueDate).toBe('2026-10-05');
    const specialists = await specialistsFor(s.db, await unitIdOf(r.id));
    await assignDossier(ctx('desk'), r.id, { version: r.version, assigneeId: specialists[0]!.id }, { now: at('2026-09-28', 10) });
    const kinds = async () => (await s.pool.query('SELECT kind FROM dossier_reminders WHERE dossier_id = $1 ORDER BY sent_at', [r.id])).rows.map((x) => x.kind);
    await runDossierReminders(s, at('2026-09-30'));
    expect(await kinds()).toEqual([]);
    await runDossierReminders(s, at('2026-10-01'));
    await runDossierReminders(s, at('2026-10-01', 15));
    expect(await kinds()).toEqual(['due_in_2']);
    await runDossierReminders(s, at('2026-10-02'));
    await runDossierReminders(s, at('2026-10-05'));
    await runDossierReminders(s, at('2026-10-06'));
    await runDossierReminders(s, at('2026-10-07'));
    expect(await kinds()).toEqual(['due_in_2', 'due_in_1', 'overdue']);
    const mail = await s.pool.query('SELECT to_address, subject FROM mail_outbox WHERE subject LIKE $1 ORDER BY created_at', [`%${r.code}%`]);
    const to = new Set(mail.rows.map((m) => m.to_address));
    expect(to.has('chuyenvien@vanhien.test')).toBe(true);
    expect(to.has('lanhdao@vanhien.test')).toBe(true);
    expect(mail.rows.some((m) => m.subject === `[Quá hạn] Hồ sơ ${r.code}`)).toBe(true);
    const events = (await repo.listEvents(s.db, r.id)).filter((e) => e.kind === 'reminder');
    expect(events).toHaveLength(3);
  });

  async function unitIdOf(id: string): Promise<string | null> {
    const d = (await repo.findDossier(t.platform.services.db, id))!;
    const r = await t.platform.services.pool.query('SELECT id FROM units WHERE code = $1', [d.unitCode]);
    return r.rows[0]?.id ?? null;
  }
});
