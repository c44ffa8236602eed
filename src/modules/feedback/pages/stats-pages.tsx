import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, ErrorSummary, SelectField, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { formatDateVi } from '../../../core/validation.js';
import type { FeedbackCategory } from '../feedback.repository.js';
import type { StatsRow } from '../feedback.stats.repository.js';
import { PERIOD_KINDS, PERIOD_LABELS, RATIO_FORMULAS, STAT_FIGURES, formatRatio, ratioTerms, type StatisticsReport } from '../feedback.stats.js';

export interface UnitOption {
  code: string;
  name: string;
}

/** The period form (GET: a report is a bookmarkable address); every field shown, so it works
 * without JavaScript; the fields a kind does not use are ignored. */
export function PeriodForm(p: {
  ctx: PageContext;
  action: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  categories: FeedbackCategory[];
  units?: UnitOption[];
  extra?: ComponentChildren;
  submit: string;
}) {
  const { ctx } = p;
  const v = p.values;
  return (
    <form method="get" action={p.action} class="vh-filters" aria-label="Chọn kỳ báo cáo" noValidate>
      <SelectField
        ctx={ctx}
        name="ky"
        label="Kỳ báo cáo"
        value={v.ky || 'thang'}
        errors={p.errors}
        options={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_LABELS[k] }))}
      />
      <TextField ctx={ctx} name="nam" label="Năm" value={v.nam} errors={p.errors} inputMode="numeric" width="short" />
      <SelectField
        ctx={ctx}
        name="thang"
        label="Tháng (kỳ theo tháng)"
        value={v.thang}
        errors={p.errors}
        options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `Tháng ${i + 1}` }))}
      />
      <SelectField
        ctx={ctx}
        name="quy"
        label="Quý (kỳ theo quý)"
        value={v.quy}
        errors={p.errors}
        options={['I', 'II', 'III', 'IV'].map((q, i) => ({ value: String(i + 1), label: `Quý ${q}` }))}
      />
      <TextField ctx={ctx} name="tu" label="Từ ngày (kỳ tùy chọn)" hint="ngày/tháng/năm" value={v.tu} errors={p.errors} width="short" />
      <TextField ctx={ctx} name="den" label="Đến ngày (kỳ tùy chọn)" hint="ngày/tháng/năm" value={v.den} errors={p.errors} width="short" />
      <SelectField
        ctx={ctx}
        name="category"
        label="Lĩnh vực"
        value={v.category}
        errors={p.errors}
        options={[{ value: '', label: 'Tất cả lĩnh vực' }, ...p.categories.map((c) => ({ value: c.serviceCode, label: c.name }))]}
      />
      {p.units && (
        <SelectField
          ctx={ctx}
          name="unit"
          label="Đơn vị xử lý"
          value={v.unit}
          errors={p.errors}
          options={[{ value: '', label: 'Tất cả đơn vị' }, ...p.units.map((u) => ({ value: u.code, label: u.name }))]}
        />
      )}
      {p.extra}
      <Button variant="secondary">{p.submit}</Button>
    </form>
  );
}

/** The query string of the current report, for the export and map links. */
export function reportQuery(values: Record<string, string>, keys = ['ky', 'nam', 'thang', 'quy', 'tu', 'den', 'category', 'unit']) {
  const q = new URLSearchParams();
  for (const k of keys) if (values[k]) q.set(k, values[k]!);
  return q.toString();
}

const num = (v: number) => String(v);

function Figures(p: { ctx: PageContext; caption: string; row: StatsRow; keys: string[] }) {
  const figures = STAT_FIGURES.filter((f) => p.keys.includes(f.key));
  return (
    <DataTable
      ctx={p.ctx}
      caption={p.caption}
      captionVisible
      columns={[
        { header: 'Chỉ tiêu', rowHeader: true, cell: (f: (typeof figures)[number]) => f.label },
        { header: 'Số lượng', cell: (f) => (f.ratio ? formatRatio(f.value(p.row)) : num(f.value(p.row) ?? 0)) },
      ]}
      rows={figures}
      rowKey={(f) => f.key}
    />
  );
}

