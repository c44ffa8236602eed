import type { CommandContext, Services } from '../../core/context.js';
import { requirePermission } from '../../core/auth/actor.js';
import { writeAudit } from '../../core/audit/audit.js';
import { transaction, type Tx } from '../../core/db/index.js';
import { Errors } from '../../core/errors.js';
import type { JobDefinition } from '../../core/jobs/jobs.js';
import { queueMail } from '../../core/mail/mail.js';
import { Check, nfc, UUID_RE, vnIsoDate } from '../../core/validation.js';
import { formatNumber, periodLabel } from './indicators.charts.js';
import { dimsKey } from './indicators.dims.js';
import { ALERT_KINDS, type AlertKind } from './indicators.dashboards.schema.js';
import { INDICATOR_ALERT_MANAGE } from './indicators.dashboard.policy.js';
import * as repo from './indicators.public.repository.js';

/**
 * Alerts on published indicator values (issue 11 part 6, Grafana-style): a rule per indicator
 * and disaggregation, evaluated when a period is published and once a day; each breach is
 * logged and mailed to the responsible unit's officers once (the log's unique index).
 */
export const ALERTS_JOB = 'indicators.alerts';

export const ALERT_KIND_LABELS: Record<AlertKind, { vi: string; en: string }> = {
  below: { vi: 'Thấp hơn ngưỡng', en: 'Below the threshold' },
  above: { vi: 'Cao hơn ngưỡng', en: 'Above the threshold' },
  drop_percent: { vi: 'Giảm quá … % so với kỳ trước', en: 'Drops more than … % on the previous period' },
};

/** Called inside the transaction that publishes values, so the evaluation runs exactly when the
 * publication committed (`indicators` = the codes published; absent = every rule). */
export async function queueAlertEvaluation(tx: Tx, s: Services, indicators?: string[]): Promise<void> {
  await s.jobs.sendInTx(tx, ALERTS_JOB, indicators ? { indicators } : {});
}

export interface Breach {
  message: string;
  previous?: number;
}

/** Whether the latest published value breaks the rule; pure, so the rule kinds are unit tested. */
export function checkRule(kind: AlertKind, threshold: number, current: number, previous?: number, fmt: (n: number) => string = (n) => formatNumber(n, 2)): Breach | null {
  if (kind === 'below' && current < threshold) return { message: `thấp hơn ngưỡng ${fmt(threshold)}`, previous };
  if (kind === 'above' && current > threshold) return { message: `cao hơn ngưỡng ${fmt(threshold)}`, previous };
  if (kind === 'drop_percent' && previous !== undefined && previous > 0) {
    const drop = ((previous - current) / previous) * 100;
    if (drop > threshold) return { message: `giảm ${formatNumber(drop, 1)}% so với kỳ trước (${fmt(previous)}; ngưỡng ${formatNumber(threshold, 1)}%)`, previous };
  }
  return null;
}

/** Evaluates the active rules (of `indicators`, or all) against the latest published values. */
export async function evaluateAlerts(s: Services, indicators?: string[]): Promise<{ checked: number; fired: number }> {
  const rules = await repo.activeRules(s.db, indicators);
  if (rules.length === 0) return { checked: 0, fired: 0 };
  const defs = await repo.definitionsByCode(s.db, [...new Set(rules.map((r) => r.indicatorCode))]);
  const today = vnIsoDate();
  let fired = 0;
  for (const rule of rules) {
    const def = defs.get(rule.indicatorCode);
    if (!def) continue;
    const [current, previous] = await repo.lastTwoPublished(s.db, rule.indicatorCode, rule.dimsKey);
    if (!current) continue;
    const fmt = (n: number) => formatNumber(n, def.decimals, 'vi');
    const breach = checkRule(rule.kind, Number(rule.threshold), current.value, previous?.value, fmt);
    if (!breach) continue;
    const recipients = [...new Set([...(await repo.unitOfficerEmails(s.db, def.unitCode, today)), ...rule.extraRecipients])];
    const where = rule.dimsKey ? ` (${rule.dimsKey.replace(/;/g, ', ')})` : '';
    const message = `${def.name}${where}, ${periodLabel(current.periodCode)}: ${fmt(current.value)} ${def.measureUnit}, ${breach.message}.`;
    await transaction(s.pool, async (tx) => {
      const first = await repo.logBreach(tx, {
        ruleId: rule.id,
        indicatorCode: rule.indicatorCode,
        periodCode: current.periodCode,
        dimsKey: rule.dimsKey,
        value: String(current.value),
        previousValue: previous ? String(previous.value) : null,
        message,
        recipients,
      });
      if (!first) return;
      fired++;
      const link = `${s.config.publicUrl.replace(/\/$/, '')}/so-lieu/${encodeURIComponent(def.code)}`;
      for (const to of recipients) {
        await queueMail(tx, s.jobs, {
          to,
          subject: `[Cảnh báo chỉ tiêu] ${def.code} – ${def.name}`,
          text: `Kính gửi đơn vị phụ trách chỉ tiêu,\n\nSố liệu đã công bố vượt ngưỡng cảnh báo:\n${message}${rule.note ? `\nGhi chú của quy tắc: ${rule.note}` : ''}\n\nXem chỉ tiêu: ${link}\n\nThư này được gửi tự động; mỗi vi phạm chỉ gửi một lần.`,
        });
      }
    });
  }
  return { checked: rules.length, fired };
}

