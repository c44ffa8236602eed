import type { FieldErrors } from '../../../core/errors.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { formatDateVi } from '../../../core/validation.js';
import { STATUS_VI } from '../steering.commands.js';
import { NO_DATA, ROMAN, type ReportContent, formatFigure } from '../steering.figures.js';
import type { Body, BoardTask, Conclusion, Meeting, Member, Plan, Report, ReportVersion, Task, TaskUpdate } from '../steering.repository.js';

type Units = Map<string, string>;
const REPORT_STATUS: Record<string, string> = { draft: 'Dự thảo', submitted: 'Chờ phê duyệt', approved: 'Đã phê duyệt', published: 'Đã công bố' };
const KIND_VI: Record<string, string> = { yearly: 'Báo cáo năm', quarterly: 'Báo cáo quý' };

function StatusTag(p: { s: string }) {
  const cls = p.s === 'done' ? 'vh-tag vh-tag--ok' : p.s === 'late' || p.s === 'at_risk' ? 'vh-tag vh-tag--off' : 'vh-tag';
  return (
    <span class={cls} data-status={p.s}>
      {STATUS_VI[p.s as keyof typeof STATUS_VI] ?? p.s}
    </span>
  );
}

function Nav(p: { ctx: PageContext }) {
  return (
    <nav aria-label={p.ctx.t('Chỉ đạo, điều hành', 'Steering')}>
      <ul class="vh-inline-list">
        <li>
          <a href="/quan-tri/chi-dao">Tổng quan</a>
        </li>
        <li>
          <a href="/quan-tri/chi-dao/bang">Bảng theo dõi nhiệm vụ</a>
        </li>
        <li>
          <a href="/quan-tri/chi-dao/ban-chi-dao">Ban Chỉ đạo</a>
        </li>
        <li>
          <a href="/quan-tri/chi-dao/bao-cao">Báo cáo</a>
        </li>
      </ul>
    </nav>
  );
}

export function OverviewPage(p: { ctx: PageContext; plans: Plan[]; meetings: Meeting[]; counts: Record<string, number>; canManage: boolean }) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title="Chỉ đạo CCHC, chuyển đổi số" wide>
      <h1>Chỉ đạo cải cách hành chính, chuyển đổi số</h1>
      <Nav ctx={ctx} />
      <h2>Nhiệm vụ theo tình trạng</h2>
      <ul>
        {Object.entries(p.counts).map(([k, v]) => (
          <li key={k}>
            {STATUS_VI[k as keyof typeof STATUS_VI]}: <strong>{v}</strong>
          </li>
        ))}
      </ul>
      <h2>Kế hoạch</h2>
      {p.canManage && (
        <p>
          <a class="vh-button" href="/quan-tri/chi-dao/ke-hoach/moi">
            Thêm kế hoạch
          </a>
        </p>
      )}
      <DataTable
        ctx={ctx}
        caption="Kế hoạch"
        rows={p.plans}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Số', rowHeader: true, cell: (r) => <a href={`/quan-tri/chi-dao/ke-hoach/${r.id}`}>{r.number}</a> },
          { header: 'Ngày', cell: (r) => formatDateVi(r.issuedOn) },
          { header: 'Trích yếu', cell: (r) => r.title },
          { header: 'Kỳ kế hoạch', cell: (r) => `${formatDateVi(r.periodFrom)} – ${formatDateVi(r.periodTo)}` },
          { header: 'Công bố', cell: (r) => (r.published ? 'Đã công bố' : 'Chưa') },
        ]}
      />
      <h2>Cuộc họp, hội nghị</h2>
      {p.canManage && (
        <p>
          <a class="vh-button" href="/quan-tri/chi-dao/cuoc-hop/moi">
            Thêm cuộc họp
          </a>
        </p>
      )}
      <DataTable
        ctx={ctx}
        caption="Cuộc họp"
        rows={p.meetings}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Cuộc họp', rowHeader: true, cell: (r) => <a href={`/quan-tri/chi-dao/cuoc-hop/${r.id}`}>{r.title}</a> },
          { header: 'Ngày họp', cell: (r) => formatDateVi(r.heldOn) },
          { header: 'Chủ trì', cell: (r) => r.chair },
        ]}
      />
    </Layout>
  );
}

