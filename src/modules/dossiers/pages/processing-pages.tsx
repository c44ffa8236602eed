import { Fragment } from 'preact';
import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, Checkbox, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { formatDateTimeVi, formatDateVi } from '../../../core/validation.js';
import { SignatureReport, type PdfSignature } from '../../../core/signing/index.js';
import { allFields, isShown, type FormDefinition } from '../../procedures/index.js';
import type { AttachedFile } from '../dossiers.repository.js';
import { DESTRUCTIVE_ACTIONS, PRIMARY_ORDER, type ActionSlug, type Loaded } from '../dossiers.processing.js';
import { can } from '../../../core/auth/actor.js';
import { QUEUE_SORTS, QUEUE_TABS, type QueueRow, type QueueSort, type QueueTab } from '../dossiers.queue.js';
import { Tabs } from '../../../core/web/components/tabs.js';
import { STEP_RESULT_LABELS } from '../dossiers.workflow.js';
import { displayAnswer, DocumentFiles, IssuedNotices, statusLabel } from './filing-pages.js';

export interface TimelineEntry {
  id: number;
  at: Date;
  kind: string;
  note: string | null;
  actorName: string | null;
  fromStep: string | null;
  toStep: string | null;
  stepResult: 'early' | 'on_time' | 'late' | null;
}

/** What failed on the last POST, so the page re-renders that form with the input kept. */
export interface FailedAction {
  slug: ActionSlug;
  errors?: FieldErrors;
  message?: string;
  values: Record<string, string>;
}

/** The queue's filters, kept across tabs and in every link (the page works without JavaScript). */
export interface QueueQuery {
  procedureCode?: string;
  unitCode?: string;
  /** as typed, dd/mm/yyyy */
  from?: string;
  to?: string;
  sort?: QueueSort;
  desc?: boolean;
}

function queueHref(tab: string, q: QueueQuery): string {
  const u = new URLSearchParams({ tab });
  if (q.procedureCode) u.set('thu-tuc', q.procedureCode);
  if (q.unitCode) u.set('don-vi', q.unitCode);
  if (q.from) u.set('tu-ngay', q.from);
  if (q.to) u.set('den-ngay', q.to);
  if (q.sort) u.set('sap-xep', q.sort);
  if (q.desc) u.set('giam-dan', '1');
  return `/quan-tri/ho-so?${u}`;
}

const SORT_LABELS: Record<QueueSort, { vi: string; en: string }> = {
  han: { vi: 'hạn giải quyết', en: 'due date' },
  'ngay-nop': { vi: 'ngày nộp', en: 'submission date' },
  ma: { vi: 'mã hồ sơ', en: 'code' },
};