/** Per category or per unit: one row each, the main figures as columns. */
function Breakdown(p: { ctx: PageContext; caption: string; rows: StatsRow[]; name: (r: StatsRow) => string; keyOf: (r: StatsRow) => string }) {
  const keys = [
    'received',
    'within',
    'early',
    'onTime',
    'late',
    'overdue',
    'forwarded',
    'rejected',
    'outOfProcess',
    'reopened',
    'unsatisfied',
    'onTimeRatio',
    'satisfactionRatio',
  ];
  const figures = STAT_FIGURES.filter((f) => keys.includes(f.key));
  return (
    <DataTable
      ctx={p.ctx}
      caption={p.caption}
      captionVisible
      columns={[
        { header: 'Tên', rowHeader: true, cell: (r: StatsRow) => p.name(r) },
        ...figures.map((f) => ({
          header: f.label,
          cell: (r: StatsRow) => (f.ratio ? formatRatio(f.value(r)) : num(f.value(r) ?? 0)),
        })),
      ]}
      rows={p.rows}
      rowKey={p.keyOf}
      empty="Không có phản ánh nào trong kỳ."
    />
  );
}

export function StatsPage(p: {
  ctx: PageContext;
  values: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  categories: FeedbackCategory[];
  units: UnitOption[];
  report?: StatisticsReport;
}) {
  const { ctx, report: r } = p;
  const query = reportQuery(p.values);
  const terms = r ? ratioTerms(r.total) : undefined;
  return (
    <Layout ctx={ctx} title="Thống kê phản ánh, kiến nghị" wide>
      <h1>Thống kê phản ánh, kiến nghị</h1>
      <p class="vh-lead">
        Số liệu theo kỳ báo cáo, lĩnh vực và đơn vị; hai tỷ lệ của nhóm chỉ số hài lòng theo Quyết định 766/QĐ-TTg được tính trực tiếp từ dữ liệu.
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <PeriodForm
        ctx={ctx}
        action="/quan-tri/phan-anh/thong-ke"
        values={p.values}
        errors={p.errors}
        categories={p.categories}
        units={p.units}
        submit="Xem thống kê"
      />
      {r && terms && (
        <>
          <h2>
            Kỳ báo cáo: {r.period.label} ({formatDateVi(r.period.from)} – {formatDateVi(r.period.to)})
          </h2>
          <p class="vh-hint">
            Tính theo ngày tiếp nhận; kết quả xử lý tính đến ngày {formatDateVi(r.asOf)}.
            {r.category ? ` Lĩnh vực: ${r.categoryNames.get(r.category) ?? r.category}.` : ''}
            {r.unit ? ` Đơn vị: ${r.unitNames.get(r.unit) ?? r.unit}.` : ''}
          </p>
          <p>
            <a href={`/quan-tri/phan-anh/thong-ke/xuat.xlsx?${query}`}>Tải bảng thống kê (tệp Excel .xlsx)</a>
            {' · '}
            <a href={`/quan-tri/phan-anh/xuat.xlsx?${reportQuery(p.values, ['ky', 'nam', 'thang', 'quy', 'tu', 'den', 'category'])}`}>
              Tải danh sách phản ánh của kỳ (tệp Excel .xlsx)
            </a>
            {' · '}
            <a href={`/quan-tri/phan-anh/ban-do?${reportQuery(p.values, ['ky', 'nam', 'thang', 'quy', 'tu', 'den', 'category'])}`}>Bản đồ phản ánh của kỳ</a>
          </p>
          <section aria-labelledby="ty-le">
            <h2 id="ty-le">Tỷ lệ theo Quyết định 766/QĐ-TTg</h2>
            <dl class="vh-summary">
              <dt>Tỷ lệ xử lý đúng hạn</dt>
              <dd>
                <strong data-ratio="on-time">{formatRatio(r.total.onTimeRatio)}</strong>
                <p class="vh-hint">
                  {RATIO_FORMULAS.onTime}. Kỳ này: {terms.onTime.numerator} ÷ {terms.onTime.denominator}
                  {terms.onTime.denominator === 0 ? ' (không có phản ánh thuộc thẩm quyền: không tính tỷ lệ)' : ''}.
                </p>
              </dd>
              <dt>Tỷ lệ hài lòng với việc xử lý</dt>
              <dd>
                <strong data-ratio="satisfaction">{formatRatio(r.total.satisfactionRatio)}</strong>
                <p class="vh-hint">
                  {RATIO_FORMULAS.satisfaction}. Kỳ này: ({terms.satisfaction.denominator} − {terms.satisfaction.excluded}) ÷ {terms.satisfaction.denominator}
                  {terms.satisfaction.denominator === 0 ? ' (không có phản ánh thuộc thẩm quyền: không tính tỷ lệ)' : ''}.
                </p>
              </dd>
            </dl>
          </section>
          <div class="vh-cards">
            <Figures ctx={ctx} caption="Tiếp nhận theo kênh" row={r.total} keys={['received', 'web', 'hotline', 'open311', 'email']} />
            <Figures
              ctx={ctx}
              caption="Phân loại (Nghị định 20/2008/NĐ-CP, Điều 9)"
              row={r.total}
              keys={['unclassified', 'within', 'forwarded', 'forwardedLate', 'rejected', 'outOfProcess', 'merged']}
            />
            <Figures
              ctx={ctx}
              caption="Kết quả xử lý phản ánh thuộc thẩm quyền"
              row={r.total}
              keys={['early', 'onTime', 'late', 'pending', 'overdue', 'reopened', 'reopenings']}
            />
            <Figures ctx={ctx} caption="Mức độ hài lòng của người phản ánh" row={r.total} keys={['verySatisfied', 'satisfied', 'unsatisfied', 'notRated']} />
          </div>
          <h2>Theo lĩnh vực</h2>
          <Breakdown
            ctx={ctx}
            caption={`Thống kê theo lĩnh vực, ${r.period.label}`}
            rows={r.byCategory}
            name={(x) => r.categoryNames.get(x.category!) ?? x.category!}
            keyOf={(x) => `c-${x.category}`}
          />
          <h2>Theo đơn vị xử lý</h2>
          <Breakdown
            ctx={ctx}
            caption={`Thống kê theo đơn vị, ${r.period.label}`}
            rows={r.byUnit}
            name={(x) => r.unitNames.get(x.unit!) ?? x.unit!}
            keyOf={(x) => `u-${x.unit}`}
          />
          <section aria-labelledby="cach-tinh">
            <h2 id="cach-tinh">Cách tính</h2>
            <ul>
              <li>Kỳ báo cáo chọn phản ánh theo ngày tiếp nhận (giờ Việt Nam); 6, 9 tháng và cả năm tính lũy kế từ ngày 01/01.</li>
              <li>Thuộc thẩm quyền: phản ánh được phân loại "thuộc thẩm quyền của Sở", không tính phản ánh đã gộp vào phản ánh trùng.</li>
              <li>
                Trước hạn, đúng hạn, trễ hạn: so ngày phê duyệt trả lời (lần cuối) với hạn xử lý; hạn xử lý đã cộng thời gian tạm dừng chờ người phản ánh bổ
                sung thông tin.
              </li>
              <li>Quá hạn: chưa trả lời xong và hạn xử lý đã qua; được tính là trễ hạn trong tỷ lệ hài lòng.</li>
              <li>Mỗi phản ánh vừa không hài lòng vừa trễ hạn chỉ bị trừ một lần. Khi không có phản ánh thuộc thẩm quyền, tỷ lệ hiển thị "—".</li>
            </ul>
          </section>
        </>
      )}
    </Layout>
  );
}