export function alertJobs(s: Services): JobDefinition[] {
  return [
    {
      name: ALERTS_JOB,
      // Daily as well, for rules added after a publication and values corrected later.
      schedule: '30 7 * * *',
      handler: async (data) => {
        const codes = Array.isArray(data.indicators) ? (data.indicators as unknown[]).map(String) : undefined;
        await evaluateAlerts(s, codes);
      },
    },
  ];
}

export interface AlertRuleInput {
  indicator: string;
  kind: string;
  threshold: string;
  dims?: string;
  extraRecipients?: string;
  note?: string;
}

export async function createAlertRule(ctx: CommandContext, input: AlertRuleInput) {
  requirePermission(ctx.actor, INDICATOR_ALERT_MANAGE);
  const check = new Check();
  const code = nfc(input.indicator);
  const kind = nfc(input.kind) as AlertKind;
  const thresholdText = nfc(input.threshold).replace(/\s/g, '');
  // Vietnamese decimal comma: "12,5" is 12.5; thousands dots "1.000" are 1000 only with three digits after.
  const normalised = /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(thresholdText) ? thresholdText.replace(/\./g, '').replace(',', '.') : thresholdText.replace(',', '.');
  const threshold = Number(normalised);
  check.required('indicator', code, 'chỉ tiêu', 'the indicator');
  const def = code ? await repo.findDefinition(ctx.services.db, code) : undefined;
  if (code && !def) check.add('indicator', `Chỉ tiêu "${code}" không có trong danh mục.`, `Indicator "${code}" is not in the catalogue.`);
  if (!ALERT_KINDS.includes(kind)) check.add('kind', 'Vui lòng chọn loại cảnh báo.', 'Choose the kind of alert.');
  if (!thresholdText) check.add('threshold', 'Vui lòng nhập ngưỡng.', 'Enter the threshold.');
  else if (!Number.isFinite(threshold)) check.add('threshold', 'Ngưỡng phải là một số, ví dụ 85 hoặc 12,5.', 'The threshold must be a number.');
  else if (kind === 'drop_percent' && (threshold <= 0 || threshold > 100)) check.add('threshold', 'Mức giảm phải lớn hơn 0 và không quá 100 (%).', 'The drop must be between 0 and 100 %.');
  const dims: Record<string, string> = {};
  for (const part of nfc(input.dims ?? '')
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [k, v] = part.split('=').map((x) => x?.trim() ?? '');
    if (!k || !v || !/^[a-z_]+$/.test(k) || !/^[A-Za-z0-9._-]+$/.test(v)) check.add('dims', 'Phân tổ ghi dạng khóa=giá trị, ví dụ area=74001; để trống để theo dõi tổng số.', 'Write the breakdown as key=value, e.g. area=74001.');
    else if (def && !def.dimensions.includes(k)) check.add('dims', `Chỉ tiêu này không phân tổ theo "${k}".`, `This indicator has no "${k}" breakdown.`);
    else dims[k] = v;
  }
  const extra = nfc(input.extraRecipients ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean);
  for (const e of extra) check.email('extraRecipients', e);
  if (extra.length > 20) check.add('extraRecipients', 'Tối đa 20 địa chỉ.', 'At most 20 addresses.');
  const note = nfc(input.note ?? '');
  check.maxLength('note', note, 500, 'Ghi chú');
  check.throwIfAny();
  return transaction(ctx.services.pool, async (tx) => {
    const row = await repo.insertAlertRule(tx, {
      indicatorCode: code,
      kind,
      threshold: String(threshold),
      dimsKey: dimsKey(dims),
      extraRecipients: extra,
      note,
      createdBy: ctx.actor.userId ?? null,
    });
    await writeAudit(tx, ctx, { action: 'indicators.alert_rule.create', entity: 'indicator_alert_rule', entityId: row.id, summary: { after: { indicator: code, kind, threshold, dims: row.dimsKey, extraRecipients: extra.length } } });
    return row;
  });
}

export async function setAlertRuleActive(ctx: CommandContext, id: string, version: number, active: boolean) {
  requirePermission(ctx.actor, INDICATOR_ALERT_MANAGE);
  if (!UUID_RE.test(id)) throw Errors.notFound('Quy tắc cảnh báo');
  return transaction(ctx.services.pool, async (tx) => {
    const before = await repo.findAlertRule(tx, id);
    if (!before) throw Errors.notFound('Quy tắc cảnh báo');
    const row = await repo.setAlertRuleActive(tx, id, version, active);
    if (!row) throw Errors.conflict();
    await writeAudit(tx, ctx, { action: active ? 'indicators.alert_rule.enable' : 'indicators.alert_rule.disable', entity: 'indicator_alert_rule', entityId: id, summary: { before: { active: before.active }, after: { active } } });
    return row;
  });
}

