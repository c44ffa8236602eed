import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { DemoDataError, demoDataFile, loadDemoData } from '../../core/demo-data.js';
import { transaction } from '../../core/db/index.js';
import type { CommandContext } from '../../core/context.js';
import { fileCase, sha256 } from './feedback.commands.js';
import { FEEDBACK_CHANNELS, FEEDBACK_STATUSES, type FeedbackChannel, type FeedbackStatus } from './feedback.schema.js';
import * as repo from './feedback.repository.js';
import * as hrepo from './feedback.handling.repository.js';
import { redactionPreview } from './feedback.privacy.js';

/** The categories (Open311 services): configuration data, seeded on every start without
 * overwriting an administrator's edits. Deadlines follow the local Q&A rules (5 working days,
 * 7 when several units take part, 10 at most). Descriptions say what belongs there, neutrally. */
export const FEEDBACK_CATEGORIES = [
  {
    serviceCode: 'VH-KARAOKE',
    name: 'Hoạt động karaoke, vũ trường gây ồn',
    nameEn: 'Karaoke and dance venues: noise',
    description: 'Tiếng ồn, giờ hoạt động, điều kiện kinh doanh của cơ sở karaoke, vũ trường.',
    unitCode: 'QLVH',
    deadlineDays: 5,
  },
  {
    serviceCode: 'VH-QUANGCAO',
    name: 'Quảng cáo sai quy định',
    nameEn: 'Advertising not in line with the rules',
    description: 'Biển quảng cáo, băng rôn, tờ rơi đặt hoặc có nội dung chưa đúng quy định.',
    unitCode: 'QLVH',
    deadlineDays: 5,
  },
  {
    serviceCode: 'DL-DICHVU',
    name: 'Chất lượng dịch vụ du lịch',
    nameEn: 'Quality of tourism services',
    description: 'Giá cả, chất lượng lưu trú, ăn uống, vận chuyển và dịch vụ tại điểm du lịch.',
    unitCode: 'QLDL',
    deadlineDays: 5,
  },
  {
    serviceCode: 'DL-HDV',
    name: 'Hướng dẫn viên du lịch',
    nameEn: 'Tour guides',
    description: 'Thẻ hướng dẫn viên, hành nghề hướng dẫn du lịch.',
    unitCode: 'QLDL',
    deadlineDays: 5,
  },
  {
    serviceCode: 'TDTT-CSVC',
    name: 'Cơ sở thể thao',
    nameEn: 'Sports facilities',
    description: 'Điều kiện an toàn, vệ sinh, hoạt động của sân tập, bể bơi, phòng tập.',
    unitCode: 'QLTDTT',
    deadlineDays: 7,
  },
  {
    serviceCode: 'DS-DITICH',
    name: 'Di tích bị xâm hại',
    nameEn: 'Damage to heritage sites',
    description: 'Lấn chiếm, xây dựng, hư hại tại di tích lịch sử – văn hóa, danh lam thắng cảnh.',
    unitCode: 'QLDS',
    deadlineDays: 7,
  },
  {
    serviceCode: 'LE-HOI',
    name: 'Lễ hội, sự kiện',
    nameEn: 'Festivals and events',
    description: 'Tổ chức lễ hội, sự kiện văn hóa, nghệ thuật biểu diễn.',
    unitCode: 'QLVH',
    deadlineDays: 7,
  },
  {
    serviceCode: 'KHAC',
    name: 'Khác',
    nameEn: 'Other',
    description: 'Nội dung khác thuộc lĩnh vực văn hóa, thể thao, du lịch.',
    unitCode: 'VP',
    deadlineDays: 10,
  },
];

export async function seedCategories(ctx: CommandContext) {
  for (const [i, c] of FEEDBACK_CATEGORIES.entries()) await repo.insertCategoryIfMissing(ctx.services.db, { ...c, sort: i + 1 });
}

export const DEMO_OPEN311_KEY = 'demo-open311-key';
export const DEMO_REPORTER = { phone: '0912345678', email: 'phan.anh.demo@vanhien.test' };

/** A demo case; `days` ago is computed at seeding, so the demo always has fresh and late cases. */
export interface DemoCase {
  days: number;
  channel: FeedbackChannel;
  /** a category's serviceCode */
  category: string;
  status: FeedbackStatus;
  name: string;
  content: string;
  address?: string;
  lat?: number;
  lng?: number;
  consent?: boolean;
}

