import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, ErrorSummary, SelectField } from '../../../core/web/components/form.js';
import type { FormDefinition, ProcedureWithVersion } from '../../procedures/index.js';
import { Question } from './filing-pages.js';

/** Desk intake, step 1: which procedure the citizen came for. */
export function DeskChoosePage(p: { ctx: PageContext; procedures: { code: string; name: string }[]; errors?: FieldErrors }) {
  const { ctx } = p;
  const title = ctx.t('Tiếp nhận hồ sơ tại quầy', 'Desk intake');
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/quan-tri/ho-so">{ctx.t('← Về hàng đợi hồ sơ', '← Back to the queues')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {ctx.t(
          'Dùng khi công dân, tổ chức nộp hồ sơ giấy trực tiếp tại Bộ phận một cửa: chọn thủ tục, nhập thông tin theo tờ khai và tải lên bản quét các giấy tờ.',
          'For papers handed in at the one-stop desk: choose the procedure, type the form, upload the scans.',
        )}
      </p>
      {p.errors && <ErrorSummary ctx={ctx} errors={p.errors} />}
      <form method="get" action="/quan-tri/ho-so/tai-quay" class="vh-form">
        <SelectField
          ctx={ctx}
          name="thu-tuc"
          label={ctx.t('Thủ tục hành chính', 'Procedure')}
          errors={p.errors}
          options={[{ value: '', label: ctx.t('— Chọn thủ tục —', '— Choose —') }, ...p.procedures.map((x) => ({ value: x.code, label: `${x.code} – ${x.name}` }))]}
        />
        <Button>{ctx.t('Tiếp tục', 'Continue')}</Button>
      </form>
    </Layout>
  );
}

/** Desk intake, step 2: the whole e-form on one page, and the scans of each document. */
export function DeskFormPage(p: {
  ctx: PageContext;
  proc: ProcedureWithVersion;
  values: Record<string, string>;
  kept: { documentIndex: number; storedFileId: string; name: string }[];
  idempotencyKey: string;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, proc } = p;
  const def = proc.form as unknown as FormDefinition;
  const title = ctx.t('Tiếp nhận hồ sơ tại quầy', 'Desk intake');
  return (
    <Layout ctx={ctx} title={`${title}: ${proc.name}`}>
      <p>
        <a href="/quan-tri/ho-so/tai-quay">{ctx.t('← Chọn thủ tục khác', '← Choose another procedure')}</a>
      </p>
      <h1>
        <span class="vh-hint vh-block">{title}</span>
        {proc.name}
      </h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      {/* The body is multipart, so the CSRF token travels in the query string (the core hook reads it there). */}
      <form
        method="post"
        action={`/quan-tri/ho-so/tai-quay/${encodeURIComponent(proc.code)}?_csrf=${encodeURIComponent(ctx.csrf)}`}
        encType="multipart/form-data"
        class="vh-form"
        noValidate
        aria-label={title}
      >
        <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
        {p.kept.map((k) => (
          <input key={k.storedFileId} type="hidden" name={`kept_${k.documentIndex}`} value={k.storedFileId} />
        ))}
        {def.steps.map((s, i) => (
          <fieldset key={i} class="vh-fieldset">
            <legend class="vh-legend">
              <h2>{s.title}</h2>
            </legend>
            {s.fields.map((f) => (
              <Question key={f.name} ctx={ctx} def={def} field={f} value={p.values[f.name]} errors={p.errors} sameStepCondition={!!f.showIf} />
            ))}
          </fieldset>
        ))}
        <h2>{ctx.t('Bản quét thành phần hồ sơ', 'Scans of the documents')}</h2>
        <p class="vh-hint">{ctx.t('PDF, JPEG hoặc PNG, tối đa 10 MB mỗi tệp; chọn được nhiều tệp cho một giấy tờ.', 'PDF, JPEG or PNG, up to 10 MB each.')}</p>
        {proc.documents.map((doc, i) => {
          const err = p.errors?.[`file_${i}`];
          const kept = p.kept.filter((k) => k.documentIndex === i);
          return (
            <div key={i} class={`vh-field${err ? ' vh-field--error' : ''}`}>
              <label class="vh-label" for={`f-file_${i}`}>
                {i + 1}. {doc.name}
              </label>
              {kept.length > 0 && (
                <p class="vh-hint" id={`h-file_${i}`}>
                  {ctx.t('Đã nhận:', 'Kept:')} {kept.map((k) => k.name).join(', ')}
                </p>
              )}
              {err && (
                <p id={`e-file_${i}`} class="vh-error">
                  <span class="vh-visually-hidden">{ctx.t('Lỗi:', 'Error:')}</span> {ctx.lang === 'en' ? err.en : err.vi}
                </p>
              )}
              <input
                class="vh-input"
                type="file"
                id={`f-file_${i}`}
                name={`file_${i}`}
                multiple
                accept="application/pdf,image/jpeg,image/png"
                aria-describedby={[kept.length ? `h-file_${i}` : '', err ? `e-file_${i}` : ''].filter(Boolean).join(' ') || undefined}
              />
            </div>
          );
        })}
        <Button>{ctx.t('Tiếp nhận hồ sơ và in giấy hẹn', 'Receive and print the receipt')}</Button>
      </form>
    </Layout>
  );
}