export function BoardPage(p: { ctx: PageContext; tasks: BoardTask[]; units: Units; unit: string; title: string; unitChoices: string[] }) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={p.title} wide>
      <h1>{p.title}</h1>
      <Nav ctx={ctx} />
      <form method="get" action="/quan-tri/chi-dao/bang" class="vh-filters" aria-label="Lọc theo đơn vị">
        <div class="vh-field">
          <label class="vh-label" for="f-don-vi">
            Đơn vị
          </label>
          <select id="f-don-vi" name="don-vi" class="vh-select">
            {p.unitChoices.length !== 1 && <option value="">Tất cả đơn vị</option>}
            {p.unitChoices.map((u) => (
              <option key={u} value={u} selected={u === p.unit}>
                {p.units.get(u) ?? u}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">Xem</Button>
      </form>
      <p>Nhiệm vụ quá hạn và có nguy cơ chậm được xếp trước.</p>
      <DataTable
        ctx={ctx}
        caption={p.title}
        rows={p.tasks}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Mã', rowHeader: true, cell: (r) => <a href={`/quan-tri/chi-dao/nhiem-vu/${r.id}`}>{r.code}</a> },
          { header: 'Nhiệm vụ', cell: (r) => r.title },
          { header: 'Chủ trì', cell: (r) => p.units.get(r.ownerUnit) ?? r.ownerUnit },
          { header: 'Hạn', cell: (r) => formatDateVi(r.deadline) },
          { header: 'Tiến độ', cell: (r) => `${r.progress}%` },
          { header: 'Tình trạng', cell: (r) => <StatusTag s={r.effective} /> },
          { header: 'Nguồn', cell: (r) => (r.planNumber ? `KH ${r.planNumber}` : r.meetingTitle ? `Kết luận: ${r.meetingTitle}` : '—') },
        ]}
      />
    </Layout>
  );
}

export function PlanFormPage(p: { ctx: PageContext; values: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx, values: v, errors } = p;
  return (
    <Layout ctx={ctx} title="Thêm kế hoạch">
      <h1>Thêm kế hoạch</h1>
      <ErrorSummary ctx={ctx} errors={errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/chi-dao/ke-hoach/moi" label="Kế hoạch">
        <TextField ctx={ctx} name="number" label="Số kế hoạch" hint="Ví dụ: 45/KH-SVHTTDL" value={v.number} errors={errors} width="half" />
        <TextField ctx={ctx} name="issuedOn" label="Ngày ban hành" hint="ngày/tháng/năm" value={v.issuedOn} errors={errors} width="short" />
        <TextField ctx={ctx} name="issuer" label="Cơ quan ban hành" value={v.issuer ?? 'Sở Văn hóa, Thể thao và Du lịch'} errors={errors} />
        <TextField ctx={ctx} name="title" label="Trích yếu" value={v.title} errors={errors} />
        <TextField ctx={ctx} name="periodFrom" label="Kỳ kế hoạch từ ngày" value={v.periodFrom} errors={errors} width="short" />
        <TextField ctx={ctx} name="periodTo" label="đến ngày" value={v.periodTo} errors={errors} width="short" />
        <TextField
          ctx={ctx}
          name="sourcePlan"
          label="Thực hiện kế hoạch của tỉnh"
          hint="Số, ngày kế hoạch của UBND tỉnh mà kế hoạch này triển khai"
          value={v.sourcePlan}
          errors={errors}
        />
        <TextArea
          ctx={ctx}
          name="targets"
          label="Chỉ tiêu (mỗi dòng một chỉ tiêu)"
          hint="Nội dung | mã chỉ tiêu ngành (nếu có) | >= hoặc <= | giá trị | kỳ (ví dụ 2026). Ví dụ: Hồ sơ trực tuyến toàn trình | DVC.02 | >= | 80 | 2026"
          value={v.targets}
          errors={errors}
        />
        <Button>Lưu kế hoạch</Button>
      </Form>
    </Layout>
  );
}

export function PlanPage(p: {
  ctx: PageContext;
  plan: Plan;
  targets: { label: string; target: string; actual: string; source: string; met: string }[];
  tasks: BoardTask[];
  units: Units;
  canManage: boolean;
}) {
  const { ctx, plan } = p;
  return (
    <Layout ctx={ctx} title={`Kế hoạch ${plan.number}`} wide>
      <h1>
        Kế hoạch số {plan.number} ngày {formatDateVi(plan.issuedOn)}
      </h1>
      <Nav ctx={ctx} />
      <p>{plan.title}</p>
      <p>
        Cơ quan ban hành: {plan.issuer}. Kỳ kế hoạch: {formatDateVi(plan.periodFrom)} – {formatDateVi(plan.periodTo)}.
        {plan.sourcePlan ? ` Thực hiện: ${plan.sourcePlan}.` : ''}
      </p>
      {p.canManage && (
        <ActionButton
          ctx={ctx}
          action={`/quan-tri/chi-dao/ke-hoach/${plan.id}/cong-bo`}
          label={plan.published ? 'Thôi công bố' : 'Công bố trên cổng'}
          fields={{ published: plan.published ? '0' : '1' }}
        />
      )}
      <h2>Chỉ tiêu</h2>
      <DataTable
        ctx={ctx}
        caption="Chỉ tiêu và kết quả"
        rows={p.targets}
        rowKey={(r) => r.label}
        columns={[
          { header: 'Chỉ tiêu', rowHeader: true, cell: (r) => r.label },
          { header: 'Mục tiêu', cell: (r) => r.target },
          { header: 'Kết quả', cell: (r) => r.actual },
          { header: 'Nguồn số liệu', cell: (r) => r.source },
          { header: 'Đánh giá', cell: (r) => r.met },
        ]}
      />
      <h2>Nhiệm vụ ({p.tasks.length})</h2>
      <DataTable
        ctx={ctx}
        caption="Nhiệm vụ của kế hoạch"
        rows={p.tasks}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Mã', rowHeader: true, cell: (r) => <a href={`/quan-tri/chi-dao/nhiem-vu/${r.id}`}>{r.code}</a> },
          { header: 'Nhiệm vụ', cell: (r) => r.title },
          { header: 'Chủ trì', cell: (r) => p.units.get(r.ownerUnit) ?? r.ownerUnit },
          { header: 'Hạn', cell: (r) => formatDateVi(r.deadline) },
          { header: 'Tình trạng', cell: (r) => <StatusTag s={r.effective} /> },
        ]}
      />
    </Layout>
  );
}