export function QueuePage(p: {
  ctx: PageContext;
  /** the tabs shown to this actor, with their counts (undefined: not counted) */
  tabs: { slug: QueueTab; vi: string; en: string; count?: number }[];
  tab: QueueTab;
  rows: QueueRow[];
  procedures: { code: string; name: string }[];
  units: { code: string; name: string }[];
  query: QueueQuery;
  errors?: FieldErrors;
  today: string;
}) {
  const { ctx, query: q } = p;
  const title = ctx.t('Hồ sơ một cửa', 'One-stop dossiers');
  const current = QUEUE_TABS.find((x) => x.slug === p.tab)!;
  const sort = SORT_LABELS[q.sort ?? 'han'];
  return (
    <Layout ctx={ctx} title={`${title}: ${ctx.t(current.vi, current.en)}`} wide>
      <h1>{title}</h1>
      <p>
        <a href="/quan-tri/ho-so/so-theo-doi">{ctx.t('Sổ theo dõi hồ sơ (Mẫu số 07)', 'Tracking log (Form 07)')}</a>
        {' · '}
        <a href="/quan-tri/ho-so/thong-ke">{ctx.t('Thống kê, báo cáo', 'Statistics')}</a>
        {' · '}
        <a href="/quan-tri/ho-so/tai-quay">{ctx.t('Tiếp nhận hồ sơ tại quầy', 'Desk intake')}</a>
      </p>
      <Tabs
        ctx={ctx}
        label={ctx.t('Hàng đợi hồ sơ', 'Queues')}
        tabs={p.tabs.map((x) => ({ href: queueHref(x.slug, q), vi: x.vi, en: x.en, count: x.count, current: x.slug === p.tab }))}
      />
      {p.errors && <ErrorSummary ctx={ctx} errors={p.errors} />}
      <form method="get" action="/quan-tri/ho-so" class="vh-form vh-filters">
        <input type="hidden" name="tab" value={p.tab} />
        <SelectField
          ctx={ctx}
          name="thu-tuc"
          label={ctx.t('Thủ tục', 'Procedure')}
          value={q.procedureCode ?? ''}
          options={[
            { value: '', label: ctx.t('Tất cả thủ tục', 'All procedures') },
            ...p.procedures.map((x) => ({ value: x.code, label: `${x.code} – ${x.name}` })),
          ]}
        />
        <SelectField
          ctx={ctx}
          name="don-vi"
          label={ctx.t('Đơn vị giải quyết', 'Unit')}
          value={q.unitCode ?? ''}
          options={[{ value: '', label: ctx.t('Tất cả đơn vị', 'All units') }, ...p.units.map((u) => ({ value: u.code, label: u.name }))]}
        />
        <TextField ctx={ctx} name="tu-ngay" label={ctx.t('Nộp từ ngày', 'Submitted from')} hint="dd/mm/yyyy" value={q.from} errors={p.errors} width="short" />
        <TextField ctx={ctx} name="den-ngay" label={ctx.t('Đến ngày', 'To')} hint="dd/mm/yyyy" value={q.to} errors={p.errors} width="short" />
        <SelectField
          ctx={ctx}
          name="sap-xep"
          label={ctx.t('Sắp xếp theo', 'Sort by')}
          value={q.sort ?? 'han'}
          options={QUEUE_SORTS.map((x) => ({ value: x, label: ctx.t(SORT_LABELS[x].vi, SORT_LABELS[x].en) }))}
        />
        <Checkbox ctx={ctx} name="giam-dan" label={ctx.t('Giảm dần', 'Descending')} checked={q.desc} />
        <Button variant="secondary">{ctx.t('Lọc', 'Filter')}</Button>
      </form>
      {p.rows.length === 0 ? (
        <p>{ctx.t('Không có hồ sơ nào trong hàng đợi này.', 'No dossiers in this queue.')}</p>
      ) : (
        <div class="vh-table-wrap">
          <table class="vh-table">
            <caption>
              {ctx.t(current.vi, current.en)} – {p.rows.length} {ctx.t('hồ sơ, sắp xếp theo', 'dossiers, by')} {ctx.t(sort.vi, sort.en)}
              {q.desc ? ctx.t(' (giảm dần)', ' (descending)') : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('Mã hồ sơ', 'Code')}</th>
                <th scope="col">{ctx.t('Thủ tục', 'Procedure')}</th>
                <th scope="col">{ctx.t('Người nộp', 'Applicant')}</th>
                <th scope="col">{ctx.t('Trạng thái', 'Status')}</th>
                <th scope="col">{ctx.t('Ngày nộp', 'Submitted')}</th>
                <th scope="col">{ctx.t('Hạn giải quyết', 'Due')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => {
                const late = r.dueDate && r.dueDate < p.today && ['received', 'processing', 'approved'].includes(r.status);
                return (
                  <tr key={r.id}>
                    <td>
                      <a href={`/quan-tri/ho-so/${r.id}`}>{r.code}</a>
                    </td>
                    <td>{r.procedureName}</td>
                    <td>{r.applicantName}</td>
                    <td>{statusLabel(ctx, r.status)}</td>
                    <td>{formatDateTimeVi(r.submittedAt)}</td>
                    <td>
                      {formatDateVi(r.dueDate)}
                      {late ? <strong class="vh-tag vh-tag--off"> {ctx.t('Quá hạn', 'Overdue')}</strong> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

const ACTION_TITLES: Record<ActionSlug, { vi: string; en: string; button: string; variant?: 'primary' | 'secondary' | 'warning' }> = {
  receive: { vi: 'Tiếp nhận hồ sơ', en: 'Receive', button: 'Tiếp nhận hồ sơ (bắt đầu tính thời hạn)' },
  'request-supplement': { vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)', en: 'Request a supplement', button: 'Gửi yêu cầu bổ sung', variant: 'secondary' },
  refuse: { vi: 'Từ chối tiếp nhận (Mẫu 03)', en: 'Refuse', button: 'Từ chối tiếp nhận', variant: 'warning' },
  assign: { vi: 'Chuyển chuyên viên xử lý', en: 'Assign', button: 'Chuyển xử lý' },
  forward: { vi: 'Trình lãnh đạo phê duyệt', en: 'Forward to the leader', button: 'Trình phê duyệt' },
  approve: { vi: 'Phê duyệt kết quả', en: 'Approve', button: 'Phê duyệt' },
  return: { vi: 'Trả kết quả (bản điện tử)', en: 'Return the result', button: 'Phát hành và trả kết quả' },
  stop: { vi: 'Dừng giải quyết theo đề nghị của người nộp (Mẫu 05)', en: 'Stop at the applicant’s request', button: 'Dừng giải quyết', variant: 'warning' },
  pause: { vi: 'Tạm dừng tính thời hạn (thời gian thẩm định thực tế)', en: 'Pause the clock', button: 'Tạm dừng tính thời hạn', variant: 'secondary' },
  resume: { vi: 'Tiếp tục tính thời hạn', en: 'Resume the clock', button: 'Tiếp tục tính thời hạn' },
  extend: {
    vi: 'Xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)',
    en: 'Apologise and extend (Form 04)',
    button: 'Ký phiếu xin lỗi, hẹn lại',
    variant: 'secondary',
  },
};

/** When the implementing unit has nobody to assign (issue 10, finding 1): say so and what to do. */
function NobodyToAssign(p: { ctx: PageContext; unitName?: string; dossierId: string }) {
  const { ctx } = p;
  const admin = can(ctx.actor, 'manage:user:all');
  return (
    <div class="vh-warning" role="note">
      <p>
        <strong>
          {ctx.t(
            `${p.unitName ?? 'Đơn vị giải quyết'} chưa có chuyên viên hay trưởng phòng nào được giao quyền xử lý hồ sơ, nên chưa thể phân công.`,
            `${p.unitName ?? 'The unit'} has nobody allowed to process dossiers yet.`,
          )}
        </strong>
      </p>
      <p>{ctx.t('Bạn có thể:', 'You can:')}</p>
      <ul>
        <li>
          {admin ? (
            <a href="/quan-tri/nguoi-dung">
              {ctx.t('Giao vai trò “Chuyên viên xử lý” hoặc “Trưởng phòng, đơn vị” cho một cán bộ của đơn vị', 'Give an officer of the unit a processing role')}
            </a>
          ) : (
            ctx.t(
              'Đề nghị quản trị hệ thống giao vai trò “Chuyên viên xử lý” hoặc “Trưởng phòng, đơn vị” cho một cán bộ của đơn vị; sau đó tải lại trang này.',
              'Ask the administrator to give an officer of the unit a processing role, then reload this page.',
            )
          )}
        </li>
        <li>
          <a href={`/quan-tri/ho-so/${p.dossierId}#ghi-chu`}>{ctx.t('Ghi chú nội bộ lý do chờ, để đồng nghiệp theo dõi', 'Leave an internal note')}</a>
        </li>
      </ul>
    </div>
  );
}

function ActionForm(p: {
  ctx: PageContext;
  l: Loaded;
  slug: ActionSlug;
  specialists: { id: string; name: string }[];
  failed?: FailedAction;
  primary?: boolean;
  unitName?: string;
}) {
  const { ctx, slug } = p;
  const mine = p.failed?.slug === slug ? p.failed : undefined;
  const v = mine?.values ?? {};
  const a = ACTION_TITLES[slug];
  const headingId = `a-${slug}`;
  const destructive = DESTRUCTIVE_ACTIONS.includes(slug);
  if (slug === 'assign' && p.specialists.length === 0) {
    return (
      <section class="vh-card" aria-labelledby={headingId}>
        <h3 id={headingId}>{ctx.t(a.vi, a.en)}</h3>
        <NobodyToAssign ctx={ctx} unitName={p.unitName} dossierId={p.l.dossier.id} />
      </section>
    );
  }
  const form = (
    <Form ctx={ctx} action={`/quan-tri/ho-so/${p.l.dossier.id}/${slug}`} label={ctx.t(a.vi, a.en)}>
      {mine && <ErrorSummary ctx={ctx} errors={mine.errors} message={mine.message} />}
      <input type="hidden" name="version" value={String(p.l.dossier.version)} />
      {slug === 'refuse' && <TextArea ctx={ctx} name="refuseReason" label={ctx.t('Lý do từ chối', 'Reason')} value={v.refuseReason} errors={mine?.errors} />}
      {slug === 'stop' && (
        <TextArea
          ctx={ctx}
          name="stopReason"
          label={ctx.t('Đề nghị và lý do của người nộp', 'The applicant’s request and reason')}
          value={v.stopReason}
          errors={mine?.errors}
        />
      )}
      {slug === 'request-supplement' && (
        <TextArea
          ctx={ctx}
          name="missingItems"
          label={ctx.t('Các nội dung cần bổ sung, hoàn thiện', 'Everything missing')}
          hint={ctx.t('Mỗi nội dung một dòng. Liệt kê đầy đủ một lần: hồ sơ chỉ được yêu cầu bổ sung một lần.', 'One item a line; all at once (only once).')}
          value={v.missingItems}
          errors={mine?.errors}
        />
      )}
      {slug === 'assign' && (
        <>
          <SelectField
            ctx={ctx}
            name="assigneeId"
            label={ctx.t('Chuyên viên xử lý', 'Specialist')}
            value={v.assigneeId}
            errors={mine?.errors}
            options={[{ value: '', label: ctx.t('— Chọn chuyên viên —', '— Choose —') }, ...p.specialists.map((s) => ({ value: s.id, label: s.name }))]}
          />
          <TextArea ctx={ctx} name="assignNote" label={ctx.t('Ghi chú (không bắt buộc)', 'Note (optional)')} value={v.assignNote} rows={2} />
        </>
      )}
      {slug === 'pause' && (
        <TextArea
          ctx={ctx}
          name="pauseReason"
          label={ctx.t('Lý do tạm dừng (thông báo cho người nộp)', 'Reason (shown to the applicant)')}
          value={v.pauseReason}
          errors={mine?.errors}
          rows={2}
        />
      )}
      {slug === 'extend' && (
        <>
          <TextField
            ctx={ctx}
            name="extraDays"
            label={ctx.t('Số ngày làm việc hẹn thêm', 'Extra working days')}
            value={v.extraDays}
            errors={mine?.errors}
            width="short"
            inputMode="numeric"
          />
          <TextArea
            ctx={ctx}
            name="extendReason"
            label={ctx.t('Lý do chậm trễ', 'Reason for the delay')}
            value={v.extendReason}
            errors={mine?.errors}
            rows={2}
          />
        </>
      )}
      {slug === 'forward' && (
        <TextArea ctx={ctx} name="forwardNote" label={ctx.t('Ý kiến thẩm định (không bắt buộc)', 'Appraisal (optional)')} value={v.forwardNote} rows={3} />
      )}
      {destructive && <p class="vh-hint">{ctx.t('Bạn sẽ được hỏi xác nhận trước khi thao tác này được thực hiện.', 'You will be asked to confirm first.')}</p>}
      <Button variant={p.primary ? 'primary' : destructive ? 'warning' : 'secondary'}>{a.button}</Button>
    </Form>
  );
  // One action is open and highlighted; the others (and the destructive ones) wait behind their
  // heading, open again when their form came back with an error.
  if (p.primary) {
    return (
      <section class="vh-card" aria-labelledby={headingId}>
        <h3 id={headingId}>{ctx.t(a.vi, a.en)}</h3>
        {form}
      </section>
    );
  }
  return (
    <details class="vh-card" open={!!mine}>
      <summary id={headingId}>{ctx.t(a.vi, a.en)}</summary>
      {form}
    </details>
  );
}

/** The confirmation step of a destructive action (refuse, stop): a page of its own, so it works
 * without JavaScript; nothing has changed until the officer confirms here. */
export function ConfirmActionPage(p: { ctx: PageContext; l: Loaded; slug: ActionSlug; values: Record<string, string> }) {
  const { ctx, l, slug } = p;
  const d = l.dossier;
  const a = ACTION_TITLES[slug];
  const reasonField = slug === 'stop' ? 'stopReason' : 'refuseReason';
  const title = ctx.t(`Xác nhận: ${a.vi.replace(/ \(.*\)$/, '').toLowerCase()} hồ sơ ${d.code ?? ''}`, `Confirm: ${a.en} ${d.code ?? ''}`);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <div class="vh-warning" role="note">
        <p>
          <strong>
            {slug === 'refuse'
              ? ctx.t(
                  'Hồ sơ sẽ bị từ chối tiếp nhận và kết thúc; người nộp nhận Phiếu từ chối (Mẫu 03) qua thư điện tử.',
                  'The dossier will be refused and closed.',
                )
              : ctx.t(
                  'Hồ sơ sẽ dừng giải quyết và kết thúc; người nộp nhận Thông báo dừng giải quyết (Mẫu 05).',
                  'The dossier will be stopped and closed.',
                )}{' '}
            {ctx.t('Không thể hoàn tác.', 'This cannot be undone.')}
          </strong>
        </p>
      </div>
      <dl class="vh-summary">
        <dt>{ctx.t('Thủ tục', 'Procedure')}</dt>
        <dd>{l.proc.name}</dd>
        <dt>{ctx.t('Lý do', 'Reason')}</dt>
        <dd>{p.values[reasonField]}</dd>
      </dl>
      <Form ctx={ctx} action={`/quan-tri/ho-so/${d.id}/${slug}`} label={title}>
        <input type="hidden" name="version" value={p.values.version ?? String(d.version)} />
        <input type="hidden" name={reasonField} value={p.values[reasonField] ?? ''} />
        <input type="hidden" name="confirm" value="1" />
        <Button variant="warning">{ctx.t(`Xác nhận ${a.button.toLowerCase()}`, `Confirm: ${a.en}`)}</Button>
      </Form>
      <p>
        <a href={`/quan-tri/ho-so/${d.id}`}>{ctx.t('Không, quay lại hồ sơ', 'No, back to the dossier')}</a>
      </p>
    </Layout>
  );
}

export function StaffDossierPage(p: {
  ctx: PageContext;
  l: Loaded;
  files: AttachedFile[];
  timeline: TimelineEntry[];
  actions: ActionSlug[];
  specialists: { id: string; name: string }[];
  resultId?: string;
  failed?: FailedAction;
  conflict?: string;
  notes?: { id: string; at: Date; body: string; author: string }[];
  noteForm?: { value: string; errors?: FieldErrors };
  /** who acts next, in words */
  next?: string;
  unitName?: string;
}) {
  const { ctx, l } = p;
  const d = l.dossier;
  const def = l.proc.form as unknown as FormDefinition;
  const step = l.proc.workflow[d.workflowStep];
  const title = `${ctx.t('Hồ sơ', 'Dossier')} ${d.code ?? ''}`;
  const primary = PRIMARY_ORDER.find((x) => p.actions.includes(x));
  // Issue 10, finding 3: the file first (summary, answers, documents, timeline), the actions
  // allowed now beside it (below it on a phone), the primary one open, the rest behind their name.
  const ordered = [
    ...(primary ? [primary] : []),
    ...p.actions.filter((x) => x !== primary && !DESTRUCTIVE_ACTIONS.includes(x)),
    ...p.actions.filter((x) => DESTRUCTIVE_ACTIONS.includes(x)),
  ];
  return (
    <Layout ctx={ctx} title={title} wide>
      <p>
        <a href="/quan-tri">{ctx.t('← Việc của tôi', '← My work')}</a> · <a href="/quan-tri/ho-so">{ctx.t('Hàng đợi hồ sơ', 'Dossier queues')}</a>
      </p>
      <h1>{title}</h1>
      {p.conflict && <ErrorSummary ctx={ctx} message={p.conflict} />}
      {p.next && (
        <p class="vh-next">
          {ctx.t('Bước tiếp theo:', 'Next:')} {p.next}
        </p>
      )}
      <div class="vh-record">
        <div class="vh-record__file">
          <h2>{ctx.t('Tóm tắt hồ sơ', 'Summary')}</h2>
          <dl class="vh-summary">
            <dt>{ctx.t('Thủ tục', 'Procedure')}</dt>
            <dd>{l.proc.name}</dd>
            <dt>{ctx.t('Trạng thái', 'Status')}</dt>
            <dd>{statusLabel(ctx, d.status)}</dd>
            <dt>{ctx.t('Bước xử lý hiện tại', 'Current step')}</dt>
            <dd>
              {d.status === 'submitted'
                ? ctx.t('Chờ tiếp nhận', 'Awaiting intake')
                : ['returned', 'refused', 'stopped'].includes(d.status)
                  ? '—'
                  : (step?.step ?? '—')}
            </dd>
            <dt>{ctx.t('Thời gian nộp', 'Submitted')}</dt>
            <dd>{formatDateTimeVi(d.submittedAt)}</dd>
            <dt>{ctx.t('Thời gian tiếp nhận', 'Received')}</dt>
            <dd>{formatDateTimeVi(d.receivedAt) || '—'}</dd>
            <dt>{ctx.t('Hạn giải quyết', 'Due date')}</dt>
            <dd>{formatDateVi(d.dueDate)}</dd>
            <dt>{ctx.t('Số lần yêu cầu bổ sung', 'Supplement requests')}</dt>
            <dd>{d.supplementCount}</dd>
            <dt>{ctx.t('Gia hạn (Mẫu 04)', 'Extensions (Form 04)')}</dt>
            <dd>{d.extensionCount}</dd>
            <dt>{ctx.t('Hình thức tiếp nhận', 'Channel')}</dt>
            <dd>{d.channel === 'desk' ? ctx.t('Tại quầy', 'At the desk') : ctx.t('Trực tuyến', 'Online')}</dd>
            {d.pausedAt && (
              <>
                <dt>{ctx.t('Tạm dừng tính thời hạn', 'Clock paused')}</dt>
                <dd>
                  <strong class="vh-tag vh-tag--off">{ctx.t('Đang tạm dừng', 'Paused')}</strong> {ctx.t('từ', 'since')} {formatDateTimeVi(d.pausedAt)}:{' '}
                  {d.pauseReason}
                </dd>
              </>
            )}
          </dl>
          <p>
            <a href={`/ho-so/${d.id}/giay-tiep-nhan.pdf`}>{ctx.t('Giấy tiếp nhận hồ sơ (Mẫu 01, PDF)', 'Receipt (Form 01, PDF)')}</a>
          </p>
          <IssuedNotices ctx={ctx} events={p.timeline} href={(f) => `/ho-so/${d.id}/van-ban/${f}`} />
          {p.resultId && (
            <p>
              <a href={`/ho-so/${d.id}/ket-qua.pdf`}>{ctx.t('Xem kết quả giải quyết (PDF)', 'View the result (PDF)')}</a> ·{' '}
              <a href={`/xac-thuc/${p.resultId}`}>{ctx.t('Trang xác thực', 'Verification page')}</a>
            </p>
          )}
          <h2>{ctx.t('Thông tin kê khai', 'Answers')}</h2>
          {def.steps.map((s, i) => (
            <section key={i} aria-label={s.title}>
              <h3>{s.title}</h3>
              <dl class="vh-summary">
                {s.fields
                  .filter((f) => isShown(f, d.answers) && allFields(def).includes(f))
                  .map((f) => (
                    <Fragment key={f.name}>
                      <dt>{f.label}</dt>
                      <dd>{displayAnswer(f, d.answers[f.name]) || '—'}</dd>
                    </Fragment>
                  ))}
              </dl>
            </section>
          ))}
          <h2>{ctx.t('Giấy tờ đính kèm', 'Attachments')}</h2>
          <DocumentFiles documents={l.proc.documents} files={p.files} href={(f) => `/quan-tri/ho-so/${d.id}/tep/${f.id}`} />
          <h2>{ctx.t('Quá trình xử lý (Phiếu kiểm soát – Mẫu 06)', 'Timeline (control slip, Form 06)')}</h2>
          <div class="vh-table-wrap">
            <table class="vh-table">
              <caption class="vh-visually-hidden">{ctx.t('Quá trình xử lý', 'Timeline')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('Thời gian', 'Time')}</th>
                  <th scope="col">{ctx.t('Người thực hiện', 'By')}</th>
                  <th scope="col">{ctx.t('Nội dung', 'What')}</th>
                  <th scope="col">{ctx.t('Bàn giao', 'Hand-off')}</th>
                  <th scope="col">{ctx.t('Kết quả bước', 'Step result')}</th>
                </tr>
              </thead>
              <tbody>
                {p.timeline.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTimeVi(e.at)}</td>
                    <td>{e.actorName ?? ctx.t('Người nộp / hệ thống', 'Applicant / system')}</td>
                    <td>{e.note}</td>
                    <td>{e.fromStep || e.toStep ? `${e.fromStep ?? '—'} → ${e.toStep ?? ctx.t('Kết thúc', 'End')}` : ''}</td>
                    <td>{e.stepResult ? STEP_RESULT_LABELS[e.stepResult] : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section aria-labelledby="ghi-chu" class="vh-card">
            <h2 id="ghi-chu">{ctx.t('Ghi chú nội bộ', 'Internal notes')}</h2>
            <p class="vh-hint">{ctx.t('Chỉ cán bộ xem được; người nộp hồ sơ không thấy các ghi chú này.', 'Staff only; never shown to the applicant.')}</p>
            {p.notes?.length ? (
              <ul>
                {p.notes.map((n) => (
                  <li key={n.id}>
                    <strong>{formatDateTimeVi(n.at)}</strong> – {n.author}: {n.body}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{ctx.t('Chưa có ghi chú.', 'No notes yet.')}</p>
            )}
            <Form ctx={ctx} action={`/quan-tri/ho-so/${d.id}/ghi-chu`} label={ctx.t('Thêm ghi chú nội bộ', 'Add an internal note')}>
              {p.noteForm?.errors && <ErrorSummary ctx={ctx} errors={p.noteForm.errors} />}
              <TextArea ctx={ctx} name="noteBody" label={ctx.t('Ghi chú mới', 'New note')} value={p.noteForm?.value} errors={p.noteForm?.errors} rows={2} />
              <Button variant="secondary">{ctx.t('Thêm ghi chú', 'Add note')}</Button>
            </Form>
          </section>
        </div>
        <aside class="vh-record__actions" aria-labelledby="xu-ly">
          <h2 id="xu-ly">{ctx.t('Xử lý hồ sơ', 'Actions')}</h2>
          {ordered.length === 0 ? (
            <p>{ctx.t('Bạn không có thao tác nào trên hồ sơ này ở bước hiện tại.', 'Nothing for you to do at this step.')}</p>
          ) : (
            ordered.map((slug) => (
              <ActionForm
                key={slug}
                ctx={ctx}
                l={l}
                slug={slug}
                specialists={p.specialists}
                failed={p.failed}
                primary={slug === primary}
                unitName={p.unitName}
              />
            ))
          )}
        </aside>
      </div>
    </Layout>
  );
}

export function SupplementPage(p: { ctx: PageContext; l: Loaded; values?: { note?: string }; errors?: FieldErrors; message?: string }) {
  const { ctx, l } = p;
  const d = l.dossier;
  const title = ctx.t(`Bổ sung hồ sơ ${d.code ?? ''}`, `Supplement dossier ${d.code ?? ''}`);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {d.status !== 'supplement_requested' ? (
        <p>{ctx.t('Hồ sơ này hiện không chờ bổ sung.', 'This dossier is not waiting for documents.')}</p>
      ) : (
        <>
          <p>{ctx.t('Bộ phận một cửa yêu cầu bổ sung, hoàn thiện các nội dung sau:', 'The desk asks for:')}</p>
          <ol>
            {(d.supplementItems ?? []).map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ol>
          <Form ctx={ctx} action={`/ho-so/${d.id}/bo-sung`} label={title}>
            <input type="hidden" name="version" value={String(d.version)} />
            <TextArea
              ctx={ctx}
              name="note"
              label={ctx.t('Nội dung bổ sung, giải trình', 'What you supplied')}
              hint={ctx.t('Mô tả những gì đã bổ sung. Thời hạn giải quyết được tính tiếp từ khi gửi.', 'The clock resumes when you send.')}
              value={p.values?.note}
              errors={p.errors}
            />
            <Button>{ctx.t('Gửi bổ sung', 'Send')}</Button>
          </Form>
        </>
      )}
      <p>
        <a href={`/ho-so/${d.id}`}>{ctx.t('Về hồ sơ', 'Back to the dossier')}</a>
      </p>
    </Layout>
  );
}

export function VerifyPage(p: {
  ctx: PageContext;
  info: { id: string; code: string; procedureName: string; issuedAt: Date; sha256: string };
  outcome?: 'match' | 'mismatch';
  message?: string;
  signatures?: PdfSignature[];
}) {
  const { ctx, info } = p;
  const title = ctx.t('Xác thực kết quả giải quyết thủ tục hành chính', 'Verify an administrative result');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="vh-lead">
        {ctx.t(
          'Văn bản này do cơ quan phát hành trên hệ thống và đang được lưu giữ. Thông tin dưới đây giúp đối chiếu tính xác thực; không hiển thị thông tin cá nhân.',
          'This document was issued by the agency on this system. No personal data is shown.',
        )}
      </p>
      <dl class="vh-summary">
        <dt>{ctx.t('Mã hồ sơ', 'Dossier code')}</dt>
        <dd>{info.code}</dd>
        <dt>{ctx.t('Thủ tục', 'Procedure')}</dt>
        <dd>{info.procedureName}</dd>
        <dt>{ctx.t('Ngày phát hành', 'Issued')}</dt>
        <dd>{formatDateTimeVi(info.issuedAt)}</dd>
        <dt>{ctx.t('Mã băm SHA-256', 'SHA-256')}</dt>
        <dd>
          <code>{info.sha256}</code>
        </dd>
      </dl>
      {p.outcome === 'match' && (
        <div class="vh-flash" role="status">
          <h2>{ctx.t('Tài liệu hợp lệ', 'The document is genuine')}</h2>
          <p>{ctx.t('Tệp bạn tải lên trùng khớp với văn bản đã phát hành.', 'Your file matches the issued document.')}</p>
        </div>
      )}
      {p.outcome === 'mismatch' && (
        <div class="vh-error-summary" role="alert">
          <h2>{ctx.t('Tài liệu không khớp', 'The document does not match')}</h2>
          <p>
            {ctx.t(
              'Tệp bạn tải lên không trùng khớp với văn bản đã phát hành (có thể đã bị chỉnh sửa hoặc là văn bản khác).',
              'Your file differs from the issued document.',
            )}
          </p>
        </div>
      )}
      {p.signatures && <SignatureReport ctx={ctx} signatures={p.signatures} />}
      {p.message && <ErrorSummary ctx={ctx} message={p.message} />}
      <h2>{ctx.t('Đối chiếu tệp PDF', 'Check a PDF')}</h2>
      <form method="post" action={`/xac-thuc/${info.id}?_csrf=${encodeURIComponent(ctx.csrf)}`} encType="multipart/form-data" class="vh-form">
        <div class="vh-field">
          <label for="f-tep" class="vh-label">
            {ctx.t('Chọn tệp PDF kết quả cần đối chiếu', 'Choose the PDF to check')}
          </label>
          <input id="f-tep" name="tep" type="file" accept="application/pdf" class="vh-input" />
        </div>
        <Button>{ctx.t('Đối chiếu', 'Check')}</Button>
      </form>
    </Layout>
  );
}

/** /xac-thuc without an id: any PDF is checked for its digital signatures and against the
 * checksums of the results issued here (issue 18). */
export function VerifyUploadPage(p: {
  ctx: PageContext;
  checked?: { signatures: PdfSignature[]; issued?: { id: string; code: string; procedureName: string; issuedAt: Date } };
  message?: string;
}) {
  const { ctx, checked } = p;
  const title = ctx.t('Kiểm tra chữ ký số và tính xác thực của văn bản', 'Check a document\'s digital signature');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="vh-lead">
        {ctx.t(
          'Tải lên tệp PDF kết quả giải quyết hoặc thông báo do cơ quan phát hành. Hệ thống kiểm tra chữ ký số (người ký, thời điểm ký, văn bản có bị sửa sau khi ký hay không) và đối chiếu với văn bản đã phát hành. Tệp không được lưu lại.',
          'Upload a result or notice PDF. We check its digital signature and compare it with the documents issued here. The file is not kept.',
        )}
      </p>
      {checked && <SignatureReport ctx={ctx} signatures={checked.signatures} />}
      {checked &&
        (checked.issued ? (
          <div class="vh-flash" role="status">
            <h2>{ctx.t('Trùng khớp với văn bản đã phát hành', 'Matches an issued document')}</h2>
            <dl class="vh-summary">
              <dt>{ctx.t('Mã hồ sơ', 'Dossier code')}</dt>
              <dd>{checked.issued.code}</dd>
              <dt>{ctx.t('Thủ tục', 'Procedure')}</dt>
              <dd>{checked.issued.procedureName}</dd>
              <dt>{ctx.t('Ngày phát hành', 'Issued')}</dt>
              <dd>{formatDateTimeVi(checked.issued.issuedAt)}</dd>
            </dl>
          </div>
        ) : (
          <div class="vh-error-summary" role="alert">
            <h2>{ctx.t('Không tìm thấy văn bản trùng khớp', 'No issued document matches')}</h2>
            <p>{ctx.t('Mã băm SHA-256 của tệp không khớp với kết quả nào do hệ thống phát hành.', 'The file\'s SHA-256 matches no result issued here.')}</p>
          </div>
        ))}
      {p.message && <ErrorSummary ctx={ctx} message={p.message} />}
      <form method="post" action={`/xac-thuc?_csrf=${encodeURIComponent(ctx.csrf)}`} encType="multipart/form-data" class="vh-form">
        <div class="vh-field">
          <label for="f-tep" class="vh-label">
            {ctx.t('Chọn tệp PDF cần kiểm tra', 'Choose the PDF to check')}
          </label>
          <input id="f-tep" name="tep" type="file" accept="application/pdf" class="vh-input" />
        </div>
        <Button>{ctx.t('Kiểm tra', 'Check')}</Button>
      </form>
    </Layout>
  );
}
