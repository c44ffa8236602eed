import { Fragment } from 'preact';
import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { ActionButton, Button, ErrorSummary, Form, Radios, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { formatDateTimeVi, formatDateVi, isValidIsoDate } from '../../../core/validation.js';
import { ORIGINAL_KIND } from '../../procedures/index.js';
import { allFields, followUpsOfStep, isShown, type FormDefinition, type FormField } from '../../procedures/index.js';
import type { Filing } from '../dossiers.commands.js';
import { NOTICE_EVENT, NOTICE_FORMS, NOTICE_TITLES, type NoticeForm } from '../dossiers.notices.js';
import type { AttachedFile, Dossier, DossierEvent } from '../dossiers.repository.js';

export const STATUS_LABELS: Record<string, { vi: string; en: string }> = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  submitted: { vi: 'Đã nộp, chờ tiếp nhận', en: 'Submitted, awaiting intake' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  supplement_requested: { vi: 'Chờ bổ sung hồ sơ', en: 'Waiting for documents' },
  processing: { vi: 'Đang giải quyết', en: 'In processing' },
  approved: { vi: 'Đã phê duyệt, chờ trả kết quả', en: 'Approved' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  stopped: { vi: 'Đã dừng giải quyết', en: 'Stopped' },
};

export function statusLabel(ctx: PageContext, status: string) {
  const l = STATUS_LABELS[status] ?? { vi: status, en: status };
  return ctx.t(l.vi, l.en);
}

const EVENT_LABELS: Record<string, { vi: string; en: string }> = {
  submitted: { vi: 'Nộp hồ sơ trực tuyến', en: 'Submitted online' },
  // One-stop processing (dossiers.processing.ts)
  received: { vi: 'Tiếp nhận hồ sơ', en: 'Received' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  supplement_requested: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested' },
  supplemented: { vi: 'Bổ sung hồ sơ', en: 'Supplemented' },
  assigned: { vi: 'Chuyển xử lý', en: 'Assigned' },
  forwarded: { vi: 'Trình phê duyệt', en: 'Forwarded for approval' },
  approved: { vi: 'Phê duyệt kết quả', en: 'Approved' },
  returned: { vi: 'Trả kết quả', en: 'Result returned' },
  stopped: { vi: 'Dừng giải quyết', en: 'Stopped' },
  paused: { vi: 'Tạm dừng tính thời hạn', en: 'Clock paused' },
  resumed: { vi: 'Tiếp tục tính thời hạn', en: 'Clock resumed' },
  extended: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new date' },
  desk_received: { vi: 'Tiếp nhận hồ sơ tại quầy', en: 'Received at the desk' },
  // Fees (payments module, issue 18)
  fee_paid: { vi: 'Đã nộp phí, lệ phí', en: 'Fees paid' },
  fee_part_paid: { vi: 'Đã nộp một phần phí, lệ phí', en: 'Fees partly paid' },
  fee_refunded: { vi: 'Hoàn trả phí, lệ phí', en: 'Fees refunded' },
};

/** The files attached to each required document, as links (the applicant's or the staff's URL). */
export function DocumentFiles(p: { documents: { name: string }[]; files: AttachedFile[]; href: (f: AttachedFile) => string }) {
  return (
    <ul>
      {p.documents.map((doc, i) => (
        <li key={i}>
          {doc.name}:{' '}
          {p.files
            .filter((f) => f.documentIndex === i)
            .map((f, j) => (
              <span key={f.id}>
                {j > 0 ? ', ' : ''}
                <a href={p.href(f)}>{f.originalName}</a>
              </span>
            ))}
        </li>
      ))}
    </ul>
  );
}

/** The notices (Forms 02–05) issued for a dossier, from its timeline: links to their PDFs. */
export function IssuedNotices(p: { ctx: PageContext; events: { kind: string }[]; href: (form: NoticeForm) => string }) {
  const issued = NOTICE_FORMS.filter((f) => p.events.some((e) => e.kind === NOTICE_EVENT[f]));
  if (!issued.length) return null;
  return (
    <ul>
      {issued.map((f) => (
        <li key={f}>
          <a href={p.href(f)}>
            {NOTICE_TITLES[f]} ({p.ctx.t('Mẫu số', 'Form')} {f}, PDF)
          </a>
        </li>
      ))}
    </ul>
  );
}

const RATING_OPTIONS = [
  { value: 'very_satisfied', label: 'Rất hài lòng' },
  { value: 'satisfied', label: 'Hài lòng' },
  { value: 'not_satisfied', label: 'Không hài lòng' },
];

/** Satisfaction (issue 3 part 6): once, after the result. */
export function RatingForm(p: { ctx: PageContext; dossierId: string; values?: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx } = p;
  return (
    <section class="vh-card" aria-labelledby="rate-h">
      <h2 id="rate-h">{ctx.t('Đánh giá mức độ hài lòng', 'Rate your satisfaction')}</h2>
      <p>
        {ctx.t(
          'Đánh giá của Ông/Bà được tổng hợp ẩn danh: cán bộ giải quyết hồ sơ không biết ai đã đánh giá.',
          'Ratings are anonymous to the officers who handled the dossier.',
        )}
      </p>
      <Form ctx={ctx} action={`/ho-so/${p.dossierId}/danh-gia`} label={ctx.t('Đánh giá mức độ hài lòng', 'Rate')}>
        {(p.errors || p.message) && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
        <Radios ctx={ctx} name="rating" legend={ctx.t('Ông/Bà có hài lòng với việc giải quyết hồ sơ?', 'Were you satisfied?')} value={p.values?.rating} errors={p.errors} options={RATING_OPTIONS} />
        <TextArea ctx={ctx} name="comment" label={ctx.t('Góp ý (không bắt buộc)', 'Comment (optional)')} value={p.values?.comment} errors={p.errors} rows={3} />
        <Button>{ctx.t('Gửi đánh giá', 'Send rating')}</Button>
      </Form>
    </section>
  );
}

/** The answer as people read it: option labels, dd/mm/yyyy dates, "Có" for a ticked box. */
export function displayAnswer(f: FormField, v: string | undefined): string {
  if (!v) return '';
  if (f.type === 'checkbox') return v === 'true' ? 'Có' : '';
  if (f.type === 'date') return isValidIsoDate(v) ? formatDateVi(v) : v;
  if (f.type === 'select' || f.type === 'radio') return f.options?.find((o) => o.value === v)?.label ?? v;
  return v;
}

/** A form value for an input: dates saved as ISO show as dd/mm/yyyy (what people type). */
function inputValue(f: FormField, v: string | undefined): string {
  if (!v) return '';
  return f.type === 'date' && isValidIsoDate(v) ? formatDateVi(v) : v;
}

function ConditionalNote(p: { def: FormDefinition; field: FormField }) {
  const cond = p.field.showIf!;
  const ctrl = allFields(p.def).find((f) => f.name === cond.field);
  const option = ctrl?.options?.find((o) => o.value === cond.equals)?.label ?? cond.equals;
  return `(chỉ trả lời nếu bạn chọn “${option}” ở câu “${ctrl?.label ?? cond.field}”)`;
}

function Described(p: { ctx: PageContext; name: string; hint?: string; errors?: FieldErrors }) {
  const err = p.errors?.[p.name];
  return (
    <>
      {p.hint && (
        <p id={`h-${p.name}`} class="vh-hint">
          {p.hint}
        </p>
      )}
      {err && (
        <p id={`e-${p.name}`} class="vh-error">
          <span class="vh-visually-hidden">{p.ctx.t('Lỗi:', 'Error:')}</span> {p.ctx.lang === 'en' ? err.en : err.vi}
        </p>
      )}
    </>
  );
}

const describedBy = (name: string, hint: string | undefined, errors?: FieldErrors) =>
  [hint ? `h-${name}` : '', errors?.[name] ? `e-${name}` : ''].filter(Boolean).join(' ') || undefined;

/** One e-form question, rendered by type; radio groups are a fieldset with a legend, checkboxes are never pre-ticked. */
export function Question(p: { ctx: PageContext; def: FormDefinition; field: FormField; value?: string; errors?: FieldErrors; sameStepCondition: boolean }) {
  const { ctx, field: f, errors } = p;
  const label = f.required ? f.label : `${f.label} ${ctx.t('(không bắt buộc)', '(optional)')}`;
  const hints = [
    p.sameStepCondition ? ConditionalNote({ def: p.def, field: f }) : '',
    f.hint ?? '',
    f.type === 'date' ? 'Nhập theo dạng ngày/tháng/năm, ví dụ: 25/12/2026.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const hint = hints || undefined;
  const value = inputValue(f, p.value);
  switch (f.type) {
    case 'textarea':
      return <TextArea ctx={ctx} name={f.name} label={label} hint={hint} value={value} errors={errors} rows={5} />;
    case 'select':
      return (
        <SelectField
          ctx={ctx}
          name={f.name}
          label={label}
          hint={hint}
          value={value}
          errors={errors}
          options={[{ value: '', label: '— Chọn —' }, ...(f.options ?? [])]}
        />
      );
    case 'radio': {
      const err = errors?.[f.name];
      return (
        <div class={`vh-field${err ? ' vh-field--error' : ''}`}>
          <fieldset aria-describedby={describedBy(f.name, hint, errors)} class="vh-fieldset">
            <legend class="vh-label">{label}</legend>
            <Described ctx={ctx} name={f.name} hint={hint} errors={errors} />
            {(f.options ?? []).map((o, i) => (
              <div key={o.value} class="vh-choice">
                <input type="radio" id={i === 0 ? `f-${f.name}` : `f-${f.name}-${i + 1}`} name={f.name} value={o.value} checked={value === o.value} />
                <label for={i === 0 ? `f-${f.name}` : `f-${f.name}-${i + 1}`}>{o.label}</label>
              </div>
            ))}
          </fieldset>
        </div>
      );
    }
    case 'checkbox': {
      const err = errors?.[f.name];
      return (
        <div class={`vh-field${err ? ' vh-field--error' : ''}`}>
          <Described ctx={ctx} name={f.name} hint={hint} errors={errors} />
          <div class="vh-choice">
            <input
              type="checkbox"
              id={`f-${f.name}`}
              name={f.name}
              value="true"
              checked={value === 'true'}
              aria-describedby={describedBy(f.name, hint, errors)}
            />
            <label for={`f-${f.name}`}>{label}</label>
          </div>
        </div>
      );
    }
    default: {
      const type = f.type === 'email' ? 'email' : f.type === 'tel' ? 'tel' : 'text';
      const autocomplete = f.prefill === 'fullName' ? 'name' : f.prefill === 'email' ? 'email' : f.prefill === 'phone' ? 'tel' : undefined;
      const inputMode = f.type === 'number' || f.type === 'date' ? 'numeric' : undefined;
      const width = f.type === 'date' || f.type === 'number' ? 'short' : f.type === 'tel' ? 'half' : 'full';
      return (
        <TextField
          ctx={ctx}
          name={f.name}
          label={label}
          hint={hint}
          value={value}
          errors={errors}
          type={type}
          autocomplete={autocomplete}
          inputMode={inputMode}
          width={width}
        />
      );
    }
  }
}

/** "Bước 2/5": the form's steps plus attachments and the check page, numbered as the step list is. */
export function stepCounter(ctx: PageContext, filing: Filing, active: number | 'files' | 'check'): string {
  const total = filing.def.steps.length + 2;
  const n = active === 'files' ? total - 1 : active === 'check' ? total : active;
  return `${ctx.t('Bước', 'Step')} ${n}/${total}`;
}

/** The tab title after a refused submission starts with "Lỗi:" so a screen reader says so first (GOV.UK pattern). */
export function withError(ctx: PageContext, title: string, failed: boolean): string {
  return failed ? `${ctx.t('Lỗi:', 'Error:')} ${title}` : title;
}

/** The page script of the e-forms: toggles conditional questions and focuses the error summary. */
export const FORMS_SCRIPT = '/static/ho-so/forms.js';

function Steps(p: { ctx: PageContext; filing: Filing; active: number | 'files' | 'check' }) {
  const { ctx, filing } = p;
  const id = filing.dossier.id;
  const reached = filing.dossier.currentStep;
  const items = [
    ...filing.def.steps.map((s, i) => ({ n: i + 1, title: s.title, href: `/ho-so/${id}/buoc/${i + 1}` })),
    { n: 'files' as const, title: ctx.t('Giấy tờ đính kèm', 'Attachments'), href: `/ho-so/${id}/giay-to` },
    { n: 'check' as const, title: ctx.t('Kiểm tra và nộp', 'Check and submit'), href: `/ho-so/${id}/kiem-tra` },
  ];
  const stepNo = (n: number | 'files' | 'check') => (n === 'files' ? filing.def.steps.length + 1 : n === 'check' ? filing.def.steps.length + 2 : n);
  return (
    <nav aria-label={ctx.t('Các bước nộp hồ sơ', 'Filing steps')}>
      <ol>
        {items.map((it) => (
          <li key={String(it.n)}>
            {it.n === p.active ? (
              <strong aria-current="step">{it.title}</strong>
            ) : stepNo(it.n) <= reached + 1 ? (
              <a href={it.href}>{it.title}</a>
            ) : (
              <span>{it.title}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function StepPage(p: {
  ctx: PageContext;
  filing: Filing;
  step: number;
  values: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  /** "followUps": the page of questions that depend on an answer of this step (asked after it without JavaScript) */
  part?: 'main' | 'followUps';
}) {
  const { ctx, filing, step } = p;
  const s = filing.def.steps[step - 1]!;
  const part = p.part ?? 'main';
  const follow = followUpsOfStep(filing.def, step - 1);
  const counter = stepCounter(ctx, filing, step);
  const failed = !!(p.errors && Object.keys(p.errors).length) || !!p.message;
  const title = withError(ctx, `${s.title} – ${counter}`, failed);
  const action = `/ho-so/${filing.dossier.id}/buoc/${step}${part === 'followUps' ? '/tiep' : ''}`;
  const earlierShown = (f: FormField) => !f.showIf || follow.has(f.name) || isShown(f, filing.dossier.answers);
  return (
    <Layout ctx={ctx} title={title} head={<script src={FORMS_SCRIPT} defer />}>
      <p class="vh-hint">{filing.proc.name}</p>
      <Steps ctx={ctx} filing={filing} active={step} />
      <h1>
        <span class="vh-hint vh-block">{counter}</span>
        {s.title}
      </h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action={action} label={s.title}>
        <input type="hidden" name="version" value={String(filing.dossier.version)} />
        {part === 'followUps' ? (
          <>
            <p>{ctx.t('Vì câu trả lời ở trang trước, xin trả lời thêm:', 'Because of your previous answer, please also answer:')}</p>
            {s.fields
              .filter((f) => follow.has(f.name) && isShown(f, p.values))
              .map((f) => (
                <Question key={f.name} ctx={ctx} def={filing.def} field={f} value={p.values[f.name]} errors={p.errors} sameStepCondition={false} />
              ))}
          </>
        ) : (
          <>
            {/* The script turns this into "all" when it shows the follow-up questions on this page. */}
            <input type="hidden" name="part" value="main" data-follow-up-part />
            {s.fields.filter(earlierShown).map((f) => {
              if (!follow.has(f.name)) {
                return <Question key={f.name} ctx={ctx} def={filing.def} field={f} value={p.values[f.name]} errors={p.errors} sameStepCondition={false} />;
              }
              // Without JavaScript it stays hidden and is asked on the next page when its condition holds.
              return (
                <div
                  key={f.name}
                  class="vh-conditional"
                  data-show-if-field={f.showIf!.field}
                  data-show-if-equals={f.showIf!.equals}
                  hidden={!(p.errors?.[f.name] && isShown(f, p.values))}
                >
                  <Question ctx={ctx} def={filing.def} field={f} value={p.values[f.name]} errors={p.errors} sameStepCondition={false} />
                </div>
              );
            })}
          </>
        )}
        <div style="display:flex;gap:1rem;flex-wrap:wrap">
          <Button name="action" value="next">
            {ctx.t('Lưu và tiếp tục', 'Save and continue')}
          </Button>
          <Button name="action" value="save" variant="secondary">
            {ctx.t('Lưu và thoát', 'Save and exit')}
          </Button>
        </div>
      </Form>
      {(step > 1 || part === 'followUps') && (
        <p>
          <a href={part === 'followUps' ? `/ho-so/${filing.dossier.id}/buoc/${step}` : `/ho-so/${filing.dossier.id}/buoc/${step - 1}`}>
            {ctx.t('Quay lại bước trước', 'Back to the previous step')}
          </a>
        </p>
      )}
    </Layout>
  );
}

/** Starting a procedure that already has a draft: continue it, or start another. */
export function DraftPromptPage(p: { ctx: PageContext; procedureCode: string; procedureName: string; draft: Dossier }) {
  const { ctx } = p;
  const title = ctx.t('Bạn đang có hồ sơ soạn dở cho thủ tục này', 'You already have a draft for this procedure');
  return (
    <Layout ctx={ctx} title={title}>
      <p class="vh-hint">{p.procedureName}</p>
      <h1>{title}</h1>
      <p>
        {ctx.t('Hồ sơ đang soạn được lưu lần cuối lúc', 'The draft was last saved at')} {formatDateTimeVi(p.draft.updatedAt)}.
      </p>
      <p>
        <a class="vh-button vh-button--primary" href={`/ho-so/${p.draft.id}/tiep-tuc`}>
          {ctx.t('Tiếp tục hồ sơ đang soạn', 'Continue the draft')}
        </a>
      </p>
      <Form ctx={ctx} action={`/thu-tuc/${encodeURIComponent(p.procedureCode)}/nop`} label={ctx.t('Bắt đầu hồ sơ mới', 'Start a new dossier')}>
        <p class="vh-hint">
          {ctx.t('Hồ sơ đang soạn vẫn được giữ trong mục "Hồ sơ của tôi".', 'The draft stays in "My dossiers".')}
        </p>
        <Button variant="secondary" name="action" value="new">
          {ctx.t('Bắt đầu hồ sơ mới', 'Start a new dossier')}
        </Button>
      </Form>
    </Layout>
  );
}

function fileSize(n: number) {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function AttachmentsPage(p: { ctx: PageContext; filing: Filing; files: AttachedFile[]; errors?: FieldErrors; message?: string; maxMb: number }) {
  const { ctx, filing } = p;
  const id = filing.dossier.id;
  const title = ctx.t('Giấy tờ đính kèm', 'Attachments');
  const counter = stepCounter(ctx, filing, 'files');
  const failed = !!(p.errors && Object.keys(p.errors).length) || !!p.message;
  return (
    <Layout ctx={ctx} title={withError(ctx, `${title} – ${counter}`, failed)} head={<script src={FORMS_SCRIPT} defer />}>
      <p class="vh-hint">{filing.proc.name}</p>
      <Steps ctx={ctx} filing={filing} active="files" />
      <h1>
        <span class="vh-hint vh-block">{counter}</span>
        {title}
      </h1>
      <p>
        {ctx.t(
          `Đính kèm bản điện tử của từng thành phần hồ sơ. Nhận tệp PDF, JPEG hoặc PNG, mỗi tệp tối đa ${p.maxMb} MB; có thể chọn nhiều tệp cho một thành phần.`,
          `Attach each document. PDF, JPEG or PNG, up to ${p.maxMb} MB per file; several files per document are allowed.`,
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {filing.proc.documents.map((doc, i) => {
        const mine = p.files.filter((f) => f.documentIndex === i);
        return (
          <section key={i} class="vh-card" style="margin-bottom:1rem" aria-labelledby={`doc-${i}`}>
            <h2 id={`doc-${i}`}>
              {i + 1}. {doc.name}
            </h2>
            <p class="vh-hint">
              {ORIGINAL_KIND[doc.original].vi} · {ctx.t('Số bản', 'Copies')}: {doc.copies}
              {doc.templateName ? ` · ${doc.templateName}` : ''}
            </p>
            {mine.length === 0 ? (
              <p>{ctx.t('Chưa có tệp nào.', 'No file yet.')}</p>
            ) : (
              <ul>
                {mine.map((f) => (
                  <li key={f.id}>
                    <a href={`/ho-so/${id}/tep/${f.id}`}>{f.originalName}</a> ({fileSize(f.size)}){' '}
                    <ActionButton ctx={ctx} action={`/ho-so/${id}/giay-to/${f.id}/xoa`} label={ctx.t('Xóa', 'Remove')} variant="warning" />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {/* The body is multipart, so the CSRF token travels in the query string (the core hook reads it there). */}
      <form method="post" action={`/ho-so/${id}/giay-to?_csrf=${encodeURIComponent(ctx.csrf)}`} encType="multipart/form-data" class="vh-form" noValidate>
        <h2>{ctx.t('Tải tệp lên', 'Upload files')}</h2>
        {filing.proc.documents.map((doc, i) => {
          const name = `file_${i}`;
          const err = p.errors?.[name];
          return (
            <div key={i} class={`vh-field${err ? ' vh-field--error' : ''}`}>
              <label class="vh-label" for={`f-${name}`}>
                {i + 1}. {doc.name}
              </label>
              <Described ctx={ctx} name={name} errors={p.errors} />
              <input
                type="file"
                id={`f-${name}`}
                name={name}
                multiple
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-describedby={err ? `e-${name}` : undefined}
              />
            </div>
          );
        })}
        <Button variant="secondary">{ctx.t('Tải lên', 'Upload')}</Button>
      </form>
      <p>
        <a class="vh-button vh-button--primary" href={`/ho-so/${id}/kiem-tra`}>
          {ctx.t('Tiếp tục: kiểm tra hồ sơ', 'Continue: check your answers')}
        </a>
      </p>
      <p>
        <a href="/ho-so">{ctx.t('Lưu và thoát (các tệp đã tải lên được giữ lại)', 'Save and exit (uploaded files are kept)')}</a>
      </p>
    </Layout>
  );
}

export function CheckPage(p: {
  ctx: PageContext;
  filing: Filing;
  files: AttachedFile[];
  idempotencyKey: string;
  problems: { steps: { step: number; title: string }[]; missingDocuments: string[] };
  message?: string;
}) {
  const { ctx, filing } = p;
  const id = filing.dossier.id;
  const answers = filing.dossier.answers;
  const title = ctx.t('Kiểm tra thông tin trước khi nộp', 'Check your answers before submitting');
  const blocked = p.problems.steps.length > 0 || p.problems.missingDocuments.length > 0;
  const counter = stepCounter(ctx, filing, 'check');
  return (
    <Layout ctx={ctx} title={withError(ctx, `${title} – ${counter}`, !!p.message)} head={<script src={FORMS_SCRIPT} defer />}>
      <p class="vh-hint">{filing.proc.name}</p>
      <Steps ctx={ctx} filing={filing} active="check" />
      <h1>
        <span class="vh-hint vh-block">{counter}</span>
        {title}
      </h1>
      <ErrorSummary ctx={ctx} message={p.message} />
      {blocked && !p.message && (
        <div class="vh-error-summary" role="status">
          <h2>{ctx.t('Hồ sơ chưa đầy đủ', 'The dossier is not complete')}</h2>
          <ul>
            {p.problems.steps.map((s) => (
              <li key={s.step}>
                <a href={`/ho-so/${id}/buoc/${s.step}`}>
                  {ctx.t('Bước', 'Step')} {s.step}: {s.title} – {ctx.t('còn thông tin chưa hợp lệ hoặc chưa nhập', 'has missing or invalid answers')}
                </a>
              </li>
            ))}
            {p.problems.missingDocuments.map((n) => (
              <li key={n}>
                <a href={`/ho-so/${id}/giay-to`}>
                  {ctx.t('Chưa đính kèm', 'No file for')}: {n}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {filing.def.steps.map((s, si) => (
        <section key={si}>
          <h2>{s.title}</h2>
          <dl class="vh-summary">
            {s.fields
              .filter((f) => isShown(f, answers))
              .map((f) => (
                <Fragment key={f.name}>
                  <dt>{f.label}</dt>
                  <dd>
                    {displayAnswer(f, answers[f.name]) || <span class="vh-hint">{ctx.t('(chưa trả lời)', '(not answered)')}</span>}{' '}
                    <a href={`/ho-so/${id}/buoc/${si + 1}#f-${f.name}`}>
                      {ctx.t('Sửa', 'Change')}
                      <span class="vh-visually-hidden"> {f.label}</span>
                    </a>
                  </dd>
                </Fragment>
              ))}
          </dl>
        </section>
      ))}
      <section>
        <h2>{ctx.t('Giấy tờ đính kèm', 'Attachments')}</h2>
        <dl class="vh-summary">
          {filing.proc.documents.map((doc, i) => {
            const mine = p.files.filter((f) => f.documentIndex === i);
            return (
              <Fragment key={i}>
                <dt>{doc.name}</dt>
                <dd>
                  {mine.length ? mine.map((f) => f.originalName).join(', ') : <span class="vh-hint">{ctx.t('(chưa có tệp)', '(no file)')}</span>}{' '}
                  <a href={`/ho-so/${id}/giay-to`}>
                    {ctx.t('Sửa', 'Change')}
                    <span class="vh-visually-hidden"> {doc.name}</span>
                  </a>
                </dd>
              </Fragment>
            );
          })}
        </dl>
      </section>
      <h2>{ctx.t('Nộp hồ sơ', 'Submit')}</h2>
      <p>
        {ctx.t(
          'Khi bấm "Nộp hồ sơ", bạn xác nhận các thông tin trên là đúng sự thật. Hệ thống cấp mã hồ sơ và Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
          'By submitting you confirm the information is true. You will get a dossier code and a receipt.',
        )}
      </p>
      <Form ctx={ctx} action={`/ho-so/${id}/nop`} label={ctx.t('Nộp hồ sơ', 'Submit')}>
        {/* Made once per rendering of this page: a double click or a refresh re-sends the same key. */}
        <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
        <Button>{ctx.t('Nộp hồ sơ', 'Submit the dossier')}</Button>
      </Form>
    </Layout>
  );
}

export function MyDossiersPage(p: { ctx: PageContext; rows: (Dossier & { procedureName: string })[] }) {
  const { ctx } = p;
  const title = ctx.t('Hồ sơ của tôi', 'My dossiers');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {p.rows.length === 0 ? (
        <p>
          {ctx.t('Bạn chưa có hồ sơ nào.', 'You have no dossiers yet.')} <a href="/thu-tuc">{ctx.t('Tìm thủ tục để nộp hồ sơ', 'Find a procedure')}</a>
        </p>
      ) : (
        <div class="vh-table-wrap">
          <table class="vh-table">
            <caption class="vh-visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('Mã hồ sơ', 'Code')}</th>
                <th scope="col">{ctx.t('Thủ tục', 'Procedure')}</th>
                <th scope="col">{ctx.t('Trạng thái', 'Status')}</th>
                <th scope="col">{ctx.t('Cập nhật', 'Updated')}</th>
                <th scope="col">
                  <span class="vh-visually-hidden">{ctx.t('Thao tác', 'Actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((d) => {
                return (
                  <tr key={d.id}>
                    <td>{d.code ?? '—'}</td>
                    <td>{d.procedureName}</td>
                    <td>
                      <span class={`vh-tag${d.status === 'draft' ? '' : ' vh-tag--ok'}`}>{statusLabel(ctx, d.status)}</span>
                    </td>
                    <td>{formatDateTimeVi(d.updatedAt)}</td>
                    <td>
                      {d.status === 'draft' ? (
                        <a href={`/ho-so/${d.id}/tiep-tuc`}>
                          {ctx.t('Tiếp tục', 'Continue')}
                          <span class="vh-visually-hidden"> {d.procedureName}</span>
                        </a>
                      ) : (
                        <a href={`/ho-so/${d.id}`}>
                          {ctx.t('Xem', 'View')}
                          <span class="vh-visually-hidden"> {d.code}</span>
                        </a>
                      )}
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

export function DossierPage(p: {
  ctx: PageContext;
  filing: Filing;
  files: AttachedFile[];
  events: DossierEvent[];
  receivingUnit: string;
  resultId?: string;
  /** the applicant's rating, when given; undefined for staff readers */
  rating?: { rating: string } | null;
  ratingForm?: { values?: Record<string, string>; errors?: FieldErrors; message?: string };
}) {
  const { ctx, filing } = p;
  const d = filing.dossier;
  const title = `${ctx.t('Hồ sơ', 'Dossier')} ${d.code ?? ''}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <dl class="vh-summary">
        <dt>{ctx.t('Mã hồ sơ', 'Code')}</dt>
        <dd>{d.code}</dd>
        <dt>{ctx.t('Thủ tục', 'Procedure')}</dt>
        <dd>{filing.proc.name}</dd>
        <dt>{ctx.t('Trạng thái', 'Status')}</dt>
        <dd>{statusLabel(ctx, d.status)}</dd>
        <dt>{ctx.t('Thời gian nộp', 'Submitted')}</dt>
        <dd>{formatDateTimeVi(d.submittedAt)}</dd>
        <dt>{ctx.t('Ngày hẹn trả kết quả', 'Appointment date')}</dt>
        <dd>{formatDateVi(d.dueDate)}</dd>
        <dt>{ctx.t('Nơi tiếp nhận', 'Receiving unit')}</dt>
        <dd>{p.receivingUnit}</dd>
        {d.pausedAt && (
          <>
            <dt>{ctx.t('Tạm dừng tính thời hạn', 'Clock paused')}</dt>
            <dd>
              {ctx.t('Từ', 'Since')} {formatDateTimeVi(d.pausedAt)}: {d.pauseReason}
            </dd>
          </>
        )}
      </dl>
      <p>
        <a href={`/ho-so/${d.id}/giay-tiep-nhan.pdf`}>{ctx.t('Giấy tiếp nhận và hẹn trả kết quả (PDF)', 'Receipt and appointment for the result (PDF)')}</a>
      </p>
      <IssuedNotices ctx={ctx} events={p.events} href={(f) => `/ho-so/${d.id}/van-ban/${f}`} />
      {d.status === 'supplement_requested' && (
        <p>
          <a href={`/ho-so/${d.id}/bo-sung`}>{ctx.t('Bổ sung hồ sơ theo yêu cầu', 'Supplement the dossier')}</a>
        </p>
      )}
      {d.status !== 'draft' && d.status !== 'refused' && d.status !== 'stopped' && (
        <p>
          <a href={`/ho-so/${d.id}/nop-phi`}>{ctx.t('Phí, lệ phí và nộp phí bằng VietQR', 'Fees and payment by VietQR')}</a>
        </p>
      )}
      {d.status === 'returned' && (
        <p>
          <a href={`/ho-so/${d.id}/ket-qua.pdf`}>{ctx.t('Kết quả giải quyết (PDF)', 'Result of the procedure (PDF)')}</a>
          {p.resultId && (
            <>
              {' · '}
              <a href={`/xac-thuc/${p.resultId}`}>{ctx.t('Xác thực kết quả', 'Verify the result')}</a>
            </>
          )}
        </p>
      )}
      {d.status === 'returned' && p.rating === null && <RatingForm ctx={ctx} dossierId={d.id} {...p.ratingForm} />}
      {d.status === 'returned' && p.rating && p.ratingForm && <ErrorSummary ctx={ctx} errors={p.ratingForm.errors} message={p.ratingForm.message} />}
      {d.status === 'returned' && p.rating && (
        <p>
          {ctx.t('Ông/Bà đã đánh giá:', 'Your rating:')} <strong>{RATING_OPTIONS.find((o) => o.value === p.rating!.rating)?.label}</strong>.{' '}
          {ctx.t('Cảm ơn Ông/Bà.', 'Thank you.')}
        </p>
      )}
      <h2>{ctx.t('Quá trình xử lý', 'Timeline')}</h2>
      <ol>
        {p.events.map((e) => (
          <li key={e.id}>
            <strong>{formatDateTimeVi(e.at)}</strong> – {ctx.t(EVENT_LABELS[e.kind]?.vi ?? e.kind, EVENT_LABELS[e.kind]?.en ?? e.kind)}
            {e.note ? `: ${e.note}` : ''}
          </li>
        ))}
      </ol>
      <h2>{ctx.t('Giấy tờ đã nộp', 'Documents submitted')}</h2>
      <DocumentFiles documents={filing.proc.documents} files={p.files} href={(f) => `/ho-so/${d.id}/tep/${f.id}`} />
      <p>
        <a href="/ho-so">{ctx.t('Về danh sách hồ sơ của tôi', 'Back to my dossiers')}</a>
      </p>
    </Layout>
  );
}

export function NoticePage(p: { ctx: PageContext; title: string; message: string; link?: { href: string; label: string } }) {
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <h1>{p.title}</h1>
      <p class="vh-lead">{p.message}</p>
      {p.link && (
        <p>
          <a href={p.link.href}>{p.link.label}</a>
        </p>
      )}
    </Layout>
  );
}
