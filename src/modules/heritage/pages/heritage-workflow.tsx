import type { FieldErrors } from '../../../core/errors.js';
import { Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { formatDateVi } from '../../../core/validation.js';
import { ruleLabel } from '../heritage.queries.js';
import type { Relic, Rule } from '../heritage.repository.js';
import type { FileStep } from '../heritage.schema.js';
import { STATE_LABELS, STEP_LABELS, canReturn, nextStep } from '../heritage.workflow.js';
import type { FileDocument, FileListRow, FileStepRow, RankingFile, StepRule } from '../heritage.workflow.repository.js';

type Errs = FieldErrors | undefined;

function Due(p: { ctx: PageContext; due: string | null; today: string }) {
  if (!p.due) return <span>—</span>;
  const late = p.due < p.today;
  return <span class={late ? 'vh-tag vh-tag--off' : ''}>{late ? p.ctx.t(`Quá hạn (${formatDateVi(p.due)})`, `Overdue (${formatDateVi(p.due)})`) : formatDateVi(p.due)}</span>;
}

export function FilesPage(p: { ctx: PageContext; files: FileListRow[]; rules: Rule[]; stepRules: StepRule[]; state: string; today: string; values?: Record<string, string>; errors?: Errs; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  const v = p.values ?? {};
  return (
    <Layout ctx={ctx} title={t('Hồ sơ xếp hạng di tích', 'Relic ranking files')} wide>
      <h1>{t('Hồ sơ xếp hạng di tích', 'Relic ranking files')}</h1>
      <p>
        {t(
          'Quy trình: đề nghị xếp hạng → kiểm kê → lập hồ sơ khoa học → Hội đồng thẩm định → trình cấp có thẩm quyền → quyết định xếp hạng. Thời hạn từng bước tính theo ngày làm việc.',
          'Workflow: proposal → inventory → profile compiled → appraisal by the council → submitted → decision. Step deadlines count working days.',
        )}
      </p>
      <form method="get" action="/quan-tri/di-san/ho-so" class="vh-filters" aria-label={t('Lọc hồ sơ', 'Filter files')}>
        <div class="vh-field">
          <label class="vh-label" for="f-tinh-trang">
            {t('Tình trạng', 'State')}
          </label>
          <select id="f-tinh-trang" name="tinh-trang" class="vh-select">
            <option value="">{t('Tất cả', 'All')}</option>
            {Object.entries(STATE_LABELS).map(([k, l]) => (
              <option key={k} value={k} selected={p.state === k}>
                {t(l.vi, l.en)}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t('Lọc', 'Filter')}</Button>
      </form>
      <DataTable
        ctx={ctx}
        caption={t('Danh sách hồ sơ xếp hạng', 'Ranking files')}
        rows={p.files}
        rowKey={(f) => f.id}
        empty={t('Chưa có hồ sơ xếp hạng.', 'No ranking file.')}
        columns={[
          { header: t('Mã hồ sơ', 'File'), cell: (f) => <a href={`/quan-tri/di-san/ho-so/${f.id}`}>{f.code}</a> },
          { header: t('Di tích', 'Relic'), cell: (f) => `${f.relicName} (${f.relicCode})` },
          { header: t('Cấp đề nghị', 'Proposed level'), cell: (f) => ruleLabel(p.rules, 'level', f.proposedLevel, ctx.lang) },
          { header: t('Bước hiện tại', 'Current step'), cell: (f) => t(STEP_LABELS[f.step].vi, STEP_LABELS[f.step].en) },
          { header: t('Hạn bước', 'Step due'), cell: (f) => (f.state === 'open' ? <Due ctx={ctx} due={f.stepDueOn} today={p.today} /> : t(STATE_LABELS[f.state]!.vi, STATE_LABELS[f.state]!.en)) },
        ]}
      />
      <h2 id="mo-ho-so">{t('Mở hồ sơ xếp hạng', 'Open a ranking file')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/di-san/ho-so" label={t('Mở hồ sơ xếp hạng', 'Open a ranking file')}>
        <TextField ctx={ctx} name="relicCode" label={t('Mã di tích trong sổ đăng ký', 'Relic code in the register')} hint={t('Ví dụ DT-0001', 'e.g. DT-0001')} value={v.relicCode} errors={p.errors} width="half" />
        <SelectField
          ctx={ctx}
          name="proposedLevel"
          label={t('Cấp đề nghị xếp hạng', 'Proposed level')}
          value={v.proposedLevel}
          errors={p.errors}
          options={[{ value: '', label: '—' }, ...p.rules.filter((x) => x.kind === 'level').map((x) => ({ value: x.key, label: ctx.lang === 'en' ? x.labelEn : x.label }))]}
        />
        <TextField ctx={ctx} name="startedOn" label={t('Ngày nhận văn bản đề nghị', 'Date the proposal was received')} hint={t('Ngày/tháng/năm; để trống là hôm nay', 'dd/mm/yyyy; empty = today')} value={v.startedOn} errors={p.errors} width="half" />
        <TextArea ctx={ctx} name="note" label={t('Ghi chú (không bắt buộc)', 'Note (optional)')} value={v.note} errors={p.errors} rows={2} />
        <Button>{t('Mở hồ sơ', 'Open the file')}</Button>
      </Form>
      <h2>{t('Thời hạn các bước đang áp dụng', 'Step deadlines in force')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Thời hạn các bước', 'Step deadlines')}
        rows={p.stepRules}
        rowKey={(r) => r.id}
        columns={[
          { header: t('Bước', 'Step'), cell: (r) => (ctx.lang === 'en' ? r.labelEn : r.label) },
          { header: t('Số ngày làm việc', 'Working days'), cell: (r) => (r.workingDays > 0 ? String(r.workingDays) : '—') },
          { header: t('Tài liệu của bước', 'Documents'), cell: (r) => (ctx.lang === 'en' ? r.documentsEn : r.documents) },
          { header: t('Căn cứ, hiệu lực', 'Basis, in force'), cell: (r) => `${r.legalBasis}; ${t('từ', 'from')} ${formatDateVi(r.effectiveFrom)}${r.confirmed ? '' : t(' (chưa xác nhận)', ' (unconfirmed)')}` },
        ]}
      />
    </Layout>
  );
}

export type FileForm = 'document' | 'move' | 'decide';

export function FilePage(p: {
  ctx: PageContext;
  file: RankingFile;
  relic: Relic;
  rules: Rule[];
  stepRules: StepRule[];
  steps: FileStepRow[];
  documents: FileDocument[];
  today: string;
  form?: FileForm;
  values?: Record<string, string>;
  errors?: Errs;
  message?: string;
}) {
  const { ctx, file: f, relic } = p;
  const t = ctx.t;
  const v = p.values ?? {};
  const err = (form: FileForm) => (p.form === form ? p.errors : undefined);
  const stepLabel = (s: FileStep) => t(STEP_LABELS[s].vi, STEP_LABELS[s].en);
  const rule = p.stepRules.find((r) => r.step === f.step);
  const next = nextStep(f.step);
  const csrf = encodeURIComponent(ctx.csrf);
  return (
    <Layout ctx={ctx} title={`${t('Hồ sơ xếp hạng', 'Ranking file')} ${f.code}`} wide>
      <p>
        <a href="/quan-tri/di-san/ho-so">{t('← Hồ sơ xếp hạng', '← Ranking files')}</a>
      </p>
      <h1>
        {t('Hồ sơ xếp hạng', 'Ranking file')} {f.code}
      </h1>
      <dl class="vh-summary">
        <dt>{t('Di tích', 'Relic')}</dt>
        <dd>
          <a href={`/quan-tri/di-san/${relic.id}`}>
            {relic.name} ({relic.code})
          </a>
        </dd>
        <dt>{t('Cấp hiện tại', 'Current level')}</dt>
        <dd>{relic.level ? ruleLabel(p.rules, 'level', relic.level, ctx.lang) : t('Chưa xếp hạng', 'Not ranked')}</dd>
        <dt>{t('Cấp đề nghị', 'Proposed level')}</dt>
        <dd>{ruleLabel(p.rules, 'level', f.proposedLevel, ctx.lang)}</dd>
        <dt>{t('Tình trạng', 'State')}</dt>
        <dd id="tinh-trang-ho-so">
          {t(STATE_LABELS[f.state]!.vi, STATE_LABELS[f.state]!.en)} — {stepLabel(f.step)}
        </dd>
        {f.state === 'open' && (
          <>
            <dt>{t('Hạn của bước', 'Step due')}</dt>
            <dd id="han-buoc">
              <Due ctx={ctx} due={f.stepDueOn} today={p.today} />
              {rule && rule.workingDays > 0 && <span class="vh-hint"> {t(`(${rule.workingDays} ngày làm việc từ ${formatDateVi(f.stepStartedOn)}; ${rule.legalBasis})`, `(${rule.workingDays} working days from ${formatDateVi(f.stepStartedOn)})`)}</span>}
            </dd>
          </>
        )}
      </dl>

      <h2>{t('Các bước', 'Steps')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Diễn biến hồ sơ', 'File history')}
        rows={p.steps}
        rowKey={(s) => s.id}
        columns={[
          { header: t('Bước', 'Step'), cell: (s) => stepLabel(s.step) },
          { header: t('Bắt đầu', 'Started'), cell: (s) => formatDateVi(s.startedOn) },
          { header: t('Hạn', 'Due'), cell: (s) => (s.dueOn ? formatDateVi(s.dueOn) : '—') },
          { header: t('Hoàn thành', 'Completed'), cell: (s) => (s.completedOn ? formatDateVi(s.completedOn) : '—') },
          { header: t('Kết quả, ghi chú', 'Outcome, note'), cell: (s) => [s.outcome === 'return' ? t('Trả lại để hoàn thiện', 'Sent back') : s.outcome === 'stop' ? t('Dừng', 'Stopped') : '', s.note].filter(Boolean).join(': ') },
        ]}
      />

      <h2 id="tai-lieu">{t('Tài liệu', 'Documents')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Tài liệu theo bước', 'Documents by step')}
        rows={p.documents}
        rowKey={(d) => d.id}
        empty={t('Chưa có tài liệu.', 'No document yet.')}
        columns={[
          { header: t('Bước', 'Step'), cell: (d) => stepLabel(d.step) },
          { header: t('Tài liệu', 'Document'), cell: (d) => <a href={`/quan-tri/di-san/ho-so/tai-lieu/${d.id}`}>{d.title}</a> },
          { header: t('Ngày tải lên', 'Uploaded'), cell: (d) => formatDateVi(d.createdAt) },
        ]}
      />
      {f.state === 'open' && (
        <>
          {p.form === 'document' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
          <Form ctx={ctx} action={`/quan-tri/di-san/ho-so/${f.id}/tai-lieu?_csrf=${csrf}`} multipart label={t('Thêm tài liệu của bước hiện tại', 'Add a document of the current step')}>
            <p class="vh-hint">
              {t('Tài liệu của bước này:', 'Documents of this step:')} {rule ? (ctx.lang === 'en' ? rule.documentsEn : rule.documents) : '—'}
            </p>
            <TextField ctx={ctx} name="title" label={t('Tên tài liệu', 'Title')} value={p.form === 'document' ? v.title : ''} errors={err('document')} />
            <div class={`vh-field${err('document')?.file ? ' vh-field--error' : ''}`}>
              <label class="vh-label" for="f-file">
                {t('Tệp (PDF, JPEG hoặc PNG, tối đa 20 MB)', 'File (PDF, JPEG or PNG, max 20 MB)')}
              </label>
              {err('document')?.file && (
                <p id="e-file" class="vh-error">
                  {t(err('document')!.file!.vi, err('document')!.file!.en)}
                </p>
              )}
              <input id="f-file" name="file" type="file" class="vh-input" accept="application/pdf,image/jpeg,image/png" aria-describedby={err('document')?.file ? 'e-file' : undefined} />
            </div>
            <Button variant="secondary">{t('Tải lên', 'Upload')}</Button>
          </Form>

          <h2 id="xu-ly">{t('Xử lý hồ sơ', 'Act on the file')}</h2>
          {p.form === 'move' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
          {next && (
            <Form ctx={ctx} action={`/quan-tri/di-san/ho-so/${f.id}/chuyen`} label={t('Chuyển bước tiếp theo', 'Move to the next step')}>
              <input type="hidden" name="version" value={String(f.version)} />
              <input type="hidden" name="move" value="advance" />
              <TextField ctx={ctx} name="on" label={t('Ngày hoàn thành bước', 'Date the step was completed')} hint={t('Ngày/tháng/năm; để trống là hôm nay', 'dd/mm/yyyy; empty = today')} value={p.form === 'move' && v.move === 'advance' ? v.on : ''} errors={p.form === 'move' && v.move === 'advance' ? p.errors : undefined} width="half" />
              <Button>{t(`Chuyển sang: ${STEP_LABELS[next].vi}`, `Move to: ${STEP_LABELS[next].en}`)}</Button>
            </Form>
          )}
          {canReturn(f.step) && (
            <Form ctx={ctx} action={`/quan-tri/di-san/ho-so/${f.id}/chuyen`} label={t('Trả lại để hoàn thiện hồ sơ', 'Send back to complete the profile')}>
              <input type="hidden" name="version" value={String(f.version)} />
              <input type="hidden" name="move" value="return" />
              <TextArea ctx={ctx} name="note" label={t('Lý do trả lại (ý kiến Hội đồng hoặc cơ quan thẩm định)', 'Reason (the council’s opinion)')} value={p.form === 'move' && v.move === 'return' ? v.note : ''} errors={p.form === 'move' && v.move === 'return' ? p.errors : undefined} rows={2} />
              <Button variant="secondary">{t('Trả lại để hoàn thiện', 'Send back')}</Button>
            </Form>
          )}
          {f.step === 'submitted' && (
            <>
              <h3 id="quyet-dinh">{t('Ghi quyết định xếp hạng', 'Record the ranking decision')}</h3>
              {p.form === 'decide' && <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />}
              <Form ctx={ctx} action={`/quan-tri/di-san/ho-so/${f.id}/quyet-dinh?_csrf=${csrf}`} multipart label={t('Ghi quyết định xếp hạng', 'Record the ranking decision')}>
                <input type="hidden" name="version" value={String(f.version)} />
                <SelectField
                  ctx={ctx}
                  name="level"
                  label={t('Cấp xếp hạng', 'Level')}
                  value={v.level ?? f.proposedLevel}
                  errors={err('decide')}
                  options={p.rules.filter((x) => x.kind === 'level').map((x) => ({ value: x.key, label: ctx.lang === 'en' ? x.labelEn : x.label }))}
                />
                <TextField ctx={ctx} name="number" label={t('Số quyết định', 'Decision number')} hint={t('Ví dụ 1234/QĐ-UBND', 'e.g. 1234/QĐ-UBND')} value={v.number} errors={err('decide')} width="half" />
                <TextField ctx={ctx} name="decidedOn" label={t('Ngày quyết định', 'Date')} hint={t('Ngày/tháng/năm, ví dụ 15/03/2026', 'dd/mm/yyyy')} value={v.decidedOn} errors={err('decide')} width="half" />
                <TextField ctx={ctx} name="issuer" label={t('Cơ quan, người ban hành', 'Issuer')} value={v.issuer} errors={err('decide')} />
                <div class="vh-field">
                  <label class="vh-label" for="f-decision-file">
                    {t('Bản quyết định (PDF, không bắt buộc)', 'The decision (PDF, optional)')}
                  </label>
                  <input id="f-decision-file" name="file" type="file" class="vh-input" accept="application/pdf" />
                </div>
                <Button>{t('Ghi quyết định và cập nhật sổ đăng ký', 'Record and update the register')}</Button>
              </Form>
            </>
          )}
          <Form ctx={ctx} action={`/quan-tri/di-san/ho-so/${f.id}/chuyen`} label={t('Dừng hồ sơ', 'Stop the file')}>
            <input type="hidden" name="version" value={String(f.version)} />
            <input type="hidden" name="move" value="stop" />
            <TextArea ctx={ctx} name="note" label={t('Lý do dừng hồ sơ', 'Reason for stopping')} value={p.form === 'move' && v.move === 'stop' ? v.note : ''} errors={p.form === 'move' && v.move === 'stop' ? p.errors : undefined} rows={2} />
            <Button variant="warning">{t('Dừng hồ sơ', 'Stop the file')}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}
