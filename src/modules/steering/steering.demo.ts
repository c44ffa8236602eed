import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit/audit.js';
import { SYSTEM } from '../../core/auth/actor.js';
import type { Services } from '../../core/context.js';
import { transaction } from '../../core/db/index.js';
import { loadDemoData } from '../../core/demo-data.js';
import { buildReportContent } from './steering.figures.js';
import {
  type TaskStatus,
  steeringBodies,
  steeringConclusions,
  steeringCriteria,
  steeringMeetings,
  steeringMembers,
  steeringPlans,
  steeringReportVersions,
  steeringReports,
  steeringTargets,
  steeringTaskUpdates,
  steeringTasks,
} from './steering.schema.js';

/* Not under a data/ folder: .gitignore leaves data/ out (a lost rules file broke CI once). */
const CRITERIA_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'steering.criteria.json');
const CRITERIA_FILE_SRC = CRITERIA_FILE.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`);

/** The index criteria are data with an effective year, upserted on every start (one statement). */
export async function seedCriteria(s: Services) {
  const file = fs.existsSync(CRITERIA_FILE) ? CRITERIA_FILE : CRITERIA_FILE_SRC;
  const rows = (JSON.parse(fs.readFileSync(file, 'utf8')) as { criteria: (typeof steeringCriteria.$inferInsert)[] }).criteria;
  await s.db
    .insert(steeringCriteria)
    .values(rows.map((r) => ({ ...r, indicatorCode: r.indicatorCode ?? null, fullAt: r.fullAt ?? null })))
    .onConflictDoUpdate({
      target: [steeringCriteria.indexKind, steeringCriteria.code, steeringCriteria.effectiveYear],
      set: {
        label: sql`excluded.label`,
        maxPoints: sql`excluded.max_points`,
        evidence: sql`excluded.evidence`,
        indicatorCode: sql`excluded.indicator_code`,
        fullAt: sql`excluded.full_at`,
        legalBasis: sql`excluded.legal_basis`,
      },
    });
}

const Str = Type.String();
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const BodySchema = Type.Object({
  name: Str,
  decisionNumber: Str,
  decisionDate: DateStr,
  issuer: Str,
  members: Type.Array(Type.Array(Str, { minItems: 3, maxItems: 3 })),
  changes: Type.Optional(Type.Array(Type.Object({ fullName: Str, position: Str, role: Str, fromDate: DateStr, decisionNumber: Str }))),
});
const DemoSchema = Type.Object({
  note: Str,
  committee: BodySchema,
  workingGroup: BodySchema,
  plan: Type.Object({
    number: Str,
    issuedOn: DateStr,
    issuer: Str,
    title: Str,
    periodFrom: DateStr,
    periodTo: DateStr,
    sourcePlan: Str,
    targets: Type.Array(
      Type.Object({
        label: Str,
        indicatorCode: Type.Optional(Str),
        comparator: Type.Optional(Type.Union([Type.Literal('>='), Type.Literal('<=')])),
        targetValue: Type.Optional(Type.Number()),
        periodCode: Type.Optional(Str),
      }),
    ),
  }),
  tasks: Type.Array(
    Type.Object({
      title: Str,
      ownerUnit: Str,
      coUnits: Type.Array(Str),
      deadline: DateStr,
      expectedProduct: Str,
      status: Type.Union(['not_started', 'on_track', 'at_risk', 'done', 'dropped'].map((x) => Type.Literal(x))),
      progress: Type.Integer({ minimum: 0, maximum: 100 }),
      evidenceLink: Type.Optional(Str),
      dropReason: Type.Optional(Str),
    }),
  ),
  conference: Type.Object({
    title: Str,
    heldOn: DateStr,
    chair: Str,
    agenda: Str,
    participants: Str,
    minutes: Str,
    conclusions: Type.Array(Type.Object({ text: Str, ownerUnit: Str, coUnits: Type.Optional(Type.Array(Str)), deadline: DateStr, expectedProduct: Str })),
  }),
  report: Type.Object({ year: Type.Integer(), weaknesses: Str }),
});

/** The demo department's 2025 cycle: committee, plan with 30 tasks, the year-end conference with
 * its conclusions turned into tasks, and the 2025 report generated from the platform's data.
 * Bulk inserts in one transaction; skipped when the plan exists (idempotent). */
export async function seedSteeringDemo(s: Services) {
  const d = loadDemoData('steering', DemoSchema);
  const exists = await s.db.execute(sql`SELECT 1 FROM steering_plans WHERE number = ${d.plan.number}`);
  if (exists.rows.length) return;
  const ctx = { services: s, actor: { ...SYSTEM, label: 'Dữ liệu minh họa' } };
  await transaction(s.pool, async (tx) => {
    for (const [kind, b] of [
      ['committee', d.committee],
      ['working_group', d.workingGroup],
    ] as const) {
      const [row] = await tx
        .insert(steeringBodies)
        .values({ kind, name: b.name, decisionNumber: b.decisionNumber, decisionDate: b.decisionDate, issuer: b.issuer, isDemo: true })
        .returning();
      await tx.insert(steeringMembers).values([
        ...b.members.map((m) => ({
          bodyId: row!.id,
          fullName: m[0]!,
          position: m[1]!,
          role: m[2]!,
          fromDate: b.decisionDate,
          decisionNumber: b.decisionNumber,
        })),
        ...(b.changes ?? []).map((c) => ({ bodyId: row!.id, ...c })),
      ]);
    }
    const { targets, ...plan } = d.plan;
    const [p] = await tx
      .insert(steeringPlans)
      .values({ ...plan, published: true, isDemo: true })
      .returning();
    await tx.insert(steeringTargets).values(
      targets.map((t, i) => ({
        planId: p!.id,
        label: t.label,
        indicatorCode: t.indicatorCode ?? null,
        comparator: t.comparator ?? '>=',
        targetValue: t.targetValue ?? null,
        periodCode: t.periodCode ?? null,
        sort: i,
      })),
    );
    const tasks = await tx
      .insert(steeringTasks)
      .values(
        d.tasks.map((t, i) => ({
          code: `NV-2025-${String(i + 1).padStart(3, '0')}`,
          title: t.title,
          planId: p!.id,
          ownerUnit: t.ownerUnit,
          coUnits: t.coUnits,
          deadline: t.deadline,
          expectedProduct: t.expectedProduct,
          status: t.status as TaskStatus,
          progress: t.progress,
          dropReason: t.dropReason ?? null,
          doneOn: t.status === 'done' ? t.deadline : null,
          isDemo: true,
        })),
      )
      .returning({ id: steeringTasks.id });
    await tx.insert(steeringTaskUpdates).values(
      d.tasks.flatMap((t, i) =>
        t.status === 'not_started'
          ? []
          : [
              {
                taskId: tasks[i]!.id,
                progress: t.progress,
                status: t.status as TaskStatus,
                note: t.status === 'dropped' ? 'Dừng thực hiện (minh họa).' : 'Cập nhật tiến độ (dữ liệu minh họa).',
                link: t.evidenceLink ?? null,
                createdByLabel: 'Dữ liệu minh họa',
              },
            ],
      ),
    );
    const c = d.conference;
    const [m] = await tx
      .insert(steeringMeetings)
      .values({ title: c.title, heldOn: c.heldOn, chair: c.chair, agenda: c.agenda, participants: c.participants, minutes: c.minutes, isDemo: true })
      .returning();
    const concl = await tx
      .insert(steeringConclusions)
      .values(c.conclusions.map((x, i) => ({ meetingId: m!.id, seq: i + 1, text: x.text })))
      .returning({ id: steeringConclusions.id });
    await tx.insert(steeringTasks).values(
      c.conclusions.map((x, i) => ({
        code: `NV-2026-${String(i + 1).padStart(3, '0')}`,
        title: x.text,
        conclusionId: concl[i]!.id,
        ownerUnit: x.ownerUnit,
        coUnits: x.coUnits ?? [],
        deadline: x.deadline,
        expectedProduct: x.expectedProduct,
        isDemo: true,
      })),
    );
    await writeAudit(tx, ctx, {
      action: 'steering.demo.seed',
      entity: 'steering_plan',
      entityId: p!.id,
      summary: { tasks: d.tasks.length + c.conclusions.length },
    });
  });
  // The 2025 report, from whatever the other modules' demo data hold (a figure without data says so).
  const content = await buildReportContent(s, 'yearly', d.report.year, null, { weaknesses: d.report.weaknesses });
  await transaction(s.pool, async (tx) => {
    const [r] = await tx.insert(steeringReports).values({ kind: 'yearly', year: d.report.year, number: '1/BC-SVHTTDL', isDemo: true }).returning();
    await tx
      .insert(steeringReportVersions)
      .values({ reportId: r!.id, version: 1, content, note: 'Tạo từ số liệu hiện hành (minh họa)', createdBy: 'Dữ liệu minh họa' });
    await writeAudit(tx, ctx, {
      action: 'steering.report.generate',
      entity: 'steering_report',
      entityId: r!.id,
      summary: { kind: 'yearly', year: d.report.year, demo: true },
    });
  });
}