export function MeetingFormPage(p: { ctx: PageContext; values: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx, values: v, errors } = p;
  return (
    <Layout ctx={ctx} title="Thêm cuộc họp">
      <h1>Thêm cuộc họp, hội nghị</h1>
      <ErrorSummary ctx={ctx} errors={errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/chi-dao/cuoc-hop/moi" label="Cuộc họp">
        <TextField ctx={ctx} name="title" label="Tên cuộc họp, hội nghị" value={v.title} errors={errors} />
        <TextField ctx={ctx} name="heldOn" label="Ngày họp" hint="ngày/tháng/năm" value={v.heldOn} errors={errors} width="short" />
        <TextField ctx={ctx} name="chair" label="Chủ trì" value={v.chair} errors={errors} />
        <TextArea ctx={ctx} name="agenda" label="Chương trình" value={v.agenda} errors={errors} rows={3} />
        <TextArea ctx={ctx} name="participants" label="Thành phần tham dự" value={v.participants} errors={errors} rows={3} />
        <TextArea ctx={ctx} name="minutes" label="Biên bản" value={v.minutes} errors={errors} rows={5} />
        <TextArea ctx={ctx} name="conclusions" label="Kết luận (mỗi dòng một kết luận)" value={v.conclusions} errors={errors} rows={6} />
        <Button>Lưu cuộc họp</Button>
      </Form>
    </Layout>
  );
}

export function MeetingPage(p: {
  ctx: PageContext;
  meeting: Meeting;
  conclusions: Conclusion[];
  tasks: BoardTask[];
  units: Units;
  canManage: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, meeting: m, errors } = p;
  const v = p.values ?? {};
  const assigned = new Set(p.tasks.map((t) => t.conclusionId));
  const unitOptions = [{ value: '', label: '— Chọn đơn vị —' }, ...[...p.units].map(([code, name]) => ({ value: code, label: name }))];
  const open = p.conclusions.filter((c) => !assigned.has(c.id));
  return (
    <Layout ctx={ctx} title={m.title} wide>
      <h1>{m.title}</h1>
      <Nav ctx={ctx} />
      <p>
        Ngày họp: {formatDateVi(m.heldOn)}. Chủ trì: {m.chair || '—'}.
      </p>
      {m.agenda && (
        <>
          <h2>Chương trình</h2>
          <p class="vh-pre">{m.agenda}</p>
        </>
      )}
      {m.participants && (
        <>
          <h2>Thành phần</h2>
          <p class="vh-pre">{m.participants}</p>
        </>
      )}
      {m.minutes && (
        <>
          <h2>Biên bản</h2>
          <p class="vh-pre">{m.minutes}</p>
        </>
      )}
      <h2>Kết luận</h2>
      <ol>
        {p.conclusions.map((c) => (
          <li key={c.id}>{c.text}</li>
        ))}
      </ol>
      <h2>Nhiệm vụ giao từ kết luận (theo dõi ở cuộc họp sau)</h2>
      <DataTable
        ctx={ctx}
        caption="Nhiệm vụ từ kết luận"
        rows={p.tasks}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Mã', rowHeader: true, cell: (r) => <a href={`/quan-tri/chi-dao/nhiem-vu/${r.id}`}>{r.code}</a> },
          { header: 'Nhiệm vụ', cell: (r) => r.title },
          { header: 'Chủ trì', cell: (r) => p.units.get(r.ownerUnit) ?? r.ownerUnit },
          { header: 'Hạn', cell: (r) => formatDateVi(r.deadline) },
          { header: 'Tình trạng', cell: (r) => <StatusTag s={r.effective} /> },
        ]}
      />
      {p.canManage && open.length > 0 && (
        <>
          <h2>Giao nhiệm vụ từ kết luận</h2>
          <ErrorSummary ctx={ctx} errors={errors} message={p.message} />
          <Form ctx={ctx} action={`/quan-tri/chi-dao/cuoc-hop/${m.id}/giao-viec`} label="Giao nhiệm vụ từ kết luận">
            {open.map((c) => (
              <fieldset key={c.id} class="vh-fieldset">
                <legend>
                  Kết luận {c.seq}: {c.text}
                </legend>
                <div class="vh-field">
                  <input type="checkbox" id={`f-c${c.seq}.pick`} name={`c${c.seq}.pick`} value={c.id} checked={v[`c${c.seq}.pick`] === c.id} />{' '}
                  <label for={`f-c${c.seq}.pick`}>Giao thành nhiệm vụ</label>
                </div>
                <SelectField
                  ctx={ctx}
                  name={`c${c.seq}.ownerUnit`}
                  label="Đơn vị chủ trì"
                  options={unitOptions}
                  value={v[`c${c.seq}.ownerUnit`]}
                  errors={errors}
                />
                <TextField
                  ctx={ctx}
                  name={`c${c.seq}.coUnits`}
                  label="Đơn vị phối hợp (mã, cách nhau bởi dấu phẩy)"
                  value={v[`c${c.seq}.coUnits`]}
                  errors={errors}
                  width="half"
                />
                <TextField
                  ctx={ctx}
                  name={`c${c.seq}.deadline`}
                  label="Hạn hoàn thành"
                  hint="ngày/tháng/năm; hoặc để trống và nhập số ngày làm việc"
                  value={v[`c${c.seq}.deadline`]}
                  errors={errors}
                  width="short"
                />
                <TextField
                  ctx={ctx}
                  name={`c${c.seq}.workingDays`}
                  label="hoặc số ngày làm việc kể từ hôm nay"
                  value={v[`c${c.seq}.workingDays`]}
                  errors={errors}
                  width="short"
                />
                <TextField ctx={ctx} name={`c${c.seq}.expectedProduct`} label="Sản phẩm dự kiến" value={v[`c${c.seq}.expectedProduct`]} errors={errors} />
              </fieldset>
            ))}
            <Button>Giao nhiệm vụ</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function TaskPage(p: {
  ctx: PageContext;
  task: BoardTask;
  updates: TaskUpdate[];
  units: Units;
  canUpdate: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, task: t, errors } = p;
  const v = p.values ?? {};
  const statusOptions = (['on_track', 'at_risk', 'not_started', 'done', 'dropped'] as const).map((s) => ({ value: s, label: STATUS_VI[s] }));
  return (
    <Layout ctx={ctx} title={`Nhiệm vụ ${t.code}`} wide>
      <h1>
        Nhiệm vụ {t.code}: {t.title}
      </h1>
      <Nav ctx={ctx} />
      <dl class="vh-dl">
        <dt>Đơn vị chủ trì</dt>
        <dd>{p.units.get(t.ownerUnit) ?? t.ownerUnit}</dd>
        <dt>Đơn vị phối hợp</dt>
        <dd>{t.coUnits.map((c) => p.units.get(c) ?? c).join(', ') || '—'}</dd>
        <dt>Hạn hoàn thành</dt>
        <dd>{formatDateVi(t.deadline)}</dd>
        <dt>Sản phẩm dự kiến</dt>
        <dd>{t.expectedProduct || '—'}</dd>
        <dt>Tiến độ</dt>
        <dd>{t.progress}%</dd>
        <dt>Tình trạng</dt>
        <dd>
          <StatusTag s={t.effective} />
          {t.dropReason ? ` — Lý do: ${t.dropReason}` : ''}
        </dd>
      </dl>
      <h2>Cập nhật tiến độ</h2>
      <DataTable
        ctx={ctx}
        caption="Các lần cập nhật"
        rows={p.updates}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Thời gian', rowHeader: true, cell: (r) => formatDateVi(r.createdAt) },
          { header: 'Người cập nhật', cell: (r) => r.createdByLabel },
          { header: 'Tiến độ', cell: (r) => `${r.progress}%` },
          { header: 'Tình trạng', cell: (r) => <StatusTag s={r.status} /> },
          { header: 'Nội dung', cell: (r) => r.note },
          {
            header: 'Minh chứng',
            cell: (r) => (
              <>
                {r.fileId && <a href={`/quan-tri/chi-dao/minh-chung/${r.id}`}>{r.fileName}</a>}
                {r.fileId && r.link ? ' · ' : ''}
                {r.link && (
                  <a href={r.link} rel="noopener noreferrer">
                    {r.link}
                  </a>
                )}
                {!r.fileId && !r.link ? '—' : ''}
              </>
            ),
          },
        ]}
      />
      {p.canUpdate && t.status !== 'done' && t.status !== 'dropped' && (
        <>
          <h2>Báo cáo tiến độ</h2>
          <ErrorSummary ctx={ctx} errors={errors} message={p.message} />
          <Form ctx={ctx} action={`/quan-tri/chi-dao/nhiem-vu/${t.id}/tien-do?_csrf=${encodeURIComponent(ctx.csrf)}`} multipart label="Báo cáo tiến độ">
            <SelectField ctx={ctx} name="status" label="Tình trạng" options={statusOptions} value={v.status ?? 'on_track'} errors={errors} />
            <TextField
              ctx={ctx}
              name="progress"
              label="Tiến độ (%)"
              value={v.progress ?? String(t.progress)}
              errors={errors}
              width="short"
              inputMode="numeric"
            />
            <TextArea ctx={ctx} name="note" label="Kết quả thực hiện" value={v.note} errors={errors} rows={4} />
            <TextField ctx={ctx} name="link" label="Đường dẫn minh chứng (nếu có)" value={v.link} errors={errors} />
            <div class={`vh-field${errors?.file ? ' vh-field--error' : ''}`}>
              <label class="vh-label" for="f-file">
                Tệp minh chứng (PDF, DOCX, XLSX, ảnh; tối đa 20 MB)
              </label>
              {errors?.file && (
                <p id="e-file" class="vh-error">
                  {errors.file.vi}
                </p>
              )}
              <input id="f-file" name="file" type="file" class="vh-file" aria-describedby={errors?.file ? 'e-file' : undefined} />
            </div>
            <TextField ctx={ctx} name="dropReason" label="Lý do dừng thực hiện (khi chọn Dừng thực hiện)" value={v.dropReason} errors={errors} />
            <Button>Gửi cập nhật</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function CommitteePage(p: {
  ctx: PageContext;
  bodies: { body: Body; members: Member[] }[];
  canManage: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, errors } = p;
  const v = p.values ?? {};
  return (
    <Layout ctx={ctx} title="Ban Chỉ đạo và Tổ giúp việc" wide>
      <h1>Ban Chỉ đạo và Tổ giúp việc</h1>
      <Nav ctx={ctx} />
      {p.bodies.map(({ body: b, members }) => (
        <section key={b.id}>
          <h2>
            {b.name} ({b.kind === 'committee' ? 'Ban Chỉ đạo' : 'Tổ giúp việc'})
          </h2>
          <p>
            Thành lập theo Quyết định số {b.decisionNumber} ngày {formatDateVi(b.decisionDate)} của {b.issuer}.
          </p>
          <DataTable
            ctx={ctx}
            caption={`Thành viên ${b.name}`}
            rows={members}
            rowKey={(r) => r.id}
            columns={[
              { header: 'Họ và tên', rowHeader: true, cell: (r) => r.fullName },
              { header: 'Chức vụ', cell: (r) => r.position },
              { header: 'Vai trò', cell: (r) => r.role },
              { header: 'Từ ngày', cell: (r) => formatDateVi(r.fromDate) },
              { header: 'Đến ngày', cell: (r) => (r.toDate ? formatDateVi(r.toDate) : 'nay') },
              { header: 'Quyết định', cell: (r) => r.decisionNumber ?? '' },
            ]}
          />
          {p.canManage && (
            <Form ctx={ctx} action={`/quan-tri/chi-dao/ban-chi-dao/${b.id}/kien-toan`} label={`Kiện toàn ${b.name}`}>
              <h3>Kiện toàn thành viên</h3>
              <SelectField
                ctx={ctx}
                name="memberId"
                label="Thành viên thôi tham gia"
                options={[
                  { value: '', label: '— Không —' },
                  ...members.filter((m) => !m.toDate).map((m) => ({ value: m.id, label: `${m.fullName} (${m.role})` })),
                ]}
                errors={errors}
              />
              <TextField ctx={ctx} name="fullName" label="Thành viên mới: họ và tên" errors={errors} />
              <TextField ctx={ctx} name="position" label="Chức vụ" errors={errors} />
              <TextField ctx={ctx} name="role" label="Vai trò trong Ban" errors={errors} />
              <TextField ctx={ctx} name="fromDate" label="Ngày hiệu lực" errors={errors} width="short" />
              <TextField ctx={ctx} name="decisionNumber" label="Số quyết định kiện toàn" errors={errors} width="half" />
              <Button variant="secondary">Lưu thay đổi</Button>
            </Form>
          )}
        </section>
      ))}
      {p.canManage && (
        <>
          <h2>Thành lập Ban Chỉ đạo, Tổ giúp việc</h2>
          <ErrorSummary ctx={ctx} errors={errors} message={p.message} />
          <Form ctx={ctx} action="/quan-tri/chi-dao/ban-chi-dao" label="Thành lập">
            <SelectField
              ctx={ctx}
              name="kind"
              label="Loại"
              options={[
                { value: 'committee', label: 'Ban Chỉ đạo' },
                { value: 'working_group', label: 'Tổ giúp việc' },
              ]}
              value={v.kind}
              errors={errors}
            />
            <TextField ctx={ctx} name="name" label="Tên" value={v.name} errors={errors} />
            <TextField ctx={ctx} name="decisionNumber" label="Số quyết định" value={v.decisionNumber} errors={errors} width="half" />
            <TextField ctx={ctx} name="decisionDate" label="Ngày quyết định" value={v.decisionDate} errors={errors} width="short" />
            <TextArea ctx={ctx} name="members" label="Thành viên (mỗi dòng: Họ tên | chức vụ | vai trò)" value={v.members} errors={errors} />
            <Button>Lưu</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function ReportsPage(p: {
  ctx: PageContext;
  reports: Report[];
  canManage: boolean;
  errors?: FieldErrors;
  message?: string;
  values?: Record<string, string>;
}) {
  const { ctx, errors } = p;
  const v = p.values ?? {};
  return (
    <Layout ctx={ctx} title="Báo cáo CCHC, chuyển đổi số" wide>
      <h1>Báo cáo cải cách hành chính, chuyển đổi số</h1>
      <Nav ctx={ctx} />
      {p.canManage && (
        <>
          <h2>Lập báo cáo từ số liệu hiện hành</h2>
          <ErrorSummary ctx={ctx} errors={errors} message={p.message} />
          <Form ctx={ctx} action="/quan-tri/chi-dao/bao-cao" label="Lập báo cáo">
            <SelectField
              ctx={ctx}
              name="kind"
              label="Loại báo cáo"
              options={[
                { value: 'yearly', label: 'Báo cáo năm' },
                { value: 'quarterly', label: 'Báo cáo quý' },
              ]}
              value={v.kind}
              errors={errors}
            />
            <TextField ctx={ctx} name="year" label="Năm" value={v.year} errors={errors} width="short" inputMode="numeric" />
            <TextField ctx={ctx} name="quarter" label="Quý (với báo cáo quý)" value={v.quarter} errors={errors} width="short" inputMode="numeric" />
            <Button>Lập báo cáo</Button>
          </Form>
        </>
      )}
      <DataTable
        ctx={ctx}
        caption="Báo cáo đã lập"
        captionVisible
        rows={p.reports}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Số', rowHeader: true, cell: (r) => <a href={`/quan-tri/chi-dao/bao-cao/${r.id}`}>{r.number}</a> },
          { header: 'Loại', cell: (r) => `${KIND_VI[r.kind]} ${r.quarter ? `quý ${r.quarter}/` : ''}${r.year}` },
          { header: 'Phiên bản', cell: (r) => String(r.version) },
          { header: 'Trạng thái', cell: (r) => REPORT_STATUS[r.status] ?? r.status },
        ]}
      />
    </Layout>
  );
}

export function ReportContentView(p: { content: ReportContent; headingLevel?: 2 }) {
  return (
    <>
      {p.content.sections.map((s, i) => (
        <section key={s.key} id={`muc-${s.key}`}>
          <h2>
            {ROMAN[i]}. {s.title}
          </h2>
          {s.figures.length > 0 && (
            <div class="vh-table-wrap">
              <table class="vh-table" data-section={s.key}>
                <caption class="vh-visually-hidden">{s.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Nội dung</th>
                    <th scope="col">Kết quả</th>
                    <th scope="col">Nguồn số liệu</th>
                    <th scope="col">Tính đến</th>
                  </tr>
                </thead>
                <tbody>
                  {s.figures.map((f) => (
                    <tr key={f.key} data-figure={f.key} data-value={f.value === null ? '' : String(f.value)}>
                      <th scope="row">{f.label}</th>
                      <td>{f.value === null ? `${NO_DATA}${f.missing ? ` (${f.missing})` : ''}` : formatFigure(f)}</td>
                      <td>{f.href ? <a href={f.href}>{f.source}</a> : f.source}</td>
                      <td>{f.asOf ? formatDateVi(f.asOf) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {s.tables.map((t) => (
            <div class="vh-table-wrap" key={t.caption}>
              <table class="vh-table">
                <caption>{t.caption}</caption>
                <thead>
                  <tr>
                    {t.head.map((h) => (
                      <th scope="col" key={h}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {t.rows.length === 0 && (
                    <tr>
                      <td colSpan={t.head.length}>Không có.</td>
                    </tr>
                  )}
                  {t.rows.map((r, j) => (
                    <tr key={`${j}-${r[0]}`}>
                      {r.map((c, k) => (
                        <td key={`${k}-${c}`}>{c}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {s.narrative
            ?.split('\n')
            .filter((x) => x.trim())
            .map((x) => <p key={x}>{x}</p>)}
        </section>
      ))}
    </>
  );
}

export function ReportPage(p: {
  ctx: PageContext;
  report: Report;
  content: ReportContent;
  versions: ReportVersion[];
  diff?: string;
  canManage: boolean;
  canApprove: boolean;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, report: r, content } = p;
  const editable = r.status === 'draft' || r.status === 'submitted';
  return (
    <Layout ctx={ctx} title={content.title} wide>
      <h1>{content.title}</h1>
      <Nav ctx={ctx} />
      <p>
        Số {r.number} · Phiên bản {r.version} · Trạng thái: <strong data-report-status={r.status}>{REPORT_STATUS[r.status]}</strong>
        {r.approvedBy ? ` · Phê duyệt: ${r.approvedBy}` : ''} · Kỳ báo cáo: {content.period.label} · Số liệu tính đến {formatDateVi(content.asOf)}
      </p>
      <p>
        <a href={`/api/v1/steering/reports/${r.id}.docx`}>Tải DOCX</a> · <a href={`/api/v1/steering/reports/${r.id}.pdf`}>Tải PDF</a>
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {p.canApprove && editable && (
        <ActionButton ctx={ctx} action={`/quan-tri/chi-dao/bao-cao/${r.id}/phe-duyet`} label="Phê duyệt báo cáo" variant="primary" />
      )}
      {p.canApprove && r.status === 'approved' && (
        <ActionButton ctx={ctx} action={`/quan-tri/chi-dao/bao-cao/${r.id}/cong-bo`} label="Công bố trên cổng" variant="primary" />
      )}
      <ReportContentView content={content} />
      {p.canManage && editable && (
        <>
          <h2>Chỉnh sửa phần nội dung (tạo phiên bản mới)</h2>
          <Form ctx={ctx} action={`/quan-tri/chi-dao/bao-cao/${r.id}/sua`} label="Chỉnh sửa báo cáo">
            {content.sections.map((s, i) => (
              <TextArea key={s.key} ctx={ctx} name={`n.${s.key}`} label={`${ROMAN[i]}. ${s.title} — đoạn văn`} value={s.narrative} rows={3} />
            ))}
            <div class="vh-field">
              <input type="checkbox" id="f-refresh" name="refresh" value="1" /> <label for="f-refresh">Cập nhật lại số liệu từ dữ liệu hiện hành</label>
            </div>
            <Button variant="secondary">Lưu phiên bản mới</Button>
          </Form>
        </>
      )}
      <h2>Các phiên bản</h2>
      <ul>
        {p.versions.map((v) => (
          <li key={v.id}>
            Phiên bản {v.version} — {formatDateVi(v.createdAt)} — {v.createdBy} — {v.note}
            {v.version > 1 && (
              <>
                {' '}
                · <a href={`/quan-tri/chi-dao/bao-cao/${r.id}?so-sanh=${v.version}`}>So sánh với phiên bản {v.version - 1}</a>
              </>
            )}
          </li>
        ))}
      </ul>
      {p.diff && (
        <>
          <h2>Khác biệt giữa hai phiên bản</h2>
          <pre class="vh-pre" data-diff>
            {p.diff}
          </pre>
        </>
      )}
    </Layout>
  );
}

export function PublicPage(p: { ctx: PageContext; plans: Plan[]; reports: (Report & { title: string })[] }) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title="Kế hoạch, báo cáo cải cách hành chính và chuyển đổi số">
      <h1>Kế hoạch, báo cáo cải cách hành chính và chuyển đổi số</h1>
      <h2>Kế hoạch đã công bố</h2>
      <ul>
        {p.plans.length === 0 && <li>Chưa có kế hoạch được công bố.</li>}
        {p.plans.map((x) => (
          <li key={x.id}>
            <a href={`/chi-dao-dieu-hanh/ke-hoach/${x.id}`}>
              Kế hoạch số {x.number} ngày {formatDateVi(x.issuedOn)}
            </a>
            : {x.title}
          </li>
        ))}
      </ul>
      <h2>Báo cáo đã phê duyệt</h2>
      <ul>
        {p.reports.length === 0 && <li>Chưa có báo cáo được công bố.</li>}
        {p.reports.map((r) => (
          <li key={r.id}>
            <a href={`/chi-dao-dieu-hanh/bao-cao/${r.id}`}>{r.title}</a> (số {r.number}) — <a href={`/api/v1/steering/reports/${r.id}.pdf`}>PDF</a> ·{' '}
            <a href={`/api/v1/steering/reports/${r.id}.docx`}>DOCX</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function PublicReportPage(p: { ctx: PageContext; report: Report; content: ReportContent }) {
  return (
    <Layout ctx={p.ctx} title={p.content.title} wide>
      <h1>{p.content.title}</h1>
      <p>
        Số {p.report.number}. Kỳ báo cáo: {p.content.period.label}. Số liệu tính đến {formatDateVi(p.content.asOf)}.{' '}
        <a href={`/api/v1/steering/reports/${p.report.id}.pdf`}>Tải PDF</a> · <a href={`/api/v1/steering/reports/${p.report.id}.docx`}>Tải DOCX</a>
      </p>
      <ReportContentView content={p.content} />
    </Layout>
  );
}

export function PublicPlanPage(p: { ctx: PageContext; plan: Plan; targets: { label: string; target: string; actual: string; source: string; met: string }[] }) {
  const { plan } = p;
  return (
    <Layout ctx={p.ctx} title={`Kế hoạch ${plan.number}`}>
      <h1>
        Kế hoạch số {plan.number} ngày {formatDateVi(plan.issuedOn)}
      </h1>
      <p>{plan.title}</p>
      <p>
        {plan.issuer}. Kỳ kế hoạch: {formatDateVi(plan.periodFrom)} – {formatDateVi(plan.periodTo)}.
      </p>
      <DataTable
        ctx={p.ctx}
        caption="Chỉ tiêu"
        captionVisible
        rows={p.targets}
        rowKey={(r) => r.label}
        columns={[
          { header: 'Chỉ tiêu', rowHeader: true, cell: (r) => r.label },
          { header: 'Mục tiêu', cell: (r) => r.target },
          { header: 'Kết quả', cell: (r) => r.actual },
          { header: 'Nguồn số liệu', cell: (r) => r.source },
        ]}
      />
    </Layout>
  );
}

export type { Task };