/** The shape of demo/feedback.json, checked on load. */
export const DemoCasesSchema = Type.Array(
  Type.Object(
    {
      days: Type.Integer({ minimum: 0 }),
      channel: Type.Union(FEEDBACK_CHANNELS.map((c) => Type.Literal(c))),
      category: Type.String({ minLength: 1 }),
      status: Type.Union(FEEDBACK_STATUSES.map((c) => Type.Literal(c))),
      name: Type.String({ minLength: 1 }),
      content: Type.String({ minLength: 1 }),
      address: Type.Optional(Type.String()),
      lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
      lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
      consent: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
);

/** The demo cases (content only): demo/feedback.json, or the one in `dir` (VANHIEN_DEMO_DIR) when it has one. */
export function loadDemoCases(dir?: string): DemoCase[] {
  return loadDemoData('feedback', DemoCasesSchema, dir) as DemoCase[];
}

/** The classification and answer a demo case at this status would carry, so the staff screens
 * and the public list of answers (`/phan-anh`) have something to show. */
function demoHandling(d: DemoCase, cat: repo.FeedbackCategory, receivedAt: Date) {
  const classifiedAt = new Date(receivedAt.getTime() + 86400_000);
  switch (d.status) {
    case 'classified':
    case 'in_progress':
      return { classification: 'within' as const, classifiedAt, unitCode: cat.unitCode };
    case 'answered':
    case 'closed': {
      const answer = `Cảm ơn ông/bà đã phản ánh. Đơn vị chuyên môn đã kiểm tra thực tế, lập biên bản và yêu cầu khắc phục; kết quả sẽ tiếp tục được theo dõi. (dữ liệu minh họa)`;
      const people = [{ name: d.name, phone: DEMO_REPORTER.phone, email: DEMO_REPORTER.email }];
      return {
        classification: 'within' as const,
        classifiedAt,
        unitCode: cat.unitCode,
        answerText: answer,
        answeredAt: new Date(receivedAt.getTime() + 4 * 86400_000),
        publicContent: redactionPreview(d.content, people).text,
        publicAnswer: redactionPreview(answer, people).text,
        redactionConfirmedAt: new Date(receivedAt.getTime() + 3 * 86400_000),
        published: d.consent ?? true,
      };
    }
    case 'rejected':
      return {
        classification: 'rejected' as const,
        classifiedAt,
        rejectReason: 'Nội dung không thuộc lĩnh vực văn hóa, thể thao, du lịch. (dữ liệu minh họa)',
      };
    case 'forwarded':
      return { classification: 'outside' as const, classifiedAt, forwardTo: 'Sở Xây dựng (minh họa)', forwardDueDate: null, forwardedAt: classifiedAt };
    default:
      return undefined;
  }
}

export async function seedDemo(ctx: CommandContext) {
  await repo.insertClientIfMissing(ctx.services.db, { name: 'Ứng dụng minh họa (Open311)', apiKeyHash: sha256(DEMO_OPEN311_KEY) });
  const cases = loadDemoCases(ctx.services.config.demoDir);
  if (!cases.length) return;
  // An agency's own cases carry no "(dữ liệu minh họa)" mark: one of them already filed means seeded.
  const contents = sql.join(
    cases.map((d) => sql`${d.content}`),
    sql`, `,
  );
  const existing = await ctx.services.db.execute(
    sql`SELECT 1 FROM feedback_cases WHERE content LIKE '%(dữ liệu minh họa)%' OR content IN (${contents}) LIMIT 1`,
  );
  if (existing.rows.length) return;
  const cats = new Map((await repo.listCategories(ctx.services.db)).map((c) => [c.serviceCode, c]));
  cases.forEach((d, i) => {
    if (!cats.has(d.category))
      throw new DemoDataError(demoDataFile('feedback', ctx.services.config.demoDir), `/${i}/category`, `không có lĩnh vực "${d.category}"`);
  });
  // Oldest first, so each day's codes run in the order the cases arrived.
  for (const d of [...cases].sort((a, b) => b.days - a.days)) {
    const receivedAt = new Date(Date.now() - d.days * 86400_000 - 3 * 3600_000);
    await transaction(ctx.services.pool, async (tx) => {
      const filed = await fileCase(
        ctx,
        {
          channel: d.channel,
          category: cats.get(d.category)!,
          reporterName: d.name,
          reporterPhone: DEMO_REPORTER.phone,
          reporterEmail: DEMO_REPORTER.email,
          content: d.content,
          addressText: d.address ?? null,
          lat: d.lat ?? null,
          lng: d.lng ?? null,
          publishConsent: d.consent ?? true,
          receivedAt,
          eventNote: 'Dữ liệu minh họa.',
          status: d.status,
        },
        tx,
      );
      if (d.status !== 'new') {
        await repo.insertEvent(tx, { caseId: filed.case.id, at: new Date(receivedAt.getTime() + 86400_000), kind: d.status, note: 'Dữ liệu minh họa.' });
      }
      const handled = demoHandling(d, cats.get(d.category)!, receivedAt);
      if (handled) await hrepo.updateCaseVersioned(tx, filed.case.id, filed.case.version, handled);
    });
  }
}
